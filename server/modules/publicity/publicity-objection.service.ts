/**
 * 异议, the shared side: the public objects within a notice's window (no sign-in) and looks the answer up by its
 * tracking code; staff of the owning module, within the region condition the owner passes (its scope),
 * investigate, reveal the objector's contact one field at a time (audited) and answer — an upheld objection
 * against a listed item takes it off every notice listing it and runs the owner's effect in the same transaction.
 */
import crypto from "node:crypto";
import { and, asc, desc, eq, ilike, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import { beijingDate } from "../../../contracts/dates.js";
import {
  PUBLICITY_OBJECTION_STATUS_LABELS,
  PUBLICITY_OUTCOME_LABELS,
  type PublicityObjection,
  type PublicityObjectionSubmit,
  type PublicityOutcome,
} from "../../../contracts/publicity.js";
import type { Deps } from "../../core/context.js";
import { maskName, maskPhone } from "../../core/crypto.js";
import { AppError, errors } from "../../core/errors.js";
import type { Queryable } from "../../db/client.js";
import { containsPattern } from "../../db/sql.js";
import { recordAudit } from "../audit/index.js";
import { userNameSql } from "../identity/index.js";
import { publicityNoticeItems as I, publicityNotices as N, publicityObjections as O } from "./publicity.schema.js";
import { ownerEffect, type PublicityCtx, phaseOf, publicityObjectionMachine } from "./publicity.service.js";

type ObjectionRow = typeof O.$inferSelect;

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
function trackingCode(): string {
  return Array.from(crypto.randomBytes(10), (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
}

/**
 * A member of the public objects within the window; returns the tracking code. `owner` limits the notice to one
 * module's (an owner's own public route); `itemField` names the item in a 400 (the owner's word for it).
 */
export async function submitObjection(
  deps: Deps,
  noticeId: string,
  input: PublicityObjectionSubmit,
  opts: { owner?: string; itemField?: string } = {},
) {
  return deps.db.transaction(async (tx) => {
    const [n] = await tx
      .select()
      .from(N)
      .where(and(eq(N.id, noticeId), eq(N.status, "published"), opts.owner ? eq(N.owner, opts.owner) : undefined));
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
      if (!item) throw errors.field(opts.itemField ?? "itemId", "publicity.item_unknown");
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

export async function getObjectionByCode(deps: Deps, code: string, owner?: string) {
  const [row] = await deps.db
    .select({ o: O, noticeTitle: N.title, itemLabel: I.label })
    .from(O)
    .innerJoin(N, eq(N.id, O.noticeId))
    .leftJoin(I, and(eq(I.noticeId, O.noticeId), eq(I.itemId, O.itemId)))
    .where(and(eq(O.trackingCode, code), owner ? eq(O.owner, owner) : undefined));
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
    /** The owner's finer effect (its own public shape shows it). */
    effect: answered ? o.effect : null,
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

/** An objection as its owner's staff see it: the shared shape plus the owner's effect code. */
export type ObjectionRecord = PublicityObjection & { effect: string | null };
function toObjection(
  cipher: Deps["cipher"],
  r: { o: ObjectionRow; noticeTitle: string; itemLabel: string | null; handledByName: string | null },
): ObjectionRecord {
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
    effect: o.effect,
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
  q: {
    page: number;
    pageSize: number;
    noticeId?: string;
    itemId?: string;
    status?: ObjectionRow["status"];
    ownerRef?: string;
    /** Words in the objection's text. */
    q?: string;
  },
) {
  const where = and(
    eq(O.owner, owner),
    region(O.regionCode),
    q.noticeId ? eq(O.noticeId, q.noticeId) : undefined,
    q.itemId ? eq(O.itemId, q.itemId) : undefined,
    q.status ? eq(O.status, q.status) : undefined,
    q.ownerRef ? eq(N.ownerRef, q.ownerRef) : undefined,
    q.q ? ilike(O.content, containsPattern(q.q)) : undefined,
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

/** The objector's full name or phone, to contact them: audited (with the stated reason) in the same transaction. */
export async function revealObjectionField(
  ctx: PublicityCtx,
  owner: string,
  region: RegionWhere,
  id: string,
  input: { field: "name" | "phone"; reason?: string },
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
      summary: `查看异议人的完整${input.field === "name" ? "姓名" : "联系电话"}${input.reason ? `，事由：${input.reason}` : ""}`,
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
 * `effect` is the owner's finer code, kept with the answer and passed to its effect; `summary` its wording.
 */
export async function answerObjection(
  ctx: PublicityCtx,
  owner: string,
  region: RegionWhere,
  id: string,
  input: { reply: string; outcome: PublicityOutcome; effect?: string; summary?: string },
) {
  await ctx.db.transaction(async (tx) => {
    await loadObjection(owner, region, id, tx);
    const [o] = await tx.select().from(O).where(eq(O.id, id)).for("update");
    publicityObjectionMachine.assert(o.status, "answer");
    if (input.outcome === "upheld" && o.itemId) {
      await tx
        .update(I)
        .set({ removedAt: ctx.clock.now(), removedReason: input.reply })
        .where(and(eq(I.itemId, o.itemId), isNull(I.removedAt)));
      await ownerEffect(owner)(tx, ctx, {
        itemId: o.itemId,
        noticeId: o.noticeId,
        reason: input.reply,
        objectionId: o.id,
        effect: input.effect ?? null,
      });
    }
    await publicityObjectionMachine.move(tx, ctx, o, "answer", {
      set: {
        reply: input.reply,
        outcome: input.outcome,
        effect: input.effect ?? null,
        handledBy: ctx.actor.userId,
        answeredAt: ctx.clock.now(),
      },
      summary: input.summary ?? `答复异议（${PUBLICITY_OUTCOME_LABELS[input.outcome]}）：${input.reply}`,
      changes: { outcome: [null, input.outcome], ...(input.effect ? { effect: [null, input.effect] } : {}) },
    });
  });
  return getObjection(ctx, owner, region, id);
}

/** Unanswered objections that hold these items back: to the item itself, or to its notice as a whole. */
export async function unansweredObjections(
  db: Queryable,
  owner: string,
  items: { itemId: string; noticeId: string | null }[],
) {
  const out = new Map<string, number>();
  if (items.length === 0) return out;
  const noticeIds = [...new Set(items.map((a) => a.noticeId).filter((n): n is string => !!n))];
  const rows = await db
    .select({ itemId: O.itemId, noticeId: O.noticeId })
    .from(O)
    .where(
      and(
        eq(O.owner, owner),
        inArray(O.status, ["pending", "investigating"]),
        or(
          inArray(
            O.itemId,
            items.map((a) => a.itemId),
          ),
          noticeIds.length ? and(inArray(O.noticeId, noticeIds), isNull(O.itemId)) : sql`false`,
        ),
      ),
    );
  for (const a of items) {
    const n = rows.filter((r) => r.itemId === a.itemId || (r.itemId === null && r.noticeId === a.noticeId)).length;
    if (n) out.set(a.itemId, n);
  }
  return out;
}

/** The owner's unanswered objections within a region condition, oldest first (its to-do list). */
export async function pendingObjections(db: Queryable, owner: string, region: RegionWhere, limit: number) {
  return db
    .select({ id: O.id, title: N.title, endsOn: N.endsOn })
    .from(O)
    .innerJoin(N, eq(N.id, O.noticeId))
    .where(and(eq(O.owner, owner), region(O.regionCode), inArray(O.status, ["pending", "investigating"])))
    .orderBy(asc(O.createdAt))
    .limit(limit);
}
