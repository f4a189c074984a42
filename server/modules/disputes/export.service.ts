/**
 * Statistics (by category, risk, region, month), the case list as .xlsx, and the quarter's 季报 as .docx: the
 * cases that occurred in the quarter and the public-opinion events found in it, in the caller's region, from the
 * records (nothing typed again), with the quarter's 零报告/季报 receipt figures.
 */
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import { and, asc, count, desc, gte, lte, sql } from "drizzle-orm";
import { beijingDate, beijingDateTime } from "../../../contracts/dates.js";
import {
  CASE_STATUS_LABELS,
  type CaseStats,
  DISPUTE_CATEGORY_DICT,
  RESULT_LABELS,
  RISK_LABELS,
  type RiskLevel,
} from "../../../contracts/disputes.js";
import type { Ctx } from "../../core/context.js";
import { dictLabelSql, dictLabels } from "../../core/dict.js";
import { buildXlsx } from "../../core/xlsx.js";
import { recordAudit } from "../audit/index.js";
import { orgNameSql, regionNames } from "../org/index.js";
import { caseFilters, listCases } from "./cases.service.js";
import { disputeCases, disputeOpinionEvents } from "./disputes.schema.js";
import { assertRegionVisible, regionReadWhere, scopeRegion } from "./disputes-access.js";
import { periodOf } from "./periods.js";
import { compliance } from "./reports.service.js";

const CHILD_LEN: Record<number, number> = { 0: 2, 2: 4, 4: 6, 6: 9, 9: 12 };

export async function caseStats(ctx: Ctx, q: { regionCode?: string; from?: string; to?: string }): Promise<CaseStats> {
  const region = q.regionCode ?? scopeRegion(ctx);
  const where = caseFilters(ctx, { regionCode: region || undefined, from: q.from, to: q.to });
  const childLen = CHILD_LEN[region.length] ?? 12;
  // The lengths are inlined (small integers), so the expression is the same text in SELECT and GROUP BY.
  const child = sql<string>`case when char_length(${disputeCases.regionCode}) > ${sql.raw(String(region.length))} then left(${disputeCases.regionCode}, ${sql.raw(String(childLen))}) else ${disputeCases.regionCode} end`;
  const month = sql<string>`to_char(${disputeCases.occurredOn}, 'YYYY-MM')`;
  const [byCategory, byRisk, byRegion, byMonth] = await Promise.all([
    ctx.db
      .select({
        key: disputeCases.category,
        label: dictLabelSql(DISPUTE_CATEGORY_DICT, disputeCases.category),
        n: count(),
      })
      .from(disputeCases)
      .where(where)
      .groupBy(disputeCases.category)
      .orderBy(desc(count())),
    ctx.db
      .select({ key: disputeCases.riskLevel, n: count() })
      .from(disputeCases)
      .where(where)
      .groupBy(disputeCases.riskLevel),
    ctx.db.select({ key: child, n: count() }).from(disputeCases).where(where).groupBy(child).orderBy(child),
    ctx.db.select({ key: month, n: count() }).from(disputeCases).where(where).groupBy(month).orderBy(month),
  ]);
  const names = await regionNames(
    ctx.db,
    byRegion.map((r) => r.key),
  );
  return {
    total: byRisk.reduce((s, r) => s + Number(r.n), 0),
    byCategory: byCategory.map((r) => ({ key: r.key, label: r.label, count: Number(r.n) })),
    byRisk: (["general", "serious", "major"] as RiskLevel[]).map((k) => ({
      key: k,
      label: RISK_LABELS[k],
      count: Number(byRisk.find((r) => r.key === k)?.n ?? 0),
    })),
    byRegion: byRegion.map((r) => ({ key: r.key, label: names.get(r.key) ?? r.key, count: Number(r.n) })),
    byMonth: byMonth.map((r) => ({
      key: r.key,
      label: `${r.key.slice(0, 4)}年${Number(r.key.slice(5))}月`,
      count: Number(r.n),
    })),
  };
}

async function auditExport(ctx: Ctx, summary: string, changes: Record<string, unknown>) {
  await ctx.db.transaction((tx) =>
    recordAudit(tx, ctx.clock, ctx.actor, {
      category: "export",
      action: "disputes.export",
      entity: "dispute_case",
      regionCode: ctx.actor.regionCode,
      orgId: ctx.actor.orgId,
      summary,
      changes,
    }),
  );
}

export async function exportCases(ctx: Ctx, q: { regionCode?: string; from?: string; to?: string }) {
  const all = [];
  for (let page = 1; page <= 50; page++) {
    const res = await listCases(ctx, { ...q, page, pageSize: 200 });
    all.push(...res.items);
    if (res.items.length < 200) break;
  }
  await auditExport(ctx, `导出矛盾纠纷 ${all.length} 件`, { reports: all.length });
  return buildXlsx(
    "矛盾纠纷",
    [
      { header: "案件编号", width: 20, value: (c) => c.code },
      { header: "发生日期", width: 12, value: (c) => c.occurredOn },
      { header: "地点", width: 20, value: (c) => c.regionName },
      { header: "来源", width: 10, value: (c) => c.sourceLabel },
      { header: "类别", width: 12, value: (c) => c.categoryLabel },
      { header: "风险等级", width: 8, value: (c) => RISK_LABELS[c.riskLevel] },
      { header: "当事人数", width: 8, value: (c) => c.partyCount },
      { header: "事实摘要", width: 50, value: (c) => c.summary },
      { header: "责任单位", width: 24, value: (c) => c.orgName },
      { header: "状态", width: 10, value: (c) => CASE_STATUS_LABELS[c.status] },
      { header: "结果", width: 10, value: (c) => (c.result ? RESULT_LABELS[c.result] : "") },
      { header: "已上报", width: 8, value: (c) => !!c.escalatedAt },
      { header: "涉及民族因素", width: 10, value: (c) => c.ethnicFactor },
    ],
    all,
  );
}

const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, font: { eastAsia: "宋体" } })] })] });
const table = (head: string[], rows: string[][]) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((v) => cell(v)) })),
    ],
  });

/** The quarter's 季报: exactly the cases that occurred and the events found in that quarter, in the caller's region. */
export async function quarterlyDocx(ctx: Ctx, period: string) {
  const region = scopeRegion(ctx);
  assertRegionVisible(ctx, region);
  const p = periodOf(period, 0);
  const cases = await ctx.db
    .select({
      c: disputeCases,
      categoryLabel: dictLabelSql(DISPUTE_CATEGORY_DICT, disputeCases.category),
      orgName: orgNameSql(disputeCases.orgId),
    })
    .from(disputeCases)
    .where(
      and(
        caseFilters(ctx, { regionCode: region || undefined }),
        gte(disputeCases.occurredOn, p.start),
        lte(disputeCases.occurredOn, p.end),
      ),
    )
    .orderBy(asc(disputeCases.occurredOn), asc(disputeCases.code))
    .limit(5000);
  const events = await ctx.db
    .select()
    .from(disputeOpinionEvents)
    .where(
      and(
        regionReadWhere(ctx, disputeOpinionEvents.regionCode),
        sql`(${disputeOpinionEvents.foundAt} at time zone 'Asia/Shanghai')::date between ${p.start}::date and ${p.end}::date`,
      ),
    )
    .orderBy(asc(disputeOpinionEvents.foundAt));
  const channels = await dictLabels(ctx.db, "dispute_channel");
  const names = await regionNames(ctx.db, [region, ...cases.map((c) => c.c.regionCode)].filter(Boolean));
  const months = [0, 1, 2].map(
    (i) => `${p.start.slice(0, 5)}${String(Number(p.start.slice(5, 7)) + i).padStart(2, "0")}`,
  );
  const zero = await compliance(ctx, {
    kind: "zero",
    regionCode: region || undefined,
    from: months[0],
    to: months[2],
  }).catch(() => null);
  const regionName = region ? (names.get(region) ?? region) : "全区";
  const major = cases.filter((c) => c.c.riskLevel === "major").length;
  const resolved = cases.filter((c) => c.c.result === "resolved").length;
  const doc = new Document({
    styles: { default: { document: { run: { font: { eastAsia: "宋体", ascii: "Times New Roman" }, size: 24 } } } },
    sections: [
      {
        children: [
          new Paragraph({
            heading: HeadingLevel.TITLE,
            children: [new TextRun(`${regionName}涉及民族因素矛盾纠纷和舆情${p.label}季报`)],
          }),
          new Paragraph(`报告期：${p.start} 至 ${p.end}　生成时间：${beijingDateTime(ctx.clock.now())}`),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun("一、总体情况")] }),
          new Paragraph(
            cases.length || events.length
              ? `本季度共登记矛盾纠纷 ${cases.length} 件（其中重大 ${major} 件），已化解 ${resolved} 件；舆情事件 ${events.length} 起。`
              : "本季度无矛盾纠纷和舆情事件（本期无）。",
          ),
          ...(zero && zero.expected
            ? [
                new Paragraph(
                  `零报告：应报 ${zero.expected} 份，实报 ${zero.received} 份，及时 ${zero.onTime} 份；报告率 ${((zero.reportingRate ?? 0) * 100).toFixed(1)}%，及时率 ${((zero.onTimeRate ?? 0) * 100).toFixed(1)}%。`,
                ),
              ]
            : []),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun("二、矛盾纠纷")] }),
          table(
            ["案件编号", "发生日期", "地点", "类别", "风险等级", "责任单位", "状态", "结果"],
            cases.map(({ c, categoryLabel, orgName }) => [
              c.code,
              c.occurredOn,
              names.get(c.regionCode) ?? "",
              categoryLabel,
              RISK_LABELS[c.riskLevel],
              orgName ?? "",
              CASE_STATUS_LABELS[c.status],
              c.result ? RESULT_LABELS[c.result] : "—",
            ]),
          ),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun("三、舆情事件")] }),
          table(
            ["发现时间", "来源渠道", "等级", "概况", "状态"],
            events.map((e) => [
              beijingDate(e.foundAt),
              channels.get(e.channel) ?? e.channel,
              RISK_LABELS[e.grade],
              e.summary,
              e.status === "closed" ? "已办结" : "处置中",
            ]),
          ),
        ],
      },
    ],
  });
  const buf = await Packer.toBuffer(doc);
  await auditExport(ctx, `生成${p.label}季报（矛盾纠纷 ${cases.length} 件，舆情 ${events.length} 起）`, { period });
  return { buffer: buf, fileName: `${regionName}${p.label}季报.docx`, caseCodes: cases.map((c) => c.c.code) };
}
