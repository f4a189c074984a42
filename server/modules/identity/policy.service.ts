import { eq, sql } from "drizzle-orm";
import { DEFAULT_SECURITY_POLICY, type SecurityPolicy } from "../../../contracts/identity.js";
import type { Ctx } from "../../core/context.js";
import { settings } from "../../core/core.schema.js";
import type { Queryable } from "../../db/client.js";
import { diff, recordAudit } from "../audit/audit.service.js";

const KEY = "security_policy";
/** Read on every login and request: cached briefly; other instances see a change within this time. */
const CACHE_MS = 10_000;
let cached: { policy: SecurityPolicy; at: number; db: Queryable } | null = null;

export async function getPolicy(db: Queryable): Promise<SecurityPolicy> {
  if (cached && cached.db === db && Date.now() - cached.at < CACHE_MS) return cached.policy;
  const [row] = await db.select().from(settings).where(eq(settings.key, KEY));
  const policy = { ...DEFAULT_SECURITY_POLICY, ...((row?.value as Partial<SecurityPolicy>) ?? {}) };
  cached = { policy, at: Date.now(), db };
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
  cached = null;
  return getPolicy(ctx.db);
}
