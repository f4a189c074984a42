/**
 * Statistics of the service desk over the caller's region scope: by category, channel, region, month and
 * department. On-time rate = closed on time ÷ (closed + open and overdue) — an overdue request still open counts
 * against the rate, not only late answers. "Closed" here is 办结 in the sense of handled: answered (已答复) or
 * closed (已办结). Groups by region below MIN_GROUP requests are suppressed (shown without figures), so a small
 * community's few people cannot be singled out. Nothing is grouped or filtered by ethnicity: there is no such field.
 */
import { and, gte, lt, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { addDays, beijingStartOf } from "../../../contracts/dates.js";
import {
  CHANNEL_LABELS,
  MIN_GROUP,
  type RequestListQuery,
  SATISFACTION_LABELS,
  SERVICE_CATEGORY_DICT,
  type StatsView,
  type statsQuery,
} from "../../../contracts/services.js";
import { regionTreeWhere } from "../../core/access.js";
import { type Ctx, readDb } from "../../core/context.js";
import { dictLabelSql, dictLabels } from "../../core/dict.js";
import { actorCacheKey, revisionCache } from "../../core/revisions.js";
import { buildXlsx, buildXlsxBook } from "../../core/xlsx.js";
import { recordAudit } from "../audit/index.js";
import { orgBriefs, orgNameSql, regionNameSql, regionNames } from "../org/index.js";
import { listWhere, overdueSql, today, toView } from "./request.service.js";
import { serviceRequests, serviceWindows } from "./services.schema.js";
import { visibleWhere } from "./services-access.js";

const R = serviceRequests;
const CHILD_LENGTH: Record<number, number> = { 2: 4, 4: 6, 6: 9, 9: 12, 12: 12 };

type Group = { key: string; total: number; closed: number; onTime: number; overdueOpen: number };

/**
 * A province's statistics read every request of the year (half a million at province scale): kept per caller and
 * query while no service request, referral or window has been written since (core/revisions.ts: the tables'
 * triggers bump the 'services' revision in the writing transaction), and for at most a minute, since the overdue
 * counts move with the clock.
 */
const statsCache = revisionCache<StatsView>({ keys: ["services"], ttlMs: 60_000, size: 200 });

export function serviceStats(ctx: Ctx, q: z.infer<typeof statsQuery>): Promise<StatsView> {
  return statsCache.get(ctx, actorCacheKey(ctx.actor, q), (db) => computeStats({ ...ctx, db }, q));
}

async function computeStats(ctx: Ctx, q: z.infer<typeof statsQuery>): Promise<StatsView> {
  const base = q.region ?? ctx.actor.regionCode;
  const t = today(ctx);
  const where = and(
    visibleWhere(ctx),
    regionTreeWhere(R.regionCode, base),
    q.from ? gte(R.createdAt, beijingStartOf(q.from)) : undefined,
    q.to ? lt(R.createdAt, beijingStartOf(addDays(q.to, 1))) : undefined,
  ) as SQL;
  const done = sql`(${R.status} in ('answered','closed'))`;
  const childLen = CHILD_LENGTH[base.length] ?? 12;
  // One scan for every figure: the totals, satisfaction and the five groupings as grouping sets of one query.
  const dims = {
    category: sql`${R.category}`,
    channel: sql`${R.channel}::text`,
    region: sql`left(${R.regionCode}, ${sql.raw(String(childLen))})`,
    month: sql`to_char(${R.createdAt} at time zone 'Asia/Shanghai', 'YYYY-MM')`,
    dept: sql`${R.deptOrgId}::text`,
    sat: sql`${R.satisfaction}::text`,
  };
  const names = Object.keys(dims) as (keyof typeof dims)[];
  const exprs = names.map((n) => dims[n]);
  const dim = sql.join(
    [sql`case`, ...names.map((n) => sql`when grouping(${dims[n]}) = 0 then ${n}`), sql`else 'total' end`],
    sql` `,
  );
  const key = sql`coalesce(${sql.join(exprs, sql`, `)})`;
  const res = await ctx.db.execute<{
    dim: string;
    key: string | null;
    total: number;
    closed: number;
    onTime: number;
    overdueOpen: number;
    partly: number;
    acceptHours: number | null;
    answerDays: number | null;
  }>(sql`select ${dim} as dim, ${key} as key,
      count(*)::int as total,
      (count(*) filter (where ${done}))::int as closed,
      (count(*) filter (where ${done} and ${R.answeredOnTime}))::int as "onTime",
      (count(*) filter (where ${overdueSql(t)}))::int as "overdueOpen",
      (count(*) filter (where ${R.partlySolved}))::int as partly,
      avg(extract(epoch from (${R.receivedAt} - ${R.referredAt})) / 3600) as "acceptHours",
      avg(extract(epoch from (${R.answeredAt} - ${R.createdAt})) / 86400) as "answerDays"
    from ${R} where ${where}
    group by grouping sets ((), ${sql.join(
      exprs.map((e) => sql`(${e})`),
      sql`, `,
    )})`);
  const all = res.rows;
  const zero = {
    total: 0,
    closed: 0,
    onTime: 0,
    overdueOpen: 0,
    partly: 0,
    acceptHours: null,
    answerDays: null,
  };
  const totals = all.find((r) => r.dim === "total") ?? zero;
  const groupOf = (d: string): Group[] =>
    all
      .filter((r) => r.dim === d && r.key != null)
      .map((r) => ({
        key: r.key as string,
        total: Number(r.total),
        closed: Number(r.closed),
        onTime: Number(r.onTime),
        overdueOpen: Number(r.overdueOpen),
      }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const sat = groupOf("sat").map((g) => ({ key: g.key, count: g.total }));
  const [byCategory, byChannel, byRegion, byMonth, byDept] = (
    ["category", "channel", "region", "month", "dept"] as const
  ).map(groupOf);
  const [categories, regions, depts] = await Promise.all([
    dictLabels(ctx.db, SERVICE_CATEGORY_DICT),
    regionNames(
      ctx.db,
      byRegion.map((g) => g.key),
    ),
    orgBriefs(
      ctx.db,
      byDept.map((g) => g.key),
    ),
  ]);
  const rate = (onTime: number, closed: number, overdue: number) =>
    closed + overdue === 0 ? null : Math.round((onTime / (closed + overdue)) * 1000) / 10;
  const shape = (gs: Group[], label: (k: string) => string, suppress = false) =>
    gs.map((g) => {
      const hide = suppress && g.total < MIN_GROUP;
      return {
        key: g.key,
        label: label(g.key),
        total: hide ? null : g.total,
        closed: hide ? null : g.closed,
        onTime: hide ? null : g.onTime,
        overdueOpen: hide ? null : g.overdueOpen,
        onTimeRate: hide ? null : rate(g.onTime, g.closed, g.overdueOpen),
        suppressed: hide,
      };
    });
  const round = (v: number | null, d = 1) => (v == null ? null : Math.round(Number(v) * 10 ** d) / 10 ** d);
  return {
    total: Number(totals.total),
    closed: Number(totals.closed),
    closedOnTime: Number(totals.onTime),
    openOverdue: Number(totals.overdueOpen),
    onTimeRate: rate(Number(totals.onTime), Number(totals.closed), Number(totals.overdueOpen)),
    avgAcceptHours: round(totals.acceptHours),
    avgAnswerDays: round(totals.answerDays),
    satisfaction: (["satisfied", "basically", "dissatisfied"] as const).map((k) => ({
      key: k,
      label: SATISFACTION_LABELS[k],
      count: sat.find((s) => s.key === k)?.count ?? 0,
    })),
    partlySolved: Number(totals.partly),
    byCategory: shape(byCategory, (k) => categories.get(k) ?? k),
    byChannel: shape(byChannel, (k) => CHANNEL_LABELS[k as keyof typeof CHANNEL_LABELS] ?? k),
    byRegion: shape(byRegion, (k) => regions.get(k) ?? k, true),
    byMonth: shape(byMonth, (k) => `${k.slice(0, 4)}年${Number(k.slice(5))}月`),
    byDepartment: shape(byDept, (k) => depts.get(k)?.name ?? ""),
  };
}

/** The request list as .xlsx, personal fields masked (no reveal here: a reveal is one field with a reason). */
export async function exportRequests(ctx: Ctx, q: Omit<RequestListQuery, "page" | "pageSize" | "sort">) {
  // An export may lag by the read replica's bound (the response states it).
  const rows = await readDb(ctx)
    .select({
      r: R,
      categoryLabel: dictLabelSql(SERVICE_CATEGORY_DICT, R.category),
      windowName: sql<string>`(select ${serviceWindows.name} from ${serviceWindows} where ${serviceWindows.id} = ${R.windowId})`,
      orgName: orgNameSql(R.orgId),
      regionName: regionNameSql(R.regionCode),
      deptOrgName: sql<string | null>`case when ${R.deptOrgId} is null then null else ${orgNameSql(R.deptOrgId)} end`,
      overdue: overdueSql(today(ctx)),
    })
    .from(R)
    .where(listWhere(ctx, q))
    .orderBy(sql`${R.createdAt} desc`)
    .limit(50_000);
  const views = rows.map((s) => toView(ctx, s));
  await auditExport(ctx, `导出服务申请 ${views.length} 件（个人信息脱敏）`, { requests: [null, views.length] });
  type V = (typeof views)[number];
  return buildXlsx<V>(
    "服务申请",
    [
      { header: "查询码", value: (v) => v.trackingCode, width: 14 },
      { header: "类别", value: (v) => v.categoryLabel },
      { header: "绿色通道", value: (v) => v.green },
      { header: "渠道", value: (v) => v.channelLabel },
      { header: "受理窗口", value: (v) => v.windowName, width: 24 },
      { header: "地区", value: (v) => v.regionName },
      { header: "服务对象", value: (v) => v.nameMasked },
      { header: "联系电话", value: (v) => v.phoneMasked, width: 14 },
      { header: "身份证号", value: (v) => v.idNumberMasked, width: 20 },
      { header: "服务语言", value: (v) => v.language },
      { header: "状态", value: (v) => v.statusLabel },
      { header: "承办部门", value: (v) => v.deptOrgName, width: 24 },
      { header: "答复期限", value: (v) => v.dueOn },
      { header: "超期", value: (v) => v.overdue },
      { header: "按期答复", value: (v) => v.answeredOnTime },
      { header: "满意度", value: (v) => v.satisfactionLabel },
      { header: "受理时间", value: (v) => new Date(v.createdAt) },
    ],
    views,
  );
}

async function auditExport(ctx: Ctx, summary: string, changes: Record<string, [unknown, unknown]>) {
  await ctx.db.transaction((tx) =>
    recordAudit(tx, ctx.clock, ctx.actor, {
      category: "export",
      action: "service_request.export",
      entity: "service_request",
      regionCode: ctx.actor.regionCode,
      orgId: ctx.actor.orgId,
      summary,
      changes,
    }),
  );
}

type StatRow = StatsView["byCategory"][number];

/**
 * The statistics page as .xlsx: the totals with the definitions used, then one sheet per grouping. Figures only —
 * no person is named in any cell (the groups are categories, channels, regions, months and departments), regions
 * under MIN_GROUP requests are shown as 不足 5 件不显示, and every text cell goes through the export helper's
 * formula neutralisation.
 */
export async function exportStats(ctx: Ctx, q: z.infer<typeof statsQuery>) {
  const s = await serviceStats(ctx, q);
  await auditExport(ctx, `导出服务台统计（${q.from ?? "开始"}至${q.to ?? "今"}，${s.total} 件）`, {
    statistics: [null, { from: q.from ?? null, to: q.to ?? null, region: q.region ?? null, total: s.total }],
  });
  const hidden = "不足 5 件不显示";
  const cols = (title: string) => [
    { header: title, width: 28, value: (r: StatRow) => r.label },
    { header: "申请数", value: (r: StatRow) => (r.suppressed ? hidden : r.total) },
    { header: "已办结", value: (r: StatRow) => r.closed },
    { header: "按期办结", value: (r: StatRow) => r.onTime },
    { header: "未办结且超期", value: (r: StatRow) => r.overdueOpen },
    { header: "按期办结率(%)", value: (r: StatRow) => r.onTimeRate },
  ];
  type Fig = { label: string; value: string | number | null };
  const summary: Fig[] = [
    { label: "申请总数", value: s.total },
    { label: "已办结（已答复或已办结）", value: s.closed },
    { label: "按期办结", value: s.closedOnTime },
    { label: "未办结且超期", value: s.openOverdue },
    { label: "按期办结率(%)", value: s.onTimeRate },
    { label: "按期办结率的算法", value: "按期办结 ÷（已办结 + 未办结且超期）" },
    { label: "平均接收用时（小时）", value: s.avgAcceptHours },
    { label: "平均答复用时（天）", value: s.avgAnswerDays },
    ...s.satisfaction.map((x) => ({ label: `评价：${x.label}`, value: x.count })),
    { label: "评价为部分解决", value: s.partlySolved },
    { label: "统计期间", value: `${q.from ?? "不限"} 至 ${q.to ?? "不限"}` },
  ];
  return buildXlsxBook([
    {
      name: "总体",
      columns: [
        { header: "指标", width: 30, value: (r: Fig) => r.label },
        { header: "数值", width: 40, value: (r: Fig) => r.value },
      ],
      rows: summary,
    },
    { name: "按类别", columns: cols("类别"), rows: s.byCategory },
    { name: "按渠道", columns: cols("渠道"), rows: s.byChannel },
    { name: "按地区", columns: cols("地区"), rows: s.byRegion },
    { name: "按月份", columns: cols("月份"), rows: s.byMonth },
    { name: "按承办部门", columns: cols("承办部门"), rows: s.byDepartment },
  ]);
}
