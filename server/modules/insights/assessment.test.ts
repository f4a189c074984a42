import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ComputedValueView, RoundView } from "../../../contracts/assessment.js";
import { type Client, createUser, login, twoBanners, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { activityRecords } from "../activities/activities.schema.js";
import { disputeReports, disputeReportUnits } from "../disputes/disputes.schema.js";
import { planNodes, planReports } from "../plans/plans.schema.js";

/**
 * 考核评价 through the HTTP API: computed indicators against hand-counted generated records, the snapshot hash,
 * dispute and correction with history, panel scoring, ranking, publication, the 通报 .docx, and scope with the
 * two-banner fixture (科左后旗 organises; 科左中旗 and an unrelated unit see nothing).
 */

type Todo = { kindLabel: string; link: string | null; resolved: boolean };
/** The caller's 考核评价 messages (the message centre syncs to-dos at most once a minute: the clock moves on). */
async function todos(h: TestApp, c: Client, kindLabel: string): Promise<Todo[]> {
  h.clock.advance(61_000);
  const page = await c.json<{ items: (Todo & { source: string })[] }>("/api/messages?pageSize=100&source=insights");
  return page.items.filter((m) => m.kindLabel === kindLabel);
}

describe("考核评价: computed indicators, snapshot hash, dispute, panel, ranking, scope", () => {
  let h: TestApp;
  let f: Awaited<ReturnType<typeof twoBanners>>;
  let houqi: Client;
  let zhongqi: Client;
  let unit: Client;
  let panel: Client;
  let roundId: string;
  let round: RoundView;
  const town = () => round.subjectList.find((s) => s.orgId === f.houqiTown.id)!;
  const dept = () => round.subjectList.find((s) => s.orgId === f.houqiDept.id)!;

  const at = (d: string) => new Date(`${d}T04:00:00Z`);

  beforeAll(async () => {
    h = await createTestApp({ start: "2026-07-20T02:00:00Z" });
    f = await twoBanners(h);
    houqi = await login(h, "houqi_admin", USER_PASSWORD);
    zhongqi = await login(h, "zhongqi_admin", USER_PASSWORD);
    unit = await login(h, "houqi_unit", USER_PASSWORD);
    const expert = await createUser(h, f.admin, "houqi_panel", f.houqiDept.id, ["evaluator"]);
    panel = await login(h, "houqi_panel", USER_PASSWORD);
    const db = h.deps.db;

    // 零报告 (monthly, on time within 5 days): 甘旗卡镇 Jan on time, Feb late, Mar on time, Apr–Jun missing → 2/6;
    // the 民委 all six on time → 6/6.
    await db.insert(disputeReportUnits).values([
      { orgId: f.houqiTown.id, regionCode: f.houqiTown.regionCode },
      { orgId: f.houqiDept.id, regionCode: f.houqiDept.regionCode },
    ]);
    const zero = (orgId: string, regionCode: string, period: string, received: string) => ({
      kind: "zero" as const,
      orgId,
      regionCode,
      period,
      nothing: true,
      firstReceivedAt: at(received),
      receivedAt: at(received),
    });
    await db
      .insert(disputeReports)
      .values([
        zero(f.houqiTown.id, f.houqiTown.regionCode, "2026-01", "2026-02-03"),
        zero(f.houqiTown.id, f.houqiTown.regionCode, "2026-02", "2026-03-20"),
        zero(f.houqiTown.id, f.houqiTown.regionCode, "2026-03", "2026-04-01"),
        ...["01", "02", "03", "04", "05", "06"].map((m) =>
          zero(
            f.houqiDept.id,
            f.houqiDept.regionCode,
            `2026-${m}`,
            `2026-${String(Number(m) + 1).padStart(2, "0")}-02`,
          ),
        ),
      ]);

    // Activities (target 5): the town organises 3 confirmed in the window, co-organises 1 of the 民委's; a draft and
    // one held in 2025 do not count → town 4, 民委 1.
    const act = (
      orgId: string,
      regionCode: string,
      startDate: string,
      status: "confirmed" | "draft",
      co: string[] = [],
    ) => ({
      typeCode: "lecture",
      domainCode: "education",
      title: `活动${startDate}`,
      startDate,
      endDate: startDate,
      regionCode,
      orgId,
      coOrgIds: co,
      status,
      createdBy: expert.id,
    });
    await db
      .insert(activityRecords)
      .values([
        act(f.houqiTown.id, f.houqiTown.regionCode, "2026-02-10", "confirmed"),
        act(f.houqiTown.id, f.houqiTown.regionCode, "2026-03-10", "confirmed"),
        act(f.houqiTown.id, f.houqiTown.regionCode, "2026-05-10", "confirmed"),
        act(f.houqiTown.id, f.houqiTown.regionCode, "2026-05-11", "draft"),
        act(f.houqiTown.id, f.houqiTown.regionCode, "2025-12-10", "confirmed"),
        act(f.houqiDept.id, f.houqiDept.regionCode, "2026-04-10", "confirmed", [f.houqiTown.id]),
      ]);

    // Progress reports due in the window: the town 1 of 2 on time; one due after the window is not counted.
    const planId = randomUUID();
    const [node] = await db
      .insert(planNodes)
      .values({ planId, kind: "task", title: "开展民族团结进步宣传月" })
      .returning();
    const rep = (period: string, due: string, submitted: string) => ({
      planId,
      nodeId: node.id,
      orgId: f.houqiTown.id,
      regionCode: f.houqiTown.regionCode,
      period,
      status: "in_progress" as const,
      percent: 50,
      submittedAt: at(submitted),
      dueAt: at(due),
    });
    await db
      .insert(planReports)
      .values([rep("2026Q1", "2026-04-10", "2026-04-08"), rep("2026Q2", "2026-06-30", "2026-07-15")]);
    await db.insert(planReports).values(rep("2026Q3", "2026-10-10", "2026-07-15"));

    const set = await houqi.json("/api/indicator-sets", {
      method: "POST",
      body: {
        name: "科左后旗成员单位年度考核指标",
        versionLabel: "2026版",
        categories: [],
        levels: ["county"],
        total: 100,
        passLine: 60,
        nodes: [
          {
            title: "工作落实",
            children: [
              { title: "零报告按时报送", method: "score", maxScore: 30 },
              { title: "开展活动", method: "score", maxScore: 20 },
              { title: "进度报告按时报送", method: "score", maxScore: 20 },
            ],
          },
          { title: "工作成效", children: [{ title: "特色工作", method: "score", maxScore: 30 }] },
        ],
      },
    });
    await houqi.json(`/api/indicator-sets/${set.id}/publish`, { method: "POST" });
    round = await houqi.json<RoundView>("/api/assessment-rounds", {
      method: "POST",
      body: {
        title: "科左后旗2026年度民族团结进步工作考核",
        year: 2026,
        setId: set.id,
        windowFrom: "2026-01-01",
        windowTo: "2026-06-30",
        orgIds: [f.houqiDept.id, f.houqiTown.id],
        indicators: [
          { nodeCode: "1.1", kind: "computed", metric: "zero_reports_on_time" },
          { nodeCode: "1.2", kind: "computed", metric: "activities_count", target: 5 },
          { nodeCode: "1.3", kind: "computed", metric: "plan_reports_on_time" },
          { nodeCode: "2.1", kind: "reported" },
        ],
        panelUserIds: [expert.id],
      },
    });
    roundId = round.id;
  });
  afterAll(async () => h?.close());

  const values = (c: Client, subjectId?: string) =>
    c.json<ComputedValueView[]>(
      `/api/assessment-rounds/${roundId}/values${subjectId ? `?subjectId=${subjectId}` : ""}`,
    );
  const fig = (vs: ComputedValueView[], subjectId: string, code: string) =>
    vs.find((v) => v.subjectId === subjectId && v.nodeCode === code)!;

  it("a draft round is the organiser's alone; another banner and the unit get 404", async () => {
    expect(round.status).toBe("draft");
    expect((await zhongqi.req(`/api/assessment-rounds/${roundId}`)).statusCode).toBe(404);
    expect((await unit.req(`/api/assessment-rounds/${roundId}`)).statusCode).toBe(404);
    expect((await zhongqi.json("/api/assessment-rounds")).total).toBe(0);
    expect((await zhongqi.req(`/api/assessment-rounds/${roundId}/snapshot`, { method: "POST" })).statusCode).toBe(404);
  });

  it("the snapshot computes each figure as counted by hand, with the records behind it", async () => {
    round = await houqi.json<RoundView>(`/api/assessment-rounds/${roundId}/snapshot`, { method: "POST" });
    expect(round.status).toBe("collecting");
    expect(round.snapshotHash).toMatch(/^[0-9a-f]{64}$/);
    const vs = await values(houqi);
    const z = fig(vs, town().id, "1.1");
    expect([z.numerator, z.denominator, z.score]).toEqual([2, 6, 10]);
    expect([fig(vs, dept().id, "1.1").numerator, fig(vs, dept().id, "1.1").denominator]).toEqual([6, 6]);
    expect(fig(vs, dept().id, "1.1").score).toBe(30);
    const a = fig(vs, town().id, "1.2");
    expect([a.numerator, a.denominator, a.score]).toEqual([4, 5, 16]);
    expect(fig(vs, dept().id, "1.2").score).toBe(4);
    const p = fig(vs, town().id, "1.3");
    expect([p.numerator, p.denominator, p.score]).toEqual([1, 2, 10]);
    expect(fig(vs, dept().id, "1.3").denominator).toBe(0);
    expect(fig(vs, dept().id, "1.3").score).toBe(20);
    const recs = await houqi.json(`/api/assessment-values/${z.id}/records`);
    expect(recs.items).toHaveLength(6);
    expect(recs.items.filter((r: { status: string }) => r.status === "未报送")).toHaveLength(3);
    expect(recs.items.filter((r: { ok: boolean }) => r.ok)).toHaveLength(2);
    expect(town().computedScore).toBe(36);
  });

  it("the hash stays with the same inputs and changes when one input changes", async () => {
    const before = await values(houqi);
    const again = await houqi.json<RoundView>(`/api/assessment-rounds/${roundId}/snapshot`, { method: "POST" });
    const same = await values(houqi);
    expect(again.snapshotHash).toBe(round.snapshotHash);
    expect(fig(same, town().id, "1.2").inputHash).toBe(fig(before, town().id, "1.2").inputHash);
    await h.deps.db.insert(activityRecords).values({
      typeCode: "lecture",
      domainCode: "education",
      title: "补录的活动",
      startDate: "2026-06-01",
      endDate: "2026-06-01",
      regionCode: f.houqiTown.regionCode,
      orgId: f.houqiTown.id,
      status: "confirmed",
      createdBy: f.houqiAdmin.id,
    });
    round = await houqi.json<RoundView>(`/api/assessment-rounds/${roundId}/snapshot`, { method: "POST" });
    const after = await values(houqi);
    expect(round.snapshotHash).not.toBe(again.snapshotHash);
    expect(fig(after, town().id, "1.2").inputHash).not.toBe(fig(before, town().id, "1.2").inputHash);
    expect(fig(after, town().id, "1.2").numerator).toBe(5);
    expect(fig(after, town().id, "1.1").inputHash).toBe(fig(before, town().id, "1.1").inputHash);
  });

  it("the unit sees only its own subject, disputes a figure; the organiser corrects it with history", async () => {
    const mine = await unit.json<RoundView>(`/api/assessment-rounds/${roundId}`);
    expect(mine.subjectList.map((s) => s.name)).toEqual([f.houqiTown.name]);
    const own = await values(unit);
    expect(new Set(own.map((v) => v.subjectId))).toEqual(new Set([town().id]));
    const deptValue = fig(await values(houqi), dept().id, "1.1");
    expect((await unit.req(`/api/assessment-values/${deptValue.id}/records`)).statusCode).toBe(404);
    expect((await zhongqi.req(`/api/assessment-values/${deptValue.id}/records`)).statusCode).toBe(404);
    const z = fig(own, town().id, "1.1");
    expect(
      (
        await unit.req(`/api/assessment-rounds/${roundId}/disputes`, {
          method: "POST",
          body: { valueId: deptValue.id, reason: "不是本单位" },
        })
      ).statusCode,
    ).toBe(404);
    // 消息中心: the unit's reported part is its to-do while the round collects data
    const report = await todos(h, unit, "待填报的考核自评");
    expect(report.map((m) => [m.link, m.resolved])).toEqual([[`/assessment/${roundId}`, false]]);
    const d = await unit.json(`/api/assessment-rounds/${roundId}/disputes`, {
      method: "POST",
      body: { valueId: z.id, reason: "4月零报告已通过纸质方式按时报送，系统未录入" },
    });
    expect(d.status).toBe("open");
    // the open dispute is the organiser's to-do, not another banner's
    expect((await todos(h, houqi, "待处理的考核数据异议")).map((m) => m.resolved)).toEqual([false]);
    expect(await todos(h, zhongqi, "待处理的考核数据异议")).toEqual([]);
    const blocked = await houqi.req(`/api/assessment-rounds/${roundId}/start-scoring`, { method: "POST" });
    expect(blocked.json().error.code).toBe("OPEN_DISPUTES");
    expect(
      (
        await zhongqi.req(`/api/assessment-disputes/${d.id}/resolve`, {
          method: "POST",
          body: { decision: "rejected", response: "x" },
        })
      ).statusCode,
    ).toBe(404);
    const done = await houqi.json(`/api/assessment-disputes/${d.id}/resolve`, {
      method: "POST",
      body: { decision: "corrected", response: "经核对纸质报送记录属实，予以更正", numerator: 3, denominator: 6 },
    });
    expect(done.status).toBe("corrected");
    expect((await todos(h, houqi, "待处理的考核数据异议")).map((m) => m.resolved)).toEqual([true]);
    const fixed = fig(await values(unit), town().id, "1.1");
    expect([fixed.numerator, fixed.score, fixed.corrected]).toEqual([3, 15, true]);
    const versions = await unit.json(`/api/assessment-values/${z.id}/versions`);
    expect(versions.map((v: { kind: string; numerator: number }) => [v.kind, v.numerator])).toEqual([
      ["snapshot", 2],
      ["correction", 3],
    ]);
    expect((await houqi.req(`/api/assessment-rounds/${roundId}/snapshot`, { method: "POST" })).json().error.code).toBe(
      "SNAPSHOT_LOCKED",
    );
  });

  it("the unit reports with evidence; the panel scores; the ranking is published with the 通报", async () => {
    await unit.json(`/api/assessment-subjects/${town().id}/reported`, {
      method: "PUT",
      body: {
        entries: [{ nodeCode: "2.1", text: "打造“石榴籽”宣讲品牌，开展宣讲12场", materialIds: [] }],
        submit: true,
      },
    });
    expect(
      (
        await unit.req(`/api/assessment-subjects/${town().id}/reported`, {
          method: "PUT",
          body: { entries: [], submit: false },
        })
      ).statusCode,
    ).toBe(409);
    expect((await todos(h, unit, "待填报的考核自评")).map((m) => m.resolved)).toEqual([true]);
    round = await houqi.json<RoundView>(`/api/assessment-rounds/${roundId}/start-scoring`, { method: "POST" });
    expect(round.status).toBe("scoring");
    expect((await todos(h, panel, "待评分的考核")).map((m) => [m.link, m.resolved])).toEqual([
      [`/assessment/${roundId}`, false],
    ]);
    expect(
      (
        await zhongqi.req(`/api/assessment-subjects/${town().id}/panel-score`, {
          method: "PUT",
          body: { entries: [{ nodeCode: "2.1", score: 1 }] },
        })
      ).statusCode,
    ).toBe(404);
    const early = await houqi.req(`/api/assessment-rounds/${roundId}/publish`, { method: "POST" });
    expect(early.json().error.code).toBe("PANEL_INCOMPLETE");
    await panel.json(`/api/assessment-subjects/${town().id}/panel-score`, {
      method: "PUT",
      body: { entries: [{ nodeCode: "2.1", score: 27.5 }] },
    });
    await panel.json(`/api/assessment-subjects/${dept().id}/panel-score`, {
      method: "PUT",
      body: { entries: [{ nodeCode: "2.1", score: 20 }] },
    });
    expect((await todos(h, panel, "待评分的考核")).map((m) => m.resolved)).toEqual([true]);
    expect((await unit.req(`/api/assessment-rounds/${roundId}/ranking`)).statusCode).toBe(409);
    round = await houqi.json<RoundView>(`/api/assessment-rounds/${roundId}/publish`, { method: "POST" });
    expect(round.status).toBe("published");
    const ranking = await unit.json(`/api/assessment-rounds/${roundId}/ranking`);
    // 民委 30 + 4 + 20 + 20 = 74; 甘旗卡镇 15 + 20 + 10 + 27.5 = 72.5.
    expect(
      ranking.items.map((i: { name: string; finalScore: number; rank: number }) => [i.rank, i.name, i.finalScore]),
    ).toEqual([
      [1, f.houqiDept.name, 74],
      [2, f.houqiTown.name, 72.5],
    ]);
    const doc = await unit.req(`/api/assessment-rounds/${roundId}/bulletin`);
    expect(doc.statusCode).toBe(200);
    expect(doc.rawPayload.subarray(0, 2).toString()).toBe("PK");
    expect((await zhongqi.req(`/api/assessment-rounds/${roundId}/bulletin`)).statusCode).toBe(404);
    const hist = await houqi.json(`/api/assessment-rounds/${roundId}/history`);
    expect(hist.items.map((e: { action: string }) => e.action)).toContain("assessment_round.publish");
  });
});
