import { LoadingOutlined, SearchOutlined, UploadOutlined } from "@ant-design/icons";
import { useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Select, Space, Tag, Typography, Upload } from "antd";
import { useEffect, useMemo, useRef, useState } from "react";
import { MAX_MATERIAL_BYTES, type Material } from "../../../contracts/materials";
import { ApiError, api, type Page } from "../../app/api";
import { useAuth } from "../../app/auth";
import { t } from "../../app/i18n";
import { MaterialIcon, MaterialList } from "./MaterialList";
import { formatSize, MATERIAL_ACCEPT, type MaterialRef, titleFromFileName } from "./materialFormat";

export { MaterialList } from "./MaterialList";
export type { MaterialRef } from "./materialFormat";

/** The cache key of one material, shared by the picker and the library page. */
export const materialKey = (id: string) => ["material", id] as const;

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

/**
 * Picks evidence files from the user's material library (searched by title, file name or tag) or uploads a
 * new one in place, which is then chosen. The value is the list of material ids, so it sits in a Form.Item:
 *
 *   <Form.Item name="evidenceIds" label="佐证材料"><MaterialPicker maxCount={10} /></Form.Item>
 */
export function MaterialPicker({
  value,
  onChange,
  disabled,
  maxCount = 50,
  id,
  accept = MATERIAL_ACCEPT,
  capture,
  "data-testid": testId = "material-picker",
}: {
  value?: string[] | null;
  onChange?: (ids: string[]) => void;
  disabled?: boolean;
  maxCount?: number;
  /** Set by Form.Item so its label focuses the search box. */
  id?: string;
  /** The upload's file types (default: every type the library takes); "image/*" for photos. */
  accept?: string;
  /** On phones, open the camera for the upload (photos straight from the phone). */
  capture?: boolean;
  "data-testid"?: string;
}) {
  const ids = useMemo(() => value ?? [], [value]);
  const { can } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [search, setSearch] = useState("");
  const [searchOpen, setSearchOpen] = useState(false);
  const [uploading, setUploading] = useState(0);
  const q = useDebounced(search.trim(), 250);
  const full = ids.length >= maxCount;
  // The latest value, so uploads finishing one after another each add to what is chosen by then.
  const idsRef = useRef(ids);
  idsRef.current = ids;

  const chosen = useQueries({
    queries: ids.map((mid) => ({
      queryKey: materialKey(mid),
      queryFn: () => api.get<Material>(`/api/materials/${mid}`),
      staleTime: 5 * 60_000,
      retry: false,
    })),
  });

  const options = useQuery({
    queryKey: ["material-picker", q],
    queryFn: () => api.get<Page<Material>>("/api/materials", { q: q || undefined, pageSize: 20, status: "active" }),
    enabled: searchOpen && !disabled,
    staleTime: 30_000,
  });

  const add = (m: Material) => {
    qc.setQueryData(materialKey(m.id), m);
    const current = idsRef.current;
    if (current.includes(m.id)) return;
    if (current.length >= maxCount) {
      message.warning(t("materials.picker.full", { max: maxCount }));
      return;
    }
    const next = [...current, m.id];
    idsRef.current = next;
    onChange?.(next);
  };
  const remove = (mid: string) => onChange?.(ids.filter((x) => x !== mid));

  const upload = async (file: File) => {
    if (file.size > MAX_MATERIAL_BYTES) {
      message.error(t("materials.messages.tooLarge", { name: file.name, limit: formatSize(MAX_MATERIAL_BYTES) }));
      return;
    }
    setUploading((n) => n + 1);
    const body = new FormData();
    body.append("title", titleFromFileName(file.name));
    body.append("file", file, file.name);
    try {
      const saved = await api.post<Material & { duplicate: boolean }>("/api/materials", body);
      add(saved);
      if (saved.duplicate) message.info(t("materials.messages.duplicateChosen", { title: saved.title }));
      else message.success(t("materials.messages.uploadedChosen", { name: file.name }));
      qc.invalidateQueries({ queryKey: ["material-picker"] });
      qc.invalidateQueries({ queryKey: ["materials"] });
    } catch (e) {
      const text = e instanceof ApiError ? (e.fields[0]?.message ?? e.message) : t("common.unknownError");
      message.error(t("materials.messages.uploadFailed", { name: file.name, message: text }));
    } finally {
      setUploading((n) => n - 1);
    }
  };

  const items: MaterialRef[] = ids.map((mid, i) => {
    const d = chosen[i]?.data;
    if (d) return d;
    const failed = chosen[i]?.isError;
    return {
      id: mid,
      title: failed ? t("materials.picker.unavailable") : t("common.loading"),
      fileName: "—",
      mimeType: "",
      size: 0,
    };
  });

  const optionList = (options.data?.items ?? []).map((m) => ({
    value: m.id,
    disabled: ids.includes(m.id),
    label: (
      <div style={{ display: "flex", alignItems: "center", gap: 8, minWidth: 0 }} data-testid="material-option">
        <MaterialIcon mimeType={m.mimeType} />
        <div style={{ minWidth: 0, flex: 1, lineHeight: 1.3 }}>
          <div style={{ overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>{m.title}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatSize(m.size)} · {m.orgName}
            {ids.includes(m.id) ? ` · ${t("materials.picker.alreadyChosen")}` : ""}
          </Typography.Text>
          {m.tags.length > 0 && (
            <div style={{ marginTop: 2 }}>
              {m.tags.slice(0, 4).map((tag) => (
                <Tag key={tag} style={{ fontSize: 11, lineHeight: "16px", marginInlineEnd: 4 }}>
                  {tag}
                </Tag>
              ))}
            </div>
          )}
        </div>
      </div>
    ),
  }));

  return (
    <div id={id} data-testid={testId} style={{ display: "flex", flexDirection: "column", gap: 8, minWidth: 0 }}>
      {!disabled && (
        <Space.Compact style={{ width: "100%" }}>
          <Select
            showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
            value={null}
            open={searchOpen}
            onOpenChange={(o) => {
              setSearchOpen(o);
              if (!o) setSearch("");
            }}
            disabled={full}
            placeholder={full ? t("materials.picker.full", { max: maxCount }) : t("materials.picker.searchPlaceholder")}
            suffixIcon={options.isFetching ? <LoadingOutlined /> : <SearchOutlined />}
            notFoundContent={
              options.isFetching ? t("common.loading") : q ? t("materials.picker.noMatch") : t("materials.picker.none")
            }
            options={optionList}
            onSelect={(mid: string | null) => {
              const m = options.data?.items.find((x) => x.id === mid);
              if (m) add(m);
              setSearch("");
            }}
            style={{ flex: 1, minWidth: 0 }}
            popupMatchSelectWidth
            listHeight={320}
            data-testid="material-picker-search"
          />
          {can("material:upload") && (
            <Upload
              accept={accept}
              capture={capture ? "environment" : undefined}
              multiple
              showUploadList={false}
              disabled={full}
              beforeUpload={(file) => {
                upload(file);
                return Upload.LIST_IGNORE;
              }}
            >
              <Button
                icon={<UploadOutlined />}
                loading={uploading > 0}
                disabled={full}
                data-testid="material-picker-upload"
              >
                {t("materials.picker.upload")}
              </Button>
            </Upload>
          )}
        </Space.Compact>
      )}
      <MaterialList
        items={items}
        onRemove={disabled ? undefined : remove}
        emptyText={disabled ? t("materials.list.empty") : t("materials.picker.empty")}
      />
      {!disabled && ids.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("materials.picker.count", { count: ids.length, max: maxCount })}
        </Typography.Text>
      )}
    </div>
  );
}
