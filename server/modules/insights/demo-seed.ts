/**
 * Demo data of 考核评价 (for `npm run seed:demo`, called at the end of creation/demo-seed.ts): 科左后旗民宗局's
 * 《科左后旗2026年度民族团结进步创建工作考核》 of its member units, on an indicator set of its own (three computed
 * leaves — 零报告按时报送, 开展活动, 进度报告按时报送 — and a reported 特色工作 scored by a 测评专家).
 *
 * The figures are computed from the other modules' demo records at the snapshot; units have filled the reported
 * part; 哈布哈嘎查 disputed its 零报告 figure and the 旗 corrected it (history kept), 塔布呼嘎查's dispute was
 * answered keeping the figure. The round stays in 数据核对中 so the browser test can carry it to publication.
 */
import { indicatorSetInput } from "../../../contracts/evaluation.js";
import type { Actor } from "../../core/access.js";
import type { Ctx, Deps } from "../../core/context.js";
import { createIndicatorSet, publishIndicatorSet } from "../evaluation/index.js";
import { createRound, getRound, takeSnapshot } from "./assessment.service.js";
import { createDispute, listValues, resolveDispute, saveReported } from "./assessment-work.service.js";

export const DEMO_ROUND_TITLE = "科左后旗2026年度民族团结进步创建工作考核";

export async function seedInsightsDemo(
  deps: Deps,
  opts: {
    clock: Deps["clock"];
    /** 科左后旗民宗局 (organiser). */
    houqi: Actor;
    /** Member units assessed (unit_user actors): the first disputes and is corrected, the second is answered. */
    units: Actor[];
    panel: Actor[];
    year: number;
  },
) {
  const { clock, houqi, units, panel, year } = opts;
  const ctx = (actor: Actor): Ctx => ({ ...deps, clock, actor });
  const set = await createIndicatorSet(
    ctx(houqi),
    indicatorSetInput.parse({
      name: "科左后旗成员单位民族团结进步创建工作考核指标",
      versionLabel: `${year}版`,
      categories: [],
      levels: ["county"],
      total: 100,
      passLine: 60,
      nodes: [
        {
          title: "工作落实",
          children: [
            { title: "零报告按时报送", method: "score", maxScore: 30, standard: "按月报送矛盾纠纷零报告，期限内报送" },
            { title: "开展创建活动", method: "score", maxScore: 20, standard: "全年主办、协办创建活动不少于6次" },
            { title: "进度报告按时报送", method: "score", maxScore: 10, standard: "规划任务进度按季度按时报告" },
          ],
        },
        {
          title: "工作成效",
          children: [
            {
              title: "特色工作与创新举措",
              method: "score",
              maxScore: 40,
              standard: "有特色、有实效，群众认可",
              evidence: "工作总结、图片、媒体报道",
            },
          ],
        },
      ],
    }),
  );
  const published = await publishIndicatorSet(ctx(houqi), set.id);
  const round = await createRound(ctx(houqi), {
    title: DEMO_ROUND_TITLE,
    year,
    setId: published.id,
    windowFrom: `${year}-01-01`,
    windowTo: `${year}-11-30`,
    orgIds: units.map((u) => u.orgId),
    regionCodes: [],
    indicators: [
      { nodeCode: "1.1", kind: "computed", metric: "zero_reports_on_time" },
      { nodeCode: "1.2", kind: "computed", metric: "activities_count", target: 6 },
      { nodeCode: "1.3", kind: "computed", metric: "plan_reports_on_time" },
      { nodeCode: "2.1", kind: "reported" },
    ],
    panelUserIds: panel.map((p) => p.userId),
  });
  await takeSnapshot(ctx(houqi), round.id);
  const after = await getRound(ctx(houqi), round.id);
  const subjectOf = (u: Actor) => after.subjectList.find((s) => s.orgId === u.orgId)!;

  // The reported part: most units filled and submitted; the last one has not yet.
  const texts = [
    "开展“石榴籽”家庭结对活动，组织各族群众共度那达慕和春节，建成嘎查民族团结进步宣传长廊。",
    "依托新时代文明实践站开设国家通用语言文字夜校，常态化开展邻里守望志愿服务。",
    "建立“红色嘎查达”调解室，矛盾纠纷就地化解，全年未发生涉及民族因素的矛盾纠纷。",
    "打造社区“民族团结一家亲”服务品牌，各族居民共建共享便民服务站。",
  ];
  for (const [i, u] of units.slice(0, -1).entries())
    await saveReported(ctx(u), subjectOf(u).id, {
      entries: [{ nodeCode: "2.1", text: texts[i % texts.length], materialIds: [] }],
      submit: true,
    });

  // 哈布哈嘎查 disputes its 零报告 figure; the 旗 corrects it after checking the 镇's register.
  const [first, second] = units;
  const figureOf = async (u: Actor, code: string) =>
    (await listValues(ctx(houqi), round.id, subjectOf(u).id)).find((v) => v.nodeCode === code)!;
  const v1 = await figureOf(first, "1.1");
  const d1 = await createDispute(ctx(first), round.id, {
    valueId: v1.id,
    reason: "3月份零报告已于4月3日通过镇民宗办纸质报送，系统补录时间有误，请核实后更正。",
  });
  await resolveDispute(ctx(houqi), d1.id, {
    decision: "corrected",
    response: "经核对甘旗卡镇民宗办收文登记簿，3月份报告按期送达，予以更正。",
    numerator: Math.min(v1.denominator, v1.numerator + 1),
    denominator: v1.denominator,
  });
  if (second) {
    const v2 = await figureOf(second, "1.2");
    const d2 = await createDispute(ctx(second), round.id, {
      valueId: v2.id,
      reason: "6月份在嘎查组织的“民族团结进步宣传月”文艺演出未计入活动数。",
    });
    await resolveDispute(ctx(houqi), d2.id, {
      decision: "rejected",
      response: "该活动在活动台账中为草稿，未经确认，不计入；请先在活动记录中提交确认。",
    });
  }
  return { rounds: 1, subjects: units.length, disputes: second ? 2 : 1 };
}
