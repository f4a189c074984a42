/**
 * 佐证 of a reported item (填报指标), opened through the assessment subject rather than the material library or
 * the activities module: the panel and the organiser must see what a unit cites, yet neither the unit's library
 * nor its activity records are in their scope.
 *
 * The rule: whoever sees the subject (`visibleSubject`: the unit or region assessed, the round's organiser, its
 * panel members) opens the activity records its reported items cite (`readSubjectActivity`), and previews and
 * downloads the files those items reference and the photos and files of the cited records
 * (`readSubjectEvidence`). Anything else is a 404, indistinguishable from a missing file: this is never a general
 * file proxy. Downloads are audited as library downloads are.
 */
import type { ReportedEntryView } from "../../../contracts/assessment.js";
import type { Ctx } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import { activityAsEvidence, activityMaterialIds } from "../activities/index.js";
import { readReferencedMaterialFile } from "../materials/index.js";
import { visibleSubject } from "./assessment-access.js";

const entriesOf = (reported: unknown) => reported as Partial<ReportedEntryView>[];
const citedIds = (reported: unknown) => new Set(entriesOf(reported).flatMap((e) => e.activityIds ?? []));

/** A cited activity record of a subject's reported items: 404 unless the caller sees the subject and an item cites it. */
export async function readSubjectActivity(ctx: Ctx, subjectId: string, activityId: string) {
  const { subject } = await visibleSubject(ctx, subjectId);
  if (!citedIds(subject.reported).has(activityId)) throw errors.notFound("activity");
  return activityAsEvidence(ctx, activityId);
}

/** A referenced file of a subject's reported items (or of a record they cite), for preview or (audited) download. */
export async function readSubjectEvidence(
  ctx: Ctx,
  subjectId: string,
  materialId: string,
  mode: "download" | "preview",
) {
  const { round, subject } = await visibleSubject(ctx, subjectId);
  const direct = new Set(entriesOf(subject.reported).flatMap((e) => e.materialIds ?? []));
  const referenced =
    direct.has(materialId) || (await activityMaterialIds(ctx.db, [...citedIds(subject.reported)])).has(materialId);
  if (!referenced) throw errors.notFound("material");
  return readReferencedMaterialFile(ctx, materialId, mode, `“${round.title}”中${subject.name}填报指标的佐证材料`);
}
