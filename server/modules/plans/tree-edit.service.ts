/**
 * Editing a plan's task tree and its units: the assignments (牵头单位 / 责任单位) and their report columns, and
 * the tree edits (add, update, move, split, merge, delete). Every change runs in one transaction with its audit
 * entry (entity "plan", so the plan's 操作记录 is the history of its tree). Split from plan.service.ts, which
 * keeps listing, reading and the plans' own metadata.
 */
import { and, asc, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import type { NodeCreate, NodeUpdate } from "../../../contracts/plans.js";
import { NODE_KIND_LABELS } from "../../../contracts/plans.js";
import type { Ctx } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import { t } from "../../core/i18n.js";
import type { Queryable, Tx } from "../../db/client.js";
import { diff, recordAudit } from "../audit/index.js";
import { orgBriefs } from "../org/index.js";
import { kindAllowed, kindError, type NodeRow } from "./plan.service.js";
import { loadPlanAccess, type PlanAccessInfo, type PlanRow, requireManage } from "./plan-access.js";
import { planNodes, planNodeUnits, planReports, plans } from "./plans.schema.js";
import { planNodeSearch } from "./plans.search.js";

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
