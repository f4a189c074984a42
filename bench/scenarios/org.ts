import { orgListQuery, regionQuery } from "../../contracts/org.js";
import { listOrgs } from "../../server/modules/org/org.service.js";
import { childRegions, searchRegions } from "../../server/modules/org/region.service.js";
import { replaySqlOf } from "../sql.js";
import type { BenchModule, Scenario } from "../types.js";

const orgsCity: Scenario["service"] = (deps, actors) =>
  listOrgs({ ...deps, actor: actors.city.actor }, orgListQuery.parse({ pageSize: "20" }));
const orgsAdmin: Scenario["service"] = (deps, actors) =>
  listOrgs({ ...deps, actor: actors.admin.actor }, orgListQuery.parse({ pageSize: "20" }));
/** Full-text search (core/search.ts) with a 1-, 2- and 4-character query: a unigram, a bigram, a bigram phrase. */
const SEARCHES = [
  { name: "orgs-search-1", q: "旗" },
  { name: "orgs-search-2", q: "嘎查" },
  { name: "orgs-search-4", q: "甘旗卡镇" },
];
const orgSearch =
  (q: string): Scenario["service"] =>
  (deps, actors) =>
    listOrgs({ ...deps, actor: actors.city.actor }, orgListQuery.parse({ pageSize: "20", q }));
const children: Scenario["service"] = (deps) => childRegions(deps.db, "150522");
const SEARCH = "嘎查";
const search: Scenario["service"] = (deps) => {
  const q = regionQuery.parse({ q: SEARCH });
  return searchRegions(deps.db, q.q!, q.limit, q.parent);
};

export const benchModule: BenchModule = {
  name: "org",
  scenarios: [
    {
      name: "orgs-city",
      description:
        "GET /api/orgs?pageSize=20 as bench_city — the scoped list (region_code range 1505…150599999999): page + count (up to 10,000)",
      method: "GET",
      path: "/api/orgs?pageSize=20",
      as: "city",
      service: orgsCity,
      raw: replaySqlOf(orgsCity!, { parallel: true }),
    },
    {
      name: "orgs-admin",
      description:
        "GET /api/orgs?pageSize=20 as bench_admin — unscoped list over every organization: page + count (up to 10,000, then 超过 10,000 条)",
      method: "GET",
      path: "/api/orgs?pageSize=20",
      as: "admin",
      service: orgsAdmin,
      raw: replaySqlOf(orgsAdmin!, { parallel: true }),
    },
    ...SEARCHES.map(({ name, q }): Scenario => {
      const service = orgSearch(q);
      return {
        name,
        description: `GET /api/orgs?q=${q} as bench_city — full-text search (jieba + Han bigrams, GIN) in the scoped list: page + count (up to 10,000)`,
        method: "GET",
        path: `/api/orgs?pageSize=20&q=${encodeURIComponent(q)}`,
        as: "city",
        service,
        raw: replaySqlOf(service!, { parallel: true }),
      };
    }),
    {
      name: "regions-children",
      description:
        "GET /api/regions?parent=150522 as bench_city — the towns of 科尔沁左翼后旗 (served from the in-memory division tree: no SQL)",
      method: "GET",
      path: "/api/regions?parent=150522",
      as: "city",
      service: children,
    },
    {
      name: "regions-search",
      description: `GET /api/regions?q=${SEARCH} as bench_city — name search over the in-memory division tree (no SQL)`,
      method: "GET",
      path: `/api/regions?q=${encodeURIComponent(SEARCH)}`,
      as: "city",
      service: search,
    },
  ],
};
