import { sql } from "drizzle-orm";
import type pg from "pg";
import { type Db, openPgPool } from "./client.js";

/**
 * A streaming read replica (`DATABASE_REPLICA_URL`) for the reads that may lag a little: statistics, dashboards
 * and exports. Everything else, and every write, stays on the primary.
 *
 * How far behind it is, bounded from measurements rather than estimated: every `intervalMs` the monitor reads
 * the primary's current WAL position (a commit acknowledged before that moment lies before it) and then the
 * replica's replayed position. The replica holds every write committed before the latest sample time whose
 * position it has replayed: that time is `asOf`, and a response read there states it (`X-Data-As-Of`, and the
 * lag in ms). When the replica is further behind than `maxLagSeconds`, unreachable, or not yet measured, reads
 * go to the primary (the response says so), so no answer is ever older than the bound.
 */
export type Replica = {
  db: Db;
  pool: pg.Pool;
  /** The time before which every committed write is visible on the replica, or null when it may not be used. */
  asOf(): Date | null;
  /** Takes one measurement now (the monitor does this on its own every interval). */
  measure(): Promise<void>;
  close(): Promise<void>;
};

/** "16/B374D848" → a comparable number. */
export function lsnValue(lsn: string): bigint {
  const [hi, lo] = lsn.split("/");
  return (BigInt(`0x${hi}`) << 32n) | BigInt(`0x${lo}`);
}

export async function openReplica(
  primary: Db,
  url: string,
  opts: { maxLagSeconds: number; intervalMs?: number; poolSize?: number; now?: () => number },
): Promise<Replica> {
  const { db, pool } = await openPgPool(url, opts.poolSize ?? 10);
  const now = opts.now ?? Date.now;
  const interval = opts.intervalMs ?? 1000;
  const keep = Math.max(10, Math.ceil((opts.maxLagSeconds * 1000) / interval) + 5);
  const samples: { at: number; lsn: bigint }[] = [];
  let asOf: number | null = null;
  let closed = false;

  const measure = async () => {
    try {
      const at = now();
      const p = await primary.execute<{ lsn: string }>(sql`select pg_current_wal_lsn()::text as lsn`);
      samples.push({ at, lsn: lsnValue(p.rows[0].lsn) });
      if (samples.length > keep) samples.shift();
      const r = await db.execute<{ lsn: string | null; recovery: boolean }>(
        sql`select pg_last_wal_replay_lsn()::text as lsn, pg_is_in_recovery() as recovery`,
      );
      const replayed = r.rows[0]?.lsn;
      if (!r.rows[0]?.recovery || !replayed) {
        asOf = null; // not a standby (or nothing replayed): never read there
        return;
      }
      const v = lsnValue(replayed);
      const caught = samples.filter((s) => s.lsn <= v).at(-1);
      if (caught) asOf = Math.max(asOf ?? 0, caught.at);
    } catch {
      // either server unreachable: the bound decides (asOf ages until reads fall back to the primary)
    }
  };
  await measure();
  const timer = setInterval(() => void measure(), interval);
  timer.unref();
  return {
    db,
    pool,
    asOf() {
      if (closed || asOf === null) return null;
      return now() - asOf <= opts.maxLagSeconds * 1000 ? new Date(asOf) : null;
    },
    measure,
    async close() {
      closed = true;
      clearInterval(timer);
      await pool.end();
    },
  };
}
