import type { EvaluationReportKind } from "../../../contracts/plans.js";
import { EVALUATION_REPORT_KIND_LABELS } from "../../../contracts/plans.js";
import type { Ctx } from "../../core/context.js";
import { recordAuditNow } from "../audit/index.js";
import { planSummary } from "./plan.service.js";
import { loadPlanAccess, requireFull } from "./plan-access.js";
import { buildEvaluationDocx, buildEvaluationXlsx } from "./plan-report-docx.js";
import { periodReport } from "./report-period.js";
import { rollupOf } from "./rollup.service.js";
import { listRectifications } from "./supervision.service.js";

async function reportData(ctx: Ctx, planId: string) {
  const info = await loadPlanAccess(ctx, planId);
  requireFull(info);
  const [summary, rollup] = await Promise.all([planSummary(ctx, info), rollupOf(ctx, info.plan)]);
  const rects = [];
  for (let page = 1; ; page++) {
    const res = await listRectifications(ctx, planId, { page, pageSize: 200 });
    rects.push(...res.items);
    if (rects.length >= res.total || res.items.length === 0) break;
  }
  return { info, summary, rollup, rects };
}

/** The evaluation report (.docx) or its data (.xlsx); the export is audited. */
export async function exportEvaluation(
  ctx: Ctx,
  planId: string,
  format: "docx" | "xlsx",
  kind: EvaluationReportKind = "midterm",
): Promise<{ content: Buffer; fileName: string }> {
  const { info, summary, rollup, rects } = await reportData(ctx, planId);
  const kindLabel = EVALUATION_REPORT_KIND_LABELS[kind];
  const content =
    format === "docx"
      ? await buildEvaluationDocx(
          kind,
          summary,
          rollup,
          rects,
          ctx.clock.now(),
          await periodReport(ctx.db, info.plan, kind, ctx.clock.now()),
        )
      : await buildEvaluationXlsx(summary, rollup, rects);
  const fileName = format === "docx" ? `${summary.title}${kindLabel}.docx` : `${summary.title}评估数据.xlsx`;
  await recordAuditNow(ctx.db, ctx.clock, ctx.actor, {
    category: "export",
    action: format === "docx" ? "plan.export.report" : "plan.export.data",
    entity: "plan",
    entityId: planId,
    regionCode: info.plan.regionCode,
    orgId: info.plan.issuingOrgId,
    summary: `导出${format === "docx" ? kindLabel : "规划评估数据"}“${summary.title}”`,
  });
  return { content, fileName };
}
