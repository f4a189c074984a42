import { z } from "zod";
import { activityView } from "../../../../contracts/activities.js";
import { bulkIds, bulkResult, exportQueryOf, idParams, okResult, pageOf, uuid } from "../../../../contracts/common.js";
import {
  applicationCreate,
  applicationDetail,
  applicationListQuery,
  applicationSummary,
  applicationUpdate,
  expertAssign,
  expertParams,
  expertQuery,
  expertSchema,
  finalizeBody,
  reasonBody,
  reviewOpinion,
  siteVisitCreate,
} from "../../../../contracts/creation.js";
import { runBulk } from "../../../core/bulk.js";
import type { Ctx, Deps } from "../../../core/context.js";
import { type App, contentDisposition, ctxOf } from "../../../core/http.js";
import { XLSX_MIME } from "../../../core/xlsx.js";
import { historyRoute } from "../../audit/index.js";
import { evidenceRoutes } from "../../materials/index.js";
import {
  createApplication,
  deleteDraft,
  submitApplication,
  updateApplication,
  withdrawApplication,
} from "../applicant.service.js";
import { loadApplication } from "../application.service.js";
import {
  acceptApplication,
  assignExperts,
  finalizeApplication,
  listExperts,
  recommendApplication,
  recordSiteVisit,
  rejectApplication,
  returnApplication,
  withdrawExpert,
} from "../application-review.service.js";
import { applicationNames, getApplication, listApplications } from "../application-view.service.js";
import { readApplicationActivity, readApplicationEvidence } from "../evidence.service.js";
import { applicationsXlsx } from "../exports.js";
import { tags } from "./shared.js";

/** 示范创建: 申报. */
export function applicationRoutes(app: App, deps: Deps) {
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
      schema: {
        tags,
        summary: "按相同筛选条件导出申报 .xlsx；带 ids 时只导出所选（且在数据范围内）的申报",
        querystring: exportQueryOf(applicationListQuery),
      },
    },
    async (req, reply) => {
      const buffer = await applicationsXlsx(ctxOf(deps, req), req.query);
      return reply
        .header("content-type", XLSX_MIME)
        .header("content-disposition", contentDisposition("示范创建申报.xlsx", { fallback: "applications.xlsx" }))
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
  app.delete(
    "/api/creation/applications/:id",
    {
      config: { permission: "creation:apply" },
      schema: {
        tags,
        summary: "删除申报草稿（连同自评表；仅草稿，仅本单位）",
        params: idParams,
        response: { 200: okResult },
      },
    },
    async (req) => deleteDraft(ctxOf(deps, req), req.params.id),
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
  // 批量推荐/退回/受理/分配专家: each selected application goes through the same service call, checks and audit
  // as alone.
  const bulkRoute = <S extends z.ZodRawShape>(
    action: string,
    what: string,
    text: z.ZodObject<S>,
    one: (ctx: Ctx, id: string, body: z.infer<z.ZodObject<S>>) => Promise<unknown>,
    permission: "creation:review" | "creation:manage" = "creation:review",
  ) =>
    app.post(
      `/api/creation/applications/bulk/${action}`,
      {
        config: { permission },
        schema: {
          tags,
          summary: `批量${what}（逐项校验、逐项留痕；返回成功与未成功的清单及原因）`,
          body: bulkIds.extend(text.shape).strict(),
          response: { 200: bulkResult },
        },
      },
      async (req) => {
        const ctx = ctxOf(deps, req);
        const body = req.body as { ids: string[] } & z.infer<z.ZodObject<S>>;
        return runBulk(
          body.ids,
          (ids) => applicationNames(ctx, ids),
          (id) => one(ctx, id, body),
        );
      },
    );
  bulkRoute("recommend", "推荐", reviewOpinion, (ctx, id, b) => recommendApplication(ctx, id, b.opinion));
  bulkRoute("return", "退回", reasonBody, (ctx, id, b) => returnApplication(ctx, id, b.reason));
  bulkRoute("accept", "受理", reviewOpinion, (ctx, id, b) => acceptApplication(ctx, id, b.opinion));
  bulkRoute(
    "assign-experts",
    "分配测评专家（已在评审组的专家不重复分配）",
    expertAssign,
    (ctx, id, b) => assignExperts(ctx, id, b.userIds),
    "creation:manage",
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
    "/api/creation/applications/:id/activities/:activityId",
    {
      config: { permission: "evaluation:read" },
      schema: {
        tags,
        summary:
          "查看自评表引用的活动记录（能查看该申报的单位、审核部门和分配的测评专家；照片和附件经本申报的佐证材料路由打开）",
        params: z.object({ id: uuid, activityId: uuid }),
        response: { 200: activityView },
      },
    },
    async (req) => readApplicationActivity(ctxOf(deps, req), req.params.id, req.params.activityId),
  );
  app.get(
    "/api/creation/experts",
    {
      config: { permission: "creation:manage" },
      schema: { tags, summary: "测评专家库", querystring: expertQuery, response: { 200: z.array(expertSchema) } },
    },
    async (req) => listExperts(ctxOf(deps, req), req.query.q),
  );
}
