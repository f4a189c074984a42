/**
 * What a plan says without numbering it:
 *   - candidate tasks: a heading without numbered tasks whose paragraphs open with a short lead sentence
 *     ("推进民族团结进步创建工作社会化。…") offers each such paragraph as a task the user accepts or rejects;
 *   - principles: under 指导思想 / 基本原则 the numbered points and lead-sentence paragraphs are principles, not tasks;
 *   - suggested units: running text that names who does it ("由A、B等共同研究确定", "由A牵头", "A负责",
 *     "A牵头、B配合") when no 责任单位 clause does.
 */
import { clean } from "./text.js";
import type { PlanNode, PlanPrinciple } from "./types.js";
import { isCollectiveName, looksLikeUnitName, splitUnitNames, takeUnitClauses } from "./unit-clauses.js";

/** "——**坚持党的领导**。…", "推进民族团结进步创建工作社会化。…": a lead sentence of 4–30 characters, then more text. */
const LEAD_RE =
  /^(?:——|－－|--)?[ \u3000]*(?:\*\*)?([^。！？!?；;，,：:*\n]{4,30}?)(?:\*\*)?[。！？!?](?:\*\*)?[ \u3000]*([^\n]{10,})$/;
const PRINCIPLE_HEADING_RE = /指导思想|基本原则|工作原则|主要原则/;

export function isPrincipleHeading(title: string): boolean {
  return PRINCIPLE_HEADING_RE.test(title);
}

/** The lead sentence of a paragraph, or null when it does not open with one. */
export function leadSentence(paragraph: string): string | null {
  const m = LEAD_RE.exec(clean(paragraph));
  return m ? clean(m[1]) : null;
}

/** The paragraphs of a heading's text with the source line each starts on. */
function paragraphs(text: string, lines: number[], fallback: number): { text: string; line: number }[] {
  return text.split("\n").map((p, k) => ({ text: p, line: lines[k] ?? fallback }));
}

/** Lead-sentence paragraphs of a heading without numbered tasks, as candidate task nodes. */
export function candidateTasks(text: string, lines: number[], fallback: number): PlanNode[] {
  const out: PlanNode[] = [];
  for (const p of paragraphs(text, lines, fallback)) {
    const title = leadSentence(p.text);
    if (!title) continue;
    const clause = takeUnitClauses(p.text);
    const node: PlanNode = {
      kind: "task",
      number: "",
      title,
      text: clause.text.replace(/^(?:——|－－|--)/, "").replaceAll("**", ""),
      units: clause.units,
      leadUnit: clause.lead[0] ?? clause.units[0] ?? null,
      children: [],
      line: p.line,
    };
    if (clause.units.length === 0) {
      const s = suggestedUnits(node.text);
      if (s.units.length > 0) {
        node.suggestedUnits = s.units;
        node.leadUnit = s.lead;
      }
    }
    out.push(node);
  }
  return out;
}

/** Lead-sentence paragraphs under a principles heading. */
export function principleParagraphs(text: string, lines: number[], fallback: number): PlanPrinciple[] {
  const out: PlanPrinciple[] = [];
  for (const p of paragraphs(text, lines, fallback)) {
    const title = leadSentence(p.text);
    if (title) out.push({ number: "", title, line: p.line });
  }
  return out;
}

const NAME = "[^，,。；;：:（）()\\n]";
/** "A牵头、B配合" / "由A牵头，B、C等部门配合". */
const LEAD_AND_HELP_RE = new RegExp(
  `(?:^|[，,；;。（(])由?(${NAME}{2,60}?)牵头[，,、]?(${NAME}{2,80}?)(?:等(?:有关|相关)?(?:部门|单位)?)?(?:配合|参与|协助|协同)`,
  "g",
);
/** "由A、B等共同研究确定", "由A牵头", "由A负责", "由A组织实施". */
const BY_RE = new RegExp(
  `由(?!于|此)(${NAME}{2,80}?)(?:等(?:有关|相关)?(?:部门|单位)?)?(?:共同)?(?:研究确定|牵头负责|牵头|具体负责|负责|组织实施|统筹)`,
  "g",
);
/** "A负责。", "（A牵头）": the whole clause is a unit and the word. */
const SUBJECT_RE = new RegExp(
  `(?:^|[，,；;。（(])(${NAME}{2,40}?)(?:牵头负责|具体负责|负责|牵头)(?=[，,；;。）)]|$)`,
  "g",
);

/** Unit names from a match, kept only when every one of them looks like an organization. */
function names(list: string): string[] {
  const out = splitUnitNames(list);
  return out.length > 0 && out.every((n) => looksLikeUnitName(n) || isCollectiveName(n)) ? out : [];
}

/** Units a task's running text names informally, with the lead one (the 牵头 one, else the first). */
export function suggestedUnits(text: string): { units: string[]; lead: string | null } {
  if (text.length > 5000) return { units: [], lead: null };
  const units = new Set<string>();
  let lead: string | null = null;
  for (const m of text.matchAll(LEAD_AND_HELP_RE)) {
    const a = names(m[1]);
    const b = names(m[2]);
    if (a.length === 0) continue;
    lead ??= a[0];
    for (const n of [...a, ...b]) units.add(n);
  }
  for (const m of text.matchAll(BY_RE)) for (const n of names(m[1])) units.add(n);
  for (const m of text.matchAll(SUBJECT_RE)) for (const n of names(m[1])) units.add(n);
  const list = [...units];
  return { units: list, lead: lead ?? list[0] ?? null };
}
