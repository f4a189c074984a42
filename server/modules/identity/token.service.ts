import { and, desc, eq, isNull } from "drizzle-orm";
import { PERMISSIONS, type Permission } from "../../../contracts/identity.js";
import { permissionsOf } from "../../core/access.js";
import type { Clock } from "../../core/clock.js";
import type { Ctx } from "../../core/context.js";
import { randomToken, sm3 } from "../../core/crypto.js";
import { AppError, errors } from "../../core/errors.js";
import { t } from "../../core/i18n.js";
import type { Queryable } from "../../db/client.js";
import { recordAudit } from "../audit/index.js";
import { apiTokens } from "./identity.schema.js";
import { getPolicy } from "./policy.service.js";
import { TOKEN_PREFIX } from "./session.service.js";

/** Without a choice a token lives this long, or the policy's maximum if that is shorter. */
const DEFAULT_TOKEN_DAYS = 90;

export type TokenInput = {
  name: string;
  expiresInDays?: number;
  permissions?: Permission[] | null;
  readOnly?: boolean;
};

/** The lifetime choices the caller has: the policy's maximum and the default. */
export async function tokenOptions(ctx: Ctx) {
  const { tokenMaxDays } = await getPolicy(ctx.db);
  return { maxDays: tokenMaxDays, defaultDays: Math.min(DEFAULT_TOKEN_DAYS, tokenMaxDays) };
}

/**
 * Creates a personal API token, shown once. Only from a signed-in session (the route is sessionOnly, and a
 * token actor is refused here too); its lifetime is capped by the security policy; it may be limited to some
 * of the owner's own permissions and to reading.
 */
export async function createApiToken(ctx: Ctx, input: TokenInput) {
  if (ctx.actor.tokenId) throw new AppError(403, "SESSION_REQUIRED", t("auth.token_session_only"));
  const { maxDays, defaultDays } = await tokenOptions(ctx);
  const days = input.expiresInDays ?? defaultDays;
  if (days > maxDays) throw errors.field("expiresInDays", "auth.token_days_over", { max: maxDays });
  let permissions: Permission[] | null = null;
  if (input.permissions) {
    const mine = permissionsOf(ctx.actor);
    const missing = input.permissions.filter((p) => !mine.has(p));
    if (missing.length)
      throw errors.field("permissions", "auth.token_permission_not_held", {
        permissions: missing.map((p) => PERMISSIONS[p].label).join("、"),
      });
    permissions = [...new Set(input.permissions)].sort();
  }
  const readOnly = input.readOnly ?? false;
  const token = `${TOKEN_PREFIX}${randomToken(32)}`;
  const now = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const [r] = await tx
      .insert(apiTokens)
      .values({
        userId: ctx.actor.userId,
        name: input.name,
        tokenHash: sm3(token),
        prefix: token.slice(0, 10),
        createdAt: now,
        expiresAt: new Date(now.getTime() + days * 86_400_000),
        permissions,
        readOnly,
      })
      .returning();
    const limits = [
      permissions ? `限 ${permissions.length} 项权限` : "本人全部权限",
      readOnly ? "只读" : null,
      `${days} 天`,
    ].filter(Boolean);
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "auth",
      action: "auth.token_create",
      entity: "token",
      entityId: r.id,
      summary: `创建 API 令牌“${input.name}”（${limits.join("，")}）`,
    });
    return r;
  });
  return { token, ...tokenView(row) };
}

export function tokenView(r: typeof apiTokens.$inferSelect) {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt?.toISOString() ?? null,
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    permissions: r.permissions ?? null,
    readOnly: r.readOnly,
  };
}

export async function listApiTokens(ctx: Ctx) {
  const rows = await ctx.db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, ctx.actor.userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map(tokenView);
}

export async function revokeApiToken(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    const rows = await tx
      .update(apiTokens)
      .set({ revokedAt: ctx.clock.now() })
      .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, ctx.actor.userId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id, name: apiTokens.name });
    if (rows.length === 0) throw errors.notFound("token");
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "auth",
      action: "auth.token_revoke",
      entity: "token",
      entityId: id,
      summary: `吊销 API 令牌“${rows[0].name}”`,
    });
  });
}

/** Revokes every live token of a user (password changed or reset, account disabled); returns how many. */
export async function revokeUserTokens(db: Queryable, clock: Clock, userId: string): Promise<number> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: clock.now() })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length;
}
