import { DatePicker, Form, Input, InputNumber, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { type CampaignView, SENSITIVE_FIELD_LABELS } from "../../../contracts/honors";
import { api } from "../../app/api";
import { FormDrawer, useServerForm } from "../../app/components/FormDrawer";
import { t } from "../../app/i18n";
import { useHonorKinds } from "./honorsApi";

const l = (k: string) => t(`honors.campaign.${k}`);
const DEADLINES = ["nominateDeadline", "countyDeadline", "finalDeadline"] as const;
type Values = {
  title: string;
  year: number;
  kinds: string[];
  eligibility?: string;
  formFields?: string[];
  noticeDays: number;
} & Partial<Record<(typeof DEADLINES)[number], Dayjs | null>>;

/** 新建/修改表彰活动: title, year, kinds (the dictionary), conditions, the optional sensitive items, stage deadlines. */
export function CampaignForm({
  campaign,
  onClose,
  onSaved,
}: {
  campaign: CampaignView | null;
  onClose: () => void;
  onSaved: (c: CampaignView) => void;
}) {
  const [form] = Form.useForm<Values>();
  const kinds = useHonorKinds();
  const { saving, error, run, clearError } = useServerForm(form);
  const initial: Partial<Values> = campaign
    ? {
        title: campaign.title,
        year: campaign.year,
        kinds: campaign.kinds,
        eligibility: campaign.eligibility,
        formFields: campaign.formFields,
        noticeDays: campaign.noticeDays,
        ...Object.fromEntries(DEADLINES.map((d) => [d, campaign[d] ? dayjs(campaign[d]) : null])),
      }
    : { year: 2026, noticeDays: 5, kinds: ["collective", "individual"], formFields: [] };
  const save = (v: Values) =>
    run(async () => {
      const body = {
        ...v,
        eligibility: v.eligibility ?? "",
        formFields: v.formFields ?? [],
        ...Object.fromEntries(DEADLINES.map((d) => [d, v[d] ? v[d].format("YYYY-MM-DD") : null])),
      };
      const saved = campaign
        ? await api.patch<CampaignView>(`/api/honors/campaigns/${campaign.id}`, body)
        : await api.post<CampaignView>("/api/honors/campaigns", body);
      onSaved(saved);
    });
  return (
    <FormDrawer
      open
      onClose={onClose}
      title={campaign ? l("edit") : l("create")}
      form={form}
      saving={saving}
      error={error}
      submitTestId="campaign-save"
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={save} onValuesChange={clearError}>
        <Form.Item name="title" label={l("title")} rules={[{ required: true, message: "请填写活动名称" }]}>
          <Input maxLength={100} data-testid="campaign-title" />
        </Form.Item>
        <Form.Item name="year" label={l("year")} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
        <Form.Item name="kinds" label={l("kinds")} rules={[{ required: true, message: "请选择表彰类别" }]}>
          <Select mode="multiple" options={(kinds.data ?? []).map((k) => ({ value: k.code, label: k.label }))} />
        </Form.Item>
        <Form.Item name="eligibility" label={l("eligibility")}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="formFields" label={l("formFields")}>
          <Select
            mode="multiple"
            options={Object.entries(SENSITIVE_FIELD_LABELS).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item name="noticeDays" label={l("noticeDays")} rules={[{ required: true }]}>
          <InputNumber min={1} max={30} />
        </Form.Item>
        {DEADLINES.map((d) => (
          <Form.Item key={d} name={d} label={l(d)}>
            <DatePicker />
          </Form.Item>
        ))}
      </Form>
    </FormDrawer>
  );
}
