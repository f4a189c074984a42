import { backfillSearch, searchText } from "../../core/search.js";
import type { Queryable } from "../../db/client.js";
import { planNodes, planRectifications, planReports, plans } from "./plans.schema.js";

/** A plan node (a task, above all) is found by its 标题 (core/search.ts). */
export function planNodeSearch(n: { title: string }) {
  return searchText(n.title);
}

/** A plan by its 标题 and 文号. */
export function planSearch(p: { title: string; docNumber: string | null }) {
  return searchText(p.title, p.docNumber);
}

/** A rectification by its 问题 (finding). */
export function rectificationSearch(r: { finding: string }) {
  return searchText(r.finding);
}

/** A progress report by its 进展情况 (narrative); the report list also matches the task's title (plan_nodes). */
export function reportSearch(r: { narrative?: string | null }) {
  return searchText(r.narrative);
}

/** Fills the search vectors of plan nodes, plans, rectifications and reports written before they existed (bootstrap). */
export async function backfillPlanNodeSearch(db: Queryable) {
  return (
    (await backfillSearch(db, {
      table: planNodes,
      id: planNodes.id,
      search: planNodes.search,
      texts: [planNodes.title],
    })) +
    (await backfillSearch(db, {
      table: plans,
      id: plans.id,
      search: plans.search,
      texts: [plans.title, plans.docNumber],
    })) +
    (await backfillSearch(db, {
      table: planRectifications,
      id: planRectifications.id,
      search: planRectifications.search,
      texts: [planRectifications.finding],
    })) +
    (await backfillSearch(db, {
      table: planReports,
      id: planReports.id,
      search: planReports.search,
      texts: [planReports.narrative],
    }))
  );
}
