import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, createOrg, createUser, login, USER_PASSWORD } from "../../test/fixtures.js";
import { ADMIN_PASSWORD, createTestApp, type TestApp } from "../../test/harness.js";

/*
 * The working-day calendar through the API: seeded from the official notices, changed by the system
 * administrator with an audit entry, and used at once by every working-day computation.
 */
let t: TestApp;
let admin: Client;
let viewer: Client;

beforeAll(async () => {
  t = await createTestApp({ start: "2026-09-20T02:00:00Z" });
  admin = await login(t, "admin", ADMIN_PASSWORD);
  const org = await createOrg(admin, "科尔沁左翼后旗民族事务委员会", "150522");
  await createUser(t, admin, "cal_viewer", org.id, ["unit_user"]);
  viewer = await login(t, "cal_viewer", USER_PASSWORD);
});
afterAll(() => t.close());

describe("工作日历", () => {
  it("is seeded with the official days: 2026 is covered, 国庆 and its 调休 Saturday are listed", async () => {
    const res = await viewer.req("/api/system/calendar?year=2026");
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.covered).toBe(true);
    // 261 weekdays − 19 weekday holidays + 6 worked weekends (调休).
    expect(body.workingDays).toBe(248);
    const oct = body.days.filter((d: { date: string }) => d.date.startsWith("2026-10"));
    expect(oct.find((d: { date: string }) => d.date === "2026-10-01")).toMatchObject({
      kind: "holiday",
      name: "国庆节",
      source: "official",
      weekday: "星期四",
    });
    expect(oct.find((d: { date: string }) => d.date === "2026-10-10")).toMatchObject({ kind: "workday" });
    const q = await viewer.req("/api/system/calendar/working-day?from=2026-09-29&days=5");
    expect(q.json()).toMatchObject({ date: "2026-10-12" });
  });

  it("a year without a notice yet says so", async () => {
    const res = await viewer.req("/api/system/calendar?year=2099");
    expect(res.json()).toMatchObject({ covered: false, days: [] });
  });

  it("only the system administrator changes it; a new holiday moves the computed window at once, audited", async () => {
    const denied = await viewer.req("/api/system/calendar/2026-10-13", {
      method: "PUT",
      body: { kind: "holiday", name: "测试假日" },
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe("FORBIDDEN");

    const before = (await viewer.req("/api/system/calendar/working-day?from=2026-10-09&days=3")).json();
    expect(before.window).toEqual({ startsOn: "2026-10-09", endsOn: "2026-10-12" });

    const put = await admin.req("/api/system/calendar/2026-10-12", {
      method: "PUT",
      body: { kind: "holiday", name: "地方性假日" },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ source: "manual", kind: "holiday" });
    const after = (await viewer.req("/api/system/calendar/working-day?from=2026-10-09&days=3")).json();
    expect(after.window).toEqual({ startsOn: "2026-10-09", endsOn: "2026-10-13" });
    expect(after.skipped.map((s: { date: string }) => s.date)).toContain("2026-10-12");

    const audit = await t.deps.db.execute<{ action: string; entity_id: string }>(
      sql`SELECT action, entity_id FROM audit_log WHERE entity = 'calendar_day' ORDER BY seq`,
    );
    expect(audit.rows).toEqual([{ action: "calendar.day_create", entity_id: "2026-10-12" }]);

    const del = await admin.req("/api/system/calendar/2026-10-12", { method: "DELETE" });
    expect(del.statusCode).toBe(200);
    const back = (await viewer.req("/api/system/calendar/working-day?from=2026-10-09&days=3")).json();
    expect(back.window.endsOn).toBe("2026-10-12");
  });

  it("an official day cannot be deleted, only changed; bad input names the field", async () => {
    const del = await admin.req("/api/system/calendar/2026-10-01", { method: "DELETE" });
    expect(del.statusCode).toBe(409);
    expect(del.json().error.code).toBe("CALENDAR_OFFICIAL_DAY");
    const bad = await admin.req("/api/system/calendar/2026-02-30", {
      method: "PUT",
      body: { kind: "holiday", name: "x" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe("date");
    const noName = await admin.req("/api/system/calendar/2026-10-14", {
      method: "PUT",
      body: { kind: "holiday", name: "" },
    });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().error.details.fields[0].field).toBe("name");
  });
});
