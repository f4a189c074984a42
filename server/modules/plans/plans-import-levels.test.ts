import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrgAbbreviation } from "../../../contracts/org.js";
import type { ImportPreview, PlanView } from "../../../contracts/plans.js";
import { type Client, createOrg, createUser, login, loginAdmin, type Org, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { commitBody, previewOf } from "./plans.fixtures.js";
import { schemeDoc } from "./test-docs.js";

/*
 * 通辽市 (1505) with two banners below it, each with the same departments under its own name: a plan of the
 * city names them "市民委", "市委统战部", "市教育局"; the dictionary (单位简称词典) is edited by the system
 * administrator and read at the next preview.
 */
const CITY = "1505";
const HOUQI = "150522";
const ZHONGQI = "150521";
const REGION_NAMES: Record<string, string> = {
  [CITY]: "通辽市",
  [HOUQI]: "科尔沁左翼后旗",
  [ZHONGQI]: "科尔沁左翼中旗",
};

describe("plans: unit names at the plan's own level and the abbreviation dictionary", () => {
  let h: TestApp;
  let admin: Client;
  let city: Client;
  const orgs: Record<string, Org> = {};
  const at = (code: string, dept: string) => orgs[`${code}:${dept}`];
  const byName = (p: ImportPreview) => Object.fromEntries(p.units.map((u) => [u.name, u]));
  const NAMES = ["市民委", "市委统战部", "市教育局", "旗民委", "科左中旗教育局"];
  const doc = schemeDoc(41, { units: NAMES });

  beforeAll(async () => {
    h = await createTestApp();
    admin = await loginAdmin(h);
    for (const code of [CITY, HOUQI, ZHONGQI]) {
      const r = REGION_NAMES[code];
      orgs[`${code}:民委`] = await createOrg(admin, `${r}民族事务委员会`, code, { isEthnicAffairsDept: true });
      orgs[`${code}:教育局`] = await createOrg(admin, `${r}教育局`, code);
      orgs[`${code}:统战部`] = await createOrg(admin, `中共${r}委员会统一战线工作部`, code);
    }
    await createUser(h, admin, "city_admin", at(CITY, "民委").id, ["ethnic_affairs_admin"], { phone: "13700003333" });
    city = await login(h, "city_admin", USER_PASSWORD);
  });
  afterAll(() => h?.close());

  it("resolves 市X to the city's X, and 旗X in a city plan to candidates in both banners", async () => {
    const p = await previewOf(city, "实施方案.txt", doc.text);
    expect(p.regionCode).toBe(CITY);
    const u = byName(p);
    expect(u.市民委).toMatchObject({ status: "alias", orgs: [{ id: at(CITY, "民委").id }], needsMapping: false });
    expect(u.市委统战部).toMatchObject({ status: "alias", orgs: [{ id: at(CITY, "统战部").id }] });
    expect(u.市教育局).toMatchObject({ status: "alias", orgs: [{ id: at(CITY, "教育局").id }] });
    expect(u.科左中旗教育局).toMatchObject({ status: "alias", orgs: [{ id: at(ZHONGQI, "教育局").id }] });
    expect(u.旗民委).toMatchObject({ status: "unmatched", orgs: [], needsMapping: true });
    expect(u.旗民委.candidates.map((c) => c.id).sort()).toEqual([at(HOUQI, "民委").id, at(ZHONGQI, "民委").id].sort());
  });

  it("the system administrator edits the dictionary (audited); the next preview reads it", async () => {
    const list = await admin.json<OrgAbbreviation[]>(`/api/org-abbreviations?q=${encodeURIComponent("民委")}`);
    const minwei = list.filter((a) => a.abbreviation === "民委");
    expect(minwei.map((a) => a.fullForm).sort()).toEqual(["民族宗教事务委员会", "民族事务委员会"].sort());
    // Without the entries 市民委 no longer matches (the county's namesake is never taken instead).
    for (const a of minwei) {
      const res = await admin.req(`/api/org-abbreviations/${a.id}`, { method: "DELETE" });
      expect(res.statusCode).toBe(200);
    }
    const without = byName(await previewOf(city, "实施方案.txt", doc.text));
    expect(without.市民委).toMatchObject({ status: "unmatched", orgs: [] });

    const added = await admin.json<OrgAbbreviation>("/api/org-abbreviations", {
      method: "POST",
      body: { abbreviation: "民委", fullForm: "民族宗教事务委员会" },
    });
    const changed = await admin.json<OrgAbbreviation>(`/api/org-abbreviations/${added.id}`, {
      method: "PUT",
      body: { abbreviation: "民委", fullForm: "民族事务委员会", note: "本地写法" },
    });
    expect(changed).toMatchObject({ abbreviation: "民委", fullForm: "民族事务委员会", note: "本地写法" });
    const again = byName(await previewOf(city, "实施方案.txt", doc.text));
    expect(again.市民委).toMatchObject({ status: "alias", orgs: [{ id: at(CITY, "民委").id }] });

    const dup = await admin.req("/api/org-abbreviations", {
      method: "POST",
      body: { abbreviation: "民委", fullForm: "民族事务委员会" },
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.details.fields[0]).toMatchObject({ field: "fullForm", label: "全称" });

    const audit = await h.deps.db.execute<{ action: string; summary: string }>(
      sql`SELECT action, summary FROM audit_log WHERE entity = 'org_abbreviation' ORDER BY seq`,
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      "org.abbreviation_delete",
      "org.abbreviation_delete",
      "org.abbreviation_create",
      "org.abbreviation_update",
    ]);
    expect(audit.rows[3].summary).toBe("修改单位简称 “民委”→“民族宗教事务委员会” 为 “民委”→“民族事务委员会”");
  });

  it("only the system administrator writes the dictionary; a missing entry is a 404", async () => {
    const res = await city.req("/api/org-abbreviations", {
      method: "POST",
      body: { abbreviation: "文明办", fullForm: "精神文明建设办公室" },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: "FORBIDDEN", details: { permission: "system:settings" } });
    expect((await city.req("/api/org-abbreviations")).statusCode).toBe(200);
    const missing = await admin.req("/api/org-abbreviations/00000000-0000-4000-8000-000000000000", {
      method: "DELETE",
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe("NOT_FOUND");
  });

  it("a plan in which no task has a unit is committed only when the request says it is confirmed", async () => {
    const p = await previewOf(city, "实施方案.txt", doc.text);
    const ignoreAll = Object.fromEntries(p.units.map((u) => [u.name, { ignore: true }]));
    const count = async () =>
      (await h.deps.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM plans`)).rows[0].n;
    const before = await count();
    const refused = await city.req("/api/plans/import/commit", {
      method: "POST",
      body: commitBody(p, { mapping: ignoreAll }),
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toEqual({
      code: "PLAN_NO_UNITS",
      message: "规划中没有任何任务确定了责任单位，请确认仍要导入（导入后可在任务上补充责任单位）",
      details: { confirm: "confirmNoUnits" },
    });
    expect(await count()).toBe(before);

    const plan = await city.json<PlanView>("/api/plans/import/commit", {
      method: "POST",
      body: commitBody(p, { mapping: ignoreAll, confirmNoUnits: true }),
    });
    expect(plan.counts.tasks).toBe(doc.counts.tasks);
    expect(await count()).toBe(before + 1);

    // With units the confirmation is not needed: 旗民委 mapped by hand, the rest resolved.
    const withUnits = await city.json<PlanView>("/api/plans/import/commit", {
      method: "POST",
      body: commitBody(p, { title: "有责任单位的方案", mapping: { 旗民委: { orgIds: [at(HOUQI, "民委").id] } } }),
    });
    expect(withUnits.counts.tasks).toBe(doc.counts.tasks);
  });
});
