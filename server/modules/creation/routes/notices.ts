import { z } from "zod";
import { idParams, pageOf } from "../../../../contracts/common.js";
import {
  noticeCreate,
  noticeListQuery,
  noticePublish,
  noticeSchema,
  objectionInvestigate,
  objectionListQuery,
  objectionReply,
  objectionRevealQuery,
  objectionSchema,
} from "../../../../contracts/creation.js";
import type { Deps } from "../../../core/context.js";
import { type App, ctxOf } from "../../../core/http.js";
import { createNotice, getNotice, listNotices, publishNotice } from "../notice.service.js";
import {
  getObjection,
  investigateObjection,
  listObjections,
  replyObjection,
  revealObjectionField,
} from "../objection.service.js";
import { tags } from "./shared.js";

/** 示范创建: 公示与异议. */
export function noticeRoutes(app: App, deps: Deps) {
  app.get(
    "/api/creation/notices",
    {
      config: { permission: "creation:read" },
      schema: { tags, summary: "公示", querystring: noticeListQuery, response: { 200: pageOf(noticeSchema) } },
    },
    async (req) => listNotices(ctxOf(deps, req), req.query),
  );
  app.post(
    "/api/creation/notices",
    {
      config: { permission: "creation:manage" },
      schema: { tags, summary: "拟定公示（审定通过的申报）", body: noticeCreate, response: { 200: noticeSchema } },
    },
    async (req) => createNotice(ctxOf(deps, req), req.body),
  );
  app.get(
    "/api/creation/notices/:id",
    {
      config: { permission: "creation:read" },
      schema: { tags, summary: "公示详情", params: idParams, response: { 200: noticeSchema } },
    },
    async (req) => getNotice(ctxOf(deps, req), req.params.id),
  );
  app.post(
    "/api/creation/notices/:id/publish",
    {
      config: { permission: "creation:manage" },
      schema: {
        tags,
        summary: "发布公示（按工作日计算公示期）",
        params: idParams,
        body: noticePublish,
        response: { 200: noticeSchema },
      },
    },
    async (req) => publishNotice(ctxOf(deps, req), req.params.id, req.body.startsOn),
  );
  app.get(
    "/api/creation/objections",
    {
      config: { permission: "creation:manage" },
      schema: {
        tags,
        summary: "异议（异议人姓名、电话脱敏显示）",
        querystring: objectionListQuery,
        response: { 200: pageOf(objectionSchema) },
      },
    },
    async (req) => listObjections(ctxOf(deps, req), req.query),
  );
  app.get(
    "/api/creation/objections/:id",
    {
      config: { permission: "creation:manage" },
      schema: { tags, summary: "异议详情", params: idParams, response: { 200: objectionSchema } },
    },
    async (req) => getObjection(ctxOf(deps, req), req.params.id),
  );
  app.get(
    "/api/creation/objections/:id/reveal",
    {
      config: { permission: "creation:manage" },
      schema: {
        tags,
        summary: "查看异议人完整姓名或电话（记录审计）",
        params: idParams,
        querystring: objectionRevealQuery,
        response: { 200: z.object({ field: z.string(), value: z.string() }) },
      },
    },
    async (req) => revealObjectionField(ctxOf(deps, req), req.params.id, req.query.field),
  );
  app.post(
    "/api/creation/objections/:id/investigate",
    {
      config: { permission: "creation:manage" },
      schema: {
        tags,
        summary: "记录调查情况",
        params: idParams,
        body: objectionInvestigate,
        response: { 200: objectionSchema },
      },
    },
    async (req) => investigateObjection(ctxOf(deps, req), req.params.id, req.body.note),
  );
  app.post(
    "/api/creation/objections/:id/reply",
    {
      config: { permission: "creation:manage" },
      schema: {
        tags,
        summary: "答复异议并确定对命名的影响（不影响/撤回申请/不予命名）",
        params: idParams,
        body: objectionReply,
        response: { 200: objectionSchema },
      },
    },
    async (req) => replyObjection(ctxOf(deps, req), req.params.id, req.body.reply, req.body.effect),
  );
}
