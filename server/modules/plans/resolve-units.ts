/**
 * Matching the raw unit names of an imported plan ("党群工作部", "区直各部门", "综治信访办") to organizations.
 * Pure function, no database access: the caller passes the organizations of the plan's region.
 *
 * Order of attempts for each name:
 *   1. exact      — name or shortName equal (ignoring whitespace and full/half-width differences);
 *   2. alias      — one of the org's configured aliases, or opts.aliases (e.g. a mapping the user made before);
 *   3. collective — "区直各部门", "各街道", "各苏木镇（场）", "各嘎查村", "各社区", "各有关部门", "各成员单位", …
 *                   resolved to every organization the group's predicate accepts;
 *   4. level      — with `opts.levels` (resolve-levels.ts): a level word or region name at the start ("市民委",
 *                   "科左后旗教育局") read against the plan's region, the rest through the abbreviation dictionary;
 *                   a match is reported as "alias". A name whose level is ambiguous gets candidates only, and a
 *                   name that names a region never falls back to a fuzzy pick outside that region;
 *   5. fuzzy      — similarity in [0,1] (bigram Dice coefficient after normalisation, see `unitSimilarity`):
 *                   ≥ 0.85 and a single best → "fuzzy" with that org; 0.5–0.85 → "unmatched" with candidates
 *                   (doubtful: the user confirms or maps it); below 0.5 → "unmatched" without candidates.
 * An exact/alias/fuzzy hit that is ambiguous (several orgs, none preferred by region) is returned as
 * "unmatched" with those orgs as candidates, so the user picks one. A collective that matches no organization
 * is "collective" with no orgIds; `needsMapping` tells which results the preview must ask about.
 */

import type { LevelReading } from "./resolve-levels.js";

export interface OrgForResolve {
  id: string;
  name: string;
  shortName?: string | null;
  aliases?: string[];
  type?: string;
  regionCode: string;
  isMemberUnit?: boolean;
}

export type ResolutionStatus = "exact" | "alias" | "fuzzy" | "collective" | "unmatched";

export interface ResolutionCandidate {
  id: string;
  name: string;
  score: number;
}

export interface Resolution {
  name: string;
  status: ResolutionStatus;
  orgIds: string[];
  candidates: ResolutionCandidate[];
  score: number;
}

export type OrgPredicate = (org: OrgForResolve) => boolean;

export interface ResolveOptions {
  /** Extra or overriding collective names → which organizations they stand for. */
  collectives?: Record<string, OrgPredicate>;
  /**
   * The plan's own region (GB/T 2260 code). Organizations outside it are ignored; "区直/旗直各部门" are the
   * departments at exactly this level. Default: the shortest regionCode that contains most of `orgs`.
   */
  regionCode?: string;
  /** Names of the plan's region and their short forms (e.g. ["科尔沁左翼后旗", "科左后旗"]), ignored as prefixes. */
  regionNames?: string[];
  /** Configured aliases: unit name as written in plans → org id(s). */
  aliases?: Record<string, string | string[]>;
  /** Level words, region names and abbreviations (resolve-levels.ts `levelResolver`). */
  levels?: { read(name: string): LevelReading | null };
  /** Default 0.85. */
  fuzzyThreshold?: number;
  /** Default 0.5. */
  doubtfulThreshold?: number;
  /** Default 5. */
  maxCandidates?: number;
}

export const FUZZY_THRESHOLD = 0.85;
export const DOUBTFUL_THRESHOLD = 0.5;

/** Whether the preview must ask the user about this name. */
export function needsMapping(r: Resolution): boolean {
  return r.status === "unmatched" || r.orgIds.length === 0;
}

// ---------------------------------------------------------------------------------------------
// Normalisation and similarity

/** Whitespace removed, full-width ASCII/brackets folded (NFKC): used for exact and alias comparison. */
export function foldName(name: string): string {
  return name.normalize("NFKC").replace(/[\s\u3000\u00a0\ufeff]+/g, "");
}

const SUFFIX_CANON: [RegExp, string][] = [
  [/街道办事处$/, "街道"],
  [/办公室$/, "办"],
  [/委员会$/, "委"],
  [/人民政府$/, "政府"],
  [/党工委$/, "工委"],
];

/** Well-known long/short forms of region names (the generic rule below covers most others). */
const KNOWN_REGION_FORMS = ["科尔沁左翼后旗", "科左后旗", "科尔沁左翼中旗", "科左中旗", "科尔沁右翼前旗", "科右前旗"];

/** Canonical form for similarity: folded, "中共" dropped, common suffixes shortened (办公室→办, 委员会→委 …). */
function canonical(name: string): string {
  let s = foldName(name).replace(/^(中共|中国共产党)/, "");
  for (const [re, to] of SUFFIX_CANON) {
    if (re.test(s) && s.replace(re, to).length >= 2) {
      s = s.replace(re, to);
      break;
    }
  }
  return s;
}

/**
 * Splits a leading region name off: a configured/known region name, or a prefix of 2–10 characters ending
 * in 旗/县/区/市/盟/州 ("科左后旗教育局" → ["科左后旗", "教育局"]), or a single level character 区/旗/县/盟
 * ("区党群工作部" → ["区", "党群工作部"]). "旗委…", "区直…", "市场…" are left alone.
 */
function splitRegionPrefix(s: string, regionNames: string[]): [string, string] {
  const known = [...regionNames.map(foldName), ...KNOWN_REGION_FORMS].sort((a, b) => b.length - a.length);
  for (const r of known) {
    if (r && s.startsWith(r) && s.length - r.length >= 2) return [r, s.slice(r.length)];
  }
  const m = /^(.{2,10}?(?:自治旗|自治县|联合旗|旗|县|区|市|盟|州))(.{2,})$/u.exec(s);
  if (
    m &&
    !/[委局部办室会院所站厅处]/.test(m[1]) &&
    !/(社|小|校|景|片|辖|园|营|服务)区$/.test(m[1]) &&
    !/^[委直级域长]/.test(m[2])
  ) {
    return [m[1], m[2]];
  }
  const single = /^([区旗县盟])(.{3,})$/u.exec(s);
  if (single && !/^[委直级域长政人]/.test(single[2])) return [single[1], single[2]];
  return ["", s];
}

/** "科左后旗" abbreviates "科尔沁左翼后旗": its characters appear in order and the last ones match. */
function isAbbreviationOf(short: string, long: string): boolean {
  if (short.length > long.length || short.at(-1) !== long.at(-1)) return false;
  let i = 0;
  for (const c of long) if (c === short[i]) i++;
  return i === short.length;
}

function compatibleRegions(a: string, b: string, regionNames: string[]): boolean {
  if (!a || !b || a === b) return true;
  const configured = new Set([...regionNames.map(foldName), ...KNOWN_REGION_FORMS]);
  if (configured.has(a) && configured.has(b)) return true;
  return isAbbreviationOf(a, b) || isAbbreviationOf(b, a);
}

function bigrams(s: string): string[] {
  const chars = [...s];
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

/** Sørensen–Dice coefficient on character bigrams (multiset). */
export function diceCoefficient(a: string, b: string): number {
  if (a === b) return a.length > 0 ? 1 : 0;
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.length === 0 || y.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const g of x) counts.set(g, (counts.get(g) ?? 0) + 1);
  let common = 0;
  for (const g of y) {
    const n = counts.get(g) ?? 0;
    if (n > 0) {
      common++;
      counts.set(g, n - 1);
    }
  }
  return (2 * common) / (x.length + y.length);
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Similarity of two unit names in [0,1]: Dice on the canonical forms, or — when the names carry compatible
 * region prefixes (one missing, equal, or one an abbreviation of the other) — Dice on the names without them,
 * times 0.98. Names that differ only in such normalisation score 0.98–0.99, never 1 (1 is an exact match).
 */
export function unitSimilarity(a: string, b: string, regionNames: string[] = []): number {
  if (foldName(a) === foldName(b)) return 1;
  const ca = canonical(a);
  const cb = canonical(b);
  if (ca === cb) return 0.99;
  let score = diceCoefficient(ca, cb);
  const [pa, ra] = splitRegionPrefix(ca, regionNames);
  const [pb, rb] = splitRegionPrefix(cb, regionNames);
  if ((pa || pb) && compatibleRegions(pa, pb, regionNames)) score = Math.max(score, diceCoefficient(ra, rb) * 0.98);
  return round3(score);
}

// ---------------------------------------------------------------------------------------------
// Collectives

export interface CollectiveContext {
  regionCode: string;
}

export type CollectiveRule = { pattern: RegExp; accepts: (org: OrgForResolve, ctx: CollectiveContext) => boolean };

const TOWN_RE = /(苏木|乡|镇|场)(人民政府|政府|党委)?$/;
const STREET_RE = /街道(办事处|办|党工委|工委)?$/;
const VILLAGE_RE = /(嘎查|村)(民委员会|委员会|委|党支部|党总支)?$/;
const COMMUNITY_RE = /社区(居民委员会|居委会|委员会|党委|党支部|党总支)?$/;

function isGrassroots(name: string): boolean {
  return TOWN_RE.test(name) || STREET_RE.test(name) || VILLAGE_RE.test(name) || COMMUNITY_RE.test(name);
}

/** Departments at the plan's own level: member units or party/government organs, not towns/streets/villages. */
function isOwnLevelDepartment(org: OrgForResolve, ctx: CollectiveContext): boolean {
  return (
    org.regionCode === ctx.regionCode &&
    (org.isMemberUnit === true || org.type === "party_gov") &&
    !isGrassroots(foldName(org.name))
  );
}

const inRegion = (org: OrgForResolve, ctx: CollectiveContext) => org.regionCode.startsWith(ctx.regionCode);

export const DEFAULT_COLLECTIVE_RULES: CollectiveRule[] = [
  { pattern: /^(区|旗|县|市|盟|州)直(各)?(有关|相关)?(部门|单位)$/, accepts: isOwnLevelDepartment },
  { pattern: /^各(有关|相关)?(部门|单位)$|^(有关|相关)(部门|单位)$/, accepts: isOwnLevelDepartment },
  { pattern: /^各街道(办事处)?$/, accepts: (o, c) => inRegion(o, c) && STREET_RE.test(foldName(o.name)) },
  {
    pattern: /^各苏木镇\(场\)$|^各苏木乡镇\(场\)$/,
    accepts: (o, c) => inRegion(o, c) && TOWN_RE.test(foldName(o.name)),
  },
  {
    pattern: /^各苏木镇$|^各苏木乡镇$|^各乡镇$|^各镇$|^各苏木$/,
    accepts: (o, c) => inRegion(o, c) && /(苏木|乡|镇)(人民政府|政府|党委)?$/.test(foldName(o.name)),
  },
  {
    pattern: /^各嘎查村$|^各嘎查\(村\)$|^各村$|^各嘎查$|^各行政村$/,
    accepts: (o, c) => inRegion(o, c) && VILLAGE_RE.test(foldName(o.name)),
  },
  { pattern: /^各社区$|^各城市社区$/, accepts: (o, c) => inRegion(o, c) && COMMUNITY_RE.test(foldName(o.name)) },
  {
    pattern: /^各?(民委)?(成员|委员)单位$/,
    accepts: (o, c) => inRegion(o, c) && o.isMemberUnit === true,
  },
];

// ---------------------------------------------------------------------------------------------
// Resolution

const byNameThenId = (a: { name: string; id: string }, b: { name: string; id: string }) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

const byScore = (a: ResolutionCandidate, b: ResolutionCandidate) => b.score - a.score || byNameThenId(a, b);

/** The shortest region code that contains most of the organizations (ties: the smallest code). */
function inferRegion(orgs: OrgForResolve[]): string {
  if (orgs.length === 0) return "";
  const minLen = Math.min(...orgs.map((o) => o.regionCode.length));
  let best = "";
  let bestCount = -1;
  for (const code of new Set(orgs.map((o) => o.regionCode).filter((c) => c.length === minLen))) {
    const count = orgs.filter((o) => o.regionCode.startsWith(code)).length;
    if (count > bestCount || (count === bestCount && code < best)) {
      best = code;
      bestCount = count;
    }
  }
  return best;
}

/** Among several hits, the ones at the plan's own level; if exactly one, that is the match. */
function pickOne(hits: OrgForResolve[], regionCode: string): OrgForResolve | null {
  if (hits.length === 1) return hits[0];
  const own = hits.filter((o) => o.regionCode === regionCode);
  return own.length === 1 ? own[0] : null;
}

function ambiguous(name: string, hits: OrgForResolve[], score: number): Resolution {
  return {
    name,
    status: "unmatched",
    orgIds: [],
    candidates: hits.map((o) => ({ id: o.id, name: o.name, score })).sort(byScore),
    score,
  };
}

/** Resolves each name (same order as `names`) against the organizations of the plan's region. */
export function resolveUnits(names: string[], orgs: OrgForResolve[], opts: ResolveOptions = {}): Resolution[] {
  const regionCode = opts.regionCode ?? inferRegion(orgs);
  const pool = orgs.filter((o) => o.regionCode.startsWith(regionCode)).sort(byNameThenId);
  const ctx: CollectiveContext = { regionCode };
  const regionNames = opts.regionNames ?? [];
  const fuzzyAt = opts.fuzzyThreshold ?? FUZZY_THRESHOLD;
  const doubtfulAt = opts.doubtfulThreshold ?? DOUBTFUL_THRESHOLD;
  const maxCandidates = opts.maxCandidates ?? 5;
  const custom = Object.entries(opts.collectives ?? {}).map(([k, accepts]) => ({ key: foldName(k), accepts }));
  const configuredAliases = new Map<string, string[]>();
  for (const [k, v] of Object.entries(opts.aliases ?? {}))
    configuredAliases.set(foldName(k), Array.isArray(v) ? v : [v]);

  return names.map((name): Resolution => {
    const key = foldName(name);

    const exact = pool.filter((o) => foldName(o.name) === key || (o.shortName && foldName(o.shortName) === key));
    if (exact.length > 0) {
      const one = pickOne(exact, regionCode);
      return one ? { name, status: "exact", orgIds: [one.id], candidates: [], score: 1 } : ambiguous(name, exact, 1);
    }

    const aliasIds = configuredAliases.get(key) ?? [];
    const alias = pool.filter((o) => aliasIds.includes(o.id) || (o.aliases ?? []).some((a) => foldName(a) === key));
    if (alias.length > 0) {
      const one = pickOne(alias, regionCode);
      return one ? { name, status: "alias", orgIds: [one.id], candidates: [], score: 1 } : ambiguous(name, alias, 1);
    }

    const customRule = custom.find((c) => c.key === key);
    const rule = customRule
      ? { accepts: (o: OrgForResolve) => customRule.accepts(o) }
      : DEFAULT_COLLECTIVE_RULES.find((r) => r.pattern.test(key));
    if (rule) {
      const members = pool.filter((o) => rule.accepts(o, ctx));
      return {
        name,
        status: "collective",
        orgIds: members.map((o) => o.id),
        candidates: [],
        score: members.length > 0 ? 1 : 0,
      };
    }

    const level = opts.levels?.read(name) ?? null;
    if (level && level.hits.length > 0) {
      const one = !level.pickable
        ? null
        : level.hits.length === 1
          ? level.hits[0]
          : level.targets === null
            ? pickOne(level.hits, regionCode)
            : null;
      return one
        ? { name, status: "alias", orgIds: [one.id], candidates: [], score: 1 }
        : ambiguous(name, level.hits.slice().sort(byNameThenId), 1);
    }
    /** A name that names its region is matched in that region only (a lower region's namesake is no match). */
    const mayPick = (o: OrgForResolve) => !level?.targets || (level.pickable && level.targets.includes(o.regionCode));

    const scored: ResolutionCandidate[] = [];
    for (const o of pool) {
      const forms = [o.name, ...(o.shortName ? [o.shortName] : []), ...(o.aliases ?? [])];
      const score = Math.max(...forms.map((f) => unitSimilarity(name, f, regionNames)));
      if (score >= doubtfulAt) scored.push({ id: o.id, name: o.name, score });
    }
    scored.sort(byScore);
    const candidates = scored.slice(0, maxCandidates);
    const best = candidates[0];
    if (best && best.score >= fuzzyAt) {
      const tied = scored.filter((c) => c.score === best.score);
      const one = pickOne(
        tied.map((c) => pool.find((o) => o.id === c.id)!),
        regionCode,
      );
      if (one && mayPick(one)) return { name, status: "fuzzy", orgIds: [one.id], candidates, score: best.score };
    }
    return { name, status: "unmatched", orgIds: [], candidates, score: best?.score ?? 0 };
  });
}
