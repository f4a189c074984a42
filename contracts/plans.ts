import { z } from "zod";
import { listQuery, regionCode, safeLongText, safeText, sortParam, uuid } from "./common.js";

/**
 * 规划实施监测 (plans): plans with their 章/节/专栏/任务 tree, import from .docx/.txt, progress reports per
 * reporting period, roll-ups, 督查督办 (inspections → rectifications) and evaluation reports.
 */

export const PLAN_CYCLE_LABELS = { monthly: "月度", quarterly: "季度", half_yearly: "半年", yearly: "年度" } as const;
export const planCycle = z.enum(["monthly", "quarterly", "half_yearly", "yearly"]);
export type PlanCycle = z.infer<typeof planCycle>;

export const PLAN_STATUS_LABELS = { draft: "草稿", active: "实施中", closed: "已结束" } as const;
export const planStatus = z.enum(["draft", "active", "closed"]);
export type PlanStatus = z.infer<typeof planStatus>;

export const NODE_KIND_LABELS = { chapter: "章", section: "节", column: "专栏", task: "任务", item: "条目" } as const;
export const nodeKind = z.enum(["chapter", "section", "column", "task", "item"]);
export type NodeKind = z.infer<typeof nodeKind>;

export const UNIT_ROLE_LABELS = { lead: "牵头单位", responsible: "责任单位" } as const;
export const unitRole = z.enum(["lead", "responsible"]);

export const TASK_STATUS_LABELS = {
  not_started: "未启动",
  in_progress: "推进中",
  completed: "已完成",
  lagging: "滞后",
} as const;
export const taskStatus = z.enum(["not_started", "in_progress", "completed", "lagging"]);
export type TaskStatus = z.infer<typeof taskStatus>;

/** Whether a responsible unit reported a period: in time, late, not at all after the deadline, or not yet due. */
export const SUBMISSION_STATE_LABELS = {
  on_time: "按时报送",
  late: "逾期报送",
  missing: "逾期未报",
  pending: "待报送",
} as const;
export const submissionState = z.enum(["on_time", "late", "missing", "pending"]);
export type SubmissionState = z.infer<typeof submissionState>;

export const RECTIFICATION_STATUS_LABELS = { open: "整改中", closed: "已整改待核验", verified: "已核验销号" } as const;
export const rectificationStatus = z.enum(["open", "closed", "verified"]);
export type RectificationStatus = z.infer<typeof rectificationStatus>;

export const RESOLUTION_STATUS_LABELS = {
  exact: "名称匹配",
  alias: "别名匹配",
  fuzzy: "模糊匹配",
  collective: "统称（多个单位）",
  unmatched: "未匹配",
} as const;
export const resolutionStatus = z.enum(["exact", "alias", "fuzzy", "collective", "unmatched"]);

export const EVALUATION_REPORT_KIND_LABELS = { midterm: "中期评估报告", final: "总结评估报告" } as const;
export const evaluationReportKind = z.enum(["midterm", "final"]);
export type EvaluationReportKind = z.infer<typeof evaluationReportKind>;

/** What the caller may do with a plan: the issuing department manages, upper levels read, units see their tasks. */
export const PLAN_ACCESS_LABELS = { manage: "管理", read: "只读", unit: "责任单位" } as const;
export const planAccess = z.enum(["manage", "read", "unit"]);
export type PlanAccess = z.infer<typeof planAccess>;

export const TODO_KIND_LABELS = {
  report: "进度报送",
  rectify: "整改落实",
  verify: "整改核验",
  escalated: "逾期整改督办",
} as const;
export const todoKind = z.enum(["report", "rectify", "verify", "escalated"]);

export const LAG_REASON_LABELS = { status: "责任单位报告滞后", behind: "进度落后于时序进度" } as const;
export const lagReason = z.enum(["status", "behind"]);

/**
 * A reporting period: "2026" (年度), "2026H1" (半年), "2026Q1" (季度) or "2026M03" (月度). Keys of one cycle
 * sort in time order as plain strings.
 */
export const periodKey = z.string().regex(/^\d{4}(Q[1-4]|H[12]|M(0[1-9]|1[0-2]))?$/, {
  message: "应为报告期，如 2026Q1（季度）、2026H1（半年）、2026M03（月度）或 2026（年度）",
});

export const dateString = z.iso.date({ message: "应为 YYYY-MM-DD 格式的日期" });
const year = z.number().int().min(2000).max(2100);
const number = safeText(30, 0);

export const milestone = z.strictObject({
  year,
  content: safeLongText(500),
  /** Expected completion (%) at the end of that year; used for the time-progress line of lagging checks. */
  percent: z.number().int().min(0).max(100).nullish(),
});
export type Milestone = z.infer<typeof milestone>;

/** The task attributes an editor sets (all optional on update). */
const taskFields = {
  weight: z.number().min(0).max(1000),
  deadline: dateString.nullable(),
  milestones: z.array(milestone).max(30),
  metricName: safeText(50).nullable(),
  metricUnit: safeText(20).nullable(),
  baseline: z.number().min(-1e12).max(1e12).nullable(),
  targetValue: z.number().min(-1e12).max(1e12).nullable(),
};

// ---------------------------------------------------------------------------------------------
// Plans

const planMetaFields = {
  title: safeText(200),
  docNumber: safeText(100).nullish(),
  periodStart: year,
  periodEnd: year,
  cycle: planCycle,
  /** A period's report is due this many days after the period ends. */
  graceDays: z.number().int().min(0).max(90).default(10),
  /** The report becomes a to-do this many days before its deadline. */
  remindDays: z.number().int().min(0).max(90).default(15),
  /** Reports are owed from this period on; default: the period running when the plan is created. */
  reportFrom: periodKey.optional(),
};

const periodOrder = (v: { periodStart?: number; periodEnd?: number }) =>
  v.periodStart === undefined || v.periodEnd === undefined || v.periodEnd >= v.periodStart;
const periodOrderError = { message: "结束年份不能早于开始年份", path: ["periodEnd"] };

export const planCreate = z
  .strictObject({ ...planMetaFields, regionCode: regionCode.optional() })
  .refine(periodOrder, periodOrderError);
export type PlanCreate = z.infer<typeof planCreate>;

export const planUpdate = z
  .strictObject({
    title: safeText(200).optional(),
    docNumber: safeText(100).nullish(),
    periodStart: year.optional(),
    periodEnd: year.optional(),
    cycle: planCycle.optional(),
    graceDays: z.number().int().min(0).max(90).optional(),
    remindDays: z.number().int().min(0).max(90).optional(),
    reportFrom: periodKey.optional(),
    status: planStatus.optional(),
  })
  .refine(periodOrder, periodOrderError);
export type PlanUpdate = z.infer<typeof planUpdate>;

export const planSummary = z.object({
  id: z.string(),
  title: z.string(),
  docNumber: z.string().nullable(),
  issuingOrgId: z.string(),
  issuingOrgName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  periodStart: z.number(),
  periodEnd: z.number(),
  cycle: planCycle,
  status: planStatus,
  graceDays: z.number(),
  remindDays: z.number(),
  reportFrom: z.string().nullable(),
  sourceFileName: z.string().nullable(),
  taskCount: z.number(),
  access: planAccess,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PlanSummary = z.infer<typeof planSummary>;

export const planListQuery = listQuery.extend({
  status: planStatus.optional(),
  regionCode: regionCode.optional(),
  sort: sortParam(["title", "createdAt", "periodStart"]),
});
export type PlanListQuery = z.infer<typeof planListQuery>;

export const nodeUnit = z.object({
  orgId: z.string(),
  orgName: z.string(),
  role: unitRole,
  /** The unit's latest report on the task (null: none yet). */
  status: taskStatus.nullable(),
  percent: z.number().nullable(),
  latestPeriod: z.string().nullable(),
  reportedAt: z.string().nullable(),
});

export type PlanNodeView = {
  id: string;
  parentId: string | null;
  kind: NodeKind;
  number: string;
  title: string;
  text: string;
  sort: number;
  weight: number;
  deadline: string | null;
  milestones: Milestone[];
  metricName: string | null;
  metricUnit: string | null;
  baseline: number | null;
  targetValue: number | null;
  leadOrgId: string | null;
  units: z.infer<typeof nodeUnit>[];
  /** The caller's organization carries this task (or the task this item belongs to). */
  own: boolean;
  /** Only the heading is shown: an outline node seen by a responsible unit. */
  outlineOnly: boolean;
  children: PlanNodeView[];
};

export const planNodeView: z.ZodType<PlanNodeView> = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  kind: nodeKind,
  number: z.string(),
  title: z.string(),
  text: z.string(),
  sort: z.number(),
  weight: z.number(),
  deadline: z.string().nullable(),
  milestones: z.array(z.object({ year: z.number(), content: z.string(), percent: z.number().nullable().optional() })),
  metricName: z.string().nullable(),
  metricUnit: z.string().nullable(),
  baseline: z.number().nullable(),
  targetValue: z.number().nullable(),
  leadOrgId: z.string().nullable(),
  units: z.array(nodeUnit),
  own: z.boolean(),
  outlineOnly: z.boolean(),
  get children() {
    return z.array(planNodeView);
  },
});

export const planCounts = z.object({
  chapters: z.number(),
  sections: z.number(),
  columns: z.number(),
  tasks: z.number(),
  items: z.number(),
});

export const planView = planSummary.extend({ counts: planCounts, nodes: z.array(planNodeView) });
export type PlanView = z.infer<typeof planView>;

// ---------------------------------------------------------------------------------------------
// Tree editing

export const nodeCreate = z.strictObject({
  parentNodeId: uuid.nullable().default(null),
  /** 0-based position among the new siblings; default: last. */
  position: z.number().int().min(0).max(100_000).optional(),
  kind: nodeKind,
  number: number.default(""),
  title: safeText(300),
  text: safeLongText(20_000).default(""),
  weight: taskFields.weight.default(1),
  deadline: taskFields.deadline.optional(),
  milestones: taskFields.milestones.default([]),
  metricName: taskFields.metricName.optional(),
  metricUnit: taskFields.metricUnit.optional(),
  baseline: taskFields.baseline.optional(),
  targetValue: taskFields.targetValue.optional(),
  leadOrgId: uuid.nullish(),
  orgIds: z.array(uuid).max(500).default([]),
});
export type NodeCreate = z.infer<typeof nodeCreate>;

export const nodeUpdate = z.strictObject({
  kind: nodeKind.optional(),
  number: number.optional(),
  title: safeText(300).optional(),
  text: safeLongText(20_000).optional(),
  weight: taskFields.weight.optional(),
  deadline: taskFields.deadline.optional(),
  milestones: taskFields.milestones.optional(),
  metricName: taskFields.metricName.optional(),
  metricUnit: taskFields.metricUnit.optional(),
  baseline: taskFields.baseline.optional(),
  targetValue: taskFields.targetValue.optional(),
  /** The lead unit; it is also one of the responsible units. */
  leadOrgId: uuid.nullish(),
  /** All responsible units (the lead included or added). */
  orgIds: z.array(uuid).max(500).optional(),
});
export type NodeUpdate = z.infer<typeof nodeUpdate>;

export const nodeMove = z.strictObject({
  parentNodeId: uuid.nullable(),
  position: z.number().int().min(0).max(100_000),
});

export const nodeSplit = z.strictObject({
  /** What the original task keeps. */
  text: safeLongText(20_000),
  title: safeText(300).optional(),
  /** The new task, placed right after the original with the same units and weight. */
  newTitle: safeText(300),
  newText: safeLongText(20_000).default(""),
  newNumber: number.optional(),
});

export const nodeMerge = z.strictObject({
  /** The first task survives; the others are merged into it (units united, reports moved where they do not clash). */
  nodeIds: z.array(uuid).min(2).max(50),
  title: safeText(300).optional(),
  text: safeLongText(40_000).optional(),
});

// ---------------------------------------------------------------------------------------------
// Import

export type PlanTreeInput = {
  kind: NodeKind;
  number: string;
  title: string;
  text: string;
  units: string[];
  leadUnit?: string | null;
  weight: number;
  deadline?: string | null;
  milestones: Milestone[];
  metricName?: string | null;
  metricUnit?: string | null;
  baseline?: number | null;
  targetValue?: number | null;
  line?: number;
  children: PlanTreeInput[];
  /** Unnumbered paragraphs the preview offered as tasks under this heading; only the accepted ones are committed. */
  candidates?: PlanCandidateInput[];
  /** Points of a 指导思想/基本原则 heading, shown in the preview; not stored as nodes. */
  principles?: PlanPrinciple[];
  /** The units were suggested from the task's text ("由A牵头"), not from a 责任单位 clause. */
  unitsSuggested?: boolean;
};
export type PlanCandidateInput = Omit<PlanTreeInput, "kind" | "candidates"> & { kind: "task"; accepted: boolean };
export type PlanPrinciple = { number: string; title: string; line: number };
const planPrinciple = z.object({
  number: z.string().max(20),
  title: z.string().max(300),
  line: z.number().int().min(0),
});

/** One node of the (possibly edited) preview tree sent back to commit. Unit names are the raw names. */
export const planTreeInput: z.ZodType<PlanTreeInput, unknown> = z.strictObject({
  kind: nodeKind,
  number: number.default(""),
  title: safeText(300),
  text: safeLongText(20_000).default(""),
  units: z.array(safeText(100)).max(200).default([]),
  leadUnit: safeText(100).nullish(),
  weight: taskFields.weight.default(1),
  deadline: taskFields.deadline.optional(),
  milestones: taskFields.milestones.default([]),
  metricName: taskFields.metricName.optional(),
  metricUnit: taskFields.metricUnit.optional(),
  baseline: taskFields.baseline.optional(),
  targetValue: taskFields.targetValue.optional(),
  /** The source line shown in the preview (kept for reference). */
  line: z.number().int().min(0).max(10_000_000).optional(),
  get children() {
    return z.array(planTreeInput).max(2000).default([]);
  },
  get candidates() {
    return z.array(planCandidateInput).max(2000).optional();
  },
  principles: z.array(planPrinciple).max(200).optional(),
  unitsSuggested: z.boolean().optional(),
});
/** A candidate task sent back with the user's decision. */
const planCandidateInput: z.ZodType<PlanCandidateInput, unknown> = z.strictObject({
  kind: z.literal("task"),
  number: number.default(""),
  title: safeText(300),
  text: safeLongText(20_000).default(""),
  units: z.array(safeText(100)).max(200).default([]),
  leadUnit: safeText(100).nullish(),
  weight: taskFields.weight.default(1),
  milestones: taskFields.milestones.default([]),
  line: z.number().int().min(0).max(10_000_000).optional(),
  children: z.array(planTreeInput).max(0).default([]),
  unitsSuggested: z.boolean().optional(),
  accepted: z.boolean().default(false),
});

/** How the user settles a unit name: these organizations, a new organization, or "not a unit". */
export const unitMapping = z.union([
  z.strictObject({ orgIds: z.array(uuid).min(1).max(500) }),
  z.strictObject({
    create: z.strictObject({
      name: safeText(100),
      type: z.string().regex(/^[a-z_]{2,30}$/, { message: "机构类型编码不正确" }),
    }),
  }),
  z.strictObject({ ignore: z.literal(true) }),
]);
export type UnitMapping = z.infer<typeof unitMapping>;

export const importCommit = z
  .strictObject({
    ...planMetaFields,
    regionCode: regionCode.optional(),
    status: planStatus.default("active"),
    sourceFileName: safeText(200).nullish(),
    tree: z.array(planTreeInput).min(1).max(2000),
    /** Raw unit name → organizations. Needed for every name the preview could not settle; may override others. */
    mapping: z.record(safeText(100), unitMapping).default({}),
    /** The user confirmed importing a plan in which no task has a responsible unit (else 409 PLAN_NO_UNITS). */
    confirmNoUnits: z.boolean().default(false),
  })
  .refine(periodOrder, periodOrderError);
export type ImportCommit = z.infer<typeof importCommit>;

export const resolutionView = z.object({
  name: z.string(),
  status: resolutionStatus,
  orgs: z.array(z.object({ id: z.string(), name: z.string(), regionCode: z.string() })),
  candidates: z.array(z.object({ id: z.string(), name: z.string(), score: z.number() })),
  score: z.number(),
  /** The user must map this name (unmatched, doubtful, ambiguous, or a collective that matched nothing). */
  needsMapping: z.boolean(),
  /** How many nodes name it. */
  nodeCount: z.number(),
});

export type PlanTreePreview = {
  kind: NodeKind;
  number: string;
  title: string;
  text: string;
  units: string[];
  leadUnit: string | null;
  weight: number;
  milestones: Milestone[];
  line: number;
  children: PlanTreePreview[];
  /** Candidate tasks offered from unnumbered paragraphs (accepted: false until the user accepts one). */
  candidates?: (Omit<PlanTreePreview, "kind"> & { kind: "task"; accepted: boolean })[];
  principles?: PlanPrinciple[];
  unitsSuggested?: boolean;
};
export const planTreePreview: z.ZodType<PlanTreePreview> = z.object({
  kind: nodeKind,
  number: z.string(),
  title: z.string(),
  text: z.string(),
  units: z.array(z.string()),
  leadUnit: z.string().nullable(),
  weight: z.number(),
  milestones: z.array(z.object({ year: z.number(), content: z.string(), percent: z.number().nullable().optional() })),
  line: z.number(),
  get children() {
    return z.array(planTreePreview);
  },
  get candidates() {
    return z.array(planTreePreview.and(z.object({ kind: z.literal("task"), accepted: z.boolean() }))).optional();
  },
  principles: z.array(planPrinciple).optional(),
  unitsSuggested: z.boolean().optional(),
});

export const importPreview = z.object({
  title: z.string().nullable(),
  docNumber: z.string().nullable(),
  periodStart: z.number().nullable(),
  periodEnd: z.number().nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  sourceFileName: z.string(),
  warnings: z.array(z.string()),
  counts: planCounts,
  tree: z.array(planTreePreview),
  units: z.array(resolutionView),
});
export type ImportPreview = z.infer<typeof importPreview>;
