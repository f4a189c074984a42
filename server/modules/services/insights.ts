/** 服务台's records for 考核评价 (insights): service requests due in a window, answered on time or not. */
import { and, gte, inArray, lt, lte, or, type SQL, sql } from "drizzle-orm";
import type { AssessmentRow, AssessmentRowQuery } from "../../../contracts/assessment.js";
import { beijingDate } from "../../../contracts/dates.js";
import { regionTreeWhere } from "../../core/access.js";
import type { Queryable } from "../../db/client.js";
import { serviceRequests } from "./services.schema.js";

/**
 * Requests whose due date lies in the window and has passed by `asOf` (or that were answered already), placed at
 * the department handling them (the receiving window's unit while at the window): on time when answered by the
 * due date. Names of people are never read.
 */
export async function serviceRequestRows(db: Queryable, q: AssessmentRowQuery): Promise<AssessmentRow[]> {
  const S = serviceRequests;
  const unit = sql<string>`coalesce(${S.deptOrgId}, ${S.orgId})`;
  const parts: SQL[] = [];
  if (q.orgIds.length) parts.push(sql`${unit} in ${q.orgIds}`);
  for (const p of q.regionPrefixes) parts.push(regionTreeWhere(S.regionCode, p));
  const today = beijingDate(q.asOf);
  const rows = await db
    .select({
      id: S.id,
      orgId: unit,
      regionCode: S.regionCode,
      code: S.trackingCode,
      dueOn: S.dueOn,
      answeredOnTime: S.answeredOnTime,
    })
    .from(S)
    .where(
      and(
        parts.length ? or(...parts) : sql`false`,
        gte(S.dueOn, q.from),
        lte(S.dueOn, q.to),
        or(lt(S.dueOn, today), sql`${S.answeredOnTime} is not null`),
        inArray(S.status, ["accepted", "referred", "received", "answered", "closed"]),
      ),
    );
  return rows.map((r) => ({
    id: r.id,
    orgId: r.orgId,
    regionCode: r.regionCode,
    title: `服务申请 ${r.code}`,
    date: String(r.dueOn),
    ok: r.answeredOnTime === true,
    status: r.answeredOnTime === true ? "按期答复" : r.answeredOnTime === false ? "逾期答复" : "逾期未答复",
  }));
}
