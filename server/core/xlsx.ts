import ExcelJS from "exceljs";
import { contentDisposition } from "./http.js";

export type XlsxColumn<T> = {
  header: string;
  width?: number;
  value: (row: T) => string | number | boolean | null | undefined;
};

/** Text a spreadsheet program would read as a formula if it were typed, pasted or saved as CSV. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * What every exported cell holds: numbers stay numbers, booleans become 是/否, empty is "", and text that begins
 * with = + - @ (or a tab or CR) gets a leading apostrophe, so "=HYPERLINK(…)" shows as the text it is and stays
 * text when the sheet is edited or saved as CSV (formula injection). All writers below go through it.
 */
export function cellValue(v: string | number | boolean | null | undefined): string | number {
  if (typeof v === "boolean") return v ? "是" : "否";
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return v;
  return FORMULA_START.test(v) ? `'${v}` : v;
}

/** A one-sheet workbook with a bold, frozen header row: the shape of every list export. */
export async function buildXlsx<T>(sheetName: string, columns: XlsxColumn<T>[], rows: T[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "石榴平台";
  const ws = wb.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: cellValue(c.header) as string, width: c.width ?? 16 }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    ws.addRow(columns.map((c) => cellValue(c.value(r))));
  }
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
    for (const r of s.rows) {
      ws.addRow(s.columns.map((c) => cellValue(c.value(r))));
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Reads the first sheet into its header row and data rows of trimmed strings (empty cells → ""). */
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
      if (v instanceof Date) return v.toISOString();
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
