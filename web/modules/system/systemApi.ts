import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { calendarYear, workingDayResult } from "../../../contracts/system";
import { api } from "../../app/api";

export type CalendarYearView = z.infer<typeof calendarYear>;
export type WorkingDayView = z.infer<typeof workingDayResult>;

/** Query keys of 系统设置. */
export const systemKeys = {
  calendar: (year: number) => ["system", "calendar", year] as const,
  calendarAll: ["system", "calendar"] as const,
  dicts: ["system", "dicts"] as const,
  settings: ["system", "settings"] as const,
  jobs: ["system", "jobs"] as const,
  dictTypes: ["system", "dicts", "types"] as const,
  dict: (type: string) => ["system", "dicts", "entries", type] as const,
};

export function useCalendarYear(year: number) {
  return useQuery({
    queryKey: systemKeys.calendar(year),
    queryFn: () => api.get<CalendarYearView>("/api/system/calendar", { year }),
  });
}
