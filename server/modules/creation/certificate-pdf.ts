/**
 * 证书 as PDF (A4 landscape), drawn with pdfkit in Noto Sans Hans Regular (the OTF fonts of @embedpdf/fonts-sc),
 * embedded as a subset so a certificate weighs about 50 KB, and its text stays extractable (ToUnicode).
 *
 * Coverage: the package is described as GB2312, but its fonts hold every CJK Unified Ideograph of the basic block
 * and Extension A (堃, 喆, 珺, 䶮 …). Characters beyond that (Extension B and later, e.g. 𠮷; Mongolian script):
 * each character the embedded font lacks is drawn from a fallback font when one is available — `SHILIU_PDF_FALLBACK_FONT`
 * (a .ttf/.otf/.ttc path, optionally `path#PostScriptName` for a collection) or the system's Noto Sans CJK SC
 * where it is installed. A character that no available font holds is never dropped or replaced by a box: the
 * certificate is refused (422 CERTIFICATE_GLYPHS_MISSING, naming the characters) and the .docx certificate,
 * which uses the reader's own fonts, remains available.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import PDFDocument from "pdfkit";
import { categoryGroupOf, NAMING_LEVEL_LABELS, type NamingLevel } from "../../../contracts/creation.js";
import { requireScope } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { AppError } from "../../core/errors.js";
import { recordAudit } from "../audit/index.js";
import { regionNames } from "../org/index.js";
import { chineseDate } from "./dates.js";
import { getDecision } from "./decision.service.js";
import { getDesignation } from "./designation.service.js";

export const PDF_MIME = "application/pdf";

/** A font file, with the PostScript name of the face to use when the file is a collection (.ttc). */
export type FontSource = { path: string; family?: string };

const require = createRequire(import.meta.url);
const fontsDir = () => join(dirname(require.resolve("@embedpdf/fonts-sc")), "..", "fonts");
const fileCache = new Map<string, Buffer>();
const readFont = (path: string) => {
  let b = fileCache.get(path);
  if (!b) {
    b = readFileSync(path);
    fileCache.set(path, b);
  }
  return b;
};

const SYSTEM_FALLBACKS: FontSource[] = [
  { path: "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", family: "NotoSansCJKsc-Regular" },
  { path: "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", family: "NotoSansCJKsc-Regular" },
  { path: "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc", family: "NotoSansCJKsc-Regular" },
  { path: "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", family: "WenQuanYiZenHei" },
];

/** The fallback font for characters outside GB2312: the configured one, else an installed CJK font, else none. */
export function defaultFallbackFont(env: NodeJS.ProcessEnv = process.env): FontSource | null {
  const configured = env.SHILIU_PDF_FALLBACK_FONT;
  if (configured) {
    const [path, family] = configured.split("#");
    return existsSync(path) ? { path, family } : null;
  }
  return SYSTEM_FALLBACKS.find((f) => existsSync(f.path)) ?? null;
}

export type CertificateData = {
  unitName: string;
  level: NamingLevel;
  /** 示范单位 or 示范区 */
  kind: string;
  categoryLabel: string;
  validUntil: string;
  namedOn: string;
  issuer: string;
  certificateNo: string;
  docNumber: string | null;
  /** A line under the certificate when the designation no longer stands (已撤销, 已到期); null otherwise. */
  statusNote: string | null;
};

type FontKey = "regular" | "fallback";
type GlyphFont = { hasGlyphForCodePoint(cp: number): boolean };

const RED = "#c8102e";
/** Characters that never begin a line (closing punctuation), and spaces, which need no glyph. */
const NO_LINE_START = /^[）」』》〉】〕，。、：；！？”’]/u;

/** The texts of the certificate, in drawing order. */
function certificateTexts(data: CertificateData) {
  return {
    title: "证　书",
    unit: `${data.unitName}：`,
    named: `　　被命名为${NAMING_LEVEL_LABELS[data.level]}民族团结进步${data.kind}（${data.categoryLabel}）。`,
    valid: `　　特发此证。有效期至${chineseDate(data.validUntil)}。`,
    issuer: data.issuer,
    date: chineseDate(data.namedOn),
    numbers: `证书编号：${data.certificateNo}${data.docNumber ? `　　命名文号：${data.docNumber}` : ""}`,
    status: data.statusNote ?? "",
  };
}

/**
 * Draws the certificate in one embedded font (the title is the same face, filled and stroked, which spares a
 * second 8 MB font to parse and subset); throws CERTIFICATE_GLYPHS_MISSING when a character has no glyph in it
 * nor in the fallback.
 */
export async function renderCertificatePdf(
  data: CertificateData,
  opts: { fallback?: FontSource | null } = {},
): Promise<Buffer> {
  const texts = certificateTexts(data);
  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margin: 0,
    info: { Title: `${data.unitName} 证书`, Author: data.issuer, Creator: "石榴平台", Subject: data.certificateNo },
    lang: "zh-CN",
  });
  // pdfkit's font object carries its fontkit font; the type declarations leave it out.
  const glyphsOf = (key: FontKey): GlyphFont => {
    doc.font(key);
    return (doc as unknown as { _font: { font: GlyphFont } })._font.font;
  };
  doc.registerFont("regular", readFont(join(fontsDir(), "NotoSansHans-Regular.otf")));
  const glyphs: Partial<Record<FontKey, GlyphFont>> = { regular: glyphsOf("regular") };
  const lacking = (font: GlyphFont | undefined, chars: Iterable<string>) =>
    [...new Set(chars)].filter((ch) => !/\s/u.test(ch) && !font?.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0));
  let missing = lacking(glyphs.regular, Object.values(texts).join(""));
  if (missing.length > 0) {
    // The fallback font is read only when the certificate needs it.
    const fallback = opts.fallback === undefined ? defaultFallbackFont() : opts.fallback;
    if (fallback) {
      doc.registerFont("fallback", readFont(fallback.path), fallback.family as string);
      glyphs.fallback = glyphsOf("fallback");
      missing = lacking(glyphs.fallback, missing);
    }
  }
  if (missing.length > 0)
    throw new AppError(
      422,
      "CERTIFICATE_GLYPHS_MISSING",
      `证书中的字符“${missing.join("")}”在内置字体（思源黑体）和补充字体中都没有字形，无法生成 PDF；请下载 Word 版证书，或由管理员配置补充字体（SHILIU_PDF_FALLBACK_FONT）`,
      { characters: missing },
    );

  /** The text cut into runs of one font each: the embedded font where it has the glyph, else the fallback. */
  const runs = (text: string) => {
    const out: { font: FontKey; text: string }[] = [];
    for (const ch of text) {
      const font: FontKey = glyphs.fallback && lacking(glyphs.regular, [ch]).length > 0 ? "fallback" : "regular";
      const last = out[out.length - 1];
      if (last && last.font === font) last.text += ch;
      else out.push({ font, text: ch });
    }
    return out;
  };
  const widthOf = (text: string, size: number) =>
    runs(text).reduce((w, r) => w + doc.font(r.font).fontSize(size).widthOfString(r.text), 0);
  /** Breaks the text into lines no wider than `width`: between any two CJK characters, never before a closing mark. */
  const wrap = (text: string, size: number, width: number) => {
    const lines: string[] = [];
    let line = "";
    for (const ch of text) {
      if (line && widthOf(line + ch, size) > width) {
        const chars = [...line];
        // A closing mark pulls the characters before it onto the next line until that line begins with another.
        let next = "";
        while (NO_LINE_START.test(next + ch) && chars.length > 1) next = (chars.pop() as string) + next;
        lines.push(chars.join(""));
        line = next;
      }
      line += ch;
    }
    if (line) lines.push(line);
    return lines;
  };
  const W = doc.page.width;
  const H = doc.page.height;
  /** One paragraph at `y`; returns the y below it. */
  const paragraph = (
    text: string,
    o: { y: number; size: number; bold?: boolean; align?: "left" | "center" | "right"; x?: number; width?: number },
  ) => {
    const x0 = o.x ?? 110;
    const width = o.width ?? W - 2 * x0;
    let y = o.y;
    for (const line of wrap(text, o.size, width)) {
      const w = widthOf(line, o.size);
      let x = o.align === "center" ? x0 + (width - w) / 2 : o.align === "right" ? x0 + width - w : x0;
      for (const r of runs(line)) {
        doc.font(r.font).fontSize(o.size);
        if (o.bold) doc.lineWidth(o.size / 40);
        // On a common baseline: the two fonts' ascenders differ, so their tops do not line up.
        doc.text(r.text, x, y + o.size * 1.1, {
          lineBreak: false,
          stroke: !!o.bold,
          fill: true,
          baseline: "alphabetic",
        });
        x += doc.widthOfString(r.text);
      }
      y += o.size * 1.6;
    }
    return y;
  };

  // Frame: a thick red border and a thin one inside it.
  doc
    .lineWidth(6)
    .strokeColor(RED)
    .rect(28, 28, W - 56, H - 56)
    .stroke();
  doc
    .lineWidth(1.2)
    .rect(42, 42, W - 84, H - 84)
    .stroke();
  doc.fillColor(RED);
  let y = paragraph(texts.title, { y: 84, size: 48, bold: true, align: "center" });
  doc.fillColor("#000000").strokeColor("#000000");
  y = paragraph(texts.unit, { y: y + 24, size: 24 });
  y = paragraph(texts.named, { y: y + 8, size: 22 });
  y = paragraph(texts.valid, { y: y + 4, size: 20 });
  const right = { x: W / 2, width: W / 2 - 110, align: "right" as const };
  y = paragraph(texts.issuer, { ...right, y: Math.max(y + 36, 360), size: 18 });
  paragraph(texts.date, { ...right, y, size: 18 });
  paragraph(texts.numbers, { y: H - 100, size: 12 });
  if (texts.status) {
    doc.fillColor(RED);
    paragraph(texts.status, { y: H - 80, size: 12 });
  }

  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on("end", () => resolve());
    doc.on("error", reject);
  });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** The certificate of one designation as PDF, read through the caller's scope, the download audited. */
export async function certificatePdf(ctx: Ctx, id: string) {
  requireScope(ctx.actor, "creation:export");
  const d = await getDesignation(ctx, id);
  const decision = d.decisionId ? await getDecision(ctx, d.decisionId) : null;
  const statusNote =
    d.status === "revoked"
      ? `本证书所载命名已撤销${d.revokeDocNumber ? `（${d.revokeDocNumber}）` : ""}。`
      : d.status === "expired"
        ? "本证书所载命名已到期。"
        : null;
  const buffer = await renderCertificatePdf({
    unitName: d.unitName,
    level: d.level,
    kind: categoryGroupOf(d.category) === "area" ? "示范区" : "示范单位",
    categoryLabel: d.categoryLabel,
    validUntil: d.validUntil,
    namedOn: d.namedOn,
    // A designation registered from before the platform has no decision: its issuer is the naming region.
    issuer: decision?.issuerOrgName ?? (await regionNames(ctx.db, [d.issuerRegionCode])).get(d.issuerRegionCode) ?? "",
    certificateNo: d.certificateNo,
    docNumber: d.docNumber,
    statusNote,
  });
  await ctx.db.transaction((tx) =>
    recordAudit(tx, ctx.clock, ctx.actor, {
      category: "export",
      action: "creation_designation.certificate_pdf",
      entity: "creation_designation",
      entityId: id,
      summary: `导出证书 PDF ${d.certificateNo}（${d.unitName}）`,
    }),
  );
  return { buffer, fileName: `${d.certificateNo} ${d.unitName}.pdf` };
}
