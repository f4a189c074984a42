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
import {
  GENDER_LABELS,
  HONOR_KIND_DICT,
  NOMINATION_STATUS_LABELS,
  NOTICE_STAGE_LABELS,
  type NominationForm,
} from "../../../contracts/honors.js";
import type { Ctx } from "../../core/context.js";
import { dictLabels } from "../../core/dict.js";
import { AppError } from "../../core/errors.js";
import { buildXlsx } from "../../core/xlsx.js";
import { type AuditInput, findAudit, recordAudit } from "../audit/index.js";
import { orgById } from "../org/index.js";
import { itemNoticeRecords } from "../publicity/index.js";
import { honorAwards as A, honorCampaigns as C } from "./honors.schema.js";
import { loadCampaign, loadNomination } from "./honors-access.js";
import {
  getNomination,
  listNominations,
  type NominationListQuery,
  nominationMachine,
  personOf,
} from "./nomination.service.js";

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

/** The steps of 两审三公示 whose entries are the 推荐审批表's opinions (not edits, reveals, exports or scores). */
const FORM_STEPS = new Set([
  "create",
  "publish_unit",
  "submit",
  "county_approve",
  "county_return",
  "publish_county",
  "forward",
  "final_approve",
  "final_return",
  "publish_final",
  "propose",
  "award",
  "withdraw",
  "remove",
]);
const stepLabels: Record<string, string> = {
  create: "推荐",
  ...Object.fromEntries(Object.entries(nominationMachine.transitions).map(([k, v]) => [k, v.label])),
};

/**
 * The 推荐审批表 for the console's print view: the detail as the caller reads it (masked; the print view never
 * reveals), each stage's opinion from the nomination's audited steps, and the 公示 that listed it.
 */
export async function nominationFormView(ctx: Ctx, id: string): Promise<NominationForm> {
  const nomination = await getNomination(ctx, id);
  // A unit notice's title names the person ("关于推荐某某为…的公示"): on the form it reads masked, as the detail does.
  const person = personOf(ctx, await loadNomination(ctx, id));
  const masked = (text: string) => (person?.name ? text.split(person.name).join(nomination.nomineeName) : text);
  const [history, notices] = await Promise.all([
    findAudit(ctx.db, { entity: "honor_nomination", entityId: id, categories: ["data"] }, 1, 200),
    itemNoticeRecords(ctx.db, ctx.clock, "honors", id),
  ]);
  const stages = history.items
    .filter((e) => e.outcome === "success" && e.action.startsWith("honor_nomination."))
    .map((e) => ({ e, step: e.action.slice("honor_nomination.".length) }))
    .filter(({ step }) => FORM_STEPS.has(step))
    .reverse()
    .map(({ e, step }) => ({
      at: e.at,
      step: stepLabels[step] ?? step,
      actorName: e.actorName,
      opinion: masked(e.summary ?? ""),
    }));
  return {
    nomination,
    stages,
    notices: notices.map((n) => ({
      ...n,
      title: masked(n.title),
      stageLabel: NOTICE_STAGE_LABELS[n.stage] ?? n.stage,
    })),
  };
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
export async function nominationsXlsx(
  ctx: Ctx,
  q: Omit<NominationListQuery, "page" | "pageSize"> & { ids?: string[] },
) {
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
