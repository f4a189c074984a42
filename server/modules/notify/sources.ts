/**
 * Where derived to-dos come from. Each module that keeps a live to-do list (computed from its records for the
 * caller, within the same permission and scope as its console lists) registers a source; the message centre turns
 * each item into a message per user, keyed so that a sync never makes a second message for the same to-do, and
 * marks messages whose to-do has gone as resolved. A new module registers its source here through the index
 * (`registerTodoSource`). The sources and what each lists:
 *
 *   creation   示范创建: reviews at each level, scoring, 公示 and naming, objections, expiring designations,
 *              self-checks and 复验 (creation/todo.service.ts)
 *   plans      规划监测: reports due, rectifications, escalations, supervision (plans/report.service.ts)
 *   bases      教育基地: bookings to approve, monthly reports, 复核 due, 数字展馆 versions (bases/todo.service.ts)
 *   activities 活动: the 待确认 queue, records returned for correction, overdue 结对 visits
 *              (activities/todo.service.ts)
 *   services   服务台: referrals to accept and answer (time limits), a window's requests to refer, re-refer after a
 *              decline, close after an answer (services/todo.service.ts)
 *   disputes   风险防范: open cases by their 化解时限, escalations to the caller's level, alerts to take up,
 *              零报告/季报 periods not yet filed (disputes/todo.service.ts)
 *   honors     表彰: 初审 and 复审, panel scoring, objections to answer, returned nominations (honors/todo.service.ts)
 */
import { beijingDate } from "../../../contracts/dates.js";
import { TODO_KIND_LABELS as PLAN_TODO_LABELS } from "../../../contracts/plans.js";
import { can } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { listActivityTodos } from "../activities/index.js";
import { listBaseTodos } from "../bases/index.js";
import { listNewsTodos } from "../content/index.js";
import { listCreationTodos } from "../creation/index.js";
import { listDisputeTodos } from "../disputes/index.js";
import { listHonorTodos } from "../honors/index.js";
import { listAssessmentTodos } from "../insights/index.js";
import { listPlanTodos } from "../plans/index.js";
import { listServiceTodos } from "../services/index.js";

export type DerivedTodo = {
  /** Stable for the same to-do of the same object: "creation:review:<application id>". */
  key: string;
  kindLabel: string;
  title: string;
  body?: string;
  link: string | null;
  dueOn: string | null;
  overdue: boolean;
};

export type TodoSource = {
  /** The module's code (a key of MESSAGE_SOURCES). */
  source: string;
  /** Whether this user has any to-do of the module at all (their permissions). */
  applies: (ctx: Ctx) => boolean;
  list: (ctx: Ctx) => Promise<DerivedTodo[]>;
};

const sources: TodoSource[] = [];

export function registerTodoSource(s: TodoSource) {
  if (sources.some((x) => x.source === s.source)) throw new Error(`待办来源 ${s.source} 重复登记`);
  sources.push(s);
}

export function todoSources(): readonly TodoSource[] {
  return sources;
}

/** The console link of a creation to-do (the same places web/modules/creation/results/todoLink.ts opens). */
function creationLink(kind: string, entity: string, id: string): string | null {
  if (kind === "publicize") return "/creation/notices?new=1";
  if (kind === "name") return "/creation/decisions?new=1";
  switch (entity) {
    case "creation_application":
      return `/creation/applications/${id}`;
    case "score_sheet":
      return "/creation/assignments";
    case "creation_objection":
      return `/creation/objections?id=${id}`;
    case "creation_designation":
      return `/creation/designations?id=${id}${kind === "self_check_overdue" ? "&selfCheck=1" : ""}`;
    case "creation_reverification":
      return `/creation/designations?reverification=${id}`;
    case "creation_batch":
      return "/creation/batches";
    default:
      return null;
  }
}

registerTodoSource({
  source: "creation",
  applies: (ctx) =>
    can(ctx.actor, "creation:read") || can(ctx.actor, "creation:apply") || can(ctx.actor, "evaluation:score"),
  list: async (ctx) => {
    const { items } = await listCreationTodos(ctx);
    return items.map((i) => ({
      key: `creation:${i.kind}:${i.entityId}`,
      kindLabel: i.kindLabel,
      title: i.title,
      link: creationLink(i.kind, i.entity, i.entityId),
      dueOn: i.dueOn,
      overdue: i.overdue,
    }));
  },
});

registerTodoSource({
  source: "plans",
  applies: (ctx) => can(ctx.actor, "plan:read") && !!ctx.actor.orgId,
  list: async (ctx) => {
    const { items } = await listPlanTodos(ctx);
    return items.map((i) => ({
      key: `plans:${i.kind}:${i.rectificationId ?? `${i.nodeId}:${i.period}`}`,
      kindLabel: PLAN_TODO_LABELS[i.kind],
      title: i.title,
      body: i.planTitle,
      link:
        i.kind === "report" || i.kind === "rectify" || i.kind === "escalated"
          ? "/plans/my-tasks"
          : `/plans/${i.planId}?tab=supervision`,
      dueOn: beijingDate(i.dueAt),
      overdue: i.overdue,
    }));
  },
});

registerTodoSource({
  source: "bases",
  applies: (ctx) => can(ctx.actor, "base:operate") || can(ctx.actor, "base:supervise"),
  list: async (ctx) =>
    (await listBaseTodos(ctx)).map((i) => ({
      key: `bases:${i.kind}:${i.entityId}`,
      kindLabel: i.kindLabel,
      title: i.title,
      link: `/bases/${i.baseId}`,
      dueOn: i.dueOn,
      overdue: i.overdue,
    })),
});

registerTodoSource({
  source: "activities",
  applies: (ctx) => can(ctx.actor, "activity:confirm") || can(ctx.actor, "activity:record"),
  list: async (ctx) =>
    (await listActivityTodos(ctx)).map((i) => ({
      key: `activities:${i.kind}:${i.entityId}`,
      kindLabel: i.kindLabel,
      title: i.title,
      body: i.body,
      link:
        i.kind === "pair_overdue"
          ? "/activities/work?tab=pairs"
          : i.kind === "confirm"
            ? `/activities?tab=queue&id=${i.entityId}`
            : `/activities?id=${i.entityId}`,
      dueOn: i.dueOn,
      overdue: i.overdue,
    })),
});

registerTodoSource({
  source: "services",
  applies: (ctx) => can(ctx.actor, "service:handle") || can(ctx.actor, "service:receive"),
  list: async (ctx) =>
    (await listServiceTodos(ctx)).map((i) => ({
      // One message per request and step: accepting and answering are two to-dos, each resolved when done.
      key: `services:${i.kind}:${i.entityId}`,
      kindLabel: i.kindLabel,
      title: i.title,
      link: `/services/requests/${i.entityId}`,
      dueOn: i.dueOn,
      overdue: i.overdue,
    })),
});

registerTodoSource({
  source: "disputes",
  applies: (ctx) => can(ctx.actor, "disputes:handle") || can(ctx.actor, "disputes:report"),
  list: async (ctx) =>
    (await listDisputeTodos(ctx)).map((i) => ({
      key: `disputes:${i.kind}:${i.entityId}`,
      kindLabel: i.kindLabel,
      title: i.title,
      body: i.body,
      link:
        i.kind === "case"
          ? `/disputes?case=${i.entityId}`
          : i.kind === "alert"
            ? "/disputes/alerts"
            : "/disputes?tab=desk",
      dueOn: i.dueOn,
      overdue: i.overdue,
    })),
});

registerTodoSource({
  source: "honors",
  applies: (ctx) =>
    can(ctx.actor, "honor:review") ||
    can(ctx.actor, "honor:manage") ||
    can(ctx.actor, "honor:score") ||
    can(ctx.actor, "honor:nominate"),
  list: async (ctx) =>
    (await listHonorTodos(ctx)).map((i) => ({
      key: `honors:${i.kind}:${i.entityId}`,
      kindLabel: i.kindLabel,
      title: i.title,
      body: i.body,
      link: i.kind === "objection" ? `/honors/objections?id=${i.entityId}` : `/honors/nominations?id=${i.entityId}`,
      dueOn: i.dueOn,
      overdue: i.overdue,
    })),
});

registerTodoSource({
  source: "content",
  applies: (ctx) => can(ctx.actor, "news:review") || can(ctx.actor, "news:write"),
  list: async (ctx) =>
    (await listNewsTodos(ctx)).map((i) => ({
      key: `content:${i.kind}:${i.id}`,
      kindLabel: i.kindLabel,
      title: i.title,
      body: i.body,
      link: i.kind === "review" ? "/content/news?status=submitted" : "/content/news?status=draft",
      dueOn: null,
      overdue: false,
    })),
});

registerTodoSource({
  source: "insights",
  applies: (ctx) =>
    can(ctx.actor, "assessment:participate") ||
    can(ctx.actor, "assessment:manage") ||
    can(ctx.actor, "assessment:score"),
  list: async (ctx) =>
    (await listAssessmentTodos(ctx)).map((i) => ({
      key: `insights:${i.kind}:${i.entityId}`,
      kindLabel: i.kindLabel,
      title: i.title,
      link: `/assessment/${i.roundId}`,
      dueOn: null,
      overdue: false,
    })),
});
