import fs from "node:fs";
import path from "node:path";
import type { Clock } from "./core/clock.js";
import { systemClock } from "./core/clock.js";
import type { Deps } from "./core/context.js";
import { FieldCipher, loadOrCreateFieldKey } from "./core/crypto.js";
import { LocalFileStore } from "./core/files.js";
import { S3FileStore, type S3Options } from "./core/s3-files.js";
import { type Database, openDatabase } from "./db/client.js";
import { migrate } from "./db/migrate.js";
import { openReplica } from "./db/replica.js";
import { backfillActivitySearch, seedActivityDicts } from "./modules/activities/index.js";
import { auditKeyRing, bindAuditKeys, loadAuditKeys } from "./modules/audit/audit.keys.js";
import { hasKeyedAuditEntries } from "./modules/audit/audit.service.js";
import { backfillBaseSearch, seedBaseDicts } from "./modules/bases/index.js";
import { backfillNewsSearch, backfillPolicySearch, seedContentDicts } from "./modules/content/index.js";
import { backfillBatchNoticeSearch, backfillCreationSearch } from "./modules/creation/creation.search.js";
import { seedCreationCategories } from "./modules/creation/creation.service.js";
import { seedDisputesDicts } from "./modules/disputes/index.js";
import { backfillHonorsSearch, seedHonorsDicts } from "./modules/honors/index.js";
import { backfillUserSearch } from "./modules/identity/identity.search.js";
import { type CreatedAdmin, ensureAdminAccounts } from "./modules/identity/identity.seed.js";
import { seedBuiltinRoles } from "./modules/identity/role.service.js";
import { backfillMaterialSearch } from "./modules/materials/materials.service.js";
import { backfillOrgSearch, seedOrgTypes } from "./modules/org/org.service.js";
import { ensureRegionsLoaded } from "./modules/org/region.service.js";
import { backfillPlanNodeSearch } from "./modules/plans/plans.search.js";
import { seedServicesDicts } from "./modules/services/index.js";
import { seedWorkCalendar } from "./modules/system/calendar.service.js";

export type BootOptions = {
  databaseUrl?: string;
  dataDir: string;
  /** PGlite only: start from this dump (`dumpDataDir()`) instead of an empty cluster (the tests' template). */
  loadDataDir?: Blob;
  provinces: string[] | "all";
  /** Passwords of the three 三员 accounts created at first start (each generated when absent). */
  adminPassword?: string;
  securityAdminPassword?: string;
  auditAdminPassword?: string;
  fieldKey?: Buffer;
  fieldKeyFile?: string;
  /** The audit chain's keys (tests); otherwise read from auditKeyFile, generated while the chain has no keyed entry. */
  auditKeys?: Buffer[];
  auditKeyFile?: string;
  auditAnchorDir?: string;
  mfa: Deps["mfa"];
  clock?: Clock;
  poolSize?: number;
  /** PostgreSQL only: a streaming replica for lag-tolerant reads (server/db/replica.ts). */
  replica?: { url: string; maxLagSeconds: number; intervalMs?: number };
  /** Uploaded files in an S3-compatible object store instead of DATA_DIR/files. */
  s3?: S3Options;
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
  await seedWorkCalendar(db);
  await seedBaseDicts(db);
  await seedHonorsDicts(db);
  await seedActivityDicts(db);
  await seedServicesDicts(db);
  await seedDisputesDicts(db);
  await seedContentDicts(db);
  return regionsLoaded;
}

/**
 * Search vectors (core/search.ts) for rows that have none: rows from before the column existed, or written by
 * a tool that bypassed the modules' writers. jieba runs in Node, not in SQL, so a migration cannot fill them;
 * this does, in batches, and finds nothing to do on every later start.
 */
export async function backfillSearchVectors(db: Database["db"]): Promise<number> {
  let filled = 0;
  for (const backfill of [
    backfillOrgSearch,
    backfillMaterialSearch,
    backfillCreationSearch,
    backfillPlanNodeSearch,
    backfillUserSearch,
    backfillBatchNoticeSearch,
    backfillBaseSearch,
    backfillHonorsSearch,
    backfillActivitySearch,
    backfillNewsSearch,
    backfillPolicySearch,
  ])
    filled += await backfill(db);
  return filled;
}

/** config → database → migrations → base data: everything the server, tests and tools start from. */
export async function bootstrap(opts: BootOptions): Promise<{
  database: Database;
  deps: Deps;
  /** 三员 accounts this start created (all three at first start), with each generated password. */
  createdAdmins: CreatedAdmin[];
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
    await backfillSearchVectors(database.db);
    const auditKeyFile = opts.auditKeyFile ?? path.join(opts.dataDir, "audit.key");
    const auditKeys = opts.auditKeys
      ? auditKeyRing(opts.auditKeys)
      : loadAuditKeys(auditKeyFile, {
          create: true,
          mayCreate: fs.existsSync(auditKeyFile) || !(await hasKeyedAuditEntries(database.db)),
        });
    bindAuditKeys(database.db, auditKeys);
    const firstProvince = opts.provinces === "all" ? "11" : opts.provinces[0];
    const createdAdmins = await ensureAdminAccounts(database.db, clock, firstProvince, {
      system: opts.adminPassword,
      security: opts.securityAdminPassword,
      audit: opts.auditAdminPassword,
    });
    const key = opts.fieldKey ?? loadOrCreateFieldKey(opts.fieldKeyFile ?? path.join(opts.dataDir, "field.key"));
    if (opts.replica && database.kind !== "postgres")
      throw new Error("配置错误：DATABASE_REPLICA_URL 只能与 DATABASE_URL（PostgreSQL）一起使用");
    const replica = opts.replica
      ? await openReplica(database.db, opts.replica.url, {
          maxLagSeconds: opts.replica.maxLagSeconds,
          intervalMs: opts.replica.intervalMs,
          poolSize: opts.poolSize,
        })
      : undefined;
    if (replica) {
      const closePrimary = database.close;
      database.close = async () => {
        await replica.close();
        await closePrimary();
      };
    }
    const deps: Deps = {
      db: database.db,
      clock,
      cipher: new FieldCipher(key),
      files: opts.s3
        ? new S3FileStore(opts.s3)
        : new LocalFileStore(path.join(opts.dataDir === "memory:" ? "./data/test-files" : opts.dataDir, "files")),
      mfa: opts.mfa,
      audit: { keys: auditKeys, anchorDir: opts.auditAnchorDir ?? path.join(opts.dataDir, "audit-anchors") },
      ...(replica ? { replica } : {}),
    };
    return { database, deps, createdAdmins, regionsLoaded };
  } catch (e) {
    await database.close();
    throw e;
  }
}
