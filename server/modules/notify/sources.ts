/**
 * Where derived to-dos come from. Each module that keeps a live to-do list (computed from its records for the
 * caller, as 示范创建 and 规划监测 do) registers a source; the message centre turns each item into a message per user,
 * keyed so that a sync never makes a second message for the same to-do, and marks messages whose to-do has
 * gone as resolved. A new module registers its source here through the index (`registerTodoSource`).
 */
import { beijingDate } from "../../../contracts/dates.js";
import { TODO_KIND_LABELS as PLAN_TODO_LABELS } from "../../../contracts/plans.js";
import { can } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { listBaseTodos } from "../bases/index.js";
import { listCreationTodos } from "../creation/index.js";
import { listPlanTodos } from "../plans/index.js";

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
