/**
 * 参观人数 monthly reports and the visitor statistics.
 *
 * A month's report is prefilled from the month's check-ins (actual counts) and walk-ins, confirmed by the base
 * once the month is over, and accepted by the supervising department. It is due by the REPORT_DUE_DAY-th of the
 * following month: a report still unconfirmed after that, or confirmed after it, is late; a base without a
 * report after the due date is missing (computed from the clock, nothing to run).
 *
 * Report states: 待确认 (pending) → 已确认 (confirmed) → 已接收 (accepted); 已确认 → 待确认 (returned).
 * Statistics count accepted reports only, within the caller's scope.
 */
import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import {
  BASE_KIND_DICT,
  BASE_LEVEL_LABELS,
  REPORT_DUE_DAY,
  REPORT_STATUS_LABELS,
  type ReportView,
  type StatsView,
} from "../../../contracts/bases.js";
import { addMonths, beijingDate } from "../../../contracts/dates.js";
import { regionTreeWhere, scopeFor, scopeRoot } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { dictLabels } from "../../core/dict.js";
import { AppError } from "../../core/errors.js";
import { t } from "../../core/i18n.js";
import { actorCacheKey, revisionCache } from "../../core/revisions.js";
import { defineMachine } from "../../core/state-machine.js";
import type { Queryable } from "../../db/client.js";
import { recordAudit } from "../audit/index.js";
import { regionNames } from "../org/index.js";
import { baseBookings, baseReports, bases, baseWalkIns } from "./bases.schema.js";
import {
  baseVisibleWhere,
  loadBase,
  requireOperate,
  requireStaffOrSupervisor,
  requireSupervise,
} from "./bases-access.js";

type ReportRow = typeof baseReports.$inferSelect;

export const reportMachine = defineMachine({
  entity: "base_report",
  auditPrefix: "base_report",
  table: baseReports,
  labels: REPORT_STATUS_LABELS,
  audit: recordAudit,
  scope: (r) => ({ regionCode: r.regionCode, orgId: r.orgId }),
  transitions: {
    prefill: { from: ["pending"], to: [], label: "重新汇总" },
    confirm: { from: ["pending"], to: ["confirmed"], label: "确认上报" },
    accept: { from: ["confirmed"], to: ["accepted"], label: "接收" },
    reopen: { from: ["confirmed"], to: ["pending"], label: "退回" },
  },
});

/** The first day after the month, and the report's due date. */
export const monthAfter = (month: string) => addMonths(`${month}-01`, 1);
export const reportDueOn = (month: string) =>
  `${monthAfter(month).slice(0, 7)}-${String(REPORT_DUE_DAY).padStart(2, "0")}`;

export function reportLate(r: Pick<ReportRow, "status" | "dueOn" | "confirmedAt">, today: string): boolean {
  if (r.status === "pending") return today > r.dueOn;
  return !!r.confirmedAt && beijingDate(r.confirmedAt) > r.dueOn;
}

function toReportView(r: ReportRow, baseName: string, today: string): ReportView {
  return {
    id: r.id,
    baseId: r.baseId,
    baseName,
    month: r.month,
    groupVisitors: r.groupVisitors,
    groupCount: r.groupCount,
    walkInVisitors: r.walkInVisitors,
    total: r.total,
    status: r.status,
    dueOn: r.dueOn,
    late: reportLate(r, today),
    confirmedAt: r.confirmedAt?.toISOString() ?? null,
    acceptedAt: r.acceptedAt?.toISOString() ?? null,
  };
}

/** The month's figures from check-ins and walk-ins. */
async function monthFigures(db: Queryable, baseId: string, month: string) {
  const from = `${month}-01`;
  const to = monthAfter(month);
  const [g] = await db
    .select({
      visitors: sql<number>`coalesce(sum(${baseBookings.actualCount}), 0)::int`,
      groups: sql<number>`count(*)::int`,
    })
    .from(baseBookings)
    .where(
      and(
        eq(baseBookings.baseId, baseId),
        eq(baseBookings.status, "checked_in"),
        sql`${baseBookings.sessionDate} >= ${from} and ${baseBookings.sessionDate} < ${to}`,
      ),
    );
  const [w] = await db
    .select({ visitors: sql<number>`coalesce(sum(${baseWalkIns.count}), 0)::int` })
    .from(baseWalkIns)
    .where(and(eq(baseWalkIns.baseId, baseId), sql`${baseWalkIns.date} >= ${from} and ${baseWalkIns.date} < ${to}`));
  return {
    groupVisitors: g.visitors,
    groupCount: g.groups,
    walkInVisitors: w.visitors,
    total: g.visitors + w.visitors,
  };
}

export async function listBaseReports(ctx: Ctx, baseId: string): Promise<ReportView[]> {
  const info = await loadBase(ctx, baseId);
  requireStaffOrSupervisor(info);
  const rows = await ctx.db
    .select()
    .from(baseReports)
    .where(eq(baseReports.baseId, baseId))
    .orderBy(asc(baseReports.month));
  const today = beijingDate(ctx.clock.now());
  return rows.map((r) => toReportView(r, info.base.name, today)).reverse();
}

/** Creates the month's report from the figures, or sums them again while it is still pending. */
export async function prefillReport(ctx: Ctx, baseId: string, month: string): Promise<ReportView> {
  const today = beijingDate(ctx.clock.now());
  if (`${month}-01` > today) throw new AppError(400, "MONTH_NOT_STARTED", t("bases.month_not_over", { month }));
  return ctx.db.transaction(async (tx) => {
    const info = await loadBase(ctx, baseId, tx, true);
    requireOperate(info);
    const figures = await monthFigures(tx, baseId, month);
    const [existing] = await tx
      .select()
      .from(baseReports)
      .where(and(eq(baseReports.baseId, baseId), eq(baseReports.month, month)))
      .for("update");
    if (existing) {
      const moved = await reportMachine.move(tx, ctx, existing, "prefill", {
        set: figures,
        summary: `重新汇总“${info.base.name}”${month} 参观人数：${figures.total} 人`,
        changes: { total: [existing.total, figures.total] },
      });
      return toReportView(moved, info.base.name, today);
    }
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(baseReports)
      .values({
        baseId,
        month,
        ...figures,
        dueOn: reportDueOn(month),
        regionCode: info.base.regionCode,
        orgId: info.base.orgId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "base_report.create",
      entity: "base_report",
      entityId: row.id,
      regionCode: row.regionCode,
      orgId: row.orgId,
      summary: `生成“${info.base.name}”${month} 参观人数月报：团体 ${figures.groupVisitors} 人，散客 ${figures.walkInVisitors} 人`,
      changes: { total: [null, figures.total] },
    });
    return toReportView(row, info.base.name, today);
  });
}

export async function moveReport(ctx: Ctx, baseId: string, month: string, action: "confirm" | "accept" | "reopen") {
  const today = beijingDate(ctx.clock.now());
  return ctx.db.transaction(async (tx) => {
    const info = await loadBase(ctx, baseId, tx, true);
    if (action === "confirm") {
      requireOperate(info);
      if (monthAfter(month) > today) throw new AppError(409, "MONTH_NOT_OVER", t("bases.month_not_over", { month }));
    } else requireSupervise(info);
    const [row] = await tx
      .select()
      .from(baseReports)
      .where(and(eq(baseReports.baseId, baseId), eq(baseReports.month, month)))
      .for("update");
    if (!row) throw new AppError(404, "NOT_FOUND", t("errors.not_found", { entity: t("entities.base_report") }));
    const now = ctx.clock.now();
    const set =
      action === "confirm" ? { confirmedAt: now } : action === "accept" ? { acceptedAt: now } : { confirmedAt: null };
    const moved = await reportMachine.move(tx, ctx, row, action, {
      set,
      summary: `${reportMachine.transitions[action].label}“${info.base.name}”${month} 参观人数月报（${row.total} 人）`,
    });
    return toReportView(moved, info.base.name, today);
  });
}

/** The names of the bases among `ids` the caller may see (a bulk action's summary names only those). */
export async function baseNames(ctx: Ctx, ids: string[]): Promise<Map<string, string>> {
  const rows = await ctx.db
    .select({ id: bases.id, name: bases.name })
    .from(bases)
    .where(and(baseVisibleWhere(ctx), inArray(bases.id, ids)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A month's reports of the bases in the caller's scope: each active base with its report, or missing. */
export async function reportOverview(ctx: Ctx, q: { month: string; regionCode?: string }) {
  const today = beijingDate(ctx.clock.now());
  const conds: (SQL | undefined)[] = [baseVisibleWhere(ctx), inArray(bases.status, ["active", "reviewing"])];
  if (q.regionCode) conds.push(regionTreeWhere(bases.regionCode, q.regionCode));
  const rows = await ctx.db
    .select({ id: bases.id, name: bases.name, regionCode: bases.regionCode, r: baseReports })
    .from(bases)
    .leftJoin(baseReports, and(eq(baseReports.baseId, bases.id), eq(baseReports.month, q.month)))
    .where(and(...conds))
    .orderBy(asc(bases.regionCode), asc(bases.name))
    .limit(5000);
  const names = await regionNames(ctx.db, [...new Set(rows.map((r) => r.regionCode))]);
  const due = reportDueOn(q.month);
  return rows.map((r) => {
    const report = r.r ? toReportView(r.r, r.name, today) : null;
    return {
      baseId: r.id,
      baseName: r.name,
      regionName: names.get(r.regionCode) ?? "",
      report,
      missing: !report,
      late: report ? report.late : today > due,
    };
  });
}

const CHILD_LENGTH: Record<number, number> = { 0: 2, 2: 4, 4: 6, 6: 9, 9: 12, 12: 12 };

/**
 * The province's visitor statistics sum every accepted report of the year: kept per caller and query while no
 * report or base has been written since (core/revisions.ts: the tables' triggers bump the 'bases' revision in the
 * writing transaction), and for at most a minute (region and dictionary names may lag a renaming by as much).
 */
const statsCache = revisionCache<StatsView>({ keys: ["bases"], ttlMs: 60_000, size: 200 });

/** Visitors of accepted reports in a year, by region (the level below the root), level, kind and month. */
export function visitorStats(ctx: Ctx, q: { year: number; regionCode?: string }): Promise<StatsView> {
  return statsCache.get(ctx, actorCacheKey(ctx.actor, q), (db) => computeVisitorStats({ ...ctx, db }, q));
}

async function computeVisitorStats(ctx: Ctx, q: { year: number; regionCode?: string }): Promise<StatsView> {
  const read = scopeFor(ctx.actor, "base:read");
  const root = q.regionCode ?? (read ? scopeRoot(read) : ctx.actor.regionCode);
  const len = CHILD_LENGTH[root.length] ?? 12;
  const conds: (SQL | undefined)[] = [
    baseVisibleWhere(ctx),
    eq(baseReports.status, "accepted"),
    sql`${baseReports.month} >= ${`${q.year}-01`} and ${baseReports.month} <= ${`${q.year}-12`}`,
  ];
  if (root) conds.push(regionTreeWhere(bases.regionCode, root));
  const where = and(...conds);
  // One pass over the year's accepted reports in scope (one report per base and month, read from
  // base_reports_stats_idx), grouped by month and by base at once; region, level and kind then sum the per-base
  // rows, so a base counts once without count(distinct).
  const [result, kinds] = await Promise.all([
    ctx.db.execute<{ dim: string; key: string; visitors: number; bases: number }>(sql`
    with g as (
      select ${baseReports.month} as month, substr(${bases.regionCode}, 1, ${len}) as region, ${bases.level} as level,
             ${bases.kind} as kind, sum(${baseReports.total}) as visitors, count(*) as n,
             grouping(${baseReports.month}) as by_base
        from ${baseReports} inner join ${bases} on ${bases.id} = ${baseReports.baseId}
       where ${where}
       group by grouping sets ((${baseReports.month}), (${baseReports.baseId}, ${bases.regionCode}, ${bases.level}, ${bases.kind}))
    )
    select 'month' as dim, month as key, sum(visitors)::int as visitors, sum(n)::int as bases
      from g where by_base = 0 group by month
    union all
    select case when grouping(region) = 0 then 'region' when grouping(level) = 0 then 'level' else 'kind' end,
           coalesce(region, level, kind), sum(visitors)::int, count(*)::int
      from g where by_base = 1 group by grouping sets ((region), (level), (kind))
    order by 1, 2`),
    dictLabels(ctx.db, BASE_KIND_DICT),
  ]);
  const pick = (dim: string) =>
    result.rows
      .filter((r) => r.dim === dim)
      .map((r) => ({ key: String(r.key), visitors: Number(r.visitors), bases: Number(r.bases) }));
  const [byRegion, byLevel, byKind, byMonth] = [pick("region"), pick("level"), pick("kind"), pick("month")];
  const regionLabels = await regionNames(
    ctx.db,
    byRegion.map((r) => r.key),
  );
  const lines = (rows: typeof byRegion, label: (k: string) => string) =>
    rows.map((r) => ({ key: r.key, label: label(r.key), visitors: Number(r.visitors), bases: Number(r.bases) }));
  return {
    year: q.year,
    total: byMonth.reduce((s, r) => s + Number(r.visitors), 0),
    byRegion: lines(byRegion, (k) => regionLabels.get(k) ?? k),
    byLevel: lines(byLevel, (k) => BASE_LEVEL_LABELS[k as keyof typeof BASE_LEVEL_LABELS] ?? k),
    byKind: lines(byKind, (k) => kinds.get(k) ?? k),
    byMonth: lines(byMonth, (k) => `${Number(k.slice(5))}月`),
  };
}
