/**
 * Reuse as evidence (填一次，多处用): another module (a self-check, a progress report, an assessment) references
 * activity records by id, as it references library files. `activityEvidence` describes them — title, date,
 * organizer, status — and says whether the caller may open each one (the activities' own read rule: the same
 * 404 the caller would get on GET /api/activities/:id). `assertActivitiesUsable` is the check when a record is
 * picked: it must exist, be visible to the picker and be submitted or confirmed.
 *
 * Once cited, the citing module decides who opens it: `activityAsEvidence` gives the record's view (no actions,
 * no integrity flags) to a caller the citing module has already let see the citing object, and
 * `activityMaterialIds` lists the photos and files such a caller may then open through that object.
 */
import { and, eq, inArray, ne, type SQL, sql } from "drizzle-orm";
import type { ActivityEvidence, ActivityView } from "../../../contracts/activities.js";
import { scopeFor } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import type { Queryable } from "../../db/client.js";
import { orgNameSql } from "../org/index.js";
import { activityRecords } from "./activities.schema.js";
import { recordVisibleWhere } from "./activities-access.js";
import { activityViewOf } from "./record.service.js";

export async function activityEvidence(ctx: Ctx, ids: string[], db: Queryable = ctx.db): Promise<ActivityEvidence[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const visible: SQL = scopeFor(ctx.actor, "activity:read") ? recordVisibleWhere(ctx) : sql`false`;
  const rows = await db
    .select({
      id: activityRecords.id,
      title: activityRecords.title,
      startDate: activityRecords.startDate,
      orgName: orgNameSql(activityRecords.orgId),
      status: activityRecords.status,
      canOpen: sql<boolean>`(${visible})`,
    })
    .from(activityRecords)
    .where(and(inArray(activityRecords.id, unique), sql`${activityRecords.status} <> 'draft'`));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids
    .map((id) => byId.get(id))
    .filter((r): r is (typeof rows)[number] => !!r)
    .map((r) => ({ ...r, orgName: r.orgName ?? "", canOpen: !!r.canOpen }));
}

/** Records picked as evidence: all must be visible to the caller and submitted or confirmed (400 on `field`). */
export async function assertActivitiesUsable(ctx: Ctx, ids: string[], field = "activityIds", db: Queryable = ctx.db) {
  const found = await activityEvidence(ctx, ids, db);
  const ok = found.filter((r) => r.canOpen && (r.status === "submitted" || r.status === "confirmed"));
  if (ok.length !== new Set(ids).size) throw errors.field(field, "activities.activity_not_usable");
  return ok;
}

/**
 * A cited record, opened through the object that cites it (the caller of this function has checked the caller
 * sees that object and that it cites `id`). Drafts are never evidence: 404.
 */
export async function activityAsEvidence(ctx: Ctx, id: string): Promise<ActivityView> {
  const [row] = await ctx.db
    .select()
    .from(activityRecords)
    .where(and(eq(activityRecords.id, id), ne(activityRecords.status, "draft")));
  if (!row) throw errors.notFound("activity");
  return activityViewOf(ctx, row, true);
}

/** The photos and files of the given (non-draft) records. */
export async function activityMaterialIds(db: Queryable, ids: string[]): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Set();
  const rows = await db
    .select({ photoIds: activityRecords.photoIds, fileIds: activityRecords.fileIds })
    .from(activityRecords)
    .where(and(inArray(activityRecords.id, unique), ne(activityRecords.status, "draft")));
  return new Set(rows.flatMap((r) => [...r.photoIds, ...r.fileIds]));
}
