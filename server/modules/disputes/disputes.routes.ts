import { z } from "zod";
import { idParams, listQuery, okResult, pageOf } from "../../../contracts/common.js";
import {
  alertQuery,
  alertView,
  campaignCreate,
  campaignReportInput,
  campaignView,
  caseCreate,
  caseListQuery,
  caseStats,
  caseSummary,
  caseView,
  complianceQuery,
  complianceUnit,
  complianceUnitsQuery,
  concludeInput,
  deskQuery,
  deskView,
  disputeSettings,
  docxQuery,
  drillCreate,
  emergencyPlanView,
  escalateInput,
  ethnicMarkInput,
  eventCloseInput,
  eventCreate,
  eventQuery,
  eventStepInput,
  eventView,
  exportQuery,
  followupInput,
  mediationInput,
  partyParams,
  planCreate,
  planQuery,
  rectificationDone,
  reportCorrection,
  reportInput,
  reportUnitsInput,
  reportUnitView,
  reportView,
  revealInput,
  revealResult,
  statsQuery,
  transferInput,
} from "../../../contracts/disputes.js";
import type { Deps } from "../../core/context.js";
import { type App, contentDisposition, ctxOf } from "../../core/http.js";
import { attachment, XLSX_MIME } from "../../core/xlsx.js";
import { historyRoute } from "../audit/index.js";
import {
  addFollowup,
  addMediation,
  concludeCase,
  createCase,
  escalateCase,
  getCase,
  listCases,
  markEthnic,
  revealParty,
  transferCase,
} from "./cases.service.js";
import { loadCase } from "./disputes-access.js";
import { ackAlert, listAlerts } from "./escalation.service.js";
import { exportCases, quarterlyDocx, caseStats as stats } from "./export.service.js";
import {
  addDrill,
  addEventStep,
  closeEvent,
  completeRectification,
  createCampaign,
  createEvent,
  createPlan,
  getCampaign,
  getEvent,
  listCampaigns,
  listEvents,
  listPlans,
  reportScreening,
} from "./prep.service.js";
import {
  assignReportUnits,
  compliance,
  complianceUnits,
  correctReport,
  desk,
  listReportUnits,
  submitReport,
} from "./reports.service.js";
import { getDisputeSettings, updateDisputeSettings } from "./settings.service.js";

const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const idResult = z.object({ id: z.string() });

export function disputesRoutes(app: App, deps: Deps) {
  const tags = ["风险防范"];
  const c = (req: Parameters<typeof ctxOf>[1]) => ctxOf(deps, req);

  // ---- cases
  app.get(
    "/api/disputes/cases",
    {
      config: { permission: "disputes:read" },
      schema: {
        tags,
        summary: "矛盾纠纷列表（本单位的；部门看本级及下级，上级看已上报的）",
        querystring: caseListQuery,
        response: { 200: pageOf(caseSummary) },
      },
    },
    async (req) => listCases(c(req), req.query),
  );
  app.post(
    "/api/disputes/cases",
    {
      config: { permission: "disputes:record" },
      schema: { tags, summary: "登记矛盾纠纷（重大的自动报告上级）", body: caseCreate, response: { 200: caseView } },
    },
    async (req) => createCase(c(req), req.body),
  );
  app.get(
    "/api/disputes/cases/export",
    {
      config: { permission: "disputes:export" },
      schema: { tags, summary: "导出矛盾纠纷（.xlsx）", querystring: exportQuery },
    },
    async (req, reply) => {
      const buf = await exportCases(c(req), req.query);
      return reply.type(XLSX_MIME).header("content-disposition", attachment("矛盾纠纷.xlsx")).send(buf);
    },
  );
  app.get(
    "/api/disputes/stats",
    {
      config: { permission: "disputes:read" },
      schema: {
        tags,
        summary: "矛盾纠纷统计：按类别、风险等级、地区、月份",
        querystring: statsQuery,
        response: { 200: caseStats },
      },
    },
    async (req) => stats(c(req), req.query),
  );
  app.get(
    "/api/disputes/cases/:id",
    {
      config: { permission: "disputes:read" },
      schema: {
        tags,
        summary: "矛盾纠纷详情（调解、回访、流转记录；当事人信息已脱敏）",
        params: idParams,
        response: { 200: caseView },
      },
    },
    async (req) => getCase(c(req), req.params.id),
  );
  app.post(
    "/api/disputes/cases/:id/mediations",
    {
      config: { permission: "disputes:handle" },
      schema: { tags, summary: "记录调解", params: idParams, body: mediationInput, response: { 200: caseView } },
    },
    async (req) => addMediation(c(req), req.params.id, req.body),
  );
  app.post(
    "/api/disputes/cases/:id/conclude",
    {
      config: { permission: "disputes:handle" },
      schema: {
        tags,
        summary: "办结（化解/部分化解/未化解/转办）",
        params: idParams,
        body: concludeInput,
        response: { 200: caseView },
      },
    },
    async (req) => concludeCase(c(req), req.params.id, req.body),
  );
  app.post(
    "/api/disputes/cases/:id/followups",
    {
      config: { permission: "disputes:handle" },
      schema: { tags, summary: "回访（可销案）", params: idParams, body: followupInput, response: { 200: caseView } },
    },
    async (req) => addFollowup(c(req), req.params.id, req.body),
  );
  app.post(
    "/api/disputes/cases/:id/transfer",
    {
      config: { permission: "disputes:handle" },
      schema: {
        tags,
        summary: "转办给上级或同级单位（保留流转记录）",
        params: idParams,
        body: transferInput,
        response: { 200: caseView },
      },
    },
    async (req) => transferCase(c(req), req.params.id, req.body),
  );
  app.post(
    "/api/disputes/cases/:id/escalate",
    {
      config: { permission: "disputes:handle" },
      schema: {
        tags,
        summary: "上报上一级（上一级值班人员收到预警）",
        params: idParams,
        body: escalateInput,
        response: { 200: caseView },
      },
    },
    async (req) => escalateCase(c(req), req.params.id, req.body),
  );
  app.post(
    "/api/disputes/cases/:id/ethnic-factor",
    {
      config: { permission: "disputes:review" },
      schema: {
        tags,
        summary: "认定或撤销“涉及民族因素”（须写明理由）",
        params: idParams,
        body: ethnicMarkInput,
        response: { 200: caseView },
      },
    },
    async (req) => markEthnic(c(req), req.params.id, req.body),
  );
  app.post(
    "/api/disputes/cases/:id/parties/:partyId/reveal",
    {
      config: { permission: "disputes:reveal" },
      schema: {
        tags,
        summary: "查看当事人完整姓名或电话（须写明理由，记入审计）",
        params: partyParams,
        body: revealInput,
        response: { 200: revealResult },
      },
    },
    async (req) => revealParty(c(req), req.params.id, req.params.partyId, req.body),
  );
  historyRoute(app, deps, {
    path: "/api/disputes/cases/:id/history",
    permission: "disputes:read",
    tags,
    summary: "矛盾纠纷的操作记录",
    entity: "dispute_case",
    load: (ctx, id) => loadCase(ctx, id),
  });

  // ---- alerts
  app.get(
    "/api/disputes/alerts",
    {
      config: { permission: "disputes:read" },
      schema: {
        tags,
        summary: "本级值班预警：重大案件、超期未化解、逾期未报、报告存疑",
        querystring: alertQuery,
        response: { 200: pageOf(alertView) },
      },
    },
    async (req) => listAlerts(c(req), req.query),
  );
  app.post(
    "/api/disputes/alerts/:id/ack",
    {
      config: { permission: "disputes:handle" },
      schema: { tags, summary: "签收预警", params: idParams, response: { 200: okResult } },
    },
    async (req) => ackAlert(c(req), req.params.id),
  );

  // ---- campaigns
  app.get(
    "/api/disputes/campaigns",
    {
      config: { permission: "disputes:read" },
      schema: { tags, summary: "排查活动", querystring: listQuery, response: { 200: pageOf(campaignView) } },
    },
    async (req) => listCampaigns(c(req), req.query),
  );
  app.post(
    "/api/disputes/campaigns",
    {
      config: { permission: "disputes:manage" },
      schema: { tags, summary: "部署排查活动", body: campaignCreate, response: { 200: campaignView } },
    },
    async (req) => createCampaign(c(req), req.body),
  );
  app.get(
    "/api/disputes/campaigns/:id",
    {
      config: { permission: "disputes:read" },
      schema: { tags, summary: "排查活动详情与完成情况", params: idParams, response: { 200: campaignView } },
    },
    async (req) => getCampaign(c(req), req.params.id),
  );
  app.post(
    "/api/disputes/campaigns/:id/report",
    {
      config: { permission: "disputes:report" },
      schema: {
        tags,
        summary: "本单位报送排查情况",
        params: idParams,
        body: campaignReportInput,
        response: { 200: campaignView },
      },
    },
    async (req) => reportScreening(c(req), req.params.id, req.body),
  );

  // ---- 零报告 / 季报
  app.get(
    "/api/disputes/report-units",
    {
      config: { permission: "disputes:read" },
      schema: { tags, summary: "零报告/季报报告单位", response: { 200: z.array(reportUnitView) } },
    },
    async (req) => listReportUnits(c(req)),
  );
  app.post(
    "/api/disputes/report-units",
    {
      config: { permission: "disputes:manage" },
      schema: { tags, summary: "指定报告单位", body: reportUnitsInput, response: { 200: z.array(reportUnitView) } },
    },
    async (req) => assignReportUnits(c(req), req.body.orgIds),
  );
  app.get(
    "/api/disputes/reports/desk",
    {
      config: { permission: "disputes:report" },
      schema: { tags, summary: "本单位零报告/季报报送台", querystring: deskQuery, response: { 200: deskView } },
    },
    async (req) => desk(c(req), req.query.kind),
  );
  app.post(
    "/api/disputes/reports",
    {
      config: { permission: "disputes:report" },
      schema: { tags, summary: "报送零报告/季报（每单位每期一份）", body: reportInput, response: { 200: reportView } },
    },
    async (req) => submitReport(c(req), req.body),
  );
  app.put(
    "/api/disputes/reports/:id",
    {
      config: { permission: "disputes:report" },
      schema: {
        tags,
        summary: "更正报告（保留原版本）",
        params: idParams,
        body: reportCorrection,
        response: { 200: reportView },
      },
    },
    async (req) => correctReport(c(req), req.params.id, req.body),
  );
  app.get(
    "/api/disputes/compliance",
    {
      config: { permission: "disputes:read" },
      schema: {
        tags,
        summary: "报告率与及时率（按 DHIS2 定义），逐级汇总到下级地区",
        querystring: complianceQuery,
        response: { 200: z.any() },
      },
    },
    async (req) => compliance(c(req), req.query),
  );
  app.get(
    "/api/disputes/compliance/units",
    {
      config: { permission: "disputes:read" },
      schema: {
        tags,
        summary: "缺报或迟报的单位",
        querystring: complianceUnitsQuery,
        response: { 200: z.array(complianceUnit) },
      },
    },
    async (req) => complianceUnits(c(req), req.query),
  );
  app.get(
    "/api/disputes/reports/quarterly.docx",
    {
      config: { permission: "disputes:export" },
      schema: { tags, summary: "生成本季度季报（.docx）", querystring: docxQuery },
    },
    async (req, reply) => {
      const { buffer, fileName } = await quarterlyDocx(c(req), req.query.period);
      return reply
        .type(DOCX_MIME)
        .header("content-disposition", contentDisposition(fileName, { fallback: "quarterly.docx" }))
        .send(buffer);
    },
  );

  // ---- settings
  app.get(
    "/api/disputes/settings",
    {
      config: { permission: "disputes:read" },
      schema: { tags, summary: "风险防范设置", response: { 200: disputeSettings } },
    },
    async () => getDisputeSettings(deps.db),
  );
  app.put(
    "/api/disputes/settings",
    {
      config: { permission: "disputes:manage" },
      schema: {
        tags,
        summary: "修改风险防范设置（自治区级）",
        body: disputeSettings,
        response: { 200: disputeSettings },
      },
    },
    async (req) => updateDisputeSettings(c(req), req.body),
  );

  // ---- emergency plans
  app.get(
    "/api/disputes/plans",
    {
      config: { permission: "disputes:read" },
      schema: {
        tags,
        summary: "应急预案、演练与整改",
        querystring: planQuery,
        response: { 200: pageOf(emergencyPlanView) },
      },
    },
    async (req) => listPlans(c(req), req.query),
  );
  app.post(
    "/api/disputes/plans",
    {
      config: { permission: "disputes:manage" },
      schema: { tags, summary: "登记应急预案", body: planCreate, response: { 200: idResult } },
    },
    async (req) => createPlan(c(req), req.body),
  );
  app.post(
    "/api/disputes/plans/:id/drills",
    {
      config: { permission: "disputes:manage" },
      schema: {
        tags,
        summary: "记录应急演练及发现问题",
        params: idParams,
        body: drillCreate,
        response: { 200: idResult },
      },
    },
    async (req) => addDrill(c(req), req.params.id, req.body),
  );
  app.post(
    "/api/disputes/rectifications/:id/done",
    {
      config: { permission: "disputes:read" },
      schema: {
        tags,
        summary: "演练整改完成（整改单位或预案单位）",
        params: idParams,
        body: rectificationDone,
        response: { 200: okResult },
      },
    },
    async (req) => completeRectification(c(req), req.params.id, req.body),
  );

  // ---- public-opinion events
  app.get(
    "/api/disputes/events",
    {
      config: { permission: "disputes:read" },
      schema: { tags, summary: "舆情事件", querystring: eventQuery, response: { 200: pageOf(eventView) } },
    },
    async (req) => listEvents(c(req), req.query),
  );
  app.post(
    "/api/disputes/events",
    {
      config: { permission: "disputes:manage" },
      schema: {
        tags,
        summary: "登记舆情事件（只记事件和信息，不记个人）",
        body: eventCreate,
        response: { 200: eventView },
      },
    },
    async (req) => createEvent(c(req), req.body),
  );
  app.get(
    "/api/disputes/events/:id",
    {
      config: { permission: "disputes:read" },
      schema: { tags, summary: "舆情事件详情", params: idParams, response: { 200: eventView } },
    },
    async (req) => getEvent(c(req), req.params.id),
  );
  app.post(
    "/api/disputes/events/:id/steps",
    {
      config: { permission: "disputes:manage" },
      schema: { tags, summary: "记录处置步骤", params: idParams, body: eventStepInput, response: { 200: eventView } },
    },
    async (req) => addEventStep(c(req), req.params.id, req.body),
  );
  app.post(
    "/api/disputes/events/:id/close",
    {
      config: { permission: "disputes:manage" },
      schema: { tags, summary: "办结并复盘", params: idParams, body: eventCloseInput, response: { 200: eventView } },
    },
    async (req) => closeEvent(c(req), req.params.id, req.body),
  );
}
