import { eq } from "drizzle-orm";
import { loadConfig } from "../../config.js";
import { systemClock } from "../../core/clock.js";
import { openDatabase } from "../../db/client.js";
import { recordAudit } from "../audit/index.js";
import { storePassword } from "./auth.service.js";
import { users } from "./identity.schema.js";
import { generatePassword } from "./password.js";
import { revokeSessions } from "./session.service.js";

/**
 * `npm run admin:reset-password -- <用户名> [--clear-totp]`: the server operator's way to reset an account that
 * cannot be reset online, chiefly a 三员 account without TOTP (an online reset would hand its password to the
 * resetting admin). Prints a temporary password once, which must be changed at first sign-in; with --clear-totp
 * also removes the account's TOTP binding (lost phone), so an admin enrols again at next sign-in. Audited as
 * 服务器运维（命令行）. Stop the server first when the database is the embedded one.
 */
const args = process.argv.slice(2);
const username = args.find((a) => !a.startsWith("--"));
const clearTotp = args.includes("--clear-totp");
if (!username) {
  console.error("用法：npm run admin:reset-password -- <用户名> [--clear-totp]");
  process.exit(2);
}
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const db = database.db;
  const [user] = await db.select().from(users).where(eq(users.username, username));
  if (!user) {
    console.error(`用户 ${username} 不存在`);
    process.exitCode = 1;
  } else {
    const password = generatePassword();
    await db.transaction(async (tx) => {
      await storePassword(tx, { clock: systemClock }, user.id, password, true);
      await tx
        .update(users)
        .set({
          failedLogins: 0,
          lockedUntil: null,
          ...(clearTotp ? { totpEnabled: false, totpSecretEnc: null } : {}),
        })
        .where(eq(users.id, user.id));
      await revokeSessions(tx, systemClock, { userId: user.id }, "运维重置密码");
      await recordAudit(tx, systemClock, null, {
        category: "data",
        action: "user.reset_password",
        entity: "user",
        entityId: user.id,
        actorName: "服务器运维（命令行）",
        regionCode: user.regionCode,
        orgId: user.orgId,
        summary: `在服务器上重置用户“${user.displayName}（${user.username}）”的密码${clearTotp ? "并解除动态验证码绑定" : ""}`,
        changes: { password: ["***", "***"], ...(clearTotp ? { totpEnabled: [user.totpEnabled, false] } : {}) },
      });
    });
    console.log(`已重置 ${user.displayName}（${user.username}）的密码。临时密码（只显示这一次）：${password}`);
    console.log("请当面交给本人；本人登录后须立即修改密码。此操作已记入审计日志。");
  }
} finally {
  await database.close();
}
