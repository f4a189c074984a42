import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { buildXlsx, buildXlsxBook, readXlsx, XLSX_DATE_FORMAT, XLSX_TIME_FORMAT, xlsxCell } from "./xlsx.js";

type Row = { at: string | Date; day: string; text: string; signed: string };

async function firstSheet(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb.worksheets[0];
}

describe("exports write times as Excel dates in Beijing time", () => {
  const columns = [
    { header: "时间", value: (r: Row) => r.at },
    { header: "日期", value: (r: Row) => r.day },
    { header: "文本", value: (r: Row) => r.text },
    { header: "锚定时间（UTC）", value: (r: Row) => r.signed, asText: true },
  ];
  const rows: Row[] = [
    { at: "2026-12-02T03:44:48.202Z", day: "2026-12-02", text: "2021-2025", signed: "2026-12-02T03:44:48.202Z" },
    { at: new Date("2026-12-31T16:30:00Z"), day: "2026-02-30", text: "=1+1", signed: "x" },
  ];

  it("an ISO instant or a Date is a date-time cell holding the Beijing wall clock; a day is a date cell", async () => {
    const ws = await firstSheet(await buildXlsx("表", columns, rows));
    const at = ws.getCell("A2");
    expect(at.value).toBeInstanceOf(Date);
    expect((at.value as Date).toISOString()).toBe("2026-12-02T11:44:48.202Z");
    expect(at.numFmt).toBe(XLSX_TIME_FORMAT);
    // Past midnight in Beijing: the next day and year.
    expect((ws.getCell("A3").value as Date).toISOString()).toBe("2027-01-01T00:30:00.000Z");
    expect(ws.getCell("B2").value).toBeInstanceOf(Date);
    expect(ws.getCell("B2").numFmt).toBe(XLSX_DATE_FORMAT);
    // Not a real day, not a date, or kept as text on purpose: text.
    expect(ws.getCell("B3").value).toBe("2026-02-30");
    expect(ws.getCell("C2").value).toBe("2021-2025");
    expect(ws.getCell("C3").value).toBe("'=1+1");
    expect(ws.getCell("D2").value).toBe("2026-12-02T03:44:48.202Z");
  });

  it("the project's reader reads the cells back as they show", async () => {
    const book = await buildXlsxBook([{ name: "表", columns, rows }]);
    const { headers, rows: read } = await readXlsx(book);
    expect(headers).toEqual(["时间", "日期", "文本", "锚定时间（UTC）"]);
    expect(read[0].cells).toEqual(["2026-12-02 11:44:48", "2026-12-02", "2021-2025", "2026-12-02T03:44:48.202Z"]);
    expect(read[1].cells).toEqual(["2027-01-01 00:30:00", "2026-02-30", "'=1+1", "x"]);
  });

  it("xlsxCell leaves numbers, flags and empty values as cellValue does", () => {
    expect(xlsxCell(3)).toEqual({ value: 3 });
    expect(xlsxCell(false)).toEqual({ value: "否" });
    expect(xlsxCell(null)).toEqual({ value: "" });
    expect(xlsxCell("2026-12-02T03:44:48Z", true)).toEqual({ value: "2026-12-02T03:44:48Z" });
  });
});
