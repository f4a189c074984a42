import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { baseFixture, sessionBody } from "./bases.fixtures.js";
import { baseBookings, baseSessions } from "./bases.schema.js";
import { bookSession } from "./booking.service.js";

/**
 * 50 simultaneous bookings for the last 60 seats of a session never sell more than 60: each reserves its seats
 * with one conditional UPDATE in its own transaction (on PostgreSQL, concurrent transactions on a pool; on PGlite
 * they are serialized, and the rule holds the same).
 */
describe("教育基地 booking capacity under concurrency", () => {
  let h: TestApp;
  let sessionId: string;

  beforeAll(async () => {
    h = await createTestApp({ start: "2026-03-02T01:00:00Z" });
    const fx = await baseFixture(h);
    const s = await fx.houqiUnitUser.json(`/api/bases/${fx.base.id}/sessions`, {
      method: "POST",
      body: sessionBody("2026-03-20", 100, 50, "2026-03-01T00:00:00+08:00", "2026-03-19T18:00:00+08:00"),
    });
    sessionId = s.id;
    await bookSession(h.deps, sessionId, {
      bookerOrgName: "先到的学校",
      groupSize: 40,
      contactName: "李老师",
      contactPhone: "13900000000",
    });
  });
  afterAll(async () => h?.close());

  it("sells at most the remaining 60 seats to 50 simultaneous requests", async () => {
    const sizes = Array.from({ length: 50 }, (_, i) => 1 + (i % 4) * 2); // 1, 3, 5, 7 … = 200 people asked
    const results = await Promise.allSettled(
      sizes.map((groupSize, i) =>
        bookSession(h.deps, sessionId, {
          bookerOrgName: `学校${i + 1}`,
          groupSize,
          contactName: "张老师",
          contactPhone: `139${String(i).padStart(8, "0")}`,
        }),
      ),
    );
    const ok = results.flatMap((r, i) => (r.status === "fulfilled" ? [sizes[i]] : []));
    const refused = results.filter((r) => r.status === "rejected");
    for (const r of refused)
      expect((r as PromiseRejectedResult).reason.code, String((r as PromiseRejectedResult).reason)).toBe(
        "SESSION_FULL",
      );
    const sold = ok.reduce((a, b) => a + b, 0);
    expect(sold).toBeLessThanOrEqual(60);
    expect(refused.length).toBeGreaterThan(0);
    const [session] = await h.deps.db.select().from(baseSessions).where(eq(baseSessions.id, sessionId));
    const rows = await h.deps.db.select().from(baseBookings).where(eq(baseBookings.sessionId, sessionId));
    expect(session.booked).toBe(40 + sold);
    expect(rows.reduce((a, b) => a + b.groupSize, 0)).toBe(session.booked);
    expect(session.booked).toBeLessThanOrEqual(session.capacity);
  });
});
