/** 风险防范's standard reports for the report centre (server/modules/reports). */
import { beijingDate } from "../../../contracts/dates.js";
import type { ReportDefinition } from "../../core/report-kit.js";
import { quarterlyDocx } from "./export.service.js";
import { endedPeriods, periodKeyOf, periodOf } from "./periods.js";

export const disputesReports: ReportDefinition[] = [
  {
    key: "disputes.quarterly",
    group: "风险防范",
    title: "矛盾纠纷排查化解季报",
    description: "本辖区一个季度发生的矛盾纠纷和舆情事件，及其化解情况（.docx，与零报告页面生成的季报相同）",
    format: "docx",
    permission: "disputes:export",
    params: [
      {
        name: "period",
        label: "季度",
        kind: "select",
        required: true,
        // This quarter and the seven before it, newest first.
        options: async (ctx) => {
          const now = ctx.clock.now();
          const keys = [...endedPeriods(now, "quarterly", 7), periodKeyOf(beijingDate(now), "quarterly")].reverse();
          return keys.map((k) => ({ value: k, label: periodOf(k, 0).label }));
        },
        initial: (ctx) => endedPeriods(ctx.clock.now(), "quarterly", 1)[0],
      },
    ],
    generate: async (ctx, p) => {
      const { buffer, fileName } = await quarterlyDocx(ctx, p.period);
      return { content: buffer, fileName };
    },
  },
];
