/**
 * 协办单位 candidates for the record form. A unit's own organization scope shows it no other organization
 * (GET /api/orgs), yet a community co-organizes with the school or enterprise next door: whoever may record
 * activities may find, by name, the active organizations of its own 旗县 (the first six digits of its region;
 * the whole region above that level). Names and places only — what the organizations' public listing shows.
 */
import type { CoOrgOption } from "../../../contracts/activities.js";
import type { Ctx } from "../../core/context.js";
import { orgById, orgsInRegionTree, regionNames } from "../org/index.js";

export async function coOrgCandidates(ctx: Ctx, q?: string): Promise<CoOrgOption[]> {
  const own = await orgById(ctx.db, ctx.actor.orgId);
  if (!own) return [];
  const county = own.regionCode.slice(0, 6);
  // Searched in the database (the organizations' full-text index, names and short names), 20 besides its own.
  const found = (await orgsInRegionTree(ctx.db, county, 21, q?.trim() || undefined))
    .filter((o) => o.id !== own.id)
    .slice(0, 20);
  const names = await regionNames(ctx.db, [...new Set(found.map((o) => o.regionCode))]);
  return found.map((o) => ({ id: o.id, name: o.name, regionName: names.get(o.regionCode) ?? o.regionCode }));
}
