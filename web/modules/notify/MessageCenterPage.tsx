import { Alert, Button, Card, List, Select, Space, Tabs, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { MESSAGE_SOURCES, type MessageView } from "../../../contracts/notify";
import { formatTime } from "../../app/format";
import { t } from "../../app/i18n";
import { NotifySettingsCard } from "./NotifySettingsCard";
import { useMarkRead, useMessages } from "./notifyApi";

type Tab = "all" | "unread" | "todo" | "event";
const PAGE_SIZE = 20;

function MessageItem({ m, onOpen, onRead }: { m: MessageView; onOpen: () => void; onRead: () => void }) {
  return (
    <List.Item
      data-testid="message-item"
      actions={
        m.read || m.resolved
          ? []
          : [
              <Button key="read" size="small" type="link" onClick={onRead}>
                {t("notify.markRead")}
              </Button>,
            ]
      }
    >
      <List.Item.Meta
        title={
          <Space size={6} wrap>
            {!m.read && !m.resolved && <Tag color="red">{t("notify.unread")}</Tag>}
            <Tag color="blue">{m.sourceLabel}</Tag>
            <Tag>{m.kindLabel}</Tag>
            {m.link ? (
              <Link to={m.link} onClick={onOpen} style={{ fontWeight: m.read ? undefined : 600 }}>
                {m.title}
              </Link>
            ) : (
              <Typography.Text strong={!m.read}>{m.title}</Typography.Text>
            )}
          </Space>
        }
        description={
          <Space size={12} wrap>
            {m.body && <span>{m.body}</span>}
            {m.dueOn && <span>{t("notify.due", { date: m.dueOn })}</span>}
            {m.overdue && <Tag color="error">{t("notify.overdue")}</Tag>}
            {m.resolved && <Tag color="success">{t("notify.resolved")}</Tag>}
            <span>{formatTime(m.createdAt)}</span>
          </Space>
        }
      />
    </List.Item>
  );
}

/** 消息中心: the caller's to-do reminders and event messages; opening one marks it read and goes to act on it. */
export default function MessageCenterPage() {
  const [tab, setTab] = useState<Tab>("all");
  const [page, setPage] = useState(1);
  const [source, setSource] = useState<string | undefined>();
  const q = useMessages({
    source,
    page,
    pageSize: PAGE_SIZE,
    unread: tab === "unread" ? true : undefined,
    category: tab === "todo" || tab === "event" ? tab : undefined,
  });
  const mark = useMarkRead();
  // The link navigates; the message is marked read on the way.
  const open = (m: MessageView) => {
    if (!m.read) mark.mutate(m.id);
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Card
        title={
          <Space wrap>
            <span>{t("notify.title")}</span>
            {q.data && <Tag color="red">{t("notify.unreadCount", { count: q.data.unread })}</Tag>}
          </Space>
        }
        extra={
          <Space wrap>
            <Select
              allowClear
              style={{ width: 140 }}
              placeholder={t("notify.sourceFilter")}
              value={source}
              onChange={(v) => {
                setSource(v);
                setPage(1);
              }}
              options={Object.entries(MESSAGE_SOURCES).map(([value, label]) => ({ value, label }))}
              data-testid="messages-source"
            />
            <Button
              disabled={!q.data?.unread}
              loading={mark.isPending}
              onClick={() => mark.mutate("all")}
              data-testid="messages-read-all"
            >
              {t("notify.readAll")}
            </Button>
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{t("notify.subtitle")}</Typography.Paragraph>
        <Tabs
          activeKey={tab}
          onChange={(k) => {
            setTab(k as Tab);
            setPage(1);
          }}
          items={(["all", "unread", "todo", "event"] as const).map((k) => ({ key: k, label: t(`notify.tabs.${k}`) }))}
        />
        {q.error ? (
          <Alert type="error" showIcon title={t("common.loadFailed", { message: (q.error as Error).message })} />
        ) : (
          <List<MessageView>
            loading={q.isLoading}
            dataSource={q.data?.items ?? []}
            locale={{ emptyText: t("notify.empty") }}
            rowKey="id"
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: q.data?.total ?? 0,
              onChange: setPage,
              hideOnSinglePage: true,
              showSizeChanger: false,
            }}
            renderItem={(m) => <MessageItem m={m} onOpen={() => open(m)} onRead={() => mark.mutate(m.id)} />}
          />
        )}
      </Card>
      <NotifySettingsCard />
    </Space>
  );
}
