/**
 * 考核评价 rounds: create (indicator set of the evaluation module, subjects, computed/reported mapping, panel),
 * take the snapshot of computed values (frozen with the records behind them and a sha256 of the inputs), move to
 * panel scoring, publish the final score and ranking. Disputes, corrections, reported items and panel scores are
 * in assessment-work.service.ts; access in assessment-access.ts.
 */
import { asc, desc, eq, inArray, sql } from "drizzle-orm";
import {
  ASSESSMENT_METRIC_FORMULAS,
  ASSESSMENT_METRIC_LABELS,
  type RankingView,
  type ReportedEntryView,
  ROUND_STATUS_LABELS,
  type RoundCreate,
  type RoundIndicator,
  type RoundSummary,
  type RoundView,
} from "../../../contracts/assessment.js";
import { type IndicatorNode, leavesOf, type ScoreEntryLike } from "../../../contracts/scoring.js";
import { inScope, requireScope } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import { paged } from "../../core/paging.js";
import { defineMachine } from "../../core/state-machine.js";
import type { Queryable, Tx } from "../../db/client.js";
import { recordAudit } from "../audit/index.js";
import { finalResult, getIndicatorSet } from "../evaluation/index.js";
import { userDisplayName } from "../identity/index.js";
import { orgBriefs, orgNameSql, regionNames } from "../org/index.js";
import {
  assessmentDisputes,
  assessmentPanelScores,
  assessmentRounds,
  assessmentSubjects,
  assessmentValueHistory,
  assessmentValues,
} from "./assessment.schema.js";
import {
  isPanel,
  managedRound,
  manages,
  ownsSubject,
  type RoundRow,
  roundVisibleWhere,
  type SubjectRow,
  visibleRound,
} from "./assessment-access.js";
import { computeFigures, sha256 } from "./assessment-compute.js";

export type SetCopy = {
  name: string;
  total: number;
  passLine: number;
  gradeScale: unknown;
  nodes: IndicatorNode[];
};

export const roundMachine = defineMachine({
  entity: "assessment_round",
  auditPrefix: "assessment_round",
  table: assessmentRounds,
  labels: ROUND_STATUS_LABELS,
  audit: recordAudit,
  scope: (r) => ({ regionCode: r.regionCode, orgId: r.orgId }),
  transitions: {
    snapshot: { from: ["draft", "collecting"], to: ["collecting"], label: "生成数据快照" },
    startScoring: { from: ["collecting"], to: ["scoring"], label: "进入评审评分" },
    publish: { from: ["scoring"], to: ["published"], label: "发布考核结果" },
  },
});

export const setOf = (round: RoundRow) => round.setCopy as SetCopy;
export const indicatorsOf = (round: RoundRow) => round.indicators as RoundIndicator[];
export const maxScoresOf = (set: SetCopy) => new Map(leavesOf(set.nodes).map((l) => [l.code, l.maxScore ?? 0]));

/** The mapping must cover every leaf once: computed leaves are 打分 items; counts need a target. */
function checkIndicators(set: SetCopy, indicators: RoundIndicator[]) {
  const leaves = new Map(leavesOf(set.nodes).map((l) => [l.code, l]));
  const seen = new Set<string>();
  for (const ind of indicators) {
    const leaf = leaves.get(ind.nodeCode);
    if (!leaf) throw errors.field("indicators", "assessment.node_unknown", { code: ind.nodeCode });
    if (seen.has(ind.nodeCode)) throw errors.field("indicators", "assessment.node_duplicate", { code: ind.nodeCode });
    seen.add(ind.nodeCode);
    if (ind.kind === "computed") {
      if (leaf.method !== "score") throw errors.field("indicators", "assessment.computed_method", { code: leaf.code });
      if (ind.metric === "activities_count" && !ind.target)
        throw errors.field("indicators", "assessment.target_required", { code: leaf.code });
    }
  }
  for (const code of leaves.keys())
    if (!seen.has(code)) throw errors.field("indicators", "assessment.node_missing", { code });
}

export async function createRound(ctx: Ctx, input: RoundCreate): Promise<RoundView> {
  const scope = requireScope(ctx.actor, "assessment:manage");
  if (input.windowTo < input.windowFrom) throw errors.field("windowTo", "assessment.window_order");
  if (!input.orgIds.length && !input.regionCodes.length) throw errors.field("orgIds", "assessment.no_subjects");
  const set = await getIndicatorSet(ctx, input.setId);
  if (set.status !== "published") throw errors.field("setId", "assessment.set_not_published");
  const copy: SetCopy = {
    name: set.name,
    total: set.total,
    passLine: set.passLine,
    gradeScale: set.gradeScale,
    nodes: set.nodes as IndicatorNode[],
  };
  checkIndicators(copy, input.indicators);
  const orgs = await orgBriefs(ctx.db, input.orgIds);
  for (const id of input.orgIds) {
    const o = orgs.get(id);
    if (
      !o ||
      !inScope(scope, { regionCode: o.regionCode, orgId: o.id }) ||
      !o.regionCode.startsWith(ctx.actor.regionCode)
    )
      throw errors.field("orgIds", "assessment.subject_out_of_scope");
  }
  const names = await regionNames(ctx.db, input.regionCodes);
  for (const code of input.regionCodes)
    if (!names.has(code) || code.length <= ctx.actor.regionCode.length || !code.startsWith(ctx.actor.regionCode))
      throw errors.field("regionCodes", "assessment.subject_out_of_scope");
  for (const uid of input.panelUserIds)
    if (!(await userDisplayName(ctx.db, uid))) throw errors.field("panelUserIds", "assessment.panel_user_unknown");
  const id = await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const [round] = await tx
      .insert(assessmentRounds)
      .values({
        title: input.title,
        year: input.year,
        regionCode: ctx.actor.regionCode,
        orgId: ctx.actor.orgId,
        setId: input.setId,
        setCopy: copy,
        windowFrom: input.windowFrom,
        windowTo: input.windowTo,
        indicators: input.indicators,
        panelUserIds: input.panelUserIds,
        createdBy: ctx.actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: assessmentRounds.id });
    const subjects = [
      ...input.orgIds.map((oid) => {
        const o = orgs.get(oid);
        return { kind: "org" as const, orgId: oid, regionCode: o?.regionCode ?? "", name: o?.name ?? "" };
      }),
      ...input.regionCodes.map((code) => ({
        kind: "region" as const,
        orgId: null,
        regionCode: code,
        name: names.get(code) ?? code,
      })),
    ];
    await tx.insert(assessmentSubjects).values(subjects.map((s, i) => ({ ...s, roundId: round.id, sort: i })));
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "assessment_round.create",
      entity: "assessment_round",
      entityId: round.id,
      regionCode: ctx.actor.regionCode,
      orgId: ctx.actor.orgId,
      summary: `建立考核轮次「${input.title}」（${subjects.length} 个考核对象）`,
      changes: { title: input.title, year: input.year, subjects: subjects.map((s) => s.name) },
    });
    return round.id;
  });
  return getRound(ctx, id);
}

function summaryOf(r: RoundRow, orgName: string, subjects: number): RoundSummary {
  return {
    id: r.id,
    title: r.title,
    year: r.year,
    regionCode: r.regionCode,
    orgId: r.orgId,
    orgName,
    status: r.status,
    statusLabel: ROUND_STATUS_LABELS[r.status],
    subjects,
    snapshotAt: r.snapshotAt?.toISOString() ?? null,
    snapshotHash: r.snapshotHash,
    publishedAt: r.publishedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function listRounds(ctx: Ctx, q: { page: number; pageSize: number; year?: number }) {
  requireScope(ctx.actor, "assessment:read");
  const where = q.year
    ? sql`${roundVisibleWhere(ctx)} and ${assessmentRounds.year} = ${q.year}`
    : roundVisibleWhere(ctx);
  const subjects = sql<number>`(select count(*)::int from ${assessmentSubjects} s where s.round_id = ${assessmentRounds.id})`;
  const [rows, [{ total }]] = await Promise.all([
    paged(
      ctx.db
        .select({ r: assessmentRounds, orgName: orgNameSql(assessmentRounds.orgId), subjects })
        .from(assessmentRounds)
        .where(where)
        .orderBy(desc(assessmentRounds.year), desc(assessmentRounds.createdAt), asc(assessmentRounds.id))
        .$dynamic(),
      q,
    ),
    ctx.db.select({ total: sql<number>`count(*)::int` }).from(assessmentRounds).where(where),
  ]);
  return {
    items: rows.map((x) => summaryOf(x.r, x.orgName, Number(x.subjects))),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function subjectsOf(db: Queryable, roundId: string): Promise<SubjectRow[]> {
  return db
    .select()
    .from(assessmentSubjects)
    .where(eq(assessmentSubjects.roundId, roundId))
    .orderBy(asc(assessmentSubjects.sort));
}

export async function getRound(ctx: Ctx, id: string): Promise<RoundView> {
  requireScope(ctx.actor, "assessment:read");
  const r = await visibleRound(ctx, id);
  const set = setOf(r);
  const leaves = new Map(leavesOf(set.nodes).map((l) => [l.code, l]));
  const all = await subjectsOf(ctx.db, id);
  const manage = manages(ctx, r);
  const panel = isPanel(ctx, r);
  const shown = manage || panel || r.status === "published" ? all : all.filter((s) => ownsSubject(ctx, s));
  const sheets = await ctx.db
    .select({ subjectId: assessmentPanelScores.subjectId, n: sql<number>`count(*)::int` })
    .from(assessmentPanelScores)
    .where(eq(assessmentPanelScores.roundId, id))
    .groupBy(assessmentPanelScores.subjectId);
  const sheetCount = new Map(sheets.map((s) => [s.subjectId, Number(s.n)]));
  const [org] = await ctx.db
    .select({ n: orgNameSql(assessmentRounds.orgId) })
    .from(assessmentRounds)
    .where(eq(assessmentRounds.id, id));
  const panelNames = await Promise.all(
    r.panelUserIds.map(async (u) => ({ userId: u, name: (await userDisplayName(ctx.db, u)) ?? "（已删除用户）" })),
  );
  return {
    ...summaryOf(r, org?.n ?? "", all.length),
    setId: r.setId,
    setName: set.name,
    windowFrom: r.windowFrom,
    windowTo: r.windowTo,
    indicators: indicatorsOf(r).map((i) => {
      const leaf = leaves.get(i.nodeCode);
      return {
        nodeCode: i.nodeCode,
        title: leaf?.title ?? i.nodeCode,
        maxScore: leaf?.maxScore ?? 0,
        kind: i.kind,
        metric: i.kind === "computed" ? i.metric : null,
        metricLabel: i.kind === "computed" ? ASSESSMENT_METRIC_LABELS[i.metric] : null,
        formula: i.kind === "computed" ? ASSESSMENT_METRIC_FORMULAS[i.metric] : null,
        target: i.kind === "computed" ? (i.target ?? null) : null,
      };
    }),
    panel: panelNames,
    subjectList: shown.map((s) => ({
      id: s.id,
      kind: s.kind,
      orgId: s.orgId,
      regionCode: s.regionCode,
      name: s.name,
      reported: (s.reported as Partial<ReportedEntryView>[]).map((e) => ({
        nodeCode: e.nodeCode ?? "",
        text: e.text ?? "",
        materialIds: e.materialIds ?? [],
        activityIds: e.activityIds ?? [],
        activities: e.activities ?? [],
      })),
      reportedSubmittedAt: s.reportedSubmittedAt?.toISOString() ?? null,
      computedScore: manage || panel || r.status === "published" || ownsSubject(ctx, s) ? s.computedScore : null,
      finalScore: r.status === "published" || manage ? s.finalScore : null,
      rank: r.status === "published" || manage ? s.rank : null,
      panelSheets: sheetCount.get(s.id) ?? 0,
    })),
    manage,
    isPanel: panel,
    ownSubjectIds: all.filter((s) => ownsSubject(ctx, s)).map((s) => s.id),
  };
}

/**
 * Takes (or retakes, while 数据核对中) the snapshot: every computed value of every subject as of now, with its
 * records and input hash; each value's history gets a snapshot entry. A retake (data entered late) replaces the
 * values and their snapshot entries; it is refused once any dispute exists, so no dispute or correction is lost.
 */
export async function takeSnapshot(ctx: Ctx, id: string): Promise<RoundView> {
  await ctx.db.transaction(async (tx) => {
    const round = await managedRound(ctx, id, tx);
    roundMachine.assert(round.status, "snapshot");
    const [{ n: disputes }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(assessmentDisputes)
      .where(eq(assessmentDisputes.roundId, id));
    if (Number(disputes) > 0) throw errors.conflict("SNAPSHOT_LOCKED", "assessment.snapshot_locked");
    const subjects = await subjectsOf(tx, id);
    const set = setOf(round);
    const now = ctx.clock.now();
    const figures = await computeFigures(tx, round, subjects, indicatorsOf(round), maxScoresOf(set), now);
    const old = await tx
      .select({ id: assessmentValues.id })
      .from(assessmentValues)
      .where(eq(assessmentValues.roundId, id));
    if (old.length) {
      const ids = old.map((o) => o.id);
      await tx.delete(assessmentValueHistory).where(inArray(assessmentValueHistory.valueId, ids));
      await tx.delete(assessmentValues).where(eq(assessmentValues.roundId, id));
    }
    const computedBy = new Map<string, number>();
    for (const f of figures) {
      const [v] = await tx
        .insert(assessmentValues)
        .values({
          roundId: id,
          subjectId: f.subjectId,
          nodeCode: f.nodeCode,
          metric: f.metric,
          numerator: f.numerator,
          denominator: f.denominator,
          ratio: f.ratio,
          score: f.scoreTenths / 10,
          records: f.records,
          inputHash: f.inputHash,
          snapshotAt: now,
        })
        .returning({ id: assessmentValues.id });
      await tx.insert(assessmentValueHistory).values({
        valueId: v.id,
        kind: "snapshot",
        numerator: f.numerator,
        denominator: f.denominator,
        score: f.scoreTenths / 10,
        inputHash: f.inputHash,
        actorId: ctx.actor.userId,
        at: now,
      });
      computedBy.set(f.subjectId, (computedBy.get(f.subjectId) ?? 0) + f.scoreTenths);
    }
    for (const s of subjects)
      await tx
        .update(assessmentSubjects)
        .set({ computedScore: (computedBy.get(s.id) ?? 0) / 10 })
        .where(eq(assessmentSubjects.id, s.id));
    const hash = sha256(figures.map((f) => `${f.subjectId}:${f.nodeCode}:${f.inputHash}`).join("\n"));
    await roundMachine.move(tx, ctx, round, "snapshot", {
      set: { snapshotAt: now, snapshotHash: hash },
      summary: `生成考核轮次「${round.title}」的数据快照（${figures.length} 项计算指标值）`,
      changes: { snapshotHash: [round.snapshotHash, hash] },
    });
  });
  return getRound(ctx, id);
}

export async function assertNoOpenDisputes(tx: Queryable, roundId: string) {
  const [{ n }] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(assessmentDisputes)
    .where(sql`${assessmentDisputes.roundId} = ${roundId} and ${assessmentDisputes.status} = 'open'`);
  if (Number(n) > 0) throw errors.conflict("OPEN_DISPUTES", "assessment.open_disputes", { n });
}

export async function startScoring(ctx: Ctx, id: string): Promise<RoundView> {
  await ctx.db.transaction(async (tx) => {
    const round = await managedRound(ctx, id, tx);
    roundMachine.assert(round.status, "startScoring");
    await assertNoOpenDisputes(tx, id);
    await roundMachine.move(tx, ctx, round, "startScoring", { summary: `考核轮次「${round.title}」进入评审评分` });
  });
  return getRound(ctx, id);
}

/** The entries of a subject's sheets: computed scores plus each panel member's reported scores. */
async function sheetsOf(tx: Queryable, round: RoundRow, subjectId: string): Promise<ScoreEntryLike[][]> {
  const values = await tx
    .select({ nodeCode: assessmentValues.nodeCode, score: assessmentValues.score })
    .from(assessmentValues)
    .where(eq(assessmentValues.subjectId, subjectId));
  const computed: ScoreEntryLike[] = values.map((v) => ({ nodeCode: v.nodeCode, score: v.score }));
  const hasReported = indicatorsOf(round).some((i) => i.kind === "reported");
  if (!hasReported) return [computed];
  const panel = await tx
    .select({ entries: assessmentPanelScores.entries })
    .from(assessmentPanelScores)
    .where(eq(assessmentPanelScores.subjectId, subjectId));
  return panel.map((p) => [...computed, ...(p.entries as ScoreEntryLike[])]);
}

/** Final scores (the engine's mean of the panel sheets) and ranks (ties share a rank), without writing. */
async function rankingOf(tx: Queryable, round: RoundRow) {
  const set = setOf(round);
  const subjects = await subjectsOf(tx, round.id);
  const rows: {
    subjectId: string;
    name: string;
    computedScore: number;
    reportedScore: number;
    finalScore: number;
    passed: boolean;
    complete: boolean;
  }[] = [];
  for (const s of subjects) {
    const sheets = await sheetsOf(tx, round, s.id);
    const result = sheets.length ? finalResult(set as never, sheets) : null;
    const computedScore = Number(s.computedScore ?? 0);
    const finalScore = result?.score ?? 0;
    rows.push({
      subjectId: s.id,
      name: s.name,
      computedScore,
      reportedScore: Math.round((finalScore - computedScore) * 100) / 100,
      finalScore,
      passed: result?.passed ?? false,
      complete: sheets.length > 0,
    });
  }
  rows.sort((a, b) => b.finalScore - a.finalScore || a.name.localeCompare(b.name, "zh"));
  let rank = 0;
  return rows.map((r, i) => {
    if (i === 0 || r.finalScore !== rows[i - 1].finalScore) rank = i + 1;
    return { ...r, rank };
  });
}

export async function publishRound(ctx: Ctx, id: string): Promise<RoundView> {
  await ctx.db.transaction(async (tx) => {
    const round = await managedRound(ctx, id, tx);
    roundMachine.assert(round.status, "publish");
    await assertPanelComplete(tx, round);
    const ranking = await rankingOf(tx, round);
    for (const r of ranking)
      await tx
        .update(assessmentSubjects)
        .set({ finalScore: r.finalScore, rank: r.rank, passed: r.passed ? "yes" : "no" })
        .where(eq(assessmentSubjects.id, r.subjectId));
    await roundMachine.move(tx, ctx, round, "publish", {
      set: { publishedAt: ctx.clock.now() },
      summary: `发布考核轮次「${round.title}」的结果和排名`,
      changes: { ranking: ranking.map((r) => `${r.rank}. ${r.name} ${r.finalScore}`) },
    });
  });
  return getRound(ctx, id);
}

async function assertPanelComplete(tx: Tx, round: RoundRow) {
  if (!indicatorsOf(round).some((i) => i.kind === "reported")) return;
  const subjects = await subjectsOf(tx, round.id);
  const [{ n }] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(assessmentPanelScores)
    .where(eq(assessmentPanelScores.roundId, round.id));
  const missing = subjects.length * round.panelUserIds.length - Number(n);
  if (missing > 0 || round.panelUserIds.length === 0)
    throw errors.conflict("PANEL_INCOMPLETE", "assessment.panel_incomplete", { n: Math.max(missing, 1) });
}

/** The ranking: published for every reader of the round; a preview for the organiser and the panel before. */
export async function getRanking(ctx: Ctx, id: string): Promise<RankingView> {
  requireScope(ctx.actor, "assessment:read");
  const round = await visibleRound(ctx, id);
  if (round.status === "published") {
    const subjects = (await subjectsOf(ctx.db, id)).sort(
      (a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.name.localeCompare(b.name, "zh"),
    );
    return {
      roundId: id,
      published: true,
      items: subjects.map((s) => ({
        rank: s.rank ?? 0,
        subjectId: s.id,
        name: s.name,
        computedScore: Number(s.computedScore ?? 0),
        reportedScore: Math.round((Number(s.finalScore ?? 0) - Number(s.computedScore ?? 0)) * 100) / 100,
        finalScore: Number(s.finalScore ?? 0),
        passed: s.passed === "yes",
      })),
    };
  }
  if (!manages(ctx, round) && !isPanel(ctx, round)) throw errors.conflict("NOT_PUBLISHED", "assessment.not_published");
  if (round.status !== "scoring") return { roundId: id, published: false, items: [] };
  await assertPanelComplete(ctx.db as Tx, round);
  const items = await rankingOf(ctx.db, round);
  return { roundId: id, published: false, items: items.map(({ complete: _c, ...r }) => r) };
}
