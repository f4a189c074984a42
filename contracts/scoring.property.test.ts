/** Property tests of the scoring engine: random trees and sheets, random expert totals. */
import { describe, expect, it } from "vitest";
import type { GradeScale, IndicatorNodeInput } from "./evaluation.js";
import { fullMarks, withEntry } from "./scoring.fixtures.js";
import {
  finalResult,
  finalScore,
  flattenIndicatorTree,
  type IndicatorSetLike,
  leavesOf,
  roundHalfUpDiv,
  type ScoreEntryLike,
  scoreSheet,
  validateIndicatorNodes,
  validateIndicatorTree,
} from "./scoring.js";

// ---------------------------------------------------------------------------------------------------------
// Property-style tests over random trees and sheets, with a seeded PRNG so a failure is reproducible.

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
type Rand = () => number;
const int = (rand: Rand, lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

const SCALES: GradeScale[] = [
  { A: 1, B: 0.8, C: 0.6, D: 0 },
  { A: 1, B: 0.85, C: 0.7, D: 0.35 },
  { A: 0.95, B: 0.75, C: 0.55, D: 0.15 },
];

type RandomSet = IndicatorSetLike & { gradeScale: GradeScale; leafMaxTenths: Map<string, number> };

/** A random valid set: depth 1-4, 1-5 children per node, max scores mostly in 0.5 steps (some in 0.1). */
function randomSet(rand: Rand): RandomSet {
  const maxDepth = int(rand, 1, 4);
  const withCodes = rand() < 0.5;
  const fine = rand() < 0.3; // 0.1-point steps, where floating sums drift
  const build = (depth: number, parentCode: string | null): IndicatorNodeInput[] =>
    Array.from({ length: int(rand, 1, 5) }, (_, i) => {
      const code = parentCode ? `${parentCode}.${i + 1}` : String(i + 1);
      const base = { title: `指标${code}`, ...(withCodes ? { code, level: depth } : {}) };
      if (depth < maxDepth && rand() < 0.6) {
        const children = build(depth + 1, code);
        return rand() < 0.3 ? { ...base, maxScore: sumMax(children) / 10, children } : { ...base, children };
      }
      if (rand() < 0.1) {
        return { ...base, method: "yes_no" as const, veto: true, maxScore: rand() < 0.5 ? 0 : int(rand, 0, 10) / 2 };
      }
      const tenths = fine ? int(rand, 0, 100) : int(rand, 0, 40) * 5;
      return { ...base, method: pick(rand, ["score", "yes_no", "grade"] as const), maxScore: tenths / 10 };
    });
  let nodes = build(1, null);
  while (sumMax(nodes) === 0) nodes = build(1, null);
  const totalTenths = sumMax(nodes);
  const leafMaxTenths = new Map(leavesOf(nodes).map((l) => [l.code, Math.round((l.maxScore ?? 0) * 10)]));
  return {
    total: totalTenths / 10,
    passLine: int(rand, 0, totalTenths) / 10,
    gradeScale: pick(rand, SCALES),
    nodes,
    leafMaxTenths,
  };
}
function sumMax(nodes: readonly IndicatorNodeInput[]): number {
  return nodes.reduce((s, n) => s + (n.children?.length ? sumMax(n.children) : Math.round((n.maxScore ?? 0) * 10)), 0);
}

/** A random sheet and, computed separately (BigInt for grades), each leaf's expected tenths. */
function randomSheet(rand: Rand, set: RandomSet, answerRate = 1) {
  const entries: ScoreEntryLike[] = [];
  const expected = new Map<string, number>();
  const vetoFailed: string[] = [];
  for (const l of leavesOf(set.nodes)) {
    if (rand() >= answerRate) continue;
    const max = set.leafMaxTenths.get(l.code)!;
    if (l.method === "score") {
      const t = int(rand, 0, max);
      entries.push({ nodeCode: l.code, score: t / 10 });
      expected.set(l.code, t);
    } else if (l.method === "yes_no") {
      const yes = rand() < (l.veto ? 0.8 : 0.5);
      entries.push({ nodeCode: l.code, answer: yes ? "yes" : "no" });
      expected.set(l.code, yes ? max : 0);
      if (l.veto && !yes) vetoFailed.push(l.code);
    } else {
      const g = pick(rand, ["A", "B", "C", "D"] as const);
      entries.push({ nodeCode: l.code, grade: g });
      const f = BigInt(Math.round(set.gradeScale[g] * 100));
      expected.set(l.code, Number((BigInt(max) * f * 2n + 100n) / 200n));
    }
  }
  // Entry order does not matter.
  for (let i = entries.length - 1; i > 0; i--) {
    const j = int(rand, 0, i);
    [entries[i], entries[j]] = [entries[j], entries[i]];
  }
  return { entries, expected, vetoFailed };
}

const isOneDecimal = (v: number) => /^\d+(\.\d)?$/.test(String(v));

describe("property: random trees", () => {
  const TREES = 600;

  it(`${TREES} random sets are valid; breaking the total, a method or a code is reported`, () => {
    const rand = mulberry32(20240501);
    for (let i = 0; i < TREES; i++) {
      const set = randomSet(rand);
      expect(validateIndicatorTree(set)).toEqual([]);
      expect(validateIndicatorTree({ ...set, total: set.total + 0.5 }).map((p) => p.field)).toEqual(["total"]);
      const leaf = leavesOf(set.nodes)[0];
      const broken = structuredClone(set.nodes) as IndicatorNodeInput[];
      let n = broken[0];
      while (n.children?.length) n = n.children[0];
      expect(leaf.title).toBe(n.title);
      n.method = null;
      expect(validateIndicatorNodes(broken)).toEqual([expect.objectContaining({ code: leaf.code, field: "method" })]);
      if (broken.length > 1 && broken[1].code) {
        broken[1].code = broken[0].code;
        expect(
          validateIndicatorNodes(broken).some((p) => p.message.startsWith(`指标编码 ${broken[0].code} 重复`)),
        ).toBe(true);
      }
    }
  });

  it(`sheet totals and subtotals are exact sums over ${TREES} random sets × 4 sheets`, () => {
    const rand = mulberry32(7);
    let vetoFailures = 0;
    let checked = 0;
    let passed = 0;
    for (let i = 0; i < TREES; i++) {
      const set = randomSet(rand);
      for (let s = 0; s < 4; s++) {
        const { entries, expected, vetoFailed } = randomSheet(rand, set, s === 0 ? 0.7 : 1);
        const r = scoreSheet(set, entries, { requireAll: s !== 0 });
        const sum = [...expected.values()].reduce((a, b) => a + b, 0);
        // the sheet total is the sum of the leaf points, exact to 0.1
        expect(r.totalTenths).toBe(sum);
        expect(r.total).toBe(sum / 10);
        expect(isOneDecimal(r.total)).toBe(true);
        // 0 ≤ total ≤ set total
        expect(r.total).toBeGreaterThanOrEqual(0);
        expect(r.totalTenths).toBeLessThanOrEqual(Math.round(set.total * 10));
        // every leaf is its own points, every parent the sum of its children
        for (const { node } of flattenIndicatorTree(set.nodes)) {
          const own = Math.round(r.byNode[node.code] * 10);
          expect(isOneDecimal(r.byNode[node.code])).toBe(true);
          if (node.children.length === 0) expect(own).toBe(expected.get(node.code) ?? 0);
          else expect(own).toBe(node.children.reduce((a, c) => a + Math.round(r.byNode[c.code] * 10), 0));
        }
        // veto failures are reported and mean not passed; otherwise passed iff total ≥ pass line (and complete)
        expect(r.vetoFailed.sort()).toEqual([...vetoFailed].sort());
        const complete = r.missing.length === 0;
        expect(complete).toBe(expected.size === set.leafMaxTenths.size);
        expect(r.passed).toBe(vetoFailed.length === 0 && sum >= Math.round(set.passLine * 10) && (s === 0 || complete));
        if (r.passed) passed++;
        if (vetoFailed.length) {
          vetoFailures++;
          expect(r.passed).toBe(false);
        }
        checked++;
      }
    }
    expect(checked).toBe(TREES * 4);
    // both outcomes and the veto rule were exercised
    expect(vetoFailures).toBeGreaterThan(50);
    expect(passed).toBeGreaterThan(200);
    expect(checked - passed).toBeGreaterThan(200);
  });

  it("a full-marks sheet scores exactly the total and passes iff no veto item fails", () => {
    const rand = mulberry32(99);
    let floatWouldDrift = 0;
    for (let i = 0; i < TREES; i++) {
      const random = randomSet(rand);
      const set = { ...random, gradeScale: { ...random.gradeScale, A: 1 } }; // so that A is full marks
      const full = fullMarks(set);
      const r = scoreSheet(set, full, { requireAll: true });
      expect(r.total).toBe(set.total);
      expect(r.passed).toBe(true);
      const floatSum = leavesOf(set.nodes).reduce((a, l) => a + (l.maxScore ?? 0), 0);
      if (floatSum !== set.total) floatWouldDrift++;
      const vetoes = leavesOf(set.nodes).filter((l) => l.veto);
      if (vetoes.length) {
        const v = pick(rand, vetoes);
        const failed = scoreSheet(set, withEntry(full, { nodeCode: v.code, answer: "no" }), { requireAll: true });
        expect(failed.vetoFailed).toEqual([v.code]);
        expect(failed.passed).toBe(false);
        expect(failed.totalTenths).toBe(Math.round(set.total * 10) - set.leafMaxTenths.get(v.code)!);
      }
    }
    // The trees do include sums where adding floats would have gone wrong.
    expect(floatWouldDrift).toBeGreaterThan(0);
  });

  it("an over-the-max score or a wrong kind of answer on any leaf is a problem naming that leaf", () => {
    const rand = mulberry32(5);
    for (let i = 0; i < TREES; i++) {
      const set = randomSet(rand);
      const leaf = pick(rand, leavesOf(set.nodes));
      const wrong: ScoreEntryLike =
        leaf.method === "score"
          ? { nodeCode: leaf.code, score: (set.leafMaxTenths.get(leaf.code)! + int(rand, 1, 50)) / 10 }
          : leaf.method === "yes_no"
            ? { nodeCode: leaf.code, grade: "A" }
            : { nodeCode: leaf.code, answer: "yes" };
      const r = scoreSheet(set, withEntry(fullMarks(set), wrong));
      expect(r.problems).toHaveLength(1);
      expect(r.problems[0]).toContain(`指标 ${leaf.code}「${leaf.title}」`);
      expect(r.passed).toBe(false);
    }
  });
});

describe("property: expert totals", () => {
  const RUNS = 2000;
  /** The exact mean, rounded half up to hundredths, with BigInt. */
  const refHundredths = (tenths: number[]) => {
    const sum = tenths.reduce((a, b) => a + BigInt(b), 0n);
    const n = BigInt(tenths.length);
    return Number((sum * 20n + n) / (2n * n));
  };

  it(`${RUNS} random panels: bounds, mean below 5, trimmed mean from 5, order-independent`, () => {
    const rand = mulberry32(424242);
    for (let i = 0; i < RUNS; i++) {
      const n = int(rand, 1, 9);
      const tenths = Array.from({ length: n }, () => (rand() < 0.2 ? 900 : int(rand, 0, 1200)));
      const totals = tenths.map((t) => t / 10);
      const r = finalScore(totals);
      const sorted = [...tenths].sort((a, b) => a - b);
      const kept = n >= 5 ? sorted.slice(1, -1) : sorted;
      expect(r.method).toBe(n >= 5 ? "trimmed_mean" : "mean");
      expect(r.experts).toBe(n);
      expect(r.dropped).toEqual(n >= 5 ? { highest: sorted[n - 1] / 10, lowest: sorted[0] / 10 } : null);
      expect(Math.round(r.value * 100)).toBe(refHundredths(kept));
      expect(/^\d+(\.\d{1,2})?$/.test(String(r.value))).toBe(true);
      // between min and max of the kept totals
      expect(r.value).toBeGreaterThanOrEqual(kept[0] / 10);
      expect(r.value).toBeLessThanOrEqual(kept[kept.length - 1] / 10);
      // the mean when fewer than 5
      if (n < 5)
        expect(Math.abs(r.value - tenths.reduce((a, b) => a + b, 0) / n / 10)).toBeLessThanOrEqual(0.005 + 1e-9);
      // permuting the experts changes nothing
      const shuffled = [...totals];
      for (let k = shuffled.length - 1; k > 0; k--) {
        const j = int(rand, 0, k);
        [shuffled[k], shuffled[j]] = [shuffled[j], shuffled[k]];
      }
      expect(finalScore(shuffled)).toEqual(r);
      expect(finalScore([...totals].reverse())).toEqual(r);
    }
  });

  it("random sets and expert panels: final result passes iff the score reaches the pass line and no expert failed a veto", () => {
    const rand = mulberry32(31337);
    const outcomes = { passed: 0, failedOnScore: 0, failedOnVeto: 0 };
    for (let i = 0; i < 300; i++) {
      const set = randomSet(rand);
      const n = int(rand, 1, 7);
      const sheets = Array.from({ length: n }, () => randomSheet(rand, set));
      const r = finalResult(
        set,
        sheets.map((s) => s.entries),
      );
      const totals = sheets.map((s) => [...s.expected.values()].reduce((a, b) => a + b, 0));
      const sorted = [...totals].sort((a, b) => a - b);
      const hundredths = refHundredths(n >= 5 ? sorted.slice(1, -1) : sorted);
      const anyVeto = sheets.some((s) => s.vetoFailed.length > 0);
      expect(r.expertTotals).toEqual(totals.map((t) => t / 10));
      expect(Math.round(r.score * 100)).toBe(hundredths);
      expect(r.vetoFailed.length > 0).toBe(anyVeto);
      expect(r.passed).toBe(!anyVeto && hundredths >= Math.round(set.passLine * 10) * 10);
      const reversed = finalResult(set, sheets.map((s) => s.entries).reverse());
      expect(reversed.score).toBe(r.score);
      expect(reversed.passed).toBe(r.passed);
      if (r.passed) outcomes.passed++;
      else if (anyVeto) outcomes.failedOnVeto++;
      else outcomes.failedOnScore++;
    }
    expect(Math.min(outcomes.passed, outcomes.failedOnScore, outcomes.failedOnVeto)).toBeGreaterThan(20);
  });

  it("roundHalfUpDiv agrees with BigInt rounding", () => {
    const rand = mulberry32(1);
    for (let i = 0; i < RUNS; i++) {
      const a = int(rand, 0, 10_000_000);
      const b = int(rand, 1, 20);
      expect(roundHalfUpDiv(a, b)).toBe(Number((BigInt(a) * 2n + BigInt(b)) / (2n * BigInt(b))));
    }
  });
});
