import { DatePicker, Form, Input, InputNumber, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import type { BaseInput, BaseView } from "../../../contracts/bases";
import { api } from "../../app/api";
import { FormDrawer, useServerForm } from "../../app/components/FormDrawer";
import { OrgPicker } from "../../app/components/OrgPicker";
import { RegionPicker } from "../../app/components/RegionPicker";
import { MaterialPicker } from "../materials/MaterialPicker";
import { KIND_OPTIONS, LEVEL_OPTIONS } from "./labels";
import { basesZh as z } from "./zh-CN";

type Values = Omit<BaseInput, "namedOn"> & { namedOn: Dayjs };

/** 登记 / 修改 a base (the supervising department). */
export function BaseForm({
  base,
  onClose,
  onSaved,
}: {
  base?: BaseView;
  onClose: () => void;
  onSaved: (b: BaseView) => void;
}) {
  const [form] = Form.useForm<Values>();
  const { saving, error, run } = useServerForm(form);
  const f = z.fields;
  const initial = base
    ? { ...base, operatingOrgId: base.operatingOrgId, namedOn: dayjs(base.namedOn) }
    : { level: "county", termYears: 3, photoIds: [], documentIds: [] };
  const save = (v: Values) =>
    run(async () => {
      const body = { ...v, namedOn: v.namedOn.format("YYYY-MM-DD") };
      const saved = base
        ? await api.put<BaseView>(`/api/bases/${base.id}`, body)
        : await api.post<BaseView>("/api/bases", body);
      onSaved(saved);
    });
  return (
    <FormDrawer
      open
      onClose={onClose}
      title={base ? z.actions.edit : z.actions.create}
      form={form}
      saving={saving}
      error={error}
    >
      <Form form={form} layout="vertical" initialValues={initial as never} onFinish={save}>
        <Form.Item name="name" label={f.name} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="kind" label={f.kind} rules={[{ required: true }]}>
          <Select options={KIND_OPTIONS} />
        </Form.Item>
        <Form.Item name="level" label={f.level} rules={[{ required: true }]}>
          <Select options={LEVEL_OPTIONS} />
        </Form.Item>
        <Form.Item name="regionCode" label={f.regionCode} rules={[{ required: true }]}>
          <RegionPicker />
        </Form.Item>
        <Form.Item name="operatingOrgId" label={f.operatingOrgId} rules={[{ required: true }]}>
          <OrgPicker valueName={base?.operatingOrgName} />
        </Form.Item>
        <Form.Item name="address" label={f.address}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={`${f.lat} / ${f.lng}`}>
          <Form.Item name="lat" noStyle>
            <InputNumber min={-90} max={90} step={0.0001} placeholder={f.lat} />
          </Form.Item>{" "}
          <Form.Item name="lng" noStyle>
            <InputNumber min={-180} max={180} step={0.0001} placeholder={f.lng} />
          </Form.Item>
        </Form.Item>
        <Form.Item name="namedOn" label={f.namedOn} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="namedBy" label={f.namedBy}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="termYears" label={f.termYears}>
          <InputNumber min={1} max={10} />
        </Form.Item>
        <Form.Item name="openingHours" label={f.openingHours}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="closedDays" label={f.closedDays}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="contactPhone" label={f.contactPhone}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="photoIds" label={f.photoIds}>
          <MaterialPicker maxCount={30} />
        </Form.Item>
        <Form.Item name="documentIds" label={f.documentIds}>
          <MaterialPicker maxCount={30} />
        </Form.Item>
        <Form.Item name="description" label={f.description}>
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
