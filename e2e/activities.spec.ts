import fs from "node:fs";
import path from "node:path";
import type { APIResponse, Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { jpegWithExif } from "../server/modules/activities/activities.fixtures.js";
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
 * Issue 13's bar on a phone (390×844), on the demo data: 甘旗卡镇民族社区's worker (unit_minzu) records a 微活动 in
 * September with two photos chosen from the unit's material library, participant counts and 甘旗卡镇第二小学 as
 * co-organizer, and submits it; 甘旗卡镇民宗办 (gqk_mzb) confirms it from its 待我确认 queue; 科左后旗民宗局
 * (hq_mzj) sees it counted in the banner's statistics (total, by type, by month) and in the 宣传月 figure; the
 * school (unit_gqkschool2) links it to one of its 七个一 items; the worker cites it in a progress report on a task
 * led by 教育局 (unit_hqedu), which opens the record and its photos from the report. Screenshots:
 * e2e/screenshots/activities-*.png (phone; the statistics on desktop too).
 */

const WORKER = "unit_minzu";
const COMMUNITY = "甘旗卡镇民族社区居民委员会";
const TOWN = "gqk_mzb";
const BANNER = "hq_mzj";
const SCHOOL = "unit_gqkschool2";
const SCHOOL_NAME = "甘旗卡镇第二小学";
const LEAD = "unit_hqedu";
const LEAD_NAME = "科尔沁左翼后旗教育局";
const YEAR = 2026;
const DATE = `${YEAR}-09-16`;
const TITLE = "民族社区“石榴籽一家亲”邻里包饺子微活动";
const PHOTOS = ["邻里包饺子现场", "各族居民合影"];
const COUNTS = { 居民: 36, 学生: 12, 干部: 4 };
const TOTAL = 36 + 12 + 4;
const SEVEN_ITEM = "召开一次民族团结家校共育活动";
const PLAN = "甘旗卡镇民族团结进步宣传教育行动方案（2026年）";
const TASK = "开展交往交流交融“微活动”";

type Stats = {
  total: { activities: number; participants: number };
  byType: { key: string; label: string; activities: number; participants: number }[];
  byMonth: { key: string; label: string; activities: number; participants: number }[];
};

describe("activities (issue 13) on a phone", () => {
  let server: Server;
  let browser: Browser;
  let current: Session | null = null;
  let before: Stats;
  let activityId = "";
  const started = Date.now();

  const ok = async (res: Promise<APIResponse>) => {
    const r = await res;
    expect(r.status(), await r.text()).toBe(200);
    return r.json();
  };
  /** A phone-sized session signed in as `username` (the previous one is closed). */
  const open = async (username: string, viewport = PHONE) => {
    await current?.context.close().catch(() => undefined);
    const s = await newPage(browser, server.url, viewport);
    s.page.setDefaultTimeout(30_000);
    current = s;
    await login(s.page, username, DEMO_PASSWORD);
    await s.page.waitForURL((u) => !u.pathname.includes("/login"));
    return s;
  };
  /** activities-<name>.png of the settled page; no console errors so far. */
  const snap = async (s: Session, name: string) => {
    await s.page
      .locator(".ant-message-notice")
      .first()
      .waitFor({ state: "detached", timeout: 10_000 })
      .catch(() => undefined);
    await settle(s.page, { lenient: true });
    await shot(s.page, `activities-${name}`);
    expect(s.consoleErrors, `console errors at ${name}`).toEqual([]);
  };
  const toast = (page: Page, text: string | RegExp) => page.locator(".ant-message-notice").filter({ hasText: text });
  const stats = async (page: Page): Promise<Stats> => ok(page.request.get(`/api/activity-stats?year=${YEAR}`));
  const count = (rows: Stats["byType"], key: string) => rows.find((r) => r.key === key)?.activities ?? 0;
  /** Finds an organization by name through hq_mzj's scope. */
  const orgId = async (page: Page, name: string) => {
    const res = await ok(page.request.get(`/api/orgs?q=${encodeURIComponent(name)}&pageSize=5`));
    const o = res.items.find((x: { name: string }) => x.name === name);
    expect(o, name).toBeTruthy();
    return o.id as string;
  };

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    for (const f of fs.readdirSync(SCREENSHOTS).filter((f) => f.startsWith("activities-")))
      fs.rmSync(path.join(SCREENSHOTS, f));
    [server, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
  });
  let n = 0;
  afterEach(async ({ task }) => {
    n += 1;
    if (task.result?.state === "fail" && current && !current.page.isClosed()) {
      await current.page
        .screenshot({ path: path.join(SCREENSHOTS, `activities-failed-${n}.png`) })
        .catch(() => undefined);
      console.log(`[activities] failed at ${current.page.url()}; console errors: ${current.consoleErrors}`);
    }
  });
  afterAll(async () => {
    await current?.context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
    console.log(`[activities.spec] total ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it("set-up (API): two photos in the community's library; a plan task the community carries and 教育局 leads", async () => {
    const w = await open(WORKER);
    for (const [i, title] of PHOTOS.entries())
      await ok(
        w.page.request.post("/api/materials", {
          multipart: {
            title,
            tags: "活动",
            file: {
              name: `${title}.jpg`,
              mimeType: "image/jpeg",
              buffer: jpegWithExif(`${DATE.replaceAll("-", ":")} 1${i}:00:00`, `${title}-${Date.now()}`),
            },
          },
        }),
      );
    const b = await open(BANNER);
    before = await stats(b.page);
    const [community, lead] = [await orgId(b.page, COMMUNITY), await orgId(b.page, LEAD_NAME)];
    const plan = await ok(
      b.page.request.post("/api/plans", {
        data: { title: PLAN, periodStart: YEAR, periodEnd: YEAR, cycle: "quarterly" },
      }),
    );
    const chapter = await ok(
      b.page.request.post(`/api/plans/${plan.id}/nodes`, {
        data: { kind: "chapter", number: "一、", title: "促进各民族交往交流交融" },
      }),
    );
    await ok(
      b.page.request.post(`/api/plans/${plan.id}/nodes`, {
        data: {
          parentNodeId: chapter.nodeId,
          kind: "task",
          number: "1.",
          title: TASK,
          orgIds: [lead, community],
          leadOrgId: lead,
        },
      }),
    );
    await ok(b.page.request.patch(`/api/plans/${plan.id}`, { data: { status: "active" } }));
  });

  it("the community worker records a 微活动 on a phone: two photos from the library, counts, the school as co-organizer", async () => {
    const s = await open(WORKER);
    const { page } = s;
    await page.goto("/admin/activities");
    await page.getByTestId("activity-create").click();
    const form = dialog(page, "登记活动");
    await form.getByTestId("activity-form").waitFor();
    await settle(page, { lenient: true });
    await field(form, "活动名称").locator("input").fill(TITLE);
    await field(form, "活动类型").locator(".ant-select").click();
    await dropdown(page).locator(".ant-select-item-option", { hasText: "微活动" }).click();
    await field(form, "活动领域（8+N进）").locator(".ant-select").click();
    await dropdown(page).locator(".ant-select-item-option", { hasText: "进社区" }).click();
    // The date, on a phone two single pickers (start, end): the start picker opens on today's month; back to
    // September. A one-day activity's end follows its start.
    await form.getByTestId("activity-start-date").locator(".ant-picker").click();
    const picker = page.locator(".ant-picker-dropdown:visible");
    const cell = picker.locator(`td[title="${DATE}"]`).first();
    for (let i = 0; i < 12 && !(await cell.isVisible()); i++)
      await picker.locator(".ant-picker-header-prev-btn").first().click();
    await cell.click();
    await picker.waitFor({ state: "hidden" });
    expect(await form.getByTestId("activity-start-date").locator("input").inputValue()).toBe(DATE);
    expect(await form.getByTestId("activity-end-date").locator("input").inputValue()).toBe(DATE);
    await field(form, "详细地点").locator("input").fill("民族社区新时代文明实践站");
    for (const [label, value] of Object.entries(COUNTS))
      await field(form, label).last().locator("input").fill(String(value));
    await snap(s, "record-form-phone");
    // Two photos chosen from the library (uploaded there before), searched by title.
    const photos = form.getByTestId("activity-photos");
    for (const title of PHOTOS) {
      await photos.getByTestId("material-picker-search").click();
      await page.keyboard.type(title);
      await dropdown(page).getByTestId("material-option").filter({ hasText: title }).first().click();
      await photos.getByText(title).first().waitFor();
    }
    await field(form, "活动简介")
      .locator("textarea")
      .fill("社区各族居民和第二小学师生一起包饺子、讲民族团结故事，共度中秋。");
    const co = form.getByTestId("activity-co-org");
    await co.click();
    await page.keyboard.type("第二小学");
    await dropdown(page).locator(".ant-select-item-option", { hasText: SCHOOL_NAME }).click();
    await photos.scrollIntoViewIfNeeded();
    await snap(s, "record-photos-phone");
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/api/activities") && r.request().method() === "POST"),
      form.getByTestId("activity-form-submit").click(),
    ]);
    expect(res.status(), await res.text()).toBe(200);
    const created = await res.json();
    activityId = created.id;
    expect(created.participantTotal).toBe(TOTAL);
    expect(created.photos.map((p: { title: string }) => p.title)).toEqual(PHOTOS);
    expect(created.coOrgs.map((o: { name: string }) => o.name)).toEqual([SCHOOL_NAME]);
    // The record opens in its drawer: submitted from there.
    const detail = page.getByRole("dialog").filter({ hasText: TITLE }).last();
    await detail.getByTestId("activity-submit").click();
    await toast(page, "已提交").first().waitFor();
    await detail.getByText("已提交", { exact: true }).first().waitFor();
    await detail.getByText(`${TOTAL}（`).first().waitFor();
    await snap(s, "record-submitted-phone");
  });

  it("甘旗卡镇 confirms it from its queue on a phone", async () => {
    const s = await open(TOWN);
    const { page } = s;
    await page.goto("/admin/activities");
    await page.getByText("待我确认", { exact: true }).click();
    const row = page.locator(".ant-table-row").filter({ hasText: TITLE });
    await row.first().waitFor();
    await snap(s, "queue-phone");
    await row.getByRole("button", { name: TITLE }).click();
    const detail = page.getByRole("dialog").filter({ hasText: TITLE }).last();
    await detail.getByText(PHOTOS[0]).first().waitFor();
    await detail.getByText("照片未发现问题").waitFor();
    await snap(s, "confirm-detail-phone");
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/confirm")),
      detail.getByTestId("activity-confirm").click(),
    ]);
    expect(res.status(), await res.text()).toBe(200);
    await detail.getByText("已确认", { exact: true }).first().waitFor();
  });

  it("it counts in 科左后旗's statistics (by type and month) and in the 宣传月 figure", async () => {
    const expected = {
      activities: before.total.activities + 1,
      participants: before.total.participants + TOTAL,
      micro: count(before.byType, "micro_activity") + 1,
      sept: before.byMonth.find((r) => r.key === "9") ?? { activities: 0, participants: 0 },
    };
    for (const viewport of [PHONE, DESKTOP]) {
      const s = await open(BANNER, viewport);
      const { page } = s;
      await page.goto("/admin/activities/stats");
      await expect
        .poll(() => page.getByTestId("activity-stats-total").textContent())
        .toContain(`共开展活动 ${expected.activities} 场，参与 ${expected.participants} 人次`);
      await expect
        .poll(() => page.getByTestId("activity-stats-publicity").textContent())
        .toContain(`开展活动 ${expected.sept.activities + 1} 场，参与 ${expected.sept.participants + TOTAL} 人次`);
      const words = async () =>
        (await page.getByTestId("activity-stats-bars").evaluateAll((els) => els.map((e) => e.ariaLabel))).join("\n");
      await expect.poll(words).toContain(`交往交流交融“微活动” ${expected.micro} 场`);
      await expect.poll(words).toContain(`9月 ${expected.sept.activities + 1} 场`);
      await snap(s, `stats-${viewport === PHONE ? "phone" : "desktop"}`);
      if (viewport === PHONE) {
        await page.getByTestId("activity-stats-bars").nth(3).scrollIntoViewIfNeeded();
        await snap(s, "stats-month-phone");
      }
    }
    const after = await stats(current!.page);
    expect(after.total).toEqual({
      activities: before.total.activities + 1,
      participants: before.total.participants + TOTAL,
    });
  });

  it("the school links it to one of its 七个一 items on a phone", async () => {
    const s = await open(SCHOOL);
    const { page } = s;
    await page.goto("/admin/activities/work");
    await page.getByRole("tab", { name: "学校“七个一”" }).click();
    const card = page.locator(".ant-card").filter({ hasText: "本校七个一" }).last();
    await card.getByText(/本校七个一：甘旗卡镇第二小学（5\/7）/).waitFor();
    const item = card.getByTestId("seven-item").filter({ hasText: SEVEN_ITEM });
    await item.locator(".ant-select").click();
    await dropdown(page).locator(".ant-select-item-option", { hasText: TITLE }).click();
    await card.getByText(/本校七个一：甘旗卡镇第二小学（6\/7）/).waitFor();
    await expect
      .poll(() => item.locator(".ant-select-content, .ant-select-selection-item").first().textContent())
      .toContain(TITLE);
    await item.getByText("已完成").waitFor();
    // Nothing wider than the phone: the page does not scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await item.scrollIntoViewIfNeeded();
    await snap(s, "seven-phone");
  });

  it("the worker cites it in a progress report; 教育局 (lead unit) opens it from the report", async () => {
    let s = await open(WORKER);
    let { page } = s;
    await page.goto("/admin/plans/my-tasks");
    await page.locator(".ant-table-row").filter({ hasText: TASK }).getByTestId("my-task-report").click();
    const form = dialog(page, "报送进度");
    await form.getByTestId("report-status").getByText("推进中").click();
    await form.getByTestId("report-percent").fill("50");
    await form.getByTestId("report-narrative").fill("9月开展“石榴籽一家亲”微活动，社区各族居民和学校师生共同参加。");
    await form.getByTestId("activity-evidence-pick").click();
    await page.keyboard.type("包饺子");
    await dropdown(page).locator(".ant-select-item-option", { hasText: TITLE }).click();
    await form.getByTestId("activity-evidence-list").getByText(TITLE).waitFor();
    await form.getByTestId("activity-evidence-list").scrollIntoViewIfNeeded();
    // The cited record wraps within the phone's width (a nowrap tag ran off the screen and shifted the form).
    const box = await form.getByTestId("activity-evidence-list").boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(PHONE.width);
    await snap(s, "report-form-phone");
    await form.getByTestId("report-submit").click();
    await toast(page, /已报送/)
      .first()
      .waitFor();

    s = await open(LEAD);
    page = s.page;
    await page.goto("/admin/plans/my-tasks");
    await page.locator(".ant-table-row").filter({ hasText: TASK }).getByTestId("my-task-title").click();
    const drawer = dialog(page, new RegExp(TASK.slice(0, 6)));
    await drawer.getByTestId("task-reports").waitFor();
    const link = drawer.getByTestId("activity-evidence-link").filter({ hasText: TITLE });
    await link.scrollIntoViewIfNeeded();
    await snap(s, "lead-report-phone");
    await link.click();
    const opened = page.getByRole("dialog").filter({ hasText: "参与人数" }).filter({ hasText: TITLE }).last();
    await opened.getByText(COMMUNITY).first().waitFor();
    for (const title of PHOTOS) await opened.getByText(title).first().waitFor();
    await opened.getByText(`${TOTAL}（`).first().waitFor();
    await snap(s, "lead-opens-phone");
    // The lead unit does not see the record in the activities module itself: only through the report.
    expect((await page.request.get(`/api/activities/${activityId}`)).status()).toBe(404);
  });
});
