import { useQuery } from "@tanstack/react-query";
import type { Rule } from "antd/es/form";
import { TEXT_MESSAGES, textProblem } from "../../../contracts/common";
import { api } from "../../app/api";
import { t } from "../../app/i18n";

/** Tags already used within the user's scope, as select options. */
export function useMaterialTags() {
  const q = useQuery({
    queryKey: ["materials", "tags"],
    queryFn: () => api.get<string[]>("/api/materials/tags"),
    staleTime: 60_000,
  });
  return (q.data ?? []).map((tag) => ({ value: tag, label: tag }));
}

/** The server's tag rules, checked before sending: at most 10, each at most 20 characters, one line without hidden characters. */
export function tagRules(): Rule[] {
  return [
    {
      validator: async (_, tags: string[] | undefined) => {
        const list = tags ?? [];
        if (list.length > 10) throw new Error(t("materials.validation.tooManyTags"));
        const long = list.find((x) => x.trim().length > 20);
        if (long) throw new Error(t("materials.validation.tagTooLong", { tag: long }));
        for (const tag of list) {
          const problem = textProblem(tag.trim(), "line");
          if (problem) throw new Error(t("materials.validation.tagUnsafe", { tag, reason: TEXT_MESSAGES[problem] }));
        }
      },
    },
  ];
}
