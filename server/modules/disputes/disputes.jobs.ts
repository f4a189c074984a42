import type { Deps } from "../../core/context.js";
import type { JobRunner } from "../../core/jobs.js";
import { escalateMissingReports, escalateOverdueCases } from "./escalation.service.js";

/** Hourly: cases past their time limit go one level up; units missing a report are reported to their superior. */
export function registerDisputesJobs(runner: JobRunner, deps: Deps) {
  runner.register("disputes.escalate", async () => {
    await escalateOverdueCases(deps);
    await escalateMissingReports(deps);
  });
  void runner.schedule("disputes.escalate", "disputes.escalate", 3600).catch(() => undefined);
}
