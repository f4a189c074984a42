/**
 * The person's side (no sign-in): submit a request online at a chosen window, follow it by tracking code (status,
 * answer, overdue, history, and who accessed their personal data — by organization, field, reason and time),
 * rate it (closing it), reopen it within the set period. Nothing here lists or searches requests.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { beijingDate } from "../../../contracts/dates.js";
import {
  type PublicRequestCreate,
  type PublicRequestStatus,
  REQUEST_STATUS_LABELS,
  type rateInput,
  SATISFACTION_LABELS,
  SERVICE_CATEGORY_DICT,
} from "../../../contracts/services.js";
import type { Deps } from "../../core/context.js";
import { dictLabelSql } from "../../core/dict.js";
import { errors } from "../../core/errors.js";
import { orgNameSql, regionNameSql } from "../org/index.js";
import { insertRequest, overdueSql, requestMachine, today } from "./request.service.js";
import { serviceRequests, serviceWindows } from "./services.schema.js";
import { reopenUntil, requestHistory } from "./workflow.service.js";

const R = serviceRequests;
const PUBLIC = { clock: undefined as never, actor: null };

export async function submitPublicRequest(deps: Deps, input: PublicRequestCreate) {
  const row = await deps.db.transaction((tx) =>
    insertRequest(tx, deps, null, {
      windowId: input.windowId,
      category: input.category,
      channel: "online",
      description: input.description,
      language: input.language,
      name: input.name,
      phone: input.phone,
      idNumber: null,
      legalBasis: "本人网上申请并同意个人信息保护告知（《个人信息保护法》第十三条第一款第一项）",
    }),
  );
  return {
    trackingCode: row.trackingCode,
    message: `已受理。请牢记查询码 ${row.trackingCode}，凭码查看办理进度和答复、评价服务，以及查看谁访问过您的个人信息。`,
  };
}

async function byCode(deps: Deps, code: string) {
  const [row] = await deps.db.select().from(R).where(eq(R.trackingCode, code));
  if (!row) throw errors.notFound("service_request");
  return row;
}

export async function getPublicStatus(deps: Deps, code: string): Promise<PublicRequestStatus> {
  const [s] = await deps.db
    .select({
      r: R,
      categoryLabel: dictLabelSql(SERVICE_CATEGORY_DICT, R.category),
      windowName: sql<string>`(select ${serviceWindows.name} from ${serviceWindows} where ${serviceWindows.id} = ${R.windowId})`,
      deptOrgName: sql<string | null>`case when ${R.deptOrgId} is null then null else ${orgNameSql(R.deptOrgId)} end`,
      overdue: overdueSql(today(deps)),
    })
    .from(R)
    .where(eq(R.trackingCode, code));
  if (!s) throw errors.notFound("service_request");
  const r = s.r;
  const h = await requestHistory(deps, r.id);
  const until = await reopenUntil(deps.db, r.closedAt);
  return {
    trackingCode: r.trackingCode,
    categoryLabel: s.categoryLabel,
    green: r.green,
    status: r.status,
    statusLabel: REQUEST_STATUS_LABELS[r.status],
    windowName: s.windowName,
    deptOrgName: s.deptOrgName,
    dueOn: r.dueOn,
    overdue: !!s.overdue,
    answer: r.status === "answered" || r.status === "closed" ? r.answer : null,
    answeredAt: r.answeredAt?.toISOString() ?? null,
    satisfaction: r.satisfaction,
    satisfactionLabel: r.satisfaction ? SATISFACTION_LABELS[r.satisfaction] : null,
    partlySolved: r.partlySolved,
    canRate: (r.status === "answered" || r.status === "closed") && !r.ratedAt,
    reopenUntil: r.status === "closed" ? until : null,
    canReopen: r.status === "closed" && !!until && today(deps) <= until,
    events: h.events.map(({ actorName: _a, ...e }) => e),
    accesses: h.accesses.map(({ userName: _u, ...a }) => a),
    createdAt: r.createdAt.toISOString(),
  };
}

export async function ratePublic(deps: Deps, code: string, input: z.infer<typeof rateInput>) {
  const row = await byCode(deps, code);
  const now = deps.clock.now();
  await deps.db.transaction((tx) =>
    requestMachine.move(tx, { ...PUBLIC, clock: deps.clock }, row, "rate", {
      set: {
        satisfaction: input.satisfaction,
        partlySolved: input.partlySolved,
        ratedAt: now,
        closedAt: row.closedAt ?? now,
      },
      summary: `公众评价服务申请 ${row.trackingCode}：${SATISFACTION_LABELS[input.satisfaction]}${input.partlySolved ? "（部分解决）" : ""}`,
      changes: { satisfaction: [null, input.satisfaction], partlySolved: [null, input.partlySolved] },
      actorName: "公众",
      event: { actorName: "服务对象" },
    }),
  );
  return getPublicStatus(deps, code);
}

export async function reopenPublic(deps: Deps, code: string, reason: string) {
  const row = await byCode(deps, code);
  const until = await reopenUntil(deps.db, row.closedAt);
  if (row.status === "closed" && until && beijingDate(deps.clock.now()) > until) {
    throw errors.conflict("REOPEN_EXPIRED", "services.reopen_expired", { until });
  }
  await deps.db.transaction((tx) =>
    requestMachine.move(tx, { ...PUBLIC, clock: deps.clock }, row, "reopen", {
      set: {
        reopenCount: row.reopenCount + 1,
        deptOrgId: null,
        referralId: null,
        acceptDueOn: null,
        dueOn: null,
        answeredOnTime: null,
        satisfaction: null,
        partlySolved: null,
        ratedAt: null,
        closedAt: null,
      },
      summary: `公众申请重新办理服务申请 ${row.trackingCode}`,
      changes: { reason: [null, reason] },
      actorName: "公众",
      note: reason,
      event: { actorName: "服务对象" },
    }),
  );
  return getPublicStatus(deps, code);
}

/** The windows a person may choose online: name, address, hours and the languages served (no staff names). */
export async function listPublicWindows(deps: Deps, region?: string) {
  const W = serviceWindows;
  const rows = await deps.db
    .select({ w: W, orgName: orgNameSql(W.orgId), regionName: regionNameSql(W.regionCode) })
    .from(W)
    .where(and(eq(W.active, true), region ? sql`${W.regionCode} like ${`${region}%`}` : undefined))
    .orderBy(asc(W.regionCode), asc(W.name));
  return rows.map(({ w, orgName, regionName }) => ({
    id: w.id,
    orgName,
    regionCode: w.regionCode,
    regionName: regionName ?? "",
    name: w.name,
    address: w.address,
    hours: w.hours,
    languages: [...new Set(w.staff.flatMap((s) => s.languages))],
  }));
}
