import { Alert, App, Button, Col, Divider, Drawer, Form, Input, Row, Select, Space } from "antd";
import { useState } from "react";
import type { User } from "../../../contracts/identity";
import { api } from "../../app/api";
import { useAuth } from "../../app/auth";
import { OrgPicker } from "../../app/components/OrgPicker";
import { applyServerErrors } from "../../app/components/serverErrors";
import { t } from "../../app/i18n";
import { RoleOptionLabel, useRoles } from "./UserRoles";

type UserFormValues = {
  username: string;
  displayName: string;
  orgId: string | undefined;
  phone: string;
  roleIds: string[];
  password: string;
};

export type UserCreated = { user: User; temporaryPassword: string | null };

const label = (key: string) => t(`identity.users.fields.${key}`);
const requiredRule = (key: string, select = false) => ({
  required: true,
  whitespace: true,
  message: t(select ? "common.select" : "common.required", { field: label(key) }),
});

/**
 * Create or edit a user in a side drawer. Only changed fields are sent on edit, so an unchanged organization is
 * never re-checked. Roles are picked here only at creation and only by whoever may grant them (授权: the security
 * admin or a delegated admin); the system admin creates accounts without roles, and roles are changed later
 * through 授权. The server's field errors (用户名已存在, 三员分立 …) land on their fields.
 * Mount with a new `key` for each opening so the form starts fresh.
 */
export function UserForm({
  open,
  user,
  onClose,
  onCreated,
  onUpdated,
}: {
  open: boolean;
  user: User | null;
  onClose: () => void;
  onCreated: (result: UserCreated) => void;
  onUpdated: (user: User) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<UserFormValues>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const { roles, loading: rolesLoading, allowed: rolesAllowed } = useRoles();
  const { can } = useAuth();
  const mayGrant = can("user:grant");
  const initialRoleIds = user?.roles.map((r) => r.id) ?? [];

  const submit = async (v: UserFormValues) => {
    setSaving(true);
    setError(null);
    try {
      if (user) {
        const body: Record<string, unknown> = {};
        if (v.displayName.trim() !== user.displayName) body.displayName = v.displayName.trim();
        if (v.orgId && v.orgId !== user.orgId) body.orgId = v.orgId;
        if (v.phone.trim()) body.phone = v.phone.trim();
        const saved = await api.patch<User>(`/api/users/${user.id}`, body);
        message.success(t("identity.users.form.updated", { name: saved.displayName }));
        onUpdated(saved);
      } else {
        const res = await api.post<UserCreated>("/api/users", {
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          orgId: v.orgId,
          phone: v.phone.trim() || null,
          roleIds: mayGrant ? v.roleIds : [],
          ...(v.password ? { password: v.password } : {}),
        });
        message.success(t("identity.users.form.created", { name: res.user.displayName }));
        onCreated(res);
      }
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
      title={t(user ? "identity.users.form.editTitle" : "identity.users.form.createTitle")}
      size={640}
      mask={{ closable: false }}
      footer={
        <Space style={{ display: "flex", justifyContent: "flex-end" }}>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="user-form-submit">
            {t("common.save")}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="form-error" />}
      <Form<UserFormValues>
        name="userForm"
        form={form}
        layout="vertical"
        initialValues={{
          username: user?.username ?? "",
          displayName: user?.displayName ?? "",
          orgId: user?.orgId,
          phone: "",
          roleIds: initialRoleIds,
          password: "",
        }}
        onFinish={submit}
        onValuesChange={() => error && setError(null)}
        data-testid="user-form"
      >
        <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
          {t("identity.users.form.account")}
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="username"
              label={label("username")}
              rules={user ? [] : [requiredRule("username")]}
              extra={t("identity.users.extra.username")}
            >
              <Input
                maxLength={32}
                disabled={!!user}
                autoComplete="off"
                placeholder={t("identity.users.placeholders.username")}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="displayName" label={label("displayName")} rules={[requiredRule("displayName")]}>
              <Input maxLength={30} placeholder={t("identity.users.placeholders.displayName")} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="phone" label={label("phone")}>
              <Input
                maxLength={11}
                inputMode="numeric"
                autoComplete="off"
                placeholder={
                  user?.phoneMasked
                    ? t("identity.users.placeholders.phoneKeep", { masked: user.phoneMasked })
                    : t("identity.users.placeholders.phone")
                }
              />
            </Form.Item>
          </Col>
          {!user && (
            <Col xs={24} md={12}>
              <Form.Item name="password" label={label("password")} extra={t("identity.users.extra.password")}>
                <Input.Password autoComplete="new-password" placeholder={t("identity.users.placeholders.password")} />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Divider titlePlacement="start" plain>
          {t("identity.users.form.assignment")}
        </Divider>
        <Form.Item name="orgId" label={label("org")} rules={[requiredRule("org", true)]}>
          <OrgPicker placeholder={t("identity.users.placeholders.org")} valueName={user?.orgName} />
        </Form.Item>
        {!user && mayGrant && (
          <Form.Item
            name="roleIds"
            label={label("roles")}
            extra={rolesAllowed ? t("identity.users.extra.roles") : t("identity.users.extra.rolesUnavailable")}
          >
            <Select
              mode="multiple"
              allowClear
              disabled={!rolesAllowed}
              loading={rolesLoading}
              placeholder={t("identity.users.placeholders.roles")}
              optionFilterProp="label"
              options={roles.map((r) => ({ value: r.id, label: r.name, role: r }))}
              optionRender={(o) => <RoleOptionLabel role={o.data.role} />}
              data-testid="role-select"
            />
          </Form.Item>
        )}
        {!user && !mayGrant && (
          <Alert type="info" showIcon title={t("identity.users.extra.grantByOthers")} data-testid="grant-by-others" />
        )}
      </Form>
    </Drawer>
  );
}
