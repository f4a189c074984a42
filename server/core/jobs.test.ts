import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../db/client.js";
import { createTestApp, type TestApp } from "../test/harness.js";
import { JobRunner } from "./jobs.js";

describe("job runner", () => {
  let h: TestApp & { databaseUrl?: string };
  beforeAll(async () => {
    h = await createTestApp();
  });
  afterAll(() => h?.close());

  it("runs each queued job exactly once with two runners claiming side by side", async () => {
    // On PostgreSQL the second runner has its own pool, so the claims really race.
    const other = h.databaseUrl ? await openDatabase({ databaseUrl: h.databaseUrl }) : null;
    const ran: string[] = [];
    const make = (db: typeof h.deps.db) => {
      const r = new JobRunner(db, h.clock);
      r.register("test.count", async (p) => {
        await new Promise((res) => setTimeout(res, 2));
        ran.push(String(p.n));
      });
      return r;
    };
    const a = make(h.deps.db);
    const b = make(other?.db ?? h.deps.db);
    try {
      for (let n = 0; n < 40; n++) await a.enqueue("test.count", { n });
      for (let i = 0; i < 10; i++) await Promise.all([a.tick(5), b.tick(5)]);
      expect(ran.length).toBe(40);
      expect(new Set(ran).size).toBe(40);
      const left = await h.deps.db.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM jobs WHERE kind = 'test.count' AND status <> 'done'`,
      );
      expect(left.rows[0].n).toBe(0);
    } finally {
      await other?.close();
    }
  });

  it("retries a failing job with back-off, then marks it failed", async () => {
    const r = new JobRunner(h.deps.db, h.clock);
    let calls = 0;
    r.register("test.fail", async () => {
      calls++;
      throw new Error("故意失败");
    });
    const id = await r.enqueue("test.fail");
    await r.tick();
    expect(calls).toBe(1);
    await r.tick();
    expect(calls).toBe(1); // not due yet
    for (let i = 0; i < 3; i++) {
      h.clock.advanceMinutes(10);
      await r.tick();
    }
    expect(calls).toBe(3);
    const row = await h.deps.db.execute<{ status: string; last_error: string }>(
      sql`SELECT status, last_error FROM jobs WHERE id = ${id}`,
    );
    expect(row.rows[0]).toEqual({ status: "failed", last_error: "故意失败" });
  });

  it("a schedule enqueues one job per interval, however many instances tick", async () => {
    const a = new JobRunner(h.deps.db, h.clock);
    const b = new JobRunner(h.deps.db, h.clock);
    let runs = 0;
    for (const r of [a, b]) r.register("test.hourly", async () => void runs++);
    await a.schedule("test-hourly", "test.hourly", 3600);
    await Promise.all([a.tick(), b.tick()]);
    await Promise.all([a.tick(), b.tick()]);
    expect(runs).toBe(1);
    h.clock.advanceMinutes(61);
    await Promise.all([a.tick(), b.tick()]);
    await Promise.all([a.tick(), b.tick()]);
    expect(runs).toBe(2);
  });
});
