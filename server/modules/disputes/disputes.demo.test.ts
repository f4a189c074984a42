import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AlertView, ComplianceView } from "../../../contracts/disputes.js";
import type { Actor } from "../../core/access.js";
import { type Client, createOrg, createUser, login, twoBanners, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { loadActorForUser } from "../identity/index.js";
import { seedDisputesDemo } from "./index.js";

describe("disputes demo seed: a year of 科左后旗 零报告 current on 2026-12-02", () => {
  let h: TestApp;
  let banner: Client;
  let city: Client;
  let first: Awaited<ReturnType<typeof seedDisputesDemo>>;

  beforeAll(async () => {
    h = await createTestApp({ start: "2026-12-02T02:00:00Z" });
    const f = await twoBanners(h);
    const town = await createOrg(f.admin, "甘旗卡镇民族宗教事务办公室", "150522100", {
      isEthnicAffairsDept: true,
      parentId: f.houqiDept.id,
    });
    const cityDept = await createOrg(f.admin, "通辽市民族事务委员会", "1505", { isEthnicAffairsDept: true });
    await createUser(h, f.admin, "city_admin", cityDept.id, ["ethnic_affairs_admin"]);
    const actor = async (username: string) => {
      const r = await h.deps.db.execute<{ id: string }>(sql`select id from users where username = ${username}`);
      return (await loadActorForUser(h.deps.db, r.rows[0].id)) as Actor;
    };
    await createUser(h, f.admin, "town_admin", town.id, ["ethnic_affairs_admin"]);
    const units: Actor[] = [];
    for (const [i, name] of ["哈布哈嘎查", "哈图塔拉嘎查", "束力古台嘎查", "民族社区", "塔布呼嘎查"].entries()) {
      const o = await createOrg(f.admin, `${name}村民委员会`, `1505221002${String(i + 1).padStart(2, "0")}`, {
        parentId: town.id,
      });
      await createUser(h, f.admin, `village${i}`, o.id, ["unit_user"]);
      units.push(await actor(`village${i}`));
    }
    first = await seedDisputesDemo(h.deps, {
      banner: await actor("houqi_admin"),
      town: await actor("town_admin"),
      units,
    });
    banner = await login(h, "houqi_admin", USER_PASSWORD);
    city = await login(h, "city_admin", USER_PASSWORD);
  });
  afterAll(() => h?.close());

  it("creates cases, a year of reports with late and missing ones, and runs once", async () => {
    expect(first).toMatchObject({ created: true, cases: 8 });
    expect(first.reports).toBeGreaterThan(50);
    expect(await seedDisputesDemo(h.deps, { banner: {} as Actor, town: {} as Actor, units: [] })).toMatchObject({
      created: false,
    });
  });

  it("the banner's compliance shows rates below 100% with late and missing units; the city sees the 重大 case", async () => {
    const c = await banner.json<ComplianceView>("/api/disputes/compliance?kind=zero&from=2025-12&to=2026-10");
    expect(c.expected).toBe(6 * 11);
    expect(c.received).toBe(6 * 11 - 3);
    expect(c.onTime).toBeLessThan(c.received);
    const missing = await banner.json<{ orgName: string; periods: string[] }[]>(
      "/api/disputes/compliance/units?kind=zero&state=missing&from=2025-12&to=2026-10",
    );
    expect(missing.map((m) => m.orgName).sort()).toEqual(["塔布呼嘎查村民委员会", "束力古台嘎查村民委员会"].sort());
    const alerts = await city.json<{ items: AlertView[] }>("/api/disputes/alerts");
    expect(alerts.items.some((a) => a.kind === "major_case")).toBe(true);
    const flagged = await h.deps.db.execute(sql`select period from dispute_reports where flagged_at is not null`);
    // The village's and the town's "本期无" for September, once the September case is recorded in October.
    expect(flagged.rows).toEqual([{ period: "2026-09" }, { period: "2026-09" }]);
  });
});
