import type { ImportKind } from "../../contracts/system.js";
import type { Ctx } from "./context.js";
import { importRuns } from "./core.schema.js";
import { AppError } from "./errors.js";

type RowError = { row: number; field: string; message: string };
/** How many rows an errors file keeps (a larger file's first rows are enough to fix it). */
const MAX_KEPT_ERRORS = 5000;

/**
 * Runs an import and records it for 导入中心 (who, when, the file, rows read and imported, each row's error),
 * whether it succeeded or was refused. The record is written after the import's own transaction, so a refused
 * import (nothing kept) still leaves its errors to download. Unexpected errors are not recorded: they are the
 * server's, not the file's, and go to the log as any other.
 */
export async function withImportLog<T>(
  ctx: Ctx,
  meta: { kind: ImportKind; fileName: string },
  work: () => Promise<T>,
  outcome: (result: T) => { total: number; imported: number; summary: string },
): Promise<T> {
  const started = ctx.clock.now();
  const record = async (
    status: "succeeded" | "failed",
    o: { total: number; imported: number; summary: string },
    errors: RowError[],
  ) => {
    await ctx.db.insert(importRuns).values({
      kind: meta.kind,
      userId: ctx.actor.userId,
      userName: ctx.actor.displayName,
      orgId: ctx.actor.orgId,
      regionCode: ctx.actor.regionCode,
      fileName: meta.fileName.slice(0, 200),
      startedAt: started,
      durationMs: Math.max(0, ctx.clock.now().getTime() - started.getTime()),
      status,
      totalRows: o.total,
      importedRows: o.imported,
      errorRows: new Set(errors.map((e) => e.row)).size,
      summary: o.summary.slice(0, 500),
      errors: errors.slice(0, MAX_KEPT_ERRORS),
    });
  };
  try {
    const result = await work();
    await record("succeeded", outcome(result), []);
    return result;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const details = e.details as { errors?: RowError[]; fields?: { label: string; message: string }[] } | undefined;
    const errors: RowError[] =
      details?.errors ??
      (details?.fields?.map((f) => ({ row: 0, field: f.label, message: f.message })) || [
        { row: 0, field: "", message: e.message },
      ]);
    await record("failed", { total: 0, imported: 0, summary: e.message }, errors);
    throw e;
  }
}
