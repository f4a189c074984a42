import { InboxOutlined } from "@ant-design/icons";
import { App, Button, DatePicker, Form, Input, Modal, Select, Space, Table, Typography, Upload } from "antd";
import type { RcFile, UploadFile } from "antd/es/upload";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { MAX_MATERIAL_BYTES, type Material } from "../../../contracts/materials";
import { ApiError, api } from "../../app/api";
import { OrgPicker } from "../../app/components/OrgPicker";
import { t } from "../../app/i18n";
import { formatSize, MATERIAL_ACCEPT, titleFromFileName } from "./materialFormat";
import { tagRules, useMaterialTags } from "./materialTags";

type Values = { tags?: string[]; materialDate?: Dayjs | null; description?: string; orgId?: string };
type Result = { uid: string; name: string; outcome: "ok" | "duplicate" | "failed"; message?: string };

/**
 * Uploads several files at once with the same tags, date and description; each file is its own material
 * titled after its file name. Files go one after another so a failure names its file and the rest still go.
 */
export function MaterialUploadModal({
  open,
  onClose,
  onUploaded,
}: {
  open: boolean;
  onClose: () => void;
  onUploaded: (saved: Material[]) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<RcFile[]>([]);
  const [results, setResults] = useState<Result[] | null>(null);
  const [busy, setBusy] = useState(false);
  const tagOptions = useMaterialTags();

  const fileList: UploadFile[] = files.map((f) => ({ uid: f.uid, name: f.name, size: f.size, status: "done" }));

  const submit = async (v: Values) => {
    if (!files.length) {
      message.warning(t("materials.upload.chooseFiles"));
      return;
    }
    setBusy(true);
    const out: Result[] = [];
    const saved: Material[] = [];
    for (const file of files) {
      const body = new FormData();
      body.append("title", titleFromFileName(file.name));
      if (v.tags?.length) body.append("tags", v.tags.join(","));
      if (v.materialDate) body.append("materialDate", v.materialDate.format("YYYY-MM-DD"));
      if (v.description?.trim()) body.append("description", v.description.trim());
      if (v.orgId) body.append("orgId", v.orgId);
      body.append("file", file, file.name);
      try {
        const m = await api.post<Material & { duplicate: boolean }>("/api/materials", body);
        saved.push(m);
        out.push({ uid: file.uid, name: file.name, outcome: m.duplicate ? "duplicate" : "ok" });
      } catch (e) {
        const text = e instanceof ApiError ? (e.fields[0]?.message ?? e.message) : t("common.unknownError");
        out.push({ uid: file.uid, name: file.name, outcome: "failed", message: text });
      }
      setResults([...out]);
    }
    setBusy(false);
    // Keep only what failed, so it can be fixed and sent again.
    setFiles((fs) => fs.filter((f) => out.find((r) => r.uid === f.uid)?.outcome === "failed"));
    if (saved.length) {
      message.success(t("materials.messages.uploaded", { count: saved.length }));
      onUploaded(saved);
    }
  };

  const failed = results?.filter((r) => r.outcome === "failed").length ?? 0;

  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t("materials.upload.title")}
      width={{ xs: "100%", md: 720 }}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>{t("common.close")}</Button>
          <Button
            type="primary"
            loading={busy}
            disabled={!files.length}
            onClick={() => form.submit()}
            data-testid="material-upload-submit"
          >
            {t("materials.upload.submit")}
          </Button>
        </Space>
      }
    >
      <Form form={form} name="material-upload" layout="vertical" onFinish={submit} disabled={busy}>
        <Form.Item label={t("materials.fields.files")} required>
          <Upload.Dragger
            accept={MATERIAL_ACCEPT}
            multiple
            fileList={fileList}
            beforeUpload={(f) => {
              if (f.size > MAX_MATERIAL_BYTES) {
                message.error(
                  t("materials.messages.tooLarge", { name: f.name, limit: formatSize(MAX_MATERIAL_BYTES) }),
                );
                return Upload.LIST_IGNORE;
              }
              setFiles((fs) => [...fs, f]);
              return false;
            }}
            onRemove={(f) => {
              setFiles((fs) => fs.filter((x) => x.uid !== f.uid));
              return true;
            }}
            data-testid="material-upload-files"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t("materials.upload.dragText")}</p>
            <p className="ant-upload-hint" style={{ padding: "0 12px" }}>
              {t("materials.upload.dragHint", { limit: formatSize(MAX_MATERIAL_BYTES) })}
            </p>
          </Upload.Dragger>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("materials.upload.titleHint")}
          </Typography.Text>
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
            data-testid="material-upload-tags"
          />
        </Form.Item>
        <Space wrap size={16} style={{ width: "100%" }} align="start">
          <Form.Item name="materialDate" label={t("materials.fields.materialDate")}>
            <DatePicker style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="orgId" label={t("materials.fields.org")} extra={t("materials.upload.orgHint")}>
            <OrgPicker style={{ width: 280, maxWidth: "100%" }} />
          </Form.Item>
        </Space>
        <Form.Item name="description" label={t("materials.fields.description")}>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      </Form>
      {results && (
        <Table<Result>
          size="small"
          rowKey="uid"
          pagination={false}
          data-testid="material-upload-results"
          title={() => t("materials.upload.summary", { ok: results.length - failed, failed })}
          dataSource={results}
          columns={[
            { key: "name", dataIndex: "name", title: t("materials.fields.fileName"), ellipsis: true },
            {
              key: "outcome",
              title: t("materials.fields.status"),
              render: (_: unknown, r) =>
                r.outcome === "failed" ? (
                  <Typography.Text type="danger">
                    {t("materials.upload.resultFailed")}：{r.message}
                  </Typography.Text>
                ) : r.outcome === "duplicate" ? (
                  <Typography.Text type="warning">{t("materials.upload.resultDuplicate")}</Typography.Text>
                ) : (
                  <Typography.Text type="success">{t("materials.upload.resultOk")}</Typography.Text>
                ),
            },
          ]}
        />
      )}
    </Modal>
  );
}
