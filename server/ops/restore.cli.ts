import path from "node:path";
import { loadConfig } from "../config.js";
import { openDatabase } from "../db/client.js";
import { loadAuditKeys } from "../modules/audit/audit.keys.js";
import { verifyChain, verifyReport } from "../modules/audit/audit.verify.js";
import { restore } from "./backup.js";

/**
 * `npm run restore -- <backup directory> [--no-owner]`: restores a backup (`npm run backup`) into the configured
 * target, which must be empty — a new DATA_DIR for the embedded database, or a database without tables at
 * DATABASE_URL — with its files, keys (FIELD_KEY_FILE, AUDIT_KEY_FILE) and anchors (AUDIT_ANCHOR_DIR). The
 * backup's files are checked against its manifest first; afterwards every table's row count and hash are compared
 * with the manifest and the audit chain is verified against the restored anchors. Exit 0: restored and both
 * checks pass; 1: restored but a check failed; 2: not restored.
 * --no-owner: PostgreSQL objects are owned by the restoring user (a server without the original roles).
 */
const dir = process.argv.slice(2).find((a) => !a.startsWith("--"));
try {
  if (!dir) throw new Error("用法：npm run restore -- <备份目录> [--no-owner]");
  const config = loadConfig();
  const started = Date.now();
  const { manifest, tables, differences } = await restore(path.resolve(dir), config, {
    noOwner: process.argv.includes("--no-owner"),
  });
  const rows = Object.values(tables).reduce((s, t) => s + t.rows, 0);
  console.log(
    `已恢复 ${manifest.createdAt} 的备份到${config.databaseUrl ? " PostgreSQL" : `内嵌数据库 ${config.dataDir}`}：${Object.keys(tables).length} 张表，${rows} 行，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`,
  );
  if (differences.length) {
    console.error(`数据校验不符（${differences.length} 张表）：\n${differences.join("\n")}`);
    process.exitCode = 1;
  } else console.log("数据校验一致：每张表的行数和内容哈希与备份清单相同。");
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const keys = loadAuditKeys(config.auditKeyFile, { create: false });
    const result = await verifyChain(database.db, { keys, anchorDir: config.auditAnchorDir }, { anchor: false });
    const { exitCode, lines } = verifyReport(result);
    for (const line of lines) (exitCode ? console.error : console.log)(line);
    if (exitCode) process.exitCode = 1;
  } finally {
    await database.close();
  }
} catch (e) {
  console.error(`恢复失败：${(e as Error).message}`);
  process.exitCode = 2;
}
