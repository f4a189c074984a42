/**
 * Demonstration 活动 for `npm run seed:demo` (called at the end of creation/demo-seed.ts with its cast): a year
 * of records in 通辽 and 科左后旗 across types and domains — micro-activities every month, a September 宣传月
 * everywhere, a 宣传周 in May, three schools' 七个一, annual plans, ten pairs with visits (one left without a
 * visit for months, so overdue). Every record is submitted and confirmed by the level above, on the story's
 * clock (which never runs past today), so statistics by region, type and month are meaningful on 2026-12-02.
 * Runs once: skipped when activity records already exist.
 */
import { sql } from "drizzle-orm";
import type { ActivityInput } from "../../../contracts/activities.js";
import type { Actor } from "../../core/access.js";
import type { Clock } from "../../core/clock.js";
import type { Ctx, Deps } from "../../core/context.js";
import { uploadMaterial } from "../materials/index.js";
import { activityRecords } from "./activities.schema.js";
import { scenePhoto } from "./demo-photos.js";
import { createPair } from "./pair.service.js";
import { createActivityPlan } from "./plan.service.js";
import { confirmActivity, createActivity, submitActivity } from "./record.service.js";
import { linkSevenItem } from "./seven.service.js";

/** The cast of creation's demo (demo-cast.ts) the activities need. */
export interface ActivitiesDemoCast {
  clock: Clock & { at(date: string): void; today(): string };
  /** Departments, from the top: 通辽市民委, 科左后旗民宗局, 甘旗卡镇民宗办. */
  city: Actor;
  houqi: Actor;
  town: Actor;
  /** Unit users by creation's unit key (habuha, minzu, hqSchool, tlSchool, …). */
  units: Record<string, Actor>;
}

const PNG_1X1 = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);

/** Deterministic variety (the demo is the same every time). */
function rng(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % n;
  };
}

const pad = (n: number) => String(n).padStart(2, "0");

export async function seedActivitiesDemo(deps: Deps, cast: ActivitiesDemoCast) {
  const [{ n }] = await deps.db.select({ n: sql<number>`count(*)::int` }).from(activityRecords);
  if (Number(n) > 0) return { created: 0 };
  const { clock, units: U } = cast;
  const ctx = (actor: Actor): Ctx => ({ ...deps, clock, actor });
  const year = 2026;
  const today = clock.today();
  const pick = rng(20260902);
  let created = 0;
  const ids: Record<string, string> = {};

  /** Records, submits and has it confirmed by the nearest department above (or itself, at its own level). */
  const record = async (
    unit: Actor,
    date: string,
    { photo, ...input }: Partial<ActivityInput> & { typeCode: string; title: string; photo?: Buffer },
  ) => {
    if (date > today) return null;
    clock.at(date);
    const photoIds = photo
      ? [
          (
            await uploadMaterial(ctx(unit), {
              fileName: `${input.title}.jpg`,
              content: photo,
              title: `${input.title}现场照片`,
              tags: ["活动"],
            })
          ).id,
        ]
      : input.isPublic
        ? [
            (
              await uploadMaterial(ctx(unit), {
                fileName: `${input.title}.png`,
                content: Buffer.concat([PNG_1X1, Buffer.from(`${unit.orgId}${input.title}${date}`)]),
                title: `${input.title}现场照片`,
                tags: ["活动"],
              })
            ).id,
          ]
        : [];
    const a = await createActivity(ctx(unit), {
      domainCode: "community",
      startDate: date,
      endDate: date,
      regionCode: unit.regionCode,
      coOrgIds: [],
      participants: {},
      photoIds,
      fileIds: [],
      mediaLinks: [],
      isPublic: false,
      ...input,
    } as ActivityInput);
    let v = await submitActivity(ctx(unit), a.id);
    for (const boss of [cast.town, cast.houqi, cast.city]) {
      if (v.status !== "submitted") break;
      v = await confirmActivity(ctx(boss), a.id).catch(() => v);
    }
    created++;
    return v;
  };

  const domainOf = (key: string) =>
    /School/.test(key)
      ? "school"
      : /Milk|Enterprise/.test(key)
        ? "enterprise"
        : /^(hq|tl)/.test(key)
          ? "organ"
          : "community";
  const groupsOf = (domain: string): Record<string, number> =>
    domain === "school"
      ? { student: 80 + pick(200), teacher: 10 + pick(20) }
      : domain === "enterprise"
        ? { worker: 30 + pick(60), cadre: 3 + pick(5) }
        : domain === "organ"
          ? { cadre: 20 + pick(40) }
          : { resident: 20 + pick(60), farmer: pick(30), cadre: 2 + pick(6) };
  const microTitles = [
    "石榴籽一家亲包饺子",
    "各族群众共唱一首歌",
    "邻里节趣味运动会",
    "民族团结故事会",
    "手拉手共建美丽家园",
  ];
  const workKeys = Object.keys(U).filter((k) => !/Court|Police/.test(k));

  // A micro-activity or lecture every other month for each unit, in its own domain.
  for (const [i, key] of workKeys.entries()) {
    const unit = U[key];
    const domain = domainOf(key);
    for (let m = 1 + (i % 2); m <= 11; m += 2) {
      if (m === 9 || m === 5) continue; // 宣传月 and 宣传周 below
      const school = domain === "school";
      await record(unit, `${year}-${pad(m)}-${pad(8 + pick(15))}`, {
        typeCode: school ? "lecture" : domain === "community" ? "micro_activity" : pick(2) ? "lecture" : "mutual_visit",
        domainCode: domain,
        title: `${school ? "民族团结主题宣讲" : microTitles[pick(microTitles.length)]}（${m}月）`,
        participants: groupsOf(domain),
        summary: `${unit.orgName}组织开展${m}月民族团结进步活动。`,
      });
    }
  }

  // 宣传周 in May, 宣传月 in September: everyone, several of them published on the portal.
  for (const [i, key] of workKeys.entries()) {
    const unit = U[key];
    const domain = domainOf(key);
    await record(unit, `${year}-05-${pad(18 + (i % 5))}`, {
      typeCode: "publicity_week",
      domainCode: domain,
      title: `${unit.orgName}民族团结进步宣传周活动`,
      participants: groupsOf(domain),
      summary: "开展民族团结进步宣传周主题活动，发放宣传资料、组织知识竞答。",
    });
    for (const [k, day] of [5, 20].entries()) {
      await record(unit, `${year}-09-${pad(day + (i % 7))}`, {
        typeCode: "publicity_month",
        domainCode: domain,
        title: `${unit.orgName}民族团结进步宣传月${k === 0 ? "启动仪式" : "主题活动"}`,
        address: k === 0 ? "单位文化广场" : null,
        participants: groupsOf(domain),
        summary: "围绕铸牢中华民族共同体意识主线，开展宣传月系列活动。",
        isPublic: k === 0 && i % 3 === 0,
        mediaLinks: k === 0 ? [{ title: "通辽日报报道", url: "https://www.tongliao.gov.cn/" }] : [],
      });
    }
  }

  // Department-level activities: training and an on-site meeting, an art performance at the banner level.
  const dept = [
    [cast.houqi, `${year}-04-16`, "cadre_training", "organ", "全旗民族工作干部培训班"],
    [cast.houqi, `${year}-06-25`, "onsite_meeting", "township", "民族团结进步示范创建现场会"],
    [cast.houqi, `${year}-09-12`, "performance", "community", "“石榴花开”民族团结文艺演出"],
    [cast.city, `${year}-07-08`, "tongxin_camp", "school", "通辽市各族青少年“同心营”"],
    [cast.city, `${year}-10-22`, "cadre_training", "organ", "全市民族事务干部专题培训"],
  ] as const;
  for (const [actor, date, typeCode, domainCode, title] of dept)
    await record(actor, date, {
      typeCode,
      domainCode,
      title,
      participants: { cadre: 60 + pick(80), resident: pick(200) },
      summary: `${title}，各族干部群众参加。`,
      isPublic: typeCode !== "cadre_training",
      photo: typeCode === "performance" ? await scenePhoto(912, 1600, 90) : undefined,
    });
  // A school records its own outing to the performance with a smaller copy of the banner's picture: the
  // reviewer sees it flagged as a near copy (照片近似), and the banner's record too.
  if (U.hqSchool)
    await record(U.hqSchool, `${year}-09-14`, {
      typeCode: "micro_activity",
      domainCode: "school",
      title: `${U.hqSchool.orgName}组织师生观看“石榴花开”文艺演出`,
      participants: { student: 120, teacher: 12 },
      summary: "组织各族师生观看全旗民族团结文艺演出。",
      photo: await scenePhoto(912, 800, 60),
    });

  // 七个一 of three schools: all seven at 后旗一中, five at 甘旗卡二小, three at 实验小学.
  const seven = ["theme_class", "speech", "reading", "visit", "art", "pairing", "parents"];
  const sevenTitles = [
    "主题班会课",
    "民族团结演讲比赛",
    "民族团结读书活动",
    "教育基地参观实践",
    "民族团结文艺展演",
    "各族学生结对交友",
    "家校共育活动",
  ];
  for (const [key, count] of [
    ["hqSchool", 7],
    ["gqkSchool2", 5],
    ["tlSchool", 3],
  ] as const) {
    const school = U[key];
    if (!school) continue;
    for (let j = 0; j < count; j++) {
      const a = await record(school, `${year}-${pad(3 + j)}-${pad(10 + j)}`, {
        typeCode: "school_seven",
        domainCode: "school",
        title: `${school.orgName}“七个一”：${sevenTitles[j]}`,
        participants: { student: 100 + pick(300), teacher: 10 + pick(30) },
        isPublic: j === 4,
      });
      if (a?.status === "confirmed")
        await linkSevenItem(ctx(school), { year, itemCode: seven[j], activityId: a.id }).catch(() => undefined);
    }
  }

  // Annual plans: the banner's (region) and the town's (its own).
  clock.at(`${year}-01-10`);
  await createActivityPlan(ctx(cast.houqi), {
    title: `科左后旗${year}年民族团结进步活动计划`,
    year,
    covers: "region",
    lines: [
      { typeCode: "publicity_month", month: 9, targetCount: 30 },
      { typeCode: "publicity_week", month: 5, targetCount: 12 },
      { typeCode: "micro_activity", month: null, targetCount: 40 },
      { typeCode: "school_seven", month: null, targetCount: 14 },
      { typeCode: "pairing_visit", month: null, targetCount: 24 },
    ],
  });
  await createActivityPlan(ctx(cast.town), {
    title: `甘旗卡镇${year}年交往交流交融活动计划`,
    year,
    covers: "region",
    lines: [
      { typeCode: "micro_activity", month: null, targetCount: 20 },
      { typeCode: "publicity_month", month: 9, targetCount: 10 },
    ],
  });

  // Ten pairs: units with villages, units with units, units with households (a reference, no personal data).
  const pairs: [
    string,
    (
      | { kind: "org"; orgId: string }
      | { kind: "village"; regionCode: string }
      | { kind: "household"; orgId: string; ref: string }
    ),
    string,
  ][] = [
    ["hqEdu", { kind: "village", regionCode: "150522100203" }, "教育局结对帮扶哈布哈嘎查"],
    ["hqMilk", { kind: "village", regionCode: "150522100204" }, "乳业公司结对帮扶哈图塔拉嘎查"],
    ["hqSchool", { kind: "org", orgId: U.gqkSchool2?.orgId ?? "" }, "一中与二小手拉手"],
    ["minzu", { kind: "household", orgId: U.minzu?.orgId ?? "", ref: "MZ-2026-001" }, "社区结亲交友户"],
    ["minzu", { kind: "household", orgId: U.minzu?.orgId ?? "", ref: "MZ-2026-002" }, "社区结亲交友户"],
    ["habuha", { kind: "org", orgId: U.shuligutai?.orgId ?? "" }, "嘎查村互帮互学"],
    ["tlSchool", { kind: "org", orgId: U.tlMongolSchool?.orgId ?? "" }, "各族学生结对交友"],
    ["tlEnterprise", { kind: "village", regionCode: "150522100205" }, "企业结对束力古台嘎查"],
    ["tlHospital", { kind: "village", regionCode: "150522101201" }, "医院结对义诊包牤牛嘎查"],
    ["bamangniu", { kind: "household", orgId: U.bamangniu?.orgId ?? "", ref: "BMN-2026-007" }, "嘎查结亲户"],
  ];
  for (const [k, [key, b, goal]] of pairs.entries()) {
    const unit = U[key];
    if (!unit || ("orgId" in b && !b.orgId)) continue;
    const manager = unit.regionCode.startsWith("150522") ? cast.houqi : cast.city;
    clock.at(`${year}-0${1 + (k % 3)}-15`);
    const pair = await createPair(ctx(manager), {
      a: { kind: "org", orgId: unit.orgId },
      b,
      startDate: `${year}-0${1 + (k % 3)}-15`,
      goals: `${goal}，每季度至少走访一次`,
      orgId: unit.orgId,
    });
    ids[`pair${k}`] = pair.id;
    // The last pair's visits stop in June: overdue by December.
    const lastMonth = k === pairs.length - 1 ? 6 : 11;
    for (let m = 2 + (k % 3); m <= lastMonth; m += 3)
      await record(unit, `${year}-${pad(m)}-${pad(12 + (k % 10))}`, {
        typeCode: "pairing_visit",
        domainCode: b.kind === "household" ? "family" : b.kind === "village" ? "village" : domainOf(key),
        title: `${goal}走访（${m}月）`,
        pairId: pair.id,
        participants: { cadre: 2 + pick(6), resident: pick(10) },
        summary: "了解生产生活情况，帮助解决实际困难。",
      });
  }

  clock.at(today);
  return { created };
}
