/**
 * 佐证材料 of a plan: the files its progress reports and rectification closures reference, opened through the
 * plan rather than the material library. The library only serves materials inside the caller's own material
 * scope, yet the lead unit of a task sees its co-units' reports (and their evidence), and the issuing
 * department and upper levels see every report and rectification of the plan.
 *
 * The rule (as creation's evidence.service.ts): whoever may read the plan (`loadPlanAccess`) may preview and
 * download a material that a report or rectification the caller sees in that plan references — for a unit its
 * own reports and, on tasks it leads, its co-units' (`reportScopeWhere`), and the rectifications it owns or was
 * escalated (`rectScope`); everything for the issuing department and upper levels. Anything else is a 404,
 * indistinguishable from a missing file: this is never a general file proxy. Downloads are audited as library
 * downloads are.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Ctx } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import { readReferencedMaterialFile } from "../materials/index.js";
import { loadPlanAccess } from "./plan-access.js";
import { planRectifications, planReports } from "./plans.schema.js";
import { reportScopeWhere } from "./report.service.js";
import { rectScope } from "./supervision.service.js";

/** Whether a report or rectification of the plan that the caller sees references the material. */
async function referenced(ctx: Ctx, info: Awaited<ReturnType<typeof loadPlanAccess>>, materialId: string) {
  const ref = JSON.stringify([{ id: materialId }]);
  const [report] = await ctx.db
    .select({ one: sql<number>`1` })
    .from(planReports)
    .where(
      and(
        eq(planReports.planId, info.plan.id),
        sql`${planReports.evidence} @> ${ref}::jsonb`,
        reportScopeWhere(info, ctx.actor.orgId),
      ),
    )
    .limit(1);
  if (report) return true;
  const [rect] = await ctx.db
    .select({ one: sql<number>`1` })
    .from(planRectifications)
    .where(
      and(
        eq(planRectifications.planId, info.plan.id),
        sql`${planRectifications.closureEvidence} @> ${ref}::jsonb`,
        rectScope(info, ctx.actor.orgId),
      ),
    )
    .limit(1);
  return !!rect;
}

/** A referenced file of a plan, for inline preview or (audited) download; 404 unless the caller sees a reference. */
export async function readPlanEvidence(ctx: Ctx, planId: string, materialId: string, mode: "download" | "preview") {
  const info = await loadPlanAccess(ctx, planId);
  if (!(await referenced(ctx, info, materialId))) throw errors.notFound("material");
  return readReferencedMaterialFile(ctx, materialId, mode, `规划“${info.plan.title}”的佐证材料`);
}
