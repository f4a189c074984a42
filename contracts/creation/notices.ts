import { z } from "zod";
import { listQuery, safeLongText, safeText, uuid } from "../common.js";
import { namingLevel } from "../evaluation.js";
import { dateString, idList, requiredText } from "./fields.js";

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
  /** 蒙古文标题 (Mongolian script, optional): the portal shows it to visitors who chose Mongolian. */
  titleMn: safeText(200, 0).default(""),
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
  /** 蒙古文标题, "" when none. */
  titleMn: z.string(),
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
