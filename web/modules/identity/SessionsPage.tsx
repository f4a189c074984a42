import { ReloadOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Empty, Input, Popconfirm, Space, Table, Tag, Tooltip, Typography } from "antd";
import dayjs from "dayjs";
import { useMemo, useState } from "react";
import type { z } from "zod";
import type { sessionSchema } from "../../../contracts/identity";
import { api } from "../../app/api";
import { formatTime } from "../../app/format";
import { t } from "../../app/i18n";
import { describeUserAgent } from "./SessionUserAgent";

type Session = z.infer<typeof sessionSchema>;

function ago(iso: string): string {
  const minutes = dayjs().diff(dayjs(iso), "minute");
  if (minutes < 1) return t("identity.sessions.justNow");
  if (minutes < 60) return t("identity.sessions.minutesAgo", { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t("identity.sessions.hoursAgo", { n: hours });
  return t("identity.sessions.daysAgo", { n: Math.floor(hours / 24) });
}

/** 在线会话 (security admin): who is signed in, from where, and a way to end a session. */
export default function SessionsPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [keyword, setKeyword] = useState("");
  const sessions = useQuery({
    queryKey: ["sessions"],
    queryFn: () => api.get<Session[]>("/api/sessions"),
    refetchInterval: 60_000,
  });
  const revoke = useMutation({
    mutationFn: (s: Session) => api.delete(`/api/sessions/${s.id}`),
    onSuccess: (_d, s) => {
      message.success(t("identity.sessions.revoked", { name: s.displayName }));
      qc.invalidateQueries({ queryKey: ["sessions"] });
    },
    onError: (e) => message.error((e as Error).message),
  });

  const uaLabels = {
    unknown: t("identity.sessions.uaUnknown"),
    wechat: t("identity.sessions.uaWechat"),
    headless: t("identity.sessions.uaHeadless"),
  };

  const rows = useMemo(() => {
    const q = keyword.trim().toLowerCase();
    const all = sessions.data ?? [];
    return q
      ? all.filter(
          (s) =>
            s.username.toLowerCase().includes(q) || s.displayName.toLowerCase().includes(q) || (s.ip ?? "").includes(q),
        )
      : all;
  }, [sessions.data, keyword]);

  return (
    <Card
      title={t("identity.sessions.title")}
      extra={
        <Space>
          <Input.Search
            allowClear
            placeholder={t("identity.sessions.searchPlaceholder")}
            aria-label={t("identity.sessions.searchPlaceholder")}
            onSearch={setKeyword}
            onChange={(e) => !e.target.value && setKeyword("")}
            style={{ width: 240 }}
            maxLength={50}
          />
          <Button icon={<ReloadOutlined />} onClick={() => sessions.refetch()} loading={sessions.isFetching}>
            {t("common.refresh")}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t("identity.sessions.intro")}</Typography.Paragraph>
      {sessions.error ? (
        <Alert
          type="error"
          showIcon
          title={t("common.loadFailed", { message: (sessions.error as Error).message })}
          action={<Button onClick={() => sessions.refetch()}>{t("common.retry")}</Button>}
        />
      ) : (
        <Table<Session>
          rowKey="id"
          size="middle"
          loading={sessions.isLoading}
          dataSource={rows}
          scroll={{ x: "max-content" }}
          locale={{ emptyText: <Empty description={t("identity.sessions.empty")} /> }}
          pagination={{
            defaultPageSize: 20,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => t("common.total", { total }),
          }}
          columns={[
            {
              key: "username",
              title: t("identity.sessions.username"),
              dataIndex: "username",
              sorter: (a, b) => a.username.localeCompare(b.username),
            },
            {
              key: "displayName",
              title: t("identity.sessions.displayName"),
              dataIndex: "displayName",
              render: (v: string, s) => (
                <Space size={4}>
                  {v}
                  {s.current && <Tag color="green">{t("identity.sessions.current")}</Tag>}
                </Space>
              ),
            },
            { key: "ip", title: t("identity.sessions.ip"), dataIndex: "ip", render: (v: string | null) => v ?? "—" },
            {
              key: "ua",
              title: t("identity.sessions.browser"),
              dataIndex: "userAgent",
              render: (v: string | null) => (
                <Tooltip title={v ?? undefined}>
                  <span>{describeUserAgent(v, uaLabels)}</span>
                </Tooltip>
              ),
            },
            {
              key: "createdAt",
              title: t("identity.sessions.createdAt"),
              dataIndex: "createdAt",
              render: (v: string) => formatTime(v),
              sorter: (a, b) => a.createdAt.localeCompare(b.createdAt),
            },
            {
              key: "lastSeenAt",
              title: t("identity.sessions.lastSeenAt"),
              dataIndex: "lastSeenAt",
              defaultSortOrder: "descend",
              sorter: (a, b) => a.lastSeenAt.localeCompare(b.lastSeenAt),
              render: (v: string) => (
                <Tooltip title={formatTime(v)}>
                  <span>{ago(v)}</span>
                </Tooltip>
              ),
            },
            {
              key: "actions",
              title: t("common.actions"),
              fixed: "right",
              render: (_, s) =>
                s.current ? (
                  <Tooltip title={t("identity.sessions.currentHint")}>
                    <Typography.Text type="secondary">{t("identity.sessions.currentTag")}</Typography.Text>
                  </Tooltip>
                ) : (
                  <Popconfirm
                    title={t("identity.sessions.revokeTitle")}
                    description={t("identity.sessions.revokeConfirm", { name: s.displayName, username: s.username })}
                    okText={t("identity.sessions.revoke")}
                    okButtonProps={{ danger: true }}
                    cancelText={t("common.cancel")}
                    onConfirm={() => revoke.mutateAsync(s).catch(() => {})}
                  >
                    <Button type="link" danger size="small" loading={revoke.isPending && revoke.variables?.id === s.id}>
                      {t("identity.sessions.revoke")}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      )}
    </Card>
  );
}
