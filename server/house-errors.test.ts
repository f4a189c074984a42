import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "./app.js";
import type { App } from "./core/http.js";
import { createTestApp, type TestApp } from "./test/harness.js";

/** Sends raw bytes on one connection and returns everything the server wrote until it closed the connection. */
function exchange(port: number, bytes: string, onOpen?: (s: net.Socket) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const s = net.connect(port, "127.0.0.1", () => {
      s.write(bytes);
      onOpen?.(s);
    });
    s.on("data", (c) => chunks.push(c));
    s.on("error", reject);
    s.on("close", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}

/** The status line and the JSON body of each HTTP response in a raw stream. */
function responses(raw: string): { status: number; body: any }[] {
  return [...raw.matchAll(/HTTP\/1\.1 (\d{3})[^\r]*\r\n([\s\S]*?)\r\n\r\n/g)].map((m) => {
    const length = Number(/content-length: (\d+)/i.exec(m[2])?.[1] ?? 0);
    const start = (m.index ?? 0) + m[0].length;
    const body = Buffer.from(raw.slice(start)).subarray(0, length).toString("utf8");
    return { status: Number(m[1]), body: body ? JSON.parse(body) : null };
  });
}

describe("errors outside any route answer in the house shape", () => {
  let h: TestApp;
  let app: App;
  let port: number;
  let closing: Promise<void>;
  let proceed: () => void;

  beforeAll(async () => {
    h = await createTestApp();
    app = await buildApp(h.deps, {});
    const held = new Promise<void>((r) => {
      proceed = r;
    });
    // Shutdown holds here (as it would while work in hand finishes) until the test has sent its request.
    closing = new Promise((r) => {
      app.addHook("preClose", async () => {
        r();
        await held;
      });
    });
    await app.listen({ port: 0, host: "127.0.0.1" });
    port = (app.server.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    proceed?.();
    await app?.close();
    await h?.close();
  });

  it("a header over Node's limit is a 431 and a request that is not HTTP a 400, in Chinese", async () => {
    const big = responses(
      await exchange(port, `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`),
    );
    expect(big).toEqual([
      { status: 431, body: { error: { code: "HEADERS_TOO_LARGE", message: "请求头或请求地址过长" } } },
    ]);
    const junk = responses(await exchange(port, "HELLO WORLD\r\n\r\n"));
    expect(junk).toEqual([{ status: 400, body: { error: { code: "BAD_REQUEST", message: "请求格式不正确" } } }]);
  });

  it("a request that arrives while the server shuts down gets the house 503 and the connection closes", async () => {
    const closed = app.close();
    await closing;
    const answers = responses(await exchange(port, "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n"));
    proceed();
    await closed;
    expect(answers).toEqual([
      { status: 503, body: { error: { code: "SHUTTING_DOWN", message: "服务正在重启或停止，请稍后再试" } } },
    ]);
  });
});
