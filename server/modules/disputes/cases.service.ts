/**
 * 矛盾纠纷 cases. States: 已登记 (registered) → 调解中 (mediating) → 已办结 (concluded, with a result) → 已回访销案
 * (closed, after a follow-up). Transfers, escalations and the "涉及民族因素" mark keep the status and are events
 * of the same machine, so each is in the case's history and the audit log.
 */
import crypto from "node:crypto";
import { and, asc, desc, eq, gte, inArray, lte, type SQL, sql } from "drizzle-orm";
import { beijingDate } from "../../../contracts/dates.js";
import {
  CASE_STATUS_LABELS,
  type CaseCreate,
  type CaseListQuery,
  type CaseStatus,
  type CaseSummary,
  type CaseView,
  DISPUTE_CATEGORY_DICT,
  DISPUTE_SOURCE_DICT,
  RESULT_LABELS,
  RISK_LABELS,
} from "../../../contracts/disputes.js";
import { type Ctx, readDb } from "../../core/context.js";
import { maskName, maskPhone } from "../../core/crypto.js";
import { dictLabelSql, requireDictCode } from "../../core/dict.js";
import { AppError, errors } from "../../core/errors.js";
import { t } from "../../core/i18n.js";
import { cappedCount, paged, pageResult, sortTerm } from "../../core/paging.js";
import { defineMachine, type MoveCtx } from "../../core/state-machine.js";
import type { Queryable, Tx } from "../../db/client.js";
import { recordAudit } from "../audit/index.js";
import { ancestorCodes, orgBriefs, orgNameSql, regionNames } from "../org/index.js";
import {
  disputeAlerts,
  disputeCaseEvents,
  disputeCases,
  disputeFollowups,
  disputeMediations,
  disputeParties,
} from "./disputes.schema.js";
import { assertHandles, assertRecordsFor, type CaseRow, caseVisibleWhere, loadCase } from "./disputes-access.js";
import { flagNothingReports } from "./report-flags.js";
import { getDisputeSettings } from "./settings.service.js";

const HOUR = 3600_000;

export const caseMachine = defineMachine({
  entity: "dispute_case",
  auditPrefix: "disputes.case",
  table: disputeCases,
  labels: CASE_STATUS_LABELS,
  audit: recordAudit,
  scope: (r) => ({ regionCode: r.regionCode, orgId: r.orgId }),
  transitions: {
    mediate: { from: ["registered", "mediating"], to: ["mediating"], label: "记录调解" },
    conclude: { from: ["registered", "mediating"], to: ["concluded"], label: "办结" },
    follow_up: { from: ["concluded"], to: ["concluded", "closed"], label: "回访" },
    transfer: { from: ["registered", "mediating"], to: [], label: "转办" },
    escalate: { from: ["registered", "mediating", "concluded"], to: [], label: "上报上级" },
    mark_ethnic: { from: ["registered", "mediating", "concluded", "closed"], to: [], label: "认定涉及民族因素" },
    unmark_ethnic: { from: ["registered", "mediating", "concluded", "closed"], to: [], label: "撤销涉及民族因素" },
  },
  event: async (tx, ctx, e) => {
    await tx.insert(disputeCaseEvents).values({
      caseId: e.row.id,
      kind: e.action,
      at: ctx.clock.now(),
      actorId: ctx.actor?.userId ?? null,
      actorName: ctx.actor?.displayName ?? (e.event.actorName as string | undefined) ?? "系统",
      fromStatus: e.from,
      toStatus: e.to,
      note: e.note,
      data: e.event,
    });
  },
});

/** The banner (旗/县) a place belongs to: the first level told of a case. */
export const bannerOf = (regionCode: string) => (regionCode.length > 6 ? regionCode.slice(0, 6) : regionCode);
/** The level above: 150522 → 1505 → 15; null at the top. */
export const upperOf = (regionCode: string) => ancestorCodes(regionCode).at(-1) ?? null;

const summarySelect = {
  c: disputeCases,
  sourceLabel: dictLabelSql(DISPUTE_SOURCE_DICT, disputeCases.source),
  categoryLabel: dictLabelSql(DISPUTE_CATEGORY_DICT, disputeCases.category),
  orgName: orgNameSql(disputeCases.orgId),
  recordedByOrgName: orgNameSql(disputeCases.recordedByOrgId),
};
type SummaryRow = {
  c: CaseRow;
  sourceLabel: string;
  categoryLabel: string;
  orgName: string;
  recordedByOrgName: string;
};

function toSummary(r: SummaryRow, names: Map<string, string>): CaseSummary {
  const c = r.c;
  return {
    id: c.id,
    code: c.code,
    source: c.source,
    sourceLabel: r.sourceLabel,
    category: c.category,
    categoryLabel: r.categoryLabel,
    regionCode: c.regionCode,
    regionName: names.get(c.regionCode) ?? "",
    occurredOn: c.occurredOn,
    partyCount: c.partyCount,
    summary: c.summary,
    riskLevel: c.riskLevel,
    status: c.status,
    result: c.result ?? null,
    orgId: c.orgId,
    orgName: r.orgName ?? "",
    recordedByOrgName: r.recordedByOrgName ?? "",
    resolveBy: c.resolveBy.toISOString(),
    reportBy: c.reportBy?.toISOString() ?? null,
    handlingRegion: c.handlingRegion,
    escalatedAt: c.escalatedAt?.toISOString() ?? null,
    ethnicFactor: c.ethnicFactor,
    createdAt: c.createdAt.toISOString(),
  };
}

export function caseFilters(ctx: Ctx, q: Partial<CaseListQuery>): SQL | undefined {
  const conds: (SQL | undefined)[] = [caseVisibleWhere(ctx)];
  if (q.status) conds.push(eq(disputeCases.status, q.status));
  if (q.riskLevel) conds.push(eq(disputeCases.riskLevel, q.riskLevel));
  if (q.category) conds.push(eq(disputeCases.category, q.category));
  if (q.regionCode)
    conds.push(gte(disputeCases.regionCode, q.regionCode), lte(disputeCases.regionCode, q.regionCode.padEnd(12, "9")));
  if (q.from) conds.push(gte(disputeCases.occurredOn, q.from));
  if (q.to) conds.push(lte(disputeCases.occurredOn, q.to));
  if (q.ethnicFactor !== undefined) conds.push(eq(disputeCases.ethnicFactor, q.ethnicFactor));
  if (q.escalated !== undefined)
    conds.push(q.escalated ? sql`${disputeCases.escalatedAt} is not null` : sql`${disputeCases.escalatedAt} is null`);
  if (q.open !== undefined) {
    const open = inArray(disputeCases.status, ["registered", "mediating"]);
    conds.push(q.open ? open : sql`not ${open}`);
  }
  return and(...conds);
}

/**
 * The list's cases of a query counted by region code and risk level, or by the month they occurred (YYYY-MM, the
 * risk level then empty): the leaders' dashboard (insights) sums them, so its figure equals the list's total.
 */
export async function caseCounts(
  ctx: Ctx,
  q: Partial<CaseListQuery>,
  by: "region" | "month",
): Promise<{ key: string; riskLevel: string; n: number }[]> {
  const C = disputeCases;
  const rows =
    by === "region"
      ? await readDb(ctx)
          .select({ key: C.regionCode, riskLevel: C.riskLevel, n: sql<number>`count(*)::int` })
          .from(C)
          .where(caseFilters(ctx, q))
          .groupBy(C.regionCode, C.riskLevel)
      : await readDb(ctx)
          .select({
            key: sql<string>`to_char(${C.occurredOn}, 'YYYY-MM')`,
            riskLevel: sql<string>`''`,
            n: sql<number>`count(*)::int`,
          })
          .from(C)
          .where(caseFilters(ctx, q))
          .groupBy(sql`1`);
  return rows.map((r) => ({ key: String(r.key), riskLevel: String(r.riskLevel), n: Number(r.n) }));
}

export async function listCases(ctx: Ctx, q: CaseListQuery) {
  const where = caseFilters(ctx, q);
  const order = sortTerm(
    { occurredOn: disputeCases.occurredOn, riskLevel: disputeCases.riskLevel, createdAt: disputeCases.createdAt },
    q.sort,
  );
  const [rows, count] = await Promise.all([
    paged(
      ctx.db
        .select(summarySelect)
        .from(disputeCases)
        .where(where)
        .orderBy(...(order ? [order] : [desc(disputeCases.occurredOn)]), desc(disputeCases.id)),
      q,
    ),
    cappedCount(ctx.db, disputeCases, where),
  ]);
  const names = await regionNames(
    ctx.db,
    rows.map((r) => r.c.regionCode),
  );
  return {
    ...pageResult(
      rows.map((r) => toSummary(r, names)),
      count.total,
      q,
    ),
    totalCapped: count.capped,
  };
}

export async function getCase(ctx: Ctx, id: string, db: Queryable = ctx.db): Promise<CaseView> {
  const [row] = await db
    .select(summarySelect)
    .from(disputeCases)
    .where(and(eq(disputeCases.id, id), caseVisibleWhere(ctx)));
  if (!row) throw errors.notFound("dispute_case");
  const [parties, mediations, followups, events, names] = await Promise.all([
    db.select().from(disputeParties).where(eq(disputeParties.caseId, id)).orderBy(asc(disputeParties.sort)),
    db.select().from(disputeMediations).where(eq(disputeMediations.caseId, id)).orderBy(asc(disputeMediations.heldOn)),
    db.select().from(disputeFollowups).where(eq(disputeFollowups.caseId, id)).orderBy(asc(disputeFollowups.visitedOn)),
    db.select().from(disputeCaseEvents).where(eq(disputeCaseEvents.caseId, id)).orderBy(asc(disputeCaseEvents.at)),
    regionNames(db, [row.c.regionCode]),
  ]);
  return {
    ...toSummary(row, names),
    resultNote: row.c.resultNote,
    transferredTo: row.c.transferredTo,
    ethnicReason: row.c.ethnicReason,
    parties: parties.map((p) => ({
      id: p.id,
      name: maskName(ctx.cipher.decrypt(p.nameEnc)) ?? "",
      phone: p.phoneEnc ? maskPhone(ctx.cipher.decrypt(p.phoneEnc)) : null,
    })),
    mediations: mediations.map((m) => ({
      id: m.id,
      heldOn: m.heldOn,
      mediator: m.mediator,
      method: m.method,
      outcome: m.outcome,
    })),
    followups: followups.map((f) => ({
      id: f.id,
      visitedOn: f.visitedOn,
      visitor: f.visitor,
      note: f.note,
      stable: f.stable,
    })),
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      at: e.at.toISOString(),
      actorName: e.actorName,
      note: e.note,
      data: e.data,
    })),
  };
}

/** Records an alert for a level's duty staff (in the caller's transaction). */
export async function addAlert(tx: Tx, values: typeof disputeAlerts.$inferInsert) {
  await tx.insert(disputeAlerts).values(values).onConflictDoNothing();
}

export async function createCase(ctx: Ctx, input: CaseCreate): Promise<CaseView> {
  assertRecordsFor(ctx, input.regionCode);
  await requireDictCode(ctx.db, DISPUTE_SOURCE_DICT, input.source, "source");
  await requireDictCode(ctx.db, DISPUTE_CATEGORY_DICT, input.category, "category");
  const orgId = input.orgId ?? ctx.actor.orgId;
  if (orgId !== ctx.actor.orgId) {
    const org = (await orgBriefs(ctx.db, [orgId])).get(orgId);
    if (!org || org.status !== "active" || !input.regionCode.startsWith(org.regionCode))
      throw errors.field("orgId", "disputes.org_out_of_scope");
  }
  const settings = await getDisputeSettings(ctx.db);
  const now = ctx.clock.now();
  const banner = bannerOf(input.regionCode);
  const major = input.riskLevel === "major";
  const upper = major ? upperOf(banner) : null;
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(disputeCases)
      .values({
        code: `JF${beijingDate(now).replaceAll("-", "")}-${crypto.randomBytes(3).toString("hex").toUpperCase()}`,
        source: input.source,
        category: input.category,
        regionCode: input.regionCode,
        occurredOn: input.occurredOn,
        partyCount: input.partyCount,
        summary: input.summary,
        riskLevel: input.riskLevel,
        orgId,
        recordedByOrgId: ctx.actor.orgId,
        createdBy: ctx.actor.userId,
        resolveBy: new Date(now.getTime() + settings.resolveDays[input.riskLevel] * 24 * HOUR),
        reportBy: major ? new Date(now.getTime() + settings.majorReportHours * HOUR) : null,
        handlingRegion: upper ?? banner,
        escalatedAt: upper ? now : null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (input.parties.length) {
      await tx.insert(disputeParties).values(
        input.parties.map((p, i) => ({
          caseId: row.id,
          nameEnc: ctx.cipher.encrypt(p.name),
          phoneEnc: p.phone ? ctx.cipher.encrypt(p.phone) : null,
          phoneIndex: p.phone ? ctx.cipher.blindIndex(p.phone) : null,
          sort: i,
        })),
      );
    }
    await tx.insert(disputeCaseEvents).values({
      caseId: row.id,
      kind: "register",
      at: now,
      actorId: ctx.actor.userId,
      actorName: ctx.actor.displayName,
      toStatus: "registered",
      note: null,
      data: {},
    });
    if (upper) {
      // 重大: reported to the upper level at once; its duty staff must take it up within the set hours.
      await tx.insert(disputeCaseEvents).values({
        caseId: row.id,
        kind: "escalate",
        at: now,
        actorName: "系统（重大案件自动上报）",
        note: `重大矛盾纠纷，须在 ${settings.majorReportHours} 小时内报告上级`,
        data: { from: banner, to: upper },
      });
      await addAlert(tx, {
        kind: "major_case",
        targetRegion: upper,
        caseId: row.id,
        summary: `重大矛盾纠纷 ${row.code}：${input.summary.slice(0, 60)}`,
        dueAt: row.reportBy,
        createdAt: now,
      });
    }
    await flagNothingReports(tx, ctx.clock, row);
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "disputes.case.create",
      entity: "dispute_case",
      entityId: row.id,
      regionCode: row.regionCode,
      orgId: row.orgId,
      summary: `登记矛盾纠纷 ${row.code}（${RISK_LABELS[row.riskLevel]}）`,
      changes: {
        code: [null, row.code],
        category: [null, row.category],
        riskLevel: [null, row.riskLevel],
        partyCount: [null, row.partyCount],
        parties: [null, input.parties.length ? `${input.parties.length} 人（已加密）` : null],
        ...(upper ? { handlingRegion: [null, upper] } : {}),
      },
    });
    return row.id;
  });
  return getCase(ctx, id);
}

/** Loads the case for a change: visible, locked, and handled by the caller. */
async function forChange(ctx: Ctx, tx: Tx, id: string, permission: "disputes:handle" | "disputes:review") {
  const row = await loadCase(ctx, id, tx, true);
  assertHandles(ctx, row, permission);
  return row;
}

export async function addMediation(
  ctx: Ctx,
  id: string,
  input: { heldOn: string; mediator: string; method: string; outcome: string },
) {
  await ctx.db.transaction(async (tx) => {
    const row = await forChange(ctx, tx, id, "disputes:handle");
    caseMachine.assert(row.status as CaseStatus, "mediate");
    await tx.insert(disputeMediations).values({ caseId: id, ...input, createdBy: ctx.actor.userId });
    await caseMachine.move(tx, ctx, row, "mediate", {
      summary: `记录调解（${input.heldOn}，${input.mediator}）`,
      note: input.outcome,
      changes: { heldOn: [null, input.heldOn], mediator: [null, input.mediator], method: [null, input.method] },
      event: { heldOn: input.heldOn, mediator: input.mediator, method: input.method },
    });
  });
  return getCase(ctx, id);
}

export async function concludeCase(
  ctx: Ctx,
  id: string,
  input: { result: "resolved" | "partial" | "unresolved" | "transferred"; note: string; transferredTo?: string },
) {
  await ctx.db.transaction(async (tx) => {
    const row = await forChange(ctx, tx, id, "disputes:handle");
    await caseMachine.move(tx, ctx, row, "conclude", {
      set: { result: input.result, resultNote: input.note, transferredTo: input.transferredTo ?? null },
      summary: `办结：${RESULT_LABELS[input.result]}${input.transferredTo ? `（转至${input.transferredTo}）` : ""}`,
      note: input.note,
      changes: {
        result: [null, input.result],
        ...(input.transferredTo ? { transferredTo: [null, input.transferredTo] } : {}),
      },
      event: { result: input.result, transferredTo: input.transferredTo ?? null },
    });
  });
  return getCase(ctx, id);
}

export async function addFollowup(
  ctx: Ctx,
  id: string,
  input: { visitedOn: string; visitor: string; note: string; stable: boolean; close: boolean },
) {
  await ctx.db.transaction(async (tx) => {
    const row = await forChange(ctx, tx, id, "disputes:handle");
    caseMachine.assert(row.status as CaseStatus, "follow_up");
    const { close, ...visit } = input;
    await tx.insert(disputeFollowups).values({ caseId: id, ...visit, createdBy: ctx.actor.userId });
    await caseMachine.move(tx, ctx, row, "follow_up", {
      to: close ? "closed" : "concluded",
      summary: `回访（${input.visitedOn}，${input.stable ? "稳定" : "不稳定"}）${close ? "，销案" : ""}`,
      note: input.note,
      changes: { visitedOn: [null, input.visitedOn], stable: [null, input.stable] },
      event: { visitedOn: input.visitedOn, visitor: input.visitor, stable: input.stable },
    });
  });
  return getCase(ctx, id);
}

/** Transfer up or across: another responsible unit, the place and history kept. */
export async function transferCase(ctx: Ctx, id: string, input: { orgId: string; reason: string }) {
  const target = (await orgBriefs(ctx.db, [input.orgId])).get(input.orgId);
  if (!target || target.status !== "active") throw errors.field("orgId", "disputes.org_out_of_scope");
  await ctx.db.transaction(async (tx) => {
    const row = await forChange(ctx, tx, id, "disputes:handle");
    if (target.id === row.orgId) throw errors.field("orgId", "disputes.org_out_of_scope");
    // An upper unit must see the case: the handling level rises to the target's level when it is higher.
    const handling =
      target.regionCode.length < row.handlingRegion.length && row.regionCode.startsWith(target.regionCode)
        ? target.regionCode
        : row.handlingRegion;
    await caseMachine.move(tx, ctx, row, "transfer", {
      set: { orgId: target.id, handlingRegion: handling },
      summary: `转办至${target.name}`,
      note: input.reason,
      changes: {
        orgId: [row.orgId, target.id],
        ...(handling !== row.handlingRegion ? { handlingRegion: [row.handlingRegion, handling] } : {}),
      },
      event: { fromOrgId: row.orgId, toOrgId: target.id, toOrgName: target.name },
    });
  });
  return getCase(ctx, id);
}

/** Escalates one level up (by hand, or by the job when unresolved past its limit), with an alert there. */
export async function escalateRow(
  tx: Tx,
  ctx: MoveCtx,
  row: CaseRow,
  reason: string,
  kind: "major_case" | "overdue_case",
  auto: boolean,
) {
  const upper = upperOf(row.handlingRegion);
  if (!upper) throw new AppError(409, "ALREADY_TOP", t("disputes.already_escalated"));
  const now = ctx.clock.now();
  await caseMachine.move(tx, ctx, row, "escalate", {
    set: {
      handlingRegion: upper,
      escalatedAt: now,
      ...(kind === "overdue_case" ? { overdueEscalatedAt: now } : {}),
    },
    summary: `${auto ? "超期未化解，自动" : ""}上报上级（${row.code}）`,
    note: reason,
    changes: { handlingRegion: [row.handlingRegion, upper] },
    event: { from: row.handlingRegion, to: upper, auto },
    ...(auto ? { actorName: "系统（超期自动上报）" } : {}),
  });
  await addAlert(tx, {
    kind,
    targetRegion: upper,
    caseId: row.id,
    summary: `${kind === "overdue_case" ? "超期未化解" : "上报"}矛盾纠纷 ${row.code}：${row.summary.slice(0, 60)}`,
    dueAt: null,
    createdAt: now,
  });
}

export async function escalateCase(ctx: Ctx, id: string, input: { reason: string }) {
  await ctx.db.transaction(async (tx) => {
    const row = await forChange(ctx, tx, id, "disputes:handle");
    caseMachine.assert(row.status as CaseStatus, "escalate");
    await escalateRow(tx, ctx, row, input.reason, row.riskLevel === "major" ? "major_case" : "overdue_case", false);
  });
  return getCase(ctx, id);
}

/** "涉及民族因素": only a reviewer (disputes:review over the case's region), always with a reason; reversible. */
export async function markEthnic(ctx: Ctx, id: string, input: { mark: boolean; reason: string }) {
  await ctx.db.transaction(async (tx) => {
    const row = await forChange(ctx, tx, id, "disputes:review");
    if (row.ethnicFactor === input.mark)
      throw errors.field("mark", "disputes.mark_unchanged", { state: input.mark ? "有" : "无" });
    const now = ctx.clock.now();
    await caseMachine.move(tx, ctx, row, input.mark ? "mark_ethnic" : "unmark_ethnic", {
      set: {
        ethnicFactor: input.mark,
        ethnicReason: input.reason,
        ethnicBy: ctx.actor.userId,
        ethnicAt: now,
      },
      summary: input.mark ? "认定涉及民族因素" : "撤销“涉及民族因素”认定",
      note: input.reason,
      changes: { ethnicFactor: [row.ethnicFactor, input.mark], ethnicReason: [row.ethnicReason, input.reason] },
      event: { mark: input.mark },
    });
  });
  return getCase(ctx, id);
}

/** One party's full name or phone, for a stated reason; the reveal is audited in the same transaction. */
export async function revealParty(
  ctx: Ctx,
  id: string,
  partyId: string,
  input: { field: "name" | "phone"; reason: string },
) {
  return ctx.db.transaction(async (tx) => {
    const row = await loadCase(ctx, id, tx);
    const [p] = await tx
      .select()
      .from(disputeParties)
      .where(and(eq(disputeParties.id, partyId), eq(disputeParties.caseId, row.id)));
    if (!p) throw errors.notFound("dispute_party");
    const enc = input.field === "name" ? p.nameEnc : p.phoneEnc;
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "access",
      action: "disputes.party.reveal",
      entity: "dispute_case",
      entityId: row.id,
      regionCode: row.regionCode,
      orgId: row.orgId,
      summary: `查看当事人完整${input.field === "name" ? "姓名" : "电话"}（${row.code}）：${input.reason}`,
      changes: { field: input.field, reason: input.reason },
    });
    return { value: enc ? ctx.cipher.decrypt(enc) : null };
  });
}

/** Cases the caller sees, by id (for reports and campaigns): all must be visible, else 400 on `field`. */
export async function visibleCaseRows(ctx: Ctx, ids: string[], field: string, db: Queryable = ctx.db) {
  if (ids.length === 0) return [];
  const rows = await db
    .select()
    .from(disputeCases)
    .where(and(inArray(disputeCases.id, ids), caseVisibleWhere(ctx)));
  if (rows.length !== new Set(ids).size) throw errors.field(field, "disputes.case_not_visible");
  return rows;
}
