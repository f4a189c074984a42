import { idParams, pageOf } from "../../../../contracts/common.js";
import {
  candidateCreate,
  candidateListQuery,
  candidateSchema,
  candidateUpdate,
} from "../../../../contracts/creation.js";
import type { Deps } from "../../../core/context.js";
import { type App, ctxOf } from "../../../core/http.js";
import { createCandidate, getCandidate, listCandidates, updateCandidate } from "../batch.service.js";
import { tags } from "./shared.js";

/** 示范创建: 培育库. */
export function candidateRoutes(app: App, deps: Deps) {
  app.get(
    "/api/creation/candidates",
    {
      config: { permission: "creation:read" },
      schema: { tags, summary: "培育库", querystring: candidateListQuery, response: { 200: pageOf(candidateSchema) } },
    },
    async (req) => listCandidates(ctxOf(deps, req), req.query),
  );
  app.post(
    "/api/creation/candidates",
    {
      config: { permission: "creation:manage" },
      schema: { tags, summary: "列入培育库", body: candidateCreate, response: { 200: candidateSchema } },
    },
    async (req) => createCandidate(ctxOf(deps, req), req.body),
  );
  app.get(
    "/api/creation/candidates/:id",
    {
      config: { permission: "creation:read" },
      schema: { tags, summary: "培育对象详情", params: idParams, response: { 200: candidateSchema } },
    },
    async (req) => getCandidate(ctxOf(deps, req), req.params.id),
  );
  app.patch(
    "/api/creation/candidates/:id",
    {
      config: { permission: "creation:manage" },
      schema: {
        tags,
        summary: "修改培育对象（指导单位、目标级别、移出/恢复）",
        params: idParams,
        body: candidateUpdate,
        response: { 200: candidateSchema },
      },
    },
    async (req) => updateCandidate(ctxOf(deps, req), req.params.id, req.body),
  );
}
