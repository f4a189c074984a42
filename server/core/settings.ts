import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { Permission } from "../../contracts/identity.js";
import type { Queryable } from "../db/client.js";
import type { Ctx } from "./context.js";
import { settings } from "./core.schema.js";
import { type FieldError, validationError } from "./errors.js";

/**
 * 参数设置: typed platform settings. A module registers a group of fields (each with a zod schema, a default,
 * a Chinese label and help text) stored together as one JSON value under the group's key in `settings`; the
 * 参数设置 page lists every group, the caller edits those whose permission they hold, and each change is audited
 * (its history is the group's audit entries). Read with `getSettings(db, group)`: cached for a few seconds per
 * database, so a change made on any instance takes effect on every instance within that time.
 */
export type SettingField = {
  label: string;
  help: string;
  /** Shown after the number (天, 次, MB). */
  unit?: string;
  schema: z.ZodType<number> | z.ZodType<boolean> | z.ZodType<string>;
};
export type SettingGroup<T extends Record<string, unknown> = Record<string, unknown>> = {
  key: string;
  name: string;
  /** Who may change it (everybody with the page sees it only if they hold this permission). */
  permission: Permission;
  defaults: T;
  fields: { [K in keyof T]: SettingField };
  /** A group with its own writer (the security policy keeps its own audit action); else the generic one. */
  save?: (ctx: Ctx, value: T) => Promise<unknown>;
  /** Called after the generic writer, so the owner can drop its own cache. */
  changed?: (db: object) => void;
};

const groups = new Map<string, SettingGroup>();

export function registerSettingGroup<T extends Record<string, unknown>>(group: SettingGroup<T>) {
  groups.set(group.key, group as unknown as SettingGroup);
}
export const settingGroups = (): SettingGroup[] => [...groups.values()];
export const settingGroup = (key: string) => groups.get(key);

const CACHE_MS = 10_000;
const cache = new WeakMap<object, Map<string, { value: Record<string, unknown>; at: number }>>();

export function forgetSettings(db: object, key: string) {
  cache.get(db)?.delete(key);
}

/** The group's values: stored ones over the defaults (a field added later reads its default). */
export async function getSettings<T extends Record<string, unknown>>(db: Queryable, key: string): Promise<T> {
  const group = groups.get(key);
  const hit = cache.get(db)?.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value as T;
  const [row] = await db.select().from(settings).where(eq(settings.key, key));
  const stored = (row?.value ?? {}) as Record<string, unknown>;
  const value = { ...(group?.defaults ?? {}), ...stored };
  const perDb = cache.get(db) ?? new Map();
  perDb.set(key, { value, at: Date.now() });
  cache.set(db, perDb);
  return value as T;
}

/**
 * Checks a full value of the group field by field: a bad one is a 400 naming the field by its Chinese label;
 * unknown fields are refused the same way.
 */
export function parseSettings(group: SettingGroup, input: Record<string, unknown>): Record<string, unknown> {
  const problems: FieldError[] = [];
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(input))
    if (!(name in group.fields)) problems.push({ field: name, label: name, message: "不是这一组的参数" });
  for (const [name, field] of Object.entries(group.fields)) {
    const r = field.schema.safeParse(name in input ? input[name] : group.defaults[name]);
    if (r.success) out[name] = r.data;
    else problems.push({ field: name, label: field.label, message: r.error.issues[0]?.message ?? "取值不正确" });
  }
  if (problems.length) throw validationError(problems);
  return out;
}
