/** 规划监测's standard reports for the report centre (server/modules/reports). */
import { EVALUATION_REPORT_KIND_LABELS, type EvaluationReportKind, planListQuery } from "../../../contracts/plans.js";
import type { ReportDefinition } from "../../core/report-kit.js";
import { exportEvaluation } from "./export.service.js";
import { listPlans } from "./plan.service.js";

const planParam = {
  name: "planId",
  label: "规划",
  kind: "select" as const,
  required: true,
  // The plans the caller's 规划 list shows, newest first (at most 100).
  options: async (ctx: Parameters<typeof listPlans>[0]) =>
    (await listPlans(ctx, planListQuery.parse({ pageSize: 100 }))).items.map((p) => ({ value: p.id, label: p.title })),
};

export const plansReports: ReportDefinition[] = [
  {
    key: "plans.evaluation",
    group: "规划监测",
    title: "规划实施评估报告",
    description: "中期评估或总结评估报告（.docx）：各章节任务的完成情况、进度报告和佐证材料",
    format: "docx",
    permission: "plan:export",
    params: [
      planParam,
      {
        name: "kind",
        label: "报告类型",
        kind: "select",
        required: true,
        options: async () => Object.entries(EVALUATION_REPORT_KIND_LABELS).map(([value, label]) => ({ value, label })),
        initial: () => "midterm",
      },
    ],
    generate: (ctx, p) => exportEvaluation(ctx, p.planId, "docx", p.kind as EvaluationReportKind),
  },
  {
    key: "plans.evaluation-data",
    group: "规划监测",
    title: "规划评估数据表",
    description: "每项任务、每个责任单位的报送和完成数据（.xlsx），供评估机构使用",
    format: "xlsx",
    permission: "plan:export",
    params: [planParam],
    generate: (ctx, p) => exportEvaluation(ctx, p.planId, "xlsx"),
  },
];
