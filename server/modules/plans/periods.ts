/**
 * Reporting periods of a plan, from its cycle and its years: 2021-2025 quarterly → 2021Q1 … 2025Q4.
 * Periods run in Beijing time (UTC+8, no daylight saving): 2026Q1 is [2026-01-01T00:00+08, 2026-04-01T00:00+08).
 * A period's report is due `graceDays` after it ends (default 10: 2026Q1 is due before 2026-04-11T00:00+08, i.e.
 * by the end of 10 April), and it becomes a to-do `remindDays` before that deadline.
 */
import type { PlanCycle } from "../../../contracts/plans.js";

export type PeriodPlan = {
  periodStart: number;
  periodEnd: number;
  cycle: PlanCycle;
  graceDays: number;
  remindDays: number;
};

export type Period = {
  key: string;
  label: string;
  start: Date;
  end: Date;
  dueAt: Date;
  remindAt: Date;
};

const DAY_MS = 86_400_000;
const CN_QUARTER = ["一", "二", "三", "四"];

import { beijingMidnight, endOfBeijingDay } from "../../../contracts/dates.js";

export { beijingDate, beijingMidnight, endOfBeijingDay } from "../../../contracts/dates.js";

/** Chinese label of a period key: 2026年第一季度, 2026年上半年, 2026年3月, 2026年度. */
export function periodLabel(key: string): string {
  const year = key.slice(0, 4);
  const rest = key.slice(4);
  if (rest === "") return `${year}年度`;
  if (rest[0] === "Q") return `${year}年第${CN_QUARTER[Number(rest[1]) - 1]}季度`;
  if (rest[0] === "H") return `${year}年${rest[1] === "1" ? "上" : "下"}半年`;
  return `${year}年${Number(rest.slice(1))}月`;
}

function make(plan: PeriodPlan, key: string, start: Date, end: Date): Period {
  const dueAt = new Date(end.getTime() + plan.graceDays * DAY_MS);
  return {
    key,
    label: periodLabel(key),
    start,
    end,
    dueAt,
    remindAt: new Date(dueAt.getTime() - plan.remindDays * DAY_MS),
  };
}

/** Every reporting period of the plan, in time order. */
export function periodsOf(plan: PeriodPlan): Period[] {
  const out: Period[] = [];
  for (let y = plan.periodStart; y <= plan.periodEnd; y++) {
    switch (plan.cycle) {
      case "yearly":
        out.push(make(plan, `${y}`, beijingMidnight(y, 0), beijingMidnight(y + 1, 0)));
        break;
      case "half_yearly":
        for (let h = 0; h < 2; h++)
          out.push(make(plan, `${y}H${h + 1}`, beijingMidnight(y, h * 6), beijingMidnight(y, h * 6 + 6)));
        break;
      case "quarterly":
        for (let q = 0; q < 4; q++)
          out.push(make(plan, `${y}Q${q + 1}`, beijingMidnight(y, q * 3), beijingMidnight(y, q * 3 + 3)));
        break;
      case "monthly":
        for (let m = 0; m < 12; m++)
          out.push(
            make(plan, `${y}M${String(m + 1).padStart(2, "0")}`, beijingMidnight(y, m), beijingMidnight(y, m + 1)),
          );
        break;
    }
  }
  return out;
}

/** The period with this key, or null when the key is not one of the plan's periods (other cycle, out of range). */
export function periodByKey(plan: PeriodPlan, key: string): Period | null {
  return periodsOf(plan).find((p) => p.key === key) ?? null;
}

/** The period running at `now`, clamped to the plan's first/last period. */
export function periodAt(plan: PeriodPlan, now: Date): Period {
  const all = periodsOf(plan);
  const t = now.getTime();
  if (t < all[0].start.getTime()) return all[0];
  return all.find((p) => t >= p.start.getTime() && t < p.end.getTime()) ?? all[all.length - 1];
}

/** The latest period whose deadline has passed at `now` (null before the first deadline). */
export function lastDuePeriod(plan: PeriodPlan, now: Date): Period | null {
  let last: Period | null = null;
  for (const p of periodsOf(plan)) if (p.dueAt.getTime() <= now.getTime()) last = p;
  return last;
}

/** Periods from `from` (a key; reports are owed from it on) whose to-do has started at `now`. */
export function owedPeriods(plan: PeriodPlan & { reportFrom: string | null }, now: Date): Period[] {
  const t = now.getTime();
  return periodsOf(plan).filter(
    (p) => (plan.reportFrom === null || p.key >= plan.reportFrom) && p.remindAt.getTime() <= t,
  );
}

export type MilestonePoint = { year: number; percent?: number | null };

/**
 * Where a task should be by `now` if it advances evenly (时序进度), in percent: 0 at the start of the plan's first
 * year, 100 at the task's deadline (or the end of the plan's last year), passing through each yearly milestone
 * that states a percent (at the end of that year).
 */
export function expectedProgress(
  plan: { periodStart: number; periodEnd: number },
  task: { deadline: string | null; milestones: MilestonePoint[] },
  now: Date,
): number {
  const start = beijingMidnight(plan.periodStart, 0).getTime();
  const end = (task.deadline ? endOfBeijingDay(task.deadline) : beijingMidnight(plan.periodEnd + 1, 0)).getTime();
  const points: [number, number][] = [[start, 0]];
  for (const m of [...task.milestones].sort((a, b) => a.year - b.year)) {
    if (m.percent == null) continue;
    const at = beijingMidnight(m.year + 1, 0).getTime();
    if (at > start && at < end) points.push([at, m.percent]);
  }
  points.push([Math.max(end, start + 1), 100]);
  const t = now.getTime();
  if (t <= points[0][0]) return 0;
  for (let i = 1; i < points.length; i++) {
    const [t1, v1] = points[i];
    if (t <= t1) {
      const [t0, v0] = points[i - 1];
      return Math.round((v0 + ((v1 - v0) * (t - t0)) / (t1 - t0)) * 10) / 10;
    }
  }
  return 100;
}
