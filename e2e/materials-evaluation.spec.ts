import fs from "node:fs";
import ExcelJS from "exceljs";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_PASSWORD,
  DESKTOP,
  dialog,
  dropdown,
  launchBrowser,
  login,
  newPage,
  PHONE,
  rows,
  type Server,
  type Session,
  settle,
  shot,
  startServer,
  table,
  tableLoaded,
} from "./support.js";

/**
 * 资料库 and 指标体系 in the browser, on the demo data, as 科左后旗民宗局 (hq_mzj): upload evidence with tags,
 * preview, download, edit tags, archive; build an indicator tree, see the live total check, fix it, save,
 * publish, copy to a new version; import from .xlsx with per-row errors, then a good file; a 300-indicator
 * set stays responsive. Screenshots (desktop and phone) in e2e/screenshots/matev-*.png.
 */

/** `matev-<name>-desktop.png` and `-phone.png` as the page is now; no console errors so far. */
async function shots(s: Session, name: string) {
  // The pointer away from the header's user menu, which opens on hover.
  await s.page.mouse.move(700, 880);
  await s.page
    .locator(".ant-message-notice")
    .first()
    .waitFor({ state: "detached", timeout: 10_000 })
    .catch(() => undefined);
  await s.page.setViewportSize(DESKTOP);
  await settle(s.page, { lenient: true });
  await shot(s.page, `matev-${name}-desktop`);
  await s.page.setViewportSize(PHONE);
  await settle(s.page, { lenient: true });
  await shot(s.page, `matev-${name}-phone`);
  await s.page.setViewportSize(DESKTOP);
  await settle(s.page, { lenient: true });
  expect(s.consoleErrors, `console errors on ${name}`).toEqual([]);
}

/** Picks options of an antd Select (by its test id or a locator). */
async function choose(page: Page, select: Locator, ...labels: string[]) {
  await select.click();
  for (const l of labels) await dropdown(page).getByText(l, { exact: true }).click();
  await page.keyboard.press("Escape");
}

/** The <input> of an antd InputNumber marked with a data-testid. */
const numberInput = (page: Page, testId: string) =>
  page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

async function setNumber(page: Page, testId: string, value: number) {
  const input = numberInput(page, testId);
  await input.fill(String(value));
  await input.press("Tab");
}

/** A PNG drawn by the browser: a red banner with a pomegranate-red circle. */
async function drawPng(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const c = document.createElement("canvas");
    c.width = 640;
    c.height = 360;
    const g = c.getContext("2d") as CanvasRenderingContext2D;
    g.fillStyle = "#fff1f0";
    g.fillRect(0, 0, 640, 360);
    g.fillStyle = "#cf1322";
    g.beginPath();
    g.arc(320, 160, 90, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = "#262626";
    g.font = "32px sans-serif";
    g.textAlign = "center";
    g.fillText("民族团结进步宣传月", 320, 310);
    return c.toDataURL("image/png");
  });
  return Buffer.from(dataUrl.split(",")[1], "base64");
}

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

/** An indicator sheet in the import layout. */
async function indicatorXlsx(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("指标体系");
  ws.addRow(["编码", "一级指标", "二级指标", "三级指标", "评分标准", "分值", "评分方式", "佐证材料", "一票否决"]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A 310-indicator, 100-point tree: 10 一级 × 5 二级 × 5 三级 (250 leaves of 0.4 points). */
function bigTree() {
  return Array.from({ length: 10 }, (_, a) => ({
    title: `一级指标${a + 1}`,
    children: Array.from({ length: 5 }, (_, b) => ({
      title: `二级指标${a + 1}-${b + 1}`,
      children: Array.from({ length: 5 }, (_, c) => ({
        title: `三级指标${a + 1}-${b + 1}-${c + 1}`,
        method: "score",
        maxScore: 0.4,
        standard: "按完成情况评分",
      })),
    })),
  }));
}

describe("资料库 and 指标体系 in the browser", () => {
  let server: Server;
  let browser: Browser;
  let s: Session;

  beforeAll(async () => {
    server = await startServer({ demo: true });
    browser = await launchBrowser();
    s = await newPage(browser, server.url);
    await login(s.page, "hq_mzj", DEMO_PASSWORD);
    await s.page.getByTestId("user-menu").waitFor();
  });

  afterAll(async () => {
    await s?.context.close();
    await browser?.close();
    await server?.stop();
  });

  it("uploads files with tags, previews, downloads, edits tags, shows history and archives", async () => {
    const { page } = s;
    await page.goto("/admin/materials");
    await tableLoaded(page);
    await page.getByTestId("material-upload").click();
    const up = dialog(page, "上传资料");
    await up.waitFor();
    await up.locator("input[type=file]").setInputFiles([
      { name: "宣传月活动照片.png", mimeType: "image/png", buffer: await drawPng(page) },
      { name: "创建工作方案.pdf", mimeType: "application/pdf", buffer: PDF },
    ]);
    await expect.poll(() => up.locator(".ant-upload-list-item").count()).toBe(2);
    const tags = up.getByTestId("material-upload-tags");
    await tags.click();
    await page.keyboard.type("宣传月");
    await page.keyboard.press("Enter");
    await page.keyboard.type("2026年");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Escape");
    await up.getByTestId("material-upload-submit").click();
    await expect.poll(() => up.getByTestId("material-upload-results").textContent()).toContain("成功 2 个，失败 0 个");
    await shots(s, "material-upload");
    await up
      .locator(".ant-modal-footer")
      .getByRole("button", { name: /关\s*闭/ })
      .click();
    await tableLoaded(page);
    await expect.poll(() => rows(page).first().textContent()).toContain("宣传月");

    // Filter by tag, then preview the image.
    await page.getByLabel("关键字").fill("宣传月活动照片");
    await page.getByRole("button", { name: /查\s*询/ }).click();
    await expect.poll(() => rows(page).count()).toBe(1);
    await tableLoaded(page);
    await shots(s, "materials");
    await rows(page).first().getByTestId("material-preview").click();
    const img = page.getByTestId("material-preview-image");
    await img.waitFor();
    await expect.poll(() => img.evaluate((e) => (e as HTMLImageElement).naturalWidth)).toBe(640);
    await shots(s, "material-preview");

    // Download from the preview: the file comes back under its name, byte for byte.
    const [dl] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("material-preview-download").click(),
    ]);
    expect(dl.suggestedFilename()).toBe("宣传月活动照片.png");
    expect(fs.statSync((await dl.path()) as string).size).toBeGreaterThan(1000);
    await page.keyboard.press("Escape");

    // Edit the tags.
    await rows(page).first().getByTestId("material-edit").click();
    const edit = dialog(page, "编辑资料信息");
    await edit.getByTestId("material-edit-tags").click();
    await page.keyboard.type("示范创建");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Escape");
    await edit.getByTestId("material-edit-submit").click();
    await edit.waitFor({ state: "hidden" });
    await expect.poll(() => rows(page).first().textContent()).toContain("示范创建");

    // Details with the history of upload, download and edit.
    await rows(page).first().getByTestId("material-title").click();
    const drawer = dialog(page, /资料详情/);
    await drawer.getByRole("tab", { name: "操作记录" }).click();
    for (const what of ["上传材料", "下载材料", "修改材料"])
      await expect.poll(() => drawer.textContent()).toContain(what);
    await shots(s, "material-history");
    await drawer.locator(".ant-drawer-close").click();
    await drawer.waitFor({ state: "hidden" });

    // The PDF opens in a frame; then archive it and it leaves the list.
    await page.getByLabel("关键字").fill("创建工作方案");
    await page.getByRole("button", { name: /查\s*询/ }).click();
    await expect.poll(() => rows(page).count()).toBe(1);
    await rows(page).first().getByTestId("material-preview").click();
    await expect(page.getByTestId("material-preview-frame").getAttribute("src")).resolves.toMatch(/\/preview$/);
    await page.keyboard.press("Escape");
    await rows(page).first().getByTestId("material-archive").click();
    await page
      .locator(".ant-popconfirm")
      .getByRole("button", { name: /归\s*档/ })
      .click();
    await expect.poll(() => table(page).locator(".ant-empty").count()).toBe(1);
    expect(s.consoleErrors).toEqual([]);
  });

  it("builds an indicator tree with a live total check, saves, publishes and copies to a new version", async () => {
    const { page } = s;
    await page.goto("/admin/evaluation/indicator-sets");
    await tableLoaded(page);
    await shots(s, "indicator-sets");
    await page.getByTestId("set-create").click();
    await page.getByTestId("set-name").fill("嘎查村民族团结进步测评指标（试行）");
    await page.getByTestId("set-version").fill("2026版");
    await choose(page, page.getByTestId("set-levels"), "旗县级");

    const title = (text: string) => page.getByTestId("node-title").fill(text);
    await page.getByTestId("add-root").click();
    await title("铸牢中华民族共同体意识");
    await page.getByTestId("tree-child").click();
    await title("主题教育常态化开展");
    await page.getByTestId("node-standard").fill("每年开展主题教育不少于 4 次，每少 1 次扣 5 分");
    await setNumber(page, "node-score", 60);
    await page.getByTestId("tree-sibling").click();
    await title("宣传阵地建设");
    await page.getByTestId("node-method").getByText("等级").click();
    await setNumber(page, "node-score", 30);
    await page.locator('[data-testid=indicator-node][data-code="1"]').click();
    await page.getByTestId("tree-sibling").click();
    await title("风险防范");
    await page.getByTestId("tree-child").click();
    await title("未发生涉及民族因素的群体性事件");
    await page.getByTestId("node-veto").click();
    await setNumber(page, "node-score", 0);

    // 60 + 30 + 0 = 90 of 100: the check says what is missing, and save is refused.
    const check = page.getByTestId("total-check");
    await expect.poll(() => check.textContent()).toContain("分值合计 90 分 / 总分 100 分");
    await expect.poll(() => check.textContent()).toContain("末级指标分值合计 90 分，比总分 100 分少 10 分");
    await expect.poll(() => check.textContent()).toContain("一票否决 1 项");
    await shots(s, "indicator-check");
    // The tree and the indicator form on a phone.
    await page.setViewportSize(PHONE);
    await page.getByTestId("tree-toolbar").scrollIntoViewIfNeeded();
    await settle(page, { lenient: true });
    await shot(page, "matev-indicator-tree-phone");
    await page.setViewportSize(DESKTOP);
    await settle(page, { lenient: true });
    await page.getByTestId("set-save").click();
    await page.locator(".ant-message-notice").getByText("还有 1 处问题，请修改后再保存").waitFor();

    // Fix it: 宣传阵地建设 40 points.
    await page.locator('[data-testid=indicator-node][data-code="1.2"]').click();
    await setNumber(page, "node-score", 40);
    await expect.poll(() => check.textContent()).toContain("分值合计与总分一致");
    await page.getByTestId("set-save").click();
    await page.waitForURL(/\/evaluation\/indicator-sets\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId("set-dirty").count()).toBe(0);
    await shots(s, "indicator-editor");

    // Publish: read-only from then on.
    await page.getByTestId("set-publish").click();
    await page
      .locator(".ant-popconfirm")
      .getByRole("button", { name: /发\s*布/ })
      .click();
    await page.getByTestId("set-readonly").waitFor();
    expect(await page.getByTestId("set-save").count()).toBe(0);
    expect(await page.getByTestId("node-title").count()).toBe(0);
    await page.getByTestId("indicator-node-view").waitFor();
    await shots(s, "indicator-published");

    // Copy to a new version: a new draft with the same tree.
    const publishedUrl = page.url();
    // (away from the user menu in the header, which opens on hover)
    await page.mouse.move(700, 700);
    await page
      .locator(".ant-dropdown:visible")
      .waitFor({ state: "detached" })
      .catch(() => undefined);
    await page.getByTestId("set-copy").click();
    await page.getByTestId("copy-version").fill("2027版");
    await page.getByTestId("copy-submit").click();
    await page.waitForURL((u) => u.toString() !== publishedUrl && /indicator-sets\/[0-9a-f-]{36}$/.test(u.pathname));
    await page.getByTestId("set-save").waitFor();
    expect(await page.getByTestId("set-version").inputValue()).toBe("2027版");
    await expect.poll(() => page.getByTestId("indicator-node").count()).toBe(5);
    expect(await check.textContent()).toContain("分值合计 100 分 / 总分 100 分");

    // History of the published version: created and published.
    await page.goto(publishedUrl);
    await page.getByTestId("set-history").click();
    const history = dialog(page, "操作记录");
    await expect.poll(() => history.textContent()).toContain("新建指标体系");
    await expect.poll(() => history.textContent()).toContain("发布指标体系");
    await shots(s, "indicator-history");
    await history.locator(".ant-drawer-close").click();
    expect(s.consoleErrors).toEqual([]);
  });

  it("imports from .xlsx: the template downloads, bad rows come back with Chinese per-row errors, a good file imports", async () => {
    const { page } = s;
    await page.goto("/admin/evaluation/indicator-sets");
    await tableLoaded(page);
    await page.getByTestId("set-import").click();
    const modal = dialog(page, "从 Excel 导入指标体系");
    const [template] = await Promise.all([page.waitForEvent("download"), modal.getByTestId("import-template").click()]);
    expect(template.suggestedFilename()).toBe("指标体系导入模板.xlsx");

    await modal.getByTestId("import-name").fill("学校民族团结进步测评指标");
    await modal.getByTestId("import-version").fill("2026版");
    await choose(page, modal.getByTestId("import-levels"), "旗县级", "盟市级");
    const bad = await indicatorXlsx([
      ["1", "铸牢中华民族共同体意识", "", "", "", "", "", "", "否"],
      ["1.1", "", "课堂教学", "", "纳入课程", 50, "随便打", "", "否"],
      ["1.2", "", "校园活动", "", "", "五十", "打分", "", "可能"],
      ["2", "风险防范", "", "", "", "", "", "", ""],
      ["2.1", "", "未发生涉及民族因素的事件", "", "", 0, "打分", "", "是"],
    ]);
    await modal.locator("input[type=file]").setInputFiles({
      name: "指标.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: bad,
    });
    await modal.getByTestId("import-submit").click();
    const report = modal.getByTestId("import-report");
    await report.waitFor();
    const text = await report.textContent();
    expect(text).toContain("第 3 行");
    expect(text).toContain("评分方式“随便打”不正确");
    expect(text).toContain("第 4 行");
    expect(text).toContain("分值“五十”应为数字");
    expect(text).toContain("应填“是”或“否”");
    await shots(s, "indicator-import-errors");

    const good = await indicatorXlsx([
      ["1", "铸牢中华民族共同体意识", "", "", "", "", "", "", "否"],
      ["1.1", "", "课堂教学", "", "纳入课程", 50, "打分", "教案", "否"],
      ["1.2", "", "校园活动", "", "", 50, "等级", "", "否"],
      ["2", "风险防范", "", "", "", "", "", "", ""],
      ["2.1", "", "未发生涉及民族因素的事件", "", "", 0, "是否", "", "是"],
    ]);
    await modal.locator(".ant-upload-list-item").getByRole("button").last().click();
    await modal.locator("input[type=file]").setInputFiles({
      name: "指标（修改后）.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: good,
    });
    await modal.getByTestId("import-submit").click();
    await page.waitForURL(/\/evaluation\/indicator-sets\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId("indicator-node").count()).toBe(5);
    await expect.poll(() => page.getByTestId("total-check").textContent()).toContain("分值合计与总分一致");
    expect(await page.getByTestId("set-name").inputValue()).toBe("学校民族团结进步测评指标");
    expect(s.consoleErrors).toEqual([]);
  });

  it("a 300-indicator set opens and edits without lag", async () => {
    const { page } = s;
    const res = await page.request.post("/api/indicator-sets", {
      data: {
        name: "大型测评指标体系",
        versionLabel: "压力测试版",
        levels: ["county"],
        total: 100,
        passLine: 90,
        nodes: bigTree(),
      },
    });
    expect(res.status()).toBe(200);
    const { id, leafCount } = await res.json();
    expect(leafCount).toBe(250);
    const t0 = Date.now();
    await page.goto(`/admin/evaluation/indicator-sets/${id}`);
    await page.locator('[data-testid=indicator-node][data-code="1.1.1"]').waitFor();
    const openMs = Date.now() - t0;
    await expect.poll(() => page.getByTestId("total-check").textContent()).toContain("分值合计 100 分 / 总分 100 分");

    // Typing into a node's name: each keystroke re-checks the whole tree; time 20 keystrokes to the screen.
    await page.locator('[data-testid=indicator-node][data-code="1.1.1"]').click();
    const input = page.getByTestId("node-title");
    await input.fill("");
    const typed = "铸牢中华民族共同体意识教育常态化开展情况";
    // Event Timing: each keystroke's time from input to the next paint, as the browser measures it.
    await page.evaluate(() => {
      const w = window as Window & { __latency?: number[] };
      w.__latency = [];
      new PerformanceObserver((list) => {
        // Time spent in the page's own handlers (and the render they cause), without waiting for paint.
        for (const e of list.getEntries()) {
          const t = e as PerformanceEventTiming;
          if (t.name === "input") w.__latency?.push(t.processingEnd - t.processingStart);
        }
      }).observe({ type: "event", durationThreshold: 16 } as PerformanceObserverInit);
    });
    const t1 = Date.now();
    await input.pressSequentially(typed);
    await expect
      .poll(() => page.locator('[data-testid=indicator-node][data-code="1.1.1"]').textContent())
      .toContain(typed);
    const typeMs = Date.now() - t1;
    const latency = await page.evaluate(() => (window as Window & { __latency?: number[] }).__latency ?? []);
    const sorted = [...latency].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    // Scroll the virtual tree to the end.
    await page.locator(".ant-tree-list-holder").evaluate((e) => {
      e.scrollTop = e.scrollHeight;
    });
    await page.locator('[data-testid=indicator-node][data-code="10.5.5"]').waitFor();
    console.log(
      `310-node set: opened in ${openMs} ms; ${typed.length} keystrokes in ${typeMs} ms; ` +
        `${latency.length} keystrokes handled in over 16 ms, median of those ${Math.round(median)} ms`,
    );
    expect(openMs).toBeLessThan(5000);
    // Generous for a shared CI machine; on an idle one a keystroke takes a few milliseconds.
    expect(median).toBeLessThan(100);
    await shots(s, "indicator-large");

    // Unsaved edits survive a reload (after the browser's leave-page prompt) and can be restored.
    await page.waitForTimeout(1200);
    page.once("dialog", (d) => d.accept());
    await page.reload();
    await page.getByTestId("set-backup").waitFor();
    await page.getByTestId("set-backup-restore").click();
    await expect
      .poll(() => page.locator('[data-testid=indicator-node][data-code="1.1.1"]').textContent())
      .toContain(typed);
    await page.getByTestId("set-dirty").waitFor();
    expect(s.consoleErrors).toEqual([]);
  });
});
