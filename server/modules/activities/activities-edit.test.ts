import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActivityPlanView, PairView } from "../../../contracts/activities.js";
import { type Client, createOrg, createUser, login, twoBanners, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";

/**
 * Corrections and removals of 年度活动计划 and 结对: by their organization's managers only (another banner: 404;
 * a unit without activity:manage: 403), each audited; a pair with visits is ended, not deleted.
 */
describe("activities: editing and removing plans and pairs", () => {
  let h: TestApp;
  let houqi: Client; // 后旗民委
  let zhongqi: Client; // 中旗民委
  let worker: Client; // 团结社区居委会 (unit_user)
  let communityId: string;
  let cultureId: string;

  const audits = async (entityId: string) =>
    (
      await h.deps.db.execute<{ action: string }>(
        sql`SELECT action FROM audit_log WHERE entity_id = ${entityId} ORDER BY seq`,
      )
    ).rows.map((r) => r.action);
  const newPair = () =>
    houqi.json<PairView>("/api/activity-pairs", {
      method: "POST",
      body: {
        a: { kind: "org", orgId: communityId },
        b: { kind: "org", orgId: cultureId },
        startDate: "2026-03-01",
        goals: "每季度开展一次联谊活动",
      },
    });

  beforeAll(async () => {
    h = await createTestApp({ start: "2026-09-20T02:00:00Z" });
    const f = await twoBanners(h);
    const community = await createOrg(f.admin, "团结社区居民委员会", "150522100", { parentId: f.houqiTown.id });
    const culture = await createOrg(f.admin, "科左后旗文化馆", "150522");
    communityId = community.id;
    cultureId = culture.id;
    await createUser(h, f.admin, "comm_worker", community.id, ["unit_user"]);
    houqi = await login(h, "houqi_admin", USER_PASSWORD);
    zhongqi = await login(h, "zhongqi_admin", USER_PASSWORD);
    worker = await login(h, "comm_worker", USER_PASSWORD);
  });
  afterAll(() => h?.close());

  it("a plan is rewritten and deleted by its managers, audited; others get 404 or 403", async () => {
    const plan = await houqi.json<ActivityPlanView>("/api/activity-plans", {
      method: "POST",
      body: { title: "2026年活动计划", year: 2026, lines: [{ typeCode: "lecture", month: null, targetCount: 4 }] },
    });
    const body = {
      title: "2026年民族团结进步活动计划（修订）",
      year: 2026,
      covers: "region",
      lines: [
        { typeCode: "micro_activity", month: 9, targetCount: 6 },
        { typeCode: "lecture", month: null, targetCount: 2 },
      ],
    };
    expect((await zhongqi.req(`/api/activity-plans/${plan.id}`, { method: "PATCH", body })).statusCode).toBe(404);
    expect((await worker.req(`/api/activity-plans/${plan.id}`, { method: "PATCH", body })).statusCode).toBe(403);
    const bad = await houqi.req(`/api/activity-plans/${plan.id}`, {
      method: "PATCH",
      body: { ...body, lines: [{ typeCode: "no_such_type", month: 1, targetCount: 1 }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe("lines");
    const updated = await houqi.json<ActivityPlanView>(`/api/activity-plans/${plan.id}`, { method: "PATCH", body });
    expect(updated).toMatchObject({ title: body.title, covers: "region", targetTotal: 8 });
    expect(updated.lines.map((l) => [l.typeCode, l.month, l.targetCount])).toEqual([
      ["micro_activity", 9, 6],
      ["lecture", null, 2],
    ]);
    expect((await zhongqi.req(`/api/activity-plans/${plan.id}`, { method: "DELETE" })).statusCode).toBe(404);
    expect((await worker.req(`/api/activity-plans/${plan.id}`, { method: "DELETE" })).statusCode).toBe(403);
    expect((await houqi.req(`/api/activity-plans/${plan.id}`, { method: "DELETE" })).statusCode).toBe(200);
    expect((await houqi.req(`/api/activity-plans/${plan.id}`)).statusCode).toBe(404);
    expect(await audits(plan.id)).toEqual(["activity_plan.create", "activity_plan.update", "activity_plan.delete"]);
  });

  it("a pair is corrected, ended (no longer overdue) and, without visits, deleted; with visits it is kept", async () => {
    const pair = await newPair();
    expect(pair.overdue).toBe(true); // no visit since March
    const patch = { startDate: "2026-03-01", goals: "每月走访一次", endDate: "2026-09-01" };
    expect((await zhongqi.req(`/api/activity-pairs/${pair.id}`, { method: "PATCH", body: patch })).statusCode).toBe(
      404,
    );
    expect((await worker.req(`/api/activity-pairs/${pair.id}`, { method: "PATCH", body: patch })).statusCode).toBe(403);
    const early = await houqi.req(`/api/activity-pairs/${pair.id}`, {
      method: "PATCH",
      body: { ...patch, endDate: "2026-01-01" },
    });
    expect(early.json().error.details.fields[0].field).toBe("endDate");
    const ended = await houqi.json<PairView>(`/api/activity-pairs/${pair.id}`, { method: "PATCH", body: patch });
    expect(ended).toMatchObject({ goals: "每月走访一次", endDate: "2026-09-01", overdue: false });
    expect((await houqi.json<{ total: number }>("/api/activity-pairs?overdue=true")).total).toBe(0);
    expect((await houqi.req(`/api/activity-pairs/${pair.id}`, { method: "DELETE" })).statusCode).toBe(200);
    expect(await audits(pair.id)).toEqual(["activity_pair.create", "activity_pair.end", "activity_pair.delete"]);

    const visited = await newPair();
    const visit = await worker.json<{ id: string }>("/api/activities", {
      method: "POST",
      body: {
        typeCode: "pairing_visit",
        domainCode: "community",
        title: "结对联谊",
        startDate: "2026-09-01",
        endDate: "2026-09-01",
        regionCode: "150522100",
        pairId: visited.id,
      },
    });
    expect(visit.id).toBeTruthy();
    const refused = await houqi.req(`/api/activity-pairs/${visited.id}`, { method: "DELETE" });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe("PAIR_HAS_VISITS");
    expect((await houqi.req(`/api/activity-pairs/${visited.id}`)).statusCode).toBe(200);
  });
});
