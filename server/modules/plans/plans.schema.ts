import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { tsvector } from "../../core/search.js";

/**
 * 规划实施监测. A plan belongs to the region and organization that issued it (the issuing department manages
 * it; upper levels read it through their region scope); responsible units see it through their assignments.
 */
export const plans = pgTable(
  "plans",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    title: text("title").notNull(),
    docNumber: text("doc_number"),
    issuingOrgId: uuid("issuing_org_id").notNull(),
    regionCode: text("region_code").notNull(),
    periodStart: smallint("period_start").notNull(),
    periodEnd: smallint("period_end").notNull(),
    cycle: text("cycle", { enum: ["monthly", "quarterly", "half_yearly", "yearly"] }).notNull(),
    status: text("status", { enum: ["draft", "active", "closed"] })
      .notNull()
      .default("draft"),
    graceDays: smallint("grace_days").notNull().default(10),
    remindDays: smallint("remind_days").notNull().default(15),
    /** Reports are owed from this period on (a plan imported mid-way owes nothing for the periods before). */
    reportFrom: text("report_from"),
    sourceFileName: text("source_file_name"),
    /** Bumped by every change a roll-up depends on (tree, reports, rectifications): cached roll-ups compare it. */
    revision: integer("revision").notNull().default(0),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /** 标题 and 文号 for full-text search (core/search.ts). */
    search: tsvector("search"),
  },
  (t) => [
    index("plans_region_idx").on(t.regionCode, t.createdAt),
    index("plans_issuer_idx").on(t.issuingOrgId),
    index("plans_search_idx").using("gin", t.search),
  ],
);

/**
 * The tree: 章 / 节 / 专栏 / 任务 / 条目. `ancestors` lists the ids from the root down to the parent, so a
 * roll-up by chapter is a group-by over tasks without a recursive query; a move rewrites it for the subtree.
 * Deleting is soft (`deleted_at`), so reports and history keep their task.
 */
export const planNodes = pgTable(
  "plan_nodes",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    planId: uuid("plan_id").notNull(),
    parentId: uuid("parent_id"),
    ancestors: uuid("ancestors").array().notNull().default(sql`'{}'::uuid[]`),
    kind: text("kind", { enum: ["chapter", "section", "column", "task", "item"] }).notNull(),
    number: text("number").notNull().default(""),
    title: text("title").notNull(),
    text: text("text").notNull().default(""),
    sort: integer("sort").notNull().default(0),
    weight: numeric("weight", { precision: 10, scale: 2, mode: "number" }).notNull().default(1),
    deadline: date("deadline", { mode: "string" }),
    /** [{ year, content, percent? }]: yearly milestones; percents shape the time-progress line. */
    milestones: jsonb("milestones").notNull().default([]),
    metricName: text("metric_name"),
    metricUnit: text("metric_unit"),
    baseline: numeric("baseline", { precision: 18, scale: 4, mode: "number" }),
    targetValue: numeric("target_value", { precision: 18, scale: 4, mode: "number" }),
    leadOrgId: uuid("lead_org_id"),
    /**
     * A task's standing from its units' latest reports, kept by the report service with plan_node_units: the mean
     * percent (units without a report count 0), whether every unit reports it done, none has started, any reports
     * it 滞后. The roll-up reads these instead of aggregating the assignments again.
     */
    completion: doublePrecision("completion").notNull().default(0),
    completed: boolean("completed").notNull().default(false),
    idle: boolean("idle").notNull().default(true),
    laggingReported: boolean("lagging_reported").notNull().default(false),
    /** 1-based line of the source document, for imported nodes. */
    sourceLine: integer("source_line"),
    /** 标题 for full-text search (core/search.ts), written by every writer of the title. */
    search: tsvector("search"),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("plan_nodes_plan_idx").on(t.planId, t.parentId, t.sort),
    index("plan_nodes_ancestors_idx").using("gin", t.ancestors),
    index("plan_nodes_search_idx").using("gin", t.search),
  ],
);

/**
 * Who carries a task (牵头单位 / 责任单位), with the unit's latest report kept beside it: the roll-up of a
 * plan reads one row per (task, unit) instead of picking the latest of all reports. The report service
 * updates these columns in the transaction that writes the report. region_code is the unit's region
 * (roll-up by region; scope).
 */
export const planNodeUnits = pgTable(
  "plan_node_units",
  {
    nodeId: uuid("node_id").notNull(),
    orgId: uuid("org_id").notNull(),
    planId: uuid("plan_id").notNull(),
    regionCode: text("region_code").notNull(),
    role: text("role", { enum: ["lead", "responsible"] })
      .notNull()
      .default("responsible"),
    latestReportId: uuid("latest_report_id"),
    latestPeriod: text("latest_period"),
    status: text("status", { enum: ["not_started", "in_progress", "completed", "lagging"] }),
    percent: smallint("percent"),
    reportedAt: timestamp("reported_at", { withTimezone: true }),
    reportCount: integer("report_count").notNull().default(0),
    lateCount: integer("late_count").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.nodeId, t.orgId] }),
    index("plan_node_units_plan_idx").on(t.planId, t.orgId),
    index("plan_node_units_org_idx").on(t.orgId, t.planId),
  ],
);

/** Names used for organizations in plans ("高教办", "卫管办"), saved from the user's mappings at import. */
export const planUnitAliases = pgTable(
  "plan_unit_aliases",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    regionCode: text("region_code").notNull(),
    alias: text("alias").notNull(),
    orgId: uuid("org_id").notNull(),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("plan_unit_aliases_uq").on(t.regionCode, t.alias, t.orgId)],
);

/**
 * One unit's report on one task for one period (2026Q1 …). Revisions update the row (audited); `late` is
 * fixed at the first submission: after the period's deadline.
 */
export const planReports = pgTable(
  "plan_reports",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    planId: uuid("plan_id").notNull(),
    nodeId: uuid("node_id").notNull(),
    orgId: uuid("org_id").notNull(),
    regionCode: text("region_code").notNull(),
    period: text("period").notNull(),
    status: text("status", { enum: ["not_started", "in_progress", "completed", "lagging"] }).notNull(),
    percent: smallint("percent").notNull(),
    narrative: text("narrative").notNull().default(""),
    metricValue: numeric("metric_value", { precision: 18, scale: 4, mode: "number" }),
    /** [{ id, title, fileName }] of materials from the unit's library, as they were when cited. */
    evidence: jsonb("evidence").notNull().default([]),
    /** [{ id, title, startDate, orgName }] of activity records (活动) cited as evidence, as they were when cited. */
    activities: jsonb("activities").notNull().default([]),
    submittedBy: uuid("submitted_by"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    late: boolean("late").notNull().default(false),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /** 进展情况 (narrative) for full-text search (core/search.ts). */
    search: tsvector("search"),
  },
  (t) => [
    uniqueIndex("plan_reports_node_org_period_uq").on(t.nodeId, t.orgId, t.period),
    index("plan_reports_plan_period_idx").on(t.planId, t.period),
    index("plan_reports_org_idx").on(t.orgId, t.planId, t.period),
    index("plan_reports_region_idx").on(t.regionCode),
    index("plan_reports_search_idx").using("gin", t.search),
  ],
);

/** 督查: an inspection of a plan's implementation by the issuing department, with its findings. */
export const planInspections = pgTable(
  "plan_inspections",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    planId: uuid("plan_id").notNull(),
    regionCode: text("region_code").notNull(),
    /** The inspecting organization: it verifies the rectifications. */
    orgId: uuid("org_id").notNull(),
    title: text("title").notNull(),
    inspectedOn: date("inspected_on", { mode: "string" }).notNull(),
    summary: text("summary").notNull().default(""),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("plan_inspections_plan_idx").on(t.planId, t.inspectedOn)],
);

/**
 * 整改: a finding with an owner and a deadline. open → closed (owner, with evidence) → verified (inspecting
 * unit), or back to open when the inspecting unit returns it. Overdue open items are escalated once to the
 * owner's superior. region_code/org_id are the owner's.
 */
export const planRectifications = pgTable(
  "plan_rectifications",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    planId: uuid("plan_id").notNull(),
    inspectionId: uuid("inspection_id").notNull(),
    /** 1, 2, 3 … in the order the inspection recorded its findings. */
    seq: integer("seq").notNull().default(1),
    nodeId: uuid("node_id"),
    finding: text("finding").notNull(),
    requirement: text("requirement").notNull().default(""),
    orgId: uuid("org_id").notNull(),
    regionCode: text("region_code").notNull(),
    deadline: date("deadline", { mode: "string" }).notNull(),
    status: text("status", { enum: ["open", "closed", "verified"] })
      .notNull()
      .default("open"),
    closureNote: text("closure_note"),
    closureEvidence: jsonb("closure_evidence").notNull().default([]),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closedBy: uuid("closed_by"),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    verifiedBy: uuid("verified_by"),
    verifyNote: text("verify_note"),
    returnCount: integer("return_count").notNull().default(0),
    escalatedAt: timestamp("escalated_at", { withTimezone: true }),
    escalatedToOrgId: uuid("escalated_to_org_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /** 问题 (finding) for full-text search (core/search.ts). */
    search: tsvector("search"),
  },
  (t) => [
    index("plan_rectifications_plan_idx").on(t.planId, t.status),
    index("plan_rectifications_search_idx").using("gin", t.search),
    index("plan_rectifications_org_idx").on(t.orgId, t.status),
    index("plan_rectifications_escalated_idx").on(t.escalatedToOrgId),
    index("plan_rectifications_due_idx").on(t.status, t.deadline),
  ],
);
