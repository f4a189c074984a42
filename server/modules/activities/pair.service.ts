/**
 * 结对 (pairing): two sides — units, villages (a region code) or a household identified only by its responsible
 * unit and a reference string (never a name, phone or ID). Visits are activity records carrying the pair's id;
 * a pair without a submitted or confirmed visit in N months (setting `activities.pair_overdue_months`, default 3)
 * is overdue, counted from its start date when it has none.
 */
import { and, asc, eq, or, type SQL, sql } from "drizzle-orm";
import { PAIR_OVERDUE_MONTHS_DEFAULT, type PairInput, type PairView } from "../../../contracts/activities.js";
import { addMonths, beijingDate } from "../../../contracts/dates.js";
import type { Ctx } from "../../core/context.js";
import { settings } from "../../core/core.schema.js";
import { AppError, errors } from "../../core/errors.js";
import { t } from "../../core/i18n.js";
import { type PageQuery, paged, pageResult } from "../../core/paging.js";
import type { Queryable } from "../../db/client.js";
import { recordAudit } from "../audit/index.js";
import { orgBriefs, orgById, orgNameSql, regionExists, regionNames } from "../org/index.js";
import { activityPairs, activityRecords } from "./activities.schema.js";
import { mayManageFor, ownedVisibleWhere } from "./activities-access.js";

export const PAIR_OVERDUE_SETTING = "activities.pair_overdue_months";

export async function overdueMonths(db: Queryable): Promise<number> {
  const [row] = await db.select().from(settings).where(eq(settings.key, PAIR_OVERDUE_SETTING));
  const n = Number(row?.value);
  return Number.isInteger(n) && n > 0 && n <= 36 ? n : PAIR_OVERDUE_MONTHS_DEFAULT;
}

/** Pairs the caller sees: in its read scope, managed by its organization, or with its organization on a side. */
export function pairVisibleWhere(ctx: Ctx): SQL {
  return or(
    ownedVisibleWhere(ctx, { region: activityPairs.regionCode, org: activityPairs.orgId }),
    eq(activityPairs.aOrgId, ctx.actor.orgId),
    eq(activityPairs.bOrgId, ctx.actor.orgId),
  ) as SQL;
}

/** A pair the caller sees, for a visit (400 on `pairId` otherwise). */
export async function assertPairUsable(ctx: Ctx, pairId: string, db: Queryable = ctx.db) {
  const [row] = await db
    .select({ id: activityPairs.id })
    .from(activityPairs)
    .where(and(eq(activityPairs.id, pairId), pairVisibleWhere(ctx)));
  if (!row) throw errors.field("pairId", "activities.pair_not_yours");
}

type Side = PairInput["a"];

async function checkSide(db: Queryable, side: Side, field: string) {
  if (side.kind === "village") {
    if (!(await regionExists(db, side.regionCode))) throw errors.field(field, "activities.pair_side_unknown");
    return { kind: side.kind, orgId: null, regionCode: side.regionCode, ref: null };
  }
  const org = await orgById(db, side.orgId);
  if (org?.status !== "active") throw errors.field(field, "activities.pair_side_unknown");
  return { kind: side.kind, orgId: org.id, regionCode: null, ref: side.kind === "household" ? side.ref : null };
}

export async function createPair(ctx: Ctx, input: PairInput): Promise<PairView> {
  const id = await ctx.db.transaction(async (tx) => {
    const org = await orgById(tx, input.orgId ?? ctx.actor.orgId);
    if (!org || !mayManageFor(ctx, org)) throw errors.field("orgId", "activities.org_not_in_scope");
    const a = await checkSide(tx, input.a, "a");
    const b = await checkSide(tx, input.b, "b");
    if (a.kind === b.kind && a.orgId === b.orgId && a.regionCode === b.regionCode && a.ref === b.ref)
      throw new AppError(400, "PAIR_SAME_SIDES", t("activities.pair_same_sides"));
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(activityPairs)
      .values({
        orgId: org.id,
        regionCode: org.regionCode,
        aKind: a.kind,
        aOrgId: a.orgId,
        aRegionCode: a.regionCode,
        aRef: a.ref,
        bKind: b.kind,
        bOrgId: b.orgId,
        bRegionCode: b.regionCode,
        bRef: b.ref,
        startDate: input.startDate,
        goals: input.goals ?? null,
        createdBy: ctx.actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const [view] = await describe(tx, [row], ctx);
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "activity_pair.create",
      entity: "activity_pair",
      entityId: row.id,
      regionCode: row.regionCode,
      orgId: row.orgId,
      summary: `建立结对：${view.a.label} — ${view.b.label}`,
      changes: { startDate: [null, row.startDate], goals: [null, row.goals] },
    });
    return row.id;
  });
  return getPair(ctx, id);
}

type PairRow = typeof activityPairs.$inferSelect;

const visitsSql = sql<number>`(select count(*)::int from ${activityRecords} v where v.pair_id = activity_pairs.id and v.status in ('submitted', 'confirmed'))`;
const lastVisitSql = sql<
  string | null
>`(select max(v.start_date)::text from ${activityRecords} v where v.pair_id = activity_pairs.id and v.status in ('submitted', 'confirmed'))`;

async function describe(
  db: Queryable,
  rows: (PairRow & { visitCount?: number; lastVisit?: string | null })[],
  ctx: Ctx,
  months?: number,
): Promise<PairView[]> {
  const orgIds = rows.flatMap((r) => [r.orgId, r.aOrgId, r.bOrgId]).filter((x): x is string => !!x);
  const regionCodes = rows.flatMap((r) => [r.aRegionCode, r.bRegionCode]).filter((x): x is string => !!x);
  const [orgs, regions] = await Promise.all([orgBriefs(db, orgIds), regionNames(db, regionCodes)]);
  const n = months ?? (await overdueMonths(db));
  const cutoff = addMonths(beijingDate(ctx.clock.now()), -n);
  const side = (kind: PairRow["aKind"], orgId: string | null, region: string | null, ref: string | null) => ({
    kind,
    label:
      kind === "village"
        ? (regions.get(region ?? "") ?? region ?? "")
        : kind === "household"
          ? `${orgs.get(orgId ?? "")?.name ?? ""}联系户（${ref}）`
          : (orgs.get(orgId ?? "")?.name ?? ""),
  });
  return rows.map((r) => {
    const last = r.lastVisit ?? null;
    return {
      id: r.id,
      orgId: r.orgId,
      orgName: orgs.get(r.orgId)?.name ?? "",
      regionCode: r.regionCode,
      a: side(r.aKind, r.aOrgId, r.aRegionCode, r.aRef),
      b: side(r.bKind, r.bOrgId, r.bRegionCode, r.bRef),
      startDate: r.startDate,
      goals: r.goals,
      endDate: r.endDate,
      visitCount: r.visitCount ?? 0,
      lastVisit: last,
      overdue: !r.endDate && (last ?? r.startDate) < cutoff,
    };
  });
}

export async function listPairs(ctx: Ctx, q: PageQuery & { overdue?: boolean }) {
  const months = await overdueMonths(ctx.db);
  const cutoff = addMonths(beijingDate(ctx.clock.now()), -months);
  const conds: SQL[] = [pairVisibleWhere(ctx)];
  if (q.overdue !== undefined) {
    const late = sql`(${activityPairs.endDate} is null and coalesce(${lastVisitSql}, ${activityPairs.startDate}::text) < ${cutoff})`;
    conds.push(q.overdue ? late : sql`not ${late}`);
  }
  const where = and(...conds);
  const [rows, [{ total }]] = await Promise.all([
    paged(
      ctx.db
        .select({
          p: activityPairs,
          visitCount: visitsSql,
          lastVisit: lastVisitSql,
          orgName: orgNameSql(activityPairs.orgId),
        })
        .from(activityPairs)
        .where(where)
        .orderBy(asc(activityPairs.startDate), asc(activityPairs.id)),
      q,
    ),
    ctx.db.select({ total: sql<number>`count(*)::int` }).from(activityPairs).where(where),
  ]);
  const items = await describe(
    ctx.db,
    rows.map((r) => ({ ...r.p, visitCount: Number(r.visitCount), lastVisit: r.lastVisit })),
    ctx,
    months,
  );
  return pageResult(items, total, q);
}

export async function getPair(ctx: Ctx, id: string): Promise<PairView> {
  const [row] = await ctx.db
    .select({ p: activityPairs, visitCount: visitsSql, lastVisit: lastVisitSql })
    .from(activityPairs)
    .where(and(eq(activityPairs.id, id), pairVisibleWhere(ctx)));
  if (!row) throw errors.notFound("activity_pair");
  const [view] = await describe(
    ctx.db,
    [{ ...row.p, visitCount: Number(row.visitCount), lastVisit: row.lastVisit }],
    ctx,
  );
  return view;
}

/**
 * The overdue pairs of the caller's own organization (it manages the pair or is one of its sides): the message
 * centre's "结对走访逾期" to-do, for whoever may record the visit.
 */
export async function overduePairsOfOwnOrg(ctx: Ctx, limit: number): Promise<PairView[]> {
  const months = await overdueMonths(ctx.db);
  const cutoff = addMonths(beijingDate(ctx.clock.now()), -months);
  const org = ctx.actor.orgId;
  const rows = await ctx.db
    .select({ p: activityPairs, visitCount: visitsSql, lastVisit: lastVisitSql })
    .from(activityPairs)
    .where(
      and(
        or(eq(activityPairs.orgId, org), eq(activityPairs.aOrgId, org), eq(activityPairs.bOrgId, org)),
        sql`(${activityPairs.endDate} is null and coalesce(${lastVisitSql}, ${activityPairs.startDate}::text) < ${cutoff})`,
      ),
    )
    .orderBy(asc(activityPairs.startDate), asc(activityPairs.id))
    .limit(limit);
  return describe(
    ctx.db,
    rows.map((r) => ({ ...r.p, visitCount: Number(r.visitCount), lastVisit: r.lastVisit })),
    ctx,
    months,
  );
}
