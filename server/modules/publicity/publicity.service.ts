/**
 * 公示 and 异议, one capability for every module that shows a list to the public (示范创建 and 表彰 now; the bases
 * and other lists can move onto it). The owning module decides who may publish and handle objections (it calls
 * these functions after its own access check, passing the region condition of the caller's scope) and registers
 * what an upheld objection does to a listed item (`registerPublicityOwner`). A notice's window is N working days
 * of the official calendar; the public objects within it, against the notice or one named item, leaving a name
 * and phone (SM4-encrypted, masked in lists, revealed per field with an audit entry) and gets a tracking code
 * (publicity-objection.service.ts).
 */
import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { beijingDate, noticeWindow } from "../../../contracts/dates.js";
import {
  PUBLICITY_NOTICE_STATUS_LABELS,
  PUBLICITY_OBJECTION_STATUS_LABELS,
  PUBLICITY_OWNER_LABELS,
  type PublicityNotice,
  type PublicityPhase,
} from "../../../contracts/publicity.js";
import type { Actor } from "../../core/access.js";
import type { Clock } from "../../core/clock.js";
import type { Deps } from "../../core/context.js";
import { AppError, errors } from "../../core/errors.js";
import { searchQuery, searchText } from "../../core/search.js";
import { defineMachine } from "../../core/state-machine.js";
import type { Queryable, Tx } from "../../db/client.js";
import { recordAudit } from "../audit/index.js";
import { orgNameSql } from "../org/index.js";
import { getWorkingCalendar } from "../system/index.js";
import { publicityNoticeItems as I, publicityNotices as N, publicityObjections as O } from "./publicity.schema.js";

export type PublicityCtx = { db: Deps["db"]; clock: Clock; actor: Actor; cipher: Deps["cipher"] };
export type NoticeRow = typeof N.$inferSelect;
/** The columns an owner's condition on notices may use (its scope, its batch/campaign, a status). */
export type NoticeCols = typeof N;

export const publicityNoticeMachine = defineMachine({
  entity: "publicity_notice",
  auditPrefix: "publicity_notice",
  table: N,
  labels: PUBLICITY_NOTICE_STATUS_LABELS,
  audit: recordAudit,
  scope: (n) => ({ regionCode: n.regionCode, orgId: n.orgId }),
  transitions: { publish: { from: ["draft"], to: ["published"], label: "发布公示" } },
});

export const publicityObjectionMachine = defineMachine({
  entity: "publicity_objection",
  auditPrefix: "publicity_objection",
  table: O,
  labels: PUBLICITY_OBJECTION_STATUS_LABELS,
  audit: recordAudit,
  scope: (o) => ({ regionCode: o.regionCode, orgId: o.orgId }),
  transitions: {
    investigate: { from: ["pending", "investigating"], to: ["investigating"], label: "调查" },
    answer: { from: ["pending", "investigating"], to: ["answered"], label: "答复" },
  },
});

/**
 * What an upheld objection against one listed item does, in the answering transaction (the owner's rule).
 * `effect` is the owner's finer effect code when its answer form has one (示范创建: withdraw / reject).
 */
export type UpheldEffect = (
  tx: Tx,
  ctx: PublicityCtx,
  e: { itemId: string; noticeId: string; reason: string; objectionId: string; effect: string | null },
) => Promise<void>;
const owners = new Map<string, { onUpheld: UpheldEffect }>();
export function registerPublicityOwner(owner: string, spec: { onUpheld: UpheldEffect }) {
  owners.set(owner, spec);
}
export function ownerEffect(owner: string) {
  const spec = owners.get(owner);
  if (!spec) throw new Error(`公示模块未登记 ${owner} 的异议处理`);
  return spec.onUpheld;
}

export function phaseOf(n: Pick<NoticeRow, "status" | "startsOn" | "endsOn">, today: string): PublicityPhase {
  if (n.status === "draft" || !n.startsOn || !n.endsOn) return "draft";
  if (today < n.startsOn) return "upcoming";
  return today <= n.endsOn ? "open" : "ended";
}

export type NoticeItemInput = { itemId: string; label: string; detail: { label: string; value: string }[] };
type NoticeInput = {
  owner: string;
  ownerRef: string;
  stage: string;
  title: string;
  /** 蒙古文标题 (optional). */
  titleMn?: string;
  body: string;
  workingDays: number;
  orgId: string;
  regionCode: string;
  items: NoticeItemInput[];
};

/**
 * A draft notice with its listed items (in the owner's transaction); `audit` overrides the entry's summary and
 * changes where the owner words it its own way. Publish it with `publishDraft`.
 */
export async function createDraftNotice(
  tx: Tx,
  ctx: PublicityCtx,
  input: NoticeInput & { audit?: { summary: string; changes: Record<string, [unknown, unknown]> } },
) {
  const now = ctx.clock.now();
  const [row] = await tx
    .insert(N)
    .values({
      owner: input.owner,
      ownerRef: input.ownerRef,
      stage: input.stage,
      title: input.title,
      titleMn: input.titleMn ?? "",
      body: input.body,
      workingDays: input.workingDays,
      orgId: input.orgId,
      regionCode: input.regionCode,
      createdBy: ctx.actor.userId,
      search: searchText(input.title),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await tx.insert(I).values(input.items.map((it, sort) => ({ noticeId: row.id, ...it, sort })));
  await recordAudit(tx, ctx.clock, ctx.actor, {
    category: "data",
    action: "publicity_notice.create",
    entity: "publicity_notice",
    entityId: row.id,
    regionCode: input.regionCode,
    orgId: input.orgId,
    summary: input.audit?.summary ?? `拟定公示“${input.title}”（${input.items.length} 项）`,
    changes: {
      ...(input.audit?.changes ?? { itemIds: [null, input.items.map((i) => i.itemId)] }),
      ...(input.titleMn ? { titleMn: [null, input.titleMn] } : {}),
    },
  });
  return row;
}

/** The owner's notice, locked for a step (404 outside the owner's condition). */
export async function lockNotice(tx: Tx, owner: string, id: string, where?: (n: NoticeCols) => SQL | undefined) {
  const [n] = await tx
    .select()
    .from(N)
    .where(and(eq(N.id, id), eq(N.owner, owner), where?.(N)))
    .for("update");
  if (!n) throw errors.notFound("publicity_notice");
  return n;
}

/**
 * Publishes a draft: its window starts on the first working day on or after `startsOn` (today by default) and
 * lasts its working days by the official calendar. Returns the window.
 */
export async function publishDraft(tx: Tx, ctx: PublicityCtx, n: NoticeRow, startsOn?: string) {
  publicityNoticeMachine.assert(n.status, "publish");
  const calendar = await getWorkingCalendar(tx);
  const today = beijingDate(ctx.clock.now());
  if (startsOn && startsOn < today) throw errors.field("startsOn", "publicity.starts_in_past");
  const window = noticeWindow(startsOn ?? today, n.workingDays, calendar);
  await publicityNoticeMachine.move(tx, ctx, n, "publish", {
    set: { ...window, publishedAt: ctx.clock.now() },
    summary: `发布公示“${n.title}”：${window.startsOn} 至 ${window.endsOn}（${n.workingDays} 个工作日）`,
    changes: { startsOn: [null, window.startsOn], endsOn: [null, window.endsOn] },
  });
  return window;
}

/** Lists items and publishes the notice at once (in the owner's transaction). */
export async function publishNotice(tx: Tx, ctx: PublicityCtx, input: NoticeInput & { startsOn?: string }) {
  const today = beijingDate(ctx.clock.now());
  if (input.startsOn && input.startsOn < today) throw errors.field("startsOn", "publicity.starts_in_past");
  const row = await createDraftNotice(tx, ctx, input);
  const window = await publishDraft(tx, ctx, row, input.startsOn);
  return { id: row.id, ...window };
}

/**
 * Whether the items may move on after their notice: the window has ended and no objection to them (or to their
 * notice as a whole) is unanswered. Throws 409 with the reason otherwise.
 */
export async function assertNoticeCleared(db: Queryable, clock: Clock, noticeId: string, itemId: string) {
  const [n] = await db.select().from(N).where(eq(N.id, noticeId));
  if (!n) throw errors.notFound("publicity_notice");
  const today = beijingDate(clock.now());
  if (phaseOf(n, today) !== "ended")
    throw new AppError(409, "NOTICE_NOT_ENDED", `公示“${n.title}”的公示期至 ${n.endsOn} 结束，期满后方可进入下一环节`, {
      endsOn: n.endsOn,
    });
  const [open] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(O)
    .where(
      and(
        eq(O.noticeId, noticeId),
        sql`${O.status} <> 'answered'`,
        sql`(${O.itemId} is null or ${O.itemId} = ${itemId})`,
      ),
    );
  if (open.count > 0)
    throw new AppError(409, "OBJECTION_OPEN", `有 ${open.count} 件异议尚未答复，答复后方可进入下一环节`, {
      count: open.count,
    });
}

/** The windows of notices by id (an owner shows when its items' notices end). */
export async function noticeWindows(db: Queryable, ids: string[]) {
  if (ids.length === 0) return new Map<string, { title: string; startsOn: string | null; endsOn: string | null }>();
  const rows = await db
    .select({ id: N.id, title: N.title, startsOn: N.startsOn, endsOn: N.endsOn })
    .from(N)
    .where(inArray(N.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

/** `ends_on` of the notice whose id is in `noticeId` (for an owner's condition on its items). */
export function noticeEndsOnSql(noticeId: SQL | SQL.Aliased | { getSQL(): SQL }) {
  return sql<string | null>`(select ${N.endsOn} from ${N} where ${N.id} = ${noticeId})`;
}

async function itemsOf(db: Queryable, ids: string[]) {
  const out = new Map<string, PublicityNotice["items"]>();
  if (ids.length === 0) return out;
  const rows = await db.select().from(I).where(inArray(I.noticeId, ids)).orderBy(asc(I.sort));
  for (const r of rows) {
    const list = out.get(r.noticeId) ?? [];
    list.push({
      itemId: r.itemId,
      label: r.label,
      detail: r.detail,
      removed: r.removedAt !== null,
      removedReason: r.removedReason,
    });
    out.set(r.noticeId, list);
  }
  return out;
}

const noticeSelect = { n: N, issuerOrgName: orgNameSql(N.orgId) };

/** A notice as every owner sees it: the shared shape plus its status and creation time. */
export type NoticeRecord = PublicityNotice & { status: NoticeRow["status"]; createdAt: string };

async function toNotices(
  db: Queryable,
  rows: { n: NoticeRow; issuerOrgName: string }[],
  today: string,
  staff: boolean,
): Promise<NoticeRecord[]> {
  const ids = rows.map((r) => r.n.id);
  const [items, counts] = await Promise.all([
    itemsOf(db, ids),
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
  return rows.map(({ n, issuerOrgName }) => ({
    id: n.id,
    owner: n.owner,
    ownerLabel: PUBLICITY_OWNER_LABELS[n.owner] ?? n.owner,
    ownerRef: n.ownerRef,
    stage: n.stage,
    title: n.title,
    titleMn: n.titleMn,
    body: n.body,
    status: n.status,
    phase: phaseOf(n, today),
    workingDays: n.workingDays,
    startsOn: n.startsOn,
    endsOn: n.endsOn,
    publishedAt: n.publishedAt?.toISOString() ?? null,
    issuerOrgName,
    regionCode: n.regionCode,
    items: items.get(n.id) ?? [],
    objections: staff ? { total: countOf.get(n.id)?.total ?? 0, unanswered: countOf.get(n.id)?.unanswered ?? 0 } : null,
    createdAt: n.createdAt.toISOString(),
  }));
}

export type NoticeQuery = {
  page: number;
  pageSize: number;
  /** Full-text search in the title. */
  q?: string;
  ownerRef?: string;
  status?: NoticeRow["status"];
};

/**
 * A page of notices. `owner` limits them to one module's (all owners when absent); `where` is the owner's
 * condition (its scope); `staff` adds the objection counts; the newest created first, or published for the public.
 */
export async function noticePage(
  db: Queryable,
  clock: Clock,
  opts: { owner?: string; where?: (n: NoticeCols) => SQL | undefined; staff: boolean; order: "created" | "published" },
  q: NoticeQuery,
) {
  const cond = and(
    opts.owner ? eq(N.owner, opts.owner) : undefined,
    opts.where?.(N),
    q.ownerRef ? eq(N.ownerRef, q.ownerRef) : undefined,
    q.status ? eq(N.status, q.status) : undefined,
    q.q ? searchQuery(N.search, q.q) : undefined,
  );
  const [rows, [{ total }]] = await Promise.all([
    db
      .select(noticeSelect)
      .from(N)
      .where(cond)
      .orderBy(opts.order === "created" ? desc(N.createdAt) : desc(N.publishedAt), asc(N.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(N).where(cond),
  ]);
  return {
    items: await toNotices(db, rows, beijingDate(clock.now()), opts.staff),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** One notice of an owner within its condition (404 otherwise). */
export async function getNoticeRecord(
  db: Queryable,
  clock: Clock,
  opts: { owner?: string; where?: (n: NoticeCols) => SQL | undefined; staff: boolean },
  id: string,
) {
  const rows = await db
    .select(noticeSelect)
    .from(N)
    .where(and(eq(N.id, id), opts.owner ? eq(N.owner, opts.owner) : undefined, opts.where?.(N)));
  if (!rows[0]) throw errors.notFound("publicity_notice");
  return (await toNotices(db, rows, beijingDate(clock.now()), opts.staff))[0];
}

/** Staff: the owner's notices within a region condition (the owner's scope). */
export async function listOwnerNotices(
  db: Queryable,
  clock: Clock,
  owner: string,
  where: { ownerRef?: string; region?: (col: typeof N.regionCode) => SQL | undefined },
  q: { page: number; pageSize: number },
) {
  return noticePage(
    db,
    clock,
    { owner, where: (n) => where.region?.(n.regionCode), staff: true, order: "created" },
    { ...q, ownerRef: where.ownerRef },
  );
}

const published = (n: NoticeCols) => eq(n.status, "published");

/** The portal's 公示公告: published notices of every owner (or one). */
export async function listPublicNotices(deps: Deps, q: { page: number; pageSize: number; owner?: string }) {
  return noticePage(
    deps.db,
    deps.clock,
    { owner: q.owner, where: published, staff: false, order: "published" },
    { page: q.page, pageSize: q.pageSize },
  );
}

export async function getPublicNotice(deps: Deps, id: string, owner?: string) {
  return getNoticeRecord(deps.db, deps.clock, { owner, where: published, staff: false }, id);
}

/** Fills the search vectors of notices written before they existed (bootstrap). */
export function noticeSearchBackfill() {
  return { table: N, id: N.id, search: N.search, texts: [N.title] };
}

/**
 * The published notices that listed one item of an owner (a nomination's 公示 records on its 推荐审批表), oldest
 * first, with what became of the item there and the objections filed against it (all of them, by outcome).
 * The caller has already checked that it may read the item.
 */
export async function itemNoticeRecords(db: Queryable, clock: Clock, owner: string, itemId: string) {
  const rows = await db
    .select({
      n: N,
      issuerOrgName: orgNameSql(N.orgId),
      removedAt: I.removedAt,
      removedReason: I.removedReason,
      total: sql<number>`(select count(*)::int from ${O} o where o.notice_id = ${N.id} and o.item_id = ${I.itemId})`,
      upheld: sql<number>`(select count(*)::int from ${O} o where o.notice_id = ${N.id} and o.item_id = ${I.itemId} and o.outcome = 'upheld')`,
      dismissed: sql<number>`(select count(*)::int from ${O} o where o.notice_id = ${N.id} and o.item_id = ${I.itemId} and o.outcome = 'dismissed')`,
    })
    .from(I)
    .innerJoin(N, eq(N.id, I.noticeId))
    .where(and(eq(I.itemId, itemId), eq(N.owner, owner), eq(N.status, "published")))
    .orderBy(asc(N.startsOn), asc(N.createdAt));
  const today = beijingDate(clock.now());
  return rows.map((r) => ({
    id: r.n.id,
    stage: r.n.stage,
    title: r.n.title,
    issuerOrgName: r.issuerOrgName,
    startsOn: r.n.startsOn,
    endsOn: r.n.endsOn,
    phase: phaseOf(r.n, today),
    removed: r.removedAt !== null,
    removedReason: r.removedReason,
    objections: { total: Number(r.total), upheld: Number(r.upheld), dismissed: Number(r.dismissed) },
  }));
}
