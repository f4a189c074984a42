import type { JobRunner } from "../core/jobs.js";
import type { Database } from "../db/client.js";
import { backup, pruneBackups, type Target } from "./backup.js";

/**
 * The scheduled backup (BACKUP_INTERVAL_HOURS > 0): the same backup as `npm run backup`, taken by the running
 * server — PostgreSQL through pg_dump, the embedded database online through the server's own connection — into
 * BACKUP_DIR, then the backups beyond the newest BACKUP_KEEP are removed. A failure fails the job (retried and
 * shown in the job list like any job) and is logged.
 */
export function registerBackupJob(
  runner: JobRunner,
  database: Database,
  target: Target,
  opts: { intervalHours: number; dir: string; keep: number },
) {
  if (!(opts.intervalHours > 0)) return;
  runner.register("ops.backup", async () => {
    try {
      const { dir } = await backup(target, opts.dir, { live: database.pglite });
      const gone = pruneBackups(opts.dir, opts.keep);
      console.log(`定时备份完成：${dir}${gone.length ? `；按保留 ${opts.keep} 份删除了 ${gone.join("、")}` : ""}`);
    } catch (e) {
      console.error(`定时备份失败：${(e as Error).message}`);
      throw e;
    }
  });
  void runner
    .schedule("ops.backup", "ops.backup", Math.round(opts.intervalHours * 3600))
    .catch((e) => console.error(`无法登记定时备份：${(e as Error).message}`));
}
