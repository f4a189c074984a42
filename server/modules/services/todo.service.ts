/**
 * The live to-do list of 服务台 for the message centre (notify registers it as a source):
 *
 *   - a department (service:handle): requests referred to its organization now — to accept (by the accept date)
 *     once referred, to answer (by the due date) once accepted — the same department queue the console lists;
 *   - a window (service:receive, its staff or the scope): requests received there still to refer or answer, and
 *     requests a department declined (拒收) to refer again, or answered, to close (办结).
 *
 * Due dates and the overdue flag are the request's own (working-day time limits); computed, nothing stored.
 */
import { and, asc, inArray, sql } from "drizzle-orm";
import { SERVICE_CATEGORY_DICT } from "../../../contracts/services.js";
import { can } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { dictLabelSql } from "../../core/dict.js";
import { overdueSql, today } from "./request.service.js";
import { serviceRequests as R } from "./services.schema.js";
import { departmentWhere, windowWhere } from "./services-access.js";

export type ServiceTodo = {
  kind: "accept" | "answer" | "refer" | "rerefer" | "close";
  kindLabel: string;
  entityId: string;
  title: string;
  dueOn: string | null;
  overdue: boolean;
};

const LIMIT = 200;
const LABELS: Record<ServiceTodo["kind"], string> = {
  accept: "接收转办事项",
  answer: "答复服务申请",
  refer: "转办或答复服务申请",
  rerefer: "被拒收，重新转办",
  close: "已答复，待办结",
};

export async function listServiceTodos(ctx: Ctx): Promise<ServiceTodo[]> {
  const t = today(ctx);
  const items: ServiceTodo[] = [];
  const select = {
    id: R.id,
    status: R.status,
    code: R.trackingCode,
    green: R.green,
    acceptDueOn: R.acceptDueOn,
    dueOn: R.dueOn,
    category: dictLabelSql(SERVICE_CATEGORY_DICT, R.category),
    overdue: overdueSql(t),
  };
  const push = (
    kind: ServiceTodo["kind"],
    r: { id: string; code: string; green: boolean; category: string | null },
    dueOn: string | null,
    overdue: boolean,
  ) =>
    items.push({
      kind,
      kindLabel: LABELS[kind],
      entityId: r.id,
      title: `${r.green ? "【绿色通道】" : ""}${r.category ?? ""}服务申请 ${r.code}`,
      dueOn,
      overdue,
    });
  if (can(ctx.actor, "service:handle") && ctx.actor.orgId) {
    const rows = await ctx.db
      .select(select)
      .from(R)
      .where(and(departmentWhere(ctx, true), inArray(R.status, ["referred", "received"])))
      .orderBy(sql`${R.green} desc`, asc(R.dueOn), asc(R.createdAt))
      .limit(LIMIT);
    for (const r of rows)
      if (r.status === "referred") push("accept", r, r.acceptDueOn, !!r.acceptDueOn && r.acceptDueOn < t);
      else push("answer", r, r.dueOn, !!r.overdue);
  }
  if (can(ctx.actor, "service:receive")) {
    const rows = await ctx.db
      .select(select)
      .from(R)
      .where(and(windowWhere(ctx), inArray(R.status, ["accepted", "declined", "answered"])))
      .orderBy(sql`${R.green} desc`, asc(R.createdAt))
      .limit(LIMIT);
    for (const r of rows)
      push(r.status === "accepted" ? "refer" : r.status === "declined" ? "rerefer" : "close", r, null, false);
  }
  return items;
}
