import zlib from "node:zlib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActivityView, PairView, StatsView } from "../../../contracts/activities.js";
import {
  type Client,
  createOrg,
  createUser,
  exportedSelection,
  login,
  twoBanners,
  USER_PASSWORD,
} from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { loadActorForUser } from "../identity/index.js";
import { jpegWithExif, scenePhoto, uploadPhoto } from "./activities.fixtures.js";
import { activityEvidence } from "./index.js";
import {
  hashBands,
  hashDistance,
  INDEX_SURE_BITS,
  jpegCaptureTime,
  NEAR_COPY_MAX_BITS,
  perceptualHash,
} from "./photo-integrity.js";

/**
 * 活动 through the HTTP API on the two-banner fixture: a community worker of 甘旗卡镇 records, the town's
 * 活动审核员 confirms, 后旗's department sees the statistics; 中旗 sees nothing of 后旗's.
 */
describe("activities", () => {
  let h: TestApp;
  let f: Awaited<ReturnType<typeof twoBanners>>;
  let worker: Client; // 团结社区居委会 (unit_user)
  let town: Client; // 甘旗卡镇人民政府, 活动审核员
  let houqi: Client; // 后旗民委
  let zhongqi: Client; // 中旗民委
  let school: Client; // 甘旗卡第一中学 (unit_user)
  let other: Client; // 另一个后旗单位 (unit_user)
  let schoolOrgId: string;
  let communityId: string;
  const photos: Record<string, string> = {};

  const base = (extra: Record<string, unknown> = {}) => ({
    typeCode: "micro_activity",
    domainCode: "community",
    title: "石榴籽一家亲微活动",
    startDate: "2026-09-10",
    endDate: "2026-09-10",
    regionCode: "150522100",
    address: "团结社区活动室",
    participants: { resident: 30, cadre: 5 },
    summary: "各族居民一起包饺子、唱歌",
    ...extra,
  });
  const create = async (c: Client, body: Record<string, unknown>) =>
    c.json<ActivityView>("/api/activities", { method: "POST", body });
  const submit = (c: Client, id: string) => c.json<ActivityView>(`/api/activities/${id}/submit`, { method: "POST" });
  const confirm = (c: Client, id: string) => c.json<ActivityView>(`/api/activities/${id}/confirm`, { method: "POST" });

  /** Moves the clock and signs everyone in again (a jump of months ends the sessions). */
  async function at(iso: string) {
    h.clock.set(iso);
    worker = await login(h, "comm_worker", USER_PASSWORD);
    town = await login(h, "town_sup", USER_PASSWORD);
    houqi = await login(h, "houqi_admin", USER_PASSWORD);
    zhongqi = await login(h, "zhongqi_admin", USER_PASSWORD);
    school = await login(h, "school_user", USER_PASSWORD);
    other = await login(h, "culture_user", USER_PASSWORD);
  }

  beforeAll(async () => {
    h = await createTestApp({ start: "2026-09-20T02:00:00Z" });
    f = await twoBanners(h);
    const community = await createOrg(f.admin, "团结社区居民委员会", "150522100", { parentId: f.houqiTown.id });
    communityId = community.id;
    const schoolOrg = await createOrg(f.admin, "甘旗卡第一中学", "150522100", { type: "school" });
    schoolOrgId = schoolOrg.id;
    const otherOrg = await createOrg(f.admin, "科左后旗文化馆", "150522");
    await createUser(h, f.admin, "comm_worker", community.id, ["unit_user"]);
    await createUser(h, f.admin, "town_sup", f.houqiTown.id, ["activity_supervisor"]);
    await createUser(h, f.admin, "school_user", schoolOrg.id, ["unit_user"]);
    await createUser(h, f.admin, "culture_user", otherOrg.id, ["unit_user"]);
    await at("2026-09-20T02:00:00Z");
    photos.a = await uploadPhoto(worker, "包饺子", jpegWithExif("2026:09:10 10:00:00", "a"));
    photos.b = await uploadPhoto(worker, "合影", jpegWithExif("2026:09:10 11:00:00", "b"));
    photos.old = await uploadPhoto(worker, "旧照片", jpegWithExif("2025:01:05 11:00:00", "old"));
  });
  afterAll(() => h?.close());

  it("reads the capture time from a JPEG's EXIF, and nothing from other bytes", () => {
    expect(jpegCaptureTime(jpegWithExif("2026:09:10 10:00:00", "x"))?.toISOString()).toBe("2026-09-10T02:00:00.000Z");
    expect(jpegCaptureTime(Buffer.from("not a jpeg"))).toBeNull();
    expect(jpegCaptureTime(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x00]))).toBeNull();
  });

  it("协办单位: a unit finds the organizations of its own 旗县 by name (not its own, not another banner's)", async () => {
    const all = await worker.json<{ id: string; name: string; regionName: string }[]>("/api/activity-co-orgs");
    const names = all.map((o) => o.name);
    expect(names).toEqual(expect.arrayContaining(["甘旗卡第一中学", "科左后旗文化馆", "科尔沁左翼后旗民族事务委员会"]));
    expect(names).not.toContain("团结社区居民委员会");
    expect(names).not.toContain("保康镇人民政府");
    const found = await worker.json<{ id: string; name: string }[]>(
      `/api/activity-co-orgs?q=${encodeURIComponent("第一中学")}`,
    );
    expect(found.map((o) => o.id)).toEqual([schoolOrgId]);
    const zq = await zhongqi.json<{ name: string }[]>("/api/activity-co-orgs");
    expect(zq.map((o) => o.name)).toContain("保康镇人民政府");
    expect(zq.map((o) => o.name)).not.toContain("甘旗卡第一中学");
    // The town's 活动审核员 confirms but does not record: no candidates for it.
    expect((await town.req("/api/activity-co-orgs")).statusCode).toBe(403);
  });

  let rec: ActivityView;
  it("a community worker records a 微活动 with two photos and counts; the town confirms it", async () => {
    rec = await create(worker, base({ photoIds: [photos.a, photos.b], coOrgIds: [schoolOrgId], isPublic: true }));
    expect(rec.status).toBe("draft");
    expect(rec.participantTotal).toBe(35);
    expect(rec.participants.find((p) => p.code === "resident")?.label).toBe("居民");
    expect(rec.flags).toEqual([]);
    // a draft is the organizer's own
    expect((await houqi.req(`/api/activities/${rec.id}`)).statusCode).toBe(404);
    const sent = await submit(worker, rec.id);
    expect(sent.status).toBe("submitted");
    // the organizer never confirms itself
    const self = await worker.req(`/api/activities/${rec.id}/confirm`, { method: "POST" });
    expect(self.statusCode).toBe(403);
    const queue = await town.json<{ items: { id: string }[] }>("/api/activities?queue=true");
    expect(queue.items.map((i) => i.id)).toEqual([rec.id]);
    const done = await confirm(town, rec.id);
    expect(done.status).toBe("confirmed");
    expect(done.confirmedByName).toBe("测试town_sup");
  });

  it("refuses unknown dictionary codes and non-image photos with the field named", async () => {
    const bad = await worker.req("/api/activities", { method: "POST", body: base({ typeCode: "nope" }) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe("typeCode");
    const badGroup = await worker.req("/api/activities", { method: "POST", body: base({ participants: { han: 3 } }) });
    expect(badGroup.json().error.details.fields[0].field).toBe("participants");
    const order = await worker.req("/api/activities", {
      method: "POST",
      body: base({ startDate: "2026-09-10", endDate: "2026-09-01" }),
    });
    expect(order.json().error.details.fields[0].field).toBe("endDate");
  });

  it("flags a recycled photo (another unit's record) and one taken far from the date — without refusing", async () => {
    // the culture centre uploads the very same picture into its own library and uses it
    const copy = await uploadPhoto(other, "活动照片", jpegWithExif("2026:09:10 10:00:00", "a"));
    const reused = await create(other, base({ title: "文化馆进社区", photoIds: [copy] }));
    await submit(other, reused.id);
    const seen = await houqi.json<ActivityView>(`/api/activities/${reused.id}`);
    expect(seen.flags.map((x) => x.kind)).toEqual(["reused"]);
    expect(seen.flags[0].otherActivityTitle).toBe("石榴籽一家亲微活动");
    expect(seen.flags[0].otherOrgName).toBe("团结社区居民委员会");
    // the first record is flagged too, now that its picture appears elsewhere
    const first = await houqi.json<ActivityView>(`/api/activities/${rec.id}`);
    expect(first.flags.map((x) => x.kind)).toEqual(["reused"]);
    // the list shows the count to the reviewer
    const list = await houqi.json<{ items: { id: string; flagCount: number }[] }>("/api/activities?status=submitted");
    expect(list.items.find((i) => i.id === reused.id)?.flagCount).toBe(1);
    // an old picture: capture time 20 months before the activity
    const old = await create(worker, base({ title: "另一次微活动", photoIds: [photos.old] }));
    expect(old.flags.map((x) => x.kind)).toEqual(["capture_far"]);
    // the same unit reusing its own picture in two of its records is not flagged as recycled
    const again = await create(worker, base({ title: "又一次", photoIds: [photos.b] }));
    expect(again.flags).toEqual([]);
  });

  it("flags a near copy (the same picture resized and re-encoded by another unit), not a different picture", async () => {
    const original = await uploadPhoto(worker, "团结社区合影", await scenePhoto(11, 1600, 92));
    const mine = await create(worker, base({ title: "社区邻里节", photoIds: [original] }));
    await submit(worker, mine.id);
    expect(mine.flags).toEqual([]);
    // the culture centre saves a smaller, more compressed copy (so another file, another hash) and a different scene
    const smaller = await uploadPhoto(other, "邻里节照片", await scenePhoto(11, 640, 55));
    const different = await uploadPhoto(other, "文艺演出", await scenePhoto(12, 1600, 92));
    const theirs = await create(other, base({ title: "文化馆邻里节", photoIds: [smaller, different] }));
    await submit(other, theirs.id);
    const seen = await houqi.json<ActivityView>(`/api/activities/${theirs.id}`);
    expect(seen.flags.map((x) => [x.kind, x.materialId, x.otherActivityTitle])).toEqual([
      ["similar", smaller, "社区邻里节"],
    ]);
    expect(seen.flags[0].message).toContain("团结社区居民委员会");
    // the earlier record is flagged too, and the list counts it
    const first = await houqi.json<ActivityView>(`/api/activities/${mine.id}`);
    expect(first.flags.map((x) => [x.kind, x.materialId, x.otherActivityId])).toEqual([
      ["similar", original, theirs.id],
    ]);
    const list = await houqi.json<{ items: { id: string; flagCount: number }[] }>("/api/activities?status=submitted");
    expect(list.items.find((i) => i.id === mine.id)?.flagCount).toBe(1);
    // taking the copy out of the later record clears both flags
    await other.json(`/api/activities/${theirs.id}/correct`, {
      method: "POST",
      body: { content: base({ title: "文化馆邻里节", photoIds: [different] }), reason: "换用本单位拍摄的照片" },
    });
    expect((await houqi.json<ActivityView>(`/api/activities/${mine.id}`)).flags).toEqual([]);
    expect((await houqi.json<ActivityView>(`/api/activities/${theirs.id}`)).flags).toEqual([]);
  });

  it("hashes pictures, not bytes: near copies within the bound share a band; flat or tiny images get no hash", async () => {
    const a = await perceptualHash(await scenePhoto(21, 1600, 92));
    const b = await perceptualHash(await scenePhoto(21, 640, 55));
    const c = await perceptualHash(await scenePhoto(22));
    if (a === null || b === null || c === null) throw new Error("no hash");
    expect(hashDistance(a, b)).toBeLessThanOrEqual(NEAR_COPY_MAX_BITS);
    expect(hashDistance(a, c)).toBeGreaterThan(NEAR_COPY_MAX_BITS * 2);
    expect(await perceptualHash(jpegWithExif("2026:09:10 10:00:00", "tiny"))).toBeNull();
    const flat = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#c00" } })
      .jpeg()
      .toBuffer();
    expect(await perceptualHash(flat)).toBeNull();
    expect(await perceptualHash(Buffer.from("not a picture"))).toBeNull();
    // a header claiming 100,000 × 100,000 pixels is refused before any decoding
    const chunk = (type: string, data: Buffer) => {
      const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
      const len = Buffer.alloc(4);
      len.writeUInt32BE(data.length);
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(zlib.crc32(body));
      return Buffer.concat([len, body, crc]);
    };
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(100_000, 0);
    ihdr.writeUInt32BE(100_000, 4);
    ihdr.set([8, 0, 0, 0, 0], 8);
    const bomb = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk("IHDR", ihdr),
      chunk("IDAT", zlib.deflateSync(Buffer.alloc(1000))),
      chunk("IEND", Buffer.alloc(0)),
    ]);
    expect(await perceptualHash(bomb)).toBeNull();
    // any two hashes within the index's sure bound share a band exactly (what makes the index read find them)
    for (let i = 0; i < 500; i++) {
      const x = BigInt.asUintN(64, BigInt(Math.floor(Math.random() * 2 ** 53)) * 2047n + BigInt(i));
      let y = x;
      for (let k = 0; k < INDEX_SURE_BITS; k++) y ^= 1n << BigInt(Math.floor(Math.random() * 64));
      const shared = hashBands(x).filter((band) => hashBands(y).includes(band));
      expect(shared.length, `${x} ${y}`).toBeGreaterThan(0);
    }
  });

  it("corrections keep the previous content and go back to 已提交; returns carry a reason", async () => {
    const corrected = await worker.json<ActivityView>(`/api/activities/${rec.id}/correct`, {
      method: "POST",
      body: {
        content: base({
          photoIds: [photos.a, photos.b],
          coOrgIds: [schoolOrgId],
          isPublic: true,
          participants: { resident: 40, cadre: 5 },
        }),
        reason: "居民人数登记有误",
      },
    });
    expect(corrected.status).toBe("submitted");
    expect(corrected.participantTotal).toBe(45);
    const revs = await houqi.json<
      { revision: number; reason: string; content: { participants: Record<string, number> } }[]
    >(`/api/activities/${rec.id}/revisions`);
    expect(revs[0].reason).toBe("居民人数登记有误");
    expect(revs[0].content.participants).toEqual({ resident: 30, cadre: 5 });
    const returned = await town.json<ActivityView>(`/api/activities/${rec.id}/return`, {
      method: "POST",
      body: { reason: "请补充媒体报道链接" },
    });
    expect(returned.status).toBe("returned");
    expect(returned.returnReason).toBe("请补充媒体报道链接");
    await worker.json(`/api/activities/${rec.id}`, {
      method: "PUT",
      body: base({
        photoIds: [photos.a, photos.b],
        coOrgIds: [schoolOrgId],
        isPublic: true,
        participants: { resident: 40, cadre: 5 },
        mediaLinks: [{ title: "科左后旗发布", url: "https://example.cn/a" }],
      }),
    });
    await submit(worker, rec.id);
    expect((await confirm(town, rec.id)).status).toBe("confirmed");
    const hist = await houqi.json<{ items: { action: string }[] }>(`/api/activities/${rec.id}/history`);
    expect(hist.items.map((i) => i.action)).toEqual(
      expect.arrayContaining([
        "activity.create",
        "activity.submit",
        "activity.confirm",
        "activity.correct",
        "activity.return",
        "activity.update",
      ]),
    );
  });

  it("a department's own record is confirmed on submission", async () => {
    const own = await create(
      houqi,
      base({ title: "旗民委宣讲", typeCode: "lecture", domainCode: "organ", regionCode: "150522" }),
    );
    expect((await submit(houqi, own.id)).status).toBe("confirmed");
  });

  it("statistics equal the sum of the confirmed records in scope, by every breakdown", async () => {
    // more records across types, domains, months and towns; one left submitted (not counted)
    const more = [
      base({
        title: "三月宣讲",
        typeCode: "lecture",
        domainCode: "school",
        startDate: "2026-03-05",
        endDate: "2026-03-05",
        participants: { student: 120 },
      }),
      base({
        title: "五月演出",
        typeCode: "performance",
        domainCode: "township",
        startDate: "2026-05-01",
        endDate: "2026-05-02",
        participants: { farmer: 200, cadre: 10 },
      }),
    ];
    for (const b of more) {
      const r = await create(worker, b);
      await submit(worker, r.id);
      await confirm(town, r.id);
    }
    const pending = await create(worker, base({ title: "待确认", participants: { resident: 999 } }));
    await submit(worker, pending.id);
    const stats = await houqi.json<StatsView>("/api/activity-stats?year=2026&regionCode=150522");
    const confirmed = await houqi.json<{ items: { participantTotal: number; regionCode: string }[]; total: number }>(
      "/api/activities?status=confirmed&pageSize=200&from=2026-01-01&to=2026-12-31",
    );
    const sum = confirmed.items.reduce((a, r) => a + r.participantTotal, 0);
    expect(stats.total).toEqual({ activities: confirmed.total, participants: sum });
    for (const part of [stats.byRegion, stats.byType, stats.byDomain, stats.byMonth]) {
      expect(part.reduce((a, r) => a + r.activities, 0)).toBe(confirmed.total);
      expect(part.reduce((a, r) => a + r.participants, 0)).toBe(sum);
    }
    expect(stats.byGroup.reduce((a, g) => a + g.participants, 0)).toBe(sum);
    expect(stats.byMonth.find((m) => m.key === "9")?.label).toBe("9月");
    expect(stats.byType.find((t) => t.key === "micro_activity")?.label).toBe("交往交流交融“微活动”");
    // drill-down into the town: the same records placed there
    const townStats = await houqi.json<StatsView>("/api/activity-stats?year=2026&regionCode=150522100");
    expect(townStats.total.activities).toBe(confirmed.items.filter((r) => r.regionCode.startsWith("150522100")).length);
    // 中旗 sees none of it, and may not drill into 后旗
    const zq = await zhongqi.json<StatsView>("/api/activity-stats?year=2026");
    expect(zq.total.activities).toBe(0);
    expect((await zhongqi.req("/api/activity-stats?year=2026&regionCode=150522")).statusCode).toBe(404);
    // calendar and the 宣传月 report
    const cal = await houqi.json<{ days: { date: string; items: { title: string }[] }[] }>(
      "/api/activity-stats/calendar?month=2026-09",
    );
    expect(cal.days.find((d) => d.date === "2026-09-10")?.items.map((i) => i.title)).toContain("石榴籽一家亲微活动");
    const docx = await houqi.req("/api/activity-stats/publicity-month.docx?year=2026&regionCode=150522");
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe("PK");
    const xlsx = await houqi.req("/api/activities/export?status=confirmed");
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
    // 导出所选: the ticked record only; 中旗 sending its id exports nothing
    expect(await exportedSelection(houqi, "/api/activities/export", [rec.id], "活动名称")).toEqual([rec.title]);
    expect(await exportedSelection(zhongqi, "/api/activities/export", [rec.id], "活动名称")).toEqual([]);
    const bad = await houqi.req("/api/activities/export?ids=abc");
    expect([bad.statusCode, JSON.stringify(bad.json())]).toEqual([400, expect.stringContaining("ids")]);
  });

  it("scope: 中旗 gets 404 on every route naming a 后旗 record; a unit sees only its own", async () => {
    for (const url of [
      `/api/activities/${rec.id}`,
      `/api/activities/${rec.id}/revisions`,
      `/api/activities/${rec.id}/history`,
      `/api/activities/${rec.id}/evidence/${photos.a}/preview`,
    ]) {
      const res = await zhongqi.req(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe("NOT_FOUND");
    }
    for (const action of ["confirm", "submit"]) {
      const res = await zhongqi.req(`/api/activities/${rec.id}/${action}`, { method: "POST" });
      expect(res.statusCode, action).toBe(404);
    }
    const put = await zhongqi.req(`/api/activities/${rec.id}`, { method: "PUT", body: base() });
    expect(put.statusCode).toBe(404);
    const ret = await zhongqi.req(`/api/activities/${rec.id}/return`, { method: "POST", body: { reason: "x" } });
    expect(ret.statusCode).toBe(404);
    const cor = await zhongqi.req(`/api/activities/${rec.id}/correct`, {
      method: "POST",
      body: { content: base(), reason: "x" },
    });
    expect(cor.statusCode).toBe(404);
    expect((await zhongqi.json<{ total: number }>("/api/activities")).total).toBe(0);
    // the culture centre sees its own record only; the school sees the one it co-organized
    const mine = await other.json<{ items: { title: string }[] }>("/api/activities");
    expect(mine.items.map((i) => i.title).sort()).toEqual(["文化馆进社区", "文化馆邻里节"]);
    const co = await school.json<{ items: { id: string }[] }>("/api/activities");
    expect(co.items.map((i) => i.id)).toContain(rec.id);
    // the photo opens through the record for those who see it (the town has no material library access)
    expect((await town.req(`/api/activities/${rec.id}/evidence/${photos.a}/preview`)).statusCode).toBe(200);
    expect((await town.req(`/api/activities/${rec.id}/evidence/${photos.old}/preview`)).statusCode).toBe(404);
    // a unit cannot record for another organization, nor with another unit's photo
    const foreign = await other.req("/api/activities", { method: "POST", body: base({ orgId: communityId }) });
    expect(foreign.json().error.details.fields[0].field).toBe("orgId");
    const stolen = await other.req("/api/activities", { method: "POST", body: base({ photoIds: [photos.a] }) });
    expect(stolen.json().error.details.fields[0].field).toBe("photoIds");
  });

  it("a school links the confirmed record to one of its 七个一; completion per school and 旗县", async () => {
    const linked = await school.json<{
      done: number;
      total: number;
      items: { code: string; activityTitle: string | null }[];
    }>("/api/activity-seven", { method: "POST", body: { year: 2026, itemCode: "pairing", activityId: rec.id } });
    expect(linked.total).toBe(7);
    expect(linked.done).toBe(1);
    expect(linked.items.find((i) => i.code === "pairing")?.activityTitle).toBe("石榴籽一家亲微活动");
    // a record the school does not see cannot be linked
    const own = await houqi.json<{ items: { id: string; title: string }[] }>("/api/activities?q=旗民委宣讲");
    const hidden = await school.req("/api/activity-seven", {
      method: "POST",
      body: { year: 2026, itemCode: "speech", activityId: own.items[0].id },
    });
    expect(hidden.json().error.details.fields[0].field).toBe("activityId");
    const byHouqi = await houqi.json<{
      byRegion: { regionCode: string; schools: number; links: number }[];
      schools: { schoolName: string; done: number }[];
    }>("/api/activity-seven/completion?year=2026&regionCode=150522");
    expect(byHouqi.byRegion).toEqual([
      { regionCode: "150522100", regionName: "甘旗卡镇", schools: 1, complete: 0, links: 1 },
    ]);
    expect(byHouqi.schools).toEqual([expect.objectContaining({ schoolName: "甘旗卡第一中学", done: 1 })]);
    expect((await zhongqi.req("/api/activity-seven/completion?year=2026&regionCode=150522")).statusCode).toBe(404);
    expect((await zhongqi.req(`/api/activity-seven?year=2026&schoolOrgId=${schoolOrgId}`)).statusCode).toBe(404);
  });

  it("annual plans count confirmed records against their targets", async () => {
    const plan = await houqi.json<{
      id: string;
      lines: { typeCode: string; month: number | null; doneCount: number }[];
    }>("/api/activity-plans", {
      method: "POST",
      body: {
        title: "2026年民族团结进步活动计划",
        year: 2026,
        covers: "region",
        lines: [
          { typeCode: "micro_activity", month: 9, targetCount: 5 },
          { typeCode: "lecture", month: null, targetCount: 4 },
        ],
      },
    });
    // micro_activity in September confirmed: rec and the culture centre's? (submitted only) → 1; lectures: 3月 + 旗民委 → 2
    expect(plan.lines.map((l) => l.doneCount)).toEqual([1, 2]);
    expect((await zhongqi.req(`/api/activity-plans/${plan.id}`)).statusCode).toBe(404);
    const forbidden = await worker.req("/api/activity-plans", {
      method: "POST",
      body: { title: "x", year: 2026, lines: [{ typeCode: "lecture", targetCount: 1 }] },
    });
    expect(forbidden.statusCode).toBe(403);
  });

  it("pairs: overdue when no visit in 3 months (fake clock), visits are activity records", async () => {
    await at("2026-02-10T02:00:00Z");
    const pair = await houqi.json<PairView>("/api/activity-pairs", {
      method: "POST",
      body: {
        a: { kind: "org", orgId: communityId },
        b: { kind: "household", orgId: schoolOrgId, ref: "HQ-2026-017" },
        startDate: "2026-01-15",
        goals: "每季度走访一次",
      },
    });
    expect(pair.b.label).toBe("甘旗卡第一中学联系户（HQ-2026-017）");
    expect(pair.overdue).toBe(false);
    await at("2026-05-01T02:00:00Z");
    expect((await houqi.json<PairView>(`/api/activity-pairs/${pair.id}`)).overdue).toBe(true);
    const late = await houqi.json<{ items: { id: string }[] }>("/api/activity-pairs?overdue=true");
    expect(late.items.map((p) => p.id)).toEqual([pair.id]);
    const visit = await create(
      worker,
      base({
        title: "入户走访",
        typeCode: "pairing_visit",
        startDate: "2026-04-28",
        endDate: "2026-04-28",
        pairId: pair.id,
      }),
    );
    await submit(worker, visit.id);
    const after = await houqi.json<PairView>(`/api/activity-pairs/${pair.id}`);
    expect(after).toMatchObject({ overdue: false, visitCount: 1, lastVisit: "2026-04-28" });
    expect((await houqi.json<{ total: number }>("/api/activity-pairs?overdue=true")).total).toBe(0);
    await at("2026-08-01T02:00:00Z");
    expect((await houqi.json<PairView>(`/api/activity-pairs/${pair.id}`)).overdue).toBe(true);
    expect((await zhongqi.req(`/api/activity-pairs/${pair.id}`)).statusCode).toBe(404);
    expect((await zhongqi.json<{ total: number }>("/api/activity-pairs")).total).toBe(0);
    // a unit cannot log a visit on a pair it does not see
    const foreign = await zhongqi.req("/api/activities", {
      method: "POST",
      body: base({ regionCode: "150521", pairId: pair.id }),
    });
    expect(foreign.json().error.details.fields[0].field).toBe("pairId");
    await at("2026-09-20T02:00:00Z");
  });

  it("reuse as evidence: describes records and whether the caller may open them", async () => {
    const houqiActor = await loadActorForUser(h.deps.db, f.houqiAdmin.id);
    const zhongqiActor = await loadActorForUser(h.deps.db, f.zhongqiAdmin.id);
    const mine = await activityEvidence({ ...h.deps, actor: houqiActor! }, [rec.id]);
    expect(mine).toEqual([
      expect.objectContaining({ title: "石榴籽一家亲微活动", orgName: "团结社区居民委员会", canOpen: true }),
    ]);
    const theirs = await activityEvidence({ ...h.deps, actor: zhongqiActor! }, [rec.id]);
    expect(theirs[0].canOpen).toBe(false);
  });

  it("the portal lists confirmed public activities only", async () => {
    const res = await h.app.inject({ url: "/api/public/activities" });
    expect(res.statusCode).toBe(200);
    const titles = res.json().items.map((i: { title: string }) => i.title);
    expect(titles).toEqual(["石榴籽一家亲微活动"]);
  });
  it("the cached statistics and 七个一 completion are never stale: a record confirmed or a school added shows on the next read", async () => {
    const url = "/api/activity-stats?year=2026&regionCode=150522";
    const before = await houqi.json<StatsView>(url);
    expect(await houqi.json<StatsView>(url)).toEqual(before); // served again from the cache
    const r = await create(worker, base({ title: "缓存之后的活动", participants: { resident: 7 } }));
    await submit(worker, r.id);
    expect((await houqi.json<StatsView>(url)).total).toEqual(before.total); // submitted, not yet confirmed
    await confirm(town, r.id);
    const after = await houqi.json<StatsView>(url);
    expect(after.total).toEqual({
      activities: before.total.activities + 1,
      participants: before.total.participants + 7,
    });
    const completion = "/api/activity-seven/completion?year=2026&regionCode=150522";
    type Completion = { byRegion: { regionCode: string; schools: number }[] };
    const seven = await houqi.json<Completion>(completion);
    const schools = (c: Completion) => c.byRegion.reduce((a, g) => a + g.schools, 0);
    await createOrg(f.admin, "甘旗卡第二中学", "150522100", { type: "school" });
    expect(schools(await houqi.json<Completion>(completion))).toBe(schools(seven) + 1);
  });
});
