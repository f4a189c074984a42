/**
 * Overdue referrals (not accepted by the accept date, or not answered by the due date, in Beijing working days)
 * are escalated once per referral to the department's superior organization and to the referring level: the
 * referral records when and to whom, the request's history and the audit chain record the step. Run hourly.
 */
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Deps } from "../../core/context.js";
import { orgBriefs } from "../org/index.js";
import { overdueSql, requestMachine, today } from "./request.service.js";
import { serviceReferrals, serviceRequests } from "./services.schema.js";

const R = serviceRequests;
const F = serviceReferrals;

export async function escalateOverdueRequests(deps: Deps): Promise<number> {
  const due = await deps.db
    .select({ r: R, ref: F })
    .from(R)
    .innerJoin(F, eq(F.id, R.referralId))
    .where(and(inArray(R.status, ["referred", "received"]), isNull(F.escalatedAt), overdueSql(today(deps))))
    .limit(500);
  if (due.length === 0) return 0;
  const briefs = await orgBriefs(
    deps.db,
    due.map((d) => d.ref.toOrgId),
  );
  let count = 0;
  for (const { r, ref } of due) {
    const parent = briefs.get(ref.toOrgId)?.parentId ?? null;
    const to = [...new Set([parent, ref.fromOrgId].filter((x): x is string => !!x))];
    const names = await orgBriefs(deps.db, to);
    const label = to.map((id) => names.get(id)?.name ?? "").join("、");
    const escalated = await deps.db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(F)
        .set({ escalatedAt: deps.clock.now(), escalatedTo: to })
        .where(and(eq(F.id, ref.id), isNull(F.escalatedAt)))
        .returning({ id: F.id });
      if (!claimed) return false;
      const stage = r.status === "referred" && r.acceptDueOn && r.acceptDueOn < today(deps) ? "接收" : "答复";
      await requestMachine.move(tx, { clock: deps.clock, actor: null }, r, "escalate", {
        summary: `服务申请 ${r.trackingCode} 超期未${stage}，督办至${label}`,
        changes: { escalatedTo: [null, to] },
        actorName: "系统",
        note: `超期未${stage}，已督办：${label}`,
        event: { actorName: "系统", escalatedTo: to, orgId: ref.toOrgId },
      });
      return true;
    });
    if (escalated) count++;
  }
  return count;
}
