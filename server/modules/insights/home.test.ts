import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HomeFigure, HomeView } from "../../../contracts/insights.js";
import { type Client, createOrg, createUser, login, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import {
  applyAndSubmit,
  creationWorld,
  driveToAccepted,
  recordDesignation,
  scoreByExperts,
  type World,
} from "../creation/creation.fixtures.js";

/**
 * The home page (GET /api/home and the to-dos it lists): each role gets its own figures, computed within its data
 * scope, and a level gets as to-dos only the steps that are its own.
 */
describe("home page: figures by role and scope, to-dos of one's own level", () => {
  let h: TestApp;
  let w: World;
  let region: Client; // 自治区民委: above 通辽市, whose batch this is
  let appId: string;
  let planId: string;

  const home = async (c: Client) => (await c.json<HomeView>("/api/home")).figures;
  const figure = async (c: Client, key: HomeFigure["key"]) => (await home(c)).find((f) => f.key === key);
  const todoKinds = async (c: Client) =>
    (await c.json<{ items: { kind: string; entityId: string }[] }>("/api/creation/todos")).items;
  const points = (f: HomeFigure | undefined) => Object.fromEntries((f?.items ?? []).map((i) => [i.label, i.value]));

  beforeAll(async () => {
    h = await createTestApp();
    w = await creationWorld(h);
    const regionDept = await createOrg(w.f.admin, "内蒙古自治区民委示范创建处", "15", { isEthnicAffairsDept: true });
    await createUser(h, w.f.admin, "nmg_admin", regionDept.id, ["ethnic_affairs_admin"]);
    region = await login(h, "nmg_admin", USER_PASSWORD);

    appId = (await applyAndSubmit(w, w.c.village)).id;
    await driveToAccepted(w, appId);
    for (const [orgId, no] of [
      [w.village.id, "2025-MS-1505-0001"],
      [w.f.zhongqiTown.id, "2025-MS-1505-0002"],
    ])
      await recordDesignation(w, orgId, no, { docNumber: "通民委发〔2025〕30号", namedOn: "2025-06-30" });

    const plan = await w.c.houqi.json("/api/plans", {
      method: "POST",
      body: { title: "科左后旗民族团结进步创建三年行动方案", periodStart: 2026, periodEnd: 2027, cycle: "quarterly" },
    });
    planId = plan.id;
    const chapter = await w.c.houqi.json(`/api/plans/${planId}/nodes`, {
      method: "POST",
      body: { kind: "chapter", number: "第一章", title: "加强宣传教育" },
    });
    await w.c.houqi.json(`/api/plans/${planId}/nodes`, {
      method: "POST",
      body: {
        parentNodeId: chapter.nodeId,
        kind: "task",
        number: "1.",
        title: "开展宣传月活动",
        orgIds: [w.f.houqiTown.id],
        leadOrgId: w.f.houqiTown.id,
      },
    });
    await w.c.houqi.json(`/api/plans/${planId}`, { method: "PATCH", body: { status: "active" } });
  });
  afterAll(() => h?.close());

  it("gives the organiser's steps to the level running the batch, not to the level above", async () => {
    expect((await todoKinds(w.c.city)).filter((i) => i.entityId === appId).map((i) => i.kind)).toEqual([
      "assign_experts",
    ]);
    // 自治区 sees the application in its lists, but assigning experts is 通辽市's step.
    expect((await region.req(`/api/creation/applications/${appId}`)).statusCode).toBe(200);
    expect((await todoKinds(region)).filter((i) => i.entityId === appId)).toEqual([]);
    expect((await todoKinds(w.c.houqi)).filter((i) => i.entityId === appId)).toEqual([]);

    await scoreByExperts(w, appId, [95, 94, 93]);
    expect((await todoKinds(w.c.city)).filter((i) => i.entityId === appId).map((i) => i.kind)).toEqual(["finalize"]);
    expect((await todoKinds(region)).filter((i) => i.entityId === appId)).toEqual([]);
  });

  it("counts applications by stage within each caller's scope", async () => {
    const city = await figure(w.c.city, "applicationsByStage");
    expect(points(city)).toEqual({ 测评中: 1 });
    expect(city?.items[0].href).toBe("/creation/applications?status=evaluating");
    expect(points(await figure(region, "applicationsByStage"))).toEqual({ 测评中: 1 });
    expect(points(await figure(w.c.zhongqi, "applicationsByStage"))).toEqual({});
    expect(points(await figure(w.c.village, "applicationsByStage"))).toEqual({ 测评中: 1 });
    expect(points(await figure(w.c.village2, "applicationsByStage"))).toEqual({});
  });

  it("counts named units by the region one level below the caller's scope", async () => {
    const city = await figure(w.c.city, "namedByRegion");
    expect(points(city)).toEqual({ 科尔沁左翼后旗: 1, 科尔沁左翼中旗: 1 });
    expect(city?.items.find((i) => i.label === "科尔沁左翼后旗")?.href).toBe(
      "/creation/designations?regionCode=150522&live=true",
    );
    expect(points(await figure(region, "namedByRegion"))).toEqual({ 通辽市: 2 });
    expect(points(await figure(w.c.houqi, "namedByRegion"))).toEqual({ 甘旗卡镇: 1 });
    expect(points(await figure(w.c.zhongqi, "namedByRegion"))).toEqual({ 保康镇: 1 });
    // A unit has no regions below it: no such figure.
    expect(await figure(w.c.village, "namedByRegion")).toBeUndefined();
  });

  it("shows plan completion to the plan's level and those above, not to a neighbour or a unit", async () => {
    const chapters = await figure(w.c.houqi, "planByChapter");
    expect(chapters).toMatchObject({ subtitle: "科左后旗民族团结进步创建三年行动方案" });
    expect(points(chapters)).toEqual({ "第一章 加强宣传教育": 0 });
    expect(chapters?.items[0].href).toBe(`/plans/${planId}?tab=rollup`);
    expect(points(await figure(w.c.houqi, "planByUnit"))).toEqual({ 甘旗卡镇人民政府: 0 });
    expect(await figure(w.c.city, "planByChapter")).toBeDefined();
    expect(await figure(w.c.zhongqi, "planByChapter")).toBeUndefined();
    expect(await figure(w.c.houqiUnit, "planByChapter")).toBeUndefined();
  });

  it("gives an expert their scoring tasks and a unit its overdue items, each with the list behind it", async () => {
    expect((await home(w.c.experts[0])).map((f) => f.key)).toEqual(["overdue", "myScoring"]);
    expect(points(await figure(w.c.experts[0], "myScoring"))).toEqual({ 已提交: 1 });
    expect(await figure(w.c.experts[4], "myScoring")).toMatchObject({ items: [] });

    // The first quarter's report is due 10 days after it ends: by mid-April the unit owes it.
    await w.travel("2026-04-20T02:00:00Z");
    const overdue = await figure(w.c.houqiUnit, "overdue");
    expect(overdue?.items).toEqual([{ label: "进度报送", value: 1, href: "/plans/my-tasks" }]);
    expect(points(await figure(w.c.zhongqiUnit, "overdue"))).toEqual({});
  });

  it("shows a write on the next read: the counts are cached only while their tables stand still", async () => {
    expect(points(await figure(w.c.city, "namedByRegion"))).toEqual({ 科尔沁左翼后旗: 1, 科尔沁左翼中旗: 1 });
    await recordDesignation(w, w.f.houqiTown.id, "2025-MS-1505-0003", {
      docNumber: "通民委发〔2025〕31号",
      namedOn: "2025-07-30",
    });
    expect(points(await figure(w.c.city, "namedByRegion"))).toEqual({ 科尔沁左翼后旗: 2, 科尔沁左翼中旗: 1 });

    // Any writer of the applications (another instance, a job) bumps the counter: migration 0041's trigger.
    expect(points(await figure(w.c.city, "applicationsByStage"))).toEqual({ 测评中: 1 });
    await h.deps.db.execute(sql`UPDATE creation_applications SET status = 'approved' WHERE id = ${appId}`);
    expect(points(await figure(w.c.city, "applicationsByStage"))).toEqual({ 待公示: 1 });
  });
});
