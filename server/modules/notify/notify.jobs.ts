import type { Deps } from "../../core/context.js";
import type { JobRunner } from "../../core/jobs.js";
import { runDigest } from "./notify.service.js";

/** Daily: the digest of unread messages for the users who asked for one. */
export function registerNotifyJobs(runner: JobRunner, deps: Deps) {
  runner.register("notify.digest", async () => {
    await runDigest(deps);
  });
  void runner.schedule("notify.digest", "notify.digest", 86_400).catch(() => undefined);
}
