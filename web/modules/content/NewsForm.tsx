import { Form, Input, Select } from "antd";
import type { NewsInput, NewsView } from "../../../contracts/content";
import { api } from "../../app/api";
import { FormDrawer, useServerForm } from "../../app/components/FormDrawer";
import { MaterialPicker } from "../materials/MaterialPicker";
import { CATEGORY_OPTIONS } from "./labels";
import { contentZh } from "./zh-CN";

const z = contentZh.news;

/** 写新闻 / 修改新闻 (the author's organization, while the article is a draft). */
export function NewsForm({
  news,
  onClose,
  onSaved,
}: {
  news?: NewsView;
  onClose: () => void;
  onSaved: (n: NewsView) => void;
}) {
  const [form] = Form.useForm<NewsInput & { cover: string[] }>();
  const { saving, error, run } = useServerForm(form);
  const f = z.fields;
  const initial = news
    ? { ...news, cover: news.coverId ? [news.coverId] : [] }
    : { category: "work", photoIds: [], cover: [], titleMn: "", bodyMn: "" };
  const save = (v: NewsInput & { cover: string[] }) =>
    run(async () => {
      const { cover, ...rest } = v;
      const body = { ...rest, coverId: cover?.[0] ?? null, photoIds: rest.photoIds ?? [] };
      const saved = news
        ? await api.put<NewsView>(`/api/news/${news.id}`, body)
        : await api.post<NewsView>("/api/news", body);
      onSaved(saved);
    });
  return (
    <FormDrawer open onClose={onClose} title={news ? z.edit : z.create} form={form} saving={saving} error={error}>
      <Form form={form} layout="vertical" initialValues={initial as never} onFinish={save}>
        <Form.Item name="title" label={f.title} rules={[{ required: true }]}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="category" label={f.category} rules={[{ required: true }]}>
          <Select options={CATEGORY_OPTIONS} />
        </Form.Item>
        <Form.Item name="summary" label={f.summary}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item name="body" label={f.body} rules={[{ required: true }]} extra={z.bodyHint}>
          <Input.TextArea rows={10} maxLength={50000} />
        </Form.Item>
        <Form.Item name="cover" label={f.coverId}>
          <MaterialPicker maxCount={1} />
        </Form.Item>
        <Form.Item name="photoIds" label={f.photoIds}>
          <MaterialPicker maxCount={30} />
        </Form.Item>
        <Form.Item name="source" label={f.source}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="titleMn" label={f.titleMn} extra={z.mnHint}>
          <Input maxLength={200} lang="mn-Mong" />
        </Form.Item>
        <Form.Item name="bodyMn" label={f.bodyMn}>
          <Input.TextArea rows={6} maxLength={50000} lang="mn-Mong" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
