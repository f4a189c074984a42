import { z } from "zod";
import { listQuery, queryBool, regionCode, safeLongText, safeText, sortParam, uuid } from "./common.js";
import { type NamingLevel, namingLevel } from "./evaluation.js";

/*
 * 示范创建 (PRODUCT.md §2.6): cultivation pool, batches, applications with 逐级推荐, 测评, 审定, 公示 with
 * objections, naming decisions, designations with yearly self-checks, 复验 and revocation, targets and the
 * "8+N进" coverage matrix. Every enum here has its Chinese label map next to it.
 */

export { NAMING_LEVEL_LABELS, NAMING_LEVELS, type NamingLevel, namingLevel } from "./evaluation.js";

/** The dictionary (dict_items.dict_type) of creation categories ("8+N进"); configurable, seeded at start. */
export const CREATION_CATEGORY_DICT = "creation_category";

export const CATEGORY_GROUPS = ["area", "unit"] as const;
export type CategoryGroup = (typeof CATEGORY_GROUPS)[number];
export const CATEGORY_GROUP_LABELS: Record<CategoryGroup, string> = { area: "示范区", unit: "示范单位" };

/** The default "8+N进" categories: code, label, group. Codes match the indicator sets' `categories`. */
export const DEFAULT_CREATION_CATEGORIES: [code: string, label: string, group: CategoryGroup][] = [
  ["area_city", "示范区（盟市）", "area"],
  ["area_county", "示范区（旗县）", "area"],
  ["area_town", "示范区（苏木乡镇/街道）", "area"],
  ["organ", "机关", "unit"],
  ["enterprise", "企业", "unit"],
  ["village", "嘎查村/社区", "unit"],
  ["school", "学校", "unit"],
  ["military", "连队", "unit"],
  ["religious_site", "宗教活动场所", "unit"],
  ["network", "网络", "unit"],
  ["hospital", "医院", "unit"],
  ["scenic_area", "景区", "unit"],
  ["other", "其他", "unit"],
];
/** A category added to the dictionary later (the "N") is a 示范单位 unless its code starts with "area_". */
export const categoryGroupOf = (code: string): CategoryGroup => (code.startsWith("area_") ? "area" : "unit");

export const categoryCode = z.string().regex(/^[a-z][a-z0-9_]{1,29}$/, { message: "类别编码不正确" });

/** 命名级别 → the length of the organising department's region code (national naming is recommended by the region). */
export const LEVEL_REGION_LENGTH: Record<NamingLevel, number> = { national: 2, region: 2, city: 4, county: 6 };
/** 命名级别 → the code used in certificate numbers. */
export const LEVEL_CERT_CODES: Record<NamingLevel, string> = {
  national: "GJ",
  region: "ZZQ",
  city: "MS",
  county: "QX",
};
/** The level one below, for "the lower title is a prerequisite". */
export const LOWER_LEVEL: Record<NamingLevel, NamingLevel | null> = {
  national: "region",
  region: "city",
  city: "county",
  county: null,
};

/** Region code length → the name of that level of review. */
export const REVIEW_LEVEL_LABELS: Record<number, string> = {
  2: "自治区",
  4: "盟市",
  6: "旗县",
  9: "苏木乡镇（街道）",
};

const dateString = z.iso.date({
  error: (iss) => (iss.input === undefined || iss.input === null ? "不能为空" : "应为 YYYY-MM-DD 格式的日期"),
});
const unique = <T>(a: T[]) => new Set(a).size === a.length;
const idList = (max: number, min = 0) => z.array(uuid).min(min).max(max).refine(unique, { message: "不能重复" });
/** A reason, opinion or reply that must be given. */
const requiredText = (max: number) => safeLongText(max).pipe(z.string().min(1));
const year = z.number().int().min(2000).max(2100);
const queryYear = z.coerce.number().int().min(2000).max(2100);

// ---------------------------------------------------------------------------------------------------------
// Categories

export const categorySchema = z.object({
  code: z.string(),
  label: z.string(),
  group: z.enum(CATEGORY_GROUPS),
  groupLabel: z.string(),
  sort: z.number(),
});
export type Category = z.infer<typeof categorySchema>;

// ---------------------------------------------------------------------------------------------------------
// Cultivation pool (培育库)

export const CANDIDATE_STATUSES = ["cultivating", "applied", "named", "removed"] as const;
export const candidateStatus = z.enum(CANDIDATE_STATUSES);
export type CandidateStatus = z.infer<typeof candidateStatus>;
export const CANDIDATE_STATUS_LABELS: Record<CandidateStatus, string> = {
  cultivating: "培育中",
  applied: "已申报",
  named: "已命名",
  removed: "已移出",
};

export const candidateCreate = z.strictObject({
  orgId: uuid,
  category: categoryCode,
  /** The naming level the unit is cultivated towards. */
  targetLevel: namingLevel,
  /** 指导（帮带）单位 */
  mentorOrgId: uuid.nullish(),
  since: dateString.optional(),
  note: safeLongText(1000).default(""),
});
export const candidateUpdate = z.strictObject({
  targetLevel: namingLevel.optional(),
  mentorOrgId: uuid.nullish(),
  note: safeLongText(1000).optional(),
  /** Only a cultivating candidate can be removed, and a removed one put back. */
  status: z.enum(["cultivating", "removed"]).optional(),
});
export const candidateSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  targetLevel: namingLevel,
  mentorOrgId: z.string().nullable(),
  mentorOrgName: z.string().nullable(),
  since: z.string().nullable(),
  note: z.string(),
  status: candidateStatus,
  applicationId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Candidate = z.infer<typeof candidateSchema>;
export const candidateListQuery = listQuery.extend({
  regionCode: regionCode.optional(),
  category: categoryCode.optional(),
  targetLevel: namingLevel.optional(),
  status: candidateStatus.optional(),
});
export type CandidateListQuery = z.infer<typeof candidateListQuery>;

// ---------------------------------------------------------------------------------------------------------
// Batches (申报批次)

export const BATCH_STATUSES = ["draft", "open", "closed", "concluded"] as const;
export const batchStatus = z.enum(BATCH_STATUSES);
export type BatchStatus = z.infer<typeof batchStatus>;
export const BATCH_STATUS_LABELS: Record<BatchStatus, string> = {
  draft: "筹备中",
  open: "申报中",
  closed: "申报已截止",
  concluded: "已命名",
};

const batchFields = {
  name: safeText(100),
  year,
  level: namingLevel,
  categories: z.array(categoryCode).min(1).max(30).refine(unique, { message: "类别不能重复" }),
  /** The indicator set applications are scored with. */
  setId: uuid,
  /** Per category, a different indicator set (e.g. 学校 and 企业 have their own); others use `setId`. */
  categorySets: z.record(categoryCode, uuid).default({}),
  /** 命名名额; absent = no limit. */
  quota: z.number().int().min(1).max(100_000).nullish(),
  /** 公示期（工作日） */
  noticeDays: z.number().int().min(1).max(30).default(5),
  /** 命名有效期（年） */
  validityYears: z.number().int().min(1).max(10).default(5),
  /** 须先获得的下一级命名 (e.g. 盟市级 before 自治区级); absent = not required. */
  prerequisiteLevel: namingLevel.nullish(),
  /** 申报截止 */
  submitDeadline: dateString,
  /** 逐级推荐截止 */
  reviewDeadline: dateString.nullish(),
  /** 测评截止 */
  evaluationDeadline: dateString.nullish(),
  /** 命名截止 */
  namingDeadline: dateString.nullish(),
  description: safeLongText(2000).nullish(),
};
const deadlinesInOrder = (b: {
  submitDeadline?: string | undefined;
  reviewDeadline?: string | null | undefined;
  evaluationDeadline?: string | null | undefined;
  namingDeadline?: string | null | undefined;
}) => {
  const seq = [b.submitDeadline, b.reviewDeadline, b.evaluationDeadline, b.namingDeadline].filter(
    (d): d is string => !!d,
  );
  return seq.every((d, i) => i === 0 || seq[i - 1] <= d);
};
export const batchCreate = z.strictObject(batchFields).refine(deadlinesInOrder, {
  message: "各阶段截止日期应依次为：申报、推荐、测评、命名",
  path: ["reviewDeadline"],
});
export type BatchCreate = z.infer<typeof batchCreate>;
/** Level, categories and indicator sets can change only while the batch is 筹备中. */
export const batchUpdate = z.strictObject({
  name: batchFields.name.optional(),
  year: year.optional(),
  level: namingLevel.optional(),
  categories: batchFields.categories.optional(),
  setId: uuid.optional(),
  categorySets: z.record(categoryCode, uuid).optional(),
  quota: batchFields.quota,
  noticeDays: z.number().int().min(1).max(30).optional(),
  validityYears: z.number().int().min(1).max(10).optional(),
  prerequisiteLevel: batchFields.prerequisiteLevel,
  submitDeadline: dateString.optional(),
  reviewDeadline: batchFields.reviewDeadline,
  evaluationDeadline: batchFields.evaluationDeadline,
  namingDeadline: batchFields.namingDeadline,
  description: batchFields.description,
});
export type BatchUpdate = z.infer<typeof batchUpdate>;
export const batchSchema = z.object({
  id: z.string(),
  name: z.string(),
  year: z.number(),
  level: namingLevel,
  categories: z.array(z.string()),
  setId: z.string(),
  categorySets: z.record(z.string(), z.string()),
  quota: z.number().nullable(),
  noticeDays: z.number(),
  validityYears: z.number(),
  prerequisiteLevel: namingLevel.nullable(),
  submitDeadline: z.string(),
  reviewDeadline: z.string().nullable(),
  evaluationDeadline: z.string().nullable(),
  namingDeadline: z.string().nullable(),
  description: z.string().nullable(),
  status: batchStatus,
  organiserOrgId: z.string(),
  organiserOrgName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  applicationCount: z.number(),
  namedCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Batch = z.infer<typeof batchSchema>;
export const batchListQuery = listQuery.extend({
  status: batchStatus.optional(),
  level: namingLevel.optional(),
  year: queryYear.optional(),
  category: categoryCode.optional(),
  /** Only batches the caller's unit can apply to now. */
  applicable: queryBool.optional(),
});
export type BatchListQuery = z.infer<typeof batchListQuery>;

// ---------------------------------------------------------------------------------------------------------
// Applications (申报)

export const APPLICATION_STATUSES = [
  "draft",
  "reviewing",
  "returned",
  "accepted",
  "evaluating",
  "approved",
  "publicized",
  "named",
  "rejected",
  "withdrawn",
] as const;
export const applicationStatus = z.enum(APPLICATION_STATUSES);
export type ApplicationStatus = z.infer<typeof applicationStatus>;
export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  draft: "草稿",
  reviewing: "已提交（逐级推荐中）",
  returned: "退回修改",
  accepted: "已受理",
  evaluating: "测评中",
  approved: "审定通过（待公示）",
  publicized: "公示中",
  named: "已命名",
  rejected: "不予命名",
  withdrawn: "已撤回",
};

/** Every step of an application's flow; the state machine in application.service.ts says which may follow which. */
export const APPLICATION_ACTIONS = [
  "create",
  "update",
  "submit",
  "skip_level",
  "recommend",
  "return",
  "accept",
  "assign_experts",
  "withdraw_expert",
  "site_visit",
  "finalize",
  "publicize",
  "objection",
  "name",
  "reject",
  "withdraw",
] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];
export const APPLICATION_ACTION_LABELS: Record<ApplicationAction, string> = {
  create: "填写申报",
  update: "修改申报",
  submit: "提交申报",
  skip_level: "跳过无民族工作部门的层级",
  recommend: "推荐",
  return: "退回修改",
  accept: "受理",
  assign_experts: "分配测评专家",
  withdraw_expert: "撤回测评专家",
  site_visit: "实地考察",
  finalize: "审定",
  publicize: "公示",
  objection: "异议处理",
  name: "命名",
  reject: "不予命名",
  withdraw: "撤回申报",
};

export const applicationCreate = z.strictObject({
  batchId: uuid,
  category: categoryCode,
  /** The applicant unit; default the caller's own. */
  orgId: uuid.optional(),
  title: safeText(100).optional(),
  /** 创建工作总结 */
  statement: safeLongText(10_000).default(""),
  /** Evidence from the unit's material library. */
  evidenceIds: idList(100).default([]),
});
export type ApplicationCreate = z.infer<typeof applicationCreate>;
export const applicationUpdate = z.strictObject({
  title: safeText(100).optional(),
  statement: safeLongText(10_000).optional(),
  evidenceIds: idList(100).optional(),
});
export type ApplicationUpdate = z.infer<typeof applicationUpdate>;
/** 推荐 / 受理 with an optional opinion. */
export const reviewOpinion = z.strictObject({ opinion: safeLongText(1000).optional() });
/** 退回, 不予命名, 撤回: the reason is required. */
export const reasonBody = z.strictObject({ reason: requiredText(1000) });
export const expertAssign = z.strictObject({ userIds: idList(30, 1) });
export const expertParams = z.object({ id: uuid, userId: uuid });
export const siteVisitCreate = z.strictObject({
  visitedOn: dateString,
  /** 考察组成员 */
  members: safeText(300),
  notes: safeLongText(5000).default(""),
  evidenceIds: idList(50).default([]),
});
export type SiteVisitCreate = z.infer<typeof siteVisitCreate>;
export const finalizeBody = z.strictObject({ note: safeLongText(1000).optional() });

export const materialRef = z.object({
  id: z.string(),
  title: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number(),
});

export const applicationSummary = z.object({
  id: z.string(),
  batchId: z.string(),
  batchName: z.string(),
  year: z.number(),
  level: namingLevel,
  category: z.string(),
  categoryLabel: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  title: z.string().nullable(),
  status: applicationStatus,
  /** The region whose department acts now (逐级推荐中), and its name. */
  reviewLevelCode: z.string().nullable(),
  reviewLevelName: z.string().nullable(),
  finalScore: z.number().nullable(),
  passed: z.boolean().nullable(),
  submittedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ApplicationSummary = z.infer<typeof applicationSummary>;

export const applicationEvent = z.object({
  id: z.string(),
  action: z.string(),
  actionLabel: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  levelCode: z.string().nullable(),
  levelName: z.string().nullable(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
  at: z.string(),
});

export const applicationDetail = applicationSummary.extend({
  statement: z.string(),
  setId: z.string(),
  evidence: z.array(materialRef),
  selfSheet: z
    .object({
      id: z.string(),
      status: z.string(),
      total: z.number().nullable(),
      passed: z.boolean(),
      vetoFailed: z.array(z.string()),
    })
    .nullable(),
  /** The review chain, lowest level first; the last level accepts (受理). */
  chain: z.array(
    z.object({
      regionCode: z.string(),
      regionName: z.string(),
      role: z.enum(["recommend", "accept"]),
      state: z.enum(["done", "current", "pending"]),
    }),
  ),
  /** Experts and their sheets: only for the organising department (never for the applicant or other experts). */
  experts: z
    .array(
      z.object({
        userId: z.string(),
        name: z.string(),
        status: z.enum(["active", "withdrawn"]),
        sheetId: z.string(),
        sheetStatus: z.string(),
        total: z.number().nullable(),
        vetoFailed: z.array(z.string()),
      }),
    )
    .nullable(),
  siteVisits: z.array(
    z.object({
      id: z.string(),
      visitedOn: z.string(),
      members: z.string(),
      notes: z.string(),
      evidence: z.array(materialRef),
      recordedByName: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  result: z
    .object({
      finalScore: z.number(),
      method: z.string().nullable(),
      methodLabel: z.string().nullable(),
      vetoFailed: z.array(z.object({ code: z.string(), title: z.string() })),
      passed: z.boolean(),
      note: z.string().nullable(),
      decidedAt: z.string().nullable(),
    })
    .nullable(),
  noticeId: z.string().nullable(),
  designationId: z.string().nullable(),
  events: z.array(applicationEvent),
  /** What the caller may do now (for the console's buttons; the server checks again). */
  can: z.object({
    edit: z.boolean(),
    submit: z.boolean(),
    withdraw: z.boolean(),
    review: z.boolean(),
    accept: z.boolean(),
    manage: z.boolean(),
  }),
});
export type ApplicationDetail = z.infer<typeof applicationDetail>;

export const applicationListQuery = listQuery.extend({
  batchId: uuid.optional(),
  status: applicationStatus.optional(),
  category: categoryCode.optional(),
  level: namingLevel.optional(),
  year: queryYear.optional(),
  regionCode: regionCode.optional(),
  orgId: uuid.optional(),
  /** Only applications waiting for the caller's level to recommend or accept. */
  awaitingMe: queryBool.optional(),
  sort: sortParam(["updatedAt", "submittedAt", "finalScore", "regionCode"]),
});
export type ApplicationListQuery = z.infer<typeof applicationListQuery>;

/** An expert's view of an assignment: the application, the expert's own sheet, never another expert's. */
export const assignmentSchema = z.object({
  applicationId: z.string(),
  batchName: z.string(),
  level: namingLevel,
  orgName: z.string(),
  regionName: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  title: z.string().nullable(),
  status: applicationStatus,
  sheetId: z.string(),
  sheetStatus: z.string(),
  evaluationDeadline: z.string().nullable(),
  assignedAt: z.string(),
});
export const assignmentDetail = assignmentSchema.extend({
  statement: z.string(),
  evidence: z.array(materialRef),
  siteVisits: applicationDetail.shape.siteVisits,
  /** Other experts' submitted totals, shown only once this expert has submitted (null before). */
  panel: z.object({ assigned: z.number(), submitted: z.number(), otherTotals: z.array(z.number()) }).nullable(),
});
export const expertSchema = z.object({
  userId: z.string(),
  name: z.string(),
  orgName: z.string(),
  regionName: z.string(),
});
export const expertQuery = z.object({ q: safeText(30).optional() });

// ---------------------------------------------------------------------------------------------------------
// Notices (公示) and objections (异议)

export const NOTICE_STATUSES = ["draft", "published"] as const;
export const noticeStatus = z.enum(NOTICE_STATUSES);
export const NOTICE_STATUS_LABELS = { draft: "草稿", published: "已发布" } as const;
export const NOTICE_PHASES = ["draft", "upcoming", "open", "ended"] as const;
export type NoticePhase = (typeof NOTICE_PHASES)[number];
export const NOTICE_PHASE_LABELS: Record<NoticePhase, string> = {
  draft: "草稿",
  upcoming: "待开始",
  open: "公示中",
  ended: "公示期满",
};

export const noticeCreate = z.strictObject({
  batchId: uuid,
  title: safeText(100),
  body: safeLongText(5000).default(""),
  applicationIds: idList(500, 1),
});
export type NoticeCreate = z.infer<typeof noticeCreate>;
/** The first day of the window; default the day of publication (or the next working day). */
export const noticePublish = z.strictObject({ startsOn: dateString.optional() });

export const noticeItem = z.object({
  applicationId: z.string(),
  orgName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  level: namingLevel,
});
export const noticeSchema = z.object({
  id: z.string(),
  batchId: z.string(),
  batchName: z.string(),
  level: namingLevel,
  title: z.string(),
  body: z.string(),
  status: noticeStatus,
  phase: z.enum(NOTICE_PHASES),
  workingDays: z.number(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  publishedAt: z.string().nullable(),
  issuerOrgName: z.string(),
  regionCode: z.string(),
  items: z.array(noticeItem),
  /** Staff only: objections received and still unanswered. */
  objections: z.object({ total: z.number(), unanswered: z.number() }).nullable(),
  createdAt: z.string(),
});
export type Notice = z.infer<typeof noticeSchema>;
export const noticeListQuery = listQuery.extend({
  batchId: uuid.optional(),
  status: noticeStatus.optional(),
});

export const OBJECTION_STATUSES = ["pending", "investigating", "answered"] as const;
export const objectionStatus = z.enum(OBJECTION_STATUSES);
export type ObjectionStatus = z.infer<typeof objectionStatus>;
export const OBJECTION_STATUS_LABELS: Record<ObjectionStatus, string> = {
  pending: "待处理",
  investigating: "调查中",
  answered: "已答复",
};
export const OBJECTION_EFFECTS = ["none", "withdraw", "reject"] as const;
export const objectionEffect = z.enum(OBJECTION_EFFECTS);
export type ObjectionEffect = z.infer<typeof objectionEffect>;
export const OBJECTION_EFFECT_LABELS: Record<ObjectionEffect, string> = {
  none: "不影响命名",
  withdraw: "撤回申请",
  reject: "不予命名",
};

const phone = z
  .string()
  .trim()
  .regex(/^1\d{10}$/, { message: "应为 11 位手机号码" });

/** A member of the public objects within the window (no sign-in). */
export const objectionSubmit = z.strictObject({
  contactName: safeText(30),
  phone,
  content: safeLongText(2000).pipe(z.string().min(5, { message: "请至少填写 5 个字" })),
  /** The application objected to; absent = the notice as a whole. */
  applicationId: uuid.optional(),
});
export type ObjectionSubmit = z.infer<typeof objectionSubmit>;
export const objectionReceipt = z.object({
  trackingCode: z.string(),
  status: objectionStatus,
  message: z.string(),
});
export const objectionInvestigate = z.strictObject({ note: requiredText(2000) });
export const objectionReply = z.strictObject({ reply: requiredText(2000), effect: objectionEffect });
export const objectionSchema = z.object({
  id: z.string(),
  noticeId: z.string(),
  noticeTitle: z.string(),
  applicationId: z.string().nullable(),
  applicationOrgName: z.string().nullable(),
  /** Personal data: masked here, revealed per field with an audit entry. */
  nameMasked: z.string(),
  phoneMasked: z.string(),
  content: z.string(),
  status: objectionStatus,
  investigation: z.string().nullable(),
  reply: z.string().nullable(),
  effect: objectionEffect.nullable(),
  handledByName: z.string().nullable(),
  createdAt: z.string(),
  answeredAt: z.string().nullable(),
});
export const objectionListQuery = listQuery.extend({
  noticeId: uuid.optional(),
  applicationId: uuid.optional(),
  status: objectionStatus.optional(),
});
export const objectionRevealQuery = z.object({ field: z.enum(["name", "phone"]) });
export const trackingParams = z.object({
  trackingCode: z.string().regex(/^[A-Z2-9]{10}$/, { message: "查询码应为 10 位字母或数字" }),
});
export const publicObjectionStatus = z.object({
  trackingCode: z.string(),
  noticeTitle: z.string(),
  status: objectionStatus,
  statusLabel: z.string(),
  reply: z.string().nullable(),
  effect: objectionEffect.nullable(),
  effectLabel: z.string().nullable(),
  createdAt: z.string(),
  answeredAt: z.string().nullable(),
});

// ---------------------------------------------------------------------------------------------------------
// Naming decisions (命名决定) and designations (命名)

export const decisionCreate = z.strictObject({
  batchId: uuid,
  /** 文号, e.g. 通民委发〔2026〕12号 */
  docNumber: safeText(60),
  title: safeText(150).optional(),
  namedOn: dateString,
  applicationIds: idList(2000, 1),
});
export type DecisionCreate = z.infer<typeof decisionCreate>;

export const DESIGNATION_STATUSES = ["valid", "reverifying", "revoked", "expired"] as const;
export const designationStatus = z.enum(DESIGNATION_STATUSES);
export type DesignationStatus = z.infer<typeof designationStatus>;
export const DESIGNATION_STATUS_LABELS: Record<DesignationStatus, string> = {
  valid: "有效",
  reverifying: "复验中",
  revoked: "已撤销",
  expired: "已到期",
};
/** Statuses that count: a designation under 复验 is still valid until its expiry. */
export const LIVE_DESIGNATION_STATUSES = ["valid", "reverifying"] as const satisfies readonly DesignationStatus[];

export const REVOKE_REASONS = [
  "fraud",
  "major_incident",
  "reverification_failed",
  "voluntary",
  "merged",
  "other",
] as const;
export const revokeReason = z.enum(REVOKE_REASONS);
export type RevokeReason = z.infer<typeof revokeReason>;
export const REVOKE_REASON_LABELS: Record<RevokeReason, string> = {
  fraud: "弄虚作假",
  major_incident: "发生影响民族团结的重大事件",
  reverification_failed: "复验不合格",
  voluntary: "主动申请退出",
  merged: "单位撤并",
  other: "其他",
};

export const DESIGNATION_EVENT_KINDS = [
  "named",
  "registered",
  "self_check",
  "reverification_opened",
  "reverification_submitted",
  "renewed",
  "reverification_failed",
  "expired",
  "revoked",
] as const;
export type DesignationEventKind = (typeof DESIGNATION_EVENT_KINDS)[number];
export const DESIGNATION_EVENT_LABELS: Record<DesignationEventKind, string> = {
  named: "命名",
  registered: "录入历史命名",
  self_check: "提交年度自查",
  reverification_opened: "启动复验",
  reverification_submitted: "提交复验自查",
  renewed: "复验通过，有效期延续",
  reverification_failed: "复验不合格",
  expired: "到期",
  revoked: "撤销",
};

export const revokeBody = z.strictObject({
  reasonCategory: revokeReason,
  /** 撤销文件文号 */
  docNumber: safeText(60),
  /** 撤销文件 from the material library. */
  materialId: uuid.optional(),
  note: safeLongText(1000).default(""),
});
export type RevokeBody = z.infer<typeof revokeBody>;

/** A designation named before the platform (录入历史命名), so its validity, 复验 and counts are managed here. */
export const designationRegister = z.strictObject({
  orgId: uuid,
  category: categoryCode,
  level: namingLevel,
  certificateNo: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{3,40}$/, { message: "证书编号应为 3-40 位字母、数字或横线" }),
  docNumber: safeText(60),
  namedOn: dateString,
  validityYears: z.number().int().min(1).max(10).default(5),
  /** The indicator set for its yearly self-checks and 复验. */
  setId: uuid,
});
export type DesignationRegister = z.infer<typeof designationRegister>;

export const designationSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  unitName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  level: namingLevel,
  certificateNo: z.string(),
  docNumber: z.string().nullable(),
  namedOn: z.string(),
  validFrom: z.string(),
  validUntil: z.string(),
  status: designationStatus,
  issuerRegionCode: z.string(),
  decisionId: z.string().nullable(),
  applicationId: z.string().nullable(),
  renewals: z.number(),
  revokedAt: z.string().nullable(),
  revokeReason: revokeReason.nullable(),
  revokeDocNumber: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Designation = z.infer<typeof designationSchema>;

export const SELF_CHECK_STATUSES = ["draft", "submitted"] as const;
export const SELF_CHECK_STATUS_LABELS = { draft: "填写中", submitted: "已提交" } as const;
export const selfCheckSchema = z.object({
  id: z.string(),
  designationId: z.string(),
  year: z.number(),
  sheetId: z.string(),
  status: z.enum(SELF_CHECK_STATUSES),
  total: z.number().nullable(),
  passed: z.boolean().nullable(),
  vetoFailed: z.array(z.string()),
  submittedAt: z.string().nullable(),
});
export const selfCheckCreate = z.strictObject({ year });

export const REVERIFICATION_STATUSES = ["open", "submitted", "passed", "failed", "lapsed", "cancelled"] as const;
export const reverificationStatus = z.enum(REVERIFICATION_STATUSES);
export type ReverificationStatus = z.infer<typeof reverificationStatus>;
export const REVERIFICATION_STATUS_LABELS: Record<ReverificationStatus, string> = {
  open: "待单位自查",
  submitted: "待审核",
  passed: "复验通过",
  failed: "复验不合格",
  lapsed: "逾期未完成",
  cancelled: "已终止",
};
export const reverificationSchema = z.object({
  id: z.string(),
  designationId: z.string(),
  sheetId: z.string().nullable(),
  status: reverificationStatus,
  openedAt: z.string(),
  dueOn: z.string(),
  total: z.number().nullable(),
  sheetPassed: z.boolean().nullable(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedByName: z.string().nullable(),
  note: z.string().nullable(),
});
export const reverificationDecide = z.strictObject({ passed: z.boolean(), note: safeLongText(1000).optional() });

export const designationDetail = designationSchema.extend({
  revokeNote: z.string().nullable(),
  revokeMaterialId: z.string().nullable(),
  events: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      kindLabel: z.string(),
      fromStatus: z.string().nullable(),
      toStatus: z.string().nullable(),
      actorName: z.string().nullable(),
      note: z.string().nullable(),
      at: z.string(),
    }),
  ),
  selfChecks: z.array(selfCheckSchema),
  reverifications: z.array(reverificationSchema),
});

export const designationListQuery = listQuery.extend({
  status: designationStatus.optional(),
  /** Only designations that count (有效 or 复验中). */
  live: queryBool.optional(),
  level: namingLevel.optional(),
  category: categoryCode.optional(),
  regionCode: regionCode.optional(),
  orgId: uuid.optional(),
  /** Named in this year. */
  year: queryYear.optional(),
  /** Expiring within this many days. */
  expiringWithinDays: z.coerce.number().int().min(1).max(3650).optional(),
  sort: sortParam(["namedOn", "validUntil", "certificateNo", "regionCode"]),
});
export type DesignationListQuery = z.infer<typeof designationListQuery>;

export const decisionSchema = z.object({
  id: z.string(),
  batchId: z.string(),
  batchName: z.string(),
  level: namingLevel,
  docNumber: z.string(),
  title: z.string(),
  namedOn: z.string(),
  issuerOrgName: z.string(),
  regionCode: z.string(),
  createdAt: z.string(),
  designations: z.array(
    z.object({
      id: z.string(),
      certificateNo: z.string(),
      unitName: z.string(),
      regionName: z.string(),
      category: z.string(),
      categoryLabel: z.string(),
    }),
  ),
});
export type Decision = z.infer<typeof decisionSchema>;
export const decisionListQuery = listQuery.extend({ batchId: uuid.optional() });

// ---------------------------------------------------------------------------------------------------------
// Targets (目标任务) and coverage ("8+N进")

export const targetCreate = z.strictObject({
  regionCode,
  level: namingLevel,
  year,
  /** Absent = every category. */
  category: categoryCode.nullish(),
  targetCount: z.number().int().min(1).max(1_000_000),
  note: safeLongText(500).optional(),
});
export type TargetCreate = z.infer<typeof targetCreate>;
export const targetUpdate = z.strictObject({
  targetCount: z.number().int().min(1).max(1_000_000).optional(),
  note: safeLongText(500).optional(),
});
export const targetSchema = z.object({
  id: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  level: namingLevel,
  year: z.number(),
  category: z.string().nullable(),
  categoryLabel: z.string().nullable(),
  targetCount: z.number(),
  /** Valid designations (有效 or 复验中) in the region's tree at that level, named by the end of that year. */
  achieved: z.number(),
  /** achieved ÷ target, in percent with one decimal, capped at nothing (over-fulfilment shows). */
  percent: z.number(),
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Target = z.infer<typeof targetSchema>;
export const targetListQuery = listQuery.extend({
  regionCode: regionCode.optional(),
  /** false: only targets of exactly `regionCode`; default: it and every region below. */
  includeSubRegions: queryBool.optional(),
  level: namingLevel.optional(),
  year: queryYear.optional(),
});
export type TargetListQuery = z.infer<typeof targetListQuery>;

export const coverageQuery = z.object({
  /** The region whose direct children form the rows; default the root of the caller's scope. */
  regionCode: regionCode.optional(),
  level: namingLevel.optional(),
});
export const coverageSchema = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  level: namingLevel.nullable(),
  categories: z.array(categorySchema),
  rows: z.array(
    z.object({
      regionCode: z.string(),
      regionName: z.string(),
      /** The region itself (designations of units directly at this level), not a child. */
      own: z.boolean(),
      /** Whether the row can be drilled into (it has children). */
      drillable: z.boolean(),
      counts: z.record(z.string(), z.number()),
      total: z.number(),
      /** How many categories have at least one valid designation. */
      categoriesCovered: z.number(),
    }),
  ),
  totals: z.record(z.string(), z.number()),
  total: z.number(),
  /** Child regions with at least one valid designation, of all child regions. */
  regionsCovered: z.number(),
  regionCount: z.number(),
});
export type Coverage = z.infer<typeof coverageSchema>;

// ---------------------------------------------------------------------------------------------------------
// To-dos (待办)

export const TODO_KINDS = [
  "review",
  "resubmit",
  "draft",
  "expert_sheet",
  "assign_experts",
  "finalize",
  "publicize",
  "name",
  "objection",
  "expiring",
  "reverification_fill",
  "reverification_decide",
  "self_check_overdue",
  "batch_deadline",
] as const;
export type TodoKind = (typeof TODO_KINDS)[number];
export const TODO_KIND_LABELS: Record<TodoKind, string> = {
  review: "待推荐/受理的申报",
  resubmit: "被退回待修改的申报",
  draft: "尚未提交的申报",
  expert_sheet: "待填写的专家评分表",
  assign_experts: "待分配测评专家",
  finalize: "专家评分已齐，待审定",
  publicize: "审定通过，待公示",
  name: "公示期满，待命名",
  objection: "未答复的异议",
  expiring: "即将到期的命名",
  reverification_fill: "待填写的复验自查",
  reverification_decide: "待审核的复验",
  self_check_overdue: "逾期未交的年度自查",
  batch_deadline: "即将截止的申报批次",
};
export const todoItem = z.object({
  kind: z.enum(TODO_KINDS),
  kindLabel: z.string(),
  title: z.string(),
  entity: z.string(),
  entityId: z.string(),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
});
export const todoList = z.object({ items: z.array(todoItem), counts: z.record(z.string(), z.number()) });
export type TodoItem = z.infer<typeof todoItem>;

// ---------------------------------------------------------------------------------------------------------
// Public portal (no sign-in): published notices and the named-units directory

export const publicNoticeQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(10),
});
export const publicNoticeSchema = noticeSchema.omit({ objections: true, status: true });
export const publicUnitQuery = listQuery.extend({
  regionCode: regionCode.optional(),
  level: namingLevel.optional(),
  category: categoryCode.optional(),
  year: queryYear.optional(),
});
export type PublicUnitQuery = z.infer<typeof publicUnitQuery>;
export const publicUnitSchema = z.object({
  id: z.string(),
  unitName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  level: namingLevel,
  certificateNo: z.string(),
  namedOn: z.string(),
  validUntil: z.string(),
});
export const publicMapQuery = z.object({
  regionCode: regionCode.optional(),
  level: namingLevel.optional(),
  category: categoryCode.optional(),
});
export const publicMapSchema = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  points: z.array(z.object({ regionCode: z.string(), regionName: z.string(), count: z.number() })),
  total: z.number(),
});
