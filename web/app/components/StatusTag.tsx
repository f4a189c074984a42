import { Tag } from "antd";

const PRESETS: Record<string, { color: string; label: string }> = {
  active: { color: "green", label: "启用" },
  disabled: { color: "default", label: "停用" },
  locked: { color: "red", label: "已锁定" },
  success: { color: "green", label: "成功" },
  failure: { color: "red", label: "失败" },
};

/** One look for statuses everywhere; modules pass their own labels and colours for their own states. */
export function StatusTag({
  status,
  labels,
}: {
  status: string;
  labels?: Record<string, { color: string; label: string }>;
}) {
  const p = labels?.[status] ?? PRESETS[status] ?? { color: "default", label: status };
  return <Tag color={p.color}>{p.label}</Tag>;
}
