/**
 * The nation scale (PRODUCT.md §3, issue 18): the province dataset of 内蒙古 (generate.ts and every module's
 * generator, unchanged: bench_city, bench_province and the scenarios' own rows stay where they are), then the
 * other 30 provinces written around it with streaming COPY (copy.ts) until each hot table holds the country's
 * size — 1.5M organizations, 500k users, 150k designations, 5M progress reports, 5M activities, 10M service
 * requests — over the whole division tree (665k regions, loaded at bootstrap with provinces "all").
 *
 * Rows are drawn as the province generators draw them (the same level and type mix, names, USCC, statuses, dates
 * spread over the years), placed in the regions of their province, and keyed like the app keys them: every table
 * carries the row's region_code, whose first two digits are the province (the distribution key of docs/scale.md).
 * PostgreSQL only: the streams go through psql's COPY. Nothing is held in memory but the organizations' ids,
 * names and regions (to draw the other tables' units from).
 */
import { sql } from "drizzle-orm";
import { LEVEL_CERT_CODES, LEVEL_REGION_LENGTH, type NamingLevel } from "../contracts/creation.js";
import { SERVICE_CATEGORIES } from "../contracts/services.js";
import type { Deps } from "../server/core/context.js";
import { searchVector } from "../server/core/search.js";
import { ACTIVITY_DOMAINS, ACTIVITY_TYPES, PARTICIPANT_GROUPS } from "../server/modules/activities/activities.dicts.js";
import { validUntilOf } from "../server/modules/creation/dates.js";
import { periodsOf } from "../server/modules/plans/periods.js";
import { copyInto, copyLater } from "./copy.js";
import { LEVEL_WEIGHTS, personName, SEED, TYPE_LABELS, TYPE_WEIGHTS, uscc } from "./generate.js";
import { Rng } from "./prng.js";
import type { BenchData } from "./types.js";

/** Country-wide totals of the hot tables (内蒙古's province rows included). */
export type NationSizes = {
  orgs: number;
  users: number;
  designations: number;
  planReports: number;
  activities: number;
  serviceRequests: number;
};

export const NATION: NationSizes = {
  orgs: 1_500_000,
  users: 500_000,
  designations: 150_000,
  planReports: 5_000_000,
  activities: 5_000_000,
  serviceRequests: 10_000_000,
};

/**
 * The nation sizes times `fraction` (a smaller trial run); `only` keeps those tables (the others get no rows beyond
 * the province's, e.g. a run of the organization and designation scenarios alone).
 */
export function nationSizes(fraction: number, only?: (keyof NationSizes)[] | null): NationSizes {
  const f = (n: number, k: keyof NationSizes) => (only && !only.includes(k) ? 0 : Math.round(n * fraction));
  return {
    orgs: f(NATION.orgs, "orgs"),
    users: f(NATION.users, "users"),
    designations: f(NATION.designations, "designations"),
    planReports: f(NATION.planReports, "planReports"),
    activities: f(NATION.activities, "activities"),
    serviceRequests: f(NATION.serviceRequests, "serviceRequests"),
  };
}

/** Tasks per plan and reports per (task, unit), as the province's plan of 通辽 (5,000 tasks, 20 reports each). */
const PLAN_TASKS = 5000;
const REPORTS_PER_ASSIGNMENT = 20;
const HOME = "15";
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const DAY = 86_400_000;

type Region = { code: string; name: string };

const pad2 = (n: number) => String(n).padStart(2, "0");
const day = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

function trackingCode(i: number) {
  let s = "";
  let n = i;
  for (let k = 0; k < 9; k++) {
    s = ALPHABET[n % 32] + s;
    n = Math.floor(n / 32);
  }
  return `N${s}`;
}

/** A memo for search vectors of texts that repeat (activity titles, narratives, display names). */
function memo(limit = 200_000) {
  const m = new Map<string, string>();
  return (key: string, make: () => string) => {
    let v = m.get(key);
    if (v === undefined) {
      v = make();
      if (m.size < limit) m.set(key, v);
    }
    return v;
  };
}

async function count(deps: Deps, table: string): Promise<number> {
  const r = await deps.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`);
  return Number(r.rows[0].n);
}

async function idOf(deps: Deps, q: ReturnType<typeof sql>): Promise<string> {
  const r = await deps.db.execute<{ id: string }>(q);
  if (!r.rows[0]) throw new Error("nation: 缺少基础数据（角色或字典）");
  return r.rows[0].id;
}

/**
 * Writes the rest of the country around the province dataset already generated (`data`), up to `sizes`.
 * Returns what it wrote per table; `data.counts` gets the country totals.
 */
export async function generateNation(
  deps: Deps,
  url: string,
  data: BenchData,
  sizes: NationSizes,
  log: (msg: string) => void,
): Promise<Record<string, number>> {
  const rng = new Rng(SEED ^ 0x6e6174);
  const written: Record<string, number> = {};
  const t = () => performance.now();
  const timed = async (name: string, run: () => Promise<number>) => {
    const t0 = t();
    const n = await run();
    written[name] = n;
    log(`nation ${name} +${n} (${((t() - t0) / 1000).toFixed(0)} s)`);
  };

  // ---- the division tree outside 内蒙古, by level
  const regionRows = await deps.db.execute<{ code: string; name: string; level: number }>(
    sql`SELECT code, name, level FROM regions WHERE code NOT LIKE ${`${HOME}%`} ORDER BY code`,
  );
  const byLevel = new Map<number, Region[]>();
  for (const r of regionRows.rows) {
    const list = byLevel.get(Number(r.level)) ?? [];
    if (list.length === 0) byLevel.set(Number(r.level), list);
    list.push({ code: r.code, name: r.name });
  }
  if (!byLevel.get(3)?.length) throw new Error('nation: 全国区划未加载（bootstrap 需 provinces: "all"）');
  const levelWeights = LEVEL_WEIGHTS.filter(([lvl]) => (byLevel.get(lvl)?.length ?? 0) > 0);
  const now = new Date();
  const base = Date.parse("2026-01-01T00:00:00Z");

  // ---- organizations: kept as parallel arrays (id, name, region, type), to draw every other table's units from
  const orgIds: string[] = [];
  const orgNames: string[] = [];
  const orgRegions: string[] = [];
  const orgTypes: string[] = [];
  /** Active, not a 民族工作部门: the units of activities, designations, users. */
  const unitIdx: number[] = [];
  /** 民族工作部门 by region code (盟市 and 旗县 level): the issuers of plans. */
  const deptOf = new Map<string, number>();
  /** Per 地级市: up to 400 active 党政机关/事业单位 (a plan's responsible units). */
  const planUnits = new Map<string, number[]>();
  /** Per province: up to 250 active 村(社区)组织/党政机关 (service windows, then receiving departments). */
  const servicePlaces = new Map<string, number[]>();
  /** Per county: up to 30 non-village organizations at 旗县/乡镇 level, to draw parents from. */
  const parents = new Map<string, string[]>();
  const existingOrgs = await count(deps, "orgs");
  const orgTarget = Math.max(0, sizes.orgs - existingOrgs);

  await timed("orgs", async () => {
    const sink = copyInto(url, "orgs", [
      "id",
      "name",
      "short_name",
      "type",
      "region_code",
      "parent_id",
      "uscc",
      "is_ethnic_affairs_dept",
      "is_member_unit",
      "address",
      "contact_phone",
      "status",
      "created_at",
      "updated_at",
      "search",
    ]);
    const serials = new Map<string, number>();
    const push = async (
      r: Region,
      level: number,
      type: string,
      name: string,
      shortName: string | null,
      dept: boolean,
      member: boolean,
      active: boolean,
    ) => {
      const id = rng.uuid();
      const i = orgIds.length;
      orgIds.push(id);
      orgNames.push(name);
      orgRegions.push(r.code);
      orgTypes.push(type);
      const county = r.code.slice(0, 6);
      const ps = level >= 3 && !dept ? parents.get(county) : undefined;
      const createdAt = new Date(base - rng.int(6 * 365 * 86_400) * 1000);
      const hasUscc = dept || (type !== "military" && rng.chance(type === "village_org" ? 0.4 : 0.7));
      await sink.write([
        id,
        name,
        shortName,
        type,
        r.code,
        ps?.length && rng.chance(0.15) ? rng.pick(ps) : null,
        hasUscc ? uscc(type, r.code, 10_000_000 + i) : null,
        dept,
        member,
        !dept && rng.chance(0.6) ? `${r.name}${1 + rng.int(300)}号` : null,
        !dept && rng.chance(0.4) ? `0${10 + rng.int(90)}-${String(8_000_000 + rng.int(1_000_000))}` : null,
        active ? "active" : "disabled",
        createdAt,
        createdAt,
        searchVector(name, shortName),
      ]);
      if (dept) {
        deptOf.set(r.code, i);
        return;
      }
      if (!active) return;
      unitIdx.push(i);
      if (level >= 3 && level <= 4 && type !== "village_org") {
        const list = parents.get(county) ?? [];
        if (list.length === 0) parents.set(county, list);
        if (list.length < 30) list.push(id);
      }
      if (level >= 2 && (type === "party_gov" || type === "institution")) {
        const city = r.code.slice(0, 4);
        const list = planUnits.get(city) ?? [];
        if (list.length === 0) planUnits.set(city, list);
        if (list.length < 400) list.push(i);
      }
      if (type === "village_org" || type === "party_gov") {
        const p = r.code.slice(0, 2);
        const list = servicePlaces.get(p) ?? [];
        if (list.length === 0) servicePlaces.set(p, list);
        if (list.length < 250) list.push(i);
      }
    };
    // The 民族工作部门 of every 市 and 县 (as the province generator does for 内蒙古).
    for (const level of [2, 3])
      for (const r of byLevel.get(level) ?? []) {
        if (orgIds.length >= orgTarget) break;
        const nm = r.name === "市辖区" || r.name === "县" ? `${r.code}` : r.name;
        await push(
          r,
          level,
          "party_gov",
          `${nm}${level === 2 ? "民族宗教事务委员会" : "民族宗教事务局"}`,
          level === 2 ? "民宗委" : "民宗局",
          true,
          true,
          true,
        );
      }
    while (orgIds.length < orgTarget) {
      const level = rng.weighted(levelWeights);
      const r = rng.pick(byLevel.get(level)!);
      const type = rng.weighted(TYPE_WEIGHTS[level]);
      const key = `${r.code}|${type}`;
      const n = (serials.get(key) ?? 0) + 1;
      serials.set(key, n);
      await push(
        r,
        level,
        type,
        `${r.name}第${n}${TYPE_LABELS.get(type) ?? type}`,
        null,
        false,
        type === "party_gov" && level <= 3 && rng.chance(0.3),
        !rng.chance(0.02),
      );
    }
    return sink.end();
  });

  // ---- users: unit_user of a random unit, one password hash (the bench users') reused
  await timed("users", async () => {
    const hash = await deps.db.execute<{ h: string }>(
      sql`SELECT password_hash AS h FROM users WHERE id = ${String(data.extra.cityUserId)}`,
    );
    const passwordHash = hash.rows[0].h;
    const unitRole = await idOf(deps, sql`SELECT id FROM roles WHERE code = 'unit_user'`);
    const target = Math.max(0, sizes.users - (await count(deps, "users")));
    if (!unitIdx.length) return 0;
    const users = copyInto(url, "users", [
      "id",
      "username",
      "display_name",
      "org_id",
      "region_code",
      "status",
      "password_hash",
      "password_changed_at",
      "must_change_password",
      "created_at",
      "updated_at",
      "search",
    ]);
    const roles = copyLater(url, "user_roles", ["user_id", "role_id"]);
    const vectors = memo();
    const PLACEHOLDER = "bn0000000";
    for (let i = 1; i <= target; i++) {
      const o = unitIdx[rng.int(unitIdx.length)];
      const id = rng.uuid();
      const username = `bn${String(i).padStart(7, "0")}`;
      const displayName = personName(rng);
      // The username is one latin lexeme in front of the name's: the name's part is the same for every user.
      const vec = vectors(displayName, () => searchVector(PLACEHOLDER, displayName)).replace(
        `'${PLACEHOLDER}'`,
        `'${username}'`,
      );
      const created = new Date(base - rng.int(3 * 365) * DAY);
      await users.write([
        id,
        username,
        displayName,
        orgIds[o],
        orgRegions[o],
        rng.chance(0.01) ? "disabled" : "active",
        passwordHash,
        created,
        false,
        created,
        created,
        vec,
      ]);
      await roles.write([id, unitRole]);
    }
    const n = await users.end();
    await roles.end();
    return n;
  });

  // ---- designations: as creation's generator, named between 2019 and this year at four levels
  await timed("creation_designations", async () => {
    const target = Math.max(0, sizes.designations - (await count(deps, "creation_designations")));
    if (!unitIdx.length) return 0;
    const sink = copyInto(url, "creation_designations", [
      "id",
      "org_id",
      "unit_name",
      "region_code",
      "category",
      "level",
      "issuer_region_code",
      "certificate_no",
      "doc_number",
      "named_on",
      "valid_from",
      "valid_until",
      "status",
      "revoked_at",
      "revoke_reason",
      "created_at",
      "updated_at",
      "search",
    ]);
    const today = day(Date.now());
    const year = Number(today.slice(0, 4));
    const horizon = day(Date.now() + 182 * DAY);
    const levels: [NamingLevel, number][] = [
      ["county", 55],
      ["city", 30],
      ["region", 12],
      ["national", 3],
    ];
    const from = Date.parse("2019-01-01T00:00:00Z");
    const span = Math.floor((Date.parse(`${year}-06-30T00:00:00Z`) - from) / DAY);
    const CATEGORY: Record<string, string> = {
      party_gov: "organ",
      institution: "hospital",
      school: "school",
      enterprise: "enterprise",
      village_org: "village",
      religious_site: "religious_site",
      military: "military",
      social_org: "network",
      other: "other",
    };
    for (let i = 0; i < target; ) {
      const o = unitIdx[rng.int(unitIdx.length)];
      const region = orgRegions[o];
      const level = rng.weighted(levels);
      const len = LEVEL_REGION_LENGTH[level];
      if (region.length < len) continue;
      i++;
      const namedOn = day(from + rng.int(span + 1) * DAY - 8 * 3_600_000);
      const validUntil = validUntilOf(namedOn, 5); // 29 February + 5 years is not a date
      const issuer = region.slice(0, len);
      const status = rng.chance(0.03)
        ? "revoked"
        : validUntil < today
          ? "expired"
          : validUntil <= horizon
            ? "reverifying"
            : "valid";
      await sink.write([
        rng.uuid(),
        orgIds[o],
        orgNames[o],
        region,
        CATEGORY[orgTypes[o]] ?? "other",
        level,
        issuer,
        `${namedOn.slice(0, 4)}-${LEVEL_CERT_CODES[level]}-${issuer}-N${String(i).padStart(7, "0")}`,
        `民宗委发〔${namedOn.slice(0, 4)}〕${1 + rng.int(60)}号`,
        namedOn,
        namedOn,
        validUntil,
        status,
        status === "revoked" ? now : null,
        status === "revoked" ? "other" : null,
        now,
        now,
        searchVector(orgNames[o]),
      ]);
    }
    return sink.end();
  });

  // ---- plans of other 地级市 (each like 通辽's: 5,000 tasks, two units each, 20 quarterly reports per unit)
  await timed("plan_reports", async () => {
    const target = Math.max(0, sizes.planReports - (await count(deps, "plan_reports")));
    const perPlan = PLAN_TASKS * 2 * REPORTS_PER_ASSIGNMENT;
    const cities = [...planUnits.entries()]
      .filter(([city, units]) => units.length >= 50 && deptOf.has(city))
      .sort(([a], [b]) => (a < b ? -1 : 1));
    const planCount = Math.min(cities.length, Math.ceil(target / perPlan));
    if (planCount === 0) return 0;
    const tasksPerPlan = Math.max(
      100,
      Math.min(PLAN_TASKS, Math.ceil(target / planCount / 2 / REPORTS_PER_ASSIGNMENT)),
    );
    const planSink = copyInto(url, "plans", [
      "id",
      "title",
      "doc_number",
      "issuing_org_id",
      "region_code",
      "period_start",
      "period_end",
      "cycle",
      "status",
      "report_from",
      "created_at",
      "updated_at",
      "search",
    ]);
    const nodeSink = copyInto(url, "plan_nodes", [
      "id",
      "plan_id",
      "parent_id",
      "ancestors",
      "kind",
      "number",
      "title",
      "text",
      "sort",
      "weight",
      "lead_org_id",
      "completion",
      "completed",
      "idle",
      "lagging_reported",
      "created_at",
      "updated_at",
      "search",
    ]);
    const unitSink = copyInto(url, "plan_node_units", [
      "node_id",
      "org_id",
      "plan_id",
      "region_code",
      "role",
      "latest_report_id",
      "latest_period",
      "status",
      "percent",
      "reported_at",
      "report_count",
      "late_count",
      "created_at",
    ]);
    const reportSink = copyInto(url, "plan_reports", [
      "id",
      "plan_id",
      "node_id",
      "org_id",
      "region_code",
      "period",
      "status",
      "percent",
      "narrative",
      "submitted_at",
      "due_at",
      "late",
      "updated_at",
      "search",
    ]);
    const periodMeta = {
      periodStart: 2021,
      periodEnd: 2026,
      cycle: "quarterly" as const,
      graceDays: 10,
      remindDays: 15,
    };
    const periods = periodsOf(periodMeta).slice(-(REPORTS_PER_ASSIGNMENT + 1));
    const vectors = memo();
    const createdAt = new Date("2021-09-01T00:00:00Z");
    let reports = 0;
    for (let k = 0; k < planCount; k++) {
      const [city, units] = cities[k];
      const issuer = deptOf.get(city)!;
      const planId = rng.uuid();
      const title = `${orgNames[issuer].replace(/民族宗教事务委员会$/, "")}民族团结进步事业发展规划（基准测试）`;
      await planSink.write([
        planId,
        title,
        `民宗委发〔2021〕${k + 1}号`,
        orgIds[issuer],
        city,
        2021,
        2026,
        "quarterly",
        "active",
        periods[0].key,
        createdAt,
        createdAt,
        searchVector(title, `民宗委发〔2021〕${k + 1}号`),
      ]);
      const perSection = Math.ceil(tasksPerPlan / 100);
      let taskNo = 0;
      let assignmentNo = 0;
      for (let c = 0; c < 10; c++) {
        const chapterId = rng.uuid();
        const ct = `重点任务领域${c + 1}`;
        await nodeSink.write([
          chapterId,
          planId,
          null,
          [],
          "chapter",
          `第${c + 1}章`,
          ct,
          "",
          c,
          1,
          null,
          0,
          false,
          true,
          false,
          createdAt,
          createdAt,
          vectors(ct, () => searchVector(ct)),
        ]);
        for (let s = 0; s < 10; s++) {
          const sectionId = rng.uuid();
          const st = `推进方向${c + 1}.${s + 1}`;
          await nodeSink.write([
            sectionId,
            planId,
            chapterId,
            [chapterId],
            "section",
            `第${s + 1}节`,
            st,
            "",
            s,
            1,
            null,
            0,
            false,
            true,
            false,
            createdAt,
            createdAt,
            vectors(st, () => searchVector(st)),
          ]);
          for (let tk = 0; tk < perSection; tk++) {
            taskNo++;
            const taskId = rng.uuid();
            const lead = units[rng.int(units.length)];
            let other = units[rng.int(units.length)];
            while (other === lead) other = units[rng.int(units.length)];
            const standing: { status: string; percent: number }[] = [];
            for (const [unit, role] of [
              [lead, "lead"],
              [other, "responsible"],
            ] as const) {
              const lagging = rng.chance(0.08);
              const pace = 3 + rng.int(4);
              const skip = assignmentNo++ % 10 === 0 ? "2026Q3" : "2026Q4";
              let last: { id: string; period: string; status: string; percent: number; at: Date } | null = null;
              let n = 0;
              let late = 0;
              for (const [i, p] of periods.entries()) {
                if (p.key === skip) continue;
                const percent = Math.min(100, (i + 1) * pace);
                const status =
                  percent >= 100 ? "completed" : lagging && i > periods.length / 2 ? "lagging" : "in_progress";
                const isLate = rng.chance(0.1);
                const submittedAt = new Date(p.end.getTime() + (isLate ? 15 : 1 + rng.int(9)) * DAY);
                const id = rng.uuid();
                const narrative = `${p.label}进展情况。`;
                await reportSink.write([
                  id,
                  planId,
                  taskId,
                  orgIds[unit],
                  orgRegions[unit],
                  p.key,
                  status,
                  percent,
                  narrative,
                  submittedAt,
                  p.dueAt,
                  isLate,
                  submittedAt,
                  vectors(narrative, () => searchVector(narrative)),
                ]);
                reports++;
                last = { id, period: p.key, status, percent, at: submittedAt };
                n++;
                if (isLate) late++;
              }
              standing.push({ status: last?.status ?? "not_started", percent: last?.percent ?? 0 });
              await unitSink.write([
                taskId,
                orgIds[unit],
                planId,
                orgRegions[unit],
                role,
                last?.id ?? null,
                last?.period ?? null,
                last?.status ?? null,
                last?.percent ?? null,
                last?.at ?? null,
                n,
                late,
                createdAt,
              ]);
            }
            const tt = `任务${taskNo}：推进民族团结进步创建第${taskNo}项工作`;
            await nodeSink.write([
              taskId,
              planId,
              sectionId,
              [chapterId, sectionId],
              "task",
              `${tk + 1}.`,
              tt,
              `任务${taskNo}的具体内容。`,
              tk,
              1 + rng.int(3),
              orgIds[lead],
              standing.reduce((sum, u) => sum + u.percent, 0) / standing.length,
              standing.every((u) => u.status === "completed"),
              false,
              standing.some((u) => u.status === "lagging"),
              createdAt,
              createdAt,
              vectors(tt, () => searchVector(tt)),
            ]);
          }
        }
      }
    }
    await planSink.end();
    await nodeSink.end();
    await unitSink.end();
    await reportSink.end();
    written.plans = planCount;
    return reports;
  });

  // ---- activities: 2024–2026, September heavier (宣传月), 85 % confirmed
  await timed("activity_records", async () => {
    const target = Math.max(0, sizes.activities - (await count(deps, "activity_records")));
    if (!unitIdx.length) return 0;
    const createdBy = String(data.extra.cityUserId);
    const sink = copyInto(url, "activity_records", [
      "id",
      "type_code",
      "domain_code",
      "title",
      "start_date",
      "end_date",
      "region_code",
      "address",
      "org_id",
      "participants",
      "participant_total",
      "summary",
      "status",
      "confirmed_by",
      "confirmed_at",
      "return_reason",
      "created_by",
      "created_at",
      "updated_at",
      "search",
    ]);
    const vectors = memo();
    const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    const STATUSES = ["submitted", "returned", "draft"];
    for (let i = 0; i < target; i++) {
      const o = unitIdx[rng.int(unitIdx.length)];
      const year = 2024 + rng.int(3);
      const month = rng.int(5) === 0 ? 9 : 1 + rng.int(12);
      const d = 1 + rng.int(MONTH_DAYS[month - 1]);
      const startDate = `${year}-${pad2(month)}-${pad2(d)}`;
      const roll = rng.int(20);
      const status = roll < 17 ? "confirmed" : STATUSES[roll - 17];
      const a = 5 + rng.int(200);
      const b = rng.int(60);
      const g1 = PARTICIPANT_GROUPS[rng.int(PARTICIPANT_GROUPS.length)][0];
      const g2 = PARTICIPANT_GROUPS[rng.int(PARTICIPANT_GROUPS.length)][0];
      const [typeCode, typeLabel] = ACTIVITY_TYPES[rng.int(ACTIVITY_TYPES.length)];
      const domainCode = ACTIVITY_DOMAINS[rng.int(ACTIVITY_DOMAINS.length)][0];
      const title = `${TYPE_LABELS.get(orgTypes[o]) ?? ""}开展${typeLabel}`;
      const at = new Date(`${startDate}T10:00:00+08:00`);
      await sink.write([
        rng.uuid(),
        typeCode,
        domainCode,
        title,
        startDate,
        startDate,
        orgRegions[o],
        "活动现场",
        orgIds[o],
        g1 === g2 ? { [g1]: a + b } : { [g1]: a, [g2]: b },
        a + b,
        "基准测试活动简介",
        status,
        status === "confirmed" ? createdBy : null,
        status === "confirmed" ? at : null,
        status === "returned" ? "材料不全" : null,
        createdBy,
        at,
        at,
        vectors(title, () => searchVector(title, "基准测试活动简介", "活动现场")),
      ]);
    }
    return sink.end();
  });

  // ---- service requests: windows (200 per province) and departments (50 per province), 2024–2026
  await timed("service_requests", async () => {
    const target = Math.max(0, sizes.serviceRequests - (await count(deps, "service_requests")));
    const provinces = [...servicePlaces.entries()].filter(([, l]) => l.length >= 10);
    if (target === 0 || provinces.length === 0) return 0;
    const windowSink = copyInto(url, "service_windows", ["id", "org_id", "region_code", "name", "address", "hours"]);
    const windows: { id: string; org: number; province: number }[] = [];
    const departments: number[][] = [];
    for (const [p, places] of provinces) {
      const pi = departments.length;
      const take = Math.min(200, places.length - 5);
      for (let k = 0; k < take; k++) {
        const o = places[k];
        const id = rng.uuid();
        windows.push({ id, org: o, province: pi });
        await windowSink.write([
          id,
          orgIds[o],
          orgRegions[o],
          `服务窗口 ${p}-${k + 1}`,
          "便民服务中心",
          "工作日 8:30-17:30",
        ]);
      }
      departments.push(places.slice(take, take + 50));
    }
    written.service_windows = await windowSink.end();
    const reqSink = copyInto(url, "service_requests", [
      "id",
      "tracking_code",
      "category",
      "channel",
      "description",
      "language",
      "window_id",
      "org_id",
      "region_code",
      "green",
      "legal_basis",
      "name_enc",
      "phone_enc",
      "status",
      "dept_org_id",
      "referral_id",
      "accept_due_on",
      "due_on",
      "referred_at",
      "received_at",
      "answer",
      "answered_at",
      "answered_on_time",
      "closed_at",
      "satisfaction",
      "rated_at",
      "created_at",
      "updated_at",
    ]);
    const refSink = copyLater(url, "service_referrals", [
      "id",
      "request_id",
      "from_org_id",
      "to_org_id",
      "days",
      "referred_at",
      "accept_due_on",
      "due_on",
      "outcome",
      "received_at",
      "responded_at",
    ]);
    const nameEnc = deps.cipher.encrypt("基准测试");
    const phoneEnc = deps.cipher.encrypt("13900000000");
    const cats = SERVICE_CATEGORIES.map(([c]) => c);
    const start = Date.parse("2024-01-02T01:00:00Z");
    const span = Date.parse("2026-11-30T01:00:00Z") - start;
    const CLOSED = ["accepted", "accepted", "answered", "closed"];
    const REFERRED = ["referred", "received", "answered", "closed"];
    const OUTCOME = ["pending", "received", "answered", "answered"];
    const RATING = ["satisfied", "basically", "dissatisfied"];
    const CHANNELS = ["window", "hotline", "online"];
    let referrals = 0;
    for (let i = 0; i < target; i++) {
      const w = windows[rng.int(windows.length)];
      const depts = departments[w.province];
      const category = rng.int(10) === 0 ? "legal_aid" : cats[1 + rng.int(cats.length - 1)];
      const created = start + Math.floor((i / target) * span);
      const id = rng.uuid();
      const roll = rng.int(10);
      const referred = roll < 7 && depts.length > 0;
      const toOrg = referred ? orgIds[depts[rng.int(depts.length)]] : null;
      const refId = referred ? rng.uuid() : null;
      const dueMs = created + (category === "legal_aid" ? 5 : 14) * DAY;
      // Older requests are settled; of the last month's, some are still open.
      const recent = created > start + span - 30 * DAY;
      const stage = recent ? rng.int(4) : roll < 6 ? 3 : roll < 7 ? 2 + rng.int(2) : roll < 9 ? 2 : 3;
      const answeredAt = stage >= 2 ? new Date(created + rng.int(20) * DAY) : null;
      await reqSink.write([
        id,
        trackingCode(i),
        category,
        CHANNELS[rng.int(3)],
        "基准测试服务申请",
        rng.int(10) === 0 ? "少数民族语言" : "汉语",
        w.id,
        orgIds[w.org],
        orgRegions[w.org],
        category === "legal_aid",
        "本人申请并同意",
        nameEnc,
        phoneEnc,
        (referred ? REFERRED : CLOSED)[stage],
        referred && stage < 2 ? toOrg : null,
        refId,
        referred ? day(created + DAY) : null,
        referred ? day(dueMs) : null,
        referred ? new Date(created) : null,
        referred && stage >= 1 ? new Date(created + 3_600_000) : null,
        stage >= 2 ? "已办理" : null,
        answeredAt,
        answeredAt ? answeredAt.getTime() <= dueMs : null,
        stage === 3 ? answeredAt : null,
        stage === 3 ? RATING[rng.int(3)] : null,
        stage === 3 ? answeredAt : null,
        new Date(created),
        new Date(created),
      ]);
      if (refId) {
        referrals++;
        await refSink.write([
          refId,
          id,
          orgIds[w.org],
          toOrg,
          category === "legal_aid" ? 3 : 10,
          new Date(created),
          day(created + DAY),
          day(dueMs),
          OUTCOME[stage],
          stage >= 1 ? new Date(created + 3_600_000) : null,
          answeredAt,
        ]);
      }
    }
    const n = await reqSink.end();
    written.service_referrals = referrals;
    await refSink.end();
    return n;
  });

  const a0 = t();
  await deps.db.execute(sql`ANALYZE`);
  log(`nation ANALYZE (${((t() - a0) / 1000).toFixed(0)} s)`);
  for (const table of [
    "regions",
    "orgs",
    "users",
    "creation_designations",
    "plan_reports",
    "activity_records",
    "service_requests",
    "service_referrals",
  ])
    data.counts[`nation_${table}`] = await count(deps, table);
  return written;
}
