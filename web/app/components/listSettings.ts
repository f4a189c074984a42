import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef } from "react";
import type { ListPrefs, ListSettings, ListView, ListViewState } from "../../../contracts/identity";
import { api } from "../api";

const settingsKey = (listId: string) => ["me", "lists", listId] as const;
const base = (listId: string) => `/api/me/lists/${encodeURIComponent(listId)}`;

/**
 * The signed-in user's own settings of one list, kept on the server so they follow the user to any computer:
 * column choice and widths (saved a moment after the last change) and saved views.
 */
export function useListSettings(listId: string) {
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: settingsKey(listId),
    queryFn: () => api.get<ListSettings>(base(listId)),
    staleTime: 5 * 60_000,
  });
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const savePrefs = useCallback(
    (prefs: ListPrefs) => {
      qc.setQueryData<ListSettings>(settingsKey(listId), (old) => ({ views: old?.views ?? [], prefs }));
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        api.put(`${base(listId)}/prefs`, prefs).catch(() => undefined);
      }, 600);
    },
    [qc, listId],
  );
  useEffect(() => () => clearTimeout(timer.current), []);
  const saveView = useMutation({
    mutationFn: (v: { name: string; state: ListViewState }) => api.post<ListView>(`${base(listId)}/views`, v),
    onSuccess: () => qc.invalidateQueries({ queryKey: settingsKey(listId) }),
  });
  const deleteView = useMutation({
    mutationFn: (id: string) => api.delete(`${base(listId)}/views/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: settingsKey(listId) }),
  });
  return { settings: query.data, loaded: query.isFetched, savePrefs, saveView, deleteView };
}

export type LastListState = { filters: ListViewState["filters"]; page: number; pageSize: number; sort?: string };

/**
 * Where the user left a list in this browser tab (filters, page, sort), so coming back to it — from a detail
 * page, or another menu — shows the same rows. Kept per user: another sign-in on the same computer starts fresh.
 */
export const lastListState = {
  key: (userId: string | undefined, listId: string) => `shiliu.list.${userId ?? "anon"}.${listId}`,
  read(userId: string | undefined, listId: string): LastListState | null {
    try {
      return JSON.parse(sessionStorage.getItem(lastListState.key(userId, listId)) ?? "null");
    } catch {
      return null;
    }
  },
  write(userId: string | undefined, listId: string, s: LastListState) {
    try {
      sessionStorage.setItem(lastListState.key(userId, listId), JSON.stringify(s));
    } catch {}
  },
};
