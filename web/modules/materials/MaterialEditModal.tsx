import { Alert, App, DatePicker, Form, Input, Modal, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import type { Material } from "../../../contracts/materials";
import { api } from "../../app/api";
import { useServerForm } from "../../app/components/FormDrawer";
import { t } from "../../app/i18n";
import { tagRules, useMaterialTags } from "./materialTags";

type Values = { title: string; materialDate: Dayjs | null; tags: string[]; description: string };

/** Edits a material's title, date, tags and description (the file itself never changes). Mount with a new key. */
export function MaterialEditModal({
  material,
  onClose,
  onSaved,
}: {
  material: Material | null;
  onClose: () => void;
  onSaved: (m: Material) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { saving, error, run } = useServerForm(form);
  const tagOptions = useMaterialTags();

  const submit = (v: Values) => {
    if (!material) return;
    return run(async () => {
      const saved = await api.patch<Material>(`/api/materials/${material.id}`, {
        title: v.title.trim(),
        materialDate: v.materialDate ? v.materialDate.format("YYYY-MM-DD") : null,
        tags: v.tags.map((x) => x.trim()).filter(Boolean),
        description: v.description?.trim() ? v.description.trim() : null,
      });
      message.success(t("materials.messages.saved"));
      onSaved(saved);
    });
  };

  return (
    <Modal
      open={!!material}
      onCancel={onClose}
      title={t("materials.edit.title")}
      width={{ xs: "100%", md: 600 }}
      mask={{ closable: false }}
      destroyOnHidden
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      onOk={() => form.submit()}
      okButtonProps={{ "data-testid": "material-edit-submit" }}
    >
      {material && (
        <Form
          form={form}
          name="material-edit"
          layout="vertical"
          onFinish={submit}
          initialValues={{
            title: material.title,
            materialDate: material.materialDate ? dayjs(material.materialDate) : null,
            tags: material.tags,
            description: material.description ?? "",
          }}
        >
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Form.Item
            name="title"
            label={t("materials.fields.title")}
            rules={[{ required: true, whitespace: true, message: t("materials.validation.titleRequired") }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="tags"
            label={t("materials.fields.tags")}
            extra={t("materials.upload.tagsHint")}
            rules={tagRules()}
          >
            <Select
              mode="tags"
              tokenSeparators={[",", "，", "、"]}
              options={tagOptions}
              maxCount={10}
              data-testid="material-edit-tags"
            />
          </Form.Item>
          <Form.Item name="materialDate" label={t("materials.fields.materialDate")}>
            <DatePicker style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="description" label={t("materials.fields.description")}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
