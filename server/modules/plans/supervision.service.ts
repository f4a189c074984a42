/**
 * 督查督办: the issuing department inspects a plan's implementation and records findings; each finding is a
 * rectification item (整改) with an owner organization and a deadline.
 *
 *   open ──close (owner, note + evidence)──▶ closed ──verify (inspecting org)──▶ verified
 *     ▲                                        │
 *     └────────return (inspecting org, note)───┘
 *
 * An open item past its deadline is overdue; the escalation job marks it escalated once, to the owner's superior
 * organization (its parent; else the plan's issuing department), whose to-do list then shows it. Overdue and
 * escalated items are counted in the roll-up.
 */
import { and, asc, desc, eq, inArray, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import type {
  FindingInput,
  InspectionCreate,
  RectificationListQuery,
  RectificationView,
} from "../../../contracts/plan-progress.js";
import { RECTIFICATION_STATUS_LABELS } from "../../../contracts/plans.js";
import type { Ctx, Deps } from "../../core/context.js";
import { AppError, errors } from "../../core/errors.js";
import { t } from "../../core/i18n.js";
import { paged, pageResult } from "../../core/paging.js";
import { searchQuery } from "../../core/search.js";
import { defineMachine } from "../../core/state-machine.js";
import type { Queryable, Tx } from "../../db/client.js";
import { diff, recordAudit } from "../audit/index.js";
import { assertMaterialsUsable } from "../materials/index.js";
import { orgBriefs } from "../org/index.js";
import { beijingDate } from "./periods.js";
import { bumpRevision, loadPlanAccess, type PlanAccessInfo, requireManage } from "./plan-access.js";
import { planInspections, planNodes, planRectifications, plans } from "./plans.schema.js";
import { rectificationSearch } from "./plans.search.js";
import { assertUnits } from "./tree-edit.service.js";

type RectRow = typeof planRectifications.$inferSelect;

/** The rectification state machine; `rectificationMachine.move` is the only writer of an item's status. */
export const rectificationMachine = defineMachine({
  entity: "plan_rectification",
  auditPrefix: "plan.rectification",
  table: planRectifications,
  labels: RECTIFICATION_STATUS_LABELS,
  audit: recordAudit,
  scope: (r) => ({ regionCode: r.regionCode, orgId: r.orgId }),
  transitions: {
    close: { from: ["open"], to: ["closed"], label: "提交整改" },
    verify: { from: ["closed"], to: ["verified"], label: "核验销号" },
    return: { from: ["closed"], to: ["open"], label: "退回重新整改" },
  },
});
export const RECTIFICATION_TRANSITIONS = rectificationMachine.transitions;

const isOverdue = (r: Pick<RectRow, "status" | "deadline">, today: string) => r.status === "open" && r.deadline < today;

async function views(ctx: Ctx, db: Queryable, rows: RectRow[]): Promise<RectificationView[]> {
  if (rows.length === 0) return [];
  const inspectionIds = [...new Set(rows.map((r) => r.inspectionId))];
  const nodeIds = rows.map((r) => r.nodeId).filter((x): x is string => !!x);
  const [inspections, nodes, names] = await Promise.all([
    db
      .select({ id: planInspections.id, title: planInspections.title, orgId: planInspections.orgId })
      .from(planInspections)
      .where(inArray(planInspections.id, inspectionIds)),
    nodeIds.length
      ? db.select({ id: planNodes.id, title: planNodes.title }).from(planNodes).where(inArray(planNodes.id, nodeIds))
      : Promise.resolve([]),
    orgBriefs(db, [
      ...rows.map((r) => r.orgId),
      ...rows.map((r) => r.escalatedToOrgId).filter((x): x is string => !!x),
    ]),
  ]);
  const insp = new Map(inspections.map((i) => [i.id, i]));
  const nodeTitle = new Map(nodes.map((n) => [n.id, n.title]));
  const today = beijingDate(ctx.clock.now());
  return rows.map((r) => ({
    id: r.id,
    planId: r.planId,
    inspectionId: r.inspectionId,
    inspectionTitle: insp.get(r.inspectionId)?.title ?? "",
    inspectingOrgId: insp.get(r.inspectionId)?.orgId ?? "",
    nodeId: r.nodeId,
    nodeTitle: r.nodeId ? (nodeTitle.get(r.nodeId) ?? null) : null,
    finding: r.finding,
    requirement: r.requirement,
    ownerOrgId: r.orgId,
    ownerOrgName: names.get(r.orgId)?.name ?? "",
    deadline: r.deadline,
    status: r.status,
    overdue: isOverdue(r, today),
    closureNote: r.closureNote,
    closureEvidence: r.closureEvidence as RectificationView["closureEvidence"],
    closedAt: r.closedAt?.toISOString() ?? null,
    verifiedAt: r.verifiedAt?.toISOString() ?? null,
    verifyNote: r.verifyNote,
    returnCount: r.returnCount,
    escalatedAt: r.escalatedAt?.toISOString() ?? null,
    escalatedToOrgId: r.escalatedToOrgId,
    escalatedToOrgName: r.escalatedToOrgId ? (names.get(r.escalatedToOrgId)?.name ?? null) : null,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** Rectifications a caller sees: all (manage/read), or those its organization owns or was escalated (unit). */
export function rectScope(info: PlanAccessInfo, orgId: string): SQL | undefined {
  if (info.access !== "unit") return undefined;
  return or(eq(planRectifications.orgId, orgId), eq(planRectifications.escalatedToOrgId, orgId));
}

async function insertFinding(ctx: Ctx, tx: Tx, info: PlanAccessInfo, inspectionId: string, f: FindingInput, i = 0) {
  const field = (name: string) => `findings.${i}.${name}`;
  const briefs = await assertUnits(tx, info.plan, [f.ownerOrgId], field("ownerOrgId"));
  if (f.nodeId) {
    const [n] = await tx
      .select({ id: planNodes.id })
      .from(planNodes)
      .where(and(eq(planNodes.id, f.nodeId), eq(planNodes.planId, info.plan.id), isNull(planNodes.deletedAt)));
    if (!n) throw errors.field(field("nodeId"), "errors.not_found", { entity: t("entities.plan_node") });
  }
  const owner = briefs.get(f.ownerOrgId)!;
  const now = ctx.clock.now();
  const [{ n }] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(planRectifications)
    .where(eq(planRectifications.inspectionId, inspectionId));
  const [row] = await tx
    .insert(planRectifications)
    .values({
      planId: info.plan.id,
      inspectionId,
      seq: n + 1,
      nodeId: f.nodeId ?? null,
      finding: f.finding,
      requirement: f.requirement,
      search: rectificationSearch(f),
      orgId: owner.id,
      regionCode: owner.regionCode,
      deadline: f.deadline,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await bumpRevision(tx, info.plan.id);
  await recordAudit(tx, ctx.clock, ctx.actor, {
    category: "data",
    action: "plan.rectification.create",
    entity: "plan_rectification",
    entityId: row.id,
    regionCode: owner.regionCode,
    orgId: owner.id,
    summary: `督查发现问题交${owner.name}整改，期限 ${f.deadline}`,
    changes: diff(null, { finding: f.finding, requirement: f.requirement, ownerOrgId: owner.id, deadline: f.deadline }),
  });
  return row;
}

export async function createInspection(ctx: Ctx, planId: string, input: InspectionCreate) {
  const id = await ctx.db.transaction(async (tx) => {
    const info = await loadPlanAccess(ctx, planId, tx);
    requireManage(info);
    const [row] = await tx
      .insert(planInspections)
      .values({
        planId,
        regionCode: info.plan.regionCode,
        orgId: ctx.actor.orgId,
        title: input.title,
        inspectedOn: input.inspectedOn,
        summary: input.description,
        createdBy: ctx.actor.userId,
        createdAt: ctx.clock.now(),
      })
      .returning();
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "plan.inspection.create",
      entity: "plan",
      entityId: planId,
      regionCode: info.plan.regionCode,
      orgId: info.plan.issuingOrgId,
      summary: `督查“${input.title}”（${input.inspectedOn}），发现问题 ${input.findings.length} 个`,
      changes: { inspection: [null, row.id], title: [null, input.title], findings: [null, input.findings.length] },
    });
    for (const [i, f] of input.findings.entries()) await insertFinding(ctx, tx, info, row.id, f, i);
    return row.id;
  });
  return getInspection(ctx, planId, id);
}

export async function addFinding(ctx: Ctx, planId: string, inspectionId: string, input: FindingInput) {
  const id = await ctx.db.transaction(async (tx) => {
    const info = await loadPlanAccess(ctx, planId, tx);
    requireManage(info);
    const [insp] = await tx
      .select()
      .from(planInspections)
      .where(and(eq(planInspections.id, inspectionId), eq(planInspections.planId, planId)));
    if (!insp) throw errors.notFound("plan_inspection");
    const row = await insertFinding(ctx, tx, info, inspectionId, input);
    return row.id;
  });
  return getRectification(ctx, planId, id);
}

export async function getInspection(ctx: Ctx, planId: string, inspectionId: string) {
  const info = await loadPlanAccess(ctx, planId);
  const [insp] = await ctx.db
    .select()
    .from(planInspections)
    .where(and(eq(planInspections.id, inspectionId), eq(planInspections.planId, planId)));
  if (!insp) throw errors.notFound("plan_inspection");
  const rows = await ctx.db
    .select()
    .from(planRectifications)
    .where(and(eq(planRectifications.inspectionId, inspectionId), rectScope(info, ctx.actor.orgId)))
    .orderBy(asc(planRectifications.seq));
  if (info.access === "unit" && rows.length === 0) throw errors.notFound("plan_inspection");
  const names = await orgBriefs(ctx.db, [insp.orgId]);
  return {
    id: insp.id,
    planId,
    title: insp.title,
    inspectedOn: insp.inspectedOn,
    description: insp.summary,
    orgId: insp.orgId,
    orgName: names.get(insp.orgId)?.name ?? "",
    createdAt: insp.createdAt.toISOString(),
    rectifications: await views(ctx, ctx.db, rows),
  };
}

export async function listInspections(ctx: Ctx, planId: string) {
  const info = await loadPlanAccess(ctx, planId);
  const scope = rectScope(info, ctx.actor.orgId);
  const rows = await ctx.db
    .select()
    .from(planInspections)
    .where(
      and(
        eq(planInspections.planId, planId),
        scope
          ? sql`exists (select 1 from ${planRectifications} where ${planRectifications.inspectionId} = ${planInspections.id} and ${scope})`
          : undefined,
      ),
    )
    .orderBy(desc(planInspections.inspectedOn), desc(planInspections.createdAt));
  const out = [];
  for (const r of rows) out.push(await getInspection(ctx, planId, r.id));
  return out;
}

export async function listRectifications(ctx: Ctx, planId: string, q: RectificationListQuery) {
  const info = await loadPlanAccess(ctx, planId);
  const today = beijingDate(ctx.clock.now());
  const conds: (SQL | undefined)[] = [eq(planRectifications.planId, planId), rectScope(info, ctx.actor.orgId)];
  if (q.status) conds.push(eq(planRectifications.status, q.status));
  if (q.ownerOrgId) conds.push(eq(planRectifications.orgId, q.ownerOrgId));
  if (q.overdue === true)
    conds.push(and(eq(planRectifications.status, "open"), lt(planRectifications.deadline, today)));
  if (q.overdue === false)
    conds.push(sql`not (${planRectifications.status} = 'open' and ${planRectifications.deadline} < ${today})`);
  if (q.q) conds.push(searchQuery(planRectifications.search, q.q));
  const where = and(...conds.filter(Boolean));
  const [rows, [{ total }]] = await Promise.all([
    paged(
      ctx.db
        .select()
        .from(planRectifications)
        .where(where)
        .orderBy(asc(planRectifications.deadline), asc(planRectifications.createdAt), asc(planRectifications.seq)),
      q,
    ),
    ctx.db.select({ total: sql<number>`count(*)::int` }).from(planRectifications).where(where),
  ]);
  return pageResult(await views(ctx, ctx.db, rows), total, q);
}

async function loadRect(ctx: Ctx, info: PlanAccessInfo, id: string, db: Queryable) {
  const [row] = await db
    .select()
    .from(planRectifications)
    .where(
      and(eq(planRectifications.id, id), eq(planRectifications.planId, info.plan.id), rectScope(info, ctx.actor.orgId)),
    );
  if (!row) throw errors.notFound("plan_rectification");
  return row;
}

export async function getRectification(ctx: Ctx, planId: string, id: string) {
  const info = await loadPlanAccess(ctx, planId);
  const row = await loadRect(ctx, info, id, ctx.db);
  return (await views(ctx, ctx.db, [row]))[0];
}

/** The owner reports the rectification done, with a note and evidence from its material library. */
export async function closeRectification(
  ctx: Ctx,
  planId: string,
  id: string,
  input: { note: string; evidenceIds: string[] },
) {
  await ctx.db.transaction(async (tx) => {
    const info = await loadPlanAccess(ctx, planId, tx);
    const row = await loadRect(ctx, info, id, tx);
    if (row.orgId !== ctx.actor.orgId) throw new AppError(403, "NOT_OWNER", t("plans.rect_not_owner"));
    rectificationMachine.assert(row.status, "close");
    const evidence = (await assertMaterialsUsable(ctx, input.evidenceIds, "evidenceIds", tx)).map((m) => ({
      id: m.id,
      title: m.title,
      fileName: m.fileName,
    }));
    const now = ctx.clock.now();
    await rectificationMachine.move(tx, ctx, row, "close", {
      set: { closureNote: input.note, closureEvidence: evidence, closedAt: now, closedBy: ctx.actor.userId },
      summary: `提交整改情况：${input.note.slice(0, 50)}`,
      changes: { closureNote: [row.closureNote, input.note], closureEvidence: [null, evidence] },
    });
    await bumpRevision(tx, planId);
  });
  return getRectification(ctx, planId, id);
}

/** The inspecting organization verifies the closure (销号) or returns it to the owner with a reason. */
export async function verifyRectification(
  ctx: Ctx,
  planId: string,
  id: string,
  input: { approved: boolean; note: string },
) {
  await ctx.db.transaction(async (tx) => {
    const info = await loadPlanAccess(ctx, planId, tx);
    requireManage(info);
    const row = await loadRect(ctx, info, id, tx);
    const [insp] = await tx.select().from(planInspections).where(eq(planInspections.id, row.inspectionId));
    if (insp.orgId !== ctx.actor.orgId) throw new AppError(403, "NOT_INSPECTOR", t("plans.rect_not_inspector"));
    const action = input.approved ? "verify" : "return";
    rectificationMachine.assert(row.status, action);
    if (!input.approved && !input.note) throw errors.field("note", "plans.return_needs_reason");
    const now = ctx.clock.now();
    await rectificationMachine.move(tx, ctx, row, action, {
      set: {
        verifyNote: input.note || null,
        ...(input.approved
          ? { verifiedAt: now, verifiedBy: ctx.actor.userId }
          : { returnCount: row.returnCount + 1, closedAt: null, closedBy: null }),
      },
      summary: input.approved ? "整改核验通过，销号" : `整改退回：${input.note.slice(0, 50)}`,
      changes: { verifyNote: [row.verifyNote, input.note || null] },
    });
    await bumpRevision(tx, planId);
  });
  return getRectification(ctx, planId, id);
}

/**
 * Escalates every open rectification past its deadline (Beijing date) that has not been escalated yet: to the
 * owner's parent organization, else to the plan's issuing department (unless that is the owner). Run by the
 * `plans.escalate` job; returns how many were escalated.
 */
export async function escalateOverdueRectifications(deps: Deps): Promise<number> {
  const today = beijingDate(deps.clock.now());
  return deps.db.transaction(async (tx) => {
    const due = await tx
      .select({ r: planRectifications, issuingOrgId: plans.issuingOrgId })
      .from(planRectifications)
      .innerJoin(plans, eq(plans.id, planRectifications.planId))
      .where(
        and(
          eq(planRectifications.status, "open"),
          lt(planRectifications.deadline, today),
          isNull(planRectifications.escalatedAt),
        ),
      )
      .orderBy(asc(planRectifications.deadline))
      .limit(1000)
      .for("update", { of: planRectifications, skipLocked: true });
    if (due.length === 0) return 0;
    const owners = await orgBriefs(
      tx,
      due.map((d) => d.r.orgId),
    );
    const now = deps.clock.now();
    for (const { r, issuingOrgId } of due) {
      const owner = owners.get(r.orgId);
      const superior = owner?.parentId ?? (r.orgId !== issuingOrgId ? issuingOrgId : null);
      await tx
        .update(planRectifications)
        .set({ escalatedAt: now, escalatedToOrgId: superior, updatedAt: now })
        .where(eq(planRectifications.id, r.id));
      await bumpRevision(tx, r.planId);
      await recordAudit(tx, deps.clock, null, {
        category: "data",
        action: "plan.rectification.escalate",
        entity: "plan_rectification",
        entityId: r.id,
        regionCode: r.regionCode,
        orgId: r.orgId,
        actorName: "系统（逾期督办）",
        summary: `整改逾期（期限 ${r.deadline}），已提级督办`,
        changes: { escalatedAt: [null, now.toISOString()], escalatedToOrgId: [null, superior] },
      });
    }
    return due.length;
  });
}
