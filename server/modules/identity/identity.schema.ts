import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { tsvector } from "../../core/search.js";
import { orgs } from "../org/org.schema.js";

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    username: text("username").notNull().unique(),
    displayName: text("display_name").notNull(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => orgs.id),
    /** Copied from the organization so scope filters need no join; kept in step by the service. */
    regionCode: text("region_code").notNull(),
    /** SM4-encrypted mobile number (personal data); shown masked, revealed per field with an audit entry. */
    phoneEnc: text("phone_enc"),
    status: text("status", { enum: ["active", "disabled"] })
      .notNull()
      .default("active"),
    passwordHash: text("password_hash").notNull(),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }).notNull().defaultNow(),
    mustChangePassword: boolean("must_change_password").notNull().default(true),
    failedLogins: integer("failed_logins").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    totpSecretEnc: text("totp_secret_enc"),
    totpEnabled: boolean("totp_enabled").notNull().default(false),
    /** The last TOTP time step (30 s) accepted for this user: a code is accepted once only. */
    totpLastStep: bigint("totp_last_step", { mode: "number" }),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /** 用户名 and 姓名 for full-text search (core/search.ts). */
    search: tsvector("search"),
  },
  (t) => [
    index("users_region_idx").on(t.regionCode, t.username),
    index("users_org_idx").on(t.orgId),
    index("users_search_idx").using("gin", t.search),
  ],
);

export const passwordHistory = pgTable(
  "password_history",
  {
    /** Ascending with every change, so "the last N" is exact even within one clock tick. */
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    passwordHash: text("password_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("password_history_user_idx").on(t.userId, t.id)],
);

export const roles = pgTable("roles", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  description: text("description"),
  dataScope: text("data_scope", { enum: ["self", "org", "region", "region_tree", "all"] }).notNull(),
  /** 三员: system / security / audit; a user may hold at most one of them. */
  adminKind: text("admin_kind", { enum: ["system", "security", "audit"] }),
  builtin: boolean("builtin").notNull().default(false),
  permissions: text("permissions").array().notNull().default(sql`'{}'::text[]`),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const userRoles = pgTable(
  "user_roles",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    roleId: uuid("role_id")
      .notNull()
      .references(() => roles.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.roleId] }), index("user_roles_role_idx").on(t.roleId)],
);

/** Server-side sessions; the cookie carries a random token, the table only its SM3 hash. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    /** full, or a restricted stage the user must finish first. */
    stage: text("stage", { enum: ["full", "change_password", "enrol_totp"] }).notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokeReason: text("revoke_reason"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    prefix: text("prefix").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /** The permissions the token may use (intersected with its owner's at each request); null = all of the owner's. */
    permissions: text("permissions").array(),
    /** A read-only token may only GET. */
    readOnly: boolean("read_only").notNull().default(false),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId)],
);

/** Login captchas (验证码): one row per captcha issued, used once; the answer is kept only as a hash. */
export const loginCaptchas = pgTable(
  "login_captchas",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    answerHash: text("answer_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("login_captchas_expires_idx").on(t.expiresAt)],
);

/** Failed logins per client address within the policy's lock period: from the threshold on, a captcha is asked. */
export const loginClientFailures = pgTable("login_client_failures", {
  client: text("client").primaryKey(),
  failures: integer("failures").notNull(),
  since: timestamp("since", { withTimezone: true }).notNull(),
});

/**
 * A user's saved views of a list (保存的视图): a name and the list's filters, sort, page size and columns. Each
 * user sees only their own; the same name saved again replaces the view.
 */
export const userListViews = pgTable(
  "user_list_views",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    listId: text("list_id").notNull(),
    name: text("name").notNull(),
    state: jsonb("state").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("user_list_views_name_idx").on(t.userId, t.listId, t.name)],
);

/** A user's column choice and widths per list (列设置), so they follow the user to any computer. */
export const userListPrefs = pgTable(
  "user_list_prefs",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    listId: text("list_id").notNull(),
    state: jsonb("state").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.listId] })],
);
