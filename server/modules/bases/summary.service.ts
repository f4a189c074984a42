/**
 * A base's annual summary (.docx): its registry entry, its 数字展馆, the sessions and bookings of the year and the
 * month-by-month 参观人数 of its reports, for the base to send up and the supervising department to file. Read by
 * the base's staff and its supervising department only; every export is audited. No person's data is in it: groups
 * are counted, never named with their contacts.
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
import { and, asc, eq, sql } from "drizzle-orm";
import {
  BASE_LEVEL_LABELS,
  BASE_STATUS_LABELS,
  BOOKING_STATUS_LABELS,
  type BookingStatus,
  REPORT_STATUS_LABELS,
} from "../../../contracts/bases.js";
import { beijingDate, chineseDate } from "../../../contracts/dates.js";
import type { Ctx } from "../../core/context.js";
import { recordAudit } from "../audit/index.js";
import { baseBookings, basePages, baseReports, baseSessions } from "./bases.schema.js";
import { loadBase, requireStaffOrSupervisor } from "./bases-access.js";
import { getBase } from "./registry.service.js";
import { reportLate } from "./report.service.js";

const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
const grid = (head: string[], rows: string[][]) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((v) => cell(v)) })),
    ],
  });
const heading = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(text)] });
const para = (text: string) => new Paragraph({ children: [new TextRun(text)] });

/** The figures of a base's year, as the summary states them (also what its test checks). */
export async function annualFigures(ctx: Ctx, baseId: string, year: number) {
  const from = `${year}-01-01`;
  const to = `${year + 1}-01-01`;
  const [sessions, bookings, reports, pages] = await Promise.all([
    ctx.db
      .select({ n: sql<number>`count(*)::int`, seats: sql<number>`coalesce(sum(${baseSessions.capacity}), 0)::int` })
      .from(baseSessions)
      .where(
        and(eq(baseSessions.baseId, baseId), sql`${baseSessions.date} >= ${from} and ${baseSessions.date} < ${to}`),
      ),
    ctx.db
      .select({
        status: baseBookings.status,
        n: sql<number>`count(*)::int`,
        people: sql<number>`coalesce(sum(${baseBookings.groupSize}), 0)::int`,
      })
      .from(baseBookings)
      .where(
        and(
          eq(baseBookings.baseId, baseId),
          sql`${baseBookings.sessionDate} >= ${from} and ${baseBookings.sessionDate} < ${to}`,
        ),
      )
      .groupBy(baseBookings.status),
    ctx.db
      .select()
      .from(baseReports)
      .where(and(eq(baseReports.baseId, baseId), sql`${baseReports.month} like ${`${year}-%`}`))
      .orderBy(asc(baseReports.month)),
    ctx.db
      .select({ version: basePages.version, publishedAt: basePages.publishedAt })
      .from(basePages)
      .where(
        and(
          eq(basePages.baseId, baseId),
          sql`${basePages.publishedAt} >= ${`${from}T00:00:00+08:00`} and ${basePages.publishedAt} < ${`${to}T00:00:00+08:00`}`,
        ),
      )
      .orderBy(asc(basePages.version)),
  ]);
  const byStatus = new Map(bookings.map((b) => [b.status as BookingStatus, b]));
  const sum = (f: (r: (typeof reports)[number]) => number) => reports.reduce((s, r) => s + f(r), 0);
  return {
    sessions: sessions[0].n,
    seats: sessions[0].seats,
    bookings: bookings.reduce((s, b) => s + b.n, 0),
    byStatus,
    reports,
    pagesPublished: pages,
    groupVisitors: sum((r) => r.groupVisitors),
    groupCount: sum((r) => r.groupCount),
    walkInVisitors: sum((r) => r.walkInVisitors),
    total: sum((r) => r.total),
    acceptedTotal: reports.filter((r) => r.status === "accepted").reduce((s, r) => s + r.total, 0),
  };
}

export async function baseAnnualSummaryDocx(ctx: Ctx, baseId: string, year: number) {
  requireStaffOrSupervisor(await loadBase(ctx, baseId));
  const base = await getBase(ctx, baseId);
  const f = await annualFigures(ctx, baseId, year);
  const today = beijingDate(ctx.clock.now());
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`);
  const reportOf = new Map(f.reports.map((r) => [r.month, r]));
  const monthRows = months
    .filter((m) => `${m}-01` <= today)
    .map((m) => {
      const r = reportOf.get(m);
      if (!r) return [`${Number(m.slice(5))}月`, "—", "—", "—", "—", "未报"];
      const late = reportLate(r, today) ? "（逾期）" : "";
      return [
        `${Number(m.slice(5))}月`,
        String(r.groupCount),
        String(r.groupVisitors),
        String(r.walkInVisitors),
        String(r.total),
        `${REPORT_STATUS_LABELS[r.status]}${late}`,
      ];
    });
  const statusRows = (["approved", "checked_in", "no_show", "cancelled", "declined", "pending"] as const).map((s) => {
    const b = f.byStatus.get(s);
    return [BOOKING_STATUS_LABELS[s], String(b?.n ?? 0), String(b?.people ?? 0)];
  });
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: `${base.name}${year}年度工作总结`, bold: true })],
    }),
    heading("一、基本情况"),
    grid(
      ["项目", "内容"],
      [
        ["基地类型", base.kindLabel],
        ["级别", BASE_LEVEL_LABELS[base.level]],
        ["所在地区", base.regionName],
        ["运营单位", base.operatingOrgName],
        ["主管部门", base.supervisingOrgName],
        ["命名日期", chineseDate(base.namedOn)],
        ["有效期至", chineseDate(base.termEndsOn)],
        ["状态", `${BASE_STATUS_LABELS[base.status]}${base.reviewDue ? "（待复核）" : ""}`],
        ["开放时间", base.openingHours ?? "—"],
      ],
    ),
    heading("二、数字展馆"),
    para(
      f.pagesPublished.length
        ? `本年度发布数字展馆 ${f.pagesPublished.length} 版（${f.pagesPublished
            .map((p) => `第 ${p.version} 版，${chineseDate(beijingDate(p.publishedAt!))}`)
            .join("；")}）。`
        : base.hasPublishedPage
          ? "数字展馆沿用往年发布的版本，本年度未更新。"
          : "数字展馆尚未发布。",
    ),
    heading("三、团体预约"),
    para(`本年度开放参观场次 ${f.sessions} 场、可接待 ${f.seats} 人次，收到团体预约 ${f.bookings} 批。按处理结果：`),
    grid(["处理结果", "批次", "预约人数"], statusRows),
    heading("四、参观人数"),
    para(
      `全年月报合计接待参观 ${f.total} 人次（其中团体 ${f.groupCount} 批 ${f.groupVisitors} 人次，散客 ${f.walkInVisitors} 人次）；经主管部门接收的 ${f.acceptedTotal} 人次。`,
    ),
    grid(["月份", "团体数", "团体人数", "散客人数", "合计", "月报状态"], monthRows),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun(base.operatingOrgName)] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun(chineseDate(today))] }),
  ];
  await ctx.db.transaction((tx) =>
    recordAudit(tx, ctx.clock, ctx.actor, {
      category: "export",
      action: "base.summary_export",
      entity: "base",
      entityId: base.id,
      regionCode: base.regionCode,
      orgId: base.operatingOrgId,
      summary: `导出“${base.name}”${year}年度工作总结`,
    }),
  );
  return {
    buffer: await Packer.toBuffer(new Document({ sections: [{ children }] })),
    fileName: `${base.name}${year}年度工作总结.docx`,
  };
}
