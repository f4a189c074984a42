import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { APPLICATION_STATUSES } from "../../../contracts/creation/statuses.js";
import { tsvector } from "../../core/search.js";

/*
 * 示范创建 (PRODUCT.md §2.6). Every table carries region_code (and org_id where it belongs to a unit) for
 * scope filters and as the future partition key. Score sheets live in the evaluation module
 * (subject types "creation_application", "creation_self_check", "creation_reverification").
 */

const ts = (name: string) => timestamp(name, { withTimezone: true });
const day = (name: string) => date(name, { mode: "string" });
const created = () => ts("created_at").notNull().defaultNow();
const updated = () => ts("updated_at").notNull().defaultNow();

/** 培育库: units cultivated towards a naming level, with a mentor unit, before they apply. */
export const creationCandidates = pgTable(
  "creation_candidates",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    orgId: uuid("org_id").notNull(),
    regionCode: text("region_code").notNull(),
    category: text("category").notNull(),
    targetLevel: text("target_level").notNull(),
    mentorOrgId: uuid("mentor_org_id"),
    since: day("since"),
    note: text("note").notNull().default(""),
    status: text("status", { enum: ["cultivating", "applied", "named", "removed"] })
      .notNull()
      .default("cultivating"),
    applicationId: uuid("application_id"),
    createdBy: uuid("created_by").notNull(),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    index("creation_candidates_region_idx").on(t.regionCode),
    uniqueIndex("creation_candidates_org_category_uq").on(t.orgId, t.category),
  ],
);

/** 申报批次: one naming level, its categories and indicator set(s), quota, stage deadlines, notice length. */
export const creationBatches = pgTable(
  "creation_batches",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    name: text("name").notNull(),
    year: integer("year").notNull(),
    level: text("level").notNull(),
    categories: text("categories").array().notNull(),
    setId: uuid("set_id").notNull(),
    /** { category: indicator set id } for categories scored with their own set. */
    categorySets: jsonb("category_sets").notNull().default({}),
    quota: integer("quota"),
    noticeDays: integer("notice_days").notNull().default(5),
    validityYears: integer("validity_years").notNull().default(5),
    prerequisiteLevel: text("prerequisite_level"),
    submitDeadline: day("submit_deadline").notNull(),
    reviewDeadline: day("review_deadline"),
    evaluationDeadline: day("evaluation_deadline"),
    namingDeadline: day("naming_deadline"),
    description: text("description"),
    status: text("status", { enum: ["draft", "open", "closed", "concluded"] })
      .notNull()
      .default("draft"),
    /** The organising department and its region: the level that accepts (受理) and names. */
    organiserOrgId: uuid("organiser_org_id").notNull(),
    regionCode: text("region_code").notNull(),
    createdBy: uuid("created_by").notNull(),
    createdAt: created(),
    updatedAt: updated(),
    /** 批次名称 for full-text search (core/search.ts). */
    search: tsvector("search"),
  },
  (t) => [
    index("creation_batches_region_idx").on(t.regionCode, t.year),
    index("creation_batches_search_idx").using("gin", t.search),
  ],
);

/** 申报: one unit's application in one batch, moving through the state machine of application.service.ts. */
export const creationApplications = pgTable(
  "creation_applications",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    batchId: uuid("batch_id")
      .notNull()
      .references(() => creationBatches.id),
    orgId: uuid("org_id").notNull(),
    regionCode: text("region_code").notNull(),
    category: text("category").notNull(),
    level: text("level").notNull(),
    /** The indicator set it is scored with (the batch's, or its category's). */
    setId: uuid("set_id").notNull(),
    title: text("title"),
    /** 创建工作总结 */
    statement: text("statement").notNull().default(""),
    evidenceIds: uuid("evidence_ids").array().notNull().default(sql`'{}'::uuid[]`),
    status: text("status", { enum: APPLICATION_STATUSES }).notNull().default("draft"),
    /** The region codes that review, lowest first; the last (the batch's region) accepts. Fixed at first submission. */
    reviewChain: text("review_chain").array().notNull().default(sql`'{}'::text[]`),
    /** Position in reviewChain of the level acting now (kept while 退回, so a resubmission resumes there). */
    reviewIndex: integer("review_index"),
    /** reviewChain[reviewIndex] while 逐级推荐中, else null: "awaiting my review" is one index lookup. */
    reviewLevelCode: text("review_level_code"),
    selfSheetId: uuid("self_sheet_id"),
    finalScore: numeric("final_score", { precision: 8, scale: 2, mode: "number" }),
    finalMethod: text("final_method"),
    vetoFailed: text("veto_failed").array().notNull().default(sql`'{}'::text[]`),
    passed: boolean("passed"),
    resultNote: text("result_note"),
    decidedAt: ts("decided_at"),
    noticeId: uuid("notice_id"),
    designationId: uuid("designation_id"),
    candidateId: uuid("candidate_id"),
    createdBy: uuid("created_by").notNull(),
    submittedAt: ts("submitted_at"),
    acceptedAt: ts("accepted_at"),
    /** 申报标题 for full-text search (core/search.ts); the list also matches the unit's name through orgs.search. */
    search: tsvector("search"),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    uniqueIndex("creation_applications_batch_org_uq").on(t.batchId, t.orgId),
    index("creation_applications_region_idx").on(t.regionCode, t.updatedAt),
    index("creation_applications_review_idx").on(t.reviewLevelCode),
    index("creation_applications_org_idx").on(t.orgId),
    index("creation_applications_search_idx").using("gin", t.search),
  ],
);

/** The application's own timeline (审核记录): who did what at which level, and why. */
export const creationApplicationEvents = pgTable(
  "creation_application_events",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    /** Insertion order: several steps can share one clock instant. */
    seq: bigserial("seq", { mode: "number" }).notNull(),
    applicationId: uuid("application_id").notNull(),
    action: text("action").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status"),
    levelCode: text("level_code"),
    actorId: uuid("actor_id"),
    actorName: text("actor_name"),
    note: text("note"),
    at: ts("at").notNull(),
  },
  (t) => [index("creation_application_events_app_idx").on(t.applicationId, t.seq)],
);

/** 测评专家 assigned to an application, each with an expert score sheet. */
export const creationExpertAssignments = pgTable(
  "creation_expert_assignments",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    applicationId: uuid("application_id").notNull(),
    userId: uuid("user_id").notNull(),
    sheetId: uuid("sheet_id").notNull(),
    status: text("status", { enum: ["active", "withdrawn"] })
      .notNull()
      .default("active"),
    assignedBy: uuid("assigned_by").notNull(),
    assignedAt: ts("assigned_at").notNull(),
    withdrawnAt: ts("withdrawn_at"),
    withdrawReason: text("withdraw_reason"),
  },
  (t) => [
    uniqueIndex("creation_expert_assignments_uq").on(t.applicationId, t.userId),
    index("creation_expert_assignments_user_idx").on(t.userId, t.status),
  ],
);

/** 实地考察记录 */
export const creationSiteVisits = pgTable(
  "creation_site_visits",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    applicationId: uuid("application_id").notNull(),
    visitedOn: day("visited_on").notNull(),
    members: text("members").notNull(),
    notes: text("notes").notNull().default(""),
    evidenceIds: uuid("evidence_ids").array().notNull().default(sql`'{}'::uuid[]`),
    recordedBy: uuid("recorded_by").notNull(),
    createdAt: created(),
  },
  (t) => [index("creation_site_visits_app_idx").on(t.applicationId)],
);

// 公示 and 异议 of 示范创建 live in the shared publicity module (publicity_notices / _notice_items / _objections,
// owner `creation`, owner_ref = the batch, item_id = the application).

/** 命名决定: one document (文号) naming a list of applications of a batch. */
export const creationDecisions = pgTable(
  "creation_decisions",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    batchId: uuid("batch_id").notNull(),
    docNumber: text("doc_number").notNull(),
    title: text("title").notNull(),
    namedOn: day("named_on").notNull(),
    orgId: uuid("org_id").notNull(),
    regionCode: text("region_code").notNull(),
    createdBy: uuid("created_by").notNull(),
    createdAt: created(),
  },
  (t) => [uniqueIndex("creation_decisions_doc_uq").on(t.orgId, t.docNumber)],
);

/**
 * 命名: a unit's designation at a level, valid for N years; statuses 有效/复验中/已撤销/已到期 and a history
 * that is kept forever. Counts (coverage, targets, the public directory) read the partial index of the
 * live statuses, live from this table.
 */
export const creationDesignations = pgTable(
  "creation_designations",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    orgId: uuid("org_id").notNull(),
    /** The unit's name as named (printed on the certificate). */
    unitName: text("unit_name").notNull(),
    regionCode: text("region_code").notNull(),
    category: text("category").notNull(),
    level: text("level").notNull(),
    /** The region of the naming department: revocation and 复验 decisions belong to it (and above). */
    issuerRegionCode: text("issuer_region_code").notNull(),
    setId: uuid("set_id"),
    certificateNo: text("certificate_no").notNull(),
    docNumber: text("doc_number"),
    namedOn: day("named_on").notNull(),
    validFrom: day("valid_from").notNull(),
    validUntil: day("valid_until").notNull(),
    validityYears: integer("validity_years").notNull().default(5),
    status: text("status", { enum: ["valid", "reverifying", "revoked", "expired"] })
      .notNull()
      .default("valid"),
    applicationId: uuid("application_id"),
    decisionId: uuid("decision_id"),
    batchId: uuid("batch_id"),
    renewals: integer("renewals").notNull().default(0),
    revokedAt: ts("revoked_at"),
    revokeReason: text("revoke_reason"),
    revokeDocNumber: text("revoke_doc_number"),
    revokeMaterialId: uuid("revoke_material_id"),
    revokeNote: text("revoke_note"),
    /** 单位名称 for full-text search (core/search.ts). */
    search: tsvector("search"),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    uniqueIndex("creation_designations_cert_uq").on(t.certificateNo),
    index("creation_designations_region_idx").on(t.regionCode, t.namedOn),
    index("creation_designations_named_idx").on(t.namedOn, t.id),
    index("creation_designations_org_idx").on(t.orgId),
    index("creation_designations_search_idx").using("gin", t.search),
    // Coverage and target progress: only live rows, by place, with what the counts filter on.
    index("creation_designations_live_idx")
      .on(t.regionCode, t.category, t.level, t.namedOn, t.validUntil)
      .where(sql`status in ('valid', 'reverifying')`),
    index("creation_designations_live_level_idx")
      .on(t.level, t.regionCode, t.namedOn, t.category, t.validUntil)
      .where(sql`status in ('valid', 'reverifying')`),
    // The naming level's to-dos on its home page: live designations it issued, expiring soon (by valid_until)
    // and without this year's self-check (by named_on). Without them each was a scan of every designation.
    index("creation_designations_issuer_expiry_idx")
      .on(t.issuerRegionCode, t.validUntil)
      .where(sql`status in ('valid', 'reverifying')`),
    index("creation_designations_issuer_named_idx")
      .on(t.issuerRegionCode, t.namedOn, t.validUntil)
      .where(sql`status in ('valid', 'reverifying')`),
  ],
);

export const creationDesignationEvents = pgTable(
  "creation_designation_events",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    /** Insertion order: several steps can share one clock instant. */
    seq: bigserial("seq", { mode: "number" }).notNull(),
    designationId: uuid("designation_id").notNull(),
    kind: text("kind").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status"),
    actorId: uuid("actor_id"),
    actorName: text("actor_name"),
    note: text("note"),
    data: jsonb("data"),
    at: ts("at").notNull(),
  },
  (t) => [index("creation_designation_events_des_idx").on(t.designationId, t.seq)],
);

/** 年度自查: one report per designation per year, scored with the same indicator set. */
export const creationSelfChecks = pgTable(
  "creation_self_checks",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    designationId: uuid("designation_id").notNull(),
    year: integer("year").notNull(),
    sheetId: uuid("sheet_id").notNull(),
    status: text("status", { enum: ["draft", "submitted"] })
      .notNull()
      .default("draft"),
    total: numeric("total", { precision: 8, scale: 1, mode: "number" }),
    passed: boolean("passed"),
    vetoFailed: text("veto_failed").array().notNull().default(sql`'{}'::text[]`),
    submittedAt: ts("submitted_at"),
    orgId: uuid("org_id").notNull(),
    regionCode: text("region_code").notNull(),
    createdBy: uuid("created_by").notNull(),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [uniqueIndex("creation_self_checks_uq").on(t.designationId, t.year)],
);

/** 复验: opened by the job runner 6 months before expiry; pass renews, fail or no completion lapses. */
export const creationReverifications = pgTable(
  "creation_reverifications",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    designationId: uuid("designation_id").notNull(),
    sheetId: uuid("sheet_id"),
    status: text("status", { enum: ["open", "submitted", "passed", "failed", "lapsed", "cancelled"] })
      .notNull()
      .default("open"),
    openedAt: ts("opened_at").notNull(),
    dueOn: day("due_on").notNull(),
    total: numeric("total", { precision: 8, scale: 1, mode: "number" }),
    sheetPassed: boolean("sheet_passed"),
    submittedAt: ts("submitted_at"),
    decidedAt: ts("decided_at"),
    decidedBy: uuid("decided_by"),
    note: text("note"),
    orgId: uuid("org_id").notNull(),
    regionCode: text("region_code").notNull(),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    index("creation_reverifications_des_idx").on(t.designationId),
    index("creation_reverifications_status_idx").on(t.status, t.regionCode),
  ],
);

/** 目标任务: a number of designations to reach per region, level (and optionally category) by a year. */
export const creationTargets = pgTable(
  "creation_targets",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    regionCode: text("region_code").notNull(),
    level: text("level").notNull(),
    year: integer("year").notNull(),
    /** '' = every category. */
    category: text("category").notNull().default(""),
    targetCount: integer("target_count").notNull(),
    note: text("note"),
    orgId: uuid("org_id").notNull(),
    createdBy: uuid("created_by").notNull(),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [uniqueIndex("creation_targets_uq").on(t.regionCode, t.level, t.year, t.category)],
);
