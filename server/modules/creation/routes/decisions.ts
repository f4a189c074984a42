import { idParams, pageOf } from "../../../../contracts/common.js";
import { decisionCreate, decisionListQuery, decisionSchema } from "../../../../contracts/creation.js";
import type { Deps } from "../../../core/context.js";
import { type App, contentDisposition, ctxOf } from "../../../core/http.js";
import { createDecision, getDecision, listDecisions } from "../decision.service.js";
import { DOCX_MIME, decisionDocx } from "../exports.js";
import { tags } from "./shared.js";

/** 示范创建: 命名决定. */
export function decisionRoutes(app: App, deps: Deps) {
  app.get(
    "/api/creation/decisions",
    {
      config: { permission: "creation:read" },
      schema: { tags, summary: "命名决定", querystring: decisionListQuery, response: { 200: pageOf(decisionSchema) } },
    },
    async (req) => listDecisions(ctxOf(deps, req), req.query),
  );
  app.post(
    "/api/creation/decisions",
    {
      config: { permission: "creation:manage" },
      schema: {
        tags,
        summary: "作出命名决定（文号、命名日期；公示期满且无未答复异议的申报），生成证书编号",
        body: decisionCreate,
        response: { 200: decisionSchema },
      },
    },
    async (req) => createDecision(ctxOf(deps, req), req.body),
  );
  app.get(
    "/api/creation/decisions/:id",
    {
      config: { permission: "creation:read" },
      schema: { tags, summary: "命名决定详情", params: idParams, response: { 200: decisionSchema } },
    },
    async (req) => getDecision(ctxOf(deps, req), req.params.id),
  );
  app.get(
    "/api/creation/decisions/:id/docx",
    {
      config: { permission: "creation:export" },
      schema: { tags, summary: "导出命名决定及名单 .docx", params: idParams },
    },
    async (req, reply) => {
      const { buffer, fileName } = await decisionDocx(ctxOf(deps, req), req.params.id);
      return reply
        .header("content-type", DOCX_MIME)
        .header("content-disposition", contentDisposition(fileName, { fallback: "decision.docx" }))
        .send(buffer);
    },
  );
}
