/**
 * What one 评估报告 covers (issue 10 §4): the 中期 report the plan's first half (to the end of its middle year, e.g.
 * 2021–2025 → 2023-12-31), the 总结 report the whole plan (to the end of its last year), each cut at today when
 * generated earlier. For that cut-off, from the reports submitted before it (not the current state):
 *   - each task's standing then, counted once: 已完成 (every unit completed), else 滞后 (a unit reported 滞后, or
 *     its completion trailed the time-progress line by more than LAG_TOLERANCE), else 推进中 or 未启动;
 *   - the milestones due by then (their year ended) and whether the task had reached their percent;
 *   - each task's target against the value last reported before the cut-off;
 *   - the same counts at the previous report's cut-off (中期 for 总结; the plan's start for 中期), so the report
 *     says what changed since.
 */
import { and, eq, isNull, lt } from "drizzle-orm";
import type { EvaluationReportKind } from "../../../contracts/plans.js";
import type { Queryable } from "../../db/client.js";
import { beijingDate, beijingMidnight, expectedProgress } from "./periods.js";
import type { PlanRow } from "./plan-access.js";
import { planNodes, planNodeUnits, planReports } from "./plans.schema.js";
import { LAG_TOLERANCE } from "./rollup.service.js";

export type Standing = { tasks: number; completed: number; inProgress: number; notStarted: number; lagging: number };

export type PeriodReport = {
  /** First and last day covered (Beijing dates). */
  from: string;
  to: string;
  previous: { label: string; to: string } | null;
  now: Standing;
  before: Standing | null;
  /** Tasks completed within the period (after the previous cut-off, before this one). */
  newlyCompleted: { number: string; title: string }[];
  milestones: {
    number: string;
    title: string;
    year: number;
    content: string;
    percent: number | null;
    actual: number;
    met: boolean | null;
  }[];
  targets: {
    number: string;
    title: string;
    metric: string;
    unit: string;
    baseline: number | null;
    target: number | null;
    actual: number | null;
  }[];
};

/** The report's cut-off (exclusive instant: the period's end, or just after now) and the previous report's. */
export function reportWindow(plan: Pick<PlanRow, "periodStart" | "periodEnd">, kind: EvaluationReportKind, now: Date) {
  const mid = Math.floor((plan.periodStart + plan.periodEnd) / 2);
  const midEnd = beijingMidnight(mid + 1, 0);
  const end = kind === "midterm" ? midEnd : beijingMidnight(plan.periodEnd + 1, 0);
  // Cut at today: everything written up to and including this instant counts.
  const cut = new Date(Math.min(end.getTime(), now.getTime() + 1));
  const previous = kind === "final" && midEnd.getTime() < cut.getTime() ? midEnd : null;
  return { cut, previous };
}

type Task = typeof planNodes.$inferSelect;
type Rep = {
  nodeId: string;
  orgId: string;
  period: string;
  status: string;
  percent: number;
  metricValue: number | null;
  submittedAt: Date;
};

function latestBy(reports: Rep[], cut: Date): Map<string, Rep> {
  const latest = new Map<string, Rep>();
  for (const r of reports) {
    if (r.submittedAt.getTime() >= cut.getTime()) continue;
    const k = `${r.nodeId}|${r.orgId}`;
    const cur = latest.get(k);
    if (!cur || r.period > cur.period || (r.period === cur.period && r.submittedAt > cur.submittedAt)) latest.set(k, r);
  }
  return latest;
}

function standingAt(plan: PlanRow, tasks: Task[], units: Map<string, string[]>, reports: Rep[], cut: Date) {
  const latest = latestBy(reports, cut);
  const s: Standing = { tasks: tasks.length, completed: 0, inProgress: 0, notStarted: 0, lagging: 0 };
  const percent = new Map<string, number>();
  const done = new Set<string>();
  const metric = new Map<string, number>();
  for (const t of tasks) {
    const orgs = units.get(t.id) ?? [];
    const reps = orgs.map((o) => latest.get(`${t.id}|${o}`));
    const c = orgs.length ? reps.reduce((sum, r) => sum + (r?.percent ?? 0), 0) / orgs.length : 0;
    percent.set(t.id, Math.round(c * 10) / 10);
    const withMetric = reps
      .filter((r): r is Rep => r?.metricValue != null)
      .sort((a, b) => +b.submittedAt - +a.submittedAt);
    if (withMetric[0]) metric.set(t.id, withMetric[0].metricValue as number);
    const completed = orgs.length > 0 && reps.every((r) => r?.status === "completed");
    const idle = reps.every((r) => !r || r.status === "not_started");
    const lag =
      reps.some((r) => r?.status === "lagging") ||
      c < expectedProgress(plan, { deadline: t.deadline, milestones: t.milestones as [] }, cut) - LAG_TOLERANCE;
    if (completed) {
      s.completed++;
      done.add(t.id);
    } else if (lag) s.lagging++;
    else if (idle) s.notStarted++;
    else s.inProgress++;
  }
  return { s, percent, done, metric };
}

export async function periodReport(
  db: Queryable,
  plan: PlanRow,
  kind: EvaluationReportKind,
  now: Date,
): Promise<PeriodReport> {
  const { cut, previous } = reportWindow(plan, kind, now);
  const [tasks, unitRows, reports] = await Promise.all([
    db
      .select()
      .from(planNodes)
      .where(and(eq(planNodes.planId, plan.id), eq(planNodes.kind, "task"), isNull(planNodes.deletedAt)))
      .orderBy(planNodes.sort),
    db
      .select({ nodeId: planNodeUnits.nodeId, orgId: planNodeUnits.orgId })
      .from(planNodeUnits)
      .where(eq(planNodeUnits.planId, plan.id)),
    db
      .select({
        nodeId: planReports.nodeId,
        orgId: planReports.orgId,
        period: planReports.period,
        status: planReports.status,
        percent: planReports.percent,
        metricValue: planReports.metricValue,
        submittedAt: planReports.submittedAt,
      })
      .from(planReports)
      .where(and(eq(planReports.planId, plan.id), lt(planReports.submittedAt, cut))),
  ]);
  const units = new Map<string, string[]>();
  for (const u of unitRows) units.set(u.nodeId, [...(units.get(u.nodeId) ?? []), u.orgId]);
  const at = standingAt(plan, tasks, units, reports, cut);
  const before = previous ? standingAt(plan, tasks, units, reports, previous) : null;
  const lastDay = beijingDate(new Date(cut.getTime() - 1));
  const cutYear = Number(lastDay.slice(0, 4));
  const yearComplete = (y: number) => beijingMidnight(y + 1, 0).getTime() <= cut.getTime();
  return {
    from: `${plan.periodStart}-01-01`,
    to: lastDay,
    previous: previous ? { label: "中期评估", to: beijingDate(new Date(previous.getTime() - 1)) } : null,
    now: at.s,
    before: before?.s ?? null,
    newlyCompleted: tasks
      .filter((t) => at.done.has(t.id) && !(before?.done.has(t.id) ?? false))
      .map((t) => ({ number: t.number, title: t.title })),
    milestones: tasks.flatMap((t) =>
      (t.milestones as { year: number; content: string; percent?: number | null }[])
        .filter((m) => m.year <= cutYear && yearComplete(m.year))
        .map((m) => {
          const actual = at.percent.get(t.id) ?? 0;
          return {
            number: t.number,
            title: t.title,
            year: m.year,
            content: m.content,
            percent: m.percent ?? null,
            actual,
            met: m.percent == null ? null : actual >= m.percent,
          };
        }),
    ),
    targets: tasks
      .filter((t) => t.metricName)
      .map((t) => ({
        number: t.number,
        title: t.title,
        metric: t.metricName ?? "",
        unit: t.metricUnit ?? "",
        baseline: t.baseline,
        target: t.targetValue,
        actual: at.metric.get(t.id) ?? null,
      })),
  };
}
