import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
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
  startServer,
} from "./support.js";

/**
 * The console home page of each demo role (issue 10 §5): 自治区 and 通辽市 民委, 科左后旗民宗局, an expert and a unit
 * each see their own to-dos and figures; the menu of a unit leaves out the region-wide pages; a figure opens the
 * list behind it. Desktop and phone screenshots go to SHOTS (outside the repository).
 */
const SHOTS = process.env.HOMES_SHOTS ?? "/tmp/shots-homes";

const menuTexts = async (page: Page) =>
  (await page.locator(".ant-layout-sider .ant-menu-item, .ant-layout-sider .ant-menu-submenu-title").allInnerTexts())
    .map((x) => x.trim())
    .filter(Boolean);

describe("home page by role (demo data)", () => {
  let server: Server;
  let browser: Browser;
  let current: Session | null = null;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer({ demo: true });
    browser = await launchBrowser();
  }, 900_000);
  afterEach(async ({ task }) => {
    if (task.result?.state === "fail" && current && !current.page.isClosed()) {
      await current.page.screenshot({ path: path.join(SHOTS, `failed-${task.name.slice(0, 20)}.png`) }).catch(() => {});
      console.log(`[homes] failed at ${current.page.url()}; console errors: ${current.consoleErrors}`);
    }
    await current?.context.close().catch(() => undefined);
    current = null;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const open = async (user: string): Promise<Session> => {
    current = await newPage(browser, server.url);
    current.page.setDefaultTimeout(20_000);
    await login(current.page, user, DEMO_PASSWORD);
    await current.page.getByTestId("user-menu").waitFor();
    await current.page.getByTestId("home-todos").or(current.page.getByTestId("home-scoring")).first().waitFor();
    return current;
  };
  /** The home page at desktop and phone size, with the charts drawn. */
  const shots = async (s: Session, name: string) => {
    for (const [viewport, suffix] of [
      [DESKTOP, "desktop"],
      [PHONE, "phone"],
    ] as const) {
      await s.page.setViewportSize(viewport);
      await settle(s.page);
      await s.page.screenshot({ path: path.join(SHOTS, `${name}-${suffix}.png`), fullPage: true });
    }
    await s.page.setViewportSize(DESKTOP);
  };
  const figure = (page: Page, key: string) => page.getByTestId(`figure-${key}`);

  it("通辽市民委: its own organiser steps, applications by stage and named units by 旗县; a bar opens its list", async () => {
    const s = await open("tl_mw");
    const { page } = s;
    const todos = page.getByTestId("home-todos-creation");
    await todos.getByText("待分配测评专家").first().waitFor();
    await figure(page, "applicationsByStage").locator("canvas").waitFor();
    await figure(page, "namedByRegion").getByText("科尔沁左翼后旗", { exact: false }).first().waitFor();
    expect(await page.getByTestId("home-counters").isVisible()).toBe(true);
    await shots(s, "tl_mw");

    const link = figure(page, "applicationsByStage").getByTestId("figure-link").filter({ hasText: "测评中" });
    await link.click();
    await page.waitForURL(/\/admin\/creation\/applications\?status=evaluating$/);
    await page.locator(".ant-table-tbody tr.ant-table-row").first().waitFor();
    const statuses = await page.locator(".ant-table-tbody tr.ant-table-row").allInnerTexts();
    expect(statuses.length).toBeGreaterThan(0);
    for (const row of statuses) expect(row).toContain("测评中");
    expect(s.consoleErrors).toEqual([]);
  });

  it("自治区民委: no 通辽市 batch's organiser steps among its to-dos", async () => {
    const s = await open("nmg_mw");
    const { page } = s;
    await figure(page, "namedByRegion").getByText("通辽市").first().waitFor();
    const todos = await page.getByTestId("home-todos").textContent();
    for (const kind of ["待分配测评专家", "公示期满，待命名", "审定通过，待公示", "专家评分已齐，待审定"])
      expect(todos).not.toContain(kind);
    await shots(s, "nmg_mw");
    expect(s.consoleErrors).toEqual([]);
  });

  it("科左后旗民宗局: the 后旗 plan's completion by chapter and by unit", async () => {
    const s = await open("hq_mzj");
    const { page } = s;
    await figure(page, "planByChapter").locator("canvas").waitFor();
    expect(await figure(page, "planByChapter").textContent()).toContain("第二章 加强党对民族工作的全面领导");
    await figure(page, "planByUnit").locator("canvas").waitFor();
    await shots(s, "hq_mzj");
    await figure(page, "planByChapter").getByRole("link", { name: "查看列表" }).click();
    await page.waitForURL(/\/admin\/plans\/[0-9a-f-]+\?tab=rollup$/);
    expect(s.consoleErrors).toEqual([]);
  });

  it("an expert: its scoring tasks with deadlines, no region counters", async () => {
    const s = await open("tl_expert1");
    const { page } = s;
    const tasks = page.getByTestId("home-assignment");
    await tasks.first().waitFor();
    expect(await tasks.first().textContent()).toMatch(/截止|已逾期/);
    await figure(page, "myScoring").locator("canvas").waitFor();
    expect(await page.getByTestId("home-counters").count()).toBe(0);
    await shots(s, "tl_expert1");
    await tasks.first().getByRole("link").click();
    await page.waitForURL(/\/admin\/creation\/assignments\/[0-9a-f-]+$/);
    expect(s.consoleErrors).toEqual([]);
  });

  it("a unit: what it owes with deadlines and links; the menu leaves out the region-wide pages", async () => {
    const s = await open("unit_hqcourt");
    const { page } = s;
    const owed = page.getByTestId("home-todos-creation").getByTestId("home-todo");
    await owed.first().waitFor();
    expect(await page.getByTestId("home-todos-creation").textContent()).toContain("被退回待修改的申报");
    expect(await page.getByTestId("home-counters").count()).toBe(0);
    expect(await figure(page, "namedByRegion").count()).toBe(0);
    await page.getByRole("menuitem", { name: "示范创建" }).click();
    await page.getByRole("menuitem", { name: "申报管理" }).waitFor();
    const menu = await menuTexts(page);
    for (const hidden of ["目标任务", "创建覆盖", "培育库", "规划方案"]) expect(menu).not.toContain(hidden);
    await shots(s, "unit_hqcourt");
    await owed.filter({ hasText: "被退回待修改的申报" }).getByRole("link").click();
    await page.waitForURL(/\/admin\/creation\/applications\/[0-9a-f-]+$/);
    expect(s.consoleErrors).toEqual([]);
  });

  it("a unit: the bell counts its unread messages; 消息中心 lists the same to-do, opening it marks it read", async () => {
    const s = await open("unit_hqcourt");
    const { page } = s;
    const bell = page.getByTestId("message-bell");
    await expect.poll(async () => (await bell.getAttribute("aria-label")) ?? "").toMatch(/未读 [1-9]\d* 条/);
    await bell.click();
    await page.waitForURL(/\/admin\/messages$/);
    const item = page.getByTestId("message-item").filter({ hasText: "被退回待修改的申报" }).first();
    await item.waitFor();
    expect(await item.textContent()).toContain("示范创建");
    await shots(s, "messages");
    const before = Number(/未读 (\d+) 条/.exec((await bell.getAttribute("aria-label")) ?? "")?.[1]);
    await item.getByRole("link").click();
    await page.waitForURL(/\/admin\/creation\/applications\/[0-9a-f-]+$/);
    await expect
      .poll(async () => Number(/未读 (\d+) 条/.exec((await bell.getAttribute("aria-label")) ?? "")?.[1]))
      .toBe(before - 1);
    expect(s.consoleErrors).toEqual([]);
  });
});
