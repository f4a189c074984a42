import { EditOutlined, EyeOutlined, SafetyCertificateOutlined } from "@ant-design/icons";
import { App, Badge, Button, Space, Tag, Typography } from "antd";
import { type ReactNode, useState } from "react";
import type { User } from "../../../contracts/identity";
import { api } from "../../app/api";
import { useAuth } from "../../app/auth";
import { DetailDrawer } from "../../app/components/DetailDrawer";
import { StatusTag } from "../../app/components/StatusTag";
import { formatTime } from "../../app/format";
import { t } from "../../app/i18n";

const label = (key: string) => t(`identity.users.fields.${key}`);

export function UserRoleTags({ user }: { user: Pick<User, "roles"> }) {
  if (!user.roles.length) return <Typography.Text type="secondary">{t("identity.users.noRoles")}</Typography.Text>;
  return (
    <Space size={[4, 4]} wrap>
      {user.roles.map((r) => (
        <Tag key={r.id} color="geekblue" style={{ marginInlineEnd: 0 }}>
          {r.name}
        </Tag>
      ))}
    </Space>
  );
}

export function UserStatus({ user }: { user: Pick<User, "status" | "locked"> }) {
  return (
    <Space size={4}>
      <StatusTag status={user.status} />
      {user.locked && <StatusTag status="locked" />}
    </Space>
  );
}

export function UserTotp({ enabled }: { enabled: boolean }) {
  return enabled ? (
    <Badge status="success" text={t("identity.users.totpBound")} />
  ) : (
    <Badge status="default" text={t("identity.users.totpUnbound")} />
  );
}

/** The full phone number, fetched on request for users with user:reveal; the server records the access. */
function PhoneReveal({ user }: { user: User }) {
  const { can } = useAuth();
  const { message } = App.useApp();
  const [value, setValue] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  if (!user.phoneMasked)
    return <Typography.Text type="secondary">{t("identity.users.detail.noPhone")}</Typography.Text>;
  if (value)
    return (
      <Space size={6}>
        <Typography.Text copyable data-testid="phone-full">
          {value}
        </Typography.Text>
        <Tag icon={<SafetyCertificateOutlined />} color="orange">
          {t("identity.users.detail.revealed")}
        </Tag>
      </Space>
    );
  return (
    <Space orientation="vertical" size={2}>
      <Space size={8}>
        <span>{user.phoneMasked}</span>
        {can("user:reveal") && (
          <Button
            size="small"
            icon={<EyeOutlined />}
            loading={loading}
            data-testid="phone-reveal"
            onClick={async () => {
              setLoading(true);
              try {
                const r = await api.get<{ field: string; value: string | null }>(`/api/users/${user.id}/reveal`, {
                  field: "phone",
                });
                setValue(r.value ?? "—");
              } catch (e) {
                message.error((e as Error).message);
              } finally {
                setLoading(false);
              }
            }}
          >
            {t("identity.users.detail.reveal")}
          </Button>
        )}
      </Space>
      {can("user:reveal") && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("identity.users.detail.revealNote")}
        </Typography.Text>
      )}
    </Space>
  );
}

export function UserDetailDrawer({
  user,
  onClose,
  onEdit,
  actions,
}: {
  user: User | null;
  onClose: () => void;
  onEdit?: (user: User) => void;
  actions?: ReactNode;
}) {
  const items = user
    ? [
        { label: label("username"), value: user.username },
        { label: label("displayName"), value: user.displayName },
        { label: label("org"), value: user.orgName },
        {
          label: label("region"),
          value: (
            <Space size={6}>
              {user.regionName || "—"}
              <Typography.Text type="secondary">{user.regionCode}</Typography.Text>
            </Space>
          ),
        },
        { label: label("phone"), value: <PhoneReveal key={user.id} user={user} /> },
        { label: label("roles"), value: <UserRoleTags user={user} /> },
        { label: label("status"), value: <UserStatus user={user} /> },
        ...(user.lockedUntil ? [{ label: label("lockedUntil"), value: formatTime(user.lockedUntil) }] : []),
        { label: label("totp"), value: <UserTotp enabled={user.totpEnabled} /> },
        {
          label: label("lastLogin"),
          value: user.lastLoginAt ? formatTime(user.lastLoginAt) : t("identity.users.neverLoggedIn"),
        },
        { label: label("createdAt"), value: formatTime(user.createdAt) },
      ]
    : [];
  return (
    <DetailDrawer
      open={!!user}
      onClose={onClose}
      title={user ? `${t("identity.users.detail.title")} · ${user.displayName}` : ""}
      items={items}
      historyUrl={user ? `/api/users/${user.id}/history` : undefined}
      extra={
        user && (
          <Space>
            {actions}
            {onEdit && user.actions.includes("update") && (
              <Button icon={<EditOutlined />} onClick={() => onEdit(user)}>
                {t("identity.users.actions.edit")}
              </Button>
            )}
          </Space>
        )
      }
    />
  );
}
