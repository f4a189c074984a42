import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** SM3 digest (GB/T 32905) as lowercase hex, from Node's OpenSSL. */
export function sm3(data: string | Buffer): string {
  return crypto.createHash("sm3").update(data).digest("hex");
}

export function hmacSm3(key: Buffer, data: string | Buffer): Buffer {
  return crypto.createHmac("sm3", key).update(data).digest();
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString("base64url");
}

/**
 * Field encryption for personal data: SM4-CBC with a random IV, then HMAC-SM3 over IV‖ciphertext
 * (encrypt-then-MAC, since OpenSSL 3.0 has no SM4-GCM). Stored as "v1:" + base64.
 */
export class FieldCipher {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error("字段加密密钥须为 32 字节");
    this.encKey = key.subarray(0, 16);
    this.macKey = key.subarray(16, 32);
  }

  encrypt(plain: string): string {
    const iv = crypto.randomBytes(16);
    const cipher = crypto.createCipheriv("sm4-cbc", this.encKey, iv);
    const body = Buffer.concat([iv, cipher.update(plain, "utf8"), cipher.final()]);
    return `v1:${Buffer.concat([body, hmacSm3(this.macKey, body)]).toString("base64")}`;
  }

  /**
   * A keyed blind index (HMAC-SM3, hex) for finding a record by an exact phone or ID number without storing it in
   * plain text: the value is normalized first (spaces and dashes dropped, letters upper-cased), so "138 0000-1234"
   * and "13800001234" match. The index key is derived from the MAC key and never leaves the process.
   */
  blindIndex(value: string): string {
    const normalized = value.replace(/[\s-]/g, "").toUpperCase();
    return hmacSm3(hmacSm3(this.macKey, "shiliu-blind-index-v1"), normalized).toString("hex");
  }

  decrypt(stored: string): string {
    if (!stored.startsWith("v1:")) throw new Error("未知的密文格式");
    const raw = Buffer.from(stored.slice(3), "base64");
    const body = raw.subarray(0, raw.length - 32);
    const mac = raw.subarray(raw.length - 32);
    if (!crypto.timingSafeEqual(mac, hmacSm3(this.macKey, body))) throw new Error("密文校验失败");
    const decipher = crypto.createDecipheriv("sm4-cbc", this.encKey, body.subarray(0, 16));
    return Buffer.concat([decipher.update(body.subarray(16)), decipher.final()]).toString("utf8");
  }
}

/** Reads the field key, or generates one with mode 0600 when the file does not exist yet. */
export function loadOrCreateFieldKey(file: string): Buffer {
  if (fs.existsSync(file)) {
    const key = Buffer.from(fs.readFileSync(file, "utf8").trim(), "hex");
    if (key.length !== 32) throw new Error(`字段加密密钥文件 ${file} 格式不正确（应为 64 位十六进制）`);
    return key;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const key = crypto.randomBytes(32);
  fs.writeFileSync(file, key.toString("hex"), { mode: 0o600 });
  return key;
}

/** Masks a mobile number or similar identifier for lists: 138****5678. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  if (phone.length < 7) return "*".repeat(phone.length);
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/** Masks a person's name for lists: 张** (the family name kept, one character per hidden one). */
export function maskName(name: string | null | undefined): string | null {
  if (!name) return null;
  const chars = [...name];
  return chars.length <= 1 ? "*" : `${chars[0]}${"*".repeat(chars.length - 1)}`;
}

/** Masks a resident ID number or similar: 152326********1234 (first 6 and last 4 kept). */
export function maskIdNumber(id: string | null | undefined): string | null {
  if (!id) return null;
  if (id.length <= 10) return "*".repeat(id.length);
  return `${id.slice(0, 6)}${"*".repeat(id.length - 10)}${id.slice(-4)}`;
}
