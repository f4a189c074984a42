import { eq } from "drizzle-orm";
import type { Deps } from "../../server/core/context.js";
import { login } from "../../server/modules/identity/auth.service.js";
import { users } from "../../server/modules/identity/identity.schema.js";
import { verifyPassword } from "../../server/modules/identity/password.js";
import type { BenchActors, BenchData, BenchModule } from "../types.js";

/** The floor of a login: find the user and verify the argon2id hash (deliberately slow). */
async function lookupAndVerify(deps: Deps, actors: BenchActors, data: BenchData) {
  const [row] = await deps.db
    .select({ hash: users.passwordHash })
    .from(users)
    .where(eq(users.username, actors.city.username));
  if (!(await verifyPassword(row.hash, data.password))) throw new Error("bench_city 的密码不符");
}

export const benchModule: BenchModule = {
  name: "identity",
  scenarios: [
    {
      name: "login",
      description: "POST /api/auth/login as bench_city — argon2id verify + session + audit entry",
      method: "POST",
      path: "/api/auth/login",
      as: null,
      body: (data, actors) => ({ username: actors.city.username, password: data.password }),
      writes: true,
      // Two at a time: more simultaneous attempts on one account than the lockout threshold are refused by
      // design (attempts are reserved atomically), and refusals from one client then ask for a captcha.
      connections: 2,
      rawRuns: 40,
      rawLabel: "user lookup + argon2id verify",
      service: (deps, actors, data) =>
        login(
          deps,
          { username: actors.city.username, password: data.password },
          { ip: "127.0.0.1", userAgent: "bench" },
        ),
      raw: lookupAndVerify,
    },
  ],
};
