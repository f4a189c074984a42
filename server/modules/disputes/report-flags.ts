import { and, eq, inArray, lte, sql } from "drizzle-orm";
import { REPORT_KIND_LABELS, type ReportKind } from "../../../contracts/disputes.js";
import type { Clock } from "../../core/clock.js";
import type { Tx } from "../../db/client.js";
import { recordAudit } from "../audit/index.js";
import { ancestorCodes } from "../org/index.js";
import { disputeAlerts, disputeReports } from "./disputes.schema.js";
import { frequencyOf, periodKeyOf, periodOf } from "./periods.js";
import { getDisputeSettings } from "./settings.service.js";

/**
 * A case recorded later for a period its place's units reported as "本期无" flags those reports (never changes
 * them): the units whose region contains the case's place, for both 零报告 and 季报. The superior level gets an alert.
 */
export async function flagNothingReports(
  tx: Tx,
  clock: Clock,
  c: { id: string; code: string; regionCode: string; occurredOn: string },
) {
  const settings = await getDisputeSettings(tx);
  const now = clock.now();
  const prefixes: string[] = [];
  for (let len = 2; len <= c.regionCode.length; len += len < 6 ? 2 : 3) prefixes.push(c.regionCode.slice(0, len));
  for (const kind of ["zero", "quarterly"] as ReportKind[]) {
    const period = periodKeyOf(c.occurredOn, frequencyOf(settings, kind));
    const note = `${c.occurredOn} 发生的矛盾纠纷 ${c.code} 后来登记，而本期报告为“本期无”`;
    const flagged = await tx
      .update(disputeReports)
      .set({ flaggedAt: now, flagNote: note })
      .where(
        and(
          eq(disputeReports.kind, kind),
          eq(disputeReports.period, period),
          eq(disputeReports.nothing, true),
          inArray(disputeReports.regionCode, prefixes),
          lte(disputeReports.receivedAt, now),
          sql`${disputeReports.flaggedAt} is null`,
        ),
      )
      .returning();
    for (const r of flagged) {
      const upper = ancestorCodes(r.regionCode).at(-1) ?? r.regionCode;
      await tx.insert(disputeAlerts).values({
        kind: "flagged_report",
        targetRegion: upper,
        caseId: c.id,
        reportUnitOrgId: r.orgId,
        reportKind: kind,
        period: r.period,
        summary: `${periodOf(r.period, 0).label}${REPORT_KIND_LABELS[kind]}报“本期无”，但有矛盾纠纷 ${c.code}`,
        createdAt: now,
      });
      await recordAudit(tx, clock, null, {
        category: "data",
        action: "disputes.report.flag",
        entity: "dispute_report",
        entityId: r.id,
        regionCode: r.regionCode,
        orgId: r.orgId,
        actorName: "系统（零报告核对）",
        summary: note,
        changes: { flaggedAt: [null, now.toISOString()] },
      });
    }
  }
}
