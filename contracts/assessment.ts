import { z } from "zod";
import { activityIdList, activityRef } from "./activities.js";
import { safeLongText, safeText, uuid } from "./common.js";

/**
 * What a source module gives 考核评价 (insights) for a computed indicator: the records behind the figure, each
 * placed at a unit and a region, with whether it counts as done (on time, completed, …). The assessment freezes
 * these rows in its snapshot and hashes them.
 */
export type AssessmentRow = {
  /** The record's id (for an expected-but-missing report: a stable key such as "org:period"). */
  id: string;
  orgId: string;
  regionCode: string;
  title: string;
  /** The date the row is placed at (deadline, due date, activity date), YYYY-MM-DD. */
  date: string;
  /** Counted in the numerator. */
  ok: boolean;
  /** A short Chinese status for the list (按时、逾期、未报送…). */
  status: string;
};

/** Which rows a source module returns: of these units or of these region trees, placed within [from, to]. */
export type AssessmentRowQuery = {
  orgIds: string[];
  regionPrefixes: string[];
  from: string;
  to: string;
  /** The snapshot time: a deadline after it is not yet due. */
  asOf: Date;
};

// ---------------------------------------------------------------------------------------------------------
// 考核评价: rounds, computed and reported indicators, disputes, panel scores, ranking.

const isoDate = z.iso.date({ message: "应为 YYYY-MM-DD 格式的日期" });

/** The computed indicators: each a formula over one source module's records. */
export const ASSESSMENT_METRICS = [
  "plan_tasks_on_time",
  "plan_reports_on_time",
  "named_vs_target",
  "zero_reports_on_time",
  "service_requests_on_time",
  "activities_count",
] as const;
export const assessmentMetric = z.enum(ASSESSMENT_METRICS);
export type AssessmentMetric = z.infer<typeof assessmentMetric>;

export const ASSESSMENT_METRIC_LABELS: Record<AssessmentMetric, string> = {
  plan_tasks_on_time: "规划任务按期完成率",
  plan_reports_on_time: "进度报告按时报送率",
  named_vs_target: "示范单位命名数对目标完成率",
  zero_reports_on_time: "零报告按时报送率",
  service_requests_on_time: "服务申请按期答复率",
  activities_count: "开展活动数",
};

/** Each metric's formula as shown beside its figure. */
export const ASSESSMENT_METRIC_FORMULAS: Record<AssessmentMetric, string> = {
  plan_tasks_on_time: "截止日期在考核期内且已到期的任务中，按期报告“已完成”的任务数 ÷ 应完成任务数",
  plan_reports_on_time: "应报日期在考核期内的进度报告中，按时报送的份数 ÷ 已报送份数",
  named_vs_target: "考核期内命名且仍有效的示范单位数 ÷ 本年度命名目标数（封顶 100%）",
  zero_reports_on_time: "考核期内已到报送期限的零报告中，期限内首次报送的份数 ÷ 应报份数",
  service_requests_on_time: "办理期限在考核期内且已到期的服务申请中，按期答复数 ÷ 应答复数",
  activities_count: "考核期内已确认的主办、协办活动数 ÷ 目标活动数（封顶 100%）",
};

export const ROUND_STATUSES = ["draft", "collecting", "scoring", "published"] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];
export const ROUND_STATUS_LABELS: Record<RoundStatus, string> = {
  draft: "筹备中",
  collecting: "数据核对中",
  scoring: "评分中",
  published: "已发布",
};

export const DISPUTE_STATUSES = ["open", "corrected", "rejected"] as const;
export type AssessmentDisputeStatus = (typeof DISPUTE_STATUSES)[number];
export const ASSESSMENT_DISPUTE_STATUS_LABELS: Record<AssessmentDisputeStatus, string> = {
  open: "待处理",
  corrected: "已更正",
  rejected: "维持原值",
};

/** How one leaf of the indicator set is filled: computed from a metric, or reported by the unit with evidence. */
export const roundIndicator = z.discriminatedUnion("kind", [
  z.object({
    nodeCode: safeText(40),
    kind: z.literal("computed"),
    metric: assessmentMetric,
    /** For counts (activities_count): the number that earns full marks. */
    target: z.number().int().min(1).max(100000).optional(),
  }),
  z.object({ nodeCode: safeText(40), kind: z.literal("reported") }),
]);
export type RoundIndicator = z.infer<typeof roundIndicator>;

export const roundCreate = z.object({
  title: safeText(120),
  year: z.number().int().min(2000).max(2100),
  setId: uuid,
  windowFrom: isoDate,
  windowTo: isoDate,
  /** Member units assessed. */
  orgIds: z.array(uuid).max(500).default([]),
  /** Lower regions assessed. */
  regionCodes: z
    .array(z.string().regex(/^\d{2,12}$/, { message: "区划代码应为 2 到 12 位数字" }))
    .max(500)
    .default([]),
  indicators: z.array(roundIndicator).min(1).max(200),
  panelUserIds: z.array(uuid).max(50).default([]),
});
export type RoundCreate = z.infer<typeof roundCreate>;

export const assessmentRowView = z.object({
  id: z.string(),
  orgId: z.string(),
  regionCode: z.string(),
  title: z.string(),
  date: z.string(),
  ok: z.boolean(),
  status: z.string(),
});

export const computedValueView = z.object({
  id: uuid,
  subjectId: uuid,
  nodeCode: z.string(),
  title: z.string(),
  metric: assessmentMetric,
  metricLabel: z.string(),
  formula: z.string(),
  windowFrom: z.string(),
  windowTo: z.string(),
  numerator: z.number(),
  denominator: z.number(),
  /** 0..1 (null: nothing was due, counted as full marks). */
  ratio: z.number().nullable(),
  maxScore: z.number(),
  score: z.number(),
  inputHash: z.string(),
  snapshotAt: z.string(),
  corrected: z.boolean(),
  openDisputes: z.number(),
});
export type ComputedValueView = z.infer<typeof computedValueView>;

export const reportedEntry = z.object({
  nodeCode: safeText(40),
  text: safeLongText(4000),
  materialIds: z.array(uuid).max(20).default([]),
  /** Activity records (活动) cited as evidence (填一次，多处用): submitted or confirmed, readable by the unit. */
  activityIds: activityIdList.default([]),
});
export type ReportedEntry = z.infer<typeof reportedEntry>;
/** A stored reported item: what the unit filled, with the cited records as they were when saved. */
export const reportedEntryView = reportedEntry.extend({ activities: z.array(activityRef).default([]) });
export type ReportedEntryView = z.infer<typeof reportedEntryView>;

export const subjectView = z.object({
  id: uuid,
  kind: z.enum(["org", "region"]),
  orgId: z.string().nullable(),
  regionCode: z.string(),
  name: z.string(),
  reported: z.array(reportedEntryView),
  reportedSubmittedAt: z.string().nullable(),
  computedScore: z.number().nullable(),
  finalScore: z.number().nullable(),
  rank: z.number().nullable(),
  panelSheets: z.number(),
});
export type SubjectView = z.infer<typeof subjectView>;

export const roundSummary = z.object({
  id: uuid,
  title: z.string(),
  year: z.number(),
  regionCode: z.string(),
  orgId: uuid,
  orgName: z.string(),
  status: z.enum(ROUND_STATUSES),
  statusLabel: z.string(),
  subjects: z.number(),
  snapshotAt: z.string().nullable(),
  snapshotHash: z.string().nullable(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type RoundSummary = z.infer<typeof roundSummary>;

export const roundView = roundSummary.extend({
  setId: uuid,
  setName: z.string(),
  windowFrom: z.string(),
  windowTo: z.string(),
  indicators: z.array(
    z.object({
      nodeCode: z.string(),
      title: z.string(),
      maxScore: z.number(),
      kind: z.enum(["computed", "reported"]),
      metric: assessmentMetric.nullable(),
      metricLabel: z.string().nullable(),
      formula: z.string().nullable(),
      target: z.number().nullable(),
    }),
  ),
  panel: z.array(z.object({ userId: uuid, name: z.string() })),
  subjectList: z.array(subjectView),
  /** What the caller may do here. */
  manage: z.boolean(),
  isPanel: z.boolean(),
  ownSubjectIds: z.array(uuid),
});
export type RoundView = z.infer<typeof roundView>;

export const valueRecordsView = z.object({
  value: computedValueView,
  subjectName: z.string(),
  items: z.array(assessmentRowView),
});

export const disputeCreate = z.object({ valueId: uuid, reason: safeLongText(2000) });
export const disputeResolve = z.object({
  decision: z.enum(["corrected", "rejected"]),
  response: safeLongText(2000),
  /** The corrected figure (numerator, denominator) when corrected. */
  numerator: z.number().int().min(0).max(10_000_000).optional(),
  denominator: z.number().int().min(0).max(10_000_000).optional(),
});
export const disputeView = z.object({
  id: uuid,
  valueId: uuid,
  subjectId: uuid,
  subjectName: z.string(),
  nodeCode: z.string(),
  title: z.string(),
  reason: z.string(),
  status: z.enum(DISPUTE_STATUSES),
  statusLabel: z.string(),
  response: z.string().nullable(),
  createdByName: z.string(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export type AssessmentDisputeView = z.infer<typeof disputeView>;

export const valueHistoryView = z.object({
  kind: z.enum(["snapshot", "correction"]),
  numerator: z.number(),
  denominator: z.number(),
  score: z.number(),
  inputHash: z.string().nullable(),
  note: z.string().nullable(),
  actorName: z.string(),
  at: z.string(),
});

export const reportedSave = z.object({ entries: z.array(reportedEntry).max(200), submit: z.boolean().default(false) });
export const panelScoreSave = z.object({
  entries: z.array(
    z.object({
      nodeCode: safeText(40),
      score: z.number().min(0).max(1000).nullable().optional(),
      answer: z.enum(["yes", "no"]).nullable().optional(),
      grade: z.string().max(2).nullable().optional(),
    }),
  ),
});
export const rankingItem = z.object({
  rank: z.number(),
  subjectId: uuid,
  name: z.string(),
  computedScore: z.number(),
  reportedScore: z.number(),
  finalScore: z.number(),
  passed: z.boolean(),
});
export const rankingView = z.object({ roundId: uuid, published: z.boolean(), items: z.array(rankingItem) });
export type RankingView = z.infer<typeof rankingView>;

export const roundListQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export const valuesQuery = z.object({ subjectId: uuid.optional() });
export const panelScoreView = z.object({
  subjectId: uuid,
  entries: z.array(z.record(z.string(), z.unknown())),
  total: z.number().nullable(),
});
