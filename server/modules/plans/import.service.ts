/**
 * Importing a plan document in two steps.
 *
 *   preview — parse the .docx/.txt (parse-plan.ts) and match every unit name against the organizations of the
 *             plan's region tree (resolve-units.ts: exact name, configured alias, collective, fuzzy with a score).
 *             Nothing is stored: the caller gets the tree and each name's resolution with candidates.
 *   commit  — the (possibly edited) tree comes back with a mapping for the names the preview could not settle
 *             (orgIds, a new organization, or "not a unit"). The names are resolved again against the
 *             organizations as they are now; any name still unsettled is a 400 naming it. Plan, nodes,
 *             assignments, new organizations and the aliases learned from manual mappings are written in one
 *             transaction with the audit entries, so a failure leaves nothing behind.
 *
 * Text from documents is kept as written, ASCII punctuation included; only the characters text fields refuse
 * (controls, bidirectional controls, line breaks in one-line fields) are taken out (`toRequestText`).
 */
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import {
  type ImportCommit,
  type ImportPreview,
  importPreview,
  type PlanTreeInput,
  type PlanView,
  type UnitMapping,
} from "../../../contracts/plans.js";
import type { Ctx } from "../../core/context.js";
import { AppError, errors } from "../../core/errors.js";
import { t } from "../../core/i18n.js";
import type { Queryable, Tx } from "../../db/client.js";
import { recordAudit } from "../audit/index.js";
import { abbreviationDictionary, insertOrg, orgsInRegionTree, regionNames, regionsAround } from "../org/index.js";
import { getPlan, insertPlanRow, kindAllowed, planRegionFor } from "./plan.service.js";
import { planNodes, planNodeUnits, planUnitAliases } from "./plans.schema.js";
import { planNodeSearch } from "./plans.search.js";
import { planPreviewUpload } from "./preview-tree.js";
import { type AbbreviationDictionary, levelResolver, type RegionForResolve } from "./resolve-levels.js";
import { needsMapping, type OrgForResolve, type Resolution, resolveUnits } from "./resolve-units.js";

const MAX_NODES = 20_000;

export { toRequestText } from "./preview-tree.js";

// ---------------------------------------------------------------------------------------------
// Resolution against the region's organizations

export type RegionPool = {
  orgs: OrgForResolve[];
  byId: Map<string, OrgForResolve>;
  /** Names the user mapped to several organizations before: collectives of exactly those. */
  groups: Map<string, string[]>;
  regionName: string;
  /** The plan's region, its ancestors and the regions below it to the towns: for level words (市民委, 旗民宗局). */
  regions: RegionForResolve[];
  /** 单位简称词典 (org module). */
  abbreviations: AbbreviationDictionary;
};

export async function regionPool(db: Queryable, regionCode: string): Promise<RegionPool> {
  // One after the other: `db` may be a transaction (one connection).
  const orgs = await orgsInRegionTree(db, regionCode);
  const aliasRows = await db
    .select({ alias: planUnitAliases.alias, orgId: planUnitAliases.orgId })
    .from(planUnitAliases)
    // Aliases saved for this region or a region above it.
    .where(sql`${regionCode} LIKE ${planUnitAliases.regionCode} || '%'`);
  const names = await regionNames(db, [regionCode]);
  const regions = await regionsAround(db, regionCode);
  const abbreviations = await abbreviationDictionary(db);
  const byId = new Map<string, OrgForResolve>();
  for (const o of orgs) byId.set(o.id, { ...o, aliases: [] });
  const aliases = new Map<string, string[]>();
  for (const a of aliasRows) if (byId.has(a.orgId)) aliases.set(a.alias, [...(aliases.get(a.alias) ?? []), a.orgId]);
  // A name mapped to one organization is an alias of it; a name mapped to several stands for that group.
  for (const [alias, ids] of aliases) if (ids.length === 1) byId.get(ids[0])!.aliases!.push(alias);
  return {
    orgs: [...byId.values()],
    byId,
    groups: new Map([...aliases].filter(([, ids]) => ids.length > 1)),
    regionName: names.get(regionCode) ?? "",
    regions,
    abbreviations,
  };
}

export function resolveInPool(pool: RegionPool, regionCode: string, names: string[]): Resolution[] {
  const collectives: Record<string, (o: OrgForResolve) => boolean> = {};
  for (const [alias, ids] of pool.groups) collectives[alias] = (o) => ids.includes(o.id);
  return resolveUnits(names, pool.orgs, {
    regionCode,
    regionNames: pool.regionName ? [pool.regionName] : [],
    collectives,
    levels: levelResolver([...pool.byId.values()], pool.regions, regionCode, pool.abbreviations),
  });
}

// ---------------------------------------------------------------------------------------------
// Preview

/**
 * The preview of an uploaded plan, as JSON text in the `importPreview` shape. The parse worker builds, checks and
 * serialises the tree (preview-tree.ts); here the unit names are resolved and the envelope is written around it.
 */
export async function previewImport(
  ctx: Ctx,
  file: { name: string; content: Buffer },
  regionCodeParam?: string,
): Promise<Buffer[]> {
  const regionCode = planRegionFor(ctx, regionCodeParam);
  const parsed = await planPreviewUpload(file);
  const nodeCounts = new Map(parsed.names);
  const pool = await regionPool(ctx.db, regionCode);
  const resolutions = resolveInPool(pool, regionCode, [...nodeCounts.keys()]);
  const [start, end] = parsed.period ? parsed.period.split("-").map(Number) : [null, null];
  const head: Omit<ImportPreview, "tree"> = importPreviewHead.parse({
    title: parsed.title,
    docNumber: parsed.docNumber,
    periodStart: start,
    periodEnd: end,
    regionCode,
    regionName: pool.regionName,
    sourceFileName: file.name.slice(0, 200),
    warnings: parsed.warnings,
    counts: parsed.counts,
    units: resolutions.map((r) => ({
      name: r.name,
      status: r.status,
      orgs: r.orgIds.map((id) => {
        const o = pool.byId.get(id)!;
        return { id, name: o.name, regionCode: o.regionCode };
      }),
      candidates: r.candidates,
      score: r.score,
      needsMapping: needsMapping(r),
      nodeCount: nodeCounts.get(r.name) ?? 0,
    })),
  });
  // The answer in pieces of 64 KiB, views of the worker's bytes: no copy of a 5 MB body, and each write to the
  // socket short, so the request thread stays free for other requests while it is sent.
  const tree = Buffer.from(parsed.treeJson.buffer, parsed.treeJson.byteOffset, parsed.treeJson.byteLength);
  const chunks: Buffer[] = [Buffer.from(`${JSON.stringify(head).slice(0, -1)},"tree":`)];
  for (let at = 0; at < tree.length; at += PREVIEW_CHUNK) chunks.push(tree.subarray(at, at + PREVIEW_CHUNK));
  chunks.push(Buffer.from("}"));
  return chunks;
}

const importPreviewHead = importPreview.omit({ tree: true });
const PREVIEW_CHUNK = 64 * 1024;

// ---------------------------------------------------------------------------------------------
// Commit

function collectTreeNames(nodes: PlanTreeInput[]): string[] {
  const out = new Set<string>();
  const walk = (list: PlanTreeInput[]) => {
    for (const n of list) {
      for (const u of n.units) out.add(u);
      if (n.leadUnit) out.add(n.leadUnit);
      walk(n.children);
    }
  };
  walk(nodes);
  return [...out];
}

type FlatNode = {
  id: string;
  parentId: string | null;
  ancestors: string[];
  sort: number;
  input: PlanTreeInput;
  /** Unit names that end up on this task: its own, its items', and those of headings above without tasks of their own units. */
  units: string[];
  lead: string | null;
};

/**
 * The tree as committed: the candidate tasks the user accepted join their heading's children in document order
 * (by source line); the rejected ones and the principles lists are left out.
 */
function withAcceptedCandidates(nodes: PlanTreeInput[], count: { accepted: number }): PlanTreeInput[] {
  return nodes.map((n) => {
    const { candidates, principles: _principles, unitsSuggested: _suggested, ...node } = n;
    const children = withAcceptedCandidates(n.children, count);
    const accepted = (candidates ?? [])
      .filter((c) => c.accepted)
      .map(({ accepted: _a, unitsSuggested: _s, ...c }): PlanTreeInput => ({ ...c, kind: "task", children: [] }));
    count.accepted += accepted.length;
    if (accepted.length === 0) return { ...node, children };
    const merged = [...children, ...accepted].map((c, i) => ({ c, i }));
    merged.sort((a, b) => (a.c.line ?? 0) - (b.c.line ?? 0) || a.i - b.i);
    return { ...node, children: merged.map((x) => x.c) };
  });
}

/** Flattens the tree (checking kinds and size), moving unit names of items up to their task and of headings down. */
function flatten(nodes: PlanTreeInput[]): FlatNode[] {
  const out: FlatNode[] = [];
  const walk = (list: PlanTreeInput[], parent: FlatNode | null, inherited: string[]) => {
    list.forEach((n, i) => {
      if (!kindAllowed(parent?.input.kind ?? null, n.kind)) {
        throw errors.field("tree", "plans.kind_not_allowed_at", {
          title: n.title,
          child: t(`plans.kind.${n.kind}`),
          parent: parent ? t(`plans.kind.${parent.input.kind}`) : "规划顶层",
        });
      }
      if (out.length >= MAX_NODES) throw errors.field("tree", "plans.too_many_nodes", { max: MAX_NODES });
      const flat: FlatNode = {
        id: crypto.randomUUID(),
        parentId: parent?.id ?? null,
        ancestors: parent ? [...parent.ancestors, parent.id] : [],
        sort: i,
        input: n,
        units: [],
        lead: null,
      };
      out.push(flat);
      if (n.kind === "task") {
        flat.units = [...new Set([...n.units, ...inherited])];
        flat.lead = n.leadUnit ?? n.units[0] ?? null;
        walk(n.children, flat, []);
      } else if (n.kind === "item") {
        // Units named on an item belong to the task it is part of.
        const task = [...out].reverse().find((x) => x.input.kind === "task" && flat.ancestors.includes(x.id));
        if (task) for (const u of n.units) if (!task.units.includes(u)) task.units.push(u);
        walk(n.children, flat, []);
      } else {
        walk(n.children, flat, [...new Set([...inherited, ...n.units])]);
      }
    });
  };
  walk(nodes, null, []);
  return out;
}

/** Settles every name: the user's mapping first, then the resolver; returns org ids per name, or the unsettled names. */
async function settleNames(
  ctx: Ctx,
  tx: Tx,
  regionCode: string,
  names: string[],
  mapping: Record<string, UnitMapping>,
  pool: RegionPool,
) {
  const resolutions = new Map(resolveInPool(pool, regionCode, names).map((r) => [r.name, r]));
  const settled = new Map<string, string[]>();
  const unsettled: string[] = [];
  const aliases: { alias: string; orgId: string }[] = [];
  const created: { name: string; id: string }[] = [];
  const manual: Record<string, string[] | null> = {};
  for (const name of names) {
    const m = mapping[name];
    if (m && "ignore" in m) {
      settled.set(name, []);
      manual[name] = null;
    } else if (m && "orgIds" in m) {
      const ids = [...new Set(m.orgIds)];
      for (const id of ids) {
        const o = pool.byId.get(id);
        if (!o) throw errors.field("mapping", "plans.mapping_org_unknown", { name });
        if (o.name !== name && o.shortName !== name) aliases.push({ alias: name, orgId: id });
      }
      settled.set(name, ids);
      manual[name] = ids;
    } else if (m && "create" in m) {
      const id = await insertOrg(
        ctx,
        tx,
        {
          name: m.create.name,
          type: m.create.type,
          regionCode,
          isEthnicAffairsDept: false,
          isMemberUnit: true,
          sort: 0,
        },
        "org:create",
      );
      pool.byId.set(id, { id, name: m.create.name, type: m.create.type, regionCode, isMemberUnit: true });
      if (m.create.name !== name) aliases.push({ alias: name, orgId: id });
      created.push({ name: m.create.name, id });
      settled.set(name, [id]);
      manual[name] = [id];
    } else {
      const r = resolutions.get(name)!;
      if (needsMapping(r)) unsettled.push(name);
      else settled.set(name, r.orgIds);
    }
  }
  return { settled, unsettled, aliases, created, manual };
}

export async function commitImport(ctx: Ctx, input: ImportCommit): Promise<PlanView> {
  const planId = await ctx.db.transaction(async (tx) => {
    const regionCode = planRegionFor(ctx, input.regionCode);
    const candidates = { accepted: 0 };
    const tree = withAcceptedCandidates(input.tree, candidates);
    const flat = flatten(tree);
    if (!flat.some((n) => n.input.kind === "task")) throw errors.field("tree", "plans.no_tasks");
    const names = collectTreeNames(tree);
    const pool = await regionPool(tx, regionCode);
    const { settled, unsettled, aliases, created, manual } = await settleNames(
      ctx,
      tx,
      regionCode,
      names,
      input.mapping,
      pool,
    );
    if (unsettled.length > 0) {
      throw new AppError(400, "UNITS_UNMAPPED", t("plans.units_unmapped", { names: unsettled.join("、") }), {
        names: unsettled,
      });
    }

    const anyUnit = flat.some((f) => f.input.kind === "task" && f.units.some((u) => settled.get(u)?.length));
    if (!anyUnit && !input.confirmNoUnits) {
      throw errors.conflict("PLAN_NO_UNITS", "plans.no_units_unconfirmed", {}, { confirm: "confirmNoUnits" });
    }

    const plan = await insertPlanRow(ctx, tx, { ...input, regionCode });
    const now = ctx.clock.now();
    const rows = flat.map((f) => ({
      id: f.id,
      planId: plan.id,
      parentId: f.parentId,
      ancestors: f.ancestors,
      kind: f.input.kind,
      number: f.input.number,
      title: f.input.title,
      search: planNodeSearch(f.input),
      text: f.input.text,
      sort: f.sort,
      weight: f.input.weight,
      deadline: f.input.deadline ?? null,
      milestones: f.input.milestones,
      metricName: f.input.metricName ?? null,
      metricUnit: f.input.metricUnit ?? null,
      baseline: f.input.baseline ?? null,
      targetValue: f.input.targetValue ?? null,
      sourceLine: f.input.line ?? null,
      leadOrgId: null as string | null,
      createdAt: now,
      updatedAt: now,
    }));
    const assignments: (typeof planNodeUnits.$inferInsert)[] = [];
    for (const [i, f] of flat.entries()) {
      if (f.input.kind !== "task") continue;
      const ids = [...new Set(f.units.flatMap((u) => settled.get(u) ?? []))];
      const leadIds = f.lead ? (settled.get(f.lead) ?? []) : [];
      const lead = leadIds.length === 1 ? leadIds[0] : null;
      rows[i].leadOrgId = lead;
      for (const orgId of ids) {
        assignments.push({
          nodeId: f.id,
          orgId,
          planId: plan.id,
          regionCode: pool.byId.get(orgId)!.regionCode,
          role: orgId === lead ? "lead" : "responsible",
          createdAt: now,
        });
      }
    }
    for (let i = 0; i < rows.length; i += 500) await tx.insert(planNodes).values(rows.slice(i, i + 500));
    for (let i = 0; i < assignments.length; i += 1000)
      await tx.insert(planNodeUnits).values(assignments.slice(i, i + 1000));
    for (const a of aliases) {
      await tx
        .insert(planUnitAliases)
        .values({ regionCode, alias: a.alias, orgId: a.orgId, createdBy: ctx.actor.userId, createdAt: now })
        .onConflictDoNothing();
    }
    const counts = { chapters: 0, sections: 0, columns: 0, tasks: 0, items: 0 };
    const key = { chapter: "chapters", section: "sections", column: "columns", task: "tasks", item: "items" } as const;
    for (const f of flat) counts[key[f.input.kind]]++;
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "plan.import",
      entity: "plan",
      entityId: plan.id,
      regionCode: plan.regionCode,
      orgId: plan.issuingOrgId,
      summary: `导入规划“${plan.title}”：${counts.chapters} 章、${counts.sections} 节、${counts.columns} 个专栏、${counts.tasks} 项任务${candidates.accepted > 0 ? `（含采纳的候选任务 ${candidates.accepted} 项）` : ""}，责任分工 ${assignments.length} 条`,
      changes: {
        title: [null, plan.title],
        sourceFileName: [null, plan.sourceFileName],
        counts: [null, counts],
        mapping: [null, manual],
        aliases: [null, aliases.map((a) => a.alias)],
        createdOrgs: [null, created.map((c) => c.name)],
      },
    });
    return plan.id;
  });
  return getPlan(ctx, planId);
}
