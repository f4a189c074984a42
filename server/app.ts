import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
import multipart from "@fastify/multipart";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import { sql } from "drizzle-orm";
import Fastify, { type FastifyInstance } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { z } from "zod";
import { PERMISSIONS } from "../contracts/identity.js";
import type { Deps } from "./core/context.js";
import {
  AppError,
  clientErrorHandler,
  configureZodMessages,
  frameworkErrors,
  registerErrorHandler,
} from "./core/errors.js";
import { type App, dataReadHeaders, isApiRoute, type RouteInfo, routeAccess } from "./core/http.js";
import { t } from "./core/i18n.js";
import { registerIdempotency } from "./core/idempotency.js";
import { clientAddress } from "./core/net.js";
import { registerTextInputCheck } from "./core/text-input.js";
import { activitiesPublicRoutes, activitiesRoutes } from "./modules/activities/index.js";
import { auditRoutes } from "./modules/audit/audit.routes.js";
import { basesRoutes } from "./modules/bases/bases.routes.js";
import { basesPublicRoutes } from "./modules/bases/public.routes.js";
import { contentRoutes } from "./modules/content/content.routes.js";
import { contentPublicRoutes } from "./modules/content/public.routes.js";
import { creationRoutes } from "./modules/creation/creation.routes.js";
import { creationPublicRoutes } from "./modules/creation/public.routes.js";
import { disputesRoutes } from "./modules/disputes/index.js";
import { evaluationRoutes } from "./modules/evaluation/evaluation.routes.js";
import { honorsRoutes } from "./modules/honors/index.js";
import { registerAuthHook } from "./modules/identity/auth.hook.js";
import { identityRoutes } from "./modules/identity/identity.routes.js";
import { assessmentRoutes } from "./modules/insights/assessment.routes.js";
import { overviewRoutes } from "./modules/insights/overview.routes.js";
import { materialsRoutes } from "./modules/materials/materials.routes.js";
import { announcementRoutes } from "./modules/notify/announcement.routes.js";
import { notifyRoutes } from "./modules/notify/notify.routes.js";
import { orgRoutes } from "./modules/org/org.routes.js";
import { plansRoutes } from "./modules/plans/plans.routes.js";
import { publicityPublicRoutes } from "./modules/publicity/publicity.routes.js";
import { reportsRoutes } from "./modules/reports/index.js";
import { servicesPublicRoutes, servicesRoutes } from "./modules/services/index.js";
import { systemRoutes } from "./modules/system/system.routes.js";
import { metricsRoutes, type PoolStats, registerRequestMetrics, requestId } from "./ops/metrics.js";
import { registerWeb } from "./web.js";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const VERSION: string = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).version;

export type AppOptions = {
  logLevel?: string;
  cookieSecure?: boolean;
  loginRateLimit?: number;
  /** Reverse proxies whose X-Forwarded-For is believed (addresses/CIDRs); none by default. */
  trustProxy?: string[] | false;
  /** Mounts a no-op authenticated route used by the benchmarks as the ceiling. */
  benchRoutes?: boolean;
  /** Public objections per minute per client address (default 10). */
  objectionRateLimit?: number;
  /** Where the built console and portal are (default dist/web). */
  webDir?: string;
  /** More routes, registered as plugins after the modules' (tests mount fixture routes this way). */
  plugins?: ((app: App) => Promise<void>)[];
  /** Where the JSON log lines go (default stdout); tests read them. */
  logStream?: NodeJS.WritableStream;
  /** The PostgreSQL pool, whose connections `/api/metrics` reports. */
  dbPool?: PoolStats;
};

/** Builds the HTTP application: core plugins, the auth hook, then every module's routes. */
export async function buildApp(deps: Deps, opts: AppOptions = {}): Promise<App> {
  configureZodMessages();
  const app = Fastify({
    logger:
      opts.logLevel && opts.logLevel !== "silent"
        ? { level: opts.logLevel, ...(opts.logStream ? { stream: opts.logStream } : {}) }
        : false,
    // Each log line of a request carries its id as `reqId`, also sent back as X-Request-Id (ops/metrics.ts).
    genReqId: requestId,
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    // Never `true`: then any client could name its own address in X-Forwarded-For.
    trustProxy: opts.trustProxy && opts.trustProxy.length > 0 ? opts.trustProxy : false,
    ajv: { customOptions: { removeAdditional: false } },
    // Errors the router raises itself (bad URL encoding, an over-long parameter) answer in the house format.
    frameworkErrors,
    clientErrorHandler,
    // A request that arrives while the server closes gets the house 503 (see the onRequest hook below).
    return503OnClosing: false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  const metrics = registerRequestMetrics(app as unknown as App);
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onRequest", async (_req, reply) => {
    if (!closing) return;
    reply.header("connection", "close");
    throw new AppError(503, "SHUTTING_DOWN", t("errors.shutting_down"));
  });
  registerTextInputCheck(app);
  // A statistic read from the read replica says how current it is (core/http.ts dataReadHeaders).
  app.addHook("onSend", async (req, reply, payload) => {
    if (req.dataRead) reply.headers(dataReadHeaders(req, new Date())); // real time, as the replica is measured
    return payload;
  });
  const catalog: RouteInfo[] = [];
  app.decorate("routeCatalog", catalog);
  app.addHook("onRoute", (r) => {
    if (!isApiRoute(r.url)) return;
    const methods = [r.method].flat();
    // Refuses to start with a route that declares no access, or several (throws, naming the route).
    const access = routeAccess(r.config, methods.join(","), r.url);
    const permission = "permission" in access ? access.permission : undefined;
    // The permission shows in the OpenAPI document, so integrators know what a token needs.
    if (permission && r.schema) r.schema.description = `所需权限：${PERMISSIONS[permission].label}（${permission}）`;
    for (const method of methods) {
      if (method === "HEAD") continue;
      catalog.push({
        method,
        url: r.url,
        permission,
        public: "public" in access,
        signedIn: "signedIn" in access,
        anyStage: r.config?.anyStage === true,
        schema: r.schema as RouteInfo["schema"],
      });
    }
  });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Ant Design writes its styles at run time; swagger-ui needs inline styles too.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        scriptSrc: ["'self'"],
      },
    },
  });
  await app.register(rateLimit, {
    global: false,
    keyGenerator: (req) => clientAddress(req) ?? "unknown",
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      error: { code: "RATE_LIMITED", message: t("errors.rate_limited", { seconds: Math.ceil(ctx.ttl / 1000) }) },
      message: t("errors.rate_limited", { seconds: Math.ceil(ctx.ttl / 1000) }),
    }),
  });
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 5 } });
  await app.register(swagger, {
    openapi: {
      info: {
        title: "石榴平台 API",
        description:
          "民族团结进步创建工作数字化平台的开放接口。认证：会话 Cookie 或 `Authorization: Bearer slt_…` 个人 API 令牌。",
        version: VERSION,
      },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
          cookie: { type: "apiKey", in: "cookie", name: "shiliu_sid" },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs", uiConfig: { docExpansion: "list" } });

  registerIdempotency(app as unknown as FastifyInstance, deps);
  registerAuthHook(app as unknown as App, deps);

  app.get(
    "/api/health",
    {
      config: { public: true },
      schema: {
        tags: ["平台"],
        summary: "健康检查",
        response: {
          200: z.object({ status: z.string(), db: z.string(), version: z.string() }),
          503: z.object({ status: z.string(), db: z.string(), version: z.string() }),
        },
      },
    },
    async (_req, reply) => {
      try {
        await deps.db.execute(sql`select 1`);
        return { status: "ok", db: "ok", version: VERSION };
      } catch {
        // The pool reconnects by itself: this answers ok again as soon as the database is back.
        return reply.status(503).send({ status: "degraded", db: "down", version: VERSION });
      }
    },
  );
  app.get("/api/openapi.json", { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  if (opts.benchRoutes) {
    app.get("/api/bench/noop", { config: { public: true }, schema: { hide: true } }, async () => ({ ok: true }));
    app.get("/api/bench/noop-auth", { config: { signedIn: true }, schema: { hide: true } }, async () => ({
      ok: true,
    }));
  }

  const typed = app as unknown as App;
  identityRoutes(typed, deps, { cookieSecure: opts.cookieSecure ?? false, loginRateLimit: opts.loginRateLimit ?? 30 });
  orgRoutes(typed, deps);
  auditRoutes(typed, deps);
  materialsRoutes(typed, deps);
  evaluationRoutes(typed, deps);
  creationRoutes(typed, deps);
  creationPublicRoutes(typed, deps, { objectionRateLimit: opts.objectionRateLimit });
  plansRoutes(typed, deps);
  overviewRoutes(typed, deps);
  systemRoutes(typed, deps);
  notifyRoutes(typed, deps);
  announcementRoutes(typed, deps);
  reportsRoutes(typed, deps);
  metricsRoutes(typed, deps, metrics, { pool: opts.dbPool });
  basesRoutes(typed, deps);
  basesPublicRoutes(typed, deps, { bookingRateLimit: opts.objectionRateLimit });
  publicityPublicRoutes(typed, deps, { objectionRateLimit: opts.objectionRateLimit });
  honorsRoutes(typed, deps);
  activitiesRoutes(typed, deps);
  activitiesPublicRoutes(typed, deps);
  servicesRoutes(typed, deps);
  servicesPublicRoutes(typed, deps, { rateLimit: opts.objectionRateLimit });
  disputesRoutes(typed, deps);
  contentRoutes(typed, deps);
  contentPublicRoutes(typed, deps);
  assessmentRoutes(typed, deps);
  for (const plugin of opts.plugins ?? []) await typed.register(plugin);
  await registerWeb(typed, opts.webDir);
  return typed;
}
