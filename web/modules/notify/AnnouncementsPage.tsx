import { NotificationOutlined, PaperClipOutlined, PlusOutlined } from "@ant-design/icons";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  Alert,
  App,
  Badge,
  Button,
  Form,
  Input,
  Modal,
  Radio,
  Segmented,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useSearchParams } from "react-router";
import {
  ANNOUNCEMENT_AUDIENCE_LABELS,
  ANNOUNCEMENT_AUDIENCES,
  type AnnouncementCreate,
  type AnnouncementReceipt,
  type AnnouncementSummary,
} from "../../../contracts/notify";
import { api, download, type Page } from "../../app/api";
import { useAuth } from "../../app/auth";
import { DetailDrawer } from "../../app/components/DetailDrawer";
import { FormDrawer, useServerForm } from "../../app/components/FormDrawer";
import { type ListColumn, ListPage } from "../../app/components/ListPage";
import { formatTime } from "../../app/format";
import { MaterialPicker } from "../materials/MaterialPicker";
import { announcementKeys, useAnnouncement, usePublishAnnouncement, useWithdrawAnnouncement } from "./announcementApi";
import { notifyZh } from "./zh-CN";

const z = notifyZh.announcements;

/** 内部通知: what the user received (unread first in weight), and for publishers what their scope published. */
export default function AnnouncementsPage() {
  const { can } = useAuth();
  const publisher = can("announcement:publish");
  const [params, setParams] = useSearchParams();
  const box = params.get("box") === "managed" && publisher ? "managed" : "inbox";
  const openId = params.get("id");
  const [publishing, setPublishing] = useState(false);
  const open = (id: string | null) => {
    if (id) params.set("id", id);
    else params.delete("id");
    setParams(params);
  };
  const columns: ListColumn<AnnouncementSummary>[] = [
    {
      key: "title",
      title: z.fields.title,
      render: (_: unknown, a) => (
        <Space size={4} wrap>
          {box === "inbox" && !a.read && <Badge status="error" />}
          <Typography.Link
            strong={box === "inbox" && !a.read}
            onClick={() => open(a.id)}
            data-testid="announcement-title"
          >
            {a.title}
          </Typography.Link>
          {a.attachmentCount > 0 && (
            <PaperClipOutlined aria-label={z.attachmentCount.replace("{count}", String(a.attachmentCount))} />
          )}
        </Space>
      ),
    },
    { key: "org", title: z.fields.org, dataIndex: "orgName" },
    { key: "audience", title: z.fields.audience, dataIndex: "audienceLabel", defaultHidden: box === "inbox" },
    { key: "publishedAt", title: z.fields.publishedAt, dataIndex: "publishedAt", render: formatTime },
    {
      key: "status",
      title: z.fields.status,
      render: (_: unknown, a) =>
        a.withdrawnAt ? (
          <Tag>{z.withdrawn}</Tag>
        ) : box === "inbox" ? (
          a.read ? (
            <Tag color="default">{z.read}</Tag>
          ) : (
            <Tag color="red">{z.unread}</Tag>
          )
        ) : null,
    },
  ];
  const list = (
    <ListPage<AnnouncementSummary>
      key={box}
      id={`announcements-${box}`}
      url="/api/announcements"
      fixedQuery={{ box }}
      filters={[
        { name: "q", label: z.fields.title, type: "text" },
        ...(box === "inbox" ? [{ name: "unread", label: z.unreadOnly, type: "boolean" as const }] : []),
      ]}
      columns={columns}
      toolbar={
        publisher && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setPublishing(true)}
            data-testid="announcement-publish"
          >
            {z.publish}
          </Button>
        )
      }
    />
  );
  return (
    <>
      <Typography.Paragraph type="secondary">{z.subtitle}</Typography.Paragraph>
      {publisher ? (
        <Tabs
          activeKey={box}
          onChange={(k) => {
            params.set("box", k);
            setParams(params);
          }}
          items={[
            { key: "inbox", label: z.inbox, children: box === "inbox" ? list : null },
            { key: "managed", label: z.managed, children: box === "managed" ? list : null },
          ]}
        />
      ) : (
        list
      )}
      {openId && <AnnouncementDrawer id={openId} onClose={() => open(null)} />}
      {publishing && (
        <PublishForm
          onClose={() => setPublishing(false)}
          onPublished={(id) => {
            setPublishing(false);
            params.set("box", "managed");
            params.set("id", id);
            setParams(params);
          }}
        />
      )}
    </>
  );
}

function PublishForm({ onClose, onPublished }: { onClose: () => void; onPublished: (id: string) => void }) {
  const [form] = Form.useForm<AnnouncementCreate>();
  const { saving, error, run } = useServerForm(form);
  const publish = usePublishAnnouncement();
  const { message } = App.useApp();
  return (
    <FormDrawer
      open
      onClose={onClose}
      title={z.publish}
      form={form}
      saving={saving}
      error={error}
      submitText={z.publish}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ audience: "all", attachmentIds: [] }}
        onFinish={(v) =>
          run(async () => {
            const saved = await publish.mutateAsync({ ...v, attachmentIds: v.attachmentIds ?? [] });
            message.success(z.published);
            onPublished(saved.id);
          })
        }
      >
        <Form.Item name="title" label={z.fields.title} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} showCount />
        </Form.Item>
        <Form.Item name="audience" label={z.fields.audience} extra={z.audienceHint} rules={[{ required: true }]}>
          <Radio.Group
            options={ANNOUNCEMENT_AUDIENCES.map((a) => ({ value: a, label: ANNOUNCEMENT_AUDIENCE_LABELS[a] }))}
          />
        </Form.Item>
        <Form.Item name="body" label={z.fields.body} extra={z.bodyHint} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={10} maxLength={20_000} showCount />
        </Form.Item>
        <Form.Item name="attachmentIds" label={z.fields.attachmentIds}>
          <MaterialPicker maxCount={10} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

function AnnouncementDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const detail = useAnnouncement(id);
  const d = detail.data;
  const { message } = App.useApp();
  const withdraw = useWithdrawAnnouncement(id);
  const [asking, setAsking] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <DetailDrawer
      open
      onClose={onClose}
      title={
        <Space>
          <NotificationOutlined />
          {d?.title ?? "…"}
        </Space>
      }
      historyUrl={d?.receipts ? `/api/announcements/${id}/history` : undefined}
      extra={
        d?.canWithdraw && (
          <Button danger onClick={() => setAsking(true)}>
            {z.withdraw}
          </Button>
        )
      }
      items={
        d
          ? [
              { label: z.fields.org, value: d.orgName },
              { label: z.fields.publishedBy, value: d.publishedByName },
              { label: z.fields.publishedAt, value: formatTime(d.publishedAt) },
              { label: z.fields.audience, value: d.audienceLabel },
            ]
          : []
      }
    >
      {detail.error && <Alert type="error" showIcon title={(detail.error as Error).message} />}
      {d?.withdrawnAt && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={z.withdrawnAlert
            .replace("{time}", formatTime(d.withdrawnAt))
            .replace("{reason}", d.withdrawReason ?? "")}
        />
      )}
      {d && (
        <>
          <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginTop: 12 }} data-testid="announcement-body">
            {d.body}
          </Typography.Paragraph>
          {d.attachments.length > 0 && (
            <>
              <Typography.Title level={5}>{z.attachments}</Typography.Title>
              <ul>
                {d.attachments.map((m) => (
                  <li key={m.id}>
                    <Typography.Link
                      onClick={() =>
                        download(`/api/announcements/${id}/evidence/${m.id}/download`, undefined, m.fileName).catch(
                          (e) => message.error((e as Error).message),
                        )
                      }
                    >
                      {m.title}（{m.fileName}）
                    </Typography.Link>
                  </li>
                ))}
              </ul>
            </>
          )}
          {d.receipts && <Receipts id={id} totals={d.receipts} />}
        </>
      )}
      <Modal
        open={asking}
        title={z.withdraw}
        okText={z.withdraw}
        okButtonProps={{ danger: true }}
        confirmLoading={withdraw.isPending}
        onCancel={() => setAsking(false)}
        onOk={async () => {
          const { reason } = await form.validateFields();
          try {
            await withdraw.mutateAsync(reason);
            message.success(z.withdrawDone);
            setAsking(false);
          } catch (e) {
            message.error((e as Error).message);
          }
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={z.withdrawReason} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} maxLength={200} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </DetailDrawer>
  );
}

/** 阅读情况: read / all, and the names, filtered to 已读 or 未读. */
function Receipts({ id, totals }: { id: string; totals: { recipients: number; read: number } }) {
  const [which, setWhich] = useState<"unread" | "read">("unread");
  const [page, setPage] = useState(1);
  const q = { read: which === "read", page, pageSize: 10 };
  const receipts = useQuery({
    queryKey: announcementKeys.receipts(id, q),
    queryFn: () => api.get<Page<AnnouncementReceipt>>(`/api/announcements/${id}/receipts`, q),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {z.receipts}
        <Typography.Text
          type="secondary"
          style={{ marginLeft: 12, fontWeight: "normal" }}
          data-testid="receipts-summary"
        >
          {z.receiptsSummary.replace("{read}", String(totals.read)).replace("{recipients}", String(totals.recipients))}
        </Typography.Text>
      </Typography.Title>
      <Segmented
        value={which}
        onChange={(v) => {
          setWhich(v as "unread" | "read");
          setPage(1);
        }}
        options={[
          { value: "unread", label: z.unread },
          { value: "read", label: z.read },
        ]}
        style={{ marginBottom: 8 }}
      />
      <Table<AnnouncementReceipt>
        size="small"
        rowKey="userId"
        loading={receipts.isFetching}
        dataSource={receipts.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: 10,
          total: receipts.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          { key: "name", title: z.receiptColumns.name, dataIndex: "name" },
          { key: "org", title: z.receiptColumns.org, dataIndex: "orgName" },
          {
            key: "readAt",
            title: z.receiptColumns.readAt,
            dataIndex: "readAt",
            render: (v: string | null) => (v ? formatTime(v) : z.notRead),
          },
        ]}
      />
    </>
  );
}
