import type { Actor } from "../server/core/access.js";
import type { Deps } from "../server/core/context.js";
import type { Rng } from "./prng.js";

export type ScaleName = "banner" | "province";

/** One row of PRODUCT.md §3, plus where the organizations of such a deployment sit. */
export type Scale = {
  name: ScaleName;
  orgs: number;
  users: number;
  /** Region subtree the generated organizations are spread over (a banner office holds one banner's units). */
  root: string;
};

/** A signed-in bench user: the session cookie for HTTP and the actor for direct service calls. */
export type BenchUser = {
  username: string;
  password: string;
  userId: string;
  orgId: string;
  regionCode: string;
  /** The session token (the cookie's value). */
  token: string;
  /** `shiliu_sid=…`, ready for a Cookie header. */
  cookie: string;
  actor: Actor;
};

export type BenchActors = {
  /** ethnic_affairs_admin in 通辽市 (1505): scope = 通辽 and below. */
  city: BenchUser;
  /** sys_admin: scope = all. */
  admin: BenchUser;
  /**
   * ethnic_affairs_admin of the autonomous region (15), for "the whole province" business scenarios (the three
   * admins read no business data). Signed in when a module's generator put `provinceUserId` in data.extra.
   */
  province?: BenchUser;
  /** ethnic_affairs_admin of 科左后旗 (150522) — a 旗 department. Signed in when a generator put `bannerUserId` in data.extra. */
  banner?: BenchUser;
};

/** What the generator produced, for scenarios that need concrete ids or codes. */
export type BenchData = {
  scale: Scale;
  /** Shared password of every generated and bench user. */
  password: string;
  orgIds: string[];
  userIds: string[];
  counts: Record<string, number>;
  /** md5 over the generated organizations and users: equal across databases and runs of one scale. */
  fingerprint: string;
  /** Anything a module generator wants to hand to its scenarios. */
  extra: Record<string, unknown>;
};

export type BenchEnv = { deps: Deps; actors: BenchActors; data: BenchData; kind: "pglite" | "postgres" };

export type Scenario = {
  name: string;
  /** What the scenario stands for, printed under the table. */
  description?: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** The route with its query string, or a function of the generated data. */
  path: string | ((data: BenchData) => string);
  /** Whose session cookie to send; null = no cookie (public route). */
  as: "city" | "admin" | "province" | "banner" | null;
  /** JSON body (sent with content-type application/json). */
  body?: Record<string, unknown> | unknown[] | ((data: BenchData, actors: BenchActors) => unknown);
  /** Status every response must have (default 200); any other status marks the run invalid. */
  expectStatus?: number;
  /** The route changes data: run after all read-only scenarios. */
  writes?: boolean;
  /** Concurrent connections (default --connections). */
  connections?: number;
  /** The service function the route calls, timed directly (no HTTP). */
  service?: (deps: Deps, actors: BenchActors, data: BenchData) => Promise<unknown>;
  /**
   * The route's SQL run directly against the database, timed as the floor. Use `replaySqlOf(service)` to
   * replay exactly the statements the service issues. Absent: the raw time is reported as n.a.
   */
  raw?: (deps: Deps, actors: BenchActors, data: BenchData) => Promise<unknown>;
  /** What `raw` measures when it is not SQL (e.g. the password hash check of a login). */
  rawLabel?: string;
  /** Sequential runs of `service` and `raw` (default --raw-runs), capped at --raw-seconds each. */
  rawRuns?: number;
};

/** A module's contribution to the benchmark: optional extra data, and its scenarios. */
export type BenchModule = {
  name: string;
  /** Runs after organizations and users exist; may write more rows and note ids in `data.extra`. */
  generate?: (deps: Deps, rng: Rng, data: BenchData) => Promise<void>;
  scenarios: Scenario[];
};
