/**
 * 活动 at scale (issue 13: the province's statistics by month and type over 200,000 activities, a unit's list,
 * and the 七个一 completion of all schools).
 *
 * Activities over 2026 (province 200,000, banner 20,000; the SQL-snapshot test's tiny dataset 2,000) across the
 * scale's units (each placed in its organizer's region), every type and domain, September heavier (宣传月);
 * 85 % confirmed, the rest submitted, returned or drafts; participants as counts by group. One in 50 is organized by
 * bench_city's own organization (its list). Every school has 0–7 of its 七个一 items linked for 2026.
 *
 * Scenarios: GET /api/activity-stats?year=2026 as bench_province (whole province: by region, type, domain, month,
 * group), GET /api/activities?orgId=<bench_city's org> as bench_city (a unit's list, newest first), and
 * GET /api/activity-seven/completion?year=2026 as bench_province (all schools of the province).
 */
import { and, eq, sql } from "drizzle-orm";
import {
  ACTIVITY_DOMAINS,
  ACTIVITY_TYPES,
  PARTICIPANT_GROUPS,
  SEVEN_ITEMS,
} from "../../server/modules/activities/activities.dicts.js";
import { activityRecords, activitySchoolItems } from "../../server/modules/activities/activities.schema.js";
import { listActivities } from "../../server/modules/activities/record.service.js";
import { sevenCompletion } from "../../server/modules/activities/seven.service.js";
import { activityStats } from "../../server/modules/activities/stats.service.js";
import { orgs } from "../../server/modules/org/org.schema.js";
import type { Rng } from "../prng.js";
import { replaySqlOf } from "../sql.js";
import type { BenchData, BenchModule, Scenario } from "../types.js";

const BATCH = 2000;
const ACTIVITIES = { banner: 20_000, province: 200_000 } as const;
const YEAR = 2026;
const DAYS_BEFORE = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const STATUSES = ["submitted", "returned", "draft"] as const;

const pad = (n: number) => String(n).padStart(2, "0");

async function generate(deps: Parameters<NonNullable<BenchModule["generate"]>>[0], rng: Rng, data: BenchData) {
  const db = deps.db;
  const cityOrgId = String(data.extra.cityOrgId);
  const units = await db
    .select({ id: orgs.id, regionCode: orgs.regionCode, type: orgs.type })
    .from(orgs)
    .where(and(eq(orgs.status, "active"), eq(orgs.isEthnicAffairsDept, false)))
    .orderBy(orgs.id);
  const [city] = await db.select({ regionCode: orgs.regionCode }).from(orgs).where(eq(orgs.id, cityOrgId));
  const createdBy = String(data.extra.cityUserId ?? data.userIds[0]);
  const types = ACTIVITY_TYPES.map(([c]) => c);
  const domains = ACTIVITY_DOMAINS.map(([c]) => c);
  const groups = PARTICIPANT_GROUPS.map(([c]) => c);
  const total = data.scale.orgs < 1000 ? 2_000 : ACTIVITIES[data.scale.name];
  const ids: string[] = [];
  let rows: (typeof activityRecords.$inferInsert)[] = [];
  for (let i = 0; i < total; i++) {
    const mine = i % 50 === 0;
    const u = mine ? { id: cityOrgId, regionCode: city.regionCode } : units[rng.int(units.length)];
    // September (宣传月) holds about a fifth of the year's activities.
    const month = rng.int(5) === 0 ? 9 : 1 + rng.int(12);
    const d = 1 + rng.int(MONTH_DAYS[month - 1]);
    const startDate = `${YEAR}-${pad(month)}-${pad(d)}`;
    const roll = rng.int(20);
    const status = roll < 17 ? "confirmed" : STATUSES[roll - 17];
    const a = 5 + rng.int(200);
    const b = rng.int(60);
    const g1 = groups[rng.int(groups.length)];
    const g2 = groups[rng.int(groups.length)];
    const participants = g1 === g2 ? { [g1]: a + b } : { [g1]: a, [g2]: b };
    const id = rng.uuid();
    ids.push(id);
    const at = new Date(Date.UTC(YEAR, 0, 1) + (DAYS_BEFORE[month - 1] + d) * 86_400_000);
    rows.push({
      id,
      typeCode: types[rng.int(types.length)],
      domainCode: domains[rng.int(domains.length)],
      title: `基准测试活动 ${i + 1}`,
      startDate,
      endDate: startDate,
      regionCode: u.regionCode,
      address: "活动现场",
      orgId: u.id,
      participants,
      participantTotal: a + b,
      summary: "基准测试活动简介",
      status,
      confirmedAt: status === "confirmed" ? at : null,
      confirmedBy: status === "confirmed" ? createdBy : null,
      returnReason: status === "returned" ? "材料不全" : null,
      createdBy,
      createdAt: at,
      updatedAt: at,
    });
    if (rows.length >= BATCH) {
      await db.insert(activityRecords).values(rows);
      rows = [];
    }
  }
  if (rows.length) await db.insert(activityRecords).values(rows);

  // 七个一: every school has some of its items for the year linked to an activity.
  let links: (typeof activitySchoolItems.$inferInsert)[] = [];
  let linkCount = 0;
  for (const s of units.filter((x) => x.type === "school")) {
    const n = rng.int(SEVEN_ITEMS.length + 1);
    for (const [itemCode] of SEVEN_ITEMS.slice(0, n)) {
      links.push({
        schoolOrgId: s.id,
        regionCode: s.regionCode,
        year: YEAR,
        itemCode,
        activityId: ids[rng.int(ids.length)],
        linkedBy: createdBy,
      });
      linkCount++;
    }
    if (links.length >= BATCH) {
      await db.insert(activitySchoolItems).values(links);
      links = [];
    }
  }
  if (links.length) await db.insert(activitySchoolItems).values(links);
  await db.execute(sql`analyze activity_records`);
  await db.execute(sql`analyze activity_school_items`);
  data.counts.activities = total;
  data.counts.activitySchoolItems = linkCount;
}

const provinceActor = (actors: Parameters<NonNullable<Scenario["service"]>>[1]) => {
  if (!actors.province) throw new Error("bench_province 未生成");
  return actors.province.actor;
};
const provinceStats: Scenario["service"] = (deps, actors) =>
  activityStats({ ...deps, actor: provinceActor(actors) }, YEAR);
const unitList: Scenario["service"] = (deps, actors, data) =>
  listActivities({ ...deps, actor: actors.city.actor }, {
    orgId: String(data.extra.cityOrgId),
    page: 1,
    pageSize: 20,
  } as never);
const sevenAll: Scenario["service"] = (deps, actors) =>
  sevenCompletion({ ...deps, actor: provinceActor(actors) }, YEAR);

export const benchModule: BenchModule = {
  name: "activities",
  generate,
  scenarios: [
    {
      name: "activities-stats-province",
      description:
        "GET /api/activity-stats?year=2026 as bench_province — the province's confirmed activities and participants by 盟市, type, domain, month and group (200,000 activities at province scale)",
      method: "GET",
      path: `/api/activity-stats?year=${YEAR}`,
      as: "province",
      service: provinceStats,
      raw: replaySqlOf(provinceStats!),
    },
    {
      name: "activities-unit-list",
      description:
        "GET /api/activities?orgId=… as bench_city — its own organization's records (1 in 50), newest first, with photo flags",
      method: "GET",
      path: (data) => `/api/activities?orgId=${String(data.extra.cityOrgId)}&pageSize=20`,
      as: "city",
      service: unitList,
      raw: replaySqlOf(unitList!),
    },
    {
      name: "activities-seven-province",
      description:
        "GET /api/activity-seven/completion?year=2026 as bench_province — the 七个一 completion of every school in the province, by 盟市",
      method: "GET",
      path: `/api/activity-seven/completion?year=${YEAR}`,
      as: "province",
      service: sevenAll,
      raw: replaySqlOf(sevenAll!),
    },
  ],
};
