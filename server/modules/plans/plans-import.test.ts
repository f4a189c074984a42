import { Document, Packer, Paragraph, TextRun } from "docx";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportPreview, PlanNodeView, PlanView } from "../../../contracts/plans.js";
import { type Client, createOrg, login, type Org, twoBanners, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { readDemoPlanText } from "./demo-seed.js";
import { parsePlanText } from "./parse-plan.js";
import {
  commitBody,
  createUnits001,
  flat,
  HAS_SEEDS,
  noticeSeedsSkipped,
  outline,
  previewOf,
  previewReq,
  readSeed,
} from "./plans.fixtures.js";
import { NEWS_REPORT, planDoc } from "./test-docs.js";

const seed001 = readSeed("001_");
const seed003 = readSeed("003_");
const seed004 = readSeed("004_");

async function toDocx(text: string): Promise<Buffer> {
  const doc = new Document({
    sections: [{ children: text.split("\n").map((line) => new Paragraph({ children: [new TextRun(line)] })) }],
  });
  return Packer.toBuffer(doc);
}

describe("plans: importing documents kept in the repository", () => {
  let h: TestApp;
  let houqi: Client;
  const DEPTS = ["科尔沁左翼后旗教育局", "科尔沁左翼后旗民政局", "科尔沁左翼后旗公安局", "科尔沁左翼后旗司法局"];
  const orgs: Record<string, Org> = {};

  beforeAll(async () => {
    h = await createTestApp();
    const f = await twoBanners(h);
    for (const name of DEPTS) orgs[name] = await createOrg(f.admin, name, "150522");
    houqi = await login(h, "houqi_admin", USER_PASSWORD);
  });
  afterAll(() => h?.close());

  it("a generated 五年规划: .txt and .docx preview alike; the commit stores its tree with each task's units", async () => {
    const doc = planDoc(31, { units: DEPTS, region: "科左后旗" });
    const fromTxt = await previewOf(houqi, "规划.txt", doc.text);
    const fromDocx = await previewOf(houqi, "规划.docx", await toDocx(doc.text));
    expect({ ...fromDocx, sourceFileName: "" }).toEqual({ ...fromTxt, sourceFileName: "" });
    expect(fromTxt).toMatchObject({ title: doc.title, docNumber: doc.docNumber, counts: doc.counts, warnings: [] });
    expect(fromTxt.units.map((u) => [u.name, u.status, u.needsMapping])).toEqual(
      doc.units.map((u) => [u, "exact", false]),
    );
    const plan = await houqi.json<PlanView>("/api/plans/import/commit", { method: "POST", body: commitBody(fromTxt) });
    expect(plan.counts).toEqual(doc.counts);
    const strip = (o: (typeof doc.expected)[number]): unknown => ({
      kind: o.kind,
      number: o.number,
      title: o.title,
      ...(o.children ? { children: o.children.map(strip) } : {}),
    });
    expect(outline(plan.nodes)).toEqual(doc.expected.map(strip));
    const tasks = flat(plan.nodes).filter((n) => n.kind === "task");
    const wanted = flatOutline(doc.expected).filter((n) => n.kind === "task");
    expect(tasks.map((t) => t.units.map((u) => u.orgName))).toEqual(wanted.map((t) => t.units));
    expect(tasks.every((t) => t.units[0].role === "lead")).toBe(true);
  });

  it("the demo plan: 6 chapters, 13 sections, 4 专栏 and 20 tasks with the units its 责任单位 clauses name", async () => {
    const p = await previewOf(houqi, "规划.txt", readDemoPlanText());
    expect(p).toMatchObject({
      title: "科左后旗民族团结进步创建发展规划（2021-2025年）",
      docNumber: "后民委发〔2024〕7号",
      periodStart: 2021,
      periodEnd: 2025,
      counts: { chapters: 6, sections: 13, columns: 4, tasks: 20, items: 0 },
      warnings: [],
    });
    expect(p.units.map((u) => u.name)).toEqual([
      "旗委组织部",
      "旗委统战部",
      "旗民委",
      "旗人社局",
      "旗教育局",
      "旗委宣传部",
      "旗融媒体中心",
      "旗文旅体局",
      "旗公安局",
      "旗司法局",
      "旗民政局",
      "甘旗卡镇",
    ]);
  });

  it("refuses a news report with a clear Chinese message, storing nothing", async () => {
    const res = await previewReq(houqi, { name: "报道.txt", content: Buffer.from(NEWS_REPORT) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({
      code: "PLAN_NOT_RECOGNISED",
      message: "未识别到规划结构（章、节、专栏或编号任务），请确认文件是规划或实施方案",
    });
  });
});

type OutlineNode = { kind: string; units?: string[]; children?: OutlineNode[] };
function flatOutline(nodes: OutlineNode[]): OutlineNode[] {
  return nodes.flatMap((n) => [n, ...flatOutline(n.children ?? [])]);
}

noticeSeedsSkipped("导入真实种子文档 001/003/004 的测试");

describe.skipIf(!HAS_SEEDS)("plans: importing the two seed documents", () => {
  let h: TestApp;
  let f: Awaited<ReturnType<typeof twoBanners>>;
  let houqi: Client;
  let units: Record<string, Org>;

  const stored = async () => {
    const r = await h.deps.db.execute<{ plans: number; nodes: number; units: number; orgs: number; audit: number }>(sql`
      SELECT (SELECT count(*)::int FROM plans) AS plans, (SELECT count(*)::int FROM plan_nodes) AS nodes,
        (SELECT count(*)::int FROM plan_node_units) AS units, (SELECT count(*)::int FROM orgs) AS orgs,
        (SELECT count(*)::int FROM audit_log WHERE category = 'data') AS audit`);
    return r.rows[0];
  };

  beforeAll(async () => {
    h = await createTestApp();
    f = await twoBanners(h);
    units = await createUnits001(f.admin);
    houqi = await login(h, "houqi_admin", USER_PASSWORD);
  });
  afterAll(() => h?.close());

  let plan001: PlanView;

  it("seeds/001: every unit name resolves but 高教办; committing without mapping it is refused, naming it, and stores nothing", async () => {
    const p = await previewOf(houqi, "实施方案.txt", seed001);
    expect(p).toMatchObject({
      title: "关于全面深入持久开展民族团结进步创建工作铸牢中华民族共同体意识的实施方案",
      docNumber: "本高党政办发〔2021〕35号",
      regionCode: "150522",
      regionName: "科尔沁左翼后旗",
      counts: { chapters: 3, sections: 4, columns: 0, tasks: 15, items: 0 },
    });
    const byName = Object.fromEntries(p.units.map((u) => [u.name, u]));
    expect(Object.keys(byName)).toHaveLength(15);
    expect(byName.党群工作部).toMatchObject({ status: "exact", needsMapping: false, nodeCount: 13 });
    expect(byName.工商联).toMatchObject({ status: "exact", orgs: [{ name: "工商业联合会" }] });
    expect(byName.卫管办).toMatchObject({ status: "exact", orgs: [{ name: "卫生管理办公室" }] });
    expect(byName.生态管理办公室).toMatchObject({ status: "fuzzy", score: 0.99, orgs: [{ name: "生态管理办" }] });
    expect(byName.区直各部门.status).toBe("collective");
    expect(byName.区直各部门.orgs).toHaveLength(12);
    expect(byName.各街道).toMatchObject({ status: "collective", orgs: [{ name: "甘旗卡街道办事处" }] });
    expect(byName.高教办).toMatchObject({ status: "unmatched", needsMapping: true, orgs: [] });
    expect(p.units.filter((u) => u.needsMapping).map((u) => u.name)).toEqual(["高教办"]);

    const before = await stored();
    const res = await houqi.req("/api/plans/import/commit", { method: "POST", body: commitBody(p) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: "UNITS_UNMAPPED",
      message: "以下单位名称尚未对应到机构，请先指定：高教办",
      details: { names: ["高教办"] },
    });
    expect(await stored()).toEqual(before);
  });

  it("seeds/001: mapped by hand, the commit stores exactly the parsed tree with each task's units resolved to organizations", async () => {
    const p = await previewOf(houqi, "实施方案.txt", seed001);
    plan001 = await houqi.json("/api/plans/import/commit", {
      method: "POST",
      body: commitBody(p, {
        mapping: { 高教办: { orgIds: [units.教育办公室.id] } },
        periodStart: 2021,
        periodEnd: 2025,
      }),
    });
    expect(plan001).toMatchObject({
      title: "关于全面深入持久开展民族团结进步创建工作铸牢中华民族共同体意识的实施方案",
      docNumber: "本高党政办发〔2021〕35号",
      issuingOrgName: "科尔沁左翼后旗民族事务委员会",
      regionCode: "150522",
      status: "active",
      access: "manage",
      taskCount: 15,
      counts: { chapters: 3, sections: 4, columns: 0, tasks: 15, items: 0 },
      sourceFileName: "实施方案.txt",
    });
    // The stored tree is the parser's tree, node for node.
    expect(outline(plan001.nodes)).toEqual(outline(parsePlanText(seed001).nodes));
    const tasks = flat(plan001.nodes).filter((n) => n.kind === "task");
    expect(tasks.map((t) => t.number)).toEqual(Array.from({ length: 15 }, (_, i) => `${i + 1}.`));

    const departments = [
      "科尔沁左翼后旗民族事务委员会",
      "组织人事部",
      "党群工作部",
      "综治信访局",
      "基层治理和社会事业局",
      "经济发展局",
      "公安分局",
      "市场监督管理分局",
      "人大工委办公室",
      "政协工委办公室",
      "卫生管理办公室",
      "教育办公室",
    ];
    const expected: [string, string, string[]][] = [
      ["推动民族团结进步教育常态化", "组织人事部", ["组织人事部", "党群工作部"]],
      ["加强青少年思想政治教育", "党群工作部", ["党群工作部", "教育办公室"]],
      ["把民族团结进步教育纳入社会各相关领域", "党群工作部", ["党群工作部"]],
      ["广泛开展民族团结进步宣传活动", "党群工作部", ["党群工作部"]],
      ["充分运用网上舆论阵地", "党群工作部", ["党群工作部"]],
      ["切实维护意识形态安全", "党群工作部", ["党群工作部", "综治信访局"]],
      ["传承发展中华民族优秀传统文化", "党群工作部", ["党群工作部"]],
      ["加强少数民族非物质文化遗产传承保护", "党群工作部", ["党群工作部"]],
      [
        "推动创建活动提质扩面",
        "党群工作部",
        ["党群工作部", "教育办公室", "基层治理和社会事业局", "经济发展局", "工商业联合会"],
      ],
      [
        "加强和改善少数民族流动人口服务管理",
        "党群工作部",
        ["党群工作部", "综治信访局", "教育办公室", "公安分局", "基层治理和社会事业局", "卫生管理办公室"],
      ],
      ["完善村规民约、行业规范", "党群工作部", ["党群工作部", "基层治理和社会事业局", "市场监督管理分局"]],
      // 区直各部门 and 各街道 are collectives: no single lead.
      ["加强组织领导", "", [...departments, "甘旗卡街道办事处"]],
      ["完善工作格局", "", [...departments, "甘旗卡街道办事处"]],
      [
        "加强少数民族干部队伍建设",
        "组织人事部",
        ["组织人事部", "党群工作部", "基层治理和社会事业局", "经济发展局", "生态管理办"],
      ],
      [
        "提升民族事务治理现代化能力水平",
        "人大工委办公室",
        ["人大工委办公室", "政协工委办公室", "党群工作部", "综治信访局"],
      ],
    ];
    const actual = tasks.map((t: PlanNodeView) => [
      t.title,
      t.units.find((u) => u.role === "lead")?.orgName ?? "",
      t.units.map((u) => u.orgName).sort(),
    ]);
    expect(actual).toEqual(expected.map(([title, lead, names]) => [title, lead, [...names].sort()]));
    const lead = tasks[0].units.find((u) => u.role === "lead")!;
    expect(tasks[0].leadOrgId).toBe(lead.orgId);
    expect(tasks[0].text.startsWith("推动民族团结进步教育常态化。把党的民族理论政策")).toBe(true);

    // One audit entry for the import, naming what the user mapped by hand.
    const history = await houqi.json(`/api/plans/${plan001.id}/history`);
    expect(history.items[0]).toMatchObject({ action: "plan.import", entity: "plan", entityId: plan001.id });
    expect(history.items[0].summary).toContain("15 项任务");
    expect(history.items[0].changes.mapping[1]).toEqual({ 高教办: [units.教育办公室.id] });
  });

  it("learns from manual mappings: the next import matches 高教办 by alias; a name can be mapped to a new organization", async () => {
    const variant = seed001.replaceAll("工商联", "个体劳动者协会");
    const p = await previewOf(houqi, "方案.txt", variant);
    const byName = Object.fromEntries(p.units.map((u) => [u.name, u]));
    expect(byName.高教办).toMatchObject({ status: "alias", orgs: [{ id: units.教育办公室.id }], needsMapping: false });
    expect(byName.个体劳动者协会).toMatchObject({ status: "unmatched", needsMapping: true });
    const plan = await houqi.json<PlanView>("/api/plans/import/commit", {
      method: "POST",
      body: commitBody(p, {
        title: "个协变体方案",
        mapping: { 个体劳动者协会: { create: { name: "科尔沁左翼后旗个体劳动者协会", type: "social_org" } } },
      }),
    });
    const task9 = flat(plan.nodes).find((n) => n.title === "推动创建活动提质扩面")!;
    expect(task9.units.map((u) => u.orgName)).toContain("科尔沁左翼后旗个体劳动者协会");
    const orgs = await houqi.json(`/api/orgs?q=${encodeURIComponent("个体劳动者协会")}`);
    expect(orgs.items).toMatchObject([
      { name: "科尔沁左翼后旗个体劳动者协会", regionCode: "150522", isMemberUnit: true },
    ]);
    // …and the new organization is remembered under the name the plan used.
    const again = await previewOf(houqi, "方案.txt", variant);
    expect(again.units.find((u) => u.name === "个体劳动者协会")).toMatchObject({ status: "alias" });
  });

  it("seeds/004: .txt and .docx give the same preview; the stored tree has 9 chapters, 30 sections, 5 专栏 and 20 tasks", async () => {
    const fromTxt = await previewOf(houqi, "规划.txt", seed004);
    const fromDocx = await previewOf(houqi, "规划.docx", await toDocx(seed004));
    expect({ ...fromDocx, sourceFileName: "" }).toEqual({ ...fromTxt, sourceFileName: "" });
    expect(fromTxt).toMatchObject({
      title: "科左后旗民族团结进步创建发展规划（2021-2025年）",
      docNumber: "后民族字〔2023〕21号",
      periodStart: 2021,
      periodEnd: 2025,
      counts: { chapters: 9, sections: 30, columns: 5, tasks: 20, items: 0 },
      units: [],
    });
    // ASCII ; in the document's text is kept as written, and the tree is sent back unchanged below.
    expect(JSON.stringify(fromTxt.tree)).toContain(";");
    expect(fromTxt.warnings).toHaveLength(4);

    // No task names a unit: the commit asks for confirmation first.
    const unconfirmed = await houqi.req("/api/plans/import/commit", {
      method: "POST",
      body: commitBody(fromDocx, { cycle: "quarterly", reportFrom: "2025Q1" }),
    });
    expect(unconfirmed.statusCode).toBe(409);
    expect(unconfirmed.json().error).toMatchObject({ code: "PLAN_NO_UNITS", message: expect.stringContaining("确认") });
    const plan = await houqi.json<PlanView>("/api/plans/import/commit", {
      method: "POST",
      body: commitBody(fromDocx, { cycle: "quarterly", reportFrom: "2025Q1", confirmNoUnits: true }),
    });
    expect(plan).toMatchObject({
      title: "科左后旗民族团结进步创建发展规划（2021-2025年）",
      periodStart: 2021,
      periodEnd: 2025,
      cycle: "quarterly",
      reportFrom: "2025Q1",
      counts: { chapters: 9, sections: 30, columns: 5, tasks: 20, items: 0 },
    });
    expect(outline(plan.nodes)).toEqual(outline(parsePlanText(seed004).nodes));
    expect(plan.nodes.map((c) => c.title)).toEqual([
      "开启民族团结进步事业的新征程",
      "进一步加强党对民族工作的集中统一领导",
      "强化铸牢中华民族共同体意识教育研究宣传",
      "全面深入持续开展民族团结进步创建",
      "不断夯实中华民族共同体的物质基础",
      "构筑中华民族共有精神家园",
      "践行守望相助促进各民族交往交流交融",
      "提升依法治理民族事务现代化水平",
      "加强规划组织实施",
    ]);
    expect(plan.nodes.map((c) => c.children.filter((s) => s.kind === "section").length)).toEqual([
      4, 3, 3, 3, 2, 4, 4, 4, 3,
    ]);
    const all = flat(plan.nodes);
    expect(all.filter((n) => n.kind === "column").map((c) => `${c.number} ${c.title}`)).toEqual([
      "专栏 1 铸牢中华民族共同体意识主题教育实践活动",
      "专栏 2 铸牢中华民族共同体意识研究工程",
      "专栏 3 民族团结进步示范引领工程",
      "专栏 4 中华优秀传统文化传承发展工程",
      "专栏 5 “守望相助好家园”工程",
    ]);
    expect(all.filter((n) => n.kind === "task").map((t) => t.title)).toEqual([
      "实施干部教育培训行动",
      "进一步抓好青少年铸牢中华民族共同体意识教育",
      "开展青少年“同心营”交流活动",
      "铸牢中华民族共同体意识研究基地建设",
      "在《科左后旗融媒体中心》《玛拉沁信息网》《各单位微信公众号》等平台开辟专栏",
      "民族团结进步创建示范点工程",
      "民族团结进步教育基地建设工程",
      "爱国主义教育基地建设工程",
      "非物质文化遗产保护工程",
      "中华优秀传统文化普及教育工程",
      "建立信息平台",
      "建立援助平台",
      "建立服务平台",
      "建立宣传教育平台",
      "建立活动平台",
      "建立协作平台",
      "各民族共居共学共事共乐的社区环境",
      "各民族交往交流交融“微”活动",
      "流动人口服务管理工程",
      "加强重点新闻网站、政务新媒体和民族语文网站建设",
    ]);
    // Section text keeps its paragraphs; a task keeps its full text.
    const s1 = all.find((n) => n.title === "规划背景")!;
    expect(s1.text).toContain("创新推进民族工作，提出了“铸牢中华民族共同体意识”");
    expect(all.find((n) => n.title === "建立活动平台")!.text).toContain("帮助社区做好少数民族流动人口服务管理工作。");
  });

  it("refuses a document that is not a plan (seeds/003) with a clear Chinese message, storing nothing", async () => {
    const before = await stored();
    const res = await previewReq(houqi, { name: "报道.txt", content: Buffer.from(seed003) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({
      code: "PLAN_NOT_RECOGNISED",
      message: "未识别到规划结构（章、节、专栏或编号任务），请确认文件是规划或实施方案",
    });
    const pdf = await previewReq(houqi, { name: "规划.pdf", content: Buffer.from("%PDF-1.7 …") });
    expect(pdf.json().error.message).toBe("暂不支持 PDF 文件，请上传 .docx 或 .txt 文件");
    const none = await houqi.req("/api/plans/import/preview", {
      method: "POST",
      payload: "--x--\r\n",
      headers: { "content-type": "multipart/form-data; boundary=x" },
    });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.details.fields[0].field).toBe("file");
    expect(await stored()).toEqual(before);
  });

  it("refuses a bad tree, a mapping outside the plan's region and a region outside the caller's scope, storing nothing", async () => {
    const p = await previewOf(houqi, "实施方案.txt", seed001);
    const before = await stored();
    const itemOnTop = await houqi.req("/api/plans/import/commit", {
      method: "POST",
      body: commitBody(p, { tree: [{ kind: "item", title: "游离的条目" }, ...p.tree] }),
    });
    expect(itemOnTop.statusCode).toBe(400);
    expect(itemOnTop.json().error.message).toContain("规划顶层下不能放置条目");
    const elsewhere = await houqi.req("/api/plans/import/commit", {
      method: "POST",
      body: commitBody(p, { mapping: { 高教办: { orgIds: [f.zhongqiTown.id] } } }),
    });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().error.details.fields[0].field).toBe("mapping");
    const otherRegion = await houqi.req("/api/plans/import/commit", {
      method: "POST",
      body: commitBody(p, { regionCode: "150521", mapping: { 高教办: { ignore: true } } }),
    });
    expect(otherRegion.statusCode).toBe(403);
    const noTasks = await houqi.req("/api/plans/import/commit", {
      method: "POST",
      body: commitBody(p, { tree: [{ kind: "chapter", title: "只有一章" }] }),
    });
    expect(noTasks.json().error.message).toContain("任务树中没有任务");
    // A failure after organizations were created (new org, then an unmapped name) rolls the new org back too.
    const halfway = await houqi.req("/api/plans/import/commit", {
      method: "POST",
      body: commitBody(p, {
        mapping: { 工商联: { create: { name: "不应留下的机构", type: "social_org" } } },
        tree: [...p.tree, { kind: "task", title: "新任务", units: ["查无此单位"] }],
      }),
    });
    expect(halfway.statusCode).toBe(400);
    expect(halfway.json().error.details.names).toEqual(["查无此单位"]);
    expect(await stored()).toEqual(before);
  });

  it("lists the imported plans for the issuing department, with access and task counts", async () => {
    const list = await houqi.json("/api/plans?pageSize=50");
    expect(list.total).toBe(3);
    expect(list.items.map((p: { taskCount: number }) => p.taskCount).sort()).toEqual([15, 15, 20]);
    expect(list.items.every((p: { access: string }) => p.access === "manage")).toBe(true);
    const search = await houqi.json(`/api/plans?q=${encodeURIComponent("科左后旗")}`);
    expect(search.items.map((p: ImportPreview) => p.title)).toEqual([
      "科左后旗民族团结进步创建发展规划（2021-2025年）",
    ]);
  });
});
