import { and, arrayContains, desc, eq, ilike, inArray, type SQL, sql } from "drizzle-orm";
import { CREATION_CATEGORY_DICT } from "../../../contracts/creation.js";
import {
  INDICATOR_SET_STATUS_LABELS,
  type IndicatorSetInput,
  type IndicatorSetSummary,
  type IndicatorSetView,
  type ScoreSheetSave,
  type ScoreSheetView,
  SHEET_STATUS_LABELS,
} from "../../../contracts/evaluation.js";
import { can, inScope, requireScope, scopeFor, scopeWhere } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { dictItems } from "../../core/core.schema.js";
import { registerDictUsage } from "../../core/dict.js";
import { AppError, errors } from "../../core/errors.js";
import { defineMachine } from "../../core/state-machine.js";
import type { Queryable, Tx } from "../../db/client.js";
import { containsPattern } from "../../db/sql.js";
import { assertActivitiesUsable } from "../activities/index.js";
import { diff, recordAudit } from "../audit/index.js";
import { userDisplayName } from "../identity/index.js";
import { assertMaterialsUsable } from "../materials/index.js";
import { orgNameSql } from "../org/index.js";
import { indicatorSets, scoreSheets } from "./evaluation.schema.js";
import { type IndicatorNode, leavesOf, normalizeIndicatorTree, scoreSheet, validateIndicatorTree } from "./scoring.js";

type SetRow = typeof indicatorSets.$inferSelect;

/** An indicator set naming a category uses its code (字典管理 never deletes it). */
registerDictUsage(CREATION_CATEGORY_DICT, async (db, code) => {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(indicatorSets)
    .where(sql`${code} = any(${indicatorSets.categories})`);
  return row?.n ?? 0;
});

/** 创建类别 code → label, so a set names its categories for readers without creation:read (experts). */
async function categoryNames(db: Queryable): Promise<Map<string, string>> {
  const rows = await db
    .select({ code: dictItems.code, label: dictItems.label })
    .from(dictItems)
    .where(eq(dictItems.dictType, CREATION_CATEGORY_DICT));
  return new Map(rows.map((r) => [r.code, r.label]));
}

function setSummary(r: SetRow, ownerOrgName: string, categoryLabels: Map<string, string>): IndicatorSetSummary {
  const leaves = leavesOf(r.nodes as IndicatorNode[]);
  return {
    id: r.id,
    familyId: r.familyId,
    version: r.version,
    versionLabel: r.versionLabel,
    name: r.name,
    description: r.description,
    categories: r.categories,
    categoryLabels: r.categories.map((c) => categoryLabels.get(c) ?? c),
    levels: r.levels as IndicatorSetSummary["levels"],
    total: r.total,
    passLine: r.passLine,
    status: r.status,
    ownerOrgId: r.ownerOrgId,
    ownerOrgName,
    regionCode: r.regionCode,
    leafCount: leaves.length,
    vetoCount: leaves.filter((l) => l.veto).length,
    publishedAt: r.publishedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

function setView(r: SetRow, ownerOrgName: string, categoryLabels: Map<string, string>): IndicatorSetView {
  return {
    ...setSummary(r, ownerOrgName, categoryLabels),
    gradeScale: r.gradeScale as IndicatorSetView["gradeScale"],
    nodes: r.nodes as IndicatorSetView["nodes"],
  };
}

/**
 * Which sets a caller sees: every published set (they are the published standard everyone is scored
 * against) and the drafts of departments within their evaluation:manage scope.
 */
function visibleSets(ctx: Ctx): SQL | undefined {
  const manage = scopeFor(ctx.actor, "evaluation:manage");
  const drafts = manage
    ? scopeWhere(manage, { region: indicatorSets.regionCode, org: indicatorSets.ownerOrgId })
    : sql`false`;
  return sql`(${indicatorSets.status} = 'published' OR (${drafts ?? sql`true`}))`;
}

export async function listIndicatorSets(
  ctx: Ctx,
  q: { page: number; pageSize: number; q?: string; status?: "draft" | "published"; level?: string; category?: string },
) {
  requireScope(ctx.actor, "evaluation:read");
  const conds: (SQL | undefined)[] = [visibleSets(ctx)];
  if (q.q) conds.push(ilike(indicatorSets.name, containsPattern(q.q)));
  if (q.status) conds.push(eq(indicatorSets.status, q.status));
  if (q.level) conds.push(arrayContains(indicatorSets.levels, [q.level]));
  if (q.category) conds.push(arrayContains(indicatorSets.categories, [q.category]));
  const where = and(...conds.filter(Boolean));
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select({ s: indicatorSets, orgName: orgNameSql(indicatorSets.ownerOrgId) })
      .from(indicatorSets)
      .where(where)
      .orderBy(desc(indicatorSets.updatedAt))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: sql<number>`count(*)::int` }).from(indicatorSets).where(where),
  ]);
  const labels = await categoryNames(ctx.db);
  return {
    items: rows.map((r) => setSummary(r.s, r.orgName, labels)),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

async function loadSet(db: Queryable, id: string) {
  const [row] = await db
    .select({ s: indicatorSets, orgName: orgNameSql(indicatorSets.ownerOrgId) })
    .from(indicatorSets)
    .where(eq(indicatorSets.id, id));
  return row ?? null;
}

export async function getIndicatorSet(ctx: Ctx, id: string, db: Queryable = ctx.db): Promise<IndicatorSetView> {
  requireScope(ctx.actor, "evaluation:read");
  const [row] = await db
    .select({ s: indicatorSets, orgName: orgNameSql(indicatorSets.ownerOrgId) })
    .from(indicatorSets)
    .where(and(eq(indicatorSets.id, id), visibleSets(ctx)));
  if (!row) throw errors.notFound("indicator_set");
  return setView(row.s, row.orgName, await categoryNames(db));
}

/** A set the caller may change: a draft of a department within their evaluation:manage scope. */
async function editableSet(ctx: Ctx, tx: Queryable, id: string) {
  const scope = requireScope(ctx.actor, "evaluation:manage");
  const row = await loadSet(tx, id);
  if (!row || !inScope(scope, { regionCode: row.s.regionCode, orgId: row.s.ownerOrgId }))
    throw errors.notFound("indicator_set");
  if (row.s.status === "published") throw errors.conflict("SET_PUBLISHED", "evaluation.published_immutable");
  return row;
}

/** The tree's problems as a 400 naming the node, or the normalised tree. */
function checkedTree(input: IndicatorSetInput): IndicatorNode[] {
  const problems = validateIndicatorTree(input);
  if (problems.length) {
    throw new AppError(
      400,
      "INDICATOR_SET_INVALID",
      `指标体系有 ${problems.length} 处问题：${problems.map((p) => p.message).join("；")}`,
      {
        fields: problems.map((p) => ({
          field: p.field === "total" || p.field === "passLine" ? p.field : "nodes",
          label: p.code ? `指标 ${p.code}` : "指标体系",
          message: p.message,
        })),
        problems,
      },
    );
  }
  return normalizeIndicatorTree(input.nodes);
}

export async function createIndicatorSet(
  ctx: Ctx,
  input: IndicatorSetInput,
  family?: { familyId: string; version: number },
) {
  const scope = requireScope(ctx.actor, "evaluation:manage");
  if (!inScope(scope, { regionCode: ctx.actor.regionCode, orgId: ctx.actor.orgId }))
    throw errors.outOfScope("indicator_set");
  const nodes = checkedTree(input);
  const id = await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(indicatorSets)
      .values({
        familyId: family?.familyId ?? sql`gen_random_uuid()`,
        version: family?.version ?? 1,
        versionLabel: input.versionLabel,
        name: input.name,
        description: input.description ?? null,
        categories: input.categories,
        levels: input.levels,
        total: input.total,
        passLine: input.passLine,
        gradeScale: input.gradeScale,
        nodes,
        ownerOrgId: ctx.actor.orgId,
        regionCode: ctx.actor.regionCode,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: indicatorSets.id });
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: family ? "indicator_set.copy" : "indicator_set.create",
      entity: "indicator_set",
      entityId: row.id,
      regionCode: ctx.actor.regionCode,
      orgId: ctx.actor.orgId,
      summary: `${family ? "复制为新版本" : "新建"}指标体系“${input.name}（${input.versionLabel}）”`,
      changes: {
        name: [null, input.name],
        total: [null, input.total],
        passLine: [null, input.passLine],
        leaves: [null, leavesOf(nodes).length],
      },
    });
    return row.id;
  });
  return getIndicatorSet(ctx, id);
}

export async function updateIndicatorSet(ctx: Ctx, id: string, input: IndicatorSetInput) {
  const nodes = checkedTree(input);
  await ctx.db.transaction(async (tx) => {
    const before = await editableSet(ctx, tx, id);
    await tx
      .update(indicatorSets)
      .set({
        name: input.name,
        versionLabel: input.versionLabel,
        description: input.description ?? null,
        categories: input.categories,
        levels: input.levels,
        total: input.total,
        passLine: input.passLine,
        gradeScale: input.gradeScale,
        nodes,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(indicatorSets.id, id));
    const pick = (s: {
      name: string;
      versionLabel: string;
      total: number;
      passLine: number;
      categories: string[];
      levels: string[];
    }) => ({
      name: s.name,
      versionLabel: s.versionLabel,
      total: s.total,
      passLine: s.passLine,
      categories: s.categories,
      levels: s.levels,
    });
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "indicator_set.update",
      entity: "indicator_set",
      entityId: id,
      regionCode: before.s.regionCode,
      orgId: before.s.ownerOrgId,
      summary: `修改指标体系“${before.s.name}（${before.s.versionLabel}）”`,
      changes: {
        ...diff(pick(before.s), pick(input)),
        ...(JSON.stringify(before.s.nodes) !== JSON.stringify(nodes)
          ? { nodes: ["（原指标树）", `（新指标树，${leavesOf(nodes).length} 个末级指标）`] }
          : {}),
      },
    });
  });
  return getIndicatorSet(ctx, id);
}

/** Publishes a draft: from now on it never changes, and everything scored keeps this version. */
export async function publishIndicatorSet(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    const row = await editableSet(ctx, tx, id);
    checkedTree({
      ...row.s,
      description: row.s.description ?? undefined,
      gradeScale: row.s.gradeScale as IndicatorSetInput["gradeScale"],
      levels: row.s.levels as IndicatorSetInput["levels"],
      nodes: row.s.nodes as IndicatorSetInput["nodes"],
    });
    await indicatorSetMachine.move(tx, ctx, row.s, "publish", {
      set: { publishedAt: ctx.clock.now() },
      summary: `发布指标体系“${row.s.name}（${row.s.versionLabel}）”`,
    });
  });
  return getIndicatorSet(ctx, id);
}

/** A new draft version of any visible set, in the caller's own department. */
export async function copyIndicatorSet(ctx: Ctx, id: string, versionLabel: string) {
  const source = await getIndicatorSet(ctx, id);
  const [{ next }] = await ctx.db
    .select({ next: sql<number>`coalesce(max(${indicatorSets.version}), 0)::int + 1` })
    .from(indicatorSets)
    .where(eq(indicatorSets.familyId, source.familyId));
  return createIndicatorSet(
    ctx,
    {
      name: source.name,
      versionLabel,
      description: source.description ?? undefined,
      categories: source.categories,
      levels: source.levels,
      total: source.total,
      passLine: source.passLine,
      gradeScale: source.gradeScale,
      nodes: source.nodes,
    },
    { familyId: source.familyId, version: next },
  );
}

// ---------------------------------------------------------------------------------------------------------
// Score sheets. Other modules create them for their subjects and decide who may review; this module
// enforces who may fill, read and return each sheet.

type SheetRow = typeof scoreSheets.$inferSelect;

export type NewSheet = {
  setId: string;
  kind: "self" | "expert";
  subjectType: string;
  subjectId: string;
  ownerUserId?: string | null;
  ownerOrgId: string;
  regionCode: string;
};

/** Creates a sheet inside the caller's transaction (the subject's module audits the step that made it). */
export async function createSheet(tx: Tx, ctx: Ctx, s: NewSheet): Promise<string> {
  const [set] = await tx
    .select({ status: indicatorSets.status })
    .from(indicatorSets)
    .where(eq(indicatorSets.id, s.setId));
  if (set?.status !== "published") throw errors.conflict("SET_NOT_PUBLISHED", "evaluation.set_not_published");
  const now = ctx.clock.now();
  const [row] = await tx
    .insert(scoreSheets)
    .values({ ...s, ownerUserId: s.ownerUserId ?? null, createdAt: now, updatedAt: now })
    .returning({ id: scoreSheets.id });
  return row.id;
}

/** Whether the actor fills this sheet: the expert it was assigned to, or a scorer of the applicant unit. */
function isOwner(ctx: Ctx, s: SheetRow) {
  if (!can(ctx.actor, "evaluation:score")) return false;
  return s.kind === "expert" ? s.ownerUserId === ctx.actor.userId : s.ownerOrgId === ctx.actor.orgId;
}

/** Whether the actor reviews this sheet: evaluation:review with the subject's region in scope. Experts never see each other's sheets. */
function isReviewer(ctx: Ctx, s: SheetRow) {
  const scope = scopeFor(ctx.actor, "evaluation:review");
  return !!scope && inScope(scope, { regionCode: s.regionCode, orgId: s.ownerOrgId });
}

/**
 * The score sheet state machine: 填写中 / 已退回 ─提交─▶ 已提交 (locked) ─退回─▶ 已退回.
 * `sheetMachine.move` is the only writer of a sheet's status (and of its entries once created).
 */
export const sheetMachine = defineMachine({
  entity: "score_sheet",
  auditPrefix: "score_sheet",
  table: scoreSheets,
  labels: SHEET_STATUS_LABELS,
  audit: recordAudit,
  scope: (s) => ({ regionCode: s.regionCode, orgId: s.ownerOrgId }),
  transitions: {
    save: { from: ["draft", "returned"], to: [], label: "保存评分" },
    submit: { from: ["draft", "returned"], to: ["submitted"], label: "提交评分表" },
    return: { from: ["submitted"], to: ["returned"], label: "退回评分表" },
  },
});

/** An indicator set is published once and never changes after. */
export const indicatorSetMachine = defineMachine({
  entity: "indicator_set",
  auditPrefix: "indicator_set",
  table: indicatorSets,
  labels: INDICATOR_SET_STATUS_LABELS,
  audit: recordAudit,
  scope: (s) => ({ regionCode: s.regionCode, orgId: s.ownerOrgId }),
  transitions: {
    publish: { from: ["draft"], to: ["published"], label: "发布指标体系" },
  },
});

async function loadSheet(ctx: Ctx, db: Queryable, id: string, need: "read" | "fill" | "review") {
  const [row] = await db.select().from(scoreSheets).where(eq(scoreSheets.id, id));
  const allowed =
    row &&
    (need === "fill"
      ? isOwner(ctx, row)
      : need === "review"
        ? isReviewer(ctx, row)
        : isOwner(ctx, row) || isReviewer(ctx, row));
  if (!row || !allowed) throw errors.notFound("score_sheet");
  return row;
}

async function setOf(db: Queryable, setId: string) {
  const [s] = await db.select().from(indicatorSets).where(eq(indicatorSets.id, setId));
  return s;
}

async function sheetView(db: Queryable, row: SheetRow): Promise<ScoreSheetView> {
  const set = await setOf(db, row.setId);
  const entries = row.entries as ScoreSheetView["entries"];
  const score = scoreSheet(
    {
      total: set.total,
      passLine: set.passLine,
      gradeScale: set.gradeScale as IndicatorSetView["gradeScale"],
      nodes: set.nodes as IndicatorSetView["nodes"],
    },
    entries,
  );
  const owner = row.ownerUserId ? { name: await userDisplayName(db, row.ownerUserId) } : undefined;
  return {
    id: row.id,
    setId: row.setId,
    kind: row.kind,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    ownerUserId: row.ownerUserId,
    ownerName: owner?.name ?? null,
    ownerOrgId: row.ownerOrgId,
    status: row.status,
    entries,
    summary: row.summary,
    total: score.total,
    byNode: score.byNode,
    vetoFailed: score.vetoFailed,
    missing: score.missing,
    passed: score.passed && score.missing.length === 0,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    returnedReason: row.returnedReason,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function getSheet(ctx: Ctx, id: string) {
  return sheetView(ctx.db, await loadSheet(ctx, ctx.db, id, "read"));
}

/** The cited activity records of a sheet's entries by name ("1.1 石榴籽一家亲微活动（2026-09-10）；…"), for the audit. */
function activityTitles(entries: ScoreSheetView["entries"]): string | null {
  const parts = entries.flatMap((e) => (e.activities ?? []).map((a) => `${e.nodeCode} ${a.title}（${a.startDate}）`));
  return parts.length ? parts.join("；") : null;
}

/**
 * Saves entries of a draft or returned sheet; evidence must be materials the filler can see, and cited activity
 * records (`activityIds`) submitted or confirmed ones the filler may read.
 */
export async function saveSheet(ctx: Ctx, id: string, input: ScoreSheetSave) {
  await ctx.db.transaction(async (tx) => {
    const row = await loadSheet(ctx, tx, id, "fill");
    sheetMachine.assert(row.status, "save");
    const set = await setOf(tx, row.setId);
    const check = scoreSheet(
      {
        total: set.total,
        passLine: set.passLine,
        gradeScale: set.gradeScale as IndicatorSetView["gradeScale"],
        nodes: set.nodes as IndicatorSetView["nodes"],
      },
      input.entries,
    );
    if (check.problems.length)
      throw new AppError(400, "SHEET_INVALID", `评分有误：${check.problems.join("；")}`, {
        fields: [{ field: "entries", label: "评分", message: check.problems.join("；") }],
      });
    await assertMaterialsUsable(
      ctx,
      input.entries.flatMap((e) => e.evidenceIds ?? []),
      "entries",
      tx,
    );
    // 佐证活动 (填一次，多处用): each cited record must be submitted or confirmed and readable by the filler; the
    // entry keeps it as it is now (title, date, organizer), and the subject's module opens it for its readers.
    const cited = await assertActivitiesUsable(
      ctx,
      input.entries.flatMap((e) => e.activityIds ?? []),
      "activityIds",
      tx,
    );
    const refs = new Map(
      cited.map((a) => [a.id, { id: a.id, title: a.title, startDate: a.startDate, orgName: a.orgName }]),
    );
    const entries = input.entries.map((e) =>
      e.activityIds?.length ? { ...e, activities: e.activityIds.flatMap((id) => refs.get(id) ?? []) } : e,
    );
    const before = activityTitles(row.entries as ScoreSheetView["entries"]);
    const after = activityTitles(entries);
    await sheetMachine.move(tx, ctx, row, "save", {
      set: { entries, summary: input.summary ?? row.summary },
      summary: `保存${row.kind === "self" ? "自评" : "专家评分"}表（当前 ${check.total} 分）`,
      changes: { total: [null, check.total], ...(before !== after ? { activities: [before, after] } : {}) },
    });
  });
  return getSheet(ctx, id);
}

/** Locks a complete sheet with its total. The subject's module decides what submission moves forward. */
export async function submitSheet(ctx: Ctx, id: string, tx?: Tx) {
  const run = async (t: Tx) => {
    const row = await loadSheet(ctx, t, id, "fill");
    sheetMachine.assert(row.status, "submit");
    const set = await setOf(t, row.setId);
    const score = scoreSheet(
      {
        total: set.total,
        passLine: set.passLine,
        gradeScale: set.gradeScale as IndicatorSetView["gradeScale"],
        nodes: set.nodes as IndicatorSetView["nodes"],
      },
      row.entries as ScoreSheetView["entries"],
      { requireAll: true },
    );
    if (!score.complete) {
      throw new AppError(
        400,
        "SHEET_INCOMPLETE",
        `还有 ${score.missing.length} 项指标未评分：${score.missing.join("、")}`,
        {
          missing: score.missing,
          fields: [{ field: "entries", label: "评分", message: `未评分：${score.missing.join("、")}` }],
        },
      );
    }
    await sheetMachine.move(t, ctx, row, "submit", {
      set: { total: score.total, vetoFailed: score.vetoFailed, submittedAt: ctx.clock.now() },
      summary: `提交${row.kind === "self" ? "自评" : "专家评分"}表：${score.total} 分${score.vetoFailed.length ? `，一票否决项未通过（${score.vetoFailed.join("、")}）` : ""}`,
      changes: { total: [null, score.total] },
    });
    return { total: score.total, vetoFailed: score.vetoFailed, passed: score.passed, row };
  };
  return tx ? run(tx) : ctx.db.transaction(run);
}

/** A reviewer returns a submitted sheet for rework, with the reason; it unlocks for its filler. */
export async function returnSheet(ctx: Ctx, id: string, reason: string) {
  await ctx.db.transaction(async (tx) => {
    const row = await loadSheet(ctx, tx, id, "review");
    await sheetMachine.move(tx, ctx, row, "return", {
      set: { returnedReason: reason, total: null, vetoFailed: [] },
      summary: `退回评分表：${reason}`,
    });
  });
  return getSheet(ctx, id);
}

/** Sheets of one subject, for the subject's module (which checks its own access first). */
export async function sheetsOfSubject(db: Queryable, subjectType: string, subjectId: string | string[]) {
  const ids = Array.isArray(subjectId) ? subjectId : [subjectId];
  if (ids.length === 0) return [];
  return db
    .select()
    .from(scoreSheets)
    .where(and(eq(scoreSheets.subjectType, subjectType), inArray(scoreSheets.subjectId, ids)));
}

/** Deletes the sheets of one subject inside the caller's transaction (the subject's module audits the step). */
export async function deleteSheetsOfSubject(tx: Tx, subjectType: string, subjectId: string) {
  await tx
    .delete(scoreSheets)
    .where(and(eq(scoreSheets.subjectType, subjectType), eq(scoreSheets.subjectId, subjectId)));
}

export async function setForScoring(db: Queryable, setId: string) {
  const s = await setOf(db, setId);
  return {
    total: s.total,
    passLine: s.passLine,
    gradeScale: s.gradeScale as IndicatorSetView["gradeScale"],
    nodes: s.nodes as IndicatorSetView["nodes"],
    status: s.status,
    name: s.name,
  };
}
