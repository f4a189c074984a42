import { and, arrayContains, asc, desc, eq, gte, inArray, lte, type SQL, sql } from "drizzle-orm";
import {
  MAX_MATERIAL_BYTES,
  type Material,
  type MaterialKind,
  type MaterialListQuery,
} from "../../../contracts/materials.js";
import { inScope, regionTreeWhere, requireScope, scopeWhere } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { AppError, errors } from "../../core/errors.js";
import { contentDisposition } from "../../core/http.js";
import { t } from "../../core/i18n.js";
import { paged, pageResult, sortTerm } from "../../core/paging.js";
import { backfillSearch, searchQuery, searchText } from "../../core/search.js";
import type { Queryable } from "../../db/client.js";
import { containsPattern } from "../../db/sql.js";
import { diff, recordAudit } from "../audit/index.js";
import { userNameSql } from "../identity/index.js";
import { orgById, orgNameSql } from "../org/index.js";
import { platformSettings } from "../system/index.js";
import { ALLOWED_TYPE_LABELS, ALLOWED_TYPES, type AllowedType, detectType } from "./file-type.js";
import { materials } from "./materials.schema.js";

type MaterialPermission = "material:read" | "material:update" | "material:archive";

export function kindOf(mime: string): MaterialKind {
  if (mime.startsWith("image/")) return "image";
  if (mime === "application/pdf") return "pdf";
  if (mime.startsWith("video/")) return "video";
  if (mime === "text/plain") return "text";
  return "office";
}

const KIND_MIMES: Record<MaterialKind, string[]> = {
  image: Object.keys(ALLOWED_TYPES).filter((m) => m.startsWith("image/")),
  pdf: ["application/pdf"],
  video: ["video/mp4"],
  text: ["text/plain"],
  office: Object.keys(ALLOWED_TYPES).filter((m) => kindOf(m) === "office"),
};

const select = {
  m: materials,
  orgName: orgNameSql(materials.orgId),
  ownerName: userNameSql(materials.ownerId),
};

type Row = { m: typeof materials.$inferSelect; orgName: string; ownerName: string };

function toMaterial(r: Row): Material {
  const { m } = r;
  return {
    id: m.id,
    orgId: m.orgId,
    orgName: r.orgName,
    regionCode: m.regionCode,
    ownerId: m.ownerId,
    ownerName: r.ownerName,
    title: m.title,
    materialDate: m.materialDate,
    tags: m.tags,
    description: m.description,
    fileName: m.fileName,
    fileHash: m.fileHash,
    mimeType: m.mimeType,
    kind: kindOf(m.mimeType),
    size: m.size,
    previewable: ALLOWED_TYPES[m.mimeType as AllowedType]?.preview ?? false,
    status: m.status,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}

function query(db: Queryable) {
  return db.select(select).from(materials);
}

function scoped(ctx: Ctx, permission: MaterialPermission | "material:upload") {
  return scopeWhere(requireScope(ctx.actor, permission), {
    region: materials.regionCode,
    org: materials.orgId,
    owner: materials.ownerId,
  });
}

const SORTS = {
  title: materials.title,
  materialDate: materials.materialDate,
  createdAt: materials.createdAt,
  size: materials.size,
};

/** A material is found by its 标题, 文件名 and 标签 (core/search.ts). */
export function materialSearch(m: { title: string; fileName: string; tags: string[] }) {
  return searchText(m.title, m.fileName, m.tags.join(" "));
}

/** Fills the search vector of materials written before it existed (bootstrap). */
export function backfillMaterialSearch(db: Queryable) {
  return backfillSearch(db, {
    table: materials,
    id: materials.id,
    search: materials.search,
    texts: [materials.title, materials.fileName, materials.tags],
  });
}

export async function listMaterials(ctx: Ctx, q: MaterialListQuery) {
  const conds: (SQL | undefined)[] = [scoped(ctx, "material:read"), eq(materials.status, q.status)];
  if (q.orgId) conds.push(eq(materials.orgId, q.orgId));
  if (q.mine) conds.push(eq(materials.ownerId, ctx.actor.userId));
  if (q.regionCode) conds.push(regionTreeWhere(materials.regionCode, q.regionCode));
  if (q.tag) conds.push(arrayContains(materials.tags, [q.tag]));
  if (q.kind) conds.push(inArray(materials.mimeType, KIND_MIMES[q.kind]));
  if (q.from) conds.push(gte(materials.materialDate, q.from));
  if (q.to) conds.push(lte(materials.materialDate, q.to));
  if (q.q) conds.push(searchQuery(materials.search, q.q));
  const where = and(...conds.filter(Boolean));
  const order = sortTerm(SORTS, q.sort) ?? desc(SORTS.createdAt);
  const [rows, [{ total }]] = await Promise.all([
    paged(query(ctx.db).where(where).orderBy(order, asc(materials.id)), q),
    ctx.db.select({ total: sql<number>`count(*)::int` }).from(materials).where(where),
  ]);
  return pageResult(rows.map(toMaterial), total, q);
}

/** A material the caller may see under `permission`, or 404. */
export async function getMaterial(
  ctx: Ctx,
  id: string,
  permission: MaterialPermission = "material:read",
  db: Queryable = ctx.db,
) {
  const [row] = await query(db).where(and(eq(materials.id, id), scoped(ctx, permission)));
  if (!row) throw errors.notFound("material");
  return toMaterial(row);
}

/**
 * Materials referenced by another record (an application, a report): all must exist and be visible to
 * the caller, otherwise a 400 naming the field. Other modules call this instead of reading the table.
 */
export async function assertMaterialsUsable(
  ctx: Ctx,
  ids: string[],
  field = "evidenceIds",
  db: Queryable = ctx.db,
): Promise<Material[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await query(db).where(
    and(inArray(materials.id, unique), scoped(ctx, "material:read"), eq(materials.status, "active")),
  );
  if (rows.length !== unique.length) throw errors.field(field, "errors.not_found", { entity: "引用的材料" });
  return rows.map(toMaterial);
}

export type Upload = {
  fileName: string;
  content: Buffer;
  title: string;
  materialDate?: string;
  tags: string[];
  description?: string;
  orgId?: string;
};

/** Stores a file once (by SM3 hash) and records it; the same content uploaded again by the unit returns the first record. */
export async function uploadMaterial(ctx: Ctx, input: Upload): Promise<Material & { duplicate: boolean }> {
  if (input.content.length === 0) throw errors.field("file", "materials.empty");
  // The administrators' limit (参数设置 → 平台运行), never above the server's hard limit.
  const { materialMaxMb } = await platformSettings(ctx.db);
  const limit = Math.min(MAX_MATERIAL_BYTES, materialMaxMb * 1024 * 1024);
  if (input.content.length > limit)
    throw errors.field("file", "materials.too_large", { limit: `${Math.round(limit / 1024 / 1024)} MB` });
  const mime = detectType(input.content, input.fileName);
  if (!mime) throw errors.field("file", "materials.type_not_allowed", { types: ALLOWED_TYPE_LABELS });
  const scope = requireScope(ctx.actor, "material:upload");
  let org = { id: ctx.actor.orgId, regionCode: ctx.actor.regionCode };
  if (input.orgId && input.orgId !== ctx.actor.orgId) {
    const target = await orgById(ctx.db, input.orgId);
    if (!target || !inScope(scope, { regionCode: target.regionCode, orgId: target.id }))
      throw errors.field("orgId", "errors.not_found", { entity: "所属机构" });
    org = { id: target.id, regionCode: target.regionCode };
  }
  const stored = await ctx.files.put(input.content);
  const result = await ctx.db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: materials.id, status: materials.status })
      .from(materials)
      .where(and(eq(materials.orgId, org.id), eq(materials.fileHash, stored.hash)));
    if (existing) {
      if (existing.status === "archived") {
        await tx
          .update(materials)
          .set({ status: "active", updatedAt: ctx.clock.now() })
          .where(eq(materials.id, existing.id));
        await recordAudit(tx, ctx.clock, ctx.actor, {
          category: "data",
          action: "material.restore",
          entity: "material",
          entityId: existing.id,
          regionCode: org.regionCode,
          orgId: org.id,
          summary: "重新上传已归档的相同材料，恢复原记录",
          changes: { status: ["archived", "active"] },
        });
      }
      return { id: existing.id, duplicate: true };
    }
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(materials)
      .values({
        orgId: org.id,
        regionCode: org.regionCode,
        ownerId: ctx.actor.userId,
        title: input.title,
        materialDate: input.materialDate ?? null,
        tags: [...new Set(input.tags)],
        description: input.description ?? null,
        fileName: input.fileName.slice(0, 200),
        search: materialSearch({ title: input.title, fileName: input.fileName.slice(0, 200), tags: input.tags }),
        fileHash: stored.hash,
        mimeType: mime,
        size: stored.size,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: materials.id });
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "material.upload",
      entity: "material",
      entityId: row.id,
      regionCode: org.regionCode,
      orgId: org.id,
      summary: `上传材料“${input.title}”（${input.fileName}，${stored.size} 字节）`,
      changes: { title: [null, input.title], fileHash: [null, stored.hash], tags: [null, input.tags] },
    });
    return { id: row.id, duplicate: false };
  });
  return { ...(await getMaterial(ctx, result.id)), duplicate: result.duplicate };
}

export async function updateMaterial(
  ctx: Ctx,
  id: string,
  patch: { title?: string; materialDate?: string | null; tags?: string[]; description?: string | null },
) {
  await ctx.db.transaction(async (tx) => {
    const before = await getMaterial(ctx, id, "material:update", tx);
    const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    await tx
      .update(materials)
      .set({ ...set, search: materialSearch({ ...before, ...set }), updatedAt: ctx.clock.now() })
      .where(eq(materials.id, id));
    const pick = (m: Partial<Material>) => ({
      title: m.title,
      materialDate: m.materialDate,
      tags: m.tags,
      description: m.description,
    });
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "material.update",
      entity: "material",
      entityId: id,
      regionCode: before.regionCode,
      orgId: before.orgId,
      summary: `修改材料“${before.title}”`,
      changes: diff(pick(before), pick({ ...before, ...set })),
    });
  });
  return getMaterial(ctx, id);
}

export async function setMaterialStatus(ctx: Ctx, id: string, status: "active" | "archived") {
  await ctx.db.transaction(async (tx) => {
    const before = await getMaterial(ctx, id, "material:archive", tx);
    if (before.status === status) return;
    await tx.update(materials).set({ status, updatedAt: ctx.clock.now() }).where(eq(materials.id, id));
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: status === "archived" ? "material.archive" : "material.restore",
      entity: "material",
      entityId: id,
      regionCode: before.regionCode,
      orgId: before.orgId,
      summary: `${status === "archived" ? "归档" : "恢复"}材料“${before.title}”`,
      changes: { status: [before.status, status] },
    });
  });
  return getMaterial(ctx, id);
}

/** The file of a material, for download (audited) or inline preview (images and PDF only). */
export async function readMaterialFile(ctx: Ctx, id: string, mode: "download" | "preview") {
  return fileOf(ctx, await getMaterial(ctx, id), mode);
}

/**
 * The file of a material reached through a record that references it (an application's evidence), not through
 * the library: the referencing module has already checked that the caller may read the record and that the
 * record references this material, so the caller's material:read scope is not applied here. Otherwise as
 * readMaterialFile: previews of images and PDF only, downloads audited as `material.download` (the summary
 * names the record, `via`). Archived materials stay readable, as references to them stay traceable.
 */
export async function readReferencedMaterialFile(ctx: Ctx, id: string, mode: "download" | "preview", via: string) {
  const [row] = await query(ctx.db).where(eq(materials.id, id));
  if (!row) throw errors.notFound("material");
  return fileOf(ctx, toMaterial(row), mode, via);
}

/**
 * Response headers of a material's file, as the library's /download and /preview send them: its type, the
 * (Chinese) file name in RFC 5987 form, never sniffed; previews sandboxed. `noStore` for files whose access
 * can be taken away (an expert's assignment), so no cache keeps them.
 */
export function materialFileHeaders(
  m: Pick<Material, "mimeType" | "fileName">,
  mode: "download" | "preview",
  opts: { noStore?: boolean } = {},
): Record<string, string> {
  return {
    "content-type": m.mimeType,
    "content-disposition": contentDisposition(m.fileName, { fallback: "file", inline: mode === "preview" }),
    "x-content-type-options": "nosniff",
    ...(mode === "preview"
      ? { "content-security-policy": "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'" }
      : {}),
    ...(opts.noStore
      ? { "cache-control": "no-store" }
      : mode === "preview"
        ? { "cache-control": "private, max-age=3600" }
        : {}),
  };
}

async function fileOf(ctx: Ctx, m: Material, mode: "download" | "preview", via?: string) {
  if (mode === "preview" && !m.previewable) throw errors.badRequest("NO_PREVIEW", "materials.no_preview");
  const content = await ctx.files.get(m.fileHash);
  if (!content) throw new AppError(500, "FILE_MISSING", t("materials.file_missing"));
  if (mode === "download") {
    await ctx.db.transaction((tx) =>
      recordAudit(tx, ctx.clock, ctx.actor, {
        category: "access",
        action: "material.download",
        entity: "material",
        entityId: m.id,
        regionCode: m.regionCode,
        orgId: m.orgId,
        summary: `下载材料“${m.title}”${via ? `（${via}）` : ""}`,
      }),
    );
  }
  return { material: m, content };
}

export async function listTags(ctx: Ctx): Promise<string[]> {
  const where = and(scoped(ctx, "material:read"), eq(materials.status, "active"));
  const res = await ctx.db.execute<{ tag: string }>(
    sql`SELECT DISTINCT unnest(${materials.tags}) AS tag FROM ${materials} WHERE ${where ?? sql`true`} ORDER BY 1 LIMIT 200`,
  );
  return res.rows.map((r) => r.tag);
}

/** Title, file name, type and size of referenced materials, for display (access is checked when they are attached). */
export async function materialRefs(db: Queryable, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      id: materials.id,
      title: materials.title,
      fileName: materials.fileName,
      mimeType: materials.mimeType,
      size: materials.size,
    })
    .from(materials)
    .where(inArray(materials.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is (typeof rows)[number] => !!r);
}

/**
 * The file of a material shown on a public page (an 教育基地's published 数字展馆): the referencing module has
 * checked that the published page references it. Inline, cacheable by the public; no audit (nothing personal).
 */
export async function readPublishedMaterialFile(db: Queryable, files: Ctx["files"], id: string) {
  const [row] = await query(db).where(eq(materials.id, id));
  if (!row) throw errors.notFound("material");
  const m = toMaterial(row);
  const content = await files.get(m.fileHash);
  if (!content) throw new AppError(500, "FILE_MISSING", t("materials.file_missing"));
  return { mimeType: m.mimeType, fileName: m.fileName, content };
}
