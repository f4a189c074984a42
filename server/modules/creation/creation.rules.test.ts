import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { officialCalendar } from "../../../contracts/dates.js";
import { createOrg, createUser, login, loginAdmin, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { APPLICATION_TRANSITIONS, assertStep } from "./application.service.js";
import { applyAndSubmit, CITY_BATCH, creationWorld, fillAndSubmit, type World } from "./creation.fixtures.js";
import { addMonths, noticeWindow, shanghaiDate, validUntilOf, weekdayCalendar } from "./dates.js";

describe("creation: calendar arithmetic", () => {
  it("counts a notice window in working days, in Beijing time, through the calendar it is given", () => {
    // Thursday 2026-03-05 + 5 working days → Wednesday 2026-03-11.
    expect(noticeWindow("2026-03-05", 5, weekdayCalendar)).toEqual({ startsOn: "2026-03-05", endsOn: "2026-03-11" });
    // Published on a Saturday: the window starts on Monday.
    expect(noticeWindow("2026-03-07", 5, weekdayCalendar)).toEqual({ startsOn: "2026-03-09", endsOn: "2026-03-13" });
    // A calendar that knows 清明节 (2026-04-06 Monday off).
    const qingming = officialCalendar([{ date: "2026-04-06", kind: "holiday", name: "清明节" }]);
    expect(noticeWindow("2026-04-03", 3, qingming)).toEqual({ startsOn: "2026-04-03", endsOn: "2026-04-08" });
    // 2026-03-01T17:00Z is already 2 March in Beijing.
    expect(shanghaiDate(new Date("2026-03-01T17:00:00Z"))).toBe("2026-03-02");
    expect(shanghaiDate(new Date("2026-03-01T15:59:59Z"))).toBe("2026-03-01");
  });

  it("validity and the six months before expiry", () => {
    expect(validUntilOf("2026-03-10", 5)).toBe("2031-03-09");
    expect(validUntilOf("2024-02-29", 5)).toBe("2029-02-27");
    expect(addMonths("2026-08-31", 6)).toBe("2027-02-28");
    expect(addMonths("2026-10-14", -6)).toBe("2026-04-14");
  });

  it("the application state machine allows only its transitions", () => {
    expect(() => assertStep("draft", "name")).toThrow("申报当前为“草稿”，不能命名（可命名的状态：公示中）");
    expect(() => assertStep("named", "withdraw")).toThrow(/不能撤回申报/);
    expect(() => assertStep("evaluating", "finalize", "named")).toThrow();
    expect(() => assertStep("publicized", "name")).not.toThrow();
    // Terminal states lead nowhere.
    for (const [step, tr] of Object.entries(APPLICATION_TRANSITIONS)) {
      for (const terminal of ["named", "rejected", "withdrawn"] as const) expect(tr.from, step).not.toContain(terminal);
    }
  });
});

describe("creation: rules through the API", () => {
  let h: TestApp;
  let w: World;

  beforeAll(async () => {
    h = await createTestApp();
    w = await creationWorld(h);
  });
  afterAll(() => h?.close());

  it("bad input gets a 400 naming the field in Chinese", async () => {
    const missing = await w.c.city.req("/api/creation/batches", {
      method: "POST",
      body: { ...CITY_BATCH, setId: w.setId, submitDeadline: undefined },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.fields).toEqual([
      expect.objectContaining({ field: "submitDeadline", label: "申报截止日期", message: "不能为空" }),
    ]);
    const order = await w.c.city.req("/api/creation/batches", {
      method: "POST",
      body: { ...CITY_BATCH, setId: w.setId, reviewDeadline: "2026-04-01" },
    });
    expect(order.json().error.details.fields[0]).toMatchObject({ field: "reviewDeadline", label: "推荐截止日期" });
    const level = await w.c.houqi.req("/api/creation/batches", {
      method: "POST",
      body: { ...CITY_BATCH, setId: w.setId },
    });
    expect(level.statusCode).toBe(400);
    expect(level.json().error.message).toContain("盟市级批次应由盟市民族工作部门组织");
    const category = await w.c.city.req("/api/creation/batches", {
      method: "POST",
      body: { ...CITY_BATCH, setId: w.setId, categories: ["village", "spaceship"] },
    });
    expect(category.json().error.details.fields[0]).toMatchObject({ field: "categories" });
    // The set is for 嘎查村 only: a 学校 batch cannot use it.
    const set = await w.c.city.req("/api/creation/batches", {
      method: "POST",
      body: { ...CITY_BATCH, setId: w.setId, categories: ["school"] },
    });
    expect(set.json().error.details.fields[0].field).toBe("setId");
    expect(set.json().error.message).toContain("不适用于类别 school");
    const app = await w.c.village.req("/api/creation/applications", {
      method: "POST",
      body: { batchId: w.batchId, category: "school" },
    });
    expect(app.json().error.details.fields[0]).toMatchObject({ field: "category", label: "类别" });
    const date = await w.c.city.req("/api/creation/decisions", {
      method: "POST",
      body: { batchId: w.batchId, docNumber: "x", namedOn: "2026/03/09", applicationIds: [w.batchId] },
    });
    expect(date.json().error.details.fields[0]).toMatchObject({ field: "namedOn", label: "命名日期" });
    const region = await w.c.city.req("/api/creation/targets", {
      method: "POST",
      body: { regionCode: "15052", level: "city", year: 2026, targetCount: 3 },
    });
    expect(region.json().error.details.fields[0].field).toBe("regionCode");
    const outside = await w.c.city.req("/api/creation/targets", {
      method: "POST",
      body: { regionCode: "1504", level: "city", year: 2026, targetCount: 3 },
    });
    expect(outside.statusCode).toBe(403);
  });

  it("illegal transitions are refused with a clear Chinese error and change nothing", async () => {
    const again = await w.c.city.req(`/api/creation/batches/${w.batchId}/open`, { method: "POST" });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: "ILLEGAL_TRANSITION" });
    expect(again.json().error.message).toBe(
      "申报批次当前为“申报中”，不能开始（恢复）申报（可开始（恢复）申报的状态：筹备中、申报已截止）",
    );
    const app = await applyAndSubmit(w, w.c.village);
    const before = await h.deps.db.execute(sql`SELECT * FROM creation_applications WHERE id = ${app.id}`);
    for (const [path, body] of [
      ["finalize", {}],
      ["experts", { userIds: [w.experts[0].id] }],
      ["reject", { reason: "不符合条件" }],
    ] as const) {
      const res = await w.c.city.req(`/api/creation/applications/${app.id}/${path}`, { method: "POST", body });
      expect(res.statusCode, path).toBe(409);
      expect(res.json().error.message).toMatch(/^申报当前为“逐级推荐中”，不能/);
    }
    const edit = await w.c.village.req(`/api/creation/applications/${app.id}`, {
      method: "PATCH",
      body: { statement: "改" },
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.message).toContain("不能修改申报");
    expect((await h.deps.db.execute(sql`SELECT * FROM creation_applications WHERE id = ${app.id}`)).rows).toEqual(
      before.rows,
    );
    await w.c.village.json(`/api/creation/applications/${app.id}/withdraw`, {
      method: "POST",
      body: { reason: "材料准备不足" },
    });
    const dead = await w.c.town.req(`/api/creation/applications/${app.id}/recommend`, { method: "POST", body: {} });
    expect(dead.statusCode).toBe(409);
    const resubmit = await w.c.village.req(`/api/creation/applications/${app.id}/submit`, { method: "POST" });
    expect(resubmit.json().error.message).toContain("申报当前为“已撤回”");
    // One application per unit and batch.
    const dup = await w.c.village.req("/api/creation/applications", {
      method: "POST",
      body: { batchId: w.batchId, category: "village" },
    });
    expect(dup.statusCode).toBe(409);
  });

  it("a level without a 民族工作部门 is skipped, and the skip is recorded", async () => {
    const org = await createOrg(w.f.admin, "包牤牛嘎查村民委员会", "150522101201", { type: "village_org" });
    await createUser(h, w.f.admin, "chagan_unit", org.id, ["unit_user"]);
    const unit = await login(h, "chagan_unit", USER_PASSWORD);
    const app = await applyAndSubmit(w, unit);
    expect(app.chain.map((l: { regionCode: string }) => l.regionCode)).toEqual(["150522", "1505"]);
    expect(app.reviewLevelCode).toBe("150522");
    const skip = app.events.find((e: { action: string }) => e.action === "skip_level");
    expect(skip).toMatchObject({
      levelCode: "150522101",
      note: "苏木乡镇（街道）吉尔嘎朗镇没有民族工作部门，跳过该级推荐",
    });
  });

  it("the cultivation pool follows its unit into the application", async () => {
    const candidate = await w.c.city.json("/api/creation/candidates", {
      method: "POST",
      body: {
        orgId: w.village2.id,
        category: "village",
        targetLevel: "city",
        mentorOrgId: w.townDept.id,
        note: "重点培育",
      },
    });
    expect(candidate).toMatchObject({ status: "cultivating", mentorOrgName: "甘旗卡镇民族宗教事务办公室" });
    const dup = await w.c.city.req("/api/creation/candidates", {
      method: "POST",
      body: { orgId: w.village2.id, category: "village", targetLevel: "city" },
    });
    expect(dup.statusCode).toBe(409);
    const app = await w.c.village2.json("/api/creation/applications", {
      method: "POST",
      body: { batchId: w.batchId, category: "village" },
    });
    expect((await w.c.city.json(`/api/creation/candidates/${candidate.id}`)).status).toBe("applied");
    await w.c.village2.json(`/api/creation/applications/${app.id}`, { method: "DELETE" });
    expect((await w.c.city.json(`/api/creation/candidates/${candidate.id}`)).status).toBe("cultivating");
    const removed = await w.c.city.json(`/api/creation/candidates/${candidate.id}`, {
      method: "PATCH",
      body: { status: "removed" },
    });
    expect(removed.status).toBe("removed");
    expect((await w.c.city.json("/api/creation/candidates")).total).toBe(0);
  });

  it("a draft is deleted (删除草稿) by its own unit only, and only while it is a draft", async () => {
    const draft = await w.c.village2.json("/api/creation/applications", {
      method: "POST",
      body: { batchId: w.batchId, category: "village", statement: "草稿" },
    });
    expect(draft.can).toMatchObject({ delete: true, withdraw: false, submit: true });
    const withdraw = await w.c.village2.req(`/api/creation/applications/${draft.id}/withdraw`, {
      method: "POST",
      body: { reason: "不报了" },
    });
    expect(withdraw.statusCode).toBe(409);
    // The town's other 嘎查 and the town government's unit: the draft is not theirs to see.
    for (const other of [w.c.village, w.c.houqiUnit]) {
      const res = await other.req(`/api/creation/applications/${draft.id}`, { method: "DELETE" });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe("NOT_FOUND");
    }
    // A department holds no creation:apply.
    const dept = await w.c.city.req(`/api/creation/applications/${draft.id}`, { method: "DELETE" });
    expect(dept.statusCode).toBe(403);
    expect((await w.c.village2.json(`/api/creation/applications/${draft.id}`)).status).toBe("draft");

    expect(await w.c.village2.json(`/api/creation/applications/${draft.id}`, { method: "DELETE" })).toEqual({
      ok: true,
    });
    expect((await w.c.village2.req(`/api/creation/applications/${draft.id}`)).statusCode).toBe(404);
    expect((await w.c.village2.req(`/api/score-sheets/${draft.selfSheet.id}`)).statusCode).toBe(404);
    const gone = await h.deps.db.execute<{ n: number }>(
      sql`SELECT (SELECT count(*) FROM creation_applications WHERE id = ${draft.id})
        + (SELECT count(*) FROM creation_application_events WHERE application_id = ${draft.id})
        + (SELECT count(*) FROM score_sheets WHERE subject_id = ${draft.id}) AS n`,
    );
    expect(Number(gone.rows[0].n)).toBe(0);
    const audit = await h.deps.db.execute<{ summary: string }>(
      sql`SELECT summary FROM audit_log WHERE action = 'creation_application.delete' AND entity_id = ${draft.id}`,
    );
    expect(audit.rows.map((r) => r.summary)).toEqual([
      "“哈图塔拉嘎查村民委员会”删除申报草稿：2026年度通辽市民族团结进步示范单位申报",
    ]);

    // The unit may apply again; once submitted, the application is withdrawn, not deleted.
    const submitted = await applyAndSubmit(w, w.c.village2);
    expect(submitted.can).toMatchObject({ delete: false, withdraw: true });
    const late = await w.c.village2.req(`/api/creation/applications/${submitted.id}`, { method: "DELETE" });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toBe("申报当前为“逐级推荐中”，不能删除草稿（可删除草稿的状态：草稿）");
    expect((await w.c.village2.json(`/api/creation/applications/${submitted.id}`)).status).toBe("reviewing");
  });

  it("a batch's 操作记录: its organiser and the units it is open to read it; a draft's is hidden from units", async () => {
    const batch = await w.c.city.json("/api/creation/batches", {
      method: "POST",
      body: { ...CITY_BATCH, name: "操作记录测试批次", setId: w.setId },
    });
    expect((await w.c.village.req(`/api/creation/batches/${batch.id}/history`)).statusCode).toBe(404);
    await w.c.city.json(`/api/creation/batches/${batch.id}/open`, { method: "POST" });
    await w.c.city.json(`/api/creation/batches/${batch.id}`, { method: "PATCH", body: { quota: 12 } });
    const history = await w.c.city.json(`/api/creation/batches/${batch.id}/history`);
    expect(history.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(["creation_batch.create", "creation_batch.update"]),
    );
    expect(history.items.every((e: { entityId: string }) => e.entityId === batch.id)).toBe(true);
    const seen = await w.c.village.json(`/api/creation/batches/${batch.id}/history`);
    expect(seen.total).toBe(history.total);
  });

  it("the lower title is a prerequisite where the batch says so; the deadline closes submission", async () => {
    const batch = await w.c.city.json("/api/creation/batches", {
      method: "POST",
      body: { ...CITY_BATCH, name: "须先获得旗县级命名的批次", setId: w.setId, prerequisiteLevel: "county", quota: 1 },
    });
    await w.c.city.json(`/api/creation/batches/${batch.id}/open`, { method: "POST" });
    const locked = await w.c.city.req(`/api/creation/batches/${batch.id}`, {
      method: "PATCH",
      body: { level: "county" },
    });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.message).toContain("不能再修改：level");
    const app = await w.c.houqiUnit.json("/api/creation/applications", {
      method: "POST",
      body: { batchId: batch.id, category: "village" },
    });
    await fillAndSubmit(w.c.houqiUnit, app.selfSheet.id, 95);
    const refused = await w.c.houqiUnit.req(`/api/creation/applications/${app.id}/submit`, { method: "POST" });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe("申报本批次须先获得有效的旗县级命名（同一类别）");
    await w.travel("2026-05-01T02:00:00Z");
    const late = await w.c.houqiUnit.req(`/api/creation/applications/${app.id}/submit`, { method: "POST" });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toBe("已过申报截止日期（2026-04-30）");
    const todos = await w.c.city.json("/api/creation/todos");
    expect(todos.items.every((i: { kind: string }) => i.kind !== "batch_deadline")).toBe(true);
  });

  it("参数设置 → 示范创建: the application-deadline reminder starts as many days ahead as set", async () => {
    await w.travel("2026-06-01T02:00:00Z");
    const batch = await w.c.city.json("/api/creation/batches", {
      method: "POST",
      body: {
        ...CITY_BATCH,
        name: "截止提醒测试批次",
        setId: w.setId,
        submitDeadline: "2026-06-11",
        reviewDeadline: "2026-07-15",
        evaluationDeadline: "2026-08-15",
        namingDeadline: "2026-10-30",
      },
    });
    await w.c.city.json(`/api/creation/batches/${batch.id}/open`, { method: "POST" });
    const reminded = async () =>
      (await w.c.city.json("/api/creation/todos")).items.some(
        (i: { kind: string; entityId: string }) => i.kind === "batch_deadline" && i.entityId === batch.id,
      );
    expect(await reminded()).toBe(false); // ten days ahead, the default lead is seven
    const admin = await loginAdmin(w.h);
    const set = (deadlineLeadDays: unknown) =>
      admin.req("/api/system/settings/creation", { method: "PUT", body: { deadlineLeadDays } });
    expect((await set(0)).json().error.message).toContain("应为 1–60 的整数");
    expect(await reminded()).toBe(false);
    expect((await set(14)).statusCode).toBe(200);
    expect(await reminded()).toBe(true);
    expect((await set(7)).statusCode).toBe(200);
  });
});
