import type { Deps } from "../../core/context.js";
import type { JobRunner } from "../../core/jobs.js";
import { escalateOverdueRectifications } from "./supervision.service.js";

/**
 * Hourly: escalate overdue rectifications to the owner's superior. Report reminders need no job: to-dos are
 * derived from each plan's periods and deadlines when a unit opens its list (report.service.ts listTodos).
 */
export function registerPlansJobs(runner: JobRunner, deps: Deps) {
  runner.register("plans.escalate", async () => {
    await escalateOverdueRectifications(deps);
  });
  void runner.schedule("plans.escalate", "plans.escalate", 3600).catch(() => undefined);
}
