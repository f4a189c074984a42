import ExcelJS from "exceljs";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlanView } from "../../../contracts/plans.js";
import { type Client, createOrg, createUser, login, type Org, twoBanners, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { multipart } from "./plans.fixtures.js";
import { escalateOverdueRectifications } from "./supervision.service.js";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

/**
 * An evaluation report describes the plan as it stood at its period's end: reports, rectifications and figures
 * after that day do not change it (a 2025–2026 plan: 中期 to 2025-12-31, 总结 to 2026-12-31). The story stays within
 * the 90 days of the password policy.
 */
describe("plans: evaluation reports as of their period's end", () => {
  let h: TestApp;
  let f: Awaited<ReturnType<typeof twoBanners>>;
  let admin: Client;
  let unitX: Client; // 甘旗卡镇人民政府: task A
  let unitY: Client; // 党群工作部: task B, owner of the rectification
  let orgY: Org;
  let plan: PlanView;
  const ids: Record<string, string> = {};

  async function at(iso: string) {
    h.clock.set(iso);
    admin = await login(h, "houqi_admin", USER_PASSWORD);
    unitX = await login(h, "houqi_unit", USER_PASSWORD);
    unitY = await login(h, "houqi_dq", USER_PASSWORD);
  }
  const report = (c: Client, node: string, body: Record<string, unknown>) =>
    c.json(`/api/plans/${plan.id}/nodes/${ids[node]}/reports`, { method: "POST", body });

  /** The 中期 report's text without its title page's generation date, and its data workbook without 统计时间. */
  async function midterm() {
    const docx = await admin.req(`/api/plans/${plan.id}/evaluation-report?kind=midterm`);
    expect(docx.statusCode).toBe(200);
    const text = (await mammoth.extractRawText({ buffer: docx.rawPayload })).value;
    const xlsx = await admin.req(`/api/plans/${plan.id}/export?kind=midterm`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheets = wb.worksheets.map((ws) => {
      const rows: unknown[][] = [];
      ws.eachRow((row) => {
        const cells = (row.values as unknown[]).slice(1);
        if (cells[0] !== "统计时间") rows.push(cells);
      });
      return [ws.name, rows];
    });
    return { text: text.replace(/\d{4}年\d{1,2}月\d{1,2}日\s*(?=一、总体情况)/, ""), sheets, raw: text };
  }

  beforeAll(async () => {
    h = await createTestApp({ start: "2025-12-01T01:00:00Z" });
    f = await twoBanners(h);
    orgY = await createOrg(f.admin, "党群工作部", "150522");
    await createUser(h, f.admin, "houqi_dq", orgY.id, ["unit_user"]);
    await at("2025-12-01T02:00:00Z");
    const created = await admin.json<PlanView>("/api/plans", {
      method: "POST",
      body: { title: "民族团结进步创建两年行动方案", periodStart: 2025, periodEnd: 2026, cycle: "quarterly" },
    });
    const add = async (key: string, body: Record<string, unknown>) => {
      ids[key] = (await admin.json(`/api/plans/${created.id}/nodes`, { method: "POST", body })).nodeId;
    };
    await add("c1", { kind: "chapter", number: "第一章", title: "加强宣传教育" });
    await add("a", {
      parentNodeId: ids.c1,
      kind: "task",
      number: "1.",
      title: "开展宣传月活动",
      orgIds: [f.houqiTown.id],
      leadOrgId: f.houqiTown.id,
    });
    await add("b", {
      parentNodeId: ids.c1,
      kind: "task",
      number: "2.",
      title: "组织联谊活动",
      orgIds: [orgY.id],
      leadOrgId: orgY.id,
    });
    plan = await admin.json(`/api/plans/${created.id}`, { method: "PATCH", body: { status: "active" } });
  });
  afterAll(() => h?.close());

  it("a later report, closure, verification or inspection changes neither the 中期 report nor its data", async () => {
    // Before the 中期 cut-off: A in progress, B lagging; a finding for Y, overdue and escalated in December.
    await at("2025-12-05T02:00:00Z");
    await report(unitX, "a", { period: "2025Q4", status: "in_progress", percent: 40, narrative: "四季度推进" });
    await report(unitY, "b", { period: "2025Q4", status: "lagging", percent: 10, narrative: "经费未到位" });
    const insp = await admin.json(`/api/plans/${plan.id}/inspections`, {
      method: "POST",
      body: {
        title: "2025年度督查",
        inspectedOn: "2025-12-05",
        findings: [{ finding: "联谊活动未按计划开展", ownerOrgId: orgY.id, deadline: "2025-12-15", nodeId: ids.b }],
      },
    });
    const rectId = insp.rectifications[0].id as string;
    await at("2025-12-17T02:00:00Z");
    expect(await escalateOverdueRectifications(h.deps)).toBe(1);

    // Generated just after the period's end.
    await at("2026-01-02T02:00:00Z");
    const first = await midterm();
    expect(first.raw).toContain("评估期：2025年1月1日至2025年12月31日");
    expect(first.raw).toContain("其中已完成 0 项，推进中 1 项，未启动 0 项，滞后 1 项");
    expect(first.raw).toContain("整改中 1 个（其中逾期 1 个），已提级督办 1 个");
    const overview = new Map((first.sheets[0][1] as unknown[][]).map((r) => [String(r[0]), r[1]] as [string, unknown]));
    expect(overview.get("数据截至")).toEqual(new Date("2025-12-31T00:00:00Z")); // a date cell
    expect(overview.get("已完成任务")).toBe(0);
    expect(overview.get("滞后任务")).toBe(1);
    const rects = first.sheets.find(([name]) => name === "督查整改")![1] as unknown[][];
    expect(rects.slice(1).map((r) => [r[1], r[5]])).toEqual([["联谊活动未按计划开展", "整改中"]]);

    // After the cut-off: both tasks completed (reported for 2026Q1), the finding closed and verified, and a
    // second inspection with a new finding.
    await at("2026-01-06T02:00:00Z");
    await report(unitX, "a", { period: "2026Q1", status: "completed", percent: 100, narrative: "全部完成" });
    await report(unitY, "b", { period: "2026Q1", status: "completed", percent: 100, narrative: "补办完成" });
    const upload = await unitY.req("/api/materials", {
      method: "POST",
      ...multipart([
        { name: "title", value: "联谊活动记录" },
        { name: "file", file: { name: "记录.pdf", content: PDF } },
      ]),
    });
    expect(upload.statusCode).toBe(200);
    const rect = (action: string) => `/api/plans/${plan.id}/rectifications/${rectId}/${action}`;
    await unitY.json(rect("close"), { method: "POST", body: { note: "已补办", evidenceIds: [upload.json().id] } });
    await admin.json(rect("verify"), { method: "POST", body: { approved: true, note: "核验通过" } });
    await admin.json(`/api/plans/${plan.id}/inspections`, {
      method: "POST",
      body: {
        title: "2026年第一季度督查",
        inspectedOn: "2026-01-06",
        findings: [
          { finding: "宣传月台账缺少照片", ownerOrgId: f.houqiTown.id, deadline: "2026-03-31", nodeId: ids.a },
        ],
      },
    });

    // The 中期 report and its data, made again in February, say exactly what they said in January.
    await at("2026-02-20T02:00:00Z");
    const again = await midterm();
    expect(again.text).toBe(first.text);
    expect(again.sheets).toEqual(first.sheets);
    expect(again.raw).toContain("2026年2月20日"); // only the generation date moved

    // The 总结 report (to today, the plan still running) and the roll-up see the later state.
    const final = (
      await mammoth.extractRawText({
        buffer: (await admin.req(`/api/plans/${plan.id}/evaluation-report?kind=final`)).rawPayload,
      })
    ).value;
    expect(final).toContain("其中已完成 2 项，推进中 0 项，未启动 0 项，滞后 0 项");
    expect(final).toContain("共发现问题 2 个：已核验销号 1 个，已整改待核验 0 个，整改中 1 个");
    expect(final).toContain("宣传月台账缺少照片");
    const live = await admin.json(`/api/plans/${plan.id}/rollup`);
    expect(live.summary.completed).toBe(2);
  });
});
