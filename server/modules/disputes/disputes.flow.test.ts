import { sql } from "drizzle-orm";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AlertView, CaseView, ComplianceView, ReportView } from "../../../contracts/disputes.js";
import { type Client, createOrg, createUser, login, type Org, twoBanners, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { escalateMissingReports, escalateOverdueCases } from "./index.js";

describe("disputes: a grid worker's case, mediation, escalation, the ethnic-factor mark and 零报告", () => {
  let h: TestApp;
  let f: Awaited<ReturnType<typeof twoBanners>>;
  let grid: Client;
  let town: Client;
  let banner: Client;
  let city: Client;
  let zhongqi: Client;
  let village: Org;
  let village2: Org;
  let townDept: Org;
  let other: Client;

  const newCase = (c: Client, body: Record<string, unknown> = {}, status = 200) =>
    c.json<CaseView>("/api/disputes/cases", {
      method: "POST",
      status,
      body: {
        source: "grid",
        category: "land",
        regionCode: village.regionCode,
        occurredOn: "2026-11-28",
        partyCount: 2,
        summary: "两户因草牧场边界发生争执",
        riskLevel: "serious",
        parties: [{ name: "张三丰", phone: "13912345678" }],
        ...body,
      },
    });

  beforeAll(async () => {
    h = await createTestApp({ start: "2026-12-02T02:00:00Z" });
    f = await twoBanners(h);
    townDept = await createOrg(f.admin, "甘旗卡镇民族宗教事务办公室", "150522100", {
      isEthnicAffairsDept: true,
      parentId: f.houqiDept.id,
    });
    village = await createOrg(f.admin, "哈布哈嘎查村民委员会", "150522100203", { parentId: townDept.id });
    village2 = await createOrg(f.admin, "哈图塔拉嘎查村民委员会", "150522100204", { parentId: townDept.id });
    const cityDept = await createOrg(f.admin, "通辽市民族事务委员会", "1505", { isEthnicAffairsDept: true });
    await createUser(h, f.admin, "grid1", village.id, ["unit_user"]);
    await createUser(h, f.admin, "grid2", village2.id, ["unit_user"]);
    await createUser(h, f.admin, "town_admin", townDept.id, ["ethnic_affairs_admin"]);
    await createUser(h, f.admin, "city_admin", cityDept.id, ["ethnic_affairs_admin"]);
    grid = await login(h, "grid1", USER_PASSWORD);
    other = await login(h, "grid2", USER_PASSWORD);
    town = await login(h, "town_admin", USER_PASSWORD);
    banner = await login(h, "houqi_admin", USER_PASSWORD);
    city = await login(h, "city_admin", USER_PASSWORD);
    zhongqi = await login(h, "zhongqi_admin", USER_PASSWORD);
  });
  afterAll(() => h?.close());

  it("a grid worker records a 较大 case for its own place only; parties are stored encrypted and shown masked", async () => {
    const c = await newCase(grid);
    expect(c.status).toBe("registered");
    expect(c.riskLevel).toBe("serious");
    expect(c.parties[0]).toMatchObject({ name: "张**", phone: "139****5678" });
    const elsewhere = await newCase(grid, { regionCode: "150521100" }, 400);
    expect(JSON.stringify(elsewhere)).toContain("regionCode");
    // Another village does not see it; the town, the banner do; the city and the neighbouring banner do not.
    expect((await other.req(`/api/disputes/cases/${c.id}`)).statusCode).toBe(404);
    expect((await town.req(`/api/disputes/cases/${c.id}`)).statusCode).toBe(200);
    expect((await banner.req(`/api/disputes/cases/${c.id}`)).statusCode).toBe(200);
    expect((await city.req(`/api/disputes/cases/${c.id}`)).statusCode).toBe(404);
    expect((await zhongqi.req(`/api/disputes/cases/${c.id}`)).statusCode).toBe(404);
    // The plain text is not in the table.
    const raw = await h.deps.db.execute<{ name_enc: string }>(sql`select name_enc from dispute_parties`);
    expect(JSON.stringify(raw.rows)).not.toContain("张三丰");
  });

  it("the 镇 mediates, resolves and follows up; the grid worker may not handle; reveals are audited", async () => {
    const c = await newCase(grid);
    const denied = await grid.req(`/api/disputes/cases/${c.id}/mediations`, {
      method: "POST",
      body: { heldOn: "2026-12-02", mediator: "镇调委会", method: "现场调解", outcome: "达成初步意向" },
    });
    expect(denied.statusCode).toBe(403);
    await town.json(`/api/disputes/cases/${c.id}/mediations`, {
      method: "POST",
      body: { heldOn: "2026-12-02", mediator: "镇调委会", method: "现场调解", outcome: "达成初步意向" },
    });
    const done = await town.json<CaseView>(`/api/disputes/cases/${c.id}/conclude`, {
      method: "POST",
      body: { result: "resolved", note: "双方签订调解协议" },
    });
    expect(done.status).toBe("concluded");
    const closed = await town.json<CaseView>(`/api/disputes/cases/${c.id}/followups`, {
      method: "POST",
      body: { visitedOn: "2026-12-02", visitor: "网格员", note: "双方履行协议", stable: true, close: true },
    });
    expect(closed.status).toBe("closed");
    expect(closed.mediations).toHaveLength(1);
    expect(closed.followups).toHaveLength(1);
    const again = await town.req(`/api/disputes/cases/${c.id}/conclude`, {
      method: "POST",
      body: { result: "resolved", note: "重复" },
    });
    expect(again.statusCode).toBe(409);
    const party = closed.parties[0].id;
    const revealed = await town.json<{ value: string }>(`/api/disputes/cases/${c.id}/parties/${party}/reveal`, {
      method: "POST",
      body: { field: "phone", reason: "回访联系当事人" },
    });
    expect(revealed.value).toBe("13912345678");
    expect(
      (
        await zhongqi.req(`/api/disputes/cases/${c.id}/parties/${party}/reveal`, {
          method: "POST",
          body: { field: "phone", reason: "x" },
        })
      ).statusCode,
    ).toBe(404);
    const history = await town.json<{ items: { action: string }[] }>(`/api/disputes/cases/${c.id}/history`);
    expect(history.items.map((i) => i.action)).toEqual(
      expect.arrayContaining(["disputes.case.create", "disputes.case.conclude", "disputes.party.reveal"]),
    );
  });

  it("the 涉及民族因素 mark needs a reviewer and a reason, is reversible and kept in the history", async () => {
    const c = await newCase(grid);
    expect(c.ethnicFactor).toBe(false);
    expect(
      (
        await grid.req(`/api/disputes/cases/${c.id}/ethnic-factor`, {
          method: "POST",
          body: { mark: true, reason: "x" },
        })
      ).statusCode,
    ).toBe(403);
    const noReason = await town.req(`/api/disputes/cases/${c.id}/ethnic-factor`, {
      method: "POST",
      body: { mark: true },
    });
    expect(noReason.statusCode).toBe(400);
    const empty = await town.req(`/api/disputes/cases/${c.id}/ethnic-factor`, {
      method: "POST",
      body: { mark: true, reason: "  " },
    });
    expect(empty.statusCode).toBe(400);
    expect((await town.json<CaseView>(`/api/disputes/cases/${c.id}`)).ethnicFactor).toBe(false);
    const marked = await town.json<CaseView>(`/api/disputes/cases/${c.id}/ethnic-factor`, {
      method: "POST",
      body: { mark: true, reason: "经核实涉及跨民族草场承包纠纷" },
    });
    expect(marked).toMatchObject({ ethnicFactor: true, ethnicReason: "经核实涉及跨民族草场承包纠纷" });
    const unmarked = await banner.json<CaseView>(`/api/disputes/cases/${c.id}/ethnic-factor`, {
      method: "POST",
      body: { mark: false, reason: "复核：属一般民事纠纷" },
    });
    expect(unmarked.ethnicFactor).toBe(false);
    expect(unmarked.events.filter((e) => e.kind.endsWith("ethnic")).map((e) => [e.kind, e.note])).toEqual([
      ["mark_ethnic", "经核实涉及跨民族草场承包纠纷"],
      ["unmark_ethnic", "复核：属一般民事纠纷"],
    ]);
    // Recording a case never sets it, whatever is sent.
    const sneaky = await grid.req("/api/disputes/cases", {
      method: "POST",
      body: {
        source: "grid",
        category: "land",
        regionCode: village.regionCode,
        occurredOn: "2026-11-28",
        partyCount: 2,
        summary: "x",
        riskLevel: "general",
        ethnicFactor: true,
      },
    });
    expect(sneaky.statusCode).toBe(400);
  });

  it("a 重大 case reaches the 市's duty staff at once; an unresolved case escalates past its limit (FakeClock)", async () => {
    const major = await newCase(grid, { riskLevel: "major", summary: "群体性草场纠纷，涉及三十余户" });
    expect(major.handlingRegion).toBe("1505");
    const alerts = await city.json<{ items: AlertView[] }>("/api/disputes/alerts?open=true");
    const alert = alerts.items.find((a) => a.caseId === major.id);
    expect(alert?.kind).toBe("major_case");
    expect(new Date(alert?.dueAt ?? 0).getTime() - new Date(major.createdAt).getTime()).toBe(2 * 3600_000);
    expect((await city.req(`/api/disputes/cases/${major.id}`)).statusCode).toBe(200);
    expect((await zhongqi.json<{ items: AlertView[] }>("/api/disputes/alerts")).items).toHaveLength(0);
    await city.json(`/api/disputes/alerts/${alert?.id}/ack`, { method: "POST" });

    const slow = await newCase(grid, { riskLevel: "general" });
    expect(await escalateOverdueCases(h.deps)).toBe(0);
    // Sessions would idle out over a month: run the job then, and look afterwards.
    const t0 = h.clock.now();
    h.clock.advance(31 * 24 * 3600_000);
    expect(await escalateOverdueCases(h.deps)).toBeGreaterThan(0);
    expect(await escalateOverdueCases(h.deps)).toBe(0);
    h.clock.set(t0);
    const after = await banner.json<CaseView>(`/api/disputes/cases/${slow.id}`);
    expect(after.handlingRegion).toBe("1505");
    expect(after.events.some((e) => e.kind === "escalate")).toBe(true);
    expect((await city.req(`/api/disputes/cases/${slow.id}`)).statusCode).toBe(200);
  });

  it("transfers keep the history and the new unit sees the case", async () => {
    const c = await newCase(grid);
    const moved = await town.json<CaseView>(`/api/disputes/cases/${c.id}/transfer`, {
      method: "POST",
      body: { orgId: f.houqiDept.id, reason: "涉及多个苏木镇，转旗里协调" },
    });
    expect(moved.orgId).toBe(f.houqiDept.id);
    expect(moved.events.at(-1)).toMatchObject({ kind: "transfer", note: "涉及多个苏木镇，转旗里协调" });
  });

  it("零报告: 本期无 in one click, one per unit per period, missing escalates, a later case flags 本期无", async () => {
    await banner.json("/api/disputes/report-units", { method: "POST", body: { orgIds: [village.id, village2.id] } });
    const zq = await zhongqi.req("/api/disputes/report-units", { method: "POST", body: { orgIds: [village.id] } });
    expect(zq.statusCode).toBe(400);
    const r = await other.json<ReportView>("/api/disputes/reports", {
      method: "POST",
      body: { kind: "zero", period: "2026-11", nothing: true },
    });
    expect(r.onTime).toBe(true);
    const dup = await other.req("/api/disputes/reports", {
      method: "POST",
      body: { kind: "zero", period: "2026-11", nothing: true },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe("REPORT_EXISTS");
    // A case later found for village2 in November flags its 本期无.
    await other.json("/api/disputes/cases", {
      method: "POST",
      body: {
        source: "visit",
        category: "debt",
        regionCode: village2.regionCode,
        occurredOn: "2026-11-20",
        partyCount: 2,
        summary: "借款纠纷",
        riskLevel: "general",
      },
    });
    const desk = await other.json<{ periods: { period: string; report: ReportView | null }[] }>(
      "/api/disputes/reports/desk?kind=zero",
    );
    expect(desk.periods.find((p) => p.period === "2026-11")?.report?.flaggedAt).toBeTruthy();
    // village (grid1) never files: after the window closes its superior (the town) is told.
    expect(await escalateMissingReports(h.deps)).toBe(0);
    const t0 = h.clock.now();
    h.clock.set("2026-12-06T00:00:00Z");
    expect(await escalateMissingReports(h.deps)).toBeGreaterThan(0);
    h.clock.set(t0);
    const townAlerts = await town.json<{ items: AlertView[] }>("/api/disputes/alerts");
    expect(townAlerts.items.some((a) => a.kind === "missing_report" && a.period === "2026-11")).toBe(true);
    const missing = await banner.json<{ orgId: string; periods: string[] }[]>(
      "/api/disputes/compliance/units?kind=zero&state=missing&from=2026-11&to=2026-11",
    );
    expect(missing.map((m) => m.orgId)).toEqual([village.id]);
    const comp = await banner.json<ComplianceView>("/api/disputes/compliance?kind=zero&from=2026-11&to=2026-11");
    expect(comp).toMatchObject({ units: 2, expected: 2, received: 1, onTime: 1, reportingRate: 0.5, onTimeRate: 0.5 });
    expect(comp.children.map((c) => c.regionCode)).toEqual(["150522100"]);
    expect((await zhongqi.req("/api/disputes/compliance?kind=zero&regionCode=150522")).statusCode).toBe(404);
  });

  it("the quarter's 季报 .docx lists exactly that quarter's cases", async () => {
    const outside = await newCase(grid, { occurredOn: "2026-09-30", summary: "第三季度的纠纷" });
    const res = await banner.req("/api/disputes/reports/quarterly.docx?period=2026Q4");
    expect(res.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    const list = await banner.json<{ items: { code: string; occurredOn: string }[] }>(
      "/api/disputes/cases?pageSize=200&from=2026-10-01&to=2026-12-31",
    );
    expect(list.items.length).toBeGreaterThan(0);
    for (const c of list.items) expect(xml).toContain(c.code);
    expect(xml).not.toContain(outside.code);
    expect(xml).toContain("季报");
    const xlsx = await banner.req("/api/disputes/cases/export");
    expect(xlsx.statusCode).toBe(200);
    const stats = await banner.json<{ total: number; byRisk: { key: string; count: number }[] }>("/api/disputes/stats");
    expect(stats.total).toBe(stats.byRisk.reduce((s, r) => s + r.count, 0));
  });
});
