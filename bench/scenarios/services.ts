/**
 * 服务台 at scale (issue 14: a department's queue and the province's statistics over 500,000 requests).
 *
 * Windows: one per organization of 200 drawn from the scale's 村(社区)组织 and 党政机关 (banner: 50). Requests over
 * 2026 (province 500,000, banner 20,000): every category and channel, legal aid ≈ 1 in 10 (the green channel);
 * one in 25 referred to bench_city's own organization (the city department's queue: pending, received, answered,
 * some overdue), the rest referred to other departments, answered or closed with ratings, or still at the window.
 * Personal fields are one SM4 ciphertext reused (the cost is in the rows, not the cipher).
 *
 * Scenarios: GET /api/services/requests?view=department (the department's queue, green first, by due date) and
 * GET /api/services/stats as bench_city over its region; and the same statistics as bench_province (the whole
 * province; bench_admin, 系统管理员, has no business permission).
 */
import { sql } from "drizzle-orm";
import { SERVICE_CATEGORIES } from "../../contracts/services.js";
import { orgs } from "../../server/modules/org/org.schema.js";
import { publicGuides } from "../../server/modules/services/guides.service.js";
import { listRequests } from "../../server/modules/services/request.service.js";
import {
  serviceGuides,
  serviceReferrals,
  serviceRequests,
  serviceWindows,
} from "../../server/modules/services/services.schema.js";
import { serviceStats } from "../../server/modules/services/stats.service.js";
import type { Rng } from "../prng.js";
import { replaySqlOf } from "../sql.js";
import type { BenchData, BenchModule, Scenario } from "../types.js";

const BATCH = 1000; // 34 columns × 1000 rows stays under PostgreSQL's 65,535 parameters
const REQUESTS = { banner: 20_000, province: 500_000 } as const;
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const START = Date.parse("2026-01-05T01:00:00Z");
const SPAN_DAYS = 330;

function code(i: number) {
  let s = "";
  let n = i;
  for (let k = 0; k < 9; k++) {
    s = ALPHABET[n % 32] + s;
    n = Math.floor(n / 32);
  }
  return `Z${s}`;
}
const day = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

async function generate(deps: Parameters<NonNullable<BenchModule["generate"]>>[0], rng: Rng, data: BenchData) {
  const db = deps.db;
  const cityOrgId = String(data.extra.cityOrgId);
  const places = await db
    .select({ id: orgs.id, regionCode: orgs.regionCode })
    .from(orgs)
    .where(sql`${orgs.status} = 'active' AND ${orgs.type} IN ('village_org', 'party_gov')`)
    .orderBy(orgs.id)
    .limit(5000);
  const windowCount = data.scale.name === "province" ? 200 : 50;
  const windows: { id: string; orgId: string; regionCode: string }[] = [];
  while (windows.length < windowCount && places.length > 0) {
    const p = places.splice(rng.int(places.length), 1)[0];
    windows.push({ id: rng.uuid(), orgId: p.id, regionCode: p.regionCode });
  }
  await db.insert(serviceWindows).values(
    windows.map((w, i) => ({
      ...w,
      name: `基准测试服务窗口 ${i + 1}`,
      address: "便民服务中心",
      hours: "工作日 8:30-17:30",
      staff: [],
    })),
  );
  // 服务指南: each window's organization publishes guides for 5 categories (1,000 at province scale), and the
  // portal asks for the 旗 of the first window (its own guides, the levels above, its windows).
  const guideCats = SERVICE_CATEGORIES.slice(0, 5).map(([c]) => c);
  const content = (c: string) => ({
    title: `基准测试服务指南 ${c}`,
    serviceItems: "服务内容",
    conditions: "",
    materials: "身份证件\n申请材料",
    procedure: "窗口受理\n部门办理\n答复",
    cautions: "",
    titleMn: "",
    contentMn: "",
  });
  await db.insert(serviceGuides).values(
    windows.flatMap((w) =>
      guideCats.map((c) => ({
        orgId: w.orgId,
        regionCode: w.regionCode,
        category: c,
        content: content(c),
        published: content(c),
        status: "published" as const,
        version: 1,
        publishedAt: new Date(START),
      })),
    ),
  );
  data.extra.guideRegion = windows[0]?.regionCode.slice(0, 6) ?? "15";
  const departments = places.slice(0, 50).map((p) => p.id);
  const nameEnc = deps.cipher.encrypt("基准测试");
  const phoneEnc = deps.cipher.encrypt("13900000000");
  const cats = SERVICE_CATEGORIES.map(([c]) => c);
  // The SQL-snapshot test's tiny dataset (300 organizations) needs only a few rows: the statements are the same.
  const total = data.scale.orgs < 1000 ? 2_000 : REQUESTS[data.scale.name];
  let reqs: (typeof serviceRequests.$inferInsert)[] = [];
  let refs: (typeof serviceReferrals.$inferInsert)[] = [];
  const flush = async () => {
    if (reqs.length) await db.insert(serviceRequests).values(reqs);
    if (refs.length) await db.insert(serviceReferrals).values(refs);
    reqs = [];
    refs = [];
  };
  for (let i = 0; i < total; i++) {
    const w = windows[rng.int(windows.length)];
    const category = rng.int(10) === 0 ? "legal_aid" : cats[1 + rng.int(cats.length - 1)];
    const created = START + Math.floor((i / total) * SPAN_DAYS * 86_400_000);
    const id = rng.uuid();
    const mine = i % 25 === 0;
    const roll = rng.int(10);
    const referred = mine || roll < 7;
    const toOrg = mine ? cityOrgId : departments[rng.int(departments.length)];
    const refId = referred ? rng.uuid() : null;
    const dueMs = created + (category === "legal_aid" ? 5 : 14) * 86_400_000;
    const stage = mine ? rng.int(4) : roll < 6 ? 3 : roll < 7 ? rng.int(3) : roll < 9 ? 2 : 0;
    // stage: 0 at the window (or referred, pending) · 1 received · 2 answered · 3 closed and rated
    const status = !referred
      ? (["accepted", "accepted", "answered", "closed"] as const)[stage]
      : (["referred", "received", "answered", "closed"] as const)[stage];
    const answeredAt = stage >= 2 ? new Date(created + rng.int(20) * 86_400_000) : null;
    reqs.push({
      id,
      trackingCode: code(i),
      category,
      channel: (["window", "hotline", "online"] as const)[rng.int(3)],
      description: "基准测试服务申请",
      language: rng.int(3) === 0 ? "蒙古语" : "汉语",
      windowId: w.id,
      orgId: w.orgId,
      regionCode: w.regionCode,
      green: category === "legal_aid",
      legalBasis: "本人申请并同意",
      nameEnc,
      phoneEnc,
      status,
      deptOrgId: referred && stage < 2 ? toOrg : null,
      referralId: refId,
      acceptDueOn: referred ? day(created + 86_400_000) : null,
      dueOn: referred ? day(dueMs) : null,
      referredAt: referred ? new Date(created) : null,
      receivedAt: referred && stage >= 1 ? new Date(created + 3_600_000) : null,
      answer: stage >= 2 ? "已办理" : null,
      answeredAt,
      answeredOnTime: answeredAt ? answeredAt.getTime() <= dueMs : null,
      closedAt: stage === 3 ? answeredAt : null,
      satisfaction: stage === 3 ? (["satisfied", "basically", "dissatisfied"] as const)[rng.int(3)] : null,
      ratedAt: stage === 3 ? answeredAt : null,
      createdAt: new Date(created),
      updatedAt: new Date(created),
    });
    if (refId)
      refs.push({
        id: refId,
        requestId: id,
        fromOrgId: w.orgId,
        toOrgId: toOrg,
        days: category === "legal_aid" ? 3 : 10,
        referredAt: new Date(created),
        acceptDueOn: day(created + 86_400_000),
        dueOn: day(dueMs),
        outcome: (["pending", "received", "answered", "answered"] as const)[stage],
        receivedAt: stage >= 1 ? new Date(created + 3_600_000) : null,
        respondedAt: answeredAt,
      });
    if (reqs.length >= BATCH) await flush();
  }
  await flush();
  data.counts.serviceRequests = total;
}

const queue: Scenario["service"] = (deps, actors) =>
  listRequests({ ...deps, actor: actors.city.actor }, { view: "department", page: 1, pageSize: 20 } as never);
const cityStats: Scenario["service"] = (deps, actors) => serviceStats({ ...deps, actor: actors.city.actor }, {});
const provinceStats: Scenario["service"] = (deps, actors) =>
  serviceStats({ ...deps, actor: (actors.province ?? actors.admin).actor }, {});

const portalGuides: Scenario["service"] = (deps, _actors, data) => publicGuides(deps, String(data.extra.guideRegion));

export const benchModule: BenchModule = {
  name: "services",
  generate,
  scenarios: [
    {
      name: "services-department-queue",
      description:
        "GET /api/services/requests?view=department as bench_city — the requests referred to its organization now (1 in 25 of 500,000 at province scale), green channel first, then by due date",
      method: "GET",
      path: "/api/services/requests?view=department",
      as: "city",
      service: queue,
      raw: replaySqlOf(queue!),
    },
    {
      name: "services-portal-guides",
      description:
        "GET /api/public/services/guides?region= (no sign-in) — a 旗's 服务指南 on the portal: the regions that publish, its guides and the levels above (1,000 published), its windows, the time limits",
      method: "GET",
      path: (data) => `/api/public/services/guides?region=${data.extra.guideRegion}`,
      as: null,
      service: portalGuides,
      raw: replaySqlOf(portalGuides!),
    },
    {
      name: "services-stats-city",
      description:
        "GET /api/services/stats as bench_city — on-time rate, average times, satisfaction, by category/channel/region/month/department over the city's requests",
      method: "GET",
      path: "/api/services/stats",
      as: "city",
      service: cityStats,
      raw: replaySqlOf(cityStats!),
    },
    {
      name: "services-stats-province",
      description:
        "GET /api/services/stats as bench_province (自治区民委) — the same statistics over all 500,000 requests",
      method: "GET",
      path: "/api/services/stats",
      as: "province",
      service: provinceStats,
      raw: replaySqlOf(provinceStats!),
    },
  ],
};
