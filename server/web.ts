import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { App } from "./core/http.js";
import { t } from "./core/i18n.js";

const WEB_DIR = path.join(path.dirname(path.dirname(fileURLToPath(import.meta.url))), "dist", "web");

/**
 * Serves the built web app: the console at /admin (any /admin/* path gets its index.html and the router takes
 * over) and the public portal at / (any other page path gets the portal's index.html, so its links work on
 * reload). Files are looked up per request, so a rebuild shows without a restart. Without a build, a Chinese
 * page says how to make one.
 */
export async function registerWeb(app: App, webDir = WEB_DIR) {
  const page =
    (file: string) =>
    async (
      _req: unknown,
      reply: { type: (t: string) => { header: (k: string, v: string) => { send: (b: Buffer | string) => unknown } } },
    ) => {
      const html = path.join(webDir, file);
      const body = fs.existsSync(html)
        ? await fs.promises.readFile(html)
        : "<!doctype html><meta charset=utf-8><title>石榴平台</title><p>前端尚未构建。请运行 <code>npm run build:web</code>（<code>npm install</code> 会自动构建）。接口文档在 <a href=/api/docs>/api/docs</a>。</p>";
      return reply.type("text/html; charset=utf-8").header("cache-control", "no-cache").send(body);
    };
  if (fs.existsSync(webDir)) {
    await app.register(fastifyStatic, { root: webDir, prefix: "/", index: false, wildcard: true, maxAge: "1h" });
  }
  app.get("/", { schema: { hide: true } }, page("index.html"));
  app.get("/admin", { schema: { hide: true } }, page("admin/index.html"));
  app.get("/admin/*", { schema: { hide: true } }, page("admin/index.html"));
  const portal = page("index.html");
  // Unknown paths: the API answers in JSON; a browser asking for a portal page gets the portal.
  app.setNotFoundHandler((req, reply) => {
    const wantsPage =
      req.method === "GET" &&
      !req.url.startsWith("/api/") &&
      !req.url.startsWith("/assets/") &&
      (req.headers.accept ?? "").includes("text/html");
    if (wantsPage) return portal(req, reply);
    return reply.status(404).send({
      error: {
        code: "ROUTE_NOT_FOUND",
        message: t("errors.route_not_found", { method: req.method, url: req.url.split("?")[0] }),
      },
    });
  });
}
