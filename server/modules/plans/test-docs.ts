/**
 * Plan documents for tests, built from templates in the shapes of the real ones, with the tree each must parse
 * to. Titles, numbering, units and the mix of shapes come from a seeded RNG, so a failing seed can be replayed.
 *
 *   planDoc(seed)    — a 五年规划: notice with 文号, 《…规划（2021-2025年）》, a 目录 with dot leaders and page
 *                      numbers, 第X章 / 第X节 with intro paragraphs, 专栏N boxes of （一） tasks, （一） tasks
 *                      directly under a 节, paragraphs broken mid-sentence, 责任单位 / 牵头单位 clauses.
 *   schemeDoc(seed)  — a 实施方案: 文号, title, 一、 chapters, （一） groups, 1. tasks numbered through the
 *                      document with 责任单位 clauses, （1） sub-points under some tasks.
 *   NEWS_REPORT      — a news report that names units and numbers paragraphs but is not a plan.
 */

export type Outline = {
  kind: "chapter" | "section" | "column" | "task" | "item";
  number: string;
  title: string;
  units?: string[];
  children?: Outline[];
};

export type TestDoc = {
  text: string;
  title: string;
  docNumber: string;
  period: string | null;
  expected: Outline[];
  counts: { chapters: number; sections: number; columns: number; tasks: number; items: number };
  /** Distinct unit names in order of first appearance. */
  units: string[];
};

/** Units a banner's plan names: party and government departments by the short names plans use. */
export const BANNER_UNITS = [
  "旗民宗局",
  "旗委组织部",
  "旗委宣传部",
  "旗委统战部",
  "旗教育局",
  "旗文旅体局",
  "旗民政局",
  "旗公安局",
  "旗司法局",
  "旗人社局",
  "旗卫健委",
  "旗融媒体中心",
  "住房和城乡建设局",
  "各苏木镇",
];

/** mulberry32: a small deterministic RNG. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const some = <T>(xs: readonly T[], n: number): T[] => {
    const pool = [...xs];
    const out: T[] = [];
    while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(next() * pool.length), 1)[0]);
    return out;
  };
  return { next, int, pick, some };
}
type Rng = ReturnType<typeof rng>;

const CN = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (to 99). */
export function cnNumeral(n: number): string {
  if (n < 10) return CN[n];
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? "" : CN[tens]}十${CN[n % 10]}`;
}

const VERBS = ["加强", "深化", "推进", "完善", "健全", "实施", "开展", "建立", "提升", "打造", "培育", "拓展"];
const OBJECTS = [
  "民族团结进步宣传教育",
  "少数民族干部队伍建设",
  "铸牢中华民族共同体意识主题教育",
  "嘎查村民族团结示范点",
  "城市民族工作服务体系",
  "各民族交往交流交融平台",
  "国家通用语言文字推广",
  "非物质文化遗产传承保护",
  "民族团结进步教育基地",
  "流动人口服务管理",
  "民族事务治理能力",
  "青少年同心研学活动",
  "网上民族团结宣传阵地",
  "民族团结进步模范评选",
  "互嵌式社区建设",
  "乡村振兴重点帮扶",
];
const GOALS = ["工作机制", "长效机制", "行动", "工程", "体系", "能力建设", "示范创建", "专项活动"];
const SENTENCES = [
  "每年至少组织一次集中学习，形成学习台账。",
  "制定年度工作计划，明确时间节点和责任人。",
  "建立定期调度机制，及时研究解决推进中的问题。",
  "总结推广典型经验，形成一批可复制的做法。",
  "加大经费保障力度，将所需经费列入年度预算。",
  "组织开展专题调研，形成调研报告报旗委、旗政府。",
  "依托现有场所和平台，做到有阵地、有活动、有实效。",
];
const INTROS = [
  "这是推进民族团结进步事业高质量发展的重要基础，必须长期坚持、久久为功。",
  "各地各部门要立足实际，把这项工作摆在突出位置，纳入本单位整体工作统筹推进。",
  "规划期内，要在巩固已有成果的基础上，进一步拓展工作领域，提升工作质量。",
];

function title(r: Rng, suffix = true): string {
  return `${r.pick(VERBS)}${r.pick(OBJECTS)}${suffix && r.next() < 0.5 ? r.pick(GOALS) : ""}`;
}

/** A 责任单位 clause and the units it names, lead first; now and then with a separate 牵头单位. */
function unitClause(r: Rng, pool: readonly string[]): { clause: string; units: string[] } {
  const units = r.some(pool, r.int(1, 3));
  if (units.length > 1 && r.next() < 0.25) {
    return { clause: `（牵头单位：${units[0]}；责任单位：${units.slice(1).join("、")}）`, units };
  }
  return { clause: `（责任单位：${units.join("、")}）`, units };
}

/** Task body: title, two sentences, the unit clause; sometimes broken mid-sentence across two lines. */
function taskLines(r: Rng, number: string, t: string, clause: string): string[] {
  const [a, b] = r.some(SENTENCES, 2);
  const body = `${number}${t}。${a}${b}`;
  if (r.next() < 0.3) {
    const cut = number.length + t.length + 1 + Math.floor(a.length / 2);
    return [body.slice(0, cut), `${body.slice(cut)}${clause}`];
  }
  if (r.next() < 0.2) return [body, clause];
  return [`${body}${clause}`];
}

function countOf(nodes: Outline[]): TestDoc["counts"] {
  const c = { chapters: 0, sections: 0, columns: 0, tasks: 0, items: 0 };
  const walk = (ns: Outline[]) => {
    for (const n of ns) {
      c[`${n.kind}s`]++;
      walk(n.children ?? []);
    }
  };
  walk(nodes);
  return c;
}

function distinctUnits(nodes: Outline[]): string[] {
  const out: string[] = [];
  const walk = (ns: Outline[]) => {
    for (const n of ns) {
      for (const u of n.units ?? []) if (!out.includes(u)) out.push(u);
      walk(n.children ?? []);
    }
  };
  walk(nodes);
  return out;
}

function withChildren(o: Outline, children: Outline[]): Outline {
  return children.length > 0 ? { ...o, children } : o;
}

/** A 五年规划 in the shape of a banner's development plan. */
export function planDoc(seed: number, opts: { units?: readonly string[]; region?: string } = {}): TestDoc {
  const r = rng(seed);
  const pool = opts.units ?? BANNER_UNITS;
  const region = opts.region ?? r.pick(["科左后旗", "科左中旗", "奈曼旗", "库伦旗", "扎鲁特旗"]);
  const planTitle = `${region}民族团结进步事业发展规划（2021-2025年）`;
  const docNumber = `${region.slice(0, 2)}民委发〔${r.int(2021, 2024)}〕${r.int(1, 60)}号`;
  const expected: Outline[] = [];
  const body: string[] = [];
  const toc: string[] = [];
  let page = 1;
  let columnNo = 0;
  const chapters = r.int(3, 6);
  for (let c = 1; c <= chapters; c++) {
    const ct = title(r);
    const chapter: Outline = { kind: "chapter", number: `第${cnNumeral(c)}章`, title: ct };
    toc.push(`第${cnNumeral(c)}章 ${ct}·····\t(${page})`);
    body.push(`第${cnNumeral(c)}章 ${ct}`, "", r.pick(INTROS), "");
    const sections: Outline[] = [];
    const nSections = r.int(1, 4);
    for (let s = 1; s <= nSections; s++) {
      const st = title(r, false);
      toc.push(`第${cnNumeral(s)}节 ${st}·····\t(${page})`);
      page += r.int(0, 2);
      body.push(`第${cnNumeral(s)}节 ${st}`, "");
      if (r.next() < 0.6) body.push(r.pick(INTROS), "");
      const kind = r.pick(["none", "column", "tasks", "column"] as const);
      const tasks = (): Outline[] => {
        const out: Outline[] = [];
        const n = r.int(1, 4);
        for (let k = 1; k <= n; k++) {
          const t = title(r);
          const u = unitClause(r, pool);
          body.push(...taskLines(r, `（${cnNumeral(k)}）`, t, u.clause), "");
          out.push({ kind: "task", number: `（${cnNumeral(k)}）`, title: t, units: u.units });
        }
        return out;
      };
      let children: Outline[] = [];
      if (kind === "column") {
        columnNo++;
        const colTitle = `${r.pick(OBJECTS)}${r.pick(["工程", "行动", "计划"])}`;
        body.push(`专栏${columnNo} ${colTitle}`, "");
        children = [withChildren({ kind: "column", number: `专栏 ${columnNo}`, title: colTitle }, tasks())];
      } else if (kind === "tasks") {
        children = tasks();
      }
      sections.push(withChildren({ kind: "section", number: `第${cnNumeral(s)}节`, title: st }, children));
    }
    expected.push(withChildren(chapter, sections));
  }
  const text = [
    "",
    docNumber,
    "",
    `关于印发《${planTitle}》的通知`,
    "",
    "各苏木镇（场）党委、政府，旗委各部委办，旗政府各委办局：",
    "",
    `现将《${planTitle}》印发给你们，请认真贯彻落实。`,
    "",
    `${region}民族事务委员会`,
    "",
    `${r.int(2021, 2024)}年${r.int(1, 12)}月${r.int(1, 28)}日`,
    "",
    `《${planTitle}》`,
    "",
    "目 录",
    "",
    ...toc,
    "",
    "本规划以铸牢中华民族共同体意识为主线，明确规划期内民族团结进步事业的目标任务和保障措施。",
    "",
    ...body,
  ].join("\n");
  return {
    text,
    title: planTitle,
    docNumber,
    period: "2021-2025",
    expected,
    counts: countOf(expected),
    units: distinctUnits(expected),
  };
}

/** A 实施方案 in the shape of a 区/旗 implementation scheme. */
export function schemeDoc(seed: number, opts: { units?: readonly string[] } = {}): TestDoc {
  const r = rng(seed);
  const pool = opts.units ?? BANNER_UNITS;
  const schemeTitle = `关于${title(r, false)}的实施方案`;
  const docNumber = `${r.pick(["后", "科", "奈"])}党办发〔${r.int(2020, 2024)}〕${r.int(1, 90)}号`;
  const expected: Outline[] = [];
  const body: string[] = [];
  let taskNo = 0;
  // 一、总体要求 (intro only), 二、工作任务 with （一） groups of 1. tasks, 三、保障措施 with 1. tasks.
  expected.push({ kind: "chapter", number: "一、", title: "总体要求" });
  body.push("一、总体要求", r.pick(INTROS), "");
  const groups: Outline[] = [];
  body.push("二、工作任务");
  const nGroups = r.int(2, 4);
  const tasks = (n: number): Outline[] => {
    const out: Outline[] = [];
    for (let k = 0; k < n; k++) {
      taskNo++;
      const t = title(r);
      const u = unitClause(r, pool);
      body.push(...taskLines(r, `${taskNo}.`, t, u.clause));
      const items: Outline[] = [];
      if (r.next() < 0.2) {
        for (let i = 1; i <= r.int(2, 3); i++) {
          const it = title(r, false);
          body.push(`（${i}）${it}。${r.pick(SENTENCES)}`);
          items.push({ kind: "item", number: `（${i}）`, title: it });
        }
      }
      out.push(withChildren({ kind: "task", number: `${taskNo}.`, title: t, units: u.units }, items));
    }
    return out;
  };
  for (let g = 1; g <= nGroups; g++) {
    const gt = title(r, false);
    body.push(`（${cnNumeral(g)}）${gt}`);
    groups.push(withChildren({ kind: "section", number: `（${cnNumeral(g)}）`, title: gt }, tasks(r.int(1, 4))));
  }
  expected.push({ kind: "chapter", number: "二、", title: "工作任务", children: groups });
  body.push("", "三、保障措施");
  expected.push({ kind: "chapter", number: "三、", title: "保障措施", children: tasks(r.int(1, 3)) });
  const text = [
    docNumber,
    "",
    schemeTitle,
    "",
    "为深入贯彻落实上级关于民族团结进步创建工作的部署要求，结合本地实际，制定本方案。",
    "",
    ...body,
  ].join("\n");
  return {
    text,
    title: schemeTitle,
    docNumber,
    period: null,
    expected,
    counts: countOf(expected),
    units: distinctUnits(expected),
  };
}

/** Not a plan: a news report with numbered paragraphs and department names, and “开辟专栏” in running text. */
export const NEWS_REPORT = `旗民宗局召开民族团结进步宣传月工作推进会

本报讯 近日，旗民宗局召开民族团结进步宣传月工作推进会，旗委宣传部、旗教育局等单位负责同志参加会议。

会议指出，宣传月活动开展以来，各单位在网站和公众号开辟专栏，刊发稿件百余篇，营造了浓厚氛围。

会议强调，一要提高思想认识，二要丰富活动形式，三要注重总结宣传。

下一步，旗民宗局将会同有关单位，持续做好民族团结进步宣传工作。

（记者 张敏）
`;
