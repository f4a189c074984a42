import { z } from "zod";
import { listQuery, pageOf, queryBool, safeLongText, safeText, uuid } from "./common.js";

/**
 * 消息中心: every to-do and reminder of every module as a message per user (derived to-dos kept in step with the
 * modules' own lists), plus event messages the modules send (answers, escalations), read/unread, with the link
 * to act. Delivery beyond the console (SMS, e-mail) goes through adapters; the default one only logs.
 */
export const MESSAGE_CATEGORIES = ["todo", "event"] as const;
export const messageCategory = z.enum(MESSAGE_CATEGORIES);
export const MESSAGE_CATEGORY_LABELS: Record<(typeof MESSAGE_CATEGORIES)[number], string> = {
  todo: "待办提醒",
  event: "动态通知",
};

/** The modules a message comes from, with their Chinese names (the list's filter and tag). */
export const MESSAGE_SOURCES: Record<string, string> = {
  creation: "示范创建",
  plans: "规划监测",
  system: "系统",
  bases: "教育基地",
  activities: "活动",
  services: "服务台",
  disputes: "风险防范",
  honors: "表彰",
  content: "门户内容",
  insights: "考核评价",
};

export const messageView = z.object({
  id: z.string(),
  category: messageCategory,
  source: z.string(),
  sourceLabel: z.string(),
  kindLabel: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
  /** A to-do the module no longer lists (done, or no longer this user's to do). */
  resolved: z.boolean(),
  read: z.boolean(),
  createdAt: z.string(),
});
export type MessageView = z.infer<typeof messageView>;

export const messageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  unread: queryBool.optional(),
  category: messageCategory.optional(),
  /** One module's messages (a key of MESSAGE_SOURCES). */
  source: z
    .string()
    .refine((s) => Object.hasOwn(MESSAGE_SOURCES, s), "未知的消息来源")
    .optional(),
});
export type MessageQuery = z.infer<typeof messageQuery>;

export const messagePage = pageOf(messageView).extend({ unread: z.number() });
export const unreadCount = z.object({ unread: z.number(), overdue: z.number() });

export const NOTIFY_CHANNELS = ["sms", "email"] as const;
export const NOTIFY_CHANNEL_LABELS: Record<(typeof NOTIFY_CHANNELS)[number], string> = {
  sms: "短信",
  email: "电子邮件",
};

export const notifySettings = z.strictObject({
  /** A daily digest of unread messages through the chosen channels. */
  digest: z.boolean(),
  channels: z.array(z.enum(NOTIFY_CHANNELS)).max(NOTIFY_CHANNELS.length),
});
export type NotifySettings = z.infer<typeof notifySettings>;

// ---- 内部通知: announcements from a department to the staff of its scope, with read receipts ----

export const ANNOUNCEMENT_AUDIENCES = ["all", "departments"] as const;
export type AnnouncementAudience = (typeof ANNOUNCEMENT_AUDIENCES)[number];
export const ANNOUNCEMENT_AUDIENCE_LABELS: Record<AnnouncementAudience, string> = {
  all: "本级及下级全部工作人员",
  departments: "本级及下级民族工作部门",
};
export const announcementCreate = z.strictObject({
  title: safeText(100),
  body: safeLongText(20_000),
  audience: z.enum(ANNOUNCEMENT_AUDIENCES).default("all"),
  attachmentIds: z.array(uuid).max(10, { message: "附件最多 10 个" }).default([]),
});
export type AnnouncementCreate = z.infer<typeof announcementCreate>;
export const announcementListQuery = listQuery.extend({
  /** inbox: addressed to me; managed: published within my scope (needs announcement:publish). */
  box: z.enum(["inbox", "managed"]).default("inbox"),
  unread: queryBool.optional(),
});
export type AnnouncementListQuery = z.infer<typeof announcementListQuery>;
const attachment = z.object({ id: z.string(), title: z.string(), fileName: z.string(), mimeType: z.string() });
export const announcementSummary = z.object({
  id: uuid,
  title: z.string(),
  orgName: z.string(),
  audience: z.enum(ANNOUNCEMENT_AUDIENCES),
  audienceLabel: z.string(),
  publishedAt: z.string(),
  publishedByName: z.string(),
  withdrawnAt: z.string().nullable(),
  /** Inbox: whether I have opened it. */
  read: z.boolean(),
  attachmentCount: z.number().int(),
});
export type AnnouncementSummary = z.infer<typeof announcementSummary>;
export const announcementPage = pageOf(announcementSummary).extend({ unread: z.number().int() });
export const announcementDetail = announcementSummary.extend({
  body: z.string(),
  attachments: z.array(attachment),
  withdrawReason: z.string().nullable(),
  /** For its publisher's scope: how many it is addressed to and how many have opened it. */
  receipts: z.object({ recipients: z.number().int(), read: z.number().int() }).nullable(),
  canWithdraw: z.boolean(),
});
export type AnnouncementDetail = z.infer<typeof announcementDetail>;
export const announcementWithdraw = z.strictObject({ reason: safeText(200) });
export const receiptsQuery = listQuery.extend({ read: queryBool.optional() });
export const announcementReceipt = z.object({
  userId: uuid,
  name: z.string(),
  orgName: z.string(),
  readAt: z.string().nullable(),
});
export type AnnouncementReceipt = z.infer<typeof announcementReceipt>;
