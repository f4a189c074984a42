import fs from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_PASSWORD,
  DESKTOP,
  launchBrowser,
  login,
  newPage,
  PHONE,
  SCREENSHOTS,
  type Server,
  settle,
  startServer,
} from "./support";

const SHOTS = path.join(SCREENSHOTS, "new-pages");

/**
 * The console pages of the modules that have no story of their own in the browser yet (教育基地, 活动, 风险防范,
 * 消息中心): each opens for 科左后旗民宗局 with its Chinese title, without an error page or a console error, at
 * desktop and phone size. Their flows are tested through the API; this keeps their pages honest until each
 * module's own browser test lands.
 */
describe("new modules' console pages open cleanly (demo data)", () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer({ demo: true });
    browser = await launchBrowser();
  }, 900_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const PAGES: [string, string][] = [
    ["/admin/messages", "消息中心"],
    ["/admin/bases", "基地名录"],
    ["/admin/bases/stats", "参观统计"],
    ["/admin/activities", "活动记录"],
    ["/admin/activities/stats", "活动统计"],
    ["/admin/activities/work", "七个一"],
    ["/admin/disputes", "矛盾纠纷"],
  ];

  it("科左后旗民宗局 opens each page at desktop and phone size", async () => {
    const s = await newPage(browser, server.url);
    s.page.setDefaultTimeout(30_000);
    await login(s.page, "hq_mzj", DEMO_PASSWORD);
    await s.page.getByTestId("user-menu").waitFor();
    for (const [url, word] of PAGES) {
      for (const [viewport, suffix] of [
        [DESKTOP, "desktop"],
        [PHONE, "phone"],
      ] as const) {
        await s.page.setViewportSize(viewport);
        await s.page.goto(url);
        // The page's title, in the breadcrumb (desktop) or the header (phone), then its content loaded.
        await s.page.locator(".ant-layout-header").getByText(word).first().waitFor();
        await s.page.locator(".ant-layout-content .ant-card, .ant-layout-content .ant-table").first().waitFor();
        await s.page.waitForLoadState("networkidle").catch(() => undefined);
        await settle(s.page, { lenient: true });
        const body = (await s.page.locator(".ant-layout-content").first().textContent()) ?? "";
        expect(body, url).not.toMatch(/页面出错|加载失败|ROUTE_NOT_FOUND|undefined|NaN/);
        await s.page.screenshot({ path: path.join(SHOTS, `${url.replace(/\//g, "_")}-${suffix}.png`) });
      }
    }
    expect(s.consoleErrors).toEqual([]);
    await s.context.close();
  });

  it("an activity recorded on a phone without a network waits on the device and is sent once when it returns", async () => {
    const s = await newPage(browser, server.url, PHONE);
    const { page, context } = s;
    page.setDefaultTimeout(30_000);
    await login(page, "hq_mzj", DEMO_PASSWORD);
    await page.getByTestId("user-menu").waitFor();
    await page.goto("/admin/activities");
    await page.getByTestId("activity-create").click();
    const form = page.getByTestId("activity-form");
    await form.waitFor();
    const title = "离线登记：甘旗卡镇民族团结进步宣传进社区";
    await form.getByLabel("活动名称").fill(title);
    for (const label of ["活动类型", "活动领域（8+N进）"]) {
      await form.getByLabel(label).click();
      await page.locator(".ant-select-dropdown:visible .ant-select-item-option").first().click();
    }
    // The network goes; the form is sent and waits in the outbox.
    await context.setOffline(true);
    await page.getByTestId("activity-form-submit").click();
    await page.getByText("当前没有网络：记录已保存在本机").waitFor();
    await page.getByTestId("outbox").waitFor();
    await page.screenshot({ path: path.join(SHOTS, "offline-outbox-phone.png") });
    // The network returns: the record goes once, and the outbox empties.
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await page.getByTestId("outbox").waitFor({ state: "detached" });
    const count = async () =>
      (await (await context.request.get(`/api/activities?q=${encodeURIComponent(title)}`)).json()).total;
    expect(await count()).toBe(1);
    // A send repeated with the same key (a retry on a flaky network) gets the first answer, not a second record.
    const replay = await page.evaluate(async (t) => {
      const detail = await (await fetch(`/api/activities?q=${encodeURIComponent(t)}`)).json();
      const a = detail.items[0];
      const full = await (await fetch(`/api/activities/${a.id}`)).json();
      const body = {
        typeCode: full.typeCode,
        domainCode: full.domainCode,
        title: `${t}（重发）`,
        startDate: full.startDate,
        endDate: full.endDate,
        regionCode: full.regionCode,
        participants: {},
        photoIds: [],
        fileIds: [],
        mediaLinks: [],
        isPublic: false,
      };
      const send = () =>
        fetch("/api/activities", {
          method: "POST",
          headers: { "content-type": "application/json", "idempotency-key": "offline-e2e-retry-0001" },
          body: JSON.stringify(body),
        });
      const first = await send();
      const second = await send();
      return [first.status, second.status, second.headers.get("idempotent-replayed")];
    }, title);
    expect(replay).toEqual([200, 200, "true"]);
    expect(
      (await (await context.request.get(`/api/activities?q=${encodeURIComponent(`${title}（重发）`)}`)).json()).total,
    ).toBe(1);
    await context.close();
  });
});
