/**
 * 消息中心. Derived to-dos are synced into messages when the user looks (at most once a minute) and by the daily
 * digest for users who asked for one; event messages are written by the modules in their own transactions
 * (`notifyUsers`). A user reads and marks only their own messages: every query here is keyed on the caller.
 */
import { and, count, desc, eq, isNull, notInArray, type SQL, sql } from "drizzle-orm";
import { beijingDate } from "../../../contracts/dates.js";
import {
  MESSAGE_SOURCES,
  type MessageQuery,
  type MessageView,
  type NotifySettings,
} from "../../../contracts/notify.js";
import type { Clock } from "../../core/clock.js";
import type { Ctx, Deps } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import type { Queryable, Tx } from "../../db/client.js";
import { diff, recordAudit } from "../audit/index.js";
import { loadActorForUser, userContact } from "../identity/index.js";
import { notifyAdapters } from "./channels.js";
import { notifyDeliveries, notifyMessages, notifyPrefs } from "./notify.schema.js";
import { todoSources } from "./sources.js";

const M = notifyMessages;
const SYNC_EVERY_MS = 60_000;

/** Brings the caller's to-do messages in step with the modules' live lists. Returns how many are open. */
export async function syncTodos(ctx: Ctx, opts: { force?: boolean } = {}): Promise<number> {
  const userId = ctx.actor.userId;
  const now = ctx.clock.now();
  if (!opts.force) {
    const [p] = await ctx.db
      .select({ at: notifyPrefs.syncedAt })
      .from(notifyPrefs)
      .where(eq(notifyPrefs.userId, userId));
    if (p?.at && now.getTime() - p.at.getTime() < SYNC_EVERY_MS && p.at.getTime() <= now.getTime()) return -1;
  }
  const items: {
    source: string;
    key: string;
    kindLabel: string;
    title: string;
    body: string;
    link: string | null;
    dueOn: string | null;
    overdue: boolean;
  }[] = [];
  for (const s of todoSources()) {
    if (!s.applies(ctx)) continue;
    for (const i of await s.list(ctx)) items.push({ source: s.source, ...i, body: i.body ?? "" });
  }
  await ctx.db.transaction(async (tx) => {
    if (items.length > 0)
      await tx
        .insert(M)
        .values(items.map((i) => ({ userId, category: "todo" as const, createdAt: now, ...i })))
        .onConflictDoUpdate({
          target: [M.userId, M.key],
          set: {
            title: sql`excluded.title`,
            kindLabel: sql`excluded.kind_label`,
            body: sql`excluded.body`,
            link: sql`excluded.link`,
            dueOn: sql`excluded.due_on`,
            overdue: sql`excluded.overdue`,
            resolvedAt: sql`NULL`,
            // A to-do that has just become overdue (or has come back) is news again.
            readAt: sql`CASE WHEN (excluded.overdue AND NOT ${M.overdue}) OR ${M.resolvedAt} IS NOT NULL THEN NULL ELSE ${M.readAt} END`,
          },
        });
    const open = and(eq(M.userId, userId), eq(M.category, "todo"), isNull(M.resolvedAt));
    await tx
      .update(M)
      .set({ resolvedAt: now })
      .where(
        items.length > 0
          ? and(
              open,
              notInArray(
                M.key,
                items.map((i) => i.key),
              ),
            )
          : open,
      );
    await tx
      .insert(notifyPrefs)
      .values({ userId, syncedAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: notifyPrefs.userId, set: { syncedAt: now } });
  });
  return items.length;
}

function view(r: typeof M.$inferSelect): MessageView {
  return {
    id: r.id,
    category: r.category,
    source: r.source,
    sourceLabel: MESSAGE_SOURCES[r.source] ?? r.source,
    kindLabel: r.kindLabel,
    title: r.title,
    body: r.body,
    link: r.link,
    dueOn: r.dueOn,
    overdue: r.overdue && !r.resolvedAt,
    resolved: !!r.resolvedAt,
    read: !!r.readAt,
    createdAt: r.createdAt.toISOString(),
  };
}

const unreadOf = (userId: string) => and(eq(M.userId, userId), isNull(M.readAt), isNull(M.resolvedAt));

export async function listMessages(ctx: Ctx, q: MessageQuery) {
  await syncTodos(ctx);
  const userId = ctx.actor.userId;
  const where: SQL[] = [eq(M.userId, userId)];
  if (q.unread) where.push(isNull(M.readAt), isNull(M.resolvedAt));
  if (q.category) where.push(eq(M.category, q.category));
  if (q.source) where.push(eq(M.source, q.source));
  const [rows, [total], [unread]] = await Promise.all([
    ctx.db
      .select()
      .from(M)
      .where(and(...where))
      // Open before resolved, overdue first, then the newest.
      .orderBy(sql`${M.resolvedAt} IS NOT NULL`, desc(M.overdue), desc(M.createdAt), M.id)
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db
      .select({ n: count() })
      .from(M)
      .where(and(...where)),
    ctx.db.select({ n: count() }).from(M).where(unreadOf(userId)),
  ]);
  return { items: rows.map(view), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize, unread: unread?.n ?? 0 };
}

export async function unreadCounts(ctx: Ctx) {
  await syncTodos(ctx);
  const [row] = await ctx.db
    .select({ unread: count(), overdue: sql<number>`count(*) FILTER (WHERE ${M.overdue})::int` })
    .from(M)
    .where(unreadOf(ctx.actor.userId));
  return { unread: row?.unread ?? 0, overdue: Number(row?.overdue ?? 0) };
}

/** Marks one of the caller's messages read; another user's message is a 404 like a missing one. */
export async function markRead(ctx: Ctx, id: string) {
  const [row] = await ctx.db
    .update(M)
    .set({ readAt: sql`coalesce(${M.readAt}, ${ctx.clock.now()})` })
    .where(and(eq(M.id, id), eq(M.userId, ctx.actor.userId)))
    .returning({ id: M.id });
  if (!row) throw errors.notFound("message");
}

export async function markAllRead(ctx: Ctx) {
  const rows = await ctx.db
    .update(M)
    .set({ readAt: ctx.clock.now() })
    .where(and(eq(M.userId, ctx.actor.userId), isNull(M.readAt)))
    .returning({ id: M.id });
  return rows.length;
}

export async function getSettings(db: Queryable, userId: string): Promise<NotifySettings> {
  const [p] = await db.select().from(notifyPrefs).where(eq(notifyPrefs.userId, userId));
  return { digest: p?.digest ?? false, channels: (p?.channels ?? []) as NotifySettings["channels"] };
}

export async function saveSettings(ctx: Ctx, input: NotifySettings): Promise<NotifySettings> {
  const userId = ctx.actor.userId;
  const channels = [...new Set(input.channels)];
  if (input.digest && channels.length === 0) throw errors.field("channels", "notify.digest_needs_channel");
  return ctx.db.transaction(async (tx) => {
    const before = await getSettings(tx, userId);
    const now = ctx.clock.now();
    await tx
      .insert(notifyPrefs)
      .values({ userId, digest: input.digest, channels, updatedAt: now })
      .onConflictDoUpdate({ target: notifyPrefs.userId, set: { digest: input.digest, channels, updatedAt: now } });
    const after = { digest: input.digest, channels };
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "notify.settings_update",
      entity: "notify_prefs",
      entityId: userId,
      summary: `修改消息提醒设置（每日摘要：${after.digest ? "开启" : "关闭"}）`,
      changes: diff(
        { digest: before.digest, channels: before.channels.join(",") },
        { digest: after.digest, channels: after.channels.join(",") },
      ),
    });
    return after;
  });
}

/**
 * An event message (an answer, an escalation, a decision) to each of these users, written in the caller's
 * transaction so it exists exactly when the change does. `key` makes a retried write harmless.
 */
export async function notifyUsers(
  tx: Tx,
  clock: Clock,
  userIds: readonly string[],
  m: { source: string; key: string; kindLabel: string; title: string; body?: string; link?: string | null },
) {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return;
  const now = clock.now();
  await tx
    .insert(M)
    .values(
      ids.map((userId) => ({
        userId,
        key: `event:${m.key}`,
        category: "event" as const,
        source: m.source,
        kindLabel: m.kindLabel,
        title: m.title,
        body: m.body ?? "",
        link: m.link ?? null,
        createdAt: now,
      })),
    )
    .onConflictDoNothing();
}

/**
 * 每日摘要: for each user who asked for it, their unread messages not yet in a digest go out through each chosen
 * channel's adapter (the logging one by default); every delivery is logged, a failed one with its error.
 */
export async function runDigest(deps: Deps): Promise<{ users: number; deliveries: number; failed: number }> {
  const adapters = await notifyAdapters();
  const subscribers = await deps.db
    .select({ userId: notifyPrefs.userId, channels: notifyPrefs.channels })
    .from(notifyPrefs)
    .where(eq(notifyPrefs.digest, true));
  let users = 0;
  let deliveries = 0;
  let failed = 0;
  for (const s of subscribers) {
    const actor = await loadActorForUser(deps.db, s.userId);
    const contact = await userContact(deps.db, deps.cipher, s.userId);
    if (!actor || !contact) continue;
    await syncTodos({ ...deps, actor }, { force: true });
    const pending = await deps.db
      .select()
      .from(M)
      .where(and(unreadOf(s.userId), isNull(M.digestedAt)))
      .orderBy(desc(M.overdue), M.dueOn, desc(M.createdAt))
      .limit(200);
    if (pending.length === 0) continue;
    users++;
    const now = deps.clock.now();
    const overdue = pending.filter((p) => p.overdue).length;
    const subject = `石榴平台每日提醒（${beijingDate(now)}）：未读 ${pending.length} 条${overdue ? `，其中逾期 ${overdue} 条` : ""}`;
    const lines = pending.map(
      (p) => `【${p.kindLabel}】${p.title}${p.dueOn ? `（期限 ${p.dueOn}${p.overdue ? "，已逾期" : ""}）` : ""}`,
    );
    for (const channel of s.channels as (keyof typeof adapters)[]) {
      const adapter = adapters[channel];
      if (!adapter) continue;
      let error: string | null = null;
      try {
        if (channel === "sms" && !contact.phone) throw new Error("用户未登记手机号");
        await adapter.send({ userId: s.userId, ...contact }, { subject, lines });
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
      deliveries++;
      if (error) failed++;
      await deps.db.insert(notifyDeliveries).values({
        userId: s.userId,
        channel,
        adapter: adapter.name,
        subject,
        messageCount: pending.length,
        status: error ? "failed" : "sent",
        error,
        createdAt: now,
      });
    }
    await deps.db.transaction(async (tx) => {
      await tx
        .update(M)
        .set({ digestedAt: now })
        .where(sql`${M.id} IN ${pending.map((p) => p.id)}`);
      await tx.update(notifyPrefs).set({ lastDigestAt: now }).where(eq(notifyPrefs.userId, s.userId));
    });
  }
  return { users, deliveries, failed };
}

/** Deliveries of the caller's own digests (shown under the settings, so a user sees what went out). */
export async function myDeliveries(ctx: Ctx) {
  return ctx.db
    .select()
    .from(notifyDeliveries)
    .where(eq(notifyDeliveries.userId, ctx.actor.userId))
    .orderBy(desc(notifyDeliveries.createdAt))
    .limit(20);
}
