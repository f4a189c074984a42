/**
 * The official working-day calendar (工作日历): every working-day computation of the platform — 公示 windows,
 * stage deadlines, reminders, time limits — asks `getWorkingCalendar(db)`.
 *
 * The days come from the `chinese-days` package (the State Council's 放假 and 调休 notices, kept current by
 * its maintainers) and from administrators, who add next year's days when the notice comes out, before the
 * package has them. A manual entry is never overwritten by the package.
 */
import { createRequire } from "node:module";
import { asc, eq, like, sql } from "drizzle-orm";
import {
  addDays,
  addWorkingDays,
  noticeWindow,
  officialCalendar,
  type SpecialDay,
  type WorkingCalendar,
  weekdayName,
  workingDaysBetween,
} from "../../../contracts/dates.js";
import type { SpecialDayRow } from "../../../contracts/system.js";
import type { Ctx } from "../../core/context.js";
import { settings } from "../../core/core.schema.js";
import { errors } from "../../core/errors.js";
import type { Db, Queryable } from "../../db/client.js";
import { diff, recordAudit } from "../audit/index.js";
import { workCalendar } from "./system.schema.js";

const require = createRequire(import.meta.url);

type PackageData = { holidays: Record<string, string>; workdays: Record<string, string> };

/** "National Day,国庆节,3" → "国庆节" */
function chineseName(value: string): string {
  const parts = value.split(",");
  return (parts[1] ?? parts[0] ?? "").trim() || "节假日";
}

/** The package's special days: every statutory day off and every 调休 working weekend it lists. */
export function packageSpecialDays(): SpecialDay[] {
  const data = require("chinese-days/dist/chinese-days.json") as PackageData;
  const out: SpecialDay[] = [];
  for (const [date, v] of Object.entries(data.holidays)) out.push({ date, kind: "holiday", name: chineseName(v) });
  for (const [date, v] of Object.entries(data.workdays)) {
    out.push({ date, kind: "workday", name: `${chineseName(v)}调休上班` });
  }
  return out;
}

const SEED_KEY = "work_calendar_seed";

/** Loads the package's days once per package version (idempotent; manual rows are kept). */
export async function seedWorkCalendar(db: Db): Promise<number> {
  const version = (require("chinese-days/package.json") as { version: string }).version;
  const [marker] = await db.select().from(settings).where(eq(settings.key, SEED_KEY));
  if (marker?.value === version) return 0;
  const rows = packageSpecialDays().map((d) => ({ ...d, source: "official" as const }));
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 1000) {
      await tx
        .insert(workCalendar)
        .values(rows.slice(i, i + 1000))
        .onConflictDoUpdate({
          target: workCalendar.date,
          set: { kind: sql`excluded.kind`, name: sql`excluded.name`, updatedAt: sql`now()` },
          where: sql`${workCalendar.source} = 'official'`,
        });
    }
    await tx
      .insert(settings)
      .values({ key: SEED_KEY, value: version })
      .onConflictDoUpdate({ target: settings.key, set: { value: version, updatedAt: sql`now()` } });
  });
  forget(db);
  return rows.length;
}

/**
 * Read by every working-day computation: cached per database for a minute, so a change made on another
 * instance takes effect everywhere within that time (at once on the instance that made it).
 */
const CACHE_MS = 60_000;
const cache = new WeakMap<object, { cal: WorkingCalendar; at: number }>();
const forget = (db: object) => cache.delete(db);

export async function getWorkingCalendar(db: Queryable): Promise<WorkingCalendar> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.cal;
  const rows = await db.select().from(workCalendar);
  const cal = officialCalendar(rows.map((r) => ({ date: r.date, kind: r.kind, name: r.name })));
  cache.set(db, { cal, at: Date.now() });
  return cal;
}

const toRow = (r: typeof workCalendar.$inferSelect): SpecialDayRow => ({
  date: r.date,
  kind: r.kind,
  name: r.name,
  source: r.source,
  weekday: weekdayName(r.date),
  updatedAt: r.updatedAt.toISOString(),
});

export async function calendarYear(db: Db, year: number) {
  const rows = await db
    .select()
    .from(workCalendar)
    .where(like(workCalendar.date, `${year}-%`))
    .orderBy(asc(workCalendar.date));
  const cal = await getWorkingCalendar(db);
  const workingDays = countWorkingDays(year, cal);
  return {
    year,
    covered: rows.some((r) => r.kind === "holiday"),
    coveredYears: cal.coveredYears?.() ?? [],
    workingDays,
    days: rows.map(toRow),
  };
}

/** Working days in the year: those in (Dec 31 of the year before, Dec 31]. */
const countWorkingDays = (year: number, cal: WorkingCalendar) =>
  workingDaysBetween(`${year - 1}-12-31`, `${year}-12-31`, cal);

/** Adds or changes one day (the administrator's entry wins over the package's from then on). */
export async function upsertSpecialDay(ctx: Ctx, date: string, input: { kind: "holiday" | "workday"; name: string }) {
  const row = await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(workCalendar).where(eq(workCalendar.date, date));
    const [after] = await tx
      .insert(workCalendar)
      .values({ date, kind: input.kind, name: input.name, source: "manual" })
      .onConflictDoUpdate({
        target: workCalendar.date,
        set: { kind: input.kind, name: input.name, source: "manual", updatedAt: sql`now()` },
      })
      .returning();
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: before ? "calendar.day_update" : "calendar.day_create",
      entity: "calendar_day",
      entityId: date,
      summary: `${before ? "修改" : "新增"}工作日历 ${date}（${input.kind === "holiday" ? "放假" : "调休上班"}：${input.name}）`,
      changes: diff(before ? { kind: before.kind, name: before.name, source: before.source } : {}, {
        kind: after.kind,
        name: after.name,
        source: after.source,
      }),
    });
    return after;
  });
  forget(ctx.db);
  return toRow(row);
}

/**
 * Removes a day entered by an administrator: the date is an ordinary day again (a weekday works, a weekend
 * rests). The package's days cannot be removed, only changed, so a seed never brings a deleted day back.
 */
export async function deleteSpecialDay(ctx: Ctx, date: string) {
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(workCalendar).where(eq(workCalendar.date, date));
    if (!before) throw errors.notFound("calendar_day");
    if (before.source !== "manual") throw errors.conflict("CALENDAR_OFFICIAL_DAY", "system.calendar_official_day");
    await tx.delete(workCalendar).where(eq(workCalendar.date, date));
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "calendar.day_delete",
      entity: "calendar_day",
      entityId: date,
      summary: `删除工作日历 ${date}（${before.name}）`,
      changes: diff({ kind: before.kind, name: before.name }, {}),
    });
  });
  forget(ctx.db);
}

/** The `days`-th working day after `from`, the 公示 window of that length, and the special days skipped. */
export async function workingDayQuery(db: Db, from: string, days: number) {
  const cal = await getWorkingCalendar(db);
  const date = addWorkingDays(from, days, cal);
  const window = noticeWindow(from, days, cal);
  const skipped: { date: string; kind: "holiday" | "workday"; name: string }[] = [];
  const end = [date, window.endsOn].sort()[1];
  for (let d = from; d <= end; d = addDays(d, 1)) {
    const s = cal.special?.(d);
    if (s) skipped.push({ date: s.date, kind: s.kind, name: s.name });
  }
  return { from, days, date, window, skipped };
}
