import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backfillSearchVectors } from "../bootstrap.js";
import { orgs } from "../modules/org/org.schema.js";
import { orgSearch } from "../modules/org/org.service.js";
import { type Client, createOrg, loginAdmin } from "../test/fixtures.js";
import { createTestApp, type TestApp } from "../test/harness.js";
import { searchTsquery, searchVector } from "./search.js";

describe("search vectors and queries", () => {
  it("indexes jieba's words, every Han character and every adjacent pair, positioned", () => {
    const v = searchVector("甘旗卡镇哈布哈嘎查", "ISO9001认证");
    // jieba cuts 甘旗 + 卡镇 here; the pairs make 旗卡 findable too.
    for (const lexeme of ["'甘':1", "'甘旗':1", "'旗卡':2", "'卡镇':3", "'嘎查':8", "'iso9001'", "'认证':", "'认':"])
      expect(v).toContain(lexeme);
    // The second part starts after a gap: no pair spans the two parts.
    expect(v).not.toContain("'查i");
    expect(v).not.toContain("'查认'");
  });

  it("turns 1-, 2- and longer queries into a lexeme, a bigram and a bigram phrase", () => {
    expect(searchTsquery("旗")).toBe("'旗'");
    expect(searchTsquery("旗卡")).toBe("'旗卡'");
    expect(searchTsquery("甘旗卡镇")).toBe("('甘旗' <-> '旗卡' <-> '卡镇')");
    expect(searchTsquery("民委 后旗")).toBe("'民委' & '后旗'");
    expect(searchTsquery("ISO9001认证")).toBe("'iso9001':* & '认证'");
    // Full-width letters and digits are read as their ASCII forms.
    expect(searchTsquery("ＩＳＯ")).toBe("'iso':*");
    // Quotes and operators are punctuation, never tsquery syntax.
    expect(searchTsquery("a'b & !c")).toBe("'a':* & 'b':* & 'c':*");
    expect(searchTsquery("%_\\'")).toBeNull();
  });
});

// A seeded generator, so every run searches the same 1,000 names.
function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}
const PLACES = [
  "科尔沁",
  "甘旗卡",
  "哈布哈",
  "奈曼",
  "库伦",
  "扎鲁特",
  "开鲁",
  "霍林郭勒",
  "通辽",
  "海鲁吐",
  "阿古拉",
  "朝鲁吐",
];
const MIDDLES = ["第一", "第二", "民族", "实验", "蒙古族", "团结", "", "东", "西"];
const KINDS = ["中学", "小学", "社区", "嘎查", "卫生院", "幼儿园", "委员会", "合作社", "派出所", "图书馆"];

describe("Chinese search over 1,000 organizations", () => {
  let h: TestApp;
  let admin: Client;
  const names: { name: string; shortName: string | null }[] = [];
  const REGION = "150522";

  beforeAll(async () => {
    h = await createTestApp();
    admin = await loginAdmin(h);
    const r = rng(20261202);
    const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
    const seen = new Set<string>();
    while (names.length < 1000) {
      const name = `${pick(PLACES)}${pick(MIDDLES)}${pick(KINDS)}${Math.floor(r() * 90) + 10}号`;
      if (seen.has(name)) continue;
      seen.add(name);
      names.push({ name, shortName: r() < 0.3 ? `${pick(PLACES)}${pick(KINDS)}` : null });
    }
    // The rows are written the way the module's writers write them: with orgSearch.
    for (let i = 0; i < names.length; i += 250)
      await h.deps.db
        .insert(orgs)
        .values(
          names.slice(i, i + 250).map((n) => ({ ...n, type: "school", regionCode: REGION, search: orgSearch(n) })),
        );
  });
  afterAll(() => h?.close());

  /** Every organization the admin sees whose name or short name contains q, as the old ILIKE found them. */
  async function expected(q: string) {
    const all = await h.deps.db
      .select({ id: orgs.id, name: orgs.name, shortName: orgs.shortName })
      .from(orgs)
      .where(sql`${orgs.status} = 'active'`);
    return all.filter((o) => o.name.includes(q) || (o.shortName ?? "").includes(q)).map((o) => o.id);
  }

  async function found(q: string) {
    const ids: string[] = [];
    let total = 0;
    for (let page = 1; ; page++) {
      const res = await admin.json<{ items: { id: string; name: string }[]; total: number }>(
        `/api/orgs?q=${encodeURIComponent(q)}&pageSize=200&page=${page}`,
      );
      total = res.total;
      ids.push(...res.items.map((o) => o.id));
      if (ids.length >= total || !res.items.length) break;
    }
    expect(ids.length).toBe(total);
    return ids;
  }

  /** Substrings of generated names, of this length, drawn at random (crossing jieba's word boundaries). */
  function samples(len: number, n: number) {
    const r = rng(len * 7919);
    const out = new Set<string>();
    while (out.size < n) {
      const { name } = names[Math.floor(r() * names.length)];
      const chars = Array.from(name.replace(/\d+号$/, ""));
      if (chars.length < len) continue;
      const at = Math.floor(r() * (chars.length - len + 1));
      out.add(chars.slice(at, at + len).join(""));
    }
    return [...out];
  }

  it.each([1, 2, 4])("a %i-character query finds exactly the rows containing it", async (len) => {
    for (const q of samples(len, 6)) {
      const want = await expected(q);
      expect(want.length, q).toBeGreaterThan(0);
      expect((await found(q)).sort(), q).toEqual(want.sort());
    }
  });

  it("finds across jieba's word boundaries, by short name, and nothing for absent text", async () => {
    // jieba cuts 甘旗卡 as 甘旗 + 卡…; the bigram phrase still finds it.
    for (const q of ["旗卡", "甘旗卡", "沁第一中", "族团"])
      expect((await found(q)).sort(), q).toEqual((await expected(q)).sort());
    expect(await found("第三")).toEqual([]);
    expect(await found("布哈甘")).toEqual([]);
    const withShort = names.find((n) => n.shortName && !n.name.includes(n.shortName))!;
    expect(await found(withShort.shortName!)).toEqual(expect.arrayContaining(await expected(withShort.shortName!)));
  });

  it("keeps the vector in step with the writers: a created and then renamed unit is found by its new name only", async () => {
    const org = await createOrg(admin, "乌兰牧骑演出队", REGION, { shortName: "牧骑" });
    expect(await found("兰牧骑")).toEqual([org.id]);
    expect(await found("牧骑")).toEqual([org.id]);
    await admin.json(`/api/orgs/${org.id}`, { method: "PATCH", body: { name: "安代艺术团" } });
    expect(await found("兰牧骑")).toEqual([]);
    expect(await found("安代")).toEqual([org.id]);
    // The short name was not touched by the rename and still finds the unit.
    expect(await found("牧骑")).toEqual([org.id]);
  });

  it("fills missing vectors in batches at start (rows written before the column existed)", async () => {
    const before = (await found("哈布")).sort();
    await h.deps.db.execute(
      sql`UPDATE orgs SET search = NULL WHERE name LIKE '%哈布%' OR short_name LIKE '%哈布%' OR name LIKE '通辽%'`,
    );
    expect(await found("哈布")).toEqual([]);
    const missing = await h.deps.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM orgs WHERE search IS NULL`,
    );
    expect(missing.rows[0].n).toBeGreaterThan(100);
    expect(await backfillSearchVectors(h.deps.db)).toBe(missing.rows[0].n);
    expect((await found("哈布")).sort()).toEqual(before);
    expect(await backfillSearchVectors(h.deps.db)).toBe(0);
  });
});
