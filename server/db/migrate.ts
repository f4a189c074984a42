import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import type { Db } from "./client.js";

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");
/** Key of the transaction-level advisory lock that serialises migrations across instances. */
const MIGRATION_LOCK_KEY = 2_026_115_001;

type JournalEntry = { idx: number; tag: string };

export function readMigrations(dir = MIGRATIONS_DIR) {
  const journal = JSON.parse(fs.readFileSync(path.join(dir, "meta", "_journal.json"), "utf8")) as {
    entries: JournalEntry[];
  };
  return journal.entries
    .sort((a, b) => a.idx - b.idx)
    .map((e) => {
      const text = fs.readFileSync(path.join(dir, `${e.tag}.sql`), "utf8");
      return {
        tag: e.tag,
        hash: crypto.createHash("sha256").update(text).digest("hex"),
        statements: text
          .split("--> statement-breakpoint")
          .map((s) => s.trim())
          .filter(Boolean),
      };
    });
}

/**
 * Applies the drizzle-kit SQL migrations not yet applied, in one transaction holding an advisory lock:
 * a second instance starting at the same moment waits, then finds nothing left to do.
 */
export async function migrate(db: Db): Promise<string[]> {
  const migrations = readMigrations();
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    // Look before creating: under least privilege (docs/sql/least-privilege.sql) the app's role may not create
    // tables, and needs no DDL at all when every migration has been applied by the owner.
    const ledger = await tx.execute<{ t: string | null }>(sql`SELECT to_regclass('shiliu_migrations')::text AS t`);
    if (!ledger.rows[0]?.t)
      await tx.execute(sql`CREATE TABLE shiliu_migrations (
        tag text PRIMARY KEY, hash text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = await tx.execute<{ tag: string }>(sql`SELECT tag FROM shiliu_migrations`);
    const applied = new Set(done.rows.map((r) => r.tag));
    const ran: string[] = [];
    for (const m of migrations) {
      if (applied.has(m.tag)) continue;
      try {
        for (const statement of m.statements) await tx.execute(sql.raw(statement));
        await tx.execute(sql`INSERT INTO shiliu_migrations (tag, hash) VALUES (${m.tag}, ${m.hash})`);
      } catch (e) {
        if ((e as { code?: string }).code === "42501" || (e as { cause?: { code?: string } }).cause?.code === "42501")
          throw new Error(
            `数据库迁移 ${m.tag} 待执行，但当前数据库角色无权执行：请用属主角色的 DATABASE_URL 运行 npm run db:migrate 后再启动`,
          );
        throw e;
      }
      ran.push(m.tag);
    }
    return ran;
  });
}
