import { type AnyColumn, and, eq, gte, lte, type SQL, sql } from "drizzle-orm";
import type { DataScope, Permission } from "../../contracts/identity.js";
import { errors } from "./errors.js";

export type ActorRole = {
  id: string;
  code: string;
  name: string;
  dataScope: DataScope;
  adminKind: "system" | "security" | "audit" | null;
  permissions: string[];
};

/** Who is making a request: the user, their organization and region, roles, and how they signed in. */
export type Actor = {
  userId: string;
  username: string;
  displayName: string;
  orgId: string;
  orgName: string;
  regionCode: string;
  roles: ActorRole[];
  stage: "full" | "change_password" | "enrol_totp";
  sessionId: string | null;
  tokenId: string | null;
  ip: string | null;
};

export type Scope =
  | { kind: "all" }
  | { kind: "region_tree"; prefix: string }
  | { kind: "region"; code: string }
  | { kind: "org"; orgId: string; regionCode: string }
  | { kind: "self"; userId: string; orgId: string; regionCode: string };

const SCOPE_RANK: Record<DataScope, number> = { self: 0, org: 1, region: 2, region_tree: 3, all: 4 };

export function permissionsOf(actor: Actor): Set<string> {
  const set = new Set<string>();
  for (const r of actor.roles) for (const p of r.permissions) set.add(p);
  return set;
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.roles.some((r) => r.permissions.includes(permission));
}

/**
 * The data scope the actor has for one permission: the widest scope among the roles that grant it.
 * Scopes are nested (本人 ⊂ 本单位 ⊂ 本级区划 ⊂ 本级及下级 ⊂ 全部), so the widest one is the union.
 */
export function scopeFor(actor: Actor, permission: Permission): Scope | null {
  let best: DataScope | null = null;
  for (const r of actor.roles) {
    if (!r.permissions.includes(permission)) continue;
    if (best === null || SCOPE_RANK[r.dataScope] > SCOPE_RANK[best]) best = r.dataScope;
  }
  return best === null ? null : toScope(actor, best);
}

export function widestScope(actor: Actor): DataScope {
  let best: DataScope = "self";
  for (const r of actor.roles) if (SCOPE_RANK[r.dataScope] > SCOPE_RANK[best]) best = r.dataScope;
  return best;
}

export function toScope(actor: Actor, kind: DataScope): Scope {
  switch (kind) {
    case "all":
      return { kind: "all" };
    case "region_tree":
      return { kind: "region_tree", prefix: actor.regionCode };
    case "region":
      return { kind: "region", code: actor.regionCode };
    case "org":
      return { kind: "org", orgId: actor.orgId, regionCode: actor.regionCode };
    case "self":
      return { kind: "self", userId: actor.userId, orgId: actor.orgId, regionCode: actor.regionCode };
  }
}

export function requireScope(actor: Actor, permission: Permission): Scope {
  const scope = scopeFor(actor, permission);
  if (!scope) throw errors.forbidden(permission);
  return scope;
}

/**
 * "This region and everything below it" as a range on region_code: codes are digit strings of at most 12
 * characters, so every code starting with the prefix lies between the prefix and the prefix padded with 9s.
 * A range, unlike LIKE 'prefix%', uses a plain btree index under any collation, and the index order too.
 */
export function regionTreeWhere(col: AnyColumn, prefix: string): SQL {
  return and(gte(col, prefix), lte(col, prefix.padEnd(12, "9"))) as SQL;
}

/**
 * The SQL condition limiting rows to a scope. `region` is the row's region_code column, `org` its
 * org_id column, `owner` the column naming the user who owns the row (for 本人; falls back to org).
 */
export function scopeWhere(
  scope: Scope,
  cols: { region: AnyColumn; org?: AnyColumn; owner?: AnyColumn },
): SQL | undefined {
  switch (scope.kind) {
    case "all":
      return undefined;
    case "region_tree":
      return regionTreeWhere(cols.region, scope.prefix);
    case "region":
      return eq(cols.region, scope.code);
    case "org":
      return cols.org ? eq(cols.org, scope.orgId) : sql`false`;
    case "self":
      if (cols.owner) return eq(cols.owner, scope.userId);
      return cols.org ? eq(cols.org, scope.orgId) : sql`false`;
  }
}

/** Whether a row with this region (and org/owner) lies within the scope: for writes that target a place. */
export function inScope(
  scope: Scope,
  row: { regionCode: string; orgId?: string | null; ownerId?: string | null },
): boolean {
  switch (scope.kind) {
    case "all":
      return true;
    case "region_tree":
      return row.regionCode.startsWith(scope.prefix);
    case "region":
      return row.regionCode === scope.code;
    case "org":
      return row.orgId === scope.orgId;
    case "self":
      return row.ownerId !== undefined ? row.ownerId === scope.userId : row.orgId === scope.orgId;
  }
}

/** The region code at the root of a scope, for pickers and the home page ("您可查看：通辽市及下级"). */
export function scopeRoot(scope: Scope): string {
  switch (scope.kind) {
    case "all":
      return "";
    case "region_tree":
      return scope.prefix;
    case "region":
      return scope.code;
    case "org":
    case "self":
      return scope.regionCode;
  }
}
