/** The demo seed's cast and indicator sets (demo-seed.ts tells the story). */
import { eq } from "drizzle-orm";
import type { IndicatorSetInput, ScoreSheetSave } from "../../../contracts/evaluation.js";
import type { Actor } from "../../core/access.js";
import type { Clock } from "../../core/clock.js";
import type { Ctx, Deps } from "../../core/context.js";
import { createIndicatorSet, leavesOf, publishIndicatorSet, saveSheet, submitSheet } from "../evaluation/index.js";
import {
  createUser,
  loadActorForUser,
  roleIdsByCode,
  setUserRoles,
  someHolderOfRole,
  userIdByUsername,
} from "../identity/index.js";
import { uploadMaterial } from "../materials/index.js";
import { createOrg, findOrgIdsByName, orgById } from "../org/index.js";
import { getWorkingCalendar } from "../system/index.js";
import { createApplication, submitApplication } from "./applicant.service.js";
import { acceptApplication, assignExperts, recommendApplication } from "./application-review.service.js";
import { listAssignments } from "./assignment.service.js";
import { addDays, shanghaiDate, shanghaiStartOf } from "./dates.js";

/** A 1×1 PNG: demo evidence photos (each made unique by its title). */
const PNG_1X1 = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);

/** A clock the story moves forward; it never runs ahead of the real time. */
export class StoryClock implements Clock {
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

export const THEMES: Record<
  string,
  { label: string; items: [string, string, string, string, string, string, string] }
> = {
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

export function demoSet(category: string, levels: IndicatorSetInput["levels"], owner: string): IndicatorSetInput {
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
export function entriesFor(set: IndicatorSetInput, total: number, vetoNo = false): ScoreSheetSave["entries"] {
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

/**
 * The cast of the demo story: the story clock, the organizations and users (created or found), the indicator
 * sets, and the helpers the story uses to move applications along.
 */
export async function demoCast(deps: Deps, password: string) {
  const db = deps.db;
  const clock = new StoryClock(`${new Date().getUTCFullYear() - 1}-01-02`);
  const realToday = shanghaiDate(new Date());
  const year = Number(realToday.slice(0, 4));
  const lastYear = year - 1;
  const adminId = (await userIdByUsername(db, "admin"))!;
  const admin = (await loadActorForUser(db, adminId))!;
  const sysCtx: Ctx = { ...deps, clock, actor: admin };
  // 三员分立: the system admin creates the accounts, the security admin grants their roles.
  const secId = (await someHolderOfRole(db, "security_admin"))!;
  const secCtx: Ctx = { ...deps, clock, actor: (await loadActorForUser(db, secId))! };

  // ---- organizations (get or create)
  const org = async (
    name: string,
    regionCode: string,
    type: string,
    extra: { isEthnicAffairsDept?: boolean; uscc?: string; nameMn?: string } = {},
  ) => {
    const [found] = (await findOrgIdsByName(db, [name])).get(name) ?? [];
    if (found) return found.id;
    const created = await createOrg(sysCtx, {
      name,
      regionCode,
      type,
      isEthnicAffairsDept: extra.isEthnicAffairsDept ?? false,
      nameMn: extra.nameMn,
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
  // 蒙古文名称 of a few 科左后旗 units, shown by the portal's 示范单位 directory in Mongolian: demo text, 待校对.
  const mn = (nameMn: string) => ({ nameMn });
  const units = {
    habuha: await org(
      "哈布哈嘎查村民委员会",
      "150522100203",
      "village_org",
      mn("ᠬᠠᠪᠤᠬ\u180eᠠ ᠭᠠᠴᠠᠭ\u180eᠠ\u202fᠶᠢᠨ ᠠᠷᠠᠳ\u202fᠤᠨ ᠵᠠᠬᠢᠷᠤᠭᠤ ᠬᠣᠷᠢᠶ\u180eᠠ"),
    ),
    hatutala: await org("哈图塔拉嘎查村民委员会", "150522100204", "village_org"),
    shuligutai: await org("束力古台嘎查村民委员会", "150522100205", "village_org"),
    minzu: await org(
      "甘旗卡镇民族社区居民委员会",
      "150522100001",
      "village_org",
      mn("ᠭᠠᠨᠴᠢᠭ\u180eᠠ ᠪᠠᠯᠭᠠᠰᠤ\u202fᠶᠢᠨ ᠦᠨᠳᠦᠰᠦᠲᠡᠨ ᠬᠣᠷᠣᠭᠠᠨ\u202fᠤ ᠠᠷᠠᠳ\u202fᠤᠨ ᠵᠠᠬᠢᠷᠤᠭᠤ ᠬᠣᠷᠢᠶ\u180eᠠ"),
    ),
    bamangniu: await org("包牤牛嘎查村民委员会", "150522101201", "village_org"),
    hqEdu: await org("科尔沁左翼后旗教育局", "150522", "party_gov"),
    hqCourt: await org(
      "科尔沁左翼后旗人民法院",
      "150522",
      "party_gov",
      mn("ᠬᠣᠷᠴᠢᠨ ᠵᠡᠭᠦᠨ ᠭᠠᠷᠤᠨ ᠬᠣᠶᠢᠲᠤ ᠬᠣᠰᠢᠭᠤ\u202fᠨᠤ ᠠᠷᠠᠳ\u202fᠤᠨ ᠱᠦᠭᠦᠬᠦ ᠶᠠᠮᠤ"),
    ),
    hqSchool: await org(
      "科尔沁左翼后旗第一中学",
      "150522100",
      "school",
      mn("ᠬᠣᠷᠴᠢᠨ ᠵᠡᠭᠦᠨ ᠭᠠᠷᠤᠨ ᠬᠣᠶᠢᠲᠤ ᠬᠣᠰᠢᠭᠤ\u202fᠨᠤ ᠨᠢᠭᠡᠳᠦᠭᠡᠷ ᠳᠤᠮᠳᠠᠳᠤ ᠰᠤᠷᠭᠠᠭᠤᠯᠢ"),
    ),
    hqMilk: await org("内蒙古甘旗卡乳业有限公司", "150522100", "enterprise"),
    tlSchool: await org("通辽市实验小学", "150502", "school"),
    tlMongolSchool: await org(
      "通辽市蒙古族中学",
      "150502",
      "school",
      mn("ᠲᠦᠩᠯᠢᠶᠣᠣ ᠬᠣᠲᠠ\u202fᠶᠢᠨ ᠮᠣᠩᠭᠣᠯ ᠳᠤᠮᠳᠠᠳᠤ ᠰᠤᠷᠭᠠᠭᠤᠯᠢ"),
    ),
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
  const roleIds = await roleIdsByCode(db);
  const userList: string[] = [];
  const user = async (username: string, displayName: string, orgId: string, role: string, label: string) => {
    let found = await userIdByUsername(db, username);
    if (!found) {
      const { user: created } = await createUser(sysCtx, { username, displayName, orgId, roleIds: [], password });
      await setUserRoles(secCtx, created.id, [roleIds[role]]);
      found = created.id;
    }
    userList.push(`${username}（${label}）`);
    return (await loadActorForUser(db, found))!;
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
    const row = (await orgById(db, id))!;
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
  return {
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
  };
}
