import { Alert, Button, Form, Input } from "antd";
import { useState } from "react";
import { api } from "../api";
import { t } from "../i18n";
import { applyServerErrors } from "./serverErrors";

/** Change one's own password; the server checks the policy and history and names the field on failure. */
export function PasswordChangeForm({ oldPassword, onDone }: { oldPassword?: string; onDone: (stage: string) => void }) {
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ oldPassword: oldPassword ?? "", newPassword: "", confirm: "" }}
      onFinish={async (v) => {
        setSaving(true);
        setError(null);
        try {
          const res = await api.post<{ stage: string }>("/api/auth/password", {
            oldPassword: v.oldPassword,
            newPassword: v.newPassword,
          });
          onDone(res.stage);
        } catch (e) {
          setError(applyServerErrors(form, e));
        } finally {
          setSaving(false);
        }
      }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form.Item
        name="oldPassword"
        label={t("auth.oldPassword")}
        hidden={!!oldPassword}
        rules={[{ required: true, message: t("common.required", { field: t("auth.oldPassword") }) }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t("auth.newPassword")}
        extra={t("auth.passwordRule")}
        rules={[{ required: true, message: t("common.required", { field: t("auth.newPassword") }) }]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t("auth.confirmPassword")}
        dependencies={["newPassword"]}
        rules={[
          { required: true, message: t("common.required", { field: t("auth.confirmPassword") }) },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              value === getFieldValue("newPassword")
                ? Promise.resolve()
                : Promise.reject(new Error(t("auth.passwordMismatch"))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving} block>
        {t("common.save")}
      </Button>
    </Form>
  );
}
