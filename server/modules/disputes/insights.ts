/** 风险防范's records for 考核评价 (insights): every 零报告 a unit owed in a window, received on time or not. */
import { and, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import type { AssessmentRow, AssessmentRowQuery } from "../../../contracts/assessment.js";
import { regionTreeWhere } from "../../core/access.js";
import type { Queryable } from "../../db/client.js";
import { disputeReports, disputeReportUnits } from "./disputes.schema.js";
import { frequencyOf, periodKeyOf, periodOf, periodRange } from "./periods.js";
import { getDisputeSettings } from "./settings.service.js";

/**
 * One row per (report unit, period) of 零报告 whose period lies within the window and whose deadline has passed
 * by `asOf`: on time when first received by the deadline (DHIS2's timeliness, as 风险防范 counts it).
 */
export async function zeroReportRows(db: Queryable, q: AssessmentRowQuery): Promise<AssessmentRow[]> {
  const settings = await getDisputeSettings(db);
  const freq = frequencyOf(settings, "zero");
  const periods = periodRange(periodKeyOf(q.from, freq), periodKeyOf(q.to, freq), freq)
    .map((k) => periodOf(k, settings.onTimeDays))
    .filter((p) => p.start >= q.from && p.end <= q.to && p.deadline <= q.asOf);
  const U = disputeReportUnits;
  const parts: SQL[] = [];
  if (q.orgIds.length) parts.push(inArray(U.orgId, q.orgIds));
  for (const p of q.regionPrefixes) parts.push(regionTreeWhere(U.regionCode, p));
  if (!periods.length) return [];
  const units = await db
    .select({ orgId: U.orgId, regionCode: U.regionCode })
    .from(U)
    .where(parts.length ? or(...parts) : sql`false`);
  if (!units.length) return [];
  const R = disputeReports;
  const reports = await db
    .select({ id: R.id, orgId: R.orgId, period: R.period, firstReceivedAt: R.firstReceivedAt })
    .from(R)
    .where(
      and(
        eq(R.kind, "zero"),
        inArray(
          R.orgId,
          units.map((u) => u.orgId),
        ),
        inArray(
          R.period,
          periods.map((p) => p.key),
        ),
      ),
    );
  const byKey = new Map(reports.map((r) => [`${r.orgId}:${r.period}`, r]));
  const out: AssessmentRow[] = [];
  for (const u of units)
    for (const p of periods) {
      const r = byKey.get(`${u.orgId}:${p.key}`);
      const ok = !!r && r.firstReceivedAt <= p.deadline;
      out.push({
        id: r?.id ?? `${u.orgId}:${p.key}`,
        orgId: u.orgId,
        regionCode: u.regionCode,
        title: `${p.label}零报告`,
        date: p.end,
        ok,
        status: !r ? "未报送" : ok ? "按时报送" : "逾期报送",
      });
    }
  return out;
}
