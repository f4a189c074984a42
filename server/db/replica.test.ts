import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import type { FastifyRequest } from "fastify";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { bootstrap } from "../bootstrap.js";
import type { Actor } from "../core/access.js";
import { systemClock } from "../core/clock.js";
import { type Deps, readDb } from "../core/context.js";
import { type App, ctxOf } from "../core/http.js";
import { createOrg, createUser, loginAdmin, login as signIn, USER_PASSWORD } from "../test/fixtures.js";
import { ADMIN_PASSWORD, AUDITADMIN_PASSWORD, SECADMIN_PASSWORD, type TestApp } from "../test/harness.js";
import { findPostgresBin, startCluster, until } from "../test/pg-cluster.js";
import type { Database, Db } from "./client.js";

/**
 * A primary and a streaming replica made with pg_basebackup: statistics are read on the replica and say how
 * current they are, writes go to the primary, and a replica held back past its bound is not read. It brings its
 * own clusters, so it runs once per CI: in the PGlite pass, where PostgreSQL is installed (as pg-fault.test.ts).
 */
const bin = findPostgresBin();
const reason = !bin
  ? "PostgreSQL (initdb, pg_ctl) is not installed"
  : process.env.TEST_DATABASE_URL
    ? "it runs in the PGlite pass only (TEST_DATABASE_URL is set)"
    : null;
if (reason) console.log(`replica.test.ts skipped: ${reason}`);

const MAX_LAG_SECONDS = 5;

describe.skipIf(!!reason)("a read replica for statistics, with a bounded lag the response states", () => {
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  let standby: Awaited<ReturnType<Awaited<ReturnType<typeof startCluster>>["standby"]>>;
  let database: Database;
  let deps: Deps;
  let app: App;
  let control: pg.Client;

  beforeAll(async () => {
    cluster = await startCluster(bin!);
    standby = await cluster.standby();
    ({ database, deps } = await bootstrap({
      databaseUrl: cluster.url,
      replica: { url: standby.url, maxLagSeconds: MAX_LAG_SECONDS, intervalMs: 100 },
      dataDir: "memory:",
      provinces: ["15"],
      adminPassword: ADMIN_PASSWORD,
      securityAdminPassword: SECADMIN_PASSWORD,
      auditAdminPassword: AUDITADMIN_PASSWORD,
      fieldKey: crypto.randomBytes(32),
      mfa: "off",
      clock: systemClock,
      poolSize: 4,
    }));
    app = await buildApp(deps, { loginRateLimit: 10_000 });
    await app.ready();
    control = new pg.Client({ connectionString: standby.url });
    await control.connect();
  });

  afterAll(async () => {
    await control?.end();
    await app?.close();
    await Promise.race([database?.close(), new Promise((r) => setTimeout(r, 5000))]);
    await cluster?.destroy();
  });

  it("reads on the replica, writes on the primary, and falls back to the primary past the bound", async () => {
    // The statistics' reader: a banner's ethnic-affairs administrator (the system admin has no service:read).
    const h = { app, deps } as unknown as TestApp;
    const admin = await loginAdmin(h);
    const dept = await createOrg(admin, "科尔沁左翼后旗民族事务委员会", "150522", { isEthnicAffairsDept: true });
    await createUser(h, admin, "replica_reader", dept.id, ["ethnic_affairs_admin"]);
    const reader = await signIn(h, "replica_reader", USER_PASSWORD);
    const stats = () => reader.req("/api/services/stats");

    // A service context as a request gets it (ctxOf), to see where its lag-tolerant reads go.
    const req = { actor: { userId: "x", orgId: "x", regionCode: "", roles: [] } as unknown as Actor } as FastifyRequest;
    const ctx = ctxOf(deps, req);
    const named = async (db: Db, name: string) =>
      (await db.execute<{ n: number }>(sql`select count(*)::int as n from orgs where name = ${name}`)).rows[0].n;
    const write = async (name: string) => {
      await createOrg(admin, name, "150522");
    };

    await until("副本追上主库", () => deps.replica!.asOf() !== null);
    const live = await stats();
    expect(live.statusCode, live.body).toBe(200);
    expect(live.headers["x-data-source"]).toBe("replica");
    expect(Number(live.headers["x-data-lag-ms"])).toBeLessThanOrEqual(MAX_LAG_SECONDS * 1000);
    expect(Date.parse(String(live.headers["x-data-as-of"]))).toBeGreaterThan(Date.now() - MAX_LAG_SECONDS * 1000);

    // A write goes to the primary and reaches the replica, where the read is served.
    await write("复制验证单位甲");
    await until("写入复制到副本", async () => (await named(readDb(ctx), "复制验证单位甲")) === 1);
    expect(req.dataRead?.source).toBe("replica");

    // Replay held back: within the bound the replica still answers, as of before the write — and says so.
    await control.query("select pg_wal_replay_pause()");
    await write("复制验证单位乙");
    // The write was committed before this moment; a sample taken while it was in flight may be later than the
    // write began (its WAL position is before the write, so the replica does hold everything before that sample).
    const acknowledgedAt = Date.now();
    expect(await named(deps.db, "复制验证单位乙")).toBe(1);
    const db = readDb(ctx);
    expect(req.dataRead?.source).toBe("replica");
    expect(db).toBe(deps.replica!.db);
    expect(await named(db, "复制验证单位乙")).toBe(0);
    expect(req.dataRead?.asOf?.getTime()).toBeLessThanOrEqual(acknowledgedAt);
    // Past the bound the replica is not read: the primary answers, with the write, and the response says so.
    await until("超出延迟上限后改读主库", () => deps.replica!.asOf() === null, MAX_LAG_SECONDS * 1000 + 10_000);
    expect(await named(readDb(ctx), "复制验证单位乙")).toBe(1);
    expect(req.dataRead?.source).toBe("primary");
    const held = await stats();
    expect(held.statusCode).toBe(200);
    expect(held.headers["x-data-source"]).toBe("primary");
    expect(held.headers["x-data-as-of"]).toBeUndefined();

    // Replay resumed: the replica catches up and is read again.
    await control.query("select pg_wal_replay_resume()");
    await until("恢复回放后重新读取副本", () => deps.replica!.asOf() !== null);
    expect(await named(readDb(ctx), "复制验证单位乙")).toBe(1);
    expect(req.dataRead?.source).toBe("replica");
    expect((await stats()).headers["x-data-source"]).toBe("replica");
  });
});
