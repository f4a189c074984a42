import { sql } from "drizzle-orm";
import { date, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { NEWS_STATUSES, POLICY_VALIDITIES } from "../../../contracts/content.js";
import { tsvector } from "../../core/search.js";

/*
 * 门户内容 (issue 17): 新闻动态 and 政策法规. Each row carries the publishing organization and its region for
 * scope filters; the portal reads published articles and every policy document.
 */
const ts = (name: string) => timestamp(name, { withTimezone: true });
const day = (name: string) => date(name, { mode: "string" });

/** A news article: drafted by a unit or department, reviewed and published by the department over its region. */
export const contentNews = pgTable(
  "content_news",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    title: text("title").notNull(),
    summary: text("summary"),
    body: text("body").notNull(),
    /** Code of the `news_category` dictionary. */
    category: text("category").notNull(),
    coverId: uuid("cover_id"),
    photoIds: uuid("photo_ids").array().notNull().default(sql`'{}'::uuid[]`),
    source: text("source"),
    /** 蒙古文标题 / 蒙古文正文: optional, "" when none; the portal shows them to visitors who chose Mongolian. */
    titleMn: text("title_mn").notNull().default(""),
    bodyMn: text("body_mn").notNull().default(""),
    status: text("status", { enum: NEWS_STATUSES }).notNull().default("draft"),
    orgId: uuid("org_id").notNull(),
    /** The publishing organization's region: the portal lists articles by it. */
    regionCode: text("region_code").notNull(),
    authorId: uuid("author_id"),
    returnReason: text("return_reason"),
    withdrawReason: text("withdraw_reason"),
    submittedAt: ts("submitted_at"),
    publishedAt: ts("published_at"),
    publishedBy: uuid("published_by"),
    search: tsvector("search"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("content_news_public_idx").on(t.status, t.publishedAt),
    index("content_news_region_idx").using("btree", t.regionCode.op("text_pattern_ops")),
    index("content_news_org_idx").on(t.orgId),
    index("content_news_search_idx").using("gin", t.search),
  ],
);

/** A policy document (法律法规、规章、规范性文件、规划): public once entered. */
export const contentPolicies = pgTable(
  "content_policies",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    title: text("title").notNull(),
    /** 发文机关 */
    issuer: text("issuer").notNull(),
    /** 发文字号 */
    docNumber: text("doc_number"),
    /** 成文日期 */
    writtenOn: day("written_on"),
    /** 发布日期 */
    publishedOn: day("published_on").notNull(),
    /** 主题分类: code of `policy_topic`. */
    topic: text("topic").notNull(),
    /** 效力级别: code of `policy_level`. */
    level: text("level").notNull(),
    /** 有效性 */
    validity: text("validity", { enum: POLICY_VALIDITIES }).notNull().default("valid"),
    replacedById: uuid("replaced_by_id"),
    body: text("body").notNull(),
    attachmentIds: uuid("attachment_ids").array().notNull().default(sql`'{}'::uuid[]`),
    orgId: uuid("org_id").notNull(),
    regionCode: text("region_code").notNull(),
    search: tsvector("search"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("content_policies_published_idx").on(t.publishedOn),
    index("content_policies_region_idx").using("btree", t.regionCode.op("text_pattern_ops")),
    index("content_policies_search_idx").using("gin", t.search),
  ],
);
