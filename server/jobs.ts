import { sql } from "drizzle-orm";
import type { Deps } from "./core/context.js";
import type { JobRunner } from "./core/jobs.js";
import { registerAuditJobs } from "./modules/audit/audit.jobs.js";
import { registerCreationJobs } from "./modules/creation/creation.jobs.js";
import { registerDisputesJobs } from "./modules/disputes/disputes.jobs.js";
import { registerPlansJobs } from "./modules/plans/plans.jobs.js";

/** Platform housekeeping jobs; modules add their own (reminders, 复验) the same way. */
export function registerPlatformJobs(runner: JobRunner, deps: Deps) {
  runner.register("sessions.purge", async () => {
    const cutoff = new Date(deps.clock.now().getTime() - 30 * 86_400_000).toISOString();
    await deps.db.execute(
      sql`DELETE FROM sessions WHERE (revoked_at IS NOT NULL AND revoked_at < ${cutoff}) OR expires_at < ${cutoff}`,
    );
  });
  runner.register("jobs.purge", async () => {
    const cutoff = new Date(deps.clock.now().getTime() - 30 * 86_400_000).toISOString();
    await deps.db.execute(sql`DELETE FROM jobs WHERE status = 'done' AND finished_at < ${cutoff}`);
  });
  void runner.schedule("sessions.purge", "sessions.purge", 3600).catch(() => undefined);
  void runner.schedule("jobs.purge", "jobs.purge", 86_400).catch(() => undefined);
  registerAuditJobs(runner, deps);
  void registerCreationJobs(runner, deps);
  registerPlansJobs(runner, deps);
  registerDisputesJobs(runner, deps);
}
