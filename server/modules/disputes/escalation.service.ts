/**
 * Escalation and the duty staff's alerts: a case unresolved past its time limit goes one level up (hourly job);
 * a unit's report missing after the on-time window is reported to its superior (one alert per unit and period).
 */
import { and, asc, desc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { ALERT_KIND_LABELS, type AlertView, REPORT_KIND_LABELS, type ReportKind } from "../../../contracts/disputes.js";
import type { Ctx, Deps } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import { paged, pageResult } from "../../core/paging.js";
import { recordAudit } from "../audit/index.js";
import { ancestorCodes, orgNameSql, regionNames } from "../org/index.js";
import { escalateRow, upperOf } from "./cases.service.js";
import { disputeAlerts, disputeCases, disputeReports, disputeReportUnits } from "./disputes.schema.js";
import { alertVisibleWhere } from "./disputes-access.js";
import { endedPeriods, frequencyOf, periodOf } from "./periods.js";
import { getDisputeSettings } from "./settings.service.js";

/** Cases still open past their time limit, not yet escalated for it: one level up each. */
export async function escalateOverdueCases(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(disputeCases)
      .where(
        and(
          inArray(disputeCases.status, ["registered", "mediating"]),
          lt(disputeCases.resolveBy, now),
          isNull(disputeCases.overdueEscalatedAt),
        ),
      )
      .orderBy(asc(disputeCases.resolveBy))
      .limit(500)
      .for("update", { skipLocked: true });
    let n = 0;
    for (const row of due) {
      if (!upperOf(row.handlingRegion)) continue;
      await escalateRow(tx, { clock: deps.clock, actor: null }, row, "超过化解时限仍未化解", "overdue_case", true);
      n++;
    }
    return n;
  });
}

/** Units without a report once the on-time window of a period has closed: an alert to the unit's superior. */
export async function escalateMissingReports(deps: Deps): Promise<number> {
  const settings = await getDisputeSettings(deps.db);
  const now = deps.clock.now();
  let total = 0;
  for (const kind of ["zero", "quarterly"] as ReportKind[]) {
    const freq = frequencyOf(settings, kind);
    const periods = endedPeriods(now, freq, 3)
      .map((k) => periodOf(k, settings.onTimeDays))
      .filter((p) => p.deadline < now);
    for (const p of periods) {
      total += await deps.db.transaction(async (tx) => {
        const missing = await tx
          .select({
            orgId: disputeReportUnits.orgId,
            regionCode: disputeReportUnits.regionCode,
            superior: disputeReportUnits.superiorOrgId,
            name: orgNameSql(disputeReportUnits.orgId),
          })
          .from(disputeReportUnits)
          .where(
            and(
              lt(disputeReportUnits.createdAt, p.deadline),
              sql`not exists (select 1 from ${disputeReports} r where r.kind = ${kind} and r.org_id = ${disputeReportUnits.orgId} and r.period = ${p.key})`,
              sql`not exists (select 1 from ${disputeAlerts} a where a.kind = 'missing_report' and a.report_unit_org_id = ${disputeReportUnits.orgId} and a.report_kind = ${kind} and a.period = ${p.key})`,
            ),
          )
          .limit(5000);
        if (!missing.length) return 0;
        await tx
          .insert(disputeAlerts)
          .values(
            missing.map((m) => ({
              kind: "missing_report" as const,
              targetRegion: ancestorCodes(m.regionCode).at(-1) ?? m.regionCode,
              targetOrgId: m.superior,
              reportUnitOrgId: m.orgId,
              reportKind: kind,
              period: p.key,
              summary: `${m.name ?? ""}逾期未报送${p.label}${REPORT_KIND_LABELS[kind]}`,
              dueAt: p.deadline,
              createdAt: now,
            })),
          )
          .onConflictDoNothing();
        await recordAudit(tx, deps.clock, null, {
          category: "data",
          action: "disputes.report.missing",
          entity: "dispute_report",
          entityId: `${kind}:${p.key}`,
          regionCode: null,
          orgId: null,
          actorName: "系统（逾期未报提醒上级）",
          summary: `${p.label}${REPORT_KIND_LABELS[kind]}逾期未报 ${missing.length} 个单位，已提醒其上级`,
          changes: { period: p.key, reports: missing.length },
        });
        return missing.length;
      });
    }
  }
  return total;
}

export async function listAlerts(ctx: Ctx, q: { page: number; pageSize: number; open?: boolean }) {
  const where = and(
    alertVisibleWhere(ctx),
    q.open === undefined ? undefined : q.open ? isNull(disputeAlerts.ackAt) : sql`${disputeAlerts.ackAt} is not null`,
  );
  const [rows, [{ total }]] = await Promise.all([
    paged(
      ctx.db
        .select({
          a: disputeAlerts,
          caseCode: sql<string | null>`(select c.code from ${disputeCases} c where c.id = ${disputeAlerts.caseId})`,
          unitName: sql<
            string | null
          >`case when ${disputeAlerts.reportUnitOrgId} is null then null else ${orgNameSql(disputeAlerts.reportUnitOrgId)} end`,
        })
        .from(disputeAlerts)
        .where(where)
        .orderBy(desc(disputeAlerts.createdAt), desc(disputeAlerts.id)),
      q,
    ),
    ctx.db.select({ total: sql<number>`count(*)::int` }).from(disputeAlerts).where(where),
  ]);
  const names = await regionNames(
    ctx.db,
    rows.map((r) => r.a.targetRegion),
  );
  const items: AlertView[] = rows.map(({ a, caseCode, unitName }) => ({
    id: a.id,
    kind: a.kind,
    targetRegion: a.targetRegion,
    targetRegionName: names.get(a.targetRegion) ?? "",
    caseId: a.caseId,
    caseCode,
    reportUnitName: unitName,
    period: a.period,
    summary: a.summary,
    dueAt: a.dueAt?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
    ackAt: a.ackAt?.toISOString() ?? null,
  }));
  return pageResult(items, Number(total), q);
}

/** The duty staff takes up an alert (签收). */
export async function ackAlert(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    const [a] = await tx
      .select()
      .from(disputeAlerts)
      .where(and(eq(disputeAlerts.id, id), alertVisibleWhere(ctx)))
      .for("update");
    if (!a) throw errors.notFound("dispute_alert");
    if (a.ackAt) return;
    const now = ctx.clock.now();
    await tx.update(disputeAlerts).set({ ackAt: now, ackBy: ctx.actor.userId }).where(eq(disputeAlerts.id, id));
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "disputes.alert.ack",
      entity: "dispute_alert",
      entityId: id,
      regionCode: a.targetRegion,
      orgId: ctx.actor.orgId,
      summary: `签收预警：${ALERT_KIND_LABELS[a.kind]}（${a.summary}）`,
      changes: { ackAt: [null, now.toISOString()] },
    });
  });
  return { ok: true as const };
}
