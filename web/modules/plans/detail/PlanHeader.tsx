import { DownloadOutlined, DownOutlined, EditOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Descriptions, Dropdown, Grid, Space, Tag, Typography } from "antd";
import { useState } from "react";
import type { PlanStatus, PlanView } from "../../../../contracts/plans";
import { api, download } from "../../../app/api";
import { useAuth } from "../../../app/auth";
import { formatTime } from "../../../app/format";
import { t } from "../../../app/i18n";
import { label, PlanStatusTag } from "../labels";
import { PlanForm } from "../list/PlanForm";
import { refreshPlan } from "../planApi";
import { periodName } from "../shared/periods";

const f = (key: string) => t(`plans.fields.${key}`);

/** The status moves the issuing department may make from each status (the server's state machine). */
const MOVES: Record<PlanStatus, { to: PlanStatus; key: string; primary?: boolean }[]> = {
  draft: [{ to: "active", key: "activate", primary: true }],
  active: [
    { to: "closed", key: "close" },
    { to: "draft", key: "toDraft" },
  ],
  closed: [{ to: "active", key: "reopen", primary: true }],
};

/** 下载: the generated 中期/总结评估报告 (.docx) and the data (.xlsx), for whoever sees the whole plan. */
function Downloads({ plan }: { plan: PlanView }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async (key: string) => {
    setBusy(true);
    try {
      if (key === "xlsx") await download(`/api/plans/${plan.id}/export`, undefined, `${plan.title}.xlsx`);
      else
        await download(
          `/api/plans/${plan.id}/evaluation-report`,
          { kind: key },
          `${plan.title}${t(`plans.labels.reportKind.${key}`)}.docx`,
        );
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dropdown
      trigger={["click"]}
      menu={{
        items: [
          { key: "midterm", label: t("plans.detail.downloadMidterm") },
          { key: "final", label: t("plans.detail.downloadFinal") },
          { key: "xlsx", label: t("plans.detail.downloadXlsx") },
        ],
        onClick: ({ key }) => run(key),
      }}
    >
      <Button icon={<DownloadOutlined />} loading={busy} data-testid="plan-downloads">
        <Space size={4}>
          {t("plans.detail.downloads")}
          <DownOutlined style={{ fontSize: 10 }} />
        </Space>
      </Button>
    </Dropdown>
  );
}

/** The plan's title, status and information, with what the caller may do to the whole plan. */
export function PlanHeader({ plan }: { plan: PlanView }) {
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ open: false, key: 0 });
  // On a phone the plan's particulars fold away so the tabs below start on the first screen.
  const narrow = !Grid.useBreakpoint().md;
  const [showInfo, setShowInfo] = useState(false);
  const manage = plan.access === "manage" && can("plan:manage");

  const move = (to: PlanStatus, key: string) =>
    modal.confirm({
      title: t(`plans.detail.confirm.${key}`, { title: plan.title }),
      content: t(`plans.detail.confirm.${key}Hint`),
      okText: t(`plans.detail.status.${key}`),
      cancelText: t("common.cancel"),
      onOk: async () => {
        try {
          await api.patch<PlanView>(`/api/plans/${plan.id}`, { status: to });
          message.success(t(`plans.detail.status.${key}Done`));
          await refreshPlan(queryClient, plan.id);
        } catch (e) {
          message.error({ content: (e as Error).message, duration: 6 });
        }
      },
    });

  const actions = (
    <Space wrap>
      {manage &&
        MOVES[plan.status].map((m) => (
          <Button
            key={m.key}
            type={m.primary ? "primary" : "default"}
            onClick={() => move(m.to, m.key)}
            data-testid={`plan-${m.key}`}
          >
            {t(`plans.detail.status.${m.key}`)}
          </Button>
        ))}
      {manage && (
        <Button icon={<EditOutlined />} onClick={() => setForm((s) => ({ open: true, key: s.key + 1 }))}>
          {t("plans.detail.editInfo")}
        </Button>
      )}
      {plan.access !== "unit" && can("plan:export") && <Downloads plan={plan} />}
    </Space>
  );

  return (
    <Card>
      <Space orientation="vertical" size={12} style={{ width: "100%" }}>
        <div style={{ display: "flex", flexWrap: "wrap", gap: 12, justifyContent: "space-between" }}>
          <Space size={8} wrap style={{ minWidth: 0 }}>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="plan-heading">
              {plan.title}
            </Typography.Title>
            <PlanStatusTag status={plan.status} />
            <Tag variant="outlined" color={plan.access === "manage" ? "red" : "blue"}>
              {label("access", plan.access)}
            </Tag>
          </Space>
          {actions}
        </div>
        {narrow && (
          <Typography.Link onClick={() => setShowInfo((v) => !v)} data-testid="plan-info-toggle">
            {t(showInfo ? "plans.detail.hideInfo" : "plans.detail.showInfo")}
          </Typography.Link>
        )}
        {(!narrow || showInfo) && (
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 3, xxl: 4 }}
            items={[
              { key: "docNumber", label: f("docNumber"), children: plan.docNumber || "—" },
              { key: "issuingOrg", label: f("issuingOrg"), children: plan.issuingOrgName },
              { key: "region", label: f("region"), children: plan.regionName },
              {
                key: "period",
                label: f("period"),
                children: t("plans.list.periodRange", { start: plan.periodStart, end: plan.periodEnd }),
              },
              { key: "cycle", label: f("cycle"), children: label("cycle", plan.cycle) },
              { key: "reportFrom", label: f("reportFrom"), children: periodName(plan.reportFrom) },
              {
                key: "deadline",
                label: f("deadlineRule"),
                children: t("plans.detail.deadlineRule", { grace: plan.graceDays, remind: plan.remindDays }),
              },
              {
                key: "counts",
                label: f("counts"),
                children: t("plans.detail.counts", {
                  chapters: plan.counts.chapters,
                  sections: plan.counts.sections,
                  columns: plan.counts.columns,
                  tasks: plan.counts.tasks,
                }),
              },
              ...(plan.sourceFileName
                ? [{ key: "source", label: f("sourceFileName"), children: plan.sourceFileName }]
                : []),
              { key: "updatedAt", label: t("common.updatedAt"), children: formatTime(plan.updatedAt) },
            ]}
          />
        )}
      </Space>
      <PlanForm
        key={form.key}
        open={form.open}
        plan={plan}
        onClose={() => setForm((s) => ({ ...s, open: false }))}
        onSaved={async () => {
          setForm((s) => ({ ...s, open: false }));
          await refreshPlan(queryClient, plan.id);
        }}
      />
    </Card>
  );
}
