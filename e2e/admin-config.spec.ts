import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORG_IMPORT_COLUMNS } from "../contracts/org.js";
import { readXlsx } from "../server/core/xlsx.js";
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  dialog,
  launchBrowser,
  rows,
  type Server,
  type Session,
  shot,
  signedIn,
  startServer,
  tableLoaded,
} from "./support.js";

/**
 * Issue 19's administration bar in the browser, on the demo data: the system administrator renames a category in
 * 字典管理 and the new label shows at once in the applications list and its export; adds a holiday in 工作日历
 * and the 公示 window worked out across it moves by a day; sees a failed job in 定时任务 and, once the cause is
 * fixed, runs it again.
 */
const OLD = "嘎查村/社区";
const NEW = "嘎查村（社区）";

describe("administration: dictionary, calendar, jobs", () => {
  let server: Server;
  let browser: Browser;
  const sessions: Session[] = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "shiliu-admin-"));
  const open = (username: string, password: string) => signedIn(browser, server.url, sessions, username, password);

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
  });
  afterAll(async () => {
    for (const s of sessions) await s.context.close();
    await browser?.close();
    await server?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("a category renamed in 字典管理 shows its new name in the list and the export at once", async () => {
    const admin = await open("admin", ADMIN_PASSWORD);
    await admin.page.goto("/admin/system/dicts");
    await admin.page.getByTestId("dict-type-creation_category").click();
    const row = admin.page.locator(".ant-table-row").filter({ hasText: OLD });
    await row.getByRole("button", { name: /修\s*改/ }).click();
    const form = dialog(admin.page, `修改“${OLD}”`);
    await form.getByLabel("名称", { exact: true }).fill(NEW);
    await form.getByRole("button", { name: /确\s*定|保\s*存|OK/ }).click();
    await admin.page.locator(".ant-table-row").filter({ hasText: NEW }).waitFor();
    await shot(admin.page, "admin-dict-renamed");

    const { page } = await open("hq_mzj", DEMO_PASSWORD);
    await page.goto("/admin/creation/applications");
    await tableLoaded(page);
    await rows(page).filter({ hasText: NEW }).first().waitFor();
    expect(await rows(page).filter({ hasText: OLD }).count()).toBe(0);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: /导\s*出/ }).click(),
    ]);
    const file = path.join(tmp, "applications.xlsx");
    await download.saveAs(file);
    const { rows: read } = await readXlsx(fs.readFileSync(file));
    const cells = read.flatMap((r) => r.cells);
    expect(cells).toContain(NEW);
    expect(cells).not.toContain(OLD);
  });

  it("a holiday added in 工作日历 moves the 公示 window worked out across it", async () => {
    const { page } = await open("admin", ADMIN_PASSWORD);
    await page.goto("/admin/system/calendar");
    // A Monday in the coming year's calendar that no official rest day covers: 5 working days from the Friday before.
    const year = new Date().getFullYear() + 1;
    const monday = new Date(Date.UTC(year, 5, 1));
    while (monday.getUTCDay() !== 1) monday.setUTCDate(monday.getUTCDate() + 1);
    const fmt = (d: Date) => d.toISOString().slice(0, 10);
    const friday = new Date(monday.getTime() - 3 * 86_400_000);
    const tool = page.locator(".ant-card").filter({ hasText: "工作日推算" });
    const fromPicker = tool.locator(".ant-picker input");
    await fromPicker.click();
    await fromPicker.fill(fmt(friday));
    await fromPicker.press("Enter");
    await tool.locator(".ant-input-number input").fill("5");
    await tool.getByRole("button", { name: /推\s*算/ }).click();
    const result = page.getByTestId("working-day-result");
    const nth = (d: Date, n: number) => {
      const x = new Date(d);
      let left = n;
      while (left > 0) {
        x.setUTCDate(x.getUTCDate() + 1);
        if (x.getUTCDay() !== 0 && x.getUTCDay() !== 6) left--;
      }
      return fmt(x);
    };
    await result.getByText(`之后第 5 个工作日是 ${nth(friday, 5)}`).waitFor();

    await page.getByRole("button", { name: "录入一天" }).click();
    const form = dialog(page, "录入放假或调休上班日");
    const datePicker = form.locator(".ant-picker input");
    await datePicker.click();
    await datePicker.fill(fmt(monday));
    await datePicker.press("Enter");
    await form.getByLabel("名称").fill("自治区成立纪念日调休");
    await form.getByRole("button", { name: /确\s*定|OK/ }).click();
    await page.getByText("已保存").first().waitFor();
    // The same question now skips the new holiday: the window ends a working day later.
    await tool.getByRole("button", { name: /推\s*算/ }).click();
    await result.getByText(`之后第 5 个工作日是 ${nth(friday, 6)}`).waitFor();
    await result.getByText(`${fmt(monday)} 自治区成立纪念日调休`).waitFor();
    await shot(page, "admin-calendar-holiday");
  });

  it("定时任务 shows a failed job with its error; once the cause is fixed it is run again", async () => {
    // The audit chain's anchors go to a directory outside the database; here that path is a file by mistake.
    const blocked = path.join(tmp, "anchors");
    fs.writeFileSync(blocked, "not a directory");
    await server.restart({ AUDIT_ANCHOR_DIR: blocked });
    const { page } = await open("admin", ADMIN_PASSWORD);
    await page.goto("/admin/system/jobs");
    const row = page.locator(".ant-table-row").filter({ hasText: "审计链锚定" });
    await row.getByRole("button", { name: "立即运行" }).click();
    await page
      .locator(".ant-popconfirm")
      .getByRole("button", { name: /确\s*定|OK/ })
      .click();
    await row.getByText(/失败（连续 \d+ 次）/).waitFor({ timeout: 60_000 });
    await expect.poll(async () => (await row.textContent()) ?? "").toMatch(/审计锚点目录不可用.*ENOTDIR/);
    await shot(page, "admin-jobs-failed");

    // The operator fixes the path; the administrator runs the job again and it succeeds.
    fs.rmSync(blocked);
    fs.mkdirSync(blocked);
    await row.getByRole("button", { name: "立即运行" }).click();
    await page
      .locator(".ant-popconfirm")
      .getByRole("button", { name: /确\s*定|OK/ })
      .click();
    await row.getByText("成功").waitFor({ timeout: 60_000 });
    expect(fs.readdirSync(blocked).length).toBeGreaterThan(0);
  });

  it("导入中心 lists an organization import refused for its rows, and its errors file downloads", async () => {
    const { page } = await open("admin", ADMIN_PASSWORD);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("导入");
    ws.addRow([...ORG_IMPORT_COLUMNS]);
    ws.addRow(["扎鲁特旗民族事务委员会", "", "党政机关", "150526", "", "", "是", "否", "", ""]);
    ws.addRow(["扎鲁特旗某单位", "", "不存在的类型", "150526", "", "", "否", "否", "", ""]);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const refused = await page.request.post("/api/orgs/import", {
      multipart: {
        file: {
          name: "扎鲁特旗机构.xlsx",
          mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          buffer,
        },
      },
    });
    expect(refused.status()).toBe(400);
    await page.goto("/admin/system/imports");
    await page.getByTestId("import-kind-orgs").waitFor();
    const run = page.locator(".ant-table-row").filter({ hasText: "扎鲁特旗机构.xlsx" });
    await run.getByText("未导入", { exact: true }).waitFor();
    await run.getByText("1 行有错误", { exact: true }).waitFor();
    await run.getByText("系统管理员").waitFor();
    await shot(page, "admin-imports");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      run.getByRole("button", { name: "下载错误明细" }).click(),
    ]);
    const file = path.join(tmp, "errors.xlsx");
    await download.saveAs(file);
    const { headers, rows: read } = await readXlsx(fs.readFileSync(file));
    expect(headers).toEqual(["行号", "列", "问题"]);
    expect(read.map((r) => `${r.cells[0]}:${r.cells[1]}`)).toContain("3:机构类型");
  });
});
