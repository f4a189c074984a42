import {
  DeleteOutlined,
  DragOutlined,
  EditOutlined,
  FormOutlined,
  PlusOutlined,
  SplitCellsOutlined,
} from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Descriptions, Empty, Popconfirm, Space, Tag, Typography } from "antd";
import type { PlanNodeView, PlanView } from "../../../../contracts/plans";
import { api } from "../../../app/api";
import { useAuth } from "../../../app/auth";
import { formatDate, formatTime } from "../../../app/format";
import { t } from "../../../app/i18n";
import { label, NodeKindTag, percentText, TaskStatusTag } from "../labels";
import { nodeLabel, planKeys, refreshPlan } from "../planApi";
import { periodName } from "../shared/periods";
import { useNodeDetail } from "../shared/ReportForm";
import { TaskReports } from "../shared/TaskReports";

const f = (key: string) => t(`plans.node.fields.${key}`);

/** Each responsible unit with its role and latest report. */
function UnitsList({ node }: { node: PlanNodeView }) {
  if (node.units.length === 0) return <Typography.Text type="secondary">{t("plans.node.noUnits")}</Typography.Text>;
  return (
    <Space orientation="vertical" size={4} style={{ width: "100%" }}>
      {node.units.map((u) => (
        <div key={u.orgId} style={{ display: "flex", flexWrap: "wrap", gap: 6, alignItems: "center" }}>
          <Typography.Text strong={u.role === "lead"}>{u.orgName}</Typography.Text>
          {u.role === "lead" && <Tag color="red">{label("unitRole", "lead")}</Tag>}
          <TaskStatusTag status={u.status} />
          {u.percent !== null && <Typography.Text>{percentText(u.percent)}</Typography.Text>}
          {u.latestPeriod && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t("plans.node.latest", { period: periodName(u.latestPeriod), at: formatTime(u.reportedAt) })}
            </Typography.Text>
          )}
        </div>
      ))}
    </Space>
  );
}

export type NodeAction = "edit" | "add" | "split" | "move" | "report";

/**
 * The chosen node: what it says, who carries it and how far each unit has got, its reports, and the edits the
 * issuing department may make (edit, add below, split, move, delete). A unit reports on its own task from here.
 */
export function NodePanel({
  plan,
  node,
  onAction,
  onDeleted,
}: {
  plan: PlanView;
  node: PlanNodeView | null;
  onAction: (action: NodeAction, node: PlanNodeView, period?: string) => void;
  onDeleted: () => void;
}) {
  const { can, me } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const isTask = node?.kind === "task";
  const detail = useNodeDetail(plan.id, isTask && !node?.outlineOnly ? node.id : null);

  if (!node)
    return (
      <Card>
        <Empty description={t("plans.tree.pickNode")} />
      </Card>
    );

  const canEdit = plan.access === "manage" && can("plan:manage");
  const canReport = isTask && node.own && plan.status === "active" && can("plan:report");

  const remove = async () => {
    try {
      const res = await api.delete<{ plan: PlanView }>(`/api/plans/${plan.id}/nodes/${node.id}`);
      queryClient.setQueryData(planKeys.plan(plan.id), res.plan);
      await refreshPlan(queryClient, plan.id);
      message.success(t("plans.node.deleted", { label: nodeLabel(node) }));
      onDeleted();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const lead = node.units.find((u) => u.role === "lead");
  const items = [
    { key: "kind", label: f("kind"), children: label("kind", node.kind) },
    ...(node.text ? [{ key: "text", label: f("text"), children: <NodeText text={node.text} /> }] : []),
    ...(isTask && !node.outlineOnly
      ? [
          { key: "lead", label: f("lead"), children: lead?.orgName ?? "—" },
          { key: "units", label: f("units"), children: <UnitsList node={node} /> },
          { key: "weight", label: f("weight"), children: node.weight },
          {
            key: "deadline",
            label: f("deadline"),
            children: node.deadline ? formatDate(node.deadline) : t("plans.node.noDeadline"),
          },
          ...(node.milestones.length
            ? [
                {
                  key: "milestones",
                  label: f("milestones"),
                  children: (
                    <Space orientation="vertical" size={2}>
                      {node.milestones.map((m) => (
                        <span key={`${m.year}-${m.content}`}>
                          {t("plans.node.milestoneLine", {
                            year: m.year,
                            content: m.content,
                            percent: m.percent == null ? "" : t("plans.node.milestonePercent", { percent: m.percent }),
                          })}
                        </span>
                      ))}
                    </Space>
                  ),
                },
              ]
            : []),
          ...(node.metricName
            ? [
                {
                  key: "metric",
                  label: t("plans.node.metric"),
                  children: t("plans.node.metricText", {
                    name: node.metricName,
                    baseline: node.baseline ?? "—",
                    target: node.targetValue ?? "—",
                    unit: node.metricUnit ?? "",
                  }),
                },
              ]
            : []),
        ]
      : []),
  ];

  const actions = (
    <Space wrap size={[8, 8]}>
      {canReport && (
        <Button
          type="primary"
          icon={<FormOutlined />}
          onClick={() => onAction("report", node)}
          data-testid="node-report"
        >
          {t("plans.node.report")}
        </Button>
      )}
      {canEdit && (
        <>
          <Button icon={<EditOutlined />} onClick={() => onAction("edit", node)} data-testid="node-edit">
            {t("common.edit")}
          </Button>
          {node.kind !== "item" && (
            <Button icon={<PlusOutlined />} onClick={() => onAction("add", node)} data-testid="node-add-child">
              {t(isTask ? "plans.node.addItem" : "plans.node.addChild")}
            </Button>
          )}
          {isTask && (
            <Button icon={<SplitCellsOutlined />} onClick={() => onAction("split", node)} data-testid="node-split">
              {t("plans.node.split")}
            </Button>
          )}
          <Button icon={<DragOutlined />} onClick={() => onAction("move", node)} data-testid="node-move">
            {t("plans.node.move")}
          </Button>
          <Popconfirm
            title={t("plans.node.confirmDelete", { label: nodeLabel(node) })}
            description={<div style={{ maxWidth: 280 }}>{t("plans.node.confirmDeleteHint")}</div>}
            okText={t("common.delete")}
            cancelText={t("common.cancel")}
            okButtonProps={{ danger: true }}
            onConfirm={remove}
          >
            <Button danger icon={<DeleteOutlined />} data-testid="node-delete">
              {t("common.delete")}
            </Button>
          </Popconfirm>
        </>
      )}
    </Space>
  );

  return (
    <Card
      title={
        <Space size={4} style={{ whiteSpace: "normal" }}>
          <NodeKindTag kind={node.kind} />
          <span data-testid="node-title">{nodeLabel(node)}</span>
        </Space>
      }
      data-testid="node-panel"
    >
      <Space orientation="vertical" size={16} style={{ width: "100%" }}>
        {actions}
        <Descriptions
          size="small"
          column={1}
          bordered
          items={items}
          styles={{ label: { width: 96, whiteSpace: "nowrap" } }}
        />
        {isTask && !node.outlineOnly && (
          <div>
            <Typography.Title level={5}>{t("plans.node.reports")}</Typography.Title>
            <TaskReports
              reports={detail.data?.reports ?? []}
              ownOrgId={me?.user.orgId}
              onRevise={canReport ? (r) => onAction("report", node, r.period) : undefined}
            />
          </div>
        )}
      </Space>
    </Card>
  );
}

/** A node's text: long passages fold to a few lines. */
function NodeText({ text }: { text: string }) {
  return (
    <Typography.Paragraph
      style={{ margin: 0, whiteSpace: "pre-wrap" }}
      ellipsis={{ rows: 4, expandable: true, symbol: t("plans.more") }}
    >
      {text}
    </Typography.Paragraph>
  );
}
