import { z } from "zod";
import { dictCode, listQuery, queryBool, regionCode, safeLongText, safeText, sortParam, uuid } from "./common.js";

/** 活动 (PRODUCT §2.10): records, annual plans, 学校“七个一”, 结对 and statistics. */

export const ACTIVITY_STATUS_LABELS = {
  draft: "草稿",
  submitted: "已提交",
  confirmed: "已确认",
  returned: "已退回",
} as const;
export type ActivityStatus = keyof typeof ACTIVITY_STATUS_LABELS;

export const PAIR_SIDE_KIND_LABELS = { org: "单位", village: "嘎查村（社区）", household: "户" } as const;
export type PairSideKind = keyof typeof PAIR_SIDE_KIND_LABELS;

/** Integrity flags on a record's photos, shown to the reviewer (never a refusal). */
export const PHOTO_FLAG_LABELS = {
  reused: "同一照片已用于其他单位的活动",
  similar: "照片与其他单位活动的照片近似（疑似同一张照片经缩放、压缩或裁切）",
  capture_far: "照片拍摄时间与活动日期相差超过 30 天",
} as const;
export type PhotoFlagKind = keyof typeof PHOTO_FLAG_LABELS;

/** Days between a photo's capture time and the activity's dates beyond which it is flagged. */
export const PHOTO_CAPTURE_TOLERANCE_DAYS = 30;
/** Default months without a visit after which a pair shows as overdue (setting activities.pair_overdue_months). */
export const PAIR_OVERDUE_MONTHS_DEFAULT = 3;

const dateString = z.iso.date({ message: "应为 YYYY-MM-DD 格式的日期" });
const code = dictCode;
const year = z.coerce.number().int().min(2000).max(2100);

export const mediaLink = z.strictObject({
  title: safeText(100),
  url: z
    .string()
    .trim()
    .max(500)
    .regex(/^https?:\/\/\S+$/, { message: "应为以 http:// 或 https:// 开头的链接" }),
});

export const activityInput = z
  .strictObject({
    typeCode: code,
    domainCode: code,
    title: safeText(100),
    startDate: dateString,
    endDate: dateString,
    regionCode,
    address: safeText(200).nullable().optional(),
    orgId: uuid.optional(),
    coOrgIds: z.array(uuid).max(20).default([]),
    participants: z.record(code, z.number().int().min(0).max(1_000_000)).default({}),
    summary: safeLongText(5000).nullable().optional(),
    photoIds: z.array(uuid).max(30).default([]),
    fileIds: z.array(uuid).max(30).default([]),
    mediaLinks: z.array(mediaLink).max(20).default([]),
    planNodeId: uuid.nullable().optional(),
    pairId: uuid.nullable().optional(),
    isPublic: z.boolean().default(false),
  })
  .refine((v) => v.endDate >= v.startDate, { path: ["endDate"], message: "结束日期不能早于开始日期" });
export type ActivityInput = z.infer<typeof activityInput>;

/** A correction of a submitted or confirmed record: the new content and why. */
export const activityCorrection = z.strictObject({
  content: activityInput,
  reason: safeLongText(500),
});
export const activityReturn = z.strictObject({ reason: safeLongText(500) });

export const photoFlag = z.object({
  kind: z.enum(["reused", "similar", "capture_far"]),
  materialId: z.string(),
  message: z.string(),
  otherActivityId: z.string().nullable(),
  otherActivityTitle: z.string().nullable(),
  otherOrgName: z.string().nullable(),
  takenAt: z.string().nullable(),
});
export type PhotoFlag = z.infer<typeof photoFlag>;

const materialRef = z.object({ id: z.string(), title: z.string(), fileName: z.string(), mimeType: z.string() });

export const activitySummary = z.object({
  id: z.string(),
  typeCode: z.string(),
  typeLabel: z.string(),
  domainCode: z.string(),
  domainLabel: z.string(),
  title: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  participantTotal: z.number(),
  status: z.enum(["draft", "submitted", "confirmed", "returned"]),
  isPublic: z.boolean(),
  photoCount: z.number(),
  flagCount: z.number(),
  updatedAt: z.string(),
});
export type ActivitySummary = z.infer<typeof activitySummary>;

export const activityView = activitySummary.extend({
  address: z.string().nullable(),
  coOrgs: z.array(z.object({ id: z.string(), name: z.string() })),
  participants: z.array(z.object({ code: z.string(), label: z.string(), count: z.number() })),
  summary: z.string().nullable(),
  photos: z.array(materialRef),
  files: z.array(materialRef),
  mediaLinks: z.array(z.object({ title: z.string(), url: z.string() })),
  planNodeId: z.string().nullable(),
  pairId: z.string().nullable(),
  returnReason: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  confirmedByName: z.string().nullable(),
  revision: z.number(),
  flags: z.array(photoFlag),
  /** What the caller may do: edit (draft/returned), correct, submit, confirm/return. */
  actions: z.array(z.enum(["update", "submit", "correct", "confirm", "return"])),
  createdAt: z.string(),
});
export type ActivityView = z.infer<typeof activityView>;

export const activityRevisionView = z.object({
  revision: z.number(),
  reason: z.string().nullable(),
  changedByName: z.string(),
  changedAt: z.string(),
  content: z.record(z.string(), z.unknown()),
});

export const activityListQuery = listQuery.extend({
  status: z.enum(["draft", "submitted", "confirmed", "returned"]).optional(),
  typeCode: code.optional(),
  domainCode: code.optional(),
  regionCode: regionCode.optional(),
  orgId: uuid.optional(),
  pairId: uuid.optional(),
  from: dateString.optional(),
  to: dateString.optional(),
  /** Held (started) in this year. */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  /** Started on or after / on or before these days (the leaders' dashboard's months). */
  startFrom: dateString.optional(),
  startTo: dateString.optional(),
  /** 待确认: submitted records the caller may confirm. */
  queue: queryBool.optional(),
  sort: sortParam(["startDate", "title", "participantTotal", "updatedAt"]),
});
export type ActivityListQuery = z.infer<typeof activityListQuery>;

// ---- statistics

export const statsQuery = z.object({
  year,
  /** The region to drill into (default: the caller's scope root). */
  regionCode: regionCode.optional(),
});
const countRow = z.object({ key: z.string(), label: z.string(), activities: z.number(), participants: z.number() });
export const statsView = z.object({
  year: z.number(),
  regionCode: z.string(),
  regionName: z.string(),
  total: z.object({ activities: z.number(), participants: z.number() }),
  byRegion: z.array(countRow),
  byType: z.array(countRow),
  byDomain: z.array(countRow),
  byMonth: z.array(countRow),
  byGroup: z.array(z.object({ key: z.string(), label: z.string(), participants: z.number() })),
});
export type StatsView = z.infer<typeof statsView>;

export const calendarQuery = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: "应为 YYYY-MM 格式的月份" }),
  regionCode: regionCode.optional(),
});
export const calendarView = z.object({
  month: z.string(),
  days: z.array(
    z.object({
      date: z.string(),
      items: z.array(z.object({ id: z.string(), title: z.string(), typeLabel: z.string(), orgName: z.string() })),
    }),
  ),
});

// ---- plans

export const planLineInput = z.strictObject({
  typeCode: code,
  month: z.number().int().min(1).max(12).nullable().default(null),
  targetCount: z.number().int().min(1).max(100_000),
});
export const activityPlanInput = z.strictObject({
  title: safeText(100),
  year: z.number().int().min(2000).max(2100),
  orgId: uuid.optional(),
  covers: z.enum(["org", "region"]).default("org"),
  lines: z.array(planLineInput).min(1).max(200),
});
export type ActivityPlanInput = z.infer<typeof activityPlanInput>;
export const activityPlanView = z.object({
  id: z.string(),
  title: z.string(),
  year: z.number(),
  orgId: z.string(),
  orgName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  covers: z.enum(["org", "region"]),
  lines: z.array(
    z.object({
      id: z.string(),
      typeCode: z.string(),
      typeLabel: z.string(),
      month: z.number().nullable(),
      targetCount: z.number(),
      doneCount: z.number(),
    }),
  ),
  targetTotal: z.number(),
  doneTotal: z.number(),
});
export type ActivityPlanView = z.infer<typeof activityPlanView>;
export const planListQuery = listQuery.extend({ year: year.optional() });

// ---- 七个一

export const sevenItemsQuery = z.object({ year, schoolOrgId: uuid.optional() });
export const schoolItemsView = z.object({
  schoolOrgId: z.string(),
  schoolName: z.string(),
  year: z.number(),
  items: z.array(
    z.object({
      code: z.string(),
      label: z.string(),
      activityId: z.string().nullable(),
      activityTitle: z.string().nullable(),
      activityDate: z.string().nullable(),
    }),
  ),
  done: z.number(),
  total: z.number(),
});
export const sevenItemLink = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  itemCode: code,
  activityId: uuid,
  schoolOrgId: uuid.optional(),
});
export const sevenCompletionQuery = z.object({ year, regionCode: regionCode.optional() });
export const sevenCompletionView = z.object({
  year: z.number(),
  itemTotal: z.number(),
  byRegion: z.array(
    z.object({
      regionCode: z.string(),
      regionName: z.string(),
      schools: z.number(),
      complete: z.number(),
      links: z.number(),
    }),
  ),
  schools: z.array(
    z.object({ schoolOrgId: z.string(), schoolName: z.string(), regionCode: z.string(), done: z.number() }),
  ),
});

// ---- pairs

export const pairSide = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("org"), orgId: uuid }),
  z.strictObject({ kind: z.literal("village"), regionCode }),
  z.strictObject({ kind: z.literal("household"), orgId: uuid, ref: safeText(50) }),
]);
export const pairInput = z.strictObject({
  a: pairSide,
  b: pairSide,
  startDate: dateString,
  goals: safeLongText(2000).nullable().optional(),
  orgId: uuid.optional(),
});
export type PairInput = z.infer<typeof pairInput>;
/** A pair's correction: start date and goals, and its end (结束结对) or reopening (null). */
export const pairUpdate = z
  .strictObject({
    startDate: dateString,
    goals: safeLongText(2000).nullable().optional(),
    endDate: dateString.nullable().optional(),
  })
  .refine((v) => !v.endDate || v.endDate >= v.startDate, { path: ["endDate"], message: "结束日期不能早于开始日期" });
export type PairUpdate = z.infer<typeof pairUpdate>;
export const pairSideView = z.object({ kind: z.enum(["org", "village", "household"]), label: z.string() });
export const pairView = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  regionCode: z.string(),
  a: pairSideView,
  b: pairSideView,
  startDate: z.string(),
  goals: z.string().nullable(),
  endDate: z.string().nullable(),
  visitCount: z.number(),
  lastVisit: z.string().nullable(),
  overdue: z.boolean(),
});
export type PairView = z.infer<typeof pairView>;
export const pairListQuery = listQuery.extend({ overdue: queryBool.optional() });

// ---- evidence (reuse by other modules)

export const activityEvidenceView = z.object({
  id: z.string(),
  title: z.string(),
  startDate: z.string(),
  orgName: z.string(),
  status: z.enum(["draft", "submitted", "confirmed", "returned"]),
  canOpen: z.boolean(),
});
export type ActivityEvidence = z.infer<typeof activityEvidenceView>;
/** A cited record as the citing object keeps it (title, date, organizer at the time it was picked). */
export const activityRef = z.object({ id: z.string(), title: z.string(), startDate: z.string(), orgName: z.string() });
export type ActivityRef = z.infer<typeof activityRef>;
/** Activity records picked as evidence: distinct ids, at most 20. */
export const activityIdList = z
  .array(uuid)
  .max(20)
  .refine((a) => new Set(a).size === a.length, { message: "佐证活动不能重复" });

// ---- portal

export const publicActivity = z.object({
  id: z.string(),
  title: z.string(),
  typeLabel: z.string(),
  domainLabel: z.string(),
  startDate: z.string(),
  regionName: z.string(),
  orgName: z.string(),
  summary: z.string().nullable(),
  participantTotal: z.number(),
  /** Up to four photos, served by GET /api/public/activities/:id/photos/:photoId. */
  photoIds: z.array(z.string()),
});
export const publicActivityQuery = z.object({
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(12),
});

export const reportQuery = z.object({ year, regionCode: regionCode.optional() });

/** 协办单位 to choose from: active organizations of the recorder's 旗县, found by part of the name. */
export const coOrgQuery = z.object({ q: safeText(50).optional() });
export const coOrgOption = z.object({ id: uuid, name: z.string(), regionName: z.string() });
export type CoOrgOption = z.infer<typeof coOrgOption>;

const dictEntry = z.object({ code: z.string(), label: z.string(), sort: z.number() });
export const activityDicts = z.object({
  types: z.array(dictEntry),
  domains: z.array(dictEntry),
  groups: z.array(dictEntry),
  sevenItems: z.array(dictEntry),
});
export type ActivityDicts = z.infer<typeof activityDicts>;
