import { z } from "zod";
import { activityRef } from "./activities.js";
import { listQuery, queryBool, safeLongText, safeText, uuid } from "./common.js";
import {
  dateString,
  evaluationReportKind,
  lagReason,
  nodeKind,
  periodKey,
  planAccess,
  planNodeView,
  rectificationStatus,
  submissionState,
  taskStatus,
  todoKind,
  unitRole,
} from "./plans.js";

/**
 * 规划实施监测, the work after import: progress reports per reporting period, submissions, roll-ups, 督查督办
 * (inspections → rectifications), to-dos and a unit's own tasks. Split from contracts/plans.ts (plans, their
 * tree and the import), whose enums and labels these schemas use.
 */

// ---------------------------------------------------------------------------------------------
// Periods and progress reports

export const periodView = z.object({
  key: z.string(),
  label: z.string(),
  start: z.string(),
  end: z.string(),
  dueAt: z.string(),
  remindAt: z.string(),
  state: z.enum(["past", "current", "future"]),
});
export type PeriodView = z.infer<typeof periodView>;

export const reportInput = z.strictObject({
  period: periodKey,
  status: taskStatus,
  percent: z.number().int().min(0).max(100),
  narrative: safeLongText(5000).default(""),
  metricValue: z.number().min(-1e12).max(1e12).nullish(),
  evidenceIds: z.array(uuid).max(20).default([]),
  /** Activity records (活动) cited as evidence: submitted or confirmed ones the reporting unit may read. */
  activityIds: z.array(uuid).max(20).default([]),
});
export type ReportInput = z.infer<typeof reportInput>;

export const evidenceRef = z.object({ id: z.string(), title: z.string(), fileName: z.string() });
/** An activity record cited by a report: opened through the plan (GET /api/plans/:id/activities/:activityId). */
export { type ActivityRef, activityRef } from "./activities.js";

export const reportView = z.object({
  id: z.string(),
  planId: z.string(),
  nodeId: z.string(),
  nodeNumber: z.string(),
  nodeTitle: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  status: taskStatus,
  percent: z.number(),
  narrative: z.string(),
  metricValue: z.number().nullable(),
  evidence: z.array(evidenceRef),
  activities: z.array(activityRef),
  submittedAt: z.string(),
  dueAt: z.string(),
  late: z.boolean(),
  updatedAt: z.string(),
});
export type ReportView = z.infer<typeof reportView>;

export const reportListQuery = listQuery.extend({
  period: periodKey.optional(),
  nodeId: uuid.optional(),
  orgId: uuid.optional(),
  status: taskStatus.optional(),
  late: queryBool.optional(),
});
export type ReportListQuery = z.infer<typeof reportListQuery>;

export const submissionQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  /** Default: the latest period whose deadline has passed (before the first deadline: the running period). */
  period: periodKey.optional(),
  state: submissionState.optional(),
  orgId: uuid.optional(),
});
export type SubmissionQuery = z.infer<typeof submissionQuery>;

export const submissionView = z.object({
  nodeId: z.string(),
  nodeNumber: z.string(),
  nodeTitle: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  role: unitRole,
  period: z.string(),
  dueAt: z.string(),
  state: submissionState,
  reportId: z.string().nullable(),
  submittedAt: z.string().nullable(),
  status: taskStatus.nullable(),
  percent: z.number().nullable(),
});

export const submissionPage = z.object({
  period: z.string(),
  periodLabel: z.string(),
  dueAt: z.string(),
  counts: z.object({ on_time: z.number(), late: z.number(), missing: z.number(), pending: z.number() }),
  items: z.array(submissionView),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

// ---------------------------------------------------------------------------------------------
// Roll-up

export const rollupNode = z.object({
  nodeId: z.string(),
  kind: nodeKind,
  number: z.string(),
  title: z.string(),
  depth: z.number(),
  tasks: z.number(),
  weight: z.number(),
  completion: z.number().nullable(),
  completed: z.number(),
  lagging: z.number(),
});

export const rollupUnit = z.object({
  orgId: z.string(),
  orgName: z.string(),
  regionCode: z.string(),
  tasks: z.number(),
  leadTasks: z.number(),
  completion: z.number().nullable(),
  completed: z.number(),
  lagging: z.number(),
  reported: z.number(),
  lateReports: z.number(),
  missing: z.number(),
  rectificationsOpen: z.number(),
  rectificationsOverdue: z.number(),
});

export const rollupRegion = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  units: z.number(),
  /** Task assignments carried by the region's units (a task shared by two of its units counts twice). */
  tasks: z.number(),
  completion: z.number().nullable(),
  lagging: z.number(),
});

export const laggingTask = z.object({
  nodeId: z.string(),
  number: z.string(),
  title: z.string(),
  chapterTitle: z.string().nullable(),
  completion: z.number(),
  expected: z.number(),
  reasons: z.array(lagReason),
  units: z.array(z.string()),
  leadOrgName: z.string().nullable(),
});

export const rectificationCounts = z.object({
  total: z.number(),
  open: z.number(),
  closed: z.number(),
  verified: z.number(),
  overdue: z.number(),
  escalated: z.number(),
});

export const rollupQuery = z.object({
  /** Recompute now instead of reusing the roll-up computed in the last minute for this plan revision. */
  fresh: queryBool.optional(),
});

export const rollupView = z.object({
  planId: z.string(),
  asOf: z.string(),
  /** The latest period whose deadline has passed (null before the first deadline). */
  lastDuePeriod: z.string().nullable(),
  summary: z.object({
    tasks: z.number(),
    units: z.number(),
    assignments: z.number(),
    completion: z.number().nullable(),
    expected: z.number(),
    completed: z.number(),
    inProgress: z.number(),
    notStarted: z.number(),
    lagging: z.number(),
    reported: z.number(),
    lateReports: z.number(),
    missing: z.number(),
    rectifications: rectificationCounts,
  }),
  byChapter: z.array(rollupNode),
  byUnit: z.array(rollupUnit),
  byRegion: z.array(rollupRegion),
  lagging: z.array(laggingTask),
});
export type RollupView = z.infer<typeof rollupView>;

// ---------------------------------------------------------------------------------------------
// Supervision (督查督办)

export const findingInput = z.strictObject({
  finding: safeLongText(2000).pipe(z.string().min(1)),
  requirement: safeLongText(2000).default(""),
  nodeId: uuid.nullish(),
  ownerOrgId: uuid,
  deadline: dateString,
});
export type FindingInput = z.infer<typeof findingInput>;

export const inspectionCreate = z.strictObject({
  title: safeText(200),
  inspectedOn: dateString,
  description: safeLongText(5000).default(""),
  findings: z.array(findingInput).max(200).default([]),
});
export type InspectionCreate = z.infer<typeof inspectionCreate>;

export const rectificationView = z.object({
  id: z.string(),
  planId: z.string(),
  inspectionId: z.string(),
  inspectionTitle: z.string(),
  inspectingOrgId: z.string(),
  nodeId: z.string().nullable(),
  nodeTitle: z.string().nullable(),
  finding: z.string(),
  requirement: z.string(),
  ownerOrgId: z.string(),
  ownerOrgName: z.string(),
  deadline: z.string(),
  status: rectificationStatus,
  overdue: z.boolean(),
  closureNote: z.string().nullable(),
  closureEvidence: z.array(evidenceRef),
  closedAt: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  verifyNote: z.string().nullable(),
  returnCount: z.number(),
  escalatedAt: z.string().nullable(),
  escalatedToOrgId: z.string().nullable(),
  escalatedToOrgName: z.string().nullable(),
  createdAt: z.string(),
});
export type RectificationView = z.infer<typeof rectificationView>;

export const inspectionView = z.object({
  id: z.string(),
  planId: z.string(),
  title: z.string(),
  inspectedOn: z.string(),
  description: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  createdAt: z.string(),
  rectifications: z.array(rectificationView),
});

export const rectificationListQuery = listQuery.extend({
  status: rectificationStatus.optional(),
  overdue: queryBool.optional(),
  ownerOrgId: uuid.optional(),
});
export type RectificationListQuery = z.infer<typeof rectificationListQuery>;

export const rectificationClose = z.strictObject({
  note: safeLongText(2000).pipe(z.string().min(1)),
  evidenceIds: z.array(uuid).min(1).max(20),
});

export const rectificationVerify = z.strictObject({
  approved: z.boolean(),
  note: safeLongText(2000).default(""),
});

// ---------------------------------------------------------------------------------------------
// A unit's view: to-dos and tasks

export const todoQuery = z.object({
  /** Another organization's list (the issuing department looking at a unit); default: the caller's. */
  orgId: uuid.optional(),
});

export const todoView = z.object({
  kind: todoKind,
  planId: z.string(),
  planTitle: z.string(),
  nodeId: z.string().nullable(),
  nodeNumber: z.string().nullable(),
  nodeTitle: z.string().nullable(),
  period: z.string().nullable(),
  periodLabel: z.string().nullable(),
  rectificationId: z.string().nullable(),
  title: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
});
export type TodoView = z.infer<typeof todoView>;

export const todoList = z.object({ orgId: z.string(), items: z.array(todoView), total: z.number() });

export const myTaskQuery = listQuery.extend({
  planId: uuid.optional(),
  status: taskStatus.optional(),
  orgId: uuid.optional(),
});
export type MyTaskQuery = z.infer<typeof myTaskQuery>;

export const myTaskView = z.object({
  planId: z.string(),
  planTitle: z.string(),
  nodeId: z.string(),
  number: z.string(),
  title: z.string(),
  chapterTitle: z.string().nullable(),
  role: unitRole,
  deadline: z.string().nullable(),
  status: taskStatus.nullable(),
  percent: z.number().nullable(),
  latestPeriod: z.string().nullable(),
  reportedAt: z.string().nullable(),
});

export const nodeDetailView = z.object({
  node: planNodeView,
  planId: z.string(),
  access: planAccess,
  reports: z.array(reportView),
});

export const evaluationReportQuery = z.object({ kind: evaluationReportKind.default("midterm") });
/** The 评估数据 .xlsx: the data of the 中期 or (by default) the 总结 report, as of that report's cut-off. */
export const evaluationDataQuery = z.object({ kind: evaluationReportKind.optional() });
