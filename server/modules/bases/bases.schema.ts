import { sql } from "drizzle-orm";
import {
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import {
  BASE_STATUSES,
  BOOKING_STATUSES,
  PAGE_STATUSES,
  type PageContent,
  REPORT_STATUSES,
} from "../../../contracts/bases.js";
import { tsvector } from "../../core/search.js";

/*
 * 教育基地 (PRODUCT §2.8). Every table carries the base's region_code and its operating org (org_id) for scope
 * filters; the public portal reads published pages, sessions and its own booking by code only.
 */
const ts = (name: string) => timestamp(name, { withTimezone: true });
const day = (name: string) => date(name, { mode: "string" });
const created = () => ts("created_at").notNull().defaultNow();
const updated = () => ts("updated_at").notNull().defaultNow();

/** The registry: one named base, its term and 复核, and who runs and supervises it. */
export const bases = pgTable(
  "bases",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    name: text("name").notNull(),
    /** Code of the `base_kind` dictionary. */
    kind: text("kind").notNull(),
    level: text("level", { enum: ["national", "region", "city", "county"] }).notNull(),
    /** The operating organization: its users are the base's staff. */
    orgId: uuid("org_id").notNull(),
    supervisingOrgId: uuid("supervising_org_id").notNull(),
    regionCode: text("region_code").notNull(),
    address: text("address"),
    lat: doublePrecision("lat"),
    lng: doublePrecision("lng"),
    namedOn: day("named_on").notNull(),
    namedBy: text("named_by"),
    termYears: integer("term_years").notNull().default(3),
    termEndsOn: day("term_ends_on").notNull(),
    status: text("status", { enum: BASE_STATUSES }).notNull().default("active"),
    revokeReason: text("revoke_reason"),
    openingHours: text("opening_hours"),
    closedDays: text("closed_days"),
    contactPhoneEnc: text("contact_phone_enc"),
    photoIds: uuid("photo_ids").array().notNull().default(sql`'{}'::uuid[]`),
    documentIds: uuid("document_ids").array().notNull().default(sql`'{}'::uuid[]`),
    description: text("description"),
    /** The version number of the page the public sees (null: none published). */
    publishedVersion: integer("published_version"),
    search: tsvector("search"),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    index("bases_region_idx").on(t.regionCode, t.name),
    index("bases_org_idx").on(t.orgId),
    index("bases_term_idx").on(t.status, t.termEndsOn),
    index("bases_search_idx").using("gin", t.search),
  ],
);

/** 数字教育基地 page versions: drafts edited by the base, reviewed by the supervising department; every published one kept. */
export const basePages = pgTable(
  "base_pages",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    baseId: uuid("base_id")
      .notNull()
      .references(() => bases.id),
    version: integer("version").notNull(),
    status: text("status", { enum: PAGE_STATUSES }).notNull().default("draft"),
    content: jsonb("content").$type<PageContent>().notNull(),
    returnReason: text("return_reason"),
    submittedAt: ts("submitted_at"),
    publishedAt: ts("published_at"),
    publishedBy: uuid("published_by"),
    regionCode: text("region_code").notNull(),
    orgId: uuid("org_id").notNull(),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    uniqueIndex("base_pages_version_uq").on(t.baseId, t.version),
    index("base_pages_status_idx").on(t.status, t.regionCode),
  ],
);

/** A visiting session: date, time and capacity in people; `booked` counts the seats held by live bookings. */
export const baseSessions = pgTable(
  "base_sessions",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    baseId: uuid("base_id")
      .notNull()
      .references(() => bases.id),
    date: day("date").notNull(),
    startTime: text("start_time").notNull(),
    endTime: text("end_time").notNull(),
    capacity: integer("capacity").notNull(),
    booked: integer("booked").notNull().default(0),
    maxPerGroup: integer("max_per_group").notNull(),
    opensAt: ts("opens_at").notNull(),
    closesAt: ts("closes_at").notNull(),
    note: text("note"),
    regionCode: text("region_code").notNull(),
    orgId: uuid("org_id").notNull(),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    index("base_sessions_base_date_idx").on(t.baseId, t.date),
    check("base_sessions_capacity_ck", sql`${t.booked} >= 0 AND ${t.booked} <= ${t.capacity}`),
  ],
);

/** A group booking; the contact's name and phone are SM4-encrypted, the phone also kept as a blind index. */
export const baseBookings = pgTable(
  "base_bookings",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => baseSessions.id),
    baseId: uuid("base_id").notNull(),
    sessionDate: day("session_date").notNull(),
    bookerOrgName: text("booker_org_name").notNull(),
    groupSize: integer("group_size").notNull(),
    contactNameEnc: text("contact_name_enc").notNull(),
    contactPhoneEnc: text("contact_phone_enc").notNull(),
    contactPhoneIdx: text("contact_phone_idx").notNull(),
    trackingCode: text("tracking_code").notNull(),
    status: text("status", { enum: BOOKING_STATUSES }).notNull().default("pending"),
    reason: text("reason"),
    note: text("note"),
    actualCount: integer("actual_count"),
    checkedInAt: ts("checked_in_at"),
    remindedAt: ts("reminded_at"),
    regionCode: text("region_code").notNull(),
    orgId: uuid("org_id").notNull(),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    uniqueIndex("base_bookings_tracking_uq").on(t.trackingCode),
    index("base_bookings_session_idx").on(t.sessionId, t.status),
    index("base_bookings_base_date_idx").on(t.baseId, t.sessionDate),
    index("base_bookings_phone_idx").on(t.contactPhoneIdx),
  ],
);

/** Walk-in visitors of one day. */
export const baseWalkIns = pgTable(
  "base_walk_ins",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    baseId: uuid("base_id")
      .notNull()
      .references(() => bases.id),
    date: day("date").notNull(),
    count: integer("count").notNull(),
    regionCode: text("region_code").notNull(),
    orgId: uuid("org_id").notNull(),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [uniqueIndex("base_walk_ins_day_uq").on(t.baseId, t.date)],
);

/** 参观人数 monthly report: prefilled from check-ins and walk-ins, confirmed by the base, accepted above. */
export const baseReports = pgTable(
  "base_reports",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    baseId: uuid("base_id")
      .notNull()
      .references(() => bases.id),
    /** YYYY-MM */
    month: text("month").notNull(),
    groupVisitors: integer("group_visitors").notNull().default(0),
    groupCount: integer("group_count").notNull().default(0),
    walkInVisitors: integer("walk_in_visitors").notNull().default(0),
    total: integer("total").notNull().default(0),
    status: text("status", { enum: REPORT_STATUSES }).notNull().default("pending"),
    dueOn: day("due_on").notNull(),
    confirmedAt: ts("confirmed_at"),
    acceptedAt: ts("accepted_at"),
    regionCode: text("region_code").notNull(),
    orgId: uuid("org_id").notNull(),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    uniqueIndex("base_reports_month_uq").on(t.baseId, t.month),
    index("base_reports_region_month_idx").on(t.regionCode, t.month),
    // The statistics read a year's accepted reports with their base and total from this index alone.
    index("base_reports_stats_idx").on(t.month, t.status, t.baseId, t.total),
  ],
);
