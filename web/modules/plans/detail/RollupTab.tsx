import { ReloadOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Col, Empty, Row, Skeleton, Space, Statistic, Table, Tag, Typography } from "antd";
import { useState } from "react";
import type { RollupView } from "../../../../contracts/plan-progress";
import type { PlanView } from "../../../../contracts/plans";
import { api } from "../../../app/api";
import { formatTime } from "../../../app/format";
import { t } from "../../../app/i18n";
import { label, NodeKindTag } from "../labels";
import { nodeLabel, planKeys, useRollup } from "../planApi";
import { ProgressLine } from "../shared/ProgressLine";
import { periodName } from "../shared/periods";

const r = (key: string, params?: Record<string, string | number>) => t(`plans.rollup.${key}`, params);
type Chapter = RollupView["byChapter"][number];
type Unit = RollupView["byUnit"][number];
type Region = RollupView["byRegion"][number];
type Lagging = RollupView["lagging"][number];

/** The headline figures: completion against time progress, task standing, reporting and rectification. */
function Summary({ rollup }: { rollup: RollupView }) {
  const s = rollup.summary;
  const rect = s.rectifications;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={8}>
        <Card title={r("completion")} style={{ height: "100%" }}>
          <Statistic value={s.completion ?? 0} precision={1} suffix="%" data-testid="rollup-completion" />
          <div style={{ marginTop: 12 }}>
            <ProgressLine completion={s.completion} expected={s.expected} width="100%" />
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r("expectedLine", { expected: s.expected })}
          </Typography.Text>
        </Card>
      </Col>
      <Col xs={24} md={12} xl={8}>
        <Card title={r("tasks", { count: s.tasks })} style={{ height: "100%" }}>
          <Row gutter={[8, 8]}>
            <Col span={12}>
              <Statistic title={label("taskStatus", "completed")} value={s.completed} />
            </Col>
            <Col span={12}>
              <Statistic title={label("taskStatus", "in_progress")} value={s.inProgress} />
            </Col>
            <Col span={12}>
              <Statistic title={label("taskStatus", "not_started")} value={s.notStarted} />
            </Col>
            <Col span={12}>
              <Statistic
                title={label("taskStatus", "lagging")}
                value={s.lagging}
                styles={{ content: { color: s.lagging ? "#cf1322" : undefined } }}
                data-testid="rollup-lagging"
              />
            </Col>
          </Row>
        </Card>
      </Col>
      <Col xs={24} md={12} xl={8}>
        <Card title={r("reporting", { period: periodName(rollup.lastDuePeriod) })} style={{ height: "100%" }}>
          <Row gutter={[8, 8]}>
            <Col span={8}>
              <Statistic title={r("reported")} value={s.reported} data-testid="rollup-reported" />
            </Col>
            <Col span={8}>
              <Statistic title={r("lateReports")} value={s.lateReports} />
            </Col>
            <Col span={8}>
              <Statistic
                title={r("missing")}
                value={s.missing}
                styles={{ content: { color: s.missing ? "#cf1322" : undefined } }}
              />
            </Col>
            <Col span={24}>
              <Typography.Text type="secondary">
                {r("rectSummary", {
                  total: rect.total,
                  open: rect.open,
                  closed: rect.closed,
                  verified: rect.verified,
                  overdue: rect.overdue,
                  escalated: rect.escalated,
                })}
              </Typography.Text>
            </Col>
          </Row>
        </Card>
      </Col>
    </Row>
  );
}

/** Completion by chapter, section and 专栏, indented by depth; headings without tasks are left out. */
function ByChapter({ rollup }: { rollup: RollupView }) {
  const rows = rollup.byChapter.filter((c) => c.tasks > 0);
  return (
    <Table<Chapter>
      rowKey="nodeId"
      size="small"
      dataSource={rows}
      pagination={false}
      scroll={{ x: 760 }}
      data-testid="rollup-chapters"
      columns={[
        {
          key: "title",
          title: r("chapter"),
          render: (_, c) => (
            <div style={{ paddingInlineStart: c.depth * 20 }}>
              <NodeKindTag kind={c.kind} />
              <Typography.Text strong={c.depth === 0}>{nodeLabel(c)}</Typography.Text>
            </div>
          ),
        },
        { key: "tasks", title: r("taskCount"), dataIndex: "tasks", width: 80, align: "right" },
        { key: "weight", title: r("weight"), dataIndex: "weight", width: 80, align: "right" },
        {
          key: "completion",
          title: r("completionCol"),
          width: 240,
          render: (_, c) => <ProgressLine completion={c.completion} expected={rollup.summary.expected} />,
        },
        {
          key: "completed",
          title: label("taskStatus", "completed"),
          dataIndex: "completed",
          width: 80,
          align: "right",
        },
        {
          key: "lagging",
          title: label("taskStatus", "lagging"),
          dataIndex: "lagging",
          width: 80,
          align: "right",
          render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : 0),
        },
      ]}
    />
  );
}

function ByUnit({ rollup }: { rollup: RollupView }) {
  return (
    <Table<Unit>
      rowKey="orgId"
      size="small"
      dataSource={rollup.byUnit}
      pagination={rollup.byUnit.length > 20 ? { pageSize: 20, size: "small" } : false}
      scroll={{ x: 980 }}
      data-testid="rollup-units"
      columns={[
        { key: "org", title: r("unit"), dataIndex: "orgName", fixed: "left", width: 200 },
        {
          key: "tasks",
          title: r("unitTasks"),
          width: 110,
          render: (_, u) => r("tasksWithLead", { tasks: u.tasks, lead: u.leadTasks }),
        },
        {
          key: "completion",
          title: r("completionCol"),
          width: 220,
          render: (_, u) => <ProgressLine completion={u.completion} expected={rollup.summary.expected} />,
        },
        {
          key: "completed",
          title: label("taskStatus", "completed"),
          dataIndex: "completed",
          width: 70,
          align: "right",
        },
        {
          key: "lagging",
          title: label("taskStatus", "lagging"),
          dataIndex: "lagging",
          width: 70,
          align: "right",
          render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : 0),
        },
        { key: "reported", title: r("reported"), dataIndex: "reported", width: 80, align: "right" },
        { key: "late", title: r("lateReports"), dataIndex: "lateReports", width: 80, align: "right" },
        {
          key: "missing",
          title: r("missing"),
          dataIndex: "missing",
          width: 80,
          align: "right",
          render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : 0),
        },
        {
          key: "rect",
          title: r("rectifications"),
          width: 130,
          render: (_, u) =>
            u.rectificationsOpen || u.rectificationsOverdue ? (
              <Space size={4} wrap>
                {u.rectificationsOpen > 0 && <Tag>{r("rectOpen", { count: u.rectificationsOpen })}</Tag>}
                {u.rectificationsOverdue > 0 && (
                  <Tag color="error">{r("rectOverdue", { count: u.rectificationsOverdue })}</Tag>
                )}
              </Space>
            ) : (
              "—"
            ),
        },
      ]}
    />
  );
}

function ByRegion({ rollup }: { rollup: RollupView }) {
  return (
    <Table<Region>
      rowKey="regionCode"
      size="small"
      dataSource={rollup.byRegion}
      pagination={false}
      scroll={{ x: 600 }}
      columns={[
        { key: "region", title: r("region"), dataIndex: "regionName" },
        { key: "units", title: r("units"), dataIndex: "units", width: 90, align: "right" },
        { key: "tasks", title: r("assignments"), dataIndex: "tasks", width: 110, align: "right" },
        {
          key: "completion",
          title: r("completionCol"),
          width: 220,
          render: (_, g) => <ProgressLine completion={g.completion} expected={rollup.summary.expected} />,
        },
        { key: "lagging", title: label("taskStatus", "lagging"), dataIndex: "lagging", width: 80, align: "right" },
      ]}
    />
  );
}

function LaggingTasks({ rollup }: { rollup: RollupView }) {
  if (rollup.lagging.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={r("noLagging")} />;
  return (
    <Table<Lagging>
      rowKey="nodeId"
      size="small"
      dataSource={rollup.lagging}
      pagination={rollup.lagging.length > 10 ? { pageSize: 10, size: "small" } : false}
      scroll={{ x: 900 }}
      data-testid="rollup-lagging-tasks"
      columns={[
        {
          key: "task",
          title: r("task"),
          width: 280,
          render: (_, l) => (
            <Space orientation="vertical" size={0}>
              <Typography.Text>{nodeLabel(l)}</Typography.Text>
              {l.chapterTitle && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {l.chapterTitle}
                </Typography.Text>
              )}
            </Space>
          ),
        },
        {
          key: "completion",
          title: r("completionVsExpected"),
          width: 230,
          render: (_, l) => <ProgressLine completion={l.completion} expected={l.expected} />,
        },
        {
          key: "reasons",
          title: r("reasons"),
          width: 200,
          render: (_, l) => (
            <Space size={[4, 4]} wrap>
              {l.reasons.map((x) => (
                <Tag key={x} color={x === "status" ? "error" : "warning"}>
                  {label("lagReason", x)}
                </Tag>
              ))}
            </Space>
          ),
        },
        { key: "lead", title: r("lead"), dataIndex: "leadOrgName", width: 180, render: (v: string | null) => v ?? "—" },
        {
          key: "units",
          title: r("units"),
          dataIndex: "units",
          render: (v: string[]) => v.join("、"),
        },
      ]}
    />
  );
}

/**
 * 进度汇总: weighted completion of the whole plan, by chapter, by unit and by region, with the time progress
 * marked on every bar; lagging tasks and their reasons; late and missing reports; rectification counts. The server
 * reuses a roll-up computed in the last minute for the same plan revision; 重新计算 asks for a fresh one.
 */
export function RollupTab({ plan }: { plan: PlanView }) {
  const rollup = useRollup(plan.id);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [refreshing, setRefreshing] = useState(false);

  const recompute = async () => {
    setRefreshing(true);
    try {
      queryClient.setQueryData(
        planKeys.rollup(plan.id),
        await api.get<RollupView>(`/api/plans/${plan.id}/rollup`, { fresh: true }),
      );
      message.success(r("recomputed"));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setRefreshing(false);
    }
  };

  if (rollup.isLoading) return <Skeleton active />;
  if (rollup.error || !rollup.data)
    return (
      <Alert
        type="error"
        showIcon
        title={t("common.loadFailed", { message: (rollup.error as Error)?.message ?? "" })}
        action={<Button onClick={() => rollup.refetch()}>{t("common.retry")}</Button>}
      />
    );
  const data = rollup.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8, justifyContent: "space-between", alignItems: "center" }}>
        <Typography.Text type="secondary" data-testid="rollup-asof">
          {r("asOf", { time: formatTime(data.asOf) })}
        </Typography.Text>
        <Button icon={<ReloadOutlined />} loading={refreshing} onClick={recompute} data-testid="rollup-refresh">
          {r("recompute")}
        </Button>
      </div>
      <Summary rollup={data} />
      <Card title={r("byChapter")} extra={<Typography.Text type="secondary">{r("markHint")}</Typography.Text>}>
        <ByChapter rollup={data} />
      </Card>
      <Card title={r("laggingTitle", { count: data.lagging.length })}>
        <LaggingTasks rollup={data} />
      </Card>
      <Card title={r("byUnit")}>
        <ByUnit rollup={data} />
      </Card>
      <Card title={r("byRegion")}>
        <ByRegion rollup={data} />
      </Card>
    </Space>
  );
}
