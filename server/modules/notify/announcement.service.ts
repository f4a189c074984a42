import { and, count, desc, eq, ilike, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { Permission } from "../../../contracts/identity.js";
import {
  ANNOUNCEMENT_AUDIENCE_LABELS,
  type AnnouncementCreate,
  type AnnouncementDetail,
  type AnnouncementListQuery,
  type AnnouncementSummary,
} from "../../../contracts/notify.js";
import { inScope, requireScope, scopeFor, scopeWhere } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import type { Queryable } from "../../db/client.js";
import { containsPattern } from "../../db/sql.js";
import { recordAudit } from "../audit/index.js";
import { countAudience, inAudience, pageAudience, userNameSql } from "../identity/index.js";
import { assertMaterialsUsable, materialRefs, readReferencedMaterialFile } from "../materials/index.js";
import { orgIsEthnicAffairsDeptSql, orgNameSql } from "../org/index.js";
import { announcementReads, announcements } from "./notify.schema.js";

const A = announcements;
const PUBLISH: Permission = "announcement:publish";
type Row = typeof A.$inferSelect;
const audienceOf = (a: Pick<Row, "regionCode" | "audience">) => ({
  prefix: a.regionCode,
  departmentsOnly: a.audience === "departments",
});

/** "This announcement is addressed to the actor": their region lies in its region, and its audience takes them. */
function addressedToMe(ctx: Ctx, actorIsDept: boolean): SQL {
  const region = ctx.actor.regionCode;
  return and(
    sql`${region} >= ${A.regionCode} and ${region} <= rpad(${A.regionCode}, 12, '9')`,
    actorIsDept ? undefined : eq(A.audience, "all"),
  ) as SQL;
}

async function actorIsDept(ctx: Ctx): Promise<boolean> {
  const r = await ctx.db.execute<{ d: boolean }>(
    sql`select ${orgIsEthnicAffairsDeptSql(sql`${ctx.actor.orgId}::uuid`)} as d`,
  );
  return !!r.rows[0]?.d;
}

const readByMe = (ctx: Ctx) =>
  sql<boolean>`exists (select 1 from ${announcementReads} where ${announcementReads.announcementId} = ${A.id} and ${announcementReads.userId} = ${ctx.actor.userId})`;

const summarySelect = (ctx: Ctx) => ({
  a: A,
  orgName: orgNameSql(A.orgId),
  publishedByName: userNameSql(A.publishedBy),
  read: readByMe(ctx),
});

function toSummary(r: { a: Row; orgName: string; publishedByName: string | null; read: boolean }): AnnouncementSummary {
  return {
    id: r.a.id,
    title: r.a.title,
    orgName: r.orgName,
    audience: r.a.audience,
    audienceLabel: ANNOUNCEMENT_AUDIENCE_LABELS[r.a.audience],
    publishedAt: r.a.publishedAt.toISOString(),
    publishedByName: r.publishedByName ?? "",
    withdrawnAt: r.a.withdrawnAt?.toISOString() ?? null,
    read: r.read,
    attachmentCount: r.a.attachmentIds.length,
  };
}

/** 内部通知: my inbox (addressed to me, not withdrawn), or those published within my scope (publishers). */
export async function listAnnouncements(ctx: Ctx, q: AnnouncementListQuery) {
  const mine = addressedToMe(ctx, await actorIsDept(ctx));
  const boxWhere =
    q.box === "managed"
      ? scopeWhere(requireScope(ctx.actor, PUBLISH), { region: A.regionCode, org: A.orgId })
      : and(mine, isNull(A.withdrawnAt));
  const where = and(
    boxWhere,
    q.q ? ilike(A.title, containsPattern(q.q)) : undefined,
    q.unread ? sql`not ${readByMe(ctx)}` : undefined,
  );
  const [rows, [{ total }], [{ unread }]] = await Promise.all([
    ctx.db
      .select(summarySelect(ctx))
      .from(A)
      .where(where)
      .orderBy(desc(A.publishedAt), desc(A.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: count() }).from(A).where(where),
    ctx.db
      .select({ unread: count() })
      .from(A)
      .where(and(mine, isNull(A.withdrawnAt), sql`not ${readByMe(ctx)}`)),
  ]);
  return { items: rows.map(toSummary), total, page: q.page, pageSize: q.pageSize, unread };
}

/** Loads an announcement the actor may see: addressed to them, or published within their publishing scope. */
async function loadVisible(ctx: Ctx, id: string) {
  const [row] = await ctx.db.select(summarySelect(ctx)).from(A).where(eq(A.id, id));
  if (!row) throw errors.notFound("announcement");
  const scope = scopeFor(ctx.actor, PUBLISH);
  const manages = !!scope && inScope(scope, { regionCode: row.a.regionCode, orgId: row.a.orgId });
  const recipient = await inAudience(ctx.db, ctx.actor.userId, audienceOf(row.a));
  if (!manages && !recipient) throw errors.notFound("announcement");
  return { row, manages, recipient };
}

/** An announcement within the actor's publishing scope (its history is for its publishers). */
export async function loadManagedAnnouncement(ctx: Ctx, id: string) {
  const { row, manages } = await loadVisible(ctx, id);
  if (!manages) throw errors.notFound("announcement");
  return row.a;
}

/** Opens an announcement; a recipient's first opening is their read receipt. */
export async function getAnnouncement(ctx: Ctx, id: string): Promise<AnnouncementDetail> {
  const { row, manages, recipient } = await loadVisible(ctx, id);
  if (recipient && !row.a.withdrawnAt) {
    await ctx.db
      .insert(announcementReads)
      .values({ announcementId: id, userId: ctx.actor.userId, readAt: ctx.clock.now() })
      .onConflictDoNothing();
    row.read = true;
  }
  const receipts = manages ? await receiptCounts(ctx.db, row.a) : null;
  return {
    ...toSummary(row),
    body: row.a.body,
    attachments: (await materialRefs(ctx.db, row.a.attachmentIds)).map((m) => ({
      id: m.id,
      title: m.title,
      fileName: m.fileName,
      mimeType: m.mimeType,
    })),
    withdrawReason: row.a.withdrawReason,
    receipts,
    canWithdraw: manages && !row.a.withdrawnAt,
  };
}

async function receiptCounts(db: Queryable, a: Row) {
  const readSql = (userId: SQL | unknown) =>
    sql`exists (select 1 from ${announcementReads} where ${announcementReads.announcementId} = ${a.id} and ${announcementReads.userId} = ${userId})`;
  const [recipients, read] = await Promise.all([
    countAudience(db, audienceOf(a)),
    countAudience(db, audienceOf(a), (userId) => readSql(userId)),
  ]);
  return { recipients, read };
}

/** 阅读情况: the audience by name and organization, who has opened it and when (publishers of its scope). */
export async function listReceipts(ctx: Ctx, id: string, q: { page: number; pageSize: number; read?: boolean }) {
  const { row, manages } = await loadVisible(ctx, id);
  if (!manages) throw errors.forbidden(PUBLISH);
  const readSql = (userId: unknown) =>
    sql`exists (select 1 from ${announcementReads} where ${announcementReads.announcementId} = ${id} and ${announcementReads.userId} = ${userId})`;
  const extra =
    q.read === undefined ? undefined : (userId: unknown) => (q.read ? readSql(userId) : sql`not ${readSql(userId)}`);
  const page = await pageAudience(ctx.db, audienceOf(row.a), q, extra);
  const ids = page.items.map((i) => i.userId);
  const reads = ids.length
    ? await ctx.db
        .select({ userId: announcementReads.userId, readAt: announcementReads.readAt })
        .from(announcementReads)
        .where(and(eq(announcementReads.announcementId, id), inArray(announcementReads.userId, ids)))
    : [];
  const readAt = new Map(reads.map((r) => [r.userId, r.readAt.toISOString()]));
  return {
    items: page.items.map((i) => ({ ...i, readAt: readAt.get(i.userId) ?? null })),
    total: page.total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** Publishes an announcement to the staff of the actor's region (and below). */
export async function publishAnnouncement(ctx: Ctx, input: AnnouncementCreate): Promise<AnnouncementDetail> {
  requireScope(ctx.actor, PUBLISH);
  const id = await ctx.db.transaction(async (tx) => {
    await assertMaterialsUsable(ctx, input.attachmentIds, "attachmentIds", tx);
    const [row] = await tx
      .insert(A)
      .values({
        orgId: ctx.actor.orgId,
        regionCode: ctx.actor.regionCode,
        audience: input.audience,
        title: input.title,
        body: input.body,
        attachmentIds: input.attachmentIds,
        publishedBy: ctx.actor.userId,
        publishedAt: ctx.clock.now(),
      })
      .returning({ id: A.id });
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "announcement.publish",
      entity: "announcement",
      entityId: row.id,
      summary: `发布内部通知“${input.title}”（${ANNOUNCEMENT_AUDIENCE_LABELS[input.audience]}）`,
    });
    return row.id;
  });
  return getAnnouncement(ctx, id);
}

/** Withdraws a published announcement with a reason; it leaves every inbox. */
export async function withdrawAnnouncement(ctx: Ctx, id: string, reason: string): Promise<AnnouncementDetail> {
  const { row, manages } = await loadVisible(ctx, id);
  if (!manages) throw errors.forbidden(PUBLISH);
  if (row.a.withdrawnAt) throw errors.conflict("ALREADY_WITHDRAWN", "notify.announcement_withdrawn");
  await ctx.db.transaction(async (tx) => {
    const done = await tx
      .update(A)
      .set({ withdrawnAt: ctx.clock.now(), withdrawnBy: ctx.actor.userId, withdrawReason: reason })
      .where(and(eq(A.id, id), isNull(A.withdrawnAt)))
      .returning({ id: A.id });
    if (done.length === 0) throw errors.conflict("ALREADY_WITHDRAWN", "notify.announcement_withdrawn");
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "announcement.withdraw",
      entity: "announcement",
      entityId: id,
      summary: `撤回内部通知“${row.a.title}”：${reason}`,
    });
  });
  return getAnnouncement(ctx, id);
}

/** An attachment, opened through the announcement (its audience and publishers only). */
export async function readAnnouncementAttachment(
  ctx: Ctx,
  id: string,
  materialId: string,
  mode: "download" | "preview",
) {
  const { row } = await loadVisible(ctx, id);
  if (!row.a.attachmentIds.includes(materialId)) throw errors.notFound("material");
  return readReferencedMaterialFile(ctx, materialId, mode, `内部通知“${row.a.title}”的附件`);
}
