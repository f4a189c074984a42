import type { Db } from "../db/client.js";
import type { Replica } from "../db/replica.js";
import type { AuditSetup } from "../modules/audit/audit.keys.js";
import type { Actor } from "./access.js";
import type { Clock } from "./clock.js";
import type { FieldCipher } from "./crypto.js";
import type { FileStore } from "./files.js";

/** What every service call receives: the database, the clock, the field cipher, the audit keys, and who is acting. */
export type Deps = {
  db: Db;
  clock: Clock;
  cipher: FieldCipher;
  files: FileStore;
  mfa: "admins" | "all" | "off";
  /** The audit chain's key ring and the directory of its anchors, both outside the database. */
  audit: AuditSetup;
  /** A streaming read replica for statistics, dashboards and exports (DATABASE_REPLICA_URL); none by default. */
  replica?: Replica;
};

export type Ctx = Deps & {
  actor: Actor;
  /** Set for a request when a replica is configured: the database its lag-tolerant reads go to (see readDb). */
  readDb?: () => Db;
};

/**
 * The database for a read that may lag by the replica's bound (statistics, dashboards, exports): the replica
 * when one is configured and within its bound — the response then states how current it is — else the primary.
 * Never for a read that a write depends on.
 */
export function readDb(ctx: Pick<Ctx, "db" | "readDb">): Db {
  return ctx.readDb?.() ?? ctx.db;
}
