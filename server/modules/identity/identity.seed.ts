import { eq, sql } from "drizzle-orm";
import type { Clock } from "../../core/clock.js";
import type { Db } from "../../db/client.js";
import { recordAudit } from "../audit/index.js";
import { ensureOrgNamed, regionByCode } from "../org/index.js";
import { storePassword } from "./auth.service.js";
import { roles, userRoles, users } from "./identity.schema.js";
import { userSearch } from "./identity.search.js";
import { generatePassword } from "./password.js";

export type AdminKind = "system" | "security" | "audit";

/** The three 三员 accounts a first start creates, one per admin role. */
export const ADMIN_ACCOUNTS: { kind: AdminKind; role: string; username: string; displayName: string }[] = [
  { kind: "system", role: "sys_admin", username: "admin", displayName: "系统管理员" },
  { kind: "security", role: "security_admin", username: "secadmin", displayName: "安全管理员" },
  { kind: "audit", role: "audit_admin", username: "auditadmin", displayName: "审计管理员" },
];

/** The environment variable that sets each account's first password. */
export const ADMIN_PASSWORD_ENV: Record<AdminKind, string> = {
  system: "SHILIU_ADMIN_PASSWORD",
  security: "SHILIU_SECADMIN_PASSWORD",
  audit: "SHILIU_AUDITADMIN_PASSWORD",
};

export type CreatedAdmin = { kind: AdminKind; roleName: string; username: string; password: string | null };

/**
 * 三员分立 from the first start: for each admin role (系统管理员, 安全管理员, 审计管理员) that no account holds,
 * creates its account (admin, secadmin, auditadmin) in the ethnic-affairs department of the first loaded province.
 * No admin can create another's afterwards (the system admin grants no roles), so they come into being here, and
 * an upgraded installation that lacks one gets it at its next start. Each password comes from the environment
 * (SHILIU_ADMIN_PASSWORD, SHILIU_SECADMIN_PASSWORD, SHILIU_AUDITADMIN_PASSWORD), or is generated and returned to
 * be printed once; a generated one must be changed at first sign-in.
 */
export async function ensureAdminAccounts(
  db: Db,
  clock: Clock,
  provinceCode: string,
  configured: Partial<Record<AdminKind, string>> = {},
): Promise<CreatedAdmin[]> {
  const held = await db
    .selectDistinct({ kind: roles.adminKind })
    .from(userRoles)
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(sql`${roles.adminKind} is not null and ${roles.builtin}`);
  const missing = ADMIN_ACCOUNTS.filter((a) => !held.some((h) => h.kind === a.kind));
  if (missing.length === 0) return [];
  const province = await regionByCode(db, provinceCode);
  if (!province) throw new Error(`行政区划 ${provinceCode} 未加载，无法创建三员账号`);
  const created: CreatedAdmin[] = [];
  await db.transaction(async (tx) => {
    const orgName = `${province.name}民族事务委员会`;
    const org = {
      id: await ensureOrgNamed(tx, {
        name: orgName,
        shortName: "民委",
        type: "party_gov",
        regionCode: province.code,
        isEthnicAffairsDept: true,
      }),
    };
    for (const a of missing) {
      const [role] = await tx.select({ id: roles.id, name: roles.name }).from(roles).where(eq(roles.code, a.role));
      let username = a.username;
      for (let n = 2; (await tx.select({ id: users.id }).from(users).where(eq(users.username, username))).length; n++)
        username = `${a.username}${n}`;
      const password = configured[a.kind] ?? generatePassword();
      const [user] = await tx
        .insert(users)
        .values({
          username,
          displayName: a.displayName,
          search: userSearch({ username, displayName: a.displayName }),
          orgId: org.id,
          regionCode: province.code,
          passwordHash: "!",
        })
        .returning({ id: users.id });
      await storePassword(tx, { clock }, user.id, password, !configured[a.kind]);
      await tx.insert(userRoles).values({ userId: user.id, roleId: role.id });
      await recordAudit(tx, clock, null, {
        category: "data",
        action: "user.create",
        entity: "user",
        entityId: user.id,
        actorName: "系统初始化",
        regionCode: province.code,
        orgId: org.id,
        summary: `创建${role.name}账号 ${username}`,
      });
      created.push({ kind: a.kind, roleName: role.name, username, password: configured[a.kind] ? null : password });
    }
  });
  return created;
}

/** Prints the 三员 accounts a start created, each generated password once (to be handed to its holder). */
export function printCreatedAdmins(created: CreatedAdmin[]) {
  console.log("\n================ 三员账号（三员分立） ================");
  for (const a of created) {
    const password = a.password ?? `为 ${ADMIN_PASSWORD_ENV[a.kind]} 的值`;
    console.log(`  ${a.roleName}：用户名 ${a.username}，初始密码 ${password}`);
  }
  console.log("  每个初始密码只显示这一次，请分别交给三位管理员本人；首次登录须修改密码并绑定动态验证码。");
  console.log("  系统管理员建账号但不授权；安全管理员为账号分配角色；审计管理员查看审计日志。");
  console.log("=====================================================\n");
}
