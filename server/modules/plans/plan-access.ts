/**
 * Who sees what of a plan (PRODUCT §2.7, "every level sees its own and below"):
 *
 *   manage — the issuing department: its organization issued the plan and its plan:manage scope covers the
 *            plan's region. Sees everything; the only one who edits the tree and runs 督查督办.
 *   read   — anyone else whose plan:read scope covers the plan's region and issuing organization: upper levels
 *            (region_tree scope above the plan's region) and colleagues of the issuing department. Sees
 *            everything, changes nothing.
 *   unit   — a responsible unit (its organization carries a task, owns or is escalated a rectification):
 *            sees the outline (章/节/专栏 headings) and the full content only of its own tasks; the lead unit
 *            of a task also sees the co-units' reports on it. Drafts are not shown to units.
 *   none   — 404, indistinguishable from a plan that does not exist.
 *
 * Reporting is by organization: a user reports for its own organization on the tasks that organization
 * carries, whatever its roles' scopes (plan:report is the permission, the assignment is the object check).
 */
import { and, eq, or, sql } from "drizzle-orm";
import type { PlanAccess } from "../../../contracts/plans.js";
import { can, inScope, scopeFor } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { AppError, errors } from "../../core/errors.js";
import { t } from "../../core/i18n.js";
import type { Queryable } from "../../db/client.js";
import { planNodeUnits, planRectifications, plans } from "./plans.schema.js";

export type PlanRow = typeof plans.$inferSelect;
export type PlanAccessInfo = { plan: PlanRow; access: PlanAccess };

/** Whether the caller has full (manage or read) access to a plan, from its row alone. */
export function fullAccessOf(ctx: Ctx, plan: Pick<PlanRow, "regionCode" | "issuingOrgId">): PlanAccess | null {
  const target = { regionCode: plan.regionCode, orgId: plan.issuingOrgId };
  const manageScope = can(ctx.actor, "plan:manage") ? scopeFor(ctx.actor, "plan:manage") : null;
  if (manageScope && inScope(manageScope, target) && ctx.actor.orgId === plan.issuingOrgId) return "manage";
  const readScope = scopeFor(ctx.actor, "plan:read");
  if (readScope && inScope(readScope, target)) return "read";
  return null;
}

/** The SQL condition "the caller's organization takes part in this plan" (assignments or rectifications). */
export function unitPartWhere(orgId: string) {
  return or(
    sql`exists (select 1 from ${planNodeUnits} where ${planNodeUnits.planId} = ${plans.id} and ${planNodeUnits.orgId} = ${orgId})`,
    sql`exists (select 1 from ${planRectifications} where ${planRectifications.planId} = ${plans.id} and (${planRectifications.orgId} = ${orgId} or ${planRectifications.escalatedToOrgId} = ${orgId}))`,
  );
}

/** The plan and what the caller may do with it, or 404. */
export async function loadPlanAccess(ctx: Ctx, planId: string, db: Queryable = ctx.db): Promise<PlanAccessInfo> {
  const [plan] = await db.select().from(plans).where(eq(plans.id, planId));
  if (!plan) throw errors.notFound("plan");
  const full = fullAccessOf(ctx, plan);
  if (full) return { plan, access: full };
  if (plan.status !== "draft" && scopeFor(ctx.actor, "plan:read")) {
    const [part] = await db
      .select({ one: sql<number>`1` })
      .from(plans)
      .where(and(eq(plans.id, planId), unitPartWhere(ctx.actor.orgId)));
    if (part) return { plan, access: "unit" };
  }
  throw errors.notFound("plan");
}

/** Only the issuing department changes a plan; upper levels and units are refused with the reason. */
export function requireManage(info: PlanAccessInfo): void {
  if (info.access === "manage") return;
  if (info.access === "read") throw new AppError(403, "PLAN_READ_ONLY", t("plans.read_only"));
  throw new AppError(403, "PLAN_NOT_MANAGER", t("plans.not_manager"));
}

/** Roll-ups, history and exports cover the whole plan: not for a responsible unit. */
export function requireFull(info: PlanAccessInfo): void {
  if (info.access !== "unit") return;
  throw new AppError(403, "PLAN_UNIT_VIEW", t("plans.unit_view_only"));
}

/** Marks that something a roll-up depends on changed (in the caller's transaction). */
export async function bumpRevision(db: Queryable, planId: string) {
  await db
    .update(plans)
    .set({ revision: sql`${plans.revision} + 1` })
    .where(eq(plans.id, planId));
}
