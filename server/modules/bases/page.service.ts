/**
 * 数字教育基地 pages. The base's staff edit one draft at a time (a new version, starting from the page the public
 * sees), submit it, and the supervising department publishes it or returns it with a reason. Publishing keeps the
 * previous published version as 历史版本 (archived); every version stays readable in the history.
 *
 * Version states: 草稿 (draft) → 待审核 (submitted) → 已发布 (published) → 历史版本 (archived);
 *                 待审核 → 已退回 (returned) → 草稿 (saved again).
 */
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { PAGE_STATUS_LABELS, type PageContent, type PageVersionView, pageContent } from "../../../contracts/bases.js";
import type { Ctx } from "../../core/context.js";
import { AppError } from "../../core/errors.js";
import { t } from "../../core/i18n.js";
import { defineMachine } from "../../core/state-machine.js";
import type { Queryable } from "../../db/client.js";
import { diff, recordAudit } from "../audit/index.js";
import { assertMaterialsUsable } from "../materials/index.js";
import { basePages, bases } from "./bases.schema.js";
import { loadBase, requireOperate, requireStaffOrSupervisor, requireSupervise } from "./bases-access.js";

type PageRow = typeof basePages.$inferSelect;

export const pageMachine = defineMachine({
  entity: "base_page",
  auditPrefix: "base_page",
  table: basePages,
  labels: PAGE_STATUS_LABELS,
  audit: recordAudit,
  scope: (p) => ({ regionCode: p.regionCode, orgId: p.orgId }),
  transitions: {
    save: { from: ["draft", "returned"], to: ["draft"], label: "保存草稿" },
    submit: {
      from: ["draft"],
      to: ["submitted"],
      label: "提交审核",
      guard: (_tx, row) => {
        const c = row.content as PageContent;
        if (!c.intro.trim() && c.exhibits.length === 0) throw new AppError(400, "PAGE_EMPTY", t("bases.page_empty"));
      },
    },
    publish: { from: ["submitted"], to: ["published"], label: "审核发布" },
    return: { from: ["submitted"], to: ["returned"], label: "退回修改" },
    supersede: { from: ["published"], to: ["archived"], label: "被新版本替代" },
  },
});

/** Every material a page references (gallery, exhibits' images, audio and video, the panorama). */
export function pageMaterialIds(c: PageContent): string[] {
  const ids = new Set<string>(c.galleryIds);
  for (const e of c.exhibits) {
    for (const id of e.imageIds) ids.add(id);
    if (e.audioId) ids.add(e.audioId);
    if (e.videoId) ids.add(e.videoId);
  }
  if (c.panorama) ids.add(c.panorama.imageId);
  return [...ids];
}

/** A stored page's content with the fields added since it was saved (the Mongolian ones) filled in. */
export function fullContent(c: PageContent): PageContent {
  return { ...c, nameMn: c.nameMn ?? "", introMn: c.introMn ?? "" };
}

export function toPageView(p: PageRow): PageVersionView {
  return {
    id: p.id,
    baseId: p.baseId,
    version: p.version,
    status: p.status,
    content: fullContent(p.content),
    returnReason: p.returnReason,
    submittedAt: p.submittedAt?.toISOString() ?? null,
    publishedAt: p.publishedAt?.toISOString() ?? null,
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** The version history of a base's page, newest first (staff and the supervising department). */
export async function listPageVersions(ctx: Ctx, baseId: string): Promise<PageVersionView[]> {
  const info = await loadBase(ctx, baseId);
  requireStaffOrSupervisor(info);
  const rows = await ctx.db
    .select()
    .from(basePages)
    .where(eq(basePages.baseId, baseId))
    .orderBy(desc(basePages.version));
  return rows.map(toPageView);
}

async function latestEditable(db: Queryable, baseId: string) {
  const [row] = await db
    .select()
    .from(basePages)
    .where(and(eq(basePages.baseId, baseId), inArray(basePages.status, ["draft", "returned", "submitted"])))
    .orderBy(desc(basePages.version))
    .limit(1)
    .for("update");
  return row ?? null;
}

/** Saves the page's draft: the open draft (or returned version), or a new version. */
export async function savePageDraft(ctx: Ctx, baseId: string, raw: unknown): Promise<PageVersionView> {
  const content = pageContent.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const info = await loadBase(ctx, baseId, tx, true);
    requireOperate(info);
    await assertMaterialsUsable(ctx, pageMaterialIds(content), "content", tx);
    const open = await latestEditable(tx, baseId);
    if (open) {
      const moved = await pageMachine.move(tx, ctx, open, "save", {
        to: "draft",
        set: { content, returnReason: null },
        summary: `保存“${info.base.name}”数字展馆第 ${open.version} 版草稿`,
        changes: {
          exhibits: [open.content.exhibits.length, content.exhibits.length],
          ...diff(
            { nameMn: open.content.nameMn ?? "", introMn: open.content.introMn ?? "" },
            { nameMn: content.nameMn ?? "", introMn: content.introMn ?? "" },
          ),
        },
      });
      return toPageView(moved as PageRow);
    }
    const [{ max }] = await tx
      .select({ max: sql<number>`coalesce(max(${basePages.version}), 0)::int` })
      .from(basePages)
      .where(eq(basePages.baseId, baseId));
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(basePages)
      .values({
        baseId,
        version: max + 1,
        content,
        regionCode: info.base.regionCode,
        orgId: info.base.orgId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "base_page.create",
      entity: "base_page",
      entityId: row.id,
      regionCode: row.regionCode,
      orgId: row.orgId,
      summary: `新建“${info.base.name}”数字展馆第 ${row.version} 版草稿`,
      changes: {
        version: [null, row.version],
        exhibits: [null, content.exhibits.length],
        ...(content.nameMn ? { nameMn: [null, content.nameMn] } : {}),
        ...(content.introMn ? { introMn: [null, content.introMn] } : {}),
      },
    });
    return toPageView(row);
  });
}

async function loadVersion(ctx: Ctx, baseId: string, versionId: string, tx: Queryable) {
  const [row] = await tx
    .select()
    .from(basePages)
    .where(and(eq(basePages.id, versionId), eq(basePages.baseId, baseId)))
    .for("update");
  if (!row) throw new AppError(404, "NOT_FOUND", t("errors.not_found", { entity: t("entities.base_page") }));
  return row;
}

export async function submitPage(ctx: Ctx, baseId: string, versionId: string): Promise<PageVersionView> {
  return ctx.db.transaction(async (tx) => {
    const info = await loadBase(ctx, baseId, tx, true);
    requireOperate(info);
    const row = await loadVersion(ctx, baseId, versionId, tx);
    const moved = await pageMachine.move(tx, ctx, row, "submit", {
      set: { submittedAt: ctx.clock.now() },
      summary: `提交“${info.base.name}”数字展馆第 ${row.version} 版待审核`,
    });
    return toPageView(moved as PageRow);
  });
}

export async function publishPage(ctx: Ctx, baseId: string, versionId: string): Promise<PageVersionView> {
  return ctx.db.transaction(async (tx) => {
    const info = await loadBase(ctx, baseId, tx, true);
    requireSupervise(info);
    const row = await loadVersion(ctx, baseId, versionId, tx);
    pageMachine.assert(row.status, "publish");
    const previous = await tx
      .select()
      .from(basePages)
      .where(and(eq(basePages.baseId, baseId), eq(basePages.status, "published")))
      .for("update");
    for (const p of previous)
      await pageMachine.move(tx, ctx, p, "supersede", {
        summary: `“${info.base.name}”数字展馆第 ${p.version} 版被第 ${row.version} 版替代`,
      });
    const now = ctx.clock.now();
    const moved = await pageMachine.move(tx, ctx, row, "publish", {
      set: { publishedAt: now, publishedBy: ctx.actor.userId },
      summary: `发布“${info.base.name}”数字展馆第 ${row.version} 版`,
    });
    await tx.update(bases).set({ publishedVersion: row.version, updatedAt: now }).where(eq(bases.id, baseId));
    return toPageView(moved as PageRow);
  });
}

export async function returnPage(ctx: Ctx, baseId: string, versionId: string, reason: string) {
  return ctx.db.transaction(async (tx) => {
    const info = await loadBase(ctx, baseId, tx, true);
    requireSupervise(info);
    const row = await loadVersion(ctx, baseId, versionId, tx);
    const moved = await pageMachine.move(tx, ctx, row, "return", {
      set: { returnReason: reason },
      summary: `退回“${info.base.name}”数字展馆第 ${row.version} 版：${reason}`,
      changes: { returnReason: [null, reason] },
    });
    return toPageView(moved as PageRow);
  });
}

/** The page the public sees (the published version), or null. */
export async function publishedPage(db: Queryable, baseId: string): Promise<PageRow | null> {
  const [row] = await db
    .select()
    .from(basePages)
    .where(and(eq(basePages.baseId, baseId), eq(basePages.status, "published")))
    .orderBy(desc(basePages.version))
    .limit(1);
  return row ?? null;
}
