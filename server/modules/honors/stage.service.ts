/**
 * The steps of 两审三公示 on nominations. Each 公示 goes through the shared publicity module (its window in working
 * days of the official calendar; objections; an upheld one removes the nominee here through the registered effect).
 * A step after a 公示 needs the window ended and every objection to the nominee answered. Forwarding and the county
 * notice take a place of the quota (locked row, counted in the same transaction).
 */
import { and, eq, inArray } from "drizzle-orm";
import { FORWARDED, NOTICE_STAGE_LABELS } from "../../../contracts/honors.js";
import type { Ctx } from "../../core/context.js";
import { AppError, errors } from "../../core/errors.js";
import type { Tx } from "../../db/client.js";
import { assertNoticeCleared, publishNotice, registerPublicityOwner } from "../publicity/index.js";
import { takeQuotaPlace } from "./campaign.service.js";
import { honorCampaigns as C, honorNominations as N, honorReviews as R } from "./honors.schema.js";
import {
  isPanelMember,
  loadCampaign,
  lockNomination,
  type NominationRow,
  requireCounty,
  requireOrganizer,
  requireUnit,
} from "./honors-access.js";
import { getNomination, nominationMachine, publicFace } from "./nomination.service.js";

const OWNER = "honors";

/** An upheld objection against a listed nominee removes it, with the reply as the recorded reason. */
registerPublicityOwner(OWNER, {
  onUpheld: async (tx, ctx, e) => {
    const [n] = await tx.select().from(N).where(eq(N.id, e.itemId)).for("update");
    if (!n || n.status === "removed" || n.status === "withdrawn") return;
    await nominationMachine.move(tx, ctx, n, "remove", {
      set: { statusReason: e.reason },
      summary: `异议成立，撤销推荐：${e.reason}`,
      changes: { statusReason: [n.statusReason, e.reason] },
    });
  },
});

async function campaignOf(tx: Tx, n: NominationRow) {
  const [c] = await tx.select().from(C).where(eq(C.id, n.campaignId));
  return c;
}

// ---- the unit

/** 一公示: the unit publishes its nomination for its working-day window. */
export async function publishUnitNotice(ctx: Ctx, id: string, input: { startsOn?: string; body: string }) {
  await ctx.db.transaction(async (tx) => {
    const n = await lockNomination(ctx, tx, id);
    requireUnit(ctx, n);
    nominationMachine.assert(n.status, "publish_unit");
    const c = await campaignOf(tx, n);
    const face = await publicFace({ ...ctx, db: tx }, n);
    const notice = await publishNotice(tx, ctx, {
      owner: OWNER,
      ownerRef: c.id,
      stage: "unit",
      title: `关于推荐${face.label}为“${c.title}”${c.kinds.length ? "表彰对象" : ""}的公示`,
      body: input.body,
      workingDays: c.noticeDays,
      orgId: n.orgId,
      regionCode: n.quotaRegion,
      startsOn: input.startsOn,
      items: [{ itemId: n.id, label: face.label, detail: face.detail }],
    });
    await nominationMachine.move(tx, ctx, n, "publish_unit", {
      set: { noticeId: notice.id, statusReason: null },
      summary: `${NOTICE_STAGE_LABELS.unit}：${notice.startsOn} 至 ${notice.endsOn}`,
    });
  });
  return getNomination(ctx, id);
}

/** After the unit's window: submits to the county for 初审. */
export async function submitNomination(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    const n = await lockNomination(ctx, tx, id);
    requireUnit(ctx, n);
    nominationMachine.assert(n.status, "submit");
    if (n.noticeId) await assertNoticeCleared(tx, ctx.clock, n.noticeId, n.id);
    await nominationMachine.move(tx, ctx, n, "submit", { summary: "公示期满，报送旗县（市、区）初审" });
  });
  return getNomination(ctx, id);
}

export async function withdrawNomination(ctx: Ctx, id: string, reason: string) {
  await ctx.db.transaction(async (tx) => {
    const n = await lockNomination(ctx, tx, id);
    requireUnit(ctx, n);
    await nominationMachine.move(tx, ctx, n, "withdraw", {
      set: { statusReason: reason },
      summary: `撤回推荐：${reason}`,
      changes: { statusReason: [n.statusReason, reason] },
    });
  });
  return getNomination(ctx, id);
}

// ---- the county (初审) and the organizer (复审)

export async function countyDecide(ctx: Ctx, id: string, action: "county_approve" | "county_return", reason?: string) {
  await ctx.db.transaction(async (tx) => {
    const n = await lockNomination(ctx, tx, id);
    requireCounty(ctx, n);
    if (action === "county_return" && !reason) throw errors.field("reason", "honors.reason_required");
    await nominationMachine.move(tx, ctx, n, action, {
      set: { statusReason: reason ?? null },
      summary: action === "county_approve" ? "初审通过" : `初审退回：${reason}`,
      changes: reason ? { statusReason: [n.statusReason, reason] } : undefined,
    });
  });
  return getNomination(ctx, id);
}

export async function finalDecide(ctx: Ctx, id: string, action: "final_approve" | "final_return", reason?: string) {
  await ctx.db.transaction(async (tx) => {
    const n = await lockNomination(ctx, tx, id);
    const c = await campaignOf(tx, n);
    requireOrganizer(ctx, c);
    if (action === "final_return" && !reason) throw errors.field("reason", "honors.reason_required");
    if (action === "final_approve") {
      const reviews = await tx.select({ vote: R.vote }).from(R).where(eq(R.nominationId, n.id));
      if (reviews.length === 0) throw new AppError(409, "NO_REVIEWS", "评审委员会尚未评审该推荐对象，不能复审通过");
    }
    await nominationMachine.move(tx, ctx, n, action, {
      set: { statusReason: reason ?? null },
      summary: action === "final_approve" ? "复审通过" : `复审退回：${reason}`,
      changes: reason ? { statusReason: [n.statusReason, reason] } : undefined,
    });
  });
  return getNomination(ctx, id);
}

/** A panel member's score and vote on a nomination in 复审 (one per member, may be changed until 复审 ends). */
export async function reviewNomination(
  ctx: Ctx,
  id: string,
  input: { score: number | null; vote: "agree" | "disagree" | "abstain"; comment: string },
) {
  await ctx.db.transaction(async (tx) => {
    const n = await lockNomination(ctx, tx, id);
    if (!(await isPanelMember(tx, n.campaignId, ctx.actor.userId)))
      throw new AppError(403, "HONOR_NOT_PANEL", "只有本次表彰评审委员会的成员可以评审");
    const now = ctx.clock.now();
    await tx
      .insert(R)
      .values({ nominationId: n.id, reviewerId: ctx.actor.userId, ...input, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: [R.nominationId, R.reviewerId], set: { ...input, updatedAt: now } });
    await nominationMachine.move(tx, ctx, n, "review", {
      summary: `评审：${input.score ?? "—"} 分，${{ agree: "同意", disagree: "不同意", abstain: "弃权" }[input.vote]}`,
      changes: { score: [null, input.score], vote: [null, input.vote] },
    });
  });
  return getNomination(ctx, id);
}

/**
 * 二公示 (the county's list, within its quota) or 三公示 (the organizer's proposed list): one notice listing the
 * chosen nominations, which move to their 公示 status.
 */
export async function publishStageNotice(
  ctx: Ctx,
  campaignId: string,
  input: {
    stage: "county" | "final";
    title: string;
    titleMn?: string;
    body: string;
    nominationIds: string[];
    startsOn?: string;
  },
) {
  const noticeId = await ctx.db.transaction(async (tx) => {
    const c = await loadCampaign(ctx, campaignId, tx);
    const rows = await tx
      .select()
      .from(N)
      .where(and(inArray(N.id, input.nominationIds), eq(N.campaignId, c.id)))
      .for("update");
    if (rows.length !== input.nominationIds.length)
      throw errors.field("nominationIds", "errors.not_found", { entity: "本活动的推荐" });
    const action = input.stage === "county" ? "publish_county" : "publish_final";
    if (input.stage === "final") requireOrganizer(ctx, c);
    for (const n of rows) {
      if (input.stage === "county") requireCounty(ctx, n);
      nominationMachine.assert(n.status, action);
    }
    const region = input.stage === "county" ? rows[0].quotaRegion : c.regionCode;
    if (input.stage === "county") {
      if (rows.some((n) => n.quotaRegion !== region)) throw errors.field("nominationIds", "honors.mixed_regions");
      // The county list may not exceed its quota (counting what it already listed or forwarded).
      const byKind = new Map<string, NominationRow[]>();
      for (const n of rows) byKind.set(n.kind, [...(byKind.get(n.kind) ?? []), n]);
      for (const list of byKind.values())
        await takeQuotaPlace(tx, { ...list[0], id: undefined }, ["notice2", ...FORWARDED], "列入初审公示", list.length);
    }
    const items = [];
    for (const n of rows) {
      const face = await publicFace({ ...ctx, db: tx }, n);
      items.push({ itemId: n.id, label: face.label, detail: face.detail });
    }
    const notice = await publishNotice(tx, ctx, {
      owner: OWNER,
      ownerRef: c.id,
      stage: input.stage,
      title: input.title,
      titleMn: input.titleMn,
      body: input.body,
      workingDays: c.noticeDays,
      orgId: ctx.actor.orgId,
      regionCode: region,
      startsOn: input.startsOn,
      items,
    });
    for (const n of rows) {
      // Each nomination moves in turn: the next one's quota count sees this one listed.
      await nominationMachine.move(tx, ctx, n, action, {
        set: { noticeId: notice.id },
        summary: `${NOTICE_STAGE_LABELS[input.stage]}“${input.title}”：${notice.startsOn} 至 ${notice.endsOn}`,
      });
    }
    return notice.id;
  });
  return { noticeId };
}

/** After the county's window: forwards to the organizing level, within the quota (locked, counted). */
export async function forwardNomination(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    const n = await lockNomination(ctx, tx, id);
    requireCounty(ctx, n);
    nominationMachine.assert(n.status, "forward");
    if (n.noticeId) await assertNoticeCleared(tx, ctx.clock, n.noticeId, n.id);
    await takeQuotaPlace(tx, n, FORWARDED, "上报");
    await nominationMachine.move(tx, ctx, n, "forward", { summary: "初审公示期满，上报复审" });
  });
  return getNomination(ctx, id);
}

/** After the organizer's window: the nominee is confirmed as 拟表彰. */
export async function proposeNomination(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    const n = await lockNomination(ctx, tx, id);
    requireOrganizer(ctx, await campaignOf(tx, n));
    nominationMachine.assert(n.status, "propose");
    if (n.noticeId) await assertNoticeCleared(tx, ctx.clock, n.noticeId, n.id);
    await nominationMachine.move(tx, ctx, n, "propose", { summary: "拟表彰公示期满，确定为拟表彰对象" });
  });
  return getNomination(ctx, id);
}
