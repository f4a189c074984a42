import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Append-only audit trail. Each entry's hash is HMAC-SM3(audit key, previous hash ‖ canonical entry) with a key
 * kept outside the database (`hash_alg` = 'hmac-sm3', `key_id` naming the key); entries written before keyed
 * hashing began keep plain SM3 (`hash_alg` = 'sm3'). A trigger refuses UPDATE, DELETE and TRUNCATE; anchors
 * outside the database catch what a superuser who bypasses it could still do (audit.anchor.ts).
 */
export const auditLog = pgTable(
  "audit_log",
  {
    seq: bigint("seq", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true, mode: "string" }).notNull(),
    category: text("category", { enum: ["data", "auth", "access", "export"] }).notNull(),
    action: text("action").notNull(),
    entity: text("entity"),
    entityId: text("entity_id"),
    actorId: uuid("actor_id"),
    actorName: text("actor_name"),
    ip: text("ip"),
    regionCode: text("region_code"),
    orgId: uuid("org_id"),
    outcome: text("outcome", { enum: ["success", "failure"] }).notNull(),
    summary: text("summary"),
    changes: jsonb("changes"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
    hashAlg: text("hash_alg", { enum: ["sm3", "hmac-sm3"] }).notNull(),
    keyId: text("key_id"),
  },
  (t) => [
    index("audit_entity_idx").on(t.entity, t.entityId, t.seq),
    index("audit_actor_idx").on(t.actorId, t.seq),
    index("audit_at_idx").on(t.at),
    index("audit_category_idx").on(t.category, t.seq),
  ],
);
