import { Document, Packer, Paragraph, TextRun } from "docx";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, login, twoBanners, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { upload } from "../bases/bases.fixtures.js";

/**
 * 政策法规: entry with the government-site fields, scope (中旗 neither sees nor edits 后旗's documents, the
 * public sees all), 已废止 with its replacement, faceted counts, .docx text extraction, and the recall set: each
 * query of one or two characters finds exactly the documents whose text contains it.
 */
type Doc = { title: string; issuer: string; docNumber: string; topic: string; level: string; body: string; on: string };
const DOCS: Doc[] = [
  {
    title: "科左后旗民族团结进步创建发展规划",
    issuer: "科尔沁左翼后旗民族事务委员会",
    docNumber: "后民委发〔2021〕9号",
    topic: "unity_progress",
    level: "plan",
    body: "铸牢中华民族共同体意识，推进民族团结进步创建，建设示范旗。",
    on: "2021-06-30",
  },
  {
    title: "科左后旗民族团结进步教育进学校工作方案",
    issuer: "科尔沁左翼后旗教育局",
    docNumber: "后教发〔2026〕12号",
    topic: "education",
    level: "normative",
    body: "各中小学每学期安排民族团结专题教育，组织学生参观教育基地。",
    on: "2026-03-01",
  },
  {
    title: "科左后旗国家通用语言文字推广实施意见",
    issuer: "科尔沁左翼后旗教育局",
    docNumber: "后教发〔2025〕3号",
    topic: "language",
    level: "normative",
    body: "推广国家通用语言文字，加强双语教师培训，做好语言文字规范化工作。",
    on: "2025-04-10",
  },
  {
    title: "科左后旗少数民族特色村寨保护办法",
    issuer: "科尔沁左翼后旗人民政府",
    docNumber: "后政发〔2024〕17号",
    topic: "culture",
    level: "rule",
    body: "保护特色村寨的传统建筑和风貌，支持发展乡村旅游，促进各族群众增收。",
    on: "2024-09-01",
  },
  {
    title: "科左后旗城市民族工作联系点制度",
    issuer: "科尔沁左翼后旗民族事务委员会",
    docNumber: "后民委发〔2024〕5号",
    topic: "ethnic_work",
    level: "other",
    body: "在甘旗卡镇各社区设立联系点，服务少数民族流动人口，促进交往交流交融与团结互助。",
    on: "2024-05-15",
  },
];
const QUERIES = [
  "民族",
  "团结",
  "民",
  "族团",
  "教育",
  "规划",
  "语言",
  "村寨",
  "团",
  "结",
  "交融",
  "后旗",
  "旅游",
  "法",
];

describe("政策法规: fields, scope, facets, .docx and search recall", () => {
  let h: TestApp;
  let houqi: Client;
  let zhongqi: Client;
  const ids: string[] = [];
  const pub = (url: string) => h.app.inject({ method: "GET", url: encodeURI(url) });

  beforeAll(async () => {
    h = await createTestApp({ start: "2026-11-02T01:00:00Z" });
    await twoBanners(h);
    houqi = await login(h, "houqi_admin", USER_PASSWORD);
    zhongqi = await login(h, "zhongqi_admin", USER_PASSWORD);
    for (const d of DOCS) {
      const p = await houqi.json("/api/policies", {
        method: "POST",
        body: {
          title: d.title,
          issuer: d.issuer,
          docNumber: d.docNumber,
          writtenOn: d.on,
          publishedOn: d.on,
          topic: d.topic,
          level: d.level,
          body: d.body,
        },
      });
      ids.push(p.id);
    }
  });
  afterAll(async () => h?.close());

  it("the recall set: each short query finds exactly the documents whose text contains it", async () => {
    for (const q of QUERIES) {
      const expected = DOCS.map((d, i) => ({ i, text: [d.title, d.issuer, d.docNumber, d.body].join(" ") }))
        .filter((d) => d.text.includes(q))
        .map((d) => ids[d.i])
        .sort();
      const got = (await pub(`/api/public/policies?q=${q}&pageSize=50`)).json();
      expect({ q, ids: got.items.map((p: { id: string }) => p.id).sort() }).toEqual({ q, ids: expected });
      if (q === "民族" || q === "团结") expect(expected.length).toBeGreaterThan(0);
    }
    // The site search finds them too, grouped under 政策法规.
    const site = (await pub("/api/public/search?q=团结")).json();
    const group = site.groups.find((g: { kind: string }) => g.kind === "policies");
    expect(group).toMatchObject({ label: "政策法规", total: 3 });
  });

  it("facets count each filter's values within the other filters", async () => {
    const all = (await pub("/api/public/policies?q=民族")).json();
    expect(all.total).toBe(4);
    expect(all.facets.topic.find((f: { code: string }) => f.code === "education")).toMatchObject({
      label: "教育",
      count: 1,
    });
    expect(all.facets.validity).toEqual([{ code: "valid", label: "有效", count: 4 }]);
    const normative = (await pub("/api/public/policies?q=民族&level=normative")).json();
    expect(normative.total).toBe(1);
    // The level facet ignores its own filter, the topic facet does not.
    expect(normative.facets.level.map((f: { code: string }) => f.code).sort()).toEqual(
      ["normative", "other", "plan", "rule"].sort(),
    );
    expect(normative.facets.topic).toEqual([{ code: "education", label: "教育", count: 1 }]);
    const y2024 = (await pub("/api/public/policies?year=2024")).json();
    expect(y2024.total).toBe(2);
    expect(y2024.facets.year.map((f: { code: string }) => f.code)).toEqual(["2026", "2025", "2024", "2021"]);
  });

  it("scope: 中旗 neither lists nor edits 后旗's documents; a repealed document names its replacement", async () => {
    expect((await zhongqi.json("/api/policies")).total).toBe(0);
    expect((await zhongqi.req(`/api/policies/${ids[0]}`)).statusCode).toBe(404);
    expect((await zhongqi.req(`/api/policies/${ids[0]}/history`)).statusCode).toBe(404);
    expect((await houqi.json("/api/policies")).total).toBe(DOCS.length);
    const body = {
      title: "科左后旗城市民族工作联系点制度",
      issuer: "科尔沁左翼后旗民族事务委员会",
      docNumber: "后民委发〔2024〕5号",
      publishedOn: "2024-05-15",
      topic: "ethnic_work",
      level: "other",
      body: DOCS[4].body,
    };
    const bad = await houqi.req(`/api/policies/${ids[4]}`, {
      method: "PUT",
      body: { ...body, validity: "valid", replacedById: ids[0] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe("validity");
    const notMine = await zhongqi.req(`/api/policies/${ids[4]}`, { method: "PUT", body });
    expect(notMine.statusCode).toBe(404);
    const file = await upload(houqi, "联系点名单", "png");
    await houqi.json(`/api/policies/${ids[4]}`, {
      method: "PUT",
      body: { ...body, validity: "repealed", replacedById: ids[0], attachmentIds: [file] },
    });
    const seen = (await pub(`/api/public/policies/${ids[4]}`)).json();
    expect(seen).toMatchObject({
      validity: "repealed",
      replacedByTitle: DOCS[0].title,
      attachments: [{ id: file, title: "联系点名单" }],
    });
    expect((await pub(`/api/public/policies/${ids[4]}/files/${file}`)).statusCode).toBe(200);
    expect((await pub(`/api/public/policies/${ids[3]}/files/${file}`)).statusCode).toBe(404);
    const history = await houqi.json(`/api/policies/${ids[4]}/history`);
    expect(history.items.map((e: { action: string }) => e.action)).toEqual(["policy.update", "policy.create"]);
  });

  it("a .docx upload gives its text for the 全文 field; a PDF is refused with a Chinese message", async () => {
    const doc = new Document({
      sections: [
        {
          children: ["第一条 为促进民族团结，制定本办法。", "第二条 本办法自发布之日起施行。"].map(
            (line) => new Paragraph({ children: [new TextRun(line)] }),
          ),
        },
      ],
    });
    const send = async (name: string, content: Buffer) => {
      const boundary = "----shiliu-policy";
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n\r\n`),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return houqi.req("/api/policies/extract-text", {
        method: "POST",
        payload,
        headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
      });
    };
    const ok = await send("办法.docx", await Packer.toBuffer(doc));
    expect(ok.statusCode).toBe(200);
    expect(ok.json().text).toBe("第一条 为促进民族团结，制定本办法。\n第二条 本办法自发布之日起施行。");
    const pdf = await send("办法.pdf", Buffer.from("%PDF-1.4\n"));
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().error.message).toContain("PDF");
  });
});
