/** Responsible-unit clauses: "（责任单位：A、B）", "（A牵头，B配合）", bare "责任单位：…", and unit-list splitting. */
import { atDepth0, clean, compact, isWs, splitAtDepth0, WS } from "./text.js";

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

export function takeUnitClauses(paragraph: string): { text: string; units: string[]; lead: string[] } {
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
