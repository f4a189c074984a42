/**
 * The registers: service windows (address, hours, staff with the languages they serve in), liaison officers
 * (联络员) per department and community, and contact meetings (联系会议/座谈会) whose follow-up items become
 * requests. Read under service:read (region scope, or staff of the window); written under service:manage.
 */
import { type AnyColumn, and, asc, desc, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import {
  type DepartmentOption,
  type followUpInput,
  type liaisonInput,
  MEETING_KIND_LABELS,
  type meetingInput,
  type windowInput,
} from "../../../contracts/services.js";
import { scopeFor, scopeWhere } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import { diff, recordAudit } from "../audit/index.js";
import { userDisplayName } from "../identity/index.js";
import { ancestorCodes, orgById, orgNameSql, orgsInRegionTree, regionNameSql, regionNames } from "../org/index.js";
import { insertRequest } from "./request.service.js";
import { serviceLiaisons, serviceMeetings, serviceRequests, serviceWindows } from "./services.schema.js";
import { requireManages } from "./services-access.js";

const W = serviceWindows;
const L = serviceLiaisons;
const M = serviceMeetings;

function readWhere(ctx: Ctx, cols: { region: AnyColumn; org: AnyColumn }): SQL {
  const scope = scopeFor(ctx.actor, "service:read");
  if (!scope) throw errors.forbidden("service:read");
  return scopeWhere(scope, cols) ?? sql`true`;
}

async function placeOf(ctx: Ctx, orgId: string, entity: string) {
  const org = await orgById(ctx.db, orgId);
  if (!org) throw errors.field("orgId", "services.org_unknown");
  requireManages(ctx, { regionCode: org.regionCode, orgId: org.id }, entity);
  return org;
}

export async function listWindows(ctx: Ctx) {
  const mine = sql`${W.staff} @> ${JSON.stringify([{ userId: ctx.actor.userId }])}::jsonb`;
  const rows = await ctx.db
    .select({ w: W, orgName: orgNameSql(W.orgId), regionName: regionNameSql(W.regionCode) })
    .from(W)
    .where(and(eq(W.active, true), or(readWhere(ctx, { region: W.regionCode, org: W.orgId }), mine)))
    .orderBy(asc(W.regionCode), asc(W.name));
  const names = new Map<string, string>();
  for (const id of new Set(rows.flatMap((r) => r.w.staff.map((s) => s.userId)))) {
    names.set(id, (await userDisplayName(ctx.db, id)) ?? "");
  }
  return rows.map(({ w, orgName, regionName }) => ({
    id: w.id,
    orgId: w.orgId,
    orgName,
    regionCode: w.regionCode,
    regionName: regionName ?? "",
    name: w.name,
    address: w.address,
    hours: w.hours,
    staff: w.staff.map((s) => ({ ...s, name: names.get(s.userId) ?? "" })),
    languages: [...new Set(w.staff.flatMap((s) => s.languages))],
  }));
}

/** A register row the caller may read (service:read scope), or 404: one outside it is never told apart from none. */
async function readable<T extends typeof W | typeof M>(ctx: Ctx, t: T, id: string, entity: string) {
  const [row] = await ctx.db
    .select({ id: t.id })
    .from(t as typeof W)
    .where(and(eq(t.id, id), readWhere(ctx, { region: t.regionCode, org: t.orgId })));
  if (!row) throw errors.notFound(entity);
}

export async function saveWindow(ctx: Ctx, id: string | null, input: z.infer<typeof windowInput>) {
  if (id) await readable(ctx, W, id, "service_window");
  const org = await placeOf(ctx, input.orgId, "service_window");
  const values = {
    orgId: org.id,
    regionCode: org.regionCode,
    name: input.name,
    address: input.address,
    hours: input.hours,
    staff: input.staff,
  };
  return ctx.db.transaction(async (tx) => {
    const [before] = id ? await tx.select().from(W).where(eq(W.id, id)) : [];
    if (id && !before) throw errors.notFound("service_window");
    if (before) requireManages(ctx, before, "service_window");
    const [row] = before
      ? await tx
          .update(W)
          .set({ ...values, updatedAt: ctx.clock.now() })
          .where(eq(W.id, before.id))
          .returning()
      : await tx.insert(W).values(values).returning();
    const pick = (w: Partial<typeof values>) => ({
      name: w.name,
      address: w.address,
      hours: w.hours,
      staffCount: w.staff?.length,
    });
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: before ? "service_window.update" : "service_window.create",
      entity: "service_window",
      entityId: row.id,
      regionCode: row.regionCode,
      orgId: row.orgId,
      summary: `${before ? "修改" : "设立"}服务窗口“${row.name}”`,
      changes: diff(before ? pick(before) : {}, pick(values)),
    });
    return row;
  });
}

export async function listLiaisons(ctx: Ctx) {
  const rows = await ctx.db
    .select({ l: L, orgName: orgNameSql(L.orgId), regionName: regionNameSql(L.regionCode) })
    .from(L)
    .where(readWhere(ctx, { region: L.regionCode, org: L.orgId }))
    .orderBy(asc(L.regionCode), asc(L.name));
  return rows.map(({ l, orgName, regionName }) => ({
    id: l.id,
    orgId: l.orgId,
    orgName,
    regionName: regionName ?? "",
    name: l.name,
    title: l.title,
    workPhone: l.workPhone,
    community: l.community,
  }));
}

export async function createLiaison(ctx: Ctx, input: z.infer<typeof liaisonInput>) {
  const org = await placeOf(ctx, input.orgId, "service_liaison");
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(L)
      .values({
        orgId: org.id,
        regionCode: org.regionCode,
        name: input.name,
        title: input.title ?? null,
        workPhone: input.workPhone ?? null,
        community: input.community ?? null,
      })
      .returning();
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "service_liaison.create",
      entity: "service_liaison",
      entityId: row.id,
      regionCode: row.regionCode,
      orgId: row.orgId,
      summary: `登记${org.name}联络员“${row.name}”`,
      changes: diff({}, { name: row.name, title: row.title, community: row.community }),
    });
    return row;
  });
}

export async function listMeetings(ctx: Ctx) {
  const rows = await ctx.db
    .select({ m: M, orgName: orgNameSql(M.orgId), regionName: regionNameSql(M.regionCode) })
    .from(M)
    .where(readWhere(ctx, { region: M.regionCode, org: M.orgId }))
    .orderBy(desc(M.heldOn), asc(M.id))
    .limit(200);
  const requestIds = rows.flatMap((r) => r.m.followUps.map((f) => f.requestId)).filter((x): x is string => !!x);
  const codes = new Map(
    requestIds.length
      ? (
          await ctx.db
            .select({ id: serviceRequests.id, code: serviceRequests.trackingCode })
            .from(serviceRequests)
            .where(inArray(serviceRequests.id, requestIds))
        ).map((r) => [r.id, r.code])
      : [],
  );
  return rows.map(({ m, orgName, regionName }) => ({
    id: m.id,
    orgName,
    regionName: regionName ?? "",
    kind: m.kind,
    kindLabel: MEETING_KIND_LABELS[m.kind],
    title: m.title,
    heldOn: m.heldOn,
    attendance: m.attendance,
    issues: m.issues,
    followUps: m.followUps.map((f) => ({ ...f, trackingCode: f.requestId ? (codes.get(f.requestId) ?? null) : null })),
  }));
}

export async function createMeeting(ctx: Ctx, input: z.infer<typeof meetingInput>) {
  const org = await placeOf(ctx, input.orgId, "service_meeting");
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(M)
      .values({
        orgId: org.id,
        regionCode: org.regionCode,
        kind: input.kind,
        title: input.title,
        heldOn: input.heldOn,
        attendance: input.attendance,
        issues: input.issues,
        followUps: input.followUps.map((text) => ({ text, requestId: null })),
        createdBy: ctx.actor.userId,
      })
      .returning();
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "service_meeting.create",
      entity: "service_meeting",
      entityId: row.id,
      regionCode: row.regionCode,
      orgId: row.orgId,
      summary: `记录${MEETING_KIND_LABELS[input.kind]}“${row.title}”（${row.attendance} 人参加）`,
      changes: diff(
        {},
        { title: row.title, heldOn: row.heldOn, attendance: row.attendance, followUpCount: input.followUps.length },
      ),
    });
    return row;
  });
}

/** A follow-up item of a meeting becomes a service request at a window (once). */
export async function followUpToRequest(ctx: Ctx, meetingId: string, input: z.infer<typeof followUpInput>) {
  await readable(ctx, M, meetingId, "service_meeting");
  return ctx.db.transaction(async (tx) => {
    const [m] = await tx.select().from(M).where(eq(M.id, meetingId));
    if (!m) throw errors.notFound("service_meeting");
    requireManages(ctx, m, "service_meeting");
    // The request is received at a window the caller manages too (not at another banner's window).
    const [w] = await tx.select().from(W).where(eq(W.id, input.request.windowId));
    if (!w?.active) throw errors.field("request.windowId", "services.window_unknown");
    requireManages(ctx, w, "service_window");
    const item = m.followUps[input.index];
    if (!item) throw errors.field("index", "services.follow_up_unknown");
    if (item.requestId) throw errors.conflict("FOLLOW_UP_DONE", "services.follow_up_done");
    const row = await insertRequest(tx, ctx, ctx.actor, { ...input.request, channel: "window" });
    const followUps = m.followUps.map((f, i) => (i === input.index ? { ...f, requestId: row.id } : f));
    await tx.update(M).set({ followUps, updatedAt: ctx.clock.now() }).where(eq(M.id, m.id));
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "service_meeting.follow_up",
      entity: "service_meeting",
      entityId: m.id,
      regionCode: m.regionCode,
      orgId: m.orgId,
      summary: `${MEETING_KIND_LABELS[m.kind]}“${m.title}”的跟进事项“${item.text}”转为服务申请 ${row.trackingCode}`,
      changes: { followUp: [null, item.text], trackingCode: [null, row.trackingCode] },
    });
    return { trackingCode: row.trackingCode, requestId: row.id };
  });
}

/**
 * Where a request may be referred (协作平台): the active 党政机关 and 事业单位 of the caller's banner (its tree) and
 * of the levels above it, from the organization tree — whatever the caller's own data scope, since a window
 * worker's scope is its own unit. Names and places only.
 */
export async function referralTargets(ctx: Ctx): Promise<DepartmentOption[]> {
  const banner = ctx.actor.regionCode.slice(0, 6);
  const above = new Set(ancestorCodes(banner));
  const rows = [];
  for (const code of [...above, banner]) {
    // Ordered by region code: an upper level's own organizations come first, before its subtree.
    for (const o of await orgsInRegionTree(ctx.db, code, code === banner ? 5_000 : 500)) {
      const here = code === banner || o.regionCode === code;
      if (here && TARGET_TYPES.has(o.type) && o.id !== ctx.actor.orgId) rows.push(o);
    }
  }
  const names = await regionNames(ctx.db, [...new Set(rows.map((o) => o.regionCode))]);
  const seen = new Set<string>();
  return rows
    .filter((o) => !seen.has(o.id) && seen.add(o.id))
    .map((o) => ({ id: o.id, name: o.name, regionName: names.get(o.regionCode) ?? "" }));
}
const TARGET_TYPES = new Set(["party_gov", "institution"]);
