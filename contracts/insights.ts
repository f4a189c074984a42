import { z } from "zod";

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
