import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consoleMn } from "../contracts/console-i18n/mn.js";
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  launchBrowser,
  type Server,
  type Session,
  settle,
  shot,
  signedIn,
  startServer,
  tableLoaded,
} from "./support.js";

/**
 * Issue 17 §5 in the console: a unit user (社区工作者 of 甘旗卡镇民族社区) switches the console to 蒙古文 in the
 * header; the page reloads with the menu, the page title (vertical) and the activity list's headers in Mongolian,
 * in the font shipped with the app; the choice is remembered for this user; 中文 switches back. The system
 * administrator's 界面翻译 counts the console set's missing strings. Screenshots (looked at):
 * e2e/screenshots/console-mn-{home,activities,activity-form,materials}-{desktop,phone}.png.
 */
const WORKER = "unit_minzu";
const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const mn = (key: string) => consoleMn[key].text;

/** Whether text in the Mongolian font renders (the face is loaded, not a fallback's boxes). */
const mongolianFontReady = (page: Page) =>
  page.evaluate(async () => {
    await document.fonts.ready;
    return document.fonts.check('16px "Noto Sans Mongolian"', "ᠮᠣᠩᠭᠣᠯ");
  });
const fontOf = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => getComputedStyle(el).fontFamily);

describe("the console in Mongolian for a unit user", () => {
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

  const snap = async (page: Page, name: string) => {
    await settle(page, { lenient: true });
    await shot(page, `console-mn-${name}`);
  };

  it("switches to 蒙古文: menu, page title and activity list in Mongolian, in the shipped font; remembered; back to 中文", async () => {
    const { page, consoleErrors } = await signedIn(browser, server.url, sessions, WORKER, DEMO_PASSWORD, DESKTOP);
    await page.getByRole("menuitem", { name: "首页" }).waitFor();
    // Chinese first: the Mongolian strings and font are not fetched.
    const fetched: string[] = [];
    page.on("request", (r) => {
      if (/noto-sans-mongolian|i18n\/mn-Mong/.test(r.url())) fetched.push(r.url());
    });
    expect(fetched).toEqual([]);

    await Promise.all([page.waitForEvent("load"), page.getByTestId("console-language-switch").click()]);
    await page.locator("html.lang-mn").waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("mn-Mong");
    expect(fetched.some((u) => u.includes("set=console"))).toBe(true);

    // The menu: Mongolian titles (the home page, the activity group and its records), in the Mongolian font.
    const home = page.getByRole("menuitem", { name: mn("menu.home") });
    await home.waitFor();
    await page.getByText(mn("activities.menu.group"), { exact: true }).first().waitFor();
    expect(await fontOf(page, ".ant-menu-title-content")).toContain("Noto Sans Mongolian");
    expect(await mongolianFontReady(page)).toBe(true);
    // The page title stands vertically beside the page.
    const title = page.getByTestId("mn-page-title");
    await expect.poll(() => title.textContent()).toBe(mn("menu.home"));
    expect(await title.evaluate((el) => getComputedStyle(el).writingMode)).toBe("vertical-lr");
    await page.getByTestId("home-todos").waitFor();
    await snap(page, "home-desktop");

    // The activity list: headers, the create button and the vertical title in Mongolian.
    await page.goto("/admin/activities");
    await tableLoaded(page);
    await expect.poll(() => title.textContent()).toBe(mn("activities.menu.records"));
    const headers = await page.locator(".ant-table-thead th").allTextContents();
    expect(headers).toContain(mn("activities.columns.title"));
    expect(headers).toContain(mn("activities.columns.status"));
    expect(await fontOf(page, ".ant-table-thead th")).toContain("Noto Sans Mongolian");
    await expect
      .poll(() => page.getByTestId("activity-create").textContent())
      .toContain(mn("activities.actions.create"));
    // Tables keep horizontal lines.
    expect(
      await page
        .locator(".ant-table")
        .first()
        .evaluate((el) => getComputedStyle(el).writingMode),
    ).toBe("horizontal-tb");
    await snap(page, "activities-desktop");

    await page.getByTestId("activity-create").click();
    const form = page.getByRole("dialog", { name: mn("activities.actions.create") });
    await form.getByTestId("activity-form").waitFor();
    await form.getByText(mn("activities.fields.title"), { exact: true }).first().waitFor();
    await snap(page, "activity-form-desktop");
    await page.keyboard.press("Escape");

    await page.goto("/admin/materials");
    await tableLoaded(page);
    await expect.poll(() => title.textContent()).toBe(mn("materials.menu.materials"));
    await snap(page, "materials-desktop");

    // Remembered for this user: a new page load (and a new sign-in) stays in Mongolian.
    await page.reload();
    await page.getByRole("menuitem", { name: mn("menu.home") }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem(`shiliu.console.lang.unit_minzu`))).toBe("mn-Mong");
    expect(consoleErrors).toEqual([]);

    // Back to Chinese.
    await Promise.all([page.waitForEvent("load"), page.getByTestId("console-language-switch").click()]);
    await page.getByRole("menuitem", { name: "首页" }).waitFor();
    expect((await page.locator("html").getAttribute("class")) ?? "").not.toContain("lang-mn");
    expect(await page.getByTestId("mn-page-title").count()).toBe(0);
  });

  it("on a phone: home, activity list and form, materials in Mongolian", async () => {
    const { page, consoleErrors } = await signedIn(browser, server.url, sessions, WORKER, DEMO_PASSWORD, PHONE);
    await page.getByTestId("console-language-switch").waitFor();
    await Promise.all([page.waitForEvent("load"), page.getByTestId("console-language-switch").click()]);
    await page.locator("html.lang-mn").waitFor();
    await page.getByTestId("home-todos").waitFor();
    await snap(page, "home-phone");
    await page.goto("/admin/activities");
    await tableLoaded(page);
    await snap(page, "activities-phone");
    await page.getByTestId("activity-create").click();
    await page.getByTestId("activity-form").waitFor();
    await snap(page, "activity-form-phone");
    await page.keyboard.press("Escape");
    await page.goto("/admin/materials");
    await tableLoaded(page);
    await snap(page, "materials-phone");
    // Nothing wider than the screen: the page does not scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(consoleErrors).toEqual([]);
  });

  it("界面翻译 counts the console set's missing strings beside the portal's", async () => {
    const { page } = await signedIn(browser, server.url, sessions, "admin", ADMIN_PASSWORD, DESKTOP);
    await page.goto("/admin/system/translations");
    await tableLoaded(page);
    const consoleCounts = page.getByTestId("set-counts-console");
    await consoleCounts.waitFor();
    expect(await consoleCounts.textContent()).toMatch(/^管理后台：文案 \d+ 条，待翻译 \d+ 条/);
    expect(Number(await consoleCounts.getAttribute("data-missing"))).toBeGreaterThan(0);
    await page.getByTestId("set-counts-portal").waitFor();
  });
});
