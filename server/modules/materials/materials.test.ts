import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, login, twoBanners, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";

const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

function form(parts: { name: string; value?: string; file?: { name: string; content: Buffer; type?: string } }[]) {
  const boundary = "----shiliu-materials";
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if (p.file) {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.file.name}"\r\nContent-Type: ${p.file.type ?? "application/octet-stream"}\r\n\r\n`,
        ),
      );
      chunks.push(p.file.content, Buffer.from("\r\n"));
    } else {
      chunks.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

const upload = (
  c: Client,
  title: string,
  file: { name: string; content: Buffer },
  extra: Record<string, string> = {},
) =>
  c.req("/api/materials", {
    method: "POST",
    ...form([
      { name: "title", value: title },
      ...Object.entries(extra).map(([name, value]) => ({ name, value })),
      { name: "file", file },
    ]),
  });

describe("materials: the evidence library", () => {
  let h: TestApp;
  let f: Awaited<ReturnType<typeof twoBanners>>;
  let houqi: Client;
  let unit: Client;
  let zhongqi: Client;

  beforeAll(async () => {
    h = await createTestApp();
    f = await twoBanners(h);
    houqi = await login(h, "houqi_admin", USER_PASSWORD);
    unit = await login(h, "houqi_unit", USER_PASSWORD);
    zhongqi = await login(h, "zhongqi_admin", USER_PASSWORD);
  });
  afterAll(() => h?.close());

  it("uploads once with title, date and tags; the same file again returns the first record, stored once", async () => {
    const first = await upload(
      unit,
      "民族团结进步宣传月活动照片",
      { name: "活动照片.png", content: PNG },
      { materialDate: "2026-09-15", tags: "宣传月,照片" },
    );
    expect(first.statusCode, first.body).toBe(200);
    const m = first.json();
    expect(m).toMatchObject({
      title: "民族团结进步宣传月活动照片",
      materialDate: "2026-09-15",
      tags: ["宣传月", "照片"],
      mimeType: "image/png",
      kind: "image",
      previewable: true,
      duplicate: false,
      orgName: "甘旗卡镇人民政府",
    });
    expect(m.fileHash).toMatch(/^[0-9a-f]{64}$/);
    const again = (await upload(unit, "另一个标题", { name: "copy.png", content: PNG })).json();
    expect(again).toMatchObject({ id: m.id, duplicate: true, title: "民族团结进步宣传月活动照片" });
    expect(await h.deps.files.exists(m.fileHash)).toBe(true);
    const rows = await h.deps.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM materials WHERE file_hash = ${m.fileHash}`,
    );
    expect(rows.rows[0].n).toBe(1);
  });

  it("recognises types by content: a renamed executable or HTML page is refused with the allowed list", async () => {
    const exe = await upload(unit, "伪装的程序", {
      name: "照片.jpg",
      content: Buffer.from("MZ\x90\x00fake executable"),
    });
    expect(exe.statusCode).toBe(400);
    expect(exe.json().error.details.fields[0]).toMatchObject({ field: "file" });
    expect(exe.json().error.message).toContain("不支持的文件类型");
    const html = await upload(unit, "网页", {
      name: "说明.pdf",
      content: Buffer.from("<html><script>alert(1)</script></html>"),
    });
    expect(html.statusCode).toBe(400);
    const txt = await upload(unit, "工作总结", { name: "总结.txt", content: Buffer.from("2026年工作总结") });
    expect(txt.json().kind).toBe("text");
  });

  it("refuses a file over 20 MB, an empty file, a missing file and a bad title, saving nothing", async () => {
    const before = (await houqi.json("/api/materials")).total;
    const big = Buffer.concat([PDF, Buffer.alloc(21 * 1024 * 1024)]);
    const tooBig = await upload(unit, "过大", { name: "big.pdf", content: big });
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().error.message).toContain("不能超过 20 MB");
    expect(
      (await upload(unit, "空文件", { name: "empty.pdf", content: Buffer.alloc(0) })).json().error.message,
    ).toContain("文件为空");
    const noFile = await unit.req("/api/materials", { method: "POST", ...form([{ name: "title", value: "无文件" }]) });
    expect(noFile.json().error.details.fields[0].field).toBe("file");
    const badTitle = await upload(unit, "报告\u202Efdp", { name: "a.pdf", content: PDF });
    expect(badTitle.json().error.details.fields[0].field).toBe("title");
    const badDate = await upload(unit, "日期错误", { name: "a.pdf", content: PDF }, { materialDate: "2026-13-45" });
    expect(badDate.json().error.details.fields[0].label).toBe("材料日期");
    expect((await houqi.json("/api/materials")).total).toBe(before);
  });

  it("the administrators' limit (参数设置) refuses a smaller file, naming the limit; raised again, it is accepted", async () => {
    const admin = f.admin;
    await admin.json("/api/system/settings/platform", { method: "PUT", body: { materialMaxMb: 1 } });
    const twoMb = Buffer.concat([PDF, Buffer.alloc(2 * 1024 * 1024)]);
    const refused = await upload(unit, "两兆的台账", { name: "ledger.pdf", content: twoMb });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.fields[0].field).toBe("file");
    expect(refused.json().error.message).toContain("不能超过 1 MB");
    await admin.json("/api/system/settings/platform", { method: "PUT", body: { materialMaxMb: 20 } });
    expect((await upload(unit, "两兆的台账", { name: "ledger.pdf", content: twoMb })).statusCode).toBe(200);
  });

  it("previews images and PDFs inline, downloads with an audit entry", async () => {
    const pdf = (await upload(unit, "创建工作方案", { name: "方案.pdf", content: PDF })).json();
    const preview = await unit.req(`/api/materials/${pdf.id}/preview`);
    expect(preview.statusCode).toBe(200);
    expect(preview.headers["content-type"]).toBe("application/pdf");
    expect(preview.headers["content-security-policy"]).toContain("sandbox");
    expect(preview.rawPayload.equals(PDF)).toBe(true);
    const download = await unit.req(`/api/materials/${pdf.id}/download`);
    expect(download.headers["content-disposition"]).toContain(encodeURIComponent("方案.pdf"));
    const history = await unit.json(`/api/materials/${pdf.id}/history`);
    expect(history.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(["material.upload"]));
    const downloads = await h.deps.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'material.download' AND entity_id = ${pdf.id}`,
    );
    expect(downloads.rows[0].n).toBe(1);
  });

  it("edits, archives and restores; archived materials leave the default list", async () => {
    const m = (await upload(unit, "座谈会纪要", { name: "纪要.txt", content: Buffer.from("座谈会纪要内容") })).json();
    const edited = await unit.json(`/api/materials/${m.id}`, {
      method: "PATCH",
      body: { title: "民族工作座谈会纪要", tags: ["座谈会"] },
    });
    expect(edited).toMatchObject({ title: "民族工作座谈会纪要", tags: ["座谈会"] });
    await unit.json(`/api/materials/${m.id}/archive`, { method: "POST" });
    expect((await unit.json(`/api/materials?q=${encodeURIComponent("座谈会")}`)).total).toBe(0);
    expect((await unit.json(`/api/materials?status=archived&q=${encodeURIComponent("座谈会")}`)).total).toBe(1);
    await unit.json(`/api/materials/${m.id}/restore`, { method: "POST" });
    expect((await unit.json(`/api/materials?tag=${encodeURIComponent("座谈会")}`)).total).toBe(1);
    expect(await unit.json("/api/materials/tags")).toEqual(expect.arrayContaining(["座谈会", "宣传月"]));
  });

  it("finds a material by one or two characters or a longer fragment of its title, file name or tag, and by its new title after an edit", async () => {
    const m = (
      await upload(
        unit,
        "乌兰牧骑下基层演出",
        { name: "甘旗卡镇演出照片.txt", content: Buffer.from("乌兰牧骑演出记录") },
        { tags: "文艺惠民" },
      )
    ).json();
    const ids = async (q: string) =>
      (await unit.json(`/api/materials?q=${encodeURIComponent(q)}`)).items.map((x: { id: string }) => x.id);
    for (const q of ["骑", "牧骑", "兰牧骑下", "旗卡镇演", "惠民", "文艺惠民", "TXT"])
      expect(await ids(q), q).toContain(m.id);
    expect(await ids("牧骑演")).not.toContain(m.id);
    await unit.json(`/api/materials/${m.id}`, { method: "PATCH", body: { title: "安代舞展演" } });
    expect(await ids("安代舞")).toContain(m.id);
    expect(await ids("兰牧骑下")).not.toContain(m.id);
    // The file name keeps its words.
    expect(await ids("甘旗卡")).toContain(m.id);
  });

  it("filters by uploader (mine) and by a date range given as dates or as the console's Beijing-day timestamps", async () => {
    const m = (
      await upload(
        houqi,
        "宣讲活动照片",
        { name: "宣讲.txt", content: Buffer.from("宣讲活动 mine filter") },
        { materialDate: "2024-05-02" },
      )
    ).json();
    const mine = await houqi.json("/api/materials?mine=true&pageSize=200");
    expect(mine.items.map((x: { id: string }) => x.id)).toContain(m.id);
    expect(mine.items.every((x: { ownerId: string }) => x.ownerId === m.ownerId)).toBe(true);
    expect(
      (await unit.json("/api/materials?mine=true&pageSize=200")).items.map((x: { id: string }) => x.id),
    ).not.toContain(m.id);
    const q = `q=${encodeURIComponent("宣讲活动照片")}`;
    expect((await houqi.json(`/api/materials?${q}&from=2024-05-02&to=2024-05-02`)).total).toBe(1);
    // 2024-05-02 00:00 and 23:59:59.999 in Beijing time.
    const day = "from=2024-05-01T16:00:00.000Z&to=2024-05-02T15:59:59.999Z";
    expect((await houqi.json(`/api/materials?${q}&${day}`)).total).toBe(1);
    const next = "from=2024-05-02T16:00:00.000Z&to=2024-05-03T15:59:59.999Z";
    expect((await houqi.json(`/api/materials?${q}&${next}`)).total).toBe(0);
    expect((await houqi.req("/api/materials?from=yesterday")).statusCode).toBe(400);
  });

  it("another banner sees nothing and gets 404 on every material route", async () => {
    const m = (await houqi.json("/api/materials")).items[0];
    expect((await zhongqi.json("/api/materials")).total).toBe(0);
    for (const [method, url] of [
      ["GET", `/api/materials/${m.id}`],
      ["PATCH", `/api/materials/${m.id}`],
      ["POST", `/api/materials/${m.id}/archive`],
      ["POST", `/api/materials/${m.id}/restore`],
      ["GET", `/api/materials/${m.id}/download`],
      ["GET", `/api/materials/${m.id}/preview`],
      ["GET", `/api/materials/${m.id}/history`],
    ] as const) {
      const res = await zhongqi.req(url, { method, body: method === "PATCH" ? { title: "越界修改" } : undefined });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    // The banner admin (本级及下级) sees the town unit's materials; the system admin reads no business data.
    expect((await houqi.json("/api/materials")).total).toBeGreaterThan(0);
    expect((await f.admin.req("/api/materials")).statusCode).toBe(403);
    // Uploading on behalf of another banner's unit is refused.
    const onBehalf = await upload(houqi, "代传", { name: "x.pdf", content: PDF }, { orgId: f.zhongqiTown.id });
    expect(onBehalf.json().error.details.fields[0].field).toBe("orgId");
  });

  it("keeps the content in the file store under its SM3 hash", async () => {
    const m = (await unit.json("/api/materials?kind=image")).items[0];
    const stored = await h.deps.files.get(m.fileHash);
    expect(stored?.equals(PNG)).toBe(true);
  });
});
