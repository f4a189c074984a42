import { and, desc, eq, sql } from "drizzle-orm";
import type { Deps } from "../../core/context.js";
import { searchQuery } from "../../core/search.js";
import { creationNotices as N } from "./creation.schema.js";
import { listPublicUnits } from "./directory.service.js";

/** For the portal's site search: published notices whose title contains q (newest first) and their count. */
export async function searchPublicNotices(deps: Deps, q: string, limit: number) {
  const where = and(eq(N.status, "published"), searchQuery(N.search, q));
  const [rows, [{ total }]] = await Promise.all([
    deps.db
      .select({ id: N.id, title: N.title, publishedAt: N.publishedAt })
      .from(N)
      .where(where)
      .orderBy(desc(N.publishedAt), desc(N.id))
      .limit(limit),
    deps.db.select({ total: sql<number>`count(*)::int` }).from(N).where(where),
  ]);
  return { total, items: rows.map((r) => ({ ...r, publishedAt: r.publishedAt?.toISOString() ?? null })) };
}

/** For the portal's site search: units whose designation is valid now and whose name contains q. */
export async function searchPublicUnits(deps: Deps, q: string, limit: number) {
  const page = await listPublicUnits(deps, { q, page: 1, pageSize: limit });
  return { total: page.total, items: page.items };
}
