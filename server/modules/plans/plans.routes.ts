import { Readable } from "node:stream";
import { z } from "zod";
import { activityView } from "../../../contracts/activities.js";
import { auditEntrySchema, historyQuery } from "../../../contracts/audit.js";
import { idParams, pageOf, regionCode, uuid } from "../../../contracts/common.js";
import {
  evaluationDataQuery,
  evaluationReportQuery,
  findingInput,
  inspectionCreate,
  inspectionView,
  myTaskQuery,
  myTaskView,
  nodeDetailView,
  periodView,
  type RollupView,
  rectificationClose,
  rectificationListQuery,
  rectificationVerify,
  rectificationView,
  reportInput,
  reportListQuery,
  reportView,
  rollupQuery,
  rollupView,
  submissionPage,
  submissionQuery,
  todoList,
  todoQuery,
} from "../../../contracts/plan-progress.js";
import {
  type ImportPreview,
  importCommit,
  importPreview,
  nodeCreate,
  nodeMerge,
  nodeMove,
  nodeSplit,
  nodeUpdate,
  planCreate,
  planListQuery,
  planSummary,
  planUpdate,
  planView,
} from "../../../contracts/plans.js";
import type { Deps } from "../../core/context.js";
import { fromZodError } from "../../core/errors.js";
import { type App, contentDisposition, ctxOf, DOCX_MIME } from "../../core/http.js";
import { withImportLog } from "../../core/imports.js";
import { readUpload } from "../../core/upload.js";
import { XLSX_MIME } from "../../core/xlsx.js";
import { evidenceRoutes } from "../materials/index.js";
import { readPlanActivity, readPlanEvidence } from "./evidence.service.js";
import { exportEvaluation } from "./export.service.js";
import { commitImport, previewImport } from "./import.service.js";
import { createPlan, getPlan, listPlans, planHistory, updatePlan } from "./plan.service.js";
import {
  listMyTasks,
  listPeriods,
  listReports,
  listSubmissions,
  listTodos,
  nodeDetail,
  submitReport,
} from "./report.service.js";
import { rollupJson } from "./rollup.service.js";
import {
  addFinding,
  closeRectification,
  createInspection,
  getInspection,
  getRectification,
  listInspections,
  listRectifications,
  verifyRectification,
} from "./supervision.service.js";
import { addNode, deleteNode, mergeNodes, moveNode, splitNode, updateNode } from "./tree-edit.service.js";

const planNodeParams = z.object({ id: uuid, nodeId: uuid });
const planRectParams = z.object({ id: uuid, rectificationId: uuid });
const planActivityParams = z.object({ id: uuid, activityId: uuid });
const planInspectionParams = z.object({ id: uuid, inspectionId: uuid });
const previewFields = z.strictObject({ regionCode: regionCode.optional() });
/** A plan document: the largest real ones are a few hundred KB of text. */
const MAX_PLAN_FILE = 10 * 1024 * 1024;

function download(name: string, ext: string) {
  return contentDisposition(name, { fallback: `plan.${ext}` });
}

export function plansRoutes(app: App, deps: Deps) {
  const tags = ["规划实施监测"];

  // ---- plans
  app.get(
    "/api/plans",
    {
      config: { permission: "plan:read" },
      schema: {
        tags,
        summary: "规划列表（本级及下级区划的规划，以及本单位承担任务的规划）",
        querystring: planListQuery,
        response: { 200: pageOf(planSummary) },
      },
    },
    async (req) => listPlans(ctxOf(deps, req), req.query),
  );
  app.post(
    "/api/plans",
    {
      config: { permission: "plan:manage" },
      schema: { tags, summary: "新建规划（草稿，手工编制任务树）", body: planCreate, response: { 200: planView } },
    },
    async (req) => createPlan(ctxOf(deps, req), req.body),
  );
  app.post(
    "/api/plans/import/preview",
    {
      config: { permission: "plan:manage" },
      schema: {
        tags,
        summary:
          "导入预览（multipart：file 为 .docx 或 .txt，regionCode 可选）：识别章、节、专栏、任务和责任单位，逐个匹配机构；不保存任何数据",
        consumes: ["multipart/form-data"],
        response: { 200: importPreview },
      },
    },
    async (req, reply) => {
      const { file, fields } = await readUpload(req, { maxBytes: MAX_PLAN_FILE, maxFields: 5, fieldSize: 64 });
      const parsed = previewFields.safeParse(fields);
      if (!parsed.success) throw fromZodError(parsed.error);
      const chunks = await previewImport(
        ctxOf(deps, req),
        { name: file.fileName, content: file.content },
        parsed.data.regionCode,
      );
      // Already checked and serialised (the tree in the parse worker): sent as is, not serialised again here.
      return reply.type("application/json; charset=utf-8").send(Readable.from(chunks) as unknown as ImportPreview);
    },
  );
  app.post(
    "/api/plans/import/commit",
    {
      config: { permission: "plan:manage" },
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags,
        summary:
          "确认导入：提交（可修改的）预览树、规划信息和未匹配单位的对应关系，一次性建立规划、任务和责任分工；有未对应的单位名称时不保存",
        body: importCommit,
        response: { 200: planView },
      },
    },
    async (req) => {
      const ctx = ctxOf(deps, req);
      const tasks = (nodes: { children?: unknown[] }[]): number =>
        nodes.reduce((n, x) => n + 1 + (x.children ? tasks(x.children as { children?: unknown[] }[]) : 0), 0);
      return withImportLog(
        ctx,
        { kind: "plans", fileName: req.body.sourceFileName || req.body.title },
        () => commitImport(ctx, req.body),
        (p) => ({
          total: tasks(req.body.tree),
          imported: tasks(req.body.tree),
          summary: `导入规划“${p.title}”`,
        }),
      );
    },
  );
  app.get(
    "/api/plans/todos",
    {
      config: { permission: "plan:read" },
      schema: {
        tags,
        summary: "待办：临近或超过期限的进度报送、整改、整改核验、被提级督办的整改（默认本单位）",
        querystring: todoQuery,
        response: { 200: todoList },
      },
    },
    async (req) => listTodos(ctxOf(deps, req), req.query.orgId),
  );
  app.get(
    "/api/plans/my-tasks",
    {
      config: { permission: "plan:read" },
      schema: {
        tags,
        summary: "本单位承担的全部任务及最新进度",
        querystring: myTaskQuery,
        response: { 200: pageOf(myTaskView) },
      },
    },
    async (req) => listMyTasks(ctxOf(deps, req), req.query),
  );
  app.get(
    "/api/plans/:id",
    {
      config: { permission: "plan:read" },
      schema: {
        tags,
        summary: "规划详情与任务树（责任单位只看到提纲和本单位任务）",
        params: idParams,
        response: { 200: planView },
      },
    },
    async (req) => getPlan(ctxOf(deps, req), req.params.id),
  );
  app.patch(
    "/api/plans/:id",
    {
      config: { permission: "plan:manage" },
      schema: { tags, summary: "修改规划信息或状态", params: idParams, body: planUpdate, response: { 200: planView } },
    },
    async (req) => updatePlan(ctxOf(deps, req), req.params.id, req.body),
  );
  app.get(
    "/api/plans/:id/history",
    {
      config: { permission: "plan:read" },
      schema: {
        tags,
        summary: "操作记录（规划信息与任务树的每次修改）",
        params: idParams,
        querystring: historyQuery,
        response: { 200: pageOf(auditEntrySchema) },
      },
    },
    async (req) => planHistory(ctxOf(deps, req), req.params.id, req.query.page, req.query.pageSize),
  );
  app.get(
    "/api/plans/:id/periods",
    {
      config: { permission: "plan:read" },
      schema: { tags, summary: "报告期及报送期限", params: idParams, response: { 200: z.array(periodView) } },
    },
    async (req) => listPeriods(ctxOf(deps, req), req.params.id),
  );

  // ---- tree editing
  const editResult = z.object({ nodeId: z.string(), newNodeId: z.string().optional(), plan: planView });
  const withPlan = async (
    req: Parameters<typeof ctxOf>[1],
    planId: string,
    r: { nodeId: string; newNodeId?: string },
  ) => ({
    ...r,
    plan: await getPlan(ctxOf(deps, req), planId),
  });
  app.post(
    "/api/plans/:id/nodes",
    {
      config: { permission: "plan:manage" },
      schema: {
        tags,
        summary: "新增章、节、专栏、任务或条目",
        params: idParams,
        body: nodeCreate,
        response: { 200: editResult },
      },
    },
    async (req) => withPlan(req, req.params.id, await addNode(ctxOf(deps, req), req.params.id, req.body)),
  );
  app.post(
    "/api/plans/:id/nodes/merge",
    {
      config: { permission: "plan:manage" },
      schema: {
        tags,
        summary: "合并任务（第一项保留）",
        params: idParams,
        body: nodeMerge,
        response: { 200: editResult },
      },
    },
    async (req) => withPlan(req, req.params.id, await mergeNodes(ctxOf(deps, req), req.params.id, req.body)),
  );
  app.get(
    "/api/plans/:id/nodes/:nodeId",
    {
      config: { permission: "plan:read" },
      schema: {
        tags,
        summary: "任务详情与可见的进度报告（牵头单位可见各配合单位的报告）",
        params: planNodeParams,
        response: { 200: nodeDetailView },
      },
    },
    async (req) => nodeDetail(ctxOf(deps, req), req.params.id, req.params.nodeId),
  );
  app.patch(
    "/api/plans/:id/nodes/:nodeId",
    {
      config: { permission: "plan:manage" },
      schema: {
        tags,
        summary: "修改节点：内容、权重、期限、年度目标、量化指标、牵头和责任单位",
        params: planNodeParams,
        body: nodeUpdate,
        response: { 200: editResult },
      },
    },
    async (req) =>
      withPlan(req, req.params.id, await updateNode(ctxOf(deps, req), req.params.id, req.params.nodeId, req.body)),
  );
  app.post(
    "/api/plans/:id/nodes/:nodeId/move",
    {
      config: { permission: "plan:manage" },
      schema: {
        tags,
        summary: "移动节点（新的上级和位置）",
        params: planNodeParams,
        body: nodeMove,
        response: { 200: editResult },
      },
    },
    async (req) =>
      withPlan(req, req.params.id, await moveNode(ctxOf(deps, req), req.params.id, req.params.nodeId, req.body)),
  );
  app.post(
    "/api/plans/:id/nodes/:nodeId/split",
    {
      config: { permission: "plan:manage" },
      schema: {
        tags,
        summary: "拆分任务为两项",
        params: planNodeParams,
        body: nodeSplit,
        response: { 200: editResult },
      },
    },
    async (req) =>
      withPlan(req, req.params.id, await splitNode(ctxOf(deps, req), req.params.id, req.params.nodeId, req.body)),
  );
  app.delete(
    "/api/plans/:id/nodes/:nodeId",
    {
      config: { permission: "plan:manage" },
      schema: {
        tags,
        summary: "删除节点及其下级（保留历史和已报送的报告）",
        params: planNodeParams,
        response: { 200: editResult },
      },
    },
    async (req) => withPlan(req, req.params.id, await deleteNode(ctxOf(deps, req), req.params.id, req.params.nodeId)),
  );

  // ---- progress reports
  app.post(
    "/api/plans/:id/nodes/:nodeId/reports",
    {
      config: { permission: "plan:report" },
      schema: {
        tags,
        summary: "报送（或修改）本单位对该任务某一报告期的进度",
        params: planNodeParams,
        body: reportInput,
        response: { 200: reportView },
      },
    },
    async (req) => submitReport(ctxOf(deps, req), req.params.id, req.params.nodeId, req.body),
  );
  app.get(
    "/api/plans/:id/reports",
    {
      config: { permission: "plan:read" },
      schema: {
        tags,
        summary: "进度报告列表（责任单位：本单位的，以及本单位牵头任务的）",
        params: idParams,
        querystring: reportListQuery,
        response: { 200: pageOf(reportView) },
      },
    },
    async (req) => listReports(ctxOf(deps, req), req.params.id, req.query),
  );
  app.get(
    "/api/plans/:id/submissions",
    {
      config: { permission: "plan:read" },
      schema: {
        tags,
        summary: "报送情况：某一报告期各责任单位按时、逾期、未报",
        params: idParams,
        querystring: submissionQuery,
        response: { 200: submissionPage },
      },
    },
    async (req) => listSubmissions(ctxOf(deps, req), req.params.id, req.query),
  );
  app.get(
    "/api/plans/:id/rollup",
    {
      config: { permission: "plan:read" },
      schema: {
        tags,
        summary:
          "汇总：按章节、责任单位、地区的加权完成率，滞后任务，报送和整改情况（一分钟内且规划无变化时复用上次结果；fresh=true 重新计算）",
        params: idParams,
        querystring: rollupQuery,
        response: { 200: rollupView },
      },
    },
    async (req, reply) => {
      // Already checked against rollupView and serialized when computed (and cached as text): sent as is.
      const json = await rollupJson(ctxOf(deps, req), req.params.id, { fresh: req.query.fresh });
      return reply.type("application/json; charset=utf-8").send(json as unknown as RollupView);
    },
  );

  // ---- supervision
  app.get(
    "/api/plans/:id/inspections",
    {
      config: { permission: "plan:read" },
      schema: { tags, summary: "督查记录及整改事项", params: idParams, response: { 200: z.array(inspectionView) } },
    },
    async (req) => listInspections(ctxOf(deps, req), req.params.id),
  );
  app.post(
    "/api/plans/:id/inspections",
    {
      config: { permission: "plan:manage" },
      schema: {
        tags,
        summary: "登记督查及发现的问题（每个问题成为一项整改，指定整改单位和期限）",
        params: idParams,
        body: inspectionCreate,
        response: { 200: inspectionView },
      },
    },
    async (req) => createInspection(ctxOf(deps, req), req.params.id, req.body),
  );
  app.get(
    "/api/plans/:id/inspections/:inspectionId",
    {
      config: { permission: "plan:read" },
      schema: { tags, summary: "督查详情", params: planInspectionParams, response: { 200: inspectionView } },
    },
    async (req) => getInspection(ctxOf(deps, req), req.params.id, req.params.inspectionId),
  );
  app.post(
    "/api/plans/:id/inspections/:inspectionId/findings",
    {
      config: { permission: "plan:manage" },
      schema: {
        tags,
        summary: "为督查补充问题（成为一项整改）",
        params: planInspectionParams,
        body: findingInput,
        response: { 200: rectificationView },
      },
    },
    async (req) => addFinding(ctxOf(deps, req), req.params.id, req.params.inspectionId, req.body),
  );
  app.get(
    "/api/plans/:id/rectifications",
    {
      config: { permission: "plan:read" },
      schema: {
        tags,
        summary: "整改事项（责任单位：本单位的及提级到本单位的）",
        params: idParams,
        querystring: rectificationListQuery,
        response: { 200: pageOf(rectificationView) },
      },
    },
    async (req) => listRectifications(ctxOf(deps, req), req.params.id, req.query),
  );
  app.get(
    "/api/plans/:id/rectifications/:rectificationId",
    {
      config: { permission: "plan:read" },
      schema: { tags, summary: "整改事项详情", params: planRectParams, response: { 200: rectificationView } },
    },
    async (req) => getRectification(ctxOf(deps, req), req.params.id, req.params.rectificationId),
  );
  app.post(
    "/api/plans/:id/rectifications/:rectificationId/close",
    {
      config: { permission: "plan:report" },
      schema: {
        tags,
        summary: "整改单位提交整改情况和佐证材料",
        params: planRectParams,
        body: rectificationClose,
        response: { 200: rectificationView },
      },
    },
    async (req) => closeRectification(ctxOf(deps, req), req.params.id, req.params.rectificationId, req.body),
  );
  app.post(
    "/api/plans/:id/rectifications/:rectificationId/verify",
    {
      config: { permission: "plan:manage" },
      schema: {
        tags,
        summary: "督查单位核验整改（通过则销号，不通过退回并说明理由）",
        params: planRectParams,
        body: rectificationVerify,
        response: { 200: rectificationView },
      },
    },
    async (req) => verifyRectification(ctxOf(deps, req), req.params.id, req.params.rectificationId, req.body),
  );

  /*
   * 佐证材料 of a plan, for everyone who sees a report or rectification referencing it — the unit itself, the lead
   * unit of the task (its co-units' reports), the issuing department and upper levels — whatever their material
   * scope; anything else is a 404 (evidence.service.ts). Downloads are audited like library downloads.
   */
  evidenceRoutes(app, deps, {
    path: "/api/plans/:id/evidence/:evidenceId",
    permission: "plan:read",
    tags,
    summaries: {
      preview: "在线预览进度报告或整改的佐证材料（图片、PDF；能看到引用它的报告或整改事项者）",
      download: "下载进度报告或整改的佐证材料（记录审计；能看到引用它的报告或整改事项者）",
    },
    read: readPlanEvidence,
  });
  app.get(
    "/api/plans/:id/activities/:activityId",
    {
      config: { permission: "plan:read" },
      schema: {
        tags,
        summary: "查看进度报告引用的活动记录（能看到引用它的报告者；照片和附件经本规划的佐证材料路由打开）",
        params: planActivityParams,
        response: { 200: activityView },
      },
    },
    async (req) => readPlanActivity(ctxOf(deps, req), req.params.id, req.params.activityId),
  );

  // ---- exports
  app.get(
    "/api/plans/:id/evaluation-report",
    {
      config: { permission: "plan:export" },
      schema: {
        tags,
        summary: "生成评估报告 .docx（kind=midterm 中期评估，final 总结评估）",
        params: idParams,
        querystring: evaluationReportQuery,
      },
    },
    async (req, reply) => {
      const { content, fileName } = await exportEvaluation(ctxOf(deps, req), req.params.id, "docx", req.query.kind);
      return reply
        .header("content-type", DOCX_MIME)
        .header("content-disposition", download(fileName, "docx"))
        .send(content);
    },
  );
  app.get(
    "/api/plans/:id/export",
    {
      config: { permission: "plan:export" },
      schema: {
        tags,
        summary: "导出评估数据 .xlsx（概况、章节、单位、地区、滞后任务、整改；截至 kind 所指评估期末，默认总结评估）",
        params: idParams,
        querystring: evaluationDataQuery,
      },
    },
    async (req, reply) => {
      const { content, fileName } = await exportEvaluation(ctxOf(deps, req), req.params.id, "xlsx", req.query.kind);
      return reply
        .header("content-type", XLSX_MIME)
        .header("content-disposition", download(fileName, "xlsx"))
        .send(content);
    },
  );
}
