import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Permission } from "../../contracts/identity.js";
import type { Actor } from "./access.js";
import type { Ctx, Deps } from "./context.js";
import { errors } from "./errors.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** The permission a route requires; the auth hook checks it before the handler runs. */
    permission?: Permission;
    /** No sign-in needed (health, login, portal). */
    public?: boolean;
    /** Signed in, but allowed before a restricted session has finished its stage (me, logout, password, TOTP). */
    anyStage?: boolean;
    /** Only a signed-in session may call it, never an API token (tokens, password, TOTP). */
    sessionOnly?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    /** Every /api route with its permission and schemas: drives docs and the route-wide tests. */
    routeCatalog: RouteInfo[];
  }
}

export type RouteInfo = {
  method: string;
  url: string;
  permission?: Permission;
  public: boolean;
  schema?: { body?: unknown; querystring?: unknown; params?: unknown; hide?: boolean };
};

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** The service context of a signed-in request. */
export function ctxOf(deps: Deps, req: FastifyRequest): Ctx {
  if (!req.actor) throw errors.unauthenticated();
  return { ...deps, actor: req.actor };
}
