/**
 * Roll-up of a plan (PRODUCT §2.7): completion by chapter (every heading of the tree), by responsible unit
 * and by region, weighted by task weight; lagging tasks; reporting compliance; rectifications.
 *
 *   task completion   = mean over the task's responsible units of each unit's latest percent (a unit that has
 *                       not reported counts 0; a task without units is 0)
 *   heading / plan    = Σ weight × task completion / Σ weight over the tasks below
 *   unit              = Σ weight × the unit's latest percent / Σ weight over the unit's tasks
 *   region            = the same over the units of a region one level below the plan's (units of the plan's
 *                       own region form "本级")
 *   time progress     = where a task should be now (时序进度): linear from the start of the plan's first year to the
 *                       task's deadline (or the end of the plan's last year), through the yearly milestones that
 *                       state a percent (at the end of their year) — periods.ts `expectedProgress` is the same rule
 *                       in TypeScript, and the tests hold the two together
 *   lagging task      = not completed, and a unit reports it 滞后, or its completion trails its time progress by
 *                       more than LAG_TOLERANCE points; a unit's lagging count uses the unit's own status/percent
 *   plan counts       = each task counted once: 已完成, else 滞后, else 推进中 or 未启动, so the four add up to the total
 *   missing           = a (task, unit) with no report for the latest period past its deadline (from reportFrom)
 *
 * The work is done by PostgreSQL in one statement that returns a JSON document: the assignments table carries
 * each (task, unit)'s latest report (kept current by the report service), so nothing scans the reports table,
 * and only aggregates travel — about a hundred headings, a few hundred units, the lagging tasks. Beside it run
 * a query for the headings' titles and one for organization names. (At 5,000 tasks / 10,000 assignments the
 * statement aggregates in a few milliseconds; shipping the 15,000 rows to Node and rolling up there took the
 * route's CPU and made it queue at ten connections.)
 */
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { type RollupView, rollupView } from "../../../contracts/plan-progress.js";
import type { Ctx } from "../../core/context.js";
import { singleFlight } from "../../core/revisions.js";
import { orgBriefs, regionNames } from "../org/index.js";
import { beijingDate, beijingMidnight, lastDuePeriod } from "./periods.js";
import { loadPlanAccess, type PlanRow, requireFull } from "./plan-access.js";
import { planNodes } from "./plans.schema.js";

/** Percentage points a task may trail its time-progress line before it counts as lagging. */
export const LAG_TOLERANCE = 15;

const round1 = (n: number) => Math.round(n * 10) / 10;
const ratio = (num: number, den: number) => (den > 0 ? round1(num / den) : null);

/** The region a unit is counted under: one level below the plan's region, or the plan's region itself (本级). */
export function regionKey(planRegion: string, unitRegion: string): string {
  if (unitRegion === planRegion || !unitRegion.startsWith(planRegion)) return unitRegion;
  const next = ({ 2: 4, 4: 6, 6: 9, 9: 12 } as Record<number, number>)[planRegion.length] ?? planRegion.length;
  return unitRegion.slice(0, next);
}

type Doc = {
  summary: {
    tasks: number;
    w: number | null;
    wc: number | null;
    we: number | null;
    done: number;
    active: number;
    idle: number;
    lag: number;
  };
  /** [heading id, tasks, Σw, Σw·c, completed, lagging] */
  heads: [string, number, number, number, number, number][];
  /** [org, region, tasks, lead tasks, Σw, Σw·p, completed, lagging, late reports, reported, missing] */
  units: [string, string, number, number, number, number, number, number, number, number, number][];
  /** [task, number, title, chapter title, completion, expected, by status, behind, lead org, unit orgs] */
  lagging: [string, string, string, string | null, number, number, boolean, boolean, string | null, string[]][];
  /** [owner org, total, open, closed, verified, overdue, escalated] */
  rects: [string, number, number, number, number, number, number][];
};

/**
 * The roll-up statement; parameters are bound, never spliced. With `history`, the state at `now` (an evaluation
 * report's cut-off) instead of the current one: each unit's latest report submitted before it (not the stored
 * latest), the late reports filed by then, and the rectifications recorded by then, each with its status, overdue
 * and escalation at that instant (closed/verified/escalated before it). The tree and assignments are today's.
 */
export function rollupSql(plan: PlanRow, now: Date, opts: { history?: boolean } = {}) {
  const x = now.getTime() / 1000;
  const s = beijingMidnight(plan.periodStart, 0).getTime() / 1000;
  const end = beijingMidnight(plan.periodEnd + 1, 0).getTime() / 1000;
  const last = lastDuePeriod(plan, now);
  const owes = last !== null && (plan.reportFrom === null || last.key >= plan.reportFrom);
  const lastKey = last?.key ?? "";
  const today = beijingDate(now);
  const X = sql`${x}::float8`;
  const S = sql`${s}::float8`;
  const tol = sql`${LAG_TOLERANCE}::float8`;
  const cut = sql`to_timestamp(${x}::float8)`;
  const history = opts.history
    ? sql`
    hu AS MATERIALIZED (
      SELECT pu.plan_id, pu.node_id, pu.org_id, pu.region_code, pu.role, l.period AS latest_period, l.status, l.percent,
        c.late AS late_count
      FROM plan_node_units pu
      LEFT JOIN LATERAL (
        SELECT r.period, r.status, r.percent FROM plan_reports r
        WHERE r.node_id = pu.node_id AND r.org_id = pu.org_id AND r.submitted_at < ${cut}
        ORDER BY r.period DESC, r.submitted_at DESC LIMIT 1) l ON true
      LEFT JOIN LATERAL (
        SELECT (count(*) FILTER (WHERE r.late))::int AS late FROM plan_reports r
        WHERE r.node_id = pu.node_id AND r.org_id = pu.org_id AND r.submitted_at < ${cut}) c ON true
      WHERE pu.plan_id = ${plan.id}
    ),
    hn AS MATERIALIZED (
      SELECT x.id, x.plan_id, x.kind, x.deleted_at, x.ancestors, x.weight, x.deadline, x.milestones,
        coalesce(a.c, 0) AS completion, coalesce(a.done, false) AS completed, coalesce(a.idle, true) AS idle,
        coalesce(a.lagst, false) AS lagging_reported
      FROM plan_nodes x
      LEFT JOIN LATERAL (
        SELECT avg(coalesce(u.percent, 0))::float8 AS c, bool_and(u.status = 'completed') AS done,
          bool_and(u.status IS NULL OR u.status = 'not_started') AS idle, bool_or(u.status = 'lagging') AS lagst
        FROM hu u WHERE u.node_id = x.id) a ON true
      WHERE x.plan_id = ${plan.id} AND x.kind = 'task' AND x.deleted_at IS NULL
    ),`
    : sql``;
  const nodesFrom = opts.history ? sql`hn` : sql`plan_nodes`;
  const unitsFrom = opts.history ? sql`hu` : sql`plan_node_units`;
  const rectsFrom = opts.history
    ? sql`(SELECT org_id, deadline, escalated_at < ${cut} AS esc,
          CASE WHEN verified_at < ${cut} THEN 'verified' WHEN closed_at < ${cut} THEN 'closed' ELSE 'open' END AS status
        FROM plan_rectifications WHERE plan_id = ${plan.id} AND created_at < ${cut})`
    : sql`(SELECT org_id, deadline, escalated_at IS NOT NULL AS esc, status
        FROM plan_rectifications WHERE plan_id = ${plan.id})`;
  return sql`
    WITH ${history} tl AS MATERIALIZED (
      SELECT n.id, n.ancestors, n.weight::float8 AS w, n.completion AS c, n.completed AS done, n.idle, ex.e,
        (NOT n.completed AND n.lagging_reported) AS by_status,
        (NOT n.completed AND n.completion < ex.e - ${tol}) AS behind
      FROM ${nodesFrom} n
      CROSS JOIN LATERAL (
        SELECT CASE WHEN n.deadline IS NULL THEN ${end}::float8
          ELSE extract(epoch FROM (n.deadline + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')::float8 END AS ee
      ) d
      CROSS JOIN LATERAL (
        SELECT round(10 * CASE
          WHEN ${X} <= ${S} THEN 0
          WHEN ${X} >= d.ee THEN 100
          WHEN jsonb_array_length(n.milestones) = 0 THEN 100 * (${X} - ${S}) / (d.ee - ${S})
          ELSE (
            WITH pts(t, v) AS (
              SELECT ${S}, 0::float8
              UNION ALL
              SELECT mt.t, (m->>'percent')::float8
              FROM jsonb_array_elements(n.milestones) m
              CROSS JOIN LATERAL (
                SELECT extract(epoch FROM make_date((m->>'year')::int + 1, 1, 1)::timestamp AT TIME ZONE 'Asia/Shanghai')::float8 AS t
              ) mt
              WHERE jsonb_typeof(m->'percent') = 'number' AND mt.t > ${S} AND mt.t < d.ee
              UNION ALL
              SELECT d.ee, 100::float8
            )
            SELECT p0.v + (p1.v - p0.v) * (${X} - p0.t) / (p1.t - p0.t)
            FROM (SELECT t, v FROM pts WHERE t <= ${X} ORDER BY t DESC LIMIT 1) p0,
                 (SELECT t, v FROM pts WHERE t > ${X} ORDER BY t LIMIT 1) p1
          ) END) / 10 AS e
      ) ex
      WHERE n.plan_id = ${plan.id} AND n.kind = 'task' AND n.deleted_at IS NULL
    ),
    ua AS (
      SELECT u.org_id, min(u.region_code) AS region, count(*) AS tasks, count(*) FILTER (WHERE u.role = 'lead') AS lead,
        sum(tl.w) AS w, sum(tl.w * coalesce(u.percent, 0)) AS wp, count(*) FILTER (WHERE u.status = 'completed') AS done,
        count(*) FILTER (WHERE u.status IS DISTINCT FROM 'completed'
          AND (u.status = 'lagging' OR coalesce(u.percent, 0) < tl.e - ${tol})) AS lag,
        coalesce(sum(u.late_count), 0) AS late,
        count(*) FILTER (WHERE CASE WHEN ${owes}::boolean THEN u.latest_period >= ${lastKey}::text
          ELSE u.latest_period IS NOT NULL END) AS reported,
        count(*) FILTER (WHERE ${owes}::boolean AND (u.latest_period IS NULL OR u.latest_period < ${lastKey}::text)) AS missing
      FROM ${unitsFrom} u JOIN tl ON tl.id = u.node_id
      WHERE u.plan_id = ${plan.id}
      GROUP BY u.org_id
    )
    SELECT json_build_object(
      'summary', (SELECT json_build_object('tasks', count(*), 'w', sum(w), 'wc', sum(w * c), 'we', sum(w * e),
          'done', count(*) FILTER (WHERE done),
          'active', count(*) FILTER (WHERE NOT done AND NOT idle AND NOT (by_status OR behind)),
          'idle', count(*) FILTER (WHERE NOT done AND idle AND NOT (by_status OR behind)),
          'lag', count(*) FILTER (WHERE by_status OR behind)) FROM tl),

      'heads', (SELECT coalesce(json_agg(json_build_array(h.id, h.tasks, h.w, h.wc, h.done, h.lag)), '[]'::json) FROM (
          -- Tasks grouped by their path first (a few hundred paths), then each path credited to its headings.
          SELECT a.id, sum(p.tasks) AS tasks, sum(p.w) AS w, sum(p.wc) AS wc, sum(p.done) AS done, sum(p.lag) AS lag
          FROM (
            SELECT ancestors, count(*) AS tasks, sum(w) AS w, sum(w * c) AS wc, count(*) FILTER (WHERE done) AS done,
              count(*) FILTER (WHERE by_status OR behind) AS lag
            FROM tl GROUP BY ancestors
          ) p CROSS JOIN LATERAL unnest(p.ancestors) AS a(id) GROUP BY a.id) h),
      'units', (SELECT coalesce(json_agg(json_build_array(org_id, region, tasks, lead, w, wp, done, lag, late, reported,
          missing)), '[]'::json) FROM ua),
      'lagging', (SELECT coalesce(json_agg(json_build_array(l.id, n.number, n.title, ch.title, l.c, l.e, l.by_status,
          l.behind, n.lead_org_id, (SELECT coalesce(array_agg(x.org_id ORDER BY x.role, x.org_id), '{}')
            FROM plan_node_units x WHERE x.node_id = l.id)
        ) ORDER BY l.c - l.e, l.id), '[]'::json)
        FROM (SELECT * FROM tl WHERE by_status OR behind ORDER BY c - e, id LIMIT 500) l
        -- Both joins name the plan, so whatever join the planner picks reads this plan's nodes only, never the
        -- other plans' (127,750 nodes at nation scale).
        JOIN plan_nodes n ON n.id = l.id AND n.plan_id = ${plan.id}
        LEFT JOIN plan_nodes ch ON ch.id = l.ancestors[1] AND ch.plan_id = ${plan.id}),
      'rects', (SELECT coalesce(json_agg(json_build_array(r.org_id, r.total, r.open, r.closed, r.verified, r.overdue,
          r.escalated)), '[]'::json) FROM (
          SELECT org_id, count(*) AS total, count(*) FILTER (WHERE status = 'open') AS open,
            count(*) FILTER (WHERE status = 'closed') AS closed, count(*) FILTER (WHERE status = 'verified') AS verified,
            count(*) FILTER (WHERE status = 'open' AND deadline < ${today}::date) AS overdue,
            count(*) FILTER (WHERE esc) AS escalated
          FROM ${rectsFrom} x GROUP BY org_id) r)
    )::text AS doc`;
}

/**
 * Roll-ups are read far more often than plans change (dashboards, the plan page, every manager looking), so the
 * route keeps the last one per plan in memory: it is reused while the plan's `revision` is unchanged (every write
 * the roll-up depends on bumps it in its transaction, so another instance's change is seen on the next read) and
 * for at most ROLLUP_TTL_MS, since the time-progress line and overdue counts move with the clock. Names of
 * organizations and regions may lag a renaming by as much. Exports always compute afresh.
 */
export const ROLLUP_TTL_MS = 60_000;
const ROLLUP_CACHE_SIZE = 200;
/** The roll-up as sent: checked against the contract once, serialized once, then served as is. */
type CachedRollup = { revision: number; at: number; json: string; view: RollupView };
const rollupCache = new WeakMap<object, Map<string, CachedRollup>>();
const rollupOnce = singleFlight<CachedRollup>();

/** The plan's roll-up as JSON text (the route sends it as is), from the cache when still valid. */
export async function rollupJson(ctx: Ctx, planId: string, opts: { fresh?: boolean } = {}): Promise<string> {
  return (await cachedRollup(ctx, planId, opts)).json;
}

async function cachedRollup(ctx: Ctx, planId: string, opts: { fresh?: boolean }): Promise<CachedRollup> {
  const info = await loadPlanAccess(ctx, planId);
  requireFull(info);
  let cache = rollupCache.get(ctx.db);
  if (!cache) {
    cache = new Map();
    rollupCache.set(ctx.db, cache);
  }
  const now = ctx.clock.now().getTime();
  const hit = cache.get(planId);
  if (!opts.fresh && hit && hit.revision === info.plan.revision && now >= hit.at && now - hit.at < ROLLUP_TTL_MS)
    return hit;
  const compute = async () => {
    const view = rollupView.parse(await rollupOf(ctx, info.plan));
    const entry = { revision: info.plan.revision, at: now, json: JSON.stringify(view), view };
    cache.delete(planId);
    cache.set(planId, entry);
    if (cache.size > ROLLUP_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    return entry;
  };
  // One computation per plan and revision at a time: requests arriving while it runs (a dashboard opened by many
  // at the minute the entry expires) wait for it instead of each running the same roll-up. Exports compute afresh.
  return opts.fresh ? compute() : rollupOnce(ctx.db, `${planId}:${info.plan.revision}`, compute);
}

/**
 * The roll-up as an object (home figures, dashboards): the cached one itself, not a copy — parsing a province
 * plan's roll-up text again on every home page cost more than the page's SQL. Callers read it and never change it.
 */
export async function computeRollup(
  ctx: Ctx,
  planId: string,
  opts: { fresh?: boolean } = {},
): Promise<Readonly<RollupView>> {
  return (await cachedRollup(ctx, planId, opts)).view;
}

/** The plan's roll-up now, or (with `at`, an evaluation report's cut-off) as it stood at that instant. */
export async function rollupOf(ctx: Ctx, plan: PlanRow, opts: { at?: Date } = {}): Promise<RollupView> {
  const now = opts.at ?? ctx.clock.now();
  const [docRes, headings] = await Promise.all([
    ctx.db.execute<{ doc: string }>(rollupSql(plan, now, { history: !!opts.at })),
    ctx.db
      .select({
        id: planNodes.id,
        parentId: planNodes.parentId,
        kind: planNodes.kind,
        number: planNodes.number,
        title: planNodes.title,
        sort: planNodes.sort,
        depth: sql<number>`cardinality(${planNodes.ancestors})`,
      })
      .from(planNodes)
      .where(
        and(
          eq(planNodes.planId, plan.id),
          isNull(planNodes.deletedAt),
          inArray(planNodes.kind, ["chapter", "section", "column"]),
        ),
      ),
  ]);
  const doc = JSON.parse(docRes.rows[0].doc) as Doc;
  const orgIds = new Set<string>();
  for (const u of doc.units) orgIds.add(u[0]);
  for (const r of doc.rects) orgIds.add(r[0]);
  for (const l of doc.lagging) {
    if (l[8]) orgIds.add(l[8]);
    for (const id of l[9]) orgIds.add(id);
  }
  // Regions and plan totals are sums over the units (a unit's region decides its region group).
  type RegionAcc = { units: number; tasks: number; w: number; wp: number; lag: number };
  const regionAcc = new Map<string, RegionAcc>();
  const usum = { assignments: 0, units: doc.units.length, late: 0, reported: 0, missing: 0 };
  for (const [, region, tasks, , w, wp, , lag, late, reported, missing] of doc.units) {
    const key = regionKey(plan.regionCode, region);
    const r = regionAcc.get(key) ?? { units: 0, tasks: 0, w: 0, wp: 0, lag: 0 };
    r.units++;
    r.tasks += tasks;
    r.w += w;
    r.wp += wp;
    r.lag += lag;
    regionAcc.set(key, r);
    usum.assignments += tasks;
    usum.late += late;
    usum.reported += reported;
    usum.missing += missing;
  }
  const [names, regions] = await Promise.all([
    orgBriefs(ctx.db, [...orgIds]),
    regionNames(ctx.db, [...regionAcc.keys()]),
  ]);
  const nameOf = (id: string) => names.get(id)?.name ?? "";

  // Headings in tree order, each with the totals of the tasks below it.
  const heads = new Map(doc.heads.map((h) => [h[0], h]));
  const children = new Map<string | null, typeof headings>();
  for (const n of headings) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n]);
  const byChapter: RollupView["byChapter"] = [];
  const walk = (parent: string | null) => {
    for (const n of (children.get(parent) ?? []).sort((a, b) => a.sort - b.sort)) {
      const h = heads.get(n.id);
      byChapter.push({
        nodeId: n.id,
        kind: n.kind,
        number: n.number,
        title: n.title,
        depth: Number(n.depth),
        tasks: h?.[1] ?? 0,
        weight: round1(h?.[2] ?? 0),
        completion: h ? ratio(h[3], h[2]) : null,
        completed: h?.[4] ?? 0,
        lagging: h?.[5] ?? 0,
      });
      walk(n.id);
    }
  };
  walk(null);

  const rects = new Map(doc.rects.map((r) => [r[0], r]));
  const unitRows = new Map(doc.units.map((u) => [u[0], u]));
  const byUnit: RollupView["byUnit"] = [...orgIds]
    .filter((id) => unitRows.has(id) || rects.has(id))
    .map((orgId) => {
      const u = unitRows.get(orgId);
      const r = rects.get(orgId);
      return {
        orgId,
        orgName: nameOf(orgId),
        regionCode: u?.[1] ?? names.get(orgId)?.regionCode ?? "",
        tasks: u?.[2] ?? 0,
        leadTasks: u?.[3] ?? 0,
        completion: u ? ratio(u[5], u[4]) : null,
        completed: u?.[6] ?? 0,
        lagging: u?.[7] ?? 0,
        reported: u?.[9] ?? 0,
        lateReports: u?.[8] ?? 0,
        missing: u?.[10] ?? 0,
        rectificationsOpen: r?.[2] ?? 0,
        rectificationsOverdue: r?.[5] ?? 0,
      };
    });
  byUnit.sort((a, b) => (a.completion ?? -1) - (b.completion ?? -1) || a.orgName.localeCompare(b.orgName, "zh"));

  const rectTotals = { total: 0, open: 0, closed: 0, verified: 0, overdue: 0, escalated: 0 };
  for (const r of doc.rects) {
    rectTotals.total += r[1];
    rectTotals.open += r[2];
    rectTotals.closed += r[3];
    rectTotals.verified += r[4];
    rectTotals.overdue += r[5];
    rectTotals.escalated += r[6];
  }
  const s = doc.summary;
  const last = lastDuePeriod(plan, now);
  return {
    planId: plan.id,
    asOf: now.toISOString(),
    lastDuePeriod: last?.key ?? null,
    summary: {
      tasks: s.tasks,
      units: usum.units,
      assignments: usum.assignments,
      completion: ratio(s.wc ?? 0, s.w ?? 0),
      expected: ratio(s.we ?? 0, s.w ?? 0) ?? 0,
      completed: s.done,
      inProgress: s.active,
      notStarted: s.idle,
      lagging: s.lag,
      reported: usum.reported,
      lateReports: usum.late,
      missing: usum.missing,
      rectifications: rectTotals,
    },
    byChapter,
    byUnit,
    byRegion: [...regionAcc]
      .map(([code, r]) => ({
        regionCode: code,
        regionName: code === plan.regionCode ? `${regions.get(code) ?? code}（本级）` : (regions.get(code) ?? code),
        units: r.units,
        tasks: r.tasks,
        completion: ratio(r.wp, r.w),
        lagging: r.lag,
      }))
      .sort((a, b) => a.regionCode.localeCompare(b.regionCode)),
    lagging: doc.lagging.map(([id, number, title, chapter, c, e, byStatus, behind, lead, orgs]) => ({
      nodeId: id,
      number,
      title,
      chapterTitle: chapter,
      completion: round1(c),
      expected: e,
      reasons: [...(byStatus ? (["status"] as const) : []), ...(behind ? (["behind"] as const) : [])],
      units: orgs.map(nameOf),
      leadOrgName: lead ? nameOf(lead) || null : null,
    })),
  };
}
