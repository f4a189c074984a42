import { z } from "zod";
import {
  bookingCodeParams,
  bookingInput,
  bookingReceipt,
  exhibitParams,
  publicBaseDirectory,
  publicBasePage,
  publicBaseQuery,
  publicBookingView,
  publicFileParams,
} from "../../../contracts/bases.js";
import { idParams } from "../../../contracts/common.js";
import type { Deps } from "../../core/context.js";
import { type App, contentDisposition } from "../../core/http.js";
import { bookingByCode, bookSession, cancelByCode } from "./booking.service.js";
import { publicBasePage as basePage, exhibitQrSvg, publicBaseFile, publicDirectory } from "./public.service.js";

const cancelBody = z.strictObject({ contactPhone: bookingInput.shape.contactPhone });

/** The portal's 教育基地 endpoints (no sign-in): see public.service.ts. */
export function basesPublicRoutes(app: App, deps: Deps, opts: { bookingRateLimit?: number } = {}) {
  const tags = ["公众门户"];
  app.get(
    "/api/public/bases",
    {
      config: { public: true },
      schema: {
        tags,
        summary: "教育基地名录（筛选、按地区分布；给出位置时按距离排序）",
        querystring: publicBaseQuery,
        response: { 200: publicBaseDirectory },
      },
    },
    async (req) => publicDirectory(deps, req.query),
  );
  app.get(
    "/api/public/bases/:id",
    {
      config: { public: true },
      schema: {
        tags,
        summary: "数字教育基地页面（已发布版本）及可预约场次",
        params: idParams,
        response: { 200: publicBasePage },
      },
    },
    async (req) => basePage(deps, req.params.id),
  );
  app.get(
    "/api/public/bases/:id/files/:fileId",
    {
      config: { public: true },
      schema: { tags, summary: "数字展馆页面上的图片、音频、视频", params: publicFileParams },
    },
    async (req, reply) => {
      const f = await publicBaseFile(deps, req.params.id, req.params.fileId);
      return reply
        .header("content-type", f.mimeType)
        .header("content-disposition", contentDisposition(f.fileName, { fallback: "file", inline: true }))
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "public, max-age=3600")
        .send(f.content);
    },
  );
  app.get(
    "/api/public/bases/:id/exhibits/:exhibitId/qr.svg",
    {
      config: { public: true },
      schema: { tags, summary: "展品二维码（手机扫码打开该展品的页面）", params: exhibitParams },
    },
    async (req, reply) => {
      // The address the visitor used: the code points back to the same portal (not cached by shared caches).
      const origin = `${req.protocol}://${req.host}`;
      const svg = await exhibitQrSvg(deps, req.params.id, req.params.exhibitId, origin);
      return reply
        .header("content-type", "image/svg+xml; charset=utf-8")
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "private, max-age=600")
        .send(svg);
    },
  );
  app.post(
    "/api/public/bases/sessions/:id/bookings",
    {
      config: { public: true, rateLimit: { max: opts.bookingRateLimit ?? 10, timeWindow: "1 minute" } },
      schema: {
        tags,
        summary: "预约参观（团体；联系人和电话加密保存），返回预约码",
        params: idParams,
        body: bookingInput,
        response: { 200: bookingReceipt },
      },
    },
    async (req) => bookSession(deps, req.params.id, req.body),
  );
  app.get(
    "/api/public/bases/bookings/:code",
    {
      config: { public: true },
      schema: { tags, summary: "凭预约码查看预约", params: bookingCodeParams, response: { 200: publicBookingView } },
    },
    async (req) => bookingByCode(deps, req.params.code),
  );
  app.post(
    "/api/public/bases/bookings/:code/cancel",
    {
      config: { public: true, rateLimit: { max: opts.bookingRateLimit ?? 10, timeWindow: "1 minute" } },
      schema: {
        tags,
        summary: "取消预约（凭预约码和预约时的电话）",
        params: bookingCodeParams,
        body: cancelBody,
        response: { 200: publicBookingView },
      },
    },
    async (req) => cancelByCode(deps, req.params.code, req.body.contactPhone),
  );
}
