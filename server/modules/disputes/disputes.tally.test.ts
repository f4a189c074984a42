import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ComplianceView } from "../../../contracts/disputes.js";
import { type Client, login, twoBanners, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { disputeReports, disputeReportUnits } from "./disputes.schema.js";
import { endedPeriods, periodOf } from "./periods.js";

/**
 * The compliance roll-up reads the tallies migration 0037's triggers keep: whatever statement writes the tables
 * (multi-row inserts, updates of the first receipt, deletes), the roll-up equals the counts taken from the report
 * and unit rows themselves, at every level, and a report first received exactly at the deadline is on time.
 */
describe("disputes: the compliance roll-up is live from the tables", () => {
  let h: TestApp;
  let banner: Client;
  const CODES = ["150522", "150522100", "150522100203", "150522100204", "150522101", "150522101201", "150522102"];
  const uuid = (i: number) => `00000000-0000-4000-8000-${String(900000000000 + i)}`;

  beforeAll(async () => {
    h = await createTestApp({ start: "2026-12-02T02:00:00Z" });
    await twoBanners(h);
    banner = await login(h, "houqi_admin", USER_PASSWORD);
  });
  afterAll(() => h?.close());

  /** The roll-up computed from the rows, as the DHIS2 definitions read. */
  async function fromRows(region: string) {
    const childLen = ({ 6: 9, 9: 12 } as Record<number, number>)[region.length] ?? 12;
    const keys = endedPeriods(h.clock.now(), "monthly", 12);
    const units = await h.deps.db.select().from(disputeReportUnits);
    const reports = await h.deps.db.select().from(disputeReports).where(inArray(disputeReports.period, keys));
    const child = (code: string) => (code.length > region.length ? code.slice(0, childLen) : code);
    const by = new Map<string, { units: number; received: number; onTime: number }>();
    const at = (code: string) => by.get(code) ?? by.set(code, { units: 0, received: 0, onTime: 0 }).get(code)!;
    for (const u of units) if (u.regionCode.startsWith(region)) at(child(u.regionCode)).units++;
    for (const r of reports)
      if (r.kind === "zero" && r.regionCode.startsWith(region)) {
        const e = at(child(r.regionCode));
        e.received++;
        if (r.firstReceivedAt <= periodOf(r.period, 5).deadline) e.onTime++;
      }
    return [...by.entries()].sort(([a], [b]) => a.localeCompare(b));
  }

  async function check(region: string) {
    const view = await banner.json<ComplianceView>(
      `/api/disputes/compliance?kind=zero${region === "150522" ? "" : `&regionCode=${region}`}`,
    );
    const rows = await fromRows(region);
    expect(
      view.children.map((c) => [c.regionCode, { units: c.units, received: c.received, onTime: c.onTime }]),
    ).toEqual(rows);
    const sum = (k: "units" | "received" | "onTime") => rows.reduce((s, [, e]) => s + e[k], 0);
    expect(view).toMatchObject({ units: sum("units"), received: sum("received"), onTime: sum("onTime") });
    expect(view.expected).toBe(sum("units") * 12);
    return view;
  }

  it("inserts, updates of the first receipt and deletes keep the roll-up equal to the rows' counts", async () => {
    const db = h.deps.db;
    const units = CODES.flatMap((code, i) => [0, 1].map((j) => ({ orgId: uuid(i * 2 + j), regionCode: code })));
    await db.insert(disputeReportUnits).values(units);
    const keys = endedPeriods(h.clock.now(), "monthly", 12);
    const rows = units.flatMap((u, i) =>
      keys
        .filter((_, k) => (i + k) % 5 !== 0)
        .map((period, k) => {
          const deadline = periodOf(period, 5).deadline.getTime();
          const first = new Date(deadline + ((i * 7 + k * 3) % 9) * 86_400_000 - 4 * 86_400_000);
          return {
            kind: "zero" as const,
            orgId: u.orgId,
            regionCode: u.regionCode,
            period,
            nothing: true,
            firstReceivedAt: first,
            receivedAt: first,
          };
        }),
    );
    await db.insert(disputeReports).values(rows);
    for (const r of ["150522", "150522100", "150522101", "150522100203"]) await check(r);

    // The deadline itself is on time, a millisecond later is not.
    const oct = periodOf(keys[10], 5).deadline;
    await db
      .update(disputeReports)
      .set({ firstReceivedAt: oct })
      .where(sql`${disputeReports.orgId} = ${uuid(2)} and ${disputeReports.period} = ${keys[10]}`);
    await db
      .update(disputeReports)
      .set({ firstReceivedAt: new Date(oct.getTime() + 1) })
      .where(sql`${disputeReports.orgId} = ${uuid(3)} and ${disputeReports.period} = ${keys[10]}`);
    const [a] = await db
      .select()
      .from(disputeReports)
      .where(sql`${disputeReports.orgId} = ${uuid(2)} and ${disputeReports.period} = ${keys[10]}`);
    expect(a.firstReceivedAt.getTime()).toBe(oct.getTime());
    await check("150522");

    // A correction (content only) changes nothing; moving many first receipts at once, and deletes, do.
    await db
      .update(disputeReports)
      .set({ version: 2, note: "更正" })
      .where(eq(disputeReports.orgId, uuid(4)));
    await db
      .update(disputeReports)
      .set({ firstReceivedAt: sql`${disputeReports.firstReceivedAt} + interval '3 days'` })
      .where(eq(disputeReports.regionCode, "150522101201"));
    await db.delete(disputeReports).where(eq(disputeReports.regionCode, "150522100204"));
    await db.delete(disputeReportUnits).where(eq(disputeReportUnits.orgId, uuid(13)));
    for (const r of ["150522", "150522100", "150522101", "150522102"]) await check(r);
    const own = (await check("150522")).children.find((c) => c.regionCode === "150522");
    expect(own?.regionName).toContain("（本级）");
    expect(own?.units).toBe(2);
  });
});
