/**
 * 零报告 / 季报. Each reporting unit files one report per period ("本期无", or its cases and events); the unique
 * index (kind, org, period) makes a second submission impossible, concurrent or not: the loser gets 409 and files a
 * correction instead, which replaces the content (version + 1) and keeps the old one in the revisions.
 *
 * Rates as DHIS2 defines them, over the units assigned in a region tree and the periods that have ended:
 *   reporting rate = reports received ÷ reports expected (units × periods);
 *   on-time rate   = reports first received by the end of the N-th day after the period ends ÷ expected.
 * A correction does not change when a report was first received.
 */
import { and, asc, eq, gte, inArray, lte, or, type SQL, sql } from "drizzle-orm";
import { addDays, beijingDate } from "../../../contracts/dates.js";
import {
  type ComplianceView,
  type DeskView,
  REPORT_KIND_LABELS,
  type ReportKind,
  type ReportView,
} from "../../../contracts/disputes.js";
import { regionTreeWhere, requireScope } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import type { Queryable } from "../../db/client.js";
import { recordAudit } from "../audit/index.js";
import { orgBriefs, orgNameSql, regionNames } from "../org/index.js";
import { visibleCaseRows } from "./cases.service.js";
import {
  disputeOpinionEvents,
  disputeReportRevisions,
  disputeReports,
  disputeReportTally,
  disputeReportUnits,
  disputeReportUnitTally,
} from "./disputes.schema.js";
import { assertManagesRegion, assertRegionVisible, scopeRegion } from "./disputes-access.js";
import { endedPeriods, frequencyOf, keyMatches, periodKeyOf, periodOf, periodRange } from "./periods.js";
import { getDisputeSettings } from "./settings.service.js";

type ReportRow = typeof disputeReports.$inferSelect;
const CHILD_LEN: Record<number, number> = { 0: 2, 2: 4, 4: 6, 6: 9, 9: 12 };

function toView(r: ReportRow, orgName: string, onTimeDays: number): ReportView {
  return {
    id: r.id,
    kind: r.kind,
    orgId: r.orgId,
    orgName,
    period: r.period,
    nothing: r.nothing,
    caseIds: r.caseIds,
    eventIds: r.eventIds,
    note: r.note,
    version: r.version,
    firstReceivedAt: r.firstReceivedAt.toISOString(),
    receivedAt: r.receivedAt.toISOString(),
    onTime: r.firstReceivedAt <= periodOf(r.period, onTimeDays).deadline,
    flaggedAt: r.flaggedAt?.toISOString() ?? null,
    flagNote: r.flagNote,
  };
}

// ---- reporting units

export async function listReportUnits(ctx: Ctx) {
  const root = scopeRegion(ctx);
  const rows = await ctx.db
    .select({
      u: disputeReportUnits,
      orgName: orgNameSql(disputeReportUnits.orgId),
      superiorOrgName: sql<
        string | null
      >`case when ${disputeReportUnits.superiorOrgId} is null then null else ${orgNameSql(disputeReportUnits.superiorOrgId)} end`,
    })
    .from(disputeReportUnits)
    .where(root ? regionTreeWhere(disputeReportUnits.regionCode, root) : undefined)
    .orderBy(asc(disputeReportUnits.regionCode))
    .limit(5000);
  const names = await regionNames(
    ctx.db,
    rows.map((r) => r.u.regionCode),
  );
  return rows.map((r) => ({
    orgId: r.u.orgId,
    orgName: r.orgName ?? "",
    regionCode: r.u.regionCode,
    regionName: names.get(r.u.regionCode) ?? "",
    superiorOrgName: r.superiorOrgName,
  }));
}

/** Assigns units to report (their superior: the parent organization); units already assigned stay as they are. */
export async function assignReportUnits(ctx: Ctx, orgIds: string[]) {
  const briefs = await orgBriefs(ctx.db, orgIds);
  for (const id of orgIds) {
    const o = briefs.get(id);
    if (!o || o.status !== "active") throw errors.field("orgIds", "disputes.org_out_of_scope");
    assertManagesRegion(ctx, o.regionCode, "orgIds");
  }
  await ctx.db.transaction(async (tx) => {
    const added = await tx
      .insert(disputeReportUnits)
      .values(
        orgIds.map((id) => {
          const o = briefs.get(id);
          return {
            orgId: id,
            regionCode: o?.regionCode ?? "",
            superiorOrgId: o?.parentId ?? null,
            createdAt: ctx.clock.now(),
          };
        }),
      )
      .onConflictDoNothing()
      .returning({ orgId: disputeReportUnits.orgId });
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "disputes.report_unit.assign",
      entity: "dispute_report_unit",
      entityId: ctx.actor.orgId,
      regionCode: ctx.actor.regionCode,
      orgId: ctx.actor.orgId,
      summary: `指定零报告/季报报告单位 ${added.length} 个`,
      changes: { orgIds: [null, added.map((a) => briefs.get(a.orgId)?.name ?? a.orgId).join("、")] },
    });
  });
  return listReportUnits(ctx);
}

// ---- the desk (one unit's periods)

export async function desk(ctx: Ctx, kind: ReportKind): Promise<DeskView> {
  const settings = await getDisputeSettings(ctx.db);
  const freq = frequencyOf(settings, kind);
  const [unit] = await ctx.db.select().from(disputeReportUnits).where(eq(disputeReportUnits.orgId, ctx.actor.orgId));
  const now = ctx.clock.now();
  const current = periodKeyOf(beijingDate(now), freq);
  const keys = [...endedPeriods(now, freq, freq === "monthly" ? 12 : 4), current];
  const rows = await ctx.db
    .select()
    .from(disputeReports)
    .where(
      and(
        eq(disputeReports.kind, kind),
        eq(disputeReports.orgId, ctx.actor.orgId),
        inArray(disputeReports.period, keys),
      ),
    );
  const byPeriod = new Map(rows.map((r) => [r.period, r]));
  const remindMs = settings.remindDays * 86400_000;
  return {
    kind,
    orgName: ctx.actor.orgName,
    assigned: !!unit,
    periods: keys.reverse().map((key) => {
      const p = periodOf(key, settings.onTimeDays);
      const r = byPeriod.get(key);
      const state: DeskView["periods"][number]["state"] = r
        ? r.firstReceivedAt <= p.deadline
          ? "filed"
          : "late"
        : now > p.deadline
          ? "overdue"
          : key === current
            ? "current"
            : now.getTime() >= p.deadline.getTime() - remindMs
              ? "due"
              : "current";
      return {
        period: key,
        label: p.label,
        dueAt: p.deadline.toISOString(),
        state,
        report: r ? toView(r, ctx.actor.orgName, settings.onTimeDays) : null,
      };
    }),
  };
}

// ---- filing and correcting

async function checkItems(
  ctx: Ctx,
  db: Queryable,
  p: { start: string; end: string },
  input: { nothing: boolean; caseIds: string[]; eventIds: string[] },
) {
  if (input.nothing && (input.caseIds.length || input.eventIds.length))
    throw errors.field("nothing", "disputes.nothing_with_items");
  if (!input.nothing && !input.caseIds.length && !input.eventIds.length)
    throw errors.field("caseIds", "disputes.items_required");
  const cases = await visibleCaseRows(ctx, input.caseIds, "caseIds", db);
  if (cases.some((c) => c.occurredOn < p.start || c.occurredOn > p.end))
    throw errors.field("caseIds", "disputes.case_not_in_period");
  if (input.eventIds.length) {
    const events = await db
      .select({ id: disputeOpinionEvents.id, foundAt: disputeOpinionEvents.foundAt })
      .from(disputeOpinionEvents)
      .where(
        and(
          inArray(disputeOpinionEvents.id, input.eventIds),
          regionTreeWhere(disputeOpinionEvents.regionCode, ctx.actor.regionCode),
        ),
      );
    const inPeriod = events.filter((e) => {
      const d = beijingDate(e.foundAt);
      return d >= p.start && d <= p.end;
    });
    if (inPeriod.length !== new Set(input.eventIds).size)
      throw errors.field("eventIds", "disputes.event_not_in_period");
  }
}

export async function submitReport(
  ctx: Ctx,
  input: { kind: ReportKind; period: string; nothing: boolean; caseIds: string[]; eventIds: string[]; note?: string },
) {
  requireScope(ctx.actor, "disputes:report");
  const settings = await getDisputeSettings(ctx.db);
  const freq = frequencyOf(settings, input.kind);
  const kindLabel = REPORT_KIND_LABELS[input.kind];
  if (!keyMatches(input.period, freq))
    throw errors.field("period", "disputes.period_not_ended", { period: input.period });
  const p = periodOf(input.period, settings.onTimeDays);
  const now = ctx.clock.now();
  if (beijingDate(now) < p.start) throw errors.field("period", "disputes.period_not_ended", { period: p.label });
  const [unit] = await ctx.db.select().from(disputeReportUnits).where(eq(disputeReportUnits.orgId, ctx.actor.orgId));
  if (!unit) throw errors.badRequest("NOT_REPORT_UNIT", "disputes.not_report_unit", { kind: kindLabel });
  await checkItems(ctx, ctx.db, p, input);
  const row = await ctx.db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(disputeReports)
      .values({
        kind: input.kind,
        orgId: ctx.actor.orgId,
        regionCode: unit.regionCode,
        period: input.period,
        nothing: input.nothing,
        caseIds: input.caseIds,
        eventIds: input.eventIds,
        note: input.note ?? null,
        firstReceivedAt: now,
        receivedAt: now,
        submittedBy: ctx.actor.userId,
      })
      .onConflictDoNothing()
      .returning();
    if (!inserted)
      throw errors.conflict("REPORT_EXISTS", "disputes.report_exists", { period: p.label, kind: kindLabel });
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "disputes.report.submit",
      entity: "dispute_report",
      entityId: inserted.id,
      regionCode: unit.regionCode,
      orgId: ctx.actor.orgId,
      summary: `报送${p.label}${kindLabel}：${input.nothing ? "本期无" : `案件 ${input.caseIds.length} 件、事件 ${input.eventIds.length} 件`}`,
      changes: {
        period: [null, input.period],
        nothing: [null, input.nothing],
        caseIds: [null, input.caseIds.length],
        eventIds: [null, input.eventIds.length],
        late: [null, now > p.deadline],
      },
    });
    return inserted;
  });
  return toView(row, ctx.actor.orgName, settings.onTimeDays);
}

export async function correctReport(
  ctx: Ctx,
  id: string,
  input: { nothing: boolean; caseIds: string[]; eventIds: string[]; note?: string; reason: string },
) {
  requireScope(ctx.actor, "disputes:report");
  const settings = await getDisputeSettings(ctx.db);
  const row = await ctx.db.transaction(async (tx) => {
    const [r] = await tx
      .select()
      .from(disputeReports)
      .where(and(eq(disputeReports.id, id), eq(disputeReports.orgId, ctx.actor.orgId)))
      .for("update");
    if (!r) throw errors.notFound("dispute_report");
    const p = periodOf(r.period, settings.onTimeDays);
    await checkItems(ctx, tx, p, input);
    const now = ctx.clock.now();
    await tx.insert(disputeReportRevisions).values({
      reportId: r.id,
      version: r.version,
      content: { nothing: r.nothing, caseIds: r.caseIds, eventIds: r.eventIds, note: r.note, receivedAt: r.receivedAt },
      replacedAt: now,
      replacedBy: ctx.actor.userId,
      reason: input.reason,
    });
    const [updated] = await tx
      .update(disputeReports)
      .set({
        nothing: input.nothing,
        caseIds: input.caseIds,
        eventIds: input.eventIds,
        note: input.note ?? null,
        version: r.version + 1,
        receivedAt: now,
        submittedBy: ctx.actor.userId,
        ...(input.nothing ? {} : { flaggedAt: null, flagNote: null }),
      })
      .where(eq(disputeReports.id, r.id))
      .returning();
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "disputes.report.correct",
      entity: "dispute_report",
      entityId: r.id,
      regionCode: r.regionCode,
      orgId: r.orgId,
      summary: `更正${p.label}${REPORT_KIND_LABELS[r.kind]}（第 ${r.version + 1} 版）：${input.reason}`,
      changes: {
        nothing: [r.nothing, input.nothing],
        caseIds: [r.caseIds.length, input.caseIds.length],
        eventIds: [r.eventIds.length, input.eventIds.length],
        reason: input.reason,
      },
    });
    return updated;
  });
  return toView(row, ctx.actor.orgName, settings.onTimeDays);
}

// ---- compliance

async function rangeOf(ctx: Ctx, kind: ReportKind, from?: string, to?: string) {
  const settings = await getDisputeSettings(ctx.db);
  const freq = frequencyOf(settings, kind);
  const ended = endedPeriods(ctx.clock.now(), freq, freq === "monthly" ? 12 : 4);
  const last = ended[ended.length - 1];
  const f = from ?? ended[0];
  const t = to && to < last ? to : last;
  if (!keyMatches(f, freq)) throw errors.field("from", "disputes.period_not_ended", { period: f });
  if (!keyMatches(t, freq)) throw errors.field("to", "disputes.period_not_ended", { period: t });
  const keys = periodRange(f, t, freq);
  return { settings, periods: keys.map((k) => periodOf(k, settings.onTimeDays)) };
}

function periodValues(periods: { key: string; deadline: Date }[]): SQL {
  return sql.join(
    periods.map((p) => sql`(${p.key}::text, ${p.deadline.toISOString()}::timestamptz)`),
    sql`, `,
  );
}

/** regionTreeWhere on an aliased column of a raw query. */
const aliasTree = (col: SQL, region: string) =>
  region ? sql`${col} >= ${region} and ${col} <= ${region.padEnd(12, "9")}` : sql`true`;

const rate = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10000) / 10000);

/**
 * The roll-up, live: read from the tallies the triggers keep in every writing transaction (migration 0037, see
 * disputes.schema.ts), so it is exactly the tables' counts with no cache in between. Three index range reads
 * under (kind, depth, prefix, period): the region itself (its whole tree) and its children at the next level;
 * what the children do not cover is the region's own units (本级). On time for N days ⇔ the tally's day ≤ the
 * period's end + N (the day whose end is the first deadline the first receipt meets).
 */
export async function compliance(
  ctx: Ctx,
  q: { kind: ReportKind; regionCode?: string; from?: string; to?: string },
): Promise<ComplianceView> {
  const region = q.regionCode ?? scopeRegion(ctx);
  assertRegionVisible(ctx, region);
  const { settings, periods } = await rangeOf(ctx, q.kind, q.from, q.to);
  return computeCompliance(ctx, q.kind, region, periods, settings.onTimeDays);
}

type Tally = { units: number; received: number; onTime: number };

async function computeCompliance(
  ctx: Ctx,
  kind: ReportKind,
  region: string,
  periods: { key: string; end: string }[],
  onTimeDays: number,
): Promise<ComplianceView> {
  const depth = region.length;
  const childDepth = CHILD_LEN[depth] ?? 12;
  const hi = region.padEnd(12, "9");
  const n = periods.length;
  const T = disputeReportTally;
  const inTree = (t: typeof disputeReportUnitTally | typeof disputeReportTally) =>
    or(
      and(eq(t.depth, depth), eq(t.prefix, region)),
      and(eq(t.depth, childDepth), gte(t.prefix, region), lte(t.prefix, hi)),
    );
  const [unitRows, reportRows] = await Promise.all([
    ctx.db
      .select({ prefix: disputeReportUnitTally.prefix, n: disputeReportUnitTally.n })
      .from(disputeReportUnitTally)
      .where(inTree(disputeReportUnitTally)),
    n
      ? ctx.db.execute<{ prefix: string; received: number; on_time: number }>(sql`
          select ${T.prefix} as prefix, sum(${T.n})::int as received,
                 coalesce(sum(${T.n}) filter (where ${T.day} <= p.last_day), 0)::int as on_time
          from ${T}
          join (values ${sql.join(
            periods.map((p) => sql`(${p.key}::text, ${addDays(p.end, onTimeDays)}::date)`),
            sql`, `,
          )}) as p(period, last_day) on p.period = ${T.period}
          where ${T.kind} = ${kind} and ${inTree(T)}
          group by ${T.prefix}`)
      : Promise.resolve({ rows: [] as { prefix: string; received: number; on_time: number }[] }),
  ]);
  const whole: Tally = { units: 0, received: 0, onTime: 0 };
  const byChild = new Map<string, Tally>();
  const entry = (prefix: string) => {
    if (prefix === region) return whole;
    const e = byChild.get(prefix) ?? { units: 0, received: 0, onTime: 0 };
    byChild.set(prefix, e);
    return e;
  };
  for (const u of unitRows) entry(u.prefix).units += Number(u.n);
  for (const r of reportRows.rows) {
    const e = entry(r.prefix);
    e.received += Number(r.received);
    e.onTime += Number(r.on_time);
  }
  // 本级: the region's own units (its tree less its children's trees).
  const own: Tally = { ...whole };
  for (const e of byChild.values()) {
    own.units -= e.units;
    own.received -= e.received;
    own.onTime -= e.onTime;
  }
  if (own.units || own.received) byChild.set(region, own);
  for (const [code, e] of byChild) if (!e.units && !e.received) byChild.delete(code);
  const names = await regionNames(ctx.db, [region, ...byChild.keys()].filter(Boolean));
  const children = [...byChild.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, e]) => {
      const expected = e.units * n;
      return {
        regionCode: code,
        regionName: code === region ? `${names.get(code) ?? ""}（本级）` : (names.get(code) ?? code),
        units: e.units,
        expected,
        received: e.received,
        onTime: e.onTime,
        reportingRate: rate(e.received, expected),
        onTimeRate: rate(e.onTime, expected),
      };
    });
  const expected = whole.units * n;
  return {
    kind,
    regionCode: region,
    regionName: region ? (names.get(region) ?? region) : "全部",
    periods: periods.map((p) => p.key),
    units: whole.units,
    expected,
    received: whole.received,
    onTime: whole.onTime,
    reportingRate: rate(whole.received, expected),
    onTimeRate: rate(whole.onTime, expected),
    children,
  };
}

/** The units in a region tree with missing (no report) or late (first received after the deadline) periods. */
export async function complianceUnits(
  ctx: Ctx,
  q: { kind: ReportKind; regionCode?: string; from?: string; to?: string; state: "missing" | "late" },
) {
  const region = q.regionCode ?? scopeRegion(ctx);
  assertRegionVisible(ctx, region);
  const { periods } = await rangeOf(ctx, q.kind, q.from, q.to);
  if (!periods.length) return [];
  const tree = aliasTree(sql`u.region_code`, region);
  const cond = q.state === "missing" ? sql`r.id is null` : sql`r.first_received_at > p.deadline`;
  const res = await ctx.db.execute<{ org_id: string; region_code: string; org_name: string; periods: string[] }>(sql`
    select u.org_id, u.region_code, ${orgNameSql(sql`u.org_id`)} as org_name, array_agg(p.period order by p.period) as periods
    from ${disputeReportUnits} u
    cross join (values ${periodValues(periods)}) as p(period, deadline)
    left join ${disputeReports} r on r.kind = ${q.kind} and r.org_id = u.org_id and r.period = p.period
    where ${tree} and ${cond}
    group by u.org_id, u.region_code
    order by u.region_code, u.org_id
    limit 1000`);
  const names = await regionNames(
    ctx.db,
    res.rows.map((r) => r.region_code),
  );
  return res.rows.map((r) => ({
    orgId: r.org_id,
    orgName: r.org_name ?? "",
    regionCode: r.region_code,
    regionName: names.get(r.region_code) ?? "",
    periods: r.periods,
  }));
}

/** The reports of one period in a region tree (for the 季报 document and the desk's superiors). */
export async function reportsOfPeriod(ctx: Ctx, kind: ReportKind, period: string, region: string) {
  return ctx.db
    .select({ r: disputeReports, orgName: orgNameSql(disputeReports.orgId) })
    .from(disputeReports)
    .where(
      and(
        eq(disputeReports.kind, kind),
        eq(disputeReports.period, period),
        region ? regionTreeWhere(disputeReports.regionCode, region) : undefined,
      ),
    )
    .orderBy(asc(disputeReports.regionCode));
}
