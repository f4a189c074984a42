import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_PASSWORD,
  DESKTOP,
  dialog,
  field,
  launchBrowser,
  login,
  newPage,
  openMenu,
  PHONE,
  type Server,
  settle,
  shot,
  startServer,
  tableLoaded,
} from "./support.js";

/**
 * Issue 17 in the browser, on the demo data: 科左后旗民宗局 (hq_mzj) writes an article, submits it, reviews and
 * publishes it, and it appears on the portal's 新闻动态; searches for 民族 and 团结 find the policy documents that
 * contain them (站内搜索 and the 政策法规 page), at desktop and phone size.
 */
describe("portal: news published by a department, policy search", () => {
  let server: Server;
  let browser: Browser;
  const title = "科左后旗举办民族团结进步宣讲进社区活动";
  const titleMn = "ᠬᠣᠷᠴᠢᠨ ᠵᠡᠭᠦᠨ ᠭᠠᠷᠤᠨ ᠬᠣᠶᠢᠲᠤ ᠬᠣᠰᠢᠭᠤ ᠦᠨᠳᠦᠰᠦᠲᠡᠨ\u202fᠦ ᠡᠪ ᠨᠢᠭᠡᠳᠦᠯ\u202fᠦᠨ ᠬᠤᠷᠠᠯ ᠬᠢᠪᠡ";
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
    // The demo seed on a busy shared machine can take longer than the default hook timeout.
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("a department drafts, submits, reviews and publishes an article that appears on the portal", async () => {
    const { page, consoleErrors, context } = await newPage(browser, server.url);
    await login(page, "hq_mzj", DEMO_PASSWORD);
    await page.waitForURL((u) => !u.pathname.includes("/login"));
    await openMenu(page, "门户内容", "新闻动态");
    await tableLoaded(page);
    await page.getByRole("button", { name: "写新闻" }).click();
    const form = dialog(page, "写新闻");
    await field(form, "标题").locator("input").fill(title);
    await field(form, "摘要").locator("textarea").fill("宣讲团走进甘旗卡镇各社区，讲述民族团结故事。");
    await field(form, "正文").locator("textarea").fill("12月1日，宣讲团走进甘旗卡镇各社区。\n各族群众踊跃参加。");
    await field(form, "蒙古文标题（可不填）").locator("input").fill(titleMn);
    await form.getByRole("button", { name: /保\s*存/ }).click();
    await form.waitFor({ state: "detached" });
    const drawer = dialog(page, title);
    await drawer.getByRole("button", { name: "提交审核" }).click();
    await drawer.getByRole("button", { name: "审核发布" }).waitFor();
    await settle(page);
    await shot(page, "portal-news-review");
    await drawer.getByRole("button", { name: "审核发布" }).click();
    await drawer.getByText("已发布", { exact: true }).waitFor();
    await drawer.getByRole("tab", { name: "操作记录" }).click();
    await drawer.getByText("发布新闻").first().waitFor();

    await page.goto("/news");
    const row = page.locator(".news-row", { hasText: title });
    await row.waitFor();
    expect(await page.locator(".news-row").first().textContent()).toContain(title);
    await shot(page, "portal-news-desktop");
    await row.getByRole("link", { name: title }).click();
    await page.locator("#news-detail-title").waitFor();
    expect(await page.locator("#news-detail-title").textContent()).toBe(title);
    expect(await page.locator(".article-body p").count()).toBe(2);
    expect(await page.locator(".meta").first().textContent()).toContain("科尔沁左翼后旗民族事务委员会");
    const rss = await (await fetch(`${server.url}/api/public/news/rss.xml`)).text();
    expect(rss).toContain(title);
    // In 蒙古文 the article shows its Mongolian title (marked mn-Mong); its text, with no Mongolian version, stays Chinese.
    await page.getByRole("button", { name: "蒙古文" }).click();
    await page.waitForFunction(() => document.documentElement.lang === "mn-Mong");
    await page.locator('#news-detail-title[lang="mn-Mong"]').waitFor();
    expect(await page.locator("#news-detail-title").textContent()).toBe(titleMn);
    expect(await page.locator(".article-body").getAttribute("lang")).toBe("zh-CN");
    await page.goto("/news");
    await page.locator(".news-row").first().waitFor();
    expect(await page.locator(".news-row .notice-title").first().textContent()).toBe(titleMn);
    await shot(page, "portal-news-mongolian");
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it("the site search also finds education bases and deeds, each linking to its page", async () => {
    const base = (await (await fetch(`${server.url}/api/public/bases?pageSize=1`)).json()).items[0];
    const deed = (await (await fetch(`${server.url}/api/public/honors/deeds?pageSize=1`)).json()).items[0];
    expect(base?.name).toBeTruthy();
    expect(deed?.honoreeName).toBeTruthy();
    const { page, consoleErrors, context } = await newPage(browser, server.url, PHONE);
    await page.goto(`/search?q=${encodeURIComponent(base.name)}`);
    const bases = page.locator(".search-group", { has: page.getByRole("heading", { name: /教育基地/ }) });
    await bases.getByRole("link", { name: base.name }).click();
    await page.waitForURL(new RegExp(`/bases/${base.id}`));
    await page.goto(`/search?q=${encodeURIComponent(deed.honoreeName)}`);
    const deeds = page.locator(".search-group", { has: page.getByRole("heading", { name: /先进事迹/ }) });
    await deeds.locator(".notice-title").filter({ hasText: deed.honoreeName }).first().click();
    await page.waitForURL(/\/models\?q=/);
    await page.getByText(deed.honoreeName).first().waitFor();
    await shot(page, "portal-search-deeds-phone");
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it("searches for 民族 and 团结 find the policy documents, at desktop and phone size", async () => {
    for (const [viewport, suffix] of [
      [DESKTOP, "desktop"],
      [PHONE, "phone"],
    ] as const) {
      const { page, consoleErrors, context } = await newPage(browser, server.url, viewport);
      await page.goto("/");
      await page.locator("#home-search").fill("民族");
      await page.getByRole("button", { name: "搜索" }).click();
      await page.waitForURL(/\/search\?q=/);
      const policies = page.locator(".search-group", { has: page.getByRole("heading", { name: /政策法规/ }) });
      await policies.locator(".notice-row").first().waitFor();
      const found = await policies.locator(".notice-title").allTextContents();
      expect(found).toContain("科左后旗民族团结进步创建发展规划（2021-2025年）");
      await shot(page, `portal-search-${suffix}`);

      for (const q of ["民族", "团结"]) {
        await page.goto(`/policies?q=${encodeURIComponent(q)}`);
        await page.locator(".notice-row").first().waitFor();
        const titles = await page.locator(".notice-row .notice-title").allTextContents();
        const api = await (
          await fetch(`${server.url}/api/public/policies?q=${encodeURIComponent(q)}&pageSize=50`)
        ).json();
        expect(api.total).toBeGreaterThan(0);
        expect(titles).toEqual(api.items.slice(0, 10).map((p: { title: string }) => p.title));
        for (const p of api.items as { title: string; id: string }[]) {
          const doc = await (await fetch(`${server.url}/api/public/policies/${p.id}`)).json();
          expect(`${doc.title} ${doc.issuer} ${doc.docNumber ?? ""} ${doc.body}`).toContain(q);
        }
      }
      // A facet narrows the list, and the document page shows the government-site fields.
      await page.getByRole("button", { name: /已废止/ }).click();
      await page.locator(".badge-validity-repealed").first().waitFor();
      await page.locator(".notice-row .notice-title").first().click();
      await page.locator("#policy-title").waitFor();
      expect(await page.locator(".doc-fields").textContent()).toContain("替代文件");
      await shot(page, `portal-policy-${suffix}`);
      expect(consoleErrors).toEqual([]);
      await context.close();
    }
  });
});
