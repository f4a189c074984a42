/**
 * Activity records: 草稿 → 已提交 → 已确认 (by the supervising department; at once when the submitter confirms at
 * that level itself) or 已退回 with a reason, then edited and submitted again. A submitted or confirmed record is
 * corrected with a reason; every change keeps the previous content in activity_revisions (never a silent
 * overwrite) and goes back to 已提交 unless the corrector confirms at that level.
 */
import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import {
  ACTIVITY_STATUS_LABELS,
  type ActivityInput,
  type ActivityListQuery,
  type ActivityStatus,
  type ActivitySummary,
  type ActivityView,
  type PhotoFlag,
} from "../../../contracts/activities.js";
import { type Ctx, readDb } from "../../core/context.js";
import { dictLabelSql, dictLabels, requireDictCode } from "../../core/dict.js";
import { errors } from "../../core/errors.js";
import { paged, pageResult, sortTerm } from "../../core/paging.js";
import { backfillSearch, searchQuery, searchText } from "../../core/search.js";
import { defineMachine } from "../../core/state-machine.js";
import type { Queryable, Tx } from "../../db/client.js";
import { diff, recordAudit } from "../audit/index.js";
import { userNameSql } from "../identity/index.js";
import { assertMaterialsUsable, materialRefs } from "../materials/index.js";
import { orgBriefs, orgById, orgNameSql, regionExists, regionNameSql } from "../org/index.js";
import { ACTIVITY_DOMAIN_DICT, ACTIVITY_TYPE_DICT, PARTICIPANT_GROUP_DICT } from "./activities.dicts.js";
import { activityRecords, activityRevisions } from "./activities.schema.js";
import {
  type ActivityRow,
  confirmQueueWhere,
  loadRecord,
  mayConfirm,
  mayRecordFor,
  recordVisibleWhere,
  requireConfirmer,
  requireEditor,
  selfConfirms,
} from "./activities-access.js";
import { assertPairUsable } from "./pair.service.js";
import { photoFlags, writePhotoPrints } from "./photo-integrity.js";

export const activityMachine = defineMachine({
  entity: "activity",
  auditPrefix: "activity",
  table: activityRecords,
  labels: ACTIVITY_STATUS_LABELS,
  audit: recordAudit,
  scope: (r) => ({ regionCode: r.regionCode, orgId: r.orgId }),
  transitions: {
    update: { from: ["draft", "returned"], to: [], label: "修改活动" },
    submit: { from: ["draft", "returned"], to: ["submitted", "confirmed"], label: "提交活动" },
    confirm: { from: ["submitted"], to: ["confirmed"], label: "确认活动" },
    return: { from: ["submitted"], to: ["returned"], label: "退回活动" },
    correct: { from: ["submitted", "confirmed"], to: ["submitted", "confirmed"], label: "更正活动" },
  },
});

export function activitySearch(r: { title: string; summary?: string | null; address?: string | null }) {
  return searchText(r.title, r.summary ?? null, r.address ?? null);
}

/** The content of a record as a revision keeps it and the audit compares it. */
function contentOf(r: Omit<ActivityRow, "search">) {
  return {
    typeCode: r.typeCode,
    domainCode: r.domainCode,
    title: r.title,
    startDate: r.startDate,
    endDate: r.endDate,
    regionCode: r.regionCode,
    address: r.address,
    orgId: r.orgId,
    coOrgIds: r.coOrgIds,
    participants: r.participants,
    summary: r.summary,
    photoIds: r.photoIds,
    fileIds: r.fileIds,
    mediaLinks: r.mediaLinks,
    planNodeId: r.planNodeId,
    pairId: r.pairId,
    isPublic: r.isPublic,
  };
}

/** Checks the input against dictionaries, scope and materials; the columns to write and the photos to fingerprint. */
async function prepare(ctx: Ctx, tx: Tx, input: ActivityInput) {
  const orgId = input.orgId ?? ctx.actor.orgId;
  const org = await orgById(tx, orgId);
  if (org?.status !== "active" || !mayRecordFor(ctx, org)) throw errors.field("orgId", "activities.org_not_in_scope");
  if (!(await regionExists(tx, input.regionCode)))
    throw errors.field("regionCode", "activities.region_unknown", { code: input.regionCode });
  await requireDictCode(tx, ACTIVITY_TYPE_DICT, input.typeCode, "typeCode");
  await requireDictCode(tx, ACTIVITY_DOMAIN_DICT, input.domainCode, "domainCode");
  for (const g of Object.keys(input.participants)) await requireDictCode(tx, PARTICIPANT_GROUP_DICT, g, "participants");
  const coOrgIds = [...new Set(input.coOrgIds)].filter((id) => id !== orgId);
  const co = await orgBriefs(tx, coOrgIds);
  if (co.size !== coOrgIds.length) throw errors.field("coOrgIds", "errors.not_found", { entity: "协办单位" });
  const photos = await assertMaterialsUsable(ctx, input.photoIds, "photoIds", tx);
  for (const p of photos)
    if (!p.mimeType.startsWith("image/"))
      throw errors.field("photoIds", "activities.photo_not_image", { title: p.title });
  await assertMaterialsUsable(ctx, input.fileIds, "fileIds", tx);
  if (input.pairId) await assertPairUsable(ctx, input.pairId, tx);
  const participants = Object.fromEntries(Object.entries(input.participants).filter(([, n]) => n > 0));
  const values = {
    typeCode: input.typeCode,
    domainCode: input.domainCode,
    title: input.title,
    startDate: input.startDate,
    endDate: input.endDate,
    regionCode: input.regionCode,
    address: input.address ?? null,
    orgId,
    coOrgIds,
    participants,
    participantTotal: Object.values(participants).reduce((a, b) => a + b, 0),
    summary: input.summary ?? null,
    photoIds: [...new Set(input.photoIds)],
    fileIds: [...new Set(input.fileIds)],
    mediaLinks: input.mediaLinks,
    planNodeId: input.planNodeId ?? null,
    pairId: input.pairId ?? null,
    isPublic: input.isPublic,
    search: activitySearch(input),
  };
  const ordered = values.photoIds.map((id) => photos.find((p) => p.id === id)).filter((p) => !!p);
  return { values, photos: ordered, org };
}

async function saveRevision(ctx: Ctx, tx: Tx, row: ActivityRow, reason: string | null) {
  await tx.insert(activityRevisions).values({
    activityId: row.id,
    revision: row.revision,
    content: contentOf(row),
    reason,
    changedBy: ctx.actor.userId,
    changedAt: ctx.clock.now(),
  });
}

export async function createActivity(ctx: Ctx, input: ActivityInput): Promise<ActivityView> {
  const id = await ctx.db.transaction(async (tx) => {
    const { values, photos, org } = await prepare(ctx, tx, input);
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(activityRecords)
      .values({ ...values, status: "draft", createdBy: ctx.actor.userId, createdAt: now, updatedAt: now })
      .returning();
    await writePhotoPrints(ctx, tx, row.id, org.id, photos);
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "activity.create",
      entity: "activity",
      entityId: row.id,
      regionCode: row.regionCode,
      orgId: row.orgId,
      summary: `登记活动“${row.title}”（${org.name}）`,
      changes: diff(null, contentOf(row)),
    });
    return row.id;
  });
  return getActivity(ctx, id);
}

/** Saves a draft or returned record (the status stays); the previous content is kept as a revision. */
export async function updateActivity(ctx: Ctx, id: string, input: ActivityInput): Promise<ActivityView> {
  await ctx.db.transaction(async (tx) => {
    const row = await loadRecord(ctx, id, tx);
    activityMachine.assert(row.status, "update");
    requireEditor(ctx, await orgOf(tx, row.orgId));
    const { values, photos, org } = await prepare(ctx, tx, input);
    await saveRevision(ctx, tx, row, null);
    const after = await activityMachine.move(tx, ctx, row, "update", {
      set: { ...values, revision: row.revision + 1 },
      summary: `修改活动“${values.title}”`,
      changes: diff(contentOf(row), contentOf({ ...row, ...values })),
    });
    await writePhotoPrints(ctx, tx, id, org.id, photos);
    return after;
  });
  return getActivity(ctx, id);
}

/** Corrects a submitted or confirmed record with a reason: back to 已提交 unless the caller confirms at that level. */
export async function correctActivity(ctx: Ctx, id: string, input: ActivityInput, reason: string) {
  await ctx.db.transaction(async (tx) => {
    const row = await loadRecord(ctx, id, tx);
    activityMachine.assert(row.status, "correct");
    requireEditor(ctx, await orgOf(tx, row.orgId));
    const { values, photos, org } = await prepare(ctx, tx, input);
    await saveRevision(ctx, tx, row, reason);
    const to = selfConfirms(ctx, values) ? "confirmed" : "submitted";
    await activityMachine.move(tx, ctx, row, "correct", {
      to,
      set: {
        ...values,
        revision: row.revision + 1,
        ...(to === "submitted" ? { confirmedBy: null, confirmedAt: null } : {}),
      },
      summary: `更正活动“${values.title}”：${reason}`,
      changes: { ...diff(contentOf(row), contentOf({ ...row, ...values })), reason: [null, reason] },
    });
    await writePhotoPrints(ctx, tx, id, org.id, photos);
  });
  return getActivity(ctx, id);
}

export async function submitActivity(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    const row = await loadRecord(ctx, id, tx);
    activityMachine.assert(row.status, "submit");
    requireEditor(ctx, await orgOf(tx, row.orgId));
    const to = selfConfirms(ctx, row) ? "confirmed" : "submitted";
    const now = ctx.clock.now();
    await activityMachine.move(tx, ctx, row, "submit", {
      to,
      set: {
        returnReason: null,
        ...(to === "confirmed" ? { confirmedBy: ctx.actor.userId, confirmedAt: now } : {}),
      },
      summary: to === "confirmed" ? `提交活动“${row.title}”（本级登记，直接确认）` : `提交活动“${row.title}”`,
    });
  });
  return getActivity(ctx, id);
}

export async function confirmActivity(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    const row = await loadRecord(ctx, id, tx);
    activityMachine.assert(row.status, "confirm");
    requireConfirmer(ctx, row);
    await activityMachine.move(tx, ctx, row, "confirm", {
      set: { confirmedBy: ctx.actor.userId, confirmedAt: ctx.clock.now() },
      summary: `确认活动“${row.title}”`,
    });
  });
  return getActivity(ctx, id);
}

export async function returnActivity(ctx: Ctx, id: string, reason: string) {
  await ctx.db.transaction(async (tx) => {
    const row = await loadRecord(ctx, id, tx);
    activityMachine.assert(row.status, "return");
    requireConfirmer(ctx, row);
    await activityMachine.move(tx, ctx, row, "return", {
      set: { returnReason: reason },
      summary: `退回活动“${row.title}”：${reason}`,
      changes: { returnReason: [row.returnReason, reason] },
    });
  });
  return getActivity(ctx, id);
}

async function orgOf(db: Queryable, orgId: string) {
  const org = await orgById(db, orgId);
  if (!org) throw errors.notFound("org");
  return org;
}

const listSelect = {
  r: activityRecords,
  typeLabel: dictLabelSql(ACTIVITY_TYPE_DICT, activityRecords.typeCode),
  domainLabel: dictLabelSql(ACTIVITY_DOMAIN_DICT, activityRecords.domainCode),
  orgName: orgNameSql(activityRecords.orgId),
  regionName: regionNameSql(activityRecords.regionCode),
};
type ListRow = { r: ActivityRow; typeLabel: string; domainLabel: string; orgName: string; regionName: string | null };

function toSummary(x: ListRow, flagCount: number): ActivitySummary {
  const r = x.r;
  return {
    id: r.id,
    typeCode: r.typeCode,
    typeLabel: x.typeLabel,
    domainCode: r.domainCode,
    domainLabel: x.domainLabel,
    title: r.title,
    startDate: r.startDate,
    endDate: r.endDate,
    regionCode: r.regionCode,
    regionName: x.regionName ?? "",
    orgId: r.orgId,
    orgName: x.orgName ?? "",
    participantTotal: r.participantTotal,
    status: r.status as ActivityStatus,
    isPublic: r.isPublic,
    photoCount: r.photoIds.length,
    flagCount,
    updatedAt: r.updatedAt.toISOString(),
  };
}

const SORTS = {
  startDate: activityRecords.startDate,
  title: activityRecords.title,
  participantTotal: activityRecords.participantTotal,
  updatedAt: activityRecords.updatedAt,
};

/** The filters of a list query (shared with the .xlsx export). */
export function listWhere(ctx: Ctx, q: Omit<ActivityListQuery, "page" | "pageSize">): SQL {
  const conds: (SQL | undefined)[] = [q.queue ? confirmQueueWhere(ctx) : recordVisibleWhere(ctx)];
  if (q.status) conds.push(eq(activityRecords.status, q.status));
  if (q.typeCode) conds.push(eq(activityRecords.typeCode, q.typeCode));
  if (q.domainCode) conds.push(eq(activityRecords.domainCode, q.domainCode));
  if (q.orgId) conds.push(eq(activityRecords.orgId, q.orgId));
  if (q.pairId) conds.push(eq(activityRecords.pairId, q.pairId));
  if (q.regionCode)
    conds.push(sql`${activityRecords.regionCode} between ${q.regionCode} and ${q.regionCode.padEnd(12, "9")}`);
  if (q.from) conds.push(sql`${activityRecords.endDate} >= ${q.from}`);
  if (q.to) conds.push(sql`${activityRecords.startDate} <= ${q.to}`);
  if (q.year) conds.push(sql`${activityRecords.startDate} between ${`${q.year}-01-01`} and ${`${q.year}-12-31`}`);
  if (q.startFrom) conds.push(sql`${activityRecords.startDate} >= ${q.startFrom}`);
  if (q.startTo) conds.push(sql`${activityRecords.startDate} <= ${q.startTo}`);
  if (q.q) conds.push(searchQuery(activityRecords.search, q.q));
  return and(...conds) as SQL;
}

/**
 * The list's rows of a query counted by the place's region code, or by the month the activity started (YYYY-MM):
 * the leaders' dashboard (insights) sums them, so its figure equals the list's total with the same filters.
 */
export async function activityCounts(
  ctx: Ctx,
  q: Omit<ActivityListQuery, "page" | "pageSize">,
  by: "region" | "month",
): Promise<{ key: string; n: number }[]> {
  const key =
    by === "region"
      ? sql<string>`${activityRecords.regionCode}`
      : sql<string>`to_char(${activityRecords.startDate}, 'YYYY-MM')`;
  const rows = await readDb(ctx)
    .select({ key, n: sql<number>`count(*)::int` })
    .from(activityRecords)
    .where(listWhere(ctx, q))
    .groupBy(sql`1`);
  return rows.map((r) => ({ key: String(r.key), n: Number(r.n) }));
}

export async function listActivities(ctx: Ctx, q: ActivityListQuery) {
  const where = listWhere(ctx, q);
  const order = sortTerm(SORTS, q.sort) ?? desc(activityRecords.startDate);
  const [rows, [{ total }]] = await Promise.all([
    paged(ctx.db.select(listSelect).from(activityRecords).where(where).orderBy(order, asc(activityRecords.id)), q),
    ctx.db.select({ total: sql<number>`count(*)::int` }).from(activityRecords).where(where),
  ]);
  const flags = await photoFlags(
    ctx.db,
    rows.map((x) => x.r),
  );
  return pageResult(
    rows.map((x) => toSummary(x, flags.get(x.r.id)?.length ?? 0)),
    total,
    q,
  );
}

/** Rows for the .xlsx export (at most 20,000). */
export async function exportRows(ctx: Ctx, q: Omit<ActivityListQuery, "page" | "pageSize"> & { ids?: string[] }) {
  const rows = await ctx.db
    .select(listSelect)
    .from(activityRecords)
    .where(and(listWhere(ctx, q), q.ids ? inArray(activityRecords.id, q.ids) : undefined))
    .orderBy(desc(activityRecords.startDate), asc(activityRecords.id))
    .limit(20_000);
  return rows.map((x) => toSummary(x, 0));
}

export async function getActivity(ctx: Ctx, id: string): Promise<ActivityView> {
  return activityViewOf(ctx, await loadRecord(ctx, id));
}

/**
 * The full view of a loaded record. `asEvidence`: opened through another module's object that cites it (a
 * progress report), so no actions and no integrity flags (those are the reviewer's).
 */
export async function activityViewOf(ctx: Ctx, row: ActivityRow, asEvidence = false): Promise<ActivityView> {
  const [x] = await ctx.db
    .select({
      ...listSelect,
      confirmedByName: sql<
        string | null
      >`case when ${activityRecords.confirmedBy} is null then null else ${userNameSql(activityRecords.confirmedBy)} end`,
    })
    .from(activityRecords)
    .where(eq(activityRecords.id, row.id));
  const [co, groups, photos, files, flags] = await Promise.all([
    orgBriefs(ctx.db, row.coOrgIds),
    dictLabels(ctx.db, PARTICIPANT_GROUP_DICT),
    materialRefs(ctx.db, row.photoIds),
    materialRefs(ctx.db, row.fileIds),
    asEvidence ? new Map<string, PhotoFlag[]>() : photoFlags(ctx.db, [row]),
  ]);
  const recordOrg = await orgById(ctx.db, row.orgId);
  const editor = !asEvidence && !!recordOrg && mayRecordFor(ctx, recordOrg);
  const actions: ActivityView["actions"] = [];
  if (editor && activityMachine.can(row.status, "update")) actions.push("update", "submit");
  if (editor && activityMachine.can(row.status, "correct")) actions.push("correct");
  if (!asEvidence && row.status === "submitted" && mayConfirm(ctx, row)) actions.push("confirm", "return");
  const f = flags.get(row.id) ?? [];
  return {
    ...toSummary(x, f.length),
    address: row.address,
    coOrgs: row.coOrgIds.map((id) => ({ id, name: co.get(id)?.name ?? "" })),
    participants: Object.entries(row.participants).map(([code, count]) => ({
      code,
      label: groups.get(code) ?? code,
      count,
    })),
    summary: row.summary,
    photos: photos.map((p) => ({ id: p.id, title: p.title, fileName: p.fileName, mimeType: p.mimeType })),
    files: files.map((p) => ({ id: p.id, title: p.title, fileName: p.fileName, mimeType: p.mimeType })),
    mediaLinks: row.mediaLinks,
    planNodeId: row.planNodeId,
    pairId: row.pairId,
    returnReason: row.returnReason,
    confirmedAt: row.confirmedAt?.toISOString() ?? null,
    confirmedByName: x.confirmedByName,
    revision: row.revision,
    flags: f,
    actions,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The previous contents of a record, newest first. */
export async function listRevisions(ctx: Ctx, id: string) {
  await loadRecord(ctx, id);
  const rows = await ctx.db
    .select({
      revision: activityRevisions.revision,
      reason: activityRevisions.reason,
      changedByName: userNameSql(activityRevisions.changedBy),
      changedAt: activityRevisions.changedAt,
      content: activityRevisions.content,
    })
    .from(activityRevisions)
    .where(eq(activityRevisions.activityId, id))
    .orderBy(desc(activityRevisions.revision));
  return rows.map((r) => ({ ...r, changedByName: r.changedByName ?? "", changedAt: r.changedAt.toISOString() }));
}

/** A referenced photo or file of a record the caller reads, or 404. */
export async function referencesMaterial(ctx: Ctx, id: string, materialId: string) {
  const row = await loadRecord(ctx, id);
  if (!row.photoIds.includes(materialId) && !row.fileIds.includes(materialId)) throw errors.notFound("material");
  return row;
}

export function backfillActivitySearch(db: Queryable) {
  return backfillSearch(db, {
    table: activityRecords,
    id: activityRecords.id,
    search: activityRecords.search,
    texts: [activityRecords.title, activityRecords.summary, activityRecords.address],
  });
}
