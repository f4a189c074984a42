import { Document, Packer, Paragraph, TextRun } from "docx";
import { describe, expect, it } from "vitest";
import {
  collectUnitNames,
  countPlanNodes,
  decodeTextFile,
  extractUnitClauses,
  flattenPlan,
  type ParsedPlan,
  PLAN_NOT_RECOGNISED_MESSAGE,
  type PlanNode,
  PlanParseError,
  parsePlanDocument,
  parsePlanText,
  splitUnitNames,
} from "./parse-plan.js";
import { HAS_SEEDS, noticeSeedsSkipped, readSeed } from "./plans.fixtures.js";
import { NEWS_REPORT, planDoc, schemeDoc, type TestDoc } from "./test-docs.js";

// The real seed documents, when SHILIU_SEEDS_DIR names their folder ("" otherwise, and their tests skip).
const seed001 = readSeed("001_");
const seed003 = readSeed("003_");
const seed004 = readSeed("004_");
noticeSeedsSkipped("解析真实种子文档 001/003/004 的测试");
/** Parses a real seed document; an empty plan when absent (the describe using it is skipped then). */
const parseSeed = (text: string): ParsedPlan =>
  HAS_SEEDS ? parsePlanText(text) : { title: null, docNumber: null, nodes: [], warnings: [] };

// ---------------------------------------------------------------------------------------------
// Compact expected trees

type Outline = { kind: PlanNode["kind"]; number: string; title: string; units?: string[]; children?: Outline[] };

function outline(nodes: PlanNode[]): Outline[] {
  return nodes.map((n) => {
    const o: Outline = { kind: n.kind, number: n.number, title: n.title };
    if (n.units.length > 0) o.units = n.units;
    if (n.children.length > 0) o.children = outline(n.children);
    return o;
  });
}

const node =
  (kind: PlanNode["kind"]) =>
  (number: string, title: string, children?: Outline[]): Outline =>
    children && children.length > 0 ? { kind, number, title, children } : { kind, number, title };
const chapter = node("chapter");
const section = node("section");
const column = node("column");
const task = (number: string, title: string, units?: string[], children?: Outline[]): Outline => {
  const o: Outline = { kind: "task", number, title };
  if (units) o.units = units;
  if (children) o.children = children;
  return o;
};
const item = (number: string, title: string): Outline => ({ kind: "item", number, title });

/** Builds a .docx with one paragraph per line, the way a plan typed in Word looks to mammoth. */
async function toDocx(text: string): Promise<Buffer> {
  const doc = new Document({
    sections: [{ children: text.split("\n").map((line) => new Paragraph({ children: [new TextRun(line)] })) }],
  });
  return Packer.toBuffer(doc);
}

function expectParseError(fn: () => unknown, code: string, message?: string | RegExp) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(PlanParseError);
    expect((e as PlanParseError).code).toBe(code);
    if (message) expect((e as PlanParseError).message).toMatch(message);
    return;
  }
  throw new Error("expected a PlanParseError");
}

async function expectParseErrorAsync(p: Promise<unknown>, code: string, message?: RegExp) {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(PlanParseError);
  expect((e as PlanParseError).code).toBe(code);
  if (message) expect((e as PlanParseError).message).toMatch(message);
}

// ---------------------------------------------------------------------------------------------
// seeds/001: 实施方案 (一、 / （一） / 1. … with 责任单位 clauses)

const EXPECTED_001: Outline[] = [
  chapter("一、", "总体要求"),
  chapter("二、", "工作任务", [
    section("（一）", "持续深化民族团结进步教育", [
      task("1.", "推动民族团结进步教育常态化", ["组织人事部", "党群工作部"]),
      task("2.", "加强青少年思想政治教育", ["党群工作部", "高教办"]),
      task("3.", "把民族团结进步教育纳入社会各相关领域", ["党群工作部"]),
    ]),
    section("（二）", "不断深化民族团结进步宣传", [
      task("4.", "广泛开展民族团结进步宣传活动", ["党群工作部"]),
      task("5.", "充分运用网上舆论阵地", ["党群工作部"]),
      task("6.", "切实维护意识形态安全", ["党群工作部", "综治信访局"]),
    ]),
    section("（三）", "繁荣发展少数民族文化社会事业", [
      task("7.", "传承发展中华民族优秀传统文化", ["党群工作部"]),
      task("8.", "加强少数民族非物质文化遗产传承保护", ["党群工作部"]),
    ]),
    section("（四）", "稳步提升民族团结进步创建工作水平", [
      task("9.", "推动创建活动提质扩面", ["党群工作部", "高教办", "基层治理和社会事业局", "经济发展局", "工商联"]),
      task("10.", "加强和改善少数民族流动人口服务管理", [
        "党群工作部",
        "综治信访局",
        "高教办",
        "公安分局",
        "基层治理和社会事业局",
        "卫管办",
      ]),
      task("11.", "完善村规民约、行业规范", ["党群工作部", "基层治理和社会事业局", "市场监督管理分局"]),
    ]),
  ]),
  chapter("三、", "保障措施", [
    task("12.", "加强组织领导", ["区直各部门", "各街道"]),
    task("13.", "完善工作格局", ["区直各部门", "各街道"]),
    task("14.", "加强少数民族干部队伍建设", [
      "组织人事部",
      "党群工作部",
      "基层治理和社会事业局",
      "经济发展局",
      "生态管理办公室",
    ]),
    task("15.", "提升民族事务治理现代化能力水平", ["人大工委办公室", "政协工委办公室", "党群工作部", "综治信访局"]),
  ]),
];

describe.skipIf(!HAS_SEEDS)("parsePlanText — seeds/001 (实施方案)", () => {
  const plan = parseSeed(seed001);

  it("reads 文号 and title from the notice", () => {
    expect(plan.docNumber).toBe("本高党政办发〔2021〕35号");
    expect(plan.title).toBe("关于全面深入持久开展民族团结进步创建工作铸牢中华民族共同体意识的实施方案");
    expect(plan.period).toBeNull();
  });

  it("builds exactly the 3 chapters / 4 sections / 15 tasks with their units", () => {
    expect(outline(plan.nodes)).toEqual(EXPECTED_001);
    expect(countPlanNodes(plan.nodes)).toEqual({ chapters: 3, sections: 4, columns: 0, tasks: 15, items: 0 });
    expect(plan.warnings).toEqual([]);
  });

  it("numbers the tasks 1.–15. in document order, with lead unit, source line and clause-free text", () => {
    const tasks = flattenPlan(plan.nodes).filter((n) => n.kind === "task");
    expect(tasks.map((t) => t.number)).toEqual(Array.from({ length: 15 }, (_, i) => `${i + 1}.`));
    expect(tasks.map((t) => t.leadUnit)).toEqual(tasks.map((t) => t.units[0]));
    for (const t of tasks) {
      expect(t.text).not.toMatch(/责任单位|^\d/);
      expect(t.text.startsWith(t.title)).toBe(true);
      expect(t.text.endsWith("。")).toBe(true);
    }
    expect(tasks[0].line).toBe(27);
    expect(tasks[0].text).toBe(
      "推动民族团结进步教育常态化。把党的民族理论政策纳入各级党委（党组）理论中心组重要学习内容，纳入干部职工教育培训范围，纳入各党支部学习内容，不断增强各级党员领导干部“三个离不开”“五个认同”和中华民族共同体意识。",
    );
    expect(tasks[14].line).toBe(48);
    expect(tasks[8].units).toEqual(["党群工作部", "高教办", "基层治理和社会事业局", "经济发展局", "工商联"]);
    expect(tasks[11].units).toEqual(["区直各部门", "各街道"]);
  });

  it("keeps the chapter intro as chapter text and the chapter heading lines", () => {
    expect(plan.nodes[0].text).toMatch(/^民族工作在全区政治、经济发展中处于特殊的重要地位/);
    expect(plan.nodes.map((n) => n.line)).toEqual([21, 24, 43]);
  });

  it("collects the distinct unit names in order of first appearance", () => {
    expect(collectUnitNames(plan.nodes)).toEqual([
      "组织人事部",
      "党群工作部",
      "高教办",
      "综治信访局",
      "基层治理和社会事业局",
      "经济发展局",
      "工商联",
      "公安分局",
      "卫管办",
      "市场监督管理分局",
      "区直各部门",
      "各街道",
      "生态管理办公室",
      "人大工委办公室",
      "政协工委办公室",
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// seeds/004: 五年规划 (目录, 第X章 / 第X节 / 专栏N with （一） items)

const EXPECTED_004: Outline[] = [
  chapter("第一章", "开启民族团结进步事业的新征程", [
    section("第一节", "规划背景"),
    section("第二节", "指导思想"),
    section("第三节", "基本原则"),
    section("第四节", "总体目标"),
  ]),
  chapter("第二章", "进一步加强党对民族工作的集中统一领导", [
    section("第一节", "完善党对民族工作领导的体制机制"),
    section("第二节", "加强民族地区干部队伍建设"),
    section("第三节", "强化民族工作部门能力建设"),
  ]),
  chapter("第三章", "强化铸牢中华民族共同体意识教育研究宣传", [
    section("第一节", "加强中华民族共同体意识教育", [
      column("专栏 1", "铸牢中华民族共同体意识主题教育实践活动", [
        task("（一）", "实施干部教育培训行动"),
        task("（二）", "进一步抓好青少年铸牢中华民族共同体意识教育"),
        task("（三）", "开展青少年“同心营”交流活动"),
      ]),
    ]),
    section("第二节", "加强铸牢中华民族共同体意识研究", [
      column("专栏 2", "铸牢中华民族共同体意识研究工程", [
        task("（一）", "铸牢中华民族共同体意识研究基地建设"),
        task("（二）", "在《科左后旗融媒体中心》《玛拉沁信息网》《各单位微信公众号》等平台开辟专栏"),
      ]),
    ]),
    section("第三节", "构建铸牢中华民族共同体意识宣传大格局"),
  ]),
  chapter("第四章", "全面深入持续开展民族团结进步创建", [
    section("第一节", "健全民族团结进步创建工作体制机制"),
    section("第二节", "推进民族团结进步创建工作提质扩面"),
    section("第三节", "强化民族团结进步创建示范引领作用", [
      column("专栏 3", "民族团结进步示范引领工程", [
        task("（一）", "民族团结进步创建示范点工程"),
        task("（二）", "民族团结进步教育基地建设工程"),
        task("（三）", "爱国主义教育基地建设工程"),
      ]),
    ]),
  ]),
  chapter("第五章", "不断夯实中华民族共同体的物质基础", [
    section("第一节", "深入推进乡村振兴行动"),
    section("第二节", "保障各民族共创共享美好生活"),
  ]),
  chapter("第六章", "构筑中华民族共有精神家园", [
    section("第一节", "树立和突出各民族共享的中华文化符号和中华民族形象", [
      column("专栏 4", "中华优秀传统文化传承发展工程", [
        task("（一）", "非物质文化遗产保护工程"),
        task("（二）", "中华优秀传统文化普及教育工程"),
      ]),
    ]),
    section("第二节", "推动各民族文化的传承保护和创新交融"),
    section("第三节", "全面加强国家通用语言文字推广普及工作"),
    section("第四节", "加强公共文化服务体系建设"),
  ]),
  chapter("第七章", "践行守望相助促进各民族交往交流交融", [
    section("第一节", "构建相互嵌入式社会结构和社区环境"),
    section("第二节", "深化各民族经济文化交往交流"),
    section("第三节", "进一步做好城市和散居地区民族工作", [
      task("（一）", "建立信息平台"),
      task("（二）", "建立援助平台"),
      task("（三）", "建立服务平台"),
      task("（四）", "建立宣传教育平台"),
      task("（五）", "建立活动平台"),
      task("（六）", "建立协作平台"),
    ]),
    section("第四节", "实施“互联网+民族团结”行动", [
      column("专栏 5", "“守望相助好家园”工程", [
        task("（一）", "各民族共居共学共事共乐的社区环境"),
        task("（二）", "各民族交往交流交融“微”活动"),
        task("（三）", "流动人口服务管理工程"),
        task("（四）", "加强重点新闻网站、政务新媒体和民族语文网站建设"),
      ]),
    ]),
  ]),
  chapter("第八章", "提升依法治理民族事务现代化水平", [
    section("第一节", "坚持和完善民族区域自治制度"),
    section("第二节", "健全民族工作法律法规体系"),
    section("第三节", "完善促进民族团结进步的政策支持体系"),
    section("第四节", "依法处理影响民族团结的问题"),
  ]),
  chapter("第九章", "加强规划组织实施", [
    section("第一节", "完善规划实施机制"),
    section("第二节", "强化规划实施保障"),
    section("第三节", "加强规划实施指导"),
  ]),
];

describe.skipIf(!HAS_SEEDS)("parsePlanText — seeds/004 (五年规划)", () => {
  const plan = parseSeed(seed004);
  const all = flattenPlan(plan.nodes);

  it("reads 文号, title and period", () => {
    expect(plan.docNumber).toBe("后民族字〔2023〕21号");
    expect(plan.title).toBe("科左后旗民族团结进步创建发展规划（2021-2025年）");
    expect(plan.period).toBe("2021-2025");
  });

  it("builds exactly 9 chapters / 30 sections / 5 专栏 / 20 tasks, titles from the body", () => {
    expect(outline(plan.nodes)).toEqual(EXPECTED_004);
    expect(countPlanNodes(plan.nodes)).toEqual({ chapters: 9, sections: 30, columns: 5, tasks: 20, items: 0 });
    expect(plan.nodes.map((c) => c.children.filter((s) => s.kind === "section").length)).toEqual([
      4, 3, 3, 3, 2, 4, 4, 4, 3,
    ]);
  });

  it("takes nothing from the table of contents (lines 19–60) and reports where it differs from the body", () => {
    expect(all.filter((n) => n.line >= 19 && n.line <= 60)).toEqual([]);
    expect(plan.nodes[0].line).toBe(64);
    expect(plan.warnings).toEqual([
      "目录与正文标题不一致（以正文为准）：第二节 目录为“加强民族地区干部人才队伍建设”，正文第130行为“加强民族地区干部队伍建设”",
      "目录与正文标题不一致（以正文为准）：第一节 目录为“加强铸牢中华民族共同体意识教育”，正文第144行为“加强中华民族共同体意识教育”",
      "目录与正文标题不一致（以正文为准）：第四节 目录为“加强公共文化服务体系建设和”，正文第258行为“加强公共文化服务体系建设”",
      "目录与正文标题不一致（以正文为准）：第一节 目录为“构建相互嵌入式的社会结构和社区环境”，正文第270行为“构建相互嵌入式社会结构和社区环境”",
    ]);
  });

  it("does not take “开辟专栏” in running text for a 专栏 heading", () => {
    const columns = all.filter((n) => n.kind === "column");
    expect(columns.map((c) => [c.number, c.line])).toEqual([
      ["专栏 1", 152],
      ["专栏 2", 168],
      ["专栏 3", 208],
      ["专栏 4", 242],
      ["专栏 5", 310],
    ]);
    const line172 = all.find((n) => n.line === 172);
    expect(line172?.kind).toBe("task");
    expect(line172?.text).toBe(
      "在《科左后旗融媒体中心》《玛拉沁信息网》《各单位微信公众号》等平台开辟专栏，及时转化研究成果。",
    );
  });

  it("re-joins paragraphs broken mid-sentence into the task text", () => {
    const t = all.find((n) => n.line === 156);
    expect(t?.text).toContain("贯穿于各级各类学校德育养成");
    const t5 = all.find((n) => n.line === 298);
    expect(t5?.text.endsWith("帮助社区做好少数民族流动人口服务管理工作。")).toBe(true);
    expect(t5?.text).not.toContain("\n");
    // section text keeps its paragraphs, joined where the line break was mid-sentence
    const sec = all.find((n) => n.line === 68);
    expect(sec?.text).toContain("创新推进民族工作，提出了“铸牢中华民族共同体意识”");
    expect(sec?.text.split("\n").length).toBe(3);
  });

  it("has no units (this plan names none) and no unit warnings", () => {
    expect(all.every((n) => n.units.length === 0 && n.leadUnit === null)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Documents built from templates in the shapes of the real ones (test-docs.ts), with random titles, numbering,
// paragraphs broken mid-sentence and unit clauses from a seeded RNG

describe.each([
  ["五年规划", planDoc],
  ["实施方案", schemeDoc],
] as const)("parsePlanText — generated %s documents", (_shape, make) => {
  const seeds = Array.from({ length: 40 }, (_, i) => 1000 + i * 7);

  it.each(seeds)("seed %i: exactly the tree of the template, with its units, title and 文号", (seed) => {
    const doc: TestDoc = make(seed);
    const plan = parsePlanText(doc.text);
    expect(outline(plan.nodes)).toEqual(doc.expected);
    expect(countPlanNodes(plan.nodes)).toEqual(doc.counts);
    expect([plan.title, plan.docNumber, plan.period]).toEqual([doc.title, doc.docNumber, doc.period]);
    expect(plan.warnings).toEqual([]);
    expect(collectUnitNames(plan.nodes)).toEqual(doc.units);
    for (const t of flattenPlan(plan.nodes).filter((n) => n.kind === "task")) {
      expect(t.leadUnit).toBe(t.units[0]);
      expect(t.text.startsWith(`${t.title}。`)).toBe(true);
      expect(t.text).not.toMatch(/责任单位|牵头单位|\n/);
    }
  });

  it("takes nothing from the 目录 and nothing from the notice before the title", () => {
    const doc = make(4242);
    const plan = parsePlanText(doc.text);
    const bodyStart = doc.text.split("\n").findIndex((l) => /^(第一章|一、)/.test(l)) + 1;
    expect(flattenPlan(plan.nodes).every((n) => n.line >= bodyStart)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Files: .docx via mammoth, .txt encodings, non-plans

describe("parsePlanDocument", () => {
  it.each([
    ["a generated 实施方案", schemeDoc(7).text],
    ["a generated 五年规划", planDoc(7).text],
    ...(HAS_SEEDS
      ? [
          ["seeds/001", seed001],
          ["seeds/004", seed004],
        ]
      : []),
  ])("parses %s as .docx to the same result as the .txt", async (_name, text) => {
    const fromTxt = parsePlanText(text);
    const docx = await toDocx(text);
    const fromDocx = await parsePlanDocument({ name: "方案.docx", content: docx });
    expect(fromDocx).toEqual(fromTxt);
    const viaTxt = await parsePlanDocument({ name: "方案.txt", content: Buffer.from(text, "utf8") });
    expect(viaTxt).toEqual(fromTxt);
  });

  it("recognises a .docx by its magic bytes whatever the name, and rejects a fake .docx", async () => {
    const scheme = schemeDoc(11);
    const docx = await toDocx(scheme.text);
    const plan = await parsePlanDocument({ name: "upload", content: docx });
    expect(countPlanNodes(plan.nodes)).toEqual(scheme.counts);
    await expectParseErrorAsync(
      parsePlanDocument({ name: "方案.docx", content: Buffer.from(scheme.text, "utf8") }),
      "PLAN_BAD_DOCX",
      /不是有效的 Word 文档/,
    );
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 1)]);
    await expectParseErrorAsync(parsePlanDocument({ name: "方案.docx", content: broken }), "PLAN_BAD_DOCX", /损坏/);
  });

  it("tolerates a UTF-8 BOM and CRLF line ends", async () => {
    const scheme = schemeDoc(12);
    const content = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(scheme.text.replace(/\n/g, "\r\n"))]);
    const plan = await parsePlanDocument({ name: "方案.txt", content });
    expect(outline(plan.nodes)).toEqual(scheme.expected);
    expect(plan.docNumber).toBe(scheme.docNumber);
  });

  it("reads a GB18030/GBK .txt with a warning", async () => {
    const content = encodeGb18030(VARIANT_B);
    const plan = await parsePlanDocument({ name: "gbk.txt", content });
    expect(plan.warnings[0]).toMatch(/GB18030/);
    expect(outline(plan.nodes)).toEqual(outline(parsePlanText(VARIANT_B).nodes));
  });

  it("rejects bytes that are neither UTF-8 nor GB18030 with a Chinese message", async () => {
    const content = Buffer.from([0x31, 0x2e, 0xe5, 0xbb, 0xff, 0xff, 0x0a]);
    expect(() => decodeTextFile(content)).toThrow(/不是有效的 UTF-8 文本/);
    await expectParseErrorAsync(parsePlanDocument({ name: "x.txt", content }), "PLAN_BAD_ENCODING", /UTF-8/);
  });

  it("rejects .doc, PDF, other extensions and empty files clearly", async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await expectParseErrorAsync(
      parsePlanDocument({ name: "方案.doc", content: ole }),
      "PLAN_UNSUPPORTED_FORMAT",
      /\.doc/,
    );
    await expectParseErrorAsync(
      parsePlanDocument({ name: "方案.pdf", content: Buffer.from("%PDF-1.7") }),
      "PLAN_UNSUPPORTED_FORMAT",
      /PDF/,
    );
    await expectParseErrorAsync(
      parsePlanDocument({ name: "方案.xlsx", content: Buffer.from("a,b") }),
      "PLAN_UNSUPPORTED_FORMAT",
      /\.xlsx/,
    );
    await expectParseErrorAsync(parsePlanDocument({ name: "方案.txt", content: Buffer.alloc(0) }), "PLAN_EMPTY");
    await expectParseErrorAsync(
      parsePlanDocument({ name: "方案.txt", content: Buffer.from(" \n\u3000\n") }),
      "PLAN_EMPTY",
      /为空/,
    );
  });

  it("rejects a document that is not a plan (a news report; seeds/003 too when present) instead of returning half a plan", async () => {
    for (const news of HAS_SEEDS ? [NEWS_REPORT, seed003] : [NEWS_REPORT]) {
      expectParseError(() => parsePlanText(news), "PLAN_NOT_RECOGNISED", PLAN_NOT_RECOGNISED_MESSAGE);
      await expectParseErrorAsync(
        parsePlanDocument({ name: "news.txt", content: Buffer.from(news) }),
        "PLAN_NOT_RECOGNISED",
        /未识别到规划结构/,
      );
      await expectParseErrorAsync(
        parsePlanDocument({ name: "news.docx", content: await toDocx(news) }),
        "PLAN_NOT_RECOGNISED",
      );
    }
    expect(PLAN_NOT_RECOGNISED_MESSAGE).toBe("未识别到规划结构（章、节、专栏或编号任务），请确认文件是规划或实施方案");
    expectParseError(
      () =>
        parsePlanText("本单位在网站开辟专栏，宣传民族团结。\n专栏文章每月更新一次，欢迎投稿。\n1.报名时间另行通知。"),
      "PLAN_NOT_RECOGNISED",
    );
    // numbered paragraphs alone (no headings, no unit clauses, no plan title) are not a plan either
    expectParseError(
      () => parsePlanText("活动综述\n一、活动开展顺利，群众广泛参与。\n二、宣传效果明显。\n三、下一步将继续推进。"),
      "PLAN_NOT_RECOGNISED",
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Variants written here, to show the parser follows shapes rather than the two seed files

/** Arabic 第1章/第1节, a 目录 without page numbers, "1、" numbering, half-width (1), 牵头单位；责任单位, 和. */
const VARIANT_A = `XX县“十四五”民族团结进步事业发展规划（2021—2025年）

目录
第1章 总体要求
第2章 重点任务
第1节 加强宣传教育
第2节 促进交往交流交融

第1章 总体要求
本规划根据有关文件精神制定。
第2章 重点任务
第1节 加强宣传教育
1、开展民族团结进步宣传月活动。每年9月集中开展宣传。（牵头单位：县委统战部；责任单位：县委宣传部、县教育局和县文化和旅游局）
2、建设民族团结进步教育基地。(责任单位:县民族宗教事务局,县文化和旅游局)
专栏1 重点宣传工程
(1)石榴籽宣讲工程。组建宣讲团，深入基层宣讲。
(2)网上宣传工程。在县融媒体中心开辟专栏，
持续推出系列报道。
专栏文章由各单位轮流供稿，每月一期。
3、开展民族团结进步进校园活动。
（责任单位：县教育局）
第2节 促进交往交流交融
1、实施互嵌式社区建设。（县住房和城乡建设局牵头，各乡镇、县民政局配合）
2、开展各族群众联谊活动。
`;

/** 一、 chapters, （一） tasks and a （一） group with 1. tasks and (1) sub-items; units on their own line. */
const VARIANT_B = `关于开展民族团结进步创建“七进”活动的实施方案

一、工作目标
通过三年努力，创建一批示范单位。
二、主要任务
（一）加强组织领导。成立领导小组。（责任单位：党政办和组织部）
（二）强化宣传引导。
责任单位：宣传部、各嘎查村
（三）完善工作机制
1.建立例会制度。每季度召开一次例会。（牵头单位：统战部）
（1）制定例会规则。
（2）建立工作台账。
2.建立考核制度。（责任单位：督查室）
三、保障措施
（一）加强经费保障。（责任单位：财政局、各苏木镇（场））
`;

describe("parsePlanText — variants of the two shapes", () => {
  it("parses 第1章/第1节, 1、 numbering, (1) items in a 专栏, 牵头单位 clauses and a 目录 without page numbers", () => {
    const plan = parsePlanText(VARIANT_A);
    expect(plan.title).toBe("XX县“十四五”民族团结进步事业发展规划（2021-2025年）");
    expect(plan.period).toBe("2021-2025");
    expect(plan.docNumber).toBeNull();
    expect(outline(plan.nodes)).toEqual([
      chapter("第1章", "总体要求"),
      chapter("第2章", "重点任务", [
        section("第1节", "加强宣传教育", [
          task("1.", "开展民族团结进步宣传月活动", ["县委统战部", "县委宣传部", "县教育局", "县文化和旅游局"]),
          task("2.", "建设民族团结进步教育基地", ["县民族宗教事务局", "县文化和旅游局"]),
          column("专栏 1", "重点宣传工程", [task("（1）", "石榴籽宣讲工程"), task("（2）", "网上宣传工程")]),
          task("3.", "开展民族团结进步进校园活动", ["县教育局"]),
        ]),
        section("第2节", "促进交往交流交融", [
          task("1.", "实施互嵌式社区建设", ["县住房和城乡建设局", "各乡镇", "县民政局"]),
          task("2.", "开展各族群众联谊活动"),
        ]),
      ]),
    ]);
    const all = flattenPlan(plan.nodes);
    const t1 = all.find((n) => n.line === 13);
    expect(t1?.leadUnit).toBe("县委统战部");
    expect(t1?.text).toBe("开展民族团结进步宣传月活动。每年9月集中开展宣传。");
    expect(all.find((n) => n.line === 23)?.leadUnit).toBe("县住房和城乡建设局");
    // the broken line is re-joined; the running-text "专栏文章…" line closed the 专栏 and became section text
    expect(all.find((n) => n.line === 17)?.text).toBe("网上宣传工程。在县融媒体中心开辟专栏，持续推出系列报道。");
    expect(all.find((n) => n.number === "第1节")?.text).toBe("专栏文章由各单位轮流供稿，每月一期。");
    expect(plan.nodes[0].text).toBe("本规划根据有关文件精神制定。");
    // TOC entries produced no nodes; unit-less tasks are flagged since this plan does use unit clauses
    expect(plan.nodes.map((n) => n.line)).toEqual([9, 11]);
    expect(plan.warnings).toEqual([
      "第16行：任务“（1）石榴籽宣讲工程”未写明责任单位",
      "第17行：任务“（2）网上宣传工程”未写明责任单位",
      "第24行：任务“2.开展各族群众联谊活动”未写明责任单位",
    ]);
  });

  it("parses 一、 chapters with （一） tasks, a （一） group of 1. tasks with (1) items, and unit lines", () => {
    const plan = parsePlanText(VARIANT_B);
    expect(plan.title).toBe("关于开展民族团结进步创建“七进”活动的实施方案");
    expect(outline(plan.nodes)).toEqual([
      chapter("一、", "工作目标"),
      chapter("二、", "主要任务", [
        task("（一）", "加强组织领导", ["党政办", "组织部"]),
        task("（二）", "强化宣传引导", ["宣传部", "各嘎查村"]),
        section("（三）", "完善工作机制", [
          task("1.", "建立例会制度", ["统战部"], [item("（1）", "制定例会规则"), item("（2）", "建立工作台账")]),
          task("2.", "建立考核制度", ["督查室"]),
        ]),
      ]),
      chapter("三、", "保障措施", [task("（一）", "加强经费保障", ["财政局", "各苏木镇（场）"])]),
    ]);
    expect(plan.nodes[0].text).toBe("通过三年努力，创建一批示范单位。");
    expect(flattenPlan(plan.nodes).find((n) => n.number === "（二）")?.text).toBe("强化宣传引导。");
    expect(plan.warnings).toEqual([]);
  });

  it("takes a heading title from the next line, full-width digits, and flags numbering gaps", () => {
    const plan = parsePlanText(
      [
        "第一章",
        "总则",
        "第１节 目标",
        "1．完成第一项任务。（责任单位：甲局）",
        "3．完成第三项任务。（责任单位：乙局）",
        "第二章 措施",
        "专栏 一：重点工程",
        "（一）建设一批基地。",
        "（二）培育一批品牌。",
        "（一）另起一组的任务。",
      ].join("\n"),
    );
    expect(outline(plan.nodes)).toEqual([
      chapter("第一章", "总则", [
        section("第1节", "目标", [task("1.", "完成第一项任务", ["甲局"]), task("3.", "完成第三项任务", ["乙局"])]),
      ]),
      chapter("第二章", "措施", [
        column("专栏 1", "重点工程", [task("（一）", "建设一批基地"), task("（二）", "培育一批品牌")]),
        task("（一）", "另起一组的任务"),
      ]),
    ]);
    expect(plan.warnings).toContain("第5行：编号“3.”与前文不连续（预期为第 2 项）");
  });

  it("skips a TOC of page-numbered headings without 目录, page-number lines, and non-unit clause segments", () => {
    const plan = parsePlanText(
      [
        "第一章 总则 1",
        "第一节 目标 1",
        "第二章 任务 2",
        "",
        "第一章 总则",
        "第一节 目标",
        "1.完成第一项任务，推进",
        "- 2 -",
        "相关工作。（牵头领导：张三；主要责任单位：甲局、乙局；完成时限：2025年底）",
        "2.完成第二项任务。（责任部门：丙局）",
        "第二章 任务",
        "1.推进工作。",
      ].join("\n"),
    );
    expect(outline(plan.nodes)).toEqual([
      chapter("第一章", "总则", [
        section("第一节", "目标", [
          task("1.", "完成第一项任务，推进相关工作", ["甲局", "乙局"]),
          task("2.", "完成第二项任务", ["丙局"]),
        ]),
      ]),
      chapter("第二章", "任务", [task("1.", "推进工作")]),
    ]);
    const first = flattenPlan(plan.nodes).find((n) => n.line === 7);
    expect(first?.text).toBe("完成第一项任务，推进相关工作。");
    expect(first?.leadUnit).toBe("甲局");
    expect(plan.warnings).toEqual(["第12行：任务“1.推进工作”未写明责任单位"]);
  });

  it("cuts a long first sentence at its first clause for the title", () => {
    const plan = parsePlanText(
      "某街道民族团结进步创建工作方案\n一、主要任务\n1.完善村规民约、行业规范，严格落实各项制度要求，加强清真食品管理，营造尊重少数民族风俗习惯的社会氛围。\n2.加强宣传。",
    );
    expect(flattenPlan(plan.nodes).map((n) => n.title)).toEqual(["主要任务", "完善村规民约、行业规范", "加强宣传"]);
  });
});

describe("unit clauses", () => {
  it("splits on 、，, ； and on 和 only between two unit names", () => {
    expect(splitUnitNames("党群工作部、综治信访局")).toEqual(["党群工作部", "综治信访局"]);
    expect(splitUnitNames("党群工作部,综治信访局，高教办；工商联")).toEqual([
      "党群工作部",
      "综治信访局",
      "高教办",
      "工商联",
    ]);
    expect(splitUnitNames("住房和城乡建设局")).toEqual(["住房和城乡建设局"]);
    expect(splitUnitNames("基层治理和社会事业局")).toEqual(["基层治理和社会事业局"]);
    expect(splitUnitNames("人大工委办公室和政协工委办公室")).toEqual(["人大工委办公室", "政协工委办公室"]);
    expect(splitUnitNames("党群工作部和基层治理和社会事业局")).toEqual(["党群工作部", "基层治理和社会事业局"]);
    expect(splitUnitNames("住房和城乡建设局和交通运输局")).toEqual(["住房和城乡建设局", "交通运输局"]);
    expect(splitUnitNames("区直各部门和各街道")).toEqual(["区直各部门", "各街道"]);
    expect(splitUnitNames("各苏木镇（场）、旗直各部门及团委")).toEqual(["各苏木镇（场）", "旗直各部门", "团委"]);
    expect(splitUnitNames("宣传部、宣传部、教育局等有关部门")).toEqual(["宣传部", "教育局"]);
  });

  it("extracts and strips the clause in its usual forms", () => {
    expect(extractUnitClauses("做好工作。（责任单位：党群工作部和综治信访局）")).toEqual({
      text: "做好工作。",
      units: ["党群工作部", "综治信访局"],
      leadUnit: "党群工作部",
    });
    expect(extractUnitClauses("做好工作。(责任单位:甲局,乙局)")).toEqual({
      text: "做好工作。",
      units: ["甲局", "乙局"],
      leadUnit: "甲局",
    });
    expect(extractUnitClauses("做好工作。（牵头单位：统战部；责任单位：宣传部、统战部、各社区）")).toEqual({
      text: "做好工作。",
      units: ["统战部", "宣传部", "各社区"],
      leadUnit: "统战部",
    });
    expect(extractUnitClauses("做好工作。（责任单位：宣传部；牵头单位：统战部）").leadUnit).toBe("统战部");
    expect(extractUnitClauses("做好工作。责任单位：甲局、乙局")).toEqual({
      text: "做好工作。",
      units: ["甲局", "乙局"],
      leadUnit: "甲局",
    });
    expect(extractUnitClauses("纳入各级党委（党组）学习内容。")).toEqual({
      text: "纳入各级党委（党组）学习内容。",
      units: [],
      leadUnit: null,
    });
  });
});

// ---------------------------------------------------------------------------------------------
// GB18030 fixture: Node can decode GB18030 but not encode it, so invert the decoder for the characters needed.

function encodeGb18030(text: string): Buffer {
  const needed = new Set([...text].filter((c) => c.charCodeAt(0) > 0x7f));
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder("gb18030");
  for (let hi = 0x81; hi <= 0xfe && table.size < needed.size; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const c = decoder.decode(Uint8Array.from([hi, lo]));
      if (needed.has(c) && !table.has(c)) table.set(c, [hi, lo]);
    }
  }
  const bytes: number[] = [];
  for (const c of text) {
    if (c.charCodeAt(0) <= 0x7f) bytes.push(c.charCodeAt(0));
    else {
      const b = table.get(c);
      if (!b) throw new Error(`no GB18030 two-byte code for ${c}`);
      bytes.push(...b);
    }
  }
  return Buffer.from(bytes);
}
