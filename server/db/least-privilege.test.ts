import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { bootstrap } from "../bootstrap.js";
import { FakeClock } from "../core/clock.js";
import { recordAudit } from "../modules/audit/audit.service.js";
import { verifyChain } from "../modules/audit/audit.verify.js";
import { createTestApp } from "../test/harness.js";

/**
 * docs/sql/least-privilege.sql applied to a real database: the server starts and writes as the app role, and
 * that role can neither change nor remove audit entries, nor switch off or bypass the append-only trigger.
 * PostgreSQL only (PGlite has a single superuser).
 */
describe.runIf(!!process.env.TEST_DATABASE_URL)("least-privilege PostgreSQL roles", () => {
  it("the app role runs the server but cannot UPDATE, DELETE, TRUNCATE audit_log nor disable its trigger", async () => {
    const suffix = crypto.randomBytes(4).toString("hex");
    const owner = `shiliu_owner_${suffix}`;
    const appRole = `shiliu_app_${suffix}`;
    const password = `P${crypto.randomBytes(12).toString("hex")}`;
    const h = await createTestApp();
    const drop = await h.closeKeepingDatabase();
    const superuserUrl = h.databaseUrl!;
    const script = fs
      .readFileSync("docs/sql/least-privilege.sql", "utf8")
      .replaceAll("shiliu_owner", owner)
      .replaceAll("shiliu_app", appRole);
    const file = path.join(os.tmpdir(), `least-privilege-${suffix}.sql`);
    fs.writeFileSync(file, script);
    const appUrl = new URL(superuserUrl);
    appUrl.username = appRole;
    appUrl.password = password;
    const anchorDir = fs.mkdtempSync(path.join(os.tmpdir(), "shiliu-lp-anchors-"));
    try {
      const psql = spawnSync(
        "psql",
        [superuserUrl, "-q", "-v", `owner_password=${password}`, "-v", `app_password=${password}`, "-f", file],
        { encoding: "utf8" },
      );
      expect(psql.stderr).toBe("");
      expect(psql.status).toBe(0);
      // The whole server starts as the app role (migrations already applied, nothing to create) and audits.
      const { database, deps } = await bootstrap({
        databaseUrl: appUrl.toString(),
        dataDir: "memory:",
        provinces: ["15"],
        fieldKey: crypto.randomBytes(32),
        auditKeys: [h.auditKey],
        auditAnchorDir: anchorDir,
        mfa: "off",
        clock: new FakeClock("2026-03-03T01:00:00Z"),
      });
      try {
        await deps.db.transaction((tx) =>
          recordAudit(tx, deps.clock, null, { category: "auth", action: "auth.login", summary: "最小权限角色登录" }),
        );
        expect((await verifyChain(deps.db, deps.audit)).ok).toBe(true);
      } finally {
        await database.close();
      }
      const app = new pg.Client({ connectionString: appUrl.toString() });
      await app.connect();
      try {
        const refused = async (statement: string) => {
          const err = await app.query(statement).then(
            () => null,
            (e: { code?: string; message: string }) => e,
          );
          expect(err, statement).not.toBeNull();
          return err;
        };
        expect((await refused("DELETE FROM audit_log WHERE seq = 1"))?.code).toBe("42501");
        expect((await refused("UPDATE audit_log SET summary = 'x' WHERE seq = 1"))?.code).toBe("42501");
        expect((await refused("TRUNCATE audit_log"))?.code).toBe("42501");
        expect((await refused("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update"))?.code).toBe("42501");
        expect((await refused("DROP TRIGGER audit_log_no_update ON audit_log"))?.code).toBe("42501");
        expect((await refused("SET session_replication_role = replica"))?.code).toBe("42501");
        expect((await refused("CREATE TABLE audit_copy (x int)"))?.code).toBe("42501");
        // Business tables stay writable; the audit table takes appends.
        const count = await app.query("SELECT count(*)::int AS n FROM audit_log");
        expect(count.rows[0].n).toBeGreaterThan(1);
        await app.query("UPDATE settings SET value = value WHERE false");
      } finally {
        await app.end();
      }
    } finally {
      await drop();
      fs.rmSync(file, { force: true });
      fs.rmSync(anchorDir, { recursive: true, force: true });
      const su = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await su.connect();
      await su.query(`DROP ROLE IF EXISTS ${appRole}`);
      await su.query(`DROP ROLE IF EXISTS ${owner}`);
      await su.end();
    }
  }, 300_000);
});
