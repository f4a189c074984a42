import { z } from "zod";
import { idParams, okResult, pageOf } from "../../../contracts/common.js";
import {
  applicationCreate,
  applicationDetail,
  applicationListQuery,
  applicationSummary,
  applicationUpdate,
  assignmentDetail,
  assignmentSchema,
  batchCreate,
  batchListQuery,
  batchSchema,
  batchUpdate,
  candidateCreate,
  candidateListQuery,
  candidateSchema,
  candidateUpdate,
  categorySchema,
  coverageQuery,
  coverageSchema,
  decisionCreate,
  decisionListQuery,
  decisionSchema,
  designationDetail,
  designationListQuery,
  designationRegister,
  designationSchema,
  expertAssign,
  expertParams,
  expertQuery,
  expertSchema,
  finalizeBody,
  noticeCreate,
  noticeListQuery,
  noticePublish,
  noticeSchema,
  objectionInvestigate,
  objectionListQuery,
  objectionReply,
  objectionRevealQuery,
  objectionSchema,
  reasonBody,
  reverificationDecide,
  reverificationSchema,
  reviewOpinion,
  revokeBody,
  selfCheckCreate,
  selfCheckSchema,
  siteVisitCreate,
  targetCreate,
  targetListQuery,
  targetSchema,
  targetUpdate,
  todoList,
} from "../../../contracts/creation.js";
import type { Deps } from "../../core/context.js";
import { type App, ctxOf } from "../../core/http.js";
import { XLSX_MIME } from "../../core/xlsx.js";
import { historyRoute } from "../audit/history.route.js";
import { evidenceRoutes } from "../materials/evidence.route.js";
import {
  acceptApplication,
  assignExperts,
  createApplication,
  finalizeApplication,
  getApplication,
  getAssignment,
  listApplications,
  listAssignments,
  listExperts,
  loadApplication,
  recommendApplication,
  recordSiteVisit,
  rejectApplication,
  returnApplication,
  submitApplication,
  updateApplication,
  withdrawApplication,
  withdrawExpert,
} from "./application.service.js";
import {
  createBatch,
  createCandidate,
  getBatch,
  getCandidate,
  listBatches,
  listCandidates,
  loadBatch,
  setBatchStatus,
  updateBatch,
  updateCandidate,
} from "./batch.service.js";
import { certificatePdfRoute } from "./certificate-pdf.route.js";
import { listCategories } from "./creation.service.js";
import {
  createDecision,
  createSelfCheck,
  decideReverification,
  getDecision,
  getDesignation,
  getReverification,
  getSelfCheck,
  listDecisions,
  listDesignations,
  loadDesignation,
  registerDesignation,
  revokeDesignation,
  submitReverification,
  submitSelfCheck,
} from "./designation.service.js";
import { readApplicationEvidence } from "./evidence.service.js";
import { applicationsXlsx, certificateDocx, DOCX_MIME, decisionDocx, designationsXlsx } from "./exports.js";
import {
  createNotice,
  getNotice,
  getObjection,
  investigateObjection,
  listNotices,
  listObjections,
  publishNotice,
  replyObjection,
  revealObjectionField,
} from "./notice.service.js";
import { coverage, createTarget, deleteTarget, listTargets, updateTarget } from "./target.service.js";
import { listTodos } from "./todo.service.js";

/** Content-Disposition with an RFC 5987 UTF-8 file name. */
function download(fileName: string, fallback: string) {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** The signed-in routes of 示范创建; the no-login portal routes are in public.routes.ts. */
export function creationRoutes(app: App, deps: Deps) {
  const tags = ["示范创建"];
  const exportQuery = <T extends z.ZodObject>(q: T) => q.omit({ page: true, pageSize: true });

  app.get(
    "/api/creation/categories",
    {
      config: { permission: "creation:read" },
      schema: { tags, summary: "创建类别（“8+N进”字典）", response: { 200: z.array(categorySchema) } },
    },
    async () => listCategories(deps.db),
  );
  app.get(
    "/api/creation/todos",
    {
      config: { signedIn: true },
      schema: {
        tags,
        summary: "我的待办：待推荐/受理、待修改、待评分、待审定、未答复异议、复验、到期提醒、逾期自查、截止提醒",
        response: { 200: todoList },
      },
    },
    async (req) => listTodos(ctxOf(deps, req)),
  );

  // ---- 培育库
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

  // ---- 申报批次
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

  // ---- 申报
  app.get(
    "/api/creation/applications",
    {
      config: { permission: "creation:read" },
      schema: {
        tags,
        summary: "申报列表（本单位的全部申报；本级及下级已提交的申报）",
        querystring: applicationListQuery,
        response: { 200: pageOf(applicationSummary) },
      },
    },
    async (req) => listApplications(ctxOf(deps, req), req.query),
  );
  app.get(
    "/api/creation/applications/export",
    {
      config: { permission: "creation:export" },
      schema: { tags, summary: "按相同筛选条件导出申报 .xlsx", querystring: exportQuery(applicationListQuery) },
    },
    async (req, reply) => {
      const buffer = await applicationsXlsx(ctxOf(deps, req), req.query);
      return reply
        .header("content-type", XLSX_MIME)
        .header("content-disposition", download("示范创建申报.xlsx", "applications.xlsx"))
        .send(buffer);
    },
  );
  app.post(
    "/api/creation/applications",
    {
      config: { permission: "creation:apply" },
      schema: {
        tags,
        summary: "填写申报（草稿）；同时生成自评表",
        body: applicationCreate,
        response: { 200: applicationDetail },
      },
    },
    async (req) => createApplication(ctxOf(deps, req), req.body),
  );
  app.get(
    "/api/creation/applications/:id",
    {
      config: { permission: "creation:read" },
      schema: {
        tags,
        summary: "申报详情（审核记录、自评、实地考察；组织单位可见专家评分）",
        params: idParams,
        response: { 200: applicationDetail },
      },
    },
    async (req) => getApplication(ctxOf(deps, req), req.params.id),
  );
  app.patch(
    "/api/creation/applications/:id",
    {
      config: { permission: "creation:apply" },
      schema: {
        tags,
        summary: "修改申报（草稿或退回修改时）",
        params: idParams,
        body: applicationUpdate,
        response: { 200: applicationDetail },
      },
    },
    async (req) => updateApplication(ctxOf(deps, req), req.params.id, req.body),
  );
  app.post(
    "/api/creation/applications/:id/submit",
    {
      config: { permission: "creation:apply" },
      schema: {
        tags,
        summary: "提交申报（须先提交自评表且达到合格线、无一票否决项）",
        params: idParams,
        response: { 200: applicationDetail },
      },
    },
    async (req) => submitApplication(ctxOf(deps, req), req.params.id),
  );
  app.post(
    "/api/creation/applications/:id/withdraw",
    {
      config: { permission: "creation:apply" },
      schema: {
        tags,
        summary: "撤回申报（须说明原因）",
        params: idParams,
        body: reasonBody,
        response: { 200: applicationDetail },
      },
    },
    async (req) => withdrawApplication(ctxOf(deps, req), req.params.id, req.body.reason),
  );
  app.post(
    "/api/creation/applications/:id/recommend",
    {
      config: { permission: "creation:review" },
      schema: {
        tags,
        summary: "推荐至上一级（仅当前审核层级的民族工作部门）",
        params: idParams,
        body: reviewOpinion,
        response: { 200: applicationDetail },
      },
    },
    async (req) => recommendApplication(ctxOf(deps, req), req.params.id, req.body.opinion),
  );
  app.post(
    "/api/creation/applications/:id/return",
    {
      config: { permission: "creation:review" },
      schema: {
        tags,
        summary: "退回申报单位修改（须说明原因）",
        params: idParams,
        body: reasonBody,
        response: { 200: applicationDetail },
      },
    },
    async (req) => returnApplication(ctxOf(deps, req), req.params.id, req.body.reason),
  );
  app.post(
    "/api/creation/applications/:id/accept",
    {
      config: { permission: "creation:review" },
      schema: {
        tags,
        summary: "受理（批次组织单位所在层级）",
        params: idParams,
        body: reviewOpinion,
        response: { 200: applicationDetail },
      },
    },
    async (req) => acceptApplication(ctxOf(deps, req), req.params.id, req.body.opinion),
  );
  app.post(
    "/api/creation/applications/:id/experts",
    {
      config: { permission: "creation:manage" },
      schema: {
        tags,
        summary: "分配测评专家（为每位专家生成评分表）",
        params: idParams,
        body: expertAssign,
        response: { 200: applicationDetail },
      },
    },
    async (req) => assignExperts(ctxOf(deps, req), req.params.id, req.body.userIds),
  );
  app.post(
    "/api/creation/applications/:id/experts/:userId/withdraw",
    {
      config: { permission: "creation:manage" },
      schema: {
        tags,
        summary: "撤回尚未提交评分的测评专家（须说明原因）",
        params: expertParams,
        body: reasonBody,
        response: { 200: applicationDetail },
      },
    },
    async (req) => withdrawExpert(ctxOf(deps, req), req.params.id, req.params.userId, req.body.reason),
  );
  app.post(
    "/api/creation/applications/:id/site-visits",
    {
      config: { permission: "creation:manage" },
      schema: {
        tags,
        summary: "记录实地考察（佐证材料取自材料库）",
        params: idParams,
        body: siteVisitCreate,
        response: { 200: applicationDetail },
      },
    },
    async (req) => recordSiteVisit(ctxOf(deps, req), req.params.id, req.body),
  );
  app.post(
    "/api/creation/applications/:id/finalize",
    {
      config: { permission: "creation:manage" },
      schema: {
        tags,
        summary: "审定：计算专家最终得分（5 位及以上去掉最高最低分），一票否决项未通过即不予命名",
        params: idParams,
        body: finalizeBody,
        response: { 200: applicationDetail },
      },
    },
    async (req) => finalizeApplication(ctxOf(deps, req), req.params.id, req.body.note),
  );
  app.post(
    "/api/creation/applications/:id/reject",
    {
      config: { permission: "creation:manage" },
      schema: {
        tags,
        summary: "不予命名（须说明原因）",
        params: idParams,
        body: reasonBody,
        response: { 200: applicationDetail },
      },
    },
    async (req) => rejectApplication(ctxOf(deps, req), req.params.id, req.body.reason),
  );
  historyRoute(app, deps, {
    path: "/api/creation/applications/:id/history",
    permission: "creation:read",
    tags,
    summary: "操作记录（审计）",
    entity: "creation_application",
    load: loadApplication,
  });
  /*
   * 佐证材料 of one application, for everyone who may read it — the applicant unit, departments reviewing it in
   * their creation:read scope, and the experts actively assigned to it (who hold no material:read): only the
   * materials this application references (its evidence, its self-assessment's per-item evidence, its site
   * visits'); anything else is a 404. evaluation:read is the one permission units, departments and experts all
   * hold; the service applies the real rule (evidence.service.ts). Downloads are audited like library downloads.
   */
  evidenceRoutes(app, deps, {
    path: "/api/creation/applications/:id/evidence/:evidenceId",
    permission: "evaluation:read",
    tags,
    summaries: {
      preview: "在线预览申报的佐证材料（图片、PDF；能查看该申报的单位、审核部门和分配的测评专家）",
      download: "下载申报的佐证材料（记录审计；能查看该申报的单位、审核部门和分配的测评专家）",
    },
    read: readApplicationEvidence,
  });
  app.get(
    "/api/creation/experts",
    {
      config: { permission: "creation:manage" },
      schema: { tags, summary: "测评专家库", querystring: expertQuery, response: { 200: z.array(expertSchema) } },
    },
    async (req) => listExperts(ctxOf(deps, req), req.query.q),
  );

  // ---- 专家：本人的测评任务
  app.get(
    "/api/creation/assignments",
    {
      config: { permission: "evaluation:score" },
      schema: { tags, summary: "我的测评任务（专家）", response: { 200: z.array(assignmentSchema) } },
    },
    async (req) => listAssignments(ctxOf(deps, req)),
  );
  app.get(
    "/api/creation/assignments/:id",
    {
      config: { permission: "evaluation:score" },
      schema: {
        tags,
        summary: "测评任务详情（按申报标识；提交本人评分后才显示其他专家的总分）",
        params: idParams,
        response: { 200: assignmentDetail },
      },
    },
    async (req) => getAssignment(ctxOf(deps, req), req.params.id),
  );

  // ---- 公示与异议
  app.get(
    "/api/creation/notices",
    {
      config: { permission: "creation:read" },
      schema: { tags, summary: "公示", querystring: noticeListQuery, response: { 200: pageOf(noticeSchema) } },
    },
    async (req) => listNotices(ctxOf(deps, req), req.query),
  );
  app.post(
    "/api/creation/notices",
    {
      config: { permission: "creation:manage" },
      schema: { tags, summary: "拟定公示（审定通过的申报）", body: noticeCreate, response: { 200: noticeSchema } },
    },
    async (req) => createNotice(ctxOf(deps, req), req.body),
  );
  app.get(
    "/api/creation/notices/:id",
    {
      config: { permission: "creation:read" },
      schema: { tags, summary: "公示详情", params: idParams, response: { 200: noticeSchema } },
    },
    async (req) => getNotice(ctxOf(deps, req), req.params.id),
  );
  app.post(
    "/api/creation/notices/:id/publish",
    {
      config: { permission: "creation:manage" },
      schema: {
        tags,
        summary: "发布公示（按工作日计算公示期）",
        params: idParams,
        body: noticePublish,
        response: { 200: noticeSchema },
      },
    },
    async (req) => publishNotice(ctxOf(deps, req), req.params.id, req.body.startsOn),
  );
  app.get(
    "/api/creation/objections",
    {
      config: { permission: "creation:manage" },
      schema: {
        tags,
        summary: "异议（异议人姓名、电话脱敏显示）",
        querystring: objectionListQuery,
        response: { 200: pageOf(objectionSchema) },
      },
    },
    async (req) => listObjections(ctxOf(deps, req), req.query),
  );
  app.get(
    "/api/creation/objections/:id",
    {
      config: { permission: "creation:manage" },
      schema: { tags, summary: "异议详情", params: idParams, response: { 200: objectionSchema } },
    },
    async (req) => getObjection(ctxOf(deps, req), req.params.id),
  );
  app.get(
    "/api/creation/objections/:id/reveal",
    {
      config: { permission: "creation:manage" },
      schema: {
        tags,
        summary: "查看异议人完整姓名或电话（记录审计）",
        params: idParams,
        querystring: objectionRevealQuery,
        response: { 200: z.object({ field: z.string(), value: z.string() }) },
      },
    },
    async (req) => revealObjectionField(ctxOf(deps, req), req.params.id, req.query.field),
  );
  app.post(
    "/api/creation/objections/:id/investigate",
    {
      config: { permission: "creation:manage" },
      schema: {
        tags,
        summary: "记录调查情况",
        params: idParams,
        body: objectionInvestigate,
        response: { 200: objectionSchema },
      },
    },
    async (req) => investigateObjection(ctxOf(deps, req), req.params.id, req.body.note),
  );
  app.post(
    "/api/creation/objections/:id/reply",
    {
      config: { permission: "creation:manage" },
      schema: {
        tags,
        summary: "答复异议并确定对命名的影响（不影响/撤回申请/不予命名）",
        params: idParams,
        body: objectionReply,
        response: { 200: objectionSchema },
      },
    },
    async (req) => replyObjection(ctxOf(deps, req), req.params.id, req.body.reply, req.body.effect),
  );

  // ---- 命名决定
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
        .header("content-disposition", download(fileName, "decision.docx"))
        .send(buffer);
    },
  );

  // ---- 命名（示范单位/区）
  app.get(
    "/api/creation/designations",
    {
      config: { permission: "creation:read" },
      schema: {
        tags,
        summary: "命名单位（有效/复验中/已撤销/已到期）",
        querystring: designationListQuery,
        response: { 200: pageOf(designationSchema) },
      },
    },
    async (req) => listDesignations(ctxOf(deps, req), req.query),
  );
  app.get(
    "/api/creation/designations/export",
    {
      config: { permission: "creation:export" },
      schema: { tags, summary: "按相同筛选条件导出命名单位 .xlsx", querystring: exportQuery(designationListQuery) },
    },
    async (req, reply) => {
      const buffer = await designationsXlsx(ctxOf(deps, req), req.query);
      return reply
        .header("content-type", XLSX_MIME)
        .header("content-disposition", download("示范创建命名单位.xlsx", "designations.xlsx"))
        .send(buffer);
    },
  );
  app.post(
    "/api/creation/designations",
    {
      config: { permission: "creation:manage" },
      schema: {
        tags,
        summary: "录入历史命名（平台启用前命名的单位，由命名层级录入）",
        body: designationRegister,
        response: { 200: designationDetail },
      },
    },
    async (req) => registerDesignation(ctxOf(deps, req), req.body),
  );
  app.get(
    "/api/creation/designations/:id",
    {
      config: { permission: "creation:read" },
      schema: {
        tags,
        summary: "命名详情（历史、年度自查、复验）",
        params: idParams,
        response: { 200: designationDetail },
      },
    },
    async (req) => getDesignation(ctxOf(deps, req), req.params.id),
  );
  app.get(
    "/api/creation/designations/:id/certificate",
    { config: { permission: "creation:export" }, schema: { tags, summary: "导出证书 .docx", params: idParams } },
    async (req, reply) => {
      const { buffer, fileName } = await certificateDocx(ctxOf(deps, req), req.params.id);
      return reply
        .header("content-type", DOCX_MIME)
        .header("content-disposition", download(fileName, "certificate.docx"))
        .send(buffer);
    },
  );
  certificatePdfRoute(app, deps);
  app.post(
    "/api/creation/designations/:id/revoke",
    {
      config: { permission: "creation:manage" },
      schema: {
        tags,
        summary: "撤销命名（原因类别、撤销文号、文件取自材料库），即时退出统计",
        params: idParams,
        body: revokeBody,
        response: { 200: designationDetail },
      },
    },
    async (req) => revokeDesignation(ctxOf(deps, req), req.params.id, req.body),
  );
  app.post(
    "/api/creation/designations/:id/self-checks",
    {
      config: { permission: "creation:apply" },
      schema: {
        tags,
        summary: "开始年度自查（用同一指标体系生成自查评分表）",
        params: idParams,
        body: selfCheckCreate,
        response: { 200: selfCheckSchema },
      },
    },
    async (req) => createSelfCheck(ctxOf(deps, req), req.params.id, req.body.year),
  );
  historyRoute(app, deps, {
    path: "/api/creation/designations/:id/history",
    permission: "creation:read",
    tags,
    summary: "操作记录（审计）",
    entity: "creation_designation",
    load: loadDesignation,
  });
  app.get(
    "/api/creation/self-checks/:id",
    {
      config: { permission: "creation:read" },
      schema: { tags, summary: "年度自查", params: idParams, response: { 200: selfCheckSchema } },
    },
    async (req) => getSelfCheck(ctxOf(deps, req), req.params.id),
  );
  app.post(
    "/api/creation/self-checks/:id/submit",
    {
      config: { permission: "creation:apply" },
      schema: {
        tags,
        summary: "提交年度自查（须先提交自查评分表）",
        params: idParams,
        response: { 200: selfCheckSchema },
      },
    },
    async (req) => submitSelfCheck(ctxOf(deps, req), req.params.id),
  );
  app.get(
    "/api/creation/reverifications/:id",
    {
      config: { permission: "creation:read" },
      schema: { tags, summary: "复验", params: idParams, response: { 200: reverificationSchema } },
    },
    async (req) => getReverification(ctxOf(deps, req), req.params.id),
  );
  app.post(
    "/api/creation/reverifications/:id/submit",
    {
      config: { permission: "creation:apply" },
      schema: {
        tags,
        summary: "提交复验自查（须先提交复验评分表）",
        params: idParams,
        response: { 200: reverificationSchema },
      },
    },
    async (req) => submitReverification(ctxOf(deps, req), req.params.id),
  );
  app.post(
    "/api/creation/reverifications/:id/decide",
    {
      config: { permission: "creation:manage" },
      schema: {
        tags,
        summary: "复验结论：通过则有效期延续，不合格则到期后不再有效",
        params: idParams,
        body: reverificationDecide,
        response: { 200: reverificationSchema },
      },
    },
    async (req) => decideReverification(ctxOf(deps, req), req.params.id, req.body.passed, req.body.note),
  );

  // ---- 目标任务与覆盖
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
