import { z } from "zod";
import {
  publicGuides,
  publicGuidesQuery,
  publicRequestCreate,
  publicRequestReceipt,
  publicRequestStatus,
  publicWindowView,
  rateInput,
  reopenInput,
  SERVICE_CATEGORY_DICT,
  trackingParams,
} from "../../../contracts/services.js";
import type { Deps } from "../../core/context.js";
import { listDict } from "../../core/dict.js";
import type { App } from "../../core/http.js";
import { publicGuides as guidesOf } from "./guides.service.js";
import { getPublicStatus, listPublicWindows, ratePublic, reopenPublic, submitPublicRequest } from "./public.service.js";

/**
 * The portal's 服务台 (no sign-in): windows and categories to choose from, submission (rate-limited, with the
 * privacy notice accepted), and everything else by tracking code only — status, answer, rating, reopening and
 * the list of staff accesses to the person's data.
 */
export function servicesPublicRoutes(app: App, deps: Deps, opts: { rateLimit?: number } = {}) {
  const tags = ["公众门户"];
  const limited = { public: true as const, rateLimit: { max: opts.rateLimit ?? 10, timeWindow: "1 minute" } };
  app.get(
    "/api/public/services/options",
    {
      config: { public: true },
      schema: {
        tags,
        summary: "可选择的服务窗口和服务类别",
        response: {
          200: z.object({
            windows: z.array(publicWindowView),
            categories: z.array(z.object({ code: z.string(), label: z.string() })),
          }),
        },
      },
    },
    async () => ({
      windows: await listPublicWindows(deps),
      categories: (await listDict(deps.db, SERVICE_CATEGORY_DICT)).map(({ code, label }) => ({ code, label })),
    }),
  );
  app.get(
    "/api/public/services/guides",
    {
      config: { public: true },
      schema: {
        tags,
        summary: "服务指南：服务内容、办理条件、所需材料、办理流程、注意事项和办理时限（已发布的）",
        querystring: publicGuidesQuery,
        response: { 200: publicGuides },
      },
    },
    async (req) => guidesOf(deps, req.query.region),
  );
  app.post(
    "/api/public/services/requests",
    {
      config: limited,
      schema: {
        tags,
        summary: "网上提交服务申请（须同意个人信息保护告知）",
        body: publicRequestCreate,
        response: { 200: publicRequestReceipt },
      },
    },
    async (req) => submitPublicRequest(deps, req.body),
  );
  app.get(
    "/api/public/services/requests/:code",
    {
      config: limited,
      schema: {
        tags,
        summary: "凭查询码查看办理进度、答复和个人信息访问记录",
        params: trackingParams,
        response: { 200: publicRequestStatus },
      },
    },
    async (req) => getPublicStatus(deps, req.params.code),
  );
  app.post(
    "/api/public/services/requests/:code/rate",
    {
      config: limited,
      schema: {
        tags,
        summary: "评价服务（满意/基本满意/不满意，可注明部分解决）",
        params: trackingParams,
        body: rateInput,
        response: { 200: publicRequestStatus },
      },
    },
    async (req) => ratePublic(deps, req.params.code, req.body),
  );
  app.post(
    "/api/public/services/requests/:code/reopen",
    {
      config: limited,
      schema: {
        tags,
        summary: "在规定期限内申请重新办理",
        params: trackingParams,
        body: reopenInput,
        response: { 200: publicRequestStatus },
      },
    },
    async (req) => reopenPublic(deps, req.params.code, req.body.reason),
  );
}
