import { Button, List, Segmented, Space, Table, Tabs, Tag, Typography } from "antd";
import { useState } from "react";
import { ALERT_KIND_LABELS, type AlertView, type CaseSummary, RISK_LABELS } from "../../../contracts/disputes";
import { useAuth } from "../../app/auth";
import { CaseDetail } from "./CaseDetail";
import { useAlerts, useCases, useDisputeWrite } from "./disputesApi";

const when = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false }) : "—";
const KIND_COLOR: Record<AlertView["kind"], string> = {
  major_case: "red",
  overdue_case: "orange",
  missing_report: "gold",
  flagged_report: "purple",
};

/** The duty staff's alerts: 重大 cases, overdue cases, missing reports, doubtful "本期无"; sign for them, open the case. */
function Alerts({ onCase }: { onCase: (id: string) => void }) {
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState(true);
  const { me } = useAuth();
  const alerts = useAlerts({ page, open: open || undefined });
  const ack = useDisputeWrite("已签收");
  const mayHandle = me?.permissions.includes("disputes:handle");
  return (
    <>
      <Segmented
        style={{ marginBottom: 12 }}
        value={open ? "open" : "all"}
        onChange={(v) => {
          setOpen(v === "open");
          setPage(1);
        }}
        options={[
          { value: "open", label: "待签收" },
          { value: "all", label: "全部" },
        ]}
      />
      <List
        loading={alerts.isLoading}
        dataSource={alerts.data?.items ?? []}
        locale={{ emptyText: "暂无预警" }}
        pagination={{ current: page, total: alerts.data?.total ?? 0, pageSize: 20, onChange: setPage, size: "small" }}
        renderItem={(a) => (
          <List.Item
            data-testid="alert-item"
            actions={[
              a.caseId ? (
                <Button key="c" size="small" onClick={() => onCase(a.caseId as string)}>
                  查看案件
                </Button>
              ) : null,
              !a.ackAt && mayHandle ? (
                <Button
                  key="a"
                  size="small"
                  type="primary"
                  loading={ack.isPending && ack.variables?.url.includes(a.id)}
                  onClick={() => ack.mutate({ url: `/api/disputes/alerts/${a.id}/ack` })}
                >
                  签收
                </Button>
              ) : null,
            ].filter(Boolean)}
          >
            <List.Item.Meta
              title={
                <Space wrap size={4}>
                  <Tag color={KIND_COLOR[a.kind]}>{ALERT_KIND_LABELS[a.kind]}</Tag>
                  {a.caseCode ?? a.reportUnitName ?? ""}
                  {a.period ? `（${a.period}）` : ""}
                </Space>
              }
              description={
                <>
                  <div>{a.summary}</div>
                  <Typography.Text type="secondary">
                    报送至：{a.targetRegionName} · 时间：{when(a.createdAt)}
                    {a.dueAt ? ` · 时限：${when(a.dueAt)}` : ""}
                    {a.ackAt ? ` · 已签收 ${when(a.ackAt)}` : ""}
                  </Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
    </>
  );
}

/** Cases escalated to or through the caller's level. */
function Escalated({ onCase }: { onCase: (id: string) => void }) {
  const [page, setPage] = useState(1);
  const cases = useCases({ page, escalated: true });
  return (
    <Table<CaseSummary>
      rowKey="id"
      size="small"
      scroll={{ x: 640 }}
      loading={cases.isLoading}
      dataSource={cases.data?.items ?? []}
      onRow={(r) => ({ onClick: () => onCase(r.id), style: { cursor: "pointer" } })}
      pagination={{ current: page, total: cases.data?.total ?? 0, pageSize: 20, onChange: setPage }}
      columns={[
        { title: "编号", dataIndex: "code" },
        { title: "地点", dataIndex: "regionName" },
        { title: "类别", dataIndex: "categoryLabel" },
        { title: "风险", dataIndex: "riskLevel", render: (r: CaseSummary["riskLevel"]) => RISK_LABELS[r] },
        { title: "上报时间", dataIndex: "escalatedAt", render: when },
        { title: "责任单位", dataIndex: "orgName" },
      ]}
    />
  );
}

/** 预警与上报: the alerts to sign for and the escalated cases, each opening the case to act on it. */
export default function AlertsPage() {
  const [caseId, setCaseId] = useState<string | null>(null);
  return (
    <>
      <Tabs
        items={[
          { key: "alerts", label: "值班预警", children: <Alerts onCase={setCaseId} /> },
          { key: "escalated", label: "上报案件", children: <Escalated onCase={setCaseId} /> },
        ]}
      />
      <CaseDetail id={caseId} onClose={() => setCaseId(null)} />
    </>
  );
}
