import { sql } from "drizzle-orm";
import type { Deps } from "./core/context.js";
import type { JobRunner } from "./core/jobs.js";
import { registerAuditJobs } from "./modules/audit/audit.jobs.js";
import { registerBasesJobs } from "./modules/bases/index.js";
import { registerCreationJobs } from "./modules/creation/creation.jobs.js";
import { registerDisputesJobs } from "./modules/disputes/disputes.jobs.js";
import { registerNotifyJobs } from "./modules/notify/notify.jobs.js";
import { registerPlansJobs } from "./modules/plans/plans.jobs.js";
import { registerServicesJobs } from "./modules/services/index.js";
import { jobFailed, platformSettings } from "./modules/system/index.js";

/** Platform housekeeping jobs; modules add their own (reminders, 复验) the same way. */
export function registerPlatformJobs(runner: JobRunner, deps: Deps) {
  runner.onFailure((kind, inARow, error) => jobFailed(deps, kind, inARow, error));
  runner.register("sessions.purge", async () => {
    const { sessionRetentionDays } = await platformSettings(deps.db);
    const cutoff = new Date(deps.clock.now().getTime() - sessionRetentionDays * 86_400_000).toISOString();
    await deps.db.execute(
      sql`DELETE FROM sessions WHERE (revoked_at IS NOT NULL AND revoked_at < ${cutoff}) OR expires_at < ${cutoff}`,
    );
  });
  runner.register("jobs.purge", async () => {
    const { jobRetentionDays } = await platformSettings(deps.db);
    const cutoff = new Date(deps.clock.now().getTime() - jobRetentionDays * 86_400_000).toISOString();
    await deps.db.execute(sql`DELETE FROM jobs WHERE status = 'done' AND finished_at < ${cutoff}`);
  });
  void runner.schedule("sessions.purge", "sessions.purge", 3600).catch(() => undefined);
  void runner.schedule("jobs.purge", "jobs.purge", 86_400).catch(() => undefined);
  registerAuditJobs(runner, deps);
  void registerCreationJobs(runner, deps);
  registerPlansJobs(runner, deps);
  registerNotifyJobs(runner, deps);
  registerServicesJobs(runner, deps);
  registerDisputesJobs(runner, deps);
  void registerBasesJobs(runner, deps);
}
