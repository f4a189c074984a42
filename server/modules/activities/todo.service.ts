/**
 * The live to-do list of 活动 for the message centre (notify registers it as a source):
 *
 *   - a confirming department (activity:confirm): records submitted by other organizations in its confirm scope,
 *     the same 待确认 queue the console lists (`confirmQueueWhere`);
 *   - a recording unit (activity:record): its records returned for correction (退回修改), and its pairs (结对) with
 *     no visit within the overdue months (the same rule as the pairs list's 逾期 flag).
 *
 * Computed from the records and the clock; nothing to run, nothing stored.
 */
import { and, asc, eq } from "drizzle-orm";
import { addMonths } from "../../../contracts/dates.js";
import { can } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { orgNameSql } from "../org/index.js";
import { activityRecords as R } from "./activities.schema.js";
import { confirmQueueWhere } from "./activities-access.js";
import { overdueMonths, overduePairsOfOwnOrg } from "./pair.service.js";

export type ActivityTodo = {
  kind: "confirm" | "returned" | "pair_overdue";
  kindLabel: string;
  entityId: string;
  title: string;
  body: string;
  dueOn: string | null;
  overdue: boolean;
};

const LIMIT = 200;

export async function listActivityTodos(ctx: Ctx): Promise<ActivityTodo[]> {
  const items: ActivityTodo[] = [];
  if (can(ctx.actor, "activity:confirm")) {
    const queue = await ctx.db
      .select({ id: R.id, title: R.title, startDate: R.startDate, orgName: orgNameSql(R.orgId) })
      .from(R)
      .where(confirmQueueWhere(ctx))
      .orderBy(asc(R.updatedAt), asc(R.id))
      .limit(LIMIT);
    for (const r of queue)
      items.push({
        kind: "confirm",
        kindLabel: "确认活动记录",
        entityId: r.id,
        title: `确认“${r.orgName ?? ""}”${r.startDate} 的活动“${r.title}”`,
        body: "",
        dueOn: null,
        overdue: false,
      });
  }
  if (can(ctx.actor, "activity:record") && ctx.actor.orgId) {
    const returned = await ctx.db
      .select({ id: R.id, title: R.title, startDate: R.startDate, reason: R.returnReason })
      .from(R)
      .where(and(eq(R.orgId, ctx.actor.orgId), eq(R.status, "returned")))
      .orderBy(asc(R.updatedAt), asc(R.id))
      .limit(LIMIT);
    for (const r of returned)
      items.push({
        kind: "returned",
        kindLabel: "活动记录退回修改",
        entityId: r.id,
        title: `修改后重新提交 ${r.startDate} 的活动“${r.title}”`,
        body: r.reason ? `退回理由：${r.reason}` : "",
        dueOn: null,
        overdue: false,
      });
    const pairs = await overduePairsOfOwnOrg(ctx, LIMIT);
    if (pairs.length) {
      const months = await overdueMonths(ctx.db);
      for (const p of pairs) {
        const dueOn = addMonths(p.lastVisit ?? p.startDate, months);
        items.push({
          kind: "pair_overdue",
          kindLabel: "结对走访逾期",
          entityId: p.id,
          title: `结对“${p.a.label} — ${p.b.label}”已 ${months} 个月无走访，请安排走访并记录`,
          body: p.lastVisit ? `最近一次走访：${p.lastVisit}` : `结对开始：${p.startDate}，尚无走访记录`,
          dueOn,
          overdue: true,
        });
      }
    }
  }
  return items;
}
