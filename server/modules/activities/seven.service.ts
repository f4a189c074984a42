/**
 * 学校“七个一”: the yearly items a school completes (dictionary school_seven_items, configurable), each checked off
 * by linking an activity record the school sees (it organized or co-organized it, or it lies in the caller's
 * scope) that has been submitted. Completion per school, per 旗县 (child regions of the chosen one) and year.
 */
import { and, eq, sql } from "drizzle-orm";
import { inScope, regionTreeWhere, requireScope, scopeRoot } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { listDict, requireDictCode } from "../../core/dict.js";
import { AppError, errors } from "../../core/errors.js";
import { t } from "../../core/i18n.js";
import { revisionCache } from "../../core/revisions.js";
import { recordAudit } from "../audit/index.js";
import { orgById, orgsInRegionTree, regionNames } from "../org/index.js";
import { SEVEN_ITEMS_DICT } from "./activities.dicts.js";
import { activityRecords, activitySchoolItems } from "./activities.schema.js";
import { loadRecord, mayRecordFor } from "./activities-access.js";

const LEVELS = [2, 4, 6, 9, 12];

/** A school the caller may read: its own organization, or one in its activity:read scope. */
async function readableSchool(ctx: Ctx, schoolOrgId: string) {
  const org = await orgById(ctx.db, schoolOrgId);
  const scope = requireScope(ctx.actor, "activity:read");
  if (!org || (org.id !== ctx.actor.orgId && !inScope(scope, { regionCode: org.regionCode, orgId: org.id })))
    throw errors.notFound("org");
  if (org.type !== "school") throw errors.field("schoolOrgId", "activities.school_not_school", { name: org.name });
  return org;
}

export async function schoolItems(ctx: Ctx, year: number, schoolOrgId?: string) {
  const school = await readableSchool(ctx, schoolOrgId ?? ctx.actor.orgId);
  const [items, links] = await Promise.all([
    listDict(ctx.db, SEVEN_ITEMS_DICT),
    ctx.db
      .select({
        itemCode: activitySchoolItems.itemCode,
        activityId: activitySchoolItems.activityId,
        title: activityRecords.title,
        startDate: activityRecords.startDate,
      })
      .from(activitySchoolItems)
      .innerJoin(activityRecords, eq(activityRecords.id, activitySchoolItems.activityId))
      .where(and(eq(activitySchoolItems.schoolOrgId, school.id), eq(activitySchoolItems.year, year))),
  ]);
  const byItem = new Map(links.map((l) => [l.itemCode, l]));
  const rows = items.map((i) => {
    const l = byItem.get(i.code);
    return {
      code: i.code,
      label: i.label,
      activityId: l?.activityId ?? null,
      activityTitle: l?.title ?? null,
      activityDate: l?.startDate ?? null,
    };
  });
  return {
    schoolOrgId: school.id,
    schoolName: school.name,
    year,
    items: rows,
    done: rows.filter((r) => r.activityId).length,
    total: rows.length,
  };
}

export async function linkSevenItem(
  ctx: Ctx,
  input: { year: number; itemCode: string; activityId: string; schoolOrgId?: string },
) {
  const school = await orgById(ctx.db, input.schoolOrgId ?? ctx.actor.orgId);
  if (!school || !mayRecordFor(ctx, school))
    throw new AppError(403, "SCHOOL_NOT_YOURS", t("activities.school_not_yours"));
  if (school.type !== "school")
    throw errors.field("schoolOrgId", "activities.school_not_school", { name: school.name });
  await ctx.db.transaction(async (tx) => {
    const label = await requireDictCode(tx, SEVEN_ITEMS_DICT, input.itemCode, "itemCode");
    const rec = await loadRecord(ctx, input.activityId, tx).catch(() => null);
    if (!rec || rec.status === "draft" || rec.status === "returned")
      throw errors.field("activityId", "activities.activity_not_usable");
    const [before] = await tx
      .select()
      .from(activitySchoolItems)
      .where(
        and(
          eq(activitySchoolItems.schoolOrgId, school.id),
          eq(activitySchoolItems.year, input.year),
          eq(activitySchoolItems.itemCode, input.itemCode),
        ),
      );
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(activitySchoolItems)
      .values({
        schoolOrgId: school.id,
        regionCode: school.regionCode,
        year: input.year,
        itemCode: input.itemCode,
        activityId: rec.id,
        linkedBy: ctx.actor.userId,
        linkedAt: now,
      })
      .onConflictDoUpdate({
        target: [activitySchoolItems.schoolOrgId, activitySchoolItems.year, activitySchoolItems.itemCode],
        set: { activityId: rec.id, linkedBy: ctx.actor.userId, linkedAt: now },
      })
      .returning();
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "activity_school_item.link",
      entity: "activity_school_item",
      entityId: row.id,
      regionCode: school.regionCode,
      orgId: school.id,
      summary: `${school.name}${input.year}年“${label}”关联活动“${rec.title}”`,
      changes: { activityId: [before?.activityId ?? null, rec.id] },
    });
  });
  return schoolItems(ctx, input.year, school.id);
}

/** Completion of all schools under a region (default: the caller's scope root), by child region and by school. */
export async function sevenCompletion(ctx: Ctx, year: number, regionCode?: string) {
  const scope = requireScope(ctx.actor, "activity:read");
  const root = regionCode ?? (scopeRoot(scope) || "15");
  if (scope.kind === "org" || scope.kind === "self" || !inScope(scope, { regionCode: root, orgId: null }))
    throw errors.notFound("region");
  return sevenCache.get(ctx, JSON.stringify([year, root]), (db) => computeSeven({ ...ctx, db }, year, root));
}

type SevenView = Awaited<ReturnType<typeof computeSeven>>;

/**
 * The completion of a province's schools reads every organization under it: kept per year and region (the figure
 * is the same for every caller allowed to ask) while no 七个一 link, organization or dictionary item has been
 * written since (triggers of migrations 0027 and 0030 bump 'activities', 'org' and 'dicts'), and for at most a
 * minute (region names).
 */
const sevenCache = revisionCache<SevenView>({ keys: ["activities", "org", "dicts"], ttlMs: 60_000, size: 200 });

async function computeSeven(ctx: Ctx, year: number, root: string) {
  const childLen = LEVELS.find((l) => l > root.length) ?? 12;
  const [items, orgs, links] = await Promise.all([
    listDict(ctx.db, SEVEN_ITEMS_DICT),
    orgsInRegionTree(ctx.db, root),
    ctx.db
      .select({ schoolOrgId: activitySchoolItems.schoolOrgId, n: sql<number>`count(*)::int` })
      .from(activitySchoolItems)
      .where(and(eq(activitySchoolItems.year, year), regionTreeWhere(activitySchoolItems.regionCode, root)))
      .groupBy(activitySchoolItems.schoolOrgId),
  ]);
  const enabled = new Set(items.map((i) => i.code));
  const schools = orgs.filter((o) => o.type === "school");
  const done = new Map(links.map((l) => [l.schoolOrgId, Math.min(Number(l.n), enabled.size)]));
  const groups = new Map<string, { schools: number; complete: number; links: number }>();
  for (const s of schools) {
    const key = s.regionCode.slice(0, childLen);
    const g = groups.get(key) ?? { schools: 0, complete: 0, links: 0 };
    const n = done.get(s.id) ?? 0;
    g.schools += 1;
    g.links += n;
    if (n >= enabled.size && enabled.size > 0) g.complete += 1;
    groups.set(key, g);
  }
  const names = await regionNames(ctx.db, [...groups.keys()]);
  return {
    year,
    itemTotal: enabled.size,
    byRegion: [...groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, g]) => ({ regionCode: code, regionName: names.get(code) ?? code, ...g })),
    schools: schools
      .map((s) => ({ schoolOrgId: s.id, schoolName: s.name, regionCode: s.regionCode, done: done.get(s.id) ?? 0 }))
      .sort((a, b) => a.regionCode.localeCompare(b.regionCode) || a.schoolName.localeCompare(b.schoolName))
      .slice(0, 500),
  };
}
