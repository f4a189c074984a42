import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginAdmin } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { creationWorld, driveToAccepted, entriesFor, PNG, uploadMaterial, type World } from "./creation.fixtures.js";

/**
 * 申报佐证材料 through the application: whoever may read the application (the unit, departments in scope, the
 * experts assigned to it) previews and downloads exactly the materials it references — its evidence, its
 * self-assessment's per-item evidence, its site visits' — and nothing else; downloads are audited.
 */
describe("creation: an application's evidence for its readers and its experts", () => {
  let h: TestApp;
  let w: World;
  let appId: string;
  /** The application's evidence, a self-assessment item's evidence, a site visit's, and one the unit never used. */
  const m = { evidence: "", selfItem: "", visit: "", unused: "" };
  const url = (material: string, mode: "preview" | "download" = "download", app = appId) =>
    `/api/creation/applications/${app}/evidence/${material}/${mode}`;

  beforeAll(async () => {
    h = await createTestApp();
    w = await creationWorld(h);
    const { c } = w;
    m.evidence = await uploadMaterial(c.village, "创建工作台账");
    m.selfItem = await uploadMaterial(c.village, "学习计划");
    m.unused = await uploadMaterial(c.village, "未引用的材料");
    const draft = await c.village.json("/api/creation/applications", {
      method: "POST",
      body: { batchId: w.batchId, category: "village", statement: "开展“石榴籽”主题教育。", evidenceIds: [m.evidence] },
    });
    appId = draft.id;
    const entries = entriesFor(96).map((e) => (e.nodeCode === "1.1" ? { ...e, evidenceIds: [m.selfItem] } : e));
    await c.village.json(`/api/score-sheets/${draft.selfSheet.id}`, { method: "PUT", body: { entries } });
    await c.village.json(`/api/score-sheets/${draft.selfSheet.id}/submit`, { method: "POST" });
    await c.village.json(`/api/creation/applications/${appId}/submit`, { method: "POST" });
    await driveToAccepted(w, appId);
    await c.city.json(`/api/creation/applications/${appId}/experts`, {
      method: "POST",
      body: { userIds: [w.experts[0].id, w.experts[1].id] },
    });
    m.visit = await uploadMaterial(c.city, "实地考察照片");
    await c.city.json(`/api/creation/applications/${appId}/site-visits`, {
      method: "POST",
      body: { visitedOn: "2026-03-10", members: "张三、李四", evidenceIds: [m.visit] },
    });
  });
  afterAll(() => h?.close());

  const downloads = async (material: string) =>
    (
      await h.deps.db.execute<{ category: string; actor_name: string; summary: string; org_id: string }>(
        sql`SELECT category, actor_name, summary, org_id FROM audit_log
            WHERE action = 'material.download' AND entity = 'material' AND entity_id = ${material} ORDER BY seq`,
      )
    ).rows;

  it("an assigned expert, without material:read, downloads and previews the evidence; the download is audited", async () => {
    const expert = w.c.experts[0];
    // The library itself stays closed to the expert.
    expect((await expert.req(`/api/materials/${m.evidence}/download`)).statusCode).toBe(403);
    const before = (await downloads(m.evidence)).length;
    const res = await expert.req(url(m.evidence));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toBe("image/png");
    expect(res.headers["content-disposition"]).toBe(
      `attachment; filename="file"; filename*=UTF-8''${encodeURIComponent("photo.png")}`,
    );
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.rawPayload.equals(Buffer.concat([PNG, Buffer.from("创建工作台账")]))).toBe(true);
    const audit = await downloads(m.evidence);
    expect(audit).toHaveLength(before + 1);
    expect(audit.at(-1)).toMatchObject({ category: "access", org_id: w.village.id });
    expect(audit.at(-1)?.summary).toBe("下载材料“创建工作台账”（“哈布哈嘎查村民委员会”申报的佐证材料）");
    expect(audit.at(-1)?.actor_name).toContain("expert1");

    const preview = await expert.req(url(m.evidence, "preview"));
    expect(preview.statusCode).toBe(200);
    expect(preview.headers["content-disposition"]).toMatch(/^inline; /);
    expect(preview.headers["content-security-policy"]).toContain("sandbox");
    expect(preview.headers["cache-control"]).toBe("no-store");
    // Previews are not downloads: no further audit entry.
    expect(await downloads(m.evidence)).toHaveLength(before + 1);
    // The self-assessment's per-item evidence and the site visit's are referenced too.
    expect((await expert.req(url(m.selfItem))).statusCode).toBe(200);
    expect((await expert.req(url(m.visit, "preview"))).statusCode).toBe(200);
  });

  it("an expert not assigned to it, or withdrawn from it, gets 404", async () => {
    const other = w.c.experts[2];
    for (const id of [m.evidence, m.selfItem, m.visit]) {
      for (const mode of ["preview", "download"] as const) {
        const res = await other.req(url(id, mode));
        expect(res.statusCode, `${mode} ${id}`).toBe(404);
        expect(res.json().error.message).toBe("申报不存在或无权访问");
      }
    }
    const second = w.c.experts[1];
    expect((await second.req(url(m.evidence))).statusCode).toBe(200);
    await w.c.city.json(`/api/creation/applications/${appId}/experts/${w.experts[1].id}/withdraw`, {
      method: "POST",
      body: { reason: "回避" },
    });
    expect((await second.req(url(m.evidence))).statusCode).toBe(404);
    expect((await second.req(url(m.evidence, "preview"))).statusCode).toBe(404);
  });

  it("a material the application does not reference is a 404, even for the applicant who owns it", async () => {
    // The unit can read it in its own library…
    expect((await w.c.village.req(`/api/materials/${m.unused}/download`)).statusCode).toBe(200);
    // …but not through the application, nor can the expert, nor anyone else.
    for (const c of [w.c.village, w.c.experts[0], w.c.city, w.c.houqi]) {
      for (const mode of ["preview", "download"] as const) {
        const res = await c.req(url(m.unused, mode));
        expect(res.statusCode).toBe(404);
        expect(res.json().error.message).toBe("材料不存在或无权访问");
      }
    }
    // Nor another application's material through this one, nor an id that is no material at all.
    const foreign = await uploadMaterial(w.c.village2, "别人的材料");
    expect((await w.c.experts[0].req(url(foreign))).statusCode).toBe(404);
    expect((await w.c.experts[0].req(url(w.village.id))).statusCode).toBe(404);
  });

  it("the applicant and the reviewing departments read it; another unit or banner gets 404", async () => {
    for (const c of [w.c.village, w.c.town, w.c.houqi, w.c.city]) {
      for (const id of [m.evidence, m.selfItem, m.visit]) {
        expect((await c.req(url(id))).statusCode, id).toBe(200);
        expect((await c.req(url(id, "preview"))).statusCode, id).toBe(200);
      }
    }
    for (const c of [w.c.village2, w.c.houqiUnit, w.c.zhongqiUnit, w.c.zhongqi]) {
      for (const mode of ["preview", "download"] as const) {
        const res = await c.req(url(m.evidence, mode));
        expect(res.statusCode).toBe(404);
        expect(res.json().error.message).toBe("申报不存在或无权访问");
      }
    }
    // The three admins hold no evaluation:read at all.
    const admin = await loginAdmin(h);
    expect((await admin.req(url(m.evidence))).statusCode).toBe(403);
  });

  it("a draft's evidence is its unit's alone: departments get 404 until it is submitted", async () => {
    const evidence = await uploadMaterial(w.c.village2, "草稿佐证");
    const draft = await w.c.village2.json("/api/creation/applications", {
      method: "POST",
      body: { batchId: w.batchId, category: "village", statement: "草稿", evidenceIds: [evidence] },
    });
    expect((await w.c.village2.req(url(evidence, "download", draft.id))).statusCode).toBe(200);
    for (const c of [w.c.town, w.c.houqi, w.c.city, w.c.experts[0], w.c.village])
      expect((await c.req(url(evidence, "download", draft.id))).statusCode).toBe(404);
  });

  it("malformed ids are a 400 naming the parameter", async () => {
    const res = await w.c.experts[0].req(url("1' OR '1'='1"));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0]).toMatchObject({ field: "evidenceId", label: "佐证材料" });
  });
});
