/**
 * 规划实施监测 at scale (PRODUCT.md §3: banner 500 tasks / 10k reports, province 5,000 tasks / 200k reports).
 *
 * One plan issued by bench_city's organization (通辽市民委, region 1505), 2021-2026 quarterly: 10 chapters × 10
 * sections × N tasks, two units per task drawn from 200 organizations of the scale (the city's own organization
 * carries some tasks), reports for the last n+1 quarters up to 2026Q4 except the 2026Q3 report of one assignment
 * in ten (overdue to-dos) and the 2026Q4 report of the others (not yet due) — exactly n reports per assignment
 * (province: 5,000 tasks, 10,000 assignments, 200,000 reports). Plus 10 inspections with 500 rectifications
 * (some overdue, some escalated).
 *
 * Scenarios: the plan's roll-up (by chapter, unit, region; lagging; compliance; rectifications) and a unit's
 * to-do list, as bench_city (the issuing department, so it may look at a unit's list).
 */
import { inArray, sql } from "drizzle-orm";
import { orgs } from "../../server/modules/org/org.schema.js";
import { periodsOf } from "../../server/modules/plans/periods.js";
import {
  planInspections,
  planNodes,
  planNodeUnits,
  planRectifications,
  planReports,
  plans,
} from "../../server/modules/plans/plans.schema.js";
import { listTodos } from "../../server/modules/plans/report.service.js";
import { rollupJson } from "../../server/modules/plans/rollup.service.js";
import type { Rng } from "../prng.js";
import { replaySqlOf } from "../sql.js";
import type { BenchData, BenchModule, Scenario } from "../types.js";

const BATCH = 1000;
const TASKS = { banner: 500, province: 5000 } as const;
/** Reports per (task, unit): banner 10k / 1,000 assignments, province 200k / 10,000. */
const REPORTS_PER_ASSIGNMENT = { banner: 10, province: 20 } as const;

async function insertBatches<T>(items: T[], write: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += BATCH) await write(items.slice(i, i + BATCH));
}

async function generate(deps: Parameters<NonNullable<BenchModule["generate"]>>[0], rng: Rng, data: BenchData) {
  const db = deps.db;
  const cityOrgId = String(data.extra.cityOrgId);
  const taskCount = TASKS[data.scale.name];
  const perSection = taskCount / 100;
  // 200 responsible units from the generated organizations (active, in 通辽), the city's own among them.
  const candidates = await db
    .select({ id: orgs.id, regionCode: orgs.regionCode })
    .from(orgs)
    .where(
      sql`${orgs.regionCode} >= '1505' AND ${orgs.regionCode} <= '150599999999' AND ${orgs.status} = 'active' AND ${orgs.type} IN ('party_gov', 'institution')`,
    )
    .orderBy(orgs.id)
    .limit(5000);
  const rest = candidates.filter((c) => c.id !== cityOrgId);
  const pool: { id: string; regionCode: string }[] = [];
  while (pool.length < 199 && rest.length > 0) pool.push(rest.splice(rng.int(rest.length), 1)[0]);
  const units = [{ id: cityOrgId, regionCode: "1505" }, ...pool];

  const planId = rng.uuid();
  const periodMeta = { periodStart: 2021, periodEnd: 2026, cycle: "quarterly" as const, graceDays: 10, remindDays: 15 };
  // The last n+1 periods up to 2026Q4; each assignment skips one of the last two (see below): n reports each.
  const perAssignment = REPORTS_PER_ASSIGNMENT[data.scale.name];
  const periods = periodsOf(periodMeta).slice(-(perAssignment + 1));
  const reportFrom = periods[0].key;
  const createdAt = new Date("2021-09-01T00:00:00Z");
  await db.insert(plans).values({
    id: planId,
    title: "通辽市民族团结进步事业发展规划（基准测试）",
    docNumber: "通民委发〔2021〕1号",
    issuingOrgId: cityOrgId,
    regionCode: "1505",
    ...periodMeta,
    status: "active",
    reportFrom,
    createdAt,
    updatedAt: createdAt,
  });

  const nodes: (typeof planNodes.$inferInsert)[] = [];
  const assignments: (typeof planNodeUnits.$inferInsert)[] = [];
  const reports: (typeof planReports.$inferInsert)[] = [];
  let taskNo = 0;
  for (let c = 0; c < 10; c++) {
    const chapterId = rng.uuid();
    nodes.push({
      id: chapterId,
      planId,
      ancestors: [],
      kind: "chapter",
      number: `第${c + 1}章`,
      title: `重点任务领域${c + 1}`,
      sort: c,
      createdAt,
    });
    for (let s = 0; s < 10; s++) {
      const sectionId = rng.uuid();
      nodes.push({
        id: sectionId,
        planId,
        parentId: chapterId,
        ancestors: [chapterId],
        kind: "section",
        number: `第${s + 1}节`,
        title: `推进方向${c + 1}.${s + 1}`,
        sort: s,
        createdAt,
      });
      for (let t = 0; t < perSection; t++) {
        taskNo++;
        const taskId = rng.uuid();
        const lead = taskNo % 100 === 0 ? units[0] : rng.pick(pool);
        let other = rng.pick(units);
        while (other.id === lead.id) other = rng.pick(units);
        nodes.push({
          id: taskId,
          planId,
          parentId: sectionId,
          ancestors: [chapterId, sectionId],
          kind: "task",
          number: `${t + 1}.`,
          title: `任务${taskNo}：推进民族团结进步创建第${taskNo}项工作`,
          text: `任务${taskNo}的具体内容。`,
          sort: t,
          weight: 1 + rng.int(3),
          deadline: rng.chance(0.3) ? `${2023 + rng.int(4)}-12-31` : null,
          leadOrgId: lead.id,
          createdAt,
        });
        for (const [unit, role] of [
          [lead, "lead"],
          [other, "responsible"],
        ] as const) {
          const lagging = rng.chance(0.08);
          const pace = 3 + rng.int(4);
          let last: typeof planReports.$inferInsert | null = null;
          let count = 0;
          let late = 0;
          // One assignment in ten missed 2026Q3 (overdue to-dos); the others have not yet filed 2026Q4.
          const skip = assignments.length % 10 === 0 ? "2026Q3" : "2026Q4";
          for (const [i, p] of periods.entries()) {
            if (p.key === skip) continue;
            const percent = Math.min(100, (i + 1) * pace);
            const status = percent >= 100 ? "completed" : lagging && i > periods.length / 2 ? "lagging" : "in_progress";
            const isLate = rng.chance(0.1);
            const submittedAt = new Date(p.end.getTime() + (isLate ? 15 : 1 + rng.int(9)) * 86_400_000);
            const r = {
              id: rng.uuid(),
              planId,
              nodeId: taskId,
              orgId: unit.id,
              regionCode: unit.regionCode,
              period: p.key,
              status,
              percent,
              narrative: `${p.label}进展情况。`,
              submittedAt,
              dueAt: p.dueAt,
              late: isLate,
              updatedAt: submittedAt,
            } satisfies typeof planReports.$inferInsert;
            reports.push(r);
            last = r;
            count++;
            if (isLate) late++;
          }
          assignments.push({
            nodeId: taskId,
            orgId: unit.id,
            planId,
            regionCode: unit.regionCode,
            role,
            latestReportId: last?.id ?? null,
            latestPeriod: last?.period ?? null,
            status: last?.status ?? null,
            percent: last?.percent ?? null,
            reportedAt: last?.submittedAt ?? null,
            reportCount: count,
            lateCount: late,
            createdAt,
          });
        }
      }
    }
  }
  // Each task's standing from its units' latest reports, as the report service keeps it.
  const byTask = new Map<string, (typeof planNodeUnits.$inferInsert)[]>();
  for (const a of assignments) byTask.set(a.nodeId, [...(byTask.get(a.nodeId) ?? []), a]);
  for (const n of nodes) {
    const us = byTask.get(n.id!);
    if (!us) continue;
    n.completion = us.reduce((sum, u) => sum + (u.percent ?? 0), 0) / us.length;
    n.completed = us.every((u) => u.status === "completed");
    n.idle = us.every((u) => u.status == null || u.status === "not_started");
    n.laggingReported = us.some((u) => u.status === "lagging");
  }
  await db.transaction(async (tx) => {
    await insertBatches(nodes, (b) => tx.insert(planNodes).values(b));
    await insertBatches(assignments, (b) => tx.insert(planNodeUnits).values(b));
    await insertBatches(reports, (b) => tx.insert(planReports).values(b));
    const inspections = Array.from({ length: 10 }, (_, i) => ({
      id: rng.uuid(),
      planId,
      regionCode: "1505",
      orgId: cityOrgId,
      title: `${2022 + Math.floor(i / 2)}年度第${(i % 2) + 1}次督查`,
      inspectedOn: `${2022 + Math.floor(i / 2)}-${i % 2 ? "11" : "05"}-15`,
      createdAt,
    }));
    await tx.insert(planInspections).values(inspections);
    const taskIds = nodes.filter((n) => n.kind === "task").map((n) => n.id!);
    const rects = Array.from({ length: 500 }, (_, i) => {
      const owner = rng.pick(pool);
      const status = rng.weighted([
        ["verified", 3],
        ["closed", 2],
        ["open", 5],
      ] as const);
      const overdue = status === "open" && rng.chance(0.5);
      return {
        planId,
        inspectionId: inspections[i % 10].id,
        seq: Math.floor(i / 10) + 1,
        nodeId: rng.pick(taskIds),
        finding: `督查发现问题${i + 1}`,
        orgId: owner.id,
        regionCode: owner.regionCode,
        deadline: overdue ? "2026-06-30" : "2027-06-30",
        status,
        escalatedAt: overdue && rng.chance(0.4) ? new Date("2026-07-01T00:00:00Z") : null,
        escalatedToOrgId: null,
        createdAt,
        updatedAt: createdAt,
      } satisfies typeof planRectifications.$inferInsert;
    });
    await insertBatches(rects, (b) => tx.insert(planRectifications).values(b));
  });
  // The unit with the most tasks: its to-do list is the heaviest.
  const perUnit = new Map<string, number>();
  for (const a of assignments) if (a.orgId !== cityOrgId) perUnit.set(a.orgId, (perUnit.get(a.orgId) ?? 0) + 1);
  const busiest = [...perUnit].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  data.extra.planId = planId;
  data.extra.planUnitOrgId = busiest[0];
  data.counts.planTasks = taskCount;
  data.counts.planAssignments = assignments.length;
  data.counts.planReports = reports.length;
  data.counts.planUnitTasks = busiest[1];
  // Sanity: the unit orgs exist.
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(orgs)
    .where(
      inArray(
        orgs.id,
        units.map((u) => u.id),
      ),
    );
  if (n !== units.length) throw new Error("规划基准数据的责任单位不完整");
}

const rollup: Scenario["service"] = (deps, actors, data) =>
  rollupJson({ ...deps, actor: actors.city.actor }, String(data.extra.planId));
const rollupFresh: Scenario["service"] = (deps, actors, data) =>
  rollupJson({ ...deps, actor: actors.city.actor }, String(data.extra.planId), { fresh: true });
const unitTodos: Scenario["service"] = (deps, actors, data) =>
  listTodos({ ...deps, actor: actors.city.actor }, String(data.extra.planUnitOrgId));
const cityTodos: Scenario["service"] = (deps, actors) => listTodos({ ...deps, actor: actors.city.actor });

export const benchModule: BenchModule = {
  name: "plans",
  generate,
  scenarios: [
    {
      name: "plans-rollup",
      description:
        "GET /api/plans/:id/rollup as bench_city — completion by chapter/unit/region, lagging tasks, compliance, rectifications of the plan (5,000 tasks, 200,000 reports at province scale); reused while the plan is unchanged, ≤ 1 min",
      method: "GET",
      path: (data) => `/api/plans/${data.extra.planId}/rollup`,
      as: "city",
      service: rollup,
      raw: replaySqlOf(rollup!, { parallel: true }),
    },
    {
      name: "plans-rollup-fresh",
      description:
        "GET /api/plans/:id/rollup?fresh=true as bench_city — the same roll-up recomputed on every request (no cache): the cost of the SQL",
      method: "GET",
      path: (data) => `/api/plans/${data.extra.planId}/rollup?fresh=true`,
      as: "city",
      service: rollupFresh,
      raw: replaySqlOf(rollupFresh!, { parallel: true }),
    },
    {
      name: "plans-todos-unit",
      description: "GET /api/plans/todos?orgId=… as bench_city — the to-do list of the unit carrying the most tasks",
      method: "GET",
      path: (data) => `/api/plans/todos?orgId=${data.extra.planUnitOrgId}`,
      as: "city",
      service: unitTodos,
      raw: replaySqlOf(unitTodos!),
    },
    {
      name: "plans-todos-own",
      description:
        "GET /api/plans/todos as bench_city — the city department's own to-dos (its tasks, rectifications to verify)",
      method: "GET",
      path: "/api/plans/todos",
      as: "city",
      service: cityTodos,
      raw: replaySqlOf(cityTodos!),
    },
  ],
};
