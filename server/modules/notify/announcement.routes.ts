import { idParams, pageOf } from "../../../contracts/common.js";
import {
  announcementCreate,
  announcementDetail,
  announcementListQuery,
  announcementPage,
  announcementReceipt,
  announcementWithdraw,
  receiptsQuery,
} from "../../../contracts/notify.js";
import type { Deps } from "../../core/context.js";
import { type App, ctxOf } from "../../core/http.js";
import { historyRoute } from "../audit/index.js";
import { evidenceRoutes } from "../materials/index.js";
import {
  getAnnouncement,
  listAnnouncements,
  listReceipts,
  loadManagedAnnouncement,
  publishAnnouncement,
  readAnnouncementAttachment,
  withdrawAnnouncement,
} from "./announcement.service.js";

const tags = ["内部通知"];

/**
 * 内部通知. Reading is for any signed-in user and the service decides who sees what: an announcement is visible to
 * its audience (the staff of the publisher's region and below) and to the publishers of a scope containing it;
 * anyone else gets 404. Publishing, withdrawing and the read receipts need announcement:publish in scope.
 */
export function announcementRoutes(app: App, deps: Deps) {
  app.get(
    "/api/announcements",
    {
      config: { signedIn: true },
      schema: {
        tags,
        summary: "内部通知：发给我的（box=inbox），或本辖区发布的（box=managed，须有发布权限）",
        querystring: announcementListQuery,
        response: { 200: announcementPage },
      },
    },
    async (req) => listAnnouncements(ctxOf(deps, req), req.query),
  );
  app.get(
    "/api/announcements/:id",
    {
      config: { signedIn: true },
      schema: {
        tags,
        summary: "查看内部通知（收件人首次查看即记为已读）",
        params: idParams,
        response: { 200: announcementDetail },
      },
    },
    async (req) => getAnnouncement(ctxOf(deps, req), req.params.id),
  );
  app.get(
    "/api/announcements/:id/receipts",
    {
      config: { permission: "announcement:publish" },
      schema: {
        tags,
        summary: "阅读情况：收件人名单及是否已读",
        params: idParams,
        querystring: receiptsQuery,
        response: { 200: pageOf(announcementReceipt) },
      },
    },
    async (req) => listReceipts(ctxOf(deps, req), req.params.id, req.query),
  );
  app.post(
    "/api/announcements",
    {
      config: { permission: "announcement:publish" },
      schema: {
        tags,
        summary: "发布内部通知（发给本级及下级的工作人员）",
        body: announcementCreate,
        response: { 200: announcementDetail },
      },
    },
    async (req) => publishAnnouncement(ctxOf(deps, req), req.body),
  );
  app.post(
    "/api/announcements/:id/withdraw",
    {
      config: { permission: "announcement:publish" },
      schema: {
        tags,
        summary: "撤回内部通知（须说明原因）",
        params: idParams,
        body: announcementWithdraw,
        response: { 200: announcementDetail },
      },
    },
    async (req) => withdrawAnnouncement(ctxOf(deps, req), req.params.id, req.body.reason),
  );
  historyRoute(app, deps, {
    path: "/api/announcements/:id/history",
    permission: "announcement:publish",
    tags,
    summary: "操作记录（审计）",
    entity: "announcement",
    load: loadManagedAnnouncement,
  });
  evidenceRoutes(app, deps, {
    path: "/api/announcements/:id/evidence/:evidenceId",
    permission: null,
    tags,
    summaries: { preview: "预览内部通知的附件", download: "下载内部通知的附件" },
    read: readAnnouncementAttachment,
  });
}
