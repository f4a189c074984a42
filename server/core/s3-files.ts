import crypto from "node:crypto";
import { sm3 } from "./crypto.js";
import type { FileStore } from "./files.js";

/**
 * The file store on an S3-compatible object store (MinIO, Ceph RGW, a cloud's OSS/COS/OBS in S3 mode), for
 * several instances that share no disk. Content-addressed like the local store: an object per SM3 hash, under
 * `prefix` + the hash fanned out by its first bytes; written once, never overwritten. Requests are signed with
 * AWS Signature Version 4 (no SDK: three operations), path-style by default (`bucket` in the path), which every
 * S3-compatible server accepts. What is read back is checked against its hash, so a corrupted or substituted
 * object is refused, never served.
 */
export type S3Options = {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  prefix?: string;
  /** Virtual-hosted style (`bucket.endpoint`) instead of path style. */
  virtualHosted?: boolean;
  /** Per-request limit (ms). */
  timeoutMs?: number;
};

const HASH = /^[0-9a-f]{64}$/;
const sha256 = (data: string | Buffer) => crypto.createHash("sha256").update(data).digest("hex");
const hmac = (key: Buffer | string, data: string) => crypto.createHmac("sha256", key).update(data).digest();
/** RFC 3986 encoding of a path segment, as SigV4 wants it. */
const encodeSegment = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Signs a request (SigV4, service "s3"); returns the headers to send. Exported for the tests. */
export function signS3(
  opts: Pick<S3Options, "region" | "accessKeyId" | "secretAccessKey">,
  req: { method: string; url: URL; payloadHash: string; now: Date; headers?: Record<string, string> },
): Record<string, string> {
  const amzDate = req.now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    ...Object.fromEntries(Object.entries(req.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v.trim()])),
    host: req.url.host,
    "x-amz-content-sha256": req.payloadHash,
    "x-amz-date": amzDate,
  };
  const names = Object.keys(headers).sort();
  const canonicalQuery = [...req.url.searchParams.entries()]
    .map(([k, v]) => `${encodeSegment(k)}=${encodeSegment(v)}`)
    .sort()
    .join("&");
  const canonical = [
    req.method,
    req.url.pathname,
    canonicalQuery,
    names.map((n) => `${n}:${headers[n]}\n`).join(""),
    names.join(";"),
    req.payloadHash,
  ].join("\n");
  const scope = `${day}/${opts.region}/s3/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonical)].join("\n");
  const key = hmac(hmac(hmac(hmac(`AWS4${opts.secretAccessKey}`, day), opts.region), "s3"), "aws4_request");
  const signature = crypto.createHmac("sha256", key).update(toSign).digest("hex");
  const { host: _host, ...send } = headers;
  return {
    ...send,
    authorization: `AWS4-HMAC-SHA256 Credential=${opts.accessKeyId}/${scope}, SignedHeaders=${names.join(";")}, Signature=${signature}`,
  };
}

export class S3FileStore implements FileStore {
  constructor(private readonly opts: S3Options) {}

  private urlOf(hash: string): URL {
    if (!HASH.test(hash)) throw new Error("无效的文件哈希");
    const key = `${this.opts.prefix ?? ""}${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}`;
    const base = new URL(this.opts.endpoint);
    const path = key.split("/").map(encodeSegment).join("/");
    if (this.opts.virtualHosted) return new URL(`${base.protocol}//${this.opts.bucket}.${base.host}/${path}`);
    return new URL(`${base.protocol}//${base.host}/${encodeSegment(this.opts.bucket)}/${path}`);
  }

  private async send(method: "GET" | "HEAD" | "PUT", hash: string, body?: Buffer): Promise<Response> {
    const url = this.urlOf(hash);
    const payloadHash = sha256(body ?? "");
    const headers = signS3(this.opts, {
      method,
      url,
      payloadHash,
      now: new Date(),
      headers: body ? { "content-type": "application/octet-stream" } : {},
    });
    const res = await fetch(url, {
      method,
      headers,
      body: body ? new Uint8Array(body) : undefined,
      signal: AbortSignal.timeout(this.opts.timeoutMs ?? 30_000),
    });
    if (res.status === 404 || res.ok) return res;
    const detail = method === "HEAD" ? "" : (await res.text()).slice(0, 300);
    throw new Error(`对象存储请求失败（${method} ${res.status}）${detail}`);
  }

  async put(content: Buffer) {
    const hash = sm3(content);
    // Content-addressed: an object already there holds these very bytes.
    if (!(await this.exists(hash))) await this.send("PUT", hash, content);
    return { hash, size: content.length };
  }

  async get(hash: string) {
    const res = await this.send("GET", hash);
    if (res.status === 404) return null;
    const buf = Buffer.from(await res.arrayBuffer());
    if (sm3(buf) !== hash) throw new Error(`对象存储中的文件与其哈希不符：${hash}`);
    return buf;
  }

  async exists(hash: string) {
    const res = await this.send("HEAD", hash);
    if (res.status !== 404) await res.arrayBuffer().catch(() => undefined);
    return res.status !== 404;
  }
}
