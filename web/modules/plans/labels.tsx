import { Tag } from "antd";
import type { NodeKind, PlanStatus, RectificationStatus, SubmissionState, TaskStatus } from "../../../contracts/plans";
import { StatusTag } from "../../app/components/StatusTag";
import { t } from "../../app/i18n";

/**
 * The plans module's codes in words and colours. The words live in zh-CN.ts (plans.labels.*); the codes are the
 * server's (contracts/plans.ts).
 */
const COLORS = {
  planStatus: { draft: "default", active: "green", closed: "blue" },
  taskStatus: { not_started: "default", in_progress: "processing", completed: "success", lagging: "error" },
  submission: { on_time: "success", late: "warning", missing: "error", pending: "default" },
  rectification: { open: "processing", closed: "warning", verified: "success" },
  resolution: { exact: "success", alias: "success", fuzzy: "warning", collective: "cyan", unmatched: "error" },
  kind: { chapter: "red", section: "volcano", column: "purple", task: "blue", item: "default" },
  todo: { report: "blue", rectify: "orange", verify: "purple", escalated: "red" },
} as const;

type Group = keyof typeof COLORS;

export function label(group: Group | "cycle" | "access" | "unitRole" | "lagReason", code: string): string {
  return t(`plans.labels.${group}.${code}`);
}

function tagLabels(group: Group): Record<string, { color: string; label: string }> {
  return Object.fromEntries(
    Object.entries(COLORS[group]).map(([code, color]) => [code, { color, label: label(group, code) }]),
  );
}

/** Select options of a group, in the order the server lists its codes. */
export function options(group: Group | "cycle"): { value: string; label: string }[] {
  const codes =
    group === "cycle" ? ["monthly", "quarterly", "half_yearly", "yearly"] : Object.keys(COLORS[group as Group]);
  return codes.map((value) => ({ value, label: label(group, value) }));
}

export const PlanStatusTag = ({ status }: { status: PlanStatus }) => (
  <StatusTag status={status} labels={tagLabels("planStatus")} />
);

/** A task's status; "未报送" when nothing has been reported yet. */
export const TaskStatusTag = ({ status }: { status: TaskStatus | null }) =>
  status ? (
    <StatusTag status={status} labels={tagLabels("taskStatus")} />
  ) : (
    <Tag variant="outlined">{t("plans.labels.notReported")}</Tag>
  );

export const SubmissionTag = ({ state }: { state: SubmissionState }) => (
  <StatusTag status={state} labels={tagLabels("submission")} />
);

export const RectificationTag = ({ status }: { status: RectificationStatus }) => (
  <StatusTag status={status} labels={tagLabels("rectification")} />
);

export const ResolutionTag = ({ status }: { status: string }) => (
  <StatusTag status={status} labels={tagLabels("resolution")} />
);

export const TodoKindTag = ({ kind }: { kind: string }) => <StatusTag status={kind} labels={tagLabels("todo")} />;

export const NodeKindTag = ({ kind }: { kind: NodeKind }) => (
  <Tag color={COLORS.kind[kind]} variant="outlined" style={{ marginInlineEnd: 4 }}>
    {label("kind", kind)}
  </Tag>
);

/** 85.5% from a completion the server gives as a number 0–100 (null: nothing reported). */
export function percentText(v: number | null | undefined): string {
  return v === null || v === undefined ? "—" : `${Math.round(v * 10) / 10}%`;
}
