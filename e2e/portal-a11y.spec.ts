import fs from "node:fs";
import { createRequire } from "node:module";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DESKTOP, launchBrowser, newPage, PHONE, type Server, shot, startServer } from "./support.js";

/**
 * Issue 17 §4–§5 in the browser, on the demo data: axe-core finds no serious or critical accessibility violation on
 * any portal page, at desktop and phone size, in the ordinary and the 适老化 mode; 适老化 is large, spaced, without
 * shadows or motion, and usable with the keyboard; the portal switched to Mongolian is laid out vertically in the
 * Mongolian font (fetched only then), keeps tables horizontal, and remembers the choice.
 */
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const SIZES = [
  [DESKTOP, "desktop"],
  [PHONE, "phone"],
] as const;

type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/** The serious and critical violations axe-core finds on the page as it is now. */
async function axe(page: Page): Promise<string[]> {
  // The portal's CSP (script-src 'self') refuses an inline <script> (page.addScriptTag): the source is evaluated
  // through the DevTools protocol instead, which a page's CSP does not govern.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(`${AXE}\n;true`);
  const violations: Violation[] = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe-core is injected as a script, without types in the page
    const result = await (window as any).axe.run(document, { resultTypes: ["violations"] });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Opens a portal path and waits until its data has arrived (no 正在加载 left). */
async function open(page: Page, path: string) {
  await page.goto(path);
  await page.locator("main h1").first().waitFor();
  await page.waitForLoadState("networkidle").catch(() => undefined);
  await page.locator("main .loading").waitFor({ state: "detached" });
}

describe("portal: accessibility, 适老化 and Mongolian", () => {
  let server: Server;
  let browser: Browser;
  let paths: string[] = [];
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
    const get = async (p: string) => (await fetch(`${server.url}${p}`)).json();
    const notice = (await get("/api/public/publicity/notices?pageSize=1")).items[0];
    const news = (await get("/api/public/news?pageSize=1")).items[0];
    const policy = (await get("/api/public/policies?pageSize=1")).items[0];
    const base = (await get("/api/public/bases?pageSize=50")).items.find((b: { hasPage: boolean }) => b.hasPage);
    const basePage = await get(`/api/public/bases/${base.id}`);
    paths = [
      "/",
      "/notices",
      `/notices/${notice.id}`,
      "/notices/track",
      "/units",
      "/bases",
      `/bases/${base.id}`,
      `/bases/${base.id}/exhibits/${basePage.content.exhibits[0].id}`,
      `/bases/${base.id}/book/${basePage.sessions[0].id}`,
      "/bases/booking",
      "/models",
      "/policies",
      `/policies/${policy.id}`,
      "/requests",
      "/requests/track",
      "/requests/guide?region=150522",
      "/requests/screen?region=150522",
      "/activities",
      "/news",
      `/news/${news.id}`,
      `/search?q=${encodeURIComponent("民族")}`,
      "/no-such-page",
    ];
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("axe-core: no serious or critical violation on any portal page, desktop and phone, ordinary and 适老化", async () => {
    const found: string[] = [];
    for (const [viewport, size] of SIZES) {
      for (const elder of [false, true]) {
        const { page, context, consoleErrors } = await newPage(browser, server.url, viewport);
        if (elder) await context.addInitScript(() => localStorage.setItem("shiliu.portal.largeText", "1"));
        for (const path of paths) {
          await open(page, path);
          for (const v of await axe(page)) found.push(`${size}${elder ? " 适老化" : ""} ${path}: ${v}`);
        }
        expect(consoleErrors).toEqual([]);
        await context.close();
      }
    }
    expect(found).toEqual([]);
  });

  it("适老化: larger type, line spacing ≥ 1.3, no shadows or floating boxes, everything reached by the keyboard", async () => {
    const { page, context } = await newPage(browser, server.url, DESKTOP);
    await open(page, "/");
    const toggle = page.getByRole("button", { name: "适老化模式" });
    // Reached and switched with the keyboard alone.
    for (let i = 0; i < 10 && !(await toggle.evaluate((el) => el === document.activeElement)); i++)
      await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    expect(await toggle.getAttribute("aria-pressed")).toBe("true");
    const look = await page.evaluate(() => {
      const all = Array.from(document.querySelectorAll<HTMLElement>("body *")).filter((el) => el.offsetParent !== null);
      const textual = all.filter((el) =>
        Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim()),
      );
      return {
        rootPx: Number.parseFloat(getComputedStyle(document.documentElement).fontSize),
        minLineHeight: Math.min(
          ...textual.map((el) => {
            const s = getComputedStyle(el);
            return Number.parseFloat(s.lineHeight) / Number.parseFloat(s.fontSize);
          }),
        ),
        // The focus ring's halo is the one shadow allowed (on the toggle, focused from the keyboard).
        shadows: all.filter((el) => el !== document.activeElement && getComputedStyle(el).boxShadow !== "none").length,
        floating: all.filter((el) => ["fixed", "sticky"].includes(getComputedStyle(el).position)).length,
      };
    });
    expect(look.rootPx).toBeGreaterThanOrEqual(20);
    expect(look.minLineHeight).toBeGreaterThanOrEqual(1.3);
    expect(look.shadows).toBe(0);
    expect(look.floating).toBe(0);
    // Every control on the home page is reached by Tab, each with a visible focus ring.
    const controls = await page.locator("a[href], button, input, select, textarea").count();
    const seen = new Set<string>();
    for (let i = 0; i < controls + 5; i++) {
      await page.keyboard.press("Tab");
      const focus = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const s = getComputedStyle(el);
        return { key: el.outerHTML.slice(0, 120), ring: Number.parseFloat(s.outlineWidth), style: s.outlineStyle };
      });
      if (focus.key.startsWith("<body")) continue;
      seen.add(focus.key);
      expect(focus.ring, focus.key).toBeGreaterThanOrEqual(3);
      expect(focus.style, focus.key).not.toBe("none");
    }
    expect(seen.size).toBeGreaterThanOrEqual(controls - 1); // the skip link is the one taken before the toggle
    await shot(page, "portal-elder-desktop");
    // A section card opens with Enter.
    await page.locator('[data-section="policies"] a').focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/policies$/);
    await context.close();
  });

  it("蒙古文: vertical pages in the Mongolian font, loaded only when chosen; tables stay horizontal; remembered", async () => {
    for (const [viewport, size] of SIZES) {
      const { page, context, consoleErrors } = await newPage(browser, server.url, viewport);
      const requested: string[] = [];
      page.on("request", (r) => requested.push(r.url()));
      await open(page, "/");
      await page.waitForTimeout(300);
      const mongolianAssets = () => requested.filter((u) => /noto-sans-mongolian|\/assets\/mn-/.test(u));
      expect(mongolianAssets()).toEqual([]);
      await page.getByRole("button", { name: "蒙古文" }).click();
      await page.waitForFunction(() => document.documentElement.lang === "mn-Mong");
      await page.getByRole("button", { name: "中文" }).waitFor();
      const state = await page.evaluate(async () => {
        await document.fonts.ready;
        const faces: FontFace[] = [];
        document.fonts.forEach((f) => {
          if (f.family.replace(/"/g, "") === "Noto Sans Mongolian") faces.push(f);
        });
        return {
          html: getComputedStyle(document.documentElement).writingMode,
          main: getComputedStyle(document.getElementById("main") as HTMLElement).writingMode,
          heading: getComputedStyle(document.querySelector("h1") as HTMLElement).writingMode,
          font: getComputedStyle(document.body).fontFamily,
          loaded: faces.some((f) => f.status === "loaded"),
          check: document.fonts.check('16px "Noto Sans Mongolian"', "ᠮᠣᠩᠭᠣᠯ"),
          title: document.querySelector("h1")?.textContent ?? "",
          // Lines run down and follow each other to the right: the page grows sideways.
          sideways: document.documentElement.scrollWidth > window.innerWidth,
        };
      });
      expect(state.html).toBe("vertical-lr");
      expect(state.main).toBe("vertical-lr");
      expect(state.heading).toBe("vertical-lr");
      expect(state.font).toContain("Noto Sans Mongolian");
      expect(state.loaded).toBe(true);
      expect(state.check).toBe(true);
      expect(state.title).toMatch(/[\u1820-\u18AF]/);
      expect(state.sideways).toBe(true);
      expect(mongolianAssets().some((u) => u.endsWith(".woff2"))).toBe(true);
      await shot(page, `portal-mn-${size}`);

      // Remembered: another page opens in Mongolian; its table keeps horizontal lines inside the vertical page.
      await open(page, "/units");
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("mn-Mong");
      expect(await page.locator(".table-wrap").evaluate((el) => getComputedStyle(el).writingMode)).toBe(
        "horizontal-tb",
      );
      expect(await page.locator(".section-head h1").evaluate((el) => getComputedStyle(el).writingMode)).toBe(
        "vertical-lr",
      );
      await shot(page, `portal-mn-units-${size}`);
      await open(page, "/news");
      await shot(page, `portal-mn-news-${size}`);
      expect(await axe(page)).toEqual([]);

      // Back to Chinese: horizontal again, and it stays so.
      await page.getByRole("button", { name: "中文" }).click();
      await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).writingMode)).toBe("horizontal-tb");
      await page.reload();
      await page.locator("main h1").first().waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("zh-CN");
      expect(await page.locator("main h1").first().textContent()).toBe("新闻动态");
      expect(consoleErrors).toEqual([]);
      await context.close();
    }
  });
});
