import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DashboardView } from "../../../contracts/insights.js";
import type { RegionMapRow, RegionMapUploadResult } from "../../../contracts/system.js";
import { type Client, login, twoBanners, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { multipartFile } from "../../test/hostile-files.js";
import { parseGeoJson } from "./geojson.js";

/*
 * 地图数据 (issue 16 §2): the system administrator loads a licensed GeoJSON for a level with its 审图号 and source;
 * features are matched to the division tree by the code property chosen, the others reported by name and code;
 * bad geometry, no match, an oversize file or a missing 审图号 change nothing; load, replace and remove are audited;
 * the dashboard then names the 审图号 and serves the lower regions' features within the caller's level only.
 * The squares below are made up for the test (never real boundaries).
 */
const square = (x: number, y: number, d = 0.2) => [
  [
    [x, y],
    [x + d, y],
    [x + d, y + d],
    [x, y + d],
    [x, y],
  ],
];
const feature = (props: Record<string, unknown>, geometry: unknown) => ({
  type: "Feature",
  properties: props,
  geometry,
});
const collection = (...features: unknown[]) => Buffer.from(JSON.stringify({ type: "FeatureCollection", features }));

let h: TestApp;
let admin: Client;
let houqi: Client;
let zhongqi: Client;
/** Two 苏木乡镇 of 科左后旗 and one of 科左中旗, from the division tree. */
let towns: { code: string; name: string }[];

beforeAll(async () => {
  h = await createTestApp({ start: "2026-09-20T02:00:00Z" });
  const f = await twoBanners(h);
  admin = f.admin;
  houqi = await login(h, "houqi_admin", USER_PASSWORD);
  zhongqi = await login(h, "zhongqi_admin", USER_PASSWORD);
  const rows = await h.deps.db.execute<{ code: string; name: string }>(sql`
    (select code, name from regions where parent_code = '150522' order by code limit 2)
    union all (select code, name from regions where parent_code = '150521' order by code limit 1)`);
  towns = rows.rows;
  expect(towns).toHaveLength(3);
});
afterAll(() => h?.close());

const upload = (c: Client, file: Buffer, fields: Record<string, string>, name = "苏木乡镇.geojson") =>
  c.req("/api/system/maps", { method: "POST", ...multipartFile(file, name, fields) });
const fields = (extra: Record<string, string> = {}) => ({
  mapLevel: "town",
  codeProperty: "adcode",
  approvalNo: "蒙S（2026）001号",
  source: "测试用示意数据",
  ...extra,
});
const townsFile = () =>
  collection(
    // A 12-digit adcode (150522100000) stands for the 9-digit 苏木 code.
    feature({ adcode: `${towns[0].code}000`, name: towns[0].name }, { type: "Polygon", coordinates: square(122, 43) }),
    feature(
      { adcode: Number(towns[1].code), name: towns[1].name },
      { type: "MultiPolygon", coordinates: [square(122.3, 43), square(122.6, 43, 0.1)] },
    ),
    feature({ adcode: towns[2].code, name: towns[2].name }, { type: "Polygon", coordinates: square(121, 44) }),
    feature({ adcode: "159999999", name: "不存在镇" }, { type: "Polygon", coordinates: square(120, 44) }),
    feature({ adcode: "150522", name: "科左后旗" }, { type: "Polygon", coordinates: square(120, 45) }),
    feature({ name: "无代码" }, { type: "Polygon", coordinates: square(120, 46) }),
  );
const auditRows = async () =>
  (
    await h.deps.db.execute<{ action: string; summary: string }>(
      sql`SELECT action, summary FROM audit_log WHERE entity = 'region_map' ORDER BY seq`,
    )
  ).rows;

describe("地图数据: loading a licensed GeoJSON", () => {
  it("previews without saving, then loads the matched features and reports the others by name and code", async () => {
    const preview = await upload(admin, townsFile(), fields({ preview: "true" }));
    expect(preview.statusCode, preview.body).toBe(200);
    const p = preview.json<RegionMapUploadResult>();
    expect(p).toMatchObject({ saved: false, matched: 3, map: null });
    expect(p.matchedNames).toEqual(towns.map((t) => t.name));
    expect(p.skipped.map((s) => [s.index, s.name, s.code])).toEqual([
      [4, "不存在镇", "159999999"],
      [5, "科左后旗", "150522"],
      [6, "无代码", ""],
    ]);
    expect(p.skipped[0].reason).toMatch(/没有这个代码/);
    expect(p.skipped[1].reason).toMatch(/苏木乡镇/);
    expect(await admin.json("/api/system/maps")).toEqual([]);
    expect(await auditRows()).toEqual([]);

    const res = await upload(admin, townsFile(), fields());
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<RegionMapUploadResult>();
    expect(r).toMatchObject({ saved: true, matched: 3, map: { mapLevel: "town", approvalNo: "蒙S（2026）001号" } });
    const list = await admin.json<RegionMapRow[]>("/api/system/maps");
    expect(list).toMatchObject([{ levelLabel: "苏木乡镇", featureCount: 3, source: "测试用示意数据" }]);
    const audit = await auditRows();
    expect(audit.map((a) => a.action)).toEqual(["region_map.upload"]);
    expect(audit[0].summary).toMatch(/审图号 蒙S（2026）001号，3 个区划，3 个要素未匹配/);
  });

  it("serves the dashboard's map of the caller's level only, with the 审图号", async () => {
    const board = await houqi.json<DashboardView>("/api/insights/dashboard");
    expect(board.map).toMatchObject({ approvalNo: "蒙S（2026）001号", count: 2, level: "苏木乡镇" });
    const res = await houqi.req(board.map!.url);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toMatch(/application\/json/);
    const geo = res.json();
    expect(geo.type).toBe("FeatureCollection");
    expect(geo.features.map((f: { properties: { code: string } }) => f.properties.code)).toEqual([
      towns[0].code,
      towns[1].code,
    ]);
    expect(geo.features[1].geometry.type).toBe("MultiPolygon");
    // Only what was checked is kept: the positions, not the file's other properties.
    expect(Object.keys(geo.features[0].properties).sort()).toEqual(["code", "name"]);
    // The same version again: not modified.
    const again = await houqi.req(board.map!.url, { headers: { "if-none-match": res.headers.etag as string } });
    expect(again.statusCode).toBe(304);

    const other = await zhongqi.json<DashboardView>("/api/insights/dashboard");
    expect(other.map?.count).toBe(1);
    const theirs = (await zhongqi.req(other.map!.url)).json();
    expect(theirs.features.map((f: { properties: { code: string } }) => f.properties.code)).toEqual([towns[2].code]);
    // Another level outside the caller's scope is refused, as the dashboard refuses it.
    expect((await zhongqi.req("/api/insights/map?regionCode=150522")).statusCode).toBe(400);
    // The 旗县 level above has no map loaded: the tile view.
    const city = await admin.json<DashboardView>("/api/insights/dashboard?regionCode=1505");
    expect(city.map).toBeNull();
  });

  it("refuses bad geometry, a file without any match, an oversize file and a missing 审图号, changing nothing", async () => {
    const bad: [Buffer, RegExp][] = [
      [Buffer.from("{not json"), /不是有效的 JSON/],
      [Buffer.from(JSON.stringify({ type: "Feature" })), /FeatureCollection/],
      [
        collection(feature({ adcode: towns[0].code, name: "点" }, { type: "Point", coordinates: [122, 43] })),
        /第 1 个要素“点”的几何类型为 Point/,
      ],
      [
        collection(
          feature({ adcode: towns[0].code }, { type: "Polygon", coordinates: square(122, 43) }),
          feature(
            { adcode: towns[1].code, name: "未闭合" },
            { type: "Polygon", coordinates: [square(122, 43)[0].slice(0, 4)] },
          ),
        ),
        /第 2 个要素“未闭合”的边界环不正确/,
      ],
      [collection(feature({ adcode: towns[0].code }, { type: "Polygon", coordinates: square(200, 43) })), /坐标不正确/],
      [
        collection(feature({ adcode: towns[0].code }, { type: "Polygon", coordinates: [[[122, "43"]]] })),
        /边界环不正确|坐标不正确/,
      ],
      [
        collection(feature({ code: towns[0].code }, { type: "Polygon", coordinates: square(122, 43) })),
        /没有一个要素的行政区划代码（属性 adcode）/,
      ],
    ];
    for (const [file, message] of bad) {
      const res = await upload(admin, file, fields({ approvalNo: "蒙S（2026）999号" }));
      expect(res.statusCode, res.body).toBe(400);
      const err = res.json().error;
      expect(err.details.fields[0].field).toBe("file");
      expect(err.details.fields[0].message).toMatch(message);
    }
    const big = Buffer.alloc(20 * 1024 * 1024 + 10, 0x20);
    const tooBig = await upload(admin, big, fields());
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().error.details.fields[0]).toMatchObject({ field: "file" });
    expect(tooBig.json().error.message).toMatch(/文件过大/);

    const noNumber = await upload(admin, townsFile(), fields({ approvalNo: "" }));
    expect(noNumber.statusCode).toBe(400);
    expect(noNumber.json().error.details.fields.map((f: { field: string }) => f.field)).toContain("approvalNo");
    const badLevel = await upload(admin, townsFile(), fields({ mapLevel: "village" }));
    expect(badLevel.statusCode).toBe(400);
    expect(badLevel.json().error.details.fields.map((f: { field: string }) => f.field)).toContain("mapLevel");

    expect(await admin.json<RegionMapRow[]>("/api/system/maps")).toMatchObject([{ approvalNo: "蒙S（2026）001号" }]);
    expect((await auditRows()).map((a) => a.action)).toEqual(["region_map.upload"]);
  });

  it("caps the features and the positions of a file", () => {
    const file = collection(
      feature({ adcode: "1" }, { type: "Polygon", coordinates: square(1, 1) }),
      feature({ adcode: "2" }, { type: "Polygon", coordinates: square(2, 2) }),
    );
    expect(parseGeoJson(file, "adcode", { maxFeatures: 2, maxPositions: 10 }).positions).toBe(10);
    expect(() => parseGeoJson(file, "adcode", { maxFeatures: 1, maxPositions: 10 })).toThrow(
      /要素有 2 个，超过上限 1 个/,
    );
    expect(() => parseGeoJson(file, "adcode", { maxFeatures: 2, maxPositions: 9 })).toThrow(/坐标点总数超过上限 9 个/);
  });

  it("is the system administrator's: others get 403 and nothing changes", async () => {
    for (const c of [houqi, zhongqi]) {
      const res = await upload(c, townsFile(), fields());
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({ code: "FORBIDDEN", details: { permission: "system:settings" } });
      expect((await c.req("/api/system/maps")).statusCode).toBe(403);
    }
    const [map] = await admin.json<RegionMapRow[]>("/api/system/maps");
    expect((await houqi.req(`/api/system/maps/${map.id}`, { method: "DELETE" })).statusCode).toBe(403);
    expect(await admin.json<RegionMapRow[]>("/api/system/maps")).toHaveLength(1);
  });

  it("replaces a level's map and removes it, each audited; the dashboard falls back to the tile view", async () => {
    const res = await upload(admin, townsFile(), fields({ approvalNo: "蒙S（2026）002号" }));
    expect(res.statusCode, res.body).toBe(200);
    const list = await admin.json<RegionMapRow[]>("/api/system/maps");
    expect(list).toMatchObject([{ approvalNo: "蒙S（2026）002号" }]);
    expect((await houqi.json<DashboardView>("/api/insights/dashboard")).map?.approvalNo).toBe("蒙S（2026）002号");

    expect((await admin.req(`/api/system/maps/${list[0].id}`, { method: "DELETE" })).statusCode).toBe(200);
    expect((await admin.req(`/api/system/maps/${list[0].id}`, { method: "DELETE" })).statusCode).toBe(404);
    expect(await admin.json("/api/system/maps")).toEqual([]);
    expect((await houqi.json<DashboardView>("/api/insights/dashboard")).map).toBeNull();
    expect((await houqi.req("/api/insights/map")).statusCode).toBe(404);
    const features = await h.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from region_map_features`);
    expect(features.rows[0].n).toBe(0);
    expect((await auditRows()).map((a) => a.action)).toEqual([
      "region_map.upload",
      "region_map.replace",
      "region_map.remove",
    ]);
  });
});
