/**
 * Hostile uploads, generated in memory (nothing big is committed): a million-row .xlsx, a .docx that inflates to
 * a gigabyte (honest or lying about its size), and a large plan text. Used by the upload tests and by
 * bench/hostile-uploads.ts.
 */
import zlib from "node:zlib";

type ZipPart = { name: string; data: Buffer } | { name: string; deflated: Buffer; size: number; crc: number };

/** A .zip of the given parts (deflated unless given pre-deflated), with a central directory. */
export function zipFile(parts: ZipPart[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, "utf8");
    const body = "data" in p ? zlib.deflateRawSync(p.data, { level: 1 }) : p.deflated;
    const size = "data" in p ? p.data.length : p.size;
    const crc = "data" in p ? zlib.crc32(p.data) : p.crc;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc >>> 0, 16);
    dir.writeUInt32LE(body.length, 20);
    dir.writeUInt32LE(size >>> 0, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    chunks.push(local, name, body);
    central.push(dir, name);
    offset += local.length + name.length + body.length;
  }
  const dirBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dirBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, dirBuf, end]);
}

/**
 * A deflate stream of `total` bytes of `fill`, built from one compressed 16 MB chunk repeated: after a full flush
 * a chunk refers to nothing before it, so copies of it in a row are a valid stream (about 1000:1, in milliseconds).
 */
export function deflatedRepeat(total: number, fill = 0x20): { deflated: Buffer; size: number; crc: number } {
  const chunkSize = Math.min(total, 16 * 1024 * 1024);
  const chunk = Buffer.alloc(chunkSize, fill);
  const block = zlib.deflateRawSync(chunk, { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  const copies = Math.floor(total / chunkSize);
  let crc = 0;
  for (let i = 0; i < copies; i++) crc = zlib.crc32(chunk, crc);
  // The final, empty block (fixed Huffman: BFINAL=1, BTYPE=01, end-of-block).
  const deflated = Buffer.concat([...Array.from({ length: copies }, () => block), Buffer.from([0x03, 0x00])]);
  return { deflated, size: copies * chunkSize, crc };
}

const DOCX_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const DOCX_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

/**
 * A .docx whose word/document.xml inflates to `inflatedBytes` of spaces. `lie`: the zip directory declares a
 * few kilobytes instead, so only unpacking it finds the truth.
 */
export function zipBombDocx(inflatedBytes: number, opts: { lie?: boolean } = {}): Buffer {
  const doc = deflatedRepeat(inflatedBytes);
  return zipFile([
    { name: "[Content_Types].xml", data: Buffer.from(DOCX_TYPES) },
    { name: "_rels/.rels", data: Buffer.from(DOCX_RELS) },
    { name: "word/document.xml", ...doc, size: opts.lie ? 4096 : doc.size },
  ]);
}

const XLSX_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const XLSX_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const XLSX_BOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const XLSX_BOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;

/**
 * An .xlsx of one sheet: a header row, then `rows` rows of one numeric cell each (`<row r="n"><c r="An"><v>1</v>`
 * — under 50 bytes a row, so a million rows are ~49 MB of XML in a 4.7 MB zip, under the size limits: the row
 * count is what refuses it).
 */
export function manyRowXlsx(rows: number, header: string[] = ["机构名称"]): Buffer {
  const parts: string[] = [
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`,
    `<row r="1">${header.map((h, i) => `<c r="${String.fromCharCode(65 + i)}1" t="inlineStr"><is><t>${h}</t></is></c>`).join("")}</row>`,
  ];
  for (let r = 2; r <= rows + 1; r++) parts.push(`<row r="${r}"><c r="A${r}"><v>1</v></c></row>`);
  parts.push("</sheetData></worksheet>");
  return zipFile([
    { name: "[Content_Types].xml", data: Buffer.from(XLSX_TYPES) },
    { name: "_rels/.rels", data: Buffer.from(XLSX_RELS) },
    { name: "xl/workbook.xml", data: Buffer.from(XLSX_BOOK) },
    { name: "xl/_rels/workbook.xml.rels", data: Buffer.from(XLSX_BOOK_RELS) },
    { name: "xl/worksheets/sheet1.xml", data: Buffer.from(parts.join("")) },
  ]);
}

/**
 * A plan text of about `bytes` bytes of UTF-8 in the shape of the seed documents: 第N章 / 第M节 (5 a chapter) /
 * numbered tasks (8 a section) with a 责任单位 clause and a continuation line broken mid-sentence.
 */
export function largePlanText(bytes: number): { text: string; chapters: number; tasks: number } {
  const out = ["通辽市民族团结进步示范创建规划（2021-2025年）\n"];
  let len = Buffer.byteLength(out[0]);
  let chapters = 0;
  let tasks = 0;
  while (len < bytes) {
    chapters++;
    const chapter = [`第${chapters}章 推进民族团结进步事业第${chapters}部分\n`];
    for (let s = 1; s <= 5; s++) {
      chapter.push(`第${s}节 加强民族团结进步基础工作\n`);
      for (let t = 1; t <= 8; t++) {
        tasks++;
        chapter.push(
          `${t}.推进民族团结进步教育常态化。把铸牢中华民族共同体意识教育纳入国民教育体系，开展形式多样的宣传\n`,
          `活动，持续推进第${tasks}项工作。（责任单位：市委宣传部、市教育局、市民委）\n`,
        );
      }
    }
    const text = chapter.join("");
    out.push(text);
    len += Buffer.byteLength(text);
  }
  return { text: out.join(""), chapters, tasks };
}

/** A multipart body with one file under the field `file` and the given text fields, as the upload routes read. */
export function multipartFile(file: Buffer, name: string, fields: Record<string, string> = {}) {
  const boundary = "----shiliu-hostile-boundary";
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}
