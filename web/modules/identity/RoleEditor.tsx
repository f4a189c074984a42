import { CopyOutlined, DeleteOutlined, HistoryOutlined, LockOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Drawer,
  Form,
  Input,
  Popconfirm,
  Radio,
  Row,
  Space,
  Tag,
  Typography,
} from "antd";
import { type ReactNode, useState } from "react";
import {
  ADMIN_KIND_LABELS,
  DATA_SCOPE_LABELS,
  type DataScope,
  RESERVED_PERMISSIONS,
  type Role,
} from "../../../contracts/identity";
import { api } from "../../app/api";
import { AuditPanel } from "../../app/components/AuditPanel";
import { applyServerErrors } from "../../app/components/serverErrors";
import { t } from "../../app/i18n";
import { type PermissionGroup, RolePermissionMatrix } from "./RolePermissionMatrix";

type RoleForm = {
  code?: string;
  name: string;
  description?: string | null;
  dataScope: DataScope;
  permissions: string[];
};

const SCOPES = Object.keys(DATA_SCOPE_LABELS) as DataScope[];

/** Read-only value of a form field (built-in roles, viewers without role:manage). */
function PlainValue({ value, render }: { value?: unknown; render?: (v: unknown) => ReactNode }) {
  const empty = value === undefined || value === null || value === "";
  return (
    <Typography.Text style={{ whiteSpace: "pre-wrap" }}>
      {empty ? "—" : render ? render(value) : String(value)}
    </Typography.Text>
  );
}

/** Tags of a role: 三员 (admin kind) and 内置. */
export function RoleTags({ role }: { role: Pick<Role, "adminKind" | "builtin"> }) {
  return (
    <>
      {role.adminKind && (
        <Tag color="volcano" title={ADMIN_KIND_LABELS[role.adminKind as keyof typeof ADMIN_KIND_LABELS]}>
          {t("identity.roles.adminTag")}
        </Tag>
      )}
      {role.builtin && <Tag>{t("identity.roles.builtinTag")}</Tag>}
    </>
  );
}

/**
 * Shows and edits one role (or creates one when `role` is null): name, description, data scope and the
 * permission matrix. Built-in roles and users without role:manage see it read-only.
 */
export function RoleEditor({
  record: role,
  template,
  groups,
  canManage,
  onSaved,
  onDeleted,
  onCancelCreate,
  onCopy,
  onDirtyChange,
}: {
  record: Role | null;
  /** Starting values of a new role (复制为新角色). */
  template?: Partial<RoleForm>;
  groups: PermissionGroup[];
  canManage: boolean;
  onSaved: (role: Role) => void;
  onDeleted: () => void;
  onCancelCreate: () => void;
  onCopy: (role: Role) => void;
  onDirtyChange: (dirty: boolean) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<RoleForm>();
  const [historyOpen, setHistoryOpen] = useState(false);
  const creating = role === null;
  const readOnly = !canManage || !!role?.builtin;
  const scope = Form.useWatch("dataScope", form);
  const chosen = Form.useWatch("permissions", form) ?? [];

  const initialValues: RoleForm = role
    ? {
        name: role.name,
        description: role.description ?? "",
        dataScope: role.dataScope,
        permissions: role.permissions,
      }
    : {
        code: "",
        name: "",
        description: "",
        dataScope: "org",
        permissions: [],
        ...template,
      };

  const save = useMutation({
    mutationFn: (v: RoleForm) => {
      const body = {
        name: v.name,
        description: v.description?.trim() ? v.description.trim() : null,
        dataScope: v.dataScope,
        permissions: v.permissions,
      };
      return creating
        ? api.post<Role>("/api/roles", { ...body, code: v.code })
        : api.patch<Role>(`/api/roles/${role.id}`, body);
    },
    onSuccess: (saved) => {
      message.success(creating ? t("identity.roles.created") : t("common.saved"));
      onDirtyChange(false);
      onSaved(saved);
    },
    onError: (e) => {
      const rest = applyServerErrors(form, e);
      if (rest) message.error(rest);
    },
  });

  const remove = useMutation({
    mutationFn: () => api.delete(`/api/roles/${role?.id}`),
    onSuccess: () => {
      message.success(t("identity.roles.deleted"));
      onDirtyChange(false);
      onDeleted();
    },
    onError: (e) => message.error((e as Error).message),
  });

  const title = creating ? (
    t("identity.roles.createTitle")
  ) : (
    <Space size={4}>
      <span>{role.name}</span>
      <RoleTags role={role} />
    </Space>
  );

  const extra = !creating && (
    <Space>
      <Button icon={<HistoryOutlined />} onClick={() => setHistoryOpen(true)}>
        {t("common.history")}
      </Button>
      {canManage && (
        <Button icon={<CopyOutlined />} onClick={() => onCopy(role)}>
          {t("identity.roles.copy")}
        </Button>
      )}
      {canManage && !role.builtin && (
        <Popconfirm
          title={t("identity.roles.deleteConfirmTitle", { name: role.name })}
          description={
            role.userCount > 0
              ? t("identity.roles.deleteInUse", { count: role.userCount })
              : t("identity.roles.deleteConfirm")
          }
          okText={t("common.delete")}
          okButtonProps={{ danger: true }}
          onConfirm={() => remove.mutateAsync().catch(() => {})}
        >
          <Button danger icon={<DeleteOutlined />} loading={remove.isPending}>
            {t("common.delete")}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );

  return (
    <Card title={title} extra={extra} data-testid="role-editor">
      {role?.builtin && (
        <Alert
          type="info"
          showIcon
          icon={<LockOutlined />}
          style={{ marginBottom: 16 }}
          title={t("identity.roles.builtinReadOnly")}
          description={t("identity.roles.builtinReadOnlyWhy")}
        />
      )}
      {!canManage && !role?.builtin && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t("identity.roles.noManage")} />
      )}
      <Form<RoleForm>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onValuesChange={() => onDirtyChange(true)}
        onFinish={(v) => save.mutate(v)}
        requiredMark={!readOnly}
      >
        <Row gutter={16}>
          {creating && (
            <Col xs={24} md={12}>
              <Form.Item
                name="code"
                label={t("identity.roles.code")}
                extra={t("identity.roles.codeHelp")}
                rules={[
                  { required: true, message: t("common.required", { field: t("identity.roles.code") }) },
                  { pattern: /^[a-z][a-z0-9_]{1,31}$/, message: t("identity.roles.codeRule") },
                ]}
              >
                <Input maxLength={32} placeholder={t("identity.roles.codePlaceholder")} autoComplete="off" />
              </Form.Item>
            </Col>
          )}
          {!creating && !role.builtin && (
            <Col xs={24} md={12}>
              <Form.Item label={t("identity.roles.code")}>
                <Typography.Text code copyable={{ tooltips: false }}>
                  {role.code}
                </Typography.Text>
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t("identity.roles.name")}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t("common.required", { field: t("identity.roles.name") }),
                },
                { max: 30, message: t("identity.roles.nameMax") },
              ]}
            >
              {readOnly ? (
                <PlainValue />
              ) : (
                <Input maxLength={30} showCount placeholder={t("identity.roles.namePlaceholder")} />
              )}
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={t("identity.roles.description")} rules={[{ max: 200 }]}>
          {readOnly ? (
            <PlainValue />
          ) : (
            <Input.TextArea maxLength={200} showCount autoSize={{ minRows: 2, maxRows: 4 }} />
          )}
        </Form.Item>
        <Form.Item
          name="dataScope"
          label={t("identity.roles.dataScope")}
          extra={scope ? t(`identity.roles.scopeHelp.${scope}`) : undefined}
          rules={[{ required: true, message: t("common.select", { field: t("identity.roles.dataScope") }) }]}
        >
          {readOnly ? (
            <PlainValue render={(v) => <Tag color="blue">{DATA_SCOPE_LABELS[v as DataScope]}</Tag>} />
          ) : (
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={SCOPES.map((s) => ({ value: s, label: DATA_SCOPE_LABELS[s] }))}
            />
          )}
        </Form.Item>
        <Form.Item
          name="permissions"
          label={
            <Space>
              {t("identity.roles.permissions")}
              <Typography.Text type="secondary" style={{ fontWeight: "normal" }}>
                {t("identity.roles.permissionCount", { count: chosen.length })}
              </Typography.Text>
            </Space>
          }
          extra={!readOnly ? t("identity.roles.reservedHelp") : undefined}
        >
          <RolePermissionMatrix groups={groups} readOnly={readOnly} lockReserved={!role?.builtin} />
        </Form.Item>
        {!readOnly && (
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {creating ? t("identity.roles.createSubmit") : t("common.save")}
            </Button>
            {creating ? (
              <Button onClick={onCancelCreate}>{t("common.cancel")}</Button>
            ) : (
              <Button
                onClick={() => {
                  form.resetFields();
                  onDirtyChange(false);
                }}
              >
                {t("identity.roles.undo")}
              </Button>
            )}
          </Space>
        )}
      </Form>
      {role && (
        <Drawer
          open={historyOpen}
          onClose={() => setHistoryOpen(false)}
          title={t("identity.roles.historyTitle", { name: role.name })}
          size={560}
          destroyOnHidden
        >
          <AuditPanel url={`/api/roles/${role.id}/history`} />
        </Drawer>
      )}
    </Card>
  );
}

/** Permissions a custom role may carry (三员专属 ones dropped), for 复制为新角色. */
export function copyablePermissions(permissions: string[]): string[] {
  return permissions.filter((p) => !Object.hasOwn(RESERVED_PERMISSIONS, p));
}
