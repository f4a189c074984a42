import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readXlsx } from "../../core/xlsx.js";
import { type Client, createOrg, createUser, login, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { baseFixture, sessionBody, upload } from "./bases.fixtures.js";

/**
 * Scope on every 教育基地 route (issue 11's bar), data-driven like plans-tree.test.ts: each /api/bases route aimed
 * at a base of 后旗 (run by 甘旗卡镇) by
 *   - 中旗's supervising department and a base staff of 中旗 (another banner): the base is hidden — 404 NOT_FOUND
 *     on its objects, absent from lists;
 *   - the base staff of another base in 后旗 (org scope): hidden the same way, never able to edit;
 *   - 后旗's supervising department (in scope): reads and reviews, but does not edit the base's page, sessions,
 *     bookings or figures (403 BASE_NOT_STAFF).
 * And each /api/public/bases route: an unpublished page, its files and QR codes are invisible; a booking is
 * visible and cancellable only with its code (and, to cancel, the phone given when booking).
 */
describe("教育基地: scope on every route", () => {
  let h: TestApp;
  let fx: Awaited<ReturnType<typeof baseFixture>>;
  let staff: Client;
  let zhongqiStaff: Client;
  let otherBaseStaff: Client;
  let baseId: string;
  let baseName: string;
  let versionId: string;
  let sessionId: string;
  let bookingId: string;
  let code: string;
  let photoId: string;
  const phone = "13912345678";
  const pub = (url: string, method: string, body?: unknown) =>
    h.app.inject({ method: method as "GET", url, ...(body ? { payload: body as object } : {}) });

  beforeAll(async () => {
    h = await createTestApp({ start: "2026-03-02T01:00:00Z" });
    fx = await baseFixture(h);
    baseId = fx.base.id;
    baseName = fx.base.name;
    staff = fx.houqiUnitUser;
    // A base of 中旗 with its staff (another banner), and a second base of 后旗 run by another unit.
    await createUser(h, fx.admin, "zhongqi_unit", fx.zhongqiTown.id, ["unit_user"]);
    zhongqiStaff = await login(h, "zhongqi_unit", USER_PASSWORD);
    await fx.zhongqiAdmin.json("/api/bases", {
      method: "POST",
      body: {
        ...baseBody(),
        name: "科左中旗爱国主义教育基地",
        operatingOrgId: fx.zhongqiTown.id,
        regionCode: "150521",
      },
    });
    const museum = await createOrg(fx.admin, "科尔沁左翼后旗博物馆", "150522");
    await createUser(h, fx.admin, "houqi_museum", museum.id, ["unit_user"]);
    otherBaseStaff = await login(h, "houqi_museum", USER_PASSWORD);
    await fx.houqiAdmin.json("/api/bases", {
      method: "POST",
      body: { ...baseBody(), name: "科左后旗博物馆", operatingOrgId: museum.id },
    });
    // The base's page: a draft with a photo and an exhibit, submitted, not yet published.
    photoId = await upload(staff, "展厅照片", "png");
    const draft = await staff.json(`/api/bases/${baseId}/pages/draft`, {
      method: "PUT",
      body: {
        intro: "教育馆简介",
        galleryIds: [photoId],
        exhibits: [{ id: "e1", title: "第一展厅", text: "展厅介绍", imageIds: [photoId] }],
      },
    });
    versionId = draft.id;
    await staff.json(`/api/bases/${baseId}/pages/${versionId}/submit`, { method: "POST" });
    // A session of 20 March and a pending booking of a school.
    const s = await staff.json(`/api/bases/${baseId}/sessions`, {
      method: "POST",
      body: sessionBody("2026-03-20", 60, 50, "2026-03-01T00:00:00+08:00", "2026-03-19T18:00:00+08:00"),
    });
    sessionId = s.id;
    const booked = await pub(`/api/public/bases/sessions/${sessionId}/bookings`, "POST", {
      bookerOrgName: "甘旗卡第一中学",
      groupSize: 40,
      contactName: "王老师",
      contactPhone: phone,
    });
    expect(booked.statusCode).toBe(200);
    code = booked.json().trackingCode;
    const list = await staff.json(`/api/bases/${baseId}/bookings`);
    bookingId = list.items[0].id;
    await staff.json(`/api/bases/${baseId}/walk-ins`, { method: "PUT", body: { date: "2026-03-01", count: 12 } });
    // February's report, prefilled and confirmed by the staff (the department may accept it).
    await staff.json(`/api/bases/${baseId}/reports/2026-02/prefill`, { method: "POST" });
    await staff.json(`/api/bases/${baseId}/reports/2026-02/confirm`, { method: "POST" });
  });
  afterAll(async () => h?.close());

  function baseBody() {
    return {
      name: "科左后旗民族团结进步教育馆",
      kind: "unity_progress",
      level: "county",
      operatingOrgId: fx.houqiTown.id,
      regionCode: "150522",
      address: "甘旗卡镇振兴路 1 号",
      lat: 42.95,
      lng: 122.35,
      namedOn: "2024-01-10",
      openingHours: "9:00-17:00",
      closedDays: "每周一闭馆",
      contactPhone: "04758888888",
    };
  }

  it("the public sees no unpublished page, file or QR code, and a booking only with its code", async () => {
    const P = `/api/public/bases/${baseId}`;
    const wrongCode = "ABCDEFGH23";
    // [route as registered, method, url, body, status, what else must hold]
    const table: [string, string, string, unknown, number, ((body: string) => void)?][] = [
      [
        "/api/public/bases",
        "GET",
        "/api/public/bases?regionCode=150522",
        undefined,
        200,
        (body) => {
          // The base is in the register (its plaque is public), its page is not: no page and no cover.
          const item = JSON.parse(body).items.find((b: { id: string }) => b.id === baseId);
          expect(item).toMatchObject({ hasPage: false, coverId: null });
        },
      ],
      ["/api/public/bases/:id", "GET", P, undefined, 404],
      ["/api/public/bases/:id/files/:fileId", "GET", `${P}/files/${photoId}`, undefined, 404],
      ["/api/public/bases/:id/exhibits/:exhibitId/qr.svg", "GET", `${P}/exhibits/e1/qr.svg`, undefined, 404],
      // A session of a base that does not exist, or of a revoked one, cannot be booked (the open one is, above).
      [
        "/api/public/bases/sessions/:id/bookings",
        "POST",
        `/api/public/bases/sessions/${baseId}/bookings`,
        { bookerOrgName: "某单位", groupSize: 5, contactName: "张三", contactPhone: "13900000001" },
        404,
      ],
      ["/api/public/bases/bookings/:code", "GET", `/api/public/bases/bookings/${wrongCode}`, undefined, 404],
      [
        "/api/public/bases/bookings/:code",
        "GET",
        `/api/public/bases/bookings/${code}`,
        undefined,
        200,
        (body) => {
          const b = JSON.parse(body);
          expect(b).toMatchObject({ trackingCode: code, groupSize: 40, status: "pending" });
          // The contact is masked even to the holder of the code.
          expect(body).not.toContain(phone);
          expect(body).not.toContain("王老师");
        },
      ],
      [
        "/api/public/bases/bookings/:code/cancel",
        "POST",
        `/api/public/bases/bookings/${code}/cancel`,
        { contactPhone: "13900000009" },
        404,
      ],
      [
        "/api/public/bases/bookings/:code/cancel",
        "POST",
        `/api/public/bases/bookings/${wrongCode}/cancel`,
        { contactPhone: phone },
        404,
      ],
    ];
    const routes = h.app.routeCatalog
      .filter((r) => r.url.startsWith("/api/public/bases"))
      .map((r) => `${r.method} ${r.url}`);
    expect([...new Set(routes)].sort()).toEqual([...new Set(table.map(([r, m]) => `${m} ${r}`))].sort());
    for (const [route, method, url, body, expected, check] of table) {
      const res = await pub(url, method, body);
      expect(res.statusCode, `${method} ${route} → ${res.body.slice(0, 200)}`).toBe(expected);
      if (expected === 404) expect(res.json().error.code, `${method} ${route}`).toBe("NOT_FOUND");
      check?.(res.body);
    }
    // The booking is still pending (the refused cancellations changed nothing).
    expect((await staff.json(`/api/bases/${baseId}/bookings`)).items[0].status).toBe("pending");
  });

  it("another banner and another base's staff see nothing; the supervising department reads and reviews, never edits", async () => {
    const B = `/api/bases/${baseId}`;
    const V = `${B}/pages/${versionId}`;
    const S = `${B}/sessions/${sessionId}`;
    const K = `${B}/bookings/${bookingId}`;
    const session = sessionBody("2026-03-27", 60, 50, "2026-03-01T00:00:00+08:00", "2026-03-26T18:00:00+08:00");
    const page = { intro: "越权修改", galleryIds: [], exhibits: [] };
    const reason = { reason: "核对联系方式" };
    // "listed": 200 with the base in it; "hidden": 200 without it.
    type E = number | "listed" | "hidden";
    // [route as registered, method, url, body, 中旗's department, 中旗's base staff, another base's staff in 后旗,
    //  后旗's department (in scope)]
    const table: [string, string, string, unknown, E, E, E, E][] = [
      ["/api/bases", "GET", "/api/bases", undefined, "hidden", "hidden", "hidden", "listed"],
      ["/api/bases", "POST", "/api/bases", { ...baseBody(), name: "新登记的基地" }, 400, 403, 403, 200],
      ["/api/bases/export", "GET", "/api/bases/export", undefined, 200, 403, 403, 200],
      ["/api/bases/stats", "GET", "/api/bases/stats?year=2026", undefined, 200, 200, 200, 200],
      ["/api/bases/stats/export", "GET", "/api/bases/stats/export?year=2026", undefined, 200, 403, 403, 200],
      [
        "/api/bases/reports",
        "GET",
        "/api/bases/reports?month=2026-03",
        undefined,
        "hidden",
        "hidden",
        "hidden",
        "listed",
      ],
      ["/api/bases/:id", "GET", B, undefined, 404, 404, 404, 200],
      ["/api/bases/:id", "PUT", B, baseBody(), 404, 403, 403, 200],
      ["/api/bases/:id/history", "GET", `${B}/history`, undefined, 404, 404, 404, 200],
      ["/api/bases/:id/summary.docx", "GET", `${B}/summary.docx?year=2026`, undefined, 404, 404, 404, 200],
      ["/api/bases/:id/pages", "GET", `${B}/pages`, undefined, 404, 404, 404, 200],
      ["/api/bases/:id/pages/draft", "PUT", `${B}/pages/draft`, page, 404, 404, 404, 403],
      ["/api/bases/:id/pages/:versionId/submit", "POST", `${V}/submit`, undefined, 404, 404, 404, 403],
      // The department publishes the submitted version; then there is nothing left to return.
      ["/api/bases/:id/pages/:versionId/publish", "POST", `${V}/publish`, undefined, 404, 403, 403, 200],
      ["/api/bases/:id/pages/:versionId/return", "POST", `${V}/return`, { reason: "请补充讲解" }, 404, 403, 403, 409],
      ["/api/bases/:id/sessions", "GET", `${B}/sessions`, undefined, 404, 404, 404, 200],
      ["/api/bases/:id/sessions", "POST", `${B}/sessions`, session, 404, 404, 404, 403],
      ["/api/bases/:id/sessions/:sessionId", "PUT", S, session, 404, 404, 404, 403],
      ["/api/bases/:id/sessions/:sessionId", "DELETE", S, undefined, 404, 404, 404, 403],
      ["/api/bases/:id/bookings", "GET", `${B}/bookings`, undefined, 404, 404, 404, 200],
      ["/api/bases/:id/bookings/:bookingId/approve", "POST", `${K}/approve`, {}, 404, 404, 404, 403],
      ["/api/bases/:id/bookings/:bookingId/decline", "POST", `${K}/decline`, { reason: "已满" }, 404, 404, 404, 403],
      ["/api/bases/:id/bookings/:bookingId/cancel", "POST", `${K}/cancel`, {}, 404, 404, 404, 403],
      ["/api/bases/:id/bookings/:bookingId/no-show", "POST", `${K}/no-show`, {}, 404, 404, 404, 403],
      ["/api/bases/:id/bookings/:bookingId/reveal", "POST", `${K}/reveal`, reason, 404, 404, 404, 200],
      ["/api/bases/:id/check-in", "POST", `${B}/check-in`, { code, actualCount: 38 }, 404, 404, 404, 403],
      ["/api/bases/:id/walk-ins", "GET", `${B}/walk-ins?month=2026-03`, undefined, 404, 404, 404, 200],
      ["/api/bases/:id/walk-ins", "PUT", `${B}/walk-ins`, { date: "2026-03-01", count: 99 }, 404, 404, 404, 403],
      ["/api/bases/:id/reports", "GET", `${B}/reports`, undefined, 404, 404, 404, 200],
      ["/api/bases/:id/reports/:month/prefill", "POST", `${B}/reports/2026-02/prefill`, undefined, 404, 404, 404, 403],
      ["/api/bases/:id/reports/:month/confirm", "POST", `${B}/reports/2026-02/confirm`, undefined, 404, 404, 404, 403],
      // February's report, confirmed by the staff: the department accepts it; an accepted report is not reopened.
      ["/api/bases/:id/reports/:month/accept", "POST", `${B}/reports/2026-02/accept`, undefined, 404, 403, 403, 200],
      ["/api/bases/:id/reports/:month/reopen", "POST", `${B}/reports/2026-02/reopen`, undefined, 404, 403, 403, 409],
      // Bulk acceptance answers 200 with a line per base: "hidden" fails without naming the base, "listed" names it.
      [
        "/api/bases/reports/bulk/accept",
        "POST",
        "/api/bases/reports/bulk/accept",
        { ids: [baseId], month: "2026-02" },
        "hidden",
        403,
        403,
        "listed",
      ],
      ["/api/bases/:id/review", "POST", `${B}/review`, undefined, 404, 403, 403, 200],
      ["/api/bases/:id/renew", "POST", `${B}/renew`, { renewedOn: "2026-03-02" }, 404, 403, 403, 200],
      // Last: the department revokes the base.
      ["/api/bases/:id/revoke", "POST", `${B}/revoke`, { reason: "不再符合条件" }, 404, 403, 403, 200],
    ];
    const routes = h.app.routeCatalog.filter((r) => r.url.startsWith("/api/bases")).map((r) => `${r.method} ${r.url}`);
    expect([...new Set(routes)].sort()).toEqual([...new Set(table.map(([r, m]) => `${m} ${r}`))].sort());

    const snapshot = async () => ({
      base: await fx.houqiAdmin.json(B),
      pages: await staff.json(`${B}/pages`),
      sessions: await staff.json(`${B}/sessions`),
      bookings: (await staff.json(`${B}/bookings`)).items,
      walkIns: await staff.json(`${B}/walk-ins?month=2026-03`),
      reports: await staff.json(`${B}/reports`),
    });
    const before = await snapshot();
    const actors = [
      ["中旗's department", fx.zhongqiAdmin],
      ["中旗's base staff", zhongqiStaff],
      ["another base's staff", otherBaseStaff],
      ["后旗's department", fx.houqiAdmin],
    ] as const;
    for (const [i, [who, c]] of actors.entries()) {
      // The department in scope writes (reviews, revokes): its column runs last, once the others changed nothing.
      if (i === 3) expect(await snapshot()).toEqual(before);
      for (const row of table) {
        const [route, method, url, body] = row;
        const expected = row[4 + i];
        const res = await c.req(url, { method: method as "GET", body });
        const what = `${who}: ${method} ${route} → ${res.body.slice(0, 200)}`;
        if (expected === "listed" || expected === "hidden") {
          expect(res.statusCode, what).toBe(200);
          if (expected === "listed") expect(res.body, what).toContain(baseId);
          else {
            // (A bulk answer echoes the ids it was given, never what they are.)
            if (route.includes("/bulk/")) expect(res.json().succeeded, what).toEqual([]);
            else expect(res.body, what).not.toContain(baseId);
            expect(res.body, what).not.toContain(baseName);
          }
          continue;
        }
        expect(res.statusCode, what).toBe(expected);
        // A 404 is the base hidden by scope, never a path the router does not know.
        if (expected === 404) expect(res.json().error.code, what).toBe("NOT_FOUND");
        if (expected === 403 && i === 3) expect(res.json().error.code, what).toBe("BASE_NOT_STAFF");
      }
      if (i === 0) {
        // The other banner's statistics count nothing of 后旗.
        const stats = await c.json("/api/bases/stats?year=2026");
        expect(JSON.stringify(stats)).not.toContain("科尔沁左翼后旗");
        // …and its registry export holds its own base only.
        const sheet = await readXlsx((await c.req("/api/bases/export")).rawPayload);
        expect(sheet.rows.map((r) => r.cells[0])).toEqual(["科左中旗爱国主义教育基地"]);
      }
    }
    const after = await fx.houqiAdmin.json(B);
    expect(after.status).toBe("revoked");
  });
});
