/**
 * Plans and their task trees: list, read (filtered by what the caller may see), create and edit metadata.
 * Editing the tree and its units is tree-edit.service.ts. Every change runs in one transaction with its audit
 * entry (entity "plan", so the plan's 操作记录 is the history of its tree).
 */
import { and, asc, desc, eq, inArray, isNull, ne, or, type SQL, sql } from "drizzle-orm";
import type {
  Milestone,
  NodeKind,
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
import { paged, pageResult, sortTerm } from "../../core/paging.js";
import { searchQuery } from "../../core/search.js";
import { defineMachine, illegalTransition } from "../../core/state-machine.js";
import type { Queryable, Tx } from "../../db/client.js";
import { diff, findAudit, recordAudit } from "../audit/index.js";
import { orgBriefs, regionNames } from "../org/index.js";
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
import { planSearch } from "./plans.search.js";

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

export function kindError(parent: NodeKind | null, child: NodeKind) {
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
  if (q.q) conds.push(searchQuery(plans.search, q.q));
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
      search: planSearch({ title: input.title, docNumber: input.docNumber ?? null }),
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
      search: planSearch({
        title: patch.title ?? before.title,
        docNumber: patch.docNumber !== undefined ? patch.docNumber : before.docNumber,
      }),
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

/** Plans where the org has full access through scope (for a manager looking at a unit's list). */
export function readableScopeWhere(ctx: Ctx) {
  const scope = scopeFor(ctx.actor, "plan:read");
  return scope ? scopeWhere(scope, { region: plans.regionCode, org: plans.issuingOrgId }) : sql`false`;
}
