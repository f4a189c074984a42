import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../../contracts/dates.js";
import type { CaseView, ComplianceView } from "../../../contracts/disputes.js";
import type { Actor } from "../../core/access.js";
import { type Client, createOrg, createUser, login, type Org, twoBanners, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { disputeReports } from "./disputes.schema.js";
import { periodOf } from "./periods.js";
import { correctReport, submitReport } from "./reports.service.js";

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("disputes: DHIS2 rates on generated data, one report per unit and period, scope on every route", () => {
  let h: TestApp;
  let f: Awaited<ReturnType<typeof twoBanners>>;
  let banner: Client;
  let zhongqi: Client;
  let units: Org[];
  const MONTHS = Array.from({ length: 11 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`);

  const actorOf = (o: Org): Actor => ({
    userId: "00000000-0000-4000-8000-000000000001",
    username: "gen",
    displayName: "生成数据",
    orgId: o.id,
    orgName: o.name,
    regionCode: o.regionCode,
    roles: [
      {
        id: "r",
        code: "unit_user",
        name: "单位用户",
        dataScope: "org",
        adminKind: null,
        permissions: ["disputes:read", "disputes:report"],
      },
    ],
    stage: "full",
    sessionId: null,
    tokenId: null,
    ip: null,
  });

  beforeAll(async () => {
    h = await createTestApp({ start: "2026-12-02T01:00:00Z" });
    f = await twoBanners(h);
    const town = await createOrg(f.admin, "甘旗卡镇民族宗教事务办公室", "150522100", { isEthnicAffairsDept: true });
    const town2 = await createOrg(f.admin, "努古斯台镇人民政府", "150522101");
    units = [];
    for (const [i, code] of ["150522100203", "150522100204", "150522100205", "150522100206", "150522101201"].entries())
      units.push(
        await createOrg(f.admin, `第${i + 1}报告单位`, code, {
          parentId: code.startsWith("150522100") ? town.id : town2.id,
        }),
      );
    units.push(town);
    await createUser(h, f.admin, "rate_unit", units[0].id, ["unit_user"]);
  });
  afterAll(() => h?.close());

  it("reporting and on-time rates equal received ÷ expected and on time ÷ expected, corrections and late reports included", async () => {
    h.clock.set("2026-12-02T02:00:00Z");
    banner = await login(h, "houqi_admin", USER_PASSWORD);
    await banner.json("/api/disputes/report-units", { method: "POST", body: { orgIds: units.map((u) => u.id) } });
    const rand = rng(20261202);
    const plan: { unit: Org; month: string; day: number; correctDay: number | null }[] = [];
    for (const unit of units)
      for (const month of MONTHS) {
        const r = rand();
        if (r < 0.15) continue; // missing
        const day = r < 0.6 ? 1 + Math.floor(rand() * 5) : 6 + Math.floor(rand() * 15); // on time (≤ 5 days) or late
        const correctDay = rand() < 0.3 ? day + 3 + Math.floor(rand() * 20) : null;
        plan.push({ unit, month, day, correctDay });
      }
    const at = (month: string, day: number) => `${addDays(periodOf(month, 0).end, day)}T10:00:00+08:00`;
    for (const p of plan) {
      h.clock.set(at(p.month, p.day));
      const ctx = { ...h.deps, actor: actorOf(p.unit) };
      const rep = await submitReport(ctx, { kind: "zero", period: p.month, nothing: true, caseIds: [], eventIds: [] });
      if (p.correctDay) {
        h.clock.set(at(p.month, p.correctDay));
        await correctReport(ctx, rep.id, {
          nothing: true,
          caseIds: [],
          eventIds: [],
          note: "补充说明",
          reason: "更正说明",
        });
      }
    }
    h.clock.set("2026-12-02T02:10:00Z");
    banner = await login(h, "houqi_admin", USER_PASSWORD);
    const expectFor = (months: string[], inRegion: (o: Org) => boolean) => {
      const us = units.filter(inRegion);
      const rows = plan.filter((p) => months.includes(p.month) && inRegion(p.unit));
      const expected = us.length * months.length;
      const onTime = rows.filter((p) => p.day <= 5).length;
      return {
        expected,
        received: rows.length,
        onTime,
        reportingRate: Math.round((rows.length / expected) * 10000) / 10000,
        onTimeRate: Math.round((onTime / expected) * 10000) / 10000,
      };
    };
    const all = await banner.json<ComplianceView>("/api/disputes/compliance?kind=zero&from=2026-01");
    expect(all.periods).toEqual(MONTHS);
    expect(all).toMatchObject({ units: units.length, ...expectFor(MONTHS, () => true) });
    const part = await banner.json<ComplianceView>("/api/disputes/compliance?kind=zero&from=2026-03&to=2026-06");
    expect(part).toMatchObject(expectFor(["2026-03", "2026-04", "2026-05", "2026-06"], () => true));
    const town = all.children.find((c) => c.regionCode === "150522100");
    expect(town).toMatchObject(expectFor(MONTHS, (o) => o.regionCode.startsWith("150522100")));
    const drill = await banner.json<ComplianceView>("/api/disputes/compliance?kind=zero&regionCode=150522100");
    expect(drill.children.map((c) => c.regionCode)).toContain("150522100203");
    const late = await banner.json<{ orgId: string; periods: string[] }[]>(
      "/api/disputes/compliance/units?kind=zero&state=late&from=2026-01",
    );
    for (const u of late)
      expect(u.periods).toEqual(plan.filter((p) => p.unit.id === u.orgId && p.day > 5).map((p) => p.month));
    const missing = await banner.json<{ orgId: string; periods: string[] }[]>(
      "/api/disputes/compliance/units?kind=zero&state=missing&from=2026-01",
    );
    expect(missing.reduce((s, u) => s + u.periods.length, 0)).toBe(units.length * MONTHS.length - plan.length);

    // The roll-up is read live (the tallies the triggers keep): a report filed now counts on the next read.
    const again = await banner.json<ComplianceView>("/api/disputes/compliance?kind=zero&from=2026-01");
    expect(again).toEqual(all);
    const gap = MONTHS.find((m) => !plan.some((p) => p.unit.id === units[0].id && p.month === m))!;
    await submitReport(
      { ...h.deps, actor: actorOf(units[0]) },
      {
        kind: "zero",
        period: gap,
        nothing: true,
        caseIds: [],
        eventIds: [],
      },
    );
    const after = await banner.json<ComplianceView>("/api/disputes/compliance?kind=zero&from=2026-01");
    expect(after).toMatchObject({ received: all.received + 1, onTime: all.onTime, expected: all.expected });
  });

  it("concurrent submissions for one unit and period: exactly one report, the others 409", async () => {
    const unit = await login(h, "rate_unit", USER_PASSWORD);
    const tries = await Promise.all(
      Array.from({ length: 8 }, () =>
        unit.req("/api/disputes/reports", { method: "POST", body: { kind: "zero", period: "2026-12", nothing: true } }),
      ),
    );
    expect(tries.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(tries.filter((r) => r.statusCode === 409).map((r) => r.json().error.code)).toEqual(
      Array(7).fill("REPORT_EXISTS"),
    );
    const [{ n }] = await h.deps.db
      .select({ n: count() })
      .from(disputeReports)
      .where(and(eq(disputeReports.orgId, units[0].id), eq(disputeReports.period, "2026-12")));
    expect(n).toBe(1);
  });

  it("scope on every route: the neighbouring banner sees none of 后旗's objects", async () => {
    zhongqi = await login(h, "zhongqi_admin", USER_PASSWORD);
    const c = await banner.json<CaseView>("/api/disputes/cases", {
      method: "POST",
      body: {
        source: "visit",
        category: "family",
        regionCode: "150522100",
        occurredOn: "2026-12-01",
        partyCount: 2,
        summary: "家庭纠纷",
        riskLevel: "general",
        parties: [{ name: "王五" }],
      },
    });
    const campaign = await banner.json<{ id: string }>("/api/disputes/campaigns", {
      method: "POST",
      body: {
        name: "冬季排查",
        regionCode: "150522",
        startsOn: "2026-12-01",
        endsOn: "2026-12-31",
        orgIds: [units[0].id],
        checklist: ["草牧场边界"],
      },
    });
    const plan = await banner.json<{ id: string }>("/api/disputes/plans", {
      method: "POST",
      body: {
        name: "应急预案",
        level: "旗级",
        scope: "全旗",
        version: "2026版",
        regionCode: "150522",
        reviewDue: "2027-06-30",
      },
    });
    const drill = await banner.json<{ id: string }>(`/api/disputes/plans/${plan.id}/drills`, {
      method: "POST",
      body: {
        heldOn: "2026-11-20",
        scenario: "群体性事件处置",
        participants: 40,
        evaluation: "基本达到预期",
        issues: [{ issue: "通讯联络不畅", ownerOrgId: f.houqiDept.id, dueOn: "2026-12-31" }],
      },
    });
    expect(drill.id).toBeTruthy();
    const event = await banner.json<{ id: string }>("/api/disputes/events", {
      method: "POST",
      body: {
        foundAt: "2026-12-01T08:00:00+08:00",
        channel: "weibo",
        summary: "网传草场纠纷视频",
        grade: "general",
        regionCode: "150522",
      },
    });
    const alerts = await banner.json<{ items: { id: string }[] }>("/api/disputes/alerts");
    const party = c.parties[0].id;
    const notFound: [string, string, unknown?][] = [
      ["GET", `/api/disputes/cases/${c.id}`],
      ["GET", `/api/disputes/cases/${c.id}/history`],
      [
        "POST",
        `/api/disputes/cases/${c.id}/mediations`,
        { heldOn: "2026-12-02", mediator: "甲", method: "乙", outcome: "丙" },
      ],
      ["POST", `/api/disputes/cases/${c.id}/conclude`, { result: "resolved", note: "x" }],
      [
        "POST",
        `/api/disputes/cases/${c.id}/followups`,
        { visitedOn: "2026-12-02", visitor: "甲", note: "x", stable: true },
      ],
      ["POST", `/api/disputes/cases/${c.id}/transfer`, { orgId: f.zhongqiDept.id, reason: "x" }],
      ["POST", `/api/disputes/cases/${c.id}/escalate`, { reason: "x" }],
      ["POST", `/api/disputes/cases/${c.id}/ethnic-factor`, { mark: true, reason: "x" }],
      ["POST", `/api/disputes/cases/${c.id}/parties/${party}/reveal`, { field: "name", reason: "x" }],
      ["GET", `/api/disputes/campaigns/${campaign.id}`],
      ["POST", `/api/disputes/campaigns/${campaign.id}/report`, { placesChecked: 1, checks: [true] }],
      ["GET", `/api/disputes/events/${event.id}`],
      ["POST", `/api/disputes/events/${event.id}/steps`, { at: "2026-12-01T09:00:00+08:00", action: "x" }],
      ["POST", `/api/disputes/events/${event.id}/close`, { closure: "x", review: "y" }],
      [
        "POST",
        `/api/disputes/plans/${plan.id}/drills`,
        { heldOn: "2026-11-20", scenario: "x", participants: 1, evaluation: "y" },
      ],
      ["GET", "/api/disputes/compliance?regionCode=150522"],
      ["GET", "/api/disputes/compliance/units?regionCode=150522&state=missing"],
      ...alerts.items.map((a) => ["POST", `/api/disputes/alerts/${a.id}/ack`] as [string, string]),
    ];
    for (const [method, url, body] of notFound) {
      const res = await zhongqi.req(url, { method: method as "GET" | "POST", body });
      expect([url, res.statusCode, res.json().error?.code]).toEqual([url, 404, "NOT_FOUND"]);
    }
    const lists = [
      "/api/disputes/cases",
      "/api/disputes/campaigns",
      "/api/disputes/plans",
      "/api/disputes/events",
      "/api/disputes/alerts",
    ];
    for (const url of lists) expect([url, (await zhongqi.json<{ total: number }>(url)).total]).toEqual([url, 0]);
    expect(await zhongqi.json("/api/disputes/report-units")).toEqual([]);
    expect((await zhongqi.json<{ total: number }>("/api/disputes/stats")).total).toBe(0);
    const docx = await zhongqi.req("/api/disputes/reports/quarterly.docx?period=2026Q4");
    expect(docx.body).not.toContain(c.code);
    const rect = await h.deps.db.execute<{ id: string }>(sql`select id from dispute_rectifications`);
    const rectRes = await zhongqi.req(`/api/disputes/rectifications/${rect.rows[0].id}/done`, {
      method: "POST",
      body: { note: "x" },
    });
    expect(rectRes.statusCode).toBe(404);
    // Writes aimed at 后旗 from 中旗 are refused on the field.
    const writes: [string, unknown][] = [
      [
        "/api/disputes/campaigns",
        {
          name: "x",
          regionCode: "150522",
          startsOn: "2026-12-01",
          endsOn: "2026-12-31",
          orgIds: [units[0].id],
          checklist: ["a"],
        },
      ],
      [
        "/api/disputes/plans",
        { name: "x", level: "旗级", scope: "x", version: "1", regionCode: "150522", reviewDue: "2027-01-01" },
      ],
      [
        "/api/disputes/events",
        {
          foundAt: "2026-12-01T08:00:00+08:00",
          channel: "weibo",
          summary: "x",
          grade: "general",
          regionCode: "150522",
        },
      ],
      ["/api/disputes/report-units", { orgIds: [units[0].id] }],
      [
        "/api/disputes/cases",
        {
          source: "visit",
          category: "family",
          regionCode: "150522100",
          occurredOn: "2026-12-01",
          partyCount: 1,
          summary: "x",
          riskLevel: "general",
        },
      ],
    ];
    for (const [url, body] of writes)
      expect([url, (await zhongqi.req(url, { method: "POST", body })).statusCode]).toEqual([url, 400]);
  });
});
