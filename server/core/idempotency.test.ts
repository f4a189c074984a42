import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, loginAdmin } from "../test/fixtures.js";
import { createTestApp, type TestApp } from "../test/harness.js";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

describe("idempotency keys on every write route", () => {
  let h: TestApp;
  let admin: Client;
  const orgCount = async (name: string) =>
    (await h.deps.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM orgs WHERE name = ${name}`)).rows[0].n;
  const createOrg = (name: string, key: string) =>
    admin.req("/api/orgs", {
      method: "POST",
      headers: { "idempotency-key": key },
      body: { name, type: "party_gov", regionCode: "150522" },
    });

  beforeAll(async () => {
    h = await createTestApp();
    admin = await loginAdmin(h);
  });
  afterAll(() => h?.close());

  it("a second identical create with the same key returns the first result and makes no second record", async () => {
    const key = "0f3c5a1e-8d2b-4c7e-9a10-5b6c7d8e9f01";
    const first = await createOrg("幂等测试民族事务委员会", key);
    expect(first.statusCode, first.body).toBe(200);
    const again = await createOrg("幂等测试民族事务委员会", key);
    expect([again.statusCode, again.headers["idempotent-replayed"]]).toEqual([200, "true"]);
    expect(again.json()).toEqual(first.json());
    expect(await orgCount("幂等测试民族事务委员会")).toBe(1);
    // Without a key, or with a new one, the same request is a new request (here: a duplicate name refused).
    expect(
      (await createOrg("幂等测试民族事务委员会", "another-key-0001")).headers["idempotent-replayed"],
    ).toBeUndefined();
  });

  it("the same key for a different request is a 422; an error answer is not kept, so a corrected retry runs", async () => {
    const key = "key-reuse-test-0001";
    expect((await createOrg("幂等测试甲", key)).statusCode).toBe(200);
    const other = await createOrg("幂等测试乙", key);
    expect([other.statusCode, other.json().error.code]).toEqual([422, "IDEMPOTENCY_KEY_REUSED"]);
    expect(await orgCount("幂等测试乙")).toBe(0);
    const bad = await admin.req("/api/orgs", {
      method: "POST",
      headers: { "idempotency-key": "key-retry-after-error" },
      body: { name: "幂等测试丙", type: "party_gov", regionCode: "999999" },
    });
    expect(bad.statusCode).toBeGreaterThanOrEqual(400);
    const fixed = await admin.req("/api/orgs", {
      method: "POST",
      headers: { "idempotency-key": "key-retry-after-error" },
      body: { name: "幂等测试丙", type: "party_gov", regionCode: "999999" },
    });
    expect(fixed.headers["idempotent-replayed"]).toBeUndefined();
  });

  it("two identical sends at once make one record: the other gets the first answer or waits its turn (409)", async () => {
    const key = "parallel-send-0001";
    const results = await Promise.all([createOrg("幂等并发测试", key), createOrg("幂等并发测试", key)]);
    expect(results.map((r) => r.statusCode).sort()).toContain(200);
    for (const r of results) expect([200, 409]).toContain(r.statusCode);
    expect(await orgCount("幂等并发测试")).toBe(1);
  });

  it("keys are per user: another user's key does not replay this one's answer", async () => {
    const key = "per-user-key-0001";
    expect((await createOrg("幂等用户测试", key)).statusCode).toBe(200);
    const anon = await h.app.inject({
      method: "POST",
      url: "/api/orgs",
      headers: { "idempotency-key": key },
      payload: { name: "幂等用户测试", type: "party_gov", regionCode: "150522" },
    });
    expect(anon.statusCode).toBe(401);
  });

  it("every write route but the login checks the key's form first: a malformed key is a 400 naming it", async () => {
    const writes = h.app.routeCatalog.filter((r) => UNSAFE.has(r.method) && r.url !== "/api/auth/login");
    expect(writes.length).toBeGreaterThan(100);
    const failures: string[] = [];
    for (const r of writes) {
      const res = await h.app.inject({
        method: r.method as "POST",
        url: r.url.replace(/:(\w+)/g, "00000000-0000-4000-8000-000000000000"),
        headers: { "idempotency-key": "bad key!" },
        payload: {},
      });
      const field = res.statusCode === 400 ? res.json().error.details?.fields?.[0]?.field : null;
      if (field !== "Idempotency-Key") failures.push(`${r.method} ${r.url} → ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
  });
});
