/**
 * The strict reader of an uploaded boundary file (地图数据), run in a parse worker (core/parse-worker.ts): a
 * GeoJSON FeatureCollection of Polygon/MultiPolygon features, each with the 行政区划代码 in a property the
 * administrator names. Anything else is refused with the feature it concerns: another geometry type, a position
 * that is not two finite numbers within longitude/latitude, a ring of fewer than four positions or not closed,
 * more features or positions than the limits. The size is checked before (readUpload); JSON.parse is linear.
 * Each geometry comes back re-serialised from the checked arrays (two-dimensional positions, nothing else kept).
 */
import { REGION_MAP_LIMITS } from "../../../contracts/system.js";
import { AppError, errors } from "../../core/errors.js";
import { fieldLabel, t } from "../../core/i18n.js";

export type ParsedFeature = { index: number; code: string; name: string; geometry: string };
export type ParsedMap = { features: ParsedFeature[]; positions: number };

type Position = [number, number];

function refuse(message: string): AppError {
  const label = fieldLabel(["file"]);
  return new AppError(400, "VALIDATION_FAILED", t("errors.validation", { detail: `${label}：${message}` }), {
    fields: [{ field: "file", label, message }],
  });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function parseGeoJson(
  content: Buffer | Uint8Array,
  codeProperty: string,
  limits: { maxFeatures: number; maxPositions: number } = REGION_MAP_LIMITS,
): ParsedMap {
  let text = Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    throw errors.field("file", "system.map_not_json");
  }
  if (!isObject(root) || root.type !== "FeatureCollection" || !Array.isArray(root.features))
    throw errors.field("file", "system.map_not_collection");
  const list = root.features as unknown[];
  if (list.length === 0) throw errors.field("file", "system.map_empty");
  if (list.length > limits.maxFeatures)
    throw errors.field("file", "system.map_too_many_features", { count: list.length, max: limits.maxFeatures });
  let positions = 0;
  const features: ParsedFeature[] = [];
  list.forEach((f, i) => {
    const index = i + 1;
    const props = isObject(f) && isObject(f.properties) ? f.properties : {};
    const rawName = props.name ?? props.NAME ?? props.Name ?? "";
    const name = typeof rawName === "string" ? rawName.slice(0, 60) : "";
    const where = `第 ${index} 个要素${name ? `“${name}”` : ""}`;
    if (!isObject(f) || f.type !== "Feature" || !isObject(f.geometry))
      throw refuse(t("system.map_bad_feature", { where }));
    const g = f.geometry;
    if (g.type !== "Polygon" && g.type !== "MultiPolygon")
      throw refuse(t("system.map_bad_geometry_type", { where, type: String(g.type ?? "无").slice(0, 30) }));
    const polygon = (rings: unknown): Position[][] => {
      if (!Array.isArray(rings) || rings.length === 0) throw refuse(t("system.map_bad_coordinates", { where }));
      return rings.map((ring) => {
        if (!Array.isArray(ring) || ring.length < 4) throw refuse(t("system.map_bad_ring", { where }));
        positions += ring.length;
        if (positions > limits.maxPositions)
          throw errors.field("file", "system.map_too_many_positions", { max: limits.maxPositions });
        const out = ring.map((p): Position => {
          if (!Array.isArray(p) || p.length < 2 || p.length > 3)
            throw refuse(t("system.map_bad_coordinates", { where }));
          const [x, y] = p;
          if (
            typeof x !== "number" ||
            typeof y !== "number" ||
            !Number.isFinite(x) ||
            !Number.isFinite(y) ||
            x < -180 ||
            x > 180 ||
            y < -90 ||
            y > 90
          )
            throw refuse(t("system.map_bad_coordinates", { where }));
          return [x, y];
        });
        const a = out[0] as Position;
        const b = out[out.length - 1] as Position;
        if (a[0] !== b[0] || a[1] !== b[1]) throw refuse(t("system.map_bad_ring", { where }));
        return out;
      });
    };
    const coordinates =
      g.type === "Polygon"
        ? polygon(g.coordinates)
        : Array.isArray(g.coordinates) && g.coordinates.length > 0
          ? g.coordinates.map(polygon)
          : (() => {
              throw refuse(t("system.map_bad_coordinates", { where }));
            })();
    const rawCode = props[codeProperty];
    const code = typeof rawCode === "string" || typeof rawCode === "number" ? String(rawCode).trim().slice(0, 20) : "";
    features.push({ index, code, name, geometry: JSON.stringify({ type: g.type, coordinates }) });
  });
  return { features, positions };
}

/** The parse worker's task (Buffers travel as Uint8Array). */
export function parseGeoJsonTask(input: { content: Uint8Array; codeProperty: string }): ParsedMap {
  return parseGeoJson(input.content, input.codeProperty);
}
