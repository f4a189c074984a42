import { beijingDate } from "../../../contracts/dates.js";
import type { RectificationView } from "../../../contracts/plan-progress.js";
import type { EvaluationReportKind } from "../../../contracts/plans.js";
import { EVALUATION_REPORT_KIND_LABELS } from "../../../contracts/plans.js";
import type { Ctx } from "../../core/context.js";
import { recordAuditNow } from "../audit/index.js";
import { planSummary } from "./plan.service.js";
import { loadPlanAccess, requireFull } from "./plan-access.js";
import { buildEvaluationDocx, buildEvaluationXlsx } from "./plan-report-docx.js";
import { periodReport, reportWindow } from "./report-period.js";
import { rollupOf } from "./rollup.service.js";
import { listRectifications } from "./supervision.service.js";

/**
 * The rectifications as they stood at `cut` (exclusive): those recorded by then, each with its status, overdue and
 * escalation at that instant, and only what had been written by then (a later closure or verification is not
 * there yet).
 */
export function rectificationsAt(rects: RectificationView[], cut: Date): RectificationView[] {
  const by = (iso: string | null) => iso !== null && new Date(iso).getTime() < cut.getTime();
  const today = beijingDate(cut);
  return rects
    .filter((r) => by(r.createdAt))
    .map((r) => {
      const status = by(r.verifiedAt) ? "verified" : by(r.closedAt) ? "closed" : "open";
      const escalated = by(r.escalatedAt);
      return {
        ...r,
        status,
        overdue: status === "open" && r.deadline < today,
        closureNote: status === "open" ? null : r.closureNote,
        closureEvidence: status === "open" ? [] : r.closureEvidence,
        closedAt: status === "open" ? null : r.closedAt,
        verifiedAt: status === "verified" ? r.verifiedAt : null,
        verifyNote: status === "verified" ? r.verifyNote : null,
        escalatedAt: escalated ? r.escalatedAt : null,
        escalatedToOrgId: escalated ? r.escalatedToOrgId : null,
        escalatedToOrgName: escalated ? r.escalatedToOrgName : null,
      };
    });
}

/** Everything the report says, as of its cut-off: the roll-up and the rectifications then, not today's. */
async function reportData(ctx: Ctx, planId: string, kind: EvaluationReportKind) {
  const info = await loadPlanAccess(ctx, planId);
  requireFull(info);
  const { cut } = reportWindow(info.plan, kind, ctx.clock.now());
  const [summary, rollup] = await Promise.all([planSummary(ctx, info), rollupOf(ctx, info.plan, { at: cut })]);
  const rects = [];
  for (let page = 1; ; page++) {
    const res = await listRectifications(ctx, planId, { page, pageSize: 200 });
    rects.push(...res.items);
    if (rects.length >= res.total || res.items.length === 0) break;
  }
  return { info, summary, rollup, rects: rectificationsAt(rects, cut) };
}

/**
 * The evaluation report (.docx) or its data (.xlsx), each as of the report's cut-off (中期: the end of the plan's
 * middle year; 总结, the data's default: the end of the plan; either cut at today); the export is audited.
 */
export async function exportEvaluation(
  ctx: Ctx,
  planId: string,
  format: "docx" | "xlsx",
  kind: EvaluationReportKind = format === "docx" ? "midterm" : "final",
): Promise<{ content: Buffer; fileName: string }> {
  const { info, summary, rollup, rects } = await reportData(ctx, planId, kind);
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
      : await buildEvaluationXlsx(summary, rollup, rects, ctx.clock.now());
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
