import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../server/test/harness.js";
import { signInActors } from "./actors.js";
import { generateDataset } from "./generate.js";
import { loadModules } from "./scenarios/index.js";
import { captureSql, type Statement } from "./sql.js";
import type { BenchActors, BenchData, Scale, Scenario } from "./types.js";

/**
 * The SQL each benchmark scenario's service sends, kept in bench/sql-snapshots/<scenario>.sql, so a change to a
 * hot query shows in review. The statements are captured as the bench captures its raw-SQL replay: after the
 * service has run once (warm caches), through Drizzle's query logger, parameters left as $n.
 */
const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "sql-snapshots");
const UPDATE = process.env.UPDATE_SNAPSHOTS === "1";
const HOW_TO_UPDATE =
  "若改动是有意的，运行 UPDATE_SNAPSHOTS=1 npx vitest run bench/sql-snapshots.test.ts 更新快照，并在评审中说明";

/** A small dataset of the banner's shape: the statements do not depend on how many rows there are. */
const SCALE: Scale = { name: "banner", orgs: 300, users: 20, root: "150522" };

const modules = await loadModules();
const scenarios = modules.flatMap((m) => m.scenarios);
// As the bench runs them: read-only scenarios first, then those that write.
const ordered = [...scenarios.filter((s) => !s.writes), ...scenarios.filter((s) => s.writes)];

const BREAK_BEFORE =
  /^(from|where|left join|inner join|right join|full join|cross join|join|group by|order by|having|limit|offset|union all|union|returning|values|on conflict)\b/i;

const JOIN_PREFIX = /\b(left|inner|right|full|cross|natural)$/i;

/**
 * One clause per line at the top level of a statement (never inside quotes or brackets), whitespace outside
 * quotes collapsed: readable diffs, and the same text however the query's source is indented.
 */
function layout(text: string): string {
  let out = "";
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    let c = text[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (/\s/.test(c)) {
      if (/\s/.test(text[i + 1] ?? "") || out.endsWith("(") || /^\)/.test(text.slice(i + 1))) continue;
      c = " ";
      if (depth === 0 && BREAK_BEFORE.test(text.slice(i + 1)) && !JOIN_PREFIX.test(out)) {
        out += "\n  ";
        continue;
      }
    }
    out += c;
  }
  return out.trim();
}

function render(s: Scenario, path: string, stmts: Statement[]): string {
  const head = [
    // Ids in the path come from the generated data: shown as :id.
    `-- ${s.name}: ${s.method} ${path.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ":id")}`,
    "-- The statements the route's service sends, in order; parameters as $n.",
    "-- Checked by bench/sql-snapshots.test.ts; update: UPDATE_SNAPSHOTS=1 npx vitest run bench/sql-snapshots.test.ts",
  ];
  return `${[head.join("\n"), ...stmts.map((st, i) => `-- ${i + 1}\n${layout(st.text)};`)].join("\n\n")}\n`;
}

/** The first line where the two texts part, for the failure message. */
function firstDifference(expected: string, actual: string): string {
  const a = expected.split("\n");
  const b = actual.split("\n");
  const i = a.findIndex((line, n) => line !== b[n]);
  const at = i === -1 ? a.length : i;
  return `第 ${at + 1} 行\n  快照：${a[at] ?? "（无）"}\n  现在：${b[at] ?? "（无）"}`;
}

describe("the SQL of the benchmark scenarios matches bench/sql-snapshots", () => {
  let h: TestApp;
  let data: BenchData;
  let actors: BenchActors;
  const produced = new Set<string>();

  beforeAll(async () => {
    h = await createTestApp();
    data = await generateDataset(h.deps, SCALE, modules, () => undefined);
    actors = await signInActors(h.app, h.deps, data);
  });
  afterAll(async () => {
    await h?.close();
  });

  for (const s of ordered.filter((x) => x.service)) {
    it(s.name, async () => {
      const service = s.service!;
      await service(h.deps, actors, data);
      // BEGIN/COMMIT go through the query log on node-postgres but not on PGlite: left out, so one file serves both.
      const stmts = (await captureSql(h.deps.db, () => service(h.deps, actors, data))).filter(
        (st) => !/^\s*(begin|commit|rollback)\b/i.test(st.text),
      );
      if (stmts.length === 0) return; // served from memory (e.g. the division tree): no SQL to keep
      const file = path.join(DIR, `${s.name}.sql`);
      produced.add(path.basename(file));
      const actual = render(s, typeof s.path === "function" ? s.path(data) : s.path, stmts);
      if (UPDATE) {
        fs.mkdirSync(DIR, { recursive: true });
        fs.writeFileSync(file, actual);
        return;
      }
      const expected = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : null;
      if (expected === null)
        throw new Error(`场景 ${s.name} 没有 SQL 快照 bench/sql-snapshots/${s.name}.sql：${HOW_TO_UPDATE}`);
      if (expected !== actual)
        throw new Error(
          `场景 ${s.name} 的 SQL 与快照 bench/sql-snapshots/${s.name}.sql 不同，${firstDifference(expected, actual)}\n${HOW_TO_UPDATE}`,
        );
    });
  }

  it("keeps no snapshot of a scenario that no longer exists or sends no SQL", () => {
    const stale = fs.existsSync(DIR) ? fs.readdirSync(DIR).filter((f) => f.endsWith(".sql") && !produced.has(f)) : [];
    if (UPDATE) for (const f of stale) fs.rmSync(path.join(DIR, f));
    else expect(stale, `这些快照已无对应场景：${HOW_TO_UPDATE}`).toEqual([]);
  });
});
