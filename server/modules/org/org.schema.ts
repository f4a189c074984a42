import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { tsvector } from "../../core/search.js";

/** GB/T 2260 administrative divisions: 2/4/6/9/12-digit codes, levels 1 (province) to 5 (village). */
export const regions = pgTable(
  "regions",
  {
    code: text("code").primaryKey(),
    name: text("name").notNull(),
    level: smallint("level").notNull(),
    parentCode: text("parent_code"),
    /** Full name from the province down, for search results and display. */
    fullName: text("full_name").notNull(),
  },
  (t) => [index("regions_parent_idx").on(t.parentCode, t.code)],
);

export const orgs = pgTable(
  "orgs",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    name: text("name").notNull(),
    shortName: text("short_name"),
    /** 蒙古文名称: optional, "" when none; the portal's 示范单位 directory shows it to visitors who chose Mongolian. */
    nameMn: text("name_mn").notNull().default(""),
    type: text("type").notNull(),
    regionCode: text("region_code")
      .notNull()
      .references(() => regions.code),
    parentId: uuid("parent_id"),
    uscc: text("uscc"),
    isEthnicAffairsDept: boolean("is_ethnic_affairs_dept").notNull().default(false),
    isMemberUnit: boolean("is_member_unit").notNull().default(false),
    address: text("address"),
    contactPhone: text("contact_phone"),
    status: text("status", { enum: ["active", "disabled"] })
      .notNull()
      .default("active"),
    sort: integer("sort").notNull().default(0),
    /** 名称、简称 for full-text search (core/search.ts), written by every writer of those columns. */
    search: tsvector("search"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // "本级及下级" is a range on region_code (core/access.ts); this index serves it in the list's default order.
    index("orgs_region_sort_idx").on(t.regionCode, t.sort, t.name),
    index("orgs_parent_idx").on(t.parentId),
    uniqueIndex("orgs_uscc_uq").on(t.uscc),
    uniqueIndex("orgs_region_name_uq").on(t.regionCode, t.name),
    index("orgs_search_idx").using("gin", t.search),
  ],
);

/**
 * The usual short forms of organization names as documents write them ("民委" → "民族事务委员会", "统战部" →
 * "统一战线工作部"): one row per abbreviation and full form (an abbreviation may stand for several, e.g. 文旅局 →
 * 文化和旅游局 / 文化旅游体育局). The full form is the name without its region ("通辽市…") and without "中共". The
 * plan import's unit resolver reads them together with the level words (市/旗/县 …). Seeded by the migration
 * that created the table (so a row an administrator deletes stays deleted); edited by administrators.
 */
export const orgNameAbbreviations = pgTable(
  "org_name_abbreviations",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    abbreviation: text("abbreviation").notNull(),
    fullForm: text("full_form").notNull(),
    note: text("note"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("org_name_abbreviations_uq").on(t.abbreviation, t.fullForm)],
);
