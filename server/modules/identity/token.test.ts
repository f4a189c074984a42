import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, client, createOrg, createUser, login, loginAdmin, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { roles, userRoles } from "./identity.schema.js";

describe("API tokens: revoked with the password, no minting, limited, read-only, lifetime by policy", () => {
  let h: TestApp;
  let admin: Client;
  let orgId: string;
  let anon: Client;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const make = (c: Client, body: object) => c.json("/api/auth/tokens", { method: "POST", body });

  beforeAll(async () => {
    h = await createTestApp();
    admin = await loginAdmin(h);
    orgId = (await createOrg(admin, "科尔沁左翼后旗民族事务委员会", "150522")).id;
    await createUser(h, admin, "owner", orgId, ["ethnic_affairs_admin"]);
    await createUser(h, admin, "resetme", orgId, ["unit_user"]);
    await createUser(h, admin, "changer", orgId, ["unit_user"]);
    await createUser(h, admin, "tokensec", orgId, ["security_admin"]);
    anon = client(h, null);
  }, 120_000);
  afterAll(() => h?.close());

  it("changing one's password revokes one's tokens", async () => {
    const c = await login(h, "changer", USER_PASSWORD);
    const { token } = await make(c, { name: "对接一" });
    expect((await anon.req("/api/orgs", { headers: bearer(token) })).statusCode).toBe(200);
    await c.json("/api/auth/password", {
      method: "POST",
      body: { oldPassword: USER_PASSWORD, newPassword: "Brand#New2026" },
    });
    const res = await anon.req("/api/orgs", { headers: bearer(token) });
    expect([res.statusCode, res.json().error.code]).toEqual([401, "TOKEN_INVALID"]);
    expect(await c.json("/api/auth/tokens")).toEqual([]);
  });

  it("an administrator's password reset revokes the user's tokens", async () => {
    const c = await login(h, "resetme", USER_PASSWORD);
    const { token } = await make(c, { name: "对接二" });
    expect((await anon.req("/api/orgs", { headers: bearer(token) })).statusCode).toBe(200);
    const target = (await admin.json("/api/users?q=resetme")).items[0];
    const reset = await admin.req(`/api/users/${target.id}/reset-password`, { method: "POST" });
    expect(reset.statusCode).toBe(200);
    expect((await anon.req("/api/orgs", { headers: bearer(token) })).statusCode).toBe(401);
  });

  it("a token cannot mint, revoke or list-option tokens, nor change the password or the second factor", async () => {
    const c = await login(h, "owner", USER_PASSWORD);
    const made = await make(c, { name: "对接三" });
    const headers = bearer(made.token);
    const tries = [
      anon.req("/api/auth/tokens", { method: "POST", headers, body: { name: "再造", expiresInDays: 365 } }),
      anon.req(`/api/auth/tokens/${made.id}`, { method: "DELETE", headers }),
      anon.req("/api/auth/tokens/options", { headers }),
      anon.req("/api/auth/password", {
        method: "POST",
        headers,
        body: { oldPassword: USER_PASSWORD, newPassword: "Other#Pass2026" },
      }),
      anon.req("/api/auth/totp/setup", { method: "POST", headers }),
    ];
    for (const res of await Promise.all(tries)) {
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe("SESSION_REQUIRED");
    }
    expect((await c.json("/api/auth/tokens")).map((t: { name: string }) => t.name)).toEqual(["对接三"]);
  });

  it("a token limited to chosen permissions is refused outside them, and never exceeds its owner's", async () => {
    const c = await login(h, "owner", USER_PASSWORD);
    const notHeld = await c.req("/api/auth/tokens", {
      method: "POST",
      body: { name: "越权", permissions: ["org:read", "audit:read"] },
    });
    expect(notHeld.statusCode).toBe(400);
    expect(notHeld.json().error.details.fields[0]).toMatchObject({ field: "permissions" });
    expect(notHeld.json().error.message).toContain("查看审计日志");

    const limited = await make(c, { name: "只看组织和用户", permissions: ["org:read", "user:read"] });
    expect(limited.permissions).toEqual(["org:read", "user:read"]);
    const headers = bearer(limited.token);
    expect((await anon.req("/api/orgs", { headers })).statusCode).toBe(200);
    expect((await anon.req("/api/users", { headers })).statusCode).toBe(200);
    const outside = await anon.req("/api/materials", { headers });
    expect([outside.statusCode, outside.json().error.code]).toEqual([403, "FORBIDDEN"]);
    // The owner's session still has it: the limit is the token's.
    expect((await c.req("/api/materials")).statusCode).toBe(200);

    // Checked against the owner's current roles: once the owner loses user:read, so does the token.
    const owner = (await admin.json("/api/users?q=owner")).items[0];
    const [unit] = await h.deps.db.select().from(roles).where(eq(roles.code, "unit_user"));
    await h.deps.db.delete(userRoles).where(eq(userRoles.userId, owner.id));
    await h.deps.db.insert(userRoles).values({ userId: owner.id, roleId: unit.id });
    try {
      expect((await anon.req("/api/users", { headers })).statusCode).toBe(403);
    } finally {
      const [ea] = await h.deps.db.select().from(roles).where(eq(roles.code, "ethnic_affairs_admin"));
      await h.deps.db.delete(userRoles).where(eq(userRoles.userId, owner.id));
      await h.deps.db.insert(userRoles).values({ userId: owner.id, roleId: ea.id });
    }
  });

  it("a read-only token reads but cannot write", async () => {
    const c = await login(h, "owner", USER_PASSWORD);
    const ro = await make(c, { name: "只读", readOnly: true });
    expect(ro.readOnly).toBe(true);
    const headers = bearer(ro.token);
    expect((await anon.req("/api/orgs", { headers })).statusCode).toBe(200);
    const write = await anon.req("/api/orgs", {
      method: "POST",
      headers,
      body: { name: "只读令牌新建单位", type: "enterprise", regionCode: "150522" },
    });
    expect([write.statusCode, write.json().error.code]).toEqual([403, "TOKEN_READ_ONLY"]);
    expect((await c.json(`/api/orgs?q=${encodeURIComponent("只读令牌")}`)).total).toBe(0);
    // A writable token of the same owner may write: the refusal is the token's limit.
    const rw = await make(c, { name: "读写" });
    const ok = await anon.req("/api/orgs", {
      method: "POST",
      headers: bearer(rw.token),
      body: { name: "读写令牌新建单位", type: "enterprise", regionCode: "150522" },
    });
    expect(ok.statusCode).toBe(200);
  });

  it("the longest lifetime is the security policy's tokenMaxDays, for new and existing tokens", async () => {
    const c = await login(h, "owner", USER_PASSWORD);
    expect(await c.json("/api/auth/tokens/options")).toEqual({ maxDays: 90, defaultDays: 90 });
    const over = await c.req("/api/auth/tokens", { method: "POST", body: { name: "太长", expiresInDays: 91 } });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.details.fields[0]).toMatchObject({ field: "expiresInDays" });
    expect(over.json().error.message).toContain("90 天");
    const older = await make(c, { name: "九十天", expiresInDays: 90 });

    const sec = await login(h, "tokensec", USER_PASSWORD);
    const { defaults: _d, ...policy } = await sec.json("/api/security/policy");
    expect(policy.tokenMaxDays).toBe(90);
    const bad = await sec.req("/api/security/policy", { method: "PUT", body: { ...policy, tokenMaxDays: 366 } });
    expect(bad.json().error.details.fields[0].field).toBe("tokenMaxDays");
    await sec.json("/api/security/policy", { method: "PUT", body: { ...policy, tokenMaxDays: 30 } });
    try {
      const c2 = await login(h, "owner", USER_PASSWORD);
      expect(await c2.json("/api/auth/tokens/options")).toEqual({ maxDays: 30, defaultDays: 30 });
      const dflt = await make(c2, { name: "默认" });
      expect(new Date(dflt.expiresAt).getTime() - new Date(dflt.createdAt).getTime()).toBe(30 * 86_400_000);
      expect(
        (await c2.req("/api/auth/tokens", { method: "POST", body: { name: "x", expiresInDays: 31 } })).statusCode,
      ).toBe(400);
      h.clock.advance(31 * 86_400_000);
      // The 90-day token made before the policy was lowered stops at 30 days too.
      expect((await anon.req("/api/orgs", { headers: bearer(older.token) })).statusCode).toBe(401);
    } finally {
      const sec2 = await login(h, "tokensec", USER_PASSWORD);
      await sec2.json("/api/security/policy", { method: "PUT", body: { ...policy, tokenMaxDays: 90 } });
    }
  });
});
