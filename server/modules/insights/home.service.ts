/**
 * The console home page's figures: what the caller's role works on, each computed within the caller's data scope
 * and each with the list behind it.
 *
 *   applications by stage   creation:read (or apply): the applications the caller's lists show, by status
 *   named units by region   creation:read at 本级区划 or wider: live designations by the region one level below the
 *                           scope's root (units of the root itself form "本级")
 *   plan by chapter / unit  plan:read in full: the caller's own level's latest active plan (else the newest one in
 *                           scope), its roll-up by top-level chapter and by responsible unit
 *   overdue                 the caller's overdue 示范创建 and 规划监测 to-dos, by kind
 *   my scoring              an expert (evaluation:score without creation:apply): assignments to score / scored
 */
import { APPLICATION_STATUSES, type ApplicationStatus } from "../../../contracts/creation.js";
import { beijingDate } from "../../../contracts/dates.js";
import type { HomeFigure, HomeView } from "../../../contracts/insights.js";
import { TODO_KIND_LABELS as PLAN_TODO_LABELS } from "../../../contracts/plans.js";
import { can, scopeFor, scopeRoot } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { actorCacheKey, revisionCache } from "../../core/revisions.js";
import {
  applicationCountsByStatus,
  listCreationTodos as creationTodos,
  listAssignments,
  liveDesignationCountsByRegion,
} from "../creation/index.js";
import { getRegion, regionNames } from "../org/index.js";
import { computeRollup, homePlan, listPlanTodos as planTodos } from "../plans/index.js";

/** Short stage names for a chart axis (the lists show the full status labels). */
const STAGE_LABELS: Record<ApplicationStatus, string> = {
  draft: "草稿",
  reviewing: "推荐中",
  returned: "退回修改",
  accepted: "已受理",
  evaluating: "测评中",
  approved: "待公示",
  publicized: "公示中",
  named: "已命名",
  rejected: "不予命名",
  withdrawn: "已撤回",
};

/** Region code lengths by level: 省 2, 市 4, 县 6, 乡 9, 村 12. */
const NEXT_LEVEL: Record<number, number> = { 0: 2, 2: 4, 4: 6, 6: 9, 9: 12 };

/** The region one level below `root` that `code` lies in; the root itself for its own units. */
export function lowerRegion(root: string, code: string): string {
  const len = NEXT_LEVEL[root.length] ?? root.length;
  return code.length <= root.length ? root : code.slice(0, len);
}

const qs = (path: string, q: Record<string, string>) => `${path}?${new URLSearchParams(q).toString()}`;

/**
 * 申报进展 and 示范单位分布 count a whole province's applications and designations: kept per caller while the two
 * tables' revision counters (migrations 0033 and 0041) stand still, for at most a minute and never past the day
 * (a designation's validity ends with a date). The plan figures come from the roll-up's own cache; the overdue
 * to-dos are the caller's own and are read each time.
 */
const creationFiguresCache = revisionCache<(HomeFigure | null)[]>({
  keys: ["creation.applications", "creation.designations"],
  ttlMs: 60_000,
  size: 500,
});

export async function homeFigures(ctx: Ctx): Promise<HomeView> {
  // One after another: a handful of small queries, in an order the bench's SQL snapshot can pin.
  const figures: (HomeFigure | null)[] = [];
  const today = beijingDate(ctx.clock.now());
  figures.push(
    ...(await creationFiguresCache.get(ctx, actorCacheKey(ctx.actor, ["home", today]), async (db) => {
      const c: Ctx = { ...ctx, db, readDb: undefined };
      return [await applicationsByStage(c), await namedByRegion(c)];
    })),
  );
  figures.push(...(await planFigures(ctx)));
  figures.push(await overdue(ctx));
  figures.push(await myScoring(ctx));
  return { figures: figures.filter((f): f is HomeFigure => !!f) };
}

async function applicationsByStage(ctx: Ctx): Promise<HomeFigure | null> {
  if (!can(ctx.actor, "creation:read") && !can(ctx.actor, "creation:apply")) return null;
  const by = await applicationCountsByStatus(ctx);
  const items = APPLICATION_STATUSES.filter((s) => by.get(s)).map((s) => ({
    label: STAGE_LABELS[s],
    value: by.get(s) ?? 0,
    href: qs("/creation/applications", { status: s }),
  }));
  return {
    key: "applicationsByStage",
    title: "申报进展",
    subtitle: "各环节的申报数",
    chart: "bar",
    unit: "个",
    href: "/creation/applications",
    items,
  };
}

async function namedByRegion(ctx: Ctx): Promise<HomeFigure | null> {
  const scope = scopeFor(ctx.actor, "creation:read");
  if (!scope || scope.kind === "org" || scope.kind === "self") return null;
  const root = scopeRoot(scope);
  // Grouped by the unit's own region code (a few thousand at most), then folded into the level below in Node.
  const rows = await liveDesignationCountsByRegion(ctx, scope);
  const folded = new Map<string, number>();
  for (const r of rows) {
    const k = lowerRegion(root, r.regionCode);
    folded.set(k, (folded.get(k) ?? 0) + Number(r.n));
  }
  const names = await regionNames(ctx.db, [...folded.keys()]);
  const rootRegion = root ? await getRegion(ctx.db, root) : null;
  const items = [...folded]
    .map(([code, n]) => ({
      label: code === root ? `${names.get(code) ?? ""}本级` : (names.get(code) ?? code),
      value: n,
      href: qs("/creation/designations", { regionCode: code, live: "true" }),
    }))
    .sort((a, b) => b.value - a.value);
  return {
    key: "namedByRegion",
    title: "示范单位分布",
    subtitle: `${rootRegion?.name ?? "全部区划"}各下级区划的有效命名`,
    chart: "bar",
    unit: "家",
    href: qs("/creation/designations", { live: "true" }),
    items,
  };
}

async function planFigures(ctx: Ctx): Promise<HomeFigure[]> {
  const scope = scopeFor(ctx.actor, "plan:read");
  if (!scope || scope.kind === "org" || scope.kind === "self") return [];
  const plan = await homePlan(ctx, scope);
  if (!plan) return [];
  const rollup = await computeRollup(ctx, plan.id);
  const href = `/plans/${plan.id}?tab=rollup`;
  const chapters = rollup.byChapter.filter((c) => c.depth === 0 && c.tasks > 0);
  const units = [...rollup.byUnit].sort((a, b) => (a.completion ?? 0) - (b.completion ?? 0)).slice(0, 12);
  return [
    {
      key: "planByChapter",
      title: "规划完成度（按章）",
      subtitle: plan.title,
      chart: "bar",
      unit: "%",
      href,
      items: chapters.map((c) => ({
        label: c.number ? `${c.number} ${c.title}` : c.title,
        value: c.completion ?? 0,
        href,
      })),
    },
    {
      key: "planByUnit",
      title: "规划完成度（按责任单位）",
      subtitle: `${plan.title}（完成度最低的 ${units.length} 个单位）`,
      chart: "bar",
      unit: "%",
      href,
      items: units.map((u) => ({ label: u.orgName, value: u.completion ?? 0, href })),
    },
  ];
}

async function overdue(ctx: Ctx): Promise<HomeFigure | null> {
  const creationRead = can(ctx.actor, "creation:read") || can(ctx.actor, "creation:apply");
  const creationOn = creationRead || can(ctx.actor, "evaluation:score");
  const plansOn = can(ctx.actor, "plan:read");
  if (!creationOn && !plansOn) return null;
  // One after the other, like the figures, so the bench's SQL snapshot has one order on both databases.
  const c = creationOn ? await creationTodos(ctx) : null;
  const p = plansOn ? await planTodos(ctx) : null;
  const items: HomeFigure["items"] = [];
  const byKind = new Map<string, { label: string; value: number; href: string }>();
  for (const i of c?.items ?? []) {
    if (!i.overdue) continue;
    const href = creationRead ? qs("/creation/todos", { kind: i.kind }) : "/creation/assignments";
    const g = byKind.get(`c:${i.kind}`) ?? { label: i.kindLabel, value: 0, href };
    g.value++;
    byKind.set(`c:${i.kind}`, g);
  }
  const planList = can(ctx.actor, "plan:report") ? "/plans/my-tasks" : "/plans";
  for (const i of p?.items ?? []) {
    if (!i.overdue) continue;
    const g = byKind.get(`p:${i.kind}`) ?? {
      label: PLAN_TODO_LABELS[i.kind],
      value: 0,
      href: i.kind === "report" || i.kind === "rectify" ? planList : `/plans/${i.planId}?tab=supervision`,
    };
    g.value++;
    byKind.set(`p:${i.kind}`, g);
  }
  items.push(...byKind.values());
  return {
    key: "overdue",
    title: "逾期事项",
    subtitle: "已过期限仍待办理的事项",
    chart: "bar",
    unit: "项",
    href: creationRead ? "/creation/todos" : plansOn ? planList : "/creation/assignments",
    items,
  };
}

async function myScoring(ctx: Ctx): Promise<HomeFigure | null> {
  if (!can(ctx.actor, "evaluation:score") || can(ctx.actor, "creation:apply")) return null;
  const mine = await listAssignments(ctx);
  const toScore = mine.filter((x) => x.status === "evaluating" && x.sheetStatus !== "submitted").length;
  const scored = mine.filter((x) => x.sheetStatus === "submitted").length;
  const href = "/creation/assignments";
  return {
    key: "myScoring",
    title: "我的测评任务",
    subtitle: "分配给我的申报评分",
    chart: "pie",
    unit: "个",
    href,
    items: [
      { label: "待评分", value: toScore, href },
      { label: "已提交", value: scored, href },
    ].filter((i) => i.value > 0),
  };
}
