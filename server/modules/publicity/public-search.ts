import { and, desc, eq, sql } from "drizzle-orm";
import type { Deps } from "../../core/context.js";
import { searchQuery } from "../../core/search.js";
import { publicityNotices as N } from "./publicity.schema.js";

/**
 * For the portal's site search: published notices of `owner` whose title contains q (newest first) and their
 * count. The portal's 公示公告 pages open 示范创建's notices; the owner names which notices it can open.
 */
export async function searchPublicNotices(deps: Deps, owner: string, q: string, limit: number) {
  const where = and(eq(N.owner, owner), eq(N.status, "published"), searchQuery(N.search, q));
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
