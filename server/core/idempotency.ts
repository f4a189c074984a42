import { createHash } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Deps } from "./context.js";
import { idempotencyKeys } from "./core.schema.js";
import { AppError, validationError } from "./errors.js";

/**
 * 幂等键: every write (POST, PUT, PATCH, DELETE) under /api may carry an `Idempotency-Key` header (8–100 letters,
 * digits, `-` or `_`; the console and the offline forms send a fresh UUID per action and the same one on every
 * retry). The first request with a key runs; a later one with the same key and the same request gets the first
 * answer again (header `Idempotent-Replayed: true`) and changes nothing; the same key with a different request
 * is a 422, and while the first is still running a 409. Keys are per user (the portal's anonymous forms share
 * `public`, where keys are random UUIDs). An error answer is not kept, so a corrected retry may run. Kept one day.
 *
 * The answer is stored just after the handler's transaction commits: a process that dies in between leaves the
 * key "running" for STALE_MS, after which a retry runs again. That window is a server crash, not a weak network.
 */
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const KEY_RE = /^[A-Za-z0-9_-]{8,100}$/;
const STALE_MS = 60_000;
const KEEP_MS = 24 * 3_600_000;
const HEADER = "idempotency-key";

type Held = { owner: string; key: string };
const keys = new WeakMap<FastifyRequest, string>();
const held = new WeakMap<FastifyRequest, Held>();
/** Signing in sets a cookie, which a replayed answer would not: the login is never replayed. */
const NOT_REPLAYED = new Set(["/api/auth/login"]);

function requestHash(req: FastifyRequest) {
  const body = req.isMultipart() ? "multipart" : JSON.stringify(req.body ?? null);
  return createHash("sha256")
    .update(`${req.method} ${req.routeOptions.url}\n${JSON.stringify(req.params ?? {})}\n${body}`)
    .digest("hex");
}

/**
 * The key's form is checked first of all (before sign-in and the body), so a malformed key is a 400 naming it on
 * every write route; the lookup runs once the caller and the body are known. Call before the auth hook.
 */
export function registerIdempotency(app: FastifyInstance, deps: Pick<Deps, "db" | "clock">) {
  app.addHook("onRequest", async (req) => {
    const raw = req.headers[HEADER];
    const route = req.routeOptions.url ?? "";
    if (raw === undefined || !UNSAFE.has(req.method) || !route.startsWith("/api/") || NOT_REPLAYED.has(route)) return;
    const key = Array.isArray(raw) ? raw[0] : raw;
    if (!KEY_RE.test(key))
      throw validationError([
        { field: "Idempotency-Key", label: "幂等键", message: "应为 8 至 100 位字母、数字、横线或下划线" },
      ]);
    keys.set(req, key);
  });

  app.addHook("preHandler", async (req, reply) => {
    const key = keys.get(req);
    if (key === undefined) return;
    const owner = req.actor?.userId ?? "public";
    const hash = requestHash(req);
    const now = deps.clock.now();
    const inserted = await deps.db
      .insert(idempotencyKeys)
      .values({ owner, key, requestHash: hash, createdAt: now })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (inserted.length) {
      held.set(req, { owner, key });
      if (Math.random() < 0.01)
        await deps.db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - KEEP_MS)));
      return;
    }
    const [row] = await deps.db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.owner, owner), eq(idempotencyKeys.key, key)));
    if (!row) throw new AppError(409, "IDEMPOTENCY_IN_PROGRESS", "同一请求正在处理，请稍后刷新查看结果");
    if (row.requestHash !== hash)
      throw new AppError(422, "IDEMPOTENCY_KEY_REUSED", "该幂等键（Idempotency-Key）已用于另一个请求，请换一个新键");
    if (row.statusCode === null) {
      // Still running, unless the first request's process died: then this retry takes the key over.
      const stale = row.createdAt.getTime() < now.getTime() - STALE_MS;
      const taken =
        stale &&
        (
          await deps.db
            .update(idempotencyKeys)
            .set({ createdAt: now })
            .where(
              and(
                eq(idempotencyKeys.owner, owner),
                eq(idempotencyKeys.key, key),
                sql`${idempotencyKeys.statusCode} IS NULL`,
                eq(idempotencyKeys.createdAt, row.createdAt),
              ),
            )
            .returning({ key: idempotencyKeys.key })
        ).length > 0;
      if (!taken) throw new AppError(409, "IDEMPOTENCY_IN_PROGRESS", "同一请求正在处理，请稍后刷新查看结果");
      held.set(req, { owner, key });
      return;
    }
    reply.header("Idempotent-Replayed", "true");
    if (row.contentType) reply.type(row.contentType);
    return reply.code(row.statusCode).send(row.response ?? "");
  });

  app.addHook("onSend", async (req, reply, payload) => {
    const h = held.get(req);
    if (!h) return payload;
    held.delete(req);
    const where = and(eq(idempotencyKeys.owner, h.owner), eq(idempotencyKeys.key, h.key));
    const ok = reply.statusCode >= 200 && reply.statusCode < 300;
    if (ok && (typeof payload === "string" || payload === undefined || payload === null)) {
      await deps.db
        .update(idempotencyKeys)
        .set({
          statusCode: reply.statusCode,
          contentType: String(reply.getHeader("content-type") ?? "") || null,
          response: (payload as string | null) ?? "",
        })
        .where(where);
    } else {
      // An error (or a file, which is not kept) is not replayed: the key is free for a retry.
      await deps.db.delete(idempotencyKeys).where(where);
    }
    return payload;
  });
}
