/** Table of contents: which lines belong to it (they never become nodes), its entries, and how it differs from the body. */

import { isTitleLikeLine } from "./front-matter.js";
import {
  detectMarker,
  gluedPageStart,
  HEADING_TYPES,
  isPageNumberLine,
  isTocLine,
  type Marker,
  pageNumberedHeadingRuns,
  stripLeader,
  type TocEntry,
} from "./markers.js";
import { clean, compact, parseNumeral, WS } from "./text.js";
import { flattenPlan, type PlanNode } from "./types.js";

const GLUED_TOC_RE = new RegExp(`[${WS}]*目[${WS}]*[录次]$`);

/** The next non-empty line opens a chapter or section (so a line ending in "目录" starts the contents). */
function nextIsHeading(lines: string[], i: number): boolean {
  for (let j = i + 1; j < lines.length && j < i + 4; j++) {
    if (!lines[j]) continue;
    const m = detectMarker(clean(stripLeader(lines[j])));
    return m !== null && (m.type === "chapter" || m.type === "section" || m.type === "part" || m.type === "cn");
  }
  return false;
}

/**
 * Pass 1 over the lines: a block after a "目录"/"目次" line, dot-leader lines and runs of page-numbered headings.
 * Page-number lines ("- 3 -") are blanked in `lines` on the way.
 */
export function findToc(lines: string[]): { toc: Set<number>; tocEntries: TocEntry[] } {
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
    if (c.length > 2 && c.length <= 200 && (c.endsWith("目录") || c.endsWith("目次")) && nextIsHeading(lines, i)) {
      // "…印发给你们。目 录" / "某某规划目录": the contents start here, the rest of the line stays.
      lines[i] = clean(t.replace(GLUED_TOC_RE, ""));
      inToc = true;
      tocFirst = null;
      continue;
    }
    if (isTocLine(t) || pageRuns.has(i)) {
      toc.add(i);
      const m = recordToc(t);
      if (inToc && !tocFirst && m) tocFirst = m;
      continue;
    }
    if (!inToc) continue;
    if (gluedPageStart(t) > 0 && !/[。！？!?；;]/.test(t)) {
      // "第二章 坚持…，推动…（7）": an entry with its page number glued on (and maybe a comma).
      toc.add(i);
      const rec = recordToc(t);
      if (!tocFirst && rec) tocFirst = rec;
      continue;
    }
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
  return { toc, tocEntries };
}

export function compareToc(nodes: PlanNode[], entries: TocEntry[], warnings: string[]) {
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
