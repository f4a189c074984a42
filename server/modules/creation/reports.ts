/** 示范创建's standard reports for the report centre (server/modules/reports). */
import { APPLICATION_STATUS_LABELS, APPLICATION_STATUSES, applicationListQuery } from "../../../contracts/creation.js";
import type { ReportDefinition } from "../../core/report-kit.js";
import { applicationsXlsx } from "./exports.js";

export const creationReports: ReportDefinition[] = [
  {
    key: "creation.applications",
    group: "示范创建",
    title: "示范创建申报汇总表",
    description: "本级及下级的申报：单位、批次、类别、状态、推荐和受理情况（与申报列表的导出相同）",
    format: "xlsx",
    permission: "creation:export",
    params: [
      {
        name: "status",
        label: "申报状态",
        kind: "select",
        required: false,
        help: "不选即全部状态",
        options: async () => APPLICATION_STATUSES.map((s) => ({ value: s, label: APPLICATION_STATUS_LABELS[s] })),
      },
    ],
    generate: async (ctx, p) => {
      const { page: _page, pageSize: _size, ...q } = applicationListQuery.parse(p.status ? { status: p.status } : {});
      return { content: await applicationsXlsx(ctx, q), fileName: "示范创建申报汇总表.xlsx" };
    },
  },
];
