import { type QueryClient, useQuery } from "@tanstack/react-query";
import type { PeriodView, RollupView } from "../../../contracts/plan-progress";
import type { PlanNodeView, PlanView } from "../../../contracts/plans";
import { api } from "../../app/api";

/**
 * Query keys of the plans pages. A plan's own data is keyed ["plans", id, …], so one write can refresh
 * everything that shows that plan (tree, roll-up, submissions, supervision); lists have keys of their own.
 */
export const planKeys = {
  /** ListPage ids: ListPage keys its query [id, filters, page …]. */
  list: ["plans.list"] as const,
  myTasks: ["plans.my-tasks"] as const,
  todos: ["plans.todos"] as const,
  plan: (id: string) => ["plans", id, "plan"] as const,
  periods: (id: string) => ["plans", id, "periods"] as const,
  rollup: (id: string) => ["plans", id, "rollup"] as const,
  node: (id: string, nodeId: string) => ["plans", id, "node", nodeId] as const,
  inspections: (id: string) => ["plans", id, "inspections"] as const,
  submissions: (id: string) => ["plans", id, "submissions"] as const,
};

export function usePlan(id: string | undefined) {
  return useQuery({
    queryKey: planKeys.plan(id ?? ""),
    queryFn: () => api.get<PlanView>(`/api/plans/${id}`),
    enabled: !!id,
  });
}

export function usePeriods(id: string | undefined) {
  return useQuery({
    queryKey: planKeys.periods(id ?? ""),
    queryFn: () => api.get<PeriodView[]>(`/api/plans/${id}/periods`),
    enabled: !!id,
    staleTime: 5 * 60_000,
  });
}

export function useRollup(id: string, enabled = true) {
  return useQuery({
    queryKey: planKeys.rollup(id),
    queryFn: () => api.get<RollupView>(`/api/plans/${id}/rollup`),
    enabled,
  });
}

/** After a write on a plan: its views, the lists that show it, the unit's task list and to-dos. */
export async function refreshPlan(qc: QueryClient, id: string) {
  await Promise.all([
    qc.invalidateQueries({ queryKey: ["plans", id] }),
    qc.invalidateQueries({ queryKey: planKeys.list }),
    qc.invalidateQueries({ queryKey: planKeys.myTasks }),
    qc.invalidateQueries({ queryKey: planKeys.todos }),
    qc.invalidateQueries({ queryKey: ["history", `/api/plans/${id}/history`] }),
  ]);
}

/** Depth-first list of a tree (document order). */
export function flattenNodes(nodes: PlanNodeView[]): PlanNodeView[] {
  return nodes.flatMap((n) => [n, ...flattenNodes(n.children)]);
}

/** "第一章 总体要求", or the title alone when the document gave no number. */
export function nodeLabel(n: { number: string; title: string }): string {
  return n.number ? `${n.number} ${n.title}` : n.title;
}

/** A period that may be reported now: begun (running or past). */
export function reportablePeriods(periods: PeriodView[] | undefined): PeriodView[] {
  return (periods ?? []).filter((p) => p.state !== "future");
}

/** The period a report form starts on: the latest one already begun (the running one, or the last once the plan has ended). */
export function defaultReportPeriod(periods: PeriodView[] | undefined): string | undefined {
  const open = reportablePeriods(periods);
  return open[open.length - 1]?.key;
}
