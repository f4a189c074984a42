import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import * as schema from "./schema.js";

/** Both drivers return `{ rows }` from execute(); this tells the types so raw SQL results are typed. */
type RowsOf<R> = { rows: R[] };
interface RowsResultHKT extends PgQueryResultHKT {
  readonly type: RowsOf<this["row"]>;
}
export type Db = PgDatabase<RowsResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Anything that can run a query: the database or an open transaction. */
export type Queryable = Db | Tx;

export type Database = {
  db: Db;
  kind: "pglite" | "postgres";
  close: () => Promise<void>;
  /** The embedded database's own client (its one connection), for an online backup from inside the server. */
  pglite?: PGlite;
  /** PostgreSQL: the connection pool (its counts show in /api/metrics). */
  pool?: pg.Pool;
};

/** One line per outage burst, not one per connection. */
let lastWarning = 0;
function warnDisconnected(err: Error & { code?: string }) {
  if (Date.now() - lastWarning < 5000) return;
  lastWarning = Date.now();
  console.warn(`数据库连接已断开（${err.code ?? err.message}），数据库恢复后将自动重新连接`);
}

/**
 * A new PGlite directory is created (initdb) in a worker thread: initdb's WebAssembly memory (about 1 GB at its
 * peak) is returned when the worker ends instead of staying with the server for its whole life.
 */
function initDataDirInWorker(dir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./pglite-init.worker.mjs", import.meta.url), {
      workerData: { dir },
      execArgv: [],
    });
    let done = false;
    worker.once("message", () => {
      done = true;
    });
    worker.once("error", reject);
    worker.once("exit", (code) => (done ? resolve() : reject(new Error(`创建嵌入式数据库失败（退出码 ${code}）`))));
  });
}

/** A PostgreSQL pool that survives its server going away and coming back (the primary, or a read replica). */
export async function openPgPool(url: string, poolSize = 10): Promise<{ db: Db; pool: pg.Pool }> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // While the server is down or unreachable a request fails within this time instead of waiting.
    connectionTimeoutMillis: 5000,
    keepAlive: true,
    // No JIT compilation: it pays off for analytical queries of seconds, not for statements of milliseconds. With
    // the country's plans in the tables, a plan roll-up's cost estimate crossed jit_above_cost and LLVM spent 70 ms
    // compiling a statement that runs in 29 ms (bench --scale nation, plans-rollup-fresh).
    options: "-c jit=off",
  });
  // A connection can be cut by the server (restart, crash, failover, a dropped test database) while idle
  // in the pool or while checked out (inside a transaction, between two statements). pg reports it as an
  // `error` event on the pool or on the client; an event without a listener would stop the process. The
  // query in hand fails (the request answers 503 DB_UNAVAILABLE), the broken client is dropped when
  // released, and the pool opens new connections once the server is back.
  //
  // A checked-out client whose connection dies is also returned to the pool at once, as broken (so it is
  // closed and replaced): Drizzle's transaction() never releases its client when the BEGIN itself fails,
  // and each such client would otherwise hold a pool slot for good, until no request could get one. The
  // holder's own release() later is then a no-op.
  const held = new Set<pg.PoolClient>();
  pool.on("acquire", (client) => held.add(client));
  pool.on("release", (_err, client) => held.delete(client));
  pool.on("error", (err) => warnDisconnected(err));
  pool.on("connect", (client) =>
    client.on("error", (err) => {
      warnDisconnected(err);
      const c = client as pg.PoolClient;
      if (!held.has(c)) return; // idle: the pool drops it itself
      const release = c.release;
      c.release = () => undefined;
      release(err);
    }),
  );
  // Fail fast with a clear message when the server is unreachable.
  const client = await pool.connect();
  client.release();
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return { db, pool };
}

/**
 * Opens the embedded PGlite database in `dataDir` (or in memory when `dataDir` is "memory:"),
 * or a PostgreSQL pool when `databaseUrl` is given. Both sit behind the same Drizzle schema.
 */
export async function openDatabase(opts: {
  databaseUrl?: string;
  dataDir?: string;
  poolSize?: number;
  /** PGlite: a data directory dumped by `dumpDataDir()` to start from (only for a new, empty directory). */
  loadDataDir?: Blob;
}): Promise<Database> {
  if (opts.databaseUrl) {
    const { db, pool } = await openPgPool(opts.databaseUrl, opts.poolSize ?? 10);
    return { db, kind: "postgres", close: () => pool.end(), pool };
  }
  let client: PGlite;
  if (!opts.dataDir || opts.dataDir === "memory:") {
    client = await PGlite.create({ loadDataDir: opts.loadDataDir });
  } else {
    const dir = path.join(opts.dataDir, "pgdata");
    const fresh = !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;
    fs.mkdirSync(dir, { recursive: true });
    if (fresh && !opts.loadDataDir) await initDataDirInWorker(dir);
    client = await PGlite.create(dir, { loadDataDir: fresh ? opts.loadDataDir : undefined });
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return { db, kind: "pglite", close: () => client.close(), pglite: client };
}
