import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Drawer, Popconfirm, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import type { JobKindRow, JobRunRow } from "../../../contracts/system";
import { api } from "../../app/api";
import { formatTime } from "../../app/format";
import { t } from "../../app/i18n";
import { systemKeys } from "./systemApi";

const j = (key: string, params?: Record<string, string | number>) => t(`system.jobs.${key}`, params);
type Overview = { alertThreshold: number; kinds: JobKindRow[] };

const every = (s: number | null) =>
  s === null ? j("onDemand") : s % 86_400 === 0 ? j("everyDays", { n: s / 86_400 }) : j("everyHours", { n: s / 3600 });

/** 定时任务 (system administrator): every background job kind, its last run and failures; run one now. */
export default function JobsPage() {
  const overview = useQuery({
    queryKey: systemKeys.jobs,
    queryFn: () => api.get<Overview>("/api/system/jobs"),
    refetchInterval: 10_000,
  });
  const [runsOf, setRunsOf] = useState<JobKindRow | null>(null);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const run = useMutation({
    mutationFn: (k: JobKindRow) => api.post(`/api/system/jobs/${k.kind}/run`),
    onSuccess: () => {
      message.success(j("queued"));
      return qc.invalidateQueries({ queryKey: systemKeys.jobs });
    },
    onError: (e) => message.error((e as Error).message),
  });
  const alerts = overview.data?.kinds.filter((k) => k.alert) ?? [];
  return (
    <Card title={j("title")}>
      <Typography.Paragraph type="secondary">{j("subtitle")}</Typography.Paragraph>
      {alerts.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={j("alert", { names: alerts.map((k) => k.name).join("、"), n: overview.data?.alertThreshold ?? 3 })}
        />
      )}
      <Table<JobKindRow>
        rowKey="kind"
        size="middle"
        loading={overview.isLoading}
        dataSource={overview.data?.kinds ?? []}
        pagination={false}
        scroll={{ x: 1000 }}
        columns={[
          {
            title: j("columns.name"),
            key: "name",
            width: 200,
            render: (_: unknown, k) => (
              <div>
                <div>{k.name}</div>
                <Typography.Text type="secondary">{k.kind}</Typography.Text>
              </div>
            ),
          },
          { title: j("columns.schedule"), dataIndex: "intervalSeconds", width: 110, render: every },
          {
            title: j("columns.lastRun"),
            dataIndex: "lastStartedAt",
            width: 170,
            render: (v: string | null) => (v ? formatTime(v) : "—"),
          },
          {
            title: j("columns.duration"),
            dataIndex: "lastDurationMs",
            width: 100,
            render: (v: number | null) => (v === null ? "—" : j("ms", { n: v })),
          },
          {
            title: j("columns.result"),
            key: "result",
            width: 260,
            render: (_: unknown, k) =>
              k.lastOk === null ? (
                "—"
              ) : k.lastOk ? (
                <Tag color="green">{j("ok")}</Tag>
              ) : (
                <Space direction="vertical" size={0}>
                  <Tag color="red">{j("failedInARow", { n: k.consecutiveFailures })}</Tag>
                  <Typography.Text type="danger">{k.lastError}</Typography.Text>
                </Space>
              ),
          },
          {
            title: j("columns.counts"),
            key: "counts",
            width: 130,
            render: (_: unknown, k) => j("counts", { runs: k.runs, failures: k.failures, queued: k.queued }),
          },
          {
            title: t("common.actions"),
            key: "actions",
            width: 170,
            render: (_: unknown, k) => (
              <Space size={0}>
                <Popconfirm title={j("runConfirm", { name: k.name })} onConfirm={() => run.mutate(k)}>
                  <Button type="link" size="small">
                    {j("run")}
                  </Button>
                </Popconfirm>
                <Button type="link" size="small" onClick={() => setRunsOf(k)}>
                  {j("runs")}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Drawer open={!!runsOf} title={runsOf?.name} onClose={() => setRunsOf(null)} size="large">
        {runsOf && <RecentRuns kind={runsOf.kind} />}
      </Drawer>
    </Card>
  );
}

function RecentRuns({ kind }: { kind: string }) {
  const runs = useQuery({
    queryKey: [...systemKeys.jobs, kind],
    queryFn: () => api.get<JobRunRow[]>(`/api/system/jobs/${kind}/runs`),
  });
  return (
    <Table<JobRunRow>
      rowKey="id"
      size="small"
      loading={runs.isLoading}
      dataSource={runs.data ?? []}
      pagination={false}
      columns={[
        { title: j("columns.runAt"), dataIndex: "runAt", width: 160, render: (v: string) => formatTime(v) },
        { title: j("columns.status"), dataIndex: "status", width: 90, render: (v: string) => j(`status.${v}`) },
        { title: j("columns.attempts"), dataIndex: "attempts", width: 70 },
        { title: j("columns.manual"), dataIndex: "manual", width: 80, render: (v: boolean) => (v ? j("manual") : "") },
        { title: j("columns.error"), dataIndex: "error", render: (v: string | null) => v ?? "" },
      ]}
    />
  );
}
