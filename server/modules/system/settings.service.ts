/**
 * 参数设置: the registered setting groups (core/settings.ts) as the caller may see and change them. A group is
 * shown to whoever holds its permission; a change is validated field by field and audited in the same
 * transaction (the group's history is its audit entries).
 */
import { sql } from "drizzle-orm";
import type { SettingGroupView } from "../../../contracts/system.js";
import type { Actor } from "../../core/access.js";
import { can } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { settings } from "../../core/core.schema.js";
import { errors } from "../../core/errors.js";
import {
  forgetSettings,
  getSettings,
  parseSettings,
  type SettingGroup,
  settingGroup,
  settingGroups,
} from "../../core/settings.js";
import { diff, recordAudit } from "../audit/index.js";

type Bounds = { minValue?: number | null; maxValue?: number | null };

function fieldType(v: unknown): "number" | "boolean" | "string" {
  return typeof v === "number" ? "number" : typeof v === "boolean" ? "boolean" : "string";
}

async function viewOf(ctx: Pick<Ctx, "db">, g: SettingGroup): Promise<SettingGroupView> {
  const values = await getSettings(ctx.db, g.key);
  return {
    key: g.key,
    name: g.name,
    permission: g.permission,
    fields: Object.entries(g.fields).map(([name, f]) => {
      const b = f.schema as unknown as Bounds;
      return {
        name,
        label: f.label,
        help: f.help,
        unit: f.unit ?? null,
        type: fieldType(g.defaults[name]),
        value: values[name] as number | boolean | string,
        default: g.defaults[name] as number | boolean | string,
        min: typeof b.minValue === "number" && Number.isFinite(b.minValue) ? b.minValue : null,
        max: typeof b.maxValue === "number" && Number.isFinite(b.maxValue) ? b.maxValue : null,
      };
    }),
  };
}

/** The groups the caller may change (holding the group's permission). */
export async function listSettingGroups(ctx: Ctx): Promise<SettingGroupView[]> {
  const out: SettingGroupView[] = [];
  for (const g of settingGroups()) if (can(ctx.actor, g.permission)) out.push(await viewOf(ctx, g));
  return out;
}

export function groupFor(actor: Actor, key: string): SettingGroup {
  const g = settingGroup(key);
  if (!g || !can(actor, g.permission)) throw errors.notFound("setting");
  return g;
}

export async function updateSettingGroup(ctx: Ctx, key: string, input: Record<string, unknown>) {
  const g = groupFor(ctx.actor, key);
  const before = await getSettings(ctx.db, key);
  const current = Object.fromEntries(Object.keys(g.fields).map((name) => [name, before[name]]));
  const next = parseSettings(g, { ...current, ...input });
  if (g.save) await g.save(ctx, next);
  else {
    await ctx.db.transaction(async (tx) => {
      await tx
        .insert(settings)
        .values({ key, value: next })
        .onConflictDoUpdate({ target: settings.key, set: { value: next, updatedAt: sql`now()` } });
      await recordAudit(tx, ctx.clock, ctx.actor, {
        category: "data",
        action: "setting.update",
        entity: "setting",
        entityId: key,
        summary: `修改参数设置“${g.name}”`,
        changes: diff(before, next),
      });
    });
    g.changed?.(ctx.db);
  }
  forgetSettings(ctx.db, key);
  return viewOf(ctx, g);
}
