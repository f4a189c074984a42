/** Small text helpers of the plan parser: whitespace, numerals, brackets, paragraphs re-joined. */

export const WS = "\\s\\u3000\\u00a0\\ufeff";
const WS_CHAR_RE = new RegExp(`^[${WS}]$`);
export const CN_NUM = "零〇一二两三四五六七八九十百";
export const DIGITS = "0-9０-９";

/**
 * Trims whitespace. `trim()` removes exactly the characters of `\\s` (which holds U+3000, U+00A0 and U+FEFF),
 * in linear time; a `[\\s]+$` regex would be quadratic on a long run of spaces inside a line.
 */
export function clean(line: string): string {
  return line.trim();
}

export function isWs(c: string): boolean {
  return WS_CHAR_RE.test(c);
}

const ASCII_AND_FULL_DIGIT_RE = /^[0-9０-９]$/;

/**
 * Where a trailing page number starts: `[\\s]+[（(]?\\d{1,maxDigits}[)）]?$` matched from the left, i.e. the start of
 * the whitespace run before it; -1 when the line does not end that way. Written out by hand because the regex is
 * quadratic on a long whitespace run that is not followed by a page number.
 */
export function trailingPageStart(t: string, maxDigits: number): number {
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
export function compact(s: string): string {
  return s.replace(new RegExp(`[${WS}]+`, "g"), "");
}

export function toAsciiDigits(s: string): string {
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
export function indexAtDepth0(s: string, chars: string, from = 0): number {
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
export function atDepth0(s: string): boolean {
  let depth = 0;
  for (const c of s) {
    if (OPENERS.includes(c)) depth++;
    else if (CLOSERS.includes(c)) depth = Math.max(0, depth - 1);
  }
  return depth === 0;
}

/** Splits on any of `chars` outside brackets/quotes. */
export function splitAtDepth0(s: string, chars: string): string[] {
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
export class Para {
  private parts: string[] = [];
  length = 0;
  /** The text ends a sentence: `/[。！？!?；;…][”’」』）)》\]】]*$/`. */
  terminated = false;
  /** The text ends with a colon: `/[：:]$/`. */
  colon = false;
  /** The sentence ends with "；": the next paragraph is more of the same list. */
  semicolon = false;

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
    if (i >= 0) {
      this.terminated = TERMINATORS.includes(s[i]);
      this.semicolon = s[i] === "；" || s[i] === ";";
    }
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

export const SENTENCE_PUNCT_RE = /[。！？!?；;]/;
