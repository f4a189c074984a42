import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlanNodeView, PlanView } from "../../../contracts/plans.js";
import { type Client, createOrg, createUser, login, type Org, twoBanners, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { flat, multipart } from "./plans.fixtures.js";

describe("plans: editing the task tree, and who may see and do what", () => {
  let h: TestApp;
  let f: Awaited<ReturnType<typeof twoBanners>>;
  let admin: Client;
  let unitX: Client;
  let unitZ: Client;
  let city: Client;
  let zhongqi: Client;
  let orgY: Org;
  let orgZ: Org;
  let plan: PlanView;
  const ids: Record<string, string> = {};

  const tree = async (c: Client = admin) => c.json<PlanView>(`/api/plans/${plan.id}`);
  const titles = (nodes: PlanNodeView[]): unknown[] =>
    nodes.map((n) => (n.children.length ? [n.title, titles(n.children)] : n.title));
  const node = async (id: string) => flat((await tree()).nodes).find((n) => n.id === id)!;

  beforeAll(async () => {
    h = await createTestApp();
    f = await twoBanners(h);
    orgY = await createOrg(f.admin, "党群工作部", "150522");
    orgZ = await createOrg(f.admin, "科尔沁左翼后旗教育局", "150522");
    await createUser(h, f.admin, "houqi_edu", orgZ.id, ["unit_user"]);
    const tongliao = await createOrg(f.admin, "通辽市民族事务委员会", "1505", { isEthnicAffairsDept: true });
    await createUser(h, f.admin, "tongliao_admin", tongliao.id, ["ethnic_affairs_admin"]);
    admin = await login(h, "houqi_admin", USER_PASSWORD);
    unitX = await login(h, "houqi_unit", USER_PASSWORD);
    unitZ = await login(h, "houqi_edu", USER_PASSWORD);
    city = await login(h, "tongliao_admin", USER_PASSWORD);
    zhongqi = await login(h, "zhongqi_admin", USER_PASSWORD);

    plan = await admin.json("/api/plans", {
      method: "POST",
      body: {
        title: "民族团结进步示范创建实施方案",
        docNumber: "后民族字〔2026〕3号",
        periodStart: 2026,
        periodEnd: 2028,
        cycle: "half_yearly",
      },
    });
    const add = async (key: string, body: Record<string, unknown>) => {
      ids[key] = (await admin.json(`/api/plans/${plan.id}/nodes`, { method: "POST", body })).nodeId;
    };
    await add("c1", { kind: "chapter", number: "一、", title: "主要任务" });
    await add("s1", { parentNodeId: ids.c1, kind: "section", number: "（一）", title: "宣传教育" });
    await add("t1", {
      parentNodeId: ids.s1,
      kind: "task",
      number: "1.",
      title: "开展宣传月活动",
      text: "每年九月开展民族团结进步宣传月活动。",
      orgIds: [f.houqiTown.id, orgY.id],
      leadOrgId: f.houqiTown.id,
    });
    await add("i1", { parentNodeId: ids.t1, kind: "item", number: "（1）", title: "制定活动方案" });
    await add("t2", {
      parentNodeId: ids.s1,
      kind: "task",
      number: "2.",
      title: "建设教育阵地",
      orgIds: [f.houqiTown.id],
    });
    await add("t3", {
      parentNodeId: ids.s1,
      kind: "task",
      number: "3.",
      title: "推进民族团结进校园",
      orgIds: [orgZ.id],
    });
    await add("c2", { kind: "chapter", number: "二、", title: "保障措施" });
    await add("t4", { parentNodeId: ids.c2, kind: "task", number: "1.", title: "加强组织领导" });
    plan = await admin.json(`/api/plans/${plan.id}`, { method: "PATCH", body: { status: "active" } });
  });
  afterAll(() => h?.close());

  it("builds the tree in order, with kinds checked where nodes are placed", async () => {
    expect(titles(plan.nodes)).toEqual([
      ["主要任务", [["宣传教育", [["开展宣传月活动", ["制定活动方案"]], "建设教育阵地", "推进民族团结进校园"]]]],
      ["保障措施", ["加强组织领导"]],
    ]);
    expect(plan.counts).toEqual({ chapters: 2, sections: 1, columns: 0, tasks: 4, items: 1 });
    const bad = async (body: Record<string, unknown>, message: string) => {
      const res = await admin.req(`/api/plans/${plan.id}/nodes`, { method: "POST", body });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.message).toContain(message);
    };
    await bad({ kind: "item", title: "顶层条目" }, "规划顶层下不能放置条目");
    await bad({ parentNodeId: ids.t1, kind: "chapter", title: "任务下的章" }, "任务下不能放置章");
    await bad(
      { parentNodeId: ids.c2, kind: "section", title: "单位不在区划", orgIds: [f.zhongqiTown.id] },
      "只有任务可以指定",
    );
    await bad(
      { parentNodeId: ids.c2, kind: "task", title: "单位不在区划", orgIds: [f.zhongqiTown.id] },
      "不在规划所属区划内",
    );
  });

  it("updates a task's attributes and units, moves, splits, merges and deletes nodes — every change in the history", async () => {
    const upd = await admin.json(`/api/plans/${plan.id}/nodes/${ids.t2}`, {
      method: "PATCH",
      body: {
        weight: 3,
        deadline: "2027-12-31",
        milestones: [
          { year: 2026, content: "建成 2 个阵地", percent: 40 },
          { year: 2027, content: "建成 5 个阵地", percent: 100 },
        ],
        metricName: "教育阵地数量",
        metricUnit: "个",
        baseline: 0,
        targetValue: 5,
        orgIds: [f.houqiTown.id, orgY.id],
        leadOrgId: orgY.id,
      },
    });
    const t2 = flat(upd.plan.nodes as PlanNodeView[]).find((n) => n.id === ids.t2)!;
    expect(t2).toMatchObject({
      weight: 3,
      deadline: "2027-12-31",
      metricName: "教育阵地数量",
      targetValue: 5,
      leadOrgId: orgY.id,
    });
    expect(t2.units.map((u) => [u.orgName, u.role])).toEqual([
      ["党群工作部", "lead"],
      ["甘旗卡镇人民政府", "responsible"],
    ]);

    // Move 加强组织领导 to the top of 宣传教育; a node cannot go under itself, nor a kind where it does not belong.
    await admin.json(`/api/plans/${plan.id}/nodes/${ids.t4}/move`, {
      method: "POST",
      body: { parentNodeId: ids.s1, position: 0 },
    });
    const intoSelf = await admin.req(`/api/plans/${plan.id}/nodes/${ids.c1}/move`, {
      method: "POST",
      body: { parentNodeId: ids.t1, position: 0 },
    });
    expect(intoSelf.json().error.details.fields[0].field).toBe("parentNodeId");
    const itemToTop = await admin.req(`/api/plans/${plan.id}/nodes/${ids.i1}/move`, {
      method: "POST",
      body: { parentNodeId: null, position: 0 },
    });
    expect(itemToTop.statusCode).toBe(400);
    // Moving the section moves its subtree: the item's path follows.
    await admin.json(`/api/plans/${plan.id}/nodes/${ids.s1}/move`, {
      method: "POST",
      body: { parentNodeId: ids.c2, position: 0 },
    });
    expect(titles((await tree()).nodes)).toEqual([
      "主要任务",
      [
        "保障措施",
        [["宣传教育", ["加强组织领导", ["开展宣传月活动", ["制定活动方案"]], "建设教育阵地", "推进民族团结进校园"]]],
      ],
    ]);
    // A unit sees the item of its task at its new place.
    const forX = await tree(unitX);
    expect(flat(forX.nodes).map((n) => n.title)).toContain("制定活动方案");

    // Split 开展宣传月活动: the new task follows it with the same units; X reports on both.
    const split = await admin.json(`/api/plans/${plan.id}/nodes/${ids.t1}/split`, {
      method: "POST",
      body: {
        text: "每年九月开展民族团结进步宣传月活动。",
        newTitle: "开展宣传周活动",
        newText: "每年开展民族团结进步宣传周活动。",
        newNumber: "2.",
      },
    });
    ids.t1b = split.newNodeId;
    const t1b = await node(ids.t1b);
    expect(t1b.units.map((u) => [u.orgName, u.role])).toEqual([
      ["甘旗卡镇人民政府", "lead"],
      ["党群工作部", "responsible"],
    ]);
    expect(flat((await tree()).nodes).map((n) => n.title)).toEqual([
      "主要任务",
      "保障措施",
      "宣传教育",
      "加强组织领导",
      "开展宣传月活动",
      "制定活动方案",
      "开展宣传周活动",
      "建设教育阵地",
      "推进民族团结进校园",
    ]);
    for (const [t, percent] of [
      [ids.t1, 30],
      [ids.t1b, 50],
    ] as const) {
      await unitX.json(`/api/plans/${plan.id}/nodes/${t}/reports`, {
        method: "POST",
        body: { period: "2026H1", status: "in_progress", percent },
      });
    }
    // Merge them back: units united, weights added, the survivor keeps its own report for the period.
    await admin.json(`/api/plans/${plan.id}/nodes/merge`, {
      method: "POST",
      body: { nodeIds: [ids.t1, ids.t1b], title: "开展宣传月（周）活动" },
    });
    const merged = await node(ids.t1);
    expect(merged).toMatchObject({ title: "开展宣传月（周）活动", weight: 2 });
    expect(merged.text).toBe("每年九月开展民族团结进步宣传月活动。\n每年开展民族团结进步宣传周活动。");
    expect(merged.units.find((u) => u.orgId === f.houqiTown.id)).toMatchObject({ percent: 30, latestPeriod: "2026H1" });
    expect(await node(ids.t1b)).toBeUndefined();
    expect((await admin.req(`/api/plans/${plan.id}/nodes/${ids.t1b}`)).statusCode).toBe(404);

    // Delete 主要任务 (now empty) softly.
    await admin.json(`/api/plans/${plan.id}/nodes/${ids.c1}`, { method: "DELETE" });
    const after = await tree();
    expect(after.nodes.map((n) => n.title)).toEqual(["保障措施"]);
    expect(after.counts).toEqual({ chapters: 1, sections: 1, columns: 0, tasks: 4, items: 1 });

    const history = await admin.json(`/api/plans/${plan.id}/history?pageSize=100`);
    const actions = history.items.map((e: { action: string }) => e.action);
    for (const a of [
      "plan.create",
      "plan.status",
      "plan.node.create",
      "plan.node.update",
      "plan.node.move",
      "plan.node.split",
      "plan.node.merge",
      "plan.node.delete",
    ])
      expect(actions).toContain(a);
    const update = history.items.find((e: { action: string }) => e.action === "plan.node.update");
    expect(update.changes).toMatchObject({ weight: [1, 3], lead: [null, orgY.id] });
    expect(history.items.find((e: { action: string }) => e.action === "plan.node.merge").summary).toBe(
      "将任务“2. 开展宣传周活动”合并入任务“1. 开展宣传月活动”",
    );
  });

  it("a unit cannot read or report another unit's task, on every route; another banner sees nothing; an upper level reads but cannot write", async () => {
    // A rectification owned by X, to aim the supervision routes at.
    const insp = await admin.json(`/api/plans/${plan.id}/inspections`, {
      method: "POST",
      body: {
        title: "专项督查",
        inspectedOn: "2026-03-01",
        findings: [{ finding: "阵地建设滞后", ownerOrgId: f.houqiTown.id, deadline: "2026-06-30", nodeId: ids.t2 }],
      },
    });
    const rect = insp.rectifications[0].id;
    const P = `/api/plans/${plan.id}`;
    const tX = ids.t2; // carried by X (and Y), not by Z
    const report = { period: "2026H1", status: "in_progress", percent: 10 };
    const finding = { finding: "新问题", ownerOrgId: f.houqiTown.id, deadline: "2026-06-30" };
    // [route as registered, method, url, body, another banner, upper level (read), another unit (Z)]
    const table: [string, string, string, unknown, number, number, number][] = [
      ["/api/plans/:id", "GET", P, undefined, 404, 200, 200],
      ["/api/plans/:id", "PATCH", P, { title: "改名" }, 404, 403, 403],
      ["/api/plans/:id/history", "GET", `${P}/history`, undefined, 404, 200, 403],
      ["/api/plans/:id/periods", "GET", `${P}/periods`, undefined, 404, 200, 200],
      ["/api/plans/:id/nodes", "POST", `${P}/nodes`, { kind: "chapter", title: "新章" }, 404, 403, 403],
      ["/api/plans/:id/nodes/merge", "POST", `${P}/nodes/merge`, { nodeIds: [ids.t1, tX] }, 404, 403, 403],
      ["/api/plans/:id/nodes/:nodeId", "GET", `${P}/nodes/${tX}`, undefined, 404, 200, 404],
      ["/api/plans/:id/nodes/:nodeId", "PATCH", `${P}/nodes/${tX}`, { title: "改名" }, 404, 403, 403],
      ["/api/plans/:id/nodes/:nodeId", "DELETE", `${P}/nodes/${tX}`, undefined, 404, 403, 403],
      [
        "/api/plans/:id/nodes/:nodeId/move",
        "POST",
        `${P}/nodes/${tX}/move`,
        { parentNodeId: null, position: 0 },
        404,
        403,
        403,
      ],
      [
        "/api/plans/:id/nodes/:nodeId/split",
        "POST",
        `${P}/nodes/${tX}/split`,
        { text: "甲", newTitle: "乙" },
        404,
        403,
        403,
      ],
      ["/api/plans/:id/nodes/:nodeId/reports", "POST", `${P}/nodes/${tX}/reports`, report, 404, 403, 404],
      ["/api/plans/:id/reports", "GET", `${P}/reports`, undefined, 404, 200, 200],
      ["/api/plans/:id/submissions", "GET", `${P}/submissions`, undefined, 404, 200, 200],
      ["/api/plans/:id/rollup", "GET", `${P}/rollup`, undefined, 404, 200, 403],
      ["/api/plans/:id/inspections", "GET", `${P}/inspections`, undefined, 404, 200, 200],
      [
        "/api/plans/:id/inspections",
        "POST",
        `${P}/inspections`,
        { title: "督查", inspectedOn: "2026-03-02" },
        404,
        403,
        403,
      ],
      ["/api/plans/:id/inspections/:inspectionId", "GET", `${P}/inspections/${insp.id}`, undefined, 404, 200, 404],
      [
        "/api/plans/:id/inspections/:inspectionId/findings",
        "POST",
        `${P}/inspections/${insp.id}/findings`,
        finding,
        404,
        403,
        403,
      ],
      ["/api/plans/:id/rectifications", "GET", `${P}/rectifications`, undefined, 404, 200, 200],
      [
        "/api/plans/:id/rectifications/:rectificationId",
        "GET",
        `${P}/rectifications/${rect}`,
        undefined,
        404,
        200,
        404,
      ],
      [
        "/api/plans/:id/rectifications/:rectificationId/close",
        "POST",
        `${P}/rectifications/${rect}/close`,
        { note: "已整改", evidenceIds: [orgZ.id] },
        404,
        403,
        404,
      ],
      [
        "/api/plans/:id/rectifications/:rectificationId/verify",
        "POST",
        `${P}/rectifications/${rect}/verify`,
        { approved: true },
        404,
        403,
        403,
      ],
      // No report or rectification references this id: a 404 for everyone (the rule is in plans-evidence.test.ts).
      [
        "/api/plans/:id/evidence/:evidenceId/download",
        "GET",
        `${P}/evidence/${orgZ.id}/download`,
        undefined,
        404,
        404,
        404,
      ],
      [
        "/api/plans/:id/evidence/:evidenceId/preview",
        "GET",
        `${P}/evidence/${orgZ.id}/preview`,
        undefined,
        404,
        404,
        404,
      ],
      // No report cites this id as an activity: a 404 for everyone (the rule is in plans-activity-evidence.test.ts).
      ["/api/plans/:id/activities/:activityId", "GET", `${P}/activities/${orgZ.id}`, undefined, 404, 404, 404],
      ["/api/plans/:id/evaluation-report", "GET", `${P}/evaluation-report`, undefined, 404, 200, 403],
      ["/api/plans/:id/export", "GET", `${P}/export`, undefined, 404, 200, 403],
      ["/api/plans/import/preview", "POST", "/api/plans/import/preview", undefined, 400, 400, 403],
      [
        "/api/plans/import/commit",
        "POST",
        "/api/plans/import/commit",
        {
          title: "越权导入",
          periodStart: 2026,
          periodEnd: 2027,
          cycle: "yearly",
          regionCode: "150522",
          tree: [{ kind: "task", title: "任务" }],
          confirmNoUnits: true,
        },
        403,
        200,
        403,
      ],
      ["/api/plans", "GET", "/api/plans", undefined, 200, 200, 200],
      [
        "/api/plans",
        "POST",
        "/api/plans",
        { title: "越权新建", periodStart: 2026, periodEnd: 2027, cycle: "yearly", regionCode: "150522" },
        403,
        200,
        403,
      ],
      ["/api/plans/todos", "GET", `/api/plans/todos?orgId=${f.houqiTown.id}`, undefined, 400, 200, 400],
      ["/api/plans/my-tasks", "GET", `/api/plans/my-tasks?orgId=${f.houqiTown.id}`, undefined, 400, 200, 400],
    ];
    // Every plans route is in the table.
    const routes = h.app.routeCatalog.filter((r) => r.url.startsWith("/api/plans")).map((r) => `${r.method} ${r.url}`);
    expect(routes.sort()).toEqual(table.map(([route, method]) => `${method} ${route}`).sort());

    const before = await tree();
    const changes = async () =>
      (await admin.json(`${P}/history?pageSize=200`)).items.filter((e: { category: string }) => e.category === "data")
        .length;
    const beforeHistory = await changes();
    for (const [route, method, url, body, other, upper, unit] of table) {
      for (const [who, c, expected] of [
        ["another banner", zhongqi, other],
        ["upper level", city, upper],
        ["another unit", unitZ, unit],
      ] as const) {
        const res = await c.req(url, { method: method as "GET", body });
        expect(res.statusCode, `${who}: ${method} ${route} → ${res.body.slice(0, 200)}`).toBe(expected);
        // A 404 is the object hidden by scope, never a path the router does not know (a renamed route).
        if (expected === 404) expect(res.json().error.code, `${who}: ${method} ${route}`).toBe("NOT_FOUND");
      }
    }
    // Nothing changed in the plan.
    expect((await tree()).nodes).toEqual(before.nodes);
    expect(await changes()).toBe(beforeHistory);
    // …while the upper level's two exports are on record.
    const exports = (await admin.json(`${P}/history`)).items.filter(
      (e: { category: string }) => e.category === "export",
    );
    expect(exports.map((e: { actorName: string }) => e.actorName)).toEqual([
      "测试tongliao_admin（tongliao_admin）",
      "测试tongliao_admin（tongliao_admin）",
    ]);

    // What the 200s show: another banner lists nothing; the upper level reads all; Z sees its task only.
    expect((await zhongqi.json("/api/plans")).items.map((p: { id: string }) => p.id)).not.toContain(plan.id);
    expect((await city.json<PlanView>(P)).access).toBe("read");
    expect((await city.json("/api/plans")).items.find((p: { id: string }) => p.id === plan.id).access).toBe("read");
    const z = await unitZ.json<PlanView>(P);
    expect(z.access).toBe("unit");
    expect(
      flat(z.nodes)
        .filter((n) => !n.outlineOnly)
        .map((n) => n.title),
    ).toEqual(["推进民族团结进校园"]);
    expect(
      flat(z.nodes)
        .filter((n) => n.outlineOnly)
        .every((n) => n.text === "" && n.units.length === 0),
    ).toBe(true);
    expect((await unitZ.json(`${P}/reports`)).total).toBe(0);
    expect((await unitZ.json(`${P}/submissions`)).items.map((s: { orgId: string }) => s.orgId)).toEqual([orgZ.id]);
    expect(await unitZ.json(`${P}/inspections`)).toEqual([]);
    expect((await unitZ.json(`${P}/rectifications`)).total).toBe(0);
    expect((await unitZ.json("/api/plans/my-tasks")).items.map((t: { title: string }) => t.title)).toEqual([
      "推进民族团结进校园",
    ]);
    // A unit with no part in a plan does not see it at all; nor does any unit see a draft.
    const draft = await admin.json("/api/plans", {
      method: "POST",
      body: { title: "草稿规划", periodStart: 2026, periodEnd: 2027, cycle: "yearly" },
    });
    expect((await unitX.req(`/api/plans/${draft.id}`)).statusCode).toBe(404);
    expect((await unitX.json("/api/plans")).items.map((p: { title: string }) => p.title)).toEqual([
      "民族团结进步示范创建实施方案",
    ]);
    // Importing into another banner's region is refused before the file is even read.
    const foreign = await zhongqi.req("/api/plans/import/preview", {
      method: "POST",
      ...multipart([
        { name: "regionCode", value: "150522" },
        { name: "file", file: { name: "方案.txt", content: Buffer.from("第一章 总则\n第二章 任务") } },
      ]),
    });
    expect(foreign.statusCode).toBe(403);
    // The system administrator reads no business data.
    expect((await f.admin.req(P)).statusCode).toBe(403);
  });
});
