import type { Deps } from "../../core/context.js";
import type { JobRunner } from "../../core/jobs.js";
import { problemPlace, verifyChain } from "./audit.verify.js";

/**
 * Daily (and at the first tick after start): verify the chain and, when it holds, anchor its head outside the
 * database. A broken chain is not anchored; the job fails with the problems, so they show in the job table
 * and the server log.
 */
export function registerAuditJobs(runner: JobRunner, deps: Deps) {
  runner.register("audit.anchor", async () => {
    const result = await verifyChain(deps.db, deps.audit, { now: deps.clock.now() });
    if (!result.ok) {
      const lines = result.problems.slice(0, 20).map((p) => `${problemPlace(p)}：${p.message}`);
      const message = `审计链校验失败，未写入锚点（共 ${result.problemCount} 处）：${lines.join("；")}`;
      console.error(message);
      throw new Error(message);
    }
  });
  void runner.schedule("audit.anchor", "audit.anchor", 86_400).catch(() => undefined);
}
