/** 服务台's standard reports for the report centre (server/modules/reports). */
import { REQUEST_STATUS_LABELS, requestListQuery, SERVICE_CATEGORY_DICT } from "../../../contracts/services.js";
import { dictLabels } from "../../core/dict.js";
import type { ReportDefinition } from "../../core/report-kit.js";
import { exportRequests } from "./stats.service.js";

export const servicesReports: ReportDefinition[] = [
  {
    key: "services.requests",
    group: "服务台",
    title: "服务申请台账",
    description: "本辖区的服务申请：类别、渠道、受理窗口、承办部门、时限和办结情况（个人信息脱敏）",
    format: "xlsx",
    permission: "service:export",
    params: [
      {
        name: "category",
        label: "类别",
        kind: "select",
        required: false,
        help: "不选即全部类别",
        options: async (ctx) =>
          [...(await dictLabels(ctx.db, SERVICE_CATEGORY_DICT)).entries()].map(([value, label]) => ({ value, label })),
      },
      {
        name: "status",
        label: "状态",
        kind: "select",
        required: false,
        help: "不选即全部状态",
        options: async () => Object.entries(REQUEST_STATUS_LABELS).map(([value, label]) => ({ value, label })),
      },
    ],
    generate: async (ctx, p) => {
      const {
        page: _p,
        pageSize: _s,
        sort: _o,
        ...q
      } = requestListQuery.parse({
        ...(p.category ? { category: p.category } : {}),
        ...(p.status ? { status: p.status } : {}),
      });
      return { content: await exportRequests(ctx, q), fileName: "服务申请台账.xlsx" };
    },
  },
];
