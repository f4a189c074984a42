import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Checkbox, DatePicker, Empty, Form, Input, Modal, Select } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import type { CampaignView, NominationView } from "../../../contracts/honors";
import type { User } from "../../../contracts/identity";
import { api, type Page } from "../../app/api";
import { FormErrorAlert, useServerForm } from "../../app/components/FormDrawer";
import { t } from "../../app/i18n";
import { honorKeys, refreshHonors } from "./honorsApi";

const l = (k: string) => t(`honors.campaign.${k}`);

/** 二公示 (the 旗's approved) or 三公示 (the organizer's approved): picks the nominations to list. */
export function StageNoticeModal({
  campaign,
  stage,
  onClose,
}: {
  campaign: CampaignView;
  stage: "county" | "final";
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const status = stage === "county" ? "county_passed" : "final_passed";
  const eligible = useQuery({
    queryKey: honorKeys.eligible(campaign.id, status),
    queryFn: () =>
      api.get<Page<NominationView>>("/api/honors/nominations", { campaignId: campaign.id, status, pageSize: 100 }),
  });
  const [form] = Form.useForm<{ title: string; titleMn?: string; body?: string; nominationIds: string[] }>();
  const { saving, error, run, clearError } = useServerForm(form);
  const title = stage === "county" ? `${campaign.title}推荐对象初审公示` : `${campaign.title}拟表彰对象公示`;
  const save = (v: { title: string; titleMn?: string; body?: string; nominationIds: string[] }) =>
    run(async () => {
      await api.post(`/api/honors/campaigns/${campaign.id}/notices`, { stage, ...v, body: v.body ?? "" });
      message.success(t("honors.messages.done"));
      await refreshHonors(qc, { campaignId: campaign.id });
      onClose();
    });
  const items = eligible.data?.items ?? [];
  return (
    <Modal
      open
      width={640}
      title={stage === "county" ? l("publishCounty") : l("publishFinal")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      okButtonProps={{ "data-testid": "stage-notice-save" }}
      destroyOnHidden
    >
      <FormErrorAlert error={error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ title, nominationIds: [] }}
        onFinish={save}
        onValuesChange={clearError}
      >
        <Form.Item name="title" label="公示标题" rules={[{ required: true, message: "请填写公示标题" }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="titleMn" label="蒙古文标题" extra="可不填；门户选择蒙古文时显示，未填则显示中文标题">
          <Input maxLength={200} lang="mn-Mong" />
        </Form.Item>
        <Form.Item name="body" label="公示说明">
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Form.Item
          name="nominationIds"
          label={t("honors.nomination.nominee")}
          rules={[{ required: true, message: t("honors.messages.selectNominations") }]}
        >
          {items.length ? (
            <Checkbox.Group style={{ display: "flex", flexDirection: "column", gap: 4 }}>
              {items.map((n) => (
                <Checkbox key={n.id} value={n.id} data-testid="stage-notice-item">
                  {n.nomineeName}（{n.kindLabel} · {n.orgName}）
                </Checkbox>
              ))}
            </Checkbox.Group>
          ) : (
            <Empty description={t("honors.messages.noneEligible")} />
          )}
        </Form.Item>
      </Form>
    </Modal>
  );
}

type DecisionValues = { decisionNo: string; title: string; decidedOn: Dayjs; certificatePrefix: string };

/** 表彰决定: 文号, title, date; every 拟表彰 nominee becomes an honor with a certificate number. */
export function DecisionModal({ campaign, onClose }: { campaign: CampaignView; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<DecisionValues>();
  const { saving, error, run, clearError } = useServerForm(form);
  const save = (v: DecisionValues) =>
    run(async () => {
      await api.post(`/api/honors/campaigns/${campaign.id}/decision`, {
        ...v,
        decidedOn: v.decidedOn.format("YYYY-MM-DD"),
      });
      message.success(t("honors.messages.done"));
      await refreshHonors(qc, { campaignId: campaign.id });
      onClose();
    });
  return (
    <Modal
      open
      title={l("decide")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      okButtonProps={{ "data-testid": "decision-save" }}
      destroyOnHidden
    >
      <FormErrorAlert error={error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ title: `关于表彰${campaign.title.replace(/表彰$/, "")}先进集体和先进个人的决定` }}
        onFinish={save}
        onValuesChange={clearError}
      >
        <Form.Item name="decisionNo" label={l("decisionNo")} rules={[{ required: true, message: "请填写文号" }]}>
          <Input maxLength={60} placeholder="如：通民委发〔2026〕18号" data-testid="decision-no" />
        </Form.Item>
        <Form.Item name="title" label={l("decisionTitle")} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="decidedOn" label={l("decidedOn")} rules={[{ required: true, message: "请选择日期" }]}>
          <DatePicker data-testid="decision-date" />
        </Form.Item>
        <Form.Item
          name="certificatePrefix"
          label={l("certificatePrefix")}
          rules={[{ required: true, message: "请填写证书编号前缀" }]}
        >
          <Input maxLength={20} placeholder="如：TL2026" data-testid="decision-prefix" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 评审委员会: searches users by name and sets the members. */
export function PanelModal({ campaign, onClose }: { campaign: CampaignView; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [value, setValue] = useState<string[]>(campaign.panel.map((p) => p.userId));
  const [options, setOptions] = useState(campaign.panel.map((p) => ({ value: p.userId, label: p.name })));
  const [saving, setSaving] = useState(false);
  const search = async (q: string) => {
    const page = await api.get<Page<User>>("/api/users", { q: q.trim() || undefined, pageSize: 20 });
    const found = page.items.map((u) => ({ value: u.id, label: `${u.displayName}（${u.orgName}）` }));
    setOptions((old) => [
      ...old.filter((o) => value.includes(o.value)),
      ...found.filter((f) => !value.includes(f.value)),
    ]);
  };
  const save = async () => {
    setSaving(true);
    try {
      await api.put(`/api/honors/campaigns/${campaign.id}/panel`, { userIds: value });
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
    <Modal open title={l("setPanel")} onCancel={onClose} onOk={save} confirmLoading={saving}>
      <Select
        mode="multiple"
        style={{ width: "100%" }}
        value={value}
        onChange={setValue}
        options={options}
        showSearch={{ filterOption: false, onSearch: search }}
        onFocus={() => search("")}
        placeholder="输入姓名搜索"
        data-testid="panel-select"
      />
    </Modal>
  );
}
