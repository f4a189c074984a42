import { Alert, App, Form, Modal, Select, Typography } from "antd";
import { useState } from "react";
import type { User } from "../../../contracts/identity";
import { api } from "../../app/api";
import { useAuth } from "../../app/auth";
import { applyServerErrors } from "../../app/components/serverErrors";
import { t } from "../../app/i18n";
import { RoleOptionLabel, useRoles } from "./UserRoles";

/**
 * 授权: sets one user's roles (PUT /api/users/:id/roles). Offered by the security admin, or a delegated admin
 * within its own permissions; the server's refusals (三员分立, 超出本人权限) land on the field.
 * Mount with a new `key` for each opening so the form starts fresh.
 */
export function UserGrantModal({
  user,
  onClose,
  onSaved,
}: {
  user: User | null;
  onClose: () => void;
  onSaved: (user: User) => void;
}) {
  const { message } = App.useApp();
  const { me } = useAuth();
  const [form] = Form.useForm<{ roleIds: string[] }>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const { roles, loading } = useRoles();
  const delegated = !me?.roles.some((r) => r.adminKind === "security");
  const name = user ? `${user.displayName}（${user.username}）` : "";

  const submit = async (v: { roleIds: string[] }) => {
    if (!user) return;
    setSaving(true);
    setError(null);
    try {
      const saved = await api.put<User>(`/api/users/${user.id}/roles`, { roleIds: v.roleIds });
      message.success(t("identity.users.grant.saved", { name: saved.displayName }));
      onSaved(saved);
    } catch (e) {
      setError(applyServerErrors(form, e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={!!user}
      title={t("identity.users.grant.title", { name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      okButtonProps={{ "data-testid": "grant-submit" } as Record<`data-${string}`, string>}
      mask={{ closable: false }}
      width={560}
    >
      <Typography.Paragraph type="secondary">{t("identity.users.grant.intro")}</Typography.Paragraph>
      {delegated && <Typography.Paragraph type="secondary">{t("identity.users.grant.delegated")}</Typography.Paragraph>}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="form-error" />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ roleIds: user?.roles.map((r) => r.id) ?? [] }}
        onFinish={submit}
        onValuesChange={() => error && setError(null)}
        data-testid="grant-form"
      >
        <Form.Item name="roleIds" label={t("identity.users.fields.roles")}>
          <Select
            mode="multiple"
            allowClear
            loading={loading}
            placeholder={t("identity.users.placeholders.roles")}
            optionFilterProp="label"
            options={roles.map((r) => ({ value: r.id, label: r.name, role: r }))}
            optionRender={(o) => <RoleOptionLabel role={o.data.role} />}
            data-testid="grant-role-select"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
