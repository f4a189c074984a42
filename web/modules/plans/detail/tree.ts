import type { NodeKind, PlanNodeView } from "../../../../contracts/plans";

/**
 * Which kinds may sit under which (the server's rule, plan.service.ts CHILD_KINDS): offered here so the editor
 * only proposes moves and kinds the server will accept; the server still checks every write.
 */
export const CHILD_KINDS: Record<NodeKind | "root", NodeKind[]> = {
  root: ["chapter", "section", "column", "task"],
  chapter: ["chapter", "section", "column", "task"],
  section: ["section", "column", "task"],
  column: ["section", "task"],
  task: ["item"],
  item: ["item"],
};

export function kindAllowed(parent: NodeKind | null, child: NodeKind): boolean {
  return CHILD_KINDS[parent ?? "root"].includes(child);
}

export type TreeIndex = {
  byId: Map<string, PlanNodeView>;
  /** Siblings of each parent (null: the top level), in order. */
  childrenOf: (parentId: string | null) => PlanNodeView[];
  /** Tasks at or below a node. */
  tasksUnder: (id: string) => number;
};

export function indexTree(roots: PlanNodeView[]): TreeIndex {
  const byId = new Map<string, PlanNodeView>();
  const tasks = new Map<string, number>();
  const walk = (nodes: PlanNodeView[]): number =>
    nodes.reduce((sum, n) => {
      byId.set(n.id, n);
      const below = walk(n.children) + (n.kind === "task" ? 1 : 0);
      tasks.set(n.id, below);
      return sum + below;
    }, 0);
  walk(roots);
  return {
    byId,
    childrenOf: (parentId) => (parentId ? (byId.get(parentId)?.children ?? []) : roots),
    tasksUnder: (id) => tasks.get(id) ?? 0,
  };
}

/** Whether `id` is `ancestor` or lies below it. */
export function isWithin(index: TreeIndex, id: string | null, ancestor: string): boolean {
  for (let cur = id; cur; cur = index.byId.get(cur)?.parentId ?? null) if (cur === ancestor) return true;
  return false;
}

/**
 * A task's standing from its units' latest reports, as the roll-up counts it (rollup.service.ts): the mean percent
 * over all its units, a unit that has not reported counting 0 (null: nobody has reported); and whether any unit
 * reports it lagging.
 */
export function taskStanding(n: PlanNodeView): { percent: number | null; lagging: boolean; reported: number } {
  const reported = n.units.filter((u) => u.percent !== null);
  const percent = reported.length ? reported.reduce((s, u) => s + (u.percent ?? 0), 0) / n.units.length : null;
  return { percent, lagging: n.units.some((u) => u.status === "lagging"), reported: reported.length };
}

/** Nodes whose number, title or units contain the text, with every ancestor kept so they stay in place. */
export function filterTree(nodes: PlanNodeView[], text: string): PlanNodeView[] {
  const q = text.trim();
  if (!q) return nodes;
  const out: PlanNodeView[] = [];
  for (const n of nodes) {
    const children = filterTree(n.children, q);
    const hit = `${n.number}${n.title}`.includes(q) || n.units.some((u) => u.orgName.includes(q));
    if (hit || children.length) out.push({ ...n, children: hit ? n.children : children });
  }
  return out;
}
