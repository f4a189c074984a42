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
 *
 * Activity records (活动) cited by a report open the same way (填一次，多处用): whoever sees a report citing one
 * reads the record through the plan (`readPlanActivity`), and its photos and files through the plan's evidence
 * route, whatever the caller's activities scope.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Ctx } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import { activityAsEvidence, activityMaterialIds } from "../activities/index.js";
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
  if (rect) return true;
  const cited = await ctx.db
    .select({ activities: planReports.activities })
    .from(planReports)
    .where(
      and(
        eq(planReports.planId, info.plan.id),
        sql`jsonb_array_length(${planReports.activities}) > 0`,
        reportScopeWhere(info, ctx.actor.orgId),
      ),
    );
  const ids = cited.flatMap((r) => (r.activities as { id: string }[]).map((a) => a.id));
  return (await activityMaterialIds(ctx.db, ids)).has(materialId);
}

/** A cited activity record of a plan: 404 unless a report of the plan the caller sees cites it. */
export async function readPlanActivity(ctx: Ctx, planId: string, activityId: string) {
  const info = await loadPlanAccess(ctx, planId);
  const ref = JSON.stringify([{ id: activityId }]);
  const [report] = await ctx.db
    .select({ one: sql<number>`1` })
    .from(planReports)
    .where(
      and(
        eq(planReports.planId, info.plan.id),
        sql`${planReports.activities} @> ${ref}::jsonb`,
        reportScopeWhere(info, ctx.actor.orgId),
      ),
    )
    .limit(1);
  if (!report) throw errors.notFound("activity");
  return activityAsEvidence(ctx, activityId);
}

/** A referenced file of a plan, for inline preview or (audited) download; 404 unless the caller sees a reference. */
export async function readPlanEvidence(ctx: Ctx, planId: string, materialId: string, mode: "download" | "preview") {
  const info = await loadPlanAccess(ctx, planId);
  if (!(await referenced(ctx, info, materialId))) throw errors.notFound("material");
  return readReferencedMaterialFile(ctx, materialId, mode, `规划“${info.plan.title}”的佐证材料`);
}
