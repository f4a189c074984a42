import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The official working-day calendar: the days that differ from Monday–Friday — statutory days off on
 * weekdays (holiday) and weekends worked in exchange (workday, 调休). Seeded from the `chinese-days`
 * package; administrators add next year's days when the State Council's notice comes out.
 */
export const workCalendar = pgTable("work_calendar", {
  date: text("date").primaryKey(),
  kind: text("kind", { enum: ["holiday", "workday"] }).notNull(),
  name: text("name").notNull(),
  /** official: from the package; manual: entered or changed by an administrator (never overwritten by a seed). */
  source: text("source", { enum: ["official", "manual"] }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
