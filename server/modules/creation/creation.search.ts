import { backfillSearch, searchText } from "../../core/search.js";
import type { Queryable } from "../../db/client.js";
import { noticeSearchBackfill } from "../publicity/index.js";
import { creationApplications as A, creationBatches, creationDesignations as D } from "./creation.schema.js";

/**
 * What makes an application and a designation findable (core/search.ts). An application is found by its
 * 标题 here and by its unit's name through `orgs.search` (joined in the list), so renaming a unit needs no
 * rewrite of its applications; a designation by the 单位名称 it was named under (and its 证书编号 exactly).
 */
export function applicationSearch(a: { title?: string | null }) {
  return searchText(a.title);
}

export function designationSearch(d: { unitName: string }) {
  return searchText(d.unitName);
}

/** Fills the search vectors of applications and designations written before they existed (bootstrap). */
export async function backfillCreationSearch(db: Queryable) {
  return (
    (await backfillSearch(db, { table: A, id: A.id, search: A.search, texts: [A.title] })) +
    (await backfillSearch(db, { table: D, id: D.id, search: D.search, texts: [D.unitName] }))
  );
}

/** A batch by its 批次名称 (a notice by its 公示标题: the publicity module writes it). */
export function batchSearch(b: { name: string }) {
  return searchText(b.name);
}

/** Fills the search vectors of batches and notices written before they existed (bootstrap). */
export async function backfillBatchNoticeSearch(db: Queryable) {
  return (
    (await backfillSearch(db, {
      table: creationBatches,
      id: creationBatches.id,
      search: creationBatches.search,
      texts: [creationBatches.name],
    })) + (await backfillSearch(db, noticeSearchBackfill()))
  );
}
