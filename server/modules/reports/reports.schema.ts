import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "../identity/identity.schema.js";

/**
 * 报表中心: one row per generated report file — which report, with what parameters (and their names, as the user
 * chose them), by whom, and the file in the file store (content-addressed by its hash). The history a user sees is
 * their own; a file is downloaded again only by who generated it.
 */
export const reportRuns = pgTable(
  "report_runs",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    reportKey: text("report_key").notNull(),
    title: text("title").notNull(),
    format: text("format", { enum: ["xlsx", "docx"] }).notNull(),
    params: jsonb("params").$type<Record<string, string>>().notNull(),
    paramsText: text("params_text").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    orgId: uuid("org_id"),
    fileHash: text("file_hash").notNull(),
    fileName: text("file_name").notNull(),
    size: integer("size").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("report_runs_user_idx").on(t.userId, t.createdAt)],
);
