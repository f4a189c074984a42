/**
 * 表彰活动 and its 名额 ledger. Campaign states: 筹备中 (draft) → 推荐中 (open) → 推荐已截止 (closed) → 已表彰
 * (decided, by the decision). Quotas are per lower region and kind; every step that uses a place locks the quota
 * row (SELECT … FOR UPDATE) in its transaction and counts the places used, so concurrent steps never exceed it.
 */
import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { beijingDate } from "../../../contracts/dates.js";
import {
  CAMPAIGN_STATUS_LABELS,
  type CampaignCreate,
  type CampaignView,
  FORWARDED,
  HONOR_KIND_DICT,
  HONOR_KINDS_DEFAULT,
  type NominationStatus,
  QUOTA_HOLDING,
  type QuotaView,
} from "../../../contracts/honors.js";
import type { Ctx } from "../../core/context.js";
import { dictLabels, requireDictCode, seedDict } from "../../core/dict.js";
import { AppError, errors } from "../../core/errors.js";
import { defineMachine } from "../../core/state-machine.js";
import type { Queryable, Tx } from "../../db/client.js";
import { diff, recordAudit } from "../audit/index.js";
import { userNameSql } from "../identity/index.js";
import { orgNameSql, regionNames } from "../org/index.js";
import {
  honorCampaigns as C,
  honorNominations as N,
  honorPanelMembers as P,
  honorQuotas as Q,
} from "./honors.schema.js";
import { type CampaignRow, campaignVisibleWhere, loadCampaign, requireOrganizer } from "./honors-access.js";

export async function seedHonorsDicts(db: Queryable) {
  await seedDict(db, HONOR_KIND_DICT, HONOR_KINDS_DEFAULT);
}

export const campaignMachine = defineMachine({
  entity: "honor_campaign",
  auditPrefix: "honor_campaign",
  table: C,
  labels: CAMPAIGN_STATUS_LABELS,
  audit: recordAudit,
  scope: (c) => ({ regionCode: c.regionCode, orgId: c.orgId }),
  transitions: {
    update: { from: ["draft", "open"], to: [], label: "修改表彰活动" },
    open: { from: ["draft"], to: ["open"], label: "开始推荐" },
    close: { from: ["open"], to: ["closed"], label: "截止推荐" },
    decide: { from: ["open", "closed"], to: ["decided"], label: "作出表彰决定" },
  },
});

function inList(col: SQL | typeof N.status, statuses: NominationStatus[]) {
  return sql`${col} in (${sql.join(
    statuses.map((s) => sql`${s}`),
    sql`, `,
  )})`;
}

/** The quotas of campaigns with used (holding a place), forwarded and remaining counts. */
export async function quotaLedger(db: Queryable, campaignIds: string[]): Promise<Map<string, QuotaView[]>> {
  const out = new Map<string, QuotaView[]>();
  if (campaignIds.length === 0) return out;
  const rows = await db
    .select({
      campaignId: Q.campaignId,
      regionCode: Q.regionCode,
      kind: Q.kind,
      quota: Q.quota,
      used: sql<number>`(select count(*)::int from ${N} n where n.campaign_id = honor_quotas.campaign_id and n.quota_region = honor_quotas.region_code and n.kind = honor_quotas.kind and ${inList(sql`n.status`, QUOTA_HOLDING)})`,
      forwarded: sql<number>`(select count(*)::int from ${N} n where n.campaign_id = honor_quotas.campaign_id and n.quota_region = honor_quotas.region_code and n.kind = honor_quotas.kind and ${inList(sql`n.status`, FORWARDED)})`,
    })
    .from(Q)
    .where(inArray(Q.campaignId, campaignIds))
    .orderBy(asc(Q.regionCode), asc(Q.kind));
  const [names, kinds] = await Promise.all([
    regionNames(db, [...new Set(rows.map((r) => r.regionCode))]),
    dictLabels(db, HONOR_KIND_DICT),
  ]);
  for (const r of rows) {
    const list = out.get(r.campaignId) ?? [];
    list.push({
      regionCode: r.regionCode,
      regionName: names.get(r.regionCode) ?? r.regionCode,
      kind: r.kind,
      kindLabel: kinds.get(r.kind) ?? r.kind,
      quota: r.quota,
      used: Number(r.used),
      forwarded: Number(r.forwarded),
      remaining: Math.max(0, r.quota - Number(r.used)),
    });
    out.set(r.campaignId, list);
  }
  return out;
}

/**
 * The quota ledger check of one step, in the step's transaction: locks the quota row, counts the nominations of the
 * same campaign, region and kind already in `statuses` (other than this one) and refuses when none is left.
 */
export async function takeQuotaPlace(
  tx: Tx,
  n: { id?: string; campaignId: string; quotaRegion: string; kind: string },
  statuses: NominationStatus[],
  stage: string,
  adding = 1,
) {
  const [q] = await tx
    .select()
    .from(Q)
    .where(and(eq(Q.campaignId, n.campaignId), eq(Q.regionCode, n.quotaRegion), eq(Q.kind, n.kind)))
    .for("update");
  const [names, kinds] = await Promise.all([regionNames(tx, [n.quotaRegion]), dictLabels(tx, HONOR_KIND_DICT)]);
  const region = names.get(n.quotaRegion) ?? n.quotaRegion;
  const kind = kinds.get(n.kind) ?? n.kind;
  if (!q) throw new AppError(409, "QUOTA_NOT_ASSIGNED", `${region}未分配“${kind}”名额，不能${stage}`);
  const [{ used }] = await tx
    .select({ used: sql<number>`count(*)::int` })
    .from(N)
    .where(
      and(
        eq(N.campaignId, n.campaignId),
        eq(N.quotaRegion, n.quotaRegion),
        eq(N.kind, n.kind),
        inList(N.status, statuses),
        n.id ? sql`${N.id} <> ${n.id}` : undefined,
      ),
    );
  if (used + adding > q.quota)
    throw new AppError(
      409,
      "QUOTA_EXCEEDED",
      `${region}的“${kind}”名额为 ${q.quota} 个，已用 ${used} 个，名额已满，不能再${stage}`,
      { regionCode: n.quotaRegion, kind: n.kind, quota: q.quota, used },
    );
}

const campaignSelect = {
  c: C,
  orgName: orgNameSql(C.orgId),
  nominationCount: sql<number>`(select count(*)::int from ${N} n where n.campaign_id = honor_campaigns.id and n.status <> 'draft')`,
};

async function toCampaigns(db: Queryable, rows: { c: CampaignRow; orgName: string; nominationCount: number }[]) {
  const ids = rows.map((r) => r.c.id);
  const [ledger, names, kinds, panel] = await Promise.all([
    quotaLedger(db, ids),
    regionNames(db, [...new Set(rows.map((r) => r.c.regionCode))]),
    dictLabels(db, HONOR_KIND_DICT),
    ids.length
      ? db
          .select({ campaignId: P.campaignId, userId: P.userId, name: userNameSql(P.userId) })
          .from(P)
          .where(inArray(P.campaignId, ids))
          .orderBy(asc(P.createdAt))
      : Promise.resolve([]),
  ]);
  return rows.map(
    ({ c, orgName, nominationCount }): CampaignView => ({
      id: c.id,
      title: c.title,
      year: c.year,
      orgId: c.orgId,
      orgName,
      regionCode: c.regionCode,
      regionName: names.get(c.regionCode) ?? c.regionCode,
      kinds: c.kinds,
      kindLabels: c.kinds.map((k) => kinds.get(k) ?? k),
      eligibility: c.eligibility,
      formFields: c.formFields as CampaignView["formFields"],
      noticeDays: c.noticeDays,
      nominateDeadline: c.nominateDeadline,
      countyDeadline: c.countyDeadline,
      finalDeadline: c.finalDeadline,
      status: c.status,
      decisionNo: c.decisionNo,
      decisionTitle: c.decisionTitle,
      decidedOn: c.decidedOn,
      quotas: ledger.get(c.id) ?? [],
      panel: panel.filter((p) => p.campaignId === c.id).map((p) => ({ userId: p.userId, name: p.name ?? "" })),
      nominationCount: Number(nominationCount),
      createdAt: c.createdAt.toISOString(),
    }),
  );
}

export async function listCampaigns(
  ctx: Ctx,
  q: { page: number; pageSize: number; year?: number; status?: CampaignRow["status"] },
) {
  const where = and(
    campaignVisibleWhere(ctx),
    q.year ? eq(C.year, q.year) : undefined,
    q.status ? eq(C.status, q.status) : undefined,
  );
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select(campaignSelect)
      .from(C)
      .where(where)
      .orderBy(desc(C.year), desc(C.createdAt), asc(C.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: sql<number>`count(*)::int` }).from(C).where(where),
  ]);
  return { items: await toCampaigns(ctx.db, rows), total, page: q.page, pageSize: q.pageSize };
}

export async function getCampaign(ctx: Ctx, id: string, db: Queryable = ctx.db) {
  await loadCampaign(ctx, id, db);
  const rows = await db.select(campaignSelect).from(C).where(eq(C.id, id));
  return (await toCampaigns(db, rows))[0];
}

async function checkKinds(db: Queryable, kinds: string[]) {
  for (const [i, k] of kinds.entries()) await requireDictCode(db, HONOR_KIND_DICT, k, `kinds.${i}`);
}

/** A campaign is organized by the caller's own department at its own region (honor:manage). */
export async function createCampaign(ctx: Ctx, input: CampaignCreate) {
  requireOrganizer(ctx, { regionCode: ctx.actor.regionCode });
  await checkKinds(ctx.db, input.kinds);
  const id = await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(C)
      .values({
        ...input,
        kinds: [...new Set(input.kinds)],
        orgId: ctx.actor.orgId,
        regionCode: ctx.actor.regionCode,
        createdBy: ctx.actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "honor_campaign.create",
      entity: "honor_campaign",
      entityId: row.id,
      regionCode: row.regionCode,
      orgId: row.orgId,
      summary: `新建表彰活动“${row.title}”`,
      changes: diff({}, { title: row.title, year: row.year, kinds: row.kinds }),
    });
    return row.id;
  });
  return getCampaign(ctx, id);
}

export async function updateCampaign(ctx: Ctx, id: string, input: Partial<CampaignCreate>) {
  if (input.kinds) await checkKinds(ctx.db, input.kinds);
  await ctx.db.transaction(async (tx) => {
    await loadCampaign(ctx, id, tx);
    const [c] = await tx.select().from(C).where(eq(C.id, id)).for("update");
    requireOrganizer(ctx, c);
    const changes = diff(c, { ...c, ...input });
    await campaignMachine.move(tx, ctx, c, "update", { set: input, summary: `修改表彰活动“${c.title}”`, changes });
  });
  return getCampaign(ctx, id);
}

export async function moveCampaign(ctx: Ctx, id: string, action: "open" | "close") {
  await ctx.db.transaction(async (tx) => {
    await loadCampaign(ctx, id, tx);
    const [c] = await tx.select().from(C).where(eq(C.id, id)).for("update");
    requireOrganizer(ctx, c);
    await campaignMachine.move(tx, ctx, c, action, {
      summary: `${action === "open" ? "开始推荐" : "截止推荐"}：“${c.title}”（${beijingDate(ctx.clock.now())}）`,
    });
  });
  return getCampaign(ctx, id);
}

/** Sets the quotas (the whole list): each region must be a lower region of the campaign's, each kind one of its kinds. */
export async function setQuotas(ctx: Ctx, id: string, quotas: { regionCode: string; kind: string; quota: number }[]) {
  await ctx.db.transaction(async (tx) => {
    await loadCampaign(ctx, id, tx);
    const [c] = await tx.select().from(C).where(eq(C.id, id)).for("update");
    requireOrganizer(ctx, c);
    campaignMachine.assert(c.status, "update");
    const seen = new Set<string>();
    for (const [i, q] of quotas.entries()) {
      if (!q.regionCode.startsWith(c.regionCode) || q.regionCode === c.regionCode)
        throw errors.field(`quotas.${i}.regionCode`, "honors.quota_region");
      if (!c.kinds.includes(q.kind)) throw errors.field(`quotas.${i}.kind`, "honors.quota_kind");
      const key = `${q.regionCode}/${q.kind}`;
      if (seen.has(key)) throw errors.field(`quotas.${i}.regionCode`, "honors.quota_duplicate");
      seen.add(key);
    }
    const before = await tx.select().from(Q).where(eq(Q.campaignId, id)).for("update");
    await tx.delete(Q).where(eq(Q.campaignId, id));
    if (quotas.length)
      await tx.insert(Q).values(quotas.map((q) => ({ campaignId: id, ...q, updatedAt: ctx.clock.now() })));
    const fmt = (l: { regionCode: string; kind: string; quota: number }[]) =>
      l.map((q) => `${q.regionCode}/${q.kind}:${q.quota}`).sort();
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "honor_campaign.quotas",
      entity: "honor_campaign",
      entityId: id,
      regionCode: c.regionCode,
      orgId: c.orgId,
      summary: `分配表彰名额：“${c.title}”（${quotas.length} 项）`,
      changes: { quotas: [fmt(before), fmt(quotas)] },
    });
  });
  return getCampaign(ctx, id);
}

/** Sets the review panel (评审委员会): users who score nominations in 复审. */
export async function setPanel(ctx: Ctx, id: string, userIds: string[]) {
  await ctx.db.transaction(async (tx) => {
    await loadCampaign(ctx, id, tx);
    const [c] = await tx.select().from(C).where(eq(C.id, id)).for("update");
    requireOrganizer(ctx, c);
    const before = await tx.select({ userId: P.userId }).from(P).where(eq(P.campaignId, id));
    await tx.delete(P).where(eq(P.campaignId, id));
    if (userIds.length)
      await tx
        .insert(P)
        .values(userIds.map((userId) => ({ campaignId: id, userId, createdAt: ctx.clock.now() })))
        .catch(() => {
          throw errors.field("userIds", "errors.not_found", { entity: "评审委员" });
        });
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "honor_campaign.panel",
      entity: "honor_campaign",
      entityId: id,
      regionCode: c.regionCode,
      orgId: c.orgId,
      summary: `设置评审委员会：“${c.title}”（${userIds.length} 人）`,
      changes: { panel: [before.map((b) => b.userId), userIds] },
    });
  });
  return getCampaign(ctx, id);
}
