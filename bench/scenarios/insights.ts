/**
 * The console home page's figures (GET /api/home): applications by stage, named units by lower region, the plan's
 * completion by chapter and unit, and the overdue to-dos of both modules, all computed live within the caller's
 * scope over the creation and plans modules' generated data (this file generates nothing of its own).
 */
import { dashboard } from "../../server/modules/insights/dashboard.service.js";
import { homeFigures } from "../../server/modules/insights/home.service.js";
import { replaySqlOf } from "../sql.js";
import type { BenchActors, BenchModule, Scenario } from "../types.js";

type Svc = NonNullable<Scenario["service"]>;
const as = (actors: BenchActors, who: "city" | "province") => actors[who]!.actor;

const homeCity: Svc = (deps, actors) => homeFigures({ ...deps, actor: as(actors, "city") });
const homeProvince: Svc = (deps, actors) => homeFigures({ ...deps, actor: as(actors, "province") });
const dashboardProvince: Svc = (deps, actors) => dashboard({ ...deps, actor: as(actors, "province") }, {});
const countiesProvince: Svc = (deps, actors) =>
  dashboard({ ...deps, actor: as(actors, "province") }, { rankLevel: "county" });

export const benchModule: BenchModule = {
  name: "insights",
  scenarios: [
    {
      name: "home-figures-city",
      description:
        "GET /api/home as bench_city — 通辽's home figures: applications by stage, designations by 旗县, plan roll-up, overdue to-dos",
      method: "GET",
      path: "/api/home",
      as: "city",
      service: homeCity,
      raw: replaySqlOf(homeCity),
    },
    {
      name: "home-figures-province",
      description: "GET /api/home as bench_province — the same over the whole province (designations by 盟市)",
      method: "GET",
      path: "/api/home",
      as: "province",
      service: homeProvince,
      raw: replaySqlOf(homeProvince),
    },
    {
      name: "insights-dashboard-province",
      description:
        "GET /api/insights/dashboard as bench_province — the province's 驾驶舱: every figure of every module, the 12-month trends and the ranking of all 盟市 in one request",
      method: "GET",
      path: "/api/insights/dashboard",
      as: "province",
      service: dashboardProvince,
      raw: replaySqlOf(dashboardProvince),
    },
    {
      name: "insights-ranking-counties-province",
      description:
        "GET /api/insights/dashboard?rankLevel=county as bench_province — the province's 驾驶舱 with the ranking of all 旗县 (every figure by 旗县, from the same grouped counts)",
      method: "GET",
      path: "/api/insights/dashboard?rankLevel=county",
      as: "province",
      service: countiesProvince,
      raw: replaySqlOf(countiesProvince),
    },
  ],
};
