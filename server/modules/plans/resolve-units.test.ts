import { describe, expect, it } from "vitest";
import { collectUnitNames, parsePlanText } from "./parse-plan.js";
import { HAS_SEEDS, noticeSeedsSkipped, readSeed } from "./plans.fixtures.js";
import {
  diceCoefficient,
  needsMapping,
  type OrgForResolve,
  type Resolution,
  resolveUnits,
  unitSimilarity,
} from "./resolve-units.js";
import { schemeDoc } from "./test-docs.js";

// 本溪高新区 (a district, 6-digit code) with departments, streets and a village committee; one org elsewhere.
const GAOXIN = "210591";
const gaoxinOrgs: OrgForResolve[] = [
  { id: "o-zzrs", name: "组织人事部", type: "party_gov", regionCode: GAOXIN, isMemberUnit: true },
  { id: "o-dq", name: "党群工作部", shortName: "党群部", type: "party_gov", regionCode: GAOXIN, isMemberUnit: true },
  { id: "o-zz", name: "综治信访局", type: "party_gov", regionCode: GAOXIN, isMemberUnit: true },
  { id: "o-gj", name: "高新区教育办公室", aliases: ["高教办"], type: "party_gov", regionCode: GAOXIN },
  { id: "o-jc", name: "基层治理和社会事业局", type: "party_gov", regionCode: GAOXIN, isMemberUnit: true },
  { id: "o-jj", name: "经济发展局", type: "party_gov", regionCode: GAOXIN },
  { id: "o-gsl", name: "高新区工商业联合会", type: "social_org", regionCode: GAOXIN },
  { id: "o-ga", name: "本溪市公安局高新区分局", type: "party_gov", regionCode: GAOXIN },
  { id: "o-rd", name: "人大工委办公室", type: "party_gov", regionCode: GAOXIN },
  { id: "o-zx", name: "政协工委办公室", type: "party_gov", regionCode: GAOXIN },
  { id: "o-st", name: "生态管理办公室", type: "institution", regionCode: GAOXIN },
  { id: "s-1", name: "石桥子街道办事处", type: "party_gov", regionCode: "210591001" },
  { id: "s-2", name: "高台子街道", type: "party_gov", regionCode: "210591002" },
  { id: "v-1", name: "石桥子村村民委员会", type: "village_org", regionCode: "210591001201" },
  { id: "x-1", name: "党群工作部", type: "party_gov", regionCode: "210502" }, // another district: ignored
];

// 科左后旗 (a banner, 6-digit code) with 苏木/镇/场 and member units.
const HOUQI = "150522";
const houqiOrgs: OrgForResolve[] = [
  { id: "h-jy", name: "科尔沁左翼后旗教育局", type: "party_gov", regionCode: HOUQI, isMemberUnit: true },
  { id: "h-mw", name: "科尔沁左翼后旗民族事务委员会", type: "party_gov", regionCode: HOUQI, isMemberUnit: true },
  { id: "h-tz", name: "中共科尔沁左翼后旗委员会统一战线工作部", type: "party_gov", regionCode: HOUQI },
  { id: "h-wl", name: "科尔沁左翼后旗文化旅游体育局", type: "party_gov", regionCode: HOUQI, isMemberUnit: true },
  { id: "h-ms", name: "科尔沁左翼后旗民政局", type: "party_gov", regionCode: HOUQI },
  { id: "t-1", name: "甘旗卡镇人民政府", type: "party_gov", regionCode: "150522100" },
  { id: "t-2", name: "努古斯台镇", type: "party_gov", regionCode: "150522101" },
  { id: "t-3", name: "查日苏苏木", type: "party_gov", regionCode: "150522200" },
  { id: "t-4", name: "胜利农场", type: "enterprise", regionCode: "150522400" },
  { id: "c-1", name: "甘旗卡社区服务中心", type: "institution", regionCode: "150522100" },
  { id: "c-2", name: "新华社区", type: "village_org", regionCode: "150522100" },
  { id: "g-1", name: "阿古拉嘎查", type: "village_org", regionCode: "150522200201" },
];

const byName = (rs: Resolution[]) => Object.fromEntries(rs.map((r) => [r.name, r]));

describe("resolveUnits — exact, alias, collective", () => {
  it("matches exact names and short names within the plan's region", () => {
    const [a, b] = resolveUnits(["党群工作部", "党群部"], gaoxinOrgs, { regionCode: GAOXIN });
    expect(a).toEqual({ name: "党群工作部", status: "exact", orgIds: ["o-dq"], candidates: [], score: 1 });
    expect(b).toEqual({ name: "党群部", status: "exact", orgIds: ["o-dq"], candidates: [], score: 1 });
  });

  it("ignores whitespace and full/half-width differences for exact matches", () => {
    const [r] = resolveUnits(["各苏木镇(场)"], houqiOrgs, {});
    expect(r.status).toBe("collective");
    const [e] = resolveUnits([" 综治信访局 "], gaoxinOrgs, { regionCode: GAOXIN });
    expect(e.status).toBe("exact");
  });

  it("matches configured aliases (on the org, or passed in)", () => {
    const rs = resolveUnits(["高教办", "工商联"], gaoxinOrgs, {
      regionCode: GAOXIN,
      aliases: { 工商联: "o-gsl" },
    });
    expect(rs).toEqual([
      { name: "高教办", status: "alias", orgIds: ["o-gj"], candidates: [], score: 1 },
      { name: "工商联", status: "alias", orgIds: ["o-gsl"], candidates: [], score: 1 },
    ]);
  });

  it("resolves 区直各部门 to the departments at the plan's own level and 各街道 to the streets", () => {
    const r = byName(resolveUnits(["区直各部门", "各街道", "各嘎查村"], gaoxinOrgs, {}));
    expect(r.区直各部门.status).toBe("collective");
    // region inferred (the shortest code holding most orgs: 210591); party_gov or member units at exactly that
    // level, not streets/villages; the 党群工作部 of the other district is excluded. Ordered by name (code points).
    expect(r.区直各部门.orgIds).toEqual(["o-rd", "o-dq", "o-jc", "o-zx", "o-ga", "o-zzrs", "o-jj", "o-zz", "o-gj"]);
    expect(r.各街道).toMatchObject({ status: "collective", orgIds: ["s-1", "s-2"], score: 1 });
    expect(r.各嘎查村).toMatchObject({ status: "collective", orgIds: ["v-1"] });
  });

  it("resolves 各苏木镇（场）, 各苏木镇, 各社区, 旗直各部门 and 各成员单位 in a banner", () => {
    const r = byName(
      resolveUnits(["各苏木镇（场）", "各苏木镇", "各社区", "旗直各部门", "各成员单位", "各委员单位"], houqiOrgs, {
        regionCode: HOUQI,
      }),
    );
    expect(r["各苏木镇（场）"].orgIds).toEqual(["t-2", "t-3", "t-1", "t-4"]);
    expect(r.各苏木镇.orgIds).toEqual(["t-2", "t-3", "t-1"]);
    expect(r.各社区.orgIds).toEqual(["c-2"]);
    expect(r.旗直各部门.orgIds).toEqual(["h-tz", "h-jy", "h-wl", "h-ms", "h-mw"]);
    expect(r.各成员单位.orgIds).toEqual(["h-jy", "h-wl", "h-mw"]);
    expect(r.各委员单位.orgIds).toEqual(r.各成员单位.orgIds);
    for (const x of Object.values(r)) expect(x.status).toBe("collective");
  });

  it("lets the caller define or override collectives, and flags a collective that matches nothing", () => {
    const rs = resolveUnits(["各学校", "各街道"], houqiOrgs, {
      regionCode: HOUQI,
      collectives: { 各学校: (o) => o.type === "school" || o.name.endsWith("教育局") },
    });
    expect(rs[0]).toMatchObject({ status: "collective", orgIds: ["h-jy"], score: 1 });
    expect(rs[1]).toMatchObject({ status: "collective", orgIds: [], score: 0 });
    expect(needsMapping(rs[0])).toBe(false);
    expect(needsMapping(rs[1])).toBe(true);
  });
});

describe("resolveUnits — fuzzy and unmatched", () => {
  it("treats 综治信访办 vs 综治信访局 as doubtful: unmatched, with the candidate to confirm", () => {
    const [r] = resolveUnits(["综治信访办"], gaoxinOrgs, { regionCode: GAOXIN });
    expect(r.status).toBe("unmatched");
    expect(r.orgIds).toEqual([]);
    expect(r.candidates[0]).toEqual({ id: "o-zz", name: "综治信访局", score: 0.75 });
    expect(r.score).toBe(0.75);
    expect(needsMapping(r)).toBe(true);
  });

  it("matches 科左后旗教育局 to 科尔沁左翼后旗教育局 through region-name normalisation", () => {
    const [r] = resolveUnits(["科左后旗教育局"], houqiOrgs, { regionCode: HOUQI });
    expect(r.status).toBe("fuzzy");
    expect(r.orgIds).toEqual(["h-jy"]);
    expect(r.score).toBeGreaterThanOrEqual(0.85);
    expect(r.score).toBeLessThan(1);
    expect(r.candidates[0].id).toBe("h-jy");
  });

  it("matches names that differ only in a region prefix or in 办公室/办, 委员会/委", () => {
    const rs = byName(
      resolveUnits(
        ["旗民族事务委员会", "旗民委", "生态管理办", "区党群工作部", "后旗民政局"],
        houqiOrgs.concat(gaoxinOrgs),
        {
          regionCode: "",
          regionNames: ["科尔沁左翼后旗", "科左后旗", "后旗"],
        },
      ),
    );
    expect(rs.旗民族事务委员会).toMatchObject({ status: "fuzzy", orgIds: ["h-mw"] });
    expect(rs.生态管理办).toMatchObject({ status: "fuzzy", orgIds: ["o-st"] });
    expect(rs.后旗民政局).toMatchObject({ status: "fuzzy", orgIds: ["h-ms"] });
    // "区党群工作部": the two 党群工作部 of different districts tie → the user chooses
    expect(rs.区党群工作部.status).toBe("unmatched");
    expect(rs.区党群工作部.candidates.map((c) => c.id)).toEqual(["o-dq", "x-1"]);
    // an abbreviation the similarity cannot see stays unmatched for the user to map
    expect(rs.旗民委.status).toBe("unmatched");
  });

  it("leaves unrelated names unmatched without candidates", () => {
    const [r] = resolveUnits(["气象局"], gaoxinOrgs, { regionCode: GAOXIN });
    expect(r).toEqual({ name: "气象局", status: "unmatched", orgIds: [], candidates: [], score: 0 });
  });

  it("does not match organizations outside the plan's region", () => {
    const [r] = resolveUnits(["党群工作部"], gaoxinOrgs, { regionCode: "210502" });
    expect(r).toMatchObject({ status: "exact", orgIds: ["x-1"] });
    const [none] = resolveUnits(["综治信访局"], gaoxinOrgs, { regionCode: "210502" });
    expect(none.status).toBe("unmatched");
  });

  it("returns ambiguous exact names as unmatched with every candidate", () => {
    const orgs: OrgForResolve[] = [
      { id: "b", name: "教育局", regionCode: "150522100" },
      { id: "a", name: "教育局", regionCode: "150522101" },
      { id: "root", name: "民委", regionCode: "150522" },
    ];
    const [r] = resolveUnits(["教育局"], orgs, {});
    expect(r).toEqual({
      name: "教育局",
      status: "unmatched",
      orgIds: [],
      candidates: [
        { id: "a", name: "教育局", score: 1 },
        { id: "b", name: "教育局", score: 1 },
      ],
      score: 1,
    });
    // …unless one of them sits at the plan's own level
    const [own] = resolveUnits(["教育局"], [...orgs, { id: "c", name: "教育局", regionCode: "150522" }], {});
    expect(own).toMatchObject({ status: "exact", orgIds: ["c"] });
  });

  it("is deterministic: same result whatever the order of the organizations", () => {
    const names = ["综治信访办", "区直各部门", "各街道", "高教办", "政协办公室"];
    const a = resolveUnits(names, gaoxinOrgs, { regionCode: GAOXIN });
    const b = resolveUnits(names, [...gaoxinOrgs].reverse(), { regionCode: GAOXIN });
    expect(b).toEqual(a);
    expect(a.map((r) => r.name)).toEqual(names);
  });

  it("keeps candidates sorted by score, then name, and capped", () => {
    const orgs: OrgForResolve[] = Array.from({ length: 8 }, (_, i) => ({
      id: `w${i}`,
      name: `宣传部${"一二三四五六七八"[i]}科`,
      regionCode: "1",
    }));
    const [r] = resolveUnits(["宣传部科"], orgs, { maxCandidates: 3 });
    expect(r.candidates).toHaveLength(3);
    expect(r.candidates).toEqual([
      { id: "w0", name: "宣传部一科", score: 0.571 },
      { id: "w6", name: "宣传部七科", score: 0.571 },
      { id: "w2", name: "宣传部三科", score: 0.571 },
    ]);
  });
});

describe("similarity", () => {
  it("is a bigram Dice coefficient in [0,1]", () => {
    expect(diceCoefficient("综治信访办", "综治信访局")).toBe(0.75);
    expect(diceCoefficient("教育局", "教育局")).toBe(1);
    expect(diceCoefficient("甲", "乙")).toBe(0);
    expect(unitSimilarity("科左后旗教育局", "科尔沁左翼后旗教育局")).toBe(0.98);
    expect(unitSimilarity("人大工委办", "人大工委办公室")).toBe(0.99);
    expect(unitSimilarity("宣传部", "宣传部")).toBe(1);
    // a prefix that is not a region (甘旗卡社区…) is not stripped
    expect(unitSimilarity("甘旗卡社区服务中心", "服务中心")).toBeLessThan(0.85);
    // unrelated region prefixes are not treated as the same region
    expect(unitSimilarity("经济开发区管委会", "高新区管委会")).toBeLessThan(0.85);
  });
});

describe("units of generated 实施方案 documents against an org list", () => {
  it.each([21, 22, 23, 24])(
    "seed %i: names by full name, short name or alias resolve; the unknown one is left to map",
    (seed) => {
      const named = ["组织人事部", "党群部", "高教办", "经济发展局", "人大工委办公室", "政协工委办公室", "某某协会"];
      const doc = schemeDoc(seed, { units: named });
      const rs = resolveUnits(collectUnitNames(parsePlanText(doc.text).nodes), gaoxinOrgs, { regionCode: GAOXIN });
      expect(rs.map((r) => r.name)).toEqual(doc.units);
      const expected: Record<string, [string, string[]]> = {
        组织人事部: ["exact", ["o-zzrs"]],
        党群部: ["exact", ["o-dq"]],
        高教办: ["alias", ["o-gj"]],
        经济发展局: ["exact", ["o-jj"]],
        人大工委办公室: ["exact", ["o-rd"]],
        政协工委办公室: ["exact", ["o-zx"]],
        某某协会: ["unmatched", []],
      };
      for (const r of rs) expect([r.status, r.orgIds]).toEqual(expected[r.name]);
      expect(rs.filter(needsMapping).map((r) => r.name)).toEqual(doc.units.filter((u) => u === "某某协会"));
    },
  );
});

noticeSeedsSkipped("真实种子文档 001 的单位匹配测试");

describe.skipIf(!HAS_SEEDS)("seeds/001 units against an org list", () => {
  it("resolves every unit of the 实施方案, listing the ones the user must map", () => {
    const plan = parsePlanText(readSeed("001_"));
    const rs = resolveUnits(collectUnitNames(plan.nodes), gaoxinOrgs, { regionCode: GAOXIN });
    expect(rs.map((r) => [r.name, r.status, r.orgIds.length])).toEqual([
      ["组织人事部", "exact", 1],
      ["党群工作部", "exact", 1],
      ["高教办", "alias", 1],
      ["综治信访局", "exact", 1],
      ["基层治理和社会事业局", "exact", 1],
      ["经济发展局", "exact", 1],
      ["工商联", "unmatched", 0],
      ["公安分局", "unmatched", 0],
      ["卫管办", "unmatched", 0],
      ["市场监督管理分局", "unmatched", 0],
      ["区直各部门", "collective", 9],
      ["各街道", "collective", 2],
      ["生态管理办公室", "exact", 1],
      ["人大工委办公室", "exact", 1],
      ["政协工委办公室", "exact", 1],
    ]);
    expect(rs.filter(needsMapping).map((r) => r.name)).toEqual(["工商联", "公安分局", "卫管办", "市场监督管理分局"]);
  });
});
