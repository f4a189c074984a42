import { asc, desc, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import { COUNT_CAP } from "../../contracts/common.js";
import type { Queryable } from "../db/client.js";

/** The page a list query asks for (listQuery in contracts/common.ts: page from 1, pageSize up to 200). */
export type PageQuery = { page: number; pageSize: number };

/** The LIMIT and OFFSET of the page on a Drizzle select: `paged(db.select().from(t).where(w).orderBy(o), q)`. */
export function paged<R>(query: { limit(n: number): { offset(n: number): R } }, q: PageQuery): R {
  return query.limit(q.pageSize).offset((q.page - 1) * q.pageSize);
}

/**
 * The rows of `table` matching `where`, counted up to COUNT_CAP (then `capped`): the count stops scanning at the
 * cap instead of reading every row of a large scope for the pager. Exact below the cap.
 */
export async function cappedCount(
  db: Queryable,
  table: PgTable,
  where: SQL | undefined,
  cap = COUNT_CAP,
): Promise<{ total: number; capped: boolean }> {
  const res = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from (select 1 from ${table} where ${where ?? sql`true`} limit ${cap + 1}) s`,
  );
  const n = Number(res.rows[0]?.n ?? 0);
  return n > cap ? { total: cap, capped: true } : { total: n, capped: false };
}

/** A list's answer in the shape of pageOf() in contracts/common.ts. */
export function pageResult<T>(items: T[], total: number, q: PageQuery) {
  return { items, total, page: q.page, pageSize: q.pageSize };
}

/**
 * The ORDER BY term of a `sort` parameter (sortParam in contracts/common.ts: "name" ascending, "-name"
 * descending) over the columns a list allows, or undefined without one (the list then uses its default order).
 * Add a unique column after it (the id) so that pages do not overlap.
 */
export function sortTerm<K extends string>(
  columns: Record<K, AnyPgColumn | SQL>,
  sort: string | undefined,
): SQL | undefined {
  if (!sort) return undefined;
  const col = columns[sort.replace(/^-/, "") as K];
  return sort.startsWith("-") ? desc(col) : asc(col);
}
