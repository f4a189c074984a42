/**
 * Demo data of 表彰 (for `npm run seed:demo`, called at the end of creation/demo-seed.ts), a story current on
 * 2026-12-02, told through the services on the caller's story clock (never beyond today):
 *
 * - 2025: 通辽市民委's 《2025年通辽市民族团结进步模范集体和模范个人表彰》 went the whole way (一公示, 初审, 二公示,
 *   复审 with the panel, 三公示, the decision 通民委发〔2025〕21号): a 后旗 嘎查 and a 嘎查党支部书记 are in the
 *   register and, with their public summaries, in the deeds library.
 * - 2026: the 第七次 campaign, quotas for every 旗县 (科左后旗 3 collectives, 5 individuals). 科左后旗's units have
 *   nominated at every stage: two forwarded to 复审 and scored by the panel, one in the 初审公示 window now, one
 *   removed by an upheld objection, one kept after a dismissed objection, one returned by the 旗 with its reason,
 *   one in its 单位公示 window and one draft.
 *
 * Objections come from the public through the shared publicity module's submitObjection, which the caller passes
 * (without it the two objections and their effects are left out).
 */
import { addDays } from "../../../contracts/dates.js";
import type { NominationCreate } from "../../../contracts/honors.js";
import type { PublicityObjectionSubmit } from "../../../contracts/publicity.js";
import type { Actor } from "../../core/access.js";
import type { Clock } from "../../core/clock.js";
import type { Ctx, Deps } from "../../core/context.js";
import { answerObjection, listObjections, submitObjection } from "../publicity/index.js";
import { makeDecision } from "./award.service.js";
import { createCampaign, moveCampaign, setPanel, setQuotas } from "./campaign.service.js";
import { objectionRegionWhere } from "./honors-access.js";
import { createNomination } from "./nomination.service.js";
import {
  countyDecide,
  finalDecide,
  forwardNomination,
  proposeNomination,
  publishStageNotice,
  publishUnitNotice,
  reviewNomination,
  submitNomination,
} from "./stage.service.js";

/** A story clock: `at(date)` moves to 09:00 Beijing time of the date (never beyond the real today). */
export type DemoClock = Clock & { at: (date: string) => void; today: () => string };

export async function seedHonorsDemo(
  deps: Deps,
  opts: {
    clock: DemoClock;
    city: Actor;
    county: Actor;
    /** 科左后旗 units that nominate (unit_user actors): two 嘎查, a 社区, a school, an enterprise. */
    units: Actor[];
    judges: Actor[];
    submitObjection?: (deps: Deps, noticeId: string, input: PublicityObjectionSubmit) => Promise<unknown>;
  },
) {
  const { clock, city, county, units, judges } = opts;
  const ctx = (actor: Actor): Ctx => ({ ...deps, clock, actor });
  const REGIONS = ["150502", "150521", "150522", "150523", "150524", "150525", "150526", "150581"];
  /** Past any 5-working-day window started on `date` (a fortnight later, holidays included). */
  const after = (date: string) => clock.at(addDays(date, 16));
  const person = (name: string, gender: "male" | "female", position: string, unit: string) => ({
    kind: "individual" as const,
    person: { name, gender, position, unit },
  });

  // ---- 2025: a campaign carried to its decision (the register and the deeds library)
  clock.at("2025-03-03");
  const old = await createCampaign(ctx(city), {
    title: "2025年通辽市民族团结进步模范集体和模范个人表彰",
    year: 2025,
    kinds: ["collective", "individual"],
    eligibility: "在铸牢中华民族共同体意识、促进各民族交往交流交融工作中作出突出贡献的集体和个人。",
    formFields: [],
    noticeDays: 5,
    nominateDeadline: "2025-04-30",
    countyDeadline: "2025-05-31",
    finalDeadline: "2025-07-15",
  });
  await setQuotas(
    ctx(city),
    old.id,
    REGIONS.flatMap((r) => [
      { regionCode: r, kind: "collective", quota: 1 },
      { regionCode: r, kind: "individual", quota: 2 },
    ]),
  );
  await moveCampaign(ctx(city), old.id, "open");
  await setPanel(
    ctx(city),
    old.id,
    judges.map((j) => j.userId),
  );
  clock.at("2025-04-07");
  const o1 = await createNomination(ctx(units[0]), {
    campaignId: old.id,
    kind: "collective",
    nomineeOrgId: units[0].orgId,
    consentPublish: true,
    summary: "嘎查“两委”带领蒙汉群众共建共富，互助合作社覆盖全体农牧户，连续十年无矛盾纠纷上交。",
    deeds:
      "哈布哈嘎查坚持党建引领，建立“石榴籽”互助合作社，蒙汉群众共同发展黄牛养殖，人均收入五年翻一番；设立双语调解室，矛盾纠纷就地化解。",
    materialIds: [],
  });
  const o2 = await createNomination(ctx(units[1]), {
    campaignId: old.id,
    ...person("包金山", "male", "嘎查党支部书记", "哈图塔拉嘎查村民委员会"),
    consentPublish: true,
    summary: "扎根嘎查二十年，带领各族群众发展庭院经济，结对帮扶困难户四十余户。",
    deeds:
      "包金山同志担任嘎查党支部书记二十年，组织各族群众成立合作社、发展庭院经济，结对帮扶困难户四十余户，调解邻里纠纷百余起。",
    materialIds: [],
  });
  for (const [u, n] of [
    [units[0], o1],
    [units[1], o2],
  ] as const)
    await publishUnitNotice(ctx(u), n.id, { body: "如有异议，请在公示期内向本单位反映。" });
  after("2025-04-07");
  await submitNomination(ctx(units[0]), o1.id);
  await submitNomination(ctx(units[1]), o2.id);
  for (const n of [o1, o2]) await countyDecide(ctx(county), n.id, "county_approve", "事迹突出，同意推荐");
  await publishStageNotice(ctx(county), old.id, {
    stage: "county",
    title: "科左后旗2025年民族团结进步模范集体和模范个人推荐对象公示",
    body: "",
    nominationIds: [o1.id, o2.id],
  });
  after(clock.today());
  for (const n of [o1, o2]) await forwardNomination(ctx(county), n.id);
  clock.at("2025-06-16");
  for (const n of [o1, o2]) {
    for (const [i, j] of judges.entries())
      await reviewNomination(ctx(j), n.id, { score: 88 + i * 2, vote: "agree", comment: "事迹真实感人，同意表彰" });
    await finalDecide(ctx(city), n.id, "final_approve", "经评审委员会表决通过");
  }
  await publishStageNotice(ctx(city), old.id, {
    stage: "final",
    title: "2025年通辽市民族团结进步模范集体和模范个人拟表彰对象公示",
    body: "",
    nominationIds: [o1.id, o2.id],
  });
  after(clock.today());
  for (const n of [o1, o2]) await proposeNomination(ctx(city), n.id);
  await makeDecision(ctx(city), old.id, {
    decisionNo: "通民委发〔2025〕21号",
    title: "关于表彰2025年通辽市民族团结进步模范集体和模范个人的决定",
    decidedOn: clock.today(),
    certificatePrefix: "TL2025",
  });

  // ---- 2026: the 第七次 campaign, in progress on 2026-12-02
  clock.at("2026-09-01");
  const c = await createCampaign(ctx(city), {
    title: "通辽市第七次民族团结进步表彰",
    year: 2026,
    kinds: ["collective", "individual"],
    eligibility: "各地各部门推荐在民族团结进步事业中作出突出贡献的模范集体和模范个人，基层一线比例不低于60%。",
    formFields: ["ethnicity"],
    noticeDays: 5,
    nominateDeadline: "2026-11-30",
    countyDeadline: "2026-12-10",
    finalDeadline: "2026-12-25",
  });
  await setQuotas(
    ctx(city),
    c.id,
    REGIONS.flatMap((r) => [
      { regionCode: r, kind: "collective", quota: r === "150522" ? 3 : 2 },
      { regionCode: r, kind: "individual", quota: r === "150522" ? 5 : 3 },
    ]),
  );
  await moveCampaign(ctx(city), c.id, "open");
  await setPanel(
    ctx(city),
    c.id,
    judges.map((j) => j.userId),
  );
  clock.at("2026-09-14");
  type Body = Omit<NominationCreate, "campaignId" | "consentPublish" | "materialIds"> & { consentPublish?: boolean };
  const nominate = (u: Actor, body: Body) =>
    createNomination(ctx(u), { campaignId: c.id, materialIds: [], ...body, consentPublish: !!body.consentPublish });
  const a = await nominate(units[2], {
    ...person("乌云其其格", "female", "社区党委书记", "甘旗卡镇民族社区居民委员会"),
    sensitive: { ethnicity: "蒙古族" },
    consentPublish: true,
    summary: "创建“石榴籽”邻里中心，组织各族居民互帮互助，社区连续八年无涉民族因素矛盾纠纷。",
    deeds: "乌云其其格同志任社区党委书记以来，创建“石榴籽”邻里中心，开展“民族团结一家亲”活动三百余场……",
  });
  const b = await nominate(units[3], {
    kind: "collective",
    nomineeOrgId: units[3].orgId,
    consentPublish: true,
    summary: "学校推进各族学生混班混宿、互帮互学，“七个一”活动全覆盖。",
    deeds: "科左后旗第一中学将铸牢中华民族共同体意识教育融入课程思政，各族学生混班混宿……",
  });
  const d = await nominate(units[0], {
    ...person("张海峰", "male", "嘎查党支部副书记", "哈布哈嘎查村民委员会"),
    summary: "带领蒙汉群众发展黄牛养殖，牵头成立互助合作社。",
    deeds: "张海峰同志牵头成立互助合作社，带领蒙汉群众发展黄牛养殖……",
  });
  const e = await nominate(units[1], {
    ...person("其其格", "female", "村医", "哈图塔拉嘎查卫生室"),
    consentPublish: true,
    summary: "三十年坚守嘎查卫生室，用蒙汉双语为各族群众看病。",
    deeds: "其其格同志三十年坚守嘎查卫生室，用蒙汉双语为各族群众诊疗，年接诊五千余人次……",
  });
  const r = await nominate(units[4], {
    kind: "collective",
    nomineeOrgId: units[4].orgId,
    summary: "企业吸纳各族职工就业，开展结对帮扶。",
    deeds: "内蒙古甘旗卡乳业有限公司吸纳各族职工就业三百余人……",
  });
  for (const [u, n] of [
    [units[2], a],
    [units[3], b],
    [units[0], d],
    [units[1], e],
    [units[4], r],
  ] as const)
    await publishUnitNotice(ctx(u), n.id, { body: "" });
  after("2026-09-14");
  for (const [u, n] of [
    [units[2], a],
    [units[3], b],
    [units[0], d],
    [units[1], e],
    [units[4], r],
  ] as const)
    await submitNomination(ctx(u), n.id);
  clock.at("2026-10-12");
  for (const n of [a, b, d, e]) await countyDecide(ctx(county), n.id, "county_approve", "材料齐全，同意推荐");
  await countyDecide(ctx(county), r.id, "county_return", "事迹材料缺少结对帮扶的具体数据和佐证，请补充后重新报送。");
  const { noticeId: countyNotice } = await publishStageNotice(ctx(county), c.id, {
    stage: "county",
    title: "科左后旗第七次民族团结进步表彰推荐对象公示",
    body: "公示期内，任何单位和个人均可通过门户“公示公告”提出异议。",
    nominationIds: [a.id, b.id, d.id, e.id],
  });
  let objections = 0;
  const submit = opts.submitObjection ?? submitObjection;
  {
    clock.at("2026-10-14");
    await submit({ ...deps, clock }, countyNotice, {
      contactName: "刘志强",
      phone: "13904751234",
      content: "张海峰曾因违规占用草场被处理，不符合推荐条件。",
      itemId: d.id,
    });
    await submit({ ...deps, clock }, countyNotice, {
      contactName: "白玉兰",
      phone: "13847561234",
      content: "其其格的接诊人次是否属实，请核实。",
      itemId: e.id,
    });
    clock.at("2026-10-16");
    const where = objectionRegionWhere(ctx(county));
    const list = await listObjections(ctx(county), "honors", where, { page: 1, pageSize: 10, ownerRef: c.id });
    for (const o of list.items) {
      const upheld = o.itemId === d.id;
      await answerObjection(ctx(county), "honors", where, o.id, {
        reply: upheld
          ? "经旗自然资源局核实，该同志2024年因违规占用草场受到处理，不符合推荐条件，撤销推荐。"
          : "经核实，卫生室诊疗登记属实，异议不成立。",
        outcome: upheld ? "upheld" : "dismissed",
      });
      objections++;
    }
  }
  after("2026-10-12");
  for (const n of [a, b, e]) await forwardNomination(ctx(county), n.id);
  clock.at("2026-11-10");
  for (const n of [a, b])
    for (const [i, j] of judges.slice(0, 3).entries())
      await reviewNomination(ctx(j), n.id, { score: 90 + i, vote: "agree", comment: "事迹突出，群众认可" });
  // A later nomination in the 初审公示 window today, one in its 单位公示 window, one draft.
  clock.at("2026-10-19");
  const f = await nominate(units[0], {
    ...person("韩秀梅", "female", "嘎查妇联主席", "哈布哈嘎查村民委员会"),
    summary: "组织各族妇女发展刺绣手工，带动六十余户增收。",
    deeds: "韩秀梅同志组织各族妇女成立刺绣合作社……",
  });
  await publishUnitNotice(ctx(units[0]), f.id, { body: "" });
  after("2026-10-19");
  await submitNomination(ctx(units[0]), f.id);
  clock.at("2026-11-26");
  await countyDecide(ctx(county), f.id, "county_approve", "同意推荐");
  await publishStageNotice(ctx(county), c.id, {
    stage: "county",
    title: "科左后旗第七次民族团结进步表彰推荐对象补充公示",
    body: "",
    nominationIds: [f.id],
  });
  clock.at("2026-11-30");
  const g = await nominate(units[1], {
    kind: "collective",
    nomineeOrgId: units[1].orgId,
    consentPublish: true,
    summary: "嘎查建设民族团结进步主题广场，开展“四同”活动。",
    deeds: "哈图塔拉嘎查建设民族团结进步主题广场……",
  });
  await publishUnitNotice(ctx(units[1]), g.id, { body: "" });
  await nominate(units[2], {
    ...person("王立新", "male", "网格员", "甘旗卡镇民族社区居民委员会"),
    summary: "走访各族居民，及时化解矛盾纠纷。",
    deeds: "王立新同志担任社区网格员……",
  });
  return { campaigns: 2, nominations: 10, awards: 2, objections };
}
