import { backfillSearch, searchText } from "../../core/search.js";
import type { Queryable } from "../../db/client.js";
import { honorAwards, honorNominations } from "./honors.schema.js";

/** A nomination's searchable text: its public summary (personal fields are encrypted and not indexed). */
export const nominationSearch = (summary: string) => searchText(summary);
/** An award's searchable text for the deeds library: the honoree, its unit and the public summary. */
export const awardSearch = (name: string, unit: string, summary: string) => searchText(name, unit, summary);

export async function backfillHonorsSearch(db: Queryable): Promise<number> {
  const a = await backfillSearch(db, {
    table: honorNominations,
    id: honorNominations.id,
    search: honorNominations.search,
    texts: [honorNominations.summary],
  });
  const b = await backfillSearch(db, {
    table: honorAwards,
    id: honorAwards.id,
    search: honorAwards.search,
    texts: [honorAwards.honoreeName, honorAwards.honoreeUnit, honorAwards.summary],
  });
  return a + b;
}
