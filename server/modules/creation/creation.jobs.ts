import type { Deps } from "../../core/context.js";
import type { JobRunner } from "../../core/jobs.js";
import { expireDesignations, openDueReverifications } from "./self-check.service.js";

/** Job kinds of 示范创建, each run daily by the job runner (claimed once across instances). */
export const CREATION_JOBS = {
  /** Opens 复验 for designations expiring within six months. */
  openReverifications: "creation.reverification.open",
  /** Marks designations past their last day 已到期 and lapses unfinished 复验. */
  expireDesignations: "creation.designation.expire",
} as const;

/**
 * Registers the handlers and declares the daily schedules. Called from registerPlatformJobs (server/jobs.ts);
 * the returned promise settles once the schedules are stored (tests await it, the server need not).
 */
export function registerCreationJobs(runner: JobRunner, deps: Deps): Promise<void> {
  runner.register(CREATION_JOBS.openReverifications, async () => {
    await openDueReverifications(deps);
  });
  runner.register(CREATION_JOBS.expireDesignations, async () => {
    await expireDesignations(deps);
  });
  return Promise.all([
    runner.schedule(CREATION_JOBS.expireDesignations, CREATION_JOBS.expireDesignations, 86_400),
    runner.schedule(CREATION_JOBS.openReverifications, CREATION_JOBS.openReverifications, 86_400),
  ]).then(
    () => undefined,
    () => undefined,
  );
}
