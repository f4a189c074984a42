/**
 * 字典管理: administrators edit every module's code lists (dict_items) in one place. Codes are stable (stored on
 * records); a label renamed here shows everywhere at once because every list reads labels at display time.
 * A code is deleted only when its module counts no record using it; otherwise it can only be disabled.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { DictEntryRow, DictTypeRow } from "../../../contracts/system.js";
import type { Ctx } from "../../core/context.js";
import { dictItems } from "../../core/core.schema.js";
import { dictCodeUsage, registeredDictTypes } from "../../core/dict.js";
import { errors } from "../../core/errors.js";
import type { Db, Queryable, Tx } from "../../db/client.js";
import { diff, recordAudit } from "../audit/index.js";

export const dictEntityId = (type: string, code: string) => `${type}/${code}`;

/** Every dictionary type: registered by a module, or present in the table. */
export async function listDictTypes(db: Db): Promise<DictTypeRow[]> {
  const counts = await db
    .select({
      type: dictItems.dictType,
      entries: sql<number>`count(*)::int`,
      enabled: sql<number>`count(*) filter (where ${dictItems.enabled})::int`,
    })
    .from(dictItems)
    .groupBy(dictItems.dictType);
  const byType = new Map(counts.map((c) => [c.type, c]));
  const types = new Set([...registeredDictTypes().keys(), ...byType.keys()]);
  return [...types]
    .map((type) => {
      const info = registeredDictTypes().get(type);
      return {
        type,
        name: info?.name ?? type,
        module: info?.module ?? null,
        entries: byType.get(type)?.entries ?? 0,
        enabled: byType.get(type)?.enabled ?? 0,
      };
    })
    .sort((a, b) => (a.module ?? "~").localeCompare(b.module ?? "~", "zh") || a.name.localeCompare(b.name, "zh"));
}

async function assertTypeKnown(db: Queryable, type: string) {
  if (registeredDictTypes().has(type)) return;
  const [row] = await db.select({ code: dictItems.code }).from(dictItems).where(eq(dictItems.dictType, type)).limit(1);
  if (!row) throw errors.notFound("dict_type");
}

/** All entries of a type, disabled ones included, each with the number of records using it. */
export async function listDictEntries(db: Db, type: string): Promise<DictEntryRow[]> {
  await assertTypeKnown(db, type);
  const rows = await db
    .select()
    .from(dictItems)
    .where(eq(dictItems.dictType, type))
    .orderBy(asc(dictItems.sort), asc(dictItems.code));
  const out: DictEntryRow[] = [];
  for (const r of rows) {
    out.push({
      code: r.code,
      label: r.label,
      labelMn: r.labelMn,
      sort: r.sort,
      enabled: r.enabled,
      usage: await dictCodeUsage(db, type, r.code),
    });
  }
  return out;
}

async function entryOf(db: Queryable, type: string, code: string) {
  const [row] = await db
    .select()
    .from(dictItems)
    .where(and(eq(dictItems.dictType, type), eq(dictItems.code, code)));
  if (!row) throw errors.notFound("dict_item");
  return row;
}

const typeName = (type: string) => registeredDictTypes().get(type)?.name ?? type;
const view = (r: typeof dictItems.$inferSelect) => ({ label: r.label, labelMn: r.labelMn, enabled: r.enabled });

function audit(ctx: Ctx, tx: Tx, action: string, type: string, code: string, summary: string, changes: unknown) {
  return recordAudit(tx, ctx.clock, ctx.actor, {
    category: "data",
    action,
    entity: "dict_item",
    entityId: dictEntityId(type, code),
    summary: `${summary}（${typeName(type)}）`,
    changes: changes as Record<string, [unknown, unknown]>,
  });
}

export async function createDictEntry(
  ctx: Ctx,
  type: string,
  input: { code: string; label: string; labelMn?: string },
) {
  await ctx.db.transaction(async (tx) => {
    await assertTypeKnown(tx, type);
    const [taken] = await tx
      .select({ code: dictItems.code })
      .from(dictItems)
      .where(and(eq(dictItems.dictType, type), eq(dictItems.code, input.code)));
    if (taken) throw errors.field("code", "system.dict_code_taken", { code: input.code });
    const [last] = await tx
      .select({ sort: sql<number>`coalesce(max(${dictItems.sort}), 0)::int` })
      .from(dictItems)
      .where(eq(dictItems.dictType, type));
    const [row] = await tx
      .insert(dictItems)
      .values({
        dictType: type,
        code: input.code,
        label: input.label,
        labelMn: input.labelMn || null,
        sort: last.sort + 1,
      })
      .returning();
    await audit(
      ctx,
      tx,
      "dict.create",
      type,
      input.code,
      `新增字典项“${input.label}”`,
      diff({}, { code: row.code, ...view(row) }),
    );
  });
  return (await listDictEntries(ctx.db, type)).find((e) => e.code === input.code)!;
}

export async function updateDictEntry(
  ctx: Ctx,
  type: string,
  code: string,
  input: { label?: string; labelMn?: string; enabled?: boolean },
) {
  await ctx.db.transaction(async (tx) => {
    const before = await entryOf(tx, type, code);
    const set = {
      ...(input.label !== undefined ? { label: input.label } : {}),
      ...(input.labelMn !== undefined ? { labelMn: input.labelMn || null } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
    };
    const [after] = await tx
      .update(dictItems)
      .set(set)
      .where(and(eq(dictItems.dictType, type), eq(dictItems.code, code)))
      .returning();
    const changes = diff(view(before), view(after));
    if (Object.keys(changes).length === 0) return;
    const [action, verb] =
      input.enabled !== undefined && before.enabled !== after.enabled && Object.keys(changes).length === 1
        ? after.enabled
          ? ["dict.enable", "启用"]
          : ["dict.disable", "停用"]
        : ["dict.update", "修改"];
    await audit(ctx, tx, action, type, code, `${verb}字典项“${after.label}”`, changes);
  });
  return (await listDictEntries(ctx.db, type)).find((e) => e.code === code)!;
}

/** Puts the entries in the given order (every code of the type, once). */
export async function reorderDict(ctx: Ctx, type: string, codes: string[]) {
  await ctx.db.transaction(async (tx) => {
    await assertTypeKnown(tx, type);
    const rows = await tx
      .select({ code: dictItems.code, sort: dictItems.sort })
      .from(dictItems)
      .where(eq(dictItems.dictType, type))
      .orderBy(asc(dictItems.sort), asc(dictItems.code));
    const have = new Set(rows.map((r) => r.code));
    if (codes.length !== have.size || new Set(codes).size !== codes.length || codes.some((c) => !have.has(c)))
      throw errors.field("codes", "system.dict_order_mismatch");
    for (const [i, code] of codes.entries())
      await tx
        .update(dictItems)
        .set({ sort: i + 1 })
        .where(and(eq(dictItems.dictType, type), eq(dictItems.code, code)));
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "dict.reorder",
      entity: "dict_type",
      entityId: type,
      summary: `调整字典“${typeName(type)}”的排列顺序`,
      changes: { codes: [rows.map((r) => r.code), codes] },
    });
  });
  return listDictEntries(ctx.db, type);
}

/** Deletes an entry no record uses (its module's counter says 0); any other is refused with 409. */
export async function deleteDictEntry(ctx: Ctx, type: string, code: string) {
  await ctx.db.transaction(async (tx) => {
    const before = await entryOf(tx, type, code);
    const usage = await dictCodeUsage(tx, type, code);
    if (usage === null) throw errors.conflict("DICT_USAGE_UNKNOWN", "system.dict_usage_unknown");
    if (usage > 0)
      throw errors.conflict("DICT_IN_USE", "system.dict_in_use", { label: before.label, count: usage }, { usage });
    await tx.delete(dictItems).where(and(eq(dictItems.dictType, type), eq(dictItems.code, code)));
    await audit(ctx, tx, "dict.delete", type, code, `删除字典项“${before.label}”`, diff({ code, ...view(before) }, {}));
  });
}
