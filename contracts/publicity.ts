import { z } from "zod";
import { listQuery, safeLongText, safeText, uuid } from "./common.js";

/** 公示/异议, the shared capability (server/modules/publicity): what its owners and the portal exchange. */

export const PUBLICITY_NOTICE_STATUS_LABELS = { draft: "草稿", published: "已发布" } as const;
export const publicityPhase = z.enum(["draft", "upcoming", "open", "ended"]);
export type PublicityPhase = z.infer<typeof publicityPhase>;
export const PUBLICITY_PHASE_LABELS: Record<PublicityPhase, string> = {
  draft: "未发布",
  upcoming: "即将公示",
  open: "公示中",
  ended: "公示期满",
};
export const publicityObjectionStatus = z.enum(["pending", "investigating", "answered"]);
export type PublicityObjectionStatus = z.infer<typeof publicityObjectionStatus>;
export const PUBLICITY_OBJECTION_STATUS_LABELS: Record<PublicityObjectionStatus, string> = {
  pending: "待处理",
  investigating: "调查中",
  answered: "已答复",
};
export const publicityOutcome = z.enum(["upheld", "dismissed"]);
export type PublicityOutcome = z.infer<typeof publicityOutcome>;
export const PUBLICITY_OUTCOME_LABELS: Record<PublicityOutcome, string> = {
  upheld: "异议成立",
  dismissed: "异议不成立",
};
/** The owning modules whose notices the portal's 公示公告 lists. */
export const PUBLICITY_OWNER_LABELS: Record<string, string> = { creation: "示范创建", honors: "表彰" };

const field = z.object({ label: z.string(), value: z.string() });
export const publicityItemSchema = z.object({
  itemId: z.string(),
  label: z.string(),
  detail: z.array(field),
  removed: z.boolean(),
  removedReason: z.string().nullable(),
});
export const publicityNoticeSchema = z.object({
  id: z.string(),
  owner: z.string(),
  ownerLabel: z.string(),
  ownerRef: z.string(),
  stage: z.string(),
  title: z.string(),
  /** 蒙古文标题, "" when none. */
  titleMn: z.string(),
  body: z.string(),
  phase: publicityPhase,
  workingDays: z.number().int(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  publishedAt: z.string().nullable(),
  issuerOrgName: z.string(),
  regionCode: z.string(),
  items: z.array(publicityItemSchema),
  /** Staff only: objections received and not yet answered. */
  objections: z.object({ total: z.number().int(), unanswered: z.number().int() }).nullable(),
});
export type PublicityNotice = z.infer<typeof publicityNoticeSchema>;
export const publicityNoticeQuery = listQuery.extend({ owner: z.enum(["creation", "honors"]).optional() });

const phone = z
  .string()
  .trim()
  .regex(/^1\d{10}$/, { message: "应为 11 位手机号码" });
export const publicityObjectionSubmit = z.strictObject({
  contactName: safeText(30),
  phone,
  content: safeLongText(2000).pipe(z.string().min(5, { message: "请至少填写 5 个字" })),
  /** The listed item (a named nominee) objected to; absent = the notice as a whole. */
  itemId: uuid.optional(),
});
export type PublicityObjectionSubmit = z.infer<typeof publicityObjectionSubmit>;
export const publicityReceipt = z.object({
  trackingCode: z.string(),
  status: publicityObjectionStatus,
  message: z.string(),
});
export const publicityTrackingParams = z.object({
  trackingCode: z.string().regex(/^[A-Z2-9]{10}$/, { message: "查询码应为 10 位字母或数字" }),
});
export const publicityObjectionPublic = z.object({
  trackingCode: z.string(),
  noticeTitle: z.string(),
  itemLabel: z.string().nullable(),
  status: publicityObjectionStatus,
  statusLabel: z.string(),
  reply: z.string().nullable(),
  outcome: publicityOutcome.nullable(),
  outcomeLabel: z.string().nullable(),
  createdAt: z.string(),
  answeredAt: z.string().nullable(),
});
export const publicityObjectionSchema = z.object({
  id: z.string(),
  noticeId: z.string(),
  noticeTitle: z.string(),
  itemId: z.string().nullable(),
  itemLabel: z.string().nullable(),
  nameMasked: z.string(),
  phoneMasked: z.string(),
  content: z.string(),
  status: publicityObjectionStatus,
  investigation: z.string().nullable(),
  reply: z.string().nullable(),
  outcome: publicityOutcome.nullable(),
  handledByName: z.string().nullable(),
  trackingCode: z.string(),
  createdAt: z.string(),
  answeredAt: z.string().nullable(),
});
export type PublicityObjection = z.infer<typeof publicityObjectionSchema>;
export const publicityObjectionQuery = listQuery.extend({
  noticeId: uuid.optional(),
  status: publicityObjectionStatus.optional(),
});
export const publicityInvestigate = z.strictObject({ note: safeLongText(2000).pipe(z.string().min(1)) });
export const publicityAnswer = z.strictObject({
  reply: safeLongText(2000).pipe(z.string().min(1)),
  outcome: publicityOutcome,
});
export const revealInput = z.strictObject({ field: z.enum(["name", "phone"]), reason: safeText(200) });
