/**
 * Ordinary writing in the console (issue 8, item 9): a unit user of the demo data saves a progress narrative
 * holding < > ; " ' and sees it back exactly as typed, as text (not markup). Screenshot:
 * e2e/screenshots/ordinary-writing-report.png.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, launchBrowser, login, newPage, type Server, shot, startServer } from "./support.js";

const TASK = "进一步抓好青少年";
const NARRATIVE = `完成率>90%; 一是…; 二是… 引用 "铸牢中华民族共同体意识" 与 'Unity' <b>专题</b> 课`;

describe("ordinary writing in a progress report", () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ demo: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("a narrative with < > ; \" ' is saved and shown back exactly as typed", async () => {
    const { page, consoleErrors } = await newPage(browser, server.url);
    await login(page, "unit_hqedu", DEMO_PASSWORD);
    await page.waitForURL(/\/admin(?!\/login)/);
    await page.goto("/admin/plans/my-tasks");
    const row = page.locator(".ant-table-row").filter({ hasText: TASK }).first();
    await row.getByTestId("my-task-report").click();
    const form = page.getByRole("dialog", { name: "报送进度" });
    await form
      .getByTestId("report-narrative")
      .waitFor()
      .catch(async (e) => {
        await shot(page, "ordinary-writing-failed");
        throw e;
      });
    // Status and percentage start from the task's last report; only the narrative matters here.
    await form.getByTestId("report-narrative").fill(NARRATIVE);
    await shot(page, "ordinary-writing-form");
    await form.getByTestId("report-submit").click();
    await page.locator(".ant-message-notice").filter({ hasText: "已报送" }).waitFor();

    await row.getByTestId("my-task-title").click();
    const drawer = page.getByRole("dialog", { name: new RegExp(TASK) });
    const shown = drawer.getByTestId("task-report").getByText(NARRATIVE, { exact: true });
    await shown.waitFor();
    expect(await shown.textContent()).toBe(NARRATIVE);
    // Shown as text: the <b> the user typed made no bold element.
    expect(await drawer.getByTestId("task-report").locator("b").count()).toBe(0);
    await shot(page, "ordinary-writing-report");
    expect(consoleErrors).toEqual([]);
  });
});
