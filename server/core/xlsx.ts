import ExcelJS from "exceljs";
import { contentDisposition } from "./http.js";

export type XlsxValue = string | number | boolean | Date | null | undefined;

export type XlsxColumn<T> = {
  header: string;
  width?: number;
  value: (row: T) => XlsxValue;
  /** Keep the value as the text it is, even when it reads as a date or time (a signed UTC timestamp). */
  asText?: boolean;
};

/** Text a spreadsheet program would read as a formula if it were typed, pasted or saved as CSV. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * What every exported cell holds: numbers stay numbers, booleans become 是/否, empty is "", and text that begins
 * with = + - @ (or a tab or CR) gets a leading apostrophe, so "=HYPERLINK(…)" shows as the text it is and stays
 * text when the sheet is edited or saved as CSV (formula injection). All writers below go through it.
 */
export function cellValue(v: XlsxValue): string | number {
  if (typeof v === "boolean") return v ? "是" : "否";
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return v;
  if (v instanceof Date) return v.toISOString();
  return FORMULA_START.test(v) ? `'${v}` : v;
}

/** An instant as the API writes it (ISO 8601 with a zone: "2026-12-02T03:44:48.202Z", "…+08:00"). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
/** A calendar day ("2026-12-02"). */
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const BEIJING_OFFSET_MS = 8 * 3600_000;
export const XLSX_TIME_FORMAT = "yyyy-mm-dd hh:mm:ss";
export const XLSX_DATE_FORMAT = "yyyy-mm-dd";

/**
 * A cell as written: times (a Date, or text that is an ISO instant) become real Excel date-times showing Beijing
 * time — Excel has no time zones, so the serial holds the Beijing wall clock — and days ("2026-12-02") Excel
 * dates; everything else is `cellValue`'s.
 */
export function xlsxCell(v: XlsxValue, asText = false): { value: string | number | Date; numFmt?: string } {
  if (!asText) {
    const instant = v instanceof Date ? v : typeof v === "string" && INSTANT.test(v) ? new Date(v) : null;
    if (instant && !Number.isNaN(instant.getTime()))
      return { value: new Date(instant.getTime() + BEIJING_OFFSET_MS), numFmt: XLSX_TIME_FORMAT };
    if (typeof v === "string" && DAY.test(v)) {
      const day = new Date(`${v}T00:00:00Z`);
      if (!Number.isNaN(day.getTime()) && day.toISOString().startsWith(v))
        return { value: day, numFmt: XLSX_DATE_FORMAT };
    }
  }
  return { value: cellValue(v) };
}

/** Appends one data row, each cell through `xlsxCell` (dates with their number format). */
function addDataRow<T>(ws: ExcelJS.Worksheet, columns: XlsxColumn<T>[], row: T) {
  const cells = columns.map((c) => xlsxCell(c.value(row), c.asText));
  const added = ws.addRow(cells.map((c) => c.value));
  cells.forEach((c, i) => {
    if (c.numFmt) added.getCell(i + 1).numFmt = c.numFmt;
  });
}

/** A one-sheet workbook with a bold, frozen header row: the shape of every list export. */
export async function buildXlsx<T>(sheetName: string, columns: XlsxColumn<T>[], rows: T[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "石榴平台";
  const ws = wb.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: cellValue(c.header) as string, width: c.width ?? 16 }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) addDataRow(ws, columns, r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export type XlsxSheet<T> = { name: string; columns: XlsxColumn<T>[]; rows: T[] };

/** A workbook of several sheets, each shaped like `buildXlsx`'s (bold frozen header row). */
// biome-ignore lint/suspicious/noExplicitAny: each sheet has its own row type
export async function buildXlsxBook(sheets: XlsxSheet<any>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "石榴平台";
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { views: [{ state: "frozen", ySplit: 1 }] });
    ws.columns = s.columns.map((c) => ({ header: cellValue(c.header) as string, width: c.width ?? 16 }));
    ws.getRow(1).font = { bold: true };
    for (const r of s.rows) addDataRow(ws, s.columns, r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Reads the first sheet into its header row and data rows of trimmed strings (empty cells → ""); a date cell
 * reads as it shows: "2026-12-02" or "2026-12-02 11:44:48".
 */
export async function readXlsx(
  content: Buffer,
): Promise<{ headers: string[]; rows: { rowNumber: number; cells: string[] }[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(content as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) return { headers: [], rows: [] };
  const text = (v: ExcelJS.CellValue): string => {
    if (v === null || v === undefined) return "";
    if (typeof v === "object") {
      if ("richText" in v)
        return v.richText
          .map((p) => p.text)
          .join("")
          .trim();
      if ("text" in v) return String(v.text).trim();
      if ("result" in v) return String(v.result ?? "").trim();
      // A date cell holds the wall clock it shows (see xlsxCell): read it back as shown.
      if (v instanceof Date) {
        const iso = v.toISOString();
        return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
      }
    }
    return String(v).trim();
  };
  const headerRow = ws.getRow(1);
  const width = headerRow.cellCount;
  const headers = Array.from({ length: width }, (_, i) => text(headerRow.getCell(i + 1).value));
  const rows: { rowNumber: number; cells: string[] }[] = [];
  ws.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells = Array.from({ length: width }, (_, i) => text(row.getCell(i + 1).value));
    if (cells.some((c) => c !== "")) rows.push({ rowNumber, cells });
  });
  return { headers, rows };
}

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Content-Disposition with an RFC 5987 UTF-8 file name, so Chinese names survive every browser. */
export function attachment(filename: string) {
  return contentDisposition(filename, { fallback: "export.xlsx" });
}
