import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../test/harness.js";
import { revisionCache, revisionSnapshot } from "./revisions.js";

/** The revision cache (server/core/revisions.ts): exact while the counters stand still, one computation at a time. */
describe("revisionCache", () => {
  let h: TestApp;
  beforeAll(async () => {
    h = await createTestApp();
  });
  afterAll(() => h?.close());

  const bump = () =>
    h.deps.db.execute(sql`INSERT INTO data_revisions (key, revision) VALUES ('services', 1)
      ON CONFLICT (key) DO UPDATE SET revision = data_revisions.revision + 1`);

  it("computes once for callers arriving together, and again after a write bumps the counter", async () => {
    const cache = revisionCache<number>({ keys: ["services"], ttlMs: 60_000, size: 10 });
    let runs = 0;
    const compute = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 30));
      return runs;
    };
    const ctx = { db: h.deps.db, clock: h.deps.clock };
    expect(await Promise.all([1, 2, 3, 4, 5].map(() => cache.get(ctx, "k", compute)))).toEqual([1, 1, 1, 1, 1]);
    expect(runs).toBe(1);
    expect(await cache.get(ctx, "k", compute)).toBe(1);
    // Another key is its own entry.
    expect(await cache.get(ctx, "other", compute)).toBe(2);

    await bump();
    expect(await Promise.all([1, 2].map(() => cache.get(ctx, "k", compute)))).toEqual([3, 3]);
    expect(runs).toBe(3);

    // Counters read beforehand for several caches (the dashboard's one round trip) serve the same way.
    const snap = await revisionSnapshot(h.deps.db, ["services", "activities"]);
    expect(await cache.get(ctx, "k", compute, snap)).toBe(3);
    await bump();
    expect(await cache.get(ctx, "k", compute, await revisionSnapshot(h.deps.db, ["services"]))).toBe(4);
  });

  it("does not keep a failed computation: the next caller tries again", async () => {
    const cache = revisionCache<string>({ keys: ["services"], ttlMs: 60_000, size: 10 });
    const ctx = { db: h.deps.db, clock: h.deps.clock };
    await expect(cache.get(ctx, "k", () => Promise.reject(new Error("数据库忙")))).rejects.toThrow("数据库忙");
    expect(await cache.get(ctx, "k", async () => "ok")).toBe("ok");
  });
});
