/**
 * The registry of 教育基地: registration by the supervising department (bases named before the platform, with
 * their documents; or from a 示范创建 naming), the term and 复核 (due when the term ends within 90 days, a flag
 * computed from the clock), revocation with a reason.
 *
 * Base states: 在册 (active) → 复核中 (reviewing) → 在册 (renewed, a new term) | 已撤销 (revoked); 在册 → 已撤销.
 */

import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import {
  BASE_KIND_DICT,
  BASE_KINDS,
  BASE_STATUS_LABELS,
  type BaseInput,
  type BaseListQuery,
  type BaseView,
  baseInput,
} from "../../../contracts/bases.js";
import { addDays, addYears, beijingDate } from "../../../contracts/dates.js";
import { regionTreeWhere } from "../../core/access.js";
import { type Ctx, readDb } from "../../core/context.js";
import { maskPhone } from "../../core/crypto.js";
import { dictLabelSql, requireDictCode, seedDict } from "../../core/dict.js";
import { errors } from "../../core/errors.js";
import { paged, pageResult, sortTerm } from "../../core/paging.js";
import { backfillSearch, searchQuery, searchText } from "../../core/search.js";
import { defineMachine } from "../../core/state-machine.js";
import type { Db, Queryable } from "../../db/client.js";
import { diff, recordAudit } from "../audit/index.js";
import { assertMaterialsUsable } from "../materials/index.js";
import { orgById, orgNameSql, regionNameSql } from "../org/index.js";
import { bases } from "./bases.schema.js";
import {
  accessOf,
  type BaseRow,
  baseVisibleWhere,
  loadBase,
  requireSupervise,
  supervisesRegion,
} from "./bases-access.js";
import { reviewDueBy } from "./settings.js";

export async function seedBaseDicts(db: Queryable) {
  await seedDict(db, BASE_KIND_DICT, BASE_KINDS);
}

export const baseSearch = (b: { name: string; address?: string | null }) => searchText(b.name, b.address);

export async function backfillBaseSearch(db: Db) {
  return backfillSearch(db, { table: bases, id: bases.id, search: bases.search, texts: [bases.name, bases.address] });
}

export const baseMachine = defineMachine({
  entity: "base",
  auditPrefix: "base",
  table: bases,
  labels: BASE_STATUS_LABELS,
  audit: recordAudit,
  scope: (b) => ({ regionCode: b.regionCode, orgId: b.orgId }),
  transitions: {
    update: { from: ["active", "reviewing"], to: [], label: "修改基地信息" },
    start_review: { from: ["active"], to: ["reviewing"], label: "开始复核" },
    renew: { from: ["reviewing"], to: ["active"], label: "复核通过" },
    revoke: { from: ["active", "reviewing"], to: ["revoked"], label: "撤销" },
  },
});

export const termEndOf = (namedOn: string, years: number) => addDays(addYears(namedOn, years), -1);

/** "复核 due": in the register and the term ends by `dueBy` (today + the 复核 lead days, `reviewDueBy`). */
export function reviewDueOf(b: Pick<BaseRow, "status" | "termEndsOn">, dueBy: string): boolean {
  return b.status === "active" && b.termEndsOn <= dueBy;
}

const baseSelect = {
  b: bases,
  kindLabel: dictLabelSql(BASE_KIND_DICT, sql`bases.kind`),
  operatingOrgName: orgNameSql(sql`bases.org_id`),
  supervisingOrgName: orgNameSql(sql`bases.supervising_org_id`),
  regionName: regionNameSql(sql`bases.region_code`),
};
type BaseSelected = {
  b: BaseRow;
  kindLabel: string;
  operatingOrgName: string;
  supervisingOrgName: string;
  regionName: string | null;
};

export function toBaseView(ctx: Ctx, r: BaseSelected, access: BaseView["access"], dueBy: string): BaseView {
  const b = r.b;
  const phone = b.contactPhoneEnc ? ctx.cipher.decrypt(b.contactPhoneEnc) : null;
  return {
    id: b.id,
    name: b.name,
    kind: b.kind,
    kindLabel: r.kindLabel,
    level: b.level,
    operatingOrgId: b.orgId,
    operatingOrgName: r.operatingOrgName ?? "",
    supervisingOrgId: b.supervisingOrgId,
    supervisingOrgName: r.supervisingOrgName ?? "",
    regionCode: b.regionCode,
    regionName: r.regionName ?? "",
    address: b.address,
    lat: b.lat,
    lng: b.lng,
    namedOn: b.namedOn,
    namedBy: b.namedBy,
    termYears: b.termYears,
    termEndsOn: b.termEndsOn,
    reviewDue: reviewDueOf(b, dueBy),
    status: b.status,
    revokeReason: b.revokeReason,
    openingHours: b.openingHours,
    closedDays: b.closedDays,
    // The base's public service phone: shown in full to its staff and supervisors, masked otherwise.
    contactPhone: access === "read" ? maskPhone(phone) : phone,
    photoIds: b.photoIds,
    documentIds: b.documentIds,
    description: b.description,
    hasPublishedPage: b.publishedVersion !== null,
    access,
    createdAt: b.createdAt.toISOString(),
    updatedAt: b.updatedAt.toISOString(),
  };
}

export async function getBase(ctx: Ctx, id: string, db: Queryable = ctx.db): Promise<BaseView> {
  const { access } = await loadBase(ctx, id, db);
  const [row] = await db.select(baseSelect).from(bases).where(eq(bases.id, id));
  return toBaseView(ctx, row, access, await reviewDueBy(ctx));
}

export function baseListWhere(ctx: Ctx, q: Partial<BaseListQuery>, dueBy: string): SQL | undefined {
  const conds: (SQL | undefined)[] = [baseVisibleWhere(ctx)];
  if (q.kind) conds.push(eq(bases.kind, q.kind));
  if (q.level) conds.push(eq(bases.level, q.level));
  if (q.regionCode) conds.push(regionTreeWhere(bases.regionCode, q.regionCode));
  if (q.status) conds.push(eq(bases.status, q.status));
  if (q.q) conds.push(searchQuery(bases.search, q.q));
  if (q.reviewDue === "true") conds.push(eq(bases.status, "active"), sql`${bases.termEndsOn} <= ${dueBy}`);
  return and(...conds);
}

export async function listBases(ctx: Ctx, q: BaseListQuery) {
  const dueBy = await reviewDueBy(ctx);
  const where = baseListWhere(ctx, q, dueBy);
  const order = sortTerm({ name: bases.name, namedOn: bases.namedOn, termEndsOn: bases.termEndsOn }, q.sort);
  const [rows, [{ total }]] = await Promise.all([
    paged(
      ctx.db
        .select(baseSelect)
        .from(bases)
        .where(where)
        .orderBy(...(order ? [order] : [asc(bases.regionCode), asc(bases.name)]), asc(bases.id)),
      q,
    ),
    ctx.db.select({ total: sql<number>`count(*)::int` }).from(bases).where(where),
  ]);
  return pageResult(
    rows.map((r) => toBaseView(ctx, r, accessOf(ctx, r.b) ?? "read", dueBy)),
    total,
    q,
  );
}

/** Checks a registry entry's references: the kind, the region in the caller's supervision, the operating org, files. */
async function checkInput(ctx: Ctx, db: Queryable, input: ReturnType<typeof baseInput.parse>) {
  await requireDictCode(db, BASE_KIND_DICT, input.kind, "kind");
  if (!supervisesRegion(ctx, input.regionCode)) throw errors.field("regionCode", "bases.region_out_of_scope");
  const org = await orgById(db, input.operatingOrgId);
  if (!org || org.status !== "active" || !org.regionCode.startsWith(input.regionCode.slice(0, 6)))
    throw errors.field("operatingOrgId", "bases.operating_org_unknown");
  await assertMaterialsUsable(ctx, input.photoIds ?? [], "photoIds", db);
  await assertMaterialsUsable(ctx, input.documentIds ?? [], "documentIds", db);
}

function columnsOf(ctx: Ctx, input: ReturnType<typeof baseInput.parse>) {
  return {
    name: input.name,
    kind: input.kind,
    level: input.level,
    orgId: input.operatingOrgId,
    regionCode: input.regionCode,
    address: input.address ?? null,
    lat: input.lat ?? null,
    lng: input.lng ?? null,
    namedOn: input.namedOn,
    namedBy: input.namedBy ?? null,
    termYears: input.termYears,
    termEndsOn: termEndOf(input.namedOn, input.termYears),
    openingHours: input.openingHours ?? null,
    closedDays: input.closedDays ?? null,
    contactPhoneEnc: input.contactPhone ? ctx.cipher.encrypt(input.contactPhone) : null,
    photoIds: input.photoIds,
    documentIds: input.documentIds,
    description: input.description ?? null,
    search: baseSearch(input),
  };
}

const auditable = (c: ReturnType<typeof columnsOf>, phone: string | null | undefined) => {
  const { search: _s, contactPhoneEnc: _p, ...rest } = c;
  return { ...rest, contactPhone: phone ? "***" : null };
};

/** Registers a base in the caller's supervision (the caller's organization becomes its supervising department). */
export async function createBase(ctx: Ctx, raw: BaseInput): Promise<BaseView> {
  const input = baseInput.parse(raw);
  const id = await ctx.db.transaction(async (tx) => {
    await checkInput(ctx, tx, input);
    const cols = columnsOf(ctx, input);
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(bases)
      .values({ ...cols, supervisingOrgId: ctx.actor.orgId, createdAt: now, updatedAt: now })
      .returning();
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "base.create",
      entity: "base",
      entityId: row.id,
      regionCode: row.regionCode,
      orgId: row.orgId,
      summary: `登记教育基地“${row.name}”`,
      changes: diff(null, auditable(cols, input.contactPhone)),
    });
    return row.id;
  });
  return getBase(ctx, id);
}

export async function updateBase(ctx: Ctx, id: string, raw: BaseInput): Promise<BaseView> {
  const input = baseInput.parse(raw);
  await ctx.db.transaction(async (tx) => {
    const info = await loadBase(ctx, id, tx, true);
    requireSupervise(info);
    await checkInput(ctx, tx, input);
    const before = info.base;
    const cols = columnsOf(ctx, input);
    const beforePhone = before.contactPhoneEnc ? ctx.cipher.decrypt(before.contactPhoneEnc) : null;
    const { search: _s, contactPhoneEnc: _p, ...plain } = cols;
    const changes = diff(
      {
        ...Object.fromEntries(Object.keys(plain).map((k) => [k, before[k as keyof BaseRow]])),
        contactPhone: beforePhone,
      },
      { ...plain, contactPhone: input.contactPhone ?? null },
    );
    if (changes.contactPhone) changes.contactPhone = [beforePhone ? "***" : null, input.contactPhone ? "***" : null];
    await baseMachine.move(tx, ctx, before, "update", { set: cols, summary: `修改教育基地“${input.name}”`, changes });
  });
  return getBase(ctx, id);
}

export async function startReview(ctx: Ctx, id: string): Promise<BaseView> {
  await ctx.db.transaction(async (tx) => {
    const info = await loadBase(ctx, id, tx, true);
    requireSupervise(info);
    await baseMachine.move(tx, ctx, info.base, "start_review", { summary: `教育基地“${info.base.name}”开始复核` });
  });
  return getBase(ctx, id);
}

/** 复核通过: a new term from the renewal date. */
export async function renewBase(ctx: Ctx, id: string, input: { renewedOn: string; termYears: number }) {
  await ctx.db.transaction(async (tx) => {
    const info = await loadBase(ctx, id, tx, true);
    requireSupervise(info);
    if (input.renewedOn < info.base.namedOn) throw errors.field("renewedOn", "bases.renew_date");
    const termEndsOn = termEndOf(input.renewedOn, input.termYears);
    await baseMachine.move(tx, ctx, info.base, "renew", {
      set: { termYears: input.termYears, termEndsOn },
      summary: `教育基地“${info.base.name}”复核通过，有效期至 ${termEndsOn}`,
      changes: { termEndsOn: [info.base.termEndsOn, termEndsOn] },
    });
  });
  return getBase(ctx, id);
}

export async function revokeBase(ctx: Ctx, id: string, reason: string): Promise<BaseView> {
  await ctx.db.transaction(async (tx) => {
    const info = await loadBase(ctx, id, tx, true);
    requireSupervise(info);
    await baseMachine.move(tx, ctx, info.base, "revoke", {
      set: { revokeReason: reason },
      summary: `撤销教育基地“${info.base.name}”：${reason}`,
      changes: { revokeReason: [null, reason] },
    });
  });
  return getBase(ctx, id);
}

/** The registry as rows for the .xlsx export (the caller's list filters, all pages). */
export async function registryRows(ctx: Ctx, q: Partial<BaseListQuery> & { ids?: string[] }) {
  const dueBy = await reviewDueBy(ctx);
  const rows = await ctx.db
    .select(baseSelect)
    .from(bases)
    .where(and(baseListWhere(ctx, q, dueBy), q.ids ? inArray(bases.id, q.ids) : undefined))
    .orderBy(asc(bases.regionCode), asc(bases.name), desc(bases.id))
    .limit(20000);
  return rows.map((r) => toBaseView(ctx, r, "read", dueBy));
}

/** The register's rows of a list query counted by the base's region code (the leaders' dashboard, insights). */
export async function baseCountsByRegion(
  ctx: Ctx,
  q: Partial<BaseListQuery>,
): Promise<{ regionCode: string; n: number }[]> {
  const where = baseListWhere(ctx, q, await reviewDueBy(ctx));
  const rows = await readDb(ctx)
    .select({ regionCode: bases.regionCode, n: sql<number>`count(*)::int` })
    .from(bases)
    .where(where)
    .groupBy(bases.regionCode);
  return rows.map((r) => ({ regionCode: r.regionCode, n: Number(r.n) }));
}
