/**
 * Reading an uploaded .xlsx safely: sizes and rows are checked before exceljs sees the file, and exceljs runs
 * in a parse worker (parse-worker.ts), so a million-row sheet or a zip bomb is refused with a 400 on the 文件
 * field and never holds the event loop or grows the server's heap.
 *
 *   request thread: the central directory's declared sizes (no unpacking) → 400 at once when too big;
 *   worker:         every entry inflated against the total budget (a zip may lie), the rows of each sheet
 *                   counted in its XML, then `readXlsx`.
 */
import { errors } from "./errors.js";
import { type ParsePool, parsePool } from "./parse-worker.js";
import { readXlsx } from "./xlsx.js";
import { checkZipActual, checkZipDeclared, OFFICE_ZIP_LIMITS, type ZipLimits } from "./zip.js";

export type XlsxSheet = Awaited<ReturnType<typeof readXlsx>>;

export type XlsxReadLimits = {
  /** `<row>` elements over all sheets (header and blank rows included): the importer's own limit plus slack. */
  maxRows: number;
  zip?: ZipLimits;
};

/** Counts `<row …>` / `<x:row …>` elements in a sheet's XML (bytes, no parsing). */
export function countSheetRows(xml: Buffer, stopAfter = Number.POSITIVE_INFINITY): number {
  const s = xml.toString("latin1");
  const re = /<(?:[A-Za-z_][\w.-]*:)?row[\s>/]/g;
  let n = 0;
  while (re.exec(s)) if (++n > stopAfter) break;
  return n;
}

/** The worker side: checks real sizes and rows, then reads the first sheet. */
export async function readXlsxTask(input: { content: Uint8Array; limits: XlsxReadLimits }): Promise<XlsxSheet> {
  const content = Buffer.from(input.content.buffer, input.content.byteOffset, input.content.byteLength);
  const zip = checkZipActual(content, input.limits.zip ?? OFFICE_ZIP_LIMITS);
  if (zip) {
    let rows = 0;
    for (const e of zip.entries) {
      if (!/^xl\/worksheets\/[^/]+\.xml$/i.test(e.name)) continue;
      rows += countSheetRows(zip.read(e.name)!, input.limits.maxRows - rows);
      if (rows > input.limits.maxRows)
        throw errors.field("file", "errors.upload_too_many_rows", { max: input.limits.maxRows });
    }
  }
  return readXlsx(content);
}

/**
 * The first sheet of an uploaded .xlsx as `readXlsx` gives it, parsed in a worker after the size and row
 * checks. Throws an AppError (400 on 文件, or 503 when every worker is busy) for a file refused by the limits;
 * any other error means exceljs could not read the file.
 */
export async function readXlsxUpload(
  content: Buffer,
  limits: XlsxReadLimits,
  pool: ParsePool = parsePool,
): Promise<XlsxSheet> {
  checkZipDeclared(content, limits.zip ?? OFFICE_ZIP_LIMITS);
  return pool.run<XlsxSheet>(new URL("./xlsx-read.ts", import.meta.url), "readXlsxTask", {
    content: new Uint8Array(content),
    limits,
  });
}
