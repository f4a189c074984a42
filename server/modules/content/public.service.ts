/**
 * The portal's 新闻动态 and 站内搜索 (no sign-in): published articles only (never drafts, submitted or withdrawn
 * ones), their cover and photos, an RSS feed, and one search box over news, policies, notices and named units.
 */

import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import {
  NEWS_CATEGORY_DICT,
  type PublicNewsDetail,
  type PublicNewsItem,
  type PublicNewsQuery,
  SITE_SEARCH_LABELS,
  type SiteSearchResult,
} from "../../../contracts/content.js";
import { beijingDate } from "../../../contracts/dates.js";
import { regionTreeWhere } from "../../core/access.js";
import type { Deps } from "../../core/context.js";
import { dictLabelSql } from "../../core/dict.js";
import { errors } from "../../core/errors.js";
import { paged, pageResult } from "../../core/paging.js";
import { searchQuery } from "../../core/search.js";
import { publicDirectory } from "../bases/index.js";
import { searchPublicUnits } from "../creation/index.js";
import { listDeeds } from "../honors/index.js";
import { materialRefs, readPublishedMaterialFile } from "../materials/index.js";
import { orgNameSql, regionNameSql } from "../org/index.js";
import { searchPublicNotices } from "../publicity/index.js";
import { contentNews as N } from "./content.schema.js";
import { listPublicPolicies } from "./policy.service.js";

const select = {
  id: N.id,
  title: N.title,
  titleMn: N.titleMn,
  summary: N.summary,
  category: N.category,
  categoryLabel: dictLabelSql(NEWS_CATEGORY_DICT, sql`content_news.category`),
  orgName: orgNameSql(N.orgId),
  regionName: regionNameSql(N.regionCode),
  coverId: N.coverId,
  publishedAt: N.publishedAt,
};

type Row = { [K in keyof typeof select]: unknown } & { publishedAt: Date | null };
function toItem(r: Row): PublicNewsItem {
  return {
    id: r.id as string,
    title: r.title as string,
    titleMn: (r.titleMn as string) ?? "",
    summary: (r.summary as string | null) ?? null,
    category: r.category as string,
    categoryLabel: r.categoryLabel as string,
    orgName: (r.orgName as string) ?? "",
    regionName: (r.regionName as string) ?? "",
    coverId: (r.coverId as string | null) ?? null,
    publishedAt: (r.publishedAt ?? new Date(0)).toISOString(),
  };
}

/** Published articles, newest first; a region shows its own and its lower levels' articles. */
export async function listPublicNews(deps: Deps, q: PublicNewsQuery) {
  const conds: (SQL | undefined)[] = [eq(N.status, "published")];
  if (q.regionCode) conds.push(regionTreeWhere(N.regionCode, q.regionCode));
  if (q.category) conds.push(eq(N.category, q.category));
  if (q.q) conds.push(searchQuery(N.search, q.q));
  const where = and(...conds);
  const [rows, [{ total }]] = await Promise.all([
    paged(deps.db.select(select).from(N).where(where).orderBy(desc(N.publishedAt), desc(N.id)), q),
    deps.db.select({ total: sql<number>`count(*)::int` }).from(N).where(where),
  ]);
  return pageResult(rows.map(toItem), total, q);
}

async function publishedRow(deps: Deps, id: string) {
  const [row] = await deps.db
    .select({ ...select, body: N.body, bodyMn: N.bodyMn, source: N.source, photoIds: N.photoIds })
    .from(N)
    .where(and(eq(N.id, id), eq(N.status, "published")));
  if (!row) throw errors.notFound("news");
  return row;
}

export async function getPublicNews(deps: Deps, id: string): Promise<PublicNewsDetail> {
  const row = await publishedRow(deps, id);
  const photos = await materialRefs(deps.db, row.photoIds);
  return {
    ...toItem(row),
    body: row.body,
    bodyMn: row.bodyMn,
    source: row.source,
    photos: photos.map((p) => ({ id: p.id, title: p.title, mimeType: p.mimeType })),
  };
}

/** The cover or a photo of a published article (only files the article references). */
export async function publicNewsFile(deps: Deps, id: string, fileId: string) {
  const row = await publishedRow(deps, id);
  if (row.coverId !== fileId && !row.photoIds.includes(fileId)) throw errors.notFound("material");
  return readPublishedMaterialFile(deps.db, deps.files, fileId);
}

const xml = (s: string) =>
  s.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c] ?? c);

/** RSS 2.0 of the latest 30 published articles (of a region and category when given). */
export async function newsRss(deps: Deps, q: PublicNewsQuery, origin: string): Promise<string> {
  const page = await listPublicNews(deps, { ...q, page: 1, pageSize: 30 });
  const items = page.items
    .map(
      (n) => `    <item>
      <title>${xml(n.title)}</title>
      <link>${xml(`${origin}/news/${n.id}`)}</link>
      <guid isPermaLink="false">${n.id}</guid>
      <category>${xml(n.categoryLabel)}</category>
      <author>${xml(n.orgName)}</author>
      <pubDate>${new Date(n.publishedAt).toUTCString()}</pubDate>
      <description>${xml(n.summary ?? "")}</description>
    </item>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>石榴平台 · 新闻动态</title>
    <link>${xml(`${origin}/news`)}</link>
    <description>各级民族工作部门发布的工作动态、基层风采和媒体报道</description>
    <language>zh-cn</language>
    <lastBuildDate>${deps.clock.now().toUTCString()}</lastBuildDate>
${items}
  </channel>
</rss>
`;
}

const PER_KIND = 5;

/** One search box over what the public may see, grouped by kind (each group: its first hits and its total). */
export async function siteSearch(deps: Deps, q: string): Promise<SiteSearchResult> {
  const [news, policies, notices, units, bases, deeds] = await Promise.all([
    listPublicNews(deps, { q, page: 1, pageSize: PER_KIND }),
    listPublicPolicies(deps, { q, page: 1, pageSize: PER_KIND }),
    searchPublicNotices(deps, "creation", q, PER_KIND),
    searchPublicUnits(deps, q, PER_KIND),
    publicDirectory(deps, { q, page: 1, pageSize: PER_KIND }),
    listDeeds(deps, { q, page: 1, pageSize: PER_KIND }),
  ]);
  return {
    q,
    groups: [
      {
        kind: "news",
        label: SITE_SEARCH_LABELS.news,
        total: news.total,
        items: news.items.map((n) => ({
          id: n.id,
          title: n.title,
          meta: `${n.categoryLabel} · ${n.orgName} · ${beijingDate(n.publishedAt)}`,
          href: `/news/${n.id}`,
        })),
      },
      {
        kind: "policies",
        label: SITE_SEARCH_LABELS.policies,
        total: policies.total,
        items: policies.items.map((p) => ({
          id: p.id,
          title: p.title,
          meta: [p.issuer, p.docNumber, p.publishedOn].filter(Boolean).join(" · "),
          href: `/policies/${p.id}`,
        })),
      },
      {
        kind: "notices",
        label: SITE_SEARCH_LABELS.notices,
        total: notices.total,
        items: notices.items.map((n) => ({
          id: n.id,
          title: n.title,
          meta: n.publishedAt ? `发布于 ${beijingDate(n.publishedAt)}` : "",
          href: `/notices/${n.id}`,
        })),
      },
      {
        kind: "units",
        label: SITE_SEARCH_LABELS.units,
        total: units.total,
        items: units.items.map((u) => ({
          id: u.id,
          title: u.unitName,
          meta: `${u.regionName} · ${u.categoryLabel} · ${u.certificateNo}`,
          href: `/units?q=${encodeURIComponent(u.unitName)}`,
        })),
      },
      {
        kind: "bases",
        label: SITE_SEARCH_LABELS.bases,
        total: bases.total,
        items: bases.items.map((b) => ({
          id: b.id,
          title: b.name,
          meta: [b.regionName, b.kindLabel, b.address].filter(Boolean).join(" · "),
          href: `/bases/${b.id}`,
        })),
      },
      {
        kind: "deeds",
        label: SITE_SEARCH_LABELS.deeds,
        total: deeds.total,
        items: deeds.items.map((d) => ({
          id: d.id,
          title:
            d.honoreeUnit && d.honoreeUnit !== d.honoreeName ? `${d.honoreeName}（${d.honoreeUnit}）` : d.honoreeName,
          meta: [d.kindLabel, d.regionName, d.campaignTitle].filter(Boolean).join(" · "),
          href: `/models?q=${encodeURIComponent(d.honoreeName)}`,
        })),
      },
    ],
  };
}
