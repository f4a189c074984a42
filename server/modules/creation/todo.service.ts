/**
 * 待办 of the creation module, computed live for the caller from what their permissions and scope reach
 * (no stored table): applications awaiting their level's recommendation or acceptance, returned and
 * unsubmitted applications of their unit, expert sheets to fill, applications waiting for the organiser's
 * next step, unanswered objections, 复验 to fill or decide, designations expiring within six months,
 * yearly self-checks overdue, and open batches whose application deadline is near (参数设置 → 示范创建, 7 days by
 * default).
 * Each kind lists at most TODO_LIMIT items (its count says how many are listed).
 */
import { and, asc, eq, inArray, lte, type SQL, sql } from "drizzle-orm";
import { TODO_KIND_LABELS, type TodoItem, type TodoKind } from "../../../contracts/creation.js";
import { can, scopeFor, scopeWhere } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { sheetsOfSubject } from "../evaluation/index.js";
import { orgNameSql } from "../org/index.js";
import { noticeEndsOnSql, pendingObjections } from "../publicity/index.js";
import { APPLICATION_SUBJECT, applicationVisibleWhere } from "./application.service.js";
import { pendingExpertSheets } from "./assignment.service.js";
import { regionScopeSql } from "./batch.service.js";
import {
  creationApplications,
  creationBatches,
  creationDesignations,
  creationExpertAssignments,
  creationReverifications,
  creationSelfChecks,
} from "./creation.schema.js";
import { addDays, addMonths, shanghaiDate } from "./dates.js";
import { liveWhere } from "./designation.service.js";
import { CREATION_OWNER } from "./notice.service.js";
import { deadlineLeadDays } from "./settings.js";

export const TODO_LIMIT = 50;
const A = creationApplications;
const D = creationDesignations;

export async function listTodos(ctx: Ctx) {
  const db = ctx.db;
  const today = shanghaiDate(ctx.clock.now());
  const items: TodoItem[] = [];
  const add = (kind: TodoKind, title: string, entity: string, entityId: string, dueOn: string | null) =>
    items.push({
      kind,
      kindLabel: TODO_KIND_LABELS[kind],
      title,
      entity,
      entityId,
      dueOn,
      overdue: !!dueOn && dueOn < today,
    });

  const appRows = (where: SQL | undefined) =>
    db
      .select({
        id: A.id,
        status: A.status,
        orgName: orgNameSql(A.orgId),
        batchName: creationBatches.name,
        b: creationBatches,
      })
      .from(A)
      .innerJoin(creationBatches, eq(creationBatches.id, A.batchId))
      .where(where)
      .orderBy(asc(A.updatedAt))
      .limit(TODO_LIMIT);

  // Reviewers: what waits for their own level.
  if (can(ctx.actor, "creation:review")) {
    for (const r of await appRows(
      and(applicationVisibleWhere(ctx), eq(A.status, "reviewing"), eq(A.reviewLevelCode, ctx.actor.regionCode)),
    ))
      add("review", `${r.orgName}（${r.batchName}）`, "creation_application", r.id, r.b.reviewDeadline);
  }

  // The applicant unit: returned and unsubmitted applications, 复验 to fill, overdue self-checks.
  const apply = scopeFor(ctx.actor, "creation:apply");
  if (apply) {
    const own = scopeWhere(apply, { region: A.regionCode, org: A.orgId, owner: A.createdBy });
    for (const r of await appRows(and(own, inArray(A.status, ["returned", "draft"])))) {
      if (r.status === "returned")
        add("resubmit", `${r.orgName}（${r.batchName}）`, "creation_application", r.id, r.b.reviewDeadline);
      else if (r.b.status === "open")
        add("draft", `${r.orgName}（${r.batchName}）`, "creation_application", r.id, r.b.submitDeadline);
    }
    const ownD = scopeWhere(apply, { region: D.regionCode, org: D.orgId });
    const revs = await db
      .select({ id: creationReverifications.id, dueOn: creationReverifications.dueOn, unitName: D.unitName })
      .from(creationReverifications)
      .innerJoin(D, eq(D.id, creationReverifications.designationId))
      .where(and(ownD, eq(creationReverifications.status, "open")))
      .limit(TODO_LIMIT);
    for (const r of revs)
      add("reverification_fill", `${r.unitName} 复验自查`, "creation_reverification", r.id, r.dueOn);
    for (const d of await overdueSelfChecks(ctx, ownD, today))
      add("self_check_overdue", `${d.unitName}（${d.year} 年度）`, "creation_designation", d.id, `${d.year}-12-31`);
  }

  // Experts: their sheets still to fill.
  if (can(ctx.actor, "evaluation:score")) {
    for (const x of await pendingExpertSheets(ctx))
      add("expert_sheet", `${x.orgName}（${x.batchName}）`, "score_sheet", x.sheetId, x.evaluationDeadline);
  }

  // The organising departments: the next step of applications in the batches their own level runs, objections
  // to their notices, 复验 and expiry of what they named. A level above sees these in its lists but does not
  // get them as its to-dos: 自治区 does not assign experts or name for a batch 通辽市 runs.
  const manage = scopeFor(ctx.actor, "creation:manage");
  if (manage) {
    const ownLevel = (col: Parameters<typeof regionScopeSql>[1]) =>
      and(regionScopeSql(manage, col), eq(col, ctx.actor.regionCode));
    const batchIn = ownLevel(creationBatches.regionCode);
    for (const r of await appRows(
      and(batchIn, inArray(A.status, ["accepted", "evaluating", "approved", "publicized"])),
    )) {
      const title = `${r.orgName}（${r.batchName}）`;
      if (r.status === "accepted") add("assign_experts", title, "creation_application", r.id, r.b.evaluationDeadline);
      if (r.status === "approved") add("publicize", title, "creation_application", r.id, r.b.namingDeadline);
    }
    const evaluating = await appRows(and(batchIn, eq(A.status, "evaluating")));
    if (evaluating.length) {
      const active = await db
        .select({ applicationId: creationExpertAssignments.applicationId, sheetId: creationExpertAssignments.sheetId })
        .from(creationExpertAssignments)
        .where(
          and(
            inArray(
              creationExpertAssignments.applicationId,
              evaluating.map((r) => r.id),
            ),
            eq(creationExpertAssignments.status, "active"),
          ),
        );
      const sheets = new Map(
        (
          await sheetsOfSubject(
            db,
            APPLICATION_SUBJECT,
            evaluating.map((r) => r.id),
          )
        ).map((s) => [s.id, s.status]),
      );
      for (const r of evaluating) {
        const mine = active.filter((x) => x.applicationId === r.id);
        if (mine.length && mine.every((x) => sheets.get(x.sheetId) === "submitted"))
          add("finalize", `${r.orgName}（${r.batchName}）`, "creation_application", r.id, r.b.evaluationDeadline);
      }
    }
    const ended = await db
      .select({
        id: A.id,
        orgName: orgNameSql(A.orgId),
        batchName: creationBatches.name,
        due: creationBatches.namingDeadline,
      })
      .from(A)
      .innerJoin(creationBatches, eq(creationBatches.id, A.batchId))
      .where(and(batchIn, eq(A.status, "publicized"), sql`${noticeEndsOnSql(A.noticeId)} < ${today}`))
      .limit(TODO_LIMIT);
    for (const r of ended) add("name", `${r.orgName}（${r.batchName}）`, "creation_application", r.id, r.due);

    const objections = await pendingObjections(db, CREATION_OWNER, ownLevel, TODO_LIMIT);
    for (const o of objections) add("objection", `对“${o.title}”的异议`, "creation_objection", o.id, o.endsOn);

    const toDecide = await db
      .select({ id: creationReverifications.id, unitName: D.unitName, dueOn: creationReverifications.dueOn })
      .from(creationReverifications)
      .innerJoin(D, eq(D.id, creationReverifications.designationId))
      .where(and(ownLevel(D.issuerRegionCode), eq(creationReverifications.status, "submitted")))
      .limit(TODO_LIMIT);
    for (const r of toDecide)
      add("reverification_decide", `${r.unitName} 复验`, "creation_reverification", r.id, r.dueOn);

    const expiring = await db
      .select({ id: D.id, unitName: D.unitName, validUntil: D.validUntil })
      .from(D)
      .where(and(ownLevel(D.issuerRegionCode), liveWhere(today), lte(D.validUntil, addMonths(today, 6))))
      .orderBy(asc(D.validUntil))
      .limit(TODO_LIMIT);
    for (const d of expiring)
      add("expiring", `${d.unitName}（${d.validUntil} 到期）`, "creation_designation", d.id, d.validUntil);

    for (const d of await overdueSelfChecks(ctx, ownLevel(D.issuerRegionCode), today))
      add("self_check_overdue", `${d.unitName}（${d.year} 年度）`, "creation_designation", d.id, `${d.year}-12-31`);

    const batches = await db
      .select({ id: creationBatches.id, name: creationBatches.name, due: creationBatches.submitDeadline })
      .from(creationBatches)
      .where(
        and(
          batchIn,
          eq(creationBatches.status, "open"),
          sql`${creationBatches.submitDeadline} between ${today} and ${addDays(today, await deadlineLeadDays(db))}`,
        ),
      )
      .limit(TODO_LIMIT);
    for (const b of batches) add("batch_deadline", b.name, "creation_batch", b.id, b.due);
  }

  // One item per (kind, entity): a unit user who is also an organiser sees each overdue self-check once.
  const seen = new Set<string>();
  const unique = items.filter((i) => {
    const key = `${i.kind}:${i.entityId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  unique.sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.dueOn ?? "9999").localeCompare(b.dueOn ?? "9999"));
  const counts: Record<string, number> = {};
  for (const i of unique) counts[i.kind] = (counts[i.kind] ?? 0) + 1;
  return { items: unique, counts };
}

/**
 * Designations valid now, named before last year, with no submitted self-check for last year: the report
 * for a year is due by 31 December of that year (a designation's first self-check is for the year after
 * its naming).
 */
async function overdueSelfChecks(ctx: Ctx, where: SQL | undefined, today: string) {
  const lastYear = Number(today.slice(0, 4)) - 1;
  const rows = await ctx.db
    .select({ id: D.id, unitName: D.unitName })
    .from(D)
    .where(
      and(
        where,
        liveWhere(today),
        sql`${D.namedOn} < ${`${lastYear}-01-01`}`,
        sql`not exists (select 1 from ${creationSelfChecks} s where s.designation_id = creation_designations.id and s.year = ${lastYear} and s.status = 'submitted')`,
      ),
    )
    .orderBy(asc(D.namedOn))
    .limit(TODO_LIMIT);
  return rows.map((r) => ({ ...r, year: lastYear }));
}
