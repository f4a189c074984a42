import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  beijingDateAfter,
  DEMO_PASSWORD,
  DESKTOP,
  dialog,
  dropdown,
  inHolidaySeason,
  label,
  launchBrowser,
  login,
  newPage,
  PHONE,
  rows,
  type Server,
  settle,
  shot,
  startServer,
  tableLoaded,
} from "./support.js";

/** Days from today (Beijing) to the next Thursday, so that 3 working days always run across a weekend; the next
 * Thursday whose following week is clear of the official holidays. */
function daysToThursday(): number {
  const beijing = new Date(`${beijingDateAfter()}T00:00:00Z`);
  let d = (4 - beijing.getUTCDay() + 7) % 7;
  const ordinary = (offset: number) => [0, 1, 2, 3, 4, 5, 6, 7].every((i) => !inHolidaySeason(offset + i));
  while (!ordinary(d)) d += 7;
  return d;
}

const dateAfter = beijingDateAfter;

async function statTotal(page: Page, title: string): Promise<number> {
  const stat = page.locator(".ant-statistic", { hasText: title });
  // The figure shows "—" until the statistics have arrived: wait for a number.
  await expect
    .poll(async () => (await stat.locator(".ant-statistic-content-value").textContent()) ?? "")
    .toMatch(/^\d/);
  return Number((await stat.locator(".ant-statistic-content-value").textContent())?.replace(/[^\d.]/g, ""));
}

/**
 * 服务台 on the demo data, the whole path: a member of the public asks for legal aid on the portal; the
 * request is first in the window's queue, marked 绿色通道; the window refers it to 司法局 with 3 working days over a
 * weekend; 司法局 declines it naming 人社局; the window re-refers it; 人社局 answers; the person sees the answer and
 * who looked at their phone number through the tracking code, rates it 基本满意; the window's statistics move.
 */
describe("service desk: legal aid through the green channel, declined, re-referred, answered and rated", () => {
  let server: Server;
  let browser: Browser;
  const offset = daysToThursday();
  const thursday = dateAfter(offset);
  const tuesday = dateAfter(offset + 5); // Thu + 3 working days: Fri, Mon, Tue
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
    if (offset) await server.restart({ SHILIU_CLOCK_OFFSET_DAYS: String(offset) });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("goes from the portal through two departments back to the person", async () => {
    // ---- the window's statistics before
    const win = await newPage(browser, server.url, DESKTOP);
    win.page.setDefaultTimeout(30_000);
    await login(win.page, "hq_window", DEMO_PASSWORD);
    await win.page.getByTestId("user-menu").waitFor();
    await win.page.goto("/admin/services/stats");
    const totalBefore = await statTotal(win.page, "申请总数");

    // ---- the person, on a phone
    const person = await newPage(browser, server.url, PHONE);
    const p = person.page;
    p.setDefaultTimeout(30_000);
    // The person reads the banner's 服务指南 first (宣传教育平台) and applies from the legal-aid guide.
    await p.goto("/requests");
    await p.getByRole("link", { name: "服务指南：各类服务怎么办理" }).click();
    const guide = p.getByTestId("guide").filter({ hasText: "法律援助（绿色通道）办事指南" });
    await guide.getByText("绿色通道", { exact: true }).waitFor();
    await guide.getByText(/转办后 \d+ 个工作日内答复/).waitFor();
    await guide.locator("ol li").first().waitFor();
    await shot(p, "services-portal-guide-phone");
    await guide.getByRole("link", { name: "在线申请这项服务" }).click();
    await p.locator("#req-category").waitFor();
    // The guide's category is chosen already.
    expect(await p.locator("#req-category").inputValue()).toBe("legal_aid");
    await p.getByText("绿色通道").first().waitFor();
    const windowValue = await p
      .locator("#req-windowId option", { hasText: "甘旗卡镇民族社区服务窗口" })
      .getAttribute("value");
    await p.locator("#req-windowId").selectOption(windowValue ?? "");
    await p.locator("#req-language").selectOption("蒙古语");
    await p.locator("#req-description").fill("在外务工被拖欠工资八个月，共 2.4 万元，想请法律援助帮忙讨回");
    await p.locator("#req-name").fill("巴特尔");
    await p.locator("#req-phone").fill("13904751288");
    await p.locator("#req-consent").check();
    await shot(p, "services-portal-form-phone");
    await p.locator("form button[type=submit]").click();
    const code = ((await p.getByTestId("tracking-code").textContent()) ?? "").trim();
    expect(code).toMatch(/^[A-Z2-9]{10}$/);

    // ---- the window: first in its queue, 绿色通道
    await win.page.goto("/admin/services/requests");
    await tableLoaded(win.page);
    const first = rows(win.page).first();
    await expect.poll(() => first.textContent()).toContain(code);
    expect(await first.textContent()).toContain("绿色通道");
    expect(await first.textContent()).toContain("巴**"); // masked
    expect(await first.textContent()).not.toContain("13904751288");
    await shot(win.page, "services-queue-desktop");
    // The phone layout of the same queue (the window's fast entry on a phone).
    const winPhone = await newPage(browser, server.url, PHONE);
    winPhone.page.setDefaultTimeout(30_000);
    await login(winPhone.page, "hq_window", DEMO_PASSWORD);
    await winPhone.page.getByTestId("user-menu").waitFor();
    await winPhone.page.goto("/admin/services/requests");
    await winPhone.page.locator(".ant-list-item", { hasText: "绿色通道" }).first().waitFor();
    expect(await winPhone.page.locator(".ant-list-item").first().textContent()).toContain("绿色通道");
    await shot(winPhone.page, "services-queue-phone");
    await winPhone.context.close();

    // The window calls the person back: the phone number is revealed with a reason (the person will see this).
    await first.getByRole("link", { name: code }).click();
    await win.page.waitForURL(/\/services\/requests\/[0-9a-f-]{36}$/);
    const card = win.page.locator(".ant-card", { has: win.page.locator(".ant-descriptions") });
    await card.locator(".ant-card-head").getByText("绿色通道").waitFor();
    await card
      .locator('th:has-text("联系电话") + td')
      .getByRole("button", { name: label("查看") })
      .click();
    const ask = dialog(win.page, "查看联系电话");
    await ask.getByRole("textbox").fill("电话联系核实欠薪情况");
    await ask.getByRole("button", { name: label("查看") }).click();
    await card.getByText("13904751288").waitFor();

    // ---- 转办 to 司法局 with 3 working days: Thursday → the Tuesday after the weekend
    await card.getByRole("button", { name: "转办至责任部门" }).click();
    const refer = dialog(win.page, "转办至责任部门");
    await refer.locator(".ant-select").click();
    await win.page.keyboard.type("司法局");
    await dropdown(win.page).getByText("科尔沁左翼后旗司法局", { exact: true }).click();
    await refer.locator(".ant-input-number input").fill("3");
    await refer.getByRole("button", { name: /确\s*定/ }).click();
    await refer.waitFor({ state: "detached" });
    await card.getByText(`${tuesday} 前答复`).waitFor();
    expect(thursday < tuesday).toBe(true);
    await shot(win.page, "services-detail-desktop");

    // ---- 司法局 declines, naming 人社局
    const sifa = await newPage(browser, server.url, DESKTOP);
    sifa.page.setDefaultTimeout(30_000);
    await login(sifa.page, "hq_sifa", DEMO_PASSWORD);
    await sifa.page.getByTestId("user-menu").waitFor();
    await sifa.page.goto("/admin/services/requests");
    await tableLoaded(sifa.page);
    await sifa.page.getByRole("link", { name: code }).click();
    await sifa.page.waitForURL(/\/services\/requests\/[0-9a-f-]{36}$/);
    const sCard = sifa.page.locator(".ant-card", { has: sifa.page.locator(".ant-descriptions") });
    await sCard.getByRole("button", { name: label("拒收") }).click();
    const decline = dialog(sifa.page, "拒收");
    await decline.locator(".ant-form-item", { hasText: "拒收理由" }).locator(".ant-select").click();
    await dropdown(sifa.page).locator(".ant-select-item-option").first().click();
    await settle(sifa.page, { lenient: true });
    await decline.locator(".ant-form-item", { hasText: "应由哪个单位办理" }).locator(".ant-select").click();
    await sifa.page.keyboard.type("人力资源");
    await dropdown(sifa.page).getByText("科尔沁左翼后旗人力资源和社会保障局", { exact: true }).click();
    await decline.getByRole("textbox").fill("系劳动报酬争议，应先由劳动保障监察处理");
    await decline.getByRole("button", { name: /确\s*定/ }).click();
    await decline.waitFor({ state: "detached" });
    await sCard.getByText("已拒收").first().waitFor();
    await sifa.context.close();

    // ---- the window re-refers it: the department named is suggested
    await win.page.reload();
    await card.getByRole("button", { name: "转办至责任部门" }).click();
    const again = dialog(win.page, "转办至责任部门");
    await again.getByText("上一部门认为应由 科尔沁左翼后旗人力资源和社会保障局 办理").waitFor();
    // preselected, with the category's time limit: the window only confirms
    await expect
      .poll(() => again.locator(".ant-select-content").first().textContent())
      .toContain("科尔沁左翼后旗人力资源和社会保障局");
    expect(await again.locator(".ant-input-number input").inputValue()).not.toBe("");
    await again.getByRole("button", { name: /确\s*定/ }).click();
    await again.waitFor({ state: "detached" });
    await card.getByText("科尔沁左翼后旗人力资源和社会保障局").first().waitFor();

    // ---- 人社局 receives and answers
    const renshe = await newPage(browser, server.url, DESKTOP);
    renshe.page.setDefaultTimeout(30_000);
    await login(renshe.page, "hq_renshe", DEMO_PASSWORD);
    await renshe.page.getByTestId("user-menu").waitFor();
    await renshe.page.goto("/admin/services/requests");
    await tableLoaded(renshe.page);
    await renshe.page.getByRole("link", { name: code }).click();
    await renshe.page.waitForURL(/\/services\/requests\/[0-9a-f-]{36}$/);
    const rCard = renshe.page.locator(".ant-card", { has: renshe.page.locator(".ant-descriptions") });
    await rCard.getByRole("button", { name: "接收转办" }).click();
    await dialog(renshe.page, "接收转办")
      .getByRole("button", { name: /确\s*定/ })
      .click();
    await dialog(renshe.page, "接收转办").waitFor({ state: "detached" });
    await rCard.getByRole("button", { name: "答复办理结果" }).click();
    const reply = dialog(renshe.page, "答复办理结果");
    const answer = "已由劳动保障监察大队立案，责令用人单位 15 日内支付拖欠工资；法律援助中心指派律师跟进";
    await reply.getByRole("textbox").fill(answer);
    await reply.getByRole("button", { name: /确\s*定/ }).click();
    await reply.waitFor({ state: "detached" });
    await rCard.getByText(answer, { exact: false }).waitFor();
    await renshe.context.close();

    // ---- the person: answer, who looked at their data, rating
    await p.goto(`/requests/track?code=${code}`);
    await p.getByText(answer).waitFor();
    const accesses = p.locator("table tbody tr");
    await accesses.first().waitFor();
    expect(await accesses.first().textContent()).toContain("电话联系核实欠薪情况");
    expect(await p.locator(".result").textContent()).toContain("绿色通道");
    await shot(p, "services-portal-tracking-phone");
    await p.getByLabel("基本满意").check();
    await p.getByRole("button", { name: /提交评价|评价/ }).click();
    await p.locator(".result").getByText("基本满意").waitFor();
    const desk = await newPage(browser, server.url, DESKTOP);
    await desk.page.goto(`/requests/track?code=${code}`);
    await desk.page.locator(".result").getByText("基本满意").waitFor();
    await shot(desk.page, "services-portal-tracking-desktop");
    await desk.context.close();

    // ---- the statistics moved
    await win.page.goto("/admin/services/stats");
    await expect.poll(() => statTotal(win.page, "申请总数")).toBe(totalBefore + 1);
    await shot(win.page, "services-stats-desktop");
    await win.page.goto("/admin/services/requests");
    await tableLoaded(win.page);

    // ---- the person is not satisfied after all: reopened within the period, with a reason, back to the window
    const reopen = p.locator("form", { has: p.getByRole("heading", { name: "申请重新办理" }) });
    await reopen.waitFor();
    expect(await reopen.textContent()).toMatch(/可在 \d{4}年\d{1,2}月\d{1,2}日 前申请重新办理/);
    await reopen.getByLabel("重新办理的理由").fill("拖欠的工资只支付了一半，请继续督促");
    await shot(p, "services-portal-reopen-phone");
    await reopen.getByRole("button", { name: "申请重新办理" }).click();
    await p.locator(".result").getByText("已受理").waitFor();
    await reopen.waitFor({ state: "detached" });
    await p.getByText("拖欠的工资只支付了一半，请继续督促", { exact: false }).waitFor();

    expect(win.consoleErrors).toEqual([]);
    expect(person.consoleErrors).toEqual([]);
  });
});
