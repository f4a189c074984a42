/** 考核评价's standard reports for the report centre (server/modules/reports). */
import type { Ctx } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import type { ReportDefinition } from "../../core/report-kit.js";
import { getRanking, getRound, listRounds } from "./assessment.service.js";
import { buildBulletinDocx } from "./assessment-docx.js";

/** A published round's 结果通报 (.docx): the one the round's page downloads. */
export async function roundBulletin(ctx: Ctx, id: string) {
  const round = await getRound(ctx, id);
  if (round.status !== "published") throw errors.conflict("NOT_PUBLISHED", "assessment.not_published");
  return {
    content: await buildBulletinDocx(round, await getRanking(ctx, id)),
    fileName: `${round.title}结果通报.docx`,
  };
}

export const insightsReports: ReportDefinition[] = [
  {
    key: "insights.bulletin",
    group: "考核评价",
    title: "考核评价结果通报",
    description: "已发布考核的得分和排名通报（.docx，内部）",
    format: "docx",
    permission: "assessment:read",
    params: [
      {
        name: "roundId",
        label: "考核",
        kind: "select",
        required: true,
        help: "只列出已发布结果的考核",
        options: async (ctx) =>
          (await listRounds(ctx, { page: 1, pageSize: 100 })).items
            .filter((r) => r.status === "published")
            .map((r) => ({ value: r.id, label: r.title })),
      },
    ],
    generate: (ctx, p) => roundBulletin(ctx, p.roundId),
  },
];
