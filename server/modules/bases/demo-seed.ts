/**
 * Demo data of 教育基地 (for `npm run seed:demo`, called at the end of creation/demo-seed.ts), told through the
 * module's own services so every row has its audit entry:
 *
 *   - six bases of 通辽市 and 科左后旗 of several kinds and levels: a 自治区级 民族团结进步教育基地 of 甘旗卡镇民族社区
 *     with a fully built 数字展馆 (gallery, exhibits with images and audio narration, a video link, a panorama with
 *     hotspots; version 1 superseded by version 2), a school's 实践基地 and a 培育基地 of 通辽 with published pages,
 *     an enterprise 示范点位 whose page waits for review, a 嘎查's 爱国主义教育基地 whose term ends within 90 days
 *     (复核 due), a 培育基地 already under 复核, and one base revoked with a reason;
 *   - a year of sessions (to four weeks ahead) with bookings in every state: checked in with the actual count,
 *     no-shows, declined with a reason, cancelled by the booker, approved and pending ahead;
 *   - walk-ins every Saturday, and monthly 参观人数 reports: accepted for past months, last month confirmed and
 *     waiting for acceptance or still pending, one base's report confirmed late, one missing (late).
 *
 * Time: the story runs on its own clock, a year back from today and never beyond now (a story current on the day the
 * demo is generated, e.g. 2026-12-02). Idempotent: nothing is written when the flagship base already exists.
 *
 *   await seedBasesDemo(deps, { supervisors: { city, houqi }, staff: { community, school, dairy, village, mongolSchool, formerVillage } })
 */
import { and, eq } from "drizzle-orm";
import type { PageContent } from "../../../contracts/bases.js";
import { addDays, addMonths, beijingDate } from "../../../contracts/dates.js";
import type { Actor } from "../../core/access.js";
import type { Clock } from "../../core/clock.js";
import type { Ctx, Deps } from "../../core/context.js";
import { uploadMaterial } from "../materials/index.js";
import { baseBookings, bases } from "./bases.schema.js";
import { actOnBooking, bookSession, cancelByCode, checkIn, createSession, recordWalkIns } from "./booking.service.js";
import { chimeWav, equirectPng, landscapePng } from "./demo-media.js";
import { publishPage, savePageDraft, submitPage } from "./page.service.js";
import { createBase, revokeBase, startReview } from "./registry.service.js";
import { moveReport, prefillReport } from "./report.service.js";

export const FLAGSHIP_BASE = "甘旗卡镇民族社区民族团结进步教育基地";

export type BasesDemoCast = {
  supervisors: { city: Actor; houqi: Actor };
  staff: {
    community: Actor;
    school: Actor;
    dairy: Actor;
    village: Actor;
    mongolSchool: Actor;
    formerVillage: Actor;
  };
};

/** The story's clock: 09:00 Beijing time of a date (or another time), never beyond now. */
class SeedClock implements Clock {
  private t = Date.now();
  now = () => new Date(this.t);
  at(date: string, hhmm = "09:00") {
    this.t = Math.min(Date.now(), Date.parse(`${date}T${hhmm}:00+08:00`));
  }
}

/** A small deterministic random source, so the story is the same every time. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BOOKERS = [
  ["科尔沁左翼后旗第二中学", "包老师"],
  ["甘旗卡镇第二小学", "王老师"],
  ["科左后旗蒙古族实验小学", "乌老师"],
  ["通辽市实验小学", "李老师"],
  ["科左后旗人民医院党支部", "陈书记"],
  ["甘旗卡镇老年大学", "赵老师"],
  ["国家税务总局科左后旗税务局机关党支部", "刘主任"],
  ["阿古拉镇中心学校", "白老师"],
  ["通辽职业学院马克思主义学院", "张老师"],
  ["科左后旗融媒体中心", "孙主任"],
  ["内蒙古民族大学志愿者协会", "其其格"],
  ["科左后旗第三幼儿园家长委员会", "周女士"],
] as const;

const SKY = {
  grass: { sky: [120, 170, 230], horizon: [230, 236, 245], hill: [92, 140, 70], ground: [150, 120, 80] },
  autumn: { sky: [150, 180, 225], horizon: [245, 225, 200], hill: [180, 120, 60], ground: [120, 90, 60] },
  dusk: { sky: [70, 80, 150], horizon: [250, 180, 120], hill: [60, 70, 90], ground: [90, 70, 60] },
  red: { sky: [200, 60, 50], horizon: [250, 210, 160], hill: [150, 40, 40], ground: [110, 60, 40] },
} as const satisfies Record<string, Parameters<typeof landscapePng>[0]>;

type BasePlan = {
  staff: Actor;
  supervisor: Actor;
  /** Weekdays (0 = Sunday) with a session, and its time and size. */
  weekdays: number[];
  time: [string, string];
  capacity: number;
  maxPerGroup: number;
  walkIns: [number, number];
  /** Months (YYYY-MM) whose report the base never files; a month confirmed after its due date. */
  missing?: string[];
  lateConfirm?: string;
};

export async function seedBasesDemo(deps: Deps, cast: BasesDemoCast) {
  const [done] = await deps.db.select({ id: bases.id }).from(bases).where(eq(bases.name, FLAGSHIP_BASE)).limit(1);
  if (done) return { created: false, bases: 0, sessions: 0, bookings: 0, reports: 0 };
  const clock = new SeedClock();
  const d = { ...deps, clock };
  const ctx = (actor: Actor): Ctx => ({ ...deps, clock, actor });
  const today = beijingDate(new Date());
  const start = addMonths(`${today.slice(0, 7)}-01`, -12);
  const { city, houqi } = cast.supervisors;
  const S = cast.staff;
  let nImages = 0;
  const image = async (actor: Actor, title: string, colors: keyof typeof SKY) =>
    (
      await uploadMaterial(ctx(actor), {
        fileName: `${title}.png`,
        content: landscapePng(SKY[colors], ++nImages),
        title,
        tags: ["教育基地"],
      })
    ).id;
  const audio = async (actor: Actor, title: string, seconds: number) =>
    (
      await uploadMaterial(ctx(actor), {
        fileName: `${title}.wav`,
        content: chimeWav(seconds, ++nImages),
        title,
        tags: ["教育基地", "语音讲解"],
      })
    ).id;

  // ---- the registry (bases named before the platform, entered with their documents)
  clock.at(addDays(start, -20));
  const cityDoc = await image(city, "通辽市民委关于命名教育基地的通知", "red");
  const houqiDoc = await image(houqi, "科左后旗关于命名民族团结进步教育基地的决定", "red");
  const register = (actor: Actor, input: Parameters<typeof createBase>[1]) => createBase(ctx(actor), input);
  const community = await register(city, {
    name: FLAGSHIP_BASE,
    kind: "unity_progress",
    level: "region",
    operatingOrgId: S.community.orgId,
    regionCode: S.community.regionCode,
    address: "科尔沁左翼后旗甘旗卡镇民族社区团结路 8 号",
    lat: 42.953,
    lng: 122.356,
    namedOn: addMonths(start, -18),
    namedBy: "内蒙古自治区民族事务委员会",
    openingHours: "周二至周日 9:00-11:30，14:30-17:00",
    closedDays: "每周一闭馆，法定节假日照常开放",
    contactPhone: "0475-5212345",
    documentIds: [cityDoc],
    description: "以“石榴籽家园”为主题，展示各族群众在社区共居共学共事共乐的故事。",
  });
  const school = await register(houqi, {
    name: "科左后旗第一中学铸牢中华民族共同体意识实践基地",
    kind: "community_practice",
    level: "county",
    operatingOrgId: S.school.orgId,
    regionCode: S.school.regionCode,
    address: "科尔沁左翼后旗甘旗卡镇育才路 1 号",
    lat: 42.947,
    lng: 122.342,
    namedOn: addMonths(start, -2),
    namedBy: "科尔沁左翼后旗民族事务委员会",
    openingHours: "周三 14:30-16:00（团体预约）",
    closedDays: "寒暑假闭馆",
    contactPhone: "0475-5223456",
    documentIds: [houqiDoc],
  });
  const dairy = await register(houqi, {
    name: "内蒙古甘旗卡乳业有限公司民族团结进步示范点位",
    kind: "demo_site",
    level: "county",
    operatingOrgId: S.dairy.orgId,
    regionCode: S.dairy.regionCode,
    address: "科尔沁左翼后旗甘旗卡镇工业园区",
    lat: 42.93,
    lng: 122.37,
    namedOn: addDays(start, -25),
    namedBy: "科尔沁左翼后旗民族事务委员会",
    openingHours: "工作日 9:00-16:00",
    documentIds: [houqiDoc],
  });
  const village = await register(houqi, {
    name: "包牤牛嘎查爱国主义教育基地",
    kind: "patriotism",
    level: "county",
    operatingOrgId: S.village.orgId,
    regionCode: S.village.regionCode,
    address: "科尔沁左翼后旗包牤牛嘎查村委会旁",
    lat: 43.05,
    lng: 122.41,
    // The term ends within 90 days of today: 复核 is due.
    namedOn: addDays(addMonths(today, -36), 45),
    namedBy: "科尔沁左翼后旗民族事务委员会",
    openingHours: "每日 8:30-17:30",
  });
  const mongolSchool = await register(city, {
    name: "通辽市蒙古族中学铸牢中华民族共同体意识培育基地",
    kind: "community_cultivation",
    level: "city",
    operatingOrgId: S.mongolSchool.orgId,
    regionCode: S.mongolSchool.regionCode,
    address: "通辽市科尔沁区和平路 98 号",
    lat: 43.62,
    lng: 122.26,
    // The term ended last month: 复核 under way.
    namedOn: addDays(addMonths(today, -36), -13),
    namedBy: "通辽市民族事务委员会",
    openingHours: "周五 9:00-11:00（团体预约）",
    closedDays: "寒暑假闭馆",
    contactPhone: "0475-8231234",
    documentIds: [cityDoc],
  });
  const former = await register(houqi, {
    name: "哈布哈嘎查民族团结进步教育基地",
    kind: "unity_progress",
    level: "county",
    operatingOrgId: S.formerVillage.orgId,
    regionCode: S.formerVillage.regionCode,
    namedOn: addMonths(start, -30),
    namedBy: "科尔沁左翼后旗民族事务委员会",
  });

  // ---- 数字展馆 pages
  clock.at(addDays(start, -10));
  const gallery = [
    await image(S.community, "石榴籽家园展厅全景", "grass"),
    await image(S.community, "社区各族居民共度那达慕", "autumn"),
    await image(S.community, "民族团结进步故事分享会", "dusk"),
  ];
  const e1 = [await image(S.community, "“三交”历史长廊", "autumn"), await image(S.community, "老照片墙", "dusk")];
  const e2 = [await image(S.community, "民族团结一家亲家庭合影", "grass")];
  const e3 = [await image(S.community, "双语课堂与“国家通用语言文字”角", "red")];
  // An equirectangular picture (the 360° viewer's format) with a display wall where each hotspot below stands.
  const pano = (
    await uploadMaterial(ctx(S.community), {
      fileName: "展厅 360° 全景.png",
      content: equirectPng(SKY.grass, [30, 150, 260]),
      title: "展厅 360° 全景",
      tags: ["教育基地"],
    })
  ).id;
  const narr1 = await audio(S.community, "“三交”历史长廊语音讲解", 4);
  const narr2 = await audio(S.community, "石榴籽家庭故事语音讲解", 3);
  const flagshipV1: PageContent = {
    intro:
      "甘旗卡镇民族社区居住着蒙古、汉、满、回等 9 个民族的居民。基地以“石榴籽家园”为主题，通过历史长廊、家庭故事和双语课堂，展示各民族交往交流交融的生动实践。",
    galleryIds: gallery.slice(0, 2),
    exhibits: [
      {
        id: "ex-history",
        title: "“三交”历史长廊",
        text: "从清代驿站到今天的社区，百余幅老照片讲述科尔沁草原上各民族交往交流交融的历史。",
        imageIds: e1,
        audioId: narr1,
      },
    ],
  };
  const flagshipV2: PageContent = {
    intro: flagshipV1.intro,
    // 蒙古文名称 / 简介, shown on the portal in Mongolian: demo text, 待校对.
    nameMn:
      "ᠭᠠᠨᠴᠢᠭ\u180eᠠ ᠪᠠᠯᠭᠠᠰᠤ\u202fᠶᠢᠨ ᠦᠨᠳᠦᠰᠦᠲᠡᠨ ᠬᠣᠷᠣᠭᠠᠨ\u202fᠤ ᠦᠨᠳᠦᠰᠦᠲᠡᠨ\u202fᠦ ᠡᠪ ᠨᠢᠭᠡᠳᠦᠯ\u202fᠦᠨ ᠰᠤᠷᠭᠠᠨ ᠬᠦᠮᠦᠵᠢᠯ\u202fᠦᠨ ᠪᠠᠭᠠᠵᠢ",
    introMn:
      "ᠭᠠᠨᠴᠢᠭ\u180eᠠ ᠪᠠᠯᠭᠠᠰᠤ\u202fᠶᠢᠨ ᠦᠨᠳᠦᠰᠦᠲᠡᠨ ᠬᠣᠷᠣᠭᠠᠨ\u202fᠳᠤ ᠮᠣᠩᠭᠣᠯ᠂ ᠬᠢᠲᠠᠳ᠂ ᠮᠠᠨᠵᠤ᠂ ᠬᠣᠲᠣᠩ ᠵᠡᠷᠭᠡ 9 ᠦᠨᠳᠦᠰᠦᠲᠡᠨ ᠬᠠᠮᠲᠤ ᠰᠠᠭᠤᠳᠠᠭ᠃ «ᠠᠨᠠᠷ\u202fᠤᠨ ᠦᠷ\u180eᠡ\u202fᠶᠢᠨ ᠭᠡᠷ» ᠭᠡᠰᠡᠨ ᠰᠡᠳᠦᠪ\u202fᠢᠶᠡᠷ ᠣᠯᠠᠨ ᠦᠨᠳᠦᠰᠦᠲᠡᠨ\u202fᠦ ᠬᠠᠷᠢᠯᠴᠠᠭ\u180eᠠ\u202fᠶᠢ ᠦᠵᠡᠭᠦᠯᠦᠨ\u180eᠡ᠃",
    galleryIds: gallery,
    exhibits: [
      flagshipV1.exhibits[0],
      {
        id: "ex-families",
        title: "石榴籽家庭故事",
        text: "社区评选出的 12 户民族团结一家亲家庭，讲述他们邻里守望、互帮互助的日常。",
        imageIds: e2,
        audioId: narr2,
        videoUrl: "https://www.neac.gov.cn/",
      },
      {
        id: "ex-language",
        title: "双语课堂",
        text: "社区每周开设国家通用语言文字学习课堂，各族群众共学共进。",
        imageIds: e3,
      },
    ],
    panorama: {
      imageId: pano,
      hotspots: [
        { id: "h1", yaw: 30, pitch: 0, title: "历史长廊入口", exhibitId: "ex-history" },
        { id: "h2", yaw: 150, pitch: -5, title: "家庭故事墙", exhibitId: "ex-families" },
        { id: "h3", yaw: 260, pitch: 0, title: "双语课堂", exhibitId: "ex-language" },
      ],
    },
  };
  const publish = async (base: { id: string }, staff: Actor, supervisor: Actor, content: PageContent, on: string) => {
    clock.at(on, "10:00");
    const draft = await savePageDraft(ctx(staff), base.id, content);
    await submitPage(ctx(staff), base.id, draft.id);
    clock.at(addDays(on, 2), "15:00");
    return publishPage(ctx(supervisor), base.id, draft.id);
  };
  await publish(community, S.community, city, flagshipV1, addDays(start, -8));
  await publish(community, S.community, city, flagshipV2, addMonths(start, 6));
  const schoolImg = await image(S.school, "校园民族团结主题长廊", "autumn");
  await publish(
    school,
    S.school,
    houqi,
    {
      intro: "学校以“石榴花开·籽籽同心”为主题建设实践基地，开展主题班会、研学实践和民族团结进步教育。",
      galleryIds: [schoolImg],
      exhibits: [
        {
          id: "ex-corridor",
          title: "民族团结主题长廊",
          text: "56 个民族的服饰、节日与共同记忆。",
          imageIds: [schoolImg],
          audioId: await audio(S.school, "主题长廊语音讲解", 3),
        },
      ],
    },
    addDays(start, 3),
  );
  const mongolImg = await image(S.mongolSchool, "培育基地展室", "dusk");
  await publish(
    mongolSchool,
    S.mongolSchool,
    city,
    {
      intro: "基地围绕铸牢中华民族共同体意识，开展课程、研学与社团活动，培育学生的共同体意识。",
      galleryIds: [mongolImg],
      exhibits: [{ id: "ex-room", title: "共同体意识展室", text: "展示学校的课程成果和学生作品。", imageIds: [] }],
    },
    addDays(start, 5),
  );
  // The enterprise's page waits for review; the 嘎查's is a draft.
  clock.at(addDays(today, -3), "16:00");
  const dairyImg = await image(S.dairy, "牧场与车间", "grass");
  const dairyDraft = await savePageDraft(ctx(S.dairy), dairy.id, {
    intro: "企业吸纳各族职工 300 余人，建设“民族团结职工之家”，以产业带动农牧民增收。",
    galleryIds: [dairyImg],
    exhibits: [
      { id: "ex-home", title: "民族团结职工之家", text: "各族职工同工同酬、共学共乐。", imageIds: [dairyImg] },
    ],
  });
  await submitPage(ctx(S.dairy), dairy.id, dairyDraft.id);
  clock.at(addDays(today, -20));
  await savePageDraft(ctx(S.village), village.id, {
    intro: "嘎查抗战纪念碑与红色故事展。",
    galleryIds: [],
    exhibits: [],
  });

  // ---- sessions and bookings
  const plans: [{ id: string }, BasePlan][] = [
    [
      community,
      {
        staff: S.community,
        supervisor: city,
        weekdays: [2, 4, 6],
        time: ["09:30", "11:00"],
        capacity: 60,
        maxPerGroup: 50,
        walkIns: [30, 110],
      },
    ],
    [
      school,
      {
        staff: S.school,
        supervisor: houqi,
        weekdays: [3],
        time: ["14:30", "16:00"],
        capacity: 45,
        maxPerGroup: 45,
        walkIns: [0, 12],
        lateConfirm: addMonths(today, -3).slice(0, 7),
      },
    ],
    [
      mongolSchool,
      {
        staff: S.mongolSchool,
        supervisor: city,
        weekdays: [5],
        time: ["09:00", "11:00"],
        capacity: 80,
        maxPerGroup: 60,
        walkIns: [0, 20],
      },
    ],
    [
      dairy,
      {
        staff: S.dairy,
        supervisor: houqi,
        weekdays: [],
        time: ["09:00", "10:30"],
        capacity: 30,
        maxPerGroup: 30,
        walkIns: [5, 25],
        missing: [addMonths(today, -2).slice(0, 7)],
      },
    ],
  ];
  const rand = rng(20261202);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  let nSessions = 0;
  let nBookings = 0;
  let nReports = 0;
  const end = addDays(today, 28);
  for (const [base, p] of plans) {
    const startDay = start;
    for (let day = startDay; day <= end; day = addDays(day, 1)) {
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      // Walk-ins of the week, recorded each Saturday.
      if (weekday === 6 && day < today) {
        clock.at(day, "17:30");
        await recordWalkIns(ctx(p.staff), base.id, { date: day, count: between(...p.walkIns) });
      }
      if (!p.weekdays.includes(weekday)) continue;
      const month = Number(day.slice(5, 7));
      // School bases close in the winter and summer holidays.
      if (base !== community && (month === 2 || month === 7 || month === 8)) continue;
      clock.at(addDays(day, -30));
      const session = await createSession(ctx(p.staff), base.id, {
        date: day,
        startTime: p.time[0],
        endTime: p.time[1],
        capacity: p.capacity,
        maxPerGroup: p.maxPerGroup,
        opensAt: `${addDays(day, -21)}T08:00:00+08:00`,
        closesAt: `${addDays(day, -1)}T17:00:00+08:00`,
        note: base === community ? "请提前 15 分钟到达，团体由讲解员带领参观" : null,
      });
      nSessions++;
      // Bookings open three weeks ahead: none yet for the sessions further out.
      const groups = day < today ? between(0, 2) : day <= addDays(today, 18) ? between(0, 1) : 0;
      let seats = p.capacity;
      for (let g = 0; g < groups; g++) {
        const size = Math.min(seats, between(12, p.maxPerGroup));
        if (size < 5) break;
        seats -= size;
        const [org, contact] = pick(BOOKERS);
        clock.at(addDays(day, -between(4, 18)), `${String(between(8, 17)).padStart(2, "0")}:${between(10, 59)}`);
        const phone = `139475${String(between(10000, 99999))}`;
        const receipt = await bookSession(d, session.id, {
          bookerOrgName: org,
          groupSize: size,
          contactName: contact,
          contactPhone: phone,
          note: rand() < 0.3 ? "有行动不便的老人，请安排讲解员慢行" : null,
        });
        nBookings++;
        const fate = rand();
        const staff = ctx(p.staff);
        const decidedOn = addDays(day, -2) < today ? addDays(day, -2) : today;
        // Ahead: half still wait for the base's decision.
        if (day > today && fate < 0.5) continue;
        clock.at(decidedOn, "10:30");
        const bookingId = await idByCode(d, base.id, receipt.trackingCode);
        if (fate > 0.93) {
          await actOnBooking(staff, base.id, bookingId, "decline", "该时段已安排上级检查接待，请改约其他场次");
          continue;
        }
        await actOnBooking(staff, base.id, bookingId, "approve");
        if (day >= today) continue;
        if (fate > 0.88) {
          clock.at(addDays(day, -1), "20:00");
          await cancelByCode(d, receipt.trackingCode, phone);
        } else if (fate > 0.84) {
          clock.at(addDays(day, 1), "09:00");
          await actOnBooking(staff, base.id, bookingId, "no_show");
        } else {
          clock.at(day, p.time[0]);
          await checkIn(staff, base.id, receipt.trackingCode, Math.max(1, size - between(0, 4)));
        }
      }
    }
    // ---- the monthly reports: prefilled after the month, confirmed by the base, accepted above
    for (let m = startDay.slice(0, 7); `${m}-01` < `${today.slice(0, 7)}-01`; m = addMonths(`${m}-01`, 1).slice(0, 7)) {
      if (p.missing?.includes(m)) continue;
      const next = addMonths(`${m}-01`, 1);
      const isLast = next.slice(0, 7) === today.slice(0, 7);
      clock.at(addDays(next, 1), "09:30");
      await prefillReport(ctx(p.staff), base.id, m);
      nReports++;
      if (isLast && base !== community) continue; // still to be confirmed (due on the 10th)
      clock.at(m === p.lateConfirm ? addDays(next, 14) : addDays(next, between(2, 7)), "10:00");
      await moveReport(ctx(p.staff), base.id, m, "confirm");
      if (isLast) continue; // waits for the department
      clock.at(addDays(next, between(10, 16)), "15:00");
      await moveReport(ctx(p.supervisor), base.id, m, "accept");
    }
  }

  // ---- 复核 and revocation
  clock.at(addDays(today, -12), "10:00");
  await startReview(ctx(city), mongolSchool.id);
  clock.at(addMonths(today, -4), "11:00");
  await revokeBase(ctx(houqi), former.id, "展陈场所拆除改建，已不具备教育基地条件，经旗民委会议研究决定撤销");

  return { created: true, bases: 6, sessions: nSessions, bookings: nBookings, reports: nReports };
}

/** A booking's id by its code (what the staff's screen shows for a booking). */
async function idByCode(deps: Deps, baseId: string, code: string): Promise<string> {
  const [row] = await deps.db
    .select({ id: baseBookings.id })
    .from(baseBookings)
    .where(and(eq(baseBookings.baseId, baseId), eq(baseBookings.trackingCode, code)));
  return row.id;
}
