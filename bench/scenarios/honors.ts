/**
 * 表彰 at province scale (issue 12): one campaign of 通辽市民委 (bench_city's organization) with 5,000 nominations
 * from the generated organizations of 通辽 (personal fields encrypted like real ones, every stage represented),
 * and 2,000 active honors with public summaries for the deeds library (事迹库) full-text search.
 * Banner scale: 500 nominations, 200 honors.
 *
 * Scenarios: the nominations list of the campaign as bench_city (masked, newest first), and the public deeds
 * library searched for a word of the summaries.
 */
import { sql } from "drizzle-orm";
import { searchText } from "../../server/core/search.js";
import { listDeeds } from "../../server/modules/honors/award.service.js";
import { honorAwards, honorCampaigns, honorNominations } from "../../server/modules/honors/honors.schema.js";
import { listNominations } from "../../server/modules/honors/nomination.service.js";
import { orgs } from "../../server/modules/org/org.schema.js";
import type { Rng } from "../prng.js";
import { replaySqlOf } from "../sql.js";
import type { BenchData, BenchModule, Scenario } from "../types.js";

const BATCH = 500;
const NOMINATIONS = { banner: 500, province: 5000 } as const;
const STAGES = ["notice1", "county_review", "county_passed", "notice2", "final_review", "proposed", "awarded"] as const;
const SURNAMES = ["王", "李", "张", "包", "白", "乌", "其", "韩", "刘", "宝"];
const DEEDS = [
  "带领各族群众共同致富，发展特色产业",
  "调解矛盾纠纷，促进邻里和睦团结",
  "坚持双语教学，资助各族困难学生",
  "组织民族团结进步宣传月活动",
  "守望相助，共建共享美好家园",
];

type GenDeps = Parameters<NonNullable<BenchModule["generate"]>>[0];

async function generate(deps: GenDeps, rng: Rng, data: BenchData) {
  const db = deps.db;
  const cityOrgId = String(data.extra.cityOrgId);
  const n = NOMINATIONS[data.scale.name];
  const units = await db
    .select({ id: orgs.id, regionCode: orgs.regionCode, name: orgs.name })
    .from(orgs)
    .where(sql`${orgs.regionCode} >= '150502' AND ${orgs.regionCode} <= '150599999999' AND ${orgs.status} = 'active'`)
    .orderBy(orgs.id)
    .limit(5000);
  if (units.length === 0) return;
  const campaignId = rng.uuid();
  const createdBy = String(data.userIds[0]);
  await db.insert(honorCampaigns).values({
    id: campaignId,
    title: "通辽市第七次民族团结进步表彰（基准测试）",
    year: 2026,
    orgId: cityOrgId,
    regionCode: "1505",
    kinds: ["collective", "individual"],
    status: "open",
    createdBy,
  });
  const nominations: (typeof honorNominations.$inferInsert)[] = [];
  const awards: (typeof honorAwards.$inferInsert)[] = [];
  for (let i = 0; i < n; i++) {
    const u = units[rng.int(units.length)];
    const individual = rng.int(3) > 0;
    const name = individual
      ? `${SURNAMES[rng.int(SURNAMES.length)]}${["建国", "秀英", "巴特尔", "其木格"][rng.int(4)]}`
      : u.name;
    const summary = `${DEEDS[rng.int(DEEDS.length)]}，${DEEDS[rng.int(DEEDS.length)]}。`;
    const id = rng.uuid();
    const day = 1 + (i % 28);
    nominations.push({
      id,
      campaignId,
      kind: individual ? "individual" : "collective",
      orgId: u.id,
      regionCode: u.regionCode,
      quotaRegion: u.regionCode.slice(0, 6),
      nomineeOrgId: individual ? null : u.id,
      nameEnc: individual ? deps.cipher.encrypt(name) : null,
      genderEnc: individual ? deps.cipher.encrypt(rng.int(2) ? "male" : "female") : null,
      positionEnc: individual ? deps.cipher.encrypt("嘎查党支部书记") : null,
      unitEnc: individual ? deps.cipher.encrypt(u.name) : null,
      consentPublish: rng.int(2) === 1,
      summary,
      deeds: `${summary}${summary}`,
      status: STAGES[rng.int(STAGES.length)],
      search: searchText(name, u.name, summary) as unknown as string, // an SQL expression, taken by insert
      createdBy,
      createdAt: new Date(Date.UTC(2026, 9, day, 2, i % 60)),
    });
    if (i % (n / (data.scale.name === "province" ? 2000 : 200)) < 1)
      awards.push({
        campaignId,
        nominationId: id,
        kind: individual ? "individual" : "collective",
        honoreeName: name,
        honoreeUnit: u.name,
        orgId: u.id,
        regionCode: u.regionCode,
        decisionNo: "通民委发〔2021〕18号",
        certificateNo: `TL2021-${String(awards.length + 1).padStart(4, "0")}`,
        awardedOn: `2021-11-${String(day).padStart(2, "0")}`,
        summary,
        search: searchText(name, u.name, summary) as unknown as string, // an SQL expression, taken by insert
      });
  }
  for (let i = 0; i < nominations.length; i += BATCH)
    await db.insert(honorNominations).values(nominations.slice(i, i + BATCH));
  for (let i = 0; i < awards.length; i += BATCH) await db.insert(honorAwards).values(awards.slice(i, i + BATCH));
  data.extra.honorCampaignId = campaignId;
  data.counts.honorNominations = nominations.length;
  data.counts.honorAwards = awards.length;
}

const nominationsList: NonNullable<Scenario["service"]> = (deps, actors, data) =>
  listNominations(
    { ...deps, actor: actors.city.actor },
    { page: 1, pageSize: 20, campaignId: String(data.extra.honorCampaignId) },
  );
const deeds: NonNullable<Scenario["service"]> = (deps) => listDeeds(deps, { page: 1, pageSize: 12, q: "团结" });

export const benchModule: BenchModule = {
  name: "honors",
  generate,
  scenarios: [
    {
      name: "honors-nominations-list",
      description:
        "GET /api/honors/nominations?campaignId=… as bench_city — a campaign's 5,000 nominations, masked, first page",
      method: "GET",
      path: (data) => `/api/honors/nominations?campaignId=${data.extra.honorCampaignId}&pageSize=20`,
      as: "city",
      service: nominationsList,
      raw: replaySqlOf(nominationsList),
    },
    {
      name: "honors-deeds-search",
      description: "GET /api/public/honors/deeds?q=团结 (no sign-in) — the deeds library's Chinese full-text search",
      method: "GET",
      path: `/api/public/honors/deeds?q=${encodeURIComponent("团结")}&pageSize=12`,
      as: null,
      service: deeds,
      raw: replaySqlOf(deeds),
    },
  ],
};
