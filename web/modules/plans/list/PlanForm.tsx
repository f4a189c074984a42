import { Alert, App, Button, Drawer, Form, Space } from "antd";
import { useState } from "react";
import type { PlanView } from "../../../../contracts/plans";
import { api } from "../../../app/api";
import { applyServerErrors } from "../../../app/components/serverErrors";
import { t } from "../../../app/i18n";
import { PlanMetaFields, type PlanMetaValues, planMetaBody } from "../PlanMetaFields";

function initialValues(plan: PlanView | null): PlanMetaValues {
  const year = new Date().getFullYear();
  return {
    title: plan?.title ?? "",
    docNumber: plan?.docNumber ?? "",
    periodStart: plan?.periodStart ?? year,
    periodEnd: plan?.periodEnd ?? year + 4,
    cycle: plan?.cycle ?? "quarterly",
    graceDays: plan?.graceDays ?? 10,
    remindDays: plan?.remindDays ?? 15,
    reportFrom: plan?.reportFrom ?? undefined,
  };
}

/**
 * 新建规划 (a draft whose task tree is then built by hand) or 修改规划信息. Mount with a new key per opening.
 * The region is chosen only when creating: a plan stays where it was issued.
 */
export function PlanForm({
  open,
  plan,
  onClose,
  onSaved,
}: {
  open: boolean;
  plan: PlanView | null;
  onClose: () => void;
  onSaved: (plan: PlanView) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<PlanMetaValues>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (v: PlanMetaValues) => {
    setSaving(true);
    setError(null);
    try {
      const body = planMetaBody(v);
      const saved = plan
        ? await api.patch<PlanView>(`/api/plans/${plan.id}`, { ...body, regionCode: undefined })
        : await api.post<PlanView>("/api/plans", body);
      message.success(t(plan ? "plans.form.updated" : "plans.form.created", { title: saved.title }));
      onSaved(saved);
    } catch (e) {
      setError(applyServerErrors(form, e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t(plan ? "plans.form.editTitle" : "plans.form.createTitle")}
      size={640}
      mask={{ closable: false }}
      footer={
        <Space style={{ display: "flex", justifyContent: "flex-end" }}>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="plan-form-submit">
            {t("common.save")}
          </Button>
        </Space>
      }
    >
      {!plan && <Alert type="info" showIcon title={t("plans.form.createHint")} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="form-error" />}
      <Form<PlanMetaValues>
        name="planForm"
        form={form}
        layout="vertical"
        initialValues={initialValues(plan)}
        onFinish={submit}
        onValuesChange={() => error && setError(null)}
      >
        <PlanMetaFields withRegion={!plan} lockCycle={!!plan} />
      </Form>
    </Drawer>
  );
}
