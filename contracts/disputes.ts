import { z } from "zod";
import { listQuery, queryBool, regionCode, safeLongText, safeText, sortParam, uuid } from "./common.js";

/**
 * 风险防范: dispute cases (矛盾纠纷) with mediation, results and follow-up; escalation; 排查 campaigns; the
 * 零报告/季报 system with DHIS2 reporting and on-time rates; 应急预案 with drills; 舆情 events.
 */

const dateString = z.iso.date({ message: "应为 YYYY-MM-DD 格式的日期" });
const dateTime = z.iso.datetime({ offset: true, message: "应为带时区的时间" });

export const DISPUTE_SOURCE_DICT = "dispute_source";
export const DISPUTE_CATEGORY_DICT = "dispute_category";
export const DISPUTE_CHANNEL_DICT = "dispute_channel";

export const riskLevel = z.enum(["general", "serious", "major"]);
export type RiskLevel = z.infer<typeof riskLevel>;
export const RISK_LABELS: Record<RiskLevel, string> = { general: "一般", serious: "较大", major: "重大" };

export const caseStatus = z.enum(["registered", "mediating", "concluded", "closed"]);
export type CaseStatus = z.infer<typeof caseStatus>;
export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  registered: "已登记",
  mediating: "调解中",
  concluded: "已办结",
  closed: "已回访销案",
};

export const caseResult = z.enum(["resolved", "partial", "unresolved", "transferred"]);
export type CaseResult = z.infer<typeof caseResult>;
export const RESULT_LABELS: Record<CaseResult, string> = {
  resolved: "化解",
  partial: "部分化解",
  unresolved: "未化解",
  transferred: "转办",
};

export const alertKind = z.enum(["major_case", "overdue_case", "missing_report", "flagged_report"]);
export type AlertKind = z.infer<typeof alertKind>;
export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  major_case: "重大案件报告",
  overdue_case: "超期未化解",
  missing_report: "逾期未报",
  flagged_report: "“本期无”报告存疑",
};

export const reportKind = z.enum(["zero", "quarterly"]);
export type ReportKind = z.infer<typeof reportKind>;
export const REPORT_KIND_LABELS: Record<ReportKind, string> = { zero: "零报告", quarterly: "季报" };
export const frequency = z.enum(["monthly", "quarterly"]);
export const FREQUENCY_LABELS: Record<z.infer<typeof frequency>, string> = { monthly: "每月", quarterly: "每季度" };

/** A reporting period: "2026-11" (a month) or "2026Q4" (a quarter). */
export const periodKey = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])|Q[1-4])$/, {
  message: "报告期应为 2026-11（月）或 2026Q4（季度）格式",
});

export const disputeSettings = z.strictObject({
  majorReportHours: z.number().int().min(1).max(168),
  resolveDays: z.strictObject({
    general: z.number().int().min(1).max(365),
    serious: z.number().int().min(1).max(365),
    major: z.number().int().min(1).max(365),
  }),
  zeroFrequency: frequency,
  quarterlyFrequency: frequency,
  onTimeDays: z.number().int().min(0).max(60),
  remindDays: z.number().int().min(0).max(30),
});
export type DisputeSettings = z.infer<typeof disputeSettings>;
export const DEFAULT_DISPUTE_SETTINGS: DisputeSettings = {
  majorReportHours: 2,
  resolveDays: { general: 30, serious: 15, major: 7 },
  zeroFrequency: "monthly",
  quarterlyFrequency: "quarterly",
  onTimeDays: 5,
  remindDays: 3,
};

// ---- cases

export const partyInput = z.strictObject({
  name: safeText(30),
  phone: z
    .string()
    .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, { message: "应为手机号码或固定电话" })
    .optional(),
});

export const caseCreate = z.strictObject({
  source: safeText(40),
  category: safeText(40),
  regionCode,
  occurredOn: dateString,
  partyCount: z.number().int().min(1).max(9999),
  summary: safeLongText(2000),
  riskLevel,
  /** The responsible unit; the recording unit when omitted. */
  orgId: uuid.optional(),
  parties: z.array(partyInput).max(10).default([]),
});
export type CaseCreate = z.infer<typeof caseCreate>;

export const caseListQuery = listQuery.extend({
  status: caseStatus.optional(),
  riskLevel: riskLevel.optional(),
  category: safeText(40).optional(),
  regionCode: regionCode.optional(),
  from: dateString.optional(),
  to: dateString.optional(),
  ethnicFactor: queryBool.optional(),
  escalated: queryBool.optional(),
  /** In hand: registered or mediating (not yet 已办结). */
  open: queryBool.optional(),
  sort: sortParam(["occurredOn", "riskLevel", "createdAt"]),
});
export type CaseListQuery = z.infer<typeof caseListQuery>;

export const caseSummary = z.object({
  id: z.string(),
  code: z.string(),
  source: z.string(),
  sourceLabel: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  occurredOn: z.string(),
  partyCount: z.number(),
  summary: z.string(),
  riskLevel,
  status: caseStatus,
  result: caseResult.nullable(),
  orgId: z.string(),
  orgName: z.string(),
  recordedByOrgName: z.string(),
  resolveBy: z.string(),
  reportBy: z.string().nullable(),
  handlingRegion: z.string(),
  escalatedAt: z.string().nullable(),
  ethnicFactor: z.boolean(),
  createdAt: z.string(),
});
export type CaseSummary = z.infer<typeof caseSummary>;

export const partyView = z.object({ id: z.string(), name: z.string(), phone: z.string().nullable() });
export const mediationView = z.object({
  id: z.string(),
  heldOn: z.string(),
  mediator: z.string(),
  method: z.string(),
  outcome: z.string(),
});
export const followupView = z.object({
  id: z.string(),
  visitedOn: z.string(),
  visitor: z.string(),
  note: z.string(),
  stable: z.boolean(),
});
export const caseEventView = z.object({
  id: z.string(),
  kind: z.string(),
  at: z.string(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export const caseView = caseSummary.extend({
  resultNote: z.string().nullable(),
  transferredTo: z.string().nullable(),
  ethnicReason: z.string().nullable(),
  parties: z.array(partyView),
  mediations: z.array(mediationView),
  followups: z.array(followupView),
  events: z.array(caseEventView),
});
export type CaseView = z.infer<typeof caseView>;

export const mediationInput = z.strictObject({
  heldOn: dateString,
  mediator: safeText(60),
  method: safeText(60),
  outcome: safeLongText(1000),
});
export const concludeInput = z
  .strictObject({ result: caseResult, note: safeLongText(1000), transferredTo: safeText(100).optional() })
  .refine((v) => v.result !== "transferred" || !!v.transferredTo, {
    path: ["transferredTo"],
    message: "转办须写明转办去向",
  });
export const followupInput = z.strictObject({
  visitedOn: dateString,
  visitor: safeText(60),
  note: safeLongText(1000),
  stable: z.boolean(),
  /** 回访后销案. */
  close: z.boolean().default(false),
});
export const transferInput = z.strictObject({ orgId: uuid, reason: safeText(500) });
export const escalateInput = z.strictObject({ reason: safeText(500) });
export const ethnicMarkInput = z.strictObject({ mark: z.boolean(), reason: safeText(500) });
export const revealInput = z.strictObject({ field: z.enum(["name", "phone"]), reason: safeText(200) });
export const revealResult = z.object({ value: z.string().nullable() });
export const partyParams = z.object({ id: uuid, partyId: uuid });

export const statsQuery = z.object({
  regionCode: regionCode.optional(),
  from: dateString.optional(),
  to: dateString.optional(),
});
const statRow = z.object({ key: z.string(), label: z.string(), count: z.number() });
export const caseStats = z.object({
  total: z.number(),
  byCategory: z.array(statRow),
  byRisk: z.array(statRow),
  byRegion: z.array(statRow),
  byMonth: z.array(statRow),
});
export type CaseStats = z.infer<typeof caseStats>;

// ---- alerts

export const alertQuery = listQuery.extend({ open: queryBool.optional() });
export const alertView = z.object({
  id: z.string(),
  kind: alertKind,
  targetRegion: z.string(),
  targetRegionName: z.string(),
  caseId: z.string().nullable(),
  caseCode: z.string().nullable(),
  reportUnitName: z.string().nullable(),
  period: z.string().nullable(),
  summary: z.string(),
  dueAt: z.string().nullable(),
  createdAt: z.string(),
  ackAt: z.string().nullable(),
});
export type AlertView = z.infer<typeof alertView>;

// ---- campaigns

export const campaignCreate = z.strictObject({
  name: safeText(100),
  regionCode,
  startsOn: dateString,
  endsOn: dateString,
  orgIds: z.array(uuid).min(1).max(2000),
  checklist: z.array(safeText(100)).min(1).max(50),
});
export const campaignReportInput = z.strictObject({
  placesChecked: z.number().int().min(0).max(100000),
  checks: z.array(z.boolean()).max(50),
  caseIds: z.array(uuid).max(500).default([]),
  note: safeLongText(1000).optional(),
});
export const campaignUnitView = z.object({
  orgId: z.string(),
  orgName: z.string(),
  regionCode: z.string(),
  placesChecked: z.number().nullable(),
  issuesFound: z.number().nullable(),
  checks: z.array(z.boolean()),
  note: z.string().nullable(),
  submittedAt: z.string().nullable(),
});
/** Completion of a campaign under one lower region (its units and below). */
export const campaignRegionView = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  assigned: z.number(),
  submitted: z.number(),
  issuesFound: z.number(),
  /** Cases linked by the units' screening reports that were recorded during the campaign (new from it). */
  casesCreated: z.number(),
});
/** Drill-down of a campaign's roll-up: the region whose lower regions and units are listed (the campaign's by default). */
export const campaignQuery = z.strictObject({ regionCode: regionCode.optional() });
export const campaignView = z.object({
  id: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  orgName: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  checklist: z.array(z.string()),
  assigned: z.number(),
  submitted: z.number(),
  issuesFound: z.number(),
  casesCreated: z.number(),
  /** The region the roll-up is drilled to (the campaign's own region unless asked), its lower regions, its units. */
  viewRegionCode: z.string(),
  viewRegionName: z.string(),
  regions: z.array(campaignRegionView),
  units: z.array(campaignUnitView),
});
export type CampaignRegionView = z.infer<typeof campaignRegionView>;
export type CampaignView = z.infer<typeof campaignView>;

// ---- 零报告 / 季报

export const reportUnitsInput = z.strictObject({ orgIds: z.array(uuid).min(1).max(5000) });
export const reportUnitView = z.object({
  orgId: z.string(),
  orgName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  superiorOrgName: z.string().nullable(),
});
export const reportInput = z.strictObject({
  kind: reportKind,
  period: periodKey,
  nothing: z.boolean(),
  caseIds: z.array(uuid).max(500).default([]),
  eventIds: z.array(uuid).max(500).default([]),
  note: safeLongText(1000).optional(),
});
export const reportCorrection = z.strictObject({
  nothing: z.boolean(),
  caseIds: z.array(uuid).max(500).default([]),
  eventIds: z.array(uuid).max(500).default([]),
  note: safeLongText(1000).optional(),
  reason: safeText(200),
});
export const reportView = z.object({
  id: z.string(),
  kind: reportKind,
  orgId: z.string(),
  orgName: z.string(),
  period: z.string(),
  nothing: z.boolean(),
  caseIds: z.array(z.string()),
  eventIds: z.array(z.string()),
  note: z.string().nullable(),
  version: z.number(),
  firstReceivedAt: z.string(),
  receivedAt: z.string(),
  onTime: z.boolean(),
  flaggedAt: z.string().nullable(),
  flagNote: z.string().nullable(),
});
export type ReportView = z.infer<typeof reportView>;
export const deskQuery = z.object({ kind: reportKind.default("zero") });
export const deskPeriod = z.object({
  period: z.string(),
  label: z.string(),
  dueAt: z.string(),
  state: z.enum(["current", "due", "overdue", "filed", "late"]),
  report: reportView.nullable(),
});
export const deskView = z.object({
  kind: reportKind,
  orgName: z.string(),
  assigned: z.boolean(),
  periods: z.array(deskPeriod),
});
export type DeskView = z.infer<typeof deskView>;

export const complianceQuery = z.object({
  kind: reportKind.default("zero"),
  regionCode: regionCode.optional(),
  from: periodKey.optional(),
  to: periodKey.optional(),
});
const rateFields = {
  expected: z.number(),
  received: z.number(),
  onTime: z.number(),
  reportingRate: z.number().nullable(),
  onTimeRate: z.number().nullable(),
};
export const complianceView = z.object({
  kind: reportKind,
  regionCode: z.string(),
  regionName: z.string(),
  periods: z.array(z.string()),
  units: z.number(),
  ...rateFields,
  children: z.array(z.object({ regionCode: z.string(), regionName: z.string(), units: z.number(), ...rateFields })),
});
export type ComplianceView = z.infer<typeof complianceView>;
export const complianceUnitsQuery = complianceQuery.extend({ state: z.enum(["missing", "late"]) });
export const complianceUnit = z.object({
  orgId: z.string(),
  orgName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  periods: z.array(z.string()),
});
export const docxQuery = z.object({ period: z.string().regex(/^\d{4}Q[1-4]$/, { message: "应为 2026Q4 格式的季度" }) });
export const exportQuery = statsQuery;

// ---- emergency plans

export const planCreate = z.strictObject({
  name: safeText(100),
  level: safeText(20),
  scope: safeText(200),
  version: safeText(20),
  regionCode,
  materialId: uuid.optional(),
  reviewDue: dateString,
});
export const drillCreate = z.strictObject({
  heldOn: dateString,
  scenario: safeLongText(500),
  participants: z.number().int().min(1).max(100000),
  evaluation: safeLongText(1000),
  issues: z
    .array(z.strictObject({ issue: safeText(200), ownerOrgId: uuid, dueOn: dateString }))
    .max(50)
    .default([]),
});
export const rectificationDone = z.strictObject({ note: safeLongText(500) });
export const RECTIFICATION_STATE_LABELS = { open: "整改中", overdue: "已逾期", done: "已整改" } as const;
export const rectificationView = z.object({
  id: z.string(),
  issue: z.string(),
  ownerOrgId: z.string(),
  ownerOrgName: z.string(),
  /** done; overdue = not done and its deadline (dueOn) has passed (Beijing date); else open. */
  state: z.enum(["open", "overdue", "done"]),
  dueOn: z.string(),
  doneAt: z.string().nullable(),
  doneNote: z.string().nullable(),
});
export const drillView = z.object({
  id: z.string(),
  heldOn: z.string(),
  scenario: z.string(),
  participants: z.number(),
  evaluation: z.string(),
  rectifications: z.array(rectificationView),
});
export const emergencyPlanView = z.object({
  id: z.string(),
  name: z.string(),
  level: z.string(),
  scope: z.string(),
  version: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  orgName: z.string(),
  materialId: z.string().nullable(),
  reviewDue: z.string(),
  dueForReview: z.boolean(),
  drills: z.array(drillView),
});
export type EmergencyPlanView = z.infer<typeof emergencyPlanView>;
export const planQuery = listQuery.extend({ dueForReview: queryBool.optional() });

// ---- public-opinion events (about events, never individuals)

export const eventCreate = z.strictObject({
  foundAt: dateTime,
  channel: safeText(40),
  summary: safeLongText(1000),
  grade: riskLevel,
  regionCode,
});
export const eventStepInput = z.strictObject({ at: dateTime, action: safeLongText(500) });
export const eventCloseInput = z.strictObject({ closure: safeLongText(1000), review: safeLongText(1000) });
export const EVENT_STATUS_LABELS = { open: "处置中", closed: "已办结" } as const;
export const eventView = z.object({
  id: z.string(),
  foundAt: z.string(),
  channel: z.string(),
  channelLabel: z.string(),
  summary: z.string(),
  grade: riskLevel,
  regionCode: z.string(),
  regionName: z.string(),
  orgName: z.string(),
  status: z.enum(["open", "closed"]),
  closure: z.string().nullable(),
  review: z.string().nullable(),
  steps: z.array(z.object({ id: z.string(), at: z.string(), action: z.string() })),
});
export type EventView = z.infer<typeof eventView>;
export const eventQuery = listQuery.extend({ status: z.enum(["open", "closed"]).optional() });
