import { bulkIds, bulkResult, idParams, pageOf } from "../../../contracts/common.js";
import {
  extractedText,
  newsInput,
  newsListQuery,
  newsReasonInput,
  newsView,
  policyInput,
  policyListQuery,
  policyPage,
  policyView,
} from "../../../contracts/content.js";
import { runBulk } from "../../core/bulk.js";
import type { Deps } from "../../core/context.js";
import { type App, ctxOf } from "../../core/http.js";
import { readUpload } from "../../core/upload.js";
import { historyRoute } from "../audit/index.js";
import { readTextDocument } from "../plans/index.js";
import { createNews, getNews, listNews, loadNews, moveNews, newsTitles, updateNews } from "./news.service.js";
import { createPolicy, getPolicy, listPolicies, updatePolicy } from "./policy.service.js";

const MAX_DOC = 20 * 1024 * 1024;

/** The console's 新闻动态 and 政策法规 (see news.service.ts and policy.service.ts for who does what). */
export function contentRoutes(app: App, deps: Deps) {
  const tags = ["门户内容"];
  app.get(
    "/api/news",
    {
      config: { permission: "news:write" },
      schema: {
        tags,
        summary: "新闻列表：本单位撰写的和本级及下级待审核、已发布的",
        querystring: newsListQuery,
        response: { 200: pageOf(newsView) },
      },
    },
    async (req) => listNews(ctxOf(deps, req), req.query),
  );
  app.post(
    "/api/news",
    {
      config: { permission: "news:write" },
      schema: { tags, summary: "起草新闻（本单位）", body: newsInput, response: { 200: newsView } },
    },
    async (req) => createNews(ctxOf(deps, req), req.body),
  );
  app.get(
    "/api/news/:id",
    {
      config: { permission: "news:write" },
      schema: { tags, summary: "新闻详情", params: idParams, response: { 200: newsView } },
    },
    async (req) => getNews(ctxOf(deps, req), req.params.id),
  );
  app.put(
    "/api/news/:id",
    {
      config: { permission: "news:write" },
      schema: { tags, summary: "修改新闻草稿", params: idParams, body: newsInput, response: { 200: newsView } },
    },
    async (req) => updateNews(ctxOf(deps, req), req.params.id, req.body),
  );
  for (const action of ["submit", "revise"] as const)
    app.post(
      `/api/news/:id/${action}`,
      {
        config: { permission: "news:write" },
        schema: {
          tags,
          summary: action === "submit" ? "提交审核" : "撤回后重新编辑",
          params: idParams,
          response: { 200: newsView },
        },
      },
      async (req) => moveNews(ctxOf(deps, req), req.params.id, action),
    );
  app.post(
    "/api/news/:id/publish",
    {
      config: { permission: "news:review" },
      schema: { tags, summary: "审核通过并发布", params: idParams, response: { 200: newsView } },
    },
    async (req) => moveNews(ctxOf(deps, req), req.params.id, "publish"),
  );
  app.post(
    "/api/news/bulk/publish",
    {
      config: { permission: "news:review" },
      schema: {
        tags,
        summary: "批量审核通过并发布（逐篇校验、逐篇留痕；返回成功与未成功的清单及原因）",
        body: bulkIds.strict(),
        response: { 200: bulkResult },
      },
    },
    async (req) => {
      const ctx = ctxOf(deps, req);
      return runBulk(
        req.body.ids,
        (ids) => newsTitles(ctx, ids),
        (id) => moveNews(ctx, id, "publish"),
      );
    },
  );
  for (const action of ["return", "withdraw"] as const)
    app.post(
      `/api/news/:id/${action}`,
      {
        config: { permission: "news:review" },
        schema: {
          tags,
          summary: action === "return" ? "退回修改（说明理由）" : "撤回已发布的新闻（说明理由）",
          params: idParams,
          body: newsReasonInput,
          response: { 200: newsView },
        },
      },
      async (req) => moveNews(ctxOf(deps, req), req.params.id, action, req.body.reason),
    );
  historyRoute(app, deps, {
    path: "/api/news/:id/history",
    permission: "news:write",
    tags,
    summary: "新闻的操作记录",
    entity: "news",
    load: loadNews,
  });

  app.get(
    "/api/policies",
    {
      config: { permission: "policy:manage" },
      schema: {
        tags,
        summary: "政策法规（本级及下级录入的）：分面筛选和全文检索",
        querystring: policyListQuery,
        response: { 200: policyPage },
      },
    },
    async (req) => listPolicies(ctxOf(deps, req), req.query),
  );
  app.post(
    "/api/policies",
    {
      config: { permission: "policy:manage" },
      bodyLimit: 2 * 1024 * 1024,
      schema: { tags, summary: "录入政策法规文件", body: policyInput, response: { 200: policyView } },
    },
    async (req) => createPolicy(ctxOf(deps, req), req.body),
  );
  app.get(
    "/api/policies/:id",
    {
      config: { permission: "policy:manage" },
      schema: { tags, summary: "政策法规文件", params: idParams, response: { 200: policyView } },
    },
    async (req) => getPolicy(ctxOf(deps, req), req.params.id),
  );
  app.put(
    "/api/policies/:id",
    {
      config: { permission: "policy:manage" },
      bodyLimit: 2 * 1024 * 1024,
      schema: { tags, summary: "修改政策法规文件", params: idParams, body: policyInput, response: { 200: policyView } },
    },
    async (req) => updatePolicy(ctxOf(deps, req), req.params.id, req.body),
  );
  app.post(
    "/api/policies/extract-text",
    {
      config: { permission: "policy:manage" },
      schema: {
        tags,
        summary: "从上传的 .docx 或 .txt 文件中提取全文（multipart：file），用于填写全文；不保存文件",
        consumes: ["multipart/form-data"],
        response: { 200: extractedText },
      },
    },
    async (req) => {
      const { file } = await readUpload(req, { maxBytes: MAX_DOC, maxFields: 2 });
      return readTextDocument({ name: file.fileName, content: file.content });
    },
  );
  historyRoute(app, deps, {
    path: "/api/policies/:id/history",
    permission: "policy:manage",
    tags,
    summary: "政策法规文件的操作记录",
    entity: "policy",
    load: (ctx, id) => getPolicy(ctx, id),
  });
}
