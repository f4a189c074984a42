import { sql } from "drizzle-orm";
import {
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

/**
 * 考核评价 rounds: a year's assessment organised by a department (its region and org) of member units and/or
 * lower regions, scored with a published indicator set of the evaluation module. 筹备中 → 数据核对中 (snapshot
 * taken; disputes and reported items) → 评分中 (panel) → 已发布.
 */
export const assessmentRounds = pgTable(
  "assessment_rounds",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    title: text("title").notNull(),
    year: integer("year").notNull(),
    regionCode: text("region_code").notNull(),
    orgId: uuid("org_id").notNull(),
    setId: uuid("set_id").notNull(),
    /** The published set as used (name, total, pass line, grade scale, nodes): published sets never change. */
    setCopy: jsonb("set_copy").notNull(),
    windowFrom: text("window_from").notNull(),
    windowTo: text("window_to").notNull(),
    /** [{ nodeCode, kind: computed|reported, metric?, target? }] */
    indicators: jsonb("indicators").notNull(),
    panelUserIds: uuid("panel_user_ids").array().notNull().default(sql`'{}'::uuid[]`),
    status: text("status", { enum: ["draft", "collecting", "scoring", "published"] })
      .notNull()
      .default("draft"),
    snapshotAt: timestamp("snapshot_at", { withTimezone: true }),
    /** sha256 over every computed value's input hash, in subject and indicator order. */
    snapshotHash: text("snapshot_hash"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdBy: uuid("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("assessment_rounds_region_idx").on(t.regionCode, t.year)],
);

/** Who is assessed in a round: a member unit (org) or a lower region; reported items and the result beside it. */
export const assessmentSubjects = pgTable(
  "assessment_subjects",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    roundId: uuid("round_id")
      .notNull()
      .references(() => assessmentRounds.id),
    kind: text("kind", { enum: ["org", "region"] }).notNull(),
    orgId: uuid("org_id"),
    regionCode: text("region_code").notNull(),
    name: text("name").notNull(),
    /** [{ nodeCode, text, materialIds }] filled by the unit. */
    reported: jsonb("reported").notNull().default([]),
    reportedSubmittedAt: timestamp("reported_submitted_at", { withTimezone: true }),
    computedScore: numeric("computed_score", { precision: 8, scale: 1, mode: "number" }),
    finalScore: numeric("final_score", { precision: 8, scale: 2, mode: "number" }),
    passed: text("passed"),
    rank: integer("rank"),
    sort: integer("sort").notNull().default(0),
  },
  (t) => [
    index("assessment_subjects_round_idx").on(t.roundId, t.sort),
    index("assessment_subjects_org_idx").on(t.orgId),
  ],
);

/** One computed indicator of one subject, frozen at the snapshot, with the records behind it. */
export const assessmentValues = pgTable(
  "assessment_values",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    roundId: uuid("round_id")
      .notNull()
      .references(() => assessmentRounds.id),
    subjectId: uuid("subject_id")
      .notNull()
      .references(() => assessmentSubjects.id),
    nodeCode: text("node_code").notNull(),
    metric: text("metric").notNull(),
    numerator: integer("numerator").notNull(),
    denominator: integer("denominator").notNull(),
    ratio: doublePrecision("ratio"),
    score: numeric("score", { precision: 8, scale: 1, mode: "number" }).notNull(),
    /** The records counted (AssessmentRow[]), as frozen. */
    records: jsonb("records").notNull(),
    inputHash: text("input_hash").notNull(),
    snapshotAt: timestamp("snapshot_at", { withTimezone: true }).notNull(),
    corrected: integer("corrected").notNull().default(0),
  },
  (t) => [uniqueIndex("assessment_values_subject_node_uq").on(t.subjectId, t.nodeCode)],
);

/** Every version of a computed value: the snapshot and each correction, with who, when and why. */
export const assessmentValueHistory = pgTable(
  "assessment_value_history",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    valueId: uuid("value_id")
      .notNull()
      .references(() => assessmentValues.id),
    kind: text("kind", { enum: ["snapshot", "correction"] }).notNull(),
    numerator: integer("numerator").notNull(),
    denominator: integer("denominator").notNull(),
    score: numeric("score", { precision: 8, scale: 1, mode: "number" }).notNull(),
    inputHash: text("input_hash"),
    note: text("note"),
    actorId: uuid("actor_id"),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("assessment_value_history_value_idx").on(t.valueId, t.at)],
);

/** A unit's dispute of one computed value: 待处理 → 已更正 | 维持原值 (by the organiser). */
export const assessmentDisputes = pgTable(
  "assessment_disputes",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    roundId: uuid("round_id")
      .notNull()
      .references(() => assessmentRounds.id),
    subjectId: uuid("subject_id")
      .notNull()
      .references(() => assessmentSubjects.id),
    valueId: uuid("value_id")
      .notNull()
      .references(() => assessmentValues.id),
    regionCode: text("region_code").notNull(),
    orgId: uuid("org_id"),
    reason: text("reason").notNull(),
    status: text("status", { enum: ["open", "corrected", "rejected"] })
      .notNull()
      .default("open"),
    response: text("response"),
    createdBy: uuid("created_by").notNull(),
    resolvedBy: uuid("resolved_by"),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("assessment_disputes_round_idx").on(t.roundId, t.status)],
);

/** One panel member's scores of the reported items of one subject. */
export const assessmentPanelScores = pgTable(
  "assessment_panel_scores",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    roundId: uuid("round_id")
      .notNull()
      .references(() => assessmentRounds.id),
    subjectId: uuid("subject_id")
      .notNull()
      .references(() => assessmentSubjects.id),
    userId: uuid("user_id").notNull(),
    entries: jsonb("entries").notNull(),
    total: numeric("total", { precision: 8, scale: 1, mode: "number" }).notNull(),
    savedAt: timestamp("saved_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("assessment_panel_scores_uq").on(t.subjectId, t.userId)],
);
