import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureRegionsLoaded } from "../server/modules/org/region.service.js";
import { createTestApp, type TestApp } from "../server/test/harness.js";
import { copyLine } from "./copy.js";
import { generateDataset } from "./generate.js";
import { generateNation, type NationSizes } from "./nation.js";
import type { BenchData } from "./types.js";

describe("COPY text encoding", () => {
  it("escapes what COPY's text format reads specially and spells NULL, booleans, arrays and JSON its way", () => {
    expect(copyLine(["a\tb\\c\nd", null, true, false, 3, ["x", 'y"z'], { k: "v\n" }])).toBe(
      'a\\tb\\\\c\\nd\t\\N\tt\tf\t3\t{"x","y\\\\"z"}\t{"k":"v\\\\n"}\n',
    );
  });
});

/**
 * The nation generator on a tiny size (PostgreSQL only: it streams through psql's COPY; the nation scale itself
 * never runs in tests): 北京's division tree beside 内蒙古's, a banner-sized base, then a few hundred rows of each
 * hot table written around it.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)("nation generator (streaming COPY, tiny size)", () => {
  let t: TestApp & { databaseUrl?: string };
  let data: BenchData;
  const sizes: NationSizes = {
    orgs: 1300,
    users: 250,
    designations: 100,
    planReports: 4000,
    activities: 600,
    serviceRequests: 900,
  };
  let written: Record<string, number>;
  beforeAll(async () => {
    t = await createTestApp();
    await ensureRegionsLoaded(t.deps.db, ["11"]);
    data = await generateDataset(t.deps, { name: "banner", orgs: 300, users: 20, root: "150522" }, [], () => {});
    written = await generateNation(t.deps, t.databaseUrl!, data, sizes, () => {});
  });
  afterAll(async () => {
    await t?.close();
  });

  const n = async (q: ReturnType<typeof sql>) => Number((await t.deps.db.execute<{ n: number }>(q)).rows[0].n);

  it("fills each table up to the country's total, outside 内蒙古 only", async () => {
    expect(await n(sql`SELECT count(*)::int AS n FROM orgs`)).toBe(sizes.orgs);
    expect(await n(sql`SELECT count(*)::int AS n FROM users`)).toBe(sizes.users);
    expect(await n(sql`SELECT count(*)::int AS n FROM creation_designations`)).toBe(sizes.designations);
    expect(await n(sql`SELECT count(*)::int AS n FROM activity_records`)).toBe(sizes.activities);
    expect(await n(sql`SELECT count(*)::int AS n FROM service_requests`)).toBe(sizes.serviceRequests);
    expect(await n(sql`SELECT count(*)::int AS n FROM plan_reports`)).toBeGreaterThanOrEqual(sizes.planReports);
    expect(written.service_referrals).toBeGreaterThan(0);
    for (const table of ["creation_designations", "activity_records", "service_requests", "plan_reports"])
      expect(
        await n(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE region_code LIKE '15%'`),
        table,
      ).toBe(0);
    expect(await n(sql`SELECT count(*)::int AS n FROM orgs WHERE region_code LIKE '11%'`)).toBe(written.orgs);
  });

  it("writes rows the app reads: roles, referrals of their requests, search vectors, one password hash", async () => {
    expect(
      await n(
        sql`SELECT count(*)::int AS n FROM users u WHERE u.username LIKE 'bn%' AND NOT EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id)`,
      ),
    ).toBe(0);
    expect(
      await n(
        sql`SELECT count(*)::int AS n FROM service_referrals f JOIN service_requests r ON r.id = f.request_id AND r.referral_id = f.id`,
      ),
    ).toBe(written.service_referrals);
    expect(await n(sql`SELECT count(*)::int AS n FROM orgs WHERE region_code LIKE '11%' AND search IS NULL`)).toBe(0);
    expect(await n(sql`SELECT count(DISTINCT password_hash)::int AS n FROM users WHERE username LIKE 'bn%'`)).toBe(1);
  });
});
