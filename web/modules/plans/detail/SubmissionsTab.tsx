import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Segmented, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import type { z } from "zod";
import type { submissionPage } from "../../../../contracts/plan-progress";
import type { PlanView, SubmissionState } from "../../../../contracts/plans";
import { api } from "../../../app/api";
import { OrgPicker } from "../../../app/components/OrgPicker";
import { formatTime } from "../../../app/format";
import { t } from "../../../app/i18n";
import { label, percentText, SubmissionTag, TaskStatusTag } from "../labels";
import { nodeLabel, planKeys, reportablePeriods, usePeriods } from "../planApi";
import { dueDate } from "../shared/periods";

type SubmissionPage = z.infer<typeof submissionPage>;
type Row = SubmissionPage["items"][number];

const s = (key: string, params?: Record<string, string | number>) => t(`plans.submissions.${key}`, params);
const STATES: SubmissionState[] = ["on_time", "late", "missing", "pending"];

/**
 * 报送情况: for one period (by default the latest whose deadline has passed), every task × responsible unit and
 * whether it reported in time, late, not at all, or is not yet due. A unit sees its own rows and, on the tasks it
 * leads, its co-units'.
 */
export function SubmissionsTab({ plan }: { plan: PlanView }) {
  const periods = usePeriods(plan.id);
  const [period, setPeriod] = useState<string | undefined>();
  const [state, setState] = useState<SubmissionState | "all">("all");
  const [orgId, setOrgId] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const query = { period, state: state === "all" ? undefined : state, orgId, page, pageSize };
  const result = useQuery({
    queryKey: [...planKeys.submissions(plan.id), query],
    queryFn: () => api.get<SubmissionPage>(`/api/plans/${plan.id}/submissions`, query),
    placeholderData: keepPreviousData,
  });
  const data = result.data;
  const periodOptions = reportablePeriods(periods.data)
    .slice()
    .reverse()
    .map((p) => ({ value: p.key, label: p.label }));

  return (
    <Card>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 12, marginBottom: 12, alignItems: "center" }}>
        <Space wrap>
          <Typography.Text>{s("period")}</Typography.Text>
          <Select
            style={{ width: 200 }}
            value={period ?? data?.period}
            options={periodOptions}
            onChange={(v) => {
              setPeriod(v);
              setPage(1);
            }}
            aria-label={s("period")}
            data-testid="submissions-period"
          />
        </Space>
        {plan.access !== "unit" && (
          <Space wrap>
            <Typography.Text>{s("unit")}</Typography.Text>
            <OrgPicker
              value={orgId}
              onChange={(v) => {
                setOrgId(v);
                setPage(1);
              }}
              style={{ width: 240 }}
            />
          </Space>
        )}
        {data && <Typography.Text type="secondary">{s("due", { date: dueDate(data.dueAt) })}</Typography.Text>}
      </div>
      <div style={{ overflowX: "auto", marginBottom: 12 }}>
        <Segmented
          value={state}
          onChange={(v) => {
            setState(v as SubmissionState | "all");
            setPage(1);
          }}
          options={[
            { value: "all", label: s("all") },
            ...STATES.map((st) => ({
              value: st,
              label: `${label("submission", st)} ${data?.counts[st] ?? 0}`,
            })),
          ]}
          data-testid="submissions-state"
        />
      </div>
      {result.error ? (
        <Alert
          type="error"
          showIcon
          title={t("common.loadFailed", { message: (result.error as Error).message })}
          action={<Button onClick={() => result.refetch()}>{t("common.retry")}</Button>}
        />
      ) : (
        <Table<Row>
          rowKey={(row) => `${row.nodeId}:${row.orgId}`}
          size="small"
          loading={result.isFetching}
          dataSource={data?.items ?? []}
          scroll={{ x: 900 }}
          data-testid="submissions-table"
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (total) => t("common.total", { total }),
            onChange: (p, size) => {
              setPage(p);
              setPageSize(size);
            },
          }}
          columns={[
            {
              key: "task",
              title: s("task"),
              width: 300,
              render: (_, row) => nodeLabel({ number: row.nodeNumber, title: row.nodeTitle }),
            },
            {
              key: "org",
              title: s("unit"),
              width: 220,
              render: (_, row) => (
                <Space size={4} wrap>
                  {row.orgName}
                  {row.role === "lead" && <Tag color="red">{label("unitRole", "lead")}</Tag>}
                </Space>
              ),
            },
            { key: "state", title: s("state"), width: 110, render: (_, row) => <SubmissionTag state={row.state} /> },
            {
              key: "submittedAt",
              title: s("submittedAt"),
              width: 170,
              render: (_, row) => formatTime(row.submittedAt),
            },
            {
              key: "status",
              title: s("progress"),
              width: 160,
              render: (_, row) =>
                row.reportId ? (
                  <Space size={4}>
                    <TaskStatusTag status={row.status} />
                    {percentText(row.percent)}
                  </Space>
                ) : (
                  "—"
                ),
            },
          ]}
        />
      )}
    </Card>
  );
}
