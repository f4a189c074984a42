import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { tsvector } from "../../core/search.js";

/**
 * 活动 (PRODUCT §2.10): records of 宣传教育 and 交往交流交融 activities, entered once by the organizer and reused
 * as evidence. A record is placed by its region (the place, `region_code`) for region scopes and by its organizer
 * (`org_id`) and co-organizers for unit scopes. Participants are counts by group only, never people, never by
 * ethnicity. Types, domains and groups are dictionary codes (activity_type, activity_domain,
 * activity_participant_group).
 */
export const activityRecords = pgTable(
  "activity_records",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    typeCode: text("type_code").notNull(),
    domainCode: text("domain_code").notNull(),
    title: text("title").notNull(),
    startDate: date("start_date", { mode: "string" }).notNull(),
    endDate: date("end_date", { mode: "string" }).notNull(),
    regionCode: text("region_code").notNull(),
    address: text("address"),
    orgId: uuid("org_id").notNull(),
    coOrgIds: uuid("co_org_ids").array().notNull().default(sql`'{}'::uuid[]`),
    /** group code → count (活动参与人数, by group only). */
    participants: jsonb("participants").$type<Record<string, number>>().notNull().default({}),
    participantTotal: integer("participant_total").notNull().default(0),
    summary: text("summary"),
    photoIds: uuid("photo_ids").array().notNull().default(sql`'{}'::uuid[]`),
    fileIds: uuid("file_ids").array().notNull().default(sql`'{}'::uuid[]`),
    mediaLinks: jsonb("media_links").$type<{ title: string; url: string }[]>().notNull().default([]),
    planNodeId: uuid("plan_node_id"),
    /** The pair (结对) this activity is a visit of. */
    pairId: uuid("pair_id"),
    isPublic: boolean("is_public").notNull().default(false),
    status: text("status", { enum: ["draft", "submitted", "confirmed", "returned"] })
      .notNull()
      .default("draft"),
    returnReason: text("return_reason"),
    confirmedBy: uuid("confirmed_by"),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    revision: integer("revision").notNull().default(0),
    /** 标题、摘要、地点 for full-text search. */
    search: tsvector("search"),
    createdBy: uuid("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("activity_records_region_idx").on(t.regionCode, t.startDate),
    // A unit's own list: its page and its count read this index alone (it holds every column the visibility
    // filter reads), not 4,000 rows of the table (count 1.2 ms against 20–140 ms on a copy of the bench's shape).
    index("activity_records_org_list_idx").on(t.orgId, t.startDate.desc(), t.id, t.status, t.regionCode, t.coOrgIds),
    index("activity_records_status_date_idx").on(t.status, t.startDate),
    index("activity_records_pair_idx").on(t.pairId, t.startDate),
    index("activity_records_search_idx").using("gin", t.search),
  ],
);

/** The previous content of a record, kept at every correction (never a silent overwrite). */
export const activityRevisions = pgTable(
  "activity_revisions",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    activityId: uuid("activity_id").notNull(),
    revision: integer("revision").notNull(),
    content: jsonb("content").$type<Record<string, unknown>>().notNull(),
    reason: text("reason"),
    changedBy: uuid("changed_by").notNull(),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("activity_revisions_uq").on(t.activityId, t.revision)],
);

/**
 * The photos a record references, with their content hash (the material's SM3) and EXIF capture time, for the
 * integrity flags: the same picture in another unit's record, or taken far from the activity's date.
 */
export const activityPhotos = pgTable(
  "activity_photos",
  {
    activityId: uuid("activity_id").notNull(),
    materialId: uuid("material_id").notNull(),
    fileHash: text("file_hash").notNull(),
    takenAt: timestamp("taken_at", { withTimezone: true }),
    orgId: uuid("org_id").notNull(),
    /** 64-bit difference hash of the picture (null: not an image sharp decodes, or too plain to compare). */
    phash: bigint("phash", { mode: "bigint" }),
    /** The hash cut into six bands, each tagged with its position: a near copy shares at least one (see photo-integrity). */
    phashBands: integer("phash_bands").array(),
  },
  (t) => [
    uniqueIndex("activity_photos_uq").on(t.activityId, t.materialId),
    index("activity_photos_hash_idx").on(t.fileHash),
    index("activity_photos_bands_idx").using("gin", t.phashBands),
  ],
);

/**
 * Near copies found when a record's photos were written: one row per direction (a photo of `activityId` looks
 * like a photo of `otherActivityId`), so a record's flags are one index read. Rewritten with the record's prints.
 */
export const activityPhotoMatches = pgTable(
  "activity_photo_matches",
  {
    activityId: uuid("activity_id").notNull(),
    materialId: uuid("material_id").notNull(),
    otherActivityId: uuid("other_activity_id").notNull(),
    otherMaterialId: uuid("other_material_id").notNull(),
    distance: smallint("distance").notNull(),
  },
  (t) => [
    uniqueIndex("activity_photo_matches_uq").on(t.activityId, t.materialId, t.otherActivityId, t.otherMaterialId),
    index("activity_photo_matches_other_idx").on(t.otherActivityId),
  ],
);

/** 年度活动计划: a unit's (covers = org) or a region's (covers = region) planned activities for a year. */
export const activityPlans = pgTable(
  "activity_plans",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    orgId: uuid("org_id").notNull(),
    regionCode: text("region_code").notNull(),
    covers: text("covers", { enum: ["org", "region"] })
      .notNull()
      .default("org"),
    year: smallint("year").notNull(),
    title: text("title").notNull(),
    createdBy: uuid("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("activity_plans_region_idx").on(t.regionCode, t.year), index("activity_plans_org_idx").on(t.orgId)],
);

export const activityPlanLines = pgTable(
  "activity_plan_lines",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    planId: uuid("plan_id").notNull(),
    typeCode: text("type_code").notNull(),
    /** 1–12, or null for "any time in the year". */
    month: smallint("month"),
    targetCount: integer("target_count").notNull(),
    sort: integer("sort").notNull().default(0),
  },
  (t) => [index("activity_plan_lines_plan_idx").on(t.planId, t.sort)],
);

/** 学校“七个一”: a school's item (dictionary school_seven_items) of a year, checked off by an activity record. */
export const activitySchoolItems = pgTable(
  "activity_school_items",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    schoolOrgId: uuid("school_org_id").notNull(),
    regionCode: text("region_code").notNull(),
    year: smallint("year").notNull(),
    itemCode: text("item_code").notNull(),
    activityId: uuid("activity_id").notNull(),
    linkedBy: uuid("linked_by").notNull(),
    linkedAt: timestamp("linked_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("activity_school_items_uq").on(t.schoolOrgId, t.year, t.itemCode),
    index("activity_school_items_region_idx").on(t.regionCode, t.year),
  ],
);

/**
 * 结对: two sides, each a unit (org), a village (region code) or a household — the household identified only by
 * its responsible unit and a reference string, never by personal details. Visits are activity records with
 * `pair_id`. The pair belongs to the region and organization that manages it.
 */
export const activityPairs = pgTable(
  "activity_pairs",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    orgId: uuid("org_id").notNull(),
    regionCode: text("region_code").notNull(),
    aKind: text("a_kind", { enum: ["org", "village", "household"] }).notNull(),
    aOrgId: uuid("a_org_id"),
    aRegionCode: text("a_region_code"),
    aRef: text("a_ref"),
    bKind: text("b_kind", { enum: ["org", "village", "household"] }).notNull(),
    bOrgId: uuid("b_org_id"),
    bRegionCode: text("b_region_code"),
    bRef: text("b_ref"),
    startDate: date("start_date", { mode: "string" }).notNull(),
    endDate: date("end_date", { mode: "string" }),
    goals: text("goals"),
    createdBy: uuid("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("activity_pairs_region_idx").on(t.regionCode), index("activity_pairs_org_idx").on(t.orgId)],
);
