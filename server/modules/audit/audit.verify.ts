import { gte } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import { type AnchorFile, readAnchors, writeAnchor } from "./audit.anchor.js";
import type { AuditSetup } from "./audit.keys.js";
import { auditLog } from "./audit.schema.js";
import { entryHash, GENESIS_HASH, keyedEntryHash } from "./audit.service.js";

export type ProblemKind =
  | "missing"
  | "link"
  | "content"
  | "downgrade"
  | "unknown_key"
  | "anchor_mismatch"
  | "truncated"
  | "anchor_invalid";

/** One run of consecutive entries (seq … toSeq) with the same problem; `message` says what, in Chinese. */
export type ChainProblem = { seq: number; toSeq: number; kind: ProblemKind; message: string };

export type VerifyResult = {
  ok: boolean;
  /** Entries read and checked. */
  checked: number;
  /** The last entry in the database (0 when empty). */
  lastSeq: number;
  /** Every problem found, consecutive entries with the same problem merged into one range; at most MAX_LISTED. */
  problems: ChainProblem[];
  /** How many ranges there were in all (more than `problems.length` when the list was cut). */
  problemCount: number;
  /** The first problem, as before the full list existed. */
  firstBad: { seq: number; reason: string } | null;
  anchors: { valid: number; invalid: number; latestSeq: number | null; latestAt: string | null };
  /** The anchor this verification wrote (only when the chain held), or null. */
  anchored: { seq: number; hash: string; created: boolean } | null;
};

const MAX_LISTED = 500;

/** The place a problem names: 第 12 条 or 第 12–61 条. */
export function problemPlace(p: ChainProblem): string {
  return p.seq === p.toSeq ? `第 ${p.seq} 条` : `第 ${p.seq}–${p.toSeq} 条`;
}

class Problems {
  readonly list: ChainProblem[] = [];
  count = 0;
  private lastOpen: ChainProblem | null = null;

  add(seq: number, kind: ProblemKind, message: string, toSeq = seq, mergeable = true) {
    const open = this.lastOpen;
    if (mergeable && open && open.kind === kind && open.toSeq + 1 === seq && open.message === message) {
      open.toSeq = toSeq;
      return;
    }
    this.count++;
    const p = { seq, toSeq, kind, message };
    if (this.list.length < MAX_LISTED) this.list.push(p);
    this.lastOpen = mergeable ? p : null;
  }
}

/**
 * Walks the whole chain in order and reports every entry whose link, content or key does not hold, then
 * compares it with the anchors outside the database: an anchored entry must still carry the anchored hash,
 * and the chain must still reach the highest anchored seq (so cutting the tail or truncating shows). When the
 * chain holds and `anchor` is set, the head is anchored. Runs at every verify and daily (audit.jobs.ts).
 */
export async function verifyChain(
  db: Queryable,
  audit: AuditSetup,
  opts: { anchor?: boolean; now?: Date; batch?: number } = {},
): Promise<VerifyResult> {
  const batch = opts.batch ?? 5000;
  const problems = new Problems();
  const { valid, invalid } = readAnchors(audit.anchorDir, audit.keys);
  const anchorsBySeq = new Map<number, AnchorFile[]>();
  for (const a of valid) anchorsBySeq.set(a.anchor.seq, [...(anchorsBySeq.get(a.anchor.seq) ?? []), a]);
  // Entries after the earliest anchored legacyUntil cannot be legacy: no later rewrite may claim to be.
  const legacyLimit = valid.length ? Math.min(...valid.map((a) => a.anchor.legacyUntil)) : Number.POSITIVE_INFINITY;

  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  let lastLegacy = 0;
  let keyedSeen = false;
  let head: { seq: number; hash: string } | null = null;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(gte(auditLog.seq, expectedSeq))
      .orderBy(auditLog.seq)
      .limit(batch);
    if (rows.length === 0) break;
    for (const r of rows) {
      const gap = r.seq > expectedSeq;
      if (gap) problems.add(expectedSeq, "missing", "缺失（已被删除）", r.seq - 1, false);
      else if (r.prevHash !== prevHash)
        problems.add(r.seq, "link", "与上一条的链接哈希不一致（前一条被改写，或有记录被插入）");
      if (r.hashAlg === "sm3") {
        if (keyedSeen || r.seq > legacyLimit)
          problems.add(r.seq, "downgrade", "在密钥签名的记录之后出现无密钥哈希（伪造或被重算）");
        else if (entryHash(r.prevHash, r) !== r.hash) problems.add(r.seq, "content", "内容或哈希不符（被修改或伪造）");
        else lastLegacy = r.seq;
      } else {
        keyedSeen = true;
        const key = r.keyId ? audit.keys.byId.get(r.keyId) : undefined;
        if (r.hashAlg !== "hmac-sm3" || !key)
          problems.add(
            r.seq,
            "unknown_key",
            `签名密钥 ${r.keyId ?? "（空）"} 不在审计密钥文件中（伪造，或密钥文件缺少该密钥）`,
          );
        else if (keyedEntryHash(key, r.prevHash, r) !== r.hash)
          problems.add(r.seq, "content", "内容或哈希不符（被修改或伪造）");
      }
      for (const a of anchorsBySeq.get(r.seq) ?? [])
        if (a.anchor.hash !== r.hash)
          problems.add(
            r.seq,
            "anchor_mismatch",
            `与 ${a.anchor.at} 的锚点 ${a.file} 不一致（锚定后被改写）`,
            r.seq,
            false,
          );
      prevHash = r.hash;
      expectedSeq = r.seq + 1;
      head = { seq: r.seq, hash: r.hash };
      checked++;
    }
  }
  const lastSeq = head?.seq ?? 0;
  const highest = valid.reduce<AnchorFile | null>((m, a) => (!m || a.anchor.seq > m.anchor.seq ? a : m), null);
  if (highest && highest.anchor.seq > lastSeq)
    problems.add(
      lastSeq + 1,
      "truncated",
      `缺失：锚点 ${highest.file}（${highest.anchor.at}）记录审计链曾到第 ${highest.anchor.seq} 条，现只到第 ${lastSeq} 条（末尾被删除或整表被清空）`,
      highest.anchor.seq,
      false,
    );
  for (const bad of invalid)
    problems.add(bad.seq ?? 0, "anchor_invalid", `锚点文件 ${bad.file} 校验失败：${bad.reason}`, bad.seq ?? 0, false);

  const ok = problems.count === 0;
  let anchored: VerifyResult["anchored"] = null;
  if (ok && head && opts.anchor !== false) {
    const w = writeAnchor(audit.anchorDir, audit.keys, { ...head, legacyUntil: lastLegacy }, opts.now ?? new Date());
    anchored = { ...head, created: w.created };
  }
  const latest = anchored?.created ? { seq: anchored.seq, at: (opts.now ?? new Date()).toISOString() } : null;
  const first = problems.list[0];
  return {
    ok,
    checked,
    lastSeq,
    problems: problems.list,
    problemCount: problems.count,
    firstBad: first ? { seq: first.seq, reason: first.message } : null,
    anchors: {
      valid: valid.length + (anchored?.created ? 1 : 0),
      invalid: invalid.length,
      latestSeq: latest?.seq ?? highest?.anchor.seq ?? null,
      latestAt: latest?.at ?? highest?.anchor.at ?? null,
    },
    anchored,
  };
}

/** What `npm run audit:verify` prints, and its exit code: 0 when the chain holds, 1 naming every problem. */
export function verifyReport(r: VerifyResult): { exitCode: number; lines: string[] } {
  const anchorLine =
    r.anchors.latestSeq === null
      ? "尚无锚点。"
      : `已与 ${r.anchors.valid} 个锚点比对，最近锚定至第 ${r.anchors.latestSeq} 条（${r.anchors.latestAt}）。`;
  if (r.ok) {
    const wrote = r.anchored?.created ? `已锚定链头第 ${r.anchored.seq} 条。` : "";
    return { exitCode: 0, lines: [`审计链校验通过：共 ${r.checked} 条，未发现篡改。${anchorLine}${wrote}`] };
  }
  const lines = [`审计链校验失败：发现 ${r.problemCount} 处问题（共读取 ${r.checked} 条，末条为第 ${r.lastSeq} 条）`];
  for (const p of r.problems) lines.push(`  ${problemPlace(p)}：${p.message}`);
  if (r.problemCount > r.problems.length) lines.push(`  ……另有 ${r.problemCount - r.problems.length} 处未列出`);
  lines.push(`${anchorLine}链未完好，本次未写入锚点。请保全数据库与锚点目录并报告安全管理员。`);
  return { exitCode: 1, lines };
}
