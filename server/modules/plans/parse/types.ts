/** The parsed plan's shape, the parse error, and walks over the tree. */
import { AppError } from "../../../core/errors.js";

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
  /**
   * chapter/section/column without numbered tasks: its paragraphs that open with a lead sentence, offered as tasks
   * (kind "task", no number) the user accepts or rejects in the preview. Not part of `children`.
   */
  candidates?: PlanNode[];
  /** A 指导思想/基本原则 heading: its points, which are principles and not tasks (their text stays in `text`). */
  principles?: PlanPrinciple[];
  /** task without a 责任单位 clause: units its text names informally ("由A牵头", "A负责"), for the user to confirm. */
  suggestedUnits?: string[];
}

export interface PlanPrinciple {
  number: string;
  title: string;
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
  | "PLAN_NO_LINE_BREAKS"
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
