import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportDefinitionView, ReportRunView } from "../../../contracts/reports.js";
import { type Client, login, twoBanners, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { auditLog } from "../audit/audit.schema.js";

/**
 * 报表中心: the reports a user may generate (by their permissions), each parameter checked against the report's own
 * list and the caller's choices, the module's own export run, the file kept and found again in the user's history
 * (theirs alone), and every run audited.
 */
describe("报表中心", () => {
  let h: TestApp;
  let houqi: Client;
  let zhongqi: Client;
  let unit: Client;

  beforeAll(async () => {
    h = await createTestApp({ start: "2026-11-20T02:00:00Z" });
    await twoBanners(h);
    houqi = await login(h, "houqi_admin", USER_PASSWORD);
    zhongqi = await login(h, "zhongqi_admin", USER_PASSWORD);
    unit = await login(h, "houqi_unit", USER_PASSWORD);
  });
  afterAll(() => h?.close());

  const run = (c: Client, key: string, params: Record<string, string>) =>
    c.req(`/api/reports/${key}/runs`, { method: "POST", body: { params } });

  it("lists the reports each user's permissions allow, with their choices", async () => {
    const mine = await houqi.json<ReportDefinitionView[]>("/api/reports");
    const keys = mine.map((r) => r.key);
    expect(keys).toEqual(expect.arrayContaining(["creation.applications", "disputes.quarterly", "plans.evaluation"]));
    const quarter = mine.find((r) => r.key === "disputes.quarterly")!.params[0];
    expect(quarter.options?.[0]).toEqual({ value: "2026Q4", label: "2026年第四季度" });
    expect(quarter.initial).toBe("2026Q3");
    const status = mine.find((r) => r.key === "creation.applications")!.params[0];
    expect(status.options).toContainEqual({ value: "reviewing", label: expect.any(String) });
    // A unit holds no export permission of 示范创建.
    const theirs = (await unit.json<ReportDefinitionView[]>("/api/reports")).map((r) => r.key);
    expect(theirs).not.toContain("creation.applications");
  });

  it("generates a report with the module's own export, keeps the file and finds it again; audited", async () => {
    const res = await run(houqi, "creation.applications", { status: "reviewing" });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<ReportRunView>();
    expect(view).toMatchObject({
      reportKey: "creation.applications",
      title: "示范创建申报汇总表",
      format: "xlsx",
      fileName: "示范创建申报汇总表.xlsx",
    });
    expect(view.paramsText).toMatch(/^申报状态：/);
    const runs = await houqi.json<{ items: ReportRunView[]; total: number }>("/api/reports/runs");
    expect(runs.items[0].id).toBe(view.id);
    const file = await houqi.req(`/api/reports/runs/${view.id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toContain("spreadsheetml");
    expect(file.rawPayload.subarray(0, 2).toString()).toBe("PK");
    expect(file.rawPayload.length).toBe(view.size);
    const quarterly = await run(houqi, "disputes.quarterly", { period: "2026Q3" });
    expect(quarterly.statusCode, quarterly.body).toBe(200);
    expect(quarterly.json<ReportRunView>().fileName).toContain("季报.docx");
    const audited = await h.deps.db
      .select({ summary: auditLog.summary })
      .from(auditLog)
      .where(and(eq(auditLog.action, "report.generate"), eq(auditLog.entityId, view.id)));
    expect(audited).toHaveLength(1);
    expect(audited[0].summary).toContain("示范创建申报汇总表");
    // Another user neither lists nor downloads it.
    expect((await zhongqi.json<{ total: number }>("/api/reports/runs")).total).toBe(0);
    expect((await zhongqi.req(`/api/reports/runs/${view.id}/file`)).statusCode).toBe(404);
  });

  it("refuses bad parameters with a Chinese message naming them, and reports the caller may not run", async () => {
    const err = async (c: Client, key: string, params: Record<string, string>, status = 400) => {
      const res = await run(c, key, params);
      expect(res.statusCode, res.body).toBe(status);
      return res.json<{ error: { message: string } }>().error.message;
    };
    expect(await err(houqi, "creation.applications", { status: "nonsense" })).toContain("申报状态：不在可选范围内");
    expect(await err(houqi, "creation.applications", { colour: "red" })).toContain("该报表没有这个参数");
    expect(await err(houqi, "plans.evaluation", {})).toContain("规划：请选择或填写");
    expect(await err(houqi, "disputes.quarterly", { period: "2031Q1" })).toContain("季度：不在可选范围内");
    expect(await err(houqi, "activities.publicity-month", { year: "26" })).toContain("年度：应为 2000–2100 之间的年份");
    await err(unit, "creation.applications", {}, 403);
    await err(houqi, "creation.nothing", {}, 404);
    const before = (await houqi.json<{ total: number }>("/api/reports/runs")).total;
    await err(houqi, "creation.applications", { status: "nonsense" });
    expect((await houqi.json<{ total: number }>("/api/reports/runs")).total).toBe(before);
  });
});
