import { useQueryClient } from "@tanstack/react-query";
import { App, Button, List, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { SENSITIVE_FIELD_LABELS } from "../../../contracts/honors";
import { PUBLICITY_PHASE_LABELS } from "../../../contracts/publicity";
import { api, download } from "../../app/api";
import { useAuth } from "../../app/auth";
import { DetailDrawer } from "../../app/components/DetailDrawer";
import { StatusTag } from "../../app/components/StatusTag";
import { t } from "../../app/i18n";
import { CampaignForm } from "./CampaignForm";
import { DecisionModal, PanelModal, StageNoticeModal } from "./CampaignModals";
import { CAMPAIGN_TAGS, refreshHonors, useCampaign, useCampaignNotices } from "./honorsApi";
import { QuotaTable } from "./QuotaTable";

const l = (k: string) => t(`honors.campaign.${k}`);

function Notices({ id }: { id: string }) {
  const notices = useCampaignNotices(id);
  const items = notices.data?.items ?? [];
  return (
    <List
      size="small"
      header={<strong>{l("notices")}</strong>}
      dataSource={items}
      locale={{ emptyText: "暂无公示" }}
      renderItem={(n) => (
        <List.Item>
          <Space wrap>
            <span>{n.title}</span>
            <Tag>{PUBLICITY_PHASE_LABELS[n.phase]}</Tag>
            <Typography.Text type="secondary">
              {n.startsOn} 至 {n.endsOn}（{n.workingDays} 个工作日）
            </Typography.Text>
            {n.objections && n.objections.total > 0 && (
              <Tag color={n.objections.unanswered ? "orange" : "default"}>
                异议 {n.objections.total} 件，未答复 {n.objections.unanswered} 件
              </Tag>
            )}
          </Space>
        </List.Item>
      )}
    />
  );
}

/** A campaign: its details, the quota ledger, the panel, its 公示 and the organizer's or the 旗's actions. */
export function CampaignDetail({ id, onClose }: { id: string | null; onClose: () => void }) {
  const q = useCampaign(id);
  const c = q.data;
  const { me, can } = useAuth();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [modal, setModal] = useState<"edit" | "panel" | "county" | "final" | "decision" | null>(null);
  const organizer = !!c && can("honor:manage") && me?.user.regionCode === c.regionCode;
  const county = !!c && can("honor:review") && c.quotas.some((x) => x.regionCode === me?.user.regionCode);

  const move = async (action: "open" | "close") => {
    if (!c) return;
    try {
      await api.post(`/api/honors/campaigns/${c.id}/${action}`);
      message.success(t("honors.messages.done"));
      await refreshHonors(qc, { campaignId: c.id });
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const extra = c && (
    <Space wrap>
      {organizer && c.status !== "decided" && <Button onClick={() => setModal("edit")}>{l("edit")}</Button>}
      {organizer && c.status === "draft" && (
        <Button type="primary" onClick={() => move("open")} data-testid="campaign-open">
          {l("open")}
        </Button>
      )}
      {organizer && c.status === "open" && <Button onClick={() => move("close")}>{l("close")}</Button>}
      {county && c.status !== "decided" && (
        <Button onClick={() => setModal("county")} data-testid="publish-county">
          {l("publishCounty")}
        </Button>
      )}
      {organizer && c.status !== "decided" && (
        <>
          <Button onClick={() => setModal("panel")} data-testid="panel-edit">
            {l("setPanel")}
          </Button>
          <Button onClick={() => setModal("final")} data-testid="publish-final">
            {l("publishFinal")}
          </Button>
          <Button type="primary" onClick={() => setModal("decision")} data-testid="decision-open">
            {l("decide")}
          </Button>
        </>
      )}
      {c.status === "decided" && can("honor:export") && (
        <Button onClick={() => download(`/api/honors/campaigns/${c.id}/decision.docx`, undefined, "表彰名单.docx")}>
          {l("exportDecision")}
        </Button>
      )}
    </Space>
  );
  const deadlines = c
    ? [c.nominateDeadline && `推荐 ${c.nominateDeadline}`, c.countyDeadline && `初审 ${c.countyDeadline}`]
        .concat(c.finalDeadline ? [`复审 ${c.finalDeadline}`] : [])
        .filter(Boolean)
        .join("，") || "—"
    : "";
  return (
    <>
      <DetailDrawer
        open={!!id}
        onClose={onClose}
        title={c?.title ?? ""}
        extra={extra}
        items={
          c
            ? [
                { label: l("status"), value: <StatusTag status={c.status} labels={CAMPAIGN_TAGS} /> },
                { label: l("org"), value: `${c.orgName}（${c.regionName}）` },
                { label: l("year"), value: c.year },
                { label: l("kinds"), value: c.kindLabels.join("、") },
                { label: l("eligibility"), value: c.eligibility || "—" },
                {
                  label: "敏感项",
                  value: c.formFields.map((f) => SENSITIVE_FIELD_LABELS[f]).join("、") || "不采集",
                },
                { label: l("noticeDays"), value: `${c.noticeDays} 个工作日` },
                { label: "阶段截止", value: deadlines },
                { label: l("panel"), value: c.panel.map((p) => p.name).join("、") || l("noPanel") },
                ...(c.decisionNo
                  ? [{ label: l("decision"), value: `${c.decisionTitle}（${c.decisionNo}，${c.decidedOn}）` }]
                  : []),
              ]
            : []
        }
      >
        {c && (
          <>
            <div style={{ marginTop: 16 }}>
              <QuotaTable campaign={c} canEdit={organizer && c.status !== "decided"} />
            </div>
            <Notices id={c.id} />
          </>
        )}
      </DetailDrawer>
      {c && modal === "edit" && (
        <CampaignForm
          campaign={c}
          onClose={() => setModal(null)}
          onSaved={async () => {
            setModal(null);
            await refreshHonors(qc, { campaignId: c.id });
          }}
        />
      )}
      {c && modal === "panel" && <PanelModal campaign={c} onClose={() => setModal(null)} />}
      {c && (modal === "county" || modal === "final") && (
        <StageNoticeModal campaign={c} stage={modal} onClose={() => setModal(null)} />
      )}
      {c && modal === "decision" && <DecisionModal campaign={c} onClose={() => setModal(null)} />}
    </>
  );
}
