/** 活动's standard reports for the report centre (server/modules/reports). */
import { type ReportDefinition, thisYear } from "../../core/report-kit.js";
import { publicityMonthReport } from "./stats.service.js";

export const activitiesReports: ReportDefinition[] = [
  {
    key: "activities.publicity-month",
    group: "活动",
    title: "民族团结进步宣传月活动情况报告",
    description: "本辖区当年 9 月宣传月的活动：按类型、领域和地区汇总，附活动清单（.docx）",
    format: "docx",
    permission: "activity:read",
    params: [{ name: "year", label: "年度", kind: "year", required: true, initial: thisYear }],
    generate: (ctx, p) => publicityMonthReport(ctx, Number(p.year)),
  },
];
