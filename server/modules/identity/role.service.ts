import { asc, eq, inArray, sql } from "drizzle-orm";
import { type DataScope, PERMISSIONS, type Permission } from "../../../contracts/identity.js";
import { type Actor, permissionsOf, widestScope } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import type { Queryable } from "../../db/client.js";
import { diff, recordAudit } from "../audit/audit.service.js";
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
    description: "管理组织机构、用户、角色和系统设置；不查看业务数据和审计日志",
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
      "user:reset_password",
      "role:read",
      "role:manage",
      "system:settings",
    ],
  },
  {
    code: "security_admin",
    name: "安全管理员",
    description: "管理安全策略、解锁账号、管理在线会话；不查看业务数据",
    dataScope: "all",
    adminKind: "security",
    permissions: ["region:read", "user:read", "user:unlock", "security:manage", "session:manage"],
  },
  {
    code: "audit_admin",
    name: "审计管理员",
    description: "查看和导出审计日志、登录日志，校验审计链；不查看业务数据",
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
    ],
  },
  {
    code: "evaluator",
    name: "测评专家",
    description: "按分配填写专家评分表；只看本人的评分表",
    dataScope: "self",
    adminKind: null,
    permissions: ["region:read", "evaluation:read", "evaluation:score"],
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
    ],
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

/**
 * Whether the actor may hand out these roles: the system admin may grant any role; anyone else only
 * roles whose permissions they hold themselves and whose data scope is no wider than their own.
 * Admin roles are mutually exclusive (三员分立).
 */
export function assertGrantable(actor: Actor, granted: RoleRow[]) {
  const adminKinds = new Set(granted.map((r) => r.adminKind).filter(Boolean));
  if (adminKinds.size > 1) throw errors.field("roleIds", "identity.admin_roles_exclusive");
  if (actor.roles.some((r) => r.adminKind === "system")) return;
  const mine = permissionsOf(actor);
  const myRank = SCOPE_RANK[widestScope(actor)];
  for (const r of granted) {
    const missing = r.permissions.find((p) => !mine.has(p));
    if (r.adminKind || missing || SCOPE_RANK[r.dataScope] > myRank) {
      throw errors.field("roleIds", "errors.conflict", { detail: `无权分配角色“${r.name}”（超出本人权限或数据范围）` });
    }
  }
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
