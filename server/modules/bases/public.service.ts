/**
 * What the public portal sees of 教育基地 (no sign-in): the directory of bases in the register (active or under
 * 复核, never revoked) with a distribution by region and distance order, each base's published page and its
 * files, the sessions open for booking. Nothing personal; bookings are reached by their code only.
 */

import { and, asc, eq, gte, inArray, type SQL, sql } from "drizzle-orm";
import QRCode from "qrcode";
import { BASE_KIND_DICT, BASE_LEVEL_LABELS, type PageContent } from "../../../contracts/bases.js";
import { beijingDate } from "../../../contracts/dates.js";
import { regionTreeWhere } from "../../core/access.js";
import type { Deps } from "../../core/context.js";
import { dictLabelSql, listDict } from "../../core/dict.js";
import { errors } from "../../core/errors.js";
import { searchQuery } from "../../core/search.js";
import { materialRefs, readPublishedMaterialFile } from "../materials/index.js";
import { regionNameSql, regionNames } from "../org/index.js";
import { basePages, baseSessions, bases } from "./bases.schema.js";
import { toSessionView } from "./booking.service.js";
import { fullContent, pageMaterialIds, publishedPage } from "./page.service.js";

const CHILD_LENGTH: Record<number, number> = { 0: 4, 2: 4, 4: 6, 6: 9, 9: 12, 12: 12 };
const listed = inArray(bases.status, ["active", "reviewing"]);

type DirectoryQuery = {
  page: number;
  pageSize: number;
  q?: string;
  kind?: string;
  level?: (typeof bases.$inferSelect)["level"];
  regionCode?: string;
  lat?: number;
  lng?: number;
};

export async function publicDirectory(deps: Deps, q: DirectoryQuery) {
  const conds: (SQL | undefined)[] = [listed];
  if (q.kind) conds.push(eq(bases.kind, q.kind));
  if (q.level) conds.push(eq(bases.level, q.level));
  if (q.q) conds.push(searchQuery(bases.search, q.q));
  const base = and(...conds);
  const where = and(base, q.regionCode ? regionTreeWhere(bases.regionCode, q.regionCode) : undefined);
  const near = q.lat !== undefined && q.lng !== undefined;
  // Great-circle distance (haversine, km); bases without coordinates last.
  const distance = near
    ? sql<
        number | null
      >`(6371 * 2 * asin(sqrt(power(sin(radians(${bases.lat} - ${q.lat}) / 2), 2) + cos(radians(${q.lat})) * cos(radians(${bases.lat})) * power(sin(radians(${bases.lng} - ${q.lng}) / 2), 2))))`
    : sql<number | null>`null::float8`;
  const len = CHILD_LENGTH[q.regionCode?.length ?? 0] ?? 12;
  const [rows, [{ total }], byRegion, kinds] = await Promise.all([
    deps.db
      .select({
        id: bases.id,
        name: bases.name,
        kindLabel: dictLabelSql(BASE_KIND_DICT, sql`bases.kind`),
        level: bases.level,
        regionName: regionNameSql(sql`bases.region_code`),
        address: bases.address,
        openingHours: bases.openingHours,
        hasPage: sql<boolean>`${bases.publishedVersion} is not null`,
        coverId: sql<
          string | null
        >`(select p.content->'galleryIds'->>0 from ${basePages} p where p.base_id = bases.id and p.status = 'published' limit 1)`,
        nameMn: sql<string>`coalesce((select p.content->>'nameMn' from ${basePages} p where p.base_id = bases.id and p.status = 'published' limit 1), '')`,
        distanceKm: distance,
      })
      .from(bases)
      .where(where)
      .orderBy(
        ...(near ? [sql`${distance} asc nulls last`] : []),
        asc(bases.regionCode),
        asc(bases.name),
        asc(bases.id),
      )
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    deps.db.select({ total: sql<number>`count(*)::int` }).from(bases).where(where),
    deps.db
      .select({ code: sql<string>`substr(${bases.regionCode}, 1, ${len})`, count: sql<number>`count(*)::int` })
      .from(bases)
      .where(and(base, q.regionCode ? regionTreeWhere(bases.regionCode, q.regionCode) : undefined))
      .groupBy(sql`1`)
      .orderBy(sql`1`),
    listDict(deps.db, BASE_KIND_DICT),
  ]);
  const names = await regionNames(
    deps.db,
    byRegion.map((r) => r.code),
  );
  return {
    items: rows.map((r) => ({
      ...r,
      regionName: r.regionName ?? "",
      distanceKm: r.distanceKm === null ? null : Math.round(Number(r.distanceKm) * 10) / 10,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
    byRegion: byRegion.map((r) => ({
      regionCode: r.code,
      regionName: names.get(r.code) ?? r.code,
      count: Number(r.count),
    })),
    kinds: kinds.map((k) => ({ code: k.code, label: k.label })),
  };
}

async function listedBase(deps: Deps, id: string) {
  const [row] = await deps.db
    .select({
      b: bases,
      kindLabel: dictLabelSql(BASE_KIND_DICT, sql`bases.kind`),
      regionName: regionNameSql(sql`bases.region_code`),
    })
    .from(bases)
    .where(and(eq(bases.id, id), listed));
  if (!row) throw errors.notFound("base");
  return row;
}

/** A base's published page (404 when it has none), with its upcoming sessions open for booking. */
export async function publicBasePage(deps: Deps, id: string) {
  const today = beijingDate(deps.clock.now());
  const now = deps.clock.now();
  // The base, its page and its sessions at once (one round trip's wait); a base not listed or without a page is 404.
  const [{ b, kindLabel, regionName }, page, sessions] = await Promise.all([
    listedBase(deps, id),
    publishedPage(deps.db, id),
    deps.db
      .select()
      .from(baseSessions)
      .where(and(eq(baseSessions.baseId, id), gte(baseSessions.date, today), sql`${baseSessions.closesAt} >= ${now}`))
      .orderBy(asc(baseSessions.date), asc(baseSessions.startTime))
      .limit(60),
  ]);
  if (!page) throw errors.notFound("base_page");
  const files = await materialRefs(deps.db, pageMaterialIds(page.content as PageContent));
  return {
    id: b.id,
    name: b.name,
    kindLabel,
    level: b.level,
    levelLabel: BASE_LEVEL_LABELS[b.level],
    regionName: regionName ?? "",
    address: b.address,
    lat: b.lat,
    lng: b.lng,
    openingHours: b.openingHours,
    closedDays: b.closedDays,
    contactPhone: b.contactPhoneEnc ? deps.cipher.decrypt(b.contactPhoneEnc) : null,
    version: page.version,
    publishedAt: (page.publishedAt ?? page.updatedAt).toISOString(),
    content: fullContent(page.content as PageContent),
    files: files.map((f) => ({ id: f.id, title: f.title, mimeType: f.mimeType })),
    sessions: sessions.map(toSessionView),
  };
}

/** A file of a base's published page (only files the published version references). */
export async function publicBaseFile(deps: Deps, id: string, fileId: string) {
  await listedBase(deps, id);
  const page = await publishedPage(deps.db, id);
  const ids = page ? pageMaterialIds(page.content as PageContent) : [];
  if (!ids.includes(fileId)) throw errors.notFound("material");
  return readPublishedMaterialFile(deps.db, deps.files, fileId);
}

/**
 * The QR code of an exhibit of a base's published page (SVG): it opens the exhibit's own page on a phone. `origin`
 * is the portal's address as the visitor reached it.
 */
export async function exhibitQrSvg(deps: Deps, id: string, exhibitId: string, origin: string): Promise<string> {
  await listedBase(deps, id);
  const page = await publishedPage(deps.db, id);
  const content = page?.content as PageContent | undefined;
  if (!content?.exhibits.some((e) => e.id === exhibitId)) throw errors.notFound("base_page");
  const url = `${origin}/bases/${id}/exhibits/${encodeURIComponent(exhibitId)}`;
  return QRCode.toString(url, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
}
