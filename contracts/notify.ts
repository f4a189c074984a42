import { z } from "zod";
import { pageOf, queryBool } from "./common.js";

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
