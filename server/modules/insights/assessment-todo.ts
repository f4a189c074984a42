/**
 * The live to-do list of 考核评价 for the message centre (notify registers it as a source), each for whoever acts:
 *
 *   - an assessed unit or region (assessment:participate): rounds collecting data whose reported part it has not
 *     submitted yet (rounds with reported indicators only);
 *   - the organiser (assessment:manage covering the round): disputes of computed values still open;
 *   - a panel member (assessment:score, on the round's panel): rounds in scoring with subjects it has not scored.
 *
 * The rules are assessment-access.ts's; nothing stored; at most 200 of each.
 */
import { and, eq, isNull, type SQL, sql } from "drizzle-orm";
import { can, scopeFor, scopeWhere } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { assessmentDisputes as D, assessmentRounds as R, assessmentSubjects as S } from "./assessment.schema.js";

export type AssessmentTodo = {
  kind: "report" | "dispute" | "score";
  kindLabel: string;
  /** The round the link opens. */
  roundId: string;
  /** What the to-do is about (subject, dispute or round), for a stable key. */
  entityId: string;
  title: string;
};

const LIMIT = 200;

export async function listAssessmentTodos(ctx: Ctx): Promise<AssessmentTodo[]> {
  const { actor } = ctx;
  const out: AssessmentTodo[] = [];
  if (can(actor, "assessment:participate")) {
    const own: SQL = sql`((${S.kind} = 'org' and ${S.orgId} = ${actor.orgId}) or (${S.kind} = 'region' and ${S.regionCode} = ${actor.regionCode}))`;
    const rows = await ctx.db
      .select({ id: S.id, roundId: R.id, round: R.title, name: S.name })
      .from(S)
      .innerJoin(R, eq(R.id, S.roundId))
      .where(
        and(
          eq(R.status, "collecting"),
          own,
          isNull(S.reportedSubmittedAt),
          sql`${R.indicators} @> '[{"kind":"reported"}]'::jsonb`,
        ),
      )
      .limit(LIMIT);
    for (const r of rows)
      out.push({
        kind: "report",
        kindLabel: "待填报的考核自评",
        roundId: r.roundId,
        entityId: r.id,
        title: `${r.round}：填报“${r.name}”的自评内容`,
      });
  }
  const manage = scopeFor(actor, "assessment:manage");
  if (manage) {
    const rows = await ctx.db
      .select({ id: D.id, roundId: R.id, round: R.title, name: S.name })
      .from(D)
      .innerJoin(R, eq(R.id, D.roundId))
      .innerJoin(S, eq(S.id, D.subjectId))
      .where(and(eq(D.status, "open"), scopeWhere(manage, { region: R.regionCode, org: R.orgId }) ?? sql`true`))
      .limit(LIMIT);
    for (const r of rows)
      out.push({
        kind: "dispute",
        kindLabel: "待处理的考核数据异议",
        roundId: r.roundId,
        entityId: r.id,
        title: `${r.round}：“${r.name}”对一项计算数据提出异议`,
      });
  }
  if (can(actor, "assessment:score")) {
    const rows = await ctx.db
      .select({ id: R.id, round: R.title })
      .from(R)
      .where(
        and(
          eq(R.status, "scoring"),
          sql`${actor.userId} = any(${R.panelUserIds})`,
          sql`exists (select 1 from assessment_subjects s where s.round_id = ${R.id} and not exists (
            select 1 from assessment_panel_scores p where p.subject_id = s.id and p.user_id = ${actor.userId}))`,
        ),
      )
      .limit(LIMIT);
    for (const r of rows)
      out.push({
        kind: "score",
        kindLabel: "待评分的考核",
        roundId: r.id,
        entityId: r.id,
        title: `${r.round}：评审打分`,
      });
  }
  return out;
}
