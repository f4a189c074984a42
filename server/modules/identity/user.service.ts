import { and, asc, desc, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import type { Permission, User, UserAction } from "../../../contracts/identity.js";
import { type Actor, can, inScope, regionTreeWhere, requireScope, scopeFor, scopeWhere } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { maskPhone } from "../../core/crypto.js";
import { AppError, errors } from "../../core/errors.js";
import { t } from "../../core/i18n.js";
import type { Queryable, Tx } from "../../db/client.js";
import { diff, recordAudit } from "../audit/index.js";
import { orgById, orgIsEthnicAffairsDeptSql, orgNameSql, regionNameSql } from "../org/index.js";
import { assertNewPassword, storePassword } from "./auth.service.js";
import { apiTokens, roles, userRoles, users } from "./identity.schema.js";
import { generatePassword, hashPassword } from "./password.js";
import { assertGrantable, type RoleRow, rolesByIds } from "./role.service.js";
import { revokeSessions } from "./session.service.js";
import "./identity.audit-names.js";
import { searchQuery } from "../../core/search.js";
import { userSearch } from "./identity.search.js";

type UserPermission =
  | "user:read"
  | "user:update"
  | "user:disable"
  | "user:reset_password"
  | "user:reset_admin_password"
  | "user:unlock"
  | "user:grant"
  | "user:reveal";

type AdminKind = "system" | "security" | "audit";
type UserRoleRef = { id: string; name: string; adminKind: AdminKind | null };

const userSelect = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  orgId: users.orgId,
  orgName: orgNameSql(users.orgId),
  regionCode: users.regionCode,
  regionName: sql<string>`coalesce(${regionNameSql(users.regionCode)}, '')`,
  phoneEnc: users.phoneEnc,
  status: users.status,
  lockedUntil: users.lockedUntil,
  totpEnabled: users.totpEnabled,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
  // Nested so that users.id keeps its table in this one-table select (see org/org.refs.ts).
  roles: sql<
    UserRoleRef[]
  >`${sql`coalesce((select json_agg(json_build_object('id', r.id, 'name', r.name, 'adminKind', r.admin_kind) order by r.name)
    from ${userRoles} ur join ${roles} r on r.id = ur.role_id where ur.user_id = ${users.id}), '[]'::json)`}`,
};

type UserRow = {
  id: string;
  username: string;
  displayName: string;
  orgId: string;
  orgName: string;
  regionCode: string;
  regionName: string;
  phoneEnc: string | null;
  status: "active" | "disabled";
  lockedUntil: Date | null;
  totpEnabled: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
  roles: UserRoleRef[] | string;
};

const adminKindsOf = (roles: { adminKind: string | null }[]) =>
  roles.map((r) => r.adminKind).filter((k): k is AdminKind => !!k);

/**
 * What the actor may do to this account (三员分立): a 三员 account is managed by 三员 only, its password reset
 * only by one of the other two, its roles granted only by the security admin; nobody grants themself roles.
 */
export function userActions(
  actor: Actor,
  target: { id: string; regionCode: string; orgId: string; roles: { adminKind: string | null }[] },
): UserAction[] {
  const targetKinds = adminKindsOf(target.roles);
  const actorKinds = adminKindsOf(actor.roles);
  const isAdminTarget = targetKinds.length > 0;
  const self = target.id === actor.userId;
  const may = (p: Permission) => {
    const scope = scopeFor(actor, p);
    return !!scope && inScope(scope, { regionCode: target.regionCode, orgId: target.orgId, ownerId: target.id });
  };
  const manages = !isAdminTarget || actorKinds.length > 0;
  const out: UserAction[] = [];
  if (may("user:update") && manages) out.push("update");
  if (may("user:disable") && manages && !self) out.push("set_status");
  if (may("user:unlock") && manages) out.push("unlock");
  if (may("user:reset_password") && !isAdminTarget && !self) out.push("reset_password");
  if (may("user:reset_admin_password") && isAdminTarget && !self && !targetKinds.some((k) => actorKinds.includes(k)))
    out.push("reset_admin_password");
  if (may("user:grant") && !self && (!isAdminTarget || actorKinds.includes("security"))) out.push("grant");
  if (may("user:reveal")) out.push("reveal");
  return out;
}

/** Refuses an action the actor may not take on this account, with the reason. */
function assertAction(actor: Actor, user: User, action: UserAction) {
  if (user.actions.includes(action)) return;
  const isAdminTarget = user.roles.some((r) => r.adminKind);
  if (action === "reset_password" && isAdminTarget)
    throw new AppError(403, "ADMIN_ACCOUNT_PROTECTED", t("identity.admin_reset_only"));
  if (action === "reset_admin_password" && !isAdminTarget)
    throw new AppError(409, "NOT_ADMIN_ACCOUNT", t("identity.admin_reset_not_admin"));
  if (action === "reset_admin_password")
    throw new AppError(403, "ADMIN_ACCOUNT_PROTECTED", t("identity.admin_reset_same_kind"));
  if (action === "grant" && user.id === actor.userId) throw errors.field("roleIds", "identity.grant_self");
  if (isAdminTarget) throw new AppError(403, "ADMIN_ACCOUNT_PROTECTED", t("identity.admin_account_protected"));
  throw errors.notFound("user");
}

function toUser(ctx: Ctx, r: UserRow): User {
  const phone = r.phoneEnc ? ctx.cipher.decrypt(r.phoneEnc) : null;
  const now = ctx.clock.now();
  const roles: UserRoleRef[] = typeof r.roles === "string" ? JSON.parse(r.roles) : r.roles;
  return {
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    orgId: r.orgId,
    orgName: r.orgName,
    regionCode: r.regionCode,
    regionName: r.regionName,
    phoneMasked: maskPhone(phone),
    status: r.status,
    locked: !!r.lockedUntil && r.lockedUntil > now,
    lockedUntil: r.lockedUntil && r.lockedUntil > now ? r.lockedUntil.toISOString() : null,
    totpEnabled: r.totpEnabled,
    roles,
    lastLoginAt: r.lastLoginAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    actions: userActions(ctx.actor, { id: r.id, regionCode: r.regionCode, orgId: r.orgId, roles }),
  };
}

function userQuery(db: Queryable) {
  return db.select(userSelect).from(users);
}

function userScope(actor: Actor, permission: UserPermission) {
  return scopeWhere(requireScope(actor, permission), { region: users.regionCode, org: users.orgId, owner: users.id });
}

const SORTS = {
  username: users.username,
  displayName: users.displayName,
  createdAt: users.createdAt,
  lastLoginAt: users.lastLoginAt,
};

export type UserListQuery = {
  page: number;
  pageSize: number;
  q?: string;
  orgId?: string;
  regionCode?: string;
  status?: "active" | "disabled";
  roleId?: string;
  sort?: string;
};

export async function listUsers(ctx: Ctx, q: UserListQuery) {
  const conds: (SQL | undefined)[] = [userScope(ctx.actor, "user:read")];
  if (q.orgId) conds.push(eq(users.orgId, q.orgId));
  if (q.regionCode) conds.push(regionTreeWhere(users.regionCode, q.regionCode));
  if (q.status) conds.push(eq(users.status, q.status));
  if (q.roleId)
    conds.push(
      sql`exists (select 1 from ${userRoles} where ${userRoles.userId} = ${users.id} and ${userRoles.roleId} = ${q.roleId})`,
    );
  if (q.q) conds.push(searchQuery(users.search, q.q));
  const where = and(...conds.filter(Boolean));
  const key = (q.sort?.replace(/^-/, "") ?? "username") as keyof typeof SORTS;
  const order = q.sort?.startsWith("-") ? desc(SORTS[key]) : asc(SORTS[key]);
  const [rows, [{ total }]] = await Promise.all([
    userQuery(ctx.db)
      .where(where)
      .orderBy(order, asc(users.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: sql<number>`count(*)::int` }).from(users).where(where),
  ]);
  return { items: rows.map((r) => toUser(ctx, r)), total, page: q.page, pageSize: q.pageSize };
}

/** A user within the caller's scope for `permission`, or 404. */
export async function getUser(ctx: Ctx, id: string, permission: UserPermission = "user:read", db: Queryable = ctx.db) {
  const [row] = await userQuery(db).where(and(eq(users.id, id), userScope(ctx.actor, permission)));
  if (!row) throw errors.notFound("user");
  return { user: toUser(ctx, row), phoneEnc: row.phoneEnc };
}

/** The target organization must exist, be active and lie within the caller's scope for the action. */
async function orgForUser(ctx: Ctx, tx: Queryable, orgId: string, permission: "user:create" | "user:update") {
  const scope = requireScope(ctx.actor, permission);
  const org = await orgById(tx, orgId);
  if (org?.status !== "active" || !inScope(scope, { regionCode: org.regionCode, orgId: org.id })) {
    throw errors.field("orgId", "errors.not_found", { entity: "所属机构" });
  }
  return org;
}

async function setRoles(tx: Tx, userId: string, roleIds: string[]) {
  await tx.delete(userRoles).where(eq(userRoles.userId, userId));
  if (roleIds.length) await tx.insert(userRoles).values(roleIds.map((roleId) => ({ userId, roleId })));
}

export type UserCreateInput = {
  username: string;
  displayName: string;
  orgId: string;
  phone?: string | null;
  roleIds: string[];
  password?: string;
};

/** Creates a user; without a password one is generated and returned once. The user must change it at first login. */
export async function createUser(ctx: Ctx, input: UserCreateInput) {
  const [taken] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.username, input.username));
  if (taken) throw errors.field("username", "identity.username_taken", { username: input.username });
  const org = await orgForUser(ctx, ctx.db, input.orgId, "user:create");
  const granted = await rolesByIds(ctx.db, input.roleIds);
  if (granted.length) {
    // 授权 is not account management: whoever creates accounts without user:grant (the system admin) creates
    // them without roles, and the security admin grants them.
    if (!can(ctx.actor, "user:grant")) throw errors.forbidden("user:grant");
    const target = { userId: "", orgId: org.id, regionCode: org.regionCode };
    if (!inScope(requireScope(ctx.actor, "user:grant"), target)) throw errors.forbidden("user:grant");
    assertGrantable(ctx.actor, target, granted, granted);
  }
  const password = input.password ?? generatePassword();
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({
        username: input.username,
        displayName: input.displayName,
        search: userSearch(input),
        orgId: org.id,
        regionCode: org.regionCode,
        phoneEnc: input.phone ? ctx.cipher.encrypt(input.phone) : null,
        passwordHash: "!",
        mustChangePassword: true,
        createdAt: ctx.clock.now(),
        updatedAt: ctx.clock.now(),
      })
      .returning({ id: users.id });
    if (input.password) await assertNewPassword(tx, row.id, input.username, input.password, "password");
    await storePassword(tx, ctx, row.id, password, true);
    await setRoles(tx, row.id, input.roleIds);
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "user.create",
      entity: "user",
      entityId: row.id,
      regionCode: org.regionCode,
      orgId: org.id,
      summary: `新增用户“${input.displayName}（${input.username}）”`,
      changes: diff(null, {
        username: input.username,
        displayName: input.displayName,
        orgId: org.id,
        phone: input.phone ?? null,
        roles: granted.map((r) => r.name),
      }),
    });
    return row.id;
  });
  return { user: (await getUser(ctx, id)).user, temporaryPassword: input.password ? null : password };
}

export type UserUpdateInput = { displayName?: string; orgId?: string; phone?: string | null };

export async function updateUser(ctx: Ctx, id: string, patch: UserUpdateInput) {
  const { user: before } = await getUser(ctx, id, "user:update");
  assertAction(ctx.actor, before, "update");
  const org = patch.orgId ? await orgForUser(ctx, ctx.db, patch.orgId, "user:update") : null;
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        ...(patch.displayName
          ? { displayName: patch.displayName, search: userSearch({ ...before, displayName: patch.displayName }) }
          : {}),
        ...(org ? { orgId: org.id, regionCode: org.regionCode } : {}),
        ...(patch.phone !== undefined ? { phoneEnc: patch.phone ? ctx.cipher.encrypt(patch.phone) : null } : {}),
        updatedAt: ctx.clock.now(),
      })
      .where(eq(users.id, id));
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "user.update",
      entity: "user",
      entityId: id,
      regionCode: org?.regionCode ?? before.regionCode,
      orgId: org?.id ?? before.orgId,
      summary: `修改用户“${before.displayName}（${before.username}）”`,
      changes: {
        ...diff(
          { displayName: before.displayName, orgId: before.orgId },
          { displayName: patch.displayName ?? before.displayName, orgId: org?.id ?? before.orgId },
        ),
        ...(patch.phone !== undefined ? { phone: ["***", patch.phone ? "***" : null] } : {}),
      },
    });
  });
  return (await getUser(ctx, id)).user;
}

/** 授权: replaces the user's roles (each with its data scope), under the rules of assertGrantable. */
export async function setUserRoles(ctx: Ctx, id: string, roleIds: string[]) {
  const { user: before } = await getUser(ctx, id, "user:grant");
  assertAction(ctx.actor, before, "grant");
  const next = await rolesByIds(ctx.db, roleIds);
  const had = await rolesByIds(
    ctx.db,
    before.roles.map((r) => r.id),
  );
  const changed: RoleRow[] = [
    ...next.filter((r) => !had.some((h) => h.id === r.id)),
    ...had.filter((h) => !next.some((r) => r.id === h.id)),
  ];
  assertGrantable(ctx.actor, { userId: id, orgId: before.orgId, regionCode: before.regionCode }, next, changed);
  if (changed.length === 0) return before;
  await ctx.db.transaction(async (tx) => {
    await setRoles(tx, id, roleIds);
    // A session keeps the roles it was opened with no longer than this request: the actor is loaded afresh.
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "user.grant",
      entity: "user",
      entityId: id,
      regionCode: before.regionCode,
      orgId: before.orgId,
      summary: `为用户“${before.displayName}（${before.username}）”授权`,
      changes: diff({ roles: had.map((r) => r.name).sort() }, { roles: next.map((r) => r.name).sort() }),
    });
  });
  return (await getUser(ctx, id)).user;
}

export async function setUserStatus(ctx: Ctx, id: string, status: "active" | "disabled") {
  if (id === ctx.actor.userId && status === "disabled")
    throw errors.conflict("CANNOT_DISABLE_SELF", "identity.cannot_disable_self");
  const { user: before } = await getUser(ctx, id, "user:disable");
  assertAction(ctx.actor, before, "set_status");
  if (before.status === status) return before;
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ status, updatedAt: ctx.clock.now() }).where(eq(users.id, id));
    if (status === "disabled") {
      await revokeSessions(tx, ctx.clock, { userId: id }, "账号停用");
      await tx
        .update(apiTokens)
        .set({ revokedAt: ctx.clock.now() })
        .where(and(eq(apiTokens.userId, id), sql`${apiTokens.revokedAt} is null`));
    }
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: status === "disabled" ? "user.disable" : "user.enable",
      entity: "user",
      entityId: id,
      regionCode: before.regionCode,
      orgId: before.orgId,
      summary: `${status === "disabled" ? "停用" : "启用"}用户“${before.displayName}（${before.username}）”`,
      changes: { status: [before.status, status] },
    });
  });
  return (await getUser(ctx, id)).user;
}

/**
 * Sets a generated temporary password (shown once), ends the user's sessions, requires a change at next login.
 * Not for a 三员 account: see resetAdminPassword.
 */
export async function resetPassword(ctx: Ctx, id: string) {
  const { user } = await getUser(ctx, id, "user:reset_password");
  assertAction(ctx.actor, user, "reset_password");
  return applyReset(ctx, user, `重置用户“${user.displayName}（${user.username}）”的密码`);
}

/**
 * A 三员 account's password, reset by one of the other two admins. The temporary password is shown to the
 * resetter, but the account signs in only with it AND its owner's dynamic code (TOTP, which the reset keeps and
 * the resetter does not have), and must then change it: so the resetter cannot sign in as the account. An
 * account without TOTP is refused (the reset would hand it over); the server operator resets it from the shell.
 */
export async function resetAdminPassword(ctx: Ctx, id: string) {
  const { user } = await getUser(ctx, id, "user:reset_admin_password");
  assertAction(ctx.actor, user, "reset_admin_password");
  if (!user.totpEnabled)
    throw new AppError(409, "ADMIN_TOTP_REQUIRED", t("identity.admin_reset_needs_totp", { username: user.username }));
  return applyReset(
    ctx,
    user,
    `重置三员账号“${user.displayName}（${user.username}）”的密码（须本人动态验证码登录并修改）`,
  );
}

async function applyReset(ctx: Ctx, user: User, summary: string) {
  const temporaryPassword = generatePassword();
  await ctx.db.transaction(async (tx) => {
    await storePassword(tx, ctx, user.id, temporaryPassword, true);
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
    await revokeSessions(tx, ctx.clock, { userId: user.id }, "管理员重置密码");
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "user.reset_password",
      entity: "user",
      entityId: user.id,
      regionCode: user.regionCode,
      orgId: user.orgId,
      summary,
      changes: { password: ["***", "***"] },
    });
  });
  return { temporaryPassword, totpRequired: user.totpEnabled };
}

export async function unlockUser(ctx: Ctx, id: string) {
  const { user } = await getUser(ctx, id, "user:unlock");
  assertAction(ctx.actor, user, "unlock");
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, id));
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "user.unlock",
      entity: "user",
      entityId: id,
      regionCode: user.regionCode,
      orgId: user.orgId,
      summary: `解锁用户“${user.displayName}（${user.username}）”`,
      changes: { locked: [user.locked, false] },
    });
  });
  return (await getUser(ctx, id)).user;
}

/** Reveals one personal-data field in full; the read itself is audited. */
export async function revealUserField(ctx: Ctx, id: string, field: "phone") {
  const { user, phoneEnc } = await getUser(ctx, id, "user:reveal");
  const value = phoneEnc ? ctx.cipher.decrypt(phoneEnc) : null;
  await ctx.db.transaction((tx) =>
    recordAudit(tx, ctx.clock, ctx.actor, {
      category: "access",
      action: "user.reveal",
      entity: "user",
      entityId: id,
      regionCode: user.regionCode,
      orgId: user.orgId,
      summary: `查看用户“${user.displayName}（${user.username}）”的完整${field === "phone" ? "手机号码" : field}`,
    }),
  );
  return { field, value };
}

export async function countUsers(ctx: Ctx) {
  const [r] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(userScope(ctx.actor, "user:read"));
  return r.n;
}

export async function usersByIds(db: Queryable, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: users.id, regionCode: users.regionCode, orgId: users.orgId })
    .from(users)
    .where(inArray(users.id, ids));
}

export { hashPassword };

/** A user's display name, or null. */
export async function userDisplayName(db: Queryable, id: string): Promise<string | null> {
  const [row] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, id));
  return row?.name ?? null;
}

/** Name and mobile number (decrypted) of an active user, for a message adapter; null for a disabled or missing one. */
export async function userContact(
  db: Queryable,
  cipher: { decrypt: (v: string) => string },
  id: string,
): Promise<{ displayName: string; phone: string | null } | null> {
  const [row] = await db
    .select({ name: users.displayName, phoneEnc: users.phoneEnc })
    .from(users)
    .where(and(eq(users.id, id), eq(users.status, "active")));
  return row ? { displayName: row.name, phone: row.phoneEnc ? cipher.decrypt(row.phoneEnc) : null } : null;
}

/** The built-in 测评专家 role: the expert pool of 创建 reviews. */
const holdsExpertRole = sql`exists (select 1 from ${userRoles} ur join ${roles} r on r.id = ur.role_id where ur.user_id = ${users.id} and r.code = 'evaluator')`;

/**
 * Active users holding the 测评专家 role: those of `ids` (to check a choice), or by name (`q`) for a picker,
 * ordered by name, at most `limit`.
 */
export async function activeExperts(db: Queryable, q: { ids?: string[]; q?: string; limit?: number }) {
  const query = db
    .select({
      id: users.id,
      name: users.displayName,
      orgId: users.orgId,
      orgName: orgNameSql(users.orgId),
      regionCode: users.regionCode,
    })
    .from(users)
    .where(
      and(
        q.ids ? inArray(users.id, q.ids) : undefined,
        eq(users.status, "active"),
        holdsExpertRole,
        q.q ? searchQuery(users.search, q.q) : undefined,
      ),
    )
    .$dynamic();
  if (q.limit !== undefined) return query.orderBy(asc(users.displayName)).limit(q.limit);
  return query;
}

/** How many active users an organization has (an organization with any cannot be disabled). */
export async function countActiveUsersOfOrg(db: Queryable, orgId: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.status, "active")));
  return Number(r?.n ?? 0);
}

/** Users carry their organization's region for scope filters: an organization moved moves its users. */
export async function moveOrgUsersToRegion(tx: Tx, orgId: string, regionCode: string): Promise<void> {
  await tx.update(users).set({ regionCode }).where(eq(users.orgId, orgId));
}

/** The id of the user with this username, or null. */
export async function userIdByUsername(db: Queryable, username: string): Promise<string | null> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
  return row?.id ?? null;
}

/**
 * The active users of these organizations (or these users) whose roles grant this permission: an alert to "the
 * department's superior" or "the referring window" goes to the people there who work with it, not to everyone.
 */
export async function activePermissionHolders(
  db: Queryable,
  among: { orgIds?: readonly string[]; userIds?: readonly string[] },
  permission: string,
): Promise<string[]> {
  const orgIds = [...(among.orgIds ?? [])];
  const userIds = [...(among.userIds ?? [])];
  if (orgIds.length === 0 && userIds.length === 0) return [];
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        or(
          orgIds.length ? inArray(users.orgId, orgIds) : undefined,
          userIds.length ? inArray(users.id, userIds) : undefined,
        ),
        eq(users.status, "active"),
        sql`exists (select 1 from ${userRoles} ur join ${roles} r on r.id = ur.role_id where ur.user_id = ${users.id} and ${permission} = any(r.permissions))`,
      ),
    )
    .orderBy(asc(users.id));
  return rows.map((r) => r.id);
}

/** Some user holding the role with this code, or null (the demo seed acts as the 安全管理员 this way). */
export async function someHolderOfRole(db: Queryable, roleCode: string): Promise<string | null> {
  const [row] = await db
    .select({ id: userRoles.userId })
    .from(userRoles)
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(eq(roles.code, roleCode))
    .limit(1);
  return row?.id ?? null;
}

/** Demo accounts sign in with their password at once: no forced change, password just set. */
export async function waiveFirstPasswordChange(db: Queryable, userId: string, at: Date): Promise<void> {
  await db.update(users).set({ mustChangePassword: false, passwordChangedAt: at }).where(eq(users.id, userId));
}

/**
 * The active users of a region and below (optionally only the staff of ethnic-affairs departments): the
 * audience of an announcement. `extra(userId)` adds the caller's own condition on each user (read or not),
 * written against the user id column. Paged, by organization then name.
 */
export function audienceWhere(
  audience: { prefix: string; departmentsOnly: boolean },
  extra?: (userId: typeof users.id) => SQL | undefined,
) {
  return and(
    eq(users.status, "active"),
    audience.prefix ? regionTreeWhere(users.regionCode, audience.prefix) : undefined,
    audience.departmentsOnly ? orgIsEthnicAffairsDeptSql(users.orgId) : undefined,
    extra?.(users.id),
  );
}

export async function countAudience(
  db: Queryable,
  audience: { prefix: string; departmentsOnly: boolean },
  extra?: (userId: typeof users.id) => SQL | undefined,
): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(users).where(audienceWhere(audience, extra));
  return r.n;
}

export async function pageAudience(
  db: Queryable,
  audience: { prefix: string; departmentsOnly: boolean },
  page: { page: number; pageSize: number },
  extra?: (userId: typeof users.id) => SQL | undefined,
) {
  const where = audienceWhere(audience, extra);
  const orgName = orgNameSql(users.orgId);
  const [items, total] = await Promise.all([
    db
      .select({ userId: users.id, name: users.displayName, orgName })
      .from(users)
      .where(where)
      .orderBy(asc(orgName), asc(users.displayName), asc(users.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    countAudience(db, audience, extra),
  ]);
  return { items, total };
}

/** Whether a user belongs to an announcement's audience (see audienceWhere). */
export async function inAudience(
  db: Queryable,
  userId: string,
  audience: { prefix: string; departmentsOnly: boolean },
): Promise<boolean> {
  const [r] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), audienceWhere(audience)));
  return !!r;
}
