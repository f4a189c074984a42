/**
 * Reporting periods of 零报告/季报: "2026-11" (a month) or "2026Q4" (a quarter), in Beijing dates. A report is on
 * time when first received by the end of the N-th day after the period ends (DHIS2's timeliness).
 */
import { addDays, addMonths, beijingDate, endOfBeijingDay } from "../../../contracts/dates.js";
import type { DisputeSettings, ReportKind } from "../../../contracts/disputes.js";
import { errors } from "../../core/errors.js";

export type Frequency = "monthly" | "quarterly";
export type Period = { key: string; start: string; end: string; deadline: Date; label: string };

const pad = (n: number) => String(n).padStart(2, "0");

export function frequencyOf(settings: DisputeSettings, kind: ReportKind): Frequency {
  return kind === "zero" ? settings.zeroFrequency : settings.quarterlyFrequency;
}

export function periodOf(key: string, onTimeDays: number): Period {
  const q = /^(\d{4})Q([1-4])$/.exec(key);
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  let start: string;
  let label: string;
  let months: number;
  if (q) {
    start = `${q[1]}-${pad((Number(q[2]) - 1) * 3 + 1)}-01`;
    label = `${q[1]}年第${"一二三四"[Number(q[2]) - 1]}季度`;
    months = 3;
  } else if (m) {
    start = `${m[1]}-${m[2]}-01`;
    label = `${m[1]}年${Number(m[2])}月`;
    months = 1;
  } else throw errors.field("period", "disputes.period_not_ended", { period: key });
  const end = addDays(addMonths(start, months), -1);
  return { key, start, end, deadline: endOfBeijingDay(addDays(end, onTimeDays)), label };
}

/** The period of a frequency that contains a date. */
export function periodKeyOf(date: string, freq: Frequency): string {
  const [y, mo] = date.split("-");
  return freq === "monthly" ? `${y}-${mo}` : `${y}Q${Math.floor((Number(mo) - 1) / 3) + 1}`;
}

export function keyMatches(key: string, freq: Frequency): boolean {
  return freq === "monthly" ? /^\d{4}-\d{2}$/.test(key) : /^\d{4}Q[1-4]$/.test(key);
}

/** The period after `key`. */
export function nextKey(key: string, freq: Frequency): string {
  const p = periodOf(key, 0);
  return periodKeyOf(addDays(p.end, 1), freq);
}

/** Periods from `from` to `to` inclusive (at most 240). */
export function periodRange(from: string, to: string, freq: Frequency): string[] {
  const out: string[] = [];
  for (let k = from; k <= to && out.length < 240; k = nextKey(k, freq)) out.push(k);
  return out;
}

/** The periods that have ended by `now`: the last `count` of them, oldest first. */
export function endedPeriods(now: Date, freq: Frequency, count: number): string[] {
  const today = beijingDate(now);
  const current = periodKeyOf(today, freq);
  const out: string[] = [];
  let k = periodKeyOf(addDays(periodOf(current, 0).start, -1), freq);
  while (out.length < count) {
    out.unshift(k);
    k = periodKeyOf(addDays(periodOf(k, 0).start, -1), freq);
  }
  return out;
}
