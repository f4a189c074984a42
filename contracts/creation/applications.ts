import { z } from "zod";
import { listQuery, queryBool, regionCode, safeLongText, safeText, sortParam, uuid } from "../common.js";
import { namingLevel } from "../evaluation.js";
import { categoryCode } from "./categories.js";
import { dateString, idList, queryYear, requiredText } from "./fields.js";
import { APPLICATION_STATUSES } from "./statuses.js";

// ---------------------------------------------------------------------------------------------------------
// Applications (申报)

export const applicationStatus = z.enum(APPLICATION_STATUSES);

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
  "delete",
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
  delete: "删除草稿",
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
    delete: z.boolean(),
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
