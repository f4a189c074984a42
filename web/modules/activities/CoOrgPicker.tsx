import { Select } from "antd";
import { useRef, useState } from "react";
import type { CoOrgOption } from "../../../contracts/activities";
import { api } from "../../app/api";
import { t } from "../../app/i18n";

/**
 * 协办单位: an organization of the recorder's 旗县, found by typing part of its name (GET /api/activity-co-orgs,
 * which a unit may ask although its own scope shows it no other organization). `valueName` names the current value.
 */
export function CoOrgPicker({
  value,
  valueName,
  onChange,
  id,
}: {
  value?: string | null;
  valueName?: string | null;
  onChange?: (v: string | undefined) => void;
  id?: string;
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
        const found = await api.get<CoOrgOption[]>("/api/activity-co-orgs", { q: q.trim() || undefined });
        setOptions(found.map((o) => ({ value: o.id, label: `${o.name}（${o.regionName}）` })));
      } catch {
        setOptions([]);
      } finally {
        setLoading(false);
      }
    }, 250);
  };
  return (
    <Select
      id={id}
      style={{ width: "100%" }}
      value={value ?? undefined}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: search }}
      onFocus={() => options.length <= 1 && search("")}
      options={options}
      loading={loading}
      allowClear
      placeholder={t("activities.messages.coOrgSearch")}
      notFoundContent={loading ? t("activities.messages.searching") : t("activities.messages.coOrgNone")}
      data-testid="activity-co-org"
    />
  );
}
