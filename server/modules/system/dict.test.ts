import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readXlsx } from "../../core/xlsx.js";
import { type Client, createOrg, createUser, login, USER_PASSWORD } from "../../test/fixtures.js";
import { ADMIN_PASSWORD, createTestApp, type TestApp } from "../../test/harness.js";

/*
 * 字典管理: the system administrator renames, adds, reorders, disables and deletes dictionary entries; a label
 * renamed shows at once in the lists and exports that use the code; a code in use cannot be deleted.
 */
let t: TestApp;
let admin: Client;
let unitUser: Client;

beforeAll(async () => {
  t = await createTestApp({ start: "2026-09-20T02:00:00Z" });
  admin = await login(t, "admin", ADMIN_PASSWORD);
  const org = await createOrg(admin, "科尔沁左翼后旗民族事务委员会", "150522");
  await createUser(t, admin, "dict_unit", org.id, ["unit_user"]);
  unitUser = await login(t, "dict_unit", USER_PASSWORD);
});
afterAll(() => t.close());

type Entry = { code: string; label: string; labelMn: string | null; sort: number; enabled: boolean; usage: number };

describe("字典管理", () => {
  it("lists the registered types by their Chinese names", async () => {
    const types = await admin.json<{ type: string; name: string; entries: number }[]>("/api/system/dicts");
    expect(types.find((x) => x.type === "org_type")).toMatchObject({ name: "组织机构类型" });
    expect(types.find((x) => x.type === "creation_category")).toMatchObject({ name: "创建类别（8+N进）" });
    const denied = await unitUser.req("/api/system/dicts");
    expect(denied.statusCode).toBe(403);
    const write = await unitUser.req("/api/system/dicts/org_type/party_gov", { method: "PATCH", body: { label: "x" } });
    expect(write.statusCode).toBe(403);
    expect((await admin.req("/api/system/dicts/no_such_type")).statusCode).toBe(404);
  });

  it("a renamed label shows at once in the org list and the org export; audited with history", async () => {
    const entries = await admin.json<Entry[]>("/api/system/dicts/org_type");
    expect(entries.find((e) => e.code === "party_gov")?.usage).toBeGreaterThan(0);
    const res = await admin.req("/api/system/dicts/org_type/party_gov", {
      method: "PATCH",
      body: { label: "党政机关（含人大政协）", labelMn: "ᠨᠠᠮ ᠵᠠᠰᠠᠭ" },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: "party_gov", label: "党政机关（含人大政协）", labelMn: "ᠨᠠᠮ ᠵᠠᠰᠠᠭ" });

    const list = await admin.json<{ items: { name: string; typeLabel: string }[] }>(
      "/api/orgs?q=科尔沁左翼后旗民族事务委员会",
    );
    expect(list.items[0].typeLabel).toBe("党政机关（含人大政协）");
    const xlsx = await admin.req("/api/orgs/export?type=party_gov");
    const sheet = await readXlsx(xlsx.rawPayload);
    expect(sheet.rows.length).toBeGreaterThan(0);
    expect(sheet.rows.every((r) => r.cells[2] === "党政机关（含人大政协）")).toBe(true);

    const history = await admin.json<{ items: { action: string }[] }>("/api/system/dicts/org_type/party_gov/history");
    expect(history.items.map((i) => i.action)).toEqual(["dict.update"]);
  });

  it("a code in use cannot be deleted, only disabled; an unused one can", async () => {
    const del = await admin.req("/api/system/dicts/org_type/party_gov", { method: "DELETE" });
    expect(del.statusCode).toBe(409);
    expect(del.json().error).toMatchObject({ code: "DICT_IN_USE" });
    expect(del.json().error.message).toContain("不能删除");

    const add = await admin.req("/api/system/dicts/org_type", {
      method: "POST",
      body: { code: "co_op", label: "农牧民合作社" },
    });
    expect(add.statusCode).toBe(200);
    expect(add.json()).toMatchObject({ code: "co_op", usage: 0, enabled: true });
    const again = await admin.req("/api/system/dicts/org_type", {
      method: "POST",
      body: { code: "co_op", label: "重复" },
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.details.fields[0]).toMatchObject({ field: "code" });

    // In use once an organization has the type.
    const org = await createOrg(admin, "后旗某合作社", "150522", { type: "co_op" });
    expect(org.type).toBe("co_op");
    expect((await admin.req("/api/system/dicts/org_type/co_op", { method: "DELETE" })).statusCode).toBe(409);

    const off = await admin.req("/api/system/dicts/org_type/co_op", { method: "PATCH", body: { enabled: false } });
    expect(off.json()).toMatchObject({ enabled: false });
    // Disabled: no new organization of that type, the old one keeps its label.
    const refused = await admin.req("/api/orgs", {
      method: "POST",
      body: { name: "另一合作社", type: "co_op", regionCode: "150522" },
    });
    expect(refused.statusCode).toBe(400);
    expect((await admin.json<{ typeLabel: string }>(`/api/orgs/${org.id}`)).typeLabel).toBe("农牧民合作社");

    const spare = await admin.req("/api/system/dicts/org_type", {
      method: "POST",
      body: { code: "spare", label: "备用" },
    });
    expect(spare.statusCode).toBe(200);
    expect((await admin.req("/api/system/dicts/org_type/spare", { method: "DELETE" })).statusCode).toBe(200);

    const audit = await t.deps.db.execute<{ action: string; entity_id: string }>(
      sql`SELECT action, entity_id FROM audit_log WHERE entity = 'dict_item' ORDER BY seq`,
    );
    expect(audit.rows.map((r) => `${r.action} ${r.entity_id}`)).toEqual([
      "dict.update org_type/party_gov",
      "dict.create org_type/co_op",
      "dict.disable org_type/co_op",
      "dict.create org_type/spare",
      "dict.delete org_type/spare",
    ]);
  });

  it("creation categories count their use in batches, applications and indicator sets", async () => {
    const cats = await admin.json<Entry[]>("/api/system/dicts/creation_category");
    expect(cats.every((c) => typeof c.usage === "number")).toBe(true);
  });

  it("reorders with every code once; a wrong list names the field", async () => {
    const entries = await admin.json<Entry[]>("/api/system/dicts/org_type");
    const reversed = entries.map((e) => e.code).reverse();
    const res = await admin.req("/api/system/dicts/org_type/order", { method: "PUT", body: { codes: reversed } });
    expect(res.statusCode).toBe(200);
    expect(res.json().map((e: Entry) => e.code)).toEqual(reversed);
    const types = await admin.json<{ code: string }[]>("/api/dicts/org_type");
    expect(types.map((x) => x.code)).toEqual(reversed.filter((c) => c !== "co_op"));
    const bad = await admin.req("/api/system/dicts/org_type/order", {
      method: "PUT",
      body: { codes: reversed.slice(1) },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0]).toMatchObject({ field: "codes", label: "排列顺序" });
  });
});
