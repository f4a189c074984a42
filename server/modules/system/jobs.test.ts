import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JOB_KIND_LABELS } from "../../../contracts/system.js";
import { JobRunner } from "../../core/jobs.js";
import { registerPlatformJobs } from "../../jobs.js";
import { type Client, createOrg, createUser, login, USER_PASSWORD } from "../../test/fixtures.js";
import { ADMIN_PASSWORD, createTestApp, type TestApp } from "../../test/harness.js";

/*
 * 定时任务: each job kind with its schedule, last run, result and failures; a failed job shows its error; the
 * system administrator reruns it (audited); three failures in a row raise an alert.
 */
let t: TestApp;
let admin: Client;
let unitUser: Client;
let runner: JobRunner;
let broken = true;

beforeAll(async () => {
  t = await createTestApp({ start: "2026-09-20T02:00:00Z" });
  admin = await login(t, "admin", ADMIN_PASSWORD);
  const org = await createOrg(admin, "科尔沁左翼后旗民族事务委员会", "150522");
  await createUser(t, admin, "jobs_unit", org.id, ["unit_user"]);
  unitUser = await login(t, "jobs_unit", USER_PASSWORD);
  runner = new JobRunner(t.deps.db, t.clock);
  registerPlatformJobs(runner, t.deps);
  runner.register("test.flaky", async () => {
    if (broken) throw new Error("上游接口无响应");
  });
});
afterAll(() => t.close());

type Kind = { kind: string; name: string; lastOk: boolean | null; lastError: string | null; alert: boolean };
const kindOf = async (kind: string) =>
  (await admin.json<{ kinds: Kind[] }>("/api/system/jobs")).kinds.find((k) => k.kind === kind);
/** Runs every due job, moving the clock past the retry back-off. */
async function drain() {
  for (let i = 0; i < 5; i++) {
    await runner.tick();
    t.clock.advance(10 * 60_000);
  }
}

describe("定时任务", () => {
  it("lists the platform's scheduled kinds by name; only the system administrator", async () => {
    await runner.tick();
    const body = await admin.json<{ alertThreshold: number; kinds: (Kind & { intervalSeconds: number })[] }>(
      "/api/system/jobs",
    );
    expect(body.alertThreshold).toBe(3);
    expect(body.kinds.find((k) => k.kind === "sessions.purge")).toMatchObject({
      name: "清理过期会话",
      intervalSeconds: 3600,
      lastOk: true,
    });
    expect((await unitUser.req("/api/system/jobs")).statusCode).toBe(403);
    expect((await unitUser.req("/api/system/jobs/sessions.purge/run", { method: "POST" })).statusCode).toBe(403);
    expect((await admin.req("/api/system/jobs/no.such.kind/runs")).statusCode).toBe(404);
  });

  it("every job kind the platform registers has a Chinese name (never its code on screen)", () => {
    const unnamed = runner.kinds().filter((k) => k !== "test.flaky" && !JOB_KIND_LABELS[k]);
    expect(unnamed).toEqual([]);
  });

  it("a failing job shows its error, three failures in a row raise an alert, a rerun clears it", async () => {
    await runner.enqueue("test.flaky");
    await drain();
    admin = await login(t, "admin", ADMIN_PASSWORD); // the clock moved past the idle timeout
    const failed = await kindOf("test.flaky");
    expect(failed).toMatchObject({ lastOk: false, lastError: "上游接口无响应", alert: true, consecutiveFailures: 3 });
    const runs = await admin.json<{ status: string; error: string }[]>("/api/system/jobs/test.flaky/runs");
    expect(runs[0]).toMatchObject({ status: "failed", error: "上游接口无响应" });
    const alerts = await t.deps.db.execute<{ summary: string }>(
      sql`SELECT summary FROM audit_log WHERE action = 'job.failure_alert' AND entity_id = 'test.flaky'`,
    );
    expect(alerts.rows).toHaveLength(1);
    expect(alerts.rows[0].summary).toContain("连续失败 3 次");

    broken = false;
    const rerun = await admin.req("/api/system/jobs/test.flaky/run", { method: "POST" });
    expect(rerun.statusCode).toBe(200);
    await runner.tick();
    expect(await kindOf("test.flaky")).toMatchObject({ lastOk: true, lastError: null, alert: false });
    const latest = await admin.json<{ id: string; status: string; manual: boolean }[]>(
      "/api/system/jobs/test.flaky/runs",
    );
    expect(latest[0]).toMatchObject({ id: rerun.json().id, status: "done", manual: true });
    const audit = await t.deps.db.execute<{ action: string }>(
      sql`SELECT action FROM audit_log WHERE entity = 'job' AND entity_id = ${rerun.json().id}`,
    );
    expect(audit.rows).toEqual([{ action: "job.run" }]);
  });
});
