import type { LoadResult } from "./load.js";
import type { LoadAvg } from "./loadavg.js";
import type { ConcurrentTiming, Timing } from "./sql.js";

export type ScenarioResult = {
  name: string;
  description?: string;
  method: string;
  path: string;
  as: string | null;
  /** What one request returned before the load (status, and list size where there is one). */
  sample: { status: number; total?: number; items?: number };
  /** Under load at --connections. */
  http: LoadResult | null;
  /** One connection: the latency of a request that does not queue behind others. */
  http1: LoadResult | null;
  /** The service function called directly, sequentially. */
  service: Timing | null;
  /** The route's SQL (or other floor, see rawLabel) run directly, sequentially. */
  raw: Timing | null;
  rawLabel: string;
  /** The raw SQL at the route's concurrency (same pool): the fair floor for throughput and p95. */
  rawConcurrent: ConcurrentTiming | null;
  /** The machine's 1-minute load average over the kept attempt, and over every attempt. */
  load: LoadAvg | null;
  attempts?: LoadAvg[];
  /** Captured statements, with EXPLAIN ANALYZE when --explain. */
  statements?: { text: string; params: unknown[]; plan?: string[] }[];
  ratios: {
    p50OverRaw: number | null;
    p50At1OverRaw: number | null;
    serviceOverRaw: number | null;
    throughputOfNoop: number | null;
    /** Route req/s ÷ raw-SQL calls/s, both at the same concurrency. */
    throughputOverRaw: number | null;
    /** Route p95 ÷ raw-SQL p95, both at the same concurrency. */
    p95OverRaw: number | null;
  };
  error?: string;
};

export type Goal = { label: string; value: number | null; goal: string; ok: boolean | null; detail: string };

export type DbRun = {
  db: "pglite" | "postgres";
  serverVersion: string;
  generation: { ms: number; counts: Record<string, number>; fingerprint: string };
  scenarios: ScenarioResult[];
  goals: Goal[];
};

const ms = (v: number | null | undefined) =>
  v == null || Number.isNaN(v) ? "n.a." : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
const ratio = (v: number | null) => (v == null || !Number.isFinite(v) ? "n.a." : `${v.toFixed(2)}×`);
const pct = (v: number | null) => (v == null || !Number.isFinite(v) ? "n.a." : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null | undefined) => (v == null || Number.isNaN(v) ? "n.a." : v.toFixed(0));

/** The table of one database run, as printable lines. */
export function formatRun(run: DbRun, opts: { connections: number }): string[] {
  const head = [
    "scenario",
    "req/s",
    "raw/s",
    "req÷raw",
    "p50",
    "p95",
    "raw p95",
    "p95÷raw",
    "p50@1c",
    "raw p50@1c",
    "@1c÷raw",
    "load 1m",
  ];
  const loadCell = (s: ScenarioResult) =>
    s.load
      ? `${s.load.start.toFixed(1)}→${s.load.end.toFixed(1)}${s.attempts && s.attempts.length > 1 ? ` (×${s.attempts.length})` : ""}`
      : "n.a.";
  const rows = run.scenarios.map((s) =>
    s.error
      ? [s.name, `失败: ${s.error}`]
      : [
          s.name,
          num(s.http?.rps),
          num(s.rawConcurrent?.rps),
          pct(s.ratios.throughputOverRaw),
          ms(s.http?.p50),
          ms(s.http?.p95),
          ms(s.rawConcurrent?.p95),
          ratio(s.ratios.p95OverRaw),
          ms(s.http1?.p50),
          ms(s.raw?.p50),
          ratio(s.ratios.p50At1OverRaw),
          loadCell(s),
        ],
  );
  const widths = head.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => (r.length === head.length ? r[i].length : 0))),
  );
  const line = (cells: string[]) =>
    cells.length === head.length
      ? cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ")
      : `${cells[0].padEnd(widths[0])}  ${cells[1]}`;
  const out = [
    `── ${run.db} (${run.serverVersion}) — ${Object.entries(run.generation.counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(
        ", ",
      )}; generated in ${(run.generation.ms / 1000).toFixed(1)} s (fingerprint ${run.generation.fingerprint})`,
    `   latency in ms. req/s, p50, p95: the route at ${opts.connections} connections; raw/s, raw p95: its SQL replayed by ${opts.connections} concurrent callers on the same pool (like with like); req÷raw, p95÷raw: route over raw at that concurrency.`,
    "   p50@1c: the route at one connection; raw p50@1c: its SQL run sequentially; @1c÷raw: the app's own overhead. load 1m: the machine's load average at the start→end of the scenario (×n: repeated because it moved a lot).",
    line(head),
    line(head.map((_, i) => "-".repeat(widths[i]))),
    ...rows.map(line),
    "",
  ];
  for (const s of run.scenarios) {
    const extra = [
      s.sample.total !== undefined ? `total ${s.sample.total}` : null,
      s.sample.items !== undefined ? `${s.sample.items} items` : null,
      s.raw ? `raw = ${s.rawLabel} (n=${s.raw.n})` : "raw n.a.",
      s.service ? `svc n=${s.service.n}` : null,
      s.http && (s.http.non2xx || s.http.errors) ? `NON-2XX ${s.http.non2xx} ERRORS ${s.http.errors}` : null,
    ].filter(Boolean);
    out.push(`   ${s.name}: ${s.description ?? `${s.method} ${s.path}`}`);
    out.push(`      ${extra.join("; ")}`);
  }
  out.push("");
  for (const g of run.goals) {
    const mark = g.ok === null ? "·" : g.ok ? "✓" : "✗";
    out.push(`   ${mark} ${g.label} (goal ${g.goal}): ${g.detail}`);
  }
  for (const s of run.scenarios) {
    if (!s.statements?.some((st) => st.plan)) continue;
    out.push("", `   EXPLAIN ANALYZE — ${s.name}`);
    for (const st of s.statements) {
      out.push(`   > ${st.text}`, `     params ${JSON.stringify(st.params)}`);
      for (const l of st.plan ?? []) out.push(`     ${l}`);
    }
  }
  return out;
}

/** Scenarios that are not list, detail or aggregate reads: the p95 goal does not apply to them. */
const P95_EXEMPT = /noop|login/;

export function goalsOf(scenarios: ScenarioResult[]): Goal[] {
  const measured = scenarios.filter((s) => !s.error && s.http);
  const goals: Goal[] = [];
  const p95Scope = measured.filter((s) => !P95_EXEMPT.test(s.name));
  const slow = p95Scope.filter((s) => (s.http?.p95 ?? 0) > 100);
  goals.push({
    label: "every list, detail and aggregate p95 under load (login excepted)",
    value: slow.length,
    goal: "≤ 100 ms",
    ok: p95Scope.length ? slow.length === 0 : null,
    detail: p95Scope.length
      ? slow.length
        ? `${slow.length} of ${p95Scope.length} over: ${slow.map((s) => `${s.name} ${ms(s.http?.p95)}`).join(", ")}`
        : `all ${p95Scope.length} within`
      : "n.a.",
  });
  const withRaw = measured.filter((s) => s.ratios.p50At1OverRaw != null);
  const heavy = withRaw.filter((s) => (s.ratios.p50At1OverRaw ?? 0) > 1.5);
  goals.push({
    label: "single-connection p50 ÷ its SQL p50 (the app's own overhead)",
    value: heavy.length,
    goal: "≤ 1.5×",
    ok: withRaw.length ? heavy.length === 0 : null,
    detail: withRaw.length
      ? heavy.length
        ? `${heavy.length} of ${withRaw.length} over: ${heavy.map((s) => `${s.name} ${ratio(s.ratios.p50At1OverRaw)}`).join(", ")}`
        : `all ${withRaw.length} within`
      : "n.a.",
  });
  const fair = measured.filter((s) => s.ratios.throughputOverRaw != null);
  const lowest = fair.reduce<ScenarioResult | null>(
    (m, s) => (!m || (s.ratios.throughputOverRaw ?? 0) < (m.ratios.throughputOverRaw ?? 0) ? s : m),
    null,
  );
  goals.push({
    label: "route throughput ÷ its SQL's throughput at the same concurrency",
    value: lowest?.ratios.throughputOverRaw ?? null,
    goal: "reported",
    ok: null,
    detail: lowest
      ? `lowest ${pct(lowest.ratios.throughputOverRaw)} (${lowest.name}: ${num(lowest.http?.rps)} ÷ ${num(lowest.rawConcurrent?.rps)} per s)`
      : "n.a.",
  });
  const repeated = measured.filter((s) => (s.attempts?.length ?? 0) > 1);
  if (repeated.length)
    goals.push({
      label: "scenarios repeated because the load average moved during them",
      value: repeated.length,
      goal: "reported",
      ok: null,
      detail: repeated.map((s) => `${s.name} ×${s.attempts?.length}`).join(", "),
    });
  return goals;
}
