import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  confirm,
  DEMO_PASSWORD,
  DESKTOP,
  dialog,
  launchBrowser,
  login,
  newPage,
  PHONE,
  type Server,
  settle,
  shot,
  startServer,
} from "./support.js";

const ROUND = "科左后旗2026年度民族团结进步创建工作考核";

/**
 * 考核评价 on the demo data: 科左后旗民宗局 opens its 2026 round, whose computed figures were filled from the demo's
 * records and each opens the records it counts; 哈图塔拉嘎查 disputes a figure with a reason on a phone, the 旗
 * corrects it (the figure's history shows it); the expert scores the reported part; the 旗 publishes the ranking
 * and downloads the 通报 (.docx).
 */
describe("考核评价: round, figures and their records, dispute and correction, panel, ranking, 通报", () => {
  let server: Server;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const openRound = async (page: Page) => {
    await page.goto("/admin/assessment");
    await page.getByRole("link", { name: ROUND }).click();
    await page.getByText("考核对象与计算指标").waitFor();
    await page.getByTestId("figure").first().waitFor();
  };
  const subjectRow = (page: Page, name: string) =>
    page.locator(".ant-card", { hasText: "考核对象与计算指标" }).locator("tbody tr.ant-table-row", { hasText: name });

  it("the 旗 opens the round: every figure is computed and opens the records it counts", async () => {
    const { page, consoleErrors } = await newPage(browser, server.url, DESKTOP);
    page.setDefaultTimeout(30_000);
    await login(page, "hq_mzj", DEMO_PASSWORD);
    await page.waitForURL(/\/admin\/?$/);
    await openRound(page);
    // 5 units × 3 computed indicators, each a figure "n/d（…）".
    const figures = page.getByTestId("figure");
    expect(await figures.count()).toBe(15);
    for (const text of await figures.allTextContents()) expect(text).toMatch(/^\d+\/\d+（/);
    // The seeded correction is marked; the seeded disputes are listed with their outcome.
    await subjectRow(page, "哈布哈嘎查").getByText("已更正").waitFor();
    await page.getByText("维持原值").first().waitFor();
    await shot(page, "insights-round-desktop");

    // 零报告 of 塔布呼嘎查: the records listed are exactly the reports due (the denominator), the on-time ones the numerator.
    const fig = subjectRow(page, "塔布呼嘎查").getByTestId("figure").first();
    const [num, den] = ((await fig.textContent()) ?? "")
      .match(/^(\d+)\/(\d+)/)!
      .slice(1)
      .map(Number);
    expect(den).toBeGreaterThan(0);
    await fig.click();
    const drawer = page.locator(".ant-drawer").filter({ visible: true });
    await drawer.getByText("零报告按时报送率").first().waitFor();
    await drawer
      .locator(".ant-table .ant-spin-spinning")
      .waitFor({ state: "detached" })
      .catch(() => undefined);
    await expect.poll(() => drawer.locator("tbody tr.ant-table-row").count()).toBe(Math.min(den, 20));
    if (den <= 20) {
      const tags = await drawer.locator("tbody tr.ant-table-row .ant-tag-green").count();
      expect(tags).toBe(num);
    }
    expect(await drawer.getByRole("link", { name: "到业务模块查看全部记录" }).getAttribute("href")).toContain(
      "/disputes",
    );
    await settle(page);
    await shot(page, "insights-records-desktop");
    await page.keyboard.press("Escape");
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it("a unit disputes a figure on a phone; the 旗 corrects it with history", async () => {
    const unit = await newPage(browser, server.url, PHONE);
    unit.page.setDefaultTimeout(30_000);
    await login(unit.page, "unit_hatutala", DEMO_PASSWORD);
    await unit.page.waitForURL(/\/admin\/?$/);
    await openRound(unit.page);
    // A unit sees its own row only, with the dispute button beside each figure.
    const row = subjectRow(unit.page, "哈图塔拉嘎查");
    await row.getByRole("button", { name: "提出异议" }).first().click();
    const modal = dialog(unit.page, /提出异议/);
    await modal.getByLabel("异议理由").fill("5月份零报告已按时报送（镇民宗办签收单可查），系统记为逾期。");
    await settle(unit.page);
    await shot(unit.page, "insights-dispute-phone");
    await modal
      .getByRole("button", { name: "提 交" })
      .or(modal.getByRole("button", { name: "提交" }))
      .click();
    await modal.waitFor({ state: "detached" });
    await row.getByText("有异议").waitFor();
    expect(unit.consoleErrors).toEqual([]);
    await unit.context.close();

    const { page, consoleErrors } = await newPage(browser, server.url, DESKTOP);
    page.setDefaultTimeout(30_000);
    await login(page, "hq_mzj", DEMO_PASSWORD);
    await page.waitForURL(/\/admin\/?$/);
    await openRound(page);
    const open = page.locator("tbody tr.ant-table-row", { hasText: "5月份零报告已按时报送" });
    await open.getByText("待处理").waitFor();
    await open
      .getByRole("button", { name: "处 理" })
      .or(open.getByRole("button", { name: "处理" }))
      .click();
    const resolve = dialog(page, /处理异议/);
    const fig = subjectRow(page, "哈图塔拉嘎查").getByTestId("figure").first();
    const [num, den] = ((await fig.textContent()) ?? "")
      .match(/^(\d+)\/(\d+)/)!
      .slice(1)
      .map(Number);
    const corrected = Math.min(den, num + 1);
    await resolve.getByLabel("达标数").fill(String(corrected));
    await resolve.getByLabel("应计数").fill(String(den));
    await resolve.getByLabel("处理意见").fill("经核对镇民宗办签收单，5月份报告按期送达，予以更正。");
    await resolve.getByRole("button", { name: /确\s*定|OK/ }).click();
    await resolve.waitFor({ state: "detached" });
    await open.getByText("已更正").waitFor();
    await expect.poll(() => fig.textContent()).toMatch(new RegExp(`^${corrected}/${den}（`));
    await fig.click();
    const drawer = page.locator(".ant-drawer").filter({ visible: true });
    await drawer
      .getByTestId("value-history")
      .filter({ hasText: `更正为 ${corrected}/${den}` })
      .waitFor();
    await settle(page);
    await shot(page, "insights-history-desktop");
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "结束核对，进入评分" }).click();
    await page.getByText("评分中").first().waitFor();
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it("the expert scores the reported part; the 旗 publishes the ranking and downloads the 通报", async () => {
    const expert = await newPage(browser, server.url, PHONE);
    expert.page.setDefaultTimeout(30_000);
    await login(expert.page, "tl_expert1", DEMO_PASSWORD);
    await expert.page.waitForURL(/\/admin\/?$/);
    await openRound(expert.page);
    const names = ["哈布哈嘎查", "塔布呼嘎查", "哈图塔拉嘎查", "束力古台嘎查", "甘旗卡镇民族社区"];
    for (const [i, name] of names.entries()) {
      await subjectRow(expert.page, name)
        .getByRole("button", { name: /评\s*分/ })
        .click();
      const modal = dialog(expert.page, /评审打分/);
      await modal.getByLabel(/特色工作与创新举措/).fill(String(36 - i * 3));
      if (i === 0) {
        await settle(expert.page);
        await shot(expert.page, "insights-panel-phone");
      }
      await modal.getByRole("button", { name: "保存评分" }).click();
      await modal.waitFor({ state: "detached" });
    }
    expect(expert.consoleErrors).toEqual([]);
    await expert.context.close();

    const { page, consoleErrors } = await newPage(browser, server.url, DESKTOP);
    page.setDefaultTimeout(30_000);
    await login(page, "hq_mzj", DEMO_PASSWORD);
    await page.waitForURL(/\/admin\/?$/);
    await openRound(page);
    await page.getByRole("button", { name: "发布结果" }).click();
    await confirm(page, "发布");
    const ranking = page.locator(".ant-card", { hasText: "考核排名" }).last();
    await ranking.getByText("考核排名", { exact: true }).waitFor();
    expect(await ranking.locator("tbody tr.ant-table-row").count()).toBe(5);
    const first = await ranking.locator("tbody tr.ant-table-row").first().locator("td").first().textContent();
    expect(first).toBe("1");
    await shot(page, "insights-ranking-desktop");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "下载结果通报" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${ROUND}结果通报.docx`);
    const file = await download.path();
    const { readFileSync } = await import("node:fs");
    expect(readFileSync(file).subarray(0, 2).toString()).toBe("PK");
    expect(consoleErrors).toEqual([]);

    await page.setViewportSize(PHONE);
    await openRound(page);
    await shot(page, "insights-round-phone");
    await page.context().close();
  });
});
