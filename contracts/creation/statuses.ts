/*
 * The statuses of creation's records and their Chinese labels: one list and one label map per entity, used by
 * the server (state machines, messages, exports, audit) and the console (tags, filters). No zod here, so the
 * console's start-up bundle can import it.
 */

// 申报
export const APPLICATION_STATUSES = [
  "draft",
  "reviewing",
  "returned",
  "accepted",
  "evaluating",
  "approved",
  "publicized",
  "named",
  "rejected",
  "withdrawn",
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  draft: "草稿",
  reviewing: "逐级推荐中",
  returned: "退回修改",
  accepted: "已受理",
  evaluating: "测评中",
  approved: "审定通过（待公示）",
  publicized: "公示中",
  named: "已命名",
  rejected: "不予命名",
  withdrawn: "已撤回",
};

// 申报批次
export const BATCH_STATUSES = ["draft", "open", "closed", "concluded"] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];
export const BATCH_STATUS_LABELS: Record<BatchStatus, string> = {
  draft: "筹备中",
  open: "申报中",
  closed: "申报已截止",
  concluded: "已命名",
};
