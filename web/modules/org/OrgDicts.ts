import { useQuery } from "@tanstack/react-query";
import { api } from "../../app/api";

export type DictItem = { code: string; label: string; sort: number };

/** Query key prefix of the organization list (ListPage id); invalidate it after any write. */
export const ORG_LIST_ID = "org.list";

/** 机构类型 (dictionary org_type) as select options; labels come from the server and are configurable. */
export function useOrgTypes() {
  const query = useQuery({
    queryKey: ["dict", "org_type"],
    queryFn: () => api.get<DictItem[]>("/api/dicts/org_type"),
    staleTime: 5 * 60_000,
  });
  const options = (query.data ?? []).map((d) => ({ value: d.code, label: d.label }));
  return { options, loading: query.isLoading };
}
