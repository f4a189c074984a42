import dayjs from "dayjs";
import utc from "dayjs/plugin/utc.js";
import { describe, expect, it } from "vitest";
import { packageSpecialDays } from "../server/modules/system/calendar.service.js";
import {
  addDays,
  addMonths,
  addWorkingDays,
  beijingDate,
  beijingStartOf,
  daysBetween,
  endOfBeijingDay,
  noticeWindow,
  officialCalendar,
  validUntilOf,
  weekdayCalendar,
  workingDaysBetween,
} from "./dates.js";

const official = officialCalendar(packageSpecialDays());

describe("Beijing dates", () => {
  it("takes the date in Beijing, not in UTC", () => {
    expect(beijingDate(new Date("2026-03-01T15:59:59Z"))).toBe("2026-03-01");
    expect(beijingDate(new Date("2026-03-01T16:00:00Z"))).toBe("2026-03-02");
    expect(beijingStartOf("2026-03-02").toISOString()).toBe("2026-03-01T16:00:00.000Z");
    expect(endOfBeijingDay("2026-12-31").toISOString()).toBe("2026-12-31T16:00:00.000Z");
  });

  it("steps months and years to the last day of a shorter month", () => {
    expect(addMonths("2026-08-31", 6)).toBe("2027-02-28");
    expect(addMonths("2027-08-31", 6)).toBe("2028-02-29");
    expect(validUntilOf("2024-02-29", 5)).toBe("2029-02-27");
  });
});

describe("date arithmetic without dayjs gives what dayjs gives", () => {
  dayjs.extend(utc);
  it("agrees on 20,000 random dates and steps from 1990 to 2050, and on impossible and malformed input", () => {
    let seed = 20261204;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 20_000; i++) {
      const t = Date.UTC(1990, 0, 1) + Math.floor(rand() * 60 * 365 * 86_400_000);
      const d = new Date(t).toISOString().slice(0, 10);
      const n = Math.floor(rand() * 800) - 400;
      const e = dayjs.utc(d);
      expect(addDays(d, n)).toBe(e.add(n, "day").format("YYYY-MM-DD"));
      expect(addMonths(d, n)).toBe(e.add(n, "month").format("YYYY-MM-DD"));
      expect(daysBetween(d, addDays(d, n))).toBe(n);
      expect(beijingDate(t)).toBe(dayjs(t).utcOffset(480).format("YYYY-MM-DD"));
      expect(beijingStartOf(d).getTime()).toBe(e.subtract(480, "minute").valueOf());
    }
    for (const odd of ["2026-02-30", "2026-13-01", "2026-2-3", "not a date"]) {
      expect(addDays(odd, 1)).toBe(dayjs.utc(odd).add(1, "day").format("YYYY-MM-DD"));
      expect(addMonths(odd, 1)).toBe(dayjs.utc(odd).add(1, "month").format("YYYY-MM-DD"));
    }
    expect(beijingDate(new Date(Number.NaN))).toBe("Invalid Date");
  });
});

describe("the official working-day calendar", () => {
  it("skips 国庆 and counts the 调休 Saturday: the 5th working day after 2026-09-29 is 2026-10-12", () => {
    expect(addWorkingDays("2026-09-29", 5, official)).toBe("2026-10-12");
    // Monday to Friday alone would have said 2026-10-06, in the middle of the holiday.
    expect(addWorkingDays("2026-09-29", 5, weekdayCalendar)).toBe("2026-10-06");
    expect(official.isWorkingDay("2026-10-10")).toBe(true); // Saturday, worked in exchange
    expect(official.isWorkingDay("2026-10-05")).toBe(false); // Monday, 国庆节
  });

  it("skips 春节: a 5-working-day 公示 published on 2026-02-12 ends after the holiday", () => {
    // 2026 春节: 02-15 … 02-23 off; Saturday 02-14 and Saturday 02-28 are worked.
    const w = noticeWindow("2026-02-12", 5, official);
    expect(w.startsOn).toBe("2026-02-12");
    // 12 (Thu), 13 (Fri), 14 (Sat, 调休), 24 (Tue), 25 (Wed).
    expect(w.endsOn).toBe("2026-02-25");
    expect(noticeWindow("2026-02-12", 5, weekdayCalendar).endsOn).toBe("2026-02-18");
  });

  it("a window published on a holiday starts on the first working day after it", () => {
    expect(noticeWindow("2026-10-01", 3, official)).toEqual({ startsOn: "2026-10-08", endsOn: "2026-10-10" });
  });

  it("counts the working days between two dates", () => {
    expect(workingDaysBetween("2026-09-30", "2026-10-12", official)).toBe(4);
    expect(workingDaysBetween("2026-10-12", "2026-10-12", official)).toBe(0);
  });

  it("falls back to Monday–Friday for a year the calendar does not list", () => {
    const cal = officialCalendar([{ date: "2026-10-01", kind: "holiday", name: "国庆节" }]);
    expect(cal.coveredYears?.()).toEqual([2026]);
    expect(cal.isWorkingDay("2099-10-01")).toBe(true); // a Thursday
    expect(cal.isWorkingDay("2099-10-03")).toBe(false); // a Saturday
  });
});
