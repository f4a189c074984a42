import { Select } from "antd";
import { type CSSProperties, useEffect, useRef, useState } from "react";
import type { Org } from "../../../contracts/org";
import { api, type Page } from "../api";

/**
 * Picks an organization within the user's scope by typing part of its name (server-side search, 20 at a time).
 * `valueName` is the current value's name as the server gave it with the object being edited: the value may lie
 * outside the user's scope (a guiding unit of a higher level), which the user cannot look up, and is still shown by
 * name, never by id.
 */
export function OrgPicker({
  value,
  valueName,
  onChange,
  style,
  placeholder = "输入名称搜索机构",
  exclude,
}: {
  value?: string | null;
  valueName?: string | null;
  onChange?: (v: string | undefined) => void;
  style?: CSSProperties;
  placeholder?: string;
  exclude?: string;
}) {
  const [options, setOptions] = useState<{ value: string; label: string }[]>(() =>
    value && valueName ? [{ value, label: valueName }] : [],
  );
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
      const named = (label: string) =>
        setOptions((opts) => [{ value, label }, ...opts.filter((o) => o.value !== value)]);
      api
        .get<Org>(`/api/orgs/${value}`)
        .then((o) => named(`${o.name}（${o.regionName}）`))
        // Outside the user's scope: the name given with the object, else a neutral word (never the id).
        .catch(() => named(valueName || "（无权查看的机构）"));
    }
  }, [value, valueName, options]);

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
