import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

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

/**
 * 地图数据: licensed boundary files loaded by the system administrator, one per level of the division tree
 * (省级/盟市/旗县/苏木乡镇), each with its 审图号 and source; replacing a level's file replaces its row.
 */
export const regionMaps = pgTable("region_maps", {
  id: uuid("id").primaryKey().defaultRandom(),
  level: text("level", { enum: ["province", "city", "county", "town"] })
    .notNull()
    .unique(),
  codeProperty: text("code_property").notNull(),
  approvalNo: text("approval_no").notNull(),
  source: text("source").notNull(),
  fileName: text("file_name").notNull(),
  featureCount: integer("feature_count").notNull(),
  bytes: integer("bytes").notNull(),
  uploadedBy: uuid("uploaded_by"),
  uploadedByName: text("uploaded_by_name").notNull(),
  uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One region's boundary of a loaded map: the validated geometry (Polygon/MultiPolygon, two-dimensional positions)
 * as JSON text, served as it is; read by the parent region (the dashboard draws one level's lower regions).
 */
export const regionMapFeatures = pgTable(
  "region_map_features",
  {
    mapId: uuid("map_id")
      .notNull()
      .references(() => regionMaps.id, { onDelete: "cascade" }),
    regionCode: text("region_code").notNull(),
    parentCode: text("parent_code").notNull(),
    geometry: text("geometry").notNull(),
  },
  (t) => [primaryKey({ columns: [t.mapId, t.regionCode] }), index("region_map_features_parent_idx").on(t.parentCode)],
);
