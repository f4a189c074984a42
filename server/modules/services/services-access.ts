/**
 * Who sees which service request (PRODUCT §1 "Service, not surveillance", §2.11):
 *
 *   window      — staff of the receiving window (listed on the window) and holders of service:receive whose
 *                 scope covers the window's organization/region: the requests received there; they enter,
 *                 refer, re-refer after a decline, answer at the window and close.
 *   department  — holders of service:handle: the requests referred to their own organization (now or before);
 *                 they accept, decline naming the responsible organization, transfer onward and answer, only
 *                 while the request is with them.
 *   region      — holders of service:read (the ethnic-affairs department): every request of their region scope.
 *   the person  — by tracking code only (public routes), never by name.
 *   none        — 404, indistinguishable from a request that does not exist.
 */
import { and, eq, or, type SQL, sql } from "drizzle-orm";
import { can, inScope, scopeFor, scopeWhere } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import type { Queryable } from "../../db/client.js";
import { serviceReferrals, serviceRequests, serviceWindows } from "./services.schema.js";

export type RequestRow = typeof serviceRequests.$inferSelect;
export type RequestAccess = { row: RequestRow; window: boolean; department: boolean; region: boolean };

const R = serviceRequests;

/** The staff-of-this-window test as SQL on the request's window. */
function staffOfWindow(userId: string): SQL {
  return sql`exists (select 1 from ${serviceWindows} w where w.id = ${R.windowId} and w.staff @> ${JSON.stringify([{ userId }])}::jsonb)`;
}

/** The requests a caller handles at a window. */
export function windowWhere(ctx: Ctx): SQL {
  if (!can(ctx.actor, "service:receive")) return sql`false`;
  const scope = scopeFor(ctx.actor, "service:receive");
  const scoped = scope ? scopeWhere(scope, { region: R.regionCode, org: R.orgId }) : sql`false`;
  return or(staffOfWindow(ctx.actor.userId), scoped ?? sql`true`) as SQL;
}

/** The requests referred to the caller's organization, now or before. */
export function departmentWhere(ctx: Ctx, currentOnly = false): SQL {
  if (!can(ctx.actor, "service:handle")) return sql`false`;
  if (currentOnly) return eq(R.deptOrgId, ctx.actor.orgId);
  return sql`exists (select 1 from ${serviceReferrals} rf where rf.request_id = ${R.id} and rf.to_org_id = ${ctx.actor.orgId})`;
}

/** The requests of the caller's service:read region scope. */
export function regionWhere(ctx: Ctx): SQL {
  const scope = scopeFor(ctx.actor, "service:read");
  if (!scope) return sql`false`;
  return scopeWhere(scope, { region: R.regionCode, org: R.orgId }) ?? sql`true`;
}

/** Everything the caller may see. */
export function visibleWhere(ctx: Ctx): SQL {
  return or(windowWhere(ctx), departmentWhere(ctx), regionWhere(ctx)) as SQL;
}

/** The request and the caller's parts in it, or 404. */
export async function loadRequest(ctx: Ctx, id: string, db: Queryable = ctx.db): Promise<RequestAccess> {
  const [row] = await db
    .select({
      r: R,
      window: sql<boolean>`${windowWhere(ctx)}`,
      department: sql<boolean>`${departmentWhere(ctx)}`,
      region: sql<boolean>`${regionWhere(ctx)}`,
    })
    .from(R)
    .where(and(eq(R.id, id), visibleWhere(ctx)));
  if (!row) throw errors.notFound("service_request");
  return { row: row.r, window: !!row.window, department: !!row.department, region: !!row.region };
}

/** Window actions (refer, answer at the window, close): 403 for someone who only reads. */
export function requireWindow(a: RequestAccess) {
  if (!a.window) throw errors.forbidden("service:receive");
}

/** Department actions: only while the request is with the caller's organization. */
export function requireDepartment(ctx: Ctx, a: RequestAccess) {
  if (!a.department || a.row.deptOrgId !== ctx.actor.orgId) throw errors.forbidden("service:handle");
}

/** A registry object (window, liaison, meeting, file) of a region/org is writable under service:manage. */
export function requireManages(ctx: Ctx, target: { regionCode: string; orgId: string }, entity: string) {
  const scope = scopeFor(ctx.actor, "service:manage");
  if (!scope) throw errors.forbidden("service:manage");
  if (!inScope(scope, target)) throw errors.outOfScope(entity);
}
