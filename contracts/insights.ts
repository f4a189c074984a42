import { z } from "zod";
import { regionCode } from "./common.js";

/**
 * The console home page's figures (GET /api/home): each a chart the caller's role can use, computed by the server
 * within the caller's data scope. A bar opens the list behind it: `href` is a console path with the list's filter.
 */
export const homeFigureItem = z.object({
  label: z.string(),
  value: z.number(),
  href: z.string().nullable(),
});

export const HOME_FIGURE_KEYS = [
  "applicationsByStage",
  "namedByRegion",
  "planByChapter",
  "planByUnit",
  "overdue",
  "myScoring",
] as const;
export const homeFigureKey = z.enum(HOME_FIGURE_KEYS);
export type HomeFigureKey = z.infer<typeof homeFigureKey>;

export const homeFigure = z.object({
  key: homeFigureKey,
  title: z.string(),
  /** What the figure counts over, in words ("2021—2025年科左后旗…规划", "通辽市及下级"). */
  subtitle: z.string(),
  chart: z.enum(["bar", "pie"]),
  /** The value's unit: 个, 家, %, 项 … */
  unit: z.string(),
  /** Where "查看全部" goes, when the figure has one list behind it. */
  href: z.string().nullable(),
  items: z.array(homeFigureItem),
});
export type HomeFigure = z.infer<typeof homeFigure>;

export const homeView = z.object({ figures: z.array(homeFigure) });
export type HomeView = z.infer<typeof homeView>;

/**
 * The leaders' dashboard (驾驶舱, GET /api/insights/dashboard): one level's figures, within the caller's scope, each
 * only when the caller may read its module. A count's `href` opens the console list (with its filters) whose total
 * is the figure; a rate or a completion opens the page it comes from.
 */
/** The levels a ranking may list below the dashboard's level, by code length. */
export const RANK_LEVELS = {
  city: { label: "盟市", length: 4 },
  county: { label: "旗县", length: 6 },
  town: { label: "苏木乡镇", length: 9 },
} as const;
export type RankLevel = keyof typeof RANK_LEVELS;

export const dashboardQuery = z.object({
  /** The region to look at: the caller's scope root when omitted, or a region below it (drill-down). */
  regionCode: regionCode.optional(),
  /**
   * The ranking lists every region of this level below the region (the province's ranking of all 旗县) instead of
   * the regions one level below; units above that level (a 盟市's own units) are in the figures, not the ranking.
   */
  rankLevel: z
    .enum(["city", "county", "town"], { message: "应为 city（盟市）、county（旗县）或 town（苏木乡镇）" })
    .optional(),
});

export const DASHBOARD_KEYS = [
  "named",
  "bases",
  "honors",
  "activitiesYear",
  "planCompletion",
  "zeroReporting",
  "servicesOpen",
  "servicesOverdue",
  "disputesOpen",
] as const;
/** GET /api/insights/map: the lower regions' boundaries of a level; `v` is the map's version (for the cache). */
export const dashboardMapQuery = dashboardQuery.pick({ regionCode: true }).extend({
  v: z
    .string()
    .regex(/^[0-9a-f-]{36}\.\d{1,15}$/, { message: "应为驾驶舱给出的地图版本" })
    .optional(),
});

export const dashboardKey = z.enum(DASHBOARD_KEYS);
export type DashboardKey = z.infer<typeof dashboardKey>;

export const dashboardFigure = z.object({
  key: dashboardKey,
  label: z.string(),
  /** What it counts, in words. */
  note: z.string(),
  value: z.number().nullable(),
  unit: z.string(),
  /** The target set for this level and year (示范单位), when there is one. */
  target: z.number().nullable(),
  href: z.string().nullable(),
});
export type DashboardFigure = z.infer<typeof dashboardFigure>;

export const dashboardItem = z.object({
  key: z.string(),
  label: z.string(),
  value: z.number(),
  href: z.string().nullable(),
});

export const dashboardRegion = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  /** Whether it is a region below (drill into it) rather than the level's own units (本级). */
  lower: z.boolean(),
  values: z.partialRecord(dashboardKey, z.number().nullable()),
  hrefs: z.partialRecord(dashboardKey, z.string().nullable()),
});
export type DashboardRegion = z.infer<typeof dashboardRegion>;

export const dashboardSeries = z.object({
  key: z.string(),
  label: z.string(),
  values: z.array(z.number()),
  /** Per month, the console list whose total is that month's figure. */
  hrefs: z.array(z.string()),
});

export const dashboardView = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  /** Levels above within the caller's scope, from the scope root down (the way back up). */
  path: z.array(z.object({ regionCode: z.string(), regionName: z.string() })),
  year: z.number(),
  asOf: z.string(),
  figures: z.array(dashboardFigure),
  /** Open disputes by risk level. */
  risk: z.array(dashboardItem),
  /** The last 12 months (YYYY-MM) and a count per month of each series the caller may read. */
  trends: z.object({ months: z.array(z.string()), series: z.array(dashboardSeries) }),
  /** The figures that have a value per lower region (columns of the ranking and choices of the map). */
  regionKeys: z.array(dashboardKey),
  regions: z.array(dashboardRegion),
  /**
   * The licensed map of the lower regions an administrator loaded (地图数据), or null: the tile view. `url` reads
   * its GeoJSON (GET /api/insights/map), `approvalNo` (审图号) is shown under the map.
   */
  map: z
    .object({ approvalNo: z.string(), source: z.string(), level: z.string(), count: z.number(), url: z.string() })
    .nullable(),
});
export type DashboardView = z.infer<typeof dashboardView>;
