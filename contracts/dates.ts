/**
 * Dates in Beijing time, and the official working-day calendar — one implementation for the server, the
 * console and the portal.
 *
 * Every deadline, 公示期 and period is a calendar date in Beijing (Asia/Shanghai). China has kept UTC+8 all
 * year since 1991, so dayjs with a fixed +08:00 offset gives exactly what its timezone plugin gives, without
 * an Intl lookup per call (these functions run inside roll-up loops).
 *
 * Working days follow the State Council's 放假 and 调休 notices: a `WorkingCalendar` is built from the
 * special days (holidays that fall on weekdays are days off; 调休 weekends are working days) and falls back
 * to Monday–Friday for days it does not list.
 */
import dayjs, { type Dayjs } from "dayjs";
import utc from "dayjs/plugin/utc.js";

dayjs.extend(utc);

const BEIJING_OFFSET_MINUTES = 8 * 60;

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
/**
 * Midnight UTC of a YYYY-MM-DD date, or NaN for anything else (an impossible day such as 02-30 included): the
 * functions below take this plain-number path for well-formed dates — the dashboards call them thousands of times a
 * request, and dayjs cost a fifth of one — and keep dayjs's behaviour for every other input.
 */
function utcDay(date: string): number {
  return ISO_DAY.test(date) ? Date.parse(date) : Number.NaN;
}
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const instant = (at: Date | string | number) =>
  typeof at === "number" ? at : at instanceof Date ? at.getTime() : Number.NaN;

/** An instant seen in Beijing time. */
export function inBeijing(at: Date | string | number): Dayjs {
  return dayjs(at).utcOffset(BEIJING_OFFSET_MINUTES);
}

/** The date in Beijing of an instant, as YYYY-MM-DD. */
export function beijingDate(at: Date | string | number): string {
  const t = instant(at);
  return Number.isFinite(t) && t >= 0 && t < 253_402_000_000_000
    ? isoDay(t + BEIJING_OFFSET_MS)
    : inBeijing(at).format("YYYY-MM-DD");
}

/** The instant a Beijing date (YYYY-MM-DD) begins. */
export function beijingStartOf(date: string): Date {
  const d = utcDay(date);
  if (Number.isFinite(d)) return new Date(d - BEIJING_OFFSET_MS);
  return dayjs.utc(date).subtract(BEIJING_OFFSET_MINUTES, "minute").toDate();
}

/** Midnight (Beijing) at the start of the given day; months are 0-based and may overflow (Date.UTC rules). */
export function beijingMidnight(year: number, month0: number, day = 1): Date {
  return new Date(Date.UTC(year, month0, day) - BEIJING_OFFSET_MINUTES * 60_000);
}

/** The end of a YYYY-MM-DD day in Beijing (the next midnight): a deadline date is met until then. */
export function endOfBeijingDay(date: string): Date {
  return beijingStartOf(addDays(date, 1));
}

/** A date and time in Beijing for people and documents: 2026-03-10 09:05. */
export function beijingDateTime(at: Date | string | number): string {
  return inBeijing(at).format("YYYY-MM-DD HH:mm");
}

export function addDays(date: string, days: number): string {
  const d = utcDay(date);
  if (Number.isFinite(d) && Number.isInteger(days)) return isoDay(d + days * DAY_MS);
  return dayjs.utc(date).add(days, "day").format("YYYY-MM-DD");
}

/** Adds whole months; a day that does not exist in the target month becomes its last day (08-31 + 6 months → 02-28/29). */
export function addMonths(date: string, months: number): string {
  const d = utcDay(date);
  if (Number.isFinite(d) && Number.isInteger(months)) {
    const at = new Date(d);
    const total = at.getUTCFullYear() * 12 + at.getUTCMonth() + months;
    const year = Math.floor(total / 12);
    const month = total - year * 12;
    if (year >= 1000 && year <= 9999) {
      const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
      return isoDay(Date.UTC(year, month, Math.min(at.getUTCDate(), last)));
    }
  }
  return dayjs.utc(date).add(months, "month").format("YYYY-MM-DD");
}

export const addYears = (date: string, years: number) => addMonths(date, years * 12);

/** The last day of a validity of `years` starting on `from`: 2026-03-10 + 5 years → 2031-03-09. */
export function validUntilOf(from: string, years: number): string {
  return addDays(addYears(from, years), -1);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const a = utcDay(from);
  const b = utcDay(to);
  if (Number.isFinite(a) && Number.isFinite(b)) return Math.round((b - a) / DAY_MS);
  return dayjs.utc(to).diff(dayjs.utc(from), "day");
}

/** 2026-03-10 → 2026年3月10日 */
export function chineseDate(date: string): string {
  const d = dayjs.utc(date);
  return `${d.year()}年${d.month() + 1}月${d.date()}日`;
}

const WEEKDAY_NAMES = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];
/** 2026-10-10 → 星期六 */
export function weekdayName(date: string): string {
  return WEEKDAY_NAMES[dayOfWeek(date)];
}

/** 0 Sunday … 6 Saturday. */
function dayOfWeek(date: string): number {
  const d = utcDay(date);
  return Number.isFinite(d) ? new Date(d).getUTCDay() : dayjs.utc(date).day();
}

/** A day the official calendar treats specially: a statutory day off, or a weekend worked in exchange (调休). */
export type SpecialDay = { date: string; kind: "holiday" | "workday"; name: string };

export type WorkingCalendar = {
  isWorkingDay: (date: string) => boolean;
  /** The special day's entry, when the calendar lists one. */
  special?: (date: string) => SpecialDay | undefined;
  /** Years (YYYY) whose official days are in the calendar; other years fall back to Monday–Friday. */
  coveredYears?: () => number[];
};

const isWeekend = (date: string) => {
  const dow = dayOfWeek(date);
  return dow === 0 || dow === 6;
};

/** Monday to Friday, no holidays: the fallback for years whose notice is not in the calendar yet. */
export const weekdayCalendar: WorkingCalendar = { isWorkingDay: (date) => !isWeekend(date) };

/** The official calendar from its special days. */
export function officialCalendar(days: Iterable<SpecialDay>): WorkingCalendar {
  const byDate = new Map<string, SpecialDay>();
  const years = new Set<number>();
  for (const d of days) {
    byDate.set(d.date, d);
    years.add(Number(d.date.slice(0, 4)));
  }
  return {
    isWorkingDay: (date) => {
      const s = byDate.get(date);
      if (s) return s.kind === "workday";
      return !isWeekend(date);
    },
    special: (date) => byDate.get(date),
    coveredYears: () => [...years].sort((a, b) => a - b),
  };
}

/** The `n`-th working day after `from` (n ≥ 1; `from` itself does not count). */
export function addWorkingDays(from: string, n: number, cal: WorkingCalendar): string {
  let day = from;
  for (let counted = 0, guard = 0; counted < n; guard++) {
    if (guard > 3660) throw new Error("工作日历无法计算：十年内工作日不足");
    day = addDays(day, 1);
    if (cal.isWorkingDay(day)) counted++;
  }
  return day;
}

/** Working days in (from, to]: how many working days have passed from `from` to `to`. */
export function workingDaysBetween(from: string, to: string, cal: WorkingCalendar): number {
  let count = 0;
  for (let day = from, guard = 0; day < to && guard < 3660; guard++) {
    day = addDays(day, 1);
    if (cal.isWorkingDay(day)) count++;
  }
  return count;
}

/**
 * A window of `days` working days beginning no earlier than `from` (e.g. a 公示期): it starts on the first
 * working day on or after `from` and ends on the last of the `days` working days, both inclusive.
 */
export function noticeWindow(from: string, days: number, cal: WorkingCalendar) {
  let start = from;
  for (let guard = 0; !cal.isWorkingDay(start); guard++) {
    if (guard > 366) throw new Error("一年内没有工作日，请检查工作日历");
    start = addDays(start, 1);
  }
  const end = days <= 1 ? start : addWorkingDays(start, days - 1, cal);
  return { startsOn: start, endsOn: end };
}
