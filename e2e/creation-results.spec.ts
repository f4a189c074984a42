import fs from "node:fs";
import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_PASSWORD,
  DESKTOP,
  daysToWorkingDay,
  dialog,
  dropdown,
  field,
  launchBrowser,
  login,
  newPage,
  openMenu as openSideMenu,
  PHONE,
  rows,
  SCREENSHOTS,
  type Server,
  type Session,
  settle,
  shot,
  startServer,
  table,
  tableLoaded,
} from "./support.js";

/**
 * The results half of 示范创建 in the console, on the demo data: 通辽市民委 publishes a notice for an approved
 * application; a member of the public objects through the portal API; the objection is revealed (audited),
 * investigated and answered; the naming decision names the application whose notice has ended and its .docx
 * downloads; the unit appears in 示范单位 and, signed in as the unit, submits its yearly self-check; another
 * designation is revoked with a reason and document; 目标任务 and 创建覆盖 follow at once. Every page is
 * photographed at desktop and phone size (e2e/screenshots/creation-results-*.png).
 */

const YEAR = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
const BATCH = `${YEAR}年度通辽市民族团结进步示范单位（区）命名`;
const APPROVED = "束力古台嘎查村民委员会"; // 审定通过 in the demo, not yet on a notice
const ENDED = "奈曼旗大沁他拉镇团结社区居民委员会"; // its notice ended before today: ready to be named
const OPEN_NOTICE_UNIT = "甘旗卡镇民族社区居民委员会"; // 公示中 with an unanswered objection
const REVOKED = "通辽市实验小学"; // a 盟市级 学校 named last year, revoked here
const DOC_NUMBER = `通民委发〔${YEAR}〕30号`;
const OBJECTOR = { contactName: "张海峰", phone: "13912345678" };

type Target = { regionName: string; year: number; level: string; category: string | null; achieved: number };
type Coverage = { rows: { regionName: string; counts: Record<string, number>; total: number }[] };

/** creation-results-<name>-desktop.png and -phone.png of the page as it is now; no console errors so far. */
async function shots(s: Session, name: string) {
  await s.page
    .locator(".ant-message-notice")
    .first()
    .waitFor({ state: "detached" })
    .catch(() => undefined);
  for (const [viewport, suffix] of [
    [DESKTOP, "desktop"],
    [PHONE, "phone"],
  ] as const) {
    await s.page.setViewportSize(viewport);
    await settle(s.page);
    await shot(s.page, `creation-results-${name}-${suffix}`);
  }
  await s.page.setViewportSize(DESKTOP);
  await settle(s.page);
  expect(s.consoleErrors, `console errors on ${name}`).toEqual([]);
}

/** Picks an option of the Select inside a form item. */
async function choose(scope: Locator, label: string, option: string) {
  await field(scope, label).locator(".ant-select").click();
  await dropdown(scope.page()).locator(".ant-select-item-option", { hasText: option }).first().click();
  await dropdown(scope.page()).waitFor({ state: "hidden" });
}

async function searchKeyword(page: Page, text: string) {
  await page.getByLabel("关键字").fill(text);
  await page.getByRole("button", { name: /查\s*询/ }).click();
  await expect.poll(async () => (await rows(page).allTextContents()).every((r) => r.includes(text))).toBe(true);
  await tableLoaded(page);
}

/** The 完成进度 cell of 通辽市's 盟市级 target of `year` and `category` in the 目标任务 list. */
async function progressOf(page: Page, year: number, category: string): Promise<string> {
  const heads = (await table(page).locator(".ant-table-thead th").allInnerTexts()).map((h) => h.trim());
  const col = (h: string) => heads.indexOf(h);
  for (const row of await rows(page).all()) {
    const cells = (await row.locator("td").allInnerTexts()).map((c) => c.trim());
    if (
      cells[col("区划")] === "通辽市" &&
      cells[col("目标年度")] === String(year) &&
      cells[col("命名级别")] === "盟市级" &&
      cells[col("创建类别")] === category
    )
      return cells[col("完成进度（有效命名）")];
  }
  return "";
}

/** A 示范创建 menu entry (its name ends with the item: some carry a count before it). */
const openMenu = (page: Page, item: string) => openSideMenu(page, "示范创建", new RegExp(`${item}$`));

describe("示范创建 results: notice, objection, naming, designations, self-check, revocation, targets, coverage", () => {
  let server: Server;
  let browser: Browser;
  let current: Session | null = null;
  const started = Date.now();
  const before: { targets: Target[]; coverage: Coverage } = { targets: [], coverage: { rows: [] } };

  /** Days the server's clock (and the pages') runs ahead: to a working day, so a 公示 published today opens today. */
  const aheadDays = daysToWorkingDay();
  const open = async (user: string): Promise<Session> => {
    current = await newPage(browser, server.url);
    current.page.setDefaultTimeout(15_000);
    if (aheadDays) await current.page.clock.setSystemTime(new Date(Date.now() + aheadDays * 86_400_000));
    await login(current.page, user, DEMO_PASSWORD);
    await current.page.getByTestId("user-menu").waitFor();
    return current;
  };
  const target = (list: Target[], regionName: string, year: number, level: string, category: string | null) => {
    const found = list.find(
      (x) => x.regionName === regionName && x.year === year && x.level === level && x.category === category,
    );
    if (!found) throw new Error(`no target ${regionName} ${year} ${level} ${category}`);
    return found.achieved;
  };
  /** 通辽市's 盟市级 target of a year (category null = all) before the test. */
  const was = (year: number, category: string | null) => target(before.targets, "通辽市", year, "city", category);
  const cell = (c: Coverage, regionName: string, category: string) =>
    c.rows.find((r) => r.regionName === regionName)?.counts[category] ?? 0;

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    for (const f of fs.readdirSync(SCREENSHOTS).filter((f) => f.startsWith("failed-creation-results")))
      fs.rmSync(path.join(SCREENSHOTS, f));
    server = await startServer({ demo: true, clockOffsetDays: aheadDays });
    browser = await launchBrowser();
  });
  let n = 0;
  afterEach(async ({ task }) => {
    n += 1;
    if (task.result?.state === "fail" && current && !current.page.isClosed()) {
      await current.page
        .screenshot({ path: path.join(SCREENSHOTS, `failed-creation-results-${n}.png`) })
        .catch(() => undefined);
      console.log(`[creation-results] failed at ${current.page.url()}; console errors: ${current.consoleErrors}`);
    }
    await current?.context.close().catch(() => undefined);
    current = null;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    console.log(`[creation-results.spec] total ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it("通辽市民委 publishes a notice; an objection is revealed, investigated and answered", async () => {
    const s = await open("tl_mw");
    const { page } = s;
    before.targets = (await (await page.request.get("/api/creation/targets?pageSize=100")).json()).items;
    before.coverage = await (await page.request.get("/api/creation/coverage")).json();

    // 创建待办: what waits for the city
    await openMenu(page, "创建待办");
    await page.waitForURL(/\/admin\/creation\/todos$/);
    const todos = page.getByTestId("todos");
    await todos.getByText("公示期满，待命名").first().waitFor();
    await todos.getByText("审定通过，待公示").first().waitFor();
    await shots(s, "todos");

    // 公示公告 → 拟定公示: the batch's approved application, title proposed from the batch
    await openMenu(page, "公示公告");
    await page.waitForURL(/\/admin\/creation\/notices$/);
    await tableLoaded(page);
    await rows(page).first().waitFor();
    await shots(s, "notices");
    await page.getByTestId("notice-create").click();
    const form = dialog(page, "拟定公示");
    await form.getByTestId("notice-form").waitFor();
    await settle(page);
    await choose(form, "申报批次", BATCH);
    await expect.poll(() => field(form, "公示标题").getByRole("textbox").inputValue()).toBe(`${BATCH}拟命名名单公示`);
    await form.getByRole("checkbox", { name: APPROVED }).check();
    await shots(s, "notice-form");
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/api/creation/notices") && r.request().method() === "POST"),
      form.getByTestId("notice-form-submit").click(),
    ]);
    expect(created.status()).toBe(200);
    const notice = (await created.json()) as { id: string; title: string; items: { applicationId: string }[] };
    await form.waitFor({ state: "hidden" });

    // the draft opens; 发布 fixes the window of 5 working days
    const detail = dialog(page, "公示详情");
    await detail.getByText("草稿").first().waitFor();
    await detail.getByRole("button", { name: /发\s*布/ }).click();
    const publish = dialog(page, "发布公示");
    await publish.getByText(/公示期 5 个工作日/).waitFor();
    await publish.getByRole("button", { name: /发\s*布/ }).click();
    await page.getByText(/^公示已发布：/).waitFor();
    await publish.waitFor({ state: "hidden" });
    await detail.getByText("公示中").first().waitFor();
    await detail.getByText(APPROVED).waitFor();
    await shots(s, "notice-detail");
    await detail.locator(".ant-drawer-close").click();

    // a member of the public objects on the portal (no sign-in)
    const objection = await fetch(`${server.url}/api/public/creation/notices/${notice.id}/objections`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        ...OBJECTOR,
        content: "该嘎查的民族团结进步宣传栏照片与去年申报材料相同，请核实。",
        applicationId: notice.items[0].applicationId,
      }),
    });
    expect(objection.status).toBe(200);
    expect((await objection.json()).trackingCode).toMatch(/^[A-Z2-9]{10}$/);

    // 异议处理: masked in the list, revealed on request (the read is audited), investigated, answered
    await openMenu(page, "异议处理");
    await page.waitForURL(/\/admin\/creation\/objections$/);
    await tableLoaded(page);
    const row = rows(page).filter({ hasText: APPROVED });
    await row.waitFor();
    expect(await row.textContent()).toContain("张**");
    expect(await row.textContent()).toContain("139****5678");
    expect(await row.textContent()).not.toContain(OBJECTOR.phone);
    await shots(s, "objections");
    await row.getByTestId("objection-open").click();
    const od = dialog(page, "异议详情");
    await od.getByText("待处理").waitFor();
    const [revealed] = await Promise.all([
      page.waitForResponse((r) => r.url().includes("/reveal?field=phone")),
      od.getByTestId("objection-reveal-phone").click(),
    ]);
    expect(revealed.status()).toBe(200);
    await od.getByTestId("objection-phone-full").getByText(OBJECTOR.phone).waitFor();
    await od.getByTestId("objection-reveal-name").click();
    await od.getByTestId("objection-name-full").getByText(OBJECTOR.contactName).waitFor();
    await shots(s, "objection-detail");

    await od.getByTestId("objection-investigate").click();
    const inv = dialog(page, "记录调查情况");
    await field(inv, "调查情况")
      .getByRole("textbox")
      .fill("经实地核查，宣传栏为今年新建，照片系今年拍摄，与去年材料不同。");
    await inv.getByRole("button", { name: /保\s*存/ }).click();
    await page.getByText("已记录调查情况").waitFor();
    await od.getByText("调查中").waitFor();

    await od.getByRole("button", { name: /答\s*复/ }).click();
    const reply = dialog(page, "答复异议");
    await field(reply, "答复内容").getByRole("textbox").fill("经核查，反映的问题不属实，不影响命名。感谢您的监督。");
    await reply.getByRole("radio", { name: "不影响命名" }).check();
    await shots(s, "objection-reply");
    await reply.getByRole("button", { name: /答\s*复/ }).click();
    await page.getByText("已答复异议").waitFor();
    await od.getByText("已答复").first().waitFor();
    await od.getByText("不影响命名", { exact: true }).waitFor();
  });

  it("the naming decision names the unit whose notice has ended, and its .docx downloads", async () => {
    const s = await open("tl_mw");
    const { page } = s;
    await openMenu(page, "命名决定");
    await page.waitForURL(/\/admin\/creation\/decisions$/);
    await tableLoaded(page);
    await rows(page).first().waitFor();

    await page.getByTestId("decision-create").click();
    const form = dialog(page, "作出命名决定");
    await form.getByTestId("decision-form").waitFor();
    await settle(page);
    await choose(form, "申报批次", BATCH);
    // only the notice that has ended can be named; the others say why not
    const ready = form.getByRole("checkbox", { name: ENDED });
    await ready.waitFor();
    expect(await ready.isEnabled()).toBe(true);
    expect(await form.getByRole("checkbox", { name: APPROVED }).isDisabled()).toBe(true);
    expect(await form.getByRole("checkbox", { name: OPEN_NOTICE_UNIT }).isDisabled()).toBe(true);
    await form
      .getByText(/公示期至 \d{4}-\d{2}-\d{2}，期满后方可命名/)
      .first()
      .waitFor();
    await field(form, "文号").getByRole("textbox").fill(DOC_NUMBER);
    await ready.check();
    await shots(s, "decision-form");
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/api/creation/decisions") && r.request().method() === "POST"),
      form.getByTestId("decision-form-submit").click(),
    ]);
    expect(created.status()).toBe(200);
    await form.waitFor({ state: "hidden" });

    const detail = dialog(page, "命名决定详情");
    await detail.getByText(DOC_NUMBER).first().waitFor();
    const named = detail.locator("tr.ant-table-row").filter({ hasText: ENDED });
    await named.waitFor();
    expect(await named.textContent()).toMatch(new RegExp(`${YEAR}-MS-1505-\\d{4}`));
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      detail.getByTestId("decision-download-detail").click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const file = await download.path();
    const head = fs.readFileSync(file).subarray(0, 2).toString();
    expect(head).toBe("PK"); // a .docx is a zip
    await shots(s, "decision-detail");
    await detail.locator(".ant-drawer-close").click();

    // it counts toward this year's 盟市级 target at once
    await openMenu(page, "目标任务");
    await page.waitForURL(/\/admin\/creation\/targets$/);
    await tableLoaded(page);
    await expect.poll(() => progressOf(page, YEAR, "全部类别")).toContain(`${was(YEAR, null) + 1} / 520`);
  });

  it("the named unit appears in 示范单位 and submits its yearly self-check", async () => {
    const staff = await open("tl_mw");
    await openMenu(staff.page, "示范单位");
    await staff.page.waitForURL(/\/admin\/creation\/designations$/);
    await tableLoaded(staff.page);
    await searchKeyword(staff.page, "奈曼旗");
    const row = rows(staff.page)
      .filter({ hasText: ENDED })
      .filter({ hasText: `${YEAR}-MS-1505-` });
    await row.waitFor();
    expect(await row.textContent()).toContain("有效");
    expect(await row.textContent()).toContain("盟市级");
    await shots(staff, "designations");
    await staff.context.close();

    const s = await open("unit_nmvillage");
    const { page } = s;
    await openMenu(page, "示范单位");
    await page.waitForURL(/\/admin\/creation\/designations$/);
    await tableLoaded(page);
    await rows(page)
      .filter({ hasText: `${YEAR}-MS-1505-` })
      .getByTestId("designation-name")
      .click();
    const detail = dialog(page, ENDED);
    await detail.getByText(DOC_NUMBER, { exact: true }).waitFor();
    await detail.getByTestId("designation-actions").click();
    await page.getByRole("menuitem", { name: "开始年度自查" }).click();
    const start = dialog(page, "开始年度自查");
    await start.getByText(`${YEAR} 年`).waitFor();
    await start.getByRole("button", { name: "开始年度自查" }).click();

    // the sheet of the designation's indicator set: every indicator scored in full
    const sheet = dialog(page, new RegExp(`^${YEAR} 年度自查`));
    await sheet.getByTestId("score-sheet").waitFor();
    const leaves = sheet.getByTestId("sheet-leaf");
    await leaves.first().waitFor();
    for (let i = 0; i < (await leaves.count()); i++) {
      const leaf = leaves.nth(i);
      const spin = leaf.getByRole("spinbutton");
      if (await spin.count()) await spin.fill((await spin.getAttribute("aria-valuemax")) ?? "0");
      else await leaf.locator(".ant-radio-button-wrapper").first().click();
    }
    await sheet.getByTestId("sheet-total").getByText("100").waitFor();
    await shots(s, "self-check-sheet");
    await sheet.getByTestId("sheet-submit").click();
    await dialog(page, "提交评分表？").getByRole("button", { name: "提交评分" }).click();
    await page.getByText(`已提交 ${YEAR} 年度自查`).waitFor();
    await sheet.waitFor({ state: "hidden" });
    const checks = detail.getByTestId("self-checks");
    await checks.getByText("已提交").waitFor();
    await checks.getByText("达标").waitFor();
    await detail.getByTestId("designation-events").getByText("提交年度自查").waitFor();
    await shots(s, "self-check");
  });

  it("a designation is revoked with a reason and document; targets and coverage follow", async () => {
    const s = await open("tl_mw");
    const { page } = s;
    await openMenu(page, "示范单位");
    await page.waitForURL(/\/admin\/creation\/designations$/);
    await tableLoaded(page);
    await searchKeyword(page, REVOKED);
    await rows(page).filter({ hasText: REVOKED }).getByTestId("designation-name").click();
    const detail = dialog(page, REVOKED);
    await detail.getByText("有效").first().waitFor();
    await detail.getByTestId("designation-actions").click();
    await page.getByRole("menuitem", { name: "撤销命名" }).click();
    const revoke = dialog(page, "撤销命名");
    await choose(revoke, "撤销原因", "弄虚作假");
    await field(revoke, "撤销文号").getByRole("textbox").fill(`通民委发〔${YEAR}〕31号`);
    await revoke.getByTestId("material-picker-search").click();
    await page.keyboard.type("撤销");
    await dropdown(page).getByTestId("material-option").first().click();
    await revoke.getByTestId("material-item").waitFor();
    await field(revoke, "说明").getByRole("textbox").fill("经核查，申报材料中的活动照片系借用其他单位。");
    await shots(s, "revoke");
    await revoke.getByTestId("revoke-submit").click();
    await page.getByText(`已撤销“${REVOKED}”的命名`).waitFor();
    await revoke.waitFor({ state: "hidden" });
    await detail
      .getByTestId("revoke-info")
      .getByText(/弄虚作假/)
      .waitFor();
    await detail.getByTestId("designation-events").getByText("撤销").first().waitFor();
    await shots(s, "revoked");
    await detail.locator(".ant-drawer-close").click();

    // 目标任务: the unit named this year counted (+1), the revoked school left at once (−1)
    await openMenu(page, "目标任务");
    await page.waitForURL(/\/admin\/creation\/targets$/);
    await tableLoaded(page);
    const cityTarget = was(YEAR, null);
    await expect.poll(() => progressOf(page, YEAR, "全部类别")).toContain(`${cityTarget} / 520`);
    await shots(s, "targets");

    // 创建覆盖: 奈曼旗 now has a 嘎查村/社区, 科尔沁区 one school fewer; drill into 奈曼旗
    await openMenu(page, "创建覆盖");
    await page.waitForURL(/\/admin\/creation\/coverage$/);
    const matrix = page.getByTestId("coverage-table");
    await matrix.locator("tr.ant-table-row").filter({ hasText: "奈曼旗" }).waitFor();
    const now: Coverage = await (await page.request.get("/api/creation/coverage")).json();
    expect(cell(now, "奈曼旗", "village")).toBe(cell(before.coverage, "奈曼旗", "village") + 1);
    expect(cell(now, "科尔沁区", "school")).toBe(cell(before.coverage, "科尔沁区", "school") - 1);
    const naiman = matrix.locator("tr.ant-table-row").filter({ hasText: "奈曼旗" });
    expect((await naiman.locator("td").last().textContent())?.trim()).toMatch(/^1 \/ 13$/);
    await shots(s, "coverage");
    await naiman.getByTestId("coverage-drill").click();
    await page.getByTestId("coverage-path").getByText("奈曼旗").waitFor();
    await matrix.locator("tr.ant-table-row").first().waitFor();
    await shots(s, "coverage-drill");

    // 培育库
    await openMenu(page, "培育库");
    await page.waitForURL(/\/admin\/creation\/candidates$/);
    await tableLoaded(page);
    await rows(page).first().waitFor();
    await shots(s, "candidates");
  });
});
