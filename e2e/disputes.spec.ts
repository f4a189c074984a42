import fs from "node:fs";
import mammoth from "mammoth";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_PASSWORD,
  DESKTOP,
  dialog,
  dropdown,
  field,
  launchBrowser,
  login,
  newPage,
  PHONE,
  rows,
  type Server,
  type Session,
  settle,
  shot,
  startServer,
  tableLoaded,
} from "./support.js";

/**
 * 风险防范 on the demo data (科左后旗, 甘旗卡镇 and its 嘎查/社区): a 嘎查 grid worker records a 较大 dispute on a
 * phone; 甘旗卡镇民宗办 mediates, concludes it as 化解 and records the follow-up visit; another 嘎查 files "本期无"
 * in one click; a 重大 case reaches 通辽市民委's 预警 within its time; then, ten days on (fake clock), a third
 * 嘎查 that never filed last month is missing at the 旗 with a 缺报 alert to its superior, the 旗's 报告率 page
 * shows reporting and on-time rates equal to received ÷ expected and on time ÷ expected, and the quarter's 季报
 * .docx lists exactly the quarter's cases.
 */
describe("风险防范: cases, 零报告, escalation, compliance and the 季报 in the browser (demo data)", () => {
  let server: Server;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
  }, 900_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const open = async (username: string, viewport = DESKTOP): Promise<Session> => {
    const s = await newPage(browser, server.url, viewport);
    s.page.setDefaultTimeout(30_000);
    await login(s.page, username, DEMO_PASSWORD);
    await s.page.getByTestId("user-menu").waitFor();
    return s;
  };
  const pick = async (page: Page, scope: Locator, label: string, option: string) => {
    await field(scope, label).locator(".ant-select").click();
    await dropdown(page).getByTitle(option, { exact: true }).click();
  };
  const date = async (scope: Locator, label: string, value: string) => {
    const input = field(scope, label).locator("input");
    await input.click();
    await input.fill(value);
    await input.press("Enter");
  };
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  type Page1<T> = { items: T[]; total: number };
  const api = async <T>(s: Session, url: string): Promise<T> => {
    const res = await s.context.request.get(`${server.url}${url}`);
    expect(res.status(), url).toBe(200);
    return (await res.json()) as T;
  };
  const SERIOUS = `哈布哈嘎查两户因草场围栏界线发生争执（浏览器测试 ${Date.now()}）`;
  const MAJOR = `哈布哈嘎查征地补偿分配引发多户聚集（浏览器测试 ${Date.now()}）`;
  let seriousCode = "";
  let majorCode = "";

  it("a 嘎查 grid worker records a 较大 dispute on a phone", async () => {
    const s = await open("unit_habuha", PHONE);
    const { page } = s;
    await page.goto("/admin/disputes");
    await page.getByRole("button", { name: "登记矛盾纠纷" }).click();
    const drawer = dialog(page, "登记矛盾纠纷");
    await drawer.waitFor();
    await settle(page);
    await pick(page, drawer, "类别", "土地/草牧场");
    await date(drawer, "发生日期", today);
    await pick(page, drawer, "风险等级", "较大");
    await field(drawer, "事实摘要").locator("textarea").fill(SERIOUS);
    await field(drawer, "当事人姓名（仅在需要联系时填写）").locator("input").fill("巴特尔");
    await field(drawer, "当事人电话").locator("input").fill("13904751111");
    await shot(page, "disputes-entry-phone");
    await drawer.getByRole("button", { name: /提\s*交/ }).click();
    await page.getByText("已登记").waitFor();
    await drawer.waitFor({ state: "hidden" });
    const mine = await api<Page1<{ code: string; riskLevel: string; status: string; occurredOn: string }>>(
      s,
      `/api/disputes/cases?from=${today}&to=${today}&riskLevel=serious&pageSize=200`,
    );
    const found = mine.items.filter((c) => c.status === "registered");
    expect(found.length).toBeGreaterThan(0);
    seriousCode = found[0].code;
    await tableLoaded(page);
    await rows(page).filter({ hasText: seriousCode }).waitFor();
    await shot(page, "disputes-cases-phone");
    // The party's name is stored masked: the list and the detail never show it in the clear.
    await rows(page).filter({ hasText: seriousCode }).click();
    const detail = dialog(page, `矛盾纠纷 ${seriousCode}`);
    await detail.waitFor();
    await detail.getByText(SERIOUS).waitFor();
    expect(await detail.textContent()).not.toContain("巴特尔");
    expect(s.consoleErrors).toEqual([]);
    await s.context.close();
  });

  it("甘旗卡镇 mediates, concludes it as 化解 and records the follow-up visit", async () => {
    const s = await open("gqk_mzb");
    const { page } = s;
    await page.goto("/admin/disputes");
    await tableLoaded(page);
    await rows(page).filter({ hasText: seriousCode }).click();
    const detail = dialog(page, `矛盾纠纷 ${seriousCode}`);
    await detail.waitFor();
    await detail.getByTestId("case-mediate").click();
    let modal = dialog(page, "记录调解");
    await modal.waitFor();
    await field(modal, "调解人").locator("input").fill("甘旗卡镇人民调解委员会 乌力吉");
    await field(modal, "调解方式").locator("input, textarea").first().fill("现场调解，双方到场重新勘界");
    await field(modal, "调解情况").locator("textarea").fill("双方同意按原承包合同界线重设围栏");
    await modal.getByRole("button", { name: /提\s*交/ }).click();
    await page.getByText("已记录调解").waitFor();
    await modal.waitFor({ state: "hidden" });

    await detail.getByTestId("case-conclude").click();
    modal = dialog(page, "办结");
    await modal.waitFor();
    await field(modal, "办结说明").locator("textarea").fill("围栏已按合同界线重设，双方签订调解协议");
    await modal.getByRole("button", { name: /提\s*交/ }).click();
    await page.getByText("已办结").first().waitFor();
    await modal.waitFor({ state: "hidden" });

    await detail.getByTestId("case-followup").click();
    modal = dialog(page, "回访");
    await modal.waitFor();
    await field(modal, "回访人").locator("input").fill("乌力吉");
    await field(modal, "回访情况").locator("textarea").fill("两户关系和睦，围栏未再移动");
    await modal.getByRole("button", { name: /提\s*交/ }).click();
    await page.getByText("已记录回访").waitFor();
    await modal.waitFor({ state: "hidden" });
    await detail.getByText("两户关系和睦，围栏未再移动").first().waitFor();
    await shot(page, "disputes-case-desktop");
    const c = await api<{ status: string; result: string; mediations: unknown[]; followups: unknown[] }>(
      s,
      `/api/disputes/cases?from=${today}&to=${today}&riskLevel=serious&pageSize=200`,
    ).then(async (l) => {
      const id = (l as unknown as Page1<{ id: string; code: string }>).items.find((x) => x.code === seriousCode)!.id;
      return api<{ status: string; result: string; mediations: unknown[]; followups: unknown[] }>(
        s,
        `/api/disputes/cases/${id}`,
      );
    });
    expect(c).toMatchObject({ status: "closed", result: "resolved" });
    expect(c.mediations).toHaveLength(1);
    expect(c.followups).toHaveLength(1);
    expect(s.consoleErrors).toEqual([]);
    await s.context.close();
  });

  it("another 嘎查 files 本期无 in one click, on a phone that lost its network", async () => {
    const s = await open("unit_hatutala", PHONE);
    const { page } = s;
    await page.goto("/admin/disputes");
    await page.getByRole("tab", { name: "零报告" }).click();
    const buttons = page.getByRole("button", { name: "本期无" });
    await buttons.first().waitFor();
    const before = await buttons.count();
    type Desk = { periods: { period: string; report: { nothing: boolean } | null }[] };
    const open1 = (await api<Desk>(s, "/api/disputes/reports/desk?kind=zero")).periods.find((p) => !p.report)!;
    // Filed on a weak network: without a network the report waits on the phone (待发送) and goes once when it returns.
    await s.context.setOffline(true);
    await buttons.first().click();
    await page.getByText("网络恢复后自动报送").waitFor();
    await page.getByTestId("outbox").waitFor();
    await s.context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await page.getByTestId("outbox").waitFor({ state: "detached" });
    await expect.poll(() => buttons.count()).toBe(before - 1);
    const after = (await api<Desk>(s, "/api/disputes/reports/desk?kind=zero")).periods.find(
      (p) => p.period === open1.period,
    )!;
    expect(after.report?.nothing).toBe(true);
    await shot(page, "disputes-desk-phone");
    expect(s.consoleErrors).toEqual([]);
    await s.context.close();
  });

  it("a 重大 case reaches 通辽市民委's alerts within its time", async () => {
    const grid = await open("unit_habuha", PHONE);
    await grid.page.goto("/admin/disputes");
    await grid.page.getByRole("button", { name: "登记矛盾纠纷" }).click();
    const drawer = dialog(grid.page, "登记矛盾纠纷");
    await drawer.waitFor();
    await settle(grid.page);
    await pick(grid.page, drawer, "类别", "征地拆迁");
    await date(drawer, "发生日期", today);
    await field(drawer, "当事人数").locator("input").fill("12");
    await pick(grid.page, drawer, "风险等级", "重大");
    await field(drawer, "事实摘要").locator("textarea").fill(MAJOR);
    await drawer.getByRole("button", { name: /提\s*交/ }).click();
    await grid.page.getByText("已登记").waitFor();
    const list = await api<Page1<{ code: string }>>(
      grid,
      `/api/disputes/cases?from=${today}&to=${today}&riskLevel=major&pageSize=200`,
    );
    majorCode = list.items[0].code;
    await grid.context.close();

    const city = await open("tl_mw");
    await city.page.goto("/admin/disputes/alerts");
    const item = city.page.getByTestId("alert-item").filter({ hasText: majorCode });
    await item.waitFor();
    expect(await item.textContent()).toContain("时限");
    type Alert = { kind: string; caseCode: string | null; createdAt: string; dueAt: string | null };
    const alerts = await api<Page1<Alert>>(city, "/api/disputes/alerts?open=true&pageSize=200");
    const a = alerts.items.find((x) => x.caseCode === majorCode)!;
    expect(a.kind).toBe("major_case");
    // Reported at once, within the set hours (2 by default).
    expect(Date.parse(a.createdAt)).toBeLessThanOrEqual(Date.parse(a.dueAt!));
    expect(Date.parse(a.dueAt!) - Date.parse(a.createdAt)).toBeLessThanOrEqual(2 * 3_600_000);
    await shot(city.page, "disputes-alerts-city-desktop");
    await item.getByRole("button", { name: /签\s*收/ }).click();
    await city.page.getByText("已签收").first().waitFor();
    expect(city.consoleErrors).toEqual([]);
    await city.context.close();
  });

  it("ten days on, a 嘎查 that never filed last month is missing at the 旗, escalated, and the rates add up", async () => {
    await server.restart({ SHILIU_CLOCK_OFFSET_DAYS: "10" });
    const s = await open("hq_mzj");
    const { page } = s;
    type Compliance = {
      expected: number;
      received: number;
      onTime: number;
      reportingRate: number | null;
      onTimeRate: number | null;
      periods: string[];
    };
    type Unit = { orgName: string; periods: string[] };
    const c = await api<Compliance>(s, "/api/disputes/compliance?kind=zero");
    const missing = await api<Unit[]>(s, "/api/disputes/compliance/units?kind=zero&state=missing");
    const late = await api<Unit[]>(s, "/api/disputes/compliance/units?kind=zero&state=late");
    const lastMonth = c.periods[c.periods.length - 1];
    // The unit-periods missing and late, counted from the unit lists, make up the totals (DHIS2's definitions).
    const missingCount = missing.reduce((n, u) => n + u.periods.length, 0);
    const lateCount = late.reduce((n, u) => n + u.periods.length, 0);
    expect(c.received).toBe(c.expected - missingCount);
    expect(c.onTime).toBe(c.received - lateCount);
    expect(c.reportingRate).toBeCloseTo(c.received / c.expected, 4);
    expect(c.onTimeRate).toBeCloseTo(c.onTime / c.expected, 4);
    const stopped = missing.find((u) => u.periods.includes(lastMonth));
    expect(stopped, `a unit missing ${lastMonth}`).toBeTruthy();

    await page.goto("/admin/disputes");
    await page.getByRole("tab", { name: "报告率" }).click();
    const pct = (v: number | null) => `${((v ?? 0) * 100).toFixed(1)}%`;
    const stat = (title: string) =>
      page.locator(".ant-statistic").filter({ hasText: title }).locator(".ant-statistic-content");
    await expect.poll(() => stat("实报").textContent()).toBe(String(c.received));
    expect(await stat("报告率").textContent()).toBe(pct(c.reportingRate));
    expect(await stat("及时率").textContent()).toBe(pct(c.onTimeRate));
    const table = page.locator(".ant-table").last();
    await table.locator("tbody tr.ant-table-row", { hasText: stopped!.orgName }).waitFor();
    expect(await table.locator("tbody tr.ant-table-row", { hasText: stopped!.orgName }).textContent()).toContain(
      lastMonth,
    );
    await shot(page, "disputes-compliance-desktop");

    // The missing report was escalated to the unit's superior, 甘旗卡镇 (the hourly job ran on the restarted server).
    const up = stopped!.orgName.includes("民族宗教事务办公室") ? s : await open("gqk_mzb");
    type Alert = { kind: string; reportUnitName: string | null; period: string | null };
    await expect
      .poll(
        async () =>
          (await api<Page1<Alert>>(up, "/api/disputes/alerts?pageSize=200")).items.some(
            (a) => a.kind === "missing_report" && a.reportUnitName === stopped!.orgName && a.period === lastMonth,
          ),
        { timeout: 60_000, interval: 2_000 },
      )
      .toBe(true);
    await up.page.goto("/admin/disputes/alerts");
    await up.page
      .getByTestId("alert-item")
      .filter({ hasText: stopped!.orgName })
      .filter({ hasText: lastMonth })
      .first()
      .waitFor();
    await shot(up.page, "disputes-alerts-desktop");
    expect(up.consoleErrors).toEqual([]);
    if (up !== s) await up.context.close();
    await page.setViewportSize(PHONE);
    await page.goto("/admin/disputes");
    await page.getByRole("tab", { name: "报告率" }).click();
    await expect.poll(() => stat("实报").textContent()).toBe(String(c.received));
    await shot(page, "disputes-compliance-phone");
    expect(s.consoleErrors).toEqual([]);
    await s.context.close();
  });

  it("the quarter's 季报 .docx lists exactly the quarter's cases", async () => {
    const s = await open("hq_mzj");
    const { page } = s;
    await page.goto("/admin/disputes/stats");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("quarterly-docx").click()]);
    const file = await download.path();
    const { value: text } = await mammoth.extractRawText({ buffer: fs.readFileSync(file!) });
    // The quarter offered first is the current one (by the browser's date).
    const month = Number(today.slice(5, 7));
    const qStart = `${today.slice(0, 4)}-${String(Math.floor((month - 1) / 3) * 3 + 1).padStart(2, "0")}-01`;
    const qEnd = new Date(Date.UTC(Number(today.slice(0, 4)), Math.floor((month - 1) / 3) * 3 + 3, 0))
      .toISOString()
      .slice(0, 10);
    const expected: string[] = [];
    for (let p = 1; ; p++) {
      const l = await api<Page1<{ code: string }>>(
        s,
        `/api/disputes/cases?from=${qStart}&to=${qEnd}&pageSize=200&page=${p}`,
      );
      expected.push(...l.items.map((x) => x.code));
      if (expected.length >= l.total || !l.items.length) break;
    }
    expect(expected).toContain(seriousCode);
    const listed = new Set(text.match(/JF\d{8}-[0-9A-F]{6}/g) ?? []);
    expect(listed).toEqual(new Set(expected));
    expect(text).toContain(`本季度共登记矛盾纠纷 ${expected.length} 件`);
    // Cases outside the quarter are not in it.
    const before = await api<Page1<{ code: string }>>(s, `/api/disputes/cases?to=${qStart}&pageSize=50`);
    for (const c of before.items.filter((x) => !expected.includes(x.code))) expect(text).not.toContain(c.code);
    expect(s.consoleErrors).toEqual([]);
    await s.context.close();
  });

  it("时限设置: the banner sees the time limits the 自治区 set, read-only, and a change through the API is refused", async () => {
    const s = await open("hq_mzj");
    const { page } = s;
    await page.goto("/admin/disputes");
    await page.getByRole("tab", { name: "时限设置" }).click();
    await page.getByText("由自治区民族工作部门统一设置").waitFor();
    const hours = field(page.locator("form"), "重大案件上报时限").locator("input");
    expect(await hours.inputValue()).not.toBe("");
    expect(await hours.isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: "保存" }).count()).toBe(0);
    const current = await (await page.request.get("/api/disputes/settings")).json();
    const refused = await page.request.put("/api/disputes/settings", { data: { ...current, onTimeDays: 9 } });
    expect(refused.status()).toBe(403);
    expect((await refused.json()).error.message).toBe("风险防范设置只能由自治区级民族工作部门修改");
    await shot(page, "disputes-settings-banner");
    expect(s.consoleErrors).toEqual([]);
    await s.context.close();
  });
  it("排查活动: the campaign's completion by lower region drills down to a 嘎查 and back (desktop and phone)", async () => {
    for (const [viewport, name] of [
      [DESKTOP, "disputes-campaign-regions-desktop"],
      [PHONE, "disputes-campaign-regions-phone"],
    ] as const) {
      const s = await open("hq_mzj", viewport);
      const { page } = s;
      await page.goto("/admin/disputes/campaigns");
      await page.getByTestId("campaign-item").first().getByRole("button", { name: "查看进度" }).click();
      const regions = page.getByTestId("campaign-regions");
      await regions.locator("tbody tr.ant-table-row").first().waitFor();
      const top = await regions.locator("tbody tr.ant-table-row").count();
      expect(top).toBeGreaterThan(1);
      await expect.poll(() => page.getByText("新登记案件").first().isVisible()).toBe(true);
      const link = regions.locator("tbody a").first();
      const region = (await link.textContent()) ?? "";
      await link.click();
      await page.getByText(`各地完成情况：${region}`).waitFor();
      await page.getByTestId("campaign-region-up").waitFor();
      await shot(page, name);
      await page.getByTestId("campaign-region-up").click();
      await expect.poll(() => regions.locator("tbody tr.ant-table-row").count()).toBe(top);
      expect(s.consoleErrors).toEqual([]);
      await s.context.close();
    }
  });
});
