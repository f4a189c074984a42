import type {
  FastifyBaseLogger,
  FastifyContextConfig,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { PERMISSIONS, type Permission } from "../../contracts/identity.js";
import type { Actor } from "./access.js";
import type { Ctx, Deps } from "./context.js";
import { errors } from "./errors.js";

declare module "fastify" {
  /**
   * Who may call a route. Every /api route declares exactly one of `permission`, `public: true` or
   * `signedIn: true`; `buildApp` refuses to start otherwise (see `routeAccess`).
   */
  interface FastifyContextConfig {
    /** The permission a route requires; the auth hook checks it before the handler runs. */
    permission?: Permission;
    /** No sign-in needed (health, login, portal). */
    public?: true;
    /** Any signed-in user, whatever their permissions: the service applies their scope (me, profile, my to-dos). */
    signedIn?: true;
    /** Signed in, but allowed before a restricted session has finished its stage (me, logout, password, TOTP). */
    anyStage?: true;
    /** Only a signed-in session may call it, never an API token (tokens, password, TOTP). */
    sessionOnly?: true;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** Set when the request read from the replica (or was sent to the primary instead): stated in the response. */
    dataRead?: { source: "replica" | "primary"; asOf: Date | null };
  }
  interface FastifyInstance {
    /** Every /api route with its permission and schemas: drives docs and the route-wide tests. */
    routeCatalog: RouteInfo[];
  }
}

/** A route's declared access: exactly one of the three. */
export type RouteAccess = { permission: Permission } | { public: true } | { signedIn: true };

export type RouteInfo = {
  method: string;
  url: string;
  permission?: Permission;
  public: boolean;
  signedIn: boolean;
  /** Allowed to a session that has not finished its restricted stage (change password, enrol TOTP). */
  anyStage: boolean;
  schema?: { body?: unknown; querystring?: unknown; params?: unknown; hide?: boolean };
};

/** The routes the auth hook guards and that must declare their access: /api, except swagger-ui's pages. */
export function isApiRoute(url: string): boolean {
  return url.startsWith("/api/") && !url.startsWith("/api/docs");
}

/**
 * The access a route declares in its config, or an error naming the route: none, several, or an unknown
 * permission code. `buildApp` calls it for every /api route as it is registered, so the server does not start
 * with a route nobody decided about.
 */
export function routeAccess(config: FastifyContextConfig | undefined, method: string, url: string): RouteAccess {
  const permission = config?.permission;
  const declared = [
    permission !== undefined && "permission",
    config?.public === true && "public: true",
    config?.signedIn === true && "signedIn: true",
  ].filter((d): d is string => !!d);
  const route = `${method} ${url}`;
  const rule = "每个 /api 路由须在 config 中且只能声明 permission、public: true、signedIn: true 之一";
  if (declared.length === 0) throw new Error(`路由 ${route} 未声明访问权限（${rule}）`);
  if (declared.length > 1) throw new Error(`路由 ${route} 同时声明了 ${declared.join("、")}（${rule}）`);
  if (permission !== undefined) {
    if (!Object.hasOwn(PERMISSIONS, permission)) throw new Error(`路由 ${route} 声明了不存在的权限 ${permission}`);
    return { permission };
  }
  return config?.public ? { public: true } : { signedIn: true };
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** The media type of a Word document the server sends (.docx). */
export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** The service context of a signed-in request. */
export function ctxOf(deps: Deps, req: FastifyRequest): Ctx {
  if (!req.actor) throw errors.unauthenticated();
  const replica = deps.replica;
  if (!replica) return { ...deps, actor: req.actor };
  return {
    ...deps,
    actor: req.actor,
    readDb: () => {
      const asOf = replica.asOf();
      req.dataRead = asOf ? { source: "replica", asOf } : { source: "primary", asOf: null };
      return asOf ? replica.db : deps.db;
    },
  };
}

/** Response headers of a request that read lag-tolerant data: where from, as of when, and the lag. */
export function dataReadHeaders(req: FastifyRequest, now: Date): Record<string, string> {
  const r = req.dataRead;
  if (!r) return {};
  if (r.source === "primary" || !r.asOf) return { "x-data-source": "primary" };
  return {
    "x-data-source": "replica",
    "x-data-as-of": r.asOf.toISOString(),
    "x-data-lag-ms": String(Math.max(0, now.getTime() - r.asOf.getTime())),
  };
}

/**
 * The Content-Disposition of a file the server sends: the real (often Chinese) name as an RFC 5987
 * `filename*=UTF-8''…`, and a plain ASCII `filename` for clients that read only that. `inline` for previews.
 * The console's download() (web/app/api.ts) reads the `filename*` part.
 */
export function contentDisposition(fileName: string, opts: { fallback: string; inline?: boolean }): string {
  const kind = opts.inline ? "inline" : "attachment";
  return `${kind}; filename="${opts.fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
