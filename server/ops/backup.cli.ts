import path from "node:path";
import { loadConfig } from "../config.js";
import { backup, pruneBackups } from "./backup.js";

/**
 * `npm run backup [-- --out DIR] [--keep N]`: backs up the configured installation (DATABASE_URL, or the
 * embedded database in DATA_DIR — stop the server first; PostgreSQL is backed up while it runs) with its uploaded
 * files, keys and audit anchors into a new directory under DIR (BACKUP_DIR, default ./backups). With --keep (or
 * BACKUP_KEEP), older backups beyond the newest N are removed afterwards. Exit 0 done, 2 failed.
 */
function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

try {
  const config = loadConfig();
  const outDir = arg("--out") ? path.resolve(arg("--out") as string) : config.backup.dir;
  const keepText = arg("--keep") ?? process.env.BACKUP_KEEP;
  const keep = keepText === undefined ? undefined : Number(keepText);
  if (keep !== undefined && (!Number.isInteger(keep) || keep < 1)) throw new Error("--keep（BACKUP_KEEP）须为正整数");
  const started = Date.now();
  const { dir, manifest } = await backup(config, outDir);
  const rows = Object.values(manifest.tables).reduce((s, t) => s + t.rows, 0);
  const bytes = Object.values(manifest.artifacts).reduce((s, a) => s + a.size, 0);
  console.log(
    `备份完成：${dir}\n  数据库：${manifest.database === "postgres" ? "PostgreSQL" : "内嵌数据库"} ${manifest.serverVersion}，${Object.keys(manifest.tables).length} 张表，${rows} 行；审计链至第 ${manifest.auditHead?.seq ?? 0} 条\n  文件 ${Object.keys(manifest.artifacts).length} 个，共 ${(bytes / 1048576).toFixed(1)} MB，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒\n  备份含密钥（keys/），请像保管密钥一样保管它。`,
  );
  if (keep !== undefined) {
    const gone = pruneBackups(outDir, keep);
    if (gone.length) console.log(`已按保留 ${keep} 份删除较早的备份：${gone.join("、")}`);
  }
} catch (e) {
  console.error(`备份失败：${(e as Error).message}`);
  process.exitCode = 2;
}
