import { and, asc, eq, sql } from "drizzle-orm";
import {
  type ListPrefs,
  type ListSettings,
  type ListView,
  type ListViewState,
  MAX_LIST_VIEWS,
} from "../../../contracts/identity.js";
import type { Ctx } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import { userListPrefs, userListViews } from "./identity.schema.js";

/**
 * A user's own list settings. Every query is keyed by the signed-in user: nobody reads or changes another's.
 * These are the user's view of a list, like the page they are on, so they are not audited (see
 * docs/conventions.md); the data they show is read through each list's own permission and scope as always.
 */
export async function listSettingsOf(ctx: Ctx, listId: string): Promise<ListSettings> {
  const me = ctx.actor.userId;
  const [[prefs], views] = await Promise.all([
    ctx.db
      .select({ state: userListPrefs.state })
      .from(userListPrefs)
      .where(and(eq(userListPrefs.userId, me), eq(userListPrefs.listId, listId))),
    ctx.db
      .select()
      .from(userListViews)
      .where(and(eq(userListViews.userId, me), eq(userListViews.listId, listId)))
      .orderBy(asc(userListViews.name)),
  ]);
  return { prefs: (prefs?.state as ListPrefs | undefined) ?? null, views: views.map(toView) };
}

function toView(v: typeof userListViews.$inferSelect): ListView {
  return { id: v.id, name: v.name, state: v.state as ListViewState, updatedAt: v.updatedAt.toISOString() };
}

export async function saveListPrefs(ctx: Ctx, listId: string, prefs: ListPrefs): Promise<ListPrefs> {
  const now = ctx.clock.now();
  await ctx.db
    .insert(userListPrefs)
    .values({ userId: ctx.actor.userId, listId, state: prefs, updatedAt: now })
    .onConflictDoUpdate({
      target: [userListPrefs.userId, userListPrefs.listId],
      set: { state: prefs, updatedAt: now },
    });
  return prefs;
}

/** Saves a view by name; the same name again replaces it. At most MAX_LIST_VIEWS per list. */
export async function saveListView(ctx: Ctx, listId: string, name: string, state: ListViewState): Promise<ListView> {
  const me = ctx.actor.userId;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [{ n }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(userListViews)
      .where(
        and(eq(userListViews.userId, me), eq(userListViews.listId, listId), sql`${userListViews.name} <> ${name}`),
      );
    if (n >= MAX_LIST_VIEWS) throw errors.field("name", "errors.list_views_full", { max: MAX_LIST_VIEWS });
    const [row] = await tx
      .insert(userListViews)
      .values({ userId: me, listId, name, state, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: [userListViews.userId, userListViews.listId, userListViews.name],
        set: { state, updatedAt: now },
      })
      .returning();
    return toView(row);
  });
}

export async function deleteListView(ctx: Ctx, listId: string, id: string): Promise<void> {
  const gone = await ctx.db
    .delete(userListViews)
    .where(and(eq(userListViews.id, id), eq(userListViews.userId, ctx.actor.userId), eq(userListViews.listId, listId)))
    .returning({ id: userListViews.id });
  if (gone.length === 0) throw errors.notFound("list_view");
}
