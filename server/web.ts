import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { App } from "./core/http.js";

const WEB_DIR = path.join(path.dirname(path.dirname(fileURLToPath(import.meta.url))), "dist", "web");

/**
 * Serves the built web app: the console at /admin (any /admin/* path gets its index.html, the router takes
 * over) and the public portal at /. Without a build, a Chinese page says how to make one.
 */
export async function registerWeb(app: App, webDir = WEB_DIR) {
  if (!fs.existsSync(path.join(webDir, "index.html"))) {
    const hint =
      "<!doctype html><meta charset=utf-8><title>石榴平台</title><p>前端尚未构建。请运行 <code>npm run build:web</code> 后重新启动（<code>npm install</code> 会自动构建）。接口在 <a href=/api/docs>/api/docs</a>。</p>";
    app.get("/", { schema: { hide: true } }, async (_req, reply) => reply.type("text/html; charset=utf-8").send(hint));
    app.get("/admin/*", { schema: { hide: true } }, async (_req, reply) =>
      reply.type("text/html; charset=utf-8").send(hint),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: webDir,
    prefix: "/",
    index: ["index.html"],
    wildcard: false,
    maxAge: "1h",
    immutable: false,
  });
  const adminIndex = fs.readFileSync(path.join(webDir, "admin", "index.html"));
  const sendAdmin = async (
    _req: unknown,
    reply: { type: (t: string) => { header: (k: string, v: string) => { send: (b: Buffer) => unknown } } },
  ) => reply.type("text/html; charset=utf-8").header("cache-control", "no-cache").send(adminIndex);
  app.get("/admin", { schema: { hide: true } }, sendAdmin);
  app.get("/admin/*", { schema: { hide: true } }, sendAdmin);
}
