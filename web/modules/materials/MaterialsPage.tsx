import { DownloadOutlined, EditOutlined, EyeOutlined, UploadOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { App, Button, Divider, Grid, Popconfirm, Space, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import type { Material, MaterialKind } from "../../../contracts/materials";
import { api } from "../../app/api";
import { useAuth } from "../../app/auth";
import { DetailDrawer } from "../../app/components/DetailDrawer";
import { type ListColumn, type ListFilter, ListPage } from "../../app/components/ListPage";
import { StatusTag } from "../../app/components/StatusTag";
import { formatDate, formatTime } from "../../app/format";
import { t } from "../../app/i18n";
import { MaterialEditModal } from "./MaterialEditModal";
import { MaterialIcon } from "./MaterialList";
import { materialKey } from "./MaterialPicker";
import { MaterialPreviewModal, useMaterialDownload } from "./MaterialPreview";
import { MaterialUploadModal } from "./MaterialUploadModal";
import { formatSize, isPreviewable, materialPreviewUrl } from "./materialFormat";
import { useMaterialTags } from "./materialTags";

/** ListPage id of the library; the picker invalidates the same key after an upload. */
const LIST_ID = "materials";
const label = (key: string) => t(`materials.fields.${key}`);
const KINDS: MaterialKind[] = ["image", "pdf", "office", "video", "text"];
const STATUS_LABELS = {
  active: { color: "green", label: t("materials.statuses.active") },
  archived: { color: "default", label: t("materials.statuses.archived") },
};

function Tags({ tags }: { tags: string[] }) {
  if (!tags.length) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={[4, 4]} wrap>
      {tags.map((x) => (
        <Tag key={x} color="blue" variant="outlined">
          {x}
        </Tag>
      ))}
    </Space>
  );
}

/** 资料库: the evidence files of the units in the user's scope; upload, preview, download, tag, archive. */
export default function MaterialsPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  // On a phone nothing is pinned: pinned name and action columns would cover each other.
  const wide = !!Grid.useBreakpoint().md;
  const tagOptions = useMaterialTags();
  const { download, busy } = useMaterialDownload();
  const [detail, setDetail] = useState<Material | null>(null);
  const [preview, setPreview] = useState<Material | null>(null);
  const [editing, setEditing] = useState<Material | null>(null);
  const [uploadOpen, setUploadOpen] = useState(false);
  const [uploadKey, setUploadKey] = useState(0);

  const refresh = () => qc.invalidateQueries({ queryKey: [LIST_ID] });
  const updated = (m: Material) => {
    qc.setQueryData(materialKey(m.id), m);
    if (detail?.id === m.id) setDetail(m);
    refresh();
  };

  const setStatus = async (m: Material, action: "archive" | "restore") => {
    try {
      const saved = await api.post<Material>(`/api/materials/${m.id}/${action}`);
      message.success(
        t(action === "archive" ? "materials.messages.archived" : "materials.messages.restored", { title: m.title }),
      );
      updated(saved);
    } catch (e) {
      message.error({ content: (e as Error).message, duration: 6 });
    }
  };

  const filters: ListFilter[] = useMemo(
    () => [
      {
        name: "q",
        label: t("common.keyword"),
        type: "text",
        placeholder: t("materials.filters.keywordPlaceholder"),
      },
      { name: "tag", label: t("materials.filters.tag"), type: "select", options: tagOptions },
      {
        name: "kind",
        label: label("kind"),
        type: "select",
        options: KINDS.map((k) => ({ value: k, label: t(`materials.kinds.${k}`) })),
      },
      { name: "orgId", label: t("materials.filters.org"), type: "org" },
      { name: "mine", label: t("materials.filters.mine"), type: "boolean" },
      { name: "materialDate", label: t("materials.filters.materialDate"), type: "dateRange" },
      {
        name: "status",
        label: label("status"),
        type: "select",
        options: (["active", "archived"] as const).map((s) => ({ value: s, label: STATUS_LABELS[s].label })),
      },
    ],
    [tagOptions],
  );

  const actions = (m: Material) => (
    <Space separator={<Divider orientation="vertical" />} size={0} wrap>
      {isPreviewable(m) && (
        <Typography.Link onClick={() => setPreview(m)} data-testid="material-preview">
          {t("materials.actions.preview")}
        </Typography.Link>
      )}
      <Typography.Link onClick={() => download(m)} disabled={busy === m.id} data-testid="material-download">
        {t("materials.actions.download")}
      </Typography.Link>
      {can("material:update") && m.status === "active" && (
        <Typography.Link onClick={() => setEditing(m)} data-testid="material-edit">
          {t("materials.actions.edit")}
        </Typography.Link>
      )}
      {can("material:archive") &&
        (m.status === "active" ? (
          <Popconfirm
            title={t("materials.confirm.archive", { title: m.title })}
            description={<div style={{ maxWidth: 280 }}>{t("materials.confirm.archiveHint")}</div>}
            okText={t("materials.actions.archive")}
            cancelText={t("common.cancel")}
            okButtonProps={{ danger: true }}
            onConfirm={() => setStatus(m, "archive")}
          >
            <Typography.Link type="danger" data-testid="material-archive">
              {t("materials.actions.archive")}
            </Typography.Link>
          </Popconfirm>
        ) : (
          <Typography.Link onClick={() => setStatus(m, "restore")} data-testid="material-restore">
            {t("materials.actions.restore")}
          </Typography.Link>
        ))}
    </Space>
  );

  const columns: ListColumn<Material>[] = [
    {
      key: "title",
      title: label("title"),
      dataIndex: "title",
      sortField: "title",
      fixed: wide ? "left" : undefined,
      width: 240,
      render: (title: string, m) => (
        <Space size={8} style={{ minWidth: 0 }}>
          <MaterialIcon mimeType={m.mimeType} />
          <div style={{ minWidth: 0, maxWidth: 190 }}>
            <Typography.Link
              onClick={() => setDetail(m)}
              ellipsis
              style={{ display: "block", maxWidth: 190 }}
              data-testid="material-title"
            >
              {title}
            </Typography.Link>
            <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, display: "block", maxWidth: 190 }}>
              {m.fileName}
            </Typography.Text>
          </div>
        </Space>
      ),
    },
    { key: "kind", title: label("kind"), dataIndex: "kind", render: (k: MaterialKind) => t(`materials.kinds.${k}`) },
    { key: "tags", title: label("tags"), dataIndex: "tags", render: (tags: string[]) => <Tags tags={tags} /> },
    { key: "size", title: label("size"), dataIndex: "size", sortField: "size", render: formatSize, align: "right" },
    {
      key: "materialDate",
      title: label("materialDate"),
      dataIndex: "materialDate",
      sortField: "materialDate",
      render: (d: string | null) => d ?? "—",
    },
    { key: "org", title: label("org"), dataIndex: "orgName" },
    { key: "owner", title: label("owner"), dataIndex: "ownerName", defaultHidden: true },
    {
      key: "createdAt",
      title: label("createdAt"),
      dataIndex: "createdAt",
      sortField: "createdAt",
      render: formatDate,
    },
    {
      key: "status",
      title: label("status"),
      dataIndex: "status",
      render: (s: string) => <StatusTag status={s} labels={STATUS_LABELS} />,
      defaultHidden: true,
    },
    {
      key: "actions",
      title: t("common.actions"),
      fixed: wide ? "right" : undefined,
      width: 190,
      render: (_: unknown, m) => actions(m),
    },
  ];

  const toolbar = can("material:upload") && (
    <Button
      type="primary"
      icon={<UploadOutlined />}
      onClick={() => {
        setUploadKey((k) => k + 1);
        setUploadOpen(true);
      }}
      data-testid="material-upload"
    >
      {t("materials.actions.upload")}
    </Button>
  );

  const detailItems = (m: Material) => [
    { label: label("title"), value: m.title },
    { label: label("fileName"), value: m.fileName },
    { label: label("kind"), value: t(`materials.kinds.${m.kind}`) },
    { label: label("size"), value: formatSize(m.size) },
    { label: label("tags"), value: <Tags tags={m.tags} /> },
    { label: label("materialDate"), value: m.materialDate ?? "—" },
    { label: label("description"), value: m.description || "—" },
    { label: label("org"), value: m.orgName },
    { label: label("owner"), value: m.ownerName },
    { label: label("status"), value: <StatusTag status={m.status} labels={STATUS_LABELS} /> },
    {
      label: label("fileHash"),
      value: (
        <Typography.Text copyable style={{ fontFamily: "monospace", fontSize: 12, wordBreak: "break-all" }}>
          {m.fileHash}
        </Typography.Text>
      ),
    },
    { label: label("createdAt"), value: formatTime(m.createdAt) },
    { label: label("updatedAt"), value: formatTime(m.updatedAt) },
  ];

  return (
    <>
      <ListPage<Material>
        id={LIST_ID}
        url="/api/materials"
        title={t("materials.listTitle")}
        toolbar={toolbar}
        filters={filters}
        columns={columns}
      />

      <DetailDrawer
        open={!!detail}
        onClose={() => setDetail(null)}
        title={detail ? `${t("materials.detail.title")} · ${detail.title}` : ""}
        items={detail ? detailItems(detail) : []}
        historyUrl={detail ? `/api/materials/${detail.id}/history` : undefined}
        extra={
          detail && (
            <Space>
              <Button icon={<DownloadOutlined />} onClick={() => download(detail)} loading={busy === detail.id}>
                {t("materials.actions.download")}
              </Button>
              {can("material:update") && detail.status === "active" && (
                <Button icon={<EditOutlined />} onClick={() => setEditing(detail)}>
                  {t("materials.actions.edit")}
                </Button>
              )}
            </Space>
          )
        }
      >
        {detail && (
          <div style={{ marginTop: 16 }}>
            {detail.mimeType.startsWith("image/") ? (
              <button
                type="button"
                onClick={() => setPreview(detail)}
                style={{ border: 0, padding: 0, background: "none", cursor: "zoom-in", display: "block" }}
                aria-label={t("materials.actions.preview")}
              >
                <img
                  src={materialPreviewUrl(detail.id)}
                  alt={detail.title}
                  style={{ maxWidth: "100%", maxHeight: 240, borderRadius: 6, border: "1px solid #f0f0f0" }}
                />
              </button>
            ) : isPreviewable(detail) ? (
              <Button icon={<EyeOutlined />} onClick={() => setPreview(detail)}>
                {t("materials.actions.preview")}
              </Button>
            ) : (
              <Typography.Text type="secondary">{t("materials.noPreview")}</Typography.Text>
            )}
          </div>
        )}
      </DetailDrawer>

      <MaterialPreviewModal material={preview} onClose={() => setPreview(null)} />
      <MaterialEditModal
        key={editing?.id ?? "none"}
        material={editing}
        onClose={() => setEditing(null)}
        onSaved={(m) => {
          setEditing(null);
          updated(m);
        }}
      />
      <MaterialUploadModal
        key={`upload-${uploadKey}`}
        open={uploadOpen}
        onClose={() => setUploadOpen(false)}
        onUploaded={(saved) => {
          for (const m of saved) qc.setQueryData(materialKey(m.id), m);
          refresh();
        }}
      />
    </>
  );
}
