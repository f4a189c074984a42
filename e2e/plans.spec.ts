import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Document, Packer, Paragraph, TextRun } from "docx";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_PASSWORD,
  DESKTOP,
  dialog,
  dropdown,
  field,
  launchBrowser,
  login,
  newPage,
  PHONE,
  SCREENSHOTS,
  type Server,
  type Session,
  settle,
  shot,
  startServer,
} from "./support.js";

/**
 * Issue 5 in the browser, on the demo data (`npm run seed:demo`): 科左后旗民宗局 (hq_mzj) imports seeds/001 from its
 * .txt (and a .docx made from it), maps unit names by hand, edits the tree and activates the plan; two units
 * (教育局 unit_hqedu, 公安局 unit_hqpolice) report progress, one revises, and the roll-up moves; an inspection
 * finding becomes a rectification that the unit closes with evidence and the 民宗局 verifies; the mid-term
 * evaluation report downloads. The demo plan (plans/demo/*.txt) stays usable. Screenshots: e2e/screenshots/plans-*.
 */

// The import flow uses the real seeds/001 实施方案: it runs when SHILIU_SEEDS_DIR names the folder holding it.
const SEEDS = process.env.SHILIU_SEEDS_DIR ? path.resolve(process.env.SHILIU_SEEDS_DIR) : null;
const SEED_001 = (() => {
  if (!SEEDS || !fs.existsSync(SEEDS)) return null;
  const name = fs.readdirSync(SEEDS).find((f) => f.startsWith("001_") && f.endsWith(".txt"));
  return name ? path.join(SEEDS, name) : null;
})();
if (!SEED_001) console.info("[seeds] 跳过导入真实种子文档 001 的浏览器测试：未设置 SHILIU_SEEDS_DIR");
const PLAN_001 = "关于全面深入持久开展民族团结进步创建工作铸牢中华民族共同体意识的实施方案";
const DEMO_PLAN = "科左后旗民族团结进步创建发展规划（2021-2025年）";
const EDU = "科尔沁左翼后旗教育局";
const POLICE = "科尔沁左翼后旗公安局";
const TASK_EDU = "加强青少年思想政治教育";
/** A narrative as people write it: "完成率>90%", "一是…; 二是…", quotes, and text that looks like markup. */
const NARRATIVE = `在全旗中小学开展主题班会12次，完成率>90%; 一是…; 二是… 引用 "铸牢中华民族共同体意识" 与 'Unity' <b>专题</b> 课`;
const TASK_SHARED = "加强和改善少数民族流动人口服务管理";

/** `plans-<name>-desktop.png` and `-phone.png` of the page as it is now; asserts no console errors so far. */
async function shots(s: Session, name: string) {
  await s.page
    .locator(".ant-message-notice")
    .first()
    .waitFor({ state: "detached", timeout: 10_000 })
    .catch(() => undefined);
  for (const [size, viewport] of [
    ["desktop", DESKTOP],
    ["phone", PHONE],
  ] as const) {
    await s.page.setViewportSize(viewport);
    // A breakpoint change re-renders (a side panel becomes a drawer) before its animation starts.
    await s.page.waitForTimeout(300);
    await settle(s.page);
    await shot(s.page, `plans-${name}-${size}`);
  }
  await s.page.setViewportSize(DESKTOP);
  await settle(s.page);
  expect(s.consoleErrors, `console errors on ${name}`).toEqual([]);
}

const toast = (page: Page, text: string | RegExp) => page.locator(".ant-message-notice").filter({ hasText: text });

/** Types into an OrgPicker (or any searchable Select) and picks the option containing `option`. */
async function pickOrg(page: Page, select: Locator, search: string, option: string) {
  const box = select.getByRole("combobox");
  await box.click();
  await box.fill(search);
  await dropdown(page).locator(".ant-select-item-option", { hasText: option }).first().click();
}

/** Fills an antd DatePicker by typing the date. */
async function pickDate(page: Page, picker: Locator, date: string) {
  const input = picker.locator("input");
  await input.click();
  await input.fill(date);
  await input.press("Enter");
  await page.locator(".ant-picker-dropdown:visible").waitFor({ state: "hidden" });
}

/** Filters the plan's task tree and selects the node with this title. */
async function openNode(page: Page, search: string, title: string) {
  const box = page.getByPlaceholder("搜索编号、标题或单位");
  await box.fill(search);
  await box.press("Enter");
  await page.getByTestId("plan-tree").getByText(title, { exact: false }).first().click();
  await page.getByTestId("node-title").filter({ hasText: title }).waitFor();
}

async function openTab(page: Page, name: string) {
  await page.getByRole("tab", { name }).click();
  await page.getByRole("tab", { name, selected: true }).waitFor();
}

async function pdfOrZip(file: string) {
  return fs.readFileSync(file).subarray(0, 2).toString("latin1");
}

describe("plan monitoring (issue 5) in the console", () => {
  let server: Server;
  let browser: Browser;
  let tmp: string;
  let planUrl = "";
  const started = Date.now();
  const sessions: Session[] = [];

  const as = async (username: string): Promise<Session> => {
    const s = await newPage(browser, server.url);
    s.page.setDefaultTimeout(15_000);
    sessions.push(s);
    await login(s.page, username, DEMO_PASSWORD);
    await s.page.waitForURL((u) => !u.pathname.includes("/login"));
    return s;
  };

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    for (const f of fs.readdirSync(SCREENSHOTS).filter((f) => f.startsWith("plans-failed-")))
      fs.rmSync(path.join(SCREENSHOTS, f));
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "shiliu-plans-e2e-"));
    // The .docx the issue asks for: seeds/001's lines as Word paragraphs.
    const text = SEED_001 ? fs.readFileSync(SEED_001, "utf8") : "";
    const doc = new Document({
      sections: [{ children: text.split("\n").map((line) => new Paragraph({ children: [new TextRun(line)] })) }],
    });
    fs.writeFileSync(path.join(tmp, "实施方案.docx"), await Packer.toBuffer(doc));
    fs.writeFileSync(path.join(tmp, "实施方案.txt"), text);
    fs.writeFileSync(path.join(tmp, "进度佐证.txt"), "2026年第三季度工作台账：开展主题班会12次。\n");
    fs.writeFileSync(path.join(tmp, "整改佐证.txt"), "整改情况说明：已建立台账并补齐记录。\n");
    server = await startServer({ demo: true });
    browser = await launchBrowser();
  });
  let n = 0;
  afterEach(async ({ task }) => {
    n += 1;
    if (task.result?.state === "fail")
      for (const [i, s] of sessions.entries()) {
        if (s.page.isClosed()) continue;
        await s.page.screenshot({ path: path.join(SCREENSHOTS, `plans-failed-${n}-${i}.png`) }).catch(() => undefined);
        console.log(`[plans.spec] failed at ${s.page.url()}; console errors: ${JSON.stringify(s.consoleErrors)}`);
      }
    for (const s of sessions.splice(0)) await s.context.close().catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    console.log(`[plans.spec] total ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it.skipIf(!SEED_001)(
    "the 民宗局 imports seeds/001 (.docx and .txt), maps units by hand, edits the tree and activates the plan",
    async () => {
      const s = await as("hq_mzj");
      const { page } = s;
      await page.goto("/admin/plans");
      await page.locator(".ant-table-row").filter({ hasText: DEMO_PLAN }).waitFor();
      await shots(s, "list");

      await page.getByTestId("plan-import").click();
      await page.waitForURL(/\/admin\/plans\/import$/);
      await shots(s, "import-upload");

      // The .docx first: the same structure as the text.
      const upload = page.locator("input[type=file]");
      const counts = async () =>
        (await page.getByTestId("preview-summary").locator(".ant-statistic").allInnerTexts()).map((x) =>
          x.replace(/\s+/g, ""),
        );
      await upload.setInputFiles(path.join(tmp, "实施方案.docx"));
      await page.getByTestId("plan-parse").click();
      await page.getByTestId("preview-summary").waitFor();
      expect(await counts()).toEqual(["章3", "节4", "专栏0", "任务15"]);
      expect(await page.getByTestId("preview-summary").textContent()).toContain("实施方案.docx");

      // Then the .txt, which is committed.
      await page.getByTestId("plan-reupload").click();
      await upload.setInputFiles(path.join(tmp, "实施方案.txt"));
      await page.getByTestId("plan-parse").click();
      await page.getByTestId("preview-summary").waitFor();
      expect(await counts()).toEqual(["章3", "节4", "专栏0", "任务15"]);
      await expect
        .poll(() => page.getByTestId("mapping-status").textContent())
        .toBe("共识别 15 个单位名称，其中 14 个需要指定对应单位");
      // The preview tree shows source line numbers.
      await page.getByTestId("preview-tree").getByText("第28行").waitFor();
      await page.getByTestId("preview-tree").getByText(`2. ${TASK_EDU}`).waitFor();

      // 高教办 and 公安分局 mapped by hand to the banner's departments; the rest become new organizations.
      const row = (name: string) => page.locator(`[data-testid=unit-row][data-name="${name}"]`);
      await pickOrg(page, row("高教办").getByTestId("org-picker"), "教育局", EDU);
      await pickOrg(page, row("公安分局").getByTestId("org-picker"), "公安局", POLICE);
      await expect.poll(() => row("高教办").textContent()).toContain("已处理");
      await page.getByTestId("mapping-create-rest").click();
      await expect
        .poll(() => page.getByTestId("mapping-status").textContent())
        .toBe("共识别 15 个单位名称，均已对应到单位");
      await shots(s, "import-review");

      // Period 2024–2028, reports owed from 2026Q3 (already due, so the units have to-dos). A wrong year order is
      // the server's rule: its Chinese message lands under 结束年份 and nothing is saved.
      const meta = page.locator("form#planImport");
      await field(meta, "开始年份").getByRole("spinbutton").fill("2024");
      await field(meta, "结束年份").getByRole("spinbutton").fill("2020");
      const commit = () =>
        Promise.all([
          page.waitForResponse((r) => r.url().endsWith("/api/plans/import/commit")),
          page.getByTestId("plan-commit").click(),
        ]).then(([r]) => r);
      expect((await commit()).status()).toBe(400);
      await expect
        .poll(() => field(meta, "结束年份").locator(".ant-form-item-explain-error").textContent())
        .toBe("结束年份不能早于开始年份");
      await field(meta, "结束年份").getByRole("spinbutton").fill("2028");
      await field(meta, "报送起始期").getByRole("combobox").fill("2026年第三");
      await dropdown(page).locator(".ant-select-item-option", { hasText: "2026年第三季度" }).click();
      expect((await commit()).status()).toBe(200);
      await page.waitForURL(/\/admin\/plans\/[0-9a-f-]{36}$/);
      planUrl = new URL(page.url()).pathname;
      await page.getByTestId("plan-heading").filter({ hasText: PLAN_001 }).waitFor();
      expect(await page.locator(".ant-card").first().textContent()).toContain("草稿");
      expect(await page.locator(".ant-card").first().textContent()).toContain("3 章 · 4 节 · 0 个专栏 · 15 项任务");

      // The tree: task 2 carries 党群工作部 (new) and 教育局 (mapped by hand).
      await openNode(page, "青少年", TASK_EDU);
      const panel = page.getByTestId("node-panel");
      await expect.poll(() => panel.textContent()).toContain(EDU);
      expect(await panel.textContent()).toContain("党群工作部");
      await shots(s, "tree");

      // Split task 2, then merge the two back.
      await panel.getByTestId("node-split").click();
      const split = dialog(page, /拆分任务/);
      await split.getByTestId("split-new-title").fill("开展民族团结进步教育进校园活动");
      await split.getByTestId("split-submit").click();
      await toast(page, "已拆分为两项任务").waitFor();
      await page.getByTestId("tree-merge-mode").click();
      const treeNode = (title: string) =>
        page.getByTestId("plan-tree").locator(".ant-tree-treenode", { hasText: title });
      const search = page.getByPlaceholder("搜索编号、标题或单位");
      await search.fill("");
      await search.press("Enter");
      await treeNode(TASK_EDU).locator(".ant-tree-checkbox").click();
      await treeNode("开展民族团结进步教育进校园活动").locator(".ant-tree-checkbox").click();
      await page.getByTestId("tree-merge-go").click();
      await dialog(page, /合并 2 项任务/)
        .getByTestId("merge-submit")
        .click();
      await toast(page, "已合并任务").waitFor();
      await expect.poll(() => treeNode("开展民族团结进步教育进校园活动").count()).toBe(0);

      // Add a task under section （一） with a unit, a deadline and a weight; move it to section （二）; delete it.
      await openNode(page, "持续深化", "持续深化民族团结进步教育");
      await panel.getByTestId("node-add-child").click();
      const nodeForm = dialog(page, /下新增/);
      await field(nodeForm, "编号").getByRole("textbox").fill("3-1.");
      await field(nodeForm, "标题").getByRole("textbox").fill("组织民族团结进步主题班会");
      await pickOrg(page, nodeForm.getByTestId("units-select"), "教育局", EDU);
      await nodeForm.getByText("责任分工").click(); // closes the units dropdown
      await expect.poll(() => field(nodeForm, "牵头单位").textContent()).toContain(EDU);
      await field(nodeForm, "权重").getByRole("spinbutton").fill("2");
      await pickDate(page, field(nodeForm, "完成期限"), "2027-06-30");
      await nodeForm.getByTestId("node-form-submit").click();
      await toast(page, "已新增“组织民族团结进步主题班会”").waitFor();
      await page.getByTestId("node-title").filter({ hasText: "组织民族团结进步主题班会" }).waitFor();
      expect(await panel.textContent()).toContain("2027-06-30");
      await panel.getByTestId("node-move").click();
      const move = dialog(page, /移动/);
      // On a loaded machine a click can land while the tree's dropdown is still opening and choose nothing: open,
      // settle, click, and look; again if the choice did not take.
      for (let attempt = 1; ; attempt++) {
        if (!(await dropdown(page).isVisible())) await move.getByTestId("move-parent").click();
        await settle(page, { lenient: true });
        await dropdown(page).getByText("（二） 不断深化民族团结进步宣传", { exact: true }).click();
        const chosen = await expect
          .poll(() => move.getByTestId("move-parent").textContent(), { timeout: 3000 })
          .toContain("不断深化民族团结进步宣传")
          .then(() => true)
          .catch(() => false);
        if (chosen) break;
        if (attempt === 3) throw new Error("移动到: the chosen section did not take after 3 tries");
      }
      await move.getByText("移动到").click();
      await dropdown(page).waitFor({ state: "hidden" });
      await move.getByTestId("move-submit").click();
      await toast(page, "已移动").waitFor();
      await panel.getByTestId("node-delete").click();
      await page
        .locator(".ant-popconfirm")
        .getByRole("button", { name: /删\s*除/ })
        .click();
      await toast(page, /已删除/).waitFor();

      // Activate.
      await page.getByTestId("plan-activate").click();
      await page.locator(".ant-modal-confirm").getByRole("button", { name: "启用规划" }).click();
      await toast(page, "规划已启用").waitFor();
      await expect.poll(() => page.locator(".ant-card").first().textContent()).toContain("实施中");
      await openTab(page, "操作记录");
      await page.getByText(/导入规划“/).waitFor();
      await page.getByText(/拆分/).first().waitFor();
      await shots(s, "history");
    },
  );

  it.skipIf(!SEED_001)(
    "two units report progress (one revises, the lead unit sees its co-units) and the roll-up moves",
    async () => {
      expect(planUrl, "the first test imported the plan").not.toBe("");
      const mzj = await as("hq_mzj");
      await mzj.page.goto(`${planUrl}?tab=rollup`);
      const completion = async () => (await mzj.page.getByTestId("rollup-completion").textContent()) ?? "";
      const before = await completion();
      expect(before).toBe("0.0%");
      const reported = async () => (await mzj.page.getByTestId("rollup-reported").textContent()) ?? "";
      const reportedBefore = await reported();
      expect(reportedBefore).toBe("已报送0");

      // 教育局: the to-do for 2026Q3 opens the report form on that period.
      const edu = await as("unit_hqedu");
      await edu.page.goto("/admin/plans/my-tasks");
      const todo = edu.page.getByTestId("todo-item").filter({ hasText: TASK_EDU });
      await todo.waitFor();
      expect(await todo.textContent()).toContain("2026年第三季度");
      await shots(edu, "my-tasks");
      await todo.getByTestId("todo-report").click();
      const form = dialog(edu.page, "报送进度");
      await expect.poll(() => form.getByTestId("report-period").textContent()).toContain("2026年第三季度");
      await form.getByTestId("report-status").getByText("推进中").click();
      await form.getByTestId("report-percent").fill("60");
      // Ordinary writing: comparison signs, a semicolon, ASCII quotes and markup-like text are saved as typed.
      await form.getByTestId("report-narrative").fill(NARRATIVE);
      await form.locator("input[type=file]").setInputFiles(path.join(tmp, "进度佐证.txt"));
      await form.getByTestId("evidence-list").getByText("进度佐证.txt").waitFor();
      await shots(edu, "report-form");
      await form.getByTestId("report-submit").click();
      await toast(edu.page, `已报送“${TASK_EDU}”2026年第三季度的进度`).waitFor();
      await expect.poll(() => edu.page.getByTestId("todo-item").filter({ hasText: TASK_EDU }).count()).toBe(0);

      // …and revises it from the task's reports.
      await edu.page.locator(".ant-table-row").filter({ hasText: TASK_EDU }).getByTestId("my-task-title").click();
      const drawer = dialog(edu.page, new RegExp(TASK_EDU));
      await drawer.getByTestId("task-report").first().waitFor();
      await drawer.getByTestId("report-revise").first().click();
      const revise = dialog(edu.page, "修改进度报告");
      await revise.getByTestId("report-percent").fill("70");
      await revise.getByTestId("report-submit").click();
      await toast(edu.page, `已修改“${TASK_EDU}”2026年第三季度的进度报告`).waitFor();
      await expect.poll(() => drawer.getByTestId("task-report").first().textContent()).toContain("70%");
      // The narrative comes back exactly as typed, as text: the <b> typed by the user made no bold element.
      const narrative = drawer.getByTestId("task-report").first().getByText(NARRATIVE, { exact: true });
      await narrative.waitFor();
      expect(await narrative.textContent()).toBe(NARRATIVE);
      expect(await drawer.getByTestId("task-report").first().locator("b").count()).toBe(0);
      await shots(edu, "report-ordinary-writing");
      await drawer.getByText("进度佐证.txt").waitFor();
      await drawer.locator(".ant-drawer-close").click();

      // A lead unit sees its co-units' reports: 教育局 leads a demo task that 旗民委 also carries.
      await edu.page.locator(".ant-table-row").filter({ hasText: "石榴籽" }).getByTestId("my-task-title").click();
      const led = dialog(edu.page, /石榴籽/);
      await led.getByText("本单位为牵头单位").waitFor();
      await expect.poll(() => led.getByTestId("task-reports").textContent()).toContain("科尔沁左翼后旗民族事务委员会");
      await led.locator(".ant-drawer-close").click();

      // 公安局 reports the shared task as done, for the running period.
      const police = await as("unit_hqpolice");
      await police.page.goto("/admin/plans/my-tasks");
      await police.page
        .locator(".ant-table-row")
        .filter({ hasText: TASK_SHARED })
        .getByTestId("my-task-report")
        .click();
      const pform = dialog(police.page, "报送进度");
      await expect.poll(() => pform.getByTestId("report-period").textContent()).toContain("2026年第四季度");
      await pform.getByTestId("report-status").getByText("已完成").click();
      expect(await pform.getByTestId("report-percent").inputValue()).toBe("100");
      await pform.getByTestId("report-narrative").fill("流动人口服务站全部建成并投入使用。");
      await pform.getByTestId("report-submit").click();
      await toast(police.page, `已报送“${TASK_SHARED}”2026年第四季度的进度`).waitFor();
      // A unit sees the plan's outline and its own tasks only: no roll-up or history tabs.
      await police.page
        .locator(".ant-table-row")
        .filter({ hasText: TASK_SHARED })
        .getByRole("link", { name: PLAN_001 })
        .click();
      await police.page.getByTestId("plan-heading").waitFor();
      expect(await police.page.getByRole("tab").allInnerTexts()).toEqual(["任务分解", "报送情况", "督查整改"]);
      await shots(police, "unit-plan");

      // The roll-up moves: recomputed on request.
      await mzj.page.getByTestId("rollup-refresh").click();
      await toast(mzj.page, "已重新计算").waitFor();
      await expect.poll(completion).not.toBe(before);
      expect(Number.parseFloat(await completion())).toBeGreaterThan(0);
      await expect.poll(reported).not.toBe(reportedBefore);
      await shots(mzj, "rollup");

      await openTab(mzj.page, "报送情况");
      const subs = mzj.page.getByTestId("submissions-table");
      await subs.locator(".ant-table-row").first().waitFor();
      expect(await mzj.page.getByTestId("submissions-period").textContent()).toContain("2026年第三季度");
      // 2026Q3 was due on 2026-10-10, so 教育局's report counts as late; the others are missing.
      await mzj.page.getByTestId("submissions-state").getByText("逾期报送 1").click();
      await expect
        .poll(() => subs.locator(".ant-table-row").allTextContents())
        .toEqual([expect.stringMatching(new RegExp(`${TASK_EDU}.*${EDU}.*逾期报送.*推进中70%`))]);
      await shots(mzj, "submissions");
    },
  );

  it.skipIf(!SEED_001)(
    "an inspection finding becomes a rectification, the unit closes it with evidence, the 民宗局 verifies it; the mid-term report downloads",
    async () => {
      expect(planUrl, "the first test imported the plan").not.toBe("");
      const mzj = await as("hq_mzj");
      await mzj.page.goto(`${planUrl}?tab=supervision`);
      await mzj.page.getByTestId("inspection-create").click();
      const form = dialog(mzj.page, "登记督查");
      await form.getByTestId("inspection-title").fill("2026年第三季度规划实施督查");
      await form.getByTestId("finding-text").fill("流动人口服务管理任务台账不完整，部分服务记录缺失");
      await form.getByTestId("finding-task").click();
      await dropdown(mzj.page).getByText(`10. ${TASK_SHARED}`).click();
      await pickOrg(mzj.page, field(form, "整改单位"), "教育局", EDU);
      await pickDate(mzj.page, field(form, "整改期限"), "2026-12-31");
      await shots(mzj, "inspection-form");
      await form.getByTestId("inspection-submit").click();
      await toast(mzj.page, "已登记督查，生成整改事项 1 项").waitFor();
      const rect = mzj.page.getByTestId("rect-table").locator(".ant-table-row").filter({ hasText: "台账不完整" });
      await expect.poll(() => rect.textContent()).toContain("整改中");

      // 教育局 sees it among its to-dos and submits its rectification with evidence.
      const edu = await as("unit_hqedu");
      await edu.page.goto("/admin/plans/my-tasks");
      const todo = edu.page.getByTestId("todo-item").filter({ hasText: "台账不完整" });
      await todo.getByRole("button", { name: "去处理" }).click();
      await edu.page.getByRole("tab", { name: "督查整改", selected: true }).waitFor();
      await edu.page.getByTestId("rect-close").click();
      const close = dialog(edu.page, "提交整改情况");
      await close.getByTestId("rect-close-note").fill("已建立流动人口服务台账，补齐9月以来服务记录。");
      await close.locator("input[type=file]").setInputFiles(path.join(tmp, "整改佐证.txt"));
      await close.getByTestId("evidence-list").getByText("整改佐证.txt").waitFor();
      await close.getByTestId("rect-close-submit").click();
      await toast(edu.page, "已提交整改情况").waitFor();
      await expect
        .poll(() => edu.page.getByTestId("rect-table").locator(".ant-table-row").first().textContent())
        .toContain("已整改待核验");

      // The 民宗局 verifies: 已核验销号.
      await mzj.page.reload();
      await rect.getByTestId("rect-verify").click();
      const verify = dialog(mzj.page, "核验整改");
      await verify.getByTestId("rect-verify-submit").click();
      await toast(mzj.page, "已核验销号").waitFor();
      await expect.poll(() => rect.textContent()).toContain("已核验销号");
      expect(await rect.textContent()).toContain("整改佐证.txt");
      await shots(mzj, "supervision");

      // The mid-term evaluation report (.docx) and the data (.xlsx).
      await mzj.page.getByTestId("plan-downloads").click();
      const [docx] = await Promise.all([
        mzj.page.waitForEvent("download"),
        mzj.page.getByRole("menuitem", { name: "中期评估报告（Word）" }).click(),
      ]);
      expect(docx.suggestedFilename()).toMatch(/中期评估报告.*\.docx$/);
      const docxPath = path.join(tmp, "midterm.docx");
      await docx.saveAs(docxPath);
      expect(await pdfOrZip(docxPath)).toBe("PK");
      expect(fs.statSync(docxPath).size).toBeGreaterThan(5_000);
      await mzj.page.getByTestId("plan-downloads").click();
      const [xlsx] = await Promise.all([
        mzj.page.waitForEvent("download"),
        mzj.page.getByRole("menuitem", { name: "评估数据（Excel）" }).click(),
      ]);
      expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
      expect(mzj.consoleErrors).toEqual([]);
    },
  );

  it("the demo plan (kept in the repository) stays usable: virtual tree, search, node panel, roll-up", async () => {
    const s = await as("hq_mzj");
    const { page } = s;
    await page.goto("/admin/plans");
    await page.locator(".ant-table-row").filter({ hasText: DEMO_PLAN }).getByTestId("plan-title").click();
    await page.getByTestId("plan-heading").filter({ hasText: DEMO_PLAN }).waitFor();
    expect(await page.locator(".ant-card").first().textContent()).toContain("6 章 · 13 节 · 4 个专栏 · 20 项任务");
    // The tree is virtual: far fewer rows in the page than nodes in the plan, and it scrolls within its box.
    const rendered = await page.getByTestId("tree-node").count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(43);
    await shots(s, "demo-tree");
    await openNode(page, "流动人口", "做好流动人口服务管理");
    const panel = page.getByTestId("node-panel");
    await expect.poll(() => panel.textContent()).toContain(POLICE);
    expect(await panel.textContent()).toContain("滞后");
    await panel.getByTestId("task-reports").waitFor();
    await shots(s, "demo-node");
    await openTab(page, "进度汇总");
    await page.getByTestId("rollup-lagging-tasks").getByText("做好流动人口服务管理").waitFor();
    await shots(s, "demo-rollup");
    await openTab(page, "督查整改");
    await page.getByText("规划实施总结评估专项督查").waitFor();
    await shots(s, "demo-supervision");
  });
});
