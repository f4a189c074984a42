/**
 * 新闻动态 (issue 17). Who does what:
 *
 *   write  — news:write, a user of the article's organization: drafts, edits, submits (and revises a withdrawn
 *            article). The article's region is the organization's region.
 *   review — news:review (a department) whose scope covers the article's region: returns, publishes, withdraws.
 *   none   — 404, indistinguishable from an article that does not exist.
 *
 * Article states: 草稿 (draft) → 待审核 (submitted) → 已发布 (published) → 已撤回 (withdrawn) → 草稿 (revised);
 *                 待审核 → 草稿 (returned with a reason).
 */
import { and, desc, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import {
  NEWS_CATEGORY_DICT,
  NEWS_STATUS_LABELS,
  type NewsInput,
  type NewsListQuery,
  type NewsView,
  newsInput,
} from "../../../contracts/content.js";
import { can, inScope, scopeFor, scopeWhere } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { dictLabelSql, requireDictCode } from "../../core/dict.js";
import { errors } from "../../core/errors.js";
import { paged, pageResult, sortTerm } from "../../core/paging.js";
import { backfillSearch, searchQuery, searchText } from "../../core/search.js";
import { defineMachine } from "../../core/state-machine.js";
import type { Queryable } from "../../db/client.js";
import { diff, recordAudit } from "../audit/index.js";
import { userNameSql } from "../identity/index.js";
import { assertMaterialsUsable } from "../materials/index.js";
import { orgNameSql, regionNameSql } from "../org/index.js";
import { contentNews } from "./content.schema.js";

type NewsRow = typeof contentNews.$inferSelect;

export const newsSearch = (n: { title: string; summary?: string | null; body: string }) =>
  searchText(n.title, n.summary, n.body);

export function backfillNewsSearch(db: Queryable) {
  return backfillSearch(db, {
    table: contentNews,
    id: contentNews.id,
    search: contentNews.search,
    texts: [contentNews.title, contentNews.summary, contentNews.body],
  });
}

export const newsMachine = defineMachine({
  entity: "news",
  auditPrefix: "news",
  table: contentNews,
  labels: NEWS_STATUS_LABELS,
  audit: recordAudit,
  scope: (n) => ({ regionCode: n.regionCode, orgId: n.orgId }),
  transitions: {
    update: { from: ["draft"], to: [], label: "修改草稿" },
    submit: { from: ["draft"], to: ["submitted"], label: "提交审核" },
    return: { from: ["submitted"], to: ["draft"], label: "退回修改" },
    publish: { from: ["submitted"], to: ["published"], label: "审核发布" },
    withdraw: { from: ["published"], to: ["withdrawn"], label: "撤回" },
    revise: { from: ["withdrawn"], to: ["draft"], label: "重新编辑" },
  },
});

/** The caller writes for this article's organization. */
function writes(ctx: Ctx, n: Pick<NewsRow, "orgId">): boolean {
  return can(ctx.actor, "news:write") && ctx.actor.orgId === n.orgId;
}

/** The caller reviews articles of this region (a department's region scope, not an org or self one). */
function reviews(ctx: Ctx, n: Pick<NewsRow, "regionCode">): boolean {
  const scope = scopeFor(ctx.actor, "news:review");
  return !!scope && scope.kind !== "org" && scope.kind !== "self" && inScope(scope, { regionCode: n.regionCode });
}

/** The articles the caller sees in the console: their organization's (news:write) and those they review. */
function visibleWhere(ctx: Ctx): SQL {
  const parts: (SQL | undefined)[] = [];
  if (can(ctx.actor, "news:write")) parts.push(eq(contentNews.orgId, ctx.actor.orgId));
  const review = scopeFor(ctx.actor, "news:review");
  if (review && review.kind !== "org" && review.kind !== "self")
    parts.push(scopeWhere(review, { region: contentNews.regionCode }) ?? sql`true`);
  if (parts.length === 0) throw errors.forbidden("news:write");
  return (or(...parts) ?? sql`false`) as SQL;
}

const select = {
  n: contentNews,
  categoryLabel: dictLabelSql(NEWS_CATEGORY_DICT, sql`content_news.category`),
  orgName: orgNameSql(contentNews.orgId),
  regionName: regionNameSql(contentNews.regionCode),
  authorName: userNameSql(contentNews.authorId),
};
type Selected = { n: NewsRow; categoryLabel: string; orgName: string; regionName: string; authorName: string | null };

function toView(ctx: Ctx, r: Selected): NewsView {
  const n = r.n;
  return {
    id: n.id,
    title: n.title,
    summary: n.summary,
    body: n.body,
    category: n.category,
    categoryLabel: r.categoryLabel,
    coverId: n.coverId,
    photoIds: n.photoIds,
    source: n.source,
    titleMn: n.titleMn,
    bodyMn: n.bodyMn,
    status: n.status,
    orgId: n.orgId,
    orgName: r.orgName ?? "",
    regionCode: n.regionCode,
    regionName: r.regionName ?? "",
    authorName: r.authorName ?? "",
    returnReason: n.returnReason,
    withdrawReason: n.withdrawReason,
    submittedAt: n.submittedAt?.toISOString() ?? null,
    publishedAt: n.publishedAt?.toISOString() ?? null,
    updatedAt: n.updatedAt.toISOString(),
    canEdit: writes(ctx, n) && (n.status === "draft" || n.status === "withdrawn"),
    canReview: reviews(ctx, n),
  };
}

export async function listNews(ctx: Ctx, q: NewsListQuery) {
  const conds: (SQL | undefined)[] = [visibleWhere(ctx)];
  if (q.status) conds.push(eq(contentNews.status, q.status));
  if (q.category) conds.push(eq(contentNews.category, q.category));
  if (q.q) conds.push(searchQuery(contentNews.search, q.q));
  const where = and(...conds);
  const order = sortTerm(
    { updatedAt: contentNews.updatedAt, publishedAt: contentNews.publishedAt, title: contentNews.title },
    q.sort,
  );
  const [rows, [{ total }]] = await Promise.all([
    paged(
      ctx.db
        .select(select)
        .from(contentNews)
        .where(where)
        .orderBy(order ?? desc(contentNews.updatedAt), desc(contentNews.id)),
      q,
    ),
    ctx.db.select({ total: sql<number>`count(*)::int` }).from(contentNews).where(where),
  ]);
  return pageResult(
    rows.map((r) => toView(ctx, r as Selected)),
    total,
    q,
  );
}

/** One article as the caller sees it, or 404. */
async function load(ctx: Ctx, id: string, db: Queryable = ctx.db, lock = false): Promise<NewsRow> {
  const q = db
    .select()
    .from(contentNews)
    .where(and(eq(contentNews.id, id), visibleWhere(ctx)));
  const [row] = lock ? await q.for("update") : await q;
  if (!row) throw errors.notFound("news");
  return row;
}

export async function getNews(ctx: Ctx, id: string, db: Queryable = ctx.db): Promise<NewsView> {
  await load(ctx, id, db);
  const [r] = await db.select(select).from(contentNews).where(eq(contentNews.id, id));
  return toView(ctx, r as Selected);
}

/** For the history route: the article as the caller may see it. */
export const loadNews = (ctx: Ctx, id: string) => load(ctx, id);

async function checkInput(ctx: Ctx, input: NewsInput, db: Queryable) {
  await requireDictCode(db, NEWS_CATEGORY_DICT, input.category, "category");
  if (input.coverId) await assertMaterialsUsable(ctx, [input.coverId], "coverId", db);
  await assertMaterialsUsable(ctx, input.photoIds, "photoIds", db);
}

function fields(input: NewsInput) {
  return {
    title: input.title,
    summary: input.summary ?? null,
    body: input.body,
    category: input.category,
    coverId: input.coverId ?? null,
    photoIds: input.photoIds,
    source: input.source ?? null,
    titleMn: input.titleMn ?? "",
    bodyMn: input.bodyMn ?? "",
  };
}

export async function createNews(ctx: Ctx, raw: NewsInput): Promise<NewsView> {
  if (!can(ctx.actor, "news:write")) throw errors.forbidden("news:write");
  const input = newsInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    await checkInput(ctx, input, tx);
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(contentNews)
      .values({
        ...fields(input),
        orgId: ctx.actor.orgId,
        regionCode: ctx.actor.regionCode,
        authorId: ctx.actor.userId,
        search: newsSearch(input),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "news.create",
      entity: "news",
      entityId: row.id,
      regionCode: row.regionCode,
      orgId: row.orgId,
      summary: `起草新闻“${row.title}”`,
      changes: {
        title: [null, row.title],
        category: [null, row.category],
        ...(row.titleMn ? { titleMn: [null, row.titleMn] } : {}),
      },
    });
    return getNews(ctx, row.id, tx);
  });
}

export async function updateNews(ctx: Ctx, id: string, raw: NewsInput): Promise<NewsView> {
  const input = newsInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const row = await load(ctx, id, tx, true);
    if (!writes(ctx, row)) throw errors.notFound("news");
    await checkInput(ctx, input, tx);
    const next = fields(input);
    await newsMachine.move(tx, ctx, row, "update", {
      set: { ...next, search: newsSearch(input) },
      summary: `修改新闻“${input.title}”`,
      changes: diff(
        {
          title: row.title,
          summary: row.summary,
          body: row.body,
          category: row.category,
          coverId: row.coverId,
          titleMn: row.titleMn,
          bodyMn: row.bodyMn,
        },
        {
          title: next.title,
          summary: next.summary,
          body: next.body,
          category: next.category,
          coverId: next.coverId,
          titleMn: next.titleMn,
          bodyMn: next.bodyMn,
        },
      ),
    });
    return getNews(ctx, id, tx);
  });
}

export type NewsAction = "submit" | "return" | "publish" | "withdraw" | "revise";

/** A step of the article's review: the author's side (submit, revise) or the department's (return, publish, withdraw). */
export async function moveNews(ctx: Ctx, id: string, action: NewsAction, reason?: string): Promise<NewsView> {
  return ctx.db.transaction(async (tx) => {
    const row = await load(ctx, id, tx, true);
    const byAuthor = action === "submit" || action === "revise";
    if (byAuthor ? !writes(ctx, row) : !reviews(ctx, row)) {
      throw errors.forbidden(byAuthor ? "news:write" : "news:review");
    }
    newsMachine.assert(row.status, action);
    if ((action === "return" || action === "withdraw") && !reason?.trim())
      throw errors.field("reason", "content.reason_required");
    const now = ctx.clock.now();
    const set: Partial<typeof contentNews.$inferInsert> = {};
    if (action === "submit") Object.assign(set, { submittedAt: now, returnReason: null });
    if (action === "return") set.returnReason = reason ?? null;
    if (action === "publish")
      Object.assign(set, { publishedAt: now, publishedBy: ctx.actor.userId, withdrawReason: null });
    if (action === "withdraw") set.withdrawReason = reason ?? null;
    const verb = newsMachine.transitions[action].label;
    await newsMachine.move(tx, ctx, row, action, {
      set,
      summary: `${verb}新闻“${row.title}”${reason ? `：${reason}` : ""}`,
      changes: reason ? { reason: [null, reason] } : undefined,
    });
    return getNews(ctx, id, tx);
  });
}

/** Titles of the given articles the caller sees (for a bulk action's summary; others stay unnamed). */
export async function newsTitles(ctx: Ctx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db
    .select({ id: contentNews.id, title: contentNews.title })
    .from(contentNews)
    .where(and(inArray(contentNews.id, ids), visibleWhere(ctx)));
  return new Map(rows.map((r) => [r.id, r.title]));
}

/**
 * The live to-do list of 新闻动态 for the message centre (notify registers it as a source): for a reviewing
 * department, the articles of its region waiting for review (审核发布); for the writing unit, its articles
 * returned for revision, with the reason. Nothing stored; at most 200 of each.
 */
export async function listNewsTodos(
  ctx: Ctx,
): Promise<{ kind: "review" | "returned"; kindLabel: string; id: string; title: string; body: string }[]> {
  const out: { kind: "review" | "returned"; kindLabel: string; id: string; title: string; body: string }[] = [];
  const review = scopeFor(ctx.actor, "news:review");
  if (review && review.kind !== "org" && review.kind !== "self") {
    const rows = await ctx.db
      .select({ id: contentNews.id, title: contentNews.title, orgName: orgNameSql(contentNews.orgId) })
      .from(contentNews)
      .where(
        and(eq(contentNews.status, "submitted"), scopeWhere(review, { region: contentNews.regionCode }) ?? sql`true`),
      )
      .orderBy(contentNews.submittedAt, contentNews.id)
      .limit(200);
    for (const r of rows)
      out.push({ kind: "review", kindLabel: "待审核的新闻", id: r.id, title: r.title, body: r.orgName ?? "" });
  }
  if (can(ctx.actor, "news:write")) {
    const rows = await ctx.db
      .select({ id: contentNews.id, title: contentNews.title, reason: contentNews.returnReason })
      .from(contentNews)
      .where(
        and(
          eq(contentNews.orgId, ctx.actor.orgId),
          eq(contentNews.status, "draft"),
          sql`${contentNews.returnReason} is not null`,
        ),
      )
      .orderBy(contentNews.updatedAt, contentNews.id)
      .limit(200);
    for (const r of rows)
      out.push({ kind: "returned", kindLabel: "退回修改的新闻", id: r.id, title: r.title, body: r.reason ?? "" });
  }
  return out;
}
