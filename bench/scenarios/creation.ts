/**
 * 示范创建 at scale (PRODUCT.md §3: banner 2k designations, province 15k).
 *
 * Generated: designations of the scale's organizations spread over the region tree, the "8+N进" categories
 * (from each unit's type) and the four naming levels (county 55%, city 30%, region 12%, national 3%), named
 * between 2019 and this year — so about a third have expired, 3% are revoked and those ending within six
 * months are under 复验; targets for the autonomous region, every 盟市 and every 旗县 (levels × two years);
 * one indicator set, a city-level batch per 盟市 with applications and their self-assessment sheets; and one
 * application of 通辽 with the full record (5 experts' submitted sheets, self-assessment, site visit, 审核记录).
 * A department user of the autonomous region, bench_province (scope 15 and below), reads "the whole province".
 *
 * Scenarios (all computed live from the tables, no pre-aggregation):
 * - the designation list, whole province and 通辽;
 * - the "8+N进" coverage matrix of the whole province (categories × 盟市) and of 通辽 (× 旗县);
 * - target progress of the whole province (the first 200 targets with their live counts);
 * - an application's detail with its score sheets;
 * - the public directory of named units.
 */
import { and, eq, sql } from "drizzle-orm";
import {
  designationListQuery,
  LEVEL_CERT_CODES,
  LEVEL_REGION_LENGTH,
  type NamingLevel,
  publicUnitQuery,
  targetListQuery,
} from "../../contracts/creation.js";
import type { Deps } from "../../server/core/context.js";
import { getApplication } from "../../server/modules/creation/application-view.service.js";
import {
  creationApplicationEvents,
  creationApplications,
  creationBatches,
  creationDesignations,
  creationExpertAssignments,
  creationSiteVisits,
  creationTargets,
} from "../../server/modules/creation/creation.schema.js";
import { addMonths, shanghaiDate, validUntilOf } from "../../server/modules/creation/dates.js";
import { listDesignations } from "../../server/modules/creation/designation.service.js";
import { listPublicUnits } from "../../server/modules/creation/directory.service.js";
import { coverage, listTargets } from "../../server/modules/creation/target.service.js";
import { VILLAGE_SET } from "../../server/modules/evaluation/evaluation.fixtures.js";
import { indicatorSets, scoreSheets } from "../../server/modules/evaluation/evaluation.schema.js";
import { normalizeIndicatorTree, scoreSheet } from "../../server/modules/evaluation/scoring.js";
import { roles, userRoles, users } from "../../server/modules/identity/identity.schema.js";
import { orgs, regions } from "../../server/modules/org/org.schema.js";
import type { Rng } from "../prng.js";
import { replaySqlOf } from "../sql.js";
import type { BenchActors, BenchData, BenchModule, Scenario } from "../types.js";

const BATCH = 1000;
const DESIGNATIONS = { banner: 2_000, province: 15_000 } as const;
const APPLICATIONS = { banner: 300, province: 3_000 } as const;

async function insertBatches<T>(items: T[], write: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += BATCH) await write(items.slice(i, i + BATCH));
}

/** The "8+N进" category a unit of this type is named in (area categories for governments, sometimes). */
function categoryOf(rng: Rng, type: string, regionLength: number): string {
  switch (type) {
    case "party_gov":
      if (rng.chance(0.15)) return regionLength === 4 ? "area_city" : regionLength === 6 ? "area_county" : "area_town";
      return "organ";
    case "school":
      return "school";
    case "enterprise":
      return rng.chance(0.1) ? "scenic_area" : "enterprise";
    case "village_org":
      return "village";
    case "religious_site":
      return "religious_site";
    case "military":
      return "military";
    case "institution":
      return rng.weighted([
        ["hospital", 40],
        ["organ", 40],
        ["network", 20],
      ] as const);
    default:
      return rng.weighted([
        ["other", 60],
        ["network", 20],
        ["scenic_area", 20],
      ] as const);
  }
}

function randomDate(rng: Rng, from: string, to: string): string {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return new Date(a + rng.int(Math.floor((b - a) / 86_400_000) + 1) * 86_400_000).toISOString().slice(0, 10);
}

/** Entries of VILLAGE_SET adding up to `total` (25–100). */
function entriesFor(total: number) {
  let rest = Math.round((total - 25) * 10);
  const scored = ["1.1", "2.1", "4.1", "5.1"].map((code) => {
    const take = Math.min(code === "5.1" ? 150 : 200, rest);
    rest -= take;
    return { nodeCode: code, score: take / 10, comment: "台账齐全" };
  });
  return [
    ...scored,
    { nodeCode: "1.2", grade: "A" },
    { nodeCode: "3.1", answer: "yes" },
    { nodeCode: "5.2", answer: "yes" },
  ];
}

async function generate(deps: Deps, rng: Rng, data: BenchData) {
  const db = deps.db;
  const scale = data.scale.name;
  const today = shanghaiDate(new Date());
  const year = Number(today.slice(0, 4));
  const now = new Date();

  // bench_province: the autonomous region's 民族工作部门 (scope 15 and below), same password as the others.
  const [province] = await db
    .insert(orgs)
    .values({
      id: rng.uuid(),
      name: "内蒙古自治区民族事务委员会（基准测试）",
      type: "party_gov",
      regionCode: "15",
      isEthnicAffairsDept: true,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: orgs.id });
  const [cityUser] = await db
    .select({ hash: users.passwordHash })
    .from(users)
    .where(eq(users.id, String(data.extra.cityUserId)));
  const provinceUserId = rng.uuid();
  await db.insert(users).values({
    id: provinceUserId,
    username: "bench_province",
    displayName: "自治区民委基准测试",
    orgId: province.id,
    regionCode: "15",
    passwordHash: cityUser.hash,
    passwordChangedAt: now,
    mustChangePassword: false,
  });
  const [{ id: roleId }] = await db.select({ id: roles.id }).from(roles).where(eq(roles.code, "ethnic_affairs_admin"));
  await db.insert(userRoles).values({ userId: provinceUserId, roleId });
  data.extra.provinceUserId = provinceUserId;

  const units = await db
    .select({ id: orgs.id, name: orgs.name, regionCode: orgs.regionCode, type: orgs.type })
    .from(orgs)
    .where(and(eq(orgs.status, "active"), eq(orgs.isEthnicAffairsDept, false)))
    .orderBy(orgs.id);

  // ---- designations
  const levels: [NamingLevel, number][] = [
    ["county", 55],
    ["city", 30],
    ["region", 12],
    ["national", 3],
  ];
  const rows: (typeof creationDesignations.$inferInsert)[] = [];
  const horizon = addMonths(today, 6);
  for (let i = 0; rows.length < DESIGNATIONS[scale]; i++) {
    const unit = rng.pick(units);
    const level = rng.weighted(levels);
    const issuerLength = LEVEL_REGION_LENGTH[level];
    if (unit.regionCode.length < issuerLength) continue;
    const namedOn = randomDate(rng, "2019-01-01", `${year}-06-30`);
    const validUntil = validUntilOf(namedOn, 5);
    const issuer = unit.regionCode.slice(0, issuerLength);
    const status = rng.chance(0.03)
      ? "revoked"
      : validUntil < today
        ? "expired"
        : validUntil <= horizon
          ? "reverifying"
          : "valid";
    rows.push({
      id: rng.uuid(),
      orgId: unit.id,
      unitName: unit.name,
      regionCode: unit.regionCode,
      category: categoryOf(rng, unit.type, unit.regionCode.length),
      level,
      issuerRegionCode: issuer,
      certificateNo: `${namedOn.slice(0, 4)}-${LEVEL_CERT_CODES[level]}-${issuer}-${String(i + 1).padStart(5, "0")}`,
      docNumber: `民委发〔${namedOn.slice(0, 4)}〕${1 + rng.int(60)}号`,
      namedOn,
      validFrom: namedOn,
      validUntil,
      status,
      revokedAt: status === "revoked" ? now : null,
      revokeReason: status === "revoked" ? "other" : null,
      createdAt: now,
      updatedAt: now,
    });
  }
  await insertBatches(rows, (b) => db.insert(creationDesignations).values(b));

  // ---- targets: the region, every 盟市 and 旗县 of the scale's tree, for last year and this year
  const places = await db
    .select({ code: regions.code, level: regions.level })
    .from(regions)
    .where(sql`${regions.level} <= 3 AND (${regions.code} LIKE ${`${data.scale.root.slice(0, 2)}%`})`);
  const targets: (typeof creationTargets.$inferInsert)[] = [];
  for (const p of places) {
    const lv: NamingLevel[] =
      p.level === 1 ? ["national", "region"] : p.level === 2 ? ["national", "region", "city"] : ["city", "county"];
    for (const y of [year - 1, year])
      for (const level of lv)
        targets.push({
          regionCode: p.code,
          level,
          year: y,
          category: "",
          targetCount: 5 + rng.int(200),
          orgId: province.id,
          createdBy: provinceUserId,
          createdAt: now,
          updatedAt: now,
        });
  }
  await insertBatches(targets, (b) => db.insert(creationTargets).values(b));

  // ---- one indicator set, a city batch per 盟市, applications with self-assessments
  const nodes = normalizeIndicatorTree(VILLAGE_SET.nodes);
  const setId = rng.uuid();
  await db.insert(indicatorSets).values({
    id: setId,
    familyId: rng.uuid(),
    version: 1,
    versionLabel: VILLAGE_SET.versionLabel,
    name: VILLAGE_SET.name,
    categories: [],
    levels: ["city", "county"],
    total: 100,
    passLine: 90,
    gradeScale: VILLAGE_SET.gradeScale,
    nodes,
    status: "published",
    ownerOrgId: province.id,
    regionCode: "15",
    publishedAt: now,
  });
  const setLike = { total: 100, passLine: 90, gradeScale: VILLAGE_SET.gradeScale, nodes };
  const cities = places.filter((p) => p.level === 2).map((p) => p.code);
  const batchIds = new Map<string, string>();
  for (const city of cities) {
    const id = rng.uuid();
    batchIds.set(city, id);
    await db.insert(creationBatches).values({
      id,
      name: `${year}年度盟市级民族团结进步示范单位（${city}）`,
      year,
      level: "city",
      categories: ["organ", "enterprise", "village", "school", "religious_site", "hospital", "other"],
      setId,
      submitDeadline: `${year}-12-31`,
      status: "open",
      organiserOrgId: province.id,
      regionCode: city,
      createdBy: provinceUserId,
    });
  }
  const applicants = units.filter((u) => u.regionCode.length >= 4 && batchIds.has(u.regionCode.slice(0, 4)));
  const taken = new Set<string>();
  const apps: (typeof creationApplications.$inferInsert)[] = [];
  const sheets: (typeof scoreSheets.$inferInsert)[] = [];
  const statuses = ["reviewing", "accepted", "evaluating", "approved", "publicized", "named", "rejected"] as const;
  while (apps.length < APPLICATIONS[scale] && taken.size < applicants.length) {
    const unit = rng.pick(applicants);
    if (taken.has(unit.id)) continue;
    taken.add(unit.id);
    const id = rng.uuid();
    const selfId = rng.uuid();
    const total = 90 + rng.int(100) / 10;
    const entries = entriesFor(total);
    const score = scoreSheet(setLike, entries);
    const city = unit.regionCode.slice(0, 4);
    const status = rng.pick(statuses);
    apps.push({
      id,
      batchId: batchIds.get(city)!,
      orgId: unit.id,
      regionCode: unit.regionCode,
      category: "village",
      level: "city",
      setId,
      statement: `${unit.name}创建工作总结`,
      status,
      reviewChain: [unit.regionCode.slice(0, 6), city].filter((c, i, a) => a.indexOf(c) === i),
      reviewIndex: 0,
      reviewLevelCode: status === "reviewing" ? unit.regionCode.slice(0, 6) : null,
      selfSheetId: selfId,
      createdBy: provinceUserId,
      submittedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    sheets.push({
      id: selfId,
      setId,
      kind: "self",
      subjectType: "creation_application",
      subjectId: id,
      ownerOrgId: unit.id,
      regionCode: unit.regionCode,
      status: "submitted",
      entries,
      total: score.total,
      submittedAt: now,
      createdAt: now,
      updatedAt: now,
    });
  }
  await insertBatches(apps, (b) => db.insert(creationApplications).values(b));
  await insertBatches(sheets, (b) => db.insert(scoreSheets).values(b));

  // ---- the application of 通辽 with its full record
  const target = apps.find((a) => a.regionCode?.startsWith("1505"))!;
  const experts = data.userIds.slice(0, 5);
  const totals = [95, 93.5, 92, 91, 88];
  await db
    .update(creationApplications)
    .set({ status: "approved", finalScore: 92.17, finalMethod: "trimmed_mean", passed: true, decidedAt: now })
    .where(eq(creationApplications.id, target.id!));
  for (const [i, userId] of experts.entries()) {
    const sheetId = rng.uuid();
    const entries = entriesFor(totals[i]);
    await db.insert(scoreSheets).values({
      id: sheetId,
      setId,
      kind: "expert",
      subjectType: "creation_application",
      subjectId: target.id!,
      ownerUserId: userId,
      ownerOrgId: target.orgId!,
      regionCode: target.regionCode!,
      status: "submitted",
      entries,
      total: totals[i],
      submittedAt: now,
    });
    await db.insert(creationExpertAssignments).values({
      applicationId: target.id!,
      userId,
      sheetId,
      assignedBy: provinceUserId,
      assignedAt: now,
    });
  }
  await db.insert(creationSiteVisits).values({
    applicationId: target.id!,
    visitedOn: today,
    members: "宝音、其木格、王建国",
    notes: "实地查看了党群服务中心和宣传阵地。",
    recordedBy: provinceUserId,
  });
  for (const action of [
    "create",
    "submit",
    "recommend",
    "return",
    "update",
    "submit",
    "recommend",
    "accept",
    "assign_experts",
    "site_visit",
    "finalize",
  ])
    await db.insert(creationApplicationEvents).values({
      applicationId: target.id!,
      action,
      levelCode: target.regionCode!.slice(0, 6),
      actorName: "基准测试",
      at: now,
    });
  data.extra.creationAppId = target.id;
  data.counts.designations = rows.length;
  data.counts.creationTargets = targets.length;
  data.counts.creationApplications = apps.length;
}

type Svc = NonNullable<Scenario["service"]>;
const as = (actors: BenchActors, who: "city" | "province") => actors[who]!.actor;

const designationsProvince: Svc = (deps, actors) =>
  listDesignations({ ...deps, actor: as(actors, "province") }, designationListQuery.parse({ pageSize: "20" }));
const designationsCity: Svc = (deps, actors) =>
  listDesignations({ ...deps, actor: as(actors, "city") }, designationListQuery.parse({ pageSize: "20" }));
const coverageProvince: Svc = (deps, actors) =>
  coverage({ ...deps, actor: as(actors, "province") }, { regionCode: "15" });
const coverageCity: Svc = (deps, actors) => coverage({ ...deps, actor: as(actors, "city") }, { regionCode: "1505" });
const targetsProvince: Svc = (deps, actors) =>
  listTargets({ ...deps, actor: as(actors, "province") }, targetListQuery.parse({ regionCode: "15", pageSize: "200" }));
const applicationDetail: Svc = (deps, actors, data) =>
  getApplication({ ...deps, actor: as(actors, "city") }, String(data.extra.creationAppId));
const publicUnits: Svc = (deps) => listPublicUnits(deps, publicUnitQuery.parse({ pageSize: "20", regionCode: "15" }));

export const benchModule: BenchModule = {
  name: "creation",
  generate,
  scenarios: [
    {
      name: "creation-designations-province",
      description:
        "GET /api/creation/designations?pageSize=20 as bench_province — the whole province's designations (15k at province scale): page + count",
      method: "GET",
      path: "/api/creation/designations?pageSize=20",
      as: "province",
      service: designationsProvince,
      raw: replaySqlOf(designationsProvince, { parallel: true }),
    },
    {
      name: "creation-designations-city",
      description: "GET /api/creation/designations?pageSize=20 as bench_city — 通辽's designations: page + count",
      method: "GET",
      path: "/api/creation/designations?pageSize=20",
      as: "city",
      service: designationsCity,
      raw: replaySqlOf(designationsCity, { parallel: true }),
    },
    {
      name: "creation-coverage-province",
      description:
        "GET /api/creation/coverage?regionCode=15 as bench_province — “8+N进” matrix, categories × 12 盟市, live GROUP BY",
      method: "GET",
      path: "/api/creation/coverage?regionCode=15",
      as: "province",
      service: coverageProvince,
      raw: replaySqlOf(coverageProvince, { parallel: true }),
    },
    {
      name: "creation-coverage-city",
      description: "GET /api/creation/coverage?regionCode=1505 as bench_city — the matrix drilled into 通辽 (× 旗县)",
      method: "GET",
      path: "/api/creation/coverage?regionCode=1505",
      as: "city",
      service: coverageCity,
      raw: replaySqlOf(coverageCity, { parallel: true }),
    },
    {
      name: "creation-targets-province",
      description:
        "GET /api/creation/targets?regionCode=15&pageSize=200 as bench_province — 200 targets with live progress counts",
      method: "GET",
      path: "/api/creation/targets?regionCode=15&pageSize=200",
      as: "province",
      service: targetsProvince,
      raw: replaySqlOf(targetsProvince, { parallel: true }),
    },
    {
      name: "creation-application-detail",
      description:
        "GET /api/creation/applications/:id as bench_city — detail with self-assessment, 5 expert sheets, site visit, 审核记录",
      method: "GET",
      path: (data) => `/api/creation/applications/${String(data.extra.creationAppId)}`,
      as: "city",
      service: applicationDetail,
      raw: replaySqlOf(applicationDetail),
    },
    {
      name: "creation-public-units",
      description: "GET /api/public/creation/units?pageSize=20&regionCode=15 (no sign-in) — the named-units directory",
      method: "GET",
      path: "/api/public/creation/units?pageSize=20&regionCode=15",
      as: null,
      service: publicUnits,
      raw: replaySqlOf(publicUnits, { parallel: true }),
    },
  ],
};
