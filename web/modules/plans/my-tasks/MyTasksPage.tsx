import { FormOutlined } from "@ant-design/icons";
import { Divider, Drawer, Grid, Skeleton, Space, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { Link } from "react-router";
import type { z } from "zod";
import type { myTaskView } from "../../../../contracts/plan-progress";
import { useAuth } from "../../../app/auth";
import { type ListColumn, type ListFilter, ListPage } from "../../../app/components/ListPage";
import { formatDate, formatTime } from "../../../app/format";
import { t } from "../../../app/i18n";
import { label, options, percentText, TaskStatusTag } from "../labels";
import { nodeLabel, planKeys } from "../planApi";
import { periodName } from "../shared/periods";
import { ReportForm, useNodeDetail } from "../shared/ReportForm";
import { TaskReports } from "../shared/TaskReports";
import { TodoCard } from "./TodoCard";

type MyTask = z.infer<typeof myTaskView>;
const m = (key: string, params?: Record<string, string | number>) => t(`plans.myTasks.${key}`, params);

type Reporting = { planId: string; nodeId: string; period?: string; key: number };

/** One task with every report the unit may see on it (its co-units' too when it leads), each of its own revisable. */
function TaskDrawer({
  task,
  onClose,
  onReport,
}: {
  task: MyTask | null;
  onClose: () => void;
  onReport: (period?: string) => void;
}) {
  const { me, can } = useAuth();
  const detail = useNodeDetail(task?.planId ?? "", task?.nodeId ?? null);
  const node = detail.data?.node;
  return (
    <Drawer
      open={!!task}
      onClose={onClose}
      title={task ? nodeLabel(task) : ""}
      size={760}
      extra={
        can("plan:report") && (
          <Typography.Link onClick={() => onReport()} data-testid="task-drawer-report">
            <FormOutlined /> {m("report")}
          </Typography.Link>
        )
      }
    >
      {!node ? (
        <Skeleton active />
      ) : (
        <Space orientation="vertical" size={12} style={{ width: "100%" }}>
          <Typography.Text type="secondary">
            {task?.planTitle}
            {task?.chapterTitle ? ` · ${task.chapterTitle}` : ""}
          </Typography.Text>
          {node.text && (
            <Typography.Paragraph
              style={{ whiteSpace: "pre-wrap", margin: 0 }}
              ellipsis={{ rows: 5, expandable: true, symbol: t("plans.more") }}
            >
              {node.text}
            </Typography.Paragraph>
          )}
          <Space size={[6, 6]} wrap>
            {node.units.map((u) => (
              <Tag key={u.orgId} color={u.role === "lead" ? "red" : undefined}>
                {u.orgName}
                {u.role === "lead" ? `（${label("unitRole", "lead")}）` : ""}
              </Tag>
            ))}
          </Space>
          {task?.role === "lead" && <Typography.Text type="secondary">{m("leadSees")}</Typography.Text>}
          <Divider style={{ margin: "4px 0" }} />
          <TaskReports
            reports={detail.data?.reports ?? []}
            ownOrgId={me?.user.orgId}
            onRevise={can("plan:report") ? (r) => onReport(r.period) : undefined}
          />
        </Space>
      )}
    </Drawer>
  );
}

/**
 * 我的任务: the to-dos of the user's unit, then every task it carries across plans with its latest progress;
 * report a period's progress, see the reports (the lead unit sees its co-units'), and revise one.
 */
export default function MyTasksPage() {
  const { can } = useAuth();
  // On a phone the task (300 px) and action (150 px) columns cannot both stay fixed: the task cell covered the
  // 报送进度 link. There the table simply scrolls.
  const phone = Grid.useBreakpoint().md === false;
  const [viewing, setViewing] = useState<MyTask | null>(null);
  const [reporting, setReporting] = useState<Reporting | null>(null);
  const report = (planId: string, nodeId: string, period?: string) =>
    setReporting((r) => ({ planId, nodeId, period, key: (r?.key ?? 0) + 1 }));

  const filters: ListFilter[] = useMemo(
    () => [
      { name: "q", label: t("common.keyword"), type: "text", placeholder: m("keywordPlaceholder") },
      { name: "status", label: m("status"), type: "select", options: options("taskStatus") },
    ],
    [],
  );

  const columns: ListColumn<MyTask>[] = [
    {
      key: "task",
      title: m("task"),
      fixed: phone ? undefined : "left",
      width: phone ? 220 : 300,
      render: (_, task) => (
        <Space orientation="vertical" size={0}>
          <Typography.Link onClick={() => setViewing(task)} data-testid="my-task-title">
            {nodeLabel(task)}
          </Typography.Link>
          {task.chapterTitle && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {task.chapterTitle}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      key: "plan",
      title: m("plan"),
      width: 260,
      render: (_, task) => (
        <Link to={`/plans/${task.planId}`}>
          <Typography.Text style={{ color: "inherit", maxWidth: 240 }} ellipsis={{ tooltip: task.planTitle }}>
            {task.planTitle}
          </Typography.Text>
        </Link>
      ),
    },
    {
      key: "role",
      title: m("role"),
      width: 100,
      render: (_, task) => <Tag color={task.role === "lead" ? "red" : "default"}>{label("unitRole", task.role)}</Tag>,
    },
    {
      key: "status",
      title: m("status"),
      width: 150,
      render: (_, task) => (
        <Space size={4}>
          <TaskStatusTag status={task.status} />
          {task.percent !== null && percentText(task.percent)}
        </Space>
      ),
    },
    { key: "latestPeriod", title: m("latestPeriod"), width: 140, render: (_, task) => periodName(task.latestPeriod) },
    { key: "reportedAt", title: m("reportedAt"), width: 170, render: (_, task) => formatTime(task.reportedAt) },
    {
      key: "deadline",
      title: m("deadline"),
      width: 120,
      render: (_, task) => (task.deadline ? formatDate(task.deadline) : "—"),
      defaultHidden: true,
    },
    {
      key: "actions",
      title: t("common.actions"),
      fixed: phone ? undefined : "right",
      width: 150,
      render: (_, task) => (
        <Space size={12}>
          {can("plan:report") && (
            <Typography.Link onClick={() => report(task.planId, task.nodeId)} data-testid="my-task-report">
              {m("report")}
            </Typography.Link>
          )}
          <Typography.Link onClick={() => setViewing(task)}>{m("reports")}</Typography.Link>
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <TodoCard onReport={(todo) => todo.nodeId && report(todo.planId, todo.nodeId, todo.period ?? undefined)} />
      <ListPage<MyTask>
        id={planKeys.myTasks[0]}
        url="/api/plans/my-tasks"
        rowKey="nodeId"
        title={m("title")}
        filters={filters}
        columns={columns}
      />
      <TaskDrawer
        task={viewing}
        onClose={() => setViewing(null)}
        onReport={(period) => viewing && report(viewing.planId, viewing.nodeId, period)}
      />
      {reporting && (
        <ReportForm
          key={reporting.key}
          open
          planId={reporting.planId}
          nodeId={reporting.nodeId}
          period={reporting.period}
          onClose={() => setReporting(null)}
          onSaved={() => setReporting(null)}
        />
      )}
    </Space>
  );
}
