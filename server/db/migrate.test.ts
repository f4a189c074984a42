import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { openDatabase } from "./client.js";
import { migrate, readMigrations } from "./migrate.js";

describe("migrations", () => {
  it("applies every migration once; a second run does nothing", async () => {
    const { db, close } = await openDatabase({ dataDir: "memory:" });
    try {
      const first = await migrate(db);
      expect(first).toEqual(readMigrations().map((m) => m.tag));
      expect(await migrate(db)).toEqual([]);
      const tables = await db.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name IN ('orgs', 'users', 'audit_log')`,
      );
      expect(tables.rows[0].n).toBe(3);
    } finally {
      await close();
    }
  });

  it.runIf(!!process.env.TEST_DATABASE_URL)(
    "two instances starting at once against one PostgreSQL do not both migrate",
    async () => {
      const base = process.env.TEST_DATABASE_URL!;
      const name = `shiliu_m_${crypto.randomBytes(5).toString("hex")}`;
      const admin = new pg.Client({ connectionString: base });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(base);
      url.pathname = `/${name}`;
      const a = await openDatabase({ databaseUrl: url.toString() });
      const b = await openDatabase({ databaseUrl: url.toString() });
      try {
        const [ranA, ranB] = await Promise.all([migrate(a.db), migrate(b.db)]);
        // Exactly one of them did the work; the other waited on the advisory lock and found it done.
        expect([ranA.length, ranB.length].sort()).toEqual([0, readMigrations().length]);
        const applied = await a.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM shiliu_migrations`);
        expect(applied.rows[0].n).toBe(readMigrations().length);
      } finally {
        await a.close();
        await b.close();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    },
  );
});
