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
import crypto from "node:crypto";
import { and, asc, desc, eq, gte, ilike, inArray, lte, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  DESIGNATION_EVENT_LABELS,
  DESIGNATION_STATUS_LABELS,
  type DecisionCreate,
  type Designation,
  type DesignationEventKind,
  type DesignationListQuery,
  type DesignationRegister,
  type DesignationStatus,
  LEVEL_CERT_CODES,
  LEVEL_REGION_LENGTH,
  NAMING_LEVEL_LABELS,
  type NamingLevel,
  type PublicUnitQuery,
  REVOKE_REASON_LABELS,
  type RevokeBody,
  type RevokeReason,
} from "../../../contracts/creation.js";
import { type Actor, inScope, regionTreeWhere, requireScope, scopeWhere } from "../../core/access.js";
import type { Ctx, Deps } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import { searchQuery } from "../../core/search.js";
import { defineMachine, type MoveCtx } from "../../core/state-machine.js";
import type { Queryable, Tx } from "../../db/client.js";
import { containsPattern } from "../../db/sql.js";
import { recordAudit } from "../audit/index.js";
import { createSheet, getIndicatorSet, setForScoring, sheetsOfSubject } from "../evaluation/index.js";
import { userDisplayName, userNameSql } from "../identity/index.js";
import { assertMaterialsUsable } from "../materials/index.js";
import { orgNameSql } from "../org/index.js";
import { assertStep, moveApplication } from "./application.service.js";
import { assertManagesRegion, batchMachine, loadBatch, managesRegion } from "./batch.service.js";
import {
  creationApplications,
  creationBatches,
  creationCandidates,
  creationDecisions,
  creationDesignationEvents,
  creationDesignations,
  creationNotices,
  creationReverifications,
  creationSelfChecks,
} from "./creation.schema.js";
import { designationSearch } from "./creation.search.js";
import {
  assertCategory,
  categoryLabels,
  illegalTransition,
  namesOf,
  orgById,
  recordDesignationEvent,
  SYSTEM_ACTOR_NAME,
} from "./creation.service.js";
import { addMonths, addYears, shanghaiDate, validUntilOf } from "./dates.js";
import { blockingObjections } from "./notice.service.js";

const D = creationDesignations;
type DesRow = typeof D.$inferSelect;
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
const SYSTEM_ACTOR: Actor = {
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

function designationScope(ctx: Ctx) {
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
async function toDesignations(db: Queryable, rows: DesRow[], labelsOf?: Map<string, string>) {
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
  q: Omit<DesignationListQuery, "page" | "pageSize">,
  cap = 50_000,
) {
  const rows = await ctx.db
    .select()
    .from(D)
    .where(designationListWhere(ctx, q))
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

function selfCheckView(s: typeof creationSelfChecks.$inferSelect) {
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

function reverificationView(r: typeof creationReverifications.$inferSelect, decidedByName: string | null) {
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

async function setDesignationStatus(
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
// Naming

async function nextCertificateNumbers(tx: Tx, prefix: string, n: number): Promise<string[]> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${prefix}))`);
  const [{ taken }] = await tx
    .select({ taken: sql<number>`count(*)::int` })
    .from(D)
    .where(sql`${D.certificateNo} like ${`${prefix}%`}`);
  return Array.from({ length: n }, (_, i) => `${prefix}${String(taken + i + 1).padStart(4, "0")}`);
}

export async function createDecision(ctx: Ctx, input: DecisionCreate) {
  const batch = await loadBatch(ctx, input.batchId).catch(() => {
    throw errors.field("batchId", "errors.not_found", { entity: "申报批次" });
  });
  assertManagesRegion(ctx, batch.regionCode, "creation_batch");
  batchMachine.assert(batch.status, "conclude");
  const today = shanghaiDate(ctx.clock.now());
  if (input.namedOn > today) throw errors.field("namedOn", "creation.named_in_future");
  const id = await ctx.db.transaction(async (tx) => {
    const [dup] = await tx
      .select({ id: creationDecisions.id })
      .from(creationDecisions)
      .where(and(eq(creationDecisions.orgId, ctx.actor.orgId), eq(creationDecisions.docNumber, input.docNumber)));
    if (dup) throw errors.conflict("DOC_NUMBER_TAKEN", "creation.doc_number_taken", { docNumber: input.docNumber });
    const apps = await tx
      .select({
        a: creationApplications,
        orgName: orgNameSql(creationApplications.orgId),
        endsOn: creationNotices.endsOn,
      })
      .from(creationApplications)
      .leftJoin(creationNotices, eq(creationNotices.id, creationApplications.noticeId))
      .where(and(inArray(creationApplications.id, input.applicationIds), eq(creationApplications.batchId, batch.id)))
      .orderBy(asc(creationApplications.regionCode), asc(orgNameSql(creationApplications.orgId)))
      .for("update", { of: creationApplications });
    if (apps.length !== input.applicationIds.length)
      throw errors.field("applicationIds", "errors.not_found", { entity: "本批次的申报" });
    for (const { a, orgName, endsOn } of apps) {
      assertStep(a.status, "name");
      if (endsOn && endsOn >= today)
        throw errors.conflict("NOTICE_NOT_ENDED", "creation.naming_notice_not_ended", { org: orgName, end: endsOn });
    }
    const blocked = await blockingObjections(
      tx,
      apps.map(({ a }) => ({ id: a.id, noticeId: a.noticeId })),
    );
    for (const { a, orgName } of apps) {
      if (blocked.has(a.id))
        throw errors.conflict("OBJECTIONS_UNANSWERED", "creation.naming_blocked_objections", {
          org: orgName,
          count: blocked.get(a.id),
        });
    }
    if (batch.quota) {
      const [{ named }] = await tx.select({ named: sql<number>`count(*)::int` }).from(D).where(eq(D.batchId, batch.id));
      if (named + apps.length > batch.quota)
        throw errors.conflict("QUOTA_EXCEEDED", "creation.quota_exceeded", { quota: batch.quota, named });
    }
    const level = batch.level as NamingLevel;
    const title =
      input.title ??
      `关于命名${apps[0].orgName}${apps.length > 1 ? `等${apps.length}个单位` : ""}为${NAMING_LEVEL_LABELS[level]}民族团结进步示范单位（区）的决定`;
    const now = ctx.clock.now();
    const [decision] = await tx
      .insert(creationDecisions)
      .values({
        batchId: batch.id,
        docNumber: input.docNumber,
        title,
        namedOn: input.namedOn,
        orgId: ctx.actor.orgId,
        regionCode: batch.regionCode,
        createdBy: ctx.actor.userId,
        createdAt: now,
      })
      .returning({ id: creationDecisions.id });
    const numbers = await nextCertificateNumbers(
      tx,
      `${input.namedOn.slice(0, 4)}-${LEVEL_CERT_CODES[level]}-${batch.regionCode}-`,
      apps.length,
    );
    const validUntil = validUntilOf(input.namedOn, batch.validityYears);
    for (const [i, { a, orgName }] of apps.entries()) {
      const [d] = await tx
        .insert(D)
        .values({
          orgId: a.orgId,
          unitName: orgName,
          search: designationSearch({ unitName: orgName }),
          regionCode: a.regionCode,
          category: a.category,
          level,
          issuerRegionCode: batch.regionCode,
          setId: a.setId,
          certificateNo: numbers[i],
          docNumber: input.docNumber,
          namedOn: input.namedOn,
          validFrom: input.namedOn,
          validUntil,
          validityYears: batch.validityYears,
          applicationId: a.id,
          decisionId: decision.id,
          batchId: batch.id,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: D.id });
      await moveApplication(tx, ctx, a, "name", {
        to: "named",
        set: { designationId: d.id },
        note: `${input.docNumber}，证书编号 ${numbers[i]}`,
        summary: `命名为${NAMING_LEVEL_LABELS[level]}（${input.docNumber}，证书编号 ${numbers[i]}）`,
      });
      await recordDesignationEvent(tx, ctx, {
        designationId: d.id,
        kind: "named",
        toStatus: "valid",
        note: `${input.docNumber}，有效期至 ${validUntil}`,
      });
      await tx
        .update(creationCandidates)
        .set({ status: "named", updatedAt: now })
        .where(eq(creationCandidates.applicationId, a.id));
    }
    if (batch.status !== "concluded")
      await batchMachine.move(tx, ctx, batch, "conclude", {
        summary: `申报批次“${batch.name}”：命名（${input.docNumber}）`,
      });
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "creation_decision.create",
      entity: "creation_decision",
      entityId: decision.id,
      regionCode: batch.regionCode,
      orgId: ctx.actor.orgId,
      summary: `命名决定 ${input.docNumber}：命名 ${apps.length} 个单位为${NAMING_LEVEL_LABELS[level]}（${input.namedOn}）`,
      changes: { certificates: [null, numbers], batchStatus: [batch.status, "concluded"] },
    });
    return decision.id;
  });
  return getDecision(ctx, id);
}

export async function listDecisions(ctx: Ctx, q: { page: number; pageSize: number; batchId?: string; q?: string }) {
  const read = requireScope(ctx.actor, "creation:read");
  const named = alias(D, "named");
  const conds: (SQL | undefined)[] = [
    // A decision is visible where the caller sees its batch's region, or one of the units it named.
    or(
      scopeWhere(read, { region: creationDecisions.regionCode, org: creationDecisions.orgId }) ?? sql`true`,
      sql`exists (select 1 from ${D} "named" where ${named.decisionId} = ${creationDecisions.id} and ${scopeWhere(read, { region: named.regionCode, org: named.orgId }) ?? sql`true`})`,
    ),
  ];
  if (q.batchId) conds.push(eq(creationDecisions.batchId, q.batchId));
  if (q.q)
    conds.push(
      or(
        ilike(creationDecisions.docNumber, containsPattern(q.q)),
        ilike(creationDecisions.title, containsPattern(q.q)),
      ),
    );
  const where = and(...conds.filter(Boolean));
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select({ id: creationDecisions.id })
      .from(creationDecisions)
      .where(where)
      .orderBy(desc(creationDecisions.namedOn), asc(creationDecisions.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: sql<number>`count(*)::int` }).from(creationDecisions).where(where),
  ]);
  const items = await Promise.all(rows.map((r) => decisionView(ctx.db, r.id)));
  return { items, total, page: q.page, pageSize: q.pageSize };
}

async function decisionView(db: Queryable, id: string) {
  const [row] = await db
    .select({
      d: creationDecisions,
      batchName: creationBatches.name,
      level: creationBatches.level,
      issuer: orgNameSql(creationDecisions.orgId),
    })
    .from(creationDecisions)
    .innerJoin(creationBatches, eq(creationBatches.id, creationDecisions.batchId))
    .where(eq(creationDecisions.id, id));
  const named = await db.select().from(D).where(eq(D.decisionId, id)).orderBy(asc(D.certificateNo));
  const list = await toDesignations(db, named);
  return {
    id: row.d.id,
    batchId: row.d.batchId,
    batchName: row.batchName,
    level: row.level as NamingLevel,
    docNumber: row.d.docNumber,
    title: row.d.title,
    namedOn: row.d.namedOn,
    issuerOrgName: row.issuer,
    regionCode: row.d.regionCode,
    createdAt: row.d.createdAt.toISOString(),
    designations: list.map((d) => ({
      id: d.id,
      certificateNo: d.certificateNo,
      unitName: d.unitName,
      regionName: d.regionName,
      category: d.category,
      categoryLabel: d.categoryLabel,
    })),
  };
}

export async function getDecision(ctx: Ctx, id: string) {
  const read = requireScope(ctx.actor, "creation:read");
  const [row] = await ctx.db
    .select({ regionCode: creationDecisions.regionCode, orgId: creationDecisions.orgId })
    .from(creationDecisions)
    .where(eq(creationDecisions.id, id));
  if (!row) throw errors.notFound("creation_decision");
  if (!inScope(read, { regionCode: row.regionCode, orgId: row.orgId })) {
    // Units named by it see it too.
    const [own] = await ctx.db
      .select({ id: D.id })
      .from(D)
      .where(and(eq(D.decisionId, id), designationScope(ctx)))
      .limit(1);
    if (!own) throw errors.notFound("creation_decision");
  }
  return decisionView(ctx.db, id);
}

/** 录入历史命名: a designation named before the platform, registered by the naming level's department. */
export async function registerDesignation(ctx: Ctx, input: DesignationRegister) {
  requireScope(ctx.actor, "creation:manage");
  const org = await orgById(ctx.db, input.orgId);
  if (!org) throw errors.field("orgId", "errors.not_found", { entity: "单位" });
  const issuerRegionCode = org.regionCode.slice(0, LEVEL_REGION_LENGTH[input.level]);
  if (org.regionCode.length < LEVEL_REGION_LENGTH[input.level] || !managesRegion(ctx, issuerRegionCode))
    throw errors.outOfScope("creation_designation");
  await assertCategory(ctx.db, input.category);
  const set = await getIndicatorSet(ctx, input.setId).catch(() => {
    throw errors.field("setId", "errors.not_found", { entity: "指标体系" });
  });
  if (set.status !== "published")
    throw errors.field("setId", "creation.set_unusable", { name: set.name, problem: "尚未发布" });
  const today = shanghaiDate(ctx.clock.now());
  if (input.namedOn > today) throw errors.field("namedOn", "creation.named_in_future");
  const validUntil = validUntilOf(input.namedOn, input.validityYears);
  const id = await ctx.db.transaction(async (tx) => {
    const [dup] = await tx.select({ id: D.id }).from(D).where(eq(D.certificateNo, input.certificateNo));
    if (dup) throw errors.field("certificateNo", "creation.certificate_taken", { no: input.certificateNo });
    const now = ctx.clock.now();
    const status = validUntil < today ? "expired" : "valid";
    const [d] = await tx
      .insert(D)
      .values({
        orgId: org.id,
        unitName: org.name,
        search: designationSearch({ unitName: org.name }),
        regionCode: org.regionCode,
        category: input.category,
        level: input.level,
        issuerRegionCode,
        setId: input.setId,
        certificateNo: input.certificateNo,
        docNumber: input.docNumber,
        namedOn: input.namedOn,
        validFrom: input.namedOn,
        validUntil,
        validityYears: input.validityYears,
        status,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: D.id });
    await recordDesignationEvent(tx, ctx, {
      designationId: d.id,
      kind: "registered",
      toStatus: status,
      note: `${input.docNumber}（${input.namedOn}），有效期至 ${validUntil}`,
    });
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "creation_designation.register",
      entity: "creation_designation",
      entityId: d.id,
      regionCode: org.regionCode,
      orgId: org.id,
      summary: `录入历史命名：“${org.name}”${NAMING_LEVEL_LABELS[input.level]}（${input.docNumber}，证书编号 ${input.certificateNo}）`,
      changes: { certificateNo: [null, input.certificateNo], status: [null, status] },
    });
    return d.id;
  });
  return getDesignation(ctx, id);
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
    await tx
      .update(creationReverifications)
      .set({ status: "cancelled", updatedAt: ctx.clock.now() })
      .where(
        and(
          eq(creationReverifications.designationId, id),
          inArray(creationReverifications.status, ["open", "submitted", "failed"]),
        ),
      );
  });
  return getDesignation(ctx, id);
}

// ---------------------------------------------------------------------------------------------------------
// The named unit's side: 年度自查 and 复验 self-assessments

function assertHolder(ctx: Ctx, d: DesRow) {
  const scope = requireScope(ctx.actor, "creation:apply");
  if (!inScope(scope, { regionCode: d.regionCode, orgId: d.orgId })) throw errors.outOfScope("creation_designation");
}

/** The submitted self sheet's total and whether it passes the set (pass line, no veto failure). */
async function sheetResult(db: Queryable, subjectType: string, subjectId: string, setId: string | null) {
  const [sheet] = (await sheetsOfSubject(db, subjectType, subjectId)).filter((s) => s.kind === "self");
  if (sheet?.status !== "submitted") return null;
  const set = setId ? await setForScoring(db, setId) : null;
  const passed = !!set && sheet.vetoFailed.length === 0 && (sheet.total ?? 0) >= set.passLine;
  return { total: sheet.total ?? 0, vetoFailed: sheet.vetoFailed, passed, passLine: set?.passLine ?? null };
}

export async function createSelfCheck(ctx: Ctx, designationId: string, year: number) {
  const id = await ctx.db.transaction(async (tx) => {
    const d = await loadDesignation(ctx, designationId, tx, true);
    assertHolder(ctx, d);
    if (d.status !== "valid" && d.status !== "reverifying")
      throw illegalTransition("creation_designation", DESIGNATION_STATUS_LABELS[d.status], "填写年度自查", [
        "有效",
        "复验中",
      ]);
    if (!d.setId) throw errors.conflict("NO_INDICATOR_SET", "creation.no_indicator_set");
    const from = Number(d.namedOn.slice(0, 4));
    const to = Number(shanghaiDate(ctx.clock.now()).slice(0, 4));
    if (year < from || year > to) throw errors.field("year", "creation.self_check_year", { from, to });
    const [dup] = await tx
      .select({ id: creationSelfChecks.id })
      .from(creationSelfChecks)
      .where(and(eq(creationSelfChecks.designationId, d.id), eq(creationSelfChecks.year, year)));
    if (dup) throw errors.conflict("SELF_CHECK_EXISTS", "creation.self_check_exists", { year });
    const selfCheckId = crypto.randomUUID();
    const sheetId = await createSheet(tx, ctx, {
      setId: d.setId,
      kind: "self",
      subjectType: SELF_CHECK_SUBJECT,
      subjectId: selfCheckId,
      ownerOrgId: d.orgId,
      regionCode: d.regionCode,
    });
    const now = ctx.clock.now();
    await tx.insert(creationSelfChecks).values({
      id: selfCheckId,
      designationId: d.id,
      year,
      sheetId,
      orgId: d.orgId,
      regionCode: d.regionCode,
      createdBy: ctx.actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "creation_self_check.create",
      entity: "creation_self_check",
      entityId: selfCheckId,
      regionCode: d.regionCode,
      orgId: d.orgId,
      summary: `“${d.unitName}”开始填写 ${year} 年度自查`,
    });
    return selfCheckId;
  });
  return getSelfCheck(ctx, id);
}

async function loadSelfCheck(ctx: Ctx, id: string, db: Queryable = ctx.db) {
  const [row] = await db
    .select({ s: creationSelfChecks, d: D })
    .from(creationSelfChecks)
    .innerJoin(D, eq(D.id, creationSelfChecks.designationId))
    .where(and(eq(creationSelfChecks.id, id), designationScope(ctx)));
  if (!row) throw errors.notFound("creation_self_check");
  return row;
}

export async function getSelfCheck(ctx: Ctx, id: string) {
  return selfCheckView((await loadSelfCheck(ctx, id)).s);
}

export async function submitSelfCheck(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    const { s, d } = await loadSelfCheck(ctx, id, tx);
    assertHolder(ctx, d);
    if (s.status !== "draft") throw illegalTransition("creation_self_check", "已提交", "提交年度自查", ["填写中"]);
    const result = await sheetResult(tx, SELF_CHECK_SUBJECT, s.id, d.setId);
    if (!result) throw errors.conflict("SHEET_NOT_SUBMITTED", "creation.sheet_not_submitted", { what: "自查" });
    await tx
      .update(creationSelfChecks)
      .set({
        status: "submitted",
        total: result.total,
        passed: result.passed,
        vetoFailed: result.vetoFailed,
        submittedAt: ctx.clock.now(),
        updatedAt: ctx.clock.now(),
      })
      .where(eq(creationSelfChecks.id, id));
    await recordDesignationEvent(tx, ctx, {
      designationId: d.id,
      kind: "self_check",
      fromStatus: d.status,
      toStatus: d.status,
      note: `${s.year} 年度自查 ${result.total} 分${result.passed ? "" : "（未达合格线或一票否决项未通过）"}`,
    });
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "creation_self_check.submit",
      entity: "creation_self_check",
      entityId: id,
      regionCode: d.regionCode,
      orgId: d.orgId,
      summary: `提交 ${s.year} 年度自查：${result.total} 分`,
      changes: { status: ["draft", "submitted"], total: [null, result.total] },
    });
  });
  return getSelfCheck(ctx, id);
}

// ---------------------------------------------------------------------------------------------------------
// 复验

/**
 * The daily job: opens 复验 for every valid designation whose last day is within six months (a self sheet
 * with the same indicator set for the unit to fill). Returns how many were opened.
 */
export async function openDueReverifications(deps: Deps): Promise<number> {
  const today = shanghaiDate(deps.clock.now());
  const horizon = addMonths(today, REVERIFY_MONTHS_BEFORE);
  const due = await deps.db
    .select({ id: D.id })
    .from(D)
    .where(and(eq(D.status, "valid"), gte(D.validUntil, today), lte(D.validUntil, horizon)));
  const job = { clock: deps.clock, actor: null };
  let opened = 0;
  for (const { id } of due) {
    opened += await deps.db.transaction(async (tx) => {
      const [d] = await tx.select().from(D).where(eq(D.id, id)).for("update");
      if (d.status !== "valid") return 0;
      const reverificationId = crypto.randomUUID();
      const sheetId = d.setId
        ? await createSheet(
            tx,
            { ...deps, actor: SYSTEM_ACTOR },
            {
              setId: d.setId,
              kind: "self",
              subjectType: REVERIFICATION_SUBJECT,
              subjectId: reverificationId,
              ownerOrgId: d.orgId,
              regionCode: d.regionCode,
            },
          )
        : null;
      const now = deps.clock.now();
      await tx.insert(creationReverifications).values({
        id: reverificationId,
        designationId: d.id,
        sheetId,
        openedAt: now,
        dueOn: d.validUntil,
        orgId: d.orgId,
        regionCode: d.regionCode,
        createdAt: now,
        updatedAt: now,
      });
      await setDesignationStatus(tx, job, d, "open_reverification", {
        kind: "reverification_opened",
        note: `有效期至 ${d.validUntil}，请于到期前完成复验`,
        summary: `“${d.unitName}”的命名将于 ${d.validUntil} 到期，启动复验`,
      });
      return 1;
    });
  }
  return opened;
}

/** The daily job: designations past their last day become 已到期, their unfinished 复验 lapse. */
export async function expireDesignations(deps: Deps): Promise<number> {
  const today = shanghaiDate(deps.clock.now());
  const due = await deps.db
    .select({ id: D.id })
    .from(D)
    .where(and(inArray(D.status, ["valid", "reverifying"]), sql`${D.validUntil} < ${today}`));
  const job = { clock: deps.clock, actor: null };
  let expired = 0;
  for (const { id } of due) {
    expired += await deps.db.transaction(async (tx) => {
      const [d] = await tx.select().from(D).where(eq(D.id, id)).for("update");
      if (d.status !== "valid" && d.status !== "reverifying") return 0;
      const lapsed = await tx
        .update(creationReverifications)
        .set({ status: "lapsed", updatedAt: deps.clock.now() })
        .where(
          and(
            eq(creationReverifications.designationId, d.id),
            inArray(creationReverifications.status, ["open", "submitted"]),
          ),
        )
        .returning({ id: creationReverifications.id });
      await setDesignationStatus(tx, job, d, "expire", {
        kind: "expired",
        note: lapsed.length ? "复验未在到期前完成" : d.status === "reverifying" ? "复验不合格，到期未延续" : null,
        summary: `“${d.unitName}”的${NAMING_LEVEL_LABELS[d.level as NamingLevel]}命名已于 ${d.validUntil} 到期`,
      });
      return 1;
    });
  }
  return expired;
}

async function loadReverification(ctx: Ctx, id: string, db: Queryable = ctx.db) {
  const [row] = await db
    .select({ r: creationReverifications, d: D })
    .from(creationReverifications)
    .innerJoin(D, eq(D.id, creationReverifications.designationId))
    .where(and(eq(creationReverifications.id, id), designationScope(ctx)));
  if (!row) throw errors.notFound("creation_reverification");
  await db
    .select({ id: creationReverifications.id })
    .from(creationReverifications)
    .where(eq(creationReverifications.id, id))
    .for("update");
  return row;
}

export async function getReverification(ctx: Ctx, id: string) {
  const { r } = await loadReverification(ctx, id);
  const decidedByName = r.decidedBy ? await userDisplayName(ctx.db, r.decidedBy) : null;
  return reverificationView(r, decidedByName);
}

/** The unit submits its 复验 self-assessment (the sheet must be submitted first). */
export async function submitReverification(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    const { r, d } = await loadReverification(ctx, id, tx);
    assertHolder(ctx, d);
    if (r.status !== "open")
      throw illegalTransition("creation_reverification", r.status, "提交复验自查", ["待单位自查"]);
    const result = r.sheetId ? await sheetResult(tx, REVERIFICATION_SUBJECT, r.id, d.setId) : null;
    if (r.sheetId && !result)
      throw errors.conflict("SHEET_NOT_SUBMITTED", "creation.sheet_not_submitted", { what: "复验自查" });
    await tx
      .update(creationReverifications)
      .set({
        status: "submitted",
        total: result?.total ?? null,
        sheetPassed: result?.passed ?? null,
        submittedAt: ctx.clock.now(),
        updatedAt: ctx.clock.now(),
      })
      .where(eq(creationReverifications.id, id));
    await recordDesignationEvent(tx, ctx, {
      designationId: d.id,
      kind: "reverification_submitted",
      fromStatus: d.status,
      toStatus: d.status,
      note: result ? `自查 ${result.total} 分` : null,
    });
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "creation_reverification.submit",
      entity: "creation_reverification",
      entityId: id,
      regionCode: d.regionCode,
      orgId: d.orgId,
      summary: `“${d.unitName}”提交复验自查${result ? `：${result.total} 分` : ""}`,
      changes: { status: ["open", "submitted"] },
    });
  });
  return getReverification(ctx, id);
}

/**
 * The naming level decides: pass renews the designation (valid_until + its validity years, 有效 again); fail
 * leaves it 复验中 until its expiry, when the job lapses it. Passing needs a submitted self-assessment that
 * meets the pass line with no veto failure.
 */
export async function decideReverification(ctx: Ctx, id: string, passed: boolean, note?: string) {
  await ctx.db.transaction(async (tx) => {
    const { r, d } = await loadReverification(ctx, id, tx);
    assertManagesRegion(ctx, d.issuerRegionCode, "creation_reverification");
    const allowed = passed ? ["submitted"] : ["open", "submitted"];
    if (!allowed.includes(r.status))
      throw illegalTransition(
        "creation_reverification",
        r.status,
        passed ? "判定复验通过" : "判定复验不合格",
        passed ? ["待审核"] : ["待单位自查", "待审核"],
      );
    if (passed && r.sheetId && !r.sheetPassed) {
      const set = d.setId ? await setForScoring(tx, d.setId) : null;
      throw errors.conflict("REVERIFICATION_SHEET_FAILED", "creation.reverification_sheet_failed", {
        total: r.total ?? 0,
        passLine: set?.passLine ?? "",
      });
    }
    const now = ctx.clock.now();
    await tx
      .update(creationReverifications)
      .set({
        status: passed ? "passed" : "failed",
        decidedAt: now,
        decidedBy: ctx.actor.userId,
        note: note ?? null,
        updatedAt: now,
      })
      .where(eq(creationReverifications.id, id));
    if (passed) {
      const validUntil = addYears(d.validUntil, d.validityYears);
      await setDesignationStatus(tx, ctx, d, "renew", {
        set: { validUntil, renewals: d.renewals + 1 },
        kind: "renewed",
        note: `有效期延续至 ${validUntil}${note ? `；${note}` : ""}`,
        summary: `“${d.unitName}”复验通过，有效期延续至 ${validUntil}`,
      });
    } else {
      await recordDesignationEvent(tx, ctx, {
        designationId: d.id,
        kind: "reverification_failed",
        fromStatus: d.status,
        toStatus: d.status,
        note: `到期（${d.validUntil}）后不再有效${note ? `；${note}` : ""}`,
      });
      await recordAudit(tx, ctx.clock, ctx.actor, {
        category: "data",
        action: "creation_reverification.fail",
        entity: "creation_reverification",
        entityId: id,
        regionCode: d.regionCode,
        orgId: d.orgId,
        summary: `“${d.unitName}”复验不合格${note ? `：${note}` : ""}`,
        changes: { status: [r.status, "failed"] },
      });
    }
  });
  return getReverification(ctx, id);
}

// ---------------------------------------------------------------------------------------------------------
// The public directory of named units and its map

export async function listPublicUnits(deps: Deps, q: PublicUnitQuery) {
  const today = shanghaiDate(deps.clock.now());
  const conds: (SQL | undefined)[] = [liveWhere(today)];
  if (q.regionCode) conds.push(regionTreeWhere(D.regionCode, q.regionCode));
  if (q.level) conds.push(eq(D.level, q.level));
  if (q.category) conds.push(eq(D.category, q.category));
  if (q.year) conds.push(gte(D.namedOn, `${q.year}-01-01`), lte(D.namedOn, `${q.year}-12-31`));
  if (q.q) conds.push(or(searchQuery(D.search, q.q), eq(D.certificateNo, q.q)));
  const where = and(...conds.filter(Boolean));
  const [rows, [{ total }], labels] = await Promise.all([
    deps.db
      .select()
      .from(D)
      .where(where)
      .orderBy(desc(D.namedOn), desc(D.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    deps.db.select({ total: sql<number>`count(*)::int` }).from(D).where(where),
    categoryLabels(deps.db),
  ]);
  const list = await toDesignations(deps.db, rows, labels);
  return {
    items: list.map((d) => ({
      id: d.id,
      unitName: d.unitName,
      regionCode: d.regionCode,
      regionName: d.regionName,
      category: d.category,
      categoryLabel: d.categoryLabel,
      level: d.level,
      certificateNo: d.certificateNo,
      namedOn: d.namedOn,
      validUntil: d.validUntil,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** Region code length of the level below `code` (2 → 4 → 6 → 9 → 12). */
export function childLength(code: string): number | null {
  return { 2: 4, 4: 6, 6: 9, 9: 12 }[code.length] ?? null;
}

/** Counts of valid designations per child region of `regionCode` (or per province when absent), for a map. */
export async function publicMap(deps: Deps, q: { regionCode?: string; level?: NamingLevel; category?: string }) {
  const today = shanghaiDate(deps.clock.now());
  const root = q.regionCode ?? "";
  const len = root ? childLength(root) : 2;
  const conds: (SQL | undefined)[] = [liveWhere(today)];
  if (root) conds.push(regionTreeWhere(D.regionCode, root));
  if (q.level) conds.push(eq(D.level, q.level));
  if (q.category) conds.push(eq(D.category, q.category));
  const rows = len
    ? await deps.db
        .select({ code: sql<string>`substr(${D.regionCode}, 1, ${len})`, n: sql<number>`count(*)::int` })
        .from(D)
        .where(and(...conds.filter(Boolean)))
        .groupBy(sql`1`)
    : [];
  const names = await namesOf(deps.db, [root, ...rows.map((r) => r.code)]);
  const points = rows
    .filter((r) => r.code.length === len)
    .map((r) => ({ regionCode: r.code, regionName: names.get(r.code) ?? r.code, count: r.n }))
    .sort((a, b) => (a.regionCode < b.regionCode ? -1 : 1));
  return {
    regionCode: root,
    regionName: root ? (names.get(root) ?? root) : "全国",
    points,
    total: rows.reduce((s, r) => s + r.n, 0),
  };
}
