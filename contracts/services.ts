import { z } from "zod";
import { listQuery, regionCode, safeLongText, safeText, sortParam, uuid } from "./common.js";

/** 服务台 (PRODUCT §2.11): the shapes shared by the server, the console and the portal. */

export const SERVICE_CATEGORY_DICT = "service_category";
export const SERVICE_DECLINE_DICT = "service_decline_reason";
/** The legal-aid category: always in the green channel, with the shorter time limit. */
export const LEGAL_AID = "legal_aid";

export const SERVICE_CATEGORIES = [
  ["legal_aid", "法律援助"],
  ["employment", "就业"],
  ["school", "子女入学"],
  ["medical", "医疗"],
  ["social_security", "社会保障"],
  ["housing", "住房"],
  ["hardship", "困难救助"],
  ["policy", "政策咨询"],
  ["appointment", "办事预约"],
  ["other", "其他"],
] as const;

export const SERVICE_DECLINE_REASONS = [
  ["not_our_duty", "不属于本部门职责"],
  ["other_region", "属于其他地区管辖"],
  ["in_court", "已进入诉讼或仲裁程序"],
  ["duplicate", "重复提交，已在办理"],
  ["info_missing", "信息不全，无法办理"],
] as const;

/** Working days per category to answer a referral (a setting; legal aid shorter), and to accept it. */
export const DEFAULT_TIME_LIMITS: Record<string, number> = {
  legal_aid: 3,
  employment: 10,
  school: 10,
  medical: 7,
  social_security: 10,
  housing: 15,
  hardship: 7,
  policy: 5,
  appointment: 5,
  other: 10,
};
export const DEFAULT_ACCEPT_DAYS = 1;
/** Days after closing within which the person may reopen a request. */
export const DEFAULT_REOPEN_DAYS = 15;
/** Days a closed service file keeps its personal fields before the retention job purges them. */
export const DEFAULT_FILE_RETENTION_DAYS = 180;
/** Groups smaller than this are suppressed in statistics by region. */
export const MIN_GROUP = 5;

export const serviceChannel = z.enum(["window", "hotline", "online"]);
export type ServiceChannel = z.infer<typeof serviceChannel>;
export const CHANNEL_LABELS: Record<ServiceChannel, string> = { window: "窗口", hotline: "热线", online: "网上" };

export const requestStatus = z.enum(["accepted", "referred", "received", "declined", "answered", "closed"]);
export type RequestStatus = z.infer<typeof requestStatus>;
export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  accepted: "已受理",
  referred: "已转办",
  received: "已接收",
  declined: "已拒收",
  answered: "已答复",
  closed: "已办结",
};

export const satisfaction = z.enum(["satisfied", "basically", "dissatisfied"]);
export type Satisfaction = z.infer<typeof satisfaction>;
export const SATISFACTION_LABELS: Record<Satisfaction, string> = {
  satisfied: "满意",
  basically: "基本满意",
  dissatisfied: "不满意",
};

export const personalField = z.enum(["name", "phone", "idNumber", "needs"]);
export type PersonalField = z.infer<typeof personalField>;
export const PERSONAL_FIELD_LABELS: Record<PersonalField, string> = {
  name: "姓名",
  phone: "联系电话",
  idNumber: "身份证号",
  needs: "服务需求",
};

export const LANGUAGES = ["汉语", "蒙古语", "其他"] as const;

const phone = z
  .string()
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, { message: "应为 11 位手机号码或带区号的固定电话" });
const idNumber = z
  .string()
  .trim()
  .regex(/^\d{17}[\dXx]$/, { message: "应为 18 位居民身份证号码" })
  .transform((v) => v.toUpperCase());
const optional = <T extends z.ZodType>(s: T) => s.nullish().or(z.literal("").transform(() => null));

export const requestCreate = z.strictObject({
  windowId: uuid,
  category: safeText(40),
  channel: serviceChannel.default("window"),
  description: safeLongText(2000),
  language: safeText(20).default("汉语"),
  name: safeText(30),
  phone: optional(phone),
  idNumber: optional(idNumber),
  legalBasis: safeText(200).optional(),
});
export type RequestCreate = z.infer<typeof requestCreate>;

export const publicRequestCreate = z.strictObject({
  windowId: uuid,
  category: safeText(40),
  description: safeLongText(2000),
  language: safeText(20).default("汉语"),
  name: safeText(30),
  phone,
  /** The person has read the privacy notice (知情同意). */
  consent: z.literal(true, { message: "请阅读并同意个人信息保护告知" }),
});
export type PublicRequestCreate = z.infer<typeof publicRequestCreate>;

export const requestListQuery = listQuery.extend({
  view: z.enum(["window", "department", "all"]).default("all"),
  status: requestStatus.optional(),
  category: safeText(40).optional(),
  overdue: z.enum(["true", "false"]).optional(),
  /** In hand: accepted, referred or received (not declined, answered or closed). */
  open: z.enum(["true", "false"]).optional(),
  /** The request's region and those below it. */
  regionCode: regionCode.optional(),
  phone: phone.optional(),
  idNumber: idNumber.optional(),
  /** Made on or after / on or before these days (Beijing): the leaders' dashboard's months. */
  createdFrom: z.iso.date({ message: "应为有效日期（YYYY-MM-DD）" }).optional(),
  createdTo: z.iso.date({ message: "应为有效日期（YYYY-MM-DD）" }).optional(),
  sort: sortParam(["createdAt", "dueOn"]),
});
export type RequestListQuery = z.infer<typeof requestListQuery>;

export const referInput = z.strictObject({
  toOrgId: uuid,
  /** Working days to answer; the category's limit when omitted. */
  days: z.number().int().min(1).max(60).optional(),
  note: safeLongText(500).optional(),
});
export const declineInput = z.strictObject({
  reason: safeText(40),
  responsibleOrgId: uuid,
  note: safeLongText(500).optional(),
});
export const answerInput = z.strictObject({ answer: safeLongText(2000).pipe(z.string().min(1)) });
export const noteInput = z.strictObject({ note: safeLongText(500).optional() });
export const revealInput = z.strictObject({ field: personalField, reason: safeText(100, 2) });
export const revealResult = z.object({ field: personalField, value: z.string().nullable() });

export const requestView = z.object({
  id: z.string(),
  trackingCode: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  channel: serviceChannel,
  channelLabel: z.string(),
  description: z.string(),
  language: z.string(),
  windowId: z.string(),
  windowName: z.string(),
  orgName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  green: z.boolean(),
  legalBasis: z.string(),
  nameMasked: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  idNumberMasked: z.string().nullable(),
  status: requestStatus,
  statusLabel: z.string(),
  deptOrgId: z.string().nullable(),
  deptOrgName: z.string().nullable(),
  acceptDueOn: z.string().nullable(),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
  referredAt: z.string().nullable(),
  receivedAt: z.string().nullable(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answeredOnTime: z.boolean().nullable(),
  closedAt: z.string().nullable(),
  satisfaction: satisfaction.nullable(),
  satisfactionLabel: z.string().nullable(),
  partlySolved: z.boolean().nullable(),
  reopenCount: z.number(),
  createdAt: z.string(),
});
export type RequestView = z.infer<typeof requestView>;

export const referralView = z.object({
  id: z.string(),
  fromOrgName: z.string(),
  toOrgName: z.string(),
  days: z.number(),
  referredAt: z.string(),
  acceptDueOn: z.string(),
  dueOn: z.string(),
  outcome: z.string(),
  outcomeLabel: z.string(),
  receivedAt: z.string().nullable(),
  respondedAt: z.string().nullable(),
  declineReasonLabel: z.string().nullable(),
  declineNote: z.string().nullable(),
  /** Who the declining department named as responsible: the re-referral form preselects it. */
  responsibleOrgId: z.string().nullable(),
  responsibleOrgName: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  escalatedToNames: z.array(z.string()),
});
export const eventView = z.object({
  action: z.string(),
  actionLabel: z.string(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
  at: z.string(),
});
export const accessView = z.object({
  field: personalField,
  fieldLabel: z.string(),
  reason: z.string(),
  userName: z.string(),
  orgName: z.string(),
  at: z.string(),
});
export const requestDetail = requestView.extend({
  referrals: z.array(referralView),
  events: z.array(eventView),
  accesses: z.array(accessView),
  reopenUntil: z.string().nullable(),
});
export type RequestDetail = z.infer<typeof requestDetail>;

export const trackingParams = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z2-9]{10}$/, { message: "查询码应为 10 位大写字母或数字" }),
});
export const publicRequestReceipt = z.object({ trackingCode: z.string(), message: z.string() });
export const publicRequestStatus = z.object({
  trackingCode: z.string(),
  categoryLabel: z.string(),
  green: z.boolean(),
  status: requestStatus,
  statusLabel: z.string(),
  windowName: z.string(),
  deptOrgName: z.string().nullable(),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  satisfaction: satisfaction.nullable(),
  satisfactionLabel: z.string().nullable(),
  partlySolved: z.boolean().nullable(),
  canRate: z.boolean(),
  reopenUntil: z.string().nullable(),
  /** Closed, and today (Beijing) is on or before reopenUntil: the person may ask for it to be handled again. */
  canReopen: z.boolean(),
  events: z.array(eventView.omit({ actorName: true })),
  /** Who looked at the person's data: the department and when, which field and why (staff named by organization). */
  accesses: z.array(accessView.omit({ userName: true })),
  createdAt: z.string(),
});
export type PublicRequestStatus = z.infer<typeof publicRequestStatus>;
export const rateInput = z.strictObject({ satisfaction, partlySolved: z.boolean().default(false) });
export const reopenInput = z.strictObject({ reason: safeLongText(500).pipe(z.string().min(1)) });

/* Windows, liaison officers, meetings, files */
export const windowStaff = z.object({ userId: uuid, languages: z.array(safeText(20)).min(1).max(5) });
export const windowInput = z.strictObject({
  orgId: uuid,
  name: safeText(60),
  address: safeText(120),
  hours: safeText(60),
  staff: z.array(windowStaff).max(30).default([]),
});
export const windowView = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  name: z.string(),
  address: z.string(),
  hours: z.string(),
  staff: z.array(z.object({ userId: z.string(), name: z.string(), languages: z.array(z.string()) })),
  languages: z.array(z.string()),
});
export type WindowView = z.infer<typeof windowView>;
export const publicWindowView = windowView.omit({ staff: true, orgId: true });

export const liaisonInput = z.strictObject({
  orgId: uuid,
  name: safeText(30),
  title: safeText(40).optional(),
  workPhone: optional(phone),
  community: safeText(60).optional(),
});
export const liaisonView = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  regionName: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  workPhone: z.string().nullable(),
  community: z.string().nullable(),
});

export const meetingKind = z.enum(["liaison", "forum"]);
export const MEETING_KIND_LABELS = { liaison: "联系会议", forum: "座谈会" } as const;
export const meetingInput = z.strictObject({
  orgId: uuid,
  kind: meetingKind,
  title: safeText(100),
  heldOn: z.iso.date(),
  attendance: z.number().int().min(1).max(10_000),
  issues: safeLongText(4000),
  followUps: z.array(safeText(200)).max(30).default([]),
});
export const followUpInput = z.strictObject({
  index: z.number().int().min(0),
  request: requestCreate.omit({ channel: true }),
});
export const meetingView = z.object({
  id: z.string(),
  orgName: z.string(),
  regionName: z.string(),
  kind: meetingKind,
  kindLabel: z.string(),
  title: z.string(),
  heldOn: z.string(),
  attendance: z.number(),
  issues: z.string(),
  followUps: z.array(
    z.object({ text: z.string(), requestId: z.string().nullable(), trackingCode: z.string().nullable() }),
  ),
});

export const fileNeeds = z.strictObject({
  schooling: safeLongText(500).optional(),
  skills: safeLongText(500).optional(),
  workWanted: safeLongText(500).optional(),
  other: safeLongText(500).optional(),
});
export const fileInput = z.strictObject({
  orgId: uuid,
  purpose: safeText(200),
  consentRecord: safeText(200),
  legalBasis: safeText(200).optional(),
  name: safeText(30),
  phone: optional(phone),
  memberCount: z.number().int().min(1).max(30).default(1),
  needs: fileNeeds,
});
export const fileClose = z.strictObject({ reason: z.enum(["moved", "withdrawn"]) });
export const FILE_STATUS_LABELS = { active: "有效", closed: "已关闭", purged: "个人信息已清除" } as const;
export const fileView = z.object({
  id: z.string(),
  orgName: z.string(),
  regionName: z.string(),
  purpose: z.string(),
  consentRecord: z.string(),
  consentAt: z.string(),
  legalBasis: z.string(),
  nameMasked: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  memberCount: z.number(),
  status: z.enum(["active", "closed", "purged"]),
  statusLabel: z.string(),
  closeReasonLabel: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
});
export const fileListQuery = listQuery.extend({ phone: phone.optional() });

/* Statistics */
export const statsQuery = z.object({
  region: regionCode.optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
const statGroup = z.object({
  key: z.string(),
  label: z.string(),
  total: z.number().nullable(),
  closed: z.number().nullable(),
  onTime: z.number().nullable(),
  overdueOpen: z.number().nullable(),
  onTimeRate: z.number().nullable(),
  suppressed: z.boolean(),
});
export const statsView = z.object({
  total: z.number(),
  closed: z.number(),
  closedOnTime: z.number(),
  openOverdue: z.number(),
  /** closed on time ÷ (closed + open and overdue) */
  onTimeRate: z.number().nullable(),
  avgAcceptHours: z.number().nullable(),
  avgAnswerDays: z.number().nullable(),
  satisfaction: z.array(z.object({ key: z.string(), label: z.string(), count: z.number() })),
  partlySolved: z.number(),
  byCategory: z.array(statGroup),
  byChannel: z.array(statGroup),
  byRegion: z.array(statGroup),
  byMonth: z.array(statGroup),
  byDepartment: z.array(statGroup),
});
export type StatsView = z.infer<typeof statsView>;
export const dictOption = z.object({ code: z.string(), label: z.string() });
export const serviceOptions = z.object({
  categories: z.array(dictOption),
  declineReasons: z.array(dictOption),
  timeLimits: z.record(z.string(), z.number()),
  languages: z.array(z.string()),
});

/** An organization a request may be referred to (the banner's 党政机关 and 事业单位, and those above it). */
export const departmentOption = z.object({ id: z.string(), name: z.string(), regionName: z.string() });
export type DepartmentOption = z.infer<typeof departmentOption>;

/**
 * 服务指南 (宣传教育平台, seed 004 ch.7 §3(四): "加强相关政策法规、服务指南的宣传…编制一套宣传材料，向群众介绍服务
 * 项目、办事规程、注意事项"): one guide per service category and publishing level, shown on the portal, on the
 * window's LED screen and in the printed material. Lists (材料、流程) are one item per line.
 */
export const guideStatus = z.enum(["draft", "published", "withdrawn"]);
export type GuideStatus = z.infer<typeof guideStatus>;
export const GUIDE_STATUS_LABELS: Record<GuideStatus, string> = {
  draft: "草稿",
  published: "已发布",
  withdrawn: "已撤回",
};
/** What a guide says; the published version is a copy of it made at 发布. */
export const guideContent = z.object({
  title: safeText(60),
  serviceItems: safeLongText(1000).pipe(z.string().min(1)),
  conditions: safeLongText(1000).default(""),
  materials: safeLongText(1000).default(""),
  procedure: safeLongText(2000).pipe(z.string().min(1)),
  cautions: safeLongText(1000).default(""),
  /** 蒙古文: the guide's title and text in Mongolian script, entered by staff who know the language. */
  titleMn: safeText(120, 0).default(""),
  contentMn: safeLongText(4000).default(""),
});
export type GuideContent = z.infer<typeof guideContent>;
/** A guide's list (所需材料, 办理流程): one item per non-empty line, as the console's preview and the portal show it. */
export const guideItems = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
export const guideInput = z.strictObject({ orgId: uuid, category: safeText(40), ...guideContent.shape });
export const guideWithdraw = z.strictObject({ reason: safeText(200, 2) });
export const guideView = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  ...guideContent.shape,
  status: guideStatus,
  version: z.number(),
  publishedAt: z.string().nullable(),
  /** The draft differs from what the public sees: 发布 again to show it. */
  unpublishedChanges: z.boolean(),
  withdrawReason: z.string().nullable(),
  updatedAt: z.string(),
  canManage: z.boolean(),
});
export type GuideView = z.infer<typeof guideView>;
export const guideVersionView = z.object({
  version: z.number(),
  publishedAt: z.string(),
  publishedBy: z.string(),
  content: guideContent,
});
export const publicGuide = z.object({
  category: z.string(),
  categoryLabel: z.string(),
  regionName: z.string(),
  orgName: z.string(),
  ...guideContent.shape,
  /** 答复时限 (working days) from the module's settings: the same figure the departments' clocks use. */
  timeLimitDays: z.number().nullable(),
  green: z.boolean(),
  version: z.number(),
  publishedAt: z.string(),
});
export type PublicGuide = z.infer<typeof publicGuide>;
export const publicGuidesQuery = z.object({ region: regionCode.optional() });
export const publicGuides = z.object({
  /** Regions with published guides of their own, to choose from. */
  regions: z.array(z.object({ code: z.string(), name: z.string(), count: z.number() })),
  region: z.object({ code: z.string(), name: z.string() }).nullable(),
  /** The chosen region's guides, a category it has none for taken from the nearest level above. */
  guides: z.array(publicGuide),
  windows: z.array(publicWindowView),
});
export type PublicGuides = z.infer<typeof publicGuides>;
