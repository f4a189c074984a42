import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Descriptions, Form, Input, InputNumber, Radio, Select, Skeleton, Slider, Typography } from "antd";
import type { z } from "zod";
import type { ActivityRef, nodeDetailView, ReportView } from "../../../../contracts/plan-progress";
import type { TaskStatus } from "../../../../contracts/plans";
import { api } from "../../../app/api";
import { useAuth } from "../../../app/auth";
import { FormDrawer, FormErrorAlert, useServerForm } from "../../../app/components/FormDrawer";
import { t } from "../../../app/i18n";
import { sendOrQueue, useFormDraft } from "../../../app/outbox";
import { ActivityEvidenceField } from "../../activities/ActivityEvidence";
import { options } from "../labels";
import { defaultReportPeriod, nodeLabel, planKeys, refreshPlan, reportablePeriods, usePeriods } from "../planApi";
import { type Evidence, EvidenceField } from "./EvidenceField";
import { dueDate, periodName } from "./periods";

export type NodeDetail = z.infer<typeof nodeDetailView>;

export function useNodeDetail(planId: string, nodeId: string | null) {
  return useQuery({
    queryKey: planKeys.node(planId, nodeId ?? ""),
    queryFn: () => api.get<NodeDetail>(`/api/plans/${planId}/nodes/${nodeId}`),
    enabled: !!nodeId,
  });
}

type Values = {
  period?: string;
  status: TaskStatus;
  percent: number;
  narrative: string;
  metricValue: number | null;
  /** Evidence chosen or uploaded; sent as their ids (the server's field name, so its errors land here). */
  evidenceIds: Evidence[];
  /** 佐证活动: activity records cited, sent as their ids. */
  activityIds: ActivityRef[];
};

const f = (key: string) => t(`plans.report.fields.${key}`);

function valuesOf(report: ReportView | undefined, period: string | undefined, latest?: ReportView): Values {
  if (report)
    return {
      period,
      status: report.status,
      percent: report.percent,
      narrative: report.narrative,
      metricValue: report.metricValue,
      evidenceIds: report.evidence,
      activityIds: report.activities,
    };
  // A new period starts from where the unit last stood.
  return {
    period,
    status: latest?.status === "completed" ? "completed" : (latest?.status ?? "in_progress"),
    percent: latest?.percent ?? 0,
    narrative: "",
    metricValue: latest?.metricValue ?? null,
    evidenceIds: [],
    activityIds: [],
  };
}

/**
 * 报送进度: the caller's unit reports on one task for one period (status, percent, narrative, metric value,
 * evidence). Choosing a period already reported loads that report, and saving revises it. Mount with a key per
 * opening.
 */
export function ReportForm({
  open,
  planId,
  nodeId,
  period: initialPeriod,
  onClose,
  onSaved,
}: {
  open: boolean;
  planId: string;
  nodeId: string;
  period?: string;
  onClose: () => void;
  onSaved?: (r: ReportView) => void;
}) {
  const { me } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const { saving, error, run, clearError } = useServerForm(form);
  const periods = usePeriods(planId);
  const detail = useNodeDetail(planId, nodeId);
  const mine = (detail.data?.reports ?? []).filter((r) => r.orgId === me?.user.orgId);
  const latest = mine[0]; // reports come latest period first
  const period = Form.useWatch("period", form);
  const revising = mine.find((r) => r.period === period);
  const node = detail.data?.node;
  const ready = !!detail.data && !!periods.data;
  // Kept on the device while it is filled, and sent from the outbox if the network is gone (see app/outbox.ts).
  const draft = useFormDraft<Values>(form, ready && me ? `report.${me.user.id}.${nodeId}` : null);

  // The form mounts once the task and periods are known, starting on the requested period (or the latest begun).
  const startPeriod = initialPeriod ?? defaultReportPeriod(periods.data);
  const initial = valuesOf(
    mine.find((r) => r.period === startPeriod),
    startPeriod,
    latest,
  );

  const onValuesChange = (changed: Partial<Values>, all: Values) => {
    clearError();
    draft.save(changed, all);
    if (changed.period !== undefined)
      form.setFieldsValue(
        valuesOf(
          mine.find((r) => r.period === changed.period),
          changed.period,
          latest,
        ),
      );
    // Status and percent agree, as the server requires: 已完成 is 100%, 未启动 is 0%.
    if (changed.status === "completed") form.setFieldValue("percent", 100);
    if (changed.status === "not_started") form.setFieldValue("percent", 0);
    if (changed.percent === 100) form.setFieldValue("status", "completed");
    if (changed.percent !== undefined && changed.percent < 100 && form.getFieldValue("status") === "completed")
      form.setFieldValue("status", "in_progress");
  };

  const submit = (v: Values) =>
    run(async () => {
      const body = {
        period: v.period,
        status: v.status,
        percent: v.percent,
        narrative: (v.narrative ?? "").trim(),
        metricValue: v.metricValue ?? null,
        evidenceIds: v.evidenceIds.map((e) => e.id),
        activityIds: (v.activityIds ?? []).map((a) => a.id),
      };
      const sent = await sendOrQueue<ReportView>(
        t("plans.report.outboxLabel", {
          title: node?.title ?? "",
          period: periods.data?.find((p) => p.key === v.period)?.label ?? v.period ?? "",
        }),
        "POST",
        `/api/plans/${planId}/nodes/${nodeId}/reports`,
        body,
      );
      draft.clear();
      if (!sent.sent) {
        message.info(t("plans.report.queuedOffline"));
        onClose();
        return;
      }
      const saved = sent.result;
      message.success(
        t(revising ? "plans.report.revised" : "plans.report.submitted", {
          period: saved.periodLabel,
          title: saved.nodeTitle,
        }),
      );
      await refreshPlan(queryClient, planId);
      onSaved?.(saved);
    });

  const periodOptions = reportablePeriods(periods.data)
    .slice()
    .reverse()
    .map((p) => ({
      value: p.key,
      label: `${periodName(p.key)}${t("plans.report.periodDue", { date: dueDate(p.dueAt) })}${
        mine.some((r) => r.period === p.key) ? t("plans.report.periodDone") : ""
      }`,
    }));

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={t(revising ? "plans.report.reviseTitle" : "plans.report.title")}
      size={600}
      form={form}
      saving={saving}
      error={null}
      submitTestId="report-submit"
      submitDisabled={!ready}
      submitText={t(revising ? "plans.report.revise" : "plans.report.submit")}
    >
      {!ready ? (
        <Skeleton active />
      ) : (
        <>
          {node && (
            <Descriptions
              size="small"
              column={1}
              style={{ marginBottom: 16 }}
              items={[
                { key: "task", label: t("plans.report.task"), children: nodeLabel(node) },
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
              ]}
            />
          )}
          {revising && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={t("plans.report.revisingHint", { period: revising.periodLabel })}
            />
          )}
          <FormErrorAlert error={error} />
          <Form<Values>
            name="planReport"
            form={form}
            layout="vertical"
            onFinish={submit}
            onValuesChange={onValuesChange}
            initialValues={initial}
          >
            <Form.Item
              name="period"
              label={f("period")}
              rules={[{ required: true, message: t("common.select", { field: f("period") }) }]}
            >
              <Select options={periodOptions} data-testid="report-period" />
            </Form.Item>
            <Form.Item name="status" label={f("status")} rules={[{ required: true }]}>
              <Radio.Group options={options("taskStatus")} optionType="button" data-testid="report-status" />
            </Form.Item>
            <Form.Item label={f("percent")} required>
              <div style={{ display: "flex", alignItems: "center", gap: 16 }}>
                <Form.Item name="percent" noStyle>
                  <Slider min={0} max={100} style={{ flex: 1, marginInline: 6 }} />
                </Form.Item>
                <Form.Item name="percent" noStyle>
                  <InputNumber
                    min={0}
                    max={100}
                    precision={0}
                    suffix="%"
                    style={{ width: 110 }}
                    aria-label={f("percent")}
                    data-testid="report-percent"
                  />
                </Form.Item>
              </div>
            </Form.Item>
            <Form.Item name="narrative" label={f("narrative")}>
              <Input.TextArea
                maxLength={5000}
                showCount
                autoSize={{ minRows: 4, maxRows: 10 }}
                placeholder={t("plans.report.narrativePlaceholder")}
                data-testid="report-narrative"
              />
            </Form.Item>
            {node?.metricName && (
              <Form.Item name="metricValue" label={`${f("metricValue")}（${node.metricName}）`}>
                <InputNumber style={{ width: 200 }} suffix={node.metricUnit ?? undefined} />
              </Form.Item>
            )}
            <Form.Item name="evidenceIds" label={f("evidence")}>
              <EvidenceField tag={t("plans.report.evidenceTag")} />
            </Form.Item>
            <Form.Item name="activityIds" label={f("activities")}>
              <ActivityEvidenceField />
            </Form.Item>
          </Form>
          {node?.units.some((u) => u.orgId === me?.user.orgId && u.role === "lead") && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t("plans.report.leadHint")}
            </Typography.Text>
          )}
        </>
      )}
    </FormDrawer>
  );
}
