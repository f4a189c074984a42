import type { Deps } from "../../core/context.js";
import type { JobRunner } from "../../core/jobs.js";
import { escalateOverdueRequests } from "./escalation.service.js";
import { purgeExpiredFiles } from "./files.service.js";

/** Hourly: escalate overdue referrals (once each). Daily: purge closed service files past retention. */
export function registerServicesJobs(runner: JobRunner, deps: Deps) {
  runner.register("services.escalate", async () => {
    await escalateOverdueRequests(deps);
  });
  runner.register("services.purge_files", async () => {
    await purgeExpiredFiles(deps);
  });
  void runner.schedule("services.escalate", "services.escalate", 3600).catch(() => undefined);
  void runner.schedule("services.purge_files", "services.purge_files", 86_400).catch(() => undefined);
}
