import { Alert, App, Form } from "antd";
import type { PlanView } from "../../../../contracts/plans";
import { api } from "../../../app/api";
import { FormDrawer, useServerForm } from "../../../app/components/FormDrawer";
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
  const { saving, error, run, clearError } = useServerForm(form);

  const submit = (v: PlanMetaValues) =>
    run(async () => {
      const body = planMetaBody(v);
      const saved = plan
        ? await api.patch<PlanView>(`/api/plans/${plan.id}`, { ...body, regionCode: undefined })
        : await api.post<PlanView>("/api/plans", body);
      message.success(t(plan ? "plans.form.updated" : "plans.form.created", { title: saved.title }));
      onSaved(saved);
    });

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={t(plan ? "plans.form.editTitle" : "plans.form.createTitle")}
      size={640}
      form={form}
      saving={saving}
      error={error}
      submitTestId="plan-form-submit"
      intro={!plan && <Alert type="info" showIcon title={t("plans.form.createHint")} style={{ marginBottom: 16 }} />}
    >
      <Form<PlanMetaValues>
        name="planForm"
        form={form}
        layout="vertical"
        initialValues={initialValues(plan)}
        onFinish={submit}
        onValuesChange={clearError}
      >
        <PlanMetaFields withRegion={!plan} lockCycle={!!plan} />
      </Form>
    </FormDrawer>
  );
}
