import type { Db } from "../db/client.js";
import type { Actor } from "./access.js";
import type { Clock } from "./clock.js";
import type { FieldCipher } from "./crypto.js";
import type { FileStore } from "./files.js";

/** What every service call receives: the database, the clock, the field cipher, and who is acting. */
export type Deps = {
  db: Db;
  clock: Clock;
  cipher: FieldCipher;
  files: FileStore;
  mfa: "admins" | "all" | "off";
};

export type Ctx = Deps & { actor: Actor };
