/**
 * 报表中心: every module's standard reports in one place. The catalogue is what the modules export (catalog.ts);
 * the caller sees the reports their permissions allow, each parameter with the choices that are theirs (their
 * plans, rounds…). Generating one runs the module's own export code — its scope checks, its file — then keeps the
 * file in the file store and records the run with an audit entry in one transaction, so the user finds it again
 * in their history.
 */
import { and, count, desc, eq } from "drizzle-orm";
import type { ReportDefinitionView, ReportRunView } from "../../../contracts/reports.js";
import { can } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { AppError, errors } from "../../core/errors.js";
import { t } from "../../core/i18n.js";
import { paged, pageResult } from "../../core/paging.js";
import type { ReportDefinition } from "../../core/report-kit.js";
import { recordAudit } from "../audit/index.js";
import { REPORTS } from "./catalog.js";
import { reportRuns } from "./reports.schema.js";

const byKey = new Map(REPORTS.map((r) => [r.key, r]));

function definitionFor(ctx: Ctx, key: string): ReportDefinition {
  const def = byKey.get(key);
  if (!def) throw errors.notFound("report");
  if (!can(ctx.actor, def.permission)) throw errors.forbidden(def.permission);
  return def;
}

/** A 400 naming the parameter by its label, in the shape of schema validation errors. */
function paramError(name: string, label: string, message: string) {
  return new AppError(400, "VALIDATION_FAILED", t("errors.validation", { detail: `${label}：${message}` }), {
    fields: [{ field: `params.${name}`, label, message }],
  });
}

/** The reports the caller may generate, with their parameters' choices. */
export async function listReports(ctx: Ctx): Promise<ReportDefinitionView[]> {
  const mine = REPORTS.filter((r) => can(ctx.actor, r.permission));
  return Promise.all(
    mine.map(async (r) => ({
      key: r.key,
      group: r.group,
      title: r.title,
      description: r.description,
      format: r.format,
      params: await Promise.all(
        r.params.map(async (p) => ({
          name: p.name,
          label: p.label,
          kind: p.kind,
          required: p.required,
          help: p.help ?? null,
          options: p.options ? await p.options(ctx) : null,
          initial: p.initial?.(ctx) ?? null,
        })),
      ),
    })),
  );
}

/**
 * Checks each value against the report's own parameters (unknown names, missing required ones, a choice not among
 * the caller's options, a year or date that is not one) and answers the values with their names for the history.
 */
async function checkParams(ctx: Ctx, def: ReportDefinition, given: Record<string, string>) {
  for (const name of Object.keys(given))
    if (!def.params.some((p) => p.name === name)) throw paramError(name, name, "该报表没有这个参数");
  const values: Record<string, string> = {};
  const words: string[] = [];
  for (const p of def.params) {
    const v = (given[p.name] ?? "").trim();
    if (!v) {
      if (p.required) throw paramError(p.name, p.label, "请选择或填写");
      if (p.kind === "select") words.push(`${p.label}：全部`);
      continue;
    }
    if (p.kind === "year" && !(/^\d{4}$/.test(v) && Number(v) >= 2000 && Number(v) <= 2100))
      throw paramError(p.name, p.label, "应为 2000–2100 之间的年份");
    if (p.kind === "date" && !/^\d{4}-\d{2}-\d{2}$/.test(v))
      throw paramError(p.name, p.label, "应为 YYYY-MM-DD 格式的日期");
    let shown = v;
    if (p.kind === "select" && p.options) {
      const choice = (await p.options(ctx)).find((o) => o.value === v);
      if (!choice) throw paramError(p.name, p.label, "不在可选范围内");
      shown = choice.label;
    }
    values[p.name] = v;
    words.push(`${p.label}：${shown}`);
  }
  return { values, text: words.join("；") || "（无参数）" };
}

function toView(r: typeof reportRuns.$inferSelect): ReportRunView {
  return {
    id: r.id,
    reportKey: r.reportKey,
    title: r.title,
    format: r.format,
    paramsText: r.paramsText,
    fileName: r.fileName,
    size: r.size,
    createdAt: r.createdAt.toISOString(),
  };
}

/** Generates a report, keeps its file, and records the run (audited in the same transaction). */
export async function runReport(ctx: Ctx, key: string, given: Record<string, string>): Promise<ReportRunView> {
  const def = definitionFor(ctx, key);
  const { values, text } = await checkParams(ctx, def, given);
  const { content, fileName } = await def.generate(ctx, values);
  const { hash, size } = await ctx.files.put(content);
  const row = await ctx.db.transaction(async (tx) => {
    const [run] = await tx
      .insert(reportRuns)
      .values({
        reportKey: def.key,
        title: def.title,
        format: def.format,
        params: values,
        paramsText: text,
        userId: ctx.actor.userId,
        orgId: ctx.actor.orgId,
        fileHash: hash,
        fileName,
        size,
        createdAt: ctx.clock.now(),
      })
      .returning();
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "export",
      action: "report.generate",
      entity: "report_run",
      entityId: run.id,
      regionCode: ctx.actor.regionCode,
      orgId: ctx.actor.orgId,
      summary: `在报表中心生成“${def.title}”（${text}）`,
      changes: { report: def.key, params: values, fileName },
    });
    return run;
  });
  return toView(row);
}

/** The caller's own generated reports, newest first. */
export async function listRuns(ctx: Ctx, q: { page: number; pageSize: number }) {
  const mine = eq(reportRuns.userId, ctx.actor.userId);
  const [rows, [{ total }]] = await Promise.all([
    paged(
      ctx.db.select().from(reportRuns).where(mine).orderBy(desc(reportRuns.createdAt), desc(reportRuns.id)).$dynamic(),
      q,
    ),
    ctx.db.select({ total: count() }).from(reportRuns).where(mine),
  ]);
  return pageResult(rows.map(toView), total, q);
}

/** A generated file again, for who generated it only (others: not found). */
export async function runFile(ctx: Ctx, id: string) {
  const [run] = await ctx.db
    .select()
    .from(reportRuns)
    .where(and(eq(reportRuns.id, id), eq(reportRuns.userId, ctx.actor.userId)));
  if (!run) throw errors.notFound("report_run");
  const content = await ctx.files.get(run.fileHash);
  if (!content) throw errors.notFound("report_run");
  return { run, content };
}
