import { useQuery } from "@tanstack/react-query";
import type { Category } from "../../../contracts/creation";
import { NAMING_LEVELS, SCORING_METHODS } from "../../../contracts/evaluation";
import { api } from "../../app/api";
import { useAuth } from "../../app/auth";
import { t } from "../../app/i18n";

/** ListPage id of the sets list; invalidate after any write. */
export const SET_LIST_ID = "evaluation.sets";
export const setKey = (id: string) => ["indicator-set", id] as const;

export const levelOptions = () => NAMING_LEVELS.map((l) => ({ value: l, label: t(`evaluation.levels.${l}`) }));
export const methodOptions = () => SCORING_METHODS.map((m) => ({ value: m, label: t(`evaluation.methods.${m}`) }));

export const STATUS_LABELS = () => ({
  draft: { color: "gold", label: t("evaluation.statuses.draft") },
  published: { color: "green", label: t("evaluation.statuses.published") },
});

/** 创建类别 (the “8+N进” dictionary) as options and a code → label lookup; codes shown as they are without access. */
export function useCategories() {
  const { can } = useAuth();
  const q = useQuery({
    queryKey: ["creation", "categories"],
    queryFn: () => api.get<Category[]>("/api/creation/categories"),
    enabled: can("creation:read"),
    staleTime: 5 * 60_000,
  });
  const items = q.data ?? [];
  const labelOf = (code: string) => items.find((c) => c.code === code)?.label ?? code;
  return { options: items.map((c) => ({ value: c.code, label: c.label })), labelOf };
}
