/**
 * Corrections and removals of 年度活动计划 and 结对, by whoever manages their organization (activity:manage over
 * it): each one transaction with its audit entry. A plan is plain targets, so it can be rewritten or deleted
 * (its completion is computed from the records, which stay). A pair with visits cannot be deleted — its visits
 * are records that cite it — but it can be ended (结束日期), after which it is no longer overdue.
 */
import { and, eq, sql } from "drizzle-orm";
import type { ActivityPlanInput, ActivityPlanView, PairUpdate, PairView } from "../../../contracts/activities.js";
import type { Ctx } from "../../core/context.js";
import { requireDictCode } from "../../core/dict.js";
import { AppError, errors } from "../../core/errors.js";
import { t } from "../../core/i18n.js";
import type { Tx } from "../../db/client.js";
import { diff, recordAudit } from "../audit/index.js";
import { orgById } from "../org/index.js";
import { ACTIVITY_TYPE_DICT } from "./activities.dicts.js";
import { activityPairs, activityPlanLines, activityPlans, activityRecords } from "./activities.schema.js";
import { mayManageFor, ownedVisibleWhere } from "./activities-access.js";
import { getPair, pairVisibleWhere } from "./pair.service.js";
import { getActivityPlan } from "./plan.service.js";

async function requireManager(ctx: Ctx, tx: Tx, orgId: string) {
  const org = await orgById(tx, orgId);
  if (!org || !mayManageFor(ctx, org)) throw new AppError(403, "ACTIVITY_NOT_MANAGER", t("activities.not_manager"));
  return org;
}

async function loadPlan(ctx: Ctx, tx: Tx, id: string) {
  const [row] = await tx
    .select()
    .from(activityPlans)
    .where(
      and(
        eq(activityPlans.id, id),
        ownedVisibleWhere(ctx, { region: activityPlans.regionCode, org: activityPlans.orgId }),
      ),
    )
    .for("update");
  if (!row) throw errors.notFound("activity_plan");
  await requireManager(ctx, tx, row.orgId);
  return row;
}

async function planLines(tx: Tx, planId: string) {
  return tx
    .select({
      typeCode: activityPlanLines.typeCode,
      month: activityPlanLines.month,
      targetCount: activityPlanLines.targetCount,
    })
    .from(activityPlanLines)
    .where(eq(activityPlanLines.planId, planId))
    .orderBy(activityPlanLines.sort);
}

/** Rewrites a plan's title, year, coverage and lines (its organization stays). */
export async function updateActivityPlan(ctx: Ctx, id: string, input: ActivityPlanInput): Promise<ActivityPlanView> {
  await ctx.db.transaction(async (tx) => {
    const row = await loadPlan(ctx, tx, id);
    if (input.orgId && input.orgId !== row.orgId) throw errors.field("orgId", "activities.plan_org_scope");
    for (const l of input.lines) await requireDictCode(tx, ACTIVITY_TYPE_DICT, l.typeCode, "lines");
    const before = await planLines(tx, id);
    await tx
      .update(activityPlans)
      .set({ title: input.title, year: input.year, covers: input.covers, updatedAt: ctx.clock.now() })
      .where(eq(activityPlans.id, id));
    await tx.delete(activityPlanLines).where(eq(activityPlanLines.planId, id));
    await tx.insert(activityPlanLines).values(
      input.lines.map((l, i) => ({
        planId: id,
        typeCode: l.typeCode,
        month: l.month,
        targetCount: l.targetCount,
        sort: i,
      })),
    );
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "activity_plan.update",
      entity: "activity_plan",
      entityId: id,
      regionCode: row.regionCode,
      orgId: row.orgId,
      summary: `修改${input.year}年度活动计划“${input.title}”`,
      changes: diff(
        { title: row.title, year: row.year, covers: row.covers, lines: before },
        {
          title: input.title,
          year: input.year,
          covers: input.covers,
          lines: input.lines.map((l) => ({ typeCode: l.typeCode, month: l.month, targetCount: l.targetCount })),
        },
      ),
    });
  });
  return getActivityPlan(ctx, id);
}

export async function deleteActivityPlan(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const row = await loadPlan(ctx, tx, id);
    const lines = await planLines(tx, id);
    await tx.delete(activityPlanLines).where(eq(activityPlanLines.planId, id));
    await tx.delete(activityPlans).where(eq(activityPlans.id, id));
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "activity_plan.delete",
      entity: "activity_plan",
      entityId: id,
      regionCode: row.regionCode,
      orgId: row.orgId,
      summary: `删除${row.year}年度活动计划“${row.title}”`,
      changes: { title: [row.title, null], year: [row.year, null], lines: [lines, null] },
    });
  });
}

async function loadPair(ctx: Ctx, tx: Tx, id: string) {
  const [row] = await tx
    .select()
    .from(activityPairs)
    .where(and(eq(activityPairs.id, id), pairVisibleWhere(ctx)))
    .for("update");
  if (!row) throw errors.notFound("activity_pair");
  await requireManager(ctx, tx, row.orgId);
  return row;
}

/** Corrects a pair's start date and goals, or ends it (endDate) or reopens it (endDate null). */
export async function updatePair(ctx: Ctx, id: string, input: PairUpdate): Promise<PairView> {
  await ctx.db.transaction(async (tx) => {
    const row = await loadPair(ctx, tx, id);
    const next = { startDate: input.startDate, goals: input.goals ?? null, endDate: input.endDate ?? null };
    await tx
      .update(activityPairs)
      .set({ ...next, updatedAt: ctx.clock.now() })
      .where(eq(activityPairs.id, id));
    const ended = !row.endDate && next.endDate;
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: ended ? "activity_pair.end" : "activity_pair.update",
      entity: "activity_pair",
      entityId: id,
      regionCode: row.regionCode,
      orgId: row.orgId,
      summary: ended ? `结束结对（${next.endDate}）` : "修改结对",
      changes: diff({ startDate: row.startDate, goals: row.goals, endDate: row.endDate }, next),
    });
  });
  return getPair(ctx, id);
}

/** Deletes a pair without visits (409 otherwise: end it instead). */
export async function deletePair(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const row = await loadPair(ctx, tx, id);
    const [{ n }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(activityRecords)
      .where(eq(activityRecords.pairId, id));
    if (Number(n) > 0) throw errors.conflict("PAIR_HAS_VISITS", "activities.pair_has_visits", { count: Number(n) });
    await tx.delete(activityPairs).where(eq(activityPairs.id, id));
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "activity_pair.delete",
      entity: "activity_pair",
      entityId: id,
      regionCode: row.regionCode,
      orgId: row.orgId,
      summary: "删除结对",
      changes: { startDate: [row.startDate, null], goals: [row.goals, null] },
    });
  });
}
