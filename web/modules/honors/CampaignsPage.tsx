import { PlusOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Button } from "antd";
import { useState } from "react";
import { CAMPAIGN_STATUS_LABELS, type CampaignView } from "../../../contracts/honors";
import { useAuth } from "../../app/auth";
import { type ListColumn, type ListFilter, ListPage } from "../../app/components/ListPage";
import { StatusTag } from "../../app/components/StatusTag";
import { t } from "../../app/i18n";
import { CampaignDetail } from "./CampaignDetail";
import { CampaignForm } from "./CampaignForm";
import { CAMPAIGN_TAGS, honorKeys, refreshHonors } from "./honorsApi";

const l = (k: string) => t(`honors.campaign.${k}`);

/** 表彰活动: the campaigns the caller sees with the quota use at a glance; the organizer creates one. */
export default function CampaignsPage() {
  const { can } = useAuth();
  const qc = useQueryClient();
  const [openId, setOpenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const columns: ListColumn<CampaignView>[] = [
    {
      key: "title",
      title: l("title"),
      render: (_, r) => (
        <Button
          type="link"
          style={{ padding: 0, height: "auto", whiteSpace: "normal", textAlign: "left" }}
          onClick={() => setOpenId(r.id)}
        >
          {r.title}
        </Button>
      ),
    },
    { key: "year", title: l("year"), dataIndex: "year" },
    { key: "org", title: l("org"), dataIndex: "orgName" },
    { key: "kinds", title: l("kinds"), render: (_, r) => r.kindLabels.join("、") },
    {
      key: "quota",
      title: "名额（已推荐/总数）",
      render: (_, r) => {
        const total = r.quotas.reduce((s, x) => s + x.quota, 0);
        const used = r.quotas.reduce((s, x) => s + Math.min(x.used, x.quota), 0);
        return `${used} / ${total}`;
      },
    },
    { key: "nominations", title: l("nominations"), dataIndex: "nominationCount" },
    { key: "deadline", title: l("nominateDeadline"), render: (_, r) => r.nominateDeadline ?? "—" },
    { key: "status", title: l("status"), render: (_, r) => <StatusTag status={r.status} labels={CAMPAIGN_TAGS} /> },
  ];
  const filters: ListFilter[] = [
    { name: "q", label: l("title"), type: "text" },
    {
      name: "status",
      label: l("status"),
      type: "select",
      options: Object.entries(CAMPAIGN_STATUS_LABELS).map(([value, label]) => ({ value, label })),
    },
  ];
  return (
    <>
      <ListPage<CampaignView>
        id={honorKeys.campaigns[0]}
        url="/api/honors/campaigns"
        title={t("honors.menu.campaigns")}
        filters={filters}
        columns={columns}
        toolbar={
          can("honor:manage") && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="campaign-create"
            >
              {l("create")}
            </Button>
          )
        }
      />
      <CampaignDetail id={openId} onClose={() => setOpenId(null)} />
      {creating && (
        <CampaignForm
          campaign={null}
          onClose={() => setCreating(false)}
          onSaved={async (c) => {
            setCreating(false);
            await refreshHonors(qc, { campaignId: c.id });
            setOpenId(c.id);
          }}
        />
      )}
    </>
  );
}
