import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActivityView } from "../../../contracts/activities.js";
import type { RoundView } from "../../../contracts/assessment.js";
import { type Client, createOrg, createUser, login, twoBanners, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { jpegWithExif, uploadPhoto } from "../activities/activities.fixtures.js";

/**
 * 活动 reused as evidence of a reported indicator (填一次，多处用): the assessed town cites its activity record; the
 * panel member (no activities permission) and the organiser open the record and its photo through the assessment
 * subject; a unit of the same banner that is not assessed, and another banner, get 404.
 */
describe("考核评价: activity records as evidence of reported items", () => {
  let h: TestApp;
  let f: Awaited<ReturnType<typeof twoBanners>>;
  let houqi: Client;
  let zhongqi: Client;
  let unit: Client;
  let panel: Client;
  let bystander: Client;
  let round: RoundView;
  let activity: ActivityView;
  let draft: ActivityView;
  let deptActivity: ActivityView;
  let photo: string;
  const town = () => round.subjectList.find((s) => s.orgId === f.houqiTown.id)!;

  const record = async (c: Client, title: string, regionCode: string, photoIds: string[], submit = true) => {
    const a = await c.json<ActivityView>("/api/activities", {
      method: "POST",
      body: {
        typeCode: "micro_activity",
        domainCode: "community",
        title,
        startDate: "2026-05-10",
        endDate: "2026-05-10",
        regionCode,
        participants: { resident: 40 },
        photoIds,
      },
    });
    return submit ? c.json<ActivityView>(`/api/activities/${a.id}/submit`, { method: "POST" }) : a;
  };
  const report = (activityIds: string[], submit = false) =>
    unit.req(`/api/assessment-subjects/${town().id}/reported`, {
      method: "PUT",
      body: { entries: [{ nodeCode: "1.1", text: "开展“石榴籽”宣讲12场", materialIds: [], activityIds }], submit },
    });

  beforeAll(async () => {
    h = await createTestApp({ start: "2026-07-20T02:00:00Z" });
    f = await twoBanners(h);
    houqi = await login(h, "houqi_admin", USER_PASSWORD);
    zhongqi = await login(h, "zhongqi_admin", USER_PASSWORD);
    unit = await login(h, "houqi_unit", USER_PASSWORD);
    const expert = await createUser(h, f.admin, "houqi_panel", f.houqiDept.id, ["evaluator"]);
    panel = await login(h, "houqi_panel", USER_PASSWORD);
    const school = await createOrg(f.admin, "甘旗卡第一中学", "150522100", { type: "school" });
    await createUser(h, f.admin, "school_user", school.id, ["unit_user"]);
    bystander = await login(h, "school_user", USER_PASSWORD);

    photo = await uploadPhoto(unit, "宣讲现场", jpegWithExif("2026:05:10 10:00:00", "assessment-evidence"));
    activity = await record(unit, "石榴籽宣讲进社区", "150522100", [photo]);
    draft = await record(unit, "尚未提交的宣讲", "150522100", [], false);
    deptActivity = await record(houqi, "民委的培训班", "150522", []);

    const set = await houqi.json("/api/indicator-sets", {
      method: "POST",
      body: {
        name: "科左后旗成员单位年度考核指标",
        versionLabel: "2026版",
        categories: [],
        levels: ["county"],
        total: 100,
        passLine: 60,
        nodes: [{ title: "工作成效", children: [{ title: "特色工作", method: "score", maxScore: 100 }] }],
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
        indicators: [{ nodeCode: "1.1", kind: "reported" }],
        panelUserIds: [expert.id],
      },
    });
    round = await houqi.json<RoundView>(`/api/assessment-rounds/${round.id}/snapshot`, { method: "POST" });
  });
  afterAll(async () => h?.close());

  it("a draft, or a record the unit cannot read, is refused on activityIds and nothing changes", async () => {
    for (const id of [draft.id, deptActivity.id]) {
      const res = await report([id]);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details.fields[0]).toMatchObject({ field: "activityIds", label: "佐证活动" });
    }
    const mine = await unit.json<RoundView>(`/api/assessment-rounds/${round.id}`);
    expect(mine.subjectList[0].reported).toEqual([]);
  });

  it("the unit cites its record, shown with title, date and organizer; the citation is audited", async () => {
    const res = await report([activity.id], true);
    expect(res.statusCode, res.body).toBe(200);
    round = await houqi.json<RoundView>(`/api/assessment-rounds/${round.id}`);
    expect(town().reported[0]).toMatchObject({
      activityIds: [activity.id],
      activities: [
        { id: activity.id, title: "石榴籽宣讲进社区", startDate: "2026-05-10", orgName: "甘旗卡镇人民政府" },
      ],
    });
    const rows = await h.deps.db.execute<{ changes: unknown }>(
      sql`SELECT changes FROM audit_log WHERE action = 'assessment_subject.submit_reported' AND entity_id = ${town().id}`,
    );
    expect(JSON.stringify(rows.rows[0]?.changes)).toContain("1.1 石榴籽宣讲进社区（2026-05-10）");
  });

  it("the panel member and the organiser open the record and its photo through the subject", async () => {
    expect([403, 404]).toContain((await panel.req(`/api/activities/${activity.id}`)).statusCode);
    const base = `/api/assessment-subjects/${town().id}`;
    for (const c of [panel, houqi, unit]) {
      const opened = await c.req(`${base}/activities/${activity.id}`);
      expect(opened.statusCode, opened.body).toBe(200);
      const view = opened.json<ActivityView>();
      expect(view).toMatchObject({ title: "石榴籽宣讲进社区", orgName: "甘旗卡镇人民政府", actions: [], flags: [] });
      expect(view.photos.map((p) => p.id)).toEqual([photo]);
      expect((await c.req(`${base}/evidence/${photo}/preview`)).statusCode).toBe(200);
    }
    expect((await panel.req(`${base}/evidence/${photo}/download`)).statusCode).toBe(200);
    const audit = await h.deps.db.execute<{ summary: string; actor_name: string }>(
      sql`SELECT summary, actor_name FROM audit_log WHERE action = 'material.download' AND entity_id = ${photo}`,
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].summary).toBe(
      "下载材料“宣讲现场”（“科左后旗2026年度民族团结进步工作考核”中甘旗卡镇人民政府填报指标的佐证材料）",
    );
  });

  it("whoever does not see the subject gets 404: a unit not assessed, another banner, an uncited record", async () => {
    const base = `/api/assessment-subjects/${town().id}`;
    for (const c of [bystander, zhongqi]) {
      expect((await c.req(`${base}/activities/${activity.id}`)).statusCode).toBe(404);
      expect((await c.req(`${base}/evidence/${photo}/preview`)).statusCode).toBe(404);
    }
    expect((await houqi.req(`${base}/activities/${deptActivity.id}`)).statusCode).toBe(404);
    expect((await houqi.req(`${base}/activities/${draft.id}`)).statusCode).toBe(404);
    // The 民委's own subject cites nothing: the record does not open through it.
    const dept = round.subjectList.find((s) => s.orgId === f.houqiDept.id)!;
    expect((await houqi.req(`/api/assessment-subjects/${dept.id}/activities/${activity.id}`)).statusCode).toBe(404);
  });
});
