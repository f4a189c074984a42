import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { SecurityPolicy } from "../../../contracts/identity.js";
import type { Actor, ActorRole } from "../../core/access.js";
import type { Clock } from "../../core/clock.js";
import { randomToken, sm3 } from "../../core/crypto.js";
import type { Db, Queryable } from "../../db/client.js";
import { orgNameSql } from "../org/index.js";
import { apiTokens, sessions } from "./identity.schema.js";
import { getPolicy } from "./policy.service.js";

export const SESSION_COOKIE = "shiliu_sid";
export const TOKEN_PREFIX = "slt_";
/** last_seen_at is written at most this often; the idle timeout is measured in minutes. */
const TOUCH_EVERY_MS = 60_000;
/** A resolved session is reused this long by this instance; revocations made here drop it at once. */
const ACTOR_CACHE_MS = 5_000;

type UserRow = {
  user_id: string;
  username: string;
  display_name: string;
  org_id: string;
  org_name: string;
  region_code: string;
  status: string;
  roles: ActorRole[];
};

const actorColumns = sql`
  u.id AS user_id, u.username, u.display_name, u.org_id, ${orgNameSql(sql`u.org_id`)} AS org_name, u.region_code, u.status,
  coalesce((SELECT json_agg(json_build_object('id', r.id, 'code', r.code, 'name', r.name, 'dataScope', r.data_scope,
      'adminKind', r.admin_kind, 'permissions', r.permissions) ORDER BY r.code)
    FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = u.id), '[]'::json) AS roles`;

function toActor(r: UserRow, extra: Pick<Actor, "stage" | "sessionId" | "tokenId" | "ip">): Actor {
  return {
    userId: r.user_id,
    username: r.username,
    displayName: r.display_name,
    orgId: r.org_id,
    orgName: r.org_name,
    regionCode: r.region_code,
    roles: typeof r.roles === "string" ? JSON.parse(r.roles) : r.roles,
    ...extra,
  };
}

export async function loadActorForUser(db: Queryable, userId: string, ip: string | null = null): Promise<Actor | null> {
  const res = await db.execute<UserRow>(sql`SELECT ${actorColumns}
    FROM users u WHERE u.id = ${userId}`);
  const row = res.rows[0];
  return row ? toActor(row, { stage: "full", sessionId: null, tokenId: null, ip }) : null;
}

export async function createSession(
  db: Queryable,
  clock: Clock,
  userId: string,
  stage: Actor["stage"],
  meta: { ip: string | null; userAgent: string | null },
  policy: SecurityPolicy,
): Promise<{ token: string; id: string }> {
  const token = randomToken();
  const id = sm3(token);
  const now = clock.now();
  await db.insert(sessions).values({
    id,
    userId,
    stage,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + policy.absoluteHours * 3_600_000),
  });
  return { token, id };
}

type CachedSession = { actor: Actor; lastSeen: number; expiresAt: number; loadedAt: number };
const cache = new Map<string, CachedSession>();

export function forgetCachedSessions(ids?: string[]) {
  if (!ids) cache.clear();
  else for (const id of ids) cache.delete(id);
}

export type SessionResult = { actor: Actor } | { error: "missing" | "expired" | "idle" };

/**
 * Resolves a session cookie to its actor, enforcing revocation, the absolute lifetime and the idle
 * timeout (checked against the clock, so tests can move time).
 */
export async function resolveSession(db: Db, clock: Clock, token: string, ip: string | null): Promise<SessionResult> {
  const id = sm3(token);
  const now = clock.now().getTime();
  const policy = await getPolicy(db);
  const idleMs = policy.idleMinutes * 60_000;
  let entry = cache.get(id);
  if (!entry || Date.now() - entry.loadedAt > ACTOR_CACHE_MS) {
    const res = await db.execute<UserRow & { stage: Actor["stage"]; last_seen_at: string; expires_at: string }>(sql`
      SELECT s.stage, s.last_seen_at, s.expires_at, ${actorColumns}
      FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id = ${id} AND s.revoked_at IS NULL`);
    const row = res.rows[0];
    if (row?.status !== "active") {
      cache.delete(id);
      return { error: "missing" };
    }
    entry = {
      actor: toActor(row, { stage: row.stage, sessionId: id, tokenId: null, ip }),
      lastSeen: Math.max(new Date(row.last_seen_at).getTime(), entry?.lastSeen ?? 0),
      expiresAt: new Date(row.expires_at).getTime(),
      loadedAt: Date.now(),
    };
    cache.set(id, entry);
  }
  if (now > entry.expiresAt || now - entry.lastSeen > idleMs) {
    const reason = now > entry.expiresAt ? "expired" : "idle";
    await revokeSessions(db, clock, { ids: [id] }, reason === "idle" ? "空闲超时" : "超过最长会话时长");
    return { error: reason };
  }
  if (now - entry.lastSeen > TOUCH_EVERY_MS) {
    entry.lastSeen = now;
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(now) })
      .where(eq(sessions.id, id));
  }
  return { actor: { ...entry.actor, ip } };
}

/** Revokes sessions by id or all of a user's, and drops them from this instance's cache. */
export async function revokeSessions(
  db: Queryable,
  clock: Clock,
  which: { ids?: string[]; userId?: string },
  reason: string,
): Promise<string[]> {
  const target = which.ids ? inArray(sessions.id, which.ids) : eq(sessions.userId, which.userId ?? "");
  const rows = await db
    .update(sessions)
    .set({ revokedAt: clock.now(), revokeReason: reason })
    .where(and(target, isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  const ids = rows.map((r) => r.id);
  forgetCachedSessions(ids);
  return ids;
}

export async function setSessionStage(db: Queryable, id: string, stage: Actor["stage"]) {
  await db.update(sessions).set({ stage }).where(eq(sessions.id, id));
  forgetCachedSessions([id]);
}

/**
 * Resolves a personal API token ("slt_…") to its owner, unless revoked, expired (by its own date or by the
 * policy's tokenMaxDays since creation) or the user is disabled. A token limited to chosen permissions acts
 * with the intersection of those and its owner's current roles, so it never has more than the owner now has.
 */
export async function resolveApiToken(
  db: Queryable,
  clock: Clock,
  token: string,
  ip: string | null,
): Promise<{ actor: Actor; readOnly: boolean } | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const hash = sm3(token);
  const res = await db.execute<
    UserRow & {
      token_id: string;
      created_at: string;
      expires_at: string | null;
      last_used_at: string | null;
      token_permissions: string[] | string | null;
      read_only: boolean;
    }
  >(sql`
    SELECT t.id AS token_id, t.created_at, t.expires_at, t.last_used_at, t.permissions AS token_permissions,
      t.read_only, ${actorColumns}
    FROM api_tokens t JOIN users u ON u.id = t.user_id
    WHERE t.token_hash = ${hash} AND t.revoked_at IS NULL`);
  const row = res.rows[0];
  const now = clock.now();
  if (row?.status !== "active") return null;
  if (row.expires_at && new Date(row.expires_at) < now) return null;
  const policy = await getPolicy(db);
  if (new Date(row.created_at).getTime() + policy.tokenMaxDays * 86_400_000 < now.getTime()) return null;
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > TOUCH_EVERY_MS) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.token_id));
  }
  const actor = toActor(row, { stage: "full", sessionId: null, tokenId: row.token_id, ip });
  const allowed = pgTextArray(row.token_permissions);
  if (allowed) {
    const set = new Set(allowed);
    actor.roles = actor.roles.map((r) => ({ ...r, permissions: r.permissions.filter((p) => set.has(p)) }));
  }
  return { actor, readOnly: !!row.read_only };
}

/** A text[] column from a raw query: an array from node-postgres, or "{a,b}" text from some drivers. */
function pgTextArray(v: string[] | string | null): string[] | null {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v;
  const inner = v.replace(/^\{|\}$/g, "");
  return inner ? inner.split(",").map((s) => s.replace(/^"|"$/g, "")) : [];
}

export async function listActiveSessions(db: Queryable, clock: Clock, scopeSql: ReturnType<typeof sql> | undefined) {
  const policy = await getPolicy(db);
  const idleSince = new Date(clock.now().getTime() - policy.idleMinutes * 60_000).toISOString();
  const res = await db.execute<{
    id: string;
    user_id: string;
    username: string;
    display_name: string;
    ip: string | null;
    user_agent: string | null;
    created_at: string;
    last_seen_at: string;
  }>(sql`SELECT s.id, s.user_id, u.username, u.display_name, s.ip, s.user_agent, s.created_at, s.last_seen_at
    FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.revoked_at IS NULL AND s.expires_at > ${clock.now().toISOString()} AND s.last_seen_at > ${idleSince}
    ${scopeSql ? sql`AND ${scopeSql}` : sql``}
    ORDER BY s.last_seen_at DESC LIMIT 500`);
  return res.rows;
}

export async function userHasLiveSession(db: Queryable, userId: string) {
  const rows = await db
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .limit(1);
  return rows.length > 0;
}
