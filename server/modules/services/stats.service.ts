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
import type { Ctx } from "../../core/context.js";
import { dictLabelSql, dictLabels } from "../../core/dict.js";
import { buildXlsx } from "../../core/xlsx.js";
import { orgBriefs, orgNameSql, regionNameSql, regionNames } from "../org/index.js";
import { listWhere, overdueSql, today, toView } from "./request.service.js";
import { serviceRequests, serviceWindows } from "./services.schema.js";
import { visibleWhere } from "./services-access.js";

const R = serviceRequests;
const CHILD_LENGTH: Record<number, number> = { 2: 4, 4: 6, 6: 9, 9: 12, 12: 12 };

type Group = { key: string; total: number; closed: number; onTime: number; overdueOpen: number };

export async function serviceStats(ctx: Ctx, q: z.infer<typeof statsQuery>): Promise<StatsView> {
  const base = q.region ?? ctx.actor.regionCode;
  const t = today(ctx);
  const where = and(
    visibleWhere(ctx),
    regionTreeWhere(R.regionCode, base),
    q.from ? gte(R.createdAt, beijingStartOf(q.from)) : undefined,
    q.to ? lt(R.createdAt, beijingStartOf(addDays(q.to, 1))) : undefined,
  ) as SQL;
  const done = sql`(${R.status} in ('answered','closed'))`;
  const figures = {
    total: sql<number>`count(*)::int`,
    closed: sql<number>`(count(*) filter (where ${done}))::int`,
    onTime: sql<number>`(count(*) filter (where ${done} and ${R.answeredOnTime}))::int`,
    overdueOpen: sql<number>`(count(*) filter (where ${overdueSql(t)}))::int`,
  };
  const group = async (key: SQL<string | null>): Promise<Group[]> => {
    const rows = await ctx.db
      .select({ key, ...figures })
      .from(R)
      .where(where)
      .groupBy(sql`1`)
      .orderBy(sql`1`);
    return rows.filter((r) => r.key != null).map((r) => ({ ...r, key: r.key as string }));
  };
  const childLen = CHILD_LENGTH[base.length] ?? 12;
  const [[totals], sat, byCategory, byChannel, byRegion, byMonth, byDept] = await Promise.all([
    ctx.db
      .select({
        ...figures,
        partly: sql<number>`(count(*) filter (where ${R.partlySolved}))::int`,
        acceptHours: sql<number | null>`avg(extract(epoch from (${R.receivedAt} - ${R.referredAt})) / 3600)`,
        answerDays: sql<number | null>`avg(extract(epoch from (${R.answeredAt} - ${R.createdAt})) / 86400)`,
      })
      .from(R)
      .where(where),
    ctx.db
      .select({ key: R.satisfaction, count: sql<number>`count(*)::int` })
      .from(R)
      .where(and(where, sql`${R.satisfaction} is not null`))
      .groupBy(R.satisfaction),
    group(sql<string>`${R.category}`),
    group(sql<string>`${R.channel}`),
    group(sql<string>`left(${R.regionCode}, ${childLen})`),
    group(sql<string>`to_char(${R.createdAt} at time zone 'Asia/Shanghai', 'YYYY-MM')`),
    group(sql<string | null>`${R.deptOrgId}::text`),
  ]);
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
    total: totals.total,
    closed: totals.closed,
    closedOnTime: totals.onTime,
    openOverdue: totals.overdueOpen,
    onTimeRate: rate(totals.onTime, totals.closed, totals.overdueOpen),
    avgAcceptHours: round(totals.acceptHours),
    avgAnswerDays: round(totals.answerDays),
    satisfaction: (["satisfied", "basically", "dissatisfied"] as const).map((k) => ({
      key: k,
      label: SATISFACTION_LABELS[k],
      count: sat.find((s) => s.key === k)?.count ?? 0,
    })),
    partlySolved: totals.partly,
    byCategory: shape(byCategory, (k) => categories.get(k) ?? k),
    byChannel: shape(byChannel, (k) => CHANNEL_LABELS[k as keyof typeof CHANNEL_LABELS] ?? k),
    byRegion: shape(byRegion, (k) => regions.get(k) ?? k, true),
    byMonth: shape(byMonth, (k) => `${k.slice(0, 4)}年${Number(k.slice(5))}月`),
    byDepartment: shape(byDept, (k) => depts.get(k)?.name ?? ""),
  };
}

/** The request list as .xlsx, personal fields masked (no reveal here: a reveal is one field with a reason). */
export async function exportRequests(ctx: Ctx, q: Omit<RequestListQuery, "page" | "pageSize" | "sort">) {
  const rows = await ctx.db
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
