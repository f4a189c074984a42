import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateDrizzleJson, generateMigration } from "drizzle-kit/api";
import { sql } from "drizzle-orm";
import { pgTable, text, uuid } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type Database, openDatabase } from "./client.js";
import { migrate, readMigrations } from "./migrate.js";
import * as schema from "./schema.js";

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");
const HOW_TO_CHANGE =
  "把改动写进新的迁移：npx drizzle-kit generate --name <slug>（手写的触发器、函数追加到生成的 .sql 里）";

/**
 * Released migrations, by sha256 of their text. A database that has applied one never applies it again, so an
 * edit would reach new installations only: the two would drift apart. Never change these values.
 */
const FROZEN: Record<string, string> = {
  "0000_init": "2f03d3a6da77cc51045f62c11c598c1edf2bd1d86d0b22ef63776d0b3a23f909",
  "0001_audit_append_only": "20db49e46b19a16a2ee4b4b15f0dc4f1e06564aad3f6abd014f1d5fad4910737",
};

function frozenViolations(migrations: { tag: string; hash: string }[]): string[] {
  const out: string[] = [];
  Object.entries(FROZEN).forEach(([tag, hash], i) => {
    const m = migrations[i];
    if (m?.tag !== tag)
      out.push(`第 ${i + 1} 个迁移应为 ${tag}，现为 ${m?.tag ?? "（无）"}：已发布的迁移不得删除、改名或插队。`);
    else if (m.hash !== hash)
      out.push(`迁移 ${tag} 已发布，不得修改（sha256 应为 ${hash}，现为 ${m.hash}）：请恢复原文件，${HOW_TO_CHANGE}`);
  });
  return out;
}

describe("released migrations are frozen", () => {
  it("0000 and 0001 are byte for byte as released, first and in order", () => {
    expect(frozenViolations(readMigrations())).toEqual([]);
  });

  it("an edited released migration is caught and named (fixture: a copy with a comment added)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shiliu-migrations-"));
    try {
      fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
      fs.appendFileSync(path.join(dir, "0000_init.sql"), "\n-- a harmless-looking edit\n");
      const found = frozenViolations(readMigrations(dir));
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(/^迁移 0000_init 已发布，不得修改.*drizzle-kit generate/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * What PostgreSQL itself says the database holds, one line per table, column (type, null, default), constraint,
 * index, enum, sequence and view: the same text whatever statements built it. Functions and triggers are left
 * out: they are hand-written into migrations and the Drizzle schema does not declare them.
 */
async function catalog(db: Database["db"]): Promise<string[]> {
  const res = await db.execute<{ line: string }>(sql`
    WITH rel AS (
      SELECT c.oid, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relname <> 'shiliu_migrations')
    SELECT 'table ' || relname AS line FROM rel WHERE relkind IN ('r', 'p')
    UNION ALL
    SELECT format('column %s.%s %s%s%s%s%s', r.relname, a.attname, format_type(a.atttypid, a.atttypmod),
        CASE WHEN a.attnotnull THEN ' not null' ELSE '' END,
        coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), ''),
        CASE WHEN a.attidentity <> '' THEN ' identity ' || a.attidentity::text ELSE '' END,
        CASE WHEN a.attgenerated <> '' THEN ' generated' ELSE '' END)
      FROM pg_attribute a JOIN rel r ON r.oid = a.attrelid AND r.relkind IN ('r', 'p')
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE a.attnum > 0 AND NOT a.attisdropped
    UNION ALL
    SELECT format('constraint %s.%s %s', r.relname, con.conname, pg_get_constraintdef(con.oid))
      FROM pg_constraint con JOIN rel r ON r.oid = con.conrelid
    UNION ALL
    SELECT 'index ' || pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN rel r ON r.oid = i.indrelid
    UNION ALL
    SELECT 'view ' || relname || ' ' || pg_get_viewdef(oid) FROM rel WHERE relkind IN ('v', 'm')
    UNION ALL
    SELECT 'sequence ' || sequencename FROM pg_sequences WHERE schemaname = 'public'
    UNION ALL
    SELECT format('enum %s (%s)', t.typname, string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder))
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' GROUP BY t.typname`);
  return res.rows.map((r) => r.line).sort();
}

/** A fresh database built straight from a Drizzle schema (as `drizzle-kit generate` would write its SQL). */
async function databaseOf(imports: Record<string, unknown>) {
  const database = await openDatabase({ dataDir: "memory:" });
  const statements = await generateMigration(generateDrizzleJson({}), generateDrizzleJson(imports));
  for (const s of statements) await database.db.execute(sql.raw(s));
  return database;
}

function difference(migrated: string[], declared: string[]) {
  const a = new Set(migrated);
  const b = new Set(declared);
  return {
    onlyInMigrations: migrated.filter((l) => !b.has(l)),
    onlyInSchema: declared.filter((l) => !a.has(l)),
  };
}
const NO_DIFFERENCE = { onlyInMigrations: [], onlyInSchema: [] };

/** The last snapshot drizzle-kit wrote: what the next `drizzle-kit generate` will diff the schema against. */
function lastSnapshot() {
  const meta = path.join(MIGRATIONS_DIR, "meta");
  const last = fs
    .readdirSync(meta)
    .filter((f) => /^\d+_snapshot\.json$/.test(f))
    .sort()
    .at(-1)!;
  return JSON.parse(fs.readFileSync(path.join(meta, last), "utf8"));
}

/** What `drizzle-kit generate` would write for `imports` now. */
async function pendingStatements(imports: Record<string, unknown>): Promise<string[]> {
  try {
    return await generateMigration(lastSnapshot(), generateDrizzleJson(imports));
  } catch (e) {
    // Tables or columns both added and removed: drizzle-kit asks whether one was renamed (needs a terminal).
    if (/Interactive prompts/.test((e as Error).message)) return ["（表或列有增有删，drizzle-kit 需要确认是否改名）"];
    throw e;
  }
}

/**
 * A schema changed without a migration, for the checks below to catch: one table added in *.schema.ts, and
 * one (settings) taken out of it.
 */
const fixtureTable = pgTable("fixture_unmigrated", { id: uuid().primaryKey(), note: text() });
const { settings: _removed, ...withoutSettings } = schema;
const driftedSchema = { ...withoutSettings, fixtureTable };

describe("the migrations replay to exactly the Drizzle schema", () => {
  let migrated: Database;
  let declared: Database;
  beforeAll(async () => {
    [migrated, declared] = await Promise.all([
      openDatabase({ dataDir: "memory:" }).then(async (d) => {
        await migrate(d.db);
        return d;
      }),
      databaseOf(schema),
    ]);
  });
  afterAll(async () => {
    await migrated?.close();
    await declared?.close();
  });

  it("no *.schema.ts change lacks its migration (drizzle-kit's last snapshot equals the schema)", async () => {
    expect(await pendingStatements(schema), `*.schema.ts 有改动没有迁移：${HOW_TO_CHANGE}`).toEqual([]);
    // The fixtures: a table added to, or taken out of, the schema without a migration shows as statements to generate.
    expect((await pendingStatements({ ...schema, fixtureTable })).join("\n")).toMatch(
      /CREATE TABLE "fixture_unmigrated"/,
    );
    expect((await pendingStatements(withoutSettings)).join("\n")).toMatch(/DROP TABLE "settings"/);
    // Added and removed at once, drizzle-kit would ask whether it is a rename: that counts as a difference too.
    const quiet = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      expect(await pendingStatements(driftedSchema)).toHaveLength(1);
    } finally {
      quiet.mockRestore();
    }
  });

  it("a database built by the migrations has the tables, columns, constraints and indexes the schema declares", async () => {
    const diff = difference(await catalog(migrated.db), await catalog(declared.db));
    expect(diff, `迁移重放后的数据库与 *.schema.ts 不一致：${HOW_TO_CHANGE}`).toEqual(NO_DIFFERENCE);
  });

  it("catches a schema changed without a migration, and a migration that does more than the schema (fixtures)", async () => {
    const drifted = await databaseOf(driftedSchema);
    try {
      const diff = difference(await catalog(migrated.db), await catalog(drifted.db));
      expect(diff.onlyInSchema).toEqual(
        expect.arrayContaining([
          "table fixture_unmigrated",
          "column fixture_unmigrated.id uuid not null",
          "column fixture_unmigrated.note text",
        ]),
      );
      expect(diff.onlyInMigrations).toContain("table settings");
    } finally {
      await drifted.close();
    }
    // A migration edited by hand (here: one column more than the schema declares) is caught from the other side.
    await migrated.db.execute(sql`ALTER TABLE orgs ADD COLUMN fixture_note varchar(20) DEFAULT 'x'`);
    const diff = difference(await catalog(migrated.db), await catalog(declared.db));
    expect(diff).toEqual({
      onlyInMigrations: ["column orgs.fixture_note character varying(20) default 'x'::character varying"],
      onlyInSchema: [],
    });
  });
});
