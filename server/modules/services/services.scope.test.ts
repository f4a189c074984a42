import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrg } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { type Desks, PERSON, serviceDesks, windowRequest } from "./services.fixtures.js";

/** Scope on every 服务台 route, with the two-banner fixture: what is not the caller's is a 404 (or 403 to act). */
describe("service desk scope", () => {
  let h: TestApp;
  let d: Desks;
  let houqiId: string;

  beforeAll(async () => {
    h = await createTestApp({ start: "2026-06-03T02:00:00Z" });
    d = await serviceDesks(h);
    houqiId = (await windowRequest(d.c.houqiWindow, d.houqiWin.id)).id;
    await d.c.houqiWindow.json(`/api/services/requests/${houqiId}/refer`, {
      method: "POST",
      body: { toOrgId: d.sifa.id },
    });
  });
  afterAll(() => h?.close());

  it("offers the banner's departments as referral targets to a window worker whose own scope is its unit", async () => {
    const names = (await d.c.houqiWindow.json<{ name: string }[]>("/api/services/departments")).map((o) => o.name);
    expect(names).toContain("科尔沁左翼后旗司法局");
    expect(names).toContain("科尔沁左翼后旗人力资源和社会保障局");
    expect(names).not.toContain("科尔沁左翼中旗司法局");
    expect(names).not.toContain("甘旗卡镇人民政府");
    const zq = (await d.c.zqSifa.json<{ name: string }[]>("/api/services/departments")).map((o) => o.name);
    expect(zq).not.toContain("科尔沁左翼后旗司法局");
    expect((await d.c.houqiUnit.req("/api/services/departments")).statusCode).toBe(200);
  });

  it("hides another banner's request on every request route", async () => {
    const outsiders = [d.c.zhongqiAdmin, d.c.zhongqiWindow, d.c.zqSifa, d.c.renshe];
    for (const c of outsiders) {
      for (const [method, path, body] of [
        ["GET", "", undefined],
        ["GET", "/history", undefined],
        ["POST", "/reveal", { field: "phone", reason: "核对" }],
      ] as const) {
        const res = await c.req(`/api/services/requests/${houqiId}${path}`, { method, body });
        expect([404, 403], `${method} ${path}`).toContain(res.statusCode);
        if (res.statusCode === 403) expect(res.json().error.code).toBe("FORBIDDEN");
      }
      const list = await c.json("/api/services/requests");
      expect(list.items.map((r: { id: string }) => r.id)).not.toContain(houqiId);
    }
    for (const [c, action, body] of [
      [d.c.zhongqiWindow, "refer", { toOrgId: d.zqSifa.id }],
      [d.c.zhongqiWindow, "answer", { answer: "x" }],
      [d.c.zhongqiWindow, "close", {}],
      [d.c.zqSifa, "receive", {}],
      [d.c.zqSifa, "decline", { reason: "not_our_duty", responsibleOrgId: d.renshe.id }],
      [d.c.zqSifa, "transfer", { toOrgId: d.renshe.id }],
      [d.c.zqSifa, "reply", { answer: "x" }],
      [d.c.renshe, "receive", {}],
    ] as const) {
      const res = await c.req(`/api/services/requests/${houqiId}/${action}`, { method: "POST", body });
      expect(res.statusCode, action).toBe(404);
    }
  });

  it("lets each party see its own: window, department, region", async () => {
    expect((await d.c.houqiWindow.json("/api/services/requests?view=window")).total).toBe(1);
    expect((await d.c.sifa.json("/api/services/requests?view=department")).total).toBe(1);
    expect((await d.c.houqiAdmin.json(`/api/services/requests/${houqiId}`)).id).toBe(houqiId);
    expect((await d.c.zhongqiAdmin.json("/api/services/stats")).total).toBe(0);
    expect((await d.c.houqiAdmin.json("/api/services/stats")).total).toBe(1);
    // A department only reads: the window's actions are refused.
    const res = await d.c.sifa.req(`/api/services/requests/${houqiId}/refer`, {
      method: "POST",
      body: { toOrgId: d.renshe.id },
    });
    expect(res.statusCode).toBe(403);
  });

  it("keeps registers and files within the region", async () => {
    const names = (await d.c.zhongqiAdmin.json("/api/services/windows")).map((w: { name: string }) => w.name);
    expect(names).toEqual(["保康镇民族团结服务窗口"]);
    const put = await d.c.zhongqiAdmin.req(`/api/services/windows/${d.houqiWin.id}`, {
      method: "PUT",
      body: { orgId: d.zhongqiTown.id, name: "x", address: "x", hours: "x" },
    });
    expect(put.statusCode).toBe(404);
    for (const path of ["/api/services/liaisons", "/api/services/meetings"]) {
      const res = await d.c.zhongqiAdmin.req(path, {
        method: "POST",
        body: {
          orgId: d.houqiTown.id,
          name: "张三",
          kind: "liaison",
          title: "会",
          heldOn: "2026-06-01",
          attendance: 9,
          issues: "x",
        },
      });
      expect([400, 403], path).toContain(res.statusCode);
    }
    const liaison = await d.c.zhongqiAdmin.req("/api/services/liaisons", {
      method: "POST",
      body: { orgId: d.houqiTown.id, name: "张三" },
    });
    expect(liaison.statusCode).toBe(403);
    const meeting = await d.c.houqiAdmin.json("/api/services/meetings", {
      method: "POST",
      body: {
        orgId: d.houqiTown.id,
        kind: "liaison",
        title: "少数民族联系会议",
        heldOn: "2026-06-01",
        attendance: 12,
        issues: "孩子入学",
        followUps: ["协调入学"],
      },
    });
    expect((await d.c.zhongqiAdmin.json("/api/services/meetings")).length).toBe(0);
    const follow = await d.c.zhongqiAdmin.req(`/api/services/meetings/${meeting.id}/follow-ups`, {
      method: "POST",
      body: { index: 0, request: { windowId: d.houqiWin.id, category: "school", description: "入学", name: "张三" } },
    });
    expect(follow.statusCode).toBe(404);
    // …and the caller's own meeting cannot send its follow-up to another banner's window.
    const zqMeeting = await d.c.zhongqiAdmin.json("/api/services/meetings", {
      method: "POST",
      body: {
        orgId: d.zhongqiTown.id,
        kind: "forum",
        title: "座谈会",
        heldOn: "2026-06-01",
        attendance: 6,
        issues: "x",
        followUps: ["就业"],
      },
    });
    const across = await d.c.zhongqiAdmin.req(`/api/services/meetings/${zqMeeting.id}/follow-ups`, {
      method: "POST",
      body: { index: 0, request: { windowId: d.houqiWin.id, category: "school", description: "入学", name: "张三" } },
    });
    expect(across.statusCode).toBe(403);
    const ok = await d.c.houqiAdmin.json(`/api/services/meetings/${meeting.id}/follow-ups`, {
      method: "POST",
      body: { index: 0, request: { windowId: d.houqiWin.id, category: "school", description: "入学", name: "张三" } },
    });
    expect(ok.trackingCode).toMatch(/^[A-Z2-9]{10}$/);
    const file = await d.c.houqiWindow.json("/api/services/files", {
      method: "POST",
      body: { orgId: d.houqiTown.id, purpose: "就业", consentRecord: "书面同意", name: "乌兰", needs: {} },
    });
    expect((await d.c.zhongqiWindow.json("/api/services/files")).total).toBe(0);
    for (const [path, body] of [
      ["close", { reason: "moved" }],
      ["reveal", { field: "name", reason: "核对" }],
    ] as const) {
      const res = await d.c.zhongqiAdmin.req(`/api/services/files/${file.id}/${path}`, { method: "POST", body });
      expect(res.statusCode, path).toBe(404);
    }
    const outFile = await d.c.zhongqiWindow.req("/api/services/files", {
      method: "POST",
      body: { orgId: d.houqiTown.id, purpose: "就业", consentRecord: "书面同意", name: "乌兰", needs: {} },
    });
    expect(outFile.statusCode).toBe(403);
  });

  it("every 服务台 route, from a table: another banner's admin, another banner's window, an uninvolved department", async () => {
    const meeting = await d.c.houqiAdmin.json<{ id: string }>("/api/services/meetings", {
      method: "POST",
      body: {
        orgId: d.houqiTown.id,
        kind: "liaison",
        title: "表内联系会议",
        heldOn: "2026-06-02",
        attendance: 8,
        issues: "就业",
        followUps: ["协调就业"],
      },
    });
    const file = await d.c.houqiWindow.json<{ id: string }>("/api/services/files", {
      method: "POST",
      body: { orgId: d.houqiTown.id, purpose: "就业", consentRecord: "书面同意", name: "乌兰", needs: {} },
    });
    const guideBody = {
      orgId: d.houqiDept.id,
      category: "legal_aid",
      title: "法律援助办事指南",
      serviceItems: "法律咨询",
      procedure: "窗口受理",
    };
    const guide = await d.c.houqiAdmin.json<{ id: string }>("/api/services/guides", {
      method: "POST",
      body: guideBody,
    });
    await d.c.houqiAdmin.json(`/api/services/guides/${guide.id}/publish`, { method: "POST" });
    const G = `/api/services/guides/${guide.id}`;
    const Q = `/api/services/requests/${houqiId}`;
    const place = { orgId: d.houqiTown.id };
    const reqBody = { windowId: d.houqiWin.id, category: "school", description: "入学", name: "张三" };
    const reveal = { field: "phone", reason: "核对" };
    // [route as registered, method, url, body, another banner's admin, another banner's window, uninvolved dept]
    const table: [string, string, string, unknown, number, number, number][] = [
      ["/api/services/options", "GET", "/api/services/options", undefined, 200, 200, 200],
      ["/api/services/departments", "GET", "/api/services/departments", undefined, 200, 200, 200],
      ["/api/services/requests", "GET", "/api/services/requests", undefined, 200, 200, 200],
      ["/api/services/requests", "POST", "/api/services/requests", reqBody, 403, 403, 403],
      ["/api/services/requests/export", "GET", "/api/services/requests/export", undefined, 200, 403, 403],
      ["/api/services/requests/:id", "GET", Q, undefined, 404, 404, 404],
      ["/api/services/requests/:id/history", "GET", `${Q}/history`, undefined, 404, 404, 404],
      ["/api/services/requests/:id/refer", "POST", `${Q}/refer`, { toOrgId: d.renshe.id }, 404, 404, 403],
      ["/api/services/requests/:id/answer", "POST", `${Q}/answer`, { answer: "x" }, 404, 404, 403],
      ["/api/services/requests/:id/close", "POST", `${Q}/close`, {}, 404, 404, 403],
      ["/api/services/requests/:id/receive", "POST", `${Q}/receive`, {}, 404, 403, 404],
      [
        "/api/services/requests/:id/decline",
        "POST",
        `${Q}/decline`,
        { reason: "not_our_duty", responsibleOrgId: d.renshe.id },
        404,
        403,
        404,
      ],
      ["/api/services/requests/:id/transfer", "POST", `${Q}/transfer`, { toOrgId: d.renshe.id }, 404, 403, 404],
      ["/api/services/requests/:id/reply", "POST", `${Q}/reply`, { answer: "x" }, 404, 403, 404],
      ["/api/services/requests/:id/reveal", "POST", `${Q}/reveal`, reveal, 404, 404, 404],
      ["/api/services/stats", "GET", "/api/services/stats", undefined, 200, 200, 200],
      ["/api/services/stats/export", "GET", "/api/services/stats/export", undefined, 200, 403, 403],
      ["/api/services/windows", "GET", "/api/services/windows", undefined, 200, 200, 200],
      [
        "/api/services/windows",
        "POST",
        "/api/services/windows",
        { ...place, name: "x", address: "x", hours: "x" },
        403,
        403,
        403,
      ],
      [
        "/api/services/windows/:id",
        "PUT",
        `/api/services/windows/${d.houqiWin.id}`,
        { orgId: d.zhongqiTown.id, name: "x", address: "x", hours: "x" },
        404,
        403,
        403,
      ],
      ["/api/services/guides", "GET", "/api/services/guides", undefined, 200, 200, 200],
      ["/api/services/guides", "POST", "/api/services/guides", guideBody, 403, 403, 403],
      ["/api/services/guides/:id", "PUT", G, { ...guideBody, orgId: d.zhongqiDept.id }, 404, 403, 403],
      ["/api/services/guides/:id/publish", "POST", `${G}/publish`, undefined, 404, 403, 403],
      ["/api/services/guides/:id/withdraw", "POST", `${G}/withdraw`, { reason: "撤回试试" }, 404, 403, 403],
      ["/api/services/guides/:id/versions", "GET", `${G}/versions`, undefined, 404, 404, 200],
      ["/api/services/liaisons", "GET", "/api/services/liaisons", undefined, 200, 200, 200],
      ["/api/services/liaisons", "POST", "/api/services/liaisons", { ...place, name: "张三" }, 403, 403, 403],
      ["/api/services/meetings", "GET", "/api/services/meetings", undefined, 200, 200, 200],
      [
        "/api/services/meetings",
        "POST",
        "/api/services/meetings",
        { ...place, kind: "liaison", title: "会", heldOn: "2026-06-01", attendance: 9, issues: "x" },
        403,
        403,
        403,
      ],
      [
        "/api/services/meetings/:id/follow-ups",
        "POST",
        `/api/services/meetings/${meeting.id}/follow-ups`,
        { index: 0, request: reqBody },
        404,
        403,
        403,
      ],
      ["/api/services/files", "GET", "/api/services/files", undefined, 200, 200, 403],
      [
        "/api/services/files",
        "POST",
        "/api/services/files",
        { ...place, purpose: "就业", consentRecord: "书面同意", name: "乌兰", needs: {} },
        403,
        403,
        403,
      ],
      [
        "/api/services/files/:id/close",
        "POST",
        `/api/services/files/${file.id}/close`,
        { reason: "moved" },
        404,
        404,
        403,
      ],
      [
        "/api/services/files/:id/reveal",
        "POST",
        `/api/services/files/${file.id}/reveal`,
        { field: "name", reason: "核对" },
        404,
        404,
        403,
      ],
    ];
    const routes = h.app.routeCatalog
      .filter((r) => r.url.startsWith("/api/services"))
      .map((r) => `${r.method} ${r.url}`);
    expect(routes.sort()).toEqual(table.map(([route, method]) => `${method} ${route}`).sort());

    const snapshot = async () => ({
      request: await d.c.houqiAdmin.json(Q),
      history: (await d.c.houqiAdmin.json(`${Q}/history?pageSize=200`)).total,
      meetings: await d.c.houqiAdmin.json("/api/services/meetings"),
      windows: await d.c.houqiAdmin.json("/api/services/windows"),
      files: await d.c.houqiAdmin.json("/api/services/files"),
      liaisons: await d.c.houqiAdmin.json("/api/services/liaisons"),
      guides: await d.c.houqiAdmin.json("/api/services/guides"),
    });
    const before = await snapshot();
    for (const [route, method, url, body, other, otherWindow, dept] of table) {
      for (const [who, c, expected] of [
        ["another banner's admin", d.c.zhongqiAdmin, other],
        ["another banner's window", d.c.zhongqiWindow, otherWindow],
        ["an uninvolved department", d.c.renshe, dept],
      ] as const) {
        const res = await c.req(url, { method: method as "GET", body });
        expect(res.statusCode, `${who}: ${method} ${route} → ${res.body.slice(0, 200)}`).toBe(expected);
        // A 404 is the object hidden by scope, never a path the router does not know (a renamed route).
        if (expected === 404) expect(res.json().error.code, `${who}: ${method} ${route}`).toBe("NOT_FOUND");
        if (method === "GET" && expected === 200 && !url.endsWith("export")) {
          expect(res.body, `${who}: ${route} shows nothing of 后旗`).not.toContain(houqiId);
          expect(res.body, `${who}: ${route}`).not.toContain("甘旗卡镇民族团结服务窗口");
          expect(res.body, `${who}: ${route}`).not.toContain(meeting.id);
          expect(res.body, `${who}: ${route}`).not.toContain(file.id);
          // 后旗's published guide is for everyone working in 后旗 (the department too), for no one elsewhere.
          if (c !== d.c.renshe) expect(res.body, `${who}: ${route}`).not.toContain(guide.id);
        }
      }
    }
    // Nothing changed: the request, its history, the registers and the files are as they were.
    expect(await snapshot()).toEqual(before);
    // The statistics of another banner count none of 后旗's requests; its exported statistics neither.
    expect((await d.c.zhongqiAdmin.json("/api/services/stats")).total).toBe(0);
  });

  it("the portal's routes: a request only with its code, the access log only through the code", async () => {
    const { trackingCode } = await d.c.houqiAdmin.json<{ trackingCode: string }>(`/api/services/requests/${houqiId}`);
    await d.c.houqiWindow.json(`/api/services/requests/${houqiId}/reveal`, {
      method: "POST",
      body: { field: "phone", reason: "回访核对联系方式" },
    });
    const wrong = trackingCode === "ABCDEFGH23" ? "ABCDEFGH24" : "ABCDEFGH23";
    const P = "/api/public/services";
    // [route as registered, method, url, body, expected status (anonymous)]
    const table: [string, string, string, unknown, number][] = [
      [`${P}/options`, "GET", `${P}/options`, undefined, 200],
      [`${P}/guides`, "GET", `${P}/guides?region=150521`, undefined, 200],
      [`${P}/requests`, "POST", `${P}/requests`, { windowId: d.houqiWin.id }, 400],
      [`${P}/requests/:code`, "GET", `${P}/requests/${wrong}`, undefined, 404],
      [`${P}/requests/:code/rate`, "POST", `${P}/requests/${wrong}/rate`, { satisfaction: "satisfied" }, 404],
      [`${P}/requests/:code/reopen`, "POST", `${P}/requests/${wrong}/reopen`, { reason: "没解决" }, 404],
    ];
    const routes = h.app.routeCatalog.filter((r) => r.url.startsWith(P)).map((r) => `${r.method} ${r.url}`);
    expect(routes.sort()).toEqual(table.map(([route, method]) => `${method} ${route}`).sort());
    for (const [route, method, url, body, expected] of table) {
      const res = await h.app.inject({ method: method as "GET", url, ...(body ? { payload: body } : {}) });
      expect(res.statusCode, `${method} ${route} → ${res.body.slice(0, 200)}`).toBe(expected);
      if (expected === 404) expect(res.json().error.code, `${method} ${route}`).toBe("NOT_FOUND");
      expect(res.body).not.toContain(houqiId);
    }
    // The windows offered online name no staff.
    const options = await h.app.inject({ method: "GET", url: `${P}/options` });
    expect(options.body).not.toContain(d.users.houqiWindow.id);
    // With its code: the status and who accessed which field, by organization — never the staff member's name.
    const mine = await h.app.inject({ method: "GET", url: `${P}/requests/${trackingCode}` });
    expect(mine.statusCode).toBe(200);
    const status = mine.json();
    expect(status.accesses.map((a: { field: string }) => a.field)).toContain("phone");
    expect(JSON.stringify(status.accesses)).not.toMatch(/houqi_window|userId|userName/);
    expect(mine.body).not.toContain(houqiId);
  });

  it("exports the statistics page to .xlsx: figures only, within scope, formulas neutralised, audited", async () => {
    // A department whose name begins with "=": its cell must stay text.
    const odd = await createOrg(d.admin, "=1+1司法所", "150522", { parentId: d.houqiDept.id });
    const r = await windowRequest(d.c.houqiWindow, d.houqiWin.id);
    await d.c.houqiWindow.json(`/api/services/requests/${r.id}/refer`, { method: "POST", body: { toOrgId: odd.id } });
    const stats = await d.c.houqiAdmin.json("/api/services/stats");
    const res = await d.c.houqiAdmin.req("/api/services/stats/export");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["总体", "按类别", "按渠道", "按地区", "按月份", "按承办部门"]);
    const cells = (name: string) =>
      (wb.getWorksheet(name)?.getSheetValues() ?? []).filter(Boolean).map((row) => (row as unknown[]).slice(1));
    const summary = new Map(cells("总体").map(([k, v]) => [k, v]));
    expect(summary.get("申请总数")).toBe(stats.total);
    expect(summary.get("按期办结率的算法")).toBe("按期办结 ÷（已办结 + 未办结且超期）");
    const depts = cells("按承办部门").map((row) => row[0]);
    expect(depts).toContain("'=1+1司法所");
    expect(depts).toContain("科尔沁左翼后旗司法局");
    // No personal field in any cell of any sheet.
    const all = JSON.stringify(wb.worksheets.map((w) => w.getSheetValues()));
    for (const v of [PERSON.name, PERSON.phone, PERSON.idNumber, "包*花"]) expect(all).not.toContain(v);
    // Another banner's export counts none of 后旗's requests.
    const other = new ExcelJS.Workbook();
    await other.xlsx.load(
      (await d.c.zhongqiAdmin.req("/api/services/stats/export")).rawPayload as unknown as ArrayBuffer,
    );
    const otherSummary = (other.getWorksheet("总体")?.getSheetValues() ?? []).filter(Boolean) as unknown[][];
    expect(otherSummary.find((row) => row[1] === "申请总数")?.[2]).toBe(0);
    // Both exports are on record.
    const res2 = await h.deps.db.execute(
      sql`select summary from audit_log where action = 'service_request.export' and category = 'export' and summary like '导出服务台统计%'`,
    );
    expect((res2 as unknown as { rows: unknown[] }).rows.length).toBeGreaterThanOrEqual(2);
  });
});
