/** 异议, the staff side of 示范创建 on the shared 公示/异议 capability: objections to notices within their
 * creation:manage scope (never the applicant unit: the objector is protected), investigated and answered through
 * the publicity module's objection state machine. The answer's effect on the result — 不影响命名 (dismissed),
 * 撤回申请 or 不予命名 (upheld: the application leaves the list) — is this module's rule, registered below. */
import { eq } from "drizzle-orm";
import { OBJECTION_EFFECT_LABELS, type ObjectionEffect, type ObjectionStatus } from "../../../contracts/creation.js";
import { requireScope } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import type { Queryable } from "../../db/client.js";
import {
  answerObjection,
  getObjection as getSharedObjection,
  investigateObjection as investigateShared,
  listObjections as listShared,
  type ObjectionRecord,
  registerPublicityOwner,
  revealObjectionField as revealShared,
  unansweredObjections,
} from "../publicity/index.js";
import { moveApplication } from "./application.service.js";
import { regionScopeSql } from "./batch.service.js";
import { creationApplications } from "./creation.schema.js";
import { CREATION_OWNER } from "./notice.service.js";

/** An upheld objection (撤回申请 / 不予命名) moves the application objected to, in the answering transaction. */
registerPublicityOwner(CREATION_OWNER, {
  onUpheld: async (tx, ctx, e) => {
    const effect = (e.effect ?? "reject") as Exclude<ObjectionEffect, "none">;
    const [app] = await tx
      .select()
      .from(creationApplications)
      .where(eq(creationApplications.id, e.itemId))
      .for("update");
    if (!app) return;
    const reason = `异议核实：${e.reason}`;
    await moveApplication(tx, ctx, app, "objection", {
      to: effect === "withdraw" ? "withdrawn" : "rejected",
      set: effect === "reject" ? { passed: false, resultNote: reason } : { resultNote: reason },
      note: `${OBJECTION_EFFECT_LABELS[effect]}：${e.reason}`,
      summary: `异议处理结果：${OBJECTION_EFFECT_LABELS[effect]}`,
    });
  },
});

function objectionScope(ctx: Ctx) {
  const scope = requireScope(ctx.actor, "creation:manage");
  return (col: Parameters<typeof regionScopeSql>[1]) => regionScopeSql(scope, col);
}

/** The module's shape of an objection (the application objected to by its unit's name). */
function toObjection(o: ObjectionRecord) {
  return {
    id: o.id,
    noticeId: o.noticeId,
    noticeTitle: o.noticeTitle,
    applicationId: o.itemId,
    applicationOrgName: o.itemLabel,
    nameMasked: o.nameMasked,
    phoneMasked: o.phoneMasked,
    content: o.content,
    status: o.status,
    investigation: o.investigation,
    reply: o.reply,
    effect: o.effect as ObjectionEffect | null,
    handledByName: o.handledByName,
    createdAt: o.createdAt,
    answeredAt: o.answeredAt,
  };
}

export async function listObjections(
  ctx: Ctx,
  q: {
    page: number;
    pageSize: number;
    noticeId?: string;
    applicationId?: string;
    status?: ObjectionStatus;
    q?: string;
  },
) {
  const { applicationId, ...rest } = q;
  const page = await listShared(ctx, CREATION_OWNER, objectionScope(ctx), { ...rest, itemId: applicationId });
  return { ...page, items: page.items.map(toObjection) };
}

export async function getObjection(ctx: Ctx, id: string) {
  return toObjection(await getSharedObjection(ctx, CREATION_OWNER, objectionScope(ctx), id));
}

/** The objector's full name or phone, for contacting them; the read is audited. */
export async function revealObjectionField(ctx: Ctx, id: string, field: "name" | "phone") {
  return revealShared(ctx, CREATION_OWNER, objectionScope(ctx), id, { field });
}

export async function investigateObjection(ctx: Ctx, id: string, note: string) {
  return toObjection(await investigateShared(ctx, CREATION_OWNER, objectionScope(ctx), id, note));
}

export async function replyObjection(ctx: Ctx, id: string, reply: string, effect: ObjectionEffect) {
  const scope = objectionScope(ctx);
  const o = await getSharedObjection(ctx, CREATION_OWNER, scope, id);
  if (effect !== "none" && !o.itemId) throw errors.field("effect", "creation.objection_no_application");
  const answered = await answerObjection(ctx, CREATION_OWNER, scope, id, {
    reply,
    outcome: effect === "none" ? "dismissed" : "upheld",
    effect,
    summary: `答复异议（${OBJECTION_EFFECT_LABELS[effect]}）：${reply}`,
  });
  return toObjection(answered);
}

/** Unanswered objections that block naming these applications: to one of them, or to its notice as a whole. */
export async function blockingObjections(db: Queryable, applications: { id: string; noticeId: string | null }[]) {
  return unansweredObjections(
    db,
    CREATION_OWNER,
    applications.map((a) => ({ itemId: a.id, noticeId: a.noticeId })),
  );
}
