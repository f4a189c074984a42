import type { BulkResult } from "../../contracts/common.js";
import { AppError } from "./errors.js";

/** The name shown for a selected object the caller may not see (never its id, never whether it exists). */
export const UNSEEN_NAME = "（无权查看或不存在的对象）";

/**
 * 批量操作: runs `one` for each selected id by itself — its own permission and scope checks, its own
 * transaction and audit entry, exactly as when the object is acted on alone — and reports what succeeded and why
 * the others did not. A refusal (an AppError: wrong status, out of scope, not found) is that item's reason; the
 * others go on. An unexpected error stops the batch (what was done stays done and audited) and is rethrown.
 *
 * `names` reads the display names of the ids the caller may see, once, before anything changes.
 */
export async function runBulk(
  ids: readonly string[],
  names: (ids: string[]) => Promise<Map<string, string>>,
  one: (id: string) => Promise<unknown>,
): Promise<BulkResult> {
  const unique = [...new Set(ids)];
  const nameOf = await names(unique);
  const result: BulkResult = { total: unique.length, succeeded: [], failed: [] };
  for (const id of unique) {
    const name = nameOf.get(id) ?? UNSEEN_NAME;
    try {
      await one(id);
      result.succeeded.push({ id, name });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      result.failed.push({ id, name, reason: e.message });
    }
  }
  return result;
}
