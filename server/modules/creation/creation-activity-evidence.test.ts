import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActivityView } from "../../../contracts/activities.js";
import type { ScoreSheetView } from "../../../contracts/evaluation.js";
import type { Client } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { jpegWithExif, uploadPhoto } from "../activities/activities.fixtures.js";
import { creationWorld, driveToAccepted, entriesFor, type World } from "./creation.fixtures.js";

/**
 * 活动 reused as evidence of a score sheet item (填一次，多处用): a village records a 微活动 and cites it in its
 * application's self-assessment and in a 年度自查; the application's readers (an assigned expert, who cannot read
 * activities at all) and the self-check's readers (the city) open the record and its photo through that object.
 * Citing respects the citer's activities scope; nobody who does not read the object opens the record through it.
 */
describe("creation: activity records as evidence of self-assessment items", () => {
  let h: TestApp;
  let w: World;
  let activity: ActivityView;
  let draft: ActivityView;
  let other: ActivityView;
  let photo: string;
  let appId: string;
  let sheetId: string;
  let selfCheckId: string;
  let checkSheetId: string;

  const record = async (c: Client, title: string, regionCode: string, photoIds: string[], submit = true) => {
    const a = await c.json<ActivityView>("/api/activities", {
      method: "POST",
      body: {
        typeCode: "micro_activity",
        domainCode: "community",
        title,
        startDate: "2026-03-10",
        endDate: "2026-03-10",
        regionCode,
        participants: { resident: 30, cadre: 5 },
        photoIds,
      },
    });
    return submit ? c.json<ActivityView>(`/api/activities/${a.id}/submit`, { method: "POST" }) : a;
  };
  const cite = (c: Client, sheet: string, activityIds: string[]) =>
    c.req(`/api/score-sheets/${sheet}`, {
      method: "PUT",
      body: { entries: entriesFor(96).map((e) => (e.nodeCode === "1.1" ? { ...e, activityIds } : e)) },
    });

  beforeAll(async () => {
    h = await createTestApp({ start: "2026-03-20T02:00:00Z" });
    w = await creationWorld(h);
    const { c } = w;
    photo = await uploadPhoto(c.village, "包饺子", jpegWithExif("2026:03:10 10:00:00", "creation-evidence"));
    activity = await record(c.village, "石榴籽一家亲微活动", "150522100203", [photo]);
    draft = await record(c.village, "尚未提交的活动", "150522100203", [], false);
    other = await record(c.village2, "邻村的活动", "150522100204", []);
    const app = await c.village.json("/api/creation/applications", {
      method: "POST",
      body: { batchId: w.batchId, category: "village", statement: "开展“石榴籽”主题教育。" },
    });
    appId = app.id;
    sheetId = app.selfSheet.id;
  });
  afterAll(() => h?.close());

  it("a draft, or a record the filler cannot read, is refused on activityIds and nothing changes", async () => {
    for (const id of [draft.id, other.id]) {
      const res = await cite(w.c.village, sheetId, [id]);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details.fields[0]).toMatchObject({ field: "activityIds", label: "佐证活动" });
    }
    const sheet = await w.c.village.json<ScoreSheetView>(`/api/score-sheets/${sheetId}`);
    expect(sheet.entries).toEqual([]);
  });

  it("an item cites the record, shown with title, date and organizer; the citation is audited", async () => {
    const res = await cite(w.c.village, sheetId, [activity.id]);
    expect(res.statusCode, res.body).toBe(200);
    const item = res.json<ScoreSheetView>().entries.find((e) => e.nodeCode === "1.1");
    expect(item?.activityIds).toEqual([activity.id]);
    expect(item?.activities).toEqual([
      { id: activity.id, title: "石榴籽一家亲微活动", startDate: "2026-03-10", orgName: "哈布哈嘎查村民委员会" },
    ]);
    const rows = await h.deps.db.execute<{ changes: unknown }>(
      sql`SELECT changes FROM audit_log WHERE action = 'score_sheet.save' AND entity_id = ${sheetId} ORDER BY seq`,
    );
    expect(JSON.stringify(rows.rows.at(-1)?.changes)).toContain("1.1 石榴籽一家亲微活动（2026-03-10）");
  });

  it("an assigned expert, who cannot read activities, opens the record and its photo through the application", async () => {
    await w.c.village.json(`/api/score-sheets/${sheetId}/submit`, { method: "POST" });
    await w.c.village.json(`/api/creation/applications/${appId}/submit`, { method: "POST" });
    await driveToAccepted(w, appId);
    await w.c.city.json(`/api/creation/applications/${appId}/experts`, {
      method: "POST",
      body: { userIds: [w.experts[0].id] },
    });
    const expert = w.c.experts[0];
    expect([403, 404]).toContain((await expert.req(`/api/activities/${activity.id}`)).statusCode);
    const opened = await expert.req(`/api/creation/applications/${appId}/activities/${activity.id}`);
    expect(opened.statusCode, opened.body).toBe(200);
    const view = opened.json<ActivityView>();
    expect(view).toMatchObject({
      title: "石榴籽一家亲微活动",
      orgName: "哈布哈嘎查村民委员会",
      actions: [],
      flags: [],
    });
    expect(view.photos.map((p) => p.id)).toEqual([photo]);
    const preview = await expert.req(`/api/creation/applications/${appId}/evidence/${photo}/preview`);
    expect(preview.statusCode, preview.body).toBe(200);
    const download = await expert.req(`/api/creation/applications/${appId}/evidence/${photo}/download`);
    expect(download.statusCode).toBe(200);
    const audit = await h.deps.db.execute<{ summary: string }>(
      sql`SELECT summary FROM audit_log WHERE action = 'material.download' AND entity_id = ${photo}`,
    );
    expect(audit.rows.map((r) => r.summary)).toEqual(["下载材料“包饺子”（“哈布哈嘎查村民委员会”申报的佐证材料）"]);
    // The reviewing departments read the application, so they open it too.
    expect((await w.c.city.req(`/api/creation/applications/${appId}/activities/${activity.id}`)).statusCode).toBe(200);
  });

  it("whoever does not read the application gets 404: an unassigned expert, another banner, an uncited record", async () => {
    const url = (c: Client, id = activity.id) => c.req(`/api/creation/applications/${appId}/activities/${id}`);
    expect((await url(w.c.experts[2])).statusCode).toBe(404);
    expect((await w.c.experts[2].req(`/api/creation/applications/${appId}/evidence/${photo}/preview`)).statusCode).toBe(
      404,
    );
    expect((await url(w.c.zhongqi)).statusCode).toBe(404);
    expect((await url(w.c.village2)).statusCode).toBe(404);
    expect((await url(w.c.city, other.id)).statusCode).toBe(404);
    expect((await url(w.c.city, draft.id)).statusCode).toBe(404);
  });

  it("a 年度自查 item cites the record; the self-check's readers open it and its photo, others get 404", async () => {
    const d = await w.c.city.json("/api/creation/designations", {
      method: "POST",
      body: {
        orgId: w.village.id,
        category: "village",
        level: "city",
        certificateNo: "2024-MS-1505-0001",
        docNumber: "通民委发〔2024〕30号",
        namedOn: "2024-01-10",
        setId: w.setId,
      },
    });
    const check = await w.c.village.json(`/api/creation/designations/${d.id}/self-checks`, {
      method: "POST",
      body: { year: 2026 },
    });
    selfCheckId = check.id;
    checkSheetId = check.sheetId;
    expect((await cite(w.c.village, checkSheetId, [other.id])).statusCode).toBe(400);
    expect((await cite(w.c.village, checkSheetId, [activity.id])).statusCode).toBe(200);
    const base = `/api/creation/self-checks/${selfCheckId}`;
    for (const c of [w.c.city, w.c.houqi, w.c.village]) {
      const res = await c.req(`${base}/activities/${activity.id}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<ActivityView>().title).toBe("石榴籽一家亲微活动");
      expect((await c.req(`${base}/evidence/${photo}/preview`)).statusCode).toBe(200);
    }
    expect((await w.c.city.req(`${base}/evidence/${photo}/download`)).statusCode).toBe(200);
    const audit = await h.deps.db.execute<{ summary: string }>(
      sql`SELECT summary FROM audit_log WHERE action = 'material.download' AND entity_id = ${photo} ORDER BY seq`,
    );
    expect(audit.rows.at(-1)?.summary).toBe("下载材料“包饺子”（“哈布哈嘎查村民委员会”2026 年度自查的佐证材料）");
    for (const c of [w.c.zhongqi, w.c.village2, w.c.experts[0]]) {
      expect((await c.req(`${base}/activities/${activity.id}`)).statusCode).not.toBe(200);
      expect((await c.req(`${base}/evidence/${photo}/preview`)).statusCode).not.toBe(200);
    }
    expect((await w.c.zhongqi.req(`${base}/activities/${activity.id}`)).statusCode).toBe(404);
    expect((await w.c.city.req(`${base}/activities/${other.id}`)).statusCode).toBe(404);
    // The same route shape for 复验 answers 404 for an id that is no re-verification.
    expect(
      (await w.c.city.req(`/api/creation/reverifications/${selfCheckId}/activities/${activity.id}`)).statusCode,
    ).toBe(404);
  });

  it("dropping the citation closes the way in", async () => {
    expect((await cite(w.c.village, checkSheetId, [])).statusCode).toBe(200);
    const base = `/api/creation/self-checks/${selfCheckId}`;
    expect((await w.c.city.req(`${base}/activities/${activity.id}`)).statusCode).toBe(404);
    expect((await w.c.city.req(`${base}/evidence/${photo}/preview`)).statusCode).toBe(404);
  });
});
