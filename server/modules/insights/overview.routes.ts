import { z } from "zod";
import { dashboardMapQuery, dashboardQuery, dashboardView, homeView } from "../../../contracts/insights.js";
import { can, scopeRoot, toScope, widestScope } from "../../core/access.js";
import type { Deps } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import { type App, ctxOf } from "../../core/http.js";
import { countUsers } from "../identity/index.js";
import { countOrgs, countRegions } from "../org/index.js";
import { regionMapFor, regionMapGeoJson } from "../system/index.js";
import { dashboard, levelOf } from "./dashboard.service.js";
import { homeFigures } from "./home.service.js";

const overview = z.object({
  regions: z.number(),
  orgs: z.number().nullable(),
  users: z.number().nullable(),
});

/** The console home page's figures: what exists within the caller's scope (null where they may not look). */
export function overviewRoutes(app: App, deps: Deps) {
  app.get(
    "/api/overview",
    {
      config: { signedIn: true },
      schema: { tags: ["统计"], summary: "首页概览：数据范围内的区划、机构、用户数", response: { 200: overview } },
    },
    async (req) => {
      const ctx = ctxOf(deps, req);
      const root = scopeRoot(toScope(ctx.actor, widestScope(ctx.actor)));
      const [regions, orgs, users] = await Promise.all([
        countRegions(deps.db, root || undefined),
        can(ctx.actor, "org:read") ? countOrgs(ctx) : null,
        can(ctx.actor, "user:read") ? countUsers(ctx) : null,
      ]);
      return { regions, orgs, users };
    },
  );
  app.get(
    "/api/home",
    {
      config: { signedIn: true },
      schema: {
        tags: ["统计"],
        summary: "首页图表：按角色给出申报进展、示范单位分布、规划完成度、逾期事项、我的测评任务（均在数据范围内）",
        response: { 200: homeView },
      },
    },
    async (req) => homeFigures(ctxOf(deps, req)),
  );
  app.get(
    "/api/insights/dashboard",
    {
      config: { signedIn: true },
      schema: {
        tags: ["统计"],
        summary:
          "驾驶舱：一个层级的示范单位、教育基地、表彰、活动、规划完成度、零报告、服务申请、矛盾纠纷，月度趋势和下级排名（各项须有该模块的查看权限，均在数据范围内）",
        querystring: dashboardQuery,
        response: { 200: dashboardView },
      },
    },
    async (req) => dashboard(ctxOf(deps, req), req.query),
  );
  app.get(
    "/api/insights/map",
    {
      config: { signedIn: true },
      schema: {
        tags: ["统计"],
        summary:
          "驾驶舱地图：一个层级（数据范围内）下级区划的边界，GeoJSON 要素集合（管理员加载的地图数据，属性为 code、name）；未加载为 404",
        querystring: dashboardMapQuery,
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(deps, req);
      const { region } = levelOf(ctx, req.query.regionCode);
      const info = await regionMapFor(deps.db, region);
      if (!info) throw errors.notFound("region_map");
      const etag = `"${info.version}"`;
      reply.header("cache-control", "private, no-cache").header("etag", etag);
      if (req.headers["if-none-match"] === etag) return reply.code(304).send();
      const body = await regionMapGeoJson(deps.db, region, info);
      return reply.header("content-type", "application/json; charset=utf-8").send(body);
    },
  );
}
