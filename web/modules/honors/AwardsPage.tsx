import { useQueryClient } from "@tanstack/react-query";
import { App, Button, Form, Input, Modal } from "antd";
import { useState } from "react";
import type { AwardView } from "../../../contracts/honors";
import { api } from "../../app/api";
import { useAuth } from "../../app/auth";
import { type ListColumn, type ListFilter, ListPage } from "../../app/components/ListPage";
import { StatusTag } from "../../app/components/StatusTag";
import { t } from "../../app/i18n";
import { honorKeys, refreshHonors, useCampaignOptions } from "./honorsApi";

const w = (k: string) => t(`honors.award.${k}`);
const TAGS = { active: { color: "green", label: w("active") }, revoked: { color: "red", label: w("revoked") } };

/** 荣誉名录: awarded collectives and individuals with decision and certificate; the organizer may revoke one. */
export default function AwardsPage() {
  const { can } = useAuth();
  const campaigns = useCampaignOptions();
  const [revoking, setRevoking] = useState<AwardView | null>(null);
  const columns: ListColumn<AwardView>[] = [
    { key: "honoree", title: w("honoree"), dataIndex: "honoreeName" },
    { key: "unit", title: w("unit"), dataIndex: "honoreeUnit" },
    { key: "kind", title: w("kind"), dataIndex: "kindLabel" },
    { key: "campaign", title: w("campaign"), dataIndex: "campaignTitle" },
    { key: "region", title: w("region"), dataIndex: "regionName" },
    { key: "decisionNo", title: w("decisionNo"), dataIndex: "decisionNo" },
    { key: "certificateNo", title: w("certificateNo"), dataIndex: "certificateNo" },
    { key: "awardedOn", title: w("awardedOn"), dataIndex: "awardedOn" },
    {
      key: "status",
      title: w("status"),
      render: (_, r) => (
        <span title={r.revokedReason ? `${r.revokedReason}（${r.revokedDocNo}）` : undefined}>
          <StatusTag status={r.status} labels={TAGS} />
        </span>
      ),
    },
    ...(can("honor:manage")
      ? [
          {
            key: "actions",
            title: "操作",
            render: (_: unknown, r: AwardView) =>
              r.status === "active" && (
                <Button size="small" danger onClick={() => setRevoking(r)}>
                  {t("honors.actions.revoke")}
                </Button>
              ),
          },
        ]
      : []),
  ];
  const filters: ListFilter[] = [
    { name: "q", label: w("honoree"), type: "text" },
    {
      name: "campaignId",
      label: w("campaign"),
      type: "select",
      options: (campaigns.data ?? []).map((c) => ({ value: c.id, label: c.title })),
    },
    {
      name: "status",
      label: w("status"),
      type: "select",
      options: Object.entries(TAGS).map(([value, s]) => ({ value, label: s.label })),
    },
    { name: "regionCode", label: "区划", type: "region" },
  ];
  return (
    <>
      <ListPage<AwardView>
        id={honorKeys.awards[0]}
        url="/api/honors/awards"
        title={t("honors.menu.awards")}
        filters={filters}
        columns={columns}
      />
      {revoking && <RevokeModal award={revoking} onClose={() => setRevoking(null)} />}
    </>
  );
}

function RevokeModal({ award, onClose }: { award: AwardView; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string; docNo: string }>();
  const save = async (v: { reason: string; docNo: string }) => {
    try {
      await api.post(`/api/honors/awards/${award.id}/revoke`, v);
      message.success(t("honors.messages.done"));
      await refreshHonors(qc);
      onClose();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Modal
      open
      title={`${t("honors.actions.revoke")}：${award.honoreeName}`}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form form={form} layout="vertical" onFinish={save}>
        <Form.Item name="reason" label={w("revokedReason")} rules={[{ required: true, message: "请填写撤销理由" }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        <Form.Item name="docNo" label={w("docNo")} rules={[{ required: true, message: "请填写文号" }]}>
          <Input maxLength={60} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
