import type { IndicatorSetInput } from "../../../contracts/evaluation.js";

/** A 100-point set with the five themes of the seeds, a veto item, and all three scoring methods. */
export const VILLAGE_SET: IndicatorSetInput = {
  name: "嘎查村（社区）民族团结进步示范单位测评指标",
  versionLabel: "2026版",
  categories: ["village"],
  levels: ["city", "county"],
  total: 100,
  passLine: 90,
  gradeScale: { A: 1, B: 0.8, C: 0.6, D: 0 },
  nodes: [
    {
      title: "铸牢中华民族共同体意识",
      children: [
        { title: "主题教育常态化开展", method: "score", maxScore: 20, standard: "每年开展主题教育不少于4次" },
        { title: "宣传阵地建设", method: "grade", maxScore: 10 },
      ],
    },
    { title: "交往交流交融", children: [{ title: "互嵌式社区建设", method: "score", maxScore: 20 }] },
    { title: "共有精神家园", children: [{ title: "国家通用语言文字推广", method: "yes_no", maxScore: 15 }] },
    { title: "依法治理", children: [{ title: "矛盾纠纷排查化解", method: "score", maxScore: 20 }] },
    {
      title: "风险防范",
      children: [
        { title: "应急预案与演练", method: "score", maxScore: 15 },
        { title: "未发生涉及民族因素的群体性事件", method: "yes_no", maxScore: 0, veto: true },
      ],
    },
  ],
};
