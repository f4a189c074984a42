import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CampaignView, CaseView, EmergencyPlanView, EventView, ReportView } from "../../../contracts/disputes.js";
import { DEFAULT_DISPUTE_SETTINGS } from "../../../contracts/disputes.js";
import { type Client, createOrg, createUser, login, type Org, twoBanners, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";

/**
 * Scope on every /api/disputes route, data-driven (as plans-tree.test.ts): each route as registered, aimed at 后旗's
 * objects, with the status each outsider gets — the neighbouring banner (中旗's department), the upper level (通辽市's
 * department: sees a case only once escalated to it, reads and manages the rest of its tree) and another unit of
 * 后旗 (a village's grid worker, who sees only its own unit's things). Every 404 is NOT_FOUND (hidden by scope, not
 * an unknown path), and the table must hold exactly the routes the app registers under /api/disputes.
 */
describe("disputes: scope on every route", () => {
  let h: TestApp;
  let f: Awaited<ReturnType<typeof twoBanners>>;
  let banner: Client;
  let zhongqi: Client;
  let city: Client;
  let gridA: Client;
  let gridB: Client;
  let villageA: Org;

  beforeAll(async () => {
    h = await createTestApp({ start: "2026-12-02T02:00:00Z" });
    f = await twoBanners(h);
    villageA = await createOrg(f.admin, "哈布哈嘎查村民委员会", "150522100203", { parentId: f.houqiTown.id });
    const villageB = await createOrg(f.admin, "努古斯台嘎查村民委员会", "150522101201");
    const cityDept = await createOrg(f.admin, "通辽市民族事务委员会", "1505", { isEthnicAffairsDept: true });
    await createUser(h, f.admin, "scope_grid_a", villageA.id, ["unit_user"]);
    await createUser(h, f.admin, "scope_grid_b", villageB.id, ["unit_user"]);
    await createUser(h, f.admin, "scope_city", cityDept.id, ["ethnic_affairs_admin"]);
    banner = await login(h, "houqi_admin", USER_PASSWORD);
    zhongqi = await login(h, "zhongqi_admin", USER_PASSWORD);
    city = await login(h, "scope_city", USER_PASSWORD);
    gridA = await login(h, "scope_grid_a", USER_PASSWORD);
    gridB = await login(h, "scope_grid_b", USER_PASSWORD);
  });
  afterAll(() => h?.close());

  it("the neighbouring banner, the upper level and another unit get exactly their status on every route", async () => {
    const caseBody = {
      source: "grid",
      category: "land",
      regionCode: villageA.regionCode,
      occurredOn: "2026-11-20",
      partyCount: 2,
      summary: "两户因草牧场边界发生争执",
      riskLevel: "general",
      parties: [{ name: "张三丰", phone: "13912345678" }],
    };
    const c = await gridA.json<CaseView>("/api/disputes/cases", { method: "POST", body: caseBody });
    const party = c.parties[0].id;
    // A 重大 case recorded by the banner alerts the 市's duty staff.
    await banner.json<CaseView>("/api/disputes/cases", {
      method: "POST",
      body: { ...caseBody, regionCode: "150522100", riskLevel: "major" },
    });
    const alert = (await city.json<{ items: { id: string }[] }>("/api/disputes/alerts")).items[0];
    expect(alert).toBeTruthy();
    const campaignBody = {
      name: "冬季排查",
      regionCode: "150522",
      startsOn: "2026-11-01",
      endsOn: "2026-12-31",
      orgIds: [villageA.id],
      checklist: ["草牧场边界"],
    };
    const campaign = await banner.json<CampaignView>("/api/disputes/campaigns", {
      method: "POST",
      body: campaignBody,
    });
    await banner.json("/api/disputes/report-units", { method: "POST", body: { orgIds: [villageA.id] } });
    const report = await gridA.json<ReportView>("/api/disputes/reports", {
      method: "POST",
      body: { kind: "zero", period: "2026-11", nothing: true },
    });
    const planBody = {
      name: "应急预案",
      level: "旗级",
      scope: "全旗",
      version: "2026版",
      regionCode: "150522",
      reviewDue: "2027-06-30",
    };
    const plan = await banner.json<{ id: string }>("/api/disputes/plans", { method: "POST", body: planBody });
    const drillBody = {
      heldOn: "2026-11-20",
      scenario: "群体性事件处置",
      participants: 40,
      evaluation: "基本达到预期",
      issues: [{ issue: "通讯联络不畅", ownerOrgId: villageA.id, dueOn: "2026-12-31" }],
    };
    await banner.json(`/api/disputes/plans/${plan.id}/drills`, { method: "POST", body: drillBody });
    const plans = await banner.json<{ items: EmergencyPlanView[] }>("/api/disputes/plans");
    const rect = plans.items[0].drills[0].rectifications[0].id;
    const eventBody = {
      foundAt: "2026-12-01T08:00:00+08:00",
      channel: "weibo",
      summary: "网传草场纠纷视频",
      grade: "general",
      regionCode: "150522",
    };
    const event = await banner.json<EventView>("/api/disputes/events", { method: "POST", body: eventBody });

    const C = `/api/disputes/cases/${c.id}`;
    const act = (path: string, body: unknown): [string, string, string, unknown, number, number, number] => [
      `/api/disputes/cases/:id/${path}`,
      "POST",
      `${C}/${path}`,
      body,
      404,
      404,
      403,
    ];
    // [route as registered, method, url, body, another banner, upper level, another unit]
    const table: [string, string, string, unknown, number, number, number][] = [
      ["/api/disputes/cases", "GET", "/api/disputes/cases", undefined, 200, 200, 200],
      // A place in 后旗: outside 中旗's and the other village's places (400 on the field); the 市 may record there.
      ["/api/disputes/cases", "POST", "/api/disputes/cases", caseBody, 400, 200, 400],
      ["/api/disputes/cases/export", "GET", "/api/disputes/cases/export", undefined, 200, 200, 403],
      ["/api/disputes/stats", "GET", "/api/disputes/stats", undefined, 200, 200, 200],
      ["/api/disputes/cases/:id", "GET", C, undefined, 404, 404, 404],
      ["/api/disputes/cases/:id/history", "GET", `${C}/history`, undefined, 404, 404, 404],
      act("mediations", { heldOn: "2026-12-02", mediator: "甲", method: "乙", outcome: "丙" }),
      act("conclude", { result: "resolved", note: "x" }),
      act("followups", { visitedOn: "2026-12-02", visitor: "甲", note: "x", stable: true }),
      act("transfer", { orgId: f.zhongqiDept.id, reason: "x" }),
      act("escalate", { reason: "x" }),
      act("ethnic-factor", { mark: true, reason: "x" }),
      [
        "/api/disputes/cases/:id/parties/:partyId/reveal",
        "POST",
        `${C}/parties/${party}/reveal`,
        { field: "name", reason: "核实身份" },
        404,
        404,
        403,
      ],
      ["/api/disputes/alerts", "GET", "/api/disputes/alerts", undefined, 200, 200, 200],
      // The alert is the 市's: its duty staff signs it.
      ["/api/disputes/alerts/:id/ack", "POST", `/api/disputes/alerts/${alert.id}/ack`, undefined, 404, 200, 403],
      ["/api/disputes/campaigns", "GET", "/api/disputes/campaigns", undefined, 200, 200, 200],
      ["/api/disputes/campaigns", "POST", "/api/disputes/campaigns", campaignBody, 400, 200, 403],
      [
        "/api/disputes/campaigns/:id",
        "GET",
        `/api/disputes/campaigns/${campaign.id}?regionCode=150522100`,
        undefined,
        404,
        200,
        404,
      ],
      // The 市 sees the campaign but is not one of its units.
      [
        "/api/disputes/campaigns/:id/report",
        "POST",
        `/api/disputes/campaigns/${campaign.id}/report`,
        { placesChecked: 1, checks: [true] },
        404,
        400,
        404,
      ],
      ["/api/disputes/report-units", "GET", "/api/disputes/report-units", undefined, 200, 200, 200],
      ["/api/disputes/report-units", "POST", "/api/disputes/report-units", { orgIds: [villageA.id] }, 400, 200, 403],
      ["/api/disputes/reports/desk", "GET", "/api/disputes/reports/desk?kind=zero", undefined, 200, 200, 200],
      // Each files only for its own unit, which is no reporting unit here.
      [
        "/api/disputes/reports",
        "POST",
        "/api/disputes/reports",
        { kind: "zero", period: "2026-11", nothing: true },
        400,
        400,
        400,
      ],
      [
        "/api/disputes/reports/:id",
        "PUT",
        `/api/disputes/reports/${report.id}`,
        { nothing: true, reason: "更正" },
        404,
        404,
        404,
      ],
      ["/api/disputes/compliance", "GET", "/api/disputes/compliance?regionCode=150522", undefined, 404, 200, 404],
      [
        "/api/disputes/compliance/units",
        "GET",
        "/api/disputes/compliance/units?regionCode=150522&state=missing",
        undefined,
        404,
        200,
        404,
      ],
      [
        "/api/disputes/reports/quarterly.docx",
        "GET",
        "/api/disputes/reports/quarterly.docx?period=2026Q4",
        undefined,
        200,
        200,
        403,
      ],
      ["/api/disputes/settings", "GET", "/api/disputes/settings", undefined, 200, 200, 200],
      ["/api/disputes/settings", "PUT", "/api/disputes/settings", DEFAULT_DISPUTE_SETTINGS, 403, 403, 403],
      ["/api/disputes/plans", "GET", "/api/disputes/plans", undefined, 200, 200, 200],
      ["/api/disputes/plans", "POST", "/api/disputes/plans", planBody, 400, 200, 403],
      ["/api/disputes/plans/:id/drills", "POST", `/api/disputes/plans/${plan.id}/drills`, drillBody, 404, 200, 403],
      // The owner village completes it (disputes.prep.test.ts); the 市 manages the plan's region and may too.
      [
        "/api/disputes/rectifications/:id/done",
        "POST",
        `/api/disputes/rectifications/${rect}/done`,
        { note: "已整改" },
        404,
        200,
        404,
      ],
      ["/api/disputes/events", "GET", "/api/disputes/events", undefined, 200, 200, 200],
      ["/api/disputes/events", "POST", "/api/disputes/events", eventBody, 400, 200, 403],
      ["/api/disputes/events/:id", "GET", `/api/disputes/events/${event.id}`, undefined, 404, 200, 404],
      [
        "/api/disputes/events/:id/steps",
        "POST",
        `/api/disputes/events/${event.id}/steps`,
        { at: "2026-12-01T09:00:00+08:00", action: "核实" },
        404,
        200,
        403,
      ],
      [
        "/api/disputes/events/:id/close",
        "POST",
        `/api/disputes/events/${event.id}/close`,
        { closure: "已处置", review: "复盘" },
        404,
        200,
        403,
      ],
    ];
    // Every disputes route is in the table.
    const routes = h.app.routeCatalog
      .filter((r) => r.url.startsWith("/api/disputes"))
      .map((r) => `${r.method} ${r.url}`);
    expect(routes.sort()).toEqual([...new Set(table.map(([route, method]) => `${method} ${route}`))].sort());

    for (const [route, method, url, body, other, upper, unit] of table) {
      for (const [who, cl, expected] of [
        ["another banner", zhongqi, other],
        ["upper level", city, upper],
        ["another unit", gridB, unit],
      ] as const) {
        const res = await cl.req(url, { method: method as "GET", body });
        expect(res.statusCode, `${who}: ${method} ${route} → ${res.body.slice(0, 200)}`).toBe(expected);
        // A 404 is the object hidden by scope, never a path the router does not know (a renamed route).
        if (expected === 404) expect(res.json().error.code, `${who}: ${method} ${route}`).toBe("NOT_FOUND");
      }
    }
    // The lists hold none of 后旗's objects for the neighbouring banner, nor the other village's.
    for (const cl of [zhongqi, gridB]) {
      const cases = await cl.json<{ items: { id: string }[] }>("/api/disputes/cases");
      expect(cases.items.map((x) => x.id)).not.toContain(c.id);
      for (const url of ["/api/disputes/campaigns", "/api/disputes/plans", "/api/disputes/events"])
        expect([url, (await cl.json<{ total: number }>(url)).total]).toEqual([url, 0]);
    }
    // The 市 does not list the village's case (not escalated to it); 后旗 does.
    expect((await city.json<{ items: { id: string }[] }>("/api/disputes/cases")).items.map((x) => x.id)).not.toContain(
      c.id,
    );
    expect((await banner.json<{ items: { id: string }[] }>("/api/disputes/cases")).items.map((x) => x.id)).toContain(
      c.id,
    );
  });
});
