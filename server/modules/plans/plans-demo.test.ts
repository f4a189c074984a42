import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlanView, RollupView } from "../../../contracts/plans.js";
import { login, twoBanners, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { loadActorForUser } from "../identity/session.service.js";
import { DEMO_PLAN_TITLE, seedPlansDemo } from "./demo-seed.js";
import { flat } from "./plans.fixtures.js";

describe("plans demo data (seeds/004 as 科左后旗's plan)", () => {
  let h: TestApp;
  let f: Awaited<ReturnType<typeof twoBanners>>;
  let planId: string;

  beforeAll(async () => {
    h = await createTestApp();
    f = await twoBanners(h);
    const actor = await loadActorForUser(h.deps.db, f.houqiAdmin.id);
    const res = await seedPlansDemo(h.deps, { actor: actor! });
    expect(res.created).toBe(true);
    planId = res.planId;
  }, 60_000);
  afterAll(() => h?.close());

  it("imports the plan with its departments created and matched", async () => {
    const admin = await login(h, "houqi_admin", USER_PASSWORD);
    const plan = await admin.json<PlanView>(`/api/plans/${planId}`);
    expect(plan).toMatchObject({
      title: DEMO_PLAN_TITLE,
      docNumber: "后民族字〔2023〕21号",
      issuingOrgName: "科尔沁左翼后旗民族事务委员会",
      status: "active",
      access: "manage",
      counts: { chapters: 9, sections: 30, columns: 5, tasks: 20, items: 0 },
    });
    const tasks = flat(plan.nodes).filter((n) => n.kind === "task");
    expect(tasks.every((t) => t.units.length > 0 && t.units[0].role === "lead")).toBe(true);
    expect(tasks.find((t) => t.title === "建立活动平台")!.units.map((u) => [u.orgName, u.role])).toEqual([
      ["甘旗卡镇人民政府", "lead"],
      ["科尔沁左翼后旗民族事务委员会", "responsible"],
    ]);
    expect(tasks.find((t) => t.title === "实施干部教育培训行动")!.units.map((u) => u.orgName)).toEqual([
      "中共科尔沁左翼后旗委员会组织部",
      expect.any(String),
      expect.any(String),
    ]);
  });

  it("has a year of quarterly reports with lagging tasks, late and missing reports, and a supervision round", async () => {
    const admin = await login(h, "houqi_admin", USER_PASSWORD);
    const r = await admin.json<RollupView>(`/api/plans/${planId}/rollup`);
    expect(r.lastDuePeriod).toBe("2025Q4");
    expect(r.summary.tasks).toBe(20);
    expect(r.summary.completed).toBeGreaterThan(5);
    expect(r.summary.lateReports).toBeGreaterThan(0);
    expect(r.summary.missing).toBeGreaterThan(0);
    const byStatus = r.lagging.filter((l) => l.reasons.includes("status")).map((l) => l.title);
    expect(byStatus.sort()).toEqual(
      ["建立援助平台", "流动人口服务管理工程", "铸牢中华民族共同体意识研究基地建设"].sort(),
    );
    expect(r.summary.rectifications).toEqual({ total: 3, open: 1, closed: 1, verified: 1, overdue: 1, escalated: 1 });
    const reports = await admin.json(`/api/plans/${planId}/reports?period=2025Q1&pageSize=200`);
    expect(reports.total).toBe(r.summary.assignments);
    const rects = await admin.json(`/api/plans/${planId}/rectifications`);
    const verified = rects.items.find((x: { status: string }) => x.status === "verified");
    expect(verified.closureEvidence).toHaveLength(1);
    // Running the seed again changes nothing.
    expect(await seedPlansDemo(h.deps)).toEqual({ planId, created: false });
  });
});
