/**
 * The computed indicators of 考核评价: each metric reads its source module's records (through that module's
 * index), the rows are placed at the round's subjects (a member unit by its org id, a lower region by its region
 * tree), and the figure is numerator ÷ denominator with the formula of ASSESSMENT_METRIC_FORMULAS. The score of a
 * leaf is maxScore × ratio rounded half up to 0.1 point in integer tenths (the scoring engine's arithmetic); a
 * rate with nothing due (denominator 0) earns full marks, as 考核 rules usually read “无应办事项的不扣分”.
 *
 * The input hash of a value is sha256 over the canonical JSON of what decides it: the metric, the window, the
 * target and every record's id, date, status and whether it counted, sorted by id. The same records give the same
 * hash; any change of a counted record changes it.
 */
import { createHash } from "node:crypto";
import type {
  AssessmentMetric,
  AssessmentRow,
  AssessmentRowQuery,
  RoundIndicator,
} from "../../../contracts/assessment.js";
import { roundHalfUpDiv, toTenths } from "../../../contracts/scoring.js";
import type { Queryable } from "../../db/client.js";
import { activityRows } from "../activities/index.js";
import { namedUnitRows, namingTargets } from "../creation/index.js";
import { zeroReportRows } from "../disputes/index.js";
import { planReportRows, planTaskRows } from "../plans/index.js";
import { serviceRequestRows } from "../services/index.js";

export type SubjectRef = { id: string; kind: "org" | "region"; orgId: string | null; regionCode: string };

export type ComputedFigure = {
  subjectId: string;
  nodeCode: string;
  metric: AssessmentMetric;
  numerator: number;
  denominator: number;
  ratio: number | null;
  scoreTenths: number;
  records: AssessmentRow[];
  inputHash: string;
};

const SOURCES: Record<AssessmentMetric, (db: Queryable, q: AssessmentRowQuery) => Promise<AssessmentRow[]>> = {
  plan_tasks_on_time: planTaskRows,
  plan_reports_on_time: planReportRows,
  named_vs_target: namedUnitRows,
  zero_reports_on_time: zeroReportRows,
  service_requests_on_time: serviceRequestRows,
  activities_count: activityRows,
};

export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** The input hash of one value (see the file comment). */
export function inputHashOf(
  metric: AssessmentMetric,
  window: { from: string; to: string },
  target: number | null,
  records: readonly AssessmentRow[],
): string {
  const rows = [...records]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((r) => [r.id, r.orgId, r.regionCode, r.date, r.status, r.ok]);
  return sha256(JSON.stringify({ metric, from: window.from, to: window.to, target, rows }));
}

/** Score in tenths of `maxScore` for numerator ÷ denominator (capped at 1; nothing due = full marks). */
export function scoreTenths(maxScore: number, numerator: number, denominator: number): number {
  const max = toTenths(maxScore);
  if (denominator <= 0) return max;
  return roundHalfUpDiv(max * Math.min(numerator, denominator), denominator);
}

const belongs = (s: SubjectRef, r: AssessmentRow) =>
  s.kind === "org" ? r.orgId === s.orgId : r.regionCode.startsWith(s.regionCode);

/** Every computed value of every subject, as of `asOf`. */
export async function computeFigures(
  db: Queryable,
  round: { year: number; windowFrom: string; windowTo: string },
  subjects: readonly SubjectRef[],
  indicators: readonly RoundIndicator[],
  maxScores: Map<string, number>,
  asOf: Date,
): Promise<ComputedFigure[]> {
  const query: AssessmentRowQuery = {
    orgIds: subjects.filter((s) => s.kind === "org" && s.orgId).map((s) => s.orgId as string),
    regionPrefixes: subjects.filter((s) => s.kind === "region").map((s) => s.regionCode),
    from: round.windowFrom,
    to: round.windowTo,
    asOf,
  };
  const computed = indicators.filter((i) => i.kind === "computed");
  const metrics = [...new Set(computed.map((i) => i.metric))];
  const rowsOf = new Map<AssessmentMetric, AssessmentRow[]>();
  for (const m of metrics) rowsOf.set(m, await SOURCES[m](db, query));
  const targets = metrics.includes("named_vs_target")
    ? await namingTargets(
        db,
        subjects.filter((s) => s.kind === "region").map((s) => s.regionCode),
        round.year,
      )
    : new Map<string, number>();
  const out: ComputedFigure[] = [];
  for (const s of subjects)
    for (const ind of computed) {
      const records = (rowsOf.get(ind.metric) ?? []).filter((r) => belongs(s, r));
      let numerator: number;
      let denominator: number;
      let target: number | null = null;
      if (ind.metric === "activities_count") {
        numerator = records.length;
        target = ind.target ?? 1;
        denominator = target;
      } else if (ind.metric === "named_vs_target") {
        numerator = records.length;
        target = s.kind === "region" ? (targets.get(s.regionCode) ?? 0) : 0;
        denominator = target;
      } else {
        numerator = records.filter((r) => r.ok).length;
        denominator = records.length;
      }
      const max = maxScores.get(ind.nodeCode) ?? 0;
      out.push({
        subjectId: s.id,
        nodeCode: ind.nodeCode,
        metric: ind.metric,
        numerator,
        denominator,
        ratio: denominator > 0 ? Math.min(1, numerator / denominator) : null,
        scoreTenths: scoreTenths(max, numerator, denominator),
        records: records.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1)),
        inputHash: inputHashOf(ind.metric, { from: round.windowFrom, to: round.windowTo }, target, records),
      });
    }
  return out;
}
