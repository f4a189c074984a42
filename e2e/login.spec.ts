import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN_PASSWORD,
  DESKTOP,
  launchBrowser,
  login,
  newPage,
  PHONE,
  type Server,
  shot,
  startServer,
} from "./support.js";

describe("console sign-in", () => {
  let server: Server;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("the admin signs in and sees the home page with the data scope in plain words", async () => {
    const { page, consoleErrors, context } = await newPage(browser, server.url);
    await page.goto("/admin/login");
    await shot(page, "login-desktop");
    await login(page, "admin", ADMIN_PASSWORD);
    await page.getByText("您好，系统管理员").waitFor();
    expect(await page.getByTestId("scope-label").textContent()).toBe("全部数据");
    await page.getByText("行政区划（数据范围内）").waitFor();
    await shot(page, "home-desktop");
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it("five wrong passwords lock the account with the minutes left; from the third, a captcha is asked", async () => {
    const { page, context } = await newPage(browser, server.url);
    for (let i = 1; i <= 5; i++) {
      await login(page, "admin", "Wrong#Password1");
      await page.getByTestId("login-error").waitFor();
      if (i === 3) {
        // The third failure brings the captcha (a picture, with a text question for screen readers).
        const img = page.getByRole("img", { name: /图形验证码/ });
        await img.waitFor();
        expect(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(150);
        await shot(page, "login-captcha-desktop");
        await page.getByRole("button", { name: "改用文字题（适合读屏软件）" }).click();
        expect(await page.getByTestId("captcha-question").textContent()).toMatch(/^请计算：.+等于多少？/);
      }
    }
    const message = await page.getByTestId("login-error").textContent();
    expect(message).toContain("账号已被锁定，请 15 分钟后再试");
    await shot(page, "login-locked-desktop");
    await context.close();
  });

  it("the login page works on a phone", async () => {
    const { page, context } = await newPage(browser, server.url, PHONE);
    await page.goto("/admin/login");
    await page.getByLabel("用户名").waitFor();
    await shot(page, "login-phone");
    await context.close();
  });

  it("an unknown console path under a signed-out browser goes to the login page", async () => {
    const { page, context } = await newPage(browser, server.url, DESKTOP);
    await page.goto("/admin/orgs");
    await page.waitForURL(/\/admin\/login\?next=/);
    await context.close();
  });
});
