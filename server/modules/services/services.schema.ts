import { sql } from "drizzle-orm";
import {
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

/**
 * 服务台 (PRODUCT §2.11): service windows, liaison officers, service requests with their referrals and history,
 * the log of every access to a person's data, consented service files and contact meetings.
 *
 * Personal data (names, phones, ID numbers, a file's needs) is stored only as SM4 ciphertext (`*_enc`, with an
 * HMAC-SM3 integrity tag); exact lookups by phone or ID number go through keyed blind indexes (`*_idx`).
 * No table has an ethnicity column.
 */
export const serviceWindows = pgTable(
  "service_windows",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    orgId: uuid("org_id").notNull(),
    regionCode: text("region_code").notNull(),
    name: text("name").notNull(),
    address: text("address").notNull(),
    hours: text("hours").notNull(),
    /** [{ userId, languages: ["汉语", "蒙古语"] }] */
    staff: jsonb("staff").$type<{ userId: string; languages: string[] }[]>().notNull().default([]),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("service_windows_region_idx").on(t.regionCode), index("service_windows_org_idx").on(t.orgId)],
);

/** 专职联络员 of a department or community: officials' work contacts, not a service recipient's data. */
export const serviceLiaisons = pgTable(
  "service_liaisons",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    orgId: uuid("org_id").notNull(),
    regionCode: text("region_code").notNull(),
    name: text("name").notNull(),
    title: text("title"),
    workPhone: text("work_phone"),
    community: text("community"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("service_liaisons_region_idx").on(t.regionCode)],
);

export const serviceRequests = pgTable(
  "service_requests",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    trackingCode: text("tracking_code").notNull().unique(),
    category: text("category").notNull(),
    channel: text("channel", { enum: ["window", "hotline", "online"] }).notNull(),
    description: text("description").notNull(),
    language: text("language").notNull(),
    windowId: uuid("window_id")
      .notNull()
      .references(() => serviceWindows.id),
    /** The receiving window's organization and region. */
    orgId: uuid("org_id").notNull(),
    regionCode: text("region_code").notNull(),
    green: boolean("green").notNull().default(false),
    legalBasis: text("legal_basis").notNull(),
    nameEnc: text("name_enc").notNull(),
    phoneEnc: text("phone_enc"),
    phoneIdx: text("phone_idx"),
    idNumberEnc: text("id_number_enc"),
    idNumberIdx: text("id_number_idx"),
    status: text("status", { enum: ["accepted", "referred", "received", "declined", "answered", "closed"] })
      .notNull()
      .default("accepted"),
    /** The department the request is with now (null while at the window). */
    deptOrgId: uuid("dept_org_id"),
    referralId: uuid("referral_id"),
    acceptDueOn: date("accept_due_on"),
    dueOn: date("due_on"),
    referredAt: timestamp("referred_at", { withTimezone: true }),
    receivedAt: timestamp("received_at", { withTimezone: true }),
    answer: text("answer"),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    /** Whether the answer came on or before the due date (null until answered; true when answered at the window). */
    answeredOnTime: boolean("answered_on_time"),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    satisfaction: text("satisfaction", { enum: ["satisfied", "basically", "dissatisfied"] }),
    partlySolved: boolean("partly_solved"),
    ratedAt: timestamp("rated_at", { withTimezone: true }),
    reopenCount: smallint("reopen_count").notNull().default(0),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("service_requests_region_idx").on(t.regionCode, t.createdAt),
    index("service_requests_window_idx").on(t.windowId, t.status),
    // A department's queue in its order (green first, nearest due date, oldest): the first page straight off the index.
    index("service_requests_dept_idx").on(
      t.deptOrgId,
      t.green.desc().nullsFirst(),
      t.dueOn.asc().nullsLast(),
      t.createdAt,
      t.id,
    ),
    index("service_requests_phone_idx").on(t.phoneIdx),
    index("service_requests_id_idx").on(t.idNumberIdx),
  ],
);

/** One row per referral (转办) of a request to a department: the clocks, the department's response, escalation. */
export const serviceReferrals = pgTable(
  "service_referrals",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    requestId: uuid("request_id")
      .notNull()
      .references(() => serviceRequests.id),
    fromOrgId: uuid("from_org_id").notNull(),
    toOrgId: uuid("to_org_id").notNull(),
    days: smallint("days").notNull(),
    referredAt: timestamp("referred_at", { withTimezone: true }).notNull(),
    acceptDueOn: date("accept_due_on").notNull(),
    dueOn: date("due_on").notNull(),
    outcome: text("outcome", { enum: ["pending", "received", "declined", "transferred", "answered"] })
      .notNull()
      .default("pending"),
    receivedAt: timestamp("received_at", { withTimezone: true }),
    respondedAt: timestamp("responded_at", { withTimezone: true }),
    declineReason: text("decline_reason"),
    declineNote: text("decline_note"),
    responsibleOrgId: uuid("responsible_org_id"),
    escalatedAt: timestamp("escalated_at", { withTimezone: true }),
    escalatedTo: jsonb("escalated_to").$type<string[]>(),
  },
  (t) => [index("service_referrals_request_idx").on(t.requestId), index("service_referrals_to_idx").on(t.toOrgId)],
);

/** The request's history (受理、转办、接收、拒收、答复、办结、重新办理、评价、督办). */
export const serviceRequestEvents = pgTable(
  "service_request_events",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    requestId: uuid("request_id")
      .notNull()
      .references(() => serviceRequests.id),
    action: text("action").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status"),
    orgId: uuid("org_id"),
    actorId: uuid("actor_id"),
    actorName: text("actor_name"),
    note: text("note"),
    data: jsonb("data").$type<Record<string, unknown>>(),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("service_request_events_request_idx").on(t.requestId, t.at)],
);

/** Every reveal of a person's field: who, when, which field, why. Shown to the person through the tracking code. */
export const serviceAccessLog = pgTable(
  "service_access_log",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    requestId: uuid("request_id"),
    fileId: uuid("file_id"),
    field: text("field", { enum: ["name", "phone", "idNumber", "needs"] }).notNull(),
    reason: text("reason").notNull(),
    userId: uuid("user_id").notNull(),
    userName: text("user_name").notNull(),
    orgId: uuid("org_id").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("service_access_request_idx").on(t.requestId), index("service_access_file_idx").on(t.fileId)],
);

/** 服务档案: exists only with recorded consent and its purpose; personal fields purged after retention. */
export const serviceFiles = pgTable(
  "service_files",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    orgId: uuid("org_id").notNull(),
    regionCode: text("region_code").notNull(),
    purpose: text("purpose").notNull(),
    consentRecord: text("consent_record").notNull(),
    consentAt: timestamp("consent_at", { withTimezone: true }).notNull(),
    legalBasis: text("legal_basis").notNull(),
    nameEnc: text("name_enc"),
    phoneEnc: text("phone_enc"),
    phoneIdx: text("phone_idx"),
    /** The needs the services require (school enrolment, job skills and work wanted …), as encrypted JSON. */
    needsEnc: text("needs_enc"),
    /** Anonymous: how many household members the file serves (kept after purge). */
    memberCount: smallint("member_count").notNull().default(1),
    status: text("status", { enum: ["active", "closed", "purged"] })
      .notNull()
      .default("active"),
    closeReason: text("close_reason", { enum: ["moved", "withdrawn"] }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    purgedAt: timestamp("purged_at", { withTimezone: true }),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("service_files_region_idx").on(t.regionCode), index("service_files_phone_idx").on(t.phoneIdx)],
);

/** 联系会议/座谈会: attendance, issues raised, follow-up items (each may become a request). */
export const serviceMeetings = pgTable(
  "service_meetings",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    orgId: uuid("org_id").notNull(),
    regionCode: text("region_code").notNull(),
    kind: text("kind", { enum: ["liaison", "forum"] }).notNull(),
    title: text("title").notNull(),
    heldOn: date("held_on").notNull(),
    attendance: integer("attendance").notNull(),
    issues: text("issues").notNull(),
    followUps: jsonb("follow_ups").$type<{ text: string; requestId: string | null }[]>().notNull().default([]),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("service_meetings_region_idx").on(t.regionCode, t.heldOn)],
);

/**
 * 服务指南 (宣传教育平台): one per service category and publishing organization. The working copy is edited;
 * 发布 copies it into `published` (what the portal, the LED screen and the printed material show) and into the
 * version history. Withdrawn guides leave the portal and keep their history.
 */
export const serviceGuides = pgTable(
  "service_guides",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    orgId: uuid("org_id").notNull(),
    regionCode: text("region_code").notNull(),
    category: text("category").notNull(),
    /** The working copy: { title, serviceItems, conditions, materials, procedure, cautions, titleMn, contentMn }. */
    content: jsonb("content").$type<Record<string, string>>().notNull(),
    published: jsonb("published").$type<Record<string, string>>(),
    status: text("status", { enum: ["draft", "published", "withdrawn"] })
      .notNull()
      .default("draft"),
    version: integer("version").notNull().default(0),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    withdrawReason: text("withdraw_reason"),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("service_guides_org_category_idx").on(t.orgId, t.category),
    index("service_guides_region_idx").on(t.regionCode, t.status),
  ],
);

/** Each published version of a guide, as it was shown. */
export const serviceGuideVersions = pgTable(
  "service_guide_versions",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    guideId: uuid("guide_id")
      .notNull()
      .references(() => serviceGuides.id),
    version: integer("version").notNull(),
    content: jsonb("content").$type<Record<string, string>>().notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull(),
    publishedBy: uuid("published_by").notNull(),
    publishedByName: text("published_by_name").notNull(),
  },
  (t) => [uniqueIndex("service_guide_versions_guide_idx").on(t.guideId, t.version)],
);
