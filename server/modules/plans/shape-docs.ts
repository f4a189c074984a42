/**
 * Plan documents in the shapes real offices produce (issue 10 §1), generated from templates with a seeded RNG:
 * random titles, numbering and units, and the tree the parser must find. `shapeDoc(seed, shapes)` renders one
 * model in the requested shapes; the expected outline, candidates, principles and suggested units come with it.
 */
import { cnNumeral, rng } from "./test-docs.js";

export type Shape =
  | "oneLine" // the whole text on one line, paragraphs separated by spaces
  | "toc" // 目录 with glued page numbers, commas in entries, a chapter the body lacks (truncated copy)
  | "tocGlued" // "目 录" glued to the paragraph before it
  | "fileName" // first line "《…》.doc", period written 2021--2025 / 2021—2025
  | "statedTitle" // no title line: "…制定…实施方案如下："
  | "boilerplate" // web-page furniture around the text
  | "bareColumn" // 专栏 items "一铸牢…" without 、
  | "mixedColumn" // 专栏 items (1) (2) (三)
  | "candidates" // sections whose tasks are unnumbered lead-sentence paragraphs
  | "principles" // 基本原则 with numbered points
  | "semicolon" // a task ending in "；" continued on the next line
  | "informal"; // tasks naming units in running text only

export type ShapeOutline = {
  kind: string;
  number: string;
  title: string;
  units?: string[];
  children?: ShapeOutline[];
  candidates?: string[];
  principles?: string[];
  suggested?: string[];
};

export type ShapeDoc = {
  text: string;
  title: string;
  period: string | null;
  outline: ShapeOutline[];
  /** Titles the contents list but the body lacks. */
  missingFromBody: string[];
};

const REGIONS = ["科左后旗", "库伦旗", "奈曼旗", "开鲁县", "扎鲁特旗", "霍林郭勒市"];
const VERBS = ["加强", "深化", "推进", "完善", "健全", "实施", "开展", "提升", "打造", "培育"];
const OBJECTS = [
  "民族团结进步宣传教育",
  "少数民族干部队伍建设",
  "嘎查村民族团结示范点",
  "城市民族工作服务体系",
  "各民族交往交流交融平台",
  "国家通用语言文字推广",
  "非物质文化遗产传承保护",
  "流动人口服务管理",
  "民族事务治理能力",
  "互嵌式社区建设",
];
const GOALS = ["工作机制", "长效机制", "专项行动", "工程", "体系", "示范创建"];
const BODY = [
  "把铸牢中华民族共同体意识贯穿工作全过程，推动各项措施落地见效。",
  "每年组织专题培训，覆盖全部嘎查村和社区。",
  "建立台账，定期调度，确保按期完成。",
  "统筹各方资源，形成工作合力。",
];
const UNITS = ["旗民宗局", "旗委宣传部", "旗教育局", "旗文旅局", "旗人社局", "旗卫健委", "旗司法局"];
const PRINCIPLES = ["坚持党的全面领导", "坚持以人民为中心", "坚持依法治理", "坚持共同繁荣发展", "坚持守正创新"];

/** A document of the given shapes, reproducible from its seed. */
export function shapeDoc(seed: number, shapes: readonly Shape[]): ShapeDoc {
  const r = rng(seed);
  const has = (s: Shape) => shapes.includes(s);
  const region = r.pick(REGIONS);
  const isScheme = has("statedTitle");
  const topic = `${region}${r.pick(["民族团结进步", "铸牢中华民族共同体意识", "民族工作"])}`;
  const title = isScheme ? `${topic}示范创建实施方案` : `${topic}事业发展规划（2021-2025年）`;
  const dash = r.pick(["--", "—", "——", "-"]);
  const writtenTitle = title.replace("2021-2025", `2021${dash}2025`);
  const phrase = () => `${r.pick(VERBS)}${r.pick(OBJECTS)}`;
  const used = new Set<string>();
  const unique = (make: () => string) => {
    for (;;) {
      const t = make();
      if (!used.has(t)) {
        used.add(t);
        return t;
      }
    }
  };
  const taskTitle = () => unique(() => `${phrase()}${r.pick(GOALS)}`);

  const body: string[] = [];
  const toc: string[] = [];
  const outline: ShapeOutline[] = [];
  const missingFromBody: string[] = [];
  const chapters = r.int(2, 4);
  const truncateLast = has("toc");
  let page = 3;
  for (let c = 1; c <= chapters + (truncateLast ? 1 : 0); c++) {
    const ct = c === 2 && has("toc") ? `${phrase()}，${phrase()}` : unique(phrase);
    toc.push(`第${cnNumeral(c)}章 ${ct}${r.pick(["(", "（"])}${page}${r.pick([")", "）"])}`);
    page += r.int(1, 4);
    if (c > chapters) {
      missingFromBody.push(ct);
      break;
    }
    body.push(`第${cnNumeral(c)}章 ${ct}`, `${r.pick(BODY)}`);
    const chapter: ShapeOutline = { kind: "chapter", number: `第${cnNumeral(c)}章`, title: ct, children: [] };
    outline.push(chapter);
    const sections = r.int(2, 3);
    for (let s = 1; s <= sections; s++) {
      const principles = c === 1 && s === 1 && has("principles");
      const st = principles ? "基本原则" : unique(phrase);
      body.push(`第${cnNumeral(s)}节 ${st}`);
      const section: ShapeOutline = { kind: "section", number: `第${cnNumeral(s)}节`, title: st };
      chapter.children!.push(section);
      if (principles) {
        const ps = r.some(PRINCIPLES, r.int(2, 4));
        ps.forEach((p, k) => {
          body.push(`（${cnNumeral(k + 1)}）${p}。${r.pick(BODY)}`);
        });
        section.principles = ps;
        continue;
      }
      if (has("candidates") && s === sections) {
        body.push(`${r.pick(BODY)}`);
        const leads = Array.from({ length: r.int(2, 4) }, taskTitle);
        for (const l of leads) body.push(`${l}。${r.pick(BODY)}${r.pick(BODY)}`);
        section.candidates = leads;
        continue;
      }
      const tasks: ShapeOutline[] = [];
      const n = r.int(1, 3);
      const numbering = r.pick(["cnParen", "num"] as const);
      for (let k = 1; k <= n; k++) {
        const tt = taskTitle();
        const number = numbering === "cnParen" ? `（${cnNumeral(k)}）` : `${k}.`;
        const units = r.some(UNITS, r.int(1, 3));
        const task: ShapeOutline = { kind: "task", number, title: tt };
        if (has("informal") && k === 1) {
          const form = r.int(0, 2);
          if (form === 0)
            body.push(
              `${number}${tt}。${r.pick(BODY)}由${units[0]}牵头，${units.slice(1).join("、") || "旗财政局"}配合。`,
            );
          else if (form === 1) body.push(`${number}${tt}。${r.pick(BODY)}${units[0]}负责。`);
          else body.push(`${number}${tt}。具体办法由${units.join("、")}等共同研究确定。`);
          task.suggested =
            form === 0
              ? [units[0], ...(units.length > 1 ? units.slice(1) : ["旗财政局"])]
              : form === 1
                ? [units[0]]
                : units;
        } else if (has("semicolon") && k === 1) {
          body.push(
            `${number}${tt}。一是${r.pick(BODY).replace("。", "；")}`,
            `二是${r.pick(BODY)}（责任单位：${units.join("、")}）`,
          );
          task.units = units;
        } else {
          body.push(`${number}${tt}。${r.pick(BODY)}（责任单位：${units.join("、")}）`);
          task.units = units;
        }
        tasks.push(task);
      }
      if ((has("bareColumn") || has("mixedColumn")) && s === 1) {
        const no = c;
        const ctitle = `${r.pick(OBJECTS)}重点工程`;
        body.push(`专栏${no} ${ctitle}`);
        const items = Array.from({ length: r.int(3, 4) }, () => `${phrase()}工程`);
        const column: ShapeOutline = { kind: "column", number: `专栏 ${no}`, title: ctitle, children: [] };
        items.forEach((it, k) => {
          const number = has("bareColumn")
            ? `${cnNumeral(k + 1)}、`
            : k < 2
              ? `（${k + 1}）`
              : `（${cnNumeral(k + 1)}）`;
          const written = has("bareColumn")
            ? `${cnNumeral(k + 1)}${it}`
            : k < 2
              ? `(${k + 1})${it}`
              : `(${cnNumeral(k + 1)})${it}`;
          body.push(written);
          column.children!.push({ kind: "task", number, title: it });
        });
        tasks.push(column);
      }
      if (tasks.length > 0) section.children = tasks;
    }
  }

  const front: string[] = [];
  if (has("boilerplate")) front.push(`下面是小编为大家整理的${title}，供大家参考。`);
  if (has("fileName")) front.push(`《${writtenTitle}》.doc`);
  if (isScheme) {
    front.push(`为深入贯彻落实党的民族政策，结合${region}实际，制定${title}如下：`);
  } else {
    front.push(writtenTitle);
  }
  if (has("toc") || has("tocGlued")) {
    if (has("tocGlued")) front.push(`${r.pick(BODY)}目 录`);
    else front.push(r.pick(["目录", "目 录", "目　录"]));
    front.push(...toc);
  }
  const tail = has("boilerplate")
    ? [
        "推荐阅读：民族团结进步创建工作总结范文",
        "Copyright © 2023 范文网 版权所有",
        "蒙ICP备12345678号-1",
        "https://www.example.com/fanwen/123.html",
      ]
    : [];
  const lines = [...front, ...body, ...tail];
  const text = has("oneLine") ? lines.join(r.pick([" ", "  ", "　"])) : lines.join("\n");
  return { text, title, period: isScheme ? null : "2021-2025", outline, missingFromBody };
}
