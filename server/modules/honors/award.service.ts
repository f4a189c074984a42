/**
 * 表彰决定 and the 荣誉名录: the decision (文号, date) awards every 拟表彰 nomination of the campaign at once, with
 * certificate numbers; an honor may be revoked with reason and document. The public deeds library (事迹库) shows
 * active honors with their public summary and the consented fields only, searchable by jieba full-text search.
 */
import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import { type AwardView, HONOR_KIND_DICT } from "../../../contracts/honors.js";
import { regionTreeWhere, scopeFor } from "../../core/access.js";
import { type Ctx, type Deps, readDb } from "../../core/context.js";
import { dictLabels } from "../../core/dict.js";
import { AppError, errors } from "../../core/errors.js";
import { searchQuery } from "../../core/search.js";
import { defineMachine } from "../../core/state-machine.js";
import type { Queryable } from "../../db/client.js";
import { recordAudit } from "../audit/index.js";
import { regionNames } from "../org/index.js";
import { campaignMachine } from "./campaign.service.js";
import { honorAwards as A, honorCampaigns as C, honorNominations as N } from "./honors.schema.js";
import { awardSearch } from "./honors.search.js";
import { loadCampaign, regionScopeSql, requireOrganizer } from "./honors-access.js";
import { nominationMachine, publicFace } from "./nomination.service.js";

export const awardMachine = defineMachine({
  entity: "honor_award",
  auditPrefix: "honor_award",
  table: A,
  labels: { active: "有效", revoked: "已撤销" },
  audit: recordAudit,
  scope: (a) => ({ regionCode: a.regionCode, orgId: a.orgId }),
  transitions: { revoke: { from: ["active"], to: ["revoked"], label: "撤销荣誉" } },
});

export async function makeDecision(
  ctx: Ctx,
  campaignId: string,
  input: { decisionNo: string; title: string; decidedOn: string; certificatePrefix: string },
) {
  await ctx.db.transaction(async (tx) => {
    await loadCampaign(ctx, campaignId, tx);
    const [c] = await tx.select().from(C).where(eq(C.id, campaignId)).for("update");
    requireOrganizer(ctx, c);
    const proposed = await tx
      .select()
      .from(N)
      .where(and(eq(N.campaignId, c.id), eq(N.status, "proposed")))
      .orderBy(asc(N.kind), asc(N.quotaRegion), asc(N.createdAt))
      .for("update");
    if (proposed.length === 0) throw new AppError(409, "NOTHING_PROPOSED", "本活动还没有拟表彰对象，不能作出表彰决定");
    for (const [i, n] of proposed.entries()) {
      const face = await publicFace({ ...ctx, db: tx }, n);
      const certificateNo = `${input.certificatePrefix}-${String(i + 1).padStart(3, "0")}`;
      const now = ctx.clock.now();
      await tx.insert(A).values({
        campaignId: c.id,
        nominationId: n.id,
        kind: n.kind,
        honoreeName: face.label,
        honoreeUnit: face.unit,
        orgId: n.nomineeOrgId ?? n.orgId,
        regionCode: n.regionCode,
        decisionNo: input.decisionNo,
        certificateNo,
        awardedOn: input.decidedOn,
        summary: n.summary,
        publicFields: face.detail.filter((d) => d.label !== "主要事迹"),
        materialIds: n.materialIds,
        search: awardSearch(face.label, face.unit, n.summary),
        createdAt: now,
        updatedAt: now,
      });
      await nominationMachine.move(tx, ctx, n, "award", {
        summary: `${input.title}（${input.decisionNo}），证书编号 ${certificateNo}`,
        changes: { certificateNo: [null, certificateNo] },
      });
    }
    await campaignMachine.move(tx, ctx, c, "decide", {
      set: { decisionNo: input.decisionNo, decisionTitle: input.title, decidedOn: input.decidedOn },
      summary: `作出表彰决定“${input.title}”（${input.decisionNo}），表彰 ${proposed.length} 个对象`,
      changes: { decisionNo: [null, input.decisionNo], decidedOn: [null, input.decidedOn] },
    });
  });
}

const awardSelect = { a: A, campaignTitle: C.title, year: C.year };

function awardVisibleWhere(ctx: Ctx): SQL {
  const read = scopeFor(ctx.actor, "honor:read");
  if (!read) throw errors.forbidden("honor:read");
  return sql`(${regionScopeSql(read, A.regionCode) ?? sql`true`} OR ${A.orgId} = ${ctx.actor.orgId})`;
}

async function toAwards(
  db: Queryable,
  rows: { a: typeof A.$inferSelect; campaignTitle: string }[],
): Promise<AwardView[]> {
  const [kinds, names] = await Promise.all([
    dictLabels(db, HONOR_KIND_DICT),
    regionNames(db, [...new Set(rows.map((r) => r.a.regionCode))]),
  ]);
  return rows.map(({ a, campaignTitle }) => ({
    id: a.id,
    campaignId: a.campaignId,
    campaignTitle,
    kind: a.kind,
    kindLabel: kinds.get(a.kind) ?? a.kind,
    honoreeName: a.honoreeName,
    honoreeUnit: a.honoreeUnit,
    orgId: a.orgId,
    regionCode: a.regionCode,
    regionName: names.get(a.regionCode) ?? a.regionCode,
    decisionNo: a.decisionNo,
    certificateNo: a.certificateNo,
    awardedOn: a.awardedOn,
    status: a.status,
    revokedReason: a.revokedReason,
    revokedDocNo: a.revokedDocNo,
  }));
}

/** The register: honors within the caller's read scope and its own organization's (its organization page). */
type AwardFilter = {
  q?: string;
  campaignId?: string;
  orgId?: string;
  status?: "active" | "revoked";
  regionCode?: string;
};

function awardListWhere(ctx: Ctx, q: AwardFilter) {
  return and(
    awardVisibleWhere(ctx),
    q.campaignId ? eq(A.campaignId, q.campaignId) : undefined,
    q.orgId ? eq(A.orgId, q.orgId) : undefined,
    q.status ? eq(A.status, q.status) : undefined,
    q.regionCode ? regionTreeWhere(A.regionCode, q.regionCode) : undefined,
    q.q ? searchQuery(A.search, q.q) : undefined,
  );
}

/** The register's rows of a query counted by the honor's region code (the leaders' dashboard, insights). */
export async function awardCountsByRegion(ctx: Ctx, q: AwardFilter): Promise<{ regionCode: string; n: number }[]> {
  const rows = await readDb(ctx)
    .select({ regionCode: A.regionCode, n: sql<number>`count(*)::int` })
    .from(A)
    .where(awardListWhere(ctx, q))
    .groupBy(A.regionCode);
  return rows.map((r) => ({ regionCode: r.regionCode, n: Number(r.n) }));
}

export async function listAwards(ctx: Ctx, q: { page: number; pageSize: number } & AwardFilter) {
  const where = awardListWhere(ctx, q);
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select(awardSelect)
      .from(A)
      .innerJoin(C, eq(C.id, A.campaignId))
      .where(where)
      .orderBy(desc(A.awardedOn), asc(A.certificateNo))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: sql<number>`count(*)::int` }).from(A).where(where),
  ]);
  return { items: await toAwards(ctx.db, rows), total, page: q.page, pageSize: q.pageSize };
}

export async function revokeAward(ctx: Ctx, id: string, input: { reason: string; docNo: string }) {
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select(awardSelect)
      .from(A)
      .innerJoin(C, eq(C.id, A.campaignId))
      .where(and(eq(A.id, id), awardVisibleWhere(ctx)));
    if (!row) throw errors.notFound("honor_award");
    const [c] = await tx.select().from(C).where(eq(C.id, row.a.campaignId));
    requireOrganizer(ctx, c);
    const [a] = await tx.select().from(A).where(eq(A.id, id)).for("update");
    await awardMachine.move(tx, ctx, a, "revoke", {
      set: { revokedReason: input.reason, revokedDocNo: input.docNo, revokedAt: ctx.clock.now() },
      summary: `撤销“${a.honoreeName}”的荣誉（${input.docNo}）：${input.reason}`,
      changes: { revokedReason: [null, input.reason], revokedDocNo: [null, input.docNo] },
    });
  });
  const [row] = await ctx.db.select(awardSelect).from(A).innerJoin(C, eq(C.id, A.campaignId)).where(eq(A.id, id));
  return (await toAwards(ctx.db, [row]))[0];
}

/** The public deeds library: active honors, public summary and consented fields only. */
export async function listDeeds(
  deps: Deps,
  q: { page: number; pageSize: number; q?: string; regionCode?: string; year?: number; kind?: string },
) {
  const where = and(
    eq(A.status, "active"),
    q.regionCode ? regionTreeWhere(A.regionCode, q.regionCode) : undefined,
    q.year ? eq(C.year, q.year) : undefined,
    q.kind ? eq(A.kind, q.kind) : undefined,
    q.q ? searchQuery(A.search, q.q) : undefined,
  );
  const [rows, [{ total }]] = await Promise.all([
    deps.db
      .select(awardSelect)
      .from(A)
      .innerJoin(C, eq(C.id, A.campaignId))
      .where(where)
      .orderBy(desc(A.awardedOn), asc(A.certificateNo))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    deps.db.select({ total: sql<number>`count(*)::int` }).from(A).innerJoin(C, eq(C.id, A.campaignId)).where(where),
  ]);
  const [kinds, names] = await Promise.all([
    dictLabels(deps.db, HONOR_KIND_DICT),
    regionNames(deps.db, [...new Set(rows.map((r) => r.a.regionCode))]),
  ]);
  return {
    items: rows.map(({ a, campaignTitle, year }) => ({
      id: a.id,
      campaignTitle,
      year,
      kindLabel: kinds.get(a.kind) ?? a.kind,
      honoreeName: a.honoreeName,
      honoreeUnit: a.honoreeUnit,
      regionName: names.get(a.regionCode) ?? "",
      awardedOn: a.awardedOn,
      summary: a.summary,
      fields: a.publicFields,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** The deeds library's filters: the kinds, the 旗县 (six-digit regions) and the years that hold active honors. */
export async function deedFacets(deps: Deps) {
  const county = sql<string>`substr(${A.regionCode}, 1, 6)`;
  const [regions, years, kinds] = await Promise.all([
    deps.db.selectDistinct({ code: county }).from(A).where(eq(A.status, "active")).orderBy(county),
    deps.db
      .selectDistinct({ year: C.year })
      .from(A)
      .innerJoin(C, eq(C.id, A.campaignId))
      .where(eq(A.status, "active"))
      .orderBy(desc(C.year)),
    dictLabels(deps.db, HONOR_KIND_DICT),
  ]);
  const names = await regionNames(
    deps.db,
    regions.map((r) => r.code),
  );
  return {
    kinds: [...kinds].map(([code, label]) => ({ code, label })),
    regions: regions.map((r) => ({ code: r.code, name: names.get(r.code) ?? "" })),
    years: years.map((y) => y.year),
  };
}
