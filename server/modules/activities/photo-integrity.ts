/**
 * Photo integrity (to cut 过度留痕 and recycled pictures): each photo a record references is fingerprinted by its
 * content hash (the material's SM3, so two units' uploads of the same file match even though each unit keeps its
 * own material record) and its EXIF capture time, read from the JPEG bytes here. No image decoder is installed,
 * so a near copy (re-encoded or resized) is not detected; an exact copy is. The checks flag, never refuse:
 *
 *   reused       — the same content is in a record of another organizer;
 *   capture_far  — the capture time lies more than 30 days before the start or after the end of the activity.
 */
import { and, eq, inArray, ne } from "drizzle-orm";
import { PHOTO_CAPTURE_TOLERANCE_DAYS, PHOTO_FLAG_LABELS, type PhotoFlag } from "../../../contracts/activities.js";
import { addDays, beijingDate } from "../../../contracts/dates.js";
import type { Ctx } from "../../core/context.js";
import type { Queryable, Tx } from "../../db/client.js";
import { orgNameSql } from "../org/index.js";
import { activityPhotos, activityRecords } from "./activities.schema.js";

/** Reads a big- or little-endian TIFF value. */
function reader(buf: Buffer, little: boolean) {
  return {
    u16: (o: number) => (little ? buf.readUInt16LE(o) : buf.readUInt16BE(o)),
    u32: (o: number) => (little ? buf.readUInt32LE(o) : buf.readUInt32BE(o)),
  };
}

/** "2026:09:12 10:30:00" as an instant, read as Beijing time (EXIF carries no zone). */
function exifTime(s: string): Date | null {
  const m = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})/.exec(s);
  if (!m) return null;
  const at = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+08:00`);
  return Number.isNaN(at.getTime()) ? null : at;
}

/**
 * The EXIF DateTimeOriginal (or, without it, DateTime) of a JPEG, or null: walks the markers to APP1 "Exif",
 * then IFD0 → the Exif IFD. Any malformed structure gives null, never an error.
 */
export function jpegCaptureTime(buf: Buffer): Date | null {
  try {
    if (buf.length < 4 || buf[0] !== 0xff || buf[1] !== 0xd8) return null;
    let p = 2;
    while (p + 4 <= buf.length) {
      if (buf[p] !== 0xff) return null;
      const marker = buf[p + 1];
      if (marker === 0xd9 || marker === 0xda) return null;
      const len = buf.readUInt16BE(p + 2);
      if (marker === 0xe1 && buf.toString("latin1", p + 4, p + 10) === "Exif\0\0") {
        return tiffTime(buf.subarray(p + 10, p + 2 + len));
      }
      p += 2 + len;
    }
    return null;
  } catch {
    return null;
  }
}

function tiffTime(tiff: Buffer): Date | null {
  const order = tiff.toString("latin1", 0, 2);
  if (order !== "II" && order !== "MM") return null;
  const r = reader(tiff, order === "II");
  const ascii = (entry: number) => {
    const count = r.u32(entry + 4);
    const off = count <= 4 ? entry + 8 : r.u32(entry + 8);
    return tiff.toString("latin1", off, off + count).replace(/\0+$/, "");
  };
  const entries = (ifd: number) => {
    const n = r.u16(ifd);
    return Array.from({ length: n }, (_, i) => ifd + 2 + i * 12);
  };
  const ifd0 = r.u32(4);
  let dateTime: string | null = null;
  let exifIfd: number | null = null;
  for (const e of entries(ifd0)) {
    const tag = r.u16(e);
    if (tag === 0x0132) dateTime = ascii(e);
    if (tag === 0x8769) exifIfd = r.u32(e + 8);
  }
  if (exifIfd !== null) {
    for (const e of entries(exifIfd))
      if (r.u16(e) === 0x9003) return exifTime(ascii(e)) ?? (dateTime ? exifTime(dateTime) : null);
  }
  return dateTime ? exifTime(dateTime) : null;
}

/** Rewrites a record's photo fingerprints (in the caller's transaction) from the materials it references. */
export async function writePhotoPrints(
  ctx: Ctx,
  tx: Tx,
  activityId: string,
  orgId: string,
  photos: { id: string; fileHash: string; mimeType: string }[],
) {
  await tx.delete(activityPhotos).where(eq(activityPhotos.activityId, activityId));
  if (photos.length === 0) return;
  const rows = [];
  for (const p of photos) {
    const content = p.mimeType === "image/jpeg" ? await ctx.files.get(p.fileHash) : null;
    rows.push({
      activityId,
      materialId: p.id,
      fileHash: p.fileHash,
      takenAt: content ? jpegCaptureTime(content) : null,
      orgId,
    });
  }
  await tx.insert(activityPhotos).values(rows).onConflictDoNothing();
}

/** The flags of records' photos, by record id (reused elsewhere by another organizer, or taken far from the date). */
export async function photoFlags(
  db: Queryable,
  records: { id: string; orgId: string; startDate: string; endDate: string }[],
): Promise<Map<string, PhotoFlag[]>> {
  const out = new Map<string, PhotoFlag[]>(records.map((r) => [r.id, []]));
  if (records.length === 0) return out;
  const byId = new Map(records.map((r) => [r.id, r]));
  const prints = await db
    .select()
    .from(activityPhotos)
    .where(
      inArray(
        activityPhotos.activityId,
        records.map((r) => r.id),
      ),
    );
  for (const p of prints) {
    if (!p.takenAt) continue;
    const rec = byId.get(p.activityId);
    if (!rec) continue;
    const taken = beijingDate(p.takenAt);
    const lo = addDays(rec.startDate, -PHOTO_CAPTURE_TOLERANCE_DAYS);
    const hi = addDays(rec.endDate, PHOTO_CAPTURE_TOLERANCE_DAYS);
    if (taken < lo || taken > hi)
      out.get(p.activityId)?.push({
        kind: "capture_far",
        materialId: p.materialId,
        message: `${PHOTO_FLAG_LABELS.capture_far}（拍摄于 ${taken}）`,
        otherActivityId: null,
        otherActivityTitle: null,
        otherOrgName: null,
        takenAt: p.takenAt.toISOString(),
      });
  }
  const hashes = [...new Set(prints.map((p) => p.fileHash))];
  if (hashes.length > 0) {
    const others = await db
      .select({
        fileHash: activityPhotos.fileHash,
        activityId: activityPhotos.activityId,
        orgId: activityPhotos.orgId,
        title: activityRecords.title,
        orgName: orgNameSql(activityPhotos.orgId),
      })
      .from(activityPhotos)
      .innerJoin(activityRecords, eq(activityRecords.id, activityPhotos.activityId))
      .where(and(inArray(activityPhotos.fileHash, hashes), ne(activityRecords.status, "draft")));
    for (const p of prints) {
      const rec = byId.get(p.activityId);
      if (!rec) continue;
      const seen = new Set<string>();
      for (const o of others) {
        if (o.fileHash !== p.fileHash || o.orgId === rec.orgId || o.activityId === rec.id) continue;
        if (seen.has(o.activityId)) continue;
        seen.add(o.activityId);
        out.get(p.activityId)?.push({
          kind: "reused",
          materialId: p.materialId,
          message: `${PHOTO_FLAG_LABELS.reused}：${o.orgName}“${o.title}”`,
          otherActivityId: o.activityId,
          otherActivityTitle: o.title,
          otherOrgName: o.orgName,
          takenAt: p.takenAt?.toISOString() ?? null,
        });
      }
    }
  }
  return out;
}
