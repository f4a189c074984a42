import { sql } from "drizzle-orm";
import { z } from "zod";
import { idParams, okResult, pageOf } from "../../../contracts/common.js";
import {
  captchaQuery,
  captchaSchema,
  changePasswordBody,
  DEFAULT_SECURITY_POLICY,
  loginBody,
  MODULE_LABELS,
  meSchema,
  PERMISSIONS,
  resetPasswordResult,
  revealQuery,
  roleCreate,
  roleSchema,
  roleUpdate,
  securityPolicy,
  sessionSchema,
  tokenCreate,
  tokenOptions as tokenOptionsSchema,
  tokenSchema,
  totpEnableBody,
  userCreate,
  userListQuery,
  userRolesBody,
  userSchema,
  userUpdate,
} from "../../../contracts/identity.js";
import { type Actor, requireScope } from "../../core/access.js";
import type { Deps } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import { type App, ctxOf } from "../../core/http.js";
import { clientAddress } from "../../core/net.js";
import { historyRoute, recordAudit } from "../audit/index.js";
import { changeOwnPassword, enableTotp, login, logout, startTotp } from "./auth.service.js";
import { captchaRequiredFor, issueCaptcha } from "./captcha.service.js";
import { listViewRoutes } from "./list-views.routes.js";
import { buildMe } from "./me.service.js";
import { getPolicy, updatePolicy } from "./policy.service.js";
import { createRole, deleteRole, listRoles, updateRole } from "./role.service.js";
import { listActiveSessions, revokeSessions, SESSION_COOKIE } from "./session.service.js";
import { createApiToken, listApiTokens, revokeApiToken, tokenOptions } from "./token.service.js";
import {
  createUser,
  getUser,
  listUsers,
  resetAdminPassword,
  resetPassword,
  revealUserField,
  setUserRoles,
  setUserStatus,
  unlockUser,
  updateUser,
} from "./user.service.js";

/** Sessions of the users within the caller's scope for session:manage (u = users). */
function sessionScopeSql(actor: Actor) {
  const scope = requireScope(actor, "session:manage");
  switch (scope.kind) {
    case "all":
      return undefined;
    case "region_tree":
      return sql`u.region_code LIKE ${`${scope.prefix}%`}`;
    case "region":
      return sql`u.region_code = ${scope.code}`;
    case "org":
      return sql`u.org_id = ${scope.orgId}`;
    case "self":
      return sql`u.id = ${scope.userId}`;
  }
}

export function identityRoutes(app: App, deps: Deps, opts: { cookieSecure: boolean; loginRateLimit: number }) {
  const cookie = { path: "/", httpOnly: true, sameSite: "strict" as const, secure: opts.cookieSecure };

  app.post(
    "/api/auth/login",
    {
      config: { public: true, rateLimit: { max: opts.loginRateLimit, timeWindow: "1 minute" } },
      schema: { tags: ["认证"], summary: "登录", body: loginBody, response: { 200: meSchema } },
    },
    async (req, reply) => {
      const result = await login(deps, req.body, {
        ip: clientAddress(req),
        userAgent: req.headers["user-agent"] ?? null,
      });
      reply.setCookie(SESSION_COOKIE, result.token, cookie);
      return buildMe({ ...deps, actor: result.actor });
    },
  );

  app.get(
    "/api/auth/captcha",
    {
      config: { public: true, rateLimit: { max: 30, timeWindow: "1 minute" } },
      schema: {
        tags: ["认证"],
        summary: "登录验证码（图片，或供读屏软件使用的文字题）",
        querystring: captchaQuery,
        response: { 200: captchaSchema },
      },
    },
    async (req, reply) => {
      reply.header("Cache-Control", "no-store");
      return issueCaptcha(deps, req.query.mode ?? "image");
    },
  );

  app.get(
    "/api/auth/login-state",
    {
      config: { public: true },
      schema: {
        tags: ["认证"],
        summary: "本终端登录是否须填写验证码",
        response: { 200: z.object({ captchaRequired: z.boolean() }) },
      },
    },
    async (req, reply) => {
      reply.header("Cache-Control", "no-store");
      return { captchaRequired: await captchaRequiredFor(deps, clientAddress(req)) };
    },
  );

  app.post(
    "/api/auth/logout",
    {
      config: { signedIn: true, anyStage: true },
      schema: { tags: ["认证"], summary: "退出登录", response: { 200: okResult } },
    },
    async (req, reply) => {
      await logout(ctxOf(deps, req));
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return { ok: true as const };
    },
  );

  app.get(
    "/api/auth/me",
    {
      config: { signedIn: true, anyStage: true },
      schema: { tags: ["认证"], summary: "当前用户、角色、权限与数据范围", response: { 200: meSchema } },
    },
    async (req) => buildMe(ctxOf(deps, req)),
  );

  app.post(
    "/api/auth/password",
    {
      config: { signedIn: true, anyStage: true, sessionOnly: true },
      schema: {
        tags: ["认证"],
        summary: "修改本人密码",
        body: changePasswordBody,
        response: { 200: z.object({ stage: z.string() }) },
      },
    },
    async (req) => ({ stage: await changeOwnPassword(ctxOf(deps, req), req.body.oldPassword, req.body.newPassword) }),
  );

  app.post(
    "/api/auth/totp/setup",
    {
      config: { signedIn: true, anyStage: true, sessionOnly: true },
      schema: {
        tags: ["认证"],
        summary: "开始绑定动态验证码（TOTP）",
        response: { 200: z.object({ secret: z.string(), otpauthUrl: z.string() }) },
      },
    },
    async (req) => startTotp(ctxOf(deps, req)),
  );

  app.post(
    "/api/auth/totp/enable",
    {
      config: { signedIn: true, anyStage: true, sessionOnly: true },
      schema: { tags: ["认证"], summary: "确认绑定动态验证码", body: totpEnableBody, response: { 200: okResult } },
    },
    async (req) => {
      await enableTotp(ctxOf(deps, req), req.body.totp);
      return { ok: true as const };
    },
  );

  app.get(
    "/api/auth/tokens",
    {
      config: { signedIn: true },
      schema: { tags: ["认证"], summary: "本人的 API 令牌", response: { 200: z.array(tokenSchema) } },
    },
    async (req) => listApiTokens(ctxOf(deps, req)),
  );
  app.get(
    "/api/auth/tokens/options",
    {
      config: { signedIn: true, sessionOnly: true },
      schema: { tags: ["认证"], summary: "API 令牌的可选有效期（安全策略）", response: { 200: tokenOptionsSchema } },
    },
    async (req) => tokenOptions(ctxOf(deps, req)),
  );
  app.post(
    "/api/auth/tokens",
    {
      config: { signedIn: true, sessionOnly: true },
      schema: {
        tags: ["认证"],
        summary: "创建 API 令牌（只显示这一次；可限定权限、只读；仅限登录会话）",
        body: tokenCreate,
        response: { 200: tokenSchema.extend({ token: z.string() }) },
      },
    },
    async (req) => createApiToken(ctxOf(deps, req), req.body),
  );
  app.delete(
    "/api/auth/tokens/:id",
    {
      config: { signedIn: true, sessionOnly: true },
      schema: { tags: ["认证"], summary: "吊销 API 令牌", params: idParams, response: { 200: okResult } },
    },
    async (req) => {
      await revokeApiToken(ctxOf(deps, req), req.params.id);
      return { ok: true as const };
    },
  );

  // Users
  app.get(
    "/api/users",
    {
      config: { permission: "user:read" },
      schema: {
        tags: ["用户"],
        summary: "用户列表",
        querystring: userListQuery,
        response: { 200: pageOf(userSchema) },
      },
    },
    async (req) => listUsers(ctxOf(deps, req), req.query),
  );
  app.post(
    "/api/users",
    {
      config: { permission: "user:create" },
      schema: {
        tags: ["用户"],
        summary: "新增用户",
        body: userCreate,
        response: { 200: z.object({ user: userSchema, temporaryPassword: z.string().nullable() }) },
      },
    },
    async (req) => createUser(ctxOf(deps, req), req.body),
  );
  app.get(
    "/api/users/:id",
    {
      config: { permission: "user:read" },
      schema: { tags: ["用户"], summary: "用户详情", params: idParams, response: { 200: userSchema } },
    },
    async (req) => (await getUser(ctxOf(deps, req), req.params.id)).user,
  );
  app.patch(
    "/api/users/:id",
    {
      config: { permission: "user:update" },
      schema: {
        tags: ["用户"],
        summary: "修改用户信息（姓名、所属机构、手机号码）",
        params: idParams,
        body: userUpdate,
        response: { 200: userSchema },
      },
    },
    async (req) => updateUser(ctxOf(deps, req), req.params.id, req.body),
  );
  app.put(
    "/api/users/:id/roles",
    {
      config: { permission: "user:grant" },
      schema: {
        tags: ["用户"],
        summary: "授权：设置用户的角色（三员角色不与其他角色同授；只能授予本人权限和数据范围之内的角色）",
        params: idParams,
        body: userRolesBody,
        response: { 200: userSchema },
      },
    },
    async (req) => setUserRoles(ctxOf(deps, req), req.params.id, req.body.roleIds),
  );
  for (const [action, status, summary] of [
    ["disable", "disabled", "停用用户（同时结束其会话、吊销令牌）"],
    ["enable", "active", "启用用户"],
  ] as const) {
    app.post(
      `/api/users/:id/${action}`,
      {
        config: { permission: "user:disable" },
        schema: { tags: ["用户"], summary, params: idParams, response: { 200: userSchema } },
      },
      async (req) => setUserStatus(ctxOf(deps, req), req.params.id, status),
    );
  }
  app.post(
    "/api/users/:id/reset-password",
    {
      config: { permission: "user:reset_password" },
      schema: {
        tags: ["用户"],
        summary: "重置普通用户的密码（返回一次性临时密码）",
        params: idParams,
        response: { 200: resetPasswordResult },
      },
    },
    async (req) => resetPassword(ctxOf(deps, req), req.params.id),
  );
  app.post(
    "/api/users/:id/reset-admin-password",
    {
      config: { permission: "user:reset_admin_password" },
      schema: {
        tags: ["用户"],
        summary: "重置三员账号的密码（由另外两员之一；该账号须用本人动态验证码登录并修改密码）",
        params: idParams,
        response: { 200: resetPasswordResult },
      },
    },
    async (req) => resetAdminPassword(ctxOf(deps, req), req.params.id),
  );
  app.post(
    "/api/users/:id/unlock",
    {
      config: { permission: "user:unlock" },
      schema: { tags: ["用户"], summary: "解锁用户", params: idParams, response: { 200: userSchema } },
    },
    async (req) => unlockUser(ctxOf(deps, req), req.params.id),
  );
  historyRoute(app, deps, {
    path: "/api/users/:id/history",
    permission: "user:read",
    tags: ["用户"],
    summary: "操作记录（该用户账号的审计历史）",
    entity: "user",
    load: getUser,
    // Changes to the account and reads of its personal data (logins are in the login log).
    categories: ["data", "access"],
  });
  historyRoute(app, deps, {
    path: "/api/roles/:id/history",
    permission: "role:read",
    tags: ["角色权限"],
    summary: "操作记录（该角色的审计历史）",
    entity: "role",
  });
  app.get(
    "/api/users/:id/reveal",
    {
      config: { permission: "user:reveal" },
      schema: {
        tags: ["用户"],
        summary: "查看完整个人信息（记录审计）",
        params: idParams,
        querystring: revealQuery,
        response: { 200: z.object({ field: z.string(), value: z.string().nullable() }) },
      },
    },
    async (req) => revealUserField(ctxOf(deps, req), req.params.id, req.query.field),
  );

  // Roles and permissions
  app.get(
    "/api/permissions",
    {
      config: { permission: "role:read" },
      schema: {
        tags: ["角色权限"],
        summary: "权限清单（按模块分组）",
        response: {
          200: z.array(
            z.object({
              module: z.string(),
              label: z.string(),
              permissions: z.array(z.object({ code: z.string(), label: z.string() })),
            }),
          ),
        },
      },
    },
    async () =>
      Object.entries(MODULE_LABELS).map(([module, label]) => ({
        module,
        label,
        permissions: Object.entries(PERMISSIONS)
          .filter(([, p]) => p.module === module)
          .map(([code, p]) => ({ code, label: p.label })),
      })),
  );
  app.get(
    "/api/roles",
    {
      config: { permission: "role:read" },
      schema: { tags: ["角色权限"], summary: "角色列表", response: { 200: z.array(roleSchema) } },
    },
    async () => listRoles(deps.db),
  );
  app.post(
    "/api/roles",
    {
      config: { permission: "role:manage" },
      schema: { tags: ["角色权限"], summary: "新增角色", body: roleCreate, response: { 200: roleSchema } },
    },
    async (req) => createRole(ctxOf(deps, req), req.body),
  );
  app.patch(
    "/api/roles/:id",
    {
      config: { permission: "role:manage" },
      schema: {
        tags: ["角色权限"],
        summary: "修改角色权限与数据范围",
        params: idParams,
        body: roleUpdate,
        response: { 200: roleSchema },
      },
    },
    async (req) => updateRole(ctxOf(deps, req), req.params.id, req.body),
  );
  app.delete(
    "/api/roles/:id",
    {
      config: { permission: "role:manage" },
      schema: {
        tags: ["角色权限"],
        summary: "删除角色（未分配给任何用户时）",
        params: idParams,
        response: { 200: okResult },
      },
    },
    async (req) => {
      await deleteRole(ctxOf(deps, req), req.params.id);
      return { ok: true as const };
    },
  );

  // Security policy and sessions (安全管理员)
  app.get(
    "/api/security/policy",
    {
      config: { permission: "security:manage" },
      schema: {
        tags: ["安全"],
        summary: "安全策略",
        response: { 200: securityPolicy.extend({ defaults: securityPolicy }) },
      },
    },
    async () => ({ ...(await getPolicy(deps.db)), defaults: DEFAULT_SECURITY_POLICY }),
  );
  app.put(
    "/api/security/policy",
    {
      config: { permission: "security:manage" },
      schema: { tags: ["安全"], summary: "修改安全策略", body: securityPolicy, response: { 200: securityPolicy } },
    },
    async (req) => updatePolicy(ctxOf(deps, req), req.body),
  );
  app.get(
    "/api/sessions",
    {
      config: { permission: "session:manage" },
      schema: { tags: ["安全"], summary: "在线会话", response: { 200: z.array(sessionSchema) } },
    },
    async (req) => {
      const ctx = ctxOf(deps, req);
      const rows = await listActiveSessions(deps.db, deps.clock, sessionScopeSql(ctx.actor));
      return rows.map((r) => ({
        id: r.id.slice(0, 16),
        userId: r.user_id,
        username: r.username,
        displayName: r.display_name,
        ip: r.ip,
        userAgent: r.user_agent,
        createdAt: new Date(r.created_at).toISOString(),
        lastSeenAt: new Date(r.last_seen_at).toISOString(),
        current: r.id === ctx.actor.sessionId,
      }));
    },
  );
  app.delete(
    "/api/sessions/:id",
    {
      config: { permission: "session:manage" },
      schema: {
        tags: ["安全"],
        summary: "结束会话",
        params: z.object({ id: z.string().regex(/^[0-9a-f]{16}$/, { message: "会话标识不正确" }) }),
        response: { 200: okResult },
      },
    },
    async (req) => {
      const ctx = ctxOf(deps, req);
      const rows = await listActiveSessions(deps.db, deps.clock, sessionScopeSql(ctx.actor));
      const target = rows.find((r) => r.id.startsWith(req.params.id));
      if (!target) throw errors.notFound("session");
      await deps.db.transaction(async (tx) => {
        await revokeSessions(tx, deps.clock, { ids: [target.id] }, `被${ctx.actor.displayName}结束`);
        await recordAudit(tx, deps.clock, ctx.actor, {
          category: "auth",
          action: "session.revoke",
          entity: "user",
          entityId: target.user_id,
          summary: `结束用户“${target.display_name}（${target.username}）”的会话`,
        });
      });
      return { ok: true as const };
    },
  );

  listViewRoutes(app, deps);
}
