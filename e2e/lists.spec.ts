import fs from "node:fs";
import type { APIRequestContext, Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readXlsx } from "../server/core/xlsx.js";
import {
  DEMO_PASSWORD,
  dialog,
  dropdown,
  field,
  launchBrowser,
  PHONE,
  rows,
  type Server,
  type Session,
  shot,
  signedIn,
  startServer,
  tableLoaded,
} from "./support.js";

/**
 * Issue 19 §5–6 in the browser, on the demo data: ten units of 甘旗卡镇 submit applications (through the API);
 * the town's reviewer selects the ten and recommends them in one action, and reads the summary; a saved view
 * and the column choice come back when the reviewer signs in again in a fresh browser.
 */
const YEAR = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
const CITY_BATCH = `${YEAR}年度通辽市民族团结进步示范单位（区）命名`;
const BANNER_BATCH = `${YEAR}年度科尔沁左翼后旗民族团结进步示范单位命名`;
const TOWN = "gqk_mzb";
/** Units of 甘旗卡镇 that have not yet applied in these batches (see creation/demo-seed.ts). */
const APPLICANTS: { user: string; org: string; batch: string; category: string }[] = [
  { user: "unit_habuha", org: "哈布哈嘎查村民委员会", batch: BANNER_BATCH, category: "village" },
  { user: "unit_hatutala", org: "哈图塔拉嘎查村民委员会", batch: BANNER_BATCH, category: "village" },
  { user: "unit_shuligutai", org: "束力古台嘎查村民委员会", batch: BANNER_BATCH, category: "village" },
  { user: "unit_minzu", org: "甘旗卡镇民族社区居民委员会", batch: BANNER_BATCH, category: "village" },
  { user: "unit_hqmilk", org: "内蒙古甘旗卡乳业有限公司", batch: BANNER_BATCH, category: "enterprise" },
  { user: "unit_tabuhu", org: "塔布呼嘎查村民委员会", batch: BANNER_BATCH, category: "village" },
  { user: "unit_habuha", org: "哈布哈嘎查村民委员会", batch: CITY_BATCH, category: "village" },
  { user: "unit_hqschool", org: "科尔沁左翼后旗第一中学", batch: CITY_BATCH, category: "school" },
  { user: "unit_gqkschool2", org: "甘旗卡镇第二小学", batch: CITY_BATCH, category: "school" },
  { user: "unit_tabuhu", org: "塔布呼嘎查村民委员会", batch: CITY_BATCH, category: "village" },
];

type Node = { code: string; method?: string | null; maxScore?: number | null; veto?: boolean; children?: Node[] };
const leavesOf = (nodes: Node[]): Node[] => nodes.flatMap((n) => (n.children?.length ? leavesOf(n.children) : [n]));

async function ok(r: Promise<import("playwright-core").APIResponse>) {
  const res = await r;
  expect(res.status(), `${res.url()}: ${await res.text()}`).toBe(200);
  return res.json();
}

/** A unit applies and submits with a full self-assessment, all through the API. */
async function applyAndSubmit(request: APIRequestContext, batchName: string, category: string) {
  const batches = (await ok(request.get("/api/creation/batches?applicable=true&pageSize=100"))).items as {
    id: string;
    name: string;
  }[];
  const batch = batches.find((b) => b.name === batchName);
  expect(batch, batchName).toBeTruthy();
  const app = await ok(
    request.post("/api/creation/applications", {
      data: { batchId: batch?.id, category, statement: "常态化开展“石榴籽”主题教育，各族群众交往交流交融。" },
    }),
  );
  const sheet = await ok(request.get(`/api/score-sheets/${app.selfSheet.id}`));
  const set = await ok(request.get(`/api/indicator-sets/${sheet.setId}`));
  const entries = leavesOf(set.nodes).map((l) =>
    l.veto || l.method === "yes_no"
      ? { nodeCode: l.code, answer: "yes" }
      : l.method === "grade"
        ? { nodeCode: l.code, grade: "A" }
        : { nodeCode: l.code, score: Number(l.maxScore ?? 0), comment: "台账齐全" },
  );
  await ok(request.put(`/api/score-sheets/${app.selfSheet.id}`, { data: { entries } }));
  await ok(request.post(`/api/score-sheets/${app.selfSheet.id}/submit`));
  return ok(request.post(`/api/creation/applications/${app.id}/submit`));
}

describe("bulk actions and saved views", () => {
  let server: Server;
  let browser: Browser;
  const sessions: Session[] = [];
  const open = (username: string, viewport?: typeof PHONE) =>
    signedIn(browser, server.url, sessions, username, DEMO_PASSWORD, viewport);

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
  });
  afterAll(async () => {
    for (const s of sessions) await s.context.close();
    await browser?.close();
    await server?.stop();
  });

  it("the town selects ten submitted applications, recommends them in one action and reads the summary", async () => {
    for (const a of APPLICANTS) {
      const ctx = await browser.newContext({ baseURL: server.url });
      await ok(ctx.request.post("/api/auth/login", { data: { username: a.user, password: DEMO_PASSWORD } }));
      const submitted = await applyAndSubmit(ctx.request, a.batch, a.category);
      expect(submitted.status).toBe("reviewing");
      await ctx.close();
    }
    const s = await open(TOWN);
    const { page } = s;
    await page.goto("/admin/creation/applications?awaitingMe=true");
    await tableLoaded(page);
    // The ten new ones and the demo's 甘旗卡镇第二小学 in the banner batch wait for the town.
    await expect.poll(() => rows(page).count()).toBe(11);
    const mine = rows(page).filter({ hasText: /哈布哈|哈图塔拉|束力古台|民族社区|乳业|塔布呼|第一中学|第二小学/ });
    // The demo's own 第二小学 (banner batch) stays unselected: select the ten by batch and name.
    let selected = 0;
    for (const a of APPLICANTS) {
      const row = mine.filter({ hasText: a.org }).filter({ hasText: a.batch });
      await row.locator("input[type=checkbox]").check();
      selected++;
    }
    expect(selected).toBe(10);
    const bar = page.getByTestId("bulk-bar");
    await bar.getByText("已选 10 项").waitFor();
    await shot(page, "lists-bulk-selected");
    // 导出所选: the ten selected, and only they, in the list's spreadsheet.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      bar.getByRole("button", { name: "导出所选" }).click(),
    ]);
    const exported = await readXlsx(fs.readFileSync((await download.path()) as string));
    const units = exported.rows.map((r) => r.cells[3]);
    expect(units.sort()).toEqual(APPLICANTS.map((a) => a.org).sort());
    await bar.getByRole("button", { name: "批量推荐" }).click();
    const ask = dialog(page, "批量推荐");
    await ask.getByText("对已选的 10 项执行“批量推荐”").waitFor();
    await ask.getByLabel("意见").fill("经镇民宗办初审，同意推荐。");
    await ask.getByRole("button", { name: "批量推荐" }).click();
    const summary = dialog(page, /批量推荐：成功 10 项，未成功 0 项/);
    await summary.waitFor();
    for (const a of APPLICANTS) await summary.getByTestId("bulk-succeeded").getByText(a.org).first().waitFor();
    await shot(page, "lists-bulk-summary");
    await summary
      .locator(".ant-modal-footer")
      .getByRole("button", { name: /关\s*闭/ })
      .click();
    // Only the demo's own application still waits for the town; each moved one names the banner as next.
    await expect.poll(() => rows(page).count()).toBe(1);
    const banner = await ok(page.request.get("/api/creation/applications?pageSize=100&status=reviewing"));
    const moved = (banner.items as { orgName: string; batchName: string; reviewLevelName: string }[]).filter((x) =>
      APPLICANTS.some((a) => a.org === x.orgName && a.batch === x.batchName),
    );
    expect(moved).toHaveLength(10);
    for (const m of moved) expect(m.reviewLevelName).toContain("科尔沁左翼后旗");
    expect(s.consoleErrors).toEqual([]);
  });

  it("a saved view and the column choice come back after signing in again in a fresh browser", async () => {
    let s = await open(TOWN);
    let { page } = s;
    await page.goto("/admin/creation/applications");
    await tableLoaded(page);
    // 状态 = 逐级推荐中, and hide the 申报批次 column.
    const filters = page.locator("form").first();
    await field(filters, "状态").locator(".ant-select").click();
    await dropdown(page).locator(".ant-select-item-option", { hasText: "逐级推荐中" }).first().click();
    await filters.getByRole("button", { name: /查\s*询/ }).click();
    await tableLoaded(page);
    await page.getByRole("button", { name: "列设置" }).click();
    await page.getByRole("checkbox", { name: "申报批次" }).uncheck();
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator("thead th").filter({ hasText: "申报批次" }).count()).toBe(0);
    await page.getByTestId("list-views").click();
    await page.getByRole("menuitem", { name: "保存当前视图…" }).click();
    const save = dialog(page, "保存当前视图");
    await save.getByLabel("视图名称").fill("逐级推荐中的申报");
    await save.getByRole("button", { name: /确\s*定|OK/ }).click();
    await page.getByText("视图“逐级推荐中的申报”已保存").waitFor();

    // A fresh browser (no local storage) signed in again, on a phone this time.
    s = await open(TOWN, PHONE);
    page = s.page;
    await page.goto("/admin/creation/applications");
    await tableLoaded(page);
    await expect.poll(() => page.locator("thead th").filter({ hasText: "申报批次" }).count()).toBe(0);
    await page.getByTestId("list-views").click();
    await page.getByRole("menuitem", { name: /逐级推荐中的申报/ }).click();
    await page.getByText("已切换到视图“逐级推荐中的申报”").waitFor();
    await tableLoaded(page);
    await expect
      .poll(async () => {
        const texts = await rows(page).allTextContents();
        return texts.length > 0 && texts.every((t) => t.includes("逐级推荐中"));
      })
      .toBe(true);
    await shot(page, "lists-saved-view-phone");
    expect(s.consoleErrors).toEqual([]);
  });
});
