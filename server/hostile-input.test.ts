import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { RouteInfo } from "./core/http.js";
import { type Client, createUser, login, securityAdmin, twoBanners, USER_PASSWORD } from "./test/fixtures.js";
import { createTestApp, type TestApp } from "./test/harness.js";

/**
 * Ordinary writing that happens to look like an attack: accepted as text wherever a field takes free text (the
 * SQL is parameterised and the console escapes on output), and never a 5xx.
 */
const ORDINARY = [
  "' OR '1'='1",
  "1; DROP TABLE orgs; --",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
];
/** What no text field takes: NUL, a lone surrogate, a right-to-left override, 100,000 characters. */
const REFUSED = ["科尔沁\u0000左翼", "ab\ud800cd", "report\u202Efdp.exe", "长".repeat(100_000)];
/** In a URL a lone surrogate cannot be written (UTF-8 has no form for it): its bytes, and a zero-width space. */
const REFUSED_IN_QUERY = ["科尔沁\u0000左翼", "report\u202Efdp.exe", "长".repeat(100_000)];
/** Fields that accept any characters by nature: only ill-formed Unicode, NUL and length are refused there. */
const FREE_FIELDS = new Set(["password", "oldPassword", "newPassword"]);
const FREE_REFUSED = ["科尔沁\u0000左翼", "ab\ud800cd", "长".repeat(100_000)];

/** Every error answer: the house shape, a Chinese message, no stack. */
function expectHouseError(res: { statusCode: number; body: string; headers: Record<string, unknown> }, what: string) {
  expect(res.statusCode, `${what}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
  if (res.statusCode < 400) return;
  expect(String(res.headers["content-type"]), what).toContain("application/json");
  const body = JSON.parse(res.body);
  expect(Object.keys(body), what).toEqual(["error"]);
  expect(typeof body.error.code, what).toBe("string");
  expect(body.error.message, what).toMatch(/[\u4e00-\u9fa5]/);
  expect(body.error.message, what).not.toMatch(/at .*\.ts|stack|Error:|Bad Request|Service Unavailable/);
}

type Shape = Record<string, z.ZodType>;
const shapeOf = (schema: unknown): Shape | null => (schema instanceof z.ZodObject ? (schema.shape as Shape) : null);

/** Whether a zod field is (after optional/nullable/default wrappers) a string-like input. */
function isStringish(t: z.ZodType): boolean {
  const def = (
    t as unknown as {
      _zod: { def: { type: string; innerType?: z.ZodType; in?: z.ZodType; left?: z.ZodType; options?: z.ZodType[] } };
    }
  )._zod.def;
  if (["optional", "nullable", "default", "prefault", "catch", "readonly", "nonoptional"].includes(def.type))
    return isStringish(def.innerType!);
  if (def.type === "pipe") return isStringish(def.in!);
  if (def.type === "union") return (def.options ?? []).some(isStringish);
  return ["string", "enum", "literal"].includes(def.type);
}

function isRequired(t: z.ZodType): boolean {
  return !t.safeParse(undefined).success;
}

describe("hostile and malformed input on every route", () => {
  let h: TestApp;
  let clients: Client[];
  let ids: Record<string, string>;
  let routes: RouteInfo[];

  const counts = async () => {
    const r = await h.deps.db.execute<{ orgs: number; users: number; roles: number; audit: number }>(sql`SELECT
      (SELECT count(*)::int FROM orgs) AS orgs, (SELECT count(*)::int FROM users) AS users,
      (SELECT count(*)::int FROM roles) AS roles, (SELECT count(*)::int FROM audit_log WHERE category = 'data') AS audit`);
    return r.rows[0];
  };

  beforeAll(async () => {
    h = await createTestApp();
    const f = await twoBanners(h);
    await createUser(h, f.admin, "sec", f.houqiDept.id, ["security_admin"]);
    await createUser(h, f.admin, "aud", f.houqiDept.id, ["audit_admin"]);
    const sec = await securityAdmin(h);
    const role = await sec.json("/api/roles", {
      method: "POST",
      body: { code: "reporter", name: "填报员", dataScope: "org", permissions: ["org:read"] },
    });
    // Revealing personal data is not in any built-in role: a custom role grants it.
    const revealer = await sec.json("/api/roles", {
      method: "POST",
      body: { code: "revealer", name: "个人信息查看", dataScope: "all", permissions: ["user:read", "user:reveal"] },
    });
    const roles = await sec.json<{ id: string; code: string }[]>("/api/roles");
    const banner = roles.find((r) => r.code === "ethnic_affairs_admin")!.id;
    await sec.json(`/api/users/${f.houqiAdmin.id}/roles`, { method: "PUT", body: { roleIds: [revealer.id, banner] } });
    clients = [
      f.admin,
      await login(h, "sec", USER_PASSWORD),
      await login(h, "aud", USER_PASSWORD),
      await login(h, "houqi_admin", USER_PASSWORD),
      await login(h, "houqi_unit", USER_PASSWORD),
    ];
    ids = {
      orgs: f.houqiTown.id,
      users: f.houqiUnitUser.id,
      roles: role.id,
      tokens: "00000000-0000-4000-8000-000000000000",
    };
    routes = h.app.routeCatalog.filter((r) => !r.public && !r.schema?.hide && !r.url.startsWith("/api/auth/totp"));
  });
  afterAll(() => h?.close());

  async function clientFor(r: RouteInfo) {
    if (!r.permission) return clients[0];
    for (const c of clients) {
      const me = await c.json<{ permissions: string[] }>("/api/auth/me");
      if (me.permissions.includes(r.permission)) return c;
    }
    throw new Error(`no client holds ${r.permission}`);
  }

  const urlWith = (r: RouteInfo, value?: string) =>
    r.url.replace(
      /:(\w+)/g,
      (_, name: string) =>
        value ??
        (name === "code"
          ? r.url.startsWith("/api/system/dicts/")
            ? "party_gov"
            : "150522"
          : name === "type"
            ? "org_type"
            : name === "date"
              ? "2026-10-14"
              : name === "key" && r.url.startsWith("/api/reports/")
                ? "creation.applications"
                : (ids[r.url.split("/")[2]] ?? ids.orgs)),
    );

  const expectFieldError = (
    res: { statusCode: number; json: () => any; body: string },
    field: string,
    what: string,
  ) => {
    expect(res.statusCode, `${what}: ${res.body}`).toBe(400);
    const body = res.json();
    expect(body.error.code, what).toBe("VALIDATION_FAILED");
    expect(/[\u4e00-\u9fa5]/.test(body.error.message), `${what}: message in Chinese`).toBe(true);
    expect(
      body.error.details.fields.map((x: { field: string }) => x.field.split(".")[0]),
      what,
    ).toContain(field);
    expect(body.error.message).not.toMatch(/at .*\.ts|stack|Error:/);
  };

  it("covers the organization, user, role, security, session and audit routes", () => {
    const urls = new Set(routes.map((r) => `${r.method} ${r.url}`));
    for (const u of [
      "GET /api/orgs",
      "POST /api/orgs",
      "PATCH /api/orgs/:id",
      "GET /api/users",
      "POST /api/users",
      "PATCH /api/users/:id",
      "POST /api/roles",
      "PUT /api/security/policy",
      "GET /api/audit",
    ]) {
      expect(urls).toContain(u);
    }
  });

  /** A 400 that names `field` among its fields (or any answer that is not a 400). */
  const names = (res: { statusCode: number; json: () => any }, field: string) =>
    res.statusCode === 400 &&
    (res.json().error.details?.fields ?? []).some((x: { field: string }) => x.field.split(".")[0] === field);

  it("SQL and script text in every filter is only text: no 5xx, not refused for its characters, nothing changed", async () => {
    const before = await counts();
    let checked = 0;
    for (const r of routes) {
      const shape = shapeOf(r.schema?.querystring);
      if (!shape) continue;
      const c = await clientFor(r);
      for (const [field, type] of Object.entries(shape)) {
        if (!isStringish(type)) continue;
        for (const p of ORDINARY) {
          const res = await c.req(`${urlWith(r)}?${field}=${encodeURIComponent(p)}`, { method: r.method as "GET" });
          const what = `${r.method} ${r.url}?${field}=${p}`;
          expectHouseError(res, what);
          // A filter that takes free text takes this too; one with a format (a code, a status) names itself.
          expect(names(res, field), what).toBe(!type.safeParse(p).success);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
    expect(await counts()).toEqual(before);
  });

  it("NUL, a right-to-left override and 100,000 characters in every filter get a 400 naming the filter", async () => {
    const before = await counts();
    let checked = 0;
    for (const r of routes) {
      const shape = shapeOf(r.schema?.querystring);
      if (!shape) continue;
      const c = await clientFor(r);
      for (const [field, type] of Object.entries(shape)) {
        if (!isStringish(type)) continue;
        for (const p of REFUSED_IN_QUERY) {
          const res = await c.req(`${urlWith(r)}?${field}=${encodeURIComponent(p)}`, { method: r.method as "GET" });
          expectFieldError(res, field, `${r.method} ${r.url}?${field}=${p.slice(0, 20)}`);
          checked++;
        }
        // The UTF-8 bytes of a surrogate are not UTF-8: whatever they decode to, the answer is not a 5xx.
        const raw = await c.req(`${urlWith(r)}?${field}=ab%ED%A0%80cd`, { method: r.method as "GET" });
        expectHouseError(raw, `${r.url}?${field}=%ED%A0%80`);
      }
    }
    expect(checked).toBeGreaterThan(30);
    expect(await counts()).toEqual(before);
  });

  it("SQL and script text in every text field of every body is only text: no 5xx, not refused for its characters", async () => {
    let checked = 0;
    for (const r of routes) {
      const shape = shapeOf(r.schema?.body);
      if (!shape) continue;
      const c = await clientFor(r);
      for (const [field, type] of Object.entries(shape)) {
        if (!isStringish(type)) continue;
        for (const p of ORDINARY) {
          const res = await c.req(urlWith(r), { method: r.method as "POST", body: { [field]: p } });
          const what = `${r.method} ${r.url} ${field}=${p}`;
          expectHouseError(res, what);
          expect(names(res, field), what).toBe(!type.safeParse(p).success);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it("NUL, a lone surrogate, a right-to-left override and 100,000 characters in every body field get a 400 naming it", async () => {
    const before = await counts();
    let checked = 0;
    for (const r of routes) {
      const shape = shapeOf(r.schema?.body);
      if (!shape) continue;
      const c = await clientFor(r);
      for (const [field, type] of Object.entries(shape)) {
        if (!isStringish(type)) continue;
        for (const p of FREE_FIELDS.has(field) ? FREE_REFUSED : REFUSED) {
          const res = await c.req(urlWith(r), { method: r.method as "POST", body: { [field]: p } });
          expectFieldError(res, field, `${r.method} ${r.url} ${field}=${p.slice(0, 20)}`);
          checked++;
        }
      }
      // Inside a list or an object, and in a key: named by its path.
      const nested = await c.req(urlWith(r), { method: r.method as "POST", body: { ["x\ud800"]: ["ok", "a\u0000"] } });
      expectHouseError(nested, `${r.url} nested`);
      expect(nested.statusCode, `${r.url} nested`).toBe(400);
    }
    expect(checked).toBeGreaterThan(50);
    expect(await counts()).toEqual(before);
  });

  it("a lone surrogate in an API token's name is refused, so the audit chain never hashes one", async () => {
    const res = await clients[4].req("/api/auth/tokens", {
      method: "POST",
      body: { name: "ab\ud800cd", expiresInDays: 1 },
    });
    expectFieldError(res, "name", "token name");
    expect(res.json().error.details.fields[0].message).toBe("含有无效的 Unicode 字符（不成对的代理项）");
  });

  it("malformed multipart on every upload route is a 400 or 413 on the 文件 field, never a 5xx", async () => {
    const uploads = routes.filter((r) =>
      (r.schema as { consumes?: string[] } | undefined)?.consumes?.includes("multipart/form-data"),
    );
    expect(uploads.map((r) => r.url).sort()).toEqual([
      "/api/indicator-sets/import",
      "/api/materials",
      "/api/orgs/import",
      "/api/plans/import/preview",
      "/api/policies/extract-text",
      "/api/system/maps",
      "/api/system/translations/import",
      "/api/system/translations/import/preview",
    ]);
    const part = (name: string, filename: string, content = "abc") =>
      `--x\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\n` +
      `Content-Type: application/octet-stream\r\n\r\n${content}\r\n`;
    const cases: { what: string; type: string; body: string; status: number; message: RegExp }[] = [
      {
        what: "no boundary",
        type: "multipart/form-data",
        body: `${part("file", "a.txt")}--x--\r\n`,
        status: 400,
        message: /表单不完整或格式不正确/,
      },
      {
        what: "truncated",
        type: "multipart/form-data; boundary=x",
        body: part("file", "a.txt").slice(0, -4),
        status: 400,
        message: /表单不完整或格式不正确/,
      },
      {
        what: "no closing",
        type: "multipart/form-data; boundary=x",
        body: "--x\r\nContent-Disposition: form",
        status: 400,
        message: /表单不完整或格式不正确/,
      },
      {
        what: "NUL in the file name",
        type: "multipart/form-data; boundary=x",
        body: `${part("file", "a\u0000.txt")}--x--\r\n`,
        status: 400,
        message: /文件名不能包含空字符/,
      },
      {
        what: "right-to-left override in the file name",
        type: "multipart/form-data; boundary=x",
        body: `${part("file", "report\u202Efdp.exe")}--x--\r\n`,
        status: 400,
        message: /文件名不能包含双向文本控制字符/,
      },
      {
        what: "two files",
        type: "multipart/form-data; boundary=x",
        body: `${part("file", "a.txt")}${part("file2", "b.txt")}--x--\r\n`,
        status: 413,
        message: /只能上传 1 个文件/,
      },
    ];
    for (const r of uploads) {
      const c = await clientFor(r);
      for (const k of cases) {
        const res = await c.req(r.url, {
          method: "POST",
          payload: Buffer.from(k.body),
          headers: { "content-type": k.type },
        });
        const what = `${r.url}: ${k.what}`;
        expectHouseError(res, what);
        expect(res.statusCode, `${what}: ${res.body}`).toBe(k.status);
        expect(res.json().error.details.fields[0].field, what).toBe("file");
        expect(res.json().error.message, what).toMatch(k.message);
      }
    }
  });

  it("an over-long path parameter is a 414 and a malformed URL a 400, in the house shape", async () => {
    let tooLong = 0;
    for (const r of routes.filter((x) => x.url.includes(":"))) {
      const c = await clientFor(r);
      const long = await c.req(urlWith(r, "a".repeat(200)), { method: r.method as "GET" });
      expectHouseError(long, `${r.url} long`);
      // A GET whose path the console's catch-all route also matches is a 404 (ROUTE_NOT_FOUND) instead.
      expect([404, 414], `${r.method} ${r.url} long`).toContain(long.statusCode);
      if (long.statusCode === 414) {
        expect(long.json().error).toEqual({ code: "URL_TOO_LONG", message: "请求地址中的参数过长" });
        tooLong++;
      }
      for (const bad of ["%E0%A4%A", "ab%ED%A0%80cd"]) {
        const res = await c.req(urlWith(r, bad), { method: r.method as "GET" });
        expectHouseError(res, `${r.url} ${bad}`);
        expect(res.statusCode, `${r.url} ${bad}`).toBe(400);
      }
    }
    expect(tooLong).toBeGreaterThan(20);
  });

  it("wrong types, missing fields and unknown fields get a 400 naming the field", async () => {
    const before = await counts();
    for (const r of routes) {
      const shape = shapeOf(r.schema?.body);
      if (!shape) continue;
      const c = await clientFor(r);
      for (const [field, type] of Object.entries(shape)) {
        const wrong = isStringish(type) ? { nested: true } : "不是数字或布尔值";
        expectFieldError(
          await c.req(urlWith(r), { method: r.method as "POST", body: { [field]: wrong } }),
          field,
          `${r.url} ${field} wrong type`,
        );
      }
      for (const [field, type] of Object.entries(shape)) {
        if (!isRequired(type)) continue;
        expectFieldError(
          await c.req(urlWith(r), { method: r.method as "POST", body: {} }),
          field,
          `${r.url} missing ${field}`,
        );
      }
      if (r.schema?.body instanceof z.ZodObject && r.schema.body._zod.def.catchall) {
        expectFieldError(
          await c.req(urlWith(r), { method: r.method as "POST", body: { isAdmin: true } }),
          "body",
          `${r.url} unknown field`,
        );
      }
      const array = await c.req(urlWith(r), { method: r.method as "POST", body: [1, 2] });
      expect(array.statusCode, `${r.url} array body`).toBe(400);
      const notJson = await c.req(urlWith(r), {
        method: r.method as "POST",
        payload: "{name:",
        headers: { "content-type": "application/json" },
      });
      expect(notJson.statusCode).toBe(400);
      expect(notJson.json().error.message).toBe("请求体不是有效的 JSON");
    }
    expect(await counts()).toEqual(before);
  });

  it("malformed ids in the path get a 400 naming the parameter", async () => {
    for (const r of routes.filter((x) => x.url.includes(":"))) {
      const c = await clientFor(r);
      const res = await c.req(urlWith(r, encodeURIComponent("1' OR '1'='1")), {
        method: r.method as "GET",
        body: r.method === "GET" || r.method === "DELETE" ? undefined : {},
      });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(400);
    }
  });

  it("the application evidence routes are walked, and each malformed id alone is a 400 naming it", async () => {
    const evidence = routes.filter((r) => r.url.startsWith("/api/creation/applications/:id/evidence/"));
    expect(evidence.map((r) => `${r.method} ${r.url}`).sort()).toEqual([
      "GET /api/creation/applications/:id/evidence/:evidenceId/download",
      "GET /api/creation/applications/:id/evidence/:evidenceId/preview",
    ]);
    const bad = encodeURIComponent("1' OR '1'='1");
    for (const r of evidence) {
      const c = await clientFor(r);
      for (const param of ["id", "evidenceId"]) {
        const url = r.url.replace(/:(\w+)/g, (_, name: string) => (name === param ? bad : ids.orgs));
        expectFieldError(await c.req(url), param, `${r.url} ${param}`);
      }
    }
  });

  it("the plan evidence routes are walked, and each malformed id alone is a 400 naming it", async () => {
    const evidence = routes.filter((r) => r.url.startsWith("/api/plans/:id/evidence/"));
    expect(evidence.map((r) => `${r.method} ${r.url}`).sort()).toEqual([
      "GET /api/plans/:id/evidence/:evidenceId/download",
      "GET /api/plans/:id/evidence/:evidenceId/preview",
    ]);
    const bad = encodeURIComponent("1' OR '1'='1");
    for (const r of evidence) {
      const c = await clientFor(r);
      for (const param of ["id", "evidenceId"]) {
        const url = r.url.replace(/:(\w+)/g, (_, name: string) => (name === param ? bad : ids.orgs));
        expectFieldError(await c.req(url), param, `${r.url} ${param}`);
      }
    }
  });

  it("the routes opening cited activity records and sheet/assessment evidence are walked, each malformed id a 400", async () => {
    const opened = routes.filter(
      (r) =>
        /\/activities\/:activityId$/.test(r.url) ||
        /^\/api\/(creation\/(self-checks|reverifications)|assessment-subjects)\/:id\/evidence\//.test(r.url),
    );
    expect(opened.map((r) => `${r.method} ${r.url}`).sort()).toEqual([
      "GET /api/assessment-subjects/:id/activities/:activityId",
      "GET /api/assessment-subjects/:id/evidence/:evidenceId/download",
      "GET /api/assessment-subjects/:id/evidence/:evidenceId/preview",
      "GET /api/creation/applications/:id/activities/:activityId",
      "GET /api/creation/reverifications/:id/activities/:activityId",
      "GET /api/creation/reverifications/:id/evidence/:evidenceId/download",
      "GET /api/creation/reverifications/:id/evidence/:evidenceId/preview",
      "GET /api/creation/self-checks/:id/activities/:activityId",
      "GET /api/creation/self-checks/:id/evidence/:evidenceId/download",
      "GET /api/creation/self-checks/:id/evidence/:evidenceId/preview",
      "GET /api/plans/:id/activities/:activityId",
    ]);
    const bad = encodeURIComponent("1' OR '1'='1");
    for (const r of opened) {
      const c = await clientFor(r);
      for (const param of r.url.match(/:(\w+)/g)!.map((p) => p.slice(1))) {
        const url = r.url.replace(/:(\w+)/g, (_, name: string) => (name === param ? bad : ids.orgs));
        expectFieldError(await c.req(url), param, `${r.url} ${param}`);
      }
    }
  });

  it("a 10 MB body is refused with 413 before it is parsed, and changes nothing", async () => {
    const before = await counts();
    const big = JSON.stringify({ name: "大".repeat(3_500_000), type: "party_gov", regionCode: "150522" });
    expect(Buffer.byteLength(big)).toBeGreaterThan(10_000_000);
    for (const url of ["/api/orgs", "/api/users", "/api/roles", `/api/orgs/${ids.orgs}`]) {
      // Roles are the security admin's (clients[1]), the rest the system admin's.
      const res = await clients[url === "/api/roles" ? 1 : 0].req(url, {
        method: url.includes(ids.orgs) ? "PATCH" : "POST",
        payload: big,
        headers: { "content-type": "application/json" },
      });
      expect(res.statusCode).toBe(413);
      expect(res.json().error.message).toBe("请求体过大，不能超过 1 MB");
    }
    const anon = await h.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: big,
      headers: { "content-type": "application/json" },
    });
    expect(anon.statusCode).toBe(413);
    expect(await counts()).toEqual(before);
  });

  it("an over-long value is refused with its limit, not truncated", async () => {
    const res = await clients[0].req("/api/orgs", {
      method: "POST",
      body: { name: "长".repeat(101), type: "party_gov", regionCode: "150522" },
    });
    expectFieldError(res, "name", "long name");
    expect(res.json().error.details.fields[0].message).toBe("不能超过 100 个字符");
  });

  it("custom roles cannot take the three admins' reserved permissions", async () => {
    const res = await clients[1].req("/api/roles", {
      method: "POST",
      body: { code: "sneaky", name: "偷看审计", dataScope: "all", permissions: ["org:read", "audit:read"] },
    });
    expectFieldError(res, "permissions", "reserved permission");
  });

  it("unauthenticated requests to every protected route get 401, in Chinese", async () => {
    for (const r of routes) {
      const res = await h.app.inject({ method: r.method as "GET", url: urlWith(r) });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(res.json().error.message).toBe("未登录或会话已失效，请重新登录");
    }
  });
});
