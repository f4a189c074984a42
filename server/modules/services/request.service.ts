/**
 * Service requests (服务申请): received at a window, by hotline or online; referred (转办) to the responsible
 * department against a time limit in working days (the official calendar); accepted or declined with a coded
 * reason naming who is responsible; transferred onward; answered; rated and closed by the person, who may reopen
 * within a set period. Legal aid (法律援助) is the green channel: first in every queue, shorter limit.
 *
 * Status: 已受理 → 已转办 → 已接收 / 已拒收 → 已答复 → 已办结 (`requestMachine`, the only writer of `status`).
 */
import crypto from "node:crypto";
import { and, asc, desc, eq, gte, inArray, lt, type SQL, sql } from "drizzle-orm";
import { addDays, addWorkingDays, beijingDate, beijingStartOf } from "../../../contracts/dates.js";
import {
  CHANNEL_LABELS,
  LEGAL_AID,
  PERSONAL_FIELD_LABELS,
  type PersonalField,
  REQUEST_STATUS_LABELS,
  type RequestCreate,
  type RequestListQuery,
  type RequestStatus,
  type RequestView,
  SATISFACTION_LABELS,
  SERVICE_CATEGORY_DICT,
  type ServiceChannel,
} from "../../../contracts/services.js";
import { type Actor, can, inScope, regionTreeWhere, scopeFor } from "../../core/access.js";
import { type Ctx, type Deps, readDb } from "../../core/context.js";
import { maskIdNumber, maskName, maskPhone } from "../../core/crypto.js";
import { dictLabelSql, requireDictCode } from "../../core/dict.js";
import { errors } from "../../core/errors.js";
import { paged, pageResult } from "../../core/paging.js";
import { defineMachine } from "../../core/state-machine.js";
import type { Tx } from "../../db/client.js";
import { recordAudit } from "../audit/index.js";
import { orgNameSql, regionNameSql } from "../org/index.js";
import { getWorkingCalendar } from "../system/index.js";
import { serviceAccessLog, serviceRequestEvents, serviceRequests, serviceWindows } from "./services.schema.js";
import { departmentWhere, type RequestRow, visibleWhere, windowWhere } from "./services-access.js";
import { acceptDays, timeLimits } from "./settings.js";

const R = serviceRequests;

export const requestMachine = defineMachine({
  entity: "service_request",
  auditPrefix: "service_request",
  table: serviceRequests,
  labels: REQUEST_STATUS_LABELS,
  transitions: {
    refer: { from: ["accepted", "declined"], to: ["referred"], label: "转办" },
    transfer: { from: ["received"], to: ["referred"], label: "转交其他部门" },
    receive: { from: ["referred"], to: ["received"], label: "接收" },
    decline: { from: ["referred"], to: ["declined"], label: "拒收" },
    answer: { from: ["accepted", "received"], to: ["answered"], label: "答复" },
    close: { from: ["answered"], to: ["closed"], label: "办结" },
    rate: {
      from: ["answered", "closed"],
      to: ["closed"],
      label: "评价",
      guard: (_tx, row) => {
        if (row.ratedAt) throw errors.conflict("ALREADY_RATED", "services.already_rated");
      },
    },
    reopen: { from: ["closed"], to: ["accepted"], label: "重新办理" },
    escalate: { from: ["referred", "received"], to: [], label: "超期督办" },
  },
  audit: recordAudit,
  scope: (r) => ({ regionCode: r.regionCode, orgId: r.orgId }),
  event: async (tx, ctx, e) => {
    await tx.insert(serviceRequestEvents).values({
      requestId: e.row.id,
      action: e.action,
      fromStatus: e.from,
      toStatus: e.to,
      orgId: ctx.actor?.orgId ?? (e.event.orgId as string | undefined) ?? null,
      actorId: ctx.actor?.userId ?? null,
      actorName: ctx.actor?.displayName ?? (e.event.actorName as string | undefined) ?? "公众",
      note: e.note,
      data: e.event,
      at: ctx.clock.now(),
    });
  },
});

export const EVENT_LABELS: Record<string, string> = {
  create: "受理",
  ...Object.fromEntries(Object.entries(requestMachine.transitions).map(([k, v]) => [k, v.label])),
};

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export function trackingCode(): string {
  return Array.from(crypto.randomBytes(10), (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
}

/** "open and overdue" in SQL: not accepted by its accept date, or not answered by its due date (Beijing dates). */
export function overdueSql(today: string): SQL<boolean> {
  return sql<boolean>`((${R.status} = 'referred' and ${R.acceptDueOn} < ${today}) or (${R.status} in ('referred','received') and ${R.dueOn} < ${today}))`;
}

export const today = (deps: Pick<Deps, "clock">) => beijingDate(deps.clock.now());

/** Creates a request (console, portal, meeting follow-up) in the caller's transaction, with its first event. */
export async function insertRequest(
  tx: Tx,
  deps: Deps,
  actor: Actor | null,
  input: RequestCreate & { channel: ServiceChannel },
  opts: { actorName?: string; at?: Date } = {},
): Promise<RequestRow> {
  const categoryLabel = await requireDictCode(tx, SERVICE_CATEGORY_DICT, input.category, "category");
  const [w] = await tx.select().from(serviceWindows).where(eq(serviceWindows.id, input.windowId));
  if (!w?.active) throw errors.field("windowId", "services.window_unknown");
  const now = opts.at ?? deps.clock.now();
  const green = input.category === LEGAL_AID;
  const [row] = await tx
    .insert(R)
    .values({
      trackingCode: trackingCode(),
      category: input.category,
      channel: input.channel,
      description: input.description,
      language: input.language,
      windowId: w.id,
      orgId: w.orgId,
      regionCode: w.regionCode,
      green,
      legalBasis: input.legalBasis ?? "本人申请并同意（《个人信息保护法》第十三条第一款第一项）",
      nameEnc: deps.cipher.encrypt(input.name),
      phoneEnc: input.phone ? deps.cipher.encrypt(input.phone) : null,
      phoneIdx: input.phone ? deps.cipher.blindIndex(input.phone) : null,
      idNumberEnc: input.idNumber ? deps.cipher.encrypt(input.idNumber) : null,
      idNumberIdx: input.idNumber ? deps.cipher.blindIndex(input.idNumber) : null,
      createdBy: actor?.userId ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const actorName = actor?.displayName ?? opts.actorName ?? "公众";
  await tx.insert(serviceRequestEvents).values({
    requestId: row.id,
    action: "create",
    toStatus: "accepted",
    orgId: actor?.orgId ?? w.orgId,
    actorId: actor?.userId ?? null,
    actorName,
    note: `${CHANNEL_LABELS[input.channel]}受理${green ? "（绿色通道）" : ""}`,
    at: now,
  });
  await recordAudit(tx, deps.clock, actor, {
    category: "data",
    action: "service_request.create",
    entity: "service_request",
    entityId: row.id,
    regionCode: w.regionCode,
    orgId: w.orgId,
    actorName,
    summary: `${w.name}受理${categoryLabel}服务申请（${CHANNEL_LABELS[input.channel]}）${green ? "，绿色通道" : ""}`,
    changes: {
      category: [null, input.category],
      channel: [null, input.channel],
      green: [null, green],
      name: [null, "***"],
      ...(input.phone ? { phone: [null, "***"] } : {}),
      ...(input.idNumber ? { idNumber: [null, "***"] } : {}),
    },
  });
  return row;
}

export async function createRequest(ctx: Ctx, input: RequestCreate) {
  const row = await ctx.db.transaction(async (tx) => {
    const [w] = await tx.select().from(serviceWindows).where(eq(serviceWindows.id, input.windowId));
    if (!w) throw errors.field("windowId", "services.window_unknown");
    if (!worksAtWindow(ctx.actor, w)) throw errors.outOfScope("service_window");
    return insertRequest(tx, ctx, ctx.actor, input);
  });
  return getRequestView(ctx, row.id);
}

/** Whether the actor is staff of this window, or holds service:receive over its organization/region. */
export function worksAtWindow(actor: Actor, w: typeof serviceWindows.$inferSelect): boolean {
  if (!can(actor, "service:receive")) return false;
  if (w.staff.some((s) => s.userId === actor.userId)) return true;
  const scope = scopeFor(actor, "service:receive");
  return !!scope && inScope(scope, { regionCode: w.regionCode, orgId: w.orgId });
}

const requestSelect = (t: string) => ({
  r: R,
  categoryLabel: dictLabelSql(SERVICE_CATEGORY_DICT, R.category),
  windowName: sql<string>`(select ${serviceWindows.name} from ${serviceWindows} where ${serviceWindows.id} = ${R.windowId})`,
  orgName: orgNameSql(R.orgId),
  regionName: regionNameSql(R.regionCode),
  deptOrgName: sql<string | null>`case when ${R.deptOrgId} is null then null else ${orgNameSql(R.deptOrgId)} end`,
  overdue: overdueSql(t),
});
type Selected = { r: RequestRow; categoryLabel: string; windowName: string; orgName: string } & {
  regionName: string | null;
  deptOrgName: string | null;
  overdue: boolean;
};

function decryptOrNull(deps: Deps, v: string | null): string | null {
  return v ? deps.cipher.decrypt(v) : null;
}

export function toView(deps: Deps, s: Selected): RequestView {
  const r = s.r;
  return {
    id: r.id,
    trackingCode: r.trackingCode,
    category: r.category,
    categoryLabel: s.categoryLabel,
    channel: r.channel,
    channelLabel: CHANNEL_LABELS[r.channel],
    description: r.description,
    language: r.language,
    windowId: r.windowId,
    windowName: s.windowName,
    orgName: s.orgName,
    regionCode: r.regionCode,
    regionName: s.regionName ?? "",
    green: r.green,
    legalBasis: r.legalBasis,
    nameMasked: maskName(decryptOrNull(deps, r.nameEnc)),
    phoneMasked: maskPhone(decryptOrNull(deps, r.phoneEnc)),
    idNumberMasked: maskIdNumber(decryptOrNull(deps, r.idNumberEnc)),
    status: r.status,
    statusLabel: REQUEST_STATUS_LABELS[r.status],
    deptOrgId: r.deptOrgId,
    deptOrgName: s.deptOrgName,
    acceptDueOn: r.acceptDueOn,
    dueOn: r.dueOn,
    overdue: !!s.overdue,
    referredAt: r.referredAt?.toISOString() ?? null,
    receivedAt: r.receivedAt?.toISOString() ?? null,
    answer: r.answer,
    answeredAt: r.answeredAt?.toISOString() ?? null,
    answeredOnTime: r.answeredOnTime,
    closedAt: r.closedAt?.toISOString() ?? null,
    satisfaction: r.satisfaction,
    satisfactionLabel: r.satisfaction ? SATISFACTION_LABELS[r.satisfaction] : null,
    partlySolved: r.partlySolved,
    reopenCount: r.reopenCount,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function getRequestView(ctx: Ctx, id: string): Promise<RequestView> {
  const [s] = await ctx.db
    .select(requestSelect(today(ctx)))
    .from(R)
    .where(and(eq(R.id, id), visibleWhere(ctx)));
  if (!s) throw errors.notFound("service_request");
  return toView(ctx, s as Selected);
}

/** The list condition of a query (the caller's view, filters, exact phone/ID through the blind index). */
export function listWhere(ctx: Ctx, q: Omit<RequestListQuery, "page" | "pageSize" | "sort">): SQL {
  const view =
    q.view === "window" ? windowWhere(ctx) : q.view === "department" ? departmentWhere(ctx, true) : visibleWhere(ctx);
  const conds: (SQL | undefined)[] = [view];
  if (q.status) conds.push(eq(R.status, q.status as RequestStatus));
  if (q.category) conds.push(eq(R.category, q.category));
  if (q.overdue) conds.push(q.overdue === "true" ? overdueSql(today(ctx)) : sql`not ${overdueSql(today(ctx))}`);
  if (q.open) {
    const open = inArray(R.status, OPEN_STATUSES);
    conds.push(q.open === "true" ? open : sql`not ${open}`);
  }
  if (q.regionCode) conds.push(regionTreeWhere(R.regionCode, q.regionCode));
  if (q.phone) conds.push(eq(R.phoneIdx, ctx.cipher.blindIndex(q.phone)));
  if (q.idNumber) conds.push(eq(R.idNumberIdx, ctx.cipher.blindIndex(q.idNumber)));
  if (q.createdFrom) conds.push(gte(R.createdAt, beijingStartOf(q.createdFrom)));
  if (q.createdTo) conds.push(lt(R.createdAt, beijingStartOf(addDays(q.createdTo, 1))));
  return and(...conds) as SQL;
}

const OPEN_STATUSES: RequestStatus[] = ["accepted", "referred", "received"];

/**
 * The list's requests of a query counted by region code (with how many of them are overdue), or by the month
 * they were made (YYYY-MM, Beijing): the leaders' dashboard (insights) sums them, so its figures equal the list's
 * totals with the same filters.
 */
export async function requestCounts(
  ctx: Ctx,
  q: Omit<RequestListQuery, "page" | "pageSize" | "sort">,
  by: "region" | "month",
): Promise<{ key: string; n: number; overdue: number }[]> {
  const key =
    by === "region"
      ? sql<string>`${R.regionCode}`
      : sql<string>`to_char(${R.createdAt} at time zone 'Asia/Shanghai', 'YYYY-MM')`;
  const rows = await readDb(ctx)
    .select({
      key,
      n: sql<number>`count(*)::int`,
      overdue: sql<number>`(count(*) filter (where ${overdueSql(today(ctx))}))::int`,
    })
    .from(R)
    .where(listWhere(ctx, q))
    .groupBy(sql`1`);
  return rows.map((r) => ({ key: String(r.key), n: Number(r.n), overdue: Number(r.overdue) }));
}

/** Queues: the green channel first, then the nearest due date, then the oldest; the window's queue as below. */
export async function listRequests(ctx: Ctx, q: RequestListQuery) {
  const where = listWhere(ctx, q);
  const order = q.sort
    ? [
        q.sort.startsWith("-")
          ? desc(q.sort.endsWith("dueOn") ? R.dueOn : R.createdAt)
          : asc(q.sort === "dueOn" ? R.dueOn : R.createdAt),
        asc(R.id),
      ]
    : q.view === "window"
      ? [
          // The window's own work on top: not yet closed, the green channel first, then what waits for the window
          // (to refer, re-refer after a refusal, or close after the answer), the newest arrival first.
          sql`(${R.status} = 'closed') asc`,
          desc(R.green),
          sql`(${R.status} in ('accepted', 'declined', 'answered')) desc`,
          desc(R.createdAt),
          asc(R.id),
        ]
      : [
          desc(R.green),
          sql`${R.dueOn} asc nulls last`,
          q.view === "all" ? desc(R.createdAt) : asc(R.createdAt),
          asc(R.id),
        ];
  const [rows, [{ total }]] = await Promise.all([
    paged(
      ctx.db
        .select(requestSelect(today(ctx)))
        .from(R)
        .where(where)
        .orderBy(...order),
      q,
    ),
    ctx.db.select({ total: sql<number>`count(*)::int` }).from(R).where(where),
  ]);
  return pageResult(
    rows.map((s) => toView(ctx, s as Selected)),
    Number(total),
    q,
  );
}

/** Reveals one personal field, with a stated reason: logged for the person to see, and in the audit chain. */
export async function revealField(ctx: Ctx, id: string, field: PersonalField, reason: string) {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(R)
      .where(and(eq(R.id, id), visibleWhere(ctx)));
    if (!row) throw errors.notFound("service_request");
    const enc =
      field === "name" ? row.nameEnc : field === "phone" ? row.phoneEnc : field === "idNumber" ? row.idNumberEnc : null;
    if (field === "needs") throw errors.field("field", "services.field_not_on_request");
    await tx.insert(serviceAccessLog).values({
      requestId: row.id,
      field,
      reason,
      userId: ctx.actor.userId,
      userName: ctx.actor.displayName,
      orgId: ctx.actor.orgId,
      at: ctx.clock.now(),
    });
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "service_request.reveal",
      entity: "service_request",
      entityId: row.id,
      regionCode: row.regionCode,
      orgId: row.orgId,
      summary: `查看服务申请 ${row.trackingCode} 的${PERSONAL_FIELD_LABELS[field]}（理由：${reason}）`,
      changes: { revealedField: [null, field], reason: [null, reason] },
    });
    return { field, value: enc ? ctx.cipher.decrypt(enc) : null };
  });
}

/** What a referral's due dates need, read before the transaction (PGlite has one connection). */
export async function referralPlan(deps: Deps) {
  return {
    cal: await getWorkingCalendar(deps.db),
    limits: await timeLimits(deps.db),
    accept: await acceptDays(deps.db),
  };
}

/** The due dates of a referral made today: accept within `accept_days`, answer within `days` working days. */
export function referralDates(
  deps: Deps,
  plan: Awaited<ReturnType<typeof referralPlan>>,
  category: string,
  days: number | undefined,
) {
  const n = days ?? plan.limits[category] ?? plan.limits.other ?? 10;
  const from = today(deps);
  return {
    days: n,
    acceptDueOn: addWorkingDays(from, Math.min(plan.accept, n), plan.cal),
    dueOn: addWorkingDays(from, n, plan.cal),
  };
}
