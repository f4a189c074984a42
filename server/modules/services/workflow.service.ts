/**
 * The referral workflow (协作平台): the window refers a request to the responsible department with a time limit in
 * working days; the department accepts, declines with a coded reason naming the organization responsible instead,
 * transfers it onward, or answers; the window closes an answered request. Each step writes the referral row, the
 * request's history (the machine's event) and the audit entry in one transaction.
 */
import { asc, desc, eq } from "drizzle-orm";
import type { z } from "zod";
import { addDays, beijingDate } from "../../../contracts/dates.js";
import {
  type declineInput,
  PERSONAL_FIELD_LABELS,
  type RequestDetail,
  type referInput,
  SERVICE_DECLINE_DICT,
} from "../../../contracts/services.js";
import type { Ctx } from "../../core/context.js";
import { dictLabels, requireDictCode } from "../../core/dict.js";
import { errors } from "../../core/errors.js";
import type { Tx } from "../../db/client.js";
import { orgBriefs, orgById } from "../org/index.js";
import { EVENT_LABELS, getRequestView, referralDates, referralPlan, requestMachine } from "./request.service.js";
import { serviceAccessLog, serviceReferrals, serviceRequestEvents } from "./services.schema.js";
import { loadRequest, type RequestAccess, requireDepartment, requireWindow } from "./services-access.js";
import { reopenDays } from "./settings.js";

const F = serviceReferrals;
export const OUTCOME_LABELS: Record<string, string> = {
  pending: "待接收",
  received: "已接收",
  declined: "已拒收",
  transferred: "已转交",
  answered: "已答复",
};

async function targetOrg(tx: Tx, id: string, field: string) {
  const org = await orgById(tx, id);
  if (org?.status !== "active") throw errors.field(field, "services.org_unknown");
  return org;
}

async function currentReferral(tx: Tx, a: RequestAccess) {
  if (!a.row.referralId) throw errors.conflict("NO_REFERRAL", "services.no_referral");
  const [ref] = await tx.select().from(F).where(eq(F.id, a.row.referralId));
  return ref;
}

/** A new referral row and the request's move to 已转办 (`refer` from the window, `transfer` by the department). */
async function referTo(
  ctx: Ctx,
  tx: Tx,
  a: RequestAccess,
  action: "refer" | "transfer",
  input: z.infer<typeof referInput>,
  plan: ReferralPlan,
) {
  requestMachine.assert(a.row.status, action);
  const org = await targetOrg(tx, input.toOrgId, "toOrgId");
  if (org.id === ctx.actor.orgId && action === "transfer") throw errors.field("toOrgId", "services.transfer_self");
  const dates = referralDates(ctx, plan, a.row.category, input.days);
  const now = ctx.clock.now();
  const [ref] = await tx
    .insert(F)
    .values({
      requestId: a.row.id,
      fromOrgId: ctx.actor.orgId,
      toOrgId: org.id,
      days: dates.days,
      referredAt: now,
      acceptDueOn: dates.acceptDueOn,
      dueOn: dates.dueOn,
    })
    .returning();
  await requestMachine.move(tx, ctx, a.row, action, {
    set: {
      deptOrgId: org.id,
      referralId: ref.id,
      acceptDueOn: dates.acceptDueOn,
      dueOn: dates.dueOn,
      referredAt: now,
      receivedAt: null,
    },
    summary: `服务申请 ${a.row.trackingCode} ${action === "refer" ? "转办" : "转交"}至${org.name}，${dates.days} 个工作日内答复（${dates.dueOn} 前）`,
    changes: { deptOrg: [a.row.deptOrgId, org.id], dueOn: [a.row.dueOn, dates.dueOn] },
    note: input.note ?? null,
    event: { toOrgId: org.id, toOrgName: org.name, days: dates.days, dueOn: dates.dueOn },
  });
}

type ReferralPlan = Awaited<ReturnType<typeof referralPlan>>;

export async function referRequest(ctx: Ctx, id: string, input: z.infer<typeof referInput>) {
  const plan = await referralPlan(ctx);
  await ctx.db.transaction(async (tx) => {
    const a = await loadRequest(ctx, id, tx);
    requireWindow(a);
    await referTo(ctx, tx, a, "refer", input, plan);
  });
  return getRequestView(ctx, id);
}

export async function transferRequest(ctx: Ctx, id: string, input: z.infer<typeof referInput>) {
  const plan = await referralPlan(ctx);
  await ctx.db.transaction(async (tx) => {
    const a = await loadRequest(ctx, id, tx);
    requireDepartment(ctx, a);
    requestMachine.assert(a.row.status, "transfer");
    const ref = await currentReferral(tx, a);
    await tx
      .update(F)
      .set({ outcome: "transferred", respondedAt: ctx.clock.now(), responsibleOrgId: input.toOrgId })
      .where(eq(F.id, ref.id));
    await referTo(ctx, tx, a, "transfer", input, plan);
  });
  return getRequestView(ctx, id);
}

export async function receiveRequest(ctx: Ctx, id: string, note?: string) {
  await ctx.db.transaction(async (tx) => {
    const a = await loadRequest(ctx, id, tx);
    requireDepartment(ctx, a);
    requestMachine.assert(a.row.status, "receive");
    const ref = await currentReferral(tx, a);
    const now = ctx.clock.now();
    await tx.update(F).set({ outcome: "received", receivedAt: now }).where(eq(F.id, ref.id));
    await requestMachine.move(tx, ctx, a.row, "receive", {
      set: { receivedAt: now },
      summary: `${ctx.actor.orgName}接收服务申请 ${a.row.trackingCode}`,
      note: note ?? null,
    });
  });
  return getRequestView(ctx, id);
}

export async function declineRequest(ctx: Ctx, id: string, input: z.infer<typeof declineInput>) {
  await ctx.db.transaction(async (tx) => {
    const a = await loadRequest(ctx, id, tx);
    requireDepartment(ctx, a);
    requestMachine.assert(a.row.status, "decline");
    const reasonLabel = await requireDictCode(tx, SERVICE_DECLINE_DICT, input.reason, "reason");
    const responsible = await targetOrg(tx, input.responsibleOrgId, "responsibleOrgId");
    if (responsible.id === ctx.actor.orgId) throw errors.field("responsibleOrgId", "services.responsible_self");
    const ref = await currentReferral(tx, a);
    await tx
      .update(F)
      .set({
        outcome: "declined",
        respondedAt: ctx.clock.now(),
        declineReason: input.reason,
        declineNote: input.note ?? null,
        responsibleOrgId: responsible.id,
      })
      .where(eq(F.id, ref.id));
    await requestMachine.move(tx, ctx, a.row, "decline", {
      set: { deptOrgId: null },
      summary: `${ctx.actor.orgName}拒收服务申请 ${a.row.trackingCode}：${reasonLabel}，应由${responsible.name}办理`,
      changes: { declineReason: [null, input.reason], responsibleOrg: [null, responsible.id] },
      note: input.note ?? null,
      event: { reason: input.reason, responsibleOrgId: responsible.id, responsibleOrgName: responsible.name },
    });
  });
  return getRequestView(ctx, id);
}

/** The department answers (or the window itself, before any referral: a 政策咨询 answered on the spot). */
export async function answerRequest(ctx: Ctx, id: string, answer: string) {
  await ctx.db.transaction(async (tx) => {
    const a = await loadRequest(ctx, id, tx);
    if (a.row.status === "accepted") requireWindow(a);
    else requireDepartment(ctx, a);
    requestMachine.assert(a.row.status, "answer");
    const now = ctx.clock.now();
    const onTime = a.row.dueOn ? beijingDate(now) <= a.row.dueOn : true;
    if (a.row.status === "received") {
      const ref = await currentReferral(tx, a);
      await tx.update(F).set({ outcome: "answered", respondedAt: now }).where(eq(F.id, ref.id));
    }
    await requestMachine.move(tx, ctx, a.row, "answer", {
      set: { answer, answeredAt: now, answeredOnTime: onTime },
      summary: `${ctx.actor.orgName}答复服务申请 ${a.row.trackingCode}${onTime ? "" : "（超期）"}`,
      changes: { answer: [a.row.answer, answer] },
      event: { onTime },
    });
  });
  return getRequestView(ctx, id);
}

export async function closeRequest(ctx: Ctx, id: string, note?: string) {
  await ctx.db.transaction(async (tx) => {
    const a = await loadRequest(ctx, id, tx);
    requireWindow(a);
    await requestMachine.move(tx, ctx, a.row, "close", {
      set: { closedAt: ctx.clock.now() },
      summary: `服务申请 ${a.row.trackingCode} 办结`,
      note: note ?? null,
    });
  });
  return getRequestView(ctx, id);
}

/** The last day a closed request may be reopened by the person (its closing date + the setting). */
export async function reopenUntil(db: Ctx["db"], closedAt: Date | null): Promise<string | null> {
  return closedAt ? addDays(beijingDate(closedAt), await reopenDays(db)) : null;
}

/** Referrals, history and the access log of one request (the caller has already passed loadRequest). */
export async function requestHistory(ctx: Pick<Ctx, "db">, requestId: string) {
  const [refs, events, accesses, reasons] = await Promise.all([
    ctx.db.select().from(F).where(eq(F.requestId, requestId)).orderBy(asc(F.referredAt)),
    ctx.db
      .select()
      .from(serviceRequestEvents)
      .where(eq(serviceRequestEvents.requestId, requestId))
      .orderBy(asc(serviceRequestEvents.at)),
    ctx.db
      .select()
      .from(serviceAccessLog)
      .where(eq(serviceAccessLog.requestId, requestId))
      .orderBy(desc(serviceAccessLog.at)),
    dictLabels(ctx.db, SERVICE_DECLINE_DICT),
  ]);
  const orgIds = [
    ...refs.flatMap((r) => [r.fromOrgId, r.toOrgId, r.responsibleOrgId, ...(r.escalatedTo ?? [])]),
    ...accesses.map((x) => x.orgId),
  ].filter((x): x is string => !!x);
  const names = await orgBriefs(ctx.db, orgIds);
  const n = (id: string | null) => (id ? (names.get(id)?.name ?? "") : null);
  return {
    referrals: refs.map((r) => ({
      id: r.id,
      fromOrgName: n(r.fromOrgId) ?? "",
      toOrgName: n(r.toOrgId) ?? "",
      days: r.days,
      referredAt: r.referredAt.toISOString(),
      acceptDueOn: r.acceptDueOn,
      dueOn: r.dueOn,
      outcome: r.outcome,
      outcomeLabel: OUTCOME_LABELS[r.outcome],
      receivedAt: r.receivedAt?.toISOString() ?? null,
      respondedAt: r.respondedAt?.toISOString() ?? null,
      declineReasonLabel: r.declineReason ? (reasons.get(r.declineReason) ?? r.declineReason) : null,
      declineNote: r.declineNote,
      responsibleOrgId: r.responsibleOrgId,
      responsibleOrgName: n(r.responsibleOrgId),
      escalatedAt: r.escalatedAt?.toISOString() ?? null,
      escalatedToNames: (r.escalatedTo ?? []).map((id) => n(id) ?? ""),
    })),
    events: events.map((e) => ({
      action: e.action,
      actionLabel: EVENT_LABELS[e.action] ?? e.action,
      actorName: e.actorName,
      note: e.note,
      at: e.at.toISOString(),
    })),
    accesses: accesses.map((x) => ({
      field: x.field,
      fieldLabel: PERSONAL_FIELD_LABELS[x.field],
      reason: x.reason,
      userName: x.userName,
      orgName: n(x.orgId) ?? "",
      at: x.at.toISOString(),
    })),
  };
}

export async function getRequestDetail(ctx: Ctx, id: string): Promise<RequestDetail> {
  await loadRequest(ctx, id);
  const view = await getRequestView(ctx, id);
  const history = await requestHistory(ctx, id);
  return {
    ...view,
    ...history,
    reopenUntil: await reopenUntil(ctx.db, view.closedAt ? new Date(view.closedAt) : null),
  };
}
