import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportedSelection, loginAdmin } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import {
  applyAndSubmit,
  creationWorld,
  driveToAccepted,
  entriesFor,
  fillAndSubmit,
  scoreByExperts,
  uploadMaterial,
  type World,
} from "./creation.fixtures.js";

/**
 * The bar, end to end through the API: a 嘎查 applies with a self-assessment and evidence from its library →
 * 甘旗卡镇 recommends → 后旗 returns it once, then recommends → 通辽 accepts, five experts score (trimmed mean
 * checked exactly), site visit → notice published (the public sees it) → a member of the public objects (phone
 * encrypted, masked) → answered → named with a certificate number → public directory, target, coverage; another
 * application fails a veto item and is not named despite a high total.
 */
describe("creation: the whole flow through the API", () => {
  let h: TestApp;
  let w: World;
  let appId: string;
  let noticeId: string;
  let trackingCode: string;
  let objectionId: string;
  let designationId: string;
  let decisionId: string;

  beforeAll(async () => {
    h = await createTestApp();
    w = await creationWorld(h);
  });
  afterAll(() => h?.close());

  const app = (id = appId) => w.c.city.json(`/api/creation/applications/${id}`);

  it("the 嘎查 applies: submission needs its self-assessment submitted and at the pass line", async () => {
    const evidence = await uploadMaterial(w.c.village, "民族团结进步创建台账");
    const draft = await w.c.village.json("/api/creation/applications", {
      method: "POST",
      body: { batchId: w.batchId, category: "village", statement: "开展“石榴籽”主题教育。", evidenceIds: [evidence] },
    });
    appId = draft.id;
    expect(draft).toMatchObject({
      status: "draft",
      orgName: "哈布哈嘎查村民委员会",
      level: "city",
      categoryLabel: "嘎查村/社区",
    });
    expect(draft.evidence.map((m: { id: string }) => m.id)).toEqual([evidence]);
    expect(draft.selfSheet).toMatchObject({ status: "draft" });
    // Another unit's material cannot be used as evidence.
    const foreign = await uploadMaterial(w.c.village2, "别人的材料");
    const bad = await w.c.village.req(`/api/creation/applications/${appId}`, {
      method: "PATCH",
      body: { evidenceIds: [foreign] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe("evidenceIds");

    const early = await w.c.village.req(`/api/creation/applications/${appId}/submit`, { method: "POST" });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe("请先完成并提交自评表，再提交申报");
    // A self-assessment below the pass line is refused too, and nothing moves.
    await fillAndSubmit(w.c.village, draft.selfSheet.id, 85);
    const low = await w.c.village.req(`/api/creation/applications/${appId}/submit`, { method: "POST" });
    expect(low.statusCode).toBe(409);
    expect(low.json().error.message).toBe("自评得分 85 分，低于合格线 90 分，不能提交申报");
    expect((await w.c.village.json(`/api/creation/applications/${appId}`)).status).toBe("draft");
    // The 旗 returns the self sheet (evaluation API) so the unit can correct it.
    await w.c.houqi.json(`/api/score-sheets/${draft.selfSheet.id}/return`, {
      method: "POST",
      body: { reason: "请如实自评" },
    });
    await fillAndSubmit(w.c.village, draft.selfSheet.id, 96);
    const submitted = await w.c.village.json(`/api/creation/applications/${appId}/submit`, { method: "POST" });
    expect(submitted).toMatchObject({ status: "reviewing", reviewLevelCode: "150522100" });
    expect(submitted.chain.map((l: { regionCode: string; role: string }) => [l.regionCode, l.role])).toEqual([
      ["150522100", "recommend"],
      ["150522", "recommend"],
      ["1505", "accept"],
    ]);
    expect(submitted.selfSheet).toMatchObject({ status: "submitted", total: 96, passed: true });
  });

  it("逐级推荐: only the current level acts; the 旗 returns once, the unit edits and resubmits, review resumes at the 旗", async () => {
    // The 旗 cannot act for the 镇, the other banner cannot see it at all.
    const early = await w.c.houqi.req(`/api/creation/applications/${appId}/recommend`, { method: "POST", body: {} });
    expect(early.statusCode).toBe(403);
    expect(early.json().error.message).toContain("甘旗卡镇");
    expect((await w.c.zhongqi.req(`/api/creation/applications/${appId}`)).statusCode).toBe(404);
    const town = await w.c.town.json(`/api/creation/applications/${appId}/recommend`, {
      method: "POST",
      body: { opinion: "同意推荐" },
    });
    expect(town).toMatchObject({ status: "reviewing", reviewLevelCode: "150522" });
    expect(town.reviewLevelName).toBe("旗县科尔沁左翼后旗");

    const returned = await w.c.houqi.json(`/api/creation/applications/${appId}/return`, {
      method: "POST",
      body: { reason: "请补充交往交流交融活动的照片" },
    });
    expect(returned).toMatchObject({ status: "returned", reviewLevelCode: null });
    // Nobody can recommend a returned application; the unit sees the reason.
    const illegal = await w.c.houqi.req(`/api/creation/applications/${appId}/recommend`, { method: "POST", body: {} });
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json().error.message).toContain("申报当前为“退回修改”，不能推荐");
    const seen = await w.c.village.json(`/api/creation/applications/${appId}`);
    expect(seen.events.at(-1)).toMatchObject({
      action: "return",
      note: "请补充交往交流交融活动的照片",
      levelCode: "150522",
    });
    expect(seen.can).toMatchObject({ edit: true, submit: true });

    const photo = await uploadMaterial(w.c.village, "交往交流交融活动照片");
    await w.c.village.json(`/api/creation/applications/${appId}`, {
      method: "PATCH",
      body: {
        statement: "开展“石榴籽”主题教育，补充活动照片。",
        evidenceIds: [...seen.evidence.map((m: { id: string }) => m.id), photo],
      },
    });
    const again = await w.c.village.json(`/api/creation/applications/${appId}/submit`, { method: "POST" });
    expect(again).toMatchObject({ status: "reviewing", reviewLevelCode: "150522" });
    expect(again.evidence).toHaveLength(2);
    // The town already recommended; it cannot act again.
    expect(
      (await w.c.town.req(`/api/creation/applications/${appId}/recommend`, { method: "POST", body: {} })).statusCode,
    ).toBe(403);
    await w.c.houqi.json(`/api/creation/applications/${appId}/recommend`, {
      method: "POST",
      body: { opinion: "材料齐全" },
    });
    // The city is the organiser: it accepts, it does not recommend.
    const notUp = await w.c.city.req(`/api/creation/applications/${appId}/recommend`, { method: "POST", body: {} });
    expect(notUp.statusCode).toBe(409);
    expect(notUp.json().error.message).toContain("受理");
    const accepted = await w.c.city.json(`/api/creation/applications/${appId}/accept`, { method: "POST", body: {} });
    expect(accepted.status).toBe("accepted");
    expect(accepted.chain.every((l: { state: string }) => l.state === "done")).toBe(true);
    expect(accepted.events.map((e: { action: string }) => e.action)).toEqual([
      "create",
      "submit",
      "recommend",
      "return",
      "update",
      "submit",
      "recommend",
      "accept",
    ]);
    const history = await w.c.city.json(`/api/creation/applications/${appId}/history`);
    const actions = history.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["creation_application.return", "creation_application.accept"]));
    const ret = history.items.find((e: { action: string }) => e.action === "creation_application.return");
    expect(ret.actorName).toContain("houqi_admin");
    expect(ret.summary).toContain("请补充交往交流交融活动的照片");
  });

  it("测评: five experts score in isolation; 审定 takes the trimmed mean exactly", async () => {
    const userIds = w.experts.map((e) => e.id);
    const assigned = await w.c.city.json(`/api/creation/applications/${appId}/experts`, {
      method: "POST",
      body: { userIds },
    });
    expect(assigned.status).toBe("evaluating");
    expect(assigned.experts).toHaveLength(5);
    // The applicant never sees the experts' sheets.
    expect((await w.c.village.json(`/api/creation/applications/${appId}`)).experts).toBeNull();
    // Experts see their assignments only, not the application itself nor each other's sheets.
    const [e1, e2] = w.c.experts;
    const list = await e1.json("/api/creation/assignments");
    expect(list).toHaveLength(1);
    expect((await e1.req(`/api/creation/applications/${appId}`)).statusCode).toBe(403);
    const mine1 = await e1.json(`/api/creation/assignments/${appId}`);
    const mine2 = await e2.json(`/api/creation/assignments/${appId}`);
    expect(mine1.panel).toBeNull();
    expect((await e2.req(`/api/score-sheets/${mine1.sheetId}`)).statusCode).toBe(404);

    const early = await w.c.city.req(`/api/creation/applications/${appId}/finalize`, { method: "POST", body: {} });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain("还有 5 位专家未提交评分");

    const evidence = await uploadMaterial(w.c.city, "实地考察照片");
    const visited = await w.c.city.json(`/api/creation/applications/${appId}/site-visits`, {
      method: "POST",
      body: {
        visitedOn: "2026-03-10",
        members: "张三、李四、王五",
        notes: "查看了活动阵地。",
        evidenceIds: [evidence],
      },
    });
    expect(visited.siteVisits).toHaveLength(1);
    expect(visited.siteVisits[0].evidence[0].title).toBe("实地考察照片");

    const totals = [95, 93.5, 92, 91, 88];
    await fillAndSubmit(e1, mine1.sheetId, totals[0]);
    // Having submitted, expert 1 sees the panel: nobody else has submitted yet.
    expect((await e1.json(`/api/creation/assignments/${appId}`)).panel).toEqual({
      assigned: 5,
      submitted: 1,
      otherTotals: [],
    });
    // Expert 2 has not submitted: still no view of expert 1's score.
    expect((await e2.json(`/api/creation/assignments/${appId}`)).panel).toBeNull();
    await fillAndSubmit(e2, mine2.sheetId, totals[1]);
    for (let i = 2; i < 5; i++) {
      const mine = await w.c.experts[i].json(`/api/creation/assignments/${appId}`);
      await fillAndSubmit(w.c.experts[i], mine.sheetId, totals[i]);
    }
    expect((await e1.json(`/api/creation/assignments/${appId}`)).panel.otherTotals).toEqual([93.5, 92, 91, 88]);
    const done = await w.c.city.json(`/api/creation/applications/${appId}/finalize`, { method: "POST", body: {} });
    // (93.5 + 92 + 91) / 3 = 92.1666… → 92.17; 95 and 88 dropped.
    expect(done).toMatchObject({ status: "approved", finalScore: 92.17, passed: true });
    expect(done.result).toMatchObject({ method: "trimmed_mean", passed: true, vetoFailed: [] });
    expect(done.experts.map((x: { total: number }) => x.total).sort()).toEqual([88, 91, 92, 93.5, 95]);
  });

  it("公示: published for 5 working days; the public sees it; objections are taken within the window only", async () => {
    const body = {
      batchId: w.batchId,
      title: "2026年度通辽市民族团结进步示范单位拟命名名单公示",
      body: "公示期内如有异议请实名反映。",
      applicationIds: [appId],
    };
    // The optional 蒙古文标题 is one line of safe text: a bidi override is refused, naming the field.
    const spoofed = await w.c.city.req("/api/creation/notices", {
      method: "POST",
      body: { ...body, titleMn: "ᠮᠡᠳᠡᠭᠳᠡᠯ\u202Efdp" },
    });
    expect(spoofed.statusCode).toBe(400);
    expect(spoofed.json().error.details.fields[0]).toMatchObject({ field: "titleMn", label: "蒙古文标题" });
    const titleMn = "ᠣᠯᠠᠨ\u202fᠳᠤᠷ ᠵᠠᠷᠯᠠᠬᠤ ᠮᠡᠳᠡᠭᠳᠡᠯ";
    const draft = await w.c.city.json("/api/creation/notices", { method: "POST", body: { ...body, titleMn } });
    noticeId = draft.id;
    expect(draft).toMatchObject({ status: "draft", phase: "draft", workingDays: 5, titleMn });
    const created = await h.deps.db.execute<{ changes: Record<string, unknown> }>(
      sql`SELECT changes FROM audit_log WHERE action = 'publicity_notice.create' AND entity_id = ${noticeId}`,
    );
    expect(created.rows[0].changes.titleMn).toEqual([null, titleMn]);
    // Drafts are never public.
    expect((await h.app.inject({ url: `/api/public/creation/notices/${noticeId}` })).statusCode).toBe(404);
    // Monday 2026-03-02 (Beijing) + 5 working days → Friday 2026-03-06.
    const published = await w.c.city.json(`/api/creation/notices/${noticeId}/publish`, { method: "POST", body: {} });
    expect(published).toMatchObject({
      status: "published",
      phase: "open",
      startsOn: "2026-03-02",
      endsOn: "2026-03-06",
    });
    expect((await app()).status).toBe("publicized");

    const list = (await h.app.inject({ url: "/api/public/creation/notices" })).json();
    expect(list.items.map((n: { id: string }) => n.id)).toEqual([noticeId]);
    const pub = await h.app.inject({ url: `/api/public/creation/notices/${noticeId}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ title: body.title, titleMn });
    const shared = (await h.app.inject({ url: `/api/public/publicity/notices/${noticeId}` })).json();
    expect(shared).toMatchObject({ title: body.title, titleMn });
    expect(pub.json().items).toEqual([
      expect.objectContaining({
        applicationId: appId,
        orgName: "哈布哈嘎查村民委员会",
        regionName: "通辽市科尔沁左翼后旗甘旗卡镇哈布哈嘎查",
        level: "city",
      }),
    ]);
    expect(pub.body).not.toContain("finalScore");
    expect(pub.json().objections).toBeUndefined();

    const res = await h.app.inject({
      method: "POST",
      url: `/api/public/creation/notices/${noticeId}/objections`,
      payload: {
        contactName: "张三丰",
        phone: "13812345678",
        content: "该嘎查去年发生过邻里纠纷，请核实。",
        applicationId: appId,
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    trackingCode = res.json().trackingCode;
    expect(trackingCode).toMatch(/^[A-Z2-9]{10}$/);
    // Stored encrypted: the plaintext is nowhere in the row.
    const raw = await h.deps.db.execute<{ name_enc: string; phone_enc: string; id: string }>(
      sql`SELECT id, name_enc, phone_enc FROM publicity_objections WHERE owner = 'creation'`,
    );
    objectionId = raw.rows[0].id;
    expect(raw.rows[0].phone_enc).toMatch(/^v1:/);
    expect(JSON.stringify(raw.rows)).not.toContain("13812345678");
    expect(JSON.stringify(raw.rows)).not.toContain("张三丰");
    expect(h.deps.cipher.decrypt(raw.rows[0].phone_enc)).toBe("13812345678");
    // Masked in staff lists; revealed one field at a time with an audit entry.
    const staff = await w.c.city.json("/api/creation/objections");
    expect(staff.items[0]).toMatchObject({ nameMasked: "张**", phoneMasked: "138****5678", status: "pending" });
    expect(JSON.stringify(staff)).not.toContain("13812345678");
    const revealed = await w.c.city.json(`/api/creation/objections/${objectionId}/reveal?field=phone`);
    expect(revealed.value).toBe("13812345678");
    const audit = await h.deps.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'publicity_objection.reveal' AND category = 'access'`,
    );
    expect(audit.rows[0].n).toBe(1);
    // The applicant unit never sees who objected.
    expect((await w.c.village.req("/api/creation/objections")).statusCode).toBe(403);
    // Bad input names the field, in Chinese.
    const bad = await h.app.inject({
      method: "POST",
      url: `/api/public/creation/notices/${noticeId}/objections`,
      payload: { contactName: "李四", phone: "12345", content: "有异议，请核实情况。" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0]).toMatchObject({ field: "phone", label: "手机号码" });
  });

  it("命名 waits for the window to end and for every objection to be answered", async () => {
    const body = {
      batchId: w.batchId,
      docNumber: "通民委发〔2026〕8号",
      namedOn: "2026-03-02",
      applicationIds: [appId],
    };
    const early = await w.c.city.req("/api/creation/decisions", { method: "POST", body });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain("公示期尚未结束");
    // Monday after the window.
    await w.travel("2026-03-09T01:00:00Z");
    const late = await h.app.inject({
      method: "POST",
      url: `/api/public/creation/notices/${noticeId}/objections`,
      payload: { contactName: "王五", phone: "13900001111", content: "公示期后才看到，提出异议。" },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toContain("不在公示期内");
    const blocked = await w.c.city.req("/api/creation/decisions", {
      method: "POST",
      body: { ...body, namedOn: "2026-03-09" },
    });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.message).toBe("“哈布哈嘎查村民委员会”还有 1 条未答复的异议，不能命名");
    const todos = await w.c.city.json("/api/creation/todos");
    expect(todos.items.map((i: { kind: string }) => i.kind)).toEqual(expect.arrayContaining(["objection", "name"]));

    await w.c.city.json(`/api/creation/objections/${objectionId}/investigate`, {
      method: "POST",
      body: { note: "经走访，系一般邻里纠纷，已调解。" },
    });
    const answered = await w.c.city.json(`/api/creation/objections/${objectionId}/reply`, {
      method: "POST",
      body: { reply: "经核实，该纠纷已依法调解，不影响命名。", effect: "none" },
    });
    expect(answered).toMatchObject({ status: "answered", effect: "none" });
    const again = await w.c.city.req(`/api/creation/objections/${objectionId}/reply`, {
      method: "POST",
      body: { reply: "再次答复", effect: "none" },
    });
    expect(again.statusCode).toBe(409);
    const status = (await h.app.inject({ url: `/api/public/creation/objections/${trackingCode}` })).json();
    expect(status).toMatchObject({
      status: "answered",
      effectLabel: "不影响命名",
      reply: "经核实，该纠纷已依法调解，不影响命名。",
    });
    expect(JSON.stringify(status)).not.toContain("1381234");

    const decision = await w.c.city.json("/api/creation/decisions", {
      method: "POST",
      body: { ...body, namedOn: "2026-03-09" },
    });
    decisionId = decision.id;
    expect(decision.designations).toEqual([
      expect.objectContaining({ certificateNo: "2026-MS-1505-0001", unitName: "哈布哈嘎查村民委员会" }),
    ]);
    designationId = decision.designations[0].id;
    const d = await w.c.city.json(`/api/creation/designations/${designationId}`);
    expect(d).toMatchObject({
      status: "valid",
      level: "city",
      namedOn: "2026-03-09",
      validFrom: "2026-03-09",
      validUntil: "2031-03-08",
      docNumber: "通民委发〔2026〕8号",
    });
    expect(d.events.map((e: { kind: string }) => e.kind)).toEqual(["named"]);
    expect((await app()).status).toBe("named");
    const batch = await w.c.city.json(`/api/creation/batches/${w.batchId}`);
    expect(batch).toMatchObject({ status: "concluded", namedCount: 1 });
    // The same 文号 cannot be used twice.
    const dup = await w.c.city.req("/api/creation/decisions", {
      method: "POST",
      body: { ...body, namedOn: "2026-03-09" },
    });
    expect(dup.statusCode).toBe(409);
  });

  it("the named unit is in the public directory and counts toward the target and the coverage matrix", async () => {
    const units = (await h.app.inject({ url: `/api/public/creation/units?q=${encodeURIComponent("哈布哈")}` })).json();
    expect(units.items).toEqual([
      expect.objectContaining({
        unitName: "哈布哈嘎查村民委员会",
        certificateNo: "2026-MS-1505-0001",
        categoryLabel: "嘎查村/社区",
        regionName: "通辽市科尔沁左翼后旗甘旗卡镇哈布哈嘎查",
      }),
    ]);
    // Its 蒙古文名称, entered in 组织机构, goes with it to the portal (the portal shows it in Mongolian).
    expect(units.items[0].unitNameMn).toBe("");
    const nameMn = "ᠬᠠᠪᠤᠬ\u180eᠠ ᠭᠠᠴᠠᠭ\u180eᠠ";
    await (await loginAdmin(h)).json(`/api/orgs/${w.village.id}`, { method: "PATCH", body: { nameMn } });
    const again = (await h.app.inject({ url: `/api/public/creation/units?q=${encodeURIComponent("哈布哈")}` })).json();
    expect(again.items[0]).toMatchObject({ unitName: "哈布哈嘎查村民委员会", unitNameMn: nameMn });
    const map = (await h.app.inject({ url: "/api/public/creation/map?regionCode=1505" })).json();
    expect(map.points).toEqual([expect.objectContaining({ regionCode: "150522", count: 1 })]);

    const target = await w.c.city.json("/api/creation/targets", {
      method: "POST",
      body: { regionCode: "1505", level: "city", year: 2026, targetCount: 500 },
    });
    expect(target).toMatchObject({ achieved: 1, percent: 0.2, regionName: "通辽市" });
    // Progress counts only that region's tree, that level, that category, named by that year.
    for (const [body, achieved] of [
      [{ regionCode: "1505", level: "city", year: 2025, targetCount: 10 }, 0],
      [{ regionCode: "1505", level: "region", year: 2026, targetCount: 10 }, 0],
      [{ regionCode: "150522", level: "city", year: 2026, targetCount: 10 }, 1],
      [{ regionCode: "150521", level: "city", year: 2026, targetCount: 10 }, 0],
      [{ regionCode: "1505", level: "city", year: 2027, targetCount: 10, category: "school" }, 0],
      [{ regionCode: "1505", level: "city", year: 2027, targetCount: 10, category: "village" }, 1],
    ] as const) {
      const t = await w.c.city.json("/api/creation/targets", { method: "POST", body });
      expect(t.achieved, JSON.stringify(body)).toBe(achieved);
    }
    const list = await w.c.city.json("/api/creation/targets?regionCode=1505&includeSubRegions=false&pageSize=50");
    expect(list.items.map((x: { achieved: number }) => x.achieved)).toEqual([0, 1, 0, 0, 1]);

    const cov = await w.c.city.json("/api/creation/coverage?regionCode=1505");
    const houqi = cov.rows.find((r: { regionCode: string }) => r.regionCode === "150522");
    expect(houqi).toMatchObject({ total: 1, categoriesCovered: 1, drillable: true });
    expect(houqi.counts.village).toBe(1);
    expect(cov).toMatchObject({ total: 1, regionsCovered: 1 });
    expect(cov.categories.map((c: { code: string }) => c.code)).toContain("organ");
    const drill = await w.c.city.json("/api/creation/coverage?regionCode=150522");
    expect(drill.rows.find((r: { regionCode: string }) => r.regionCode === "150522100").counts.village).toBe(1);
    // A banner's staff see their own banner, not the city.
    expect((await w.c.houqi.req("/api/creation/coverage?regionCode=1505")).statusCode).toBe(403);
    expect((await w.c.houqi.json("/api/creation/coverage")).total).toBe(1);
    expect((await w.c.zhongqi.json("/api/creation/coverage")).total).toBe(0);
  });

  it("exports: designations and applications to .xlsx, the decision and the certificate to .docx, all audited", async () => {
    const xlsx = await w.c.city.req("/api/creation/designations/export?live=true");
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(1).value).toBe("证书编号");
    expect(ws.getRow(2).getCell(2).value).toBe("哈布哈嘎查村民委员会");
    expect(ws.getRow(2).getCell(10).value).toBe("有效");
    const apps = await w.c.city.req(`/api/creation/applications/export?batchId=${w.batchId}`);
    expect(apps.statusCode).toBe(200);
    const docx = await w.c.city.req(`/api/creation/decisions/${decisionId}/docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers["content-type"]).toContain("wordprocessingml");
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe("PK");
    const cert = await w.c.city.req(`/api/creation/designations/${designationId}/certificate`);
    expect(cert.statusCode).toBe(200);
    const mammoth = await import("mammoth");
    const text = (await mammoth.extractRawText({ buffer: cert.rawPayload })).value;
    expect(text).toContain("哈布哈嘎查村民委员会");
    expect(text).toContain("盟市级民族团结进步示范单位（嘎查村/社区）");
    expect(text).toContain("2026-MS-1505-0001");
    expect(text).toContain("2026年3月9日");
    const decisionText = (await mammoth.extractRawText({ buffer: docx.rawPayload })).value;
    expect(decisionText).toContain("通民委发〔2026〕8号");
    expect(decisionText).toContain("哈布哈嘎查村民委员会");
    const exports = await h.deps.db.execute<{ action: string }>(
      sql`SELECT action FROM audit_log WHERE category = 'export' ORDER BY seq`,
    );
    expect(exports.rows.map((r) => r.action)).toEqual([
      "creation_designation.export",
      "creation_application.export",
      "creation_decision.export",
      "creation_designation.certificate",
    ]);
    // Units cannot export (no creation:export).
    expect((await w.c.village.req(`/api/creation/designations/${designationId}/certificate`)).statusCode).toBe(403);
    // 导出所选: the ticked designation only; 中旗 sending its id exports nothing
    const picked = await exportedSelection(w.c.city, "/api/creation/designations/export", [designationId], "单位名称");
    expect(picked).toEqual(["哈布哈嘎查村民委员会"]);
    const theirs = await exportedSelection(
      w.c.zhongqi,
      "/api/creation/designations/export",
      [designationId],
      "单位名称",
    );
    expect(theirs).toEqual([]);
  });

  it("a veto item failed on one expert's sheet means 不予命名 despite a high total", async () => {
    // A new batch: the first one is concluded.
    const batch = await w.c.city.json("/api/creation/batches", {
      method: "POST",
      body: {
        name: "2026年度通辽市第二批示范单位",
        year: 2026,
        level: "city",
        categories: ["village"],
        setId: w.setId,
        submitDeadline: "2026-04-30",
      },
    });
    await w.c.city.json(`/api/creation/batches/${batch.id}/open`, { method: "POST" });
    const second = await applyAndSubmit(w, w.c.village2, { batchId: batch.id, selfTotal: 99 });
    await driveToAccepted(w, second.id);
    await scoreByExperts(w, second.id, [99, 98, 97], [1]);
    const done = await w.c.city.json(`/api/creation/applications/${second.id}/finalize`, { method: "POST", body: {} });
    expect(done).toMatchObject({ status: "rejected", finalScore: 98, passed: false });
    expect(done.result.method).toBe("mean");
    expect(done.result.vetoFailed).toEqual([{ code: "5.2", title: "未发生涉及民族因素的群体性事件" }]);
    expect(done.result.note).toBe("一票否决项未通过：5.2「未发生涉及民族因素的群体性事件」");
    // Rejected is final: it cannot go on notice or be named.
    const notice = await w.c.city.req("/api/creation/notices", {
      method: "POST",
      body: { batchId: batch.id, title: "第二批公示", applicationIds: [second.id] },
    });
    expect(notice.statusCode).toBe(409);
    const named = await w.c.city.req("/api/creation/decisions", {
      method: "POST",
      body: { batchId: batch.id, docNumber: "通民委发〔2026〕9号", namedOn: "2026-03-09", applicationIds: [second.id] },
    });
    expect(named.statusCode, named.body).toBe(409);
    expect(named.json().error.message).toContain("不予命名");
    const units = (await h.app.inject({ url: "/api/public/creation/units" })).json();
    expect(units.items.map((u: { unitName: string }) => u.unitName)).not.toContain("哈图塔拉嘎查村民委员会");
    expect(entriesFor(97, { vetoNo: true }).find((e) => e.nodeCode === "5.2")).toEqual({
      nodeCode: "5.2",
      answer: "no",
    });
  });
});
