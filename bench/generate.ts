import { eq, like, sql } from "drizzle-orm";
import { usccCheckChar } from "../contracts/uscc.js";
import { backfillSearchVectors } from "../server/bootstrap.js";
import type { Deps } from "../server/core/context.js";
import type { Db } from "../server/db/client.js";
import { roles, userRoles, users } from "../server/modules/identity/identity.schema.js";
import { hashPassword } from "../server/modules/identity/password.js";
import { orgs, regions } from "../server/modules/org/org.schema.js";
import { DEFAULT_ORG_TYPES } from "../server/modules/org/org.service.js";
import { Rng } from "./prng.js";
import type { BenchData, BenchModule, Scale, ScaleName } from "./types.js";

export const SEED = 20_260_302;
/** Password of every generated and bench user (one argon2 hash, computed once). */
export const BENCH_PASSWORD = "Bench#Shiliu2026";
const BATCH = 1000;

/** PRODUCT.md §3. A banner office holds one banner's units: 科尔沁左翼后旗 (seeds/004). */
export const SCALES: Record<ScaleName, Scale> = {
  banner: { name: "banner", orgs: 2_000, users: 200, root: "150522" },
  province: { name: "province", orgs: 60_000, users: 20_000, root: "15" },
};

/** How organizations spread over the levels of the tree: most at 旗县 and 苏木乡镇, fewer in villages. */
export const LEVEL_WEIGHTS: [number, number][] = [
  [1, 2],
  [2, 6],
  [3, 40],
  [4, 32],
  [5, 20],
];

/** Which kinds of organization sit at each level. */
export const TYPE_WEIGHTS: Record<number, [string, number][]> = {
  1: [
    ["party_gov", 45],
    ["institution", 30],
    ["social_org", 10],
    ["enterprise", 10],
    ["other", 5],
  ],
  2: [
    ["party_gov", 40],
    ["institution", 30],
    ["social_org", 10],
    ["enterprise", 10],
    ["school", 5],
    ["other", 5],
  ],
  3: [
    ["party_gov", 25],
    ["institution", 25],
    ["enterprise", 15],
    ["school", 12],
    ["social_org", 8],
    ["religious_site", 5],
    ["military", 2],
    ["other", 8],
  ],
  4: [
    ["party_gov", 15],
    ["institution", 15],
    ["enterprise", 20],
    ["school", 15],
    ["religious_site", 8],
    ["social_org", 7],
    ["village_org", 10],
    ["other", 10],
  ],
  5: [
    ["village_org", 70],
    ["school", 10],
    ["religious_site", 10],
    ["enterprise", 5],
    ["other", 5],
  ],
};

export const TYPE_LABELS = new Map(DEFAULT_ORG_TYPES);
const USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/** 登记管理部门 code (first character of a 统一社会信用代码) by organization type. */
const USCC_AUTHORITY: Record<string, string> = {
  party_gov: "11",
  institution: "12",
  enterprise: "91",
  school: "12",
  religious_site: "71",
  social_org: "51",
  military: "11",
  village_org: "54",
  other: "93",
};
const SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕包白乌其";
const GIVEN = "巴特尔敖其尔乌兰图雅苏和其木格那日斯宝音格日勒建国海军丽娟志强秀英桂兰明辉晓燕文华玉梅德力格尔";

type OrgRow = typeof orgs.$inferInsert;
type UserRow = typeof users.$inferInsert;
type RegionRef = { code: string; name: string; level: number };

async function insertBatches<T>(items: T[], write: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += BATCH) await write(items.slice(i, i + BATCH));
}

export function uscc(type: string, regionCode: string, serial: number): string {
  let body = "";
  for (let n = serial, i = 0; i < 9; i++, n = Math.floor(n / 31)) body = USCC_CHARSET[n % 31] + body;
  const first17 = `${USCC_AUTHORITY[type] ?? "93"}${regionCode.slice(0, 6).padEnd(6, "0")}${body}`;
  return first17 + usccCheckChar(first17);
}

export function personName(rng: Rng): string {
  const given = rng.int(3) === 0 ? 1 : 2;
  let name = SURNAMES[rng.int(SURNAMES.length)];
  for (let i = 0; i < given; i++) name += GIVEN[rng.int(GIVEN.length)];
  return name;
}

/** The regions of the subtree, grouped by level. */
async function regionsByLevel(db: Db, root: string): Promise<Map<number, RegionRef[]>> {
  const rows = await db
    .select({ code: regions.code, name: regions.name, level: regions.level })
    .from(regions)
    .where(like(regions.code, `${root}%`))
    .orderBy(regions.code);
  if (rows.length === 0) throw new Error(`区划 ${root} 未加载`);
  const byLevel = new Map<number, RegionRef[]>();
  for (const r of rows) byLevel.set(r.level, [...(byLevel.get(r.level) ?? []), r]);
  return byLevel;
}

/**
 * Writes the dataset of a scale straight into the database: organizations spread over the region
 * subtree, users attached to them (unit_user), the bench users, then each module's own data.
 * Deterministic: the same seed and scale give the same rows (ids included; timestamps aside).
 */
export async function generateDataset(
  deps: Deps,
  scale: Scale,
  modules: BenchModule[],
  log: (msg: string) => void,
): Promise<BenchData> {
  const db = deps.db;
  const rng = new Rng(SEED);
  const now = new Date();
  const base = Date.parse("2026-01-01T00:00:00Z");
  const passwordHash = await hashPassword(BENCH_PASSWORD);

  const byLevel = await regionsByLevel(db, scale.root);
  const levelWeights = LEVEL_WEIGHTS.filter(([lvl]) => (byLevel.get(lvl)?.length ?? 0) > 0);
  const taken = new Set(
    (await db.select({ regionCode: orgs.regionCode, name: orgs.name }).from(orgs)).map(
      (o) => `${o.regionCode}|${o.name}`,
    ),
  );

  const rows: OrgRow[] = [];
  /** Non-village organizations per county, to draw parents from. */
  const byCounty = new Map<string, string[]>();
  const add = (row: Omit<OrgRow, "id" | "createdAt" | "updatedAt">) => {
    const key = `${row.regionCode}|${row.name}`;
    if (taken.has(key)) return null;
    taken.add(key);
    const createdAt = new Date(base - rng.int(3 * 365 * 86_400) * 1000);
    const full: OrgRow = { ...row, id: rng.uuid(), createdAt, updatedAt: createdAt };
    rows.push(full);
    return full;
  };

  // The 民族工作部门 of every 盟市 and 旗县 in the subtree.
  for (const r of [...(byLevel.get(2) ?? []), ...(byLevel.get(3) ?? [])]) {
    add({
      name: `${r.name}${r.level === 2 ? "民族事务委员会" : "民族宗教事务局"}`,
      shortName: r.level === 2 ? "民委" : "民宗局",
      type: "party_gov",
      regionCode: r.code,
      isEthnicAffairsDept: true,
      isMemberUnit: true,
      uscc: uscc("party_gov", r.code, rows.length + 1),
    });
  }

  const serials = new Map<string, number>();
  while (rows.length < scale.orgs) {
    const level = rng.weighted(levelWeights);
    const region = rng.pick(byLevel.get(level)!);
    const type = rng.weighted(TYPE_WEIGHTS[level]);
    const serialKey = `${region.code}|${type}`;
    const n = (serials.get(serialKey) ?? 0) + 1;
    serials.set(serialKey, n);
    const county = region.code.slice(0, 6);
    const parents = level >= 3 ? byCounty.get(county) : undefined;
    const hasUscc = type !== "military" && rng.chance(type === "village_org" ? 0.4 : 0.7);
    const row = add({
      name: `${region.name}第${n}${TYPE_LABELS.get(type) ?? type}`,
      shortName: null,
      type,
      regionCode: region.code,
      parentId: parents?.length && rng.chance(0.15) ? rng.pick(parents) : null,
      uscc: hasUscc ? uscc(type, region.code, rows.length + 1) : null,
      isEthnicAffairsDept: false,
      isMemberUnit: type === "party_gov" && level <= 3 && rng.chance(0.3),
      address: rng.chance(0.6) ? `${region.name}${1 + rng.int(300)}号` : null,
      contactPhone: rng.chance(0.4) ? `0475-${String(8_000_000 + rng.int(1_000_000))}` : null,
      status: rng.chance(0.02) ? "disabled" : "active",
    });
    if (row && level <= 4 && type !== "village_org" && level >= 3) {
      byCounty.set(county, [...(byCounty.get(county) ?? []), row.id!]);
    }
  }

  const [{ id: cityRoleId }] = await db
    .select({ id: roles.id })
    .from(roles)
    .where(eq(roles.code, "ethnic_affairs_admin"));
  const [{ id: adminRoleId }] = await db.select({ id: roles.id }).from(roles).where(eq(roles.code, "sys_admin"));
  const [{ id: unitRoleId }] = await db.select({ id: roles.id }).from(roles).where(eq(roles.code, "unit_user"));

  // bench_city sits in 通辽市's 民族工作部门 (generated at province scale; added at banner scale).
  const cityOrg =
    rows.find((r) => r.regionCode === "1505" && r.isEthnicAffairsDept) ??
    add({
      name: "通辽市民族事务委员会",
      shortName: "民委",
      type: "party_gov",
      regionCode: "1505",
      isEthnicAffairsDept: true,
      isMemberUnit: true,
    })!;
  const [adminUser] = await db
    .select({ orgId: users.orgId, regionCode: users.regionCode })
    .from(users)
    .where(eq(users.username, "admin"));

  const activeOrgs = rows.filter((r) => r.status !== "disabled");
  const userRows: UserRow[] = [];
  for (let i = 1; i <= scale.users; i++) {
    const org = rng.pick(activeOrgs);
    userRows.push({
      id: rng.uuid(),
      username: `bu${String(i).padStart(6, "0")}`,
      displayName: personName(rng),
      orgId: org.id!,
      regionCode: org.regionCode,
      status: rng.chance(0.01) ? "disabled" : "active",
      passwordHash,
      passwordChangedAt: now,
      mustChangePassword: false,
      createdAt: now,
      updatedAt: now,
    });
  }
  const benchCity: UserRow = {
    id: rng.uuid(),
    username: "bench_city",
    displayName: "通辽市民委基准测试",
    orgId: cityOrg.id!,
    regionCode: "1505",
    passwordHash,
    passwordChangedAt: now,
    mustChangePassword: false,
  };
  const benchAdmin: UserRow = {
    id: rng.uuid(),
    username: "bench_admin",
    displayName: "系统管理员基准测试",
    orgId: adminUser.orgId,
    regionCode: adminUser.regionCode,
    passwordHash,
    passwordChangedAt: now,
    mustChangePassword: false,
  };

  await db.transaction(async (tx) => {
    await insertBatches(rows, (b) => tx.insert(orgs).values(b));
    log(`orgs ${rows.length}`);
    await insertBatches([...userRows, benchCity, benchAdmin], (b) => tx.insert(users).values(b));
    await insertBatches(
      [
        ...userRows.map((u) => ({ userId: u.id!, roleId: unitRoleId })),
        { userId: benchCity.id!, roleId: cityRoleId },
        { userId: benchAdmin.id!, roleId: adminRoleId },
      ],
      (b) => tx.insert(userRoles).values(b),
    );
    log(`users ${userRows.length + 2}`);
  });

  const data: BenchData = {
    scale,
    password: BENCH_PASSWORD,
    orgIds: rows.map((r) => r.id!),
    userIds: userRows.map((u) => u.id!),
    counts: { orgs: rows.length, users: userRows.length + 2 },
    fingerprint: "",
    extra: { cityUserId: benchCity.id, adminUserId: benchAdmin.id, cityOrgId: cityOrg.id },
  };
  for (const m of modules) {
    if (!m.generate) continue;
    await m.generate(deps, new Rng(SEED ^ hashName(m.name)), data);
    log(`module ${m.name}`);
  }
  // The rows were bulk-inserted around the modules' writers: their search vectors come from the start-up backfill.
  const searchStarted = performance.now();
  const filled = await backfillSearchVectors(db);
  log(`search vectors ${filled} (${((performance.now() - searchStarted) / 1000).toFixed(1)} s)`);
  // Fresh planner statistics, as autovacuum would have them on a live system.
  await db.execute(sql`ANALYZE`);
  const [{ n: inScope }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(orgs)
    .where(like(orgs.regionCode, "1505%"));
  data.counts.orgsIn1505 = inScope;
  // Rows of this generator only: the first admin and its organization get random ids at bootstrap.
  const fp = await db.execute<{ o: string; u: string }>(sql`SELECT
    (SELECT md5(string_agg(concat_ws('|', id, name, type, region_code, parent_id, uscc, status), ',' ORDER BY id))
      FROM orgs WHERE created_at <= ${new Date(base).toISOString()}) AS o,
    (SELECT md5(string_agg(concat_ws('|', id, username, display_name, org_id, region_code, status), ',' ORDER BY id))
      FROM users WHERE username NOT IN ('admin', 'bench_admin')) AS u`);
  data.fingerprint = `${fp.rows[0].o.slice(0, 12)}/${fp.rows[0].u.slice(0, 12)}`;
  return data;
}

export function hashName(s: string): number {
  let h = 2_166_136_261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16_777_619);
  return h >>> 0;
}
