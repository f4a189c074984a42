import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrg, createUser, login, loginAdmin, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { canonicalJson, verifyChain } from "./audit.service.js";

async function tamper(h: TestApp, statement: string) {
  await h.deps.db.execute(sql.raw("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update"));
  await h.deps.db.execute(sql.raw(statement));
  await h.deps.db.execute(sql.raw("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update"));
}

describe("audit trail", () => {
  let h: TestApp;
  let orgId: string;

  beforeAll(async () => {
    h = await createTestApp();
    const admin = await loginAdmin(h);
    orgId = (await createOrg(admin, "科尔沁左翼后旗民族事务委员会", "150522")).id;
    await admin.json(`/api/orgs/${orgId}`, { method: "PATCH", body: { address: "甘旗卡镇" } });
    await createUser(h, admin, "auditor", orgId, ["audit_admin"]);
    await createUser(h, admin, "clerk", orgId, ["unit_user"], { phone: "13812345678" });
    await h.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "clerk", password: "Wrong#Pass9" },
    });
  });
  afterAll(() => h?.close());

  it("records every write with who, what and the changed fields; passwords and phones masked", async () => {
    const auditor = await login(h, "auditor", USER_PASSWORD);
    const updates = await auditor.json(`/api/audit?entity=org&entityId=${orgId}`);
    const update = updates.items.find((e: { action: string }) => e.action === "org.update");
    expect(update.actorName).toBe("系统管理员（admin）");
    expect(update.changes).toEqual({ address: [null, "甘旗卡镇"] });
    const create = updates.items.find((e: { action: string }) => e.action === "org.create");
    expect(create.changes.name).toEqual([null, "科尔沁左翼后旗民族事务委员会"]);
    const users = await auditor.json("/api/audit?action=user.create");
    const clerk = users.items.find((e: { summary: string }) => e.summary.includes("clerk"));
    expect(clerk.changes.phone).toEqual([null, "***"]);
    expect(JSON.stringify(users)).not.toContain("13812345678");
    expect(JSON.stringify(users)).not.toContain(USER_PASSWORD);
  });

  it("keeps a login log with failures; only the audit admin reads it", async () => {
    const auditor = await login(h, "auditor", USER_PASSWORD);
    const logins = await auditor.json("/api/audit/logins?outcome=failure");
    expect(
      logins.items.some(
        (e: { actorName: string; summary: string }) => e.actorName === "clerk" && e.summary === "密码错误",
      ),
    ).toBe(true);
    const admin = await loginAdmin(h);
    expect((await admin.req("/api/audit")).statusCode).toBe(403);
    expect((await admin.req("/api/audit/logins")).statusCode).toBe(403);
    const clerk = await login(h, "clerk", USER_PASSWORD);
    expect((await clerk.req("/api/audit")).statusCode).toBe(403);
  });

  it("a failed write leaves no audit entry and no change", async () => {
    const admin = await loginAdmin(h);
    const before = await verifyChain(h.deps.db);
    const res = await admin.req("/api/orgs", {
      method: "POST",
      body: { name: "科尔沁左翼后旗民族事务委员会", type: "party_gov", regionCode: "150522" },
    });
    expect(res.statusCode).toBe(400);
    const after = await verifyChain(h.deps.db);
    expect(after.checked).toBe(before.checked);
  });

  it("the database refuses UPDATE and DELETE of audit entries", async () => {
    await expect(h.deps.db.execute(sql`UPDATE audit_log SET summary = 'x' WHERE seq = 1`)).rejects.toThrow();
    await expect(h.deps.db.execute(sql`DELETE FROM audit_log WHERE seq = 1`)).rejects.toThrow();
  });

  it("exports with the same filters and records the export", async () => {
    const auditor = await login(h, "auditor", USER_PASSWORD);
    const res = await auditor.req("/api/audit/export?category=auth");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toContain("UTF-8''");
    const exports = await auditor.json("/api/audit?action=audit.export");
    expect(exports.total).toBe(1);
  });

  it("verification passes, then names the first edited entry, then the first removed one", async () => {
    const auditor = await login(h, "auditor", USER_PASSWORD);
    const ok = await auditor.json("/api/audit/verify");
    expect(ok.ok).toBe(true);
    expect(ok.checked).toBeGreaterThan(5);
    await tamper(h, "UPDATE audit_log SET summary = '无事发生' WHERE seq = 3");
    const edited = await auditor.json("/api/audit/verify");
    expect(edited.ok).toBe(false);
    expect(edited.firstBad).toEqual({ seq: 3, reason: "内容已被修改（哈希不符）" });
    // An attacker who also recomputes that entry's hash still breaks the link to the next one.
    const [row] = (await h.deps.db.execute<{ hash: string }>(sql`SELECT hash FROM audit_log WHERE seq = 3`)).rows;
    const { entryHash } = await import("./audit.service.js");
    const [r3] = (await h.deps.db.execute<Record<string, unknown>>(sql`SELECT * FROM audit_log WHERE seq = 3`)).rows;
    const forged = entryHash(String(r3.prev_hash), {
      seq: 3,
      at: String(r3.at),
      category: String(r3.category),
      action: String(r3.action),
      entity: r3.entity as string,
      entityId: r3.entity_id as string,
      actorId: r3.actor_id as string,
      actorName: r3.actor_name as string,
      ip: r3.ip as string,
      regionCode: r3.region_code as string,
      orgId: r3.org_id as string,
      outcome: String(r3.outcome),
      summary: r3.summary as string,
      changes: typeof r3.changes === "string" ? JSON.parse(r3.changes) : r3.changes,
    });
    expect(forged).not.toBe(row.hash);
    await tamper(h, `UPDATE audit_log SET hash = '${forged}' WHERE seq = 3`);
    const relinked = await auditor.json("/api/audit/verify");
    expect(relinked.firstBad).toEqual({ seq: 4, reason: "与上一条的链接哈希不一致" });
  });
});

describe("npm run audit:verify", () => {
  it("exits 1 and names the entry after a deletion", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shiliu-audit-"));
    const h = await createTestApp({ dataDir: process.env.TEST_DATABASE_URL ? "memory:" : dir });
    let drop: () => Promise<void> = async () => {};
    try {
      const admin = await loginAdmin(h);
      await createOrg(admin, "通辽市民族事务委员会", "1505");
      await createOrg(admin, "科尔沁区民族事务委员会", "150502");
      const env = { ...process.env, DATA_DIR: dir, DATABASE_URL: h.databaseUrl ?? "", LOG_LEVEL: "silent" };
      const run = () =>
        spawnSync("npx", ["tsx", "server/modules/audit/verify-audit.cli.ts"], { env, encoding: "utf8" });
      await tamper(h, "DELETE FROM audit_log WHERE seq = 2");
      drop = await h.closeKeepingDatabase();
      const bad = run();
      expect(bad.status).toBe(1);
      expect(bad.stderr).toContain("审计链校验失败：第 2 条");
      expect(bad.stderr).toContain("已被删除");
    } finally {
      await drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("canonical JSON does not depend on key order", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
  });
});
