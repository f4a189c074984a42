/**
 * Plans and their task trees: list, read (filtered by what the caller may see), create, edit metadata, and
 * edit the tree (add, update, move, split, merge, delete). Every change runs in one transaction with its audit
 * entry (entity "plan", so the plan's 操作记录 is the history of its tree).
 */
import { and, asc, desc, eq, inArray, isNull, ne, or, type SQL, sql } from "drizzle-orm";
import type {
  Milestone,
  NodeCreate,
  NodeKind,
  NodeUpdate,
  PlanAccess,
  PlanCreate,
  PlanListQuery,
  PlanNodeView,
  PlanSummary,
  PlanUpdate,
  PlanView,
} from "../../../contracts/plans.js";
import { NODE_KIND_LABELS, PLAN_STATUS_LABELS } from "../../../contracts/plans.js";
import { inScope, regionTreeWhere, requireScope, scopeFor, scopeWhere } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import { t } from "../../core/i18n.js";
import { paged, pageResult, sortTerm } from "../../core/paging.js";
import { defineMachine, illegalTransition } from "../../core/state-machine.js";
import type { Queryable, Tx } from "../../db/client.js";
import { containsPattern } from "../../db/sql.js";
import { diff, findAudit, recordAudit } from "../audit/audit.service.js";
import { orgBriefs } from "../org/org.service.js";
import { regionNames } from "../org/region.service.js";
import { periodAt, periodByKey } from "./periods.js";
import {
  fullAccessOf,
  loadPlanAccess,
  type PlanAccessInfo,
  type PlanRow,
  requireFull,
  requireManage,
  unitPartWhere,
} from "./plan-access.js";
import { planNodes, planNodeUnits, planReports, plans } from "./plans.schema.js";
import { planNodeSearch } from "./plans.search.js";

export type NodeRow = typeof planNodes.$inferSelect;
type UnitRow = typeof planNodeUnits.$inferSelect;

/** Which kinds may sit under which: 条目 only inside tasks, chapters only at the top or under a 篇/chapter. */
export const CHILD_KINDS: Record<NodeKind | "root", NodeKind[]> = {
  root: ["chapter", "section", "column", "task"],
  chapter: ["chapter", "section", "column", "task"],
  section: ["section", "column", "task"],
  column: ["section", "task"],
  task: ["item"],
  item: ["item"],
};

export function kindAllowed(parent: NodeKind | null, child: NodeKind): boolean {
  return CHILD_KINDS[parent ?? "root"].includes(child);
}

function kindError(parent: NodeKind | null, child: NodeKind) {
  return errors.field("kind", "plans.kind_not_allowed", {
    child: NODE_KIND_LABELS[child],
    parent: parent ? NODE_KIND_LABELS[parent] : "规划顶层",
  });
}

// ---------------------------------------------------------------------------------------------
// Plans

async function summaries(db: Queryable, rows: PlanRow[], accessOf: (p: PlanRow) => PlanAccess): Promise<PlanSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [orgsById, regions, counts] = await Promise.all([
    orgBriefs(
      db,
      rows.map((r) => r.issuingOrgId),
    ),
    regionNames(
      db,
      rows.map((r) => r.regionCode),
    ),
    db
      .select({ planId: planNodes.planId, n: sql<number>`count(*)::int` })
      .from(planNodes)
      .where(and(inArray(planNodes.planId, ids), eq(planNodes.kind, "task"), isNull(planNodes.deletedAt)))
      .groupBy(planNodes.planId),
  ]);
  const taskCount = new Map(counts.map((c) => [c.planId, c.n]));
  return rows.map((p) => ({
    id: p.id,
    title: p.title,
    docNumber: p.docNumber,
    issuingOrgId: p.issuingOrgId,
    issuingOrgName: orgsById.get(p.issuingOrgId)?.name ?? "",
    regionCode: p.regionCode,
    regionName: regions.get(p.regionCode) ?? "",
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    cycle: p.cycle,
    status: p.status,
    graceDays: p.graceDays,
    remindDays: p.remindDays,
    reportFrom: p.reportFrom,
    sourceFileName: p.sourceFileName,
    taskCount: taskCount.get(p.id) ?? 0,
    access: accessOf(p),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  }));
}

export async function planSummary(ctx: Ctx, info: PlanAccessInfo, db: Queryable = ctx.db): Promise<PlanSummary> {
  const [s] = await summaries(db, [info.plan], () => info.access);
  return s;
}

/** Plans in the caller's plan:read scope, plus (not drafts) the plans its organization takes part in. */
export function planListWhere(ctx: Ctx, q: Omit<PlanListQuery, "page" | "pageSize">): SQL | undefined {
  const scope = requireScope(ctx.actor, "plan:read");
  const inRegion = scopeWhere(scope, { region: plans.regionCode, org: plans.issuingOrgId });
  const visible = inRegion ? or(inRegion, and(ne(plans.status, "draft"), unitPartWhere(ctx.actor.orgId))) : undefined;
  const conds: (SQL | undefined)[] = [visible];
  if (q.status) conds.push(eq(plans.status, q.status));
  if (q.regionCode) conds.push(regionTreeWhere(plans.regionCode, q.regionCode));
  if (q.q)
    conds.push(
      or(sql`${plans.title} ilike ${containsPattern(q.q)}`, sql`${plans.docNumber} ilike ${containsPattern(q.q)}`),
    );
  return and(...conds.filter(Boolean));
}

const PLAN_SORTS = { title: plans.title, createdAt: plans.createdAt, periodStart: plans.periodStart };

export async function listPlans(ctx: Ctx, q: PlanListQuery) {
  const where = planListWhere(ctx, q);
  const order = sortTerm(PLAN_SORTS, q.sort) ?? desc(PLAN_SORTS.createdAt);
  const [rows, [{ total }]] = await Promise.all([
    paged(ctx.db.select().from(plans).where(where).orderBy(order, asc(plans.id)), q),
    ctx.db.select({ total: sql<number>`count(*)::int` }).from(plans).where(where),
  ]);
  const items = await summaries(ctx.db, rows, (p) => fullAccessOf(ctx, p) ?? "unit");
  return pageResult(items, total, q);
}

/** The default 报送起始期: the period running now (clamped to the plan's years). */
export function defaultReportFrom(plan: Pick<PlanRow, "periodStart" | "periodEnd" | "cycle">, now: Date): string {
  return periodAt({ ...plan, graceDays: 0, remindDays: 0 }, now).key;
}

export function checkReportFrom(plan: Pick<PlanRow, "periodStart" | "periodEnd" | "cycle">, key: string) {
  if (!periodByKey({ ...plan, graceDays: 0, remindDays: 0 }, key))
    throw errors.field("reportFrom", "plans.period_not_in_plan", { period: key });
}

/** Where a new plan sits: the caller's region by default, always inside its plan:manage scope. */
export function planRegionFor(ctx: Ctx, regionCode: string | undefined): string {
  const region = regionCode ?? ctx.actor.regionCode;
  const scope = requireScope(ctx.actor, "plan:manage");
  if (!inScope(scope, { regionCode: region, orgId: ctx.actor.orgId })) throw errors.outOfScope("plan");
  return region;
}

export async function insertPlanRow(
  ctx: Ctx,
  tx: Tx,
  input: PlanCreate & { status?: PlanRow["status"]; sourceFileName?: string | null },
): Promise<PlanRow> {
  const regionCode = planRegionFor(ctx, input.regionCode);
  const meta = { periodStart: input.periodStart, periodEnd: input.periodEnd, cycle: input.cycle };
  if (input.reportFrom) checkReportFrom(meta, input.reportFrom);
  const now = ctx.clock.now();
  const [row] = await tx
    .insert(plans)
    .values({
      title: input.title,
      docNumber: input.docNumber ?? null,
      issuingOrgId: ctx.actor.orgId,
      regionCode,
      ...meta,
      status: input.status ?? "draft",
      graceDays: input.graceDays,
      remindDays: input.remindDays,
      reportFrom: input.reportFrom ?? defaultReportFrom(meta, now),
      sourceFileName: input.sourceFileName ?? null,
      createdBy: ctx.actor.userId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row;
}

function auditablePlan(p: PlanRow) {
  return {
    title: p.title,
    docNumber: p.docNumber,
    regionCode: p.regionCode,
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    cycle: p.cycle,
    status: p.status,
    graceDays: p.graceDays,
    remindDays: p.remindDays,
    reportFrom: p.reportFrom,
  };
}

export async function createPlan(ctx: Ctx, input: PlanCreate): Promise<PlanView> {
  const id = await ctx.db.transaction(async (tx) => {
    const row = await insertPlanRow(ctx, tx, input);
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "plan.create",
      entity: "plan",
      entityId: row.id,
      regionCode: row.regionCode,
      orgId: row.issuingOrgId,
      summary: `新建规划“${row.title}”`,
      changes: diff(null, auditablePlan(row)),
    });
    return row.id;
  });
  return getPlan(ctx, id);
}

/**
 * The plan state machine: 草稿 → 实施中 ⇄ 已结束; back to 草稿 only before anything was reported.
 * `planMachine.move` is the only writer of a plan's status (audited as plan.status).
 */
export const planMachine = defineMachine({
  entity: "plan",
  auditPrefix: "plan",
  table: plans,
  labels: PLAN_STATUS_LABELS,
  audit: recordAudit,
  scope: (p) => ({ regionCode: p.regionCode, orgId: p.issuingOrgId }),
  transitions: {
    activate: { from: ["draft"], to: ["active"], label: "开始实施", audit: "plan.status" },
    close: { from: ["active"], to: ["closed"], label: "结束", audit: "plan.status" },
    reopen: { from: ["closed"], to: ["active"], label: "恢复实施", audit: "plan.status" },
    revert: {
      from: ["active"],
      to: ["draft"],
      label: "退回草稿",
      audit: "plan.status",
      guard: async (tx, p) => {
        const [r] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(planReports)
          .where(eq(planReports.planId, p.id));
        if (r.n > 0) throw errors.conflict("PLAN_HAS_REPORTS", "plans.has_reports_no_draft", { count: r.n });
      },
    },
  },
});
const PLAN_STEP: Record<string, keyof typeof planMachine.transitions> = {
  "draft>active": "activate",
  "active>closed": "close",
  "closed>active": "reopen",
  "active>draft": "revert",
};

export async function updatePlan(ctx: Ctx, id: string, patch: PlanUpdate): Promise<PlanView> {
  await ctx.db.transaction(async (tx) => {
    const info = await loadPlanAccess(ctx, id, tx);
    requireManage(info);
    const before = info.plan;
    const next = {
      periodStart: patch.periodStart ?? before.periodStart,
      periodEnd: patch.periodEnd ?? before.periodEnd,
      cycle: patch.cycle ?? before.cycle,
    };
    if (next.periodEnd < next.periodStart) throw errors.field("periodEnd", "plans.period_order");
    const step = patch.status && patch.status !== before.status ? PLAN_STEP[`${before.status}>${patch.status}`] : null;
    if (patch.status && patch.status !== before.status && !step)
      throw illegalTransition("plan", PLAN_STATUS_LABELS[before.status], `改为“${PLAN_STATUS_LABELS[patch.status]}”`, [
        ...new Set(Object.values(planMachine.transitions).flatMap((t) => t.from.map((f) => PLAN_STATUS_LABELS[f]))),
      ]);
    const changesPeriods =
      next.cycle !== before.cycle || next.periodStart !== before.periodStart || next.periodEnd !== before.periodEnd;
    if (changesPeriods && next.cycle !== before.cycle) {
      const [r] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(planReports)
        .where(eq(planReports.planId, id));
      if (r.n > 0) throw errors.field("cycle", "plans.has_reports_no_cycle", { count: r.n });
    }
    let reportFrom = patch.reportFrom ?? before.reportFrom;
    if (patch.reportFrom) checkReportFrom(next, patch.reportFrom);
    else if (changesPeriods && reportFrom && !periodByKey({ ...next, graceDays: 0, remindDays: 0 }, reportFrom))
      reportFrom = defaultReportFrom(next, ctx.clock.now());
    const { status: _status, ...fields } = patch;
    const set = {
      ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
      reportFrom,
      updatedAt: ctx.clock.now(),
      revision: sql`${plans.revision} + 1`,
    };
    const summary = `修改规划“${before.title}”`;
    if (step) {
      const next = { ...before, ...(set as unknown as Partial<PlanRow>), status: before.status };
      await planMachine.move(tx, ctx, before, step, {
        set,
        summary,
        changes: diff(auditablePlan(before), auditablePlan(next)),
      });
      return;
    }
    const [after] = await tx.update(plans).set(set).where(eq(plans.id, id)).returning();
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "plan.update",
      entity: "plan",
      entityId: id,
      regionCode: before.regionCode,
      orgId: before.issuingOrgId,
      summary,
      changes: diff(auditablePlan(before), auditablePlan(after)),
    });
  });
  return getPlan(ctx, id);
}

export async function planHistory(ctx: Ctx, id: string, page: number, pageSize: number) {
  const info = await loadPlanAccess(ctx, id);
  requireFull(info);
  return findAudit(ctx.db, { entity: "plan", entityId: id }, page, pageSize);
}

// ---------------------------------------------------------------------------------------------
// Reading the tree

/**
 * Document order of a node as an int array (the sort keys from the top of the tree down to the node), for lists
 * that span headings: ORDER BY this. `ancestors` and `sort` are the node's columns (or raw SQL for an alias).
 */
export function treeOrder(ancestors: SQL | typeof planNodes.ancestors, sort: SQL | typeof planNodes.sort): SQL {
  return sql`((SELECT array_agg(a.sort ORDER BY x.ord) FROM unnest(${ancestors}) WITH ORDINALITY AS x(id, ord)
    JOIN plan_nodes a ON a.id = x.id) || ${sort})`;
}

export async function planNodesOf(db: Queryable, planId: string): Promise<NodeRow[]> {
  return db
    .select()
    .from(planNodes)
    .where(and(eq(planNodes.planId, planId), isNull(planNodes.deletedAt)))
    .orderBy(asc(planNodes.sort), asc(planNodes.createdAt));
}

export async function planUnitsOf(db: Queryable, planId: string): Promise<UnitRow[]> {
  return db.select().from(planNodeUnits).where(eq(planNodeUnits.planId, planId));
}

/** What of the tree the caller sees: everything, or (a unit) the outline plus its own tasks with their items. */
export type Visibility = {
  access: PlanAccess;
  orgId: string;
  ownTasks: Set<string>;
  leadTasks: Set<string>;
};

export function visibilityOf(info: PlanAccessInfo, orgId: string, units: UnitRow[]): Visibility {
  const ownTasks = new Set<string>();
  const leadTasks = new Set<string>();
  for (const u of units) {
    if (u.orgId !== orgId) continue;
    ownTasks.add(u.nodeId);
    if (u.role === "lead") leadTasks.add(u.nodeId);
  }
  return { access: info.access, orgId, ownTasks, leadTasks };
}

const OUTLINE_KINDS: NodeKind[] = ["chapter", "section", "column"];

/** "own" (the node is, or lies inside, one of the unit's tasks), "outline", or null (hidden). */
export function nodeVisibility(node: NodeRow, v: Visibility): "full" | "own" | "outline" | null {
  const own = v.ownTasks.has(node.id) || node.ancestors.some((a) => v.ownTasks.has(a));
  if (v.access !== "unit") return own ? "own" : "full";
  if (own) return "own";
  if (OUTLINE_KINDS.includes(node.kind)) return "outline";
  return null;
}

export function nodeView(
  n: NodeRow,
  units: UnitRow[],
  names: Map<string, { name: string }>,
  v: Visibility,
  seen: "full" | "own" | "outline",
): PlanNodeView {
  const outline = seen === "outline";
  // A co-unit sees who else carries its task, but their progress only when it leads the task.
  const showOthers = v.access !== "unit" || v.leadTasks.has(n.id);
  return {
    id: n.id,
    parentId: n.parentId,
    kind: n.kind,
    number: n.number,
    title: n.title,
    text: outline ? "" : n.text,
    sort: n.sort,
    weight: n.weight,
    deadline: outline ? null : n.deadline,
    milestones: outline ? [] : (n.milestones as Milestone[]),
    metricName: outline ? null : n.metricName,
    metricUnit: outline ? null : n.metricUnit,
    baseline: outline ? null : n.baseline,
    targetValue: outline ? null : n.targetValue,
    leadOrgId: outline ? null : n.leadOrgId,
    units: outline
      ? []
      : units
          .map((u) => {
            const mine = u.orgId === v.orgId || showOthers;
            return {
              orgId: u.orgId,
              orgName: names.get(u.orgId)?.name ?? "",
              role: u.role,
              status: mine ? u.status : null,
              percent: mine ? u.percent : null,
              latestPeriod: mine ? u.latestPeriod : null,
              reportedAt: mine && u.reportedAt ? u.reportedAt.toISOString() : null,
            };
          })
          .sort((a, b) => (a.role === b.role ? 0 : a.role === "lead" ? -1 : 1)),
    own: seen === "own",
    outlineOnly: outline,
    children: [],
  };
}

/** The visible tree, built from flat rows (ordered by sort). */
export function buildTree(nodes: NodeRow[], units: UnitRow[], names: Map<string, { name: string }>, v: Visibility) {
  const unitsByNode = new Map<string, UnitRow[]>();
  for (const u of units) unitsByNode.set(u.nodeId, [...(unitsByNode.get(u.nodeId) ?? []), u]);
  const views = new Map<string, PlanNodeView>();
  const roots: PlanNodeView[] = [];
  const counts = { chapters: 0, sections: 0, columns: 0, tasks: 0, items: 0 };
  const key = { chapter: "chapters", section: "sections", column: "columns", task: "tasks", item: "items" } as const;
  // Parents before children: sort by depth, keep sibling order.
  const ordered = [...nodes].sort((a, b) => a.ancestors.length - b.ancestors.length || a.sort - b.sort);
  for (const n of ordered) {
    const seen = nodeVisibility(n, v);
    if (!seen) continue;
    if (n.parentId && !views.has(n.parentId)) continue;
    const view = nodeView(n, unitsByNode.get(n.id) ?? [], names, v, seen);
    views.set(n.id, view);
    counts[key[n.kind]]++;
    if (n.parentId) views.get(n.parentId)!.children.push(view);
    else roots.push(view);
  }
  return { roots, counts };
}

export async function getPlan(ctx: Ctx, id: string): Promise<PlanView> {
  const info = await loadPlanAccess(ctx, id);
  const [nodes, units, summary] = await Promise.all([
    planNodesOf(ctx.db, id),
    planUnitsOf(ctx.db, id),
    planSummary(ctx, info),
  ]);
  const names = await orgBriefs(
    ctx.db,
    units.map((u) => u.orgId),
  );
  const v = visibilityOf(info, ctx.actor.orgId, units);
  const { roots, counts } = buildTree(nodes, units, names, v);
  return { ...summary, counts, nodes: roots };
}

/** A node the caller may see (a unit: the outline or its own tasks), or 404. */
export async function loadVisibleNode(ctx: Ctx, info: PlanAccessInfo, nodeId: string, db: Queryable = ctx.db) {
  const [node] = await db
    .select()
    .from(planNodes)
    .where(and(eq(planNodes.id, nodeId), eq(planNodes.planId, info.plan.id), isNull(planNodes.deletedAt)));
  if (!node) throw errors.notFound("plan_node");
  const ids = [node.id, ...node.ancestors];
  const units = await db
    .select()
    .from(planNodeUnits)
    .where(and(inArray(planNodeUnits.nodeId, ids)));
  const v = visibilityOf(info, ctx.actor.orgId, units);
  const seen = nodeVisibility(node, v);
  if (!seen) throw errors.notFound("plan_node");
  const own = units.filter((u) => u.nodeId === node.id);
  const names = await orgBriefs(
    db,
    own.map((u) => u.orgId),
  );
  return { node, units: own, visibility: v, seen, view: nodeView(node, own, names, v, seen) };
}

// ---------------------------------------------------------------------------------------------
// Assignments (牵头单位 / 责任单位)

/** Organizations given as units must exist, be active and lie in the plan's region. */
export async function assertUnits(db: Queryable, plan: PlanRow, orgIds: string[], field = "orgIds") {
  const briefs = await orgBriefs(db, orgIds);
  for (const id of orgIds) {
    const o = briefs.get(id);
    if (o?.status !== "active" || !o.regionCode.startsWith(plan.regionCode))
      throw errors.field(field, "plans.unit_not_in_region");
  }
  return briefs;
}

/**
 * Recomputes each assignment's latest report (the report of its latest period) and counts from the reports
 * table, for the assignments of the given nodes. Called in the transaction of every change that can move them.
 */
export async function refreshAssignments(tx: Tx, nodeIds: string[], orgId?: string) {
  if (nodeIds.length === 0) return;
  const ids = sql.join(
    nodeIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  await tx.execute(sql`
    UPDATE plan_node_units u SET
      latest_report_id = l.id, latest_period = l.period, status = l.status, percent = l.percent,
      reported_at = l.submitted_at, report_count = c.n, late_count = c.late
    FROM plan_node_units u2
    LEFT JOIN LATERAL (
      SELECT r.id, r.period, r.status, r.percent, r.submitted_at FROM plan_reports r
      WHERE r.node_id = u2.node_id AND r.org_id = u2.org_id ORDER BY r.period DESC LIMIT 1) l ON true
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS n, (count(*) FILTER (WHERE r.late))::int AS late FROM plan_reports r
      WHERE r.node_id = u2.node_id AND r.org_id = u2.org_id) c ON true
    WHERE u.node_id = u2.node_id AND u.org_id = u2.org_id AND u2.node_id IN (${ids})
      ${orgId ? sql`AND u2.org_id = ${orgId}` : sql``}`);
  await refreshTaskStanding(tx, nodeIds);
}

/** Recomputes the tasks' standing columns (completion, completed, idle, lagging_reported) from their units. */
export async function refreshTaskStanding(tx: Tx, nodeIds: string[]) {
  if (nodeIds.length === 0) return;
  const ids = sql.join(
    nodeIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  await tx.execute(sql`
    UPDATE plan_nodes n SET
      completion = coalesce(a.c, 0), completed = coalesce(a.done, false), idle = coalesce(a.idle, true),
      lagging_reported = coalesce(a.lagst, false)
    FROM (
      SELECT x.id, s.c, s.done, s.idle, s.lagst FROM plan_nodes x
      LEFT JOIN LATERAL (
        SELECT avg(coalesce(u.percent, 0))::float8 AS c, bool_and(u.status = 'completed') AS done,
          bool_and(u.status IS NULL OR u.status = 'not_started') AS idle, bool_or(u.status = 'lagging') AS lagst
        FROM plan_node_units u WHERE u.node_id = x.id
      ) s ON true
      WHERE x.id IN (${ids})
    ) a
    WHERE n.id = a.id`);
}

/** Sets a task's units to exactly `orgIds` (the lead added if missing), keeping reports; returns the change. */
export async function setAssignments(
  ctx: Ctx,
  tx: Tx,
  plan: PlanRow,
  node: Pick<NodeRow, "id" | "kind">,
  orgIds: string[],
  leadOrgId: string | null,
) {
  const wanted = [...new Set([...(leadOrgId ? [leadOrgId] : []), ...orgIds])];
  if (wanted.length > 0 && node.kind !== "task") throw errors.field("orgIds", "plans.units_only_on_tasks");
  const briefs = await assertUnits(tx, plan, wanted);
  const before = await tx.select().from(planNodeUnits).where(eq(planNodeUnits.nodeId, node.id));
  const removed = before.filter((u) => !wanted.includes(u.orgId)).map((u) => u.orgId);
  if (removed.length > 0)
    await tx.delete(planNodeUnits).where(and(eq(planNodeUnits.nodeId, node.id), inArray(planNodeUnits.orgId, removed)));
  const now = ctx.clock.now();
  for (const orgId of wanted) {
    const role = orgId === leadOrgId ? "lead" : "responsible";
    const had = before.find((u) => u.orgId === orgId);
    if (had) {
      if (had.role !== role)
        await tx
          .update(planNodeUnits)
          .set({ role })
          .where(and(eq(planNodeUnits.nodeId, node.id), eq(planNodeUnits.orgId, orgId)));
    } else {
      await tx.insert(planNodeUnits).values({
        nodeId: node.id,
        orgId,
        planId: plan.id,
        regionCode: briefs.get(orgId)!.regionCode,
        role,
        createdAt: now,
      });
    }
  }
  await tx.update(planNodes).set({ leadOrgId }).where(eq(planNodes.id, node.id));
  if (wanted.some((id) => !before.some((u) => u.orgId === id))) await refreshAssignments(tx, [node.id]);
  else if (removed.length > 0) await refreshTaskStanding(tx, [node.id]);
  const namesOf = (ids: string[]) => ids.map((id) => briefs.get(id)?.name ?? id);
  return {
    before: { units: before.map((u) => u.orgId), lead: before.find((u) => u.role === "lead")?.orgId ?? null },
    after: { units: wanted, lead: leadOrgId },
    names: namesOf(wanted),
  };
}

// ---------------------------------------------------------------------------------------------
// Editing the tree

async function nodeInPlan(tx: Queryable, planId: string, nodeId: string, field = "nodeId"): Promise<NodeRow> {
  const [n] = await tx
    .select()
    .from(planNodes)
    .where(and(eq(planNodes.id, nodeId), eq(planNodes.planId, planId), isNull(planNodes.deletedAt)));
  if (!n) {
    if (field === "path") throw errors.notFound("plan_node");
    throw errors.field(field, "errors.not_found", { entity: t("entities.plan_node") });
  }
  return n;
}

async function siblingsOf(tx: Queryable, planId: string, parentId: string | null, except?: string) {
  return tx
    .select({ id: planNodes.id, sort: planNodes.sort })
    .from(planNodes)
    .where(
      and(
        eq(planNodes.planId, planId),
        parentId ? eq(planNodes.parentId, parentId) : isNull(planNodes.parentId),
        isNull(planNodes.deletedAt),
        except ? ne(planNodes.id, except) : undefined,
      ),
    )
    .orderBy(asc(planNodes.sort), asc(planNodes.createdAt));
}

/** Puts `nodeId` at `position` among its (new) siblings and renumbers their sort keys 0, 1, 2 … */
async function placeAt(tx: Tx, planId: string, parentId: string | null, nodeId: string, position?: number) {
  const sibs = await siblingsOf(tx, planId, parentId, nodeId);
  const order = sibs.map((s) => s.id);
  const at = Math.min(position ?? order.length, order.length);
  order.splice(at, 0, nodeId);
  const current = new Map(sibs.map((s) => [s.id, s.sort]));
  for (let i = 0; i < order.length; i++) {
    if (current.get(order[i]) !== i) await tx.update(planNodes).set({ sort: i }).where(eq(planNodes.id, order[i]));
  }
  return at;
}

type EditResult = { nodeId: string };

async function withManagedPlan<T>(ctx: Ctx, planId: string, fn: (tx: Tx, info: PlanAccessInfo) => Promise<T>) {
  return ctx.db.transaction(async (tx) => {
    const info = await loadPlanAccess(ctx, planId, tx);
    requireManage(info);
    const result = await fn(tx, info);
    await tx
      .update(plans)
      .set({ updatedAt: ctx.clock.now(), revision: sql`${plans.revision} + 1` })
      .where(eq(plans.id, planId));
    return result;
  });
}

function auditNode(ctx: Ctx, tx: Tx, plan: PlanRow, action: string, summary: string, changes: unknown) {
  return recordAudit(tx, ctx.clock, ctx.actor, {
    category: "data",
    action: `plan.node.${action}`,
    entity: "plan",
    entityId: plan.id,
    regionCode: plan.regionCode,
    orgId: plan.issuingOrgId,
    summary,
    changes,
  });
}

const label = (n: Pick<NodeRow, "kind" | "number" | "title">) =>
  `${NODE_KIND_LABELS[n.kind]}“${n.number ? `${n.number} ` : ""}${n.title}”`;

function nodeFields(n: NodeRow) {
  return {
    kind: n.kind,
    number: n.number,
    title: n.title,
    text: n.text,
    weight: n.weight,
    deadline: n.deadline,
    milestones: n.milestones,
    metricName: n.metricName,
    metricUnit: n.metricUnit,
    baseline: n.baseline,
    targetValue: n.targetValue,
  };
}

export async function addNode(ctx: Ctx, planId: string, input: NodeCreate): Promise<EditResult> {
  return withManagedPlan(ctx, planId, async (tx, { plan }) => {
    const parent = input.parentNodeId ? await nodeInPlan(tx, planId, input.parentNodeId, "parentNodeId") : null;
    if (!kindAllowed(parent?.kind ?? null, input.kind)) throw kindError(parent?.kind ?? null, input.kind);
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(planNodes)
      .values({
        planId,
        parentId: parent?.id ?? null,
        ancestors: parent ? [...parent.ancestors, parent.id] : [],
        kind: input.kind,
        number: input.number,
        title: input.title,
        search: planNodeSearch(input),
        text: input.text,
        sort: 0,
        weight: input.weight,
        deadline: input.deadline ?? null,
        milestones: input.milestones,
        metricName: input.metricName ?? null,
        metricUnit: input.metricUnit ?? null,
        baseline: input.baseline ?? null,
        targetValue: input.targetValue ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await placeAt(tx, planId, row.parentId, row.id, input.position);
    const units = await setAssignments(ctx, tx, plan, row, input.orgIds, input.leadOrgId ?? null);
    await auditNode(ctx, tx, plan, "create", `新增${label(row)}`, {
      node: [null, row.id],
      ...diff(null, nodeFields(row)),
      ...(units.after.units.length ? { units: [null, units.names] } : {}),
    });
    return { nodeId: row.id };
  });
}

export async function updateNode(ctx: Ctx, planId: string, nodeId: string, patch: NodeUpdate): Promise<EditResult> {
  return withManagedPlan(ctx, planId, async (tx, { plan }) => {
    const before = await nodeInPlan(tx, planId, nodeId, "path");
    const kind = patch.kind ?? before.kind;
    if (kind !== before.kind) {
      const parent = before.parentId ? await nodeInPlan(tx, planId, before.parentId) : null;
      if (!kindAllowed(parent?.kind ?? null, kind)) throw kindError(parent?.kind ?? null, kind);
      const kids = await tx
        .select({ kind: planNodes.kind })
        .from(planNodes)
        .where(and(eq(planNodes.parentId, nodeId), isNull(planNodes.deletedAt)));
      const bad = kids.find((c) => !kindAllowed(kind, c.kind));
      if (bad) throw kindError(kind, bad.kind);
      if (before.kind === "task") {
        const [r] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(planReports)
          .where(eq(planReports.nodeId, nodeId));
        if (r.n > 0) throw errors.field("kind", "plans.task_has_reports", { count: r.n });
      }
    }
    const { orgIds, leadOrgId, ...fields } = patch;
    const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    const [after] = await tx
      .update(planNodes)
      .set({ ...set, search: planNodeSearch({ ...before, ...set }), updatedAt: ctx.clock.now() })
      .where(eq(planNodes.id, nodeId))
      .returning();
    const changes: Record<string, unknown> = { node: [nodeId, nodeId], ...diff(nodeFields(before), nodeFields(after)) };
    if (kind !== "task" && before.kind === "task" && orgIds === undefined) {
      await tx.delete(planNodeUnits).where(eq(planNodeUnits.nodeId, nodeId));
      await tx.update(planNodes).set({ leadOrgId: null }).where(eq(planNodes.id, nodeId));
    }
    if (orgIds !== undefined || leadOrgId !== undefined) {
      const current = await tx.select().from(planNodeUnits).where(eq(planNodeUnits.nodeId, nodeId));
      const ids = orgIds ?? current.map((u) => u.orgId);
      const lead = leadOrgId === undefined ? (current.find((u) => u.role === "lead")?.orgId ?? null) : leadOrgId;
      const units = await setAssignments(ctx, tx, plan, after, ids, lead);
      Object.assign(changes, diff(units.before, units.after));
    }
    await auditNode(ctx, tx, plan, "update", `修改${label(before)}`, changes);
    return { nodeId };
  });
}

export async function moveNode(
  ctx: Ctx,
  planId: string,
  nodeId: string,
  input: { parentNodeId: string | null; position: number },
): Promise<EditResult> {
  return withManagedPlan(ctx, planId, async (tx, { plan }) => {
    const node = await nodeInPlan(tx, planId, nodeId, "path");
    const parent = input.parentNodeId ? await nodeInPlan(tx, planId, input.parentNodeId, "parentNodeId") : null;
    if (parent && (parent.id === node.id || parent.ancestors.includes(node.id)))
      throw errors.field("parentNodeId", "plans.move_into_self");
    if (!kindAllowed(parent?.kind ?? null, node.kind)) throw kindError(parent?.kind ?? null, node.kind);
    const oldParent = node.parentId;
    const ancestors = parent ? [...parent.ancestors, parent.id] : [];
    await tx
      .update(planNodes)
      .set({ parentId: parent?.id ?? null, ancestors, updatedAt: ctx.clock.now() })
      .where(eq(planNodes.id, nodeId));
    // Descendants: replace the old path above the moved node by the new one.
    const keep = node.ancestors.length + 1;
    await tx.execute(sql`
      UPDATE plan_nodes SET ancestors = ${sql`${`{${ancestors.join(",")}}`}::uuid[]`} || ancestors[${keep}:cardinality(ancestors)]
      WHERE plan_id = ${planId} AND ancestors @> ARRAY[${nodeId}]::uuid[]`);
    const at = await placeAt(tx, planId, parent?.id ?? null, nodeId, input.position);
    if (oldParent !== (parent?.id ?? null)) {
      // Close the gap left among the old siblings.
      const sibs = await siblingsOf(tx, planId, oldParent);
      for (let i = 0; i < sibs.length; i++)
        if (sibs[i].sort !== i) await tx.update(planNodes).set({ sort: i }).where(eq(planNodes.id, sibs[i].id));
    }
    await auditNode(ctx, tx, plan, "move", `移动${label(node)}`, {
      node: [nodeId, nodeId],
      parentId: [oldParent, parent?.id ?? null],
      sort: [node.sort, at],
    });
    return { nodeId };
  });
}

export async function splitNode(
  ctx: Ctx,
  planId: string,
  nodeId: string,
  input: { text: string; title?: string; newTitle: string; newText: string; newNumber?: string },
): Promise<EditResult & { newNodeId: string }> {
  return withManagedPlan(ctx, planId, async (tx, { plan }) => {
    const node = await nodeInPlan(tx, planId, nodeId, "path");
    if (node.kind !== "task") throw errors.field("nodeId", "plans.split_only_tasks");
    const now = ctx.clock.now();
    const [updated] = await tx
      .update(planNodes)
      .set({
        text: input.text,
        title: input.title ?? node.title,
        search: planNodeSearch({ title: input.title ?? node.title }),
        updatedAt: now,
      })
      .where(eq(planNodes.id, nodeId))
      .returning();
    const [created] = await tx
      .insert(planNodes)
      .values({
        planId,
        parentId: node.parentId,
        ancestors: node.ancestors,
        kind: "task",
        number: input.newNumber ?? "",
        title: input.newTitle,
        search: planNodeSearch({ title: input.newTitle }),
        text: input.newText,
        sort: node.sort + 1,
        weight: node.weight,
        deadline: node.deadline,
        milestones: node.milestones,
        metricName: node.metricName,
        metricUnit: node.metricUnit,
        baseline: node.baseline,
        targetValue: node.targetValue,
        leadOrgId: node.leadOrgId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await placeAt(tx, planId, node.parentId, created.id, node.sort + 1);
    const units = await tx.select().from(planNodeUnits).where(eq(planNodeUnits.nodeId, nodeId));
    if (units.length > 0)
      await tx.insert(planNodeUnits).values(
        units.map((u) => ({
          nodeId: created.id,
          orgId: u.orgId,
          planId,
          regionCode: u.regionCode,
          role: u.role,
          createdAt: now,
        })),
      );
    await refreshTaskStanding(tx, [created.id]);
    await auditNode(ctx, tx, plan, "split", `将${label(node)}拆分为两项任务，新增“${created.title}”`, {
      node: [nodeId, nodeId],
      newNode: [null, created.id],
      ...diff({ title: node.title, text: node.text }, { title: updated.title, text: updated.text }),
    });
    return { nodeId, newNodeId: created.id };
  });
}

export async function mergeNodes(
  ctx: Ctx,
  planId: string,
  input: { nodeIds: string[]; title?: string; text?: string },
): Promise<EditResult> {
  return withManagedPlan(ctx, planId, async (tx, { plan }) => {
    const ids = [...new Set(input.nodeIds)];
    if (ids.length < 2) throw errors.field("nodeIds", "plans.merge_two");
    const nodes: NodeRow[] = [];
    for (const id of ids) nodes.push(await nodeInPlan(tx, planId, id));
    if (nodes.some((n) => n.kind !== "task")) throw errors.field("nodeIds", "plans.merge_only_tasks");
    const [survivor, ...others] = nodes;
    const now = ctx.clock.now();
    const otherIds = others.map((o) => o.id);
    // Units: the union (the survivor's lead stays lead).
    const units = await tx.select().from(planNodeUnits).where(inArray(planNodeUnits.nodeId, ids));
    const have = new Set(units.filter((u) => u.nodeId === survivor.id).map((u) => u.orgId));
    for (const u of units) {
      if (have.has(u.orgId)) continue;
      have.add(u.orgId);
      await tx.insert(planNodeUnits).values({
        nodeId: survivor.id,
        orgId: u.orgId,
        planId,
        regionCode: u.regionCode,
        role: "responsible",
        createdAt: now,
      });
    }
    // Reports move to the survivor where the survivor has none for that unit and period; the rest stay with
    // the merged (deleted) task, still traceable.
    const moved = new Set(
      (await tx.select().from(planReports).where(eq(planReports.nodeId, survivor.id))).map(
        (r) => `${r.orgId}|${r.period}`,
      ),
    );
    const theirs = await tx
      .select({ id: planReports.id, orgId: planReports.orgId, period: planReports.period })
      .from(planReports)
      .where(inArray(planReports.nodeId, otherIds))
      .orderBy(asc(planReports.submittedAt));
    for (const r of theirs) {
      const key = `${r.orgId}|${r.period}`;
      if (moved.has(key)) continue;
      moved.add(key);
      await tx.update(planReports).set({ nodeId: survivor.id }).where(eq(planReports.id, r.id));
    }
    // Items of the merged tasks follow into the survivor.
    for (const o of others) {
      const kids = await siblingsOf(tx, planId, o.id);
      for (const k of kids) {
        const [kid] = await tx.select().from(planNodes).where(eq(planNodes.id, k.id));
        await tx.update(planNodes).set({ parentId: survivor.id }).where(eq(planNodes.id, k.id));
        await tx.execute(sql`
          UPDATE plan_nodes SET ancestors = ${sql`${`{${[...survivor.ancestors, survivor.id].join(",")}}`}::uuid[]`} || ancestors[${o.ancestors.length + 2}:cardinality(ancestors)]
          WHERE id = ${kid.id} OR ancestors @> ARRAY[${kid.id}]::uuid[]`);
        await placeAt(tx, planId, survivor.id, k.id);
      }
    }
    const text =
      input.text ??
      nodes
        .map((n) => n.text)
        .filter(Boolean)
        .join("\n");
    await tx
      .update(planNodes)
      .set({
        title: input.title ?? survivor.title,
        search: planNodeSearch({ title: input.title ?? survivor.title }),
        text,
        weight: nodes.reduce((s, n) => s + n.weight, 0),
        updatedAt: now,
      })
      .where(eq(planNodes.id, survivor.id));
    await tx.update(planNodes).set({ deletedAt: now, updatedAt: now }).where(inArray(planNodes.id, otherIds));
    await tx.delete(planNodeUnits).where(inArray(planNodeUnits.nodeId, otherIds));
    await refreshAssignments(tx, [survivor.id]);
    const sibs = await siblingsOf(tx, planId, survivor.parentId);
    for (let i = 0; i < sibs.length; i++)
      if (sibs[i].sort !== i) await tx.update(planNodes).set({ sort: i }).where(eq(planNodes.id, sibs[i].id));
    await auditNode(ctx, tx, plan, "merge", `将${others.map(label).join("、")}合并入${label(survivor)}`, {
      node: [survivor.id, survivor.id],
      merged: [otherIds, null],
      title: [survivor.title, input.title ?? survivor.title],
    });
    return { nodeId: survivor.id };
  });
}

export async function deleteNode(ctx: Ctx, planId: string, nodeId: string): Promise<EditResult> {
  return withManagedPlan(ctx, planId, async (tx, { plan }) => {
    const node = await nodeInPlan(tx, planId, nodeId, "path");
    const now = ctx.clock.now();
    const removed = await tx
      .update(planNodes)
      .set({ deletedAt: now, updatedAt: now })
      .where(
        and(
          eq(planNodes.planId, planId),
          isNull(planNodes.deletedAt),
          or(eq(planNodes.id, nodeId), sql`${planNodes.ancestors} @> ARRAY[${nodeId}]::uuid[]`),
        ),
      )
      .returning({ id: planNodes.id });
    const sibs = await siblingsOf(tx, planId, node.parentId);
    for (let i = 0; i < sibs.length; i++)
      if (sibs[i].sort !== i) await tx.update(planNodes).set({ sort: i }).where(eq(planNodes.id, sibs[i].id));
    await auditNode(
      ctx,
      tx,
      plan,
      "delete",
      `删除${label(node)}${removed.length > 1 ? `及其下 ${removed.length - 1} 项` : ""}`,
      {
        node: [nodeId, null],
        removed: [removed.map((r) => r.id), null],
      },
    );
    return { nodeId };
  });
}

/** Plans where the org has full access through scope (for a manager looking at a unit's list). */
export function readableScopeWhere(ctx: Ctx) {
  const scope = scopeFor(ctx.actor, "plan:read");
  return scope ? scopeWhere(scope, { region: plans.regionCode, org: plans.issuingOrgId }) : sql`false`;
}
