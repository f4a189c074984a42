import { ArrowLeftOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Descriptions, Skeleton, Space, Tabs, Tag, Typography } from "antd";
import { useState } from "react";
import { useNavigate, useParams } from "react-router";
import type { ApplicationDetail } from "../../../../contracts/creation";
import { api } from "../../../app/api";
import { AuditPanel } from "../../../app/components/AuditPanel";
import { PrintButton } from "../../../app/components/PrintLayout";
import { formatTime } from "../../../app/format";
import { ApplicationActions } from "./ApplicationActions";
import {
  ContentPanel,
  EvaluationPanel,
  EventsPanel,
  NextSteps,
  ReviewChain,
  SelfPanel,
  StatusAlert,
} from "./ApplicationParts";
import { ApplicationStatusTag, KEYS, LevelTag, points, tf, useApplication } from "./shared";
import { type TextAction, TextActionModal } from "./TextActionModal";

const f = (key: string) => tf(`applications.fields.${key}`);
const d = (key: string, params?: Record<string, string | number>) => tf(`applications.detail.${key}`, params);

/** One application: who applied for what, where it stands in the chain, what each level said, and the scoring. */
export default function ApplicationDetailPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const query = useApplication(id);
  const [withdraw, setWithdraw] = useState<{ action: TextAction | null; key: number }>({ action: null, key: 0 });
  const app = query.data;

  const changed = (saved: ApplicationDetail) => {
    queryClient.setQueryData([KEYS.application, saved.id], saved);
    queryClient.invalidateQueries({ queryKey: [KEYS.applications] });
    queryClient.invalidateQueries({ queryKey: ["history"] });
  };

  if (query.isLoading)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  if (query.error || !app)
    return (
      <Card>
        <Alert
          type="error"
          showIcon
          title={d("loadFailed", { message: (query.error as Error | null)?.message ?? "" })}
          action={<Button onClick={() => navigate("/creation/applications")}>{tf("applications.actions.back")}</Button>}
        />
      </Card>
    );

  const withdrawExpert = (e: NonNullable<ApplicationDetail["experts"]>[number]) =>
    setWithdraw((s) => ({
      key: s.key + 1,
      action: {
        title: tf("applications.modals.withdrawExpertTitle", { name: e.name }),
        hint: tf("applications.modals.withdrawExpertHint"),
        field: "reason",
        fieldLabel: tf("applications.modals.reason"),
        required: true,
        okText: tf("applications.actions.withdrawExpert"),
        danger: true,
        run: async (reason) => {
          const saved = await api.post<ApplicationDetail>(
            `/api/creation/applications/${app.id}/experts/${e.userId}/withdraw`,
            { reason },
          );
          message.success(tf("applications.messages.expertWithdrawn"));
          changed(saved);
        },
      },
    }));

  const showEvaluation = app.experts !== null || app.result !== null || app.siteVisits.length > 0;
  const tabs = [
    { key: "content", label: d("content"), children: <ContentPanel app={app} /> },
    { key: "self", label: d("selfAssessment"), children: <SelfPanel app={app} /> },
    { key: "events", label: d("events"), children: <EventsPanel app={app} /> },
    ...(showEvaluation
      ? [
          {
            key: "evaluation",
            label: d("evaluation"),
            children: <EvaluationPanel app={app} onWithdrawExpert={app.can.manage ? withdrawExpert : undefined} />,
          },
        ]
      : []),
    {
      key: "history",
      label: d("history"),
      children: <AuditPanel url={`/api/creation/applications/${app.id}/history`} />,
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }} data-testid="application-detail">
      <Card
        title={
          <Space size={8} wrap style={{ rowGap: 4, padding: "8px 0" }}>
            <Button
              type="text"
              icon={<ArrowLeftOutlined />}
              aria-label={tf("applications.actions.back")}
              onClick={() => navigate("/creation/applications")}
            />
            <span style={{ whiteSpace: "normal" }}>{app.title || app.orgName}</span>
            <ApplicationStatusTag status={app.status} />
          </Space>
        }
        extra={<PrintButton to={`/creation/applications/${app.id}/print`} />}
      >
        <Space orientation="vertical" size={16} style={{ width: "100%" }}>
          <ApplicationActions app={app} onChanged={changed} />
          <StatusAlert app={app} />
          <NextSteps app={app} />
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2, xl: 3 }}
            items={[
              { key: "org", label: f("org"), children: app.orgName },
              { key: "batch", label: f("batch"), children: app.batchName },
              {
                key: "category",
                label: f("category"),
                children: (
                  <Space size={4}>
                    <Tag style={{ marginInlineEnd: 0 }}>{app.categoryLabel}</Tag>
                    <LevelTag level={app.level} />
                  </Space>
                ),
              },
              { key: "region", label: f("region"), children: app.regionName },
              { key: "submittedAt", label: f("submittedAt"), children: formatTime(app.submittedAt) },
              ...(app.reviewLevelName
                ? [{ key: "reviewLevel", label: f("reviewLevel"), children: app.reviewLevelName }]
                : []),
              ...(app.finalScore !== null
                ? [
                    {
                      key: "finalScore",
                      label: f("finalScore"),
                      children: (
                        <Typography.Text type={app.passed ? "success" : "danger"} strong>
                          {points(app.finalScore)}
                        </Typography.Text>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Space>
      </Card>

      <Card title={d("chain")} size="small">
        <ReviewChain app={app} />
      </Card>

      <Card size="small">
        <Tabs items={tabs} destroyOnHidden />
      </Card>

      <TextActionModal
        key={withdraw.key}
        action={withdraw.action}
        onClose={() => setWithdraw((s) => ({ ...s, action: null }))}
      />
    </Space>
  );
}
