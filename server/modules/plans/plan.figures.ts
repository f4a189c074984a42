/** 规划监测 for the home page's figures (insights). */
import { and, desc, eq, sql } from "drizzle-orm";
import { type Scope, scopeWhere } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { plans } from "./plans.schema.js";

/** The plan a home page shows: the caller's own level's newest active plan, else the newest active one in scope. */
export async function homePlan(ctx: Ctx, scope: Scope): Promise<{ id: string; title: string } | null> {
  const [plan] = await ctx.db
    .select({ id: plans.id, title: plans.title })
    .from(plans)
    .where(and(eq(plans.status, "active"), scopeWhere(scope, { region: plans.regionCode, org: plans.issuingOrgId })))
    .orderBy(desc(sql`${plans.regionCode} = ${ctx.actor.regionCode}`), desc(plans.createdAt))
    .limit(1);
  return plan ?? null;
}
