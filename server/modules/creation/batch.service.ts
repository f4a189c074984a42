/**
 * 申报批次 and the 培育库.
 *
 * Batch states: 筹备中 (draft) → 申报中 (open) ⇄ 申报已截止 (closed) → 已命名 (concluded, set by a naming
 * decision). Level, categories and indicator sets are fixed once the batch opens; names, quota, notice
 * length and deadlines can still move until it is concluded.
 *
 * Who sees a batch: a published batch is visible to every unit and department below its organising region
 * (they apply to it and review for it) and to departments whose scope covers that region; a draft only to
 * managers whose creation:manage scope covers it.
 */
import { and, asc, desc, eq, inArray, ne, or, type SQL, sql } from "drizzle-orm";
import {
  BATCH_STATUS_LABELS,
  type Batch,
  type BatchCreate,
  type BatchListQuery,
  type BatchUpdate,
  CANDIDATE_STATUS_LABELS,
  type Candidate,
  type CandidateListQuery,
  type CandidateStatus,
  LEVEL_REGION_LENGTH,
  NAMING_LEVEL_LABELS,
  type NamingLevel,
  REVIEW_LEVEL_LABELS,
} from "../../../contracts/creation.js";
import { inScope, regionTreeWhere, requireScope, type Scope, scopeFor, scopeWhere } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import { searchQuery } from "../../core/search.js";
import { defineMachine } from "../../core/state-machine.js";
import type { Queryable } from "../../db/client.js";
import { containsPattern } from "../../db/sql.js";
import { diff, recordAudit } from "../audit/index.js";
import { getIndicatorSet } from "../evaluation/index.js";
import { ancestorCodes, orgNameSql } from "../org/index.js";
import { creationApplications, creationBatches, creationCandidates, creationDesignations } from "./creation.schema.js";
import { batchSearch } from "./creation.search.js";
import { assertCategory, categoryLabels, illegalTransition, namesOf, orgById, orgNames } from "./creation.service.js";
import { shanghaiDate } from "./dates.js";

type BatchRow = typeof creationBatches.$inferSelect;

/** The region part of a scope as SQL on `col` (org and self scopes hold no region: false). */
export function regionScopeSql(scope: Scope, col: Parameters<typeof regionTreeWhere>[0]): SQL | undefined {
  switch (scope.kind) {
    case "all":
      return undefined;
    case "region_tree":
      return regionTreeWhere(col, scope.prefix);
    case "region":
      return eq(col, scope.code);
    default:
      return sql`false`;
  }
}

/** Whether the caller's creation:manage scope covers a region (the batch's, the designation issuer's …). */
export function managesRegion(ctx: Ctx, regionCode: string): boolean {
  const scope = scopeFor(ctx.actor, "creation:manage");
  return !!scope && inScope(scope, { regionCode, orgId: null });
}

export function assertManagesRegion(ctx: Ctx, regionCode: string, entity: string) {
  requireScope(ctx.actor, "creation:manage");
  if (!managesRegion(ctx, regionCode)) throw errors.outOfScope(entity);
}

/** The batches a caller sees (see the file comment). */
export function batchVisibleWhere(ctx: Ctx): SQL {
  const read = scopeFor(ctx.actor, "creation:read") ?? scopeFor(ctx.actor, "creation:apply");
  if (!read) throw errors.forbidden("creation:read");
  const own = [...ancestorCodes(ctx.actor.regionCode), ctx.actor.regionCode];
  const published = or(inArray(creationBatches.regionCode, own), regionScopeSql(read, creationBatches.regionCode));
  const manage = scopeFor(ctx.actor, "creation:manage");
  const drafts = manage ? (regionScopeSql(manage, creationBatches.regionCode) ?? sql`true`) : sql`false`;
  return sql`((${creationBatches.status} <> 'draft' AND (${published ?? sql`true`})) OR (${creationBatches.status} = 'draft' AND ${drafts}))`;
}

// Correlated subqueries name the outer table explicitly (a column of the query's own table may render unqualified).
const batchSelect = {
  b: creationBatches,
  organiserOrgName: orgNameSql(creationBatches.organiserOrgId),
  applicationCount: sql<number>`(select count(*)::int from ${creationApplications} a where a.batch_id = creation_batches.id and a.status <> 'draft')`,
  namedCount: sql<number>`(select count(*)::int from ${creationDesignations} d where d.batch_id = creation_batches.id)`,
};

function toBatch(
  r: { b: BatchRow; organiserOrgName: string; applicationCount: number; namedCount: number },
  names: Map<string, string>,
): Batch {
  const b = r.b;
  return {
    id: b.id,
    name: b.name,
    year: b.year,
    level: b.level as NamingLevel,
    categories: b.categories,
    setId: b.setId,
    categorySets: (b.categorySets ?? {}) as Record<string, string>,
    quota: b.quota,
    noticeDays: b.noticeDays,
    validityYears: b.validityYears,
    prerequisiteLevel: (b.prerequisiteLevel as NamingLevel | null) ?? null,
    submitDeadline: b.submitDeadline,
    reviewDeadline: b.reviewDeadline,
    evaluationDeadline: b.evaluationDeadline,
    namingDeadline: b.namingDeadline,
    description: b.description,
    status: b.status,
    organiserOrgId: b.organiserOrgId,
    organiserOrgName: r.organiserOrgName,
    regionCode: b.regionCode,
    regionName: names.get(b.regionCode) ?? "",
    applicationCount: Number(r.applicationCount),
    namedCount: Number(r.namedCount),
    createdAt: b.createdAt.toISOString(),
    updatedAt: b.updatedAt.toISOString(),
  };
}

export async function listBatches(ctx: Ctx, q: BatchListQuery) {
  const conds: (SQL | undefined)[] = [batchVisibleWhere(ctx)];
  if (q.status) conds.push(eq(creationBatches.status, q.status));
  if (q.level) conds.push(eq(creationBatches.level, q.level));
  if (q.year) conds.push(eq(creationBatches.year, q.year));
  if (q.category) conds.push(sql`${creationBatches.categories} @> ARRAY[${q.category}]::text[]`);
  if (q.q) conds.push(searchQuery(creationBatches.search, q.q));
  if (q.applicable) {
    conds.push(
      eq(creationBatches.status, "open"),
      sql`${creationBatches.submitDeadline} >= ${shanghaiDate(ctx.clock.now())}`,
      inArray(creationBatches.regionCode, [...ancestorCodes(ctx.actor.regionCode), ctx.actor.regionCode]),
    );
  }
  const where = and(...conds.filter(Boolean));
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select(batchSelect)
      .from(creationBatches)
      .where(where)
      .orderBy(desc(creationBatches.year), desc(creationBatches.createdAt), asc(creationBatches.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: sql<number>`count(*)::int` }).from(creationBatches).where(where),
  ]);
  const names = await namesOf(
    ctx.db,
    rows.map((r) => r.b.regionCode),
  );
  return { items: rows.map((r) => toBatch(r, names)), total, page: q.page, pageSize: q.pageSize };
}

/** A batch the caller sees, or 404. */
export async function loadBatch(ctx: Ctx, id: string, db: Queryable = ctx.db, forUpdate = false) {
  const query = db
    .select({ b: creationBatches })
    .from(creationBatches)
    .where(and(eq(creationBatches.id, id), batchVisibleWhere(ctx)));
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row) throw errors.notFound("creation_batch");
  return row.b;
}

export async function getBatch(ctx: Ctx, id: string, db: Queryable = ctx.db): Promise<Batch> {
  const [row] = await db
    .select(batchSelect)
    .from(creationBatches)
    .where(and(eq(creationBatches.id, id), batchVisibleWhere(ctx)));
  if (!row) throw errors.notFound("creation_batch");
  return toBatch(row, await namesOf(db, [row.b.regionCode]));
}

/** The indicator set an application of `category` in this batch is scored with. */
export function setForCategory(b: Pick<BatchRow, "setId" | "categorySets">, category: string): string {
  return ((b.categorySets ?? {}) as Record<string, string>)[category] ?? b.setId;
}

/** Checks the batch's sets: published, for this level, and for the categories they will score. */
async function checkSets(
  ctx: Ctx,
  b: { level: string; categories: string[]; setId: string; categorySets: Record<string, string> },
) {
  const use = async (id: string, field: string, categories: string[]) => {
    const set = await getIndicatorSet(ctx, id).catch(() => {
      throw errors.field(field, "errors.not_found", { entity: "指标体系" });
    });
    const problem =
      set.status !== "published"
        ? "尚未发布"
        : !set.levels.includes(b.level as NamingLevel)
          ? `不适用于${NAMING_LEVEL_LABELS[b.level as NamingLevel]}`
          : set.categories.length && categories.some((c) => !set.categories.includes(c))
            ? `不适用于类别 ${categories.filter((c) => !set.categories.includes(c)).join("、")}`
            : null;
    if (problem) throw errors.field(field, "creation.set_unusable", { name: set.name, problem });
  };
  for (const [category, id] of Object.entries(b.categorySets)) {
    if (!b.categories.includes(category))
      throw errors.field("categorySets", "creation.category_not_in_batch", { category });
    await use(id, "categorySets", [category]);
  }
  const rest = b.categories.filter((c) => !(c in b.categorySets));
  if (rest.length) await use(b.setId, "setId", rest);
}

function checkLevelRegion(ctx: Ctx, level: NamingLevel, regionCode: string) {
  const want = LEVEL_REGION_LENGTH[level];
  if (regionCode.length !== want)
    throw errors.field("level", "creation.level_region_mismatch", {
      level: NAMING_LEVEL_LABELS[level],
      regionLevel: REVIEW_LEVEL_LABELS[want],
      own: REVIEW_LEVEL_LABELS[regionCode.length] ?? regionCode,
    });
  void ctx;
}

export async function createBatch(ctx: Ctx, input: BatchCreate): Promise<Batch> {
  const scope = requireScope(ctx.actor, "creation:manage");
  if (!inScope(scope, { regionCode: ctx.actor.regionCode, orgId: ctx.actor.orgId }))
    throw errors.outOfScope("creation_batch");
  checkLevelRegion(ctx, input.level, ctx.actor.regionCode);
  for (const c of input.categories) await assertCategory(ctx.db, c, "categories");
  if (input.prerequisiteLevel && input.prerequisiteLevel === input.level)
    throw errors.field("prerequisiteLevel", "creation.prerequisite_same_level");
  await checkSets(ctx, input);
  const id = await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(creationBatches)
      .values({
        name: input.name,
        search: batchSearch(input),
        year: input.year,
        level: input.level,
        categories: input.categories,
        setId: input.setId,
        categorySets: input.categorySets,
        quota: input.quota ?? null,
        noticeDays: input.noticeDays,
        validityYears: input.validityYears,
        prerequisiteLevel: input.prerequisiteLevel ?? null,
        submitDeadline: input.submitDeadline,
        reviewDeadline: input.reviewDeadline ?? null,
        evaluationDeadline: input.evaluationDeadline ?? null,
        namingDeadline: input.namingDeadline ?? null,
        description: input.description ?? null,
        organiserOrgId: ctx.actor.orgId,
        regionCode: ctx.actor.regionCode,
        createdBy: ctx.actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: creationBatches.id });
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "creation_batch.create",
      entity: "creation_batch",
      entityId: row.id,
      regionCode: ctx.actor.regionCode,
      orgId: ctx.actor.orgId,
      summary: `新建申报批次“${input.name}”（${NAMING_LEVEL_LABELS[input.level]}）`,
      changes: { name: [null, input.name], level: [null, input.level], categories: [null, input.categories] },
    });
    return row.id;
  });
  return getBatch(ctx, id);
}

/** Fields that can change only while the batch is 筹备中. */
const DRAFT_ONLY = [
  "level",
  "categories",
  "setId",
  "categorySets",
  "year",
  "validityYears",
  "prerequisiteLevel",
] as const;

export async function updateBatch(ctx: Ctx, id: string, patch: BatchUpdate): Promise<Batch> {
  const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<BatchRow>;
  await ctx.db.transaction(async (tx) => {
    const before = await loadBatch(ctx, id, tx, true);
    assertManagesRegion(ctx, before.regionCode, "creation_batch");
    batchMachine.assert(before.status, "update");
    const locked = DRAFT_ONLY.filter((k) => k in set);
    if (before.status !== "draft" && locked.length)
      throw errors.conflict("BATCH_LOCKED", "creation.batch_fields_locked", { fields: locked.join("、") });
    const next = { ...before, ...set };
    const order = [next.submitDeadline, next.reviewDeadline, next.evaluationDeadline, next.namingDeadline].filter(
      (d): d is string => !!d,
    );
    if (!order.every((d, i) => i === 0 || order[i - 1] <= d))
      throw errors.field("reviewDeadline", "creation.deadline_order");
    if (locked.length) {
      if ("level" in set) checkLevelRegion(ctx, next.level as NamingLevel, before.regionCode);
      if ("categories" in set) for (const c of next.categories) await assertCategory(tx, c, "categories");
      await checkSets(ctx, { ...next, categorySets: (next.categorySets ?? {}) as Record<string, string> });
    }
    const pick = (b: Partial<BatchRow>) => Object.fromEntries(Object.keys(set).map((k) => [k, b[k as keyof BatchRow]]));
    await batchMachine.move(tx, ctx, before, "update", {
      set: set.name ? { ...set, search: batchSearch({ name: set.name }) } : set,
      summary: `修改申报批次“${before.name}”`,
      changes: diff(pick(before), pick(next)),
    });
  });
  return getBatch(ctx, id);
}

/**
 * The batch state machine: 筹备中 ─开始申报─▶ 申报中 ⇄ 申报已截止, and 命名 (a naming decision) concludes it.
 * `batchMachine.move` is the only writer of a batch's status.
 */
export const batchMachine = defineMachine({
  entity: "creation_batch",
  auditPrefix: "creation_batch",
  table: creationBatches,
  labels: BATCH_STATUS_LABELS,
  audit: recordAudit,
  scope: (b) => ({ regionCode: b.regionCode, orgId: b.organiserOrgId }),
  transitions: {
    update: { from: ["draft", "open", "closed"], to: [], label: "修改批次" },
    open: { from: ["draft", "closed"], to: ["open"], label: "开始（恢复）申报" },
    close: { from: ["open"], to: ["closed"], label: "截止申报" },
    conclude: { from: ["open", "closed", "concluded"], to: ["concluded"], label: "命名" },
  },
});
export const BATCH_TRANSITIONS = batchMachine.transitions;

export async function setBatchStatus(ctx: Ctx, id: string, action: "open" | "close"): Promise<Batch> {
  const tr = BATCH_TRANSITIONS[action];
  await ctx.db.transaction(async (tx) => {
    const before = await loadBatch(ctx, id, tx, true);
    assertManagesRegion(ctx, before.regionCode, "creation_batch");
    await batchMachine.move(tx, ctx, before, action, { summary: `申报批次“${before.name}”：${tr.label}` });
  });
  return getBatch(ctx, id);
}

// ---------------------------------------------------------------------------------------------------------
// 培育库

type CandidateRow = typeof creationCandidates.$inferSelect;

async function toCandidates(db: Queryable, rows: CandidateRow[]): Promise<Candidate[]> {
  const [names, orgsById, labels] = await Promise.all([
    namesOf(
      db,
      rows.map((r) => r.regionCode),
    ),
    orgNames(
      db,
      rows.flatMap((r) => [r.orgId, r.mentorOrgId]),
    ),
    categoryLabels(db),
  ]);
  return rows.map((r) => ({
    id: r.id,
    orgId: r.orgId,
    orgName: orgsById.get(r.orgId) ?? "",
    regionCode: r.regionCode,
    regionName: names.get(r.regionCode) ?? "",
    category: r.category,
    categoryLabel: labels.get(r.category) ?? r.category,
    targetLevel: r.targetLevel as NamingLevel,
    mentorOrgId: r.mentorOrgId,
    mentorOrgName: r.mentorOrgId ? (orgsById.get(r.mentorOrgId) ?? null) : null,
    since: r.since,
    note: r.note,
    status: r.status,
    applicationId: r.applicationId,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

function candidateScope(ctx: Ctx) {
  return scopeWhere(requireScope(ctx.actor, "creation:read"), {
    region: creationCandidates.regionCode,
    org: creationCandidates.orgId,
  });
}

export async function listCandidates(ctx: Ctx, q: CandidateListQuery) {
  const conds: (SQL | undefined)[] = [candidateScope(ctx)];
  if (q.regionCode) conds.push(regionTreeWhere(creationCandidates.regionCode, q.regionCode));
  if (q.category) conds.push(eq(creationCandidates.category, q.category));
  if (q.targetLevel) conds.push(eq(creationCandidates.targetLevel, q.targetLevel));
  if (q.status) conds.push(eq(creationCandidates.status, q.status));
  else conds.push(ne(creationCandidates.status, "removed"));
  if (q.q) conds.push(sql`${orgNameSql(creationCandidates.orgId)} ilike ${containsPattern(q.q)}`);
  const where = and(...conds.filter(Boolean));
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select()
      .from(creationCandidates)
      .where(where)
      .orderBy(asc(creationCandidates.regionCode), desc(creationCandidates.createdAt))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: sql<number>`count(*)::int` }).from(creationCandidates).where(where),
  ]);
  return { items: await toCandidates(ctx.db, rows), total, page: q.page, pageSize: q.pageSize };
}

export async function getCandidate(ctx: Ctx, id: string, db: Queryable = ctx.db) {
  const [row] = await db
    .select()
    .from(creationCandidates)
    .where(and(eq(creationCandidates.id, id), candidateScope(ctx)));
  if (!row) throw errors.notFound("creation_candidate");
  return (await toCandidates(db, [row]))[0];
}

export async function createCandidate(
  ctx: Ctx,
  input: {
    orgId: string;
    category: string;
    targetLevel: NamingLevel;
    mentorOrgId?: string | null;
    since?: string;
    note: string;
  },
) {
  requireScope(ctx.actor, "creation:manage");
  const org = await orgById(ctx.db, input.orgId);
  if (!org || !managesRegion(ctx, org.regionCode))
    throw errors.field("orgId", "errors.not_found", { entity: "培育单位" });
  await assertCategory(ctx.db, input.category);
  if (input.mentorOrgId && !(await orgById(ctx.db, input.mentorOrgId)))
    throw errors.field("mentorOrgId", "errors.not_found", { entity: "指导单位" });
  const id = await ctx.db.transaction(async (tx) => {
    const [dup] = await tx
      .select({ id: creationCandidates.id })
      .from(creationCandidates)
      .where(and(eq(creationCandidates.orgId, org.id), eq(creationCandidates.category, input.category)));
    if (dup) throw errors.conflict("CANDIDATE_EXISTS", "creation.candidate_exists", { org: org.name });
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(creationCandidates)
      .values({
        orgId: org.id,
        regionCode: org.regionCode,
        category: input.category,
        targetLevel: input.targetLevel,
        mentorOrgId: input.mentorOrgId ?? null,
        since: input.since ?? shanghaiDate(now),
        note: input.note,
        createdBy: ctx.actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: creationCandidates.id });
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "creation_candidate.create",
      entity: "creation_candidate",
      entityId: row.id,
      regionCode: org.regionCode,
      orgId: org.id,
      summary: `将“${org.name}”列入培育库（${NAMING_LEVEL_LABELS[input.targetLevel]}）`,
      changes: { category: [null, input.category], targetLevel: [null, input.targetLevel] },
    });
    return row.id;
  });
  return getCandidate(ctx, id);
}

export async function updateCandidate(
  ctx: Ctx,
  id: string,
  patch: {
    targetLevel?: NamingLevel;
    mentorOrgId?: string | null;
    note?: string;
    status?: "cultivating" | "removed";
  },
) {
  await ctx.db.transaction(async (tx) => {
    const before = await getCandidate(ctx, id, tx);
    assertManagesRegion(ctx, before.regionCode, "creation_candidate");
    if (patch.mentorOrgId && !(await orgById(tx, patch.mentorOrgId)))
      throw errors.field("mentorOrgId", "errors.not_found", { entity: "指导单位" });
    if (patch.status && patch.status !== before.status) {
      const allowed =
        (before.status === "cultivating" && patch.status === "removed") ||
        (before.status === "removed" && patch.status === "cultivating");
      if (!allowed)
        throw illegalTransition(
          "creation_candidate",
          CANDIDATE_STATUS_LABELS[before.status as CandidateStatus],
          patch.status === "removed" ? "移出培育库" : "恢复培育",
          [CANDIDATE_STATUS_LABELS[patch.status === "removed" ? "cultivating" : "removed"]],
        );
    }
    const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    await tx
      .update(creationCandidates)
      .set({ ...set, updatedAt: ctx.clock.now() })
      .where(eq(creationCandidates.id, id));
    const pick = (c: Record<string, unknown>) => Object.fromEntries(Object.keys(set).map((k) => [k, c[k] ?? null]));
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "creation_candidate.update",
      entity: "creation_candidate",
      entityId: id,
      regionCode: before.regionCode,
      orgId: before.orgId,
      summary: `修改培育对象“${before.orgName}”`,
      changes: diff(pick(before), pick({ ...before, ...set })),
    });
  });
  return getCandidate(ctx, id);
}
