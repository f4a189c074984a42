/**
 * The document shapes of issue 10 §1, generated from templates (shape-docs.ts: random titles, numbering and units,
 * seeded): each shape alone and several at once, each checked against the tree the generator built.
 */
import { describe, expect, it } from "vitest";
import { flattenPlan, type PlanNode, PlanParseError, parsePlanText } from "./parse-plan.js";
import { type Shape, type ShapeOutline, shapeDoc } from "./shape-docs.js";

function outline(nodes: PlanNode[]): ShapeOutline[] {
  return nodes.map((n) => {
    const o: ShapeOutline = { kind: n.kind, number: n.number, title: n.title };
    if (n.units.length > 0) o.units = n.units;
    if (n.children.length > 0) o.children = outline(n.children);
    if (n.candidates) o.candidates = n.candidates.map((c) => c.title);
    if (n.principles) o.principles = n.principles.map((p) => p.title);
    if (n.suggestedUnits) o.suggested = n.suggestedUnits;
    return o;
  });
}

const SHAPES: Shape[] = [
  "oneLine",
  "toc",
  "tocGlued",
  "fileName",
  "statedTitle",
  "boilerplate",
  "bareColumn",
  "mixedColumn",
  "candidates",
  "principles",
  "semicolon",
  "informal",
];
const SEEDS = [1, 2, 3, 4, 5, 6];

function check(seed: number, shapes: Shape[]) {
  const doc = shapeDoc(seed, shapes);
  const plan = parsePlanText(doc.text);
  expect(outline(plan.nodes)).toEqual(doc.outline);
  expect(plan.title).toBe(doc.title);
  expect(plan.period).toBe(doc.period);
  const all = flattenPlan(plan.nodes);
  for (const n of all) expect(`${n.title}${n.text}`).not.toMatch(/小编|ICP备|Copyright|https?:|目\s*录/);
  for (const m of doc.missingFromBody) {
    expect(plan.warnings.some((w) => w.includes(`“${m}”在正文中未找到`))).toBe(true);
  }
  return plan;
}

describe("parsePlanText — generated documents of each real-world shape", () => {
  for (const shape of SHAPES) {
    it(`${shape}: the tree, title and period are the generated ones (seeds ${SEEDS.join(", ")})`, () => {
      for (const seed of SEEDS) check(seed * 101 + SHAPES.indexOf(shape), [shape]);
    });
  }

  it("several shapes at once, and every shape again with the text on one line", () => {
    for (const seed of SEEDS) {
      check(seed, ["toc", "fileName", "boilerplate", "mixedColumn", "candidates", "principles", "informal"]);
      check(seed + 50, ["statedTitle", "tocGlued", "bareColumn", "semicolon"]);
      for (const shape of SHAPES.filter((s) => s !== "oneLine" && s !== "bareColumn")) {
        check(seed * 7 + SHAPES.indexOf(shape), ["oneLine", shape]);
      }
    }
  });

  it("the contents never become nodes; their differences from the body are warned with page numbers stripped", () => {
    const plan = check(11, ["toc"]);
    expect(plan.warnings.filter((w) => w.includes("目录与正文标题不一致"))).toEqual([]);
  });

  it("a candidate task keeps its paragraph; a principle is no task and its text stays with the heading", () => {
    const plan = check(12, ["candidates", "principles"]);
    const all = flattenPlan(plan.nodes);
    const withCandidates = all.find((n) => n.candidates)!;
    for (const c of withCandidates.candidates!) {
      expect(c).toMatchObject({ kind: "task", number: "" });
      expect(c.text.startsWith(`${c.title}。`)).toBe(true);
      expect(c.line).toBeGreaterThan(withCandidates.line);
    }
    const principles = all.find((n) => n.principles)!;
    expect(principles.children).toEqual([]);
    for (const p of principles.principles!) expect(principles.text).toContain(p.title);
  });

  it("a document without line breaks that still cannot be read says the line breaks are missing", () => {
    const words = Array.from({ length: 40 }, (_, k) => `第${k}段文字说明了一些情况，但并没有任何章节或编号`);
    try {
      parsePlanText(words.join(" "));
      throw new Error("expected a PlanParseError");
    } catch (e) {
      expect(e).toBeInstanceOf(PlanParseError);
      expect((e as PlanParseError).code).toBe("PLAN_NO_LINE_BREAKS");
      expect((e as PlanParseError).message).toContain("换行");
    }
  });
});
