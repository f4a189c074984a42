import { z } from "zod";
import { errorBody, exportQueryOf, idParams, pageOf } from "../../../contracts/common.js";
import {
  dictItemSchema,
  orgCreate,
  orgImportResult,
  orgListQuery,
  orgSchema,
  orgUpdate,
  regionDetail,
  regionQuery,
  regionSchema,
} from "../../../contracts/org.js";
import type { Deps } from "../../core/context.js";
import { listDict } from "../../core/dict.js";
import { errors } from "../../core/errors.js";
import { type App, ctxOf } from "../../core/http.js";
import { withImportLog } from "../../core/imports.js";
import { readUpload } from "../../core/upload.js";
import { attachment, XLSX_MIME } from "../../core/xlsx.js";
import { historyRoute } from "../audit/index.js";
import { abbreviationRoutes } from "./abbreviation.routes.js";
import { importOrgs, orgExportXlsx, orgImportTemplate } from "./org.excel.js";
import { createOrg, getOrg, listOrgs, setOrgStatus, updateOrg } from "./org.service.js";
import { childRegions, getRegion, searchRegions } from "./region.service.js";

export function orgRoutes(app: App, deps: Deps) {
  app.get(
    "/api/regions",
    {
      config: { permission: "region:read" },
      schema: {
        tags: ["行政区划"],
        summary: "下级区划（parent）或按名称/代码搜索（q）；都不给时返回省级",
        querystring: regionQuery,
        response: { 200: z.array(regionSchema) },
      },
    },
    async (req) => {
      if (req.query.q) return searchRegions(deps.db, req.query.q, req.query.limit, req.query.parent);
      return childRegions(deps.db, req.query.parent ?? null);
    },
  );
  app.get(
    "/api/regions/:code",
    {
      config: { permission: "region:read" },
      schema: {
        tags: ["行政区划"],
        summary: "区划及其上级链",
        params: z.object({ code: regionQuery.shape.parent.unwrap() }),
        response: { 200: regionDetail, 404: errorBody },
      },
    },
    async (req) => {
      const region = await getRegion(deps.db, req.params.code);
      if (!region) throw errors.notFound("region");
      return region;
    },
  );

  app.get(
    "/api/dicts/:type",
    {
      config: { permission: "org:read" },
      schema: {
        tags: ["字典"],
        summary: "字典项",
        params: z.object({ type: z.enum(["org_type"]) }),
        response: { 200: z.array(dictItemSchema) },
      },
    },
    async (req) => listDict(deps.db, req.params.type),
  );

  app.get(
    "/api/orgs",
    {
      config: { permission: "org:read" },
      schema: {
        tags: ["组织机构"],
        summary: "组织机构列表（按数据范围）",
        querystring: orgListQuery,
        response: { 200: pageOf(orgSchema) },
      },
    },
    async (req) => listOrgs(ctxOf(deps, req), req.query),
  );
  app.get(
    "/api/orgs/export",
    {
      config: { permission: "org:export" },
      schema: {
        tags: ["组织机构"],
        summary: "按相同筛选条件导出 .xlsx",
        querystring: exportQueryOf(orgListQuery),
      },
    },
    async (req, reply) => {
      const { buffer } = await orgExportXlsx(ctxOf(deps, req), req.query);
      return reply
        .header("content-type", XLSX_MIME)
        .header("content-disposition", attachment("组织机构.xlsx"))
        .send(buffer);
    },
  );
  app.get(
    "/api/orgs/import-template",
    { config: { permission: "org:import" }, schema: { tags: ["组织机构"], summary: "下载导入模板 .xlsx" } },
    async (req, reply) => {
      const buffer = await orgImportTemplate(ctxOf(deps, req));
      return reply
        .header("content-type", XLSX_MIME)
        .header("content-disposition", attachment("组织机构导入模板.xlsx"))
        .send(buffer);
    },
  );
  app.post(
    "/api/orgs/import",
    {
      config: { permission: "org:import" },
      schema: {
        tags: ["组织机构"],
        summary: "从 .xlsx 导入（逐行校验；有错误则一行也不导入，返回每行的错误）",
        consumes: ["multipart/form-data"],
        response: { 200: orgImportResult },
      },
    },
    async (req) => {
      const { file } = await readUpload(req, { maxBytes: 5 * 1024 * 1024, maxFields: 0 });
      const ctx = ctxOf(deps, req);
      return withImportLog(
        ctx,
        { kind: "orgs", fileName: file.fileName },
        () => importOrgs(ctx, file.content),
        (r) => ({ total: r.imported, imported: r.imported, summary: `导入 ${r.imported} 个组织机构` }),
      );
    },
  );
  app.post(
    "/api/orgs",
    {
      config: { permission: "org:create" },
      schema: { tags: ["组织机构"], summary: "新增组织机构", body: orgCreate, response: { 200: orgSchema } },
    },
    async (req) => createOrg(ctxOf(deps, req), req.body),
  );
  app.get(
    "/api/orgs/:id",
    {
      config: { permission: "org:read" },
      schema: { tags: ["组织机构"], summary: "组织机构详情", params: idParams, response: { 200: orgSchema } },
    },
    async (req) => getOrg(ctxOf(deps, req), req.params.id),
  );
  app.patch(
    "/api/orgs/:id",
    {
      config: { permission: "org:update" },
      schema: {
        tags: ["组织机构"],
        summary: "修改组织机构",
        params: idParams,
        body: orgUpdate,
        response: { 200: orgSchema },
      },
    },
    async (req) => updateOrg(ctxOf(deps, req), req.params.id, req.body),
  );
  app.post(
    "/api/orgs/:id/disable",
    {
      config: { permission: "org:disable" },
      schema: {
        tags: ["组织机构"],
        summary: "停用（不删除；被引用的记录保持不变）",
        params: idParams,
        response: { 200: orgSchema },
      },
    },
    async (req) => setOrgStatus(ctxOf(deps, req), req.params.id, "disabled"),
  );
  historyRoute(app, deps, {
    path: "/api/orgs/:id/history",
    permission: "org:read",
    tags: ["组织机构"],
    summary: "操作记录（该机构的审计历史）",
    entity: "org",
    load: getOrg,
  });
  app.post(
    "/api/orgs/:id/enable",
    {
      config: { permission: "org:disable" },
      schema: { tags: ["组织机构"], summary: "重新启用", params: idParams, response: { 200: orgSchema } },
    },
    async (req) => setOrgStatus(ctxOf(deps, req), req.params.id, "active"),
  );
  abbreviationRoutes(app, deps);
}
