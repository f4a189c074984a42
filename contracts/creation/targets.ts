import { z } from "zod";
import { listQuery, queryBool, regionCode, safeLongText } from "../common.js";
import { namingLevel } from "../evaluation.js";
import { categoryCode, categorySchema } from "./categories.js";
import { queryYear, year } from "./fields.js";

// ---------------------------------------------------------------------------------------------------------
// Targets (目标任务) and coverage ("8+N进")

export const targetCreate = z.strictObject({
  regionCode,
  level: namingLevel,
  year,
  /** Absent = every category. */
  category: categoryCode.nullish(),
  targetCount: z.number().int().min(1).max(1_000_000),
  note: safeLongText(500).optional(),
});
export type TargetCreate = z.infer<typeof targetCreate>;
export const targetUpdate = z.strictObject({
  targetCount: z.number().int().min(1).max(1_000_000).optional(),
  note: safeLongText(500).optional(),
});
export const targetSchema = z.object({
  id: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  level: namingLevel,
  year: z.number(),
  category: z.string().nullable(),
  categoryLabel: z.string().nullable(),
  targetCount: z.number(),
  /** Valid designations (有效 or 复验中) in the region's tree at that level, named by the end of that year. */
  achieved: z.number(),
  /** achieved ÷ target, in percent with one decimal, capped at nothing (over-fulfilment shows). */
  percent: z.number(),
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Target = z.infer<typeof targetSchema>;
export const targetListQuery = listQuery.extend({
  regionCode: regionCode.optional(),
  /** false: only targets of exactly `regionCode`; default: it and every region below. */
  includeSubRegions: queryBool.optional(),
  level: namingLevel.optional(),
  year: queryYear.optional(),
});
export type TargetListQuery = z.infer<typeof targetListQuery>;

export const coverageQuery = z.object({
  /** The region whose direct children form the rows; default the root of the caller's scope. */
  regionCode: regionCode.optional(),
  level: namingLevel.optional(),
});
export const coverageSchema = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  level: namingLevel.nullable(),
  categories: z.array(categorySchema),
  rows: z.array(
    z.object({
      regionCode: z.string(),
      regionName: z.string(),
      /** The region itself (designations of units directly at this level), not a child. */
      own: z.boolean(),
      /** Whether the row can be drilled into (it has children). */
      drillable: z.boolean(),
      counts: z.record(z.string(), z.number()),
      total: z.number(),
      /** How many categories have at least one valid designation. */
      categoriesCovered: z.number(),
    }),
  ),
  totals: z.record(z.string(), z.number()),
  total: z.number(),
  /** Child regions with at least one valid designation, of all child regions. */
  regionsCovered: z.number(),
  regionCount: z.number(),
});
export type Coverage = z.infer<typeof coverageSchema>;

// ---------------------------------------------------------------------------------------------------------
// To-dos (待办)

export const TODO_KINDS = [
  "review",
  "resubmit",
  "draft",
  "expert_sheet",
  "assign_experts",
  "finalize",
  "publicize",
  "name",
  "objection",
  "expiring",
  "reverification_fill",
  "reverification_decide",
  "self_check_overdue",
  "batch_deadline",
] as const;
export type TodoKind = (typeof TODO_KINDS)[number];
export const TODO_KIND_LABELS: Record<TodoKind, string> = {
  review: "待推荐/受理的申报",
  resubmit: "被退回待修改的申报",
  draft: "尚未提交的申报",
  expert_sheet: "待填写的专家评分表",
  assign_experts: "待分配测评专家",
  finalize: "专家评分已齐，待审定",
  publicize: "审定通过，待公示",
  name: "公示期满，待命名",
  objection: "未答复的异议",
  expiring: "即将到期的命名",
  reverification_fill: "待填写的复验自查",
  reverification_decide: "待审核的复验",
  self_check_overdue: "逾期未交的年度自查",
  batch_deadline: "即将截止的申报批次",
};
export const todoItem = z.object({
  kind: z.enum(TODO_KINDS),
  kindLabel: z.string(),
  title: z.string(),
  entity: z.string(),
  entityId: z.string(),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
});
export const todoList = z.object({ items: z.array(todoItem), counts: z.record(z.string(), z.number()) });
export type TodoItem = z.infer<typeof todoItem>;
