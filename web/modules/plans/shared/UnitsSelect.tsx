import { Select } from "antd";
import { type CSSProperties, useEffect, useRef, useState } from "react";
import type { Org } from "../../../../contracts/org";
import { api, type Page } from "../../../app/api";
import { t } from "../../../app/i18n";

type Option = { value: string; label: string };

/**
 * Several organizations of the plan's region (and below) by typing part of their names: the responsible units
 * of a task. OrgPicker picks one organization anywhere in the user's scope; a task needs several, in its plan's region.
 */
export function UnitsSelect({
  value,
  onChange,
  regionCode,
  known = [],
  onNames,
  style,
}: {
  value?: string[];
  onChange?: (v: string[]) => void;
  /** Told the names of the chosen organizations whenever the choice changes (a lead-unit picker lists them). */
  onNames?: (names: Option[]) => void;
  regionCode: string;
  /** Names of organizations already chosen (the task's current units), so they show before any search. */
  known?: Option[];
  style?: CSSProperties;
}) {
  const [options, setOptions] = useState<Option[]>(known);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const search = (q: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      setLoading(true);
      try {
        const page = await api.get<Page<Org>>("/api/orgs", {
          q: q.trim() || undefined,
          regionCode,
          includeSubRegions: true,
          status: "active",
          pageSize: 20,
        });
        const found = page.items.map((o) => ({ value: o.id, label: o.name }));
        // Keep the chosen ones' names, whatever the search shows now.
        setOptions((prev) => [
          ...prev.filter((p) => value?.includes(p.value) && !found.some((f) => f.value === p.value)),
          ...found,
        ]);
      } catch {
        // the list stays as it was; the server's message shows when the form is saved
      } finally {
        setLoading(false);
      }
    }, 250);
  };

  useEffect(() => () => clearTimeout(timer.current), []);

  return (
    <Select
      mode="multiple"
      style={style}
      value={value}
      onChange={(ids: string[]) => {
        onChange?.(ids);
        onNames?.(ids.map((id) => options.find((o) => o.value === id) ?? { value: id, label: id }));
      }}
      options={options}
      showSearch={{ filterOption: false, onSearch: search }}
      onFocus={() => search("")}
      loading={loading}
      allowClear
      placeholder={t("plans.placeholders.units")}
      notFoundContent={loading ? t("plans.placeholders.searching") : t("plans.placeholders.noOrg")}
      data-testid="units-select"
    />
  );
}
