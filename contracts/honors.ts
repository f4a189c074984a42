import { z } from "zod";
import { listQuery, regionCode, safeLongText, safeText, sortParam, uuid } from "./common.js";
import { dateString, idList, queryYear, requiredText, year } from "./creation/fields.js";

/** 表彰 (PRODUCT §2.9): campaigns, quotas, nominations through 两审三公示, panel reviews, the register. */

export const HONOR_KIND_DICT = "honor_kind";
export const HONOR_KINDS_DEFAULT = [
  ["collective", "模范集体"],
  ["individual", "模范个人"],
] as const;

export const CAMPAIGN_STATUSES = ["draft", "open", "closed", "decided"] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, string> = {
  draft: "筹备中",
  open: "推荐中",
  closed: "推荐已截止",
  decided: "已表彰",
};

export const NOMINATION_STATUSES = [
  "draft",
  "notice1",
  "county_review",
  "county_passed",
  "notice2",
  "final_review",
  "final_passed",
  "notice3",
  "proposed",
  "awarded",
  "returned",
  "withdrawn",
  "removed",
] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];
export const NOMINATION_STATUS_LABELS: Record<NominationStatus, string> = {
  draft: "草稿",
  notice1: "单位公示中",
  county_review: "待初审",
  county_passed: "初审通过",
  notice2: "初审公示中",
  final_review: "待复审",
  final_passed: "复审通过",
  notice3: "拟表彰公示中",
  proposed: "拟表彰",
  awarded: "已表彰",
  returned: "已退回",
  withdrawn: "已撤回",
  removed: "因异议撤销",
};
/** Statuses that hold a place of the quota (everything but withdrawn and removed). */
export const QUOTA_HOLDING: NominationStatus[] = NOMINATION_STATUSES.filter(
  (s) => s !== "withdrawn" && s !== "removed",
);
/** Statuses past the county: those forwarded to the organizing level, counted against the quota again. */
export const FORWARDED: NominationStatus[] = ["final_review", "final_passed", "notice3", "proposed", "awarded"];

/** The optional sensitive items a campaign's form may ask (宗教信仰 is never asked). */
export const SENSITIVE_FIELDS = ["ethnicity", "politicalStatus"] as const;
export type SensitiveField = (typeof SENSITIVE_FIELDS)[number];
export const SENSITIVE_FIELD_LABELS: Record<SensitiveField, string> = {
  ethnicity: "民族",
  politicalStatus: "政治面貌",
};
export const GENDER_LABELS = { male: "男", female: "女" } as const;
export const NOTICE_STAGE_LABELS: Record<string, string> = {
  unit: "单位公示",
  county: "初审公示",
  final: "拟表彰公示",
};
export const VOTE_LABELS = { agree: "同意", disagree: "不同意", abstain: "弃权" } as const;

export const quotaEntry = z.object({ regionCode, kind: safeText(30), quota: z.number().int().min(0).max(10_000) });
export const campaignCreate = z.strictObject({
  title: safeText(100),
  year,
  kinds: z.array(safeText(30)).min(1).max(10),
  eligibility: safeLongText(4000).default(""),
  formFields: z.array(z.enum(SENSITIVE_FIELDS)).max(2).default([]),
  noticeDays: z.number().int().min(1).max(30).default(5),
  nominateDeadline: dateString.nullable().optional(),
  countyDeadline: dateString.nullable().optional(),
  finalDeadline: dateString.nullable().optional(),
});
export type CampaignCreate = z.infer<typeof campaignCreate>;
export const campaignUpdate = campaignCreate.partial().strict();
export const quotasInput = z.strictObject({ quotas: z.array(quotaEntry).max(500) });
export const panelInput = z.strictObject({ userIds: idList(50) });

export const quotaView = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  quota: z.number().int(),
  /** Nominations holding a place (not withdrawn or removed). */
  used: z.number().int(),
  /** Forwarded to the organizing level. */
  forwarded: z.number().int(),
  remaining: z.number().int(),
});
export type QuotaView = z.infer<typeof quotaView>;
export const campaignView = z.object({
  id: z.string(),
  title: z.string(),
  year: z.number().int(),
  orgId: z.string(),
  orgName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  kinds: z.array(z.string()),
  kindLabels: z.array(z.string()),
  eligibility: z.string(),
  formFields: z.array(z.enum(SENSITIVE_FIELDS)),
  noticeDays: z.number().int(),
  nominateDeadline: z.string().nullable(),
  countyDeadline: z.string().nullable(),
  finalDeadline: z.string().nullable(),
  status: z.enum(CAMPAIGN_STATUSES),
  decisionNo: z.string().nullable(),
  decisionTitle: z.string().nullable(),
  decidedOn: z.string().nullable(),
  quotas: z.array(quotaView),
  panel: z.array(z.object({ userId: z.string(), name: z.string() })),
  nominationCount: z.number().int(),
  createdAt: z.string(),
});
export type CampaignView = z.infer<typeof campaignView>;
export const campaignListQuery = listQuery.extend({
  year: queryYear.optional(),
  status: z.enum(CAMPAIGN_STATUSES).optional(),
});

const sensitiveInput = z.strictObject({
  ethnicity: safeText(20).optional(),
  politicalStatus: safeText(20).optional(),
});
export const nominationCreate = z.strictObject({
  campaignId: uuid,
  kind: safeText(30),
  /** A collective: the organization nominated. */
  nomineeOrgId: uuid.optional(),
  /** An individual. */
  person: z
    .strictObject({
      name: safeText(30),
      gender: z.enum(["male", "female"]),
      position: safeText(60),
      unit: safeText(100),
    })
    .optional(),
  sensitive: sensitiveInput.optional(),
  consentPublish: z.boolean().default(false),
  consentNote: safeText(200).optional(),
  summary: safeLongText(500).pipe(z.string().min(10, { message: "请至少填写 10 个字" })),
  deeds: safeLongText(20_000).pipe(z.string().min(10, { message: "请至少填写 10 个字" })),
  materialIds: idList(20).default([]),
});
export type NominationCreate = z.infer<typeof nominationCreate>;
export const nominationUpdate = nominationCreate.omit({ campaignId: true, kind: true }).partial().strict();
export type NominationUpdate = z.infer<typeof nominationUpdate>;

export const nominationView = z.object({
  id: z.string(),
  campaignId: z.string(),
  campaignTitle: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  regionCode: z.string(),
  quotaRegion: z.string(),
  quotaRegionName: z.string(),
  nomineeOrgId: z.string().nullable(),
  /** The collective's name, or the individual's name masked (revealed per field with a reason). */
  nomineeName: z.string(),
  genderLabel: z.string().nullable(),
  positionMasked: z.string().nullable(),
  unitName: z.string().nullable(),
  consentPublish: z.boolean(),
  sensitiveAsked: z.array(z.enum(SENSITIVE_FIELDS)),
  summary: z.string(),
  status: z.enum(NOMINATION_STATUSES),
  statusReason: z.string().nullable(),
  noticeId: z.string().nullable(),
  reviewCount: z.number().int(),
  averageScore: z.number().nullable(),
  votes: z.object({ agree: z.number().int(), disagree: z.number().int(), abstain: z.number().int() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type NominationView = z.infer<typeof nominationView>;
export const nominationDetail = nominationView.extend({
  deeds: z.string(),
  materialIds: z.array(z.string()),
  reviews: z.array(
    z.object({
      reviewerName: z.string(),
      score: z.number().nullable(),
      vote: z.enum(["agree", "disagree", "abstain"]),
      comment: z.string(),
    }),
  ),
});
/**
 * The 推荐审批表 as the console prints it: the nomination as its detail shows it (personal fields masked, never
 * revealed here), the opinions of each stage in order, and the 公示 records that listed it.
 */
export const nominationForm = z.object({
  nomination: nominationDetail,
  stages: z.array(
    z.object({
      at: z.string(),
      step: z.string(),
      actorName: z.string().nullable(),
      opinion: z.string(),
    }),
  ),
  notices: z.array(
    z.object({
      id: z.string(),
      stage: z.string(),
      stageLabel: z.string(),
      title: z.string(),
      issuerOrgName: z.string(),
      startsOn: z.string().nullable(),
      endsOn: z.string().nullable(),
      phase: z.enum(["draft", "upcoming", "open", "ended"]),
      removed: z.boolean(),
      removedReason: z.string().nullable(),
      objections: z.object({ total: z.number().int(), upheld: z.number().int(), dismissed: z.number().int() }),
    }),
  ),
});
export type NominationForm = z.infer<typeof nominationForm>;
export const nominationListQuery = listQuery.extend({
  campaignId: uuid.optional(),
  status: z.enum(NOMINATION_STATUSES).optional(),
  kind: safeText(30).optional(),
  regionCode: regionCode.optional(),
  sort: sortParam(["createdAt", "status"]),
});
export const nominationRevealInput = z.strictObject({
  field: z.enum(["name", "position", "unit", "sensitive"]),
  reason: safeText(200),
});
export const reasonInput = z.strictObject({ reason: requiredText(1000) });
export const reviewInput = z.strictObject({
  score: z.number().min(0).max(100).nullable().default(null),
  vote: z.enum(["agree", "disagree", "abstain"]),
  comment: safeLongText(1000).default(""),
});
export const stageNoticeInput = z.strictObject({
  stage: z.enum(["county", "final"]),
  title: safeText(100),
  /** 蒙古文标题 (optional): the portal's 公示公告 shows it to visitors who chose Mongolian. */
  titleMn: safeText(200, 0).default(""),
  body: safeLongText(4000).default(""),
  nominationIds: idList(500, 1),
  startsOn: dateString.optional(),
});
export const unitNoticeInput = z.strictObject({
  startsOn: dateString.optional(),
  body: safeLongText(2000).default(""),
});
export const decisionInput = z.strictObject({
  decisionNo: safeText(60),
  title: safeText(100),
  decidedOn: dateString,
  certificatePrefix: safeText(20),
});
export const revokeInput = z.strictObject({ reason: requiredText(1000), docNo: safeText(60) });

export const awardView = z.object({
  id: z.string(),
  campaignId: z.string(),
  campaignTitle: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  honoreeName: z.string(),
  honoreeUnit: z.string(),
  orgId: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  decisionNo: z.string(),
  certificateNo: z.string(),
  awardedOn: z.string(),
  status: z.enum(["active", "revoked"]),
  revokedReason: z.string().nullable(),
  revokedDocNo: z.string().nullable(),
});
export type AwardView = z.infer<typeof awardView>;
export const awardListQuery = listQuery.extend({
  campaignId: uuid.optional(),
  orgId: uuid.optional(),
  status: z.enum(["active", "revoked"]).optional(),
  /** The honor's region and those below it. */
  regionCode: regionCode.optional(),
});
export const deedsQuery = listQuery.extend({
  regionCode: regionCode.optional(),
  year: queryYear.optional(),
  kind: safeText(30).optional(),
});
export const deedView = z.object({
  id: z.string(),
  campaignTitle: z.string(),
  year: z.number().int(),
  kindLabel: z.string(),
  honoreeName: z.string(),
  honoreeUnit: z.string(),
  regionName: z.string(),
  awardedOn: z.string(),
  summary: z.string(),
  fields: z.array(z.object({ label: z.string(), value: z.string() })),
});
