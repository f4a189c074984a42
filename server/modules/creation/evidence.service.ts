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
 */
import { and, eq } from "drizzle-orm";
import { can, scopeFor } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import { sheetsOfSubject } from "../evaluation/index.js";
import { readReferencedMaterialFile } from "../materials/index.js";
import { orgById } from "../org/index.js";
import { APPLICATION_SUBJECT, type AppRow, applicationVisibleWhere } from "./application.service.js";
import { creationApplications as A, creationExpertAssignments, creationSiteVisits } from "./creation.schema.js";

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

/** Every material the application references: its evidence, its self-assessment's per-item evidence, its site visits'. */
export async function referencedMaterialIds(ctx: Ctx, app: AppRow): Promise<Set<string>> {
  const [sheets, visits] = await Promise.all([
    sheetsOfSubject(ctx.db, APPLICATION_SUBJECT, app.id),
    ctx.db
      .select({ evidenceIds: creationSiteVisits.evidenceIds })
      .from(creationSiteVisits)
      .where(eq(creationSiteVisits.applicationId, app.id)),
  ]);
  // Only the unit's own sheet: experts' sheets are not the applicant's to see.
  const self = sheets.filter((s) => s.kind === "self");
  const entries = self.flatMap((s) => (s.entries ?? []) as { evidenceIds?: string[] }[]);
  return new Set([
    ...app.evidenceIds,
    ...entries.flatMap((e) => e.evidenceIds ?? []),
    ...visits.flatMap((v) => v.evidenceIds),
  ]);
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
