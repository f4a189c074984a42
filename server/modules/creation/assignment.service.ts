/** Experts' own view of 申报: their assignments only, never another expert's sheet or score before they submit. */
import { and, desc, eq } from "drizzle-orm";
import type { NamingLevel } from "../../../contracts/creation.js";
import type { Ctx } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import { sheetsOfSubject } from "../evaluation/index.js";
import { orgNameSql } from "../org/index.js";
import { A, APPLICATION_SUBJECT } from "./application.service.js";
import { siteVisitsOf } from "./application-view.service.js";
import { creationBatches, creationExpertAssignments } from "./creation.schema.js";
import { categoryLabels, materialRefs, namesOf } from "./creation.service.js";

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
