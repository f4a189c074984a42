/** `parsePlanText`: the passes over a plan's text, from lines to the checked tree (see parse-plan.ts for the rules). */
import { checkNumbering, checkUnits } from "./checks.js";
import { findFrontMatter, PLAN_SUFFIX_RE } from "./front-matter.js";
import { normaliseLines } from "./normalise.js";
import { clean } from "./text.js";
import { compareToc, findToc } from "./toc.js";
import { buildTree, countExplicitHeadings, finalise } from "./tree.js";
import {
  collectUnitNames,
  countPlanNodes,
  type ParsedPlan,
  PLAN_NOT_RECOGNISED_MESSAGE,
  PlanParseError,
} from "./types.js";

/** Parses the plain text of a plan into its tree. Throws PlanParseError when no plan structure is found. */
export function parsePlanText(input: string): ParsedPlan {
  const source = input.replace(/^\ufeff/, "");
  if (!clean(source)) throw new PlanParseError("PLAN_EMPTY", "文件内容为空，请确认上传的是规划或实施方案");
  const { lines, runOn, sourceLines } = normaliseLines(source);
  const warnings: string[] = [];

  // Pass 1: table of contents (目录 block and dot-leader lines).
  const { toc, tocEntries } = findToc(lines);

  // Pass 2: body.
  const { root, front } = buildTree(lines, toc);

  // Pass 3: kinds, titles, warnings.
  const nodes = root.children.map((d) => finalise(d, []));
  checkNumbering(root, warnings);
  compareToc(nodes, tocEntries, warnings);
  checkUnits(nodes, warnings);

  // A plan: at least two explicit headings (第X章/第X节/专栏), or numbered tasks that come with something
  // plan-like (unit clauses, a 一、二、 chapter outline, or a title ending in 规划/方案/…). A news report
  // with a few numbered paragraphs is refused rather than imported as half a plan.
  const meta = findFrontMatter(front);
  const counts = countPlanNodes(nodes);
  const explicit = countExplicitHeadings(root);
  const tasky = counts.tasks >= 2 && counts.chapters + counts.sections + counts.columns + counts.tasks >= 3;
  const planLike =
    counts.chapters >= 2 ||
    collectUnitNames(nodes).length > 0 ||
    (meta.title !== null && PLAN_SUFFIX_RE.test(meta.title));
  if (!(explicit >= 2 || (tasky && planLike))) {
    if (runOn) {
      throw new PlanParseError(
        "PLAN_NO_LINE_BREAKS",
        `文件缺少换行（全文只有 ${sourceLines} 段），无法分出章节和任务；请在原文件中保留段落换行（从网页复制时请逐段粘贴或另存为 .docx）后再导入`,
      );
    }
    throw new PlanParseError("PLAN_NOT_RECOGNISED", PLAN_NOT_RECOGNISED_MESSAGE);
  }

  return { title: meta.title, docNumber: meta.docNumber, period: meta.period, nodes, warnings };
}
