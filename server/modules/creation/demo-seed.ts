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
import { bootstrap } from "../../bootstrap.js";
import { loadConfig } from "../../config.js";
import type { Actor } from "../../core/access.js";
import type { Deps } from "../../core/context.js";
import { settings } from "../../core/core.schema.js";
import { seedActivitiesDemo } from "../activities/index.js";
import { seedBasesDemo } from "../bases/index.js";
import { seedPortalDemo } from "../content/index.js";
import { seedDisputesDemo } from "../disputes/index.js";
import { saveSheet, submitSheet } from "../evaluation/index.js";
import { seedHonorsDemo } from "../honors/index.js";
import { generatePassword, printCreatedAdmins, waiveFirstPasswordChange } from "../identity/index.js";
import { seedInsightsDemo } from "../insights/index.js";
import { seedPlansDemo } from "../plans/index.js";
import { seedServicesDemo } from "../services/index.js";
import { withdrawApplication } from "./applicant.service.js";
import { finalizeApplication, recordSiteVisit, returnApplication } from "./application-review.service.js";
import { createBatch, createCandidate, setBatchStatus } from "./batch.service.js";
import { creationBatches } from "./creation.schema.js";
import { addDays, addMonths } from "./dates.js";
import { createDecision, registerDesignation } from "./decision.service.js";
import { demoCast, entriesFor } from "./demo-cast.js";
import { revokeDesignation } from "./designation.service.js";
import { createNotice, publishNotice, submitObjection } from "./notice.service.js";
import { listObjections, replyObjection } from "./objection.service.js";
import { createSelfCheck, expireDesignations, openDueReverifications, submitSelfCheck } from "./self-check.service.js";
import { createTarget } from "./target.service.js";

const MARKER = "demo_seed:creation";

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
  const {
    db,
    clock,
    realToday,
    year,
    lastYear,
    O,
    units,
    userList,
    A,
    experts,
    U,
    ctx,
    sets,
    setInputs,
    countySets,
    evidence,
    apply,
    submit,
    reviewUp,
    recommendIfAt,
    score,
    lastWorkingDay,
  } = await demoCast(deps, password);

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
    // 蒙古文标题: demo text, 待校对 (the portal shows it to visitors who chose Mongolian).
    titleMn: `${lastYear} ᠣᠨ\u202fᠤ ᠲᠦᠩᠯᠢᠶᠣᠣ ᠬᠣᠲᠠ\u202fᠶᠢᠨ ᠦᠨᠳᠦᠰᠦᠲᠡᠨ\u202fᠦ ᠡᠪ ᠨᠢᠭᠡᠳᠦᠯ\u202fᠦᠨ ᠳᠡᠪᠰᠢᠯᠲᠡ\u202fᠶᠢᠨ ᠦᠯᠢᠭᠡᠷ ᠠᠯᠪᠠᠨ ᠭᠠᠵᠠᠷ\u202fᠤᠨ ᠨᠡᠷ\u180eᠡ ᠥᠭᠬᠦ ᠣᠯᠠᠨ\u202fᠳᠤᠷ ᠵᠠᠷᠯᠠᠬᠤ ᠮᠡᠳᠡᠭᠳᠡᠯ`,
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
    titleMn: "",
    body: "公示期内未收到异议。",
    applicationIds: [noticeEnded],
  });
  await publishNotice(ctx(A.city), n0.id);
  clock.at(lastWorkingDay(realToday));
  const n2 = await createNotice(ctx(A.city), {
    batchId: b2.id,
    title: `${year}年度通辽市民族团结进步示范单位拟命名名单公示（第一批）`,
    titleMn: `${year} ᠣᠨ\u202fᠤ ᠲᠦᠩᠯᠢᠶᠣᠣ ᠬᠣᠲᠠ\u202fᠶᠢᠨ ᠦᠨᠳᠦᠰᠦᠲᠡᠨ\u202fᠦ ᠡᠪ ᠨᠢᠭᠡᠳᠦᠯ\u202fᠦᠨ ᠳᠡᠪᠰᠢᠯᠲᠡ\u202fᠶᠢᠨ ᠦᠯᠢᠭᠡᠷ ᠠᠯᠪᠠᠨ ᠭᠠᠵᠠᠷ\u202fᠤᠨ ᠨᠡᠷ\u180eᠡ ᠥᠭᠬᠦ ᠣᠯᠠᠨ\u202fᠳᠤᠷ ᠵᠠᠷᠯᠠᠬᠤ ᠮᠡᠳᠡᠭᠳᠡᠯ`,
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
    await waiveFirstPasswordChange(db, actor.userId, new Date());

  // The banner's development plan (plans/demo/*.txt) with a year of progress reports and a supervision round.
  const plan = await seedPlansDemo(deps, { actor: A.houqi });
  // 风险防范: a year of 甘旗卡镇 零报告, cases in every state (one 重大 reported to 通辽), a campaign, plans, drills, events.
  const disputes = await seedDisputesDemo(deps, {
    banner: A.houqi,
    town: A.town,
    units: [U.habuha, U.hatutala, U.shuligutai, U.minzu, U.tabuhu],
  });

  // 表彰: a decided 2025 campaign (the register, the deeds library) and the 2026 one in progress.
  await seedHonorsDemo(deps, {
    clock,
    city: A.city,
    county: A.houqi,
    units: [U.habuha, U.hatutala, U.minzu, U.hqSchool, U.hqMilk],
    judges: experts,
  });
  clock.at(realToday);
  // 活动: a year of records in 通辽 and 科左后旗, a September 宣传月, three schools' 七个一, ten pairs with visits.
  const activities = await seedActivitiesDemo(deps, { clock, city: A.city, houqi: A.houqi, town: A.town, units: U });
  // 服务台: windows and departments of 后旗, a year of requests (green channel, referrals, escalations), meetings.
  const services = await seedServicesDemo(deps, { actor: A.houqi, password });
  userList.push(...services.users);
  // 教育基地 of 通辽 and 后旗: registry, 数字展馆 pages, a year of sessions, bookings, check-ins and monthly reports.
  const basesDemo = await seedBasesDemo(deps, {
    supervisors: { city: A.city, houqi: A.houqi },
    staff: {
      community: U.minzu,
      school: U.hqSchool,
      dairy: U.hqMilk,
      village: U.bamangniu,
      mongolSchool: U.tlMongolSchool,
      formerVillage: U.habuha,
    },
  });
  // 新闻动态 and 政策法规 of 通辽 and 科左后旗 (the plan above among the policies).
  const portal = await seedPortalDemo(deps, { city: A.city, houqi: A.houqi, town: A.town, unit: U.minzu });
  // 考核评价: 后旗's 2026 assessment of its member units, figures computed from the records above, two disputes.
  clock.at(realToday);
  const insights = await seedInsightsDemo(deps, {
    clock,
    houqi: A.houqi,
    units: [U.habuha, U.tabuhu, U.hatutala, U.shuligutai, U.minzu],
    panel: experts.slice(0, 1),
    year,
  });

  return {
    counts: {
      规划监测: plan.created ? 1 : 0,
      新闻动态: portal.news,
      政策法规: portal.policies,
      指标体系: Object.keys(sets).length * 2,
      申报批次: 3,
      "申报（含各阶段）": named.length + 12,
      命名决定: 1,
      历史命名录入: legacy.length,
      启动复验: opened,
      到期: expired,
      撤销: 2,
      目标任务: targets.length,
      活动记录: activities.created,
      ...services.counts,
      教育基地: basesDemo.bases,
      "参观预约（一年）": basesDemo.bookings,
      矛盾纠纷: disputes.cases,
      零报告: disputes.reports,
      考核轮次: insights.rounds,
    },
    users: userList,
  };
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
