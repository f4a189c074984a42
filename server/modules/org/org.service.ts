import { and, asc, eq, inArray, ne, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Org, OrgCreate, OrgListQuery, OrgUpdate } from "../../../contracts/org.js";
import { inScope, regionTreeWhere, requireScope, scopeWhere } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { dictItems } from "../../core/core.schema.js";
import { registerDictType, registerDictUsage, seedDict } from "../../core/dict.js";
import { errors } from "../../core/errors.js";
import { cappedCount, paged, pageResult, sortTerm } from "../../core/paging.js";
import { backfillSearch, searchQuery, searchText } from "../../core/search.js";
import type { Queryable, Tx } from "../../db/client.js";
import { containsPattern } from "../../db/sql.js";
import { diff, recordAudit } from "../audit/index.js";
import { countActiveUsersOfOrg, moveOrgUsersToRegion } from "../identity/index.js";
import { orgs, regions } from "./org.schema.js";
import "./org.audit-names.js";

export const ORG_TYPE_DICT = "org_type";

/** Organization types (字典 org_type), seeded at first start; labels are configurable. */
export const DEFAULT_ORG_TYPES: [string, string][] = [
  ["party_gov", "党政机关"],
  ["institution", "事业单位"],
  ["enterprise", "企业"],
  ["school", "学校"],
  ["religious_site", "宗教活动场所"],
  ["social_org", "社会组织"],
  ["military", "部队/连队"],
  ["village_org", "村(社区)组织"],
  ["other", "其他"],
];

registerDictType(ORG_TYPE_DICT, { name: "组织机构类型", module: "组织机构" });
registerDictUsage(ORG_TYPE_DICT, async (db, code) => {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(orgs).where(eq(orgs.type, code));
  return row?.n ?? 0;
});

const parentOrg = alias(orgs, "parent_org");

const orgSelect = {
  id: orgs.id,
  name: orgs.name,
  shortName: orgs.shortName,
  nameMn: orgs.nameMn,
  type: orgs.type,
  typeLabel: sql<string>`coalesce(${dictItems.label}, ${orgs.type})`,
  regionCode: orgs.regionCode,
  regionName: sql<string>`coalesce(${regions.name}, '')`,
  parentId: orgs.parentId,
  parentName: parentOrg.name,
  uscc: orgs.uscc,
  isEthnicAffairsDept: orgs.isEthnicAffairsDept,
  isMemberUnit: orgs.isMemberUnit,
  address: orgs.address,
  contactPhone: orgs.contactPhone,
  status: orgs.status,
  sort: orgs.sort,
  createdAt: orgs.createdAt,
  updatedAt: orgs.updatedAt,
};

type OrgRow = Omit<Org, "createdAt" | "updatedAt"> & { createdAt: Date; updatedAt: Date };

function toOrg(r: OrgRow): Org {
  return { ...r, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() };
}

function orgQuery(db: Queryable) {
  return db
    .select(orgSelect)
    .from(orgs)
    .leftJoin(regions, eq(regions.code, orgs.regionCode))
    .leftJoin(dictItems, and(eq(dictItems.dictType, ORG_TYPE_DICT), eq(dictItems.code, orgs.type)))
    .leftJoin(parentOrg, eq(parentOrg.id, orgs.parentId));
}

const SORTS = {
  name: orgs.name,
  regionCode: orgs.regionCode,
  createdAt: orgs.createdAt,
  sort: orgs.sort,
} as const;

/** The conditions of an organization list: the caller's scope for `permission`, then the filters. */
export function orgListWhere(
  ctx: Ctx,
  q: Omit<OrgListQuery, "page" | "pageSize">,
  permission: "org:read" | "org:export" = "org:read",
) {
  const scope = requireScope(ctx.actor, permission);
  const conds: (SQL | undefined)[] = [scopeWhere(scope, { region: orgs.regionCode, org: orgs.id })];
  if (q.regionCode) {
    conds.push(
      q.includeSubRegions === false
        ? eq(orgs.regionCode, q.regionCode)
        : regionTreeWhere(orgs.regionCode, q.regionCode),
    );
  }
  if (q.type) conds.push(eq(orgs.type, q.type));
  if (q.status) conds.push(eq(orgs.status, q.status));
  if (q.isEthnicAffairsDept !== undefined) conds.push(eq(orgs.isEthnicAffairsDept, q.isEthnicAffairsDept));
  if (q.isMemberUnit !== undefined) conds.push(eq(orgs.isMemberUnit, q.isMemberUnit));
  if (q.q) conds.push(or(searchQuery(orgs.search, q.q), eq(orgs.uscc, q.q.toUpperCase())));
  return and(...conds.filter(Boolean));
}

function orderOf(sort: string | undefined) {
  const term = sortTerm(SORTS, sort);
  return term ? [term, asc(orgs.id)] : [asc(orgs.regionCode), asc(orgs.sort), asc(orgs.name)];
}

export async function listOrgs(ctx: Ctx, q: OrgListQuery) {
  const where = orgListWhere(ctx, q);
  // Counted up to COUNT_CAP: past it the pager says 超过 10,000 条 (a province's 60,000 organizations were counted
  // on every page; at nation scale, 1.44 million).
  const [rows, count] = await Promise.all([
    paged(
      orgQuery(ctx.db)
        .where(where)
        .orderBy(...orderOf(q.sort)),
      q,
    ),
    cappedCount(ctx.db, orgs, where),
  ]);
  return { ...pageResult(rows.map(toOrg), count.total, q), ...(count.capped ? { totalCapped: true } : {}) };
}

/** All rows matching the filters (for export), capped. */
export async function findOrgsForExport(
  ctx: Ctx,
  q: Omit<OrgListQuery, "page" | "pageSize"> & { ids?: string[] },
  cap = 50_000,
) {
  const rows = await orgQuery(ctx.db)
    .where(and(orgListWhere(ctx, q, "org:export"), q.ids ? inArray(orgs.id, q.ids) : undefined))
    .orderBy(...orderOf(q.sort))
    .limit(cap);
  return rows.map(toOrg);
}

/** An organization the caller may see under `permission`, or 404 — never a hint that it exists elsewhere. */
export async function getOrg(
  ctx: Ctx,
  id: string,
  permission: "org:read" | "org:update" | "org:disable" = "org:read",
  db: Queryable = ctx.db,
) {
  const scope = requireScope(ctx.actor, permission);
  const [row] = await orgQuery(db).where(
    and(eq(orgs.id, id), scopeWhere(scope, { region: orgs.regionCode, org: orgs.id })),
  );
  if (!row) throw errors.notFound("org");
  return toOrg(row);
}

async function checkOrgFields(
  ctx: Ctx,
  tx: Tx,
  data: { name: string; type: string; regionCode: string; parentId?: string | null; uscc?: string | null },
  selfId: string | null,
  permission: "org:create" | "org:update" | "org:import",
) {
  const scope = requireScope(ctx.actor, permission);
  if (!inScope(scope, { regionCode: data.regionCode, orgId: selfId })) throw errors.outOfScope("org");
  const [region] = await tx.select({ code: regions.code }).from(regions).where(eq(regions.code, data.regionCode));
  if (!region) throw errors.field("regionCode", "org.region_unknown", { code: data.regionCode });
  const [type] = await tx
    .select({ code: dictItems.code })
    .from(dictItems)
    .where(and(eq(dictItems.dictType, ORG_TYPE_DICT), eq(dictItems.code, data.type), eq(dictItems.enabled, true)));
  if (!type) throw errors.field("type", "org.type_unknown", { type: data.type });
  if (data.uscc) {
    const [taken] = await tx.select({ id: orgs.id, name: orgs.name }).from(orgs).where(eq(orgs.uscc, data.uscc));
    if (taken && taken.id !== selfId) throw errors.field("uscc", "org.uscc_taken", { name: taken.name });
  }
  const [sameName] = await tx
    .select({ id: orgs.id })
    .from(orgs)
    .where(and(eq(orgs.regionCode, data.regionCode), eq(orgs.name, data.name)));
  if (sameName && sameName.id !== selfId) throw errors.field("name", "org.name_taken", { name: data.name });
  if (data.parentId) {
    const readScope = requireScope(ctx.actor, "org:read");
    const [parent] = await tx
      .select({ id: orgs.id })
      .from(orgs)
      .where(and(eq(orgs.id, data.parentId), scopeWhere(readScope, { region: orgs.regionCode, org: orgs.id })));
    if (!parent) throw errors.field("parentId", "org.parent_unknown");
    if (selfId && (await isDescendantOrSelf(tx, data.parentId, selfId)))
      throw errors.field("parentId", "org.parent_cycle");
  }
}

/** Whether `candidate` is `ancestor` itself or sits below it in the parent chain. */
async function isDescendantOrSelf(tx: Tx, candidate: string, ancestor: string): Promise<boolean> {
  const res = await tx.execute<{ found: boolean }>(sql`
    WITH RECURSIVE chain(id, parent_id, depth) AS (
      SELECT id, parent_id, 0 FROM orgs WHERE id = ${candidate}
      UNION ALL SELECT o.id, o.parent_id, c.depth + 1 FROM orgs o JOIN chain c ON o.id = c.parent_id WHERE c.depth < 50
    ) SELECT exists (SELECT 1 FROM chain WHERE id = ${ancestor}) AS found`);
  return Boolean(res.rows[0]?.found);
}

function auditable(o: Org) {
  const { typeLabel: _t, regionName: _r, parentName: _p, createdAt: _c, updatedAt: _u, ...rest } = o;
  return rest;
}

/** An organization is found by its 名称 and 简称 (core/search.ts). */
export function orgSearch(o: { name: string; shortName?: string | null }) {
  return searchText(o.name, o.shortName);
}

/** Fills the search vector of organizations written before it existed (bootstrap). */
export function backfillOrgSearch(db: Queryable) {
  return backfillSearch(db, { table: orgs, id: orgs.id, search: orgs.search, texts: [orgs.name, orgs.shortName] });
}

export async function insertOrg(
  ctx: Ctx,
  tx: Tx,
  data: OrgCreate,
  permission: "org:create" | "org:import" = "org:create",
) {
  await checkOrgFields(ctx, tx, data, null, permission);
  const now = ctx.clock.now();
  const [row] = await tx
    .insert(orgs)
    .values({ ...data, uscc: data.uscc ?? null, search: orgSearch(data), createdAt: now, updatedAt: now })
    .returning({ id: orgs.id });
  const created = await getOrg({ ...ctx }, row.id, "org:read", tx).catch(() => null);
  await recordAudit(tx, ctx.clock, ctx.actor, {
    category: "data",
    action: permission === "org:import" ? "org.import" : "org.create",
    entity: "org",
    entityId: row.id,
    regionCode: data.regionCode,
    orgId: row.id,
    summary: `新增机构“${data.name}”`,
    changes: diff(null, created ? auditable(created) : { ...data }),
  });
  return row.id;
}

export async function createOrg(ctx: Ctx, data: OrgCreate): Promise<Org> {
  const id = await ctx.db.transaction((tx) => insertOrg(ctx, tx, data));
  return getOrg(ctx, id);
}

export async function updateOrg(ctx: Ctx, id: string, patch: OrgUpdate): Promise<Org> {
  await ctx.db.transaction(async (tx) => {
    const before = await getOrg(ctx, id, "org:update", tx);
    const next = {
      name: patch.name ?? before.name,
      type: patch.type ?? before.type,
      regionCode: patch.regionCode ?? before.regionCode,
      parentId: patch.parentId === undefined ? before.parentId : patch.parentId,
      uscc: patch.uscc === undefined ? before.uscc : patch.uscc,
    };
    await checkOrgFields(ctx, tx, next, id, "org:update");
    const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    await tx
      .update(orgs)
      .set({ ...set, search: orgSearch({ ...before, ...set }), updatedAt: ctx.clock.now() })
      .where(eq(orgs.id, id));
    if (patch.regionCode && patch.regionCode !== before.regionCode) {
      // Users carry their organization's region for scope filters: keep them in step.
      await moveOrgUsersToRegion(tx, id, patch.regionCode);
    }
    const after = await getOrg(ctx, id, "org:read", tx).catch(() => null);
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "org.update",
      entity: "org",
      entityId: id,
      regionCode: next.regionCode,
      orgId: id,
      summary: `修改机构“${before.name}”`,
      changes: diff(auditable(before), after ? auditable(after) : { ...auditable(before), ...set }),
    });
  });
  return getOrg(ctx, id);
}

export async function setOrgStatus(ctx: Ctx, id: string, status: "active" | "disabled"): Promise<Org> {
  await ctx.db.transaction(async (tx) => {
    const before = await getOrg(ctx, id, "org:disable", tx);
    if (before.status === status) return;
    if (status === "disabled") {
      const n = await countActiveUsersOfOrg(tx, id);
      if (n > 0) throw errors.conflict("ORG_HAS_USERS", "org.has_active_users", { count: n });
    }
    await tx.update(orgs).set({ status, updatedAt: ctx.clock.now() }).where(eq(orgs.id, id));
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: status === "disabled" ? "org.disable" : "org.enable",
      entity: "org",
      entityId: id,
      regionCode: before.regionCode,
      orgId: id,
      summary: `${status === "disabled" ? "停用" : "启用"}机构“${before.name}”`,
      changes: { status: [before.status, status] },
    });
  });
  return getOrg(ctx, id);
}

export async function seedOrgTypes(db: Queryable) {
  await seedDict(db, ORG_TYPE_DICT, DEFAULT_ORG_TYPES);
}

/** Organizations by exact name within a region tree (import uses it to resolve 上级机构名称). */
export async function findOrgIdsByName(db: Queryable, names: string[]) {
  if (names.length === 0) return new Map<string, { id: string; regionCode: string }[]>();
  const rows = await db
    .select({ id: orgs.id, name: orgs.name, regionCode: orgs.regionCode })
    .from(orgs)
    .where(inArray(orgs.name, names));
  const map = new Map<string, { id: string; regionCode: string }[]>();
  for (const r of rows) map.set(r.name, [...(map.get(r.name) ?? []), r]);
  return map;
}

export async function countOrgs(ctx: Ctx): Promise<number> {
  const scope = requireScope(ctx.actor, "org:read");
  const [r] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(orgs)
    .where(scopeWhere(scope, { region: orgs.regionCode, org: orgs.id }));
  return r.n;
}

/** Active organizations of a region and everything below it, as the plan import's unit resolver reads them; with `q`, only those whose name or short name it finds (full-text search). */
export async function orgsInRegionTree(db: Queryable, regionCode: string, cap = 50_000, q?: string) {
  return db
    .select({
      id: orgs.id,
      name: orgs.name,
      shortName: orgs.shortName,
      type: orgs.type,
      regionCode: orgs.regionCode,
      isMemberUnit: orgs.isMemberUnit,
      parentId: orgs.parentId,
    })
    .from(orgs)
    .where(
      and(
        regionTreeWhere(orgs.regionCode, regionCode),
        eq(orgs.status, "active"),
        q ? searchQuery(orgs.search, q) : undefined,
      ),
    )
    .orderBy(asc(orgs.regionCode), asc(orgs.name))
    .limit(cap);
}

export type OrgBrief = { id: string; name: string; regionCode: string; parentId: string | null; status: string };

/** Name, region and parent of organizations by id: other modules label and place their rows with these. */
export async function orgBriefs(db: Queryable, ids: string[]): Promise<Map<string, OrgBrief>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: orgs.id, name: orgs.name, regionCode: orgs.regionCode, parentId: orgs.parentId, status: orgs.status })
    .from(orgs)
    .where(inArray(orgs.id, unique));
  return new Map(rows.map((r) => [r.id, r]));
}

/** 蒙古文名称 of organizations by id, for the portal's pages in Mongolian (only those that have one). */
export async function orgMongolianNames(db: Queryable, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: orgs.id, nameMn: orgs.nameMn })
    .from(orgs)
    .where(and(inArray(orgs.id, unique), ne(orgs.nameMn, "")));
  return new Map(rows.map((r) => [r.id, r.nameMn]));
}

export type OrgRef = { id: string; name: string; regionCode: string; status: string; type: string };

/** One organization by id, unscoped (the caller checks scope), or null. */
export async function orgById(db: Queryable, id: string): Promise<OrgRef | null> {
  const [row] = await db
    .select({ id: orgs.id, name: orgs.name, regionCode: orgs.regionCode, status: orgs.status, type: orgs.type })
    .from(orgs)
    .where(eq(orgs.id, id));
  return row ?? null;
}

/** Which of these regions have an active 民族工作部门 (an organization marked as the ethnic-affairs department). */
export async function ethnicAffairsDeptRegions(db: Queryable, codes: string[]): Promise<Set<string>> {
  const rows = await db
    .select({ regionCode: orgs.regionCode })
    .from(orgs)
    .where(and(inArray(orgs.regionCode, codes), eq(orgs.isEthnicAffairsDept, true), eq(orgs.status, "active")));
  return new Set(rows.map((r) => r.regionCode));
}

/**
 * The organization of this exact name, created with these fields when there is none: for first-start seeding
 * (the 三员 accounts' department), which has no actor and writes no audit entry of its own.
 */
export async function ensureOrgNamed(
  tx: Tx,
  org: { name: string; shortName: string; type: string; regionCode: string; isEthnicAffairsDept: boolean },
): Promise<string> {
  const [found] = await tx.select({ id: orgs.id }).from(orgs).where(eq(orgs.name, org.name));
  if (found) return found.id;
  const [row] = await tx
    .insert(orgs)
    .values({ ...org, search: orgSearch(org) })
    .returning({ id: orgs.id });
  return row.id;
}
