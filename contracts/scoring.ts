/**
 * The scoring engine of 测评指标体系 (PRODUCT.md §2.5): pure functions, no database — the one implementation,
 * used by the server (evaluation, creation) and by the console (the running total of a sheet, the editor's sums).
 *
 * Arithmetic. Every score is entered in points with at most one decimal place, so internally every score is
 * an integer number of tenths of a point (89.9 → 899) and every sum is an integer sum: 0.1 + 0.2 is exactly
 * 0.3, ten times 0.1 is exactly 1, and the pass-line comparison is an integer comparison. Points are given
 * back as `tenths / 10`, which is the same number as the literal "89.9". Two places round:
 * - a 等级 (grade) leaf earns maxScore × fraction (fractions have at most 2 decimals), rounded half up to
 *   0.1 point (e.g. 1.5 × 0.85 = 1.275 → 1.3);
 * - a final score (mean of expert totals) is rounded half up to 0.01 point (e.g. 91.666… → 91.67,
 *   5.025 → 5.03), computed from the integer sum, never from a floating mean.
 *
 * Veto (一票否决). A veto item is a leaf with `veto: true`, always scored as 是否 (yes_no); its max score may
 * be 0 (it then adds nothing to the total) or more (“是” earns it like any 是否 item). Answering “否” fails it,
 * and a failed veto item means not passed whatever the total. Across experts, a veto failure recorded by ANY
 * expert means not passed: the cautious reading of “any failed veto item means not passed”.
 *
 * Passing. A sheet passes when its total is at least the pass line, no veto item failed, it has no invalid
 * entries, and (with `requireAll`) every leaf is scored. A final result passes when the final score — as
 * rounded to 0.01 and published — is at least the pass line and no expert recorded a veto failure.
 */
import {
  DEFAULT_GRADE_SCALE,
  GRADES,
  type Grade,
  type GradeScale,
  hasAtMostOneDecimal,
  INDICATOR_CODE_PATTERN,
  type IndicatorNodeInput,
  MAX_INDICATOR_DEPTH,
  MAX_NODE_SCORE,
  MAX_SET_TOTAL,
  SCORING_METHOD_LABELS,
  type ScoringMethod,
  type YesNo,
} from "./evaluation.js";

/**
 * A refusal of the engine (an invalid set, no or bad expert scores): the HTTP status, code and details the
 * server answers with (server/modules/evaluation/scoring.ts turns it into its AppError).
 */
export class ScoringError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
  }
}

/** The most indicators one set may hold. */
export const MAX_INDICATOR_NODES = 2000;

/** An indicator with its code and level filled in and every optional field given a value. */
export type IndicatorNode = {
  code: string;
  level: number;
  parentCode: string | null;
  title: string;
  standard: string;
  maxScore: number | null;
  method: ScoringMethod | null;
  evidence: string;
  veto: boolean;
  children: IndicatorNode[];
};

/** What the engine needs of a set: the parsed `indicatorSetInput`, or the same shape read from the database. */
export type IndicatorSetLike = {
  total: number;
  passLine: number;
  gradeScale?: GradeScale | undefined;
  nodes: readonly IndicatorNodeInput[];
};

/** What the engine reads of a score entry: the parsed `leafScoreEntry`, or the same shape from the database. */
export type ScoreEntryLike = {
  nodeCode: string;
  score?: number | null | undefined;
  answer?: YesNo | string | null | undefined;
  grade?: Grade | string | null | undefined;
};

/** A problem of a tree: the indicator's code (null for the set as a whole), the field at fault, a Chinese message. */
export type IndicatorProblem = {
  code: string | null;
  field?: "code" | "level" | "title" | "maxScore" | "method" | "veto" | "total" | "passLine" | "gradeScale";
  message: string;
};

// ---------------------------------------------------------------------------------------------------------
// Exact arithmetic

/** Points (at most one decimal, already checked) → integer tenths. */
export function toTenths(points: number): number {
  return Math.round(points * 10);
}

/** Integer tenths → points; `899 / 10` is exactly the number written 89.9. */
export function fromTenths(tenths: number): number {
  return tenths / 10;
}

/** a / b rounded half up, for integers a ≥ 0 and b > 0, without a floating division. */
export function roundHalfUpDiv(a: number, b: number): number {
  const r = a % b;
  const q = (a - r) / b;
  return 2 * r >= b ? q + 1 : q;
}

const fmt = (tenths: number) => String(fromTenths(tenths));
export const isValidPoints = (v: unknown, max: number): v is number =>
  typeof v === "number" && hasAtMostOneDecimal(v) && v >= 0 && v <= max;
const labelOf = (n: { code: string; title: string }) => `指标 ${n.code}「${n.title}」`;

// ---------------------------------------------------------------------------------------------------------
// Trees

type TreeArg = readonly IndicatorNodeInput[] | { nodes: readonly IndicatorNodeInput[] };
const nodesOf = (tree: TreeArg): readonly IndicatorNodeInput[] => ("nodes" in tree ? tree.nodes : tree);

/**
 * Fills in codes and levels: a node without a code gets its parent's code plus its 1-based position
 * ("1", "1.2", "1.2.3"); a node without a level gets its depth. Given codes and levels are kept as they are
 * (`validateIndicatorNodes` reports the ones that do not fit).
 */
export function normalizeIndicatorTree(tree: TreeArg): IndicatorNode[] {
  const walk = (nodes: readonly IndicatorNodeInput[], parentCode: string | null, depth: number): IndicatorNode[] =>
    nodes.map((n, i) => {
      const code = n.code?.trim() || (parentCode ? `${parentCode}.${i + 1}` : String(i + 1));
      return {
        code,
        level: n.level ?? depth,
        parentCode,
        title: n.title,
        standard: n.standard ?? "",
        maxScore: n.maxScore ?? null,
        method: n.method ?? null,
        evidence: n.evidence ?? "",
        veto: n.veto ?? false,
        children: walk(n.children ?? [], code, depth + 1),
      };
    });
  return walk(nodesOf(tree), null, 1);
}

/** Every node in pre-order (a parent before its children, siblings in order), with its depth (1 = 一级指标). */
export function flattenIndicatorTree(tree: TreeArg): { node: IndicatorNode; depth: number }[] {
  const out: { node: IndicatorNode; depth: number }[] = [];
  const walk = (nodes: IndicatorNode[], depth: number) => {
    for (const node of nodes) {
      out.push({ node, depth });
      walk(node.children, depth + 1);
    }
  };
  walk(normalizeIndicatorTree(tree), 1);
  return out;
}

/** The leaves (末级指标, the scored indicators) in pre-order. */
export function leavesOf(tree: TreeArg): IndicatorNode[] {
  return flattenIndicatorTree(tree)
    .map((f) => f.node)
    .filter((n) => n.children.length === 0);
}

/** A node's max score in tenths: its own for a leaf, the sum of its leaves' for a parent (invalid scores count 0). */
export function maxTenthsOf(node: IndicatorNode): number {
  if (node.children.length === 0) return isValidPoints(node.maxScore, MAX_NODE_SCORE) ? toTenths(node.maxScore) : 0;
  return node.children.reduce((s, c) => s + maxTenthsOf(c), 0);
}

/**
 * Problems of the tree itself, in Chinese, each naming the indicator's code: empty tree, code format,
 * duplicate codes, codes that do not extend the parent's code, levels that do not match the depth, leaves
 * without a method or max score, parents with a method or veto flag, a parent's max score that differs from
 * its leaves' sum, a veto leaf that is not 是否, max scores with more than one decimal.
 */
export function validateIndicatorNodes(tree: TreeArg): IndicatorProblem[] {
  const problems: IndicatorProblem[] = [];
  const nodes = normalizeIndicatorTree(tree);
  if (nodes.length === 0) return [{ code: null, message: "指标体系没有任何指标" }];
  const all = flattenIndicatorTree(nodes);
  if (all.length > MAX_INDICATOR_NODES)
    problems.push({ code: null, message: `指标总数 ${all.length} 个，超过上限 ${MAX_INDICATOR_NODES} 个` });
  const seen = new Map<string, IndicatorNode>();
  for (const { node: n, depth } of all) {
    const at = (field: IndicatorProblem["field"], message: string) => problems.push({ code: n.code, field, message });
    const label = labelOf(n);
    if (!n.title?.trim()) at("title", `指标 ${n.code} 未填写名称`);
    const first = seen.get(n.code);
    if (first) at("code", `指标编码 ${n.code} 重复（「${first.title}」与「${n.title}」）`);
    else seen.set(n.code, n);
    if (!INDICATOR_CODE_PATTERN.test(n.code)) {
      at("code", `${label}的编码格式不正确，应为 1、1.2、1.2.3 这样以点分隔的数字`);
    } else if (n.parentCode === null) {
      if (n.code.includes(".")) at("code", `${label}是一级指标，编码应为一段数字（如 1、2、3）`);
    } else if (
      !n.code.startsWith(`${n.parentCode}.`) ||
      n.code.split(".").length !== n.parentCode.split(".").length + 1
    ) {
      at("code", `${label}的编码应为上级指标编码 ${n.parentCode} 再加一段（如 ${n.parentCode}.1）`);
    }
    if (depth > MAX_INDICATOR_DEPTH) at("level", `${label}位于第 ${depth} 级，指标最多 ${MAX_INDICATOR_DEPTH} 级`);
    if (n.level !== depth) at("level", `${label}位于第 ${depth} 级，填写的层级却是 ${n.level} 级`);
    if (n.maxScore !== null && !isValidPoints(n.maxScore, MAX_NODE_SCORE)) {
      at("maxScore", `${label}的分值 ${n.maxScore} 不正确：应为 0-${MAX_NODE_SCORE} 分，最多保留 1 位小数`);
    }
    if (n.children.length === 0) {
      if (n.method === null) at("method", `末级指标 ${n.code}「${n.title}」未设置评分方式（打分、是否或等级）`);
      if (n.maxScore === null) at("maxScore", `末级指标 ${n.code}「${n.title}」未设置分值`);
      if (n.veto && n.method !== null && n.method !== "yes_no") {
        at(
          "method",
          `${label}为一票否决项，评分方式应为“是否”，不能为“${SCORING_METHOD_LABELS[n.method] ?? n.method}”`,
        );
      }
    } else {
      if (n.method !== null) at("method", `${label}有下级指标，不应设置评分方式（只对末级指标评分）`);
      if (n.veto) at("veto", `${label}有下级指标，一票否决只能设在末级指标上`);
      if (n.maxScore !== null && isValidPoints(n.maxScore, MAX_NODE_SCORE)) {
        const sum = maxTenthsOf(n);
        if (toTenths(n.maxScore) !== sum)
          at("maxScore", `${label}的分值 ${n.maxScore} 分与下级指标分值合计 ${fmt(sum)} 分不一致`);
      }
    }
  }
  return problems;
}

/** `validateIndicatorNodes` plus the set's own rules: total = sum of leaf max scores, pass line ≤ total, grade scale. */
export function validateIndicatorTree(set: IndicatorSetLike): IndicatorProblem[] {
  const problems = validateIndicatorNodes(set.nodes);
  const add = (field: IndicatorProblem["field"], message: string) => problems.push({ code: null, field, message });
  const totalOk = isValidPoints(set.total, MAX_SET_TOTAL) && set.total > 0;
  if (!totalOk) add("total", `总分 ${set.total} 不正确：应大于 0、不超过 ${MAX_SET_TOTAL} 分，最多保留 1 位小数`);
  const passOk = isValidPoints(set.passLine, MAX_SET_TOTAL);
  if (!passOk) add("passLine", `合格线 ${set.passLine} 不正确：应为 0-${MAX_SET_TOTAL} 分，最多保留 1 位小数`);
  if (totalOk && passOk && set.passLine > set.total)
    add("passLine", `合格线 ${set.passLine} 分高于总分 ${set.total} 分`);
  const nodes = normalizeIndicatorTree(set.nodes);
  if (totalOk && nodes.length) {
    const sum = nodes.reduce((s, n) => s + maxTenthsOf(n), 0);
    if (sum !== toTenths(set.total)) add("total", `末级指标分值合计 ${fmt(sum)} 分，与总分 ${set.total} 分不一致`);
  }
  const g = set.gradeScale;
  if (g) {
    for (const k of GRADES) {
      const v = g[k];
      if (!(typeof v === "number" && v >= 0 && v <= 1 && /^\d(\.\d{1,2})?$/.test(String(v))))
        add("gradeScale", `等级 ${k} 的得分比例 ${v} 不正确：应为 0-1，最多保留 2 位小数`);
    }
    if (!(g.A >= g.B && g.B >= g.C && g.C >= g.D)) add("gradeScale", "等级得分比例应满足 A ≥ B ≥ C ≥ D");
  }
  return problems;
}

function assertValidSet(set: IndicatorSetLike) {
  const problems = validateIndicatorTree(set);
  if (problems.length) {
    throw new ScoringError(400, "INDICATOR_SET_INVALID", `指标体系有误：${problems.map((p) => p.message).join("；")}`, {
      problems,
    });
  }
}

// ---------------------------------------------------------------------------------------------------------
// One leaf

export type LeafScore = {
  code: string;
  /** Points earned, in integer tenths of a point (0 when unanswered or invalid). */
  tenths: number;
  /** The entry carries a valid answer for the leaf's method. */
  answered: boolean;
  /** A veto leaf answered “否”. */
  vetoFailed: boolean;
  /** Why the entry is not acceptable, in Chinese, naming the indicator's code and title. */
  problem?: string;
};

const present = (v: unknown) => v !== undefined && v !== null;

/**
 * Scores one leaf. An entry with no score, answer or grade (or no entry) is unanswered; an entry carrying the
 * wrong kind of answer for the method, more than one kind, or a value out of range has a `problem`.
 */
export function scoreLeaf(
  leaf: IndicatorNode,
  entry: ScoreEntryLike | undefined,
  gradeScale: GradeScale = DEFAULT_GRADE_SCALE,
): LeafScore {
  const label = labelOf(leaf);
  const none = { code: leaf.code, tenths: 0, answered: false, vetoFailed: false };
  const bad = (problem: string): LeafScore => ({ ...none, problem });
  if (leaf.children.length) return bad(`${label}不是末级指标，不能直接评分`);
  if (leaf.method === null || !isValidPoints(leaf.maxScore, MAX_NODE_SCORE))
    return bad(`${label}未设置评分方式或分值，不能评分`);
  const max = leaf.maxScore;
  const maxTenths = toTenths(max);
  if (!entry) return none;
  const given = [entry.score, entry.answer, entry.grade].filter(present).length;
  if (given === 0) return none;
  if (given > 1) return bad(`${label}只能填写分数、是否、等级中的一项`);

  switch (leaf.method) {
    case "score": {
      const s = entry.score;
      if (!present(s)) return bad(`${label}为打分项，应填写 0-${max} 分的分数`);
      if (typeof s !== "number" || !Number.isFinite(s)) return bad(`${label}的分数应为数字`);
      if (s < 0) return bad(`${label}的分数不能为负数`);
      if (!hasAtMostOneDecimal(s)) return bad(`${label}的分数 ${s} 最多保留 1 位小数`);
      if (s > max) return bad(`${label}的得分 ${s} 分超过该项分值 ${max} 分`);
      return { ...none, tenths: toTenths(s), answered: true };
    }
    case "yes_no": {
      const a = entry.answer;
      if (a !== "yes" && a !== "no") return bad(`${label}为是否项，应选择“是”或“否”`);
      return a === "yes"
        ? { ...none, tenths: maxTenths, answered: true }
        : { ...none, answered: true, vetoFailed: leaf.veto };
    }
    case "grade": {
      const g = entry.grade;
      if (g !== "A" && g !== "B" && g !== "C" && g !== "D") return bad(`${label}为等级项，应选择 A、B、C 或 D`);
      const hundredths = Math.round(gradeScale[g] * 100);
      return { ...none, tenths: roundHalfUpDiv(maxTenths * hundredths, 100), answered: true };
    }
    default:
      return bad(`${label}的评分方式不正确`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// One sheet

export type SheetScore = {
  /** Sum of the leaves' points, exact to 0.1. */
  total: number;
  totalTenths: number;
  /** Points of every node by code (use `flattenIndicatorTree` for the order): a leaf's own, a parent's children's sum. */
  byNode: Record<string, number>;
  /** Codes of veto leaves answered “否”, in tree order. */
  vetoFailed: string[];
  /** Codes of leaves not yet scored, in tree order. */
  missing: string[];
  /** Invalid entries (wrong kind of answer, out of range, unknown or non-leaf code, duplicates), in Chinese. */
  problems: string[];
  /** Every leaf scored and no problems. */
  complete: boolean;
  /** total ≥ pass line, no veto failed, no problems, and (with `requireAll`) complete. */
  passed: boolean;
};

/**
 * Scores a sheet against a valid set (an invalid set throws `INDICATOR_SET_INVALID`). Unscored and invalid
 * leaves count 0. With `requireAll` (a submitted sheet) a sheet with a missing leaf does not pass.
 */
export function scoreSheet(
  set: IndicatorSetLike,
  entries: readonly ScoreEntryLike[],
  options: { requireAll?: boolean } = {},
): SheetScore {
  assertValidSet(set);
  const nodes = normalizeIndicatorTree(set.nodes);
  const byCode = new Map(flattenIndicatorTree(nodes).map((f) => [f.node.code, f.node]));
  const problems: string[] = [];
  const entryOf = new Map<string, ScoreEntryLike>();
  for (const e of entries) {
    const code = typeof e.nodeCode === "string" ? e.nodeCode.trim() : "";
    const node = byCode.get(code);
    if (!node) problems.push(`指标编码 ${code || "（空）"} 不存在`);
    else if (node.children.length) problems.push(`${labelOf(node)}不是末级指标，不能直接评分`);
    else if (entryOf.has(code)) problems.push(`${labelOf(node)}重复评分`);
    else entryOf.set(code, e);
  }
  const byNode: Record<string, number> = {};
  const vetoFailed: string[] = [];
  const missing: string[] = [];
  const gradeScale = set.gradeScale ?? DEFAULT_GRADE_SCALE;
  const walk = (n: IndicatorNode): number => {
    let tenths: number;
    if (n.children.length === 0) {
      const r = scoreLeaf(n, entryOf.get(n.code), gradeScale);
      if (r.problem) problems.push(r.problem);
      else if (!r.answered) missing.push(n.code);
      if (r.vetoFailed) vetoFailed.push(n.code);
      tenths = r.tenths;
    } else {
      tenths = n.children.reduce((s, c) => s + walk(c), 0);
    }
    byNode[n.code] = fromTenths(tenths);
    return tenths;
  };
  const totalTenths = nodes.reduce((s, n) => s + walk(n), 0);
  const complete = missing.length === 0 && problems.length === 0;
  const passed =
    problems.length === 0 &&
    vetoFailed.length === 0 &&
    totalTenths >= toTenths(set.passLine) &&
    (!options.requireAll || missing.length === 0);
  return { total: fromTenths(totalTenths), totalTenths, byNode, vetoFailed, missing, problems, complete, passed };
}

// ---------------------------------------------------------------------------------------------------------
// Experts

/** Five or more experts: the highest and the lowest total are dropped before the mean. */
export const TRIMMED_MEAN_MIN_EXPERTS = 5;

export type FinalScore = {
  method: "mean" | "trimmed_mean";
  /** The mean of the kept totals, rounded half up to 0.01 point. */
  value: number;
  /** The one highest and one lowest total dropped (trimmed mean only). */
  dropped: { highest: number; lowest: number } | null;
  /** How many experts' totals were given. */
  experts: number;
};

function finalScoreExact(expertTotals: readonly number[]): FinalScore & { hundredths: number } {
  if (expertTotals.length === 0) throw new ScoringError(400, "NO_EXPERT_SCORES", "还没有专家评分，无法计算最终得分");
  expertTotals.forEach((t, i) => {
    if (!isValidPoints(t, MAX_SET_TOTAL))
      throw new ScoringError(
        400,
        "EXPERT_TOTAL_INVALID",
        `第 ${i + 1} 位专家的总分 ${t} 不正确：应为 0-${MAX_SET_TOTAL} 分，最多保留 1 位小数`,
      );
  });
  const sorted = expertTotals.map(toTenths).sort((a, b) => a - b);
  const trimmed = sorted.length >= TRIMMED_MEAN_MIN_EXPERTS;
  const kept = trimmed ? sorted.slice(1, -1) : sorted;
  const sum = kept.reduce((s, t) => s + t, 0);
  const hundredths = roundHalfUpDiv(sum * 10, kept.length);
  return {
    method: trimmed ? "trimmed_mean" : "mean",
    value: hundredths / 100,
    hundredths,
    dropped: trimmed ? { highest: fromTenths(sorted[sorted.length - 1]), lowest: fromTenths(sorted[0]) } : null,
    experts: expertTotals.length,
  };
}

/**
 * The final score from the experts' totals: their mean; with 5 or more experts, exactly one highest and one
 * lowest total are dropped first (one of each even when several tie). Rounded half up to 0.01 point from the
 * exact integer sum. No totals → `NO_EXPERT_SCORES`; a total that is negative or has more than one decimal
 * → `EXPERT_TOTAL_INVALID`. The order of the totals never matters.
 */
export function finalScore(expertTotals: readonly number[]): FinalScore {
  const { hundredths: _, ...rest } = finalScoreExact(expertTotals);
  return rest;
}

export type FinalResult = FinalScore & {
  /** The final score (same as `value`). */
  score: number;
  /** Each expert sheet's total, in the order given. */
  expertTotals: number[];
  /** Veto leaves failed on any expert's sheet, in tree order. */
  vetoFailed: string[];
  /** score ≥ pass line and no veto failure on any sheet. */
  passed: boolean;
};

/**
 * The result of a set's expert sheets. Every sheet must be complete and valid (submitted sheets are), else
 * `SHEET_INCOMPLETE` names the sheet and what is wrong. A veto failure on any one expert's sheet means not
 * passed. The pass decision compares the published score (rounded to 0.01) with the pass line.
 */
export function finalResult(set: IndicatorSetLike, expertSheets: readonly (readonly ScoreEntryLike[])[]): FinalResult {
  assertValidSet(set);
  const sheets = expertSheets.map((entries, i) => {
    const s = scoreSheet(set, entries, { requireAll: true });
    if (!s.complete) {
      const what = [...s.problems, ...(s.missing.length ? [`未评分的指标：${s.missing.join("、")}`] : [])];
      throw new ScoringError(400, "SHEET_INCOMPLETE", `第 ${i + 1} 份专家评分表不完整或有误：${what.join("；")}`, {
        sheet: i,
        problems: s.problems,
        missing: s.missing,
      });
    }
    return s;
  });
  const fs = finalScoreExact(sheets.map((s) => s.total));
  const failed = new Set(sheets.flatMap((s) => s.vetoFailed));
  const vetoFailed = leavesOf(set.nodes)
    .map((l) => l.code)
    .filter((c) => failed.has(c));
  const { hundredths, ...score } = fs;
  return {
    ...score,
    score: score.value,
    expertTotals: sheets.map((s) => s.total),
    vetoFailed,
    passed: vetoFailed.length === 0 && hundredths >= toTenths(set.passLine) * 10,
  };
}
