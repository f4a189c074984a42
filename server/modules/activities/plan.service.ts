/**
 * 年度活动计划: a unit's (covers "org": the records it organizes or co-organizes) or a region's (covers "region":
 * the records placed in its region tree) planned activities for a year — lines of type, month (or the whole
 * year) and target count. Completion is computed from confirmed records, never entered.
 */
import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { ActivityPlanInput, ActivityPlanView } from "../../../contracts/activities.js";
import { regionTreeWhere } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { dictLabels, requireDictCode } from "../../core/dict.js";
import { errors } from "../../core/errors.js";
import { type PageQuery, paged, pageResult } from "../../core/paging.js";
import type { Queryable } from "../../db/client.js";
import { recordAudit } from "../audit/index.js";
import { orgById, orgNameSql, regionNameSql } from "../org/index.js";
import { ACTIVITY_TYPE_DICT } from "./activities.dicts.js";
import { activityPlanLines, activityPlans, activityRecords } from "./activities.schema.js";
import { mayManageFor, ownedVisibleWhere } from "./activities-access.js";

type PlanRow = typeof activityPlans.$inferSelect;

export async function createActivityPlan(ctx: Ctx, input: ActivityPlanInput): Promise<ActivityPlanView> {
  const id = await ctx.db.transaction(async (tx) => {
    const org = await orgById(tx, input.orgId ?? ctx.actor.orgId);
    if (org?.status !== "active" || !mayManageFor(ctx, org)) throw errors.field("orgId", "activities.plan_org_scope");
    for (const l of input.lines) await requireDictCode(tx, ACTIVITY_TYPE_DICT, l.typeCode, "lines");
    const now = ctx.clock.now();
    const [plan] = await tx
      .insert(activityPlans)
      .values({
        orgId: org.id,
        regionCode: org.regionCode,
        covers: input.covers,
        year: input.year,
        title: input.title,
        createdBy: ctx.actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await tx.insert(activityPlanLines).values(
      input.lines.map((l, i) => ({
        planId: plan.id,
        typeCode: l.typeCode,
        month: l.month,
        targetCount: l.targetCount,
        sort: i,
      })),
    );
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "activity_plan.create",
      entity: "activity_plan",
      entityId: plan.id,
      regionCode: plan.regionCode,
      orgId: plan.orgId,
      summary: `制定${input.year}年度活动计划“${input.title}”（${org.name}，${input.lines.length} 项）`,
      changes: { title: [null, input.title], year: [null, input.year], lines: [null, input.lines] },
    });
    return plan.id;
  });
  return getActivityPlan(ctx, id);
}

/** The records a plan counts: confirmed, in its year, of its organization or region. */
function coveredWhere(p: PlanRow): SQL {
  const who =
    p.covers === "region"
      ? regionTreeWhere(activityRecords.regionCode, p.regionCode)
      : sql`(${activityRecords.orgId} = ${p.orgId} or ${p.orgId}::uuid = any(${activityRecords.coOrgIds}))`;
  return and(
    eq(activityRecords.status, "confirmed"),
    sql`${activityRecords.startDate} between ${`${p.year}-01-01`} and ${`${p.year}-12-31`}`,
    who,
  ) as SQL;
}

async function views(db: Queryable, rows: { p: PlanRow; orgName: string; regionName: string | null }[]) {
  if (rows.length === 0) return [];
  const [lines, types] = await Promise.all([
    db
      .select()
      .from(activityPlanLines)
      .where(
        inArray(
          activityPlanLines.planId,
          rows.map((r) => r.p.id),
        ),
      )
      .orderBy(asc(activityPlanLines.sort)),
    dictLabels(db, ACTIVITY_TYPE_DICT),
  ]);
  const out: ActivityPlanView[] = [];
  for (const { p, orgName, regionName } of rows) {
    const counts = await db
      .select({
        typeCode: activityRecords.typeCode,
        month: sql<number>`extract(month from ${activityRecords.startDate})::int`,
        n: sql<number>`count(*)::int`,
      })
      .from(activityRecords)
      .where(coveredWhere(p))
      .groupBy(activityRecords.typeCode, sql`2`);
    const mine = lines.filter((l) => l.planId === p.id);
    const planLines = mine.map((l) => {
      const done = counts
        .filter((c) => c.typeCode === l.typeCode && (l.month === null || Number(c.month) === l.month))
        .reduce((a, c) => a + Number(c.n), 0);
      return {
        id: l.id,
        typeCode: l.typeCode,
        typeLabel: types.get(l.typeCode) ?? l.typeCode,
        month: l.month,
        targetCount: l.targetCount,
        doneCount: done,
      };
    });
    out.push({
      id: p.id,
      title: p.title,
      year: p.year,
      orgId: p.orgId,
      orgName: orgName ?? "",
      regionCode: p.regionCode,
      regionName: regionName ?? "",
      covers: p.covers,
      lines: planLines,
      targetTotal: planLines.reduce((a, l) => a + l.targetCount, 0),
      doneTotal: planLines.reduce((a, l) => a + Math.min(l.doneCount, l.targetCount), 0),
    });
  }
  return out;
}

const planSelect = {
  p: activityPlans,
  orgName: orgNameSql(activityPlans.orgId),
  regionName: regionNameSql(activityPlans.regionCode),
};

export async function listActivityPlans(ctx: Ctx, q: PageQuery & { year?: number }) {
  const where = and(
    ownedVisibleWhere(ctx, { region: activityPlans.regionCode, org: activityPlans.orgId }),
    q.year ? eq(activityPlans.year, q.year) : undefined,
  );
  const [rows, [{ total }]] = await Promise.all([
    paged(
      ctx.db
        .select(planSelect)
        .from(activityPlans)
        .where(where)
        .orderBy(desc(activityPlans.year), asc(activityPlans.regionCode), asc(activityPlans.id)),
      q,
    ),
    ctx.db.select({ total: sql<number>`count(*)::int` }).from(activityPlans).where(where),
  ]);
  return pageResult(await views(ctx.db, rows), total, q);
}

export async function getActivityPlan(ctx: Ctx, id: string): Promise<ActivityPlanView> {
  const rows = await ctx.db
    .select(planSelect)
    .from(activityPlans)
    .where(
      and(
        eq(activityPlans.id, id),
        ownedVisibleWhere(ctx, { region: activityPlans.regionCode, org: activityPlans.orgId }),
      ),
    );
  if (rows.length === 0) throw errors.notFound("activity_plan");
  return (await views(ctx.db, rows))[0];
}
