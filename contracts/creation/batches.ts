import { z } from "zod";
import { listQuery, queryBool, regionCode, safeLongText, safeText, uuid } from "../common.js";
import { namingLevel } from "../evaluation.js";
import { categoryCode } from "./categories.js";
import { dateString, queryYear, unique, year } from "./fields.js";
import { BATCH_STATUSES } from "./statuses.js";

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

export const batchStatus = z.enum(BATCH_STATUSES);

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
