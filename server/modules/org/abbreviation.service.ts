/**
 * 单位简称词典: the usual short forms of organization names as documents write them ("民委" → "民族事务委员会").
 * Owned by the org module because it describes how organizations are named, whoever reads it: the plan import's
 * unit resolver today (`abbreviationDictionary`), search and other imports later. The names a user mapped in one
 * plan to one organization ("高教办" → that office) are the plans module's (plan_unit_aliases), not this.
 * The rows are seeded by their migration; administrators (system:settings) add, change and delete them.
 */
import { and, asc, eq, ilike, ne, or, sql } from "drizzle-orm";
import type { OrgAbbreviation, OrgAbbreviationInput } from "../../../contracts/org.js";
import type { Ctx } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import type { Queryable, Tx } from "../../db/client.js";
import { diff, recordAudit } from "../audit/index.js";
import { orgNameAbbreviations } from "./org.schema.js";

type Row = typeof orgNameAbbreviations.$inferSelect;

const view = (r: Row): OrgAbbreviation => ({
  id: r.id,
  abbreviation: r.abbreviation,
  fullForm: r.fullForm,
  note: r.note,
  updatedAt: r.updatedAt.toISOString(),
});

const auditable = (r: Pick<Row, "abbreviation" | "fullForm" | "note">) => ({
  abbreviation: r.abbreviation,
  fullForm: r.fullForm,
  note: r.note,
});

/** Every entry, by abbreviation; `q` filters on the abbreviation or the full form. */
export async function listAbbreviations(db: Queryable, q?: string): Promise<OrgAbbreviation[]> {
  const like = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const rows = await db
    .select()
    .from(orgNameAbbreviations)
    .where(
      like ? or(ilike(orgNameAbbreviations.abbreviation, like), ilike(orgNameAbbreviations.fullForm, like)) : undefined,
    )
    .orderBy(asc(orgNameAbbreviations.abbreviation), asc(orgNameAbbreviations.fullForm), asc(orgNameAbbreviations.id));
  return rows.map(view);
}

/** Abbreviation → its full forms, as the plan import's resolver reads them. */
export async function abbreviationDictionary(db: Queryable): Promise<Record<string, string[]>> {
  const rows = await db
    .select({ abbreviation: orgNameAbbreviations.abbreviation, fullForm: orgNameAbbreviations.fullForm })
    .from(orgNameAbbreviations)
    .orderBy(asc(orgNameAbbreviations.abbreviation), asc(orgNameAbbreviations.fullForm));
  const out: Record<string, string[]> = {};
  for (const r of rows) out[r.abbreviation] = [...(out[r.abbreviation] ?? []), r.fullForm];
  return out;
}

async function assertFree(tx: Tx, input: OrgAbbreviationInput, except?: string) {
  const [taken] = await tx
    .select({ id: orgNameAbbreviations.id })
    .from(orgNameAbbreviations)
    .where(
      and(
        eq(orgNameAbbreviations.abbreviation, input.abbreviation),
        eq(orgNameAbbreviations.fullForm, input.fullForm),
        except ? ne(orgNameAbbreviations.id, except) : undefined,
      ),
    );
  if (taken)
    throw errors.field("fullForm", "org.abbreviation_taken", {
      abbreviation: input.abbreviation,
      fullForm: input.fullForm,
    });
}

const summaryOf = (r: Pick<Row, "abbreviation" | "fullForm">) => `“${r.abbreviation}”→“${r.fullForm}”`;

export async function createAbbreviation(ctx: Ctx, input: OrgAbbreviationInput): Promise<OrgAbbreviation> {
  return ctx.db.transaction(async (tx) => {
    await assertFree(tx, input);
    const [row] = await tx
      .insert(orgNameAbbreviations)
      .values({ abbreviation: input.abbreviation, fullForm: input.fullForm, note: input.note ?? null })
      .onConflictDoNothing()
      .returning();
    if (!row) await assertFree(tx, input);
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "org.abbreviation_create",
      entity: "org_abbreviation",
      entityId: row.id,
      summary: `新增单位简称 ${summaryOf(row)}`,
      changes: diff({}, auditable(row)),
    });
    return view(row);
  });
}

async function load(tx: Tx, id: string): Promise<Row> {
  const [row] = await tx.select().from(orgNameAbbreviations).where(eq(orgNameAbbreviations.id, id)).for("update");
  if (!row) throw errors.notFound("org_abbreviation");
  return row;
}

export async function updateAbbreviation(ctx: Ctx, id: string, input: OrgAbbreviationInput): Promise<OrgAbbreviation> {
  return ctx.db.transaction(async (tx) => {
    const before = await load(tx, id);
    await assertFree(tx, input, id);
    const [row] = await tx
      .update(orgNameAbbreviations)
      .set({
        abbreviation: input.abbreviation,
        fullForm: input.fullForm,
        note: input.note ?? null,
        updatedAt: sql`now()`,
      })
      .where(eq(orgNameAbbreviations.id, id))
      .returning();
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "org.abbreviation_update",
      entity: "org_abbreviation",
      entityId: id,
      summary: `修改单位简称 ${summaryOf(before)}${summaryOf(before) === summaryOf(row) ? "" : ` 为 ${summaryOf(row)}`}`,
      changes: diff(auditable(before), auditable(row)),
    });
    return view(row);
  });
}

export async function deleteAbbreviation(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const before = await load(tx, id);
    await tx.delete(orgNameAbbreviations).where(eq(orgNameAbbreviations.id, id));
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "org.abbreviation_delete",
      entity: "org_abbreviation",
      entityId: id,
      summary: `删除单位简称 ${summaryOf(before)}`,
      changes: diff(auditable(before), {}),
    });
  });
}
