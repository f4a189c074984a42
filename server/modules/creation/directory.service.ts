/** The public directory of named units and its map (no sign-in; public.routes.ts). */
import { and, desc, eq, gte, ilike, lte, or, type SQL, sql } from "drizzle-orm";
import type { NamingLevel, PublicUnitQuery } from "../../../contracts/creation.js";
import { regionTreeWhere } from "../../core/access.js";
import type { Deps } from "../../core/context.js";
import { searchQuery } from "../../core/search.js";
import { containsPattern } from "../../db/sql.js";
import { orgMongolianNames } from "../org/index.js";
import { categoryLabels, namesOf, regionPaths } from "./creation.service.js";
import { shanghaiDate } from "./dates.js";
import { D, liveWhere, toDesignations } from "./designation.service.js";

// ---------------------------------------------------------------------------------------------------------
// The public directory of named units and its map

export async function listPublicUnits(deps: Deps, q: PublicUnitQuery) {
  const today = shanghaiDate(deps.clock.now());
  const conds: (SQL | undefined)[] = [liveWhere(today)];
  if (q.regionCode) conds.push(regionTreeWhere(D.regionCode, q.regionCode));
  if (q.level) conds.push(eq(D.level, q.level));
  if (q.category) conds.push(eq(D.category, q.category));
  if (q.year) conds.push(gte(D.namedOn, `${q.year}-01-01`), lte(D.namedOn, `${q.year}-12-31`));
  if (q.q) conds.push(or(searchQuery(D.search, q.q), eq(D.certificateNo, q.q)));
  const where = and(...conds.filter(Boolean));
  const [rows, [{ total }], labels] = await Promise.all([
    deps.db
      .select()
      .from(D)
      .where(where)
      .orderBy(desc(D.namedOn), desc(D.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    deps.db.select({ total: sql<number>`count(*)::int` }).from(D).where(where),
    categoryLabels(deps.db),
  ]);
  const [list, paths, units] = await Promise.all([
    toDesignations(deps.db, rows, labels),
    regionPaths(
      deps.db,
      rows.map((r) => r.regionCode),
    ),
    orgMongolianNames(
      deps.db,
      rows.map((r) => r.orgId),
    ),
  ]);
  return {
    items: list.map((d) => ({
      id: d.id,
      unitName: d.unitName,
      // The unit's Mongolian name as the organization now records it (组织机构's 蒙古文名称), "" when none.
      unitNameMn: units.get(d.orgId) ?? "",
      regionCode: d.regionCode,
      regionName: paths.get(d.regionCode) ?? d.regionName,
      category: d.category,
      categoryLabel: d.categoryLabel,
      level: d.level,
      certificateNo: d.certificateNo,
      namedOn: d.namedOn,
      validUntil: d.validUntil,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** Region code length of the level below `code` (2 → 4 → 6 → 9 → 12). */
export function childLength(code: string): number | null {
  return { 2: 4, 4: 6, 6: 9, 9: 12 }[code.length] ?? null;
}

/** Counts of valid designations per child region of `regionCode` (or per province when absent), for a map. */
export async function publicMap(deps: Deps, q: { regionCode?: string; level?: NamingLevel; category?: string }) {
  const today = shanghaiDate(deps.clock.now());
  const root = q.regionCode ?? "";
  const len = root ? childLength(root) : 2;
  const conds: (SQL | undefined)[] = [liveWhere(today)];
  if (root) conds.push(regionTreeWhere(D.regionCode, root));
  if (q.level) conds.push(eq(D.level, q.level));
  if (q.category) conds.push(eq(D.category, q.category));
  const rows = len
    ? await deps.db
        .select({ code: sql<string>`substr(${D.regionCode}, 1, ${len})`, n: sql<number>`count(*)::int` })
        .from(D)
        .where(and(...conds.filter(Boolean)))
        .groupBy(sql`1`)
    : [];
  const names = await namesOf(deps.db, [root, ...rows.map((r) => r.code)]);
  const points = rows
    .filter((r) => r.code.length === len)
    .map((r) => ({ regionCode: r.code, regionName: names.get(r.code) ?? r.code, count: r.n }))
    .sort((a, b) => (a.regionCode < b.regionCode ? -1 : 1));
  return {
    regionCode: root,
    regionName: root ? (names.get(root) ?? root) : "全国",
    points,
    total: rows.reduce((s, r) => s + r.n, 0),
  };
}
