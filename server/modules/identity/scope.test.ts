import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, exportedSelection, login, twoBanners, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";

/**
 * The data-scope bar: a user scoped to 科尔沁左翼后旗 (150522) never sees or changes anything of
 * 科尔沁左翼中旗 (150521), on every organization and user route.
 */
describe("data scope: 150522 versus 150521", () => {
  let h: TestApp;
  let f: Awaited<ReturnType<typeof twoBanners>>;
  let houqi: Client;
  let unit: Client;

  beforeAll(async () => {
    h = await createTestApp();
    f = await twoBanners(h);
    houqi = await login(h, "houqi_admin", USER_PASSWORD);
    unit = await login(h, "houqi_unit", USER_PASSWORD);
  });
  afterAll(() => h?.close());

  it("lists only organizations of 150522 and below, whatever the filter", async () => {
    const all = await houqi.json("/api/orgs?pageSize=200");
    expect(all.items.length).toBeGreaterThan(0);
    expect(all.items.every((o: { regionCode: string }) => o.regionCode.startsWith("150522"))).toBe(true);
    const names = all.items.map((o: { name: string }) => o.name);
    expect(names).toContain("甘旗卡镇人民政府");
    expect(names).not.toContain("科尔沁左翼中旗民族事务委员会");
    // Asking for the other banner explicitly still yields nothing of it.
    const other = await houqi.json("/api/orgs?regionCode=150521");
    expect(other.total).toBe(0);
    const searched = await houqi.json(`/api/orgs?q=${encodeURIComponent("保康")}`);
    expect(searched.total).toBe(0);
    // The whole province as a filter is narrowed to the scope, not widened.
    const province = await houqi.json("/api/orgs?regionCode=15&pageSize=200");
    expect(province.total).toBe(all.total);
  });

  it("gets 404 reading, updating, disabling or enabling an organization of 150521", async () => {
    const id = f.zhongqiDept.id;
    expect((await houqi.req(`/api/orgs/${id}`)).statusCode).toBe(404);
    expect((await houqi.req(`/api/orgs/${id}`, { method: "PATCH", body: { name: "改名" } })).statusCode).toBe(404);
    expect((await houqi.req(`/api/orgs/${id}/disable`, { method: "POST" })).statusCode).toBe(404);
    expect((await houqi.req(`/api/orgs/${id}/enable`, { method: "POST" })).statusCode).toBe(404);
    expect((await houqi.req(`/api/orgs/${id}/history`)).statusCode).toBe(404);
    // Its own organization's history is readable, and tells who changed what.
    const own = await houqi.json(`/api/orgs/${f.houqiTown.id}/history`);
    expect(own.items[0].action).toBe("org.create");
    const after = await f.admin.json(`/api/orgs/${id}`);
    expect(after.name).toBe("科尔沁左翼中旗民族事务委员会");
    expect(after.status).toBe("active");
  });

  it("cannot create an organization in 150521, move one there, or hang one under 150521's", async () => {
    const created = await houqi.req("/api/orgs", {
      method: "POST",
      body: { name: "越界单位", type: "enterprise", regionCode: "150521101" },
    });
    expect(created.statusCode).toBe(403);
    const moved = await houqi.req(`/api/orgs/${f.houqiTown.id}`, {
      method: "PATCH",
      body: { regionCode: "150521100" },
    });
    expect(moved.statusCode).toBe(403);
    const parented = await houqi.req("/api/orgs", {
      method: "POST",
      body: { name: "挂靠单位", type: "enterprise", regionCode: "150522101", parentId: f.zhongqiDept.id },
    });
    expect(parented.statusCode).toBe(400);
    expect(parented.json().error.details.fields[0].field).toBe("parentId");
    const list = await f.admin.json(`/api/orgs?q=${encodeURIComponent("越界")}`);
    expect(list.total).toBe(0);
    const town = await f.admin.json(`/api/orgs/${f.houqiTown.id}`);
    expect(town.regionCode).toBe("150522100");
  });

  it("exports only its own scope", async () => {
    const res = await houqi.req("/api/orgs/export");
    expect(res.statusCode).toBe(200);
    const text = res.rawPayload.toString("latin1");
    expect(text.startsWith("PK")).toBe(true);
    const { readXlsx } = await import("../../core/xlsx.js");
    const sheet = await readXlsx(res.rawPayload);
    const regionCol = sheet.headers.indexOf("行政区划代码");
    expect(sheet.rows.length).toBeGreaterThan(0);
    expect(sheet.rows.every((r) => r.cells[regionCol].startsWith("150522"))).toBe(true);
    // 导出所选: the ticked rows only, and never one outside the scope even when its id is sent
    const picked = await exportedSelection(houqi, "/api/orgs/export", [f.houqiTown.id, f.zhongqiTown.id], "机构名称");
    expect(picked).toEqual([f.houqiTown.name]);
  });

  it("lists only users of 150522 and gets 404 on every route for a 150521 user", async () => {
    const list = await houqi.json("/api/users?pageSize=200");
    const usernames = list.items.map((u: { username: string }) => u.username);
    expect(usernames).toContain("houqi_unit");
    expect(usernames).not.toContain("zhongqi_admin");
    expect(usernames).not.toContain("admin");
    expect((await houqi.json("/api/users?regionCode=150521")).total).toBe(0);
    const id = f.zhongqiAdmin.id;
    expect((await houqi.req(`/api/users/${id}`)).statusCode).toBe(404);
    expect((await houqi.req(`/api/users/${id}`, { method: "PATCH", body: { displayName: "改名" } })).statusCode).toBe(
      404,
    );
    expect((await houqi.req(`/api/users/${id}/disable`, { method: "POST" })).statusCode).toBe(404);
    expect((await houqi.req(`/api/users/${id}/enable`, { method: "POST" })).statusCode).toBe(404);
    expect((await houqi.req(`/api/users/${id}/reset-password`, { method: "POST" })).statusCode).toBe(404);
    expect((await houqi.req(`/api/users/${id}/history`)).statusCode).toBe(404);
    // Routes the banner admin lacks the permission for are refused before scope is even considered.
    expect((await houqi.req(`/api/users/${id}/unlock`, { method: "POST" })).statusCode).toBe(403);
    expect((await houqi.req(`/api/users/${id}/reveal?field=phone`)).statusCode).toBe(403);
    // The other banner's admin can still sign in with the unchanged password.
    const zhongqi = await login(h, "zhongqi_admin", USER_PASSWORD);
    expect((await zhongqi.json("/api/auth/me")).user.displayName).toBe("测试zhongqi_admin");
  });

  it("cannot create a user in a 150521 organization or move one there", async () => {
    const res = await houqi.req("/api/users", {
      method: "POST",
      body: { username: "intruder", displayName: "越界用户", orgId: f.zhongqiDept.id, roleIds: [] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].field).toBe("orgId");
    const move = await houqi.req(`/api/users/${f.houqiUnitUser.id}`, {
      method: "PATCH",
      body: { orgId: f.zhongqiTown.id },
    });
    expect(move.statusCode).toBe(400);
    const still = await f.admin.json(`/api/users/${f.houqiUnitUser.id}`);
    expect(still.orgId).toBe(f.houqiTown.id);
    expect((await f.admin.json("/api/users?q=intruder")).total).toBe(0);
  });

  it("cannot grant a role wider than its own (no escalation to 全部 or admin roles)", async () => {
    const roles = await houqi.json<{ id: string; code: string }[]>("/api/roles");
    const sys = roles.find((r) => r.code === "sys_admin")!;
    const res = await houqi.req(`/api/users/${f.houqiUnitUser.id}/roles`, {
      method: "PUT",
      body: { roleIds: [sys.id] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].field).toBe("roleIds");
  });

  it("a 本单位 user sees only its own organization, and no users", async () => {
    const orgs = await unit.json("/api/orgs");
    expect(orgs.items.map((o: { id: string }) => o.id)).toEqual([f.houqiTown.id]);
    expect((await unit.req(`/api/orgs/${f.houqiDept.id}`)).statusCode).toBe(404);
    expect((await unit.req("/api/users")).statusCode).toBe(403);
    expect(
      (
        await unit.req("/api/orgs", {
          method: "POST",
          body: { name: "新单位", type: "enterprise", regionCode: "150522100" },
        })
      ).statusCode,
    ).toBe(403);
  });

  it("the home page counts only what lies in the scope", async () => {
    const { countRegions } = await import("../org/region.service.js");
    const mine = await houqi.json("/api/overview");
    expect(mine).toEqual({ regions: await countRegions(h.deps.db, "150522"), orgs: 2, users: 2 });
    expect((await unit.json("/api/overview")).users).toBeNull();
    const all = await f.admin.json("/api/overview");
    expect(all.regions).toBe(15938);
  });

  it("the three admin roles read no business data beyond their duty", async () => {
    const roles = await f.admin.json<{ id: string; code: string; permissions: string[] }[]>("/api/roles");
    const byCode = Object.fromEntries(roles.map((r) => [r.code, r]));
    expect(byCode.audit_admin.permissions).not.toContain("org:read");
    expect(byCode.security_admin.permissions).not.toContain("org:read");
    expect(byCode.sys_admin.permissions).not.toContain("audit:read");
    // The system admin cannot read the audit log.
    expect((await f.admin.req("/api/audit")).statusCode).toBe(403);
  });
});
