import { sql } from "drizzle-orm";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, createUser, exportedSelection, login, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { users } from "../identity/identity.schema.js";
import { baseFixture, sessionBody, upload } from "./bases.fixtures.js";

/**
 * The bar's flow through the HTTP API with a fake clock: the base's staff build and submit a page, the supervising
 * department publishes it, the public books (40 of 60, a second 30 refused), approval, check-in with 38 present,
 * walk-ins, the month's report prefilled, confirmed and accepted, and the region's figure moving by that amount.
 */
describe("教育基地: page, booking, check-in and monthly report", () => {
  let h: TestApp;
  let fx: Awaited<ReturnType<typeof baseFixture>>;
  let staff: Client;
  let other: Client;
  let baseId: string;
  let sessionId: string;
  let code: string;
  let audioId: string;
  const pub = (url: string, method: "GET" | "POST" = "GET", body?: unknown) =>
    h.app.inject({ method, url, ...(body ? { payload: body as object } : {}) });

  beforeAll(async () => {
    h = await createTestApp({ start: "2026-03-02T01:00:00Z" });
    fx = await baseFixture(h);
    baseId = fx.base.id;
    staff = fx.houqiUnitUser;
    // A unit user of 中旗: base:operate, but not of this base's operating organization.
    await createUser(h, fx.admin, "zhongqi_unit", fx.zhongqiTown.id, ["unit_user"]);
    other = await login(h, "zhongqi_unit", USER_PASSWORD);
  });
  /** Moves the clock and signs everyone in again (sessions end after a long idle). */
  const setClock = async (at: string) => {
    h.clock.set(at);
    // Months pass in this test: the users' passwords do not expire on the way.
    await h.deps.db.update(users).set({ passwordChangedAt: h.clock.now() });
    fx.houqiAdmin = await login(h, "houqi_admin", USER_PASSWORD);
    fx.zhongqiAdmin = await login(h, "zhongqi_admin", USER_PASSWORD);
    staff = await login(h, "houqi_unit", USER_PASSWORD);
    other = await login(h, "zhongqi_unit", USER_PASSWORD);
  };
  afterAll(async () => h?.close());

  it("registers a base with its term, visible to its department and staff only", async () => {
    expect(fx.base).toMatchObject({
      termEndsOn: "2027-01-09",
      status: "active",
      reviewDue: false,
      access: "supervise",
    });
    expect(fx.base.kindLabel).toBe("民族团结进步教育基地");
    expect(fx.base.operatingOrgName).toBe("甘旗卡镇人民政府");
    const mine = await staff.json(`/api/bases/${baseId}`);
    expect(mine.access).toBe("operate");
    expect(mine.contactPhone).toBe("04758888888");
    expect((await fx.zhongqiAdmin.req(`/api/bases/${baseId}`)).statusCode).toBe(404);
    expect((await other.req(`/api/bases/${baseId}`)).statusCode).toBe(404);
    expect((await fx.zhongqiAdmin.json("/api/bases")).total).toBe(0);
    expect((await fx.houqiAdmin.json("/api/bases?q=团结")).total).toBe(1);
    expect((await fx.houqiAdmin.json("/api/bases?q=草原")).total).toBe(0);
    // 中旗 may not register a base in 后旗.
    const res = await fx.zhongqiAdmin.req("/api/bases", {
      method: "POST",
      body: {
        name: "越权基地",
        kind: "patriotism",
        level: "county",
        operatingOrgId: fx.houqiTown.id,
        regionCode: "150522",
        namedOn: "2025-01-01",
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].field).toBe("regionCode");
    // The staff do not edit the registry entry (no base:supervise).
    expect(
      (await staff.req(`/api/bases/${baseId}/revoke`, { method: "POST", body: { reason: "测试" } })).statusCode,
    ).toBe(403);
  });

  it("the staff build a page with a gallery, an exhibit with audio and a panorama; the department publishes it", async () => {
    const photo = await upload(staff, "展厅全景照片", "png");
    const pano = await upload(staff, "360度全景", "png");
    audioId = await upload(staff, "第一展厅讲解", "wav");
    const content = {
      intro: "教育馆展示科尔沁左翼后旗各族群众交往交流交融的历史。",
      galleryIds: [photo],
      exhibits: [{ id: "e1", title: "第一展厅：守望相助", text: "展厅介绍", imageIds: [photo], audioId }],
      panorama: { imageId: pano, hotspots: [{ id: "h1", yaw: 30, pitch: 0, title: "第一展厅", exhibitId: "e1" }] },
    };
    // The department reviews, it does not edit the base's page; another unit cannot see it at all.
    expect(
      (await fx.houqiAdmin.req(`/api/bases/${baseId}/pages/draft`, { method: "PUT", body: content })).statusCode,
    ).toBe(403);
    expect((await other.req(`/api/bases/${baseId}/pages/draft`, { method: "PUT", body: content })).statusCode).toBe(
      404,
    );
    const draft = await staff.json(`/api/bases/${baseId}/pages/draft`, { method: "PUT", body: content });
    expect(draft).toMatchObject({ version: 1, status: "draft" });
    expect((await pub(`/api/public/bases/${baseId}`)).statusCode).toBe(404);
    await staff.json(`/api/bases/${baseId}/pages/${draft.id}/submit`, { method: "POST" });
    expect((await staff.req(`/api/bases/${baseId}/pages/${draft.id}/publish`, { method: "POST" })).statusCode).toBe(
      403,
    );
    expect(
      (await fx.zhongqiAdmin.req(`/api/bases/${baseId}/pages/${draft.id}/publish`, { method: "POST" })).statusCode,
    ).toBe(404);
    const published = await fx.houqiAdmin.json(`/api/bases/${baseId}/pages/${draft.id}/publish`, { method: "POST" });
    expect(published.status).toBe("published");
    const page = (await pub(`/api/public/bases/${baseId}`)).json();
    expect(page.content.exhibits[0].audioId).toBe(audioId);
    expect(page.content.panorama.hotspots).toHaveLength(1);
    const audio = await pub(`/api/public/bases/${baseId}/files/${audioId}`);
    expect(audio.statusCode).toBe(200);
    expect(audio.headers["content-type"]).toBe("audio/wav");
    // A material the page does not reference is not served.
    const stray = await upload(staff, "内部文件", "png");
    expect((await pub(`/api/public/bases/${baseId}/files/${stray}`)).statusCode).toBe(404);
    // A second version keeps the first in the history.
    const v2 = await staff.json(`/api/bases/${baseId}/pages/draft`, {
      method: "PUT",
      body: { ...content, intro: "第二版" },
    });
    expect(v2.version).toBe(2);
    await staff.json(`/api/bases/${baseId}/pages/${v2.id}/submit`, { method: "POST" });
    await fx.houqiAdmin.json(`/api/bases/${baseId}/pages/${v2.id}/return`, {
      method: "POST",
      body: { reason: "请补充展项" },
    });
    const versions = await staff.json(`/api/bases/${baseId}/pages`);
    expect(versions.map((v: { status: string }) => v.status)).toEqual(["returned", "published"]);
    const dir = (await pub("/api/public/bases?regionCode=1505&lat=42.9&lng=122.3")).json();
    expect(dir.items[0]).toMatchObject({ id: baseId, hasPage: true });
    expect(dir.items[0].distanceKm).toBeGreaterThan(0);
    expect(dir.byRegion).toEqual([{ regionCode: "150522", regionName: "科尔沁左翼后旗", count: 1 }]);
    // 蒙古文名称 / 蒙古文介绍: none on the published page yet ("" for a page saved before they existed).
    expect(dir.items[0].nameMn).toBe("");
    expect(page.content).toMatchObject({ nameMn: "", introMn: "" });
    const nameMn = "ᠦᠨᠳᠦᠰᠦᠲᠡᠨ\u202fᠦ ᠡᠪ ᠨᠢᠭᠡᠳᠦᠯ\u202fᠦᠨ ᠰᠤᠷᠭᠠᠨ ᠬᠦᠮᠦᠵᠢᠯ\u202fᠦᠨ ᠪᠠᠭᠠᠵᠢ";
    const introMn = "ᠣᠯᠠᠨ ᠦᠨᠳᠦᠰᠦᠲᠡᠨ\u202fᠦ ᠲᠡᠦᠬᠡ᠃\nᠬᠣᠶᠠᠳᠤᠭᠠᠷ ᠳᠡᠯᠭᠡᠴᠡ᠃";
    const bad = await staff.req(`/api/bases/${baseId}/pages/draft`, {
      method: "PUT",
      body: { ...content, intro: "第二版", nameMn: "ᠪᠠᠭᠠᠵᠢ\u202Egpj" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0]).toMatchObject({ field: "nameMn", label: "蒙古文名称" });
    const fixed = await staff.json(`/api/bases/${baseId}/pages/draft`, {
      method: "PUT",
      body: { ...content, intro: "第二版", nameMn, introMn },
    });
    expect(fixed).toMatchObject({ id: v2.id, status: "draft", content: { nameMn, introMn } });
    const saved = await h.deps.db.execute<{ changes: Record<string, unknown> }>(
      sql`SELECT changes FROM audit_log WHERE action = 'base_page.save' AND entity_id = ${v2.id} ORDER BY seq DESC LIMIT 1`,
    );
    expect(saved.rows[0].changes).toMatchObject({ nameMn: ["", nameMn], introMn: ["", introMn] });
    await staff.json(`/api/bases/${baseId}/pages/${v2.id}/submit`, { method: "POST" });
    await fx.houqiAdmin.json(`/api/bases/${baseId}/pages/${v2.id}/publish`, { method: "POST" });
    const mn = (await pub(`/api/public/bases/${baseId}`)).json();
    expect(mn).toMatchObject({ version: 2, content: { intro: "第二版", nameMn, introMn } });
    const dir2 = (await pub("/api/public/bases?regionCode=1505")).json();
    expect(dir2.items[0]).toMatchObject({ id: baseId, nameMn });
  });

  it("books in people, never over capacity; declining gives the seats back", async () => {
    const s = await staff.json(`/api/bases/${baseId}/sessions`, {
      method: "POST",
      body: sessionBody("2026-03-20", 60, 50, "2026-03-01T00:00:00+08:00", "2026-03-19T18:00:00+08:00"),
    });
    sessionId = s.id;
    expect(
      (
        await other.req(`/api/bases/${baseId}/sessions`, {
          method: "POST",
          body: sessionBody("2026-03-21", 10, 10, "2026-03-01T00:00:00+08:00", "2026-03-19T18:00:00+08:00"),
        })
      ).statusCode,
    ).toBe(404);
    const booking = {
      bookerOrgName: "甘旗卡第一中学",
      groupSize: 40,
      contactName: "王老师",
      contactPhone: "13912345678",
    };
    const first = await pub(`/api/public/bases/sessions/${sessionId}/bookings`, "POST", booking);
    expect(first.statusCode, first.body).toBe(200);
    code = first.json().trackingCode;
    const second = await pub(`/api/public/bases/sessions/${sessionId}/bookings`, "POST", {
      ...booking,
      groupSize: 30,
      bookerOrgName: "第二小学",
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe("SESSION_FULL");
    const tooBig = await pub(`/api/public/bases/sessions/${sessionId}/bookings`, "POST", { ...booking, groupSize: 55 });
    expect(tooBig.statusCode).toBe(400);
    const third = (
      await pub(`/api/public/bases/sessions/${sessionId}/bookings`, "POST", { ...booking, groupSize: 20 })
    ).json();
    const list = await staff.json(`/api/bases/${baseId}/bookings`);
    expect(list.total).toBe(2);
    expect(list.items[0].contactPhone).toBe("139****5678");
    expect((await fx.zhongqiAdmin.req(`/api/bases/${baseId}/bookings`)).statusCode).toBe(404);
    const thirdRow = list.items.find((b: { trackingCode: string }) => b.trackingCode === third.trackingCode);
    await staff.json(`/api/bases/${baseId}/bookings/${thirdRow.id}/decline`, {
      method: "POST",
      body: { reason: "当日已满" },
    });
    const [after] = await staff.json(`/api/bases/${baseId}/sessions`);
    expect(after).toMatchObject({ booked: 40, remaining: 20 });
    const firstRow = list.items.find((b: { trackingCode: string }) => b.trackingCode === code);
    expect(
      (await fx.houqiAdmin.req(`/api/bases/${baseId}/bookings/${firstRow.id}/approve`, { method: "POST", body: {} }))
        .statusCode,
    ).toBe(403);
    await staff.json(`/api/bases/${baseId}/bookings/${firstRow.id}/approve`, { method: "POST", body: {} });
    const tracked = (await pub(`/api/public/bases/bookings/${code}`)).json();
    expect(tracked).toMatchObject({ status: "approved", statusLabel: "已通过", groupSize: 40, contactName: "王**" });
    const revealed = await staff.json(`/api/bases/${baseId}/bookings/${firstRow.id}/reveal`, {
      method: "POST",
      body: { reason: "电话确认到馆时间" },
    });
    expect(revealed.contactPhone).toBe("13912345678");
  });

  it("checks the group in on the day, prefills, confirms and accepts the month's report; the figure moves", async () => {
    const early = await staff.req(`/api/bases/${baseId}/check-in`, { method: "POST", body: { code, actualCount: 38 } });
    expect(early.statusCode).toBe(409);
    await setClock("2026-03-20T02:00:00Z");
    expect(
      (await fx.houqiAdmin.req(`/api/bases/${baseId}/check-in`, { method: "POST", body: { code, actualCount: 38 } }))
        .statusCode,
    ).toBe(403);
    const checked = await staff.json(`/api/bases/${baseId}/check-in`, {
      method: "POST",
      body: { code, actualCount: 38 },
    });
    expect(checked).toMatchObject({ status: "checked_in", actualCount: 38 });
    await staff.json(`/api/bases/${baseId}/walk-ins`, { method: "PUT", body: { date: "2026-03-20", count: 12 } });
    expect(
      (await other.req(`/api/bases/${baseId}/walk-ins`, { method: "PUT", body: { date: "2026-03-20", count: 1 } }))
        .statusCode,
    ).toBe(404);
    const before = await fx.houqiAdmin.json("/api/bases/stats?year=2026");
    const early2 = await staff.req(`/api/bases/${baseId}/reports/2026-03/confirm`, { method: "POST" });
    expect(early2.statusCode).toBe(409);
    await setClock("2026-04-03T02:00:00Z");
    const report = await staff.json(`/api/bases/${baseId}/reports/2026-03/prefill`, { method: "POST" });
    expect(report).toMatchObject({
      groupVisitors: 38,
      walkInVisitors: 12,
      total: 50,
      status: "pending",
      dueOn: "2026-04-10",
      late: false,
    });
    expect(
      (await fx.houqiAdmin.req(`/api/bases/${baseId}/reports/2026-03/accept`, { method: "POST" })).statusCode,
    ).toBe(409);
    await staff.json(`/api/bases/${baseId}/reports/2026-03/confirm`, { method: "POST" });
    expect((await staff.req(`/api/bases/${baseId}/reports/2026-03/accept`, { method: "POST" })).statusCode).toBe(403);
    expect(
      (await fx.zhongqiAdmin.req(`/api/bases/${baseId}/reports/2026-03/accept`, { method: "POST" })).statusCode,
    ).toBe(404);
    await fx.houqiAdmin.json(`/api/bases/${baseId}/reports/2026-03/accept`, { method: "POST" });
    const stats = await fx.houqiAdmin.json("/api/bases/stats?year=2026");
    expect(stats.total - before.total).toBe(50);
    expect(stats.byRegion).toEqual([{ key: "150522", label: "科尔沁左翼后旗", visitors: 50, bases: 1 }]);
    expect(stats.byKind[0]).toMatchObject({ label: "民族团结进步教育基地", visitors: 50 });
    expect(stats.byMonth[0]).toMatchObject({ key: "2026-03", label: "3月", visitors: 50 });
    expect((await fx.zhongqiAdmin.json("/api/bases/stats?year=2026")).total).toBe(0);
    const xlsx = await fx.houqiAdmin.req("/api/bases/stats/export?year=2026");
    expect(xlsx.statusCode).toBe(200);
    expect((await fx.houqiAdmin.req("/api/bases/export")).statusCode).toBe(200);
    // 导出所选: the ticked base only; 中旗 sending its id exports nothing
    expect(await exportedSelection(fx.houqiAdmin, "/api/bases/export", [baseId], "名称")).toHaveLength(1);
    expect(await exportedSelection(fx.zhongqiAdmin, "/api/bases/export", [baseId], "名称")).toEqual([]);
  });

  it("exports the base's annual summary (.docx) to its staff and department, 404 to others", async () => {
    const res = await staff.req(`/api/bases/${baseId}/summary.docx?year=2026`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("wordprocessingml");
    expect(decodeURIComponent(String(res.headers["content-disposition"]))).toContain(
      "科左后旗民族团结进步教育馆2026年度工作总结.docx",
    );
    const text = (await mammoth.extractRawText({ buffer: res.rawPayload })).value;
    expect(text).toContain("科左后旗民族团结进步教育馆2026年度工作总结");
    expect(text).toContain(
      "全年月报合计接待参观 50 人次（其中团体 1 批 38 人次，散客 12 人次）；经主管部门接收的 50 人次。",
    );
    expect(text).toContain("本年度开放参观场次 1 场、可接待 60 人次，收到团体预约 2 批。");
    expect(text).toMatch(/已签到\s*1\s*40/);
    expect(text).toContain("本年度发布数字展馆 2 版"); // the first and the one with its Mongolian name
    // No contact of a booking is in it.
    expect(text).not.toContain("13912345678");
    const dept = await fx.houqiAdmin.req(`/api/bases/${baseId}/summary.docx?year=2026`);
    expect(dept.statusCode).toBe(200);
    expect((await fx.zhongqiAdmin.req(`/api/bases/${baseId}/summary.docx?year=2026`)).statusCode).toBe(404);
    expect((await other.req(`/api/bases/${baseId}/summary.docx?year=2026`)).statusCode).toBe(404);
    expect((await pub(`/api/bases/${baseId}/summary.docx?year=2026`)).statusCode).toBe(401);
    const bad = await staff.req(`/api/bases/${baseId}/summary.docx?year=abc`);
    expect(bad.statusCode).toBe(400);
    const hist = await fx.houqiAdmin.json<{ items: { action: string }[] }>(`/api/bases/${baseId}/history`);
    expect(hist.items.map((e) => e.action)).toContain("base.summary_export");
  });

  it("flags 复核 within 90 days of the term's end, and reports that become late or are missing", async () => {
    const overview = await fx.houqiAdmin.json("/api/bases/reports?month=2026-04");
    expect(overview).toEqual([expect.objectContaining({ baseId, missing: true, late: false })]);
    await setClock("2026-05-11T02:00:00Z");
    const late = await fx.houqiAdmin.json("/api/bases/reports?month=2026-04");
    expect(late[0]).toMatchObject({ missing: true, late: true });
    const april = await staff.json(`/api/bases/${baseId}/reports/2026-04/prefill`, { method: "POST" });
    expect(april).toMatchObject({ status: "pending", late: true });
    await staff.json(`/api/bases/${baseId}/reports/2026-04/confirm`, { method: "POST" });
    expect((await fx.houqiAdmin.json("/api/bases/reports?month=2026-04"))[0]).toMatchObject({
      missing: false,
      late: true,
    });
    expect((await fx.houqiAdmin.json("/api/bases/reports?month=2026-03"))[0]).toMatchObject({
      missing: false,
      late: false,
    });

    // A base named 2023-09-01 (term to 2026-08-31) is not due on 2026-05-11, and is 90 days before its end.
    const older = await fx.houqiAdmin.json("/api/bases", {
      method: "POST",
      body: {
        name: "阿古拉草原红色教育基地",
        kind: "patriotism",
        level: "city",
        operatingOrgId: fx.houqiTown.id,
        regionCode: "150522",
        namedOn: "2023-09-01",
      },
    });
    expect(older).toMatchObject({ termEndsOn: "2026-08-31", reviewDue: false });
    expect((await fx.houqiAdmin.json("/api/bases?reviewDue=true")).total).toBe(0);
    await setClock("2026-06-03T02:00:00Z");
    expect((await fx.houqiAdmin.json(`/api/bases/${older.id}`)).reviewDue).toBe(true);
    expect((await fx.houqiAdmin.json("/api/bases?reviewDue=true")).items.map((b: { id: string }) => b.id)).toEqual([
      older.id,
    ]);
    expect((await staff.req(`/api/bases/${older.id}/review`, { method: "POST" })).statusCode).toBe(403);
    await fx.houqiAdmin.json(`/api/bases/${older.id}/review`, { method: "POST" });
    const renewed = await fx.houqiAdmin.json(`/api/bases/${older.id}/renew`, {
      method: "POST",
      body: { renewedOn: "2026-06-01" },
    });
    expect(renewed).toMatchObject({ status: "active", termEndsOn: "2029-05-31", reviewDue: false });
    const revoked = await fx.houqiAdmin.json(`/api/bases/${baseId}/revoke`, {
      method: "POST",
      body: { reason: "场馆改建，不再具备条件" },
    });
    expect(revoked).toMatchObject({ status: "revoked", revokeReason: "场馆改建，不再具备条件" });
    expect((await pub(`/api/public/bases/${baseId}`)).statusCode).toBe(404);
    expect((await pub("/api/public/bases")).json().total).toBe(1);
  });
});
