/**
 * 服务台 demonstration data in 科左后旗 (通辽市), told as a story current on the day it runs (2026-12-02 in the
 * demo): two community windows with bilingual staff, the banner's 司法局, 人社局, 教育局 and 民政局 with their
 * handlers, liaison officers, two contact meetings with follow-ups, and a year of requests across categories and
 * channels — legal aid in the green channel, referrals answered on time, late, declined and re-referred, some
 * overdue and escalated by the hourly job, some rated by the person — and consented service files. Personal fields
 * go through the same services (SM4 at rest, blind index, masked in lists). Idempotent: nothing when the first
 * window exists already.
 */
import { eq } from "drizzle-orm";
import { addDays, beijingDate, beijingStartOf } from "../../../contracts/dates.js";
import type { Actor } from "../../core/access.js";
import type { Clock } from "../../core/clock.js";
import type { Ctx, Deps } from "../../core/context.js";
import {
  createUser,
  loadActorForUser,
  roleIdsByCode,
  setUserRoles,
  someHolderOfRole,
  userIdByUsername,
  waiveFirstPasswordChange,
} from "../identity/index.js";
import { createOrg, findOrgIdsByName } from "../org/index.js";
import { escalateOverdueRequests } from "./escalation.service.js";
import { closeFile, createFile } from "./files.service.js";
import { listGuides, publishGuide, saveGuide } from "./guides.service.js";
import { ratePublic } from "./public.service.js";
import { createLiaison, createMeeting, followUpToRequest, saveWindow } from "./registry.service.js";
import { createRequest, revealField } from "./request.service.js";
import { serviceWindows } from "./services.schema.js";
import { answerRequest, closeRequest, declineRequest, receiveRequest, referRequest } from "./workflow.service.js";

const FIRST_WINDOW = "甘旗卡镇民族社区服务窗口";
const BANNER = "150522";

/** A clock the story moves; never ahead of the outer clock. */
class Story implements Clock {
  private t: number;
  constructor(private readonly limit: number) {
    this.t = limit;
  }
  now = () => new Date(this.t);
  /** `hour` o'clock Beijing time on `date` (capped at the outer now). */
  at(date: string, hour = 9) {
    this.t = Math.min(this.limit, beijingStartOf(date).getTime() + hour * 3_600_000);
  }
}

type Person = { name: string; phone: string; idNumber?: string };
const PEOPLE: Person[] = [
  { name: "包金花", phone: "13947512031", idNumber: "152326198803124527" },
  { name: "乌力吉", phone: "13847536620" },
  { name: "白音仓", phone: "15147500918", idNumber: "152326197511060317" },
  { name: "张海燕", phone: "13614753302" },
  { name: "其其格", phone: "18247531129" },
  { name: "韩宝山", phone: "15904757761" },
  { name: "萨仁高娃", phone: "13337051468" },
  { name: "刘振华", phone: "13722051877" },
];

/** What happens to a request: the category, how it came in, and its path. */
type Plot = {
  daysAgo: number;
  category: string;
  channel: "window" | "hotline";
  text: string;
  to?: "sifa" | "renshe" | "jiaoyu" | "minzheng";
  path: "open" | "spot" | "onTime" | "late" | "declined" | "overdue" | "pending";
  rate?: "satisfied" | "basically" | "dissatisfied";
};

const PLOTS: Plot[] = [
  {
    daysAgo: 330,
    category: "employment",
    channel: "window",
    text: "返乡后想在旗里找一份畜牧技术员工作",
    to: "renshe",
    path: "onTime",
    rate: "satisfied",
  },
  {
    daysAgo: 300,
    category: "school",
    channel: "window",
    text: "随迁子女转入甘旗卡镇第二小学就读",
    to: "jiaoyu",
    path: "onTime",
    rate: "satisfied",
  },
  {
    daysAgo: 280,
    category: "legal_aid",
    channel: "hotline",
    text: "在外务工被拖欠工资三个月，申请法律援助",
    to: "sifa",
    path: "onTime",
    rate: "basically",
  },
  {
    daysAgo: 250,
    category: "policy",
    channel: "window",
    text: "咨询草原生态保护补助奖励政策",
    path: "spot",
    rate: "satisfied",
  },
  {
    daysAgo: 220,
    category: "medical",
    channel: "window",
    text: "异地就医备案和蒙医医院报销",
    to: "minzheng",
    path: "late",
    rate: "basically",
  },
  {
    daysAgo: 200,
    category: "hardship",
    channel: "hotline",
    text: "家中失火，申请临时救助",
    to: "minzheng",
    path: "onTime",
    rate: "satisfied",
  },
  {
    daysAgo: 180,
    category: "social_security",
    channel: "window",
    text: "灵活就业人员养老保险续缴",
    to: "renshe",
    path: "late",
    rate: "dissatisfied",
  },
  {
    daysAgo: 150,
    category: "legal_aid",
    channel: "window",
    text: "草场承包合同纠纷，需要法律咨询和代理",
    to: "sifa",
    path: "onTime",
    rate: "satisfied",
  },
  {
    daysAgo: 120,
    category: "employment",
    channel: "hotline",
    text: "参加蒙汉双语电商直播技能培训",
    to: "renshe",
    path: "onTime",
    rate: "basically",
  },
  {
    daysAgo: 95,
    category: "housing",
    channel: "window",
    text: "申请公共租赁住房",
    to: "minzheng",
    path: "declined",
    rate: "basically",
  },
  {
    daysAgo: 70,
    category: "appointment",
    channel: "hotline",
    text: "预约办理蒙汉双语身份证明材料",
    path: "spot",
    rate: "satisfied",
  },
  {
    daysAgo: 45,
    category: "school",
    channel: "window",
    text: "孩子就读蒙古族中学寄宿申请",
    to: "jiaoyu",
    path: "onTime",
  },
  {
    daysAgo: 30,
    category: "legal_aid",
    channel: "window",
    text: "交通事故赔偿，对方拒不履行调解协议",
    to: "sifa",
    path: "declined",
  },
  {
    daysAgo: 24,
    category: "social_security",
    channel: "window",
    text: "城乡居民医保断缴补缴",
    to: "renshe",
    path: "overdue",
  },
  {
    daysAgo: 20,
    category: "hardship",
    channel: "hotline",
    text: "老人独居，冬季取暖困难",
    to: "minzheng",
    path: "overdue",
  },
  {
    daysAgo: 6,
    category: "employment",
    channel: "window",
    text: "大学毕业回旗就业，想了解公益性岗位",
    to: "renshe",
    path: "pending",
  },
  {
    daysAgo: 2,
    category: "legal_aid",
    channel: "hotline",
    text: "离婚财产分割，申请法律援助",
    to: "sifa",
    path: "pending",
  },
  { daysAgo: 1, category: "policy", channel: "window", text: "咨询少数民族高考加分政策", path: "open" },
  { daysAgo: 0, category: "legal_aid", channel: "window", text: "劳动合同到期未续签，单位不给经济补偿", path: "open" },
];

export async function seedServicesDemo(
  outer: Deps,
  opts: { actor: Actor; password: string },
): Promise<{ created: boolean; users: string[]; counts: Record<string, number> }> {
  const db = outer.db;
  const [done] = await db
    .select({ id: serviceWindows.id })
    .from(serviceWindows)
    .where(eq(serviceWindows.name, FIRST_WINDOW));
  if (done) return { created: false, users: [], counts: {} };
  const story = new Story(outer.clock.now().getTime());
  const deps: Deps = { ...outer, clock: story };
  const today = beijingDate(outer.clock.now());
  const ctx = (actor: Actor): Ctx => ({ ...deps, actor });
  const day = (n: number, hour = 9) => story.at(addDays(today, -n), hour);
  day(360);

  // ---- cast: the banner's departments (under its 民委, their superior for escalation), windows' and departments' staff
  const admin = (await loadActorForUser(db, (await userIdByUsername(db, "admin"))!))!;
  const sec = (await loadActorForUser(db, (await someHolderOfRole(db, "security_admin"))!))!;
  const org = async (name: string, regionCode: string, parentId: string | null) => {
    const [found] = (await findOrgIdsByName(db, [name])).get(name) ?? [];
    if (found) return found.id;
    return (
      await createOrg(ctx(admin), {
        name,
        regionCode,
        type: "party_gov",
        isEthnicAffairsDept: false,
        isMemberUnit: false,
        sort: 0,
        ...(parentId ? { parentId } : {}),
      })
    ).id;
  };
  const houqi = opts.actor;
  const D = {
    sifa: await org("科尔沁左翼后旗司法局", BANNER, houqi.orgId),
    renshe: await org("科尔沁左翼后旗人力资源和社会保障局", BANNER, houqi.orgId),
    jiaoyu: await org("科尔沁左翼后旗教育局", BANNER, houqi.orgId),
    minzheng: await org("科尔沁左翼后旗民政局", BANNER, houqi.orgId),
  };
  const community = await org("甘旗卡镇民族社区居民委员会", "150522100001", null);
  const town = await org("甘旗卡镇民族宗教事务办公室", "150522100", null);
  const roles = await roleIdsByCode(db);
  const users: string[] = [];
  const user = async (username: string, displayName: string, orgId: string, role: string, label: string) => {
    let id = await userIdByUsername(db, username);
    if (!id) {
      const { user: u } = await createUser(ctx(admin), {
        username,
        displayName,
        orgId,
        roleIds: [],
        password: opts.password,
      });
      await setUserRoles(ctx(sec), u.id, [roles[role]]);
      id = u.id;
    }
    await waiveFirstPasswordChange(db, id, outer.clock.now());
    users.push(`${username}（${label}）`);
    return (await loadActorForUser(db, id))!;
  };
  const W1 = await user("hq_window", "娜仁其其格", community, "service_window_staff", "甘旗卡镇民族社区服务窗口");
  const W2 = await user("hq_window2", "王丽华", town, "service_window_staff", "甘旗卡镇政务服务中心服务窗口");
  const H = {
    sifa: await user("hq_sifa", "司法局法律援助中心", D.sifa, "unit_user", "科左后旗司法局"),
    renshe: await user("hq_renshe", "人社局就业服务股", D.renshe, "unit_user", "科左后旗人社局"),
    jiaoyu: await user("hq_jiaoyu", "教育局基础教育股", D.jiaoyu, "unit_user", "科左后旗教育局"),
    minzheng: await user("hq_minzheng", "民政局社会救助股", D.minzheng, "unit_user", "科左后旗民政局"),
  };

  // ---- windows, liaison officers
  const win1 = await saveWindow(ctx(houqi), null, {
    orgId: community,
    name: FIRST_WINDOW,
    address: "甘旗卡镇民族社区党群服务中心一楼",
    hours: "工作日 8:30-12:00，14:30-17:30",
    staff: [{ userId: W1.userId, languages: ["蒙古语", "汉语"] }],
  });
  const win2 = await saveWindow(ctx(houqi), null, {
    orgId: town,
    name: "甘旗卡镇政务服务中心民族团结服务窗口",
    address: "甘旗卡镇政务服务中心二楼 12 号窗口",
    hours: "工作日 8:30-17:30",
    staff: [{ userId: W2.userId, languages: ["汉语", "蒙古语"] }],
  });
  const liaisons: [string, string, string, string][] = [
    [D.sifa, "特木尔", "法律援助中心主任", "甘旗卡镇民族社区"],
    [D.renshe, "李春燕", "就业服务股股长", "甘旗卡镇民族社区"],
    [D.jiaoyu, "阿拉坦仓", "基础教育股副股长", "甘旗卡镇"],
    [D.minzheng, "赵文军", "社会救助股股长", "甘旗卡镇"],
    [community, "斯琴", "社区党委副书记", "甘旗卡镇民族社区"],
  ];
  for (const [orgId, name, title, place] of liaisons)
    await createLiaison(ctx(houqi), { orgId, name, title, workPhone: "0475-5212345", community: place });

  // ---- a year of requests
  const windowsOf = [win1.id, win2.id];
  const staffOf = [W1, W2];
  let n = 0;
  const counts = { 服务申请: 0, 绿色通道: 0, 超期督办: 0, 拒收后重新转办: 0, 已评价: 0, 服务指南: 0 };
  for (const p of PLOTS) {
    const who = PEOPLE[n % PEOPLE.length];
    const w = n % 2;
    n++;
    day(p.daysAgo, 9);
    const W = staffOf[w];
    const r = await createRequest(ctx(W), {
      windowId: windowsOf[w],
      category: p.category,
      channel: p.channel,
      description: p.text,
      language: n % 3 === 0 ? "汉语" : "蒙古语",
      name: who.name,
      phone: who.phone,
      idNumber: who.idNumber ?? null,
    });
    counts.服务申请++;
    if (r.green) counts.绿色通道++;
    if (p.path === "open") continue;
    if (p.path === "spot") {
      day(p.daysAgo, 10);
      await answerRequest(ctx(W), r.id, "已当场解答并提供蒙汉双语政策材料。");
    } else {
      const to = p.to!;
      day(p.daysAgo, 11);
      await referRequest(ctx(W), r.id, { toOrgId: D[to] });
      if (p.path === "overdue") continue;
      if (p.path === "pending") {
        day(p.daysAgo, 15);
        await receiveRequest(ctx(H[to]), r.id);
        continue;
      }
      let handler = H[to];
      if (p.path === "declined") {
        day(p.daysAgo - 1, 10);
        await declineRequest(ctx(handler), r.id, {
          reason: "not_our_duty",
          responsibleOrgId: D.renshe,
          note: to === "sifa" ? "属劳动争议，应由人社局劳动保障监察和仲裁受理" : "公租房申请由住房保障部门受理，已告知",
        });
        day(p.daysAgo - 1, 11);
        await referRequest(ctx(W), r.id, { toOrgId: D.renshe });
        counts.拒收后重新转办++;
        handler = H.renshe;
      }
      day(p.daysAgo - 1, 14);
      await revealField(ctx(handler), r.id, "phone", "电话联系服务对象核实情况");
      await receiveRequest(ctx(handler), r.id);
      day(p.path === "late" ? p.daysAgo - 20 : p.daysAgo - 2, 16);
      await answerRequest(ctx(handler), r.id, ANSWERS[p.category] ?? "已按政策办理，结果已电话告知本人。");
    }
    if (!p.rate) continue;
    day(p.path === "late" ? p.daysAgo - 22 : p.daysAgo - 4, 15);
    if (p.daysAgo % 2 === 0) await closeRequest(ctx(W), r.id, "已电话回访");
    await ratePublic(deps, r.trackingCode, { satisfaction: p.rate, partlySolved: p.rate === "basically" });
    counts.已评价++;
  }

  // ---- contact meetings with follow-ups; one follow-up became a request
  day(60, 14);
  const m1 = await createMeeting(ctx(houqi), {
    orgId: houqi.orgId,
    kind: "liaison",
    title: "科左后旗少数民族流动人口服务管理联系会议（第三季度）",
    heldOn: addDays(today, -60),
    attendance: 18,
    issues: "外出务工人员返乡就业信息不畅；随迁子女入学手续繁琐；社区窗口蒙汉双语人员不足。",
    followUps: ["人社局每月向社区窗口推送一次蒙汉双语岗位信息", "为随迁子女入学开通窗口预约"],
  });
  await followUpToRequest(ctx(houqi), m1.id, {
    index: 1,
    request: {
      windowId: win1.id,
      category: "appointment",
      description: "会议跟进：为随迁子女入学开通窗口预约",
      language: "汉语",
      name: "斯琴",
      phone: "13904755210",
    },
  });
  day(15, 14);
  await createMeeting(ctx(houqi), {
    orgId: community,
    kind: "forum",
    title: "甘旗卡镇民族社区各族居民座谈会",
    heldOn: addDays(today, -15),
    attendance: 32,
    issues: "冬季取暖补贴发放进度；老年人就医陪护；法律援助热线知晓率低。",
    followUps: ["社区公告栏张贴蒙汉双语法律援助热线"],
  });

  // ---- service files (with consent), one closed when the family moved away
  day(200, 10);
  const f1 = await createFile(ctx(W1), {
    orgId: community,
    purpose: "随迁子女入学和家长就业服务",
    consentRecord: "本人签署《服务档案知情同意书》（纸质，窗口存档）",
    name: "包金花",
    phone: "13947512031",
    memberCount: 4,
    needs: { schooling: "两个孩子分别就读小学和初中", workWanted: "家政或超市理货" },
  });
  await createFile(ctx(W1), {
    orgId: community,
    purpose: "就业技能培训推荐",
    consentRecord: "本人在窗口口头同意并签字确认",
    name: "乌力吉",
    phone: "13847536620",
    memberCount: 2,
    needs: { skills: "会开叉车，持 C 照", workWanted: "物流或工地机械操作" },
  });
  day(40, 10);
  await closeFile(ctx(W1), f1.id, "moved");

  // ---- 服务指南 (宣传教育平台): the banner's guides, published (legal aid twice: revised in the autumn)
  day(300, 10);
  for (const g of GUIDES) {
    const saved = await saveGuide(ctx(houqi), null, { orgId: houqi.orgId, ...g });
    await publishGuide(ctx(houqi), saved.id);
    counts.服务指南++;
  }
  day(60, 10);
  const [legal] = (await listGuides(ctx(houqi))).filter((g) => g.category === "legal_aid");
  await saveGuide(ctx(houqi), legal.id, {
    ...GUIDES[0],
    orgId: houqi.orgId,
    cautions: `${GUIDES[0].cautions}\n农牧民工追索劳动报酬的，不审查经济困难条件。`,
  });
  await publishGuide(ctx(houqi), legal.id);

  // ---- today: the hourly job escalates what is overdue
  story.at(today, 9);
  counts.超期督办 = await escalateOverdueRequests(deps);
  return { created: true, users, counts };
}

const ANSWERS: Record<string, string> = {
  legal_aid: "已指派法律援助律师，签订委托协议，正在代为申请劳动仲裁。",
  employment: "已推荐至旗就业服务中心，安排参加岗位对接会并登记求职意向。",
  school: "已协调学校办理转学手续，孩子下周一可以入学。",
  medical: "已办理异地就医备案，报销材料已转医保中心。",
  social_security: "已办理续缴手续，补缴金额已告知本人。",
  hardship: "已批准临时救助金 3000 元，并联系社区落实过冬物资。",
  housing: "已受理公共租赁住房申请，进入资格审核。",
};

/** The banner's 服务指南, in the shape a county's 办事指南 takes (one list item per line). */
const GUIDES = [
  {
    category: "legal_aid",
    title: "法律援助（绿色通道）办事指南",
    serviceItems:
      "为经济困难的各族群众和农牧民工提供法律咨询、代写法律文书、劳动争议仲裁和民事诉讼代理；法律援助走绿色通道，窗口优先受理、优先转办。",
    conditions: "申请人经济困难，或属于法律规定不审查经济困难条件的情形（如追索劳动报酬、工伤赔偿）。",
    materials:
      "本人身份证件\n经济困难情况说明（窗口可当场填写）\n与所申请法律事项有关的材料（劳动合同、欠条、判决书等）",
    procedure:
      "到社区民族服务窗口、拨打维权热线或在本网站“服务申请”提出申请\n窗口当日受理，转旗司法局法律援助中心\n法律援助中心审查并指派律师或法律工作者\n承办人员联系申请人，办理结果通过查询码可查",
    cautions: "申请人对所提交材料的真实性负责；材料不全的，窗口一次性告知需补正的内容。\n可使用蒙古语或汉语办理。",
    titleMn: "ᠬᠠᠤᠯᠢ\u202fᠶᠢᠨ ᠲᠤᠰᠠᠯᠠᠮᠵᠢ\u202fᠶᠢᠨ ᠭᠠᠷᠢᠴᠠᠭ",
    contentMn:
      "ᠬᠠᠤᠯᠢ\u202fᠶᠢᠨ ᠲᠤᠰᠠᠯᠠᠮᠵᠢ ᠨᠣᠭᠣᠭᠠᠨ ᠵᠠᠮ\u202fᠢᠶᠠᠷ: ᠤᠷᠢᠳᠠᠴᠢᠯᠠᠨ ᠬᠦᠯᠢᠶᠡᠨ ᠠᠪᠴᠤ᠂ ᠬᠠᠷᠢᠭᠤ ᠥᠭᠬᠦ ᠬᠤᠭᠤᠴᠠᠭ\u180eᠠ ᠪᠣᠭᠤᠨᠢ᠃",
  },
  {
    category: "employment",
    title: "就业服务办事指南",
    serviceItems: "求职登记、岗位推荐、职业技能培训报名、创业担保贷款政策咨询；进城务工的农牧民优先推荐。",
    conditions: "法定劳动年龄内、有劳动能力和就业意愿的城乡居民。",
    materials: "本人身份证件\n技能证书或培训证明（有的提供）",
    procedure: "到服务窗口或在本网站登记求职意向\n窗口转旗人社局就业服务股\n人社局推荐岗位或培训班次并电话告知",
    cautions: "每年春季、秋季各举办一次民族团结专场招聘会，时间见新闻动态。",
    titleMn: "",
    contentMn: "",
  },
  {
    category: "school",
    title: "随迁子女入学办事指南",
    serviceItems: "为进城务工、经商的各族群众随迁子女协调义务教育阶段入学、转学；蒙古语授课学校就近安排。",
    conditions: "父母一方在本旗有稳定居住和工作（经商）。",
    materials: "户口簿或居住证\n学籍信息卡（转学的）\n预防接种证",
    procedure: "到服务窗口提出申请\n窗口转旗教育局基础教育股\n教育局协调学校并告知报到时间",
    cautions: "秋季入学请于 7 月 31 日前申请；学期中转学随时受理。",
    titleMn: "",
    contentMn: "",
  },
  {
    category: "medical",
    title: "异地就医备案办事指南",
    serviceItems: "异地就医备案、医疗费用报销材料转交、大病救助政策咨询。",
    conditions: "参加本旗城乡居民或职工基本医疗保险。",
    materials: "本人身份证件\n医保电子凭证或社保卡\n住院病历和费用清单（报销的）",
    procedure: "到服务窗口提出申请\n窗口转旗医疗保障局\n办理结果电话告知，报销款打入社保卡",
    cautions: "急诊住院的，可在出院后 3 个月内补办备案。",
    titleMn: "",
    contentMn: "",
  },
  {
    category: "policy",
    title: "民族政策咨询服务指南",
    serviceItems: "民族政策、少数民族流动人口服务、民族团结进步创建等政策咨询，提供蒙汉双语宣传材料。",
    conditions: "",
    materials: "",
    procedure: "到服务窗口当面咨询，或在本网站提交咨询\n能当场解答的当场解答；需要部门答复的，转相关部门",
    cautions: "",
    titleMn: "",
    contentMn: "",
  },
];
