import { idParams, okResult, pageOf } from "../../../../contracts/common.js";
import {
  coverageQuery,
  coverageSchema,
  targetCreate,
  targetListQuery,
  targetSchema,
  targetUpdate,
} from "../../../../contracts/creation.js";
import type { Deps } from "../../../core/context.js";
import { type App, ctxOf } from "../../../core/http.js";
import { coverage, createTarget, deleteTarget, listTargets, updateTarget } from "../target.service.js";
import { tags } from "./shared.js";

/** 示范创建: 目标任务与覆盖. */
export function targetRoutes(app: App, deps: Deps) {
  app.get(
    "/api/creation/targets",
    {
      config: { permission: "creation:read" },
      schema: {
        tags,
        summary: "目标任务及完成进度（有效命名实时统计）",
        querystring: targetListQuery,
        response: { 200: pageOf(targetSchema) },
      },
    },
    async (req) => listTargets(ctxOf(deps, req), req.query),
  );
  app.post(
    "/api/creation/targets",
    {
      config: { permission: "creation:manage" },
      schema: { tags, summary: "设定目标任务", body: targetCreate, response: { 200: targetSchema } },
    },
    async (req) => createTarget(ctxOf(deps, req), req.body),
  );
  app.patch(
    "/api/creation/targets/:id",
    {
      config: { permission: "creation:manage" },
      schema: { tags, summary: "修改目标任务", params: idParams, body: targetUpdate, response: { 200: targetSchema } },
    },
    async (req) => updateTarget(ctxOf(deps, req), req.params.id, req.body),
  );
  app.delete(
    "/api/creation/targets/:id",
    {
      config: { permission: "creation:manage" },
      schema: { tags, summary: "删除目标任务", params: idParams, response: { 200: okResult } },
    },
    async (req) => deleteTarget(ctxOf(deps, req), req.params.id),
  );
  app.get(
    "/api/creation/coverage",
    {
      config: { permission: "creation:read" },
      schema: {
        tags,
        summary: "“8+N进”覆盖矩阵：类别 × 下级区划的有效命名数（可逐级下钻）",
        querystring: coverageQuery,
        response: { 200: coverageSchema },
      },
    },
    async (req) => coverage(ctxOf(deps, req), req.query),
  );
}
