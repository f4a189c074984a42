/**
 * Calendar arithmetic of 示范创建, in Beijing time (Asia/Shanghai, UTC+8 all year, no daylight saving):
 * "today", whole-year and whole-month steps on YYYY-MM-DD dates, and working days for 公示期.
 *
 * Working days are Monday to Friday by default. Statutory holidays and 调休 working weekends change every
 * year by State Council notice, so the calendar is pluggable: `setWorkingCalendar` installs one that knows
 * them (e.g. read from a dictionary), and every notice computes its window through it.
 */

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** The date in Beijing of an instant, as YYYY-MM-DD. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Beijing date begins. */
export function shanghaiStartOf(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - SHANGHAI_OFFSET_MS);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Adds whole months; a day that does not exist in the target month becomes its last day (08-31 + 6 months → 02-28/29). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const total = y * 12 + (m - 1) + months;
  const ty = Math.floor(total / 12);
  const tm = total % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return `${String(ty).padStart(4, "0")}-${String(tm + 1).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

export const addYears = (date: string, years: number) => addMonths(date, years * 12);

/** The last day of a validity of `years` starting on `from`: 2026-03-10 + 5 years → 2031-03-09. */
export function validUntilOf(from: string, years: number): string {
  return addDays(addYears(from, years), -1);
}

/** 2026-03-10 → 2026年3月10日 */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

export type WorkingCalendar = { isWorkingDay: (date: string) => boolean };

/** Monday to Friday. */
export const weekdayCalendar: WorkingCalendar = {
  isWorkingDay: (date) => {
    const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
    return dow !== 0 && dow !== 6;
  },
};

let calendar: WorkingCalendar = weekdayCalendar;

/** Installs the working-day calendar used for notice windows (holidays, 调休). */
export function setWorkingCalendar(next: WorkingCalendar) {
  calendar = next;
}

export function workingCalendar(): WorkingCalendar {
  return calendar;
}

/**
 * A 公示期 of `days` working days beginning no earlier than `from`: it starts on the first working day on
 * or after `from` and ends on the last of the `days` working days, both inclusive.
 */
export function noticeWindow(from: string, days: number, cal: WorkingCalendar = calendar) {
  let start = from;
  for (let guard = 0; !cal.isWorkingDay(start); guard++) {
    if (guard > 366) throw new Error("一年内没有工作日，请检查工作日历");
    start = addDays(start, 1);
  }
  let end = start;
  for (let counted = 1, guard = 0; counted < days; guard++) {
    if (guard > 3660) throw new Error("工作日历无法计算公示期");
    end = addDays(end, 1);
    if (cal.isWorkingDay(end)) counted++;
  }
  return { startsOn: start, endsOn: end };
}
