import { backfillSearch, searchText } from "../../core/search.js";
import type { Queryable } from "../../db/client.js";
import { planNodes } from "./plans.schema.js";

/** A plan node (a task, above all) is found by its 标题 (core/search.ts). */
export function planNodeSearch(n: { title: string }) {
  return searchText(n.title);
}

/** Fills the search vector of plan nodes written before it existed (bootstrap). */
export function backfillPlanNodeSearch(db: Queryable) {
  return backfillSearch(db, { table: planNodes, id: planNodes.id, search: planNodes.search, texts: [planNodes.title] });
}
