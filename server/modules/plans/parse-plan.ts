/**
 * Plan import: turns the text of a 规划 / 实施方案 (.txt or .docx) into a tree of
 * 章 / 节 / 专栏 / 任务 with the responsible units named in "（责任单位：…）" clauses.
 *
 * Pure functions, no database access. Unit names are kept raw here; matching them to
 * organizations is `resolve-units.ts`.
 *
 * Shapes recognised (numbering markers, from coarse to fine):
 *   第X篇 / 第X部分   → chapter (above 第X章, rarely used)
 *   第X章             → chapter
 *   第X节             → section
 *   专栏N / 专栏 N 标题 → column (only a short heading line; "开辟专栏" in running text is not one)
 *   一、              → numbered level 1
 *   （一） / (一)      → numbered level 2
 *   1. / 1、 / 1．    → numbered level 3
 *   （1） / (1) / 1)  → numbered level 4
 *   ①                → numbered level 5
 * Chinese numerals 一…九十九 and Arabic numerals (half- or full-width) are accepted everywhere.
 *
 * What a numbered line becomes (decided after the whole tree is built):
 *   - inside a task                                   → "item" (a sub-point of that task);
 *   - at the top (no 第X章 above) and a title-only line → "chapter" (the 一、总体要求 / 二、工作任务 shape);
 *   - a title-only line that has numbered children      → "section" (the （一）持续深化… grouping shape);
 *   - anything else                                     → "task".
 * "Title-only" means: no sentence punctuation (。！？；) and no comma, at most 50 characters, no unit clause.
 * So "1.推动民族团结进步教育常态化。把党的…（责任单位：…）" is a task, "（一）持续深化民族团结进步教育"
 * followed by 1. 2. 3. is a section, and "（一）实施干部教育培训行动。加强…" under 专栏 1 is a task.
 * Unnumbered paragraphs are never tasks: they are the intro text of the enclosing chapter/section.
 *
 * Other rules:
 *   - Paragraph continuation: a paragraph that does not end a sentence (no 。！？；… at the end) continues on
 *     the next non-blank line (text converted from PDF breaks lines anywhere); a 责任单位 clause on the next
 *     line, or a line that is only "责任单位：…", belongs to the task above. After a finished task, a plain
 *     paragraph closes the task (and a 专栏 that holds tasks) and goes to the enclosing heading's text.
 *   - 专栏 ends at the next heading, at a plain paragraph after its items, or at a numbered line that restarts
 *     the numbering, is coarser than its items, or continues the numbering from before the 专栏.
 *   - Table of contents: a block after a "目录"/"目次" line (ends at the first body paragraph or when the first
 *     entry repeats), any line with dot leaders and a page number, and runs of headings ending in page
 *     numbers. TOC entries produce no nodes; where their titles differ from the body, the body wins and a
 *     warning says so.
 *   - Unit lists are split on 、 ， , ； and on 和/及/与 only where both sides look like unit names (see
 *     `looksLikeUnitName`), so "基层治理和社会事业局" and "住房和城乡建设局" stay whole.
 *   - Not a plan: fewer than two 第X章/第X节/专栏 headings and no numbered tasks with something plan-like
 *     (unit clauses, a 一、二、 outline, a title ending in 规划/方案/…) → PlanParseError.
 *   - Word's automatic list numbering is not part of the text mammoth extracts: numbers must be typed.
 */
import mammoth from "mammoth";
import { type ParsePool, parsePool } from "../../core/parse-worker.js";
import { checkZipActual, checkZipDeclared, OFFICE_ZIP_LIMITS } from "../../core/zip.js";
import { parsePlanText } from "./parse/plan-text.js";
import { type ParsedPlan, PlanParseError } from "./parse/types.js";

// The parts (parse/): text helpers, unit clauses, markers, table of contents, front matter, tree building, checks.
export { parsePlanText } from "./parse/plan-text.js";
export { parseNumeral } from "./parse/text.js";
export {
  collectUnitNames,
  countPlanNodes,
  flattenPlan,
  type ParsedPlan,
  PLAN_NOT_RECOGNISED_MESSAGE,
  type PlanCounts,
  type PlanNode,
  type PlanNodeKind,
  PlanParseError,
  type PlanParseErrorCode,
} from "./parse/types.js";
export { extractUnitClauses, isCollectiveName, looksLikeUnitName, splitUnitNames } from "./parse/unit-clauses.js";

// ---------------------------------------------------------------------------------------------
// Files

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46];

function startsWith(buf: Buffer, magic: number[]): boolean {
  return buf.length >= magic.length && magic.every((b, i) => buf[i] === b);
}

/** Text of a .docx, one paragraph per line (mammoth's raw text separates paragraphs by a blank line). */
export async function extractDocxText(buffer: Buffer): Promise<string> {
  let value: string;
  try {
    value = (await mammoth.extractRawText({ buffer })).value;
  } catch {
    throw new PlanParseError("PLAN_BAD_DOCX", "无法读取该 Word 文档（.docx），文件可能已损坏");
  }
  const paragraphs = value.split("\n\n");
  while (paragraphs.length > 0 && paragraphs[paragraphs.length - 1] === "") paragraphs.pop();
  return paragraphs.join("\n");
}

/** Decodes a .txt: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK as a fallback. */
export function decodeTextFile(buffer: Buffer): { text: string; warnings: string[] } {
  if (startsWith(buffer, [0xef, 0xbb, 0xbf])) {
    return decodeTextFile(buffer.subarray(3));
  }
  if (startsWith(buffer, [0xff, 0xfe]))
    return { text: new TextDecoder("utf-16le").decode(buffer.subarray(2)), warnings: [] };
  if (startsWith(buffer, [0xfe, 0xff]))
    return { text: new TextDecoder("utf-16be").decode(buffer.subarray(2)), warnings: [] };
  if (buffer.includes(0)) {
    throw new PlanParseError("PLAN_UNSUPPORTED_FORMAT", "文件不是文本文件，请上传 .docx 或 UTF-8 编码的 .txt 文件");
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(buffer), warnings: [] };
  } catch {
    // fall through to GB18030
  }
  try {
    const text = new TextDecoder("gb18030", { fatal: true }).decode(buffer);
    return { text, warnings: ["文件不是 UTF-8 编码，已按 GB18030（GBK）编码读取，请核对预览中的文字"] };
  } catch {
    throw new PlanParseError(
      "PLAN_BAD_ENCODING",
      "文件不是有效的 UTF-8 文本（也无法按 GB18030 读取），请将文件另存为 UTF-8 编码的 .txt 或 .docx 后再导入",
    );
  }
}

/** Reads a .docx or .txt upload, chosen by magic bytes first and extension second. */
export async function readPlanDocument(file: {
  name: string;
  content: Buffer;
}): Promise<{ text: string; warnings: string[] }> {
  const ext = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? "";
  const buf = file.content;
  if (buf.length === 0) throw new PlanParseError("PLAN_EMPTY", "文件内容为空，请确认上传的是规划或实施方案");
  if (startsWith(buf, ZIP_MAGIC)) {
    // Declared and real unpacked sizes within the limits before mammoth unpacks it (a 1 MB zip bomb is 1 GB).
    checkZipActual(buf, OFFICE_ZIP_LIMITS);
    return { text: await extractDocxText(buf), warnings: [] };
  }
  if (startsWith(buf, OLE_MAGIC)) {
    throw new PlanParseError(
      "PLAN_UNSUPPORTED_FORMAT",
      "不支持旧版 Word（.doc）格式，请在 Word 中另存为 .docx 后再导入",
    );
  }
  if (startsWith(buf, PDF_MAGIC)) {
    throw new PlanParseError("PLAN_UNSUPPORTED_FORMAT", "暂不支持 PDF 文件，请上传 .docx 或 .txt 文件");
  }
  if (ext === "docx") throw new PlanParseError("PLAN_BAD_DOCX", "文件扩展名为 .docx，但内容不是有效的 Word 文档");
  if (ext && ext !== "txt" && ext !== "text") {
    throw new PlanParseError("PLAN_UNSUPPORTED_FORMAT", `不支持 .${ext} 文件，请上传 .docx 或 .txt 文件`);
  }
  return decodeTextFile(buf);
}

/** Parses an uploaded plan (.docx via mammoth, or .txt), here on the calling thread. */
export async function parsePlanDocument(file: { name: string; content: Buffer }): Promise<ParsedPlan> {
  const { text, warnings } = await readPlanDocument(file);
  const plan = parsePlanText(text);
  plan.warnings.unshift(...warnings);
  return plan;
}

/** `parsePlanDocument` as a parse-worker task. */
export function parsePlanTask(input: { name: string; content: Uint8Array }): Promise<ParsedPlan> {
  const content = Buffer.from(input.content.buffer, input.content.byteOffset, input.content.byteLength);
  return parsePlanDocument({ name: input.name, content });
}

/**
 * Parses an uploaded plan in a parse worker (parse-worker.ts), so a large or hostile document never holds the
 * event loop: a .docx whose zip directory declares too much is refused here at once, the rest in the worker.
 */
export async function parsePlanUpload<T = ParsedPlan>(
  file: { name: string; content: Buffer },
  pool: ParsePool = parsePool,
  task: URL = new URL("./parse-plan.ts", import.meta.url),
  fn = "parsePlanTask",
): Promise<T> {
  if (startsWith(file.content, ZIP_MAGIC)) checkZipDeclared(file.content, OFFICE_ZIP_LIMITS);
  return pool.run<T>(task, fn, { name: file.name, content: new Uint8Array(file.content) });
}
