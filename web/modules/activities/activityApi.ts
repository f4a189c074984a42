import { type QueryClient, useQuery } from "@tanstack/react-query";
import type { ActivityDicts, ActivityView } from "../../../contracts/activities";
import { api } from "../../app/api";

/** Query keys of the activities pages. */
export const activityKeys = {
  list: ["activities.list"] as const,
  queue: ["activities.queue"] as const,
  dicts: ["activities.dicts"] as const,
  one: (id: string) => ["activities", id] as const,
  revisions: (id: string) => ["activities", id, "revisions"] as const,
  stats: ["activities.stats"] as const,
};

export function useActivityDicts() {
  return useQuery({
    queryKey: activityKeys.dicts,
    queryFn: () => api.get<ActivityDicts>("/api/activity-dicts"),
    staleTime: 10 * 60_000,
  });
}

export function useActivity(id: string | null) {
  return useQuery({
    queryKey: activityKeys.one(id ?? ""),
    queryFn: () => api.get<ActivityView>(`/api/activities/${id}`),
    enabled: !!id,
  });
}

/** After a write on a record: the record, its history, the lists and the statistics. */
export async function refreshActivity(qc: QueryClient, id: string) {
  await Promise.all([
    qc.invalidateQueries({ queryKey: ["activities", id] }),
    qc.invalidateQueries({ queryKey: activityKeys.list }),
    qc.invalidateQueries({ queryKey: activityKeys.queue }),
    qc.invalidateQueries({ queryKey: activityKeys.stats }),
    qc.invalidateQueries({ queryKey: ["history", `/api/activities/${id}/history`] }),
  ]);
}

export const evidenceHref = (activityId: string) => (m: { id: string }) => {
  const base = `/api/activities/${activityId}/evidence/${m.id}`;
  return { preview: `${base}/preview`, download: `${base}/download` };
};
