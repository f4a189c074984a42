import { z } from "zod";
import { dictCode, listQuery, regionCode, safeLongText, safeText, sortParam, uuid } from "./common.js";

/*
 * 门户内容 (issue 17): 新闻动态 (articles drafted by a unit or department, reviewed and published by the
 * publishing department) and 政策法规 (documents an office enters with the fields a government site shows).
 */

export const NEWS_CATEGORY_DICT = "news_category";
export const NEWS_CATEGORIES = [
  ["work", "工作动态"],
  ["grassroots", "基层风采"],
  ["media", "媒体报道"],
] as const;
export const POLICY_TOPIC_DICT = "policy_topic";
export const POLICY_TOPICS = [
  ["ethnic_work", "民族工作"],
  ["unity_progress", "民族团结进步创建"],
  ["education", "教育"],
  ["culture", "文化"],
  ["economy", "经济发展"],
  ["religion", "宗教事务"],
  ["language", "语言文字"],
] as const;
export const POLICY_LEVEL_DICT = "policy_level";
export const POLICY_LEVELS = [
  ["law", "法律"],
  ["regulation", "行政法规"],
  ["local_regulation", "地方性法规"],
  ["rule", "规章"],
  ["normative", "规范性文件"],
  ["plan", "规划"],
  ["other", "其他文件"],
] as const;

const dateString = z.iso.date({ message: "应为 YYYY-MM-DD 格式的日期" });

// ---------------------------------------------------------------- news
export const NEWS_STATUSES = ["draft", "submitted", "published", "withdrawn"] as const;
export type NewsStatus = (typeof NEWS_STATUSES)[number];
export const NEWS_STATUS_LABELS: Record<NewsStatus, string> = {
  draft: "草稿",
  submitted: "待审核",
  published: "已发布",
  withdrawn: "已撤回",
};

export const newsInput = z.strictObject({
  title: safeText(120),
  summary: safeLongText(500).optional().nullable(),
  body: safeLongText(50_000),
  category: dictCode,
  coverId: uuid.optional().nullable(),
  photoIds: z.array(uuid).max(30).default([]),
  source: safeText(100).optional().nullable(),
  /** 蒙古文标题 / 蒙古文正文 (Mongolian script, entered by staff who write it; optional). The portal shows them to a
   * visitor who chose Mongolian, else the Chinese title and text. */
  titleMn: safeText(200, 0).default(""),
  bodyMn: safeLongText(50_000).default(""),
});
export type NewsInput = z.infer<typeof newsInput>;

export const newsListQuery = listQuery.extend({
  status: z.enum(NEWS_STATUSES).optional(),
  category: dictCode.optional(),
  sort: sortParam(["updatedAt", "publishedAt", "title"]),
});
export type NewsListQuery = z.infer<typeof newsListQuery>;

export const newsReasonInput = z.strictObject({ reason: safeLongText(500).pipe(z.string().min(2)) });

export const materialRef = z.object({ id: z.string(), title: z.string(), mimeType: z.string() });

export const newsView = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string().nullable(),
  body: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  coverId: z.string().nullable(),
  photoIds: z.array(z.string()),
  source: z.string().nullable(),
  titleMn: z.string(),
  bodyMn: z.string(),
  status: z.enum(NEWS_STATUSES),
  orgId: z.string(),
  orgName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  authorName: z.string(),
  returnReason: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  submittedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  /** What the caller may do: edit/submit (the author's organization), review/publish/withdraw (the department). */
  canEdit: z.boolean(),
  canReview: z.boolean(),
});
export type NewsView = z.infer<typeof newsView>;

export const publicNewsQuery = listQuery.extend({
  regionCode: regionCode.optional(),
  category: dictCode.optional(),
});
export type PublicNewsQuery = z.infer<typeof publicNewsQuery>;

export const publicNewsItem = z.object({
  id: z.string(),
  title: z.string(),
  /** The Mongolian title, "" when none was entered (the portal then shows the Chinese one). */
  titleMn: z.string(),
  summary: z.string().nullable(),
  categoryLabel: z.string(),
  category: z.string(),
  orgName: z.string(),
  regionName: z.string(),
  coverId: z.string().nullable(),
  publishedAt: z.string(),
});
export const publicNewsDetail = publicNewsItem.extend({
  body: z.string(),
  bodyMn: z.string(),
  source: z.string().nullable(),
  photos: z.array(materialRef),
});
export type PublicNewsItem = z.infer<typeof publicNewsItem>;
export type PublicNewsDetail = z.infer<typeof publicNewsDetail>;

// ---------------------------------------------------------------- policies
export const POLICY_VALIDITIES = ["valid", "amended", "repealed"] as const;
export type PolicyValidity = (typeof POLICY_VALIDITIES)[number];
export const POLICY_VALIDITY_LABELS: Record<PolicyValidity, string> = {
  valid: "有效",
  amended: "已修订",
  repealed: "已废止",
};

export const policyInput = z.strictObject({
  title: safeText(200),
  issuer: safeText(100),
  docNumber: safeText(60).optional().nullable(),
  writtenOn: dateString.optional().nullable(),
  publishedOn: dateString,
  topic: dictCode,
  level: dictCode,
  validity: z.enum(POLICY_VALIDITIES).default("valid"),
  replacedById: uuid.optional().nullable(),
  body: safeLongText(80_000),
  attachmentIds: z.array(uuid).max(20).default([]),
});
export type PolicyInput = z.infer<typeof policyInput>;

export const policyListQuery = listQuery.extend({
  topic: dictCode.optional(),
  level: dictCode.optional(),
  validity: z.enum(POLICY_VALIDITIES).optional(),
  issuer: safeText(100).optional(),
  year: z.coerce.number().int().min(1949).max(2100).optional(),
  sort: sortParam(["publishedOn", "writtenOn", "title"]),
});
export type PolicyListQuery = z.infer<typeof policyListQuery>;

export const policyItem = z.object({
  id: z.string(),
  title: z.string(),
  issuer: z.string(),
  docNumber: z.string().nullable(),
  writtenOn: z.string().nullable(),
  publishedOn: z.string(),
  topic: z.string(),
  topicLabel: z.string(),
  level: z.string(),
  levelLabel: z.string(),
  validity: z.enum(POLICY_VALIDITIES),
  replacedById: z.string().nullable(),
  replacedByTitle: z.string().nullable(),
  regionName: z.string(),
});
export const policyView = policyItem.extend({
  body: z.string(),
  attachments: z.array(materialRef),
  orgName: z.string(),
  updatedAt: z.string(),
  canEdit: z.boolean(),
});
export type PolicyItem = z.infer<typeof policyItem>;
export type PolicyView = z.infer<typeof policyView>;

export const facetCount = z.object({ code: z.string(), label: z.string(), count: z.number().int() });
export const policyPage = z.object({
  items: z.array(policyItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Counts per value of each filter within the other filters (faceted search). */
  facets: z.object({
    topic: z.array(facetCount),
    level: z.array(facetCount),
    validity: z.array(facetCount),
    year: z.array(facetCount),
  }),
});
export type PolicyPage = z.infer<typeof policyPage>;

/** Text read from an uploaded .docx or .txt, to fill the 全文 field before saving. */
export const extractedText = z.object({ text: z.string(), warnings: z.array(z.string()) });

// ---------------------------------------------------------------- site search
export const siteSearchQuery = z.object({ q: safeText(50) });
export const siteSearchHit = z.object({
  id: z.string(),
  title: z.string(),
  meta: z.string(),
  href: z.string(),
});
export const SITE_SEARCH_KINDS = ["news", "policies", "notices", "units", "bases", "deeds"] as const;
export type SiteSearchKind = (typeof SITE_SEARCH_KINDS)[number];
export const siteSearchResult = z.object({
  q: z.string(),
  groups: z.array(
    z.object({
      kind: z.enum(SITE_SEARCH_KINDS),
      label: z.string(),
      total: z.number().int(),
      items: z.array(siteSearchHit),
    }),
  ),
});
export type SiteSearchResult = z.infer<typeof siteSearchResult>;
export const SITE_SEARCH_LABELS: Record<SiteSearchKind, string> = {
  news: "新闻动态",
  policies: "政策法规",
  notices: "公示公告",
  units: "示范单位",
  bases: "教育基地",
  deeds: "先进事迹",
};
