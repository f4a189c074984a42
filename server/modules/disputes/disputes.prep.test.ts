import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CampaignView, CaseView, EmergencyPlanView, EventView } from "../../../contracts/disputes.js";
import { type Client, createOrg, createUser, login, type Org, twoBanners, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { auditLog } from "../audit/audit.schema.js";

/** 排查 campaigns rolled up by region, drills' rectification items, plans due for review, 舆情 closure and review. */
describe("disputes: campaigns by region, rectifications, plans due for review, events", () => {
  let h: TestApp;
  let f: Awaited<ReturnType<typeof twoBanners>>;
  let banner: Client;
  let zhongqi: Client;
  let gridA: Client;
  let gridB: Client;
  let villageA: Org;
  let villageB: Org;
  let bureau: Org;

  const newCase = (c: Client, regionCode: string, occurredOn: string) =>
    c.json<CaseView>("/api/disputes/cases", {
      method: "POST",
      body: {
        source: "screening",
        category: "land",
        regionCode,
        occurredOn,
        partyCount: 2,
        summary: "排查发现草牧场边界争议",
        riskLevel: "general",
        parties: [{ name: "李四", phone: "13912345679" }],
      },
    });

  beforeAll(async () => {
    h = await createTestApp({ start: "2026-10-15T02:00:00Z" });
    f = await twoBanners(h);
    villageA = await createOrg(f.admin, "哈布哈嘎查村民委员会", "150522100203", { parentId: f.houqiTown.id });
    const town2 = await createOrg(f.admin, "努古斯台镇人民政府", "150522101");
    villageB = await createOrg(f.admin, "努古斯台嘎查村民委员会", "150522101201", { parentId: town2.id });
    bureau = await createOrg(f.admin, "科尔沁左翼后旗司法局", "150522");
    await createUser(h, f.admin, "grid_a", villageA.id, ["unit_user"]);
    await createUser(h, f.admin, "grid_b", villageB.id, ["unit_user"]);
    banner = await login(h, "houqi_admin", USER_PASSWORD);
    zhongqi = await login(h, "zhongqi_admin", USER_PASSWORD);
    gridA = await login(h, "grid_a", USER_PASSWORD);
    gridB = await login(h, "grid_b", USER_PASSWORD);
  });
  afterAll(() => h?.close());

  /** Moves the fake clock and signs everyone in again (sessions expire on idle). */
  async function at(iso: string) {
    h.clock.set(iso);
    banner = await login(h, "houqi_admin", USER_PASSWORD);
    zhongqi = await login(h, "zhongqi_admin", USER_PASSWORD);
    gridA = await login(h, "grid_a", USER_PASSWORD);
    gridB = await login(h, "grid_b", USER_PASSWORD);
  }

  it("a campaign's completion rolls up by lower region (assigned, reported, issues, cases created) and drills down", async () => {
    // A case recorded before the campaign, linked by the village's report: an issue found, not a case created by it.
    const before = await newCase(gridA, villageA.regionCode, "2026-10-14");
    await at("2026-11-05T02:00:00Z");
    const campaign = await banner.json<CampaignView>("/api/disputes/campaigns", {
      method: "POST",
      body: {
        name: "2026年第四季度矛盾纠纷集中排查",
        regionCode: "150522",
        startsOn: "2026-11-01",
        endsOn: "2026-11-30",
        orgIds: [bureau.id, f.houqiTown.id, villageA.id, villageB.id],
        checklist: ["草牧场边界", "婚姻家庭"],
      },
    });
    await at("2026-11-10T02:00:00Z");
    const found = await newCase(gridA, villageA.regionCode, "2026-11-09");
    const url = `/api/disputes/campaigns/${campaign.id}`;
    await gridA.json(`${url}/report`, {
      method: "POST",
      body: { placesChecked: 12, checks: [true, true], caseIds: [before.id, found.id] },
    });
    await gridB.json(`${url}/report`, { method: "POST", body: { placesChecked: 5, checks: [true, false] } });

    const top = await banner.json<CampaignView>(url);
    expect(top).toMatchObject({
      assigned: 4,
      submitted: 2,
      issuesFound: 2,
      casesCreated: 1,
      viewRegionCode: "150522",
      viewRegionName: "科尔沁左翼后旗",
    });
    expect(top.regions.map((r) => [r.regionCode, r.assigned, r.submitted, r.issuesFound, r.casesCreated])).toEqual([
      ["150522", 1, 0, 0, 0],
      ["150522100", 2, 1, 2, 1],
      ["150522101", 1, 1, 0, 0],
    ]);
    expect(top.regions[0].regionName).toBe("科尔沁左翼后旗（本级）");
    expect(top.units).toHaveLength(4);

    const town = await banner.json<CampaignView>(`${url}?regionCode=150522100`);
    expect(town.viewRegionCode).toBe("150522100");
    expect(town.regions.map((r) => [r.regionCode, r.assigned, r.submitted, r.issuesFound, r.casesCreated])).toEqual([
      ["150522100", 1, 0, 0, 0],
      ["150522100203", 1, 1, 2, 1],
    ]);
    expect(town.units.map((u) => u.orgId).sort()).toEqual([f.houqiTown.id, villageA.id].sort());
    // Totals stay the campaign's; a region outside it is refused naming the field; another banner sees nothing.
    expect(town).toMatchObject({ assigned: 4, submitted: 2 });
    const outside = await banner.req(`${url}?regionCode=150521`);
    expect(outside.statusCode).toBe(400);
    expect(outside.body).toContain("regionCode");
    const bad = await banner.req(`${url}?regionCode=15052`);
    expect(bad.statusCode).toBe(400);
    expect((await zhongqi.req(url)).statusCode).toBe(404);
    expect((await zhongqi.req(`${url}?regionCode=150522100`)).statusCode).toBe(404);
  });

  it("a drill's rectification items carry owner and deadline, go overdue on the clock, and the owner completes its own", async () => {
    await at("2026-11-10T02:00:00Z");
    const plan = await banner.json<{ id: string }>("/api/disputes/plans", {
      method: "POST",
      body: {
        name: "后旗涉民族因素突发事件应急预案",
        level: "旗级",
        scope: "全旗",
        version: "2026版",
        regionCode: "150522",
        reviewDue: "2027-06-30",
      },
    });
    const drillUrl = `/api/disputes/plans/${plan.id}/drills`;
    const drill = {
      heldOn: "2026-11-08",
      scenario: "草牧场纠纷引发群体聚集",
      participants: 40,
      evaluation: "响应及时，信息报送偏慢",
    };
    // A deadline before the drill is refused, naming the field; nothing is written.
    const early = await banner.req(drillUrl, {
      method: "POST",
      body: { ...drill, issues: [{ issue: "通讯不畅", ownerOrgId: villageA.id, dueOn: "2026-11-01" }] },
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.message).toContain("整改期限");
    await banner.json(drillUrl, {
      method: "POST",
      body: {
        ...drill,
        issues: [
          { issue: "嘎查联络员通讯不畅", ownerOrgId: villageA.id, dueOn: "2026-11-20" },
          { issue: "物资储备不足", ownerOrgId: f.houqiDept.id, dueOn: "2026-12-31" },
        ],
      },
    });
    const items = async () => {
      const plans = await banner.json<{ items: EmergencyPlanView[] }>("/api/disputes/plans");
      const p = plans.items.find((x) => x.id === plan.id)!;
      expect(p.drills).toHaveLength(1);
      return p.drills[0].rectifications;
    };
    let rects = await items();
    expect(rects.map((r) => [r.issue, r.ownerOrgName, r.dueOn, r.state])).toEqual([
      ["嘎查联络员通讯不畅", "哈布哈嘎查村民委员会", "2026-11-20", "open"],
      ["物资储备不足", "科尔沁左翼后旗民族事务委员会", "2026-12-31", "open"],
    ]);
    // The deadline day itself is not overdue; the day after is.
    await at("2026-11-20T15:00:00Z"); // 23:00 Beijing on the 20th
    expect((await items())[0].state).toBe("open");
    await at("2026-11-21T02:00:00Z");
    rects = await items();
    expect(rects.map((r) => r.state)).toEqual(["overdue", "open"]);
    // The owner village completes its item although it cannot read the banner's plans; not someone else's.
    const other = await gridB.req(`/api/disputes/rectifications/${rects[0].id}/done`, {
      method: "POST",
      body: { note: "已配发对讲机" },
    });
    expect(other.statusCode).toBe(404);
    const notMine = await gridA.req(`/api/disputes/rectifications/${rects[1].id}/done`, {
      method: "POST",
      body: { note: "x" },
    });
    expect(notMine.statusCode).toBe(404);
    await gridA.json(`/api/disputes/rectifications/${rects[0].id}/done`, {
      method: "POST",
      body: { note: "已配发对讲机" },
    });
    const again = await gridA.req(`/api/disputes/rectifications/${rects[0].id}/done`, {
      method: "POST",
      body: { note: "再次" },
    });
    expect(again.statusCode).toBe(409);
    rects = await items();
    expect(rects[0]).toMatchObject({ state: "done", doneNote: "已配发对讲机" });
    expect(rects[0].doneAt).toBe("2026-11-21T02:00:00.000Z");
    // The banner completes its own department's item.
    await banner.json(`/api/disputes/rectifications/${rects[1].id}/done`, { method: "POST", body: { note: "已补充" } });
    expect((await items()).map((r) => r.state)).toEqual(["done", "done"]);
  });

  it("plans come due for review 30 days before their review date, on the clock", async () => {
    await at("2026-11-21T02:00:00Z");
    const mk = (name: string, reviewDue: string) =>
      banner.json<{ id: string }>("/api/disputes/plans", {
        method: "POST",
        body: { name, level: "旗级", scope: "全旗", version: "2026版", regionCode: "150522", reviewDue },
      });
    const soon = await mk("矛盾纠纷排查化解工作预案", "2026-12-21");
    const later = await mk("网络舆情应对预案", "2026-12-22");
    const due = async () =>
      (await banner.json<{ items: EmergencyPlanView[] }>("/api/disputes/plans?dueForReview=true")).items.map(
        (p) => p.id,
      );
    expect(await due()).toContain(soon.id);
    expect(await due()).not.toContain(later.id);
    const all = await banner.json<{ items: EmergencyPlanView[] }>("/api/disputes/plans");
    expect(all.items.find((p) => p.id === later.id)?.dueForReview).toBe(false);
    await at("2026-11-22T02:00:00Z");
    expect(await due()).toEqual(expect.arrayContaining([soon.id, later.id]));
    expect(await due()).not.toContain((all.items.find((p) => p.reviewDue === "2027-06-30") as EmergencyPlanView).id);
    expect((await zhongqi.json<{ items: EmergencyPlanView[] }>("/api/disputes/plans?dueForReview=true")).items).toEqual(
      [],
    );
  });

  it("an event takes timed handling steps, closes once with closure and review, and takes no steps after", async () => {
    await at("2026-12-01T02:00:00Z");
    const e = await banner.json<EventView>("/api/disputes/events", {
      method: "POST",
      body: {
        foundAt: "2026-12-01T08:00:00+08:00",
        channel: "weibo",
        summary: "网传草场纠纷视频，称某嘎查发生冲突",
        grade: "serious",
        regionCode: "150522100",
      },
    });
    const url = `/api/disputes/events/${e.id}`;
    const step = (at: string, action: string) => banner.req(`${url}/steps`, { method: "POST", body: { at, action } });
    expect((await step("2026-12-01T07:00:00+08:00", "过早")).json().error.message).toContain("处置时间");
    expect((await step("2026-12-01T11:00:00+08:00", "未来")).statusCode).toBe(400);
    expect((await step("2026-12-01T08:30:00+08:00", "核实视频来源，系旧闻翻炒")).statusCode).toBe(200);
    expect((await step("2026-12-01T09:30:00+08:00", "发布情况说明")).statusCode).toBe(200);
    // Another banner and a unit may not close it.
    expect(
      (await zhongqi.req(`${url}/close`, { method: "POST", body: { closure: "x", review: "y" } })).statusCode,
    ).toBe(404);
    expect((await gridA.req(`${url}/close`, { method: "POST", body: { closure: "x", review: "y" } })).statusCode).toBe(
      403,
    );
    const missing = await banner.req(`${url}/close`, { method: "POST", body: { closure: "已澄清" } });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain("review");
    const closed = await banner.json<EventView>(`${url}/close`, {
      method: "POST",
      body: { closure: "已发布情况说明，舆情平息", review: "首报及时；今后对旧闻翻炒应更早研判" },
    });
    expect(closed).toMatchObject({
      status: "closed",
      closure: "已发布情况说明，舆情平息",
      review: "首报及时；今后对旧闻翻炒应更早研判",
    });
    expect(closed.steps.map((s) => s.action)).toEqual(["核实视频来源，系旧闻翻炒", "发布情况说明"]);
    const twice = await banner.req(`${url}/close`, { method: "POST", body: { closure: "x", review: "y" } });
    expect(twice.statusCode).toBe(409);
    const late = await step("2026-12-01T09:50:00+08:00", "补记");
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe("EVENT_CLOSED");
    const open = await banner.json<{ items: EventView[] }>("/api/disputes/events?status=open");
    expect(open.items.map((x) => x.id)).not.toContain(e.id);
    const audited = await h.deps.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.entityId, e.id))
      .orderBy(asc(auditLog.seq));
    expect(audited.map((x) => x.action)).toEqual([
      "disputes.event.create",
      "disputes.event.step",
      "disputes.event.step",
      "disputes.event.close",
    ]);
  });
});
