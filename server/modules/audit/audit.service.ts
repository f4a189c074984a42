import { and, desc, eq, gte, ilike, inArray, lte, or, type SQL, sql } from "drizzle-orm";
import type { Actor } from "../../core/access.js";
import type { Clock } from "../../core/clock.js";
import { sm3 } from "../../core/crypto.js";
import type { Db, Queryable, Tx } from "../../db/client.js";
import { containsPattern } from "../../db/sql.js";
import { auditLog } from "./audit.schema.js";

/** Key of the transaction-level advisory lock that serialises appends to the hash chain. */
const AUDIT_CHAIN_LOCK = 2_026_115_002;
export const GENESIS_HASH = "0".repeat(64);

export type AuditInput = {
  category: "data" | "auth" | "access" | "export";
  action: string;
  entity?: string | null;
  entityId?: string | null;
  regionCode?: string | null;
  orgId?: string | null;
  outcome?: "success" | "failure";
  summary?: string | null;
  changes?: unknown;
  /** Set when there is no signed-in actor (failed logins). */
  actorName?: string | null;
  ip?: string | null;
};

type ChainedFields = {
  seq: number;
  at: string;
  category: string;
  action: string;
  entity: string | null;
  entityId: string | null;
  actorId: string | null;
  actorName: string | null;
  ip: string | null;
  regionCode: string | null;
  orgId: string | null;
  outcome: string;
  summary: string | null;
  changes: unknown;
};

/** JSON with keys sorted at every depth, so the hash does not depend on how jsonb orders keys. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function entryHash(prevHash: string, e: ChainedFields): string {
  return sm3(
    prevHash +
      canonicalJson({
        seq: e.seq,
        at: new Date(e.at).toISOString(),
        category: e.category,
        action: e.action,
        entity: e.entity,
        entityId: e.entityId,
        actorId: e.actorId,
        actorName: e.actorName,
        ip: e.ip,
        regionCode: e.regionCode,
        orgId: e.orgId,
        outcome: e.outcome,
        summary: e.summary,
        changes: e.changes ?? null,
      }),
  );
}

/**
 * Appends one entry to the chain inside the caller's transaction, so the entry commits or rolls back
 * with the change it records. The advisory lock makes concurrent writers take their turn at the tail.
 */
export async function recordAudit(tx: Tx, clock: Clock, actor: Actor | null, input: AuditInput): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1);
  const fields: ChainedFields = {
    seq: (last?.seq ?? 0) + 1,
    at: clock.now().toISOString(),
    category: input.category,
    action: input.action,
    entity: input.entity ?? null,
    entityId: input.entityId ?? null,
    actorId: actor?.userId ?? null,
    actorName: actor ? `${actor.displayName}（${actor.username}）` : (input.actorName ?? null),
    ip: actor?.ip ?? input.ip ?? null,
    regionCode: input.regionCode ?? null,
    orgId: input.orgId ?? null,
    outcome: input.outcome ?? "success",
    summary: input.summary ?? null,
    changes: input.changes === undefined ? null : JSON.parse(JSON.stringify(input.changes)),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  await tx.insert(auditLog).values({
    ...fields,
    category: input.category,
    outcome: fields.outcome as "success" | "failure",
    prevHash,
    hash: entryHash(prevHash, fields),
  });
}

/** Records an entry in a transaction of its own (logins, reads, exports). */
export function recordAuditNow(db: Db, clock: Clock, actor: Actor | null, input: AuditInput) {
  return db.transaction((tx) => recordAudit(tx, clock, actor, input));
}

const SENSITIVE = new Set(["password", "passwordHash", "phone", "phoneEnc", "totpSecretEnc", "tokenHash"]);

/** Field-by-field changes { field: [before, after] }, sensitive values masked. */
export function diff(before: Record<string, unknown> | null, after: Record<string, unknown> | null) {
  const out: Record<string, [unknown, unknown]> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const k of keys) {
    if (k === "updatedAt" || k === "createdAt") continue;
    const b = before?.[k] ?? null;
    const a = after?.[k] ?? null;
    if (canonicalJson(b) === canonicalJson(a)) continue;
    out[k] = SENSITIVE.has(k) ? [b === null ? null : "***", a === null ? null : "***"] : [b, a];
  }
  return out;
}

export type VerifyResult = { ok: boolean; checked: number; firstBad: { seq: number; reason: string } | null };

/** Walks the whole chain in order and names the first entry whose link or content does not hold. */
export async function verifyChain(db: Queryable, batch = 5000): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(gte(auditLog.seq, expectedSeq))
      .orderBy(auditLog.seq)
      .limit(batch);
    if (rows.length === 0) break;
    for (const r of rows) {
      if (r.seq !== expectedSeq) {
        return { ok: false, checked, firstBad: { seq: expectedSeq, reason: `缺少第 ${expectedSeq} 条（已被删除）` } };
      }
      if (r.prevHash !== prevHash) {
        return { ok: false, checked, firstBad: { seq: r.seq, reason: "与上一条的链接哈希不一致" } };
      }
      if (entryHash(prevHash, r) !== r.hash) {
        return { ok: false, checked, firstBad: { seq: r.seq, reason: "内容已被修改（哈希不符）" } };
      }
      prevHash = r.hash;
      expectedSeq++;
      checked++;
    }
  }
  return { ok: true, checked, firstBad: null };
}

export type AuditFilter = {
  category?: "data" | "auth" | "access" | "export";
  /** Several categories at once (a record's 操作记录: changes and personal-data reads). */
  categories?: ("data" | "auth" | "access" | "export")[];
  action?: string;
  entity?: string;
  entityId?: string;
  actorId?: string;
  outcome?: "success" | "failure";
  from?: string;
  to?: string;
  q?: string;
};

export function auditWhere(f: AuditFilter): SQL | undefined {
  const conds: (SQL | undefined)[] = [
    f.category ? eq(auditLog.category, f.category) : undefined,
    f.categories ? inArray(auditLog.category, f.categories) : undefined,
    f.action ? eq(auditLog.action, f.action) : undefined,
    f.entity ? eq(auditLog.entity, f.entity) : undefined,
    f.entityId ? eq(auditLog.entityId, f.entityId) : undefined,
    f.actorId ? eq(auditLog.actorId, f.actorId) : undefined,
    f.outcome ? eq(auditLog.outcome, f.outcome) : undefined,
    f.from ? gte(auditLog.at, new Date(f.from).toISOString()) : undefined,
    f.to ? lte(auditLog.at, new Date(f.to).toISOString()) : undefined,
    f.q
      ? or(ilike(auditLog.summary, containsPattern(f.q)), ilike(auditLog.actorName, containsPattern(f.q)))
      : undefined,
  ];
  return and(...conds.filter(Boolean));
}

export async function findAudit(db: Queryable, f: AuditFilter, page: number, pageSize: number) {
  const where = auditWhere(f);
  const [items, [{ total }]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.seq))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(auditLog).where(where),
  ]);
  return {
    items: items.map((r) => ({ ...r, at: new Date(r.at).toISOString() })),
    total,
    page,
    pageSize,
  };
}
