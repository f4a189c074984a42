/** 申报: lists, the detail view and the export rows of applications (who sees what: application.service.ts). */
import { and, asc, desc, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import {
  APPLICATION_ACTION_LABELS,
  type ApplicationAction,
  type ApplicationDetail,
  type ApplicationListQuery,
  type ApplicationSummary,
  type NamingLevel,
} from "../../../contracts/creation.js";
import { FINAL_SCORE_METHOD_LABELS, type FinalScoreMethod } from "../../../contracts/evaluation.js";
import { regionTreeWhere } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import { searchQuery } from "../../core/search.js";
import type { Queryable } from "../../db/client.js";
import { containsPattern } from "../../db/sql.js";
import { leavesOf, setForScoring, sheetsOfSubject } from "../evaluation/index.js";
import { userNameSql } from "../identity/index.js";
import { orgMatchesSql, orgNameSql } from "../org/index.js";
import {
  A,
  APPLICATION_SUBJECT,
  APPLICATION_TRANSITIONS,
  type AppRow,
  applicationVisibleWhere,
  isApplicant,
  isCurrentReviewer,
} from "./application.service.js";
import { managesRegion } from "./batch.service.js";
import {
  creationApplicationEvents,
  creationBatches,
  creationExpertAssignments,
  creationSiteVisits,
} from "./creation.schema.js";
import { categoryLabels, levelName, materialRefs, namesOf } from "./creation.service.js";

// ---------------------------------------------------------------------------------------------------------
// Views

const summarySelect = {
  a: A,
  orgName: orgNameSql(A.orgId),
  batchName: creationBatches.name,
  year: creationBatches.year,
};
type SummaryRow = { a: AppRow; orgName: string; batchName: string; year: number };

function toSummary(r: SummaryRow, names: Map<string, string>, labels: Map<string, string>): ApplicationSummary {
  const a = r.a;
  return {
    id: a.id,
    batchId: a.batchId,
    batchName: r.batchName,
    year: r.year,
    level: a.level as NamingLevel,
    category: a.category,
    categoryLabel: labels.get(a.category) ?? a.category,
    orgId: a.orgId,
    orgName: r.orgName,
    regionCode: a.regionCode,
    regionName: names.get(a.regionCode) ?? "",
    title: a.title,
    status: a.status,
    reviewLevelCode: a.reviewLevelCode,
    reviewLevelName: levelName(a.reviewLevelCode, names),
    finalScore: a.finalScore,
    passed: a.passed,
    submittedAt: a.submittedAt?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

const SORTS = {
  updatedAt: A.updatedAt,
  submittedAt: A.submittedAt,
  finalScore: A.finalScore,
  regionCode: A.regionCode,
};

export function applicationListWhere(ctx: Ctx, q: Omit<ApplicationListQuery, "page" | "pageSize">) {
  const conds: (SQL | undefined)[] = [applicationVisibleWhere(ctx)];
  if (q.batchId) conds.push(eq(A.batchId, q.batchId));
  if (q.status) conds.push(eq(A.status, q.status));
  if (q.category) conds.push(eq(A.category, q.category));
  if (q.level) conds.push(eq(A.level, q.level));
  if (q.year) conds.push(eq(creationBatches.year, q.year));
  if (q.regionCode) conds.push(regionTreeWhere(A.regionCode, q.regionCode));
  if (q.orgId) conds.push(eq(A.orgId, q.orgId));
  if (q.awaitingMe) conds.push(eq(A.status, "reviewing"), eq(A.reviewLevelCode, ctx.actor.regionCode));
  if (q.q) conds.push(or(orgMatchesSql(A.orgId, q.q), searchQuery(A.search, q.q)));
  return and(...conds.filter(Boolean));
}

function orderOf(sort: string | undefined) {
  const key = (sort?.replace(/^-/, "") ?? "updatedAt") as keyof typeof SORTS;
  return [!sort || sort.startsWith("-") ? desc(SORTS[key]) : asc(SORTS[key]), asc(A.id)];
}

function summaryQuery(db: Queryable) {
  return db.select(summarySelect).from(A).innerJoin(creationBatches, eq(creationBatches.id, A.batchId));
}

async function toSummaries(db: Queryable, rows: SummaryRow[]) {
  const [names, labels] = await Promise.all([
    namesOf(
      db,
      rows.flatMap((r) => [r.a.regionCode, r.a.reviewLevelCode]),
    ),
    categoryLabels(db),
  ]);
  return rows.map((r) => toSummary(r, names, labels));
}

export async function listApplications(ctx: Ctx, q: ApplicationListQuery) {
  const where = applicationListWhere(ctx, q);
  const [rows, [{ total }]] = await Promise.all([
    summaryQuery(ctx.db)
      .where(where)
      .orderBy(...orderOf(q.sort))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db
      .select({ total: sql<number>`count(*)::int` })
      .from(A)
      .innerJoin(creationBatches, eq(creationBatches.id, A.batchId))
      .where(where),
  ]);
  return { items: await toSummaries(ctx.db, rows), total, page: q.page, pageSize: q.pageSize };
}

/** Display names (unit — title) of the applications among `ids` the caller may see: for bulk actions' summaries. */
export async function applicationNames(ctx: Ctx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db
    .select({ id: A.id, orgName: orgNameSql(A.orgId), title: A.title })
    .from(A)
    .innerJoin(creationBatches, eq(creationBatches.id, A.batchId))
    .where(and(inArray(A.id, ids), applicationVisibleWhere(ctx)));
  return new Map(rows.map((r) => [r.id, r.title ? `${r.orgName}（${r.title}）` : r.orgName]));
}

export async function findApplicationsForExport(
  ctx: Ctx,
  q: Omit<ApplicationListQuery, "page" | "pageSize"> & { ids?: string[] },
  cap = 50_000,
) {
  const rows = await summaryQuery(ctx.db)
    .where(and(applicationListWhere(ctx, q), q.ids ? inArray(A.id, q.ids) : undefined))
    .orderBy(...orderOf(q.sort))
    .limit(cap);
  return toSummaries(ctx.db, rows);
}

/** Site visits of applications, with their evidence and recorder, for the detail and expert views. */
export async function siteVisitsOf(db: Queryable, applicationId: string) {
  const rows = await db
    .select({ v: creationSiteVisits, recordedByName: userNameSql(creationSiteVisits.recordedBy) })
    .from(creationSiteVisits)
    .where(eq(creationSiteVisits.applicationId, applicationId))
    .orderBy(asc(creationSiteVisits.visitedOn), asc(creationSiteVisits.createdAt));
  return Promise.all(
    rows.map(async ({ v, recordedByName }) => ({
      id: v.id,
      visitedOn: v.visitedOn,
      members: v.members,
      notes: v.notes,
      evidence: await materialRefs(db, v.evidenceIds),
      recordedByName,
      createdAt: v.createdAt.toISOString(),
    })),
  );
}

export async function getApplication(ctx: Ctx, id: string): Promise<ApplicationDetail> {
  const db = ctx.db;
  const [row] = await summaryQuery(db).where(and(eq(A.id, id), applicationVisibleWhere(ctx)));
  if (!row) throw errors.notFound("creation_application");
  const a = row.a;
  const [batch] = await db
    .select({ regionCode: creationBatches.regionCode })
    .from(creationBatches)
    .where(eq(creationBatches.id, a.batchId));
  const manager = managesRegion(ctx, batch.regionCode);
  const [summary] = await toSummaries(db, [row]);
  const [sheets, set, events, evidence, visits, assignments] = await Promise.all([
    sheetsOfSubject(db, APPLICATION_SUBJECT, a.id),
    setForScoring(db, a.setId),
    db
      .select()
      .from(creationApplicationEvents)
      .where(eq(creationApplicationEvents.applicationId, a.id))
      .orderBy(asc(creationApplicationEvents.seq)),
    materialRefs(db, a.evidenceIds),
    siteVisitsOf(db, a.id),
    manager
      ? db
          .select({ x: creationExpertAssignments, name: userNameSql(creationExpertAssignments.userId) })
          .from(creationExpertAssignments)
          .where(eq(creationExpertAssignments.applicationId, a.id))
          .orderBy(asc(creationExpertAssignments.assignedAt), asc(userNameSql(creationExpertAssignments.userId)))
      : Promise.resolve(null),
  ]);
  const names = await namesOf(db, [...a.reviewChain, ...events.map((e) => e.levelCode)]);
  const self = sheets.find((s) => s.kind === "self") ?? null;
  const titles = new Map(leavesOf(set.nodes).map((l) => [l.code, l.title]));
  const sheetById = new Map(sheets.map((s) => [s.id, s]));
  const last = a.reviewChain.length - 1;
  const reviewer = isCurrentReviewer(ctx, a);
  const applicant = isApplicant(ctx, a);
  const decided = a.finalScore !== null && a.passed !== null;
  return {
    ...summary,
    statement: a.statement,
    setId: a.setId,
    evidence,
    selfSheet: self
      ? {
          id: self.id,
          status: self.status,
          total: self.total,
          passed: self.status === "submitted" && self.vetoFailed.length === 0 && (self.total ?? 0) >= set.passLine,
          vetoFailed: self.vetoFailed,
        }
      : null,
    chain: a.reviewChain.map((code, i) => ({
      regionCode: code,
      regionName: names.get(code) ?? code,
      role: i === last ? ("accept" as const) : ("recommend" as const),
      state:
        a.reviewIndex === null || ["draft"].includes(a.status)
          ? ("pending" as const)
          : i < a.reviewIndex || (i === a.reviewIndex && a.status !== "reviewing" && a.status !== "returned")
            ? ("done" as const)
            : i === a.reviewIndex
              ? ("current" as const)
              : ("pending" as const),
    })),
    experts: assignments
      ? assignments.map(({ x, name }) => {
          const s = sheetById.get(x.sheetId);
          return {
            userId: x.userId,
            name,
            status: x.status,
            sheetId: x.sheetId,
            sheetStatus: s?.status ?? "draft",
            total: s?.status === "submitted" ? s.total : null,
            vetoFailed: s?.status === "submitted" ? s.vetoFailed : [],
          };
        })
      : null,
    siteVisits: visits,
    result: decided
      ? {
          finalScore: a.finalScore as number,
          method: a.finalMethod,
          methodLabel: a.finalMethod ? (FINAL_SCORE_METHOD_LABELS[a.finalMethod as FinalScoreMethod] ?? null) : null,
          vetoFailed: a.vetoFailed.map((code) => ({ code, title: titles.get(code) ?? code })),
          passed: a.passed as boolean,
          note: a.resultNote,
          decidedAt: a.decidedAt?.toISOString() ?? null,
        }
      : null,
    noticeId: a.noticeId,
    designationId: a.designationId,
    events: events.map((e) => ({
      id: e.id,
      action: e.action,
      actionLabel: APPLICATION_ACTION_LABELS[e.action as ApplicationAction] ?? e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      levelCode: e.levelCode,
      levelName: levelName(e.levelCode, names),
      actorName: e.actorName,
      note: e.note,
      at: e.at.toISOString(),
    })),
    can: {
      edit: applicant && APPLICATION_TRANSITIONS.update.from.includes(a.status),
      submit: applicant && APPLICATION_TRANSITIONS.submit.from.includes(a.status),
      withdraw: applicant && APPLICATION_TRANSITIONS.withdraw.from.includes(a.status),
      delete: applicant && APPLICATION_TRANSITIONS.delete.from.includes(a.status),
      review: reviewer && a.reviewIndex !== last,
      accept: reviewer && a.reviewIndex === last,
      manage: manager,
    },
  };
}
