import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_DISPUTE_SETTINGS, type DisputeSettings } from "../../../contracts/disputes.js";
import { type Client, createOrg, createUser, login, twoBanners, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { orgs } from "../org/org.schema.js";

describe("disputes settings: only the 自治区 level changes them", () => {
  let h: TestApp;
  let region: Client;
  let city: Client;
  let banner: Client;
  let unit: Client;

  beforeAll(async () => {
    h = await createTestApp({ start: "2026-12-02T02:00:00Z" });
    const f = await twoBanners(h);
    // The root organization of the prepared database sits at the 自治区 (region code "15").
    const [regionDept] = await h.deps.db.select().from(orgs).where(eq(orgs.regionCode, "15")).limit(1);
    const cityDept = await createOrg(f.admin, "通辽市民族事务委员会", "1505", { isEthnicAffairsDept: true });
    await createUser(h, f.admin, "nmg_admin", regionDept.id, ["ethnic_affairs_admin"]);
    await createUser(h, f.admin, "city_admin", cityDept.id, ["ethnic_affairs_admin"]);
    region = await login(h, "nmg_admin", USER_PASSWORD);
    city = await login(h, "city_admin", USER_PASSWORD);
    banner = await login(h, "houqi_admin", USER_PASSWORD);
    unit = await login(h, "houqi_unit", USER_PASSWORD);
  });
  afterAll(() => h?.close());

  const changed: DisputeSettings = { ...DEFAULT_DISPUTE_SETTINGS, majorReportHours: 4, onTimeDays: 7 };

  it("a 市 or 旗 department with disputes:manage gets 403 and nothing changes; a unit lacks the permission", async () => {
    for (const c of [city, banner]) {
      const res = await c.req("/api/disputes/settings", { method: "PUT", body: changed });
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({
        code: "FORBIDDEN",
        message: "风险防范设置只能由自治区级民族工作部门修改",
      });
    }
    expect((await unit.req("/api/disputes/settings", { method: "PUT", body: changed })).statusCode).toBe(403);
    expect(await banner.json("/api/disputes/settings")).toEqual(DEFAULT_DISPUTE_SETTINGS);
    const audit = await h.deps.db.execute<{ n: number }>(
      sql`select count(*)::int as n from audit_log where action = 'disputes.settings.update'`,
    );
    expect(audit.rows[0].n).toBe(0);
  });

  it("the 自治区 department changes them, audited with the changed fields, and every level reads the new values", async () => {
    expect(await region.json("/api/disputes/settings", { method: "PUT", body: changed })).toEqual(changed);
    expect(await banner.json("/api/disputes/settings")).toEqual(changed);
    const audit = await h.deps.db.execute<{ changes: unknown }>(
      sql`select changes from audit_log where action = 'disputes.settings.update'`,
    );
    expect(audit.rows).toHaveLength(1);
    expect(JSON.stringify(audit.rows[0].changes)).toContain("majorReportHours");
  });
});
