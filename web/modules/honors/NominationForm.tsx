import { Checkbox, Form, Input, Radio, Select } from "antd";
import { type CampaignView, GENDER_LABELS, SENSITIVE_FIELD_LABELS } from "../../../contracts/honors";
import { api } from "../../app/api";
import { FormDrawer, useServerForm } from "../../app/components/FormDrawer";
import { OrgPicker } from "../../app/components/OrgPicker";
import { t } from "../../app/i18n";
import { MaterialPicker } from "../materials/MaterialPicker";
import { type NominationDetail, useCampaignOptions } from "./honorsApi";

const l = (k: string) => t(`honors.nomination.${k}`);
type Values = {
  campaignId: string;
  kind: string;
  nomineeOrgId?: string;
  person?: { name: string; gender: "male" | "female"; position: string; unit: string };
  sensitive?: { ethnicity?: string; politicalStatus?: string };
  consentPublish?: boolean;
  summary: string;
  deeds: string;
  materialIds?: string[];
};

/**
 * 推荐表彰对象: a collective (an organization) or an individual (name, gender, position, unit). The sensitive
 * items appear only where the campaign's form asks them; publication needs the nominee's recorded consent.
 */
export function NominationForm({
  nomination,
  onClose,
  onSaved,
}: {
  /** Editing a draft or returned nomination (its personal fields are entered again when changed). */
  nomination: NominationDetail | null;
  onClose: () => void;
  onSaved: (n: NominationDetail) => void;
}) {
  const [form] = Form.useForm<Values>();
  const campaigns = useCampaignOptions();
  const { saving, error, run, clearError } = useServerForm(form);
  const campaignId = Form.useWatch("campaignId", form) ?? nomination?.campaignId;
  const kind = Form.useWatch("kind", form) ?? nomination?.kind;
  const open = (campaigns.data ?? []).filter((c) => c.status === "open" || c.id === nomination?.campaignId);
  const campaign: CampaignView | undefined = open.find((c) => c.id === campaignId);
  const individual = kind === "individual";
  const save = (v: Values) =>
    run(async () => {
      const body = {
        ...v,
        consentPublish: !!v.consentPublish,
        materialIds: v.materialIds ?? [],
        sensitive: v.sensitive && Object.values(v.sensitive).some(Boolean) ? v.sensitive : undefined,
      };
      const saved = nomination
        ? await api.patch<NominationDetail>(`/api/honors/nominations/${nomination.id}`, {
            ...body,
            campaignId: undefined,
            kind: undefined,
            person: body.person?.name ? body.person : undefined,
          })
        : await api.post<NominationDetail>("/api/honors/nominations", body);
      onSaved(saved);
    });
  return (
    <FormDrawer
      open
      onClose={onClose}
      title={nomination ? l("edit") : l("create")}
      form={form}
      saving={saving}
      error={error}
      submitTestId="nomination-save"
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        onValuesChange={clearError}
        initialValues={
          nomination
            ? {
                campaignId: nomination.campaignId,
                kind: nomination.kind,
                nomineeOrgId: nomination.nomineeOrgId ?? undefined,
                consentPublish: nomination.consentPublish,
                summary: nomination.summary,
                deeds: nomination.deeds,
                materialIds: nomination.materialIds,
              }
            : { consentPublish: false }
        }
      >
        <Form.Item name="campaignId" label={l("campaign")} rules={[{ required: true, message: "请选择表彰活动" }]}>
          <Select
            disabled={!!nomination}
            options={open.map((c) => ({ value: c.id, label: c.title }))}
            data-testid="nomination-campaign"
          />
        </Form.Item>
        <Form.Item name="kind" label={l("kind")} rules={[{ required: true, message: "请选择类别" }]}>
          <Radio.Group
            disabled={!!nomination}
            options={(campaign?.kinds ?? []).map((k, i) => ({ value: k, label: campaign?.kindLabels[i] ?? "" }))}
            data-testid="nomination-kind"
          />
        </Form.Item>
        {kind === "collective" && (
          <Form.Item name="nomineeOrgId" label={l("nomineeOrg")} rules={[{ required: true, message: "请选择集体" }]}>
            <OrgPicker valueName={nomination?.nomineeName} />
          </Form.Item>
        )}
        {individual && (
          <>
            {nomination && <p style={{ color: "#888" }}>个人信息已加密保存；不修改请留空。</p>}
            <Form.Item name={["person", "name"]} label={l("name")} rules={[{ required: !nomination }]}>
              <Input maxLength={30} data-testid="nomination-name" />
            </Form.Item>
            <Form.Item name={["person", "gender"]} label={l("gender")} rules={[{ required: !nomination }]}>
              <Radio.Group options={Object.entries(GENDER_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item name={["person", "position"]} label={l("position")} rules={[{ required: !nomination }]}>
              <Input maxLength={60} data-testid="nomination-position" />
            </Form.Item>
            <Form.Item name={["person", "unit"]} label={l("unit")} rules={[{ required: !nomination }]}>
              <Input maxLength={100} data-testid="nomination-unit" />
            </Form.Item>
            {campaign?.formFields.map((f) => (
              <Form.Item key={f} name={["sensitive", f]} label={`${SENSITIVE_FIELD_LABELS[f]}（选填）`}>
                <Input maxLength={20} />
              </Form.Item>
            ))}
          </>
        )}
        <Form.Item name="consentPublish" valuePropName="checked">
          <Checkbox data-testid="nomination-consent">{l("consent")}</Checkbox>
        </Form.Item>
        <Form.Item name="summary" label={l("summary")} rules={[{ required: true, message: "请填写事迹摘要" }]}>
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="nomination-summary" />
        </Form.Item>
        <Form.Item name="deeds" label={l("deeds")} rules={[{ required: true, message: "请填写事迹材料" }]}>
          <Input.TextArea rows={8} maxLength={20000} data-testid="nomination-deeds" />
        </Form.Item>
        <Form.Item name="materialIds" label={l("materials")}>
          <MaterialPicker maxCount={20} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
