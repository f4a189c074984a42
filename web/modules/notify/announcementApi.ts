import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { AnnouncementCreate, AnnouncementDetail, AnnouncementSummary } from "../../../contracts/notify";
import { api, type Page } from "../../app/api";

export const announcementKeys = {
  all: ["announcements"] as const,
  list: (q: object) => ["announcements", "list", q] as const,
  detail: (id: string) => ["announcements", "detail", id] as const,
  receipts: (id: string, q: object) => ["announcements", "receipts", id, q] as const,
};

export type AnnouncementPage = Page<AnnouncementSummary> & { unread: number };

export function useAnnouncements(q: { box?: "inbox" | "managed"; pageSize?: number; unread?: boolean }) {
  return useQuery({
    queryKey: announcementKeys.list(q),
    queryFn: () => api.get<AnnouncementPage>("/api/announcements", q),
    placeholderData: keepPreviousData,
  });
}

export function useAnnouncement(id: string | null) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: announcementKeys.detail(id ?? ""),
    enabled: !!id,
    queryFn: async () => {
      const d = await api.get<AnnouncementDetail>(`/api/announcements/${id}`);
      // Opening it was the read receipt: the lists' unread marks and counts change.
      void qc.invalidateQueries({ queryKey: ["announcements", "list"] });
      return d;
    },
  });
}

export function usePublishAnnouncement() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AnnouncementCreate) => api.post<AnnouncementDetail>("/api/announcements", body),
    onSuccess: () => qc.invalidateQueries({ queryKey: announcementKeys.all }),
  });
}

export function useWithdrawAnnouncement(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => api.post<AnnouncementDetail>(`/api/announcements/${id}/withdraw`, { reason }),
    onSuccess: () => qc.invalidateQueries({ queryKey: announcementKeys.all }),
  });
}
