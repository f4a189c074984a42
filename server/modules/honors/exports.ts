/**
 * 表彰's documents: the 推荐审批表 of one nomination (.docx, full text for reviewers — the caller reads the
 * nomination first, so its scope applies), the decision's list (.docx) and nomination lists (.xlsx). Each export is
 * audited. Personal fields stay masked in the list export; the approval form carries them in full (it is the form the
 * reviewing levels sign), so exporting it is audited like a reveal.
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
import { asc, eq } from "drizzle-orm";
import { chineseDate } from "../../../contracts/dates.js";
import { GENDER_LABELS, HONOR_KIND_DICT, NOMINATION_STATUS_LABELS } from "../../../contracts/honors.js";
import type { Ctx } from "../../core/context.js";
import { dictLabels } from "../../core/dict.js";
import { AppError } from "../../core/errors.js";
import { buildXlsx } from "../../core/xlsx.js";
import { type AuditInput, recordAudit } from "../audit/index.js";
import { orgById } from "../org/index.js";
import { honorAwards as A, honorCampaigns as C } from "./honors.schema.js";
import { loadCampaign, loadNomination } from "./honors-access.js";
import { listNominations, type NominationListQuery, personOf } from "./nomination.service.js";

const cell = (text: string, bold = false, span = 1) =>
  new TableCell({
    columnSpan: span,
    children: text.split("\n").map((line) => new Paragraph({ children: [new TextRun({ text: line, bold })] })),
  });
const title = (text: string) =>
  new Paragraph({
    heading: HeadingLevel.TITLE,
    alignment: AlignmentType.CENTER,
    children: [new TextRun({ text, bold: true })],
  });

async function audit(ctx: Ctx, input: Omit<AuditInput, "category">) {
  await ctx.db.transaction((tx) => recordAudit(tx, ctx.clock, ctx.actor, { category: "access", ...input }));
}

export async function nominationFormDocx(ctx: Ctx, id: string) {
  const n = await loadNomination(ctx, id);
  const [c] = await ctx.db.select().from(C).where(eq(C.id, n.campaignId));
  const [kinds, unit, nominee] = await Promise.all([
    dictLabels(ctx.db, HONOR_KIND_DICT),
    orgById(ctx.db, n.orgId),
    n.nomineeOrgId ? orgById(ctx.db, n.nomineeOrgId) : null,
  ]);
  const person = personOf(ctx, n);
  const rows: [string, string][] = person
    ? [
        ["姓名", person.name],
        ["性别", GENDER_LABELS[person.gender] ?? ""],
        ["职务", person.position],
        ["工作单位", person.unit],
      ]
    : [["集体名称", nominee?.name ?? ""]];
  rows.unshift(["表彰类别", kinds.get(n.kind) ?? n.kind]);
  rows.push(
    ["推荐单位", unit?.name ?? ""],
    ["事迹摘要", n.summary],
    ["主要事迹", n.deeds],
    ["当前环节", NOMINATION_STATUS_LABELS[n.status]],
  );
  rows.push(
    ["推荐单位意见", "\n\n（盖章）    年  月  日"],
    ["旗县（市、区）初审意见", "\n\n（盖章）    年  月  日"],
    ["评审委员会复审意见", "\n\n（盖章）    年  月  日"],
  );
  const doc = new Document({
    sections: [
      {
        children: [
          title(`${c.title}推荐审批表`),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: rows.map(([k, v]) => new TableRow({ children: [cell(k, true), cell(v)] })),
          }),
        ],
      },
    ],
  });
  await audit(ctx, {
    action: "honor_nomination.export",
    entity: "honor_nomination",
    entityId: n.id,
    regionCode: n.regionCode,
    orgId: n.orgId,
    summary: "导出推荐审批表",
  });
  const name = person ? person.name : (nominee?.name ?? "集体");
  return { buffer: await Packer.toBuffer(doc), fileName: `推荐审批表-${name}.docx` };
}

export async function decisionDocx(ctx: Ctx, campaignId: string) {
  const c = await loadCampaign(ctx, campaignId);
  if (c.status !== "decided" || !c.decisionNo) throw new AppError(409, "NOT_DECIDED", "本活动尚未作出表彰决定");
  const [awards, kinds] = await Promise.all([
    ctx.db.select().from(A).where(eq(A.campaignId, c.id)).orderBy(asc(A.kind), asc(A.certificateNo)),
    dictLabels(ctx.db, HONOR_KIND_DICT),
  ]);
  const children: (Paragraph | Table)[] = [
    title(c.decisionTitle ?? "表彰决定"),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(c.decisionNo)] }),
  ];
  for (const kind of c.kinds) {
    const list = awards.filter((a) => a.kind === kind);
    if (list.length === 0) continue;
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_2,
        children: [new TextRun(`${kinds.get(kind) ?? kind}（${list.length}）`)],
      }),
    );
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({
            children: [cell("序号", true), cell("名称", true), cell("单位", true), cell("证书编号", true)],
          }),
          ...list.map(
            (a, i) =>
              new TableRow({
                children: [
                  cell(String(i + 1)),
                  cell(a.honoreeName),
                  cell(a.honoreeUnit),
                  cell(a.status === "revoked" ? `${a.certificateNo}（已撤销）` : a.certificateNo),
                ],
              }),
          ),
        ],
      }),
    );
  }
  children.push(
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun(chineseDate(c.decidedOn ?? ""))] }),
  );
  await audit(ctx, {
    action: "honor_campaign.export",
    entity: "honor_campaign",
    entityId: c.id,
    regionCode: c.regionCode,
    orgId: c.orgId,
    summary: "导出表彰决定名单",
  });
  return {
    buffer: await Packer.toBuffer(new Document({ sections: [{ children }] })),
    fileName: `${c.decisionTitle ?? c.title}.docx`,
  };
}

/** The nominations list as the caller sees it (masked), up to 5,000 rows. */
export async function nominationsXlsx(ctx: Ctx, q: NominationListQuery & { ids?: string[] }) {
  const all = [];
  for (let page = 1; page <= 25; page++) {
    const r = await listNominations(ctx, { ...q, page, pageSize: 200 });
    all.push(...r.items);
    if (r.items.length < 200) break;
  }
  const buffer = await buildXlsx(
    "推荐对象",
    [
      { header: "表彰活动", value: (n) => n.campaignTitle, width: 30 },
      { header: "类别", value: (n) => n.kindLabel },
      { header: "推荐对象", value: (n) => n.nomineeName, width: 24 },
      { header: "推荐单位", value: (n) => n.orgName, width: 30 },
      { header: "旗县（市、区）", value: (n) => n.quotaRegionName },
      { header: "状态", value: (n) => NOMINATION_STATUS_LABELS[n.status] },
      { header: "原因", value: (n) => n.statusReason ?? "", width: 30 },
      { header: "平均分", value: (n) => n.averageScore },
    ],
    all,
  );
  await audit(ctx, {
    action: "honor_nomination.export_list",
    entity: "honor_nomination",
    regionCode: ctx.actor.regionCode,
    orgId: ctx.actor.orgId,
    summary: `导出推荐对象名单（${all.length} 条）`,
  });
  return { buffer, fileName: "推荐对象名单.xlsx" };
}
