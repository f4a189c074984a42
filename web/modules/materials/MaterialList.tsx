import {
  DeleteOutlined,
  DownloadOutlined,
  EyeOutlined,
  FileExcelOutlined,
  FileImageOutlined,
  FileOutlined,
  FilePdfOutlined,
  FilePptOutlined,
  FileTextOutlined,
  FileWordOutlined,
  VideoCameraOutlined,
} from "@ant-design/icons";
import { App, Button, Tooltip, Typography } from "antd";
import { type ReactNode, useState } from "react";
import { download as fetchDownload } from "../../app/api";
import { t } from "../../app/i18n";
import { MaterialPreviewModal, useMaterialDownload } from "./MaterialPreview";
import { formatSize, isPreviewable, type MaterialRef } from "./materialFormat";

export function MaterialIcon({ mimeType }: { mimeType: string }) {
  const style = { fontSize: 20 };
  if (mimeType.startsWith("image/")) return <FileImageOutlined style={{ ...style, color: "#13a8a8" }} />;
  if (mimeType === "application/pdf") return <FilePdfOutlined style={{ ...style, color: "#cf1322" }} />;
  if (mimeType.startsWith("video/")) return <VideoCameraOutlined style={{ ...style, color: "#722ed1" }} />;
  if (mimeType.includes("word")) return <FileWordOutlined style={{ ...style, color: "#1677ff" }} />;
  if (mimeType.includes("sheet") || mimeType.includes("excel"))
    return <FileExcelOutlined style={{ ...style, color: "#389e0d" }} />;
  if (mimeType.includes("presentation") || mimeType.includes("powerpoint"))
    return <FilePptOutlined style={{ ...style, color: "#d46b08" }} />;
  if (mimeType.startsWith("text/")) return <FileTextOutlined style={{ ...style, color: "#595959" }} />;
  return <FileOutlined style={style} />;
}

/** Where a material's file is read from when not through the library. */
export type MaterialHrefs = { preview: string; download: string };

/** Downloads from a given address under the material's file name; failures as a message. */
function useDownloadFrom() {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const start = async (m: MaterialRef, url: string) => {
    setBusy(m.id);
    try {
      await fetchDownload(url, undefined, m.fileName);
    } catch (e) {
      message.error(t("materials.messages.downloadFailed", { message: (e as Error).message }));
    } finally {
      setBusy(null);
    }
  };
  return { download: start, busy };
}

/**
 * Evidence files shown read-only: name, file name and size, with preview (images, PDF) and download.
 * Takes the `materialRef` shape other modules return (id, title, fileName, mimeType, size).
 * With `onRemove` each row also gets a remove button (MaterialPicker uses it).
 * With `hrefFor` the files are read from the addresses it gives rather than the library (an application's
 * evidence, which its experts may open without access to the library): preview opens in a new window.
 */
export function MaterialList({
  items,
  onRemove,
  disabled,
  emptyText,
  extra,
  hrefFor,
}: {
  items: MaterialRef[];
  onRemove?: (id: string) => void;
  disabled?: boolean;
  emptyText?: ReactNode;
  /** Something to show at the end of a row (a status, a note). */
  extra?: (m: MaterialRef) => ReactNode;
  hrefFor?: (m: MaterialRef) => MaterialHrefs;
}) {
  const [preview, setPreview] = useState<MaterialRef | null>(null);
  const library = useMaterialDownload();
  const from = useDownloadFrom();
  const busy = hrefFor ? from.busy : library.busy;
  const download = (m: MaterialRef) => (hrefFor ? from.download(m, hrefFor(m).download) : library.download(m));
  if (!items.length)
    return (
      <Typography.Text type="secondary" data-testid="material-list-empty">
        {emptyText ?? t("materials.list.empty")}
      </Typography.Text>
    );
  return (
    <div data-testid="material-list" style={{ display: "flex", flexDirection: "column", gap: 4 }}>
      {items.map((m) => (
        <div
          key={m.id}
          data-testid="material-item"
          style={{
            display: "flex",
            alignItems: "center",
            gap: 8,
            padding: "6px 8px",
            border: "1px solid #f0f0f0",
            borderRadius: 6,
            background: "#fff",
            minWidth: 0,
          }}
        >
          <MaterialIcon mimeType={m.mimeType} />
          <div style={{ flex: 1, minWidth: 0, lineHeight: 1.35 }}>
            <Typography.Text ellipsis={{ tooltip: m.title }} style={{ display: "block" }}>
              {m.title}
            </Typography.Text>
            <div style={{ display: "flex", minWidth: 0, fontSize: 12, gap: 4 }}>
              <Typography.Text
                type="secondary"
                ellipsis={{ tooltip: m.fileName }}
                style={{ fontSize: 12, minWidth: 0 }}
              >
                {m.fileName}
              </Typography.Text>
              {m.size > 0 && (
                <Typography.Text type="secondary" style={{ fontSize: 12, flex: "none" }}>
                  · {formatSize(m.size)}
                </Typography.Text>
              )}
            </div>
          </div>
          {extra?.(m)}
          {isPreviewable(m) && (
            <Tooltip title={hrefFor ? t("materials.actions.openNewWindow") : t("materials.actions.preview")}>
              <Button
                type="text"
                size="small"
                icon={<EyeOutlined />}
                aria-label={t("materials.actions.preview")}
                {...(hrefFor
                  ? { href: hrefFor(m).preview, target: "_blank", rel: "noopener" }
                  : { onClick: () => setPreview(m) })}
                data-testid="material-item-preview"
              />
            </Tooltip>
          )}
          {m.mimeType !== "" && (
            <Tooltip title={t("materials.actions.download")}>
              <Button
                type="text"
                size="small"
                icon={<DownloadOutlined />}
                aria-label={t("materials.actions.download")}
                loading={busy === m.id}
                onClick={() => download(m)}
                data-testid="material-item-download"
              />
            </Tooltip>
          )}
          {onRemove && (
            <Tooltip title={t("materials.actions.remove")}>
              <Button
                type="text"
                size="small"
                danger
                disabled={disabled}
                icon={<DeleteOutlined />}
                aria-label={t("materials.actions.remove")}
                onClick={() => onRemove(m.id)}
                data-testid="material-item-remove"
              />
            </Tooltip>
          )}
        </div>
      ))}
      {!hrefFor && <MaterialPreviewModal material={preview} onClose={() => setPreview(null)} />}
    </div>
  );
}
