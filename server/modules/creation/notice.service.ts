/**
 * 公示 and 异议.
 *
 * A notice lists applications of one batch that passed 审定. Publishing fixes its window: N working days
 * (the batch's noticeDays) from the given first day or today, in Beijing time, through the pluggable
 * working-day calendar (dates.ts); the listed applications move to 公示中. The public reads published
 * notices without signing in and may object within the window, giving a name and a phone number (both
 * SM4-encrypted at rest, masked in every list, revealed per field with an audit entry) and optionally the
 * application objected to. Staff investigate (待处理 → 调查中) and reply (→ 已答复) with an effect on the
 * result: 不影响命名, 撤回申请 (the application is withdrawn) or 不予命名 (rejected). An application cannot be
 * named while an objection to it, or to its notice as a whole, is unanswered.
 */

import crypto from "node:crypto";
import { and, asc, desc, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import {
  APPLICATION_STATUS_LABELS,
  type NamingLevel,
  NOTICE_STATUS_LABELS,
  type Notice,
  type NoticeCreate,
  type NoticePhase,
  OBJECTION_EFFECT_LABELS,
  OBJECTION_STATUS_LABELS,
  type ObjectionSubmit,
} from "../../../contracts/creation.js";
import { requireScope, scopeFor } from "../../core/access.js";
import type { Ctx, Deps } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import { t } from "../../core/i18n.js";
import { searchQuery } from "../../core/search.js";
import { defineMachine } from "../../core/state-machine.js";
import type { Queryable } from "../../db/client.js";
import { recordAudit } from "../audit/index.js";
import { ancestorCodes, orgNameSql } from "../org/index.js";
import { getWorkingCalendar } from "../system/index.js";
import { moveApplication } from "./application.service.js";
import { assertManagesRegion, loadBatch, regionScopeSql } from "./batch.service.js";
import {
  creationApplications,
  creationBatches,
  creationNoticeItems,
  creationNotices,
  creationObjections,
} from "./creation.schema.js";
import { noticeSearch } from "./creation.search.js";
import { categoryLabels, regionPaths } from "./creation.service.js";
import { noticeWindow, shanghaiDate } from "./dates.js";

export const N = creationNotices;
export const O = creationObjections;

/** The notice state machine: 草稿 ─发布─▶ 已发布 (its window then runs by the calendar). */
export const noticeMachine = defineMachine({
  entity: "creation_notice",
  auditPrefix: "creation_notice",
  table: N,
  labels: NOTICE_STATUS_LABELS,
  audit: recordAudit,
  scope: (n) => ({ regionCode: n.regionCode, orgId: n.orgId }),
  transitions: {
    publish: { from: ["draft"], to: ["published"], label: "发布公示" },
  },
});

type NoticeRow = typeof N.$inferSelect;

export function phaseOf(n: Pick<NoticeRow, "status" | "startsOn" | "endsOn">, today: string): NoticePhase {
  if (n.status === "draft" || !n.startsOn || !n.endsOn) return "draft";
  if (today < n.startsOn) return "upcoming";
  return today <= n.endsOn ? "open" : "ended";
}

/**
 * Staff see published notices of their own region, its ancestors and their creation:read scope, and drafts
 * within their creation:manage scope (everyone else reads published notices on the public portal).
 */
function noticeVisibleWhere(ctx: Ctx): SQL {
  const read = requireScope(ctx.actor, "creation:read");
  const own = [...ancestorCodes(ctx.actor.regionCode), ctx.actor.regionCode];
  const published = or(inArray(N.regionCode, own), regionScopeSql(read, N.regionCode)) ?? sql`true`;
  const manage = scopeFor(ctx.actor, "creation:manage");
  const drafts = manage ? (regionScopeSql(manage, N.regionCode) ?? sql`true`) : sql`false`;
  return sql`((${N.status} = 'published' AND ${published}) OR ${drafts})`;
}

async function noticeItems(db: Queryable, ids: string[]) {
  if (ids.length === 0) return new Map<string, Notice["items"]>();
  const rows = await db
    .select({
      noticeId: creationNoticeItems.noticeId,
      applicationId: creationApplications.id,
      orgName: orgNameSql(creationApplications.orgId),
      regionCode: creationApplications.regionCode,
      category: creationApplications.category,
      level: creationApplications.level,
    })
    .from(creationNoticeItems)
    .innerJoin(creationApplications, eq(creationApplications.id, creationNoticeItems.applicationId))
    .where(inArray(creationNoticeItems.noticeId, ids))
    .orderBy(asc(creationNoticeItems.sort), asc(creationApplications.regionCode));
  const [names, labels] = await Promise.all([
    regionPaths(
      db,
      rows.map((r) => r.regionCode),
    ),
    categoryLabels(db),
  ]);
  const out = new Map<string, Notice["items"]>();
  for (const r of rows) {
    const list = out.get(r.noticeId) ?? [];
    list.push({
      applicationId: r.applicationId,
      orgName: r.orgName,
      regionCode: r.regionCode,
      regionName: names.get(r.regionCode) ?? "",
      category: r.category,
      categoryLabel: labels.get(r.category) ?? r.category,
      level: r.level as NamingLevel,
    });
    out.set(r.noticeId, list);
  }
  return out;
}

const noticeSelect = {
  n: N,
  batchName: creationBatches.name,
  level: creationBatches.level,
  issuerOrgName: orgNameSql(N.orgId),
};
type NoticeSelectRow = { n: NoticeRow; batchName: string; level: string; issuerOrgName: string };

function noticeQuery(db: Queryable) {
  return db.select(noticeSelect).from(N).innerJoin(creationBatches, eq(creationBatches.id, N.batchId));
}

async function toNotices(db: Queryable, rows: NoticeSelectRow[], today: string, staff: boolean): Promise<Notice[]> {
  const ids = rows.map((r) => r.n.id);
  const [items, counts] = await Promise.all([
    noticeItems(db, ids),
    staff && ids.length
      ? db
          .select({
            noticeId: O.noticeId,
            total: sql<number>`count(*)::int`,
            unanswered: sql<number>`(count(*) filter (where ${O.status} <> 'answered'))::int`,
          })
          .from(O)
          .where(inArray(O.noticeId, ids))
          .groupBy(O.noticeId)
      : Promise.resolve([]),
  ]);
  const countOf = new Map(counts.map((c) => [c.noticeId, c]));
  return rows.map((r) => ({
    id: r.n.id,
    batchId: r.n.batchId,
    batchName: r.batchName,
    level: r.level as NamingLevel,
    title: r.n.title,
    body: r.n.body,
    status: r.n.status,
    phase: phaseOf(r.n, today),
    workingDays: r.n.workingDays,
    startsOn: r.n.startsOn,
    endsOn: r.n.endsOn,
    publishedAt: r.n.publishedAt?.toISOString() ?? null,
    issuerOrgName: r.issuerOrgName,
    regionCode: r.n.regionCode,
    items: items.get(r.n.id) ?? [],
    objections: staff
      ? { total: countOf.get(r.n.id)?.total ?? 0, unanswered: countOf.get(r.n.id)?.unanswered ?? 0 }
      : null,
    createdAt: r.n.createdAt.toISOString(),
  }));
}

export async function listNotices(
  ctx: Ctx,
  q: { page: number; pageSize: number; batchId?: string; status?: string; q?: string },
) {
  const conds: (SQL | undefined)[] = [noticeVisibleWhere(ctx)];
  if (q.batchId) conds.push(eq(N.batchId, q.batchId));
  if (q.status) conds.push(eq(N.status, q.status as NoticeRow["status"]));
  if (q.q) conds.push(searchQuery(N.search, q.q));
  const where = and(...conds.filter(Boolean));
  const [rows, [{ total }]] = await Promise.all([
    noticeQuery(ctx.db)
      .where(where)
      .orderBy(desc(N.createdAt), asc(N.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: sql<number>`count(*)::int` }).from(N).where(where),
  ]);
  const today = shanghaiDate(ctx.clock.now());
  return { items: await toNotices(ctx.db, rows, today, true), total, page: q.page, pageSize: q.pageSize };
}

export async function getNotice(ctx: Ctx, id: string, db: Queryable = ctx.db) {
  const [row] = await noticeQuery(db).where(and(eq(N.id, id), noticeVisibleWhere(ctx)));
  if (!row) throw errors.notFound("creation_notice");
  return (await toNotices(db, [row], shanghaiDate(ctx.clock.now()), true))[0];
}

export async function createNotice(ctx: Ctx, input: NoticeCreate) {
  const batch = await loadBatch(ctx, input.batchId).catch(() => {
    throw errors.field("batchId", "errors.not_found", { entity: "申报批次" });
  });
  assertManagesRegion(ctx, batch.regionCode, "creation_batch");
  const id = await ctx.db.transaction(async (tx) => {
    const apps = await tx
      .select({
        id: creationApplications.id,
        status: creationApplications.status,
        orgName: orgNameSql(creationApplications.orgId),
      })
      .from(creationApplications)
      .where(and(inArray(creationApplications.id, input.applicationIds), eq(creationApplications.batchId, batch.id)));
    if (apps.length !== input.applicationIds.length)
      throw errors.field("applicationIds", "errors.not_found", { entity: "本批次的申报" });
    const bad = apps.find((a) => a.status !== "approved");
    if (bad)
      throw errors.conflict("NOT_APPROVED", "creation.notice_apps_not_approved", {
        org: bad.orgName,
        status: APPLICATION_STATUS_LABELS[bad.status],
      });
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(N)
      .values({
        batchId: batch.id,
        title: input.title,
        search: noticeSearch(input),
        body: input.body,
        workingDays: batch.noticeDays,
        orgId: ctx.actor.orgId,
        regionCode: batch.regionCode,
        createdBy: ctx.actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: N.id });
    await tx
      .insert(creationNoticeItems)
      .values(input.applicationIds.map((applicationId, sort) => ({ noticeId: row.id, applicationId, sort })));
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "creation_notice.create",
      entity: "creation_notice",
      entityId: row.id,
      regionCode: batch.regionCode,
      orgId: ctx.actor.orgId,
      summary: `拟定公示“${input.title}”（${apps.length} 个单位）`,
      changes: { applicationIds: [null, input.applicationIds] },
    });
    return row.id;
  });
  return getNotice(ctx, id);
}

export async function publishNotice(ctx: Ctx, id: string, startsOn?: string) {
  // Read before the transaction: the embedded database has one connection, held by the transaction.
  const calendar = await getWorkingCalendar(ctx.db);
  await ctx.db.transaction(async (tx) => {
    const [n] = await tx
      .select()
      .from(N)
      .where(and(eq(N.id, id), noticeVisibleWhere(ctx)))
      .for("update");
    if (!n) throw errors.notFound("creation_notice");
    assertManagesRegion(ctx, n.regionCode, "creation_notice");
    noticeMachine.assert(n.status, "publish");
    const today = shanghaiDate(ctx.clock.now());
    if (startsOn && startsOn < today) throw errors.field("startsOn", "creation.starts_in_past");
    const window = noticeWindow(startsOn ?? today, n.workingDays, calendar);
    const items = await tx
      .select({ applicationId: creationNoticeItems.applicationId })
      .from(creationNoticeItems)
      .where(eq(creationNoticeItems.noticeId, id));
    const apps = await tx
      .select()
      .from(creationApplications)
      .where(
        inArray(
          creationApplications.id,
          items.map((i) => i.applicationId),
        ),
      )
      .for("update");
    for (const app of apps) {
      await moveApplication(tx, ctx, app, "publicize", {
        to: "publicized",
        set: { noticeId: id },
        note: `${n.title}（${window.startsOn} 至 ${window.endsOn}）`,
        summary: `列入公示“${n.title}”，公示期 ${window.startsOn} 至 ${window.endsOn}`,
      });
    }
    await noticeMachine.move(tx, ctx, n, "publish", {
      set: { ...window, publishedAt: ctx.clock.now() },
      summary: `发布公示“${n.title}”：${window.startsOn} 至 ${window.endsOn}（${n.workingDays} 个工作日）`,
      changes: { startsOn: [null, window.startsOn], endsOn: [null, window.endsOn] },
    });
  });
  return getNotice(ctx, id);
}

// ---------------------------------------------------------------------------------------------------------
// The public side

export async function listPublicNotices(deps: Deps, q: { page: number; pageSize: number }) {
  const where = eq(N.status, "published");
  const [rows, [{ total }]] = await Promise.all([
    noticeQuery(deps.db)
      .where(where)
      .orderBy(desc(N.publishedAt), asc(N.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    deps.db.select({ total: sql<number>`count(*)::int` }).from(N).where(where),
  ]);
  const items = await toNotices(deps.db, rows, shanghaiDate(deps.clock.now()), false);
  return {
    items: items.map(({ objections: _o, status: _s, ...rest }) => rest),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function getPublicNotice(deps: Deps, id: string) {
  const [row] = await noticeQuery(deps.db).where(and(eq(N.id, id), eq(N.status, "published")));
  if (!row) throw errors.notFound("creation_notice");
  const {
    objections: _o,
    status: _s,
    ...rest
  } = (await toNotices(deps.db, [row], shanghaiDate(deps.clock.now()), false))[0];
  return rest;
}

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
function trackingCode(): string {
  const bytes = crypto.randomBytes(10);
  return Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
}

/** A member of the public objects, within the window only. Returns the code to look the reply up with. */
export async function submitObjection(deps: Deps, noticeId: string, input: ObjectionSubmit) {
  return deps.db.transaction(async (tx) => {
    const [n] = await tx
      .select()
      .from(N)
      .where(and(eq(N.id, noticeId), eq(N.status, "published")));
    if (!n) throw errors.notFound("creation_notice");
    const today = shanghaiDate(deps.clock.now());
    if (phaseOf(n, today) !== "open")
      throw errors.conflict("NOTICE_NOT_OPEN", "creation.notice_not_open", { start: n.startsOn, end: n.endsOn });
    if (input.applicationId) {
      const [item] = await tx
        .select()
        .from(creationNoticeItems)
        .where(and(eq(creationNoticeItems.noticeId, n.id), eq(creationNoticeItems.applicationId, input.applicationId)));
      if (!item) throw errors.field("applicationId", "creation.notice_item_unknown");
    }
    const code = trackingCode();
    const now = deps.clock.now();
    const [row] = await tx
      .insert(O)
      .values({
        noticeId: n.id,
        applicationId: input.applicationId ?? null,
        nameEnc: deps.cipher.encrypt(input.contactName),
        phoneEnc: deps.cipher.encrypt(input.phone),
        content: input.content,
        trackingCode: code,
        orgId: n.orgId,
        regionCode: n.regionCode,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: O.id });
    await recordAudit(tx, deps.clock, null, {
      category: "data",
      action: "creation_objection.submit",
      entity: "creation_objection",
      entityId: row.id,
      regionCode: n.regionCode,
      orgId: n.orgId,
      actorName: "公众",
      summary: `公众对公示“${n.title}”提出异议`,
      changes: { applicationId: [null, input.applicationId ?? null], name: [null, "***"], phone: [null, "***"] },
    });
    return { trackingCode: code, status: "pending" as const, message: t("creation.objection_received", { code }) };
  });
}

export async function getObjectionByCode(deps: Deps, code: string) {
  const [row] = await deps.db
    .select({ o: O, noticeTitle: N.title })
    .from(O)
    .innerJoin(N, eq(N.id, O.noticeId))
    .where(eq(O.trackingCode, code));
  if (!row) throw errors.notFound("creation_objection");
  const { o } = row;
  return {
    trackingCode: o.trackingCode,
    noticeTitle: row.noticeTitle,
    status: o.status,
    statusLabel: OBJECTION_STATUS_LABELS[o.status],
    reply: o.status === "answered" ? o.reply : null,
    effect: o.status === "answered" ? o.effect : null,
    effectLabel: o.status === "answered" && o.effect ? OBJECTION_EFFECT_LABELS[o.effect] : null,
    createdAt: o.createdAt.toISOString(),
    answeredAt: o.answeredAt?.toISOString() ?? null,
  };
}
