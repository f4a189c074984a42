import { UploadOutlined } from "@ant-design/icons";
import { App, Button, DatePicker, Form, Input, Select, Upload } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import type { PolicyInput, PolicyView } from "../../../contracts/content";
import { api } from "../../app/api";
import { FormDrawer, useServerForm } from "../../app/components/FormDrawer";
import { MaterialPicker } from "../materials/MaterialPicker";
import { LEVEL_OPTIONS, TOPIC_OPTIONS, VALIDITY_OPTIONS } from "./labels";
import { contentZh } from "./zh-CN";

const z = contentZh.policies;
type Values = Omit<PolicyInput, "writtenOn" | "publishedOn"> & { writtenOn?: Dayjs | null; publishedOn: Dayjs };

/** 录入 / 修改 a policy document; its full text typed, pasted or extracted from a .docx. */
export function PolicyForm({
  policy,
  onClose,
  onSaved,
}: {
  policy?: PolicyView;
  onClose: () => void;
  onSaved: (p: PolicyView) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { saving, error, run } = useServerForm(form);
  const [extracting, setExtracting] = useState(false);
  const f = z.fields;
  const initial = policy
    ? {
        ...policy,
        writtenOn: policy.writtenOn ? dayjs(policy.writtenOn) : null,
        publishedOn: dayjs(policy.publishedOn),
        attachmentIds: policy.attachments.map((a) => a.id),
      }
    : { validity: "valid", attachmentIds: [], topic: "ethnic_work", level: "normative" };
  const save = (v: Values) =>
    run(async () => {
      const body = {
        ...v,
        writtenOn: v.writtenOn ? v.writtenOn.format("YYYY-MM-DD") : null,
        publishedOn: v.publishedOn.format("YYYY-MM-DD"),
        replacedById: v.replacedById || null,
        attachmentIds: v.attachmentIds ?? [],
      };
      const saved = policy
        ? await api.put<PolicyView>(`/api/policies/${policy.id}`, body)
        : await api.post<PolicyView>("/api/policies", body);
      onSaved(saved);
    });
  const extract = async (file: File) => {
    setExtracting(true);
    try {
      const body = new FormData();
      body.append("file", file);
      const res = await api.post<{ text: string; warnings: string[] }>("/api/policies/extract-text", body);
      form.setFieldValue("body", res.text);
      if (!form.getFieldValue("title")) form.setFieldValue("title", file.name.replace(/\.[^.]+$/, ""));
      void message.success(z.extracted);
      for (const w of res.warnings) void message.warning(w);
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setExtracting(false);
    }
    return false;
  };
  return (
    <FormDrawer open onClose={onClose} title={policy ? z.edit : z.create} form={form} saving={saving} error={error}>
      <Form form={form} layout="vertical" initialValues={initial as never} onFinish={save}>
        <Form.Item label={z.extract} extra={z.extractHint}>
          <Upload accept=".docx,.txt" showUploadList={false} beforeUpload={(file) => extract(file)}>
            <Button icon={<UploadOutlined />} loading={extracting}>
              {z.extract}
            </Button>
          </Upload>
        </Form.Item>
        <Form.Item name="title" label={f.title} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="issuer" label={f.issuer} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="docNumber" label={f.docNumber}>
          <Input maxLength={60} placeholder="如：通民委发〔2026〕3号" />
        </Form.Item>
        <Form.Item name="writtenOn" label={f.writtenOn}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="publishedOn" label={f.publishedOn} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="topic" label={f.topic} rules={[{ required: true }]}>
          <Select options={TOPIC_OPTIONS} />
        </Form.Item>
        <Form.Item name="level" label={f.level} rules={[{ required: true }]}>
          <Select options={LEVEL_OPTIONS} />
        </Form.Item>
        <Form.Item name="validity" label={f.validity} rules={[{ required: true }]}>
          <Select options={VALIDITY_OPTIONS} />
        </Form.Item>
        <Form.Item noStyle dependencies={["validity"]}>
          {({ getFieldValue }) =>
            getFieldValue("validity") !== "valid" && (
              <Form.Item name="replacedById" label={f.replacedById}>
                <PolicySelect exclude={policy?.id} initialTitle={policy?.replacedByTitle ?? undefined} />
              </Form.Item>
            )
          }
        </Form.Item>
        <Form.Item name="body" label={f.body} rules={[{ required: true }]}>
          <Input.TextArea rows={12} />
        </Form.Item>
        <Form.Item name="attachmentIds" label={f.attachmentIds}>
          <MaterialPicker maxCount={20} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

/** Picks another document by searching titles (for 替代文件). */
function PolicySelect({
  value,
  onChange,
  exclude,
  initialTitle,
}: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  exclude?: string;
  initialTitle?: string;
}) {
  const [options, setOptions] = useState<{ value: string; label: string }[]>(
    value && initialTitle ? [{ value, label: initialTitle }] : [],
  );
  const search = async (q: string) => {
    if (!q.trim()) return;
    const res = await api.get<{ items: { id: string; title: string }[] }>("/api/public/policies", { q, pageSize: 20 });
    setOptions(res.items.filter((p) => p.id !== exclude).map((p) => ({ value: p.id, label: p.title })));
  };
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: (q) => void search(q) }}
      allowClear
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      placeholder="输入标题中的字词查找"
    />
  );
}
