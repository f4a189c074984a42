import fs from "node:fs";
import path from "node:path";
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
};

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
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // An idle connection can be cut by the server (restart, failover, a dropped test database). The pool
    // replaces it; without a listener the error would be unhandled and stop the process.
    pool.on("error", (err) => console.warn(`数据库空闲连接已断开，将重新连接：${err.message}`));
    // Fail fast with a clear message when the server is unreachable.
    const client = await pool.connect();
    client.release();
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return { db, kind: "postgres", close: () => pool.end() };
  }
  let client: PGlite;
  if (!opts.dataDir || opts.dataDir === "memory:") {
    client = await PGlite.create({ loadDataDir: opts.loadDataDir });
  } else {
    const dir = path.join(opts.dataDir, "pgdata");
    const fresh = !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;
    fs.mkdirSync(dir, { recursive: true });
    client = await PGlite.create(dir, { loadDataDir: fresh ? opts.loadDataDir : undefined });
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return { db, kind: "pglite", close: () => client.close() };
}
