import { and, desc, eq, gte, ilike, inArray, lte, or, type SQL, sql } from "drizzle-orm";
import type { Actor } from "../../core/access.js";
import type { Clock } from "../../core/clock.js";
import { hmacSm3, sm3 } from "../../core/crypto.js";
import type { Db, Queryable, Tx } from "../../db/client.js";
import { containsPattern } from "../../db/sql.js";
import { auditKeysOf } from "./audit.keys.js";
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

export type ChainedFields = {
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

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The text as the database stores it: a lone surrogate becomes U+FFFD (what UTF-8 encoding does on the way in)
 * and NUL, which PostgreSQL text and jsonb refuse, becomes U+FFFD too. Applied to every string of an entry,
 * object keys included, before it is hashed and stored, so both see the same characters.
 */
export function storedText(s: string): string {
  return s.replace(LONE_SURROGATE, "\uFFFD").replaceAll("\u0000", "\uFFFD");
}

function storedValue(v: unknown): unknown {
  if (typeof v === "string") return storedText(v);
  if (Array.isArray(v)) return v.map(storedValue);
  if (v && typeof v === "object")
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>).map(([k, x]) => [storedText(k), storedValue(x)]),
    );
  return v;
}

function canonicalEntry(e: ChainedFields): string {
  return canonicalJson({
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
  });
}

/** Plain SM3 link of the entries written before keyed hashing (hash_alg 'sm3'). */
export function entryHash(prevHash: string, e: ChainedFields): string {
  return sm3(prevHash + canonicalEntry(e));
}

/** HMAC-SM3 link (hash_alg 'hmac-sm3'): without the key nobody can compute it, so nobody can re-chain. */
export function keyedEntryHash(key: Buffer, prevHash: string, e: ChainedFields): string {
  return hmacSm3(key, prevHash + canonicalEntry(e)).toString("hex");
}

/**
 * Appends one entry to the chain inside the caller's transaction, so the entry commits or rolls back
 * with the change it records. The advisory lock makes concurrent writers take their turn at the tail.
 * Strings are first put in the form the database stores (storedText), and the hash is checked again over
 * the row the INSERT returns: an entry whose stored form would not verify is never committed.
 */
export async function recordAudit(tx: Tx, clock: Clock, actor: Actor | null, input: AuditInput): Promise<void> {
  const keys = auditKeysOf(tx);
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1);
  const text = (v: string | null | undefined) => (v == null ? null : storedText(v));
  const fields: ChainedFields = {
    seq: (last?.seq ?? 0) + 1,
    at: clock.now().toISOString(),
    category: input.category,
    action: storedText(input.action),
    entity: text(input.entity),
    entityId: text(input.entityId),
    actorId: actor?.userId ?? null,
    actorName: text(actor ? `${actor.displayName}（${actor.username}）` : input.actorName),
    ip: text(actor?.ip ?? input.ip),
    regionCode: text(input.regionCode),
    orgId: input.orgId ?? null,
    outcome: input.outcome ?? "success",
    summary: text(input.summary),
    changes: input.changes === undefined ? null : storedValue(JSON.parse(JSON.stringify(input.changes))),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = keyedEntryHash(keys.current.key, prevHash, fields);
  const [stored] = await tx
    .insert(auditLog)
    .values({
      ...fields,
      category: input.category,
      outcome: fields.outcome as "success" | "failure",
      prevHash,
      hash,
      hashAlg: "hmac-sm3",
      keyId: keys.current.id,
    })
    .returning();
  if (keyedEntryHash(keys.current.key, prevHash, stored) !== hash)
    throw new Error(`审计记录第 ${fields.seq} 条写入后与其哈希不符，已撤销本次操作`);
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
  const names = await referencedNames(db, items);
  return {
    items: items.map((r) => ({
      ...r,
      at: new Date(r.at).toISOString(),
      orgName: r.orgId ? (names[r.orgId] ?? null) : null,
      regionName: r.regionCode ? (names[r.regionCode] ?? null) : null,
      names: namesFor(r, names),
    })),
    total,
    page,
    pageSize,
  };
}

const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REGION_FIELD = /regionCode$/;
const REGION_TEXT = /^\d{2,12}$/;
/** Fields holding role codes (sys_admin…): a role's own `code`, and role code lists elsewhere. */
const ROLE_CODE_FIELD = /^(roleCode|roleCodes)$/;
const ROLE_CODE_TEXT = /^[a-z][a-z0-9_]{1,31}$/;

/** Ids (any uuid) and region codes (values of *regionCode fields) inside an entry's changes. */
type Refs = { ids: Set<string>; regions: Set<string>; roles: Set<string>; orgTypes: Set<string> };

/** Ids (any uuid), region codes (values of *regionCode fields) and role codes inside an entry's changes. */
function collectRefs(v: unknown, field: string, refs: Refs, entity: string | null, depth = 0) {
  if (depth > 4 || v === null || v === undefined) return;
  const roleEntity = entity === "role";
  if (typeof v === "string") {
    if (UUID_TEXT.test(v)) refs.ids.add(v.toLowerCase());
    else if (entity === "org" && field === "type" && ROLE_CODE_TEXT.test(v)) refs.orgTypes.add(v);
    else if (REGION_FIELD.test(field) && REGION_TEXT.test(v)) refs.regions.add(v);
    else if ((ROLE_CODE_FIELD.test(field) || (roleEntity && field === "code")) && ROLE_CODE_TEXT.test(v))
      refs.roles.add(v);
  } else if (Array.isArray(v)) {
    for (const x of v.slice(0, 200)) collectRefs(x, field, refs, entity, depth + 1);
  } else if (typeof v === "object") {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) collectRefs(x, k, refs, entity, depth + 1);
  }
}

const refsOf = (r: AuditRow): Refs => {
  const refs: Refs = { ids: new Set(), regions: new Set(), roles: new Set(), orgTypes: new Set() };
  collectRefs(r.changes, "", refs, r.entity);
  return refs;
};

type AuditRow = typeof auditLog.$inferSelect;

/** What entries refer to, for a module that owns such objects to name them (see `registerAuditNameSource`). */
export type AuditRefs = { ids: string[]; regionCodes: string[]; roleCodes: string[]; orgTypeCodes: string[] };
type NameSource = (db: Queryable, refs: AuditRefs) => Promise<Record<string, string>>;
const nameSources: NameSource[] = [];

/**
 * A module that owns objects audit entries refer to (org: organizations and regions; identity: users and roles)
 * registers how to name them, so the audit module reads no other module's tables. Each source answers
 * `{ id or code: name }` for the refs it knows and ignores the rest.
 */
export function registerAuditNameSource(source: NameSource) {
  nameSources.push(source);
}

/**
 * Names of what entries refer to, whoever may see the referenced object (an audit reader reads the whole log):
 * organizations, users and roles by id, regions by code, roles by code (a role's own 编码 reads as its name) — for the entry's own organization and region and for
 * every id or region code in its changes. The console shows these instead of ids.
 */
async function referencedNames(db: Queryable, rows: AuditRow[]): Promise<Record<string, string>> {
  const ids = new Set<string>();
  const codes = new Set<string>();
  const orgTypes = new Set<string>();
  const roleCodes = new Set<string>();
  for (const r of rows) {
    if (r.orgId) ids.add(r.orgId);
    if (r.regionCode) codes.add(r.regionCode);
    const refs = refsOf(r);
    for (const x of refs.ids) ids.add(x);
    for (const x of refs.regions) codes.add(x);
    for (const x of refs.roles) roleCodes.add(x);
    for (const x of refs.orgTypes) orgTypes.add(x);
  }
  const names: Record<string, string> = {};
  const refs = { ids: [...ids], regionCodes: [...codes], roleCodes: [...roleCodes], orgTypeCodes: [...orgTypes] };
  for (const source of nameSources) Object.assign(names, await source(db, refs));
  return names;
}

/** The names one entry needs (its changes' ids and region codes). */
function namesFor(r: AuditRow, all: Record<string, string>): Record<string, string> {
  const refs = refsOf(r);
  const out: Record<string, string> = {};
  for (const k of [...refs.ids, ...refs.regions, ...refs.roles, ...refs.orgTypes]) if (all[k]) out[k] = all[k];
  return out;
}

/** Whether any entry is keyed: then a missing key file means a lost key, which must not be silently replaced. */
export async function hasKeyedAuditEntries(db: Queryable): Promise<boolean> {
  const [row] = await db.select({ seq: auditLog.seq }).from(auditLog).where(eq(auditLog.hashAlg, "hmac-sm3")).limit(1);
  return Boolean(row);
}
