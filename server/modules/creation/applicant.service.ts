/** 申报, the applicant unit's side: create, edit, submit, withdraw, delete a draft. */
import { and, eq, inArray, sql } from "drizzle-orm";
import {
  type ApplicationCreate,
  type ApplicationUpdate,
  NAMING_LEVEL_LABELS,
  type NamingLevel,
} from "../../../contracts/creation.js";
import { inScope, requireScope } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import { t } from "../../core/i18n.js";
import type { Queryable } from "../../db/client.js";
import { diff, recordAudit } from "../audit/index.js";
import { createSheet, deleteSheetsOfSubject, leavesOf, setForScoring, sheetsOfSubject } from "../evaluation/index.js";
import { assertMaterialsUsable } from "../materials/index.js";
import { ethnicAffairsDeptRegions } from "../org/index.js";
import {
  A,
  APPLICATION_SUBJECT,
  assertApplicant,
  assertStep,
  loadApplication,
  moveApplication,
} from "./application.service.js";
import { getApplication } from "./application-view.service.js";
import { loadBatch, setForCategory } from "./batch.service.js";
import {
  creationApplicationEvents,
  creationBatches,
  creationCandidates,
  creationDesignations,
} from "./creation.schema.js";
import { applicationSearch } from "./creation.search.js";
import { assertCategory, levelName, namesOf, orgById, recordApplicationEvent } from "./creation.service.js";
import { shanghaiDate } from "./dates.js";

// ---------------------------------------------------------------------------------------------------------
// The applicant: create, edit, submit, withdraw, delete a draft

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

/**
 * 删除草稿: the unit's own draft goes with its 审核记录 and self-assessment, and its 培育库 entry returns to
 * cultivating; the unit may then apply to the batch again. Another unit's draft is a 404 (never visible), a
 * submitted application a 409 (it is withdrawn instead).
 */
export async function deleteDraft(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    const app = await loadApplication(ctx, id, tx, true);
    assertApplicant(ctx, app);
    assertStep(app.status, "delete");
    const [batch] = await tx
      .select({ name: creationBatches.name })
      .from(creationBatches)
      .where(eq(creationBatches.id, app.batchId));
    const org = await orgById(tx, app.orgId);
    await deleteSheetsOfSubject(tx, APPLICATION_SUBJECT, app.id);
    await tx.delete(creationApplicationEvents).where(eq(creationApplicationEvents.applicationId, app.id));
    await tx.delete(A).where(eq(A.id, app.id));
    await tx
      .update(creationCandidates)
      .set({ status: "cultivating", applicationId: null, updatedAt: ctx.clock.now() })
      .where(and(eq(creationCandidates.applicationId, app.id), eq(creationCandidates.status, "applied")));
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "creation_application.delete",
      entity: "creation_application",
      entityId: app.id,
      regionCode: app.regionCode,
      orgId: app.orgId,
      summary: `“${org?.name ?? ""}”删除申报草稿：${batch?.name ?? ""}`,
      changes: { batchId: [app.batchId, null], category: [app.category, null], status: [app.status, null] },
    });
  });
  return { ok: true as const };
}
