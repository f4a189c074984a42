import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import { authenticator } from "otplib";
import { isAdministrativePermission, type SecurityPolicy } from "../../../contracts/identity.js";
import type { Actor } from "../../core/access.js";
import type { Ctx, Deps } from "../../core/context.js";
import { AppError, errors } from "../../core/errors.js";
import { t } from "../../core/i18n.js";
import type { Queryable, Tx } from "../../db/client.js";
import { recordAudit, recordAuditNow } from "../audit/index.js";
import { checkCaptcha, clearClientFailures, clientFailures, countClientFailure } from "./captcha.service.js";
import { passwordHistory, users } from "./identity.schema.js";
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from "./password.js";
import { getPolicy } from "./policy.service.js";
import { createSession, loadActorForUser, revokeSessions, setSessionStage } from "./session.service.js";
import { revokeUserTokens } from "./token.service.js";

type LoginInput = { username: string; password: string; totp?: string; captchaId?: string; captcha?: string };
type Meta = { ip: string | null; userAgent: string | null };

export function totpAt(deps: Pick<Deps, "clock">) {
  return authenticator.clone({ epoch: deps.clock.now().getTime(), window: 1 });
}

/**
 * Whether SHILIU_MFA requires this actor to use a second factor: with "admins", the three admins and every
 * role that can administer accounts or their rights (create, change, reset or unlock users, grant or define
 * roles, set the security policy), such as a delegated 民族工作部门管理员.
 */
export function mfaRequired(deps: Pick<Deps, "mfa">, actor: Actor): boolean {
  if (deps.mfa === "off") return false;
  if (deps.mfa === "all") return true;
  return actor.roles.some((r) => r.adminKind !== null || r.permissions.some(isAdministrativePermission));
}

export function passwordExpiresAt(passwordChangedAt: Date, expiryDays: number): Date | null {
  return expiryDays > 0 ? new Date(passwordChangedAt.getTime() + expiryDays * 86_400_000) : null;
}

const TOTP_STEP_MS = 30_000;

/**
 * Checks a TOTP code and uses it up: the code's time step must be later than the last one accepted for the
 * user, set in the same atomic UPDATE, so a code (or an older one) is accepted once only, even in parallel.
 */
export async function consumeTotp(
  deps: Pick<Deps, "clock" | "cipher">,
  db: Queryable,
  userId: string,
  secretEnc: string,
  code: string,
) {
  const delta = totpAt(deps).checkDelta(code, deps.cipher.decrypt(secretEnc));
  if (delta === null) return false;
  const step = Math.floor(deps.clock.now().getTime() / TOTP_STEP_MS) + delta;
  const rows = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return rows.length > 0;
}

type Reservation = { lockedUntil: Date | null };

/**
 * Reserves one login attempt before the password is checked: one atomic UPDATE counts it as a failure, and
 * the attempt that reaches the threshold locks the account at once. A locked account reserves nothing, so
 * however many attempts arrive together, at most lockThreshold passwords are checked per lock period.
 * A success clears the count (and the lock, if this attempt set it); an attempt that needs no verdict
 * (password right, TOTP code still to come) hands its reservation back.
 */
async function reserveAttempt(db: Queryable, userId: string, policy: SecurityPolicy, now: Date) {
  const until = new Date(now.getTime() + policy.lockMinutes * 60_000).toISOString();
  const res = await db.execute<{ locked_until: string | Date | null }>(sql`
    UPDATE users SET
      failed_logins = CASE WHEN failed_logins + 1 >= ${policy.lockThreshold} THEN 0 ELSE failed_logins + 1 END,
      locked_until = CASE WHEN failed_logins + 1 >= ${policy.lockThreshold} THEN ${until}::timestamptz ELSE NULL END
    WHERE id = ${userId} AND (locked_until IS NULL OR locked_until <= ${now.toISOString()}::timestamptz)
    RETURNING locked_until`);
  const row = res.rows[0];
  if (!row) return null;
  return { lockedUntil: row.locked_until ? new Date(row.locked_until) : null } satisfies Reservation;
}

async function releaseAttempt(db: Queryable, userId: string, r: Reservation, policy: SecurityPolicy) {
  if (r.lockedUntil) {
    await db
      .update(users)
      .set({ failedLogins: policy.lockThreshold - 1, lockedUntil: null })
      .where(and(eq(users.id, userId), eq(users.lockedUntil, r.lockedUntil)));
  } else {
    await db.execute(sql`UPDATE users SET failed_logins = greatest(failed_logins - 1, 0)
      WHERE id = ${userId} AND locked_until IS NULL`);
  }
}

/**
 * Failures for user names that do not exist, per database, so an unknown name is answered exactly like a
 * real one, lockout included, and the answers do not tell which names exist. Bounded: the oldest is dropped.
 */
const phantoms = new WeakMap<object, Map<string, { failures: number; lockedUntil: number }>>();
const PHANTOM_MAX = 10_000;

function phantomAttempt(db: object, username: string, policy: SecurityPolicy, now: Date) {
  const map = phantoms.get(db) ?? new Map<string, { failures: number; lockedUntil: number }>();
  phantoms.set(db, map);
  const at = now.getTime();
  const entry = map.get(username) ?? { failures: 0, lockedUntil: 0 };
  if (entry.lockedUntil > at)
    return { refusedMinutes: Math.ceil((entry.lockedUntil - at) / 60_000), justLocked: false };
  const failures = entry.failures + 1;
  const justLocked = failures >= policy.lockThreshold;
  map.delete(username);
  map.set(
    username,
    justLocked ? { failures: 0, lockedUntil: at + policy.lockMinutes * 60_000 } : { failures, lockedUntil: 0 },
  );
  if (map.size > PHANTOM_MAX) map.delete(map.keys().next().value as string);
  return { refusedMinutes: 0, justLocked };
}

/**
 * Password login with lockout: lockThreshold failures (policy, default 5) lock the account for lockMinutes,
 * counted atomically (see reserveAttempt). An unknown user name gets the same answers as a wrong password,
 * after the same argon2 work. Every attempt is audited. A successful login may open a restricted session
 * that must change the password or enrol TOTP.
 */
export async function login(deps: Deps, input: LoginInput, meta: Meta) {
  const { db, clock } = deps;
  const policy = await getPolicy(db);
  const now = clock.now();
  const [user] = await db.select().from(users).where(eq(users.username, input.username));
  const captchaNeeded = (await clientFailures(db, meta.ip, policy, now)) >= policy.captchaAfter;
  /** Counts the failure for the client too; from the threshold on, the answer says a captcha is now asked. */
  const fail = async (summary: string, error: AppError, userId?: string) => {
    const failures = await countClientFailure(db, meta.ip, policy, now);
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
    if (failures < policy.captchaAfter) return error;
    const details = { ...((error.details as object | undefined) ?? {}), captchaRequired: true };
    return new AppError(error.status, error.code, error.message, details);
  };
  const badCredentials = () =>
    new AppError(
      401,
      "BAD_CREDENTIALS",
      t("auth.bad_credentials_policy", { threshold: policy.lockThreshold, minutes: policy.lockMinutes }),
    );
  const locked = (minutes: number) =>
    new AppError(423, "ACCOUNT_LOCKED", t("auth.locked", { minutes }), { minutesLeft: minutes });
  const lockedSummary = `连续失败 ${policy.lockThreshold} 次，账号锁定`;

  // The captcha comes before anything else: a client over the threshold gets no verdict on the password.
  if (captchaNeeded && !(await checkCaptcha(deps, input.captchaId, input.captcha))) {
    const given = Boolean(input.captchaId || input.captcha);
    throw await fail(
      given ? "验证码错误或已失效" : "未填写验证码",
      new AppError(
        401,
        given ? "CAPTCHA_INVALID" : "CAPTCHA_REQUIRED",
        t(given ? "auth.captcha_invalid" : "auth.captcha_required"),
        {
          captchaRequired: true,
        },
      ),
      user?.id,
    );
  }

  if (!user) {
    const p = phantomAttempt(db, input.username, policy, now);
    if (p.refusedMinutes) throw await fail("用户名不存在（已按锁定答复）", locked(p.refusedMinutes));
    await verifyPassword(await dummyPasswordHash(), input.password);
    throw await fail(
      p.justLocked ? `用户名不存在（${lockedSummary}）` : "用户名不存在",
      p.justLocked ? locked(policy.lockMinutes) : badCredentials(),
    );
  }
  const reservation = await reserveAttempt(db, user.id, policy, now);
  if (!reservation) {
    const [row] = await db.select({ lockedUntil: users.lockedUntil }).from(users).where(eq(users.id, user.id));
    const left = (row?.lockedUntil?.getTime() ?? now.getTime()) - now.getTime();
    throw await fail("账号已锁定", locked(Math.max(1, Math.ceil(left / 60_000))), user.id);
  }
  const weLocked = reservation.lockedUntil !== null;
  const passwordOk = await verifyPassword(user.passwordHash, input.password);
  let totpOk = true;
  if (passwordOk && user.totpEnabled && user.totpSecretEnc) {
    if (!input.totp) {
      await releaseAttempt(db, user.id, reservation, policy);
      // The password was right: the second step does not ask this client for another captcha.
      await clearClientFailures(db, meta.ip);
      throw new AppError(401, "TOTP_REQUIRED", t("auth.totp_required"));
    }
    totpOk = await consumeTotp(deps, db, user.id, user.totpSecretEnc, input.totp);
  }
  if (!passwordOk || !totpOk) {
    const error = weLocked
      ? locked(policy.lockMinutes)
      : !totpOk
        ? new AppError(401, "TOTP_INVALID", t("auth.totp_invalid"))
        : badCredentials();
    throw await fail(weLocked ? lockedSummary : !totpOk ? "动态验证码错误或已使用" : "密码错误", error, user.id);
  }
  if (user.status !== "active") {
    await releaseAttempt(db, user.id, reservation, policy);
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
  await clearClientFailures(db, meta.ip);
  const session = await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ failedLogins: 0, lastLoginAt: now, ...(weLocked ? { lockedUntil: null } : {}) })
      .where(eq(users.id, user.id));
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

/**
 * Stores a new password hash and its history entry, and revokes the user's API tokens: a token never
 * outlives the password it was made under (own change, admin reset). Returns how many tokens were revoked.
 */
export async function storePassword(
  tx: Tx,
  ctx: Pick<Deps, "clock">,
  userId: string,
  password: string,
  mustChange: boolean,
): Promise<number> {
  const hash = await hashPassword(password);
  const now = ctx.clock.now();
  await tx
    .update(users)
    .set({ passwordHash: hash, passwordChangedAt: now, mustChangePassword: mustChange, updatedAt: now })
    .where(eq(users.id, userId));
  await tx.insert(passwordHistory).values({ userId, passwordHash: hash, createdAt: now });
  return revokeUserTokens(tx, ctx.clock, userId);
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
    const tokensRevoked = await storePassword(tx, ctx, user.id, newPassword, false);
    const others = await tx.execute<{ id: string }>(sqlOtherSessions(user.id, ctx.actor.sessionId));
    const ids = others.rows.map((r) => r.id);
    if (ids.length) await revokeSessions(tx, ctx.clock, { ids }, "修改密码");
    if (ctx.actor.sessionId) await setSessionStage(tx, ctx.actor.sessionId, nextStage);
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "auth",
      action: "auth.password_change",
      entity: "user",
      entityId: user.id,
      summary: tokensRevoked ? `修改本人密码，吊销 API 令牌 ${tokensRevoked} 个` : "修改本人密码",
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
      .set({ totpSecretEnc: ctx.cipher.encrypt(secret), totpEnabled: false, totpLastStep: null })
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
  // The confirming code is used up too: it cannot sign in afterwards.
  if (!(await consumeTotp(ctx, ctx.db, user.id, user.totpSecretEnc, code)))
    throw errors.field("totp", "auth.totp_invalid");
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
