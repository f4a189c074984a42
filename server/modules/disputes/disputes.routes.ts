import { z } from "zod";
import { idParams, listQuery, okResult, pageOf } from "../../../contracts/common.js";
import {
  alertQuery,
  alertView,
  campaignCreate,
  campaignQuery,
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
import { type App, contentDisposition, DOCX_MIME } from "../../core/http.js";
import { routeKit } from "../../core/route-kit.js";
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

const idResult = z.object({ id: z.string() });
const byId = { params: idParams };

/** 风险防范's routes: each declares its permission; scope and audit are in the services (see disputes-access.ts). */
export function disputesRoutes(app: App, deps: Deps) {
  const tags = ["风险防范"];
  const r = routeKit(app, deps, tags);

  // ---- cases
  r.get(
    "/api/disputes/cases",
    "disputes:read",
    "矛盾纠纷列表（本单位的；部门看本级及下级，上级看已上报的）",
    { query: caseListQuery, response: pageOf(caseSummary) },
    (c, i) => listCases(c, i.query),
  );
  r.post(
    "/api/disputes/cases",
    "disputes:record",
    "登记矛盾纠纷（重大的自动报告上级）",
    { body: caseCreate, response: caseView },
    (c, i) => createCase(c, i.body),
  );
  r.get(
    "/api/disputes/cases/export",
    "disputes:export",
    "导出矛盾纠纷（.xlsx）",
    { query: exportQuery },
    async (c, i, reply) => {
      const buf = await exportCases(c, i.query);
      return reply.type(XLSX_MIME).header("content-disposition", attachment("矛盾纠纷.xlsx")).send(buf);
    },
  );
  r.get(
    "/api/disputes/stats",
    "disputes:read",
    "矛盾纠纷统计：按类别、风险等级、地区、月份",
    { query: statsQuery, response: caseStats },
    (c, i) => stats(c, i.query),
  );
  r.get(
    "/api/disputes/cases/:id",
    "disputes:read",
    "矛盾纠纷详情（调解、回访、流转记录；当事人信息已脱敏）",
    { ...byId, response: caseView },
    (c, i) => getCase(c, i.params.id),
  );
  const caseAction = <B extends z.ZodType>(
    path: string,
    permission: "disputes:handle" | "disputes:review",
    summary: string,
    body: B,
    act: (c: Parameters<typeof getCase>[0], id: string, b: z.output<B>) => Promise<z.input<typeof caseView>>,
  ) =>
    r.post(`/api/disputes/cases/:id/${path}`, permission, summary, { ...byId, body, response: caseView }, (c, i) =>
      act(c, i.params.id, i.body as z.output<B>),
    );
  caseAction("mediations", "disputes:handle", "记录调解", mediationInput, addMediation);
  caseAction("conclude", "disputes:handle", "办结（化解/部分化解/未化解/转办）", concludeInput, concludeCase);
  caseAction("followups", "disputes:handle", "回访（可销案）", followupInput, addFollowup);
  caseAction("transfer", "disputes:handle", "转办给上级或同级单位（保留流转记录）", transferInput, transferCase);
  caseAction("escalate", "disputes:handle", "上报上一级（上一级值班人员收到预警）", escalateInput, escalateCase);
  caseAction("ethnic-factor", "disputes:review", "认定或撤销“涉及民族因素”（须写明理由）", ethnicMarkInput, markEthnic);
  r.post(
    "/api/disputes/cases/:id/parties/:partyId/reveal",
    "disputes:reveal",
    "查看当事人完整姓名或电话（须写明理由，记入审计）",
    { params: partyParams, body: revealInput, response: revealResult },
    (c, i) => revealParty(c, i.params.id, i.params.partyId, i.body),
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
  r.get(
    "/api/disputes/alerts",
    "disputes:read",
    "本级值班预警：重大案件、超期未化解、逾期未报、报告存疑",
    { query: alertQuery, response: pageOf(alertView) },
    (c, i) => listAlerts(c, i.query),
  );
  r.post("/api/disputes/alerts/:id/ack", "disputes:handle", "签收预警", { ...byId, response: okResult }, (c, i) =>
    ackAlert(c, i.params.id),
  );

  // ---- campaigns
  r.get(
    "/api/disputes/campaigns",
    "disputes:read",
    "排查活动",
    { query: listQuery, response: pageOf(campaignView) },
    (c, i) => listCampaigns(c, i.query),
  );
  r.post(
    "/api/disputes/campaigns",
    "disputes:manage",
    "部署排查活动",
    { body: campaignCreate, response: campaignView },
    (c, i) => createCampaign(c, i.body),
  );
  r.get(
    "/api/disputes/campaigns/:id",
    "disputes:read",
    "排查活动详情与完成情况",
    { ...byId, query: campaignQuery, response: campaignView },
    (c, i) => getCampaign(c, i.params.id, i.query),
  );
  r.post(
    "/api/disputes/campaigns/:id/report",
    "disputes:report",
    "本单位报送排查情况",
    { ...byId, body: campaignReportInput, response: campaignView },
    (c, i) => reportScreening(c, i.params.id, i.body),
  );

  // ---- 零报告 / 季报
  r.get(
    "/api/disputes/report-units",
    "disputes:read",
    "零报告/季报报告单位",
    { response: z.array(reportUnitView) },
    (c) => listReportUnits(c),
  );
  r.post(
    "/api/disputes/report-units",
    "disputes:manage",
    "指定报告单位",
    { body: reportUnitsInput, response: z.array(reportUnitView) },
    (c, i) => assignReportUnits(c, i.body.orgIds),
  );
  r.get(
    "/api/disputes/reports/desk",
    "disputes:report",
    "本单位零报告/季报报送台",
    { query: deskQuery, response: deskView },
    (c, i) => desk(c, i.query.kind),
  );
  r.post(
    "/api/disputes/reports",
    "disputes:report",
    "报送零报告/季报（每单位每期一份）",
    { body: reportInput, response: reportView },
    (c, i) => submitReport(c, i.body),
  );
  r.put(
    "/api/disputes/reports/:id",
    "disputes:report",
    "更正报告（保留原版本）",
    { ...byId, body: reportCorrection, response: reportView },
    (c, i) => correctReport(c, i.params.id, i.body),
  );
  r.get(
    "/api/disputes/compliance",
    "disputes:read",
    "报告率与及时率（按 DHIS2 定义），逐级汇总到下级地区",
    { query: complianceQuery, response: z.any() },
    (c, i) => compliance(c, i.query),
  );
  r.get(
    "/api/disputes/compliance/units",
    "disputes:read",
    "缺报或迟报的单位",
    { query: complianceUnitsQuery, response: z.array(complianceUnit) },
    (c, i) => complianceUnits(c, i.query),
  );
  r.get(
    "/api/disputes/reports/quarterly.docx",
    "disputes:export",
    "生成本季度季报（.docx）",
    { query: docxQuery },
    async (c, i, reply) => {
      const { buffer, fileName } = await quarterlyDocx(c, i.query.period);
      return reply
        .type(DOCX_MIME)
        .header("content-disposition", contentDisposition(fileName, { fallback: "quarterly.docx" }))
        .send(buffer);
    },
  );

  // ---- settings (changed only at the 自治区 level: updateDisputeSettings checks it)
  r.get("/api/disputes/settings", "disputes:read", "风险防范设置", { response: disputeSettings }, () =>
    getDisputeSettings(deps.db),
  );
  r.put(
    "/api/disputes/settings",
    "disputes:manage",
    "修改风险防范设置（自治区级）",
    { body: disputeSettings, response: disputeSettings },
    (c, i) => updateDisputeSettings(c, i.body),
  );

  // ---- emergency plans
  r.get(
    "/api/disputes/plans",
    "disputes:read",
    "应急预案、演练与整改",
    { query: planQuery, response: pageOf(emergencyPlanView) },
    (c, i) => listPlans(c, i.query),
  );
  r.post("/api/disputes/plans", "disputes:manage", "登记应急预案", { body: planCreate, response: idResult }, (c, i) =>
    createPlan(c, i.body),
  );
  r.post(
    "/api/disputes/plans/:id/drills",
    "disputes:manage",
    "记录应急演练及发现问题",
    { ...byId, body: drillCreate, response: idResult },
    (c, i) => addDrill(c, i.params.id, i.body),
  );
  r.post(
    "/api/disputes/rectifications/:id/done",
    "disputes:read",
    "演练整改完成（整改单位或预案单位）",
    { ...byId, body: rectificationDone, response: okResult },
    (c, i) => completeRectification(c, i.params.id, i.body),
  );

  // ---- public-opinion events
  r.get(
    "/api/disputes/events",
    "disputes:read",
    "舆情事件",
    { query: eventQuery, response: pageOf(eventView) },
    (c, i) => listEvents(c, i.query),
  );
  r.post(
    "/api/disputes/events",
    "disputes:manage",
    "登记舆情事件（只记事件和信息，不记个人）",
    { body: eventCreate, response: eventView },
    (c, i) => createEvent(c, i.body),
  );
  r.get("/api/disputes/events/:id", "disputes:read", "舆情事件详情", { ...byId, response: eventView }, (c, i) =>
    getEvent(c, i.params.id),
  );
  r.post(
    "/api/disputes/events/:id/steps",
    "disputes:manage",
    "记录处置步骤",
    { ...byId, body: eventStepInput, response: eventView },
    (c, i) => addEventStep(c, i.params.id, i.body),
  );
  r.post(
    "/api/disputes/events/:id/close",
    "disputes:manage",
    "办结并复盘",
    { ...byId, body: eventCloseInput, response: eventView },
    (c, i) => closeEvent(c, i.params.id, i.body),
  );
}
