import type { FastifyRequest } from "fastify";
import { can } from "../../core/access.js";
import type { Deps } from "../../core/context.js";
import { AppError, errors } from "../../core/errors.js";
import type { App } from "../../core/http.js";
import { t } from "../../core/i18n.js";
import { clientAddress } from "../../core/net.js";
import { resolveApiToken, resolveSession, SESSION_COOKIE } from "./session.service.js";

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const READ_METHODS = new Set(["GET", "HEAD"]);

/** A browser's state-changing request must come from this site (the cookie is SameSite=Strict too). */
function assertSameOrigin(req: FastifyRequest) {
  const origin = req.headers.origin;
  if (!origin) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new AppError(403, "ORIGIN_MISMATCH", t("errors.origin_mismatch"));
  }
  if (host !== req.headers.host) throw new AppError(403, "ORIGIN_MISMATCH", t("errors.origin_mismatch"));
}

/**
 * Authenticates every /api request (session cookie or `Authorization: Bearer slt_…`), enforces the
 * restricted stages of a session and a token's limits (read-only, its chosen permissions, no account routes),
 * and checks the route's declared permission.
 */
export function registerAuthHook(app: App, deps: Deps) {
  app.decorateRequest("actor", null);
  app.addHook("onRequest", async (req) => {
    const config = req.routeOptions.config;
    // API routes are private unless they say otherwise; the API docs (swagger-ui's own routes) and the web
    // app's files and pages (routes outside /api, such as the static "/*") are public.
    const route = req.routeOptions.url ?? "";
    if (!route.startsWith("/api/") || route.startsWith("/api/docs") || config.public) return;
    const ip = clientAddress(req);
    const auth = req.headers.authorization;
    if (auth?.startsWith("Bearer ")) {
      const resolved = await resolveApiToken(deps.db, deps.clock, auth.slice(7).trim(), ip);
      if (!resolved) throw errors.unauthenticated("auth.token_invalid", "TOKEN_INVALID");
      // A token never manages tokens, the password or the second factor: a leaked token cannot entrench itself.
      if (config.sessionOnly) throw new AppError(403, "SESSION_REQUIRED", t("auth.token_session_only"));
      if (resolved.readOnly && !READ_METHODS.has(req.method))
        throw new AppError(403, "TOKEN_READ_ONLY", t("auth.token_read_only"));
      req.actor = resolved.actor;
    } else {
      const token = req.cookies[SESSION_COOKIE];
      if (!token) throw errors.unauthenticated();
      const result = await resolveSession(deps.db, deps.clock, token, ip);
      if ("error" in result) {
        throw result.error === "missing"
          ? errors.unauthenticated()
          : errors.unauthenticated("errors.session_expired", "SESSION_EXPIRED", { reason: result.error });
      }
      if (UNSAFE_METHODS.has(req.method)) assertSameOrigin(req);
      req.actor = result.actor;
    }
    const actor = req.actor;
    if (actor.stage !== "full" && !config.anyStage) {
      throw new AppError(403, "STAGE_REQUIRED", t("errors.stage_restricted", { stage: t(`stages.${actor.stage}`) }), {
        stage: actor.stage,
      });
    }
    if (config.permission && !can(actor, config.permission)) throw errors.forbidden(config.permission);
  });
}
