import { authenticator } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "../../core/context.js";
import {
  type Client,
  createUser,
  login,
  loginAudit,
  loginSecurity,
  twoBanners,
  USER_PASSWORD,
} from "../../test/fixtures.js";
import { ADMIN_PASSWORD, AUDITADMIN_PASSWORD, createTestApp, type TestApp } from "../../test/harness.js";
import { createRole } from "./role.service.js";
import { loadActorForUser } from "./session.service.js";

/**
 * 三员分立 against the system administrator: each attack `admin` could make before is refused, the security
 * admin alone grants roles, a 三员 account's password reset cannot be used by whoever reset it, and delegated
 * administration stays within the delegate's own permissions and scope.
 */
describe("三员分立", () => {
  let h: TestApp;
  let f: Awaited<ReturnType<typeof twoBanners>>;
  let admin: Client;
  let sec: Client;
  let aud: Client;
  let houqi: Client;
  const roleIds: Record<string, string> = {};
  const userId = async (c: Client, username: string) =>
    (await c.json<{ items: { id: string; username: string }[] }>(`/api/users?q=${username}`)).items.find(
      (u) => u.username === username,
    )!.id;
  const field = (res: { json: () => any }) => res.json().error.details?.fields?.[0]?.field;

  beforeAll(async () => {
    h = await createTestApp();
    f = await twoBanners(h);
    admin = f.admin;
    sec = await loginSecurity(h);
    aud = await loginAudit(h);
    houqi = await login(h, "houqi_admin", USER_PASSWORD);
    for (const r of await sec.json<{ id: string; code: string }[]>("/api/roles")) roleIds[r.code] = r.id;
  });
  afterAll(() => h?.close());

  it("first start created one account per admin role, each holding that role alone", async () => {
    const users = await sec.json<{ items: { username: string; roles: { name: string }[] }[] }>(
      "/api/users?pageSize=100",
    );
    const byName = Object.fromEntries(users.items.map((u) => [u.username, u.roles.map((r) => r.name)]));
    expect(byName.admin).toEqual(["系统管理员"]);
    expect(byName.secadmin).toEqual(["安全管理员"]);
    expect(byName.auditadmin).toEqual(["审计管理员"]);
  });

  it("attack 1: the system admin cannot create an account with a business or audit role and its own password", async () => {
    for (const code of ["ethnic_affairs_admin", "audit_admin"]) {
      const res = await admin.req("/api/users", {
        method: "POST",
        body: {
          username: `puppet_${code.slice(0, 5)}`,
          displayName: "傀儡",
          orgId: f.houqiDept.id,
          roleIds: [roleIds[code]],
          password: "Strings#Attached2026",
        },
      });
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().error.code).toBe("FORBIDDEN");
      expect(res.json().error.details.permission).toBe("user:grant");
    }
    expect((await admin.json("/api/users?q=puppet")).total).toBe(0);

    // Without roles it may create the account, but not grant it anything afterwards, by either route.
    const { user } = await admin.json("/api/users", {
      method: "POST",
      body: { username: "puppet", displayName: "傀儡", orgId: f.houqiDept.id, password: "Strings#Attached2026" },
    });
    const grant = await admin.req(`/api/users/${user.id}/roles`, {
      method: "PUT",
      body: { roleIds: [roleIds.audit_admin] },
    });
    expect(grant.statusCode).toBe(403);
    expect(grant.json().error.code).toBe("FORBIDDEN");
    const patch = await admin.req(`/api/users/${user.id}`, {
      method: "PATCH",
      body: { roleIds: [roleIds.ethnic_affairs_admin] },
    });
    expect(patch.statusCode).toBe(400);
    // Signed in as it, the account reads nothing: no business data, no audit.
    const puppet = await login(h, "puppet", "Strings#Attached2026");
    await puppet.json("/api/auth/password", {
      method: "POST",
      body: { oldPassword: "Strings#Attached2026", newPassword: "Marion#Strings2026" },
    });
    expect((await puppet.json("/api/auth/me")).permissions).toEqual([]);
    expect((await puppet.req("/api/orgs")).statusCode).toBe(403);
    expect((await puppet.req("/api/audit")).statusCode).toBe(403);
  });

  it("attack 2: the system admin cannot reset the audit admin's password and sign in with it", async () => {
    const auditId = await userId(admin, "auditadmin");
    // Not through the ordinary reset…
    const plain = await admin.req(`/api/users/${auditId}/reset-password`, { method: "POST" });
    expect(plain.statusCode).toBe(403);
    expect(plain.json().error.code).toBe("ADMIN_ACCOUNT_PROTECTED");
    // …and the 三员 reset refuses an account without TOTP, whose temporary password the resetter could use.
    const noTotp = await admin.req(`/api/users/${auditId}/reset-admin-password`, { method: "POST" });
    expect(noTotp.statusCode).toBe(409);
    expect(noTotp.json().error.code).toBe("ADMIN_TOTP_REQUIRED");
    expect(noTotp.json().error.message).toContain("npm run admin:reset-password");
    await login(h, "auditadmin", AUDITADMIN_PASSWORD); // unchanged

    // The audit admin binds TOTP; now the reset works, but the password alone does not sign in.
    const setup = await aud.json("/api/auth/totp/setup", { method: "POST" });
    const code = () => authenticator.clone({ epoch: h.clock.now().getTime() }).generate(setup.secret);
    await aud.json("/api/auth/totp/enable", { method: "POST", body: { totp: code() } });
    const reset = await admin.json(`/api/users/${auditId}/reset-admin-password`, { method: "POST" });
    expect(reset.totpRequired).toBe(true);
    const attempt = (totp?: string) =>
      h.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { username: "auditadmin", password: reset.temporaryPassword, ...(totp ? { totp } : {}) },
      });
    const without = await attempt();
    expect(without.statusCode).toBe(401);
    expect(without.json().error.code).toBe("TOTP_REQUIRED");
    const guessed = await attempt("000000");
    expect(guessed.statusCode).toBe(401);
    expect(guessed.json().error.code).toBe("TOTP_INVALID");
    // The reset ended the audit admin's sessions.
    expect((await aud.req("/api/auth/me")).statusCode).toBe(401);

    // The owner signs in with it and their own code, and must change it first.
    h.clock.advance(31_000);
    const owner = await attempt(code());
    expect(owner.statusCode, owner.body).toBe(200);
    expect(owner.json().stage).toBe("change_password");
    const ownerClient = { cookie: String(owner.headers["set-cookie"]).split(";")[0] };
    const changed = await h.app.inject({
      method: "POST",
      url: "/api/auth/password",
      headers: { cookie: ownerClient.cookie },
      payload: { oldPassword: reset.temporaryPassword, newPassword: "Ledger#Again2026" },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    h.clock.advance(31_000);
    aud = await login(h, "auditadmin", "Ledger#Again2026", code());

    // The audit admin sees the reset, by the system admin, in the audit log.
    const log = await aud.json<{ items: { actorName: string; summary: string }[] }>(
      `/api/audit?action=user.reset_password&entityId=${auditId}`,
    );
    expect(log.items).toHaveLength(1);
    expect(log.items[0].actorName).toContain("admin");
    expect(log.items[0].summary).toContain("须本人动态验证码登录");
  });

  it("a 三员 password is reset by one of the other two only, never by the same kind or a business admin", async () => {
    const adminId = await userId(sec, "admin");
    // The security admin may reset the system admin's (once it has TOTP); not its own, not the audit admin's by the audit admin.
    const noTotp = await sec.req(`/api/users/${adminId}/reset-admin-password`, { method: "POST" });
    expect(noTotp.json().error.code).toBe("ADMIN_TOTP_REQUIRED");
    const own = await sec.req(`/api/users/${await userId(sec, "secadmin")}/reset-admin-password`, { method: "POST" });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe("ADMIN_ACCOUNT_PROTECTED");
    expect((await aud.req(`/api/users/${adminId}/reset-admin-password`, { method: "POST" })).statusCode).toBe(403);

    // A second system admin cannot reset the first one's password: same kind.
    const { user: second } = await admin.json("/api/users", {
      method: "POST",
      body: { username: "admin_b", displayName: "系统管理员乙", orgId: f.houqiDept.id, password: USER_PASSWORD },
    });
    await sec.json(`/api/users/${second.id}/roles`, { method: "PUT", body: { roleIds: [roleIds.sys_admin] } });
    const same = await admin.req(`/api/users/${second.id}/reset-admin-password`, { method: "POST" });
    expect(same.statusCode).toBe(403);
    expect(same.json().error.code).toBe("ADMIN_ACCOUNT_PROTECTED");
    // An ordinary account is not reset through the 三员 route.
    const ordinary = await admin.req(`/api/users/${f.houqiUnitUser.id}/reset-admin-password`, { method: "POST" });
    expect(ordinary.statusCode).toBe(409);
    expect(ordinary.json().error.code).toBe("NOT_ADMIN_ACCOUNT");

    // The banner admin manages users in its region, but not a 三员 account there.
    for (const [url, method] of [
      [`/api/users/${second.id}/reset-password`, "POST"],
      [`/api/users/${second.id}/disable`, "POST"],
      [`/api/users/${second.id}`, "PATCH"],
    ] as const) {
      const res = await houqi.req(url, { method, body: method === "PATCH" ? { displayName: "改名" } : undefined });
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code).toBe("ADMIN_ACCOUNT_PROTECTED");
    }
    const grant = await houqi.req(`/api/users/${second.id}/roles`, { method: "PUT", body: { roleIds: [] } });
    expect(grant.statusCode).toBe(403);
  });

  it("attack 3: the system admin cannot add roles to itself; nobody can, and no admin role goes with another", async () => {
    const adminId = await userId(admin, "admin");
    const self = await admin.req(`/api/users/${adminId}/roles`, {
      method: "PUT",
      body: { roleIds: [roleIds.sys_admin, roleIds.ethnic_affairs_admin] },
    });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe("FORBIDDEN");
    // The security admin may not grant itself anything either.
    const secSelf = await sec.req(`/api/users/${await userId(sec, "secadmin")}/roles`, {
      method: "PUT",
      body: { roleIds: [roleIds.security_admin, roleIds.unit_user] },
    });
    expect(secSelf.statusCode).toBe(400);
    expect(field(secSelf)).toBe("roleIds");
    expect(secSelf.json().error.details.fields[0].message).toBe("不能修改本人的角色");
    // Nor give the system admin's account a business role beside its admin role.
    const both = await sec.req(`/api/users/${adminId}/roles`, {
      method: "PUT",
      body: { roleIds: [roleIds.sys_admin, roleIds.ethnic_affairs_admin] },
    });
    expect(both.statusCode).toBe(400);
    expect(field(both)).toBe("roleIds");
    expect(both.json().error.details.fields[0].message).toContain("三员分立");
    const auditPlus = await sec.req(`/api/users/${f.houqiUnitUser.id}/roles`, {
      method: "PUT",
      body: { roleIds: [roleIds.audit_admin, roleIds.unit_user] },
    });
    expect(auditPlus.statusCode).toBe(400);
    expect(auditPlus.json().error.details.fields[0].message).toContain("不能与其他任何角色同时分配");
    expect((await admin.json("/api/auth/me")).permissions).not.toContain("plan:read");
  });

  it("attack 4: the system admin cannot define roles; the security admin can, without 三员 permissions", async () => {
    const res = await admin.req("/api/roles", {
      method: "POST",
      body: { code: "shadow", name: "影子", dataScope: "all", permissions: ["plan:read", "material:read"] },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("FORBIDDEN");
    expect((await sec.json<{ code: string }[]>("/api/roles")).map((r) => r.code)).not.toContain("shadow");
    const reserved = await sec.req("/api/roles", {
      method: "POST",
      body: { code: "peek", name: "偷看", dataScope: "all", permissions: ["plan:read", "audit:read"] },
    });
    expect(reserved.statusCode).toBe(400);
    expect(field(reserved)).toBe("permissions");
    await sec.json("/api/roles", {
      method: "POST",
      body: { code: "city_reader", name: "全区规划查看", dataScope: "all", permissions: ["plan:read"] },
    });
  });

  it("a delegated admin grants only roles within its own permissions and scope", async () => {
    const refresh = async () => {
      for (const r of await sec.json<{ id: string; code: string }[]>("/api/roles")) roleIds[r.code] = r.id;
    };
    await sec.json("/api/roles", {
      method: "POST",
      body: { code: "revealer", name: "个人信息查看", dataScope: "self", permissions: ["user:reveal"] },
    });
    await sec.json("/api/roles", {
      method: "POST",
      body: { code: "org_reader", name: "本单位查看", dataScope: "org", permissions: ["org:read", "plan:read"] },
    });
    await refresh();
    // 单位用户 carries 申报 and 评分, which the banner admin does not hold itself: it may not grant it.
    const unitRole = await houqi.req(`/api/users/${f.houqiUnitUser.id}/roles`, {
      method: "PUT",
      body: { roleIds: [roleIds.unit_user, roleIds.org_reader] },
    });
    expect(unitRole.statusCode).toBe(200); // 单位用户 is kept, not granted
    expect(
      (
        await houqi.req("/api/users", {
          method: "POST",
          body: { username: "houqi_y", displayName: "填报", orgId: f.houqiTown.id, roleIds: [roleIds.unit_user] },
        })
      ).json().error.details.fields[0].message,
    ).toContain("单位用户");
    // In one step at creation, and afterwards: a role it fully holds, anchored within its banner.
    const clerk = await createUser(h, houqi, "houqi_clerk", f.houqiTown.id, ["org_reader"]);
    const roles = async (id: string) =>
      (await sec.json<{ roles: { name: string }[] }>(`/api/users/${id}`)).roles.map((r) => r.name);
    expect(await roles(clerk.id)).toEqual(["本单位查看"]);
    await houqi.json(`/api/users/${clerk.id}/roles`, {
      method: "PUT",
      body: { roleIds: [roleIds.org_reader, roleIds.ethnic_affairs_admin] },
    });
    expect((await roles(clerk.id)).sort()).toEqual(["本单位查看", "民族工作部门管理员"].sort());

    const refused = async (ids: string[], target = clerk.id) => {
      const res = await houqi.req(`/api/users/${target}/roles`, { method: "PUT", body: { roleIds: ids } });
      expect(res.statusCode, res.body).toBe(400);
      expect(field(res)).toBe("roleIds");
      return res.json().error.details.fields[0].message as string;
    };
    expect(await refused([roleIds.sys_admin])).toContain("无权分配角色“系统管理员”");
    expect(await refused([roleIds.audit_admin])).toContain("无权分配角色“审计管理员”");
    expect(await refused([roleIds.city_reader])).toContain("超出本人的权限或数据范围"); // scope 全部
    expect(await refused([roleIds.revealer])).toContain("个人信息查看"); // a permission it lacks
    expect(await refused([roleIds.org_reader], f.houqiAdmin.id)).toBe("不能修改本人的角色");
    // At creation too.
    const created = await houqi.req("/api/users", {
      method: "POST",
      body: { username: "houqi_x", displayName: "越权", orgId: f.houqiTown.id, roleIds: [roleIds.city_reader] },
    });
    expect(created.statusCode).toBe(400);
    expect(field(created)).toBe("roleIds");
    // A user of the neighbouring banner is not found at all.
    const other = await houqi.req(`/api/users/${f.zhongqiAdmin.id}/roles`, {
      method: "PUT",
      body: { roleIds: [roleIds.org_reader] },
    });
    expect(other.statusCode).toBe(404);
    // What it could not grant stays: a role it may not grant, it may not take away either.
    await sec.json(`/api/users/${clerk.id}/roles`, {
      method: "PUT",
      body: { roleIds: [roleIds.org_reader, roleIds.revealer] },
    });
    expect(await refused([roleIds.org_reader])).toContain("个人信息查看");
  });

  it("a custom role defined by anyone but the security admin stays within its author's permissions and scope", async () => {
    const actor = (await loadActorForUser(h.deps.db, f.houqiAdmin.id))!;
    const ctx: Ctx = { ...h.deps, actor };
    const err = async (input: { dataScope: "all" | "region_tree"; permissions: string[] }) => {
      try {
        await createRole(ctx, { code: `r${Math.random().toString(36).slice(2, 8)}`, name: "自定义", ...input });
      } catch (e) {
        return (e as { details: { fields: { field: string }[] } }).details.fields[0].field;
      }
      return null;
    };
    expect(await err({ dataScope: "all", permissions: ["plan:read"] })).toBe("dataScope");
    expect(await err({ dataScope: "region_tree", permissions: ["user:reveal"] })).toBe("permissions");
    expect(await err({ dataScope: "region_tree", permissions: ["plan:read"] })).toBeNull();
  });

  it("the server tells each admin what it may do to each account", async () => {
    const actionsOf = async (c: Client, username: string) =>
      (await c.json<{ items: { username: string; actions: string[] }[] }>(`/api/users?q=${username}`)).items.find(
        (u) => u.username === username,
      )!.actions;
    expect(await actionsOf(admin, "houqi_unit")).toEqual(["update", "set_status", "unlock", "reset_password"]);
    expect(await actionsOf(admin, "auditadmin")).toEqual(["update", "set_status", "unlock", "reset_admin_password"]);
    expect(await actionsOf(admin, "admin")).toEqual(["update", "unlock"]);
    expect(await actionsOf(sec, "houqi_unit")).toEqual(["unlock", "grant"]);
    expect(await actionsOf(sec, "admin")).toEqual(["unlock", "reset_admin_password", "grant"]);
    expect(await actionsOf(houqi, "houqi_unit")).toEqual(["update", "set_status", "reset_password", "grant"]);
    // The first admin signs in with the configured password throughout.
    await login(h, "admin", ADMIN_PASSWORD);
  });
});
