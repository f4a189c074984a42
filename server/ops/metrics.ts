import crypto from "node:crypto";
import type { IncomingMessage } from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import type { Deps } from "../core/context.js";
import type { App } from "../core/http.js";

/**
 * `/api/metrics` in the Prometheus text format (0.0.4), for the operations role (`system:metrics`: the
 * system administrator, or a monitoring account's read-only API token). Per route pattern — never the raw URL,
 * so ids do not explode the series — requests by status class and a latency histogram; 5xx by error code; the
 * PostgreSQL pool; the job queue by status and the age of the oldest due job; process memory and event-loop
 * delay. Counters are per instance since its start: scrape each instance (docs/operations.md).
 */

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** What node-postgres' Pool exposes about its connections (PostgreSQL only). */
export type PoolStats = { totalCount: number; idleCount: number; waitingCount: number };

type Histogram = { buckets: number[]; sum: number; count: number };

export class Metrics {
  readonly started = Date.now();
  private readonly requests = new Map<string, number>();
  private readonly latency = new Map<string, Histogram>();
  private readonly serverErrors = new Map<string, number>();
  private readonly loopDelay = monitorEventLoopDelay({ resolution: 20 });

  constructor() {
    this.loopDelay.enable();
  }

  observe(method: string, route: string, status: number, seconds: number) {
    const klass = `${Math.floor(status / 100)}xx`;
    const rk = labels({ method, route, status_class: klass });
    this.requests.set(rk, (this.requests.get(rk) ?? 0) + 1);
    const hk = labels({ method, route });
    let h = this.latency.get(hk);
    if (!h) {
      h = { buckets: BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.latency.set(hk, h);
    }
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]) h.buckets[i]++;
    h.sum += seconds;
    h.count++;
  }

  serverError(method: string, route: string, code: string) {
    const k = labels({ method, route, code });
    this.serverErrors.set(k, (this.serverErrors.get(k) ?? 0) + 1);
  }

  stop() {
    this.loopDelay.disable();
  }

  /** The exposition text; `extra` are the gauges read at scrape time (pool, jobs). */
  render(extra: string[]): string {
    const out: string[] = [];
    out.push("# HELP shiliu_http_requests_total HTTP requests answered, by route pattern and status class.");
    out.push("# TYPE shiliu_http_requests_total counter");
    for (const [k, v] of this.requests) out.push(`shiliu_http_requests_total{${k}} ${v}`);
    out.push("# HELP shiliu_http_request_duration_seconds Time to answer, by route pattern.");
    out.push("# TYPE shiliu_http_request_duration_seconds histogram");
    for (const [k, h] of this.latency) {
      BUCKETS.forEach((b, i) => {
        out.push(`shiliu_http_request_duration_seconds_bucket{${k},le="${b}"} ${h.buckets[i]}`);
      });
      out.push(`shiliu_http_request_duration_seconds_bucket{${k},le="+Inf"} ${h.count}`);
      out.push(`shiliu_http_request_duration_seconds_sum{${k}} ${h.sum}`);
      out.push(`shiliu_http_request_duration_seconds_count{${k}} ${h.count}`);
    }
    out.push("# HELP shiliu_http_server_errors_total Answers with status 5xx, by route pattern and error code.");
    out.push("# TYPE shiliu_http_server_errors_total counter");
    for (const [k, v] of this.serverErrors) out.push(`shiliu_http_server_errors_total{${k}} ${v}`);
    const mem = process.memoryUsage();
    out.push(
      "# HELP shiliu_process_resident_memory_bytes Resident memory of this instance.",
      "# TYPE shiliu_process_resident_memory_bytes gauge",
      `shiliu_process_resident_memory_bytes ${mem.rss}`,
      "# HELP shiliu_process_heap_used_bytes V8 heap in use.",
      "# TYPE shiliu_process_heap_used_bytes gauge",
      `shiliu_process_heap_used_bytes ${mem.heapUsed}`,
      "# HELP shiliu_process_uptime_seconds Seconds since this instance started.",
      "# TYPE shiliu_process_uptime_seconds gauge",
      `shiliu_process_uptime_seconds ${(Date.now() - this.started) / 1000}`,
      "# HELP shiliu_event_loop_delay_p99_seconds 99th percentile event-loop delay since the last scrape.",
      "# TYPE shiliu_event_loop_delay_p99_seconds gauge",
      `shiliu_event_loop_delay_p99_seconds ${this.loopDelay.percentile(99) / 1e9}`,
    );
    this.loopDelay.reset();
    out.push(...extra);
    return `${out.join("\n")}\n`;
  }
}

function escapeLabel(v: string) {
  return v.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n");
}

function labels(l: Record<string, string>) {
  return Object.entries(l)
    .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
    .join(",");
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The request id: the proxy's `X-Request-Id` when it is a plain token (nginx `$request_id`), so one id follows a
 * request through proxy and app logs; otherwise a new UUID. Every log line of the request carries it as `reqId`.
 */
export function requestId(req: IncomingMessage): string {
  const given = req.headers["x-request-id"];
  return typeof given === "string" && REQUEST_ID.test(given) ? given : crypto.randomUUID();
}

/** Hooks that count every request and answer with `X-Request-Id`: registered before the other hooks. */
export function registerRequestMetrics(app: App): Metrics {
  const metrics = new Metrics();
  app.addHook("onClose", async () => metrics.stop());
  app.addHook("onRequest", async (req, reply) => {
    reply.header("x-request-id", req.id);
  });
  app.addHook("onResponse", async (req, reply) => {
    const route = req.routeOptions.url ?? "(unmatched)";
    metrics.observe(req.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });
  app.addHook("onError", async (req, reply, err) => {
    const status = reply.statusCode >= 500 ? reply.statusCode : ((err as { statusCode?: number }).statusCode ?? 500);
    if (status < 500) return;
    const code = (err as { code?: unknown }).code;
    metrics.serverError(
      req.method,
      req.routeOptions.url ?? "(unmatched)",
      typeof code === "string" ? code : "INTERNAL",
    );
  });
  return metrics;
}

/** `GET /api/metrics`, mounted with the other routes (after the auth hook). */
export function metricsRoutes(app: App, deps: Deps, metrics: Metrics, opts: { pool?: PoolStats } = {}) {
  app.get(
    "/api/metrics",
    { config: { permission: "system:metrics" }, schema: { tags: ["平台"], summary: "运行指标（Prometheus 格式）" } },
    async (_req, reply) => {
      const extra: string[] = [];
      if (opts.pool) {
        extra.push(
          "# HELP shiliu_db_pool_connections PostgreSQL pool connections: total open, idle, and requests waiting for one.",
          "# TYPE shiliu_db_pool_connections gauge",
          `shiliu_db_pool_connections{state="total"} ${opts.pool.totalCount}`,
          `shiliu_db_pool_connections{state="idle"} ${opts.pool.idleCount}`,
          `shiliu_db_pool_connections{state="waiting"} ${opts.pool.waitingCount}`,
        );
      }
      const now = deps.clock.now().toISOString();
      const { rows } = await deps.db.execute<{ status: string; n: number; oldest: number | null }>(sql`
        SELECT status, count(*)::int AS n,
               extract(epoch FROM (${now}::timestamptz - min(run_at) FILTER (WHERE run_at <= ${now}::timestamptz)))::float8 AS oldest
        FROM jobs GROUP BY status`);
      const byStatus = new Map(rows.map((r) => [r.status, r]));
      extra.push("# HELP shiliu_jobs Background jobs by status.", "# TYPE shiliu_jobs gauge");
      for (const s of ["queued", "running", "done", "failed"])
        extra.push(`shiliu_jobs{status="${s}"} ${byStatus.get(s)?.n ?? 0}`);
      extra.push(
        "# HELP shiliu_jobs_oldest_due_seconds How long the oldest due queued job has waited (0: none).",
        "# TYPE shiliu_jobs_oldest_due_seconds gauge",
        `shiliu_jobs_oldest_due_seconds ${Math.max(0, byStatus.get("queued")?.oldest ?? 0)}`,
      );
      reply.header("content-type", "text/plain; version=0.0.4; charset=utf-8");
      return metrics.render(extra);
    },
  );
}
