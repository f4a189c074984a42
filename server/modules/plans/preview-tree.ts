/**
 * The preview of an imported plan, built in the parse worker (parse-worker.ts) from the parsed tree: text as
 * written, the tree checked against its contract and serialised to JSON there, and the unit names with their counts.
 * The request thread only resolves the names and writes the envelope, so a 5 MB plan does not hold it.
 */
import { z } from "zod";
import { asLineText, asLongText } from "../../../contracts/common.js";
import { type PlanTreePreview, planTreePreview } from "../../../contracts/plans.js";
import { type ParsePool, parsePool } from "../../core/parse-worker.js";
import { countPlanNodes, type PlanCounts, type PlanNode, parsePlanDocument, parsePlanUpload } from "./parse-plan.js";

/**
 * Document text as a request may carry it: kept as written (ASCII punctuation included), with the characters
 * text fields refuse (controls, bidirectional controls, and in one-line fields line breaks and zero-width
 * characters) taken out, so the tree can be sent back as is.
 */
export function toRequestText(s: string, kind: "line" | "long" = "line", max = Number.POSITIVE_INFINITY): string {
  const text = kind === "line" ? asLineText(s) : asLongText(s);
  // Cut at a character, never between the two halves of a surrogate pair (which would be ill-formed).
  return text.length <= max ? text : text.slice(0, max).replace(/\p{Cs}$/u, "");
}

/**
 * One node of the preview. Units suggested from the text ("由A牵头") stand in for a missing clause and are flagged;
 * candidate tasks come unaccepted; a principles heading lists its points.
 */
export function previewNode(n: PlanNode): PlanTreePreview {
  const suggested = n.units.length === 0 && (n.suggestedUnits?.length ?? 0) > 0;
  const units = suggested ? n.suggestedUnits! : n.units;
  const out: PlanTreePreview = {
    kind: n.kind,
    number: toRequestText(n.number),
    title: toRequestText(n.title, "line", 300),
    text: toRequestText(n.text, "long", 20_000),
    units: units.map((u) => toRequestText(u, "line", 100)),
    leadUnit: n.leadUnit ? toRequestText(n.leadUnit, "line", 100) : null,
    weight: 1,
    milestones: [],
    line: n.line,
    children: n.children.map(previewNode),
  };
  if (suggested) out.unitsSuggested = true;
  if (n.candidates?.length) {
    out.candidates = n.candidates.map((c) => ({ ...previewNode(c), kind: "task" as const, accepted: false }));
  }
  if (n.principles?.length) {
    out.principles = n.principles.map((p) => ({
      number: toRequestText(p.number),
      title: toRequestText(p.title, "line", 300),
      line: p.line,
    }));
  }
  return out;
}

function countNames(nodes: PlanTreePreview[], into = new Map<string, number>()) {
  for (const n of nodes) {
    for (const u of n.units) into.set(u, (into.get(u) ?? 0) + 1);
    countNames(n.children, into);
    if (n.candidates) countNames(n.candidates, into);
  }
  return into;
}

export type PlanPreviewParts = {
  title: string | null;
  docNumber: string | null;
  period: string | null;
  warnings: string[];
  counts: PlanCounts;
  /**
   * The preview tree as UTF-8 JSON bytes (checked against `planTreePreview`): bytes cross from the worker with one
   * copy and go to the socket as they are, where a string of the same tree would be decoded and encoded again on
   * the request thread (hundreds of milliseconds for a 5 MB plan).
   */
  treeJson: Uint8Array;
  /** Unit names in order of first appearance, with the number of nodes naming each. */
  names: [string, number][];
};

const previewTree = z.array(planTreePreview);

/** The parse-worker task: the document parsed and its preview tree built and serialised. */
export async function planPreviewTask(input: { name: string; content: Uint8Array }): Promise<PlanPreviewParts> {
  const content = Buffer.from(input.content.buffer, input.content.byteOffset, input.content.byteLength);
  const parsed = await parsePlanDocument({ name: input.name, content });
  const tree = previewTree.parse(parsed.nodes.map(previewNode));
  return {
    title: parsed.title ? toRequestText(parsed.title, "line", 200) : null,
    docNumber: parsed.docNumber ? toRequestText(parsed.docNumber, "line", 100) : null,
    period: parsed.period ?? null,
    warnings: parsed.warnings.map((w) => toRequestText(w)),
    counts: countPlanNodes(parsed.nodes),
    treeJson: Buffer.from(JSON.stringify(tree)),
    names: [...countNames(tree)],
  };
}

/** `planPreviewTask` in a parse worker, after the zip directory check (see `parsePlanUpload`). */
export function planPreviewUpload(
  file: { name: string; content: Buffer },
  pool: ParsePool = parsePool,
): Promise<PlanPreviewParts> {
  return parsePlanUpload<PlanPreviewParts>(
    file,
    pool,
    new URL("./preview-tree.ts", import.meta.url),
    "planPreviewTask",
  );
}
