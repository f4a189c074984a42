import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { percentile } from "./sql.js";

const require = createRequire(import.meta.url);
const AUTOCANNON = require.resolve("autocannon");

export type LoadOptions = {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  connections: number;
  /** Seconds. */
  duration: number;
};

export type LoadResult = {
  connections: number;
  duration: number;
  requests: number;
  /** Completed requests per second over the run. */
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  /** Autocannon's own summary (whole milliseconds; no p95). */
  autocannon: { p50: number; p97_5: number; p99: number };
  statuses: Record<string, number>;
  non2xx: number;
  errors: number;
  timeouts: number;
};

/**
 * The load generator runs in a worker thread, so it does not share the server's event loop. It
 * records every response time itself: autocannon's summary has no p95.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const autocannon = require(workerData.autocannon);
const times = [];
const statuses = {};
const instance = autocannon(workerData.opts, (err, raw) => {
  if (err) return parentPort.postMessage({ error: String((err && err.stack) || err) });
  // Inside a worker thread autocannon hands back encoded histograms: aggregate them as its main thread would.
  const r = autocannon.aggregateResult([raw], workerData.opts);
  const t = Float64Array.from(times);
  parentPort.postMessage({
    times: t,
    statuses,
    summary: {
      duration: r.duration,
      p50: r.latency.p50, p97_5: r.latency.p97_5, p99: r.latency.p99,
      non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts,
    },
  }, [t.buffer]);
});
instance.on("response", (_client, statusCode, _bytes, responseTime) => {
  times.push(responseTime);
  statuses[statusCode] = (statuses[statusCode] || 0) + 1;
});
`;

type WorkerReply =
  | { error: string }
  | {
      times: Float64Array;
      statuses: Record<string, number>;
      summary: {
        duration: number;
        p50: number;
        p97_5: number;
        p99: number;
        non2xx: number;
        errors: number;
        timeouts: number;
      };
    };

export function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const acOpts = {
    url: opts.url,
    method: opts.method,
    headers: opts.headers,
    body: opts.body,
    connections: opts.connections,
    duration: opts.duration,
    timeout: 30,
  };
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { autocannon: AUTOCANNON, opts: acOpts } });
    worker.once("error", reject);
    worker.once("message", (msg: WorkerReply) => {
      void worker.terminate();
      if ("error" in msg) return reject(new Error(msg.error));
      const sorted = Array.from(msg.times).sort((a, b) => a - b);
      const s = msg.summary;
      resolve({
        connections: opts.connections,
        duration: s.duration,
        requests: sorted.length,
        rps: sorted.length / s.duration,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
        max: sorted[sorted.length - 1] ?? Number.NaN,
        mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
        autocannon: { p50: s.p50, p97_5: s.p97_5, p99: s.p99 },
        statuses: msg.statuses,
        non2xx: s.non2xx,
        errors: s.errors,
        timeouts: s.timeouts,
      });
    });
  });
}
