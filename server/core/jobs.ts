import crypto from "node:crypto";
import os from "node:os";
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import type { Clock } from "./clock.js";
import { jobKinds, jobs, schedules } from "./core.schema.js";

export type JobHandler = (payload: Record<string, unknown>) => Promise<void>;
/** Told after each failed run with the kind's count of failures in a row (the composition root raises alerts). */
export type JobFailureListener = (kind: string, consecutiveFailures: number, error: string) => Promise<void>;
type ClaimedJob = {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
};

/** A job still "running" this long after it was claimed is taken to have died with its instance. */
const STALE_AFTER_MS = 10 * 60_000;

/**
 * Runs queued and scheduled jobs. Every claim is an UPDATE over rows picked FOR UPDATE SKIP LOCKED,
 * so any number of instances can run side by side without running a job twice.
 */
export class JobRunner {
  private readonly handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private failing = false;
  readonly workerId = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;

  private failureListener: JobFailureListener | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  onFailure(listener: JobFailureListener) {
    this.failureListener = listener;
  }

  /** The job kinds registered on this runner. */
  kinds(): string[] {
    return [...this.handlers.keys()];
  }

  register(kind: string, handler: JobHandler) {
    this.handlers.set(kind, handler);
  }

  async enqueue(kind: string, payload: Record<string, unknown> = {}, runAt?: Date) {
    const [row] = await this.db
      .insert(jobs)
      .values({ kind, payload, runAt: runAt ?? this.clock.now() })
      .returning({ id: jobs.id });
    return row.id;
  }

  /** Declares a recurring job; re-declaring keeps its next run time. */
  async schedule(name: string, kind: string, intervalSeconds: number) {
    await this.db
      .insert(schedules)
      .values({ name, kind, intervalSeconds, nextRunAt: this.clock.now() })
      .onConflictDoUpdate({ target: schedules.name, set: { kind, intervalSeconds } });
  }

  /** Moves due schedules on and enqueues their jobs, then claims and runs due jobs. Returns jobs run. */
  async tick(batch = 10): Promise<number> {
    const now = this.clock.now().toISOString();
    await this.db.transaction(async (tx) => {
      const due = await tx.execute<{ kind: string; name: string }>(sql`
        UPDATE schedules s SET next_run_at = ${now}::timestamptz + make_interval(secs => s.interval_seconds), last_run_at = ${now}
        WHERE s.name IN (SELECT name FROM schedules WHERE next_run_at <= ${now} FOR UPDATE SKIP LOCKED)
        RETURNING s.kind, s.name`);
      for (const d of due.rows)
        await tx.insert(jobs).values({ kind: d.kind, payload: { schedule: d.name }, runAt: new Date(now) });
    });
    const staleBefore = new Date(this.clock.now().getTime() - STALE_AFTER_MS).toISOString();
    const claimed = await this.db.execute<ClaimedJob>(sql`
      UPDATE jobs SET status = 'running', locked_by = ${this.workerId}, locked_at = ${now}, attempts = attempts + 1
      WHERE id IN (
        SELECT id FROM jobs
        WHERE (status = 'queued' AND run_at <= ${now}) OR (status = 'running' AND locked_at < ${staleBefore})
        ORDER BY run_at LIMIT ${batch} FOR UPDATE SKIP LOCKED)
      RETURNING id, kind, payload, attempts, max_attempts`);
    for (const job of claimed.rows) await this.runOne(job);
    return claimed.rows.length;
  }

  private async runOne(job: ClaimedJob) {
    const handler = this.handlers.get(job.kind);
    const started = this.clock.now();
    const t0 = performance.now();
    try {
      if (!handler) throw new Error(`没有处理 ${job.kind} 的任务处理器`);
      await handler(typeof job.payload === "string" ? JSON.parse(job.payload) : job.payload);
      await this.db.execute(
        sql`UPDATE jobs SET status = 'done', finished_at = ${this.clock.now().toISOString()}, last_error = NULL WHERE id = ${job.id}`,
      );
      await this.recordRun(job.kind, started, Math.round(performance.now() - t0), null);
    } catch (e) {
      const message = String((e as Error).message).slice(0, 2000);
      const retry = job.attempts < job.max_attempts;
      const backoff = new Date(this.clock.now().getTime() + 2 ** job.attempts * 30_000).toISOString();
      await this.db.execute(sql`UPDATE jobs SET status = ${retry ? "queued" : "failed"}, run_at = ${backoff},
        last_error = ${message}, finished_at = ${retry ? null : this.clock.now().toISOString()}
        WHERE id = ${job.id}`);
      const inARow = await this.recordRun(job.kind, started, Math.round(performance.now() - t0), message);
      await this.failureListener?.(job.kind, inARow, message).catch(() => undefined);
    }
  }

  /** Updates the kind's run record; returns its failures in a row. */
  private async recordRun(kind: string, started: Date, durationMs: number, error: string | null) {
    const failed = error !== null;
    const [row] = await this.db
      .insert(jobKinds)
      .values({
        kind,
        lastStartedAt: started,
        lastFinishedAt: this.clock.now(),
        lastDurationMs: durationMs,
        lastOk: !failed,
        lastError: error,
        consecutiveFailures: failed ? 1 : 0,
        runs: 1,
        failures: failed ? 1 : 0,
      })
      .onConflictDoUpdate({
        target: jobKinds.kind,
        set: {
          lastStartedAt: started,
          lastFinishedAt: this.clock.now(),
          lastDurationMs: durationMs,
          lastOk: !failed,
          lastError: error,
          consecutiveFailures: failed ? sql`${jobKinds.consecutiveFailures} + 1` : 0,
          runs: sql`${jobKinds.runs} + 1`,
          failures: failed ? sql`${jobKinds.failures} + 1` : sql`${jobKinds.failures}`,
        },
      })
      .returning({ inARow: jobKinds.consecutiveFailures });
    return row?.inARow ?? 0;
  }

  start(intervalMs = 5000) {
    const loop = async () => {
      // A failed tick (e.g. the database is down) is retried on the next one; say so once, not every tick.
      this.running = this.tick().then(
        () => {
          if (this.failing) console.warn("后台任务已恢复运行");
          this.failing = false;
        },
        (e: Error & { cause?: Error }) => {
          const reason = (e.cause ?? e).message.slice(0, 200);
          if (!this.failing) console.warn(`后台任务暂停（${reason}），将在下次轮询时重试`);
          this.failing = true;
        },
      );
      await this.running;
      this.running = null;
      if (this.timer) this.timer = setTimeout(loop, intervalMs);
    };
    this.timer = setTimeout(loop, 1000);
  }

  /** Stops after the job in hand finishes, so a shutdown never leaves a job half-run by this instance. */
  async stop() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
