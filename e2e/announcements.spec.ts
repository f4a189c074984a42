import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_PASSWORD,
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
 * 内部通知 (issue 19 §9) on the demo data: 科左后旗民宗局 publishes a notice to the staff of the banner; a 嘎查's
 * user sees it on the home page on a phone, unread, and opens it; the bureau sees that user among those who read it.
 */
const TITLE = "关于报送2026年民族团结进步宣传月活动总结的通知";

describe("内部通知", () => {
  let server: Server;
  let browser: Browser;
  const sessions: Session[] = [];
  const open = (username: string, viewport?: typeof PHONE) =>
    signedIn(browser, server.url, sessions, username, DEMO_PASSWORD, viewport);

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
  });
  afterAll(async () => {
    for (const s of sessions) await s.context.close();
    await browser?.close();
    await server?.stop();
  });

  it("the banner publishes; a 嘎查's user reads it from the home page; the banner sees who read it", async () => {
    const bureau = await open("hq_mzj");
    await bureau.page.goto("/admin/announcements");
    await bureau.page.getByTestId("announcement-publish").click();
    const form = bureau.page.getByRole("dialog", { name: "发布通知" });
    await field(form, "标题").getByRole("textbox").fill(TITLE);
    await field(form, "正文")
      .getByRole("textbox")
      .fill("各苏木镇、嘎查村：\n请于9月30日前报送宣传月活动总结（含照片），逾期未报的将在全旗通报。");
    await form.getByRole("button", { name: /发布通知/ }).click();
    // It opens in 本辖区发布的通知, with its receipts: nobody but the bureau has read it yet.
    await bureau.page.getByTestId("announcement-body").getByText("请于9月30日前报送").waitFor();
    await bureau.page
      .getByTestId("receipts-summary")
      .getByText(/已读 1 人/)
      .waitFor();

    const village = await open("unit_habuha", PHONE);
    const card = village.page.getByTestId("home-announcements");
    await card.getByText("1 条未读").waitFor();
    await shot(village.page, "announcements-home-phone");
    await card.getByText(TITLE).click();
    await village.page.getByTestId("announcement-body").getByText("逾期未报的将在全旗通报").waitFor();
    await shot(village.page, "announcements-open-phone");
    await village.page.goto("/admin");
    await expect.poll(async () => await card.getByText("1 条未读").count()).toBe(0);

    await bureau.page.reload();
    await bureau.page
      .getByTestId("receipts-summary")
      .getByText(/已读 2 人/)
      .waitFor();
    await bureau.page
      .getByRole("radio", { name: "已读" })
      .check({ force: true })
      .catch(async () => {
        await bureau.page.locator(".ant-segmented-item").filter({ hasText: "已读" }).click();
      });
    await bureau.page.locator(".ant-drawer .ant-table-row").filter({ hasText: "哈布哈嘎查村民委员会" }).waitFor();
    await shot(bureau.page, "announcements-receipts");
    expect(bureau.consoleErrors).toEqual([]);
    expect(village.consoleErrors).toEqual([]);
  });
});
