import { z } from "zod";
import {
  BASE_LEVEL_LABELS,
  BASE_STATUS_LABELS,
  baseInput,
  baseListQuery,
  baseView,
  bookingListQuery,
  bookingView,
  checkInInput,
  declineInput,
  monthParam,
  pageContent,
  pageReturnInput,
  pageVersionView,
  renewInput,
  reportListQuery,
  reportOverviewRow,
  reportParams,
  reportView,
  revokeInput,
  sessionInput,
  sessionListQuery,
  sessionView,
  statsQuery,
  statsView,
  walkInInput,
  walkInView,
} from "../../../contracts/bases.js";
import { bulkIds, bulkResult, exportQueryOf, idParams, okResult, pageOf, uuid } from "../../../contracts/common.js";
import { runBulk } from "../../core/bulk.js";
import type { Deps } from "../../core/context.js";
import { type App, contentDisposition, ctxOf } from "../../core/http.js";
import { attachment, buildXlsx, buildXlsxBook, XLSX_MIME } from "../../core/xlsx.js";
import { historyRoute } from "../audit/index.js";
import { loadBase } from "./bases-access.js";
import {
  actOnBooking,
  checkIn,
  createSession,
  deleteSession,
  listBookings,
  listSessions,
  listWalkIns,
  recordWalkIns,
  revealBookingContact,
  updateSession,
} from "./booking.service.js";
import { listPageVersions, publishPage, returnPage, savePageDraft, submitPage } from "./page.service.js";
import {
  createBase,
  getBase,
  listBases,
  registryRows,
  renewBase,
  revokeBase,
  startReview,
  updateBase,
} from "./registry.service.js";
import {
  baseNames,
  listBaseReports,
  moveReport,
  prefillReport,
  reportOverview,
  visitorStats,
} from "./report.service.js";
import { baseAnnualSummaryDocx } from "./summary.service.js";

const versionParams = z.object({ id: uuid, versionId: uuid });
const sessionParams = z.object({ id: uuid, sessionId: uuid });
const bookingParams = z.object({ id: uuid, bookingId: uuid });
const reasonBody = z.strictObject({ reason: declineInput.shape.reason.optional() });
const monthQuery = z.object({ month: monthParam });

export function basesRoutes(app: App, deps: Deps) {
  const tags = ["教育基地"];
  const read = { permission: "base:read" } as const;
  const operate = { permission: "base:operate" } as const;
  const supervise = { permission: "base:supervise" } as const;

  // ---- registry
  app.get(
    "/api/bases",
    {
      config: read,
      schema: {
        tags,
        summary: "教育基地名录（按类型、级别、区划、状态筛选，关键字检索）",
        querystring: baseListQuery,
        response: { 200: pageOf(baseView) },
      },
    },
    async (req) => listBases(ctxOf(deps, req), req.query),
  );
  app.post(
    "/api/bases",
    {
      config: supervise,
      schema: {
        tags,
        summary: "登记教育基地（主管部门；平台启用前命名的基地连同文件录入）",
        body: baseInput,
        response: { 200: baseView },
      },
    },
    async (req) => createBase(ctxOf(deps, req), req.body),
  );
  app.get(
    "/api/bases/export",
    {
      config: { permission: "base:export" },
      schema: {
        tags,
        summary: "导出教育基地名录（.xlsx）",
        querystring: exportQueryOf(baseListQuery),
      },
    },
    async (req, reply) => {
      const rows = await registryRows(ctxOf(deps, req), req.query);
      const buffer = await buildXlsx(
        "教育基地名录",
        [
          { header: "名称", width: 36, value: (r) => r.name },
          { header: "类型", width: 28, value: (r) => r.kindLabel },
          { header: "级别", value: (r) => BASE_LEVEL_LABELS[r.level] },
          { header: "所在地区", value: (r) => r.regionName },
          { header: "运营单位", width: 30, value: (r) => r.operatingOrgName },
          { header: "主管部门", width: 30, value: (r) => r.supervisingOrgName },
          { header: "地址", width: 36, value: (r) => r.address },
          { header: "命名日期", value: (r) => r.namedOn },
          { header: "有效期至", value: (r) => r.termEndsOn },
          { header: "状态", value: (r) => BASE_STATUS_LABELS[r.status] },
          { header: "待复核", value: (r) => r.reviewDue },
          { header: "数字展馆", value: (r) => (r.hasPublishedPage ? "已发布" : "未发布") },
        ],
        rows,
      );
      return reply
        .header("content-type", XLSX_MIME)
        .header("content-disposition", attachment("教育基地名录.xlsx"))
        .send(buffer);
    },
  );
  app.get(
    "/api/bases/stats",
    {
      config: read,
      schema: {
        tags,
        summary: "参观人数统计（已接收的月报；按地区、级别、类型、月份）",
        querystring: statsQuery,
        response: { 200: statsView },
      },
    },
    async (req) => visitorStats(ctxOf(deps, req), req.query),
  );
  app.get(
    "/api/bases/stats/export",
    {
      config: { permission: "base:export" },
      schema: { tags, summary: "导出参观人数统计（.xlsx）", querystring: statsQuery },
    },
    async (req, reply) => {
      const s = await visitorStats(ctxOf(deps, req), req.query);
      const cols = (title: string) => [
        { header: title, width: 30, value: (r: { label: string }) => r.label },
        { header: "参观人数", value: (r: { visitors: number }) => r.visitors },
        { header: "基地数", value: (r: { bases: number }) => r.bases },
      ];
      const buffer = await buildXlsxBook([
        { name: "按地区", columns: cols("地区"), rows: s.byRegion },
        { name: "按级别", columns: cols("级别"), rows: s.byLevel },
        { name: "按类型", columns: cols("类型"), rows: s.byKind },
        { name: "按月份", columns: cols("月份"), rows: s.byMonth },
      ]);
      return reply
        .header("content-type", XLSX_MIME)
        .header("content-disposition", attachment(`${s.year}年教育基地参观人数统计.xlsx`))
        .send(buffer);
    },
  );
  app.get(
    "/api/bases/reports",
    {
      config: read,
      schema: {
        tags,
        summary: "某月各基地的参观人数月报（含未报、逾期）",
        querystring: reportListQuery,
        response: { 200: z.array(reportOverviewRow) },
      },
    },
    async (req) => reportOverview(ctxOf(deps, req), req.query),
  );
  app.get(
    "/api/bases/:id",
    { config: read, schema: { tags, summary: "教育基地详情", params: idParams, response: { 200: baseView } } },
    async (req) => getBase(ctxOf(deps, req), req.params.id),
  );
  app.put(
    "/api/bases/:id",
    {
      config: supervise,
      schema: {
        tags,
        summary: "修改教育基地信息（主管部门）",
        params: idParams,
        body: baseInput,
        response: { 200: baseView },
      },
    },
    async (req) => updateBase(ctxOf(deps, req), req.params.id, req.body),
  );
  app.post(
    "/api/bases/:id/review",
    { config: supervise, schema: { tags, summary: "开始复核", params: idParams, response: { 200: baseView } } },
    async (req) => startReview(ctxOf(deps, req), req.params.id),
  );
  app.post(
    "/api/bases/:id/renew",
    {
      config: supervise,
      schema: {
        tags,
        summary: "复核通过（新的有效期）",
        params: idParams,
        body: renewInput,
        response: { 200: baseView },
      },
    },
    async (req) => renewBase(ctxOf(deps, req), req.params.id, req.body),
  );
  app.post(
    "/api/bases/:id/revoke",
    {
      config: supervise,
      schema: { tags, summary: "撤销（须说明原因）", params: idParams, body: revokeInput, response: { 200: baseView } },
    },
    async (req) => revokeBase(ctxOf(deps, req), req.params.id, req.body.reason),
  );

  // ---- digital page
  app.get(
    "/api/bases/:id/pages",
    {
      config: read,
      schema: {
        tags,
        summary: "数字展馆各版本（最新在前）",
        params: idParams,
        response: { 200: z.array(pageVersionView) },
      },
    },
    async (req) => listPageVersions(ctxOf(deps, req), req.params.id),
  );
  app.put(
    "/api/bases/:id/pages/draft",
    {
      config: operate,
      schema: {
        tags,
        summary: "保存数字展馆草稿（基地）",
        params: idParams,
        body: pageContent,
        response: { 200: pageVersionView },
      },
    },
    async (req) => savePageDraft(ctxOf(deps, req), req.params.id, req.body),
  );
  app.post(
    "/api/bases/:id/pages/:versionId/submit",
    {
      config: operate,
      schema: { tags, summary: "提交审核（基地）", params: versionParams, response: { 200: pageVersionView } },
    },
    async (req) => submitPage(ctxOf(deps, req), req.params.id, req.params.versionId),
  );
  app.post(
    "/api/bases/:id/pages/:versionId/publish",
    {
      config: supervise,
      schema: { tags, summary: "审核发布（主管部门）", params: versionParams, response: { 200: pageVersionView } },
    },
    async (req) => publishPage(ctxOf(deps, req), req.params.id, req.params.versionId),
  );
  app.post(
    "/api/bases/:id/pages/:versionId/return",
    {
      config: supervise,
      schema: {
        tags,
        summary: "退回修改（主管部门，须说明原因）",
        params: versionParams,
        body: pageReturnInput,
        response: { 200: pageVersionView },
      },
    },
    async (req) => returnPage(ctxOf(deps, req), req.params.id, req.params.versionId, req.body.reason),
  );

  // ---- sessions
  app.get(
    "/api/bases/:id/sessions",
    {
      config: read,
      schema: {
        tags,
        summary: "参观场次",
        params: idParams,
        querystring: sessionListQuery,
        response: { 200: z.array(sessionView) },
      },
    },
    async (req) => listSessions(ctxOf(deps, req), req.params.id, req.query),
  );
  app.post(
    "/api/bases/:id/sessions",
    {
      config: operate,
      schema: { tags, summary: "新增参观场次", params: idParams, body: sessionInput, response: { 200: sessionView } },
    },
    async (req) => createSession(ctxOf(deps, req), req.params.id, req.body),
  );
  app.put(
    "/api/bases/:id/sessions/:sessionId",
    {
      config: operate,
      schema: {
        tags,
        summary: "修改参观场次（容量不少于已预约人数）",
        params: sessionParams,
        body: sessionInput,
        response: { 200: sessionView },
      },
    },
    async (req) => updateSession(ctxOf(deps, req), req.params.id, req.params.sessionId, req.body),
  );
  app.delete(
    "/api/bases/:id/sessions/:sessionId",
    {
      config: operate,
      schema: { tags, summary: "删除没有预约的场次", params: sessionParams, response: { 200: okResult } },
    },
    async (req) => deleteSession(ctxOf(deps, req), req.params.id, req.params.sessionId),
  );

  // ---- bookings, check-in, walk-ins
  app.get(
    "/api/bases/:id/bookings",
    {
      config: read,
      schema: {
        tags,
        summary: "参观预约（联系人、电话脱敏）",
        params: idParams,
        querystring: bookingListQuery,
        response: { 200: pageOf(bookingView) },
      },
    },
    async (req) => listBookings(ctxOf(deps, req), req.params.id, req.query),
  );
  for (const action of ["approve", "decline", "cancel", "no_show"] as const) {
    const labels = { approve: "通过预约", decline: "拒绝预约（须说明原因）", cancel: "取消预约", no_show: "登记未到" };
    app.post(
      `/api/bases/:id/bookings/:bookingId/${action.replace("_", "-")}`,
      {
        config: operate,
        schema: {
          tags,
          summary: labels[action],
          params: bookingParams,
          body: action === "decline" ? declineInput : reasonBody,
          response: { 200: bookingView },
        },
      },
      async (req) =>
        actOnBooking(
          ctxOf(deps, req),
          req.params.id,
          req.params.bookingId,
          action,
          (req.body as { reason?: string } | undefined)?.reason,
        ),
    );
  }
  app.post(
    "/api/bases/:id/bookings/:bookingId/reveal",
    {
      config: read,
      schema: {
        tags,
        summary: "查看预约联系人的姓名和电话（须说明原因，记入审计）",
        params: bookingParams,
        body: declineInput,
        response: { 200: bookingView },
      },
    },
    async (req) => revealBookingContact(ctxOf(deps, req), req.params.id, req.params.bookingId, req.body.reason),
  );
  app.post(
    "/api/bases/:id/check-in",
    {
      config: operate,
      schema: {
        tags,
        summary: "凭预约码签到，记录实到人数",
        params: idParams,
        body: checkInInput,
        response: { 200: bookingView },
      },
    },
    async (req) => checkIn(ctxOf(deps, req), req.params.id, req.body.code, req.body.actualCount),
  );
  app.get(
    "/api/bases/:id/walk-ins",
    {
      config: read,
      schema: {
        tags,
        summary: "某月的散客登记",
        params: idParams,
        querystring: monthQuery,
        response: { 200: z.array(walkInView) },
      },
    },
    async (req) => listWalkIns(ctxOf(deps, req), req.params.id, req.query.month),
  );
  app.put(
    "/api/bases/:id/walk-ins",
    {
      config: operate,
      schema: {
        tags,
        summary: "登记（更正）某日散客人数",
        params: idParams,
        body: walkInInput,
        response: { 200: walkInView },
      },
    },
    async (req) => recordWalkIns(ctxOf(deps, req), req.params.id, req.body),
  );

  // ---- monthly reports
  app.get(
    "/api/bases/:id/reports",
    {
      config: read,
      schema: { tags, summary: "基地的参观人数月报", params: idParams, response: { 200: z.array(reportView) } },
    },
    async (req) => listBaseReports(ctxOf(deps, req), req.params.id),
  );
  app.post(
    "/api/bases/:id/reports/:month/prefill",
    {
      config: operate,
      schema: {
        tags,
        summary: "按签到和散客登记生成（重新汇总）月报",
        params: reportParams,
        response: { 200: reportView },
      },
    },
    async (req) => prefillReport(ctxOf(deps, req), req.params.id, req.params.month),
  );
  app.post(
    "/api/bases/:id/reports/:month/confirm",
    {
      config: operate,
      schema: { tags, summary: "确认上报月报（基地）", params: reportParams, response: { 200: reportView } },
    },
    async (req) => moveReport(ctxOf(deps, req), req.params.id, req.params.month, "confirm"),
  );
  app.post(
    "/api/bases/:id/reports/:month/accept",
    {
      config: supervise,
      schema: { tags, summary: "接收月报（主管部门）", params: reportParams, response: { 200: reportView } },
    },
    async (req) => moveReport(ctxOf(deps, req), req.params.id, req.params.month, "accept"),
  );
  app.post(
    "/api/bases/reports/bulk/accept",
    {
      config: supervise,
      schema: {
        tags,
        summary: "批量接收某月的月报（主管部门；逐项校验、逐项留痕；返回成功与未成功的清单及原因）",
        body: bulkIds.extend({ month: monthParam }).strict(),
        response: { 200: bulkResult },
      },
    },
    async (req) => {
      const ctx = ctxOf(deps, req);
      return runBulk(
        req.body.ids,
        (ids) => baseNames(ctx, ids),
        (id) => moveReport(ctx, id, req.body.month, "accept"),
      );
    },
  );
  app.post(
    "/api/bases/:id/reports/:month/reopen",
    {
      config: supervise,
      schema: { tags, summary: "退回月报（主管部门）", params: reportParams, response: { 200: reportView } },
    },
    async (req) => moveReport(ctxOf(deps, req), req.params.id, req.params.month, "reopen"),
  );

  // ---- the base's annual summary (.docx): its staff and its supervising department
  app.get(
    "/api/bases/:id/summary.docx",
    {
      config: read,
      schema: {
        tags,
        summary: "导出教育基地年度工作总结（.docx）",
        params: idParams,
        querystring: statsQuery.pick({ year: true }),
      },
    },
    async (req, reply) => {
      const { buffer, fileName } = await baseAnnualSummaryDocx(ctxOf(deps, req), req.params.id, req.query.year);
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        .header("content-disposition", contentDisposition(fileName, { fallback: "summary.docx" }))
        .send(buffer);
    },
  );

  // ---- 操作记录 of the registry entry (404 outside the caller's scope)
  historyRoute(app, deps, {
    path: "/api/bases/:id/history",
    permission: "base:read",
    tags,
    summary: "教育基地操作记录（登记、修改、复核、撤销）",
    entity: "base",
    load: (ctx, id) => loadBase(ctx, id),
  });
}
