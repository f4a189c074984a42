/** Test helpers of the plans module: seed documents, multipart bodies, tree outlines, the 001 units of 后旗. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { ImportPreview, PlanNodeView, PlanTreePreview } from "../../../contracts/plans.js";
import { type Client, createOrg, type Org } from "../../test/fixtures.js";
import type { PlanNode } from "./parse-plan.js";

/**
 * The real seed documents (001 实施方案, 003 a news report, 004 五年规划) live outside the repository; their tests
 * run only when SHILIU_SEEDS_DIR names the folder holding them (`.ci/run` sets it when ../shared/seeds exists).
 */
export const SEEDS_DIR = process.env.SHILIU_SEEDS_DIR ? path.resolve(process.env.SHILIU_SEEDS_DIR) : null;

function seedPath(prefix: string): string | null {
  if (!SEEDS_DIR || !existsSync(SEEDS_DIR)) return null;
  const name = readdirSync(SEEDS_DIR).find((f) => f.startsWith(prefix) && f.endsWith(".txt"));
  return name ? path.join(SEEDS_DIR, name) : null;
}

/** Whether the real seed documents 001, 003 and 004 are at hand. */
export const HAS_SEEDS = ["001_", "003_", "004_"].every((p) => seedPath(p) !== null);

/** The text of a real seed document, or "" without SHILIU_SEEDS_DIR (its tests are skipped then). */
export function readSeed(prefix: string): string {
  const file = seedPath(prefix);
  return file ? readFileSync(file, "utf8") : "";
}

/** One line saying which tests are skipped for want of the real seed documents. */
export function noticeSeedsSkipped(what: string) {
  if (!HAS_SEEDS) console.info(`[seeds] 跳过${what}：未设置 SHILIU_SEEDS_DIR（真实种子文档 001/003/004 所在目录）`);
}

type Part = { name: string; value?: string; file?: { name: string; content: Buffer } };

export function multipart(parts: Part[]) {
  const boundary = "----shiliu-plans";
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if (p.file) {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        p.file.content,
        Buffer.from("\r\n"),
      );
    } else {
      chunks.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

export function previewReq(c: Client, file: { name: string; content: Buffer }, regionCode?: string) {
  return c.req("/api/plans/import/preview", {
    method: "POST",
    ...multipart([...(regionCode ? [{ name: "regionCode", value: regionCode }] : []), { name: "file", file }]),
  });
}

export async function previewOf(c: Client, name: string, text: string | Buffer): Promise<ImportPreview> {
  const res = await previewReq(c, { name, content: typeof text === "string" ? Buffer.from(text, "utf8") : text });
  if (res.statusCode !== 200) throw new Error(`preview → ${res.statusCode}: ${res.body}`);
  return res.json();
}

/** The commit body for a preview, as the console would send it after the user's review. */
export function commitBody(p: ImportPreview, extra: Record<string, unknown> = {}) {
  return {
    title: p.title ?? "未命名规划",
    docNumber: p.docNumber,
    periodStart: p.periodStart ?? 2021,
    periodEnd: p.periodEnd ?? 2025,
    cycle: "quarterly",
    sourceFileName: p.sourceFileName,
    tree: p.tree,
    mapping: {},
    ...extra,
  };
}

export type Outline = { kind: string; number: string; title: string; children?: Outline[] };

/** kind / number / title of every node, the shape parse-plan.test.ts compares. */
export function outline(nodes: (PlanNodeView | PlanNode | PlanTreePreview)[]): Outline[] {
  return nodes.map((n) => {
    const o: Outline = { kind: n.kind, number: n.number, title: n.title };
    if (n.children.length > 0) o.children = outline(n.children as typeof nodes);
    return o;
  });
}

export function flat<T extends { children: T[] }>(nodes: T[]): T[] {
  return nodes.flatMap((n) => [n, ...flat(n.children)]);
}

/**
 * The departments seeds/001 names, set up in 科尔沁左翼后旗 (150522) so that every name resolves by itself except
 * 高教办 (no organization of that name or alias: the user maps it to 教育办公室 by hand):
 *   exact — 组织人事部, 党群工作部, 综治信访局, 基层治理和社会事业局, 经济发展局, 公安分局, 市场监督管理分局,
 *           人大工委办公室, 政协工委办公室; by short name — 工商联 (工商业联合会), 卫管办 (卫生管理办公室);
 *   fuzzy — 生态管理办公室 → 生态管理办 (0.99);
 *   collective — 区直各部门 (party/government departments at 150522), 各街道 (甘旗卡街道办事处).
 */
export const UNITS_001: [string, Record<string, unknown>][] = [
  ["组织人事部", {}],
  ["党群工作部", { shortName: "党群部" }],
  ["综治信访局", {}],
  ["基层治理和社会事业局", {}],
  ["经济发展局", {}],
  ["公安分局", {}],
  ["市场监督管理分局", {}],
  ["人大工委办公室", {}],
  ["政协工委办公室", {}],
  ["工商业联合会", { shortName: "工商联", type: "social_org" }],
  ["卫生管理办公室", { shortName: "卫管办" }],
  ["生态管理办", { type: "institution" }],
  ["教育办公室", {}],
];

export async function createUnits001(admin: Client): Promise<Record<string, Org>> {
  const out: Record<string, Org> = {};
  for (const [name, extra] of UNITS_001) out[name] = await createOrg(admin, name, "150522", extra);
  out.甘旗卡街道办事处 = await createOrg(admin, "甘旗卡街道办事处", "150522100");
  return out;
}
