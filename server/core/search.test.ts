import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backfillSearchVectors } from "../bootstrap.js";
import { creationBatches } from "../modules/creation/creation.schema.js";
import { batchSearch } from "../modules/creation/creation.search.js";
import { orgs } from "../modules/org/org.schema.js";
import { orgSearch } from "../modules/org/org.service.js";
import { publicityNotices } from "../modules/publicity/publicity.schema.js";
import { type Client, createOrg, login, loginAdmin, twoBanners, USER_PASSWORD } from "../test/fixtures.js";
import { createTestApp, type TestApp } from "../test/harness.js";
import { cappedCount } from "./paging.js";
import { searchText, searchTsquery, searchVector } from "./search.js";

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

  it("counts a list up to a cap: exact below it, capped past it (cappedCount)", async () => {
    const inRegion = sql`${orgs.regionCode} >= ${REGION} and ${orgs.regionCode} <= ${REGION.padEnd(12, "9")}`;
    const exact = (await h.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from orgs where ${inRegion}`))
      .rows[0].n;
    expect(exact).toBeGreaterThan(1000);
    expect(await cappedCount(h.deps.db, orgs, inRegion)).toEqual({ total: exact, capped: false });
    expect(await cappedCount(h.deps.db, orgs, inRegion, exact)).toEqual({ total: exact, capped: false });
    expect(await cappedCount(h.deps.db, orgs, inRegion, exact - 1)).toEqual({ total: exact - 1, capped: true });
    expect(await cappedCount(h.deps.db, orgs, sql`false`)).toEqual({ total: 0, capped: false });
    // The organization list counts this way: exact here (below 10,000), no totalCapped.
    const admin = await loginAdmin(h);
    const page = await admin.json(`/api/orgs?regionCode=${REGION}&pageSize=20`);
    expect(page.total).toBe(exact);
    expect(page.totalCapped).toBeUndefined();
  });
});

describe("Chinese search in the other lists: plans, rectifications, reports, users, batches, notices", () => {
  let h: TestApp;
  let f: Awaited<ReturnType<typeof twoBanners>>;
  let houqi: Client;
  let unit: Client;
  let planId: string;

  const ids = async (url: string) => (await houqi.json<{ items: { id: string }[] }>(url)).items.map((x) => x.id).sort();

  beforeAll(async () => {
    h = await createTestApp();
    f = await twoBanners(h);
    houqi = await login(h, "houqi_admin", USER_PASSWORD);
    unit = await login(h, "houqi_unit", USER_PASSWORD);
    const plan = async (title: string, docNumber: string | null) =>
      (
        await houqi.json<{ id: string }>("/api/plans", {
          method: "POST",
          body: { title, docNumber, periodStart: 2026, periodEnd: 2027, cycle: "quarterly" },
        })
      ).id;
    planId = await plan("哈布哈嘎查民族团结进步行动方案", "后民委发〔2026〕3号");
    await plan("甘旗卡镇铸牢共同体意识规划", null);
    const task = await houqi.json(`/api/plans/${planId}/nodes`, {
      method: "POST",
      body: {
        kind: "task",
        number: "1.",
        title: "开展宣传月活动",
        orgIds: [f.houqiTown.id],
        leadOrgId: f.houqiTown.id,
      },
    });
    await houqi.json(`/api/plans/${planId}`, { method: "PATCH", body: { status: "active" } });
    await unit.json(`/api/plans/${planId}/nodes/${task.nodeId}/reports`, {
      method: "POST",
      body: { period: "2026Q1", status: "in_progress", percent: 30, narrative: "举办石榴籽故事会三场" },
    });
    await houqi.json(`/api/plans/${planId}/inspections`, {
      method: "POST",
      body: {
        title: "一季度督查",
        inspectedOn: "2026-03-02",
        findings: [
          { finding: "宣传阵地台账缺失", ownerOrgId: f.houqiTown.id, deadline: "2026-04-30" },
          { finding: "联谊活动未开展", ownerOrgId: f.houqiTown.id, deadline: "2026-04-30" },
        ],
      },
    });
    // Batches and notices as their writers write them (batchSearch; the publicity module, searchText(title)).
    const common = { regionCode: "150522", organiserOrgId: f.houqiDept.id, createdBy: f.houqiAdmin.id };
    const [b1, b2] = await h.deps.db
      .insert(creationBatches)
      .values(
        ["2026年度科左后旗民族团结进步示范单位命名", "2026年度石榴籽家庭评选"].map((name) => ({
          ...common,
          name,
          year: 2026,
          level: "county",
          categories: ["village"],
          setId: f.houqiDept.id,
          submitDeadline: "2026-05-01",
          search: batchSearch({ name }),
        })),
      )
      .returning({ id: creationBatches.id });
    await h.deps.db.insert(publicityNotices).values(
      ["科左后旗示范单位拟命名名单公示", "石榴籽家庭公示"].map((title, i) => ({
        regionCode: common.regionCode,
        createdBy: common.createdBy,
        orgId: f.houqiDept.id,
        owner: "creation",
        ownerRef: [b1, b2][i].id,
        stage: "county",
        title,
        workingDays: 5,
        search: searchText(title),
      })),
    );
  });
  afterAll(() => h?.close());

  it("finds plans by 1-, 2- and 4-character queries and by 文号", async () => {
    const all = await ids("/api/plans?pageSize=50");
    expect(all).toHaveLength(2);
    const [habuha] = await ids("/api/plans?q=哈布哈");
    expect(habuha).toBe(planId);
    expect(await ids("/api/plans?q=哈")).toEqual([planId]);
    expect(await ids("/api/plans?q=嘎查")).toEqual([planId]);
    expect(await ids("/api/plans?q=民族团结")).toEqual([planId]);
    expect(await ids("/api/plans?q=铸")).toHaveLength(1);
    expect(await ids("/api/plans?q=民委")).toEqual([planId]);
    expect(await ids("/api/plans?q=规")).toHaveLength(1);
    expect(await ids("/api/plans?q=蒙古")).toEqual([]);
  });

  it("finds rectifications by their finding and reports by their narrative, with short queries", async () => {
    const findings = async (q: string) =>
      (
        await houqi.json<{ items: { finding: string }[] }>(
          `/api/plans/${planId}/rectifications?q=${encodeURIComponent(q)}`,
        )
      ).items.map((r) => r.finding);
    expect(await findings("账")).toEqual(["宣传阵地台账缺失"]);
    expect(await findings("联谊")).toEqual(["联谊活动未开展"]);
    expect(await findings("阵地台账")).toEqual(["宣传阵地台账缺失"]);
    expect((await findings("活")).sort()).toEqual(["联谊活动未开展"]);
    expect(await findings("整改")).toEqual([]);
    const reports = async (q: string) =>
      (await houqi.json<{ total: number }>(`/api/plans/${planId}/reports?q=${encodeURIComponent(q)}`)).total;
    expect(await reports("榴")).toBe(1);
    expect(await reports("故事")).toBe(1);
    expect(await reports("石榴籽故")).toBe(1);
    expect(await reports("宣传")).toBe(1); // the task's title
    expect(await reports("篝火")).toBe(0);
  });

  it("finds users by name (1 and 2 characters) and user name (a Latin prefix), batches and notices by title", async () => {
    const admin = await loginAdmin(h);
    const users = async (q: string) =>
      (await admin.json<{ items: { username: string }[] }>(`/api/users?q=${encodeURIComponent(q)}&pageSize=50`)).items
        .map((u) => u.username)
        .sort();
    // createUser names each test user 测试<username>.
    expect(await users("houqi")).toEqual(["houqi_admin", "houqi_unit"]);
    expect(await users("zhongqi_admin")).toEqual(["zhongqi_admin"]);
    expect(await users("测")).toEqual(expect.arrayContaining(["houqi_admin", "houqi_unit", "zhongqi_admin"]));
    expect(await users("测试")).toEqual(expect.arrayContaining(["houqi_admin"]));
    expect(await users("张三")).toEqual([]);
    const batches = async (q: string) =>
      (await houqi.json<{ items: { name: string }[] }>(`/api/creation/batches?q=${encodeURIComponent(q)}`)).items.map(
        (b) => b.name,
      );
    expect(await batches("籽")).toEqual(["2026年度石榴籽家庭评选"]);
    expect(await batches("后旗")).toEqual(["2026年度科左后旗民族团结进步示范单位命名"]);
    expect(await batches("示范单位")).toEqual(["2026年度科左后旗民族团结进步示范单位命名"]);
    const notices = async (q: string) =>
      (await houqi.json<{ items: { title: string }[] }>(`/api/creation/notices?q=${encodeURIComponent(q)}`)).items.map(
        (n) => n.title,
      );
    expect(await notices("榴")).toEqual(["石榴籽家庭公示"]);
    expect(await notices("命名")).toEqual(["科左后旗示范单位拟命名名单公示"]);
    expect((await notices("公示")).sort()).toEqual(["石榴籽家庭公示", "科左后旗示范单位拟命名名单公示"].sort());
  });
});
