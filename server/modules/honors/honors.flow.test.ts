import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, exportedSelection } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { auditLog } from "../audit/audit.schema.js";
import {
  expectError,
  type HonorsWorld,
  honorsWorld,
  nominate,
  openCampaign,
  pastWindow,
  person,
} from "./honors.fixtures.js";

/**
 * 两审三公示 through the API: 科左后旗 nominates two individuals and a collective within its quota (a fourth is
 * refused), 一公示 across the National Day holiday, 初审 and 二公示 at the 旗, an objection upheld (the nominee
 * leaves the list with the reason) and one dismissed, 复审 with the panel, 三公示, the decision, the register and the
 * deeds library; consent governs what notices and the library show.
 */
describe("honors: 两审三公示 through the API", () => {
  let h: TestApp;
  let w: HonorsWorld;
  let campaignId: string;
  const ids: Record<"a" | "b" | "c", string> = { a: "", b: "", c: "" };
  const anon = () => client(h, null);

  beforeAll(async () => {
    h = await createTestApp({ start: "2026-09-28T01:00:00Z" }); // Monday 09:00 in Beijing, before 国庆
    w = await honorsWorld(h);
  });
  afterAll(() => h?.close());

  it("the city opens a campaign with quotas; 科左后旗 nominates within them and a fourth is refused", async () => {
    const c = await openCampaign(
      w.c.city,
      [
        { regionCode: "150522", kind: "collective", quota: 1 },
        { regionCode: "150522", kind: "individual", quota: 2 },
        { regionCode: "150521", kind: "individual", quota: 1 },
      ],
      { formFields: ["ethnicity"] },
    );
    campaignId = c.id;
    expect(await w.c.unit.json("/api/honors/kinds")).toEqual([
      { code: "collective", label: "模范集体" },
      { code: "individual", label: "模范个人" },
    ]);
    expect((await anon().req("/api/honors/kinds")).statusCode).toBe(401);
    expect(c).toMatchObject({ status: "open", regionName: "通辽市", kindLabels: ["模范集体", "模范个人"] });
    // Only 民族 is on this campaign's form: 政治面貌 is refused on its field.
    const bad = await w.c.unit.req("/api/honors/nominations", {
      method: "POST",
      body: { campaignId, ...person("巴特尔"), sensitive: { politicalStatus: "群众" } },
    });
    expect((await expectError(bad, 400, "VALIDATION_FAILED")).message).toContain("不采集");
    ids.a = (
      await nominate(w.c.unit, campaignId, {
        ...person("巴特尔"),
        sensitive: { ethnicity: "蒙古族" },
        consentPublish: true,
      })
    ).id;
    ids.b = (await nominate(w.c.unit2, campaignId, { ...person("王建国"), sensitive: { ethnicity: "汉族" } })).id;
    ids.c = (
      await nominate(w.c.unit, campaignId, {
        kind: "collective",
        nomineeOrgId: w.houqiTown.id,
        summary: "甘旗卡镇各族群众守望相助，共建共享。",
        deeds: "甘旗卡镇的事迹全文：建设民族团结进步示范街区。",
      })
    ).id;
    const over = await w.c.unit.req("/api/honors/nominations", {
      method: "POST",
      body: { campaignId, ...person("李四") },
    });
    const err = await expectError(over, 409, "QUOTA_EXCEEDED");
    expect(err.message).toBe("科尔沁左翼后旗的“模范个人”名额为 2 个，已用 2 个，名额已满，不能再推荐");
    const camp = await w.c.city.json(`/api/honors/campaigns/${campaignId}`);
    expect(
      camp.quotas.find(
        (q: { regionCode: string; kind: string }) => q.regionCode === "150522" && q.kind === "individual",
      ),
    ).toMatchObject({
      quota: 2,
      used: 2,
      remaining: 0,
    });
  });

  it("lists mask the person; a reveal needs a reason and is audited", async () => {
    const list = await w.c.unit.json(`/api/honors/nominations?campaignId=${campaignId}`);
    const a = list.items.find((n: { id: string }) => n.id === ids.a);
    expect(a).toMatchObject({
      nomineeName: "巴**",
      positionMasked: "嘎***",
      kindLabel: "模范个人",
      orgName: "甘旗卡镇人民政府",
    });
    expect(JSON.stringify(list)).not.toContain("巴特尔");
    // Pages are chosen on the narrow columns, then read in full: page by page, the same rows in the same order.
    const paged = [];
    for (let page = 1; page <= list.total; page++) {
      const p = await w.c.unit.json(`/api/honors/nominations?campaignId=${campaignId}&pageSize=1&page=${page}`);
      expect(p.total).toBe(list.total);
      paged.push(...p.items);
    }
    expect(paged).toEqual(list.items);
    expect((await w.c.unit.json(`/api/honors/nominations?campaignId=${campaignId}&page=9`)).items).toEqual([]);
    // A unit's draft is its own: the 旗 sees it once published.
    expect((await w.c.houqi.req(`/api/honors/nominations/${ids.a}`)).statusCode).toBe(404);
    const noReason = await w.c.unit.req(`/api/honors/nominations/${ids.a}/reveal`, {
      method: "POST",
      body: { field: "name" },
    });
    expect(noReason.statusCode).toBe(400);
    const r = await w.c.unit.json(`/api/honors/nominations/${ids.a}/reveal`, {
      method: "POST",
      body: { field: "name", reason: "核实推荐对象身份" },
    });
    expect(r.value).toBe("巴特尔");
    const [audit] = await h.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "honor_nomination.reveal"), eq(auditLog.entityId, ids.a)));
    expect(audit.summary).toContain("核实推荐对象身份");
  });

  it("一公示: the window counts working days of the official calendar across 国庆; consent governs the notice", async () => {
    for (const [c, id] of [
      [w.c.unit, ids.a],
      [w.c.unit2, ids.b],
      [w.c.unit, ids.c],
    ] as const)
      await c.json(`/api/honors/nominations/${id}/publish`, { method: "POST", body: {} });
    const notices = await anon().json("/api/public/publicity/notices?owner=honors");
    expect(notices.total).toBe(3);
    for (const n of notices.items)
      expect(n).toMatchObject({ startsOn: "2026-09-28", endsOn: "2026-10-09", phase: "open" });
    const itemOf = (id: string) =>
      notices.items
        .flatMap((n: { items: { itemId: string }[] }) => n.items)
        .find((i: { itemId: string }) => i.itemId === id);
    expect(itemOf(ids.a).label).toBe("巴特尔");
    expect(itemOf(ids.a).detail).toContainEqual({ label: "民族", value: "蒙古族" });
    expect(itemOf(ids.b).detail.map((d: { label: string }) => d.label)).not.toContain("民族");
    expect(JSON.stringify(itemOf(ids.b))).not.toContain("汉族");
    // Within the window nothing moves on.
    await expectError(
      await w.c.unit.req(`/api/honors/nominations/${ids.a}/submit`, { method: "POST" }),
      409,
      "NOTICE_NOT_ENDED",
    );
  });

  it("an objection dismissed keeps the nominee; it blocks the next step until answered", async () => {
    const notice = (await anon().json("/api/public/publicity/notices?owner=honors")).items.find(
      (n: { items: { itemId: string }[] }) => n.items[0].itemId === ids.b,
    );
    const receipt = await anon().json(`/api/public/publicity/notices/${notice.id}/objections`, {
      method: "POST",
      body: { contactName: "张三", phone: "13912345678", content: "该同志的事迹有夸大成分。", itemId: ids.b },
    });
    expect(receipt.trackingCode).toMatch(/^[A-Z2-9]{10}$/);
    await pastWindow(h, w, "2026-10-09");
    await expectError(
      await w.c.unit2.req(`/api/honors/nominations/${ids.b}/submit`, { method: "POST" }),
      409,
      "OBJECTION_OPEN",
    );
    // The nominating unit never sees objections (the objector is protected); the 旗 does, masked.
    expect((await w.c.unit.req("/api/honors/objections")).statusCode).toBe(403);
    const list = await w.c.houqi.json("/api/honors/objections");
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ nameMasked: "张*", phoneMasked: "139****5678", itemLabel: "王建国" });
    expect((await w.c.zhongqi.json("/api/honors/objections")).total).toBe(0);
    expect((await w.c.zhongqi.req(`/api/honors/objections/${list.items[0].id}`)).statusCode).toBe(404);
    await w.c.houqi.json(`/api/honors/objections/${list.items[0].id}/answer`, {
      method: "POST",
      body: { reply: "经核实，事迹属实。", outcome: "dismissed" },
    });
    const status = await anon().json(`/api/public/publicity/objections/${receipt.trackingCode}`);
    expect(status).toMatchObject({ status: "answered", outcomeLabel: "异议不成立", reply: "经核实，事迹属实。" });
    for (const [c, id] of [
      [w.c.unit, ids.a],
      [w.c.unit2, ids.b],
      [w.c.unit, ids.c],
    ] as const)
      expect((await c.json(`/api/honors/nominations/${id}/submit`, { method: "POST" })).status).toBe("county_review");
  });

  it("初审 is the 旗's: other banners get 404, units 403; 二公示 lists the approved", async () => {
    expect((await w.c.zhongqi.req(`/api/honors/nominations/${ids.a}`)).statusCode).toBe(404);
    expect(
      (await w.c.zhongqi.req(`/api/honors/nominations/${ids.a}/county-approve`, { method: "POST", body: {} }))
        .statusCode,
    ).toBe(404);
    await expectError(
      await w.c.unit.req(`/api/honors/nominations/${ids.a}/county-approve`, { method: "POST", body: {} }),
      403,
      "FORBIDDEN",
    );
    // The city sees it but 初审 is not its step.
    await expectError(
      await w.c.city.req(`/api/honors/nominations/${ids.a}/county-approve`, { method: "POST", body: {} }),
      403,
      "HONOR_NOT_COUNTY",
    );
    for (const id of Object.values(ids))
      await w.c.houqi.json(`/api/honors/nominations/${id}/county-approve`, { method: "POST", body: {} });
    const { noticeId } = await w.c.houqi.json(`/api/honors/campaigns/${campaignId}/notices`, {
      method: "POST",
      body: {
        stage: "county",
        title: "科左后旗民族团结进步表彰推荐对象公示",
        titleMn: "ᠣᠯᠠᠨ\u202fᠳᠤᠷ ᠵᠠᠷᠯᠠᠬᠤ ᠮᠡᠳᠡᠭᠳᠡᠯ",
        nominationIds: Object.values(ids),
      },
    });
    const n = await anon().json(`/api/public/publicity/notices/${noticeId}`);
    // The optional 蒙古文标题 goes with it to the portal's 公示公告.
    expect(n.titleMn).toBe("ᠣᠯᠠᠨ\u202fᠳᠤᠷ ᠵᠠᠷᠯᠠᠬᠤ ᠮᠡᠳᠡᠭᠳᠡᠯ");
    expect(n.items).toHaveLength(3);
    expect(n.issuerOrgName).toBe("科尔沁左翼后旗民族事务委员会");
  });

  it("an objection upheld removes the nominee with the reason, shown on the notice", async () => {
    const notices = await anon().json("/api/public/publicity/notices?owner=honors");
    const county = notices.items.find((n: { stage: string }) => n.stage === "county");
    const { trackingCode } = await anon().json(`/api/public/publicity/notices/${county.id}/objections`, {
      method: "POST",
      body: { contactName: "李娜", phone: "13800009999", content: "该同志曾受过党纪处分，不符合条件。", itemId: ids.a },
    });
    const [o] = (await w.c.houqi.json(`/api/honors/objections?status=pending`)).items;
    await w.c.houqi.json(`/api/honors/objections/${o.id}/investigate`, {
      method: "POST",
      body: { note: "向纪检部门核实。" },
    });
    await w.c.houqi.json(`/api/honors/objections/${o.id}/answer`, {
      method: "POST",
      body: { reply: "经核实，该同志曾受党纪处分，不符合推荐条件。", outcome: "upheld" },
    });
    const a = await w.c.houqi.json(`/api/honors/nominations/${ids.a}`);
    expect(a).toMatchObject({ status: "removed", statusReason: "经核实，该同志曾受党纪处分，不符合推荐条件。" });
    const item = (await anon().json(`/api/public/publicity/notices/${county.id}`)).items.find(
      (i: { itemId: string }) => i.itemId === ids.a,
    );
    expect(item).toMatchObject({ removed: true, removedReason: "经核实，该同志曾受党纪处分，不符合推荐条件。" });
    expect((await anon().json(`/api/public/publicity/objections/${trackingCode}`)).outcomeLabel).toBe("异议成立");
    // The 推荐审批表 (print view): masked as the detail, the upheld objection on its 公示 record and in the steps.
    const formA = await w.c.houqi.json(`/api/honors/nominations/${ids.a}/form`);
    expect(formA.nomination.nomineeName).toBe(a.nomineeName);
    expect(formA.nomination.nomineeName).toBe("巴**");
    expect(JSON.stringify([formA.stages, formA.notices])).not.toContain("巴特尔");
    expect(formA.notices[0].title).toContain("巴**");
    expect(formA.notices.map((x: { stageLabel: string }) => x.stageLabel)).toEqual(["单位公示", "初审公示"]);
    expect(formA.notices[1]).toMatchObject({
      removed: true,
      removedReason: "经核实，该同志曾受党纪处分，不符合推荐条件。",
      objections: { total: 1, upheld: 1, dismissed: 0 },
    });
    expect(formA.stages.map((x: { step: string }) => x.step)).toEqual([
      "推荐",
      "单位公示",
      "报送初审",
      "初审通过",
      "初审公示",
      "因异议撤销",
    ]);
    expect(formA.stages.at(-1).opinion).toContain("不符合推荐条件");
    // Removed frees the place in the ledger.
    const camp = await w.c.city.json(`/api/honors/campaigns/${campaignId}`);
    expect(
      camp.quotas.find(
        (q: { regionCode: string; kind: string }) => q.regionCode === "150522" && q.kind === "individual",
      ).used,
    ).toBe(1);
    await pastWindow(h, w, county.endsOn);
    for (const id of [ids.b, ids.c])
      expect((await w.c.houqi.json(`/api/honors/nominations/${id}/forward`, { method: "POST" })).status).toBe(
        "final_review",
      );
  });

  it("复审 with the panel, 三公示, the decision, the register and the deeds library", async () => {
    await expectError(
      await w.c.city.req(`/api/honors/nominations/${ids.b}/final-approve`, { method: "POST", body: {} }),
      409,
      "NO_REVIEWS",
    );
    await expectError(
      await w.c.judge.req(`/api/honors/nominations/${ids.b}/reviews`, {
        method: "POST",
        body: { score: 90, vote: "agree" },
      }),
      404,
      "NOT_FOUND",
    );
    await w.c.city.json(`/api/honors/campaigns/${campaignId}/panel`, {
      method: "PUT",
      body: { userIds: [w.judge.id] },
    });
    // The panel member finds the campaign and its nominations in 复审 in the console's lists (and nothing else).
    expect((await w.c.judge.json(`/api/honors/campaigns/${campaignId}`)).id).toBe(campaignId);
    const panelList = await w.c.judge.json(`/api/honors/nominations?campaignId=${campaignId}`);
    expect(panelList.items.map((n: { id: string }) => n.id).sort()).toEqual([ids.b, ids.c].sort());
    for (const id of [ids.b, ids.c]) {
      const r = await w.c.judge.json(`/api/honors/nominations/${id}/reviews`, {
        method: "POST",
        body: { score: 92.5, vote: "agree", comment: "事迹突出" },
      });
      expect(r).toMatchObject({ reviewCount: 1, averageScore: 92.5, votes: { agree: 1 } });
      await w.c.city.json(`/api/honors/nominations/${id}/final-approve`, { method: "POST", body: {} });
    }
    await expectError(
      await w.c.houqi.req(`/api/honors/campaigns/${campaignId}/notices`, {
        method: "POST",
        body: { stage: "final", title: "拟表彰对象公示", nominationIds: [ids.b, ids.c] },
      }),
      403,
      "HONOR_NOT_ORGANIZER",
    );
    const { noticeId } = await w.c.city.json(`/api/honors/campaigns/${campaignId}/notices`, {
      method: "POST",
      body: {
        stage: "final",
        title: "通辽市民族团结进步模范集体和模范个人拟表彰对象公示",
        nominationIds: [ids.b, ids.c],
      },
    });
    const notice = await anon().json(`/api/public/publicity/notices/${noticeId}`);
    await pastWindow(h, w, notice.endsOn);
    for (const id of [ids.b, ids.c]) await w.c.city.json(`/api/honors/nominations/${id}/propose`, { method: "POST" });
    const decided = await w.c.city.json(`/api/honors/campaigns/${campaignId}/decision`, {
      method: "POST",
      body: {
        decisionNo: "通民委发〔2026〕18号",
        title: "关于表彰民族团结进步模范集体和模范个人的决定",
        decidedOn: "2026-11-20",
        certificatePrefix: "TL2026",
      },
    });
    expect(decided).toMatchObject({ status: "decided", decisionNo: "通民委发〔2026〕18号" });
    const register = await w.c.houqi.json(`/api/honors/awards?campaignId=${campaignId}`);
    expect(register.items.map((a: { honoreeName: string }) => a.honoreeName).sort()).toEqual(
      ["王建国", "甘旗卡镇人民政府"].sort(),
    );
    expect(register.items[0].certificateNo).toMatch(/^TL2026-00\d$/);
    // The town's organization page: its own honors.
    const own = await w.c.unit.json(`/api/honors/awards?orgId=${w.houqiTown.id}`);
    expect(own.items.map((a: { honoreeName: string }) => a.honoreeName)).toEqual(["甘旗卡镇人民政府"]);
    expect((await w.c.zhongqi.json(`/api/honors/awards?campaignId=${campaignId}`)).total).toBe(0);
    // Another banner asking for the town's honors finds none.
    expect((await w.c.zhongqi.json(`/api/honors/awards?orgId=${w.houqiTown.id}`)).total).toBe(0);
    const deeds = await anon().json(`/api/public/honors/deeds?q=${encodeURIComponent("致富")}`);
    expect(deeds.items.map((d: { honoreeName: string }) => d.honoreeName)).toEqual(["王建国"]);
    expect(JSON.stringify(deeds)).not.toContain("汉族"); // no consent: 民族 stays private
    expect(JSON.stringify(deeds)).not.toContain("事迹全文"); // only the public summary
    expect((await anon().json("/api/public/honors/deeds?regionCode=150521")).total).toBe(0);
    expect((await anon().json("/api/public/honors/deeds?kind=collective&year=2026")).total).toBe(1);
    expect(await anon().json("/api/public/honors/deeds/facets")).toEqual({
      kinds: [
        { code: "collective", label: "模范集体" },
        { code: "individual", label: "模范个人" },
      ],
      regions: [{ code: "150522", name: "科尔沁左翼后旗" }],
      years: [2026],
    });
    // Exports: the approval form (within scope), the decision's list, the masked list.
    const form = await w.c.houqi.req(`/api/honors/nominations/${ids.b}/form.docx`);
    expect(form.statusCode).toBe(200);
    expect(form.rawPayload.subarray(0, 2).toString()).toBe("PK");
    expect((await w.c.zhongqi.req(`/api/honors/nominations/${ids.b}/form.docx`)).statusCode).toBe(404);
    const formB = await w.c.houqi.json(`/api/honors/nominations/${ids.b}/form`);
    expect(formB.notices.map((x: { stageLabel: string }) => x.stageLabel)).toEqual([
      "单位公示",
      "初审公示",
      "拟表彰公示",
    ]);
    expect(formB.stages.map((x: { step: string }) => x.step)).toContain("复审通过");
    expect(formB.stages.at(-1)).toMatchObject({ step: "表彰", opinion: expect.stringContaining("证书编号") });
    expect((await w.c.zhongqi.req(`/api/honors/nominations/${ids.b}/form`)).statusCode).toBe(404);
    const decision = await w.c.city.req(`/api/honors/campaigns/${campaignId}/decision.docx`);
    expect([decision.statusCode, decision.headers["content-disposition"]]).toEqual([
      200,
      expect.stringContaining("filename*=UTF-8''"),
    ]);
    const xlsx = await w.c.houqi.req(`/api/honors/nominations.xlsx?campaignId=${campaignId}`);
    expect(xlsx.statusCode).toBe(200);
    // 导出所选: the ticked nominations only; 中旗 sending their ids exports nothing
    const url = `/api/honors/nominations.xlsx?campaignId=${campaignId}`;
    expect(await exportedSelection(w.c.houqi, url, [ids.b, ids.c], "推荐对象")).toHaveLength(2);
    expect(await exportedSelection(w.c.zhongqi, url, [ids.b], "推荐对象")).toEqual([]);
    // Revocation takes the honor out of the library.
    const wang = register.items.find((a: { honoreeName: string }) => a.honoreeName === "王建国");
    const revoked = await w.c.city.json(`/api/honors/awards/${wang.id}/revoke`, {
      method: "POST",
      body: { reason: "因违纪被撤销荣誉称号", docNo: "通民委发〔2026〕30号" },
    });
    expect(revoked).toMatchObject({ status: "revoked", revokedDocNo: "通民委发〔2026〕30号" });
    expect((await anon().json("/api/public/honors/deeds")).total).toBe(1);
  });

  it("scope on every route: the public is refused everywhere, another banner finds nothing and changes nothing", async () => {
    const nom = `/api/honors/nominations/${ids.a}`;
    const [objection] = (await w.c.houqi.json("/api/honors/objections")).items;
    const [award] = (await w.c.city.json(`/api/honors/awards?campaignId=${campaignId}`)).items;
    const obj = `/api/honors/objections/${objection.id}`;
    const camp = `/api/honors/campaigns/${campaignId}`;
    const reason = { reason: "越权尝试" };
    const routes: ["GET" | "POST" | "PUT" | "PATCH", string, unknown?][] = [
      ["GET", "/api/honors/kinds"],
      ["GET", "/api/honors/campaigns"],
      ["POST", "/api/honors/campaigns", { title: "越权" }],
      ["GET", camp],
      ["PATCH", camp, { title: "越权" }],
      ["POST", `${camp}/open`],
      ["POST", `${camp}/close`],
      ["PUT", `${camp}/quotas`, { quotas: [] }],
      ["PUT", `${camp}/panel`, { memberIds: [] }],
      ["GET", `${camp}/notices`],
      ["POST", `${camp}/notices`, { stage: "county", title: "越权", nominationIds: [ids.a] }],
      ["POST", `${camp}/decision`, { decisionNo: "越权", title: "越权" }],
      ["GET", `${camp}/decision.docx`],
      ["GET", "/api/honors/nominations"],
      ["POST", "/api/honors/nominations", { campaignId }],
      ["GET", "/api/honors/nominations.xlsx"],
      ["GET", nom],
      ["PATCH", nom, { summary: "越权修改" }],
      ["POST", `${nom}/reveal`, { field: "name", reason: "越权" }],
      ["POST", `${nom}/publish`, {}],
      ["POST", `${nom}/submit`],
      ["POST", `${nom}/withdraw`, reason],
      ["POST", `${nom}/county-approve`, {}],
      ["POST", `${nom}/county-return`, reason],
      ["POST", `${nom}/final-approve`, {}],
      ["POST", `${nom}/final-return`, reason],
      ["POST", `${nom}/forward`],
      ["POST", `${nom}/propose`],
      ["POST", `${nom}/reviews`, { vote: "agree" }],
      ["GET", `${nom}/form.docx`],
      ["GET", `${nom}/form`],
      ["GET", "/api/honors/objections"],
      ["GET", obj],
      ["POST", `${obj}/reveal`, { field: "name", reason: "越权" }],
      ["POST", `${obj}/investigate`, { note: "越权" }],
      ["POST", `${obj}/answer`, { reply: "越权", outcome: "dismissed" }],
      ["GET", "/api/honors/awards"],
      ["POST", `/api/honors/awards/${award.id}/revoke`, { reason: "越权", docNo: "越权" }],
    ];
    for (const [method, url, body] of routes) {
      const res = await anon().req(url, { method, body });
      expect([method, url, res.statusCode]).toEqual([method, url, 401]);
    }
    // Another banner: every object of 科左后旗's is unknown to it (404) or not its to act on (403) — never done.
    const before = await w.c.houqi.json(nom);
    const auditBefore = (await h.deps.db.select().from(auditLog)).length;
    for (const [method, url, body] of routes.filter(([, u]) =>
      /(nominations|objections|awards)\/[0-9a-f-]{36}/.test(u),
    )) {
      const res = await w.c.zhongqi.req(url, { method, body });
      expect([method, url, [403, 404].includes(res.statusCode)]).toEqual([method, url, true]);
    }
    expect(await w.c.houqi.json(nom)).toEqual(before);
    // Nothing was written about those objects.
    const written = (await h.deps.db.select().from(auditLog)).slice(auditBefore);
    const touched = new Set([ids.a, objection.id, award.id]);
    expect(written.filter((a) => a.entityId && touched.has(a.entityId)).map((a) => a.action)).toEqual([]);
    // Its lists show nothing of 科左后旗's.
    expect((await w.c.zhongqi.json(`/api/honors/nominations?campaignId=${campaignId}`)).total).toBe(0);
    expect((await w.c.zhongqi.json("/api/honors/objections")).total).toBe(0);
  });
});

describe("honors: the quota ledger under concurrent steps", () => {
  let h: TestApp;
  let w: HonorsWorld;
  beforeAll(async () => {
    h = await createTestApp({ start: "2026-11-02T01:00:00Z" });
    w = await honorsWorld(h);
  });
  afterAll(() => h?.close());

  it("concurrent nominations and concurrent forwarding never exceed the quota", async () => {
    const c = await openCampaign(w.c.city, [{ regionCode: "150522", kind: "individual", quota: 3 }]);
    const names = ["甲一", "乙二", "丙三", "丁四", "戊五", "己六"];
    const results = await Promise.all(
      names.map((n, i) =>
        (i % 2 ? w.c.unit2 : w.c.unit).req("/api/honors/nominations", {
          method: "POST",
          body: { campaignId: c.id, ...person(n) },
        }),
      ),
    );
    const ok = results.filter((r) => r.statusCode === 200).map((r) => r.json());
    expect(ok).toHaveLength(3);
    for (const r of results.filter((x) => x.statusCode !== 200)) expect(r.json().error.code).toBe("QUOTA_EXCEEDED");
    const unitOf = (n: { orgId: string }) => (n.orgId === w.houqiTown.id ? w.c.unit : w.c.unit2);
    for (const n of ok) await unitOf(n).json(`/api/honors/nominations/${n.id}/publish`, { method: "POST", body: {} });
    const first = await w.c.unit.json(`/api/honors/nominations?campaignId=${c.id}`);
    const unitNotice = (await w.c.city.json(`/api/honors/campaigns/${c.id}/notices`)).items[0];
    await pastWindow(h, w, unitNotice.endsOn);
    expect(first.total).toBeGreaterThan(0);
    for (const n of ok) {
      await unitOf(n).json(`/api/honors/nominations/${n.id}/submit`, { method: "POST" });
      await w.c.houqi.json(`/api/honors/nominations/${n.id}/county-approve`, { method: "POST", body: {} });
    }
    const { noticeId } = await w.c.houqi.json(`/api/honors/campaigns/${c.id}/notices`, {
      method: "POST",
      body: { stage: "county", title: "初审公示", nominationIds: ok.map((n) => n.id) },
    });
    await pastWindow(h, w, (await client(h, null).json(`/api/public/publicity/notices/${noticeId}`)).endsOn);
    // The city reallocates: 后旗 keeps two places; three forwards race for them.
    await w.c.city.json(`/api/honors/campaigns/${c.id}/quotas`, {
      method: "PUT",
      body: { quotas: [{ regionCode: "150522", kind: "individual", quota: 2 }] },
    });
    const fwd = await Promise.all(
      ok.map((n) => w.c.houqi.req(`/api/honors/nominations/${n.id}/forward`, { method: "POST" })),
    );
    expect(fwd.filter((r) => r.statusCode === 200)).toHaveLength(2);
    const refused = fwd.filter((r) => r.statusCode !== 200);
    expect(refused).toHaveLength(1);
    expect(refused[0].json().error).toMatchObject({ code: "QUOTA_EXCEEDED" });
    expect(refused[0].json().error.message).toContain("名额已满，不能再上报");
    const camp = await w.c.city.json(`/api/honors/campaigns/${c.id}`);
    expect(camp.quotas[0]).toMatchObject({ quota: 2, forwarded: 2 });
  });
});
