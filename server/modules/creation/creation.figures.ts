/** Counts of 示范创建 for the home page's figures (insights), each within the caller's scope. */
import { and, count } from "drizzle-orm";
import type { Scope } from "../../core/access.js";
import { scopeWhere } from "../../core/access.js";
import { type Ctx, readDb } from "../../core/context.js";
import { applicationVisibleWhere } from "./application.service.js";
import { creationApplications, creationDesignations } from "./creation.schema.js";
import { shanghaiDate } from "./dates.js";
import { designationListWhere, liveWhere } from "./designation.service.js";

/** The applications the caller's lists show, counted by status. */
export async function applicationCountsByStatus(ctx: Ctx): Promise<Map<string, number>> {
  const A = creationApplications;
  const rows = await ctx.db
    .select({ status: A.status, n: count() })
    .from(A)
    .where(applicationVisibleWhere(ctx))
    .groupBy(A.status);
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}

/** Live designations in `scope`, counted by the unit's own region code. */
export async function liveDesignationCountsByRegion(
  ctx: Ctx,
  scope: Scope,
): Promise<{ regionCode: string; n: number }[]> {
  const D = creationDesignations;
  const rows = await ctx.db
    .select({ regionCode: D.regionCode, n: count() })
    .from(D)
    .where(and(scopeWhere(scope, { region: D.regionCode, org: D.orgId }), liveWhere(shanghaiDate(ctx.clock.now()))))
    .groupBy(D.regionCode);
  return rows.map((r) => ({ regionCode: r.regionCode, n: Number(r.n) }));
}

/**
 * The designations list's rows of a query (/creation/designations with the same filters) counted by the unit's
 * region code: the leaders' dashboard sums them, so its figure equals the list's total.
 */
export async function designationCountsByRegion(
  ctx: Ctx,
  q: Parameters<typeof designationListWhere>[1],
): Promise<{ regionCode: string; n: number }[]> {
  const D = creationDesignations;
  const rows = await readDb(ctx)
    .select({ regionCode: D.regionCode, n: count() })
    .from(D)
    .where(designationListWhere(ctx, q))
    .groupBy(D.regionCode);
  return rows.map((r) => ({ regionCode: r.regionCode, n: Number(r.n) }));
}
