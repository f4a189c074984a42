import { randomUUID } from "node:crypto";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { PERMISSIONS } from "../contracts/identity.js";
import { buildApp } from "./app.js";
import type { App, RouteInfo } from "./core/http.js";
import { type Client, client, createOrg, createUser, login, loginAdmin, USER_PASSWORD } from "./test/fixtures.js";
import { createTestApp, type TestApp } from "./test/harness.js";

/**
 * The whole route catalog, data-driven: every /api route declares who may call it, and the auth hook holds it
 * to that. A new route is covered without editing this file, unless it is public or open to any signed-in
 * user: those two lists are written out below, so widening access shows in review.
 */

const PUBLIC = [
  "GET /api/health",
  "GET /api/openapi.json",
  "GET /api/bench/noop",
  "POST /api/auth/login",
  "GET /api/auth/captcha",
  "GET /api/auth/login-state",
  "GET /api/public/creation/categories",
  "GET /api/public/creation/notices",
  "GET /api/public/creation/notices/:id",
  "POST /api/public/creation/notices/:id/objections",
  "GET /api/public/creation/objections/:trackingCode",
  "GET /api/public/creation/units",
  "GET /api/public/creation/map",
  "GET /api/public/i18n/mn-Mong",
  "GET /api/public/bases",
  "GET /api/public/bases/:id",
  "GET /api/public/bases/:id/files/:fileId",
  "GET /api/public/bases/:id/exhibits/:exhibitId/qr.svg",
  "POST /api/public/bases/sessions/:id/bookings",
  "GET /api/public/bases/bookings/:code",
  "POST /api/public/bases/bookings/:code/cancel",
  "GET /api/public/publicity/notices",
  "GET /api/public/publicity/notices/:id",
  "POST /api/public/publicity/notices/:id/objections",
  "GET /api/public/publicity/objections/:trackingCode",
  "GET /api/public/honors/deeds",
  "GET /api/public/honors/deeds/facets",
  "GET /api/public/activities",
  "GET /api/public/activities/:id/photos/:photoId",
  "GET /api/public/services/options",
  "GET /api/public/services/guides",
  "POST /api/public/services/requests",
  "GET /api/public/services/requests/:code",
  "POST /api/public/services/requests/:code/rate",
  "POST /api/public/services/requests/:code/reopen",
  "GET /api/public/news",
  "GET /api/public/news/rss.xml",
  "GET /api/public/news/:id",
  "GET /api/public/news/:id/files/:fileId",
  "GET /api/public/policies",
  "GET /api/public/policies/:id",
  "GET /api/public/policies/:id/files/:fileId",
  "GET /api/public/search",
];
/** Any signed-in user; the service applies the caller's own identity or scope. */
const SIGNED_IN = [
  "GET /api/bench/noop-auth",
  "POST /api/auth/logout",
  "GET /api/auth/me",
  "POST /api/auth/password",
  "POST /api/auth/totp/setup",
  "POST /api/auth/totp/enable",
  "GET /api/auth/tokens",
  "GET /api/auth/tokens/options",
  "POST /api/auth/tokens",
  "DELETE /api/auth/tokens/:id",
  "GET /api/me/lists/:listId",
  "PUT /api/me/lists/:listId/prefs",
  "POST /api/me/lists/:listId/views",
  "DELETE /api/me/lists/:listId/views/:id",
  "GET /api/creation/todos",
  "GET /api/overview",
  "GET /api/home",
  "GET /api/insights/dashboard",
  "GET /api/insights/map",
  "GET /api/system/imports",
  "GET /api/system/imports/:id/errors",
  "GET /api/system/calendar",
  "GET /api/system/calendar/working-day",
  "GET /api/system/settings",
  "PUT /api/system/settings/:key",
  "GET /api/system/settings/:key/history",
  "GET /api/messages",
  "GET /api/messages/unread",
  "POST /api/messages/:id/read",
  "POST /api/messages/read-all",
  "GET /api/messages/settings",
  "PUT /api/messages/settings",
  "GET /api/announcements",
  "GET /api/announcements/:id",
  "GET /api/announcements/:id/evidence/:evidenceId/preview",
  "GET /api/announcements/:id/evidence/:evidenceId/download",
  "GET /api/reports",
  "POST /api/reports/:key/runs",
  "GET /api/reports/runs",
  "GET /api/reports/runs/:id/file",
];

const key = (r: RouteInfo) => `${r.method} ${r.url}`;
/** Routes that end the caller's session run last, so the same session serves every other route. */
const endsSession = (r: RouteInfo) => r.url === "/api/auth/logout";
const ordered = (routes: RouteInfo[]) => [...routes].sort((a, b) => Number(endsSession(a)) - Number(endsSession(b)));

/** A value each path parameter's schema accepts: a fresh UUID for ids, otherwise the first sample that fits. */
function sampleParam(route: RouteInfo, name: string): string {
  const shape =
    route.schema?.params instanceof z.ZodObject ? (route.schema.params.shape as Record<string, z.ZodType>) : {};
  const schema = shape[name];
  if (!schema) return randomUUID();
  const candidates = [
    randomUUID(),
    ...(schema instanceof z.ZodEnum ? (schema.options as string[]) : []),
    "150522",
    "ABCDEFGH23",
    "0123456789abcdef",
    "2026-10-01",
    "org_type",
    "2026-10",
    "creation.applications",
  ];
  const fit = candidates.find((c) => schema.safeParse(c).success);
  if (!fit) throw new Error(`${key(route)}：参数 ${name} 没有可用的样例值，请在 route-table.test.ts 中补充`);
  return fit;
}

const pathOf = (r: RouteInfo) => r.url.replace(/:(\w+)/g, (_, name: string) => sampleParam(r, name));

describe("the route table", () => {
  let h: TestApp;
  let anonymous: Client;
  /** Signed in with no role at all: lacks every permission. */
  let nobody: Client;
  /** Signed in, but must change the first-login password before anything else (a restricted stage). */
  let restricted: Client;

  beforeAll(async () => {
    h = await createTestApp();
    const admin = await loginAdmin(h);
    const org = await createOrg(admin, "甘旗卡镇人民政府", "150522100");
    await createUser(h, admin, "nobody", org.id, []);
    await admin.json("/api/users", {
      method: "POST",
      body: { username: "newcomer", displayName: "新用户", orgId: org.id, password: USER_PASSWORD },
    });
    anonymous = client(h, null);
    nobody = await login(h, "nobody", USER_PASSWORD);
    restricted = await login(h, "newcomer", USER_PASSWORD);
    expect((await restricted.json("/api/auth/me")).stage).toBe("change_password");
  });
  afterAll(() => h?.close());

  const catalog = () => h.app.routeCatalog;
  const errorOf = (res: LightMyRequestResponse) => {
    try {
      return (res.json() as { error?: { code?: string; details?: { permission?: string } } }).error;
    } catch {
      return undefined;
    }
  };
  /** Sends the route's method to a concrete path; a request the router cannot place fails the test. */
  async function send(c: Client, r: RouteInfo) {
    const url = pathOf(r);
    const res = await c.req(url, { method: r.method as "GET" });
    const error = errorOf(res);
    expect(error?.code, `${key(r)} → ${url} is not routed: ${res.body.slice(0, 200)}`).not.toBe("ROUTE_NOT_FOUND");
    return { url, res, error };
  }

  it("has every /api route, each declaring exactly one of permission, public and signedIn", () => {
    const routes = catalog();
    expect(routes.length).toBeGreaterThan(150);
    for (const r of routes) {
      const declared = [r.permission !== undefined, r.public, r.signedIn].filter(Boolean);
      expect(declared.length, key(r)).toBe(1);
      if (r.permission) expect(Object.keys(PERMISSIONS), key(r)).toContain(r.permission);
      expect(r.url.startsWith("/api/") && !r.url.startsWith("/api/docs"), key(r)).toBe(true);
    }
    expect(new Set(routes.map(key)).size).toBe(routes.length);
    expect(routes.filter((r) => r.public).map(key)).toEqual(PUBLIC);
    expect(routes.filter((r) => r.signedIn).map(key)).toEqual(SIGNED_IN);
  });

  it("refuses anonymous requests to every route that is not public with 401 UNAUTHENTICATED", async () => {
    for (const r of catalog().filter((x) => !x.public)) {
      const { url, res, error } = await send(anonymous, r);
      expect([res.statusCode, error?.code], `${key(r)} → ${url}: ${res.body.slice(0, 200)}`).toEqual([
        401,
        "UNAUTHENTICATED",
      ]);
    }
  });

  it("refuses a signed-in user who lacks the route's permission with 403 FORBIDDEN naming that permission", async () => {
    const routes = catalog().filter((x) => x.permission);
    for (const r of routes) {
      const { url, res, error } = await send(nobody, r);
      expect(
        [res.statusCode, error?.code, error?.details?.permission],
        `${key(r)} → ${url}: ${res.body.slice(0, 200)}`,
      ).toEqual([403, "FORBIDDEN", r.permission]);
    }
    // Every permission guards at least one route: a permission nothing checks would be granted for nothing.
    expect(new Set(routes.map((r) => r.permission))).toEqual(new Set(Object.keys(PERMISSIONS)));
  });

  it("lets any signed-in user through on signedIn routes, and everyone through on public ones", async () => {
    const refused = ["UNAUTHENTICATED", "SESSION_EXPIRED", "TOKEN_INVALID", "FORBIDDEN", "STAGE_REQUIRED"];
    for (const [c, routes] of [
      [anonymous, catalog().filter((r) => r.public)],
      [nobody, ordered(catalog().filter((r) => r.signedIn))],
    ] as const) {
      for (const r of routes) {
        const { url, res, error } = await send(c, r);
        const detail = `${key(r)} → ${url}: ${res.statusCode} ${res.body.slice(0, 200)}`;
        expect(res.statusCode, detail).toBeLessThan(500);
        expect(refused, detail).not.toContain(error?.code);
      }
    }
  });

  it("holds a restricted session to its stage on every route but those marked anyStage", async () => {
    for (const r of ordered(catalog().filter((x) => !x.public))) {
      const { url, res, error } = await send(restricted, r);
      const detail = `${key(r)} → ${url}: ${res.statusCode} ${res.body.slice(0, 200)}`;
      if (r.anyStage) {
        expect(res.statusCode, detail).toBeLessThan(500);
        expect(["UNAUTHENTICATED", "STAGE_REQUIRED"], detail).not.toContain(error?.code);
      } else expect([res.statusCode, error?.code], detail).toEqual([403, "STAGE_REQUIRED"]);
    }
  });

  it("does not start with an /api route that declares no access, or several, or an unknown permission", async () => {
    const withRoute = (config: Record<string, unknown> | undefined) =>
      buildApp(h.deps, {
        plugins: [
          async (app: App) => {
            app.get("/api/fixture/things/:id", { ...(config ? { config } : {}) }, async () => ({ ok: true }));
          },
        ],
      });
    await expect(withRoute(undefined)).rejects.toThrow("路由 GET /api/fixture/things/:id 未声明访问权限");
    await expect(withRoute({ anyStage: true })).rejects.toThrow("路由 GET /api/fixture/things/:id 未声明访问权限");
    await expect(withRoute({ public: true, permission: "org:read" })).rejects.toThrow(
      "路由 GET /api/fixture/things/:id 同时声明了 permission、public: true",
    );
    await expect(withRoute({ permission: "org:delete" })).rejects.toThrow("声明了不存在的权限 org:delete");
    // The same fixture, declared, starts; and a route outside /api (the web app's pages) needs no declaration.
    const app = await buildApp(h.deps, {
      plugins: [
        async (a: App) => {
          a.get("/api/fixture/things/:id", { config: { signedIn: true } }, async () => ({ ok: true }));
          a.get("/fixture-page", async () => "页面");
        },
      ],
    });
    await app.ready();
    expect(app.routeCatalog.find((r) => r.url === "/api/fixture/things/:id")).toMatchObject({ signedIn: true });
    expect((await app.inject({ url: `/api/fixture/things/${randomUUID()}` })).json().error.code).toBe(
      "UNAUTHENTICATED",
    );
    await app.close();
  });
});
