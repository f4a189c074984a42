import { z } from "zod";
import {
  ACTIVITY_STATUS_LABELS,
  activityCorrection,
  activityDicts,
  activityInput,
  activityListQuery,
  activityPlanInput,
  activityPlanView,
  activityReturn,
  activityRevisionView,
  activitySummary,
  activityView,
  calendarQuery,
  calendarView,
  coOrgOption,
  coOrgQuery,
  pairInput,
  pairListQuery,
  pairUpdate,
  pairView,
  planListQuery,
  publicActivity,
  publicActivityQuery,
  reportQuery,
  schoolItemsView,
  sevenCompletionQuery,
  sevenCompletionView,
  sevenItemLink,
  sevenItemsQuery,
  statsQuery,
  statsView,
} from "../../../contracts/activities.js";
import { exportQueryOf, idParams, okResult, pageOf, uuid } from "../../../contracts/common.js";
import type { Deps } from "../../core/context.js";
import { listDict } from "../../core/dict.js";
import { type App, contentDisposition, ctxOf, DOCX_MIME } from "../../core/http.js";
import { attachment, buildXlsx, XLSX_MIME } from "../../core/xlsx.js";
import { historyRoute } from "../audit/index.js";
import { evidenceRoutes, readReferencedMaterialFile } from "../materials/index.js";
import {
  ACTIVITY_DOMAIN_DICT,
  ACTIVITY_TYPE_DICT,
  PARTICIPANT_GROUP_DICT,
  SEVEN_ITEMS_DICT,
} from "./activities.dicts.js";
import { loadRecord } from "./activities-access.js";
import { coOrgCandidates } from "./co-orgs.js";
import { deleteActivityPlan, deletePair, updateActivityPlan, updatePair } from "./edit.service.js";
import { createPair, getPair, listPairs } from "./pair.service.js";
import { createActivityPlan, getActivityPlan, listActivityPlans } from "./plan.service.js";
import {
  confirmActivity,
  correctActivity,
  createActivity,
  exportRows,
  getActivity,
  listActivities,
  listRevisions,
  referencesMaterial,
  returnActivity,
  submitActivity,
  updateActivity,
} from "./record.service.js";
import { linkSevenItem, schoolItems, sevenCompletion } from "./seven.service.js";
import {
  activityCalendar,
  activityStats,
  publicActivities,
  publicActivityPhoto,
  publicityMonthReport,
} from "./stats.service.js";

export function activitiesRoutes(app: App, deps: Deps) {
  const tags = ["活动"];

  // ---- records
  app.get(
    "/api/activities",
    {
      config: { permission: "activity:read" },
      schema: {
        tags,
        summary: "活动列表（本级及下级区划、本单位主办或协办的活动；queue=true 为待本人确认的活动）",
        querystring: activityListQuery,
        response: { 200: pageOf(activitySummary) },
      },
    },
    async (req) => listActivities(ctxOf(deps, req), req.query),
  );
  app.get(
    "/api/activities/export",
    {
      config: { permission: "activity:read" },
      schema: {
        tags,
        summary: "导出活动清单（.xlsx，按列表的筛选条件）",
        querystring: exportQueryOf(activityListQuery),
      },
    },
    async (req, reply) => {
      const rows = await exportRows(ctxOf(deps, req), req.query);
      const content = await buildXlsx(
        "活动清单",
        [
          { header: "活动名称", width: 36, value: (r) => r.title },
          { header: "活动类型", width: 24, value: (r) => r.typeLabel },
          { header: "领域", width: 14, value: (r) => r.domainLabel },
          { header: "开始日期", width: 12, value: (r) => r.startDate, asText: true },
          { header: "结束日期", width: 12, value: (r) => r.endDate, asText: true },
          { header: "地区", width: 16, value: (r) => r.regionName },
          { header: "主办单位", width: 30, value: (r) => r.orgName },
          { header: "参与人次", width: 10, value: (r) => r.participantTotal },
          { header: "状态", width: 10, value: (r) => ACTIVITY_STATUS_LABELS[r.status] },
          { header: "公开展示", width: 10, value: (r) => r.isPublic },
        ],
        rows,
      );
      return reply
        .header("content-type", XLSX_MIME)
        .header("content-disposition", attachment("活动清单.xlsx"))
        .send(content);
    },
  );
  app.post(
    "/api/activities",
    {
      config: { permission: "activity:record" },
      schema: { tags, summary: "登记活动（草稿）", body: activityInput, response: { 200: activityView } },
    },
    async (req) => createActivity(ctxOf(deps, req), req.body),
  );
  app.get(
    "/api/activities/:id",
    {
      config: { permission: "activity:read" },
      schema: { tags, summary: "活动详情（含照片核验提示）", params: idParams, response: { 200: activityView } },
    },
    async (req) => getActivity(ctxOf(deps, req), req.params.id),
  );
  app.put(
    "/api/activities/:id",
    {
      config: { permission: "activity:record" },
      schema: {
        tags,
        summary: "修改草稿或被退回的活动（保留修改前的内容）",
        params: idParams,
        body: activityInput,
        response: { 200: activityView },
      },
    },
    async (req) => updateActivity(ctxOf(deps, req), req.params.id, req.body),
  );
  app.post(
    "/api/activities/:id/correct",
    {
      config: { permission: "activity:record" },
      schema: {
        tags,
        summary: "更正已提交或已确认的活动（须说明原因，保留更正前的内容，需重新确认）",
        params: idParams,
        body: activityCorrection,
        response: { 200: activityView },
      },
    },
    async (req) => correctActivity(ctxOf(deps, req), req.params.id, req.body.content, req.body.reason),
  );
  app.post(
    "/api/activities/:id/submit",
    {
      config: { permission: "activity:record" },
      schema: {
        tags,
        summary: "提交活动（本级主管部门登记的直接确认）",
        params: idParams,
        response: { 200: activityView },
      },
    },
    async (req) => submitActivity(ctxOf(deps, req), req.params.id),
  );
  app.post(
    "/api/activities/:id/confirm",
    {
      config: { permission: "activity:confirm" },
      schema: { tags, summary: "确认活动", params: idParams, response: { 200: activityView } },
    },
    async (req) => confirmActivity(ctxOf(deps, req), req.params.id),
  );
  app.post(
    "/api/activities/:id/return",
    {
      config: { permission: "activity:confirm" },
      schema: {
        tags,
        summary: "退回活动（须说明原因）",
        params: idParams,
        body: activityReturn,
        response: { 200: activityView },
      },
    },
    async (req) => returnActivity(ctxOf(deps, req), req.params.id, req.body.reason),
  );
  app.get(
    "/api/activities/:id/revisions",
    {
      config: { permission: "activity:read" },
      schema: {
        tags,
        summary: "活动的修改与更正记录（每次修改前的内容）",
        params: idParams,
        response: { 200: z.array(activityRevisionView) },
      },
    },
    async (req) => listRevisions(ctxOf(deps, req), req.params.id),
  );
  historyRoute(app, deps, {
    path: "/api/activities/:id/history",
    permission: "activity:read",
    tags,
    summary: "活动的操作记录",
    entity: "activity",
    load: (ctx, id) => loadRecord(ctx, id),
  });
  evidenceRoutes(app, deps, {
    path: "/api/activities/:id/evidence/:evidenceId",
    permission: "activity:read",
    tags,
    summaries: { preview: "预览活动的照片或材料", download: "下载活动的照片或材料" },
    read: async (ctx, id, evidenceId, mode) => {
      const row = await referencesMaterial(ctx, id, evidenceId);
      return readReferencedMaterialFile(ctx, evidenceId, mode, `活动“${row.title}”的材料`);
    },
  });

  app.get(
    "/api/activity-co-orgs",
    {
      config: { permission: "activity:record" },
      schema: {
        tags,
        summary: "可选的协办单位（本旗县内在用的机构，按名称检索，最多 20 个）",
        querystring: coOrgQuery,
        response: { 200: z.array(coOrgOption) },
      },
    },
    async (req) => coOrgCandidates(ctxOf(deps, req), req.query.q),
  );

  app.get(
    "/api/activity-dicts",
    {
      config: { permission: "activity:read" },
      schema: { tags, summary: "活动的字典：类型、领域、参与群体、七个一事项", response: { 200: activityDicts } },
    },
    async () => {
      const [types, domains, groups, sevenItems] = await Promise.all(
        [ACTIVITY_TYPE_DICT, ACTIVITY_DOMAIN_DICT, PARTICIPANT_GROUP_DICT, SEVEN_ITEMS_DICT].map((d) =>
          listDict(deps.db, d),
        ),
      );
      return { types, domains, groups, sevenItems };
    },
  );

  // ---- statistics
  app.get(
    "/api/activity-stats",
    {
      config: { permission: "activity:read" },
      schema: {
        tags,
        summary: "活动统计：按地区（逐级下钻）、类型、领域、月份、参与群体（已确认的活动）",
        querystring: statsQuery,
        response: { 200: statsView },
      },
    },
    async (req) => activityStats(ctxOf(deps, req), req.query.year, req.query.regionCode),
  );
  app.get(
    "/api/activity-stats/calendar",
    {
      config: { permission: "activity:read" },
      schema: {
        tags,
        summary: "活动日历（一个月内已确认的活动）",
        querystring: calendarQuery,
        response: { 200: calendarView },
      },
    },
    async (req) => activityCalendar(ctxOf(deps, req), req.query.month, req.query.regionCode),
  );
  app.get(
    "/api/activity-stats/publicity-month.docx",
    {
      config: { permission: "activity:read" },
      schema: { tags, summary: "宣传月（9 月）活动情况报告（.docx）", querystring: reportQuery },
    },
    async (req, reply) => {
      const { fileName, content } = await publicityMonthReport(ctxOf(deps, req), req.query.year, req.query.regionCode);
      return reply
        .header("content-type", DOCX_MIME)
        .header("content-disposition", contentDisposition(fileName, { fallback: "publicity-month.docx" }))
        .send(content);
    },
  );

  // ---- plans
  app.get(
    "/api/activity-plans",
    {
      config: { permission: "activity:read" },
      schema: {
        tags,
        summary: "年度活动计划及完成情况",
        querystring: planListQuery,
        response: { 200: pageOf(activityPlanView) },
      },
    },
    async (req) => listActivityPlans(ctxOf(deps, req), req.query),
  );
  app.post(
    "/api/activity-plans",
    {
      config: { permission: "activity:manage" },
      schema: { tags, summary: "制定年度活动计划", body: activityPlanInput, response: { 200: activityPlanView } },
    },
    async (req) => createActivityPlan(ctxOf(deps, req), req.body),
  );
  app.get(
    "/api/activity-plans/:id",
    {
      config: { permission: "activity:read" },
      schema: { tags, summary: "年度活动计划详情及完成情况", params: idParams, response: { 200: activityPlanView } },
    },
    async (req) => getActivityPlan(ctxOf(deps, req), req.params.id),
  );
  app.patch(
    "/api/activity-plans/:id",
    {
      config: { permission: "activity:manage" },
      schema: {
        tags,
        summary: "修改年度活动计划（标题、年度、范围和计划内容；所属单位不变）",
        params: idParams,
        body: activityPlanInput,
        response: { 200: activityPlanView },
      },
    },
    async (req) => updateActivityPlan(ctxOf(deps, req), req.params.id, req.body),
  );
  app.delete(
    "/api/activity-plans/:id",
    {
      config: { permission: "activity:manage" },
      schema: { tags, summary: "删除年度活动计划（活动记录不受影响）", params: idParams, response: { 200: okResult } },
    },
    async (req) => {
      await deleteActivityPlan(ctxOf(deps, req), req.params.id);
      return { ok: true as const };
    },
  );

  // ---- 七个一
  app.get(
    "/api/activity-seven",
    {
      config: { permission: "activity:read" },
      schema: {
        tags,
        summary: "一所学校某年度的“七个一”完成情况（默认本校）",
        querystring: sevenItemsQuery,
        response: { 200: schoolItemsView },
      },
    },
    async (req) => schoolItems(ctxOf(deps, req), req.query.year, req.query.schoolOrgId),
  );
  app.post(
    "/api/activity-seven",
    {
      config: { permission: "activity:record" },
      schema: {
        tags,
        summary: "以一条活动完成学校的一项“七个一”",
        body: sevenItemLink,
        response: { 200: schoolItemsView },
      },
    },
    async (req) => linkSevenItem(ctxOf(deps, req), req.body),
  );
  app.get(
    "/api/activity-seven/completion",
    {
      config: { permission: "activity:read" },
      schema: {
        tags,
        summary: "各旗县（下级区划）学校“七个一”完成情况",
        querystring: sevenCompletionQuery,
        response: { 200: sevenCompletionView },
      },
    },
    async (req) => sevenCompletion(ctxOf(deps, req), req.query.year, req.query.regionCode),
  );

  // ---- pairs
  app.get(
    "/api/activity-pairs",
    {
      config: { permission: "activity:read" },
      schema: {
        tags,
        summary: "结对列表（overdue=true 为超期未走访）",
        querystring: pairListQuery,
        response: { 200: pageOf(pairView) },
      },
    },
    async (req) => listPairs(ctxOf(deps, req), req.query),
  );
  app.post(
    "/api/activity-pairs",
    {
      config: { permission: "activity:manage" },
      schema: { tags, summary: "建立结对", body: pairInput, response: { 200: pairView } },
    },
    async (req) => createPair(ctxOf(deps, req), req.body),
  );
  app.get(
    "/api/activity-pairs/:id",
    {
      config: { permission: "activity:read" },
      schema: { tags, summary: "结对详情（走访次数、最近走访）", params: idParams, response: { 200: pairView } },
    },
    async (req) => getPair(ctxOf(deps, req), req.params.id),
  );
  app.patch(
    "/api/activity-pairs/:id",
    {
      config: { permission: "activity:manage" },
      schema: {
        tags,
        summary: "修改结对（开始日期、目标），填写结束日期即结束结对",
        params: idParams,
        body: pairUpdate,
        response: { 200: pairView },
      },
    },
    async (req) => updatePair(ctxOf(deps, req), req.params.id, req.body),
  );
  app.delete(
    "/api/activity-pairs/:id",
    {
      config: { permission: "activity:manage" },
      schema: { tags, summary: "删除没有走访记录的结对", params: idParams, response: { 200: okResult } },
    },
    async (req) => {
      await deletePair(ctxOf(deps, req), req.params.id);
      return { ok: true as const };
    },
  );
}

/** The portal's 活动风采: confirmed activities their organizers chose to publish. */
export function activitiesPublicRoutes(app: App, deps: Deps) {
  app.get(
    "/api/public/activities",
    {
      config: { public: true },
      schema: {
        tags: ["公众门户"],
        summary: "活动风采（已确认且公开的活动）",
        querystring: publicActivityQuery,
        response: { 200: pageOf(publicActivity) },
      },
    },
    async (req) => publicActivities(deps, req.query),
  );
  app.get(
    "/api/public/activities/:id/photos/:photoId",
    {
      config: { public: true },
      schema: {
        tags: ["公众门户"],
        summary: "活动风采的照片（仅已确认且公开的活动所引用的照片）",
        params: z.object({ id: uuid, photoId: uuid }),
      },
    },
    async (req, reply) => {
      const f = await publicActivityPhoto(deps, req.params.id, req.params.photoId);
      return reply
        .header("content-type", f.mimeType)
        .header("content-disposition", contentDisposition(f.fileName, { fallback: "photo", inline: true }))
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "public, max-age=3600")
        .send(f.content);
    },
  );
}
