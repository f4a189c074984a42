import { Select } from "antd";
import { type CSSProperties, useEffect, useRef, useState } from "react";
import type { Org } from "../../../contracts/org";
import { api, type Page } from "../api";

/** Picks an organization within the user's scope by typing part of its name (server-side search, 20 at a time). */
export function OrgPicker({
  value,
  onChange,
  style,
  placeholder = "输入名称搜索机构",
  exclude,
}: {
  value?: string | null;
  onChange?: (v: string | undefined) => void;
  style?: CSSProperties;
  placeholder?: string;
  exclude?: string;
}) {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const search = (q: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      setLoading(true);
      try {
        const page = await api.get<Page<Org>>("/api/orgs", {
          q: q.trim() || undefined,
          pageSize: 20,
          status: "active",
        });
        setOptions(
          page.items
            .filter((o) => o.id !== exclude)
            .map((o) => ({ value: o.id, label: `${o.name}（${o.regionName}）` })),
        );
      } catch {
        setOptions([]);
      } finally {
        setLoading(false);
      }
    }, 250);
  };

  useEffect(() => {
    if (value && !options.some((o) => o.value === value)) {
      api
        .get<Org>(`/api/orgs/${value}`)
        .then((o) => setOptions((opts) => [{ value: o.id, label: `${o.name}（${o.regionName}）` }, ...opts]))
        .catch(() => undefined);
    }
  }, [value, options]);

  return (
    <Select
      style={style}
      value={value ?? undefined}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: search }}
      onFocus={() => options.length === 0 && search("")}
      options={options}
      loading={loading}
      allowClear
      placeholder={placeholder}
      notFoundContent={loading ? "搜索中…" : "无匹配机构"}
      data-testid="org-picker"
    />
  );
}
