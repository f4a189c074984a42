import type { FastifyReply } from "fastify";
import type { z } from "zod";
import type { Permission } from "../../contracts/identity.js";
import type { Ctx, Deps } from "./context.js";
import { type App, ctxOf } from "./http.js";

/** The zod schemas of one route: path params, query string, body, and the 200 response. */
export type RouteSchemas = { params?: z.ZodType; query?: z.ZodType; body?: z.ZodType; response?: z.ZodType };
type Parsed<T> = T extends z.ZodType ? z.output<T> : undefined;
/** What a handler receives, typed from the route's schemas (already validated by fastify). */
export type RouteInput<S extends RouteSchemas> = {
  params: Parsed<S["params"]>;
  query: Parsed<S["query"]>;
  body: Parsed<S["body"]>;
};
type Result<S extends RouteSchemas> = S["response"] extends z.ZodType ? z.input<S["response"]> : unknown;
type Handler<S extends RouteSchemas> = (ctx: Ctx, input: RouteInput<S>, reply: FastifyReply) => Promise<Result<S>>;
type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * Declares a module's permission routes compactly, one call per route:
 *
 *   const r = routeKit(app, deps, ["风险防范"]);
 *   r.get("/api/x/:id", "x:read", "某对象详情", { params: idParams, response: xView }, (ctx, i) => getX(ctx, i.params.id));
 *
 * Each route gets `config.permission` (the auth hook checks it; the route table test lists it), the tags and the
 * Chinese summary for OpenAPI, the schemas fastify validates input with and serializes the 200 response by, and a
 * handler called with the caller's Ctx. Scope and audit stay in the services the handlers call. Routes that are
 * public or open to any signed-in user are written out with app.get/app.post, so widening access shows in review.
 */
export function routeKit(app: App, deps: Deps, tags: string[]) {
  const define =
    (method: Method) =>
    <S extends RouteSchemas>(url: string, permission: Permission, summary: string, schemas: S, handler: Handler<S>) => {
      app.route({
        method,
        url,
        config: { permission },
        schema: {
          tags,
          summary,
          ...(schemas.params ? { params: schemas.params } : {}),
          ...(schemas.query ? { querystring: schemas.query } : {}),
          ...(schemas.body ? { body: schemas.body } : {}),
          ...(schemas.response ? { response: { 200: schemas.response } } : {}),
        },
        handler: (req, reply) =>
          handler(ctxOf(deps, req), { params: req.params, query: req.query, body: req.body } as RouteInput<S>, reply),
      });
    };
  return {
    get: define("GET"),
    post: define("POST"),
    put: define("PUT"),
    patch: define("PATCH"),
    delete: define("DELETE"),
  };
}
