/**
 * The live to-do list of 风险防范 for the message centre (notify registers it as a source):
 *
 *   - whoever handles cases (disputes:handle): the open cases (已登记、调解中) it sees and whose place its handle
 *     scope covers — a unit its own, the 镇 and 旗 departments those of their region, an upper level those
 *     escalated to it (marked 上报本级) — due by the case's 化解时限, overdue past it;
 *   - the duty staff (disputes:handle): alerts to its level not yet taken up (签收): 重大案件、超期未化解、逾期未报;
 *   - a report unit (disputes:report): each 零报告/季报 period that has ended since it became a report unit and is
 *     not yet filed, due on the period's on-time deadline.
 *
 * Computed from the records and the clock; nothing to run, nothing stored.
 */
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { beijingDate } from "../../../contracts/dates.js";
import { ALERT_KIND_LABELS, REPORT_KIND_LABELS, type ReportKind } from "../../../contracts/disputes.js";
import { can, scopeFor, scopeRoot, scopeWhere } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { disputeCases as C, disputeAlerts, disputeReports, disputeReportUnits } from "./disputes.schema.js";
import { alertVisibleWhere, caseVisibleWhere } from "./disputes-access.js";
import { endedPeriods, frequencyOf, periodOf } from "./periods.js";
import { getDisputeSettings } from "./settings.service.js";

export type DisputeTodo = {
  kind: "case" | "alert" | "report";
  kindLabel: string;
  entityId: string;
  title: string;
  body: string;
  dueOn: string | null;
  overdue: boolean;
};

const LIMIT = 200;

export async function listDisputeTodos(ctx: Ctx): Promise<DisputeTodo[]> {
  const now = ctx.clock.now();
  const items: DisputeTodo[] = [];
  const handle = scopeFor(ctx.actor, "disputes:handle");
  if (handle && can(ctx.actor, "disputes:read")) {
    const root = handle.kind === "org" || handle.kind === "self" ? null : scopeRoot(handle);
    const cases = await ctx.db
      .select({
        id: C.id,
        code: C.code,
        summary: C.summary,
        resolveBy: C.resolveBy,
        handlingRegion: C.handlingRegion,
        escalatedAt: C.escalatedAt,
      })
      .from(C)
      .where(
        and(
          inArray(C.status, ["registered", "mediating"]),
          caseVisibleWhere(ctx),
          scopeWhere(handle, { region: C.regionCode, org: C.orgId }),
        ),
      )
      .orderBy(asc(C.resolveBy), asc(C.id))
      .limit(LIMIT);
    for (const c of cases) {
      const escalatedHere = !!c.escalatedAt && root !== null && c.handlingRegion === root;
      items.push({
        kind: "case",
        kindLabel: escalatedHere ? "上报本级的矛盾纠纷" : "化解矛盾纠纷",
        entityId: c.id,
        title: `矛盾纠纷 ${c.code}：${c.summary.slice(0, 60)}`,
        body: "",
        dueOn: beijingDate(c.resolveBy),
        overdue: now > c.resolveBy,
      });
    }
    const alerts = await ctx.db
      .select({
        id: disputeAlerts.id,
        kind: disputeAlerts.kind,
        summary: disputeAlerts.summary,
        dueAt: disputeAlerts.dueAt,
      })
      .from(disputeAlerts)
      .where(and(alertVisibleWhere(ctx), isNull(disputeAlerts.ackAt)))
      .orderBy(asc(disputeAlerts.createdAt), asc(disputeAlerts.id))
      .limit(LIMIT);
    for (const a of alerts)
      items.push({
        kind: "alert",
        kindLabel: `签收预警：${ALERT_KIND_LABELS[a.kind]}`,
        entityId: a.id,
        title: a.summary,
        body: "",
        dueOn: a.dueAt ? beijingDate(a.dueAt) : null,
        overdue: !!a.dueAt && now > a.dueAt,
      });
  }
  if (can(ctx.actor, "disputes:report") && ctx.actor.orgId) {
    const [unit] = await ctx.db.select().from(disputeReportUnits).where(eq(disputeReportUnits.orgId, ctx.actor.orgId));
    if (unit) {
      const settings = await getDisputeSettings(ctx.db);
      for (const kind of ["zero", "quarterly"] as ReportKind[]) {
        const freq = frequencyOf(settings, kind);
        const periods = endedPeriods(now, freq, freq === "monthly" ? 12 : 4)
          .map((k) => periodOf(k, settings.onTimeDays))
          .filter((p) => p.deadline > unit.createdAt);
        if (!periods.length) continue;
        const filed = await ctx.db
          .select({ period: disputeReports.period })
          .from(disputeReports)
          .where(
            and(
              eq(disputeReports.kind, kind),
              eq(disputeReports.orgId, unit.orgId),
              inArray(
                disputeReports.period,
                periods.map((p) => p.key),
              ),
            ),
          );
        const done = new Set(filed.map((f) => f.period));
        for (const p of periods.filter((x) => !done.has(x.key)))
          items.push({
            kind: "report",
            kindLabel: `报送${REPORT_KIND_LABELS[kind]}`,
            entityId: `${kind}:${p.key}`,
            title: `报送${p.label}${REPORT_KIND_LABELS[kind]}`,
            body: "",
            dueOn: beijingDate(p.deadline),
            overdue: now > p.deadline,
          });
      }
    }
  }
  return items;
}
