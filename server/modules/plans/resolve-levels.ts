/**
 * Unit names read at the plan's own level ("市民委", "市委统战部", "旗民宗局", "科左后旗教育局"): a leading level
 * word or region name says which region's organization is meant, and the rest, after the abbreviation dictionary
 * (org module: "民委" → "民族事务委员会"), is compared with the organizations' names without their region.
 * Pure: the caller passes the organizations, the regions around the plan's region and the dictionary.
 *
 *   - a region named in full or abbreviated ("通辽市…", "科左后旗…", "后旗…"): that region's organization;
 *   - a level word (市/盟/旗/县/区/镇/苏木/乡/街道, 自治区 …) that the plan's own region carries ("市" in a plan of
 *     通辽市): the plan's region, never a lower region's namesake;
 *   - a level word of the regions below (旗 in a plan of 通辽市): the namesakes of all those regions, as
 *     candidates for the user (which banner is meant is not written);
 *   - a level word of no region in the plan's tree (市 in a plan of a banner): nothing is picked;
 *   - no region at all: an abbreviation ("民委") is the organizations of that full name at any level, one at the
 *     plan's own level preferred, as for exact names; other names ("教育局") are left to the fuzzy match.
 */
import { foldName, type OrgForResolve } from "./resolve-units.js";

export interface RegionForResolve {
  code: string;
  name: string;
  level: number;
}

/** Abbreviation → the full forms it stands for (names without region and "中共"). */
export type AbbreviationDictionary = Record<string, string[]>;

/** What a name's region reading gives. */
export interface LevelReading {
  /** Organizations whose name matches in the regions meant (all of them when no region is named). */
  hits: OrgForResolve[];
  /** The regions the name points at; null when it names none. */
  targets: string[] | null;
  /** Whether one hit may be taken as the match (false: the name's level is ambiguous, offer candidates). */
  pickable: boolean;
}

/** Longest first: "自治旗" before "旗". */
const LEVEL_WORDS = [
  "自治区",
  "自治州",
  "自治旗",
  "自治县",
  "苏木",
  "街道",
  "市",
  "盟",
  "州",
  "旗",
  "县",
  "区",
  "镇",
  "乡",
];
const LEVEL_END = /(市|盟|州|旗|县|区|镇|乡|苏木|街道)$/;
/** A level character that begins an ordinary word, not a level: 市场监督管理局, 乡村振兴局, 区域…, 县域…. */
const NOT_A_LEVEL = /^(市场|市政工|市民服|乡村|区域|县域|市域|旗域|镇域|区划|县级|市级|旗级|区级|乡级|镇级)/;

/** Prefixes the region name sits behind ("共青团通辽市委员会", "中国人民政治协商会议通辽市委员会"). */
const ORG_PREFIXES: [RegExp, string][] = [
  [/^(中共|中国共产党)/, ""],
  [/^(共青团|中国共产主义青年团)/, "共青团"],
  [/^(中国人民政治协商会议|政协)(?=.{2,})/, "政协"],
];

const SUFFIX_CANON: [RegExp, string][] = [
  [/街道办事处$/, "街道"],
  [/办公室$/, "办"],
  [/委员会$/, "委"],
  [/人民政府$/, "政府"],
  [/党工委$/, "工委"],
];

function splitPrefix(s: string): [string, string] {
  for (const [re, tag] of ORG_PREFIXES) if (re.test(s)) return [tag, s.replace(re, "")];
  return ["", s];
}

/**
 * The comparable core of a name without its region: a leading "委"/"委员会" (of the party committee: 市委统战部,
 * 中共通辽市委员会统一战线工作部) dropped, common suffixes shortened. "委员会" alone (the committee itself) is "委".
 */
export function coreOf(rest: string): string {
  let s = foldName(rest);
  if (s.startsWith("委员会")) {
    if (s.length >= 5) s = s.slice(3);
  } else if (s.startsWith("委") && s.length >= 3) s = s.slice(1);
  for (const [re, to] of SUFFIX_CANON) {
    if (re.test(s)) {
      s = s.replace(re, to);
      break;
    }
  }
  return s;
}

/** "科左后旗" abbreviates "科尔沁左翼后旗": its characters appear in order and the last ones match. */
function isAbbreviationOf(short: string, long: string): boolean {
  if (short.length >= long.length || short.at(-1) !== long.at(-1)) return false;
  let i = 0;
  for (const c of long) if (c === short[i]) i++;
  return i === short.length;
}

const ancestorsOf = (code: string) => [2, 4, 6, 9, 12].filter((n) => n <= code.length).map((n) => code.slice(0, n));

export interface LevelResolver {
  read(name: string): LevelReading | null;
}

/**
 * Prepares the organizations (each one's name core, its region names stripped) and the regions (by name) once
 * for all the names of a plan. `regions` holds the plan's region, its ancestors and the regions below it.
 */
export function levelResolver(
  orgs: OrgForResolve[],
  regions: RegionForResolve[],
  planRegion: string,
  dictionary: AbbreviationDictionary,
): LevelResolver {
  const regionByCode = new Map(regions.map((r) => [r.code, r]));
  const dict = new Map<string, string[]>();
  for (const [k, forms] of Object.entries(dictionary)) dict.set(foldName(k), forms.map(foldName));

  const byCore = new Map<string, OrgForResolve[]>();
  for (const o of orgs) {
    const names = ancestorsOf(o.regionCode)
      .map((c) => regionByCode.get(c)?.name)
      .filter((n): n is string => !!n)
      .map(foldName)
      .sort((a, b) => b.length - a.length);
    const cores = new Set<string>();
    for (const form of [o.name, ...(o.shortName ? [o.shortName] : [])]) {
      const [tag, body] = splitPrefix(foldName(form));
      let s = body;
      for (let stripped = true; stripped; ) {
        stripped = false;
        for (const n of names) {
          if (s.startsWith(n) && s.length > n.length) {
            s = s.slice(n.length);
            stripped = true;
          }
        }
      }
      cores.add(coreOf(tag + s));
    }
    for (const c of cores) byCore.set(c, [...(byCore.get(c) ?? []), o]);
  }

  const plan = regionByCode.get(planRegion);
  const below = regions.filter((r) => r.code.startsWith(planRegion) && r.code !== planRegion);
  const inTree = regions.filter((r) => r.code.startsWith(planRegion));

  /** A region named at the start, in full or abbreviated: [regions, the rest]. */
  const namedRegion = (s: string): [RegionForResolve[], string] | null => {
    let best: [RegionForResolve[], string] | null = null;
    for (const r of regions) {
      const n = foldName(r.name);
      if (s.startsWith(n) && s.length > n.length && (!best || n.length > s.length - best[1].length)) {
        best = [regions.filter((x) => foldName(x.name) === n), s.slice(n.length)];
      }
    }
    if (best) return best;
    for (let len = Math.min(8, s.length - 1); len >= 2; len--) {
      const p = s.slice(0, len);
      if (!LEVEL_END.test(p)) continue;
      const found = inTree.filter((r) => isAbbreviationOf(p, foldName(r.name)));
      if (found.length > 0) return [found, s.slice(len)];
    }
    return null;
  };

  /** The cores a name may stand for; `dictionaryOnly`: only through the dictionary (no region named). */
  const coresOf = (tag: string, rest: string, dictionaryOnly = false): string[] => {
    const keys = [rest];
    if (rest.startsWith("委") && rest.length >= 3) keys.push(rest.slice(1));
    const forms = keys.flatMap((k) => [...(dictionaryOnly ? [] : [k]), ...(dict.get(k) ?? [])]);
    return [...new Set(forms.map((f) => coreOf(tag + f)))];
  };

  const hitsIn = (cores: string[], targets: string[] | null) => {
    const out = new Set<OrgForResolve>();
    for (const c of cores)
      for (const o of byCore.get(c) ?? []) if (!targets || targets.includes(o.regionCode)) out.add(o);
    return [...out];
  };

  return {
    read(name) {
      const [tag, s] = splitPrefix(foldName(name));
      if (s.length === 0) return null;
      const named = namedRegion(s);
      if (named) {
        const targets = named[0].map((r) => r.code);
        return { hits: hitsIn(coresOf(tag, named[1]), targets), targets, pickable: targets.length === 1 };
      }
      const word = LEVEL_WORDS.find((w) => s.startsWith(w) && s.length > w.length);
      if (word && !NOT_A_LEVEL.test(s)) {
        const rest = s.slice(word.length);
        if (plan && foldName(plan.name).endsWith(word)) {
          return { hits: hitsIn(coresOf(tag, rest), [plan.code]), targets: [plan.code], pickable: true };
        }
        const targets = below.filter((r) => foldName(r.name).endsWith(word)).map((r) => r.code);
        return { hits: hitsIn(coresOf(tag, rest), targets), targets, pickable: false };
      }
      // No region named: only an abbreviation says more than the fuzzy match does ("民委"; "教育局" is fuzzy's).
      const hits = hitsIn(coresOf(tag, s, true), null);
      return hits.length > 0 ? { hits, targets: null, pickable: true } : null;
    },
  };
}
