import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, login, twoBanners, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { upload } from "../bases/bases.fixtures.js";

/**
 * 新闻动态 through the HTTP API: a unit of 后旗 drafts with a photo, submits; 中旗's department cannot see it
 * (404); 后旗's department returns it, publishes it, the portal lists it by region and category, with its
 * photo and in the RSS feed; withdrawal takes it off the portal. The history lists every step.
 */
describe("门户内容: news review and the portal", () => {
  let h: TestApp;
  let fx: Awaited<ReturnType<typeof twoBanners>>;
  let houqi: Client;
  let zhongqi: Client;
  let unit: Client;
  let newsId: string;
  let photoId: string;
  const pub = (url: string) => h.app.inject({ method: "GET", url });

  beforeAll(async () => {
    h = await createTestApp({ start: "2026-11-02T01:00:00Z" });
    fx = await twoBanners(h);
    houqi = await login(h, "houqi_admin", USER_PASSWORD);
    zhongqi = await login(h, "zhongqi_admin", USER_PASSWORD);
    unit = await login(h, "houqi_unit", USER_PASSWORD);
  });
  afterAll(async () => h?.close());

  it("a unit drafts an article with a photo of its library; the category must be a dictionary code", async () => {
    photoId = await upload(unit, "邻里节合影", "png");
    const bad = await unit.req("/api/news", {
      method: "POST",
      body: { title: "邻里节", body: "正文", category: "nope" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe("category");
    // A photo of another organization's library is refused.
    const theirs = await upload(houqi, "民委的照片", "png");
    const foreign = await unit.req("/api/news", {
      method: "POST",
      body: { title: "邻里节", body: "正文", category: "grassroots", photoIds: [theirs] },
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.details.fields[0].field).toBe("photoIds");
    const n = await unit.json("/api/news", {
      method: "POST",
      body: {
        title: "甘旗卡镇举办“石榴籽一家亲”邻里节",
        summary: "各族居民同台演出",
        body: "各族居民同台演出、共包饺子，民族团结一家亲。",
        category: "grassroots",
        coverId: photoId,
        photoIds: [photoId],
      },
    });
    newsId = n.id;
    expect(n).toMatchObject({
      status: "draft",
      categoryLabel: "基层风采",
      orgName: "甘旗卡镇人民政府",
      regionCode: "150522100",
      canEdit: true,
      canReview: false,
    });
    // Not on the portal, not visible to 中旗.
    expect((await pub(`/api/public/news/${newsId}`)).statusCode).toBe(404);
    expect((await zhongqi.req(`/api/news/${newsId}`)).statusCode).toBe(404);
    expect((await zhongqi.json("/api/news")).total).toBe(0);
  });

  it("the department returns, the unit fixes and resubmits, the department publishes", async () => {
    await unit.json(`/api/news/${newsId}/submit`, { method: "POST" });
    // The unit cannot publish its own article; the writer cannot edit while it waits.
    expect((await unit.req(`/api/news/${newsId}/publish`, { method: "POST" })).statusCode).toBe(403);
    const locked = await unit.req(`/api/news/${newsId}`, {
      method: "PUT",
      body: { title: "改", body: "改", category: "grassroots" },
    });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.code).toBe("ILLEGAL_TRANSITION");
    // 中旗 may not review 后旗's article.
    expect((await zhongqi.req(`/api/news/${newsId}/publish`, { method: "POST" })).statusCode).toBe(404);
    const mine = await houqi.json(`/api/news/${newsId}`);
    expect(mine).toMatchObject({ status: "submitted", canReview: true, canEdit: false });
    const returned = await houqi.json(`/api/news/${newsId}/return`, {
      method: "POST",
      body: { reason: "请补充活动时间" },
    });
    expect(returned).toMatchObject({ status: "draft", returnReason: "请补充活动时间" });
    // The Mongolian title is one line of safe text: a bidi override is refused, naming the field in Chinese.
    const spoofed = await unit.req(`/api/news/${newsId}`, {
      method: "PUT",
      body: { title: "邻里节", body: "正文", category: "grassroots", titleMn: "ᠨᠠᠶᠢᠷ\u202Eexe" },
    });
    expect(spoofed.statusCode).toBe(400);
    expect(spoofed.json().error.details.fields[0]).toMatchObject({ field: "titleMn", label: "蒙古文标题" });
    const ctrl = await unit.req(`/api/news/${newsId}`, {
      method: "PUT",
      body: { title: "邻里节", body: "正文", category: "grassroots", bodyMn: "ᠨᠠᠶᠢᠷ\u0007" },
    });
    expect(ctrl.statusCode).toBe(400);
    expect(ctrl.json().error.details.fields[0]).toMatchObject({ field: "bodyMn", label: "蒙古文正文" });
    expect((await unit.json(`/api/news/${newsId}`)).titleMn).toBe("");
    await unit.json(`/api/news/${newsId}`, {
      method: "PUT",
      body: {
        title: "甘旗卡镇举办“石榴籽一家亲”邻里节",
        summary: "11月6日，各族居民同台演出",
        body: "11月6日，各族居民同台演出、共包饺子，民族团结一家亲。",
        category: "grassroots",
        coverId: photoId,
        photoIds: [photoId],
        titleMn: "  ᠭᠠᠨᠴᠢᠭ\u180eᠠ ᠪᠠᠯᠭᠠᠰᠤ ᠨᠠᠶᠢᠷ ᠬᠢᠪᠡ ",
        bodyMn: "ᠠᠨᠳᠠᠢ ᠪᠥᠵᠢᠭ ᠪᠥᠵᠢᠭᠯᠡᠪᠡ᠃\r\nᠵᠢᠯ ᠪᠦᠷᠢ ᠬᠢᠨ\u180eᠡ᠃",
      },
    });
    await unit.json(`/api/news/${newsId}/submit`, { method: "POST" });
    h.clock.set("2026-11-03T07:00:00Z");
    houqi = await login(h, "houqi_admin", USER_PASSWORD);
    zhongqi = await login(h, "zhongqi_admin", USER_PASSWORD);
    unit = await login(h, "houqi_unit", USER_PASSWORD);
    const published = await houqi.json(`/api/news/${newsId}/publish`, { method: "POST" });
    expect(published.status).toBe("published");
    expect(published.publishedAt).toBe("2026-11-03T07:00:00.000Z");
  });

  it("the portal lists it by region and category, shows its photo and puts it in the RSS feed", async () => {
    const all = (await pub("/api/public/news")).json();
    expect(all.items.map((n: { id: string }) => n.id)).toEqual([newsId]);
    expect(all.items[0]).toMatchObject({ orgName: "甘旗卡镇人民政府", categoryLabel: "基层风采" });
    expect((await pub("/api/public/news?regionCode=150522")).json().total).toBe(1);
    expect((await pub("/api/public/news?regionCode=150521")).json().total).toBe(0);
    expect((await pub("/api/public/news?category=work")).json().total).toBe(0);
    expect((await pub("/api/public/news?q=邻里")).json().total).toBe(1);
    expect(all.items[0].titleMn).toBe("ᠭᠠᠨᠴᠢᠭ\u180eᠠ ᠪᠠᠯᠭᠠᠰᠤ ᠨᠠᠶᠢᠷ ᠬᠢᠪᠡ");
    const detail = (await pub(`/api/public/news/${newsId}`)).json();
    expect(detail).toMatchObject({
      title: "甘旗卡镇举办“石榴籽一家亲”邻里节",
      titleMn: "ᠭᠠᠨᠴᠢᠭ\u180eᠠ ᠪᠠᠯᠭᠠᠰᠤ ᠨᠠᠶᠢᠷ ᠬᠢᠪᠡ",
      bodyMn: "ᠠᠨᠳᠠᠢ ᠪᠥᠵᠢᠭ ᠪᠥᠵᠢᠭᠯᠡᠪᠡ᠃\nᠵᠢᠯ ᠪᠦᠷᠢ ᠬᠢᠨ\u180eᠡ᠃",
    });
    expect(detail.photos).toEqual([{ id: photoId, title: "邻里节合影", mimeType: "image/png" }]);
    const img = await pub(`/api/public/news/${newsId}/files/${photoId}`);
    expect(img.statusCode).toBe(200);
    expect(img.headers["content-type"]).toBe("image/png");
    const other = await upload(unit, "未引用的照片", "png");
    expect((await pub(`/api/public/news/${newsId}/files/${other}`)).statusCode).toBe(404);
    const rss = await pub("/api/public/news/rss.xml");
    expect(rss.headers["content-type"]).toContain("application/rss+xml");
    expect(rss.body).toContain("<title>甘旗卡镇举办“石榴籽一家亲”邻里节</title>");
    expect(rss.body).toContain(`/news/${newsId}</link>`);
    const search = (await pub(`/api/public/search?q=${encodeURIComponent("石榴籽")}`)).json();
    const news = search.groups.find((g: { kind: string }) => g.kind === "news");
    expect(news.total).toBe(1);
    expect(news.items[0].href).toBe(`/news/${newsId}`);
  });

  it("withdrawal takes it off the portal; the history lists each step; 中旗 gets 404 for it", async () => {
    const bad = await houqi.req(`/api/news/${newsId}/withdraw`, { method: "POST", body: {} });
    expect(bad.statusCode).toBe(400);
    await houqi.json(`/api/news/${newsId}/withdraw`, { method: "POST", body: { reason: "日期有误" } });
    expect((await pub(`/api/public/news/${newsId}`)).statusCode).toBe(404);
    expect((await pub("/api/public/news")).json().total).toBe(0);
    const history = await unit.json(`/api/news/${newsId}/history`);
    expect(history.items.map((e: { action: string }) => e.action).reverse()).toEqual([
      "news.create",
      "news.submit",
      "news.return",
      "news.update",
      "news.submit",
      "news.publish",
      "news.withdraw",
    ]);
    // The Mongolian fields are audited with the others (the fix after the return entered them).
    const update = history.items.find((e: { action: string }) => e.action === "news.update");
    expect(update.changes.titleMn).toEqual(["", "ᠭᠠᠨᠴᠢᠭ\u180eᠠ ᠪᠠᠯᠭᠠᠰᠤ ᠨᠠᠶᠢᠷ ᠬᠢᠪᠡ"]);
    expect(update.changes.bodyMn?.[0]).toBe("");
    expect((await zhongqi.req(`/api/news/${newsId}/history`)).statusCode).toBe(404);
    const revised = await unit.json(`/api/news/${newsId}/revise`, { method: "POST" });
    expect(revised).toMatchObject({ status: "draft", canEdit: true });
    expect(fx.houqiTown.name).toBe("甘旗卡镇人民政府");
  });

  it("批量审核发布: the 旗 publishes two submitted articles at once; a draft and 中旗's attempt are refused with reasons", async () => {
    const write = async (title: string, submit: boolean) => {
      const n = await unit.json("/api/news", {
        method: "POST",
        body: { title, body: `${title}。`, category: "grassroots" },
      });
      if (submit) await unit.json(`/api/news/${n.id}/submit`, { method: "POST" });
      return n.id as string;
    };
    const a = await write("甘旗卡镇开展民族团结进步宣传月活动", true);
    const b = await write("团结社区举办各族居民运动会", true);
    const draft = await write("尚未提交的稿件", false);
    const theirs = await zhongqi.json("/api/news/bulk/publish", { method: "POST", body: { ids: [a] } });
    expect([theirs.succeeded.length, theirs.failed.length]).toEqual([0, 1]);
    expect(theirs.failed[0].name).not.toContain("宣传月"); // never another banner's title
    const r = await houqi.json("/api/news/bulk/publish", { method: "POST", body: { ids: [a, b, draft] } });
    expect(r.succeeded.map((x: { id: string }) => x.id).sort()).toEqual([a, b].sort());
    expect(r.failed.map((x: { id: string; reason: string }) => [x.id, x.reason.length > 2])).toEqual([[draft, true]]);
    for (const id of [a, b]) expect((await pub(`/api/public/news/${id}`)).statusCode).toBe(200);
    expect((await pub(`/api/public/news/${draft}`)).statusCode).toBe(404);
  });

  it("消息中心: an article waiting for review is the 旗's to-do (not 中旗's); returned, it is the unit's, and the 旗's is resolved", async () => {
    type Msg = { title: string; kindLabel: string; link: string | null; resolved: boolean; source: string };
    const news = async (c: Client) => {
      h.clock.advance(61_000); // a sync runs at most once a minute
      return (await c.json<{ items: Msg[] }>("/api/messages?pageSize=100&source=content")).items;
    };
    const title = "团结社区开展“三交”主题宣讲";
    const n = await unit.json("/api/news", {
      method: "POST",
      body: { title, body: "宣讲内容。", category: "grassroots" },
    });
    await unit.json(`/api/news/${n.id}/submit`, { method: "POST" });
    const mine = (await news(houqi)).filter((m) => m.title === title && !m.resolved);
    expect(mine.map((m) => [m.kindLabel, m.link])).toEqual([["待审核的新闻", "/content/news?status=submitted"]]);
    expect((await news(zhongqi)).filter((m) => m.title === title)).toEqual([]);
    await houqi.json(`/api/news/${n.id}/return`, { method: "POST", body: { reason: "请补充活动照片" } });
    const theirs = (await news(unit)).filter((m) => m.title === title && !m.resolved);
    expect(theirs.map((m) => m.kindLabel)).toEqual(["退回修改的新闻"]);
    expect((await news(houqi)).find((m) => m.title === title)?.resolved).toBe(true);
  });
});
