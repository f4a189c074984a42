/**
 * 公示 of 示范创建, on the shared 公示/异议 capability (modules/publicity, owner `creation`).
 *
 * A notice lists applications of one batch that passed 审定 (the publicity module stores the notice, its items —
 * the application ids with the unit's name — its working-day window and its objections). Publishing fixes the
 * window: N working days (the batch's noticeDays) from the given first day or today, in Beijing time, by the
 * official working-day calendar; the listed applications move to 公示中. The public reads published notices
 * without signing in and may object within the window (objection.service.ts for the staff side). This file keeps
 * the module's own view of a notice: its batch, level and the listed applications' region and category.
 */

import { and, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import {
  APPLICATION_STATUS_LABELS,
  type NamingLevel,
  type Notice,
  type NoticeCreate,
  OBJECTION_EFFECT_LABELS,
  OBJECTION_STATUS_LABELS,
  type ObjectionSubmit,
} from "../../../contracts/creation.js";
import { requireScope, scopeFor } from "../../core/access.js";
import type { Ctx, Deps } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import { t } from "../../core/i18n.js";
import type { Queryable } from "../../db/client.js";
import { ancestorCodes, orgNameSql } from "../org/index.js";
import {
  createDraftNotice,
  getNoticeRecord,
  getObjectionByCode as getSharedObjection,
  lockNotice,
  type NoticeCols,
  type NoticeQuery,
  type NoticeRecord,
  noticePage,
  publishDraft,
  submitObjection as submitSharedObjection,
} from "../publicity/index.js";
import { moveApplication } from "./application.service.js";
import { assertManagesRegion, loadBatch, regionScopeSql } from "./batch.service.js";
import { creationApplications, creationBatches } from "./creation.schema.js";
import { categoryLabels, regionPaths } from "./creation.service.js";

/** The owner code of 示范创建's notices and objections in the publicity module. */
export const CREATION_OWNER = "creation";

/**
 * Staff see published notices of their own region, its ancestors and their creation:read scope, and drafts
 * within their creation:manage scope (everyone else reads published notices on the public portal).
 */
function noticeVisibleWhere(ctx: Ctx) {
  const read = requireScope(ctx.actor, "creation:read");
  const manage = scopeFor(ctx.actor, "creation:manage");
  return (n: NoticeCols): SQL => {
    const own = [...ancestorCodes(ctx.actor.regionCode), ctx.actor.regionCode];
    const published = or(inArray(n.regionCode, own), regionScopeSql(read, n.regionCode)) ?? sql`true`;
    const drafts = manage ? (regionScopeSql(manage, n.regionCode) ?? sql`true`) : sql`false`;
    return sql`((${n.status} = 'published' AND ${published}) OR ${drafts})`;
  };
}

/** The listed applications (their region and category now) and the batches, for the module's view. */
async function toNotices(db: Queryable, records: NoticeRecord[]): Promise<Notice[]> {
  const appIds = [...new Set(records.flatMap((r) => r.items.map((i) => i.itemId)))];
  const batchIds = [...new Set(records.map((r) => r.ownerRef))];
  const [apps, batches] = await Promise.all([
    appIds.length
      ? db
          .select({
            id: creationApplications.id,
            orgName: orgNameSql(creationApplications.orgId),
            regionCode: creationApplications.regionCode,
            category: creationApplications.category,
            level: creationApplications.level,
          })
          .from(creationApplications)
          .where(inArray(creationApplications.id, appIds))
      : Promise.resolve([]),
    batchIds.length
      ? db
          .select({ id: creationBatches.id, name: creationBatches.name, level: creationBatches.level })
          .from(creationBatches)
          .where(inArray(creationBatches.id, batchIds))
      : Promise.resolve([]),
  ]);
  const [names, labels] = await Promise.all([
    regionPaths(
      db,
      apps.map((a) => a.regionCode),
    ),
    categoryLabels(db),
  ]);
  const appOf = new Map(apps.map((a) => [a.id, a]));
  const batchOf = new Map(batches.map((b) => [b.id, b]));
  return records.map((r) => ({
    id: r.id,
    batchId: r.ownerRef,
    batchName: batchOf.get(r.ownerRef)?.name ?? "",
    level: (batchOf.get(r.ownerRef)?.level ?? r.stage) as NamingLevel,
    title: r.title,
    titleMn: r.titleMn,
    body: r.body,
    status: r.status,
    phase: r.phase,
    workingDays: r.workingDays,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    publishedAt: r.publishedAt,
    issuerOrgName: r.issuerOrgName,
    regionCode: r.regionCode,
    items: r.items.flatMap((i) => {
      const a = appOf.get(i.itemId);
      if (!a) return [];
      return [
        {
          applicationId: a.id,
          orgName: a.orgName,
          regionCode: a.regionCode,
          regionName: names.get(a.regionCode) ?? "",
          category: a.category,
          categoryLabel: labels.get(a.category) ?? a.category,
          level: a.level as NamingLevel,
        },
      ];
    }),
    objections: r.objections,
    createdAt: r.createdAt,
  }));
}

export async function listNotices(
  ctx: Ctx,
  q: { page: number; pageSize: number; batchId?: string; status?: NoticeQuery["status"]; q?: string },
) {
  const page = await noticePage(
    ctx.db,
    ctx.clock,
    { owner: CREATION_OWNER, where: noticeVisibleWhere(ctx), staff: true, order: "created" },
    { page: q.page, pageSize: q.pageSize, ownerRef: q.batchId, status: q.status, q: q.q },
  );
  return { ...page, items: await toNotices(ctx.db, page.items) };
}

export async function getNotice(ctx: Ctx, id: string, db: Queryable = ctx.db) {
  const record = await getNoticeRecord(
    db,
    ctx.clock,
    { owner: CREATION_OWNER, where: noticeVisibleWhere(ctx), staff: true },
    id,
  );
  return (await toNotices(db, [record]))[0];
}

export async function createNotice(ctx: Ctx, input: NoticeCreate) {
  const batch = await loadBatch(ctx, input.batchId).catch(() => {
    throw errors.field("batchId", "errors.not_found", { entity: "申报批次" });
  });
  assertManagesRegion(ctx, batch.regionCode, "creation_batch");
  const id = await ctx.db.transaction(async (tx) => {
    const apps = await tx
      .select({
        id: creationApplications.id,
        status: creationApplications.status,
        orgName: orgNameSql(creationApplications.orgId),
        regionCode: creationApplications.regionCode,
        category: creationApplications.category,
      })
      .from(creationApplications)
      .where(and(inArray(creationApplications.id, input.applicationIds), eq(creationApplications.batchId, batch.id)));
    if (apps.length !== input.applicationIds.length)
      throw errors.field("applicationIds", "errors.not_found", { entity: "本批次的申报" });
    const bad = apps.find((a) => a.status !== "approved");
    if (bad)
      throw errors.conflict("NOT_APPROVED", "creation.notice_apps_not_approved", {
        org: bad.orgName,
        status: APPLICATION_STATUS_LABELS[bad.status],
      });
    const [names, labels] = await Promise.all([
      regionPaths(
        tx,
        apps.map((a) => a.regionCode),
      ),
      categoryLabels(tx),
    ]);
    const byId = new Map(apps.map((a) => [a.id, a]));
    const row = await createDraftNotice(tx, ctx, {
      owner: CREATION_OWNER,
      ownerRef: batch.id,
      stage: batch.level,
      title: input.title,
      titleMn: input.titleMn,
      body: input.body,
      workingDays: batch.noticeDays,
      orgId: ctx.actor.orgId,
      regionCode: batch.regionCode,
      // What the portal's shared 公示公告 shows of each listed application (the unit, its region and category).
      items: input.applicationIds.map((appId) => {
        const a = byId.get(appId)!;
        return {
          itemId: a.id,
          label: a.orgName,
          detail: [
            { label: "所在地区", value: names.get(a.regionCode) ?? "" },
            { label: "创建类别", value: labels.get(a.category) ?? a.category },
          ],
        };
      }),
      audit: {
        summary: `拟定公示“${input.title}”（${apps.length} 个单位）`,
        changes: { applicationIds: [null, input.applicationIds] },
      },
    });
    return row.id;
  });
  return getNotice(ctx, id);
}

export async function publishNotice(ctx: Ctx, id: string, startsOn?: string) {
  await ctx.db.transaction(async (tx) => {
    const n = await lockNotice(tx, CREATION_OWNER, id, noticeVisibleWhere(ctx));
    assertManagesRegion(ctx, n.regionCode, "creation_notice");
    const record = await getNoticeRecord(tx, ctx.clock, { owner: CREATION_OWNER, staff: false }, id);
    const window = await publishDraft(tx, ctx, n, startsOn);
    const apps = await tx
      .select()
      .from(creationApplications)
      .where(
        inArray(
          creationApplications.id,
          record.items.map((i) => i.itemId),
        ),
      )
      .for("update");
    for (const app of apps) {
      await moveApplication(tx, ctx, app, "publicize", {
        to: "publicized",
        set: { noticeId: id },
        note: `${n.title}（${window.startsOn} 至 ${window.endsOn}）`,
        summary: `列入公示“${n.title}”，公示期 ${window.startsOn} 至 ${window.endsOn}`,
      });
    }
  });
  return getNotice(ctx, id);
}

// ---------------------------------------------------------------------------------------------------------
// The public side (the module's own portal routes; the shared /api/public/publicity lists them too)

const published = (n: NoticeCols) => eq(n.status, "published");

export async function listPublicNotices(deps: Deps, q: { page: number; pageSize: number }) {
  const page = await noticePage(
    deps.db,
    deps.clock,
    { owner: CREATION_OWNER, where: published, staff: false, order: "published" },
    q,
  );
  const items = await toNotices(deps.db, page.items);
  return { ...page, items: items.map(({ objections: _o, status: _s, ...rest }) => rest) };
}

export async function getPublicNotice(deps: Deps, id: string) {
  const record = await getNoticeRecord(
    deps.db,
    deps.clock,
    { owner: CREATION_OWNER, where: published, staff: false },
    id,
  );
  const { objections: _o, status: _s, ...rest } = (await toNotices(deps.db, [record]))[0];
  return rest;
}

/** A member of the public objects, within the window only. Returns the code to look the reply up with. */
export async function submitObjection(deps: Deps, noticeId: string, input: ObjectionSubmit) {
  const { applicationId, ...rest } = input;
  const receipt = await submitSharedObjection(
    deps,
    noticeId,
    { ...rest, itemId: applicationId },
    { owner: CREATION_OWNER, itemField: "applicationId" },
  );
  return { ...receipt, message: t("creation.objection_received", { code: receipt.trackingCode }) };
}

export async function getObjectionByCode(deps: Deps, code: string) {
  const o = await getSharedObjection(deps, code, CREATION_OWNER);
  const effect = o.effect as keyof typeof OBJECTION_EFFECT_LABELS | null;
  return {
    trackingCode: o.trackingCode,
    noticeTitle: o.noticeTitle,
    status: o.status,
    statusLabel: OBJECTION_STATUS_LABELS[o.status],
    reply: o.reply,
    effect,
    effectLabel: effect ? OBJECTION_EFFECT_LABELS[effect] : null,
    createdAt: o.createdAt,
    answeredAt: o.answeredAt,
  };
}
