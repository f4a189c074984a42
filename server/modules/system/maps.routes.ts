import { z } from "zod";
import { idParams, okResult } from "../../../contracts/common.js";
import { REGION_MAP_LIMITS, regionMapRow, regionMapUpload, regionMapUploadResult } from "../../../contracts/system.js";
import type { Deps } from "../../core/context.js";
import { fromZodError } from "../../core/errors.js";
import { type App, ctxOf } from "../../core/http.js";
import { readUpload } from "../../core/upload.js";
import { listRegionMaps, removeRegionMap, uploadRegionMap } from "./maps.service.js";

/** 地图数据: the system administrator loads, replaces and removes the licensed boundary files of the dashboard's map. */
export function mapRoutes(app: App, deps: Deps) {
  const tags = ["地图数据"];
  const config = { permission: "system:settings" as const };
  app.get(
    "/api/system/maps",
    {
      config,
      schema: {
        tags,
        summary: "已加载的地图数据（每个层级一份，含审图号和来源）",
        response: { 200: z.array(regionMapRow) },
      },
    },
    async (req) => listRegionMaps(ctxOf(deps, req)),
  );
  app.post(
    "/api/system/maps",
    {
      config,
      schema: {
        tags,
        summary:
          "加载地图数据（multipart：file 为 GeoJSON 要素集合，不超过 20 MB，只接受 Polygon/MultiPolygon；mapLevel 层级、codeProperty 区划代码属性、approvalNo 审图号、source 来源；preview=true 只校验不保存）：与区划不符的要素逐个列出并略去；同一层级再次加载即替换；记入审计",
        consumes: ["multipart/form-data"],
        response: { 200: regionMapUploadResult },
      },
    },
    async (req) => {
      const { file, fields } = await readUpload(req, {
        maxBytes: REGION_MAP_LIMITS.maxBytes,
        maxFields: 6,
        fieldSize: 256,
      });
      const parsed = regionMapUpload.safeParse(fields);
      if (!parsed.success) throw fromZodError(parsed.error);
      return uploadRegionMap(ctxOf(deps, req), file, parsed.data);
    },
  );
  app.delete(
    "/api/system/maps/:id",
    {
      config,
      schema: {
        tags,
        summary: "删除一个层级的地图数据（驾驶舱恢复为方块图）；记入审计",
        params: idParams,
        response: { 200: okResult },
      },
    },
    async (req) => {
      await removeRegionMap(ctxOf(deps, req), req.params.id);
      return { ok: true as const };
    },
  );
}
