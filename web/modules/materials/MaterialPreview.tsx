import { DownloadOutlined, ExportOutlined } from "@ant-design/icons";
import { App, Button, Modal, Space, Typography } from "antd";
import { useState } from "react";
import { download } from "../../app/api";
import { t } from "../../app/i18n";
import { formatSize, type MaterialRef, materialDownloadUrl, materialPreviewUrl } from "./materialFormat";

/** Downloads a material under its file name (the server records the download); failures as a message. */
export function useMaterialDownload() {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const start = async (m: MaterialRef) => {
    setBusy(m.id);
    try {
      await download(materialDownloadUrl(m.id), undefined, m.fileName);
    } catch (e) {
      message.error(t("materials.messages.downloadFailed", { message: (e as Error).message }));
    } finally {
      setBusy(null);
    }
  };
  return { download: start, busy };
}

/** A material shown in the browser: images as an image, PDFs in a frame; with download beside. */
export function MaterialPreviewModal({ material, onClose }: { material: MaterialRef | null; onClose: () => void }) {
  const { download: downloadMaterial, busy } = useMaterialDownload();
  const m = material;
  return (
    <Modal
      open={!!m}
      onCancel={onClose}
      destroyOnHidden
      width={{ xs: "100%", md: 880 }}
      centered
      title={
        m && (
          <Space size={8} wrap>
            <span>{m.title}</span>
            <Typography.Text type="secondary" style={{ fontWeight: "normal", fontSize: 13 }}>
              {m.fileName} · {formatSize(m.size)}
            </Typography.Text>
          </Space>
        )
      }
      footer={
        m && (
          <Space wrap>
            <Button icon={<ExportOutlined />} href={materialPreviewUrl(m.id)} target="_blank" rel="noopener">
              {t("materials.actions.openNewWindow")}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              loading={busy === m.id}
              onClick={() => downloadMaterial(m)}
              data-testid="material-preview-download"
            >
              {t("materials.actions.download")}
            </Button>
            <Button type="primary" onClick={onClose}>
              {t("common.close")}
            </Button>
          </Space>
        )
      }
    >
      {m &&
        (m.mimeType.startsWith("image/") ? (
          <div style={{ textAlign: "center", background: "#fafafa", padding: 8 }}>
            <img
              src={materialPreviewUrl(m.id)}
              alt={m.title}
              style={{ maxWidth: "100%", maxHeight: "70vh", objectFit: "contain" }}
              data-testid="material-preview-image"
            />
          </div>
        ) : (
          <iframe
            title={m.title}
            src={materialPreviewUrl(m.id)}
            style={{ width: "100%", height: "70vh", border: "1px solid #f0f0f0" }}
            data-testid="material-preview-frame"
          />
        ))}
    </Modal>
  );
}
