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
 * So the first read after a write pays for the full query (once: readers arriving while it runs wait for it rather
 * than run it too), and every read until the next write costs one lookup.
 *
 * Such figures tolerate the read replica's bounded lag (context.ts readDb): the counters and the figure are read
 * from the same database (`compute` is given it), so a replica's figure is cached against the replica's counters.
 */
export async function revisionsOf(db: Queryable, keys: readonly string[]): Promise<string> {
  const by = await readRevisions(db, keys);
  return keys.map((k) => by.get(k) ?? 0).join(".");
}

async function readRevisions(db: Queryable, keys: readonly string[]): Promise<Map<string, number>> {
  const rows = await db
    .select({ key: dataRevisions.key, revision: dataRevisions.revision })
    .from(dataRevisions)
    .where(inArray(dataRevisions.key, [...keys]));
  return new Map(rows.map((r) => [r.key, r.revision]));
}

/**
 * The counters of several caches read in one round trip, for a request that consults them all (the dashboard reads
 * nine figures): each cache then takes its keys from here instead of asking the database again. Counters read
 * before a figure is computed are never newer than it, so a figure cached under them is at worst recomputed once
 * more, never served stale.
 */
export type RevisionSnapshot = { db: Db; keys: ReadonlySet<string>; by: Map<string, number> };

export async function revisionSnapshot(db: Db, keys: readonly string[]): Promise<RevisionSnapshot> {
  return { db, keys: new Set(keys), by: await readRevisions(db, keys) };
}

/**
 * One computation per database and key at a time: a caller arriving while it runs gets the same promise instead of
 * starting another (no stampede when a cached figure expires). The key is free again once it settles, failed or not.
 */
export function singleFlight<T>() {
  const perDb = new WeakMap<object, Map<string, Promise<T>>>();
  return (db: object, key: string, run: () => Promise<T>): Promise<T> => {
    let running = perDb.get(db);
    if (!running) {
      running = new Map();
      perDb.set(db, running);
    }
    const pending = running.get(key);
    if (pending) return pending;
    const flight = run().finally(() => running.delete(key));
    running.set(key, flight);
    return flight;
  };
}

type Entry<T> = { revision: string; at: number; value: T };

export function revisionCache<T>(opts: { keys: readonly string[]; ttlMs: number; size: number }) {
  const perDb = new WeakMap<object, Map<string, Entry<T>>>();
  const once = singleFlight<T>();
  return {
    async get(
      ctx: Pick<Ctx, "db" | "clock" | "readDb">,
      cacheKey: string,
      compute: (db: Db) => Promise<T>,
      snapshot?: RevisionSnapshot,
    ): Promise<T> {
      const db = readDb(ctx);
      let cache = perDb.get(db);
      if (!cache) {
        cache = new Map();
        perDb.set(db, cache);
      }
      const revision =
        snapshot && snapshot.db === db && opts.keys.every((k) => snapshot.keys.has(k))
          ? opts.keys.map((k) => snapshot.by.get(k) ?? 0).join(".")
          : await revisionsOf(db, opts.keys);
      const now = ctx.clock.now().getTime();
      const hit = cache.get(cacheKey);
      if (hit && hit.revision === revision && now >= hit.at && now - hit.at < opts.ttlMs) {
        cache.delete(cacheKey);
        cache.set(cacheKey, hit);
        return hit.value;
      }
      // One computation per key and revision at a time: callers arriving while it runs wait for it.
      return once(db, `${revision}\u0000${cacheKey}`, async () => {
        const value = await compute(db);
        cache.delete(cacheKey);
        cache.set(cacheKey, { revision, at: now, value });
        if (cache.size > opts.size) cache.delete(cache.keys().next().value!);
        return value;
      });
    },
  };
}

/** What a scoped figure depends on of its caller: who, their organization and region, and their roles' scopes. */
export function actorCacheKey(actor: Actor, query: unknown): string {
  const roles = actor.roles.map((r) => `${r.id}:${r.dataScope}`).sort();
  return JSON.stringify([actor.userId, actor.orgId, actor.regionCode, roles, query]);
}
