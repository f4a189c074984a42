import { createHash, randomInt } from "node:crypto";
import { and, eq, gt, lt, sql } from "drizzle-orm";
import type { SecurityPolicy } from "../../../contracts/identity.js";
import type { Deps } from "../../core/context.js";
import type { Queryable } from "../../db/client.js";
import { captchaCode, captchaPng, captchaQuestion } from "./captcha-image.js";
import { loginCaptchas, loginClientFailures } from "./identity.schema.js";
import { getPolicy } from "./policy.service.js";

/**
 * 登录验证码: after `policy.captchaAfter` failed logins from one client address within the lock period, the
 * login asks for a captcha as well (the account lockout still applies). Both the count and the captchas are in
 * the database, so every instance asks alike. A captcha is a picture of digits or, for screen readers, a sum
 * written out in Chinese; it lasts five minutes and is used once, right or wrong.
 */
const TTL_MS = 5 * 60_000;
const random = () => randomInt(0, 2 ** 30) / 2 ** 30;
const hashAnswer = (answer: string) => createHash("sha256").update(answer.trim()).digest("hex");

export type CaptchaMode = "image" | "text";

export async function issueCaptcha(deps: Pick<Deps, "db" | "clock">, mode: CaptchaMode) {
  const now = deps.clock.now();
  await deps.db.delete(loginCaptchas).where(lt(loginCaptchas.expiresAt, now));
  let answer: string;
  let body: { image?: string; question?: string };
  if (mode === "text") {
    const q = captchaQuestion(random);
    answer = q.answer;
    body = { question: q.question };
  } else {
    answer = captchaCode(random);
    body = { image: `data:image/png;base64,${captchaPng(answer, random).toString("base64")}` };
  }
  const [row] = await deps.db
    .insert(loginCaptchas)
    .values({ answerHash: hashAnswer(answer), expiresAt: new Date(now.getTime() + TTL_MS) })
    .returning({ id: loginCaptchas.id });
  return { id: row.id, ...body, expiresInSeconds: TTL_MS / 1000 };
}

/** Uses the captcha up and tells whether the answer was right (an unknown or expired one is wrong). */
export async function checkCaptcha(
  deps: Pick<Deps, "db" | "clock">,
  id: string | undefined,
  answer: string | undefined,
) {
  if (!id || !answer) return false;
  const rows = await deps.db
    .delete(loginCaptchas)
    .where(and(eq(loginCaptchas.id, id), gt(loginCaptchas.expiresAt, deps.clock.now())))
    .returning({ answerHash: loginCaptchas.answerHash });
  return rows.length > 0 && rows[0].answerHash === hashAnswer(answer);
}

/** Failures from this client within the lock period (0 for an unknown address). */
export async function clientFailures(db: Queryable, client: string | null, policy: SecurityPolicy, now: Date) {
  if (!client) return 0;
  const [row] = await db.select().from(loginClientFailures).where(eq(loginClientFailures.client, client));
  if (!row || row.since.getTime() + policy.lockMinutes * 60_000 <= now.getTime()) return 0;
  return row.failures;
}

/** Counts one failure; a count older than the lock period starts again. Returns the new count. */
export async function countClientFailure(db: Queryable, client: string | null, policy: SecurityPolicy, now: Date) {
  if (!client) return 0;
  const windowStart = new Date(now.getTime() - policy.lockMinutes * 60_000).toISOString();
  const res = await db.execute<{ failures: number }>(sql`
    INSERT INTO login_client_failures (client, failures, since) VALUES (${client}, 1, ${now.toISOString()}::timestamptz)
    ON CONFLICT (client) DO UPDATE SET
      failures = CASE WHEN login_client_failures.since <= ${windowStart}::timestamptz THEN 1
                      ELSE login_client_failures.failures + 1 END,
      since = CASE WHEN login_client_failures.since <= ${windowStart}::timestamptz THEN excluded.since
                   ELSE login_client_failures.since END
    RETURNING failures`);
  return Number(res.rows[0]?.failures ?? 0);
}

/** Whether this client must answer a captcha at its next login. */
export async function captchaRequiredFor(deps: Pick<Deps, "db" | "clock">, client: string | null) {
  const policy = await getPolicy(deps.db);
  return (await clientFailures(deps.db, client, policy, deps.clock.now())) >= policy.captchaAfter;
}

export async function clearClientFailures(db: Queryable, client: string | null) {
  if (client) await db.delete(loginClientFailures).where(eq(loginClientFailures.client, client));
}
