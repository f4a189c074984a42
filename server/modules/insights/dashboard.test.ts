import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DashboardView } from "../../../contracts/insights.js";
import { type Client, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { creationWorld, recordDesignation, type World } from "../creation/creation.fixtures.js";
import { loadActorForUser } from "../identity/index.js";
import { seedServicesDemo } from "../services/index.js";

/** The console list a figure opens, as the API the list page reads (the same filters). */
const LIST_API: [RegExp, string][] = [
  [/^\/creation\/designations\?/, "/api/creation/designations?"],
  [/^\/bases\?/, "/api/bases?"],
  [/^\/honors\/awards\?/, "/api/honors/awards?"],
  [/^\/activities\?/, "/api/activities?"],
  [/^\/services\/requests\?/, "/api/services/requests?"],
  [/^\/disputes\?(?!tab=)/, "/api/disputes/cases?"],
];
const apiOf = (href: string) => {
  for (const [re, api] of LIST_API) if (re.test(href)) return href.replace(re, api);
  return null;
};

/**
 * The leaders' dashboard (GET /api/insights/dashboard): figures counted within the caller's scope, each equal to
 * the total of the list it opens; lower regions add up; a region outside the scope is refused; a module the caller
 * may not read gives no figure.
 */
describe("leaders' dashboard: figures, drill-down, scope", () => {
  let h: TestApp;
  let w: World;

  const board = (c: Client, regionCode?: string) =>
    c.json<DashboardView>(`/api/insights/dashboard${regionCode ? `?regionCode=${regionCode}` : ""}`);
  const value = (v: DashboardView, key: string) => v.figures.find((f) => f.key === key)?.value;
  const listTotal = async (c: Client, href: string) => {
    const api = apiOf(href);
    if (!api) return null;
    return (await c.json<{ total: number }>(`${api}&pageSize=1`)).total;
  };

  beforeAll(async () => {
    h = await createTestApp({ start: "2026-12-02T02:00:00Z" });
    w = await creationWorld(h);
    for (const [orgId, no] of [
      [w.village.id, "2025-MS-1505-0001"],
      [w.f.zhongqiTown.id, "2025-MS-1505-0002"],
    ])
      await w.c.city.json("/api/creation/designations", {
        method: "POST",
        body: {
          orgId,
          category: "village",
          level: "city",
          certificateNo: no,
          docNumber: "通民委发〔2025〕30号",
          namedOn: "2025-06-30",
          setId: w.setId,
        },
      });
    const actor = await loadActorForUser(h.deps.db, w.f.houqiAdmin.id);
    await seedServicesDemo(h.deps, { actor: actor!, password: USER_PASSWORD });
  }, 240_000);
  afterAll(() => h?.close());

  it("counts named units and service requests as hand counts, by lower region", async () => {
    const city = await board(w.c.city);
    if (process.env.DUMP) console.log(JSON.stringify(city, null, 1));
    expect(city).toMatchObject({ regionCode: "1505", regionName: "通辽市", path: [] });
    expect(value(city, "named")).toBe(2);
    const byName = Object.fromEntries(city.regions.map((r) => [r.regionName, r.values]));
    expect(byName.科尔沁左翼后旗.named).toBe(1);
    expect(byName.科尔沁左翼中旗.named).toBe(1);
    expect(byName.开鲁县.named).toBe(0);

    const res = await h.deps.db.execute<{ open: number; all: number }>(sql`
      select count(*) filter (where status in ('accepted', 'referred', 'received'))::int as open, count(*)::int as all
      from service_requests where region_code like '150522%'`);
    const hand = (res as unknown as { rows: { open: number; all: number }[] }).rows[0];
    expect(hand.open).toBeGreaterThan(0);
    expect(value(city, "servicesOpen")).toBe(hand.open);
    expect(byName.科尔沁左翼后旗.servicesOpen).toBe(hand.open);
    expect(value(city, "servicesOverdue")).toBeGreaterThan(0);
    // The trend counts every request of the last 12 months (the demo's year of requests).
    const services = city.trends.series.find((s) => s.key === "services");
    expect(city.trends.months).toHaveLength(12);
    expect(city.trends.months[11]).toBe("2026-12");
    expect(services?.values.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(hand.all);
    expect(services?.values.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it("gives every count the list whose total it is, at each level and for each lower region", async () => {
    let checked = 0;
    for (const [c, region] of [
      [w.c.city, undefined],
      [w.c.city, "150522"],
      [w.c.houqi, undefined],
    ] as const) {
      const v = await board(c, region);
      for (const f of v.figures) {
        if (!f.href) continue;
        const total = await listTotal(c, f.href);
        if (total === null) continue;
        expect(total, `${f.label} ${f.href}`).toBe(f.value);
        checked++;
      }
      for (const r of v.risk) {
        expect(await listTotal(c, r.href ?? ""), `${r.label}`).toBe(r.value);
        checked++;
      }
      for (const r of v.regions)
        for (const [k, href] of Object.entries(r.hrefs)) {
          if (!href) continue;
          const total = await listTotal(c, href);
          if (total === null) continue;
          expect(total, `${r.regionName} ${k} ${href}`).toBe(r.values[k as keyof typeof r.values]);
          checked++;
        }
      // The lower regions and the level's own units add up to the level's figure.
      for (const k of ["named", "servicesOpen", "servicesOverdue", "bases", "honors", "activitiesYear"] as const) {
        const f = value(v, k);
        if (f === undefined) continue;
        expect(
          v.regions.reduce((s, r) => s + (r.values[k] ?? 0), 0),
          k,
        ).toBe(f);
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it("opens each month of each trend as the list whose total it is, at each level", async () => {
    let nonZero = 0;
    for (const [c, region] of [
      [w.c.city, undefined],
      [w.c.city, "150522"],
      [w.c.houqi, undefined],
    ] as const) {
      const v = await board(c, region);
      expect(v.trends.series.map((s) => s.key).sort()).toEqual(["activities", "disputes", "services"]);
      for (const s of v.trends.series) {
        expect(s.hrefs).toHaveLength(12);
        for (const [i, href] of s.hrefs.entries()) {
          const month = v.trends.months[i];
          expect(href, `${s.label} ${month}`).toContain(`${month}-01`);
          if (region) expect(href).toContain(`regionCode=${region}`);
          expect(await listTotal(c, href), `${s.label} ${month} ${href}`).toBe(s.values[i]);
          if (s.values[i] > 0) nonZero++;
        }
      }
    }
    // The demo's service requests fill months: the check is not only of empty months.
    expect(nonZero).toBeGreaterThan(5);
    // A month's list is that month only: the next day is outside it.
    const v = await board(w.c.city);
    const services = v.trends.series.find((s) => s.key === "services");
    const i = services?.values.findIndex((n) => n > 0) ?? -1;
    expect(i).toBeGreaterThanOrEqual(0);
    const href = services?.hrefs[i] ?? "";
    const to = new URL(href, "http://x").searchParams.get("createdTo") ?? "";
    expect(to.slice(0, 7)).toBe(v.trends.months[i]);
    expect(Number(to.slice(8))).toBeGreaterThanOrEqual(28);
  });

  it("ranks every region of a deeper level (rankLevel), each count the total of its list", async () => {
    const towns = await w.c.city.json<DashboardView>("/api/insights/dashboard?rankLevel=town");
    const top = await board(w.c.city);
    expect(towns.figures).toEqual(top.figures);
    expect(towns.map).toBeNull();
    expect(towns.regions.length).toBeGreaterThan(50);
    expect(towns.regions.every((r) => r.regionCode.length === 9 && r.regionCode.startsWith("1505") && r.lower)).toBe(
      true,
    );
    // Units of the 旗县 and 市 themselves are in the figures, not the ranking: the ranking never exceeds them.
    for (const k of ["named", "servicesOpen", "servicesOverdue"] as const) {
      const sum = towns.regions.reduce((s, r) => s + (r.values[k] ?? 0), 0);
      expect(sum, k).toBeLessThanOrEqual(value(top, k) ?? 0);
    }
    let checked = 0;
    for (const r of towns.regions.filter((x) => Object.values(x.values).some((v) => (v ?? 0) > 0)))
      for (const [k, href] of Object.entries(r.hrefs)) {
        const total = href ? await listTotal(w.c.city, href) : null;
        if (total === null) continue;
        expect(total, `${r.regionName} ${k}`).toBe(r.values[k as keyof typeof r.values]);
        checked++;
      }
    expect(checked).toBeGreaterThan(0);
    const res = await w.c.houqi.req("/api/insights/dashboard?rankLevel=county");
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].field).toBe("rankLevel");
  });

  it("drills into a lower region within the scope, and refuses one outside it", async () => {
    const houqi = await board(w.c.city, "150522");
    expect(houqi).toMatchObject({ regionName: "科尔沁左翼后旗", path: [{ regionCode: "1505", regionName: "通辽市" }] });
    expect(value(houqi, "named")).toBe(1);
    expect(await board(w.c.houqi)).toMatchObject({ regionCode: "150522", path: [] });

    for (const code of ["1505", "150521", "15"]) {
      const res = await w.c.houqi.req(`/api/insights/dashboard?regionCode=${code}`);
      expect(res.statusCode, code).toBe(400);
      const err = res.json().error;
      expect(err.details.fields.map((x: { field: string }) => x.field)).toEqual(["regionCode"]);
      expect(err.message).toMatch(/区划/);
    }
    const zhongqi = await board(w.c.zhongqi);
    expect(value(zhongqi, "named")).toBe(1);
    expect(value(zhongqi, "servicesOpen")).toBe(0);
  });

  it("gives no figure of a module the caller may not read", async () => {
    // An expert reads neither designations nor service requests nor disputes.
    const expert = await board(w.c.experts[0]);
    expect(expert.figures.map((f) => f.key)).not.toContain("named");
    expect(expert.figures.map((f) => f.key)).not.toContain("servicesOpen");
    expect(expert.risk).toEqual([]);
    // A unit's user reads its own unit only: no level figures at all.
    const unit = await board(w.c.village);
    expect(unit.figures.map((f) => f.key)).not.toContain("named");
    expect(unit.regions.every((r) => Object.keys(r.values).every((k) => unit.regionKeys.includes(k as never)))).toBe(
      true,
    );
  });

  it("its cached counts are never stale: a unit named shows on the next read", async () => {
    const before = await board(w.c.city);
    expect(await board(w.c.city)).toEqual(before); // served again from the cache
    await recordDesignation(w, w.f.houqiTown.id, "2025-MS-1505-0003", {
      docNumber: "通民委发〔2025〕31号",
      namedOn: "2025-06-30",
    });
    const after = await board(w.c.city);
    expect(value(after, "named")).toBe((value(before, "named") ?? 0) + 1);
    const named = (v: DashboardView) => v.regions.find((r) => r.regionName === "科尔沁左翼后旗")?.values.named;
    expect(named(after)).toBe((named(before) ?? 0) + 1);
  });
});
