import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RollupView } from "../../../contracts/plan-progress.js";
import type { PlanView } from "../../../contracts/plans.js";
import { type Client, createOrg, createUser, login, type Org, twoBanners, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { expectedProgress } from "./periods.js";
import { flat, multipart } from "./plans.fixtures.js";
import { escalateOverdueRectifications } from "./supervision.service.js";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const hasSoffice = (() => {
  try {
    execFileSync("soffice", ["--version"], { stdio: "ignore", timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
})();

describe("plans: progress reports, roll-up, supervision and evaluation reports", () => {
  let h: TestApp;
  let f: Awaited<ReturnType<typeof twoBanners>>;
  let admin: Client; // 后旗民委: issuing department
  let unitX: Client; // 甘旗卡镇人民政府 (houqi_unit): lead of t1, carries t2
  let unitY: Client; // 党群工作部: co-unit of t1, lead of t3
  let orgY: Org;
  let superior: Org;
  let plan: PlanView;
  const ids: Record<string, string> = {};

  /** Moves the clock and signs everyone in again (sessions time out after 30 idle minutes). */
  async function at(iso: string) {
    h.clock.set(iso);
    admin = await login(h, "houqi_admin", USER_PASSWORD);
    unitX = await login(h, "houqi_unit", USER_PASSWORD);
    unitY = await login(h, "houqi_dq", USER_PASSWORD);
  }
  const rollup = () => admin.json<RollupView>(`/api/plans/${plan.id}/rollup`);
  const report = (c: Client, node: string, body: Record<string, unknown>) =>
    c.req(`/api/plans/${plan.id}/nodes/${ids[node]}/reports`, { method: "POST", body });

  beforeAll(async () => {
    h = await createTestApp();
    f = await twoBanners(h);
    superior = await createOrg(f.admin, "中共科尔沁左翼后旗委员会办公室", "150522");
    orgY = await createOrg(f.admin, "党群工作部", "150522", { parentId: superior.id });
    await createUser(h, f.admin, "houqi_dq", orgY.id, ["unit_user"]);
    await at("2026-03-02T01:00:00Z");
    const created = await admin.json<PlanView>("/api/plans", {
      method: "POST",
      body: { title: "民族团结进步创建三年行动方案", periodStart: 2026, periodEnd: 2027, cycle: "quarterly" },
    });
    expect(created).toMatchObject({ status: "draft", reportFrom: "2026Q1", graceDays: 10, remindDays: 15 });
    const add = async (key: string, body: Record<string, unknown>) => {
      const r = await admin.json(`/api/plans/${created.id}/nodes`, { method: "POST", body });
      ids[key] = r.nodeId;
    };
    await add("c1", { kind: "chapter", number: "第一章", title: "加强宣传教育" });
    await add("t1", {
      parentNodeId: ids.c1,
      kind: "task",
      number: "1.",
      title: "开展宣传月活动",
      weight: 2,
      orgIds: [f.houqiTown.id, orgY.id],
      leadOrgId: f.houqiTown.id,
    });
    await add("t2", {
      parentNodeId: ids.c1,
      kind: "task",
      number: "2.",
      title: "建设教育基地",
      deadline: "2026-06-30",
      orgIds: [f.houqiTown.id],
      leadOrgId: f.houqiTown.id,
    });
    await add("c2", { kind: "chapter", number: "第二章", title: "促进交往交流" });
    await add("t3", {
      parentNodeId: ids.c2,
      kind: "task",
      number: "1.",
      title: "组织联谊活动",
      orgIds: [orgY.id],
      leadOrgId: orgY.id,
    });
    // Units cannot report on a draft (they do not even see it yet).
    const draft = await unitX.req(`/api/plans/${created.id}/nodes/${ids.t1}/reports`, {
      method: "POST",
      body: { period: "2026Q1", status: "in_progress", percent: 10 },
    });
    expect(draft.statusCode).toBe(404);
    plan = await admin.json(`/api/plans/${created.id}`, { method: "PATCH", body: { status: "active" } });
    expect(plan.status).toBe("active");
  });
  afterAll(() => h?.close());

  it("derives the periods from the cycle: quarters of 2026-2027, due 10 days after each quarter ends (Beijing time)", async () => {
    const periods = await unitX.json(`/api/plans/${plan.id}/periods`);
    expect(periods.map((p: { key: string }) => p.key)).toEqual([
      "2026Q1",
      "2026Q2",
      "2026Q3",
      "2026Q4",
      "2027Q1",
      "2027Q2",
      "2027Q3",
      "2027Q4",
    ]);
    expect(periods[0]).toEqual({
      key: "2026Q1",
      label: "2026年第一季度",
      start: "2025-12-31T16:00:00.000Z",
      end: "2026-03-31T16:00:00.000Z",
      dueAt: "2026-04-10T16:00:00.000Z",
      remindAt: "2026-03-26T16:00:00.000Z",
      state: "current",
    });
  });

  it("turns a period's reports into to-dos 15 days before the deadline", async () => {
    await at("2026-03-20T02:00:00Z");
    expect((await unitX.json("/api/plans/todos")).items).toEqual([]);
    await at("2026-03-28T02:00:00Z");
    const x = await unitX.json("/api/plans/todos");
    expect(
      x.items.map((t: { kind: string; nodeTitle: string; period: string; overdue: boolean }) => [
        t.kind,
        t.nodeTitle,
        t.period,
        t.overdue,
      ]),
    ).toEqual([
      ["report", "开展宣传月活动", "2026Q1", false],
      ["report", "建设教育基地", "2026Q1", false],
    ]);
    expect(x.items[0]).toMatchObject({ planTitle: "民族团结进步创建三年行动方案", dueAt: "2026-04-10T16:00:00.000Z" });
    const y = await unitY.json("/api/plans/todos");
    expect(y.items.map((t: { nodeTitle: string }) => t.nodeTitle).sort()).toEqual(["开展宣传月活动", "组织联谊活动"]);
    // The issuing department can look at a unit's list; another banner cannot.
    expect((await admin.json(`/api/plans/todos?orgId=${f.houqiTown.id}`)).total).toBe(2);
    const zhongqi = await login(h, "zhongqi_admin", USER_PASSWORD);
    expect((await zhongqi.req(`/api/plans/todos?orgId=${f.houqiTown.id}`)).statusCode).toBe(400);
  });

  it("changes the roll-up as two units report: weighted by task, averaged over a task's units (exact figures)", async () => {
    const empty = await rollup();
    expect(empty.summary).toMatchObject({
      tasks: 3,
      units: 2,
      assignments: 4,
      completion: 0,
      completed: 0,
      notStarted: 2, // 建设教育基地 is already behind: counted once, as 滞后
      lagging: 1,
    });
    // 建设教育基地 is due 2026-06-30: at 03-28 it should be about half done, so at 0 % it already lags.
    expect(empty.lagging.map((l) => [l.title, l.reasons])).toEqual([["建设教育基地", ["behind"]]]);
    expect(empty.lagging[0].expected).toBe(47.7); // 86.4 of 181 days

    await at("2026-04-05T02:00:00Z");
    for (const [node, body] of [
      ["t1", { period: "2026Q1", status: "in_progress", percent: 60, narrative: "已在各嘎查村开展宣讲 12 场" }],
      ["t2", { period: "2026Q1", status: "completed", percent: 100, metricValue: 3 }],
    ] as const) {
      const res = await report(unitX, node, body);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        late: false,
        period: "2026Q1",
        periodLabel: "2026年第一季度",
        orgName: "甘旗卡镇人民政府",
      });
    }
    const afterX = await rollup();
    expect(afterX.summary).toMatchObject({ completion: 40, completed: 1, inProgress: 1, notStarted: 1, lagging: 0 });
    expect(afterX.byChapter.map((c) => [c.title, c.tasks, c.completion])).toEqual([
      ["加强宣传教育", 2, 53.3],
      ["促进交往交流", 1, 0],
    ]);
    expect(afterX.byUnit.map((u) => [u.orgName, u.tasks, u.leadTasks, u.completion])).toEqual([
      ["党群工作部", 2, 1, 0],
      ["甘旗卡镇人民政府", 2, 2, 73.3],
    ]);
    expect(afterX.lastDuePeriod).toBeNull();

    // After the deadline: the unit that has not reported is missing, and its to-dos are overdue.
    await at("2026-04-11T02:00:00Z");
    const sub = await admin.json(`/api/plans/${plan.id}/submissions?period=2026Q1`);
    expect(sub.counts).toEqual({ on_time: 2, late: 0, missing: 2, pending: 0 });
    expect(
      sub.items.filter((s: { state: string }) => s.state === "missing").map((s: { orgName: string }) => s.orgName),
    ).toEqual(["党群工作部", "党群工作部"]);
    const overdue = await unitY.json("/api/plans/todos");
    expect(overdue.items.every((t: { overdue: boolean }) => t.overdue)).toBe(true);
    expect((await rollup()).summary).toMatchObject({ missing: 2, reported: 2 });

    await at("2026-04-12T02:00:00Z");
    expect((await report(unitY, "t1", { period: "2026Q1", status: "in_progress", percent: 20 })).json().late).toBe(
      true,
    );
    expect(
      (await report(unitY, "t3", { period: "2026Q1", status: "lagging", percent: 30, narrative: "场地未落实" })).json(),
    ).toMatchObject({ late: true, status: "lagging" });
    expect((await unitY.json("/api/plans/todos")).items).toEqual([]);

    const r = await rollup();
    expect(r.lastDuePeriod).toBe("2026Q1");
    expect(r.summary).toMatchObject({
      tasks: 3,
      completion: 52.5, // (2×(60+20)/2 + 1×100 + 1×30) / 4
      completed: 1,
      inProgress: 1, // each task counted once: t3 is 滞后, not also 推进中
      notStarted: 0,
      lagging: 1,
      reported: 4,
      missing: 0,
      lateReports: 2,
    });
    expect(r.byChapter.map((c) => [c.title, c.completion, c.completed, c.lagging])).toEqual([
      ["加强宣传教育", 60, 1, 0],
      ["促进交往交流", 30, 0, 1],
    ]);
    expect(r.byUnit.map((u) => [u.orgName, u.completion, u.lagging, u.lateReports, u.reported])).toEqual([
      ["党群工作部", 23.3, 1, 2, 2],
      ["甘旗卡镇人民政府", 73.3, 0, 0, 2],
    ]);
    expect(r.byRegion.map((x) => [x.regionCode, x.regionName, x.units, x.completion])).toEqual([
      ["150522", "科尔沁左翼后旗（本级）", 1, 23.3],
      ["150522100", "甘旗卡镇", 1, 73.3],
    ]);
    expect(r.lagging).toMatchObject([
      {
        title: "组织联谊活动",
        chapterTitle: "促进交往交流",
        completion: 30,
        reasons: ["status"],
        leadOrgName: "党群工作部",
      },
    ]);
    const sub2 = await admin.json(`/api/plans/${plan.id}/submissions?period=2026Q1&state=late`);
    expect(sub2).toMatchObject({ counts: { on_time: 2, late: 2, missing: 0, pending: 0 }, total: 2 });
    const late = await admin.json(`/api/plans/${plan.id}/reports?late=true`);
    expect(late.items.map((x: { nodeTitle: string }) => x.nodeTitle).sort()).toEqual([
      "开展宣传月活动",
      "组织联谊活动",
    ]);
  });

  it("revising a report keeps its late flag and records the change; status and percent must agree", async () => {
    // The roll-up is reused while the plan is unchanged (for up to a minute); fresh=true recomputes.
    const first = await rollup();
    h.clock.advance(30_000);
    expect((await rollup()).asOf).toBe(first.asOf);
    const fresh = await admin.json<RollupView>(`/api/plans/${plan.id}/rollup?fresh=true`);
    expect(fresh.asOf).not.toBe(first.asOf);
    expect(fresh.summary).toEqual(first.summary);
    const res = await report(unitY, "t3", {
      period: "2026Q1",
      status: "lagging",
      percent: 40,
      narrative: "场地已协调",
    });
    expect(res.json()).toMatchObject({ late: true, percent: 40 });
    expect((await rollup()).summary.completion).toBe(55); // (2×40 + 100 + 40) / 4
    const mine = await unitY.json(`/api/plans/${plan.id}/reports?nodeId=${ids.t3}`);
    expect(mine.total).toBe(1);
    const bad = async (body: Record<string, unknown>, field: string, message: string) => {
      const r = await report(unitX, "t1", body);
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().error.details.fields[0]).toMatchObject({ field });
      expect(r.json().error.message).toContain(message);
    };
    await bad({ period: "2026Q1", status: "in_progress", percent: 100 }, "status", "进度为 100% 时，状态应为已完成");
    await bad({ period: "2026Q1", status: "completed", percent: 90 }, "percent", "状态为已完成时，进度应为 100%");
    await bad({ period: "2026Q3", status: "in_progress", percent: 70 }, "period", "2026年第三季度尚未开始");
    await bad({ period: "2026H1", status: "in_progress", percent: 70 }, "period", "不是该规划的报告期");
    await bad({ period: "2029Q1", status: "in_progress", percent: 70 }, "period", "不是该规划的报告期");
    await bad(
      { period: "2026Q2", status: "in_progress", percent: 70, evidenceIds: [f.zhongqiTown.id] },
      "evidenceIds",
      "引用的材料",
    );
  });

  it("shows a unit the outline and its own tasks; the lead unit sees the co-units' reports on its tasks", async () => {
    const y = await unitY.json<PlanView>(`/api/plans/${plan.id}`);
    expect(y.access).toBe("unit");
    expect(flat(y.nodes).map((n) => [n.title, n.own, n.outlineOnly])).toEqual([
      ["加强宣传教育", false, true],
      ["开展宣传月活动", true, false],
      ["促进交往交流", false, true],
      ["组织联谊活动", true, false],
    ]);
    // A co-unit sees who leads, but not the lead's progress.
    const t1ForY = flat(y.nodes).find((n) => n.title === "开展宣传月活动")!;
    expect(t1ForY.units.map((u) => [u.orgName, u.role, u.percent])).toEqual([
      ["甘旗卡镇人民政府", "lead", null],
      ["党群工作部", "responsible", 20],
    ]);
    expect((await unitY.req(`/api/plans/${plan.id}/nodes/${ids.t2}`)).statusCode).toBe(404);
    const asLead = await unitX.json(`/api/plans/${plan.id}/nodes/${ids.t1}`);
    expect(asLead.reports.map((r: { orgName: string; percent: number }) => `${r.orgName} ${r.percent}`).sort()).toEqual(
      ["党群工作部 20", "甘旗卡镇人民政府 60"],
    );
    const asCo = await unitY.json(`/api/plans/${plan.id}/nodes/${ids.t1}`);
    expect(asCo.reports.map((r: { orgName: string }) => r.orgName)).toEqual(["党群工作部"]);
    const xList = await unitX.json(`/api/plans/${plan.id}/reports`);
    expect(
      xList.items.map((r: { nodeTitle: string; orgName: string }) => `${r.nodeTitle}/${r.orgName}`).sort(),
    ).toEqual(["建设教育基地/甘旗卡镇人民政府", "开展宣传月活动/党群工作部", "开展宣传月活动/甘旗卡镇人民政府"]);
    const yTasks = await unitY.json("/api/plans/my-tasks");
    expect(
      yTasks.items.map((t: { title: string; role: string; percent: number; chapterTitle: string }) => [
        t.title,
        t.role,
        t.percent,
        t.chapterTitle,
      ]),
    ).toEqual([
      ["开展宣传月活动", "responsible", 20, "加强宣传教育"],
      ["组织联谊活动", "lead", 40, "促进交往交流"],
    ]);
    // Tasks are found by their title's characters, pairs and longer fragments (core/search.ts).
    const titlesFor = async (url: string, c = unitY) =>
      (await c.json(url)).items.map((t: { title?: string; nodeTitle?: string }) => t.title ?? t.nodeTitle);
    expect(await titlesFor(`/api/plans/my-tasks?q=${encodeURIComponent("谊")}`)).toEqual(["组织联谊活动"]);
    expect(await titlesFor(`/api/plans/my-tasks?q=${encodeURIComponent("活动")}`)).toEqual([
      "开展宣传月活动",
      "组织联谊活动",
    ]);
    expect(await titlesFor(`/api/plans/my-tasks?q=${encodeURIComponent("宣传月活")}`)).toEqual(["开展宣传月活动"]);
    expect(await titlesFor(`/api/plans/my-tasks?q=${encodeURIComponent("联谊宣传")}`)).toEqual([]);
    expect(await titlesFor(`/api/plans/${plan.id}/reports?q=${encodeURIComponent("教育基")}`, unitX)).toEqual([
      "建设教育基地",
    ]);
    expect(await titlesFor(`/api/plans/${plan.id}/reports?q=${encodeURIComponent("宣传月")}`)).toEqual([
      "开展宣传月活动",
    ]);
    // The whole-plan views are for the issuing department and upper levels.
    expect((await unitY.req(`/api/plans/${plan.id}/rollup`)).statusCode).toBe(403);
    expect((await unitY.req(`/api/plans/${plan.id}/history`)).statusCode).toBe(403);
  });

  it("runs a rectification from finding to verification, and escalates an overdue one to the owner's superior", async () => {
    const insp = await admin.json(`/api/plans/${plan.id}/inspections`, {
      method: "POST",
      body: {
        title: "2026年第一季度督查",
        inspectedOn: "2026-04-12",
        description: "对各责任单位一季度任务落实情况开展督查",
        findings: [
          {
            finding: "宣传月活动台账不完整",
            requirement: "补齐活动台账",
            ownerOrgId: f.houqiTown.id,
            deadline: "2026-04-30",
            nodeId: ids.t1,
          },
          { finding: "联谊活动未按计划开展", ownerOrgId: orgY.id, deadline: "2026-04-20", nodeId: ids.t3 },
        ],
      },
    });
    expect(
      insp.rectifications.map((r: { ownerOrgName: string; status: string }) => [r.ownerOrgName, r.status]),
    ).toEqual([
      ["甘旗卡镇人民政府", "open"],
      ["党群工作部", "open"],
    ]);
    const [f1, f2] = insp.rectifications.map((r: { id: string }) => r.id);
    const rect = (id: string, action: string) => `/api/plans/${plan.id}/rectifications/${id}/${action}`;

    expect((await unitX.json("/api/plans/todos")).items.map((t: { kind: string }) => t.kind)).toContain("rectify");
    // Y sees its own item only; closing someone else's is not possible.
    expect((await unitY.json(`/api/plans/${plan.id}/rectifications`)).items.map((r: { id: string }) => r.id)).toEqual([
      f2,
    ]);
    expect(
      (await unitY.req(rect(f1, "close"), { method: "POST", body: { note: "已整改", evidenceIds: [f.houqiTown.id] } }))
        .statusCode,
    ).toBe(404);

    const upload = await unitX.req("/api/materials", {
      method: "POST",
      ...multipart([
        { name: "title", value: "宣传月活动台账" },
        { name: "file", file: { name: "台账.pdf", content: PDF } },
      ]),
    });
    const material = upload.json();
    const noEvidence = await unitX.req(rect(f1, "close"), {
      method: "POST",
      body: { note: "已补齐", evidenceIds: [] },
    });
    expect(noEvidence.json().error.details.fields[0].field).toBe("evidenceIds");
    const closed = await unitX.json(rect(f1, "close"), {
      method: "POST",
      body: { note: "已补齐活动台账", evidenceIds: [material.id] },
    });
    expect(closed).toMatchObject({ status: "closed", closureEvidence: [{ id: material.id, title: "宣传月活动台账" }] });
    expect((await admin.json("/api/plans/todos")).items.map((t: { kind: string }) => t.kind)).toEqual(["verify"]);
    // Only the inspecting department verifies; a unit has no such permission.
    expect((await unitX.req(rect(f1, "verify"), { method: "POST", body: { approved: true } })).statusCode).toBe(403);
    const returned = await admin.json(rect(f1, "verify"), {
      method: "POST",
      body: { approved: false, note: "台账仍缺少照片" },
    });
    expect(returned).toMatchObject({ status: "open", returnCount: 1, verifyNote: "台账仍缺少照片", closedAt: null });
    await unitX.json(rect(f1, "close"), { method: "POST", body: { note: "已补充照片", evidenceIds: [material.id] } });
    const verified = await admin.json(rect(f1, "verify"), {
      method: "POST",
      body: { approved: true, note: "核验通过" },
    });
    expect(verified).toMatchObject({ status: "verified", verifyNote: "核验通过" });
    const again = await admin.req(rect(f1, "verify"), { method: "POST", body: { approved: true } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: "ILLEGAL_TRANSITION",
      message: "整改事项当前为“已核验销号”，不能核验销号（可核验销号的状态：已整改待核验）",
    });

    // F2 passes its deadline: overdue at once, escalated by the job to 党群工作部's superior.
    await at("2026-04-22T02:00:00Z");
    expect((await rollup()).summary.rectifications).toEqual({
      total: 2,
      open: 1,
      closed: 0,
      verified: 1,
      overdue: 1,
      escalated: 0,
    });
    expect(await escalateOverdueRectifications(h.deps)).toBe(1);
    expect(await escalateOverdueRectifications(h.deps)).toBe(0);
    const r2 = await admin.json(`/api/plans/${plan.id}/rectifications/${f2}`);
    expect(r2).toMatchObject({
      overdue: true,
      escalatedToOrgId: superior.id,
      escalatedToOrgName: "中共科尔沁左翼后旗委员会办公室",
    });
    const r = await rollup();
    expect(r.summary.rectifications).toEqual({ total: 2, open: 1, closed: 0, verified: 1, overdue: 1, escalated: 1 });
    expect(r.byUnit.find((u) => u.orgName === "党群工作部")).toMatchObject({
      rectificationsOpen: 1,
      rectificationsOverdue: 1,
    });
    const sup = await admin.json(`/api/plans/todos?orgId=${superior.id}`);
    expect(sup.items).toMatchObject([{ kind: "escalated", rectificationId: f2, overdue: true }]);
    expect(
      (await unitY.json("/api/plans/todos")).items.find((t: { kind: string }) => t.kind === "rectify"),
    ).toMatchObject({
      overdue: true,
    });
    const list = await admin.json(`/api/plans/${plan.id}/rectifications?overdue=true`);
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([f2]);
  });

  it("generates the 中期评估报告 .docx and the data .xlsx from recorded data; both open cleanly", async () => {
    const res = await admin.req(`/api/plans/${plan.id}/evaluation-report?kind=midterm`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(res.headers["content-disposition"]).toContain(
      encodeURIComponent("民族团结进步创建三年行动方案中期评估报告.docx"),
    );
    const docx = res.rawPayload;
    const text = (await mammoth.extractRawText({ buffer: docx })).value;
    for (const s of [
      "民族团结进步创建三年行动方案",
      "中期评估报告",
      "科尔沁左翼后旗民族事务委员会",
      "2026年4月22日",
      "一、总体情况",
      "总体完成率为 55.0%",
      "二、分章节完成情况",
      "加强宣传教育",
      "三、责任单位完成情况",
      "甘旗卡镇人民政府",
      "五、滞后任务",
      "组织联谊活动",
      "六、督查整改情况",
      "联谊活动未按计划开展",
      "已提级至中共科尔沁左翼后旗委员会办公室",
    ]) {
      expect(text, s).toContain(s);
    }
    // Its own period, counts that add up (each task once), the sections of the period.
    for (const s of ["评估期：", "七、本期到期里程碑", "八、目标指标完成情况", "九、本期变化", "每项任务只计一次"]) {
      expect(text, s).toContain(s);
    }
    const counts = text.match(/共分解任务 (\d+) 项.*?已完成 (\d+) 项，推进中 (\d+) 项，未启动 (\d+) 项，滞后 (\d+) 项/);
    expect(counts).not.toBeNull();
    const [total, ...parts] = counts!.slice(1).map(Number);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
    const final = await admin.req(`/api/plans/${plan.id}/evaluation-report?kind=final`);
    expect((await mammoth.extractRawText({ buffer: final.rawPayload })).value).toContain("总结评估报告");

    const xlsx = await admin.req(`/api/plans/${plan.id}/export`);
    expect(xlsx.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["概况", "分章节", "责任单位", "分地区", "滞后任务", "督查整改"]);
    const units = wb.getWorksheet("责任单位")!;
    expect(units.getRow(1).getCell(1).value).toBe("责任单位");
    const rows = [2, 3].map((i) => [units.getRow(i).getCell(1).value, units.getRow(i).getCell(5).value]);
    expect(rows).toEqual([
      ["党群工作部", 26.7],
      ["甘旗卡镇人民政府", 73.3],
    ]);
    const exports = await admin.json(`/api/plans/${plan.id}/history`);
    expect(exports.items.filter((e: { category: string }) => e.category === "export")).toHaveLength(3);

    if (hasSoffice) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shiliu-docx-"));
      try {
        fs.writeFileSync(path.join(dir, "report.docx"), docx);
        execFileSync(
          "soffice",
          [
            `-env:UserInstallation=file://${dir}/profile`,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            dir,
            path.join(dir, "report.docx"),
          ],
          { stdio: "ignore", timeout: 120_000 },
        );
        const pdf = fs.readFileSync(path.join(dir, "report.pdf"));
        expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
        expect(pdf.length).toBeGreaterThan(10_000);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  }, 180_000);

  it("computes the time-progress line in SQL exactly as periods.ts expectedProgress does (deadlines, milestones)", async () => {
    const cases = [
      { title: "里程碑任务", milestones: [{ year: 2026, content: "完成九成", percent: 90 }], deadline: null },
      {
        title: "有期限的任务",
        milestones: [
          { year: 2025, content: "规划前的目标", percent: 50 },
          { year: 2026, content: "无百分比" },
        ],
        deadline: "2026-06-30",
      },
      {
        title: "多个里程碑",
        milestones: [
          { year: 2027, content: "八成", percent: 80 },
          { year: 2026, content: "四成", percent: 40 },
        ],
        deadline: null,
      },
    ];
    for (const c of cases) {
      await admin.json(`/api/plans/${plan.id}/nodes`, {
        method: "POST",
        body: { parentNodeId: ids.c2, kind: "task", ...c },
      });
    }
    await at("2026-05-25T04:00:00Z");
    const r = await rollup();
    for (const c of cases) {
      const row = r.lagging.find((l) => l.title === c.title);
      const js = expectedProgress(plan, { deadline: c.deadline, milestones: c.milestones }, h.clock.now());
      expect(row?.expected, c.title).toBe(js);
    }
    // 40 % by the end of 2026: 144.5 of 365 days into the year; the deadline task: 144.5 of 181 days.
    expect(r.lagging.find((l) => l.title === "多个里程碑")!.expected).toBe(15.8);
    expect(r.lagging.find((l) => l.title === "有期限的任务")!.expected).toBe(79.8);
  });
});
