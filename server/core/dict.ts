import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Queryable } from "../db/client.js";
import { dictItems } from "./core.schema.js";
import { errors } from "./errors.js";

/**
 * Dictionaries (字典): each module's configurable code lists (types, categories, reasons) live in `dict_items`
 * under a `dict_type` of the module's own (e.g. "base_kind", "activity_type"). Codes are stable and stored on
 * the records; labels are read at display time, so a label renamed by an administrator shows everywhere at once.
 */
export type DictEntry = { code: string; label: string; sort: number };

/** The enabled entries of one dictionary, in their order. */
export async function listDict(db: Queryable, dictType: string): Promise<DictEntry[]> {
  return db
    .select({ code: dictItems.code, label: dictItems.label, sort: dictItems.sort })
    .from(dictItems)
    .where(and(eq(dictItems.dictType, dictType), eq(dictItems.enabled, true)))
    .orderBy(asc(dictItems.sort));
}

/**
 * code → label of one dictionary, disabled entries included (old records keep their label), in the dictionary's
 * order (the Map's keys iterate as the administrator sorted them).
 */
export async function dictLabels(db: Queryable, dictType: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ code: dictItems.code, label: dictItems.label })
    .from(dictItems)
    .where(eq(dictItems.dictType, dictType))
    .orderBy(asc(dictItems.sort), asc(dictItems.code));
  return new Map(rows.map((r) => [r.code, r.label]));
}

/**
 * Seeds a module's default entries at start (from `prepareDatabase`, so the test template carries them). Existing
 * codes are left alone: an administrator's label, order or disabling survives every restart.
 */
export async function seedDict(db: Queryable, dictType: string, entries: readonly (readonly [string, string])[]) {
  if (entries.length === 0) return;
  await db
    .insert(dictItems)
    .values(entries.map(([code, label], i) => ({ dictType, code, label, sort: i + 1 })))
    .onConflictDoNothing();
}

/** Refuses a code that is not an enabled entry of the dictionary: 400 on `field`, naming the field in Chinese. */
export async function requireDictCode(db: Queryable, dictType: string, code: string, field: string): Promise<string> {
  const [row] = await db
    .select({ label: dictItems.label })
    .from(dictItems)
    .where(and(eq(dictItems.dictType, dictType), eq(dictItems.code, code), eq(dictItems.enabled, true)));
  if (!row) throw errors.field(field, "dict.code_unknown", { code });
  return row.label;
}

/** The label of a code column as a subquery, for a select, WHERE or ORDER BY (the code itself when unknown). */
export function dictLabelSql(dictType: string, col: AnyPgColumn | SQL): SQL<string> {
  return sql<string>`coalesce((select ${dictItems.label} from ${dictItems} where ${dictItems.dictType} = ${dictType} and ${dictItems.code} = ${col}), ${col})`;
}

/**
 * The dictionary registry: each module names its dictionary types (shown in 字典管理; an unregistered type shows
 * its code) and says how many records use a code, so an administrator can never delete a code still in use.
 * Register at module load (top level of the module's service file), beside `seedDict`.
 */
export type DictTypeInfo = { name: string; module: string };
export type DictUsageCounter = (db: Queryable, code: string) => Promise<number>;

const dictTypeRegistry = new Map<string, DictTypeInfo>();
const dictUsageRegistry = new Map<string, DictUsageCounter[]>();

export function registerDictType(dictType: string, info: DictTypeInfo) {
  dictTypeRegistry.set(dictType, info);
}

/** Adds a count of the records using a code of `dictType` (several modules may count the same type). */
export function registerDictUsage(dictType: string, count: DictUsageCounter) {
  dictUsageRegistry.set(dictType, [...(dictUsageRegistry.get(dictType) ?? []), count]);
}

export function registeredDictTypes(): ReadonlyMap<string, DictTypeInfo> {
  return dictTypeRegistry;
}

/** Records using the code, or null when no module counts this type's use (then no code of it may be deleted). */
export async function dictCodeUsage(db: Queryable, dictType: string, code: string): Promise<number | null> {
  const counters = dictUsageRegistry.get(dictType);
  if (!counters?.length) return null;
  let total = 0;
  for (const count of counters) total += await count(db, code);
  return total;
}
