import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, login, loginAdmin, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { applyAndSubmit, creationWorld, fillAndSubmit, type World } from "./creation.fixtures.js";
import { openDueReverifications } from "./self-check.service.js";

/**
 * Every permission rule of 示范创建: the other banner's staff and units get 404/403 on every route that takes
 * an id and change nothing; applicants see only their own; reviewers never see drafts; experts see only their
 * assignments; the public sees published notices and valid named units only; the three admins see nothing.
 */
describe("creation: permissions and data scope", () => {
  let h: TestApp;
  let w: World;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    h = await createTestApp();
    w = await creationWorld(h);
    const { c } = w;
    // A 旗县级 batch of 科尔沁左翼后旗 with one application carried all the way to naming.
    const batch = await c.houqi.json("/api/creation/batches", {
      method: "POST",
      body: {
        name: "2026年度科左后旗民族团结进步示范单位",
        year: 2026,
        level: "county",
        categories: ["village"],
        setId: w.setId,
        submitDeadline: "2026-04-30",
      },
    });
    ids.batches = batch.id;
    await c.houqi.json(`/api/creation/batches/${batch.id}/open`, { method: "POST" });
    const app = await applyAndSubmit(w, c.village, { batchId: batch.id });
    ids.applications = app.id;
    ids.assignments = app.id;
    ids.evidence = app.evidence[0].id;
    expect(app.chain.map((l: { regionCode: string }) => l.regionCode)).toEqual(["150522100", "150522"]);
    await c.town.json(`/api/creation/applications/${app.id}/recommend`, { method: "POST", body: {} });
    await c.houqi.json(`/api/creation/applications/${app.id}/accept`, { method: "POST", body: {} });
    await c.houqi.json(`/api/creation/applications/${app.id}/experts`, {
      method: "POST",
      body: { userIds: w.experts.slice(0, 3).map((e) => e.id) },
    });
    for (let i = 0; i < 3; i++) {
      const mine = await c.experts[i].json(`/api/creation/assignments/${app.id}`);
      await fillAndSubmit(c.experts[i], mine.sheetId, 95 - i);
    }
    await c.houqi.json(`/api/creation/applications/${app.id}/finalize`, { method: "POST", body: {} });
    const notice = await c.houqi.json("/api/creation/notices", {
      method: "POST",
      body: { batchId: batch.id, title: "科左后旗示范单位拟命名公示", applicationIds: [app.id] },
    });
    ids.notices = notice.id;
    await c.houqi.json(`/api/creation/notices/${notice.id}/publish`, { method: "POST", body: {} });
    const objection = await h.app.inject({
      method: "POST",
      url: `/api/public/creation/notices/${notice.id}/objections`,
      payload: {
        contactName: "赵六",
        phone: "13700007777",
        content: "请核实该嘎查的创建台账。",
        applicationId: app.id,
      },
    });
    ids.trackingCode = objection.json().trackingCode;
    ids.objections = (await c.houqi.json("/api/creation/objections")).items[0].id;
    await c.houqi.json(`/api/creation/objections/${ids.objections}/reply`, {
      method: "POST",
      body: { reply: "已核实，台账齐全。", effect: "none" },
    });
    await w.travel("2026-03-09T02:00:00Z");
    const decision = await w.c.houqi.json("/api/creation/decisions", {
      method: "POST",
      body: { batchId: batch.id, docNumber: "后民宗发〔2026〕3号", namedOn: "2026-03-09", applicationIds: [app.id] },
    });
    ids.decisions = decision.id;
    ids.designations = decision.designations[0].id;
    expect(decision.designations[0].certificateNo).toBe("2026-QX-150522-0001");
    ids["self-checks"] = (
      await w.c.village.json(`/api/creation/designations/${ids.designations}/self-checks`, {
        method: "POST",
        body: { year: 2026 },
      })
    ).id;
    const old = await w.c.houqi.json("/api/creation/designations", {
      method: "POST",
      body: {
        orgId: w.village2.id,
        category: "village",
        level: "county",
        certificateNo: "2021-QX-150522-0009",
        docNumber: "后民宗发〔2021〕9号",
        namedOn: "2021-06-01",
        setId: w.setId,
      },
    });
    ids.oldDesignation = old.id;
    expect(await openDueReverifications(h.deps)).toBe(1);
    ids.reverifications = (await w.c.houqi.json(`/api/creation/designations/${old.id}`)).reverifications[0].id;
    ids.targets = (
      await w.c.houqi.json("/api/creation/targets", {
        method: "POST",
        body: { regionCode: "150522", level: "county", year: 2026, targetCount: 20 },
      })
    ).id;
    ids.candidates = (
      await w.c.houqi.json("/api/creation/candidates", {
        method: "POST",
        body: { orgId: w.f.houqiTown.id, category: "organ", targetLevel: "county", mentorOrgId: w.f.houqiDept.id },
      })
    ).id;
    // A draft in the city batch, never submitted.
    ids.draft = (
      await w.c.village2.json("/api/creation/applications", {
        method: "POST",
        body: { batchId: w.batchId, category: "village", statement: "草稿" },
      })
    ).id;
  });
  afterAll(() => h?.close());

  /** A fingerprint of every creation table (its 公示/异议 in the shared publicity tables) and of the data audit trail. */
  const snapshot = async () => {
    const tables = [
      "creation_candidates",
      "creation_batches",
      "creation_applications",
      "creation_application_events",
      "creation_expert_assignments",
      "creation_site_visits",
      "publicity_notices",
      "publicity_notice_items",
      "publicity_objections",
      "creation_decisions",
      "creation_designations",
      "creation_designation_events",
      "creation_self_checks",
      "creation_reverifications",
      "creation_targets",
    ];
    const out: Record<string, string> = {};
    for (const t of tables) {
      const r = await h.deps.db.execute<{ m: string }>(
        sql.raw(`SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS m FROM ${t} t`),
      );
      out[t] = r.rows[0].m;
    }
    const a = await h.deps.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE category = 'data'`,
    );
    out.audit = String(a.rows[0].n);
    return out;
  };

  const BODIES: Record<string, unknown> = {
    "PATCH /api/creation/candidates/:id": { note: "越权修改" },
    "PATCH /api/creation/batches/:id": { name: "越权修改" },
    "PATCH /api/creation/applications/:id": { statement: "越权修改" },
    "POST /api/creation/applications/:id/withdraw": { reason: "越权" },
    "POST /api/creation/applications/:id/recommend": {},
    "POST /api/creation/applications/:id/return": { reason: "越权" },
    "POST /api/creation/applications/:id/accept": {},
    "POST /api/creation/applications/:id/experts": { userIds: [] as string[] },
    "POST /api/creation/applications/:id/experts/:userId/withdraw": { reason: "越权" },
    "POST /api/creation/applications/:id/site-visits": { visitedOn: "2026-03-10", members: "某某", evidenceIds: [] },
    "POST /api/creation/applications/:id/finalize": {},
    "POST /api/creation/applications/:id/reject": { reason: "越权" },
    "POST /api/creation/notices/:id/publish": {},
    "POST /api/creation/objections/:id/investigate": { note: "越权" },
    "POST /api/creation/objections/:id/reply": { reply: "越权", effect: "none" },
    "POST /api/creation/designations/:id/revoke": { reasonCategory: "other", docNumber: "越权" },
    "POST /api/creation/designations/:id/self-checks": { year: 2026 },
    "POST /api/creation/reverifications/:id/decide": { passed: false },
    "PATCH /api/creation/targets/:id": { targetCount: 1 },
  };

  it("the other banner's department and units get 404 or 403 on every route that names an object, and change nothing", async () => {
    (BODIES["POST /api/creation/applications/:id/experts"] as { userIds: string[] }).userIds = [w.experts[4].id];
    const routes = h.app.routeCatalog.filter((r) => r.url.startsWith("/api/creation/") && r.url.includes(":"));
    expect(routes.length).toBeGreaterThanOrEqual(35);
    const before = await snapshot();
    const zhongqiExpert = await login(h, "expert5", USER_PASSWORD);
    for (const c of [w.c.zhongqi, w.c.zhongqiUnit, zhongqiExpert] as Client[]) {
      for (const r of routes) {
        const key = `${r.method} ${r.url}`;
        const segment = r.url.split("/")[3];
        const id = ids[segment];
        expect(id, `no id for ${segment}`).toBeTruthy();
        let url = r.url
          .replace(":id", id)
          .replace(":userId", w.experts[0].id)
          .replace(":evidenceId", ids.evidence)
          .replace(":activityId", ids.evidence);
        if (url.endsWith("/reveal")) url += "?field=phone";
        const body = BODIES[key];
        const res = await c.req(url, { method: r.method as "GET", ...(body !== undefined ? { body } : {}) });
        expect([403, 404], `${key} → ${res.statusCode} ${res.body}`).toContain(res.statusCode);
        if (res.statusCode === 404) expect(res.json().error.code, key).toBe("NOT_FOUND");
        expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it("their lists hold nothing of 后旗", async () => {
    for (const url of [
      "/api/creation/applications",
      "/api/creation/designations",
      "/api/creation/decisions",
      "/api/creation/targets",
      "/api/creation/candidates",
      "/api/creation/batches?level=county",
      "/api/creation/notices",
    ]) {
      expect((await w.c.zhongqi.json(url)).total, url).toBe(0);
      expect((await w.c.zhongqiUnit.json(url)).total, url).toBe(0);
    }
    expect((await w.c.zhongqi.json("/api/creation/objections")).total).toBe(0);
    expect((await w.c.zhongqi.json("/api/creation/designations?regionCode=150522")).total).toBe(0);
    expect((await w.c.zhongqi.json("/api/creation/todos")).items).toEqual([]);
    // Its own unit can still see the city-wide batch it may apply to.
    const open = await w.c.zhongqiUnit.json("/api/creation/batches?applicable=true");
    expect(open.items.map((b: { id: string }) => b.id)).toEqual([w.batchId]);
  });

  it("applicants see and edit only their own unit's applications", async () => {
    const own = await w.c.village.json("/api/creation/applications");
    expect(own.items.map((a: { orgName: string }) => a.orgName)).toEqual(["哈布哈嘎查村民委员会"]);
    const other = await w.c.village2.json("/api/creation/applications");
    expect(other.items.map((a: { id: string }) => a.id)).toEqual([ids.draft]);
    expect((await w.c.village2.req(`/api/creation/applications/${ids.applications}`)).statusCode).toBe(404);
    expect(
      (
        await w.c.village2.req(`/api/creation/applications/${ids.applications}`, {
          method: "PATCH",
          body: { statement: "x" },
        })
      ).statusCode,
    ).toBe(404);
    // The town government's user (another unit of the same town) sees neither.
    expect((await w.c.houqiUnit.json("/api/creation/applications")).total).toBe(0);
    expect((await w.c.houqiUnit.req(`/api/creation/applications/${ids.draft}`)).statusCode).toBe(404);
    // A unit cannot apply on behalf of another unit.
    const behalf = await w.c.village2.req("/api/creation/applications", {
      method: "POST",
      body: { batchId: w.batchId, category: "village", orgId: w.village.id },
    });
    expect(behalf.statusCode).toBe(400);
    expect(behalf.json().error.details.fields[0].field).toBe("orgId");
    // Units hold no review or management permission.
    expect(
      (
        await w.c.village.req(`/api/creation/applications/${ids.applications}/reject`, {
          method: "POST",
          body: { reason: "x" },
        })
      ).statusCode,
    ).toBe(403);
    expect((await w.c.village.req("/api/creation/objections")).statusCode).toBe(403);
  });

  it("departments review in their scope only, never see drafts, and act only at their own level", async () => {
    for (const c of [w.c.houqi, w.c.town, w.c.city]) {
      expect((await c.req(`/api/creation/applications/${ids.draft}`)).statusCode).toBe(404);
      const list = await c.json("/api/creation/applications");
      expect(list.items.map((a: { id: string }) => a.id)).not.toContain(ids.draft);
    }
    // The town sees its town's applications; the city its whole tree.
    expect((await w.c.town.json("/api/creation/applications")).total).toBe(1);
    expect((await w.c.city.json("/api/creation/applications")).total).toBe(1);
    // A banner sees the city batch (its units apply to it) but cannot manage it.
    expect((await w.c.houqi.req(`/api/creation/batches/${w.batchId}`)).statusCode).toBe(200);
    expect((await w.c.houqi.req(`/api/creation/batches/${w.batchId}/close`, { method: "POST" })).statusCode).toBe(403);
    // Revocation belongs to the naming level and above: not to a town, but to the city above the banner.
    expect(
      (
        await w.c.town.req(`/api/creation/designations/${ids.designations}/revoke`, {
          method: "POST",
          body: { reasonCategory: "other", docNumber: "x" },
        })
      ).statusCode,
    ).toBe(403);
    const revoke = await w.c.city.req(`/api/creation/designations/${ids.designations}/revoke`, {
      method: "POST",
      body: { reasonCategory: "other", docNumber: "x" },
    });
    expect(revoke.statusCode).toBe(200);
  });

  it("experts see only their assignments and never the applications list or other experts' sheets", async () => {
    const e1 = w.c.experts[0];
    expect((await e1.json("/api/creation/assignments")).map((a: { applicationId: string }) => a.applicationId)).toEqual(
      [ids.applications],
    );
    const idle = w.c.experts[4];
    expect(await idle.json("/api/creation/assignments")).toEqual([]);
    expect((await idle.req(`/api/creation/assignments/${ids.applications}`)).statusCode).toBe(404);
    expect((await e1.req("/api/creation/applications")).statusCode).toBe(403);
    expect((await e1.req(`/api/creation/designations/${ids.designations}`)).statusCode).toBe(403);
    const mine = await e1.json(`/api/creation/assignments/${ids.applications}`);
    const detail = await w.c.houqi.json(`/api/creation/applications/${ids.applications}`);
    const other = detail.experts.find((x: { sheetId: string }) => x.sheetId !== mine.sheetId);
    expect((await e1.req(`/api/score-sheets/${other.sheetId}`)).statusCode).toBe(404);
    expect(mine.panel.otherTotals).toEqual([94, 93]);
  });

  it("the public sees published notices and valid named units only, without personal data", async () => {
    const notices = (await h.app.inject({ url: "/api/public/creation/notices" })).json();
    expect(notices.items.map((n: { id: string }) => n.id)).toEqual([ids.notices]);
    const body = JSON.stringify(notices);
    expect(body).not.toContain("13700007777");
    expect(body).not.toContain("赵六");
    expect(body).not.toContain("finalScore");
    // A draft application never appears anywhere public; neither does the revoked designation.
    const units = (await h.app.inject({ url: "/api/public/creation/units" })).json();
    expect(units.items.map((u: { certificateNo: string }) => u.certificateNo)).toEqual(["2021-QX-150522-0009"]);
    expect(JSON.stringify(units)).not.toContain(ids.draft);
    const status = (await h.app.inject({ url: `/api/public/creation/objections/${ids.trackingCode}` })).json();
    expect(Object.keys(status)).not.toContain("phoneMasked");
    expect(JSON.stringify(status)).not.toContain("赵六");
    expect((await h.app.inject({ url: "/api/public/creation/objections/AAAAAAAAAA" })).statusCode).toBe(404);
    expect((await h.app.inject({ url: "/api/public/creation/objections/abc" })).statusCode).toBe(400);
    // Nothing signed-in is reachable without a session.
    expect((await h.app.inject({ url: `/api/creation/applications/${ids.applications}` })).statusCode).toBe(401);
  });

  it("the three admins read no business data", async () => {
    const sys = await loginAdmin(h);
    for (const url of [
      "/api/creation/applications",
      "/api/creation/designations",
      "/api/creation/coverage",
      "/api/creation/targets",
    ])
      expect((await sys.req(url)).statusCode, url).toBe(403);
  });
});
