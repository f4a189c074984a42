import { beforeAll, describe, expect, it } from "vitest";
import { type IndicatorNodeInput, indicatorSetInput } from "../../../contracts/evaluation.js";
import { configureZodMessages } from "../../core/errors.js";
import { buildXlsx, readXlsx } from "../../core/xlsx.js";
import { exportIndicatorXlsx, importIndicatorXlsx } from "./indicator-xlsx.js";
import { type IndicatorNode, normalizeIndicatorTree, validateIndicatorTree } from "./scoring.js";

beforeAll(() => configureZodMessages());

const nodes: IndicatorNodeInput[] = [
  {
    title: "铸牢中华民族共同体意识",
    children: [
      {
        title: "理论学习",
        children: [
          {
            title: "党组织把铸牢中华民族共同体意识纳入理论学习中心组学习内容",
            standard: "每年专题学习不少于 2 次，得 5 分；\n1 次得 2.5 分。",
            maxScore: 5,
            method: "score",
            evidence: "学习计划、会议记录",
          },
          { title: "开展中华民族共同体意识教育", maxScore: 20, method: "grade" },
        ],
      },
    ],
  },
  {
    title: "促进各民族交往交流交融",
    children: [
      { title: "搭建各族群众交往交流交融平台", maxScore: 17.5, method: "score" },
      { title: "开展民族团结进步宣传月活动", maxScore: 2.5, method: "yes_no" },
    ],
  },
  { title: "构筑中华民族共有精神家园", children: [{ title: "建有教育阵地", maxScore: 20, method: "yes_no" }] },
  { title: "依法治理民族事务", children: [{ title: "法治宣传", maxScore: 20, method: "score" }] },
  {
    title: "防范化解民族领域风险隐患",
    children: [
      { title: "风险隐患排查", maxScore: 15, method: "score" },
      { title: "未发生涉及民族因素的群体性事件", maxScore: 0, method: "yes_no", veto: true },
    ],
  },
];

/** What the tree looks like once read back: every parent carries its subtotal as its 分值. */
function expectedAfterRoundTrip(tree: readonly IndicatorNodeInput[]): IndicatorNode[] {
  const fill = (n: IndicatorNode): IndicatorNode => {
    const children = n.children.map(fill);
    if (!children.length) return n;
    const sum = children.reduce((s, c) => s + Math.round((c.maxScore ?? 0) * 10), 0);
    return { ...n, maxScore: n.maxScore ?? sum / 10, children };
  };
  return normalizeIndicatorTree(tree).map(fill);
}

/** A sheet with the given header and rows, as a user might fill it in. */
const sheet = (headers: string[], rows: string[][]) =>
  buildXlsx(
    "指标",
    headers.map((header, i) => ({ header, value: (r: string[]) => r[i] })),
    rows,
  );
const H = ["编码", "一级指标", "二级指标", "三级指标", "评分标准", "分值", "评分方式", "佐证材料", "一票否决"];

describe("indicator sheet export", () => {
  it("writes one row per indicator with the Chinese columns, parents' subtotals and 是/否", async () => {
    const { headers, rows } = await readXlsx(await exportIndicatorXlsx({ nodes }));
    expect(headers).toEqual(H);
    expect(rows).toHaveLength(14);
    expect(rows[0].cells).toEqual(["1", "铸牢中华民族共同体意识", "", "", "", "25", "", "", "否"]);
    expect(rows[1].cells).toEqual(["1.1", "", "理论学习", "", "", "25", "", "", "否"]);
    expect(rows[2].cells).toEqual([
      "1.1.1",
      "",
      "",
      "党组织把铸牢中华民族共同体意识纳入理论学习中心组学习内容",
      "每年专题学习不少于 2 次，得 5 分；\n1 次得 2.5 分。",
      "5",
      "打分",
      "学习计划、会议记录",
      "否",
    ]);
    expect(rows[5].cells.slice(0, 2)).toEqual(["2.1", ""]);
    expect(rows[13].cells).toEqual(["5.2", "", "未发生涉及民族因素的群体性事件", "", "", "0", "是否", "", "是"]);
  });

  it("adds 四级指标 columns only for deeper trees", async () => {
    const deep = [
      {
        title: "一",
        children: [
          {
            title: "二",
            children: [{ title: "三", children: [{ title: "四", maxScore: 1, method: "score" as const }] }],
          },
        ],
      },
    ];
    const { headers, rows } = await readXlsx(await exportIndicatorXlsx(deep));
    expect(headers.slice(0, 5)).toEqual(["编码", "一级指标", "二级指标", "三级指标", "四级指标"]);
    expect(rows[3].cells.slice(0, 5)).toEqual(["1.1.1.1", "", "", "", "四"]);
  });
});

describe("indicator sheet import", () => {
  it("reads back what it wrote (round trip)", async () => {
    const set = indicatorSetInput.parse({
      name: "测评",
      versionLabel: "v1",
      levels: ["city"],
      total: 100,
      passLine: 90,
      nodes,
    });
    expect(validateIndicatorTree(set)).toEqual([]);
    const r = await importIndicatorXlsx(await exportIndicatorXlsx(set));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(normalizeIndicatorTree(r.nodes)).toEqual(expectedAfterRoundTrip(nodes));
    expect(validateIndicatorTree({ ...set, nodes: r.nodes })).toEqual([]);
    // and again: the second export is the same sheet
    const again = await importIndicatorXlsx(await exportIndicatorXlsx(r.nodes));
    expect(again).toEqual(r);
  });

  it("builds the tree from the title columns when codes are left out", async () => {
    const r = await importIndicatorXlsx(
      await sheet(H, [
        ["", "甲", "", "", "", "", "", "", ""],
        ["", "", "甲一", "", "标准", "6", "打分", "材料", ""],
        ["", "", "甲二", "", "", "4", "等级", "", "否"],
        ["", "乙", "", "", "", "", "", "", ""],
        ["", "", "乙一", "", "", "0", "是否", "", "是"],
      ]),
    );
    expect(r).toEqual({
      ok: true,
      nodes: [
        {
          code: "1",
          level: 1,
          title: "甲",
          veto: false,
          children: [
            {
              code: "1.1",
              level: 2,
              title: "甲一",
              standard: "标准",
              maxScore: 6,
              method: "score",
              evidence: "材料",
              veto: false,
            },
            { code: "1.2", level: 2, title: "甲二", maxScore: 4, method: "grade", veto: false },
          ],
        },
        {
          code: "2",
          level: 1,
          title: "乙",
          veto: false,
          children: [{ code: "2.1", level: 2, title: "乙一", maxScore: 0, method: "yes_no", veto: true }],
        },
      ],
    });
  });

  it("reports every wrong row with its row number and column, and returns nothing", async () => {
    const r = await importIndicatorXlsx(
      await sheet(H, [
        ["1", "甲", "", "", "", "", "", "", ""], // 2
        ["1.1", "", "甲一", "", "", "5.25", "打分", "", ""], // 3: two decimals
        ["1.2", "", "甲二", "", "", "五", "打分", "", ""], // 4: not a number
        ["1.3", "", "甲三", "", "", "5", "评价", "", ""], // 5: unknown method
        ["1.4", "", "甲四", "", "", "5", "是否", "", "也许"], // 6: bad veto
        ["1.4", "", "甲五", "", "", "5", "打分", "", ""], // 7: duplicate code
        ["2.1", "", "乙一", "", "", "5", "打分", "", ""], // 8: parent 2 comes later
        ["2", "乙", "", "", "", "", "", "", ""], // 9
        ["3.1.1", "", "", "丙", "", "5", "打分", "", ""], // 10: no parent 3.1
        ["", "", "丁", "戊", "", "5", "打分", "", ""], // 11: two title columns
        ["", "", "", "", "", "5", "打分", "", ""], // 12: no title
        ["4", "", "己", "", "", "5", "打分", "", ""], // 13: code of level 1, title in 二级
        ["5", "庚\u202Egnp.exe", "", "", "", "5", "打分", "", ""], // 14: a right-to-left override
        ["1.x", "辛", "", "", "", "5", "打分", "", ""], // 15: bad code
      ]),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.row, e.field])).toEqual([
      [3, "分值"],
      [4, "分值"],
      [5, "评分方式"],
      [6, "一票否决"],
      [7, "编码"],
      [8, "编码"],
      [10, "编码"],
      [11, "三级指标"],
      [12, "一级指标"],
      [13, "编码"],
      [14, "一级指标"],
      [15, "编码"],
    ]);
    const msg = (row: number) => r.errors.find((e) => e.row === row)?.message;
    expect(msg(3)).toBe("最多保留 1 位小数");
    expect(msg(4)).toBe("分值“五”应为数字");
    expect(msg(5)).toBe("评分方式“评价”不正确，应为打分、是否、等级之一");
    expect(msg(7)).toBe("编码 1.4 与第 6 行重复");
    expect(msg(8)).toBe("上级指标 2 在第 9 行，应写在本行之前");
    expect(msg(10)).toBe("找不到上级指标 3.1");
    expect(msg(11)).toBe("每行只能在一列中填写指标名称，本行填写了二级指标、三级指标");
    expect(msg(13)).toBe("编码 4 是 1 级指标的编码，名称却填在“二级指标”列");
    expect(msg(14)).toContain("双向文本控制字符");
  });

  it("reports the tree's own rules on the rows at fault", async () => {
    const r = await importIndicatorXlsx(
      await sheet(H, [
        ["1", "甲", "", "", "", "10", "打分", "", ""], // parent with a method, subtotal 10 ≠ 9
        ["1.1", "", "甲一", "", "", "4", "", "", ""], // leaf without a method
        ["1.2", "", "甲二", "", "", "5", "打分", "", "是"], // veto not 是否
      ]),
    );
    expect(r).toEqual({
      ok: false,
      errors: [
        { row: 2, field: "评分方式", message: "指标 1「甲」有下级指标，不应设置评分方式（只对末级指标评分）" },
        { row: 2, field: "分值", message: "指标 1「甲」的分值 10 分与下级指标分值合计 9 分不一致" },
        { row: 3, field: "评分方式", message: "末级指标 1.1「甲一」未设置评分方式（打分、是否或等级）" },
        { row: 4, field: "评分方式", message: "指标 1.2「甲二」为一票否决项，评分方式应为“是否”，不能为“打分”" },
      ],
    });
  });

  it("refuses a file that is not .xlsx, missing columns and an empty sheet", async () => {
    expect(await importIndicatorXlsx(Buffer.from("not a workbook"))).toEqual({
      ok: false,
      errors: [{ row: 0, field: "文件", message: "无法读取文件，请上传 .xlsx 格式的 Excel 文件" }],
    });
    const noColumns = await importIndicatorXlsx(await sheet(["编码", "一级指标"], [["1", "甲"]]));
    expect(noColumns.ok).toBe(false);
    if (!noColumns.ok) expect(noColumns.errors.map((e) => e.field)).toEqual(H.slice(2));
    expect(await importIndicatorXlsx(await sheet(H, []))).toEqual({
      ok: false,
      errors: [{ row: 2, field: "", message: "表格中没有任何指标" }],
    });
  });
});

// Property-style: random trees survive export and import unchanged.

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("property: round trip of random trees", () => {
  it("60 random trees (depth 1-5) read back exactly", async () => {
    const rand = mulberry32(2024);
    const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
    const words = [
      "民族",
      "团结",
      "进步",
      "交往",
      "交流",
      "交融",
      "共同体",
      "意识",
      "宣传",
      "教育",
      "“石榴籽”",
      "（试行）",
    ];
    const text = (n: number) => Array.from({ length: n }, () => words[int(0, words.length - 1)]).join("");
    for (let i = 0; i < 60; i++) {
      const maxDepth = int(1, 5);
      const build = (depth: number): IndicatorNodeInput[] =>
        Array.from({ length: int(1, 4) }, () => {
          if (depth < maxDepth && rand() < 0.6) return { title: text(int(1, 4)), children: build(depth + 1) };
          const veto = rand() < 0.1;
          return {
            title: text(int(1, 6)),
            ...(rand() < 0.5 ? { standard: `${text(int(1, 8))}；\n${text(2)}` } : {}),
            ...(rand() < 0.5 ? { evidence: text(int(1, 3)) } : {}),
            maxScore: veto && rand() < 0.5 ? 0 : int(0, 200) / 10,
            method: veto ? ("yes_no" as const) : (["score", "yes_no", "grade"] as const)[int(0, 2)],
            veto,
          };
        });
      const tree = build(1);
      const r = await importIndicatorXlsx(await exportIndicatorXlsx(tree));
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      expect(normalizeIndicatorTree(r.nodes)).toEqual(expectedAfterRoundTrip(tree));
    }
  });
});
