import type { Db } from "../db/client.js";
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
};

export type Ctx = Deps & { actor: Actor };
