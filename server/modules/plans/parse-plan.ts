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
import { AppError } from "../../core/errors.js";
import { type ParsePool, parsePool } from "../../core/parse-worker.js";
import { checkZipActual, checkZipDeclared, OFFICE_ZIP_LIMITS } from "../../core/zip.js";

export type PlanNodeKind = "chapter" | "section" | "column" | "task" | "item";

export interface PlanNode {
  kind: PlanNodeKind;
  /** Normalised numbering: "第三章", "第二节", "专栏 3", "一、", "（一）", "1.", "（1）", "①". */
  number: string;
  title: string;
  /**
   * task/item: the full text after the number, unit clause removed (lines broken mid-sentence are re-joined,
   * separate paragraphs are joined with "\n"); chapter/section/column: the intro paragraphs under the heading.
   */
  text: string;
  /** Raw responsible-unit names from the clause(s), in order of appearance, deduplicated (牵头单位 included). */
  units: string[];
  /** Explicit 牵头单位 when the clause names one, else the first unit, else null. */
  leadUnit?: string | null;
  children: PlanNode[];
  /** 1-based source line of the heading / numbered line. */
  line: number;
}

export interface ParsedPlan {
  title: string | null;
  /** 文号, e.g. 本高党政办发〔2021〕35号 */
  docNumber: string | null;
  /** e.g. "2021-2025" when the title (or the notice) states a year range. */
  period?: string | null;
  nodes: PlanNode[];
  /** Things the user should look at in the preview (numbering gaps, 目录/正文 differences, tasks without units). */
  warnings: string[];
}

export type PlanParseErrorCode =
  | "PLAN_EMPTY"
  | "PLAN_TOO_DEEP"
  | "PLAN_NOT_RECOGNISED"
  | "PLAN_BAD_ENCODING"
  | "PLAN_UNSUPPORTED_FORMAT"
  | "PLAN_BAD_DOCX";

/** The file is not something we can import as a plan; the message is meant for the user. */
export class PlanParseError extends AppError {
  constructor(code: PlanParseErrorCode, message: string) {
    super(400, code, message);
    this.name = "PlanParseError";
  }
}

export const PLAN_NOT_RECOGNISED_MESSAGE = "未识别到规划结构（章、节、专栏或编号任务），请确认文件是规划或实施方案";

// ---------------------------------------------------------------------------------------------
// Small text helpers

const WS = "\\s\\u3000\\u00a0\\ufeff";
const WS_CHAR_RE = new RegExp(`^[${WS}]$`);
const CN_NUM = "零〇一二两三四五六七八九十百";
const DIGITS = "0-9０-９";

/**
 * Trims whitespace. `trim()` removes exactly the characters of `\\s` (which holds U+3000, U+00A0 and U+FEFF),
 * in linear time; a `[\\s]+$` regex would be quadratic on a long run of spaces inside a line.
 */
function clean(line: string): string {
  return line.trim();
}

function isWs(c: string): boolean {
  return WS_CHAR_RE.test(c);
}

const ASCII_AND_FULL_DIGIT_RE = /^[0-9０-９]$/;

/**
 * Where a trailing page number starts: `[\\s]+[（(]?\\d{1,maxDigits}[)）]?$` matched from the left, i.e. the start of
 * the whitespace run before it; -1 when the line does not end that way. Written out by hand because the regex is
 * quadratic on a long whitespace run that is not followed by a page number.
 */
function trailingPageStart(t: string, maxDigits: number): number {
  let i = t.length - 1;
  if (i >= 0 && (t[i] === ")" || t[i] === "）")) i--;
  let digits = 0;
  while (i >= 0 && ASCII_AND_FULL_DIGIT_RE.test(t[i])) {
    digits++;
    i--;
  }
  if (digits < 1 || digits > maxDigits) return -1;
  if (i >= 0 && (t[i] === "(" || t[i] === "（")) i--;
  if (i < 0 || !isWs(t[i])) return -1;
  while (i > 0 && isWs(t[i - 1])) i--;
  return i;
}

/** Removes all whitespace (for comparing titles that were broken or padded differently). */
function compact(s: string): string {
  return s.replace(new RegExp(`[${WS}]+`, "g"), "");
}

function toAsciiDigits(s: string): string {
  return s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const CN_DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** "三" → 3, "十一" → 11, "二十" → 20, "一百零五" → 105, "12" / "１２" → 12; null when not a numeral. */
export function parseNumeral(raw: string): number | null {
  const s = toAsciiDigits(raw.replace(/\s+/g, ""));
  if (/^\d+$/.test(s)) return Number(s);
  if (!s || ![...s].every((c) => c in CN_DIGIT || c === "十" || c === "百")) return null;
  let total = 0;
  let current = 0;
  for (const c of s) {
    if (c === "百") {
      total += (current || 1) * 100;
      current = 0;
    } else if (c === "十") {
      total += (current || 1) * 10;
      current = 0;
    } else {
      current = CN_DIGIT[c];
    }
  }
  return total + current;
}

const OPENERS = "（(“‘《〈「『【[";
const CLOSERS = "）)”’》〉」』】]";

/** Index of the first character of `chars` outside brackets/quotes, or -1. */
function indexAtDepth0(s: string, chars: string, from = 0): number {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (OPENERS.includes(c)) depth++;
    else if (CLOSERS.includes(c)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && i >= from && chars.includes(c)) return i;
  }
  return -1;
}

/** Whether every bracket/quote opened in `s` is closed again. */
function atDepth0(s: string): boolean {
  let depth = 0;
  for (const c of s) {
    if (OPENERS.includes(c)) depth++;
    else if (CLOSERS.includes(c)) depth = Math.max(0, depth - 1);
  }
  return depth === 0;
}

/** Splits on any of `chars` outside brackets/quotes. */
function splitAtDepth0(s: string, chars: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (OPENERS.includes(c)) depth++;
    else if (CLOSERS.includes(c)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && chars.includes(c)) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}

/** A paragraph that ends a sentence; anything else was probably broken mid-sentence (PDF → text). */
const TERMINATORS = "。！？!?；;…";
const TERMINATOR_CLOSERS = "”’」』）)》]】";

/**
 * Text built paragraph by paragraph, which knows whether it ends a sentence (`[。！？；…][”）》…]*$`) or a
 * colon without reading itself again: the parser asks after every line, and rescanning a text that keeps growing
 * made the parse quadratic (a 5 MB text held the server 15 s).
 */
class Para {
  private parts: string[] = [];
  length = 0;
  /** The text ends a sentence: `/[。！？!?；;…][”’」』）)》\]】]*$/`. */
  terminated = false;
  /** The text ends with a colon: `/[：:]$/`. */
  colon = false;

  constructor(initial = "") {
    this.push(initial);
  }

  private push(s: string) {
    if (!s) return;
    this.parts.push(s);
    this.length += s.length;
    const last = s[s.length - 1];
    this.colon = last === "：" || last === ":";
    // `[。！？…][closers]*$`: skip trailing closers; a piece made only of closers leaves the answer as it was.
    let i = s.length - 1;
    while (i >= 0 && TERMINATOR_CLOSERS.includes(s[i])) i--;
    if (i >= 0) this.terminated = TERMINATORS.includes(s[i]);
  }

  /** A new paragraph after a finished sentence or a colon, else the continuation of a line broken mid-sentence. */
  append(add: string) {
    if (this.length > 0 && (this.terminated || this.colon)) this.push("\n");
    this.push(add);
  }

  toString(): string {
    if (this.parts.length > 1) this.parts = [this.parts.join("")];
    return this.parts[0] ?? "";
  }
}

const SENTENCE_PUNCT_RE = /[。！？!?；;]/;

// ---------------------------------------------------------------------------------------------
// Responsible-unit clauses

/** 牵头单位 / 主责部门 …: the lead; 责任单位 / 配合单位 / 协办单位 …: the other units of the clause. */
const LEAD_LABEL = "(?:主要)?牵头(?:单位|部门)|主责(?:单位|部门)";
const UNIT_LABEL = `${LEAD_LABEL}|(?:主要|具体)?责任(?:单位|部门)|(?:配合|协办|协同|协助|参与)(?:单位|部门)|责任主体`;
const LEAD_LABEL_RE = new RegExp(`^(?:${LEAD_LABEL})$`);
/** An opening bracket whose content names a unit label within its first 20 characters. */
const CLAUSE_OPEN_RE = new RegExp(`[（(](?=[^（）()]{0,20}?(?:${UNIT_LABEL})[${WS}]*[:：])`, "g");
const LABEL_RE = new RegExp(`^[${WS}]*(${UNIT_LABEL})[${WS}]*[:：]`);
/** Any other "label：" inside a clause (牵头领导：…, 完成时限：…) — its content is not a unit list. */
const OTHER_LABEL_RE = new RegExp(`^[${WS}]*[^：:、，,；;]{2,8}[${WS}]*[:：]`);
const BARE_CLAUSE_RE = new RegExp(`(^|[。；;！？${WS}])((?:${UNIT_LABEL})[${WS}]*[:：].*)$`);

/** Suffixes that end an organization's name (used to decide whether "和" separates two units). */
const UNIT_SUFFIXES = [
  "办事处",
  "中心",
  "政府",
  "街道",
  "苏木",
  "嘎查",
  "社区",
  "公司",
  "集团",
  "学校",
  "部",
  "局",
  "办",
  "委",
  "会",
  "室",
  "院",
  "所",
  "镇",
  "乡",
  "村",
  "团",
  "联",
  "队",
  "处",
  "科",
  "站",
  "馆",
  "校",
  "厅",
  "署",
  "组",
  "协",
  "行",
  "场",
  "台",
  "社",
];

/** Collective names ("区直各部门", "各街道", "各苏木镇（场）", "各有关部门", "各成员单位", …). */
export function isCollectiveName(name: string): boolean {
  const s = compact(name).normalize("NFKC");
  return (
    /^各/.test(s) ||
    /^(区|旗|县|市|盟|州|省|镇|乡)直/.test(s) ||
    /^(有关|相关)(部门|单位)$/.test(s) ||
    /^(民委)?(成员|委员)单位$/.test(s)
  );
}

/**
 * Heuristic used for "和/及/与": a side counts as a unit name when it is a collective name or ends with an
 * organization suffix (部/局/办/委/会/室/院/所/中心/政府/街道/镇/苏木/团/联/队/处/科/站/馆/…), ignoring a
 * trailing parenthetical such as "（场）". "基层治理和社会事业局" is not split because "基层治理" is not a unit;
 * "党群工作部和综治信访局" is.
 */
export function looksLikeUnitName(name: string): boolean {
  const s = compact(name).replace(/[（(][^（）()]*[)）]$/, "");
  if (s.length < 2) return false;
  if (isCollectiveName(s)) return true;
  return UNIT_SUFFIXES.some((suf) => s.endsWith(suf) && s.length > suf.length);
}

/** Longer than any unit name: such a piece is not split on 和/及/与 (each try reads the whole piece). */
const MAX_CONJUNCTION_SPLIT = 300;

function splitOnConjunction(name: string): string[] {
  if (name.length > MAX_CONJUNCTION_SPLIT) return [name];
  const re = /以及|和|及|与/g;
  for (let m = re.exec(name); m; m = re.exec(name)) {
    const left = name.slice(0, m.index);
    const right = name.slice(m.index + m[0].length);
    if (!atDepth0(left)) continue; // the 和 is inside brackets
    if (looksLikeUnitName(left) && looksLikeUnitName(right)) return [left, ...splitOnConjunction(right)];
  }
  return [name];
}

function cleanUnitName(raw: string): string {
  let s = clean(raw)
    .replace(/^[“"‘'《]+|[”"’'》。．.、]+$/g, "")
    .replace(/^由/, "")
    .trim();
  // "A、B等" / "B等有关部门" → "B"
  const stripped = s.replace(/等(?:有关|相关)?(?:部门|单位)?$/, "");
  if (stripped && stripped !== s && stripped.length >= 2) s = stripped;
  return s;
}

/** Splits a unit list on 、 ， , ； ; / and (when both sides look like unit names) 和 / 及 / 与. */
export function splitUnitNames(list: string): string[] {
  const out = new Set<string>();
  for (const piece of splitAtDepth0(list, "、，,；;/／")) {
    const name = cleanUnitName(piece);
    if (!name) continue;
    for (const part of splitOnConjunction(name)) {
      const n = cleanUnitName(part);
      if (n) out.add(n);
    }
  }
  return [...out];
}

interface ClauseUnits {
  lead: string[];
  units: string[];
  /** `units` as a set. */
  seen: Set<string>;
}

/** Parses the inside of a clause: "牵头单位：A；责任单位：B、C", "责任单位：A、B", "…；完成时限：2025年" (ignored). */
function parseClauseBody(body: string, into: ClauseUnits) {
  let label: string | null = "责任单位";
  for (const seg of splitAtDepth0(body, "；;")) {
    let rest = seg;
    // The label patterns start with `[\s]*` followed by classes that match spaces too: on a long run of leading
    // spaces they backtrack quadratically. Eight leading spaces match exactly what the whole run would.
    let lead = 0;
    while (lead < seg.length && isWs(seg[lead])) lead++;
    const skip = Math.max(0, lead - 8);
    const probe = skip > 0 ? seg.slice(skip) : seg;
    const m = LABEL_RE.exec(probe);
    const other = m ? null : OTHER_LABEL_RE.exec(probe);
    if (m) {
      label = m[1];
      rest = seg.slice(skip + m[0].length);
    } else if (other) {
      label = null;
    }
    if (label === null) continue;
    const names = splitUnitNames(rest);
    if (LEAD_LABEL_RE.test(label)) into.lead.push(...names);
    for (const n of names) {
      if (into.seen.has(n)) continue;
      into.seen.add(n);
      into.units.push(n);
    }
  }
}

const LEAD_TAIL_RE = /^[（(]([^（）()]+?)牵头[，,；;、]?([^（）()]*?)(?:配合|参与|协助|协同|负责)?[)）][。.]?$/;

/**
 * `[（(]([^（）()]+?)牵头…[)）][。.]?$` at the end of `text`. The bracket can only be the last one before the
 * closing bracket at the end, so the pattern is tried there alone: tried at every bracket it was quadratic.
 */
function leadTail(text: string): (RegExpExecArray & { index: number }) | null {
  let c = text.length - 1;
  if (c >= 0 && (text[c] === "。" || text[c] === ".")) c--;
  if (c < 0 || (text[c] !== ")" && text[c] !== "）")) return null;
  let o = c - 1;
  while (o >= 0 && !"（）()".includes(text[o])) o--;
  if (o < 0 || (text[o] !== "（" && text[o] !== "(")) return null;
  const m = LEAD_TAIL_RE.exec(text.slice(o));
  if (!m) return null;
  m.index = o;
  return m;
}

/** Index of the bracket closing the one opened at `open`, or -1. */
function matchingClose(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === "（" || s[i] === "(") depth++;
    else if (s[i] === "）" || s[i] === ")") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/**
 * Takes the responsible-unit clause(s) out of a paragraph: "（责任单位：A、B）", "(责任单位:A,B)",
 * "（牵头单位：A；责任单位：B、C）", a trailing "（A牵头，B、C配合）", or a bare trailing "责任单位：A、B".
 */
export function extractUnitClauses(paragraph: string): { text: string; units: string[]; leadUnit: string | null } {
  const { text, units, lead } = takeUnitClauses(paragraph);
  return { text, units, leadUnit: lead[0] ?? units[0] ?? null };
}

function takeUnitClauses(paragraph: string): { text: string; units: string[]; lead: string[] } {
  const found: ClauseUnits = { lead: [], units: [], seen: new Set() };
  // Each clause is cut out and the search goes on after it, in one pass over the paragraph (searching again from
  // the start after each cut was quadratic in the number of clauses).
  const kept: string[] = [];
  let from = 0;
  CLAUSE_OPEN_RE.lastIndex = 0;
  for (let m = CLAUSE_OPEN_RE.exec(paragraph); m; m = CLAUSE_OPEN_RE.exec(paragraph)) {
    const close = matchingClose(paragraph, m.index);
    const end = close === -1 ? paragraph.length : close;
    parseClauseBody(paragraph.slice(m.index + 1, end), found);
    kept.push(paragraph.slice(from, m.index));
    from = end + 1;
    if (close === -1) break;
    CLAUSE_OPEN_RE.lastIndex = from;
  }
  CLAUSE_OPEN_RE.lastIndex = 0;
  let text = kept.length === 0 ? paragraph : kept.join("") + paragraph.slice(from);
  if (found.units.length === 0) {
    // "（党群工作部牵头，高教办、工商联配合）" at the very end
    const tail = leadTail(text);
    if (tail) {
      const lead = splitUnitNames(tail[1]);
      const others = splitUnitNames(tail[2]);
      if (lead.length > 0 && [...lead, ...others].every(looksLikeUnitName)) {
        found.lead.push(...lead);
        for (const n of [...lead, ...others]) {
          if (found.seen.has(n)) continue;
          found.seen.add(n);
          found.units.push(n);
        }
        text = text.slice(0, tail.index) + (tail[0].endsWith("。") ? "。" : "");
      }
    }
  }
  if (found.units.length === 0) {
    const bare = BARE_CLAUSE_RE.exec(text);
    if (bare) {
      parseClauseBody(bare[2], found);
      text = text.slice(0, bare.index + bare[1].length);
    }
  }
  return { text: clean(text), units: found.units, lead: found.lead };
}

// ---------------------------------------------------------------------------------------------
// Markers

type MarkerType = "part" | "chapter" | "section" | "column" | "cn" | "cnParen" | "num" | "numParen" | "circled";

const RANK: Record<MarkerType, number> = {
  part: -1,
  chapter: 0,
  section: 1,
  column: 1.5,
  cn: 2,
  cnParen: 3,
  num: 4,
  numParen: 5,
  circled: 6,
};

const HEADING_TYPES: MarkerType[] = ["part", "chapter", "section", "column"];

interface Marker {
  type: MarkerType;
  number: string;
  ordinal: number | null;
  /** What follows the marker on the line. */
  rest: string;
}

const HEAD_RE = new RegExp(
  `^第[${WS}]*([${CN_NUM}${DIGITS}]{1,5})[${WS}]*(章|节|部分|篇)[${WS}]*[、：:．.]?[${WS}]*(.*)$`,
);
const COLUMN_RE = new RegExp(`^专栏([${WS}]*)([${CN_NUM}${DIGITS}]{1,3})?[${WS}]*([、：:．.—\\-]?)[${WS}]*(.*)$`);
const CN_RE = /^([一二三四五六七八九十]{1,3})\s*[、．.]\s*(.*)$/;
const CN_PAREN_RE = /^[（(]\s*([一二三四五六七八九十]{1,3})\s*[)）]\s*[、．.]?\s*(.*)$/;
const NUM_RE = new RegExp(`^([${DIGITS}]{1,3})[${WS}]*[.．、](?![${DIGITS}])[${WS}]*(?![${DIGITS}])(.*)$`);
const NUM_PAREN_RE = new RegExp(
  `^(?:[（(][${WS}]*([${DIGITS}]{1,3})[${WS}]*[)）]|([${DIGITS}]{1,3})[)）])[${WS}]*(.*)$`,
);
const CIRCLED_RE = /^([①-⑳])\s*(.*)$/;

/** Removes markdown-ish decoration that text exports sometimes carry ("## 第一章", "**第一节 …**"). */
function stripDecoration(t: string): string {
  let s = t.replace(/^#{1,6}\s*/, "");
  const bold = /^\*\*(.+)\*\*$/.exec(s);
  if (bold && !bold[1].includes("**")) s = bold[1];
  return clean(s);
}

/** A heading title: short, no sentence in it. */
function isHeadingTitle(rest: string, max: number): boolean {
  return rest.length <= max && !/[。！？!?；;，,]/.test(rest) && !/^[、的之]/.test(rest);
}

function detectMarker(line: string): Marker | null {
  const s = stripDecoration(line);
  let m = HEAD_RE.exec(s);
  if (m) {
    const ordinal = parseNumeral(m[1]);
    if (ordinal === null) return null;
    const unit = m[2];
    const type: MarkerType = unit === "章" ? "chapter" : unit === "节" ? "section" : "part";
    const rest = clean(m[3]);
    if (rest && !isHeadingTitle(rest, 60)) return null;
    return { type, number: `第${toAsciiDigits(m[1].replace(/\s+/g, ""))}${unit}`, ordinal, rest };
  }
  m = COLUMN_RE.exec(s);
  if (m) {
    const [, gap, num, sep, restRaw] = m;
    const rest = clean(restRaw);
    // "专栏" must be a heading: numbered, or separated from its title; the title short and sentence-free.
    if (!num && !gap && !sep) return null;
    if (!num && !rest) return null;
    if (s.length > 50 || (rest && !isHeadingTitle(rest, 40))) return null;
    const ordinal = num ? parseNumeral(num) : null;
    return { type: "column", number: ordinal != null ? `专栏 ${ordinal}` : "专栏", ordinal, rest };
  }
  m = CN_PAREN_RE.exec(s);
  if (m) return { type: "cnParen", number: `（${m[1]}）`, ordinal: parseNumeral(m[1]), rest: clean(m[2]) };
  m = CN_RE.exec(s);
  if (m) return { type: "cn", number: `${m[1]}、`, ordinal: parseNumeral(m[1]), rest: clean(m[2]) };
  m = NUM_PAREN_RE.exec(s);
  if (m) {
    const digits = toAsciiDigits(m[1] ?? m[2]);
    return { type: "numParen", number: `（${digits}）`, ordinal: Number(digits), rest: clean(m[3]) };
  }
  m = NUM_RE.exec(s);
  if (m) {
    const digits = toAsciiDigits(m[1]);
    return { type: "num", number: `${digits}.`, ordinal: Number(digits), rest: clean(m[2]) };
  }
  m = CIRCLED_RE.exec(s);
  if (m) {
    return { type: "circled", number: m[1], ordinal: m[1].charCodeAt(0) - 0x2460 + 1, rest: clean(m[2]) };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Table of contents

const LEADER_PAGE_RE = new RegExp(
  `(?:[·•‧∙⋅.．…⋯_]{3,}|…{2,}|\\t)[${WS}]*[（(]?[${WS}]*[${DIGITS}][${DIGITS} ]{0,4}[${WS}]*[)）]?$`,
);
const LEADER_END_RE = /[·•‧∙⋅.．⋯_]{4,}$/;
const LEADER_START_RE = /[·•‧∙⋅.．…⋯_]{2,}|…|\t/;

/**
 * A TOC line without its dot leaders and page number: what `replace(/(?:[·.…]{2,}|…|\t).*$|[\s]+[（(]?\d{1,4}[)）]?$/, "")`
 * removes, i.e. from the first leader or the whitespace before a trailing page number, whichever comes first
 * (the regex was quadratic on a long run of spaces).
 */
function stripLeader(t: string): string {
  const leader = LEADER_START_RE.exec(t);
  const page = trailingPageStart(t, 4);
  const cuts = [leader ? leader.index : -1, page].filter((i) => i >= 0);
  return cuts.length ? t.slice(0, Math.min(...cuts)) : t;
}

function isTocLine(t: string): boolean {
  return t.length <= 120 && (LEADER_PAGE_RE.test(t) || LEADER_END_RE.test(t));
}

/**
 * A TOC without leaders: two or more consecutive heading lines that each end in a page number
 * ("第一章 总则 1" / "第一节 目标 2"). A single such line is left alone.
 */
function pageNumberedHeadingRuns(lines: string[]): Set<number> {
  const out = new Set<number>();
  let run: number[] = [];
  const flush = () => {
    if (run.length >= 2) for (const i of run) out.add(i);
    run = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i];
    if (!t) continue;
    const page = trailingPageStart(t, 3);
    const m = page >= 0 ? detectMarker(t.slice(0, page)) : null;
    if (m && (HEADING_TYPES.includes(m.type) || m.type === "cn")) run.push(i);
    else flush();
  }
  flush();
  return out;
}

/** Running headers/footers left by PDF conversion: "- 3 -", "— 12 —", "第 3 页". */
const PAGE_NUMBER_CORE_RE = new RegExp(`^(?:第[${WS}]*)?[${DIGITS}]{1,4}(?:[${WS}]*页)?$`);
const PAGE_DECORATION = "-—–－·";

/**
 * `^[-—·\s]*(?:第\s*)?\d{1,4}\s*(?:页)?[-—·\s]*$`: the decoration is taken off both ends first, so the pattern never
 * backtracks over a long run of spaces (as one regex it was quadratic there).
 */
function isPageNumberLine(t: string): boolean {
  const deco = (c: string) => PAGE_DECORATION.includes(c) || isWs(c);
  let a = 0;
  let b = t.length;
  while (a < b && deco(t[a])) a++;
  while (b > a && deco(t[b - 1])) b--;
  return PAGE_NUMBER_CORE_RE.test(t.slice(a, b));
}

interface TocEntry {
  type: "chapter" | "section";
  chapter: number | null;
  ordinal: number | null;
  title: string;
}

// ---------------------------------------------------------------------------------------------
// Front matter: 文号, title, period

const DOC_NUMBER_RE = new RegExp(
  `^[\\u4e00-\\u9fa5A-Za-z]{1,16}[〔［\\[【(（][${WS}]*((?:19|20)\\d{2})[${WS}]*[〕］\\]】)）][${WS}]*第?[${WS}]*\\d{1,5}[${WS}]*号$`,
);
const PERIOD_RE = /((?:19|20)\d{2})\s*(?:年)?\s*[-—–~～至到]\s*((?:19|20)\d{2})\s*年?/;
const PLAN_SUFFIX_RE = /(方案|规划|计划|意见|办法|纲要|要点|细则|措施)(?:[（(][^（）()]*[)）])?$/;
const DATE_LINE_RE =
  /^(?:\d{4}|[〇零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日$/;

function isTitleLikeLine(t: string): boolean {
  return (
    t.length >= 2 &&
    t.length <= 48 &&
    !/[，,。；;：:！？]/.test(t) &&
    !DATE_LINE_RE.test(compact(t)) &&
    !DOC_NUMBER_RE.test(compact(t))
  );
}

function normaliseTitle(raw: string): string {
  let s = clean(raw).replace(/^《(.*)》$/, "$1");
  s = s.replace(/[(（]\s*((?:19|20)\d{2})\s*年?\s*[-—–~～至到]\s*((?:19|20)\d{2})\s*(年?)\s*[)）]/, "（$1-$2$3）");
  // Whitespace between CJK characters / before a bracket is layout, not content.
  s = s.replace(/([\u4e00-\u9fa5》）])\s+(?=[\u4e00-\u9fa5《（])/g, "$1");
  return s;
}

/**
 * `/印发[《〈](.+?)[》〉]的?通知/` in linear time: the first "印发《" wins when any "》通知" follows it, and then the
 * nearest one (the regex tried every "印发《" against the rest of the text).
 */
function noticeTitle(s: string): string | null {
  const a = s.indexOf("印发《");
  const b = s.indexOf("印发〈");
  const start = a < 0 ? b : b < 0 ? a : Math.min(a, b);
  if (start < 0) return null;
  const end = /[》〉]的?通知/g;
  end.lastIndex = start + 4;
  const m = end.exec(s);
  return m ? s.slice(start + 3, m.index) : null;
}

function findFrontMatter(front: string[]): { title: string | null; docNumber: string | null; period: string | null } {
  let docNumber: string | null = null;
  for (const t of front) {
    if (DOC_NUMBER_RE.test(compact(t))) {
      docNumber = compact(t);
      break;
    }
  }
  // Groups of consecutive title-like lines (blank lines do not break a group, anything else does).
  const groups: string[][] = [];
  let cur: string[] = [];
  for (const t of front) {
    if (!t) continue;
    if (isTitleLikeLine(t)) cur.push(t);
    else {
      if (cur.length) groups.push(cur);
      cur = [];
    }
  }
  if (cur.length) groups.push(cur);
  let title: string | null = null;
  for (const g of groups) {
    const joined = normaliseTitle(g.slice(-3).join(""));
    if (PLAN_SUFFIX_RE.test(joined.replace(/》$/, ""))) title = joined.replace(/^《|》$/g, "");
  }
  if (!title) {
    // "关于印发《X》的通知", possibly wrapped over several lines.
    const notice = noticeTitle(front.filter(Boolean).join(""));
    if (notice) title = normaliseTitle(notice);
  }
  let period: string | null = null;
  const p = (title && PERIOD_RE.exec(title)) || PERIOD_RE.exec(front.filter(isTitleLikeLine).join(" "));
  if (p) period = `${p[1]}-${p[2]}`;
  return { title, docNumber, period };
}

// ---------------------------------------------------------------------------------------------
// Tree building

interface Draft {
  type: MarkerType | "root";
  rank: number;
  number: string;
  ordinal: number | null;
  /** Marker line content after the number, unit clause removed. */
  head: string;
  titleOnly: boolean;
  /** Task text (head + continuations) for numbered lines that are not title-only. */
  text: Para;
  /** Paragraphs under a heading / title-only line. */
  body: Para;
  units: string[];
  lead: string[];
  /** `units` and `lead` as sets (made with the first name), so adding a name does not scan the list. */
  unitSet: Set<string> | null;
  leadSet: Set<string> | null;
  children: Draft[];
  /** The last child of each marker type (made with the first child), so a 专栏 need not scan its parent's children. */
  lastOfType: Map<string, Draft> | null;
  parent: Draft | null;
  line: number;
}

/** Deeper than any real plan (篇/章/节/专栏 and five levels of numbering); a deeper tree is refused, not built. */
const MAX_DEPTH = 16;

const NUMBERED: MarkerType[] = ["cn", "cnParen", "num", "numParen", "circled"];

function isNumbered(d: Draft): boolean {
  return NUMBERED.includes(d.type as MarkerType);
}

function addUnits(d: Draft, clause: { units: string[]; lead: string[] }) {
  if (clause.lead.length > 0) d.leadSet ??= new Set();
  for (const l of clause.lead) {
    if (d.leadSet!.has(l)) continue;
    d.leadSet!.add(l);
    d.lead.push(l);
  }
  if (clause.units.length > 0) d.unitSet ??= new Set();
  for (const u of clause.units) {
    if (d.unitSet!.has(u)) continue;
    d.unitSet!.add(u);
    d.units.push(u);
  }
}

/** A draft node. Every field is written out (no object spread), so all drafts share one shape and stay fast. */
function newDraft(f: Omit<Draft, "units" | "lead" | "unitSet" | "leadSet" | "children" | "lastOfType">): Draft {
  return {
    type: f.type,
    rank: f.rank,
    number: f.number,
    ordinal: f.ordinal,
    head: f.head,
    titleOnly: f.titleOnly,
    text: f.text,
    body: f.body,
    units: [],
    lead: [],
    unitSet: null,
    leadSet: null,
    children: [],
    lastOfType: null,
    parent: f.parent,
    line: f.line,
  };
}

/** First sentence of the first paragraph, or its first clause when the sentence is long. */
function taskTitle(text: string): string {
  const head = text.split("\n")[0];
  const end = indexAtDepth0(head, "。！？!?；;");
  let s = end >= 0 ? head.slice(0, end) : head;
  if (s.length > 40) {
    const comma = indexAtDepth0(s, "，,：:", 4);
    s = comma >= 0 ? s.slice(0, comma) : `${s.slice(0, 40)}…`;
  }
  return clean(s);
}

/**
 * A numbered line after a 专栏's items leaves the 专栏 when it restarts the numbering, is coarser than the
 * 专栏's items, or continues the numbering of the items before the 专栏 rather than the 专栏's own.
 */
function columnEndsBefore(column: Draft, m: Marker): boolean {
  const first = column.children[0];
  if (!first) return false;
  if (RANK[m.type] < first.rank) return true;
  if (m.type === first.type && m.ordinal === 1) return true;
  const last = column.children[column.children.length - 1];
  const continuesColumn = last.type === m.type && last.ordinal != null && m.ordinal === last.ordinal + 1;
  // The column is its parent's last child (it is open), so this is the parent's last child of that type.
  const prevOutside = m.type === "column" ? undefined : column.parent?.lastOfType?.get(m.type);
  return !continuesColumn && prevOutside?.ordinal != null && m.ordinal === prevOutside.ordinal + 1;
}

/** Parses the plain text of a plan into its tree. Throws PlanParseError when no plan structure is found. */
export function parsePlanText(input: string): ParsedPlan {
  const source = input.replace(/^\ufeff/, "");
  if (!clean(source)) throw new PlanParseError("PLAN_EMPTY", "文件内容为空，请确认上传的是规划或实施方案");
  const lines = source.split(/\r\n|\r|\n|\f|\u2028|\u2029/).map(clean);
  const warnings: string[] = [];

  // Pass 1: table of contents (目录 block and dot-leader lines).
  const toc = new Set<number>();
  const tocEntries: TocEntry[] = [];
  let tocChapter: number | null = null;
  const recordToc = (t: string) => {
    const m = detectMarker(clean(stripLeader(t)));
    if (m && (m.type === "chapter" || m.type === "section")) {
      if (m.type === "chapter") tocChapter = m.ordinal;
      tocEntries.push({ type: m.type, chapter: tocChapter, ordinal: m.ordinal, title: m.rest });
    }
    return m;
  };
  let inToc = false;
  let tocFirst: Marker | null = null;
  const pageRuns = pageNumberedHeadingRuns(lines);
  for (let i = 0; i < lines.length; i++) {
    if (isPageNumberLine(lines[i])) lines[i] = "";
    const t = lines[i];
    if (!t) continue;
    const c = compact(t);
    if (c === "目录" || c === "目次") {
      inToc = true;
      tocFirst = null;
      toc.add(i);
      continue;
    }
    if (isTocLine(t) || pageRuns.has(i)) {
      toc.add(i);
      const m = recordToc(t);
      if (inToc && !tocFirst && m) tocFirst = m;
      continue;
    }
    if (!inToc) continue;
    const m = detectMarker(t);
    const repeatsFirst = m && tocFirst && m.type === tocFirst.type && m.ordinal === tocFirst.ordinal;
    if (!repeatsFirst && ((m && HEADING_TYPES.includes(m.type)) || isTitleLikeLine(t))) {
      toc.add(i);
      const rec = recordToc(t);
      if (!tocFirst && rec) tocFirst = rec;
      continue;
    }
    inToc = false;
  }

  // Pass 2: body.
  const root = newDraft({
    type: "root",
    rank: Number.NEGATIVE_INFINITY,
    number: "",
    ordinal: null,
    head: "",
    titleOnly: true,
    text: new Para(),
    body: new Para(),
    parent: null,
    line: 0,
  });
  const stack: Draft[] = [root];
  const top = () => stack[stack.length - 1];
  const front: string[] = [];
  let bodyStarted = false;

  const openMarker = (m: Marker, lineNo: number, restOverride?: string) => {
    const rank = RANK[m.type];
    const numbered = NUMBERED.includes(m.type);
    for (;;) {
      const t = top();
      if (t === root) break;
      if (m.type === "column") {
        // A 专栏 belongs to the innermost heading: close other 专栏 and open tasks, keep title-only groups.
        if (
          t.type === "column" ||
          (isNumbered(t) && (!t.titleOnly || (t.body.length > 0 && t.children.length === 0)))
        ) {
          stack.pop();
          continue;
        }
        break;
      }
      if (t.type === "column") {
        if (!numbered || columnEndsBefore(t, m)) {
          stack.pop();
          continue;
        }
        break;
      }
      if (t.rank >= rank) {
        stack.pop();
        continue;
      }
      break;
    }
    const parent = top();
    const rest = restOverride ?? m.rest;
    const clause = takeUnitClauses(rest);
    const head = clause.text;
    const titleOnly =
      !HEADING_TYPES.includes(m.type) &&
      head.length > 0 &&
      head.length <= 50 &&
      !SENTENCE_PUNCT_RE.test(head) &&
      !/[，,]/.test(head) &&
      clause.units.length === 0;
    if (stack.length >= MAX_DEPTH) {
      throw new PlanParseError(
        "PLAN_TOO_DEEP",
        `第${lineNo}行：规划层级超过 ${MAX_DEPTH} 级，无法识别其结构，请检查文中章、节、专栏和编号的写法`,
      );
    }
    const d = newDraft({
      type: m.type,
      rank,
      number: m.number,
      ordinal: m.ordinal,
      head,
      titleOnly: HEADING_TYPES.includes(m.type) || titleOnly,
      text: new Para(HEADING_TYPES.includes(m.type) || titleOnly ? "" : head),
      body: new Para(),
      parent,
      line: lineNo,
    });
    addUnits(d, clause);
    parent.children.push(d);
    parent.lastOfType ??= new Map();
    parent.lastOfType.set(d.type, d);
    stack.push(d);
  };

  const closeTasks = () => {
    for (;;) {
      const t = top();
      if (t === root) return;
      if ((isNumbered(t) && !t.titleOnly) || (t.type === "column" && t.children.length > 0)) stack.pop();
      else return;
    }
  };

  const plain = (t: string) => {
    const cur = top();
    if (cur === root) return;
    const clause = takeUnitClauses(t);
    const isUnitsLine = clause.units.length > 0 && !clause.text;
    // A line that is only "责任单位：…" belongs to the nearest task.
    if (isUnitsLine) {
      const target = [...stack].reverse().find((d) => isNumbered(d)) ?? cur;
      addUnits(target, clause);
      return;
    }
    if (isNumbered(cur) && !cur.titleOnly) {
      if (!cur.text.terminated || (clause.units.length > 0 && cur.units.length === 0)) {
        cur.text.append(clause.text);
        addUnits(cur, clause);
        return;
      }
    } else if (isNumbered(cur) && cur.children.length === 0) {
      cur.body.append(clause.text);
      addUnits(cur, clause);
      return;
    } else if (cur.type === "column" && cur.children.length === 0) {
      cur.body.append(t);
      return;
    }
    closeTasks();
    const target = top();
    if (target === root) return;
    target.body.append(t);
  };

  for (let i = 0; i < lines.length; i++) {
    const t = lines[i];
    if (!t || toc.has(i)) {
      if (!bodyStarted && !toc.has(i)) front.push(t);
      continue;
    }
    const m = detectMarker(t);
    if (!m) {
      if (bodyStarted) plain(t);
      else front.push(t);
      continue;
    }
    bodyStarted = true;
    let restOverride: string | undefined;
    if (HEADING_TYPES.includes(m.type) && !m.rest) {
      // "第一章" alone on a line, title on the next non-empty line.
      let j = i + 1;
      while (j < lines.length && !lines[j]) j++;
      if (j < lines.length && !toc.has(j) && !detectMarker(lines[j]) && isHeadingTitle(lines[j], 40)) {
        restOverride = lines[j];
        i = j;
      }
    }
    openMarker(m, i + 1, restOverride);
  }

  // Pass 3: kinds, titles, warnings.
  const nodes = root.children.map((d) => finalise(d, []));
  checkNumbering(root, warnings);
  compareToc(nodes, tocEntries, warnings);
  checkUnits(nodes, warnings);

  // A plan: at least two explicit headings (第X章/第X节/专栏), or numbered tasks that come with something
  // plan-like (unit clauses, a 一、二、 chapter outline, or a title ending in 规划/方案/…). A news report
  // with a few numbered paragraphs is refused rather than imported as half a plan.
  const meta = findFrontMatter(front);
  const counts = countPlanNodes(nodes);
  const explicit = countExplicitHeadings(root);
  const tasky = counts.tasks >= 2 && counts.chapters + counts.sections + counts.columns + counts.tasks >= 3;
  const planLike =
    counts.chapters >= 2 ||
    collectUnitNames(nodes).length > 0 ||
    (meta.title !== null && PLAN_SUFFIX_RE.test(meta.title));
  if (!(explicit >= 2 || (tasky && planLike))) {
    throw new PlanParseError("PLAN_NOT_RECOGNISED", PLAN_NOT_RECOGNISED_MESSAGE);
  }

  return { title: meta.title, docNumber: meta.docNumber, period: meta.period, nodes, warnings };
}

function countExplicitHeadings(d: Draft): number {
  let n = 0;
  for (const c of d.children) {
    if (HEADING_TYPES.includes(c.type as MarkerType)) n++;
    n += countExplicitHeadings(c);
  }
  return n;
}

function finalise(d: Draft, ancestors: PlanNodeKind[]): PlanNode {
  let kind: PlanNodeKind;
  if (d.type === "part" || d.type === "chapter") kind = "chapter";
  else if (d.type === "section") kind = "section";
  else if (d.type === "column") kind = "column";
  else if (ancestors.includes("task") || ancestors.includes("item")) kind = "item";
  else if (d.titleOnly && (d.parent?.type === "root" || d.parent?.type === "part")) kind = "chapter";
  else if (d.titleOnly && d.children.some((c) => isNumbered(c) || c.type === "column")) kind = "section";
  else kind = "task";

  let title: string;
  let text: string;
  if (kind === "task" || kind === "item") {
    title = d.titleOnly ? d.head.replace(/[：:]$/, "") : taskTitle(d.text.toString());
    text = d.titleOnly ? [d.head, d.body.toString()].filter(Boolean).join("\n") : d.text.toString();
  } else {
    title = d.head.replace(/[：:]$/, "");
    text = d.body.toString();
  }
  const explicitLead = d.lead[0] ?? null;
  const node: PlanNode = {
    kind,
    number: d.number,
    title,
    text,
    units: [...d.units],
    leadUnit: explicitLead ?? d.units[0] ?? null,
    children: [],
    line: d.line,
  };
  node.children = d.children.map((c) => finalise(c, [...ancestors, kind]));
  return node;
}

function checkNumbering(root: Draft, warnings: string[]) {
  const globalLast = new Map<string, number>();
  const visit = (d: Draft) => {
    const lastInParent = new Map<string, number>();
    for (const c of d.children) {
      if (c.ordinal != null) {
        const key = c.type;
        const prev = lastInParent.get(key);
        const ok =
          prev != null
            ? c.ordinal === prev + 1
            : c.ordinal === 1 || c.ordinal === (globalLast.get(key) ?? Number.NaN) + 1;
        if (!ok) {
          const expected = prev != null ? prev + 1 : 1;
          warnings.push(`第${c.line}行：编号“${c.number}”与前文不连续（预期为第 ${expected} 项）`);
        }
        lastInParent.set(key, c.ordinal);
        globalLast.set(key, c.ordinal);
      }
      visit(c);
    }
  };
  visit(root);
}

function compareToc(nodes: PlanNode[], entries: TocEntry[], warnings: string[]) {
  if (entries.length === 0) return;
  const key = (chapter: number | null, section: number | null) => `${chapter ?? "?"}/${section ?? "-"}`;
  const tocMap = new Map<string, TocEntry>();
  for (const e of entries) tocMap.set(e.type === "chapter" ? key(e.ordinal, null) : key(e.chapter, e.ordinal), e);
  const seen = new Set<string>();
  let chapter: number | null = null;
  for (const node of flattenPlan(nodes)) {
    const m = /^第(.+)(章|节)$/.exec(node.number);
    if (!m || (node.kind !== "chapter" && node.kind !== "section")) continue;
    const ordinal = parseNumeral(m[1]);
    if (m[2] === "章") chapter = ordinal;
    const k = m[2] === "章" ? key(ordinal, null) : key(chapter, ordinal);
    seen.add(k);
    const e = tocMap.get(k);
    if (!e) {
      warnings.push(`目录中没有正文第${node.line}行的“${node.number} ${node.title}”`);
    } else if (compact(e.title) !== compact(node.title)) {
      warnings.push(
        `目录与正文标题不一致（以正文为准）：${node.number} 目录为“${e.title}”，正文第${node.line}行为“${node.title}”`,
      );
    }
  }
  for (const [k, e] of tocMap) {
    if (!seen.has(k)) warnings.push(`目录中的“${e.title}”在正文中未找到`);
  }
}

function checkUnits(nodes: PlanNode[], warnings: string[]) {
  const tasks: PlanNode[] = [];
  const walk = (ns: PlanNode[]) => {
    for (const n of ns) {
      if (n.kind === "task") tasks.push(n);
      walk(n.children);
    }
  };
  walk(nodes);
  const withUnits = tasks.filter((t) => t.units.length > 0).length;
  // Only when the document does use unit clauses: then a task without one is probably an omission.
  if (withUnits === 0 || withUnits * 2 < tasks.length) return;
  for (const t of tasks) {
    if (t.units.length === 0) warnings.push(`第${t.line}行：任务“${t.number}${t.title}”未写明责任单位`);
  }
}

// ---------------------------------------------------------------------------------------------
// Tree utilities

export interface PlanCounts {
  chapters: number;
  sections: number;
  columns: number;
  tasks: number;
  items: number;
}

export function countPlanNodes(nodes: PlanNode[]): PlanCounts {
  const c: PlanCounts = { chapters: 0, sections: 0, columns: 0, tasks: 0, items: 0 };
  const key: Record<PlanNodeKind, keyof PlanCounts> = {
    chapter: "chapters",
    section: "sections",
    column: "columns",
    task: "tasks",
    item: "items",
  };
  const walk = (ns: PlanNode[]) => {
    for (const n of ns) {
      c[key[n.kind]]++;
      walk(n.children);
    }
  };
  walk(nodes);
  return c;
}

/** All nodes, depth first, in document order. */
export function flattenPlan(nodes: PlanNode[]): PlanNode[] {
  const out: PlanNode[] = [];
  const walk = (ns: PlanNode[]) => {
    for (const n of ns) {
      out.push(n);
      walk(n.children);
    }
  };
  walk(nodes);
  return out;
}

/** Distinct unit names of the whole plan in order of first appearance (the input of resolveUnits). */
export function collectUnitNames(nodes: PlanNode[]): string[] {
  const out = new Set<string>();
  for (const n of flattenPlan(nodes)) for (const u of n.units) out.add(u);
  return [...out];
}

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
