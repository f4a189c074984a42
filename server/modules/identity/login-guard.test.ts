import { and, eq } from "drizzle-orm";
import { authenticator } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../config.js";
import type { ActorRole } from "../../core/access.js";
import { normalizeAddress, parseTrustProxy } from "../../core/net.js";
import { client, createOrg, createUser, loginAdmin, USER_PASSWORD } from "../../test/fixtures.js";
import { ADMIN_PASSWORD, createTestApp, type TestApp } from "../../test/harness.js";
import { auditLog } from "../audit/audit.schema.js";
import { mfaRequired } from "./auth.service.js";
import { sessions, users } from "./identity.schema.js";

type LoginOpts = { remoteAddress?: string; headers?: Record<string, string> };
const attempt = (h: TestApp, body: object, o: LoginOpts = {}) =>
  h.app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: body,
    remoteAddress: o.remoteAddress ?? "127.0.0.1",
    headers: o.headers ?? {},
  });

/** Signs in from its own address, so the low per-address limit of this file's app is not in the way. */
let nextAddress = 1;
async function signIn(h: TestApp, username: string) {
  const res = await attempt(h, { username, password: USER_PASSWORD }, { remoteAddress: `10.200.0.${nextAddress++}` });
  expect(res.statusCode, res.body).toBe(200);
  return client(h, String(res.headers["set-cookie"]).split(";")[0]);
}

async function loginLog(h: TestApp, username: string) {
  return h.deps.db
    .select({ ip: auditLog.ip, summary: auditLog.summary, outcome: auditLog.outcome })
    .from(auditLog)
    .where(and(eq(auditLog.action, "auth.login"), eq(auditLog.actorName, username)));
}

describe("login guard: proxy trust off, atomic lockout, one answer, TOTP once, MFA for user admins", () => {
  let h: TestApp;
  let orgId: string;

  beforeAll(async () => {
    // A low per-address limit, as in production (the shared harness uses a high one).
    h = await createTestApp({ app: { loginRateLimit: 5 } });
    const admin = await loginAdmin(h);
    orgId = (await createOrg(admin, "科尔沁左翼后旗民族事务委员会", "150522")).id;
    for (const u of ["target", "realuser", "totpuser", "plainuser"])
      await createUser(h, admin, u, orgId, ["unit_user"]);
    await createUser(h, admin, "delegated", orgId, ["ethnic_affairs_admin"]);
  }, 120_000);
  afterAll(() => h?.close());

  it("a rotating X-Forwarded-For neither escapes the per-address limit nor reaches the log", async () => {
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await attempt(
        h,
        { username: `xff_probe${i}`, password: "Wrong#Pass1" },
        { remoteAddress: "198.51.100.20", headers: { "x-forwarded-for": `10.0.0.${i + 1}, <script>${i}` } },
      );
      codes.push(res.statusCode);
      if (res.statusCode === 429) expect(res.json().error.code).toBe("RATE_LIMITED");
    }
    expect(codes).toEqual([401, 401, 401, 401, 401, 429, 429]);
    // Another address still gets its own allowance.
    expect(
      (await attempt(h, { username: "xff_other", password: "x" }, { remoteAddress: "198.51.100.21" })).statusCode,
    ).toBe(401);
    for (let i = 0; i < 5; i++) {
      const [row] = await loginLog(h, `xff_probe${i}`);
      expect(row.ip).toBe("198.51.100.20");
    }
  });

  it("100 parallel wrong passwords: exactly 5 are checked, then the account is locked", async () => {
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        attempt(
          h,
          { username: "target", password: `Wrong#Pass${i}` },
          { remoteAddress: `10.1.${Math.floor(i / 200)}.${(i % 200) + 1}` },
        ),
      ),
    );
    const count = (s: number) => results.filter((r) => r.statusCode === s).length;
    expect([count(401), count(423)]).toEqual([4, 96]);
    const log = await loginLog(h, "target");
    const by = (s: string) => log.filter((r) => r.summary === s).length;
    // Checked passwords: 4 plain failures and the 5th, which locked; the other 95 were refused unchecked.
    expect([by("密码错误"), by("连续失败 5 次，账号锁定"), by("账号已锁定")]).toEqual([4, 1, 95]);
    const right = await attempt(h, { username: "target", password: USER_PASSWORD }, { remoteAddress: "10.5.0.1" });
    expect(right.statusCode).toBe(423);
    h.clock.advanceMinutes(16);
    expect(
      (await attempt(h, { username: "target", password: USER_PASSWORD }, { remoteAddress: "10.5.0.2" })).statusCode,
    ).toBe(200);
    const [row] = await h.deps.db.select().from(users).where(eq(users.username, "target"));
    expect([row.failedLogins, row.lockedUntil]).toEqual([0, null]);
  });

  it("an unknown user name and a wrong password get the same answers, lockout included", async () => {
    for (let i = 1; i <= 6; i++) {
      const real = await attempt(
        h,
        { username: "realuser", password: "Wrong#Pass1" },
        { remoteAddress: `10.2.0.${i}` },
      );
      const ghost = await attempt(
        h,
        { username: "ghostuser", password: "Wrong#Pass1" },
        { remoteAddress: `10.3.0.${i}` },
      );
      expect(ghost.statusCode).toBe(real.statusCode);
      expect(ghost.json()).toEqual(real.json());
      expect(real.statusCode).toBe(i < 5 ? 401 : 423);
      expect(real.json().error.message).not.toMatch(/再失败|剩余/);
    }
    h.clock.advanceMinutes(16);
  });

  it("a TOTP code is accepted once only, even in two parallel logins", async () => {
    const c = await signIn(h, "totpuser");
    const { secret } = await c.json("/api/auth/totp/setup", { method: "POST" });
    const code = () => authenticator.clone({ epoch: h.clock.now().getTime() }).generate(secret);
    await c.json("/api/auth/totp/enable", { method: "POST", body: { totp: code() } });
    const withCode = (addr: string) =>
      attempt(h, { username: "totpuser", password: USER_PASSWORD, totp: code() }, { remoteAddress: addr });
    // The code that confirmed the enrolment cannot sign in.
    const reused = await withCode("10.4.0.1");
    expect([reused.statusCode, reused.json().error.code]).toEqual([401, "TOTP_INVALID"]);
    h.clock.advance(30_000);
    expect((await withCode("10.4.0.2")).statusCode).toBe(200);
    const replay = await withCode("10.4.0.3");
    expect([replay.statusCode, replay.json().error.code]).toEqual([401, "TOTP_INVALID"]);
    h.clock.advance(30_000);
    const pair = await Promise.all([withCode("10.4.0.4"), withCode("10.4.0.5")]);
    expect(pair.map((r) => r.statusCode).sort()).toEqual([200, 401]);
    // A code from an earlier step than the last one used is refused too (within the ±1 step window).
    const earlier = authenticator.clone({ epoch: h.clock.now().getTime() - 30_000 }).generate(secret);
    const old = await attempt(
      h,
      { username: "totpuser", password: USER_PASSWORD, totp: earlier },
      { remoteAddress: "10.4.0.6" },
    );
    expect(old.json().error.code).toBe("TOTP_INVALID");
    h.clock.advanceMinutes(20); // past any lock those failures might have come near
  });

  it("with SHILIU_MFA=admins a delegated user administrator must enrol TOTP; a plain user need not", async () => {
    h.deps.mfa = "admins";
    try {
      const delegated = await signIn(h, "delegated");
      expect((await delegated.json("/api/auth/me")).stage).toBe("enrol_totp");
      const blocked = await delegated.req("/api/users");
      expect([blocked.statusCode, blocked.json().error.code]).toEqual([403, "STAGE_REQUIRED"]);
      const plain = await signIn(h, "plainuser");
      expect((await plain.json("/api/auth/me")).stage).toBe("full");
    } finally {
      h.deps.mfa = "off";
    }
  });

  it("any role that can reset passwords, grant or define roles requires TOTP; a business role does not", () => {
    const role = (permissions: string[]): ActorRole => ({
      id: "r",
      code: "custom",
      name: "自定义",
      dataScope: "org",
      adminKind: null,
      permissions,
    });
    const actor = (permissions: string[]) =>
      ({ roles: [role(permissions)] }) as unknown as Parameters<typeof mfaRequired>[1];
    const admins = { mfa: "admins" as const };
    for (const p of ["user:reset_password", "user:update", "user:create", "role:manage", "role:grant", "user:unlock"])
      expect(mfaRequired(admins, actor(["material:read", p])), p).toBe(true);
    expect(mfaRequired(admins, actor(["material:read", "user:read", "role:read", "plan:manage"]))).toBe(false);
    expect(mfaRequired({ mfa: "off" }, actor(["role:manage"]))).toBe(false);
  });
});

describe("proxy trust is a setting", () => {
  it("parses TRUST_PROXY: off by default, a list of addresses/CIDRs, anything else refused", () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "10.0.0.1, 192.168.0.0/16,loopback" }).trustProxy).toEqual([
      "10.0.0.1",
      "192.168.0.0/16",
      "loopback",
    ]);
    expect(() => loadConfig({ TRUST_PROXY: "true" })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: "10.0.0.0/33" })).toThrow(/10\.0\.0\.0\/33/);
    expect(parseTrustProxy("*")).toEqual({ invalid: ["*"] });
    expect(normalizeAddress("::ffff:10.1.2.3")).toBe("10.1.2.3");
    expect(normalizeAddress("<script>")).toBeNull();
    expect(normalizeAddress("1.2.3.4\r\nX")).toBeNull();
  });

  it("behind a trusted proxy the forwarded address is used; header text or an untrusted sender is not", async () => {
    const h = await createTestApp({ app: { trustProxy: ["10.9.9.9"] } });
    try {
      const via = async (remoteAddress: string, xff: string) => {
        const res = await attempt(
          h,
          { username: "admin", password: ADMIN_PASSWORD },
          { remoteAddress, headers: { "x-forwarded-for": xff } },
        );
        expect(res.statusCode).toBe(200);
        return (await h.deps.db.select({ ip: sessions.ip }).from(sessions)).map((r) => r.ip);
      };
      expect(await via("10.9.9.9", "203.0.113.7")).toContain("203.0.113.7");
      const afterGarbage = await via("10.9.9.9", "<img src=x onerror=alert(1)>");
      expect(afterGarbage.filter((ip) => ip === "10.9.9.9")).toHaveLength(1);
      const afterUntrusted = await via("192.0.2.50", "203.0.113.8");
      expect(afterUntrusted).toContain("192.0.2.50");
      expect(afterUntrusted).not.toContain("203.0.113.8");
      const logged = await loginLog(h, "admin");
      expect(logged.every((r) => r.ip === null || /^[0-9a-f.:]+$/.test(r.ip))).toBe(true);
    } finally {
      await h.close();
    }
  }, 120_000);
});
