import { z } from "zod";
import { idParams, pageOf } from "../../../contracts/common.js";
import {
  categorySchema,
  objectionReceipt,
  objectionSubmit,
  publicMapQuery,
  publicMapSchema,
  publicNoticeQuery,
  publicNoticeSchema,
  publicObjectionStatus,
  publicUnitQuery,
  publicUnitSchema,
  trackingParams,
} from "../../../contracts/creation.js";
import type { Deps } from "../../core/context.js";
import type { App } from "../../core/http.js";
import { listCategories } from "./creation.service.js";
import { listPublicUnits, publicMap } from "./directory.service.js";
import { getObjectionByCode, getPublicNotice, listPublicNotices, submitObjection } from "./notice.service.js";

/**
 * The public portal's 示范创建 endpoints (no sign-in): published notices only (never drafts), objections within
 * the window, the directory and map of units whose designation is valid now. Nothing here returns personal
 * data, scores, or applications that are not on a published notice.
 */
export function creationPublicRoutes(app: App, deps: Deps, opts: { objectionRateLimit?: number } = {}) {
  const tags = ["公众门户"];
  app.get(
    "/api/public/creation/categories",
    {
      config: { public: true },
      schema: { tags, summary: "创建类别", response: { 200: z.array(categorySchema) } },
    },
    async () => listCategories(deps.db),
  );
  app.get(
    "/api/public/creation/notices",
    {
      config: { public: true },
      schema: {
        tags,
        summary: "公示公告（已发布）",
        querystring: publicNoticeQuery,
        response: { 200: pageOf(publicNoticeSchema) },
      },
    },
    async (req) => listPublicNotices(deps, req.query),
  );
  app.get(
    "/api/public/creation/notices/:id",
    {
      config: { public: true },
      schema: { tags, summary: "公示详情及名单", params: idParams, response: { 200: publicNoticeSchema } },
    },
    async (req) => getPublicNotice(deps, req.params.id),
  );
  app.post(
    "/api/public/creation/notices/:id/objections",
    {
      config: { public: true, rateLimit: { max: opts.objectionRateLimit ?? 10, timeWindow: "1 minute" } },
      schema: {
        tags,
        summary: "在公示期内提出异议（须留姓名和手机号码，仅用于核实，加密保存）",
        params: idParams,
        body: objectionSubmit,
        response: { 200: objectionReceipt },
      },
    },
    async (req) => submitObjection(deps, req.params.id, req.body),
  );
  app.get(
    "/api/public/creation/objections/:trackingCode",
    {
      config: { public: true },
      schema: {
        tags,
        summary: "凭查询码查看异议处理结果",
        params: trackingParams,
        response: { 200: publicObjectionStatus },
      },
    },
    async (req) => getObjectionByCode(deps, req.params.trackingCode),
  );
  app.get(
    "/api/public/creation/units",
    {
      config: { public: true },
      schema: {
        tags,
        summary: "示范单位（区）名录：当前有效的命名",
        querystring: publicUnitQuery,
        response: { 200: pageOf(publicUnitSchema) },
      },
    },
    async (req) => listPublicUnits(deps, req.query),
  );
  app.get(
    "/api/public/creation/map",
    {
      config: { public: true },
      schema: {
        tags,
        summary: "地图点位：各下级区划的有效命名数",
        querystring: publicMapQuery,
        response: { 200: publicMapSchema },
      },
    },
    async (req) => publicMap(deps, req.query),
  );
}
