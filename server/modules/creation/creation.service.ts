/**
 * What every part of the creation module shares: the "8+N进" category dictionary, names of regions and
 * units for views, the two event tables (an application's 审核记录 and a designation's history), and the
 * error for an illegal transition.
 */
import { and, eq, sql } from "drizzle-orm";
import {
  CATEGORY_GROUP_LABELS,
  type Category,
  CREATION_CATEGORY_DICT,
  categoryGroupOf,
  DEFAULT_CREATION_CATEGORIES,
  REVIEW_LEVEL_LABELS,
} from "../../../contracts/creation.js";
import type { Actor } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { dictItems } from "../../core/core.schema.js";
import { registerDictType, registerDictUsage } from "../../core/dict.js";
import { errors } from "../../core/errors.js";
import type { Queryable, Tx } from "../../db/client.js";
import { ancestorCodes, orgBriefs, regionNames } from "../org/index.js";
import {
  creationApplicationEvents,
  creationApplications,
  creationBatches,
  creationCandidates,
  creationDesignationEvents,
  creationDesignations,
  creationTargets,
} from "./creation.schema.js";

registerDictType(CREATION_CATEGORY_DICT, { name: "创建类别（8+N进）", module: "创建" });
registerDictUsage(CREATION_CATEGORY_DICT, async (db, code) => {
  const [row] = await db
    .select({
      n: sql<number>`(
      (select count(*) from ${creationCandidates} where ${creationCandidates.category} = ${code})
      + (select count(*) from ${creationApplications} where ${creationApplications.category} = ${code})
      + (select count(*) from ${creationDesignations} where ${creationDesignations.category} = ${code})
      + (select count(*) from ${creationTargets} where ${creationTargets.category} = ${code})
      + (select count(*) from ${creationBatches} where ${code} = any(${creationBatches.categories}))
    )::int`,
    })
    .from(sql`(select 1) as one`);
  return row?.n ?? 0;
});

/** Seeds the creation categories once (labels stay editable in the dictionary; new "N" categories can be added). */
export async function seedCreationCategories(db: Queryable) {
  await db
    .insert(dictItems)
    .values(
      DEFAULT_CREATION_CATEGORIES.map(([code, label], i) => ({
        dictType: CREATION_CATEGORY_DICT,
        code,
        label,
        sort: i + 1,
      })),
    )
    .onConflictDoNothing();
}

/** The enabled categories, in dictionary order. */
export async function listCategories(db: Queryable): Promise<Category[]> {
  const rows = await db
    .select({ code: dictItems.code, label: dictItems.label, sort: dictItems.sort })
    .from(dictItems)
    .where(and(eq(dictItems.dictType, CREATION_CATEGORY_DICT), eq(dictItems.enabled, true)))
    .orderBy(dictItems.sort, dictItems.code);
  return rows.map((r) => {
    const group = categoryGroupOf(r.code);
    return { ...r, group, groupLabel: CATEGORY_GROUP_LABELS[group] };
  });
}

/** Labels of every category, disabled ones included (old records keep their label). */
export async function categoryLabels(db: Queryable): Promise<Map<string, string>> {
  const rows = await db
    .select({ code: dictItems.code, label: dictItems.label })
    .from(dictItems)
    .where(eq(dictItems.dictType, CREATION_CATEGORY_DICT));
  return new Map(rows.map((r) => [r.code, r.label]));
}

/** A category the caller may use now: enabled in the dictionary, else a 400 on `field`. */
export async function assertCategory(db: Queryable, code: string, field = "category") {
  const [row] = await db
    .select({ label: dictItems.label })
    .from(dictItems)
    .where(and(eq(dictItems.dictType, CREATION_CATEGORY_DICT), eq(dictItems.code, code), eq(dictItems.enabled, true)));
  if (!row) throw errors.field(field, "creation.category_unknown", { code });
  return row.label;
}

/** Names of regions, from the in-memory division tree. */
export async function namesOf(db: Queryable, codes: Iterable<string | null | undefined>) {
  return regionNames(db, [...new Set([...codes].filter((c): c is string => !!c))]);
}

/**
 * Full paths of regions below the province, for the public: 150522100203 → 通辽市科尔沁左翼后旗甘旗卡镇哈布哈嘎查
 * (a province alone keeps its own name).
 */
export async function regionPaths(db: Queryable, codes: Iterable<string>) {
  const list = [...new Set(codes)];
  const chain = (code: string) => [...ancestorCodes(code).filter((c) => c.length > 2), code];
  const names = await namesOf(db, list.flatMap(chain));
  return new Map(
    list.map(
      (code) =>
        [
          code,
          chain(code)
            .map((c) => names.get(c) ?? "")
            .join(""),
        ] as const,
    ),
  );
}

/** "苏木乡镇（街道）甘旗卡镇" — a review level and the name of its region. */
export function levelName(code: string | null, names: Map<string, string>): string | null {
  if (!code) return null;
  return `${REVIEW_LEVEL_LABELS[code.length] ?? ""}${names.get(code) ?? code}`;
}

/** Organization lookups and referenced materials come from their own modules (org, materials). */
export { materialRefs } from "../materials/index.js";
export { type OrgRef, orgById } from "../org/index.js";

export async function orgNames(db: Queryable, ids: Iterable<string | null | undefined>) {
  const list = [...new Set([...ids].filter((i): i is string => !!i))];
  const briefs = await orgBriefs(db, list);
  return new Map([...briefs.values()].map((b) => [b.id, b.name]));
}

export const actorLabel = (a: Actor) => `${a.displayName}（${a.username}）`;
/** The name recorded for what the job runner does on its own. */
export const SYSTEM_ACTOR_NAME = "系统定时任务";

/** One line of an application's 审核记录, written in the same transaction as the change. */
export async function recordApplicationEvent(
  tx: Tx,
  ctx: { clock: Ctx["clock"]; actor: Actor | null },
  e: {
    applicationId: string;
    action: string;
    fromStatus?: string | null;
    toStatus?: string | null;
    levelCode?: string | null;
    note?: string | null;
  },
) {
  await tx.insert(creationApplicationEvents).values({
    applicationId: e.applicationId,
    action: e.action,
    fromStatus: e.fromStatus ?? null,
    toStatus: e.toStatus ?? null,
    levelCode: e.levelCode ?? null,
    actorId: ctx.actor?.userId ?? null,
    actorName: ctx.actor ? actorLabel(ctx.actor) : SYSTEM_ACTOR_NAME,
    note: e.note ?? null,
    at: ctx.clock.now(),
  });
}

/** One line of a designation's history. */
export async function recordDesignationEvent(
  tx: Tx,
  ctx: { clock: Ctx["clock"]; actor: Actor | null },
  e: {
    designationId: string;
    kind: string;
    fromStatus?: string | null;
    toStatus?: string | null;
    note?: string | null;
    data?: unknown;
  },
) {
  await tx.insert(creationDesignationEvents).values({
    designationId: e.designationId,
    kind: e.kind,
    fromStatus: e.fromStatus ?? null,
    toStatus: e.toStatus ?? null,
    actorId: ctx.actor?.userId ?? null,
    actorName: ctx.actor ? actorLabel(ctx.actor) : SYSTEM_ACTOR_NAME,
    note: e.note ?? null,
    data: e.data ?? null,
    at: ctx.clock.now(),
  });
}

/** 409 for a step the state machine does not allow (core/state-machine.ts). */
export { illegalTransition } from "../../core/state-machine.js";
