/** Score entries for the scoring engine's tests. */
import { type IndicatorSetLike, leavesOf, type ScoreEntryLike } from "./scoring.js";

/** Full marks on every leaf of a set. */
export const fullMarks = (set: IndicatorSetLike): ScoreEntryLike[] =>
  leavesOf(set.nodes).map((l) =>
    l.method === "score"
      ? { nodeCode: l.code, score: l.maxScore ?? 0 }
      : l.method === "yes_no"
        ? { nodeCode: l.code, answer: "yes" }
        : { nodeCode: l.code, grade: "A" },
  );

/** The entries with one replaced. */
export const withEntry = (entries: ScoreEntryLike[], e: ScoreEntryLike) =>
  entries.map((x) => (x.nodeCode === e.nodeCode ? e : x));
