import { eq, sql } from "drizzle-orm";
import { DEFAULT_SECURITY_POLICY, type SecurityPolicy } from "../../../contracts/identity.js";
import type { Ctx } from "../../core/context.js";
import { settings } from "../../core/core.schema.js";
import type { Queryable } from "../../db/client.js";
import { diff, recordAudit } from "../audit/index.js";

const KEY = "security_policy";
/**
 * Read on every login and request: cached briefly per database (other instances see a change within this
 * time). Pass the database, not a transaction, to use the cache.
 */
const CACHE_MS = 10_000;
const cache = new WeakMap<object, { policy: SecurityPolicy; at: number }>();

export async function getPolicy(db: Queryable): Promise<SecurityPolicy> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.policy;
  const [row] = await db.select().from(settings).where(eq(settings.key, KEY));
  const policy = { ...DEFAULT_SECURITY_POLICY, ...((row?.value as Partial<SecurityPolicy>) ?? {}) };
  cache.set(db, { policy, at: Date.now() });
  return policy;
}

export async function updatePolicy(ctx: Ctx, next: SecurityPolicy): Promise<SecurityPolicy> {
  await ctx.db.transaction(async (tx) => {
    const before = await getPolicy(tx);
    await tx
      .insert(settings)
      .values({ key: KEY, value: next })
      .onConflictDoUpdate({ target: settings.key, set: { value: next, updatedAt: sql`now()` } });
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "security.policy_update",
      entity: "setting",
      entityId: KEY,
      summary: "修改安全策略",
      changes: diff(before, next),
    });
  });
  cache.delete(ctx.db);
  return getPolicy(ctx.db);
}
