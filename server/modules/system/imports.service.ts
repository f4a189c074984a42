import { and, count, desc, eq, or, type SQL } from "drizzle-orm";
import type { Permission } from "../../../contracts/identity.js";
import { IMPORT_KINDS, type ImportCenter, type ImportKind } from "../../../contracts/system.js";
import { scopeFor, scopeWhere } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { importRuns } from "../../core/core.schema.js";
import { errors } from "../../core/errors.js";
import { buildXlsx } from "../../core/xlsx.js";
import { orgNameSql } from "../org/index.js";

const R = importRuns;

/** The import kinds the actor may run, each with the runs it may see: those within that permission's scope. */
function visible(ctx: Ctx): { kinds: ImportKind[]; where: SQL | undefined } {
  const kinds: ImportKind[] = [];
  const parts: SQL[] = [];
  for (const [kind, def] of Object.entries(IMPORT_KINDS) as [ImportKind, (typeof IMPORT_KINDS)[ImportKind]][]) {
    const scope = scopeFor(ctx.actor, def.permission as Permission);
    if (!scope) continue;
    kinds.push(kind);
    parts.push(
      and(eq(R.kind, kind), scopeWhere(scope, { region: R.regionCode, org: R.orgId, owner: R.userId })) as SQL,
    );
  }
  return { kinds, where: parts.length ? or(...parts) : undefined };
}

/** 导入中心: the imports the actor may run (with template and page) and the history of those imports in scope. */
export async function importCenterOf(
  ctx: Ctx,
  q: { page: number; pageSize: number; kind?: ImportKind },
): Promise<ImportCenter> {
  const { kinds, where } = visible(ctx);
  const kindList = kinds.map((k) => ({ kind: k, ...IMPORT_KINDS[k] }));
  if (!where) return { kinds: kindList, runs: { items: [], total: 0, page: q.page, pageSize: q.pageSize } };
  const cond = and(where, q.kind ? eq(R.kind, q.kind) : undefined);
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select({ r: R, orgName: orgNameSql(R.orgId) })
      .from(R)
      .where(cond)
      .orderBy(desc(R.startedAt), desc(R.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: count() }).from(R).where(cond),
  ]);
  return {
    kinds: kindList,
    runs: {
      items: rows.map(({ r, orgName }) => ({
        id: r.id,
        kind: r.kind,
        kindLabel: IMPORT_KINDS[r.kind as ImportKind]?.label ?? r.kind,
        userName: r.userName,
        orgName: orgName ?? "",
        fileName: r.fileName,
        startedAt: r.startedAt.toISOString(),
        durationMs: r.durationMs,
        status: r.status,
        totalRows: r.totalRows,
        importedRows: r.importedRows,
        errorRows: r.errorRows,
        summary: r.summary,
      })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    },
  };
}

/** The errors of one import as .xlsx (行号, 列, 问题), for the user to fix the file and import it again. */
export async function importErrorsXlsx(ctx: Ctx, id: string): Promise<{ fileName: string; content: Buffer }> {
  const { where } = visible(ctx);
  const [run] = where
    ? await ctx.db
        .select()
        .from(R)
        .where(and(eq(R.id, id), where))
    : [];
  if (!run) throw errors.notFound("import_run");
  const content = await buildXlsx(
    "错误明细",
    [
      { header: "行号", width: 8, value: (e) => (e.row > 0 ? e.row : "整个文件") },
      { header: "列", width: 20, value: (e) => e.field },
      { header: "问题", width: 60, value: (e) => e.message },
    ],
    run.errors,
  );
  const base = run.fileName.replace(/\.[^.]+$/, "");
  return { fileName: `${base}-错误明细.xlsx`, content };
}
