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
    let result: Awaited<ReturnType<typeof verifyChain>>;
    try {
      result = await verifyChain(deps.db, deps.audit, { now: deps.clock.now() });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // The anchors live outside the database: a path that is not a writable directory is the operator's to fix.
      if (code && /^E[A-Z]+$/.test(code))
        throw new Error(
          `审计锚点目录不可用（${deps.audit.anchorDir}，${code}）：请确认它是本服务可写的目录（AUDIT_ANCHOR_DIR）。${(e as Error).message}`,
        );
      throw e;
    }
    if (!result.ok) {
      const lines = result.problems.slice(0, 20).map((p) => `${problemPlace(p)}：${p.message}`);
      const message = `审计链校验失败，未写入锚点（共 ${result.problemCount} 处）：${lines.join("；")}`;
      console.error(message);
      throw new Error(message);
    }
  });
  void runner.schedule("audit.anchor", "audit.anchor", 86_400).catch(() => undefined);
}
