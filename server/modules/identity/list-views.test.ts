import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_LIST_VIEWS } from "../../../contracts/identity.js";
import { type Client, createOrg, createUser, login, loginAdmin, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";

/** 保存的视图 and 列设置 (issue 19 §6): a user's own, kept on the server, never another's. */
describe("saved views and column settings", () => {
  let h: TestApp;
  let a: Client;
  let b: Client;
  const list = "/api/me/lists/creation-applications";

  beforeAll(async () => {
    h = await createTestApp();
    const admin = await loginAdmin(h);
    const org = await createOrg(admin, "科尔沁左翼后旗民族事务委员会", "150522");
    await createUser(h, admin, "view_a", org.id, ["unit_user"]);
    await createUser(h, admin, "view_b", org.id, ["unit_user"]);
    a = await login(h, "view_a", USER_PASSWORD);
    b = await login(h, "view_b", USER_PASSWORD);
  });
  afterAll(() => h?.close());

  it("a saved view and column widths come back after signing in again, and only for their owner", async () => {
    const state = {
      filters: { status: "reviewing", regionCode: "150522", q: '嘎查 <村> "联"' },
      sort: "-submittedAt",
      pageSize: 50,
      hidden: ["batch"],
    };
    const saved = await a.json(`${list}/views`, { method: "POST", body: { name: "待我审核的嘎查村", state } });
    await a.json(`${list}/prefs`, { method: "PUT", body: { hidden: ["batch", "updatedAt"], widths: { org: 320 } } });
    const again = await login(h, "view_a", USER_PASSWORD);
    const mine = await again.json(list);
    expect(mine.views).toEqual([{ id: saved.id, name: "待我审核的嘎查村", state, updatedAt: saved.updatedAt }]);
    expect(mine.prefs).toEqual({ hidden: ["batch", "updatedAt"], widths: { org: 320 } });
    // Another user of the same unit sees none of it and cannot delete it.
    expect(await b.json(list)).toEqual({ prefs: null, views: [] });
    expect((await b.req(`${list}/views/${saved.id}`, { method: "DELETE" })).statusCode).toBe(404);
    // Another list has its own settings.
    expect((await again.json("/api/me/lists/audit-log")).views).toEqual([]);
  });

  it("saving the same name replaces the view; deleting removes it", async () => {
    const first = await a.json(`${list}/views`, { method: "POST", body: { name: "本月", state: { filters: {} } } });
    const second = await a.json(`${list}/views`, {
      method: "POST",
      body: { name: "本月", state: { filters: { status: "named" } } },
    });
    expect(second.id).toBe(first.id);
    expect((await a.json(list)).views.filter((v: { name: string }) => v.name === "本月")).toHaveLength(1);
    await a.json(`${list}/views/${first.id}`, { method: "DELETE" });
    expect((await a.json(list)).views.map((v: { name: string }) => v.name)).toEqual(["待我审核的嘎查村"]);
  });

  it("bad input is a 400 naming the field and saves nothing", async () => {
    const cases: [object, string][] = [
      [{ name: "", state: { filters: {} } }, "name"],
      [{ name: "坏\u202e视图", state: { filters: {} } }, "name"],
      [{ name: "x", state: { filters: { "bad key": "1" } } }, "state"],
      [{ name: "x", state: { filters: {}, pageSize: 1000 } }, "state"],
      [{ name: "x", state: { filters: {}, extra: 1 } }, "state"],
    ];
    for (const [body, field] of cases) {
      const res = await b.req(`${list}/views`, { method: "POST", body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.details.fields[0].field.split(".")[0]).toBe(field);
    }
    const wide = await b.req(`${list}/prefs`, { method: "PUT", body: { hidden: [], widths: { org: 5000 } } });
    expect(wide.statusCode).toBe(400);
    expect((await b.req("/api/me/lists/bad%20id")).statusCode).toBe(400);
    expect(await b.json(list)).toEqual({ prefs: null, views: [] });
  });

  it(`at most ${MAX_LIST_VIEWS} views per list, with a message naming 名称`, async () => {
    for (let i = 0; i < MAX_LIST_VIEWS; i++)
      await b.json(`${list}/views`, { method: "POST", body: { name: `视图${i}`, state: { filters: {} } } });
    const res = await b.req(`${list}/views`, { method: "POST", body: { name: "再多一个", state: { filters: {} } } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain(String(MAX_LIST_VIEWS));
    // Replacing an existing one still works at the limit.
    await b.json(`${list}/views`, { method: "POST", body: { name: "视图0", state: { filters: { q: "新" } } } });
  });

  it("signed out, the settings are refused", async () => {
    expect((await h.app.inject({ method: "GET", url: list })).statusCode).toBe(401);
  });
});
