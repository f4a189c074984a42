/**
 * 命名决定 and 命名 (designations): naming, the register of designations, 年度自查, 复验, 撤销, expiry.
 *
 * A naming decision (文号, named date) names applications of one batch that are 公示中, whose notice window
 * has ended and that have no unanswered objection; each gets a certificate number
 * `${year}-${level code}-${organising region}-${0001…}` and a designation valid for the batch's validity
 * (5 years by default: 2026-03-10 → 2031-03-09).
 *
 * Designation states (DESIGNATION_TRANSITIONS):
 *   有效 ─(job, 6 months before expiry)─▶ 复验中 ─(复验 passed)─▶ 有效 (valid_until + N years)
 *   有效 / 复验中 ─(job, past valid_until)─▶ 已到期        有效 / 复验中 ─(撤销)─▶ 已撤销
 * A failed 复验 does not end the designation at once: it stays 复验中 until its expiry, when the job lapses it
 * (撤销 with reason 复验不合格 ends it at once). History is kept forever (creation_designation_events).
 *
 * Counts — the coverage matrix, target progress, the public directory — take a designation as valid when its
 * status is 有效 or 复验中 AND valid_until is not past: a designation leaves the counts the day after its expiry
 * even before the daily job marks it, and the moment it is revoked.
 */
import { and, asc, desc, eq, gte, ilike, inArray, lte, or, type SQL, sql } from "drizzle-orm";
import {
  DESIGNATION_EVENT_LABELS,
  DESIGNATION_STATUS_LABELS,
  type Designation,
  type DesignationEventKind,
  type DesignationListQuery,
  type DesignationStatus,
  NAMING_LEVEL_LABELS,
  type NamingLevel,
  REVOKE_REASON_LABELS,
  type RevokeBody,
  type RevokeReason,
} from "../../../contracts/creation.js";
import { type Actor, regionTreeWhere, requireScope, scopeWhere } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import { searchQuery } from "../../core/search.js";
import { defineMachine, type MoveCtx } from "../../core/state-machine.js";
import type { Queryable, Tx } from "../../db/client.js";
import { containsPattern } from "../../db/sql.js";
import { recordAudit } from "../audit/index.js";
import { userNameSql } from "../identity/index.js";
import { assertMaterialsUsable } from "../materials/index.js";
import { assertManagesRegion } from "./batch.service.js";
import {
  creationDesignationEvents,
  creationDesignations,
  creationReverifications,
  creationSelfChecks,
} from "./creation.schema.js";
import { categoryLabels, namesOf, recordDesignationEvent, SYSTEM_ACTOR_NAME } from "./creation.service.js";
import { shanghaiDate } from "./dates.js";
import { closeReverifications } from "./self-check.machines.js";

export const D = creationDesignations;
export type DesRow = typeof D.$inferSelect;
export const SELF_CHECK_SUBJECT = "creation_self_check";
export const REVERIFICATION_SUBJECT = "creation_reverification";
/** 复验 opens this many months before a designation expires. */
export const REVERIFY_MONTHS_BEFORE = 6;

/** The designation state machine; `designationMachine.move` is the only writer of a designation's status. */
export const designationMachine = defineMachine({
  entity: "creation_designation",
  auditPrefix: "creation_designation",
  table: D,
  labels: DESIGNATION_STATUS_LABELS,
  audit: recordAudit,
  scope: (d) => ({ regionCode: d.regionCode, orgId: d.orgId }),
  event: (tx, ctx, e) =>
    recordDesignationEvent(tx, ctx, {
      designationId: e.row.id,
      kind: e.event.kind as DesignationEventKind,
      fromStatus: e.from,
      toStatus: e.to,
      note: e.note,
      data: e.event.data,
    }),
  transitions: {
    open_reverification: { from: ["valid"], to: ["reverifying"], label: "启动复验" },
    renew: { from: ["reverifying"], to: ["valid"], label: "复验通过延续有效期" },
    expire: { from: ["valid", "reverifying"], to: ["expired"], label: "到期" },
    revoke: { from: ["valid", "reverifying"], to: ["revoked"], label: "撤销" },
  },
});
export const DESIGNATION_TRANSITIONS = designationMachine.transitions;

function assertDesignationStep(status: DesignationStatus, step: keyof typeof DESIGNATION_TRANSITIONS) {
  designationMachine.assert(status, step);
}

/** Valid now: 有效 or 复验中, not past its last day. */
export function liveWhere(today: string): SQL {
  // Literal statuses, so the planner matches the partial indexes' predicate.
  return and(sql`${D.status} in ('valid', 'reverifying')`, gte(D.validUntil, today)) as SQL;
}

/** Only for creating sheets inside jobs: createSheet reads the clock, never the actor. */
export const SYSTEM_ACTOR: Actor = {
  userId: "00000000-0000-0000-0000-000000000000",
  username: "system",
  displayName: SYSTEM_ACTOR_NAME,
  orgId: "00000000-0000-0000-0000-000000000000",
  orgName: "",
  regionCode: "",
  roles: [],
  stage: "full",
  sessionId: null,
  tokenId: null,
  ip: null,
};

// ---------------------------------------------------------------------------------------------------------
// Views

export function designationScope(ctx: Ctx) {
  return scopeWhere(requireScope(ctx.actor, "creation:read"), { region: D.regionCode, org: D.orgId });
}

function toDesignation(r: DesRow, names: Map<string, string>, labels: Map<string, string>): Designation {
  return {
    id: r.id,
    orgId: r.orgId,
    unitName: r.unitName,
    regionCode: r.regionCode,
    regionName: names.get(r.regionCode) ?? "",
    category: r.category,
    categoryLabel: labels.get(r.category) ?? r.category,
    level: r.level as NamingLevel,
    certificateNo: r.certificateNo,
    docNumber: r.docNumber,
    namedOn: r.namedOn,
    validFrom: r.validFrom,
    validUntil: r.validUntil,
    status: r.status,
    issuerRegionCode: r.issuerRegionCode,
    decisionId: r.decisionId,
    applicationId: r.applicationId,
    renewals: r.renewals,
    revokedAt: r.revokedAt?.toISOString() ?? null,
    revokeReason: (r.revokeReason as RevokeReason | null) ?? null,
    revokeDocNumber: r.revokeDocNumber,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Views of rows; pass the labels when they were fetched alongside the rows (one round trip fewer). */
export async function toDesignations(db: Queryable, rows: DesRow[], labelsOf?: Map<string, string>) {
  const [names, labels] = await Promise.all([
    namesOf(
      db,
      rows.map((r) => r.regionCode),
    ),
    labelsOf ?? categoryLabels(db),
  ]);
  return rows.map((r) => toDesignation(r, names, labels));
}

const SORTS = {
  namedOn: D.namedOn,
  validUntil: D.validUntil,
  certificateNo: D.certificateNo,
  regionCode: D.regionCode,
};

export function designationListWhere(ctx: Ctx, q: Omit<DesignationListQuery, "page" | "pageSize">) {
  const today = shanghaiDate(ctx.clock.now());
  const conds: (SQL | undefined)[] = [designationScope(ctx)];
  if (q.status) conds.push(eq(D.status, q.status));
  if (q.live) conds.push(liveWhere(today));
  if (q.level) conds.push(eq(D.level, q.level));
  if (q.category) conds.push(eq(D.category, q.category));
  if (q.regionCode) conds.push(regionTreeWhere(D.regionCode, q.regionCode));
  if (q.orgId) conds.push(eq(D.orgId, q.orgId));
  if (q.year) conds.push(gte(D.namedOn, `${q.year}-01-01`), lte(D.namedOn, `${q.year}-12-31`));
  if (q.expiringWithinDays)
    conds.push(
      liveWhere(today),
      lte(
        D.validUntil,
        new Date(Date.parse(`${today}T00:00:00Z`) + q.expiringWithinDays * 86_400_000).toISOString().slice(0, 10),
      ),
    );
  if (q.q) conds.push(or(searchQuery(D.search, q.q), eq(D.certificateNo, q.q)));
  return and(...conds.filter(Boolean));
}

function orderOf(sort: string | undefined) {
  const key = (sort?.replace(/^-/, "") ?? "namedOn") as keyof typeof SORTS;
  return [!sort || sort.startsWith("-") ? desc(SORTS[key]) : asc(SORTS[key]), desc(D.id)];
}

export async function listDesignations(ctx: Ctx, q: DesignationListQuery) {
  const where = designationListWhere(ctx, q);
  const [rows, [{ total }], labels] = await Promise.all([
    ctx.db
      .select()
      .from(D)
      .where(where)
      .orderBy(...orderOf(q.sort))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: sql<number>`count(*)::int` }).from(D).where(where),
    categoryLabels(ctx.db),
  ]);
  return { items: await toDesignations(ctx.db, rows, labels), total, page: q.page, pageSize: q.pageSize };
}

export async function findDesignationsForExport(
  ctx: Ctx,
  q: Omit<DesignationListQuery, "page" | "pageSize"> & { ids?: string[] },
  cap = 50_000,
) {
  const rows = await ctx.db
    .select()
    .from(D)
    .where(and(designationListWhere(ctx, q), q.ids ? inArray(D.id, q.ids) : undefined))
    .orderBy(...orderOf(q.sort))
    .limit(cap);
  return toDesignations(ctx.db, rows);
}

export async function loadDesignation(ctx: Ctx, id: string, db: Queryable = ctx.db, forUpdate = false) {
  const query = db
    .select()
    .from(D)
    .where(and(eq(D.id, id), designationScope(ctx)));
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row) throw errors.notFound("creation_designation");
  return row;
}

export async function getDesignation(ctx: Ctx, id: string) {
  const row = await loadDesignation(ctx, id);
  const [[view], events, selfChecks, revs] = await Promise.all([
    toDesignations(ctx.db, [row]),
    ctx.db
      .select()
      .from(creationDesignationEvents)
      .where(eq(creationDesignationEvents.designationId, id))
      .orderBy(asc(creationDesignationEvents.seq)),
    ctx.db
      .select()
      .from(creationSelfChecks)
      .where(eq(creationSelfChecks.designationId, id))
      .orderBy(desc(creationSelfChecks.year)),
    ctx.db
      .select({ r: creationReverifications, decidedByName: userNameSql(creationReverifications.decidedBy) })
      .from(creationReverifications)
      .where(eq(creationReverifications.designationId, id))
      .orderBy(desc(creationReverifications.openedAt)),
  ]);
  return {
    ...view,
    revokeNote: row.revokeNote,
    revokeMaterialId: row.revokeMaterialId,
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      kindLabel: DESIGNATION_EVENT_LABELS[e.kind as DesignationEventKind] ?? e.kind,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actorName: e.actorName,
      note: e.note,
      at: e.at.toISOString(),
    })),
    selfChecks: selfChecks.map(selfCheckView),
    reverifications: revs.map(({ r, decidedByName }) => reverificationView(r, decidedByName)),
  };
}

export function selfCheckView(s: typeof creationSelfChecks.$inferSelect) {
  return {
    id: s.id,
    designationId: s.designationId,
    year: s.year,
    sheetId: s.sheetId,
    status: s.status,
    total: s.total,
    passed: s.passed,
    vetoFailed: s.vetoFailed,
    submittedAt: s.submittedAt?.toISOString() ?? null,
  };
}

export function reverificationView(r: typeof creationReverifications.$inferSelect, decidedByName: string | null) {
  return {
    id: r.id,
    designationId: r.designationId,
    sheetId: r.sheetId,
    status: r.status,
    openedAt: r.openedAt.toISOString(),
    dueOn: r.dueOn,
    total: r.total,
    sheetPassed: r.sheetPassed,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decidedByName,
    note: r.note,
  };
}

export async function setDesignationStatus(
  tx: Tx,
  ctx: MoveCtx,
  d: DesRow,
  step: keyof typeof DESIGNATION_TRANSITIONS,
  opts: {
    set?: Partial<typeof D.$inferInsert>;
    kind: DesignationEventKind;
    note?: string | null;
    summary: string;
    data?: unknown;
  },
) {
  return designationMachine.move(tx, ctx, d, step, {
    set: opts.set,
    note: opts.note,
    summary: opts.summary,
    actorName: ctx.actor ? null : SYSTEM_ACTOR_NAME,
    event: { kind: opts.kind, data: opts.data },
    changes: opts.set?.validUntil ? { validUntil: [d.validUntil, opts.set.validUntil] } : {},
  });
}

// ---------------------------------------------------------------------------------------------------------
// 撤销

export async function revokeDesignation(ctx: Ctx, id: string, input: RevokeBody) {
  await ctx.db.transaction(async (tx) => {
    const d = await loadDesignation(ctx, id, tx, true);
    assertManagesRegion(ctx, d.issuerRegionCode, "creation_designation");
    assertDesignationStep(d.status, "revoke");
    if (input.materialId) await assertMaterialsUsable(ctx, [input.materialId], "materialId", tx);
    const reason = REVOKE_REASON_LABELS[input.reasonCategory];
    await setDesignationStatus(tx, ctx, d, "revoke", {
      set: {
        revokedAt: ctx.clock.now(),
        revokeReason: input.reasonCategory,
        revokeDocNumber: input.docNumber,
        revokeMaterialId: input.materialId ?? null,
        revokeNote: input.note || null,
      },
      kind: "revoked",
      note: `${reason}（${input.docNumber}）${input.note ? `：${input.note}` : ""}`,
      summary: `撤销“${d.unitName}”的${NAMING_LEVEL_LABELS[d.level as NamingLevel]}命名：${reason}（${input.docNumber}）`,
      data: { reasonCategory: input.reasonCategory, docNumber: input.docNumber, materialId: input.materialId ?? null },
    });
    await closeReverifications(tx, ctx, id, "cancel", `撤销“${d.unitName}”的命名，未完成的复验随之取消`);
  });
  return getDesignation(ctx, id);
}
