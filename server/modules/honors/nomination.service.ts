/**
 * 推荐 (nominations) and their state machine, 两审三公示:
 *
 *   草稿 ─一公示(单位)─▶ 单位公示中 ─报送─▶ 待初审 ─初审通过─▶ 初审通过 ─二公示(旗县)─▶ 初审公示中 ─上报(名额)─▶
 *   待复审 ─复审通过(评审委员会)─▶ 复审通过 ─三公示(组织部门)─▶ 拟表彰公示中 ─确定拟表彰─▶ 拟表彰 ─表彰决定─▶ 已表彰
 *
 * with 退回 (初审/复审, with reason; the unit edits and publishes again), 撤回 (the unit) and 因异议撤销 (an upheld
 * objection, from any 公示 stage). Personal fields of an individual are SM4-encrypted; lists show them masked; a
 * reveal is its own route with a reason, audited. Sensitive items (民族, 政治面貌) are asked only where the
 * campaign's form lists them and published only with the nominee's recorded consent.
 */
import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import {
  GENDER_LABELS,
  HONOR_KIND_DICT,
  NOMINATION_STATUS_LABELS,
  type NominationCreate,
  type NominationUpdate,
  type NominationView,
  QUOTA_HOLDING,
  SENSITIVE_FIELD_LABELS,
  type SensitiveField,
} from "../../../contracts/honors.js";
import type { Ctx } from "../../core/context.js";
import { maskName } from "../../core/crypto.js";
import { dictLabels, requireDictCode } from "../../core/dict.js";
import { AppError, errors } from "../../core/errors.js";
import { pageResult, sortTerm } from "../../core/paging.js";
import { searchQuery } from "../../core/search.js";
import { defineMachine } from "../../core/state-machine.js";
import type { Queryable } from "../../db/client.js";
import { recordAudit } from "../audit/index.js";
import { userNameSql } from "../identity/index.js";
import { assertMaterialsUsable } from "../materials/index.js";
import { orgById, orgNameSql, regionNames } from "../org/index.js";
import { takeQuotaPlace } from "./campaign.service.js";
import { honorCampaigns as C, honorNominations as N, honorQuotas as Q, honorReviews as R } from "./honors.schema.js";
import { nominationSearch } from "./honors.search.js";
import {
  type CampaignRow,
  loadCampaign,
  loadNomination,
  lockNomination,
  type NominationRow,
  nominationVisibleWhere,
  requireUnit,
} from "./honors-access.js";

export const nominationMachine = defineMachine({
  entity: "honor_nomination",
  auditPrefix: "honor_nomination",
  table: N,
  labels: NOMINATION_STATUS_LABELS,
  audit: recordAudit,
  scope: (n) => ({ regionCode: n.regionCode, orgId: n.orgId }),
  transitions: {
    update: { from: ["draft", "returned"], to: [], label: "修改推荐" },
    publish_unit: { from: ["draft", "returned"], to: ["notice1"], label: "单位公示" },
    submit: { from: ["notice1"], to: ["county_review"], label: "报送初审" },
    county_approve: { from: ["county_review"], to: ["county_passed"], label: "初审通过" },
    county_return: { from: ["county_review", "county_passed"], to: ["returned"], label: "初审退回" },
    publish_county: { from: ["county_passed"], to: ["notice2"], label: "初审公示" },
    forward: { from: ["notice2"], to: ["final_review"], label: "上报复审" },
    review: { from: ["final_review"], to: [], label: "评审打分" },
    final_approve: { from: ["final_review"], to: ["final_passed"], label: "复审通过" },
    final_return: { from: ["final_review", "final_passed"], to: ["returned"], label: "复审退回" },
    publish_final: { from: ["final_passed"], to: ["notice3"], label: "拟表彰公示" },
    propose: { from: ["notice3"], to: ["proposed"], label: "确定拟表彰" },
    award: { from: ["proposed"], to: ["awarded"], label: "表彰" },
    withdraw: { from: ["draft", "returned", "notice1", "county_review"], to: ["withdrawn"], label: "撤回推荐" },
    remove: {
      from: [
        "notice1",
        "county_review",
        "county_passed",
        "notice2",
        "final_review",
        "final_passed",
        "notice3",
        "proposed",
      ],
      to: ["removed"],
      label: "因异议撤销",
    },
  },
});

type Sensitive = Partial<Record<SensitiveField, string>>;
export type Person = { name: string; gender: "male" | "female"; position: string; unit: string };

export function personOf(ctx: Pick<Ctx, "cipher">, n: NominationRow): Person | null {
  if (!n.nameEnc) return null;
  const dec = (v: string | null) => (v ? ctx.cipher.decrypt(v) : "");
  return {
    name: dec(n.nameEnc),
    gender: dec(n.genderEnc) as Person["gender"],
    position: dec(n.positionEnc),
    unit: dec(n.unitEnc),
  };
}
export function sensitiveOf(ctx: Pick<Ctx, "cipher">, n: NominationRow): Sensitive {
  return n.sensitiveEnc ? (JSON.parse(ctx.cipher.decrypt(n.sensitiveEnc)) as Sensitive) : {};
}

/**
 * What the public may see of a nomination (on a notice, in the deeds library): the nominee, the public summary,
 * and the sensitive items only with the recorded consent.
 */
export async function publicFace(ctx: Pick<Ctx, "cipher" | "db">, n: NominationRow) {
  const person = personOf(ctx, n);
  const [kinds, nominee, unit] = await Promise.all([
    dictLabels(ctx.db, HONOR_KIND_DICT),
    n.nomineeOrgId ? orgById(ctx.db, n.nomineeOrgId) : null,
    orgById(ctx.db, n.orgId),
  ]);
  const detail: { label: string; value: string }[] = [{ label: "类别", value: kinds.get(n.kind) ?? n.kind }];
  if (person) {
    detail.push({ label: "性别", value: GENDER_LABELS[person.gender] ?? "" });
    detail.push({ label: "职务", value: person.position });
    detail.push({ label: "工作单位", value: person.unit });
    if (n.consentPublish)
      for (const [k, v] of Object.entries(sensitiveOf(ctx, n)))
        if (v) detail.push({ label: SENSITIVE_FIELD_LABELS[k as SensitiveField], value: v });
  }
  detail.push({ label: "推荐单位", value: unit?.name ?? "" });
  detail.push({ label: "主要事迹", value: n.summary });
  return {
    label: person ? person.name : (nominee?.name ?? ""),
    unit: person ? person.unit : (nominee?.name ?? ""),
    detail,
  };
}

const listSelect = {
  n: N,
  campaignTitle: C.title,
  orgName: orgNameSql(N.orgId),
  nomineeOrgName: orgNameSql(N.nomineeOrgId),
  reviewCount: sql<number>`(select count(*)::int from ${R} r where r.nomination_id = honor_nominations.id)`,
  averageScore: sql<
    number | null
  >`(select avg(r.score)::float from ${R} r where r.nomination_id = honor_nominations.id)`,
  agree: sql<number>`(select count(*)::int from ${R} r where r.nomination_id = honor_nominations.id and r.vote = 'agree')`,
  disagree: sql<number>`(select count(*)::int from ${R} r where r.nomination_id = honor_nominations.id and r.vote = 'disagree')`,
  abstain: sql<number>`(select count(*)::int from ${R} r where r.nomination_id = honor_nominations.id and r.vote = 'abstain')`,
};
type ListRow = {
  n: NominationRow;
  campaignTitle: string;
  orgName: string;
  nomineeOrgName: string | null;
  reviewCount: number;
  averageScore: number | null;
  agree: number;
  disagree: number;
  abstain: number;
};

async function toViews(ctx: Ctx, rows: ListRow[]): Promise<NominationView[]> {
  const [kinds, names, campaigns] = await Promise.all([
    dictLabels(ctx.db, HONOR_KIND_DICT),
    regionNames(ctx.db, [...new Set(rows.map((r) => r.n.quotaRegion))]),
    rows.length
      ? ctx.db
          .select({ id: C.id, formFields: C.formFields })
          .from(C)
          .where(inArray(C.id, [...new Set(rows.map((r) => r.n.campaignId))]))
      : Promise.resolve([]),
  ]);
  const fieldsOf = new Map(campaigns.map((c) => [c.id, c.formFields as SensitiveField[]]));
  return rows.map(({ n, ...r }) => {
    const person = personOf(ctx, n);
    return {
      id: n.id,
      campaignId: n.campaignId,
      campaignTitle: r.campaignTitle,
      kind: n.kind,
      kindLabel: kinds.get(n.kind) ?? n.kind,
      orgId: n.orgId,
      orgName: r.orgName,
      regionCode: n.regionCode,
      quotaRegion: n.quotaRegion,
      quotaRegionName: names.get(n.quotaRegion) ?? n.quotaRegion,
      nomineeOrgId: n.nomineeOrgId,
      nomineeName: person ? (maskName(person.name) ?? "") : (r.nomineeOrgName ?? ""),
      genderLabel: person ? GENDER_LABELS[person.gender] : null,
      positionMasked: person ? `${[...person.position].slice(0, 1).join("")}***` : null,
      unitName: person ? person.unit : null,
      consentPublish: n.consentPublish,
      sensitiveAsked: fieldsOf.get(n.campaignId) ?? [],
      summary: n.summary,
      status: n.status,
      statusReason: n.statusReason,
      noticeId: n.noticeId,
      reviewCount: Number(r.reviewCount),
      averageScore: r.averageScore === null ? null : Math.round(Number(r.averageScore) * 10) / 10,
      votes: { agree: Number(r.agree), disagree: Number(r.disagree), abstain: Number(r.abstain) },
      createdAt: n.createdAt.toISOString(),
      updatedAt: n.updatedAt.toISOString(),
    };
  });
}

export type NominationListQuery = {
  page: number;
  pageSize: number;
  q?: string;
  campaignId?: string;
  status?: NominationRow["status"];
  kind?: string;
  regionCode?: string;
  sort?: string;
};

export function nominationListWhere(ctx: Ctx, q: NominationListQuery & { ids?: string[] }): SQL | undefined {
  return and(
    nominationVisibleWhere(ctx),
    q.ids ? inArray(N.id, q.ids) : undefined,
    q.campaignId ? eq(N.campaignId, q.campaignId) : undefined,
    q.status ? eq(N.status, q.status) : undefined,
    q.kind ? eq(N.kind, q.kind) : undefined,
    q.regionCode ? sql`${N.regionCode} between ${q.regionCode} and ${q.regionCode.padEnd(12, "9")}` : undefined,
    q.q ? searchQuery(N.search, q.q) : undefined,
  );
}

export async function listNominations(ctx: Ctx, q: NominationListQuery & { ids?: string[] }) {
  const where = nominationListWhere(ctx, q);
  const order = sortTerm({ createdAt: N.createdAt, status: N.status }, q.sort) ?? desc(N.createdAt);
  // The page is chosen on the narrow columns only (the rows carry encrypted fields, the deeds and the search
  // vector, ~1.7 kB each: sorting a campaign's thousands of them whole costs more than the page), then read in full.
  const [page, [{ total }]] = await Promise.all([
    ctx.db
      .select({ id: N.id })
      .from(N)
      .where(where)
      .orderBy(order, asc(N.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: sql<number>`count(*)::int` }).from(N).where(where),
  ]);
  const rows = page.length
    ? await ctx.db
        .select(listSelect)
        .from(N)
        .innerJoin(C, eq(C.id, N.campaignId))
        .where(
          inArray(
            N.id,
            page.map((r) => r.id),
          ),
        )
        .orderBy(order, asc(N.id))
    : [];
  return pageResult(await toViews(ctx, rows), total, q);
}

export async function getNomination(ctx: Ctx, id: string) {
  await loadNomination(ctx, id);
  const rows = await ctx.db.select(listSelect).from(N).innerJoin(C, eq(C.id, N.campaignId)).where(eq(N.id, id));
  const [view] = await toViews(ctx, rows);
  const reviews = await ctx.db
    .select({ reviewerName: userNameSql(R.reviewerId), score: R.score, vote: R.vote, comment: R.comment })
    .from(R)
    .where(eq(R.nominationId, id))
    .orderBy(asc(R.createdAt));
  return {
    ...view,
    deeds: rows[0].n.deeds,
    materialIds: rows[0].n.materialIds,
    reviews: reviews.map((r) => ({
      ...r,
      reviewerName: r.reviewerName ?? "",
      score: r.score === null ? null : Number(r.score),
    })),
  };
}

function checkSensitive(c: CampaignRow, s: Sensitive | undefined) {
  for (const k of Object.keys(s ?? {}))
    if (!c.formFields.includes(k)) throw errors.field(`sensitive.${k}`, "honors.sensitive_not_asked");
}

/** The quota region of a unit: the campaign's lower region (one with a quota) containing the unit's region. */
async function quotaRegionOf(db: Queryable, campaignId: string, kind: string, regionCode: string) {
  const rows = await db
    .select({ regionCode: Q.regionCode })
    .from(Q)
    .where(and(eq(Q.campaignId, campaignId), eq(Q.kind, kind)));
  return rows.map((r) => r.regionCode).find((code) => regionCode.startsWith(code)) ?? null;
}

export async function createNomination(ctx: Ctx, input: NominationCreate) {
  const campaign = await loadCampaign(ctx, input.campaignId).catch(() => {
    throw errors.field("campaignId", "errors.not_found", { entity: "表彰活动" });
  });
  requireUnit(ctx, { orgId: ctx.actor.orgId });
  if (campaign.status !== "open")
    throw new AppError(409, "CAMPAIGN_NOT_OPEN", `表彰活动“${campaign.title}”不在推荐期内，不能推荐`);
  if (!campaign.kinds.includes(input.kind)) throw errors.field("kind", "honors.kind_not_in_campaign");
  await requireDictCode(ctx.db, HONOR_KIND_DICT, input.kind, "kind");
  const individual = input.kind === "individual";
  if (individual && !input.person) throw errors.field("person", "honors.person_required");
  if (!individual && !input.nomineeOrgId) throw errors.field("nomineeOrgId", "honors.org_required");
  if (!individual && input.nomineeOrgId && !(await orgById(ctx.db, input.nomineeOrgId)))
    throw errors.field("nomineeOrgId", "errors.not_found", { entity: "被推荐的集体" });
  checkSensitive(campaign, input.sensitive);
  await assertMaterialsUsable(ctx, input.materialIds, "materialIds");
  const quotaRegion = await quotaRegionOf(ctx.db, campaign.id, input.kind, ctx.actor.regionCode);
  if (!quotaRegion) throw new AppError(409, "QUOTA_NOT_ASSIGNED", "本单位所在地区未分配该类别的表彰名额，不能推荐");
  const enc = (v: string | undefined) => (v === undefined ? null : ctx.cipher.encrypt(v));
  const id = await ctx.db.transaction(async (tx) => {
    await takeQuotaPlace(tx, { campaignId: campaign.id, quotaRegion, kind: input.kind }, QUOTA_HOLDING, "推荐");
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(N)
      .values({
        campaignId: campaign.id,
        kind: input.kind,
        orgId: ctx.actor.orgId,
        regionCode: ctx.actor.regionCode,
        quotaRegion,
        nomineeOrgId: individual ? null : (input.nomineeOrgId ?? null),
        nameEnc: individual ? enc(input.person?.name) : null,
        genderEnc: individual ? enc(input.person?.gender) : null,
        positionEnc: individual ? enc(input.person?.position) : null,
        unitEnc: individual ? enc(input.person?.unit) : null,
        sensitiveEnc:
          input.sensitive && Object.keys(input.sensitive).length ? enc(JSON.stringify(input.sensitive)) : null,
        consentPublish: input.consentPublish,
        consentNote: input.consentNote ?? null,
        consentAt: input.consentPublish ? now : null,
        summary: input.summary,
        deeds: input.deeds,
        materialIds: input.materialIds,
        search: nominationSearch(input.summary),
        createdBy: ctx.actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "honor_nomination.create",
      entity: "honor_nomination",
      entityId: row.id,
      regionCode: row.regionCode,
      orgId: row.orgId,
      summary: `推荐${individual ? `个人 ${maskName(input.person?.name)}` : "集体"}参加“${campaign.title}”`,
      changes: {
        kind: [null, input.kind],
        nomineeOrgId: [null, row.nomineeOrgId],
        name: [null, individual ? "***" : null],
        consentPublish: [null, input.consentPublish],
      },
    });
    return row.id;
  });
  return getNomination(ctx, id);
}

export async function updateNomination(ctx: Ctx, id: string, input: NominationUpdate) {
  await ctx.db.transaction(async (tx) => {
    const n = await lockNomination(ctx, tx, id);
    requireUnit(ctx, n);
    const [c] = await tx.select().from(C).where(eq(C.id, n.campaignId));
    checkSensitive(c, input.sensitive);
    if (input.materialIds) await assertMaterialsUsable(ctx, input.materialIds, "materialIds", tx);
    const enc = (v: string) => ctx.cipher.encrypt(v);
    const set: Record<string, unknown> = {};
    if (input.summary !== undefined) set.summary = input.summary;
    if (input.summary !== undefined) set.search = nominationSearch(input.summary);
    if (input.deeds !== undefined) set.deeds = input.deeds;
    if (input.materialIds !== undefined) set.materialIds = input.materialIds;
    if (input.person && n.nameEnc) {
      set.nameEnc = enc(input.person.name);
      set.genderEnc = enc(input.person.gender);
      set.positionEnc = enc(input.person.position);
      set.unitEnc = enc(input.person.unit);
    }
    if (input.nomineeOrgId && n.nomineeOrgId) set.nomineeOrgId = input.nomineeOrgId;
    if (input.sensitive !== undefined) set.sensitiveEnc = enc(JSON.stringify(input.sensitive));
    if (input.consentPublish !== undefined) {
      set.consentPublish = input.consentPublish;
      set.consentAt = input.consentPublish ? ctx.clock.now() : null;
      set.consentNote = input.consentNote ?? null;
    }
    await nominationMachine.move(tx, ctx, n, "update", {
      set: set as never,
      summary: "修改推荐材料",
      changes: {
        fields: [null, Object.keys(set).filter((k) => !k.endsWith("Enc") && k !== "search")],
        consentPublish: input.consentPublish === undefined ? undefined : [n.consentPublish, input.consentPublish],
      },
    });
  });
  return getNomination(ctx, id);
}

/** One personal field in full, with the stated reason; the read is audited in the same transaction. */
export async function revealNominationField(
  ctx: Ctx,
  id: string,
  input: { field: "name" | "position" | "unit" | "sensitive"; reason: string },
) {
  return ctx.db.transaction(async (tx) => {
    const n = await loadNomination(ctx, id, tx);
    const person = personOf(ctx, n);
    if (!person) throw errors.field("field", "honors.not_individual");
    const value =
      input.field === "sensitive"
        ? Object.entries(sensitiveOf(ctx, n))
            .map(([k, v]) => `${SENSITIVE_FIELD_LABELS[k as SensitiveField]}：${v}`)
            .join("；")
        : person[input.field];
    const label = { name: "姓名", position: "职务", unit: "工作单位", sensitive: "敏感信息" }[input.field];
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "access",
      action: "honor_nomination.reveal",
      entity: "honor_nomination",
      entityId: id,
      regionCode: n.regionCode,
      orgId: n.orgId,
      summary: `查看被推荐人的完整${label}，事由：${input.reason}`,
    });
    return { field: input.field, value };
  });
}
