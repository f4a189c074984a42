/**
 * 地图数据: the licensed boundary files the dashboard's map draws. The division tree's boundaries are in no allowed
 * package with a 审图号, so the platform ships none: the dashboard draws the tile view until the system
 * administrator loads a GeoJSON for a level (盟市, 旗县, …) with its 审图号 and source. Each feature's
 * 行政区划代码 (the property the administrator names) must be a region of that level in the division tree the
 * deployment loaded; the others are reported by name and code and left out. A level has one file: loading
 * another replaces it; it can be removed. Every load, replacement and removal is audited.
 */
import { desc, eq, sql } from "drizzle-orm";
import {
  REGION_MAP_LEVELS,
  type RegionMapRow,
  type RegionMapSkipped,
  type RegionMapUpload,
  type RegionMapUploadResult,
} from "../../../contracts/system.js";
import type { Ctx } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import { type ParsePool, parsePool } from "../../core/parse-worker.js";
import type { Queryable } from "../../db/client.js";
import { diff, recordAudit } from "../audit/index.js";
import { ancestorCodes, getRegion, regionNames } from "../org/index.js";
import type { ParsedMap } from "./geojson.js";
import { regionMapFeatures, regionMaps } from "./system.schema.js";

const M = regionMaps;
const F = regionMapFeatures;

function toRow(r: typeof M.$inferSelect): RegionMapRow {
  return {
    id: r.id,
    mapLevel: r.level,
    levelLabel: REGION_MAP_LEVELS[r.level].label,
    codeProperty: r.codeProperty,
    approvalNo: r.approvalNo,
    source: r.source,
    fileName: r.fileName,
    featureCount: r.featureCount,
    bytes: r.bytes,
    uploadedByName: r.uploadedByName,
    uploadedAt: r.uploadedAt.toISOString(),
  };
}

export async function listRegionMaps(ctx: Ctx): Promise<RegionMapRow[]> {
  const rows = await ctx.db.select().from(M).orderBy(desc(M.uploadedAt));
  const order = Object.keys(REGION_MAP_LEVELS);
  return rows.map(toRow).sort((a, b) => order.indexOf(a.mapLevel) - order.indexOf(b.mapLevel));
}

/**
 * The division code a feature's code stands for at `length` digits: the same code, or a longer form padded with
 * zeros (the 6-digit adcode 150500 is the 盟市 1505; the 12-digit 150522100000 is the 苏木 150522100).
 */
function normalise(code: string, length: number): string | null {
  if (!/^\d+$/.test(code)) return null;
  if (code.length === length) return code;
  if (code.length > length && /^0+$/.test(code.slice(length))) return code.slice(0, length);
  return null;
}

/** Checks an uploaded file and, unless `preview`, stores it as the level's map (replacing the last one). */
export async function uploadRegionMap(
  ctx: Ctx,
  file: { fileName: string; content: Buffer },
  input: RegionMapUpload,
  pool: ParsePool = parsePool,
): Promise<RegionMapUploadResult> {
  const parsed = await pool.run<ParsedMap>(new URL("./geojson.ts", import.meta.url), "parseGeoJsonTask", {
    content: new Uint8Array(file.content),
    codeProperty: input.codeProperty,
  });
  const level = REGION_MAP_LEVELS[input.mapLevel];
  const skipped: RegionMapSkipped[] = [];
  const matched: { code: string; parent: string; name: string; geometry: string }[] = [];
  const seen = new Map<string, number>();
  for (const f of parsed.features) {
    const skip = (reason: string) => skipped.push({ index: f.index, name: f.name, code: f.code, reason });
    if (!f.code) {
      skip(`没有属性 ${input.codeProperty}`);
      continue;
    }
    const code = normalise(f.code, level.length);
    if (!code) {
      skip(`代码不是${level.label}级行政区划代码`);
      continue;
    }
    const region = await getRegion(ctx.db, code);
    if (!region) {
      skip("本平台的行政区划中没有这个代码");
      continue;
    }
    const first = seen.get(code);
    if (first !== undefined) {
      skip(`与第 ${first} 个要素的区划相同`);
      continue;
    }
    seen.set(code, f.index);
    matched.push({ code, parent: ancestorCodes(code).pop() ?? "", name: region.name, geometry: f.geometry });
  }
  if (matched.length === 0)
    throw errors.field("file", "system.map_none_matched", { property: input.codeProperty, level: level.label });
  const result = (map: RegionMapRow | null): RegionMapUploadResult => ({
    saved: map !== null,
    matched: matched.length,
    matchedNames: matched.slice(0, 50).map((m) => m.name),
    skipped,
    map,
  });
  if (input.preview === "true") return result(null);

  const map = await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(M).where(eq(M.level, input.mapLevel));
    if (before) await tx.delete(M).where(eq(M.id, before.id));
    const [row] = await tx
      .insert(M)
      .values({
        level: input.mapLevel,
        codeProperty: input.codeProperty,
        approvalNo: input.approvalNo,
        source: input.source,
        fileName: file.fileName,
        featureCount: matched.length,
        bytes: file.content.length,
        uploadedBy: ctx.actor.userId,
        uploadedByName: ctx.actor.displayName,
        uploadedAt: ctx.clock.now(),
      })
      .returning();
    if (!row) throw new Error("region_maps insert returned nothing");
    for (let i = 0; i < matched.length; i += 200)
      await tx
        .insert(F)
        .values(
          matched
            .slice(i, i + 200)
            .map((m) => ({ mapId: row.id, regionCode: m.code, parentCode: m.parent, geometry: m.geometry })),
        );
    const meta = (r: typeof row | undefined) =>
      r
        ? { approvalNo: r.approvalNo, source: r.source, fileName: r.fileName, featureCount: r.featureCount }
        : { approvalNo: null, source: null, fileName: null, featureCount: null };
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: before ? "region_map.replace" : "region_map.upload",
      entity: "region_map",
      entityId: row.id,
      summary: `${before ? "替换" : "加载"}${level.label}地图数据（审图号 ${input.approvalNo}，${matched.length} 个区划${
        skipped.length ? `，${skipped.length} 个要素未匹配` : ""
      }）`,
      changes: diff(meta(before), meta(row)),
    });
    return toRow(row);
  });
  return result(map);
}

export async function removeRegionMap(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.delete(M).where(eq(M.id, id)).returning();
    if (!row) throw errors.notFound("region_map");
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "region_map.remove",
      entity: "region_map",
      entityId: row.id,
      summary: `删除${REGION_MAP_LEVELS[row.level].label}地图数据（审图号 ${row.approvalNo}），驾驶舱恢复为方块图`,
      changes: diff(
        { approvalNo: row.approvalNo, source: row.source, fileName: row.fileName, featureCount: row.featureCount },
        { approvalNo: null, source: null, fileName: null, featureCount: null },
      ),
    });
  });
}

export type RegionMapInfo = {
  id: string;
  approvalNo: string;
  source: string;
  level: string;
  count: number;
  version: string;
};

/** The loaded map of the regions directly below `parentCode` ("" for the provinces), or null: the tile view. */
export async function regionMapFor(db: Queryable, parentCode: string): Promise<RegionMapInfo | null> {
  const [row] = await db
    .select({
      id: M.id,
      approvalNo: M.approvalNo,
      source: M.source,
      level: M.level,
      uploadedAt: M.uploadedAt,
      count: sql<number>`count(*)::int`,
    })
    .from(F)
    .innerJoin(M, eq(M.id, F.mapId))
    .where(eq(F.parentCode, parentCode))
    .groupBy(M.id)
    .orderBy(desc(sql`count(*)`))
    .limit(1);
  if (!row) return null;
  return {
    id: row.id,
    approvalNo: row.approvalNo,
    source: row.source,
    level: REGION_MAP_LEVELS[row.level].label,
    count: Number(row.count),
    version: `${row.id}.${row.uploadedAt.getTime()}`,
  };
}

/**
 * The boundaries of the regions directly below `parentCode` as a GeoJSON FeatureCollection (text: the stored,
 * checked geometries are put in as they are), each feature's properties its `code` and `name` from the
 * division tree (`info`: what regionMapFor found).
 */
export async function regionMapGeoJson(db: Queryable, parentCode: string, info: RegionMapInfo): Promise<string> {
  const rows = await db
    .select({ code: F.regionCode, geometry: F.geometry })
    .from(F)
    .where(sql`${F.mapId} = ${info.id} and ${F.parentCode} = ${parentCode}`)
    .orderBy(F.regionCode);
  const names = await regionNames(
    db,
    rows.map((r) => r.code),
  );
  const features = rows.map(
    (r) =>
      `{"type":"Feature","properties":${JSON.stringify({ code: r.code, name: names.get(r.code) ?? r.code })},"geometry":${r.geometry}}`,
  );
  return `{"type":"FeatureCollection","features":[${features.join(",")}]}`;
}
