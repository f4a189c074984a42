import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

/** Key/value platform settings (security policy, load markers). */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Dictionaries (字典): configurable code lists such as organization types. */
export const dictItems = pgTable(
  "dict_items",
  {
    dictType: text("dict_type").notNull(),
    code: text("code").notNull(),
    label: text("label").notNull(),
    /** The Mongolian label beside the Chinese one (optional). */
    labelMn: text("label_mn"),
    sort: integer("sort").notNull().default(0),
    enabled: boolean("enabled").notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.dictType, t.code] })],
);

/** Queued jobs, claimed with FOR UPDATE SKIP LOCKED so several instances never run one twice. */
export const jobs = pgTable(
  "jobs",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    kind: text("kind").notNull(),
    payload: jsonb("payload").notNull().default({}),
    status: text("status", { enum: ["queued", "running", "done", "failed"] })
      .notNull()
      .default("queued"),
    runAt: timestamp("run_at", { withTimezone: true }).notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(3),
    lockedBy: text("locked_by"),
    lockedAt: timestamp("locked_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("jobs_due_idx").on(t.status, t.runAt)],
);

/** Recurring jobs: each due row is claimed by one instance, which enqueues a job and moves next_run_at on. */
export const schedules = pgTable("schedules", {
  name: text("name").primaryKey(),
  kind: text("kind").notNull(),
  intervalSeconds: integer("interval_seconds").notNull(),
  nextRunAt: timestamp("next_run_at", { withTimezone: true }).notNull(),
  lastRunAt: timestamp("last_run_at", { withTimezone: true }),
});

/** Each job kind's run record (every attempt is a run): 定时任务 shows it, and a run of failures raises an alert. */
export const jobKinds = pgTable("job_kinds", {
  kind: text("kind").primaryKey(),
  lastStartedAt: timestamp("last_started_at", { withTimezone: true }),
  lastFinishedAt: timestamp("last_finished_at", { withTimezone: true }),
  lastDurationMs: integer("last_duration_ms"),
  lastOk: boolean("last_ok"),
  lastError: text("last_error"),
  consecutiveFailures: integer("consecutive_failures").notNull().default(0),
  runs: integer("runs").notNull().default(0),
  failures: integer("failures").notNull().default(0),
});

/**
 * Idempotency keys (core/idempotency.ts): the first answer to a write sent with an `Idempotency-Key` header,
 * kept a day, so a retried send (a weak network, an offline form sent again) gets that answer instead of a
 * second record. `statusCode` is null while the first request is still being handled.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    /** The user's id, or `public` for the portal's anonymous forms. */
    owner: text("owner").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    statusCode: integer("status_code"),
    contentType: text("content_type"),
    response: text("response"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.owner, t.key] }), index("idempotency_keys_created_idx").on(t.createdAt)],
);

/**
 * 导入中心: one row per import a user ran (organizations, indicator sets, plans …): who, when, the file, how many
 * rows and how many were imported, and each row's error (so the errors file can be downloaded later).
 */
export const importRuns = pgTable(
  "import_runs",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    kind: text("kind").notNull(),
    userId: uuid("user_id").notNull(),
    userName: text("user_name").notNull(),
    orgId: uuid("org_id").notNull(),
    regionCode: text("region_code").notNull(),
    fileName: text("file_name").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    durationMs: integer("duration_ms").notNull(),
    status: text("status", { enum: ["succeeded", "failed"] }).notNull(),
    totalRows: integer("total_rows").notNull(),
    importedRows: integer("imported_rows").notNull(),
    errorRows: integer("error_rows").notNull(),
    summary: text("summary").notNull(),
    errors: jsonb("errors").$type<{ row: number; field: string; message: string }[]>().notNull().default([]),
  },
  (t) => [index("import_runs_started_idx").on(t.startedAt), index("import_runs_region_idx").on(t.regionCode)],
);

/**
 * Data revisions: a counter per key, bumped by a statement trigger on the tables a cached figure reads (migration
 * 0026), so a cache anywhere can tell in one indexed read whether what it holds is still exact
 * (server/core/revisions.ts).
 */
export const dataRevisions = pgTable("data_revisions", {
  key: text("key").primaryKey(),
  revision: bigint("revision", { mode: "number" }).notNull().default(0),
});
