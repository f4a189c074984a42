import { z } from "zod";
import { activityView } from "../../../contracts/activities.js";
import {
  computedValueView,
  disputeCreate,
  disputeResolve,
  disputeView,
  panelScoreSave,
  panelScoreView,
  rankingView,
  reportedSave,
  roundCreate,
  roundListQuery,
  roundSummary,
  roundView,
  valueHistoryView,
  valueRecordsView,
  valuesQuery,
} from "../../../contracts/assessment.js";
import { idParams, okResult, pageOf, uuid } from "../../../contracts/common.js";
import type { Deps } from "../../core/context.js";
import { type App, contentDisposition, ctxOf, DOCX_MIME } from "../../core/http.js";
import { historyRoute } from "../audit/index.js";
import { evidenceRoutes } from "../materials/index.js";
import {
  createRound,
  getRanking,
  getRound,
  listRounds,
  publishRound,
  startScoring,
  takeSnapshot,
} from "./assessment.service.js";
import { visibleRound } from "./assessment-access.js";
import { readSubjectActivity, readSubjectEvidence } from "./assessment-evidence.js";
import {
  createDispute,
  getPanelScore,
  listDisputes,
  listValues,
  resolveDispute,
  savePanelScore,
  saveReported,
  valueHistory,
  valueRecords,
} from "./assessment-work.service.js";
import { roundBulletin } from "./reports.js";

/** 考核评价: rounds, computed values and their records, disputes, reported items, panel scores, ranking, 通报. */
export function assessmentRoutes(app: App, deps: Deps) {
  const tags = ["考核评价"];
  const R = "/api/assessment-rounds";
  app.get(
    R,
    {
      config: { permission: "assessment:read" },
      schema: { tags, summary: "考核轮次列表", querystring: roundListQuery, response: { 200: pageOf(roundSummary) } },
    },
    async (req) => listRounds(ctxOf(deps, req), req.query),
  );
  app.post(
    R,
    {
      config: { permission: "assessment:manage" },
      schema: { tags, summary: "建立考核轮次", body: roundCreate, response: { 200: roundView } },
    },
    async (req) => createRound(ctxOf(deps, req), req.body),
  );
  app.get(
    `${R}/:id`,
    {
      config: { permission: "assessment:read" },
      schema: { tags, summary: "考核轮次详情", params: idParams, response: { 200: roundView } },
    },
    async (req) => getRound(ctxOf(deps, req), req.params.id),
  );
  app.post(
    `${R}/:id/snapshot`,
    {
      config: { permission: "assessment:manage" },
      schema: { tags, summary: "生成（或重新生成）计算指标的数据快照", params: idParams, response: { 200: roundView } },
    },
    async (req) => takeSnapshot(ctxOf(deps, req), req.params.id),
  );
  app.post(
    `${R}/:id/start-scoring`,
    {
      config: { permission: "assessment:manage" },
      schema: { tags, summary: "结束数据核对，进入评审评分", params: idParams, response: { 200: roundView } },
    },
    async (req) => startScoring(ctxOf(deps, req), req.params.id),
  );
  app.post(
    `${R}/:id/publish`,
    {
      config: { permission: "assessment:manage" },
      schema: { tags, summary: "发布考核结果和排名", params: idParams, response: { 200: roundView } },
    },
    async (req) => publishRound(ctxOf(deps, req), req.params.id),
  );
  app.get(
    `${R}/:id/values`,
    {
      config: { permission: "assessment:read" },
      schema: {
        tags,
        summary: "计算指标值（可见的考核对象）",
        params: idParams,
        querystring: valuesQuery,
        response: { 200: z.array(computedValueView) },
      },
    },
    async (req) => listValues(ctxOf(deps, req), req.params.id, req.query.subjectId),
  );
  app.get(
    `${R}/:id/ranking`,
    {
      config: { permission: "assessment:read" },
      schema: {
        tags,
        summary: "考核排名（发布前仅组织单位和评审人员可预览）",
        params: idParams,
        response: { 200: rankingView },
      },
    },
    async (req) => getRanking(ctxOf(deps, req), req.params.id),
  );
  app.get(
    `${R}/:id/bulletin`,
    {
      config: { permission: "assessment:read" },
      schema: { tags, summary: "下载考核结果通报 .docx（已发布）", params: idParams },
    },
    async (req, reply) => {
      const { content, fileName } = await roundBulletin(ctxOf(deps, req), req.params.id);
      return reply
        .header("content-type", DOCX_MIME)
        .header("content-disposition", contentDisposition(fileName, { fallback: "assessment.docx" }))
        .send(content);
    },
  );
  app.get(
    `${R}/:id/disputes`,
    {
      config: { permission: "assessment:read" },
      schema: { tags, summary: "指标异议列表", params: idParams, response: { 200: z.array(disputeView) } },
    },
    async (req) => listDisputes(ctxOf(deps, req), req.params.id),
  );
  app.post(
    `${R}/:id/disputes`,
    {
      config: { permission: "assessment:participate" },
      schema: {
        tags,
        summary: "对本单位的计算指标值提出异议",
        params: idParams,
        body: disputeCreate,
        response: { 200: disputeView },
      },
    },
    async (req) => createDispute(ctxOf(deps, req), req.params.id, req.body),
  );
  app.post(
    "/api/assessment-disputes/:id/resolve",
    {
      config: { permission: "assessment:manage" },
      schema: {
        tags,
        summary: "处理指标异议：更正或维持原值",
        params: idParams,
        body: disputeResolve,
        response: { 200: disputeView },
      },
    },
    async (req) => resolveDispute(ctxOf(deps, req), req.params.id, req.body),
  );
  app.get(
    "/api/assessment-values/:id/records",
    {
      config: { permission: "assessment:read" },
      schema: {
        tags,
        summary: "计算指标值背后的记录（快照时冻结）",
        params: idParams,
        response: { 200: valueRecordsView },
      },
    },
    async (req) => valueRecords(ctxOf(deps, req), req.params.id),
  );
  app.get(
    "/api/assessment-values/:id/versions",
    {
      config: { permission: "assessment:read" },
      schema: {
        tags,
        summary: "计算指标值的快照与更正记录",
        params: idParams,
        response: { 200: z.array(valueHistoryView) },
      },
    },
    async (req) => valueHistory(ctxOf(deps, req), req.params.id),
  );
  app.put(
    "/api/assessment-subjects/:id/reported",
    {
      config: { permission: "assessment:participate" },
      schema: {
        tags,
        summary: "填报指标（文字和佐证材料），submit=true 时提交",
        params: idParams,
        body: reportedSave,
        response: { 200: okResult },
      },
    },
    async (req) => {
      await saveReported(ctxOf(deps, req), req.params.id, req.body);
      return { ok: true as const };
    },
  );
  /*
   * 佐证 of the reported items, opened through the subject: the activity records they cite and the files they
   * (and those records) reference, for whoever sees the subject — the unit assessed, the organiser, the panel.
   * assessment:read is the permission all three hold; the service applies the real rule (assessment-evidence.ts).
   */
  app.get(
    "/api/assessment-subjects/:id/activities/:activityId",
    {
      config: { permission: "assessment:read" },
      schema: {
        tags,
        summary: "查看填报指标引用的活动记录（能查看该考核对象的单位、组织部门和评审人员）",
        params: z.object({ id: uuid, activityId: uuid }),
        response: { 200: activityView },
      },
    },
    async (req) => readSubjectActivity(ctxOf(deps, req), req.params.id, req.params.activityId),
  );
  evidenceRoutes(app, deps, {
    path: "/api/assessment-subjects/:id/evidence/:evidenceId",
    permission: "assessment:read",
    tags,
    summaries: {
      preview: "在线预览填报指标的佐证材料（含引用活动的照片和附件）",
      download: "下载填报指标的佐证材料（记录审计；含引用活动的照片和附件）",
    },
    read: readSubjectEvidence,
  });
  app.get(
    "/api/assessment-subjects/:id/panel-score",
    {
      config: { permission: "assessment:score" },
      schema: { tags, summary: "本人对该考核对象填报指标的评分", params: idParams, response: { 200: panelScoreView } },
    },
    async (req) => getPanelScore(ctxOf(deps, req), req.params.id),
  );
  app.put(
    "/api/assessment-subjects/:id/panel-score",
    {
      config: { permission: "assessment:score" },
      schema: {
        tags,
        summary: "评审人员为填报指标评分",
        params: idParams,
        body: panelScoreSave,
        response: { 200: panelScoreView },
      },
    },
    async (req) => {
      const ctx = ctxOf(deps, req);
      await savePanelScore(ctx, req.params.id, req.body);
      return getPanelScore(ctx, req.params.id);
    },
  );
  historyRoute(app, deps, {
    path: `${R}/:id/history`,
    permission: "assessment:read",
    tags,
    summary: "考核轮次操作记录",
    entity: "assessment_round",
    load: (ctx, id) => visibleRound(ctx, id),
  });
}
