/**
 * Before the passes: the text cut into lines, web-page boilerplate dropped, and a document that lost its line
 * breaks (copied from a web page or an old .doc: the whole text on one line, paragraphs separated only by spaces)
 * cut back into paragraphs at its structural markers and sentence ends.
 */
import { CN_NUM, clean, DIGITS, WS } from "./text.js";

/** Lines that are a web page's furniture, not the plan: "下面是小编为大家整理的…", 推荐阅读, Copyright, ICP备 … */
const BOILERPLATE_RE =
  /下面是小编|小编(?:为大家|整理|推荐)|(?:推荐|相关|延伸|热门|精选)阅读|猜你喜欢|相关推荐|热门推荐|copyright|版权所有|ICP[备证]|免责声明|本文(?:来源|来自|转载|链接)|原文链接|[上下]一篇[:：]|返回顶部|扫一扫|(?:点击|免费)下载/i;
/** A boilerplate line is short; a long paragraph that mentions one of the words is kept. */
const BOILERPLATE_MAX = 200;
const URL_RE = /(?:https?:\/\/|www\.)[\w./?=&%#:+~@-]*/gi;
const PUNCT_ONLY_RE = new RegExp(`^[${WS}\\p{P}\\p{S}]*$`, "u");

/** Drops web-page boilerplate and URLs; `null` when nothing of the line is left. */
function dropBoilerplate(line: string): string {
  if (line.length <= BOILERPLATE_MAX && BOILERPLATE_RE.test(line)) return "";
  if (!line.includes("http") && !line.includes("www.")) return line;
  const rest = clean(line.replace(URL_RE, ""));
  return PUNCT_ONLY_RE.test(rest) ? "" : rest;
}

/** A document reads as "without line breaks" when it has at most 3 paragraphs or over 3,000 characters a paragraph. */
const RUN_ON_MAX_LINES = 3;
const RUN_ON_CHARS_PER_LINE = 3000;
/** Only lines this long are cut. */
const RUN_ON_MIN_LINE = 300;

const CN_SMALL = "一二三四五六七八九十";
/** A word (a piece between spaces) that starts with a structural marker. */
const MARKER_START_RE = new RegExp(
  `^(?:第[${CN_NUM}${DIGITS}]{1,5}(?:章|节|部分|篇)|专栏[${DIGITS}${CN_SMALL}]{0,3}|[（(][${CN_SMALL}]{1,3}[)）]|[${CN_SMALL}]{1,3}[、．]|[（(][${DIGITS}]{1,3}[)）]|[${DIGITS}]{1,3}[)）]|[${DIGITS}]{1,3}[.．、](?![${DIGITS}])|[①-⑳]|目录)`,
);
/** Markers that open a heading: its title may follow as the next word(s), its text after that. */
const HEADING_START_RE = new RegExp(
  `^(?:第[${CN_NUM}${DIGITS}]{1,5}(?:章|节|部分|篇)|专栏[${DIGITS}${CN_SMALL}]{0,3}|[（(][${CN_SMALL}]{1,3}[)）]|[${CN_SMALL}]{1,3}、)`,
);
/** A sentence end glued to the next structural marker ("…工作。二、主要任务"): a space is put between them. */
const GLUED_MARKER_RE = new RegExp(
  `([。！？；])(?=第[${CN_NUM}${DIGITS}]{1,5}(?:章|节)|专栏[${DIGITS}${CN_SMALL}]|[（(][${CN_SMALL}]{1,3}[)）]|[${CN_SMALL}]{1,3}、|[（(][${DIGITS}]{1,3}[)）]|[${DIGITS}]{1,3}[.．、](?![${DIGITS}]))`,
  "g",
);
const PAGE_ONLY_RE = new RegExp(`^[（(]?[${DIGITS}]{1,3}[)）]?$`);
const LEADER_END_RE = /[·•‧∙⋅.．…⋯_]{2,}$/;
const SENTENCE_END_RE = /[。！？!?；;]["”’）)]*$/;
/** A file name ("《…》.doc") is a line of its own. */
const FILE_NAME_END_RE = /\.(?:docx?|wps|txt|pdf|html?)$/i;
/** A plan's title ("…规划（2021-2025年）", "…实施方案") is a line of its own. */
const TITLE_END_RE = /^[^，,。；;：:！？]{4,60}(?:规划|方案|计划|纲要)(?:[（(][^（）()]{0,20}[)）])?$/;
const SENTENCE_STOP_RE = /[。！？!?；;]/;
const MARKER_ONLY_RE = new RegExp(`^第[${CN_NUM}${DIGITS}]{1,5}(?:章|节|部分|篇)$`);
const TITLE_STOP_RE = /[。！？!?；;，,：:]/;
/** A heading title that wraps over more words than this is body text. */
const MAX_WRAPPED_TITLE = 30;
const WORDS_RE = new RegExp(`[${WS}]+`);

function joinWords(a: string, b: string): string {
  // Spaces between CJK text are layout; between two Latin words or numbers they are kept.
  return /[A-Za-z0-9]$/.test(a) && /^[A-Za-z0-9]/.test(b) ? `${a} ${b}` : a + b;
}

/**
 * One run-on line cut into paragraphs: a new paragraph starts at every word that begins with a structural marker
 * and after every sentence end; a marker keeps its title with it (a title wrapped over two words is rejoined), and
 * a heading's text after its title is a paragraph of its own.
 */
export function segmentRunOn(line: string): string[] {
  const words = line
    .replace(new RegExp(`目[${WS}]+录`, "g"), "目录")
    .replace(GLUED_MARKER_RE, "$1 ")
    .replace(/([。！？；])目录/g, "$1 目录")
    .split(WORDS_RE)
    .filter(Boolean);
  const out: string[] = [];
  let cur = "";
  /** The current piece is a heading marker with at most its title so far. */
  let heading = false;
  let titleLength = 0;
  const flush = () => {
    if (cur) out.push(cur);
    cur = "";
    heading = false;
  };
  for (const w of words) {
    if (cur && PAGE_ONLY_RE.test(w) && (heading || LEADER_END_RE.test(cur))) {
      // A table-of-contents entry's page number: "第一章 总则 ……… (5)".
      cur = `${cur} ${w}`;
      continue;
    }
    if (BOILERPLATE_RE.test(w) || /^(?:https?:|www\.)/i.test(w)) {
      // Web-page furniture after the text is a line of its own (dropped below), never part of the last task.
      flush();
      cur = w;
      continue;
    }
    if (MARKER_START_RE.test(w)) {
      flush();
      cur = w;
      heading = HEADING_START_RE.test(w) && !TITLE_STOP_RE.test(w);
      titleLength = 0;
      if (w === "目录") flush();
      continue;
    }
    if (heading) {
      // The first word after a bare "第二章" is its title even with a comma in it ("坚持…，推动…").
      const titleWithComma =
        titleLength === 0 && MARKER_ONLY_RE.test(cur) && !SENTENCE_STOP_RE.test(w) && w.length <= 40;
      if (!titleWithComma && (TITLE_STOP_RE.test(w) || titleLength + w.length > MAX_WRAPPED_TITLE)) {
        flush();
        cur = w;
      } else {
        cur = joinWords(cur, w);
        titleLength += w.length;
      }
      continue;
    }
    if (!cur || SENTENCE_END_RE.test(cur) || FILE_NAME_END_RE.test(cur) || TITLE_END_RE.test(cur)) {
      flush();
      cur = w;
    } else {
      cur = joinWords(cur, w);
    }
  }
  flush();
  return out;
}

export type NormalisedText = {
  lines: string[];
  /** The document had (almost) no line breaks and was cut at its markers. */
  runOn: boolean;
  /** Non-empty lines in the text as given. */
  sourceLines: number;
};

/** The text as trimmed lines, boilerplate dropped; a run-on document cut into paragraphs. */
export function normaliseLines(source: string): NormalisedText {
  const raw = source.split(/\r\n|\r|\n|\f|\u2028|\u2029/).map(clean);
  let nonEmpty = 0;
  let chars = 0;
  for (const l of raw) {
    if (!l) continue;
    nonEmpty++;
    chars += l.length;
  }
  const runOn =
    nonEmpty > 0 &&
    chars > RUN_ON_MIN_LINE &&
    (nonEmpty <= RUN_ON_MAX_LINES || chars / nonEmpty > RUN_ON_CHARS_PER_LINE);
  const lines: string[] = [];
  for (const l of raw) {
    if (runOn && l.length > RUN_ON_MIN_LINE) {
      for (const piece of segmentRunOn(l)) lines.push(dropBoilerplate(piece));
    } else {
      lines.push(dropBoilerplate(l));
    }
  }
  return { lines, runOn, sourceLines: nonEmpty };
}
