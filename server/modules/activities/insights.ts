/** 活动's records for 考核评价 (insights): confirmed activities held in a window by a unit (as organiser or co-organiser). */
import { and, eq, gte, inArray, lte, or, type SQL, sql } from "drizzle-orm";
import type { AssessmentRow, AssessmentRowQuery } from "../../../contracts/assessment.js";
import { regionTreeWhere } from "../../core/access.js";
import type { Queryable } from "../../db/client.js";
import { activityRecords } from "./activities.schema.js";

/** One row per (confirmed activity, unit of the query that organised or co-organised it); in a region tree by place. */
export async function activityRows(db: Queryable, q: AssessmentRowQuery): Promise<AssessmentRow[]> {
  const A = activityRecords;
  const parts: SQL[] = [];
  if (q.orgIds.length)
    parts.push(
      inArray(A.orgId, q.orgIds),
      sql`${A.coOrgIds} && array[${sql.join(
        q.orgIds.map((o) => sql`${o}`),
        sql`, `,
      )}]::uuid[]`,
    );
  for (const p of q.regionPrefixes) parts.push(regionTreeWhere(A.regionCode, p));
  const rows = await db
    .select({
      id: A.id,
      orgId: A.orgId,
      coOrgIds: A.coOrgIds,
      regionCode: A.regionCode,
      title: A.title,
      startDate: A.startDate,
    })
    .from(A)
    .where(
      and(
        parts.length ? or(...parts) : sql`false`,
        eq(A.status, "confirmed"),
        gte(A.startDate, q.from),
        lte(A.startDate, q.to),
      ),
    );
  const wanted = new Set(q.orgIds);
  const out: AssessmentRow[] = [];
  for (const r of rows) {
    const orgs = [r.orgId, ...r.coOrgIds.filter((o) => wanted.has(o) && o !== r.orgId)];
    for (const orgId of orgs)
      out.push({
        id: orgId === r.orgId ? r.id : `${r.id}:${orgId}`,
        orgId,
        regionCode: r.regionCode,
        title: orgId === r.orgId ? r.title : `${r.title}（协办）`,
        date: r.startDate,
        ok: true,
        status: orgId === r.orgId ? "主办" : "协办",
      });
  }
  return out;
}
