import { describe, expect, it } from "vitest";
import {
  GRADE_LABELS,
  type GradeScale,
  type IndicatorNodeInput,
  type IndicatorSetInput,
  indicatorSetInput,
  leafScoreEntry,
  NAMING_LEVEL_LABELS,
  SCORING_METHOD_LABELS,
  SHEET_STATUS_LABELS,
  scoreSheetSave,
} from "./evaluation.js";
import { fullMarks, withEntry } from "./scoring.fixtures.js";
import {
  finalResult,
  finalScore,
  type IndicatorSetLike,
  leavesOf,
  normalizeIndicatorTree,
  type ScoreEntryLike,
  ScoringError,
  scoreLeaf,
  scoreSheet,
  validateIndicatorNodes,
  validateIndicatorTree,
} from "./scoring.js";

// ---------------------------------------------------------------------------------------------------------
// A 100-point set shaped like the published ones.

const VETO_CODE = "5.3";
const realSet = (): IndicatorSetInput =>
  indicatorSetInput.parse({
    name: "民族团结进步示范单位测评指标",
    versionLabel: "2024版",
    categories: ["agency", "enterprise"],
    levels: ["region", "city"],
    total: 100,
    passLine: 90,
    nodes: [
      {
        title: "铸牢中华民族共同体意识",
        maxScore: 25,
        children: [
          {
            title: "理论学习",
            children: [
              {
                title: "党组织把铸牢中华民族共同体意识纳入理论学习中心组学习内容",
                standard: "每年专题学习不少于 2 次，得 5 分；1 次得 2.5 分；未学习不得分。",
                maxScore: 5,
                method: "score",
                evidence: "学习计划、会议记录",
              },
              {
                title: "开展中华民族共同体意识教育",
                standard: "按教育覆盖面和成效评定等级。",
                maxScore: 5,
                method: "grade",
              },
            ],
          },
          {
            title: "宣传教育",
            children: [
              { title: "利用宣传栏、网站、新媒体开展宣传", maxScore: 7.5, method: "score" },
              { title: "开展民族团结进步宣传月活动", maxScore: 2.5, method: "yes_no" },
              { title: "推广普及国家通用语言文字", maxScore: 5, method: "grade" },
            ],
          },
        ],
      },
      {
        title: "促进各民族交往交流交融",
        children: [
          { title: "搭建各族群众交往交流交融平台", maxScore: 10, method: "score" },
          { title: "结对帮扶、互嵌式社区建设", maxScore: 10, method: "grade" },
        ],
      },
      {
        title: "构筑中华民族共有精神家园",
        children: [
          { title: "树立和突出各民族共享的中华文化符号和中华民族形象", maxScore: 10, method: "score" },
          { title: "建有民族团结进步教育阵地", maxScore: 5, method: "yes_no" },
          { title: "开展中华优秀传统文化活动", maxScore: 5, method: "grade" },
        ],
      },
      {
        title: "依法治理民族事务",
        children: [
          { title: "开展民族团结进步法律法规宣传", maxScore: 10, method: "score" },
          { title: "涉及民族因素的矛盾纠纷排查化解", maxScore: 10, method: "score" },
        ],
      },
      {
        title: "防范化解民族领域风险隐患",
        children: [
          { title: "定期开展风险隐患排查", maxScore: 10, method: "score" },
          { title: "建立应急处置机制", maxScore: 5, method: "yes_no" },
          {
            title: "未发生涉及民族因素的群体性事件",
            standard: "发生涉及民族因素的群体性事件的，实行一票否决。",
            maxScore: 0,
            method: "yes_no",
            veto: true,
          },
        ],
      },
    ],
  });

/** Full marks on every leaf of a set. */
const messages = (set: IndicatorSetLike) => validateIndicatorTree(set).map((p) => p.message);

describe("contracts", () => {
  it("parse the real set, with the default grade scale", () => {
    const set = realSet();
    expect(set.gradeScale).toEqual({ A: 1, B: 0.8, C: 0.6, D: 0 });
    expect(set.nodes).toHaveLength(5);
  });

  it("have Chinese labels for every enum value", () => {
    expect(SCORING_METHOD_LABELS).toEqual({ score: "打分", yes_no: "是否", grade: "等级" });
    expect(NAMING_LEVEL_LABELS.region).toBe("自治区级");
    expect(SHEET_STATUS_LABELS.returned).toBe("已退回");
    expect(Object.keys(GRADE_LABELS)).toEqual(["A", "B", "C", "D"]);
  });

  it("refuse scores with more than one decimal, bidi overrides in titles, two kinds of answer", () => {
    const base = realSet();
    const bad = (patch: Partial<IndicatorNodeInput>) =>
      indicatorSetInput.safeParse({ ...base, nodes: [{ ...base.nodes[0], ...patch }] }).success;
    expect(bad({ maxScore: 25.25 })).toBe(false);
    expect(bad({ title: "评分\u202E标准" })).toBe(false);
    // Markup is ordinary text: it is escaped where it is shown, not refused.
    expect(bad({ title: "<script>" })).toBe(true);
    expect(bad({ maxScore: 25 })).toBe(true);
    expect(indicatorSetInput.safeParse({ ...base, passLine: 101 }).success).toBe(false);
    expect(indicatorSetInput.safeParse({ ...base, gradeScale: { A: 1, B: 0.9, C: 0.95, D: 0 } }).success).toBe(false);
    expect(leafScoreEntry.safeParse({ nodeCode: "1.1.1", score: 2.5 }).success).toBe(true);
    expect(leafScoreEntry.safeParse({ nodeCode: "1.1.1", score: 2.55 }).success).toBe(false);
    expect(leafScoreEntry.safeParse({ nodeCode: "1.1.1", score: 2, answer: "yes" }).success).toBe(false);
    expect(leafScoreEntry.safeParse({ nodeCode: "1.a", score: 2 }).success).toBe(false);
    expect(leafScoreEntry.safeParse({ nodeCode: "1.1", evidenceIds: ["x"] }).success).toBe(false);
    expect(
      scoreSheetSave.safeParse({
        entries: [
          { nodeCode: "1.1", score: 1 },
          { nodeCode: "1.1", score: 2 },
        ],
      }).success,
    ).toBe(false);
  });
});

describe("validateIndicatorTree", () => {
  it("accepts the real set and generates codes 1, 1.1, 1.1.1 …", () => {
    const set = realSet();
    expect(validateIndicatorTree(set)).toEqual([]);
    const leaves = leavesOf(set.nodes);
    expect(leaves.map((l) => l.code)).toEqual([
      "1.1.1",
      "1.1.2",
      "1.2.1",
      "1.2.2",
      "1.2.3",
      "2.1",
      "2.2",
      "3.1",
      "3.2",
      "3.3",
      "4.1",
      "4.2",
      "5.1",
      "5.2",
      "5.3",
    ]);
    expect(leaves.find((l) => l.veto)?.code).toBe(VETO_CODE);
    expect(normalizeIndicatorTree(set.nodes)[0].children[1].level).toBe(2);
  });

  it("reports an empty tree", () => {
    expect(messages({ total: 100, passLine: 90, nodes: [] })).toContain("指标体系没有任何指标");
  });

  it("reports duplicate codes, naming both titles", () => {
    const set: IndicatorSetLike = {
      total: 10,
      passLine: 6,
      nodes: [
        { code: "1", title: "甲", maxScore: 5, method: "score" },
        { code: "1", title: "乙", maxScore: 5, method: "score" },
      ],
    };
    expect(messages(set)).toEqual(["指标编码 1 重复（「甲」与「乙」）"]);
  });

  it("reports codes that do not extend the parent's, and levels that do not match the depth", () => {
    const set: IndicatorSetLike = {
      total: 10,
      passLine: 6,
      nodes: [
        {
          code: "1",
          title: "甲",
          children: [
            { code: "2.1", title: "乙", maxScore: 5, method: "score" },
            { code: "1.2", level: 3, title: "丙", maxScore: 5, method: "score" },
          ],
        },
      ],
    };
    const m = messages(set);
    expect(m).toContain("指标 2.1「乙」的编码应为上级指标编码 1 再加一段（如 1.1）");
    expect(m).toContain("指标 1.2「丙」位于第 2 级，填写的层级却是 3 级");
    expect(m).toHaveLength(2);
  });

  it("reports a leaf without a method or score, and a parent with a method, a veto flag or a wrong subtotal", () => {
    const set: IndicatorSetLike = {
      total: 10,
      passLine: 6,
      nodes: [
        {
          title: "甲",
          method: "score",
          veto: true,
          maxScore: 8,
          children: [
            { title: "乙", maxScore: 5 },
            { title: "丙", method: "grade", maxScore: 5 },
          ],
        },
        { title: "丁", method: "score" },
      ],
    };
    const problems = validateIndicatorTree(set);
    expect(problems.map((p) => p.message)).toEqual([
      "指标 1「甲」有下级指标，不应设置评分方式（只对末级指标评分）",
      "指标 1「甲」有下级指标，一票否决只能设在末级指标上",
      "指标 1「甲」的分值 8 分与下级指标分值合计 10 分不一致",
      "末级指标 1.1「乙」未设置评分方式（打分、是否或等级）",
      "末级指标 2「丁」未设置分值",
    ]);
    expect(problems.map((p) => [p.code, p.field])).toEqual([
      ["1", "method"],
      ["1", "veto"],
      ["1", "maxScore"],
      ["1.1", "method"],
      ["2", "maxScore"],
    ]);
  });

  it("reports a sum of leaf max scores that differs from the total, and a pass line above the total", () => {
    const set = realSet();
    expect(messages({ ...set, total: 120 })).toEqual(["末级指标分值合计 100 分，与总分 120 分不一致"]);
    expect(messages({ ...set, passLine: 100.5 })).toEqual(["合格线 100.5 分高于总分 100 分"]);
    const nodes = structuredClone(set.nodes);
    nodes[3].children![1].maxScore = 9.5;
    expect(messages({ ...set, nodes })).toEqual(["末级指标分值合计 99.5 分，与总分 100 分不一致"]);
  });

  it("reports a veto leaf that is not 是否, and max scores or totals with more than one decimal", () => {
    const set: IndicatorSetLike = {
      total: 10.25,
      passLine: 6.05,
      nodes: [
        { title: "甲", maxScore: 0, method: "score", veto: true },
        { title: "乙", maxScore: 10.25, method: "score" },
      ],
    };
    expect(messages(set)).toEqual([
      "指标 1「甲」为一票否决项，评分方式应为“是否”，不能为“打分”",
      "指标 2「乙」的分值 10.25 不正确：应为 0-1000 分，最多保留 1 位小数",
      "总分 10.25 不正确：应大于 0、不超过 10000 分，最多保留 1 位小数",
      "合格线 6.05 不正确：应为 0-10000 分，最多保留 1 位小数",
    ]);
  });

  it("reports a bad grade scale", () => {
    const set = { ...realSet(), gradeScale: { A: 1, B: 0.805, C: 0.9, D: 0 } };
    expect(messages(set)).toEqual([
      "等级 B 的得分比例 0.805 不正确：应为 0-1，最多保留 2 位小数",
      "等级得分比例应满足 A ≥ B ≥ C ≥ D",
    ]);
  });

  it("accepts a 120-point set with a 100-point pass line", () => {
    const set: IndicatorSetLike = {
      total: 120,
      passLine: 100,
      nodes: [
        { title: "甲", children: [{ title: "甲一", maxScore: 60, method: "score" }] },
        { title: "乙", maxScore: 60, children: [{ title: "乙一", maxScore: 60, method: "grade" }] },
      ],
    };
    expect(validateIndicatorNodes(set.nodes)).toEqual([]);
    expect(validateIndicatorTree(set)).toEqual([]);
  });
});

describe("scoreLeaf", () => {
  const leaves = leavesOf(realSet().nodes);
  const leaf = (code: string) => leaves.find((l) => l.code === code)!;

  it("scores 打分 items and refuses out-of-range or over-precise scores, naming the indicator", () => {
    expect(scoreLeaf(leaf("1.2.1"), { nodeCode: "1.2.1", score: 6.5 })).toEqual({
      code: "1.2.1",
      tenths: 65,
      answered: true,
      vetoFailed: false,
    });
    expect(scoreLeaf(leaf("1.2.1"), { nodeCode: "1.2.1", score: 7.6 }).problem).toBe(
      "指标 1.2.1「利用宣传栏、网站、新媒体开展宣传」的得分 7.6 分超过该项分值 7.5 分",
    );
    expect(scoreLeaf(leaf("1.2.1"), { nodeCode: "1.2.1", score: -1 }).problem).toBe(
      "指标 1.2.1「利用宣传栏、网站、新媒体开展宣传」的分数不能为负数",
    );
    expect(scoreLeaf(leaf("1.2.1"), { nodeCode: "1.2.1", score: 2.25 }).problem).toContain("最多保留 1 位小数");
    expect(scoreLeaf(leaf("1.2.1"), { nodeCode: "1.2.1", answer: "yes" }).problem).toBe(
      "指标 1.2.1「利用宣传栏、网站、新媒体开展宣传」为打分项，应填写 0-7.5 分的分数",
    );
    expect(scoreLeaf(leaf("1.2.1"), { nodeCode: "1.2.1", score: 1, grade: "A" }).problem).toContain(
      "只能填写分数、是否、等级中的一项",
    );
  });

  it("scores 是否 items: 是 → full score, 否 → 0; 否 on a veto item fails it", () => {
    expect(scoreLeaf(leaf("1.2.2"), { nodeCode: "1.2.2", answer: "yes" }).tenths).toBe(25);
    expect(scoreLeaf(leaf("1.2.2"), { nodeCode: "1.2.2", answer: "no" })).toMatchObject({
      tenths: 0,
      vetoFailed: false,
      answered: true,
    });
    expect(scoreLeaf(leaf(VETO_CODE), { nodeCode: VETO_CODE, answer: "no" })).toMatchObject({
      tenths: 0,
      vetoFailed: true,
    });
    expect(scoreLeaf(leaf(VETO_CODE), { nodeCode: VETO_CODE, answer: "yes" }).vetoFailed).toBe(false);
    expect(scoreLeaf(leaf("1.2.2"), { nodeCode: "1.2.2", score: 2.5 }).problem).toBe(
      "指标 1.2.2「开展民族团结进步宣传月活动」为是否项，应选择“是”或“否”",
    );
  });

  it("maps grades with the default scale A=1, B=0.8, C=0.6, D=0", () => {
    const g = (grade: string) => scoreLeaf(leaf("1.1.2"), { nodeCode: "1.1.2", grade }).tenths;
    expect([g("A"), g("B"), g("C"), g("D")]).toEqual([50, 40, 30, 0]);
    expect(scoreLeaf(leaf("1.1.2"), { nodeCode: "1.1.2", grade: "E" }).problem).toBe(
      "指标 1.1.2「开展中华民族共同体意识教育」为等级项，应选择 A、B、C 或 D",
    );
  });

  it("maps grades with a configured scale, rounding half up to 0.1", () => {
    const scale: GradeScale = { A: 1, B: 0.85, C: 0.7, D: 0.25 };
    const onMax = (maxScore: number, grade: string) =>
      scoreLeaf(leavesOf([{ title: "x", maxScore, method: "grade" }])[0], { nodeCode: "1", grade }, scale).tenths;
    expect(onMax(1.5, "B")).toBe(13); // 1.275 → 1.3
    expect(onMax(2.5, "D")).toBe(6); // 0.625 → 0.6
    expect(onMax(0.5, "D")).toBe(1); // 0.125 → 0.1
    expect(onMax(0.3, "B")).toBe(3); // 0.255 → 0.3
    expect(onMax(0.1, "C")).toBe(1); // 0.07 → 0.1
    expect(onMax(7.5, "C")).toBe(53); // 5.25 → 5.3
  });

  it("treats no entry, or an entry with only a comment, as unanswered", () => {
    expect(scoreLeaf(leaf("2.1"), undefined)).toEqual({ code: "2.1", tenths: 0, answered: false, vetoFailed: false });
    expect(scoreLeaf(leaf("2.1"), { nodeCode: "2.1", score: null }).answered).toBe(false);
  });
});

describe("scoreSheet", () => {
  const set = realSet();

  it("gives full marks exactly the total, with subtotals for every node", () => {
    const r = scoreSheet(set, fullMarks(set), { requireAll: true });
    expect(r).toMatchObject({ total: 100, totalTenths: 1000, vetoFailed: [], missing: [], problems: [], passed: true });
    expect(r.byNode).toMatchObject({ "1": 25, "1.1": 10, "1.2": 15, "2": 20, "3": 20, "4": 20, "5": 15, "5.3": 0 });
    expect(Object.keys(r.byNode)).toHaveLength(22); // every node: 5 一级, the 二级 parents 1.1 and 1.2, 15 leaves
  });

  it("passes at exactly the pass line (90) and fails at 89.9", () => {
    const at90 = withEntry(fullMarks(set), { nodeCode: "4.2", score: 0 });
    expect(scoreSheet(set, at90)).toMatchObject({ total: 90, passed: true });
    const at899 = withEntry(at90, { nodeCode: "1.2.1", score: 7.4 });
    expect(scoreSheet(set, at899)).toMatchObject({ total: 89.9, passed: false });
  });

  it("fails a sheet with a veto failure whatever the total (99 points)", () => {
    let entries = withEntry(fullMarks(set), { nodeCode: "1.2.1", score: 6.5 });
    expect(scoreSheet(set, entries)).toMatchObject({ total: 99, passed: true });
    entries = withEntry(entries, { nodeCode: VETO_CODE, answer: "no" });
    expect(scoreSheet(set, entries)).toMatchObject({ total: 99, vetoFailed: [VETO_CODE], passed: false });
  });

  it("adds grades and 是否 items into the total", () => {
    let entries = withEntry(fullMarks(set), { nodeCode: "1.1.2", grade: "B" }); // 4
    entries = withEntry(entries, { nodeCode: "2.2", grade: "C" }); // 6
    entries = withEntry(entries, { nodeCode: "3.2", answer: "no" }); // 0
    const r = scoreSheet(set, entries);
    expect(r.total).toBe(100 - 1 - 4 - 5);
    expect(r.byNode["1.1"]).toBe(9);
    expect(r.byNode["2"]).toBe(16);
    expect(r.byNode["3"]).toBe(15);
    expect(r.passed).toBe(true);
  });

  it("lists missing leaves; with requireAll a sheet with a missing leaf does not pass", () => {
    const entries = fullMarks(set).filter((e) => e.nodeCode !== "5.1" && e.nodeCode !== VETO_CODE);
    const draft = scoreSheet(set, entries);
    expect(draft).toMatchObject({ total: 90, missing: ["5.1", VETO_CODE], complete: false, passed: true });
    expect(scoreSheet(set, entries, { requireAll: true }).passed).toBe(false);
  });

  it("reports unknown codes, parents scored directly, duplicates and invalid entries, and does not pass", () => {
    const entries = [
      ...fullMarks(set),
      { nodeCode: "9.9", score: 1 },
      { nodeCode: "1.2", score: 1 },
      { nodeCode: "2.1", score: 1 },
    ];
    const r = scoreSheet(set, withEntry(entries, { nodeCode: "4.1", score: 11 }));
    expect(r.problems).toEqual([
      "指标编码 9.9 不存在",
      "指标 1.2「宣传教育」不是末级指标，不能直接评分",
      "指标 2.1「搭建各族群众交往交流交融平台」重复评分",
      "指标 4.1「开展民族团结进步法律法规宣传」的得分 11 分超过该项分值 10 分",
    ]);
    expect(r.total).toBe(90);
    expect(r.passed).toBe(false);
    expect(r.complete).toBe(false);
  });

  it("adds decimals exactly: 0.1 + 0.2 is 0.3, ten times 0.1 is 1", () => {
    const small: IndicatorSetLike = {
      total: 0.3,
      passLine: 0.3,
      nodes: [
        { title: "甲", maxScore: 0.1, method: "score" },
        { title: "乙", maxScore: 0.2, method: "score" },
      ],
    };
    expect(0.1 + 0.2).not.toBe(0.3); // what would go wrong with floating sums
    const r = scoreSheet(small, fullMarks(small));
    expect(r.total).toBe(0.3);
    expect(r.passed).toBe(true);

    const tenLeaves: IndicatorSetLike = {
      total: 1,
      passLine: 1,
      nodes: [
        {
          title: "甲",
          children: Array.from({ length: 10 }, (_, i) => ({
            title: `子${i}`,
            maxScore: 0.1,
            method: "score" as const,
          })),
        },
      ],
    };
    expect(
      Array(10)
        .fill(0.1)
        .reduce((a, b) => a + b, 0),
    ).not.toBe(1);
    const t = scoreSheet(tenLeaves, fullMarks(tenLeaves));
    expect(t).toMatchObject({ total: 1, passed: true });
    expect(t.byNode["1"]).toBe(1);
  });

  it("throws on an invalid set", () => {
    expect(() => scoreSheet({ ...set, total: 99 }, [])).toThrowError(/末级指标分值合计 100 分，与总分 99 分不一致/);
  });
});

describe("finalScore", () => {
  it("drops one highest and one lowest with 5 experts: [95, 88, 92, 70, 99] → 91.67", () => {
    expect(finalScore([95, 88, 92, 70, 99])).toEqual({
      method: "trimmed_mean",
      value: 91.67,
      dropped: { highest: 99, lowest: 70 },
      experts: 5,
    });
  });

  it("takes the plain mean with 4 experts", () => {
    expect(finalScore([95, 88, 92, 70])).toEqual({ method: "mean", value: 86.25, dropped: null, experts: 4 });
    expect(finalScore([90])).toEqual({ method: "mean", value: 90, dropped: null, experts: 1 });
  });

  it("drops exactly one of tied highest and lowest totals", () => {
    expect(finalScore([90, 90, 90, 80, 80, 85])).toMatchObject({
      value: 86.25,
      dropped: { highest: 90, lowest: 80 },
    });
  });

  it("rounds half up to 0.01 from the exact sum", () => {
    // (1 + 1 + 1 + 1.1) / 4 = 1.025 exactly, but the floating mean is 1.02499… and would round down to 1.02.
    expect(Math.round(((1 + 1 + 1 + 1.1) / 4) * 100) / 100).toBe(1.02);
    expect(finalScore([1, 1, 1, 1.1]).value).toBe(1.03);
    expect(finalScore([0.5, 0.6, 0.6, 0.6]).value).toBe(0.58); // 0.575
    expect(finalScore([5.1, 5, 5, 5]).value).toBe(5.03); // 5.025
    expect(finalScore([0.1, 0, 0, 0]).value).toBe(0.03); // 0.025
    expect(finalScore([90, 90.1, 90.1]).value).toBe(90.07); // 90.0666…
    expect(finalScore([90, 90.1, 90.1, 0, 100]).value).toBe(90.07); // trimmed
    expect(finalScore([89.9, 90, 90]).value).toBe(89.97); // 89.9666…
    expect(finalScore([0.1, 0.2]).value).toBe(0.15);
  });

  it("refuses no experts and invalid totals", () => {
    expect(() => finalScore([])).toThrowError("还没有专家评分，无法计算最终得分");
    expect(() => finalScore([90, 90.25])).toThrowError(/第 2 位专家的总分 90.25 不正确/);
    expect(() => finalScore([-1])).toThrowError(ScoringError);
    expect(() => finalScore([Number.NaN])).toThrowError(ScoringError);
  });
});

describe("finalResult", () => {
  const set = realSet();
  const sheetWith = (total: number): ScoreEntryLike[] => {
    // Full marks minus (100 - total), taken from the 10-point 打分 items (0.1 steps).
    let missing = Math.round((100 - total) * 10);
    let entries = fullMarks(set);
    for (const code of ["2.1", "3.1", "4.1", "4.2", "5.1"]) {
      const take = Math.min(missing, 100);
      entries = withEntry(entries, { nodeCode: code, score: (100 - take) / 10 });
      missing -= take;
    }
    return entries;
  };

  it("passes on the trimmed mean of five expert sheets", () => {
    const r = finalResult(set, [95, 88, 92, 70, 99].map(sheetWith));
    expect(r).toMatchObject({
      score: 91.67,
      method: "trimmed_mean",
      expertTotals: [95, 88, 92, 70, 99],
      vetoFailed: [],
      passed: true,
    });
  });

  it("fails when any one expert records a veto failure, whatever the score", () => {
    const sheets = [95, 96, 97].map(sheetWith);
    sheets[1] = withEntry(sheets[1], { nodeCode: VETO_CODE, answer: "no" });
    const r = finalResult(set, sheets);
    expect(r).toMatchObject({ score: 96, vetoFailed: [VETO_CODE], passed: false });
  });

  it("compares the published (rounded) score with the pass line", () => {
    expect(finalResult(set, [89.9, 90, 90].map(sheetWith))).toMatchObject({ score: 89.97, passed: false });
    // 89.99 + 90 + 90 + 90 … needs 0.1 steps: (89.9 + 90 + 90 + 90.1) / 4 = 90
    expect(finalResult(set, [89.9, 90, 90, 90.1].map(sheetWith))).toMatchObject({ score: 90, passed: true });
  });

  it("refuses an incomplete sheet and no sheets", () => {
    const sheets = [sheetWith(95), sheetWith(95).filter((e) => e.nodeCode !== "2.1")];
    expect(() => finalResult(set, sheets)).toThrowError("第 2 份专家评分表不完整或有误：未评分的指标：2.1");
    expect(() => finalResult(set, [])).toThrowError("还没有专家评分，无法计算最终得分");
  });
});
