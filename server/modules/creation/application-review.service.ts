/**
 * 申报, the departments' side: 逐级推荐 (recommend, return, accept) and, for the organising department, 测评
 * (experts, site visits), 审定 and 不予命名.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { SiteVisitCreate } from "../../../contracts/creation.js";
import { FINAL_SCORE_METHOD_LABELS } from "../../../contracts/evaluation.js";
import { requireScope } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import { t } from "../../core/i18n.js";
import type { Queryable, Tx } from "../../db/client.js";
import { containsPattern } from "../../db/sql.js";
import { createSheet, finalResult, leavesOf, setForScoring, sheetsOfSubject } from "../evaluation/index.js";
import { activeExperts, userNameSql } from "../identity/index.js";
import { assertMaterialsUsable } from "../materials/index.js";
import {
  APPLICATION_SUBJECT,
  assertCurrentReviewer,
  assertStep,
  loadApplication,
  moveApplication,
} from "./application.service.js";
import { getApplication } from "./application-view.service.js";
import { assertManagesRegion } from "./batch.service.js";
import { creationBatches, creationExpertAssignments, creationSiteVisits } from "./creation.schema.js";
import { levelName, namesOf } from "./creation.service.js";

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
