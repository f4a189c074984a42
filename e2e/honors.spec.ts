import fs from "node:fs";
import path from "node:path";
import type { APIResponse, Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_PASSWORD,
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
  tableLoaded,
} from "./support.js";

/**
 * Issue 12's bar, end to end on the demo data: 通辽市民委 sets up a campaign (API: set-up) with 科左后旗's quota of 2
 * individuals and 1 collective; 塔布呼嘎查 nominates two individuals and one collective in the console, a fourth is
 * refused with the quota named; 一公示 at the unit → (clock ahead) → 初审 and 二公示 at the 旗 → (clock ahead) →
 * forwarded, scored by the review panel, 复审 and 三公示 at the 市; a member of the public objects to one individual
 * on the portal; the 市 upholds it and the nominee leaves the list with the reason shown; (clock ahead) the others
 * are proposed and decided, appear in the register and, with their public summaries, in the deeds library.
 */
const YEAR = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
const CAMPAIGN = `${YEAR}年通辽市民族团结进步模范表彰（浏览器测试）`;
const UNIT = { username: "unit_tabuhu", org: "塔布呼嘎查村民委员会" };
const BANNER = "hq_mzj";
const CITY = "tl_mw";
const JUDGE = { username: "tl_expert1", name: "宝音" };
const A = { name: "娜仁花", masked: "娜**", summary: "扎根牧区卫生室十八年，为各族牧民义诊上万人次。" };
const B = { name: "敖日格乐", masked: "敖***", summary: "创办双语读书角，资助各族困难学生六十余名。" };
const C = { summary: "嘎查“石榴籽”互助合作社带领蒙汉群众共同致富，十年无矛盾纠纷上交。" };
const FOURTH = { name: "白音", masked: "白*" };
const DECISION_NO = `通民委发〔${YEAR}〕52号`;
const REASON = "经调查，娜仁花同志义诊人次与卫生院台账不符，事迹材料失实，撤销推荐。";
/** Days the clocks run ahead after each restart: past each 5-working-day window, holidays included. */
const GAP = 21;

async function ok(res: Promise<APIResponse>) {
  const r = await res;
  expect(r.status(), `${r.url()}: ${await r.text()}`).toBe(200);
  return r.json();
}

/** Text starting with `s` (a nominee as listed, before its details in brackets). */
const startsWith = (s: string) => new RegExp(`^${s.replace(/[*]/g, "\\*")}（`);

const openMenu = (page: Page, item: string) => openSideMenu(page, "表彰", item);

describe("表彰: 两审三公示 in the browser (issue 12's bar)", () => {
  let server: Server;
  let browser: Browser;
  let current: Session | null = null;
  let campaignId = "";
  /** Days the clocks run ahead: to a working day at first (a 公示 published on a Saturday opens on Monday). */
  let aheadDays = daysToWorkingDay();
  const started = Date.now();

  const newSession = async (viewport?: { width: number; height: number }): Promise<Session> => {
    const s = await newPage(browser, server.url, viewport);
    s.page.setDefaultTimeout(20_000);
    if (aheadDays) await s.page.clock.setSystemTime(new Date(Date.now() + aheadDays * 86_400_000));
    return s;
  };
  const open = async (username: string, viewport?: { width: number; height: number }): Promise<Session> => {
    await current?.context.close().catch(() => undefined);
    current = await newSession(viewport);
    await login(current.page, username, DEMO_PASSWORD);
    await current.page.getByTestId("user-menu").waitFor();
    return current;
  };
  const ahead = async () => {
    await current?.context.close().catch(() => undefined);
    current = null;
    aheadDays += GAP;
    await server.restart({ SHILIU_CLOCK_OFFSET_DAYS: String(aheadDays) });
  };
  const snap = async (s: Session, name: string) => shot(s.page, `honors-${name}`);

  /** The nominations list of this campaign, as the signed-in user. */
  const nominations = async (page: Page) => {
    await openMenu(page, "推荐对象");
    await page.waitForURL(/\/admin\/honors\/nominations/);
    await tableLoaded(page);
  };
  /** Opens a nomination's drawer from the list by the nominee as the list shows it (names masked). */
  const openNomination = async (page: Page, nominee: string) => {
    await rows(page).getByRole("button", { name: nominee, exact: true }).first().click();
    const drawer = page.getByRole("dialog").filter({ hasText: "推荐单位" }).last();
    await drawer.getByText(nominee).first().waitFor();
    return drawer;
  };
  const closeDrawer = async (page: Page) => {
    const close = page.locator(".ant-drawer-close:visible");
    while ((await close.count()) > 0) {
      await close.last().click();
      await settle(page, { lenient: true });
    }
  };
  /** Takes a step on the open nomination; a step asking a reason opens a dialog, confirmed here. */
  const step = async (page: Page, nominee: string, path: string, reason?: string) => {
    const drawer = await openNomination(page, nominee);
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/${path}`) && r.request().method() === "POST"),
      (async () => {
        await drawer.getByTestId(`nomination-${path}`).click();
        const confirm = page.getByTestId("step-confirm");
        if (await confirm.isVisible().catch(() => false)) {
          if (reason) await page.getByTestId("step-reason").fill(reason);
          await confirm.click();
        } else if (reason !== undefined) {
          await confirm.waitFor();
          await page.getByTestId("step-reason").fill(reason);
          await confirm.click();
        }
      })(),
    ]);
    expect(res.status(), await res.text()).toBe(200);
    await closeDrawer(page);
    return res.json();
  };
  const openCampaign = async (page: Page) => {
    await openMenu(page, "表彰活动");
    await tableLoaded(page);
    await rows(page).filter({ hasText: CAMPAIGN }).getByRole("button", { name: CAMPAIGN }).click();
    const drawer = page.getByRole("dialog").filter({ hasText: "名额分配与使用" }).last();
    await drawer.waitFor();
    return drawer;
  };
  const publishStage = async (page: Page, testId: "publish-county" | "publish-final", picks: string[]) => {
    const drawer = await openCampaign(page);
    await drawer.getByTestId(testId).click();
    const modal = dialog(page, testId === "publish-county" ? "发布初审公示" : "发布拟表彰公示");
    await modal.locator(".ant-checkbox-wrapper").first().waitFor();
    for (const p of picks) await modal.locator(".ant-checkbox-wrapper", { hasText: startsWith(p) }).click();
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/honors/campaigns/${campaignId}/notices`)),
      modal.getByTestId("stage-notice-save").click(),
    ]);
    expect(res.status(), await res.text()).toBe(200);
    await modal.waitFor({ state: "detached" });
    return (await res.json()).noticeId as string;
  };

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    for (const f of fs.readdirSync(SCREENSHOTS).filter((f) => f.startsWith("failed-honors")))
      fs.rmSync(path.join(SCREENSHOTS, f));
    [server, browser] = await Promise.all([startServer({ demo: true, clockOffsetDays: aheadDays }), launchBrowser()]);
  });
  let n = 0;
  afterEach(async ({ task }) => {
    n += 1;
    if (task.result?.state === "fail" && current && !current.page.isClosed()) {
      await current.page.screenshot({ path: path.join(SCREENSHOTS, `failed-honors-${n}.png`) }).catch(() => undefined);
      console.log(`[honors] failed at ${current.page.url()}; console errors: ${current.consoleErrors}`);
    }
    await current?.context.close().catch(() => undefined);
    current = null;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    console.log(`[honors.spec] total ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it("set-up: the 市 opens a campaign with 科左后旗's quota and a review panel (API)", async () => {
    const { page } = await open(CITY);
    const c = await ok(
      page.request.post("/api/honors/campaigns", {
        data: {
          title: CAMPAIGN,
          year: YEAR,
          kinds: ["collective", "individual"],
          eligibility: "在铸牢中华民族共同体意识工作中作出突出贡献的集体和个人",
          noticeDays: 5,
        },
      }),
    );
    campaignId = c.id;
    await ok(
      page.request.put(`/api/honors/campaigns/${campaignId}/quotas`, {
        data: {
          quotas: [
            { regionCode: "150522", kind: "individual", quota: 2 },
            { regionCode: "150522", kind: "collective", quota: 1 },
          ],
        },
      }),
    );
    const judges = await ok(page.request.get(`/api/users?q=${encodeURIComponent(JUDGE.username)}&pageSize=5`));
    const judge = judges.items.find((u: { username: string }) => u.username === JUDGE.username);
    expect(judge).toBeTruthy();
    await ok(page.request.put(`/api/honors/campaigns/${campaignId}/panel`, { data: { userIds: [judge.id] } }));
    await ok(page.request.post(`/api/honors/campaigns/${campaignId}/open`));
  });

  it("塔布呼嘎查 nominates two individuals and a collective; a fourth is refused over the quota", async () => {
    const { page } = await open(UNIT.username);
    await nominations(page);
    const fill = async (kind: "individual" | "collective", p?: { name: string }, summary = A.summary) => {
      await page.getByTestId("nomination-create").click();
      const form = dialog(page, "推荐表彰对象");
      await form.waitFor();
      await settle(page);
      await field(form, "表彰活动").locator(".ant-select").click();
      await dropdown(page).locator(".ant-select-item-option", { hasText: CAMPAIGN }).click();
      await form
        .getByTestId("nomination-kind")
        .getByText(kind === "individual" ? "模范个人" : "模范集体")
        .click();
      if (p) {
        await form.getByTestId("nomination-name").fill(p.name);
        await field(form, "性别").getByText("女").click();
        await form.getByTestId("nomination-position").fill("嘎查卫生室医生");
        await form.getByTestId("nomination-unit").fill(UNIT.org);
      } else {
        await field(form, "被推荐集体").locator(".ant-select").click();
        await page.keyboard.type("塔布呼");
        await dropdown(page).locator(".ant-select-item-option", { hasText: UNIT.org }).first().click();
      }
      await form.getByTestId("nomination-consent").check();
      await form.getByTestId("nomination-summary").fill(summary);
      await form.getByTestId("nomination-deeds").fill(`${summary}事迹全文：多年如一日服务各族群众。`);
      return form;
    };
    for (const [kind, p, summary] of [
      ["individual", A, A.summary],
      ["individual", B, B.summary],
      ["collective", undefined, C.summary],
    ] as const) {
      const form = await fill(kind, p, summary);
      if (kind === "collective") await snap(current!, "nomination-form");
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith("/api/honors/nominations") && r.request().method() === "POST"),
        form.getByTestId("nomination-save").click(),
      ]);
      expect(res.status(), await res.text()).toBe(200);
      await form.waitFor({ state: "hidden" });
      // The new nomination opens in its detail drawer: close it.
      await page.getByRole("dialog").filter({ hasText: "单位公示" }).waitFor();
      await settle(page, { lenient: true });
      await closeDrawer(page);
    }
    // The fourth individual: refused, the quota named in Chinese.
    const form = await fill("individual", FOURTH, "热心调解邻里纠纷，二十年来化解矛盾百余起。");
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/api/honors/nominations") && r.request().method() === "POST"),
      form.getByTestId("nomination-save").click(),
    ]);
    expect(res.status()).toBe(409);
    await form
      .getByText(/科尔沁左翼后旗的“模范个人”名额为 2 个，已用 2 个，名额已满/)
      .first()
      .waitFor();
    await snap(current!, "quota-refused");
    await form.getByRole("button", { name: /取\s*消/ }).click();
    await tableLoaded(page);
    for (const x of [A.masked, B.masked, UNIT.org]) await rows(page).filter({ hasText: x }).first().waitFor();
    await expect.poll(() => rows(page).filter({ hasText: FOURTH.masked }).count()).toBe(0);
  });

  it("一公示: the unit publishes each nomination for public notice", async () => {
    const { page } = await open(UNIT.username);
    await nominations(page);
    for (const x of [A.masked, B.masked, UNIT.org]) await step(page, x, "publish");
    await rows(page).filter({ hasText: A.masked }).getByText("单位公示中").waitFor();
    await snap(current!, "unit-notices");
    // On the portal, the public sees the unit's notices with the nominees' names.
    const pub = await newSession();
    current = pub;
    await pub.page.goto("/notices");
    await pub.page.locator(".notice-row").filter({ hasText: A.name }).first().waitFor();
  });

  it("初审 and 二公示 at the 旗 (after the unit's window)", async () => {
    await ahead();
    let s = await open(UNIT.username);
    await nominations(s.page);
    for (const x of [A.masked, B.masked, UNIT.org]) await step(s.page, x, "submit");
    s = await open(BANNER);
    await nominations(s.page);
    for (const x of [A.masked, B.masked, UNIT.org]) await step(s.page, x, "county-approve", "事迹突出，同意推荐");
    await publishStage(s.page, "publish-county", [A.masked, B.masked, UNIT.org]);
    await snap(s, "county-notice");
  });

  it("复审 at the 市: forwarded within the quota, scored by the panel, approved, 三公示", async () => {
    await ahead();
    let s = await open(BANNER);
    await nominations(s.page);
    for (const x of [A.masked, B.masked, UNIT.org]) await step(s.page, x, "forward");
    // The quota ledger shows the places used on the campaign.
    const drawer = await openCampaign(s.page);
    await drawer.getByText("科尔沁左翼后旗").first().waitFor();
    await snap(s, "quota-ledger");

    s = await open(JUDGE.username);
    await nominations(s.page);
    for (const x of [A.masked, B.masked, UNIT.org]) {
      const d = await openNomination(s.page, x);
      await d.getByTestId("nomination-review").click();
      const modal = dialog(s.page, "评审打分");
      await modal.getByRole("spinbutton").fill("92");
      await modal.getByText("同意", { exact: true }).click();
      const [res] = await Promise.all([
        s.page.waitForResponse((r) => r.url().endsWith("/reviews")),
        modal.getByTestId("review-save").click(),
      ]);
      expect(res.status(), await res.text()).toBe(200);
      await modal.waitFor({ state: "detached" });
      await closeDrawer(s.page);
    }

    s = await open(CITY);
    await nominations(s.page);
    const d = await openNomination(s.page, B.masked);
    await d.getByText(JUDGE.name).first().waitFor(); // the panel's review, by name
    await snap(s, "review-detail");
    await closeDrawer(s.page);
    for (const x of [A.masked, B.masked, UNIT.org]) await step(s.page, x, "final-approve", "评审委员会表决通过");
    await publishStage(s.page, "publish-final", [A.masked, B.masked, UNIT.org]);
  });

  it("a member of the public objects to one individual on the portal; the 市 upholds it", async () => {
    const pub = await newSession(PHONE);
    current = pub;
    const pp = pub.page;
    await pp.goto("/notices");
    const row = pp.locator(".notice-row").filter({ hasText: "拟表彰对象公示" }).filter({ hasText: CAMPAIGN });
    await row.first().waitFor();
    await row.first().locator(".notice-title").click();
    await pp.locator("#notice-title").waitFor();
    await pp.locator("table tbody tr", { hasText: A.name }).waitFor();
    await pp.locator("table tbody tr", { hasText: B.name }).waitFor();
    await pp.locator("#objection-applicationId").selectOption({ label: A.name });
    await pp.getByLabel("姓名").fill("李春梅");
    await pp.getByLabel("手机号码").fill("13912345678");
    await pp.getByLabel("异议内容").fill("娜仁花所在卫生室义诊人次与卫生院台账不符，请核实。");
    await pp.getByRole("button", { name: "提交异议" }).click();
    await pp.locator(".tracking-code").waitFor();
    const noticeUrl = new URL(pp.url()).pathname;
    await snap(pub, "portal-objection-phone");

    const s = await open(CITY);
    const { page } = s;
    await openMenu(page, "公示异议");
    await tableLoaded(page);
    const r = rows(page).filter({ hasText: A.name });
    await r.first().waitFor();
    await snap(s, "objections");
    await r.first().getByRole("button").first().click();
    const od = page.getByRole("dialog").filter({ hasText: "异议内容" }).last();
    await od.getByTestId("objection-answer").click();
    const modal = page.locator(".ant-modal:visible").last();
    await modal.getByTestId("objection-outcome").getByText("异议成立").click();
    await modal.getByTestId("objection-text").fill(REASON);
    const [res] = await Promise.all([
      page.waitForResponse((x) => x.url().endsWith("/answer")),
      modal.getByTestId("objection-save").click(),
    ]);
    expect(res.status(), await res.text()).toBe(200);
    await closeDrawer(page);
    // The nominee left the list with the reason, in the console …
    await nominations(page);
    await rows(page).filter({ hasText: A.masked }).getByText("因异议撤销").waitFor();
    const d = await openNomination(page, A.masked);
    await d.getByText(REASON).first().waitFor();
    await snap(s, "removed");
    // … and on the portal's notice.
    const again = await newSession(PHONE);
    current = again;
    await again.page.goto(noticeUrl);
    const removed = again.page.locator("table tbody tr", { hasText: A.name });
    await removed.getByText(`已撤出名单：${REASON}`).waitFor();
    await removed.scrollIntoViewIfNeeded();
    await snap(again, "portal-removed-phone");
    await again.page
      .locator("#objection-applicationId option", { hasText: B.name })
      .waitFor({ state: "attached" })
      .catch(() => undefined);
    await expect.poll(() => again.page.locator("#objection-applicationId option", { hasText: A.name }).count()).toBe(0);
  });

  it("the decision: the others are in the register and, with their summaries, in the deeds library", async () => {
    await ahead();
    const s = await open(CITY);
    const { page } = s;
    await nominations(page);
    for (const x of [B.masked, UNIT.org]) await step(page, x, "propose");
    const drawer = await openCampaign(page);
    await drawer.getByTestId("decision-open").click();
    const modal = dialog(page, "作出表彰决定");
    await modal.getByTestId("decision-no").fill(DECISION_NO);
    await field(modal, "决定标题")
      .getByRole("textbox")
      .fill(`关于表彰${YEAR}年通辽市民族团结进步模范集体和模范个人的决定`);
    await modal.getByTestId("decision-date").click();
    await page
      .locator(".ant-picker-dropdown:visible .ant-picker-now-btn, .ant-picker-dropdown:visible .ant-picker-today-btn")
      .first()
      .click();
    await modal.getByTestId("decision-prefix").fill(`TLT${YEAR}`);
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/decision")),
      modal.getByTestId("decision-save").click(),
    ]);
    expect(res.status(), await res.text()).toBe(200);
    await closeDrawer(page);

    await openMenu(page, "荣誉名录");
    await tableLoaded(page);
    await rows(page).filter({ hasText: B.name }).filter({ hasText: DECISION_NO }).waitFor();
    await rows(page).filter({ hasText: UNIT.org }).filter({ hasText: DECISION_NO }).first().waitFor();
    await expect.poll(() => rows(page).filter({ hasText: A.name }).count()).toBe(0);
    await snap(s, "register");

    for (const viewport of [undefined, PHONE]) {
      const pub = await newSession(viewport);
      current = pub;
      await pub.page.goto("/models");
      await pub.page.getByLabel("关键词").fill("双语读书角");
      await pub.page
        .getByRole("button", { name: /检索|搜索|查询/ })
        .first()
        .click();
      await pub.page.getByText(B.summary).first().waitFor();
      await pub.page.getByText(B.name).first().waitFor();
      await snap(pub, viewport ? "deeds-phone" : "deeds");
      await pub.page.getByLabel("关键词").fill("石榴籽");
      await pub.page
        .getByRole("button", { name: /检索|搜索|查询/ })
        .first()
        .click();
      await pub.page.getByText(C.summary).first().waitFor();
      await pub.page.getByLabel("关键词").fill("娜仁花");
      await pub.page
        .getByRole("button", { name: /检索|搜索|查询/ })
        .first()
        .click();
      await pub.page.locator(".empty").first().waitFor();
    }
  });
});
