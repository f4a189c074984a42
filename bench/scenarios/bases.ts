/**
 * 教育基地 at scale (issue 11: the portal's directory of bases, a base's public page, and the visitor statistics of
 * the whole province over 2,000 bases, 3 years of monthly reports and 300,000 bookings).
 *
 * Bases (province 2,000, banner 200) are run by organizations drawn from the scale's units, supervised by 通辽's
 * department (bench_city's organization) or the unit's own banner office; every kind and level, named over six
 * years (3-year terms, some under 复核, a few revoked). Seven in ten have a published 数字展馆 page (an earlier
 * version archived), the rest a draft. Each base has sessions over the 36 months to the end of next month
 * (capacity 30–80), about three group bookings per past session (checked in, no-show, cancelled, declined) and some
 * still ahead; a monthly 参观人数 report for each of the 36 past months (accepted, the last ones confirmed or
 * pending). Contacts are one SM4 ciphertext reused (the cost is in the rows, not the cipher); material ids in page
 * content are random (the public page looks them up by id and finds none).
 *
 * Scenarios: GET /api/public/bases (the directory's first page with its distribution by region, no sign-in),
 * GET /api/public/bases/:id (a base's published page with its upcoming sessions), and GET /api/bases/stats as the
 * autonomous region's department (the year's visitors by region, level, kind and month over every base).
 */
import { sql } from "drizzle-orm";
import { BASE_KINDS, type PageContent } from "../../contracts/bases.js";
import {
  baseBookings,
  basePages,
  baseReports,
  baseSessions,
  bases,
  baseWalkIns,
} from "../../server/modules/bases/bases.schema.js";
import { publicBasePage, publicDirectory } from "../../server/modules/bases/public.service.js";
import { baseSearch } from "../../server/modules/bases/registry.service.js";
import { visitorStats } from "../../server/modules/bases/report.service.js";
import { orgs } from "../../server/modules/org/org.schema.js";
import type { Rng } from "../prng.js";
import { replaySqlOf } from "../sql.js";
import type { BenchData, BenchModule, Scenario } from "../types.js";

const BATCH = 2000;
const BASES = { banner: 200, province: 2_000 } as const;
const BOOKINGS = { banner: 30_000, province: 300_000 } as const;
const MONTHS = 36;
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const LEVELS = ["national", "region", "city", "county", "county", "county", "city", "county"] as const;

function code(i: number) {
  let s = "";
  let n = i;
  for (let k = 0; k < 9; k++) {
    s = ALPHABET[n % 32] + s;
    n = Math.floor(n / 32);
  }
  return `J${s}`;
}
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
function addMonths(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number);
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, "0")}`;
}

async function generate(deps: Parameters<NonNullable<BenchModule["generate"]>>[0], rng: Rng, data: BenchData) {
  const db = deps.db;
  const small = data.scale.orgs < 1000;
  const nBases = small ? 60 : BASES[data.scale.name];
  const nBookings = small ? 3_000 : BOOKINGS[data.scale.name];
  const cityOrgId = String(data.extra.cityOrgId);
  const units = await db
    .select({ id: orgs.id, regionCode: orgs.regionCode })
    .from(orgs)
    .where(sql`${orgs.status} = 'active' AND ${orgs.isEthnicAffairsDept} = false`)
    .orderBy(orgs.id)
    .limit(20_000);
  const depts = await db
    .select({ id: orgs.id, regionCode: orgs.regionCode })
    .from(orgs)
    .where(sql`${orgs.status} = 'active' AND ${orgs.isEthnicAffairsDept} = true`)
    .orderBy(orgs.id);
  const deptOf = (region: string) =>
    depts.find((d) => d.regionCode === region.slice(0, 6)) ??
    depts.find((d) => d.regionCode === region.slice(0, 4)) ?? { id: cityOrgId };

  const now = Date.now();
  const today = new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
  const thisMonth = today.slice(0, 7);
  const firstMonth = addMonths(thisMonth, -MONTHS);
  const kinds = BASE_KINDS.map(([k]) => k);
  const nameEnc = deps.cipher.encrypt("王老师");
  const phoneEnc = deps.cipher.encrypt("13900000000");
  const phoneIdx = deps.cipher.blindIndex("13900000000");

  // ---- the registry and the pages
  type B = { id: string; orgId: string; regionCode: string; published: boolean; active: boolean };
  const made: B[] = [];
  let rows: (typeof bases.$inferInsert)[] = [];
  let pages: (typeof basePages.$inferInsert)[] = [];
  const flushBases = async () => {
    if (rows.length) await db.insert(bases).values(rows);
    if (pages.length) await db.insert(basePages).values(pages);
    rows = [];
    pages = [];
  };
  for (let i = 0; i < nBases; i++) {
    const u = units[rng.int(units.length)];
    const id = rng.uuid();
    const namedYear = 2021 + rng.int(6);
    const namedOn = `${namedYear}-${String(1 + rng.int(12)).padStart(2, "0")}-${String(1 + rng.int(28)).padStart(2, "0")}`;
    const termEndsOn = `${namedYear + 3}${namedOn.slice(4)}`;
    const roll = rng.int(50);
    const status = roll === 0 ? "revoked" : termEndsOn < today ? "reviewing" : "active";
    const published = rng.int(10) < 7;
    const name = `基准测试${kinds[i % kinds.length] === "patriotism" ? "爱国主义" : "民族团结进步"}教育基地 ${i + 1}`;
    const address = `基准测试路 ${i + 1} 号`;
    rows.push({
      id,
      name,
      kind: kinds[i % kinds.length],
      level: LEVELS[rng.int(LEVELS.length)],
      orgId: u.id,
      supervisingOrgId: deptOf(u.regionCode).id,
      regionCode: u.regionCode,
      address,
      lat: 37.4 + rng.int(900) / 100,
      lng: 97.2 + rng.int(2300) / 100,
      namedOn,
      namedBy: "基准测试民族事务委员会",
      termYears: 3,
      termEndsOn,
      status,
      revokeReason: status === "revoked" ? "基准测试撤销" : null,
      openingHours: "周二至周日 9:00-17:00",
      closedDays: "每周一闭馆",
      contactPhoneEnc: phoneEnc,
      description: "基准测试教育基地简介",
      publishedVersion: published ? 2 : null,
      search: baseSearch({ name, address }) as unknown as string,
      createdAt: new Date(`${namedOn}T02:00:00Z`),
      updatedAt: new Date(`${namedOn}T02:00:00Z`),
    });
    const content = (n: number): PageContent => ({
      intro: "基准测试数字展馆简介：各族群众交往交流交融的故事。".repeat(4),
      galleryIds: Array.from({ length: 6 }, () => rng.uuid()),
      exhibits: Array.from({ length: n }, (_, k) => ({
        id: `e${k + 1}`,
        title: `展项 ${k + 1}`,
        text: "基准测试讲解词。".repeat(20),
        imageIds: [rng.uuid(), rng.uuid()],
        audioId: rng.uuid(),
      })),
      panorama: { imageId: rng.uuid(), hotspots: [{ id: "h1", yaw: 30, pitch: 0, title: "入口", exhibitId: "e1" }] },
    });
    const at = new Date(`${namedOn}T02:00:00Z`);
    const page = (version: number, st: "draft" | "archived" | "published") => ({
      id: rng.uuid(),
      baseId: id,
      version,
      status: st,
      content: content(st === "draft" ? 3 : 8),
      submittedAt: st === "draft" ? null : at,
      publishedAt: st === "draft" ? null : at,
      regionCode: u.regionCode,
      orgId: u.id,
      createdAt: at,
      updatedAt: at,
    });
    pages.push(page(1, published ? "archived" : "draft"));
    if (published) pages.push(page(2, "published"));
    made.push({ id, orgId: u.id, regionCode: u.regionCode, published, active: status !== "revoked" });
    if (rows.length >= BATCH / 4) await flushBases();
  }
  await flushBases();

  // ---- sessions, bookings, walk-ins: ~3 bookings per past session, spread over the 36 months
  const sessionsPerBase = Math.max(4, Math.round(nBookings / 3 / nBases));
  const start = Date.parse(`${firstMonth}-01T00:00:00Z`);
  const end = Date.parse(`${addMonths(thisMonth, 2)}-01T00:00:00Z`);
  let sessions: (typeof baseSessions.$inferInsert)[] = [];
  let bookings: (typeof baseBookings.$inferInsert)[] = [];
  let walkIns: (typeof baseWalkIns.$inferInsert)[] = [];
  const flush = async () => {
    if (sessions.length) await db.insert(baseSessions).values(sessions);
    if (bookings.length) await db.insert(baseBookings).values(bookings);
    if (walkIns.length) await db.insert(baseWalkIns).values(walkIns).onConflictDoNothing();
    sessions = [];
    bookings = [];
    walkIns = [];
  };
  let nb = 0;
  let ns = 0;
  let pageBase: string | null = null;
  const STATUSES = [
    "checked_in",
    "checked_in",
    "checked_in",
    "checked_in",
    "checked_in",
    "no_show",
    "cancelled",
    "declined",
  ] as const;
  for (const b of made) {
    for (let k = 0; k < sessionsPerBase; k++) {
      // The last two sessions of each base are ahead (this month and next), open for booking.
      const ahead = k >= sessionsPerBase - 2;
      const dayMs = ahead
        ? now + (2 + rng.int(40)) * 86_400_000
        : start + Math.floor(((k + rng.int(100) / 100) / (sessionsPerBase - 2)) * (now - start - 2 * 86_400_000));
      const date = isoDay(dayMs + 8 * 3_600_000);
      const capacity = 30 + 10 * rng.int(6);
      const sid = rng.uuid();
      const groups = ahead ? rng.int(2) : Math.min(3 + rng.int(2) - rng.int(2), Math.floor(capacity / 10));
      let booked = 0;
      for (let g = 0; g < groups && nb < nBookings; g++) {
        const size = 5 + rng.int(6);
        const status = ahead ? (rng.int(2) ? "approved" : "pending") : STATUSES[rng.int(STATUSES.length)];
        if (status === "approved" || status === "pending" || status === "checked_in" || status === "no_show")
          booked += size;
        const at = new Date(dayMs - (3 + rng.int(15)) * 86_400_000);
        bookings.push({
          id: rng.uuid(),
          sessionId: sid,
          baseId: b.id,
          sessionDate: date,
          bookerOrgName: "基准测试学校",
          groupSize: size,
          contactNameEnc: nameEnc,
          contactPhoneEnc: phoneEnc,
          contactPhoneIdx: phoneIdx,
          trackingCode: code(nb),
          status,
          reason: status === "declined" ? "场次已满" : null,
          actualCount: status === "checked_in" ? size - rng.int(3) : null,
          checkedInAt: status === "checked_in" ? new Date(dayMs) : null,
          regionCode: b.regionCode,
          orgId: b.orgId,
          createdAt: at,
          updatedAt: at,
        });
        nb++;
      }
      sessions.push({
        id: sid,
        baseId: b.id,
        date,
        startTime: "09:30",
        endTime: "11:00",
        capacity,
        booked,
        maxPerGroup: capacity,
        opensAt: new Date(dayMs - 21 * 86_400_000),
        closesAt: new Date(dayMs - 86_400_000),
        regionCode: b.regionCode,
        orgId: b.orgId,
        createdAt: new Date(dayMs - 30 * 86_400_000),
        updatedAt: new Date(dayMs - 30 * 86_400_000),
      });
      ns++;
      if (!ahead && rng.int(2) === 0)
        walkIns.push({ baseId: b.id, date, count: rng.int(40), regionCode: b.regionCode, orgId: b.orgId });
      if (ahead && b.published && b.active && !pageBase) pageBase = b.id;
      if (sessions.length >= BATCH / 2 || bookings.length >= BATCH) await flush();
    }
  }
  await flush();

  // ---- monthly reports: 36 past months per base
  let reports: (typeof baseReports.$inferInsert)[] = [];
  let nr = 0;
  for (const b of made) {
    for (let m = 0; m < MONTHS; m++) {
      const month = addMonths(firstMonth, m);
      const next = addMonths(month, 1);
      const dueOn = `${next}-10`;
      const recent = m >= MONTHS - 1;
      const status = recent ? (["pending", "confirmed", "confirmed"] as const)[rng.int(3)] : "accepted";
      const group = rng.int(400);
      const walk = rng.int(200);
      const confirmedAt = status === "pending" ? null : new Date(`${next}-0${2 + rng.int(8)}T02:00:00Z`);
      reports.push({
        baseId: b.id,
        month,
        groupVisitors: group,
        groupCount: Math.ceil(group / 30),
        walkInVisitors: walk,
        total: group + walk,
        status,
        dueOn,
        confirmedAt,
        acceptedAt: status === "accepted" ? new Date(`${next}-15T02:00:00Z`) : null,
        regionCode: b.regionCode,
        orgId: b.orgId,
        createdAt: new Date(`${next}-01T02:00:00Z`),
        updatedAt: new Date(`${next}-15T02:00:00Z`),
      });
      nr++;
      if (reports.length >= BATCH) {
        await db.insert(baseReports).values(reports);
        reports = [];
      }
    }
  }
  if (reports.length) await db.insert(baseReports).values(reports);
  data.extra.basePageId = pageBase ?? made.find((b) => b.published && b.active)!.id;
  data.extra.basesYear = Number(today.slice(0, 4));
  data.counts.bases = made.length;
  data.counts.baseSessions = ns;
  data.counts.baseBookings = nb;
  data.counts.baseReports = nr;
}

const directory: Scenario["service"] = (deps) => publicDirectory(deps, { page: 1, pageSize: 20 });
const basePage: Scenario["service"] = (deps, _actors, data) => publicBasePage(deps, String(data.extra.basePageId));
const provinceStats: Scenario["service"] = (deps, actors, data) =>
  visitorStats({ ...deps, actor: actors.province!.actor }, { year: Number(data.extra.basesYear) });

export const benchModule: BenchModule = {
  name: "bases",
  generate,
  scenarios: [
    {
      name: "bases-portal-directory",
      description:
        "GET /api/public/bases (no sign-in) — the portal's directory of 2,000 bases: first page of 20 with cover, the total and the distribution by region",
      method: "GET",
      path: "/api/public/bases?page=1&pageSize=20",
      as: null,
      service: directory,
      raw: replaySqlOf(directory!),
    },
    {
      name: "bases-portal-page",
      description:
        "GET /api/public/bases/:id (no sign-in) — a base's published 数字展馆 page (8 exhibits) with its upcoming sessions",
      method: "GET",
      path: (data) => `/api/public/bases/${data.extra.basePageId}`,
      as: null,
      service: basePage,
      raw: replaySqlOf(basePage!),
    },
    {
      name: "bases-stats-province",
      description:
        "GET /api/bases/stats as bench_province — this year's visitors of accepted monthly reports by region, level, kind and month over every base (72,000 reports)",
      method: "GET",
      path: (data) => `/api/bases/stats?year=${data.extra.basesYear}`,
      as: "province",
      service: provinceStats,
      raw: replaySqlOf(provinceStats!),
    },
  ],
};
