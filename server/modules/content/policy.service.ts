/**
 * 政策法规 (issue 17): documents with the fields a government site shows, entered by an office with
 * policy:manage (its region is the office's region) and public once saved. The console lists what the caller's
 * scope covers; the portal lists every document with faceted filters (主题分类, 效力级别, 有效性, 年份) and
 * Chinese full-text search over title, 发文机关, 发文字号 and the full text.
 */
import { and, desc, eq, gte, lte, ne, type SQL, sql } from "drizzle-orm";
import {
  POLICY_LEVEL_DICT,
  POLICY_TOPIC_DICT,
  POLICY_VALIDITY_LABELS,
  type PolicyInput,
  type PolicyItem,
  type PolicyListQuery,
  type PolicyPage,
  type PolicyView,
  policyInput,
} from "../../../contracts/content.js";
import { inScope, requireScope, scopeWhere } from "../../core/access.js";
import type { Ctx, Deps } from "../../core/context.js";
import { dictLabelSql, requireDictCode } from "../../core/dict.js";
import { errors } from "../../core/errors.js";
import { paged, sortTerm } from "../../core/paging.js";
import { backfillSearch, searchQuery, searchText } from "../../core/search.js";
import type { Queryable } from "../../db/client.js";
import { diff, recordAudit } from "../audit/index.js";
import { assertMaterialsUsable, materialRefs } from "../materials/index.js";
import { orgNameSql, regionNameSql } from "../org/index.js";
import { contentPolicies } from "./content.schema.js";

type PolicyRow = typeof contentPolicies.$inferSelect;
const P = contentPolicies;

export const policySearch = (p: { title: string; issuer: string; docNumber?: string | null; body: string }) =>
  searchText(p.title, p.issuer, p.docNumber, p.body);

export function backfillPolicySearch(db: Queryable) {
  return backfillSearch(db, { table: P, id: P.id, search: P.search, texts: [P.title, P.issuer, P.docNumber, P.body] });
}

const itemSelect = {
  p: P,
  topicLabel: dictLabelSql(POLICY_TOPIC_DICT, sql`content_policies.topic`),
  levelLabel: dictLabelSql(POLICY_LEVEL_DICT, sql`content_policies.level`),
  regionName: regionNameSql(P.regionCode),
  orgName: orgNameSql(P.orgId),
  replacedByTitle: sql<
    string | null
  >`(select r.title from content_policies r where r.id = content_policies.replaced_by_id)`,
};
type Selected = {
  p: PolicyRow;
  topicLabel: string;
  levelLabel: string;
  regionName: string;
  orgName: string;
  replacedByTitle: string | null;
};

function toItem(r: Selected): PolicyItem {
  const p = r.p;
  return {
    id: p.id,
    title: p.title,
    issuer: p.issuer,
    docNumber: p.docNumber,
    writtenOn: p.writtenOn,
    publishedOn: p.publishedOn,
    topic: p.topic,
    topicLabel: r.topicLabel,
    level: p.level,
    levelLabel: r.levelLabel,
    validity: p.validity,
    replacedById: p.replacedById,
    replacedByTitle: r.replacedByTitle,
    regionName: r.regionName ?? "",
  };
}

async function toView(db: Queryable, r: Selected, canEdit: boolean): Promise<PolicyView> {
  const files = await materialRefs(db, r.p.attachmentIds);
  return {
    ...toItem(r),
    body: r.p.body,
    attachments: files.map((f) => ({ id: f.id, title: f.title, mimeType: f.mimeType })),
    orgName: r.orgName ?? "",
    updatedAt: r.p.updatedAt.toISOString(),
    canEdit,
  };
}

function filters(q: PolicyListQuery, skip?: "topic" | "level" | "validity" | "year"): (SQL | undefined)[] {
  const c: (SQL | undefined)[] = [];
  if (q.q) c.push(searchQuery(P.search, q.q));
  if (q.issuer) c.push(searchQuery(P.search, q.issuer));
  if (q.topic && skip !== "topic") c.push(eq(P.topic, q.topic));
  if (q.level && skip !== "level") c.push(eq(P.level, q.level));
  if (q.validity && skip !== "validity") c.push(eq(P.validity, q.validity));
  if (q.year && skip !== "year") c.push(gte(P.publishedOn, `${q.year}-01-01`), lte(P.publishedOn, `${q.year}-12-31`));
  return c;
}

/** A page of documents with the facet counts, each facet counted within the other filters. */
async function policyPage(db: Queryable, q: PolicyListQuery, base: SQL | undefined): Promise<PolicyPage> {
  const where = and(base, ...filters(q));
  const order = sortTerm({ publishedOn: P.publishedOn, writtenOn: P.writtenOn, title: P.title }, q.sort);
  const facet = async (skip: "topic" | "level" | "validity" | "year", key: SQL, label: SQL) => {
    const res = await db.execute<{ code: string; label: string; count: number }>(
      sql`select ${key} as code, ${label} as label, count(*)::int as count from ${P}
          where ${and(base, ...filters(q, skip)) ?? sql`true`} group by 1, 2 order by 1`,
    );
    return res.rows.map((r) => ({ code: String(r.code), label: String(r.label), count: Number(r.count) }));
  };
  const year = sql`extract(year from content_policies.published_on)::int::text`;
  const validityLabel = sql`case content_policies.validity ${sql.join(
    Object.entries(POLICY_VALIDITY_LABELS).map(([code, label]) => sql`when ${code} then ${label}`),
    sql` `,
  )} end`;
  const [rows, [{ total }], topic, level, validity, years] = await Promise.all([
    paged(
      db
        .select(itemSelect)
        .from(P)
        .where(where)
        .orderBy(order ?? desc(P.publishedOn), desc(P.id)),
      q,
    ),
    db.select({ total: sql<number>`count(*)::int` }).from(P).where(where),
    facet("topic", sql`content_policies.topic`, dictLabelSql(POLICY_TOPIC_DICT, sql`content_policies.topic`)),
    facet("level", sql`content_policies.level`, dictLabelSql(POLICY_LEVEL_DICT, sql`content_policies.level`)),
    facet("validity", sql`content_policies.validity`, validityLabel),
    facet("year", year, year),
  ]);
  return {
    items: rows.map((r) => toItem(r as Selected)),
    total,
    page: q.page,
    pageSize: q.pageSize,
    facets: { topic, level, validity, year: years.sort((a, b) => b.code.localeCompare(a.code)) },
  };
}

/** The console's list: the documents the caller's policy:manage scope covers. */
export async function listPolicies(ctx: Ctx, q: PolicyListQuery): Promise<PolicyPage> {
  const scope = requireScope(ctx.actor, "policy:manage");
  return policyPage(ctx.db, q, scopeWhere(scope, { region: P.regionCode, org: P.orgId }));
}

/** The portal's list: every document. */
export function listPublicPolicies(deps: Deps, q: PolicyListQuery): Promise<PolicyPage> {
  return policyPage(deps.db, q, undefined);
}

async function selectOne(db: Queryable, id: string): Promise<Selected | undefined> {
  const [r] = await db.select(itemSelect).from(P).where(eq(P.id, id));
  return r as Selected | undefined;
}

function manages(ctx: Ctx, p: Pick<PolicyRow, "regionCode" | "orgId">): boolean {
  const scope = requireScope(ctx.actor, "policy:manage");
  return inScope(scope, { regionCode: p.regionCode, orgId: p.orgId });
}

/** One document in the console (404 outside the caller's scope). */
export async function getPolicy(ctx: Ctx, id: string, db: Queryable = ctx.db): Promise<PolicyView> {
  const r = await selectOne(db, id);
  if (!r || !manages(ctx, r.p)) throw errors.notFound("policy");
  return toView(db, r, true);
}

export async function getPublicPolicy(deps: Deps, id: string): Promise<PolicyView> {
  const r = await selectOne(deps.db, id);
  if (!r) throw errors.notFound("policy");
  return toView(deps.db, r, false);
}

/** A file attached to a document, for the portal (only files the document lists). */
export async function publicPolicyFileId(deps: Deps, id: string, fileId: string): Promise<string> {
  const r = await selectOne(deps.db, id);
  if (!r || !r.p.attachmentIds.includes(fileId)) throw errors.notFound("material");
  return fileId;
}

async function checkInput(ctx: Ctx, input: PolicyInput, db: Queryable, selfId?: string) {
  await requireDictCode(db, POLICY_TOPIC_DICT, input.topic, "topic");
  await requireDictCode(db, POLICY_LEVEL_DICT, input.level, "level");
  await assertMaterialsUsable(ctx, input.attachmentIds, "attachmentIds", db);
  if (input.replacedById) {
    if (input.replacedById === selfId) throw errors.field("replacedById", "content.replaced_by_self");
    const [r] = await db
      .select({ id: P.id })
      .from(P)
      .where(and(eq(P.id, input.replacedById), selfId ? ne(P.id, selfId) : undefined));
    if (!r) throw errors.field("replacedById", "errors.not_found", { entity: "替代文件" });
  }
  if (input.validity === "valid" && input.replacedById) throw errors.field("validity", "content.replaced_but_valid");
  if (input.writtenOn && input.writtenOn > input.publishedOn)
    throw errors.field("writtenOn", "content.written_after_published");
}

function fields(input: PolicyInput) {
  return {
    title: input.title,
    issuer: input.issuer,
    docNumber: input.docNumber ?? null,
    writtenOn: input.writtenOn ?? null,
    publishedOn: input.publishedOn,
    topic: input.topic,
    level: input.level,
    validity: input.validity,
    replacedById: input.replacedById ?? null,
    body: input.body,
    attachmentIds: input.attachmentIds,
  };
}

export async function createPolicy(ctx: Ctx, raw: PolicyInput): Promise<PolicyView> {
  requireScope(ctx.actor, "policy:manage");
  const input = policyInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    await checkInput(ctx, input, tx);
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(P)
      .values({
        ...fields(input),
        orgId: ctx.actor.orgId,
        regionCode: ctx.actor.regionCode,
        search: policySearch(input),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "policy.create",
      entity: "policy",
      entityId: row.id,
      regionCode: row.regionCode,
      orgId: row.orgId,
      summary: `录入政策文件“${row.title}”`,
      changes: { title: [null, row.title], docNumber: [null, row.docNumber] },
    });
    return getPolicy(ctx, row.id, tx);
  });
}

export async function updatePolicy(ctx: Ctx, id: string, raw: PolicyInput): Promise<PolicyView> {
  const input = policyInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(P).where(eq(P.id, id)).for("update");
    if (!row || !manages(ctx, row)) throw errors.notFound("policy");
    await checkInput(ctx, input, tx, id);
    const next = fields(input);
    await tx
      .update(P)
      .set({ ...next, search: policySearch(input), updatedAt: ctx.clock.now() })
      .where(eq(P.id, id));
    const { body: _b, attachmentIds: _a, ...before } = fields({ ...row, docNumber: row.docNumber } as PolicyInput);
    const { body: _b2, attachmentIds: _a2, ...after } = next;
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "policy.update",
      entity: "policy",
      entityId: id,
      regionCode: row.regionCode,
      orgId: row.orgId,
      summary: `修改政策文件“${input.title}”`,
      changes: {
        ...diff(before, after),
        ...(row.body !== next.body ? { body: ["（原全文）", "（新全文）"] } : {}),
      },
    });
    return getPolicy(ctx, id, tx);
  });
}
