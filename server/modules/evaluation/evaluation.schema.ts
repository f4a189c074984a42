import { sql } from "drizzle-orm";
import { index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/**
 * Indicator sets (指标体系), versioned: every version of one set shares a family id. The tree is stored as
 * JSON, normalised (codes and levels filled in); once published a version never changes.
 */
export const indicatorSets = pgTable(
  "indicator_sets",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    familyId: uuid("family_id").notNull(),
    version: integer("version").notNull(),
    versionLabel: text("version_label").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    categories: text("categories").array().notNull().default(sql`'{}'::text[]`),
    levels: text("levels").array().notNull(),
    total: numeric("total", { precision: 8, scale: 1, mode: "number" }).notNull(),
    passLine: numeric("pass_line", { precision: 8, scale: 1, mode: "number" }).notNull(),
    gradeScale: jsonb("grade_scale").notNull(),
    nodes: jsonb("nodes").notNull(),
    status: text("status", { enum: ["draft", "published"] })
      .notNull()
      .default("draft"),
    ownerOrgId: uuid("owner_org_id").notNull(),
    regionCode: text("region_code").notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("indicator_sets_family_version_uq").on(t.familyId, t.version),
    index("indicator_sets_region_idx").on(t.regionCode),
  ],
);

/**
 * Score sheets: a self-assessment (自评) by the applicant unit or one expert's sheet (专家评分) for a subject
 * of another module (an application, a yearly self-check, a re-verification). Locked on submit.
 */
export const scoreSheets = pgTable(
  "score_sheets",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    setId: uuid("set_id")
      .notNull()
      .references(() => indicatorSets.id),
    kind: text("kind", { enum: ["self", "expert"] }).notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: uuid("subject_id").notNull(),
    /** The expert who fills the sheet; null for a self-assessment (filled by the unit). */
    ownerUserId: uuid("owner_user_id"),
    ownerOrgId: uuid("owner_org_id").notNull(),
    /** The subject's region: reviewers' scope is checked against it. */
    regionCode: text("region_code").notNull(),
    status: text("status", { enum: ["draft", "submitted", "returned"] })
      .notNull()
      .default("draft"),
    entries: jsonb("entries").notNull().default([]),
    summary: text("summary"),
    total: numeric("total", { precision: 8, scale: 1, mode: "number" }),
    vetoFailed: text("veto_failed").array().notNull().default(sql`'{}'::text[]`),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    returnedReason: text("returned_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("score_sheets_subject_idx").on(t.subjectType, t.subjectId),
    index("score_sheets_owner_idx").on(t.ownerUserId),
  ],
);
