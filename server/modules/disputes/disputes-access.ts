/**
 * Who sees what of 风险防范:
 *
 *   grid worker / unit (disputes:record, 本单位 scope) — records cases for its own place (its organization's
 *            region or below) and sees the cases its organization recorded or is responsible for; files its own
 *            零报告/季报 and screening reports.
 *   department (disputes:read with a region scope) — the 镇 and 旗 departments see and handle the cases of their
 *            region tree; a level above the 旗 (市, 自治区) sees a case only once it has been escalated to it:
 *            `handling_region` is the highest level told of the case, and a department sees it when its own
 *            region is that level or lower (char_length(handling_region) ≤ length of its region).
 *   none     — 404 NOT_FOUND, like a case that does not exist.
 *
 * Alerts follow the same rule on their target level; reports, campaigns, plans and events are read by region scope.
 */
import { and, eq, or, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Permission } from "../../../contracts/identity.js";
import { inScope, regionTreeWhere, requireScope, type Scope, scopeFor } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import type { Queryable } from "../../db/client.js";
import { disputeAlerts, disputeCases } from "./disputes.schema.js";

export type CaseRow = typeof disputeCases.$inferSelect;

/** The region part of a scope as SQL (org and self scopes hold none: false). */
export function regionSql(scope: Scope, col: AnyPgColumn): SQL | undefined {
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

/** The level a scope sits at (its region code's length); "all" sees every level. */
function levelOf(scope: Scope): number {
  switch (scope.kind) {
    case "all":
      return 12;
    case "region_tree":
      return scope.prefix.length;
    case "region":
      return scope.code.length;
    default:
      return scope.regionCode.length;
  }
}

/** The cases the caller sees (see the file comment). */
export function caseVisibleWhere(ctx: Ctx): SQL {
  const scope = requireScope(ctx.actor, "disputes:read");
  if (scope.kind === "org" || scope.kind === "self") {
    return or(eq(disputeCases.orgId, scope.orgId), eq(disputeCases.recordedByOrgId, scope.orgId)) as SQL;
  }
  const region = regionSql(scope, disputeCases.regionCode);
  const level = levelOf(scope);
  const handled = sql`char_length(${disputeCases.handlingRegion}) <= ${level}`;
  // The caller's own unit's cases stay visible whatever the level.
  const own = or(eq(disputeCases.orgId, ctx.actor.orgId), eq(disputeCases.recordedByOrgId, ctx.actor.orgId));
  return or(and(region, handled), own) as SQL;
}

/** A case the caller sees, or 404. */
export async function loadCase(ctx: Ctx, id: string, db: Queryable = ctx.db, forUpdate = false): Promise<CaseRow> {
  const q = db
    .select()
    .from(disputeCases)
    .where(and(eq(disputeCases.id, id), caseVisibleWhere(ctx)));
  const [row] = forUpdate ? await q.for("update") : await q;
  if (!row) throw errors.notFound("dispute_case");
  return row;
}

/** Handling needs disputes:handle whose region scope covers the case (a unit handles only its own cases). */
export function assertHandles(ctx: Ctx, row: CaseRow, permission: Permission = "disputes:handle") {
  const scope = requireScope(ctx.actor, permission);
  if (!inScope(scope, { regionCode: row.regionCode, orgId: row.orgId })) throw errors.outOfScope("dispute_case");
}

/** Recording: the place must be the caller's own region or below (a grid worker records for its place). */
export function assertRecordsFor(ctx: Ctx, regionCode: string) {
  const scope = requireScope(ctx.actor, "disputes:record");
  const root = scope.kind === "region_tree" ? scope.prefix : scope.kind === "all" ? "" : ctx.actor.regionCode;
  const ok = scope.kind === "region" ? regionCode === scope.code : regionCode.startsWith(root);
  if (!ok) throw errors.field("regionCode", "disputes.place_out_of_scope");
}

/** The alerts the caller's level must act on: its region tree, targeted at its level or below it. */
export function alertVisibleWhere(ctx: Ctx): SQL {
  const scope = requireScope(ctx.actor, "disputes:read");
  if (scope.kind === "org" || scope.kind === "self") return eq(disputeAlerts.targetOrgId, scope.orgId);
  const region = regionSql(scope, disputeAlerts.targetRegion);
  return and(region, sql`char_length(${disputeAlerts.targetRegion}) <= ${levelOf(scope)}`) as SQL;
}

/** Region-scoped reads (reports, campaigns, plans, events): the scope's region tree, or the caller's region. */
export function regionReadWhere(ctx: Ctx, col: AnyPgColumn, permission: Permission = "disputes:read"): SQL | undefined {
  const scope = requireScope(ctx.actor, permission);
  if (scope.kind === "org" || scope.kind === "self") return regionTreeWhere(col, ctx.actor.regionCode);
  return regionSql(scope, col);
}

/** The root region of the caller's view, for roll-ups ("" for all). */
export function scopeRegion(ctx: Ctx, permission: Permission = "disputes:read"): string {
  const scope = scopeFor(ctx.actor, permission);
  if (!scope) throw errors.forbidden(permission);
  if (scope.kind === "all") return "";
  if (scope.kind === "region_tree") return scope.prefix;
  if (scope.kind === "region") return scope.code;
  return ctx.actor.regionCode;
}

/** A region the caller may look at (its own view or below), else 404. */
export function assertRegionVisible(ctx: Ctx, regionCode: string, permission: Permission = "disputes:read") {
  const root = scopeRegion(ctx, permission);
  if (!regionCode.startsWith(root)) throw errors.notFound("region");
}

/** Writes aimed at a region (campaigns, plans, events, report units): the manage scope must cover it. */
export function assertManagesRegion(ctx: Ctx, regionCode: string, field = "regionCode") {
  const scope = requireScope(ctx.actor, "disputes:manage");
  if (!inScope(scope, { regionCode, orgId: null })) throw errors.field(field, "disputes.region_out_of_scope");
}
