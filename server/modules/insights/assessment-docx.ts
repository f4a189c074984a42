/**
 * 考核结果通报 (.docx): the internal bulletin of a published round — title, the organising unit and date, what
 * was assessed and how (computed indicators with their formulas, reported indicators scored by the panel), the
 * ranking table (rank, name, computed part, reported part, final score, 合格), all from the stored result.
 */
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { RankingView, RoundView } from "../../../contracts/assessment.js";
import { beijingDate } from "../../../contracts/dates.js";

const BODY_FONT = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "宋体", cs: "Times New Roman" };
const HEAD_FONT = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "黑体", cs: "Times New Roman" };

const para = (text: string, opts: { bold?: boolean; center?: boolean; size?: number; head?: boolean } = {}) =>
  new Paragraph({
    alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
    spacing: { after: 120, line: 360 },
    children: [new TextRun({ text, bold: opts.bold, size: opts.size ?? 28, font: opts.head ? HEAD_FONT : BODY_FONT })],
  });

const cell = (text: string, bold = false) =>
  new TableCell({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text, bold, font: BODY_FONT, size: 22 })],
      }),
    ],
  });

function chineseDate(d: Date): string {
  const [y, m, day] = beijingDate(d).split("-").map(Number);
  return `${y}年${m}月${day}日`;
}

export async function buildBulletinDocx(round: RoundView, ranking: RankingView): Promise<Buffer> {
  const computed = round.indicators.filter((i) => i.kind === "computed");
  const reported = round.indicators.filter((i) => i.kind === "reported");
  const passed = ranking.items.filter((i) => i.passed).length;
  const published = round.publishedAt ? new Date(round.publishedAt) : new Date();
  const children = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [new TextRun({ text: `关于${round.title}结果的通报`, bold: true, size: 40, font: HEAD_FONT })],
    }),
    para(`${round.orgName}　${chineseDate(published)}`, { center: true, size: 24 }),
    para("一、基本情况", { head: true, bold: true }),
    para(
      `${round.year}年度考核评价以${round.setName}为依据，考核期为${round.windowFrom}至${round.windowTo}，共考核${ranking.items.length}个对象，其中${passed}个达到合格线。计算指标的数据快照生成于${round.snapshotAt ? chineseDate(new Date(round.snapshotAt)) : "—"}，快照校验值（SHA-256）为 ${round.snapshotHash ?? "—"}。`,
    ),
    para("二、考核指标", { head: true, bold: true }),
    ...computed.map((i) =>
      para(
        `${i.nodeCode} ${i.title}（${i.maxScore} 分，计算指标）：${i.formula ?? ""}${i.target ? `，目标数 ${i.target}` : ""}。`,
      ),
    ),
    ...reported.map((i) =>
      para(`${i.nodeCode} ${i.title}（${i.maxScore} 分，填报指标）：由被考核单位填报并提供佐证，评审人员评分。`),
    ),
    para("三、考核结果", { head: true, bold: true }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({
          tableHeader: true,
          children: ["名次", "被考核对象", "计算指标得分", "填报指标得分", "总分", "是否合格"].map((h) =>
            cell(h, true),
          ),
        }),
        ...ranking.items.map(
          (i) =>
            new TableRow({
              children: [
                cell(String(i.rank)),
                cell(i.name),
                cell(String(i.computedScore)),
                cell(String(i.reportedScore)),
                cell(String(i.finalScore)),
                cell(i.passed ? "合格" : "不合格"),
              ],
            }),
        ),
      ],
    }),
    para(""),
    para("请各单位对照考核结果查找差距，认真整改。对计算指标有疑问的，可在系统中查看每项数据对应的记录。"),
  ];
  const doc = new Document({
    styles: { default: { document: { run: { font: BODY_FONT, size: 28 } } } },
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 } } }, children }],
  });
  return Packer.toBuffer(doc);
}
