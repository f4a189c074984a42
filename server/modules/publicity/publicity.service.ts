/**
 * 公示 and 异议, one capability for every module that shows a list to the public (表彰 now; 示范创建, the bases and
 * other lists can move onto it). The owning module decides who may publish and handle objections (it calls these
 * functions after its own access check, passing the region condition of the caller's scope) and registers what an
 * upheld objection does to a listed item (`registerPublicityOwner`). A notice's window is N working days of the
 * official calendar; the public objects within it, against the notice or one named item, leaving a name and phone
 * (SM4-encrypted, masked in lists, revealed per field with a reason and an audit entry) and gets a tracking code.
 */
import crypto from "node:crypto";
import { and, asc, desc, eq, inArray, isNull, ne, type SQL, sql } from "drizzle-orm";
import { beijingDate, noticeWindow } from "../../../contracts/dates.js";
import {
  PUBLICITY_NOTICE_STATUS_LABELS,
  PUBLICITY_OBJECTION_STATUS_LABELS,
  PUBLICITY_OUTCOME_LABELS,
  PUBLICITY_OWNER_LABELS,
  type PublicityNotice,
  type PublicityObjection,
  type PublicityObjectionSubmit,
  type PublicityOutcome,
  type PublicityPhase,
} from "../../../contracts/publicity.js";
import type { Actor } from "../../core/access.js";
import type { Clock } from "../../core/clock.js";
import type { Deps } from "../../core/context.js";
import { maskName, maskPhone } from "../../core/crypto.js";
import { AppError, errors } from "../../core/errors.js";
import { defineMachine } from "../../core/state-machine.js";
import type { Queryable, Tx } from "../../db/client.js";
import { recordAudit } from "../audit/index.js";
import { userNameSql } from "../identity/index.js";
import { orgNameSql } from "../org/index.js";
import { getWorkingCalendar } from "../system/index.js";
import { publicityNoticeItems as I, publicityNotices as N, publicityObjections as O } from "./publicity.schema.js";

export type PublicityCtx = { db: Deps["db"]; clock: Clock; actor: Actor; cipher: Deps["cipher"] };
type NoticeRow = typeof N.$inferSelect;
type ObjectionRow = typeof O.$inferSelect;

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

/** What an upheld objection against one listed item does, in the answering transaction (the owner's rule). */
export type UpheldEffect = (
  tx: Tx,
  ctx: PublicityCtx,
  e: { itemId: string; noticeId: string; reason: string; objectionId: string },
) => Promise<void>;
const owners = new Map<string, { onUpheld: UpheldEffect }>();
export function registerPublicityOwner(owner: string, spec: { onUpheld: UpheldEffect }) {
  owners.set(owner, spec);
}

export function phaseOf(n: Pick<NoticeRow, "status" | "startsOn" | "endsOn">, today: string): PublicityPhase {
  if (n.status === "draft" || !n.startsOn || !n.endsOn) return "draft";
  if (today < n.startsOn) return "upcoming";
  return today <= n.endsOn ? "open" : "ended";
}

export type NoticeItemInput = { itemId: string; label: string; detail: { label: string; value: string }[] };

/**
 * Lists items and publishes the notice at once (in the owner's transaction): the window starts on the first
 * working day on or after `startsOn` (today by default) and lasts `workingDays` working days.
 */
export async function publishNotice(
  tx: Tx,
  ctx: PublicityCtx,
  input: {
    owner: string;
    ownerRef: string;
    stage: string;
    title: string;
    body: string;
    workingDays: number;
    orgId: string;
    regionCode: string;
    startsOn?: string;
    items: NoticeItemInput[];
  },
) {
  const calendar = await getWorkingCalendar(tx);
  const today = beijingDate(ctx.clock.now());
  if (input.startsOn && input.startsOn < today) throw errors.field("startsOn", "publicity.starts_in_past");
  const window = noticeWindow(input.startsOn ?? today, input.workingDays, calendar);
  const now = ctx.clock.now();
  const [row] = await tx
    .insert(N)
    .values({
      owner: input.owner,
      ownerRef: input.ownerRef,
      stage: input.stage,
      title: input.title,
      body: input.body,
      workingDays: input.workingDays,
      orgId: input.orgId,
      regionCode: input.regionCode,
      createdBy: ctx.actor.userId,
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
    summary: `拟定公示“${input.title}”（${input.items.length} 项）`,
    changes: { itemIds: [null, input.items.map((i) => i.itemId)] },
  });
  await publicityNoticeMachine.move(tx, ctx, row, "publish", {
    set: { ...window, publishedAt: now },
    summary: `发布公示“${input.title}”：${window.startsOn} 至 ${window.endsOn}（${input.workingDays} 个工作日）`,
    changes: { startsOn: [null, window.startsOn], endsOn: [null, window.endsOn] },
  });
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
      and(eq(O.noticeId, noticeId), ne(O.status, "answered"), sql`(${O.itemId} is null or ${O.itemId} = ${itemId})`),
    );
  if (open.count > 0)
    throw new AppError(409, "OBJECTION_OPEN", `有 ${open.count} 件异议尚未答复，答复后方可进入下一环节`, {
      count: open.count,
    });
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

async function toNotices(
  db: Queryable,
  rows: { n: NoticeRow; issuerOrgName: string }[],
  today: string,
  staff: boolean,
) {
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
  return rows.map(
    ({ n, issuerOrgName }): PublicityNotice => ({
      id: n.id,
      owner: n.owner,
      ownerLabel: PUBLICITY_OWNER_LABELS[n.owner] ?? n.owner,
      ownerRef: n.ownerRef,
      stage: n.stage,
      title: n.title,
      body: n.body,
      phase: phaseOf(n, today),
      workingDays: n.workingDays,
      startsOn: n.startsOn,
      endsOn: n.endsOn,
      publishedAt: n.publishedAt?.toISOString() ?? null,
      issuerOrgName,
      regionCode: n.regionCode,
      items: items.get(n.id) ?? [],
      objections: staff
        ? { total: countOf.get(n.id)?.total ?? 0, unanswered: countOf.get(n.id)?.unanswered ?? 0 }
        : null,
    }),
  );
}

/** Staff: the owner's notices within a region condition (the owner's scope). */
export async function listOwnerNotices(
  db: Queryable,
  clock: Clock,
  owner: string,
  where: { ownerRef?: string; region?: (col: typeof N.regionCode) => SQL | undefined },
  q: { page: number; pageSize: number },
) {
  const cond = and(
    eq(N.owner, owner),
    where.ownerRef ? eq(N.ownerRef, where.ownerRef) : undefined,
    where.region?.(N.regionCode),
  );
  const [rows, [{ total }]] = await Promise.all([
    db
      .select(noticeSelect)
      .from(N)
      .where(cond)
      .orderBy(desc(N.createdAt), asc(N.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(N).where(cond),
  ]);
  return {
    items: await toNotices(db, rows, beijingDate(clock.now()), true),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function listPublicNotices(deps: Deps, q: { page: number; pageSize: number; owner?: string }) {
  const where = and(eq(N.status, "published"), q.owner ? eq(N.owner, q.owner) : undefined);
  const [rows, [{ total }]] = await Promise.all([
    deps.db
      .select(noticeSelect)
      .from(N)
      .where(where)
      .orderBy(desc(N.publishedAt), asc(N.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    deps.db.select({ total: sql<number>`count(*)::int` }).from(N).where(where),
  ]);
  return {
    items: await toNotices(deps.db, rows, beijingDate(deps.clock.now()), false),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function getPublicNotice(deps: Deps, id: string) {
  const rows = await deps.db
    .select(noticeSelect)
    .from(N)
    .where(and(eq(N.id, id), eq(N.status, "published")));
  if (!rows[0]) throw errors.notFound("publicity_notice");
  return (await toNotices(deps.db, rows, beijingDate(deps.clock.now()), false))[0];
}

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
function trackingCode(): string {
  return Array.from(crypto.randomBytes(10), (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
}

/** A member of the public objects within the window; returns the tracking code. */
export async function submitObjection(deps: Deps, noticeId: string, input: PublicityObjectionSubmit) {
  return deps.db.transaction(async (tx) => {
    const [n] = await tx
      .select()
      .from(N)
      .where(and(eq(N.id, noticeId), eq(N.status, "published")));
    if (!n) throw errors.notFound("publicity_notice");
    if (phaseOf(n, beijingDate(deps.clock.now())) !== "open")
      throw new AppError(409, "NOTICE_NOT_OPEN", `不在公示期内（${n.startsOn} 至 ${n.endsOn}），不能提出异议`, {
        startsOn: n.startsOn,
        endsOn: n.endsOn,
      });
    let itemLabel: string | null = null;
    if (input.itemId) {
      const [item] = await tx
        .select()
        .from(I)
        .where(and(eq(I.noticeId, n.id), eq(I.itemId, input.itemId), isNull(I.removedAt)));
      if (!item) throw errors.field("itemId", "publicity.item_unknown");
      itemLabel = item.label;
    }
    const code = trackingCode();
    const now = deps.clock.now();
    const [row] = await tx
      .insert(O)
      .values({
        noticeId: n.id,
        itemId: input.itemId ?? null,
        owner: n.owner,
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
      action: "publicity_objection.submit",
      entity: "publicity_objection",
      entityId: row.id,
      regionCode: n.regionCode,
      orgId: n.orgId,
      actorName: "公众",
      summary: `公众对公示“${n.title}”${itemLabel ? `中的“${itemLabel}”` : ""}提出异议`,
      changes: { itemId: [null, input.itemId ?? null], name: [null, "***"], phone: [null, "***"] },
    });
    return {
      trackingCode: code,
      status: "pending" as const,
      message: `异议已收到。请记下查询码 ${code}，凭此码查询处理结果。`,
    };
  });
}

export async function getObjectionByCode(deps: Deps, code: string) {
  const [row] = await deps.db
    .select({ o: O, noticeTitle: N.title, itemLabel: I.label })
    .from(O)
    .innerJoin(N, eq(N.id, O.noticeId))
    .leftJoin(I, and(eq(I.noticeId, O.noticeId), eq(I.itemId, O.itemId)))
    .where(eq(O.trackingCode, code));
  if (!row) throw errors.notFound("publicity_objection");
  const { o } = row;
  const answered = o.status === "answered";
  return {
    trackingCode: o.trackingCode,
    noticeTitle: row.noticeTitle,
    itemLabel: row.itemLabel ?? null,
    status: o.status,
    statusLabel: PUBLICITY_OBJECTION_STATUS_LABELS[o.status],
    reply: answered ? o.reply : null,
    outcome: answered ? o.outcome : null,
    outcomeLabel: answered && o.outcome ? PUBLICITY_OUTCOME_LABELS[o.outcome] : null,
    createdAt: o.createdAt.toISOString(),
    answeredAt: o.answeredAt?.toISOString() ?? null,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Staff: the owner's objections within the region condition it passes (its scope)

type RegionWhere = (col: typeof O.regionCode) => SQL | undefined;
const objectionSelect = {
  o: O,
  noticeTitle: N.title,
  itemLabel: I.label,
  handledByName: sql<string | null>`${userNameSql(O.handledBy)}`,
};
function objectionQuery(db: Queryable) {
  return db
    .select(objectionSelect)
    .from(O)
    .innerJoin(N, eq(N.id, O.noticeId))
    .leftJoin(I, and(eq(I.noticeId, O.noticeId), eq(I.itemId, O.itemId)));
}
function toObjection(
  cipher: Deps["cipher"],
  r: { o: ObjectionRow; noticeTitle: string; itemLabel: string | null; handledByName: string | null },
): PublicityObjection {
  const { o } = r;
  return {
    id: o.id,
    noticeId: o.noticeId,
    noticeTitle: r.noticeTitle,
    itemId: o.itemId,
    itemLabel: r.itemLabel,
    nameMasked: maskName(cipher.decrypt(o.nameEnc)) ?? "",
    phoneMasked: maskPhone(cipher.decrypt(o.phoneEnc)) ?? "",
    content: o.content,
    status: o.status,
    investigation: o.investigation,
    reply: o.reply,
    outcome: o.outcome,
    handledByName: r.handledByName,
    trackingCode: o.trackingCode,
    createdAt: o.createdAt.toISOString(),
    answeredAt: o.answeredAt?.toISOString() ?? null,
  };
}

export async function listObjections(
  ctx: PublicityCtx,
  owner: string,
  region: RegionWhere,
  q: { page: number; pageSize: number; noticeId?: string; status?: ObjectionRow["status"]; ownerRef?: string },
) {
  const where = and(
    eq(O.owner, owner),
    region(O.regionCode),
    q.noticeId ? eq(O.noticeId, q.noticeId) : undefined,
    q.status ? eq(O.status, q.status) : undefined,
    q.ownerRef ? eq(N.ownerRef, q.ownerRef) : undefined,
  );
  const [rows, [{ total }]] = await Promise.all([
    objectionQuery(ctx.db)
      .where(where)
      .orderBy(desc(O.createdAt), asc(O.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: sql<number>`count(*)::int` }).from(O).innerJoin(N, eq(N.id, O.noticeId)).where(where),
  ]);
  return { items: rows.map((r) => toObjection(ctx.cipher, r)), total, page: q.page, pageSize: q.pageSize };
}

async function loadObjection(owner: string, region: RegionWhere, id: string, db: Queryable) {
  const [row] = await objectionQuery(db).where(and(eq(O.id, id), eq(O.owner, owner), region(O.regionCode)));
  if (!row) throw errors.notFound("publicity_objection");
  return row;
}

export async function getObjection(ctx: PublicityCtx, owner: string, region: RegionWhere, id: string) {
  return toObjection(ctx.cipher, await loadObjection(owner, region, id, ctx.db));
}

/** The objector's full name or phone, to contact them: with a stated reason, audited in the same transaction. */
export async function revealObjectionField(
  ctx: PublicityCtx,
  owner: string,
  region: RegionWhere,
  id: string,
  input: { field: "name" | "phone"; reason: string },
) {
  return ctx.db.transaction(async (tx) => {
    const { o } = await loadObjection(owner, region, id, tx);
    const value = ctx.cipher.decrypt(input.field === "name" ? o.nameEnc : o.phoneEnc);
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "access",
      action: "publicity_objection.reveal",
      entity: "publicity_objection",
      entityId: id,
      regionCode: o.regionCode,
      orgId: o.orgId,
      summary: `查看异议人的完整${input.field === "name" ? "姓名" : "联系电话"}，事由：${input.reason}`,
    });
    return { field: input.field, value };
  });
}

export async function investigateObjection(
  ctx: PublicityCtx,
  owner: string,
  region: RegionWhere,
  id: string,
  note: string,
) {
  await ctx.db.transaction(async (tx) => {
    await loadObjection(owner, region, id, tx);
    const [o] = await tx.select().from(O).where(eq(O.id, id)).for("update");
    const investigation = o.investigation ? `${o.investigation}\n${note}` : note;
    await publicityObjectionMachine.move(tx, ctx, o, "investigate", {
      set: { investigation, handledBy: ctx.actor.userId },
      summary: `调查异议：${note}`,
    });
  });
  return getObjection(ctx, owner, region, id);
}

/**
 * Answers an objection. Upheld against a named item: the item is marked removed on every notice listing it, with
 * the reply as the reason, and the owner's effect runs in the same transaction; dismissed: the item stays.
 */
export async function answerObjection(
  ctx: PublicityCtx,
  owner: string,
  region: RegionWhere,
  id: string,
  input: { reply: string; outcome: PublicityOutcome },
) {
  await ctx.db.transaction(async (tx) => {
    await loadObjection(owner, region, id, tx);
    const [o] = await tx.select().from(O).where(eq(O.id, id)).for("update");
    await publicityObjectionMachine.move(tx, ctx, o, "answer", {
      set: { reply: input.reply, outcome: input.outcome, handledBy: ctx.actor.userId, answeredAt: ctx.clock.now() },
      summary: `答复异议（${PUBLICITY_OUTCOME_LABELS[input.outcome]}）：${input.reply}`,
      changes: { outcome: [null, input.outcome] },
    });
    if (input.outcome === "upheld" && o.itemId) {
      await tx
        .update(I)
        .set({ removedAt: ctx.clock.now(), removedReason: input.reply })
        .where(and(eq(I.itemId, o.itemId), isNull(I.removedAt)));
      const effect = owners.get(owner);
      if (!effect) throw new Error(`公示模块未登记 ${owner} 的异议处理`);
      await effect.onUpheld(tx, ctx, {
        itemId: o.itemId,
        noticeId: o.noticeId,
        reason: input.reply,
        objectionId: o.id,
      });
    }
  });
  return getObjection(ctx, owner, region, id);
}
