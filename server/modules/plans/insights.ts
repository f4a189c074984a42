/** 规划实施's records for 考核评价 (insights): tasks due in a window and progress reports due in a window. */
import { and, eq, gte, inArray, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import type { AssessmentRow, AssessmentRowQuery } from "../../../contracts/assessment.js";
import { beijingDate, endOfBeijingDay } from "../../../contracts/dates.js";
import { regionTreeWhere } from "../../core/access.js";
import type { Queryable } from "../../db/client.js";
import { planNodes, planNodeUnits, planReports } from "./plans.schema.js";

function placed(q: AssessmentRowQuery, org: Parameters<typeof eq>[0], region: Parameters<typeof regionTreeWhere>[0]) {
  const parts: SQL[] = [];
  if (q.orgIds.length) parts.push(inArray(org, q.orgIds));
  for (const p of q.regionPrefixes) parts.push(regionTreeWhere(region as never, p));
  return parts.length ? or(...parts) : sql`false`;
}

/**
 * Each (task, responsible unit) whose task deadline falls in the window and has passed by `asOf`: done on time
 * when the unit's latest report says 已完成 and was made by the end of the deadline day.
 */
export async function planTaskRows(db: Queryable, q: AssessmentRowQuery): Promise<AssessmentRow[]> {
  const U = planNodeUnits;
  const N = planNodes;
  const today = beijingDate(q.asOf);
  const rows = await db
    .select({
      nodeId: U.nodeId,
      orgId: U.orgId,
      regionCode: U.regionCode,
      title: N.title,
      deadline: N.deadline,
      status: U.status,
      reportedAt: U.reportedAt,
    })
    .from(U)
    .innerJoin(N, eq(N.id, U.nodeId))
    .where(
      and(
        placed(q, U.orgId, U.regionCode),
        isNull(N.deletedAt),
        gte(N.deadline, q.from),
        lte(N.deadline, q.to),
        sql`${N.deadline} < ${today}`,
      ),
    );
  return rows.map((r) => {
    const deadline = r.deadline as string;
    const ok = r.status === "completed" && !!r.reportedAt && r.reportedAt <= endOfBeijingDay(deadline);
    return {
      id: `${r.nodeId}:${r.orgId}`,
      orgId: r.orgId,
      regionCode: r.regionCode,
      title: r.title,
      date: deadline,
      ok,
      status: ok ? "按期完成" : r.status === "completed" ? "逾期完成" : "未完成",
    };
  });
}

/** Progress reports due in the window (by their due date): on time when submitted by the due time. */
export async function planReportRows(db: Queryable, q: AssessmentRowQuery): Promise<AssessmentRow[]> {
  const R = planReports;
  const N = planNodes;
  const rows = await db
    .select({
      id: R.id,
      orgId: R.orgId,
      regionCode: R.regionCode,
      title: N.title,
      period: R.period,
      dueAt: R.dueAt,
      submittedAt: R.submittedAt,
    })
    .from(R)
    .innerJoin(N, eq(N.id, R.nodeId))
    .where(
      and(
        placed(q, R.orgId, R.regionCode),
        gte(R.dueAt, endOfBeijingDay(q.from)),
        lte(R.dueAt, endOfBeijingDay(q.to)),
        lte(R.dueAt, q.asOf),
      ),
    );
  return rows.map((r) => {
    const ok = r.submittedAt <= r.dueAt;
    return {
      id: r.id,
      orgId: r.orgId,
      regionCode: r.regionCode,
      title: `${r.title}（${r.period}）`,
      date: beijingDate(r.dueAt),
      ok,
      status: ok ? "按时报送" : "逾期报送",
    };
  });
}
