import type { ActivityRef } from "../../../../contracts/activities";
import type { Grade, GradeScale, IndicatorNodeView, ScoreSheetView, YesNo } from "../../../../contracts/evaluation";
import { fromTenths, maxTenthsOf, scoreLeaf as scoreEngineLeaf } from "../../../../contracts/scoring";

/*
 * The running total of a score sheet while it is being filled, in the browser, by the server's own engine
 * (contracts/scoring.ts) — integer tenths of a point, a grade earning max × fraction rounded half up to 0.1,
 * 是 earning the max, 否 nothing (and failing a veto item) — so the figure shown is the one the server will
 * store. The server still computes and checks it on save.
 */

export type Draft = {
  score?: number;
  answer?: YesNo;
  grade?: Grade;
  comment?: string;
  /** Library files cited by the item (kept as they are: the sheet has no picker for them). */
  evidenceIds?: string[];
  /** 佐证活动: activity records cited by the item. */
  activities?: ActivityRef[];
};
export type Drafts = Record<string, Draft>;

/** An indicator in display order, with its depth (1 = 一级指标) and its top-level section. */
export type Row = { node: IndicatorNodeView; depth: number; leaf: boolean };
export type Section = { node: IndicatorNodeView; rows: Row[]; leaves: IndicatorNodeView[] };

export function sectionsOf(nodes: IndicatorNodeView[]): Section[] {
  return nodes.map((top) => {
    const rows: Row[] = [];
    const walk = (n: IndicatorNodeView, depth: number) => {
      rows.push({ node: n, depth, leaf: n.children.length === 0 });
      for (const c of n.children) walk(c, depth + 1);
    };
    // A top-level indicator with children is the section's heading, not a row of its own.
    if (top.children.length === 0) walk(top, 1);
    else for (const c of top.children) walk(c, 2);
    return { node: top, rows, leaves: rows.filter((r) => r.leaf).map((r) => r.node) };
  });
}

export type LeafScore = { tenths: number; answered: boolean; vetoFailed: boolean; invalid: boolean };

/** One leaf by the engine of contracts/scoring.ts; `invalid` where the server would refuse the entry. */
export function scoreLeaf(leaf: IndicatorNodeView, d: Draft | undefined, scale: GradeScale): LeafScore {
  const r = scoreEngineLeaf(
    leaf,
    d && { nodeCode: leaf.code, score: d.score, answer: d.answer, grade: d.grade },
    scale,
  );
  return { tenths: r.tenths, answered: r.answered || !!r.problem, vetoFailed: r.vetoFailed, invalid: !!r.problem };
}

export type Tally = {
  totalTenths: number;
  /** Tenths earned per top-level section code. */
  bySection: Map<string, number>;
  missing: string[];
  /** The same codes, for lookups per row. */
  missingSet: Set<string>;
  vetoFailed: string[];
  invalid: string[];
};

/** The whole sheet in one pass over the leaves: cheap enough to run on every keystroke of a 2,000-leaf set. */
export function tally(sections: Section[], drafts: Drafts, scale: GradeScale): Tally {
  const out: Tally = {
    totalTenths: 0,
    bySection: new Map(),
    missing: [],
    missingSet: new Set(),
    vetoFailed: [],
    invalid: [],
  };
  for (const s of sections) {
    let sum = 0;
    for (const leaf of s.leaves) {
      const r = scoreLeaf(leaf, drafts[leaf.code], scale);
      sum += r.tenths;
      if (r.invalid) out.invalid.push(leaf.code);
      else if (!r.answered) out.missing.push(leaf.code);
      if (r.vetoFailed) out.vetoFailed.push(leaf.code);
    }
    out.bySection.set(s.node.code, sum);
    out.totalTenths += sum;
  }
  out.missingSet = new Set(out.missing);
  return out;
}

/** A node's max score in tenths (a parent's: its leaves' sum). */
export const maxTenths = (n: IndicatorNodeView): number => maxTenthsOf(n);

export { fromTenths };

export function draftsOf(entries: ScoreSheetView["entries"]): Drafts {
  const out: Drafts = {};
  for (const e of entries) {
    const d: Draft = {};
    if (e.score !== undefined) d.score = e.score;
    if (e.answer !== undefined) d.answer = e.answer;
    if (e.grade !== undefined) d.grade = e.grade;
    if (e.comment) d.comment = e.comment;
    if (e.evidenceIds?.length) d.evidenceIds = e.evidenceIds;
    if (e.activities?.length) d.activities = e.activities;
    out[e.nodeCode] = d;
  }
  return out;
}

/** The body of PUT /api/score-sheets/:id: one entry per leaf that has a value or a comment, in tree order. */
export function entriesOf(sections: Section[], drafts: Drafts) {
  const out: {
    nodeCode: string;
    score?: number;
    answer?: YesNo;
    grade?: Grade;
    comment?: string;
    evidenceIds?: string[];
    activityIds?: string[];
  }[] = [];
  for (const s of sections)
    for (const leaf of s.leaves) {
      const d = drafts[leaf.code];
      if (!d) continue;
      const e: (typeof out)[number] = { nodeCode: leaf.code };
      if (leaf.method === "score" && d.score !== undefined && d.score !== null) e.score = d.score;
      if (leaf.method === "yes_no" && d.answer) e.answer = d.answer;
      if (leaf.method === "grade" && d.grade) e.grade = d.grade;
      const comment = d.comment?.trim();
      if (comment) e.comment = comment;
      if (d.evidenceIds?.length) e.evidenceIds = d.evidenceIds;
      if (d.activities?.length) e.activityIds = d.activities.map((a) => a.id);
      if (Object.keys(e).length > 1) out.push(e);
    }
  return out;
}
