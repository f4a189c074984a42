/**
 * Who sees and does what with an 教育基地 (issue 11, PRODUCT §2.8):
 *
 *   supervise — a supervising department: base:supervise (ethnic_affairs_admin, 本级及下级) whose scope covers the
 *               base's region. Registers, edits the registry entry, reviews and publishes the page, 复核 and
 *               revocation, accepts monthly reports. Sees everything of the base.
 *   operate   — the base's own staff: base:operate and a user of the base's operating organization. Edits the
 *               base's page (drafts, submit), sessions, bookings, check-in, walk-ins, confirms monthly reports.
 *               Nothing of any other base.
 *   read      — base:read whose scope covers the base (its region, or its organization for an org scope).
 *   none      — 404, indistinguishable from a base that does not exist.
 *
 * The public sees active bases, published pages, open sessions and its own booking by its code (public.service.ts).
 */
import { eq, or, type SQL, sql } from "drizzle-orm";
import { can, inScope, scopeFor, scopeWhere } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { AppError, errors } from "../../core/errors.js";
import { t } from "../../core/i18n.js";
import type { Queryable } from "../../db/client.js";
import { bases } from "./bases.schema.js";

export type BaseRow = typeof bases.$inferSelect;
export type BaseAccess = "supervise" | "operate" | "read";
/** `staff`: the caller is of the operating organization with base:operate (a department may run a base too). */
export type BaseAccessInfo = { base: BaseRow; access: BaseAccess; staff: boolean };

/** Whether the caller supervises bases in this region (registers or reviews them). */
export function supervisesRegion(ctx: Ctx, regionCode: string): boolean {
  const scope = scopeFor(ctx.actor, "base:supervise");
  return !!scope && scope.kind !== "org" && scope.kind !== "self" && inScope(scope, { regionCode });
}

/** The caller's access to a base from its row alone, or null. */
export function accessOf(ctx: Ctx, base: Pick<BaseRow, "regionCode" | "orgId">): BaseAccess | null {
  if (supervisesRegion(ctx, base.regionCode)) return "supervise";
  if (can(ctx.actor, "base:operate") && ctx.actor.orgId === base.orgId) return "operate";
  const read = scopeFor(ctx.actor, "base:read");
  if (read && inScope(read, { regionCode: base.regionCode, orgId: base.orgId })) return "read";
  return null;
}

/** The SQL condition "the caller may see this base" on `bases` (registry lists, statistics). */
export function baseVisibleWhere(ctx: Ctx): SQL {
  const parts: (SQL | undefined)[] = [];
  const sup = scopeFor(ctx.actor, "base:supervise");
  if (sup && sup.kind !== "org" && sup.kind !== "self")
    parts.push(scopeWhere(sup, { region: bases.regionCode }) ?? sql`true`);
  if (can(ctx.actor, "base:operate")) parts.push(eq(bases.orgId, ctx.actor.orgId));
  const read = scopeFor(ctx.actor, "base:read");
  if (read) parts.push(scopeWhere(read, { region: bases.regionCode, org: bases.orgId }) ?? sql`true`);
  if (parts.length === 0) throw errors.forbidden("base:read");
  return (or(...parts) ?? sql`false`) as SQL;
}

/** The base and the caller's access to it, or 404 NOT_FOUND. `lock` takes the row for update. */
export async function loadBase(ctx: Ctx, id: string, db: Queryable = ctx.db, lock = false): Promise<BaseAccessInfo> {
  const q = db.select().from(bases).where(eq(bases.id, id));
  const [base] = lock ? await q.for("update") : await q;
  if (!base) throw errors.notFound("base");
  const access = accessOf(ctx, base);
  if (!access) throw errors.notFound("base");
  return { base, access, staff: can(ctx.actor, "base:operate") && ctx.actor.orgId === base.orgId };
}

/** The base's own staff only (a supervising department reviews, it does not edit the base's page or sessions). */
export function requireOperate(info: BaseAccessInfo): void {
  if (info.staff) return;
  throw new AppError(403, "BASE_NOT_STAFF", t("bases.not_staff"));
}

/** The supervising department only. */
export function requireSupervise(info: BaseAccessInfo): void {
  if (info.access === "supervise") return;
  throw new AppError(403, "BASE_NOT_SUPERVISOR", t("bases.not_supervisor"));
}

/** The staff or the supervising department (reading bookings, reports, walk-ins). */
export function requireStaffOrSupervisor(info: BaseAccessInfo): void {
  if (info.access === "read") throw new AppError(403, "BASE_NOT_STAFF", t("bases.not_staff"));
}
