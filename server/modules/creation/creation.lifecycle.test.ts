import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JobRunner } from "../../core/jobs.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { creationWorld, fillAndSubmit, uploadMaterial, type World } from "./creation.fixtures.js";
import { registerCreationJobs } from "./creation.jobs.js";

/**
 * Designations over time, with the fake clock and the real job runner: 复验 opens six months before expiry,
 * a pass renews for five years, an unrenewed designation becomes 已到期 and leaves the counts, a revoked one
 * leaves them at once; yearly self-checks and their overdue reminders.
 */
describe("creation: designations over time (fake clock, job runner)", () => {
  let h: TestApp;
  let w: World;
  let runner: JobRunner;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    h = await createTestApp({ start: "2026-03-02T02:00:00Z" });
    w = await creationWorld(h);
    runner = new JobRunner(h.deps.db, h.clock);
    await registerCreationJobs(runner, h.deps);
  });
  afterAll(() => h?.close());

  const register = (orgId: string, certificateNo: string, namedOn: string, category = "village") =>
    w.c.city.json("/api/creation/designations", {
      method: "POST",
      body: {
        orgId,
        category,
        level: "city",
        certificateNo,
        docNumber: "通民委发〔2021〕30号",
        namedOn,
        setId: w.setId,
      },
    });
  const counts = async () => {
    const target = (await w.c.city.json("/api/creation/targets?regionCode=1505&includeSubRegions=false")).items[0];
    const coverage = await w.c.city.json("/api/creation/coverage?regionCode=1505");
    const units = (await h.app.inject({ url: "/api/public/creation/units?pageSize=50" })).json();
    return {
      target: target.achieved as number,
      coverage: coverage.total as number,
      directory: units.items.map((u: { certificateNo: string }) => u.certificateNo).sort() as string[],
    };
  };
  const designation = (id: string) => w.c.city.json(`/api/creation/designations/${id}`);

  it("registers designations named before the platform; they count", async () => {
    const a = await register(w.village.id, "2021-MS-1505-0101", "2021-10-15");
    expect(a).toMatchObject({ status: "valid", validUntil: "2026-10-14", issuerRegionCode: "1505" });
    expect(a.events[0].kind).toBe("registered");
    ids.a = a.id;
    ids.b = (await register(w.village2.id, "2021-MS-1505-0102", "2021-10-15")).id;
    ids.c = (await register(w.f.houqiTown.id, "2024-MS-1505-0007", "2024-05-01", "organ")).id;
    // A banner cannot register a city-level designation; a duplicate certificate number is refused.
    const county = await w.c.houqi.req("/api/creation/designations", {
      method: "POST",
      body: {
        orgId: w.village.id,
        category: "village",
        level: "city",
        certificateNo: "X-1",
        docNumber: "后民宗发〔2021〕1号",
        namedOn: "2021-01-01",
        setId: w.setId,
      },
    });
    expect(county.statusCode).toBe(403);
    const dup = await w.c.city.req("/api/creation/designations", {
      method: "POST",
      body: {
        orgId: w.village.id,
        category: "village",
        level: "city",
        certificateNo: "2021-MS-1505-0101",
        docNumber: "x",
        namedOn: "2021-01-01",
        setId: w.setId,
      },
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.details.fields[0].field).toBe("certificateNo");
    await w.c.city.json("/api/creation/targets", {
      method: "POST",
      body: { regionCode: "1505", level: "city", year: 2026, targetCount: 10 },
    });
    expect(await counts()).toEqual({
      target: 3,
      coverage: 3,
      directory: ["2021-MS-1505-0101", "2021-MS-1505-0102", "2024-MS-1505-0007"],
    });
  });

  it("复验 opens exactly six months before expiry (not a day earlier), by the scheduled job", async () => {
    await runner.tick();
    expect((await designation(ids.a)).status).toBe("valid");
    // 2026-04-13 in Beijing: six months ahead is 2026-10-13, before the last day 2026-10-14.
    await w.travel("2026-04-13T02:00:00Z");
    await runner.tick();
    expect((await designation(ids.a)).status).toBe("valid");
    await w.travel("2026-04-14T02:00:00Z");
    await runner.tick();
    const a = await designation(ids.a);
    expect(a.status).toBe("reverifying");
    expect(a.reverifications).toEqual([expect.objectContaining({ status: "open", dueOn: "2026-10-14" })]);
    expect(a.events.map((e: { kind: string }) => e.kind)).toEqual(["registered", "reverification_opened"]);
    expect(a.events[1].actorName).toBe("系统定时任务");
    expect((await designation(ids.b)).status).toBe("reverifying");
    expect((await designation(ids.c)).status).toBe("valid");
    // Under 复验 a designation still counts.
    expect((await counts()).target).toBe(3);
    const unitTodos = await w.c.village.json("/api/creation/todos");
    expect(unitTodos.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: "reverification_fill", dueOn: "2026-10-14" })]),
    );
    const cityTodos = await w.c.city.json("/api/creation/todos");
    expect(cityTodos.counts.expiring).toBe(2);
  });

  it("a passed 复验 renews the designation for five more years", async () => {
    const rev = (await designation(ids.a)).reverifications[0];
    // Submitting before the sheet is refused, with nothing changed.
    const early = await w.c.village.req(`/api/creation/reverifications/${rev.id}/submit`, { method: "POST" });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe("请先提交复验自查评分表");
    // Only the named unit fills its sheet.
    expect((await w.c.village2.req(`/api/score-sheets/${rev.sheetId}`)).statusCode).toBe(404);
    await fillAndSubmit(w.c.village, rev.sheetId, 95);
    const submitted = await w.c.village.json(`/api/creation/reverifications/${rev.id}/submit`, { method: "POST" });
    expect(submitted).toMatchObject({ status: "submitted", total: 95, sheetPassed: true });
    // The unit cannot decide its own 复验; a banner cannot decide a city-level one.
    expect(
      (
        await w.c.village.req(`/api/creation/reverifications/${rev.id}/decide`, {
          method: "POST",
          body: { passed: true },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await w.c.houqi.req(`/api/creation/reverifications/${rev.id}/decide`, {
          method: "POST",
          body: { passed: true },
        })
      ).statusCode,
    ).toBe(403);
    const decided = await w.c.city.json(`/api/creation/reverifications/${rev.id}/decide`, {
      method: "POST",
      body: { passed: true, note: "复验合格" },
    });
    expect(decided).toMatchObject({ status: "passed", decidedByName: "测试city_admin" });
    const a = await designation(ids.a);
    expect(a).toMatchObject({ status: "valid", validUntil: "2031-10-14", renewals: 1 });
    const again = await w.c.city.req(`/api/creation/reverifications/${rev.id}/decide`, {
      method: "POST",
      body: { passed: true },
    });
    expect(again.statusCode).toBe(409);
    expect((await designation(ids.a)).validUntil).toBe("2031-10-14");
  });

  it("an unrenewed designation leaves the counts the day after its last day, and the job marks it 已到期", async () => {
    await w.travel("2026-10-14T02:00:00Z");
    expect((await counts()).target).toBe(3);
    await w.travel("2026-10-15T02:00:00Z");
    // Before the job has run, the counts already leave it out.
    expect((await designation(ids.b)).status).toBe("reverifying");
    expect(await counts()).toEqual({ target: 2, coverage: 2, directory: ["2021-MS-1505-0101", "2024-MS-1505-0007"] });
    await runner.tick();
    const b = await designation(ids.b);
    expect(b.status).toBe("expired");
    expect(b.reverifications[0].status).toBe("lapsed");
    expect(b.events.at(-1)).toMatchObject({ kind: "expired", fromStatus: "reverifying", toStatus: "expired" });
    expect((await w.c.city.json("/api/creation/designations?status=expired")).total).toBe(1);
    // An expired designation cannot be revoked or start a self-check.
    const revoke = await w.c.city.req(`/api/creation/designations/${ids.b}/revoke`, {
      method: "POST",
      body: { reasonCategory: "other", docNumber: "通民委发〔2026〕99号" },
    });
    expect(revoke.statusCode).toBe(409);
    expect(revoke.json().error.message).toContain("命名当前为“已到期”，不能撤销");
  });

  it("a revoked designation leaves the counts at once, with its reason and document", async () => {
    const doc = await uploadMaterial(w.c.city, "关于撤销命名的决定");
    const before = await counts();
    const revoked = await w.c.city.json(`/api/creation/designations/${ids.c}/revoke`, {
      method: "POST",
      body: {
        reasonCategory: "major_incident",
        docNumber: "通民委发〔2026〕41号",
        materialId: doc,
        note: "发生影响民族团结的事件",
      },
    });
    expect(revoked).toMatchObject({
      status: "revoked",
      revokeReason: "major_incident",
      revokeDocNumber: "通民委发〔2026〕41号",
      revokeMaterialId: doc,
    });
    expect(revoked.events.at(-1)).toMatchObject({ kind: "revoked", toStatus: "revoked" });
    expect(revoked.events.at(-1).note).toContain("发生影响民族团结的重大事件");
    const after = await counts();
    expect(after.target).toBe(before.target - 1);
    expect(after.coverage).toBe(before.coverage - 1);
    expect(after.directory).toEqual(["2021-MS-1505-0101"]);
    const again = await w.c.city.req(`/api/creation/designations/${ids.c}/revoke`, {
      method: "POST",
      body: { reasonCategory: "other", docNumber: "x" },
    });
    expect(again.statusCode).toBe(409);
    expect((await designation(ids.c)).revokeDocNumber).toBe("通民委发〔2026〕41号");
    const bad = await w.c.city.req(`/api/creation/designations/${ids.a}/revoke`, {
      method: "POST",
      body: { reasonCategory: "不存在的原因", docNumber: "x" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0]).toMatchObject({ field: "reasonCategory", label: "撤销原因" });
  });

  it("a failed 复验 keeps the designation until its expiry, then it lapses", async () => {
    ids.d = (await register(w.village2.id, "2021-MS-1505-0103", "2021-12-01")).id;
    await runner.tick();
    await w.travel("2026-10-16T02:00:00Z");
    await runner.tick();
    const d = await designation(ids.d);
    expect(d.status).toBe("reverifying");
    const rev = d.reverifications[0];
    await fillAndSubmit(w.c.village2, rev.sheetId, 85);
    await w.c.village2.json(`/api/creation/reverifications/${rev.id}/submit`, { method: "POST" });
    const pass = await w.c.city.req(`/api/creation/reverifications/${rev.id}/decide`, {
      method: "POST",
      body: { passed: true },
    });
    expect(pass.statusCode).toBe(409);
    expect(pass.json().error.message).toContain("85 分");
    await w.c.city.json(`/api/creation/reverifications/${rev.id}/decide`, {
      method: "POST",
      body: { passed: false, note: "得分低于合格线" },
    });
    expect((await designation(ids.d)).status).toBe("reverifying");
    expect((await counts()).target).toBe(2);
    await w.travel("2026-12-01T02:00:00Z");
    await runner.tick();
    expect((await designation(ids.d)).status).toBe("expired");
    expect((await counts()).target).toBe(1);
  });

  it("yearly self-checks are scored with the same set; a missing one is overdue after the year ends", async () => {
    ids.e = (await register(w.f.houqiTown.id, "2025-MS-1505-0011", "2025-01-10", "organ")).id;
    const check = await w.c.village.json(`/api/creation/designations/${ids.a}/self-checks`, {
      method: "POST",
      body: { year: 2026 },
    });
    expect(check).toMatchObject({ year: 2026, status: "draft" });
    const dup = await w.c.village.req(`/api/creation/designations/${ids.a}/self-checks`, {
      method: "POST",
      body: { year: 2026 },
    });
    expect(dup.statusCode).toBe(409);
    const future = await w.c.village.req(`/api/creation/designations/${ids.a}/self-checks`, {
      method: "POST",
      body: { year: 2030 },
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details.fields[0].field).toBe("year");
    // Someone else's designation: not found for another unit.
    expect(
      (
        await w.c.village2.req(`/api/creation/designations/${ids.a}/self-checks`, {
          method: "POST",
          body: { year: 2026 },
        })
      ).statusCode,
    ).toBe(404);
    await fillAndSubmit(w.c.village, check.sheetId, 93);
    const submitted = await w.c.village.json(`/api/creation/self-checks/${check.id}/submit`, { method: "POST" });
    expect(submitted).toMatchObject({ status: "submitted", total: 93, passed: true });
    expect((await designation(ids.a)).events.at(-1).kind).toBe("self_check");

    await w.travel("2027-01-05T02:00:00Z");
    const cityTodos = await w.c.city.json("/api/creation/todos");
    const overdue = cityTodos.items.filter((i: { kind: string }) => i.kind === "self_check_overdue");
    expect(overdue.map((i: { entityId: string }) => i.entityId)).toEqual([ids.e]);
    expect(overdue[0]).toMatchObject({ dueOn: "2026-12-31", overdue: true });
    const unitTodos = await w.c.houqiUnit.json("/api/creation/todos");
    expect(unitTodos.items.map((i: { kind: string }) => i.kind)).toContain("self_check_overdue");
  });
});
