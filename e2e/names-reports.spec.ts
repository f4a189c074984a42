import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readXlsx } from "../server/core/xlsx.js";
import {
  AUDITADMIN_PASSWORD,
  DEMO_PASSWORD,
  launchBrowser,
  login,
  newPage,
  rows,
  type Server,
  type Session,
  startServer,
  tableLoaded,
} from "./support.js";

/**
 * Issue 10 §3–§4 in the browser, on the demo data: the audit admin reads organizations by name in 审计日志 (never
 * their ids); a plan's 评估数据 (.xlsx) downloads with its times as real Excel dates in Beijing time (read back
 * with the project's reader); a progress report accepted after its deadline is marked 逾期 in 报送情况 and counted
 * in the roll-up.
 */
const AUDIT_NEW_PASSWORD = "E2e#Ledger2026y";
const DEMO_PLAN = "科左后旗民族团结进步创建发展规划（2021-2025年）";
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe("names, exports and late reports", () => {
  let server: Server;
  let browser: Browser;
  const sessions: Session[] = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "shiliu-names-"));

  beforeAll(async () => {
    server = await startServer({ demo: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const s of sessions) await s.context.close();
    await browser?.close();
    await server?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const open = async (): Promise<Session> => {
    const s = await newPage(browser, server.url);
    s.page.setDefaultTimeout(20_000);
    sessions.push(s);
    return s;
  };

  async function openDemoPlan(page: Page) {
    await page.goto("/admin/plans");
    await page.locator(".ant-table-row").filter({ hasText: DEMO_PLAN }).getByTestId("plan-title").click();
    await page.getByTestId("plan-heading").filter({ hasText: DEMO_PLAN }).waitFor();
  }

  it("审计日志 names the organization of a new user, not its id", async () => {
    const { page, consoleErrors } = await open();
    await login(page, "auditadmin", AUDITADMIN_PASSWORD);
    const changeHeading = page.getByRole("heading", { name: "修改密码" });
    await Promise.race([changeHeading.waitFor(), page.getByRole("menu").first().waitFor()]);
    if (await changeHeading.isVisible()) {
      await page.getByLabel("新密码", { exact: true }).fill(AUDIT_NEW_PASSWORD);
      await page.getByLabel("确认新密码").fill(AUDIT_NEW_PASSWORD);
      await page.getByRole("button", { name: /保\s*存/ }).click();
      await page.getByRole("menu").first().waitFor();
    }
    await page.goto("/admin/audit/log");
    await tableLoaded(page);
    // The summary's closing quote: the user's own entries, not the hundreds hq_mzj wrote as the actor.
    await page.getByLabel("关键字").fill("（hq_mzj）”");
    await page.getByRole("button", { name: /查\s*询/ }).click();
    const created = rows(page).filter({ hasText: /新增用户“[^”]*（hq_mzj）”/ });
    await created.waitFor();
    const text = (await created.textContent()) ?? "";
    expect(text).toMatch(/所属机构：[^：]*科尔沁左翼后旗/);
    expect(text).not.toMatch(UUID);
    expect(consoleErrors).toEqual([]);
  });

  it("the plan's 评估数据 .xlsx writes its time as an Excel date in Beijing time", async () => {
    const { page, consoleErrors } = await open();
    await login(page, "hq_mzj", DEMO_PASSWORD);
    await page.waitForURL((u) => !u.pathname.includes("/login"));
    await openDemoPlan(page);
    await page.getByTestId("plan-downloads").click();
    const before = Date.now();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("menuitem", { name: "评估数据（Excel）" }).click(),
    ]);
    const file = path.join(tmp, "data.xlsx");
    await download.saveAs(file);
    const content = fs.readFileSync(file);

    // The project's reader: 概况 is the first sheet; 统计时间 reads as the Beijing wall clock.
    const { rows: read } = await readXlsx(content);
    const asOf = read.find((r) => r.cells[0] === "统计时间")?.cells[1] ?? "";
    expect(asOf).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const shown = Date.parse(`${asOf.replace(" ", "T")}+08:00`);
    // The export was made between the click and now: within that window, in Beijing time (not 8 hours off).
    expect(shown).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 - 60_000);
    expect(shown).toBeLessThanOrEqual(Date.now() + 1000);

    // And the cell is a real date with a date-time format, not text.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(content as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet("概况")!;
    let cell: ExcelJS.Cell | undefined;
    sheet.eachRow((row) => {
      if (row.getCell(1).value === "统计时间") cell = row.getCell(2);
    });
    expect(cell?.value).toBeInstanceOf(Date);
    expect(cell?.numFmt).toMatch(/yyyy-mm-dd hh:mm/);
    expect(consoleErrors).toEqual([]);
  });

  it("a report accepted after its deadline is marked late in 报送情况 and counted in the roll-up", async () => {
    const { page, consoleErrors } = await open();
    await login(page, "hq_mzj", DEMO_PASSWORD);
    await page.waitForURL((u) => !u.pathname.includes("/login"));
    await openDemoPlan(page);
    await page.getByRole("tab", { name: "报送情况" }).click();
    const subs = page.getByTestId("submissions-table");
    await subs.locator(".ant-table-row").first().waitFor();
    const state = page.getByTestId("submissions-state");
    const lateOption = state.getByText(/^逾期报送 \d+$/);
    const lateCount = Number(((await lateOption.textContent()) ?? "").replace(/\D/g, ""));
    expect(lateCount).toBeGreaterThan(0);
    await lateOption.click();
    await expect
      .poll(async () => {
        const texts = await subs.locator(".ant-table-row").allTextContents();
        return texts.length > 0 && texts.every((t) => t.includes("逾期报送"));
      })
      .toBe(true);

    await page.getByRole("tab", { name: "进度汇总" }).click();
    const late = page.locator(".ant-statistic").filter({ hasText: "逾期报送" }).first();
    await late.waitFor();
    expect(
      Number(((await late.locator(".ant-statistic-content").textContent()) ?? "0").replace(/\D/g, "")),
    ).toBeGreaterThan(0);
    expect(consoleErrors).toEqual([]);
  });
});
