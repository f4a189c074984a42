import { ReloadOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Empty, Grid, Segmented, Space, Table, Tooltip, Typography } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router";
import type { z } from "zod";
import type { assignmentSchema } from "../../../../contracts/creation";
import { api } from "../../../app/api";
import { formatTime } from "../../../app/format";
import { t } from "../../../app/i18n";
import { ApplicationStatusTag, KEYS, LevelTag, NAME_WIDTH, SheetStatusTag, tf, today } from "./shared";

export type Assignment = z.infer<typeof assignmentSchema>;
type Tab = "pending" | "submitted" | "all";
const f = (key: string) => tf(`assignments.fields.${key}`);

export function useAssignments() {
  return useQuery({
    queryKey: [KEYS.assignments],
    queryFn: () => api.get<Assignment[]>("/api/creation/assignments"),
  });
}

/** 测评任务: an expert's assignments (a handful at a time, so one unpaged list), the pending ones first. */
export default function AssignmentsPage() {
  // Phones: no fixed columns, which would leave no room to scroll the rest.
  const wide = !!Grid.useBreakpoint().md;
  const navigate = useNavigate();
  const query = useAssignments();
  const [tab, setTab] = useState<Tab>("pending");
  const all = query.data ?? [];
  const count = (k: Tab) =>
    k === "all" ? all.length : all.filter((a) => (a.sheetStatus === "submitted") === (k === "submitted")).length;
  const rows = all.filter((a) => tab === "all" || (a.sheetStatus === "submitted") === (tab === "submitted"));
  const open = (a: Assignment) => navigate(`/creation/assignments/${a.applicationId}`);

  return (
    <Card
      title={tf("assignments.listTitle")}
      extra={
        <Tooltip title={t("common.refresh")}>
          <Button icon={<ReloadOutlined />} onClick={() => query.refetch()} aria-label={t("common.refresh")} />
        </Tooltip>
      }
    >
      <Space orientation="vertical" size={12} style={{ width: "100%" }}>
        <Typography.Text type="secondary">{tf("assignments.intro")}</Typography.Text>
        <Segmented<Tab>
          value={tab}
          onChange={setTab}
          options={(["pending", "submitted", "all"] as const).map((k) => ({
            value: k,
            label: `${tf(`assignments.tabs.${k}`)}（${count(k)}）`,
          }))}
        />
        {query.error ? (
          <Alert
            type="error"
            showIcon
            title={t("common.loadFailed", { message: (query.error as Error).message })}
            action={<Button onClick={() => query.refetch()}>{t("common.retry")}</Button>}
          />
        ) : (
          <Table<Assignment>
            rowKey="applicationId"
            size="middle"
            loading={query.isFetching}
            dataSource={rows}
            scroll={{ x: "max-content" }}
            pagination={rows.length > 20 ? { pageSize: 20, showTotal: (total) => t("common.total", { total }) } : false}
            locale={{ emptyText: <Empty description={tf("assignments.empty")} /> }}
            columns={[
              {
                key: "org",
                title: f("org"),
                fixed: wide ? "left" : undefined,
                width: NAME_WIDTH,
                render: (_, a) => (
                  <Space orientation="vertical" size={0}>
                    <Typography.Link onClick={() => open(a)} data-testid="assignment-org">
                      {a.orgName}
                    </Typography.Link>
                    {a.title && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {a.title}
                      </Typography.Text>
                    )}
                  </Space>
                ),
              },
              { key: "sheet", title: f("sheetStatus"), render: (_, a) => <SheetStatusTag status={a.sheetStatus} /> },
              { key: "category", title: f("category"), dataIndex: "categoryLabel" },
              { key: "level", title: f("level"), render: (_, a) => <LevelTag level={a.level} /> },
              { key: "region", title: f("region"), dataIndex: "regionName" },
              { key: "batch", title: f("batch"), dataIndex: "batchName" },
              {
                key: "deadline",
                title: f("deadline"),
                render: (_, a) =>
                  a.evaluationDeadline ? (
                    <Typography.Text
                      type={a.sheetStatus !== "submitted" && a.evaluationDeadline < today() ? "danger" : undefined}
                    >
                      {a.evaluationDeadline}
                    </Typography.Text>
                  ) : (
                    tf("none")
                  ),
              },
              { key: "status", title: f("status"), render: (_, a) => <ApplicationStatusTag status={a.status} /> },
              { key: "assignedAt", title: f("assignedAt"), render: (_, a) => formatTime(a.assignedAt) },
              {
                key: "actions",
                title: t("common.actions"),
                fixed: wide ? "right" : undefined,
                render: (_, a) => (
                  <Typography.Link onClick={() => open(a)}>
                    {tf(`assignments.actions.${a.sheetStatus === "submitted" ? "view" : "score"}`)}
                  </Typography.Link>
                ),
              },
            ]}
          />
        )}
      </Space>
    </Card>
  );
}
