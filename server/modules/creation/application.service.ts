/**
 * 申报: the application flow of 示范创建 (PRODUCT.md §2.6).
 *
 *   草稿 ─提交─▶ 逐级推荐中 ─推荐─▶ (next level) … ─受理─▶ 已受理 ─分配专家─▶ 测评中 ─审定─▶ 审定通过 ─公示─▶ 公示中 ─命名─▶ 已命名
 *     ▲            │ 退回                                                              └▶ 不予命名 (veto / below the pass line)
 *     └─ 退回修改 ◀─┘ (the applicant edits and resubmits; review resumes at the level that returned it)
 *
 * The transitions are the table APPLICATION_TRANSITIONS below (the flow's steps are in applicant.service.ts,
 * application-review.service.ts; reads in application-view.service.ts, experts' own view in assignment.service.ts); `moveApplication` is the only writer of an
 * application's status: it checks the table (409 ILLEGAL_TRANSITION otherwise, nothing changed), updates
 * the row, and records the 审核记录 line and the audit entry in the caller's transaction.
 *
 * Who does what:
 * - the applicant unit (creation:apply, its scope covering the unit) edits, submits, withdraws, deletes a draft;
 *   it sees its own applications in every state, drafts included, and never the experts' sheets;
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
import { and, eq, ne, or, type SQL, sql } from "drizzle-orm";
import {
  APPLICATION_ACTION_LABELS,
  APPLICATION_STATUS_LABELS,
  type ApplicationAction,
  type ApplicationStatus,
} from "../../../contracts/creation.js";
import { inScope, requireScope, scopeFor, scopeWhere } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { AppError, errors } from "../../core/errors.js";
import { t } from "../../core/i18n.js";
import { defineMachine, type MoveCtx } from "../../core/state-machine.js";
import type { Queryable, Tx } from "../../db/client.js";
import { recordAudit } from "../audit/index.js";
import { creationApplications } from "./creation.schema.js";
import { levelName, namesOf, recordApplicationEvent } from "./creation.service.js";

export const APPLICATION_SUBJECT = "creation_application";

export type AppRow = typeof creationApplications.$inferSelect;
export const A = creationApplications;

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
      from: ["reviewing", "returned", "accepted", "evaluating"],
      to: ["withdrawn"],
      label: APPLICATION_ACTION_LABELS.withdraw,
    },
    // A draft is not withdrawn but deleted with its self-assessment (deleteDraft, never through move).
    delete: { from: ["draft"], to: [], label: APPLICATION_ACTION_LABELS.delete },
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

export function isApplicant(ctx: Ctx, app: AppRow) {
  const scope = scopeFor(ctx.actor, "creation:apply");
  return !!scope && inScope(scope, { regionCode: app.regionCode, orgId: app.orgId });
}

export function assertApplicant(ctx: Ctx, app: AppRow) {
  requireScope(ctx.actor, "creation:apply");
  if (!isApplicant(ctx, app)) throw errors.outOfScope("creation_application");
}

/** The caller is the department of the application's current review level. */
export function isCurrentReviewer(ctx: Ctx, app: AppRow) {
  const scope = scopeFor(ctx.actor, "creation:review");
  return (
    app.status === "reviewing" &&
    !!scope &&
    !!app.reviewLevelCode &&
    inScope(scope, { regionCode: app.reviewLevelCode, orgId: null }) &&
    ctx.actor.regionCode === app.reviewLevelCode
  );
}

export async function assertCurrentReviewer(ctx: Ctx, app: AppRow) {
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
