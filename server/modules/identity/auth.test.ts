import { eq } from "drizzle-orm";
import { authenticator } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, createOrg, createUser, login, loginAdmin, loginSecurity, USER_PASSWORD } from "../../test/fixtures.js";
import { ADMIN_PASSWORD, createTestApp, type TestApp } from "../../test/harness.js";
import { users } from "./identity.schema.js";

/** Each attempt from its own address, so the per-client captcha (captcha.test.ts) stays out of these tests. */
let address = 0;
const post = (h: TestApp, body: object) =>
  h.app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: body,
    remoteAddress: `10.90.${Math.floor(++address / 250)}.${(address % 250) + 1}`,
  });

describe("login, lockout, sessions", () => {
  let h: TestApp;
  let orgId: string;

  beforeAll(async () => {
    h = await createTestApp();
    const admin = await loginAdmin(h);
    orgId = (await createOrg(admin, "科尔沁左翼后旗民族事务委员会", "150522")).id;
    await createUser(h, admin, "lockme", orgId, ["unit_user"]);
    await createUser(h, admin, "idler", orgId, ["unit_user"]);
    await createUser(h, admin, "quitter", orgId, ["unit_user"]);
  });
  afterAll(() => h?.close());

  it("refuses a wrong password with the lockout rule (no per-account count), and locks after 5 failures for 15 minutes", async () => {
    for (let i = 1; i <= 4; i++) {
      const res = await post(h, { username: "lockme", password: "Wrong#Pass1" });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.message).toBe("用户名或密码错误（连续失败 5 次账号将被锁定 15 分钟）");
      expect(res.json().error.details).toBeUndefined();
    }
    const fifth = await post(h, { username: "lockme", password: "Wrong#Pass1" });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.message).toBe("账号已被锁定，请 15 分钟后再试，或联系安全管理员解锁");
    // Even the right password is refused while locked, with the minutes left.
    h.clock.advanceMinutes(6);
    const locked = await post(h, { username: "lockme", password: USER_PASSWORD });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.details.minutesLeft).toBe(9);
    h.clock.advanceMinutes(10);
    expect((await post(h, { username: "lockme", password: USER_PASSWORD })).statusCode).toBe(200);
  });

  it("a security admin can unlock a locked account", async () => {
    const admin = await loginAdmin(h);
    const sec = await createUser(h, admin, "sec1", orgId, ["security_admin"]);
    for (let i = 0; i < 5; i++) await post(h, { username: "lockme", password: "Wrong#Pass1" });
    expect((await post(h, { username: "lockme", password: USER_PASSWORD })).statusCode).toBe(423);
    const secClient = await login(h, sec.username, USER_PASSWORD);
    const lockme = (await secClient.json(`/api/users?q=lockme`)).items[0];
    expect(lockme.locked).toBe(true);
    await secClient.json(`/api/users/${lockme.id}/unlock`, { method: "POST" });
    expect((await post(h, { username: "lockme", password: USER_PASSWORD })).statusCode).toBe(200);
  });

  it("an unknown user gets the same message as a wrong password", async () => {
    const res = await post(h, { username: "nobody", password: "Whatever#1" });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toBe("用户名或密码错误（连续失败 5 次账号将被锁定 15 分钟）");
  });

  it("ends a session idle for more than 30 minutes", async () => {
    const c = await login(h, "idler", USER_PASSWORD);
    h.clock.advanceMinutes(29);
    expect((await c.req("/api/auth/me")).statusCode).toBe(200);
    h.clock.advanceMinutes(29);
    expect((await c.req("/api/auth/me")).statusCode).toBe(200);
    h.clock.advanceMinutes(31);
    const res = await c.req("/api/auth/me");
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("SESSION_EXPIRED");
    expect(res.json().error.message).toBe("会话已超时，请重新登录");
    // The session stays dead even if time went back.
    expect((await c.req("/api/auth/me")).statusCode).toBe(401);
  });

  it("logout revokes the session on the server", async () => {
    const c = await login(h, "quitter", USER_PASSWORD);
    await c.json("/api/auth/logout", { method: "POST" });
    expect((await c.req("/api/auth/me")).statusCode).toBe(401);
  });

  it("disabling a user ends their sessions and API tokens at once", async () => {
    const admin = await loginAdmin(h);
    const u = await createUser(h, admin, "tobedisabled", orgId, ["unit_user"]);
    const c = await login(h, u.username, USER_PASSWORD);
    const token = await c.json("/api/auth/tokens", { method: "POST", body: { name: "数据对接" } });
    const bearer = client(h, null);
    expect((await bearer.req("/api/orgs", { headers: { authorization: `Bearer ${token.token}` } })).statusCode).toBe(
      200,
    );
    await admin.json(`/api/users/${u.id}/disable`, { method: "POST" });
    expect((await c.req("/api/auth/me")).statusCode).toBe(401);
    expect((await bearer.req("/api/orgs", { headers: { authorization: `Bearer ${token.token}` } })).statusCode).toBe(
      401,
    );
    const relogin = await post(h, { username: u.username, password: USER_PASSWORD });
    expect(relogin.statusCode).toBe(403);
    expect(relogin.json().error.message).toBe("账号已停用，请联系系统管理员");
  });

  it("changing the password ends the user's other sessions", async () => {
    const admin = await loginAdmin(h);
    const u = await createUser(h, admin, "changer", orgId, ["unit_user"]);
    const a = await login(h, u.username, USER_PASSWORD);
    const b = await login(h, u.username, USER_PASSWORD);
    await a.json("/api/auth/password", {
      method: "POST",
      body: { oldPassword: USER_PASSWORD, newPassword: "Brand#New2026" },
    });
    expect((await a.req("/api/auth/me")).statusCode).toBe(200);
    expect((await b.req("/api/auth/me")).statusCode).toBe(401);
  });
});

describe("password policy, expiry, history, first login", () => {
  let h: TestApp;
  let orgId: string;
  beforeAll(async () => {
    h = await createTestApp();
    const admin = await loginAdmin(h);
    orgId = (await createOrg(admin, "通辽市民族事务委员会", "1505")).id;
  });
  afterAll(() => h?.close());

  it("a new user must change the generated password before doing anything else", async () => {
    const admin = await loginAdmin(h);
    const created = await admin.json("/api/users", {
      method: "POST",
      body: { username: "newbie", displayName: "新同事", orgId, roleIds: [] },
    });
    expect(created.temporaryPassword).toMatch(/.{16}/);
    const c = await login(h, "newbie", created.temporaryPassword);
    const me = await c.json("/api/auth/me");
    expect(me.stage).toBe("change_password");
    const blocked = await c.req("/api/orgs");
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.message).toBe("请先完成修改密码后再继续");
    const weak = await c.req("/api/auth/password", {
      method: "POST",
      body: { oldPassword: created.temporaryPassword, newPassword: "abcdefgh" },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details.fields[0].field).toBe("newPassword");
    expect(weak.json().error.message).toContain("至少 8 位");
    const withName = await c.req("/api/auth/password", {
      method: "POST",
      body: { oldPassword: created.temporaryPassword, newPassword: "Newbie#2026x" },
    });
    expect(withName.json().error.message).toContain("不能包含用户名");
    const ok = await c.json("/api/auth/password", {
      method: "POST",
      body: { oldPassword: created.temporaryPassword, newPassword: "Grass#land2026" },
    });
    expect(ok.stage).toBe("full");
    expect((await c.req("/api/auth/me")).json().stage).toBe("full");
  });

  it("refuses any of the last 5 passwords", async () => {
    const admin = await loginAdmin(h);
    const u = await createUser(h, admin, "historian", orgId, ["unit_user"]);
    const c = await login(h, u.username, USER_PASSWORD);
    const seq = ["Steppe#0001a", "Steppe#0002a", "Steppe#0003a", "Steppe#0004a"];
    let current = USER_PASSWORD;
    for (const next of seq) {
      await c.json("/api/auth/password", { method: "POST", body: { oldPassword: current, newPassword: next } });
      current = next;
    }
    const reuse = await c.req("/api/auth/password", {
      method: "POST",
      body: { oldPassword: current, newPassword: USER_PASSWORD },
    });
    expect(reuse.statusCode).toBe(400);
    expect(reuse.json().error.message).toContain("最近 5 次");
    await c.json("/api/auth/password", { method: "POST", body: { oldPassword: current, newPassword: "Steppe#0005a" } });
    // USER_PASSWORD is now the 6th most recent: allowed again.
    await c.json("/api/auth/password", {
      method: "POST",
      body: { oldPassword: "Steppe#0005a", newPassword: USER_PASSWORD },
    });
  });

  it("the security admin can tighten the policy; bad values are refused with the field named", async () => {
    const admin = await loginAdmin(h);
    await createUser(h, admin, "sec2", orgId, ["security_admin"]);
    const sec = await login(h, "sec2", USER_PASSWORD);
    const policy = await sec.json("/api/security/policy");
    expect(policy.lockThreshold).toBe(5);
    const bad = await sec.req("/api/security/policy", {
      method: "PUT",
      body: { ...policy, defaults: undefined, minLength: 4 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].label).toBe("密码最小长度");
    const { defaults: _d, ...rest } = policy;
    const saved = await sec.json("/api/security/policy", { method: "PUT", body: { ...rest, minLength: 12 } });
    expect(saved.minLength).toBe(12);
    expect((await admin.req("/api/security/policy")).statusCode).toBe(403);
  });
  it("a password older than 90 days must be changed at login", async () => {
    const admin = await loginAdmin(h);
    const u = await createUser(h, admin, "oldtimer", orgId, ["unit_user"]);
    h.clock.advance(91 * 86_400_000);
    const c = await login(h, u.username, USER_PASSWORD);
    expect((await c.json("/api/auth/me")).stage).toBe("change_password");
  });
});

describe("TOTP for admin roles, API tokens, three separated admins", () => {
  let h: TestApp;
  beforeAll(async () => {
    h = await createTestApp({ mfa: "admins" });
  });
  afterAll(() => h?.close());

  it("an admin must enrol TOTP, then must give a code at every login", async () => {
    const first = await post(h, { username: "admin", password: ADMIN_PASSWORD });
    expect(first.json().stage).toBe("enrol_totp");
    const c = client(h, String(first.headers["set-cookie"]).split(";")[0]);
    expect((await c.req("/api/orgs")).statusCode).toBe(403);
    const setup = await c.json("/api/auth/totp/setup", { method: "POST" });
    expect(setup.otpauthUrl).toContain("otpauth://totp/");
    const wrong = await c.req("/api/auth/totp/enable", { method: "POST", body: { totp: "000000" } });
    expect(wrong.statusCode).toBe(400);
    const code = () => authenticator.clone({ epoch: h.clock.now().getTime() }).generate(setup.secret);
    await c.json("/api/auth/totp/enable", { method: "POST", body: { totp: code() } });
    expect((await c.req("/api/orgs")).statusCode).toBe(200);
    // The enrolment code is used up: the next login needs the next one.
    expect((await post(h, { username: "admin", password: ADMIN_PASSWORD, totp: code() })).json().error.code).toBe(
      "TOTP_INVALID",
    );
    h.clock.advance(30_000);

    const noCode = await post(h, { username: "admin", password: ADMIN_PASSWORD });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().error.code).toBe("TOTP_REQUIRED");
    const badCode = await post(h, { username: "admin", password: ADMIN_PASSWORD, totp: "123456" });
    expect(badCode.statusCode).toBe(401);
    expect(badCode.json().error.message).toBe("动态验证码不正确");
    const good = await post(h, { username: "admin", password: ADMIN_PASSWORD, totp: code() });
    expect(good.statusCode).toBe(200);
    expect(good.json().stage).toBe("full");
    const [row] = await h.deps.db.select().from(users).where(eq(users.username, "admin"));
    expect(row.totpSecretEnc).toMatch(/^v1:/);
    expect(row.totpSecretEnc).not.toContain(setup.secret);
  });

  it("refuses one person holding two of the three admin roles", async () => {
    // A fresh app without MFA for this management check.
    const h2 = await createTestApp();
    try {
      const admin = await loginAdmin(h2);
      const org = await createOrg(admin, "通辽市民族事务委员会", "1505");
      const sec = await loginSecurity(h2);
      const list = await sec.json<{ id: string; code: string }[]>("/api/roles");
      const id = (code: string) => list.find((r) => r.code === code)!.id;
      const { user } = await admin.json("/api/users", {
        method: "POST",
        body: { username: "twohats", displayName: "双岗", orgId: org.id },
      });
      const res = await sec.req(`/api/users/${user.id}/roles`, {
        method: "PUT",
        body: { roleIds: [id("security_admin"), id("audit_admin")] },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toContain("三员分立");
      expect((await sec.json(`/api/users/${user.id}`)).roles).toEqual([]);
    } finally {
      await h2.close();
    }
  });

  it("personal API tokens authenticate as their owner and can be revoked", async () => {
    const h2 = await createTestApp();
    try {
      const admin = await loginAdmin(h2);
      const org = await createOrg(admin, "科尔沁左翼后旗民族事务委员会", "150522");
      await createUser(h2, admin, "integrator", org.id, ["unit_user"]);
      const c = await login(h2, "integrator", USER_PASSWORD);
      const created = await c.json("/api/auth/tokens", { method: "POST", body: { name: "对接", expiresInDays: 30 } });
      expect(created.token).toMatch(/^slt_/);
      const anon = client(h2, null);
      const auth = { authorization: `Bearer ${created.token}` };
      const orgs = await anon.json("/api/orgs", { headers: auth });
      expect(orgs.items.map((o: { id: string }) => o.id)).toEqual([org.id]);
      expect((await anon.req("/api/orgs", { headers: { authorization: "Bearer slt_forged" } })).statusCode).toBe(401);
      const listed = await c.json("/api/auth/tokens");
      expect(listed[0].prefix).toBe(created.token.slice(0, 10));
      expect(JSON.stringify(listed)).not.toContain(created.token);
      await c.json(`/api/auth/tokens/${created.id}`, { method: "DELETE" });
      expect((await anon.req("/api/orgs", { headers: auth })).statusCode).toBe(401);
      // Expiry is enforced too.
      const short = await c.json("/api/auth/tokens", { method: "POST", body: { name: "短期", expiresInDays: 1 } });
      h2.clock.advance(2 * 86_400_000);
      expect((await anon.req("/api/orgs", { headers: { authorization: `Bearer ${short.token}` } })).statusCode).toBe(
        401,
      );
    } finally {
      await h2.close();
    }
  });

  it("refuses a state-changing browser request from another origin", async () => {
    const h2 = await createTestApp();
    try {
      const admin = await loginAdmin(h2);
      const res = await admin.req("/api/orgs", {
        method: "POST",
        body: { name: "跨站单位", type: "enterprise", regionCode: "150522" },
        headers: { origin: "https://evil.example" },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe("ORIGIN_MISMATCH");
      expect((await admin.json(`/api/orgs?q=${encodeURIComponent("跨站")}`)).total).toBe(0);
    } finally {
      await h2.close();
    }
  });
});
