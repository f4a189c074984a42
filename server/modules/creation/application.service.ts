/**
 * 申报: the application flow of 示范创建 (PRODUCT.md §2.6).
 *
 *   草稿 ─提交─▶ 逐级推荐中 ─推荐─▶ (next level) … ─受理─▶ 已受理 ─分配专家─▶ 测评中 ─审定─▶ 审定通过 ─公示─▶ 公示中 ─命名─▶ 已命名
 *     ▲            │ 退回                                                              └▶ 不予命名 (veto / below the pass line)
 *     └─ 退回修改 ◀─┘ (the applicant edits and resubmits; review resumes at the level that returned it)
 *
 * The transitions are the table APPLICATION_TRANSITIONS below; `moveApplication` is the only writer of an
 * application's status: it checks the table (409 ILLEGAL_TRANSITION otherwise, nothing changed), updates
 * the row, and records the 审核记录 line and the audit entry in the caller's transaction.
 *
 * Who does what:
 * - the applicant unit (creation:apply, its scope covering the unit) edits, submits, withdraws; it sees its own
 *   applications in every state, drafts included, and never the experts' sheets;
 * - 逐级推荐: the review chain is fixed at first submission: the applicant's 苏木乡镇 (9-digit code), 旗县 (6),
 *   盟市 (4), 自治区 (2) — the levels from the applicant's own up to the batch's organising region. A level without
 *   an active 民族工作部门 (orgs.is_ethnic_affairs_dept at exactly that code) is skipped and the skip recorded.
 *   A reviewer (creation:review) acts only when the application's current level is in its scope AND is its own
 *   region: a banner's reviewer cannot act for a town. Every level below the organiser recommends or returns;
 *   the organiser's level accepts (受理) or returns;
 * - departments read non-draft applications within their creation:read scope;
 * - the organising department (creation:manage covering the batch's region) assigns experts, records site
 *   visits, finalises (审定), rejects, puts applications on notice and names them.
 */
import { and, asc, desc, eq, inArray, ne, or, type SQL, sql } from "drizzle-orm";
import {
  APPLICATION_ACTION_LABELS,
  APPLICATION_STATUS_LABELS,
  type ApplicationAction,
  type ApplicationCreate,
  type ApplicationDetail,
  type ApplicationListQuery,
  type ApplicationStatus,
  type ApplicationSummary,
  type ApplicationUpdate,
  NAMING_LEVEL_LABELS,
  type NamingLevel,
  type SiteVisitCreate,
} from "../../../contracts/creation.js";
import { FINAL_SCORE_METHOD_LABELS, type FinalScoreMethod } from "../../../contracts/evaluation.js";
import { inScope, regionTreeWhere, requireScope, scopeFor, scopeWhere } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { AppError, errors } from "../../core/errors.js";
import { t } from "../../core/i18n.js";
import { searchQuery } from "../../core/search.js";
import { defineMachine, type MoveCtx } from "../../core/state-machine.js";
import type { Queryable, Tx } from "../../db/client.js";
import { containsPattern } from "../../db/sql.js";
import { diff, recordAudit } from "../audit/index.js";
import { createSheet, finalResult, leavesOf, setForScoring, sheetsOfSubject } from "../evaluation/index.js";
import { activeExperts, userNameSql } from "../identity/index.js";
import { assertMaterialsUsable } from "../materials/index.js";
import { ethnicAffairsDeptRegions, orgMatchesSql, orgNameSql } from "../org/index.js";
import { assertManagesRegion, loadBatch, managesRegion, setForCategory } from "./batch.service.js";
import {
  creationApplicationEvents,
  creationApplications,
  creationBatches,
  creationCandidates,
  creationDesignations,
  creationExpertAssignments,
  creationSiteVisits,
} from "./creation.schema.js";
import { applicationSearch } from "./creation.search.js";
import {
  assertCategory,
  categoryLabels,
  levelName,
  materialRefs,
  namesOf,
  orgById,
  recordApplicationEvent,
} from "./creation.service.js";
import { shanghaiDate } from "./dates.js";

/** The evaluation module's subject type of application sheets. */
export const APPLICATION_SUBJECT = "creation_application";

export type AppRow = typeof creationApplications.$inferSelect;
const A = creationApplications;

type Step = Exclude<ApplicationAction, "create" | "skip_level">;

/**
 * The state machine: for each step, the statuses it may start from and those it may lead to (empty: the
 * status stays). Read with the file comment for who may take each step. `applicationMachine.move` (through
 * `moveApplication`) is the only writer of an application's status.
 */
export const applicationMachine = defineMachine({
  entity: "creation_application",
  auditPrefix: "creation_application",
  table: A,
  labels: APPLICATION_STATUS_LABELS,
  audit: recordAudit,
  scope: (a) => ({ regionCode: a.regionCode, orgId: a.orgId }),
  event: (tx, ctx, e) =>
    recordApplicationEvent(tx, ctx, {
      applicationId: e.row.id,
      action: e.action,
      fromStatus: e.from,
      toStatus: e.to,
      levelCode: (e.event.levelCode as string | null | undefined) ?? null,
      note: e.note,
    }),
  transitions: {
    update: { from: ["draft", "returned"], to: [], label: APPLICATION_ACTION_LABELS.update },
    submit: { from: ["draft", "returned"], to: ["reviewing"], label: APPLICATION_ACTION_LABELS.submit },
    recommend: { from: ["reviewing"], to: ["reviewing"], label: APPLICATION_ACTION_LABELS.recommend },
    return: { from: ["reviewing"], to: ["returned"], label: APPLICATION_ACTION_LABELS.return },
    accept: { from: ["reviewing"], to: ["accepted"], label: APPLICATION_ACTION_LABELS.accept },
    assign_experts: {
      from: ["accepted", "evaluating"],
      to: ["evaluating"],
      label: APPLICATION_ACTION_LABELS.assign_experts,
    },
    withdraw_expert: { from: ["evaluating"], to: [], label: APPLICATION_ACTION_LABELS.withdraw_expert },
    site_visit: { from: ["accepted", "evaluating"], to: [], label: APPLICATION_ACTION_LABELS.site_visit },
    finalize: { from: ["evaluating"], to: ["approved", "rejected"], label: APPLICATION_ACTION_LABELS.finalize },
    publicize: { from: ["approved"], to: ["publicized"], label: APPLICATION_ACTION_LABELS.publicize },
    objection: { from: ["publicized"], to: ["withdrawn", "rejected"], label: APPLICATION_ACTION_LABELS.objection },
    name: { from: ["publicized"], to: ["named"], label: APPLICATION_ACTION_LABELS.name },
    reject: {
      from: ["accepted", "evaluating", "approved", "publicized"],
      to: ["rejected"],
      label: APPLICATION_ACTION_LABELS.reject,
    },
    withdraw: {
      from: ["draft", "reviewing", "returned", "accepted", "evaluating"],
      to: ["withdrawn"],
      label: APPLICATION_ACTION_LABELS.withdraw,
    },
  },
});
export const APPLICATION_TRANSITIONS = applicationMachine.transitions;

/** 409 unless `step` may start from the application's status (and lead to `to`). */
export function assertStep(status: ApplicationStatus, step: Step, to?: ApplicationStatus | null) {
  applicationMachine.assert(status, step, to);
}

/**
 * Takes one step of the state machine inside the caller's transaction: checks it, writes the status and
 * any other fields, and records the 审核记录 line and the audit entry.
 */
export async function moveApplication(
  tx: Tx,
  ctx: MoveCtx,
  app: AppRow,
  step: Step,
  opts: {
    to?: ApplicationStatus | null;
    set?: { [K in keyof typeof A.$inferInsert]?: (typeof A.$inferInsert)[K] | SQL };
    levelCode?: string | null;
    note?: string | null;
    summary: string;
    changes?: Record<string, unknown>;
  },
) {
  const { levelCode, ...extra } = opts;
  return applicationMachine.move(tx, ctx, app, step, { ...extra, event: { levelCode } });
}

// ---------------------------------------------------------------------------------------------------------
// Access

/** Applications a caller sees: its own unit's in any state (creation:apply), others' in scope once submitted. */
export function applicationVisibleWhere(ctx: Ctx): SQL {
  const conds: SQL[] = [];
  const apply = scopeFor(ctx.actor, "creation:apply");
  if (apply) conds.push(scopeWhere(apply, { region: A.regionCode, org: A.orgId, owner: A.createdBy }) ?? sql`true`);
  const read = scopeFor(ctx.actor, "creation:read");
  if (read) conds.push(and(scopeWhere(read, { region: A.regionCode, org: A.orgId }), ne(A.status, "draft")) as SQL);
  if (conds.length === 0) throw errors.forbidden("creation:read");
  return (conds.length === 1 ? conds[0] : or(...conds)) as SQL;
}

export async function loadApplication(ctx: Ctx, id: string, db: Queryable = ctx.db, forUpdate = false) {
  const q = db
    .select()
    .from(A)
    .where(and(eq(A.id, id), applicationVisibleWhere(ctx)));
  const [row] = forUpdate ? await q.for("update") : await q;
  if (!row) throw errors.notFound("creation_application");
  return row;
}

function isApplicant(ctx: Ctx, app: AppRow) {
  const scope = scopeFor(ctx.actor, "creation:apply");
  return !!scope && inScope(scope, { regionCode: app.regionCode, orgId: app.orgId });
}

function assertApplicant(ctx: Ctx, app: AppRow) {
  requireScope(ctx.actor, "creation:apply");
  if (!isApplicant(ctx, app)) throw errors.outOfScope("creation_application");
}

/** The caller is the department of the application's current review level. */
function isCurrentReviewer(ctx: Ctx, app: AppRow) {
  const scope = scopeFor(ctx.actor, "creation:review");
  return (
    app.status === "reviewing" &&
    !!scope &&
    !!app.reviewLevelCode &&
    inScope(scope, { regionCode: app.reviewLevelCode, orgId: null }) &&
    ctx.actor.regionCode === app.reviewLevelCode
  );
}

async function assertCurrentReviewer(ctx: Ctx, app: AppRow) {
  requireScope(ctx.actor, "creation:review");
  if (!isCurrentReviewer(ctx, app)) {
    const names = await namesOf(ctx.db, [app.reviewLevelCode]);
    throw new AppError(
      403,
      "NOT_YOUR_LEVEL",
      t("creation.not_your_level", { level: levelName(app.reviewLevelCode, names) ?? "" }),
    );
  }
}

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

export async function findApplicationsForExport(
  ctx: Ctx,
  q: Omit<ApplicationListQuery, "page" | "pageSize">,
  cap = 50_000,
) {
  const rows = await summaryQuery(ctx.db)
    .where(applicationListWhere(ctx, q))
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
      review: reviewer && a.reviewIndex !== last,
      accept: reviewer && a.reviewIndex === last,
      manage: manager,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// The applicant: create, edit, submit, withdraw

export async function createApplication(ctx: Ctx, input: ApplicationCreate) {
  const apply = requireScope(ctx.actor, "creation:apply");
  const org = await orgById(ctx.db, input.orgId ?? ctx.actor.orgId);
  if (org?.status !== "active" || !inScope(apply, { regionCode: org.regionCode, orgId: org.id }))
    throw errors.field("orgId", "errors.not_found", { entity: "申报单位" });
  const batch = await loadBatch(ctx, input.batchId).catch(() => {
    throw errors.field("batchId", "errors.not_found", { entity: "申报批次" });
  });
  const today = shanghaiDate(ctx.clock.now());
  if (batch.status !== "open")
    throw errors.conflict("BATCH_NOT_OPEN", "creation.batch_not_open", { name: batch.name, status: batch.status });
  if (today > batch.submitDeadline)
    throw errors.conflict("DEADLINE_PASSED", "creation.deadline_passed", { stage: "申报", date: batch.submitDeadline });
  if (!org.regionCode.startsWith(batch.regionCode))
    throw errors.field("batchId", "creation.outside_batch", { org: org.name });
  await assertCategory(ctx.db, input.category);
  if (!batch.categories.includes(input.category))
    throw errors.field("category", "creation.category_not_in_batch", { category: input.category });
  const setId = setForCategory(batch, input.category);
  const id = await ctx.db.transaction(async (tx) => {
    const [dup] = await tx
      .select({ id: A.id })
      .from(A)
      .where(and(eq(A.batchId, batch.id), eq(A.orgId, org.id)));
    if (dup) throw errors.conflict("APPLICATION_EXISTS", "creation.duplicate_application", { org: org.name });
    await assertMaterialsUsable(ctx, input.evidenceIds, "evidenceIds", tx);
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(A)
      .values({
        batchId: batch.id,
        orgId: org.id,
        regionCode: org.regionCode,
        category: input.category,
        level: batch.level,
        setId,
        title: input.title ?? null,
        search: applicationSearch(input),
        statement: input.statement,
        evidenceIds: input.evidenceIds,
        createdBy: ctx.actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const sheetId = await createSheet(tx, ctx, {
      setId,
      kind: "self",
      subjectType: APPLICATION_SUBJECT,
      subjectId: row.id,
      ownerOrgId: org.id,
      regionCode: org.regionCode,
    });
    // A unit cultivated in the pool for this category is now an applicant.
    const [candidate] = await tx
      .update(creationCandidates)
      .set({ status: "applied", applicationId: row.id, updatedAt: now })
      .where(
        and(
          eq(creationCandidates.orgId, org.id),
          eq(creationCandidates.category, input.category),
          eq(creationCandidates.status, "cultivating"),
        ),
      )
      .returning({ id: creationCandidates.id });
    await tx
      .update(A)
      .set({ selfSheetId: sheetId, candidateId: candidate?.id ?? null })
      .where(eq(A.id, row.id));
    await recordApplicationEvent(tx, ctx, { applicationId: row.id, action: "create", toStatus: "draft" });
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "creation_application.create",
      entity: "creation_application",
      entityId: row.id,
      regionCode: org.regionCode,
      orgId: org.id,
      summary: `“${org.name}”填写申报：${batch.name}`,
      changes: { batchId: [null, batch.id], category: [null, input.category], status: [null, "draft"] },
    });
    return row.id;
  });
  return getApplication(ctx, id);
}

export async function updateApplication(ctx: Ctx, id: string, patch: ApplicationUpdate) {
  await ctx.db.transaction(async (tx) => {
    const app = await loadApplication(ctx, id, tx, true);
    assertApplicant(ctx, app);
    assertStep(app.status, "update");
    if (patch.evidenceIds) await assertMaterialsUsable(ctx, patch.evidenceIds, "evidenceIds", tx);
    const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const pick = (x: Record<string, unknown>) => Object.fromEntries(Object.keys(set).map((k) => [k, x[k] ?? null]));
    await moveApplication(tx, ctx, app, "update", {
      set: { ...set, search: applicationSearch({ ...app, ...set }) },
      summary: "修改申报内容",
      changes: diff(pick(app), pick({ ...app, ...set })),
    });
  });
  return getApplication(ctx, id);
}

/** The levels that review, lowest first, and the levels skipped for want of a 民族工作部门. */
export async function reviewChainOf(db: Queryable, applicantRegion: string, organiserRegion: string) {
  const codes = [9, 6, 4, 2]
    .filter((len) => len <= applicantRegion.length && len >= organiserRegion.length)
    .map((len) => applicantRegion.slice(0, len));
  const has = await ethnicAffairsDeptRegions(db, codes);
  const chain = codes.filter((c, i) => i === codes.length - 1 || has.has(c));
  return { chain, skipped: codes.filter((c) => !chain.includes(c)) };
}

export async function submitApplication(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    const app = await loadApplication(ctx, id, tx, true);
    assertApplicant(ctx, app);
    assertStep(app.status, "submit");
    const [batch] = await tx.select().from(creationBatches).where(eq(creationBatches.id, app.batchId));
    const today = shanghaiDate(ctx.clock.now());
    const first = app.status === "draft";
    if (first && batch.status !== "open")
      throw errors.conflict("BATCH_NOT_OPEN", "creation.batch_not_open", { name: batch.name, status: batch.status });
    if (!first && batch.status === "concluded")
      throw errors.conflict("BATCH_NOT_OPEN", "creation.batch_not_open", { name: batch.name, status: batch.status });
    if (first && today > batch.submitDeadline)
      throw errors.conflict("DEADLINE_PASSED", "creation.deadline_passed", {
        stage: "申报",
        date: batch.submitDeadline,
      });
    // The self-assessment: submitted, at or above the pass line, no veto item failed.
    const self = (await sheetsOfSubject(tx, APPLICATION_SUBJECT, app.id)).find((s) => s.kind === "self");
    if (self?.status !== "submitted")
      throw errors.conflict("SELF_ASSESSMENT_REQUIRED", "creation.self_assessment_missing");
    const set = await setForScoring(tx, app.setId);
    if (self.vetoFailed.length) {
      const titles = new Map(leavesOf(set.nodes).map((l) => [l.code, l.title]));
      throw errors.conflict("SELF_ASSESSMENT_FAILED", "creation.self_assessment_veto", {
        items: self.vetoFailed.map((c) => `${c}「${titles.get(c) ?? ""}」`).join("、"),
      });
    }
    if ((self.total ?? 0) < set.passLine)
      throw errors.conflict("SELF_ASSESSMENT_FAILED", "creation.self_assessment_low", {
        total: self.total ?? 0,
        passLine: set.passLine,
      });
    if (batch.prerequisiteLevel) {
      const [held] = await tx
        .select({ id: creationDesignations.id })
        .from(creationDesignations)
        .where(
          and(
            eq(creationDesignations.orgId, app.orgId),
            eq(creationDesignations.level, batch.prerequisiteLevel),
            eq(creationDesignations.category, app.category),
            inArray(creationDesignations.status, ["valid", "reverifying"]),
            sql`${creationDesignations.validUntil} >= ${today}`,
          ),
        )
        .limit(1);
      if (!held)
        throw errors.conflict("PREREQUISITE_MISSING", "creation.prerequisite_missing", {
          level: NAMING_LEVEL_LABELS[batch.prerequisiteLevel as NamingLevel],
        });
    }
    if (first) {
      const { chain, skipped } = await reviewChainOf(tx, app.regionCode, batch.regionCode);
      const names = await namesOf(tx, [...chain, ...skipped]);
      for (const code of skipped) {
        await recordApplicationEvent(tx, ctx, {
          applicationId: app.id,
          action: "skip_level",
          fromStatus: "draft",
          toStatus: "draft",
          levelCode: code,
          note: t("creation.level_skipped", { level: levelName(code, names) ?? code }),
        });
      }
      await moveApplication(tx, ctx, app, "submit", {
        to: "reviewing",
        set: { reviewChain: chain, reviewIndex: 0, reviewLevelCode: chain[0], submittedAt: ctx.clock.now() },
        levelCode: chain[0],
        note: skipped.length ? `跳过：${skipped.map((c) => levelName(c, names)).join("、")}（无民族工作部门）` : null,
        summary: `提交申报，送${levelName(chain[0], names)}推荐`,
        changes: { reviewChain: [null, chain] },
      });
    } else {
      const level = app.reviewChain[app.reviewIndex ?? 0];
      const names = await namesOf(tx, [level]);
      await moveApplication(tx, ctx, app, "submit", {
        to: "reviewing",
        set: { reviewLevelCode: level },
        levelCode: level,
        note: "修改后重新提交",
        summary: `修改后重新提交，送${levelName(level, names)}审核`,
      });
    }
  });
  return getApplication(ctx, id);
}

export async function withdrawApplication(ctx: Ctx, id: string, reason: string) {
  await ctx.db.transaction(async (tx) => {
    const app = await loadApplication(ctx, id, tx, true);
    assertApplicant(ctx, app);
    await moveApplication(tx, ctx, app, "withdraw", {
      to: "withdrawn",
      set: { reviewLevelCode: null },
      note: reason,
      summary: `撤回申报：${reason}`,
    });
    await tx
      .update(creationCandidates)
      .set({ status: "cultivating", applicationId: null, updatedAt: ctx.clock.now() })
      .where(and(eq(creationCandidates.applicationId, app.id), eq(creationCandidates.status, "applied")));
  });
  return getApplication(ctx, id);
}

// ---------------------------------------------------------------------------------------------------------
// 逐级推荐: recommend, return, accept

export async function recommendApplication(ctx: Ctx, id: string, opinion?: string) {
  await ctx.db.transaction(async (tx) => {
    const app = await loadApplication(ctx, id, tx, true);
    assertStep(app.status, "recommend");
    await assertCurrentReviewer(ctx, app);
    const index = app.reviewIndex ?? 0;
    if (index >= app.reviewChain.length - 1) throw errors.conflict("ACCEPT_LEVEL", "creation.accept_level");
    const next = app.reviewChain[index + 1];
    const names = await namesOf(tx, [app.reviewLevelCode, next]);
    await moveApplication(tx, ctx, app, "recommend", {
      to: "reviewing",
      set: { reviewIndex: index + 1, reviewLevelCode: next },
      levelCode: app.reviewLevelCode,
      note: opinion ?? null,
      summary: `${levelName(app.reviewLevelCode, names)}推荐至${levelName(next, names)}${opinion ? `：${opinion}` : ""}`,
      changes: { reviewLevelCode: [app.reviewLevelCode, next] },
    });
  });
  return getApplication(ctx, id);
}

export async function returnApplication(ctx: Ctx, id: string, reason: string) {
  await ctx.db.transaction(async (tx) => {
    const app = await loadApplication(ctx, id, tx, true);
    assertStep(app.status, "return");
    await assertCurrentReviewer(ctx, app);
    const names = await namesOf(tx, [app.reviewLevelCode]);
    await moveApplication(tx, ctx, app, "return", {
      to: "returned",
      set: { reviewLevelCode: null },
      levelCode: app.reviewLevelCode,
      note: reason,
      summary: `${levelName(app.reviewLevelCode, names)}退回修改：${reason}`,
    });
  });
  return getApplication(ctx, id);
}

export async function acceptApplication(ctx: Ctx, id: string, opinion?: string) {
  await ctx.db.transaction(async (tx) => {
    const app = await loadApplication(ctx, id, tx, true);
    assertStep(app.status, "accept");
    await assertCurrentReviewer(ctx, app);
    const names = await namesOf(tx, [app.reviewLevelCode]);
    if ((app.reviewIndex ?? 0) < app.reviewChain.length - 1)
      throw errors.conflict("NOT_ACCEPT_LEVEL", "creation.not_accept_level", {
        level: levelName(app.reviewLevelCode, names),
      });
    await moveApplication(tx, ctx, app, "accept", {
      to: "accepted",
      set: { reviewLevelCode: null, acceptedAt: ctx.clock.now() },
      levelCode: app.reviewLevelCode,
      note: opinion ?? null,
      summary: `${levelName(app.reviewLevelCode, names)}受理${opinion ? `：${opinion}` : ""}`,
    });
  });
  return getApplication(ctx, id);
}

// ---------------------------------------------------------------------------------------------------------
// 测评: experts, site visits, 审定 — the organising department

async function loadForManager(ctx: Ctx, tx: Tx, id: string) {
  const app = await loadApplication(ctx, id, tx, true);
  const [batch] = await tx.select().from(creationBatches).where(eq(creationBatches.id, app.batchId));
  assertManagesRegion(ctx, batch.regionCode, "creation_application");
  return { app, batch };
}

/** Active users holding the built-in 测评专家 role. */
async function evaluatorUsers(db: Queryable, ids: string[]) {
  return activeExperts(db, { ids });
}

/** The expert pool: active 测评专家, by name, for the organiser to pick from. */
export async function listExperts(ctx: Ctx, q?: string) {
  requireScope(ctx.actor, "creation:manage");
  const rows = await activeExperts(ctx.db, { q, limit: 200 });
  const names = await namesOf(
    ctx.db,
    rows.map((r) => r.regionCode),
  );
  return rows.map((r) => ({
    userId: r.id,
    name: r.name,
    orgName: r.orgName,
    regionName: names.get(r.regionCode) ?? "",
  }));
}

export async function assignExperts(ctx: Ctx, id: string, userIds: string[]) {
  await ctx.db.transaction(async (tx) => {
    const { app } = await loadForManager(ctx, tx, id);
    assertStep(app.status, "assign_experts");
    const found = await evaluatorUsers(tx, userIds);
    if (found.length !== userIds.length) throw errors.field("userIds", "creation.expert_invalid");
    const own = found.find((u) => u.orgId === app.orgId);
    if (own) throw errors.field("userIds", "creation.expert_conflict", { name: own.name });
    const existing = await tx
      .select()
      .from(creationExpertAssignments)
      .where(eq(creationExpertAssignments.applicationId, app.id));
    const byUser = new Map(existing.map((x) => [x.userId, x]));
    const added: string[] = [];
    const now = ctx.clock.now();
    for (const u of found) {
      const x = byUser.get(u.id);
      if (x?.status === "active") continue;
      if (x) {
        await tx
          .update(creationExpertAssignments)
          .set({
            status: "active",
            withdrawnAt: null,
            withdrawReason: null,
            assignedAt: now,
            assignedBy: ctx.actor.userId,
          })
          .where(eq(creationExpertAssignments.id, x.id));
      } else {
        const sheetId = await createSheet(tx, ctx, {
          setId: app.setId,
          kind: "expert",
          subjectType: APPLICATION_SUBJECT,
          subjectId: app.id,
          ownerUserId: u.id,
          ownerOrgId: app.orgId,
          regionCode: app.regionCode,
        });
        await tx.insert(creationExpertAssignments).values({
          applicationId: app.id,
          userId: u.id,
          sheetId,
          assignedBy: ctx.actor.userId,
          assignedAt: now,
        });
      }
      added.push(u.name);
    }
    if (added.length === 0) return;
    await moveApplication(tx, ctx, app, "assign_experts", {
      to: "evaluating",
      note: `测评专家：${added.join("、")}`,
      summary: `分配测评专家：${added.join("、")}`,
      changes: { experts: [null, added] },
    });
  });
  return getApplication(ctx, id);
}

export async function withdrawExpert(ctx: Ctx, id: string, userId: string, reason: string) {
  await ctx.db.transaction(async (tx) => {
    const { app } = await loadForManager(ctx, tx, id);
    assertStep(app.status, "withdraw_expert");
    const [x] = await tx
      .select({ x: creationExpertAssignments, name: userNameSql(creationExpertAssignments.userId) })
      .from(creationExpertAssignments)
      .where(
        and(
          eq(creationExpertAssignments.applicationId, app.id),
          eq(creationExpertAssignments.userId, userId),
          eq(creationExpertAssignments.status, "active"),
        ),
      );
    if (!x) throw errors.notFound("creation_expert_assignment");
    const sheet = (await sheetsOfSubject(tx, APPLICATION_SUBJECT, app.id)).find((s) => s.id === x.x.sheetId);
    if (sheet?.status === "submitted") throw errors.conflict("EXPERT_SUBMITTED", "creation.expert_submitted");
    await tx
      .update(creationExpertAssignments)
      .set({ status: "withdrawn", withdrawnAt: ctx.clock.now(), withdrawReason: reason })
      .where(eq(creationExpertAssignments.id, x.x.id));
    await moveApplication(tx, ctx, app, "withdraw_expert", {
      note: `${x.name}：${reason}`,
      summary: `撤回测评专家“${x.name}”：${reason}`,
    });
  });
  return getApplication(ctx, id);
}

export async function recordSiteVisit(ctx: Ctx, id: string, input: SiteVisitCreate) {
  await ctx.db.transaction(async (tx) => {
    const { app } = await loadForManager(ctx, tx, id);
    assertStep(app.status, "site_visit");
    await assertMaterialsUsable(ctx, input.evidenceIds, "evidenceIds", tx);
    await tx.insert(creationSiteVisits).values({
      applicationId: app.id,
      visitedOn: input.visitedOn,
      members: input.members,
      notes: input.notes,
      evidenceIds: input.evidenceIds,
      recordedBy: ctx.actor.userId,
      createdAt: ctx.clock.now(),
    });
    await moveApplication(tx, ctx, app, "site_visit", {
      note: `${input.visitedOn}，${input.members}`,
      summary: `记录实地考察（${input.visitedOn}，${input.members}）`,
      changes: { siteVisit: [null, { visitedOn: input.visitedOn, members: input.members }] },
    });
  });
  return getApplication(ctx, id);
}

/**
 * 审定: every active expert's sheet must be submitted; the final score is their mean (trimmed mean with five
 * or more experts); a veto item failed on any sheet means 不予命名 whatever the score.
 */
export async function finalizeApplication(ctx: Ctx, id: string, note?: string) {
  await ctx.db.transaction(async (tx) => {
    const { app } = await loadForManager(ctx, tx, id);
    assertStep(app.status, "finalize");
    const active = await tx
      .select({ x: creationExpertAssignments, name: userNameSql(creationExpertAssignments.userId) })
      .from(creationExpertAssignments)
      .where(and(eq(creationExpertAssignments.applicationId, app.id), eq(creationExpertAssignments.status, "active")));
    if (active.length === 0) throw errors.conflict("NO_EXPERTS", "creation.no_experts");
    const sheets = new Map((await sheetsOfSubject(tx, APPLICATION_SUBJECT, app.id)).map((s) => [s.id, s]));
    const pending = active.filter(({ x }) => sheets.get(x.sheetId)?.status !== "submitted");
    if (pending.length)
      throw errors.conflict("EXPERTS_PENDING", "creation.experts_pending", {
        count: pending.length,
        names: pending.map((p) => p.name).join("、"),
      });
    const set = await setForScoring(tx, app.setId);
    const result = finalResult(
      set,
      active.map(({ x }) => sheets.get(x.sheetId)!.entries as { nodeCode: string }[]),
    );
    const titles = new Map(leavesOf(set.nodes).map((l) => [l.code, l.title]));
    const reason = result.passed
      ? null
      : result.vetoFailed.length
        ? t("creation.veto_failed", {
            items: result.vetoFailed.map((c) => `${c}「${titles.get(c) ?? ""}」`).join("、"),
          })
        : t("creation.below_pass_line", { score: result.score, passLine: set.passLine });
    const method = FINAL_SCORE_METHOD_LABELS[result.method];
    await moveApplication(tx, ctx, app, "finalize", {
      to: result.passed ? "approved" : "rejected",
      set: {
        finalScore: result.score,
        finalMethod: result.method,
        vetoFailed: result.vetoFailed,
        passed: result.passed,
        resultNote: [reason, note].filter(Boolean).join("；") || null,
        decidedAt: ctx.clock.now(),
      },
      note: [`${method} ${result.score} 分`, reason, note].filter(Boolean).join("；"),
      summary: `审定：${result.passed ? "通过" : "不予命名"}，${method} ${result.score} 分（${result.experts} 位专家）${reason ? `；${reason}` : ""}`,
      changes: {
        finalScore: [null, result.score],
        passed: [null, result.passed],
        vetoFailed: [null, result.vetoFailed],
        expertTotals: [null, result.expertTotals],
      },
    });
  });
  return getApplication(ctx, id);
}

export async function rejectApplication(ctx: Ctx, id: string, reason: string) {
  await ctx.db.transaction(async (tx) => {
    const { app } = await loadForManager(ctx, tx, id);
    await moveApplication(tx, ctx, app, "reject", {
      to: "rejected",
      set: { resultNote: reason, passed: app.passed ?? false, decidedAt: app.decidedAt ?? ctx.clock.now() },
      note: reason,
      summary: `不予命名：${reason}`,
    });
  });
  return getApplication(ctx, id);
}

// ---------------------------------------------------------------------------------------------------------
// Experts' own view: their assignments only, never another expert's sheet or score before they submit

export async function listAssignments(ctx: Ctx) {
  const rows = await ctx.db
    .select({
      x: creationExpertAssignments,
      a: A,
      orgName: orgNameSql(A.orgId),
      batchName: creationBatches.name,
      evaluationDeadline: creationBatches.evaluationDeadline,
    })
    .from(creationExpertAssignments)
    .innerJoin(A, eq(A.id, creationExpertAssignments.applicationId))
    .innerJoin(creationBatches, eq(creationBatches.id, A.batchId))
    .where(and(eq(creationExpertAssignments.userId, ctx.actor.userId), eq(creationExpertAssignments.status, "active")))
    .orderBy(desc(creationExpertAssignments.assignedAt));
  const [names, labels, sheets] = await Promise.all([
    namesOf(
      ctx.db,
      rows.map((r) => r.a.regionCode),
    ),
    categoryLabels(ctx.db),
    sheetsOfSubject(
      ctx.db,
      APPLICATION_SUBJECT,
      rows.map((r) => r.a.id),
    ),
  ]);
  const sheetStatus = new Map(sheets.map((s) => [s.id, s.status]));
  return rows.map((r) => ({
    applicationId: r.a.id,
    batchName: r.batchName,
    level: r.a.level as NamingLevel,
    orgName: r.orgName,
    regionName: names.get(r.a.regionCode) ?? "",
    category: r.a.category,
    categoryLabel: labels.get(r.a.category) ?? r.a.category,
    title: r.a.title,
    status: r.a.status,
    sheetId: r.x.sheetId,
    sheetStatus: sheetStatus.get(r.x.sheetId) ?? "draft",
    evaluationDeadline: r.evaluationDeadline,
    assignedAt: r.x.assignedAt.toISOString(),
  }));
}

export async function getAssignment(ctx: Ctx, applicationId: string) {
  const mine = (await listAssignments(ctx)).find((x) => x.applicationId === applicationId);
  if (!mine) throw errors.notFound("creation_expert_assignment");
  const [app] = await ctx.db.select().from(A).where(eq(A.id, applicationId));
  const [evidence, siteVisits] = await Promise.all([
    materialRefs(ctx.db, app.evidenceIds),
    siteVisitsOf(ctx.db, app.id),
  ]);
  let panel: { assigned: number; submitted: number; otherTotals: number[] } | null = null;
  if (mine.sheetStatus === "submitted") {
    const active = await ctx.db
      .select({ sheetId: creationExpertAssignments.sheetId })
      .from(creationExpertAssignments)
      .where(and(eq(creationExpertAssignments.applicationId, app.id), eq(creationExpertAssignments.status, "active")));
    const ids = new Set(active.map((x) => x.sheetId));
    const sheets = (await sheetsOfSubject(ctx.db, APPLICATION_SUBJECT, app.id)).filter(
      (s) => ids.has(s.id) && s.status === "submitted",
    );
    panel = {
      assigned: active.length,
      submitted: sheets.length,
      otherTotals: sheets
        .filter((s) => s.id !== mine.sheetId)
        .map((s) => s.total ?? 0)
        .sort((x, y) => y - x),
    };
  }
  return { ...mine, statement: app.statement, evidence, siteVisits, panel };
}

/** Everything an expert must still score, for the to-do list. */
export async function pendingExpertSheets(ctx: Ctx) {
  return (await listAssignments(ctx)).filter((x) => x.sheetStatus !== "submitted" && x.status === "evaluating");
}
