import mammoth from "mammoth";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chimeWav, landscapePng } from "../server/modules/bases/demo-media.js";
import {
  DEMO_PASSWORD,
  DESKTOP,
  launchBrowser,
  login,
  newPage,
  PHONE,
  type Server,
  type Session,
  settle,
  shot,
  startServer,
} from "./support.js";

const BASE = "包牤牛嘎查爱国主义教育基地";
const STAFF = "unit_bamangniu"; // the 嘎查's 填报员, who runs the base
const DEPT = "hq_mzj"; // 科左后旗民宗局, the supervising department
const CITY = "tl_mw"; // 通辽市民委, whose statistics show 科左后旗's figure

/** Beijing's calendar date `days` from today. */
function beijingDay(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}
const SESSION_DAY = beijingDay(5);
const MONTH = SESSION_DAY.slice(0, 7);
/** How the month shows in the reports' table: 2026年12月. */
const MONTH_LABEL = `${MONTH.slice(0, 4)}年${Number(MONTH.slice(5))}月`;
/** Days from today to the 2nd of the month after the session: the month is over, its report is due. */
const AFTER_MONTH = (() => {
  const [y, m] = MONTH.split("-").map(Number);
  const next = new Date(Date.UTC(m === 12 ? y + 1 : y, m === 12 ? 0 : m, 2));
  return Math.round((next.getTime() - Date.parse(`${beijingDay(0)}T00:00:00Z`)) / 86_400_000);
})();

const png = (seed: number) =>
  landscapePng({ sky: [120, 170, 220], horizon: [230, 200, 160], hill: [90, 130, 80], ground: [150, 120, 70] }, seed);

async function signIn(browser: Browser, server: Server, user: string, viewport = DESKTOP): Promise<Session> {
  const s = await newPage(browser, server.url, viewport);
  await login(s.page, user, DEMO_PASSWORD);
  await s.page.waitForURL(/\/admin(?!\/login)/);
  return s;
}

/** Opens the base from the console's registry and one of its tabs. */
async function openBase(page: Page, tab: string) {
  await page.goto("/admin/bases");
  await page.getByRole("link", { name: BASE }).first().click();
  await page.getByRole("tab", { name: tab }).click();
  await settle(page, { lenient: true });
}

/** Types a date (or date and time) into an antd picker input and accepts it. */
async function typeInto(input: Locator, text: string) {
  await input.click();
  await input.fill(text);
  await input.press("Enter");
}

/** expect.poll waits a second by default: the machine is shared and slow, wait as long as a locator would. */
const POLL = { timeout: 30_000 };

const toast = (page: Page, text: string | RegExp) => page.locator(".ant-message-notice").filter({ hasText: text });

/**
 * The bar of 教育基地, end to end on the demo data: the 嘎查's staff build their base's 数字展馆 (gallery, an exhibit
 * with audio narration, a panorama with a hotspot) and submit it; 科左后旗民宗局 publishes it; a visitor on a phone
 * finds it in the portal's directory; a school books 40 into a session of 60 and a second group of 30 is refused;
 * the base approves the first; on the day (fake clock) the group is checked in by its code with 38 present and
 * walk-ins recorded; after the month the report is prefilled with 38 plus the walk-ins, confirmed, accepted, and
 * 科左后旗's figure in 通辽's statistics moves by that amount.
 */
describe("教育基地: page, booking, check-in and the monthly report, end to end", () => {
  let server: Server;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("staff build and submit the page, the department publishes, a school books, checks in, the report rolls up", {
    timeout: 420_000,
  }, async () => {
    // ---- the base's staff build the 数字展馆
    const staff = await signIn(browser, server, STAFF);
    const sp = staff.page;
    await openBase(sp, "数字展馆");
    await sp
      .getByLabel("简介", { exact: true })
      .fill("嘎查抗战纪念碑与红色故事展：讲述包牤牛嘎查各族群众共同抗击侵略、守望相助的往事。");
    const gallery = sp.getByTestId("gallery-picker");
    await gallery.locator("input[type=file]").setInputFiles([
      { name: "纪念碑远景.png", mimeType: "image/png", buffer: png(901) },
      { name: "红色故事展厅.png", mimeType: "image/png", buffer: png(902) },
    ]);
    await expect.poll(() => sp.getByTestId("page-preview-gallery").locator("img").count(), POLL).toBe(2);
    await sp.getByRole("button", { name: "添加展项" }).click();
    const exhibit = sp.locator(".ant-card", { has: sp.getByLabel("展项名称") }).last();
    await exhibit.getByLabel("展项名称").fill("抗战纪念碑");
    await exhibit.getByLabel("讲解词").fill("1945 年，嘎查蒙汉群众一起掩护抗联战士，纪念碑记下了他们的名字。");
    await exhibit
      .getByTestId("audio-picker")
      .locator("input[type=file]")
      .setInputFiles({ name: "纪念碑语音讲解.wav", mimeType: "audio/wav", buffer: chimeWav(2, 903) });
    await exhibit.getByTestId("audio-picker").getByText("纪念碑语音讲解").first().waitFor();
    await sp
      .getByTestId("panorama-picker")
      .locator("input[type=file]")
      .setInputFiles({ name: "纪念广场全景.png", mimeType: "image/png", buffer: png(904) });
    await sp.getByTestId("panorama-picker").getByText("纪念广场全景").first().waitFor();
    await sp.getByRole("button", { name: "添加热点" }).click();
    await sp.getByPlaceholder("热点名称").fill("纪念碑");
    await sp.getByRole("combobox", { name: "点击后打开的展项" }).click();
    await sp.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: "抗战纪念碑" }).click();
    await sp.getByRole("button", { name: "保存草稿" }).click();
    await toast(sp, "已保存").first().waitFor();
    await sp.getByRole("button", { name: "提交审核" }).click();
    await sp.locator(".ant-list-item", { hasText: "待审核" }).first().waitFor();
    await sp.evaluate(() => window.scrollTo(0, 0));
    await shot(sp, "console-base-page-editor-desktop");
    await sp.setViewportSize(PHONE);
    await settle(sp, { lenient: true });
    await shot(sp, "console-base-page-editor-phone");
    await sp.setViewportSize(DESKTOP);

    // ---- the supervising department publishes it
    const dept = await signIn(browser, server, DEPT);
    await openBase(dept.page, "数字展馆");
    const submitted = dept.page.locator(".ant-list-item", { hasText: "待审核" }).first();
    await submitted.getByRole("button", { name: "审核发布" }).click();
    await dept.page.locator(".ant-list-item", { hasText: "已发布" }).first().waitFor();

    // ---- the base adds a session of 60 on SESSION_DAY, bookable from now until the day before
    await openBase(sp, "场次与预约");
    await sp.getByRole("button", { name: "新增场次" }).click();
    const modal = sp.getByRole("dialog", { name: "新增场次" });
    await typeInto(modal.locator("#date"), SESSION_DAY);
    await typeInto(modal.locator("#time"), "09:30");
    await typeInto(modal.locator(".ant-picker-range").first().locator("input").nth(1), "11:00");
    await modal.getByLabel("容量（人）").fill("60");
    await modal.getByLabel("每团上限").fill("50");
    const bookingWindow = modal.locator(".ant-picker-range").nth(1).locator("input");
    await typeInto(bookingWindow.nth(0), `${beijingDay(0)} 00:00:00`);
    await typeInto(bookingWindow.nth(1), `${beijingDay(4)} 17:00:00`);
    await modal.getByRole("button", { name: /确\s*定|OK/ }).click();
    await modal.waitFor({ state: "hidden" });
    // The month's calendar shows it (booked/capacity); the list view shows it as a row.
    await sp.getByTestId("calendar-session").filter({ hasText: "09:30 0/60" }).waitFor();
    await sp.getByText("列表", { exact: true }).click();
    const sessionRow = sp.locator(".ant-table").first().locator("tbody tr", { hasText: SESSION_DAY });
    await sessionRow.waitFor();
    expect(await sessionRow.textContent()).toContain("09:30-11:00");

    // ---- a visitor on a phone finds the published page in the portal's directory
    const visitor = await newPage(browser, server.url, PHONE);
    const vp = visitor.page;
    await vp.goto("/bases");
    const card = vp.locator(".base-card", { hasText: BASE });
    await card.getByRole("link", { name: "进入数字展馆" }).click();
    await vp.locator("#base-title").waitFor();
    expect(await vp.locator("#base-title").textContent()).toBe(BASE);
    expect(await vp.locator(".gallery img").count()).toBe(2);
    // The 360° viewer (WebGL) draws the panorama, facing its first hotspot.
    await vp.locator('[data-testid="pano-viewer"][data-loaded="true"]').waitFor();
    expect(await vp.locator(".pano-hotspot").count()).toBe(1);
    await shot(vp, "portal-new-base-page-phone");
    // The panorama's hotspot leads to the exhibit.
    await vp.locator('.pano-hotspot[data-visible="true"]', { hasText: "纪念碑" }).click();
    await vp.locator("#exhibit-title").waitFor();
    expect(await vp.locator("#exhibit-title").textContent()).toBe("抗战纪念碑");
    await vp.getByRole("link", { name: /^返回/ }).click();
    await vp.locator(".exhibit-list").getByRole("link", { name: "抗战纪念碑" }).click();
    await vp.locator("#exhibit-title").waitFor();
    expect(await vp.locator("audio").count()).toBe(1);
    await vp.getByRole("link", { name: /^返回/ }).click();
    await vp.locator("#base-title").waitFor();

    // ---- a school books 40 of the 60
    const book = async (org: string, size: number, contact: string, phone: string) => {
      await vp.goto(new URL(vp.url()).pathname.replace(/\/book\/.*$/, ""));
      await vp.locator("#base-title").waitFor();
      // The base's only session: the one just added.
      await vp.getByRole("link", { name: "预约", exact: true }).click();
      await vp.locator("#booking-title").waitFor();
      await vp.getByLabel("单位或团体名称").fill(org);
      await vp.getByLabel("参观人数").fill(String(size));
      await vp.getByLabel("联系人").fill(contact);
      await vp.getByLabel("联系电话").fill(phone);
      await vp.getByRole("button", { name: "提交预约" }).click();
    };
    await book("包牤牛嘎查小学", 40, "赵老师", "13904750001");
    await vp.locator(".tracking-code").waitFor();
    const code = (await vp.locator(".tracking-code").textContent())!.trim();
    // ---- a second group of 30 is refused: 20 seats are left
    await book("甘旗卡镇第二中学", 30, "钱老师", "13904750002");
    await expect
      .poll(() => vp.locator(".alert-error").first().textContent(), POLL)
      .toContain("剩余 20 人，本次预约 30 人");
    await shot(vp, "portal-booking-refused-phone");
    expect(visitor.consoleErrors).toEqual([]);
    await visitor.context.close();

    // ---- the base approves the booking
    // (from the calendar: the session shows 40 of 60 booked and one booking waiting; it opens its bookings)
    await openBase(sp, "场次与预约");
    await sp.getByTestId("calendar-session").filter({ hasText: "09:30 40/60" }).filter({ hasText: "待审 1" }).click();
    const drawer = sp.locator(".bases-session-drawer");
    expect(await drawer.getByTestId("session-drawer-summary").textContent()).toContain("已预约 40 人 / 容量 60 人");
    const bookingRow = drawer.locator("tbody tr", { hasText: code });
    await bookingRow.getByRole("button", { name: "通过" }).click();
    await bookingRow.getByText("已通过").waitFor();
    expect(await bookingRow.textContent()).toContain("包牤牛嘎查小学");
    await shot(sp, "console-session-bookings");
    await drawer.locator(".ant-drawer-close").click();
    await sp.getByTestId("calendar-session").filter({ hasText: "09:30 40/60" }).waitFor();
    expect(await sp.getByTestId("calendar-session").filter({ hasText: "待审" }).count()).toBe(0);
    await sp.getByText("列表", { exact: true }).click();
    expect(await sessionRow.locator("td").nth(3).textContent()).toBe("40");
    expect(staff.consoleErrors).toEqual([]);
    await staff.context.close();
    await dept.context.close();

    // ---- on the day: the group is checked in by its code on a phone, 38 present; 12 walk-ins
    await server.restart({ SHILIU_CLOCK_OFFSET_DAYS: "5" });
    const onDay = await signIn(browser, server, STAFF, PHONE);
    const op = onDay.page;
    await openBase(op, "签到");
    await op.getByLabel("预约码").fill(code.toLowerCase());
    await op.getByLabel("实到人数").fill("38");
    await op.getByRole("button", { name: /^签\s*到$/ }).click();
    await op.getByText("包牤牛嘎查小学 已签到，实到 38 人").waitFor();
    const walkIns = op.locator(".ant-card", { hasText: "散客登记" });
    await typeInto(walkIns.locator(".ant-picker input"), SESSION_DAY);
    await walkIns.getByLabel("散客人数").fill("12");
    await walkIns.getByRole("button", { name: /保\s*存/ }).click();
    await toast(op, "已保存").first().waitFor();
    await shot(op, "console-base-check-in-phone");
    await op.setViewportSize(DESKTOP);
    await settle(op, { lenient: true });
    await shot(op, "console-base-check-in-desktop");
    expect(onDay.consoleErrors).toEqual([]);
    await onDay.context.close();

    // ---- after the month: the report is prefilled with 38 + 12, confirmed by the base
    await server.restart({ SHILIU_CLOCK_OFFSET_DAYS: String(AFTER_MONTH) });
    const city = await signIn(browser, server, CITY);
    const regionFigure = async () => {
      await city.page.goto("/admin/bases/stats");
      const row = city.page.locator(".ant-table tbody tr", { hasText: "科尔沁左翼后旗" }).first();
      await row.waitFor();
      return Number(await row.locator("td").nth(1).textContent());
    };
    const before = await regionFigure();

    const after = await signIn(browser, server, STAFF);
    const ap = after.page;
    await openBase(ap, "参观月报");
    await typeInto(ap.locator(".ant-picker input").first(), MONTH);
    await ap.getByRole("button", { name: "生成/重新汇总" }).first().click();
    const reportRow = ap.locator(".ant-table tbody tr", { hasText: MONTH_LABEL });
    await reportRow.waitFor();
    const cells = async () => (await reportRow.locator("td").allTextContents()).slice(1, 5);
    expect(await cells()).toEqual(["38", "1", "12", "50"]);
    await reportRow.getByRole("button", { name: "确认上报" }).click();
    await reportRow.getByText("已确认").waitFor();
    await shot(ap, "console-base-reports-desktop");
    await ap.setViewportSize(PHONE);
    await settle(ap, { lenient: true });
    await shot(ap, "console-base-reports-phone");
    expect(after.consoleErrors).toEqual([]);
    await after.context.close();

    // ---- the department accepts it, and 科左后旗's figure moves by 50
    const accept = await signIn(browser, server, DEPT);
    await openBase(accept.page, "参观月报");
    const toAccept = accept.page.locator(".ant-table tbody tr", { hasText: MONTH_LABEL });
    await toAccept.getByRole("button", { name: "接收" }).click();
    await toAccept.getByText("已接收").waitFor();
    // The department files the base's annual summary (.docx) from the base's page.
    await accept.page.getByRole("tab", { name: "基本信息" }).click();
    await accept.page.getByLabel("年度").fill(MONTH.slice(0, 4));
    const [file] = await Promise.all([
      accept.page.waitForEvent("download"),
      accept.page.getByRole("button", { name: "导出年度工作总结" }).click(),
    ]);
    expect(file.suggestedFilename()).toBe(`${BASE}${MONTH.slice(0, 4)}年度工作总结.docx`);
    const summary = (await mammoth.extractRawText({ path: await file.path() })).value;
    expect(summary).toContain("散客 12 人次");
    expect(summary).toMatch(/已签到\s*1\s*40/);
    await accept.context.close();
    await expect.poll(regionFigure, POLL).toBe(before + 50);
    await shot(city.page, "console-bases-stats-desktop");
    expect(city.consoleErrors).toEqual([]);
    await city.context.close();
  });
});
