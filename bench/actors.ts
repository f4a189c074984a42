import type { Deps } from "../server/core/context.js";
import type { App } from "../server/core/http.js";
import { loadActorForUser, SESSION_COOKIE } from "../server/modules/identity/session.service.js";
import type { BenchActors, BenchData, BenchUser } from "./types.js";

/** Signs a generated user in through the real login route: its cookie for HTTP, its actor for service calls. */
export async function signIn(
  app: App,
  deps: Deps,
  username: string,
  password: string,
  userId: string,
): Promise<BenchUser> {
  const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`${username} 登录失败：${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error(`${username} 登录没有返回 ${SESSION_COOKIE}`);
  const stage = (res.json() as { stage?: string }).stage;
  if (stage && stage !== "full") throw new Error(`${username} 登录后处于受限阶段 ${stage}`);
  const actor = await loadActorForUser(deps.db, userId, "127.0.0.1");
  if (!actor) throw new Error(`找不到用户 ${username}`);
  return {
    username,
    password,
    userId,
    orgId: actor.orgId,
    regionCode: actor.regionCode,
    token: cookie.value,
    cookie: `${SESSION_COOKIE}=${cookie.value}`,
    actor,
  };
}

/** bench_city, bench_admin and (when a module generated them) bench_province and bench_hq_mzj, signed in. */
export async function signInActors(app: App, deps: Deps, data: BenchData): Promise<BenchActors> {
  return {
    city: await signIn(app, deps, "bench_city", data.password, String(data.extra.cityUserId)),
    admin: await signIn(app, deps, "bench_admin", data.password, String(data.extra.adminUserId)),
    ...(data.extra.provinceUserId
      ? { province: await signIn(app, deps, "bench_province", data.password, String(data.extra.provinceUserId)) }
      : {}),
    ...(data.extra.bannerUserId
      ? { banner: await signIn(app, deps, "bench_hq_mzj", data.password, String(data.extra.bannerUserId)) }
      : {}),
  };
}
