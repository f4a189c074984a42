import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_PASSWORD,
  dropdown,
  field,
  launchBrowser,
  PHONE,
  type Server,
  type Session,
  shot,
  signedIn,
  startServer,
} from "./support.js";

/**
 * 报表中心 (issue 16 §5) on the demo data: 科左后旗民宗局 finds the standard reports of the modules it works in,
 * generates the 季报 for a quarter it picks and the 申报汇总表, each downloads at once, and both are in its
 * history to download again; on a phone the page stacks.
 */
describe("报表中心", () => {
  let server: Server;
  let browser: Browser;
  const sessions: Session[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
  });
  afterAll(async () => {
    for (const s of sessions) await s.context.close();
    await browser?.close();
    await server?.stop();
  });

  it("the banner generates two reports, downloads them, and finds them in its history", async () => {
    const s = await signedIn(browser, server.url, sessions, "hq_mzj", DEMO_PASSWORD);
    const { page } = s;
    await page.goto("/admin/reports");
    const quarterly = page.getByTestId("report-disputes.quarterly");
    await quarterly.waitFor();
    await field(quarterly, "季度").locator(".ant-select").click();
    const first = dropdown(page).locator(".ant-select-item-option").first();
    const quarterLabel = (await first.textContent()) ?? "";
    await first.click();
    const [docx] = await Promise.all([
      page.waitForEvent("download"),
      quarterly.getByRole("button", { name: "生成并下载" }).click(),
    ]);
    expect(docx.suggestedFilename()).toMatch(/季报\.docx$/);
    const apps = page.getByTestId("report-creation.applications");
    const [xlsx] = await Promise.all([
      page.waitForEvent("download"),
      apps.getByRole("button", { name: "生成并下载" }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toBe("示范创建申报汇总表.xlsx");
    const history = page.locator(".ant-card", { hasText: "我的生成记录" });
    await history.getByText(`季度：${quarterLabel}`).waitFor();
    await history.getByText("示范创建申报汇总表.xlsx").waitFor();
    await history.getByText("申报状态：全部").waitFor();
    const [again] = await Promise.all([
      page.waitForEvent("download"),
      history.getByRole("button", { name: "下载" }).first().click(),
    ]);
    expect(again.suggestedFilename()).toBe("示范创建申报汇总表.xlsx");
    await shot(page, "reports-desktop");
    const phone = await signedIn(browser, server.url, sessions, "hq_mzj", DEMO_PASSWORD, PHONE);
    await phone.page.goto("/admin/reports");
    await phone.page.getByTestId("report-disputes.quarterly").waitFor();
    await shot(phone.page, "reports-phone");
    expect(s.consoleErrors).toEqual([]);
    expect(phone.consoleErrors).toEqual([]);
  });
});
