import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActivityView } from "../../../contracts/activities.js";
import type { ReportView } from "../../../contracts/plan-progress.js";
import type { PlanView } from "../../../contracts/plans.js";
import { type Client, createOrg, createUser, login, twoBanners, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { jpegWithExif, uploadPhoto } from "../activities/activities.fixtures.js";

/**
 * 活动 reused as evidence of a progress report (填一次，多处用): a community records a 微活动, cites it in its
 * report on a task led by another unit; the lead unit (scope 本单位, so the activities module itself refuses it)
 * opens the record and its photo through the plan. Citing respects the citer's activities scope; nobody who does
 * not see a citing report opens the record through the plan.
 */
describe("plans: activity records as evidence of progress reports", () => {
  let h: TestApp;
  let admin: Client; // 后旗民委: issues the plan
  let worker: Client; // 团结社区居委会: co-unit, records and cites the activity
  let lead: Client; // 科左后旗文化馆: lead unit of the task
  let co: Client; // 甘旗卡第一中学: another co-unit
  let zhongqi: Client; // 中旗民委: no part in the plan
  let plan: PlanView;
  let taskId: string;
  let activity: ActivityView;
  let draft: ActivityView;
  let photo: string;

  const report = (c: Client, activityIds: string[], percent = 30) =>
    c.req(`/api/plans/${plan.id}/nodes/${taskId}/reports`, {
      method: "POST",
      body: { period: "2026Q3", status: "in_progress", percent, narrative: "开展宣传月活动", activityIds },
    });

  beforeAll(async () => {
    h = await createTestApp({ start: "2026-09-20T02:00:00Z" });
    const f = await twoBanners(h);
    const community = await createOrg(f.admin, "团结社区居民委员会", "150522100", { parentId: f.houqiTown.id });
    const culture = await createOrg(f.admin, "科左后旗文化馆", "150522");
    const school = await createOrg(f.admin, "甘旗卡第一中学", "150522100", { type: "school" });
    await createUser(h, f.admin, "comm_worker", community.id, ["unit_user"]);
    await createUser(h, f.admin, "culture_user", culture.id, ["unit_user"]);
    await createUser(h, f.admin, "school_user", school.id, ["unit_user"]);
    admin = await login(h, "houqi_admin", USER_PASSWORD);
    worker = await login(h, "comm_worker", USER_PASSWORD);
    lead = await login(h, "culture_user", USER_PASSWORD);
    co = await login(h, "school_user", USER_PASSWORD);
    zhongqi = await login(h, "zhongqi_admin", USER_PASSWORD);

    const created = await admin.json<PlanView>("/api/plans", {
      method: "POST",
      body: { title: "民族团结进步宣传教育行动方案", periodStart: 2026, periodEnd: 2026, cycle: "quarterly" },
    });
    const c1 = await admin.json(`/api/plans/${created.id}/nodes`, {
      method: "POST",
      body: { kind: "chapter", number: "第一章", title: "宣传教育" },
    });
    const t1 = await admin.json(`/api/plans/${created.id}/nodes`, {
      method: "POST",
      body: {
        parentNodeId: c1.nodeId,
        kind: "task",
        number: "1.",
        title: "开展民族团结进步宣传月活动",
        orgIds: [culture.id, community.id, school.id],
        leadOrgId: culture.id,
      },
    });
    taskId = t1.nodeId;
    plan = await admin.json(`/api/plans/${created.id}`, { method: "PATCH", body: { status: "active" } });

    photo = await uploadPhoto(worker, "包饺子", jpegWithExif("2026:09:10 10:00:00", "evidence-a"));
    const body = {
      typeCode: "micro_activity",
      domainCode: "community",
      title: "石榴籽一家亲微活动",
      startDate: "2026-09-10",
      endDate: "2026-09-10",
      regionCode: "150522100",
      participants: { resident: 30, cadre: 5 },
      photoIds: [photo],
    };
    activity = await worker.json<ActivityView>("/api/activities", { method: "POST", body });
    activity = await worker.json<ActivityView>(`/api/activities/${activity.id}/submit`, { method: "POST" });
    draft = await worker.json<ActivityView>("/api/activities", {
      method: "POST",
      body: { ...body, title: "尚未提交的活动", photoIds: [] },
    });
  });
  afterAll(() => h?.close());

  it("citing respects the citer's scope: drafts and records it cannot read are refused on activityIds", async () => {
    const notMine = await report(lead, [activity.id]);
    expect(notMine.statusCode, notMine.body).toBe(400);
    expect(notMine.json().error.details.fields[0]).toMatchObject({ field: "activityIds" });
    const drafted = await report(worker, [draft.id]);
    expect(drafted.statusCode, drafted.body).toBe(400);
    expect(drafted.json().error.details.fields[0].field).toBe("activityIds");
  });

  it("a report cites an activity record, shown by name; the citation is audited", async () => {
    const res = await report(worker, [activity.id]);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<ReportView>();
    expect(r.activities).toEqual([
      { id: activity.id, title: "石榴籽一家亲微活动", startDate: "2026-09-10", orgName: "团结社区居民委员会" },
    ]);
    const rows = await h.deps.db.execute<{ changes: unknown }>(
      sql`SELECT changes FROM audit_log WHERE action = 'plan.report.submit' AND entity_id = ${r.id}`,
    );
    const entry = rows.rows[0];
    expect(JSON.stringify(entry?.changes)).toContain("石榴籽一家亲微活动");
  });

  it("the lead unit opens the cited record and its photo through the plan, not through activities", async () => {
    expect((await lead.req(`/api/activities/${activity.id}`)).statusCode).toBe(404);
    const reports = await lead.json<{ items: ReportView[] }>(`/api/plans/${plan.id}/reports`);
    expect(reports.items.flatMap((x) => x.activities.map((a) => a.id))).toContain(activity.id);
    const opened = await lead.req(`/api/plans/${plan.id}/activities/${activity.id}`);
    expect(opened.statusCode, opened.body).toBe(200);
    const view = opened.json<ActivityView>();
    expect(view).toMatchObject({ title: "石榴籽一家亲微活动", orgName: "团结社区居民委员会", actions: [], flags: [] });
    expect(view.participants.map((p) => p.count).sort()).toEqual([30, 5].sort());
    expect(view.photos.map((p) => p.id)).toEqual([photo]);
    const preview = await lead.req(`/api/plans/${plan.id}/evidence/${photo}/preview`);
    expect(preview.statusCode, preview.body).toBe(200);
  });

  it("whoever does not see a citing report gets 404: a co-unit, another banner, an uncited record", async () => {
    expect((await co.req(`/api/plans/${plan.id}/activities/${activity.id}`)).statusCode).toBe(404);
    expect((await co.req(`/api/plans/${plan.id}/evidence/${photo}/preview`)).statusCode).toBe(404);
    expect((await zhongqi.req(`/api/plans/${plan.id}/activities/${activity.id}`)).statusCode).toBe(404);
    expect((await admin.req(`/api/plans/${plan.id}/activities/${draft.id}`)).statusCode).toBe(404);
    // The issuing department sees every report, so it opens the cited one.
    expect((await admin.req(`/api/plans/${plan.id}/activities/${activity.id}`)).statusCode).toBe(200);
  });

  it("a revision dropping the citation closes the way in", async () => {
    expect((await report(worker, [], 40)).statusCode).toBe(200);
    expect((await lead.req(`/api/plans/${plan.id}/activities/${activity.id}`)).statusCode).toBe(404);
    expect((await lead.req(`/api/plans/${plan.id}/evidence/${photo}/preview`)).statusCode).toBe(404);
  });
});
