/** Numbering markers (第X章 … ①) and the table-of-contents line shapes. */
import { CN_NUM, clean, DIGITS, isWs, parseNumeral, toAsciiDigits, trailingPageStart, WS } from "./text.js";

export type MarkerType = "part" | "chapter" | "section" | "column" | "cn" | "cnParen" | "num" | "numParen" | "circled";

export const RANK: Record<MarkerType, number> = {
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

export const HEADING_TYPES: MarkerType[] = ["part", "chapter", "section", "column"];

export interface Marker {
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
export function isHeadingTitle(rest: string, max: number): boolean {
  return rest.length <= max && !/[。！？!?；;，,]/.test(rest) && !/^[、的之]/.test(rest);
}

export function detectMarker(line: string): Marker | null {
  const s = stripDecoration(line);
  let m = HEAD_RE.exec(s);
  if (m) {
    const ordinal = parseNumeral(m[1]);
    if (ordinal === null) return null;
    const unit = m[2];
    const type: MarkerType = unit === "章" ? "chapter" : unit === "节" ? "section" : "part";
    const rest = clean(m[3]);
    // A 章/节 title may hold a comma ("坚持共同团结奋斗，推动共同繁荣发展"), never a sentence end.
    if (
      rest &&
      !isHeadingTitle(rest, 60) &&
      !(rest.length <= 40 && !/[。！？!?；;]/.test(rest) && !/^[、的之，,]/.test(rest))
    )
      return null;
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
export function stripLeader(t: string): string {
  const leader = LEADER_START_RE.exec(t);
  const page = trailingPageStart(t, 4);
  const glued = gluedPageStart(t);
  const cuts = [leader ? leader.index : -1, page, glued].filter((i) => i >= 0);
  return cuts.length ? t.slice(0, Math.min(...cuts)) : t;
}

export function isTocLine(t: string): boolean {
  return t.length <= 120 && (LEADER_PAGE_RE.test(t) || LEADER_END_RE.test(t));
}

/**
 * A TOC without leaders: two or more consecutive heading lines that each end in a page number
 * ("第一章 总则 1" / "第一节 目标 2"). A single such line is left alone.
 */
const GLUED_PAGE_RE = new RegExp(`[（(][${WS}]*[${DIGITS}]{1,3}[${WS}]*[)）]$`);

/** Where a page number glued to a contents entry starts ("规划背景(5)", "规划背景（5）"), or -1. */
export function gluedPageStart(t: string): number {
  if (t.length > 120) return -1;
  const m = GLUED_PAGE_RE.exec(t);
  return m && m.index > 0 ? m.index : -1;
}

export function pageNumberedHeadingRuns(lines: string[]): Set<number> {
  const out = new Set<number>();
  let run: number[] = [];
  const flush = () => {
    if (run.length >= 2) for (const i of run) out.add(i);
    run = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i];
    if (!t) continue;
    let page = trailingPageStart(t, 3);
    if (page < 0) page = gluedPageStart(t);
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
export function isPageNumberLine(t: string): boolean {
  const deco = (c: string) => PAGE_DECORATION.includes(c) || isWs(c);
  let a = 0;
  let b = t.length;
  while (a < b && deco(t[a])) a++;
  while (b > a && deco(t[b - 1])) b--;
  return PAGE_NUMBER_CORE_RE.test(t.slice(a, b));
}

export interface TocEntry {
  type: "chapter" | "section";
  chapter: number | null;
  ordinal: number | null;
  title: string;
}
