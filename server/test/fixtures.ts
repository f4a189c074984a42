import { eq } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { expect } from "vitest";
import { users } from "../modules/identity/identity.schema.js";
import { ADMIN_PASSWORD, AUDITADMIN_PASSWORD, SECADMIN_PASSWORD, type TestApp } from "./harness.js";

export const USER_PASSWORD = "Kezuo#Houqi2026";

type InjectOpts = {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  body?: unknown;
  headers?: Record<string, string>;
  payload?: string | Buffer;
};

/** A signed-in client: every request carries the session cookie. */
export type Client = {
  cookie: string;
  req: (url: string, opts?: InjectOpts) => Promise<LightMyRequestResponse>;
  json: <T = any>(url: string, opts?: InjectOpts & { status?: number }) => Promise<T>;
};

export function client(h: TestApp, cookie: string | null): Client {
  const req = (url: string, opts: InjectOpts = {}) =>
    h.app.inject({
      method: opts.method ?? "GET",
      url,
      headers: { ...(cookie ? { cookie } : {}), ...(opts.headers ?? {}) },
      ...(opts.payload !== undefined
        ? { payload: opts.payload }
        : opts.body !== undefined
          ? { payload: opts.body as object }
          : {}),
    });
  return {
    cookie: cookie ?? "",
    req,
    json: async (url, opts = {}) => {
      const res = await req(url, opts);
      if (res.statusCode !== (opts.status ?? 200)) {
        throw new Error(`${opts.method ?? "GET"} ${url} → ${res.statusCode}: ${res.body}`);
      }
      return res.json();
    },
  };
}

export async function login(h: TestApp, username: string, password: string, totp?: string) {
  const res = await h.app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { username, password, ...(totp ? { totp } : {}) },
  });
  expect(res.statusCode, res.body).toBe(200);
  const setCookie = res.headers["set-cookie"];
  const raw = Array.isArray(setCookie) ? setCookie[0] : (setCookie ?? "");
  return client(h, raw.split(";")[0]);
}

/** The system administrator: accounts and organizations, but no 授权. */
export const loginAdmin = (h: TestApp) => login(h, "admin", ADMIN_PASSWORD);
/** The security administrator: roles and 授权, security policy, sessions. */
export const loginSecurity = (h: TestApp) => login(h, "secadmin", SECADMIN_PASSWORD);
/** The audit administrator: audit and login logs. */
export const loginAudit = (h: TestApp) => login(h, "auditadmin", AUDITADMIN_PASSWORD);

const securityClients = new WeakMap<TestApp, Client>();
/**
 * A signed-in security admin for fixtures that grant roles: one per test app, signed in again when its session
 * has ended (a test advanced the clock past the idle timeout, or revoked sessions).
 */
export async function securityAdmin(h: TestApp): Promise<Client> {
  const cached = securityClients.get(h);
  if (cached && (await cached.req("/api/auth/me")).statusCode === 200) return cached;
  const fresh = await loginSecurity(h);
  securityClients.set(h, fresh);
  return fresh;
}

const grantsRoles = new WeakMap<Client, Promise<boolean>>();
async function mayGrant(c: Client) {
  let p = grantsRoles.get(c);
  if (!p) {
    p = c.json<{ permissions: string[] }>("/api/auth/me").then((me) => me.permissions.includes("user:grant"));
    grantsRoles.set(c, p);
  }
  return p;
}

/** 授权 through the security admin: sets the user's roles by code. */
export async function grantRoles(h: TestApp, userId: string, roleCodes: string[]) {
  const sec = await securityAdmin(h);
  const roleIds = await Promise.all(roleCodes.map((c) => roleId(sec, c)));
  return sec.json(`/api/users/${userId}/roles`, { method: "PUT", body: { roleIds } });
}

export type Org = { id: string; name: string; regionCode: string; [field: string]: unknown };

export async function createOrg(
  admin: Client,
  name: string,
  regionCode: string,
  extra: Record<string, unknown> = {},
): Promise<Org> {
  return admin.json("/api/orgs", { method: "POST", body: { name, type: "party_gov", regionCode, ...extra } });
}

export async function roleId(admin: Client, code: string): Promise<string> {
  const roles = await admin.json<{ id: string; code: string }[]>("/api/roles");
  const role = roles.find((r) => r.code === code);
  if (!role) throw new Error(`no role ${code}`);
  return role.id;
}

/**
 * Creates a user with a known password and clears the first-login password change, for tests. Created by
 * `admin`; when that client may not grant roles (the system admin), the security admin grants them after.
 */
export async function createUser(
  h: TestApp,
  admin: Client,
  username: string,
  orgId: string,
  roleCodes: string[],
  extra: Record<string, unknown> = {},
) {
  const direct = roleCodes.length > 0 && (await mayGrant(admin));
  const roleIds = direct ? await Promise.all(roleCodes.map((c) => roleId(admin, c))) : [];
  const { user } = await admin.json("/api/users", {
    method: "POST",
    body: { username, displayName: `测试${username}`, orgId, roleIds, password: USER_PASSWORD, ...extra },
  });
  if (roleCodes.length && !direct) await grantRoles(h, user.id, roleCodes);
  await h.deps.db.update(users).set({ mustChangePassword: false }).where(eq(users.id, user.id));
  return user as { id: string; username: string; orgId: string };
}

/**
 * Two neighbouring banners of 通辽: 科尔沁左翼后旗 (150522) and 科尔沁左翼中旗 (150521), each with an
 * ethnic-affairs department, a town unit, and an admin scoped to 本级及下级; plus a unit user of 后旗.
 */
export async function twoBanners(h: TestApp) {
  const admin = await loginAdmin(h);
  const houqiDept = await createOrg(admin, "科尔沁左翼后旗民族事务委员会", "150522", { isEthnicAffairsDept: true });
  const houqiTown = await createOrg(admin, "甘旗卡镇人民政府", "150522100", { parentId: houqiDept.id });
  const zhongqiDept = await createOrg(admin, "科尔沁左翼中旗民族事务委员会", "150521", { isEthnicAffairsDept: true });
  const zhongqiTown = await createOrg(admin, "保康镇人民政府", "150521100");
  const houqiAdmin = await createUser(h, admin, "houqi_admin", houqiDept.id, ["ethnic_affairs_admin"], {
    phone: "13800001111",
  });
  const zhongqiAdmin = await createUser(h, admin, "zhongqi_admin", zhongqiDept.id, ["ethnic_affairs_admin"], {
    phone: "13900002222",
  });
  const houqiUnitUser = await createUser(h, admin, "houqi_unit", houqiTown.id, ["unit_user"]);
  return { admin, houqiDept, houqiTown, zhongqiDept, zhongqiTown, houqiAdmin, zhongqiAdmin, houqiUnitUser };
}

/**
 * 导出所选: the first sheet's rows of an export asked with `ids` (the rows a user ticked on a list), as the
 * values of `column`. The export must answer 200.
 */
export async function exportedSelection(c: Client, url: string, ids: string[], column: string): Promise<string[]> {
  const res = await c.req(`${url}${url.includes("?") ? "&" : "?"}ids=${ids.join(",")}`);
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  const { readXlsx } = await import("../core/xlsx.js");
  const sheet = await readXlsx(res.rawPayload);
  const col = sheet.headers.indexOf(column);
  if (col < 0) throw new Error(`${url}: no column ${column} in ${sheet.headers.join(",")}`);
  return sheet.rows.map((r) => r.cells[col]);
}
