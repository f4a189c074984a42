/**
 * Demo data of 门户内容 (issue 17): news of 通辽市 and 科左后旗 through their review (published, one waiting
 * for review, one withdrawn) and a policy library of documents written for the demo, the banner's development
 * plan among them. Idempotent: a second run finds the plan's entry and does nothing.
 */
import { eq } from "drizzle-orm";
import type { Actor } from "../../core/access.js";
import type { Clock } from "../../core/clock.js";
import type { Ctx, Deps } from "../../core/context.js";
import { uploadMaterial } from "../materials/index.js";
import { DEMO_PLAN_TITLE, readDemoPlanText } from "../plans/index.js";
import { contentPolicies } from "./content.schema.js";
import { createNews, moveNews } from "./news.service.js";
import { createPolicy } from "./policy.service.js";

/** 09:00 Beijing time of the day set, never later than the real now. */
class StoryClock implements Clock {
  private current: number;
  constructor(private readonly limit: number) {
    this.current = limit;
  }
  now = () => new Date(this.current);
  at(date: string, hour = 9) {
    this.current = Math.min(this.limit, new Date(`${date}T${String(hour).padStart(2, "0")}:00:00+08:00`).getTime());
  }
}

const PNG_1X1 = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);

type Cast = { city: Actor; houqi: Actor; town: Actor; unit: Actor };

type DemoNews = {
  by: keyof Cast;
  reviewer: keyof Cast;
  on: string;
  category: "work" | "grassroots" | "media";
  title: string;
  summary: string;
  body: string;
  source?: string;
  /** 蒙古文标题 / 正文: demo text, 待校对 (not checked by someone who knows the language). */
  titleMn?: string;
  bodyMn?: string;
  photo?: string;
  end?: "submitted" | "withdrawn";
};

const NEWS: DemoNews[] = [
  {
    by: "city",
    reviewer: "city",
    on: "2026-09-18",
    category: "work",
    title: "通辽市召开民族团结进步示范市创建推进会",
    titleMn: "ᠲᠦᠩᠯᠢᠶᠣᠣ ᠬᠣᠲᠠ ᠦᠨᠳᠦᠰᠦᠲᠡᠨ\u202fᠦ ᠡᠪ ᠨᠢᠭᠡᠳᠦᠯ\u202fᠦᠨ ᠳᠡᠪᠰᠢᠯᠲᠡ\u202fᠶᠢᠨ ᠬᠤᠷᠠᠯ ᠬᠢᠪᠡ",
    summary: "会议总结前三季度创建工作，部署第四季度示范单位复验和命名工作。",
    body: "9月18日，通辽市召开民族团结进步示范市创建推进会。会议通报了前三季度各旗县市区创建工作进展，对示范单位复验、命名公示和创建台账数字化提出要求。\n会议强调，要以铸牢中华民族共同体意识为主线，把民族团结进步创建融入基层治理、公共服务和群众生活，推动各族群众像石榴籽一样紧紧抱在一起。",
    photo: "推进会现场",
  },
  {
    by: "houqi",
    reviewer: "houqi",
    on: "2026-10-12",
    category: "work",
    title: "科左后旗完成年度民族团结进步创建发展规划中期评估",
    titleMn: "ᠬᠣᠷᠴᠢᠨ ᠵᠡᠭᠦᠨ ᠭᠠᠷᠤᠨ ᠬᠣᠶᠢᠲᠤ ᠬᠣᠰᠢᠭᠤ ᠦᠨᠳᠦᠰᠦᠲᠡᠨ\u202fᠦ ᠡᠪ ᠨᠢᠭᠡᠳᠦᠯ\u202fᠦᠨ ᠲᠥᠯᠥᠪᠯᠡᠭᠡ\u202fᠶᠢ ᠳᠦᠭᠨᠡᠪᠡ",
    summary: "全旗规划任务完成率稳步提升，督查发现的问题已按期整改。",
    body: "10月，科左后旗民族事务委员会组织对《科左后旗民族团结进步创建发展规划》开展中期评估。各责任单位按季度报送进度，督查组实地抽查了甘旗卡镇、阿古拉镇等地的任务落实情况。\n评估认为，规划确定的民族团结进步教育、公共服务均等化等任务推进有序，下一步将围绕薄弱环节开展专项督办。",
  },
  {
    by: "unit",
    reviewer: "houqi",
    on: "2026-11-06",
    category: "grassroots",
    title: "甘旗卡镇民族社区举办“石榴籽一家亲”邻里节",
    titleMn: "ᠭᠠᠨᠴᠢᠭ\u180eᠠ ᠪᠠᠯᠭᠠᠰᠤ «ᠠᠨᠠᠷ\u202fᠤᠨ ᠦᠷ\u180eᠡ ᠮᠡᠲ\u180eᠡ ᠨᠢᠭᠲᠠ ᠨᠢᠭᠡᠳᠬᠦ» ᠨᠠᠶᠢᠷ ᠬᠢᠪᠡ",
    bodyMn:
      "ᠭᠠᠨᠴᠢᠭ\u180eᠠ ᠪᠠᠯᠭᠠᠰᠤ\u202fᠶᠢᠨ ᠣᠯᠠᠨ ᠦᠨᠳᠦᠰᠦᠲᠡᠨ ᠬᠠᠮᠲᠤ ᠨᠠᠶᠢᠷ ᠬᠢᠵᠦ᠂ ᠠᠨᠳᠠᠢ ᠪᠥᠵᠢᠭ ᠪᠥᠵᠢᠭᠯᠡᠪᠡ᠃\nᠡᠨ\u180eᠡ ᠨᠠᠶᠢᠷ\u202fᠢ ᠵᠢᠯ ᠪᠦᠷᠢ ᠬᠢᠨ\u180eᠡ᠃",
    summary: "社区各族居民同台演出、共包饺子，结对帮扶困难家庭 12 户。",
    body: "11月6日，甘旗卡镇民族社区举办“石榴籽一家亲”邻里节。蒙古族、汉族、满族等各族居民同台表演安代舞、二人转，共同包饺子、做奶食。\n活动中，社区党员与 12 户困难家庭结成帮扶对子，志愿者为老年居民提供义诊和理发服务。社区负责人表示，将把邻里节办成常态化的民族团结品牌活动。",
    photo: "邻里节合影",
  },
  {
    by: "town",
    reviewer: "houqi",
    on: "2026-11-20",
    category: "media",
    title: "媒体关注：甘旗卡镇民族团结进步教育进课堂",
    summary: "通辽日报报道甘旗卡镇中小学开设民族团结进步教育课程的做法。",
    body: "《通辽日报》近日报道了甘旗卡镇将民族团结进步教育纳入中小学课程的做法：各校每学期安排专题课，组织学生参观民族团结进步教育基地，开展“我的民族团结故事”征文活动。",
    source: "通辽日报",
  },
  {
    by: "town",
    reviewer: "houqi",
    on: "2026-11-27",
    category: "grassroots",
    title: "甘旗卡镇哈布哈嘎查开展民族团结进步宣传月活动",
    summary: "嘎查组织宣讲、知识竞赛和文艺演出，各族群众踊跃参与。",
    body: "哈布哈嘎查在宣传月期间组织宣讲队入户宣讲民族团结政策，举办知识竞赛和乌兰牧骑文艺演出。",
    end: "submitted",
  },
  {
    by: "houqi",
    reviewer: "houqi",
    on: "2026-08-03",
    category: "work",
    title: "科左后旗民族工作培训班开班（已撤回示例）",
    summary: "该稿件因日期有误被撤回，待更正后重新发布。",
    body: "科左后旗举办全旗民族工作业务培训班，各苏木镇民族工作干部参加培训。",
    end: "withdrawn",
  },
];

type DemoPolicy = {
  by: keyof Cast;
  title: string;
  issuer: string;
  docNumber: string;
  writtenOn: string;
  publishedOn: string;
  topic: string;
  level: string;
  body: string;
  validity?: "valid" | "amended" | "repealed";
  replaces?: string;
};

const POLICIES: DemoPolicy[] = [
  {
    by: "city",
    title: "通辽市民族团结进步示范单位（区）命名管理办法",
    issuer: "通辽市民族事务委员会",
    docNumber: "通民委发〔2026〕3号",
    writtenOn: "2026-03-10",
    publishedOn: "2026-03-16",
    topic: "unity_progress",
    level: "normative",
    body: "第一条 为规范全市民族团结进步示范单位（区）的申报、评审、命名和动态管理，制定本办法。\n第二条 示范单位（区）的命名坚持公开、公平、公正，实行公示制度，公示期不少于五个工作日。\n第三条 已命名的示范单位（区）有效期三年，期满前须复验；复验不合格的，撤销命名。\n第四条 本办法自发布之日起施行。《通辽市民族团结进步示范单位命名暂行办法》同时废止。",
  },
  {
    by: "city",
    title: "通辽市民族团结进步示范单位命名暂行办法",
    issuer: "通辽市民族事务委员会",
    docNumber: "通民委发〔2021〕7号",
    writtenOn: "2021-04-02",
    publishedOn: "2021-04-08",
    topic: "unity_progress",
    level: "normative",
    validity: "repealed",
    replaces: "通辽市民族团结进步示范单位（区）命名管理办法",
    body: "第一条 为推动全市民族团结进步创建工作，开展示范单位命名，制定本暂行办法。\n第二条 示范单位由旗县市区民族工作部门推荐，市民族事务委员会审核命名。",
  },
  {
    by: "city",
    title: "通辽市关于推进各民族共同团结奋斗共同繁荣发展的实施意见",
    issuer: "通辽市人民政府办公室",
    docNumber: "通政办发〔2025〕21号",
    writtenOn: "2025-06-20",
    publishedOn: "2025-06-28",
    topic: "economy",
    level: "normative",
    body: "一、总体要求。坚持以铸牢中华民族共同体意识为主线，推动各民族共同团结奋斗、共同繁荣发展。\n二、重点任务。（一）推进基本公共服务均等化；（二）支持少数民族聚居嘎查村发展特色产业；（三）促进各民族广泛交往交流交融。",
  },
  {
    by: "houqi",
    title: "科左后旗民族团结进步教育进学校工作方案",
    issuer: "科尔沁左翼后旗教育局",
    docNumber: "后教发〔2026〕12号",
    writtenOn: "2026-02-25",
    publishedOn: "2026-03-01",
    topic: "education",
    level: "normative",
    body: "为深入开展民族团结进步教育，全旗中小学每学期安排不少于四课时的民族团结专题教育，组织学生参观民族团结进步教育基地，开展国家通用语言文字推广和民族文化传承活动。",
  },
  {
    by: "houqi",
    title: "科左后旗城市民族工作联系点制度",
    issuer: "科尔沁左翼后旗民族事务委员会",
    docNumber: "后民委发〔2024〕5号",
    writtenOn: "2024-05-08",
    publishedOn: "2024-05-15",
    topic: "ethnic_work",
    level: "other",
    validity: "amended",
    body: "一、在甘旗卡镇各社区设立城市民族工作联系点，配备联络员。\n二、联系点每季度报送少数民族流动人口服务情况。",
  },
];

/** The demo's news and policy library (called at the end of creation/demo-seed.ts). */
export async function seedPortalDemo(outer: Deps, cast: Cast): Promise<{ news: number; policies: number }> {
  const [done] = await outer.db
    .select({ id: contentPolicies.id })
    .from(contentPolicies)
    .where(eq(contentPolicies.title, DEMO_PLAN_TITLE));
  if (done) return { news: 0, policies: 0 };
  const story = new StoryClock(outer.clock.now().getTime());
  const ctx = (key: keyof Cast): Ctx => ({ ...outer, clock: story, actor: cast[key] });

  // Policies: the banner's plan first (its full text from the plans module's demo file), then the rest.
  story.at("2021-06-30");
  const ids = new Map<string, string>();
  const plan = await createPolicy(ctx("houqi"), {
    title: DEMO_PLAN_TITLE,
    issuer: "科尔沁左翼后旗民族事务委员会",
    docNumber: "后民委发〔2021〕9号",
    writtenOn: "2021-06-18",
    publishedOn: "2021-06-30",
    topic: "unity_progress",
    level: "plan",
    validity: "valid",
    body: readDemoPlanText(),
    attachmentIds: [],
  });
  ids.set(plan.title, plan.id);
  // Newer documents first, so an older one can name what replaced it.
  for (const p of POLICIES) {
    story.at(p.publishedOn);
    const created = await createPolicy(ctx(p.by), {
      title: p.title,
      issuer: p.issuer,
      docNumber: p.docNumber,
      writtenOn: p.writtenOn,
      publishedOn: p.publishedOn,
      topic: p.topic,
      level: p.level,
      validity: p.validity ?? "valid",
      replacedById: p.replaces ? (ids.get(p.replaces) ?? null) : null,
      body: p.body,
      attachmentIds: [],
    });
    ids.set(p.title, created.id);
  }

  // News: drafted, submitted the same morning, published by the department in the afternoon.
  let published = 0;
  for (const n of [...NEWS].sort((a, b) => a.on.localeCompare(b.on))) {
    story.at(n.on, 9);
    const photoIds: string[] = [];
    if (n.photo) {
      const m = await uploadMaterial(ctx(n.by), {
        fileName: `${n.photo}.png`,
        content: Buffer.concat([PNG_1X1, Buffer.from(n.title)]),
        title: n.photo,
        tags: ["新闻图片"],
      });
      photoIds.push(m.id);
    }
    const draft = await createNews(ctx(n.by), {
      title: n.title,
      summary: n.summary,
      body: n.body,
      category: n.category,
      coverId: photoIds[0] ?? null,
      photoIds,
      source: n.source ?? null,
      titleMn: n.titleMn ?? "",
      bodyMn: n.bodyMn ?? "",
    });
    await moveNews(ctx(n.by), draft.id, "submit");
    if (n.end === "submitted") continue;
    story.at(n.on, 15);
    await moveNews(ctx(n.reviewer), draft.id, "publish");
    published++;
    if (n.end === "withdrawn") {
      story.at(n.on, 17);
      await moveNews(ctx(n.reviewer), draft.id, "withdraw", "发布日期有误，更正后重新发布");
      published--;
    }
  }
  return { news: published, policies: POLICIES.length + 1 };
}
