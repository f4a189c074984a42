import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config.js";
import { login, twoBanners, USER_PASSWORD } from "../test/fixtures.js";
import { createTestApp, type TestApp } from "../test/harness.js";
import { multipartFile } from "../test/hostile-files.js";
import { sm3 } from "./crypto.js";
import { S3FileStore, type S3Options, signS3 } from "./s3-files.js";

/**
 * The S3 file store against s3rver (an S3-compatible server from npm, run in the test process; it checks the
 * access key but not SigV4 signatures, so the signing is checked against AWS's published example): objects by
 * hash, written once, read back verified; and the app's uploads and downloads going through it with nothing
 * written to the local files directory.
 */
type S3rverServer = { run(): Promise<{ port: number }>; close(): Promise<void> };
const S3rver = createRequire(import.meta.url)("s3rver") as new (opts: object) => S3rverServer;

describe("S3-compatible file store", () => {
  let server: S3rverServer;
  let dir: string;
  let opts: S3Options;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "shiliu-s3-"));
    server = new S3rver({
      address: "127.0.0.1",
      port: 0,
      silent: true,
      directory: dir,
      configureBuckets: [{ name: "shiliu-files", configs: [] }],
    });
    const { port } = await server.run();
    opts = {
      endpoint: `http://127.0.0.1:${port}`,
      bucket: "shiliu-files",
      region: "cn-north-1",
      accessKeyId: "S3RVER",
      secretAccessKey: "S3RVER",
      prefix: "files/",
    };
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("stores by SM3 hash once, reads back what was stored, and knows what is missing", async () => {
    const store = new S3FileStore(opts);
    const content = Buffer.from('民族团结进步创建活动照片说明；<b>"引号"</b>');
    const { hash, size } = await store.put(content);
    expect(hash).toBe(sm3(content));
    expect(size).toBe(content.length);
    expect(await store.exists(hash)).toBe(true);
    expect((await store.get(hash))?.equals(content)).toBe(true);
    expect(await store.put(content)).toEqual({ hash, size });
    const absent = sm3(Buffer.from("从未上传"));
    expect(await store.exists(absent)).toBe(false);
    expect(await store.get(absent)).toBeNull();
    await expect(store.get("../../etc/passwd")).rejects.toThrow("无效的文件哈希");
  });

  it("signs as AWS Signature Version 4 does (AWS's published GET Object example)", () => {
    const headers = signS3(
      {
        region: "us-east-1",
        accessKeyId: "AKIAIOSFODNN7EXAMPLE",
        secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      },
      {
        method: "GET",
        url: new URL("https://examplebucket.s3.amazonaws.com/test.txt"),
        payloadHash: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        now: new Date("2013-05-24T00:00:00Z"),
        headers: { Range: "bytes=0-9" },
      },
    );
    expect(headers.authorization).toContain("Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request");
    expect(headers.authorization).toContain("SignedHeaders=host;range;x-amz-content-sha256;x-amz-date");
    expect(headers.authorization).toContain(
      "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
    );
  });

  it("an unknown access key is refused by the server; an object that does not match its hash is never served", async () => {
    const wrong = new S3FileStore({ ...opts, accessKeyId: "NOT-A-KEY" });
    await expect(wrong.put(Buffer.from("任意内容"))).rejects.toThrow(/403/);
    // Someone with bucket access replaces an object's bytes: the store refuses to serve it.
    const store = new S3FileStore(opts);
    const { hash } = await store.put(Buffer.from("原始文件"));
    const url = new URL(`${opts.endpoint}/${opts.bucket}/files/${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}`);
    const forged = Buffer.from("被替换的内容");
    const crypto = await import("node:crypto");
    const payloadHash = crypto.createHash("sha256").update(forged).digest("hex");
    const res = await fetch(url, {
      method: "PUT",
      headers: signS3(opts, { method: "PUT", url, payloadHash, now: new Date() }),
      body: new Uint8Array(forged),
    });
    expect(res.status).toBe(200);
    await expect(store.get(hash)).rejects.toThrow("与其哈希不符");
  });

  it("FILE_STORE=s3 without its settings is refused at start, naming what is missing", () => {
    expect(() => loadConfig({ FILE_STORE: "s3", S3_ENDPOINT: "http://127.0.0.1:9000" })).toThrow(
      "FILE_STORE=s3 时必须设置 S3_BUCKET、S3_ACCESS_KEY_ID、S3_SECRET_ACCESS_KEY",
    );
    expect(loadConfig({}).s3).toBeUndefined();
  });

  describe("the app with FILE_STORE=s3", () => {
    let h: TestApp;
    beforeAll(async () => {
      h = await createTestApp({ s3: opts });
    });
    afterAll(() => h?.close());

    it("an upload goes to the bucket and downloads from it", async () => {
      await twoBanners(h);
      const unit = await login(h, "houqi_unit", USER_PASSWORD);
      const pdf = Buffer.from(`%PDF-1.4\n% 对象存储测试 ${Date.now()}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);
      const up = await unit.req("/api/materials", {
        method: "POST",
        ...multipartFile(pdf, "活动方案.pdf", { title: "活动方案" }),
      });
      expect(up.statusCode, up.body).toBe(200);
      const hash = sm3(pdf);
      expect(await new S3FileStore(opts).exists(hash)).toBe(true);
      expect(fs.existsSync(path.join("./data/test-files", hash.slice(0, 2), hash.slice(2, 4), hash))).toBe(false);
      const down = await unit.req(`/api/materials/${up.json().id}/download`);
      expect(down.statusCode).toBe(200);
      expect(down.rawPayload.equals(pdf)).toBe(true);
    });
  });
});
