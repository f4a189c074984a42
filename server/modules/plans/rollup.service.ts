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
 *   lagging task      = not completed, and a unit reports it 滞后, or its completion trails the time-progress
 *                       line (periods.ts expectedProgress: linear from the plan's start to the task's deadline,
 *                       through yearly milestone percents) by more than LAG_TOLERANCE points
 *   missing           = a (task, unit) with no report for the latest period past its deadline (from reportFrom)
 *
 * Three queries, run together: the plan's nodes, its assignments (one row per task and unit, carrying that
 * unit's latest report — kept current by the report service, so no scan of the reports table), and the
 * rectification counts per owner. At 5,000 tasks and 200,000 reports that is ~5k + ~10k narrow rows.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Milestone, RollupView } from "../../../contracts/plans.js";
import type { Ctx } from "../../core/context.js";
import { orgBriefs } from "../org/org.service.js";
import { regionNames } from "../org/region.service.js";
import { beijingDate, expectedProgress, lastDuePeriod } from "./periods.js";
import { loadPlanAccess, type PlanRow, requireFull } from "./plan-access.js";
import { planNodes, planNodeUnits, planRectifications } from "./plans.schema.js";

/** Percentage points a task may trail its time-progress line before it counts as lagging. */
export const LAG_TOLERANCE = 15;

const round1 = (n: number) => Math.round(n * 10) / 10;
const ratio = (num: number, den: number) => (den > 0 ? round1(num / den) : null);

/** The region a unit is counted under: one level below the plan's region, or the plan's region itself (本级). */
export function regionKey(planRegion: string, unitRegion: string): string {
  if (unitRegion === planRegion || !unitRegion.startsWith(planRegion)) return unitRegion;
  const next = { 2: 4, 4: 6, 6: 9, 9: 12 }[planRegion.length] ?? planRegion.length;
  return unitRegion.slice(0, next);
}

type RectCount = { total: number; open: number; closed: number; verified: number; overdue: number; escalated: number };

export async function rollupData(ctx: Ctx, plan: PlanRow) {
  const now = ctx.clock.now();
  const today = beijingDate(now);
  const [nodes, units, rects] = await Promise.all([
    ctx.db
      .select({
        id: planNodes.id,
        parentId: planNodes.parentId,
        ancestors: planNodes.ancestors,
        kind: planNodes.kind,
        number: planNodes.number,
        title: planNodes.title,
        sort: planNodes.sort,
        weight: planNodes.weight,
        deadline: planNodes.deadline,
        milestones: planNodes.milestones,
        leadOrgId: planNodes.leadOrgId,
      })
      .from(planNodes)
      .where(and(eq(planNodes.planId, plan.id), isNull(planNodes.deletedAt))),
    ctx.db
      .select({
        nodeId: planNodeUnits.nodeId,
        orgId: planNodeUnits.orgId,
        regionCode: planNodeUnits.regionCode,
        role: planNodeUnits.role,
        status: planNodeUnits.status,
        percent: planNodeUnits.percent,
        latestPeriod: planNodeUnits.latestPeriod,
        lateCount: planNodeUnits.lateCount,
      })
      .from(planNodeUnits)
      .where(eq(planNodeUnits.planId, plan.id)),
    ctx.db
      .select({
        orgId: planRectifications.orgId,
        total: sql<number>`count(*)::int`,
        open: sql<number>`(count(*) FILTER (WHERE ${planRectifications.status} = 'open'))::int`,
        closed: sql<number>`(count(*) FILTER (WHERE ${planRectifications.status} = 'closed'))::int`,
        verified: sql<number>`(count(*) FILTER (WHERE ${planRectifications.status} = 'verified'))::int`,
        overdue: sql<number>`(count(*) FILTER (WHERE ${planRectifications.status} = 'open' AND ${planRectifications.deadline} < ${today}))::int`,
        escalated: sql<number>`(count(*) FILTER (WHERE ${planRectifications.escalatedAt} IS NOT NULL))::int`,
      })
      .from(planRectifications)
      .where(eq(planRectifications.planId, plan.id))
      .groupBy(planRectifications.orgId),
  ]);
  return { now, nodes, units, rects };
}

export async function computeRollup(ctx: Ctx, planId: string): Promise<RollupView> {
  const info = await loadPlanAccess(ctx, planId);
  requireFull(info);
  return rollupOf(ctx, info.plan);
}

export async function rollupOf(ctx: Ctx, plan: PlanRow): Promise<RollupView> {
  const { now, nodes, units, rects } = await rollupData(ctx, plan);
  const lastDue = lastDuePeriod(plan, now);
  const owesLastDue = lastDue !== null && (plan.reportFrom === null || lastDue.key >= plan.reportFrom);

  const nodeById = new Map(nodes.map((n) => [n.id, n]));
  const unitsByTask = new Map<string, typeof units>();
  for (const u of units) {
    const n = nodeById.get(u.nodeId);
    if (!n || n.kind !== "task") continue;
    unitsByTask.set(u.nodeId, [...(unitsByTask.get(u.nodeId) ?? []), u]);
  }

  type TaskStat = {
    id: string;
    weight: number;
    completion: number;
    expected: number;
    done: boolean;
    notStarted: boolean;
    lagging: boolean;
    reasons: ("status" | "behind")[];
  };
  const tasks: TaskStat[] = [];
  const taskStat = new Map<string, TaskStat>();
  for (const n of nodes) {
    if (n.kind !== "task") continue;
    const us = unitsByTask.get(n.id) ?? [];
    const completion = us.length > 0 ? us.reduce((s, u) => s + (u.percent ?? 0), 0) / us.length : 0;
    const done = us.length > 0 && us.every((u) => u.status === "completed");
    const notStarted = us.every((u) => u.status === null || u.status === "not_started");
    const expected = expectedProgress(plan, { deadline: n.deadline, milestones: n.milestones as Milestone[] }, now);
    const reasons: TaskStat["reasons"] = [];
    if (!done && us.some((u) => u.status === "lagging")) reasons.push("status");
    if (!done && completion < expected - LAG_TOLERANCE) reasons.push("behind");
    const s: TaskStat = {
      id: n.id,
      weight: n.weight,
      completion,
      expected,
      done,
      notStarted,
      lagging: reasons.length > 0,
      reasons,
    };
    tasks.push(s);
    taskStat.set(n.id, s);
  }

  // By chapter: every heading accumulates the tasks below it.
  type Acc = { tasks: number; weight: number; wc: number; completed: number; lagging: number };
  const acc = new Map<string, Acc>();
  for (const s of tasks) {
    for (const a of nodeById.get(s.id)!.ancestors) {
      const x = acc.get(a) ?? { tasks: 0, weight: 0, wc: 0, completed: 0, lagging: 0 };
      x.tasks++;
      x.weight += s.weight;
      x.wc += s.weight * s.completion;
      if (s.done) x.completed++;
      if (s.lagging) x.lagging++;
      acc.set(a, x);
    }
  }
  const children = new Map<string | null, typeof nodes>();
  for (const n of nodes) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n]);
  const byChapter: RollupView["byChapter"] = [];
  const walk = (parent: string | null) => {
    for (const n of (children.get(parent) ?? []).sort((a, b) => a.sort - b.sort)) {
      if (n.kind === "task" || n.kind === "item") continue;
      const x = acc.get(n.id) ?? { tasks: 0, weight: 0, wc: 0, completed: 0, lagging: 0 };
      byChapter.push({
        nodeId: n.id,
        kind: n.kind,
        number: n.number,
        title: n.title,
        depth: n.ancestors.length,
        tasks: x.tasks,
        weight: round1(x.weight),
        completion: ratio(x.wc, x.weight),
        completed: x.completed,
        lagging: x.lagging,
      });
      walk(n.id);
    }
  };
  walk(null);

  // By unit and by region.
  const rectByOrg = new Map<string, RectCount>(rects.map((r) => [r.orgId, r]));
  type UnitAcc = {
    tasks: number;
    lead: number;
    weight: number;
    wp: number;
    completed: number;
    lagging: number;
    reported: number;
    late: number;
    missing: number;
    region: string;
  };
  const byOrg = new Map<string, UnitAcc>();
  type RegionAcc = { units: Set<string>; tasks: Set<string>; weight: number; wp: number; lagging: number };
  const byRegion = new Map<string, RegionAcc>();
  let reported = 0;
  let missing = 0;
  let lateReports = 0;
  let assignments = 0;
  for (const [taskId, us] of unitsByTask) {
    const s = taskStat.get(taskId)!;
    for (const u of us) {
      assignments++;
      const pct = u.percent ?? 0;
      const lag = u.status !== "completed" && (u.status === "lagging" || pct < s.expected - LAG_TOLERANCE);
      const x =
        byOrg.get(u.orgId) ??
        ({
          tasks: 0,
          lead: 0,
          weight: 0,
          wp: 0,
          completed: 0,
          lagging: 0,
          reported: 0,
          late: 0,
          missing: 0,
          region: u.regionCode,
        } satisfies UnitAcc);
      x.tasks++;
      if (u.role === "lead") x.lead++;
      x.weight += s.weight;
      x.wp += s.weight * pct;
      if (u.status === "completed") x.completed++;
      if (lag) x.lagging++;
      x.late += u.lateCount;
      lateReports += u.lateCount;
      if (owesLastDue) {
        if (u.latestPeriod !== null && u.latestPeriod >= lastDue!.key) {
          x.reported++;
          reported++;
        } else {
          x.missing++;
          missing++;
        }
      } else if (u.latestPeriod !== null) {
        x.reported++;
        reported++;
      }
      byOrg.set(u.orgId, x);
      const key = regionKey(plan.regionCode, u.regionCode);
      const r = byRegion.get(key) ?? { units: new Set(), tasks: new Set(), weight: 0, wp: 0, lagging: 0 };
      r.units.add(u.orgId);
      r.tasks.add(taskId);
      r.weight += s.weight;
      r.wp += s.weight * pct;
      if (lag) r.lagging++;
      byRegion.set(key, r);
    }
  }
  const orgIds = [...new Set([...byOrg.keys(), ...rectByOrg.keys()])];
  const leadIds = nodes.map((n) => n.leadOrgId).filter((x): x is string => !!x);
  const [names, regions] = await Promise.all([
    orgBriefs(ctx.db, [...orgIds, ...leadIds]),
    regionNames(ctx.db, [...byRegion.keys()]),
  ]);
  const byUnit: RollupView["byUnit"] = orgIds.map((orgId) => {
    const x = byOrg.get(orgId);
    const rc = rectByOrg.get(orgId);
    return {
      orgId,
      orgName: names.get(orgId)?.name ?? "",
      regionCode: x?.region ?? names.get(orgId)?.regionCode ?? "",
      tasks: x?.tasks ?? 0,
      leadTasks: x?.lead ?? 0,
      completion: x ? ratio(x.wp, x.weight) : null,
      completed: x?.completed ?? 0,
      lagging: x?.lagging ?? 0,
      reported: x?.reported ?? 0,
      lateReports: x?.late ?? 0,
      missing: x?.missing ?? 0,
      rectificationsOpen: rc?.open ?? 0,
      rectificationsOverdue: rc?.overdue ?? 0,
    };
  });
  byUnit.sort((a, b) => (a.completion ?? -1) - (b.completion ?? -1) || a.orgName.localeCompare(b.orgName, "zh"));

  const totalWeight = tasks.reduce((s, x) => s + x.weight, 0);
  const rectTotals: RectCount = { total: 0, open: 0, closed: 0, verified: 0, overdue: 0, escalated: 0 };
  for (const r of rects) for (const k of Object.keys(rectTotals) as (keyof RectCount)[]) rectTotals[k] += r[k];

  const chapterOf = (id: string) => {
    const top = nodeById.get(id)!.ancestors[0];
    return top ? (nodeById.get(top)?.title ?? null) : null;
  };
  const lagging = tasks
    .filter((s) => s.lagging)
    .sort((a, b) => a.completion - a.expected - (b.completion - b.expected))
    .slice(0, 500)
    .map((s) => {
      const n = nodeById.get(s.id)!;
      return {
        nodeId: s.id,
        number: n.number,
        title: n.title,
        chapterTitle: chapterOf(s.id),
        completion: round1(s.completion),
        expected: s.expected,
        reasons: s.reasons,
        units: (unitsByTask.get(s.id) ?? []).map((u) => names.get(u.orgId)?.name ?? ""),
        leadOrgName: n.leadOrgId ? (names.get(n.leadOrgId)?.name ?? null) : null,
      };
    });

  return {
    planId: plan.id,
    asOf: now.toISOString(),
    lastDuePeriod: lastDue?.key ?? null,
    summary: {
      tasks: tasks.length,
      units: byOrg.size,
      assignments,
      completion: ratio(
        tasks.reduce((s, x) => s + x.weight * x.completion, 0),
        totalWeight,
      ),
      expected:
        ratio(
          tasks.reduce((s, x) => s + x.weight * x.expected, 0),
          totalWeight,
        ) ?? 0,
      completed: tasks.filter((s) => s.done).length,
      inProgress: tasks.filter((s) => !s.done && !s.notStarted).length,
      notStarted: tasks.filter((s) => !s.done && s.notStarted).length,
      lagging: tasks.filter((s) => s.lagging).length,
      reported,
      lateReports,
      missing,
      rectifications: rectTotals,
    },
    byChapter,
    byUnit,
    byRegion: [...byRegion]
      .map(([code, r]) => ({
        regionCode: code,
        regionName: code === plan.regionCode ? `${regions.get(code) ?? code}（本级）` : (regions.get(code) ?? code),
        units: r.units.size,
        tasks: r.tasks.size,
        completion: ratio(r.wp, r.weight),
        lagging: r.lagging,
      }))
      .sort((a, b) => a.regionCode.localeCompare(b.regionCode)),
    lagging,
  };
}
