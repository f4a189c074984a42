/**
 * Who sees and does what with activities (PRODUCT §2.10, "every level sees its own and below"):
 *
 *   read     — activity:read scope over the record's place (region_code) for departments and supervisors
 *              (本级及下级); for a unit (本单位) the records it organizes or co-organizes. Drafts are seen only by
 *              the organizer (and whoever may edit for it). Anything else is a 404.
 *   edit     — activity:record scope covering the organizer (its own unit, or a department over the unit's
 *              region): save drafts, submit, correct with a reason (the previous content is kept).
 *   confirm  — activity:confirm scope covering the record's place, from another organization than the
 *              organizer (a unit never confirms itself). A record submitted by someone who could confirm it at
 *              that level (a department recording its own work) is confirmed on submission.
 *   plans/pairs — activity:manage scope over the plan's/pair's organization; units read their own.
 *
 * Statistics, calendar, reports and exports count only confirmed records within the read scope.
 */
import { and, eq, ne, or, type SQL, sql } from "drizzle-orm";
import { inScope, regionTreeWhere, requireScope, type Scope, scopeFor } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { AppError, errors } from "../../core/errors.js";
import { t } from "../../core/i18n.js";
import type { Queryable } from "../../db/client.js";
import { activityRecords } from "./activities.schema.js";

export type ActivityRow = typeof activityRecords.$inferSelect;

/** The region part of a scope as SQL on `col`; org and self scopes: false (they see by organization). */
export function regionPart(scope: Scope, col: Parameters<typeof regionTreeWhere>[0]): SQL | undefined {
  switch (scope.kind) {
    case "all":
      return undefined;
    case "region_tree":
      return regionTreeWhere(col, scope.prefix);
    case "region":
      return eq(col, scope.code);
    default:
      return sql`false`;
  }
}

/** Records the caller's organization organizes or co-organizes. */
function ownOrgWhere(orgId: string): SQL {
  return or(eq(activityRecords.orgId, orgId), sql`${orgId}::uuid = any(${activityRecords.coOrgIds})`) as SQL;
}

/** The records the caller may read (see the file comment). */
export function recordVisibleWhere(ctx: Ctx): SQL {
  const scope = requireScope(ctx.actor, "activity:read");
  const own = ownOrgWhere(ctx.actor.orgId);
  const region = regionPart(scope, activityRecords.regionCode);
  const wide = region === undefined ? sql`true` : region;
  const nonDraft = or(own, wide) as SQL;
  return sql`((${activityRecords.status} <> 'draft' and ${nonDraft}) or (${activityRecords.status} = 'draft' and ${eq(activityRecords.orgId, ctx.actor.orgId)}))`;
}

/** Confirmed records in the caller's read scope: what statistics and reports count. */
export function statsWhere(ctx: Ctx): SQL {
  const scope = requireScope(ctx.actor, "activity:read");
  const region = regionPart(scope, activityRecords.regionCode);
  const where = region === undefined ? sql`true` : or(region, ownOrgWhere(ctx.actor.orgId));
  return and(eq(activityRecords.status, "confirmed"), where) as SQL;
}

/** Submitted records the caller may confirm (the 待确认 queue). */
export function confirmQueueWhere(ctx: Ctx): SQL {
  const scope = scopeFor(ctx.actor, "activity:confirm");
  if (!scope) return sql`false`;
  const region = regionPart(scope, activityRecords.regionCode);
  return and(
    eq(activityRecords.status, "submitted"),
    region ?? sql`true`,
    ne(activityRecords.orgId, ctx.actor.orgId),
  ) as SQL;
}

/** One record the caller may read, or 404. */
export async function loadRecord(ctx: Ctx, id: string, db: Queryable = ctx.db): Promise<ActivityRow> {
  const [row] = await db
    .select()
    .from(activityRecords)
    .where(and(eq(activityRecords.id, id), recordVisibleWhere(ctx)));
  if (!row) throw errors.notFound("activity");
  return row;
}

/** Whether the caller may record for an organization (its own, or one under its activity:record scope). */
export function mayRecordFor(ctx: Ctx, org: { id: string; regionCode: string }): boolean {
  const scope = scopeFor(ctx.actor, "activity:record");
  return !!scope && inScope(scope, { regionCode: org.regionCode, orgId: org.id, ownerId: null });
}

/** Whether the caller may confirm or return a record (another organization's, in the confirm scope). */
export function mayConfirm(ctx: Ctx, row: Pick<ActivityRow, "regionCode" | "orgId">): boolean {
  if (row.orgId === ctx.actor.orgId) return false;
  const scope = scopeFor(ctx.actor, "activity:confirm");
  if (!scope || scope.kind === "org" || scope.kind === "self") return false;
  return inScope(scope, { regionCode: row.regionCode, orgId: row.orgId });
}

/** Whether a record submitted by the caller needs no confirmation: the caller confirms at that level itself. */
export function selfConfirms(ctx: Ctx, row: Pick<ActivityRow, "regionCode">): boolean {
  const scope = scopeFor(ctx.actor, "activity:confirm");
  if (!scope || scope.kind === "org" || scope.kind === "self") return false;
  return inScope(scope, { regionCode: row.regionCode, orgId: null });
}

export function requireEditor(ctx: Ctx, org: { id: string; regionCode: string }) {
  if (!mayRecordFor(ctx, org)) throw new AppError(403, "ACTIVITY_NOT_EDITOR", t("activities.not_editor"));
}

export function requireConfirmer(ctx: Ctx, row: Pick<ActivityRow, "regionCode" | "orgId">) {
  if (!mayConfirm(ctx, row)) throw new AppError(403, "ACTIVITY_NOT_CONFIRMER", t("activities.not_confirmer"));
}

/** Whether the caller may manage (plans, pairs) for an organization. */
export function mayManageFor(ctx: Ctx, org: { id: string; regionCode: string }): boolean {
  const scope = scopeFor(ctx.actor, "activity:manage");
  return !!scope && inScope(scope, { regionCode: org.regionCode, orgId: org.id, ownerId: null });
}

/** Plans and pairs the caller may read: its own organization's, and those in its activity:read region scope. */
export function ownedVisibleWhere(
  ctx: Ctx,
  cols: { region: Parameters<typeof regionTreeWhere>[0]; org: Parameters<typeof eq>[0] },
): SQL {
  const scope = requireScope(ctx.actor, "activity:read");
  const region = regionPart(scope, cols.region);
  if (region === undefined) return sql`true`;
  return or(region, eq(cols.org, ctx.actor.orgId)) as SQL;
}
