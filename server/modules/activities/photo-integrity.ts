/**
 * Photo integrity (to cut 过度留痕 and recycled pictures): each photo a record references is fingerprinted when
 * the record is saved, and the checks flag, never refuse:
 *
 *   reused       — the same content (the material's SM3, so two units' uploads of one file match even though
 *                  each unit keeps its own material record) is in a record of another organizer;
 *   similar      — a near copy (resized, re-encoded, brightened, cropped by a few pixels) is: the pictures'
 *                  64-bit difference hashes (dHash: a 9×8 grey thumbnail, one bit per neighbouring pair) differ
 *                  in at most NEAR_COPY_MAX_BITS bits. Measured on 30 generated scenes: a copy made smaller
 *                  (500–1000 px) and recompressed (quality 40–70) differs by 0–9 bits, most by 0–5; a 1.5% crop
 *                  by up to 10; two different scenes by 17 or more;
 *   capture_far  — the EXIF capture time lies more than 30 days before the start or after the end of the activity.
 *
 * Near copies are found when a record's photos are written, not when they are read. The hash is cut into six
 * bands, and two hashes at most INDEX_SURE_BITS bits apart share a band exactly (six bands, five differing bits:
 * one band holds none), so the candidates are one GIN index read (`phash_bands &&`), each checked bit by bit here.
 * Copies 6–8 bits apart are found when they happen to share a band: for random differing bits that is 98% of
 * pairs 6 bits apart, 93% at 7 and 86% at 8 (counted over 200,000 draws); finding every one would mean comparing
 * with every stored picture. The matches are stored in both directions, so the earlier record is flagged too, and a record's flags
 * cost one index read on the list and the detail. Pictures too plain to compare (a flat colour, a tiny image)
 * get no hash. Decoding is limited (pixels, time of one sharp call) and any failure means "no hash", never an
 * error. Two records saved at the same moment do not see each other's uncommitted prints: the pair is found
 * when either is next saved.
 */
import { and, eq, inArray, ne, or, sql } from "drizzle-orm";
import sharp from "sharp";
import { PHOTO_CAPTURE_TOLERANCE_DAYS, PHOTO_FLAG_LABELS, type PhotoFlag } from "../../../contracts/activities.js";
import { addDays, beijingDate } from "../../../contracts/dates.js";
import type { Ctx } from "../../core/context.js";
import type { Queryable, Tx } from "../../db/client.js";
import { orgNameSql } from "../org/index.js";
import { activityPhotoMatches, activityPhotos, activityRecords } from "./activities.schema.js";

/** Differing bits (of 64) up to which two pictures are near copies. */
export const NEAR_COPY_MAX_BITS = 8;
/** Differing bits up to which the band index is certain to find a pair (one less than the number of bands). */
export const INDEX_SURE_BITS = 5;
/** Band widths of the 64-bit hash (sum 64). */
const BANDS = [11, 11, 11, 11, 10, 10];
/** Largest picture decoded for a hash (pixels): a 50-megapixel photo; larger ones get no hash. */
const MAX_PIXELS = 50_000_000;
/** Images this small (either side, pixels) or this flat (grey levels between the thumbnail's extremes) get no hash. */
const MIN_SIDE = 32;
const MIN_CONTRAST = 12;

sharp.cache(false);

/**
 * The picture's 64-bit difference hash, or null (not decodable, too large, too small or too plain). EXIF
 * orientation is applied first, so a copy saved upright matches the original.
 */
export async function perceptualHash(buf: Buffer): Promise<bigint | null> {
  try {
    const img = sharp(buf, { limitInputPixels: MAX_PIXELS, sequentialRead: true, failOn: "error" }).timeout({
      seconds: 10,
    });
    const meta = await img.metadata();
    if (!meta.width || !meta.height || meta.width < MIN_SIDE || meta.height < MIN_SIDE) return null;
    const px = await img.rotate().greyscale().resize(9, 8, { fit: "fill" }).raw().toBuffer();
    if (px.length !== 72) return null;
    let lo = 255;
    let hi = 0;
    let h = 0n;
    for (let y = 0; y < 8; y++)
      for (let x = 0; x < 8; x++) {
        const a = px[y * 9 + x];
        const b = px[y * 9 + x + 1];
        lo = Math.min(lo, a, b);
        hi = Math.max(hi, a, b);
        h = (h << 1n) | (a < b ? 1n : 0n);
      }
    return hi - lo < MIN_CONTRAST ? null : h;
  } catch {
    return null;
  }
}

/** The hash's bands, each tagged with its position (band i value v → i·2048 + v), for the GIN index. */
export function hashBands(h: bigint): number[] {
  const out: number[] = [];
  let shift = 64n;
  BANDS.forEach((width, i) => {
    shift -= BigInt(width);
    out.push(i * 2048 + Number((h >> shift) & ((1n << BigInt(width)) - 1n)));
  });
  return out;
}

/** Bits in which two hashes differ. */
export function hashDistance(a: bigint, b: bigint): number {
  let x = BigInt.asUintN(64, a ^ b);
  let n = 0;
  while (x) {
    x &= x - 1n;
    n++;
  }
  return n;
}

/** Hashes are stored as signed 64-bit integers (PostgreSQL bigint). */
const toStored = (h: bigint) => BigInt.asIntN(64, h);
const fromStored = (h: bigint) => BigInt.asUintN(64, h);
const DECODED = new Set(["image/jpeg", "image/png", "image/webp"]);

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

/**
 * Rewrites a record's photo fingerprints (in the caller's transaction) from the materials it references, and its
 * near-copy matches with other organizers' records, both directions.
 */
export async function writePhotoPrints(
  ctx: Ctx,
  tx: Tx,
  activityId: string,
  orgId: string,
  photos: { id: string; fileHash: string; mimeType: string }[],
) {
  await tx.delete(activityPhotos).where(eq(activityPhotos.activityId, activityId));
  await tx
    .delete(activityPhotoMatches)
    .where(or(eq(activityPhotoMatches.activityId, activityId), eq(activityPhotoMatches.otherActivityId, activityId)));
  if (photos.length === 0) return;
  // A file fingerprinted before (by any record) is not decoded again.
  const known = new Map(
    (
      await tx
        .selectDistinctOn([activityPhotos.fileHash], { fileHash: activityPhotos.fileHash, phash: activityPhotos.phash })
        .from(activityPhotos)
        .where(
          and(
            inArray(
              activityPhotos.fileHash,
              photos.map((p) => p.fileHash),
            ),
            sql`${activityPhotos.phash} is not null`,
          ),
        )
    ).map((r) => [r.fileHash, r.phash === null ? null : fromStored(r.phash)]),
  );
  const rows = [];
  for (const p of photos) {
    const content =
      p.mimeType === "image/jpeg" || (DECODED.has(p.mimeType) && !known.has(p.fileHash))
        ? await ctx.files.get(p.fileHash)
        : null;
    const phash = known.get(p.fileHash) ?? (content && DECODED.has(p.mimeType) ? await perceptualHash(content) : null);
    if (phash !== null) known.set(p.fileHash, phash);
    rows.push({
      activityId,
      materialId: p.id,
      fileHash: p.fileHash,
      takenAt: content && p.mimeType === "image/jpeg" ? jpegCaptureTime(content) : null,
      orgId,
      phash: phash === null ? null : toStored(phash),
      phashBands: phash === null ? null : hashBands(phash),
    });
  }
  await tx.insert(activityPhotos).values(rows).onConflictDoNothing();
  const matches = [];
  for (const r of rows) {
    if (r.phash === null || r.phashBands === null) continue;
    const candidates = await tx
      .select({
        activityId: activityPhotos.activityId,
        materialId: activityPhotos.materialId,
        fileHash: activityPhotos.fileHash,
        phash: activityPhotos.phash,
      })
      .from(activityPhotos)
      .where(
        and(
          sql`${activityPhotos.phashBands} && ${sql.param(r.phashBands, activityPhotos.phashBands)}`,
          ne(activityPhotos.orgId, orgId),
          ne(activityPhotos.activityId, activityId),
          ne(activityPhotos.fileHash, r.fileHash),
        ),
      );
    for (const c of candidates) {
      if (c.phash === null) continue;
      const distance = hashDistance(fromStored(r.phash), fromStored(c.phash));
      if (distance > NEAR_COPY_MAX_BITS) continue;
      matches.push(
        {
          activityId,
          materialId: r.materialId,
          otherActivityId: c.activityId,
          otherMaterialId: c.materialId,
          distance,
        },
        {
          activityId: c.activityId,
          materialId: c.materialId,
          otherActivityId: activityId,
          otherMaterialId: r.materialId,
          distance,
        },
      );
    }
  }
  if (matches.length > 0) await tx.insert(activityPhotoMatches).values(matches).onConflictDoNothing();
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
    .select({
      activityId: activityPhotos.activityId,
      materialId: activityPhotos.materialId,
      fileHash: activityPhotos.fileHash,
      takenAt: activityPhotos.takenAt,
    })
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
          message: `${PHOTO_FLAG_LABELS.reused}，见${o.orgName}的活动：${o.title}`,
          otherActivityId: o.activityId,
          otherActivityTitle: o.title,
          otherOrgName: o.orgName,
          takenAt: p.takenAt?.toISOString() ?? null,
        });
      }
    }
  }
  const near = await db
    .select({
      activityId: activityPhotoMatches.activityId,
      materialId: activityPhotoMatches.materialId,
      otherActivityId: activityPhotoMatches.otherActivityId,
      title: activityRecords.title,
      orgName: orgNameSql(activityRecords.orgId),
    })
    .from(activityPhotoMatches)
    .innerJoin(activityRecords, eq(activityRecords.id, activityPhotoMatches.otherActivityId))
    .where(
      and(
        inArray(
          activityPhotoMatches.activityId,
          records.map((r) => r.id),
        ),
        ne(activityRecords.status, "draft"),
      ),
    );
  for (const m of near) {
    const flags = out.get(m.activityId);
    // One flag per other record (a record may hold several near copies of the same set), none where the exact
    // copy is already flagged.
    if (!flags || flags.some((f) => f.otherActivityId === m.otherActivityId)) continue;
    flags.push({
      kind: "similar",
      materialId: m.materialId,
      message: `${PHOTO_FLAG_LABELS.similar}，见${m.orgName}的活动：${m.title}`,
      otherActivityId: m.otherActivityId,
      otherActivityTitle: m.title,
      otherOrgName: m.orgName,
      takenAt: null,
    });
  }
  return out;
}
