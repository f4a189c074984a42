import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { expect } from "vitest";
import { demoTemplate, serverEnv } from "./demo-template.js";

export { ADMIN_PASSWORD, AUDITADMIN_PASSWORD, DEMO_PASSWORD, SECADMIN_PASSWORD } from "./demo-template.js";

export const SCREENSHOTS = path.join(path.dirname(new URL(import.meta.url).pathname), "screenshots");
export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** The Beijing date `days` after today, as YYYY-MM-DD. */
export function beijingDateAfter(days = 0): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Whether the Beijing date `days` ahead falls in a season of official holidays (New Year, Spring Festival — it
 * moves, so its whole season —, May Day, National Day), which specs counting working days keep clear of.
 */
export function inHolidaySeason(days: number): boolean {
  const md = Number(beijingDateAfter(days).slice(5).replace("-", ""));
  return md <= 103 || md >= 1230 || (md >= 501 && md <= 505) || (md >= 1001 && md <= 1008) || (md >= 125 && md <= 225);
}

/**
 * Days from today (Beijing) to the next ordinary working day, 0 on one. A spec that publishes a 公示 "today" and
 * expects it open at once starts its server (and its pages' clocks) that far ahead: on a Saturday the window
 * would otherwise open on Monday.
 */
export function daysToWorkingDay(): number {
  let d = 0;
  const weekend = (days: number) => [0, 6].includes(new Date(`${beijingDateAfter(days)}T00:00:00Z`).getUTCDay());
  while (weekend(d) || inHolidaySeason(d)) d += 1;
  return d;
}

export type Server = {
  url: string;
  stop: () => Promise<void>;
  /**
   * Stops and starts the server on the same database and port, with extra environment, e.g.
   * `{ SHILIU_CLOCK_OFFSET_DAYS: "15" }` to let a 公示期 pass. Sessions survive unless the offset expires them.
   */
  restart: (extraEnv?: Record<string, string>) => Promise<void>;
  output: () => string;
};

/**
 * The real server (built web app, embedded database in a fresh directory) as a child process. With `demo`, the
 * directory is first filled by `npm run seed:demo` (creation stories in 通辽/后旗 and the 后旗 plan). The web app
 * is dist/web unless WEB_DIR names another build.
 */
export async function startServer(opts: { demo?: boolean; clockOffsetDays?: number } = {}): Promise<Server> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shiliu-e2e-"));
  const port = await freePort();
  const env = serverEnv(dir, port);
  if (opts.clockOffsetDays) env.SHILIU_CLOCK_OFFSET_DAYS = String(opts.clockOffsetDays);
  if (opts.demo) fs.cpSync(demoTemplate(), dir, { recursive: true });
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  let child = await launch(env, url, (d) => (output += d));
  const halt = async () => {
    const exited = new Promise((r) => child.on("exit", r));
    child.kill("SIGTERM");
    await exited;
  };
  return {
    url,
    output: () => output,
    restart: async (extraEnv = {}) => {
      await halt();
      child = await launch({ ...env, ...extraEnv }, url, (d) => (output += d));
    },
    stop: async () => {
      await halt();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Starts server/main.ts and waits until /api/health answers. */
async function launch(env: NodeJS.ProcessEnv, url: string, log: (d: string) => void): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (d: Buffer) => {
    output += d;
    log(String(d));
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const until = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return child;
    } catch {}
    if (Date.now() > until) throw new Error(`server not healthy: ${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A fresh browser context whose page collects console errors, so a spec can assert there were none. */
export async function newPage(
  browser: Browser,
  baseURL: string,
  viewport = DESKTOP,
): Promise<{ context: BrowserContext; page: Page; consoleErrors: string[] }> {
  // Reduced motion, as a user may ask of the system: the console turns antd's animations off, so a click never
  // lands on a dropdown or dialog that is still moving in (the source of the suite's rare flakes on a busy machine).
  const context = await browser.newContext({
    baseURL,
    viewport,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    reducedMotion: "reduce",
  });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on("console", (m) => {
    // A refused login or a 4xx the page handles is logged by the browser as a failed resource: not an app error.
    if (m.type() === "error" && !/Failed to load resource/.test(m.text())) consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  return { context, page, consoleErrors };
}

/**
 * A fresh browser context signed in as `username` (generous waits for a loaded machine), added to `sessions` so
 * the spec's afterAll closes it.
 */
export async function signedIn(
  browser: Browser,
  baseURL: string,
  sessions: Session[],
  username: string,
  password: string,
  viewport = DESKTOP,
): Promise<Session> {
  const s = await newPage(browser, baseURL, viewport);
  s.page.setDefaultTimeout(30_000);
  sessions.push(s);
  await login(s.page, username, password);
  await s.page.waitForURL((u) => !u.pathname.includes("/login"));
  return s;
}

export async function shot(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.waitForLoadState("networkidle").catch(() => undefined);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

export async function login(page: Page, username: string, password: string) {
  await page.goto("/admin/login");
  // Asked on the page's own connection (same client address), not read from the page's response, which a redirect
  // may have left unreadable.
  const { captchaRequired } = await (await page.request.get("/api/auth/login-state")).json();
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码", { exact: true }).fill(password);
  if (captchaRequired) await answerCaptcha(page);
  await page.getByRole("button", { name: /登\s*录/ }).click();
}

const NUMERALS = "零一二三四五六七八九";
/** Reads 0–99 written in Chinese numerals (十二, 二十, 三十五). */
function chineseNumber(s: string) {
  if (!s.includes("十")) return NUMERALS.indexOf(s);
  const [tens, ones] = s.split("十");
  return (tens ? NUMERALS.indexOf(tens) : 1) * 10 + (ones ? NUMERALS.indexOf(ones) : 0);
}

/** Answers the login captcha as a screen-reader user does: switches to the text question and works it out. */
export async function answerCaptcha(page: Page) {
  await page.getByRole("button", { name: "改用文字题（适合读屏软件）" }).click();
  const question = (await page.getByTestId("captcha-question").textContent()) ?? "";
  const m = question.match(/请计算：(.+?)(加|减)(.+?)等于多少/);
  if (!m) throw new Error(`unexpected captcha question: ${question}`);
  const [a, b] = [chineseNumber(m[1]), chineseNumber(m[3])];
  await page.getByLabel("验证码").fill(String(m[2] === "加" ? a + b : a - b));
}

// ---- Helpers shared by the console specs -------------------------------------------------------------------

/** A signed-in (or not yet signed-in) browser page with its context and the console errors it logged. */
export type Session = Awaited<ReturnType<typeof newPage>>;

/**
 * Waits until no finite animation runs (antd's drawer, modal and dropdown motions), then two frames, so that a
 * screenshot or a click lands on the settled page. Strict by default: if animations keep running it fails and
 * names them; `lenient` carries on instead (for pages whose animations may never settle in time).
 */
export async function settle(page: Page, opts: { lenient?: boolean } = {}) {
  await page
    .waitForFunction(() =>
      document
        .getAnimations()
        .every(
          (a) => a.playState !== "running" || a.effect?.getComputedTiming().iterations === Number.POSITIVE_INFINITY,
        ),
    )
    .catch(async (e) => {
      if (opts.lenient) return;
      const running = await page
        .evaluate(() =>
          document
            .getAnimations()
            .filter((a) => a.playState === "running")
            .map((a) => `${(a as CSSAnimation).animationName ?? (a as CSSTransition).transitionProperty ?? a.id}`),
        )
        .catch(() => []);
      throw new Error(`animations still running: ${running.join(", ")}`, { cause: e });
    });
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
}

/** Opens a side-menu entry, unfolding its group first when the entry is hidden. */
export async function openMenu(page: Page, group: string, item: string | RegExp) {
  const entry = page.getByRole("menuitem", { name: item });
  if (!(await entry.isVisible())) await page.getByRole("menuitem", { name: group }).click();
  await entry.click();
}

/** The open antd Select dropdown. */
export const dropdown = (page: Page) => page.locator(".ant-select-dropdown:visible");
/** A form item by its label text. */
export const field = (scope: Locator, label: string) =>
  scope
    .locator(".ant-form-item")
    .filter({ has: scope.page().locator(".ant-form-item-label > label").getByText(label, { exact: true }) });
/** A drawer or modal by its title. */
export const dialog = (page: Page, title: string | RegExp) => page.getByRole("dialog", { name: title });
/** antd puts a space between the two characters of a two-character button label. */
export const label = (text: string) => new RegExp(`^${text.split("").join("\\s*")}$`);
/** The first list table on the page and its data rows. */
export const table = (page: Page) => page.locator(".ant-table").first();
export const rows = (page: Page) => table(page).locator("tbody tr.ant-table-row");

/** Waits for the list table to be there and done loading. */
export async function tableLoaded(page: Page) {
  await table(page).waitFor();
  await page.locator(".ant-table .ant-spin-spinning").first().waitFor({ state: "detached" });
}

/** Confirms the open antd confirmation dialog with its OK button. */
export async function confirm(page: Page, ok: string) {
  const box = page.locator(".ant-modal-confirm:visible");
  await box.getByRole("button", { name: label(ok) }).click();
  await box.waitFor({ state: "detached" });
}

/** The status tag of the application detail page. */
export async function expectStatus(page: Page, status: string) {
  await page.getByTestId("application-detail").locator(".ant-card-head").getByText(status, { exact: true }).waitFor();
}

/**
 * Fills every indicator of the sheet on screen so that it adds up to `total`: 是 and A where asked (全分), the
 * 打分 items at their max, then the shortfall taken off the first 打分 item.
 */
export async function fillSheet(page: Page, total: number) {
  const leaves = page.getByTestId("sheet-leaf");
  await leaves.first().waitFor();
  const n = await leaves.count();
  let first: Locator | null = null;
  let firstMax = 0;
  for (let i = 0; i < n; i++) {
    const leaf = leaves.nth(i);
    const method = await leaf.getAttribute("data-method");
    const max = Number(await leaf.getAttribute("data-max"));
    if (method === "score") {
      await leaf.locator(".ant-input-number input").fill(String(max));
      if (!first) {
        first = leaf;
        firstMax = max;
      }
    } else if (method === "yes_no") await leaf.locator(".ant-radio-button-wrapper", { hasText: /^是$/ }).click();
    else await leaf.locator(".ant-radio-button-wrapper", { hasText: /^A$/ }).click();
  }
  const shortfall = 100 - total;
  if (first && shortfall) await first.locator(".ant-input-number input").fill(String(firstMax - shortfall));
  await page.getByTestId("sheet-bar").click({ position: { x: 2, y: 2 } }); // blur: the number is committed
  await expect.poll(() => page.getByTestId("sheet-total").textContent()).toBe(String(total));
}
