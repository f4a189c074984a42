import { PlusOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Button } from "antd";
import { useState } from "react";
import { NOMINATION_STATUS_LABELS, type NominationView } from "../../../contracts/honors";
import { useAuth } from "../../app/auth";
import { type ListColumn, type ListFilter, ListPage } from "../../app/components/ListPage";
import { StatusTag } from "../../app/components/StatusTag";
import { t } from "../../app/i18n";
import { useLinkedParam } from "../../app/useLinkedParam";
import { honorKeys, NOMINATION_TAGS, refreshHonors, useCampaignOptions, useHonorKinds } from "./honorsApi";
import { NominationDetail } from "./NominationDetail";
import { NominationForm } from "./NominationForm";

const l = (k: string) => t(`honors.nomination.${k}`);

/** 推荐对象: every nomination the caller sees (personal fields masked), by campaign, stage, kind and region. */
export default function NominationsPage() {
  const { can } = useAuth();
  const qc = useQueryClient();
  const campaigns = useCampaignOptions();
  const kinds = useHonorKinds();
  // ?id=… opens a nomination (a message centre link, or back from its print view); cleared when the drawer closes.
  const [openId, setOpenId] = useLinkedParam("id");
  const [creating, setCreating] = useState(false);
  const columns: ListColumn<NominationView>[] = [
    {
      key: "nominee",
      title: l("nominee"),
      render: (_, r) => (
        <Button type="link" style={{ padding: 0, height: "auto" }} onClick={() => setOpenId(r.id)}>
          {r.nomineeName}
        </Button>
      ),
    },
    { key: "kind", title: l("kind"), dataIndex: "kindLabel" },
    { key: "position", title: l("position"), render: (_, r) => r.positionMasked ?? "—" },
    { key: "org", title: l("org"), dataIndex: "orgName" },
    { key: "region", title: l("quotaRegion"), dataIndex: "quotaRegionName" },
    { key: "campaign", title: l("campaign"), dataIndex: "campaignTitle", defaultHidden: true },
    { key: "score", title: l("score"), render: (_, r) => r.averageScore ?? "—", defaultHidden: true },
    {
      key: "status",
      title: l("status"),
      sortField: "status",
      render: (_, r) => <StatusTag status={r.status} labels={NOMINATION_TAGS} />,
    },
    { key: "createdAt", title: l("createdAt"), sortField: "createdAt", render: (_, r) => r.createdAt.slice(0, 10) },
  ];
  const filters: ListFilter[] = [
    { name: "q", label: l("nominee"), type: "text" },
    {
      name: "campaignId",
      label: l("campaign"),
      type: "select",
      options: (campaigns.data ?? []).map((c) => ({ value: c.id, label: c.title })),
    },
    {
      name: "status",
      label: l("status"),
      type: "select",
      options: Object.entries(NOMINATION_STATUS_LABELS).map(([value, label]) => ({ value, label })),
    },
    {
      name: "kind",
      label: l("kind"),
      type: "select",
      options: (kinds.data ?? []).map((k) => ({ value: k.code, label: k.label })),
    },
    { name: "regionCode", label: "地区", type: "region" },
  ];
  return (
    <>
      <ListPage<NominationView>
        id={honorKeys.nominations[0]}
        url="/api/honors/nominations"
        exportUrl={can("honor:export") ? "/api/honors/nominations.xlsx" : undefined}
        bulk={can("honor:export") ? { actions: [], exportSelection: true } : undefined}
        exportName="推荐对象名单.xlsx"
        title={t("honors.menu.nominations")}
        filters={filters}
        columns={columns}
        toolbar={
          can("honor:nominate") && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="nomination-create"
            >
              {l("create")}
            </Button>
          )
        }
      />
      <NominationDetail id={openId} onClose={() => setOpenId(null)} />
      {creating && (
        <NominationForm
          nomination={null}
          onClose={() => setCreating(false)}
          onSaved={async (n) => {
            setCreating(false);
            await refreshHonors(qc, { campaignId: n.campaignId });
            setOpenId(n.id);
          }}
        />
      )}
    </>
  );
}
