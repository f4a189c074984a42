import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Form, Input, Select, Typography } from "antd";
import type { ApplicationDetail } from "../../../../contracts/creation";
import { api } from "../../../app/api";
import { FormDrawer, useServerForm } from "../../../app/components/FormDrawer";
import { t } from "../../../app/i18n";
import { MaterialPicker } from "../../materials/MaterialPicker";
import { KEYS, levelLabel, tf, useApplicableBatches, useCategories } from "./shared";

type Values = {
  batchId: string | undefined;
  category: string | undefined;
  title: string;
  statement: string;
  evidenceIds: string[];
};

const label = (key: string) => tf(`applications.fields.${key}`);
const EVIDENCE_MAX = 100;

/**
 * A unit fills in its application (草稿) or edits it while it is a draft or returned: batch and category
 * first (fixed once created), then the 创建工作总结 and evidence from the material library. Mount with a new
 * `key` for each opening.
 */
export function ApplicationForm({
  open,
  application,
  batchId,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** null: a new application. */
  application: ApplicationDetail | null;
  /** Preselected batch of a new application. */
  batchId?: string | null;
  onClose: () => void;
  onSaved: (saved: ApplicationDetail) => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const { saving, error, run, clearError } = useServerForm(form);
  const batches = useApplicableBatches(!application);
  const { labelOf } = useCategories();
  const chosenBatchId = Form.useWatch("batchId", form) as string | undefined;
  const batch = batches.data?.items.find((b) => b.id === chosenBatchId);

  const submit = (v: Values) =>
    run(async () => {
      const text = { title: v.title.trim() || undefined, statement: v.statement.trim(), evidenceIds: v.evidenceIds };
      const saved = application
        ? await api.patch<ApplicationDetail>(`/api/creation/applications/${application.id}`, text)
        : await api.post<ApplicationDetail>("/api/creation/applications", {
            batchId: v.batchId,
            category: v.category,
            ...text,
          });
      message.success(tf(application ? "applications.form.updated" : "applications.form.created"));
      queryClient.setQueryData([KEYS.application, saved.id], saved);
      queryClient.invalidateQueries({ queryKey: [KEYS.applications] });
      onSaved(saved);
    });

  const noBatches = !application && batches.isSuccess && batches.data.items.length === 0;

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={tf(application ? "applications.form.editTitle" : "applications.form.createTitle")}
      size={640}
      form={form}
      saving={saving}
      error={error}
      submitTestId="application-form-submit"
      submitDisabled={noBatches}
      intro={
        noBatches && (
          <Alert type="info" showIcon title={tf("applications.form.noBatches")} style={{ marginBottom: 16 }} />
        )
      }
    >
      <Form<Values>
        name="applicationForm"
        form={form}
        layout="vertical"
        initialValues={{
          batchId: application?.batchId ?? batchId ?? undefined,
          category: application?.category,
          title: application?.title ?? "",
          statement: application?.statement ?? "",
          evidenceIds: application?.evidence.map((m) => m.id) ?? [],
        }}
        onFinish={submit}
        onValuesChange={(changed) => {
          clearError();
          if ("batchId" in changed) form.setFieldValue("category", undefined);
        }}
        data-testid="application-form"
      >
        {application ? (
          <Form.Item label={label("batch")}>
            <Typography.Text>
              {application.batchName} · {application.categoryLabel}
            </Typography.Text>
          </Form.Item>
        ) : (
          <>
            <Form.Item
              name="batchId"
              label={label("batch")}
              rules={[{ required: true, message: t("common.select", { field: label("batch") }) }]}
              extra={batch && tf("applications.form.batchDeadline", { date: batch.submitDeadline })}
            >
              <Select
                loading={batches.isLoading}
                placeholder={tf("applications.form.batchPlaceholder")}
                options={batches.data?.items.map((b) => ({
                  value: b.id,
                  label: `${b.name}（${levelLabel(b.level)}）`,
                }))}
                optionRender={(o) => <div style={{ whiteSpace: "normal" }}>{o.label}</div>}
                data-testid="application-batch"
              />
            </Form.Item>
            <Form.Item
              name="category"
              label={label("category")}
              rules={[{ required: true, message: t("common.select", { field: label("category") }) }]}
            >
              <Select
                disabled={!batch}
                placeholder={tf("applications.form.categoryPlaceholder")}
                options={batch?.categories.map((c) => ({ value: c, label: labelOf(c) })) ?? []}
                data-testid="application-category"
              />
            </Form.Item>
          </>
        )}
        <Form.Item name="title" label={label("title")}>
          <Input maxLength={100} placeholder={tf("applications.form.titlePlaceholder")} />
        </Form.Item>
        <Form.Item name="statement" label={label("statement")}>
          <Input.TextArea
            maxLength={10000}
            showCount
            autoSize={{ minRows: 6, maxRows: 16 }}
            placeholder={tf("applications.form.statementPlaceholder")}
          />
        </Form.Item>
        <Form.Item name="evidenceIds" label={label("evidenceIds")} extra={tf("applications.form.evidenceExtra")}>
          <MaterialPicker maxCount={EVIDENCE_MAX} data-testid="application-evidence" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
