/**
 * 风险防范 at scale (issue 15: the province's 零报告 compliance roll-up and a 旗's case list).
 *
 * Reporting units: every generated organization (province 60,000; banner 2,000) is a 零报告 unit. Reports: the
 * twelve monthly periods that have ended by the bench's clock, one per unit and period: ≈ 90 % filed (of which
 * ≈ 15 % after the on-time deadline, and 1 in 20 corrected to version 2), the rest missing. Cases: 50,000 in
 * 科左后旗 (150522) at province scale (banner: 5,000) over the same year, every category, risk level and state,
 * handled at the banner (a few 重大 ones escalated to 通辽市).
 *
 * A 旗 user (bench_hq_mzj, ethnic_affairs_admin of 150522) is made here for the case list; the bench signs it in
 * (data.extra.bannerUserId) and both the HTTP route and the service are timed as that user.
 *
 * Scenarios: GET /api/disputes/compliance as bench_province (the whole province, tiles by city; read live from
 * the tallies migration 0037's triggers keep, no cache) and
 * GET /api/disputes/cases as the 旗 user (first page, newest first, with the total).
 */
import { eq, sql } from "drizzle-orm";
import { addDays, beijingDate } from "../../contracts/dates.js";
import { listCases } from "../../server/modules/disputes/cases.service.js";
import {
  disputeCases,
  disputeReports,
  disputeReportTally,
  disputeReportUnits,
  disputeReportUnitTally,
} from "../../server/modules/disputes/disputes.schema.js";
import { endedPeriods, periodOf } from "../../server/modules/disputes/periods.js";
import { compliance } from "../../server/modules/disputes/reports.service.js";
import { roles, userRoles, users } from "../../server/modules/identity/identity.schema.js";
import { orgs } from "../../server/modules/org/org.schema.js";
import type { Rng } from "../prng.js";
import { replaySqlOf } from "../sql.js";
import type { BenchData, BenchModule, Scenario } from "../types.js";

const BATCH = 4000;
const CASES = { banner: 5_000, province: 50_000 } as const;
const BANNER = "150522";
const CATEGORIES = ["family", "neighbour", "land", "labour", "debt", "expropriation", "other"];
const SOURCES = ["screening", "visit", "referral", "grid", "window"];

async function generate(deps: Parameters<NonNullable<BenchModule["generate"]>>[0], rng: Rng, data: BenchData) {
  const db = deps.db;
  const now = deps.clock.now();
  const units = await db
    .select({ id: orgs.id, regionCode: orgs.regionCode })
    .from(orgs)
    .where(eq(orgs.status, "active"))
    .orderBy(orgs.id);
  const unitRows = units.map((u) => ({ orgId: u.id, regionCode: u.regionCode, createdAt: now }));
  for (let i = 0; i < unitRows.length; i += BATCH)
    await db
      .insert(disputeReportUnits)
      .values(unitRows.slice(i, i + BATCH))
      .onConflictDoNothing();

  // ---- a year of monthly 零报告
  const periods = endedPeriods(now, "monthly", 12).map((k) => periodOf(k, 5));
  let reports: (typeof disputeReports.$inferInsert)[] = [];
  let count = 0;
  for (const u of units)
    for (const p of periods) {
      if (rng.int(10) === 0) continue; // missing
      const late = rng.int(100) < 15;
      const first = new Date(p.deadline.getTime() + (late ? 1 + rng.int(20) : -(1 + rng.int(5))) * 86_400_000);
      const corrected = rng.int(20) === 0;
      reports.push({
        kind: "zero",
        orgId: u.id,
        regionCode: u.regionCode,
        period: p.key,
        nothing: rng.int(8) !== 0,
        version: corrected ? 2 : 1,
        firstReceivedAt: first,
        receivedAt: corrected ? new Date(first.getTime() + 3 * 86_400_000) : first,
      });
      count++;
      if (reports.length >= BATCH) {
        await db.insert(disputeReports).values(reports);
        reports = [];
      }
    }
  if (reports.length) await db.insert(disputeReports).values(reports);
  data.counts.disputeReportUnits = units.length;
  data.counts.disputeReports = count;

  // ---- the banner's cases
  const bannerPlaces = units.filter((u) => u.regionCode.startsWith(BANNER));
  const places = bannerPlaces.length ? bannerPlaces : [{ id: units[0].id, regionCode: BANNER }];
  const total = data.scale.orgs < 1000 ? 500 : CASES[data.scale.name];
  const firstDay = periods[0].start;
  const today = beijingDate(now);
  const span = Math.max(1, (Date.parse(today) - Date.parse(firstDay)) / 86_400_000);
  let cases: (typeof disputeCases.$inferInsert)[] = [];
  for (let i = 0; i < total; i++) {
    const place = places[rng.int(places.length)];
    const occurredOn = addDays(firstDay, Math.floor((i / total) * span));
    const created = new Date(`${occurredOn}T02:00:00Z`);
    const risk = (["general", "general", "general", "serious", "major"] as const)[rng.int(5)];
    const stage = rng.int(4);
    const status = (["registered", "mediating", "concluded", "closed"] as const)[stage];
    const escalated = risk === "major" && rng.int(10) === 0;
    cases.push({
      code: `BJ${String(i).padStart(8, "0")}`,
      source: SOURCES[rng.int(SOURCES.length)],
      category: CATEGORIES[rng.int(CATEGORIES.length)],
      regionCode: place.regionCode,
      occurredOn,
      partyCount: 2 + rng.int(4),
      summary: "基准测试矛盾纠纷事实摘要",
      riskLevel: risk,
      orgId: place.id,
      recordedByOrgId: place.id,
      status,
      result: stage >= 2 ? (["resolved", "resolved", "partial", "transferred"] as const)[rng.int(4)] : null,
      resolveBy: new Date(created.getTime() + 30 * 86_400_000),
      reportBy: risk === "major" ? new Date(created.getTime() + 2 * 3_600_000) : null,
      handlingRegion: escalated ? BANNER.slice(0, 4) : BANNER,
      escalatedAt: escalated ? new Date(created.getTime() + 3_600_000) : null,
      createdAt: created,
      updatedAt: created,
    });
    if (cases.length >= BATCH / 2) {
      await db.insert(disputeCases).values(cases);
      cases = [];
    }
  }
  if (cases.length) await db.insert(disputeCases).values(cases);
  data.counts.disputeCases = total;

  // ---- bench_hq_mzj: 科左后旗's 民族工作部门 (scope 150522 and below), same password as the others
  const [dept] = await db
    .insert(orgs)
    .values({
      id: rng.uuid(),
      name: "科尔沁左翼后旗民族事务委员会（基准测试）",
      type: "party_gov",
      regionCode: BANNER,
      isEthnicAffairsDept: true,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: orgs.id });
  const [cityUser] = await db
    .select({ hash: users.passwordHash })
    .from(users)
    .where(eq(users.id, String(data.extra.cityUserId)));
  const bannerUserId = rng.uuid();
  await db.insert(users).values({
    id: bannerUserId,
    username: "bench_hq_mzj",
    displayName: "科左后旗民宗局基准测试",
    orgId: dept.id,
    regionCode: BANNER,
    passwordHash: cityUser.hash,
    passwordChangedAt: now,
    mustChangePassword: false,
  });
  const [{ id: roleId }] = await db.select({ id: roles.id }).from(roles).where(eq(roles.code, "ethnic_affairs_admin"));
  await db.insert(userRoles).values({ userId: bannerUserId, roleId });
  data.extra.bannerUserId = bannerUserId;
  for (const t of [disputeReports, disputeReportUnits, disputeCases, disputeReportTally, disputeReportUnitTally])
    await db.execute(sql`analyze ${t}`);
}

const provinceCompliance: Scenario["service"] = (deps, actors) =>
  compliance({ ...deps, actor: (actors.province ?? actors.admin).actor }, { kind: "zero" });
const bannerCases: Scenario["service"] = (deps, actors) => {
  if (!actors.banner) throw new Error("disputes-cases-banner 需要 bench_hq_mzj（科左后旗民宗局）");
  return listCases({ ...deps, actor: actors.banner.actor }, { page: 1, pageSize: 20 } as never);
};

export const benchModule: BenchModule = {
  name: "disputes",
  generate,
  scenarios: [
    {
      name: "disputes-compliance-province",
      description:
        "GET /api/disputes/compliance as bench_province — 零报告 reporting and on-time rates of the whole province over the last 12 months (60,000 units × 12 periods at province scale), tiles by city",
      method: "GET",
      path: "/api/disputes/compliance?kind=zero",
      as: "province",
      service: provinceCompliance,
      raw: replaySqlOf(provinceCompliance!),
    },
    {
      name: "disputes-cases-banner",
      description:
        "GET /api/disputes/cases as 科左后旗's department (bench_hq_mzj, signed in) — first page of 50,000 cases, newest first, with the total",
      method: "GET",
      path: "/api/disputes/cases",
      as: "banner",
      service: bannerCases,
      raw: replaySqlOf(bannerCases!),
    },
  ],
};
