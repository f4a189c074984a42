import { PlusOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Typography } from "antd";
import { useState } from "react";
import type { PolicyItem, PolicyView } from "../../../contracts/content";
import { api } from "../../app/api";
import { DetailDrawer } from "../../app/components/DetailDrawer";
import { type ListColumn, type ListFilter, ListPage } from "../../app/components/ListPage";
import { StatusTag } from "../../app/components/StatusTag";
import { LEVEL_OPTIONS, TOPIC_OPTIONS, VALIDITY_OPTIONS, VALIDITY_TAGS } from "./labels";
import { PolicyForm } from "./PolicyForm";
import { contentZh } from "./zh-CN";

const z = contentZh.policies;
const LIST = "content.policies";

function PolicyDrawer({ id, onClose, onChanged }: { id: string; onClose: () => void; onChanged: () => void }) {
  const { data: p, refetch } = useQuery({
    queryKey: ["policy", id],
    queryFn: () => api.get<PolicyView>(`/api/policies/${id}`),
  });
  const [editing, setEditing] = useState(false);
  if (!p) return null;
  const f = z.fields;
  return (
    <>
      <DetailDrawer
        open
        onClose={onClose}
        title={p.title}
        extra={<Button onClick={() => setEditing(true)}>{z.edit}</Button>}
        historyUrl={`/api/policies/${id}/history`}
        items={[
          { label: f.issuer, value: p.issuer },
          { label: f.docNumber, value: p.docNumber ?? "—" },
          { label: f.writtenOn, value: p.writtenOn ?? "—" },
          { label: f.publishedOn, value: p.publishedOn },
          { label: f.topic, value: p.topicLabel },
          { label: f.level, value: p.levelLabel },
          { label: f.validity, value: <StatusTag status={p.validity} labels={VALIDITY_TAGS} /> },
          ...(p.replacedByTitle ? [{ label: f.replacedById, value: p.replacedByTitle }] : []),
          { label: f.attachmentIds, value: p.attachments.map((a) => a.title).join("、") || "—" },
          {
            label: f.body,
            value: (
              <Typography.Paragraph
                style={{ whiteSpace: "pre-wrap", marginBottom: 0 }}
                ellipsis={{ rows: 12, expandable: true }}
              >
                {p.body}
              </Typography.Paragraph>
            ),
          },
        ]}
      />
      {editing && (
        <PolicyForm
          policy={p}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            void refetch();
            onChanged();
          }}
        />
      )}
    </>
  );
}

/** 政策法规: the documents the office has entered; entry with .docx text extraction. */
export default function PoliciesPage() {
  const qc = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: [LIST] });
  const f = z.fields;
  const filters: ListFilter[] = [
    { name: "q", label: "全文检索", type: "text", placeholder: "标题、文号或全文中的字词" },
    { name: "topic", label: f.topic, type: "select", options: TOPIC_OPTIONS },
    { name: "level", label: f.level, type: "select", options: LEVEL_OPTIONS },
    { name: "validity", label: f.validity, type: "select", options: VALIDITY_OPTIONS },
  ];
  const columns: ListColumn<PolicyItem>[] = [
    {
      key: "title",
      title: f.title,
      dataIndex: "title",
      sortField: "title",
      render: (title: string, p) => (
        <Button
          type="link"
          style={{ padding: 0, height: "auto", whiteSpace: "normal", textAlign: "left" }}
          onClick={() => setOpenId(p.id)}
        >
          {title}
        </Button>
      ),
    },
    { key: "issuer", title: f.issuer, dataIndex: "issuer" },
    { key: "docNumber", title: f.docNumber, dataIndex: "docNumber" },
    { key: "publishedOn", title: f.publishedOn, dataIndex: "publishedOn", sortField: "publishedOn" },
    { key: "topic", title: f.topic, dataIndex: "topicLabel" },
    { key: "level", title: f.level, dataIndex: "levelLabel" },
    {
      key: "validity",
      title: f.validity,
      render: (_: unknown, p) => <StatusTag status={p.validity} labels={VALIDITY_TAGS} />,
    },
  ];
  return (
    <>
      <ListPage<PolicyItem>
        id={LIST}
        url="/api/policies"
        columns={columns}
        filters={filters}
        toolbar={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {z.create}
          </Button>
        }
      />
      {creating && (
        <PolicyForm
          onClose={() => setCreating(false)}
          onSaved={() => {
            setCreating(false);
            refresh();
          }}
        />
      )}
      {openId && <PolicyDrawer id={openId} onClose={() => setOpenId(null)} onChanged={refresh} />}
    </>
  );
}
