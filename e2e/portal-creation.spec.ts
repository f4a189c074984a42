import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DESKTOP, launchBrowser, newPage, PHONE, type Server, shot, startServer } from "./support.js";

/**
 * The public side of 示范创建 on the demo data: a member of the public reads a notice in its window, objects
 * (a wrong phone number is refused on the field, nothing saved), gets a tracking code and looks the objection
 * up; the directory of named units drills from 内蒙古 down through 通辽市 and lists the units there.
 */
describe("portal: notices, objections, named units", () => {
  let server: Server;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("lists notices, takes an objection within the window and shows its status by tracking code", async () => {
    const { page, consoleErrors, context } = await newPage(browser, server.url);
    await page.goto("/");
    // Only the sections that are open have a card.
    expect(
      await page
        .locator(".card-grid [data-section]")
        .evaluateAll((els) => els.map((e) => e.getAttribute("data-section"))),
    ).toEqual(["notices", "units", "bases", "models", "policies", "requests", "activities", "news", "search"]);
    await page.locator('[data-section="notices"] a').click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("公示公告");
    const open = page.locator(".notice-row", { has: page.locator(".badge-open") }).first();
    await open.waitFor();
    await shot(page, "portal-notices");
    await open.locator(".notice-title").click();
    await page.locator("#notice-title").waitFor();
    expect(await page.locator("table tbody tr").count()).toBeGreaterThan(0);

    const before = await (
      await fetch(`${server.url}${new URL(page.url()).pathname.replace("/notices", "/api/public/creation/notices")}`)
    ).json();
    await page.getByLabel("姓名").fill("张三");
    await page.getByLabel("手机号码").fill("1380000");
    await page.getByLabel("异议内容").fill("该单位去年发生过涉及民族因素的纠纷，未妥善处理。");
    await page.getByRole("button", { name: "提交异议" }).click();
    const phoneError = page.locator("#objection-phone-error");
    await phoneError.waitFor();
    expect(await phoneError.textContent()).toContain("手机");
    expect(await page.getByLabel("手机号码").getAttribute("aria-invalid")).toBe("true");
    await shot(page, "portal-objection-error");

    await page.getByLabel("手机号码").fill("13800001234");
    await page.getByRole("button", { name: "提交异议" }).click();
    const code = page.locator(".tracking-code");
    await code.waitFor();
    const trackingCode = (await code.textContent())!.trim();
    expect(trackingCode).toMatch(/^[A-Z2-9]{10}$/);
    await shot(page, "portal-objection-done");
    expect(before.items.length).toBeGreaterThan(0);

    await page.getByRole("link", { name: "查看处理进度" }).click();
    await page.locator(".result").waitFor();
    expect(await page.locator(".result").textContent()).toContain("待处理");

    // A wrong code is refused on the field without asking the server.
    await page.getByLabel("查询码").fill("abc");
    await page.getByRole("button", { name: "查询" }).click();
    await page.locator("#track-code-error").waitFor();
    await shot(page, "portal-track");
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it("drills the named-units directory from the province down and filters by level", async () => {
    for (const [label, viewport] of [
      ["desktop", DESKTOP],
      ["phone", PHONE],
    ] as const) {
      const { page, consoleErrors, context } = await newPage(browser, server.url, viewport);
      await page.goto("/units");
      // One province on this installation: the page starts inside 内蒙古 and shows its leagues.
      const tongliao = page.locator(".tile", { hasText: "通辽市" });
      await tongliao.waitFor();
      const total = Number(await tongliao.locator(".tile-count").textContent());
      expect(total).toBeGreaterThan(0);
      await shot(page, `portal-units-${label}`);
      await tongliao.click();
      await page.locator('.crumbs [aria-current="location"]', { hasText: "通辽市" }).waitFor();
      await expect
        .poll(() => page.locator("h2", { hasText: "通辽市示范单位名录" }).textContent())
        .toContain(`共 ${total} 个`);
      const rows = page.locator("table tbody tr");
      expect(await rows.count()).toBe(Math.min(total, 20));
      // 所在地区 is the full path below the province (通辽市科尔沁左翼后旗甘旗卡镇…), not the last level alone.
      const regions = await page.locator("table tbody tr td:nth-child(2)").allTextContents();
      expect(
        regions.every((r) => r.startsWith("通辽市")),
        regions.join("、"),
      ).toBe(true);
      expect(
        regions.some((r) => /^通辽市.+(旗|县|区|市).+/.test(r)),
        regions.join("、"),
      ).toBe(true);
      await page.getByLabel("命名级别").selectOption("city");
      await page.getByRole("button", { name: "查询" }).click();
      await expect
        .poll(async () =>
          (await page.locator("table tbody tr td:nth-child(4)").allTextContents()).every((c) => c === "盟市级"),
        )
        .toBe(true);
      await shot(page, `portal-units-tongliao-${label}`);
      // Every visible string on the page is Chinese (or a number, code or date).
      const text = await page.locator("main").innerText();
      expect(text.match(/[A-Za-z]{3,}/g)?.filter((w) => !/^[A-Z0-9]+$/.test(w)) ?? []).toEqual([]);
      expect(consoleErrors).toEqual([]);
      await context.close();
    }
  });
});
