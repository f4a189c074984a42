/** 异议, the staff side: objections to notices within their creation:manage scope (never the applicant unit: the
 * objector is protected), investigated and answered through the objection state machine. */
import { and, asc, desc, eq, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import {
  OBJECTION_EFFECT_LABELS,
  OBJECTION_STATUS_LABELS,
  type ObjectionEffect,
  type ObjectionStatus,
} from "../../../contracts/creation.js";
import { requireScope } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { maskPhone } from "../../core/crypto.js";
import { errors } from "../../core/errors.js";
import { defineMachine } from "../../core/state-machine.js";
import type { Queryable } from "../../db/client.js";
import { containsPattern } from "../../db/sql.js";
import { recordAudit } from "../audit/index.js";
import { userNameSql } from "../identity/index.js";
import { orgNameSql } from "../org/index.js";
import { moveApplication } from "./application.service.js";
import { regionScopeSql } from "./batch.service.js";
import { creationApplications } from "./creation.schema.js";
import { N, O } from "./notice.service.js";

/** The objection state machine. */
export const objectionMachine = defineMachine({
  entity: "creation_objection",
  auditPrefix: "creation_objection",
  table: O,
  labels: OBJECTION_STATUS_LABELS,
  audit: recordAudit,
  scope: (o) => ({ regionCode: o.regionCode, orgId: o.orgId }),
  transitions: {
    investigate: { from: ["pending", "investigating"], to: ["investigating"], label: "调查" },
    reply: { from: ["pending", "investigating"], to: ["answered"], label: "答复" },
  },
});
export const OBJECTION_TRANSITIONS = objectionMachine.transitions;

// ---------------------------------------------------------------------------------------------------------
// Staff: objections of notices within their creation:manage scope (never the applicant unit: the objector is protected)

/** Masks a name for lists: 张三 → 张*, 巴特尔 → 巴**. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? "*" : `${chars[0]}${"*".repeat(chars.length - 1)}`;
}

function objectionScope(ctx: Ctx) {
  return regionScopeSql(requireScope(ctx.actor, "creation:manage"), O.regionCode);
}

const objectionSelect = {
  o: O,
  noticeTitle: N.title,
  applicationOrgName: sql<string | null>`${orgNameSql(creationApplications.orgId)}`,
  handledByName: sql<string | null>`${userNameSql(O.handledBy)}`,
};

function objectionQuery(db: Queryable) {
  return db
    .select(objectionSelect)
    .from(O)
    .innerJoin(N, eq(N.id, O.noticeId))
    .leftJoin(creationApplications, eq(creationApplications.id, O.applicationId));
}

type ObjectionSelectRow = {
  o: typeof O.$inferSelect;
  noticeTitle: string;
  applicationOrgName: string | null;
  handledByName: string | null;
};

function toObjection(ctx: Ctx, r: ObjectionSelectRow) {
  const { o } = r;
  return {
    id: o.id,
    noticeId: o.noticeId,
    noticeTitle: r.noticeTitle,
    applicationId: o.applicationId,
    applicationOrgName: r.applicationOrgName,
    nameMasked: maskName(ctx.cipher.decrypt(o.nameEnc)),
    phoneMasked: maskPhone(ctx.cipher.decrypt(o.phoneEnc)) ?? "",
    content: o.content,
    status: o.status,
    investigation: o.investigation,
    reply: o.reply,
    effect: o.effect,
    handledByName: r.handledByName,
    createdAt: o.createdAt.toISOString(),
    answeredAt: o.answeredAt?.toISOString() ?? null,
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
  const conds: (SQL | undefined)[] = [objectionScope(ctx)];
  if (q.noticeId) conds.push(eq(O.noticeId, q.noticeId));
  if (q.applicationId) conds.push(eq(O.applicationId, q.applicationId));
  if (q.status) conds.push(eq(O.status, q.status));
  if (q.q) conds.push(ilike(O.content, containsPattern(q.q)));
  const where = and(...conds.filter(Boolean));
  const [rows, [{ total }]] = await Promise.all([
    objectionQuery(ctx.db)
      .where(where)
      .orderBy(desc(O.createdAt), asc(O.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: sql<number>`count(*)::int` }).from(O).where(where),
  ]);
  return { items: rows.map((r) => toObjection(ctx, r)), total, page: q.page, pageSize: q.pageSize };
}

async function loadObjection(ctx: Ctx, id: string, db: Queryable = ctx.db) {
  const [row] = await objectionQuery(db).where(and(eq(O.id, id), objectionScope(ctx)));
  if (!row) throw errors.notFound("creation_objection");
  return row;
}

export async function getObjection(ctx: Ctx, id: string) {
  return toObjection(ctx, await loadObjection(ctx, id));
}

/** The objector's full name or phone, for contacting them; the read is audited. */
export async function revealObjectionField(ctx: Ctx, id: string, field: "name" | "phone") {
  const { o } = await loadObjection(ctx, id);
  const value = ctx.cipher.decrypt(field === "name" ? o.nameEnc : o.phoneEnc);
  await ctx.db.transaction((tx) =>
    recordAudit(tx, ctx.clock, ctx.actor, {
      category: "access",
      action: "creation_objection.reveal",
      entity: "creation_objection",
      entityId: id,
      regionCode: o.regionCode,
      orgId: o.orgId,
      summary: `查看异议人的完整${field === "name" ? "姓名" : "联系电话"}`,
    }),
  );
  return { field, value };
}

async function lockObjection(ctx: Ctx, tx: Queryable, id: string, step: keyof typeof OBJECTION_TRANSITIONS) {
  const row = await loadObjection(ctx, id, tx);
  await tx.select({ id: O.id }).from(O).where(eq(O.id, id)).for("update");
  objectionMachine.assert(row.o.status, step);
  return row;
}

export async function investigateObjection(ctx: Ctx, id: string, note: string) {
  await ctx.db.transaction(async (tx) => {
    const { o } = await lockObjection(ctx, tx, id, "investigate");
    const investigation = o.investigation ? `${o.investigation}\n${note}` : note;
    await objectionMachine.move(tx, ctx, o, "investigate", {
      set: { investigation, handledBy: ctx.actor.userId },
      summary: `调查异议：${note}`,
    });
  });
  return getObjection(ctx, id);
}

export async function replyObjection(ctx: Ctx, id: string, reply: string, effect: ObjectionEffect) {
  await ctx.db.transaction(async (tx) => {
    const { o } = await lockObjection(ctx, tx, id, "reply");
    if (effect !== "none" && !o.applicationId) throw errors.field("effect", "creation.objection_no_application");
    if (effect !== "none") {
      const [app] = await tx
        .select()
        .from(creationApplications)
        .where(eq(creationApplications.id, o.applicationId!))
        .for("update");
      const reason = `异议核实：${reply}`;
      await moveApplication(tx, ctx, app, "objection", {
        to: effect === "withdraw" ? "withdrawn" : "rejected",
        set: effect === "reject" ? { passed: false, resultNote: reason } : { resultNote: reason },
        note: `${OBJECTION_EFFECT_LABELS[effect]}：${reply}`,
        summary: `异议处理结果：${OBJECTION_EFFECT_LABELS[effect]}`,
      });
    }
    await objectionMachine.move(tx, ctx, o, "reply", {
      set: { reply, effect, handledBy: ctx.actor.userId, answeredAt: ctx.clock.now() },
      summary: `答复异议（${OBJECTION_EFFECT_LABELS[effect]}）：${reply}`,
      changes: { effect: [null, effect] },
    });
  });
  return getObjection(ctx, id);
}

/** Unanswered objections that block naming these applications: to one of them, or to its notice as a whole. */
export async function blockingObjections(db: Queryable, applications: { id: string; noticeId: string | null }[]) {
  const noticeIds = [...new Set(applications.map((a) => a.noticeId).filter((n): n is string => !!n))];
  if (applications.length === 0) return new Map<string, number>();
  const rows = await db
    .select({ applicationId: O.applicationId, noticeId: O.noticeId })
    .from(O)
    .where(
      and(
        inArray(O.status, ["pending", "investigating"]),
        or(
          inArray(
            O.applicationId,
            applications.map((a) => a.id),
          ),
          noticeIds.length ? and(inArray(O.noticeId, noticeIds), sql`${O.applicationId} is null`) : sql`false`,
        ),
      ),
    );
  const out = new Map<string, number>();
  for (const a of applications) {
    const n = rows.filter(
      (r) => r.applicationId === a.id || (r.applicationId === null && r.noticeId === a.noticeId),
    ).length;
    if (n) out.set(a.id, n);
  }
  return out;
}
