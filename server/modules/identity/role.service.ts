import { asc, eq, inArray, sql } from "drizzle-orm";
import { type DataScope, PERMISSIONS, type Permission } from "../../../contracts/identity.js";
import { type Actor, type Scope, scopeFor, toScope } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import type { Queryable } from "../../db/client.js";
import { diff, recordAudit } from "../audit/index.js";
import { roles, userRoles } from "./identity.schema.js";

const ALL: Permission[] = Object.keys(PERMISSIONS) as Permission[];

/** The built-in roles. The three admin roles (三员) are mutually exclusive and read no business data. */
export const BUILTIN_ROLES: {
  code: string;
  name: string;
  description: string;
  dataScope: DataScope;
  adminKind: "system" | "security" | "audit" | null;
  permissions: Permission[];
}[] = [
  {
    code: "sys_admin",
    name: "系统管理员",
    description:
      "管理组织机构和用户账号（新增、停用、解锁、修改资料、重置普通用户密码）及系统设置；不分配角色，不查看业务数据和审计日志",
    dataScope: "all",
    adminKind: "system",
    permissions: [
      "region:read",
      "org:read",
      "org:create",
      "org:update",
      "org:disable",
      "org:import",
      "org:export",
      "user:read",
      "user:create",
      "user:update",
      "user:disable",
      "user:unlock",
      "user:reset_password",
      "user:reset_admin_password",
      "role:read",
      "system:settings",
      "system:metrics",
    ],
  },
  {
    code: "security_admin",
    name: "安全管理员",
    description: "定义角色，为用户授权（分配角色与数据范围），管理安全策略和在线会话；不管理账号，不查看业务数据",
    dataScope: "all",
    adminKind: "security",
    permissions: [
      "region:read",
      "user:read",
      "user:grant",
      "user:unlock",
      "user:reset_admin_password",
      "role:read",
      "role:manage",
      "security:manage",
      "session:manage",
    ],
  },
  {
    code: "audit_admin",
    name: "审计管理员",
    description: "查看和导出审计日志、登录日志（含另外两员的操作），校验审计链；不查看业务数据",
    dataScope: "all",
    adminKind: "audit",
    permissions: ["region:read", "audit:read", "audit:export", "loginlog:read"],
  },
  {
    code: "ethnic_affairs_admin",
    name: "民族工作部门管理员",
    description: "本级及下级区划的组织机构、用户和材料管理",
    dataScope: "region_tree",
    adminKind: null,
    permissions: [
      "region:read",
      "org:read",
      "org:create",
      "org:update",
      "org:disable",
      "org:import",
      "org:export",
      "user:read",
      "user:create",
      "user:update",
      "user:disable",
      "user:reset_password",
      "user:grant",
      "role:read",
      "material:read",
      "material:upload",
      "material:update",
      "material:archive",
      "evaluation:read",
      "evaluation:manage",
      "evaluation:review",
      "creation:read",
      "creation:review",
      "creation:manage",
      "creation:export",
      "plan:read",
      "plan:manage",
      "plan:report",
      "plan:export",
      "base:read",
      "base:operate",
      "base:supervise",
      "base:export",
      "honor:read",
      "honor:review",
      "honor:manage",
      "honor:score",
      "honor:export",
      "activity:read",
      "activity:record",
      "activity:confirm",
      "activity:manage",
      "service:read",
      "service:receive",
      "service:handle",
      "service:reveal",
      "service:file",
      "service:manage",
      "service:export",
      "disputes:read",
      "disputes:record",
      "disputes:handle",
      "disputes:review",
      "disputes:reveal",
      "disputes:report",
      "disputes:manage",
      "disputes:export",
      "announcement:publish",
      "news:write",
      "news:review",
      "policy:manage",
      "assessment:read",
      "assessment:manage",
      "assessment:participate",
      "assessment:score",
    ],
  },
  {
    code: "evaluator",
    name: "测评专家",
    description: "按分配填写专家评分表；只看本人的评分表",
    dataScope: "self",
    adminKind: null,
    permissions: [
      "region:read",
      "evaluation:read",
      "evaluation:score",
      // 表彰评审委员会: the panel reads the nominations of its campaigns (its self scope shows nothing else).
      "honor:read",
      "honor:score",
      "assessment:read",
      "assessment:score",
    ],
  },
  {
    code: "unit_user",
    name: "单位用户",
    description: "查看本单位信息，管理本单位材料，申报示范创建、填写自查",
    dataScope: "org",
    adminKind: null,
    permissions: [
      "region:read",
      "org:read",
      "material:read",
      "material:upload",
      "material:update",
      "material:archive",
      "evaluation:read",
      "evaluation:score",
      "creation:read",
      "creation:apply",
      "plan:read",
      "plan:report",
      "base:read",
      "base:operate",
      "honor:read",
      "honor:nominate",
      "honor:export",
      "activity:read",
      "activity:record",
      "service:read",
      "service:handle",
      "service:reveal",
      "disputes:read",
      "disputes:record",
      "disputes:report",
      "news:write",
      "assessment:read",
      "assessment:participate",
    ],
  },
  {
    code: "activity_supervisor",
    name: "活动审核员",
    description: "乡镇（街道）等上级单位确认或退回本级及下级单位提交的活动，查看其统计",
    dataScope: "region_tree",
    adminKind: null,
    permissions: ["region:read", "org:read", "activity:read", "activity:confirm"],
  },
  {
    code: "service_window_staff",
    name: "服务窗口工作人员",
    description: "在本单位的服务窗口受理、转办、答复服务申请，经本人同意建立服务档案；查看个人信息须说明理由",
    dataScope: "org",
    adminKind: null,
    permissions: ["region:read", "org:read", "service:read", "service:receive", "service:reveal", "service:file"],
  },
];

/** Creates the built-in roles, and brings existing ones in line with this code (users cannot edit them). */
export async function seedBuiltinRoles(db: Queryable) {
  for (const r of BUILTIN_ROLES) {
    await db
      .insert(roles)
      .values({ ...r, builtin: true })
      .onConflictDoUpdate({
        target: roles.code,
        set: {
          name: r.name,
          description: r.description,
          dataScope: r.dataScope,
          adminKind: r.adminKind,
          permissions: r.permissions,
          builtin: true,
        },
      });
  }
}

export type RoleRow = typeof roles.$inferSelect;

export async function listRoles(db: Queryable) {
  const rows = await db
    .select({
      role: roles,
      userCount: sql<number>`(select count(*)::int from ${userRoles} where ${userRoles.roleId} = ${roles.id})`,
    })
    .from(roles)
    .orderBy(asc(roles.createdAt), asc(roles.code));
  return rows.map(({ role, userCount }) => roleView(role, userCount));
}

export function roleView(r: RoleRow, userCount = 0) {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    description: r.description,
    dataScope: r.dataScope,
    adminKind: r.adminKind,
    builtin: r.builtin,
    permissions: r.permissions,
    userCount,
  };
}

export async function rolesByIds(db: Queryable, ids: string[]): Promise<RoleRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.select().from(roles).where(inArray(roles.id, ids));
  if (rows.length !== new Set(ids).size) throw errors.field("roleIds", "identity.role_unknown");
  return rows;
}

const SCOPE_RANK: Record<DataScope, number> = { self: 0, org: 1, region: 2, region_tree: 3, all: 4 };

const isSecurityAdmin = (actor: Actor) => actor.roles.some((r) => r.adminKind === "security");

/** Whether every row `inner` covers is covered by `outer` too. */
export function scopeWithin(inner: Scope, outer: Scope): boolean {
  if (outer.kind === "all") return true;
  if (inner.kind === "all") return false;
  switch (outer.kind) {
    case "region_tree":
      return (
        inner.kind === "region_tree" ? inner.prefix : inner.kind === "region" ? inner.code : inner.regionCode
      ).startsWith(outer.prefix);
    case "region":
      if (inner.kind === "region") return inner.code === outer.code;
      return (inner.kind === "org" || inner.kind === "self") && inner.regionCode === outer.code;
    case "org":
      return (inner.kind === "org" || inner.kind === "self") && inner.orgId === outer.orgId;
    case "self":
      return inner.kind === "self" && inner.userId === outer.userId;
  }
}

/** Who receives the roles: an existing user, or one about to be created in this organization. */
export type GrantTarget = { userId: string; orgId: string; regionCode: string };

/**
 * 授权 rules (三员分立):
 * - an account holding an admin role (系统/安全/审计管理员) holds no other role;
 * - nobody changes their own roles;
 * - the security admin grants any role, including the admin roles;
 * - anyone else with user:grant (a delegated business admin, e.g. 民族工作部门管理员) grants or takes away only
 *   non-admin roles whose every permission they hold themselves, with a data scope (anchored at the target
 *   user) inside their own scope for that permission.
 * `next` is the target's whole new set of roles, `changed` the roles added or removed.
 */
export function assertGrantable(actor: Actor, target: GrantTarget, next: RoleRow[], changed: RoleRow[]) {
  if (target.userId === actor.userId) throw errors.field("roleIds", "identity.grant_self");
  if (next.length > 1 && next.some((r) => r.adminKind)) throw errors.field("roleIds", "identity.admin_roles_exclusive");
  if (isSecurityAdmin(actor)) return;
  for (const r of changed) {
    const exceeds =
      !!r.adminKind ||
      r.permissions.some((p) => {
        const mine = scopeFor(actor, p as Permission);
        return !mine || !scopeWithin(toScope({ ...actor, ...target }, r.dataScope), mine);
      });
    if (exceeds) throw errors.field("roleIds", "identity.grant_exceeds", { role: r.name });
  }
}

/**
 * A custom role defined by anyone but the security admin may not carry a permission its author lacks, nor a
 * data scope wider than the author's own for that permission.
 */
function assertDefinable(actor: Actor, input: { dataScope?: DataScope; permissions?: string[] }, before?: RoleRow) {
  if (isSecurityAdmin(actor)) return;
  const dataScope = input.dataScope ?? before?.dataScope ?? "self";
  for (const p of input.permissions ?? before?.permissions ?? []) {
    const mine = scopeFor(actor, p as Permission);
    if (!mine) throw errors.field("permissions", "identity.role_exceeds_permission", { permission: p });
    if (SCOPE_RANK[dataScope] > SCOPE_RANK[widestFor(actor, p as Permission)])
      throw errors.field("dataScope", "identity.role_exceeds_scope");
  }
}

function widestFor(actor: Actor, permission: Permission): DataScope {
  let best: DataScope = "self";
  for (const r of actor.roles)
    if (r.permissions.includes(permission) && SCOPE_RANK[r.dataScope] > SCOPE_RANK[best]) best = r.dataScope;
  return best;
}

type RoleInput = {
  code?: string;
  name?: string;
  description?: string | null;
  dataScope?: DataScope;
  permissions?: string[];
};

export async function createRole(
  ctx: Ctx,
  input: Required<Pick<RoleInput, "code" | "name" | "dataScope" | "permissions">> & RoleInput,
) {
  assertDefinable(ctx.actor, input);
  const [taken] = await ctx.db.select({ id: roles.id }).from(roles).where(eq(roles.code, input.code));
  if (taken) throw errors.field("code", "identity.role_code_taken", { code: input.code });
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(roles)
      .values({
        code: input.code,
        name: input.name,
        description: input.description ?? null,
        dataScope: input.dataScope,
        permissions: [...new Set(input.permissions)],
      })
      .returning();
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "role.create",
      entity: "role",
      entityId: row.id,
      summary: `新增角色“${row.name}”`,
      changes: diff(null, roleView(row)),
    });
    return roleView(row);
  });
}

async function getRoleRow(db: Queryable, id: string) {
  const [row] = await db.select().from(roles).where(eq(roles.id, id));
  if (!row) throw errors.notFound("role");
  return row;
}

export async function updateRole(ctx: Ctx, id: string, patch: RoleInput) {
  return ctx.db.transaction(async (tx) => {
    const before = await getRoleRow(tx, id);
    if (before.builtin) throw errors.conflict("BUILTIN_ROLE", "identity.builtin_role");
    assertDefinable(ctx.actor, patch, before);
    const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    if (set.permissions) set.permissions = [...new Set(set.permissions as string[])];
    const [row] = await tx
      .update(roles)
      .set({ ...set, updatedAt: ctx.clock.now() })
      .where(eq(roles.id, id))
      .returning();
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "role.update",
      entity: "role",
      entityId: id,
      summary: `修改角色“${before.name}”`,
      changes: diff(roleView(before), roleView(row)),
    });
    return roleView(row);
  });
}

export async function deleteRole(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    const before = await getRoleRow(tx, id);
    if (before.builtin) throw errors.conflict("BUILTIN_ROLE", "identity.builtin_role");
    const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(userRoles).where(eq(userRoles.roleId, id));
    if (n > 0) throw errors.conflict("ROLE_IN_USE", "identity.role_in_use", { count: n });
    await tx.delete(roles).where(eq(roles.id, id));
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "role.delete",
      entity: "role",
      entityId: id,
      summary: `删除角色“${before.name}”`,
      changes: diff(roleView(before), null),
    });
  });
}

export { ALL as ALL_PERMISSIONS };

/** Role ids by role code, every role. */
export async function roleIdsByCode(db: Queryable): Promise<Record<string, string>> {
  return Object.fromEntries(
    (await db.select({ id: roles.id, code: roles.code }).from(roles)).map((r) => [r.code, r.id]),
  );
}
