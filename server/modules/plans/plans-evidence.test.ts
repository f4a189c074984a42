import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlanView } from "../../../contracts/plans.js";
import { type Client, createOrg, createUser, login, twoBanners, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { multipart } from "./plans.fixtures.js";

/** A distinct PDF per material, so the library does not take one for a duplicate of another. */
const pdfOf = (title: string) => Buffer.from(`%PDF-1.4\n% ${title}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);

/**
 * 佐证材料 opened through the plan (/api/plans/:id/evidence/:evidenceId/…): the lead unit of a task opens its
 * co-units' evidence, which the material library (scope 本单位) would refuse; nobody else gets more than they see.
 */
describe("plans: evidence of reports and rectifications", () => {
  let h: TestApp;
  let f: Awaited<ReturnType<typeof twoBanners>>;
  let admin: Client; // 后旗民委: issuing department
  let unitX: Client; // 甘旗卡镇人民政府: lead of t1
  let unitY: Client; // 党群工作部: co-unit of t1
  let other: Client; // 保康镇人民政府 (中旗): no part in the plan
  let plan: PlanView;
  const ids: Record<string, string> = {};
  const m: Record<string, string> = {};

  const url = (material: string, mode = "download", planId = plan.id) =>
    `/api/plans/${planId}/evidence/${material}/${mode}`;
  const downloads = async (material: string) =>
    (
      await h.deps.db.execute<{ category: string; actor_name: string; summary: string }>(
        sql`SELECT category, actor_name, summary FROM audit_log
            WHERE action = 'material.download' AND entity = 'material' AND entity_id = ${material} ORDER BY seq`,
      )
    ).rows;
  async function upload(c: Client, title: string) {
    const res = await c.req("/api/materials", {
      method: "POST",
      ...multipart([
        { name: "title", value: title },
        { name: "file", file: { name: `${title}.pdf`, content: pdfOf(title) } },
      ]),
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().id as string;
  }

  beforeAll(async () => {
    h = await createTestApp();
    f = await twoBanners(h);
    const orgY = await createOrg(f.admin, "党群工作部", "150522");
    await createUser(h, f.admin, "houqi_dq", orgY.id, ["unit_user"]);
    await createUser(h, f.admin, "zhongqi_unit", f.zhongqiTown.id, ["unit_user"]);
    h.clock.set("2026-03-02T01:00:00Z");
    admin = await login(h, "houqi_admin", USER_PASSWORD);
    unitX = await login(h, "houqi_unit", USER_PASSWORD);
    unitY = await login(h, "houqi_dq", USER_PASSWORD);
    other = await login(h, "zhongqi_unit", USER_PASSWORD);
    const created = await admin.json<PlanView>("/api/plans", {
      method: "POST",
      body: { title: "民族团结进步创建三年行动方案", periodStart: 2026, periodEnd: 2027, cycle: "quarterly" },
    });
    const add = async (key: string, body: Record<string, unknown>) => {
      const r = await admin.json(`/api/plans/${created.id}/nodes`, { method: "POST", body });
      ids[key] = r.nodeId;
    };
    await add("c1", { kind: "chapter", number: "第一章", title: "加强宣传教育" });
    await add("t1", {
      parentNodeId: ids.c1,
      kind: "task",
      number: "1.",
      title: "开展宣传月活动",
      orgIds: [f.houqiTown.id, orgY.id],
      leadOrgId: f.houqiTown.id,
    });
    plan = await admin.json(`/api/plans/${created.id}`, { method: "PATCH", body: { status: "active" } });

    m.x = await upload(unitX, "宣传月活动照片");
    m.y = await upload(unitY, "党群部活动台账");
    m.unused = await upload(unitY, "未引用的材料");
    m.rect = await upload(unitX, "整改台账");
    const report = (c: Client, percent: number, evidenceIds: string[]) =>
      c.json(`/api/plans/${plan.id}/nodes/${ids.t1}/reports`, {
        method: "POST",
        body: { period: "2026Q1", status: "in_progress", percent, narrative: "按计划推进", evidenceIds },
      });
    await report(unitX, 40, [m.x]);
    await report(unitY, 20, [m.y]);
    const insp = await admin.json(`/api/plans/${plan.id}/inspections`, {
      method: "POST",
      body: {
        title: "2026年第一季度督查",
        inspectedOn: "2026-03-10",
        findings: [{ finding: "宣传月活动台账不完整", ownerOrgId: f.houqiTown.id, deadline: "2026-04-30" }],
      },
    });
    await unitX.json(`/api/plans/${plan.id}/rectifications/${insp.rectifications[0].id}/close`, {
      method: "POST",
      body: { note: "已补齐活动台账", evidenceIds: [m.rect] },
    });
  });
  afterAll(() => h?.close());

  it("the lead unit downloads and previews a co-unit's evidence through the plan; the download is audited", async () => {
    // The library itself keeps the co-unit's material out of the lead's scope.
    expect((await unitX.req(`/api/materials/${m.y}/download`)).statusCode).toBe(404);
    const before = (await downloads(m.y)).length;
    const res = await unitX.req(url(m.y));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-disposition"]).toContain("attachment");
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.rawPayload.equals(pdfOf("党群部活动台账"))).toBe(true);
    const after = await downloads(m.y);
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({ category: "access" });
    expect(after.at(-1)?.summary).toContain("民族团结进步创建三年行动方案");
    const preview = await unitX.req(url(m.y, "preview"));
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.headers["content-disposition"]).toContain("inline");
    expect(await downloads(m.y)).toHaveLength(before + 1);
    // Its own evidence too.
    expect((await unitX.req(url(m.x))).statusCode).toBe(200);
  });

  it("a co-unit does not open the lead's evidence: it does not see the lead's report", async () => {
    expect((await unitY.req(url(m.x))).statusCode).toBe(404);
    expect((await unitY.req(url(m.x, "preview"))).statusCode).toBe(404);
    expect((await unitY.req(url(m.y))).statusCode).toBe(200);
    // Nor the rectification the lead owns.
    expect((await unitY.req(url(m.rect))).statusCode).toBe(404);
  });

  it("another banner's unit, an unreferenced material and a wrong plan are 404", async () => {
    expect((await other.req(url(m.y))).statusCode).toBe(404);
    expect((await other.req(url(m.x))).statusCode).toBe(404);
    expect((await unitX.req(url(m.unused))).statusCode).toBe(404);
    expect((await admin.req(url(m.unused))).statusCode).toBe(404);
    expect((await unitX.req(url(m.y, "download", "00000000-0000-4000-8000-000000000000"))).statusCode).toBe(404);
  });

  it("the issuing department opens every report's and rectification's evidence", async () => {
    for (const id of [m.x, m.y, m.rect]) expect((await admin.req(url(id))).statusCode).toBe(200);
    expect((await unitX.req(url(m.rect))).statusCode).toBe(200);
  });
});
