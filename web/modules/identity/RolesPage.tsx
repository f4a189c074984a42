import { PlusOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Col, Empty, Row, Skeleton, Table, Tag, Typography } from "antd";
import { useRef, useState } from "react";
import { DATA_SCOPE_LABELS, type Role } from "../../../contracts/identity";
import { api } from "../../app/api";
import { useAuth } from "../../app/auth";
import { t } from "../../app/i18n";
import { copyablePermissions, RoleEditor, RoleTags } from "./RoleEditor";
import type { PermissionGroup } from "./RolePermissionMatrix";

type Selection = { kind: "role"; id: string } | { kind: "new"; template?: Partial<Role> };

/** 角色权限: the roles (built-in and custom) on the left, the selected role's data scope and permission matrix on the right. */
export default function RolesPage() {
  const { can } = useAuth();
  const { modal } = App.useApp();
  const qc = useQueryClient();
  const canManage = can("role:manage");
  const roles = useQuery({ queryKey: ["roles"], queryFn: () => api.get<Role[]>("/api/roles") });
  const groups = useQuery({
    queryKey: ["permissions"],
    queryFn: () => api.get<PermissionGroup[]>("/api/permissions"),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const [selection, setSelection] = useState<Selection | null>(null);
  const [editorKey, setEditorKey] = useState(0);
  const dirty = useRef(false);

  const list = roles.data ?? [];
  const current: Selection | null = selection ?? (list[0] ? { kind: "role", id: list[0].id } : null);
  const currentRole = current?.kind === "role" ? (list.find((r) => r.id === current.id) ?? null) : null;

  /** Switches the editor, asking first when there are unsaved changes. */
  const go = (next: Selection) => {
    const apply = () => {
      dirty.current = false;
      setSelection(next);
      setEditorKey((k) => k + 1);
    };
    if (!dirty.current) return apply();
    modal.confirm({
      title: t("identity.roles.discardTitle"),
      content: t("identity.roles.discardContent"),
      okText: t("identity.roles.discardOk"),
      cancelText: t("common.cancel"),
      onOk: apply,
    });
  };

  const refresh = () => qc.invalidateQueries({ queryKey: ["roles"] });

  const error = roles.error ?? groups.error;
  if (error) {
    return (
      <Card title={t("identity.roles.title")}>
        <Alert
          type="error"
          showIcon
          title={t("common.loadFailed", { message: (error as Error).message })}
          action={
            <Button
              onClick={() => {
                roles.refetch();
                groups.refetch();
              }}
            >
              {t("common.retry")}
            </Button>
          }
        />
      </Card>
    );
  }

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={10}>
        <Card
          title={t("identity.roles.listTitle")}
          extra={
            canManage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => go({ kind: "new" })}>
                {t("identity.roles.create")}
              </Button>
            )
          }
          styles={{ body: { padding: 0 } }}
        >
          <Table<Role>
            rowKey="id"
            size="middle"
            loading={roles.isLoading}
            dataSource={list}
            pagination={false}
            locale={{ emptyText: <Empty description={t("common.empty")} /> }}
            rowSelection={{
              type: "radio",
              columnWidth: 40,
              selectedRowKeys: current?.kind === "role" ? [current.id] : [],
              onChange: (keys) => keys[0] && go({ kind: "role", id: String(keys[0]) }),
            }}
            onRow={(r) => ({
              onClick: () =>
                current?.kind === "role" && current.id === r.id ? undefined : go({ kind: "role", id: r.id }),
              style: { cursor: "pointer" },
            })}
            columns={[
              {
                key: "name",
                title: t("identity.roles.name"),
                render: (_, r) => (
                  <div>
                    <Typography.Text strong>{r.name}</Typography.Text>
                    {r.description && (
                      <div>
                        <Typography.Text
                          type="secondary"
                          style={{ fontSize: 12 }}
                          ellipsis={{ tooltip: r.description }}
                        >
                          {r.description}
                        </Typography.Text>
                      </div>
                    )}
                  </div>
                ),
              },
              {
                key: "scope",
                title: t("identity.roles.dataScope"),
                dataIndex: "dataScope",
                render: (v: Role["dataScope"]) => DATA_SCOPE_LABELS[v],
              },
              {
                key: "tags",
                title: t("identity.roles.kind"),
                render: (_, r) =>
                  r.adminKind || r.builtin ? (
                    <RoleTags role={r} />
                  ) : (
                    <Tag color="blue">{t("identity.roles.customTag")}</Tag>
                  ),
              },
              {
                key: "userCount",
                title: t("identity.roles.userCount"),
                dataIndex: "userCount",
                align: "right",
                width: 72,
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={14}>
        {roles.isLoading || groups.isLoading || !groups.data ? (
          <Card>
            <Skeleton active paragraph={{ rows: 10 }} />
          </Card>
        ) : current?.kind === "new" ? (
          <RoleEditor
            key={`new-${editorKey}`}
            record={null}
            template={
              current.template
                ? {
                    name: t("identity.roles.copyName", { name: current.template.name ?? "" }),
                    description: current.template.description ?? "",
                    dataScope: current.template.dataScope,
                    permissions: copyablePermissions(current.template.permissions ?? []),
                  }
                : undefined
            }
            groups={groups.data}
            canManage={canManage}
            onDirtyChange={(d) => {
              dirty.current = d;
            }}
            onSaved={async (saved) => {
              await refresh();
              setSelection({ kind: "role", id: saved.id });
              setEditorKey((k) => k + 1);
            }}
            onDeleted={() => {}}
            onCancelCreate={() => {
              dirty.current = false;
              setSelection(null);
              setEditorKey((k) => k + 1);
            }}
            onCopy={() => {}}
          />
        ) : currentRole ? (
          <RoleEditor
            key={`${currentRole.id}-${editorKey}`}
            record={currentRole}
            groups={groups.data}
            canManage={canManage}
            onDirtyChange={(d) => {
              dirty.current = d;
            }}
            onSaved={async () => {
              await refresh();
              setEditorKey((k) => k + 1);
            }}
            onDeleted={async () => {
              setSelection(null);
              await refresh();
              setEditorKey((k) => k + 1);
            }}
            onCancelCreate={() => {}}
            onCopy={(r) => go({ kind: "new", template: r })}
          />
        ) : (
          <Card>
            <Empty description={t("identity.roles.pick")} />
          </Card>
        )}
      </Col>
    </Row>
  );
}
