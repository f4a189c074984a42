import type { Deps } from "../../core/context.js";
import { listPublicUnits } from "./directory.service.js";

/** For the portal's site search: units whose designation is valid now and whose name contains q. */
export async function searchPublicUnits(deps: Deps, q: string, limit: number) {
  const page = await listPublicUnits(deps, { q, page: 1, pageSize: limit });
  return { total: page.total, items: page.items };
}
