import type { PlanTreePreview } from "../../../../contracts/plans";

/** A candidate task with the heading it was offered under and its key (path of the heading + index). */
export type CandidateRef = {
  key: string;
  heading: PlanTreePreview;
  candidate: NonNullable<PlanTreePreview["candidates"]>[number];
};

/** Every candidate task of the preview, in document order. */
export function listCandidates(tree: PlanTreePreview[], path = "n"): CandidateRef[] {
  const out: CandidateRef[] = [];
  tree.forEach((n, i) => {
    const key = `${path}-${i}`;
    (n.candidates ?? []).forEach((c, j) => {
      out.push({ key: `${key}/c${j}`, heading: n, candidate: c });
    });
    out.push(...listCandidates(n.children, key));
  });
  return out;
}

/** The tree to commit: each candidate marked accepted or not by the user's decisions. */
export function treeWithDecisions(tree: PlanTreePreview[], accepted: Set<string>, path = "n"): PlanTreePreview[] {
  return tree.map((n, i) => {
    const key = `${path}-${i}`;
    const out: PlanTreePreview = { ...n, children: treeWithDecisions(n.children, accepted, key) };
    if (n.candidates) out.candidates = n.candidates.map((c, j) => ({ ...c, accepted: accepted.has(`${key}/c${j}`) }));
    return out;
  });
}

/** Unit names on the nodes that will be committed (tasks and headings, plus the accepted candidates). */
export function namesInUse(tree: PlanTreePreview[], accepted: Set<string>, path = "n", into = new Set<string>()) {
  tree.forEach((n, i) => {
    const key = `${path}-${i}`;
    for (const u of n.units) into.add(u);
    (n.candidates ?? []).forEach((c, j) => {
      if (accepted.has(`${key}/c${j}`)) for (const u of c.units) into.add(u);
    });
    namesInUse(n.children, accepted, key, into);
  });
  return into;
}
