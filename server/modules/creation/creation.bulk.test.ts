import { randomUUID } from "node:crypto";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UNSEEN_NAME } from "../../core/bulk.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { auditLog } from "../audit/audit.schema.js";
import { applyAndSubmit, creationWorld, driveToAccepted, type World } from "./creation.fixtures.js";

/**
 * 批量推荐/退回 (issue 19 §5): each selected application is acted on by itself, with the checks, status change
 * and audit entry it has alone; the answer names every one and why those not done were refused.
 */
describe("bulk actions on applications", () => {
  let h: TestApp;
  let w: World;
  let ours: { id: string }[];
  let theirs: { id: string };

  beforeAll(async () => {
    h = await createTestApp();
    w = await creationWorld(h);
    ours = [await applyAndSubmit(w, w.c.village), await applyAndSubmit(w, w.c.village2)];
    theirs = await applyAndSubmit(w, w.c.zhongqiUnit);
  });
  afterAll(() => h?.close());

  it("the town recommends its two, and is told why the other banner's and an unknown one were not", async () => {
    const ghost = randomUUID();
    const r = await w.c.town.json("/api/creation/applications/bulk/recommend", {
      method: "POST",
      body: { ids: [ours[0].id, ours[1].id, theirs.id, ghost, ours[0].id], opinion: "同意推荐" },
    });
    expect(r.total).toBe(4); // the repeated id counts once
    expect(r.succeeded.map((s: { name: string }) => s.name).sort()).toEqual([
      "哈图塔拉嘎查村民委员会",
      "哈布哈嘎查村民委员会",
    ]);
    expect(r.failed).toHaveLength(2);
    for (const f of r.failed) {
      expect(f.name).toBe(UNSEEN_NAME); // never the other banner's name, nor whether it exists
      expect(f.reason).toMatch(/不存在或无权访问|无权/);
    }
    for (const a of ours) {
      const d = await w.c.town.json(`/api/creation/applications/${a.id}`);
      expect(d.reviewLevelName).toContain("科尔沁左翼后旗");
    }
    // One audit entry per application moved, as when each is recommended alone; none for the refused.
    const entries = await h.deps.db
      .select({ entityId: auditLog.entityId, action: auditLog.action })
      .from(auditLog)
      .where(inArray(auditLog.entityId, [ours[0].id, ours[1].id, theirs.id, ghost]));
    const recommends = entries.filter((e) => e.action.includes("recommend"));
    expect(new Set(recommends.map((e) => e.entityId))).toEqual(new Set([ours[0].id, ours[1].id]));
  });

  it("acting again on the same selection refuses each with its status, and changes nothing", async () => {
    const r = await w.c.town.json("/api/creation/applications/bulk/recommend", {
      method: "POST",
      body: { ids: ours.map((a) => a.id) },
    });
    expect(r.succeeded).toEqual([]);
    expect(r.failed.map((f: { name: string }) => f.name).sort()).toEqual([
      "哈图塔拉嘎查村民委员会",
      "哈布哈嘎查村民委员会",
    ]);
    for (const f of r.failed) expect(f.reason.length).toBeGreaterThan(4);
  });

  it("the 旗 returns one with a reason, and a return without a reason is a 400 naming it", async () => {
    const bad = await w.c.houqi.req("/api/creation/applications/bulk/return", {
      method: "POST",
      body: { ids: [ours[0].id] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("reason");
    const r = await w.c.houqi.json("/api/creation/applications/bulk/return", {
      method: "POST",
      body: { ids: [ours[0].id], reason: "台账缺少2025年下半年的活动记录" },
    });
    expect(r.succeeded).toHaveLength(1);
    expect((await w.c.village.json(`/api/creation/applications/${ours[0].id}`)).status).toBe("returned");
  });

  it("an empty selection or more than 200 is refused naming 选择", async () => {
    const empty = await w.c.town.req("/api/creation/applications/bulk/recommend", {
      method: "POST",
      body: { ids: [] },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toContain("请至少选择一项");
    const many = Array.from({ length: 201 }, () => randomUUID());
    const tooMany = await w.c.town.req("/api/creation/applications/bulk/recommend", {
      method: "POST",
      body: { ids: many },
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.message).toContain("200");
  });

  it("导出所选: the export given ids has those rows only, never another banner's; bad ids are a 400 naming ids", async () => {
    const ids = [ours[0].id, theirs.id, ours[1].id].join(",");
    const res = await w.c.houqi.req(`/api/creation/applications/export?ids=${ids}`);
    expect(res.statusCode).toBe(200);
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const units: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 1) units.push(String(row.getCell(4).value));
    });
    expect(units.sort()).toEqual(["哈图塔拉嘎查村民委员会", "哈布哈嘎查村民委员会"]);
    const bad = await w.c.houqi.req("/api/creation/applications/export?ids=abc");
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain("ids");
    const many = Array.from({ length: 201 }, () => randomUUID()).join(",");
    expect((await w.c.houqi.req(`/api/creation/applications/export?ids=${many}`)).statusCode).toBe(400);
  });

  it("分配测评专家 to many: each accepted application gets the panel; one still in review is refused with its status", async () => {
    // ours[1] waits at the 旗 (the town recommended it); another unit's new one goes up from the town
    const a = ours[1];
    await w.c.houqi.json(`/api/creation/applications/${a.id}/recommend`, { method: "POST", body: {} });
    await w.c.city.json(`/api/creation/applications/${a.id}/accept`, { method: "POST", body: {} });
    const b = await applyAndSubmit(w, w.c.houqiUnit);
    await driveToAccepted(w, b.id);
    const userIds = w.experts.slice(0, 3).map((e) => e.id);
    const r = await w.c.city.json("/api/creation/applications/bulk/assign-experts", {
      method: "POST",
      body: { ids: [a.id, b.id, theirs.id], userIds },
    });
    expect(r.succeeded.map((x: { id: string }) => x.id).sort()).toEqual([a.id, b.id].sort());
    expect(r.failed.map((x: { id: string }) => x.id)).toEqual([theirs.id]);
    for (const id of [a.id, b.id]) {
      const d = await w.c.city.json(`/api/creation/applications/${id}`);
      expect(d.status).toBe("evaluating");
      expect(d.experts.filter((e: { status: string }) => e.status === "active")).toHaveLength(3);
    }
    // the town may manage evaluations of its own batches only: each is refused with the reason, nothing changes
    const town = await w.c.town.json("/api/creation/applications/bulk/assign-experts", {
      method: "POST",
      body: { ids: [a.id], userIds: w.experts.slice(3, 4).map((e) => e.id) },
    });
    expect([town.succeeded.length, town.failed.length]).toEqual([0, 1]);
    const after = await w.c.city.json(`/api/creation/applications/${a.id}`);
    expect(after.experts.filter((e: { status: string }) => e.status === "active")).toHaveLength(3);
    const noExperts = await w.c.city.req("/api/creation/applications/bulk/assign-experts", {
      method: "POST",
      body: { ids: [a.id], userIds: [] },
    });
    expect([noExperts.statusCode, JSON.stringify(noExperts.json())]).toEqual([400, expect.stringContaining("userIds")]);
  });

  it("a unit without the review permission gets 403", async () => {
    const res = await w.c.village.req("/api/creation/applications/bulk/recommend", {
      method: "POST",
      body: { ids: [ours[1].id] },
    });
    expect(res.statusCode).toBe(403);
  });
});
