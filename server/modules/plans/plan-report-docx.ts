/**
 * 中期评估报告 / 总结评估报告 as .docx (the `docx` package) and the same data as .xlsx (core/xlsx.ts).
 *
 * The document: a title page (plan title, report kind, 文号, issuing organization, date in Beijing time), then
 * 一、总体情况 (summary sentence and figures), 二、分章节完成情况, 三、责任单位完成情况, 四、分地区完成情况,
 * 五、滞后任务, 六、督查整改情况 — each a table with a header row repeated on every page. Fonts: 宋体 for body
 * text, 黑体 for headings (East Asian font slots; Times New Roman for Latin), A4, page numbers in the footer.
 * Everything is generated from recorded data (rollup.service.ts), nothing typed again.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { RectificationView, RollupView } from "../../../contracts/plan-progress.js";
import {
  EVALUATION_REPORT_KIND_LABELS,
  type EvaluationReportKind,
  LAG_REASON_LABELS,
  PLAN_CYCLE_LABELS,
  RECTIFICATION_STATUS_LABELS,
} from "../../../contracts/plans.js";
import { buildXlsxBook, type XlsxColumn, type XlsxSheet } from "../../core/xlsx.js";
import { beijingDate, periodLabel } from "./periods.js";
import type { PeriodReport, Standing } from "./report-period.js";

export type ReportPlan = {
  title: string;
  docNumber: string | null;
  issuingOrgName: string;
  regionName: string;
  periodStart: number;
  periodEnd: number;
  cycle: keyof typeof PLAN_CYCLE_LABELS;
};

const BODY_FONT = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "宋体", cs: "Times New Roman" };
const HEAD_FONT = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "黑体", cs: "Times New Roman" };

const pct = (v: number | null) => (v === null ? "—" : `${v.toFixed(1)}%`);

function chineseDate(d: Date): string {
  const [y, m, day] = beijingDate(d).split("-").map(Number);
  return `${y}年${m}月${day}日`;
}

function heading(text: string) {
  return new Paragraph({
    heading: HeadingLevel.HEADING_1,
    spacing: { before: 240, after: 120 },
    children: [new TextRun({ text, font: HEAD_FONT, size: 32 })],
  });
}

function para(text: string) {
  return new Paragraph({
    spacing: { line: 360, after: 120 },
    indent: { firstLine: 480 },
    children: [new TextRun({ text, font: BODY_FONT, size: 24 })],
  });
}

const border = { style: BorderStyle.SINGLE, size: 4, color: "808080" };
const borders = { top: border, bottom: border, left: border, right: border };

function cell(text: string, opts: { bold?: boolean; width?: number; align?: "left" | "center" } = {}) {
  return new TableCell({
    borders,
    width: opts.width ? { size: opts.width, type: WidthType.PERCENTAGE } : undefined,
    children: [
      new Paragraph({
        alignment: opts.align === "center" ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [new TextRun({ text, bold: opts.bold, font: opts.bold ? HEAD_FONT : BODY_FONT, size: 21 })],
      }),
    ],
  });
}

/** A table with a bold header row (repeated on each page) and one row per record. */
function table(headers: string[], rows: string[][], widths?: number[]) {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: headers.map((h, i) => cell(h, { bold: true, width: widths?.[i], align: "center" })),
      }),
      ...(rows.length > 0 ? rows : [headers.map((_, i) => (i === 0 ? "（无）" : ""))]).map(
        (r) => new TableRow({ children: r.map((c, i) => cell(c, { width: widths?.[i] })) }),
      ),
    ],
  });
}

const dayCn = (d: string) => {
  const [y, m, day] = d.split("-").map(Number);
  return `${y}年${m}月${day}日`;
};

function summarySentence(kind: EvaluationReportKind, plan: ReportPlan, r: RollupView, p: PeriodReport): string {
  const s = r.summary;
  const n = p.now;
  const stage = kind === "midterm" ? "规划实施中期" : "规划实施期末";
  const last = r.lastDuePeriod
    ? `最近一期（${periodLabel(r.lastDuePeriod)}）应报 ${s.assignments} 项，逾期未报 ${s.missing} 项；`
    : "";
  return (
    `${stage}，本报告评估期为${dayCn(p.from)}至${dayCn(p.to)}。截至${dayCn(p.to)}，《${plan.title}》共分解任务 ${n.tasks} 项，涉及责任单位 ${s.units} 个（责任分工 ${s.assignments} 条），` +
    `其中已完成 ${n.completed} 项，推进中 ${n.inProgress} 项，未启动 ${n.notStarted} 项，滞后 ${n.lagging} 项（每项任务只计一次）。` +
    `按任务权重加权计算，总体完成率为 ${pct(s.completion)}，时序进度为 ${pct(s.expected)}。${last}累计逾期报送 ${s.lateReports} 次。` +
    `督查发现问题 ${s.rectifications.total} 个，已核验销号 ${s.rectifications.verified} 个，待核验 ${s.rectifications.closed} 个，` +
    `整改中 ${s.rectifications.open} 个（其中逾期 ${s.rectifications.overdue} 个），已提级督办 ${s.rectifications.escalated} 个。`
  );
}

const STANDING_ROWS: [keyof Standing, string][] = [
  ["tasks", "任务总数"],
  ["completed", "已完成"],
  ["inProgress", "推进中"],
  ["notStarted", "未启动"],
  ["lagging", "滞后"],
];

/** 七、八、九: milestones due in the period, targets against actual values, what changed since the last report. */
function periodSections(p: PeriodReport) {
  const num = (v: number | null, unit = "") => (v === null ? "—" : `${v}${unit}`);
  return [
    heading("七、本期到期里程碑"),
    table(
      ["任务", "年度", "里程碑", "计划进度", "实际进度", "是否达成"],
      p.milestones.map((m) => [
        `${m.number ? `${m.number} ` : ""}${m.title}`,
        `${m.year}年`,
        m.content,
        m.percent === null ? "—" : `${m.percent}%`,
        `${m.actual}%`,
        m.met === null ? "—" : m.met ? "已达成" : "未达成",
      ]),
      [26, 8, 30, 12, 12, 12],
    ),
    heading("八、目标指标完成情况"),
    table(
      ["任务", "指标", "基期值", "目标值", `截至${dayCn(p.to)}实际值`],
      p.targets.map((x) => [
        `${x.number ? `${x.number} ` : ""}${x.title}`,
        x.unit ? `${x.metric}（${x.unit}）` : x.metric,
        num(x.baseline),
        num(x.target),
        num(x.actual),
      ]),
      [30, 22, 14, 14, 20],
    ),
    heading(p.previous ? `九、较${p.previous.label}的变化` : "九、本期变化"),
    para(
      p.previous && p.before
        ? `与${p.previous.label}（截至${dayCn(p.previous.to)}）相比，本期新完成任务 ${p.newlyCompleted.length} 项${
            p.newlyCompleted.length ? `：${p.newlyCompleted.map((t) => t.title).join("、")}` : ""
          }。`
        : `本报告为规划实施以来的首次评估，评估期内完成任务 ${p.newlyCompleted.length} 项${
            p.newlyCompleted.length ? `：${p.newlyCompleted.map((t) => t.title).join("、")}` : ""
          }。`,
    ),
    ...(p.before
      ? [
          table(
            ["指标", p.previous ? `${p.previous.label}时` : "上次", "本期末", "变化"],
            STANDING_ROWS.map(([k, label]) => {
              const a = (p.before as Standing)[k];
              const b = p.now[k];
              return [label, String(a), String(b), b - a > 0 ? `+${b - a}` : String(b - a)];
            }),
            [34, 22, 22, 22],
          ),
        ]
      : []),
  ];
}

/** Chapters that carry tasks (a heading with none is not a row of zeros). */
const withTasks = (r: RollupView) => r.byChapter.filter((c) => c.tasks > 0);

export async function buildEvaluationDocx(
  kind: EvaluationReportKind,
  plan: ReportPlan,
  rollup: RollupView,
  rectifications: RectificationView[],
  asOf: Date,
  period: PeriodReport,
): Promise<Buffer> {
  const s = rollup.summary;
  const n = period.now;
  const kindLabel = EVALUATION_REPORT_KIND_LABELS[kind];
  const titlePage = [
    ...Array.from({ length: 6 }, () => new Paragraph({ children: [] })),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [new TextRun({ text: plan.title, bold: true, font: HEAD_FONT, size: 40 })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 960 },
      children: [new TextRun({ text: kindLabel, bold: true, font: HEAD_FONT, size: 48 })],
    }),
    ...(plan.docNumber
      ? [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: `规划文号：${plan.docNumber}`, font: BODY_FONT, size: 28 })],
          }),
        ]
      : []),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [
        new TextRun({
          text: `规划期：${plan.periodStart}—${plan.periodEnd}年　报送周期：${PLAN_CYCLE_LABELS[plan.cycle]}`,
          font: BODY_FONT,
          size: 28,
        }),
      ],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [
        new TextRun({
          text: `评估期：${dayCn(period.from)}至${dayCn(period.to)}`,
          font: BODY_FONT,
          size: 28,
        }),
      ],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 960 },
      children: [new TextRun({ text: plan.issuingOrgName, font: BODY_FONT, size: 32 })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: chineseDate(asOf), font: BODY_FONT, size: 32 })],
    }),
  ];

  const figures: string[][] = [
    ["任务总数", String(n.tasks)],
    ["已完成任务", String(n.completed)],
    ["推进中任务", String(n.inProgress)],
    ["未启动任务", String(n.notStarted)],
    ["滞后任务", String(n.lagging)],
    ["责任单位数", String(s.units)],
    ["总体完成率（加权）", pct(s.completion)],
    ["时序进度", pct(s.expected)],
    ["最近一期逾期未报", String(s.missing)],
    ["累计逾期报送", String(s.lateReports)],
    ["督查发现问题", String(s.rectifications.total)],
    ["整改逾期", String(s.rectifications.overdue)],
  ];

  const body = [
    heading("一、总体情况"),
    para(summarySentence(kind, plan, rollup, period)),
    table(["指标", "数值"], figures, [60, 40]),
    heading("二、分章节完成情况"),
    table(
      ["章节", "任务数", "完成率", "已完成", "滞后"],
      withTasks(rollup).map((c) => [
        `${"　".repeat(c.depth)}${c.number ? `${c.number} ` : ""}${c.title}`,
        String(c.tasks),
        pct(c.completion),
        String(c.completed),
        String(c.lagging),
      ]),
      [52, 12, 12, 12, 12],
    ),
    heading("三、责任单位完成情况"),
    table(
      ["责任单位", "任务数", "牵头", "完成率", "已完成", "滞后", "逾期报送", "未报", "整改未完成"],
      rollup.byUnit.map((u) => [
        u.orgName,
        String(u.tasks),
        String(u.leadTasks),
        pct(u.completion),
        String(u.completed),
        String(u.lagging),
        String(u.lateReports),
        String(u.missing),
        String(u.rectificationsOpen),
      ]),
      [28, 9, 8, 10, 9, 8, 10, 8, 10],
    ),
    heading("四、分地区完成情况"),
    table(
      ["地区", "责任单位数", "任务数", "完成率", "滞后（单位任务）"],
      rollup.byRegion.map((r) => [
        r.regionName,
        String(r.units),
        String(r.tasks),
        pct(r.completion),
        String(r.lagging),
      ]),
      [36, 16, 16, 16, 16],
    ),
    heading("五、滞后任务"),
    table(
      ["序号", "任务", "所属章", "完成率", "时序进度", "原因", "责任单位"],
      rollup.lagging.map((l, i) => [
        String(i + 1),
        `${l.number ? `${l.number} ` : ""}${l.title}`,
        l.chapterTitle ?? "",
        pct(l.completion),
        pct(l.expected),
        l.reasons.map((x) => LAG_REASON_LABELS[x]).join("；"),
        l.units.join("、"),
      ]),
      [6, 26, 18, 10, 10, 14, 16],
    ),
    heading("六、督查整改情况"),
    para(
      `共发现问题 ${s.rectifications.total} 个：已核验销号 ${s.rectifications.verified} 个，已整改待核验 ${s.rectifications.closed} 个，` +
        `整改中 ${s.rectifications.open} 个，其中逾期 ${s.rectifications.overdue} 个，已提级督办 ${s.rectifications.escalated} 个。`,
    ),
    table(
      ["问题", "整改单位", "整改期限", "状态", "逾期", "督办"],
      rectifications.map((r) => [
        r.finding,
        r.ownerOrgName,
        r.deadline,
        RECTIFICATION_STATUS_LABELS[r.status],
        r.overdue ? "是" : "否",
        r.escalatedToOrgName ? `已提级至${r.escalatedToOrgName}` : r.escalatedAt ? "已提级" : "",
      ]),
      [36, 18, 12, 12, 8, 14],
    ),
    ...periodSections(period),
  ];

  const doc = new Document({
    creator: "石榴平台",
    title: `${plan.title}${kindLabel}`,
    description: kindLabel,
    styles: {
      default: {
        document: { run: { font: BODY_FONT, size: 24 } },
        heading1: { run: { font: HEAD_FONT, size: 32, bold: true } },
      },
    },
    sections: [
      { properties: { page: { size: { width: 11906, height: 16838 } } }, children: titlePage },
      {
        properties: { page: { size: { width: 11906, height: 16838 } } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ["— ", PageNumber.CURRENT, " —"], font: BODY_FONT, size: 18 })],
              }),
            ],
          }),
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

const sheet = <T>(name: string, columns: XlsxColumn<T>[], rows: T[]): XlsxSheet<T> => ({ name, columns, rows });

/** The report's data as a workbook: 概况, 分章节, 责任单位, 分地区, 滞后任务, 督查整改 (as of the roll-up's `asOf`). */
export async function buildEvaluationXlsx(
  plan: ReportPlan,
  rollup: RollupView,
  rectifications: RectificationView[],
  generatedAt: Date,
) {
  const s = rollup.summary;
  return buildXlsxBook([
    sheet(
      "概况",
      [
        { header: "指标", width: 24, value: (r: [string, string | number]) => r[0] },
        { header: "数值", width: 60, value: (r: [string, string | number]) => r[1] },
      ],
      [
        ["规划", plan.title],
        ["文号", plan.docNumber ?? ""],
        ["印发单位", plan.issuingOrgName],
        ["规划期", `${plan.periodStart}-${plan.periodEnd}`],
        ["统计时间", generatedAt.toISOString()],
        // The figures' cut-off: the last day the data counts (the end of the plan, or today before then).
        ["数据截至", beijingDate(new Date(new Date(rollup.asOf).getTime() - 1))],
        ["任务总数", s.tasks],
        ["责任单位数", s.units],
        ["总体完成率（%）", s.completion ?? ""],
        ["时序进度（%）", s.expected],
        ["已完成任务", s.completed],
        ["推进中任务", s.inProgress],
        ["未启动任务", s.notStarted],
        ["滞后任务", s.lagging],
        ["最近一期逾期未报", s.missing],
        ["累计逾期报送", s.lateReports],
        ["督查发现问题", s.rectifications.total],
        ["整改逾期", s.rectifications.overdue],
        ["已提级督办", s.rectifications.escalated],
      ] as [string, string | number][],
    ),
    sheet(
      "分章节",
      [
        { header: "编号", width: 10, value: (c: RollupView["byChapter"][number]) => c.number },
        { header: "章节", width: 40, value: (c) => `${"　".repeat(c.depth)}${c.title}` },
        { header: "层级", width: 8, value: (c) => c.depth + 1 },
        { header: "任务数", width: 10, value: (c) => c.tasks },
        { header: "完成率（%）", width: 12, value: (c) => c.completion },
        { header: "已完成", width: 10, value: (c) => c.completed },
        { header: "滞后", width: 10, value: (c) => c.lagging },
      ],
      withTasks(rollup),
    ),
    sheet(
      "责任单位",
      [
        { header: "责任单位", width: 30, value: (u: RollupView["byUnit"][number]) => u.orgName },
        { header: "行政区划代码", width: 14, value: (u) => u.regionCode },
        { header: "任务数", width: 10, value: (u) => u.tasks },
        { header: "牵头任务", width: 10, value: (u) => u.leadTasks },
        { header: "完成率（%）", width: 12, value: (u) => u.completion },
        { header: "已完成", width: 10, value: (u) => u.completed },
        { header: "滞后", width: 10, value: (u) => u.lagging },
        { header: "逾期报送", width: 10, value: (u) => u.lateReports },
        { header: "最近一期未报", width: 12, value: (u) => u.missing },
        { header: "整改未完成", width: 12, value: (u) => u.rectificationsOpen },
        { header: "整改逾期", width: 10, value: (u) => u.rectificationsOverdue },
      ],
      rollup.byUnit,
    ),
    sheet(
      "分地区",
      [
        { header: "行政区划代码", width: 14, value: (r: RollupView["byRegion"][number]) => r.regionCode },
        { header: "地区", width: 24, value: (r) => r.regionName },
        { header: "责任单位数", width: 12, value: (r) => r.units },
        { header: "任务数", width: 10, value: (r) => r.tasks },
        { header: "完成率（%）", width: 12, value: (r) => r.completion },
        { header: "滞后（单位任务）", width: 16, value: (r) => r.lagging },
      ],
      rollup.byRegion,
    ),
    sheet(
      "滞后任务",
      [
        { header: "编号", width: 10, value: (l: RollupView["lagging"][number]) => l.number },
        { header: "任务", width: 40, value: (l) => l.title },
        { header: "所属章", width: 30, value: (l) => l.chapterTitle },
        { header: "完成率（%）", width: 12, value: (l) => l.completion },
        { header: "时序进度（%）", width: 14, value: (l) => l.expected },
        { header: "原因", width: 24, value: (l) => l.reasons.map((x) => LAG_REASON_LABELS[x]).join("；") },
        { header: "牵头单位", width: 24, value: (l) => l.leadOrgName },
        { header: "责任单位", width: 40, value: (l) => l.units.join("、") },
      ],
      rollup.lagging,
    ),
    sheet(
      "督查整改",
      [
        { header: "督查", width: 24, value: (r: RectificationView) => r.inspectionTitle },
        { header: "问题", width: 50, value: (r) => r.finding },
        { header: "整改要求", width: 40, value: (r) => r.requirement },
        { header: "整改单位", width: 24, value: (r) => r.ownerOrgName },
        { header: "整改期限", width: 12, value: (r) => r.deadline },
        { header: "状态", width: 14, value: (r) => RECTIFICATION_STATUS_LABELS[r.status] },
        { header: "逾期", width: 8, value: (r) => r.overdue },
        { header: "提级督办至", width: 24, value: (r) => r.escalatedToOrgName },
        { header: "整改情况", width: 40, value: (r) => r.closureNote },
      ],
      rectifications,
    ),
  ]);
}
