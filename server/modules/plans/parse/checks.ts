/** Warnings over the built tree: numbering gaps and tasks without units. */
import type { Draft } from "./tree.js";
import type { PlanNode } from "./types.js";

export function checkNumbering(root: Draft, warnings: string[]) {
  const globalLast = new Map<string, number>();
  const visit = (d: Draft) => {
    const lastInParent = new Map<string, number>();
    for (const c of d.children) {
      if (c.ordinal != null) {
        const key = c.type;
        const prev = lastInParent.get(key);
        const ok =
          prev != null
            ? c.ordinal === prev + 1
            : c.ordinal === 1 || c.ordinal === (globalLast.get(key) ?? Number.NaN) + 1;
        if (!ok) {
          const expected = prev != null ? prev + 1 : 1;
          warnings.push(`第${c.line}行：编号“${c.number}”与前文不连续（预期为第 ${expected} 项）`);
        }
        lastInParent.set(key, c.ordinal);
        globalLast.set(key, c.ordinal);
      }
      visit(c);
    }
  };
  visit(root);
}

export function checkUnits(nodes: PlanNode[], warnings: string[]) {
  const tasks: PlanNode[] = [];
  const walk = (ns: PlanNode[]) => {
    for (const n of ns) {
      if (n.kind === "task") tasks.push(n);
      walk(n.children);
    }
  };
  walk(nodes);
  const withUnits = tasks.filter((t) => t.units.length > 0).length;
  // Only when the document does use unit clauses: then a task without one is probably an omission.
  if (withUnits === 0 || withUnits * 2 < tasks.length) return;
  for (const t of tasks) {
    if (t.units.length === 0) warnings.push(`第${t.line}行：任务“${t.number}${t.title}”未写明责任单位`);
  }
}
