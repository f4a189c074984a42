/**
 * The tests' template database: migrated, 内蒙古's division tree loaded, dictionaries and built-in roles seeded
 * (`prepareDatabase`), built once per run by the global setup and copied by `createTestApp` for each test file.
 *
 *   PGlite      — a dump of the data directory (`dumpDataDir`), cached in node_modules/.cache/shiliu-test under a
 *                 hash of the server's and contracts' sources and the locked package versions, so a run after
 *                 no change to them reuses it; each file starts a PGlite from it (`loadDataDir`).
 *   PostgreSQL  — a database on TEST_DATABASE_URL, made for this run and dropped after it; each file gets
 *                 `CREATE DATABASE … TEMPLATE` of it.
 *
 * The first admin is not in the template: bootstrap creates it on each copy, with that file's clock.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { prepareDatabase } from "../bootstrap.js";
import { openDatabase } from "../db/client.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** PGlite: the dumped data directory of the template (a .tar.gz). */
    shiliuTemplateFile: string | null;
    /** PostgreSQL: the template database's name on TEST_DATABASE_URL. */
    shiliuTemplateDb: string | null;
  }
}

export const TEST_PROVINCES = ["15"];

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Everything a template's content can depend on: non-test sources of server/ and contracts/, and the lockfile. */
export function templateKey(): string {
  const hash = crypto.createHash("sha256");
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|sql|json)$/.test(e.name) && !/\.(test|spec)\.ts$/.test(e.name)) {
        hash.update(path.relative(ROOT, p)).update("\0").update(fs.readFileSync(p)).update("\0");
      }
    }
  };
  walk(path.join(ROOT, "server"));
  walk(path.join(ROOT, "contracts"));
  hash.update(fs.readFileSync(path.join(ROOT, "package-lock.json")));
  hash.update(JSON.stringify(TEST_PROVINCES));
  return hash.digest("hex").slice(0, 16);
}

function cacheDir(): string {
  const preferred = path.join(ROOT, "node_modules", ".cache", "shiliu-test");
  try {
    fs.mkdirSync(preferred, { recursive: true });
    fs.accessSync(preferred, fs.constants.W_OK);
    return preferred;
  } catch {
    const fallback = path.join(os.tmpdir(), "shiliu-test-cache");
    fs.mkdirSync(fallback, { recursive: true });
    return fallback;
  }
}

/** The PGlite template's file (built when no cached one matches the sources); old ones unused for a day go. */
export async function pgliteTemplateFile(): Promise<string> {
  const dir = cacheDir();
  const file = path.join(dir, `template-${templateKey()}.tar.gz`);
  const now = new Date();
  for (const name of fs.readdirSync(dir)) {
    const p = path.join(dir, name);
    if (p === file || !name.startsWith("template-")) continue;
    try {
      if (now.getTime() - fs.statSync(p).mtimeMs > 86_400_000) fs.rmSync(p, { force: true });
    } catch {
      // another run removed it first
    }
  }
  if (fs.existsSync(file)) {
    fs.utimesSync(file, now, now);
    return file;
  }
  const database = await openDatabase({ dataDir: "memory:" });
  try {
    await prepareDatabase(database.db, TEST_PROVINCES);
    const client = (database.db as unknown as { $client: PGlite }).$client;
    await client.query("CHECKPOINT");
    const dump = await client.dumpDataDir("gzip");
    // Written under a temporary name and renamed: a run starting meanwhile never reads half a file.
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}`;
    fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(tmp, file);
  } finally {
    await database.close();
  }
  return file;
}

async function withAdmin<T>(baseUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: baseUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export function databaseUrl(baseUrl: string, name: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A new database on the server of `baseUrl`, empty or a copy of `template`; `drop` removes it. */
export async function createDatabase(baseUrl: string, opts: { prefix?: string; template?: string } = {}) {
  const name = `${opts.prefix ?? "shiliu_t_"}${crypto.randomBytes(6).toString("hex")}`;
  await withAdmin(baseUrl, async (c) => {
    const template = opts.template ? ` TEMPLATE ${opts.template}` : "";
    // Two copies of one template at the same moment can collide on PostgreSQL's check that nobody else is
    // connected to the template (the other CREATE DATABASE is); retry a few times.
    for (let attempt = 1; ; attempt++) {
      try {
        await c.query(`CREATE DATABASE ${name}${template}`);
        return;
      } catch (e) {
        const busy = e instanceof Error && /is being accessed by other users/.test(e.message);
        if (!busy || attempt >= 20) throw e;
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    }
  });
  return {
    name,
    url: databaseUrl(baseUrl, name),
    drop: () => withAdmin(baseUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  };
}

/** The PostgreSQL template of one run: a prepared database nobody stays connected to. */
export async function postgresTemplate(baseUrl: string) {
  const db = await createDatabase(baseUrl, { prefix: "shiliu_tpl_" });
  try {
    const database = await openDatabase({ databaseUrl: db.url, poolSize: 2 });
    try {
      await prepareDatabase(database.db, TEST_PROVINCES);
    } finally {
      await database.close();
    }
  } catch (e) {
    await db.drop();
    throw e;
  }
  return db;
}
