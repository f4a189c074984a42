/**
 * 申报佐证材料: the files an application references, opened through the application rather than the material
 * library. Experts hold no material:read and the applicant unit's library is outside every expert's scope, yet
 * they must see the evidence they score; higher-level reviewers may lack the unit's library in their scope too.
 *
 * The rule: whoever may read the application — the applicant unit (creation:apply covering it, drafts
 * included), departments with creation:read covering it once submitted (exactly `loadApplication`), and the
 * experts actively assigned to it (as `getAssignment`) — may preview and download the materials that THIS
 * application references: its evidence (`evidenceIds`), the per-item evidence of its self-assessment sheet, and
 * the evidence of its site visits (all shown on the application and assignment pages). Anything else is a 404,
 * indistinguishable from a missing file: this is never a general file proxy. Downloads are audited as library
 * downloads are.
 *
 * Activity records (活动) cited by an item of the self-assessment sheet open the same way (填一次，多处用): the
 * application's readers read the record through the application (`readApplicationActivity`), and its photos and
 * files through the application's evidence route, whatever their activities scope. A 年度自查's or 复验's sheet
 * is read by whoever reads the designation (creation:read covering it: the named unit, the departments above
 * it); they open that sheet's per-item files and cited records through the self-check or re-verification
 * (`readSheetSubjectActivity`, `readSheetSubjectEvidence`).
 */
import { and, eq, sql } from "drizzle-orm";
import { can, scopeFor } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import { activityAsEvidence, activityMaterialIds } from "../activities/index.js";
import { sheetsOfSubject } from "../evaluation/index.js";
import { readReferencedMaterialFile } from "../materials/index.js";
import { orgById } from "../org/index.js";
import { APPLICATION_SUBJECT, type AppRow, applicationVisibleWhere } from "./application.service.js";
import {
  creationApplications as A,
  creationExpertAssignments,
  creationReverifications,
  creationSelfChecks,
  creationSiteVisits,
} from "./creation.schema.js";
import { D, designationScope, REVERIFICATION_SUBJECT, SELF_CHECK_SUBJECT } from "./designation.service.js";

/** The application if the caller may read it (see the file comment), else 404. */
async function loadForEvidence(ctx: Ctx, id: string): Promise<AppRow> {
  if (scopeFor(ctx.actor, "creation:apply") || scopeFor(ctx.actor, "creation:read")) {
    const [row] = await ctx.db
      .select()
      .from(A)
      .where(and(eq(A.id, id), applicationVisibleWhere(ctx)));
    if (row) return row;
  }
  if (can(ctx.actor, "evaluation:score")) {
    const [mine] = await ctx.db
      .select({ a: A })
      .from(creationExpertAssignments)
      .innerJoin(A, eq(A.id, creationExpertAssignments.applicationId))
      .where(
        and(
          eq(creationExpertAssignments.applicationId, id),
          eq(creationExpertAssignments.userId, ctx.actor.userId),
          eq(creationExpertAssignments.status, "active"),
        ),
      );
    if (mine) return mine.a;
  }
  throw errors.notFound("creation_application");
}

type SheetEntry = { evidenceIds?: string[]; activityIds?: string[] };

/** The entries of a subject's self-assessment sheet (experts' sheets are not the unit's to show). */
async function selfEntries(ctx: Ctx, subjectType: string, subjectId: string): Promise<SheetEntry[]> {
  const sheets = await sheetsOfSubject(ctx.db, subjectType, subjectId);
  return sheets.filter((s) => s.kind === "self").flatMap((s) => (s.entries ?? []) as SheetEntry[]);
}

/** The per-item files of a self-assessment and the photos and files of the activity records its items cite. */
async function sheetMaterialIds(ctx: Ctx, entries: SheetEntry[]): Promise<string[]> {
  const cited = await activityMaterialIds(
    ctx.db,
    entries.flatMap((e) => e.activityIds ?? []),
  );
  return [...entries.flatMap((e) => e.evidenceIds ?? []), ...cited];
}

/** A cited record, if an item of the self-assessment cites it; else 404. */
async function citedActivity(ctx: Ctx, entries: SheetEntry[], activityId: string) {
  if (!entries.some((e) => e.activityIds?.includes(activityId))) throw errors.notFound("activity");
  return activityAsEvidence(ctx, activityId);
}

/**
 * Every material the application references: its evidence, its self-assessment's per-item evidence (and the
 * photos and files of the activity records it cites), its site visits'.
 */
export async function referencedMaterialIds(ctx: Ctx, app: AppRow): Promise<Set<string>> {
  const [entries, visits] = await Promise.all([
    selfEntries(ctx, APPLICATION_SUBJECT, app.id),
    ctx.db
      .select({ evidenceIds: creationSiteVisits.evidenceIds })
      .from(creationSiteVisits)
      .where(eq(creationSiteVisits.applicationId, app.id)),
  ]);
  return new Set([
    ...app.evidenceIds,
    ...(await sheetMaterialIds(ctx, entries)),
    ...visits.flatMap((v) => v.evidenceIds),
  ]);
}

/** An activity record the application's self-assessment cites, for whoever may read the application; else 404. */
export async function readApplicationActivity(ctx: Ctx, applicationId: string, activityId: string) {
  const app = await loadForEvidence(ctx, applicationId);
  return citedActivity(ctx, await selfEntries(ctx, APPLICATION_SUBJECT, app.id), activityId);
}

export type SheetSubject = "self-checks" | "reverifications";

/** A 年度自查 or 复验 the caller reads (through its designation's creation:read scope), with its sheet's entries. */
async function loadSheetSubject(ctx: Ctx, kind: SheetSubject, id: string) {
  const [row] =
    kind === "self-checks"
      ? await ctx.db
          .select({ id: creationSelfChecks.id, year: creationSelfChecks.year, unitName: D.unitName })
          .from(creationSelfChecks)
          .innerJoin(D, eq(D.id, creationSelfChecks.designationId))
          .where(and(eq(creationSelfChecks.id, id), designationScope(ctx)))
      : await ctx.db
          .select({ id: creationReverifications.id, year: sql<number | null>`null`, unitName: D.unitName })
          .from(creationReverifications)
          .innerJoin(D, eq(D.id, creationReverifications.designationId))
          .where(and(eq(creationReverifications.id, id), designationScope(ctx)));
  if (!row) throw errors.notFound(kind === "self-checks" ? "creation_self_check" : "creation_reverification");
  const subjectType = kind === "self-checks" ? SELF_CHECK_SUBJECT : REVERIFICATION_SUBJECT;
  return { row, entries: await selfEntries(ctx, subjectType, row.id) };
}

/** An activity record cited by a 年度自查's or 复验's self-assessment, for whoever reads it; else 404. */
export async function readSheetSubjectActivity(ctx: Ctx, kind: SheetSubject, id: string, activityId: string) {
  const { entries } = await loadSheetSubject(ctx, kind, id);
  return citedActivity(ctx, entries, activityId);
}

/** A file a 年度自查's or 复验's self-assessment references (or of a record it cites); 404 unless both rules hold. */
export async function readSheetSubjectEvidence(
  ctx: Ctx,
  kind: SheetSubject,
  id: string,
  materialId: string,
  mode: "download" | "preview",
) {
  const { row, entries } = await loadSheetSubject(ctx, kind, id);
  if (!(await sheetMaterialIds(ctx, entries)).includes(materialId)) throw errors.notFound("material");
  const label = `“${row.unitName}”${row.year ? `${row.year} 年度自查` : "复验自查"}的佐证材料`;
  return readReferencedMaterialFile(ctx, materialId, mode, label);
}

/** A referenced file of an application, for inline preview or (audited) download; 404 unless both rules hold. */
export async function readApplicationEvidence(
  ctx: Ctx,
  applicationId: string,
  materialId: string,
  mode: "download" | "preview",
) {
  const app = await loadForEvidence(ctx, applicationId);
  if (!(await referencedMaterialIds(ctx, app)).has(materialId)) throw errors.notFound("material");
  const org = await orgById(ctx.db, app.orgId);
  return readReferencedMaterialFile(ctx, materialId, mode, `“${app.title || org?.name || ""}”申报的佐证材料`);
}
