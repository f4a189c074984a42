import { inArray } from "drizzle-orm";
import type { Db, Queryable } from "../db/client.js";
import type { Actor } from "./access.js";
import { type Ctx, readDb } from "./context.js";
import { dataRevisions } from "./core.schema.js";

/**
 * Figures that are read far more often than their data changes (a province's statistics over half a million
 * rows), kept in memory and served again only while they are still exact:
 *
 * - every table the figure reads has a statement trigger (migrations 0026…) that bumps a counter in
 *   `data_revisions` in the writing transaction, whatever code path or instance wrote;
 * - a read first fetches the counters (one indexed row each) and reuses the cached value only if they are the
 *   ones it was computed at, and if it is younger than `ttlMs` — figures that move with the clock (overdue
 *   counts, "today") or with names in other modules (an organization renamed) lag by at most that much;
 * - entries are per database and per caller-visible key (the caller's scope and query), least recently used out.
 *
 * So the first read after a write pays for the full query, and every read until the next write costs one lookup.
 *
 * Such figures tolerate the read replica's bounded lag (context.ts readDb): the counters and the figure are read
 * from the same database (`compute` is given it), so a replica's figure is cached against the replica's counters.
 */
export async function revisionsOf(db: Queryable, keys: readonly string[]): Promise<string> {
  const rows = await db
    .select({ key: dataRevisions.key, revision: dataRevisions.revision })
    .from(dataRevisions)
    .where(inArray(dataRevisions.key, [...keys]));
  const by = new Map(rows.map((r) => [r.key, r.revision]));
  return keys.map((k) => by.get(k) ?? 0).join(".");
}

type Entry<T> = { revision: string; at: number; value: T };

export function revisionCache<T>(opts: { keys: readonly string[]; ttlMs: number; size: number }) {
  const perDb = new WeakMap<object, Map<string, Entry<T>>>();
  return {
    async get(
      ctx: Pick<Ctx, "db" | "clock" | "readDb">,
      cacheKey: string,
      compute: (db: Db) => Promise<T>,
    ): Promise<T> {
      const db = readDb(ctx);
      let cache = perDb.get(db);
      if (!cache) {
        cache = new Map();
        perDb.set(db, cache);
      }
      const revision = await revisionsOf(db, opts.keys);
      const now = ctx.clock.now().getTime();
      const hit = cache.get(cacheKey);
      if (hit && hit.revision === revision && now >= hit.at && now - hit.at < opts.ttlMs) {
        cache.delete(cacheKey);
        cache.set(cacheKey, hit);
        return hit.value;
      }
      const value = await compute(db);
      cache.delete(cacheKey);
      cache.set(cacheKey, { revision, at: now, value });
      if (cache.size > opts.size) cache.delete(cache.keys().next().value!);
      return value;
    },
  };
}

/** What a scoped figure depends on of its caller: who, their organization and region, and their roles' scopes. */
export function actorCacheKey(actor: Actor, query: unknown): string {
  const roles = actor.roles.map((r) => `${r.id}:${r.dataScope}`).sort();
  return JSON.stringify([actor.userId, actor.orgId, actor.regionCode, roles, query]);
}
