import { z } from "zod";
import { idParams, okResult } from "../../../contracts/common.js";
import { messagePage, messageQuery, notifySettings, unreadCount } from "../../../contracts/notify.js";
import type { Deps } from "../../core/context.js";
import { type App, ctxOf } from "../../core/http.js";
import {
  getSettings,
  listMessages,
  markAllRead,
  markRead,
  myDeliveries,
  saveSettings,
  unreadCounts,
} from "./notify.service.js";

const tags = ["消息中心"];
const delivery = z.object({
  id: z.string(),
  channel: z.string(),
  adapter: z.string(),
  subject: z.string(),
  messageCount: z.number(),
  status: z.enum(["sent", "failed"]),
  error: z.string().nullable(),
  createdAt: z.string(),
});

/** Every route is the caller's own messages (signedIn): the service keys each query on the caller's user id. */
export function notifyRoutes(app: App, deps: Deps) {
  app.get(
    "/api/messages",
    {
      config: { signedIn: true },
      schema: {
        tags,
        summary: "我的消息（待办提醒与动态通知）",
        querystring: messageQuery,
        response: { 200: messagePage },
      },
    },
    async (req) => listMessages(ctxOf(deps, req), req.query),
  );
  app.get(
    "/api/messages/unread",
    { config: { signedIn: true }, schema: { tags, summary: "未读消息数（含逾期数）", response: { 200: unreadCount } } },
    async (req) => unreadCounts(ctxOf(deps, req)),
  );
  app.post(
    "/api/messages/:id/read",
    {
      config: { signedIn: true },
      schema: { tags, summary: "标记一条消息为已读", params: idParams, response: { 200: okResult } },
    },
    async (req) => {
      await markRead(ctxOf(deps, req), req.params.id);
      return { ok: true as const };
    },
  );
  app.post(
    "/api/messages/read-all",
    {
      config: { signedIn: true },
      schema: { tags, summary: "全部标记为已读", response: { 200: z.object({ marked: z.number() }) } },
    },
    async (req) => ({ marked: await markAllRead(ctxOf(deps, req)) }),
  );
  app.get(
    "/api/messages/settings",
    {
      config: { signedIn: true },
      schema: {
        tags,
        summary: "我的提醒设置与最近的摘要发送记录",
        response: { 200: notifySettings.extend({ deliveries: z.array(delivery) }) },
      },
    },
    async (req) => {
      const ctx = ctxOf(deps, req);
      const [settings, deliveries] = await Promise.all([getSettings(ctx.db, ctx.actor.userId), myDeliveries(ctx)]);
      return {
        ...settings,
        deliveries: deliveries.map((d) => ({ ...d, createdAt: d.createdAt.toISOString() })),
      };
    },
  );
  app.put(
    "/api/messages/settings",
    {
      config: { signedIn: true },
      schema: { tags, summary: "修改我的提醒设置", body: notifySettings, response: { 200: notifySettings } },
    },
    async (req) => saveSettings(ctxOf(deps, req), req.body),
  );
}
