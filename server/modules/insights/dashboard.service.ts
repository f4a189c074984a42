/**
 * The leaders' dashboard (驾驶舱): one level's figures on one page, within the caller's scope.
 *
 * The level is the caller's scope root, or a region below it (drill-down); a region outside the scope is refused.
 * Each figure needs its module's read permission with a scope covering the level, and is counted by the module's
 * own list condition (its exported count function runs the list's WHERE with the list's filters), so a count
 * equals the total of the console list its `href` opens with those filters:
 *
 *   named            示范单位 (live designations)      /creation/designations?live=true&regionCode=
 *   bases            教育基地 in the register          /bases?status=active&regionCode=
 *   honors           表彰 (honors in force)            /honors/awards?status=active&regionCode=
 *   activitiesYear   confirmed activities this year   /activities?status=confirmed&year=&regionCode=
 *   servicesOpen     service requests in hand          /services/requests?view=all&open=true&regionCode=
 *   servicesOverdue  … of them overdue                 /services/requests?view=all&overdue=true&regionCode=
 *   disputesOpen     disputes in hand (by risk)        /disputes?open=true[&riskLevel=]&regionCode=
 *   planCompletion   the level's active plan, %        /plans/:id?tab=rollup
 *   zeroReporting    this period's 零报告 rate, %       /disputes?tab=compliance
 *
 * The same counts are folded into the regions one level below (the ranking and the map), and the trends count
 * activities, service requests and disputes by month over the last 12 months, each month opening its list:
 *
 *   activities       /activities?status=confirmed&regionCode=&startFrom=YYYY-MM-01&startTo=YYYY-MM-last
 *   services         /services/requests?view=all&regionCode=&createdFrom=&createdTo=
 *   disputes         /disputes?regionCode=&from=&to=
 *
 * The map is the tile view unless the system administrator loaded a licensed GeoJSON for the lower regions
 * (system's 地图数据): then `map` names its 审图号 and the URL of its features below this level.
 */

import { addDays, addMonths, beijingDate } from "../../../contracts/dates.js";
import { RISK_LABELS, type RiskLevel } from "../../../contracts/disputes.js";
import type { Permission } from "../../../contracts/identity.js";
import {
  type DashboardFigure,
  type DashboardKey,
  type DashboardRegion,
  type DashboardView,
  RANK_LEVELS,
  type RankLevel,
} from "../../../contracts/insights.js";
import { scopeFor, scopeRoot, toScope, widestScope } from "../../core/access.js";
import { type Ctx, readDb } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import { actorCacheKey, type RevisionSnapshot, revisionCache, revisionSnapshot } from "../../core/revisions.js";
import { activityCounts } from "../activities/index.js";
import { baseCountsByRegion } from "../bases/index.js";
import { designationCountsByRegion, namingTargets } from "../creation/index.js";
import { caseCounts, compliance } from "../disputes/index.js";
import { awardCountsByRegion } from "../honors/index.js";
import { childRegions, getRegion, regionNames, regionsAtLength } from "../org/index.js";
import { computeRollup, homePlan } from "../plans/index.js";
import { requestCounts } from "../services/index.js";
import { regionMapFor } from "../system/index.js";
import { lowerRegion } from "./home.service.js";

const qs = (path: string, q: Record<string, string | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) p.set(k, v);
  return `${path}?${p.toString()}`;
};

/** Whether the caller may read `permission`'s records of the region tree `region`. */
function covers(ctx: Ctx, permission: Permission, region: string): boolean {
  const s = scopeFor(ctx.actor, permission);
  if (!s) return false;
  if (s.kind === "all") return true;
  if (s.kind === "region_tree") return region.startsWith(s.prefix);
  if (s.kind === "region") return region === s.code;
  return false;
}

/** The level to show: the caller's widest scope root, or a region within it. */
export function levelOf(ctx: Ctx, regionCode: string | undefined): { root: string; region: string } {
  const widest = toScope(ctx.actor, widestScope(ctx.actor));
  const root = scopeRoot(widest);
  if (regionCode === undefined || regionCode === root) return { root, region: root };
  const inside =
    widest.kind === "all" ||
    (widest.kind === "region_tree" && regionCode.startsWith(widest.prefix) && regionCode.length > root.length);
  if (!inside) throw errors.field("regionCode", "assessment.region_out_of_scope");
  return { root, region: regionCode };
}

/**
 * The big tables' counts (activities, service requests, bases: hundreds of thousands of rows in a province) are
 * kept per caller and query while their tables' revision counters (migration 0026's statement triggers) stand
 * still, and for at most a minute (overdue moves with the clock): exact, as the modules' own statistics are.
 * Designations with their targets, honors and dispute cases likewise (migration 0033's triggers); the plan's
 * completion and 零报告 compliance are read through their modules' own caches.
 */
const REVISION_KEYS = {
  activities: "activities",
  services: "services",
  bases: "bases",
  designations: "creation.designations",
  honors: "honors.awards",
  disputes: "disputes.cases",
} as const;
const caches = Object.fromEntries(
  Object.entries(REVISION_KEYS).map(([k, key]) => [
    k,
    revisionCache<unknown>({ keys: [key], ttlMs: 60_000, size: 500 }),
  ]),
) as Record<keyof typeof REVISION_KEYS, ReturnType<typeof revisionCache<unknown>>>;

/** The request's counters, read once (one round trip instead of one per figure). */
const snapshots = new WeakMap<Ctx, Promise<RevisionSnapshot>>();

function cached<T>(ctx: Ctx, which: keyof typeof caches, query: unknown, compute: (c: Ctx) => Promise<T>): Promise<T> {
  // The cache reads the counters from the database it is given, and the counts from the same one.
  let snapshot = snapshots.get(ctx);
  if (!snapshot) {
    snapshot = revisionSnapshot(readDb(ctx), Object.values(REVISION_KEYS));
    snapshots.set(ctx, snapshot);
  }
  return snapshot.then(
    (snap) =>
      caches[which].get(
        ctx,
        actorCacheKey(ctx.actor, [which, query]),
        (db) => compute({ ...ctx, db, readDb: undefined }),
        snap,
      ) as Promise<T>,
  );
}

type Fold = Map<string, number>;
/**
 * Sums rows by the region each lies in: the region one level below `region` (its own units under itself), or with
 * `depth` the region of that code length (rows above that level count in the total only).
 */
function fold(region: string, rows: { code: string; n: number }[], depth?: number): { total: number; by: Fold } {
  const by: Fold = new Map();
  let total = 0;
  for (const r of rows) {
    total += r.n;
    const k = depth ? (r.code.length >= depth ? r.code.slice(0, depth) : null) : lowerRegion(region, r.code);
    if (k !== null) by.set(k, (by.get(k) ?? 0) + r.n);
  }
  return { total, by };
}

/** A figure's rows as the cache holds them (`source`, the same object while the entry is valid) and how to read them. */
type FoldSource = { source: object; tag: string; rows: () => { code: string; n: number }[] };
const folds = new WeakMap<object, Map<string, { total: number; by: Fold }>>();
/**
 * fold() of a cached row set, kept with the entry: a province's rows by village run to thousands, and folding them
 * again for every figure of every request was most of the dashboard's own time. The result is only read.
 */
function foldOnce(src: FoldSource, region: string, depth?: number): { total: number; by: Fold } {
  let byKey = folds.get(src.source);
  if (!byKey) {
    byKey = new Map();
    folds.set(src.source, byKey);
  }
  const key = `${src.tag}|${region}|${depth ?? ""}`;
  let f = byKey.get(key);
  if (!f) {
    f = fold(region, src.rows(), depth);
    byKey.set(key, f);
  }
  return f;
}

export async function dashboard(ctx: Ctx, q: { regionCode?: string; rankLevel?: RankLevel }): Promise<DashboardView> {
  const { root, region } = levelOf(ctx, q.regionCode);
  const db = readDb(ctx);
  const here = region ? await getRegion(db, region) : null;
  if (region && !here) throw errors.field("regionCode", "assessment.region_out_of_scope");
  // The ranking of every region of a deeper level (the province's 旗县): deeper than the level itself.
  const depth = q.rankLevel ? RANK_LEVELS[q.rankLevel].length : undefined;
  if (depth !== undefined && depth <= region.length) throw errors.field("rankLevel", "assessment.rank_level_too_high");
  const now = ctx.clock.now();
  const today = beijingDate(now);
  const year = Number(today.slice(0, 4));
  const rc = region || undefined;
  const children = depth ? await regionsAtLength(db, region, depth) : await childRegions(db, region || null);

  const figures: DashboardFigure[] = [];
  const perRegion = new Map<DashboardKey, { by: Fold; href: (code: string) => string | null }>();
  const count = (
    key: DashboardKey,
    label: string,
    note: string,
    unit: string,
    rows: FoldSource,
    href: (code: string | undefined) => string,
    target: number | null = null,
  ) => {
    const f = foldOnce(rows, region, depth);
    figures.push({ key, label, note, unit, value: f.total, target, href: href(rc) });
    perRegion.set(key, { by: f.by, href: (code) => (code === region ? null : href(code)) });
  };

  // One after another: a handful of grouped counts, in an order the bench's SQL snapshot can pin.
  if (covers(ctx, "creation:read", region)) {
    const { rows, targets } = await cached(ctx, "designations", [rc, region, year], async (c) => ({
      rows: await designationCountsByRegion(c, { live: true, regionCode: rc }),
      targets: region ? await namingTargets(c.db, [region], year) : new Map<string, number>(),
    }));
    count(
      "named",
      "示范单位",
      `有效命名的民族团结进步示范单位${targets.has(region) ? `，${year}年目标` : ""}`,
      "家",
      { source: rows, tag: "n", rows: () => rows.map((r) => ({ code: r.regionCode, n: r.n })) },
      (code) => qs("/creation/designations", { live: "true", regionCode: code }),
      targets.get(region) ?? null,
    );
  }
  if (covers(ctx, "base:read", region)) {
    const q = { status: "active" as const, regionCode: rc };
    const rows = await cached(ctx, "bases", q, async (c) =>
      (await baseCountsByRegion(c, q)).map((r) => ({ key: r.regionCode, n: r.n, overdue: 0 })),
    );
    count(
      "bases",
      "教育基地",
      "在册的民族团结进步教育基地",
      "个",
      { source: rows, tag: "n", rows: () => rows.map((r) => ({ code: r.key, n: r.n })) },
      (code) => qs("/bases", { status: "active", regionCode: code }),
    );
  }
  if (covers(ctx, "honor:read", region)) {
    const rows = await cached(ctx, "honors", rc, (c) => awardCountsByRegion(c, { status: "active", regionCode: rc }));
    count(
      "honors",
      "表彰",
      "有效的表彰荣誉（集体和个人）",
      "项",
      { source: rows, tag: "n", rows: () => rows.map((r) => ({ code: r.regionCode, n: r.n })) },
      (code) => qs("/honors/awards", { status: "active", regionCode: code }),
    );
  }
  if (covers(ctx, "activity:read", region)) {
    const q = { status: "confirmed" as const, year, regionCode: rc };
    const rows = await cached(ctx, "activities", [q, "region"], async (c) =>
      (await activityCounts(c, q, "region")).map((r) => ({ ...r, overdue: 0 })),
    );
    count(
      "activitiesYear",
      "本年活动",
      `${year}年开展并经确认的创建活动`,
      "场",
      { source: rows, tag: "n", rows: () => rows.map((r) => ({ code: r.key, n: r.n })) },
      (code) => qs("/activities", { status: "confirmed", year: String(year), regionCode: code }),
    );
  }
  if (covers(ctx, "service:read", region)) {
    const q = { view: "all" as const, open: "true" as const, regionCode: rc };
    const rows = await cached(ctx, "services", [q, "region"], (c) => requestCounts(c, q, "region"));
    count(
      "servicesOpen",
      "在办服务申请",
      "已受理、已转办或已接收，尚未答复的服务申请",
      "件",
      { source: rows, tag: "n", rows: () => rows.map((r) => ({ code: r.key, n: r.n })) },
      (code) => qs("/services/requests", { view: "all", open: "true", regionCode: code }),
    );
    count(
      "servicesOverdue",
      "逾期服务申请",
      "超过受理或答复期限仍未办理的服务申请",
      "件",
      { source: rows, tag: "overdue", rows: () => rows.map((r) => ({ code: r.key, n: r.overdue })) },
      (code) => qs("/services/requests", { view: "all", overdue: "true", regionCode: code }),
    );
  }
  const risk: DashboardView["risk"] = [];
  if (covers(ctx, "disputes:read", region)) {
    const rows = await cached(ctx, "disputes", [rc, "open"], (c) =>
      caseCounts(c, { open: true, regionCode: rc }, "region"),
    );
    count(
      "disputesOpen",
      "在办矛盾纠纷",
      "已登记或调解中的矛盾纠纷",
      "件",
      { source: rows, tag: "n", rows: () => rows.map((r) => ({ code: r.key, n: r.n })) },
      (code) => qs("/disputes", { open: "true", regionCode: code }),
    );
    for (const level of ["major", "serious", "general"] as RiskLevel[])
      risk.push({
        key: level,
        label: RISK_LABELS[level],
        value: rows.filter((r) => r.riskLevel === level).reduce((s, r) => s + r.n, 0),
        href: qs("/disputes", { open: "true", riskLevel: level, regionCode: rc }),
      });
  }
  if (covers(ctx, "plan:read", region)) {
    const plan = await homePlan(ctx, region ? { kind: "region", code: region } : { kind: "all" });
    if (plan) {
      const rollup = await computeRollup(ctx, plan.id);
      figures.push({
        key: "planCompletion",
        label: "规划完成度",
        note: plan.title,
        unit: "%",
        value: rollup.summary.completion,
        target: null,
        href: `/plans/${plan.id}?tab=rollup`,
      });
      const by: Fold = new Map();
      for (const r of rollup.byRegion)
        if (r.completion !== null && r.regionCode.length > region.length && (!depth || r.regionCode.length === depth))
          by.set(r.regionCode, r.completion);
      perRegion.set("planCompletion", { by, href: () => `/plans/${plan.id}?tab=rollup` });
    }
  }
  if (covers(ctx, "disputes:read", region)) {
    const all = await compliance(ctx, { kind: "zero", regionCode: region });
    const last = all.periods[all.periods.length - 1];
    if (last) {
      const c = await compliance(ctx, { kind: "zero", regionCode: region, from: last, to: last });
      const pct = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);
      figures.push({
        key: "zeroReporting",
        label: "零报告报告率",
        note: `${last}期应报${c.expected}份，已报${c.received}份`,
        unit: "%",
        value: pct(c.reportingRate),
        target: null,
        href: "/disputes?tab=compliance",
      });
      const by: Fold = new Map();
      for (const ch of c.children) {
        const v = pct(ch.reportingRate);
        if (v !== null && ch.regionCode !== region && (!depth || ch.regionCode.length === depth))
          by.set(ch.regionCode, v);
      }
      perRegion.set("zeroReporting", { by, href: () => "/disputes?tab=compliance" });
    }
  }

  // Trends: the last 12 months, each series the caller may read.
  const months = Array.from({ length: 12 }, (_, i) => addMonths(`${today.slice(0, 7)}-01`, i - 11).slice(0, 7));
  const first = `${months[0]}-01`;
  const series: DashboardView["trends"]["series"] = [];
  const byMonth = (rows: { key: string; n: number }[]) => {
    const m = new Map(rows.map((r) => [r.key, r.n]));
    return months.map((k) => m.get(k) ?? 0);
  };
  // Each month's point opens its list: the series' filters, the level's region, and that month's first and last day.
  const monthHrefs = (href: (from: string, to: string) => string) =>
    months.map((k) => href(`${k}-01`, addDays(addMonths(`${k}-01`, 1), -1)));
  if (covers(ctx, "activity:read", region)) {
    const q = { status: "confirmed" as const, regionCode: rc, startFrom: first };
    const rows = await cached(ctx, "activities", [q, "month"], async (c) =>
      (await activityCounts(c, q, "month")).map((r) => ({ ...r, overdue: 0 })),
    );
    series.push({
      key: "activities",
      label: "活动",
      values: byMonth(rows),
      hrefs: monthHrefs((from, to) =>
        qs("/activities", { status: "confirmed", regionCode: rc, startFrom: from, startTo: to }),
      ),
    });
  }
  if (covers(ctx, "service:read", region)) {
    const q = { view: "all" as const, regionCode: rc };
    const rows = await cached(ctx, "services", [q, "month"], (c) => requestCounts(c, q, "month"));
    series.push({
      key: "services",
      label: "服务申请",
      values: byMonth(rows),
      hrefs: monthHrefs((from, to) =>
        qs("/services/requests", { view: "all", regionCode: rc, createdFrom: from, createdTo: to }),
      ),
    });
  }
  if (covers(ctx, "disputes:read", region))
    series.push({
      key: "disputes",
      label: "矛盾纠纷",
      values: byMonth(
        await cached(ctx, "disputes", [rc, first, "month"], (c) =>
          caseCounts(c, { regionCode: rc, from: first }, "month"),
        ),
      ),
      hrefs: monthHrefs((from, to) => qs("/disputes", { regionCode: rc, from, to })),
    });

  // The regions below (and the level's own units where they count anything): the ranking and the tile map.
  const regionKeys = figures.map((f) => f.key).filter((k) => perRegion.has(k));
  const codes = children.map((c) => c.code);
  const ownUnits = !depth && regionKeys.some((k) => perRegion.get(k)?.by.get(region));
  const regions: DashboardRegion[] = (ownUnits && region ? [region, ...codes] : codes).map((code) => {
    const values: DashboardRegion["values"] = {};
    const hrefs: DashboardRegion["hrefs"] = {};
    for (const k of regionKeys) {
      const p = perRegion.get(k);
      if (!p) continue;
      values[k] = p.by.get(code) ?? (k === "planCompletion" || k === "zeroReporting" ? null : 0);
      hrefs[k] = p.href(code);
    }
    const name = children.find((c) => c.code === code)?.name;
    return {
      regionCode: code,
      regionName: name ?? `${here?.name ?? ""}本级`,
      lower: code !== region,
      values,
      hrefs,
    };
  });

  const pathCodes = here ? [...here.ancestors.map((a) => a.code), region].filter((c) => c.length >= root.length) : [];
  const names = await regionNames(db, pathCodes);
  // The licensed map of the regions below, when an administrator loaded one (地图数据); else the tile view.
  const map = children.length && !depth ? await regionMapFor(db, region) : null;
  return {
    regionCode: region,
    regionName: here?.name ?? "全部区划",
    path: pathCodes
      .filter((c) => c !== region && (root === "" || c.startsWith(root)))
      .map((c) => ({ regionCode: c, regionName: names.get(c) ?? c })),
    year,
    asOf: now.toISOString(),
    figures,
    risk,
    trends: { months, series },
    regionKeys,
    regions,
    map: map && {
      approvalNo: map.approvalNo,
      source: map.source,
      level: map.level,
      count: map.count,
      url: `/api/insights/map?${new URLSearchParams({ ...(region ? { regionCode: region } : {}), v: map.version })}`,
    },
  };
}
