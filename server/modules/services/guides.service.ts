/**
 * 服务指南 (宣传教育平台, seed 004 ch.7 §3(四)): what each service covers, the conditions and materials, the
 * procedure and what to watch for — written once by the department that runs the windows and shown on the portal,
 * on the window's LED screen and in the printed 宣传材料. The time limit is not typed into the guide: it is read
 * from the module's settings, the same figure the departments' clocks run on.
 *
 * Access: read under service:read (region scope); written, published and withdrawn under service:manage in the
 * scope of the publishing organization. The public sees published versions only.
 */
import { and, asc, desc, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import {
  GUIDE_STATUS_LABELS,
  type GuideContent,
  type GuideView,
  guideContent,
  type guideInput,
  LEGAL_AID,
  type PublicGuides,
  SERVICE_CATEGORY_DICT,
} from "../../../contracts/services.js";
import { inScope, scopeFor, scopeWhere } from "../../core/access.js";
import type { Ctx, Deps } from "../../core/context.js";
import { dictLabels, requireDictCode } from "../../core/dict.js";
import { AppError, errors } from "../../core/errors.js";
import { t } from "../../core/i18n.js";
import { revisionCache } from "../../core/revisions.js";
import { defineMachine } from "../../core/state-machine.js";
import type { Tx } from "../../db/client.js";
import { diff, recordAudit } from "../audit/index.js";
import { ancestorCodes, orgById, orgNameSql, regionNameSql, regionNames } from "../org/index.js";
import { listPublicWindows } from "./public.service.js";
import { serviceGuides, serviceGuideVersions } from "./services.schema.js";
import { requireManages } from "./services-access.js";
import { timeLimits } from "./settings.js";

const G = serviceGuides;
type GuideRow = typeof G.$inferSelect;

const CONTENT_KEYS = Object.keys(guideContent.shape) as (keyof GuideContent)[];

function contentOf(input: GuideContent): GuideContent {
  return Object.fromEntries(CONTENT_KEYS.map((k) => [k, input[k] ?? ""])) as GuideContent;
}
const same = (a: Record<string, string> | null, b: Record<string, string>) =>
  !!a && CONTENT_KEYS.every((k) => (a[k] ?? "") === (b[k] ?? ""));

export const guideMachine = defineMachine({
  entity: "service_guide",
  auditPrefix: "service_guide",
  table: G,
  labels: GUIDE_STATUS_LABELS,
  transitions: {
    publish: {
      from: ["draft", "published", "withdrawn"],
      to: ["published"],
      label: "发布",
      guard: (_tx, row) => {
        if (row.status === "published" && same(row.published, row.content))
          throw new AppError(409, "NOTHING_TO_PUBLISH", t("services.guide_not_draft"));
      },
    },
    withdraw: { from: ["published"], to: ["withdrawn"], label: "撤回" },
  },
  audit: recordAudit,
  scope: (r) => ({ regionCode: r.regionCode, orgId: r.orgId }),
});

/**
 * The guides a caller reads: those of the service:read scope, and the published guides that apply where the
 * caller works (its region and the levels above), so a window worker sees what the people at the window read.
 */
function readWhere(ctx: Ctx) {
  const scope = scopeFor(ctx.actor, "service:read");
  if (!scope) throw errors.forbidden("service:read");
  const here = [ctx.actor.regionCode, ...ancestorCodes(ctx.actor.regionCode)];
  return or(
    scopeWhere(scope, { region: G.regionCode, org: G.orgId }) ?? sql`true`,
    and(eq(G.status, "published"), inArray(G.regionCode, here)),
  ) as SQL;
}

function manages(ctx: Ctx, row: { regionCode: string; orgId: string }) {
  const scope = scopeFor(ctx.actor, "service:manage");
  return !!scope && inScope(scope, row);
}

function toView(
  ctx: Ctx,
  row: GuideRow,
  names: { orgName: string; regionName: string | null },
  labels: Map<string, string>,
): GuideView {
  return {
    id: row.id,
    orgId: row.orgId,
    orgName: names.orgName,
    regionCode: row.regionCode,
    regionName: names.regionName ?? "",
    category: row.category,
    categoryLabel: labels.get(row.category) ?? row.category,
    ...(contentOf(row.content as GuideContent) as GuideContent),
    status: row.status,
    version: row.version,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    unpublishedChanges: row.status !== "draft" && !same(row.published, row.content),
    withdrawReason: row.withdrawReason,
    updatedAt: row.updatedAt.toISOString(),
    canManage: manages(ctx, row),
  };
}

export async function listGuides(ctx: Ctx): Promise<GuideView[]> {
  const [rows, labels] = await Promise.all([
    ctx.db
      .select({ g: G, orgName: orgNameSql(G.orgId), regionName: regionNameSql(G.regionCode) })
      .from(G)
      .where(readWhere(ctx))
      .orderBy(asc(G.regionCode), asc(G.orgId), asc(G.category)),
    dictLabels(ctx.db, SERVICE_CATEGORY_DICT), // in the dictionary's order; disabled categories keep their label
  ]);
  // By region, then publishing organization, then the dictionary's order of categories (法律援助 first).
  const order = [...labels.keys()];
  const rank = (c: string) => (order.includes(c) ? order.indexOf(c) : order.length);
  const sorted = rows.sort(
    (a, b) =>
      a.g.regionCode.localeCompare(b.g.regionCode) ||
      a.g.orgId.localeCompare(b.g.orgId) ||
      rank(a.g.category) - rank(b.g.category),
  );
  return sorted.map((r) => toView(ctx, r.g, r, labels));
}

/** The guide the caller may read, or 404 (one outside the scope is never told apart from none). */
async function readable(ctx: Ctx, id: string): Promise<GuideRow> {
  const [row] = await ctx.db
    .select()
    .from(G)
    .where(and(eq(G.id, id), readWhere(ctx)));
  if (!row) throw errors.notFound("service_guide");
  return row;
}

async function viewOf(ctx: Ctx, id: string): Promise<GuideView> {
  const [r] = await ctx.db
    .select({ g: G, orgName: orgNameSql(G.orgId), regionName: regionNameSql(G.regionCode) })
    .from(G)
    .where(eq(G.id, id));
  return toView(ctx, r.g, r, await dictLabels(ctx.db, SERVICE_CATEGORY_DICT));
}

export async function saveGuide(ctx: Ctx, id: string | null, input: z.infer<typeof guideInput>): Promise<GuideView> {
  if (id) await readable(ctx, id);
  const org = await orgById(ctx.db, input.orgId);
  if (!org || org.status !== "active") throw errors.field("orgId", "services.org_unknown");
  requireManages(ctx, { regionCode: org.regionCode, orgId: org.id }, "service_guide");
  const categoryLabel = await requireDictCode(ctx.db, SERVICE_CATEGORY_DICT, input.category, "category");
  const content = contentOf(input);
  const savedId = await ctx.db.transaction(async (tx) => {
    const [before] = id ? await tx.select().from(G).where(eq(G.id, id)).for("update") : [];
    if (before) requireManages(ctx, before, "service_guide");
    const [taken] = await tx
      .select({ id: G.id })
      .from(G)
      .where(and(eq(G.orgId, org.id), eq(G.category, input.category)));
    if (taken && taken.id !== before?.id) {
      const region = (await regionNames(tx, [org.regionCode])).get(org.regionCode) ?? org.name;
      throw errors.field("category", "services.guide_taken", { region, category: categoryLabel });
    }
    const values = { orgId: org.id, regionCode: org.regionCode, category: input.category, content };
    const [row] = before
      ? await tx
          .update(G)
          .set({ ...values, updatedAt: ctx.clock.now() })
          .where(eq(G.id, before.id))
          .returning()
      : await tx
          .insert(G)
          .values({ ...values, createdBy: ctx.actor.userId })
          .returning();
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: before ? "service_guide.update" : "service_guide.create",
      entity: "service_guide",
      entityId: row.id,
      regionCode: row.regionCode,
      orgId: row.orgId,
      summary: `${before ? "修改" : "编写"}服务指南“${content.title}”（${categoryLabel}）`,
      changes: diff(before ? { category: before.category, ...(before.content as object) } : {}, {
        category: input.category,
        ...content,
      }),
    });
    return row.id;
  });
  return viewOf(ctx, savedId);
}

async function locked(ctx: Ctx, id: string) {
  await readable(ctx, id);
  return async (tx: Tx) => {
    const [row] = await tx.select().from(G).where(eq(G.id, id)).for("update");
    if (!row) throw errors.notFound("service_guide");
    requireManages(ctx, row, "service_guide");
    return row;
  };
}

/** 发布: the working copy becomes what the public sees, as a new version in the history. */
export async function publishGuide(ctx: Ctx, id: string): Promise<GuideView> {
  const lock = await locked(ctx, id);
  const by = ctx.actor.displayName || ctx.actor.username;
  await ctx.db.transaction(async (tx) => {
    const row = await lock(tx);
    const version = row.version + 1;
    const now = ctx.clock.now();
    const content = row.content as GuideContent;
    await guideMachine.move(tx, ctx, row, "publish", {
      set: { published: content, version, publishedAt: now, withdrawReason: null },
      summary: `发布服务指南“${content.title}”第 ${version} 版`,
      changes: { version: [row.version, version] },
    });
    await tx.insert(serviceGuideVersions).values({
      guideId: row.id,
      version,
      content,
      publishedAt: now,
      publishedBy: ctx.actor.userId,
      publishedByName: by,
    });
  });
  return viewOf(ctx, id);
}

/** 撤回: the guide leaves the portal (and the screen); its history stays. */
export async function withdrawGuide(ctx: Ctx, id: string, reason: string): Promise<GuideView> {
  const lock = await locked(ctx, id);
  await ctx.db.transaction(async (tx) => {
    const row = await lock(tx);
    await guideMachine.move(tx, ctx, row, "withdraw", {
      set: { withdrawReason: reason },
      summary: `撤回服务指南“${(row.content as GuideContent).title}”：${reason}`,
      changes: { reason: [null, reason] },
    });
  });
  return viewOf(ctx, id);
}

export async function guideVersions(ctx: Ctx, id: string) {
  await readable(ctx, id);
  const rows = await ctx.db
    .select()
    .from(serviceGuideVersions)
    .where(eq(serviceGuideVersions.guideId, id))
    .orderBy(desc(serviceGuideVersions.version));
  return rows.map((v) => ({
    version: v.version,
    publishedAt: v.publishedAt.toISOString(),
    publishedBy: v.publishedByName,
    content: contentOf(v.content as GuideContent),
  }));
}

/**
 * The portal's guides: the regions that publish some, and for the chosen region its own guides, each category
 * it has none for taken from the nearest level above (a 旗 without a 就业 guide shows the 市's); with the
 * windows of the region and the time limits from the settings.
 */
/**
 * Kept per region in a revision cache: every write to the guides or the windows bumps 'service_guides' (migration
 * 0040), so a cached page is never older than the last write; the time limits (settings) and category names
 * (dictionary) lag by at most the minute of the cache.
 */
const portalCache = revisionCache<PublicGuides>({ keys: ["service_guides"], ttlMs: 60_000, size: 1000 });

export function publicGuides(deps: Deps, region?: string): Promise<PublicGuides> {
  return portalCache.get(deps, region ?? "", (db) => computePublicGuides({ ...deps, db }, region));
}

async function computePublicGuides(deps: Deps, region?: string): Promise<PublicGuides> {
  const published = eq(G.status, "published");
  const counts = await deps.db
    .select({ code: G.regionCode, count: sql<number>`count(*)::int` })
    .from(G)
    .where(published)
    .groupBy(G.regionCode)
    .orderBy(asc(G.regionCode));
  const names = await regionNames(deps.db, [...counts.map((c) => c.code), ...(region ? [region] : [])]);
  const regions = counts.map((c) => ({ code: c.code, name: names.get(c.code) ?? "", count: c.count }));
  // No region named: the most local region that publishes, in code order (the first 旗 before its 市).
  const chosen = region ?? [...regions].sort((a, b) => b.code.length - a.code.length)[0]?.code;
  if (!chosen) return { regions, region: null, guides: [], windows: [] };
  const levels = [chosen, ...ancestorCodes(chosen).reverse()];
  const [rows, labels, limits, windows] = await Promise.all([
    deps.db
      .select({ g: G, orgName: orgNameSql(G.orgId), regionName: regionNameSql(G.regionCode) })
      .from(G)
      .where(and(published, inArray(G.regionCode, levels))),
    dictLabels(deps.db, SERVICE_CATEGORY_DICT),
    timeLimits(deps.db),
    listPublicWindows(deps, chosen),
  ]);
  const depth = (code: string) => levels.indexOf(code);
  const nearest = new Map<string, (typeof rows)[number]>();
  for (const r of [...rows].sort((a, b) => depth(a.g.regionCode) - depth(b.g.regionCode)))
    if (!nearest.has(r.g.category)) nearest.set(r.g.category, r);
  const order = [...labels.keys()];
  const guides = [...nearest.values()]
    .sort((a, b) => order.indexOf(a.g.category) - order.indexOf(b.g.category))
    .map(({ g, orgName, regionName }) => ({
      category: g.category,
      categoryLabel: labels.get(g.category) ?? g.category,
      regionName: regionName ?? "",
      orgName,
      ...contentOf((g.published ?? {}) as GuideContent),
      timeLimitDays: limits[g.category] ?? null,
      green: g.category === LEGAL_AID,
      version: g.version,
      publishedAt: g.publishedAt?.toISOString() ?? "",
    }));
  return {
    regions,
    region: names.get(chosen) ? { code: chosen, name: names.get(chosen) ?? "" } : null,
    guides,
    windows,
  };
}
