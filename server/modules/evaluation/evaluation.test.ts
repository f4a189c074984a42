import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, createUser, login, twoBanners, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { loadActorForUser } from "../identity/index.js";
import { VILLAGE_SET } from "./evaluation.fixtures.js";
import { createSheet } from "./evaluation.service.js";
import { importIndicatorXlsx } from "./indicator-xlsx.js";
import { leavesOf, validateIndicatorTree } from "./scoring.js";

describe("evaluation: indicator sets and score sheets", () => {
  let h: TestApp;
  let f: Awaited<ReturnType<typeof twoBanners>>;
  let houqi: Client;
  let zhongqi: Client;
  let setId: string;

  beforeAll(async () => {
    h = await createTestApp();
    f = await twoBanners(h);
    houqi = await login(h, "houqi_admin", USER_PASSWORD);
    zhongqi = await login(h, "zhongqi_admin", USER_PASSWORD);
  });
  afterAll(() => h?.close());

  it("creates a draft set; a wrong total is refused naming the problem", async () => {
    const bad = await houqi.req("/api/indicator-sets", { method: "POST", body: { ...VILLAGE_SET, total: 120 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain("指标体系有");
    const set = await houqi.json("/api/indicator-sets", { method: "POST", body: VILLAGE_SET });
    expect(set).toMatchObject({ status: "draft", version: 1, total: 100, passLine: 90, leafCount: 7, vetoCount: 1 });
    expect(set.nodes[0].children[0]).toMatchObject({ code: "1.1", level: 2, method: "score", maxScore: 20 });
    setId = set.id;
  });

  it("drafts are visible to their department's scope only; published sets to everyone", async () => {
    expect((await zhongqi.req(`/api/indicator-sets/${setId}`)).statusCode).toBe(404);
    expect((await zhongqi.req(`/api/indicator-sets/${setId}`, { method: "PUT", body: VILLAGE_SET })).statusCode).toBe(
      404,
    );
    expect((await zhongqi.req(`/api/indicator-sets/${setId}/publish`, { method: "POST" })).statusCode).toBe(404);
    await houqi.json(`/api/indicator-sets/${setId}`, {
      method: "PUT",
      body: { ...VILLAGE_SET, name: "嘎查村（社区）测评指标" },
    });
    const published = await houqi.json(`/api/indicator-sets/${setId}/publish`, { method: "POST" });
    expect(published.status).toBe("published");
    expect((await zhongqi.json(`/api/indicator-sets/${setId}`)).name).toBe("嘎查村（社区）测评指标");
    expect((await zhongqi.req(`/api/indicator-sets/${setId}`, { method: "PUT", body: VILLAGE_SET })).statusCode).toBe(
      404,
    );
  });

  it("a published set is immutable; copying makes version 2 as a draft", async () => {
    const res = await houqi.req(`/api/indicator-sets/${setId}`, { method: "PUT", body: VILLAGE_SET });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain("已发布");
    const copy = await houqi.json(`/api/indicator-sets/${setId}/copy`, {
      method: "POST",
      body: { versionLabel: "2027版" },
    });
    expect(copy).toMatchObject({ status: "draft", version: 2, versionLabel: "2027版" });
    expect(copy.familyId).toBe((await houqi.json(`/api/indicator-sets/${setId}`)).familyId);
    const history = await houqi.json(`/api/indicator-sets/${setId}/history`);
    expect(history.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(["indicator_set.create", "indicator_set.update", "indicator_set.publish"]),
    );
  });

  it("exports to .xlsx and imports it back as the same tree", async () => {
    const xlsx = await houqi.req(`/api/indicator-sets/${setId}/export`);
    expect(xlsx.statusCode).toBe(200);
    const boundary = "----eval";
    const fields = { name: "导入的指标体系", versionLabel: "导入版", total: "100", passLine: "90", levels: "county" };
    const parts = [
      ...Object.entries(fields).map(([k, v]) =>
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
      ),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="set.xlsx"\r\n\r\n`),
      xlsx.rawPayload,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ];
    const imported = await houqi.json("/api/indicator-sets/import", {
      method: "POST",
      payload: Buffer.concat(parts),
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    });
    const original = await houqi.json(`/api/indicator-sets/${setId}`);
    // The sheet shows a parent's subtotal as its 分值, so an imported parent carries it as its declared max.
    type N = { maxScore: number | null; children: N[] };
    const leavesOnly = (nodes: N[]): N[] =>
      nodes.map((n) => ({ ...n, maxScore: n.children.length ? null : n.maxScore, children: leavesOnly(n.children) }));
    expect(leavesOnly(imported.nodes)).toEqual(leavesOnly(original.nodes));
    expect(imported.nodes[0].maxScore).toBe(30);
  });

  it("the import template is a worked 100-point example that imports as it is", async () => {
    const template = await houqi.req("/api/indicator-sets/import-template");
    expect(template.statusCode).toBe(200);
    expect(template.headers["content-disposition"]).toContain(encodeURIComponent("指标体系导入模板"));
    const read = await importIndicatorXlsx(template.rawPayload);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(validateIndicatorTree({ total: 100, passLine: 90, nodes: read.nodes })).toEqual([]);
    expect(leavesOf(read.nodes).some((l) => l.veto)).toBe(true);
    expect((await zhongqi.req("/api/indicator-sets/import-template")).statusCode).toBe(200);
  });

  it("sheets: the filler saves and submits; experts never see each other's; reviewers return with a reason", async () => {
    const admin = f.admin;
    const expertA = await createUser(h, admin, "expert_a", f.houqiDept.id, ["evaluator"]);
    const expertB = await createUser(h, admin, "expert_b", f.houqiDept.id, ["evaluator"]);
    const actor = (await loadActorForUser(h.deps.db, f.houqiAdmin.id))!;
    const ctx = { ...h.deps, actor };
    const subjectId = "00000000-0000-4000-8000-000000000001";
    const [sheetA, sheetB, selfSheet] = await h.deps.db.transaction(async (tx) => [
      await createSheet(tx, ctx, {
        setId,
        kind: "expert",
        subjectType: "test",
        subjectId,
        ownerUserId: expertA.id,
        ownerOrgId: f.houqiTown.id,
        regionCode: "150522100",
      }),
      await createSheet(tx, ctx, {
        setId,
        kind: "expert",
        subjectType: "test",
        subjectId,
        ownerUserId: expertB.id,
        ownerOrgId: f.houqiTown.id,
        regionCode: "150522100",
      }),
      await createSheet(tx, ctx, {
        setId,
        kind: "self",
        subjectType: "test",
        subjectId,
        ownerOrgId: f.houqiTown.id,
        regionCode: "150522100",
      }),
    ]);
    const a = await login(h, "expert_a", USER_PASSWORD);
    const b = await login(h, "expert_b", USER_PASSWORD);
    expect((await b.req(`/api/score-sheets/${sheetA}`)).statusCode).toBe(404);
    expect((await a.req(`/api/score-sheets/${sheetB}`, { method: "PUT", body: { entries: [] } })).statusCode).toBe(404);
    const over = await a.req(`/api/score-sheets/${sheetA}`, {
      method: "PUT",
      body: { entries: [{ nodeCode: "1.1", score: 25 }] },
    });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.message).toContain("1.1");
    const entries = [
      { nodeCode: "1.1", score: 19.5 },
      { nodeCode: "1.2", grade: "B" },
      { nodeCode: "2.1", score: 18 },
      { nodeCode: "3.1", answer: "yes" },
      { nodeCode: "4.1", score: 20 },
      { nodeCode: "5.1", score: 14 },
    ];
    const partial = await a.json(`/api/score-sheets/${sheetA}`, { method: "PUT", body: { entries } });
    expect(partial).toMatchObject({ total: 94.5, missing: ["5.2"], status: "draft" });
    const incomplete = await a.req(`/api/score-sheets/${sheetA}/submit`, { method: "POST" });
    expect(incomplete.json().error.message).toContain("5.2");
    await a.json(`/api/score-sheets/${sheetA}`, {
      method: "PUT",
      body: { entries: [...entries, { nodeCode: "5.2", answer: "no" }] },
    });
    const submitted = await a.json(`/api/score-sheets/${sheetA}/submit`, { method: "POST" });
    expect(submitted).toMatchObject({ status: "submitted", total: 94.5, vetoFailed: ["5.2"], passed: false });
    expect((await a.req(`/api/score-sheets/${sheetA}`, { method: "PUT", body: { entries } })).statusCode).toBe(409);
    // The banner's reviewer reads and returns it; the other banner cannot.
    expect(
      (await zhongqi.req(`/api/score-sheets/${sheetA}/return`, { method: "POST", body: { reason: "越界" } }))
        .statusCode,
    ).toBe(404);
    const noReason = await houqi.req(`/api/score-sheets/${sheetA}/return`, { method: "POST", body: { reason: "" } });
    expect(noReason.json().error.details.fields[0].field).toBe("reason");
    const returned = await houqi.json(`/api/score-sheets/${sheetA}/return`, {
      method: "POST",
      body: { reason: "第5.2项请核实后重新评分" },
    });
    expect(returned).toMatchObject({ status: "returned", returnedReason: "第5.2项请核实后重新评分" });
    await a.json(`/api/score-sheets/${sheetA}`, {
      method: "PUT",
      body: { entries: [...entries, { nodeCode: "5.2", answer: "yes" }] },
    });
    expect(await a.json(`/api/score-sheets/${sheetA}/submit`, { method: "POST" })).toMatchObject({
      total: 94.5,
      passed: true,
      vetoFailed: [],
    });
    // The applicant unit fills its self-assessment; an expert of another unit cannot.
    const unit = await login(h, "houqi_unit", USER_PASSWORD);
    expect((await unit.json(`/api/score-sheets/${selfSheet}`)).kind).toBe("self");
    expect((await a.req(`/api/score-sheets/${selfSheet}`)).statusCode).toBe(404);
  });
});
