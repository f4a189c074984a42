/**
 * A base named through 示范创建 enters the registry when it is named. The 示范创建 categories of bases are the
 * dictionary entries whose code is `base_` + a 基地类别 code (e.g. `base_unity_progress` for 民族团结进步教育基地),
 * added by the department with their own indicator set; when a naming decision names a unit in such a category,
 * creation calls `enterBaseFromNaming` in the decision's transaction and the unit becomes an active base of that
 * kind and level, supervised by the naming department, its term the designation's validity.
 */
import { and, eq, ne } from "drizzle-orm";
import { BASE_KIND_DICT } from "../../../contracts/bases.js";
import type { Ctx } from "../../core/context.js";
import { dictLabels } from "../../core/dict.js";
import type { Tx } from "../../db/client.js";
import { recordAudit } from "../audit/index.js";
import { bases } from "./bases.schema.js";
import { baseSearch, termEndOf } from "./registry.service.js";

export const BASE_CATEGORY_PREFIX = "base_";

export type NamedUnit = {
  orgId: string;
  unitName: string;
  regionCode: string;
  /** The 示范创建 category code. */
  category: string;
  level: "national" | "region" | "city" | "county";
  namedOn: string;
  validityYears: number;
  docNumber: string;
};

/** The base kind of a 示范创建 category, or null when the category is not one of bases. */
export async function baseKindOfCategory(tx: Tx, category: string): Promise<string | null> {
  if (!category.startsWith(BASE_CATEGORY_PREFIX)) return null;
  const kind = category.slice(BASE_CATEGORY_PREFIX.length);
  return (await dictLabels(tx, BASE_KIND_DICT)).has(kind) ? kind : null;
}

/**
 * Registers the named unit as a base (in the caller's transaction, audited), unless its category is not one of
 * bases or the unit already has a base of that kind in the registry. Returns the new base's id, or null.
 */
export async function enterBaseFromNaming(tx: Tx, ctx: Ctx, unit: NamedUnit): Promise<string | null> {
  const kind = await baseKindOfCategory(tx, unit.category);
  if (!kind) return null;
  const [existing] = await tx
    .select({ id: bases.id })
    .from(bases)
    .where(and(eq(bases.orgId, unit.orgId), eq(bases.kind, kind), ne(bases.status, "revoked")))
    .limit(1);
  if (existing) return null;
  const now = ctx.clock.now();
  const values = {
    name: unit.unitName,
    kind,
    level: unit.level,
    orgId: unit.orgId,
    supervisingOrgId: ctx.actor.orgId,
    regionCode: unit.regionCode,
    namedOn: unit.namedOn,
    namedBy: `${ctx.actor.orgName}（${unit.docNumber}）`,
    termYears: unit.validityYears,
    termEndsOn: termEndOf(unit.namedOn, unit.validityYears),
  };
  const [row] = await tx
    .insert(bases)
    .values({ ...values, search: baseSearch({ name: unit.unitName }), createdAt: now, updatedAt: now })
    .returning({ id: bases.id });
  await recordAudit(tx, ctx.clock, ctx.actor, {
    category: "data",
    action: "base.create",
    entity: "base",
    entityId: row.id,
    regionCode: unit.regionCode,
    orgId: unit.orgId,
    summary: `示范创建命名（${unit.docNumber}）：“${unit.unitName}”登记为教育基地`,
    changes: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, [null, v]])),
  });
  return row.id;
}
