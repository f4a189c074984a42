import { resolveSession } from "../../server/modules/identity/session.service.js";
import type { BenchModule } from "../types.js";

/** The ceilings every other figure is read against: the framework alone, then with authentication. */
export const benchModule: BenchModule = {
  name: "core",
  scenarios: [
    {
      name: "noop",
      description: "GET /api/bench/noop — public no-op route: the ceiling of the stack (Fastify + plugins)",
      method: "GET",
      path: "/api/bench/noop",
      as: null,
    },
    {
      name: "noop-auth",
      description: "GET /api/bench/noop-auth as bench_city — the auth hook's cost (session cache, policy)",
      method: "GET",
      path: "/api/bench/noop-auth",
      as: "city",
      service: (deps, actors) => resolveSession(deps.db, deps.clock, actors.city.token, "127.0.0.1"),
    },
  ],
};
