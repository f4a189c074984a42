import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, InputNumber, Modal, Space, Table, Tag } from "antd";
import { useState } from "react";
import type { CampaignView, QuotaView } from "../../../contracts/honors";
import type { Region } from "../../../contracts/org";
import { api } from "../../app/api";
import { t } from "../../app/i18n";
import { refreshHonors } from "./honorsApi";

const q = (k: string) => t(`honors.quota.${k}`);

/** The quota ledger of a campaign: per lower region and kind the quota, used, forwarded and remaining. */
export function QuotaTable({ campaign, canEdit }: { campaign: CampaignView; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  return (
    <>
      <Space style={{ marginBottom: 8 }}>
        <strong>{t("honors.campaign.quotas")}</strong>
        {canEdit && (
          <Button size="small" onClick={() => setEditing(true)} data-testid="quota-edit">
            {t("honors.campaign.editQuotas")}
          </Button>
        )}
      </Space>
      <Table<QuotaView>
        size="small"
        rowKey={(r) => `${r.regionCode}-${r.kind}`}
        pagination={false}
        dataSource={campaign.quotas}
        scroll={{ x: "max-content" }}
        columns={[
          { key: "region", title: q("region"), dataIndex: "regionName" },
          { key: "kind", title: q("kind"), dataIndex: "kindLabel" },
          { key: "quota", title: q("quota"), dataIndex: "quota" },
          { key: "used", title: q("used"), dataIndex: "used" },
          { key: "forwarded", title: q("forwarded"), dataIndex: "forwarded" },
          {
            key: "remaining",
            title: q("remaining"),
            render: (_, r) => <Tag color={r.remaining > 0 ? "green" : "red"}>{r.remaining}</Tag>,
          },
        ]}
      />
      {editing && <QuotaEditor campaign={campaign} onClose={() => setEditing(false)} />}
    </>
  );
}

function QuotaEditor({ campaign, onClose }: { campaign: CampaignView; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const regions = useQuery({
    queryKey: ["regions", campaign.regionCode],
    queryFn: () => api.get<Region[]>("/api/regions", { parent: campaign.regionCode }),
  });
  const key = (r: string, k: string) => `${r}:${k}`;
  const [values, setValues] = useState<Record<string, number>>(() =>
    Object.fromEntries(campaign.quotas.map((x) => [key(x.regionCode, x.kind), x.quota])),
  );
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    try {
      const quotas = Object.entries(values)
        .filter(([, n]) => typeof n === "number")
        .map(([k, quota]) => {
          const [regionCode, kind] = k.split(":");
          return { regionCode, kind, quota };
        });
      await api.put(`/api/honors/campaigns/${campaign.id}/quotas`, { quotas });
      message.success(t("honors.messages.saved"));
      await refreshHonors(qc, { campaignId: campaign.id });
      onClose();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      width={640}
      title={t("honors.campaign.editQuotas")}
      onCancel={onClose}
      onOk={save}
      confirmLoading={saving}
      okButtonProps={{ "data-testid": "quota-save" }}
    >
      <Table<Region>
        size="small"
        rowKey="code"
        loading={regions.isLoading}
        pagination={false}
        dataSource={regions.data ?? []}
        scroll={{ y: 420 }}
        columns={[
          { key: "name", title: q("region"), dataIndex: "name" },
          ...campaign.kinds.map((kind, i) => ({
            key: kind,
            title: campaign.kindLabels[i],
            render: (_: unknown, r: Region) => (
              <InputNumber
                min={0}
                max={10000}
                size="small"
                value={values[key(r.code, kind)]}
                onChange={(n) => setValues((v) => ({ ...v, [key(r.code, kind)]: n ?? 0 }))}
                data-testid={`quota-${r.code}-${kind}`}
              />
            ),
          })),
        ]}
      />
    </Modal>
  );
}
