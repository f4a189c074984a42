/**
 * Who may do what in 考核评价 (the module's whole access policy):
 * - the organiser: a holder of assessment:manage whose scope covers the round's region and organising unit —
 *   sees the round in every status, every subject, every value; takes the snapshot, corrects, publishes;
 * - a subject: once the round has left 筹备中, the unit assessed (its org) or the department of the region
 *   assessed (its region code) — sees its own subject's values and records, disputes them, fills the reported
 *   items (assessment:participate); after publication, the ranking;
 * - a panel member: a user named on the round's panel — sees every subject's reported items and values, scores
 *   the reported items (assessment:score) while the round is 评分中.
 * Anything else is a 404, indistinguishable from a missing round.
 */
import { and, eq, ne, or, type SQL, sql } from "drizzle-orm";
import { can, inScope, scopeFor, scopeWhere } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import type { Queryable } from "../../db/client.js";
import { assessmentRounds, assessmentSubjects } from "./assessment.schema.js";

export type RoundRow = typeof assessmentRounds.$inferSelect;
export type SubjectRow = typeof assessmentSubjects.$inferSelect;

export function manages(ctx: Ctx, round: Pick<RoundRow, "regionCode" | "orgId">): boolean {
  const scope = scopeFor(ctx.actor, "assessment:manage");
  return !!scope && inScope(scope, { regionCode: round.regionCode, orgId: round.orgId });
}

export const isPanel = (ctx: Ctx, round: Pick<RoundRow, "panelUserIds">) =>
  round.panelUserIds.includes(ctx.actor.userId);

/** Whether a subject is the caller's own unit or region. */
export const ownsSubject = (ctx: Ctx, s: Pick<SubjectRow, "kind" | "orgId" | "regionCode">) =>
  s.kind === "org" ? s.orgId === ctx.actor.orgId : s.regionCode === ctx.actor.regionCode;

const ownSubjectSql = (ctx: Ctx) =>
  sql`exists (select 1 from ${assessmentSubjects} s where s.round_id = ${assessmentRounds.id} and
    ((s.kind = 'org' and s.org_id = ${ctx.actor.orgId}) or (s.kind = 'region' and s.region_code = ${ctx.actor.regionCode})))`;

/** The rounds a caller sees (see the file comment). */
export function roundVisibleWhere(ctx: Ctx): SQL {
  const manage = scopeFor(ctx.actor, "assessment:manage");
  const managed = manage
    ? (scopeWhere(manage, { region: assessmentRounds.regionCode, org: assessmentRounds.orgId }) ?? sql`true`)
    : sql`false`;
  const panel = can(ctx.actor, "assessment:score")
    ? sql`${ctx.actor.userId} = any(${assessmentRounds.panelUserIds})`
    : sql`false`;
  const own =
    can(ctx.actor, "assessment:participate") || can(ctx.actor, "assessment:read") ? ownSubjectSql(ctx) : sql`false`;
  return or(managed, and(ne(assessmentRounds.status, "draft"), or(panel, own))) as SQL;
}

/** A round the caller sees, or 404. */
export async function visibleRound(ctx: Ctx, id: string, db: Queryable = ctx.db): Promise<RoundRow> {
  const [row] = await db
    .select()
    .from(assessmentRounds)
    .where(and(eq(assessmentRounds.id, id), roundVisibleWhere(ctx)));
  if (!row) throw errors.notFound("assessment_round");
  return row;
}

/** A round the caller organises (locked for update inside a transaction), or 404. */
export async function managedRound(ctx: Ctx, id: string, tx: Queryable): Promise<RoundRow> {
  const [row] = await tx.select().from(assessmentRounds).where(eq(assessmentRounds.id, id)).for("update");
  if (!row || !manages(ctx, row)) throw errors.notFound("assessment_round");
  return row;
}

/** Whether the caller may see one subject's values, records and reported items. */
export function seesSubject(ctx: Ctx, round: RoundRow, s: SubjectRow): boolean {
  if (manages(ctx, round)) return true;
  if (round.status === "draft") return false;
  return isPanel(ctx, round) || ownsSubject(ctx, s);
}

/** A subject the caller sees (with its round), or 404. */
export async function visibleSubject(
  ctx: Ctx,
  id: string,
  db: Queryable = ctx.db,
): Promise<{ round: RoundRow; subject: SubjectRow }> {
  const [subject] = await db.select().from(assessmentSubjects).where(eq(assessmentSubjects.id, id));
  if (!subject) throw errors.notFound("assessment_subject");
  const [round] = await db.select().from(assessmentRounds).where(eq(assessmentRounds.id, subject.roundId));
  if (!round || !seesSubject(ctx, round, subject)) throw errors.notFound("assessment_subject");
  return { round, subject };
}
