import { z } from "zod";
import { idParams, pageOf, uuid } from "../../../contracts/common.js";
import {
  policyListQuery,
  policyPage,
  policyView,
  publicNewsDetail,
  publicNewsItem,
  publicNewsQuery,
  siteSearchQuery,
  siteSearchResult,
} from "../../../contracts/content.js";
import type { Deps } from "../../core/context.js";
import { type App, contentDisposition } from "../../core/http.js";
import { readPublishedMaterialFile } from "../materials/index.js";
import { getPublicPolicy, listPublicPolicies, publicPolicyFileId } from "./policy.service.js";
import { getPublicNews, listPublicNews, newsRss, publicNewsFile, siteSearch } from "./public.service.js";

const fileParams = z.object({ id: uuid, fileId: uuid });

/** The portal's 新闻动态, 政策法规 and 站内搜索 (no sign-in): see public.service.ts. */
export function contentPublicRoutes(app: App, deps: Deps) {
  const tags = ["公众门户"];
  app.get(
    "/api/public/news",
    {
      config: { public: true },
      schema: {
        tags,
        summary: "新闻动态（已发布）：按地区（含下级）、栏目筛选，可检索",
        querystring: publicNewsQuery,
        response: { 200: pageOf(publicNewsItem) },
      },
    },
    async (req) => listPublicNews(deps, req.query),
  );
  app.get(
    "/api/public/news/rss.xml",
    {
      config: { public: true },
      schema: { tags, summary: "新闻动态 RSS 订阅（最新 30 条）", querystring: publicNewsQuery },
    },
    async (req, reply) => {
      const origin = `${req.protocol}://${req.host}`;
      return reply.type("application/rss+xml; charset=utf-8").send(await newsRss(deps, req.query, origin));
    },
  );
  app.get(
    "/api/public/news/:id",
    {
      config: { public: true },
      schema: { tags, summary: "新闻详情（已发布）", params: idParams, response: { 200: publicNewsDetail } },
    },
    async (req) => getPublicNews(deps, req.params.id),
  );
  app.get(
    "/api/public/news/:id/files/:fileId",
    { config: { public: true }, schema: { tags, summary: "新闻的封面和图片", params: fileParams } },
    async (req, reply) => {
      const f = await publicNewsFile(deps, req.params.id, req.params.fileId);
      return reply
        .header("content-type", f.mimeType)
        .header("content-disposition", contentDisposition(f.fileName, { fallback: "file", inline: true }))
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "public, max-age=3600")
        .send(f.content);
    },
  );
  app.get(
    "/api/public/policies",
    {
      config: { public: true },
      schema: {
        tags,
        summary: "政策法规：按主题分类、效力级别、有效性、年份筛选（分面计数），全文检索",
        querystring: policyListQuery,
        response: { 200: policyPage },
      },
    },
    async (req) => listPublicPolicies(deps, req.query),
  );
  app.get(
    "/api/public/policies/:id",
    {
      config: { public: true },
      schema: { tags, summary: "政策法规全文", params: idParams, response: { 200: policyView } },
    },
    async (req) => getPublicPolicy(deps, req.params.id),
  );
  app.get(
    "/api/public/policies/:id/files/:fileId",
    { config: { public: true }, schema: { tags, summary: "政策法规文件的附件", params: fileParams } },
    async (req, reply) => {
      const fileId = await publicPolicyFileId(deps, req.params.id, req.params.fileId);
      const f = await readPublishedMaterialFile(deps.db, deps.files, fileId);
      return reply
        .header("content-type", f.mimeType)
        .header("content-disposition", contentDisposition(f.fileName, { fallback: "file" }))
        .header("x-content-type-options", "nosniff")
        .send(f.content);
    },
  );
  app.get(
    "/api/public/search",
    {
      config: { public: true },
      schema: {
        tags,
        summary: "站内搜索：新闻动态、政策法规、公示公告、示范单位，按类别分组",
        querystring: siteSearchQuery,
        response: { 200: siteSearchResult },
      },
    },
    async (req) => siteSearch(deps, req.query.q),
  );
}
