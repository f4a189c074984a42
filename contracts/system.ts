import { z } from "zod";
import { safeText } from "./common.js";

/** A YYYY-MM-DD date that exists. */
export const calendarDate = z.iso.date({ message: "应为有效日期（YYYY-MM-DD）" });

export const specialDayKind = z.enum(["holiday", "workday"]);
export const SPECIAL_DAY_KIND_LABELS: Record<z.infer<typeof specialDayKind>, string> = {
  holiday: "放假",
  workday: "调休上班",
};
export const CALENDAR_SOURCE_LABELS: Record<"official" | "manual", string> = {
  official: "国务院通知（内置）",
  manual: "管理员录入",
};

export const specialDay = z.object({
  date: calendarDate,
  kind: specialDayKind,
  name: z.string(),
  source: z.enum(["official", "manual"]),
  weekday: z.string(),
  updatedAt: z.string(),
});
export type SpecialDayRow = z.infer<typeof specialDay>;

export const calendarQuery = z.object({
  year: z.coerce.number().int().min(2000, { message: "年份应在 2000–2100 之间" }).max(2100, {
    message: "年份应在 2000–2100 之间",
  }),
});

export const calendarYear = z.object({
  year: z.number().int(),
  /** The year's official days are in the calendar (at least one holiday listed). */
  covered: z.boolean(),
  coveredYears: z.array(z.number().int()),
  workingDays: z.number().int(),
  days: z.array(specialDay),
});

export const specialDayUpsert = z.strictObject({
  kind: specialDayKind,
  name: safeText(30),
});
export const calendarDateParams = z.object({ date: calendarDate });

export const workingDayQuery = z.object({
  from: calendarDate,
  days: z.coerce.number().int().min(1, { message: "应为 1–365 的整数" }).max(365, { message: "应为 1–365 的整数" }),
});
export const workingDayResult = z.object({
  from: z.string(),
  days: z.number().int(),
  /** The `days`-th working day after `from`. */
  date: z.string(),
  /** A 公示 window of `days` working days starting on or after `from`. */
  window: z.object({ startsOn: z.string(), endsOn: z.string() }),
  skipped: z.array(specialDay.pick({ date: true, kind: true, name: true })),
});
