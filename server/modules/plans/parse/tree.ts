/**
 * Tree building: numbered and heading lines open drafts on a stack, plain lines continue the open task or go to
 * the enclosing heading's text; `finalise` then decides each draft's kind and title (see parse-plan.ts).
 */
import { candidateTasks, isPrincipleHeading, principleParagraphs, suggestedUnits } from "./candidates.js";
import { detectMarker, HEADING_TYPES, isHeadingTitle, type Marker, type MarkerType, RANK } from "./markers.js";
import { clean, indexAtDepth0, Para, parseNumeral, SENTENCE_PUNCT_RE } from "./text.js";
import { type PlanNode, type PlanNodeKind, PlanParseError } from "./types.js";
import { takeUnitClauses } from "./unit-clauses.js";

export interface Draft {
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
  /** Source lines where the paragraphs of `body` start (for candidate tasks offered from them). */
  paraLines: number[];
}

/** Deeper than any real plan (篇/章/节/专栏 and five levels of numbering); a deeper tree is refused, not built. */
const MAX_DEPTH = 16;

const NUMBERED: MarkerType[] = ["cn", "cnParen", "num", "numParen", "circled"];

export function isNumbered(d: Draft): boolean {
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
function newDraft(
  f: Omit<Draft, "units" | "lead" | "unitSet" | "leadSet" | "children" | "lastOfType" | "paraLines">,
): Draft {
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
    paraLines: [],
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

/**
 * Pass 2: the body lines (those not in the table of contents) into a tree of drafts. Lines before the first marker
 * are the front matter.
 */
export function buildTree(lines: string[], toc: Set<number>): { root: Draft; front: string[] } {
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

  const openMarker = (marker: Marker, lineNo: number, restOverride?: string) => {
    const m = mixedColumnNumbering(openColumn(stack), marker);
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

  /** Appends a paragraph to a heading's text, noting the line where a new paragraph starts. */
  const toBody = (d: Draft, t: string, lineNo: number) => {
    if (d.body.length === 0 || d.body.terminated || d.body.colon) d.paraLines.push(lineNo);
    d.body.append(t);
  };

  const plain = (t: string, lineNo: number) => {
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
      // A task ending in "；" goes on: the next line is its next point, not the heading's text.
      if (!cur.text.terminated || cur.text.semicolon || (clause.units.length > 0 && cur.units.length === 0)) {
        cur.text.append(clause.text);
        addUnits(cur, clause);
        return;
      }
    } else if (isNumbered(cur) && cur.children.length === 0) {
      cur.body.append(clause.text);
      addUnits(cur, clause);
      return;
    } else if (cur.type === "column" && cur.children.length === 0) {
      toBody(cur, t, lineNo);
      return;
    }
    closeTasks();
    const target = top();
    if (target === root) return;
    toBody(target, t, lineNo);
  };

  for (let i = 0; i < lines.length; i++) {
    const t = lines[i];
    if (!t || toc.has(i)) {
      if (!bodyStarted && !toc.has(i)) front.push(t);
      continue;
    }
    const m = detectMarker(t) ?? (bodyStarted ? bareColumnItem(openColumn(stack), t) : null);
    if (!m) {
      if (bodyStarted) plain(t, i + 1);
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
  return { root, front };
}

/** The 专栏 the open drafts are in (the innermost one, through its items), or null. */
function openColumn(stack: Draft[]): Draft | null {
  for (let k = stack.length - 1; k > 0; k--) {
    const d = stack[k];
    if (d.type === "column") return d;
    if (!isNumbered(d)) return null;
  }
  return null;
}

/** Words that start with a numeral but are not numbered items: 一是, 一批, 一体化, 二〇二一年, 十四五 … */
const NOT_AN_ITEM_RE = /^(?:[是批些体系流定直方切起线次道律致般同带把手年个项名支大级类部种环连〇零十百]|届|五)/;

/**
 * A 专栏's item numbered without 、 ("一铸牢中华民族共同体意识教育工程", "二实施…"): a numeral that continues the
 * 专栏's own 一、二、 numbering (or starts it at 一), followed by the item's title.
 */
function bareColumnItem(column: Draft | null, line: string): Marker | null {
  if (!column) return null;
  const m = /^([一二三四五六七八九十]{1,3})([\u4e00-\u9fa5].*)$/.exec(line);
  if (!m) return null;
  const ordinal = parseNumeral(m[1]);
  const last = column.lastOfType?.get("cn");
  const expected = last?.ordinal != null ? last.ordinal + 1 : column.children.length === 0 ? 1 : null;
  if (ordinal === null || ordinal !== expected) return null;
  if (NOT_AN_ITEM_RE.test(m[2])) return null;
  return { type: "cn", number: `${m[1]}、`, ordinal, rest: clean(m[2]) };
}

/**
 * Mixed (1)/(三) numbering inside one 专栏: a （三） after （1）（2） (or a (3) after （一）（二）) that continues the
 * 专栏's items is read as one more of them, not as a coarser level that ends the 专栏.
 */
function mixedColumnNumbering(column: Draft | null, m: Marker): Marker {
  if (!column || (m.type !== "cnParen" && m.type !== "numParen")) return m;
  const first = column.children[0];
  const last = column.children[column.children.length - 1];
  if (!first || first.type === m.type || (first.type !== "cnParen" && first.type !== "numParen")) return m;
  if (last.type !== first.type || last.ordinal == null || m.ordinal !== last.ordinal + 1) return m;
  return { type: first.type, number: m.number, ordinal: m.ordinal, rest: m.rest };
}

export function countExplicitHeadings(d: Draft): number {
  let n = 0;
  for (const c of d.children) {
    if (HEADING_TYPES.includes(c.type as MarkerType)) n++;
    n += countExplicitHeadings(c);
  }
  return n;
}

export function finalise(d: Draft, ancestors: PlanNodeKind[]): PlanNode {
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
  if (kind === "task" && node.units.length === 0) {
    const s = suggestedUnits(text);
    if (s.units.length > 0) {
      node.suggestedUnits = s.units;
      node.leadUnit = s.lead;
    }
  }
  if (kind === "chapter" || kind === "section" || kind === "column") offerUnnumbered(d, node);
  return node;
}

/**
 * A heading's unnumbered points: under 指导思想/基本原则 its numbered points and lead-sentence paragraphs are
 * principles (the numbered ones leave `children`, their text joins the heading's); a heading without numbered tasks
 * or sub-headings offers its lead-sentence paragraphs as candidate tasks.
 */
function offerUnnumbered(d: Draft, node: PlanNode) {
  if (isPrincipleHeading(node.title)) {
    const points = node.children.filter((c) => c.kind === "task" && c.units.length === 0 && c.children.length === 0);
    const principles = [
      ...points.map((c) => ({ number: c.number, title: c.title, line: c.line })),
      ...principleParagraphs(node.text, d.paraLines, d.line),
    ];
    if (principles.length === 0) return;
    node.principles = principles;
    if (points.length > 0) {
      node.children = node.children.filter((c) => !points.includes(c));
      node.text = [node.text, ...points.map((c) => `${c.number}${c.text}`)].filter(Boolean).join("\n");
    }
    return;
  }
  if (d.children.some((c) => isNumbered(c) || c.type === "chapter" || c.type === "section" || c.type === "part"))
    return;
  const candidates = candidateTasks(node.text, d.paraLines, d.line);
  if (candidates.length > 0) node.candidates = candidates;
}
