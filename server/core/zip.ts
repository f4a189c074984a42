/**
 * Reading the table of contents of a .zip (.xlsx and .docx are zip files) without unpacking it, to refuse an
 * upload that would unpack into too much before any parser touches it: the declared sizes from the central
 * directory first (cheap, in the request), then the real inflated sizes with a hard cap (in the parse worker,
 * since a zip may lie about its sizes).
 */
import zlib from "node:zlib";
import { errors } from "./errors.js";

export type ZipEntry = {
  name: string;
  /** 0 stored, 8 deflate; anything else is refused. */
  method: number;
  compressedSize: number;
  /** Uncompressed size as the central directory declares it. */
  size: number;
  localOffset: number;
};

export type ZipLimits = {
  /** Total uncompressed bytes of all entries. */
  maxTotalBytes: number;
  /** Entries in the archive. */
  maxEntries: number;
  /** Uncompressed ÷ compressed for an entry above `ratioFloorBytes` (a zip bomb inflates 1000:1). */
  maxRatio: number;
  ratioFloorBytes: number;
};

export const OFFICE_ZIP_LIMITS: ZipLimits = {
  maxTotalBytes: 50 * 1024 * 1024,
  maxEntries: 2000,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

export function isZip(buf: Buffer): boolean {
  return buf.length >= 4 && buf.readUInt32LE(0) === LOCAL;
}

/** The central directory's entries; null when `buf` is not a readable zip (the parser then says so itself). */
export function readZipDirectory(buf: Buffer, maxEntries: number): ZipEntry[] | null {
  if (buf.length < 22) return null;
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  const offset = buf.readUInt32LE(eocd + 16);
  // ZIP64 (more than 65,535 entries or 4 GB): no office file we import is that big.
  if (count === 0xffff || offset === 0xffffffff)
    throw errors.field("file", "errors.upload_zip_entries", { max: maxEntries });
  if (count > maxEntries) throw errors.field("file", "errors.upload_zip_entries", { max: maxEntries });
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) return null;
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    entries.push({
      name: buf.toString("utf8", p + 46, Math.min(buf.length, p + 46 + nameLength)),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Refuses (400 on the 文件 field) a zip whose declared contents exceed the limits: too many entries, too many
 * bytes once unpacked, or an entry that inflates like a zip bomb. Returns the entries, or null when not a zip.
 */
export function checkZipDeclared(buf: Buffer, limits: ZipLimits = OFFICE_ZIP_LIMITS): ZipEntry[] | null {
  const entries = readZipDirectory(buf, limits.maxEntries);
  if (!entries) return null;
  let total = 0;
  for (const e of entries) {
    total += e.size;
    if (total > limits.maxTotalBytes)
      throw errors.field("file", "errors.upload_unpacked_too_large", { limit: mb(limits.maxTotalBytes) });
    if (e.size > limits.ratioFloorBytes && e.size > limits.maxRatio * Math.max(1, e.compressedSize))
      throw errors.field("file", "errors.upload_zip_bomb");
    if (e.method !== 0 && e.method !== 8) throw errors.field("file", "errors.upload_zip_method");
  }
  return entries;
}

/** The raw (compressed) bytes of an entry, located through its local header. */
function entryData(buf: Buffer, e: ZipEntry): Buffer {
  const p = e.localOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOCAL) throw errors.field("file", "errors.upload_zip_corrupt");
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  if (start + e.compressedSize > buf.length) throw errors.field("file", "errors.upload_zip_corrupt");
  return buf.subarray(start, start + e.compressedSize);
}

/**
 * Unpacks one entry, refusing it as soon as it grows past `maxBytes` (whatever its header says): zlib stops at
 * `maxOutputLength`, so a lying zip bomb costs at most that much memory and time.
 */
export function inflateEntry(buf: Buffer, e: ZipEntry, maxBytes: number): Buffer {
  const data = entryData(buf, e);
  if (e.method === 0) {
    if (data.length > maxBytes) throw errors.field("file", "errors.upload_unpacked_too_large", { limit: mb(maxBytes) });
    return data;
  }
  try {
    return zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, maxBytes) });
  } catch (err) {
    if ((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" || err instanceof RangeError)
      throw errors.field("file", "errors.upload_unpacked_too_large", { limit: mb(maxBytes) });
    throw errors.field("file", "errors.upload_zip_corrupt");
  }
}

/**
 * Declared and real sizes: every entry is inflated against what is left of the budget, so the archive as a
 * whole cannot unpack to more than `maxTotalBytes`. Returns the entries with their real sizes. Meant for the
 * parse worker (it spends up to `maxTotalBytes` of CPU and memory).
 */
export function checkZipActual(
  buf: Buffer,
  limits: ZipLimits = OFFICE_ZIP_LIMITS,
): { entries: ZipEntry[]; read: (name: string) => Buffer | null } | null {
  const entries = checkZipDeclared(buf, limits);
  if (!entries) return null;
  let left = limits.maxTotalBytes;
  const contents = new Map<string, Buffer>();
  for (const e of entries) {
    const out = inflateEntry(buf, e, left);
    left -= out.length;
    contents.set(e.name, out);
  }
  return { entries, read: (name) => contents.get(name) ?? null };
}
