import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, launchBrowser, login, newPage, type Server, shot, startServer } from "./support.js";

describe("个人设置: an API token limited to chosen permissions and read-only", () => {
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

  it("the admin makes a read-only token for 查看组织机构 only; it reads organizations and nothing else", async () => {
    const { page, consoleErrors, context } = await newPage(browser, server.url);
    await login(page, "admin", ADMIN_PASSWORD);
    await page.getByText("您好，系统管理员").waitFor();
    await page.goto("/admin/profile");
    await page.getByText("令牌最长有效 90 天").waitFor();
    await page.getByTestId("token-name").fill("组织数据对接");
    await page.getByTestId("token-readonly").check();
    await page.getByText("指定权限", { exact: true }).click();
    await page.getByTestId("token-permissions").click();
    // antd's list is virtual and its role="option" items are a hidden accessibility copy: filter, then click the
    // visible option.
    await page.keyboard.type("查看组织机构");
    await page.locator(".ant-select-dropdown .ant-select-item-option", { hasText: "查看组织机构" }).first().click();
    await page.keyboard.press("Escape");
    await page.getByTestId("token-create").click();
    const code = page.locator(".ant-alert-success .ant-typography code");
    await code.waitFor();
    const token = (await code.textContent())?.trim() ?? "";
    expect(token).toMatch(/^slt_/);
    const row = page.locator(".ant-table-row", { hasText: "组织数据对接" });
    await row.getByText("只读").waitFor();
    await row.getByText("1 项权限").waitFor();
    await shot(page, "profile-api-token-limited");
    expect(consoleErrors).toEqual([]);
    await context.close();

    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    expect((await fetch(`${server.url}/api/orgs`, { headers })).status).toBe(200);
    const users = await fetch(`${server.url}/api/users`, { headers });
    expect(users.status).toBe(403);
    const write = await fetch(`${server.url}/api/orgs`, {
      method: "POST",
      headers,
      body: JSON.stringify({ name: "令牌新建单位", type: "enterprise", regionCode: "150522" }),
    });
    expect(write.status).toBe(403);
    expect((await write.json()).error.code).toBe("TOKEN_READ_ONLY");
  });
});
