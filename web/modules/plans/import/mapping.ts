import type { ImportPreview, UnitMapping } from "../../../../contracts/plans";

export type Resolution = ImportPreview["units"][number];

/**
 * What the user decided for one unit name the parser found: keep the automatic match, name an organization,
 * create a new one, or treat the name as not a unit. Names the server could not settle need one of the last three.
 */
export type UnitChoice =
  | { mode: "auto" }
  | { mode: "org"; orgId?: string }
  | { mode: "create"; name: string; type: string }
  | { mode: "ignore" };

export const DEFAULT_ORG_TYPE = "party_gov";

/** The starting choice for a name: the automatic match when there is one, else to be mapped to an organization. */
export function initialChoice(r: Resolution): UnitChoice {
  if (!r.needsMapping) return { mode: "auto" };
  // A single strong candidate is offered pre-selected; the user still sees it and can change it.
  return { mode: "org", orgId: r.candidates.length === 1 ? r.candidates[0].id : undefined };
}

/** Whether the choice settles the name (complete enough to send). */
export function isSettled(r: Resolution, c: UnitChoice | undefined): boolean {
  if (!c || c.mode === "auto") return !r.needsMapping;
  if (c.mode === "org") return !!c.orgId;
  if (c.mode === "create") return c.name.trim().length > 0 && !!c.type;
  return true;
}

/** The commit's `mapping`: every choice other than "auto" (complete ones only; the server names the rest). */
export function mappingBody(choices: Record<string, UnitChoice>): Record<string, UnitMapping> {
  const out: Record<string, UnitMapping> = {};
  for (const [name, c] of Object.entries(choices)) {
    if (c.mode === "org" && c.orgId) out[name] = { orgIds: [c.orgId] };
    if (c.mode === "create" && c.name.trim()) out[name] = { create: { name: c.name.trim(), type: c.type } };
    if (c.mode === "ignore") out[name] = { ignore: true };
  }
  return out;
}
