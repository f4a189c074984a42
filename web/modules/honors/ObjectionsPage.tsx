import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Input, Modal, Radio, Space } from "antd";
import { useState } from "react";
import {
  PUBLICITY_OBJECTION_STATUS_LABELS,
  PUBLICITY_OUTCOME_LABELS,
  type PublicityObjection,
  type PublicityOutcome,
} from "../../../contracts/publicity";
import { api } from "../../app/api";
import { DetailDrawer } from "../../app/components/DetailDrawer";
import { type ListColumn, type ListFilter, ListPage } from "../../app/components/ListPage";
import { StatusTag } from "../../app/components/StatusTag";
import { t } from "../../app/i18n";
import { honorKeys, refreshHonors, useCampaignOptions } from "./honorsApi";
import { RevealButton } from "./RevealButton";

const o = (k: string) => t(`honors.objection.${k}`);
const TAGS = {
  pending: { color: "orange", label: PUBLICITY_OBJECTION_STATUS_LABELS.pending },
  investigating: { color: "blue", label: PUBLICITY_OBJECTION_STATUS_LABELS.investigating },
  answered: { color: "green", label: PUBLICITY_OBJECTION_STATUS_LABELS.answered },
};

/** 公示异议: objections to the 表彰 notices within the caller's region; investigate, answer (upheld removes). */
export default function ObjectionsPage() {
  const campaigns = useCampaignOptions();
  // The message centre links an objection as ?id=<id>.
  const [openId, setOpenId] = useState<string | null>(() => new URLSearchParams(window.location.search).get("id"));
  const columns: ListColumn<PublicityObjection>[] = [
    {
      key: "item",
      title: o("item"),
      render: (_, r) => (
        <Button type="link" style={{ padding: 0, height: "auto" }} onClick={() => setOpenId(r.id)}>
          {r.itemLabel ?? o("whole")}
        </Button>
      ),
    },
    { key: "notice", title: o("notice"), dataIndex: "noticeTitle" },
    { key: "name", title: o("name"), dataIndex: "nameMasked" },
    { key: "content", title: o("content"), dataIndex: "content", ellipsis: true },
    { key: "status", title: o("status"), render: (_, r) => <StatusTag status={r.status} labels={TAGS} /> },
    { key: "outcome", title: o("outcome"), render: (_, r) => (r.outcome ? PUBLICITY_OUTCOME_LABELS[r.outcome] : "—") },
    { key: "createdAt", title: o("createdAt"), render: (_, r) => r.createdAt.slice(0, 10) },
  ];
  const filters: ListFilter[] = [
    {
      name: "campaignId",
      label: t("honors.nomination.campaign"),
      type: "select",
      options: (campaigns.data ?? []).map((c) => ({ value: c.id, label: c.title })),
    },
    {
      name: "status",
      label: o("status"),
      type: "select",
      options: Object.entries(TAGS).map(([value, s]) => ({ value, label: s.label })),
    },
  ];
  return (
    <>
      <ListPage<PublicityObjection>
        id={honorKeys.objections[0]}
        url="/api/honors/objections"
        title={t("honors.menu.objections")}
        filters={filters}
        columns={columns}
      />
      <ObjectionDetail id={openId} onClose={() => setOpenId(null)} />
    </>
  );
}

function ObjectionDetail({ id, onClose }: { id: string | null; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useQuery({
    queryKey: honorKeys.objection(id ?? ""),
    queryFn: () => api.get<PublicityObjection>(`/api/honors/objections/${id}`),
    enabled: !!id,
  });
  const x = q.data;
  const [mode, setMode] = useState<"investigate" | "answer" | null>(null);
  const [text, setText] = useState("");
  const [outcome, setOutcome] = useState<PublicityOutcome>("dismissed");
  const save = async () => {
    if (!x || !text.trim()) return message.warning(t("honors.messages.reasonRequired"));
    try {
      if (mode === "investigate") await api.post(`/api/honors/objections/${x.id}/investigate`, { note: text.trim() });
      else await api.post(`/api/honors/objections/${x.id}/answer`, { reply: text.trim(), outcome });
      message.success(t("honors.messages.done"));
      setMode(null);
      setText("");
      await Promise.all([refreshHonors(qc), qc.invalidateQueries({ queryKey: honorKeys.objection(x.id) })]);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const reveal = (field: "name" | "phone") =>
    x && (
      <RevealButton url={`/api/honors/objections/${x.id}/reveal`} field={field} testId={`objection-reveal-${field}`} />
    );
  return (
    <>
      <DetailDrawer
        open={!!id}
        onClose={onClose}
        title={x ? `${o("item")}：${x.itemLabel ?? o("whole")}` : ""}
        extra={
          x &&
          x.status !== "answered" && (
            <Space>
              <Button onClick={() => setMode("investigate")} data-testid="objection-investigate">
                {t("honors.actions.investigate")}
              </Button>
              <Button type="primary" onClick={() => setMode("answer")} data-testid="objection-answer">
                {t("honors.actions.answer")}
              </Button>
            </Space>
          )
        }
        items={
          x
            ? [
                { label: o("status"), value: <StatusTag status={x.status} labels={TAGS} /> },
                { label: o("notice"), value: x.noticeTitle },
                {
                  label: o("name"),
                  value: (
                    <Space size={4}>
                      {x.nameMasked}
                      {reveal("name")}
                    </Space>
                  ),
                },
                {
                  label: o("phone"),
                  value: (
                    <Space size={4}>
                      {x.phoneMasked}
                      {reveal("phone")}
                    </Space>
                  ),
                },
                { label: o("content"), value: x.content },
                { label: o("investigation"), value: x.investigation ?? "—" },
                { label: o("reply"), value: x.reply ?? "—" },
                { label: o("outcome"), value: x.outcome ? PUBLICITY_OUTCOME_LABELS[x.outcome] : "—" },
                { label: o("handledBy"), value: x.handledByName ?? "—" },
                { label: o("createdAt"), value: new Date(x.createdAt).toLocaleString("zh-CN") },
              ]
            : []
        }
      />
      <Modal
        open={!!mode}
        title={mode === "answer" ? t("honors.actions.answer") : t("honors.actions.investigate")}
        onCancel={() => setMode(null)}
        onOk={save}
        okButtonProps={{ "data-testid": "objection-save" }}
        destroyOnHidden
      >
        {mode === "answer" && (
          <Radio.Group
            style={{ marginBottom: 12 }}
            value={outcome}
            onChange={(e) => setOutcome(e.target.value)}
            options={Object.entries(PUBLICITY_OUTCOME_LABELS).map(([value, label]) => ({ value, label }))}
            data-testid="objection-outcome"
          />
        )}
        <Input.TextArea
          rows={4}
          maxLength={2000}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={mode === "answer" ? "答复内容（异议成立时即为撤销理由）" : "调查情况"}
          data-testid="objection-text"
        />
      </Modal>
    </>
  );
}
