import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Append-only audit trail. Each entry's hash is SM3(previous hash ‖ canonical entry), so editing or
 * removing any entry breaks the chain from that point on. A trigger refuses UPDATE and DELETE.
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
  },
  (t) => [
    index("audit_entity_idx").on(t.entity, t.entityId, t.seq),
    index("audit_actor_idx").on(t.actorId, t.seq),
    index("audit_at_idx").on(t.at),
    index("audit_category_idx").on(t.category, t.seq),
  ],
);
