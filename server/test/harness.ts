import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { type AppOptions, buildApp } from "../app.js";
import { bootstrap } from "../bootstrap.js";
import { FakeClock } from "../core/clock.js";
import type { Deps } from "../core/context.js";
import type { App } from "../core/http.js";
import type { S3Options } from "../core/s3-files.js";
import { createDatabase, TEST_PROVINCES } from "./template.js";

export const ADMIN_PASSWORD = "Shiliu#Admin2026";
/** The first passwords of the security admin (secadmin) and the audit admin (auditadmin). */
export const SECADMIN_PASSWORD = "Shiliu#Guard2026";
export const AUDITADMIN_PASSWORD = "Shiliu#Ledger2026";

/**
 * The template the global setup prepared (server/test/global-setup.ts), when this file runs under it: a
 * PGlite dump or a PostgreSQL database name. Without it (another config, or outside Vitest) each app prepares its
 * own database.
 */
function template(): { file: string | null; db: string | null } {
  try {
    return { file: inject("shiliuTemplateFile") ?? null, db: inject("shiliuTemplateDb") ?? null };
  } catch {
    // Outside a Vitest run (the benchmarks' servers use createTestApp too): no template, a fresh database.
    return { file: null, db: null };
  }
}

let templateBlob: Blob | undefined;
function templateDump(file: string): Blob {
  templateBlob ??= new Blob([fs.readFileSync(file)]);
  return templateBlob;
}

export type TestApp = {
  app: App;
  deps: Deps;
  clock: FakeClock;
  kind: "pglite" | "postgres";
  close: () => Promise<void>;
  /** Closes the app but keeps the database for a second process; returns the function that drops it. */
  closeKeepingDatabase: () => Promise<() => Promise<void>>;
  /** The audit key this app signs with, and its own anchor directory (removed on close). */
  auditKey: Buffer;
  anchorDir: string;
};

/**
/**
 * The real application on a fresh database: in-memory PGlite, or a new database on TEST_DATABASE_URL, each a
 * copy of the run's template (migrated, 内蒙古's division tree loaded, dictionaries and roles seeded), on which
 * bootstrap finds that work done. The three 三员 accounts exist (admin, secadmin, auditadmin with ADMIN_PASSWORD,
 * SECADMIN_PASSWORD, AUDITADMIN_PASSWORD), time is a FakeClock.
 */
export async function createTestApp(
  opts: { mfa?: Deps["mfa"]; start?: string; dataDir?: string; app?: AppOptions; s3?: S3Options } = {},
): Promise<TestApp & { databaseUrl?: string }> {
  const base = process.env.TEST_DATABASE_URL;
  const tpl = template();
  const temp = base ? await createDatabase(base, { template: tpl.db ?? undefined }) : null;
  const dataDir = opts.dataDir ?? "memory:";
  const clock = new FakeClock(opts.start ?? "2026-03-02T01:00:00Z");
  const auditKey = crypto.randomBytes(32);
  const anchorDir = fs.mkdtempSync(path.join(os.tmpdir(), "shiliu-anchors-"));
  const { database, deps } = await bootstrap({
    databaseUrl: temp?.url,
    dataDir,
    loadDataDir: !base && tpl.file ? templateDump(tpl.file) : undefined,
    provinces: TEST_PROVINCES,
    adminPassword: ADMIN_PASSWORD,
    securityAdminPassword: SECADMIN_PASSWORD,
    auditAdminPassword: AUDITADMIN_PASSWORD,
    fieldKey: crypto.randomBytes(32),
    auditKeys: [auditKey],
    auditAnchorDir: anchorDir,
    mfa: opts.mfa ?? "off",
    clock,
    poolSize: 4,
    s3: opts.s3,
  });
  const app = await buildApp(deps, { loginRateLimit: 10_000, benchRoutes: true, dbPool: database.pool, ...opts.app });
  await app.ready();
  return {
    app,
    deps,
    databaseUrl: temp?.url,
    clock,
    kind: database.kind,
    auditKey,
    anchorDir,
    close: async () => {
      await app.close();
      await database.close();
      await temp?.drop();
      fs.rmSync(anchorDir, { recursive: true, force: true });
    },
    closeKeepingDatabase: async () => {
      await app.close();
      await database.close();
      return async () => {
        await temp?.drop();
        fs.rmSync(anchorDir, { recursive: true, force: true });
      };
    },
  };
}
