import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sm3 } from "../../core/crypto.js";
import type { Queryable } from "../../db/client.js";

/**
 * The audit chain's HMAC-SM3 keys, read from a file outside the database (AUDIT_KEY_FILE). The file holds one
 * key per line as 64 hex digits; the last line is the key new entries use, earlier lines are kept so entries
 * written before a rotation still verify. Lines starting with # are comments.
 */
export type AuditKeyRing = {
  current: { id: string; key: Buffer };
  byId: Map<string, Buffer>;
};

/** Where the audit module finds its keys and anchors (Deps.audit). */
export type AuditSetup = { keys: AuditKeyRing; anchorDir: string };

/** A key's public name: a fingerprint stored with each entry, so a missing or wrong key is named, not guessed. */
export function auditKeyId(key: Buffer): string {
  return sm3(Buffer.concat([Buffer.from("shiliu-audit-key-id:"), key])).slice(0, 16);
}

export function auditKeyRing(keys: Buffer[]): AuditKeyRing {
  if (keys.length === 0) throw new Error("审计密钥为空");
  const byId = new Map<string, Buffer>();
  for (const k of keys) {
    if (k.length !== 32) throw new Error("审计密钥须为 32 字节");
    byId.set(auditKeyId(k), k);
  }
  const last = keys[keys.length - 1];
  return { current: { id: auditKeyId(last), key: last }, byId };
}

export function parseAuditKeys(text: string, file: string): AuditKeyRing {
  const keys: Buffer[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    if (!/^[0-9a-fA-F]{64}$/.test(line))
      throw new Error(`审计密钥文件 ${file} 第 ${i + 1} 行格式不正确（每行应为 64 位十六进制）`);
    keys.push(Buffer.from(line, "hex"));
  }
  if (keys.length === 0) throw new Error(`审计密钥文件 ${file} 中没有密钥`);
  return auditKeyRing(keys);
}

/**
 * Reads the key file. When it does not exist and `create` is set, generates a key with mode 0600 — but only
 * while the chain has no keyed entry yet (`mayCreate`): a lost key must be restored, never silently replaced.
 */
export function loadAuditKeys(file: string, opts: { create: boolean; mayCreate?: boolean }): AuditKeyRing {
  if (fs.existsSync(file)) return parseAuditKeys(fs.readFileSync(file, "utf8"), file);
  if (!opts.create) throw new Error(`找不到审计密钥文件 ${file}（AUDIT_KEY_FILE）`);
  if (opts.mayCreate === false)
    throw new Error(
      `找不到审计密钥文件 ${file}（AUDIT_KEY_FILE），但审计日志中已有以密钥签名的记录：请从备份恢复该文件，不要生成新密钥`,
    );
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const key = crypto.randomBytes(32);
  fs.writeFileSync(file, `${key.toString("hex")}\n`, { mode: 0o600, flag: "wx" });
  return auditKeyRing([key]);
}

/**
 * recordAudit receives only the caller's transaction, so the keys are bound to the database they sign for:
 * a transaction shares its database's Drizzle dialect object, which is the key of this map.
 */
const bound = new WeakMap<object, AuditKeyRing>();

function dialectOf(q: Queryable): object {
  const d = (q as unknown as { dialect?: object }).dialect;
  if (!d) throw new Error("无法识别数据库连接");
  return d;
}

export function bindAuditKeys(db: Queryable, keys: AuditKeyRing) {
  bound.set(dialectOf(db), keys);
}

export function auditKeysOf(q: Queryable): AuditKeyRing {
  const keys = bound.get(dialectOf(q));
  if (!keys) throw new Error("审计密钥未载入（bootstrap 应先调用 bindAuditKeys）");
  return keys;
}
