/**
 * 风险防范 demo data for 科左后旗, told with its own clock from last December up to today (never beyond):
 * the town's and six villages'/communities' monthly 零报告 for a year (most on time, some late, one unit stopping
 * three months ago, one month missed), cases in every state including a 重大 one reported to 通辽市 at once and a
 * case found later for a month reported "本期无" (that report is flagged), a screening campaign half reported, two
 * emergency plans with drills and rectification items, and two public-opinion events. Idempotent by the campaign's
 * name. The overdue and missing-report jobs run at the end, as the server's daily jobs would.
 */
import { eq } from "drizzle-orm";
import { addDays, beijingDate } from "../../../contracts/dates.js";
import type { Actor } from "../../core/access.js";
import { FakeClock } from "../../core/clock.js";
import type { Ctx, Deps } from "../../core/context.js";
import { addFollowup, addMediation, concludeCase, createCase, markEthnic } from "./cases.service.js";
import { disputeCampaigns } from "./disputes.schema.js";
import { escalateMissingReports, escalateOverdueCases } from "./escalation.service.js";
import { periodKeyOf, periodOf } from "./periods.js";
import {
  addDrill,
  addEventStep,
  closeEvent,
  completeRectification,
  createCampaign,
  createEvent,
  createPlan,
  getCampaign,
  listPlans,
  reportScreening,
} from "./prep.service.js";
import { assignReportUnits, submitReport } from "./reports.service.js";

const CAMPAIGN = "矛盾纠纷风险隐患集中排查";

export type DisputesDemoCast = {
  /** 科左后旗民宗局 (the banner department) and 甘旗卡镇民宗办 (the town); a 重大 case goes up to 通辽市 by itself. */
  banner: Actor;
  town: Actor;
  /** Unit users of villages and communities under the town (they record cases and file 零报告). */
  units: Actor[];
};

export async function seedDisputesDemo(outer: Deps, cast: DisputesDemoCast) {
  const realNow = outer.clock.now();
  const today = beijingDate(realNow);
  const year = Number(today.slice(0, 4));
  const [done] = await outer.db
    .select({ id: disputeCampaigns.id })
    .from(disputeCampaigns)
    .where(eq(disputeCampaigns.name, `${year}年第四季度${CAMPAIGN}`));
  if (done) return { created: false, cases: 0, reports: 0, alerts: 0 };

  const clock = new FakeClock(realNow);
  /** `date` at hh:00 Beijing time, never beyond the real now. */
  const at = (date: string, hh = 9) =>
    clock.set(new Date(Math.min(realNow.getTime(), Date.parse(`${date}T${String(hh).padStart(2, "0")}:00:00+08:00`))));
  const deps: Deps = { ...outer, clock };
  const ctx = (actor: Actor): Ctx => ({ ...deps, actor });
  const { banner, town, units } = cast;

  // ---- the reporting units: the town and its villages/communities, from twelve months ago
  const months: string[] = [];
  for (let i = 12; i >= 1; i--) {
    const d = new Date(Date.UTC(year, Number(today.slice(5, 7)) - 1 - i, 1));
    months.push(periodKeyOf(d.toISOString().slice(0, 10), "monthly"));
  }
  at(`${months[0]}-01`);
  await assignReportUnits(ctx(banner), [town.orgId, ...units.map((u) => u.orgId)]);

  // ---- cases, by the month they happen in (index into months), with what happens next
  type Story = {
    unit: number;
    m: number;
    day: number;
    category: string;
    risk: "general" | "serious" | "major";
    summary: string;
    outcome?: "closed" | "partial" | "transferred" | "mediating" | "ethnic";
    foundLater?: number;
  };
  const stories: Story[] = [
    {
      unit: 0,
      m: 1,
      day: 14,
      category: "family",
      risk: "general",
      summary: "夫妻因子女抚养问题多次争吵，女方回娘家居住",
      outcome: "closed",
    },
    {
      unit: 2,
      m: 3,
      day: 8,
      category: "land",
      risk: "serious",
      summary: "两户因草牧场围栏位置发生争执，涉及约40亩草场",
      outcome: "partial",
    },
    {
      unit: 3,
      m: 5,
      day: 20,
      category: "labour",
      risk: "general",
      summary: "社区商户拖欠3名务工人员工资共计1.2万元",
      outcome: "transferred",
    },
    {
      unit: 4,
      m: 7,
      day: 11,
      category: "neighbour",
      risk: "general",
      summary: "邻里因排水沟堵塞引发口角",
      outcome: "closed",
    },
    {
      unit: 1,
      m: 9,
      day: 20,
      category: "neighbour",
      risk: "general",
      summary: "两户因院墙翻建占地发生争执（排查中发现，当月已报“本期无”）",
      outcome: "mediating",
      foundLater: 10,
    },
    {
      unit: 2,
      m: 10,
      day: 5,
      category: "expropriation",
      risk: "serious",
      summary: "嘎查部分牧户对道路建设征地补偿标准有异议，多次到镇政府反映",
      outcome: "ethnic",
    },
    {
      unit: 4,
      m: 11,
      day: 18,
      category: "land",
      risk: "major",
      summary: "两个嘎查因草牧场边界纠纷聚集20余人，存在冲突风险",
    },
    { unit: 0, m: 11, day: 26, category: "debt", risk: "serious", summary: "村民之间借款8万元到期未还，双方矛盾激化" },
  ];
  const caseIds: { id: string; unit: number; period: string }[] = [];
  const record = async (s: Story, occurredOn: string) => {
    const u = units[s.unit];
    const c = await createCase(ctx(u), {
      source: s.foundLater ? "screening" : "grid",
      category: s.category,
      regionCode: u.regionCode,
      occurredOn,
      partyCount: s.risk === "major" ? 24 : 2,
      summary: s.summary,
      riskLevel: s.risk,
      parties: [],
    });
    caseIds.push({ id: c.id, unit: s.unit, period: periodKeyOf(occurredOn, "monthly") });
    const next = (days: number) => at(addDays(occurredOn, days), 15);
    if (!s.outcome) return;
    next(3);
    await addMediation(ctx(town), c.id, {
      heldOn: addDays(occurredOn, 3),
      mediator: "甘旗卡镇人民调解委员会",
      method: "人民调解",
      outcome: "双方陈述诉求，约定再次协商",
    });
    if (s.outcome === "mediating") return;
    if (s.outcome === "ethnic") {
      next(6);
      await markEthnic(ctx(banner), c.id, {
        mark: true,
        reason: "补偿标准争议涉及牧区草场政策落实，经旗民宗局会同司法所核实认定，须按民族政策妥善处理",
      });
      return;
    }
    next(10);
    const result = s.outcome === "closed" ? "resolved" : s.outcome === "partial" ? "partial" : "transferred";
    await concludeCase(ctx(town), c.id, {
      result,
      note:
        result === "resolved"
          ? "达成调解协议并当场履行"
          : result === "partial"
            ? "围栏位置达成一致，补偿金额仍有分歧"
            : "已转旗人力资源和社会保障局劳动监察大队",
      ...(result === "transferred" ? { transferredTo: "科尔沁左翼后旗劳动保障监察大队" } : {}),
    });
    if (s.outcome === "closed") {
      next(30);
      await addFollowup(ctx(town), c.id, {
        visitedOn: addDays(occurredOn, 30),
        visitor: "镇司法所",
        note: "双方关系正常，协议已履行",
        stable: true,
        close: true,
      });
    }
  };

  // ---- month by month: the month's cases, then each unit's 零报告 early the next month
  let reports = 0;
  for (const [m, period] of months.entries()) {
    for (const s of stories.filter((x) => x.m === m && !x.foundLater)) {
      at(`${period}-${String(s.day).padStart(2, "0")}`);
      await record(s, `${period}-${String(s.day).padStart(2, "0")}`);
    }
    for (const s of stories.filter((x) => x.foundLater === m)) {
      at(`${period}-12`);
      await record(s, `${months[s.m]}-${String(s.day).padStart(2, "0")}`);
    }
    const p = periodOf(period, 5);
    const filers = [town, ...units];
    for (const [i, u] of filers.entries()) {
      const unitIdx = i - 1;
      const stopped = i === filers.length - 1 && m >= months.length - 3; // the last unit stopped three months ago
      const skipped = i === 3 && m === 6;
      if (stopped || skipped) continue;
      const late = (i + m) % 7 === 3;
      const day = addDays(p.end, late ? 9 + (i % 3) : 1 + (i % 4));
      if (day > today) continue;
      at(day, 10);
      const mine = caseIds.filter((c) => c.unit === unitIdx && c.period === period).map((c) => c.id);
      await submitReport(ctx(u), { kind: "zero", period, nothing: mine.length === 0, caseIds: mine, eventIds: [] });
      reports++;
    }
  }

  // ---- this quarter's screening campaign by the banner
  const q4 = `${year}-10-08`;
  at(q4);
  const campaign = await createCampaign(ctx(banner), {
    name: `${year}年第四季度${CAMPAIGN}`,
    regionCode: town.regionCode,
    startsOn: q4,
    endsOn: `${year}-11-30`,
    orgIds: units.map((u) => u.orgId),
    checklist: [
      "土地、草牧场承包经营纠纷",
      "婚姻家庭、邻里纠纷",
      "拖欠农牧民工工资",
      "征地拆迁补偿",
      "涉及宗教场所和活动的苗头性问题",
    ],
  });
  for (const [i, u] of units.slice(0, 4).entries()) {
    at(addDays(q4, 20 + i * 5));
    const found = caseIds.filter((c) => c.unit === i && c.period >= `${year}-10`).map((c) => c.id);
    await reportScreening(ctx(u), campaign.id, {
      placesChecked: 30 + i * 12,
      checks: [true, true, i !== 2, true, i !== 3],
      caseIds: found,
      note: found.length ? "发现的问题已登记为矛盾纠纷" : "未发现矛盾纠纷风险隐患",
    });
  }

  // ---- emergency plans and drills
  at(`${year}-03-15`);
  const bannerPlan = await createPlan(ctx(banner), {
    name: "科尔沁左翼后旗涉及民族因素突发事件应急预案",
    level: "旗级",
    scope: "全旗范围内涉及民族因素的群体性事件和突发事件",
    version: `${year}版`,
    regionCode: banner.regionCode,
    reviewDue: `${year + 1}-03-15`,
  });
  const townPlan = await createPlan(ctx(banner), {
    name: "甘旗卡镇矛盾纠纷突发事件应急处置预案",
    level: "镇级",
    scope: "甘旗卡镇辖区内矛盾纠纷引发的聚集、冲突等突发事件",
    version: `${year - 1}版`,
    regionCode: town.regionCode,
    reviewDue: `${year}-12-20`,
  });
  at(`${year}-06-18`);
  await addDrill(ctx(banner), bannerPlan.id, {
    heldOn: `${year}-06-18`,
    scenario: "草牧场边界纠纷引发两个嘎查村民聚集，模拟旗镇两级联动处置",
    participants: 86,
    evaluation: "响应及时，信息报送流程顺畅；现场疏导力量调度偏慢",
    issues: [
      { issue: "镇级应急队伍名单未及时更新", ownerOrgId: town.orgId, dueOn: `${year}-07-31` },
      { issue: "蒙汉双语政策宣讲材料不足", ownerOrgId: banner.orgId, dueOn: `${year}-12-31` },
    ],
  });
  at(`${year}-09-10`);
  await addDrill(ctx(banner), townPlan.id, {
    heldOn: `${year}-09-10`,
    scenario: "征地补偿争议引发群众到镇政府聚集",
    participants: 42,
    evaluation: "接访分流有序，调解员到位及时",
    issues: [],
  });
  at(`${year}-07-25`);
  const plans = await listPlans(ctx(banner), { page: 1, pageSize: 20 });
  const item = plans.items
    .flatMap((p) => p.drills.flatMap((d) => d.rectifications))
    .find((r) => r.ownerOrgName === town.orgName);
  if (item) await completeRectification(ctx(banner), item.id, { note: "已更新镇级应急队伍名单并报旗民宗局备案" });

  // ---- public-opinion events (about events and information, never individuals)
  at(`${year}-08-03`, 20);
  const e1 = await createEvent(ctx(banner), {
    foundAt: clock.now().toISOString(),
    channel: "video",
    summary: "短视频平台出现关于某嘎查草场纠纷的不实视频，称“因民族身份被区别对待”",
    grade: "serious",
    regionCode: town.regionCode,
  });
  at(`${year}-08-03`, 22);
  await addEventStep(ctx(banner), e1.id, {
    at: clock.now().toISOString(),
    action: "会同网信部门核实，视频内容与事实不符",
  });
  at(`${year}-08-04`, 10);
  await addEventStep(ctx(banner), e1.id, {
    at: clock.now().toISOString(),
    action: "镇政府发布情况说明，纠纷系一般民事纠纷，已依法调解",
  });
  at(`${year}-08-06`);
  await closeEvent(ctx(banner), e1.id, {
    closure: "情况说明发布后讨论平息，相关视频已删除",
    review: "一般民事纠纷不得归结为民族问题，信息发布要快、要准",
  });
  at(`${year}-11-27`, 16);
  await createEvent(ctx(banner), {
    foundAt: clock.now().toISOString(),
    channel: "wechat",
    summary: "微信群流传道路征地补偿标准“蒙汉不同”的说法",
    grade: "general",
    regionCode: town.regionCode,
  });

  // ---- today: the daily jobs
  clock.set(realNow);
  const alerts = (await escalateOverdueCases(deps)) + (await escalateMissingReports(deps));
  await getCampaign(ctx(banner), campaign.id);
  return { created: true, cases: caseIds.length, reports, alerts };
}
