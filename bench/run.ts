/**
 * The benchmark: `npm run bench -- --scale banner|province [--db pglite|postgres|both] [--duration 5]`.
 *
 * For each database (in-memory PGlite always; PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL
 * names a server, on a throw-away database created and dropped here) it generates the dataset of the
 * scale, starts the real application on 127.0.0.1, and runs every module's scenarios (bench/scenarios/)
 * with autocannon. Each scenario is also timed as a direct service call and as its raw SQL, and every
 * throughput is set against the no-op route of the same run, so the ratios hold on a noisy machine.
 * Figures are printed and saved to bench/results/latest.json.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import pg from "pg";
import { buildApp } from "../server/app.js";
import { bootstrap } from "../server/bootstrap.js";
import type { Deps } from "../server/core/context.js";
import type { App } from "../server/core/http.js";
import { forgetCachedSessions } from "../server/modules/identity/session.service.js";
import { signInActors } from "./actors.js";
import { generateDataset, SCALES } from "./generate.js";
import { runLoad } from "./load.js";
import { unsteady, withLoadAvg } from "./loadavg.js";
import { generateNation, type NationSizes, nationSizes } from "./nation.js";
import { type DbRun, formatRun, goalsOf, type ScenarioResult } from "./report.js";
import { loadModules } from "./scenarios/index.js";
import { captureSql, explain, timeConcurrent, timeRuns } from "./sql.js";
import type { BenchActors, BenchData, BenchModule, Scale, ScaleName, Scenario } from "./types.js";

const here = path.dirname(fileURLToPath(import.meta.url));

type Options = {
  /** The dataset generateDataset and the modules' generators write (province for the nation scale). */
  scale: Scale;
  /** banner | province | nation: names the run and its results file. */
  scaleLabel: string;
  /** --scale nation: the country's totals the rest of the country is generated up to (bench/nation.ts). */
  nation: (NationSizes & { fraction: number }) | null;
  db: "pglite" | "postgres" | "both";
  databaseUrl: string | null;
  duration: number;
  latencyDuration: number;
  warmup: number;
  connections: number;
  rawRuns: number;
  rawSeconds: number;
  pool: number;
  /** Extra attempts of a scenario whose load average moved a lot while it ran. */
  repeats: number;
  only: string[] | null;
  /** Modules whose generators run (default all): a run of a few scenarios skips the data nobody reads. */
  generate: string[] | null;
  explain: boolean;
  out: string;
};

/** A mistake in the command line: printed without a stack. */
class UsageError extends Error {}

const USAGE = `npm run bench -- [--scale banner|province|nation] [--db pglite|postgres|both] [--duration 5]
  [--latency-duration 3] [--warmup 1] [--connections 10] [--raw-runs 200] [--raw-seconds 3] [--pool 10]
  [--repeats 2] [--only noop,orgs-city] [--generate creation,plans] [--explain] [--out bench/results/latest.json]
  [--nation-fraction 1] [--nation-tables orgs,users,designations]
Environment (npm may swallow flags): BENCH_SCALE, BENCH_DB, BENCH_DURATION, BENCH_ONLY, BENCH_EXPLAIN;
PostgreSQL server: BENCH_DATABASE_URL or TEST_DATABASE_URL (a temporary database is created there and dropped).`;

function parseArgs(argv: string[]): Options {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    }
    if (!a.startsWith("--")) throw new UsageError(`未知参数：${a}\n${USAGE}`);
    const eq = a.indexOf("=");
    if (eq > 0) flags.set(a.slice(2, eq), a.slice(eq + 1));
    else if (a === "--explain") flags.set("explain", "1");
    else {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`参数 ${a} 缺少取值\n${USAGE}`);
      flags.set(a.slice(2), v);
      i++;
    }
  }
  const known = [
    "scale",
    "db",
    "duration",
    "latency-duration",
    "warmup",
    "connections",
    "raw-runs",
    "raw-seconds",
    "pool",
    "repeats",
    "only",
    "explain",
    "out",
    "nation-fraction",
    "generate",
    "nation-tables",
  ];
  for (const k of flags.keys()) if (!known.includes(k)) throw new UsageError(`未知参数：--${k}\n${USAGE}`);
  const env = process.env;
  const scaleLabel = flags.get("scale") ?? env.BENCH_SCALE ?? "banner";
  const isNation = scaleLabel === "nation";
  if (!isNation && !Object.hasOwn(SCALES, scaleLabel))
    throw new UsageError(`--scale 应为 ${[...Object.keys(SCALES), "nation"].join("|")}，收到 ${scaleLabel}`);
  const databaseUrl = env.BENCH_DATABASE_URL || env.TEST_DATABASE_URL || null;
  const db = (flags.get("db") ??
    env.BENCH_DB ??
    (isNation ? "postgres" : databaseUrl ? "both" : "pglite")) as Options["db"];
  if (!["pglite", "postgres", "both"].includes(db)) throw new UsageError(`--db 应为 pglite|postgres|both，收到 ${db}`);
  if (isNation && db !== "postgres")
    throw new UsageError(
      "--scale nation 只在 PostgreSQL 上运行（--db postgres）：PGlite 是单连接的进程内数据库，装不下千万行的数据集，生成器也依赖 psql 的 COPY",
    );
  if (db !== "pglite" && !databaseUrl)
    throw new UsageError("--db postgres/both 需要 BENCH_DATABASE_URL 或 TEST_DATABASE_URL");
  const number = (key: string, envValue: string | undefined, dflt: number) => {
    const raw = flags.get(key) ?? envValue;
    const n = raw === undefined ? dflt : Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${key} 应为非负数，收到 ${raw}`);
    return n;
  };
  const only = flags.get("only") ?? env.BENCH_ONLY;
  const fraction = number("nation-fraction", env.BENCH_NATION_FRACTION, 1);
  const tableKeys = ["orgs", "users", "designations", "planReports", "activities", "serviceRequests"] as const;
  const nationTables = (flags
    .get("nation-tables")
    ?.split(",")
    .map((x) => x.trim()) ?? null) as (typeof tableKeys)[number][] | null;
  const badTables = (nationTables ?? []).filter((x) => !(tableKeys as readonly string[]).includes(x));
  if (badTables.length)
    throw new UsageError(`--nation-tables 应取自 ${tableKeys.join(",")}，收到 ${badTables.join(",")}`);
  if (isNation && (fraction <= 0 || fraction > 1))
    throw new UsageError(`--nation-fraction 应在 (0, 1] 内，收到 ${fraction}`);
  return {
    // The nation scale is 内蒙古's province dataset plus the rest of the country (bench/nation.ts).
    scale: SCALES[isNation ? "province" : (scaleLabel as ScaleName)],
    scaleLabel,
    nation: isNation ? { ...nationSizes(fraction, nationTables), fraction } : null,
    db,
    databaseUrl,
    duration: number("duration", env.BENCH_DURATION, 5),
    latencyDuration: number("latency-duration", undefined, 3),
    warmup: number("warmup", undefined, 1),
    connections: Math.max(1, number("connections", undefined, 10)),
    rawRuns: Math.max(1, number("raw-runs", undefined, 200)),
    rawSeconds: number("raw-seconds", undefined, 3),
    pool: Math.max(1, number("pool", undefined, 10)),
    repeats: Math.floor(number("repeats", undefined, 2)),
    only: only ? only.split(",").map((s) => s.trim()) : null,
    generate:
      flags
        .get("generate")
        ?.split(",")
        .map((s) => s.trim()) ?? null,
    explain: flags.has("explain") || env.BENCH_EXPLAIN === "1",
    out: path.resolve(flags.get("out") ?? path.join(here, "results", "latest.json")),
  };
}

const started = Date.now();
const log = (msg: string) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${msg}`);

/** A throw-away database on the PostgreSQL server (as server/test/harness.ts does for tests). */
async function createTempDatabase(baseUrl: string) {
  const name = `shiliu_bench_${crypto.randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Cleanups still owed (temporary databases); run on Ctrl-C as well. */
const cleanups = new Set<() => Promise<void>>();
process.once("SIGINT", () => {
  log("interrupted: cleaning up");
  void Promise.allSettled([...cleanups].map((c) => c())).finally(() => process.exit(130));
});

const pathOf = (s: Scenario, data: BenchData) => (typeof s.path === "function" ? s.path(data) : s.path);

async function runScenario(
  s: Scenario,
  env: { app: App; deps: Deps; actors: BenchActors; data: BenchData; baseUrl: string },
  opts: Options,
): Promise<ScenarioResult> {
  const { app, deps, actors, data } = env;
  const url = pathOf(s, data);
  const headers: Record<string, string> = {};
  if (s.as) {
    const actor = actors[s.as];
    if (!actor) throw new Error(`场景 ${s.name} 需要 ${s.as} 用户，但数据生成时没有创建`);
    headers.cookie = actor.cookie;
  }
  const bodyValue = typeof s.body === "function" ? s.body(data, actors) : s.body;
  const body = bodyValue === undefined ? undefined : JSON.stringify(bodyValue);
  if (body !== undefined) headers["content-type"] = "application/json";
  const result: ScenarioResult = {
    name: s.name,
    description: s.description,
    method: s.method,
    path: url,
    as: s.as,
    sample: { status: 0 },
    http: null,
    http1: null,
    service: null,
    raw: null,
    rawLabel: s.rawLabel ?? "the route's SQL via db.execute",
    rawConcurrent: null,
    load: null,
    ratios: {
      p50OverRaw: null,
      p50At1OverRaw: null,
      serviceOverRaw: null,
      throughputOfNoop: null,
      throughputOverRaw: null,
      p95OverRaw: null,
    },
  };
  const expect = s.expectStatus ?? 200;
  const probe = await app.inject({ method: s.method, url, headers, payload: body });
  result.sample.status = probe.statusCode;
  if (probe.statusCode !== expect) {
    result.error = `探测请求返回 ${probe.statusCode}（应为 ${expect}）：${probe.body.slice(0, 200)}`;
    return result;
  }
  try {
    const json = probe.json() as unknown;
    if (Array.isArray(json)) result.sample.items = json.length;
    else if (json && typeof json === "object") {
      const o = json as { total?: unknown; items?: unknown };
      if (typeof o.total === "number") result.sample.total = o.total;
      if (Array.isArray(o.items)) result.sample.items = o.items.length;
    }
  } catch {
    // not JSON: nothing to note
  }

  const load = { url: env.baseUrl + url, method: s.method, headers, body };
  const connections = s.connections ?? opts.connections;
  const timing = { runs: s.rawRuns ?? opts.rawRuns, maxMs: opts.rawSeconds * 1000 };
  const service = s.service;
  const raw = s.raw;
  // The replay captures its statements on its first call, which must not run concurrently with another.
  if (raw) await raw(deps, actors, data);
  // Everything timed, under one load-average watch: the route at N connections, its raw SQL at the same N
  // (like with like: queueing for the pool on both sides), then one connection and the sequential floors.
  const measure = async () => {
    if (opts.warmup > 0) await runLoad({ ...load, connections, duration: opts.warmup });
    const http = await runLoad({ ...load, connections, duration: opts.duration });
    const rawConcurrent = raw
      ? await timeConcurrent(() => raw(deps, actors, data), {
          concurrency: connections,
          seconds: opts.duration,
          warmupSeconds: opts.warmup,
        })
      : null;
    const http1 =
      opts.latencyDuration > 0 ? await runLoad({ ...load, connections: 1, duration: opts.latencyDuration }) : null;
    const svc = service ? await timeRuns(() => service(deps, actors, data), timing) : null;
    const rawSeq = raw ? await timeRuns(() => raw(deps, actors, data), timing) : null;
    return { http, rawConcurrent, http1, svc, rawSeq };
  };
  let best: Awaited<ReturnType<typeof withLoadAvg<Awaited<ReturnType<typeof measure>>>>> | null = null;
  result.attempts = [];
  for (let attempt = 0; attempt <= opts.repeats; attempt++) {
    const m = await withLoadAvg(measure);
    result.attempts.push(m.load);
    const spread = (l: typeof m.load) => l.max - l.min;
    if (!best || spread(m.load) < spread(best.load)) best = m;
    if (!unsteady(m.load)) break;
    if (attempt < opts.repeats)
      console.error(
        `   ${s.name}: load average moved ${m.load.min.toFixed(1)}–${m.load.max.toFixed(1)} during the run; repeating`,
      );
  }
  const m = best!.value;
  result.load = best!.load;
  result.http = m.http;
  result.http1 = m.http1;
  result.service = m.svc;
  result.raw = m.rawSeq;
  result.rawConcurrent = m.rawConcurrent;
  const bad = [result.http, result.http1].find((r) => r && (r.non2xx > 0 || r.errors > 0));
  if (bad) result.error = `负载下出现非 2xx 或错误：${JSON.stringify(bad.statuses)}，errors ${bad.errors}`;
  if (raw) {
    const stmts = await captureSql(deps.db, () => raw(deps, actors, data));
    result.statements = stmts.map((st) => ({ text: st.text, params: st.params }));
    if (opts.explain && service) {
      const issued = await captureSql(deps.db, () => service(deps, actors, data));
      result.statements = [];
      // Reads only (SELECT, or WITH … SELECT without a data-modifying part): EXPLAIN ANALYZE executes the statement.
      const readOnly = (text: string) =>
        /^\s*(select|with)\b/i.test(text) && !/pg_advisory|\b(insert|update|delete)\b/i.test(text);
      for (const st of issued.filter((x) => readOnly(x.text))) {
        result.statements.push({ ...st, plan: await explain(deps.db, st) });
      }
    }
  }
  const rc = result.rawConcurrent;
  result.ratios.throughputOverRaw = rc && result.http ? result.http.rps / rc.rps : null;
  result.ratios.p95OverRaw = rc && result.http ? result.http.p95 / rc.p95 : null;
  const rawP50 = result.raw?.p50 ?? null;
  result.ratios.p50OverRaw = rawP50 && result.http ? result.http.p50 / rawP50 : null;
  result.ratios.p50At1OverRaw = rawP50 && result.http1 ? result.http1.p50 / rawP50 : null;
  result.ratios.serviceOverRaw = rawP50 && result.service ? result.service.p50 / rawP50 : null;
  return result;
}

async function runOnDatabase(kind: "pglite" | "postgres", modules: BenchModule[], opts: Options): Promise<DbRun> {
  let temp: Awaited<ReturnType<typeof createTempDatabase>> | null = null;
  if (kind === "postgres") {
    temp = await createTempDatabase(opts.databaseUrl!);
    cleanups.add(temp.drop);
    log(`postgres: temporary database ${temp.name}`);
  }
  const t0 = Date.now();
  const { database, deps } = await bootstrap({
    databaseUrl: temp?.url,
    dataDir: "memory:",
    // The nation scale loads the whole division tree (665k regions), as a deployment for the country would.
    provinces: opts.nation ? "all" : ["15"],
    adminPassword: `Bench#${crypto.randomBytes(9).toString("base64url")}`,
    fieldKey: crypto.randomBytes(32),
    auditKeys: [crypto.randomBytes(32)],
    auditAnchorDir: fs.mkdtempSync(path.join(os.tmpdir(), "shiliu-bench-anchors-")),
    mfa: "off",
    poolSize: opts.pool,
  });
  let app: App | null = null;
  try {
    const versionRes = await deps.db.execute<{ v: string }>(sql`select version() as v`);
    const serverVersion = String(versionRes.rows[0]?.v ?? "").split(" on ")[0];
    log(
      `${kind}: bootstrapped (${serverVersion}) in ${((Date.now() - t0) / 1000).toFixed(1)} s; generating ${opts.scale.name}`,
    );
    const g0 = Date.now();
    const generators = opts.generate ? modules.filter((m) => opts.generate!.includes(m.name)) : modules;
    const data = await generateDataset(deps, opts.scale, generators, (m) => log(`${kind}: generated ${m}`));
    const provinceMs = Date.now() - g0;
    const nationWritten =
      opts.nation && temp ? await generateNation(deps, temp.url, data, opts.nation, (m) => log(`${kind}: ${m}`)) : null;
    const generation = {
      ms: Date.now() - g0,
      counts: data.counts,
      fingerprint: data.fingerprint,
      ...(nationWritten ? { provinceMs, nationMs: Date.now() - g0 - provinceMs, nationWritten } : {}),
    };
    log(`${kind}: dataset ready in ${(generation.ms / 1000).toFixed(1)} s`);

    app = await buildApp(deps, { benchRoutes: true, loginRateLimit: 1e9 });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    if (!address || typeof address === "string") throw new Error("无法取得监听端口");
    const baseUrl = `http://127.0.0.1:${address.port}`;
    const actors = await signInActors(app, deps, data);

    const all = modules.flatMap((m) => m.scenarios);
    const chosen = opts.only ? all.filter((s) => s.name === "noop" || opts.only!.includes(s.name)) : all;
    const ordered = [...chosen.filter((s) => !s.writes), ...chosen.filter((s) => s.writes)];
    const scenarios: ScenarioResult[] = [];
    for (const s of ordered) {
      log(`${kind}: ${s.name}`);
      try {
        scenarios.push(await runScenario(s, { app, deps, actors, data, baseUrl }, opts));
      } catch (e) {
        scenarios.push({
          name: s.name,
          method: s.method,
          path: pathOf(s, data),
          as: s.as,
          sample: { status: 0 },
          http: null,
          http1: null,
          service: null,
          raw: null,
          rawLabel: "",
          rawConcurrent: null,
          load: null,
          ratios: {
            p50OverRaw: null,
            p50At1OverRaw: null,
            serviceOverRaw: null,
            throughputOfNoop: null,
            throughputOverRaw: null,
            p95OverRaw: null,
          },
          error: (e as Error).message,
        });
      }
    }
    const noopRps = scenarios.find((s) => s.name === "noop")?.http?.rps ?? null;
    for (const s of scenarios) s.ratios.throughputOfNoop = noopRps && s.http ? s.http.rps / noopRps : null;
    return { db: kind, serverVersion, generation, scenarios, goals: goalsOf(scenarios) };
  } finally {
    await app?.close();
    await database.close();
    forgetCachedSessions();
    if (temp) {
      await temp.drop();
      cleanups.delete(temp.drop);
      log(`postgres: dropped ${temp.name}`);
    }
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const modules = await loadModules();
  const names = new Set(modules.flatMap((m) => m.scenarios.map((s) => s.name)));
  const unknown = (opts.only ?? []).filter((n) => !names.has(n));
  if (unknown.length) throw new UsageError(`未知场景：${unknown.join(", ")}；可选：${[...names].join(", ")}`);
  const moduleNames = modules.map((m) => m.name);
  const unknownModules = (opts.generate ?? []).filter((n) => !moduleNames.includes(n));
  if (unknownModules.length)
    throw new UsageError(`--generate 中的未知模块：${unknownModules.join(", ")}；可选：${moduleNames.join(", ")}`);
  const kinds: ("pglite" | "postgres")[] = opts.db === "both" ? ["pglite", "postgres"] : [opts.db];
  const cpus = os.cpus();
  const report = {
    startedAt: new Date(started).toISOString(),
    finishedAt: "",
    scale: opts.nation ? { name: "nation", base: opts.scale, sizes: opts.nation } : opts.scale,
    options: {
      duration: opts.duration,
      latencyDuration: opts.latencyDuration,
      warmup: opts.warmup,
      connections: opts.connections,
      rawRuns: opts.rawRuns,
      rawSeconds: opts.rawSeconds,
      pool: opts.pool,
      repeats: opts.repeats,
      only: opts.only,
      generate: opts.generate,
    },
    machine: {
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? "",
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      loadAverageAtStart: os.loadavg(),
    },
    modules: modules.map((m) => m.name),
    runs: [] as DbRun[],
  };
  log(
    (opts.nation
      ? `scale nation (内蒙古 at province scale, then the country up to ${opts.nation.orgs} orgs, ${opts.nation.users} users, ` +
        `${opts.nation.activities} activities, ${opts.nation.serviceRequests} service requests); `
      : `scale ${opts.scale.name} (${opts.scale.orgs} orgs, ${opts.scale.users} users under ${opts.scale.root}); `) +
      `databases: ${kinds.join(", ")}; ${opts.duration} s × ${opts.connections} connections per scenario`,
  );
  // latest.json, and a copy per scale so a banner run does not hide the last province figures.
  const perScale = path.join(path.dirname(opts.out), `${opts.scaleLabel}.json`);
  const save = () => {
    fs.mkdirSync(path.dirname(opts.out), { recursive: true });
    fs.writeFileSync(opts.out, `${JSON.stringify(report, null, 2)}\n`);
    if (perScale !== opts.out) fs.writeFileSync(perScale, `${JSON.stringify(report, null, 2)}\n`);
  };
  let failed = false;
  for (const kind of kinds) {
    const run = await runOnDatabase(kind, modules, opts);
    report.runs.push(run);
    report.finishedAt = new Date().toISOString();
    save();
    console.log(formatRun(run, { connections: opts.connections }).join("\n"));
    console.log("");
    if (run.scenarios.some((s) => s.error)) failed = true;
  }
  log(
    `saved ${path.relative(process.cwd(), opts.out)} (and ${path.basename(perScale)}); total ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  if (failed) process.exitCode = 1;
}

main().catch((e) => {
  if (e instanceof UsageError) {
    console.error(e.message);
    process.exit(2);
  }
  console.error(e);
  void Promise.allSettled([...cleanups].map((c) => c())).finally(() => process.exit(1));
});
