import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrg, createUser, login, loginAdmin, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { auditLog } from "./audit.schema.js";
import { canonicalJson, recordAudit } from "./audit.service.js";
import { verifyChain } from "./audit.verify.js";

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

  it("names the organizations, users, roles and regions an entry refers to instead of their ids and codes", async () => {
    const auditor = await login(h, "auditor", USER_PASSWORD);
    const users = await auditor.json("/api/audit?action=user.create");
    const clerk = users.items.find((e: { summary: string }) => e.summary.includes("clerk"));
    expect(JSON.stringify(clerk.changes)).toContain(orgId);
    expect(clerk.names[orgId]).toBe("科尔沁左翼后旗民族事务委员会");
    const updates = await auditor.json(`/api/audit?entity=org&entityId=${orgId}`);
    const create = updates.items.find((e: { action: string }) => e.action === "org.create");
    expect(create.changes.regionCode).toEqual([null, "150522"]);
    expect(create.names["150522"]).toContain("科尔沁左翼后旗");
    // The organization's type is a dictionary code: it reads as the dictionary's label.
    const type = (create.changes.type as [null, string])[1];
    expect(create.names[type]).toBeTruthy();
    expect(create.names[type]).not.toBe(type);
    // The entry's own organization by name (the admin who created it belongs to none here: null).
    expect(clerk).toHaveProperty("orgName");
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
    const before = await verifyChain(h.deps.db, h.deps.audit);
    const res = await admin.req("/api/orgs", {
      method: "POST",
      body: { name: "科尔沁左翼后旗民族事务委员会", type: "party_gov", regionCode: "150522" },
    });
    expect(res.statusCode).toBe(400);
    const after = await verifyChain(h.deps.db, h.deps.audit);
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

  it("an ill-formed string reaching recordAudit is stored and hashed alike, so the chain stays verifiable", async () => {
    await h.deps.db.transaction((tx) =>
      recordAudit(tx, h.clock, null, {
        category: "auth",
        action: "auth.token_create",
        actorName: "ab\ud800cd",
        summary: "令牌 ab\udc00cd\u0000",
        changes: { "na\ud800me": ["x\ud83d", "y\u0000"], ok: "完成率>90%；\ud83d\ude00" },
      }),
    );
    const [row] = await h.deps.db.select().from(auditLog).where(eq(auditLog.actorName, "ab\ufffdcd"));
    expect(row.summary).toBe("令牌 ab\ufffdcd\ufffd");
    expect(row.changes).toEqual({ "na\ufffdme": ["x\ufffd", "y\ufffd"], ok: "完成率>90%；😀" });
    expect(row.hashAlg).toBe("hmac-sm3");
    const result = await verifyChain(h.deps.db, h.deps.audit, { now: h.clock.now() });
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it("verification passes and anchors the head, then names every edited entry", async () => {
    const auditor = await login(h, "auditor", USER_PASSWORD);
    const ok = await auditor.json("/api/audit/verify");
    expect(ok.ok).toBe(true);
    expect(ok.checked).toBeGreaterThan(5);
    expect(ok.anchored.seq).toBe(ok.lastSeq);
    expect(fs.readdirSync(h.anchorDir)).toContain(`anchor-${String(ok.lastSeq).padStart(12, "0")}.json`);
    await tamper(h, "UPDATE audit_log SET summary = '无事发生' WHERE seq IN (3, 5)");
    const edited = await auditor.json("/api/audit/verify");
    expect(edited.ok).toBe(false);
    expect(edited.anchored).toBeNull();
    expect(edited.firstBad).toEqual({ seq: 3, reason: "内容或哈希不符（被修改或伪造）" });
    expect(edited.problems.map((p: { seq: number; kind: string }) => [p.seq, p.kind])).toEqual([
      [3, "content"],
      [5, "content"],
    ]);
  });

  it("the export carries the anchors", async () => {
    const auditor = await login(h, "auditor", USER_PASSWORD);
    const res = await auditor.req("/api/audit/export?category=auth");
    expect(res.statusCode).toBe(200);
    const { default: ExcelJS } = await import("exceljs");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet("校验锚点");
    expect(sheet?.getRow(1).getCell(1).value).toBe("锚定序号");
    const anchorFile = fs.readdirSync(h.anchorDir)[0];
    const anchor = JSON.parse(fs.readFileSync(path.join(h.anchorDir, anchorFile), "utf8"));
    expect(sheet?.getRow(2).getCell(1).value).toBe(anchor.seq);
    expect(sheet?.getRow(2).getCell(6).value).toBe(anchor.mac);
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
      fs.writeFileSync(path.join(dir, "audit.key"), h.auditKey.toString("hex"));
      const env = {
        ...process.env,
        DATA_DIR: dir,
        DATABASE_URL: h.databaseUrl ?? "",
        AUDIT_ANCHOR_DIR: h.anchorDir,
        LOG_LEVEL: "silent",
      };
      const run = () =>
        spawnSync("npx", ["tsx", "server/modules/audit/verify-audit.cli.ts"], { env, encoding: "utf8" });
      await tamper(h, "DELETE FROM audit_log WHERE seq = 2");
      drop = await h.closeKeepingDatabase();
      const bad = run();
      expect(bad.status).toBe(1);
      expect(bad.stderr).toContain("审计链校验失败");
      expect(bad.stderr).toContain("第 2 条：缺失（已被删除）");
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
