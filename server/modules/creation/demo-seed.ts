/**
 * `npm run seed:demo` — demonstration data of 示范创建 in 通辽市 and 科尔沁左翼后旗, on the database the server
 * would use (DATA_DIR / DATABASE_URL, bootstrapped exactly like server/main.ts):
 *
 * - departments (自治区, 通辽市, 科左后旗, 甘旗卡镇) with their staff, five 测评专家, and units with unit users;
 * - indicator sets of 机关, 嘎查村/社区, 学校 and 企业 (100 points, pass line 90, a 一票否决 item
 *   “未发生涉及民族因素的群体性事件”, the themes 铸牢中华民族共同体意识 / 交往交流交融 / 共有精神家园 / 依法治理 /
 *   风险防范) for 通辽 (盟市级, 旗县级) and for 后旗 (旗县级);
 * - last year's 通辽 batch carried through to a naming decision; this year's batches with applications in every
 *   stage (草稿, 逐级推荐 at the town and at the banner, 退回修改, 已受理, 测评中, 审定通过, 公示中 with an
 *   unanswered objection, 不予命名 for a veto failure, 已撤回);
 * - designations named before the platform (registered), some expiring within six months (复验 opened by the
 *   same job the server runs), one already expired, two revoked; a yearly self-check; the cultivation pool;
 * - targets: 通辽 by 2025 — 3 national, 10 region-level, 500 city-level — and more;
 * - 后旗's development plan (plans/demo/后旗民族团结进步发展规划.txt) imported, with a year of quarterly reports and a supervision round.
 *
 * Time: the story is told with a clock that moves from last spring up to today (never beyond), so windows
 * open and close as they would. Idempotent: a marker in `settings` makes a second run do nothing.
 * Demo users share one password: SHILIU_DEMO_PASSWORD, or one generated and printed once.
 */
import { eq, like } from "drizzle-orm";
import type { IndicatorSetInput, ScoreSheetSave } from "../../../contracts/evaluation.js";
import { bootstrap } from "../../bootstrap.js";
import { loadConfig } from "../../config.js";
import type { Actor } from "../../core/access.js";
import type { Clock } from "../../core/clock.js";
import type { Ctx, Deps } from "../../core/context.js";
import { settings } from "../../core/core.schema.js";
import { createIndicatorSet, publishIndicatorSet, saveSheet, submitSheet } from "../evaluation/evaluation.service.js";
import { leavesOf } from "../evaluation/scoring.js";
import { roles, userRoles, users } from "../identity/identity.schema.js";
import { printCreatedAdmins } from "../identity/identity.seed.js";
import { generatePassword } from "../identity/password.js";
import { loadActorForUser } from "../identity/session.service.js";
import { createUser, setUserRoles } from "../identity/user.service.js";
import { uploadMaterial } from "../materials/materials.service.js";
import { orgs } from "../org/org.schema.js";
import { createOrg } from "../org/org.service.js";
import { seedPlansDemo } from "../plans/demo-seed.js";
import { getWorkingCalendar } from "../system/index.js";
import { createApplication, submitApplication, withdrawApplication } from "./applicant.service.js";
import {
  acceptApplication,
  assignExperts,
  finalizeApplication,
  recommendApplication,
  recordSiteVisit,
  returnApplication,
} from "./application-review.service.js";
import { listAssignments } from "./assignment.service.js";
import { createBatch, createCandidate, setBatchStatus } from "./batch.service.js";
import { creationBatches } from "./creation.schema.js";
import { addDays, addMonths, shanghaiDate, shanghaiStartOf } from "./dates.js";
import { createDecision, registerDesignation } from "./decision.service.js";
import { revokeDesignation } from "./designation.service.js";
import { createNotice, publishNotice, submitObjection } from "./notice.service.js";
import { listObjections, replyObjection } from "./objection.service.js";
import { createSelfCheck, expireDesignations, openDueReverifications, submitSelfCheck } from "./self-check.service.js";
import { createTarget } from "./target.service.js";

const MARKER = "demo_seed:creation";
/** A 1×1 PNG: demo evidence photos (each made unique by its title). */
const PNG_1X1 = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);

/** A clock the story moves forward; it never runs ahead of the real time. */
class StoryClock implements Clock {
  private current: number;
  constructor(start: string) {
    this.current = Math.min(Date.now(), shanghaiStartOf(start).getTime() + 9 * 3600_000);
  }
  now = () => new Date(this.current);
  /** 09:00 Beijing time of `date` (or now, if that is still in the future). */
  at(date: string) {
    this.current = Math.min(Date.now(), shanghaiStartOf(date).getTime() + 9 * 3600_000);
  }
  today = () => shanghaiDate(this.now());
}

// ---------------------------------------------------------------------------------------------------------
// Indicator sets: the five themes, 100 points, pass line 90, a veto item.

const THEMES: Record<string, { label: string; items: [string, string, string, string, string, string, string] }> = {
  organ: {
    label: "机关",
    items: [
      "党组（党委）理论学习中心组专题学习铸牢中华民族共同体意识",
      "把民族团结进步纳入年度工作要点和考核",
      "干部职工与各族群众结对联谊",
      "“民族团结进步宣传月”活动开展情况",
      "国家通用语言文字规范使用",
      "依法履行职责，落实党的民族政策",
      "涉民族因素矛盾纠纷排查化解机制",
    ],
  },
  village: {
    label: "嘎查村/社区",
    items: [
      "“石榴籽”主题教育常态化开展",
      "村规民约（居民公约）体现民族团结内容",
      "各族群众互嵌式居住、共建共享",
      "“民族团结一家亲”联谊活动",
      "新时代文明实践站（所）建设",
      "法律明白人、人民调解员队伍建设",
      "矛盾纠纷排查化解和“零报告”",
    ],
  },
  school: {
    label: "学校",
    items: [
      "中华民族共同体意识教育纳入课程思政",
      "民族团结教育“七个一”活动",
      "各族学生混班混宿、互帮互学",
      "民族团结主题班会、手拉手活动",
      "国家通用语言文字教育教学",
      "依法治校和校园安全",
      "校园涉民族因素舆情风险防范",
    ],
  },
  enterprise: {
    label: "企业",
    items: [
      "职工铸牢中华民族共同体意识教育",
      "企业文化体现民族团结进步",
      "各族职工平等就业、共同发展",
      "参与结对帮扶、助力乡村振兴",
      "中华优秀传统文化进企业",
      "依法保障各族职工合法权益",
      "劳动争议和涉民族因素风险防范",
    ],
  },
};

function demoSet(category: string, levels: IndicatorSetInput["levels"], owner: string): IndicatorSetInput {
  const t = THEMES[category];
  return {
    name: `${owner}${t.label}民族团结进步示范单位测评指标`,
    versionLabel: "2025版",
    categories: [category],
    levels,
    total: 100,
    passLine: 90,
    gradeScale: { A: 1, B: 0.8, C: 0.6, D: 0 },
    nodes: [
      {
        title: "铸牢中华民族共同体意识",
        children: [
          {
            title: t.items[0],
            method: "score",
            maxScore: 15,
            standard: "每年不少于4次，有计划、有记录",
            evidence: "学习记录、照片",
          },
          { title: t.items[1], method: "score", maxScore: 15 },
        ],
      },
      {
        title: "交往交流交融",
        children: [
          { title: t.items[2], method: "score", maxScore: 10 },
          { title: t.items[3], method: "grade", maxScore: 10 },
        ],
      },
      {
        title: "共有精神家园",
        children: [
          { title: t.items[4], method: "score", maxScore: 10 },
          { title: "国家通用语言文字推广普及", method: "yes_no", maxScore: 10 },
        ],
      },
      { title: "依法治理", children: [{ title: t.items[5], method: "score", maxScore: 15 }] },
      {
        title: "风险防范",
        children: [
          { title: t.items[6], method: "score", maxScore: 15 },
          { title: "未发生涉及民族因素的群体性事件", method: "yes_no", maxScore: 0, veto: true },
        ],
      },
    ],
  };
}

/** Entries of a demo set adding up to `total` (20–100): 是 and A where asked, the rest spread over 打分 items. */
function entriesFor(set: IndicatorSetInput, total: number, vetoNo = false): ScoreSheetSave["entries"] {
  const leaves = leavesOf(set.nodes);
  let rest = Math.round(total * 10) - 200;
  return leaves.map((l) => {
    if (l.veto) return { nodeCode: l.code, answer: vetoNo ? ("no" as const) : ("yes" as const) };
    if (l.method === "yes_no") return { nodeCode: l.code, answer: "yes" as const };
    if (l.method === "grade") return { nodeCode: l.code, grade: "A" as const };
    const take = Math.max(0, Math.min((l.maxScore ?? 0) * 10, rest));
    rest -= take;
    return { nodeCode: l.code, score: take / 10, comment: "台账齐全，活动扎实" };
  });
}

// ---------------------------------------------------------------------------------------------------------

async function main() {
  const config = loadConfig();
  const started = Date.now();
  const { database, deps, createdAdmins } = await bootstrap({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    provinces: config.provinces,
    adminPassword: config.adminPassword,
    securityAdminPassword: config.securityAdminPassword,
    auditAdminPassword: config.auditAdminPassword,
    fieldKeyFile: config.fieldKeyFile,
    auditKeyFile: config.auditKeyFile,
    auditAnchorDir: config.auditAnchorDir,
    mfa: config.mfa,
  });
  try {
    if (createdAdmins.length) printCreatedAdmins(createdAdmins);
    const [done] = await deps.db.select().from(settings).where(eq(settings.key, MARKER));
    if (done) {
      console.log(`示范创建演示数据已于 ${(done.value as { at: string }).at} 生成，本次不重复生成。`);
      return;
    }
    const [partial] = await deps.db
      .select({ id: creationBatches.id })
      .from(creationBatches)
      .where(like(creationBatches.name, "%年度通辽市民族团结进步示范单位（区）命名"))
      .limit(1);
    if (partial) {
      throw new Error("数据库中已有未完成的演示数据（上次生成中断），请换一个空的 DATA_DIR 或数据库后重新运行");
    }
    if (config.provinces !== "all" && !config.provinces.includes("15")) {
      throw new Error("演示数据位于内蒙古（15），请在 SHILIU_PROVINCE 中包含 15");
    }
    const password = process.env.SHILIU_DEMO_PASSWORD || generatePassword(14);
    const summary = await seed(deps, password);
    await deps.db.insert(settings).values({ key: MARKER, value: { at: new Date().toISOString(), ...summary } });
    console.log("\n============ 示范创建演示数据 ============");
    for (const [k, v] of Object.entries(summary.counts)) console.log(`  ${k}：${v}`);
    console.log(
      `  演示账号（密码均为 ${process.env.SHILIU_DEMO_PASSWORD ? "SHILIU_DEMO_PASSWORD 的值" : password}）：`,
    );
    for (const u of summary.users) console.log(`    ${u}`);
    console.log(
      `==========================================（用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）\n`,
    );
  } finally {
    await database.close();
  }
}

async function seed(deps: Deps, password: string) {
  const db = deps.db;
  const clock = new StoryClock(`${new Date().getUTCFullYear() - 1}-04-01`);
  const realToday = shanghaiDate(new Date());
  const year = Number(realToday.slice(0, 4));
  const lastYear = year - 1;
  const [adminRow] = await db.select().from(users).where(eq(users.username, "admin"));
  const admin = (await loadActorForUser(db, adminRow.id))!;
  const sysCtx: Ctx = { ...deps, clock, actor: admin };
  // 三员分立: the system admin creates the accounts, the security admin grants their roles.
  const [secRow] = await db
    .select({ id: userRoles.userId })
    .from(userRoles)
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(eq(roles.code, "security_admin"))
    .limit(1);
  const secCtx: Ctx = { ...deps, clock, actor: (await loadActorForUser(db, secRow.id))! };

  // ---- organizations (get or create)
  const org = async (
    name: string,
    regionCode: string,
    type: string,
    extra: { isEthnicAffairsDept?: boolean; uscc?: string } = {},
  ) => {
    const [found] = await db.select().from(orgs).where(eq(orgs.name, name));
    if (found) return found.id;
    const created = await createOrg(sysCtx, {
      name,
      regionCode,
      type,
      isEthnicAffairsDept: extra.isEthnicAffairsDept ?? false,
      isMemberUnit: false,
      sort: 0,
    });
    return created.id;
  };
  const O = {
    region: await org("内蒙古自治区民族事务委员会", "15", "party_gov", { isEthnicAffairsDept: true }),
    city: await org("通辽市民族事务委员会", "1505", "party_gov", { isEthnicAffairsDept: true }),
    houqi: await org("科尔沁左翼后旗民族事务委员会", "150522", "party_gov", { isEthnicAffairsDept: true }),
    town: await org("甘旗卡镇民族宗教事务办公室", "150522100", "party_gov", { isEthnicAffairsDept: true }),
    experts: await org("通辽市民族团结进步创建专家组", "1505", "other"),
  };
  const units = {
    habuha: await org("哈布哈嘎查村民委员会", "150522100203", "village_org"),
    hatutala: await org("哈图塔拉嘎查村民委员会", "150522100204", "village_org"),
    shuligutai: await org("束力古台嘎查村民委员会", "150522100205", "village_org"),
    minzu: await org("甘旗卡镇民族社区居民委员会", "150522100001", "village_org"),
    bamangniu: await org("包牤牛嘎查村民委员会", "150522101201", "village_org"),
    hqEdu: await org("科尔沁左翼后旗教育局", "150522", "party_gov"),
    hqCourt: await org("科尔沁左翼后旗人民法院", "150522", "party_gov"),
    hqSchool: await org("科尔沁左翼后旗第一中学", "150522100", "school"),
    hqMilk: await org("内蒙古甘旗卡乳业有限公司", "150522100", "enterprise"),
    tlSchool: await org("通辽市实验小学", "150502", "school"),
    tlMongolSchool: await org("通辽市蒙古族中学", "150502", "school"),
    tlOrgan: await org("通辽市科尔沁区人民政府办公室", "150502", "party_gov"),
    tlEnterprise: await org("通辽市蒙古族服饰文化有限公司", "150502", "enterprise"),
    tlHospital: await org("通辽市蒙医医院", "150502", "institution"),
    klSchool: await org("库伦旗第一中学", "150524", "school"),
    nmVillage: await org("奈曼旗大沁他拉镇团结社区居民委员会", "150525", "village_org"),
    hqPolice: await org("科尔沁左翼后旗公安局", "150522", "party_gov"),
    gqkSchool2: await org("甘旗卡镇第二小学", "150522100", "school"),
    tabuhu: await org("塔布呼嘎查村民委员会", "150522100206", "village_org"),
  };

  // ---- users (get or create), all with the demo password
  const roleIds = Object.fromEntries(
    (await db.select({ id: roles.id, code: roles.code }).from(roles)).map((r) => [r.code, r.id]),
  );
  const userList: string[] = [];
  const user = async (username: string, displayName: string, orgId: string, role: string, label: string) => {
    let [found] = await db.select().from(users).where(eq(users.username, username));
    if (!found) {
      const { user: created } = await createUser(sysCtx, { username, displayName, orgId, roleIds: [], password });
      await setUserRoles(secCtx, created.id, [roleIds[role]]);
      [found] = await db.select().from(users).where(eq(users.username, username));
    }
    userList.push(`${username}（${label}）`);
    return (await loadActorForUser(db, found.id))!;
  };
  const A = {
    region: await user("nmg_mw", "内蒙古民委示范创建处", O.region, "ethnic_affairs_admin", "自治区民委"),
    city: await user("tl_mw", "通辽市民委创建科", O.city, "ethnic_affairs_admin", "通辽市民委"),
    houqi: await user("hq_mzj", "科左后旗民宗局", O.houqi, "ethnic_affairs_admin", "科左后旗民宗局"),
    town: await user("gqk_mzb", "甘旗卡镇民宗办", O.town, "ethnic_affairs_admin", "甘旗卡镇民宗办"),
  };
  const experts: Actor[] = [];
  for (const [i, name] of ["宝音", "其木格", "王建国", "乌兰图雅", "李秀英"].entries())
    experts.push(await user(`tl_expert${i + 1}`, name, O.experts, "evaluator", "测评专家"));
  const U: Record<keyof typeof units, Actor> = {} as never;
  for (const [key, id] of Object.entries(units) as [keyof typeof units, string][]) {
    const [row] = await db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, id));
    U[key] = await user(`unit_${key.toLowerCase()}`, `${row.name}填报员`, id, "unit_user", row.name);
  }
  const ctx = (actor: Actor): Ctx => ({ ...deps, clock, actor });

  // ---- indicator sets
  clock.at(`${lastYear}-03-02`);
  const sets: Record<string, string> = {};
  const setInputs: Record<string, IndicatorSetInput> = {};
  const countySets: Record<string, string> = {};
  for (const category of Object.keys(THEMES)) {
    setInputs[category] = demoSet(category, ["city", "county"], "通辽市");
    const s = await createIndicatorSet(ctx(A.city), setInputs[category]);
    sets[category] = (await publishIndicatorSet(ctx(A.city), s.id)).id;
    const c = await createIndicatorSet(ctx(A.houqi), demoSet(category, ["county"], "科左后旗"));
    countySets[category] = (await publishIndicatorSet(ctx(A.houqi), c.id)).id;
  }

  // ---- helpers for the flow
  const evidence = async (actor: Actor, title: string) =>
    (
      await uploadMaterial(ctx(actor), {
        fileName: `${title}.png`,
        content: Buffer.concat([PNG_1X1, Buffer.from(title)]),
        title,
        tags: ["示范创建"],
      })
    ).id;
  const apply = async (unit: Actor, batchId: string, category: string, selfTotal: number, statement: string) => {
    const app = await createApplication(ctx(unit), {
      batchId,
      category,
      statement,
      evidenceIds: [
        await evidence(unit, `${unit.orgName}创建工作台账`),
        await evidence(unit, `${unit.orgName}活动照片`),
      ],
    });
    if (selfTotal > 0) {
      await saveSheet(ctx(unit), app.selfSheet!.id, { entries: entriesFor(setInputs[category], selfTotal) });
      await submitSheet(ctx(unit), app.selfSheet!.id);
    }
    return app;
  };
  const submit = async (unit: Actor, id: string) => submitApplication(ctx(unit), id);
  /** Each level below the organiser recommends, the organiser accepts. */
  const reviewUp = async (id: string, upTo: "town" | "county" | "accept", organiser: Actor) => {
    const app = await recommendIfAt(id, A.town, "同意推荐");
    if (upTo === "town") return app;
    await recommendIfAt(id, A.houqi, "材料齐全，同意推荐");
    if (upTo === "county") return app;
    return acceptApplication(ctx(organiser), id, "予以受理");
  };
  const recommendIfAt = async (id: string, reviewer: Actor, opinion: string) => {
    const { getApplication } = await import("./application-view.service.js");
    // Outside the reviewer's scope (another town) or past its level: nothing for it to do.
    const app = await getApplication(ctx(reviewer), id).catch(() => null);
    if (app?.reviewLevelCode === reviewer.regionCode) return recommendApplication(ctx(reviewer), id, opinion);
    return app;
  };
  const score = async (id: string, category: string, totals: number[], vetoNoBy: number[] = [], organiser = A.city) => {
    await assignExperts(
      ctx(organiser),
      id,
      experts.slice(0, totals.length).map((e) => e.userId),
    );
    for (const [i, total] of totals.entries()) {
      if (Number.isNaN(total)) continue;
      const mine = (await listAssignments(ctx(experts[i]))).find((x) => x.applicationId === id)!;
      await saveSheet(ctx(experts[i]), mine.sheetId, {
        entries: entriesFor(setInputs[category], total, vetoNoBy.includes(i)),
      });
      await submitSheet(ctx(experts[i]), mine.sheetId);
    }
  };
  const calendar = await getWorkingCalendar(db);
  const lastWorkingDay = (date: string) => {
    let d = date;
    while (!calendar.isWorkingDay(d)) d = addDays(d, -1);
    return d;
  };

  // ---- last year's city batch, carried to naming
  const b1 = await createBatch(ctx(A.city), {
    name: `${lastYear}年度通辽市民族团结进步示范单位（区）命名`,
    year: lastYear,
    level: "city",
    categories: ["organ", "village", "school", "enterprise"],
    setId: sets.village,
    categorySets: { organ: sets.organ, school: sets.school, enterprise: sets.enterprise },
    quota: 30,
    noticeDays: 5,
    validityYears: 5,
    submitDeadline: `${lastYear}-04-30`,
    reviewDeadline: `${lastYear}-05-20`,
    evaluationDeadline: `${lastYear}-06-10`,
    namingDeadline: `${lastYear}-06-30`,
    description: "按照《通辽市民族团结进步示范单位（区）命名管理办法》组织申报。",
  });
  await setBatchStatus(ctx(A.city), b1.id, "open");
  clock.at(`${lastYear}-04-10`);
  const lastYearApps: [Actor, string, number[]][] = [
    [U.habuha, "village", [95, 94, 93, 96, 92]],
    [U.hqSchool, "school", [93, 92, 95]],
    [U.hqMilk, "enterprise", [91, 93, 92]],
    [U.tlSchool, "school", [96, 95, 94]],
    [U.tlOrgan, "organ", [94, 92, 93]],
    [U.tlEnterprise, "enterprise", [92, 91, 94]],
  ];
  const named: string[] = [];
  for (const [unit, category] of lastYearApps) {
    const a = await apply(
      unit,
      b1.id,
      category,
      95,
      `${unit.orgName}以铸牢中华民族共同体意识为主线，扎实开展民族团结进步创建。`,
    );
    await submit(unit, a.id);
    named.push(a.id);
  }
  clock.at(`${lastYear}-05-12`);
  for (const id of named) await reviewUp(id, "accept", A.city);
  clock.at(`${lastYear}-05-26`);
  for (const [i, id] of named.entries()) {
    await score(id, lastYearApps[i][1], lastYearApps[i][2]);
    await finalizeApplication(ctx(A.city), id);
  }
  // A working day: 2025-06-02 was 端午节, and a notice published on a holiday opens on the next working day.
  clock.at(lastWorkingDay(`${lastYear}-06-04`));
  const n1 = await createNotice(ctx(A.city), {
    batchId: b1.id,
    title: `${lastYear}年度通辽市民族团结进步示范单位拟命名名单公示`,
    body: "公示期内，任何单位和个人均可实名提出异议。",
    applicationIds: named,
  });
  await publishNotice(ctx(A.city), n1.id);
  await submitObjection({ ...deps, clock }, n1.id, {
    contactName: "包海龙",
    phone: "13904750001",
    content: "建议核实该校民族团结教育活动的开展频次。",
    applicationId: named[1],
  });
  const [obj] = (await listObjections(ctx(A.city), { page: 1, pageSize: 10 })).items;
  await replyObjection(ctx(A.city), obj.id, "经核查，该校每学期开展民族团结教育活动，台账完整，不影响命名。", "none");
  clock.at(`${lastYear}-06-16`);
  await createDecision(ctx(A.city), {
    batchId: b1.id,
    docNumber: `通民委发〔${lastYear}〕15号`,
    namedOn: clock.today(),
    applicationIds: named,
  });

  // ---- designations named before the platform, registered by their naming level
  const register = async (
    actor: Actor,
    orgId: string,
    category: string,
    level: "national" | "region" | "city" | "county",
    no: string,
    doc: string,
    namedOn: string,
    setId: string,
  ) =>
    registerDesignation(ctx(actor), {
      orgId,
      category,
      level,
      certificateNo: no,
      docNumber: doc,
      namedOn,
      validityYears: 5,
      setId,
    });
  const soon1 = addMonths(realToday, -57); // expires in about three months: 复验 opens
  const soon2 = addMonths(realToday, -55);
  const gone = addMonths(realToday, -61); // expired a month ago
  const legacy = [
    await register(
      A.region,
      units.tlMongolSchool,
      "school",
      "national",
      "GJ-2022-0315",
      "国家民委〔2022〕12号",
      "2022-09-20",
      sets.school,
    ),
    await register(
      A.region,
      units.habuha,
      "village",
      "region",
      "NMG-2023-0107",
      "内民委发〔2023〕21号",
      "2023-09-12",
      sets.village,
    ),
    await register(
      A.region,
      units.tlHospital,
      "other",
      "region",
      "NMG-2022-0088",
      "内民委发〔2022〕18号",
      "2022-09-15",
      sets.organ,
    ),
    await register(
      A.city,
      units.minzu,
      "village",
      "city",
      `${soon1.slice(0, 4)}-MS-1505-0031`,
      `通民委发〔${soon1.slice(0, 4)}〕9号`,
      soon1,
      sets.village,
    ),
    await register(
      A.city,
      units.klSchool,
      "school",
      "city",
      `${soon2.slice(0, 4)}-MS-1505-0032`,
      `通民委发〔${soon2.slice(0, 4)}〕9号`,
      soon2,
      sets.school,
    ),
    await register(
      A.city,
      units.nmVillage,
      "village",
      "city",
      `${gone.slice(0, 4)}-MS-1505-0017`,
      `通民委发〔${gone.slice(0, 4)}〕6号`,
      gone,
      sets.village,
    ),
    await register(
      A.city,
      units.hqCourt,
      "organ",
      "city",
      "2023-MS-1505-0044",
      "通民委发〔2023〕11号",
      "2023-06-20",
      sets.organ,
    ),
    await register(
      A.houqi,
      units.hatutala,
      "village",
      "county",
      "2022-QX-150522-0012",
      "后民宗发〔2022〕5号",
      "2022-07-01",
      countySets.village,
    ),
    await register(
      A.houqi,
      units.shuligutai,
      "village",
      "county",
      "2023-QX-150522-0021",
      "后民宗发〔2023〕7号",
      "2023-07-03",
      countySets.village,
    ),
    await register(
      A.houqi,
      units.hqEdu,
      "organ",
      "county",
      "2023-QX-150522-0022",
      "后民宗发〔2023〕7号",
      "2023-07-03",
      countySets.organ,
    ),
    await register(
      A.houqi,
      units.bamangniu,
      "village",
      "county",
      "2021-QX-150522-0030",
      "后民宗发〔2021〕8号",
      "2021-07-05",
      countySets.village,
    ),
    await register(
      A.houqi,
      units.tabuhu,
      "village",
      "county",
      "2022-QX-150522-0016",
      "后民宗发〔2022〕5号",
      "2022-07-01",
      countySets.village,
    ),
  ];

  // ---- a yearly self-check of last year's named 嘎查
  clock.at(`${year}-01-15`);
  const habuhaCity = await (async () => {
    const { listDesignations } = await import("./designation.service.js");
    return (await listDesignations(ctx(A.city), { page: 1, pageSize: 1, q: "哈布哈", level: "city" })).items[0];
  })();
  const check = await createSelfCheck(ctx(U.habuha), habuhaCity.id, lastYear);
  await saveSheet(ctx(U.habuha), check.sheetId, { entries: entriesFor(setInputs.village, 94) });
  await submitSheet(ctx(U.habuha), check.sheetId);
  await submitSelfCheck(ctx(U.habuha), check.id);

  // ---- this year: city batch with applications in every stage, and a banner batch
  clock.at(addDays(realToday, -75));
  const b2 = await createBatch(ctx(A.city), {
    name: `${year}年度通辽市民族团结进步示范单位（区）命名`,
    year,
    level: "city",
    categories: ["organ", "village", "school", "enterprise"],
    setId: sets.village,
    categorySets: { organ: sets.organ, school: sets.school, enterprise: sets.enterprise },
    quota: 40,
    noticeDays: 5,
    validityYears: 5,
    submitDeadline: addDays(realToday, 30),
    reviewDeadline: addDays(realToday, 45),
    evaluationDeadline: addDays(realToday, 60),
    namingDeadline: addDays(realToday, 90),
  });
  await setBatchStatus(ctx(A.city), b2.id, "open");
  const b3 = await createBatch(ctx(A.houqi), {
    name: `${year}年度科尔沁左翼后旗民族团结进步示范单位命名`,
    year,
    level: "county",
    categories: ["village", "school", "enterprise", "organ"],
    setId: countySets.village,
    categorySets: { school: countySets.school, enterprise: countySets.enterprise, organ: countySets.organ },
    noticeDays: 5,
    validityYears: 5,
    submitDeadline: addDays(realToday, 20),
  });
  await setBatchStatus(ctx(A.houqi), b3.id, "open");
  clock.at(addDays(realToday, -70));
  const stage = async (unit: Actor, category: string, batchId = b2.id, selfTotal = 95) => {
    const a = await apply(
      unit,
      batchId,
      category,
      selfTotal,
      `${unit.orgName}创建工作总结：常态化开展“石榴籽”主题教育，各族群众交往交流交融。`,
    );
    if (selfTotal > 0) await submit(unit, a.id);
    return a.id;
  };
  const evaluating = await stage(U.hatutala, "village");
  const approved = await stage(U.shuligutai, "village");
  const publicized = await stage(U.minzu, "village");
  const vetoed = await stage(U.hqPolice, "organ");
  const accepted = await stage(U.hqEdu, "organ");
  const returned = await stage(U.hqCourt, "organ");
  const atCounty = await stage(U.bamangniu, "village");
  const noticeEnded = await stage(U.nmVillage, "village"); // its notice ends before today: ready to be named
  await stage(U.gqkSchool2, "school", b3.id); // 逐级推荐 at the town (甘旗卡镇) in the banner batch
  const withdrawn = await stage(U.tlEnterprise, "enterprise");
  await stage(U.klSchool, "school", b2.id, 0); // 草稿: not yet submitted
  await stage(U.hqSchool, "school", b3.id, 0); // 草稿 in the banner batch
  clock.at(addDays(realToday, -55));
  for (const id of [evaluating, approved, publicized, vetoed, accepted, noticeEnded])
    await reviewUp(id, "accept", A.city);
  await reviewUp(atCounty, "town", A.city);
  await recommendIfAt(returned, A.town, "同意推荐");
  await returnApplication(ctx(A.houqi), returned, "请补充“民族团结进步宣传月”活动的照片和简报");
  await withdrawApplication(ctx(U.tlEnterprise), withdrawn, "企业搬迁，明年再行申报");
  clock.at(addDays(realToday, -40));
  await recordSiteVisit(ctx(A.city), evaluating, {
    visitedOn: clock.today(),
    members: "宝音、其木格、王建国",
    notes: "实地查看了嘎查党群服务中心、民族团结进步宣传阵地和调解室。",
    evidenceIds: [await evidence(A.city, "实地考察照片（哈图塔拉嘎查）")],
  });
  await score(evaluating, "village", [94, 92, Number.NaN, Number.NaN, Number.NaN]); // 2 of 5 submitted
  await score(approved, "village", [95, 93, 94]);
  await score(publicized, "village", [96, 94, 95, 93, 92]);
  await score(vetoed, "organ", [97, 96, 98], [2]);
  await score(noticeEnded, "village", [95, 96, 94]);
  for (const id of [approved, publicized, vetoed, noticeEnded]) await finalizeApplication(ctx(A.city), id);
  clock.at(addDays(realToday, -21));
  const n0 = await createNotice(ctx(A.city), {
    batchId: b2.id,
    title: `${year}年度通辽市民族团结进步示范单位拟命名名单公示（奈曼旗）`,
    body: "公示期内未收到异议。",
    applicationIds: [noticeEnded],
  });
  await publishNotice(ctx(A.city), n0.id);
  clock.at(lastWorkingDay(realToday));
  const n2 = await createNotice(ctx(A.city), {
    batchId: b2.id,
    title: `${year}年度通辽市民族团结进步示范单位拟命名名单公示（第一批）`,
    body: "公示期内，任何单位和个人均可通过本平台实名提出异议。",
    applicationIds: [publicized],
  });
  await publishNotice(ctx(A.city), n2.id);
  await submitObjection({ ...deps, clock }, n2.id, {
    contactName: "特木尔",
    phone: "13847500002",
    content: "该社区部分活动照片疑似重复使用，请核实。",
    applicationId: publicized,
  });

  // ---- cultivation pool, self-checks, targets
  for (const [unit, category, level] of [
    [units.tlMongolSchool, "school", "region"],
    [units.hqMilk, "enterprise", "region"],
    [units.bamangniu, "village", "city"],
  ] as const) {
    await createCandidate(ctx(level === "region" ? A.city : A.houqi), {
      orgId: unit,
      category,
      targetLevel: level,
      mentorOrgId: level === "region" ? O.city : O.town,
      note: "重点培育对象，结对帮带",
    });
  }
  const targets: [Actor, string, "national" | "region" | "city" | "county", number, number, string?][] = [
    [A.city, "1505", "national", 2025, 3],
    [A.city, "1505", "region", 2025, 10],
    [A.city, "1505", "city", 2025, 500],
    [A.city, "1505", "city", 2025, 60, "school"],
    [A.city, "1505", "city", year, 520],
    [A.houqi, "150522", "city", 2025, 80],
    [A.houqi, "150522", "county", 2025, 200],
    [A.houqi, "150522", "county", year, 220],
  ];
  for (const [actor, regionCode, level, y, targetCount, category] of targets)
    await createTarget(ctx(actor), {
      regionCode,
      level,
      year: y,
      targetCount,
      category,
      note: "《民族团结进步创建发展规划（2021-2025年）》确定的目标",
    });

  // ---- today: the daily jobs run, and two designations are revoked
  clock.at(realToday);
  const jobDeps = { ...deps, clock };
  const opened = await openDueReverifications(jobDeps);
  const expired = await expireDesignations(jobDeps);
  await revokeDesignation(ctx(A.city), legacy[6].id, {
    reasonCategory: "major_incident",
    docNumber: `通民委发〔${year}〕27号`,
    materialId: await evidence(A.city, "关于撤销示范单位命名的决定"),
    note: "发生影响民族团结的事件，经调查属实。",
  });
  await revokeDesignation(ctx(A.houqi), legacy[11].id, {
    reasonCategory: "merged",
    docNumber: `后民宗发〔${year}〕3号`,
    note: "嘎查合并，原命名撤销。",
  });

  // Demo users sign in with the demo password at once.
  for (const actor of [...Object.values(A), ...experts, ...Object.values(U)])
    await db
      .update(users)
      .set({ mustChangePassword: false, passwordChangedAt: new Date() })
      .where(eq(users.id, actor.userId));

  // The banner's development plan (plans/demo/*.txt) with a year of progress reports and a supervision round.
  const plan = await seedPlansDemo(deps, { actor: A.houqi });

  return {
    counts: {
      规划监测: plan.created ? 1 : 0,
      指标体系: Object.keys(sets).length * 2,
      申报批次: 3,
      "申报（含各阶段）": named.length + 12,
      命名决定: 1,
      历史命名录入: legacy.length,
      启动复验: opened,
      到期: expired,
      撤销: 2,
      目标任务: targets.length,
    },
    users: userList,
  };
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
