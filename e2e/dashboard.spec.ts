import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DashboardView } from "../contracts/insights.js";
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  launchBrowser,
  PHONE,
  type Server,
  type Session,
  settle,
  shot,
  signedIn,
  startServer,
} from "./support.js";

/** The figures whose href is a list (a count); the rates open the page they come from. */
const LISTS = /^\/(creation\/designations|bases|honors\/awards|activities|services\/requests|disputes)\?(?!tab=)/;

/** The total a list page shows ("共 N 条"), once its rows have loaded. */
async function listTotal(page: Page): Promise<number> {
  const total = page.locator(".ant-pagination-total-text").first();
  await total.waitFor();
  await page.waitForLoadState("networkidle").catch(() => undefined);
  return Number(((await total.textContent()) ?? "").replace(/\D/g, ""));
}

/**
 * 驾驶舱 (issue 16 §2) on the demo data, as 通辽市民委 and as 科左后旗民宗局: each figure opens its list and the
 * list's total is the figure; a tile drills into the region below; desktop and phone. 大屏 (§3): ten minutes of
 * fake time with the panels rotating and the page's JS heap reported.
 */
describe("驾驶舱 and 大屏", () => {
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

  const figuresOf = async (page: Page, regionCode?: string) =>
    (await (
      await page.request.get(`/api/insights/dashboard${regionCode ? `?regionCode=${regionCode}` : ""}`)
    ).json()) as DashboardView;

  async function eachFigureOpensItsList(page: Page, who: string, regionCode?: string) {
    const view = await figuresOf(page, regionCode);
    const path = `/admin/insights/dashboard${regionCode ? `?regionCode=${regionCode}` : ""}`;
    let checked = 0;
    for (const f of view.figures) {
      if (!f.href || !LISTS.test(f.href) || !f.value) continue;
      await page.goto(path);
      const card = page.getByTestId(`figure-${f.key}`);
      await card.waitFor();
      expect(await card.getByTestId("figure-value").textContent(), `${who} ${f.label}`).toBe(String(f.value));
      await card.click();
      await page.waitForURL((u) => !u.pathname.endsWith("/insights/dashboard"));
      expect(await listTotal(page), `${who} ${f.label} → ${f.href}`).toBe(f.value);
      checked++;
    }
    for (const r of view.risk) {
      if (!r.value) continue;
      await page.goto(path);
      await page.getByTestId(`risk-${r.key}`).click();
      await page.waitForURL((u) => u.searchParams.get("riskLevel") === r.key);
      expect(await listTotal(page), `${who} ${r.label}风险`).toBe(r.value);
      checked++;
    }
    return { view, checked };
  }

  it("通辽市: each figure equals the total of the list it opens; a tile drills into the 旗", async () => {
    const s = await signedIn(browser, server.url, sessions, "tl_mw", DEMO_PASSWORD);
    const { page } = s;
    const { view, checked } = await eachFigureOpensItsList(page, "通辽市");
    expect(view.regionName).toBe("通辽市");
    expect(checked).toBeGreaterThanOrEqual(3);

    await page.goto("/admin/insights/dashboard");
    await page.getByTestId("tile-map").waitFor();
    await shot(page, "dashboard-city-desktop");
    await page
      .getByTestId("tile-map")
      .getByRole("button", { name: /科尔沁左翼后旗/ })
      .click();
    await page.waitForURL((u) => u.searchParams.get("regionCode") === "150522");
    await page.getByText("科尔沁左翼后旗").first().waitFor();
    const drilled = await eachFigureOpensItsList(page, "通辽市→科左后旗", "150522");
    expect(drilled.view.path.map((p) => p.regionName)).toEqual(["通辽市"]);

    const phone = await signedIn(browser, server.url, sessions, "tl_mw", DEMO_PASSWORD, PHONE);
    await phone.page.goto("/admin/insights/dashboard");
    await phone.page.getByTestId("tile-map").waitFor();
    await shot(phone.page, "dashboard-city-phone");
    // Names, never codes: no region code shows as text on the page.
    expect(await page.locator("body").textContent()).not.toMatch(/\b1505\d*\b/);
    expect(s.consoleErrors).toEqual([]);
    expect(phone.consoleErrors).toEqual([]);
  });

  it("科左后旗: each figure equals the total of the list it opens; 通辽市 is out of its reach", async () => {
    const s = await signedIn(browser, server.url, sessions, "hq_mzj", DEMO_PASSWORD);
    const { page } = s;
    const { view, checked } = await eachFigureOpensItsList(page, "科左后旗");
    expect(view.regionName).toBe("科尔沁左翼后旗");
    expect(checked).toBeGreaterThanOrEqual(3);
    expect((await page.request.get("/api/insights/dashboard?regionCode=1505")).status()).toBe(400);
    await page.goto("/admin/insights/dashboard");
    await page.getByTestId("tile-map").waitFor();
    await shot(page, "dashboard-banner-desktop");
    const phone = await signedIn(browser, server.url, sessions, "hq_mzj", DEMO_PASSWORD, PHONE);
    await phone.page.goto("/admin/insights/dashboard");
    await phone.page.getByTestId("tile-map").waitFor();
    await shot(phone.page, "dashboard-banner-phone");
    expect(await phone.page.locator("body").textContent()).not.toMatch(/\b150522\d*\b/);
    expect(s.consoleErrors).toEqual([]);
  });

  it("大屏 runs ten minutes of fake time: panels rotate, no scroll bars, the JS heap stays flat", async () => {
    const s = await signedIn(browser, server.url, sessions, "tl_mw", DEMO_PASSWORD, { width: 1920, height: 1080 });
    const { page } = s;
    await page.clock.install();
    await page.goto("/admin/insights/bigscreen?rotate=10");
    const title = page.getByTestId("big-panel-title");
    await title.waitFor();
    await page.waitForLoadState("networkidle").catch(() => undefined);
    await shot(page, "bigscreen-1920");
    // No scroll bars: the window keeps its whole width and height, and the screen's own box does not overflow.
    const scrollBars = () =>
      page.evaluate(() => {
        const box = document.querySelector("[data-testid=bigscreen]") as HTMLElement;
        return {
          vertical: window.innerWidth - document.documentElement.clientWidth > 0,
          horizontal: window.innerHeight - document.documentElement.clientHeight > 0,
          overflow: box.scrollHeight > box.clientHeight || box.scrollWidth > box.clientWidth,
        };
      });
    expect(await scrollBars()).toEqual({ vertical: false, horizontal: false, overflow: false });

    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Performance.enable");
    const heap = async () => {
      await cdp.send("HeapProfiler.collectGarbage");
      const { metrics } = await cdp.send("Performance.getMetrics");
      return metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? 0;
    };
    // A first minute to warm up (charts drawn, the first refresh done), then the heap is measured.
    const seen = new Set<string>();
    for (let i = 0; i < 6; i++) {
      await page.clock.runFor(10_000);
      seen.add((await title.textContent()) ?? "");
    }
    const start = await heap();
    for (let i = 0; i < 54; i++) {
      await page.clock.runFor(10_000);
      if (i % 6 === 0) await page.waitForLoadState("networkidle").catch(() => undefined);
      seen.add((await title.textContent()) ?? "");
    }
    const end = await heap();
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    console.log(
      `大屏 10 分钟（模拟时钟）：面板 ${[...seen].join("、")}；JS 堆 开始 ${mb(start)} MB，结束 ${mb(end)} MB（${(((end - start) / start) * 100).toFixed(1)}%）`,
    );
    expect(seen.size).toBeGreaterThanOrEqual(3);
    expect(end).toBeLessThan(start * 1.3 + 2 * 1024 * 1024);

    await page.setViewportSize({ width: 1280, height: 720 });
    await page.clock.runFor(1000);
    await shot(page, "bigscreen-1280");
    expect(await scrollBars()).toEqual({ vertical: false, horizontal: false, overflow: false });
    expect(s.consoleErrors).toEqual([]);
  });
  it("a licensed map the administrator loads is drawn with its 审图号 instead of the tiles", async () => {
    // Three made-up squares standing for 通辽's 旗县 (never real boundaries), plus one code the tree lacks.
    const square = (x: number, y: number) => [
      [
        [x, y],
        [x + 0.8, y],
        [x + 0.8, y + 0.6],
        [x, y + 0.6],
        [x, y],
      ],
    ];
    const geo = {
      type: "FeatureCollection",
      features: [
        ["150502", "科尔沁区", 121.8, 43.4],
        ["150521", "科尔沁左翼中旗", 122.8, 43.9],
        ["150522", "科尔沁左翼后旗", 122.8, 43.1],
        ["159999", "不存在旗", 120, 42],
      ].map(([adcode, name, x, y]) => ({
        type: "Feature",
        properties: { adcode, name },
        geometry: { type: "Polygon", coordinates: square(x as number, y as number) },
      })),
    };
    const admin = await signedIn(browser, server.url, sessions, "admin", ADMIN_PASSWORD);
    const { page } = admin;
    await page.goto("/admin/system/maps");
    await page.getByLabel("审图号").fill("测S（2026）001号");
    await page.getByLabel("来源").fill("端到端测试示意数据");
    await page.locator("input[type=file]").setInputFiles({
      name: "通辽旗县示意.geojson",
      mimeType: "application/geo+json",
      buffer: Buffer.from(JSON.stringify(geo)),
    });
    await page.getByRole("button", { name: /校\s*验/ }).click();
    const result = page.getByTestId("map-result");
    await result.getByText(/校验通过：3 个要素/).waitFor();
    expect(await result.textContent()).toContain("不存在旗");
    await page.getByRole("button", { name: /加\s*载/ }).click();
    await result.getByText(/已加载：3 个区划/).waitFor();
    await page.locator(".ant-table-row").filter({ hasText: "测S（2026）001号" }).waitFor();
    await shot(page, "system-maps");

    const city = await signedIn(browser, server.url, sessions, "tl_mw", DEMO_PASSWORD);
    await city.page.goto("/admin/insights/dashboard");
    await city.page.getByTestId("geo-map").waitFor();
    expect(await city.page.getByTestId("map-approval").textContent()).toContain("审图号：测S（2026）001号");
    expect(await city.page.getByTestId("tile-map").count()).toBe(0);
    await city.page.getByTestId("geo-map").scrollIntoViewIfNeeded();
    await settle(city.page);
    await shot(city.page, "dashboard-city-map");
    // A level without a loaded map (the 旗's 苏木) keeps the tiles.
    await city.page.goto("/admin/insights/dashboard?regionCode=150522");
    await city.page.getByTestId("tile-map").waitFor();
    expect(admin.consoleErrors).toEqual([]);
    expect(city.consoleErrors).toEqual([]);
  });
});
