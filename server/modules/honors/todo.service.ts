/**
 * The live to-do list of 表彰 for the message centre (notify registers it as a source), each for the level that
 * acts on it (see honors-access.ts):
 *
 *   - the county (honor:review at the quota's region): nominations waiting for 初审, due by the campaign's 初审 deadline;
 *   - the organizer (honor:manage at the campaign's region): nominations in 复审 to decide, due by the 复审 deadline,
 *     and objections to 表彰公示 in its scope still to investigate or answer;
 *   - a panel member (honor:score, on the campaign's 评审委员会): nominations in 复审 it has not yet scored;
 *   - the nominating unit (honor:nominate): its nominations returned for revision, due by the nominating deadline.
 *
 * Titles name the campaign and the nominating unit, never a nominee's personal data. Nothing stored.
 */
import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import { beijingDate } from "../../../contracts/dates.js";
import { inScope, scopeFor } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { orgNameSql } from "../org/index.js";
import { pendingObjections } from "../publicity/index.js";
import { honorCampaigns as C, honorReviews, honorNominations as N, honorPanelMembers as P } from "./honors.schema.js";
import { objectionRegionWhere } from "./honors-access.js";

export type HonorTodo = {
  kind: "county_review" | "final_review" | "score" | "objection" | "returned";
  kindLabel: string;
  entityId: string;
  title: string;
  body: string;
  dueOn: string | null;
  overdue: boolean;
};

const LIMIT = 200;
const OWNER = "honors";

export async function listHonorTodos(ctx: Ctx): Promise<HonorTodo[]> {
  const { actor } = ctx;
  const today = beijingDate(ctx.clock.now());
  const items: HonorTodo[] = [];
  const nominations = async (where: SQL, due: "countyDeadline" | "finalDeadline" | "nominateDeadline") =>
    ctx.db
      .select({
        id: N.id,
        campaign: C.title,
        orgName: orgNameSql(N.orgId),
        reason: N.statusReason,
        due: C[due],
      })
      .from(N)
      .innerJoin(C, eq(C.id, N.campaignId))
      .where(where)
      .orderBy(asc(N.createdAt), asc(N.id))
      .limit(LIMIT);
  const add = (
    kind: HonorTodo["kind"],
    kindLabel: string,
    r: { id: string; campaign: string; orgName: string | null; reason?: string | null; due: string | null },
    title: string,
  ) =>
    items.push({
      kind,
      kindLabel,
      entityId: r.id,
      title,
      body: r.reason ? `理由：${r.reason}` : "",
      dueOn: r.due,
      overdue: !!r.due && today > r.due,
    });

  const review = scopeFor(actor, "honor:review");
  if (review && inScope(review, { regionCode: actor.regionCode, orgId: null }))
    for (const r of await nominations(
      and(eq(N.status, "county_review"), eq(N.quotaRegion, actor.regionCode)) as SQL,
      "countyDeadline",
    ))
      add("county_review", "表彰推荐初审", r, `初审“${r.campaign}”中${r.orgName ?? ""}报送的推荐对象`);

  const manage = scopeFor(actor, "honor:manage");
  if (manage && inScope(manage, { regionCode: actor.regionCode, orgId: null })) {
    for (const r of await nominations(
      and(eq(N.status, "final_review"), eq(C.regionCode, actor.regionCode)) as SQL,
      "finalDeadline",
    ))
      add("final_review", "表彰推荐复审", r, `复审“${r.campaign}”中${r.orgName ?? ""}报送的推荐对象`);
  }
  if (manage)
    for (const o of await pendingObjections(ctx.db, OWNER, objectionRegionWhere(ctx), LIMIT))
      items.push({
        kind: "objection",
        kindLabel: "表彰公示异议",
        entityId: o.id,
        title: `调查并答复对“${o.title}”的异议`,
        body: "",
        dueOn: o.endsOn,
        overdue: !!o.endsOn && today > o.endsOn,
      });

  if (scopeFor(actor, "honor:score"))
    for (const r of await nominations(
      sql`${N.status} = 'final_review'
        and exists (select 1 from ${P} where ${P.campaignId} = ${N.campaignId} and ${P.userId} = ${actor.userId})
        and not exists (select 1 from ${honorReviews} where ${honorReviews.nominationId} = ${N.id} and ${honorReviews.reviewerId} = ${actor.userId})`,
      "finalDeadline",
    ))
      add("score", "表彰评审打分", r, `为“${r.campaign}”中${r.orgName ?? ""}报送的推荐对象评审打分`);

  if (scopeFor(actor, "honor:nominate") && actor.orgId)
    for (const r of await nominations(
      and(eq(N.status, "returned"), eq(N.orgId, actor.orgId)) as SQL,
      "nominateDeadline",
    ))
      add("returned", "表彰推荐退回修改", r, `修改“${r.campaign}”中被退回的推荐对象后重新公示报送`);
  return items;
}
