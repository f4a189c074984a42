/**
 * Statistics of confirmed activities in the caller's scope: counts and participants by region (the children of
 * the chosen region, for drill-down), type, domain, month and participant group; the calendar; the 宣传月
 * (September) report as .docx. Every figure is a sum over the same records (statsWhere), so the parts add up.
 */
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import type { StatsView } from "../../../contracts/activities.js";
import { beijingDate } from "../../../contracts/dates.js";
import { inScope, regionTreeWhere, requireScope, scopeRoot } from "../../core/access.js";
import type { Ctx, Deps } from "../../core/context.js";
import { dictLabelSql, dictLabels } from "../../core/dict.js";
import { errors } from "../../core/errors.js";
import { actorCacheKey, revisionCache } from "../../core/revisions.js";
import { readPublishedMaterialFile } from "../materials/index.js";
import { orgNameSql, regionNames } from "../org/index.js";
import { ACTIVITY_DOMAIN_DICT, ACTIVITY_TYPE_DICT, PARTICIPANT_GROUP_DICT } from "./activities.dicts.js";
import { activityRecords } from "./activities.schema.js";
import { statsWhere } from "./activities-access.js";

const LEVELS = [2, 4, 6, 9, 12];
const ar = activityRecords;

/** The region a statistic is about: the one asked for (inside the caller's scope) or the scope's root. */
function rootOf(ctx: Ctx, regionCode?: string): string {
  const scope = requireScope(ctx.actor, "activity:read");
  if (!regionCode) return scopeRoot(scope) || ctx.actor.regionCode.slice(0, 2);
  if (scope.kind === "org" || scope.kind === "self") {
    if (regionCode !== scope.regionCode && !scope.regionCode.startsWith(regionCode)) throw errors.notFound("region");
    return regionCode;
  }
  if (!inScope(scope, { regionCode, orgId: null })) throw errors.notFound("region");
  return regionCode;
}

function periodWhere(from: string, to: string): SQL {
  return sql`${ar.startDate} between ${from} and ${to}`;
}

async function counts(ctx: Ctx, where: SQL, key: SQL) {
  const rows = await ctx.db
    .select({
      key: sql<string>`${key}`.as("k"),
      activities: sql<number>`count(*)::int`,
      participants: sql<number>`coalesce(sum(${ar.participantTotal}), 0)::int`,
    })
    .from(ar)
    .where(where)
    .groupBy(sql`1`)
    .orderBy(sql`1`);
  return rows.map((r) => ({
    key: String(r.key),
    activities: Number(r.activities),
    participants: Number(r.participants),
  }));
}

/**
 * A province's year of confirmed activities is hundreds of thousands of rows read six ways: kept per caller and
 * query while no activity record has been written since (core/revisions.ts: the triggers of migration 0027 bump
 * 'activities' in the writing transaction; 'dicts' for the type and domain labels), and for at most a minute
 * (region names).
 */
const statsCache = revisionCache<StatsView>({ keys: ["activities", "dicts"], ttlMs: 60_000, size: 200 });

export async function activityStats(ctx: Ctx, year: number, regionCode?: string): Promise<StatsView> {
  const root = rootOf(ctx, regionCode);
  return statsCache.get(ctx, actorCacheKey(ctx.actor, { year, root }), (db) =>
    computeStats({ ...ctx, db }, year, root),
  );
}

async function computeStats(ctx: Ctx, year: number, root: string): Promise<StatsView> {
  const childLen = LEVELS.find((l) => l > root.length) ?? 12;
  const where = and(
    statsWhere(ctx),
    root.length > 0 ? regionTreeWhere(ar.regionCode, root) : undefined,
    periodWhere(`${year}-01-01`, `${year}-12-31`),
  ) as SQL;
  const [byRegion, byType, byDomain, byMonth, groups, types, domains, groupLabels] = await Promise.all([
    counts(ctx, where, sql`left(${ar.regionCode}, ${childLen})`),
    counts(ctx, where, sql`${ar.typeCode}`),
    counts(ctx, where, sql`${ar.domainCode}`),
    counts(ctx, where, sql`extract(month from ${ar.startDate})::int`),
    ctx.db.execute<{ key: string; participants: number }>(
      sql`select g.key, sum(g.value::int)::int as participants from ${ar}, jsonb_each_text(${ar.participants}) g where ${where} group by 1 order by 1`,
    ),
    dictLabels(ctx.db, ACTIVITY_TYPE_DICT),
    dictLabels(ctx.db, ACTIVITY_DOMAIN_DICT),
    dictLabels(ctx.db, PARTICIPANT_GROUP_DICT),
  ]);
  const names = await regionNames(ctx.db, [root, ...byRegion.map((r) => r.key)]);
  const total = byType.reduce(
    (a, r) => ({ activities: a.activities + r.activities, participants: a.participants + r.participants }),
    { activities: 0, participants: 0 },
  );
  return {
    year,
    regionCode: root,
    regionName: names.get(root) ?? "全部",
    total,
    byRegion: byRegion.map((r) => ({ ...r, label: names.get(r.key) ?? r.key })),
    byType: byType.map((r) => ({ ...r, label: types.get(r.key) ?? r.key })),
    byDomain: byDomain.map((r) => ({ ...r, label: domains.get(r.key) ?? r.key })),
    byMonth: byMonth.map((r) => ({ ...r, label: `${r.key}月` })),
    byGroup: groups.rows.map((g) => ({
      key: g.key,
      label: groupLabels.get(g.key) ?? g.key,
      participants: Number(g.participants),
    })),
  };
}

/** Confirmed activities of one month, by day (an activity spanning days shows on each). */
export async function activityCalendar(ctx: Ctx, month: string, regionCode?: string) {
  const root = rootOf(ctx, regionCode);
  const first = `${month}-01`;
  const [y, m] = month.split("-").map(Number);
  const last = beijingDate(Date.UTC(y, m, 0, 4));
  const rows = await ctx.db
    .select({
      id: ar.id,
      title: ar.title,
      startDate: ar.startDate,
      endDate: ar.endDate,
      typeLabel: dictLabelSql(ACTIVITY_TYPE_DICT, ar.typeCode),
      orgName: orgNameSql(ar.orgId),
    })
    .from(ar)
    .where(
      and(
        statsWhere(ctx),
        root.length > 0 ? regionTreeWhere(ar.regionCode, root) : undefined,
        sql`${ar.startDate} <= ${last} and ${ar.endDate} >= ${first}`,
      ),
    )
    .orderBy(asc(ar.startDate), asc(ar.id))
    .limit(2000);
  const days: { date: string; items: { id: string; title: string; typeLabel: string; orgName: string }[] }[] = [];
  for (let d = 1; d <= Number(last.slice(8)); d++) {
    const date = `${month}-${String(d).padStart(2, "0")}`;
    const items = rows
      .filter((r) => r.startDate <= date && r.endDate >= date)
      .map((r) => ({ id: r.id, title: r.title, typeLabel: r.typeLabel, orgName: r.orgName ?? "" }));
    if (items.length) days.push({ date, items });
  }
  return { month, days };
}

const FONT = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "宋体", cs: "Times New Roman" };
const HEAD = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "黑体", cs: "Times New Roman" };
const text = (t: string, bold = false) => new TextRun({ text: t, font: bold ? HEAD : FONT, size: 24, bold });
const para = (t: string, bold = false) => new Paragraph({ children: [text(t, bold)], spacing: { after: 120 } });
function table(head: string[], rows: (string | number)[][]) {
  const row = (cells: (string | number)[], header = false) =>
    new TableRow({
      tableHeader: header,
      children: cells.map((c) => new TableCell({ children: [new Paragraph({ children: [text(String(c), header)] })] })),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [row(head, true), ...rows.map((r) => row(r))],
  });
}

/** 宣传月 report: what happened in September of the year across the region, as .docx. */
export async function publicityMonthReport(ctx: Ctx, year: number, regionCode?: string) {
  const root = rootOf(ctx, regionCode);
  const where = and(
    statsWhere(ctx),
    root.length > 0 ? regionTreeWhere(ar.regionCode, root) : undefined,
    periodWhere(`${year}-09-01`, `${year}-09-30`),
  ) as SQL;
  const childLen = LEVELS.find((l) => l > root.length) ?? 12;
  const [byType, byDomain, byRegion, types, domains, list] = await Promise.all([
    counts(ctx, where, sql`${ar.typeCode}`),
    counts(ctx, where, sql`${ar.domainCode}`),
    counts(ctx, where, sql`left(${ar.regionCode}, ${childLen})`),
    dictLabels(ctx.db, ACTIVITY_TYPE_DICT),
    dictLabels(ctx.db, ACTIVITY_DOMAIN_DICT),
    ctx.db
      .select({
        title: ar.title,
        startDate: ar.startDate,
        orgName: orgNameSql(ar.orgId),
        typeLabel: dictLabelSql(ACTIVITY_TYPE_DICT, ar.typeCode),
        participants: ar.participantTotal,
      })
      .from(ar)
      .where(where)
      .orderBy(asc(ar.startDate), asc(ar.id))
      .limit(500),
  ]);
  const names = await regionNames(ctx.db, [root, ...byRegion.map((r) => r.key)]);
  const regionName = names.get(root) ?? "全区";
  const total = byType.reduce((a, r) => a + r.activities, 0);
  const people = byType.reduce((a, r) => a + r.participants, 0);
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 240 },
            children: [
              new TextRun({
                text: `${regionName}${year}年民族团结进步宣传月活动情况`,
                font: HEAD,
                size: 36,
                bold: true,
              }),
            ],
          }),
          para(
            `${year}年9月民族团结进步宣传月期间，${regionName}共开展经确认的各类活动 ${total} 场，参与 ${people} 人次。`,
          ),
          para("一、按活动类型", true),
          table(
            ["活动类型", "场次", "参与人次"],
            byType.map((r) => [types.get(r.key) ?? r.key, r.activities, r.participants]),
          ),
          para("二、按“8+N进”领域", true),
          table(
            ["领域", "场次", "参与人次"],
            byDomain.map((r) => [domains.get(r.key) ?? r.key, r.activities, r.participants]),
          ),
          para("三、按地区", true),
          table(
            ["地区", "场次", "参与人次"],
            byRegion.map((r) => [names.get(r.key) ?? r.key, r.activities, r.participants]),
          ),
          para("四、活动清单", true),
          table(
            ["日期", "活动名称", "类型", "主办单位", "参与人次"],
            list.map((r) => [r.startDate, r.title, r.typeLabel, r.orgName ?? "", r.participants]),
          ),
          para(`（数据截至 ${beijingDate(ctx.clock.now())}，由石榴平台根据各单位登记并经确认的活动自动生成）`),
        ],
      },
    ],
  });
  return { fileName: `${regionName}${year}年宣传月活动情况.docx`, content: await Packer.toBuffer(doc) };
}

/** Public, confirmed activities for the portal's 活动风采 (no scope: only what organizers chose to publish). */
export async function publicActivities(ctx: { db: Ctx["db"] }, q: { page: number; pageSize: number }) {
  const where = and(eq(ar.status, "confirmed"), eq(ar.isPublic, true));
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select({
        id: ar.id,
        title: ar.title,
        typeLabel: dictLabelSql(ACTIVITY_TYPE_DICT, ar.typeCode),
        domainLabel: dictLabelSql(ACTIVITY_DOMAIN_DICT, ar.domainCode),
        startDate: ar.startDate,
        regionCode: ar.regionCode,
        orgName: orgNameSql(ar.orgId),
        summary: ar.summary,
        participantTotal: ar.participantTotal,
        photoIds: ar.photoIds,
      })
      .from(ar)
      .where(where)
      .orderBy(sql`${ar.startDate} desc`, asc(ar.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: sql<number>`count(*)::int` }).from(ar).where(where),
  ]);
  const names = await regionNames(
    ctx.db,
    rows.map((r) => r.regionCode),
  );
  return {
    items: rows.map(({ regionCode, ...r }) => ({
      ...r,
      photoIds: r.photoIds.slice(0, 4),
      orgName: r.orgName ?? "",
      summary: r.summary ? r.summary.slice(0, 300) : null,
      regionName: names.get(regionCode) ?? "",
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** A photo of a published activity (confirmed, marked public by its organizer), for the portal; else 404. */
export async function publicActivityPhoto(deps: Pick<Deps, "db" | "files">, id: string, photoId: string) {
  const [row] = await deps.db
    .select({ photoIds: ar.photoIds })
    .from(ar)
    .where(and(eq(ar.id, id), eq(ar.status, "confirmed"), eq(ar.isPublic, true)));
  if (!row?.photoIds.includes(photoId)) throw errors.notFound("material");
  return readPublishedMaterialFile(deps.db, deps.files, photoId);
}
