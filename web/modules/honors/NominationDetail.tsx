import { useQueryClient } from "@tanstack/react-query";
import { List, Space, Typography } from "antd";
import { useState } from "react";
import { SENSITIVE_FIELD_LABELS, VOTE_LABELS } from "../../../contracts/honors";
import { DetailDrawer } from "../../app/components/DetailDrawer";
import { StatusTag } from "../../app/components/StatusTag";
import { t } from "../../app/i18n";
import { NOMINATION_TAGS, refreshHonors, useCampaign, useNomination } from "./honorsApi";
import { NominationActions } from "./NominationActions";
import { NominationForm } from "./NominationForm";
import { RevealButton } from "./RevealButton";

const l = (k: string) => t(`honors.nomination.${k}`);

/** A nomination: masked personal fields (each revealed with a reason), deeds, reviews and the steps open now. */
export function NominationDetail({ id, onClose }: { id: string | null; onClose: () => void }) {
  const q = useNomination(id);
  const n = q.data;
  const campaign = useCampaign(n?.campaignId ?? null).data;
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const revealUrl = n ? `/api/honors/nominations/${n.id}/reveal` : "";
  const masked = (value: string | null, field: string) => (
    <Space size={4}>
      <span>{value ?? "—"}</span>
      {value && <RevealButton url={revealUrl} field={field} testId={`reveal-${field}`} />}
    </Space>
  );
  const individual = n && !n.nomineeOrgId;
  return (
    <>
      <DetailDrawer
        open={!!id}
        onClose={onClose}
        title={n ? `${n.nomineeName}（${n.kindLabel}）` : ""}
        extra={n && <NominationActions n={n} campaign={campaign} onEdit={() => setEditing(true)} />}
        items={
          n
            ? [
                { label: l("status"), value: <StatusTag status={n.status} labels={NOMINATION_TAGS} /> },
                ...(n.statusReason ? [{ label: l("statusReason"), value: n.statusReason }] : []),
                { label: l("campaign"), value: n.campaignTitle },
                { label: l("kind"), value: n.kindLabel },
                { label: l("nominee"), value: individual ? masked(n.nomineeName, "name") : n.nomineeName },
                ...(individual
                  ? [
                      { label: l("gender"), value: n.genderLabel ?? "—" },
                      { label: l("position"), value: masked(n.positionMasked, "position") },
                      { label: l("unit"), value: masked(n.unitName, "unit") },
                    ]
                  : []),
                ...(n.sensitiveAsked.length
                  ? [
                      {
                        label: n.sensitiveAsked.map((f) => SENSITIVE_FIELD_LABELS[f]).join("、"),
                        value: masked("已加密", "sensitive"),
                      },
                    ]
                  : []),
                { label: l("consent"), value: n.consentPublish ? "是" : "否" },
                { label: l("org"), value: n.orgName },
                { label: l("quotaRegion"), value: n.quotaRegionName },
                { label: l("summary"), value: n.summary },
                {
                  label: l("deeds"),
                  value: <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{n.deeds}</Typography.Paragraph>,
                },
                { label: l("materials"), value: n.materialIds.length ? `${n.materialIds.length} 份` : "—" },
                ...(n.reviewCount
                  ? [
                      { label: l("score"), value: n.averageScore ?? "—" },
                      {
                        label: l("votes"),
                        value: `同意 ${n.votes.agree}，不同意 ${n.votes.disagree}，弃权 ${n.votes.abstain}`,
                      },
                    ]
                  : []),
                { label: l("createdAt"), value: new Date(n.createdAt).toLocaleString("zh-CN") },
              ]
            : []
        }
      >
        {n && n.reviews.length > 0 && (
          <List
            size="small"
            header={<strong>{l("reviews")}</strong>}
            dataSource={n.reviews}
            renderItem={(r) => (
              <List.Item>
                {r.reviewerName}：{r.score ?? "未评分"} 分，{VOTE_LABELS[r.vote]}
                {r.comment ? `。${r.comment}` : ""}
              </List.Item>
            )}
          />
        )}
      </DetailDrawer>
      {n && editing && (
        <NominationForm
          nomination={n}
          onClose={() => setEditing(false)}
          onSaved={async () => {
            setEditing(false);
            await refreshHonors(qc, { campaignId: n.campaignId, nominationId: n.id });
          }}
        />
      )}
    </>
  );
}
