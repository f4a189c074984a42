import fs from "node:fs";
import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  confirm,
  DEMO_PASSWORD,
  DESKTOP,
  dialog,
  dropdown,
  expectStatus,
  field,
  fillSheet,
  label,
  launchBrowser,
  login,
  newPage,
  openMenu,
  PHONE,
  SCREENSHOTS,
  type Server,
  type Session,
  settle,
  shot,
  startServer,
  tableLoaded,
} from "./support.js";

/**
 * The application flow of 示范创建 in the console, on the demo data: 塔布呼嘎查 fills in an application in this
 * year's 通辽 batch with evidence uploaded in place and its self-assessment, and submits it → 甘旗卡镇 recommends →
 * 科左后旗 returns it once, the 嘎查 edits and resubmits, the banner recommends → 通辽市民委 accepts, assigns an
 * expert and records a site visit → the expert scores and submits → 通辽 审定s it. Each page is photographed at
 * desktop and phone size (e2e/screenshots/creation-flow-*.png) and no page logs a console error.
 */

const UNIT = { username: "unit_tabuhu", org: "塔布呼嘎查村民委员会" };
const TOWN = "gqk_mzb";
const BANNER = "hq_mzj";
const CITY = "tl_mw";
const EXPERT = { username: "tl_expert1", name: "宝音" };
const BATCH = /\d{4}年度通辽市民族团结进步示范单位（区）命名/;
/** The 8-leaf demo 嘎查村/社区 set: these totals pass its line of 90. */
const SELF_TOTAL = 95;
const EXPERT_TOTAL = 92;

/**
 * `creation-flow-<name>-desktop.png` and `-phone.png`, from the top of the page or with `focus` in view; asserts
 * no console errors so far.
 */
async function shots(s: Session, name: string, focus?: Locator) {
  await s.page.locator(".ant-message-notice").first().waitFor({ state: "detached", timeout: 10_000 });
  for (const [size, viewport] of [
    ["desktop", DESKTOP],
    ["phone", PHONE],
  ] as const) {
    await s.page.setViewportSize(viewport);
    if (focus) await focus.evaluate((e) => e.scrollIntoView({ block: "start" }));
    else await s.page.evaluate(() => window.scrollTo(0, 0));
    await settle(s.page);
    await shot(s.page, `creation-flow-${name}-${size}`);
  }
  await s.page.setViewportSize(DESKTOP);
  await settle(s.page);
  expect(s.consoleErrors, `console errors on ${name}`).toEqual([]);
}

const rows = (page: Page) => page.locator(".ant-table-tbody tr.ant-table-row");

describe("示范创建 application flow in the console", () => {
  let server: Server;
  let browser: Browser;
  let current: Session | null = null;
  let appUrl = "";
  const started = Date.now();

  const open = async (username: string): Promise<Session> => {
    current = await newPage(browser, server.url);
    current.page.setDefaultTimeout(20_000);
    await login(current.page, username, DEMO_PASSWORD);
    await current.page.getByTestId("user-menu").waitFor();
    return current;
  };
  /** The application of this run, as `username` sees it. */
  const openApplication = async (username: string) => {
    const s = await open(username);
    await s.page.goto(appUrl);
    await s.page.getByTestId("application-detail").waitFor();
    return s;
  };

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    for (const f of fs.readdirSync(SCREENSHOTS).filter((f) => f.startsWith("failed-creation-flow")))
      fs.rmSync(path.join(SCREENSHOTS, f));
    server = await startServer({ demo: true });
    browser = await launchBrowser();
  });
  let n = 0;
  afterEach(async ({ task }) => {
    n += 1;
    if (task.result?.state === "fail" && current && !current.page.isClosed()) {
      await current.page
        .screenshot({ path: path.join(SCREENSHOTS, `failed-creation-flow-${n}.png`) })
        .catch(() => undefined);
      console.log(`[creation-flow] failed at ${current.page.url()}; console errors: ${current.consoleErrors}`);
    }
    await current?.context.close().catch(() => undefined);
    current = null;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    console.log(`[creation-flow.spec] total ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it("the organiser sees its batches and the batch form", async () => {
    const s = await open(CITY);
    const { page } = s;
    await openMenu(page, "示范创建", "申报批次");
    await page.waitForURL(/\/admin\/creation\/batches$/);
    await tableLoaded(page);
    await rows(page).filter({ hasText: BATCH }).first().waitFor();
    await shots(s, "batches");

    await page.getByTestId("batch-create").click();
    const form = dialog(page, "新建申报批次");
    await form.getByTestId("batch-form").waitFor();
    await expect.poll(() => field(form, "命名级别").locator(".ant-select-content").textContent()).toBe("盟市级");
    await field(form, "创建类别").getByRole("combobox").click();
    await dropdown(page).locator(".ant-select-item-option", { hasText: "嘎查村/社区" }).click();
    await dropdown(page).locator(".ant-select-item-option", { hasText: "学校" }).click();
    await form.getByText("类别与指标体系").click(); // closes the dropdown
    await field(form, "指标体系").getByRole("combobox").click();
    await dropdown(page).locator(".ant-select-item-option").first().waitFor();
    await page.keyboard.press("Escape");
    await shots(s, "batch-form");
  });

  it("a 嘎查 fills in an application with evidence and its self-assessment, and submits it", async () => {
    const s = await open(UNIT.username);
    const { page } = s;
    await openMenu(page, "示范创建", "申报管理");
    await page.waitForURL(/\/admin\/creation\/applications$/);
    await tableLoaded(page);

    await page.getByTestId("application-create").click();
    const form = dialog(page, "填写申报");
    await form.getByTestId("application-form").waitFor();
    await field(form, "申报批次").getByRole("combobox").click();
    await dropdown(page).locator(".ant-select-item-option", { hasText: BATCH }).click();
    await field(form, "创建类别").getByRole("combobox").click();
    await dropdown(page).locator(".ant-select-item-option", { hasText: "嘎查村/社区" }).click();
    await field(form, "创建工作总结")
      .getByRole("textbox")
      .fill("坚持以铸牢中华民族共同体意识为主线，常态化开展“石榴籽”主题教育，各族群众互嵌式居住、共建共享。");
    // Evidence uploaded in place through the material picker.
    const png = Buffer.from(
      "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
      "hex",
    );
    await form
      .getByTestId("application-evidence")
      .locator("input[type=file]")
      .setInputFiles({
        name: "塔布呼嘎查创建台账.png",
        mimeType: "image/png",
        buffer: Buffer.concat([png, Buffer.from("塔布呼")]),
      });
    await form
      .getByTestId("application-evidence")
      .getByTestId("material-item")
      .getByText("塔布呼嘎查创建台账", { exact: true })
      .waitFor();
    await shots(s, "application-form");

    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/api/creation/applications") && r.request().method() === "POST"),
      form.getByTestId("application-form-submit").click(),
    ]);
    expect(created.status()).toBe(200);
    await page.waitForURL(/\/admin\/creation\/applications\/[0-9a-f-]{36}$/);
    appUrl = new URL(page.url()).pathname;
    await expectStatus(page, "草稿");
    await page.getByTestId("application-detail").getByText("塔布呼嘎查创建台账", { exact: true }).waitFor();
    await shots(s, "application-draft");

    // The self-assessment: filled, saved as a draft, then submitted; back on the application.
    await page.getByTestId("action-self").click();
    await page.getByTestId("score-sheet").waitFor();
    await fillSheet(page, SELF_TOTAL);
    await page.getByText("有未保存的修改").waitFor();
    await shots(s, "self-sheet");
    await page.getByTestId("sheet-save").click();
    await page.getByText("已保存", { exact: true }).waitFor();
    await page.getByTestId("sheet-submit").click();
    await confirm(page, "提交评分");
    await page.waitForURL((u) => u.pathname === appUrl);
    await page.getByText(`自评已提交：${SELF_TOTAL} 分`).first().waitFor();

    await page.getByTestId("action-submit").click();
    await confirm(page, "提交申报");
    await expectStatus(page, "逐级推荐中");
    await expect.poll(() => page.getByTestId("review-chain").textContent()).toContain("甘旗卡镇");
    await shots(s, "application-submitted");
  });

  it("甘旗卡镇 recommends it to the banner", async () => {
    const s = await open(TOWN);
    const { page } = s;
    await openMenu(page, "示范创建", "申报管理");
    await tableLoaded(page);
    await rows(page).filter({ hasText: UNIT.org }).getByTestId("application-org").click();
    await page.getByTestId("action-recommend").waitFor();
    expect(await page.getByTestId("action-experts").count()).toBe(0);
    await shots(s, "review-town");
    await page.getByTestId("action-recommend").click();
    const modal = dialog(page, "推荐至上一级");
    await modal.getByTestId("action-text").fill("材料齐全，同意推荐");
    await modal.getByRole("button", { name: label("推荐") }).click();
    await modal.waitFor({ state: "detached" });
    await page.getByTestId("action-recommend").waitFor({ state: "detached" });
    await expect.poll(() => page.getByTestId("review-chain").textContent()).toContain("审核中");
  });

  it("科左后旗 returns it once with a reason; the 嘎查 edits and resubmits; the banner recommends", async () => {
    let s = await openApplication(BANNER);
    let { page } = s;
    await page.getByTestId("action-return").click();
    let modal = dialog(page, "退回修改");
    await modal.getByRole("button", { name: label("退回修改") }).click();
    await modal.getByText("请填写原因").waitFor(); // the reason is required
    await modal.getByTestId("action-text").fill("请补充“民族团结进步宣传月”活动照片");
    await modal.getByRole("button", { name: label("退回修改") }).click();
    await modal.waitFor({ state: "detached" });
    await expectStatus(page, "退回修改");
    await current?.context.close();

    s = await openApplication(UNIT.username);
    page = s.page;
    await page.getByTestId("returned-alert").getByText("请补充“民族团结进步宣传月”活动照片").waitFor();
    await shots(s, "application-returned");
    await page.getByTestId("action-edit").click();
    const form = dialog(page, "编辑申报");
    await field(form, "创建工作总结")
      .getByRole("textbox")
      .fill("已补充宣传月活动照片和简报。常态化开展“石榴籽”主题教育。");
    await form.getByTestId("application-form-submit").click();
    await form.waitFor({ state: "hidden" });
    await page.getByTestId("action-submit").click();
    await confirm(page, "重新提交");
    await expectStatus(page, "逐级推荐中");
    await current?.context.close();

    s = await openApplication(BANNER);
    page = s.page;
    await page.getByTestId("action-recommend").click();
    modal = dialog(page, "推荐至上一级");
    await modal.getByRole("button", { name: label("推荐") }).click();
    await modal.waitFor({ state: "detached" });
    await page.getByTestId("action-recommend").waitFor({ state: "detached" });
  });

  it("通辽市民委 accepts, assigns an expert and records a site visit", async () => {
    const s = await open(CITY);
    const { page } = s;
    await openMenu(page, "示范创建", "申报管理");
    await tableLoaded(page);
    await shots(s, "applications");
    await page.goto(appUrl);
    await page.getByTestId("action-accept").click();
    const accept = dialog(page, "受理申报");
    await accept.getByRole("button", { name: label("受理") }).click();
    await accept.waitFor({ state: "detached" });
    await expectStatus(page, "已受理");

    await page.getByTestId("action-experts").click();
    const assign = dialog(page, "分配测评专家");
    await assign.getByTestId("expert-select").click();
    await page.keyboard.type(EXPERT.name);
    await dropdown(page).locator(".ant-select-item-option", { hasText: EXPERT.name }).click();
    await assign.getByText("5 位及以上专家时").click(); // closes the dropdown
    await assign.getByRole("button", { name: label("确定") }).click();
    await assign.waitFor({ state: "detached" });
    await expectStatus(page, "测评中");

    await page.getByTestId("action-visit").click();
    const visit = dialog(page, "记录实地考察");
    await field(visit, "考察组成员").getByRole("textbox").fill("宝音、其木格");
    await field(visit, "考察情况").getByRole("textbox").fill("实地查看了嘎查党群服务中心和民族团结进步宣传阵地。");
    await visit.getByRole("button", { name: label("保存") }).click();
    await visit.waitFor({ state: "detached" });
    await page.getByRole("tab", { name: "测评", exact: true }).click();
    await page.getByTestId("site-visits").getByText("宝音、其木格").waitFor();
    await page.getByTestId("expert-table").getByText(EXPERT.name).waitFor();
    // 审定 waits for the expert's sheet.
    expect(await page.getByTestId("action-finalize").isDisabled()).toBe(true);
    await shots(s, "evaluating");
  });

  it("the expert scores the application and submits the sheet", async () => {
    const s = await open(EXPERT.username);
    const { page } = s;
    await openMenu(page, "示范创建", "测评任务");
    await tableLoaded(page);
    await shots(s, "assignments");
    await rows(page).filter({ hasText: UNIT.org }).getByTestId("assignment-org").click();
    await page.getByTestId("assignment-detail").waitFor();
    await page.getByText("实地查看了嘎查党群服务中心").waitFor();
    // The unit's evidence opens through the application, though the expert cannot open the material library.
    const evidence = page
      .getByTestId("assignment-detail")
      .getByTestId("material-item")
      .filter({ hasText: "塔布呼嘎查创建台账" });
    const preview = evidence.getByTestId("material-item-preview");
    expect(await preview.getAttribute("href")).toMatch(
      /^\/api\/creation\/applications\/[0-9a-f-]{36}\/evidence\/[0-9a-f-]{36}\/preview$/,
    );
    const [tab] = await Promise.all([page.waitForEvent("popup"), preview.click()]);
    await tab.waitForLoadState();
    expect(await tab.evaluate(() => document.contentType)).toBe("image/png");
    await tab.close();
    const [file] = await Promise.all([
      page.waitForEvent("download"),
      evidence.getByTestId("material-item-download").click(),
    ]);
    expect(file.suggestedFilename()).toBe("塔布呼嘎查创建台账.png");
    await fillSheet(page, EXPERT_TOTAL);
    await shots(s, "expert-sheet");
    await page.getByTestId("sheet-submit").click();
    await confirm(page, "提交评分");
    await page.getByText(/评分已锁定/).waitFor();
    await page.getByText(/已提交 1 \/ 1 位/).waitFor();
  });

  it("通辽市民委 审定s it on the expert's score", async () => {
    const s = await openApplication(CITY);
    const { page } = s;
    await page.getByTestId("action-finalize").click();
    const modal = dialog(page, "审定");
    await modal.getByRole("button", { name: label("审定") }).click();
    await modal.waitFor({ state: "detached" });
    await expectStatus(page, "审定通过（待公示）");
    await page.getByRole("tab", { name: "测评", exact: true }).click();
    const result = page.getByTestId("application-result");
    await result.getByText(`${EXPERT_TOTAL} 分`).waitFor();
    await result.getByText("专家评分平均分").waitFor();
    await shots(s, "finalized");
    await page.getByRole("tab", { name: "审核记录", exact: true }).click();
    const events = page.getByTestId("application-events");
    for (const step of ["提交申报", "推荐", "退回修改", "受理", "分配测评专家", "实地考察", "审定"])
      await events.getByText(step, { exact: true }).first().waitFor();
    await shots(s, "events", events);
  });

  it("a sheet of 1,000 indicators opens, expands and answers a keystroke quickly", async () => {
    // The set, a batch scoring with it, and an application of the 嘎查 to it, through the API.
    let s = await open(CITY);
    const sections = Array.from({ length: 20 }, (_, i) => ({
      title: `性能测试一级指标${i + 1}`,
      children: Array.from({ length: 50 }, (_, j) => ({
        title: `性能测试指标${i + 1}-${j + 1}`,
        standard: "按台账和现场情况评分",
        maxScore: 1,
        method: j % 10 === 9 ? "yes_no" : j % 7 === 6 ? "grade" : "score",
      })),
    }));
    const set = await (
      await s.page.request.post("/api/indicator-sets", {
        data: {
          name: "性能测试指标体系",
          versionLabel: "测试版",
          categories: ["village"],
          levels: ["city"],
          total: 1000,
          passLine: 900,
          nodes: sections,
        },
      })
    ).json();
    expect(set.id, JSON.stringify(set)).toBeTruthy();
    expect((await s.page.request.post(`/api/indicator-sets/${set.id}/publish`)).status()).toBe(200);
    const deadline = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const batch = await (
      await s.page.request.post("/api/creation/batches", {
        data: {
          name: "性能测试申报批次",
          year: new Date().getFullYear(),
          level: "city",
          categories: ["village"],
          setId: set.id,
          submitDeadline: deadline,
        },
      })
    ).json();
    expect((await s.page.request.post(`/api/creation/batches/${batch.id}/open`)).status()).toBe(200);
    await current?.context.close();

    s = await open(UNIT.username);
    const { page } = s;
    const app = await (
      await page.request.post("/api/creation/applications", { data: { batchId: batch.id, category: "village" } })
    ).json();
    expect(app.selfSheet?.id, JSON.stringify(app)).toBeTruthy();

    const t0 = Date.now();
    await page.goto(`/admin/creation/applications/${app.id}/sheets/${app.selfSheet.id}`);
    await page.getByTestId("sheet-leaf").first().waitFor();
    const open1 = Date.now() - t0;
    expect(await page.getByTestId("sheet-leaf").count()).toBe(50); // only the first section is open

    // Expanding every section: from the click to the first frame with all 1,000 rows on the page.
    await page.evaluate(() => {
      const w = window as Window & { __t0?: number };
      document.addEventListener("click", () => (w.__t0 = performance.now()), { capture: true, once: true });
    });
    await page.getByRole("button", { name: "全部展开" }).click();
    const expand = (await (
      await page.waitForFunction(
        () => {
          const t = (window as Window & { __t0?: number }).__t0;
          const rows = document.querySelectorAll("[data-testid=sheet-leaf]").length;
          return t !== undefined && rows === 1000 ? Math.round(performance.now() - t) : false;
        },
        undefined,
        { polling: "raf", timeout: 30_000 },
      )
    ).jsonValue()) as number;

    // One keystroke with every row on the page: from the input event to the frame that shows the new total.
    const input = page.getByTestId("sheet-leaf").first().locator(".ant-input-number input");
    await page.evaluate(() => {
      const w = window as Window & { __t0?: number };
      document.addEventListener("input", () => (w.__t0 = performance.now()), { capture: true, once: true });
    });
    await input.pressSequentially("1");
    const keystroke = (await (
      await page.waitForFunction(
        () => {
          const t = (window as Window & { __t0?: number }).__t0;
          const total = document.querySelector("[data-testid=sheet-total]")?.textContent;
          return t !== undefined && total === "1" ? Math.round(performance.now() - t) : false;
        },
        undefined,
        { polling: "raf", timeout: 10_000 },
      )
    ).jsonValue()) as number;
    console.log(
      `[creation-flow · 1,000 indicators] open ${open1} ms (first section, 50 rows); expand all ${expand} ms; ` +
        `keystroke → new total ${keystroke} ms`,
    );
    expect(keystroke).toBeLessThan(500);
    expect(s.consoleErrors).toEqual([]);
  });
});
