import path from "node:path";
import type { Clock } from "./core/clock.js";
import { systemClock } from "./core/clock.js";
import type { Deps } from "./core/context.js";
import { FieldCipher, loadOrCreateFieldKey } from "./core/crypto.js";
import { LocalFileStore } from "./core/files.js";
import { type Database, openDatabase } from "./db/client.js";
import { migrate } from "./db/migrate.js";
import { seedCreationCategories } from "./modules/creation/creation.service.js";
import { ensureFirstAdmin } from "./modules/identity/identity.seed.js";
import { seedBuiltinRoles } from "./modules/identity/role.service.js";
import { seedOrgTypes } from "./modules/org/org.service.js";
import { ensureRegionsLoaded } from "./modules/org/region.service.js";

export type BootOptions = {
  databaseUrl?: string;
  dataDir: string;
  /** PGlite only: start from this dump (`dumpDataDir()`) instead of an empty cluster (the tests' template). */
  loadDataDir?: Blob;
  provinces: string[] | "all";
  adminPassword?: string;
  fieldKey?: Buffer;
  fieldKeyFile?: string;
  mfa: Deps["mfa"];
  clock?: Clock;
  poolSize?: number;
};

/**
 * Migrations and the base data that does not depend on the installation: the division tree of the chosen
 * provinces, organization types, 创建 categories, built-in roles. Idempotent: on a database where it has run
 * (a restart, or a copy of the tests' template) it only checks and returns 0 regions loaded.
 */
export async function prepareDatabase(db: Database["db"], provinces: string[] | "all"): Promise<number> {
  await migrate(db);
  const regionsLoaded = await ensureRegionsLoaded(db, provinces);
  await seedOrgTypes(db);
  await seedCreationCategories(db);
  await seedBuiltinRoles(db);
  return regionsLoaded;
}

/** config → database → migrations → base data: everything the server, tests and tools start from. */
export async function bootstrap(opts: BootOptions): Promise<{
  database: Database;
  deps: Deps;
  firstAdmin: { username: string; password: string | null } | null;
  regionsLoaded: number;
}> {
  const database = await openDatabase({
    databaseUrl: opts.databaseUrl,
    dataDir: opts.dataDir,
    poolSize: opts.poolSize,
    loadDataDir: opts.loadDataDir,
  });
  try {
    const clock = opts.clock ?? systemClock;
    const regionsLoaded = await prepareDatabase(database.db, opts.provinces);
    const firstProvince = opts.provinces === "all" ? "11" : opts.provinces[0];
    const firstAdmin = await ensureFirstAdmin(database.db, clock, firstProvince, opts.adminPassword);
    const key = opts.fieldKey ?? loadOrCreateFieldKey(opts.fieldKeyFile ?? path.join(opts.dataDir, "field.key"));
    const deps: Deps = {
      db: database.db,
      clock,
      cipher: new FieldCipher(key),
      files: new LocalFileStore(path.join(opts.dataDir === "memory:" ? "./data/test-files" : opts.dataDir, "files")),
      mfa: opts.mfa,
    };
    return { database, deps, firstAdmin, regionsLoaded };
  } catch (e) {
    await database.close();
    throw e;
  }
}
