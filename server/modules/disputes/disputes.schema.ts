import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

/**
 * 风险防范. Cases record facts and resolution; no column describes a party's ethnicity. The "涉及民族因素" mark
 * is set only by a reviewer with a reason (`ethnic_*` columns, each change an event row), never automatically.
 *
 * Visibility: a case lies in its place's region (`region_code`); `handling_region` is the highest level that has
 * been told of it (the 旗 at first, the 市 once escalated …). A department whose region is at that level or below
 * sees it (see disputes-access.ts).
 */
export const disputeCases = pgTable(
  "dispute_cases",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    /** 案件编号, e.g. JF-150522-2026-00012. */
    code: text("code").notNull(),
    source: text("source").notNull(),
    category: text("category").notNull(),
    regionCode: text("region_code").notNull(),
    occurredOn: date("occurred_on").notNull(),
    partyCount: smallint("party_count").notNull(),
    summary: text("summary").notNull(),
    riskLevel: text("risk_level", { enum: ["general", "serious", "major"] }).notNull(),
    /** The responsible unit (handling the case now). */
    orgId: uuid("org_id").notNull(),
    /** The unit that recorded it (a 嘎查's grid worker …). */
    recordedByOrgId: uuid("recorded_by_org_id").notNull(),
    createdBy: uuid("created_by"),
    status: text("status", { enum: ["registered", "mediating", "concluded", "closed"] })
      .notNull()
      .default("registered"),
    result: text("result", { enum: ["resolved", "partial", "unresolved", "transferred"] }),
    resultNote: text("result_note"),
    transferredTo: text("transferred_to"),
    /** When it must be resolved by (from the risk level's time limit), and when the upper level must be told. */
    resolveBy: timestamp("resolve_by", { withTimezone: true }).notNull(),
    reportBy: timestamp("report_by", { withTimezone: true }),
    handlingRegion: text("handling_region").notNull(),
    escalatedAt: timestamp("escalated_at", { withTimezone: true }),
    overdueEscalatedAt: timestamp("overdue_escalated_at", { withTimezone: true }),
    ethnicFactor: boolean("ethnic_factor").notNull().default(false),
    ethnicReason: text("ethnic_reason"),
    ethnicBy: uuid("ethnic_by"),
    ethnicAt: timestamp("ethnic_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("dispute_cases_code_uq").on(t.code),
    index("dispute_cases_region_idx").on(t.regionCode, t.occurredOn),
    index("dispute_cases_org_idx").on(t.orgId, t.occurredOn),
    index("dispute_cases_recorder_idx").on(t.recordedByOrgId, t.occurredOn),
    index("dispute_cases_open_idx").on(t.status, t.resolveBy),
    index("dispute_cases_date_idx").on(t.occurredOn, t.id),
  ],
);

/** Parties: only what is needed to reach them, encrypted (SM4), with a blind index for an exact phone lookup. */
export const disputeParties = pgTable(
  "dispute_parties",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    caseId: uuid("case_id")
      .notNull()
      .references(() => disputeCases.id, { onDelete: "cascade" }),
    nameEnc: text("name_enc").notNull(),
    phoneEnc: text("phone_enc"),
    phoneIndex: text("phone_index"),
    sort: smallint("sort").notNull().default(0),
  },
  (t) => [index("dispute_parties_case_idx").on(t.caseId), index("dispute_parties_phone_idx").on(t.phoneIndex)],
);

/** The case's history: mediations, transfers, escalations, the ethnic-factor mark and its removal, follow-ups. */
export const disputeCaseEvents = pgTable(
  "dispute_case_events",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    caseId: uuid("case_id")
      .notNull()
      .references(() => disputeCases.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    actorId: uuid("actor_id"),
    actorName: text("actor_name"),
    fromStatus: text("from_status"),
    toStatus: text("to_status"),
    note: text("note"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("dispute_case_events_case_idx").on(t.caseId, t.at)],
);

export const disputeMediations = pgTable(
  "dispute_mediations",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    caseId: uuid("case_id")
      .notNull()
      .references(() => disputeCases.id, { onDelete: "cascade" }),
    heldOn: date("held_on").notNull(),
    mediator: text("mediator").notNull(),
    method: text("method").notNull(),
    outcome: text("outcome").notNull(),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("dispute_mediations_case_idx").on(t.caseId, t.heldOn)],
);

export const disputeFollowups = pgTable(
  "dispute_followups",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    caseId: uuid("case_id")
      .notNull()
      .references(() => disputeCases.id, { onDelete: "cascade" }),
    visitedOn: date("visited_on").notNull(),
    visitor: text("visitor").notNull(),
    note: text("note").notNull(),
    stable: boolean("stable").notNull(),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("dispute_followups_case_idx").on(t.caseId, t.visitedOn)],
);

/**
 * To-dos and alerts for a level's duty staff: a 重大 case reported up, a case past its time limit, a unit's
 * missing report. `target_region` is the level that must act; its departments see it.
 */
export const disputeAlerts = pgTable(
  "dispute_alerts",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    kind: text("kind", { enum: ["major_case", "overdue_case", "missing_report", "flagged_report"] }).notNull(),
    targetRegion: text("target_region").notNull(),
    targetOrgId: uuid("target_org_id"),
    caseId: uuid("case_id"),
    reportUnitOrgId: uuid("report_unit_org_id"),
    reportKind: text("report_kind"),
    period: text("period"),
    summary: text("summary").notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    ackAt: timestamp("ack_at", { withTimezone: true }),
    ackBy: uuid("ack_by"),
  },
  (t) => [
    index("dispute_alerts_target_idx").on(t.targetRegion, t.createdAt),
    uniqueIndex("dispute_alerts_missing_uq")
      .on(t.reportUnitOrgId, t.reportKind, t.period)
      .where(sql`kind = 'missing_report'`),
  ],
);

/** 排查 campaigns: a period, the region it covers, the units assigned and a checklist. */
export const disputeCampaigns = pgTable(
  "dispute_campaigns",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    name: text("name").notNull(),
    regionCode: text("region_code").notNull(),
    orgId: uuid("org_id").notNull(),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on").notNull(),
    checklist: jsonb("checklist").$type<string[]>().notNull(),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("dispute_campaigns_region_idx").on(t.regionCode, t.startsOn)],
);

/** One assigned unit of a campaign, and its screening report once filed. */
export const disputeCampaignUnits = pgTable(
  "dispute_campaign_units",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => disputeCampaigns.id, { onDelete: "cascade" }),
    orgId: uuid("org_id").notNull(),
    regionCode: text("region_code").notNull(),
    placesChecked: integer("places_checked"),
    issuesFound: integer("issues_found"),
    caseIds: jsonb("case_ids").$type<string[]>().notNull().default([]),
    checks: jsonb("checks").$type<boolean[]>().notNull().default([]),
    note: text("note"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    submittedBy: uuid("submitted_by"),
  },
  (t) => [uniqueIndex("dispute_campaign_units_uq").on(t.campaignId, t.orgId)],
);

/** The units that owe 零报告/季报: one row per unit, placed in its region. */
export const disputeReportUnits = pgTable(
  "dispute_report_units",
  {
    orgId: uuid("org_id").primaryKey(),
    regionCode: text("region_code").notNull(),
    /** Who is told when its report is missing (the unit's superior department). */
    superiorOrgId: uuid("superior_org_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("dispute_report_units_region_idx").on(t.regionCode)],
);

/**
 * Live tallies for the compliance roll-up (migration 0037): the reports of each kind and period counted under every
 * region prefix of the reporting unit ('' the whole, then 2, 4, 6, 9 digits and the unit's own code) and by
 * `day`, the Beijing day whose on-time deadline the first receipt meets (the day of first_received_at − 1 µs:
 * a report is on time for N days ⇔ day ≤ the period's end + N). Statement triggers keep them in the transaction
 * that writes dispute_reports / dispute_report_units (insert, update, delete, truncate), so a roll-up reads counts
 * that are exactly the tables' — a province's 60,000 units × 12 months is a few hundred rows, not 650,000.
 */
export const disputeReportTally = pgTable(
  "dispute_report_tally",
  {
    kind: text("kind").notNull(),
    depth: smallint("depth").notNull(),
    prefix: text("prefix").notNull(),
    period: text("period").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.depth, t.prefix, t.period, t.day] })],
);

/** The reporting units counted under every region prefix of their place (same triggers, same rule). */
export const disputeReportUnitTally = pgTable(
  "dispute_report_unit_tally",
  {
    depth: smallint("depth").notNull(),
    prefix: text("prefix").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.depth, t.prefix] })],
);

/**
 * 零报告 (kind zero) / 季报 (kind quarterly): one per unit per period, enforced here. A correction replaces the
 * row's content (version + 1) and keeps the replaced content in dispute_report_revisions; `first_received_at`
 * stays, so timeliness counts the first receipt.
 */
export const disputeReports = pgTable(
  "dispute_reports",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    kind: text("kind", { enum: ["zero", "quarterly"] }).notNull(),
    orgId: uuid("org_id").notNull(),
    regionCode: text("region_code").notNull(),
    period: text("period").notNull(),
    nothing: boolean("nothing").notNull(),
    caseIds: jsonb("case_ids").$type<string[]>().notNull().default([]),
    eventIds: jsonb("event_ids").$type<string[]>().notNull().default([]),
    note: text("note"),
    version: integer("version").notNull().default(1),
    firstReceivedAt: timestamp("first_received_at", { withTimezone: true }).notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
    submittedBy: uuid("submitted_by"),
    flaggedAt: timestamp("flagged_at", { withTimezone: true }),
    flagNote: text("flag_note"),
  },
  (t) => [
    uniqueIndex("dispute_reports_unit_period_uq").on(t.kind, t.orgId, t.period),
    index("dispute_reports_region_idx").on(t.kind, t.period, t.regionCode),
  ],
);

export const disputeReportRevisions = pgTable(
  "dispute_report_revisions",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    reportId: uuid("report_id")
      .notNull()
      .references(() => disputeReports.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    content: jsonb("content").$type<Record<string, unknown>>().notNull(),
    replacedAt: timestamp("replaced_at", { withTimezone: true }).notNull(),
    replacedBy: uuid("replaced_by"),
    reason: text("reason"),
  },
  (t) => [index("dispute_report_revisions_report_idx").on(t.reportId, t.version)],
);

/** 应急预案 and their drills; issues found in a drill become rectification items. */
export const disputePlans = pgTable(
  "dispute_plans",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    name: text("name").notNull(),
    level: text("level").notNull(),
    scope: text("scope").notNull(),
    version: text("version").notNull(),
    regionCode: text("region_code").notNull(),
    orgId: uuid("org_id").notNull(),
    materialId: uuid("material_id"),
    reviewDue: date("review_due").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("dispute_plans_region_idx").on(t.regionCode, t.reviewDue)],
);

export const disputeDrills = pgTable(
  "dispute_drills",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    planId: uuid("plan_id")
      .notNull()
      .references(() => disputePlans.id, { onDelete: "cascade" }),
    heldOn: date("held_on").notNull(),
    scenario: text("scenario").notNull(),
    participants: integer("participants").notNull(),
    evaluation: text("evaluation").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("dispute_drills_plan_idx").on(t.planId, t.heldOn)],
);

export const disputeRectifications = pgTable(
  "dispute_rectifications",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    drillId: uuid("drill_id")
      .notNull()
      .references(() => disputeDrills.id, { onDelete: "cascade" }),
    issue: text("issue").notNull(),
    ownerOrgId: uuid("owner_org_id").notNull(),
    dueOn: date("due_on").notNull(),
    doneAt: timestamp("done_at", { withTimezone: true }),
    doneNote: text("done_note"),
  },
  (t) => [index("dispute_rectifications_drill_idx").on(t.drillId)],
);

/** 舆情: events and information, never people; handling steps with their times. */
export const disputeOpinionEvents = pgTable(
  "dispute_opinion_events",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    foundAt: timestamp("found_at", { withTimezone: true }).notNull(),
    channel: text("channel").notNull(),
    summary: text("summary").notNull(),
    grade: text("grade", { enum: ["general", "serious", "major"] }).notNull(),
    regionCode: text("region_code").notNull(),
    orgId: uuid("org_id").notNull(),
    status: text("status", { enum: ["open", "closed"] })
      .notNull()
      .default("open"),
    closure: text("closure"),
    review: text("review"),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("dispute_opinion_events_region_idx").on(t.regionCode, t.foundAt)],
);

export const disputeOpinionSteps = pgTable(
  "dispute_opinion_steps",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    eventId: uuid("event_id")
      .notNull()
      .references(() => disputeOpinionEvents.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull(),
    action: text("action").notNull(),
    createdBy: uuid("created_by"),
  },
  (t) => [index("dispute_opinion_steps_event_idx").on(t.eventId, t.at)],
);
