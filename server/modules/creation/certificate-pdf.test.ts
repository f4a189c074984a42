import { inflateSync } from "node:zlib";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../core/errors.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { renderCertificatePdf } from "./certificate-pdf.js";
import { creationWorld, type World } from "./creation.fixtures.js";

/** The PDF's streams, inflated (pdfkit compresses them with Flate). */
function streams(pdf: Buffer): string[] {
  const s = pdf.toString("latin1");
  const out: string[] = [];
  for (const m of s.matchAll(/stream\r?\n/g)) {
    const start = (m.index ?? 0) + m[0].length;
    const end = s.indexOf("endstream", start);
    try {
      out.push(inflateSync(pdf.subarray(start, end)).toString("latin1"));
    } catch {
      // a stream that is not Flate-compressed: not text
    }
  }
  return out;
}

const utf16 = (hex: string) => Buffer.from(hex, "hex").swap16().toString("utf16le");

/**
 * The text a reader extracts from a one-font PDF: each shown glyph id mapped through the font's ToUnicode CMap
 * (as pdftotext and a browser's search do), one line per text object.
 */
function extractText(pdf: Buffer): string {
  const all = streams(pdf);
  const cmaps = all.filter((s) => s.includes("begincmap"));
  expect(cmaps).toHaveLength(1);
  const map = new Map<number, string>();
  for (const [, a, b, arr] of cmaps[0].matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*\[([^\]]*)\]/gi)) {
    const targets = [...arr.matchAll(/<([0-9a-f]+)>/gi)].map((x) => utf16(x[1]));
    for (let g = Number.parseInt(a, 16); g <= Number.parseInt(b, 16); g++)
      map.set(g, targets[g - Number.parseInt(a, 16)]);
  }
  for (const [, g, u] of cmaps[0].matchAll(/^<([0-9a-f]{4})>\s*<([0-9a-f]+)>$/gim))
    map.set(Number.parseInt(g, 16), utf16(u));
  const lines: string[] = [];
  for (const content of all.filter((s) => s.includes(" TJ")))
    for (const [, block] of content.matchAll(/BT([\s\S]*?)ET/g))
      lines.push(
        [...block.matchAll(/<([0-9a-f]+)>/gi)]
          .map(([, hex]) => (hex.match(/.{4}/g) ?? []).map((g) => map.get(Number.parseInt(g, 16)) ?? "�").join(""))
          .join(""),
      );
  return lines.join("\n");
}

describe("creation: certificate as PDF", () => {
  let h: TestApp;
  let w: World;
  let id: string;

  beforeAll(async () => {
    h = await createTestApp();
    w = await creationWorld(h);
    const d = await w.c.houqi.json("/api/creation/designations", {
      method: "POST",
      body: {
        orgId: w.village.id,
        category: "village",
        level: "county",
        certificateNo: "2021-QX-150522-0007",
        docNumber: "后民宗发〔2021〕7号",
        namedOn: "2021-06-01",
        setId: w.setId,
      },
    });
    id = d.id;
  });
  afterAll(() => h?.close());

  it("is an A4 PDF with its one Chinese font embedded as a subset, the unit's name extractable, the download audited", async () => {
    const res = await w.c.houqi.req(`/api/creation/designations/${id}/certificate.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toContain(
      `filename*=UTF-8''${encodeURIComponent("2021-QX-150522-0007 哈布哈嘎查村民委员会.pdf")}`,
    );
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const raw = pdf.toString("latin1");
    // A4 landscape, one embedded CFF font, subset (tag "XXXXXX+"), far below the 8 MB font file.
    expect(raw).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/);
    expect(raw.match(/\/FontFile3/g)).toHaveLength(1);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansHans-Regular/);
    expect(pdf.length).toBeLessThan(120_000);
    const text = extractText(pdf);
    expect(text).toContain("哈布哈嘎查村民委员会：");
    expect(text).toContain("被命名为旗县级民族团结进步示范单位");
    expect(text).toContain("证书编号：2021-QX-150522-0007");
    expect(text).toContain("特发此证。有效期至2026年5月31日。");
    // Registered from before the platform, it has no decision: the naming region issued it.
    expect(text).toContain("\n科尔沁左翼后旗\n2021年6月1日\n");
    const audit = await h.deps.db.execute<{ action: string; summary: string; entity_id: string }>(
      sql`SELECT action, summary, entity_id FROM audit_log WHERE category = 'export' ORDER BY seq`,
    );
    expect(audit.rows.map((r) => [r.action, r.entity_id])).toEqual([["creation_designation.certificate_pdf", id]]);
    expect(audit.rows[0].summary).toBe("导出证书 PDF 2021-QX-150522-0007（哈布哈嘎查村民委员会）");
  });

  it("has the .docx certificate's permission and scope: the unit may not export, the other banner sees nothing", async () => {
    const url = `/api/creation/designations/${id}/certificate.pdf`;
    const unit = await w.c.village.req(url);
    expect(unit.statusCode).toBe(403);
    expect(unit.json().error.details.permission).toBe("creation:export");
    const other = await w.c.zhongqi.req(url);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe("NOT_FOUND");
    // The city above 后旗 reads it.
    expect((await w.c.city.req(url)).statusCode).toBe(200);
  });

  it("refuses a name with a character no available font holds, naming it, rather than printing a box", async () => {
    const data = {
      unitName: "𠮷祥家庭牧场",
      level: "county" as const,
      kind: "示范单位",
      categoryLabel: "嘎查村（社区）",
      validUntil: "2031-09-30",
      namedOn: "2026-09-30",
      issuer: "科尔沁左翼后旗民族宗教事务局",
      certificateNo: "2026-QX-150522-0002",
      docNumber: null,
      statusNote: null,
    };
    const err = await renderCertificatePdf(data, { fallback: null }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(422);
    expect((err as AppError).code).toBe("CERTIFICATE_GLYPHS_MISSING");
    expect((err as AppError).details).toEqual({ characters: ["𠮷"] });
    expect((err as AppError).message).toContain("𠮷");
    // Extension A characters (堃, 䶮) are in the embedded font itself: no fallback needed.
    const ok = await renderCertificatePdf({ ...data, unitName: "王堃䶮家庭牧场" }, { fallback: null });
    expect(extractText(ok)).toContain("王堃䶮家庭牧场：");
  });
});
