import { eq } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { expect } from "vitest";
import { users } from "../modules/identity/identity.schema.js";
import { ADMIN_PASSWORD, type TestApp } from "./harness.js";

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

export const loginAdmin = (h: TestApp) => login(h, "admin", ADMIN_PASSWORD);

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

/** Creates a user with a known password and clears the first-login password change, for tests. */
export async function createUser(
  h: TestApp,
  admin: Client,
  username: string,
  orgId: string,
  roleCodes: string[],
  extra: Record<string, unknown> = {},
) {
  const roleIds = await Promise.all(roleCodes.map((c) => roleId(admin, c)));
  const { user } = await admin.json("/api/users", {
    method: "POST",
    body: { username, displayName: `测试${username}`, orgId, roleIds, password: USER_PASSWORD, ...extra },
  });
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
