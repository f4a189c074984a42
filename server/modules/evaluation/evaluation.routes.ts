import { idParams, pageOf } from "../../../contracts/common.js";
import {
  indicatorSetCopy,
  indicatorSetInput,
  indicatorSetListQuery,
  indicatorSetSummary,
  indicatorSetView,
  scoreSheetReturn,
  scoreSheetSave,
  scoreSheetView,
} from "../../../contracts/evaluation.js";
import type { Deps } from "../../core/context.js";
import { AppError } from "../../core/errors.js";
import { type App, ctxOf } from "../../core/http.js";
import { withImportLog } from "../../core/imports.js";
import { readUpload } from "../../core/upload.js";
import { attachment, XLSX_MIME } from "../../core/xlsx.js";
import { historyRoute } from "../audit/index.js";
import {
  copyIndicatorSet,
  createIndicatorSet,
  getIndicatorSet,
  getSheet,
  listIndicatorSets,
  publishIndicatorSet,
  returnSheet,
  saveSheet,
  submitSheet,
  updateIndicatorSet,
} from "./evaluation.service.js";
import { exportIndicatorXlsx, INDICATOR_TEMPLATE_NODES, importIndicatorXlsx } from "./indicator-xlsx.js";

export function evaluationRoutes(app: App, deps: Deps) {
  const tags = ["测评指标与评分"];
  app.get(
    "/api/indicator-sets",
    {
      config: { permission: "evaluation:read" },
      schema: {
        tags,
        summary: "指标体系列表（已发布的，以及本级及下级的草稿）",
        querystring: indicatorSetListQuery,
        response: { 200: pageOf(indicatorSetSummary) },
      },
    },
    async (req) => listIndicatorSets(ctxOf(deps, req), req.query),
  );
  app.post(
    "/api/indicator-sets",
    {
      config: { permission: "evaluation:manage" },
      schema: { tags, summary: "新建指标体系（草稿）", body: indicatorSetInput, response: { 200: indicatorSetView } },
    },
    async (req) => createIndicatorSet(ctxOf(deps, req), req.body),
  );
  app.post(
    "/api/indicator-sets/import",
    {
      config: { permission: "evaluation:manage" },
      schema: {
        tags,
        summary:
          "从 .xlsx 导入指标（multipart：file，以及 name、versionLabel、total、passLine、levels 字段），生成草稿",
        consumes: ["multipart/form-data"],
        response: { 200: indicatorSetView },
      },
    },
    async (req) => {
      const { file, fields } = await readUpload(req, { maxBytes: 5 * 1024 * 1024 });
      const ctx = ctxOf(deps, req);
      const leaves = (nodes: { children?: unknown[] }[]): number =>
        nodes.reduce((n, x) => n + (x.children?.length ? leaves(x.children as { children?: unknown[] }[]) : 1), 0);
      return withImportLog(
        ctx,
        { kind: "indicator_sets", fileName: file.fileName },
        async () => {
          const imported = await importIndicatorXlsx(file.content);
          if (!imported.ok) {
            throw new AppError(
              400,
              "IMPORT_FAILED",
              `导入文件有 ${new Set(imported.errors.map((e) => e.row)).size} 行错误，未导入任何指标`,
              { errors: imported.errors },
            );
          }
          const input = indicatorSetInput.safeParse({
            name: fields.name,
            versionLabel: fields.versionLabel,
            total: Number(fields.total),
            passLine: Number(fields.passLine),
            levels: (fields.levels ?? "").split(",").filter(Boolean),
            categories: (fields.categories ?? "").split(",").filter(Boolean),
            nodes: imported.nodes,
          });
          if (!input.success) {
            const { fromZodError } = await import("../../core/errors.js");
            throw fromZodError(input.error);
          }
          return createIndicatorSet(ctx, input.data);
        },
        (r) => ({ total: leaves(r.nodes), imported: leaves(r.nodes), summary: `生成指标体系草稿“${r.name}”` }),
      );
    },
  );
  app.get(
    "/api/indicator-sets/import-template",
    {
      config: { permission: "evaluation:manage" },
      schema: { tags, summary: "下载指标导入模板 .xlsx（含一个 100 分的示例）" },
    },
    async (_req, reply) =>
      reply
        .header("content-type", XLSX_MIME)
        .header("content-disposition", attachment("指标体系导入模板.xlsx"))
        .send(await exportIndicatorXlsx(INDICATOR_TEMPLATE_NODES, "指标体系")),
  );
  app.get(
    "/api/indicator-sets/:id",
    {
      config: { permission: "evaluation:read" },
      schema: { tags, summary: "指标体系详情（含指标树）", params: idParams, response: { 200: indicatorSetView } },
    },
    async (req) => getIndicatorSet(ctxOf(deps, req), req.params.id),
  );
  app.put(
    "/api/indicator-sets/:id",
    {
      config: { permission: "evaluation:manage" },
      schema: {
        tags,
        summary: "修改草稿（已发布的不能修改）",
        params: idParams,
        body: indicatorSetInput,
        response: { 200: indicatorSetView },
      },
    },
    async (req) => updateIndicatorSet(ctxOf(deps, req), req.params.id, req.body),
  );
  app.post(
    "/api/indicator-sets/:id/publish",
    {
      config: { permission: "evaluation:manage" },
      schema: { tags, summary: "发布（此后不可修改）", params: idParams, response: { 200: indicatorSetView } },
    },
    async (req) => publishIndicatorSet(ctxOf(deps, req), req.params.id),
  );
  app.post(
    "/api/indicator-sets/:id/copy",
    {
      config: { permission: "evaluation:manage" },
      schema: {
        tags,
        summary: "复制为新版本（草稿）",
        params: idParams,
        body: indicatorSetCopy,
        response: { 200: indicatorSetView },
      },
    },
    async (req) => copyIndicatorSet(ctxOf(deps, req), req.params.id, req.body.versionLabel),
  );
  app.get(
    "/api/indicator-sets/:id/export",
    { config: { permission: "evaluation:read" }, schema: { tags, summary: "导出 .xlsx", params: idParams } },
    async (req, reply) => {
      const set = await getIndicatorSet(ctxOf(deps, req), req.params.id);
      const buffer = await exportIndicatorXlsx(set.nodes, "指标体系");
      return reply
        .header("content-type", XLSX_MIME)
        .header("content-disposition", attachment(`${set.name}（${set.versionLabel}）.xlsx`))
        .send(buffer);
    },
  );
  historyRoute(app, deps, {
    path: "/api/indicator-sets/:id/history",
    permission: "evaluation:read",
    tags,
    summary: "操作记录",
    entity: "indicator_set",
    load: getIndicatorSet,
  });

  app.get(
    "/api/score-sheets/:id",
    {
      config: { permission: "evaluation:read" },
      schema: {
        tags,
        summary: "评分表（填写人或有审阅权限者可见；专家之间互不可见）",
        params: idParams,
        response: { 200: scoreSheetView },
      },
    },
    async (req) => getSheet(ctxOf(deps, req), req.params.id),
  );
  app.put(
    "/api/score-sheets/:id",
    {
      config: { permission: "evaluation:score" },
      schema: {
        tags,
        summary: "保存评分（草稿或被退回的评分表）",
        params: idParams,
        body: scoreSheetSave,
        response: { 200: scoreSheetView },
      },
    },
    async (req) => saveSheet(ctxOf(deps, req), req.params.id, req.body),
  );
  app.post(
    "/api/score-sheets/:id/submit",
    {
      config: { permission: "evaluation:score" },
      schema: { tags, summary: "提交并锁定（须全部指标已评分）", params: idParams, response: { 200: scoreSheetView } },
    },
    async (req) => {
      const ctx = ctxOf(deps, req);
      await submitSheet(ctx, req.params.id);
      return getSheet(ctx, req.params.id);
    },
  );
  app.post(
    "/api/score-sheets/:id/return",
    {
      config: { permission: "evaluation:review" },
      schema: {
        tags,
        summary: "退回重新评分（须说明原因）",
        params: idParams,
        body: scoreSheetReturn,
        response: { 200: scoreSheetView },
      },
    },
    async (req) => returnSheet(ctxOf(deps, req), req.params.id, req.body.reason),
  );
}
