/** 示范创建's records for 考核评价 (insights): units named (still live) against the targets of a year. */
import { and, eq, gte, inArray, lte, or, type SQL, sql } from "drizzle-orm";
import type { AssessmentRow, AssessmentRowQuery } from "../../../contracts/assessment.js";
import { beijingDate } from "../../../contracts/dates.js";
import { regionTreeWhere } from "../../core/access.js";
import type { Queryable } from "../../db/client.js";
import { creationDesignations, creationTargets } from "./creation.schema.js";
import { liveWhere } from "./designation.service.js";

/** Live designations named within the window, of these units or in these region trees (each row counts). */
export async function namedUnitRows(db: Queryable, q: AssessmentRowQuery): Promise<AssessmentRow[]> {
  const D = creationDesignations;
  const parts: SQL[] = [];
  if (q.orgIds.length) parts.push(inArray(D.orgId, q.orgIds));
  for (const p of q.regionPrefixes) parts.push(regionTreeWhere(D.regionCode, p));
  const rows = await db
    .select({ id: D.id, orgId: D.orgId, regionCode: D.regionCode, unitName: D.unitName, namedOn: D.namedOn })
    .from(D)
    .where(
      and(
        parts.length ? or(...parts) : sql`false`,
        liveWhere(beijingDate(q.asOf)),
        gte(D.namedOn, q.from),
        lte(D.namedOn, q.to),
      ),
    );
  return rows.map((r) => ({
    id: r.id,
    orgId: r.orgId,
    regionCode: r.regionCode,
    title: r.unitName,
    date: String(r.namedOn),
    ok: true,
    status: "已命名",
  }));
}

/** The targets set for a region in a year (all levels and categories summed), by region code. */
export async function namingTargets(db: Queryable, regionCodes: string[], year: number): Promise<Map<string, number>> {
  if (!regionCodes.length) return new Map();
  const T = creationTargets;
  const rows = await db
    .select({ regionCode: T.regionCode, n: sql<number>`sum(${T.targetCount})::int` })
    .from(T)
    .where(and(inArray(T.regionCode, regionCodes), eq(T.year, year)))
    .groupBy(T.regionCode);
  return new Map(rows.map((r) => [r.regionCode, Number(r.n)]));
}
