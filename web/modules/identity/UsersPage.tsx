import {
  CheckCircleOutlined,
  DownOutlined,
  KeyOutlined,
  PlusOutlined,
  SafetyCertificateOutlined,
  StopOutlined,
  UnlockOutlined,
} from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import type { MenuProps } from "antd";
import { App, Button, Divider, Dropdown, Space, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import type { User } from "../../../contracts/identity";
import { api } from "../../app/api";
import { useAuth } from "../../app/auth";
import { type ListColumn, type ListFilter, ListPage } from "../../app/components/ListPage";
import { formatTime } from "../../app/format";
import { t } from "../../app/i18n";
import { UserDetailDrawer, UserRoleTags, UserStatus, UserTotp } from "./UserDetailDrawer";
import { UserForm } from "./UserForm";
import { UserGrantModal } from "./UserGrantModal";
import { type OncePassword, UserPasswordModal } from "./UserPasswordModal";
import { USER_LIST_ID, useRoles } from "./UserRoles";

const label = (key: string) => t(`identity.users.fields.${key}`);

type Action = "disable" | "enable" | "resetPassword" | "resetAdminPassword" | "unlock" | "grant";

/**
 * 用户管理: users within the caller's data scope. Each row offers only the actions the server lists for it
 * (user.actions): 三员分立 decides them, e.g. the system admin edits and resets but never grants roles.
 */
export default function UsersPage() {
  const { can, me } = useAuth();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const { roles, allowed: rolesAllowed } = useRoles();
  const [detail, setDetail] = useState<User | null>(null);
  const [form, setForm] = useState<{ open: boolean; user: User | null; key: number }>({
    open: false,
    user: null,
    key: 0,
  });
  const [oncePassword, setOncePassword] = useState<OncePassword | null>(null);
  const [granting, setGranting] = useState<{ user: User | null; key: number }>({ user: null, key: 0 });

  const refreshList = () => queryClient.invalidateQueries({ queryKey: [USER_LIST_ID] });
  const openForm = (user: User | null) => setForm((f) => ({ open: true, user, key: f.key + 1 }));
  const closeForm = () => setForm((f) => ({ ...f, open: false }));

  const run = (user: User, action: Action) => {
    if (action === "grant") return setGranting((g) => ({ user, key: g.key + 1 }));
    const name = `${user.displayName}（${user.username}）`;
    const confirm = {
      disable: { title: "disable", hint: "disableHint", danger: true },
      enable: { title: "enable", hint: undefined, danger: false },
      resetPassword: { title: "resetPassword", hint: "resetHint", danger: true },
      resetAdminPassword: { title: "resetAdminPassword", hint: "resetAdminHint", danger: true },
      unlock: { title: "unlock", hint: "unlockHint", danger: false },
    }[action];
    modal.confirm({
      title: t(`identity.users.confirm.${confirm.title}`, { name }),
      content: confirm.hint ? t(`identity.users.confirm.${confirm.hint}`) : undefined,
      okText: t(`identity.users.actions.${action}`),
      okButtonProps: { danger: confirm.danger },
      cancelText: t("common.cancel"),
      onOk: async () => {
        try {
          if (action === "resetPassword" || action === "resetAdminPassword") {
            const path = action === "resetPassword" ? "reset-password" : "reset-admin-password";
            const r = await api.post<{ temporaryPassword: string; totpRequired: boolean }>(
              `/api/users/${user.id}/${path}`,
            );
            message.success(t("identity.users.messages.passwordReset", { name }));
            setOncePassword({
              kind: "reset",
              username: user.username,
              displayName: user.displayName,
              password: r.temporaryPassword,
              totpRequired: r.totpRequired,
            });
          } else {
            const saved = await api.post<User>(`/api/users/${user.id}/${action}`);
            const key = { disable: "disabled", enable: "enabled", unlock: "unlocked" }[action];
            message.success(t(`identity.users.messages.${key}`, { name }));
            if (detail?.id === user.id) setDetail(saved);
          }
          await refreshList();
        } catch (e) {
          message.error((e as Error).message);
        }
      },
    });
  };

  const moreItems = (user: User): MenuProps["items"] => {
    const items: NonNullable<MenuProps["items"]> = [];
    const may = (a: User["actions"][number]) => user.actions.includes(a);
    if (may("reset_password"))
      items.push({ key: "resetPassword", icon: <KeyOutlined />, label: t("identity.users.actions.resetPassword") });
    if (may("reset_admin_password"))
      items.push({
        key: "resetAdminPassword",
        icon: <KeyOutlined />,
        label: t("identity.users.actions.resetAdminPassword"),
      });
    if (may("unlock") && user.locked)
      items.push({ key: "unlock", icon: <UnlockOutlined />, label: t("identity.users.actions.unlock") });
    if (may("set_status"))
      items.push(
        user.status === "active"
          ? { key: "disable", icon: <StopOutlined />, label: t("identity.users.actions.disable"), danger: true }
          : { key: "enable", icon: <CheckCircleOutlined />, label: t("identity.users.actions.enable") },
      );
    return items;
  };

  const filters: ListFilter[] = useMemo(
    () => [
      {
        name: "q",
        label: t("common.keyword"),
        type: "text",
        placeholder: t("identity.users.filters.keywordPlaceholder"),
      },
      { name: "orgId", label: label("org"), type: "org" },
      { name: "regionCode", label: label("region"), type: "region" },
      {
        name: "status",
        label: label("status"),
        type: "select",
        options: [
          { value: "active", label: t("common.enabled") },
          { value: "disabled", label: t("common.disabled") },
        ],
      },
      ...(rolesAllowed
        ? [
            {
              name: "roleId",
              label: label("role"),
              type: "select" as const,
              options: roles.map((r) => ({ value: r.id, label: r.name })),
            },
          ]
        : []),
    ],
    [roles, rolesAllowed],
  );

  const columns: ListColumn<User>[] = [
    {
      key: "username",
      title: label("username"),
      dataIndex: "username",
      sortField: "username",
      fixed: "left",
      render: (v: string, user) => (
        <Space size={4}>
          <Typography.Link onClick={() => setDetail(user)} data-testid="user-name">
            {v}
          </Typography.Link>
          {user.id === me?.user.id && <Tag variant="filled">{t("identity.users.self")}</Tag>}
        </Space>
      ),
    },
    { key: "displayName", title: label("displayName"), dataIndex: "displayName", sortField: "displayName" },
    { key: "org", title: label("org"), dataIndex: "orgName" },
    { key: "region", title: label("region"), dataIndex: "regionName", render: (v: string) => v || "—" },
    { key: "phone", title: label("phone"), dataIndex: "phoneMasked", render: (v: string | null) => v ?? "—" },
    { key: "roles", title: label("roles"), render: (_: unknown, user) => <UserRoleTags user={user} /> },
    { key: "status", title: label("status"), render: (_: unknown, user) => <UserStatus user={user} /> },
    { key: "totp", title: label("totp"), render: (_: unknown, user) => <UserTotp enabled={user.totpEnabled} /> },
    {
      key: "lastLogin",
      title: label("lastLogin"),
      dataIndex: "lastLoginAt",
      sortField: "lastLoginAt",
      render: (v: string | null) =>
        v ? formatTime(v) : <Typography.Text type="secondary">{t("identity.users.neverLoggedIn")}</Typography.Text>,
    },
    {
      key: "createdAt",
      title: label("createdAt"),
      dataIndex: "createdAt",
      sortField: "createdAt",
      render: formatTime,
      defaultHidden: true,
    },
    {
      key: "actions",
      title: t("common.actions"),
      fixed: "right",
      render: (_: unknown, user) => {
        const more = moreItems(user) ?? [];
        return (
          <Space separator={<Divider orientation="vertical" />} size={0}>
            <Typography.Link onClick={() => setDetail(user)}>{t("identity.users.actions.detail")}</Typography.Link>
            {user.actions.includes("update") && (
              <Typography.Link onClick={() => openForm(user)} data-testid="user-edit">
                {t("identity.users.actions.edit")}
              </Typography.Link>
            )}
            {user.actions.includes("grant") && (
              <Typography.Link onClick={() => run(user, "grant")} data-testid="user-grant">
                <Space size={2}>
                  <SafetyCertificateOutlined />
                  {t("identity.users.actions.grant")}
                </Space>
              </Typography.Link>
            )}
            {more.length > 0 && (
              <Dropdown
                trigger={["click"]}
                menu={{ items: more, onClick: ({ key }) => run(user, key as Action) }}
                placement="bottomRight"
              >
                <Typography.Link data-testid="user-more">
                  <Space size={2}>
                    {t("identity.users.actions.more")}
                    <DownOutlined style={{ fontSize: 10 }} />
                  </Space>
                </Typography.Link>
              </Dropdown>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <ListPage<User>
        id={USER_LIST_ID}
        url="/api/users"
        title={t("identity.users.listTitle")}
        filters={filters}
        columns={columns}
        toolbar={
          can("user:create") && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => openForm(null)} data-testid="user-create">
              {t("identity.users.actions.create")}
            </Button>
          )
        }
      />

      <UserDetailDrawer
        user={detail}
        onClose={() => setDetail(null)}
        onEdit={(u) => {
          setDetail(null);
          openForm(u);
        }}
      />

      <UserForm
        key={form.key}
        open={form.open}
        user={form.user}
        onClose={closeForm}
        onCreated={(res) => {
          closeForm();
          refreshList();
          if (res.temporaryPassword)
            setOncePassword({
              kind: "created",
              username: res.user.username,
              displayName: res.user.displayName,
              password: res.temporaryPassword,
            });
        }}
        onUpdated={(u) => {
          closeForm();
          refreshList();
          if (detail?.id === u.id) setDetail(u);
        }}
      />

      <UserPasswordModal value={oncePassword} onClose={() => setOncePassword(null)} />

      <UserGrantModal
        key={granting.key}
        user={granting.user}
        onClose={() => setGranting((g) => ({ ...g, user: null }))}
        onSaved={(u) => {
          setGranting((g) => ({ ...g, user: null }));
          refreshList();
          if (detail?.id === u.id) setDetail(u);
        }}
      />
    </>
  );
}
