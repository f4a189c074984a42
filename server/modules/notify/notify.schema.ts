import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "../identity/identity.schema.js";

/**
 * One message per user. `key` makes a derived to-do idempotent (the same application awaiting the same user's
 * review is one message however often the list is synced); event messages get a unique key of their own.
 */
export const notifyMessages = pgTable(
  "notify_messages",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    category: text("category", { enum: ["todo", "event"] }).notNull(),
    source: text("source").notNull(),
    kindLabel: text("kind_label").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    link: text("link"),
    dueOn: date("due_on"),
    overdue: boolean("overdue").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    readAt: timestamp("read_at", { withTimezone: true }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    /** When the daily digest carried it (each message goes into one digest at most). */
    digestedAt: timestamp("digested_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("notify_messages_user_key").on(t.userId, t.key),
    index("notify_messages_user_unread").on(t.userId, t.createdAt).where(sql`read_at IS NULL`),
  ],
);

/** Each user's choices; no row means the defaults (no digest, the console only). */
export const notifyPrefs = pgTable("notify_prefs", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  digest: boolean("digest").notNull().default(false),
  channels: text("channels").array().notNull().default(sql`'{}'::text[]`),
  /** The last sync of this user's derived to-dos (a sync runs at most once a minute). */
  syncedAt: timestamp("synced_at", { withTimezone: true }),
  lastDigestAt: timestamp("last_digest_at", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** What the delivery adapters were asked to send, and what they answered. */
export const notifyDeliveries = pgTable(
  "notify_deliveries",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    channel: text("channel").notNull(),
    adapter: text("adapter").notNull(),
    subject: text("subject").notNull(),
    messageCount: integer("message_count").notNull(),
    status: text("status", { enum: ["sent", "failed"] }).notNull(),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("notify_deliveries_user").on(t.userId, t.createdAt)],
);

/**
 * 内部通知: an announcement from a department to the staff of its region (and below), published at once and
 * withdrawn with a reason, never edited after publishing. `region_code` is the publisher's region: the audience
 * is every active user whose region lies in it (or only the ethnic-affairs departments' staff).
 */
export const announcements = pgTable(
  "announcements",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    orgId: uuid("org_id").notNull(),
    regionCode: text("region_code").notNull(),
    audience: text("audience", { enum: ["all", "departments"] }).notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    attachmentIds: uuid("attachment_ids").array().notNull().default(sql`'{}'::uuid[]`),
    publishedBy: uuid("published_by")
      .notNull()
      .references(() => users.id),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull(),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    withdrawnBy: uuid("withdrawn_by").references(() => users.id),
    withdrawReason: text("withdraw_reason"),
  },
  (t) => [
    index("announcements_region_idx").on(t.regionCode, t.publishedAt),
    index("announcements_published_idx").on(t.publishedAt),
  ],
);

/** 阅读回执: who opened an announcement, and when first. */
export const announcementReads = pgTable(
  "announcement_reads",
  {
    announcementId: uuid("announcement_id")
      .notNull()
      .references(() => announcements.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    readAt: timestamp("read_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.announcementId, t.userId] }), index("announcement_reads_user_idx").on(t.userId)],
);
