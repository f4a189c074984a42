import { useQueryClient } from "@tanstack/react-query";
import { App, Button, Form, Input, InputNumber, Modal, Radio, Space } from "antd";
import { useState } from "react";
import { type CampaignView, VOTE_LABELS } from "../../../contracts/honors";
import { api, download } from "../../app/api";
import { useAuth } from "../../app/auth";
import { PrintButton } from "../../app/components/PrintLayout";
import { t } from "../../app/i18n";
import { type NominationDetail, refreshHonors } from "./honorsApi";

const a = (k: string) => t(`honors.actions.${k}`);
type Step = { path: string; label: string; reason?: "required" | "optional"; primary?: boolean; danger?: boolean };

/** The steps the caller may take on a nomination now: the unit's, the 旗's (初审), the organizer's (复审), the panel's. */
export function NominationActions({
  n,
  campaign,
  onEdit,
}: {
  n: NominationDetail;
  campaign: CampaignView | undefined;
  onEdit: () => void;
}) {
  const { me, can } = useAuth();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [asking, setAsking] = useState<Step | null>(null);
  const [reviewing, setReviewing] = useState(false);
  const [reason, setReason] = useState("");
  const unit = can("honor:nominate") && me?.user.orgId === n.orgId;
  const county = can("honor:review") && me?.user.regionCode === n.quotaRegion;
  const organizer = can("honor:manage") && !!campaign && me?.user.regionCode === campaign.regionCode;
  const panel = can("honor:score") && !!campaign?.panel.some((p) => p.userId === me?.user.id);
  const s = n.status;
  const steps: Step[] = [
    ...(unit && (s === "draft" || s === "returned") ? [{ path: "publish", label: a("publish"), primary: true }] : []),
    ...(unit && s === "notice1" ? [{ path: "submit", label: a("submit"), primary: true }] : []),
    ...(unit && ["draft", "returned", "notice1", "county_review"].includes(s)
      ? [{ path: "withdraw", label: a("withdraw"), reason: "required" as const, danger: true }]
      : []),
    ...(county && s === "county_review"
      ? [{ path: "county-approve", label: a("countyApprove"), reason: "optional" as const, primary: true }]
      : []),
    ...(county && (s === "county_review" || s === "county_passed")
      ? [{ path: "county-return", label: a("countyReturn"), reason: "required" as const, danger: true }]
      : []),
    ...(county && s === "notice2" ? [{ path: "forward", label: a("forward"), primary: true }] : []),
    ...(organizer && s === "final_review"
      ? [{ path: "final-approve", label: a("finalApprove"), reason: "optional" as const, primary: true }]
      : []),
    ...(organizer && (s === "final_review" || s === "final_passed")
      ? [{ path: "final-return", label: a("finalReturn"), reason: "required" as const, danger: true }]
      : []),
    ...(organizer && s === "notice3" ? [{ path: "propose", label: a("propose"), primary: true }] : []),
  ];
  const run = async (step: Step, body?: unknown) => {
    try {
      await api.post(`/api/honors/nominations/${n.id}/${step.path}`, body);
      message.success(t("honors.messages.done"));
      setAsking(null);
      setReason("");
      await refreshHonors(qc, { campaignId: n.campaignId, nominationId: n.id });
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const start = (step: Step) => (step.reason ? setAsking(step) : run(step));
  const confirm = () => {
    if (!asking) return;
    if (asking.reason === "required" && !reason.trim()) return message.warning(t("honors.messages.reasonRequired"));
    return run(asking, { reason: reason.trim() || undefined });
  };
  return (
    <>
      <Space wrap style={{ justifyContent: "flex-end" }}>
        {unit && (s === "draft" || s === "returned") && <Button onClick={onEdit}>{t("honors.nomination.edit")}</Button>}
        {steps.map((st) => (
          <Button
            key={st.path}
            type={st.primary ? "primary" : "default"}
            danger={st.danger}
            onClick={() => start(st)}
            data-testid={`nomination-${st.path}`}
          >
            {st.label}
          </Button>
        ))}
        {panel && s === "final_review" && (
          <Button onClick={() => setReviewing(true)} data-testid="nomination-review">
            {a("review")}
          </Button>
        )}
        <PrintButton to={`/honors/nominations/${n.id}/print`} label={a("printForm")} />
        {can("honor:export") && (
          <Button onClick={() => download(`/api/honors/nominations/${n.id}/form.docx`, undefined, "推荐审批表.docx")}>
            {a("exportForm")}
          </Button>
        )}
      </Space>
      <Modal
        open={!!asking}
        title={asking?.label}
        onCancel={() => setAsking(null)}
        onOk={confirm}
        okButtonProps={{ "data-testid": "step-confirm" }}
        destroyOnHidden
      >
        <Input.TextArea
          rows={3}
          maxLength={1000}
          placeholder={asking?.reason === "required" ? a("reason") : `${a("reason")}（选填）`}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="step-reason"
        />
      </Modal>
      {reviewing && <ReviewModal n={n} onClose={() => setReviewing(false)} />}
    </>
  );
}

function ReviewModal({ n, onClose }: { n: NominationDetail; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ score?: number; vote: string; comment?: string }>();
  const save = async (v: { score?: number; vote: string; comment?: string }) => {
    try {
      await api.post(`/api/honors/nominations/${n.id}/reviews`, {
        score: v.score ?? null,
        vote: v.vote,
        comment: v.comment ?? "",
      });
      message.success(t("honors.messages.saved"));
      await refreshHonors(qc, { campaignId: n.campaignId, nominationId: n.id });
      onClose();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const r = (k: string) => t(`honors.review.${k}`);
  return (
    <Modal
      open
      title={a("review")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ "data-testid": "review-save" }}
    >
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ vote: "agree" }}>
        <Form.Item name="score" label={r("score")}>
          <InputNumber min={0} max={100} step={0.5} data-testid="review-score" />
        </Form.Item>
        <Form.Item name="vote" label={r("vote")} rules={[{ required: true }]}>
          <Radio.Group options={Object.entries(VOTE_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="comment" label={r("comment")}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
