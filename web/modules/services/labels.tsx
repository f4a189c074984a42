import { Tag } from "antd";
import dayjs from "dayjs";
import type { RequestStatus, RequestView } from "../../../contracts/services";

export const STATUS_COLORS: Record<RequestStatus, string> = {
  accepted: "blue",
  referred: "purple",
  received: "cyan",
  declined: "orange",
  answered: "green",
  closed: "default",
};

/** 绿色通道 (legal aid): marked wherever a request is shown. */
export function GreenTag({ green }: { green: boolean }) {
  return green ? <Tag color="green">绿色通道</Tag> : null;
}

/** The due mark: 已超期 in red, 今日到期 in orange, else the due date (working days, computed by the server). */
export function DueMark({ r }: { r: Pick<RequestView, "dueOn" | "acceptDueOn" | "overdue" | "status"> }) {
  if (r.overdue) return <Tag color="red">已超期</Tag>;
  if (!r.dueOn || r.status === "answered" || r.status === "closed") return <span>{r.dueOn ?? "—"}</span>;
  const today = dayjs().tz("Asia/Shanghai").format("YYYY-MM-DD");
  if (r.dueOn === today) return <Tag color="orange">今日到期</Tag>;
  return <span>{r.dueOn} 前答复</span>;
}

export function StatusTag({ r }: { r: Pick<RequestView, "status" | "statusLabel"> }) {
  return <Tag color={STATUS_COLORS[r.status]}>{r.statusLabel}</Tag>;
}
