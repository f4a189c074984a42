import { describe, expect, it } from "vitest";
import { DEFAULT_GRADE_SCALE, type IndicatorNodeView } from "../../../../contracts/evaluation";
import { scoreSheet } from "../../../../contracts/scoring";
import { draftsOf, entriesOf, maxTenths, scoreLeaf, sectionsOf, tally } from "./sheetScore";

/*
 * The console's running total is the server's engine (contracts/scoring.ts): the same sheet gives the same
 * total, veto failures and missing leaves in the browser as on save.
 */

const node = (code: string, patch: Partial<IndicatorNodeView> = {}): IndicatorNodeView => ({
  code,
  level: code.split(".").length,
  parentCode: code.includes(".") ? code.slice(0, code.lastIndexOf(".")) : null,
  title: `指标${code}`,
  standard: "",
  maxScore: null,
  method: null,
  evidence: "",
  veto: false,
  children: [],
  ...patch,
});
const nodes: IndicatorNodeView[] = [
  node("1", {
    maxScore: 6.5,
    children: [node("1.1", { maxScore: 5, method: "score" }), node("1.2", { maxScore: 1.5, method: "grade" })],
  }),
  node("2", {
    maxScore: 3.5,
    children: [
      node("2.1", { maxScore: 3.5, method: "yes_no" }),
      node("2.2", { maxScore: 0, method: "yes_no", veto: true }),
    ],
  }),
];
const set = { total: 10, passLine: 6, nodes };

describe("sheetScore (the console's running total)", () => {
  it("adds up exactly as the server does, by section", () => {
    const drafts = draftsOf([
      { nodeCode: "1.1", score: 4.7 },
      { nodeCode: "1.2", grade: "B" },
      { nodeCode: "2.1", answer: "yes" },
      { nodeCode: "2.2", answer: "no" },
    ] as never);
    const t = tally(sectionsOf(nodes), drafts, DEFAULT_GRADE_SCALE);
    const server = scoreSheet(set, entriesOf(sectionsOf(nodes), drafts));
    // 1.5 × 0.8 = 1.2; 4.7 + 1.2 = 5.9; 是 earns 3.5; the veto item answered 否 fails.
    expect(t.totalTenths).toBe(94);
    expect(t.totalTenths).toBe(server.totalTenths);
    expect(t.bySection.get("1")).toBe(59);
    expect(t.vetoFailed).toEqual(server.vetoFailed);
    expect(t.vetoFailed).toEqual(["2.2"]);
    expect(t.missing).toEqual([]);
  });

  it("counts unanswered leaves as missing and out-of-range scores as invalid", () => {
    const sections = sectionsOf(nodes);
    const t = tally(sections, { "1.1": { score: 5.5 }, "1.2": { grade: "A" } }, DEFAULT_GRADE_SCALE);
    expect(t.invalid).toEqual(["1.1"]);
    expect(t.missing).toEqual(["2.1", "2.2"]);
    expect(t.totalTenths).toBe(15);
    expect(scoreLeaf(nodes[0].children[0], { score: 4.25 }, DEFAULT_GRADE_SCALE).invalid).toBe(true);
    expect(scoreLeaf(nodes[0].children[0], { score: 4.2 }, DEFAULT_GRADE_SCALE)).toEqual({
      tenths: 42,
      answered: true,
      vetoFailed: false,
      invalid: false,
    });
  });

  it("rounds a grade half up to 0.1 point and sums a parent's maximum from its leaves", () => {
    // 1.5 × 0.85 = 1.275 → 1.3
    expect(scoreLeaf(nodes[0].children[1], { grade: "B" }, { A: 1, B: 0.85, C: 0.6, D: 0 }).tenths).toBe(13);
    expect(maxTenths(nodes[0])).toBe(65);
    expect(maxTenths(nodes[1])).toBe(35);
  });
});
