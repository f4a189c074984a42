/**
 * The work inside a round: computed values with the records behind them and their history, disputes by the unit
 * and the organiser's correction (a new version of the value, kept in its history), reported items filled by
 * the unit with evidence, and the panel's scores of the reported items.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import {
  ASSESSMENT_DISPUTE_STATUS_LABELS,
  ASSESSMENT_METRIC_FORMULAS,
  ASSESSMENT_METRIC_LABELS,
  type AssessmentDisputeView,
  type AssessmentMetric,
  type AssessmentRow,
  type ComputedValueView,
  DISPUTE_STATUSES,
  type ReportedEntry,
  type ReportedEntryView,
} from "../../../contracts/assessment.js";
import { leavesOf, scoreSheet } from "../../../contracts/scoring.js";
import { requireScope } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import { defineMachine } from "../../core/state-machine.js";
import type { Queryable } from "../../db/client.js";
import { assertActivitiesUsable } from "../activities/index.js";
import { recordAudit } from "../audit/index.js";
import { userNameSql } from "../identity/index.js";
import { assertMaterialsUsable } from "../materials/index.js";
import {
  assessmentDisputes,
  assessmentPanelScores,
  assessmentRounds,
  assessmentSubjects,
  assessmentValueHistory,
  assessmentValues,
} from "./assessment.schema.js";
import { indicatorsOf, maxScoresOf, setOf, subjectsOf } from "./assessment.service.js";
import {
  isPanel,
  managedRound,
  manages,
  ownsSubject,
  type RoundRow,
  type SubjectRow,
  seesSubject,
  visibleRound,
  visibleSubject,
} from "./assessment-access.js";
import { scoreTenths } from "./assessment-compute.js";

type ValueRow = typeof assessmentValues.$inferSelect;

export const assessmentDisputeMachine = defineMachine({
  entity: "assessment_dispute",
  auditPrefix: "assessment_dispute",
  table: assessmentDisputes,
  labels: ASSESSMENT_DISPUTE_STATUS_LABELS,
  audit: recordAudit,
  scope: (d) => ({ regionCode: d.regionCode, orgId: d.orgId }),
  transitions: {
    correct: { from: ["open"], to: ["corrected"], label: "更正指标值" },
    reject: { from: ["open"], to: ["rejected"], label: "维持原值" },
  },
});
void DISPUTE_STATUSES;

function valueView(round: RoundRow, v: ValueRow, openDisputes: number): ComputedValueView {
  const leaf = leavesOf(setOf(round).nodes).find((l) => l.code === v.nodeCode);
  const metric = v.metric as AssessmentMetric;
  return {
    id: v.id,
    subjectId: v.subjectId,
    nodeCode: v.nodeCode,
    title: leaf?.title ?? v.nodeCode,
    metric,
    metricLabel: ASSESSMENT_METRIC_LABELS[metric],
    formula: ASSESSMENT_METRIC_FORMULAS[metric],
    windowFrom: round.windowFrom,
    windowTo: round.windowTo,
    numerator: v.numerator,
    denominator: v.denominator,
    ratio: v.ratio,
    maxScore: leaf?.maxScore ?? 0,
    score: v.score,
    inputHash: v.inputHash,
    snapshotAt: v.snapshotAt.toISOString(),
    corrected: v.corrected > 0,
    openDisputes,
  };
}

/** Computed values of the subjects the caller sees (one subject with `subjectId`). */
export async function listValues(ctx: Ctx, roundId: string, subjectId?: string): Promise<ComputedValueView[]> {
  requireScope(ctx.actor, "assessment:read");
  const round = await visibleRound(ctx, roundId);
  const subjects = (await subjectsOf(ctx.db, roundId)).filter(
    (s) => seesSubject(ctx, round, s) && (!subjectId || s.id === subjectId),
  );
  if (!subjects.length) return [];
  const ids = subjects.map((s) => s.id);
  const [values, open] = await Promise.all([
    ctx.db
      .select()
      .from(assessmentValues)
      .where(inArray(assessmentValues.subjectId, ids))
      .orderBy(asc(assessmentValues.subjectId), asc(assessmentValues.nodeCode)),
    ctx.db
      .select({ valueId: assessmentDisputes.valueId, n: sql<number>`count(*)::int` })
      .from(assessmentDisputes)
      .where(and(eq(assessmentDisputes.roundId, roundId), eq(assessmentDisputes.status, "open")))
      .groupBy(assessmentDisputes.valueId),
  ]);
  const openBy = new Map(open.map((o) => [o.valueId, Number(o.n)]));
  const order = new Map(subjects.map((s, i) => [s.id, i]));
  return values
    .sort((a, b) => (order.get(a.subjectId) ?? 0) - (order.get(b.subjectId) ?? 0))
    .map((v) => valueView(round, v, openBy.get(v.id) ?? 0));
}

/** A value the caller sees, with its round and subject, or 404. */
async function visibleValue(ctx: Ctx, id: string, db: Queryable = ctx.db) {
  const [v] = await db.select().from(assessmentValues).where(eq(assessmentValues.id, id));
  if (!v) throw errors.notFound("assessment_value");
  const { round, subject } = await visibleSubject(ctx, v.subjectId, db).catch(() => {
    throw errors.notFound("assessment_value");
  });
  return { v, round, subject };
}

/** The records behind a figure, as frozen in the snapshot. */
export async function valueRecords(ctx: Ctx, id: string) {
  requireScope(ctx.actor, "assessment:read");
  const { v, round, subject } = await visibleValue(ctx, id);
  const [open] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(assessmentDisputes)
    .where(and(eq(assessmentDisputes.valueId, id), eq(assessmentDisputes.status, "open")));
  return {
    value: valueView(round, v, Number(open?.n ?? 0)),
    subjectName: subject.name,
    items: v.records as AssessmentRow[],
  };
}

export async function valueHistory(ctx: Ctx, id: string) {
  requireScope(ctx.actor, "assessment:read");
  await visibleValue(ctx, id);
  const H = assessmentValueHistory;
  const rows = await ctx.db
    .select({ h: H, actorName: userNameSql(H.actorId) })
    .from(H)
    .where(eq(H.valueId, id))
    // A snapshot comes before the corrections made at the same instant.
    .orderBy(asc(H.at), sql`CASE WHEN ${H.kind} = 'snapshot' THEN 0 ELSE 1 END`);
  return rows.map(({ h, actorName }) => ({
    kind: h.kind,
    numerator: h.numerator,
    denominator: h.denominator,
    score: h.score,
    inputHash: h.inputHash,
    note: h.note,
    actorName: actorName ?? "",
    at: h.at.toISOString(),
  }));
}

function disputeView(
  d: typeof assessmentDisputes.$inferSelect,
  extra: { subjectName: string; nodeCode: string; title: string; createdByName: string },
): AssessmentDisputeView {
  return {
    id: d.id,
    valueId: d.valueId,
    subjectId: d.subjectId,
    reason: d.reason,
    status: d.status,
    statusLabel: ASSESSMENT_DISPUTE_STATUS_LABELS[d.status],
    response: d.response,
    createdAt: d.createdAt.toISOString(),
    resolvedAt: d.resolvedAt?.toISOString() ?? null,
    ...extra,
  };
}

export async function listDisputes(ctx: Ctx, roundId: string): Promise<AssessmentDisputeView[]> {
  requireScope(ctx.actor, "assessment:read");
  const round = await visibleRound(ctx, roundId);
  const subjects = new Map((await subjectsOf(ctx.db, roundId)).map((s) => [s.id, s]));
  const D = assessmentDisputes;
  const rows = await ctx.db
    .select({ d: D, nodeCode: assessmentValues.nodeCode, createdByName: userNameSql(D.createdBy) })
    .from(D)
    .innerJoin(assessmentValues, eq(assessmentValues.id, D.valueId))
    .where(eq(D.roundId, roundId))
    .orderBy(asc(D.createdAt), asc(D.id));
  const leaves = new Map(leavesOf(setOf(round).nodes).map((l) => [l.code, l.title]));
  return rows
    .filter((r) => {
      const s = subjects.get(r.d.subjectId);
      return !!s && seesSubject(ctx, round, s);
    })
    .map((r) =>
      disputeView(r.d, {
        subjectName: subjects.get(r.d.subjectId)?.name ?? "",
        nodeCode: r.nodeCode,
        title: leaves.get(r.nodeCode) ?? r.nodeCode,
        createdByName: r.createdByName ?? "",
      }),
    );
}

/** The unit (or region) assessed disputes one of its own computed values, while the round is 数据核对中. */
export async function createDispute(ctx: Ctx, roundId: string, input: { valueId: string; reason: string }) {
  requireScope(ctx.actor, "assessment:participate");
  const id = await ctx.db.transaction(async (tx) => {
    const { v, round, subject } = await visibleValue(ctx, input.valueId, tx);
    if (round.id !== roundId || !ownsSubject(ctx, subject)) throw errors.notFound("assessment_value");
    if (round.status !== "collecting")
      throw errors.conflict("ROUND_NOT_COLLECTING", "assessment.reported_locked", {}, { status: round.status });
    const [open] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(assessmentDisputes)
      .where(and(eq(assessmentDisputes.valueId, v.id), eq(assessmentDisputes.status, "open")));
    if (Number(open?.n ?? 0) > 0) throw errors.conflict("DISPUTE_OPEN", "assessment.dispute_open_exists");
    const now = ctx.clock.now();
    const [d] = await tx
      .insert(assessmentDisputes)
      .values({
        roundId,
        subjectId: subject.id,
        valueId: v.id,
        regionCode: subject.regionCode,
        orgId: subject.orgId,
        reason: input.reason,
        createdBy: ctx.actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "assessment_dispute.create",
      entity: "assessment_dispute",
      entityId: d.id,
      regionCode: round.regionCode,
      orgId: round.orgId,
      summary: `${subject.name}对指标 ${v.nodeCode} 的计算值提出异议`,
      changes: { reason: input.reason, numerator: v.numerator, denominator: v.denominator },
    });
    return d.id;
  });
  return (await listDisputes(ctx, roundId)).find((d) => d.id === id) as AssessmentDisputeView;
}

/** The organiser corrects the value (a new version in its history) or keeps it, with a response either way. */
export async function resolveDispute(
  ctx: Ctx,
  id: string,
  input: { decision: "corrected" | "rejected"; response: string; numerator?: number; denominator?: number },
) {
  requireScope(ctx.actor, "assessment:manage");
  const roundId = await ctx.db.transaction(async (tx) => {
    const [d] = await tx.select().from(assessmentDisputes).where(eq(assessmentDisputes.id, id));
    if (!d) throw errors.notFound("assessment_dispute");
    const round = await managedRound(ctx, d.roundId, tx).catch(() => {
      throw errors.notFound("assessment_dispute");
    });
    const now = ctx.clock.now();
    const set = { response: input.response, resolvedBy: ctx.actor.userId, resolvedAt: now };
    if (input.decision === "rejected") {
      await assessmentDisputeMachine.move(tx, ctx, d, "reject", {
        set,
        summary: "维持指标计算值，答复异议",
        changes: { response: input.response },
      });
      return round.id;
    }
    const [v] = await tx.select().from(assessmentValues).where(eq(assessmentValues.id, d.valueId));
    const { numerator, denominator } = input;
    if (numerator === undefined || denominator === undefined || (rateMetric(v.metric) && numerator > denominator))
      throw errors.field("numerator", "assessment.correction_values");
    const max = maxScoresOf(setOf(round)).get(v.nodeCode) ?? 0;
    const tenths = scoreTenths(max, numerator, denominator);
    await tx
      .update(assessmentValues)
      .set({
        numerator,
        denominator,
        ratio: denominator > 0 ? Math.min(1, numerator / denominator) : null,
        score: tenths / 10,
        corrected: v.corrected + 1,
      })
      .where(eq(assessmentValues.id, v.id));
    await tx.insert(assessmentValueHistory).values({
      valueId: v.id,
      kind: "correction",
      numerator,
      denominator,
      score: tenths / 10,
      inputHash: null,
      note: input.response,
      actorId: ctx.actor.userId,
      at: now,
    });
    const delta = tenths - Math.round(v.score * 10);
    await tx
      .update(assessmentSubjects)
      .set({ computedScore: sql`${assessmentSubjects.computedScore} + ${delta / 10}` })
      .where(eq(assessmentSubjects.id, v.subjectId));
    await assessmentDisputeMachine.move(tx, ctx, d, "correct", {
      set,
      summary: `更正指标 ${v.nodeCode} 的计算值：${v.numerator}/${v.denominator} → ${numerator}/${denominator}`,
      changes: {
        numerator: [v.numerator, numerator],
        denominator: [v.denominator, denominator],
        score: [v.score, tenths / 10],
      },
    });
    return round.id;
  });
  return (await listDisputes(ctx, roundId)).find((x) => x.id === id) as AssessmentDisputeView;
}

const rateMetric = (m: string) => m !== "activities_count" && m !== "named_vs_target";

/** The unit fills its reported items (text and evidence) while 数据核对中; `submit` locks them. */
export async function saveReported(
  ctx: Ctx,
  subjectId: string,
  input: { entries: (Omit<ReportedEntry, "activityIds"> & { activityIds?: string[] })[]; submit: boolean },
) {
  requireScope(ctx.actor, "assessment:participate");
  await ctx.db.transaction(async (tx) => {
    const { round, subject } = await visibleSubject(ctx, subjectId, tx);
    if (!ownsSubject(ctx, subject)) throw errors.notFound("assessment_subject");
    if (round.status !== "collecting" || subject.reportedSubmittedAt)
      throw errors.conflict("REPORTED_LOCKED", "assessment.reported_locked");
    const reported = new Set(
      indicatorsOf(round)
        .filter((i) => i.kind === "reported")
        .map((i) => i.nodeCode),
    );
    for (const e of input.entries)
      if (!reported.has(e.nodeCode)) throw errors.field("entries", "assessment.reported_node", { code: e.nodeCode });
    const materials = input.entries.flatMap((e) => e.materialIds);
    if (materials.length) await assertMaterialsUsable(ctx, materials, "entries", tx);
    // 佐证活动 (填一次，多处用): submitted or confirmed records the unit may read, kept as they are now.
    const cited = await assertActivitiesUsable(
      ctx,
      input.entries.flatMap((e) => e.activityIds ?? []),
      "activityIds",
      tx,
    );
    const refs = new Map(
      cited.map((a) => [a.id, { id: a.id, title: a.title, startDate: a.startDate, orgName: a.orgName }]),
    );
    const entries: ReportedEntryView[] = input.entries.map((e) => ({
      ...e,
      activityIds: e.activityIds ?? [],
      activities: (e.activityIds ?? []).flatMap((id) => refs.get(id) ?? []),
    }));
    const titles = (list: Partial<ReportedEntryView>[]) =>
      list.flatMap((e) => (e.activities ?? []).map((a) => `${e.nodeCode} ${a.title}（${a.startDate}）`)).join("；") ||
      null;
    const before = titles(subject.reported as Partial<ReportedEntryView>[]);
    const after = titles(entries);
    const now = ctx.clock.now();
    await tx
      .update(assessmentSubjects)
      .set({ reported: entries, reportedSubmittedAt: input.submit ? now : null })
      .where(eq(assessmentSubjects.id, subject.id));
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: input.submit ? "assessment_subject.submit_reported" : "assessment_subject.save_reported",
      entity: "assessment_subject",
      entityId: subject.id,
      regionCode: round.regionCode,
      orgId: round.orgId,
      summary: `${subject.name}${input.submit ? "提交" : "保存"}填报指标（${input.entries.length} 项）`,
      changes: {
        entries: input.entries.map((e) => e.nodeCode),
        ...(before !== after ? { activities: [before, after] } : {}),
      },
    });
  });
}

/** A panel member's scores of one subject's reported items (while 评分中), checked by the scoring engine. */
export async function savePanelScore(
  ctx: Ctx,
  subjectId: string,
  input: { entries: { nodeCode: string; score?: number | null; answer?: string | null; grade?: string | null }[] },
) {
  requireScope(ctx.actor, "assessment:score");
  return ctx.db.transaction(async (tx) => {
    const { round, subject } = await visibleSubject(ctx, subjectId, tx);
    if (!isPanel(ctx, round)) throw errors.conflict("NOT_PANEL", "assessment.not_panel");
    roundIsScoring(round);
    const reported = indicatorsOf(round).filter((i) => i.kind === "reported");
    const codes = new Set(reported.map((i) => i.nodeCode));
    for (const e of input.entries)
      if (!codes.has(e.nodeCode)) throw errors.field("entries", "assessment.reported_node", { code: e.nodeCode });
    const set = setOf(round);
    const sheet = scoreSheet(set as never, input.entries);
    const missing = sheet.missing.filter((c) => codes.has(c));
    if (sheet.problems.length || missing.length)
      throw errors.badRequest("SHEET_INCOMPLETE", "errors.validation", {
        detail: [...sheet.problems, ...(missing.length ? [`未评分的指标：${missing.join("、")}`] : [])].join("；"),
      });
    const now = ctx.clock.now();
    await tx
      .insert(assessmentPanelScores)
      .values({
        roundId: round.id,
        subjectId,
        userId: ctx.actor.userId,
        entries: input.entries,
        total: sheet.total,
        savedAt: now,
      })
      .onConflictDoUpdate({
        target: [assessmentPanelScores.subjectId, assessmentPanelScores.userId],
        set: { entries: input.entries, total: sheet.total, savedAt: now },
      });
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "assessment_subject.panel_score",
      entity: "assessment_subject",
      entityId: subject.id,
      regionCode: round.regionCode,
      orgId: round.orgId,
      summary: `评审人员为${subject.name}的填报指标评分：${sheet.total} 分`,
      changes: { total: sheet.total },
    });
    return { subjectId, total: sheet.total };
  });
}

function roundIsScoring(round: RoundRow) {
  if (round.status !== "scoring")
    throw errors.conflict("ROUND_NOT_SCORING", "assessment.not_panel", {}, { status: round.status });
}

export async function getPanelScore(ctx: Ctx, subjectId: string) {
  requireScope(ctx.actor, "assessment:score");
  const { round } = await visibleSubject(ctx, subjectId);
  if (!isPanel(ctx, round) && !manages(ctx, round)) throw errors.notFound("assessment_subject");
  const [row] = await ctx.db
    .select()
    .from(assessmentPanelScores)
    .where(and(eq(assessmentPanelScores.subjectId, subjectId), eq(assessmentPanelScores.userId, ctx.actor.userId)));
  return { subjectId, entries: (row?.entries ?? []) as never[], total: row?.total ?? null };
}

export type { SubjectRow };

void assessmentRounds;
