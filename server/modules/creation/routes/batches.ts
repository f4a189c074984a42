import { idParams, pageOf } from "../../../../contracts/common.js";
import { batchCreate, batchListQuery, batchSchema, batchUpdate } from "../../../../contracts/creation.js";
import type { Deps } from "../../../core/context.js";
import { type App, ctxOf } from "../../../core/http.js";
import { historyRoute } from "../../audit/index.js";
import { createBatch, getBatch, listBatches, loadBatch, setBatchStatus, updateBatch } from "../batch.service.js";
import { tags } from "./shared.js";

/** 示范创建: 申报批次. */
export function batchRoutes(app: App, deps: Deps) {
  app.get(
    "/api/creation/batches",
    {
      config: { permission: "creation:read" },
      schema: { tags, summary: "申报批次", querystring: batchListQuery, response: { 200: pageOf(batchSchema) } },
    },
    async (req) => listBatches(ctxOf(deps, req), req.query),
  );
  app.post(
    "/api/creation/batches",
    {
      config: { permission: "creation:manage" },
      schema: { tags, summary: "新建申报批次（筹备中）", body: batchCreate, response: { 200: batchSchema } },
    },
    async (req) => createBatch(ctxOf(deps, req), req.body),
  );
  app.get(
    "/api/creation/batches/:id",
    {
      config: { permission: "creation:read" },
      schema: { tags, summary: "申报批次详情", params: idParams, response: { 200: batchSchema } },
    },
    async (req) => getBatch(ctxOf(deps, req), req.params.id),
  );
  app.patch(
    "/api/creation/batches/:id",
    {
      config: { permission: "creation:manage" },
      schema: {
        tags,
        summary: "修改申报批次（开始申报后级别、类别、指标体系不可改）",
        params: idParams,
        body: batchUpdate,
        response: { 200: batchSchema },
      },
    },
    async (req) => updateBatch(ctxOf(deps, req), req.params.id, req.body),
  );
  for (const [action, summary] of [
    ["open", "开始申报（或恢复申报）"],
    ["close", "截止申报"],
  ] as const) {
    app.post(
      `/api/creation/batches/:id/${action}`,
      {
        config: { permission: "creation:manage" },
        schema: { tags, summary, params: idParams, response: { 200: batchSchema } },
      },
      async (req) => setBatchStatus(ctxOf(deps, req), req.params.id, action),
    );
  }
  historyRoute(app, deps, {
    path: "/api/creation/batches/:id/history",
    permission: "creation:read",
    tags,
    summary: "申报批次操作记录（审计）",
    entity: "creation_batch",
    load: (ctx, id) => loadBatch(ctx, id),
  });
}
