/**
 * An indicator tree as an Excel sheet, one row per indicator in outline order (a parent before its children):
 * 编码 | 一级指标 | 二级指标 | 三级指标 | (四级指标…) | 评分标准 | 分值 | 评分方式 | 佐证材料 | 一票否决.
 * A row's level is the column its title is written in. On import the parent is found by the code ("1.2.3"
 * belongs to "1.2"); a row without a code belongs to the nearest row above it one level up and gets a code
 * from its position. Every row is checked; if any row is wrong nothing is returned, only the errors with
 * their row numbers.
 */
import {
  INDICATOR_CODE_PATTERN,
  INDICATOR_LEVEL_HEADERS,
  INDICATOR_XLSX_COLUMNS,
  type IndicatorImportError,
  type IndicatorNodeInput,
  indicatorNodeInput,
  MAX_INDICATOR_DEPTH,
  SCORING_METHOD_LABELS,
  SCORING_METHODS,
  type ScoringMethod,
} from "../../../contracts/evaluation.js";
import { AppError } from "../../core/errors.js";
import { buildXlsx, type XlsxColumn } from "../../core/xlsx.js";
import { readXlsxUpload, type XlsxSheet } from "../../core/xlsx-read.js";
import {
  flattenIndicatorTree,
  type IndicatorNode,
  type IndicatorProblem,
  MAX_INDICATOR_NODES,
  maxTenthsOf,
  validateIndicatorNodes,
} from "./scoring.js";

type Row = { node: IndicatorNode; depth: number };

/**
 * The tree as an .xlsx sheet. A parent's 分值 is its declared max score, or else the sum of its leaves', so
 * the sheet reads like the published tables; 一票否决 is 是/否.
 */
export async function exportIndicatorXlsx(
  tree: readonly IndicatorNodeInput[] | { nodes: readonly IndicatorNodeInput[] },
  sheetName = "指标体系",
): Promise<Buffer> {
  const rows = flattenIndicatorTree(tree);
  const depth = Math.min(MAX_INDICATOR_DEPTH, Math.max(3, ...rows.map((r) => r.depth)));
  const levelColumns: XlsxColumn<Row>[] = INDICATOR_LEVEL_HEADERS.slice(0, depth).map((header, i) => ({
    header,
    width: 28,
    value: (r) => (r.depth === i + 1 ? r.node.title : ""),
  }));
  const columns: XlsxColumn<Row>[] = [
    { header: "编码", width: 10, value: (r) => r.node.code },
    ...levelColumns,
    { header: "评分标准", width: 50, value: (r) => r.node.standard },
    {
      header: "分值",
      width: 8,
      value: (r) => (r.node.children.length === 0 ? r.node.maxScore : (r.node.maxScore ?? maxTenthsOf(r.node) / 10)),
    },
    { header: "评分方式", width: 10, value: (r) => (r.node.method ? SCORING_METHOD_LABELS[r.node.method] : "") },
    { header: "佐证材料", width: 36, value: (r) => r.node.evidence },
    { header: "一票否决", width: 10, value: (r) => r.node.veto },
  ];
  return buildXlsx(sheetName, columns, rows);
}

/** A small worked example in the import layout: three levels, each scoring method, a veto item, 100 points. */
export const INDICATOR_TEMPLATE_NODES: IndicatorNodeInput[] = [
  {
    title: "铸牢中华民族共同体意识",
    children: [
      {
        title: "理论学习",
        children: [
          {
            title: "将铸牢中华民族共同体意识纳入理论学习内容",
            standard: "每年专题学习不少于 2 次得满分，1 次得一半",
            maxScore: 20,
            method: "score",
            evidence: "学习计划、会议记录",
          },
        ],
      },
      { title: "开展中华民族共同体意识宣传教育", maxScore: 20, method: "grade", evidence: "活动照片、宣传材料" },
    ],
  },
  {
    title: "促进各民族交往交流交融",
    children: [
      { title: "搭建各族群众交往交流交融平台", maxScore: 30, method: "score" },
      { title: "开展民族团结进步宣传月活动", maxScore: 10, method: "yes_no" },
    ],
  },
  {
    title: "防范化解民族领域风险隐患",
    children: [
      { title: "风险隐患排查化解", maxScore: 20, method: "score" },
      { title: "未发生涉及民族因素的群体性事件", maxScore: 0, method: "yes_no", veto: true },
    ],
  },
];

export type IndicatorXlsxImport =
  | { ok: true; nodes: IndicatorNodeInput[] }
  | { ok: false; errors: IndicatorImportError[] };

const YES = new Set(["是", "Y", "y", "1", "true", "TRUE"]);
const NO = new Set(["否", "N", "n", "0", "false", "FALSE", ""]);
const METHODS = new Map<string, ScoringMethod>([
  ...SCORING_METHODS.map((m) => [SCORING_METHOD_LABELS[m], m] as const),
  ...SCORING_METHODS.map((m) => [m, m] as const),
]);
const FIELD_HEADERS: Record<string, string> = {
  code: "编码",
  title: "指标名称",
  standard: "评分标准",
  maxScore: "分值",
  method: "评分方式",
  evidence: "佐证材料",
  veto: "一票否决",
  level: "指标名称",
};

type Rec = { row: number; code: string; level: number; node: IndicatorNodeInput & { children: IndicatorNodeInput[] } };

/** Reads a sheet written by `exportIndicatorXlsx` (or filled in by hand in the same layout). */
export async function importIndicatorXlsx(content: Buffer): Promise<IndicatorXlsxImport> {
  let sheet: XlsxSheet;
  try {
    sheet = await readXlsxUpload(content, { maxRows: MAX_INDICATOR_NODES * 2 });
  } catch (e) {
    // Sizes, rows, time and memory are refused with their own message (400 on 文件, or 503 when busy).
    if (e instanceof AppError) throw e;
    return { ok: false, errors: [{ row: 0, field: "文件", message: "无法读取文件，请上传 .xlsx 格式的 Excel 文件" }] };
  }
  const missing = INDICATOR_XLSX_COLUMNS.filter((c) => !sheet.headers.includes(c));
  if (missing.length)
    return {
      ok: false,
      errors: missing.map((c) => ({ row: 1, field: c, message: `缺少“${c}”列` })),
    };
  if (sheet.rows.length === 0) return { ok: false, errors: [{ row: 2, field: "", message: "表格中没有任何指标" }] };
  if (sheet.rows.length > MAX_INDICATOR_NODES)
    return {
      ok: false,
      errors: [
        { row: 1, field: "", message: `一次最多导入 ${MAX_INDICATOR_NODES} 个指标，表格有 ${sheet.rows.length} 行` },
      ],
    };

  const levelHeaders: string[] = [];
  for (const h of INDICATOR_LEVEL_HEADERS) {
    if (!sheet.headers.includes(h)) break;
    levelHeaders.push(h);
  }
  const col = (cells: string[], name: string) => cells[sheet.headers.indexOf(name)] ?? "";
  // Every code written in the file, so a child above its parent gets a precise message.
  const codesInFile = new Map<string, number>();
  for (const { rowNumber, cells } of sheet.rows) {
    const c = col(cells, "编码");
    if (c && !codesInFile.has(c)) codesInFile.set(c, rowNumber);
  }

  const errors: IndicatorImportError[] = [];
  const roots: Rec["node"][] = [];
  const byCode = new Map<string, Rec>();
  const stack: Rec[] = []; // stack[d - 1]: the latest row of level d above the current one
  for (const { rowNumber: row, cells } of sheet.rows) {
    const err = (field: string, message: string) => errors.push({ row, field, message });
    const filled = levelHeaders.filter((h) => col(cells, h) !== "");
    if (filled.length === 0) {
      err(levelHeaders[0], `应在${levelHeaders.join("、")}中的一列填写指标名称`);
      continue;
    }
    if (filled.length > 1) {
      err(filled[1], `每行只能在一列中填写指标名称，本行填写了${filled.join("、")}`);
      continue;
    }
    const level = levelHeaders.indexOf(filled[0]) + 1;
    const title = col(cells, filled[0]);

    // Parent and code.
    const given = col(cells, "编码");
    let parent: Rec | null = null;
    let code = given;
    if (given && !INDICATOR_CODE_PATTERN.test(given)) {
      err("编码", `编码“${given}”格式不正确，应为 1、1.2、1.2.3 这样以点分隔的数字`);
      continue;
    }
    if (given && given.split(".").length !== level) {
      err("编码", `编码 ${given} 是 ${given.split(".").length} 级指标的编码，名称却填在“${filled[0]}”列`);
      continue;
    }
    if (level > 1) {
      if (given) {
        const parentCode = given.slice(0, given.lastIndexOf("."));
        parent = byCode.get(parentCode) ?? null;
        if (!parent) {
          const later = codesInFile.get(parentCode);
          err(
            "编码",
            later && later > row
              ? `上级指标 ${parentCode} 在第 ${later} 行，应写在本行之前`
              : `找不到上级指标 ${parentCode}`,
          );
          continue;
        }
      } else {
        parent = stack[level - 2] ?? null;
        if (!parent) {
          err(filled[0], `本行是${filled[0]}，但上方没有它所属的${levelHeaders[level - 2]}`);
          continue;
        }
      }
    }
    if (!code) code = parent ? `${parent.code}.${parent.node.children.length + 1}` : String(roots.length + 1);
    const dup = byCode.get(code);
    if (dup) {
      err("编码", `编码 ${code} 与第 ${dup.row} 行重复`);
      continue;
    }

    // Values.
    let bad = false;
    const scoreText = col(cells, "分值");
    let maxScore: number | undefined;
    if (scoreText !== "") {
      maxScore = Number(scoreText);
      if (!Number.isFinite(maxScore)) {
        err("分值", `分值“${scoreText}”应为数字`);
        bad = true;
      }
    }
    const methodText = col(cells, "评分方式");
    const method = methodText === "" ? undefined : METHODS.get(methodText);
    if (methodText !== "" && !method) {
      err(
        "评分方式",
        `评分方式“${methodText}”不正确，应为${SCORING_METHODS.map((m) => SCORING_METHOD_LABELS[m]).join("、")}之一`,
      );
      bad = true;
    }
    const vetoText = col(cells, "一票否决");
    const veto = YES.has(vetoText) ? true : NO.has(vetoText) ? false : undefined;
    if (veto === undefined) {
      err("一票否决", "应填“是”或“否”");
      bad = true;
    }
    const standard = col(cells, "评分标准");
    const evidence = col(cells, "佐证材料");
    const parsed = indicatorNodeInput.safeParse({
      code,
      level,
      title,
      ...(standard ? { standard } : {}),
      ...(maxScore !== undefined && Number.isFinite(maxScore) ? { maxScore } : {}),
      ...(method ? { method } : {}),
      ...(evidence ? { evidence } : {}),
      veto: veto ?? false,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? "");
        err(key === "title" || key === "level" ? filled[0] : (FIELD_HEADERS[key] ?? key), issue.message);
      }
      bad = true;
    }

    const rec: Rec = { row, code, level, node: { ...(parsed.success ? parsed.data : { title }), children: [] } };
    byCode.set(code, rec);
    stack.length = level - 1;
    stack[level - 1] = rec;
    if (bad) continue;
    if (parent) parent.node.children.push(rec.node);
    else roots.push(rec.node);
  }

  if (errors.length === 0) {
    // The tree's own rules (a leaf needs a method and a score, a veto item is 是否, …), on the rows at fault.
    const rowOf = new Map([...byCode.values()].map((r) => [r.code, r.row]));
    for (const p of validateIndicatorNodes(roots)) errors.push(problemToRow(p, rowOf));
  }
  if (errors.length) return { ok: false, errors: errors.sort((a, b) => a.row - b.row) };
  const strip = (n: IndicatorNodeInput & { children?: IndicatorNodeInput[] }): IndicatorNodeInput => {
    const { children, ...rest } = n;
    return children?.length ? { ...rest, children: children.map(strip) } : rest;
  };
  return { ok: true, nodes: roots.map(strip) };
}

function problemToRow(p: IndicatorProblem, rowOf: Map<string, number>): IndicatorImportError {
  const field = p.field === "level" || p.field === "title" ? "指标名称" : p.field ? (FIELD_HEADERS[p.field] ?? "") : "";
  return { row: (p.code !== null ? rowOf.get(p.code) : undefined) ?? 1, field, message: p.message };
}
