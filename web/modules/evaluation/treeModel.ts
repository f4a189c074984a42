/**
 * The indicator tree as the editor holds it: nodes by a stable local id (so a node keeps its identity
 * while it moves), children as id lists. Codes ("1.2.3") follow from the position and are given to the
 * server by position, as it numbers a tree without codes. Everything here is plain functions over an
 * immutable value, so each edit is one new object and undo is a stack of them.
 */
import { TEXT_MESSAGES, textProblem } from "../../../contracts/common";
import type {
  IndicatorNodeInput,
  IndicatorNodeView,
  IndicatorSetInput,
  ScoringMethod,
} from "../../../contracts/evaluation";
import { fromTenths, isValidPoints, toTenths } from "../../../contracts/scoring";
import { t } from "../../app/i18n";

/** The limits of contracts/evaluation.ts and the scoring engine. */
export const LIMITS = {
  depth: 6,
  children: 100,
  nodes: 2000,
  nodeScore: 1000,
  total: 10_000,
  title: 200,
  standard: 2000,
  evidence: 1000,
} as const;

export type EditNode = {
  uid: string;
  title: string;
  standard: string;
  /** 分值: a leaf's max score; on a parent optional, and then it must equal the sum of its leaves. */
  maxScore: number | null;
  method: ScoringMethod | null;
  evidence: string;
  veto: boolean;
  children: string[];
};

export type Tree = { nodes: Record<string, EditNode>; roots: string[] };

export type Problem = {
  uid: string | null;
  field: "title" | "maxScore" | "method" | "veto" | "standard" | "evidence" | "level" | "total" | "passLine" | "tree";
  message: string;
};

export type Derived = {
  /** Preorder (outline) order of every node. */
  order: string[];
  code: Map<string, string>;
  depth: Map<string, number>;
  parent: Map<string, string | null>;
  /** Sum of the leaves' max scores under a node (a leaf: its own), in tenths of a point. */
  sumTenths: Map<string, number>;
  totalTenths: number;
  leafCount: number;
  vetoCount: number;
  problems: Problem[];
  problemsOf: Map<string, Problem[]>;
};

let seq = 0;
export const newUid = () => `n${Date.now().toString(36)}${(seq++).toString(36)}`;

export { toTenths };
export const fmtTenths = (tenths: number) => String(fromTenths(tenths));
/** Points the server's engine accepts (contracts/scoring.ts): 0–max, at most one decimal. */
const isPoints = isValidPoints;
/** What the server says about a title (one line) or a standard/evidence text (long), or null when it accepts it. */
const refused = (v: string, kind: "line" | "long") => {
  const problem = textProblem(kind === "long" ? v.replace(/\r\n?/g, "\n").trim() : v.trim(), kind);
  return problem ? TEXT_MESSAGES[problem] : null;
};

export const emptyTree = (): Tree => ({ nodes: {}, roots: [] });

export function blankNode(patch: Partial<EditNode> = {}): EditNode {
  return {
    uid: newUid(),
    title: "",
    standard: "",
    maxScore: null,
    method: "score",
    evidence: "",
    veto: false,
    children: [],
    ...patch,
  };
}

export function fromView(nodes: IndicatorNodeView[] | IndicatorNodeInput[]): Tree {
  const tree: Tree = { nodes: {}, roots: [] };
  const add = (n: IndicatorNodeInput): string => {
    const uid = newUid();
    const children = (n.children ?? []).map(add);
    tree.nodes[uid] = {
      uid,
      title: n.title ?? "",
      standard: n.standard ?? "",
      maxScore: n.maxScore ?? null,
      method: children.length ? null : (n.method ?? null),
      evidence: n.evidence ?? "",
      veto: children.length ? false : !!n.veto,
      children,
    };
    return uid;
  };
  tree.roots = nodes.map((n) => add(n as IndicatorNodeInput));
  return tree;
}

/** The tree as the API takes it; codes and levels are left to the server, which numbers by position. */
export function toInput(tree: Tree): IndicatorSetInput["nodes"] {
  const out = (uid: string): IndicatorNodeInput => {
    const n = tree.nodes[uid];
    const leaf = n.children.length === 0;
    const node: IndicatorNodeInput = { title: n.title.trim() };
    if (n.standard.trim()) node.standard = n.standard.trim();
    if (n.evidence.trim()) node.evidence = n.evidence.trim();
    if (n.maxScore !== null) node.maxScore = n.maxScore;
    if (leaf) {
      node.method = n.method;
      if (n.veto) node.veto = true;
    } else node.children = n.children.map(out);
    return node;
  };
  return tree.roots.map(out);
}

export function derive(tree: Tree, total: number | null | undefined, passLine?: number | null): Derived {
  const d: Derived = {
    order: [],
    code: new Map(),
    depth: new Map(),
    parent: new Map(),
    sumTenths: new Map(),
    totalTenths: 0,
    leafCount: 0,
    vetoCount: 0,
    problems: [],
    problemsOf: new Map(),
  };
  const problem = (uid: string | null, field: Problem["field"], message: string) => {
    const p = { uid, field, message };
    d.problems.push(p);
    if (uid) {
      const list = d.problemsOf.get(uid);
      if (list) list.push(p);
      else d.problemsOf.set(uid, [p]);
    }
  };
  const visit = (uid: string, parent: string | null, code: string, depth: number): number => {
    const n = tree.nodes[uid];
    d.order.push(uid);
    d.code.set(uid, code);
    d.depth.set(uid, depth);
    d.parent.set(uid, parent);
    let sum = 0;
    if (n.children.length === 0) {
      d.leafCount++;
      if (n.veto) d.vetoCount++;
      sum = n.maxScore !== null && isPoints(n.maxScore, LIMITS.nodeScore) ? toTenths(n.maxScore) : 0;
    } else {
      n.children.forEach((c, i) => {
        sum += visit(c, uid, `${code}.${i + 1}`, depth + 1);
      });
    }
    d.sumTenths.set(uid, sum);
    return sum;
  };
  tree.roots.forEach((r, i) => {
    d.totalTenths += visit(r, null, String(i + 1), 1);
  });

  if (tree.roots.length === 0) problem(null, "tree", t("evaluation.check.noNodes"));
  if (d.order.length > LIMITS.nodes)
    problem(null, "tree", t("evaluation.check.tooManyNodes", { count: d.order.length, max: LIMITS.nodes }));
  if (tree.roots.length > LIMITS.children)
    problem(null, "tree", t("evaluation.check.tooManyRoots", { max: LIMITS.children }));

  for (const uid of d.order) {
    const n = tree.nodes[uid];
    const code = d.code.get(uid) ?? "";
    // Worded only when there is a problem: this runs for every node on every keystroke.
    const nameOf = () =>
      n.title.trim()
        ? t("evaluation.check.nodeName", { code, title: n.title.trim() })
        : t("evaluation.check.nodeCode", { code });
    const depth = d.depth.get(uid) ?? 1;
    if (!n.title.trim()) problem(uid, "title", t("evaluation.check.noTitle", { code }));
    else if (n.title.trim().length > LIMITS.title)
      problem(uid, "title", t("evaluation.check.titleTooLong", { name: nameOf(), max: LIMITS.title }));
    else if (refused(n.title, "line"))
      problem(
        uid,
        "title",
        t("evaluation.check.unsafe", {
          name: nameOf(),
          field: t("evaluation.fields.title"),
          reason: refused(n.title, "line") ?? "",
        }),
      );
    if (n.standard.length > LIMITS.standard)
      problem(
        uid,
        "standard",
        t("evaluation.check.textTooLong", {
          name: nameOf(),
          field: t("evaluation.fields.standard"),
          max: LIMITS.standard,
        }),
      );
    else if (refused(n.standard, "long"))
      problem(
        uid,
        "standard",
        t("evaluation.check.unsafe", {
          name: nameOf(),
          field: t("evaluation.fields.standard"),
          reason: refused(n.standard, "long") ?? "",
        }),
      );
    if (n.evidence.length > LIMITS.evidence)
      problem(
        uid,
        "evidence",
        t("evaluation.check.textTooLong", {
          name: nameOf(),
          field: t("evaluation.fields.evidence"),
          max: LIMITS.evidence,
        }),
      );
    else if (refused(n.evidence, "long"))
      problem(
        uid,
        "evidence",
        t("evaluation.check.unsafe", {
          name: nameOf(),
          field: t("evaluation.fields.evidence"),
          reason: refused(n.evidence, "long") ?? "",
        }),
      );
    if (depth > LIMITS.depth)
      problem(uid, "level", t("evaluation.check.tooDeep", { name: nameOf(), depth, max: LIMITS.depth }));
    if (n.children.length > LIMITS.children)
      problem(uid, "tree", t("evaluation.check.tooManyChildren", { name: nameOf(), max: LIMITS.children }));
    const scoreOk = n.maxScore === null || isPoints(n.maxScore, LIMITS.nodeScore);
    if (!scoreOk) problem(uid, "maxScore", t("evaluation.check.badScore", { name: nameOf(), max: LIMITS.nodeScore }));
    if (n.children.length === 0) {
      if (n.method === null) problem(uid, "method", t("evaluation.check.noMethod", { name: nameOf() }));
      if (n.maxScore === null) problem(uid, "maxScore", t("evaluation.check.noScore", { name: nameOf() }));
      if (n.veto && n.method !== null && n.method !== "yes_no")
        problem(uid, "method", t("evaluation.check.vetoMethod", { name: nameOf() }));
    } else if (n.maxScore !== null && scoreOk) {
      const sum = d.sumTenths.get(uid) ?? 0;
      if (toTenths(n.maxScore) !== sum)
        problem(
          uid,
          "maxScore",
          t("evaluation.check.parentMismatch", { name: nameOf(), planned: n.maxScore, sum: fmtTenths(sum) }),
        );
    }
  }

  if (typeof total === "number" && Number.isFinite(total) && total > 0 && tree.roots.length) {
    const diff = toTenths(total) - d.totalTenths;
    if (diff > 0)
      problem(
        null,
        "total",
        t("evaluation.check.totalShort", { sum: fmtTenths(d.totalTenths), total, diff: fmtTenths(diff) }),
      );
    if (diff < 0)
      problem(
        null,
        "total",
        t("evaluation.check.totalOver", { sum: fmtTenths(d.totalTenths), total, diff: fmtTenths(-diff) }),
      );
  }
  if (typeof total === "number" && typeof passLine === "number" && passLine > total)
    problem(null, "passLine", t("evaluation.check.passLineHigh", { passLine, total }));
  return d;
}

// ---------------------------------------------------------------------------------------------------------
// Edits. Each returns a new tree; nodes not touched are shared.

const withNode = (tree: Tree, n: EditNode): Tree => ({ ...tree, nodes: { ...tree.nodes, [n.uid]: n } });

/** The id list that holds `uid`: its parent's children or the roots. */
function siblingsOf(tree: Tree, parent: string | null): string[] {
  return parent === null ? tree.roots : tree.nodes[parent].children;
}

function setSiblings(tree: Tree, parent: string | null, list: string[]): Tree {
  return parent === null ? { ...tree, roots: list } : withNode(tree, { ...tree.nodes[parent], children: list });
}

export function parentOf(tree: Tree, uid: string): string | null {
  if (tree.roots.includes(uid)) return null;
  for (const n of Object.values(tree.nodes)) if (n.children.includes(uid)) return n.uid;
  return null;
}

/** A leaf that gets children is no longer scored itself: its method and veto go, its 分值 stays as the plan. */
function asParent(n: EditNode): EditNode {
  return { ...n, method: null, veto: false };
}
/** A parent whose last child left is scored again. */
function asLeaf(n: EditNode): EditNode {
  return n.children.length === 0 && n.method === null ? { ...n, method: "score" } : n;
}

export function updateNode(tree: Tree, uid: string, patch: Partial<Omit<EditNode, "uid" | "children">>): Tree {
  const next = { ...tree.nodes[uid], ...patch };
  if (patch.veto === true) next.method = "yes_no";
  return withNode(tree, next);
}

/** Adds a new node as the last child of `parent` (or as the last 一级指标). */
export function addChild(tree: Tree, parent: string | null, init: Partial<EditNode> = {}): { tree: Tree; uid: string } {
  const node = blankNode(init);
  let next = withNode(tree, node);
  if (parent === null) next = { ...next, roots: [...next.roots, node.uid] };
  else {
    const p = next.nodes[parent];
    next = withNode(next, asParent({ ...p, children: [...p.children, node.uid] }));
  }
  return { tree: next, uid: node.uid };
}

/** Adds a new node right after `uid`, under the same parent. */
export function addSibling(tree: Tree, uid: string, init: Partial<EditNode> = {}): { tree: Tree; uid: string } {
  const parent = parentOf(tree, uid);
  const node = blankNode(init);
  const list = [...siblingsOf(tree, parent)];
  list.splice(list.indexOf(uid) + 1, 0, node.uid);
  return { tree: setSiblings(withNode(tree, node), parent, list), uid: node.uid };
}

export function descendants(tree: Tree, uid: string): string[] {
  const out: string[] = [];
  const walk = (u: string) => {
    for (const c of tree.nodes[u].children) {
      out.push(c);
      walk(c);
    }
  };
  walk(uid);
  return out;
}

export function removeNode(tree: Tree, uid: string): Tree {
  const parent = parentOf(tree, uid);
  let next = setSiblings(
    tree,
    parent,
    siblingsOf(tree, parent).filter((x) => x !== uid),
  );
  const nodes = { ...next.nodes };
  for (const d of [uid, ...descendants(tree, uid)]) delete nodes[d];
  next = { ...next, nodes };
  if (parent !== null) next = withNode(next, asLeaf(next.nodes[parent]));
  return next;
}

/** Moves `uid` one place up or down among its siblings. */
export function shift(tree: Tree, uid: string, by: -1 | 1): Tree {
  const parent = parentOf(tree, uid);
  const list = [...siblingsOf(tree, parent)];
  const i = list.indexOf(uid);
  const j = i + by;
  if (j < 0 || j >= list.length) return tree;
  [list[i], list[j]] = [list[j], list[i]];
  return setSiblings(tree, parent, list);
}

/**
 * Moves `uid` next to (before/after) or into (as last child of) `target`. Refused (tree unchanged) when
 * the target is the node itself or lies under it.
 */
export function moveNode(tree: Tree, uid: string, target: string | null, where: "before" | "after" | "inside"): Tree {
  if (target === uid || (target !== null && descendants(tree, uid).includes(target))) return tree;
  const from = parentOf(tree, uid);
  let next = setSiblings(
    tree,
    from,
    siblingsOf(tree, from).filter((x) => x !== uid),
  );
  if (from !== null) next = withNode(next, asLeaf(next.nodes[from]));
  if (where === "inside") {
    if (target === null) return { ...next, roots: [...next.roots, uid] };
    const p = next.nodes[target];
    return withNode(next, asParent({ ...p, children: [...p.children, uid] }));
  }
  if (target === null) return tree;
  const to = parentOf(next, target);
  const list = [...siblingsOf(next, to)];
  list.splice(list.indexOf(target) + (where === "after" ? 1 : 0), 0, uid);
  return setSiblings(next, to, list);
}

/** 降级: becomes the last child of the sibling above it. */
export function indent(tree: Tree, uid: string): Tree {
  const parent = parentOf(tree, uid);
  const list = siblingsOf(tree, parent);
  const i = list.indexOf(uid);
  if (i <= 0) return tree;
  return moveNode(tree, uid, list[i - 1], "inside");
}

/** 升级: moves out of its parent, right after it. */
export function outdent(tree: Tree, uid: string): Tree {
  const parent = parentOf(tree, uid);
  if (parent === null) return tree;
  return moveNode(tree, uid, parent, "after");
}

/** Copies a node and everything under it, placed right after it. */
export function duplicate(tree: Tree, uid: string): { tree: Tree; uid: string } {
  const nodes = { ...tree.nodes };
  const copy = (u: string): string => {
    const n = tree.nodes[u];
    const c: EditNode = { ...n, uid: newUid(), children: n.children.map(copy) };
    nodes[c.uid] = c;
    return c.uid;
  };
  const cu = copy(uid);
  const parent = parentOf(tree, uid);
  const list = [...siblingsOf(tree, parent)];
  list.splice(list.indexOf(uid) + 1, 0, cu);
  return { tree: setSiblings({ ...tree, nodes }, parent, list), uid: cu };
}
