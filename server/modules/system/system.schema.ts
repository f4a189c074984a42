import { pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

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

/**
 * The interface's translations edited by administrators (the portal's strings in Mongolian): one row per locale
 * and key, overriding the shipped set (contracts/portal-i18n/mn.ts). A row with empty text and 待翻译 withdraws
 * a shipped string (the key shows in Chinese again). Keys are the portal's (contracts/portal-i18n/zh-CN.ts); a
 * row whose key the source no longer has is left over and ignored.
 */
export const uiTranslations = pgTable(
  "ui_translations",
  {
    locale: text("locale").notNull(),
    key: text("key").notNull(),
    text: text("text").notNull(),
    state: text("state", { enum: ["待翻译", "待校对", "已校对"] }).notNull(),
    updatedBy: uuid("updated_by"),
    updatedByName: text("updated_by_name").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.locale, t.key] })],
);
