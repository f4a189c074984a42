import { useQuery } from "@tanstack/react-query";
import { App, Button, Form, Input, Modal, Space, Typography } from "antd";
import { useState } from "react";
import type { NewsView } from "../../../contracts/content";
import { beijingDateTime } from "../../../contracts/dates";
import { api } from "../../app/api";
import { DetailDrawer } from "../../app/components/DetailDrawer";
import { FormErrorAlert, useServerForm } from "../../app/components/FormDrawer";
import { StatusTag } from "../../app/components/StatusTag";
import { NEWS_STATUS_TAGS } from "./labels";
import { NewsForm } from "./NewsForm";
import { contentZh } from "./zh-CN";

const z = contentZh.news;
type Action = "submit" | "publish" | "return" | "withdraw" | "revise";

function ReasonModal({
  action,
  onCancel,
  onDone,
}: {
  action: Action;
  onCancel: () => void;
  onDone: (r: string) => Promise<void>;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const { saving, error, run } = useServerForm(form);
  return (
    <Modal open title={z.actions[action]} onCancel={onCancel} confirmLoading={saving} onOk={() => form.submit()}>
      <FormErrorAlert error={error} />
      <Form form={form} layout="vertical" onFinish={(v) => run(() => onDone(v.reason))}>
        <Form.Item
          name="reason"
          label={z.actions.reason}
          rules={[{ required: true, min: 2 }]}
          extra={z.actions.reasonHint}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One article: its fields, the author's and the department's actions, 操作记录. */
export function NewsDrawer({ id, onClose, onChanged }: { id: string; onClose: () => void; onChanged: () => void }) {
  const { message } = App.useApp();
  const { data: n, refetch } = useQuery({
    queryKey: ["news", id],
    queryFn: () => api.get<NewsView>(`/api/news/${id}`),
  });
  const [editing, setEditing] = useState(false);
  const [asking, setAsking] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (action: Action, reason?: string) => {
    setBusy(true);
    try {
      await api.post(`/api/news/${id}/${action}`, reason ? { reason } : {});
      void message.success(z.actions.done.replace("{action}", z.actions[action]));
      setAsking(null);
      await refetch();
      onChanged();
    } finally {
      setBusy(false);
    }
  };
  const safeAct = (a: Action) => act(a).catch((e: Error) => message.error(e.message));
  if (!n) return null;
  const f = z.fields;
  const buttons = (
    <Space wrap>
      {n.canEdit && n.status === "draft" && <Button onClick={() => setEditing(true)}>{z.edit}</Button>}
      {n.canEdit && n.status === "draft" && (
        <Button type="primary" loading={busy} onClick={() => safeAct("submit")}>
          {z.actions.submit}
        </Button>
      )}
      {n.canReview && n.status === "submitted" && (
        <Button type="primary" loading={busy} onClick={() => safeAct("publish")}>
          {z.actions.publish}
        </Button>
      )}
      {n.canReview && n.status === "submitted" && (
        <Button onClick={() => setAsking("return")}>{z.actions.return}</Button>
      )}
      {n.canReview && n.status === "published" && (
        <Button danger onClick={() => setAsking("withdraw")}>
          {z.actions.withdraw}
        </Button>
      )}
      {n.canEdit && n.status === "withdrawn" && (
        <Button loading={busy} onClick={() => safeAct("revise")}>
          {z.actions.revise}
        </Button>
      )}
    </Space>
  );
  return (
    <>
      <DetailDrawer
        open
        onClose={onClose}
        title={n.title}
        extra={buttons}
        historyUrl={`/api/news/${id}/history`}
        items={[
          { label: f.status, value: <StatusTag status={n.status} labels={NEWS_STATUS_TAGS} /> },
          { label: f.category, value: n.categoryLabel },
          { label: f.org, value: `${n.orgName}（${n.regionName}）` },
          { label: f.author, value: n.authorName },
          { label: f.publishedAt, value: n.publishedAt ? beijingDateTime(n.publishedAt) : "—" },
          ...(n.returnReason ? [{ label: f.returnReason, value: n.returnReason }] : []),
          ...(n.withdrawReason ? [{ label: f.withdrawReason, value: n.withdrawReason }] : []),
          { label: f.summary, value: n.summary ?? "—" },
          {
            label: f.body,
            value: (
              <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginBottom: 0 }}>{n.body}</Typography.Paragraph>
            ),
          },
          ...(n.titleMn ? [{ label: z.shownMn.title, value: <span lang="mn-Mong">{n.titleMn}</span> }] : []),
          ...(n.bodyMn
            ? [
                {
                  label: z.shownMn.body,
                  value: (
                    <Typography.Paragraph lang="mn-Mong" style={{ whiteSpace: "pre-wrap", marginBottom: 0 }}>
                      {n.bodyMn}
                    </Typography.Paragraph>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <NewsForm
          news={n}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            void refetch();
            onChanged();
          }}
        />
      )}
      {asking && <ReasonModal action={asking} onCancel={() => setAsking(null)} onDone={(r) => act(asking, r)} />}
    </>
  );
}
