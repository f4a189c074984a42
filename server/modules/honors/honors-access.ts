/**
 * Who sees and does what in 表彰 (PRODUCT §2.9, 两审三公示):
 *
 *   organizer — honor:manage, the campaign's own region (the organizing level, e.g. 通辽市民委): edits the campaign,
 *               its quotas and panel; 复审 (approve/return), 三公示, 拟表彰, the decision, the register.
 *   county    — honor:review, the region whose quota a nomination uses (the 旗县 level, e.g. 科左后旗民委): 初审
 *               (approve/return), 二公示, forwarding within the quota.
 *   unit      — honor:nominate, the nominating organization itself: drafts, edits, 一公示, submits, withdraws.
 *   panel     — honor:score and membership of the campaign's 评审委员会: reads and scores nominations in 复审.
 *   readers   — honor:read scope over a nomination's region sees it once it leaves the unit's draft; upper levels
 *               see what is below them. Objections: honor:manage scope over the notice's region (never the
 *               nominating unit: the objector is protected).
 *   anyone else — 404, indistinguishable from a record that does not exist.
 */
import { and, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import { FORWARDED } from "../../../contracts/honors.js";
import { inScope, regionTreeWhere, type Scope, scopeFor } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { AppError, errors } from "../../core/errors.js";
import type { Queryable } from "../../db/client.js";
import { ancestorCodes } from "../org/index.js";
import { honorCampaigns as C, honorNominations as N, honorPanelMembers as P } from "./honors.schema.js";

export type CampaignRow = typeof C.$inferSelect;
export type NominationRow = typeof N.$inferSelect;

/** The region part of a scope as SQL (org and self scopes hold no region: false). */
export function regionScopeSql(scope: Scope | null, col: Parameters<typeof regionTreeWhere>[0]): SQL | undefined {
  if (!scope) return sql`false`;
  switch (scope.kind) {
    case "all":
      return undefined;
    case "region_tree":
      return regionTreeWhere(col, scope.prefix);
    case "region":
      return eq(col, scope.code);
    default:
      return sql`false`;
  }
}

const covers = (ctx: Ctx, permission: "honor:manage" | "honor:review" | "honor:read", regionCode: string) => {
  const scope = scopeFor(ctx.actor, permission);
  return !!scope && inScope(scope, { regionCode, orgId: null });
};

/** The organizing level of a campaign: honor:manage at the campaign's own region. */
export function isOrganizer(ctx: Ctx, c: Pick<CampaignRow, "regionCode">): boolean {
  return ctx.actor.regionCode === c.regionCode && covers(ctx, "honor:manage", c.regionCode);
}
export function requireOrganizer(ctx: Ctx, c: Pick<CampaignRow, "regionCode">) {
  if (!isOrganizer(ctx, c)) throw new AppError(403, "HONOR_NOT_ORGANIZER", "只有表彰活动的组织部门可以进行此项操作");
}

/** The county level of a nomination: honor:review at the region whose quota it uses. */
export function requireCounty(ctx: Ctx, n: Pick<NominationRow, "quotaRegion">) {
  if (ctx.actor.regionCode !== n.quotaRegion || !covers(ctx, "honor:review", n.quotaRegion))
    throw new AppError(403, "HONOR_NOT_COUNTY", "只有推荐对象所在旗县（市、区）的民族工作部门可以进行初审");
}

/** The nominating unit itself. */
export function requireUnit(ctx: Ctx, n: Pick<NominationRow, "orgId">) {
  if (ctx.actor.orgId !== n.orgId || !scopeFor(ctx.actor, "honor:nominate"))
    throw new AppError(403, "HONOR_NOT_UNIT", "只有推荐单位可以进行此项操作");
}

/** Campaigns the caller sees: published ones of its region's line or read scope; drafts within manage scope. */
export function campaignVisibleWhere(ctx: Ctx): SQL {
  const read = scopeFor(ctx.actor, "honor:read");
  if (!read) throw errors.forbidden("honor:read");
  const own = [...ancestorCodes(ctx.actor.regionCode), ctx.actor.regionCode];
  const published = or(inArray(C.regionCode, own), regionScopeSql(read, C.regionCode)) ?? sql`true`;
  const drafts = regionScopeSql(scopeFor(ctx.actor, "honor:manage"), C.regionCode) ?? sql`true`;
  const panel = sql`exists (select 1 from ${P} where ${P.campaignId} = ${C.id} and ${P.userId} = ${ctx.actor.userId})`;
  return sql`((${C.status} <> 'draft' AND (${published} OR ${panel})) OR (${C.status} = 'draft' AND ${drafts}))`;
}

export async function loadCampaign(ctx: Ctx, id: string, db: Queryable = ctx.db): Promise<CampaignRow> {
  const [row] = await db
    .select()
    .from(C)
    .where(and(eq(C.id, id), campaignVisibleWhere(ctx)));
  if (!row) throw errors.notFound("honor_campaign");
  return row;
}

/**
 * Nominations the caller sees: its own organization's (drafts too); others' once past the draft within its
 * honor:read/review/manage region scope; and, for panel members, those of their campaigns forwarded to 复审.
 */
export function nominationVisibleWhere(ctx: Ctx): SQL {
  const scopes = (["honor:read", "honor:review", "honor:manage"] as const)
    .map((p) => scopeFor(ctx.actor, p))
    .filter((s): s is Scope => !!s);
  if (scopes.length === 0 && !scopeFor(ctx.actor, "honor:score")) throw errors.forbidden("honor:read");
  const regions = scopes.map((s) => regionScopeSql(s, N.regionCode) ?? sql`true`);
  const region = regions.length ? sql`(${sql.join(regions, sql` OR `)})` : sql`false`;
  const own =
    scopeFor(ctx.actor, "honor:nominate") || scopeFor(ctx.actor, "honor:read")
      ? eq(N.orgId, ctx.actor.orgId)
      : sql`false`;
  const forwarded = sql.join(
    FORWARDED.map((s) => sql`${s}`),
    sql`, `,
  );
  const panel = scopeFor(ctx.actor, "honor:score")
    ? sql`(${N.status} in (${forwarded}) AND exists (select 1 from ${P} where ${P.campaignId} = ${N.campaignId} and ${P.userId} = ${ctx.actor.userId}))`
    : sql`false`;
  return sql`(${own} OR (${N.status} <> 'draft' AND ${region}) OR ${panel})`;
}

export async function loadNomination(ctx: Ctx, id: string, db: Queryable = ctx.db): Promise<NominationRow> {
  const [row] = await db
    .select()
    .from(N)
    .where(and(eq(N.id, id), nominationVisibleWhere(ctx)));
  if (!row) throw errors.notFound("honor_nomination");
  return row;
}

/** Loads a nomination the caller sees and locks it for the step. */
export async function lockNomination(ctx: Ctx, db: Queryable, id: string): Promise<NominationRow> {
  await loadNomination(ctx, id, db);
  const [row] = await db.select().from(N).where(eq(N.id, id)).for("update");
  return row;
}

export async function isPanelMember(db: Queryable, campaignId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(P)
    .where(and(eq(P.campaignId, campaignId), eq(P.userId, userId)));
  return !!row;
}

/** Objections and staff notice lists: the notice's region within the caller's honor:manage scope. */
export function objectionRegionWhere(ctx: Ctx) {
  const scope = scopeFor(ctx.actor, "honor:manage");
  if (!scope) throw errors.forbidden("honor:manage");
  return (col: Parameters<typeof regionTreeWhere>[0]) => regionScopeSql(scope, col);
}
