import { describe, expect, it } from "vitest";
import { type AbbreviationDictionary, coreOf, levelResolver, type RegionForResolve } from "./resolve-levels.js";
import { type OrgForResolve, type Resolution, resolveUnits } from "./resolve-units.js";

/*
 * A generated region: a city with two counties below it (each with a town), and in each of the three the same
 * departments under the region's own name (民委, 教育局, 统战部 …): the namesakes a level word must tell apart.
 */
type Tree = {
  city: RegionForResolve;
  counties: (RegionForResolve & { short: string })[];
  towns: RegionForResolve[];
  regions: RegionForResolve[];
  orgs: OrgForResolve[];
  /** org id → the org, and `${regionCode}:${dept}` → its id. */
  id: (regionCode: string, dept: string) => string;
};

const TREES = [
  {
    province: { code: "15", name: "内蒙古自治区" },
    city: { code: "1505", name: "通辽市" },
    counties: [
      { code: "150522", name: "科尔沁左翼后旗", short: "科左后旗", town: "甘旗卡镇" },
      { code: "150521", name: "科尔沁左翼中旗", short: "科左中旗", town: "保康镇" },
    ],
  },
  {
    province: { code: "15", name: "内蒙古自治区" },
    city: { code: "1504", name: "赤峰市" },
    counties: [
      { code: "150429", name: "宁城县", short: "宁城县", town: "天义镇" },
      { code: "150422", name: "巴林左旗", short: "巴林左旗", town: "林东镇" },
    ],
  },
];

/** Departments each region has, written as their full names (with the region's name where it goes). */
const DEPTS: [string, (region: string) => string][] = [
  ["民委", (r) => `${r}民族事务委员会`],
  ["教育局", (r) => `${r}教育局`],
  ["统战部", (r) => `中共${r}委员会统一战线工作部`],
  ["宣传部", (r) => `中共${r}委员会宣传部`],
  ["党委", (r) => `中共${r}委员会`],
  ["民宗局", (r) => `${r}民族宗教事务局`],
  ["团委", (r) => `共青团${r}委员会`],
  ["政协", (r) => `中国人民政治协商会议${r}委员会`],
  ["市场监管局", (r) => `${r}市场监督管理局`],
  ["文旅局", (r) => `${r}文化旅游体育局`],
];

function tree(i: number, shuffleSeed = 0): Tree {
  const t = TREES[i];
  const cityCode = t.city.code;
  const city = { code: cityCode, name: t.city.name, level: 2 };
  const counties = t.counties.map((c) => ({ code: c.code, name: c.name, level: 3, short: c.short }));
  const towns = t.counties.map((c) => ({ code: `${c.code}100`, name: c.town, level: 4 }));
  const regions = [{ code: t.province.code, name: t.province.name, level: 1 }, city, ...counties, ...towns];
  const orgs: OrgForResolve[] = [];
  const ids = new Map<string, string>();
  for (const r of [city, ...counties]) {
    for (const [dept, full] of DEPTS) {
      const id = `${r.code}-${dept}`;
      ids.set(`${r.code}:${dept}`, id);
      orgs.push({ id, name: full(r.name), type: "party_gov", regionCode: r.code, isMemberUnit: true });
    }
  }
  for (const town of towns) {
    const id = `${town.code}-政府`;
    ids.set(`${town.code}:政府`, id);
    orgs.push({ id, name: `${town.name}人民政府`, type: "party_gov", regionCode: town.code });
  }
  // The resolver's answer must not depend on the order the organizations come in.
  if (shuffleSeed) orgs.sort((a, b) => ((a.id.length * shuffleSeed) % 7) - ((b.id.length * shuffleSeed) % 7));
  return {
    city,
    counties,
    towns,
    regions,
    orgs,
    id: (code, dept) => {
      const v = ids.get(`${code}:${dept}`);
      if (!v) throw new Error(`no ${dept} in ${code}`);
      return v;
    },
  };
}

const DICT: AbbreviationDictionary = {
  民委: ["民族事务委员会", "民族宗教事务委员会"],
  统战部: ["统一战线工作部"],
  民宗局: ["民族宗教事务局"],
  团委: ["共青团委员会"],
  政协: ["政协委员会"],
  市场监管局: ["市场监督管理局"],
  文旅局: ["文化和旅游局", "文化旅游体育局"],
};

function resolveIn(t: Tree, planRegion: string, names: string[], dict: AbbreviationDictionary = DICT) {
  const rs = resolveUnits(names, t.orgs, {
    regionCode: planRegion,
    levels: levelResolver(
      t.orgs.filter((o) => o.regionCode.startsWith(planRegion)),
      t.regions,
      planRegion,
      dict,
    ),
  });
  return Object.fromEntries(rs.map((r) => [r.name, r])) as Record<string, Resolution>;
}

const picked = (r: Resolution) => [r.status, r.orgIds];
const candidateIds = (r: Resolution) => r.candidates.map((c) => c.id).sort();

describe.each([0, 1])("level words in generated region %i", (i) => {
  const t = tree(i);
  const [countyA, countyB] = t.counties;
  const level = (r: RegionForResolve) => r.name.at(-1)!;

  it("in the city's plan, 市X is the city's X, never a county's namesake", () => {
    const r = resolveIn(t, t.city.code, ["市民委", "市委统战部", "市教育局", "市委宣传部", "市委", "市团委", "市政协"]);
    expect(picked(r.市民委)).toEqual(["alias", [t.id(t.city.code, "民委")]]);
    expect(picked(r.市委统战部)).toEqual(["alias", [t.id(t.city.code, "统战部")]]);
    expect(picked(r.市教育局)).toEqual(["alias", [t.id(t.city.code, "教育局")]]);
    expect(picked(r.市委宣传部)).toEqual(["alias", [t.id(t.city.code, "宣传部")]]);
    expect(picked(r.市委)).toEqual(["alias", [t.id(t.city.code, "党委")]]);
    expect(picked(r.市团委)).toEqual(["alias", [t.id(t.city.code, "团委")]]);
    expect(picked(r.市政协)).toEqual(["alias", [t.id(t.city.code, "政协")]]);
  });

  it("in the city's plan, a name without a level is the city's own department; a word starting 市 is no level", () => {
    // 民委 and 市场监管局 through the dictionary; 教育局 by the fuzzy match, which prefers the plan's own level.
    const r = resolveIn(t, t.city.code, ["民委", "教育局", "市场监管局", `${t.city.name}民委`]);
    expect(picked(r.民委)).toEqual(["alias", [t.id(t.city.code, "民委")]]);
    expect(picked(r.教育局)).toEqual(["fuzzy", [t.id(t.city.code, "教育局")]]);
    expect(picked(r.市场监管局)).toEqual(["alias", [t.id(t.city.code, "市场监管局")]]);
    expect(picked(r[`${t.city.name}民委`])).toEqual(["alias", [t.id(t.city.code, "民委")]]);
  });

  it("in the city's plan, a county level word is ambiguous: every county's namesake is a candidate", () => {
    const words = [...new Set(t.counties.map(level))];
    for (const w of words) {
      const r = resolveIn(t, t.city.code, [`${w}民委`, `${w}教育局`]);
      const counties = t.counties.filter((c) => level(c) === w);
      for (const [name, dept] of [
        [`${w}民委`, "民委"],
        [`${w}教育局`, "教育局"],
      ]) {
        expect(r[name].status).toBe("unmatched");
        expect(r[name].orgIds).toEqual([]);
        expect(candidateIds(r[name])).toEqual(counties.map((c) => t.id(c.code, dept)).sort());
      }
    }
  });

  it("in the city's plan, a county named in full or abbreviated is that county's", () => {
    const r = resolveIn(t, t.city.code, [`${countyA.short}民委`, `${countyB.name}教育局`, `${countyA.short}委统战部`]);
    expect(picked(r[`${countyA.short}民委`])).toEqual(["alias", [t.id(countyA.code, "民委")]]);
    expect(picked(r[`${countyB.name}教育局`])).toMatchObject(["exact", [t.id(countyB.code, "教育局")]]);
    expect(picked(r[`${countyA.short}委统战部`])).toEqual(["alias", [t.id(countyA.code, "统战部")]]);
  });

  it("in a county's plan, its level word is the county; the city's level word picks nothing below", () => {
    const w = level(countyA);
    const r = resolveIn(t, countyA.code, [`${w}民宗局`, `${w}委统战部`, `${w}文旅局`, "市民委", "市民族事务委员会"]);
    expect(picked(r[`${w}民宗局`])).toEqual(["alias", [t.id(countyA.code, "民宗局")]]);
    expect(picked(r[`${w}委统战部`])).toEqual(["alias", [t.id(countyA.code, "统战部")]]);
    expect(picked(r[`${w}文旅局`])).toEqual(["alias", [t.id(countyA.code, "文旅局")]]);
    // The city is above the plan's region: its organizations are not in the plan's tree, and the county's own
    // 民族事务委员会 is no answer for 市… (without level words the fuzzy match took it).
    expect(r.市民委.orgIds).toEqual([]);
    expect(r.市民族事务委员会).toMatchObject({ status: "unmatched", orgIds: [] });
    const [withoutLevels] = resolveUnits(["市民族事务委员会"], t.orgs, { regionCode: countyA.code });
    expect(withoutLevels).toMatchObject({ status: "fuzzy", orgIds: [t.id(countyA.code, "民委")] });
  });

  it("in a county's plan, 镇政府 offers the towns as candidates", () => {
    const r = resolveIn(t, countyA.code, ["镇政府", `${t.towns[0].name}政府`]);
    expect(r.镇政府.status).toBe("unmatched");
    expect(candidateIds(r.镇政府)).toEqual([t.id(t.towns[0].code, "政府")]);
    expect(picked(r[`${t.towns[0].name}政府`])).toEqual(["alias", [t.id(t.towns[0].code, "政府")]]);
  });

  it("does not depend on the order of the organizations", () => {
    const names = ["市民委", "旗民委", "县教育局", `${countyA.short}民委`, "民委", "镇政府"];
    const a = resolveIn(t, t.city.code, names);
    const b = resolveIn(tree(i, 3), t.city.code, names);
    expect(b).toEqual(a);
  });
});

describe("the abbreviation dictionary", () => {
  const t = tree(0);
  const houqi = t.counties[0];

  it("an entry added takes effect; one removed no longer matches", () => {
    const without: AbbreviationDictionary = { ...DICT };
    delete without.民宗局;
    expect(resolveIn(t, houqi.code, ["旗民宗局"], without).旗民宗局.orgIds).toEqual([]);
    expect(picked(resolveIn(t, houqi.code, ["旗民宗局"], DICT).旗民宗局)).toEqual([
      "alias",
      [t.id(houqi.code, "民宗局")],
    ]);
    // An abbreviation that stands for two departments of one region is the user's choice.
    const both = resolveIn(t, houqi.code, ["旗民族"], { 民族: ["民族事务委员会", "民族宗教事务局"] }).旗民族;
    expect(both.status).toBe("unmatched");
    expect(candidateIds(both)).toEqual([t.id(houqi.code, "民委"), t.id(houqi.code, "民宗局")].sort());
  });

  it("compares names without their region, 中共 and the committee's 委/委员会", () => {
    expect(coreOf("委员会统一战线工作部")).toBe("统一战线工作部");
    expect(coreOf("委统一战线工作部")).toBe("统一战线工作部");
    expect(coreOf("委员会")).toBe("委");
    expect(coreOf("民族事务委员会")).toBe("民族事务委");
    expect(coreOf("人民政府办公室")).toBe("人民政府办");
  });
});
