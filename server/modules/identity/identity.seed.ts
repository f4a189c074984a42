import { eq, sql } from "drizzle-orm";
import type { Clock } from "../../core/clock.js";
import type { Db } from "../../db/client.js";
import { recordAudit } from "../audit/audit.service.js";
import { orgs, regions } from "../org/org.schema.js";
import { storePassword } from "./auth.service.js";
import { roles, userRoles, users } from "./identity.schema.js";
import { generatePassword } from "./password.js";

/**
 * Creates the first system administrator when there are no users: in the ethnic-affairs department of
 * the first loaded province. The password comes from SHILIU_ADMIN_PASSWORD, or is generated and
 * returned to be printed once; a generated one must be changed at first login.
 */
export async function ensureFirstAdmin(db: Db, clock: Clock, provinceCode: string, configured?: string) {
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  if (n > 0) return null;
  const [province] = await db.select().from(regions).where(eq(regions.code, provinceCode));
  if (!province) throw new Error(`行政区划 ${provinceCode} 未加载，无法创建首个管理员`);
  const password = configured ?? generatePassword();
  await db.transaction(async (tx) => {
    const orgName = `${province.name}民族事务委员会`;
    let [org] = await tx.select({ id: orgs.id }).from(orgs).where(eq(orgs.name, orgName));
    if (!org) {
      [org] = await tx
        .insert(orgs)
        .values({
          name: orgName,
          shortName: "民委",
          type: "party_gov",
          regionCode: province.code,
          isEthnicAffairsDept: true,
        })
        .returning({ id: orgs.id });
    }
    const [sysRole] = await tx.select({ id: roles.id }).from(roles).where(eq(roles.code, "sys_admin"));
    const [admin] = await tx
      .insert(users)
      .values({
        username: "admin",
        displayName: "系统管理员",
        orgId: org.id,
        regionCode: province.code,
        passwordHash: "!",
      })
      .returning({ id: users.id });
    await storePassword(tx, { clock }, admin.id, password, !configured);
    await tx.insert(userRoles).values({ userId: admin.id, roleId: sysRole.id });
    await recordAudit(tx, clock, null, {
      category: "data",
      action: "user.create",
      entity: "user",
      entityId: admin.id,
      actorName: "系统初始化",
      regionCode: province.code,
      orgId: org.id,
      summary: "创建首个系统管理员 admin",
    });
  });
  return configured ? { username: "admin", password: null } : { username: "admin", password };
}
