/**
 * Exports of 示范创建: the designation and application lists as .xlsx (same filters as the lists), the naming
 * decision with its list of named units and each certificate as .docx. Every export is audited.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import {
  APPLICATION_STATUS_LABELS,
  type ApplicationListQuery,
  categoryGroupOf,
  DESIGNATION_STATUS_LABELS,
  type DesignationListQuery,
  NAMING_LEVEL_LABELS,
  REVOKE_REASON_LABELS,
} from "../../../contracts/creation.js";
import { requireScope } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { buildXlsx } from "../../core/xlsx.js";
import { recordAudit } from "../audit/index.js";
import { findApplicationsForExport } from "./application-view.service.js";
import { chineseDate } from "./dates.js";
import { getDecision } from "./decision.service.js";
import { findDesignationsForExport, getDesignation } from "./designation.service.js";

async function auditExport(
  ctx: Ctx,
  e: { action: string; entity: string; entityId?: string; summary: string; changes?: Record<string, unknown> },
) {
  await ctx.db.transaction((tx) => recordAudit(tx, ctx.clock, ctx.actor, { category: "export", ...e }));
}

export async function designationsXlsx(
  ctx: Ctx,
  q: Omit<DesignationListQuery, "page" | "pageSize"> & { ids?: string[] },
) {
  requireScope(ctx.actor, "creation:export");
  const rows = await findDesignationsForExport(ctx, q);
  const buffer = await buildXlsx(
    "命名单位",
    [
      { header: "证书编号", width: 24, value: (d) => d.certificateNo },
      { header: "单位名称", width: 34, value: (d) => d.unitName },
      { header: "行政区划代码", value: (d) => d.regionCode },
      { header: "所在地区", value: (d) => d.regionName },
      { header: "类别", value: (d) => d.categoryLabel },
      { header: "命名级别", value: (d) => NAMING_LEVEL_LABELS[d.level] },
      { header: "命名文号", width: 24, value: (d) => d.docNumber },
      { header: "命名日期", value: (d) => d.namedOn },
      { header: "有效期至", value: (d) => d.validUntil },
      { header: "状态", value: (d) => DESIGNATION_STATUS_LABELS[d.status] },
      { header: "复验延续次数", value: (d) => d.renewals },
      { header: "撤销原因", value: (d) => (d.revokeReason ? REVOKE_REASON_LABELS[d.revokeReason] : null) },
      { header: "撤销文号", value: (d) => d.revokeDocNumber },
    ],
    rows,
  );
  await auditExport(ctx, {
    action: "creation_designation.export",
    entity: "creation_designation",
    summary: `导出命名单位 ${rows.length} 条`,
    changes: { filters: q },
  });
  return buffer;
}

export async function applicationsXlsx(
  ctx: Ctx,
  q: Omit<ApplicationListQuery, "page" | "pageSize"> & { ids?: string[] },
) {
  requireScope(ctx.actor, "creation:export");
  const rows = await findApplicationsForExport(ctx, q);
  const buffer = await buildXlsx(
    "申报",
    [
      { header: "申报批次", width: 30, value: (a) => a.batchName },
      { header: "年度", value: (a) => a.year },
      { header: "命名级别", value: (a) => NAMING_LEVEL_LABELS[a.level] },
      { header: "申报单位", width: 34, value: (a) => a.orgName },
      { header: "行政区划代码", value: (a) => a.regionCode },
      { header: "所在地区", value: (a) => a.regionName },
      { header: "类别", value: (a) => a.categoryLabel },
      { header: "状态", value: (a) => APPLICATION_STATUS_LABELS[a.status] },
      { header: "当前审核层级", width: 24, value: (a) => a.reviewLevelName },
      { header: "最终得分", value: (a) => a.finalScore },
      { header: "审定结果", value: (a) => (a.passed === null ? null : a.passed ? "通过" : "不通过") },
      { header: "提交时间", width: 20, value: (a) => a.submittedAt },
    ],
    rows,
  );
  await auditExport(ctx, {
    action: "creation_application.export",
    entity: "creation_application",
    summary: `导出申报 ${rows.length} 条`,
    changes: { filters: q },
  });
  return buffer;
}

export { DOCX_MIME } from "../../core/http.js";

const FONT = { ascii: "Times New Roman", eastAsia: "仿宋_GB2312", hAnsi: "Times New Roman" };
const TITLE_FONT = { ascii: "Times New Roman", eastAsia: "方正小标宋简体", hAnsi: "Times New Roman" };

const text = (s: string, opts: { bold?: boolean; size?: number; title?: boolean } = {}) =>
  new TextRun({ text: s, bold: opts.bold, size: opts.size ?? 32, font: opts.title ? TITLE_FONT : FONT });
const para = (
  s: string,
  opts: {
    bold?: boolean;
    size?: number;
    title?: boolean;
    align?: (typeof AlignmentType)[keyof typeof AlignmentType];
    indent?: boolean;
    after?: number;
  } = {},
) =>
  new Paragraph({
    alignment: opts.align,
    indent: opts.indent ? { firstLine: 640 } : undefined,
    spacing: { after: opts.after ?? 120, line: 560 },
    children: [text(s, opts)],
  });

const border = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
const cell = (s: string, width: number, bold = false) =>
  new TableCell({
    width: { size: width, type: WidthType.PERCENTAGE },
    borders: { top: border, bottom: border, left: border, right: border },
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [text(s, { bold, size: 24 })] })],
  });

/** 命名决定: title, 文号, the decision text, the table of named units, the issuer and date. */
export async function decisionDocx(ctx: Ctx, id: string) {
  requireScope(ctx.actor, "creation:export");
  const d = await getDecision(ctx, id);
  const level = NAMING_LEVEL_LABELS[d.level];
  const widths = [8, 40, 20, 14, 18];
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: ["序号", "单位名称", "所在地区", "类别", "证书编号"].map((h, i) => cell(h, widths[i], true)),
      }),
      ...d.designations.map(
        (x, i) =>
          new TableRow({
            children: [String(i + 1), x.unitName, x.regionName, x.categoryLabel, x.certificateNo].map((v, j) =>
              cell(v, widths[j]),
            ),
          }),
      ),
    ],
  });
  const doc = new Document({
    creator: "石榴平台",
    title: d.title,
    sections: [
      {
        children: [
          para(d.docNumber, { align: AlignmentType.CENTER, after: 360 }),
          para(d.title, { title: true, size: 44, align: AlignmentType.CENTER, after: 480 }),
          para(
            `根据《${d.batchName}》的安排，经单位申报、逐级推荐、专家测评、审定和公示，决定命名${
              d.designations.length > 1 ? `以下${d.designations.length}个单位` : "以下单位"
            }为${level}民族团结进步示范单位（区），有效期五年，期满复验。`,
            { indent: true },
          ),
          para(
            "希望被命名单位珍惜荣誉，再接再厉，持续深化民族团结进步创建，铸牢中华民族共同体意识，发挥示范引领作用。",
            {
              indent: true,
              after: 360,
            },
          ),
          para(`附件：${level}民族团结进步示范单位（区）名单`, { after: 240 }),
          table,
          para("", { after: 480 }),
          para(d.issuerOrgName, { align: AlignmentType.RIGHT }),
          para(chineseDate(d.namedOn), { align: AlignmentType.RIGHT }),
        ],
      },
    ],
  });
  const buffer = await Packer.toBuffer(doc);
  await auditExport(ctx, {
    action: "creation_decision.export",
    entity: "creation_decision",
    entityId: id,
    summary: `导出命名决定 ${d.docNumber}（${d.designations.length} 个单位）`,
  });
  return { buffer, fileName: `${d.docNumber} ${d.title}.docx` };
}

/** 证书: unit name, level and category, certificate number, issuer and date, validity. */
export async function certificateDocx(ctx: Ctx, id: string) {
  requireScope(ctx.actor, "creation:export");
  const d = await getDesignation(ctx, id);
  const kind = categoryGroupOf(d.category) === "area" ? "示范区" : "示范单位";
  const decision = d.decisionId ? await getDecision(ctx, d.decisionId) : null;
  const doc = new Document({
    creator: "石榴平台",
    title: `${d.unitName} 证书`,
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        children: [
          para("证  书", { title: true, size: 72, align: AlignmentType.CENTER, after: 480 }),
          para(`${d.unitName}：`, { size: 36, after: 240 }),
          para(`被命名为${NAMING_LEVEL_LABELS[d.level]}民族团结进步${kind}（${d.categoryLabel}）。`, {
            size: 36,
            indent: true,
            after: 240,
          }),
          para(`特发此证。有效期至${chineseDate(d.validUntil)}。`, { size: 32, indent: true, after: 480 }),
          para(decision?.issuerOrgName ?? d.regionName, { align: AlignmentType.RIGHT }),
          para(chineseDate(d.namedOn), { align: AlignmentType.RIGHT, after: 360 }),
          para(`证书编号：${d.certificateNo}${d.docNumber ? `　　命名文号：${d.docNumber}` : ""}`, { size: 24 }),
        ],
      },
    ],
  });
  const buffer = await Packer.toBuffer(doc);
  await auditExport(ctx, {
    action: "creation_designation.certificate",
    entity: "creation_designation",
    entityId: id,
    summary: `导出证书 ${d.certificateNo}（${d.unitName}）`,
  });
  return { buffer, fileName: `${d.certificateNo} ${d.unitName}.docx` };
}
