import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { hmacSm3 } from "../../core/crypto.js";
import type { AuditKeyRing } from "./audit.keys.js";
import { canonicalJson } from "./audit.service.js";

/**
 * A checkpoint of the chain's head kept outside the database (AUDIT_ANCHOR_DIR): entry `seq` had hash `hash`
 * at time `at`. `legacyUntil` is the last entry hashed without a key (written before keyed hashing began), so
 * no later entry can be passed off as a legacy one. `mac` is HMAC-SM3 over the rest with the audit key, so a
 * file cannot be forged or edited without the key. One file per seq, created exclusively and never rewritten.
 */
export type AuditAnchor = {
  version: 1;
  seq: number;
  hash: string;
  at: string;
  legacyUntil: number;
  keyId: string;
  mac: string;
};

export type AnchorFile = { file: string; anchor: AuditAnchor };
export type BadAnchorFile = { file: string; seq: number | null; reason: string };

function macOf(key: Buffer, a: Omit<AuditAnchor, "mac">): string {
  return hmacSm3(
    key,
    canonicalJson({
      version: a.version,
      seq: a.seq,
      hash: a.hash,
      at: a.at,
      legacyUntil: a.legacyUntil,
      keyId: a.keyId,
    }),
  ).toString("hex");
}

export function anchorFileName(seq: number) {
  return `anchor-${String(seq).padStart(12, "0")}.json`;
}

export function signAnchor(keys: AuditKeyRing, head: { seq: number; hash: string; legacyUntil: number }, at: Date) {
  const body = {
    version: 1 as const,
    seq: head.seq,
    hash: head.hash,
    at: at.toISOString(),
    legacyUntil: head.legacyUntil,
    keyId: keys.current.id,
  };
  return { ...body, mac: macOf(keys.current.key, body) };
}

/**
 * Writes the anchor of `head` unless that seq is anchored already. An existing file for the same seq is never
 * overwritten: if it names another hash, it is the evidence that verification reports.
 */
export function writeAnchor(
  dir: string,
  keys: AuditKeyRing,
  head: { seq: number; hash: string; legacyUntil: number },
  at: Date,
): { file: string; created: boolean } {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, anchorFileName(head.seq));
  const anchor = signAnchor(keys, head, at);
  try {
    // Write to a temporary name and link it into place: the anchor appears whole or not at all, and only once.
    const tmp = `${file}.${crypto.randomBytes(4).toString("hex")}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(anchor, null, 2)}\n`, { mode: 0o600, flag: "wx" });
    try {
      fs.linkSync(tmp, file);
    } finally {
      fs.rmSync(tmp, { force: true });
    }
    return { file, created: true };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return { file, created: false };
    throw e;
  }
}

function isAnchorShape(v: unknown): v is AuditAnchor {
  if (!v || typeof v !== "object") return false;
  const a = v as Record<string, unknown>;
  return (
    a.version === 1 &&
    Number.isSafeInteger(a.seq) &&
    (a.seq as number) > 0 &&
    typeof a.hash === "string" &&
    typeof a.at === "string" &&
    Number.isSafeInteger(a.legacyUntil) &&
    typeof a.keyId === "string" &&
    typeof a.mac === "string"
  );
}

/** Reads every anchor file in `dir` and checks its MAC; files that fail are returned separately, by name. */
export function readAnchors(dir: string, keys: AuditKeyRing): { valid: AnchorFile[]; invalid: BadAnchorFile[] } {
  const valid: AnchorFile[] = [];
  const invalid: BadAnchorFile[] = [];
  if (!fs.existsSync(dir)) return { valid, invalid };
  for (const name of fs.readdirSync(dir).sort()) {
    if (!name.startsWith("anchor-") || !name.endsWith(".json")) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
    } catch {
      invalid.push({ file: name, seq: null, reason: "无法解析" });
      continue;
    }
    if (!isAnchorShape(parsed)) {
      invalid.push({ file: name, seq: null, reason: "格式不正确" });
      continue;
    }
    const key = keys.byId.get(parsed.keyId);
    if (!key) {
      invalid.push({ file: name, seq: parsed.seq, reason: `签名密钥 ${parsed.keyId} 不在密钥文件中` });
      continue;
    }
    const expected = Buffer.from(macOf(key, parsed), "hex");
    const given = Buffer.from(parsed.mac, "hex");
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
      invalid.push({ file: name, seq: parsed.seq, reason: "签名不符（被修改或伪造）" });
      continue;
    }
    if (name !== anchorFileName(parsed.seq)) {
      invalid.push({ file: name, seq: parsed.seq, reason: "文件名与所记序号不符" });
      continue;
    }
    valid.push({ file: name, anchor: parsed });
  }
  return { valid, invalid };
}
