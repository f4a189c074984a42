/**
 * 目标任务 and the "8+N进" coverage matrix, both computed live from creation_designations (no pre-aggregation).
 *
 * Progress of a target (region, level, year, optional category) = designations valid now (有效 or 复验中, not
 * past valid_until) in the region's tree, at that level, named on or before 31 December of that year. A
 * designation under 复验 counts: it is valid until its expiry. One statement per page: a correlated count per
 * target over the partial index creation_designations_live_level_idx (level, region_code, named_on …).
 *
 * Coverage = the same valid designations, GROUP BY (the child region of the chosen region, category), in one
 * statement over creation_designations_live_idx; a child row can be drilled into by asking for that region.
 */
import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import {
  type Coverage,
  NAMING_LEVEL_LABELS,
  type NamingLevel,
  type Target,
  type TargetCreate,
  type TargetListQuery,
} from "../../../contracts/creation.js";
import { inScope, regionTreeWhere, requireScope, scopeRoot, scopeWhere } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import type { Queryable } from "../../db/client.js";
import { diff, recordAudit } from "../audit/index.js";
import { childRegions, regionExists } from "../org/index.js";
import { assertManagesRegion } from "./batch.service.js";
import { creationDesignations, creationTargets } from "./creation.schema.js";
import { assertCategory, categoryLabels, listCategories, namesOf } from "./creation.service.js";
import { shanghaiDate } from "./dates.js";
import { liveWhere } from "./designation.service.js";
import { childLength } from "./directory.service.js";

const T = creationTargets;
const D = creationDesignations;
type TargetRow = typeof T.$inferSelect;

function targetScope(ctx: Ctx) {
  return scopeWhere(requireScope(ctx.actor, "creation:read"), { region: T.regionCode, org: T.orgId });
}

/**
 * The live count of a target's designations, as a correlated subquery on the target row. The outer columns are
 * written fully qualified: Drizzle renders a column of the query's own table unqualified, which inside the
 * subquery would bind to the designation's column of the same name.
 */
function achievedSql(today: string) {
  return sql<number>`(select count(*)::int from ${D} d
    where d.status in ('valid', 'reverifying') and d.valid_until >= ${today}
      and d.level = creation_targets.level
      and d.region_code >= creation_targets.region_code
      and d.region_code <= rpad(creation_targets.region_code, 12, '9')
      and d.named_on <= make_date(creation_targets.year, 12, 31)
      and (creation_targets.category = '' or d.category = creation_targets.category))`;
}

function toTarget(r: TargetRow, achieved: number, names: Map<string, string>, labels: Map<string, string>): Target {
  return {
    id: r.id,
    regionCode: r.regionCode,
    regionName: names.get(r.regionCode) ?? "",
    level: r.level as NamingLevel,
    year: r.year,
    category: r.category || null,
    categoryLabel: r.category ? (labels.get(r.category) ?? r.category) : null,
    targetCount: r.targetCount,
    achieved,
    percent: Math.round((achieved * 1000) / r.targetCount) / 10,
    note: r.note,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

async function toTargets(db: Queryable, rows: { t: TargetRow; achieved: number }[], labelsOf?: Map<string, string>) {
  const [names, labels] = await Promise.all([
    namesOf(
      db,
      rows.map((r) => r.t.regionCode),
    ),
    labelsOf ?? categoryLabels(db),
  ]);
  return rows.map((r) => toTarget(r.t, Number(r.achieved), names, labels));
}

export async function listTargets(ctx: Ctx, q: TargetListQuery) {
  const conds: (SQL | undefined)[] = [targetScope(ctx)];
  if (q.regionCode)
    conds.push(
      q.includeSubRegions === false ? eq(T.regionCode, q.regionCode) : regionTreeWhere(T.regionCode, q.regionCode),
    );
  if (q.level) conds.push(eq(T.level, q.level));
  if (q.year) conds.push(eq(T.year, q.year));
  const where = and(...conds.filter(Boolean));
  const today = shanghaiDate(ctx.clock.now());
  const [rows, [{ total }], labels] = await Promise.all([
    ctx.db
      .select({ t: T, achieved: achievedSql(today) })
      .from(T)
      .where(where)
      .orderBy(asc(T.regionCode), asc(T.year), asc(T.level), asc(T.category))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: sql<number>`count(*)::int` }).from(T).where(where),
    categoryLabels(ctx.db),
  ]);
  return { items: await toTargets(ctx.db, rows, labels), total, page: q.page, pageSize: q.pageSize };
}

export async function getTarget(ctx: Ctx, id: string, db: Queryable = ctx.db) {
  const [row] = await db
    .select({ t: T, achieved: achievedSql(shanghaiDate(ctx.clock.now())) })
    .from(T)
    .where(and(eq(T.id, id), targetScope(ctx)));
  if (!row) throw errors.notFound("creation_target");
  return (await toTargets(db, [row]))[0];
}

export async function createTarget(ctx: Ctx, input: TargetCreate) {
  assertManagesRegion(ctx, input.regionCode, "creation_target");
  if (!(await regionExists(ctx.db, input.regionCode)))
    throw errors.field("regionCode", "org.region_unknown", { code: input.regionCode });
  if (input.category) await assertCategory(ctx.db, input.category);
  const category = input.category ?? "";
  const id = await ctx.db.transaction(async (tx) => {
    const [dup] = await tx
      .select({ id: T.id })
      .from(T)
      .where(
        and(
          eq(T.regionCode, input.regionCode),
          eq(T.level, input.level),
          eq(T.year, input.year),
          eq(T.category, category),
        ),
      );
    if (dup) throw errors.conflict("TARGET_EXISTS", "creation.target_exists");
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(T)
      .values({
        regionCode: input.regionCode,
        level: input.level,
        year: input.year,
        category,
        targetCount: input.targetCount,
        note: input.note ?? null,
        orgId: ctx.actor.orgId,
        createdBy: ctx.actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: T.id });
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "creation_target.create",
      entity: "creation_target",
      entityId: row.id,
      regionCode: input.regionCode,
      orgId: ctx.actor.orgId,
      summary: `设定目标任务：${(await namesOf(tx, [input.regionCode])).get(input.regionCode) ?? input.regionCode} ${input.year} 年${NAMING_LEVEL_LABELS[input.level]} ${input.targetCount} 个`,
      changes: { targetCount: [null, input.targetCount] },
    });
    return row.id;
  });
  return getTarget(ctx, id);
}

export async function updateTarget(ctx: Ctx, id: string, patch: { targetCount?: number; note?: string }) {
  await ctx.db.transaction(async (tx) => {
    const before = await getTarget(ctx, id, tx);
    assertManagesRegion(ctx, before.regionCode, "creation_target");
    const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    await tx
      .update(T)
      .set({ ...set, updatedAt: ctx.clock.now() })
      .where(eq(T.id, id));
    const pick = (x: Record<string, unknown>) => Object.fromEntries(Object.keys(set).map((k) => [k, x[k] ?? null]));
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "creation_target.update",
      entity: "creation_target",
      entityId: id,
      regionCode: before.regionCode,
      summary: `修改目标任务：${before.regionName} ${before.year} 年`,
      changes: diff(pick(before), pick({ ...before, ...set })),
    });
  });
  return getTarget(ctx, id);
}

export async function deleteTarget(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    const before = await getTarget(ctx, id, tx);
    assertManagesRegion(ctx, before.regionCode, "creation_target");
    await tx.delete(T).where(eq(T.id, id));
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "creation_target.delete",
      entity: "creation_target",
      entityId: id,
      regionCode: before.regionCode,
      summary: `删除目标任务：${before.regionName} ${before.year} 年${NAMING_LEVEL_LABELS[before.level]} ${before.targetCount} 个`,
      changes: { targetCount: [before.targetCount, null] },
    });
  });
  return { ok: true as const };
}

/**
 * The "8+N进" matrix: categories × the direct children of a region (plus the region's own units), counts of
 * valid designations, in one GROUP BY. Default region: the root of the caller's scope.
 */
export async function coverage(ctx: Ctx, q: { regionCode?: string; level?: NamingLevel }): Promise<Coverage> {
  const read = requireScope(ctx.actor, "creation:read");
  const root = q.regionCode ?? scopeRoot(read);
  if (q.regionCode) {
    const visible = inScope(read, { regionCode: q.regionCode, orgId: null });
    if (!visible) throw errors.outOfScope("region");
    if (!(await regionExists(ctx.db, q.regionCode))) throw errors.notFound("region");
  }
  const len = root ? childLength(root) : 2;
  const today = shanghaiDate(ctx.clock.now());
  const group = len ? sql<string>`substr(${D.regionCode}, 1, ${len})` : sql<string>`${D.regionCode}`;
  const conds: (SQL | undefined)[] = [
    liveWhere(today),
    root ? regionTreeWhere(D.regionCode, root) : undefined,
    scopeWhere(read, { region: D.regionCode, org: D.orgId }),
    q.level ? eq(D.level, q.level) : undefined,
  ];
  const [cells, categories, children] = await Promise.all([
    ctx.db
      .select({ code: group, category: D.category, n: sql<number>`count(*)::int` })
      .from(D)
      .where(and(...conds.filter(Boolean)))
      .groupBy(sql`1`, D.category),
    listCategories(ctx.db),
    root ? childRegions(ctx.db, root) : childRegions(ctx.db, null),
  ]);
  const names = await namesOf(ctx.db, [root]);
  const blank = () => Object.fromEntries(categories.map((c) => [c.code, 0])) as Record<string, number>;
  const rows = [
    ...(root
      ? [{ regionCode: root, regionName: `${names.get(root) ?? root}（本级）`, own: true, drillable: false }]
      : []),
    ...children.map((c) => ({ regionCode: c.code, regionName: c.name, own: false, drillable: c.hasChildren })),
  ].map((r) => ({ ...r, counts: blank(), total: 0, categoriesCovered: 0 }));
  const byCode = new Map(rows.map((r) => [r.regionCode, r]));
  const totals = blank();
  for (const c of cells) {
    const row = byCode.get(c.code) ?? (c.code.length < (len ?? 0) ? byCode.get(root) : undefined);
    if (!row) continue;
    row.counts[c.category] = (row.counts[c.category] ?? 0) + c.n;
    row.total += c.n;
    totals[c.category] = (totals[c.category] ?? 0) + c.n;
  }
  for (const r of rows) r.categoriesCovered = Object.values(r.counts).filter((n) => n > 0).length;
  const childRows = rows.filter((r) => !r.own);
  return {
    regionCode: root,
    regionName: root ? (names.get(root) ?? root) : "全部",
    level: q.level ?? null,
    categories,
    rows,
    totals,
    total: rows.reduce((s, r) => s + r.total, 0),
    regionsCovered: childRows.filter((r) => r.total > 0).length,
    regionCount: childRows.length,
  };
}
