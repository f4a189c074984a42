import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RollupView } from "../../../contracts/plan-progress.js";
import type { PlanView } from "../../../contracts/plans.js";
import { login, twoBanners, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { auditLog } from "../audit/audit.schema.js";
import { loadActorForUser } from "../identity/index.js";
import { materials } from "../materials/materials.schema.js";
import { DEMO_PLAN_TITLE, seedPlansDemo } from "./demo-seed.js";
import { periodByKey } from "./periods.js";
import { flat } from "./plans.fixtures.js";
import { planInspections, planRectifications, planReports, plans } from "./plans.schema.js";

/** "Today" of the demo story: December 2026, the 2021–2025 plan in its 总结评估 stage. */
const TODAY = "2026-12-02T02:00:00Z";

describe("plans demo data (the repository's demo plan as 科左后旗's plan)", () => {
  let h: TestApp;
  let f: Awaited<ReturnType<typeof twoBanners>>;
  let planId: string;

  beforeAll(async () => {
    h = await createTestApp({ start: TODAY });
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

  it("tells its story in time order, never after today", async () => {
    const db = h.deps.db;
    const today = new Date(TODAY).getTime();
    const [plan] = await db.select().from(plans).where(eq(plans.id, planId));
    // Imported in the platform's first year, before anything was reported on it.
    expect(plan.createdAt.toISOString().slice(0, 10)).toBe("2025-01-06");
    const reports = await db.select().from(planReports).where(eq(planReports.planId, planId));
    expect(reports.length).toBeGreaterThan(0);
    for (const r of reports) {
      const period = periodByKey(plan, r.period)!;
      // Filed after its quarter ended, after the import, before today; late exactly when past its due date.
      expect(r.submittedAt.getTime()).toBeGreaterThan(period.end.getTime());
      expect(r.submittedAt.getTime()).toBeGreaterThan(plan.createdAt.getTime());
      expect(r.submittedAt.getTime()).toBeLessThanOrEqual(today);
      expect(r.late).toBe(r.submittedAt.getTime() > period.dueAt.getTime());
      expect(r.updatedAt.getTime()).toBe(r.submittedAt.getTime());
    }
    const lastReport = Math.max(...reports.map((r) => r.submittedAt.getTime()));
    // The supervision round comes after the plan ended and its last report, in its 总结评估 stage.
    const [inspection] = await db.select().from(planInspections).where(eq(planInspections.planId, planId));
    expect(inspection.title).toContain("总结评估");
    expect(inspection.inspectedOn > `${plan.periodEnd}-12-31`).toBe(true);
    expect(new Date(`${inspection.inspectedOn}T23:59:59+08:00`).getTime()).toBeGreaterThan(lastReport);
    expect(inspection.createdAt.getTime()).toBeLessThanOrEqual(today);
    const rects = await db.select().from(planRectifications).where(eq(planRectifications.planId, planId));
    expect(rects).toHaveLength(3);
    const inspected = new Date(`${inspection.inspectedOn}T00:00:00+08:00`).getTime();
    for (const r of rects) {
      expect(r.deadline > inspection.inspectedOn).toBe(true);
      expect(r.createdAt.getTime()).toBeGreaterThanOrEqual(inspected);
      if (r.closedAt) {
        expect(r.closedAt.getTime()).toBeGreaterThan(r.createdAt.getTime());
        expect(r.closedAt.getTime()).toBeLessThan(today);
      }
      if (r.verifiedAt) expect(r.verifiedAt.getTime()).toBeGreaterThan(r.closedAt!.getTime());
      if (r.verifiedAt) expect(r.verifiedAt.getTime()).toBeLessThan(today);
      // Escalated only when overdue: its deadline passed before it was escalated (by today's job).
      if (r.escalatedAt) {
        expect(r.status).toBe("open");
        expect(r.escalatedAt.getTime()).toBeGreaterThan(new Date(`${r.deadline}T23:59:59+08:00`).getTime());
        expect(r.escalatedAt.getTime()).toBeLessThanOrEqual(today);
      }
    }
    // Nothing in the audit log or the evidence library is dated after today.
    const entries = await db.select({ at: auditLog.at }).from(auditLog);
    expect(entries.every((e) => new Date(e.at).getTime() <= today)).toBe(true);
    const files = await db.select({ at: materials.createdAt }).from(materials);
    expect(files.every((m) => m.at.getTime() < today)).toBe(true);
  });
});
