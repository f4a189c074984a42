import type { LoadResult } from "./load.js";
import type { Timing } from "./sql.js";

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
  /** Captured statements, with EXPLAIN ANALYZE when --explain. */
  statements?: { text: string; params: unknown[]; plan?: string[] }[];
  ratios: {
    p50OverRaw: number | null;
    p50At1OverRaw: number | null;
    serviceOverRaw: number | null;
    throughputOfNoop: number | null;
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
    "p50",
    "p95",
    "p99",
    "p50@1c",
    "svc p50",
    "raw p50",
    "raw p95",
    "p50÷raw",
    "p50@1c÷raw",
    "% noop",
  ];
  const rows = run.scenarios.map((s) =>
    s.error
      ? [s.name, `失败: ${s.error}`]
      : [
          s.name,
          num(s.http?.rps),
          ms(s.http?.p50),
          ms(s.http?.p95),
          ms(s.http?.p99),
          ms(s.http1?.p50),
          ms(s.service?.p50),
          ms(s.raw?.p50),
          ms(s.raw?.p95),
          ratio(s.ratios.p50OverRaw),
          ratio(s.ratios.p50At1OverRaw),
          pct(s.ratios.throughputOfNoop),
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
    `   latency in ms; req/s and p50/p95/p99 at ${opts.connections} connections, p50@1c at one connection`,
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
    const mark = g.ok === null ? "?" : g.ok ? "✓" : "✗";
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

export function goalsOf(scenarios: ScenarioResult[]): Goal[] {
  const list = scenarios.find((s) => s.name === "orgs-city");
  const noop = scenarios.find((s) => s.name === "noop");
  const goals: Goal[] = [];
  const r10 = list?.ratios.p50OverRaw ?? null;
  const r1 = list?.ratios.p50At1OverRaw ?? null;
  goals.push({
    label: "scoped org list p50 ÷ raw SQL p50",
    value: r10,
    goal: "≤ 1.5",
    ok: r10 == null ? null : r10 <= 1.5,
    detail:
      list?.http && list.raw
        ? `${ratio(r10)} at ${list.http.connections} connections (${ms(list.http.p50)} ms ÷ ${ms(list.raw.p50)} ms); ` +
          `${ratio(r1)} at 1 connection (${ms(list.http1?.p50)} ms)${r1 != null ? (r1 <= 1.5 ? " ✓" : " ✗") : ""}`
        : "n.a.",
  });
  const t = list?.ratios.throughputOfNoop ?? null;
  goals.push({
    label: "authenticated list throughput ÷ noop throughput",
    value: t,
    goal: "≥ 30%",
    ok: t == null ? null : t >= 0.3,
    detail: list?.http && noop?.http ? `${pct(t)} (${num(list.http.rps)} ÷ ${num(noop.http.rps)} req/s)` : "n.a.",
  });
  return goals;
}
