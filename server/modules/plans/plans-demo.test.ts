import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RollupView } from "../../../contracts/plan-progress.js";
import type { PlanView } from "../../../contracts/plans.js";
import { login, twoBanners, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { loadActorForUser } from "../identity/index.js";
import { DEMO_PLAN_TITLE, seedPlansDemo } from "./demo-seed.js";
import { flat } from "./plans.fixtures.js";

describe("plans demo data (the repository's demo plan as 科左后旗's plan)", () => {
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
  });
  afterAll(() => h?.close());

  it("imports the plan with its departments created and matched", async () => {
    const admin = await login(h, "houqi_admin", USER_PASSWORD);
    const plan = await admin.json<PlanView>(`/api/plans/${planId}`);
    expect(plan).toMatchObject({
      title: DEMO_PLAN_TITLE,
      docNumber: "后民委发〔2024〕7号",
      issuingOrgName: "科尔沁左翼后旗民族事务委员会",
      status: "active",
      access: "manage",
      counts: { chapters: 6, sections: 13, columns: 4, tasks: 20, items: 0 },
    });
    const tasks = flat(plan.nodes).filter((n) => n.kind === "task");
    expect(tasks.every((t) => t.units.length > 0 && t.units[0].role === "lead")).toBe(true);
    // Each task carries exactly the units its 责任单位 clause names, resolved to the banner's organizations.
    const units = (title: string) => tasks.find((t) => t.title === title)!.units.map((u) => [u.orgName, u.role]);
    expect(units("建立社区活动平台")).toEqual([
      ["甘旗卡镇人民政府", "lead"],
      ["科尔沁左翼后旗民族事务委员会", "responsible"],
    ]);
    expect(units("开展领导干部民族理论政策轮训")).toEqual([
      ["中共科尔沁左翼后旗委员会组织部", "lead"],
      ["中共科尔沁左翼后旗委员会统一战线工作部", "responsible"],
      ["科尔沁左翼后旗民族事务委员会", "responsible"],
    ]);
    // 牵头单位 named apart from the 责任单位 leads.
    expect(units("做好流动人口服务管理")).toEqual([
      ["科尔沁左翼后旗公安局", "lead"],
      ["科尔沁左翼后旗人力资源和社会保障局", "responsible"],
      ["科尔沁左翼后旗民族事务委员会", "responsible"],
    ]);
    expect(units("推广国家通用语言文字")).toEqual([
      ["科尔沁左翼后旗教育局", "lead"],
      ["科尔沁左翼后旗文化旅游体育局", "responsible"],
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
    expect(byStatus.sort()).toEqual(["建立法律援助平台", "做好流动人口服务管理", "建设共同体意识研究基地"].sort());
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
