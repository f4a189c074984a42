import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrg, createUser, login, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { type Desks, serviceDesks } from "./services.fixtures.js";

/**
 * 服务指南 (宣传教育平台): written by the 旗's department, shown to the public only as published (a later edit
 * waits for the next 发布, each 发布 a version), withdrawn with a reason, a category the 旗 has none for taken
 * from the 市; the time limit comes from the settings, not from the guide; every write audited.
 */
describe("service guides", () => {
  let h: TestApp;
  let d: Desks;
  const P = "/api/public/services/guides";
  const body = (extra: Record<string, unknown> = {}) => ({
    orgId: d.houqiDept.id,
    category: "legal_aid",
    title: "法律援助绿色通道办事指南",
    serviceItems: "为经济困难群众提供法律咨询、代写文书、诉讼代理；农牧民工讨薪优先。",
    conditions: "经济困难或属于法定免审情形",
    materials: "身份证明\n经济困难情况说明（可当场填写）\n与案件有关的材料",
    procedure: "到社区服务窗口或拨打热线提出申请\n窗口当日受理、转司法局\n司法局审查并指派律师",
    cautions: '申请人对所提交材料的真实性负责；"<材料>"可当场补正；',
    titleMn: "ᠬᠠᠤᠯᠢ ᠴᠠᠭᠠᠵᠠ ᠶᠢᠨ ᠲᠤᠰᠠᠯᠠᠮᠵᠢ",
    contentMn: "",
    ...extra,
  });
  const guides = async (region = "150522") =>
    (await h.app.inject({ method: "GET", url: `${P}?region=${region}` })).json();
  const audits = async (id: string) =>
    (
      (await h.deps.db.execute(
        sql`select action from audit_log where entity = 'service_guide' and entity_id = ${id} order by seq`,
      )) as unknown as { rows: { action: string }[] }
    ).rows.map((r) => r.action);

  beforeAll(async () => {
    h = await createTestApp({ start: "2026-06-03T02:00:00Z" });
    d = await serviceDesks(h);
  });
  afterAll(() => h?.close());

  it("refuses bad input with the field named and changes nothing; accepts ordinary punctuation", async () => {
    for (const [extra, field, words] of [
      [{ procedure: "受理\u0007转办" }, "procedure", "办理流程"],
      [{ serviceItems: "" }, "serviceItems", "服务内容"],
      [{ category: "no_such" }, "category", "类别"],
      [{ title: "指南\u202e" }, "title", "标题"],
    ] as const) {
      const res = await d.c.houqiAdmin.req("/api/services/guides", { method: "POST", body: body(extra) });
      expect(res.statusCode, field).toBe(400);
      expect(JSON.stringify(res.json().error), field).toContain(words);
    }
    expect(await d.c.houqiAdmin.json("/api/services/guides")).toEqual([]);
    // A window worker reads but does not write; another banner's department cannot write for 后旗.
    expect((await d.c.houqiWindow.req("/api/services/guides", { method: "POST", body: body() })).statusCode).toBe(403);
    expect((await d.c.zhongqiAdmin.req("/api/services/guides", { method: "POST", body: body() })).statusCode).toBe(403);
  });

  it("goes public only when published; later edits wait for the next version; withdrawal hides it", async () => {
    const g = await d.c.houqiAdmin.json<{ id: string; status: string; cautions: string; canManage: boolean }>(
      "/api/services/guides",
      { method: "POST", body: body() },
    );
    expect(g).toMatchObject({ status: "draft", canManage: true });
    expect(g.cautions).toContain('"<材料>"');
    // One guide per category and organization.
    const twice = await d.c.houqiAdmin.req("/api/services/guides", { method: "POST", body: body() });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.message).toContain("已有“法律援助”的服务指南");
    expect((await guides()).guides).toEqual([]);

    const v1 = await d.c.houqiAdmin.json(`/api/services/guides/${g.id}/publish`, { method: "POST" });
    expect(v1).toMatchObject({ status: "published", version: 1, unpublishedChanges: false });
    let pub = await guides();
    expect(pub.region).toEqual({ code: "150522", name: expect.any(String) });
    expect(pub.guides).toHaveLength(1);
    // The time limit is the settings' figure for legal aid; marked as the green channel.
    const { timeLimits } = await d.c.houqiAdmin.json<{ timeLimits: Record<string, number> }>("/api/services/options");
    expect(pub.guides[0]).toMatchObject({
      category: "legal_aid",
      categoryLabel: "法律援助",
      title: "法律援助绿色通道办事指南",
      timeLimitDays: timeLimits.legal_aid,
      green: true,
      version: 1,
      orgName: "科尔沁左翼后旗民族事务委员会",
    });
    expect(pub.windows.map((w: { name: string }) => w.name)).toEqual(["甘旗卡镇民族团结服务窗口"]);
    // The portal's page is cached per region until the guides or the windows change: a new window shows at once.
    await d.c.houqiAdmin.json("/api/services/windows", {
      method: "POST",
      body: { orgId: d.houqiTown.id, name: "甘旗卡镇第二服务窗口", address: "甘旗卡镇", hours: "工作日" },
    });
    expect((await guides()).windows.map((w: { name: string }) => w.name)).toContain("甘旗卡镇第二服务窗口");
    expect(JSON.stringify(pub)).not.toContain(d.users.houqiWindow.id);
    // Nothing of 后旗 for 中旗.
    expect((await guides("150521")).guides).toEqual([]);

    // Edited after publication: the public still sees version 1 until 发布.
    const edited = await d.c.houqiAdmin.json(`/api/services/guides/${g.id}`, {
      method: "PUT",
      body: body({ title: "法律援助办事指南（2026 年修订）" }),
    });
    expect(edited).toMatchObject({ status: "published", version: 1, unpublishedChanges: true });
    expect((await guides()).guides[0].title).toBe("法律援助绿色通道办事指南");
    await d.c.houqiAdmin.json(`/api/services/guides/${g.id}/publish`, { method: "POST" });
    pub = await guides();
    expect(pub.guides[0]).toMatchObject({ title: "法律援助办事指南（2026 年修订）", version: 2 });
    const versions = await d.c.houqiAdmin.json<{ version: number; content: { title: string } }[]>(
      `/api/services/guides/${g.id}/versions`,
    );
    expect(versions.map((v) => [v.version, v.content.title])).toEqual([
      [2, "法律援助办事指南（2026 年修订）"],
      [1, "法律援助绿色通道办事指南"],
    ]);
    // Nothing new to publish: refused.
    const again = await d.c.houqiAdmin.req(`/api/services/guides/${g.id}/publish`, { method: "POST" });
    expect(again.statusCode).toBe(409);

    // The window worker (scope: its town) reads the banner's published guide, and cannot manage it.
    const seen = await d.c.houqiWindow.json<{ id: string; canManage: boolean }[]>("/api/services/guides");
    expect(seen.map((x) => [x.id, x.canManage])).toEqual([[g.id, false]]);
    expect(await d.c.zhongqiWindow.json("/api/services/guides")).toEqual([]);

    // Withdrawal needs a reason and takes it off the portal.
    const noReason = await d.c.houqiAdmin.req(`/api/services/guides/${g.id}/withdraw`, { method: "POST", body: {} });
    expect(noReason.statusCode).toBe(400);
    const w = await d.c.houqiAdmin.json(`/api/services/guides/${g.id}/withdraw`, {
      method: "POST",
      body: { reason: "法律援助条例修订，指南重写中" },
    });
    expect(w).toMatchObject({ status: "withdrawn", withdrawReason: "法律援助条例修订，指南重写中" });
    expect((await guides()).guides).toEqual([]);
    expect(
      (await d.c.houqiAdmin.req(`/api/services/guides/${g.id}/withdraw`, { method: "POST", body: { reason: "再撤" } }))
        .statusCode,
    ).toBe(409);
    // Withdrawn, it is no longer the window worker's to read.
    expect(await d.c.houqiWindow.json("/api/services/guides")).toEqual([]);
    expect(await audits(g.id)).toEqual([
      "service_guide.create",
      "service_guide.publish",
      "service_guide.update",
      "service_guide.publish",
      "service_guide.withdraw",
    ]);
  });

  it("a category the banner has none for comes from the city's guide", async () => {
    const city = await createOrg(d.admin, "通辽市民族事务委员会", "1505", { isEthnicAffairsDept: true });
    await createUser(h, d.admin, "city_services", city.id, ["ethnic_affairs_admin"]);
    const c = await login(h, "city_services", USER_PASSWORD);
    const houqiJob = await d.c.houqiAdmin.json<{ id: string }>("/api/services/guides", {
      method: "POST",
      body: body({ category: "employment", title: "后旗就业服务指南" }),
    });
    await d.c.houqiAdmin.json(`/api/services/guides/${houqiJob.id}/publish`, { method: "POST" });
    for (const [category, title] of [
      ["employment", "通辽市就业服务指南"],
      ["school", "通辽市子女入学服务指南"],
    ]) {
      const g = await c.json<{ id: string }>("/api/services/guides", {
        method: "POST",
        body: body({ orgId: city.id, category, title }),
      });
      await c.json(`/api/services/guides/${g.id}/publish`, { method: "POST" });
    }
    const pub = await guides();
    // 后旗's own 就业 guide wins over the 市's; 子女入学 comes from the 市; order follows the dictionary.
    expect(pub.guides.map((g: { title: string; regionName: string }) => [g.title, g.regionName])).toEqual([
      ["后旗就业服务指南", "科尔沁左翼后旗"],
      ["通辽市子女入学服务指南", "通辽市"],
    ]);
    // 中旗 sees the 市's two.
    expect((await guides("150521")).guides.map((g: { title: string }) => g.title)).toEqual([
      "通辽市就业服务指南",
      "通辽市子女入学服务指南",
    ]);
    // The regions that publish, to choose from; with none named, the most local one.
    const all = (await h.app.inject({ method: "GET", url: P })).json();
    expect(all.regions.map((r: { code: string; count: number }) => [r.code, r.count])).toEqual([
      ["1505", 2],
      ["150522", 1],
    ]);
    expect(all.region.code).toBe("150522");
    // A bad region code is a 400 naming the field.
    expect((await h.app.inject({ method: "GET", url: `${P}?region=15x` })).statusCode).toBe(400);
    // The 市 manages 后旗's guides (its scope covers the banner); 后旗 reads the 市's published ones, not manages.
    const cityView = await c.json<{ title: string; canManage: boolean }[]>("/api/services/guides");
    expect(cityView.find((g) => g.title === "后旗就业服务指南")?.canManage).toBe(true);
    const houqiView =
      await d.c.houqiAdmin.json<{ id: string; title: string; canManage: boolean }[]>("/api/services/guides");
    const cityJob = houqiView.find((g) => g.title === "通辽市就业服务指南");
    expect(cityJob?.canManage).toBe(false);
    const put = await d.c.houqiAdmin.req(`/api/services/guides/${cityJob?.id}`, {
      method: "PUT",
      body: body({ orgId: d.houqiDept.id, category: "school" }),
    });
    expect(put.statusCode).toBe(403);
    expect(
      (await d.c.houqiAdmin.req(`/api/services/guides/${cityJob?.id}/publish`, { method: "POST" })).statusCode,
    ).toBe(403);
  });
});
