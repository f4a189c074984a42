import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sm3 } from "./core/crypto.js";
import { LocalFileStore } from "./core/files.js";
import { createTestApp, type TestApp } from "./test/harness.js";

describe("platform endpoints", () => {
  let h: TestApp;
  beforeAll(async () => {
    h = await createTestApp();
  });
  afterAll(() => h?.close());

  it("answers health without signing in", async () => {
    const res = await h.app.inject({ url: "/api/health" });
    expect(res.json()).toEqual({ status: "ok", db: "ok", version: expect.any(String) });
  });

  it("publishes OpenAPI generated from the same zod schemas, with each route's permission", async () => {
    const doc = (await h.app.inject({ url: "/api/openapi.json" })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths["/api/orgs"].get.description).toBe("所需权限：查看组织机构（org:read）");
    const body = doc.paths["/api/orgs"].post.requestBody.content["application/json"].schema;
    expect(body.required).toEqual(expect.arrayContaining(["name", "type", "regionCode"]));
    expect(body.properties.name.maxLength).toBe(100);
    const ui = await h.app.inject({ url: "/api/docs/" });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain("swagger");
  });

  it("answers unknown API routes with the JSON error format in Chinese", async () => {
    const res = await h.app.inject({ url: "/api/nothing-here" });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toEqual({ code: "ROUTE_NOT_FOUND", message: "接口不存在：GET /api/nothing-here" });
  });
});

describe("file storage", () => {
  it("stores content once under its SM3 hash and reads it back", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shiliu-files-"));
    try {
      const store = new LocalFileStore(dir);
      const content = Buffer.from("民族团结进步创建材料");
      const a = await store.put(content);
      const b = await store.put(content);
      expect(a).toEqual({ hash: sm3(content), size: content.length });
      expect(b.hash).toBe(a.hash);
      expect((await store.get(a.hash))?.toString()).toBe("民族团结进步创建材料");
      expect(await store.get("0".repeat(64))).toBeNull();
      await expect(store.get("../../etc/passwd")).rejects.toThrow("无效的文件哈希");
      const files = fs.readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith(a.hash));
      expect(files.length).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
