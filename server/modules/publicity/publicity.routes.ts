import { idParams, pageOf } from "../../../contracts/common.js";
import {
  publicityNoticeQuery,
  publicityNoticeSchema,
  publicityObjectionPublic,
  publicityObjectionSubmit,
  publicityReceipt,
  publicityTrackingParams,
} from "../../../contracts/publicity.js";
import type { Deps } from "../../core/context.js";
import type { App } from "../../core/http.js";
import { getPublicNotice, listPublicNotices } from "./publicity.service.js";
import { getObjectionByCode, submitObjection } from "./publicity-objection.service.js";

/**
 * The portal's side of the shared 公示/异议 (no sign-in): published notices of every owner (表彰 …), objections
 * within the window against the notice or one named item, the reply by tracking code. Staff routes live with
 * each owner, which applies its own access policy.
 */
export function publicityPublicRoutes(app: App, deps: Deps, opts: { objectionRateLimit?: number } = {}) {
  const tags = ["公众门户"];
  app.get(
    "/api/public/publicity/notices",
    {
      config: { public: true },
      schema: {
        tags,
        summary: "公示公告（表彰等，已发布）",
        querystring: publicityNoticeQuery,
        response: { 200: pageOf(publicityNoticeSchema) },
      },
    },
    async (req) => listPublicNotices(deps, req.query),
  );
  app.get(
    "/api/public/publicity/notices/:id",
    {
      config: { public: true },
      schema: { tags, summary: "公示详情及名单", params: idParams, response: { 200: publicityNoticeSchema } },
    },
    async (req) => getPublicNotice(deps, req.params.id),
  );
  app.post(
    "/api/public/publicity/notices/:id/objections",
    {
      config: { public: true, rateLimit: { max: opts.objectionRateLimit ?? 10, timeWindow: "1 minute" } },
      schema: {
        tags,
        summary: "在公示期内对公示或名单中的某一对象提出异议（须留姓名和手机号码，仅用于核实，加密保存）",
        params: idParams,
        body: publicityObjectionSubmit,
        response: { 200: publicityReceipt },
      },
    },
    async (req) => submitObjection(deps, req.params.id, req.body),
  );
  app.get(
    "/api/public/publicity/objections/:trackingCode",
    {
      config: { public: true },
      schema: {
        tags,
        summary: "凭查询码查看异议处理结果",
        params: publicityTrackingParams,
        response: { 200: publicityObjectionPublic },
      },
    },
    async (req) => getObjectionByCode(deps, req.params.trackingCode),
  );
}
