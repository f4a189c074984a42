import { Alert, Form, Input, Modal, Typography } from "antd";
import { type ReactNode, useState } from "react";
import { ApiError } from "../../../app/api";
import { t } from "../../../app/i18n";

export type TextAction = {
  title: string;
  hint?: ReactNode;
  /** The body field the server expects: reason (required), opinion or note (optional). */
  field: "reason" | "opinion" | "note";
  fieldLabel: string;
  required: boolean;
  placeholder?: string;
  okText: string;
  danger?: boolean;
  /** Sends the text; throws the server's error (its field errors land on the text box). */
  run: (text: string | undefined) => Promise<unknown>;
};

/**
 * One step of the flow that takes a few words: 推荐/受理 with an optional opinion, 退回/撤回/不予命名 with a required
 * reason, 审定 with an optional note. Mount with a new `key` for each opening.
 */
export function TextActionModal({ action, onClose }: { action: TextAction | null; onClose: () => void }) {
  const [form] = Form.useForm<{ text: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!action) return null;

  const submit = async ({ text }: { text: string }) => {
    setBusy(true);
    setError(null);
    try {
      await action.run(text?.trim() || undefined);
      onClose();
    } catch (e) {
      // The server names the body field (reason/opinion/note); here it is the one text box.
      const fieldError = e instanceof ApiError ? e.fields.find((f) => f.field === action.field) : undefined;
      if (fieldError) form.setFields([{ name: "text", errors: [fieldError.message] }]);
      else setError(e instanceof ApiError ? e.message : t("common.unknownError"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={action.title}
      okText={action.okText}
      cancelText={t("common.cancel")}
      okButtonProps={{ danger: action.danger, loading: busy }}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {action.hint && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          {action.hint}
        </Typography.Paragraph>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="action-error" />}
      <Form form={form} name="flowAction" layout="vertical" onFinish={submit} onValuesChange={() => setError(null)}>
        <Form.Item
          name="text"
          label={action.fieldLabel}
          rules={
            action.required
              ? [{ required: true, whitespace: true, message: t("common.required", { field: action.fieldLabel }) }]
              : []
          }
        >
          <Input.TextArea
            maxLength={1000}
            showCount
            autoSize={{ minRows: 3, maxRows: 8 }}
            placeholder={action.placeholder}
            data-testid="action-text"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
