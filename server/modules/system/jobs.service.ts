/**
 * 定时任务: every job kind the platform runs (scheduled or queued) with its schedule, last run, duration, result
 * and failures; an administrator runs one now (a queued job any instance picks up, audited); a kind failing
 * the alert threshold of times in a row (参数设置) is flagged here and raises an audit entry for the administrators.
 */
import { desc, eq, sql } from "drizzle-orm";
import { JOB_KIND_LABELS, type JobKindRow, type JobRunRow } from "../../../contracts/system.js";
import type { Ctx, Deps } from "../../core/context.js";
import { jobKinds, jobs, schedules } from "../../core/core.schema.js";
import { errors } from "../../core/errors.js";
import type { Db } from "../../db/client.js";
import { recordAudit, recordAuditNow } from "../audit/index.js";
import { platformSettings } from "./platform.settings.js";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
export const jobKindName = (kind: string) => JOB_KIND_LABELS[kind] ?? kind;

async function knownKinds(db: Db): Promise<Set<string>> {
  const rows = await db.execute<{ kind: string }>(
    sql`SELECT kind FROM ${schedules} UNION SELECT kind FROM ${jobKinds} UNION SELECT DISTINCT kind FROM ${jobs}`,
  );
  return new Set([...Object.keys(JOB_KIND_LABELS), ...rows.rows.map((r) => r.kind)]);
}

export async function jobOverview(db: Db) {
  const { jobFailureAlert } = await platformSettings(db);
  const [kinds, sched, state, queued] = await Promise.all([
    knownKinds(db),
    db.select().from(schedules),
    db.select().from(jobKinds),
    db
      .select({ kind: jobs.kind, n: sql<number>`count(*)::int` })
      .from(jobs)
      .where(eq(jobs.status, "queued"))
      .groupBy(jobs.kind),
  ]);
  const rows: JobKindRow[] = [...kinds].map((kind) => {
    const s = sched.find((x) => x.kind === kind);
    const k = state.find((x) => x.kind === kind);
    const inARow = k?.consecutiveFailures ?? 0;
    return {
      kind,
      name: jobKindName(kind),
      intervalSeconds: s?.intervalSeconds ?? null,
      nextRunAt: iso(s?.nextRunAt),
      lastStartedAt: iso(k?.lastStartedAt),
      lastDurationMs: k?.lastDurationMs ?? null,
      lastOk: k?.lastOk ?? null,
      lastError: k?.lastError ?? null,
      consecutiveFailures: inARow,
      runs: k?.runs ?? 0,
      failures: k?.failures ?? 0,
      queued: queued.find((q) => q.kind === kind)?.n ?? 0,
      alert: inARow >= jobFailureAlert,
    };
  });
  rows.sort((a, b) => Number(b.alert) - Number(a.alert) || a.kind.localeCompare(b.kind));
  return { alertThreshold: jobFailureAlert, kinds: rows };
}

async function assertKind(db: Db, kind: string) {
  if (!(await knownKinds(db)).has(kind)) throw errors.notFound("job_kind");
}

/** The kind's latest 20 jobs, newest first, each with its error. */
export async function recentJobs(db: Db, kind: string): Promise<JobRunRow[]> {
  await assertKind(db, kind);
  const rows = await db.select().from(jobs).where(eq(jobs.kind, kind)).orderBy(desc(jobs.createdAt)).limit(20);
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    attempts: r.attempts,
    runAt: r.runAt.toISOString(),
    startedAt: iso(r.lockedAt),
    finishedAt: iso(r.finishedAt),
    error: r.lastError,
    manual: (r.payload as { manual?: boolean }).manual === true,
  }));
}

/** Queues a run of the kind now (any instance's runner picks it up within seconds), audited. */
export async function runJobNow(ctx: Ctx, kind: string) {
  await assertKind(ctx.db, kind);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(jobs)
      .values({ kind, payload: { manual: true, by: ctx.actor.userId }, runAt: ctx.clock.now(), maxAttempts: 1 })
      .returning({ id: jobs.id });
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "job.run",
      entity: "job",
      entityId: row.id,
      summary: `立即运行后台任务“${jobKindName(kind)}”`,
    });
    return { id: row.id };
  });
}

/**
 * The runner's failure listener (wired in server/jobs.ts): when a kind reaches the alert threshold of failures
 * in a row, an audit entry says so once for that run of failures (the 定时任务 page flags it until a run succeeds).
 */
export async function jobFailed(deps: Deps, kind: string, inARow: number, error: string) {
  const { jobFailureAlert } = await platformSettings(deps.db);
  if (inARow !== jobFailureAlert) return;
  await recordAuditNow(deps.db, deps.clock, null, {
    category: "data",
    action: "job.failure_alert",
    entity: "job_kind",
    entityId: kind,
    outcome: "failure",
    summary: `后台任务“${jobKindName(kind)}”连续失败 ${inARow} 次：${error.slice(0, 200)}`,
  });
}
