/** The state machines of a designation's 年度自查 and 复验 records (the only writers of their status). */

import { and, eq, inArray } from "drizzle-orm";
import { REVERIFICATION_STATUS_LABELS, SELF_CHECK_STATUS_LABELS } from "../../../contracts/creation.js";
import { defineMachine, type MoveCtx } from "../../core/state-machine.js";
import type { Tx } from "../../db/client.js";
import { recordAudit } from "../audit/index.js";
import { creationReverifications, creationSelfChecks } from "./creation.schema.js";
import { recordDesignationEvent, SYSTEM_ACTOR_NAME } from "./creation.service.js";

/**
 * The 年度自查 machine: 填写中 → 已提交. The move writes the designation's event row (status unchanged) and
 * the audit entry with it.
 */
export const selfCheckMachine = defineMachine({
  entity: "creation_self_check",
  auditPrefix: "creation_self_check",
  table: creationSelfChecks,
  labels: SELF_CHECK_STATUS_LABELS,
  audit: recordAudit,
  scope: (s) => ({ regionCode: s.regionCode, orgId: s.orgId }),
  event: designationNote,
  transitions: {
    submit: { from: ["draft"], to: ["submitted"], label: "提交年度自查" },
  },
});

/**
 * The 复验 machine: 待单位自查 ─(submit)─▶ 待审核 ─(pass)─▶ 通过; 待单位自查 / 待审核 ─(fail)─▶ 不合格.
 * 复验 still open lapse with the designation's expiry (job) and are cancelled with its revocation.
 */
export const reverificationMachine = defineMachine({
  entity: "creation_reverification",
  auditPrefix: "creation_reverification",
  table: creationReverifications,
  labels: REVERIFICATION_STATUS_LABELS,
  audit: recordAudit,
  scope: (r) => ({ regionCode: r.regionCode, orgId: r.orgId }),
  event: designationNote,
  transitions: {
    submit: { from: ["open"], to: ["submitted"], label: "提交复验自查" },
    pass: { from: ["submitted"], to: ["passed"], label: "判定复验通过" },
    fail: { from: ["open", "submitted"], to: ["failed"], label: "判定复验不合格" },
    lapse: { from: ["open", "submitted"], to: ["lapsed"], label: "复验逾期失效" },
    cancel: { from: ["open", "submitted", "failed"], to: ["cancelled"], label: "撤销命名取消复验" },
  },
});

/** A self-check or 复验 step is noted in its designation's history (the designation's status unchanged). */
async function designationNote(
  tx: Tx,
  ctx: MoveCtx,
  e: { row: { designationId: string }; note: string | null; event: Record<string, unknown> },
) {
  if (!e.event.kind) return;
  const status = e.event.designationStatus as string;
  await recordDesignationEvent(tx, ctx, {
    designationId: e.row.designationId,
    kind: e.event.kind as string,
    fromStatus: status,
    toStatus: status,
    note: e.note,
  });
}

/**
 * Closes a designation's unfinished 复验 with the designation's own step: `lapse` at its expiry (job), `cancel`
 * at its revocation. Returns how many were closed.
 */
export async function closeReverifications(
  tx: Tx,
  ctx: MoveCtx,
  designationId: string,
  action: "lapse" | "cancel",
  summary: string,
): Promise<number> {
  const open = await tx
    .select()
    .from(creationReverifications)
    .where(
      and(
        eq(creationReverifications.designationId, designationId),
        inArray(creationReverifications.status, reverificationMachine.transitions[action].from),
      ),
    )
    .for("update");
  for (const r of open)
    await reverificationMachine.move(tx, ctx, r, action, {
      summary,
      actorName: ctx.actor ? null : SYSTEM_ACTOR_NAME,
    });
  return open.length;
}
