import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { authenticator } from "otplib";
import type { Actor } from "../../core/access.js";
import type { Ctx, Deps } from "../../core/context.js";
import { randomToken, sm3 } from "../../core/crypto.js";
import { AppError, errors } from "../../core/errors.js";
import { t } from "../../core/i18n.js";
import type { Queryable, Tx } from "../../db/client.js";
import { recordAudit, recordAuditNow } from "../audit/audit.service.js";
import { apiTokens, passwordHistory, users } from "./identity.schema.js";
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from "./password.js";
import { getPolicy } from "./policy.service.js";
import { createSession, loadActorForUser, revokeSessions, setSessionStage, TOKEN_PREFIX } from "./session.service.js";

type LoginInput = { username: string; password: string; totp?: string };
type Meta = { ip: string | null; userAgent: string | null };

export function totpAt(deps: Pick<Deps, "clock">) {
  return authenticator.clone({ epoch: deps.clock.now().getTime(), window: 1 });
}

/** Whether SHILIU_MFA requires this actor to use a second factor. */
export function mfaRequired(deps: Pick<Deps, "mfa">, actor: Actor): boolean {
  if (deps.mfa === "off") return false;
  if (deps.mfa === "all") return true;
  return actor.roles.some((r) => r.adminKind !== null);
}

export function passwordExpiresAt(passwordChangedAt: Date, expiryDays: number): Date | null {
  return expiryDays > 0 ? new Date(passwordChangedAt.getTime() + expiryDays * 86_400_000) : null;
}

/**
 * Password login with lockout: 5 failures (policy) lock the account for 15 minutes. Every attempt is
 * audited. A successful login may open a restricted session that must change the password or enrol TOTP.
 */
export async function login(deps: Deps, input: LoginInput, meta: Meta) {
  const { db, clock } = deps;
  const policy = await getPolicy(db);
  const now = clock.now();
  const [user] = await db.select().from(users).where(eq(users.username, input.username));
  const fail = async (summary: string, error: AppError, userId?: string) => {
    await recordAuditNow(db, clock, null, {
      category: "auth",
      action: "auth.login",
      entity: "user",
      entityId: userId ?? null,
      outcome: "failure",
      actorName: input.username.slice(0, 64),
      ip: meta.ip,
      summary,
    });
    return error;
  };
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    throw await fail("用户名不存在", new AppError(401, "BAD_CREDENTIALS", t("auth.bad_credentials")));
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    const minutes = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60_000);
    throw await fail(
      "账号已锁定",
      new AppError(423, "ACCOUNT_LOCKED", t("auth.locked", { minutes }), { minutesLeft: minutes }),
      user.id,
    );
  }
  const passwordOk = await verifyPassword(user.passwordHash, input.password);
  let totpOk = true;
  if (passwordOk && user.totpEnabled && user.totpSecretEnc) {
    if (!input.totp) throw new AppError(401, "TOTP_REQUIRED", t("auth.totp_required"));
    totpOk = totpAt(deps).check(input.totp, deps.cipher.decrypt(user.totpSecretEnc));
  }
  if (!passwordOk || !totpOk) {
    const failures = user.failedLogins + 1;
    const lock = failures >= policy.lockThreshold;
    await db
      .update(users)
      .set(
        lock
          ? { failedLogins: 0, lockedUntil: new Date(now.getTime() + policy.lockMinutes * 60_000) }
          : { failedLogins: failures },
      )
      .where(eq(users.id, user.id));
    const error = lock
      ? new AppError(423, "ACCOUNT_LOCKED", t("auth.locked", { minutes: policy.lockMinutes }), {
          minutesLeft: policy.lockMinutes,
        })
      : !totpOk
        ? new AppError(401, "TOTP_INVALID", t("auth.totp_invalid"))
        : new AppError(
            401,
            "BAD_CREDENTIALS",
            t("auth.bad_credentials_left", { left: policy.lockThreshold - failures, minutes: policy.lockMinutes }),
            { attemptsLeft: policy.lockThreshold - failures },
          );
    throw await fail(
      lock ? `连续失败 ${policy.lockThreshold} 次，账号锁定` : !totpOk ? "动态验证码错误" : "密码错误",
      error,
      user.id,
    );
  }
  if (user.status !== "active") {
    throw await fail("账号已停用", new AppError(403, "ACCOUNT_DISABLED", t("auth.disabled")), user.id);
  }
  const actor = (await loadActorForUser(db, user.id, meta.ip))!;
  const expires = passwordExpiresAt(user.passwordChangedAt, policy.expiryDays);
  const stage: Actor["stage"] =
    user.mustChangePassword || (expires && expires <= now)
      ? "change_password"
      : mfaRequired(deps, actor) && !user.totpEnabled
        ? "enrol_totp"
        : "full";
  const session = await db.transaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now }).where(eq(users.id, user.id));
    const s = await createSession(tx, clock, user.id, stage, meta, policy);
    await recordAudit(
      tx,
      clock,
      { ...actor, sessionId: s.id },
      {
        category: "auth",
        action: "auth.login",
        entity: "user",
        entityId: user.id,
        regionCode: user.regionCode,
        orgId: user.orgId,
        summary: stage === "full" ? "登录成功" : `登录成功，须先${t(`stages.${stage}`)}`,
      },
    );
    return s;
  });
  return { token: session.token, sessionId: session.id, stage, actor: { ...actor, stage, sessionId: session.id } };
}

export async function logout(ctx: Ctx) {
  if (!ctx.actor.sessionId) return;
  const sessionId = ctx.actor.sessionId;
  await ctx.db.transaction(async (tx) => {
    await revokeSessions(tx, ctx.clock, { ids: [sessionId] }, "用户退出");
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "auth",
      action: "auth.logout",
      entity: "user",
      entityId: ctx.actor.userId,
      summary: "退出登录",
    });
  });
}

/** Refuses a new password that breaks the policy or repeats one of the last N. */
export async function assertNewPassword(
  tx: Queryable,
  userId: string,
  username: string,
  password: string,
  field = "newPassword",
) {
  const policy = await getPolicy(tx);
  const problem = passwordProblem(password, policy, username);
  if (problem) throw errors.field(field, "errors.conflict", { detail: problem });
  const recent = await tx
    .select({ hash: passwordHistory.passwordHash })
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, userId))
    .orderBy(desc(passwordHistory.id))
    .limit(policy.historyCount);
  for (const r of recent) {
    if (await verifyPassword(r.hash, password))
      throw errors.field(field, "auth.password_reused", { count: policy.historyCount });
  }
}

/** Stores a new password hash and its history entry. */
export async function storePassword(
  tx: Tx,
  ctx: Pick<Deps, "clock">,
  userId: string,
  password: string,
  mustChange: boolean,
) {
  const hash = await hashPassword(password);
  const now = ctx.clock.now();
  await tx
    .update(users)
    .set({ passwordHash: hash, passwordChangedAt: now, mustChangePassword: mustChange, updatedAt: now })
    .where(eq(users.id, userId));
  await tx.insert(passwordHistory).values({ userId, passwordHash: hash, createdAt: now });
}

/** Changes the caller's own password; every other session of theirs is ended. */
export async function changeOwnPassword(ctx: Ctx, oldPassword: string, newPassword: string) {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, ctx.actor.userId));
  if (!(await verifyPassword(user.passwordHash, oldPassword)))
    throw errors.field("oldPassword", "auth.old_password_wrong");
  if (oldPassword === newPassword) throw errors.field("newPassword", "auth.password_reused", { count: 1 });
  await assertNewPassword(ctx.db, user.id, user.username, newPassword);
  const nextStage: Actor["stage"] = mfaRequired(ctx, ctx.actor) && !user.totpEnabled ? "enrol_totp" : "full";
  await ctx.db.transaction(async (tx) => {
    await storePassword(tx, ctx, user.id, newPassword, false);
    const others = await tx.execute<{ id: string }>(sqlOtherSessions(user.id, ctx.actor.sessionId));
    const ids = others.rows.map((r) => r.id);
    if (ids.length) await revokeSessions(tx, ctx.clock, { ids }, "修改密码");
    if (ctx.actor.sessionId) await setSessionStage(tx, ctx.actor.sessionId, nextStage);
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "auth",
      action: "auth.password_change",
      entity: "user",
      entityId: user.id,
      summary: "修改本人密码",
      changes: { password: ["***", "***"] },
    });
  });
  return nextStage;
}

function sqlOtherSessions(userId: string, keep: string | null) {
  return sql`SELECT id FROM sessions WHERE user_id = ${userId} AND revoked_at IS NULL ${keep ? sql`AND id <> ${keep}` : sql``}`;
}

/** Starts TOTP enrolment: a new secret, stored encrypted but not active until a code confirms it. */
export async function startTotp(ctx: Ctx) {
  const secret = authenticator.generateSecret();
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ totpSecretEnc: ctx.cipher.encrypt(secret), totpEnabled: false })
      .where(eq(users.id, ctx.actor.userId));
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "auth",
      action: "auth.totp_start",
      entity: "user",
      entityId: ctx.actor.userId,
      summary: "开始绑定动态验证码",
    });
  });
  return { secret, otpauthUrl: authenticator.keyuri(ctx.actor.username, "石榴平台", secret) };
}

export async function enableTotp(ctx: Ctx, code: string) {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, ctx.actor.userId));
  if (!user.totpSecretEnc) throw errors.field("totp", "auth.totp_not_started");
  if (!totpAt(ctx).check(code, ctx.cipher.decrypt(user.totpSecretEnc))) throw errors.field("totp", "auth.totp_invalid");
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ totpEnabled: true }).where(eq(users.id, user.id));
    if (ctx.actor.sessionId && ctx.actor.stage === "enrol_totp") await setSessionStage(tx, ctx.actor.sessionId, "full");
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "auth",
      action: "auth.totp_enable",
      entity: "user",
      entityId: user.id,
      summary: "绑定动态验证码",
    });
  });
}

export async function createApiToken(ctx: Ctx, name: string, expiresInDays: number) {
  const token = `${TOKEN_PREFIX}${randomToken(32)}`;
  const now = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const [r] = await tx
      .insert(apiTokens)
      .values({
        userId: ctx.actor.userId,
        name,
        tokenHash: sm3(token),
        prefix: token.slice(0, 10),
        createdAt: now,
        expiresAt: new Date(now.getTime() + expiresInDays * 86_400_000),
      })
      .returning();
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "auth",
      action: "auth.token_create",
      entity: "token",
      entityId: r.id,
      summary: `创建 API 令牌“${name}”`,
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
