/**
 * Demo data of the plans module (for `npm run seed:demo`): 《科左后旗民族团结进步创建发展规划（2021-2025年）》, a
 * document written for the project in the shape of the real banner plans (demo/后旗民族团结进步发展规划.txt: 目录,
 * 第X章 / 第X节 / 专栏N, （一） tasks with 责任单位 clauses), imported as 科尔沁左翼后旗's plan through the same path a user takes (parse → resolve names → commit), with
 * its responsible departments created and matched, a year of quarterly reports (2025Q1–Q4) in which some tasks lag
 * and some reports come late, and a supervision round whose findings are verified, awaiting verification, and
 * overdue (escalated).
 *
 * Time: the plan runs 2021–2025 and its story is told on its own clock, never beyond today (the caller's clock):
 * imported on 2025-01-06 (the platform's first year, reporting from 2025Q1), each report filed a few days after
 * its quarter (Q4 in January 2026), and — the plan over, in its 总结评估 stage — a 总结评估 supervision round
 * about six weeks before today whose findings are closed, verified and escalated on dates before today.
 *
 *   await seedPlansDemo(deps, { actor })   // actor: a user of 科尔沁左翼后旗民族事务委员会 with 民族工作部门管理员
 *
 * Without `actor`, a system actor named “演示数据” stands in for the 民委 (the organization is found or created);
 * the rectification evidence is then only a note, since a material needs a real uploading user.
 * Idempotent: when the plan already exists in 150522, nothing is written and its id is returned.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { and, eq } from "drizzle-orm";
import { addDays, beijingDate } from "../../../contracts/dates.js";
import type { Actor } from "../../core/access.js";
import type { Clock } from "../../core/clock.js";
import type { Ctx, Deps } from "../../core/context.js";
import { recordAudit } from "../audit/index.js";
import { BUILTIN_ROLES } from "../identity/index.js";
import { uploadMaterial } from "../materials/index.js";
import { findOrgIdsByName, insertOrg } from "../org/index.js";
import { commitImport, toRequestText } from "./import.service.js";
import { type PlanNode, parsePlanText } from "./parse-plan.js";
import { periodByKey } from "./periods.js";
import { bumpRevision } from "./plan-access.js";
import { planNodes, planNodeUnits, planReports, plans } from "./plans.schema.js";
import { reportSearch } from "./plans.search.js";
import {
  closeRectification,
  createInspection,
  escalateOverdueRectifications,
  verifyRectification,
} from "./supervision.service.js";
import { refreshAssignments } from "./tree-edit.service.js";

export const DEMO_REGION = "150522";
export const DEMO_ISSUER = "科尔沁左翼后旗民族事务委员会";
export const DEMO_PLAN_TITLE = "科左后旗民族团结进步创建发展规划（2021-2025年）";
const NIL = "00000000-0000-0000-0000-000000000000";
const DAY = 86_400_000;

/** The departments that carry the plan's tasks: full name, the short name plans use, type, region. */
const DEPARTMENTS: { name: string; shortName: string | null; type: string; regionCode: string }[] = [
  {
    name: "中共科尔沁左翼后旗委员会统一战线工作部",
    shortName: "旗委统战部",
    type: "party_gov",
    regionCode: DEMO_REGION,
  },
  { name: "中共科尔沁左翼后旗委员会宣传部", shortName: "旗委宣传部", type: "party_gov", regionCode: DEMO_REGION },
  { name: "中共科尔沁左翼后旗委员会组织部", shortName: "旗委组织部", type: "party_gov", regionCode: DEMO_REGION },
  { name: "科尔沁左翼后旗教育局", shortName: null, type: "party_gov", regionCode: DEMO_REGION },
  { name: "科尔沁左翼后旗文化旅游体育局", shortName: "旗文旅体局", type: "party_gov", regionCode: DEMO_REGION },
  { name: "科尔沁左翼后旗民政局", shortName: null, type: "party_gov", regionCode: DEMO_REGION },
  { name: "科尔沁左翼后旗公安局", shortName: null, type: "party_gov", regionCode: DEMO_REGION },
  { name: "科尔沁左翼后旗司法局", shortName: null, type: "party_gov", regionCode: DEMO_REGION },
  { name: "科尔沁左翼后旗人力资源和社会保障局", shortName: "旗人社局", type: "party_gov", regionCode: DEMO_REGION },
  { name: "科尔沁左翼后旗融媒体中心", shortName: null, type: "institution", regionCode: DEMO_REGION },
  { name: "甘旗卡镇人民政府", shortName: null, type: "party_gov", regionCode: "150522100" },
];

/** Tasks that fall behind in 2025 (reported 滞后 from Q3), and units that report late or skip Q4. */
const LAGGING = new Set(["建设共同体意识研究基地", "建立法律援助平台", "做好流动人口服务管理"]);
const UNFINISHED = new Set(["实施非遗传承人培养计划", "建立民族工作信息平台", "办好网上民族团结家园"]);

function roleOf(code: string, dataScope: "org" | "region_tree"): Actor["roles"][number] {
  const r = BUILTIN_ROLES.find((x) => x.code === code)!;
  return { id: NIL, code: r.code, name: r.name, dataScope, adminKind: null, permissions: [...r.permissions] };
}

function systemActor(org: { id: string; name: string; regionCode: string }, kind: "manager" | "unit"): Actor {
  return {
    userId: NIL,
    username: "demo",
    displayName: "演示数据",
    orgId: org.id,
    orgName: org.name,
    regionCode: org.regionCode,
    roles: [kind === "manager" ? roleOf("ethnic_affairs_admin", "region_tree") : roleOf("unit_user", "org")],
    stage: "full",
    sessionId: null,
    tokenId: null,
    ip: null,
  };
}

/** The demo plan's file, kept in the repository beside this module. */
export const DEMO_PLAN_FILE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  "demo",
  "后旗民族团结进步发展规划.txt",
);

export function readDemoPlanText(): string {
  return fs.readFileSync(DEMO_PLAN_FILE, "utf8");
}

/** The plan story's clock: 09:00 Beijing time of the day it is set to, never later than `limit` (today). */
class PlanStoryClock implements Clock {
  private current: number;
  constructor(private readonly limit: number) {
    this.current = limit;
  }
  now = () => new Date(this.current);
  at(date: string) {
    this.current = Math.min(this.limit, new Date(`${date}T09:00:00+08:00`).getTime());
  }
}

/** The plan's own dates (import, the reports' audit note) and the 总结评估 supervision round's, relative to today. */
export function planStoryDates(today: string) {
  return {
    imported: "2025-01-06",
    reportsNoted: "2026-01-20",
    inspected: addDays(today, -42),
    media: { deadline: addDays(today, -10), closed: addDays(today, -20), verified: addDays(today, -16) },
    civil: { deadline: addDays(today, 28), closed: addDays(today, -5) },
    police: { deadline: addDays(today, -3) },
  };
}

type TreeInput = Parameters<typeof commitImport>[1]["tree"][number];

function toTree(nodes: PlanNode[]): TreeInput[] {
  return nodes.map((n) => ({
    kind: n.kind,
    number: toRequestText(n.number),
    title: toRequestText(n.title),
    text: toRequestText(n.text, "long"),
    // The units the plan's 责任单位 clauses name, lead (牵头单位, else the first) first.
    units: n.kind === "task" ? n.units : [],
    leadUnit: n.kind === "task" ? (n.leadUnit ?? null) : null,
    weight: n.kind === "task" && /平台$|基地$/.test(n.title) ? 2 : 1,
    milestones: [],
    line: n.line,
    children: toTree(n.children),
  }));
}

async function findOrg(deps: Deps, name: string, regionCode: string) {
  const found = (await findOrgIdsByName(deps.db, [name])).get(name) ?? [];
  return found.find((o) => o.regionCode === regionCode) ?? null;
}

export async function seedPlansDemo(
  outer: Deps,
  opts: { actor?: Actor; seedText?: string } = {},
): Promise<{ planId: string; created: boolean }> {
  const [existing] = await outer.db
    .select({ id: plans.id })
    .from(plans)
    .where(and(eq(plans.regionCode, DEMO_REGION), eq(plans.title, DEMO_PLAN_TITLE)));
  if (existing) return { planId: existing.id, created: false };
  const story = new PlanStoryClock(outer.clock.now().getTime());
  const when = planStoryDates(beijingDate(outer.clock.now()));
  story.at(when.imported);
  const deps: Deps = { ...outer, clock: story };

  // The issuing department and the responsible departments (found, or created with short names).
  let issuer = opts.actor
    ? { id: opts.actor.orgId, name: opts.actor.orgName, regionCode: opts.actor.regionCode }
    : await findOrg(deps, DEMO_ISSUER, DEMO_REGION).then((o) =>
        o ? { id: o.id, name: DEMO_ISSUER, regionCode: DEMO_REGION } : null,
      );
  const bootstrapCtx = (orgId: string): Ctx => ({
    ...deps,
    actor: opts.actor ?? systemActor({ id: orgId, name: DEMO_ISSUER, regionCode: DEMO_REGION }, "manager"),
  });
  if (!issuer) {
    const id = await deps.db.transaction((tx) =>
      insertOrg(bootstrapCtx(NIL), tx, {
        name: DEMO_ISSUER,
        shortName: "旗民委",
        type: "party_gov",
        regionCode: DEMO_REGION,
        isEthnicAffairsDept: true,
        isMemberUnit: true,
        sort: 0,
      }),
    );
    issuer = { id, name: DEMO_ISSUER, regionCode: DEMO_REGION };
  }
  const ctx: Ctx = { ...deps, actor: opts.actor ?? systemActor(issuer, "manager") };
  const orgIds: Record<string, string> = {};
  for (const d of DEPARTMENTS) {
    const found = await findOrg(deps, d.name, d.regionCode);
    orgIds[d.name] =
      found?.id ??
      (await deps.db.transaction((tx) =>
        insertOrg(ctx, tx, {
          name: d.name,
          shortName: d.shortName,
          type: d.type,
          regionCode: d.regionCode,
          isEthnicAffairsDept: false,
          isMemberUnit: d.regionCode === DEMO_REGION,
          sort: 0,
        }),
      ));
  }

  // Import: the parsed tree with the units the plan assigns, committed as a user would after the preview.
  const parsed = parsePlanText(opts.seedText ?? readDemoPlanText());
  const view = await commitImport(ctx, {
    title: DEMO_PLAN_TITLE,
    docNumber: parsed.docNumber,
    periodStart: 2021,
    periodEnd: 2025,
    cycle: "quarterly",
    graceDays: 10,
    remindDays: 15,
    reportFrom: "2025Q1",
    regionCode: DEMO_REGION,
    status: "active",
    sourceFileName: "科左后旗民族团结进步创建发展规划（2021-2025年）.txt",
    tree: toTree(parsed.nodes),
    mapping: {
      甘旗卡镇: { orgIds: [orgIds.甘旗卡镇人民政府] },
      旗民委: { orgIds: [issuer.id] },
    },
    confirmNoUnits: false,
  });
  const planId = view.id;
  const plan = (await deps.db.select().from(plans).where(eq(plans.id, planId)))[0];

  // A year of quarterly reports, written as they were filed (history dates), with one audit entry for the batch.
  const tasks = await deps.db
    .select({ id: planNodes.id, title: planNodes.title })
    .from(planNodes)
    .where(and(eq(planNodes.planId, planId), eq(planNodes.kind, "task")));
  const assignments = await deps.db.select().from(planNodeUnits).where(eq(planNodeUnits.planId, planId));
  const rows: (typeof planReports.$inferInsert)[] = [];
  let i = 0;
  for (const t of tasks) {
    for (const a of assignments.filter((x) => x.nodeId === t.id)) {
      i++;
      for (let q = 1; q <= 4; q++) {
        const key = `2025Q${q}`;
        const period = periodByKey(plan, key)!;
        // One unit in seven files late; one in nine misses the last quarter.
        if (q === 4 && i % 9 === 0) continue;
        const late = i % 7 === 0 && q >= 2;
        const submittedAt = new Date(period.end.getTime() + (late ? 16 : 3 + (i % 5)) * DAY);
        let percent = Math.min(100, 55 + q * 10 + (i % 4) * 5);
        let status: "in_progress" | "completed" | "lagging" = percent >= 100 ? "completed" : "in_progress";
        if (LAGGING.has(t.title) && q >= 3) {
          percent = 35 + q * 5;
          status = "lagging";
        } else if (UNFINISHED.has(t.title)) {
          percent = Math.min(percent, 60 + q * 5);
          status = "in_progress";
        } else if (q === 4) {
          percent = 100;
          status = "completed";
        }
        const narrative =
          status === "lagging"
            ? `${period.label}：受场地和经费影响，进度滞后，已制定整改措施。`
            : `${period.label}：按计划推进，完成阶段任务，累计完成 ${percent}%。`;
        rows.push({
          planId,
          nodeId: t.id,
          orgId: a.orgId,
          regionCode: a.regionCode,
          period: key,
          status,
          percent,
          narrative,
          evidence: [],
          submittedBy: null,
          submittedAt,
          dueAt: period.dueAt,
          late: submittedAt.getTime() > period.dueAt.getTime(),
          updatedAt: submittedAt,
        });
      }
    }
  }
  story.at(when.reportsNoted);
  await deps.db.transaction(async (tx) => {
    for (let k = 0; k < rows.length; k += 500)
      await tx.insert(planReports).values(rows.slice(k, k + 500).map((r) => ({ ...r, search: reportSearch(r) })));
    await refreshAssignments(
      tx,
      tasks.map((t) => t.id),
    );
    await bumpRevision(tx, planId);
    await recordAudit(tx, deps.clock, ctx.actor, {
      category: "data",
      action: "plan.report.demo",
      entity: "plan",
      entityId: planId,
      regionCode: plan.regionCode,
      orgId: plan.issuingOrgId,
      summary: `演示数据：写入 2025 年四个季度的进度报告 ${rows.length} 份`,
      changes: { reports: [null, rows.length] },
    });
  });

  // The 总结评估 supervision round: one finding verified, one awaiting verification, one overdue and escalated.
  const taskId = (title: string) => tasks.find((t) => t.title === title)?.id ?? null;
  const owner = {
    media: orgIds.科尔沁左翼后旗融媒体中心,
    civil: orgIds.科尔沁左翼后旗民政局,
    police: orgIds.科尔沁左翼后旗公安局,
  };
  story.at(when.inspected);
  const inspection = await createInspection(ctx, planId, {
    title: "规划实施总结评估专项督查",
    inspectedOn: when.inspected,
    description: "规划期满，对各责任单位规划任务完成情况开展总结评估督查，查阅台账、座谈了解情况。",
    findings: [
      {
        finding: "“民族团结宣传专栏”稿件更新频次不足，未达到每月四篇",
        requirement: "建立专栏稿件月度更新机制，补充发布稿件",
        nodeId: taskId("开设民族团结宣传专栏"),
        ownerOrgId: owner.media,
        deadline: when.media.deadline,
      },
      {
        finding: "社区环境建设任务部分台账资料不完整",
        requirement: "补齐社区共居共学活动台账",
        nodeId: taskId("营造共居共学共事共乐社区环境"),
        ownerOrgId: owner.civil,
        deadline: when.civil.deadline,
      },
      {
        finding: "流动人口服务管理任务进度滞后，服务站点尚未全部建成",
        requirement: "制定倒排工期计划，按期建成剩余服务站点",
        nodeId: taskId("流动人口服务管理工程"),
        ownerOrgId: owner.police,
        deadline: when.police.deadline,
      },
    ],
  });
  const [media, civil] = inspection.rectifications;
  const unitCtx = (orgId: string, name: string): Ctx => ({
    ...deps,
    actor: systemActor({ id: orgId, name, regionCode: DEMO_REGION }, "unit"),
  });
  const evidenceFor = async (orgId: string, title: string) => {
    if (!opts.actor) return [];
    const m = await uploadMaterial(ctx, {
      fileName: `${title}.txt`,
      content: Buffer.from(`${title}\n（演示数据）`, "utf8"),
      title,
      tags: ["整改", "演示"],
      orgId,
    });
    return [m.id];
  };
  story.at(when.media.closed);
  await closeRectification(unitCtx(owner.media, "科尔沁左翼后旗融媒体中心"), planId, media.id, {
    note: "已建立专栏稿件月度更新机制，补发稿件6篇。",
    evidenceIds: await evidenceFor(owner.media, "专栏稿件更新情况说明"),
  });
  story.at(when.media.verified);
  await verifyRectification(ctx, planId, media.id, { approved: true, note: "经核查，整改到位，予以销号。" });
  story.at(when.civil.closed);
  await closeRectification(unitCtx(owner.civil, "科尔沁左翼后旗民政局"), planId, civil.id, {
    note: "已补齐社区共居共学活动台账。",
    evidenceIds: await evidenceFor(owner.civil, "社区活动台账"),
  });
  story.at(beijingDate(outer.clock.now()));
  await escalateOverdueRectifications(deps);
  return { planId, created: true };
}
