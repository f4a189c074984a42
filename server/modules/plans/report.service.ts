/**
 * Progress reports (进度报送): a responsible unit reports on each of its tasks once per period — status, percent,
 * narrative, metric value, evidence from its material library and activity records (活动) it may read. A report for a period is late when first
 * submitted after the period's deadline; a period with no report after its deadline is missing. Reports can
 * be revised (each revision audited); the `late` flag stays what the first submission made it.
 *
 * The lead unit of a task sees every co-unit's reports on it; other units see their own.
 * To-dos are derived, not stored: a period's report becomes a to-do `remindDays` before its deadline and stays
 * one (overdue after the deadline) until submitted; open rectifications, rectifications awaiting verification
 * and rectifications escalated to an organization are its to-dos too.
 */
import { and, asc, desc, eq, isNull, ne, or, type SQL, sql } from "drizzle-orm";
import type {
  MyTaskQuery,
  PeriodView,
  ReportInput,
  ReportListQuery,
  ReportView,
  SubmissionQuery,
  TodoView,
} from "../../../contracts/plan-progress.js";
import type { SubmissionState } from "../../../contracts/plans.js";
import { inScope, requireScope, scopeFor } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { AppError, errors } from "../../core/errors.js";
import { t } from "../../core/i18n.js";
import { paged, pageResult } from "../../core/paging.js";
import { searchQuery } from "../../core/search.js";
import { assertActivitiesUsable } from "../activities/index.js";
import { diff, recordAudit } from "../audit/index.js";
import { assertMaterialsUsable } from "../materials/index.js";
import { orgBriefs } from "../org/index.js";
import {
  endOfBeijingDay,
  lastDuePeriod,
  owedPeriods,
  type Period,
  periodAt,
  periodByKey,
  periodLabel,
  periodsOf,
} from "./periods.js";
import { loadVisibleNode, treeOrder } from "./plan.service.js";
import { bumpRevision, loadPlanAccess, type PlanAccessInfo, type PlanRow } from "./plan-access.js";
import { planNodes, planNodeUnits, planReports, plans } from "./plans.schema.js";
import { reportSearch } from "./plans.search.js";
import { refreshAssignments } from "./tree-edit.service.js";

type ReportRow = typeof planReports.$inferSelect;

export function periodViews(plan: PlanRow, now: Date): PeriodView[] {
  const t0 = now.getTime();
  return periodsOf(plan).map((p) => ({
    key: p.key,
    label: p.label,
    start: p.start.toISOString(),
    end: p.end.toISOString(),
    dueAt: p.dueAt.toISOString(),
    remindAt: p.remindAt.toISOString(),
    state: t0 >= p.end.getTime() ? "past" : t0 >= p.start.getTime() ? "current" : "future",
  }));
}

export async function listPeriods(ctx: Ctx, planId: string) {
  const info = await loadPlanAccess(ctx, planId);
  return periodViews(info.plan, ctx.clock.now());
}

function toReport(
  r: ReportRow,
  node: { number: string; title: string },
  names: Map<string, { name: string }>,
): ReportView {
  return {
    id: r.id,
    planId: r.planId,
    nodeId: r.nodeId,
    nodeNumber: node.number,
    nodeTitle: node.title,
    orgId: r.orgId,
    orgName: names.get(r.orgId)?.name ?? "",
    period: r.period,
    periodLabel: periodLabel(r.period),
    status: r.status,
    percent: r.percent,
    narrative: r.narrative,
    metricValue: r.metricValue,
    evidence: r.evidence as ReportView["evidence"],
    activities: r.activities as ReportView["activities"],
    submittedAt: r.submittedAt.toISOString(),
    dueAt: r.dueAt.toISOString(),
    late: r.late,
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Status and percent must agree: 未启动 is 0 %, 已完成 is 100 %, and 100 % is 已完成. */
function checkConsistency(input: ReportInput) {
  if (input.status === "completed" && input.percent !== 100) throw errors.field("percent", "plans.completed_needs_100");
  if (input.status !== "completed" && input.percent === 100) throw errors.field("status", "plans.full_means_completed");
  if (input.status === "not_started" && input.percent !== 0) throw errors.field("percent", "plans.not_started_is_0");
}

/** The period a report is for: one of the plan's periods, already begun. */
export function reportPeriod(plan: PlanRow, key: string, now: Date): Period {
  const period = periodByKey(plan, key);
  if (!period) throw errors.field("period", "plans.period_not_in_plan", { period: key });
  if (period.start.getTime() > now.getTime())
    throw errors.field("period", "plans.period_not_started", { period: period.label });
  return period;
}

/** Submits (or revises) the caller's organization's report on a task for a period. */
export async function submitReport(ctx: Ctx, planId: string, nodeId: string, input: ReportInput): Promise<ReportView> {
  checkConsistency(input);
  const id = await ctx.db.transaction(async (tx) => {
    const info = await loadPlanAccess(ctx, planId, tx);
    const { node, units } = await loadVisibleNode(ctx, info, nodeId, tx);
    if (node.kind !== "task") throw new AppError(400, "NOT_A_TASK", t("plans.report_only_tasks"));
    const mine = units.find((u) => u.orgId === ctx.actor.orgId);
    if (!mine) throw new AppError(403, "NOT_RESPONSIBLE", t("plans.not_responsible"));
    if (info.plan.status !== "active")
      throw errors.conflict("PLAN_NOT_ACTIVE", "plans.not_active", { status: t(`plans.status.${info.plan.status}`) });
    const now = ctx.clock.now();
    const period = reportPeriod(info.plan, input.period, now);
    const evidence = (await assertMaterialsUsable(ctx, input.evidenceIds, "evidenceIds", tx)).map((m) => ({
      id: m.id,
      title: m.title,
      fileName: m.fileName,
    }));
    const activities = (await assertActivitiesUsable(ctx, input.activityIds, "activityIds", tx)).map((a) => ({
      id: a.id,
      title: a.title,
      startDate: a.startDate,
      orgName: a.orgName,
    }));
    const [existing] = await tx
      .select()
      .from(planReports)
      .where(
        and(eq(planReports.nodeId, nodeId), eq(planReports.orgId, ctx.actor.orgId), eq(planReports.period, period.key)),
      );
    const fields = {
      status: input.status,
      percent: input.percent,
      narrative: input.narrative,
      metricValue: input.metricValue ?? null,
      evidence,
      activities,
    };
    let reportId: string;
    if (existing) {
      await tx
        .update(planReports)
        .set({ ...fields, search: reportSearch(fields), updatedAt: now })
        .where(eq(planReports.id, existing.id));
      reportId = existing.id;
      await recordAudit(tx, ctx.clock, ctx.actor, {
        category: "data",
        action: "plan.report.update",
        entity: "plan_report",
        entityId: existing.id,
        regionCode: ctx.actor.regionCode,
        orgId: ctx.actor.orgId,
        summary: `修改任务“${node.title}”${period.label}进度报告`,
        changes: diff(
          {
            status: existing.status,
            percent: existing.percent,
            narrative: existing.narrative,
            metricValue: existing.metricValue,
            evidence: existing.evidence,
            activities: existing.activities,
          },
          fields,
        ),
      });
    } else {
      const late = now.getTime() > period.dueAt.getTime();
      const [row] = await tx
        .insert(planReports)
        .values({
          planId,
          nodeId,
          orgId: ctx.actor.orgId,
          regionCode: ctx.actor.regionCode,
          period: period.key,
          ...fields,
          search: reportSearch(fields),
          submittedBy: ctx.actor.userId,
          submittedAt: now,
          dueAt: period.dueAt,
          late,
          updatedAt: now,
        })
        .returning({ id: planReports.id });
      reportId = row.id;
      await recordAudit(tx, ctx.clock, ctx.actor, {
        category: "data",
        action: "plan.report.submit",
        entity: "plan_report",
        entityId: row.id,
        regionCode: ctx.actor.regionCode,
        orgId: ctx.actor.orgId,
        summary: `报送任务“${node.title}”${period.label}进度${late ? "（逾期）" : ""}`,
        changes: diff(null, { period: period.key, ...fields, late }),
      });
    }
    await refreshAssignments(tx, [nodeId], ctx.actor.orgId);
    await bumpRevision(tx, planId);
    return reportId;
  });
  const [row] = await ctx.db.select().from(planReports).where(eq(planReports.id, id));
  const [node] = await ctx.db.select().from(planNodes).where(eq(planNodes.id, row.nodeId));
  const names = await orgBriefs(ctx.db, [row.orgId]);
  return toReport(row, node, names);
}

/** The reports a caller sees in a plan: all (manage/read), or its own plus its lead tasks' (unit). */
export function reportScopeWhere(info: PlanAccessInfo, orgId: string): SQL | undefined {
  if (info.access !== "unit") return undefined;
  return or(
    eq(planReports.orgId, orgId),
    sql`${planReports.nodeId} IN (SELECT node_id FROM plan_node_units WHERE plan_id = ${info.plan.id} AND org_id = ${orgId} AND role = 'lead')`,
  );
}

export async function listReports(ctx: Ctx, planId: string, q: ReportListQuery) {
  const info = await loadPlanAccess(ctx, planId);
  const conds: (SQL | undefined)[] = [eq(planReports.planId, planId), reportScopeWhere(info, ctx.actor.orgId)];
  if (q.period) conds.push(eq(planReports.period, q.period));
  if (q.nodeId) conds.push(eq(planReports.nodeId, q.nodeId));
  if (q.orgId) conds.push(eq(planReports.orgId, q.orgId));
  if (q.status) conds.push(eq(planReports.status, q.status));
  if (q.late !== undefined) conds.push(eq(planReports.late, q.late));
  if (q.q) conds.push(sql`(${searchQuery(planReports.search, q.q)} OR ${searchQuery(planNodes.search, q.q)})`);
  const where = and(...conds.filter(Boolean));
  const [rows, [{ total }]] = await Promise.all([
    paged(
      ctx.db
        .select({ r: planReports, number: planNodes.number, title: planNodes.title })
        .from(planReports)
        .innerJoin(planNodes, eq(planNodes.id, planReports.nodeId))
        .where(where)
        .orderBy(desc(planReports.period), treeOrder(planNodes.ancestors, planNodes.sort), asc(planReports.orgId)),
      q,
    ),
    ctx.db
      .select({ total: sql<number>`count(*)::int` })
      .from(planReports)
      .innerJoin(planNodes, eq(planNodes.id, planReports.nodeId))
      .where(where),
  ]);
  const names = await orgBriefs(
    ctx.db,
    rows.map((r) => r.r.orgId),
  );
  return pageResult(
    rows.map((r) => toReport(r.r, r, names)),
    total,
    q,
  );
}

/** A node with its units and the reports on it the caller may see. */
export async function nodeDetail(ctx: Ctx, planId: string, nodeId: string) {
  const info = await loadPlanAccess(ctx, planId);
  const { node, view, seen } = await loadVisibleNode(ctx, info, nodeId);
  let reports: ReportView[] = [];
  if (node.kind === "task" && seen !== "outline") {
    const rows = await ctx.db
      .select()
      .from(planReports)
      .where(and(eq(planReports.nodeId, nodeId), reportScopeWhere(info, ctx.actor.orgId)))
      .orderBy(desc(planReports.period), asc(planReports.orgId));
    const names = await orgBriefs(
      ctx.db,
      rows.map((r) => r.orgId),
    );
    reports = rows.map((r) => toReport(r, node, names));
  }
  return { node: view, planId, access: info.access, reports };
}

// ---------------------------------------------------------------------------------------------
// 报送情况: who reported a period, in time or late, and who has not

function stateSql(dueAt: Date, now: Date) {
  return sql<SubmissionState>`CASE WHEN r.id IS NOT NULL THEN (CASE WHEN r.late THEN 'late' ELSE 'on_time' END)
    WHEN ${now.toISOString()}::timestamptz > ${dueAt.toISOString()}::timestamptz THEN 'missing' ELSE 'pending' END`;
}

export async function listSubmissions(ctx: Ctx, planId: string, q: SubmissionQuery) {
  const info = await loadPlanAccess(ctx, planId);
  const now = ctx.clock.now();
  const period = q.period
    ? periodByKey(info.plan, q.period)
    : (lastDuePeriod(info.plan, now) ?? periodAt(info.plan, now));
  if (!period) throw errors.field("period", "plans.period_not_in_plan", { period: q.period });
  const unit = info.access === "unit";
  const orgId = ctx.actor.orgId;
  const visible = unit
    ? sql`AND (u.org_id = ${orgId} OR u.node_id IN (SELECT node_id FROM plan_node_units WHERE plan_id = ${planId} AND org_id = ${orgId} AND role = 'lead'))`
    : sql``;
  const base = sql`
    FROM plan_node_units u
    JOIN plan_nodes n ON n.id = u.node_id AND n.plan_id = ${planId} AND n.deleted_at IS NULL AND n.kind = 'task'
    LEFT JOIN plan_reports r ON r.node_id = u.node_id AND r.org_id = u.org_id AND r.period = ${period.key}
    WHERE u.plan_id = ${planId} ${visible} ${q.orgId ? sql`AND u.org_id = ${q.orgId}` : sql``}`;
  const state = stateSql(period.dueAt, now);
  const [countRows, rows] = await Promise.all([
    ctx.db.execute<{ state: SubmissionState; n: number }>(
      sql`SELECT ${state} AS state, count(*)::int AS n ${base} GROUP BY 1`,
    ),
    ctx.db.execute<{
      node_id: string;
      number: string;
      title: string;
      org_id: string;
      role: "lead" | "responsible";
      state: SubmissionState;
      report_id: string | null;
      submitted_at: string | null;
      status: ReportRow["status"] | null;
      percent: number | null;
    }>(sql`SELECT * FROM (SELECT u.node_id, n.number, n.title, ${treeOrder(sql`n.ancestors`, sql`n.sort`)} AS tree_order, u.org_id, u.role, ${state} AS state,
        r.id AS report_id, r.submitted_at, r.status, r.percent ${base}) s
      ${q.state ? sql`WHERE s.state = ${q.state}` : sql``}
      ORDER BY s.org_id, s.tree_order, s.node_id
      LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`),
  ]);
  const counts = { on_time: 0, late: 0, missing: 0, pending: 0 };
  for (const c of countRows.rows) counts[c.state] = Number(c.n);
  const names = await orgBriefs(
    ctx.db,
    rows.rows.map((r) => r.org_id),
  );
  return {
    period: period.key,
    periodLabel: period.label,
    dueAt: period.dueAt.toISOString(),
    counts,
    items: rows.rows.map((r) => ({
      nodeId: r.node_id,
      nodeNumber: r.number,
      nodeTitle: r.title,
      orgId: r.org_id,
      orgName: names.get(r.org_id)?.name ?? "",
      role: r.role,
      period: period.key,
      dueAt: period.dueAt.toISOString(),
      state: r.state,
      reportId: r.report_id,
      submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
      status: r.status,
      percent: r.percent === null ? null : Number(r.percent),
    })),
    total: q.state ? counts[q.state] : Object.values(counts).reduce((a, b) => a + b, 0),
    page: q.page,
    pageSize: q.pageSize,
  };
}

// ---------------------------------------------------------------------------------------------
// A unit's view: what it owes, and its tasks

/**
 * Whose list: the caller's organization, or (for someone whose plan:read scope covers it) another organization —
 * then only the plans the caller sees in full count.
 */
async function subjectOrg(ctx: Ctx, orgId: string | undefined) {
  if (!orgId || orgId === ctx.actor.orgId) return { orgId: ctx.actor.orgId, onlyFull: false };
  const scope = requireScope(ctx.actor, "plan:read");
  const brief = (await orgBriefs(ctx.db, [orgId])).get(orgId);
  if (
    !brief ||
    scope.kind === "org" ||
    scope.kind === "self" ||
    !inScope(scope, { regionCode: brief.regionCode, orgId })
  )
    throw errors.field("orgId", "errors.not_found", { entity: t("entities.org") });
  return { orgId, onlyFull: true };
}

/** Plans the list covers: active ones, and (for a manager looking at a unit) only those it sees in full. */
function plansFilter(ctx: Ctx, onlyFull: boolean): SQL {
  if (!onlyFull) return sql`p.status = 'active'`;
  const scope = scopeFor(ctx.actor, "plan:read");
  if (!scope) return sql`false`;
  switch (scope.kind) {
    case "all":
      return sql`p.status = 'active'`;
    case "region_tree":
      return sql`p.status = 'active' AND p.region_code >= ${scope.prefix} AND p.region_code <= ${scope.prefix.padEnd(12, "9")}`;
    case "region":
      return sql`p.status = 'active' AND p.region_code = ${scope.code}`;
    default:
      return sql`p.status = 'active' AND p.issuing_org_id = ${scope.orgId}`;
  }
}

const TODO_CAP = 500;

export async function listTodos(ctx: Ctx, orgIdParam?: string) {
  const { orgId, onlyFull } = await subjectOrg(ctx, orgIdParam);
  const now = ctx.clock.now();
  const planFilter = plansFilter(ctx, onlyFull);
  // The plans the organization carries tasks in, and the periods owed in each (computed from the plan's cycle).
  const planRows = await ctx.db.execute<{
    id: string;
    title: string;
    period_start: number;
    period_end: number;
    cycle: PlanRow["cycle"];
    grace_days: number;
    remind_days: number;
    report_from: string | null;
  }>(sql`SELECT p.id, p.title, p.period_start, p.period_end, p.cycle, p.grace_days, p.remind_days, p.report_from
    FROM plans p WHERE ${planFilter} AND EXISTS (SELECT 1 FROM plan_node_units u WHERE u.plan_id = p.id AND u.org_id = ${orgId})`);
  const owed: { plan_id: string; period: string; due_at: string }[] = [];
  const titles = new Map<string, string>();
  for (const p of planRows.rows) {
    titles.set(p.id, p.title);
    const plan = {
      periodStart: Number(p.period_start),
      periodEnd: Number(p.period_end),
      cycle: p.cycle,
      graceDays: Number(p.grace_days),
      remindDays: Number(p.remind_days),
      reportFrom: p.report_from,
    };
    for (const period of owedPeriods(plan, now))
      owed.push({ plan_id: p.id, period: period.key, due_at: period.dueAt.toISOString() });
  }
  const items: TodoView[] = [];
  let total = 0;
  if (owed.length > 0) {
    const res = await ctx.db.execute<{
      plan_id: string;
      node_id: string;
      number: string;
      title: string;
      period: string;
      due_at: string;
      total: number;
    }>(sql`
      WITH o AS MATERIALIZED (
        SELECT * FROM jsonb_to_recordset(${JSON.stringify(owed)}::jsonb) AS o(plan_id uuid, period text, due_at timestamptz)
      ),
      -- Each of the organization's tasks with the periods it has reported, read once per task (one index range),
      -- rather than one probe of plan_reports per task and owed period (20 quarters × 75 tasks = 1,500 probes).
      u AS MATERIALIZED (
        SELECT u.plan_id, u.node_id,
          coalesce((SELECT array_agg(r.period) FROM plan_reports r WHERE r.node_id = u.node_id AND r.org_id = u.org_id),
            '{}') AS reported
        FROM plan_node_units u
        WHERE u.org_id = ${orgId} AND u.plan_id IN (SELECT plan_id FROM o)
      )
      SELECT o.plan_id, u.node_id, n.number, n.title, o.period, o.due_at, count(*) OVER ()::int AS total
      FROM o
      JOIN u ON u.plan_id = o.plan_id
      JOIN plan_nodes n ON n.id = u.node_id AND n.deleted_at IS NULL AND n.kind = 'task'
      WHERE NOT (o.period = ANY (u.reported))
      ORDER BY o.due_at, o.plan_id, ${treeOrder(sql`n.ancestors`, sql`n.sort`)}
      LIMIT ${TODO_CAP}`);
    total += res.rows[0]?.total ?? 0;
    for (const r of res.rows) {
      const due = new Date(r.due_at);
      items.push({
        kind: "report",
        planId: r.plan_id,
        planTitle: titles.get(r.plan_id) ?? "",
        nodeId: r.node_id,
        nodeNumber: r.number,
        nodeTitle: r.title,
        period: r.period,
        periodLabel: periodLabel(r.period),
        rectificationId: null,
        title: `报送“${r.title}”${periodLabel(r.period)}进度`,
        dueAt: due.toISOString(),
        overdue: now.getTime() > due.getTime(),
      });
    }
  }
  // Rectifications: to carry out (owner), to verify (inspecting organization), escalated to this organization.
  const rects = await ctx.db.execute<{
    id: string;
    plan_id: string;
    plan_title: string;
    node_id: string | null;
    finding: string;
    deadline: string;
    status: string;
    owner: string;
    inspector: string;
    escalated_to: string | null;
  }>(sql`
    SELECT r.id, r.plan_id, p.title AS plan_title, r.node_id, r.finding, r.deadline::text AS deadline, r.status,
      r.org_id AS owner, i.org_id AS inspector, r.escalated_to_org_id AS escalated_to
    FROM plan_rectifications r JOIN plans p ON p.id = r.plan_id JOIN plan_inspections i ON i.id = r.inspection_id
    WHERE ${planFilter} AND (
      (r.status = 'open' AND (r.org_id = ${orgId} OR r.escalated_to_org_id = ${orgId}))
      OR (r.status = 'closed' AND i.org_id = ${orgId}))
    ORDER BY r.deadline, r.created_at
    LIMIT ${TODO_CAP}`);
  for (const r of rects.rows) {
    const due = endOfBeijingDay(r.deadline);
    const kind = r.status === "closed" ? "verify" : r.owner === orgId ? "rectify" : "escalated";
    const short = r.finding.length > 30 ? `${r.finding.slice(0, 30)}…` : r.finding;
    items.push({
      kind,
      planId: r.plan_id,
      planTitle: r.plan_title,
      nodeId: r.node_id,
      nodeNumber: null,
      nodeTitle: null,
      period: null,
      periodLabel: null,
      rectificationId: r.id,
      title: `${t(`plans.todo.${kind}`)}：${short}`,
      dueAt: due.toISOString(),
      overdue: kind !== "verify" && now.getTime() > due.getTime(),
    });
    total++;
  }
  items.sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueAt.localeCompare(b.dueAt));
  return { orgId, items, total };
}

export async function listMyTasks(ctx: Ctx, q: MyTaskQuery) {
  const { orgId, onlyFull } = await subjectOrg(ctx, q.orgId);
  const conds: SQL[] = [
    eq(planNodeUnits.orgId, orgId),
    isNull(planNodes.deletedAt),
    eq(planNodes.kind, "task"),
    ne(plans.status, "draft"),
  ];
  if (onlyFull) {
    const scope = scopeFor(ctx.actor, "plan:read");
    if (scope && scope.kind !== "all")
      conds.push(
        scope.kind === "region_tree"
          ? sql`${plans.regionCode} >= ${scope.prefix} AND ${plans.regionCode} <= ${scope.prefix.padEnd(12, "9")}`
          : scope.kind === "region"
            ? eq(plans.regionCode, scope.code)
            : eq(plans.issuingOrgId, scope.orgId),
      );
  }
  if (q.planId) conds.push(eq(planNodeUnits.planId, q.planId));
  if (q.status) conds.push(eq(planNodeUnits.status, q.status));
  if (q.q) conds.push(searchQuery(planNodes.search, q.q));
  const where = and(...conds);
  const chapterTitle = sql<string | null>`(SELECT c.title FROM plan_nodes c WHERE c.id = ${planNodes.ancestors}[1])`;
  const [rows, [{ total }]] = await Promise.all([
    paged(
      ctx.db
        .select({
          planId: plans.id,
          planTitle: plans.title,
          nodeId: planNodes.id,
          number: planNodes.number,
          title: planNodes.title,
          chapterTitle,
          role: planNodeUnits.role,
          deadline: planNodes.deadline,
          status: planNodeUnits.status,
          percent: planNodeUnits.percent,
          latestPeriod: planNodeUnits.latestPeriod,
          reportedAt: planNodeUnits.reportedAt,
        })
        .from(planNodeUnits)
        .innerJoin(planNodes, eq(planNodes.id, planNodeUnits.nodeId))
        .innerJoin(plans, eq(plans.id, planNodeUnits.planId))
        .where(where)
        .orderBy(desc(plans.createdAt), treeOrder(planNodes.ancestors, planNodes.sort), asc(planNodes.id)),
      q,
    ),
    ctx.db
      .select({ total: sql<number>`count(*)::int` })
      .from(planNodeUnits)
      .innerJoin(planNodes, eq(planNodes.id, planNodeUnits.nodeId))
      .innerJoin(plans, eq(plans.id, planNodeUnits.planId))
      .where(where),
  ]);
  return pageResult(
    rows.map((r) => ({ ...r, reportedAt: r.reportedAt ? r.reportedAt.toISOString() : null })),
    total,
    q,
  );
}
