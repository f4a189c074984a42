import crypto from "node:crypto";
import fs from "node:fs";
import { inject } from "vitest";
import { buildApp } from "../app.js";
import { bootstrap } from "../bootstrap.js";
import { FakeClock } from "../core/clock.js";
import type { Deps } from "../core/context.js";
import type { App } from "../core/http.js";
import { createDatabase, TEST_PROVINCES } from "./template.js";

export const ADMIN_PASSWORD = "Shiliu#Admin2026";

/**
 * The template the global setup prepared (server/test/global-setup.ts), when this file runs under it: a
 * PGlite dump or a PostgreSQL database name. Without it (another config) each file prepares its own database.
 */
function template(): { file: string | null; db: string | null } {
  return { file: inject("shiliuTemplateFile") ?? null, db: inject("shiliuTemplateDb") ?? null };
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
};

/**
 * The real application on a fresh database: in-memory PGlite, or a new database on TEST_DATABASE_URL, each a
 * copy of the run's template (migrated, 内蒙古's division tree loaded, dictionaries and roles seeded), on which
 * bootstrap finds that work done. The first admin exists with ADMIN_PASSWORD, time is a FakeClock.
 */
export async function createTestApp(
  opts: { mfa?: Deps["mfa"]; start?: string; dataDir?: string } = {},
): Promise<TestApp & { databaseUrl?: string }> {
  const base = process.env.TEST_DATABASE_URL;
  const tpl = template();
  const temp = base ? await createDatabase(base, { template: tpl.db ?? undefined }) : null;
  const dataDir = opts.dataDir ?? "memory:";
  const clock = new FakeClock(opts.start ?? "2026-03-02T01:00:00Z");
  const { database, deps } = await bootstrap({
    databaseUrl: temp?.url,
    dataDir,
    loadDataDir: !base && tpl.file ? templateDump(tpl.file) : undefined,
    provinces: TEST_PROVINCES,
    adminPassword: ADMIN_PASSWORD,
    fieldKey: crypto.randomBytes(32),
    mfa: opts.mfa ?? "off",
    clock,
    poolSize: 4,
  });
  const app = await buildApp(deps, { loginRateLimit: 10_000, benchRoutes: true });
  await app.ready();
  return {
    app,
    deps,
    databaseUrl: temp?.url,
    clock,
    kind: database.kind,
    close: async () => {
      await app.close();
      await database.close();
      await temp?.drop();
    },
    closeKeepingDatabase: async () => {
      await app.close();
      await database.close();
      return async () => temp?.drop();
    },
  };
}
