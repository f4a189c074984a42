import { PaperClipOutlined, UploadOutlined } from "@ant-design/icons";
import { App, Button, Select, Space, Tag, Typography, Upload } from "antd";
import { useRef, useState } from "react";
import type { Material } from "../../../../contracts/materials";
import { ApiError, api, type Page } from "../../../app/api";
import { t } from "../../../app/i18n";

export type Evidence = { id: string; title: string; fileName: string };

/** The material library's limit for one file. */
const MAX_SIZE = 20 * 1024 * 1024;

/**
 * Picks a material already in the library (within the user's material scope) by typing part of its title
 * (server-side search, 20 at a time); the chosen one is handed over and the picker clears.
 */
function LibraryPicker({ exclude, onPick }: { exclude: string[]; onPick: (m: Evidence) => void }) {
  const [options, setOptions] = useState<{ value: string; label: string; m: Evidence }[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const search = (q: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      setLoading(true);
      try {
        const page = await api.get<Page<Material>>("/api/materials", { q: q.trim() || undefined, pageSize: 20 });
        setOptions(
          page.items.map((m) => ({
            value: m.id,
            label: `${m.title}（${m.fileName}）`,
            m: { id: m.id, title: m.title, fileName: m.fileName },
          })),
        );
      } catch {
        setOptions([]);
      } finally {
        setLoading(false);
      }
    }, 250);
  };

  return (
    <Select
      style={{ minWidth: 240 }}
      value={null}
      onChange={(id: string) => {
        const o = options.find((x) => x.value === id);
        if (o) onPick(o.m);
      }}
      showSearch={{ filterOption: false, onSearch: search }}
      onFocus={() => options.length === 0 && search("")}
      options={options.filter((o) => !exclude.includes(o.value))}
      loading={loading}
      placeholder={t("plans.evidence.pick")}
      notFoundContent={loading ? t("plans.evidence.searching") : t("plans.evidence.noMatch")}
      data-testid="evidence-pick"
    />
  );
}

/**
 * Evidence for a report or a rectification: each file goes into the material library (stored once, typed by its
 * content on the server), or is picked from the library, and the form keeps its id. A form field: value/onChange
 * are the evidence list.
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
      <Space size={[8, 6]} wrap>
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
        <LibraryPicker
          exclude={value.map((v) => v.id)}
          onPick={(m) => {
            if (!value.some((v) => v.id === m.id)) onChange?.([...value, m]);
          }}
        />
      </Space>
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

/**
 * Evidence files as links that download them through the plan (/api/plans/:id/evidence/…), so whoever sees the
 * report or rectification opens its files — the lead unit its co-units' — whatever its material library scope.
 */
export function EvidenceLinks({ planId, evidence }: { planId: string; evidence: Evidence[] }) {
  if (evidence.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={[8, 2]} wrap>
      {evidence.map((e) => (
        <Typography.Link
          key={e.id}
          href={`/api/plans/${planId}/evidence/${e.id}/download`}
          target="_blank"
          rel="noreferrer"
        >
          <PaperClipOutlined /> {e.fileName}
        </Typography.Link>
      ))}
    </Space>
  );
}
