/**
 * Overdue referrals (not accepted by the accept date, or not answered by the due date, in Beijing working days)
 * are escalated once per referral to the department's superior organization and to the referring level: the
 * referral records when and to whom, the request's history and the audit chain record the step. Run hourly.
 *
 * The same transaction alerts the people there, once per escalation (the message key is the referral's): in the
 * superior organization those who read the service desk (service:read), at the referring level those who receive
 * requests (service:receive) and the staff listed on the window. The alert is a 消息中心 event message, so it also
 * goes out in the daily digest through each person's chosen channels (SMS / e-mail adapters), and an audit entry
 * records to which organizations and how many people it went.
 */
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Deps } from "../../core/context.js";
import type { Tx } from "../../db/client.js";
import { recordAudit } from "../audit/index.js";
import { activePermissionHolders } from "../identity/index.js";
import { notifyUsers } from "../notify/index.js";
import { orgBriefs } from "../org/index.js";
import { overdueSql, requestMachine, today } from "./request.service.js";
import { serviceReferrals, serviceRequests, serviceWindows } from "./services.schema.js";

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
      await alertEscalation(tx, deps, r, ref, { parent, stage, label, deptName: briefs.get(ref.toOrgId)?.name ?? "" });
      return true;
    });
    if (escalated) count++;
  }
  return count;
}

/** Who is told of an escalation: the superior's readers, the referring level's receivers and the window's staff. */
export async function escalationRecipients(
  db: Tx | Deps["db"],
  superiorOrgId: string | null,
  referringOrgId: string | null,
  windowId: string,
): Promise<string[]> {
  const [w] = await db
    .select({ staff: serviceWindows.staff })
    .from(serviceWindows)
    .where(eq(serviceWindows.id, windowId));
  const [superiors, receivers] = await Promise.all([
    activePermissionHolders(db, { orgIds: superiorOrgId ? [superiorOrgId] : [] }, "service:read"),
    activePermissionHolders(
      db,
      { orgIds: referringOrgId ? [referringOrgId] : [], userIds: (w?.staff ?? []).map((s) => s.userId) },
      "service:receive",
    ),
  ]);
  return [...new Set([...superiors, ...receivers])];
}

async function alertEscalation(
  tx: Tx,
  deps: Deps,
  r: typeof R.$inferSelect,
  ref: typeof F.$inferSelect,
  e: { parent: string | null; stage: string; label: string; deptName: string },
) {
  const to = await escalationRecipients(tx, e.parent, ref.fromOrgId, r.windowId);
  const title = `服务申请 ${r.trackingCode} 超期未${e.stage}${r.green ? "（绿色通道）" : ""}`;
  await notifyUsers(tx, deps.clock, to, {
    source: "services",
    key: `service-escalation:${ref.id}`,
    kindLabel: "超期督办",
    title,
    body: `${e.deptName}超过时限未${e.stage}，已督办至${e.label}。请督促办理。`,
    link: `/admin/services/requests/${r.id}`,
  });
  await recordAudit(tx, deps.clock, null, {
    category: "data",
    action: "service_request.alert",
    entity: "service_request",
    entityId: r.id,
    regionCode: r.regionCode,
    orgId: r.orgId,
    actorName: "系统",
    summary: `${title}：已提醒${e.label}的 ${to.length} 人`,
    changes: { alerted: [null, to.length] },
  });
}
