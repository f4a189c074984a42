import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asLineText, asLongText, safeLongText, safeText } from "../contracts/common.js";
import { buildXlsx, cellValue } from "./core/xlsx.js";
import { type Client, createOrg, loginAdmin } from "./test/fixtures.js";
import { createTestApp, type TestApp } from "./test/harness.js";

/** Ordinary writing that the old rules refused: ASCII comparison signs, semicolons, quotes, backslashes. */
const WRITING = [
  "完成率>90%",
  "一是…; 二是…",
  '"Ethnic Unity and Progress" Model Unit',
  "It's <b>not</b> markup, it's text \\ as typed",
  "蒙古文 ᠮᠣᠩᠭᠣᠯ 与 emoji 👩‍👩‍👧",
];

async function cells(xlsx: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.worksheets[0].eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

describe("text fields take ordinary writing and refuse hidden characters", () => {
  it("a name or title: every printable character as typed; no line break, control, bidi or zero-width character", () => {
    for (const w of WRITING.slice(0, 4)) expect(safeText(100).parse(w)).toBe(w);
    const reasons = (v: string) =>
      safeText(100)
        .safeParse(v)
        .error?.issues.map((i) => i.message);
    expect(reasons("甲\n乙")).toEqual(["不能包含换行符、制表符或其他控制字符"]);
    expect(reasons("甲\r乙")).toEqual(["不能包含换行符、制表符或其他控制字符"]);
    expect(reasons("甲\t乙")).toEqual(["不能包含换行符、制表符或其他控制字符"]);
    expect(reasons("甲\u0085乙")).toEqual(["不能包含换行符、制表符或其他控制字符"]);
    expect(reasons("report\u202Efdp.exe")).toEqual(["不能包含双向文本控制字符（如 U+202E 从右至左覆盖）"]);
    expect(reasons("甲\u2067乙\u2069")).toEqual(["不能包含双向文本控制字符（如 U+202E 从右至左覆盖）"]);
    expect(reasons("甲\u200b乙")).toEqual(["不能包含零宽字符（如 U+200B 零宽空格）"]);
    expect(reasons("甲\ufeff乙")).toEqual(["不能包含零宽字符（如 U+200B 零宽空格）"]);
    expect(reasons("甲\u0000乙")).toEqual(["不能包含空字符（NUL）"]);
    expect(reasons("ab\ud800cd")).toEqual(["含有无效的 Unicode 字符（不成对的代理项）"]);
  });

  it("a long text keeps line breaks (CR LF as LF), tabs and joiners; refuses other controls and bidi", () => {
    for (const w of WRITING) expect(safeLongText(200).parse(w)).toBe(w);
    expect(safeLongText(200).parse('一是…;\r\n\t二是 "好"')).toBe('一是…;\n\t二是 "好"');
    expect(safeLongText(200).safeParse("甲\u0007乙").error?.issues[0].message).toBe("不能包含控制字符");
    expect(safeLongText(200).safeParse("甲\u202D乙").success).toBe(false);
    expect(safeLongText(200).safeParse("x\udc00").success).toBe(false);
  });

  it("text from a document or a file name is made acceptable, keeping its punctuation", () => {
    expect(asLineText("report\u202Efdp.exe")).toBe("report fdp.exe");
    expect(asLineText('第一章\n"总则"; <一>')).toBe('第一章 "总则"; <一>');
    expect(asLongText('一是;\r\n二是\u202E "x"\u0007')).toBe('一是;\n二是 "x"');
  });
});

describe("exports neutralise formulas", () => {
  it("a cell that begins with = + - @ (or tab, CR) gets a leading apostrophe; numbers stay numbers", async () => {
    expect(cellValue("=1+1")).toBe("'=1+1");
    expect(cellValue("+86 471")).toBe("'+86 471");
    expect(cellValue("-2")).toBe("'-2");
    expect(cellValue("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(cellValue("\t=1")).toBe("'\t=1");
    expect(cellValue("完成率>90%")).toBe("完成率>90%");
    expect(cellValue(-2)).toBe(-2);
    expect(cellValue(true)).toBe("是");
    expect(cellValue(null)).toBe("");
    const sheet = await cells(
      await buildXlsx(
        "表",
        [
          { header: "文本", value: (r: [string, number]) => r[0] },
          { header: "数", value: (r) => r[1] },
        ],
        [
          ['=HYPERLINK("http://x","点击")', -3],
          ["完成率>90%", 1.5],
        ],
      ),
    );
    expect(sheet).toEqual([
      ["文本", "数"],
      ['\'=HYPERLINK("http://x","点击")', -3],
      ["完成率>90%", 1.5],
    ]);
  });
});

describe("ordinary writing round-trips through the API and the export", () => {
  let h: TestApp;
  let admin: Client;
  beforeAll(async () => {
    h = await createTestApp();
    admin = await loginAdmin(h);
  });
  afterAll(() => h?.close());

  it("an organization's name and address come back exactly as typed, and its export keeps them as text", async () => {
    const name = '"Unity" 示范<单位>; 完成率>90%';
    const address = "一是…; 二是…\n'三是' \\ <四>";
    const org = await createOrg(admin, name, "150522", { address });
    const back = await admin.json(`/api/orgs/${org.id}`);
    expect(back).toMatchObject({ name, address });
    const formula = await createOrg(admin, "=1+1", "150522");
    expect(formula.name).toBe("=1+1");

    const res = await admin.req("/api/orgs/export");
    expect(res.statusCode).toBe(200);
    const names = (await cells(res.rawPayload)).map((r) => r[0]);
    expect(names).toContain(name);
    expect(names).toContain("'=1+1");
    expect(names).not.toContain("=1+1");
  });

  it("an API token named with a lone surrogate is refused with 400 naming 名称; one with quotes is kept", async () => {
    const bad = await admin.req("/api/auth/tokens", { method: "POST", body: { name: "ab\ud800cd", expiresInDays: 1 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields).toEqual([
      { field: "name", label: "名称", message: "含有无效的 Unicode 字符（不成对的代理项）" },
    ]);
    const ok = await admin.json("/api/auth/tokens", {
      method: "POST",
      body: { name: `"CI" token; it's <ok>`, expiresInDays: 1 },
    });
    expect(ok.name).toBe(`"CI" token; it's <ok>`);
  });
});
