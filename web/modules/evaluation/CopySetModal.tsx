import { Alert, App, Form, Input, Modal, Typography } from "antd";
import type { IndicatorSetSummary, IndicatorSetView } from "../../../contracts/evaluation";
import { api } from "../../app/api";
import { useServerForm } from "../../app/components/FormDrawer";
import { t } from "../../app/i18n";

/** Copies a set (usually a published one) to a new draft version with a new version label. */
export function CopySetModal({
  open,
  set,
  onClose,
  onCopied,
}: {
  open: boolean;
  set: IndicatorSetSummary;
  onClose: () => void;
  onCopied: (copy: IndicatorSetView) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ versionLabel: string }>();
  const { saving, error, run } = useServerForm(form);

  const submit = ({ versionLabel }: { versionLabel: string }) =>
    run(async () => {
      const copy = await api.post<IndicatorSetView>(`/api/indicator-sets/${set.id}/copy`, {
        versionLabel: versionLabel.trim(),
      });
      message.success(t("evaluation.messages.copied", { version: copy.versionLabel }));
      onCopied(copy);
    });

  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t("evaluation.copy.title")}
      okText={t("evaluation.copy.submit")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      onOk={() => form.submit()}
      okButtonProps={{ "data-testid": "copy-submit" }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t("evaluation.copy.hint", { name: set.name, version: set.versionLabel })}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} name="indicator-set-copy" layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item
          name="versionLabel"
          label={t("evaluation.copy.versionLabel")}
          rules={[{ required: true, whitespace: true, message: t("evaluation.form.versionRequired") }]}
        >
          <Input maxLength={30} placeholder={t("evaluation.form.versionPlaceholder")} data-testid="copy-version" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
