import { type SQL, sql } from "drizzle-orm";
import type { Logger } from "drizzle-orm/logger";
import type { Deps } from "../server/core/context.js";
import type { Db } from "../server/db/client.js";
import type { BenchActors, BenchData } from "./types.js";

export type Statement = { text: string; params: unknown[] };

type SessionWithLogger = { logger?: Logger; options?: { logger?: Logger } };

/**
 * Runs `fn` and returns the statements it sent through `db`, as Drizzle hands them to the driver
 * (SQL text and bound parameters). Drizzle's query logger is swapped in for the duration; nothing else
 * may use the database meanwhile.
 */
export async function captureSql(db: Db, fn: () => Promise<unknown>): Promise<Statement[]> {
  const session = (db as unknown as { session?: SessionWithLogger }).session;
  if (!session?.logger) throw new Error("无法挂接 Drizzle 的查询日志（session.logger 不存在）");
  const captured: Statement[] = [];
  const logger: Logger = { logQuery: (text, params) => captured.push({ text, params: [...params] }) };
  const before = { logger: session.logger, options: session.options?.logger };
  session.logger = logger;
  if (session.options) session.options.logger = logger;
  try {
    await fn();
  } finally {
    session.logger = before.logger;
    if (session.options) session.options.logger = before.options;
  }
  return captured;
}

/** A statement's text with its `$n` placeholders bound again, as a Drizzle `sql` object for `db.execute`. */
export function toSql(stmt: Statement): SQL {
  const out = sql.empty();
  const re = /\$(\d+)/g;
  let last = 0;
  for (let m = re.exec(stmt.text); m; m = re.exec(stmt.text)) {
    out.append(sql.raw(stmt.text.slice(last, m.index)));
    out.append(sql`${stmt.params[Number(m[1]) - 1]}`);
    last = m.index + m[0].length;
  }
  out.append(sql.raw(stmt.text.slice(last)));
  return out;
}

/**
 * The raw-SQL floor of a service call: the first run captures the statements `service` sends; every
 * run then executes exactly those statements through `deps.db.execute` (no query building, no row
 * mapping, no HTTP). `parallel` issues them together, as a service using Promise.all does.
 */
export function replaySqlOf(
  service: (deps: Deps, actors: BenchActors, data: BenchData) => Promise<unknown>,
  opts: { parallel?: boolean } = {},
) {
  const cache = new WeakMap<Db, Statement[]>();
  const replay = async (deps: Deps, actors: BenchActors, data: BenchData) => {
    let stmts = cache.get(deps.db);
    if (!stmts) {
      stmts = await captureSql(deps.db, () => service(deps, actors, data));
      if (stmts.length === 0) throw new Error("服务调用没有发出任何 SQL");
      cache.set(deps.db, stmts);
    }
    if (opts.parallel) await Promise.all(stmts.map((s) => deps.db.execute(toSql(s))));
    else for (const s of stmts) await deps.db.execute(toSql(s));
  };
  replay.statements = (db: Db) => cache.get(db) ?? [];
  return replay;
}

/** `EXPLAIN (ANALYZE, BUFFERS)` of a captured statement, as text lines. */
export async function explain(db: Db, stmt: Statement): Promise<string[]> {
  const res = await db.execute<Record<string, string>>(
    toSql({ text: `EXPLAIN (ANALYZE, BUFFERS) ${stmt.text}`, params: stmt.params }),
  );
  return res.rows.map((r) => Object.values(r)[0]);
}

export type Timing = { n: number; p50: number; p95: number; mean: number; min: number; max: number };

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Sequential runs of `fn` (after `warmup` unmeasured ones): up to `runs`, stopping after `maxMs`. */
export async function timeRuns(
  fn: () => Promise<unknown>,
  opts: { runs: number; maxMs: number; warmup?: number },
): Promise<Timing> {
  for (let i = 0; i < (opts.warmup ?? 3); i++) await fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < opts.runs && performance.now() - start < opts.maxMs) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return {
    n: times.length,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    mean: times.reduce((s, t) => s + t, 0) / times.length,
    min: times[0],
    max: times[times.length - 1],
  };
}

/** Many callers at once: throughput and latency of `fn` run by `concurrency` loops for `seconds`. */
export type ConcurrentTiming = Timing & { concurrency: number; seconds: number; rps: number };

/**
 * The raw floor under the same concurrency as the route: `concurrency` loops each call `fn` back to back for
 * `seconds` (after `warmupSeconds`), through the same pool the server uses, so route ÷ raw compares like with like
 * (queueing for connections included on both sides).
 */
export async function timeConcurrent(
  fn: () => Promise<unknown>,
  opts: { concurrency: number; seconds: number; warmupSeconds?: number },
): Promise<ConcurrentTiming> {
  const loop = async (until: number, times: number[] | null) => {
    while (performance.now() < until) {
      const t0 = performance.now();
      await fn();
      times?.push(performance.now() - t0);
    }
  };
  const workers = (until: number, times: number[] | null) =>
    Promise.all(Array.from({ length: opts.concurrency }, () => loop(until, times)));
  if (opts.warmupSeconds) await workers(performance.now() + opts.warmupSeconds * 1000, null);
  const times: number[] = [];
  const start = performance.now();
  await workers(start + opts.seconds * 1000, times);
  const elapsed = (performance.now() - start) / 1000;
  times.sort((a, b) => a - b);
  return {
    concurrency: opts.concurrency,
    seconds: elapsed,
    rps: times.length / elapsed,
    n: times.length,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    mean: times.reduce((s, t) => s + t, 0) / times.length,
    min: times[0],
    max: times[times.length - 1],
  };
}
