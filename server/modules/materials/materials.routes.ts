import { z } from "zod";
import { idParams, pageOf } from "../../../contracts/common.js";
import {
  MAX_MATERIAL_BYTES,
  materialListQuery,
  materialSchema,
  materialUpdate,
  materialUploadFields,
  materialUploadResult,
} from "../../../contracts/materials.js";
import type { Deps } from "../../core/context.js";
import { fromZodError } from "../../core/errors.js";
import { type App, ctxOf } from "../../core/http.js";
import { readUpload } from "../../core/upload.js";
import { historyRoute } from "../audit/index.js";
import {
  getMaterial,
  listMaterials,
  listTags,
  materialFileHeaders,
  readMaterialFile,
  setMaterialStatus,
  updateMaterial,
  uploadMaterial,
} from "./materials.service.js";

export function materialsRoutes(app: App, deps: Deps) {
  app.get(
    "/api/materials",
    {
      config: { permission: "material:read" },
      schema: {
        tags: ["材料库"],
        summary: "材料列表（按数据范围）",
        querystring: materialListQuery,
        response: { 200: pageOf(materialSchema) },
      },
    },
    async (req) => listMaterials(ctxOf(deps, req), req.query),
  );
  app.get(
    "/api/materials/tags",
    {
      config: { permission: "material:read" },
      schema: { tags: ["材料库"], summary: "数据范围内已用的标签", response: { 200: z.array(z.string()) } },
    },
    async (req) => listTags(ctxOf(deps, req)),
  );
  app.post(
    "/api/materials",
    {
      config: { permission: "material:upload" },
      schema: {
        tags: ["材料库"],
        summary:
          "上传材料（multipart：file 与 title、materialDate、tags、description、orgId）；同一单位重复上传相同文件返回原记录",
        consumes: ["multipart/form-data"],
        response: { 200: materialUploadResult },
      },
    },
    async (req) => {
      const { file, fields } = await readUpload(req, { maxBytes: MAX_MATERIAL_BYTES });
      const tags = (fields.tags ?? "")
        .split(/[,，、]/)
        .map((tag) => tag.trim())
        .filter(Boolean);
      const parsed = materialUploadFields.safeParse({ ...fields, tags });
      if (!parsed.success) throw fromZodError(parsed.error);
      return uploadMaterial(ctxOf(deps, req), { ...parsed.data, ...file });
    },
  );
  app.get(
    "/api/materials/:id",
    {
      config: { permission: "material:read" },
      schema: { tags: ["材料库"], summary: "材料详情", params: idParams, response: { 200: materialSchema } },
    },
    async (req) => getMaterial(ctxOf(deps, req), req.params.id),
  );
  app.patch(
    "/api/materials/:id",
    {
      config: { permission: "material:update" },
      schema: {
        tags: ["材料库"],
        summary: "修改材料信息",
        params: idParams,
        body: materialUpdate,
        response: { 200: materialSchema },
      },
    },
    async (req) => updateMaterial(ctxOf(deps, req), req.params.id, req.body),
  );
  for (const [action, status, summary] of [
    ["archive", "archived", "归档（不删除；已引用处保持可追溯）"],
    ["restore", "active", "恢复已归档材料"],
  ] as const) {
    app.post(
      `/api/materials/:id/${action}`,
      {
        config: { permission: "material:archive" },
        schema: { tags: ["材料库"], summary, params: idParams, response: { 200: materialSchema } },
      },
      async (req) => setMaterialStatus(ctxOf(deps, req), req.params.id, status),
    );
  }
  app.get(
    "/api/materials/:id/download",
    {
      config: { permission: "material:read" },
      schema: { tags: ["材料库"], summary: "下载（记录审计）", params: idParams },
    },
    async (req, reply) => {
      const { material, content } = await readMaterialFile(ctxOf(deps, req), req.params.id, "download");
      return reply.headers(materialFileHeaders(material, "download")).send(content);
    },
  );
  app.get(
    "/api/materials/:id/preview",
    {
      config: { permission: "material:read" },
      schema: { tags: ["材料库"], summary: "在线预览（图片、PDF）", params: idParams },
    },
    async (req, reply) => {
      const { material, content } = await readMaterialFile(ctxOf(deps, req), req.params.id, "preview");
      return reply.headers(materialFileHeaders(material, "preview")).send(content);
    },
  );
  historyRoute(app, deps, {
    path: "/api/materials/:id/history",
    permission: "material:read",
    tags: ["材料库"],
    summary: "操作记录",
    entity: "material",
    load: getMaterial,
  });
}
