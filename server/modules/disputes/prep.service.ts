/**
 * 排查 campaigns (assigned units file their screening; completion rolls up), 应急预案 with drills and their
 * rectification items, and 舆情 events (about events and information, never about individuals).
 */
import { and, asc, desc, eq, inArray, lte, or, sql } from "drizzle-orm";
import { addDays, beijingDate } from "../../../contracts/dates.js";
import {
  type CampaignRegionView,
  type CampaignView,
  DISPUTE_CHANNEL_DICT,
  type EmergencyPlanView,
  EVENT_STATUS_LABELS,
  type EventView,
  RISK_LABELS,
} from "../../../contracts/disputes.js";
import type { Ctx } from "../../core/context.js";
import { dictLabelSql, requireDictCode } from "../../core/dict.js";
import { errors } from "../../core/errors.js";
import { paged, pageResult } from "../../core/paging.js";
import { defineMachine } from "../../core/state-machine.js";
import { recordAudit } from "../audit/index.js";
import { orgBriefs, orgNameSql, regionNames } from "../org/index.js";
import { visibleCaseRows } from "./cases.service.js";
import {
  disputeCampaigns,
  disputeCampaignUnits,
  disputeCases,
  disputeDrills,
  disputeOpinionEvents,
  disputeOpinionSteps,
  disputePlans,
  disputeRectifications,
} from "./disputes.schema.js";
import { assertManagesRegion, regionReadWhere } from "./disputes-access.js";

type Audit = Parameters<typeof recordAudit>[3];
const audit = (ctx: Ctx, tx: Parameters<typeof recordAudit>[0], e: Omit<Audit, "category">) =>
  recordAudit(tx, ctx.clock, ctx.actor, { category: "data", ...e });

async function activeOrgs(ctx: Ctx, ids: string[], field: string) {
  const briefs = await orgBriefs(ctx.db, ids);
  for (const id of ids) {
    const o = briefs.get(id);
    if (!o || o.status !== "active") throw errors.field(field, "disputes.org_out_of_scope");
  }
  return briefs;
}

// ---- campaigns

/** Campaigns the caller sees: in its region tree, or those its unit is assigned to. */
function campaignWhere(ctx: Ctx) {
  return sql`(${regionReadWhere(ctx, disputeCampaigns.regionCode) ?? sql`true`} or exists (select 1 from ${disputeCampaignUnits} cu where cu.campaign_id = ${disputeCampaigns.id} and cu.org_id = ${ctx.actor.orgId}))`;
}

export async function listCampaigns(ctx: Ctx, q: { page: number; pageSize: number }) {
  const where = campaignWhere(ctx);
  const rows = await paged(
    ctx.db
      .select({ id: disputeCampaigns.id })
      .from(disputeCampaigns)
      .where(where)
      .orderBy(desc(disputeCampaigns.startsOn), desc(disputeCampaigns.id)),
    q,
  );
  const [{ total }] = await ctx.db.select({ total: sql<number>`count(*)::int` }).from(disputeCampaigns).where(where);
  const items = await Promise.all(rows.map((r) => getCampaign(ctx, r.id)));
  return pageResult(items, Number(total), q);
}

const CHILD_LEN: Record<number, number> = { 0: 2, 2: 4, 4: 6, 6: 9, 9: 12 };

/**
 * One campaign with its completion rolled up by lower region: under `regionCode` (the campaign's region or a region
 * below it; default the campaign's), each lower region's assigned units, reports filed, issues found and cases
 * created (linked cases recorded between the campaign's start and end), the region's own units as 本级, and the
 * units of that subtree. Totals are the whole campaign's.
 */
export async function getCampaign(ctx: Ctx, id: string, q: { regionCode?: string } = {}): Promise<CampaignView> {
  const [c] = await ctx.db
    .select({ c: disputeCampaigns, orgName: orgNameSql(disputeCampaigns.orgId) })
    .from(disputeCampaigns)
    .where(and(eq(disputeCampaigns.id, id), campaignWhere(ctx)));
  if (!c) throw errors.notFound("dispute_campaign");
  const view = q.regionCode ?? c.c.regionCode;
  if (!view.startsWith(c.c.regionCode)) throw errors.field("regionCode", "disputes.region_out_of_scope");
  const units = await ctx.db
    .select({ u: disputeCampaignUnits, orgName: orgNameSql(disputeCampaignUnits.orgId) })
    .from(disputeCampaignUnits)
    .where(eq(disputeCampaignUnits.campaignId, id))
    .orderBy(asc(disputeCampaignUnits.regionCode));
  const caseIds = [...new Set(units.flatMap((u) => u.u.caseIds))];
  const fresh = new Set(
    caseIds.length
      ? (
          await ctx.db
            .select({ id: disputeCases.id })
            .from(disputeCases)
            .where(
              and(
                inArray(disputeCases.id, caseIds),
                sql`(${disputeCases.createdAt} at time zone 'Asia/Shanghai')::date between ${c.c.startsOn}::date and ${c.c.endsOn}::date`,
              ),
            )
        ).map((r) => r.id)
      : [],
  );
  const created = (u: (typeof units)[number]) => (u.u.submittedAt ? u.u.caseIds.filter((x) => fresh.has(x)).length : 0);
  const childLen = CHILD_LEN[view.length] ?? 12;
  const regions = new Map<string, Omit<CampaignRegionView, "regionName">>();
  for (const u of units) {
    if (!u.u.regionCode.startsWith(view)) continue;
    const code = u.u.regionCode.length > view.length ? u.u.regionCode.slice(0, childLen) : u.u.regionCode;
    const e = regions.get(code) ?? { regionCode: code, assigned: 0, submitted: 0, issuesFound: 0, casesCreated: 0 };
    e.assigned++;
    if (u.u.submittedAt) e.submitted++;
    e.issuesFound += u.u.issuesFound ?? 0;
    e.casesCreated += created(u);
    regions.set(code, e);
  }
  const names = await regionNames(ctx.db, [c.c.regionCode, view, ...regions.keys()]);
  return {
    id: c.c.id,
    name: c.c.name,
    regionCode: c.c.regionCode,
    regionName: names.get(c.c.regionCode) ?? "",
    orgName: c.orgName ?? "",
    startsOn: c.c.startsOn,
    endsOn: c.c.endsOn,
    checklist: c.c.checklist,
    assigned: units.length,
    submitted: units.filter((u) => u.u.submittedAt).length,
    issuesFound: units.reduce((s, u) => s + (u.u.issuesFound ?? 0), 0),
    casesCreated: units.reduce((s, u) => s + created(u), 0),
    viewRegionCode: view,
    viewRegionName: names.get(view) ?? view,
    regions: [...regions.values()]
      .sort((a, b) => a.regionCode.localeCompare(b.regionCode))
      .map((r) => ({
        ...r,
        regionName:
          r.regionCode === view ? `${names.get(view) ?? ""}（本级）` : (names.get(r.regionCode) ?? r.regionCode),
      })),
    units: units
      .filter(({ u }) => u.regionCode.startsWith(view))
      .map(({ u, orgName }) => ({
        orgId: u.orgId,
        orgName: orgName ?? "",
        regionCode: u.regionCode,
        placesChecked: u.placesChecked,
        issuesFound: u.issuesFound,
        checks: u.checks,
        note: u.note,
        submittedAt: u.submittedAt?.toISOString() ?? null,
      })),
  };
}

export async function createCampaign(
  ctx: Ctx,
  input: { name: string; regionCode: string; startsOn: string; endsOn: string; orgIds: string[]; checklist: string[] },
) {
  assertManagesRegion(ctx, input.regionCode);
  if (input.endsOn < input.startsOn) throw errors.field("endsOn", "disputes.period_order");
  const briefs = await activeOrgs(ctx, input.orgIds, "orgIds");
  for (const o of briefs.values())
    if (!o.regionCode.startsWith(input.regionCode)) throw errors.field("orgIds", "disputes.org_out_of_scope");
  const id = await ctx.db.transaction(async (tx) => {
    const [c] = await tx
      .insert(disputeCampaigns)
      .values({ ...input, orgId: ctx.actor.orgId, createdBy: ctx.actor.userId, createdAt: ctx.clock.now() })
      .returning();
    await tx
      .insert(disputeCampaignUnits)
      .values([...briefs.values()].map((o) => ({ campaignId: c.id, orgId: o.id, regionCode: o.regionCode })));
    await audit(ctx, tx, {
      action: "disputes.campaign.create",
      entity: "dispute_campaign",
      entityId: c.id,
      regionCode: c.regionCode,
      orgId: c.orgId,
      summary: `部署排查：${c.name}（${input.orgIds.length} 个单位）`,
      changes: {
        name: [null, c.name],
        startsOn: [null, c.startsOn],
        endsOn: [null, c.endsOn],
        orgIds: [null, input.orgIds.length],
      },
    });
    return c.id;
  });
  return getCampaign(ctx, id);
}

/** An assigned unit files (or refiles) its screening: places checked, checklist results, the cases found. */
export async function reportScreening(
  ctx: Ctx,
  id: string,
  input: { placesChecked: number; checks: boolean[]; caseIds: string[]; note?: string },
) {
  const campaign = await getCampaign(ctx, id);
  if (input.checks.length !== campaign.checklist.length)
    throw errors.field("checks", "disputes.checks_length", { count: campaign.checklist.length });
  await visibleCaseRows(ctx, input.caseIds, "caseIds");
  await ctx.db.transaction(async (tx) => {
    const [u] = await tx
      .select()
      .from(disputeCampaignUnits)
      .where(and(eq(disputeCampaignUnits.campaignId, id), eq(disputeCampaignUnits.orgId, ctx.actor.orgId)))
      .for("update");
    if (!u) throw errors.badRequest("NOT_ASSIGNED", "disputes.not_assigned");
    const now = ctx.clock.now();
    await tx
      .update(disputeCampaignUnits)
      .set({
        ...input,
        note: input.note ?? null,
        issuesFound: input.caseIds.length,
        submittedAt: now,
        submittedBy: ctx.actor.userId,
      })
      .where(eq(disputeCampaignUnits.id, u.id));
    await audit(ctx, tx, {
      action: "disputes.campaign.report",
      entity: "dispute_campaign",
      entityId: id,
      regionCode: u.regionCode,
      orgId: u.orgId,
      summary: `报送排查情况：排查 ${input.placesChecked} 处，发现 ${input.caseIds.length} 件`,
      changes: {
        placesChecked: [u.placesChecked, input.placesChecked],
        caseIds: [u.caseIds.length, input.caseIds.length],
      },
    });
  });
  return getCampaign(ctx, id);
}

// ---- emergency plans

export async function listPlans(ctx: Ctx, q: { page: number; pageSize: number; dueForReview?: boolean }) {
  const today = beijingDate(ctx.clock.now());
  const where = and(
    regionReadWhere(ctx, disputePlans.regionCode),
    q.dueForReview ? lte(disputePlans.reviewDue, addDays(today, 30)) : undefined,
  );
  const rows = await paged(
    ctx.db
      .select({ p: disputePlans, orgName: orgNameSql(disputePlans.orgId) })
      .from(disputePlans)
      .where(where)
      .orderBy(asc(disputePlans.reviewDue), asc(disputePlans.id)),
    q,
  );
  const [{ total }] = await ctx.db.select({ total: sql<number>`count(*)::int` }).from(disputePlans).where(where);
  const ids = rows.map((r) => r.p.id);
  const drills = ids.length
    ? await ctx.db
        .select()
        .from(disputeDrills)
        .where(inArray(disputeDrills.planId, ids))
        .orderBy(desc(disputeDrills.heldOn))
    : [];
  const rects = drills.length
    ? await ctx.db
        .select({ r: disputeRectifications, ownerOrgName: orgNameSql(disputeRectifications.ownerOrgId) })
        .from(disputeRectifications)
        .where(
          inArray(
            disputeRectifications.drillId,
            drills.map((d) => d.id),
          ),
        )
        .orderBy(asc(disputeRectifications.dueOn))
    : [];
  const names = await regionNames(
    ctx.db,
    rows.map((r) => r.p.regionCode),
  );
  const items: EmergencyPlanView[] = rows.map(({ p, orgName }) => ({
    id: p.id,
    name: p.name,
    level: p.level,
    scope: p.scope,
    version: p.version,
    regionCode: p.regionCode,
    regionName: names.get(p.regionCode) ?? "",
    orgName: orgName ?? "",
    materialId: p.materialId,
    reviewDue: p.reviewDue,
    dueForReview: p.reviewDue <= addDays(today, 30),
    drills: drills
      .filter((d) => d.planId === p.id)
      .map((d) => ({
        id: d.id,
        heldOn: d.heldOn,
        scenario: d.scenario,
        participants: d.participants,
        evaluation: d.evaluation,
        rectifications: rects
          .filter((r) => r.r.drillId === d.id)
          .map(({ r, ownerOrgName }) => ({
            id: r.id,
            issue: r.issue,
            ownerOrgId: r.ownerOrgId,
            ownerOrgName: ownerOrgName ?? "",
            state: r.doneAt ? ("done" as const) : r.dueOn < today ? ("overdue" as const) : ("open" as const),
            dueOn: r.dueOn,
            doneAt: r.doneAt?.toISOString() ?? null,
            doneNote: r.doneNote,
          })),
      })),
  }));
  return pageResult(items, Number(total), q);
}

export async function createPlan(
  ctx: Ctx,
  input: {
    name: string;
    level: string;
    scope: string;
    version: string;
    regionCode: string;
    materialId?: string;
    reviewDue: string;
  },
) {
  assertManagesRegion(ctx, input.regionCode);
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const [p] = await tx
      .insert(disputePlans)
      .values({
        ...input,
        materialId: input.materialId ?? null,
        orgId: ctx.actor.orgId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(ctx, tx, {
      action: "disputes.plan.create",
      entity: "dispute_plan",
      entityId: p.id,
      regionCode: p.regionCode,
      orgId: p.orgId,
      summary: `登记应急预案：${p.name}（${p.version}）`,
      changes: { name: [null, p.name], version: [null, p.version], reviewDue: [null, p.reviewDue] },
    });
    return { id: p.id };
  });
}

async function loadPlan(ctx: Ctx, id: string) {
  const [p] = await ctx.db
    .select()
    .from(disputePlans)
    .where(and(eq(disputePlans.id, id), regionReadWhere(ctx, disputePlans.regionCode)));
  if (!p) throw errors.notFound("dispute_plan");
  return p;
}

export async function addDrill(
  ctx: Ctx,
  planId: string,
  input: {
    heldOn: string;
    scenario: string;
    participants: number;
    evaluation: string;
    issues: { issue: string; ownerOrgId: string; dueOn: string }[];
  },
) {
  const plan = await loadPlan(ctx, planId);
  assertManagesRegion(ctx, plan.regionCode);
  if (input.issues.some((i) => i.dueOn < input.heldOn))
    throw errors.field("issues", "disputes.rectification_due_order");
  await activeOrgs(
    ctx,
    input.issues.map((i) => i.ownerOrgId),
    "issues",
  );
  return ctx.db.transaction(async (tx) => {
    const { issues, ...drill } = input;
    const [d] = await tx
      .insert(disputeDrills)
      .values({ ...drill, planId, createdAt: ctx.clock.now() })
      .returning();
    if (issues.length) await tx.insert(disputeRectifications).values(issues.map((i) => ({ ...i, drillId: d.id })));
    await audit(ctx, tx, {
      action: "disputes.plan.drill",
      entity: "dispute_plan",
      entityId: planId,
      regionCode: plan.regionCode,
      orgId: plan.orgId,
      summary: `记录应急演练（${input.heldOn}，${input.participants} 人），发现问题 ${issues.length} 项`,
      changes: {
        heldOn: [null, input.heldOn],
        participants: [null, input.participants],
        issues: [null, issues.length],
      },
    });
    return { id: d.id };
  });
}

export async function completeRectification(ctx: Ctx, id: string, input: { note: string }) {
  await ctx.db.transaction(async (tx) => {
    const [r] = await tx
      .select({ r: disputeRectifications, regionCode: disputePlans.regionCode, planOrg: disputePlans.orgId })
      .from(disputeRectifications)
      .innerJoin(disputeDrills, eq(disputeDrills.id, disputeRectifications.drillId))
      .innerJoin(disputePlans, eq(disputePlans.id, disputeDrills.planId))
      .where(
        and(
          eq(disputeRectifications.id, id),
          // The owner unit completes its own item even where it cannot read the plan's region.
          or(regionReadWhere(ctx, disputePlans.regionCode), eq(disputeRectifications.ownerOrgId, ctx.actor.orgId)),
        ),
      )
      .for("update", { of: disputeRectifications });
    if (!r) throw errors.notFound("dispute_rectification");
    if (r.r.ownerOrgId !== ctx.actor.orgId) assertManagesRegion(ctx, r.regionCode);
    if (r.r.doneAt) throw errors.conflict("ALREADY_DONE", "disputes.already_done");
    const now = ctx.clock.now();
    await tx
      .update(disputeRectifications)
      .set({ doneAt: now, doneNote: input.note })
      .where(eq(disputeRectifications.id, id));
    await audit(ctx, tx, {
      action: "disputes.plan.rectify",
      entity: "dispute_rectification",
      entityId: id,
      regionCode: r.regionCode,
      orgId: r.r.ownerOrgId,
      summary: `演练整改完成：${r.r.issue}`,
      changes: { doneNote: [null, input.note] },
    });
  });
  return { ok: true as const };
}

// ---- public-opinion events

async function eventView(ctx: Ctx, id: string): Promise<EventView> {
  const [e] = await ctx.db
    .select({
      e: disputeOpinionEvents,
      orgName: orgNameSql(disputeOpinionEvents.orgId),
      channelLabel: dictLabelSql(DISPUTE_CHANNEL_DICT, disputeOpinionEvents.channel),
    })
    .from(disputeOpinionEvents)
    .where(and(eq(disputeOpinionEvents.id, id), regionReadWhere(ctx, disputeOpinionEvents.regionCode)));
  if (!e) throw errors.notFound("dispute_event");
  const steps = await ctx.db
    .select()
    .from(disputeOpinionSteps)
    .where(eq(disputeOpinionSteps.eventId, id))
    .orderBy(asc(disputeOpinionSteps.at));
  const names = await regionNames(ctx.db, [e.e.regionCode]);
  return {
    id: e.e.id,
    foundAt: e.e.foundAt.toISOString(),
    channel: e.e.channel,
    channelLabel: e.channelLabel,
    summary: e.e.summary,
    grade: e.e.grade,
    regionCode: e.e.regionCode,
    regionName: names.get(e.e.regionCode) ?? "",
    orgName: e.orgName ?? "",
    status: e.e.status,
    closure: e.e.closure,
    review: e.e.review,
    steps: steps.map((s) => ({ id: s.id, at: s.at.toISOString(), action: s.action })),
  };
}
export const getEvent = eventView;

export async function listEvents(ctx: Ctx, q: { page: number; pageSize: number; status?: "open" | "closed" }) {
  const where = and(
    regionReadWhere(ctx, disputeOpinionEvents.regionCode),
    q.status ? eq(disputeOpinionEvents.status, q.status) : undefined,
  );
  const rows = await paged(
    ctx.db
      .select({ id: disputeOpinionEvents.id })
      .from(disputeOpinionEvents)
      .where(where)
      .orderBy(desc(disputeOpinionEvents.foundAt), desc(disputeOpinionEvents.id)),
    q,
  );
  const [{ total }] = await ctx.db
    .select({ total: sql<number>`count(*)::int` })
    .from(disputeOpinionEvents)
    .where(where);
  return pageResult(await Promise.all(rows.map((r) => eventView(ctx, r.id))), Number(total), q);
}

export async function createEvent(
  ctx: Ctx,
  input: {
    foundAt: string;
    channel: string;
    summary: string;
    grade: "general" | "serious" | "major";
    regionCode: string;
  },
) {
  assertManagesRegion(ctx, input.regionCode);
  await requireDictCode(ctx.db, DISPUTE_CHANNEL_DICT, input.channel, "channel");
  const id = await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const [e] = await tx
      .insert(disputeOpinionEvents)
      .values({
        ...input,
        foundAt: new Date(input.foundAt),
        orgId: ctx.actor.orgId,
        createdBy: ctx.actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(ctx, tx, {
      action: "disputes.event.create",
      entity: "dispute_event",
      entityId: e.id,
      regionCode: e.regionCode,
      orgId: e.orgId,
      summary: `登记舆情事件（${RISK_LABELS[e.grade]}）`,
      changes: { channel: [null, e.channel], grade: [null, e.grade] },
    });
    return e.id;
  });
  return eventView(ctx, id);
}

async function eventForChange(ctx: Ctx, id: string) {
  const e = await eventView(ctx, id);
  assertManagesRegion(ctx, e.regionCode);
  return e;
}

export async function addEventStep(ctx: Ctx, id: string, input: { at: string; action: string }) {
  const e = await eventForChange(ctx, id);
  if (e.status === "closed") throw errors.conflict("EVENT_CLOSED", "disputes.event_closed");
  const at = new Date(input.at);
  if (at < new Date(e.foundAt)) throw errors.field("at", "disputes.step_before_found");
  if (at > ctx.clock.now()) throw errors.field("at", "disputes.step_in_future");
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(disputeOpinionSteps)
      .values({ eventId: id, at: new Date(input.at), action: input.action, createdBy: ctx.actor.userId });
    await audit(ctx, tx, {
      action: "disputes.event.step",
      entity: "dispute_event",
      entityId: id,
      regionCode: e.regionCode,
      orgId: ctx.actor.orgId,
      summary: `记录舆情处置：${input.action.slice(0, 60)}`,
      changes: { action: [null, input.action] },
    });
  });
  return eventView(ctx, id);
}

export const eventMachine = defineMachine({
  entity: "dispute_event",
  auditPrefix: "disputes.event",
  table: disputeOpinionEvents,
  labels: EVENT_STATUS_LABELS,
  audit: recordAudit,
  scope: (r) => ({ regionCode: r.regionCode, orgId: r.orgId }),
  transitions: { close: { from: ["open"], to: ["closed"], label: "办结" } },
});

export async function closeEvent(ctx: Ctx, id: string, input: { closure: string; review: string }) {
  await eventForChange(ctx, id);
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(disputeOpinionEvents).where(eq(disputeOpinionEvents.id, id)).for("update");
    await eventMachine.move(tx, ctx, row, "close", {
      set: { ...input, closedAt: ctx.clock.now() },
      summary: "舆情事件办结",
      changes: { closure: [null, input.closure] },
    });
  });
  return eventView(ctx, id);
}
