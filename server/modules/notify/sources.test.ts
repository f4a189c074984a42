import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MessageView } from "../../../contracts/notify.js";
import { type Client, client, createOrg, createUser, login, twoBanners, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import {
  type HonorsWorld,
  honorsWorld,
  nominate,
  openCampaign,
  pastWindow,
  person,
} from "../honors/honors.fixtures.js";
import { type Desks, serviceDesks, windowRequest } from "../services/services.fixtures.js";

type Page = { items: MessageView[] };

/**
 * 消息中心 for the reminders of 活动, 服务台, 风险防范 and 表彰: each module's to-do becomes a message with its console
 * link for the users who act on it (and for nobody else), and is resolved once done. Syncing is what opening the
 * message list does (GET /api/messages); the clock moves a minute between looks (a sync runs at most once a minute).
 * The fixtures of the modules do not share one world (each makes the two-banner fixture), so each part has its app.
 */
async function messages(h: TestApp, c: Client, source: string) {
  h.clock.advance(61_000);
  return (await c.json<Page>("/api/messages?pageSize=100")).items.filter((m) => m.source === source);
}
const open = (items: MessageView[], link: string) => items.filter((m) => m.link === link && !m.resolved);

describe("message centre: 活动 reminders", () => {
  let h: TestApp;
  let worker: Client; // 团结社区居委会 (unit_user): records
  let town: Client; // 甘旗卡镇 活动审核员: confirms
  let zhongqi: Client;
  let id: string;

  beforeAll(async () => {
    h = await createTestApp({ start: "2026-09-20T02:00:00Z" });
    const f = await twoBanners(h);
    const community = await createOrg(f.admin, "团结社区居民委员会", "150522100", { parentId: f.houqiTown.id });
    await createUser(h, f.admin, "comm_worker", community.id, ["unit_user"]);
    await createUser(h, f.admin, "town_sup", f.houqiTown.id, ["activity_supervisor"]);
    worker = await login(h, "comm_worker", USER_PASSWORD);
    town = await login(h, "town_sup", USER_PASSWORD);
    zhongqi = await login(h, "zhongqi_admin", USER_PASSWORD);
  });
  afterAll(() => h?.close());

  it("a submitted record is the town's 待确认 message; returned, it is the recording unit's; confirmed, gone", async () => {
    const rec = await worker.json<{ id: string }>("/api/activities", {
      method: "POST",
      body: {
        typeCode: "micro_activity",
        domainCode: "community",
        title: "石榴籽一家亲微活动",
        startDate: "2026-09-10",
        endDate: "2026-09-10",
        regionCode: "150522100",
        address: "团结社区活动室",
        participants: { resident: 30, cadre: 5 },
        summary: "各族居民一起包饺子、唱歌",
      },
    });
    id = rec.id;
    await worker.json(`/api/activities/${id}/submit`, { method: "POST" });
    const queueLink = `/activities?tab=queue&id=${id}`;
    const t = open(await messages(h, town, "activities"), queueLink);
    expect(t).toHaveLength(1);
    expect(t[0]).toMatchObject({ kindLabel: "确认活动记录", sourceLabel: "活动", category: "todo" });
    expect(t[0]?.title).toContain("石榴籽一家亲微活动");
    expect(open(await messages(h, worker, "activities"), queueLink)).toHaveLength(0);
    expect(await messages(h, zhongqi, "activities")).toHaveLength(0);

    await town.json(`/api/activities/${id}/return`, { method: "POST", body: { reason: "请补充媒体报道链接" } });
    const mine = open(await messages(h, worker, "activities"), `/activities?id=${id}`);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kindLabel: "活动记录退回修改", body: "退回理由：请补充媒体报道链接" });
    const after = await messages(h, town, "activities");
    expect(after.find((m) => m.link === queueLink)?.resolved).toBe(true);

    await worker.json(`/api/activities/${id}/submit`, { method: "POST" });
    await town.json(`/api/activities/${id}/confirm`, { method: "POST" });
    expect(open(await messages(h, town, "activities"), queueLink)).toHaveLength(0);
    expect(open(await messages(h, worker, "activities"), `/activities?id=${id}`)).toHaveLength(0);
  });
});

describe("message centre: 服务台 reminders", () => {
  let h: TestApp;
  let d: Desks;

  beforeAll(async () => {
    h = await createTestApp({ start: "2026-04-02T02:00:00Z" });
    d = await serviceDesks(h);
  });
  afterAll(() => h?.close());

  it("a referral is the department's to accept, then to answer (with its due date); the window closes it", async () => {
    const { c } = d;
    const r = await windowRequest(c.houqiWindow, d.houqiWin.id);
    const link = `/services/requests/${r.id}`;
    expect(open(await messages(h, c.houqiWindow, "services"), link)[0]?.kindLabel).toBe("转办或答复服务申请");
    await c.houqiWindow.json(`/api/services/requests/${r.id}/refer`, {
      method: "POST",
      body: { toOrgId: d.renshe.id, days: 3 },
    });
    const accept = open(await messages(h, c.renshe, "services"), link);
    expect(accept).toHaveLength(1);
    expect(accept[0]).toMatchObject({ kindLabel: "接收转办事项", dueOn: "2026-04-03", overdue: false });
    // Not the other departments', not the neighbouring banner's; the window's own to-do is done.
    expect(open(await messages(h, c.sifa, "services"), link)).toHaveLength(0);
    expect(open(await messages(h, c.zqSifa, "services"), link)).toHaveLength(0);
    expect(open(await messages(h, c.houqiWindow, "services"), link)).toHaveLength(0);

    await c.renshe.json(`/api/services/requests/${r.id}/receive`, { method: "POST", body: {} });
    const after = await messages(h, c.renshe, "services");
    expect(after.find((m) => m.link === link && m.kindLabel === "接收转办事项")?.resolved).toBe(true);
    const answer = open(after, link);
    expect(answer).toHaveLength(1);
    expect(answer[0]).toMatchObject({ kindLabel: "答复服务申请", dueOn: "2026-04-08" });

    // Past the due date the answer is overdue.
    h.clock.set("2026-04-09T02:00:00Z");
    const renshe = await login(h, "houqi_renshe", USER_PASSWORD);
    expect(open(await messages(h, renshe, "services"), link)[0]?.overdue).toBe(true);
    await renshe.json(`/api/services/requests/${r.id}/reply`, { method: "POST", body: { answer: "已联系用人单位" } });
    expect(open(await messages(h, renshe, "services"), link)).toHaveLength(0);
    const win = await login(h, "houqi_window", USER_PASSWORD);
    expect(open(await messages(h, win, "services"), link)[0]?.kindLabel).toBe("已答复，待办结");
  });
});

describe("message centre: 风险防范 reminders", () => {
  let h: TestApp;
  let grid: Client;
  let town: Client;
  let zhongqi: Client;

  beforeAll(async () => {
    h = await createTestApp({ start: "2026-12-02T02:00:00Z" });
    const f = await twoBanners(h);
    const townDept = await createOrg(f.admin, "甘旗卡镇民族宗教事务办公室", "150522100", {
      isEthnicAffairsDept: true,
      parentId: f.houqiDept.id,
    });
    const village = await createOrg(f.admin, "哈布哈嘎查村民委员会", "150522100203", { parentId: townDept.id });
    await createUser(h, f.admin, "grid1", village.id, ["unit_user"]);
    await createUser(h, f.admin, "town_admin", townDept.id, ["ethnic_affairs_admin"]);
    grid = await login(h, "grid1", USER_PASSWORD);
    town = await login(h, "town_admin", USER_PASSWORD);
    zhongqi = await login(h, "zhongqi_admin", USER_PASSWORD);
  });
  afterAll(() => h?.close());

  it("an open case is the town's to resolve by its time limit (not the grid worker's, not 中旗's); concluded, resolved", async () => {
    const c = await grid.json<{ id: string; code: string }>("/api/disputes/cases", {
      method: "POST",
      body: {
        source: "grid",
        category: "land",
        regionCode: "150522100203",
        occurredOn: "2026-12-01",
        partyCount: 2,
        summary: "两户因草场边界发生争执",
        riskLevel: "serious",
        parties: [{ name: "张三丰", phone: "13912345678" }],
      },
    });
    const link = `/disputes?case=${c.id}`;
    const mine = open(await messages(h, town, "disputes"), link);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kindLabel: "化解矛盾纠纷", sourceLabel: "风险防范", overdue: false });
    expect(mine[0]?.title).toContain(c.code);
    expect(mine[0]?.dueOn).toMatch(/^2026-12-\d\d$/);
    expect(open(await messages(h, grid, "disputes"), link)).toHaveLength(0);
    expect(await messages(h, zhongqi, "disputes")).toHaveLength(0);

    await town.json(`/api/disputes/cases/${c.id}/conclude`, {
      method: "POST",
      body: { result: "resolved", note: "双方签订调解协议" },
    });
    const after = await messages(h, town, "disputes");
    expect(after.find((m) => m.link === link)?.resolved).toBe(true);
  });
});

describe("message centre: 表彰 reminders", () => {
  let h: TestApp;
  let w: HonorsWorld;

  beforeAll(async () => {
    h = await createTestApp({ start: "2026-09-20T02:00:00Z" });
    w = await honorsWorld(h);
  });
  afterAll(() => h?.close());

  it("a submitted nomination is the 旗's 初审 message; returned, the unit's; neither 中旗's nor the city's", async () => {
    const campaign = await openCampaign(w.c.city, [{ regionCode: "150522", kind: "individual", quota: 2 }]);
    const n = await nominate(w.c.unit, campaign.id, person("王建国"));
    await w.c.unit.json(`/api/honors/nominations/${n.id}/publish`, { method: "POST", body: {} });
    const notices = await client(h, null).json("/api/public/publicity/notices?owner=honors");
    await pastWindow(h, w, notices.items[0].endsOn);
    await w.c.unit.json(`/api/honors/nominations/${n.id}/submit`, { method: "POST" });
    const link = `/honors/nominations?id=${n.id}`;
    const review = open(await messages(h, w.c.houqi, "honors"), link);
    expect(review).toHaveLength(1);
    expect(review[0]).toMatchObject({ kindLabel: "表彰推荐初审", sourceLabel: "表彰" });
    expect(review[0]?.title).toContain("通辽市第七次民族团结进步表彰");
    // No personal data of the nominee in the message.
    expect(JSON.stringify(review[0])).not.toContain("王建国");
    expect(open(await messages(h, w.c.zhongqi, "honors"), link)).toHaveLength(0);
    expect(open(await messages(h, w.c.city, "honors"), link)).toHaveLength(0);
    expect(open(await messages(h, w.c.unit, "honors"), link)).toHaveLength(0);

    await w.c.houqi.json(`/api/honors/nominations/${n.id}/county-return`, {
      method: "POST",
      body: { reason: "请补充事迹材料" },
    });
    expect((await messages(h, w.c.houqi, "honors")).find((m) => m.link === link)?.resolved).toBe(true);
    const back = open(await messages(h, w.c.unit, "honors"), link);
    expect(back).toHaveLength(1);
    expect(back[0]).toMatchObject({ kindLabel: "表彰推荐退回修改", body: "理由：请补充事迹材料" });
    expect(open(await messages(h, w.c.unit2, "honors"), link)).toHaveLength(0);
    // The list filters by source (the message centre's 来源 filter); an unknown source is refused naming the field.
    const only = await w.c.unit.json<Page>("/api/messages?source=honors");
    expect(only.items.length).toBeGreaterThan(0);
    expect(only.items.every((m) => m.source === "honors")).toBe(true);
    const bad = await w.c.unit.req("/api/messages?source=nope");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0]).toMatchObject({ field: "source" });
  });
});
