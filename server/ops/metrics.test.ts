import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, client, loginAdmin } from "../test/fixtures.js";
import { createTestApp, type TestApp } from "../test/harness.js";

/** A sample line of the Prometheus text format: name, optional {labels}, a number. */
const SAMPLE =
  /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})? (-?[0-9.eE+-]+|NaN|\+Inf)$/;

/** Parses the exposition text strictly: every sample belongs to a family declared by # TYPE. */
function parseProm(text: string) {
  const types = new Map<string, string>();
  const samples = new Map<string, number>();
  for (const line of text.trimEnd().split("\n")) {
    if (line.startsWith("# HELP ")) continue;
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      types.set(type[1], type[2]);
      continue;
    }
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`不是 Prometheus 文本格式的行：${line}`);
    const family = m[1].replace(/_(bucket|sum|count)$/, "");
    if (!types.has(m[1]) && types.get(family) !== "histogram") throw new Error(`${m[1]} 没有 # TYPE`);
    samples.set(`${m[1]}${m[2] ?? ""}`, Number(m[3]));
  }
  return { types, samples };
}

describe("/api/metrics and request ids", () => {
  let h: TestApp;
  let admin: Client;
  const logLines: Record<string, unknown>[] = [];
  beforeAll(async () => {
    const logStream = new Writable({
      write(chunk, _enc, done) {
        for (const l of String(chunk).split("\n").filter(Boolean)) logLines.push(JSON.parse(l));
        done();
      },
    });
    h = await createTestApp({ app: { logLevel: "info", logStream } });
    admin = await loginAdmin(h);
  });
  afterAll(() => h?.close());

  it("is for the system:metrics permission (the system admin or a token limited to it), not for anyone", async () => {
    expect((await client(h, null).req("/api/metrics")).statusCode).toBe(401);
    const { token } = await admin.json<{ token: string }>("/api/auth/tokens", {
      method: "POST",
      body: { name: "监控采集", permissions: ["system:metrics"], readOnly: true },
    });
    const viaToken = await client(h, null).req("/api/metrics", { headers: { authorization: `Bearer ${token}` } });
    expect(viaToken.statusCode).toBe(200);
    const other = await client(h, null).req("/api/orgs", { headers: { authorization: `Bearer ${token}` } });
    expect(other.statusCode).toBe(403);
  });

  it("answers in the Prometheus text format and counts each request under its route pattern", async () => {
    const first = await admin.req("/api/metrics");
    expect(first.statusCode).toBe(200);
    expect(first.headers["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
    const before = parseProm(first.body);
    const key = 'shiliu_http_requests_total{method="GET",route="/api/orgs/:id",status_class="4xx"}';
    const countKey = 'shiliu_http_request_duration_seconds_count{method="GET",route="/api/orgs/:id"}';
    const missing = "00000000-0000-4000-8000-000000000000";
    expect((await admin.req(`/api/orgs/${missing}`)).statusCode).toBe(404);
    expect((await admin.req(`/api/orgs/${missing.replace(/0$/, "1")}`)).statusCode).toBe(404);
    const after = parseProm((await admin.req("/api/metrics")).body);
    expect((after.samples.get(key) ?? 0) - (before.samples.get(key) ?? 0)).toBe(2);
    expect((after.samples.get(countKey) ?? 0) - (before.samples.get(countKey) ?? 0)).toBe(2);
    // The raw URL with the id never becomes a series.
    expect([...after.samples.keys()].some((k) => k.includes(missing))).toBe(false);
    expect(after.types.get("shiliu_http_request_duration_seconds")).toBe("histogram");
    // Histogram buckets are cumulative and end at +Inf = count.
    const buckets = [...after.samples.entries()]
      .filter(([k]) => k.startsWith('shiliu_http_request_duration_seconds_bucket{method="GET",route="/api/orgs/:id",'))
      .map(([, v]) => v);
    expect(buckets).toEqual([...buckets].sort((a, b) => a - b));
    expect(buckets.at(-1)).toBe(after.samples.get(countKey));
    for (const s of ["queued", "running", "done", "failed"])
      expect(after.samples.get(`shiliu_jobs{status="${s}"}`)).toBeGreaterThanOrEqual(0);
    expect(after.samples.get("shiliu_jobs_oldest_due_seconds")).toBeGreaterThanOrEqual(0);
    if (h.kind === "postgres")
      expect(after.samples.get('shiliu_db_pool_connections{state="total"}')).toBeGreaterThan(0);
  });

  it("sends X-Request-Id and logs every line of the request as JSON with that reqId", async () => {
    const res = await admin.req("/api/auth/me");
    const id = res.headers["x-request-id"];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const lines = logLines.filter((l) => l.reqId === id);
    expect(lines.map((l) => l.msg)).toEqual(["incoming request", "request completed"]);
    // A proxy's plain id is kept; anything else is replaced.
    const given = await admin.req("/api/auth/me", { headers: { "x-request-id": "nginx-7f3a9c" } });
    expect(given.headers["x-request-id"]).toBe("nginx-7f3a9c");
    const odd = await admin.req("/api/auth/me", { headers: { "x-request-id": "a b\u00e9" } });
    expect(odd.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    // Refusals carry it too.
    expect((await client(h, null).req("/api/metrics")).headers["x-request-id"]).toBeTruthy();
    expect(logLines.every((l) => typeof l.level === "number" && typeof l.time === "number")).toBe(true);
  });
});
