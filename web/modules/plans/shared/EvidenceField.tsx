import { PaperClipOutlined, UploadOutlined } from "@ant-design/icons";
import { App, Button, Space, Tag, Typography, Upload } from "antd";
import { useState } from "react";
import { ApiError, api } from "../../../app/api";
import { t } from "../../../app/i18n";

export type Evidence = { id: string; title: string; fileName: string };

/** The material library's limit for one file. */
const MAX_SIZE = 20 * 1024 * 1024;

/**
 * Evidence for a report or a rectification: each file goes into the material library (stored once, typed by its
 * content on the server) and the form keeps its id. A form field: value/onChange are the evidence list.
 */
export function EvidenceField({
  value = [],
  onChange,
  tag,
}: {
  value?: Evidence[];
  onChange?: (v: Evidence[]) => void;
  /** The library tag the uploads get (进度报送, 整改). */
  tag: string;
}) {
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(false);

  const upload = async (file: File) => {
    if (file.size > MAX_SIZE) {
      message.error(t("plans.evidence.tooLarge"));
      return;
    }
    setUploading(true);
    const body = new FormData();
    body.append("title", file.name.replace(/\.[^.]+$/, "").slice(0, 100) || file.name);
    body.append("tags", tag);
    body.append("file", file, file.name);
    try {
      const m = await api.post<Evidence>("/api/materials", body);
      if (!value.some((v) => v.id === m.id)) onChange?.([...value, { id: m.id, title: m.title, fileName: m.fileName }]);
      message.success(t("plans.evidence.uploaded", { name: file.name }));
    } catch (e) {
      message.error(e instanceof ApiError ? (e.fields[0]?.message ?? e.message) : t("common.unknownError"));
    } finally {
      setUploading(false);
    }
  };

  return (
    <Space orientation="vertical" size={6} style={{ width: "100%" }}>
      <Upload
        showUploadList={false}
        multiple={false}
        beforeUpload={(f) => {
          void upload(f);
          return Upload.LIST_IGNORE;
        }}
      >
        <Button icon={<UploadOutlined />} loading={uploading} data-testid="evidence-upload">
          {t("plans.evidence.upload")}
        </Button>
      </Upload>
      {value.length === 0 ? (
        <Typography.Text type="secondary">{t("plans.evidence.none")}</Typography.Text>
      ) : (
        <Space size={[4, 4]} wrap data-testid="evidence-list">
          {value.map((e) => (
            <Tag
              key={e.id}
              icon={<PaperClipOutlined />}
              closable
              onClose={(ev) => {
                ev.preventDefault();
                onChange?.(value.filter((v) => v.id !== e.id));
              }}
            >
              {e.fileName}
            </Tag>
          ))}
        </Space>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t("plans.evidence.hint")}
      </Typography.Text>
    </Space>
  );
}

/** Evidence files as links that download them from the material library. */
export function EvidenceLinks({ evidence }: { evidence: Evidence[] }) {
  if (evidence.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={[8, 2]} wrap>
      {evidence.map((e) => (
        <Typography.Link key={e.id} href={`/api/materials/${e.id}/download`} target="_blank" rel="noreferrer">
          <PaperClipOutlined /> {e.fileName}
        </Typography.Link>
      ))}
    </Space>
  );
}
