/**
 * The preview of an imported plan, built in the parse worker (parse-worker.ts) from the parsed tree: full-width
 * text, the tree checked against its contract and serialised to JSON there, and the unit names with their counts.
 * The request thread only resolves the names and writes the envelope, so a 5 MB plan does not hold it.
 */
import { z } from "zod";
import { type PlanTreePreview, planTreePreview } from "../../../contracts/plans.js";
import { type ParsePool, parsePool } from "../../core/parse-worker.js";
import { countPlanNodes, type PlanCounts, type PlanNode, parsePlanDocument, parsePlanUpload } from "./parse-plan.js";

/** ASCII characters refused in request text, as their full-width counterparts; control characters dropped. */
export function toFullWidthText(s: string): string {
  let quote = 0;
  let apos = 0;
  return (
    s
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "")
      .replace(/;/g, "；")
      .replace(/</g, "〈")
      .replace(/>/g, "〉")
      .replace(/\\/g, "＼")
      .replace(/"/g, () => (quote++ % 2 === 0 ? "“" : "”"))
      .replace(/'/g, () => (apos++ % 2 === 0 ? "‘" : "’"))
  );
}

export function previewNode(n: PlanNode): PlanTreePreview {
  return {
    kind: n.kind,
    number: toFullWidthText(n.number),
    title: toFullWidthText(n.title).slice(0, 300),
    text: toFullWidthText(n.text).slice(0, 20_000),
    units: n.units.map((u) => toFullWidthText(u).slice(0, 100)),
    leadUnit: n.leadUnit ? toFullWidthText(n.leadUnit).slice(0, 100) : null,
    weight: 1,
    milestones: [],
    line: n.line,
    children: n.children.map(previewNode),
  };
}

function countNames(nodes: PlanTreePreview[], into = new Map<string, number>()) {
  for (const n of nodes) {
    for (const u of n.units) into.set(u, (into.get(u) ?? 0) + 1);
    countNames(n.children, into);
  }
  return into;
}

export type PlanPreviewParts = {
  title: string | null;
  docNumber: string | null;
  period: string | null;
  warnings: string[];
  counts: PlanCounts;
  /** The preview tree as JSON (checked against `planTreePreview`). */
  treeJson: string;
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
    title: parsed.title ? toFullWidthText(parsed.title).slice(0, 200) : null,
    docNumber: parsed.docNumber ? toFullWidthText(parsed.docNumber).slice(0, 100) : null,
    period: parsed.period ?? null,
    warnings: parsed.warnings.map(toFullWidthText),
    counts: countPlanNodes(parsed.nodes),
    treeJson: JSON.stringify(tree),
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
