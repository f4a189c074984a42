import crypto from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { bootstrap } from "../bootstrap.js";
import { systemClock } from "../core/clock.js";
import type { Deps } from "../core/context.js";
import { jobs } from "../core/core.schema.js";
import type { App } from "../core/http.js";
import { JobRunner } from "../core/jobs.js";
import { auditLog } from "../modules/audit/audit.schema.js";
import { orgs } from "../modules/org/org.schema.js";
import { findPostgresBin, startCluster, until } from "../test/pg-cluster.js";
import type { Database } from "./client.js";

/**
 * Kills the PostgreSQL server under write load and starts it again: the app stays up, answers 503
 * DB_UNAVAILABLE and reports `db: "down"` meanwhile, serves again when the database returns, and no write it
 * acknowledged is lost. It brings its own cluster (the shared test server must not be stopped), so it runs
 * once per CI: in the PGlite pass (TEST_DATABASE_URL unset), where PostgreSQL is installed.
 */
const bin = findPostgresBin();
const reason = !bin
  ? "PostgreSQL (initdb, pg_ctl) is not installed"
  : process.env.TEST_DATABASE_URL
    ? "it runs in the PGlite pass only (TEST_DATABASE_URL is set)"
    : null;
if (reason) console.log(`pg-fault.test.ts skipped: ${reason}`);

const ADMIN_PASSWORD = "Shiliu#Admin2026";
const WRITERS = 4;

type Outcome = { name: string; status: number; code?: string; message?: string; at: "before" | "down" | "after" };

describe.skipIf(!!reason)("PostgreSQL killed and restarted under write load", () => {
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  let database: Database;
  let deps: Deps;
  let app: App;
  let runner: JobRunner;
  const unexpected: unknown[] = [];
  const onUnexpected = (e: unknown) => unexpected.push(e);

  beforeAll(async () => {
    process.on("unhandledRejection", onUnexpected);
    process.on("uncaughtException", onUnexpected);
    cluster = await startCluster(bin!);
    ({ database, deps } = await bootstrap({
      databaseUrl: cluster.url,
      dataDir: "memory:",
      provinces: ["15"],
      adminPassword: ADMIN_PASSWORD,
      fieldKey: crypto.randomBytes(32),
      mfa: "off",
      clock: systemClock,
      poolSize: 4,
    }));
    app = await buildApp(deps, { loginRateLimit: 10_000 });
    await app.ready();
    runner = new JobRunner(deps.db, deps.clock);
    runner.register("fault.probe", async () => undefined);
    runner.start(100);
  });

  afterAll(async () => {
    await runner?.stop();
    await app?.close();
    // A leaked connection would keep pool.end() waiting for ever: the test has failed on it already.
    await Promise.race([database?.close(), new Promise((r) => setTimeout(r, 5000))]);
    await cluster?.destroy();
    process.off("unhandledRejection", onUnexpected);
    process.off("uncaughtException", onUnexpected);
  });

  it("stays up, answers 503 while the database is down, recovers, and loses no acknowledged write", async () => {
    const login = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "admin", password: ADMIN_PASSWORD },
    });
    expect(login.statusCode, login.body).toBe(200);
    const cookie = String(login.headers["set-cookie"]).split(";")[0];

    let phase: Outcome["at"] = "before";
    let stop = false;
    let serial = 0;
    const outcomes: Outcome[] = [];
    const health: { status: number; body: { status: string; db: string }; at: Outcome["at"] }[] = [];
    const count = (at: Outcome["at"], ok: boolean) =>
      outcomes.filter((o) => o.at === at && o.status < 300 === ok).length;

    const writer = async () => {
      while (!stop) {
        const name = `故障演练单位${++serial}`;
        const at = phase;
        const res = await app.inject({
          method: "POST",
          url: "/api/orgs",
          headers: { cookie },
          payload: { name, type: "party_gov", regionCode: "150522" },
        });
        const body = res.json() as { error?: { code: string; message: string } };
        outcomes.push({ name, status: res.statusCode, code: body.error?.code, message: body.error?.message, at });
      }
    };
    const prober = async () => {
      while (!stop) {
        const at = phase;
        const res = await app.inject({ method: "GET", url: "/api/health" });
        health.push({ status: res.statusCode, body: res.json(), at });
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const load = [...Array.from({ length: WRITERS }, writer), prober()];

    try {
      await until("写入在数据库停机前成功", () => count("before", true) >= 20);
      await cluster.crash();
      phase = "down";
      await until("停机期间写入返回 503", () => count("down", false) >= 5);
      await until("停机期间健康检查报告数据库不可用", () =>
        health.some((h) => h.at === "down" && h.status === 503 && h.body.db === "down"),
      );
      await cluster.start();
      phase = "after";
      await until("数据库恢复后写入成功", () => count("after", true) >= 20);
      await until("数据库恢复后健康检查正常", () => health.some((h) => h.at === "after" && h.status === 200));
    } finally {
      stop = true;
      await Promise.all(load);
    }

    // Nothing escaped: no 'error' event without a listener, no unhandled rejection.
    expect(unexpected).toEqual([]);

    // Every answer was a success or the house-shaped 503; never a 500, never a crash.
    const statuses = [...new Set(outcomes.map((o) => o.status))].sort();
    expect(statuses).toEqual([200, 503]);
    for (const o of outcomes.filter((x) => x.status === 503)) {
      expect(o.code).toBe("DB_UNAVAILABLE");
      expect(o.message).toMatch(/数据库/);
    }
    for (const h of health) {
      if (h.status === 200) expect(h.body).toMatchObject({ status: "ok", db: "ok" });
      else
        expect({ status: h.status, body: h.body }).toMatchObject({
          status: 503,
          body: { status: "degraded", db: "down" },
        });
    }
    // The app serves again: the last writes succeeded and health is ok.
    expect(outcomes.slice(-WRITERS).every((o) => o.status === 200)).toBe(true);
    expect(health.at(-1)?.status).toBe(200);

    // No connection is left checked out: a client lost mid-transaction went back to the pool (else each
    // outage would leak pool slots until no request could get one).
    const pool = (deps.db as unknown as { $client: pg.Pool }).$client;
    await until("连接池中的连接全部归还", () => pool.idleCount === pool.totalCount && pool.waitingCount === 0);

    // Every acknowledged write is in the database, with its audit entry.
    const acknowledged = outcomes.filter((o) => o.status === 200).map((o) => o.name);
    const stored = await deps.db
      .select({ id: orgs.id, name: orgs.name })
      .from(orgs)
      .where(inArray(orgs.name, acknowledged));
    expect(stored.map((r) => r.name).sort()).toEqual([...acknowledged].sort());
    const audited = await deps.db
      .select({ entityId: auditLog.entityId })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, "org.create"),
          inArray(
            auditLog.entityId,
            stored.map((r) => r.id),
          ),
        ),
      );
    expect(audited.length).toBe(stored.length);

    // The job runner lived through the outage and runs jobs again.
    const jobId = await runner.enqueue("fault.probe");
    await until("后台任务在数据库恢复后运行", async () => {
      const [row] = await deps.db.select({ status: jobs.status }).from(jobs).where(eq(jobs.id, jobId));
      return row?.status === "done";
    });
  });
});
