import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_PASSWORD,
  DESKTOP,
  launchBrowser,
  login,
  newPage,
  PHONE,
  type Server,
  shot,
  startServer,
} from "./support.js";

/**
 * 数字教育基地 on the demo data, as far as the portal goes: a visitor on a phone finds the flagship base in the
 * directory, opens its digital page (gallery, panorama, exhibits), an exhibit's own page with its narration and QR
 * code, books a group of 40 into a session, gets a code and follows the booking; the base's staff then see it
 * waiting for approval in the console.
 */
describe("portal: 数字教育基地 and group booking", () => {
  let server: Server;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("a visitor on a phone opens a base's page and an exhibit, books 40 people and follows the booking", async () => {
    const { page, consoleErrors, context } = await newPage(browser, server.url, PHONE);
    await page.goto("/");
    await page.locator('[data-section="bases"] a').click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("数字教育基地");
    const card = page.locator(".base-card", { hasText: "甘旗卡镇民族社区民族团结进步教育基地" });
    await card.waitFor();
    // Revoked bases are not listed; a base without a published page says so.
    expect(await page.locator(".base-card", { hasText: "哈布哈嘎查" }).count()).toBe(0);
    await shot(page, "portal-bases-phone");
    await card.getByRole("link", { name: "进入数字展馆" }).click();
    await page.locator("#base-title").waitFor();
    expect(await page.locator("#base-title").textContent()).toBe("甘旗卡镇民族社区民族团结进步教育基地");
    expect(await page.locator(".gallery img").count()).toBe(3);
    // The 360° viewer: drawn by WebGL, its three hotspots; the arrow keys turn the view to the second.
    const viewer = page.locator('[data-testid="pano-viewer"][data-loaded="true"]');
    await viewer.waitFor();
    expect(await page.locator(".pano-hotspot").count()).toBe(3);
    expect(await page.locator('.pano-hotspot[data-visible="true"]').allTextContents()).toEqual(["历史长廊入口"]);
    await viewer.focus();
    for (let i = 0; i < 24; i++) await page.keyboard.press("ArrowRight");
    await expect
      .poll(() => page.locator('.pano-hotspot[data-visible="true"]').allTextContents())
      .toEqual(["家庭故事墙"]);
    await shot(page, "portal-base-page-phone");

    await page.getByRole("link", { name: "石榴籽家庭故事" }).click();
    await page.locator("#exhibit-title").waitFor();
    expect(await page.locator("audio").count()).toBe(1);
    const qr = page.locator(".exhibit-qr img");
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await shot(page, "portal-exhibit-phone");

    await page.getByRole("link", { name: /^返回/ }).click();
    await page.locator("#base-title").waitFor();
    const bookable = page.locator("tbody tr", { has: page.getByRole("link", { name: "预约" }) });
    expect(await bookable.count()).toBeGreaterThan(0);
    // A session with room for 40.
    let chosen = -1;
    // The 余位 column (its label is drawn by CSS on a phone, so read the cell).
    const left = await bookable.locator("td:nth-child(3)").allTextContents();
    for (const [i, text] of left.entries()) {
      const m = /(\d+)\s*人/.exec(text);
      if (m && Number(m[1]) >= 40) {
        chosen = i;
        break;
      }
    }
    expect(chosen).toBeGreaterThanOrEqual(0);
    await bookable.nth(chosen).getByRole("link", { name: "预约" }).click();
    await page.locator("#booking-title").waitFor();
    await page.getByRole("button", { name: "提交预约" }).click();
    expect(await page.locator("#booking-bookerOrgName-error").textContent()).toContain("单位或团体名称");
    await page.getByLabel("单位或团体名称").fill("甘旗卡镇第一小学");
    await page.getByLabel("参观人数").fill("40");
    await page.getByLabel("联系人").fill("王老师");
    await page.getByLabel("联系电话").fill("13904751234");
    await page.getByRole("button", { name: "提交预约" }).click();
    const code = page.locator(".tracking-code");
    await code.waitFor();
    const trackingCode = (await code.textContent())!.trim();
    expect(trackingCode).toMatch(/^[A-Z2-9]{10}$/);
    await shot(page, "portal-booking-done-phone");
    await page.getByRole("link", { name: "查询预约" }).click();
    await page.locator(".result").waitFor();
    const result = await page.locator(".result").textContent();
    expect(result).toContain("待审核");
    expect(result).toContain("王*");
    expect(result).not.toContain("13904751234");
    await shot(page, "portal-booking-track-phone");
    expect(consoleErrors).toEqual([]);
    await context.close();

    // The same directory at desktop size.
    const desk = await newPage(browser, server.url, DESKTOP);
    await desk.page.goto("/bases");
    await desk.page.locator(".base-card").first().waitFor();
    await shot(desk.page, "portal-bases-desktop");
    await desk.page.goto(new URL(page.url()).pathname.replace(/\/booking\/.*/, "") || "/bases");
    expect(desk.consoleErrors).toEqual([]);
    await desk.context.close();

    // The base's staff see the booking waiting in the console.
    const staff = await newPage(browser, server.url, DESKTOP);
    await login(staff.page, "unit_minzu", DEMO_PASSWORD);
    await staff.page.waitForURL(/\/admin(?!\/login)/);
    await staff.page.goto("/admin/bases");
    await staff.page.getByText("甘旗卡镇民族社区民族团结进步教育基地").first().waitFor();
    await shot(staff.page, "console-bases-staff-desktop");
    // The sessions' month calendar: each day's sessions with booked/capacity people; one opens its bookings.
    await staff.page.getByText("甘旗卡镇民族社区民族团结进步教育基地").first().click();
    await staff.page.getByRole("tab", { name: "场次与预约" }).click();
    const daySession = staff.page.getByTestId("calendar-session").first();
    await daySession.waitFor();
    expect(await daySession.textContent()).toMatch(/\d{2}:\d{2} \d+\/\d+/);
    await shot(staff.page, "console-bases-calendar-desktop");
    await daySession.click();
    await staff.page.getByTestId("session-drawer-summary").waitFor();
    expect(await staff.page.getByTestId("session-drawer-summary").textContent()).toMatch(/已预约 \d+ 人/);
    await staff.page.locator(".bases-session-drawer .ant-drawer-close").click();
    // The exhibits' QR labels, printed from the page editor: one per published exhibit, each code drawn.
    await staff.page.getByRole("tab", { name: "数字展馆" }).click();
    await staff.page.getByTestId("print-exhibit-qr").click();
    const labels = staff.page.getByTestId("qr-label");
    await labels.first().waitFor();
    expect(await labels.count()).toBe(3);
    expect(await labels.first().textContent()).toContain("/exhibits/");
    const qrImgs = staff.page.locator('[data-testid="qr-label"] img');
    await expect
      .poll(() => qrImgs.evaluateAll((imgs) => imgs.every((i) => (i as HTMLImageElement).naturalWidth > 0)))
      .toBe(true);
    await shot(staff.page, "console-bases-qr-print-desktop");
    expect(staff.consoleErrors).toEqual([]);
    await staff.context.close();
  });
});
