/**
 * The live to-do list of 教育基地 for the message centre (notify registers it as a source):
 *
 *   - a base's staff: group bookings waiting for approval (due the day before the visit), and last month's 参观人数
 *     report still to confirm (due on the REPORT_DUE_DAY-th);
 *   - a supervising department: 复核 due (the term ends within the 复核 lead days, a setting), 数字展馆 versions waiting for
 *     review, and confirmed monthly reports waiting for acceptance.
 *
 * Computed from the records and the clock; nothing to run, nothing stored.
 */

import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { addDays, addMonths, beijingDate } from "../../../contracts/dates.js";
import { can, scopeFor, scopeWhere } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { baseBookings, basePages, baseReports, bases } from "./bases.schema.js";
import { reportDueOn } from "./report.service.js";
import { reviewDueBy } from "./settings.js";

export type BaseTodo = {
  kind: "approve_booking" | "confirm_report" | "review_due" | "review_page" | "accept_report";
  kindLabel: string;
  entityId: string;
  baseId: string;
  title: string;
  dueOn: string | null;
  overdue: boolean;
};

const LIMIT = 200;

/** The caller's to-dos of 教育基地 (staff of a base, or a supervising department in its scope). */
export async function listBaseTodos(ctx: Ctx): Promise<BaseTodo[]> {
  const today = beijingDate(ctx.clock.now());
  const items: BaseTodo[] = [];
  if (can(ctx.actor, "base:operate") && ctx.actor.orgId) {
    const mine = and(eq(bases.orgId, ctx.actor.orgId), inArray(bases.status, ["active", "reviewing"]));
    const pending = await ctx.db
      .select({ b: baseBookings, baseName: bases.name })
      .from(baseBookings)
      .innerJoin(bases, eq(bases.id, baseBookings.baseId))
      .where(and(mine, eq(baseBookings.status, "pending"), sql`${baseBookings.sessionDate} >= ${today}`))
      .orderBy(asc(baseBookings.sessionDate))
      .limit(LIMIT);
    for (const { b, baseName } of pending) {
      const dueOn = addDays(b.sessionDate, -1);
      items.push({
        kind: "approve_booking",
        kindLabel: "审核参观预约",
        entityId: b.id,
        baseId: b.baseId,
        title: `审核“${b.bookerOrgName}”${b.sessionDate} 参观“${baseName}”的预约（${b.groupSize} 人）`,
        dueOn,
        overdue: today > dueOn,
      });
    }
    const month = addMonths(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
    const unreported = await ctx.db
      .select({ id: bases.id, name: bases.name, status: baseReports.status })
      .from(bases)
      .leftJoin(baseReports, and(eq(baseReports.baseId, bases.id), eq(baseReports.month, month)))
      .where(
        and(
          mine,
          sql`${bases.namedOn} < ${`${today.slice(0, 7)}-01`}`,
          sql`(${baseReports.id} is null or ${baseReports.status} = 'pending')`,
        ),
      )
      .limit(LIMIT);
    const due = reportDueOn(month);
    for (const r of unreported)
      items.push({
        kind: "confirm_report",
        kindLabel: "确认参观人数月报",
        entityId: `${r.id}:${month}`,
        baseId: r.id,
        title: `确认“${r.name}”${month} 参观人数月报`,
        dueOn: due,
        overdue: today > due,
      });
  }
  const sup = scopeFor(ctx.actor, "base:supervise");
  if (sup && sup.kind !== "org" && sup.kind !== "self") {
    const inScope = scopeWhere(sup, { region: bases.regionCode }) ?? sql`true`;
    const reviewDue = await ctx.db
      .select({ id: bases.id, name: bases.name, termEndsOn: bases.termEndsOn })
      .from(bases)
      .where(and(inScope, eq(bases.status, "active"), sql`${bases.termEndsOn} <= ${await reviewDueBy(ctx)}`))
      .orderBy(asc(bases.termEndsOn))
      .limit(LIMIT);
    for (const b of reviewDue)
      items.push({
        kind: "review_due",
        kindLabel: "教育基地复核",
        entityId: b.id,
        baseId: b.id,
        title: `“${b.name}”有效期至 ${b.termEndsOn}，请在期满前组织复核`,
        dueOn: b.termEndsOn,
        overdue: today > b.termEndsOn,
      });
    const pages = await ctx.db
      .select({ id: basePages.id, baseId: basePages.baseId, version: basePages.version, name: bases.name })
      .from(basePages)
      .innerJoin(bases, eq(bases.id, basePages.baseId))
      .where(and(inScope, eq(basePages.status, "submitted")))
      .limit(LIMIT);
    for (const p of pages)
      items.push({
        kind: "review_page",
        kindLabel: "审核数字展馆",
        entityId: p.id,
        baseId: p.baseId,
        title: `审核“${p.name}”数字展馆第 ${p.version} 版`,
        dueOn: null,
        overdue: false,
      });
    const confirmed = await ctx.db
      .select({ id: baseReports.id, baseId: baseReports.baseId, month: baseReports.month, name: bases.name })
      .from(baseReports)
      .innerJoin(bases, eq(bases.id, baseReports.baseId))
      .where(and(inScope, eq(baseReports.status, "confirmed")))
      .orderBy(asc(baseReports.month))
      .limit(LIMIT);
    for (const r of confirmed)
      items.push({
        kind: "accept_report",
        kindLabel: "接收参观人数月报",
        entityId: r.id,
        baseId: r.baseId,
        title: `接收“${r.name}”${r.month} 参观人数月报`,
        dueOn: null,
        overdue: false,
      });
  }
  return items;
}
